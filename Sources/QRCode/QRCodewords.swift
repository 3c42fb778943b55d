/// The codeword sequence of a symbol: the byte-mode data stream, padded to capacity, split into
/// blocks, each followed by its Reed–Solomon codewords, then interleaved (ISO/IEC 18004:2015 §7.4–7.6).
enum QRCodewords {
    /// Everything that goes into the matrix, in placement order.
    static func sequence(for bytes: [UInt8], version: QRVersion, level: QRErrorCorrection) -> [UInt8] {
        interleave(dataCodewords(for: bytes, version: version, level: level), version: version, level: level)
    }

    /// Mode indicator 0100 (byte), character count, the bytes, a terminator of up to four zero
    /// bits, zero bits to the codeword boundary, then the alternating pad codewords 11101100 and
    /// 00010001 (§7.4.2, §7.4.10).
    static func dataCodewords(for bytes: [UInt8], version: QRVersion, level: QRErrorCorrection) -> [UInt8] {
        let capacity = version.dataCodewords(level)
        var buffer = BitBuffer(capacity: capacity * 8)
        buffer.append(0b0100, bits: 4)
        buffer.append(bytes.count, bits: version.byteCountBits)
        for byte in bytes { buffer.append(Int(byte), bits: 8) }
        precondition(buffer.count <= capacity * 8, "the caller chose a version too small for the data")
        buffer.append(0, bits: min(4, capacity * 8 - buffer.count))
        buffer.append(0, bits: (8 - buffer.count % 8) % 8)
        var codewords = buffer.bytes
        codewords.reserveCapacity(capacity)
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return codewords
    }

    /// Table 9 gives at most two block lengths per version and level, the longer blocks holding
    /// one more data codeword and coming last. The reader expects codeword i of every block
    /// before codeword i + 1 of any, data first, then error correction (§7.6), so a local
    /// smudge spreads its damage over all blocks.
    static func interleave(_ data: [UInt8], version: QRVersion, level: QRErrorCorrection) -> [UInt8] {
        let blockCount = version.blockCount(level)
        let eccLength = version.errorCorrectionCodewordsPerBlock(level)
        let shortDataLength = version.totalCodewords / blockCount - eccLength
        let shortBlockCount = blockCount - version.totalCodewords % blockCount
        let generator = ReedSolomon.generator(degree: eccLength)

        var dataBlocks: [ArraySlice<UInt8>] = []
        var eccBlocks: [[UInt8]] = []
        dataBlocks.reserveCapacity(blockCount)
        eccBlocks.reserveCapacity(blockCount)
        var start = data.startIndex
        for block in 0..<blockCount {
            let length = shortDataLength + (block < shortBlockCount ? 0 : 1)
            let slice = data[start..<(start + length)]
            dataBlocks.append(slice)
            eccBlocks.append(ReedSolomon.remainder(of: slice, generator: generator))
            start += length
        }

        var result: [UInt8] = []
        result.reserveCapacity(version.totalCodewords)
        for i in 0...shortDataLength {
            for block in dataBlocks where i < block.count {
                result.append(block[block.startIndex + i])
            }
        }
        for i in 0..<eccLength {
            for block in eccBlocks { result.append(block[i]) }
        }
        return result
    }
}

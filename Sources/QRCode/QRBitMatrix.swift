/// A symbol held twice, as bit lines by row and by column, so the penalty rules run along
/// both directions at the same speed.
struct QRBitMatrix: Equatable {
    let size: Int
    var rows: [QRBitLine]
    var columns: [QRBitLine]

    /// The modules of a row-major grid for which `isSet` holds.
    init(size: Int, where isSet: (Int) -> Bool) {
        self.size = size
        rows = (0..<size).map { y in
            var line = QRBitLine.zero
            for x in 0..<size where isSet(y * size + x) { line.insertModule(x) }
            return line
        }
        columns = (0..<size).map { x in
            var line = QRBitLine.zero
            for y in 0..<size where isSet(y * size + x) { line.insertModule(y) }
            return line
        }
    }

    mutating func insert(x: Int, y: Int) {
        rows[y].insertModule(x)
        columns[x].insertModule(y)
    }

    /// Row-major, 1 = dark, as `QRCode` stores its modules.
    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size * size)
        for row in rows {
            for x in 0..<size { bytes.append(row.containsModule(x) ? 1 : 0) }
        }
        return bytes
    }
}

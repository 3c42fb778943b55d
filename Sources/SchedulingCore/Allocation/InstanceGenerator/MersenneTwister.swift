/// Matsumoto and Nishimura's MT19937, seeded and read exactly as CPython's `random.Random`.
///
/// The core's ``SplitMix64`` is the generator for our own replayable streams; this one exists
/// only because the benchmark instances were defined by a Python script, and reproducing them
/// byte for byte needs Python's stream: `MersenneTwister(seed: s).random()` returns the same
/// numbers as `random.Random(s).random()` for every integer seed that fits in `Int`.
public struct MersenneTwister: Sendable {
    private static let n = 624
    private static let m = 397

    private var state: [UInt32]
    private var index: Int

    /// Seeds like `random.Random(seed)` for an `int`: `init_by_array` over the 32-bit words of
    /// `abs(seed)`, least significant first (seed 0 gives the key `[0]`).
    public init(seed: Int) {
        let magnitude = UInt64(seed.magnitude)
        let low = UInt32(truncatingIfNeeded: magnitude), high = UInt32(truncatingIfNeeded: magnitude >> 32)
        self.init(key: high == 0 ? [low] : [low, high])
    }

    /// The reference `init_by_array(key)`; an empty key is taken as `[0]`, CPython's key for seed 0.
    public init(key: [UInt32]) {
        let key = key.isEmpty ? [0] : key
        let n = Self.n
        var mt = [UInt32](repeating: 0, count: n)
        mt[0] = 19_650_218
        for i in 1..<n {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
        var i = 1, j = 0
        for _ in 0..<max(n, key.count) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1
            j += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000  // MSB is 1, assuring a non-zero initial array
        state = mt
        index = n
    }

    /// The next tempered 32-bit output (`genrand_uint32`).
    public mutating func nextUInt32() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Python's `random()`: a double in `[0, 1)` with 53 random bits taken from two outputs.
    public mutating func random() -> Double {
        let a = nextUInt32() >> 5, b = nextUInt32() >> 6
        return (Double(a) * 67_108_864.0 + Double(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Regenerates all 624 words of state.
    private mutating func twist() {
        let n = Self.n, m = Self.m
        state.withUnsafeMutableBufferPointer { mt in
            func mixed(_ upper: UInt32, _ lower: UInt32, _ far: UInt32) -> UInt32 {
                let y = (upper & 0x8000_0000) | (lower & 0x7FFF_FFFF)
                return far ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
            }
            for k in 0..<(n - m) { mt[k] = mixed(mt[k], mt[k + 1], mt[k + m]) }
            for k in (n - m)..<(n - 1) { mt[k] = mixed(mt[k], mt[k + 1], mt[k + m - n]) }
            mt[n - 1] = mixed(mt[n - 1], mt[0], mt[m - 1])
        }
        index = 0
    }
}

/// The draws of `gen_instance.py`'s `Rng` class, all built on `random()` alone (the only part of
/// Python's `random` whose stream is fixed for an int seed) with the script's exact arithmetic.
struct InstanceDraws {
    private var twister: MersenneTwister

    init(seed: Int) {
        twister = MersenneTwister(seed: seed)
    }

    /// `u()`: uniform in `[0, 1)`.
    mutating func uniform() -> Double {
        twister.random()
    }

    /// `randint(lo, hi)`, both inclusive: `lo + int(u() * (hi - lo + 1))`.
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(uniform() * Double(range.upperBound - range.lowerBound + 1))
    }

    /// `weighted(weights)`: the first index whose running sum exceeds `u() * sum(weights)`.
    ///
    /// The sum is taken left to right, as Python 3.11's `sum()` does; every weight list of the
    /// generator sums to exactly 1.0 that way and with 3.12's compensated `sum()` alike.
    mutating func weighted(_ weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        let x = uniform() * total
        var running = 0.0, i = 0
        while i < weights.count {
            running += weights[i]
            if x < running { return i }
            i += 1
        }
        return weights.count - 1
    }

    /// `normalish()`: six uniforms summed, centred and scaled to roughly N(0, 1) without libm.
    mutating func normalish() -> Double {
        var sum = 0.0
        for _ in 0..<6 { sum += uniform() }
        return (sum - 3.0) * 1.4142135623730951
    }
}

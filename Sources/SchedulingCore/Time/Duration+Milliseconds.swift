extension Duration {
    /// The duration in (fractional) milliseconds, as benchmarks and metrics report it.
    public var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}

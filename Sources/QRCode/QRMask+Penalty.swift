extension QRMask {
    // Penalty weights N1–N4 of ISO/IEC 18004:2015 §7.8.3.1, Table 11.
    static let sameColourRun = 3
    static let sameColourBlock = 3
    static let finderLike = 40
    static let imbalance = 10

    /// The total penalty of a masked symbol, lower is better (§7.8.3).
    ///
    /// Finder-like patterns are only counted inside the symbol, as most encoders do; the
    /// standard leaves open whether the quiet zone counts as the four light modules.
    static func penalty(_ symbol: QRBitMatrix) -> Int {
        let size = symbol.size
        // Where a window of 2, 5 or 11 modules starting there lies inside the symbol.
        let pairs = QRBitLine.firstModules(size - 1)
        let fives = QRBitLine.firstModules(size - 4)
        let elevens = QRBitLine.firstModules(size - 10)
        var total = 0
        for line in symbol.rows { total += linePenalty(line, fives: fives, elevens: elevens) }
        for line in symbol.columns { total += linePenalty(line, fives: fives, elevens: elevens) }

        var dark = symbol.rows[0].moduleCount
        for y in 1..<size {
            let upper = symbol.rows[y - 1], lower = symbol.rows[y]
            let sameDown = ~(upper ^ lower)
            let sameRight = ~(upper ^ upper.advanced(by: 1))
            total += sameColourBlock * (sameDown & sameDown.advanced(by: 1) & sameRight & pairs).moduleCount
            dark += lower.moduleCount
        }
        // N4 for every full 5 % step the dark share is away from 50 %.
        let cells = size * size
        return total + imbalance * (abs(dark * 20 - cells * 10) / cells)
    }

    /// Rules 1 and 3 along one row or column: runs of five or more modules of one colour, and
    /// dark-light-dark-dark-dark-light-dark with four light modules after or before it.
    /// Bit i of each intermediate line says whether the window starting at module i matches.
    private static func linePenalty(_ line: QRBitLine, fives: QRBitLine, elevens: QRBitLine) -> Int {
        let next1 = line.advanced(by: 1), next2 = line.advanced(by: 2), next3 = line.advanced(by: 3)
        let next4 = line.advanced(by: 4), next5 = line.advanced(by: 5), next6 = line.advanced(by: 6)
        let fourLight = ~(line | next1 | next2 | next3)

        // A run of n ≥ 5 starts n − 4 windows of five equal modules; it costs N1 + (n − 5),
        // which is one per window plus N1 − 1 once per run.
        let fiveSame = (line & next1 & next2 & next3 & next4 | fourLight & ~next4) & fives
        let runStarts = fiveSame & ~fiveSame.delayedByOne()

        let finder = line & ~next1 & next2 & next3 & next4 & ~next5 & next6
        let finderLikeStarts = (finder & fourLight.advanced(by: 7) | fourLight & finder.advanced(by: 4)) & elevens

        return fiveSame.moduleCount + (sameColourRun - 1) * runStarts.moduleCount
            + finderLike * finderLikeStarts.moduleCount
    }
}

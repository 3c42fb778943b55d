/// Synthetic batch-allocation instances (format `wegweiser-allocation/1`), the same byte for byte
/// as those of the benchmark's `gen_instance.py`, so tests and benches can make the reference
/// instances, whose optima are known, without Python.
///
/// The model is loosely Duisburg-shaped: participants and courses are scattered around seven
/// district centres on integer metre coordinates. A participant is eligible for a course of its
/// level or the next one up that respects the women-only rules and lies within reach; its list is
/// cut to the `maxEligible` nearest and topped up to `minEligible` with the nearest compatible
/// courses beyond reach. An arc costs the distance in 100 m units (half up), plus the course's
/// start day, plus `todPenalty` if the time of day is not the one the participant prefers.
public enum AllocationInstanceGenerator {
    /// The script's arguments, with its defaults.
    public struct Options: Sendable, Hashable {
        public var participants: Int
        public var courses: Int
        /// Any `Int`: the stream is Python's `random.Random(seed)`.
        public var seed: Int
        /// How far a participant travels; `nil` means ``defaultReachKm(courses:)``.
        public var reachKm: Double?
        /// Lists shorter than this within reach are topped up with the nearest courses beyond it.
        public var minEligible: Int
        /// Lists are cut to this many nearest courses.
        public var maxEligible: Int
        /// Extra cost of a course at another time of day than the participant prefers.
        public var todPenalty: Int

        public init(
            participants: Int, courses: Int, seed: Int = 1, reachKm: Double? = nil,
            minEligible: Int = 10, maxEligible: Int = 40, todPenalty: Int = 30
        ) {
            self.participants = participants
            self.courses = courses
            self.seed = seed
            self.reachKm = reachKm
            self.minEligible = minEligible
            self.maxEligible = maxEligible
            self.todPenalty = todPenalty
        }

        /// Why these options cannot be generated, or `nil`. The bounds keep every coordinate,
        /// sort key and cost exact in `Int`; the script would accept some values beyond them
        /// (negative limits, say) but make no sense of them.
        public var defect: String? {
            if participants < 0 { return "participants must not be negative" }
            if courses < 1 { return "courses must be at least 1" }
            if courses > 100_000_000 { return "courses must be at most 100000000" }
            if let reachKm, !(reachKm >= 0 && reachKm <= 1_000_000) { return "reach must be between 0 and 1000000 km" }
            if minEligible < 0 || maxEligible < 0 { return "minEligible and maxEligible must not be negative" }
            if !(0...1_000_000_000).contains(todPenalty) { return "todPenalty must be between 0 and 1000000000" }
            return nil
        }
    }

    /// A district of Duisburg: its centre in km on the local grid (origin 51.33 N, 6.63 E; x east,
    /// y north) and its share of participants and of courses.
    public struct District: Sendable, Hashable {
        public var name: String
        public var centreXKm: Double
        public var centreYKm: Double
        public var participantWeight: Double
        public var courseWeight: Double
    }

    /// The seven districts, in the order the draws index them.
    public static let districts: [District] = [
        District(name: "Walsum", centreXKm: 4.9, centreYKm: 22.2, participantWeight: 0.10, courseWeight: 0.08),
        District(name: "Hamborn", centreXKm: 9.7, centreYKm: 17.8, participantWeight: 0.21, courseWeight: 0.17),
        District(name: "Meiderich/Beeck", centreXKm: 9.7, centreYKm: 15.0, participantWeight: 0.16, courseWeight: 0.13),
        District(name: "Homberg/Ruhrort/Baerl", centreXKm: 4.9, centreYKm: 14.5, participantWeight: 0.10, courseWeight: 0.10),
        District(name: "Mitte", centreXKm: 9.7, centreYKm: 10.0, participantWeight: 0.20, courseWeight: 0.27),
        District(name: "Rheinhausen", centreXKm: 5.6, centreYKm: 7.8, participantWeight: 0.12, courseWeight: 0.12),
        District(name: "Süd", centreXKm: 8.3, centreYKm: 3.3, participantWeight: 0.11, courseWeight: 0.13),
    ]

    /// The levels that occur, in order: a course at index `l` or `l + 1` suits a participant at `l`.
    public static let levels: [Level] = [.a1, .a2, .b1, .b2, .c1]

    /// When a course meets, and when a participant would like it to.
    public enum DayPart: String, CaseIterable, Sendable {
        case morning, afternoon, evening
    }

    /// City bounding box in metres; scattered points are clamped into it.
    static let cityWidthMetres = 15_000, cityHeightMetres = 25_500
    /// Standard deviation (roughly) of the scatter around a district centre, in km.
    static let spreadKm = 1.6

    public struct Course: Sendable, Hashable {
        /// `c00001`, `c00002`, …: course `j` is `j + 1`, at least five digits.
        public var id: String
        public var capacity: Int
        public var level: Level
        public var womenOnly: Bool
        /// Index into ``AllocationInstanceGenerator/districts``.
        public var district: Int
        /// Metres east and north on the local grid.
        public var x: Int, y: Int
        /// Days from the allocation date until the course starts.
        public var startDay: Int
        public var timeOfDay: DayPart
    }

    public struct Participant: Sendable, Hashable {
        /// `p000001`, …: participant `i` is `i + 1`, at least six digits.
        public var id: String
        public var level: Level
        public var gender: Gender
        public var needsWomenOnly: Bool
        /// Index into ``AllocationInstanceGenerator/districts``.
        public var district: Int
        public var x: Int, y: Int
        public var preferredTime: DayPart
        /// Eligible courses with their costs, sorted by course index.
        public var arcs: [Arc]
    }

    /// One eligible course of a participant and what placing the participant there costs.
    public struct Arc: Sendable, Hashable {
        public var course: Int
        public var cost: Int
    }

    /// A generated instance: the model and the figures the file records.
    public struct Instance: Sendable {
        /// The options it was made with, `reachKm` resolved.
        public var options: Options
        public var courses: [Course]
        public var participants: [Participant]
        /// The largest arc cost (0 without arcs).
        public var maxArcCost: Int
        /// `min(P, C) * maxArcCost + 1`: makes a min-cost flow place as many as possible first.
        public var unassignedCost: Int

        /// The solver's input, the same as parsing ``jsonBytes()`` would give, without the text.
        public func problem() throws -> AllocationProblem {
            var arcStart: [Int32] = [0], arcCourse: [Int32] = [], arcCost: [Int64] = []
            arcStart.reserveCapacity(participants.count + 1)
            for participant in participants {
                for arc in participant.arcs {
                    arcCourse.append(Int32(arc.course))
                    arcCost.append(Int64(arc.cost))
                }
                guard let end = Int32(exactly: arcCourse.count) else {
                    throw AllocationError("more than \(Int32.max) arcs")
                }
                arcStart.append(end)
            }
            return try AllocationProblem(
                capacities: courses.map { Int32($0.capacity) }, arcStart: arcStart, arcCourse: arcCourse, arcCost: arcCost)
        }
    }

    /// `round(10 * sqrt(60 / courses), 3)` km: keeps roughly 10 to 40 courses within reach as
    /// the course density grows with `courses` on the fixed city map.
    public static func defaultReachKm(courses: Int) -> Double {
        PythonFloat.round(10.0 * (60.0 / Double(courses)).squareRoot(), decimals: 3)
    }

    /// Generates the instance `gen_instance.py` makes for the same options.
    /// - Precondition: `options.defect == nil`.
    public static func generate(_ options: Options) -> Instance {
        precondition(options.defect == nil, options.defect ?? "")
        var options = options
        let reachKm = options.reachKm ?? defaultReachKm(courses: options.courses)
        options.reachKm = reachKm
        var draws = InstanceDraws(seed: options.seed)
        let courseWeights = districts.map(\.courseWeight)
        let participantWeights = districts.map(\.participantWeight)

        // Each field is drawn in the order the script's dict literals evaluate.
        var courses: [Course] = []
        courses.reserveCapacity(options.courses)
        for j in 0..<options.courses {
            let district = draws.weighted(courseWeights)
            let (x, y) = place(in: district, &draws)
            let capacity = draws.integer(8...25)
            let level = levels[draws.weighted([0.26, 0.24, 0.22, 0.16, 0.12])]
            let womenOnly = draws.uniform() < 0.15
            let startDay = draws.integer(0...89)
            let timeOfDay = DayPart.allCases[draws.weighted([0.5, 0.3, 0.2])]
            courses.append(Course(
                id: numbered("c", j + 1, digits: 5), capacity: capacity, level: level, womenOnly: womenOnly,
                district: district, x: x, y: y, startDay: startDay, timeOfDay: timeOfDay))
        }
        var participants: [Participant] = []
        participants.reserveCapacity(options.participants)
        let genders: [Gender] = [.female, .male, .diverse]
        for i in 0..<options.participants {
            let district = draws.weighted(participantWeights)
            let (x, y) = place(in: district, &draws)
            let gender = genders[draws.weighted([0.55, 0.44, 0.01])]
            // Drawn for women only, as the script's `and` short-circuits.
            let needsWomenOnly = gender == .female && draws.uniform() < 0.20
            let level = levels[draws.weighted([0.32, 0.26, 0.22, 0.12, 0.08])]
            let preferredTime = DayPart.allCases[draws.weighted([0.45, 0.35, 0.20])]
            participants.append(Participant(
                id: numbered("p", i + 1, digits: 6), level: level, gender: gender, needsWomenOnly: needsWomenOnly,
                district: district, x: x, y: y, preferredTime: preferredTime, arcs: []))
        }

        let reachMetres = Int((reachKm * 1000).rounded(.toNearestOrEven))
        let maxArcCost = attachArcs(to: &participants, courses: courses, reachMetres: reachMetres, options: options)
        return Instance(
            options: options, courses: courses, participants: participants, maxArcCost: maxArcCost,
            unassignedCost: min(options.participants, options.courses) * maxArcCost + 1)
    }

    /// A point scattered around the district's centre, rounded half-even to whole metres
    /// (Python's `round`) and clamped to the city.
    private static func place(in district: Int, _ draws: inout InstanceDraws) -> (x: Int, y: Int) {
        let centre = districts[district]
        let x = Int(((centre.centreXKm + spreadKm * draws.normalish()) * 1000).rounded(.toNearestOrEven))
        let y = Int(((centre.centreYKm + spreadKm * draws.normalish()) * 1000).rounded(.toNearestOrEven))
        return (min(max(x, 0), cityWidthMetres), min(max(y, 0), cityHeightMetres))
    }

    /// `prefix` followed by `number` zero-padded to at least `digits` digits (`"c%05d"`).
    private static func numbered(_ prefix: String, _ number: Int, digits: Int) -> String {
        let text = String(number)
        return prefix + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

/// A batch allocation asked of the ledger: place waiting participants in courses with free seats.
public struct AllocationRequest: Hashable, Sendable, Codable {
    /// The courses to fill; every course with free seats that has not begun when `nil`.
    public var courseIds: [String]?
    /// Whose waiting participants to place: one advice centre's, or everyone's when `nil`.
    public var centreId: String?
    /// Only propose: decide nothing, book nothing.
    public var dryRun: Bool
    /// New bookings get this prefix and their index (`prefix-0`, `prefix-1`, …).
    public var bookingIdPrefix: String

    public init(courseIds: [String]? = nil, centreId: String? = nil, dryRun: Bool = false, bookingIdPrefix: String) {
        self.courseIds = courseIds
        self.centreId = centreId
        self.dryRun = dryRun
        self.bookingIdPrefix = bookingIdPrefix
    }
}

/// What an allocation placed (or, in a dry run, would place).
public struct AllocationOutcome: Hashable, Sendable, Codable {
    public var placements: [Placement]
    /// Waiting participants who could not be placed.
    public var unassigned: Int
    /// Sum of the placements' `PlacementCost`s.
    public var cost: Int64
    /// The confirmed bookings; empty in a dry run.
    public var bookings: [Booking]
    public var dryRun: Bool
}

/// The min-cost-flow instance for a request, with the ids behind its indices.
struct AllocationPlan {
    var participantIds: [String]
    var courseIds: [String]
    var problem: AllocationProblem
}

extension Ledger {
    /// Waiting participants (those holding a waitlisted course booking) against courses with free
    /// seats that have not begun; an arc wherever every eligibility rule holds.
    func allocationPlan(_ request: AllocationRequest, now: Timestamp) -> AllocationPlan {
        let localNow = zone.local(now)
        let wanted = request.courseIds.map(Set.init)
        let courseIds = courses.keys.filter { id in
            guard wanted?.contains(id) ?? true, let seats = seats[id], seats.confirmed < seats.capacity,
                  let course = courses[id]?.course else { return false }
            return course.firstStart > localNow
        }.sorted()
        let waiting = Set(bookings.values.lazy.filter { $0.status == .waitlisted }.map(\.participantId))
        let participantIds = waiting.filter { id in
            request.centreId == nil || participants[id]?.centreId == request.centreId
        }.sorted { (participants[$0]!.registeredAt, $0) < (participants[$1]!.registeredAt, $1) }
        var arcStart: [Int32] = [0], arcCourse: [Int32] = [], arcCost: [Int64] = []
        for id in participantIds {
            let participant = participants[id]!
            var context = EligibilityContext(localNow: localNow, zone: zone)
            context.confirmed = holdings[id].map { Array($0.confirmed.values) } ?? []
            let registered = zone.local(participant.registeredAt).date
            for (index, courseId) in courseIds.enumerated() {
                let (course, location) = courses[courseId]!
                guard holdings[id]?.active[.course(courseId)].flatMap({ bookings[$0] })?.status != .confirmed,
                      Eligibility.isEligible(participant, for: .course(course, at: location), in: context) else { continue }
                arcCourse.append(Int32(index))
                arcCost.append(PlacementCost.cost(of: participant, in: course, at: location, now: localNow, registeredOn: registered))
            }
            arcStart.append(Int32(arcCourse.count))
        }
        let capacities = courseIds.map { Int32(seats[$0]!.capacity - seats[$0]!.confirmed) }
        // The arrays are built consistently above, so the problem's own checks cannot fail.
        let problem = try! AllocationProblem(capacities: capacities, arcStart: arcStart, arcCourse: arcCourse, arcCost: arcCost)
        return AllocationPlan(participantIds: participantIds, courseIds: courseIds, problem: problem)
    }

    /// Solves the request's allocation and, unless it is a dry run, books the result in one step.
    mutating func allocate(_ request: AllocationRequest, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        let plan = allocationPlan(request, now: now)
        let solution = AllocationSolver.solve(plan.problem)
        let placements = solution.courseOf.enumerated().compactMap { participant, course -> Placement? in
            course < 0 ? nil : Placement(participantId: plan.participantIds[participant], courseId: plan.courseIds[Int(course)])
        }
        var outcome = AllocationOutcome(
            placements: placements, unassigned: plan.participantIds.count - placements.count, cost: solution.cost,
            bookings: [], dryRun: request.dryRun)
        guard !request.dryRun, !placements.isEmpty else { return (.allocation(outcome), []) }
        let ids = placements.indices.map { "\(request.bookingIdPrefix)-\($0)" }
        let (decision, events) = allocate(placements, bookingIds: ids, now: now)
        guard case .allocated(let booked) = decision else { return (decision, []) }
        outcome.bookings = booked
        return (.allocation(outcome), events)
    }
}

import SchedulingCore

/// How long Wegweiser keeps what (docs/data-protection.md, "Retention").
public struct RetentionPolicy: Sendable, Equatable {
    /// A participant is erased once this many months have passed since the last of their
    /// registration, consent, booking changes and the end of every offer they hold a booking for.
    public var participantMonths: Int
    /// Idempotency answers are kept this long: long enough for any client's retry.
    public var idempotencySeconds: Int64 = Ledger.replayLifetime
    /// Finished mail rows keep the server's answer, and file mode its `.eml` files, this long.
    public var mailDays: Int64 = 30

    public static let participantMonthsRange = 1...120
    public static let standard = RetentionPolicy(participantMonths: 24)!

    public init?(participantMonths: Int) {
        guard Self.participantMonthsRange.contains(participantMonths) else { return nil }
        self.participantMonths = participantMonths
    }

    /// An average month (365.25 / 12 days): the period is a legal rule of thumb, not a calendar date.
    static let secondsPerMonth: Int64 = 2_629_800

    func participantCutoff(_ now: Timestamp) -> Timestamp {
        Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - Int64(participantMonths) * Self.secondsPerMonth)
    }

    func idempotencyCutoff(_ now: Timestamp) -> Timestamp {
        Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - idempotencySeconds)
    }

    func mailCutoff(_ now: Timestamp) -> Timestamp {
        Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - mailDays * 86_400)
    }
}

/// What one retention run deleted, or would delete: counts only, never names.
public struct RetentionReport: Sendable, Equatable, Encodable, CustomStringConvertible {
    public var participants = 0
    public var idempotencyAnswers = 0
    public var mailRows = 0
    public var mailFiles = 0
    /// Staff invitations past their seven days, never used.
    public var invitations = 0

    public init() {}

    public var description: String {
        "\(participants) participants to erase, \(idempotencyAnswers) idempotency answers, \(mailRows) finished mail rows to clear, \(mailFiles) mail files, \(invitations) expired invitations"
    }
}

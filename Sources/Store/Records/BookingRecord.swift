import GRDB
import SchedulingCore

/// A row of `booking`: exactly one of `courseId` and `slotId` is set.
struct BookingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "booking"
    var id: String
    var participantId: String
    var courseId: String?
    var slotId: String?
    var status: String
    var waitlistSeq: Int64?
    var sequence: Int
    var createdAt: Int64
    var updatedAt: Int64
    var cancelledBy: String?
    /// Why the provider released the seat.
    var cancelReason: String?
    /// When the course booking's attendance put it at risk; cleared once it no longer does.
    var atRiskSince: Int64?
    /// Whether the participant came to the counselling appointment, once the centre recorded it.
    var attended: Bool?

    func model() throws -> Booking {
        let offer: OfferRef
        if let courseId { offer = .course(courseId) } else if let slotId { offer = .slot(slotId) } else {
            throw CorruptRow(column: "booking.courseId", value: "NULL")
        }
        return Booking(
            id: id, participantId: participantId, offer: offer,
            status: try decode(BookingStatus.self, status, column: "booking.status"), waitlistSeq: waitlistSeq,
            sequence: sequence,
            cancelledBy: try cancelledBy.map { try decode(Canceller.self, $0, column: "booking.cancelledBy") }, createdAt: Timestamp(secondsSinceEpoch: createdAt),
            updatedAt: Timestamp(secondsSinceEpoch: updatedAt))
    }
}

import Foundation
import NIOCore
import SchedulingCore
import Testing
@testable import WebAPI

@Suite("The hand-written booking answer is the encoder's, byte for byte")
struct JSONObjectWriterTests {
    static let created = Timestamp(secondsSinceEpoch: 1_799_000_000)

    static func encoded(_ view: BookingView) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(view), as: UTF8.self)
    }

    static let bookings: [(Booking, Int?)] = [
        (Booking(id: "bkg_01", participantId: "p-1", offer: .course("c-1"), status: .confirmed, sequence: 0, createdAt: created, updatedAt: created), nil),
        (Booking(id: "bkg_02", participantId: "p-2", offer: .course("c/2"), status: .waitlisted, waitlistSeq: 7, sequence: 3, createdAt: created, updatedAt: created.adding(seconds: 95)), 4),
        (Booking(id: "bkg_03", participantId: "p-3", offer: .slot("s-1"), status: .cancelled, sequence: 12, createdAt: created, updatedAt: created), 2),
        // Ids come from clients: quotes, backslashes, control characters, slashes and any script.
        (Booking(id: "bkg \"4\"", participantId: "a\\b\u{0}\u{01}\u{1F}\n\r\t\u{08}\u{0C}\u{7F}\u{2028}/ü€😀", offer: .course("كورس"), status: .confirmed, createdAt: created, updatedAt: created), nil),
    ]

    @Test("confirmed, waitlisted with its position, a slot, and escaped text", arguments: 0..<bookings.count)
    func sameBytes(index: Int) throws {
        let (booking, position) = Self.bookings[index]
        let view = BookingView(booking, waitlistPosition: position, zone: .europeBerlin)
        let written = String(buffer: view.json)
        #expect(written == (try Self.encoded(view)))
        #expect(try JSONSerialization.jsonObject(with: Data(written.utf8)) is [String: Any])
    }
}

import Testing
@testable import SMTPClient

/// Python's `email` package reads our messages back to the original Unicode values.
@Suite struct PythonParsingTests {
    @Test func sampleMessagesParseToOriginalValues() async throws {
        try await MessageChecker.check(SampleMessages.all.map { ($0.message.rendered(), $0.message) })
    }

    @Test func hostileAndLongValuesParseBack() async throws {
        var message = SampleMessages.ayse
        message.subject = String(repeating: "Çok uzun bir konu satırı, ", count: 6) + "son."
        message.to = try MailAddress("x@example.org", displayName: String(repeating: "Şükrü ", count: 15) + "Öztürk")
        var cancel = SampleMessages.mohammed
        cancel.calendar?.method = .cancel
        try await MessageChecker.check([(message.rendered(), message), (cancel.rendered(), cancel)])
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// SMTP over TLS through `wegweiser serve`, against aiosmtpd with certificates of a test CA made
/// for the test: STARTTLS and `smtps://` with a sign-in deliver once `--smtp-ca-file` names the CA;
/// a certificate for another host name or from a CA not given keeps the mail queued with an alert
/// in the log and on `/metrics`, and the mail goes out once the certificate is right.
@Suite(.serialized) struct SMTPTLSTests {
    /// What every test has: a database with a provider and an advice centre, the certificates.
    struct Setup {
        let scratch: Scratch
        let provider: String
        let centre: String
        let certificates: TestCertificates
        let password: String

        init() async throws {
            scratch = try Scratch()
            let database = scratch.databasePath
            provider = try await ServeData.organisation("provider", database: database)
            centre = try await ServeData.organisation("advice-centre", database: database)
            certificates = try #require(try await TestCertificates.make())
            password = try scratch.file("smtp-password", "richtig-und-lang\n")
        }

        /// `serve` from `time` on (libfaketime), with one SMTP connection and `/metrics` on.
        func serve(at time: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> ServeProcess {
            let server = try SMTPConfigurationTests.serve(at: time, scratch, arguments, environment: environment)
            try await server.waitUntilHealthy()
            return server
        }

        /// Books Ayşe on a new course: one confirmation is queued.
        func book(on server: ServeProcess) async throws {
            let course = try await ServeData.course(on: server, provider: provider, capacity: 5, dates: ("2028-03-06", "2028-05-25"))
            let person = try await ServeData.participant(on: server, centre: centre, name: "Ayşe Yılmaz", email: "ayse@example.org", language: "tr")
            let (booked, _) = try await server.request("POST", "/v1/bookings", token: centre, json: ["participantId": person, "courseId": course])
            try #require(booked == 201)
        }

        /// The one mail, once it has been tried `attempts` times or sent (`eventually`).
        func mail(on server: ServeProcess, attempts: Int) async throws -> [String: Any] {
            var mail: [String: Any] = [:]
            _ = try await eventually {
                let (_, list) = try await server.request("GET", "/v1/notifications", token: centre)
                mail = (list["notifications"] as? [[String: Any]])?.first ?? [:]
                return (mail["attempts"] as? Int ?? 0) >= attempts || mail["status"] as? String == "sent"
            }
            return mail
        }

        /// An aiosmtpd that wants the sign-in `password` holds and speaks `tls` (on `port` if given).
        func sink(_ tls: SMTPSink.TLS, on port: HeldPort? = nil) async throws -> SMTPSink {
            try #require(try await SMTPSink.start(on: port, auth: "wegweiser:richtig-und-lang", tls: tls))
        }

        func remove() {
            certificates.remove()
            try? FileManager.default.removeItem(at: scratch.directory)
        }
    }

    /// `wegweiser_mail_refused_for_configuration_total` on `server`'s `/metrics`.
    static func refusals(on server: ServeProcess) async throws -> Int? {
        var request = URLRequest(url: URL(string: server.baseURL + "/metrics")!)
        request.setValue("Bearer metrics-token-of-this-test", forHTTPHeaderField: "Authorization")
        let (metrics, _) = try await URLSession.shared.data(for: request)
        let line = String(decoding: metrics, as: UTF8.self).split(separator: "\n").first {
            $0.hasPrefix("wegweiser_mail_refused_for_configuration_total ")
        }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") }
    }

    /// The mail waits after a failed handshake: pending, the TLS error kept, counted on `/metrics`,
    /// and an alert in the log that names no participant. Stops the server.
    /// Books, then expects Ayşe's mail at `smtp` over TLS and marked sent after one attempt.
    static func expectDeliveredOverTLS(_ setup: Setup, _ server: ServeProcess, _ smtp: SMTPSink) async throws {
        try await setup.book(on: server)
        let received = try await smtp.received(count: 1)
        #expect(received.map(\.rcpt_tos) == [["ayse@example.org"]])
        #expect(received.first?.tls?.hasPrefix("TLS") == true, "sent over TLS: \(received.map(\.tls))")
        #expect(try await setup.mail(on: server, attempts: 1)["status"] as? String == "sent")
    }

    static func expectQueuedForTLS(_ setup: Setup, _ server: ServeProcess, attempts: Int, reason: String) async throws {
        let mail = try await setup.mail(on: server, attempts: attempts)
        #expect(mail["status"] as? String == "pending", "queued, not failed: \(mail)")
        #expect(mail["attempts"] as? Int == attempts, "\(mail)")
        let error = mail["lastError"] as? String ?? ""
        #expect(error.hasPrefix("TLS failed (curl 60)") && error.contains(reason), "\(mail)")
        // Counted once the drain that recorded the attempt has ended: a moment after the list shows it.
        var counted: Int?
        _ = try await eventually {
            counted = try await refusals(on: server)
            return (counted ?? 0) > 0
        }
        #expect((counted ?? 0) > 0, "the alarm counts it: \(String(describing: counted))")
        try await server.terminate()
        let log = try String(contentsOf: server.log, encoding: .utf8)
        #expect(log.contains("TLS with the mail server failed"), "\(log)")
        #expect(log.contains(reason), "the log says why")
        #expect(!log.contains("ayse@example.org"))
    }

    @Test func startTLSWithASignInDeliversWithTheCAFromTheCAFile() async throws {
        let setup = try await Setup()
        defer { setup.remove() }
        let certificates = setup.certificates
        let smtp = try await setup.sink(.startTLS(certificates.localhost))
        defer { smtp.stop() }

        // As localhost: the certificate's DNS name is checked.
        let server = try await setup.serve(at: "2028-02-01 10:00:00", [
            "--smtp-url", smtp.url(host: "localhost"), "--smtp-user", "wegweiser", "--smtp-password-file", setup.password,
            "--smtp-ca-file", certificates.ca,
        ])
        try await Self.expectDeliveredOverTLS(setup, server, smtp)
        #expect(try await Self.refusals(on: server) == 0)
        try await server.terminate()
    }

    @Test func implicitTLSWithASignInDeliversWithTheCAFileFromTheEnvironment() async throws {
        let setup = try await Setup()
        defer { setup.remove() }
        let certificates = setup.certificates
        let smtp = try await setup.sink(.implicit(certificates.localhost))
        defer { smtp.stop() }
        #expect(smtp.url.hasPrefix("smtps://127.0.0.1:"))

        // As 127.0.0.1: the certificate's IP address is checked.
        let server = try await setup.serve(
            at: "2028-02-01 10:00:00", ["--smtp-url", smtp.url, "--smtp-user", "wegweiser", "--smtp-password-file", setup.password],
            environment: ["WEGWEISER_SMTP_CA_FILE": certificates.ca])
        try await Self.expectDeliveredOverTLS(setup, server, smtp)
        try await server.terminate()
    }

    @Test func aCertificateForAnotherHostKeepsTheMailQueuedUntilTheServerHasTheRightOne() async throws {
        let setup = try await Setup()
        defer { setup.remove() }
        let certificates = setup.certificates
        let wrong = try await setup.sink(.startTLS(certificates.wrongHost))
        let arguments = [
            "--smtp-url", wrong.url, "--smtp-user", "wegweiser", "--smtp-password-file", setup.password, "--smtp-ca-file", certificates.ca,
        ]

        // Signed by the CA given, but for mail.example.org: refused at the handshake, before any sign-in.
        let first = try await setup.serve(at: "2028-02-01 10:00:00", arguments)
        try await setup.book(on: first)
        try await Self.expectQueuedForTLS(setup, first, attempts: 1, reason: "no alternative certificate subject name matches target host name '127.0.0.1'")
        #expect(try await wrong.received(count: 0).isEmpty)

        // The mail server gets the right certificate, on the same port; five minutes later the
        // retry is due and the mail goes out.
        let port = wrong.port
        wrong.stop()
        let right = try await setup.sink(.startTLS(certificates.localhost), on: port)
        defer { right.stop() }
        let second = try await setup.serve(at: "2028-02-01 10:05:00", arguments)
        let received = try await right.received(count: 1)
        #expect(received.map(\.rcpt_tos) == [["ayse@example.org"]])
        #expect(received.first?.tls != nil)
        #expect(try await setup.mail(on: second, attempts: 2)["status"] as? String == "sent")
        try await second.terminate()
    }

    @Test func aCertificateFromACANotGivenKeepsTheMailQueuedUntilTheCAFileNamesItsCA() async throws {
        let setup = try await Setup()
        defer { setup.remove() }
        let certificates = setup.certificates
        let smtp = try await setup.sink(.implicit(certificates.localhost))
        defer { smtp.stop() }
        let arguments = ["--smtp-url", smtp.url, "--smtp-user", "wegweiser", "--smtp-password-file", setup.password]
        let unknownIssuer = "unable to get local issuer certificate"

        // Without --smtp-ca-file only the system's CAs are trusted, and the test CA is none of them.
        let first = try await setup.serve(at: "2028-02-01 10:00:00", arguments)
        try await setup.book(on: first)
        try await Self.expectQueuedForTLS(setup, first, attempts: 1, reason: unknownIssuer)

        // Another CA's certificate in the file does not make this one trusted either.
        let second = try await setup.serve(at: "2028-02-01 10:05:00", arguments + ["--smtp-ca-file", certificates.otherCA])
        try await Self.expectQueuedForTLS(setup, second, attempts: 2, reason: unknownIssuer)
        #expect(try await smtp.received(count: 0).isEmpty)

        // With the CA that signed it, the waiting mail goes out.
        let third = try await setup.serve(at: "2028-02-01 10:10:00", arguments + ["--smtp-ca-file", certificates.ca])
        let received = try await smtp.received(count: 1)
        #expect(received.map(\.rcpt_tos) == [["ayse@example.org"]])
        #expect(try await setup.mail(on: third, attempts: 3)["status"] as? String == "sent")
        try await third.terminate()
    }

    @Test func serveRefusesACAFileItCannotUse() async throws {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.directory) }
        // A database in a folder that does not exist: a server that wrongly took the file would
        // stop there, with another message, instead of serving on.
        let database = scratch.directory.appendingPathComponent("absent/wegweiser.sqlite").path
        let options = ["serve", "--db", database, "--port", "0", "--resources", Paths.packageRoot.path, "--smtp-url", "smtp://mail.example.org:587"]
        let none = scratch.directory.appendingPathComponent("none.pem").path
        let missing = try await runWegweiser(options + ["--smtp-ca-file", none])
        #expect(missing.status != 0 && missing.stderr.contains("--smtp-ca-file \(none) does not exist"), "\(missing.stderr)")
        let folder = try await runWegweiser(options + ["--smtp-ca-file", scratch.directory.path])
        #expect(folder.status != 0 && folder.stderr.contains("cannot be read"), "\(folder.stderr)")
        let key = try scratch.file("key.pem", "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n")
        let notACertificate = try await runWegweiser(options + ["--smtp-ca-file", key])
        #expect(notACertificate.status != 0 && notACertificate.stderr.contains("holds no PEM certificate"), "\(notACertificate.stderr)")
    }
}

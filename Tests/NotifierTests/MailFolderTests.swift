import Foundation
import Testing
@testable import Notifier

/// The folder of file mode: private to the server's user, and rid of an erased person's mails.
@Suite struct MailFolderTests {
    static func folder() throws -> (URL, FileMailTransport) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-mail-\(UUID().uuidString)")
        return (directory, try FileMailTransport(directory: directory))
    }

    @Test func theFolderIsPrivateAndADiscardedMailGoesFromItAndFromItsTemporaryPlace() throws {
        let (directory, transport) = try Self.folder()
        for path in ["outbox-1@wegweiser.example.eml", "outbox-2@wegweiser.example.eml", ".tmp/outbox-1@wegweiser.example.eml", "notes.txt"] {
            try Data("x".utf8).write(to: directory.appendingPathComponent(path))
        }
        for folder in [directory, directory.appendingPathComponent(".tmp")] {
            #expect(try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int == 0o700)
        }
        try transport.discard(outboxIds: [1, 7])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [".tmp", "notes.txt", "outbox-2@wegweiser.example.eml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(".tmp").path).isEmpty)
    }

    @Test func removingFilesSkipsOnesAlreadyGone() async throws {
        let (directory, _) = try Self.folder()
        let kept = directory.appendingPathComponent("outbox-3@x.eml")
        try Data("x".utf8).write(to: kept)
        let folder = MailFolder(directory: directory)
        try await folder.remove(paths: [directory.appendingPathComponent("outbox-9@x.eml").path, kept.path])
        #expect(try await folder.files().isEmpty)
    }
}

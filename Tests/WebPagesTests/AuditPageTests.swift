import Foundation
import Testing
@testable import WebPages

/// The audit trail on the administrators' page, and what the pages write into it.
@Suite struct AuditPageTests {
    @Test func pagesThatShowAPersonAreAuditedAndOnlyAnAdministratorReadsTheTrail() async throws {
        let fixture = try PageTestServer()
        let admin = try await fixture.staff("Stadt")
        try await fixture.test { client in
            // A wrong password at sign-in is a failed sign-in, from this address.
            let stranger = Browser(client)
            #expect(try await stranger.signIn(admin, password: "not the password").status == .unauthorized)

            let awo = Browser(client)
            _ = try await awo.signIn(try await fixture.staff("AWO"))
            #expect(try await awo.get("/centre/participants/p0001").status == .ok)
            #expect(try await awo.get("/admin/audit").status == .forbidden, "a centre does not read the trail")

            let city = Browser(client)
            _ = try await city.signIn(admin)
            let page = try await city.get("/admin/audit?participantId=p0001")
            #expect(page.status == .ok)
            #expect(page.html.contains("<td>participant.read</td>"))
            #expect(page.html.contains("AWO Duisburg"), "the acting organisation by name")
            #expect(!page.html.contains("<td>signin.failed</td>"), "filtered to the one participant")

            let failures = try await city.get("/admin/audit?action=signin.failed")
            #expect(failures.html.contains("<td>signin.failed</td>"))
            let refused = try await city.get("/admin/audit?action=request.forbidden")
            #expect(refused.html.contains("<td>GET /admin/audit</td>"))
            #expect(refused.html.contains("<td>AWO Duisburg"), "a page refused is noted with the signed-in organisation")
            let none = try await city.get("/admin/audit?participantId=p0001&from=2030-01-01")
            #expect(!none.html.contains("<td>participant.read</td>"), "nothing after the day chosen")
            let wrong = try await city.get("/admin/audit?from=someday")
            #expect(wrong.status == .ok && wrong.html.contains("role=\"alert\""))
        }
    }
}

import Foundation
import Testing
import WebAPI
@testable import WebPages
import WegweiserApp

/// Whom the limit on participants' forms counts, and the address links name.
@Suite struct LinkClientTests {
    @Test func anIPv6ClientCountsByItsSlash64AndOtherAddressesAsThey() {
        #expect(ClientAddress.prefix64("2001:db8:1:2:aaaa::1") == "20010db800010002::/64")
        #expect(ClientAddress.prefix64("2001:db8:1:2:bbbb:cccc:dddd:eeee") == "20010db800010002::/64")
        #expect(ClientAddress.prefix64("2001:db8:1:3::1") == "20010db800010003::/64")
        #expect(ClientAddress.prefix64("192.0.2.7") == nil)
        #expect(ClientAddress.prefix64("not:an:address") == nil)
        // A dual-stack socket names an IPv4 proxy ::ffff:10.0.0.5; --trusted-proxy names it 10.0.0.5.
        #expect(ClientAddress.unmapped("::ffff:10.0.0.5") == "10.0.0.5" && ClientAddress.unmapped("2001:db8::1") == "2001:db8::1")
        // On a dual-stack listener each IPv4 client counts as itself, not as one /64 of them all.
        #expect(ClientAddress.key("::ffff:1.2.3.4") == "1.2.3.4" && ClientAddress.key("::ffff:1.2.3.5") == "1.2.3.5")
    }

    @Test func theLimiterCountsPerKeyAndForgetsTheOldestWhenFull() {
        let limiter = RateLimiter(limit: 2, window: .seconds(60), keys: 4)
        let start = ContinuousClock.now
        #expect(limiter.admit("a", now: start) == nil && limiter.admit("a", now: start) == nil)
        #expect(limiter.admit("a", now: start) == 60)
        #expect(limiter.admit("a", now: start + .seconds(59.5)) == 1)
        #expect(limiter.admit("a", now: start + .seconds(60)) == nil)  // a new window
        for key in ["b", "c", "d", "e", "f"] { #expect(limiter.admit(key, now: start + .seconds(61)) == nil) }
        #expect(limiter.admit("b", now: start + .seconds(62)) == nil)
    }

    @Test func linksNeedAPublicURLWithoutAPathWhenTheServerListensEverywhere() throws {
        var configuration = ServerConfiguration(resources: ResourceDirectory(root: PageTestServer.packageRoot))
        #expect(configuration.linkBase == "http://127.0.0.1:8080")
        configuration.host = "0.0.0.0"
        #expect(throws: ConfigurationError.self) { try configuration.validatePublicURL() }
        configuration.publicURL = "https://wegweiser.duisburg.example/"
        try configuration.validatePublicURL()
        #expect(configuration.linkBase == "https://wegweiser.duisburg.example")
        for wrong in ["https://wegweiser.duisburg.example/buchung", "ftp://wegweiser.duisburg.example", "wegweiser.duisburg.example", "https://x.example/?a=b"] {
            configuration.publicURL = wrong
            #expect(throws: ConfigurationError.self, "\(wrong)") { try configuration.validatePublicURL() }
        }
        configuration = ServerConfiguration(resources: ResourceDirectory(root: PageTestServer.packageRoot))
        configuration.host = "::1"
        #expect(configuration.linkBase == "http://[::1]:8080")
    }
}

import Testing
@testable import MailTransport

@Suite struct MailTransportSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}

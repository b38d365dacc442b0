import Testing
@testable import MailCore

@Suite struct MailCoreSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}

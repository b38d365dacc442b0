import Testing
@testable import TicketStore

@Suite struct TicketStoreSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}

import Testing
@testable import Tickets

@Suite struct TicketsSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}

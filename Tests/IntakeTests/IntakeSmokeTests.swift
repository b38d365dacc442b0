import Testing
@testable import Intake

@Suite struct IntakeSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}

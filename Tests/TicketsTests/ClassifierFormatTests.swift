import Testing
@testable import Tickets

/// ``Classifier/format(_:)`` writes the digits of a score or weight rounded to two decimals itself
/// (for speed); it must print exactly what Swift's `description` prints for that rounded value.
@Suite struct ClassifierFormatTests {
    static func reference(_ x: Double) -> String {
        "\((x * 100).rounded() / 100)"
    }

    @Test(arguments: [0.0, -0.0, 1, 2, 6, 0.5, 0.75, 0.07, 0.1, 0.01, 0.005, 0.004999, -0.004, -0.006, 1.005, 2.675,
                      1.15, 3.3, 12.34, 99.995, 100, 1e8 + 0.25, 999_999_999.99, 1e9, 1e9 + 0.5, 1e12, 1e17, -3.5,
                      .infinity, -.infinity, .nan, .ulpOfOne, .leastNonzeroMagnitude, .greatestFiniteMagnitude])
    func matchesDescription(_ x: Double) {
        #expect(Classifier.format(x) == Self.reference(x))
    }

    /// Sums and products of weights as scoring builds them, and random values of every magnitude.
    @Test func matchesDescriptionOnManyValues() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var mismatches: [Double] = []
        for i in 0..<200_000 {
            let x: Double
            switch i % 4 {
            case 0: x = Double(next() % 1_000_000) / 1000 * (next() % 2 == 0 ? 1 : -1)
            case 1: x = Double(next() % 40) * 0.5 * [1.0, 1.2, 1.5, 2.0, 0.3, 0.25, 0.8][Int(next() % 7)]
            case 2: x = Double(bitPattern: next())
            default: x = Double(next() % 2_000_000_000_000) / 997
            }
            if Classifier.format(x) != Self.reference(x) { mismatches.append(x) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}

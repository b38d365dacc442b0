import Foundation
import Intake
import Testing

/// Durations, instants and the `--since`/`--until` forms.
@Suite("Operator formats")
struct OperatorFormatTests {
    @Test(arguments: [
        (0, "0s"), (45, "45s"), (60, "1m"), (200, "3m 20s"), (3600, "1h"), (3900, "1h 05m"), (14_400, "4h"),
        (86_400, "1d"), (187_200, "2d 4h"), (-3900, "-1h 05m"),
    ])
    func durations(seconds: Int, text: String) {
        #expect(OperatorTimeFormat.duration(seconds) == text)
    }

    @Test func instantsOnATerminalAndInJSON() {
        let date = Date(timeIntervalSince1970: 1_793_491_200)  // 2026-11-01T00:00:00Z
        #expect(OperatorTimeFormat.json(date) == "2026-11-01T00:00:00Z")
        #expect(OperatorTimeFormat(timeZone: TimeZone(identifier: "America/Sao_Paulo")!).terminal(date) == "2026-10-31 21:00:00 -03")
        #expect(OperatorTimeFormat(timeZone: TimeZone(identifier: "UTC")!).terminal(date) == "2026-11-01 00:00:00 UTC")
        #expect(OperatorTimeFormat().terminal(nil) == "—")
    }

    static let now = Date(timeIntervalSince1970: 1_793_491_200 + 12 * 3600)  // 2026-11-01T12:00:00Z

    /// (text, seconds since 2026-11-01T00:00:00Z); now is 12:00 that day, the zone UTC.
    static let forms: [(String, Double)] = [
        ("2026-11-01", 0), ("2026-11-01 06:30", 23_400), ("2026-11-01T06:30:15", 23_415),
        ("2026-11-01T06:30:00Z", 23_400), ("2026-11-01T03:30:00-03:00", 23_400),
        ("36h", -86_400), ("90m", 37_800), ("7d", -561_600), ("today", 0), ("yesterday", -86_400),
    ]

    @Test(arguments: forms)
    func sinceAndUntilForms(text: String, epoch: Double) {
        #expect(OperatorDate.parse(text, now: Self.now, timeZone: TimeZone(identifier: "UTC")!) == Date(timeIntervalSince1970: 1_793_491_200 + epoch))
    }

    @Test(arguments: ["", "tomorrow-ish", "2026-13-01", "2026-11-01 25:00", "7x", "-3d", String(repeating: "1", count: 100)])
    func rejectedForms(text: String) {
        #expect(OperatorDate.parse(text, now: Self.now, timeZone: TimeZone(identifier: "UTC")!) == nil)
    }

    @Test func tablesAlignAndClip() {
        var table = TextTable([.init("ID", alignRight: true), .init("SUBJECT", maxWidth: 8)])
        table.append(["7", "a very long subject"])
        table.append(["123", "short"])
        #expect(table.render() == " ID  SUBJECT\n---  --------\n  7  a very …\n123  short\n")
    }
}

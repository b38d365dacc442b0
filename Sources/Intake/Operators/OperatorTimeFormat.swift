import Foundation

/// How the operator commands write instants and durations: in the operator's time zone on a
/// terminal (`2026-11-24 21:07:13 -03`), ISO 8601 in UTC in JSON (`2026-11-25T00:07:13Z`), and
/// durations in words an operator reads at a glance (`1h 05m`, `3m 20s`, `2d 4h`).
public struct OperatorTimeFormat: Sendable {
    /// The zone terminal output is written in (the process's `TZ`, else the system's).
    public var timeZone: TimeZone

    /// Creates a format for a zone (by default the operator's).
    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    /// `yyyy-MM-dd HH:mm:ss ZZZ` in ``timeZone``, for tables; `—` for nil.
    public func terminal(_ date: Date?) -> String {
        guard let date else { return "—" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date) + " " + Self.zoneName(timeZone, at: date)
    }

    /// ISO 8601 in UTC with a `Z` (RFC 3339 §5.6), whole seconds: the JSON form.
    public static func json(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// ``json(_:)`` or `null`.
    public static func json(_ date: Date?) -> JSONNode {
        date.map { .string(json($0)) } ?? .null
    }

    /// A duration in at most two units: `45s`, `3m 20s`, `1h 05m`, `2d 4h`; negative as `-1h 05m`;
    /// `—` for nil.
    public static func duration(_ seconds: Int?) -> String {
        guard let seconds else { return "—" }
        let sign = seconds < 0 ? "-" : ""
        let s = seconds.magnitude
        let text: String
        switch s {
        case ..<60: text = "\(s)s"
        case ..<3600: text = "\(s / 60)m" + (s % 60 == 0 ? "" : " " + pad(s % 60) + "s")
        case ..<86_400: text = "\(s / 3600)h" + (s % 3600 / 60 == 0 ? "" : " " + pad(s % 3600 / 60) + "m")
        default: text = "\(s / 86_400)d" + (s % 86_400 / 3600 == 0 ? "" : " \(s % 86_400 / 3600)h")
        }
        return sign + text
    }

    private static func pad(_ value: UInt) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// The zone's abbreviation when it is a name (`UTC`, `CET`), else its offset (`-03`, `+0530`).
    static func zoneName(_ zone: TimeZone, at date: Date) -> String {
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(zone.identifier) { return "UTC" }
        if let abbreviation = zone.abbreviation(for: date), abbreviation.first?.isLetter == true,
           !abbreviation.hasPrefix("GMT") || abbreviation == "GMT" {
            return abbreviation
        }
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return sign + (hours < 10 ? "0\(hours)" : "\(hours)") + (minutes == 0 ? "" : (minutes < 10 ? "0\(minutes)" : "\(minutes)"))
    }
}

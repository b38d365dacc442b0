import Foundation

/// Reads the instants operators type after `--since` and `--until`:
///
/// - a day, `2026-11-24` (midnight in the operator's zone);
/// - a local time, `2026-11-24 14:30` or `2026-11-24T14:30[:05]` (in the operator's zone);
/// - ISO 8601 with a zone, `2026-11-24T14:30:00Z`, `…-03:00`;
/// - a time ago, `90m`, `36h`, `7d`, `2w` (relative to `now`);
/// - `today`, `yesterday` (midnight in the operator's zone).
public enum OperatorDate {
    /// The instant `text` names, nil when it is none of the forms above.
    public static func parse(_ text: String, now: Date, timeZone: TimeZone = .current) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        switch trimmed.lowercased() {
        case "today": return calendar.startOfDay(for: now)
        case "yesterday": return calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: now))
        default: break
        }
        if let unit = trimmed.last, let amount = Int(trimmed.dropLast()), amount >= 0, amount <= 100_000 {
            let seconds: Int?
            switch unit {
            case "m": seconds = amount * 60
            case "h": seconds = amount * 3600
            case "d": seconds = amount * 86_400
            case "w": seconds = amount * 7 * 86_400
            default: seconds = nil
            }
            if let seconds { return now.addingTimeInterval(-TimeInterval(seconds)) }
        }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: trimmed) { return date }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: trimmed) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.isLenient = false
        for format in ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}

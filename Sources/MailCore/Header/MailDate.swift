import Foundation

/// RFC 5322 §3.3 date-time: a tolerant parser (obsolete forms of §4.3, asctime order, two-digit
/// years, named zones) and the canonical formatter used by ``MessageWriter``.
///
/// Pure arithmetic on the proleptic Gregorian calendar: no `DateFormatter`, no locale, thread-safe.
public enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let dayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "edt": -4 * 60, "est": -5 * 60, "cdt": -5 * 60, "cst": -6 * 60,
        "mdt": -6 * 60, "mst": -7 * 60, "pdt": -7 * 60, "pst": -8 * 60, "bst": 60, "cet": 60, "cest": 120,
        "brt": -3 * 60, "art": -3 * 60,
    ]

    /// Parses a `Date:` value; nil when no plausible date is found.
    static func parse(_ value: ArraySlice<UInt8>) -> Date? {
        // Tokenise: drop comments, split on white space and commas.
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        var depth = 0
        for b in value.prefix(256) {
            if b == 0x28 { depth += 1; continue }
            if b == 0x29 { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if b <= 0x20 || b == 0x2C {
                if !current.isEmpty { tokens.append(current); current = [] }
            } else {
                current.append(b)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        if tokens.count == 1, let iso = parseISO(tokens[0]) { return iso }

        var day: Int? = nil, month: Int? = nil, year: Int? = nil
        var hour = 0, minute = 0, second = 0, sawTime = false
        var offsetMinutes = 0
        for token in tokens {
            if token.contains(0x3A) {  // hh:mm[:ss]
                let parts = token.split(separator: 0x3A, omittingEmptySubsequences: false).map { number($0) }
                guard parts.count >= 2, let h = parts[0], let m = parts[1] else { continue }
                hour = h; minute = m; second = parts.count > 2 ? (parts[2] ?? 0) : 0
                sawTime = true
            } else if (token[0] == 0x2B || token[0] == 0x2D), token.count == 5, let v = number(token.dropFirst()) {
                offsetMinutes = (v / 100) * 60 + v % 100
                if token[0] == 0x2D { offsetMinutes = -offsetMinutes }
            } else if let v = number(token[...]) {
                if day == nil, token.count <= 2, month == nil || year == nil { day = v }
                else if year == nil { year = token.count <= 2 ? (v < 50 ? 2000 + v : 1900 + v) : (token.count == 3 ? 1900 + v : v) }
                else if day == nil { day = v }
            } else {
                let lower = String(decoding: token.map { $0 | 0x20 }, as: UTF8.self)
                if month == nil, lower.count >= 3, let m = months.firstIndex(of: String(lower.prefix(3))) {
                    month = m + 1
                } else if let z = zones[lower] {
                    offsetMinutes = z
                }
            }
        }
        guard let d = day, let mo = month, let y = year, (1...31).contains(d), (1900...9999).contains(y),
              hour < 24, minute < 60, second <= 60 else { return nil }
        _ = sawTime
        let days = daysFromCivil(year: y, month: mo, day: d)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetMinutes * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `2024-01-31T10:00:00Z`-style dates that some broken senders put in `Date:`.
    private static func parseISO(_ token: [UInt8]) -> Date? {
        guard token.count >= 10, token[4] == 0x2D, token[7] == 0x2D,
              let y = number(token[0..<4]), let mo = number(token[5..<7]), let d = number(token[8..<10]),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var seconds = daysFromCivil(year: y, month: mo, day: d) * 86_400
        if token.count >= 19, let h = number(token[11..<13]), let mi = number(token[14..<16]), let s = number(token[17..<19]) {
            seconds += h * 3600 + mi * 60 + s
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var v = 0
        for b in digits {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`);
    /// also used for IMAP's INTERNALDATE (RFC 9051 §9 `date-time`).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// (year, month, day) for days since 1970-01-01 (`civil_from_days`).
    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `Tue, 24 Nov 2026 23:34:48 +0000` (RFC 5322 §3.3), always in UTC.
    static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var rem = total % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = civilFromDays(days)
        let dow = dayNames[((days % 7) + 7) % 7]
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(dow), \(d) \(monthNames[m - 1]) \(y) \(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60)) +0000"
    }
}

import Foundation
import MailCore

/// IMAP's `date-time` (RFC 9051 §9: `"24-Nov-2026 10:00:00 +0000"`), the INTERNALDATE of a
/// message. Parsed by hand: no locale, no formatter state, no allocation beyond the result.
enum IMAPInternalDate {
    private static let months: [String] = ["jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The instant `text` names, or nil when it is not a valid IMAP date-time.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8.drop(while: { $0 == 0x20 }))
        // d?d-Mon-yyyy hh:mm:ss +zzzz
        var index = 0
        func number(_ count: ClosedRange<Int>) -> Int? {
            var value = 0
            var digits = 0
            while index < bytes.count, digits < count.upperBound, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                digits += 1
            }
            return count.contains(digits) ? value : nil
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let day = number(1...2), expect(UInt8(ascii: "-")), index + 3 <= bytes.count else { return nil }
        let monthName = String(decoding: bytes[index..<(index + 3)], as: UTF8.self).lowercased()
        index += 3
        guard let monthIndex = months.firstIndex(of: monthName), expect(UInt8(ascii: "-")),
              let year = number(4...4), expect(0x20),
              let hour = number(2...2), expect(UInt8(ascii: ":")),
              let minute = number(2...2), expect(UInt8(ascii: ":")),
              let second = number(2...2), expect(0x20), index < bytes.count
        else { return nil }
        let sign: Int
        switch bytes[index] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        index += 1
        guard let zone = number(4...4), index == bytes.count,
              (1...31).contains(day), hour < 24, minute < 60, second < 61, zone % 100 < 60
        else { return nil }
        let days = MailDate.daysFromCivil(year: year, month: monthIndex + 1, day: day)
        let offset = sign * ((zone / 100) * 3600 + (zone % 100) * 60)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

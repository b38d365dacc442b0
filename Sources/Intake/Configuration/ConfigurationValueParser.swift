import Foundation
import MailCore

/// Parsers for the configuration's value syntaxes: booleans, durations, byte sizes and addresses.
/// Each returns nil for text it does not accept; the loader turns that into a message naming the key.
public enum ConfigurationValueParser {
    /// `true`/`false`, `yes`/`no`, `on`/`off`, `1`/`0`, in any case.
    public static func bool(_ text: String) -> Bool? {
        switch text.trimmingSpaces().lowercased() {
        case "true", "yes", "on", "1": true
        case "false", "no", "off", "0": false
        default: nil
        }
    }

    /// A duration in whole seconds: a plain integer (`86400`) or numbers with units `s`, `m`, `h`, `d`,
    /// `w`, optionally combined and spaced (`24h`, `30m`, `1h30m`, `2d 12h`). Negative durations and
    /// overflow are refused.
    public static func durationSeconds(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces().lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let plain = Int(trimmed) { return plain >= 0 ? plain : nil }
        var total = 0
        var number: Int?
        var sawUnit = false
        for character in trimmed {
            if character == " " { continue }
            if let digit = character.wholeNumberValue, character.isASCII {
                let (times10, overflow1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times10.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else { return nil }
                number = next
                continue
            }
            let unit: Int
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3_600
            case "d": unit = 86_400
            case "w": unit = 604_800
            default: return nil
            }
            guard let value = number else { return nil }
            let (scaled, overflow1) = value.multipliedReportingOverflow(by: unit)
            let (sum, overflow2) = total.addingReportingOverflow(scaled)
            guard !overflow1, !overflow2 else { return nil }
            total = sum
            number = nil
            sawUnit = true
        }
        guard number == nil, sawUnit else { return nil }
        return total
    }

    /// A size in bytes: a plain integer or a number with a binary unit `k`/`kb`/`kib`, `m`/`mb`/`mib`,
    /// `g`/`gb`/`gib` (all multiples of 1024: `25MB` is 26,214,400 bytes).
    public static func byteCount(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces().lowercased().replacingOccurrences(of: " ", with: "")
        if let plain = Int(trimmed) { return plain >= 0 ? plain : nil }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let value = Int(digits) else { return nil }
        let multiplier: Int
        switch trimmed.dropFirst(digits.count) {
        case "b": multiplier = 1
        case "k", "kb", "kib": multiplier = 1 << 10
        case "m", "mb", "mib": multiplier = 1 << 20
        case "g", "gb", "gib": multiplier = 1 << 30
        default: return nil
        }
        let (result, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : result
    }

    /// A plain `local@domain` address: one `@`, both sides non-empty, no spaces, controls or angle
    /// brackets, a dot-free domain allowed (`localhost`-style test domains).
    public static func isPlainAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return !text.unicodeScalars.contains { scalar in
            scalar.value < 0x21 || scalar.value == 0x7F || "<>()[]\\,;:\"".unicodeScalars.contains(scalar)
        }
    }

    /// `Name <local@domain>`, `"Name, Inc." <local@domain>` or a bare `local@domain`, as in `smtp.from`.
    /// A CR or LF anywhere is refused: the value goes into mail headers.
    public static func mailbox(_ text: String) -> EmailAddress? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            return isPlainAddress(trimmed) ? EmailAddress(address: trimmed) : nil
        }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        guard isPlainAddress(address) else { return nil }
        var name = trimmed[..<open].trimmingSpaces()
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                .replacingOccurrences(of: "\\\\", with: "\\")
        }
        return EmailAddress(name: name.isEmpty ? nil : name, address: address)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

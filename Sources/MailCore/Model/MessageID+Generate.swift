import Foundation

extension MessageID {
    /// A new globally unique id in our own domain (RFC 5322 §3.6.4): `<time.random@domain>`, with the
    /// time in base 36 milliseconds and 96 random bits, so ids never repeat across restarts or hosts.
    /// The domain is reduced to letters, digits, `-` and `.`; an empty result becomes `localhost`.
    public static func generate(domain: String) -> MessageID {
        let cleaned = String(domain.lowercased().unicodeScalars.filter {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "."
        }.map(Character.init)).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        let millis = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        return MessageID("\(String(millis, radix: 36)).\(MessageWriter.randomHex(12))@\(cleaned.isEmpty ? "localhost" : cleaned)")
    }
}

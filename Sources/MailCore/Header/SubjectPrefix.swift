/// The short word before a colon that mail clients put in front of a subject: `Re:`, `RES:`, `RV:`,
/// `Fwd:`, `ENC:`, `AW:`… Callers decide what the word means (a reply, a forward).
public enum SubjectPrefix {
    /// The lower-cased word before a colon within the first six characters of `subject` (after
    /// leading blanks), trimmed; nil when there is none (`"Re: x"` → `re`, `" tr : x"` → `tr`).
    public static func word(of subject: String) -> String? {
        // ASCII fast path: when the first seven bytes after the leading blanks are ASCII and none is
        // a CR (the only ASCII grapheme of two scalars), bytes and Characters coincide.
        var utf8 = subject.utf8[...]
        while let b = utf8.first, b == 0x20 || b == 0x09 { utf8 = utf8.dropFirst() }
        let head = utf8.prefix(7)
        if head.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            guard let colon = head.prefix(6).firstIndex(of: UInt8(ascii: ":")) else { return nil }
            var word = head[..<colon]
            while let b = word.first, b == 0x20 || b == 0x09 { word = word.dropFirst() }
            while let b = word.last, b == 0x20 || b == 0x09 { word = word.dropLast() }
            var key = ""
            for b in word { key.unicodeScalars.append(Unicode.Scalar(b >= 0x41 && b <= 0x5A ? b + 32 : b)) }
            return key
        }
        let trimmed = subject.drop { $0 == " " || $0 == "\t" }
        guard let colon = trimmed.prefix(6).firstIndex(of: ":") else { return nil }
        return String(trimmed[..<colon].drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            .lowercased()
    }
}

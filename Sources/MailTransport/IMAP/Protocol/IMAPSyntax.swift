import MailCore

/// Building command arguments safely (RFC 9051 §4): quoted mailbox names in modified UTF-7
/// (§5.1.3), flags checked against the atom grammar, UID sets compressed into ranges.
enum IMAPSyntax {
    /// A mailbox name as a quoted string, non-ASCII encoded in modified UTF-7. Refuses names a
    /// quoted string cannot carry (CR, LF, NUL).
    static func quotedMailbox(_ name: MailboxName) throws(TransportError) -> String {
        let encoded = modifiedUTF7(name.rawValue)
        guard !encoded.isEmpty, !encoded.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw TransportError(.configuration, "mailbox name \"\(IMAPResponseParser.printable(name.rawValue))\" cannot be used")
        }
        var quoted = "\""
        for character in encoded {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }

    /// RFC 9051 §5.1.3 modified UTF-7: `&` is `&-`, other non-printable-ASCII runs are UTF-16BE in
    /// modified base64 (`,` for `/`) between `&` and `-`.
    static func modifiedUTF7(_ text: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,")
        var output = ""
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            output.append("&")
            var index = 0
            while index < pending.count {
                let b0 = pending[index]
                let b1 = index + 1 < pending.count ? pending[index + 1] : 0
                let b2 = index + 2 < pending.count ? pending[index + 2] : 0
                let remaining = pending.count - index
                output.append(alphabet[Int(b0 >> 2)])
                output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
                if remaining > 1 { output.append(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)]) }
                if remaining > 2 { output.append(alphabet[Int(b2 & 0x3F)]) }
                index += 3
            }
            output.append("-")
            pending.removeAll()
        }
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                output.append(scalar == "&" ? "&-" : String(scalar))
            } else {
                for unit in String(scalar).utf16 {
                    pending.append(UInt8(unit >> 8))
                    pending.append(UInt8(unit & 0xFF))
                }
            }
        }
        flush()
        return output
    }

    /// A system flag (`\Seen`) or keyword (`$Ticketed`) as an IMAP flag; nil when it isn't one.
    static func flag(_ text: String) -> String? {
        var body = Substring(text)
        if body.first == "\\" { body = body.dropFirst() }
        guard !body.isEmpty, body.count <= 200 else { return nil }
        for byte in body.utf8 {
            switch byte {
            case 0x00...0x20, 0x7F...0xFF, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"),
                 UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "%"), UInt8(ascii: "*"), UInt8(ascii: "]"):
                return nil
            default:
                continue
            }
        }
        return text
    }

    /// A UID set with consecutive runs compressed (`1:5,7,9:12`), from any order, duplicates dropped.
    static func uidSet(_ uids: [UID]) -> String {
        let sorted = Array(Set(uids.map(\.rawValue))).sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? "\(sorted[index])" : "\(sorted[index]):\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}

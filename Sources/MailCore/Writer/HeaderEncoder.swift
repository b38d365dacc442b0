/// Writes header fields safely: RFC 2047 encoded words for non-ASCII text, folding at 78 columns
/// (RFC 5322 §2.1.1, §2.2.3), quoting of display names, and sanitising that makes header injection
/// impossible — every CR, LF and other control character in a value becomes a space before the value
/// is laid out, so the only line breaks in a field are the folds the encoder itself inserts, and each
/// of those is followed by a space.
enum HeaderEncoder {
    static let maxLine = 78

    /// Replaces control characters (CR and LF included, tab excepted) with spaces.
    static func sanitize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out.append(" ")
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x85: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A field name restricted to printable ASCII without colon (RFC 5322 §3.6.8), or nil.
    static func fieldName(_ name: String) -> String? {
        let bytes = name.utf8.filter { $0 > 0x20 && $0 < 0x7F && $0 != 0x3A }
        guard !bytes.isEmpty, bytes.count == name.utf8.count, bytes.count <= 76 else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `Name: value` for unstructured text (subject, extra headers), folded and encoded, CRLF-terminated.
    static func unstructured(_ name: String, _ value: String) -> String {
        let clean = sanitize(value).trimmingSpaces
        var words: [String] = []
        if needsEncoding(clean) {
            words = encodedWords(clean, firstLineUsed: name.utf8.count + 2)
        } else {
            words = clean.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        return fold(name, words)
    }

    /// `Name: a, b` for address fields, folded between addresses and words.
    static func addresses(_ name: String, _ list: [EmailAddress]) -> String {
        var words: [String] = []
        for (i, address) in list.enumerated() {
            var mailbox = self.mailbox(address, used: i == 0 ? name.utf8.count + 2 : 1)
            if i < list.count - 1 { mailbox[mailbox.count - 1] += "," }
            words += mailbox
        }
        return fold(name, words)
    }

    /// `Name: <id1> <id2>` for message-id fields.
    static func messageIDs(_ name: String, _ ids: [MessageID]) -> String {
        fold(name, ids.map { "<" + cleanID($0.rawValue) + ">" })
    }

    /// The words of one mailbox: display name (quoted or encoded) and `<address>`.
    static func mailbox(_ address: EmailAddress, used: Int) -> [String] {
        let addr = "<" + cleanAddress(address.address) + ">"
        guard let rawName = address.name.map(sanitize)?.trimmingSpaces, !rawName.isEmpty else { return [addr] }
        if needsEncoding(rawName) {
            return encodedWords(rawName, firstLineUsed: used) + [addr]
        }
        let isAtomText = rawName.utf8.allSatisfy { isAtext($0) || $0 == 0x20 }
        if isAtomText {
            return rawName.split(separator: " ").map(String.init) + [addr]
        }
        var quoted = "\""
        for ch in rawName.unicodeScalars {
            if ch == "\"" || ch == "\\" { quoted += "\\" }
            quoted.unicodeScalars.append(ch)
        }
        quoted += "\""
        // Quoted strings may be folded only at their spaces; keep them whole unless very long.
        if quoted.utf8.count > maxLine - 10 { return encodedWords(rawName, firstLineUsed: used) + [addr] }
        return [quoted, addr]
    }

    /// Joins words into `Name: w1 w2 …`, starting a continuation line (CRLF + space) whenever the
    /// next word would pass column 78.
    static func fold(_ name: String, _ words: [String]) -> String {
        var out = name + ":"
        var column = out.utf8.count
        for word in words {
            let length = word.utf8.count
            if column + 1 + length > maxLine, column > name.utf8.count + 1 {
                out += "\r\n "
                column = 1
            } else {
                out += " "
                column += 1
            }
            out += word
            column += length
        }
        return out + "\r\n"
    }

    /// True for text that cannot be written as-is: non-ASCII, or something that would read as an
    /// encoded word, or a word longer than a line.
    static func needsEncoding(_ text: String) -> Bool {
        var run = 0
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b >= 0x80 { return true }
            if previous == 0x3D && b == 0x3F { return true }  // "=?"
            run = b == 0x20 ? 0 : run + 1
            if run > maxLine - 12 { return true }
            previous = b
        }
        return false
    }

    /// RFC 2047 `B` encoded words in UTF-8, each at most 75 characters, never splitting a character.
    static func encodedWords(_ text: String, firstLineUsed: Int) -> [String] {
        let prefix = "=?UTF-8?B?"
        let maxPayload = 75 - prefix.utf8.count - 2  // 63 base64 chars → 45 bytes of UTF-8
        let maxBytes = maxPayload / 4 * 3
        // The first word shares its line with the field name: give it only the room left there.
        let firstRoom = (maxLine - firstLineUsed - 1 - prefix.utf8.count - 2) / 4 * 3
        var limit = max(6, min(maxBytes, firstRoom))
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in text {  // whole characters (grapheme clusters) stay together where they fit
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > limit, !chunk.isEmpty {
                words.append(prefix + base64(chunk) + "?=")
                chunk = []
                limit = maxBytes
            }
            if bytes.count > maxBytes {  // a pathological cluster: split by scalars
                for scalar in String(ch).unicodeScalars {
                    let sb = Array(String(scalar).utf8)
                    if chunk.count + sb.count > limit, !chunk.isEmpty {
                        words.append(prefix + base64(chunk) + "?=")
                        chunk = []
                        limit = maxBytes
                    }
                    chunk += sb
                }
            } else {
                chunk += bytes
            }
        }
        if !chunk.isEmpty { words.append(prefix + base64(chunk) + "?=") }
        return words
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(v >> 18 & 63)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)], alphabet[Int(v & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let v = UInt32(bytes[i]) << 16
            out += [alphabet[Int(v >> 18 & 63)], alphabet[Int(v >> 12 & 63)], 0x3D, 0x3D]
        } else if rest == 2 {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(v >> 18 & 63)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)], 0x3D]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An address reduced to characters that cannot break out of `<…>`: no white space, controls,
    /// angle brackets, commas or quotes-as-delimiters.
    static func cleanAddress(_ address: String) -> String {
        let filtered = address.unicodeScalars.filter {
            $0.value > 0x20 && $0.value != 0x7F && !($0.value >= 0x80 && $0.value < 0xA0)
                && $0 != "<" && $0 != ">" && $0 != "," && $0 != ";" && $0 != "\"" && $0 != "(" && $0 != ")"
                && $0 != "\u{2028}" && $0 != "\u{2029}"
        }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: filtered.prefix(254))
        return String(s)
    }

    static func cleanID(_ id: String) -> String {
        let filtered = id.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: filtered.prefix(250))
        return String(s)
    }

    /// RFC 5322 `atext`.
    static func isAtext(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: return true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2F, 0x3D, 0x3F, 0x5E, 0x5F, 0x60, 0x7B, 0x7C, 0x7D, 0x7E:
            return true
        default: return false
        }
    }
}

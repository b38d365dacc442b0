/// Parses address header fields (From, To, Cc, Reply-To, Sender; RFC 5322 §3.4 and §4.4 obsolete
/// forms) from the raw, unfolded value bytes.
///
/// Tolerates what real mailers write: groups (`team: a@x, b@y;`, `undisclosed-recipients:;`),
/// comments, obsolete routes (`<@relay:user@host>`), `user@host (Name)`, unquoted commas in display
/// names (`Doe, John <j@x>`), encoded words and raw UTF-8 or latin1 in names, a missing `>`.
/// Scans once; stops after ``ParseLimits/maxAddresses`` addresses.
enum AddressListParser {
    private struct Item {
        var phrase: [UInt8] = []
        var angle: [UInt8]? = nil
        var comment: [UInt8]? = nil
        var isEmpty: Bool { angle == nil && phrase.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    /// All addresses in the field, at most `limit`.
    static func parse(_ value: ArraySlice<UInt8>, limit: Int, context: ParseContext?) -> [EmailAddress] {
        var items: [Item] = []
        var truncated = false
        value.withUnsafeBufferPointer { buf in
            let n = buf.count
            var item = Item()
            var i = 0
            func finish() {
                if !item.isEmpty { items.append(item) }
                item = Item()
            }
            while i < n {
                // A few spare items allow "Doe, John <j@x>" merging at the limit.
                if items.count >= limit + 1 { truncated = true; return }
                let b = buf[i]
                switch b {
                case 0x22:  // quoted string
                    i += 1
                    while i < n, buf[i] != 0x22 {
                        if buf[i] == 0x5C, i + 1 < n { i += 1 }
                        let c = buf[i]
                        if c != 0x0D, c != 0x0A { item.phrase.append(c) }
                        i += 1
                    }
                    i += 1
                case 0x28:  // comment, nested
                    var depth = 1
                    var text: [UInt8] = []
                    i += 1
                    while i < n, depth > 0 {
                        let c = buf[i]
                        if c == 0x5C, i + 1 < n { i += 1; text.append(buf[i]) }
                        else if c == 0x28 { depth += 1; text.append(c) }
                        else if c == 0x29 { depth -= 1; if depth > 0 { text.append(c) } }
                        else { text.append(c) }
                        i += 1
                    }
                    if item.comment == nil { item.comment = text }
                    item.phrase.append(0x20)
                case 0x3C:  // angle address
                    var addr: [UInt8] = []
                    i += 1
                    while i < n, buf[i] != 0x3E {
                        let c = buf[i]
                        if c == 0x28 {  // comment inside the address: skipped
                            var depth = 1
                            i += 1
                            while i < n, depth > 0 {
                                if buf[i] == 0x28 { depth += 1 } else if buf[i] == 0x29 { depth -= 1 }
                                i += 1
                            }
                            continue
                        }
                        if c > 0x20, c != 0x22, c != 0x3C { addr.append(c) }
                        i += 1
                    }
                    i += 1
                    if item.angle == nil { item.angle = addr }
                case 0x2C:  // comma: next address
                    finish()
                    i += 1
                case 0x3A:  // group name ends
                    if item.angle == nil, !item.phrase.contains(0x40) {
                        item = Item()
                    } else {
                        item.phrase.append(b)
                    }
                    i += 1
                case 0x3B:  // group end
                    finish()
                    i += 1
                default:
                    item.phrase.append(b)
                    i += 1
                }
            }
            finish()
        }
        if truncated { context?.defect("address limit reached; later addresses ignored") }
        var result: [EmailAddress] = []
        result.reserveCapacity(min(items.count, limit))
        var nameFragment: [UInt8]? = nil
        for (index, item) in items.enumerated() {
            if result.count >= limit { break }
            if let angle = item.angle {
                var phrase = item.phrase
                if let fragment = nameFragment {
                    phrase = fragment + [0x2C, 0x20] + phrase
                    nameFragment = nil
                }
                let name = displayName(phrase, context: context)
                result.append(EmailAddress(name: name, address: cleanAddress(angle)))
                continue
            }
            // No angle brackets: "user@host", "user@host (Name)", "Name user@host", or a name fragment.
            let words = item.phrase.split { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if let at = words.lastIndex(where: { $0.contains(0x40) }) {
                if let fragment = nameFragment {
                    result.append(EmailAddress(name: nil, address: String(decoding: fragment, as: UTF8.self).trimmingSpaces))
                    nameFragment = nil
                }
                var nameWords = Array(words[..<at])
                nameWords += words[(at + 1)...]
                var name = displayName(Array(nameWords.joined(separator: [0x20])), context: context)
                if name == nil, let comment = item.comment { name = displayName(comment, context: context) }
                result.append(EmailAddress(name: name, address: cleanAddress(Array(words[at]))))
            } else if index + 1 < items.count, items[index + 1].angle != nil, nameFragment == nil {
                nameFragment = Array(words.joined(separator: [0x20]))
            } else if words.count == 1 {
                // A bare local part such as "MAILER-DAEMON" or "root".
                result.append(EmailAddress(name: nil, address: cleanAddress(Array(words[0]))))
            }
        }
        return result
    }

    /// The first address of the field.
    static func first(_ value: ArraySlice<UInt8>, context: ParseContext?) -> EmailAddress? {
        parse(value, limit: 1, context: nil).first
    }

    private static func displayName(_ phrase: [UInt8], context: ParseContext?) -> String? {
        let decoded = EncodedWords.decode(phrase[...], context: context)
        var out = ""
        out.reserveCapacity(decoded.utf8.count)
        var space = false
        for ch in decoded.unicodeScalars {
            if ch == " " || ch == "\t" || ch == "\r" || ch == "\n" {
                space = !out.isEmpty
            } else {
                if space { out.unicodeScalars.append(" "); space = false }
                out.unicodeScalars.append(ch)
            }
        }
        return out.isEmpty ? nil : out
    }

    private static func cleanAddress(_ raw: [UInt8]) -> String {
        var bytes = raw[...]
        // Obsolete route "@relay1,@relay2:user@host" (RFC 5322 §4.4).
        if bytes.first == 0x40, let colon = bytes.firstIndex(of: 0x3A) { bytes = bytes[(colon + 1)...] }
        if bytes.count >= 7, bytes.prefix(7).map({ $0 | 0x20 }) == Array("mailto:".utf8) { bytes = bytes.dropFirst(7) }
        while let f = bytes.first, f == 0x27 || f == 0x22 { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 0x27 || l == 0x22 { bytes = bytes.dropLast() }
        return TextDecoder.decode(bytes, charset: .ascii)
    }
}

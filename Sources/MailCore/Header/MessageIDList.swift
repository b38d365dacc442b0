/// Extracts message ids from `Message-ID`, `In-Reply-To` and `References` (RFC 5322 §3.6.4).
///
/// Takes every `<…>` token (white space inside removed, comments and phrases around ignored, as the
/// obsolete `In-Reply-To: <id> (John's message of …)` form requires); when there are no angle
/// brackets at all, every white-space separated word containing `@` counts.
enum MessageIDList {
    /// All ids in the field, at most `limit`.
    static func parse(_ value: ArraySlice<UInt8>, limit: Int) -> [MessageID] {
        var ids: [MessageID] = []
        var i = value.startIndex
        let end = value.endIndex
        var sawAngle = false
        while i < end, ids.count < limit {
            let b = value[i]
            if b == 0x28 {  // comment
                var depth = 1
                i += 1
                while i < end, depth > 0 {
                    if value[i] == 0x28 { depth += 1 } else if value[i] == 0x29 { depth -= 1 }
                    i += 1
                }
                continue
            }
            if b == 0x3C {
                sawAngle = true
                var token: [UInt8] = []
                i += 1
                while i < end, value[i] != 0x3E, value[i] != 0x3C {
                    if value[i] > 0x20 { token.append(value[i]) }
                    i += 1
                }
                if i < end, value[i] == 0x3E { i += 1 }
                if !token.isEmpty, token.count <= 998 {
                    ids.append(MessageID(TextDecoder.decode(token, charset: .ascii)))
                }
                continue
            }
            i += 1
        }
        if sawAngle { return ids }
        for word in value.split(whereSeparator: { $0 <= 0x20 || $0 == 0x2C }) where word.contains(0x40) {
            if ids.count >= limit { break }
            ids.append(MessageID(TextDecoder.decode(word, charset: .ascii)))
        }
        return ids
    }
}

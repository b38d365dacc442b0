/// Decoding of unstructured header text: RFC 2047 encoded words plus raw 8-bit text (RFC 6532).
///
/// - Encoded words are recognised anywhere (also glued to text or inside quotes, as real mailers
///   write them); white space between two adjacent encoded words is dropped (RFC 2047 §6.2).
/// - Adjacent words in the same charset are joined as bytes before decoding, so a multi-byte
///   character split across two words survives.
/// - An unknown charset or broken encoding yields U+FFFD, never an error.
/// - At most ``ParseLimits/maxEncodedWords`` decode attempts per message; the rest stays as written.
enum EncodedWords {
    /// Longest encoded-text accepted in one word (RFC 2047 says 75 for the whole word; mailers exceed it).
    static let maxWordText = 4096

    /// Decodes a header value to a string.
    static func decode(_ value: ArraySlice<UInt8>, context: ParseContext?) -> String {
        value.withUnsafeBufferPointer { decode($0, context: context) }
    }

    /// Decodes a header value to a string.
    static func decode(_ buf: UnsafeBufferPointer<UInt8>, context: ParseContext?) -> String {
        let n = buf.count
        guard n >= 8, containsMarker(buf) else { return TextDecoder.headerText(buf) }
        var result = ""
        result.reserveCapacity(n)
        var rawStart = 0  // start of pending raw text
        var pendingCharset: Charset? = nil
        var pendingBytes: [UInt8] = []
        var lastWordEnd = -1  // end of the previous encoded word, when only white space followed so far
        var i = 0

        func flushPending() {
            if let cs = pendingCharset {
                result += TextDecoder.decode(pendingBytes, charset: cs)
                pendingBytes.removeAll(keepingCapacity: true)
                pendingCharset = nil
            }
        }

        while i + 1 < n {
            guard buf[i] == 0x3D, buf[i + 1] == 0x3F else { i += 1; continue }
            if let budget = context?.encodedWordBudget {
                if budget <= 0 { context?.defect("encoded word limit reached; the rest left as written"); break }
                context?.encodedWordBudget = budget - 1
            }
            guard let word = parseWord(buf, at: i) else { i += 1; continue }
            // Raw text between the previous encoded word (or raw start) and this word.
            let gapIsWhitespace = lastWordEnd >= 0 && (lastWordEnd..<i).allSatisfy { buf[$0] == 0x20 || buf[$0] == 0x09 }
            if !gapIsWhitespace, rawStart < i {
                flushPending()
                result += TextDecoder.headerText(UnsafeBufferPointer(rebasing: buf[rawStart..<i]))
            }
            if pendingCharset != word.charset { flushPending() }
            pendingCharset = word.charset
            let text = UnsafeBufferPointer(rebasing: buf[word.text])
            if word.isBase64 {
                pendingBytes += Base64.decode(text)
            } else {
                QuotedPrintable.decodeQ(ArraySlice(text), into: &pendingBytes)
            }
            i = word.end
            rawStart = i
            lastWordEnd = i
        }
        flushPending()
        if rawStart < n { result += TextDecoder.headerText(UnsafeBufferPointer(rebasing: buf[rawStart..<n])) }
        return result
    }

    private static func containsMarker(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 1 < buf.count {
            if buf[i] == 0x3D, buf[i + 1] == 0x3F { return true }
            i += 1
        }
        return false
    }

    private struct Word {
        var charset: Charset
        var isBase64: Bool
        var text: Range<Int>
        var end: Int
    }

    /// Parses `=?charset?B|Q?text?=` at `start`; nil when the bytes there are not an encoded word.
    private static func parseWord(_ buf: UnsafeBufferPointer<UInt8>, at start: Int) -> Word? {
        let n = buf.count
        var i = start + 2
        let charsetStart = i
        while i < n, buf[i] != 0x3F {
            let b = buf[i]
            if b <= 0x20 || b >= 0x7F || i - charsetStart > 64 { return nil }
            i += 1
        }
        guard i + 2 < n, i > charsetStart, buf[i + 2] == 0x3F else { return nil }
        let enc = buf[i + 1] | 0x20
        guard enc == 0x62 || enc == 0x71 else { return nil }  // b / q
        let charset = Charset(label: UnsafeBufferPointer(rebasing: buf[charsetStart..<i]))
        let textStart = i + 3
        var j = textStart
        while j + 1 < n {
            let b = buf[j]
            if b == 0x3F, buf[j + 1] == 0x3D { break }
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || j - textStart > maxWordText { return nil }
            j += 1
        }
        guard j + 1 < n else { return nil }
        return Word(charset: charset, isBase64: enc == 0x62, text: textStart..<j, end: j + 2)
    }
}

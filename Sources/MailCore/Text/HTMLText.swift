/// Renders an HTML body as readable plain text, for mail that has no `text/plain` part.
///
/// A single forward pass over the UTF-8 bytes, no regular expressions, no DOM: tags are skipped,
/// block elements (`p`, `div`, `br`, headings, table rows, list items) become line breaks, list
/// items get a `- ` bullet, links keep their target (`text (https://…)`), `<script>`, `<style>`,
/// `<head>` and comments (Outlook's conditional comments too) are dropped, character references
/// (named and numeric) are decoded, white space is collapsed except inside `<pre>`.
/// Every construct is skipped by a forward search, so the work is linear in the input.
enum HTMLText {
    /// The text of `html`.
    static func render(_ html: String) -> String {
        var html = html
        return html.withUTF8 { render($0) }
    }

    /// What a tag does to the text.
    private enum Kind { case block, paragraph, dropped, br, li, cell, a, img, pre }

    /// Up to eight lower-cased name bytes packed into an integer: tag look-up without allocating.
    private static func code<S: Sequence<UInt8>>(_ name: S) -> UInt64 {
        var value: UInt64 = 0
        var length = 0
        for b in name {
            length += 1
            if length > 8 { return 0 }
            value = value << 8 | UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return value
    }

    private static let kinds: [UInt64: Kind] = {
        var table: [UInt64: Kind] = [:]
        for name in ["div", "tr", "section", "article", "header", "footer", "form", "hr", "address", "dl", "dt", "dd",
                     "center", "main", "nav", "aside", "figure", "fieldset", "tbody", "thead", "tfoot", "caption"] {
            table[code(name.utf8)] = .block
        }
        for name in ["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "ul", "ol"] { table[code(name.utf8)] = .paragraph }
        for name in ["script", "style", "head", "title", "noscript", "template", "xml"] { table[code(name.utf8)] = .dropped }
        table[code("br".utf8)] = .br
        table[code("li".utf8)] = .li
        table[code("td".utf8)] = .cell
        table[code("th".utf8)] = .cell
        table[code("a".utf8)] = .a
        table[code("img".utf8)] = .img
        table[code("pre".utf8)] = .pre
        return table
    }()
    private static let scriptCode = code("script".utf8)
    private static let styleCode = code("style".utf8)

    static func render(_ s: UnsafeBufferPointer<UInt8>) -> String {
        var out = Output()
        out.bytes.reserveCapacity(s.count / 2)
        let n = s.count
        var i = 0
        var preDepth = 0
        var linkHref: [UInt8]? = nil
        var linkTextStart = 0
        var missingEndTags: Set<UInt64> = []  // dropped elements known to have no end tag
        while i < n {
            let c = s[i]
            if c > 0x20, c != 0x3C, c != 0x26, preDepth == 0 {
                // A run of ordinary text: copied in one go.
                var j = i + 1
                while j < n {
                    let d = s[j]
                    if d <= 0x20 || d == 0x3C || d == 0x26 { break }
                    j += 1
                }
                out.run(UnsafeBufferPointer(rebasing: s[i..<j]))
                i = j
                continue
            }
            if c == 0x3C {  // '<'
                // Comment.
                if i + 3 < n, s[i + 1] == 0x21, s[i + 2] == 0x2D, s[i + 3] == 0x2D {
                    i = find(s, "-->", from: i + 4).map { $0 + 3 } ?? n
                    continue
                }
                // Declaration or processing instruction.
                if i + 1 < n, s[i + 1] == 0x21 || s[i + 1] == 0x3F {
                    i = find(s, ">", from: i + 2).map { $0 + 1 } ?? n
                    continue
                }
                var j = i + 1
                let closing = j < n && s[j] == 0x2F
                if closing { j += 1 }
                let nameStart = j
                while j < n, isNameByte(s[j]) { j += 1 }
                guard j > nameStart, isASCIILetter(s[nameStart]) else {
                    out.text(c, pre: preDepth > 0)  // a literal '<'
                    i += 1
                    continue
                }
                let nameRange = nameStart..<j
                let name = code(s[nameRange])
                let kind = name == 0 ? nil : kinds[name]
                // The end of the tag: the first '>' outside quotes.
                let attributesStart = j
                var quote: UInt8 = 0
                while j < n {
                    let b = s[j]
                    if quote != 0 { if b == quote { quote = 0 } }
                    else if b == 0x22 || b == 0x27 { if s[j - 1] == 0x3D || s[j - 1] <= 0x20 { quote = b } }
                    else if b == 0x3E { break }
                    j += 1
                }
                if j >= n { break }  // unterminated tag: the rest is markup
                let attributes = attributesStart..<j
                i = j + 1
                if closing {
                    switch kind {
                    case .a:
                        if let href = linkHref {
                            let linkText = Array(out.bytes[min(linkTextStart, out.bytes.count)...])
                            if !href.isEmpty, href != linkText, !linkText.isEmpty {
                                out.bytes += Array(" (".utf8) + href + [0x29]
                            }
                            linkHref = nil
                        }
                    case .pre:
                        preDepth = max(0, preDepth - 1)
                        out.newline()
                    case .paragraph:
                        out.paragraph()
                    case .block, .li:
                        out.newline()
                    default:
                        break
                    }
                    continue
                }
                if kind == .dropped, !missingEndTags.contains(name) {
                    // Skip to the matching end tag. Without one, script and style swallow the rest
                    // (as in browsers); an unclosed head or title is ignored.
                    if let end = findEndTag(s, name: Array(s[nameRange]).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, from: i) {
                        i = end
                    } else if name == scriptCode || name == styleCode {
                        i = n
                    } else {
                        missingEndTags.insert(name)
                    }
                    continue
                }
                switch kind {
                case .br:
                    out.lineBreak()
                case .li:
                    out.newline()
                    out.bytes += Array("- ".utf8)
                    out.atLineStart = false
                    out.pendingSpace = false
                case .cell:
                    if !out.atLineStart { out.pendingSpace = true }
                case .a:
                    if let href = attribute("href", in: s, attributes), isShownLink(href) {
                        linkHref = decodeEntities(href)
                        out.flushSpace()
                        linkTextStart = out.bytes.count
                    }
                case .img:
                    if let alt = attribute("alt", in: s, attributes), !alt.isEmpty {
                        for b in decodeEntities(alt) { out.text(b, pre: false) }
                    }
                case .pre:
                    out.newline()
                    preDepth += 1
                case .paragraph:
                    out.paragraph()
                case .block:
                    out.newline()
                default:
                    break
                }
                continue
            }
            if c == 0x26 {  // '&'
                let (scalar, length) = entity(s, at: i)
                if let scalar {
                    if scalar == 0xA0 { out.text(0x20, pre: preDepth > 0, literalSpace: true) }
                    else if scalar < 0x80 { out.text(UInt8(scalar), pre: preDepth > 0) }
                    else { out.scalar(scalar) }
                    i += length
                    continue
                }
            }
            out.text(c, pre: preDepth > 0)
            i += 1
        }
        return out.finish()
    }

    /// The accumulated text with line-start and space bookkeeping.
    private struct Output {
        var bytes: [UInt8] = []
        var atLineStart = true
        var pendingSpace = false
        var newlines = 2  // newlines at the end of `bytes` (start counts as a paragraph)

        mutating func text(_ b: UInt8, pre: Bool, literalSpace: Bool = false) {
            if pre {
                bytes.append(b == 0x0D ? 0x0A : b)
                atLineStart = b == 0x0A
                newlines = b == 0x0A ? newlines + 1 : 0
                return
            }
            if !literalSpace, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                if !atLineStart { pendingSpace = true }
                return
            }
            flushSpace()
            bytes.append(b)
            atLineStart = false
            newlines = 0
        }

        /// A run of non-space text bytes.
        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
            flushSpace()
            self.bytes.append(contentsOf: bytes)
            atLineStart = false
            newlines = 0
        }

        /// One non-ASCII character.
        mutating func scalar(_ value: UInt32) {
            flushSpace()
            TextDecoder.appendUTF8(value, to: &bytes)
            atLineStart = false
            newlines = 0
        }

        mutating func flushSpace() {
            if pendingSpace, !atLineStart { bytes.append(0x20) }
            pendingSpace = false
        }

        /// A line break from `<br>`: always breaks, several in a row make blank lines (at most one).
        mutating func lineBreak() {
            pendingSpace = false
            trimTrailingSpaces()
            if newlines < 2 { bytes.append(0x0A); newlines += 1 }
            atLineStart = true
        }

        /// Start a new line unless already at one.
        mutating func newline() {
            pendingSpace = false
            trimTrailingSpaces()
            if newlines == 0 { bytes.append(0x0A); newlines = 1 }
            atLineStart = true
        }

        /// A blank line between paragraphs.
        mutating func paragraph() {
            pendingSpace = false
            trimTrailingSpaces()
            while newlines < 2 { bytes.append(0x0A); newlines += 1 }
            atLineStart = true
        }

        private mutating func trimTrailingSpaces() {
            while let l = bytes.last, l == 0x20 || l == 0x09 { bytes.removeLast() }
        }

        mutating func finish() -> String {
            trimTrailingSpaces()
            while let l = bytes.last, l == 0x0A || l == 0x20 { bytes.removeLast() }
            var start = 0
            while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x20 { start += 1 }
            return String(decoding: bytes[start...], as: UTF8.self)
        }
    }

    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isNameByte(_ b: UInt8) -> Bool {
        isASCIILetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x3A || b == 0x2D || b == 0x5F
    }


    /// First index of `needle` at or after `from`.
    private static func find(_ s: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        var i = from
        while i + count <= s.count {
            if s[i] == p[0] {
                var k = 1
                while k < count, s[i + k] == p[k] { k += 1 }
                if k == count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Index just after `</name…>`, case-insensitive.
    private static func findEndTag(_ s: UnsafeBufferPointer<UInt8>, name nameBytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 1 + nameBytes.count < s.count {
            if s[i] == 0x3C, s[i + 1] == 0x2F {
                var k = 0
                while k < nameBytes.count, (s[i + 2 + k] | 0x20) == nameBytes[k] || s[i + 2 + k] == nameBytes[k] { k += 1 }
                if k == nameBytes.count, i + 2 + k < s.count, !isNameByte(s[i + 2 + k]) {
                    return find(s, ">", from: i + 2 + k).map { $0 + 1 } ?? s.count
                }
            }
            i += 1
        }
        return nil
    }

    /// The raw value of attribute `name` in a tag's attribute range.
    private static func attribute(_ name: String, in s: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> [UInt8]? {
        let nameBytes = Array(name.utf8)
        var i = r.lowerBound
        while i < r.upperBound {
            while i < r.upperBound, s[i] <= 0x20 || s[i] == 0x2F { i += 1 }
            let nameStart = i
            while i < r.upperBound, s[i] > 0x20, s[i] != 0x3D, s[i] != 0x2F { i += 1 }
            let attrName = s[nameStart..<i].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            while i < r.upperBound, s[i] <= 0x20 { i += 1 }
            var value: [UInt8] = []
            if i < r.upperBound, s[i] == 0x3D {
                i += 1
                while i < r.upperBound, s[i] <= 0x20 { i += 1 }
                if i < r.upperBound, s[i] == 0x22 || s[i] == 0x27 {
                    let q = s[i]
                    i += 1
                    let vs = i
                    while i < r.upperBound, s[i] != q { i += 1 }
                    value = Array(s[vs..<i])
                    i += 1
                } else {
                    let vs = i
                    while i < r.upperBound, s[i] > 0x20 { i += 1 }
                    value = Array(s[vs..<i])
                }
            }
            if attrName == nameBytes { return value }
            if i == nameStart { i += 1 }
        }
        return nil
    }

    private static func isShownLink(_ href: [UInt8]) -> Bool {
        let lower = href.prefix(8).map { $0 | 0x20 }
        return lower.starts(with: Array("http://".utf8)) || lower.starts(with: Array("https://".utf8))
    }

    private static func decodeEntities(_ raw: [UInt8]) -> [UInt8] {
        guard raw.contains(0x26) else { return raw }
        var out: [UInt8] = []
        raw.withUnsafeBufferPointer { s in
            var i = 0
            while i < s.count {
                if s[i] == 0x26 {
                    let (scalar, length) = entity(s, at: i)
                    if let scalar { TextDecoder.appendUTF8(scalar, to: &out); i += length; continue }
                }
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// A character reference at `i` (`&name;`, `&#123;`, `&#x1F600;`): the scalar and its length.
    static func entity(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32?, Int) {
        var j = i + 1
        let limit = min(s.count, i + 34)
        if j < limit, s[j] == 0x23 {  // numeric
            j += 1
            var hex = false
            if j < limit, s[j] | 0x20 == 0x78 { hex = true; j += 1 }
            var value: UInt32 = 0
            let digitsStart = j
            while j < limit {
                let b = s[j]
                let d: UInt32
                if b >= 0x30 && b <= 0x39 { d = UInt32(b - 0x30) }
                else if hex, (b | 0x20) >= 0x61, (b | 0x20) <= 0x66 { d = UInt32((b | 0x20) - 0x57) }
                else { break }
                value = min(value &* (hex ? 16 : 10) &+ d, 0x110000)
                j += 1
            }
            guard j > digitsStart else { return (nil, 1) }
            if j < s.count, s[j] == 0x3B { j += 1 }
            // Invalid or control code points: U+FFFD; 0x80…0x9F are windows-1252 per HTML5.
            if value == 0 || value >= 0x110000 || (0xD800...0xDFFF).contains(value) { return (0xFFFD, j - i) }
            return (value, j - i)
        }
        while j < limit, isASCIILetter(s[j]) || (s[j] >= 0x30 && s[j] <= 0x39) { j += 1 }
        guard j > i + 1 else { return (nil, 1) }
        let name = String(decoding: s[(i + 1)..<j], as: UTF8.self)
        if let v = HTMLEntities.named[name] ?? HTMLEntities.named[name.lowercased()] {
            if j < s.count, s[j] == 0x3B { j += 1 }
            return (v, j - i)
        }
        return (nil, 1)
    }
}

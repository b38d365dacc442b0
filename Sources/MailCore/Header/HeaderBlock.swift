import Foundation

/// A header section (RFC 5322 §2.2, §3.6) split into fields, and where the body after it starts.
///
/// Scanning is a single pass over the bytes with `memchr`; CRLF and bare LF line ends are both
/// accepted, folded lines are joined, obsolete white space before the colon is tolerated. A line that
/// is not a field ends the header section (the body starts there), as in Python's `email` package.
struct HeaderBlock {
    var fields: [HeaderField] = []
    /// Index of the first body byte (== range end when there is no body).
    var bodyStart: Int
    /// The header section contained a NUL byte.
    var sawNUL = false
    /// The section did not start with a field.
    var startsWithField = true

    /// The first field with this lower-case name.
    func first(_ key: String) -> HeaderField? {
        for field in fields where field.key == key { return field }
        return nil
    }

    /// All fields with this lower-case name, in order.
    func all(_ key: String) -> [HeaderField] { fields.filter { $0.key == key } }

    /// Splits the header section that starts at `range.lowerBound`.
    init(bytes: [UInt8], range: Range<Int>, context: ParseContext) {
        let limits = context.limits
        var fields: [HeaderField] = []
        var bodyStart = range.upperBound
        var sawNUL = false
        var startsWithField = true
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            let end = range.upperBound
            var pos = range.lowerBound
            let headerEnd = range.lowerBound + limits.maxHeaderBytes
            // Current field being collected.
            var name: Range<Int>? = nil
            var valueStart = 0
            var valueEnd = 0
            var folded = false

            func flush() {
                guard let n = name else { return }
                name = nil
                if fields.count >= limits.maxHeaderCount { return }
                var vs = valueStart
                var ve = min(valueEnd, max(valueStart, headerEnd))
                while vs < ve, buf[vs] == 0x20 || buf[vs] == 0x09 { vs += 1 }
                let value: ArraySlice<UInt8>
                if folded {
                    var out = [UInt8]()
                    out.reserveCapacity(ve - vs)
                    var i = vs
                    while i < ve {
                        let b = buf[i]
                        if b != 0x0D && b != 0x0A { out.append(b) }
                        i += 1
                    }
                    var e = out.count
                    while e > 0, out[e - 1] == 0x20 || out[e - 1] == 0x09 { e -= 1 }
                    value = out[0..<e]
                } else {
                    while ve > vs, buf[ve - 1] == 0x20 || buf[ve - 1] == 0x09 || buf[ve - 1] == 0x0D { ve -= 1 }
                    value = bytes[vs..<ve]
                }
                let nameString = String(decoding: UnsafeBufferPointer(rebasing: buf[n]), as: UTF8.self)
                fields.append(HeaderField(name: nameString, key: Self.lowercasedASCII(buf, n), value: value))
            }

            var firstLine = true
            while pos < end {
                let lineEnd: Int
                if let p = memchr(base + pos, 0x0A, end - pos) {
                    lineEnd = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                } else {
                    lineEnd = end
                }
                var contentEnd = lineEnd
                if contentEnd > pos, buf[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                if contentEnd == pos {  // empty line: end of the header section
                    flush()
                    bodyStart = min(lineEnd + 1, end)
                    if firstLine { startsWithField = false }
                    return
                }
                if !sawNUL, memchr(base + pos, 0, contentEnd - pos) != nil { sawNUL = true }
                let first = buf[pos]
                if first == 0x20 || first == 0x09 {
                    if name != nil {  // continuation of the current field
                        if pos < headerEnd { valueEnd = contentEnd; folded = true }
                    } else if firstLine {
                        startsWithField = false
                        bodyStart = pos
                        return
                    }
                    // A continuation of a dropped field, or of nothing: skipped.
                } else {
                    // The name is printable ASCII up to the colon; obsolete white space before the colon is allowed.
                    var i = pos
                    while i < contentEnd, buf[i] > 0x20, buf[i] < 0x7F, buf[i] != 0x3A { i += 1 }
                    var j = i
                    while j < contentEnd, buf[j] == 0x20 || buf[j] == 0x09 { j += 1 }
                    var nameRange: Range<Int>? = nil
                    let colon = j
                    if i > pos, j < contentEnd, buf[j] == 0x3A { nameRange = pos..<i }
                    if let nameRange {
                        flush()
                        if pos < headerEnd {
                            name = nameRange
                            valueStart = colon + 1
                            valueEnd = contentEnd
                            folded = false
                        }
                    } else if firstLine, contentEnd - pos >= 5, buf[pos] == 0x46, buf[pos + 1] == 0x72,
                              buf[pos + 2] == 0x6F, buf[pos + 3] == 0x6D, buf[pos + 4] == 0x20 {
                        // An mbox "From " separator line before the headers: skipped.
                        pos = lineEnd + 1
                        continue
                    } else {
                        // Not a header field: the header section ends, the body starts on this line.
                        flush()
                        if firstLine { startsWithField = false }
                        bodyStart = pos
                        return
                    }
                }
                firstLine = false
                pos = lineEnd + 1
            }
            flush()
            bodyStart = end
        }
        self.fields = fields
        self.bodyStart = bodyStart
        self.sawNUL = sawNUL
        self.startsWithField = startsWithField
        if fields.count >= limits.maxHeaderCount { context.defect("header field count limit reached; later fields ignored") }
        if bodyStart - range.lowerBound > limits.maxHeaderBytes { context.defect("header section larger than the limit; truncated") }
    }

    private static func lowercasedASCII(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { out in
            var j = 0
            for i in range {
                let b = buf[i]
                out[j] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                j += 1
            }
            return j
        }
    }
}

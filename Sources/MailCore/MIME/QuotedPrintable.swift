/// Lenient quoted-printable decoding (RFC 2045 §6.7) and the `Q` encoding of RFC 2047 §4.2.
///
/// `=XX` (either case) becomes the byte, `=` before a line end (after optional white space) is a
/// soft break, white space before a line end is removed, and a malformed `=` stays literal.
enum QuotedPrintable {
    /// Decodes a quoted-printable body. Line ends are kept as they were (CRLF or LF).
    static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = input.count
        guard n > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: n) { out, count in
            var o = 0
            var i = 0
            var lineStart = 0  // output index before which trailing white space may not be trimmed
            while i < n {
                let b = input[i]
                if b == 0x3D {  // '='
                    if i + 2 < n, let h = hex(input[i + 1]), let l = hex(input[i + 2]) {
                        out[o] = h << 4 | l
                        o += 1
                        lineStart = o  // an encoded space is content, never padding
                        i += 3
                        continue
                    }
                    // Soft break: '=' then optional white space then CRLF / LF / end.
                    var j = i + 1
                    while j < n, input[j] == 0x20 || input[j] == 0x09 { j += 1 }
                    if j == n { i = n; continue }
                    if input[j] == 0x0A { i = j + 1; continue }
                    if input[j] == 0x0D { i = (j + 1 < n && input[j + 1] == 0x0A) ? j + 2 : j + 1; continue }
                    out[o] = b
                    o += 1
                    i += 1
                } else if b == 0x0A || b == 0x0D {
                    // Trailing white space of the encoded line is padding (RFC 2045 §6.7 rule 3).
                    while o > lineStart, out[o - 1] == 0x20 || out[o - 1] == 0x09 { o -= 1 }
                    out[o] = b
                    o += 1
                    if b == 0x0D, i + 1 < n, input[i + 1] == 0x0A { out[o] = 0x0A; o += 1; i += 1 }
                    lineStart = o
                    i += 1
                } else {
                    out[o] = b
                    o += 1
                    i += 1
                }
            }
            count = o
        }
    }

    /// The number of bytes ``decode(_:)`` would produce (soft breaks and escapes accounted for;
    /// trailing-space removal ignored), without producing them.
    static func decodedCount(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        let n = input.count
        var i = 0
        var total = 0
        while i < n {
            if input[i] == 0x3D {
                if i + 2 < n, hex(input[i + 1]) != nil, hex(input[i + 2]) != nil { total += 1; i += 3; continue }
                var j = i + 1
                while j < n, input[j] == 0x20 || input[j] == 0x09 { j += 1 }
                if j == n { break }
                if input[j] == 0x0A { i = j + 1; continue }
                if input[j] == 0x0D { i = (j + 1 < n && input[j + 1] == 0x0A) ? j + 2 : j + 1; continue }
            }
            total += 1
            i += 1
        }
        return total
    }

    /// Decodes the text of a `Q` encoded word: `_` is a space, `=XX` a byte.
    static func decodeQ(_ input: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var i = input.startIndex
        let end = input.endIndex
        while i < end {
            let b = input[i]
            if b == 0x5F {
                out.append(0x20)
            } else if b == 0x3D, i + 2 < end, let h = hex(input[i + 1]), let l = hex(input[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            } else {
                out.append(b)
            }
            i += 1
        }
    }

    @inline(__always)
    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x37
        case 0x61...0x66: return b - 0x57
        default: return nil
        }
    }
}

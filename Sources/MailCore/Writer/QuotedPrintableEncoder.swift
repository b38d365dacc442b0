/// Quoted-printable encoding of UTF-8 text bodies (RFC 2045 §6.7) with CRLF line ends.
///
/// Line breaks in the text (LF, CRLF or CR) become CRLF hard breaks; lines are soft-broken so no
/// encoded line exceeds 76 characters; `=XX` escapes are never split; white space before a line end,
/// a leading `.` and a leading `From ` are escaped so no transport can alter them.
enum QuotedPrintableEncoder {
    static func encode(_ text: String) -> [UInt8] {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 8 + 8)
        let hex = Array("0123456789ABCDEF".utf8)
        var column = 0
        var i = 0
        func emit(_ piece: [UInt8]) {
            if column + piece.count > 75 {
                out += [0x3D, 0x0D, 0x0A]  // soft break
                column = 0
            }
            out += piece
            column += piece.count
        }
        while i < input.count {
            let b = input[i]
            if b == 0x0D || b == 0x0A {
                out += [0x0D, 0x0A]
                column = 0
                if b == 0x0D, i + 1 < input.count, input[i + 1] == 0x0A { i += 1 }
                i += 1
                continue
            }
            let next = i + 1 < input.count ? input[i + 1] : 0x0A
            let atLineEnd = next == 0x0A || next == 0x0D
            var literal = (b >= 0x21 && b <= 0x7E && b != 0x3D) || ((b == 0x20 || b == 0x09) && !atLineEnd)
            if column == 0, b == 0x2E { literal = false }  // leading dot
            if column == 0, b == 0x46, input[i...].starts(with: Array("From ".utf8)) { literal = false }
            if literal {
                emit([b])
            } else {
                emit([0x3D, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
            }
            i += 1
        }
        if out.last != 0x0A { out += [0x0D, 0x0A] }
        return out
    }
}

/// Lenient base64 decoding for MIME bodies and encoded words (RFC 2045 §6.8, RFC 4648 §4).
///
/// Line breaks, white space and any other byte outside the alphabet are skipped; `=` padding ends
/// a quantum but decoding continues after it (concatenated base64 blocks occur in real mail); a
/// dangling sextet at the end is dropped. Never fails.
enum Base64 {
    /// 0…63 for alphabet bytes (both the standard and the URL-safe alphabets), 64 for `=`, 255 otherwise.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 255, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            t[Int(c)] = UInt8(i)
        }
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        t[Int(UInt8(ascii: "="))] = 64
        return t
    }()

    /// Decodes `input`, skipping junk.
    static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(input.count / 4 * 3 + 3)
        table.withUnsafeBufferPointer { t in
            var acc: UInt32 = 0
            var n = 0
            for b in input {
                let v = t[Int(b)]
                if v < 64 {
                    acc = (acc << 6) | UInt32(v)
                    n += 1
                    if n == 4 {
                        out.append(UInt8(truncatingIfNeeded: acc >> 16))
                        out.append(UInt8(truncatingIfNeeded: acc >> 8))
                        out.append(UInt8(truncatingIfNeeded: acc))
                        acc = 0
                        n = 0
                    }
                } else if v == 64 {
                    flush(&acc, &n, &out)
                }
            }
            flush(&acc, &n, &out)
        }
        return out
    }

    /// Decodes an array slice.
    static func decode(_ input: ArraySlice<UInt8>) -> [UInt8] { input.withUnsafeBufferPointer { decode($0) } }

    /// The number of bytes ``decode(_:)`` would produce, without producing them.
    static func decodedCount(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        table.withUnsafeBufferPointer { t in
            var total = 0
            var n = 0
            for b in input {
                let v = t[Int(b)]
                if v < 64 {
                    n += 1
                    if n == 4 { total += 3; n = 0 }
                } else if v == 64, n > 0 {
                    total += n > 1 ? n - 1 : 0
                    n = 0
                }
            }
            if n > 1 { total += n - 1 }
            return total
        }
    }

    private static func flush(_ acc: inout UInt32, _ n: inout Int, _ out: inout [UInt8]) {
        switch n {
        case 2:
            out.append(UInt8(truncatingIfNeeded: acc >> 4))
        case 3:
            out.append(UInt8(truncatingIfNeeded: acc >> 10))
            out.append(UInt8(truncatingIfNeeded: acc >> 2))
        default:
            break
        }
        acc = 0
        n = 0
    }
}

/// Lenient base64 decoding for MIME bodies and encoded words (RFC 2045 §6.8, RFC 4648 §4).
///
/// Line breaks, white space and any other byte outside the alphabet are skipped; `=` padding ends
/// a quantum but decoding continues after it (concatenated base64 blocks occur in real mail); a
/// dangling sextet at the end is dropped. Never fails.
enum Base64 {
    /// 0…63 for alphabet bytes, 64 for `=`, 255 otherwise (junk, skipped).
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 255, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            t[Int(c)] = UInt8(i)
        }
        t[Int(UInt8(ascii: "="))] = 64
        return t
    }()

    /// Decodes `input`, skipping junk.
    static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = input.count
        guard n > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: n / 4 * 3 + 3) { out, count in
            table.withUnsafeBufferPointer { t in
                let tp = t.baseAddress!
                let o = out.baseAddress!
                var written = 0
                var acc: UInt32 = 0
                var k = 0
                var i = 0
                while i < n {
                    let v = tp[Int(input[i])]
                    i += 1
                    if v < 64 {
                        acc = (acc << 6) | UInt32(v)
                        k += 1
                        if k == 4 {
                            o[written] = UInt8(truncatingIfNeeded: acc >> 16)
                            o[written + 1] = UInt8(truncatingIfNeeded: acc >> 8)
                            o[written + 2] = UInt8(truncatingIfNeeded: acc)
                            written += 3
                            acc = 0
                            k = 0
                        }
                    } else if v == 64 {
                        written += flush(acc, k, o + written)
                        acc = 0
                        k = 0
                    }
                }
                written += flush(acc, k, o + written)
                count = written
            }
        }
    }

    /// Writes the bytes of a partial quantum (2 or 3 sextets); returns how many.
    @inline(__always)
    private static func flush(_ acc: UInt32, _ k: Int, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        switch k {
        case 2:
            out[0] = UInt8(truncatingIfNeeded: acc >> 4)
            return 1
        case 3:
            out[0] = UInt8(truncatingIfNeeded: acc >> 10)
            out[1] = UInt8(truncatingIfNeeded: acc >> 2)
            return 2
        default:
            return 0
        }
    }

    /// Decodes an array slice.
    static func decode(_ input: ArraySlice<UInt8>) -> [UInt8] { input.withUnsafeBufferPointer { decode($0) } }

    /// 1 for alphabet bytes, 1 << 32 for `=`, 0 otherwise: one branch-free sum counts both.
    private static let countTable: [UInt64] = table.map { $0 < 64 ? 1 : ($0 == 64 ? 1 << 32 : 0) }

    /// The number of bytes ``decode(_:)`` would produce, without producing them.
    ///
    /// Well-formed bodies (padding only after the last alphabet byte) are counted in one branch-free
    /// pass; anything else falls back to replaying the decoder's quantum logic.
    static func decodedCount(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = input.baseAddress else { return 0 }
        let n = input.count
        let sum: UInt64 = countTable.withUnsafeBufferPointer { t in
            let tp = t.baseAddress!
            var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0
            var i = 0
            while i + 4 <= n {
                a &+= tp[Int(base[i])]
                b &+= tp[Int(base[i + 1])]
                c &+= tp[Int(base[i + 2])]
                d &+= tp[Int(base[i + 3])]
                i += 4
            }
            while i < n { a &+= tp[Int(base[i])]; i += 1 }
            return a &+ b &+ c &+ d
        }
        let alphabet = Int(sum & 0xFFFF_FFFF)
        let padding = Int(sum >> 32)
        if padding > 0 {
            var trailing = 0
            var j = n - 1
            while j >= 0 {
                let v = table[Int(base[j])]
                if v < 64 { break }
                if v == 64 { trailing += 1 }
                j -= 1
            }
            if trailing != padding { return slowDecodedCount(input) }
        }
        return alphabet / 4 * 3 + max(0, alphabet % 4 - 1)
    }

    private static func slowDecodedCount(_ input: UnsafeBufferPointer<UInt8>) -> Int {
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

}

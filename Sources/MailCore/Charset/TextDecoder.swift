import Foundation

/// Turns bytes in a MIME charset into a Swift `String` (RFC 2045/2046 text), never failing:
/// undecodable bytes become U+FFFD.
///
/// UTF-8, ASCII and windows-1252/ISO-8859-1 (the bulk of support mail) are decoded in Swift without
/// iconv; every other charset goes through the shared ``IconvPool``. Optionally normalises line ends
/// (CRLF and lone CR → LF) on the way, in the same pass.
enum TextDecoder {
    /// Decodes `bytes` labelled with `charset`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, charset: Charset, normalizeNewlines: Bool = false) -> String {
        switch charset {
        case .utf8:
            return utf8String(bytes, normalizeNewlines: normalizeNewlines)
        case .ascii:
            if isASCII(bytes) || isValidUTF8(bytes) { return utf8String(bytes, normalizeNewlines: normalizeNewlines) }
            return windows1252String(bytes, normalizeNewlines: normalizeNewlines)
        case .windows1252:
            if isASCII(bytes) { return utf8String(bytes, normalizeNewlines: normalizeNewlines) }
            return windows1252String(bytes, normalizeNewlines: normalizeNewlines)
        case .iconv(let name):
            if let utf8 = IconvPool.shared.convert(bytes, from: name) {
                return utf8.withUnsafeBufferPointer { utf8String($0, normalizeNewlines: normalizeNewlines) }
            }
            // Unknown charset: readable ASCII survives, anything else becomes U+FFFD.
            return unknownCharsetString(bytes, normalizeNewlines: normalizeNewlines)
        }
    }

    /// Decodes an array.
    static func decode(_ bytes: [UInt8], charset: Charset, normalizeNewlines: Bool = false) -> String {
        bytes.withUnsafeBufferPointer { decode($0, charset: charset, normalizeNewlines: normalizeNewlines) }
    }

    /// Decodes an array slice.
    static func decode(_ bytes: ArraySlice<UInt8>, charset: Charset, normalizeNewlines: Bool = false) -> String {
        bytes.withUnsafeBufferPointer { decode($0, charset: charset, normalizeNewlines: normalizeNewlines) }
    }

    /// Raw header text (RFC 6532): UTF-8 when valid, otherwise windows-1252 (8-bit latin1 headers).
    static func headerText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        decode(bytes, charset: .ascii)
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        guard let p = bytes.baseAddress else { return true }
        // Eight bytes at a time.
        while i + 8 <= n {
            let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if p[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private static func utf8String(_ bytes: UnsafeBufferPointer<UInt8>, normalizeNewlines: Bool) -> String {
        guard normalizeNewlines, let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) != nil else {
            return String(decoding: bytes, as: UTF8.self)
        }
        // Copy the runs between CRs with memchr; CRLF and lone CR become LF.
        let n = bytes.count
        let normalized = [UInt8](unsafeUninitializedCapacity: n) { out, count in
            var o = 0
            var i = 0
            while i < n {
                let run: Int
                if let p = memchr(base + i, 0x0D, n - i) {
                    run = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) - i
                } else {
                    run = n - i
                }
                if run > 0 {
                    (out.baseAddress! + o).update(from: base + i, count: run)
                    o += run
                    i += run
                }
                if i < n {  // at a CR
                    out[o] = 0x0A
                    o += 1
                    i += (i + 1 < n && base[i + 1] == 0x0A) ? 2 : 1
                }
            }
            count = o
        }
        return String(decoding: normalized, as: UTF8.self)
    }

    /// UTF-8 of windows-1252 bytes 0x80…0xFF: up to three bytes, length in the top byte.
    private static let windows1252UTF8: [UInt32] = (0x80...0xFF).map { (b: Int) -> UInt32 in
        let scalar = b < 0xA0 ? windows1252High[b - 0x80] : UInt32(b)
        var bytes: [UInt8] = []
        appendUTF8(scalar, to: &bytes)
        var packed = UInt32(bytes.count) << 24
        for (k, byte) in bytes.enumerated() { packed |= UInt32(byte) << (8 * k) }
        return packed
    }

    private static func windows1252String(_ bytes: UnsafeBufferPointer<UInt8>, normalizeNewlines: Bool) -> String {
        let n = bytes.count
        let utf8 = [UInt8](unsafeUninitializedCapacity: n * 3) { out, count in
            windows1252UTF8.withUnsafeBufferPointer { table in
                var o = 0
                var i = 0
                while i < n {
                    let b = bytes[i]
                    if b < 0x80 {
                        if b == 0x0D && normalizeNewlines {
                            out[o] = 0x0A
                            if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                        } else {
                            out[o] = b
                        }
                        o += 1
                    } else {
                        let packed = table[Int(b) - 0x80]
                        let length = Int(packed >> 24)
                        out[o] = UInt8(truncatingIfNeeded: packed)
                        out[o + 1] = UInt8(truncatingIfNeeded: packed >> 8)
                        if length == 3 { out[o + 2] = UInt8(truncatingIfNeeded: packed >> 16) }
                        o += length
                    }
                    i += 1
                }
                count = o
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private static func unknownCharsetString(_ bytes: UnsafeBufferPointer<UInt8>, normalizeNewlines: Bool) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        var lastWasReplacement = false
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0D && normalizeNewlines {
                    out.append(0x0A)
                    if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                } else {
                    out.append(b)
                }
                lastWasReplacement = false
            } else if !lastWasReplacement {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                lastWasReplacement = true
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// windows-1252 0x80…0x9F (WHATWG encoding standard); unassigned positions map to the C1 control.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}

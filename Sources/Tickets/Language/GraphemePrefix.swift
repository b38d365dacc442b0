/// Where the first `n` Characters (extended grapheme clusters) of UTF-8 text end, without walking
/// the String's grapheme breaking for the common case.
///
/// `String.prefix(_:)` finds grapheme boundaries scalar by scalar with the full Unicode rules
/// (UAX #29), which costs more than the rest of a language detection. Most mail is made of scalars
/// that always form a Character on their own: below U+0300 (ASCII, Latin-1, Latin Extended, IPA,
/// spacing modifier letters) and the general punctuation U+2010…U+2027 (dashes, curly quotes, `…`,
/// `•`). None of them is Extend, ZWJ, SpacingMark, Prepend, Regional_Indicator, Hangul or
/// Extended_Pictographic, so between two of them there is always a break, except inside CR LF
/// (rules GB3–GB5, GB999). For such text a Character is a scalar, or a CR LF pair.
/// As soon as another scalar (a combining mark, an emoji, another script) comes before the cut,
/// the answer is nil and the caller uses `String.prefix(_:)`, so the result is always the same.
enum GraphemePrefix {
    /// The number of bytes of `utf8` (valid UTF-8) that hold its first `count` Characters, or nil
    /// when the text contains, within them or right after them, a scalar this fast path does not
    /// cover.
    static func byteCount(_ utf8: UnsafeBufferPointer<UInt8>, characters count: Int) -> Int? {
        let n = utf8.count
        var i = 0
        var characters = 0
        var previousWasCR = false
        while i < n {
            if !previousWasCR && count - characters >= 8 && n - i >= 8 {
                // ASCII bytes without a CR are Characters each: the ones before the first
                // non-ASCII byte or CR of the next eight.
                let w = UInt64(littleEndian: UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self))
                let cr = w ^ 0x0D0D_0D0D_0D0D_0D0D
                // The lowest flag of a borrow-based zero test is exact (a borrow only runs upwards).
                let stop = (w | ((cr &- 0x0101_0101_0101_0101) & ~cr)) & 0x8080_8080_8080_8080
                let lanes = stop == 0 ? 8 : stop.trailingZeroBitCount >> 3
                characters += lanes
                i += lanes
                if lanes == 8 { continue }
            }
            let b = utf8[i]
            let length: Int
            if b < 0x80 {
                length = 1
            } else if b >= 0xC2 && b <= 0xCB {
                length = 2  // U+0080…U+02FF
            } else if b == 0xE2 && i + 2 < n && utf8[i + 1] == 0x80 && utf8[i + 2] >= 0x90 && utf8[i + 2] <= 0xA7 {
                length = 3  // U+2010…U+2027
            } else {
                return nil
            }
            // A Character starts here unless this is the LF of a CR LF.
            if !(previousWasCR && b == 0x0A) {
                if characters == count { return i }
                characters += 1
            }
            previousWasCR = b == 0x0D
            i += length
        }
        return n
    }
}

/// Receives what ``TextScanner`` finds in UTF-8 text, in order.
protocol TextScannerSink {
    /// One folded word: `length` (≥ 1) bytes at `start`, each ≥ 0x30: ASCII letters lower-cased,
    /// digits, Latin-1 letters stripped of their diacritics (`ã` → `a`, `Ç` → `c`), and the bytes of
    /// other non-ASCII letters unchanged. At least 8 bytes after the word are readable
    /// (``WordHash/hash(_:_:seed:)`` reads whole 8-byte chunks).
    mutating func word(_ start: UnsafePointer<UInt8>, _ length: Int)
    /// A clause boundary: `. , ; : ! ? …`, brackets, or a blank line. Phrases never span one and
    /// negation never reaches across one. Several may come in a row.
    mutating func boundary()
    /// A `!` was seen (used to notice "shouting"); a boundary follows.
    mutating func exclamation()
}

/// The one normaliser of the classifier: folds case and diacritics and splits words, with no
/// allocation beyond one buffer. Rules and mails go through the same code, so a term in the rules
/// file and the same word in a mail always hash alike.
///
/// - Words are runs of letters and digits. An apostrophe inside a word is dropped (`don't` → `dont`,
///   `can’t` → `cant`), hyphens separate (`dial-in` → `dial in`).
/// - Combining marks (U+0300–U+036F, decomposed accents) are dropped, so NFD and NFC text agree.
/// - Emoji and symbols separate words; letters of other scripts are kept, unfolded.
/// - A blank line (two line feeds with only blanks and apostrophes between) is a boundary.
///
/// ## Two passes
/// 1. ``fold(_:into:)`` rewrites the text into a buffer of folded word bytes (all ≥ 0x30) and
///    one-byte separator codes (all < 0x30), eight bytes at a time while the text is ASCII
///    (letters, digits and spaces by word arithmetic, other ASCII through a table); the rarer
///    non-ASCII sequences take a byte-by-byte path that reproduces the first tokenizer exactly.
/// 2. ``walk(_:into:)`` finds each word's end eight bytes at a time (the first byte below 0x30) and
///    hands the word to the sink as a pointer and a length, so the sink hashes it eight bytes at a
///    time too; only the short separator runs between words are read byte by byte.
///
/// The text is UTF-8 as a Swift String holds it; a multi-byte sequence cut at the end of the
/// buffer (a body truncated to `max_body_bytes`) is handled. Any other bytes are scanned safely
/// and deterministically, but an ASCII control or punctuation byte inside a malformed multi-byte
/// sequence separates words rather than joining one.
enum TextScanner {
    /// How many bytes past the input's length a fold buffer needs: the end code and the 8-byte reads
    /// past a word's end.
    static let padding = 16

    // Separator codes in the fold buffer (word bytes are ≥ 0x30).
    /// Ends a word (hyphens, quotes, symbols, emoji, NBSP…); also fills the padding.
    static let separator: UInt8 = 0
    /// Ends a word but keeps a pending line feed pending (space, tab, CR).
    static let blank: UInt8 = 1
    static let newline: UInt8 = 2
    static let boundaryCode: UInt8 = 3
    static let bang: UInt8 = 4
    /// After the last folded byte.
    static let end: UInt8 = 5
    /// The smallest word byte.
    static let wordMin: UInt8 = 0x30

    /// Per ASCII byte: the folded byte or separator code in the low 8 bits, and in the high bits how
    /// far the output advances: 1, or 0 for the apostrophes that are dropped inside words.
    private static let ascii: [UInt16] = {
        var t = [UInt16](repeating: UInt16(separator) | 0x100, count: 128)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = UInt16(b) | 0x100 }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = UInt16(b + 32) | 0x100 }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = UInt16(b) | 0x100 }
        for c in ".,;:?()[]{}" { t[Int(c.asciiValue!)] = UInt16(boundaryCode) | 0x100 }
        t[Int(UInt8(ascii: "!"))] = UInt16(bang) | 0x100
        t[Int(UInt8(ascii: "\n"))] = UInt16(newline) | 0x100
        t[Int(UInt8(ascii: "'"))] = 0
        t[Int(UInt8(ascii: "`"))] = 0
        t[Int(UInt8(ascii: "\r"))] = UInt16(blank) | 0x100
        t[Int(UInt8(ascii: " "))] = UInt16(blank) | 0x100
        t[Int(UInt8(ascii: "\t"))] = UInt16(blank) | 0x100
        return t
    }()

    /// U+00C0…U+00FF (second byte 0x80…0xBF after lead 0xC3) folded to an ASCII letter, or the
    /// separator code (`×`, `÷`).
    private static let latin1: [UInt8] = {
        let s = Array("aaaaaaaceeeeiiiidnooooo\0ouuuuyts" + "aaaaaaaceeeeiiiidnooooo\0ouuuuyty")
        return s.map { $0 == "\0" ? separator : $0.asciiValue! }
    }()

    /// Folds `input` into `out`, which must have room for `input.count + padding` bytes; returns
    /// the folded length `m`. `out[m]` is ``end`` and the following bytes up to the padding are
    /// ``separator``. The output is never longer than the input (a sequence of bytes gives at most
    /// one code, and a letter at most its own bytes).
    static func fold(_ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let n = input.count
        var o = 0
        if let src = input.baseAddress {
            ascii.withUnsafeBufferPointer { ascii in
                latin1.withUnsafeBufferPointer { latin1 in
                    var i = 0
                    while i < n {
                        if n - i >= 8 {
                            let w = WordHash.chunk(src + i)
                            let high = w & 0x8080_8080_8080_8080
                            let ascii8 = high == 0 ? 8 : high.trailingZeroBitCount >> 3
                            // The ASCII bytes before the first non-ASCII one: letters, digits and spaces
                            // only (most of prose) in a few word operations (all eight lanes are
                            // stored, the output advances by the valid ones), else one table entry
                            // each, with no branch.
                            // (All eight lanes ASCII, the common case, with the lane count as a
                            // constant, so the masking of the others compiles away.)
                            if let folded = ascii8 == 8 ? foldLettersAndSpaces(w) : foldLettersAndSpaces(w, lanes: ascii8) {
                                UnsafeMutableRawPointer(out + o).storeBytes(of: folded.littleEndian, as: UInt64.self)
                                o &+= ascii8
                            } else if ascii8 == 8 {
                                for k in 0..<8 { put(ascii[Int(src[i &+ k])], out, &o) }
                            } else {
                                for k in 0..<ascii8 { put(ascii[Int(src[i &+ k])], out, &o) }
                            }
                            i &+= ascii8
                            if ascii8 == 8 { continue }
                        } else if src[i] < 0x80 {
                            put(ascii[Int(src[i])], out, &o)
                            i &+= 1
                            continue
                        }
                        i = foldNonASCII(src, n, i, out, &o, latin1)
                    }
                }
            }
        }
        out[o] = end
        (out + o + 1).initialize(repeating: separator, count: padding - 1)
        return o
    }

    /// The first `lanes` (0…8) bytes of a little-endian word folded at once when each is a letter, a
    /// digit or a space: letters lower-cased, digits kept, spaces as ``blank``; nil when another
    /// byte is there. Those bytes must be ASCII; the lanes above them may hold anything and fold to
    /// garbage. Each lane is tested by adding a constant that sets its high bit from a threshold on:
    /// an ASCII lane never carries, and a carry only moves up, so the low lanes stay exact.
    /// Setting bit 5 (`| 0x20`) maps `A`…`Z` onto `a`…`z`, keeps `a`…`z`, digits and the space,
    /// and maps no other ASCII byte into `a`…`z`: one range test finds the letters of both cases.
    @inline(__always)
    static func foldLettersAndSpaces(_ w: UInt64, lanes: Int = 8) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func atLeast(_ x: UInt64, _ threshold: UInt64) -> UInt64 { (x &+ ones &* (0x80 &- threshold)) & highs }
        let lower = w | ones &* 0x20
        let letter = atLeast(lower, 0x61) & ~atLeast(lower, 0x7B)
        let digit = atLeast(w, 0x30) & ~atLeast(w, 0x3A)
        let space = ~((w ^ (ones &* 0x20)) &+ ones &* 0x7F) & highs
        let word = letter | digit
        // The high bits of the lanes that do not count.
        let ignored = lanes >= 8 ? 0 : highs & ~((1 &<< UInt64(truncatingIfNeeded: 8 &* lanes)) &- 1)
        guard word | space | ignored == highs else { return nil }
        return (lower & ((word &>> 7) &* 0xFF)) | (space &>> 7) &* UInt64(blank)
    }

    /// Writes an ``ascii`` table entry's byte at `out[o]` and advances `o` by the entry's step. The
    /// byte is written even when the step is 0; the next one overwrites it.
    @inline(__always)
    private static func put(_ entry: UInt16, _ out: UnsafeMutablePointer<UInt8>, _ o: inout Int) {
        out[o] = UInt8(truncatingIfNeeded: entry)
        o &+= Int(entry &>> 8)
    }

    /// Folds the non-ASCII sequence starting at `src[i]` into `out[o...]`; returns where the next
    /// sequence starts (possibly past `n` when the text ends inside this one).
    @inline(__always)
    private static func foldNonASCII(_ src: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ out: UnsafeMutablePointer<UInt8>,
                                     _ o: inout Int, _ latin1: UnsafeBufferPointer<UInt8>) -> Int {
        /// Something dropped inside a word (a combining mark, `’`): nothing when a word is being
        /// written; elsewhere it still ends a pending line feed, as any non-blank character does.
        @inline(__always)
        func drop(_ o: inout Int) {
            if o == 0 || out[o - 1] < wordMin {
                out[o] = separator
                o += 1
            }
        }
        let b = src[i]
        if b == 0xC3 && i + 1 < n {
            out[o] = latin1[Int(src[i + 1] & 0x3F)]
            o += 1
            return i + 2
        }
        if b == 0xC2 {
            // U+0080…U+00BF: NBSP, ¡, ¿, «, », °, ª, º … all separate words.
            out[o] = separator
            o += 1
            return i + 2
        }
        if b == 0xCC || (b == 0xCD && i + 1 < n && src[i + 1] < 0xB0) {
            drop(&o)  // combining diacritical marks
            return i + 2
        }
        if b == 0xE2 {
            if i + 2 < n && src[i + 1] == 0x80 {
                let c = src[i + 2]
                if c == 0x98 || c == 0x99 {
                    drop(&o)  // ‘ ’ inside a word, like an apostrophe
                } else {
                    out[o] = c == 0xA6 ? boundaryCode : separator  // … ; dashes, quotes, bullets
                    o += 1
                }
            } else {
                out[o] = separator  // arrows, symbols, check marks
                o += 1
            }
            return i + 3
        }
        if b >= 0xF0 {
            out[o] = separator  // emoji and other astral symbols
            o += 1
            return i + 4
        }
        // Other scripts: the bytes of the letter, unfolded (a stray byte below 0x30 in a malformed
        // sequence becomes a separator, so it can never read as a code).
        let length = b >= 0xE0 ? 3 : (b >= 0xC0 ? 2 : 1)
        var k = 0
        while k < length && i + k < n {
            let x = src[i + k]
            out[o] = x < wordMin ? separator : x
            o += 1
            k += 1
        }
        return i + length
    }

    /// How many bytes ``fold(_:into:)`` wrote for the first `input.count` bytes of a text whose
    /// fold is `folded`, when those bytes hold only ASCII, U+0080…U+02FF and U+2010…U+2027 (the
    /// scalars ``GraphemePrefix`` accepts) and end at a scalar boundary; nil for any other byte.
    /// The fold of such a prefix alone is exactly that many first bytes of `folded` (the fold reads
    /// no byte past the sequence it writes), so a prefix need not be folded a second time.
    /// Each byte or sequence gives one folded byte, except the apostrophes dropped inside words
    /// (`'` and `` ` ``: none; `‘` `’`: none after a word byte) and the two bytes kept of a letter
    /// from U+0100…U+02FF.
    static func foldedLength(of input: UnsafeBufferPointer<UInt8>, in folded: UnsafePointer<UInt8>) -> Int? {
        guard let src = input.baseAddress else { return 0 }
        let n = input.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        /// The high bit of each zero byte of `x`, exactly (no borrow between lanes).
        @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x | lows) }
        var i = 0, o = 0
        while i < n {
            if n - i >= 8 {
                // The ASCII bytes before the first non-ASCII one.
                let w = WordHash.chunk(src + i)
                let high = w & ~lows
                let apostrophes = zeros(w ^ (ones &* 0x27)) | zeros(w ^ (ones &* 0x60))
                // (Apostrophes are rare: the bit count, not a machine instruction on baseline
                // x86-64, is skipped when there is none.)
                if high == 0 {
                    o &+= 8
                    if apostrophes != 0 { o &-= apostrophes.nonzeroBitCount }
                    i &+= 8
                    continue
                }
                let lanes = high.trailingZeroBitCount &>> 3
                let dropped = apostrophes & ((1 &<< UInt64(truncatingIfNeeded: 8 &* lanes)) &- 1)
                o &+= lanes
                if dropped != 0 { o &-= dropped.nonzeroBitCount }
                i &+= lanes
            }
            let b = src[i]
            if b < 0x80 {
                o &+= b == 0x27 || b == 0x60 ? 0 : 1
                i &+= 1
            } else if b == 0xC2 || b == 0xC3 {
                o &+= 1
                i &+= 2
            } else if b >= 0xC4 && b <= 0xCB {
                o &+= 2
                i &+= 2
            } else if b == 0xE2 && i + 2 < n && src[i + 1] == 0x80 && src[i + 2] >= 0x90 && src[i + 2] <= 0xA7 {
                let c = src[i + 2]
                if c != 0x98 && c != 0x99 || o == 0 || folded[o - 1] < wordMin { o &+= 1 }
                i &+= 3
            } else {
                return nil
            }
        }
        return i == n ? o : nil
    }

    /// ``GraphemePrefix/byteCount(_:characters:)`` and ``foldedLength(of:in:)`` of that prefix in
    /// one pass: where the first `characters` Characters of `text` end, and how many bytes of
    /// `folded` (the fold of the first `limit` bytes of `text`) they fold to; nil when either would
    /// be nil or the prefix is longer than `limit` (the caller then takes the slow path).
    static func foldedPrefix(of text: UnsafeBufferPointer<UInt8>, characters count: Int, limit: Int,
                             in folded: UnsafePointer<UInt8>) -> (byteCount: Int, foldedLength: Int)? {
        guard let src = text.baseAddress else { return (0, 0) }
        let n = text.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        /// The high bit of each zero byte of `x`, exactly (no borrow between lanes).
        @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x | lows) }
        var i = 0, o = 0
        var characters = 0
        var previousWasCR = false
        while i < n {
            if !previousWasCR && count &- characters >= 8 && n &- i >= 8 {
                // ASCII bytes without a CR are Characters each, and fold to a byte each but for
                // the apostrophes dropped: the ones before the first non-ASCII byte or CR.
                let w = WordHash.chunk(src + i)
                let cr = w ^ (ones &* 0x0D)
                let stop = (w | ((cr &- ones) & ~cr)) & ~lows
                let lanes = stop == 0 ? 8 : stop.trailingZeroBitCount &>> 3
                var apostrophes = zeros(w ^ (ones &* 0x27)) | zeros(w ^ (ones &* 0x60))
                if lanes < 8 { apostrophes &= (1 &<< UInt64(truncatingIfNeeded: 8 &* lanes)) &- 1 }
                characters &+= lanes
                i &+= lanes
                o &+= lanes
                if apostrophes != 0 { o &-= apostrophes.nonzeroBitCount }
                if lanes == 8 { continue }
            }
            let b = src[i]
            let length: Int
            var out = 1
            if b < 0x80 {
                length = 1
                if b == 0x27 || b == 0x60 { out = 0 }
            } else if b >= 0xC2 && b <= 0xCB {
                length = 2  // U+0080…U+02FF
                if b >= 0xC4 { out = 2 }
            } else if b == 0xE2 && i &+ 2 < n && src[i &+ 1] == 0x80 && src[i &+ 2] >= 0x90 && src[i &+ 2] <= 0xA7 {
                length = 3  // U+2010…U+2027
                let c = src[i &+ 2]
                if (c == 0x98 || c == 0x99) && o > 0 {
                    guard i < limit else { return nil }
                    if folded[o &- 1] >= wordMin { out = 0 }
                }
            } else {
                return nil
            }
            // A Character starts here unless this is the LF of a CR LF.
            if !(previousWasCR && b == 0x0A) {
                if characters == count { return i <= limit ? (i, o) : nil }
                characters &+= 1
            }
            previousWasCR = b == 0x0D
            i &+= length
            o &+= out
        }
        return n <= limit ? (n, o) : nil
    }

    /// Reports the words, boundaries and `!` of a fold buffer (see ``fold(_:into:)``) to `sink`.
    @inline(__always)
    static func walk<Sink: TextScannerSink>(_ folded: UnsafePointer<UInt8>, into sink: inout Sink) {
        var p = 0
        while true {
            var c = folded[p]
            if c == blank && folded[p &+ 1] >= wordMin {
                // The common case: one space between two words.
                p &+= 1
            } else if c < wordMin {
                // A separator run. A line feed is pending until a word or a non-blank separator.
                var newlineSeen = false
                repeat {
                    switch c {
                    case blank: break
                    case separator: newlineSeen = false
                    case newline:
                        if newlineSeen { sink.boundary() }
                        newlineSeen = true
                    case boundaryCode:
                        sink.boundary()
                        newlineSeen = false
                    case bang:
                        sink.exclamation()
                        sink.boundary()
                        newlineSeen = false
                    default:
                        return  // end
                    }
                    p &+= 1
                    c = folded[p]
                } while c < wordMin
            }
            let end = wordEnd(folded, p)
            sink.word(folded + p, end &- p)
            p = end
        }
    }

    /// The position of the first byte below ``wordMin`` at or after `p`, eight bytes at a time.
    /// It exists (the buffer ends with ``end``) and the reads stay within the padding.
    @inline(__always)
    static func wordEnd(_ folded: UnsafePointer<UInt8>, _ p: Int) -> Int {
        var q = p
        while true {
            let w = WordHash.chunk(folded + q)
            // High bit of each byte below 0x30: a byte ≥ 0x80 is excluded by `~w`; a borrow only
            // runs upwards from a byte that is itself below 0x30, so the lowest flag is exact.
            let below = (w &- 0x3030_3030_3030_3030) & ~w & 0x8080_8080_8080_8080
            if below != 0 { return q &+ below.trailingZeroBitCount &>> 3 }
            q &+= 8
        }
    }

    /// Scans `bytes` (UTF-8), reporting words and boundaries to `sink`.
    @inline(__always)
    static func scan<Sink: TextScannerSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + padding) { buffer in
            _ = fold(bytes, into: buffer.baseAddress!)
            walk(buffer.baseAddress!, into: &sink)
        }
    }

    /// The folded words of `text`, for compiling rules and for tests.
    static func words(_ text: String) -> [String] {
        var sink = WordCollector()
        var copy = text
        copy.withUTF8 { scan($0, into: &sink) }
        return sink.words
    }
}

/// Collects folded words as strings (the slow path used for rules and tests).
struct WordCollector: TextScannerSink {
    var words: [String] = []
    mutating func word(_ start: UnsafePointer<UInt8>, _ length: Int) {
        words.append(String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self))
    }
    mutating func boundary() {}
    mutating func exclamation() {}
}

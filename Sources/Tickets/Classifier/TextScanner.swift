/// Receives what ``TextScanner`` finds in one pass over UTF-8 text.
protocol TextScannerSink {
    /// One byte of the current word, already folded: ASCII letters lower-cased, Latin-1 letters
    /// stripped of their diacritics (`ã` → `a`, `Ç` → `c`), other non-ASCII letters passed through.
    mutating func wordByte(_ byte: UInt8)
    /// The current word (if any) has ended.
    mutating func endWord()
    /// A clause boundary: `. , ; : ! ? …`, brackets, or a blank line. Phrases never span one and
    /// negation never reaches across one.
    mutating func boundary()
    /// A `!` was seen (used to notice "shouting").
    mutating func exclamation()
}

/// The one normaliser of the classifier: folds case and diacritics and splits words in a single pass
/// over the UTF-8 bytes, with no allocation. Rules and mails go through the same code, so a term in
/// the rules file and the same word in a mail always hash alike.
///
/// - Words are runs of letters and digits. An apostrophe inside a word is dropped (`don't` → `dont`,
///   `can’t` → `cant`), hyphens separate (`dial-in` → `dial in`).
/// - Combining marks (U+0300–U+036F, decomposed accents) are dropped, so NFD and NFC text agree.
/// - Emoji and symbols separate words.
enum TextScanner {
    /// Byte classes for ASCII: a folded letter/digit, or one of the codes below.
    private static let separator: UInt8 = 0
    private static let boundaryCode: UInt8 = 1
    private static let newline: UInt8 = 2
    private static let skip: UInt8 = 3
    private static let bang: UInt8 = 4
    private static let space: UInt8 = 5

    private static let ascii: [UInt8] = {
        var t = [UInt8](repeating: separator, count: 128)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = b }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = b + 32 }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = b }
        for c in ".,;:?()[]{}" { t[Int(c.asciiValue!)] = boundaryCode }
        t[Int(UInt8(ascii: "!"))] = bang
        t[Int(UInt8(ascii: "\n"))] = newline
        t[Int(UInt8(ascii: "'"))] = skip
        t[Int(UInt8(ascii: "`"))] = skip
        t[Int(UInt8(ascii: "\r"))] = space
        t[Int(UInt8(ascii: " "))] = space
        t[Int(UInt8(ascii: "\t"))] = space
        return t
    }()

    /// U+00C0…U+00FF (second byte 0x80…0xBF after lead 0xC3) folded to an ASCII letter, 0 = separator.
    private static let latin1: [UInt8] = {
        let s = Array("aaaaaaaceeeeiiiidnooooo\0ouuuuyts" + "aaaaaaaceeeeiiiidnooooo\0ouuuuyty")
        return s.map { $0 == "\0" ? 0 : $0.asciiValue! }
    }()

    /// Scans `bytes` (UTF-8), reporting words and boundaries to `sink`.
    @inline(__always)
    static func scan<Sink: TextScannerSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        ascii.withUnsafeBufferPointer { ascii in
            latin1.withUnsafeBufferPointer { latin1 in
                var i = 0
                let n = bytes.count
                var newlineSeen = false
                while i < n {
                    let b = bytes[i]
                    if b < 0x80 {
                        let c = ascii[Int(b)]
                        i += 1
                        if c >= 0x30 {
                            sink.wordByte(c)
                            newlineSeen = false
                            continue
                        }
                        switch c {
                        case skip: continue
                        case space: sink.endWord()
                        case newline:
                            sink.endWord()
                            if newlineSeen { sink.boundary() }
                            newlineSeen = true
                        case bang:
                            sink.exclamation()
                            sink.boundary()
                            newlineSeen = false
                        case boundaryCode:
                            sink.boundary()
                            newlineSeen = false
                        default:
                            sink.endWord()
                            newlineSeen = false
                        }
                        continue
                    }
                    newlineSeen = false
                    if b == 0xC3, i + 1 < n {
                        let f = latin1[Int(bytes[i + 1] & 0x3F)]
                        if f != 0 { sink.wordByte(f) } else { sink.endWord() }
                        i += 2
                    } else if b == 0xC2 {
                        // U+0080…U+00BF: NBSP, ¡, ¿, «, », °, ª, º … all separate words.
                        sink.endWord()
                        i += 2
                    } else if b == 0xCC || (b == 0xCD && i + 1 < n && bytes[i + 1] < 0xB0) {
                        // Combining diacritical marks: dropped.
                        i += 2
                    } else if b == 0xE2 {
                        if i + 2 < n, bytes[i + 1] == 0x80 {
                            let c = bytes[i + 2]
                            if c == 0x98 || c == 0x99 {
                                // ‘ ’ inside a word, like an apostrophe.
                            } else if c == 0xA6 {
                                sink.boundary()  // …
                            } else {
                                sink.endWord()  // dashes, quotes, bullets
                            }
                        } else {
                            sink.endWord()  // arrows, symbols, check marks
                        }
                        i += 3
                    } else if b >= 0xF0 {
                        sink.endWord()  // emoji and other astral symbols
                        i += 4
                    } else {
                        // Other scripts: the bytes of the letter, unfolded.
                        let len = b >= 0xE0 ? 3 : (b >= 0xC0 ? 2 : 1)
                        var k = 0
                        while k < len && i + k < n {
                            sink.wordByte(bytes[i + k])
                            k += 1
                        }
                        i += len
                    }
                }
                sink.endWord()
            }
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

/// The hash of a folded word, computed byte by byte while scanning.
///
/// Per byte only a rotate and an xor (one cycle on the loop-carried path); the multiply that
/// spreads the bits is applied by ``mix(_:)`` when a value is looked up. Lower-case ASCII letters
/// differ in their low 5 bits only, so words of up to 12 letters map to distinct values; the
/// multiply by an odd constant is a bijection and adds no collision.
enum WordHash {
    static let offset: UInt64 = 0x2545_f491_4f6c_dd1d

    @inline(__always)
    static func add(_ hash: UInt64, _ byte: UInt8) -> UInt64 { ((hash &<< 5) | (hash &>> 59)) ^ UInt64(byte) }

    @inline(__always)
    static func mix(_ hash: UInt64) -> UInt64 { hash &* 0x9E37_79B9_7F4A_7C15 }

    static func of(_ folded: String) -> UInt64 {
        var h = offset
        for b in folded.utf8 { h = add(h, b) }
        return h
    }
}

/// Collects folded words as strings (the slow path used for rules and tests).
struct WordCollector: TextScannerSink {
    var words: [String] = []
    var current: [UInt8] = []
    var boundaries = 0
    mutating func wordByte(_ byte: UInt8) { current.append(byte) }
    mutating func endWord() {
        guard !current.isEmpty else { return }
        words.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
    }
    mutating func boundary() {
        endWord()
        boundaries += 1
    }
    mutating func exclamation() {}
}

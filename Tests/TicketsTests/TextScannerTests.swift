import Testing
@testable import Tickets

/// The two-pass tokenizer against the byte-by-byte reference (``ReferenceScanner``), on edge
/// cases, on generated mail-like text cut at every byte, and on arbitrary bytes.
@Suite struct TextScannerTests {
    /// Records ``TextScanner``'s events in the reference's terms.
    struct EventSink: TextScannerSink {
        var events: [ReferenceScanner.Event] = []
        mutating func word(_ start: UnsafePointer<UInt8>, _ length: Int) {
            events.append(.word(Array(UnsafeBufferPointer(start: start, count: length))))
        }
        mutating func boundary() { events.append(.boundary) }
        mutating func exclamation() { events.append(.exclamation) }
    }

    static func events(_ bytes: [UInt8]) -> [ReferenceScanner.Event] {
        var sink = EventSink()
        bytes.withUnsafeBufferPointer { TextScanner.scan($0, into: &sink) }
        return sink.events
    }

    /// Compares both scanners on `bytes` and on every prefix of it; returns how many were compared.
    @discardableResult
    static func compareWithEveryCut(_ bytes: [UInt8], _ label: String) -> Int {
        var compared = 0
        for cut in (0...bytes.count).reversed() {
            let prefix = Array(bytes.prefix(cut))
            var malformed = false
            let expected = ReferenceScanner.events(prefix, malformed: &malformed)
            let actual = events(prefix)
            if malformed { continue }
            compared += 1
            if actual != expected {
                Issue.record("\(label), cut at \(cut) of \(bytes.count): \(actual) ≠ \(expected)")
                return compared
            }
        }
        return compared
    }

    static let edgeCases: [String] = [
        "", " ", "a", "!", "!!!", "\n", "\n\n", "\n \n", "\r\n\r\n", "\n'\n", "\n\u{0301}\n", "\n’\n", "a\n\u{0301}\nb",
        "don't", "can’t", "‘quoted’", "O’Brien", "dial-in", "e-mail", "Não", "Na\u{0303}o", "NÃO FUNCIONA", "ÇÃO", "×÷",
        "naïve café", "Łódź straße œuvre", "ﬁle", "İstanbul", "ǅ", "日本語のテキスト", "Ελλάδα", "мир", "🙂 👍🏽 → ✓ — «ok» ¿qué? ¡ya!",
        "wait… what...", "a.b,c;d:e?f(g)h[i]j{k}l", "9h40 5003", "tab\there", "nbsp\u{00A0}here", "\u{0301}start", "end\u{0301}",
        "a'\u{0301}b", "'\u{0301}'", "x\u{034F}y", "x\u{036F}y", "x\u{0370}y", "soft\u{00AD}hyphen", "zero\u{200B}width",
        String(repeating: "a", count: 7), String(repeating: "b", count: 8), String(repeating: "c", count: 9),
        String(repeating: "d", count: 15), String(repeating: "e", count: 16), String(repeating: "f", count: 17),
        String(repeating: "g", count: 63), String(repeating: "h", count: 64), String(repeating: "i", count: 65),
        String(repeating: "ção", count: 40), "12345678 abcdefgh 87654321", "abcdefgh!", "abcdefgh\n\nabcdefghijklmnop",
        String(repeating: ". ", count: 40), String(repeating: "\n", count: 20), "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ",
    ]

    @Test(arguments: edgeCases)
    func edgeCaseMatchesTheReference(_ text: String) {
        Self.compareWithEveryCut(Array(text.utf8), text)
    }

    @Test(arguments: edgeCases)
    func wordsAreTheReferenceWords(_ text: String) {
        var malformed = false
        let expected = ReferenceScanner.events(Array(text.utf8), malformed: &malformed).compactMap { event -> String? in
            if case .word(let w) = event { return String(decoding: w, as: UTF8.self) }
            return nil
        }
        #expect(TextScanner.words(text) == expected)
    }

    @Test func documentedFolding() {
        #expect(TextScanner.words("Não CONSIGO, dial-in don't can’t Na\u{0303}o") == ["nao", "consigo", "dial", "in", "dont", "cant", "nao"])
        #expect(TextScanner.words("🙂ok→fine ﬁle") == ["ok", "fine", "ﬁle"])
    }

    /// Mail-like text from pieces, every cut of it compared.
    @Test func generatedTextMatchesTheReference() {
        let pieces = ["a", "Z", "word", "Reunião", "ABCDEFGH", "abcdefghi", "x1", " ", " ", " ", "\r\n", "\n", "\n\n", "\t", "'", "`",
                      ".", ",", "!", "?", ";", "(", ")", "-", "/", "\"", "é", "ç", "Ã", "×", "ß", "\u{0301}", "\u{0303}", "’", "‘",
                      "—", "…", "“", "\u{00A0}", "¿", "🙂", "👍🏽", "日本", "мир", "ǅ", "\u{0370}", "\u{036F}", "ﬁ"]
        var rng = ClassifierGoldenTests.SplitMix(state: 99)
        var compared = 0
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<Int.random(in: 0...24, using: &rng) { s += pieces.randomElement(using: &rng)! }
            compared += Self.compareWithEveryCut(Array(s.utf8), s)
        }
        #expect(compared > 5_000)
    }

    /// Arbitrary bytes never crash the scanner, and give the reference's events wherever the
    /// reference did not glue a stray ASCII separator into a malformed sequence.
    @Test func arbitraryBytes() {
        var rng = ClassifierGoldenTests.SplitMix(state: 5)
        var compared = 0
        for round in 0..<2_000 {
            let length = Int.random(in: 0...40, using: &rng)
            // Half the rounds draw mostly high bytes, so that multi-byte sequences of every kind occur.
            let bytes = (0..<length).map { _ -> UInt8 in
                let x = UInt8(truncatingIfNeeded: rng.next())
                return round % 2 == 0 ? x : (x | 0x80)
            }
            var malformed = false
            let expected = ReferenceScanner.events(bytes, malformed: &malformed)
            let actual = Self.events(bytes)
            for case .word(let w) in actual { #expect(w.allSatisfy { $0 >= 0x30 } && !w.isEmpty) }
            if !malformed {
                compared += 1
                #expect(actual == expected, "\(bytes)")
            }
        }
        #expect(compared > 500)
    }

    @Test func largeInputs() {
        let big = String(repeating: "não funciona 🔥!! a\u{0301} ", count: 40_000)  // ~1 MB
        #expect(TextScanner.words(big).count == 40_000 * 3)  // não, funciona, a
        #expect(TextScanner.words(String(repeating: "x", count: 1_000_000)) == [String(repeating: "x", count: 1_000_000)])
        #expect(TextScanner.words(String(repeating: " .,!\n", count: 200_000)).isEmpty)
    }

    /// A word's hash depends only on its bytes, not on what follows it in the buffer, and a prefix
    /// hashed in place (stems) equals the prefix hashed on its own.
    @Test func hashReadsOnlyTheWord() {
        let words = ["a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq", String(repeating: "z", count: 70)]
        for w in words {
            for tail in ["", " ", "zzzzzzzzzzzzzzzz", "\u{0}\u{0}"] {
                let bytes = Array(w.utf8) + Array(tail.utf8) + [UInt8](repeating: 0xFF, count: 16)
                bytes.withUnsafeBufferPointer { p in
                    #expect(WordHash.hash(p.baseAddress!, w.utf8.count, seed: WordHash.defaultSeed) == WordHash.of(w, seed: WordHash.defaultSeed))
                    for k in 1...w.utf8.count {
                        #expect(WordHash.hash(p.baseAddress!, k, seed: 7) == WordHash.of(String(w.prefix(k)), seed: 7))
                    }
                }
            }
        }
    }

    @Test func shortWordsNeverCollide() {
        // Every word of up to 3 letters, and all their lengths mixed: distinct hashes.
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var all: [String] = letters.map { String($0) }
        for a in letters { for b in letters { all.append(String([a, b])) } }
        for a in letters.prefix(12) { for b in letters { for c in letters { all.append(String([a, b, c])) } } }
        let hashes = Set(all.map { WordHash.of($0, seed: WordHash.defaultSeed) })
        #expect(hashes.count == all.count)
    }

    @Test func seedSeparatesTheVocabulary() {
        let words = (0..<5_000).map { "palavra\($0)comprida\($0 % 97)" }
        let seed = WordHash.seed(distinguishing: words)
        #expect(Set(words.map { WordHash.of($0, seed: seed) }).count == Set(words).count)
    }
}

/// The word-at-a-time folding of letters, digits and spaces against the per-byte rules.
@Suite struct FoldLettersAndSpacesTests {
    static func expected(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): b
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): b + 32
        case UInt8(ascii: " "): TextScanner.blank
        default: nil
        }
    }

    @Test func everyASCIIByteInEveryLane() {
        var rng = ClassifierGoldenTests.SplitMix(state: 11)
        let fill = Array("aZ09 mQ".utf8)
        for lane in 0..<8 {
            for b in UInt8(0)..<0x80 {
                var bytes = (0..<8).map { _ in fill.randomElement(using: &rng)! }
                bytes[lane] = b
                let w = bytes.withUnsafeBufferPointer { WordHash.chunk($0.baseAddress!) }
                let want = bytes.map(Self.expected)
                if want.contains(where: { $0 == nil }) {
                    #expect(TextScanner.foldLettersAndSpaces(w) == nil, "\(bytes)")
                } else {
                    let got = TextScanner.foldLettersAndSpaces(w).map { v in (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
                    #expect(got == want.map { $0! }, "\(bytes)")
                }
            }
        }
    }

    /// With fewer lanes, the bytes above them (here non-ASCII ones) change nothing below.
    @Test func fewerLanesIgnoreTheBytesAbove() {
        var rng = ClassifierGoldenTests.SplitMix(state: 12)
        let fill = Array("aZ09 mQ".utf8)
        for _ in 0..<2_000 {
            let lanes = Int.random(in: 0...7, using: &rng)
            var bytes = (0..<8).map { _ in fill.randomElement(using: &rng)! }
            if lanes < 8, Bool.random(using: &rng) { bytes[Int.random(in: 0..<lanes + 1, using: &rng) % 8] = UInt8.random(in: 0..<0x80, using: &rng) }
            for k in lanes..<8 { bytes[k] = UInt8.random(in: 0x80...0xFF, using: &rng) }
            let w = bytes.withUnsafeBufferPointer { WordHash.chunk($0.baseAddress!) }
            let want = bytes.prefix(lanes).map(Self.expected)
            let got = TextScanner.foldLettersAndSpaces(w, lanes: lanes).map { v in (0..<lanes).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
            if want.contains(where: { $0 == nil }) {
                #expect(got == nil, "\(bytes) \(lanes)")
            } else {
                #expect(got == want.map { $0! }, "\(bytes) \(lanes)")
            }
        }
    }

    /// The fold of a Character prefix is the first `foldedLength` bytes of the whole text's fold
    /// (the language detection reads the body's prefix from the body's fold buffer).
    @Test func foldedLengthOfAPrefix() {
        var rng = ClassifierGoldenTests.SplitMix(state: 21)
        let pieces = GraphemePrefixTests.pieces + ["'", "`", "don't", "d’", "’’", "Ação", "x’y", "aa'bb", "``x"]
        var texts = GraphemePrefixTests.texts()
        for _ in 0..<300 {
            texts.append((0..<Int.random(in: 0...400, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        var compared = 0, onePass = 0
        for text in texts {
            var copy = text
            copy.withUTF8 { bytes in
                var whole = [UInt8](repeating: 0xFF, count: bytes.count + TextScanner.padding)
                _ = whole.withUnsafeMutableBufferPointer { TextScanner.fold(bytes, into: $0.baseAddress!) }
                for characters in [0, 1, 7, 64, 300, 1024] {
                    guard let cut = GraphemePrefix.byteCount(bytes, characters: characters) else { continue }
                    let prefix = UnsafeBufferPointer(rebasing: bytes[..<cut])
                    var alone = [UInt8](repeating: 0xFF, count: cut + TextScanner.padding)
                    let length = alone.withUnsafeMutableBufferPointer { TextScanner.fold(prefix, into: $0.baseAddress!) }
                    let got = whole.withUnsafeBufferPointer { TextScanner.foldedLength(of: prefix, in: $0.baseAddress!) }
                    #expect(got == length, "\(text.debugDescription) \(characters)")
                    #expect(Array(whole[..<length]) == Array(alone[..<length]))
                    compared += 1
                }
                // Both in one pass, with the fold of the whole text or of a shorter part of it.
                for characters in [0, 3, 64, 1024] {
                    let cut = GraphemePrefix.byteCount(bytes, characters: characters)
                    for limit in Set([bytes.count, bytes.count / 2, cut ?? 0, max(0, (cut ?? 0) - 1)]) {
                        var part = [UInt8](repeating: 0xFF, count: limit + TextScanner.padding)
                        _ = part.withUnsafeMutableBufferPointer { TextScanner.fold(UnsafeBufferPointer(rebasing: bytes[..<limit]), into: $0.baseAddress!) }
                        let got = part.withUnsafeBufferPointer {
                            TextScanner.foldedPrefix(of: bytes, characters: characters, limit: limit, in: $0.baseAddress!)
                        }
                        guard let got else { continue }
                        #expect(got.byteCount == cut, "\(text.debugDescription) \(characters) \(limit)")
                        #expect(got.byteCount <= limit)
                        let prefix = UnsafeBufferPointer(rebasing: bytes[..<got.byteCount])
                        let length = whole.withUnsafeBufferPointer { TextScanner.foldedLength(of: prefix, in: $0.baseAddress!) }
                        #expect(got.foldedLength == length, "\(text.debugDescription) \(characters) \(limit)")
                        onePass += 1
                    }
                }
            }
        }
        #expect(compared > 1000)
        #expect(onePass > 1000)
    }
}

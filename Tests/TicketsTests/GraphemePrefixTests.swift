import Testing
@testable import Tickets

/// The byte-level Character prefix used for language detection gives exactly `String.prefix(_:)`.
@Suite struct GraphemePrefixTests {
    /// Pieces mail is made of, including every kind the fast path must refuse (combining marks,
    /// emoji with modifiers and ZWJ, flags, Hangul jamo, other scripts) and CR LF across the cut.
    static let pieces = ["a", "Z", " ", "\r", "\n", "\r\n", "\t", "é", "ç", "Ł", "ǅ", "ʼ", "’", "—", "…", "•", "“",
                         "\u{0301}", "e\u{0301}", "n\u{0303}", "🙂", "👍🏽", "👨‍👩‍👧", "🇧🇷", "日本", "мир", "한국", "\u{1100}\u{1161}",
                         "\u{00AD}", "\u{200D}", "\u{2028}", "\u{2030}", "ok", "9h40", "!!!", "x"]

    static func texts() -> [String] {
        var rng = ClassifierGoldenTests.SplitMix(state: 7)
        var out: [String] = ["", "a", "\r\n", String(repeating: "a", count: 1024), String(repeating: "a", count: 1023) + "\r\n",
                             String(repeating: "a", count: 1023) + "\r" + "\n" + "b", String(repeating: "a", count: 1024) + "\u{0301}",
                             String(repeating: "é", count: 1500), String(repeating: "\r\n", count: 1500)]
        for i in 0..<400 {
            // Mostly the fast path's pieces, sometimes one that ends it, near the cut or not.
            let simple = i % 3 != 0
            var s = ""
            let length = Int.random(in: 0...1300, using: &rng)
            for _ in 0..<length {
                let piece = pieces.randomElement(using: &rng)!
                if simple && piece.unicodeScalars.contains(where: { $0.value >= 0x300 && !(0x2010...0x2027).contains($0.value) }) { continue }
                s += piece
            }
            out.append(s)
        }
        return out
    }

    @Test func detectionTextIsTheCharacterPrefix() {
        for (i, body) in Self.texts().enumerated() {
            let expected = "Assunto\n" + body.prefix(1024)
            #expect(Classifier.detectionText(subject: "Assunto", body: body) == expected, "text \(i)")
        }
    }

    @Test(arguments: [0, 1, 2, 5, 1024])
    func byteCountCountsCharacters(_ count: Int) {
        for body in Self.texts() {
            var copy = body
            guard let cut = copy.withUTF8({ GraphemePrefix.byteCount($0, characters: count) }) else { continue }
            #expect(cut == body.prefix(count).utf8.count)
        }
    }

    /// The in-place detection reads the same text as detecting `detectionText`.
    @Test func detectLanguageInPlaceIsTheSame() throws {
        let detector = LanguageDetector()
        var inputs = try SampleMail.all().map { ($0.subject, $0.newText) }
        let words = ["não", "funciona", "the", "meeting", "no", "podemos", "reunión", "você", "and", "pero"]
        var rng = ClassifierGoldenTests.SplitMix(state: 13)
        for body in Self.texts() {
            var b = body
            for _ in 0..<Int.random(in: 0...200, using: &rng) { b += words.randomElement(using: &rng)! + " " }
            inputs.append((words.randomElement(using: &rng)!, String(b.shuffled(using: &rng))))
        }
        inputs.append((String(repeating: "the ", count: 2_100), "não não não"))  // over 8 KiB: the built text
        inputs.append(("", ""))
        var agree = 0
        for (subject, body) in inputs {
            let expected = detector.detect(Classifier.detectionText(subject: subject, body: body))
            #expect(Classifier.detectLanguage(subject: subject, body: body) == expected, "\(subject.prefix(40))")
            if expected != nil { agree += 1 }
        }
        #expect(agree > 100)
    }
}

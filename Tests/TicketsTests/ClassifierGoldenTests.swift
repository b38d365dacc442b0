import Foundation
import Testing
@testable import Tickets

/// Proves that speed work on the classifier changes nothing it decides: every sample mail and a
/// deterministic set of generated hostile texts are classified with a frozen copy of the rules
/// (`Fixtures/ClassifierGolden/rules.yaml`) and compared, priority, reasons and matches, with the
/// output the classifier gave before the matching code was rewritten (`samples.golden` in full,
/// `generated.golden` as priority, scores and a digest of the full output).
///
/// The rules and the samples evolve on their own; the frozen rules keep this test about the
/// matching code. A sample whose text changed since the golden file was written (its digest differs)
/// is skipped and counted; new samples are not in the golden file. Regenerate (only with a
/// classifier whose output is known to be right) with `CLASSIFIER_GOLDEN_WRITE=1 swift test --filter
/// ClassifierGoldenTests`.
@Suite struct ClassifierGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ClassifierGolden")

    static func frozenRules() throws -> ClassifierRules {
        try ClassifierRules.load(contentsOf: directory.appendingPathComponent("rules.yaml").path)
    }

    /// FNV-1a over the UTF-8 of subject, NUL, body: identifies the input a golden line was made from.
    static func digest(_ subject: String, _ body: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in subject.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ 0) &* 0x100_0000_01b3
        for b in body.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    /// FNV-1a of a string's UTF-8, in hex.
    static func fnv(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    /// The priority, the scores and a digest of ``render(_:)`` (the generated texts produce long
    /// outputs; the digest keeps the golden file small and is as strict).
    static func renderShort(_ c: Classification) -> String {
        let full = render(c)
        let fields = full.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        return "\(fields[0])\t\(fields[1])\t\(fnv(full))"
    }

    /// Everything the classifier says about one mail, on one line (tabs and newlines escaped).
    static func render(_ c: Classification) -> String {
        let matches = c.matches.map {
            "\($0.term)|\($0.field)|\($0.weight)|\($0.negated)|\($0.priority.map { "\($0)" } ?? "-")|\($0.modifier ?? "-")|\($0.language)"
        }
        let scores = Priority.allCases.map { "\(c.scores[$0] ?? -1)" }.joined(separator: ",")
        let line = "\(c.priority)\t\(scores)\t\(c.reasons.joined(separator: " ¦ "))\t\(matches.joined(separator: " ¦ "))"
        return line.replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A deterministic generator, so the generated texts are the same on every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Texts built from the frozen rules' own terms, negators and modifiers, mangled the ways mail
    /// mangles them: upper case, accents stripped or decomposed (NFD), stems extended, gaps filled,
    /// punctuation, curly apostrophes, ellipses, emoji, other scripts, CRLF, blank lines, Latin
    /// Extended letters, and bodies longer than `max_body_bytes` cut inside a multi-byte letter.
    static func generated(_ rules: ClassifierRules) -> [(subject: String, body: String)] {
        var rng = SplitMix(state: 2026)
        let terms = rules.termTexts
        let negators = Language.allCases.flatMap { rules.negators[$0] ?? [] }
            + Language.allCases.flatMap { rules.breaks[$0] ?? [] }
            + Language.allCases.flatMap { rules.concord[$0] ?? [] }
        let filler = ["a", "equipe", "the", "our", "hoje", "muy", "todo", "para", "with", "la", "de", "meeting",
                      "reunião", "ÁUDIO", "vídeo", "cámara", "user's", "don’t", "naïve", "Łódź", "straße", "œuvre",
                      "日本語", "Ελλάδα", "мир", "🙂", "👍🏽", "→", "✓", "—", "«ok»", "¿qué?", "¡ya!", "5003", "9h40",
                      "e-mail", "dial-in", "O’Brien", "ﬁle", "İstanbul", "ǅ", "Å", "ß", "ø", "ñ", "Ç"]
        let punct = [" ", " ", " ", " ", ", ", ". ", "! ", "!!! ", "? ", "; ", ": ", "… ", "...", "\n", "\n\n",
                     "\r\n", "\r\n\r\n", " - ", " (", ") ", "\t", "\u{00A0}", " / ", " \"", "\" "]
        func mangle(_ text: String) -> String {
            var t = text
            if t.hasSuffix("*") {
                t.removeLast()
                t += ["", "s", "ndo", "ou", "ções", "ing", "ed", "ado", "íamos"].randomElement(using: &rng)!
            }
            t = t.replacingOccurrences(of: " .. ", with: " " + (0..<Int.random(in: 0...5, using: &rng))
                .map { _ in filler.randomElement(using: &rng)! }.joined(separator: " ") + " ")
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: t = t.uppercased()
            case 1: t = t.folding(options: [.diacriticInsensitive], locale: nil)
            case 2: t = t.decomposedStringWithCanonicalMapping
            case 3: t = t.capitalized
            case 4: t = t.replacingOccurrences(of: " ", with: ["  ", "\n", " - ", ", "].randomElement(using: &rng)!)
            default: break
            }
            return t
        }
        func sentence(_ words: Int) -> String {
            var s = ""
            for _ in 0..<words {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0...3: s += mangle(terms.randomElement(using: &rng)!)
                case 4...5: s += mangle(negators.randomElement(using: &rng) ?? "not")
                default: s += filler.randomElement(using: &rng)!
                }
                s += punct.randomElement(using: &rng)!
            }
            return s
        }
        var out: [(String, String)] = []
        for i in 0..<240 {
            var subject = sentence(Int.random(in: 0...6, using: &rng))
            if i % 7 == 0 { subject = ["Re: ", "RES: ", "RV: ", "Fwd: ", "ENC:", " re : "].randomElement(using: &rng)! + subject }
            if i % 11 == 0 { subject = subject.uppercased() }
            let size = i % 20 == 0 ? 70_000 : Int.random(in: 0...3_000, using: &rng)
            var body = ""
            while body.utf8.count < size { body += sentence(Int.random(in: 1...12, using: &rng)) }
            if i % 20 == 0 {
                // Put a multi-byte letter across the max_body_bytes cut.
                let limit = rules.settings.maxBodyBytes
                var prefix = String(decoding: Array(body.utf8.prefix(limit - 1)), as: UTF8.self)
                while prefix.utf8.count > limit - 1 { prefix.removeLast() }
                body = prefix + String(repeating: "x", count: limit - 1 - prefix.utf8.count) + "ção não funciona" + body
            }
            out.append((subject, body))
        }
        out.append(("", ""))
        out.append(("!!!!", "!!!"))
        out.append(("URGENTE", ""))
        out.append(("", String(repeating: "não ", count: 5_000)))
        return out
    }

    static func goldenLines(_ name: String) throws -> [String: String] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            out[String(line[..<tab])] = String(line[line.index(after: tab)...])
        }
        return out
    }

    static var writing: Bool { ProcessInfo.processInfo.environment["CLASSIFIER_GOLDEN_WRITE"] == "1" }

    static func write(_ name: String, _ lines: [String]) throws {
        let header = "# generated by ClassifierGoldenTests with the frozen rules.yaml beside this file; do not edit\n"
        try (header + lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func samplesClassifyAsBefore() throws {
        let classifier = Classifier(rules: try Self.frozenRules())
        let samples = try SampleMail.all()
        if Self.writing {
            try Self.write("samples.golden", samples.map {
                "\($0.file):\(Self.digest($0.subject, $0.newText))\t" + Self.render(classifier.classify(subject: $0.subject, body: $0.newText))
            })
            return
        }
        let golden = try Self.goldenLines("samples.golden")
        var compared = 0
        var skipped = 0
        for sample in samples {
            guard let expected = golden["\(sample.file):\(Self.digest(sample.subject, sample.newText))"] else {
                skipped += 1
                continue
            }
            compared += 1
            #expect(Self.render(classifier.classify(subject: sample.subject, body: sample.newText)) == expected, "\(sample.file)")
        }
        print("classifier golden: \(compared) samples compared, \(skipped) changed or new since the golden file")
        #expect(compared >= min(golden.count, 100))
    }

    @Test func generatedTextsClassifyAsBefore() throws {
        let rules = try Self.frozenRules()
        let classifier = Classifier(rules: rules)
        let inputs = Self.generated(rules)
        let rendered = inputs.enumerated().map { i, m in
            "\(i):\(Self.digest(m.subject, m.body))\t" + Self.renderShort(classifier.classify(subject: m.subject, body: m.body))
        }
        if Self.writing {
            try Self.write("generated.golden", rendered)
            return
        }
        let golden = try Self.goldenLines("generated.golden")
        #expect(golden.count == inputs.count)
        for line in rendered {
            let tab = line.firstIndex(of: "\t")!
            let key = String(line[..<tab])
            #expect(golden[key] == String(line[line.index(after: tab)...]), "generated input \(key)")
        }
    }
}

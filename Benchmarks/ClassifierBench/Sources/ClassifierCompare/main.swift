// Prints everything the classifier says about many inputs, one line per input, so that two builds
// of the classifier (before and after a change that must not change any output) can be compared
// with `diff`:
//
//   cd Benchmarks/ClassifierBench && swift build -c release
//   .build/release/ClassifierCompare RULES.yaml SAMPLES-DIR > new.txt
//
// RULES.yaml is the base rules file (pass the same file to both builds); variants of it with other
// settings (gap, negation window, body limit, weights, shouting) are derived by editing its
// `settings:` and `negation.window` lines. The inputs are every `*.eml` of SAMPLES-DIR (subject and
// MailCore's `newText`, as `rules eval` hands them to the classifier) and generated texts that mix
// the rules' own terms (numbers put in for `#`, stems extended, gaps filled), negation, concord and
// break words, clause boundaries, accents stripped or decomposed, capitals, emoji and other scripts.
import Foundation
import MailCore
import BenchSupport
import Tickets

/// Everything the classifier says about one mail, on one line (newlines escaped).
func render(_ c: Classification) -> String {
    let matches = c.matches.map {
        "\($0.term)|\($0.field)|\($0.weight)|\($0.negated)|\($0.priority.map { "\($0)" } ?? "-")|\($0.modifier ?? "-")|\($0.language)"
    }
    let scores = Priority.allCases.map { "\(c.scores[$0] ?? -1)" }.joined(separator: ",")
    let line = "\(c.priority)\t\(scores)\t\(c.reasons.joined(separator: " ¦ "))\t\(matches.joined(separator: " ¦ "))"
    return line.replacingOccurrences(of: "\n", with: "\\n")
}

/// `yaml` with the given `settings:` keys and `negation.window` replaced (each key must be present
/// once in the base file, indented by two spaces).
func variant(_ yaml: String, _ settings: [String: String]) -> String {
    var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (key, value) in settings {
        guard let i = lines.firstIndex(where: { $0.hasPrefix("  \(key): ") }) else {
            FileHandle.standardError.write("no '  \(key):' line in the rules\n".data(using: .utf8)!)
            exit(2)
        }
        lines[i] = "  \(key): \(value)"
    }
    return lines.joined(separator: "\n")
}

/// Generated mails built from `rules`' terms and negation words.
func generated(_ rules: ClassifierRules, seed: UInt64, count: Int) -> [(String, String)] {
    var rng = SplitMix(state: seed)
    let terms = rules.termTexts
    let negators = ["não", "nao", "not", "no", "nunca", "never", "nem", "ni", "sin", "without", "sem", "don't", "doesn’t",
                    "mas", "but", "pero", "porém", "however", "ninguém", "nobody", "nadie", "nenhum", "ningún", "none of",
                    "no one", "nothing", "nada"]
    let filler = ["a", "equipe", "the", "our", "hoje", "muy", "todo", "para", "with", "la", "de", "meeting", "in", "em",
                  "en", "all", "reunião", "ÁUDIO", "vídeo", "cámara", "user's", "don’t", "naïve", "Łódź", "straße",
                  "日本語", "Ελλάδα", "мир", "🙂", "👍🏽", "→", "✓", "—", "«ok»", "¿qué?", "¡ya!", "5003", "9h40",
                  "e-mail", "dial-in", "O’Brien", "ﬁle", "İstanbul", "Å", "ß", "ñ", "Ç", "15", "40", "1.200", "007"]
    let numbers = ["1", "2", "9", "10", "15", "26", "28", "40", "99", "100", "300", "1200", "1.200", "0026",
                   "123456789012", "5003", "50", "51", "80"]
    let punct = [" ", " ", " ", " ", " ", " ", ", ", ". ", "! ", "!!! ", "? ", "; ", ": ", "… ", "...", "\n", "\n\n",
                 "\r\n", "\r\n\r\n", " - ", " (", ") ", "\t", "\u{00A0}", " / ", " \"", "\" ", "\n \n"]
    func mangle(_ text: String) -> String {
        var words: [String] = []
        for w in text.split(separator: " ") {
            switch w {
            case "#": words.append(numbers.randomElement(using: &rng)!)
            case "..":
                for _ in 0..<Int.random(in: 0...6, using: &rng) {
                    words.append(Int.random(in: 0..<12, using: &rng) == 0 ? "." : filler.randomElement(using: &rng)!)
                }
            default:
                var t = String(w)
                if t.hasSuffix("*") {
                    t.removeLast()
                    t += ["", "s", "ndo", "ou", "ções", "ing", "ed", "ado", "íamos", "x"].randomElement(using: &rng)!
                }
                words.append(t)
            }
        }
        var t = words.joined(separator: " ")
        switch Int.random(in: 0..<8, using: &rng) {
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
            case 4...5: s += mangle(negators.randomElement(using: &rng)!)
            default: s += filler.randomElement(using: &rng)!
            }
            s += punct.randomElement(using: &rng)!
        }
        return s
    }
    var out: [(String, String)] = []
    for i in 0..<count {
        var subject = sentence(Int.random(in: 0...6, using: &rng))
        if i % 7 == 0 { subject = ["Re: ", "RES: ", "RV: ", "Fwd: ", "ENC:", " re : ", "AW: "].randomElement(using: &rng)! + subject }
        if i % 11 == 0 { subject = subject.uppercased() }
        let size = i % 50 == 0 ? 70_000 : Int.random(in: 0...2_500, using: &rng)
        var body = ""
        while body.utf8.count < size { body += sentence(Int.random(in: 1...12, using: &rng)) }
        out.append((subject, body))
    }
    out.append(("", ""))
    out.append(("!!!!", "!!!"))
    out.append(("URGENTE", ""))
    out.append(("", String(repeating: "não ", count: 5_000)))
    out.append(("", String(repeating: "a ", count: 40_000)))
    return out
}

/// The sample mails: file name, subject and new text.
func samples(_ directory: String) -> [(String, String, String)] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    let parser = MessageParser()
    return names.compactMap { name in
        guard let data = FileManager.default.contents(atPath: directory + "/" + name),
              let message = try? parser.parse([UInt8](data)) else { return nil }
        return (name, message.subject, message.newText)
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let base = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write("usage: ClassifierCompare RULES.yaml SAMPLES-DIR\n".data(using: .utf8)!)
    exit(2)
}
let mails = samples(arguments[2])
let ruleSets: [(String, [String: String])] = [
    ("base", [:]),
    ("tight", ["max_gap": "1", "window": "1", "max_body_bytes": "2000", "shouting_factor": "1.5", "reply_subject_weight": "0.75"]),
    ("wide", ["max_gap": "8", "window": "6", "max_body_bytes": "1024", "min_score": "2.5", "subject_weight": "3.0"]),
    ("zero", ["max_gap": "0", "window": "0", "default_priority": "P4", "body_weight": "0.5"]),
]
var lines = 0
var out = ""
for (index, (name, settings)) in ruleSets.enumerated() {
    let rules: ClassifierRules
    do {
        rules = try ClassifierRules.load(yaml: variant(base, settings), source: name)
    } catch {
        FileHandle.standardError.write("\(name): \(error)\n".data(using: .utf8)!)
        exit(1)
    }
    let classifier = Classifier(rules: rules)
    for (file, subject, body) in mails {
        out += "\(name)\t\(file)\t\(render(classifier.classify(subject: subject, body: body)))\n"
        lines += 1
    }
    for (i, (subject, body)) in generated(rules, seed: 7 + UInt64(index), count: index == 0 ? 2_000 : 600).enumerated() {
        out += "\(name)\tgen\(i)\t\(render(classifier.classify(subject: subject, body: body)))\n"
        lines += 1
    }
    FileHandle.standardOutput.write(out.data(using: .utf8)!)
    out = ""
}
FileHandle.standardError.write("\(lines) inputs classified (\(mails.count) samples per rule set)\n".data(using: .utf8)!)

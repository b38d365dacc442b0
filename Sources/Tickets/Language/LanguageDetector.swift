/// Tells Portuguese, English and Spanish apart by counting their most frequent function words,
/// to pick the language of the acknowledgement template.
///
/// Only words that are frequent in one language and rare in the other two are counted (after
/// folding case and accents: `não`, `você`, `obrigado` / `the`, `please`, `we` / `el`, `pero`,
/// `gracias`). The winner needs at least two hits and must beat the runner-up; otherwise the
/// answer is nil and the caller uses its default (`templates.default_language`).
public struct LanguageDetector: Sendable {
    private static let lists: [Language: [String]] = [
        .pt: ["não", "nao", "você", "voce", "vocês", "voces", "com", "uma", "um", "os", "das", "dos", "do", "da",
              "em", "na", "ao", "é", "são", "sao", "também", "obrigado", "obrigada", "olá", "bom", "tenho", "temos",
              "estou", "consigo", "muito", "mais", "mas", "isso", "essa", "esse", "pela", "pelo", "já", "ainda",
              "foi", "nossa", "nosso", "seu", "sua", "ele", "ela", "só", "aqui", "agora", "hoje", "ontem", "então",
              "sem", "até", "nenhum", "nenhuma", "ninguém", "reunião", "reuniões", "preciso", "gostaria", "ou",
              "e", "tem", "está", "estão", "quando", "onde", "meu", "minha", "pra", "às", "ficam", "fica", "dá", "nos"],
        .en: ["the", "and", "is", "are", "to", "of", "in", "it", "we", "our", "you", "your", "i", "my", "for",
              "on", "with", "this", "that", "can", "cant", "not", "dont", "have", "has", "be", "was", "from",
              "at", "all", "any", "please", "thanks", "hi", "hello", "meeting", "meetings", "since", "how", "what",
              "there", "but", "would", "could", "doesnt", "its", "im", "just", "get", "they", "when", "where", "an"],
        .es: ["el", "los", "las", "del", "al", "es", "y", "pero", "con", "una", "muy", "más", "también", "gracias",
              "hola", "buenos", "tenemos", "ya", "hay", "ningún", "ninguna", "nadie", "puede", "podemos", "pueden",
              "sí", "cuando", "donde", "cómo", "qué", "nuestro", "nuestra", "nuestros", "ellos", "él", "aquí",
              "ahora", "hoy", "ayer", "sin", "hasta", "reunión", "reuniones", "necesito", "quiero", "usted", "lo",
              "le", "les", "está", "están", "mi", "tiene", "ni", "nosotros", "gustaría", "quisiera"],
    ]

    /// Folded word → bit set of the languages that list it (bit 0 pt, 1 en, 2 es), by ``WordHash``.
    private let table: WordTable
    /// The hash seed under which the listed words all hash apart.
    private let seed: UInt64

    /// A detector with the built-in word lists.
    public init() {
        var languages: [String: Int32] = [:]
        for (language, words) in Self.lists {
            let bit: Int32 = language == .pt ? 1 : (language == .en ? 2 : 4)
            for w in words {
                for folded in TextScanner.words(w) { languages[folded, default: 0] |= bit }
            }
        }
        let seed = WordHash.seed(distinguishing: languages.keys)
        self.seed = seed
        self.table = WordTable(Dictionary(uniqueKeysWithValues: languages.map { (WordHash.of($0.key, seed: seed), $0.value) }))
    }

    /// How many bytes of a text ``detect(_:)`` reads.
    static let maxBytes = 8192

    /// The language `text` is most likely written in, or nil when it cannot be told.
    /// Reads at most the first 8 KiB.
    public func detect(_ text: String) -> Language? {
        var copy = text
        return copy.withUTF8 { detect(parts: [UnsafeBufferPointer(rebasing: $0.prefix(Self.maxBytes))]) }
    }

    /// The language of the texts `parts` joined by line feeds, which ``detect(_:)`` would tell for
    /// the joined text when it is at most ``maxBytes`` long: a line feed ends a word, so each part's
    /// words are counted on their own. Each part is whole UTF-8 (at most cut at its end).
    func detect(parts: [UnsafeBufferPointer<UInt8>]) -> Language? {
        let (pt, en, es) = table.withView { view in
            var sink = Counter(table: view, seed: seed)
            for part in parts { TextScanner.scan(part, into: &sink) }
            return (sink.pt, sink.en, sink.es)
        }
        return decide(pt, en, es)
    }

    /// ``detect(parts:)`` for the parts `first` and a second one already folded
    /// (``TextScanner/fold(_:into:)``: a fold buffer ending with its end code and padding), which
    /// is not folded again.
    func detect(_ first: UnsafeBufferPointer<UInt8>, thenFolded folded: UnsafePointer<UInt8>) -> Language? {
        let (pt, en, es) = table.withView { view in
            var sink = Counter(table: view, seed: seed)
            TextScanner.scan(first, into: &sink)
            TextScanner.walk(folded, into: &sink)
            return (sink.pt, sink.en, sink.es)
        }
        return decide(pt, en, es)
    }

    /// The language with the most hits, when it has at least two and more than any other.
    private func decide(_ pt: Int, _ en: Int, _ es: Int) -> Language? {
        let counts = [(Language.pt, pt), (.en, en), (.es, es)].sorted { $0.1 > $1.1 }
        guard counts[0].1 >= 2, counts[0].1 > counts[1].1 else { return nil }
        return counts[0].0
    }

    /// Counts, per language, the words that only that language lists (shared words count for none).
    private struct Counter: TextScannerSink {
        let table: WordTable.View
        let seed: UInt64
        var pt = 0, en = 0, es = 0

        @inline(__always)
        mutating func word(_ start: UnsafePointer<UInt8>, _ length: Int) {
            switch table.lookup(WordHash.hash(start, length, seed: seed)) {
            case 1: pt += 1
            case 2: en += 1
            case 4: es += 1
            default: break
            }
        }
        mutating func boundary() {}
        mutating func exclamation() {}
    }
}

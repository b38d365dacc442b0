import Testing
@testable import Tickets

/// The vocabulary tables the scanner looks words up in: exact words by hash, stems by their bytes.
@Suite struct WordLookupTests {
    /// Looks `word` up in `table` the way the scanner does (the word in a padded buffer).
    static func stem(_ table: StemTable, _ word: String) -> Int32 {
        let bytes = Array(word.utf8) + [UInt8](repeating: 0x7A, count: 16)  // what follows must not matter
        return table.withView { view in bytes.withUnsafeBufferPointer { view.lookup($0.baseAddress!, word.utf8.count) } }
    }

    @Test func longestStemThatPrefixesTheWordWins() {
        let stems: [(id: Int32, text: String)] = [(1, "abc"), (2, "abcdefgh"), (3, "abcdefghi"), (4, "abcdefghijklmnop"),
                                                  (5, "abcdefghijklmnopq"), (6, "xyz"), (7, String(repeating: "k", count: 63)),
                                                  (8, String(repeating: "m", count: 64))]
        let table = StemTable(stems)
        #expect(Self.stem(table, "ab") == 0)
        #expect(Self.stem(table, "abc") == 1)
        #expect(Self.stem(table, "abd") == 0)
        #expect(Self.stem(table, "abcdefg") == 1)
        #expect(Self.stem(table, "abcdefgh") == 2)
        #expect(Self.stem(table, "abcdefghi") == 3)
        #expect(Self.stem(table, "abcdefghij") == 3)
        #expect(Self.stem(table, "abcdefghijklmno") == 3)
        #expect(Self.stem(table, "abcdefghijklmnop") == 4)
        #expect(Self.stem(table, "abcdefghijklmnopq") == 5)
        #expect(Self.stem(table, "abcdefghijklmnopq" + String(repeating: "r", count: 60)) == 5)
        #expect(Self.stem(table, "abcdefghXjklmnopq") == 2)
        #expect(Self.stem(table, "xyzzy") == 6)
        #expect(Self.stem(table, String(repeating: "k", count: 62)) == 0)
        #expect(Self.stem(table, String(repeating: "k", count: 100)) == 7)
        // Stems of 64 bytes or more are not looked up, as before.
        #expect(Self.stem(table, String(repeating: "m", count: 100)) == 0)
    }

    @Test func everyKeyIsFoundAndNoOtherIs() {
        var rng = ClassifierGoldenTests.SplitMix(state: 3)
        var entries: [UInt64: Int32] = [:]
        for i in 1...3_000 { entries[rng.next()] = Int32(i) }
        let table = WordTable(entries)
        table.withView { view in
            for (hash, id) in entries { #expect(view.lookup(hash) == id) }
            for _ in 0..<3_000 {
                let other = rng.next()
                if entries[other] == nil { #expect(view.lookup(other) == 0) }
            }
        }
    }

    static let rules = """
        p1:
          pt:
            terms:
              - indisponibilidade
              - funcion*
              - abcdefgh
              - abcdefghijklmnop
        """

    @Test(arguments: [
        ("indisponibilidade", true), ("a indisponibilidade", true), ("indisponibilidade.", true), ("indisponibilidades", false),
        ("INDISPONIBILIDADE", true), ("funcion", true), ("funcionando", true), ("FUNCIONÁRIOS", true), ("funcio", false),
        ("funcionando" + String(repeating: "x", count: 80), true), ("abcdefgh", true), ("abcdefghi", false), ("abcdefg", false),
        ("abcdefghijklmnop", true), ("abcdefghijklmno", false), ("abcdefghijklmnopq", false), ("x abcdefghijklmnop", true),
    ])
    func wordsAtTheEndAndLongWordsMatchLikeBefore(_ body: String, _ matches: Bool) throws {
        let classifier = Classifier(rules: try ClassifierRules.load(yaml: Self.rules, source: "test"))
        #expect(classifier.classify(subject: "", body: body).priority == (matches ? .p1 : .p3), "\(body)")
        // The subject is scanned the same way.
        #expect(classifier.classify(subject: body, body: "").priority == (matches ? .p1 : .p3), "subject \(body)")
    }
}

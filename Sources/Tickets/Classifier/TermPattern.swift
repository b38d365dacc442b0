/// A rule term compiled to a sequence of folded words: the syntax of `term:` in the rules file.
///
/// - Words are matched whole, case- and accent-insensitively (`nao funciona` = `Não funciona`).
/// - A trailing `*` matches any word that starts with the stem (`trav*` = trava, travando, travou);
///   the stem must keep at least 3 letters.
/// - `..` between words allows up to `settings.max_gap` other words there (`ninguém .. consegue`
///   matches "ninguém aqui da empresa consegue"); never across a clause boundary.
/// - `#` matches a number of at least two digits (`# alunos` = "300 alunos"; in "1.200 contas" the
///   number is "200", because `.` and `,` separate words), so a count of people reads as scale.
struct TermPattern: Sendable, Hashable {
    /// One element of a pattern.
    enum Piece: Sendable, Hashable {
        case word(String)
        case stem(String)
        case gap
        /// `#`: a run of at least two digits.
        case number
    }

    var pieces: [Piece]

    /// Parses `text`; the error is a message for ``RulesError``.
    static func parse(_ text: String) -> Result<TermPattern, TermSyntaxError> {
        var pieces: [Piece] = []
        for raw in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if raw == ".." || raw == "…" {
                guard let last = pieces.last, last != .gap else {
                    return .failure(TermSyntaxError(message: "'..' must stand between two words"))
                }
                pieces.append(.gap)
                continue
            }
            if raw == "#" {
                pieces.append(.number)
                continue
            }
            let isStem = raw.hasSuffix("*")
            let body = isStem ? String(raw.dropLast()) : String(raw)
            if body.contains("*") {
                return .failure(TermSyntaxError(message: "'*' is only allowed at the end of a word, in '\(raw)'"))
            }
            let words = TextScanner.words(body)
            guard !words.isEmpty else {
                if isStem { return .failure(TermSyntaxError(message: "'*' needs a stem before it")) }
                continue  // punctuation only, such as "-" or "!"
            }
            for (i, w) in words.enumerated() {
                if isStem && i == words.count - 1 {
                    guard w.utf8.count >= 3 else {
                        return .failure(TermSyntaxError(message: "stem '\(w)*' is too short (at least 3 letters)"))
                    }
                    pieces.append(.stem(w))
                } else {
                    pieces.append(.word(w))
                }
            }
        }
        if pieces.last == .gap { return .failure(TermSyntaxError(message: "'..' must stand between two words")) }
        guard pieces.contains(where: { if case .word = $0 { true } else if case .stem = $0 { true } else { false } }) else {
            return .failure(TermSyntaxError(message: "the term has no words"))
        }
        return .success(TermPattern(pieces: pieces))
    }
}

/// Why a term's text is not a valid pattern.
struct TermSyntaxError: Error, Sendable {
    var message: String
}

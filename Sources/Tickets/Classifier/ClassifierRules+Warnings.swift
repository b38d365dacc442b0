extension ClassifierRules {
    /// What in these rules loads but probably misbehaves.
    ///
    /// Modifiers share one overlap layer (leftmost-longest): a phrase of one modifier hides a
    /// shorter phrase of another that starts at the same word, so the shorter cue never acts where
    /// the longer one matched. That is right for opposites (`everyone else` in `scale_narrow` is not
    /// `everyone` in `scale_wide`) and a trap otherwise (`ninguém ouve` in an outage modifier once hid
    /// the scale word `ninguém` the same modifier requires). Each such pair is reported unless the
    /// hiding modifier lists the other in `overrides:`.
    public var warnings: [RulesWarning] {
        let modifierTerms = terms.compactMap { term -> (term: Term, modifier: Int, pieces: [TermPattern.Piece])? in
            guard let m = term.modifier, case .success(let pattern) = TermPattern.parse(term.text) else { return nil }
            return (term, m, pattern.pieces)
        }
        // The gap-free terms by their pieces: a longer term hides those equal to one of its prefixes.
        var byPieces: [[TermPattern.Piece]: [(term: Term, modifier: Int)]] = [:]
        for short in modifierTerms where !short.pieces.contains(.gap) {
            byPieces[short.pieces, default: []].append((short.term, short.modifier))
        }
        var reported: Set<String> = []
        var warnings: [RulesWarning] = []
        for long in modifierTerms where long.pieces.count > 1 {
            let hider = modifiers[long.modifier]
            for length in 1..<long.pieces.count {
                for short in byPieces[Array(long.pieces.prefix(length))] ?? [] where short.modifier != long.modifier {
                    let hidden = modifiers[short.modifier]
                    // Reported once per written term (its class expansions and variants are one term).
                    guard !hider.overrides.contains(hidden.name),
                          reported.insert("\(long.modifier)|\(long.term.label)|\(short.modifier)|\(short.term.label)").inserted else { continue }
                    warnings.append(RulesWarning(
                        source: source, line: long.term.line,
                        message: "modifier '\(hider.name)' term \"\(long.term.label)\" hides modifier '\(hidden.name)' term \"\(short.term.label)\" "
                            + "where both start (the longest match wins); if that is meant, add '\(hidden.name)' to \(hider.name).overrides"))
                }
            }
        }
        return warnings.sorted { ($0.line ?? 0, $0.message) < ($1.line ?? 0, $1.message) }
    }
}

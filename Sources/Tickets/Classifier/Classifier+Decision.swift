import Foundation

extension Classifier {
    /// Reply and forward prefixes in the three languages (`Re:`, `RES:`, `RV:`, `Fwd:`, `ENC:`…).
    static let replyPrefixes: Set<String> = ["re", "res", "rv", "fw", "fwd", "enc", "tr", "aw", "sv"]

    /// True when the subject starts with a reply or forward prefix.
    static func isReplySubject(_ subject: String) -> Bool {
        let trimmed = subject.drop { $0 == " " || $0 == "\t" }
        guard let colon = trimmed.prefix(6).firstIndex(of: ":") else { return false }
        return replyPrefixes.contains(trimmed[..<colon].lowercased().trimmingCharacters(in: .whitespaces))
    }

    /// True when the subject is shouted: at least four letters and none of them lower-case.
    static func isAllCaps(_ subject: String) -> Bool {
        var upper = 0
        for s in subject.unicodeScalars {
            if s.properties.isLowercase { return false }
            if s.properties.isUppercase { upper += 1 }
        }
        return upper >= 4
    }

    /// Scores the kept matches and decides (steps 4–6 of the type's documentation).
    func decide(hits: [Hit], subject: String, exclamations: Int, _ c: CompiledRules) -> Classification {
        let s = rules.settings
        let isReply = Self.isReplySubject(subject)
        let subjectWeight = isReply ? s.replySubjectWeight : s.subjectWeight
        var scores: [Double] = [0, 0, 0, 0]
        var matches: [RuleMatch] = []
        var reasons: [String] = []
        var counted: [(Int32, RuleMatch.Field)] = []
        var negatedSeen: [(Int32, RuleMatch.Field)] = []
        var activeModifiers: [(index: Int, label: String)] = []

        // A term counts once per field; a negated occurrence is only reported when the same term
        // has no plain occurrence in that field.
        var plain = Set<Int>()
        for hit in hits where hit.negator == 0 { plain.insert(Self.key(hit)) }
        for hit in hits {
            let info = c.patterns[Int(hit.pattern)]
            let label = c.labels[Int(hit.pattern)]
            let fieldWeight = hit.field == .subject ? subjectWeight : s.bodyWeight
            let modifierName = info.priority == nil ? rules.modifiers[info.modifier].name : nil
            if hit.negator != 0 {
                if plain.contains(Self.key(hit)) { continue }
                if negatedSeen.contains(where: { $0.0 == hit.pattern && $0.1 == hit.field }) { continue }
                negatedSeen.append((hit.pattern, hit.field))
                matches.append(RuleMatch(term: label, field: hit.field, weight: 0, negated: true,
                                         priority: info.priority, modifier: modifierName, language: info.language))
                reasons.append("\(hit.field): \"\(label)\" negated by \"\(c.display[Int(hit.negator)])\"")
                continue
            }
            if counted.contains(where: { $0.0 == hit.pattern && $0.1 == hit.field }) { continue }
            counted.append((hit.pattern, hit.field))
            if let priority = info.priority {
                let value = info.weight * fieldWeight
                scores[priority.rawValue - 1] += value
                matches.append(RuleMatch(term: label, field: hit.field, weight: value, negated: false,
                                         priority: priority, modifier: nil, language: info.language))
                reasons.append(c.reasonTexts[Int(hit.pattern)][hit.field == .body ? 2 : (isReply ? 1 : 0)])
            } else {
                matches.append(RuleMatch(term: label, field: hit.field, weight: 0, negated: false,
                                         priority: nil, modifier: modifierName, language: info.language))
                if !activeModifiers.contains(where: { $0.index == info.modifier }) {
                    activeModifiers.append((info.modifier, label))
                }
            }
        }

        // Modifiers apply in the order the rules define them, each once, when every modifier it
        // requires has matched too.
        let active = Set(activeModifiers.map { rules.modifiers[$0.index].name })
        for (index, modifier) in rules.modifiers.enumerated() {
            guard let label = activeModifiers.first(where: { $0.index == index })?.label,
                  modifier.requires.allSatisfy({ active.contains($0) }) else { continue }
            for (priority, factor) in modifier.factors { scores[priority.rawValue - 1] *= factor }
            var effect = modifier.factors.isEmpty ? "" : Self.describe(modifier.factors)
            if !modifier.promote.isEmpty {
                let before = scores
                for (priority, share) in modifier.promote.sorted(by: { $0.key < $1.key }) {
                    let i = priority.rawValue - 1
                    let target = modifier.promoteTo.map { $0.rawValue - 1 } ?? i - 1
                    guard target >= 0, target < i else { continue }
                    scores[target] += share * before[i]
                    effect += (effect.isEmpty ? "" : ", ") + "\(priority)→P\(target + 1) ×\(Self.format(share))"
                }
            }
            if !modifier.requires.isEmpty { effect += " with " + modifier.requires.joined(separator: ", ") }
            reasons.append("\(modifier.label): \"\(label)\" (\(effect))")
        }

        let allCaps = Self.isAllCaps(subject)
        if allCaps || exclamations >= 3 {
            let what = [allCaps ? "all-caps subject" : nil, exclamations >= 3 ? "\(exclamations)×\"!\"" : nil]
                .compactMap { $0 }.joined(separator: ", ")
            if s.shoutingFactor != 1.0 {
                scores[0] *= s.shoutingFactor
                scores[1] *= s.shoutingFactor
                reasons.append("shouting: \(what) (P1 ×\(Self.format(s.shoutingFactor)), P2 ×\(Self.format(s.shoutingFactor)))")
            } else {
                reasons.append("shouting: \(what) (ignored: priority follows impact)")
            }
        }

        var best = -1
        var bestScore = 0.0
        for i in 0..<4 where scores[i] > bestScore + 1e-9 {
            best = i
            bestScore = scores[i]
        }
        let priority: Priority
        let summary = (0..<4).map { "P\($0 + 1) \(Self.format(scores[$0]))" }.joined(separator: ", ")
        if best < 0 || bestScore < s.minScore {
            priority = s.defaultPriority
            reasons.append(best < 0
                ? "no rule matched: default \(priority)"
                : "no score reaches \(Self.format(s.minScore)) (\(summary)): default \(priority)")
        } else {
            priority = Priority(rawValue: best + 1)!
            reasons.append("decision: \(priority) (\(summary))")
        }
        var byPriority: [Priority: Double] = [:]
        for p in Priority.allCases { byPriority[p] = scores[p.rawValue - 1] }
        return Classification(priority: priority, reasons: reasons, matches: matches, scores: byPriority)
    }

    /// A pattern and a field as one integer.
    static func key(_ hit: Hit) -> Int { Int(hit.pattern) << 1 | (hit.field == .subject ? 1 : 0) }

    static func format(_ x: Double) -> String {
        "\((x * 100).rounded() / 100)"
    }

    static func describe(_ factors: [Priority: Double]) -> String {
        let values = Set(factors.values)
        if values.count == 1, let v = values.first { return "×\(format(v))" }
        return factors.sorted { $0.key < $1.key }.map { "\($0.key) ×\(format($0.value))" }.joined(separator: ", ")
    }
}

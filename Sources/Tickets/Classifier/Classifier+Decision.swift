import Foundation
import MailCore

extension Classifier {
    /// Reply and forward prefixes in the three languages (`Re:`, `RES:`, `RV:`, `Fwd:`, `ENC:`…).
    static let replyPrefixes: Set<String> = ["re", "res", "rv", "fw", "fwd", "enc", "tr", "aw", "sv"]

    /// True when the subject starts with a reply or forward prefix (``SubjectPrefix``).
    static func isReplySubject(_ subject: String) -> Bool {
        SubjectPrefix.word(of: subject).map(replyPrefixes.contains) ?? false
    }

    /// True when the subject is shouted: at least four letters and none of them lower-case.
    static func isAllCaps(_ subject: String) -> Bool {
        var upper = 0
        var ascii = true
        for b in subject.utf8 {
            if b >= 0x80 { ascii = false; break }
            if b >= 0x61 && b <= 0x7A { return false }
            if b >= 0x41 && b <= 0x5A { upper += 1 }
        }
        if ascii { return upper >= 4 }
        upper = 0
        for s in subject.unicodeScalars {
            if s.properties.isLowercase { return false }
            if s.properties.isUppercase { upper += 1 }
        }
        return upper >= 4
    }

    /// Scores the kept matches and decides (steps 4–6 of the type's documentation).
    ///
    /// `hits` holds each (pattern, field, negated or not) at most once; `seen` has, per pattern,
    /// bit 1 (subject) or 4 (body) set when it matched plainly in that field.
    func decide(hits: [Hit], seen: UnsafeBufferPointer<UInt8>, subject: String, exclamations: Int, _ c: CompiledRules) -> Classification {
        let s = rules.settings
        let isReply = Self.isReplySubject(subject)
        let subjectWeight = isReply ? s.replySubjectWeight : s.subjectWeight
        var scores: [Double] = [0, 0, 0, 0]
        var matches: [RuleMatch] = []
        matches.reserveCapacity(hits.count)
        var reasons: [String] = []
        reasons.reserveCapacity(hits.count + 4)
        let modifierCount = rules.modifiers.count
        let patterns = c.flat.patterns
        var counted: [(group: Int32, field: RuleMatch.Field)] = []

        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: modifierCount) { firstMatch in
            // Per modifier: the pattern of its first non-negated match, or -1.
            firstMatch.initialize(repeating: -1)
            for hit in hits {
                let info = patterns[Int(hit.pattern)]
                let label = c.labels[Int(hit.pattern)]
                if hit.negator != 0 {
                    // A negated occurrence is only reported when the same term has no plain one in that field.
                    if seen[Int(hit.pattern)] & (hit.field == .subject ? 1 : 4) != 0 { continue }
                    let modifierName = info.priority == nil ? rules.modifiers[info.modifier].name : nil
                    matches.append(RuleMatch(term: label, field: hit.field, weight: 0, negated: true,
                                             priority: info.priority, modifier: modifierName, language: info.language))
                    reasons.append("\(hit.field): \"\(label)\" negated by \"\(c.display[Int(hit.negator)])\"")
                    continue
                }
                if let priority = info.priority {
                    // A written term counts once per field, whichever of its variants or class
                    // expansions matched.
                    if counted.contains(where: { $0.group == info.group && $0.field == hit.field }) { continue }
                    counted.append((info.group, hit.field))
                    let value = info.weight * (hit.field == .subject ? subjectWeight : s.bodyWeight)
                    scores[priority.rawValue - 1] += value
                    matches.append(RuleMatch(term: label, field: hit.field, weight: value, negated: false,
                                             priority: priority, modifier: nil, language: info.language))
                    reasons.append(c.reasonTexts[Int(hit.pattern)][hit.field == .body ? 2 : (isReply ? 1 : 0)])
                } else {
                    matches.append(RuleMatch(term: label, field: hit.field, weight: 0, negated: false,
                                             priority: nil, modifier: rules.modifiers[info.modifier].name, language: info.language))
                    if firstMatch[info.modifier] < 0 { firstMatch[info.modifier] = hit.pattern }
                }
            }

            // Modifiers apply in the order the rules define them, each once, when every modifier it
            // requires has matched too.
            for index in 0..<modifierCount {
                let first = firstMatch[index]
                guard first >= 0,
                      c.modifierRequires[index].allSatisfy({ $0 >= 0 && firstMatch[$0] >= 0 }) else { continue }
                for (i, factor) in c.modifierFactors[index] { scores[i] *= factor }
                let promotions = c.modifierPromotions[index]
                if !promotions.isEmpty {
                    let before = (scores[0], scores[1], scores[2], scores[3])
                    for p in promotions {
                        let value = p.source == 0 ? before.0 : p.source == 1 ? before.1 : p.source == 2 ? before.2 : before.3
                        scores[p.target] += p.share * value
                    }
                }
                reasons.append(c.modifierReasons[Int(first)])
            }
            return conclude(scores: &scores, reasons: &reasons, matches: matches, subject: subject, exclamations: exclamations)
        }
    }

    /// Shouting, the winner and the summary (step 6).
    private func conclude(scores: inout [Double], reasons: inout [String], matches: [RuleMatch], subject: String, exclamations: Int) -> Classification {
        let s = rules.settings
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
        // A priority below its own minimum (`min_scores`) does not win; said when it would have.
        var below: (index: Int, minimum: Double)?
        for i in 0..<4 where scores[i] > bestScore + 1e-9 {
            if let minimum = s.minScores[Priority(rawValue: i + 1)!], scores[i] < minimum - 1e-9 {
                below = (i, minimum)
                continue
            }
            best = i
            bestScore = scores[i]
        }
        if let (i, minimum) = below, best < 0 || scores[i] > bestScore + 1e-9 {
            reasons.append("minimum: P\(i + 1) \(Self.format(scores[i])) is below its minimum \(Self.format(minimum)): not chosen")
        }
        let priority: Priority
        let summary = Self.summary(scores)
        if best < 0 || bestScore < s.minScore {
            priority = s.defaultPriority
            reasons.append(best < 0
                ? "no rule matched: default \(priority)"
                : "no score reaches \(Self.format(s.minScore)) (\(summary)): default \(priority)")
        } else {
            priority = Priority(rawValue: best + 1)!
            reasons.append("decision: \(priority) (\(summary))")
        }
        var byPriority: [Priority: Double] = Dictionary(minimumCapacity: 4)
        for p in Priority.allCases { byPriority[p] = scores[p.rawValue - 1] }
        return Classification(priority: priority, reasons: reasons, matches: matches, scores: byPriority)
    }

    /// `x` rounded to two decimals, as Swift prints that `Double` (`6.0`, `0.75`, `-0.0`).
    static func format(_ x: Double) -> String {
        var out = ""
        appendFormatted(x, to: &out)
        return out
    }

    /// Appends ``format(_:)`` of `x` to `out`.
    static func appendFormatted(_ x: Double, to out: inout String) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.formattedCapacity) { buffer in
            if let n = Self.writeFormatted(x, buffer.baseAddress!) {
                out += String(decoding: UnsafeBufferPointer(rebasing: buffer[..<n]), as: UTF8.self)
            } else {
                out += "\((x * 100).rounded() / 100)"
            }
        }
    }

    /// The most bytes ``writeFormatted(_:_:)`` writes: `-999999999.99`.
    static let formattedCapacity = 16

    /// Writes ``format(_:)`` of `x` at `out` and returns the length, or nil for a value it leaves to
    /// `description` (a billion or more, infinite, NaN). Below a billion the rounded value `v` is a
    /// whole number of hundredths `k / 100`, and Swift's description of it (the shortest decimal
    /// that reads back as the same `Double`) is that decimal: a `Double` that close to zero is
    /// within 10⁻⁶ of `k / 100`, and any other decimal of at most two places lies 0.01 away. So the
    /// digits are written from `k` directly: the integer part, `.`, and one or two decimals.
    @inline(__always)
    static func writeFormatted(_ x: Double, _ out: UnsafeMutablePointer<UInt8>) -> Int? {
        let v = (x * 100).rounded() / 100
        guard v.isFinite, v.magnitude < 1e9 else { return nil }
        let hundredths = Int((v.magnitude * 100).rounded())
        var n = 0
        if v.sign == .minus {
            out[0] = UInt8(ascii: "-")
            n = 1
        }
        let whole = hundredths / 100
        var digits = 1
        var power = 10
        while whole >= power {
            digits += 1
            power *= 10
        }
        var rest = whole
        for k in stride(from: n + digits - 1, through: n, by: -1) {
            out[k] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
            rest /= 10
        }
        n += digits
        let cents = hundredths % 100
        out[n] = UInt8(ascii: ".")
        out[n + 1] = UInt8(truncatingIfNeeded: 0x30 + cents / 10)
        if cents % 10 == 0 { return n + 2 }
        out[n + 2] = UInt8(truncatingIfNeeded: 0x30 + cents % 10)
        return n + 3
    }

    /// `P1 6.0, P2 0.0, P3 0.0, P4 0.0`: the four scores as ``format(_:)`` writes them, built in
    /// one buffer.
    static func summary(_ scores: [Double]) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * (Self.formattedCapacity + 5)) { buffer -> String in
            let out = buffer.baseAddress!
            var n = 0
            for i in 0..<4 {
                if i > 0 {
                    out[n] = UInt8(ascii: ",")
                    out[n + 1] = UInt8(ascii: " ")
                    n += 2
                }
                out[n] = UInt8(ascii: "P")
                out[n + 1] = UInt8(truncatingIfNeeded: 0x31 + i)
                out[n + 2] = UInt8(ascii: " ")
                n += 3
                guard let length = Self.writeFormatted(scores[i], out + n) else {
                    return (0..<4).map { "P\($0 + 1) \(Self.format(scores[$0]))" }.joined(separator: ", ")
                }
                n += length
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<n]), as: UTF8.self)
        }
    }

    static func describe(_ factors: [Priority: Double]) -> String {
        let values = Set(factors.values)
        if values.count == 1, let v = values.first { return "×\(format(v))" }
        return factors.sorted { $0.key < $1.key }.map { "\($0.key) ×\(format($0.value))" }.joined(separator: ", ")
    }
}

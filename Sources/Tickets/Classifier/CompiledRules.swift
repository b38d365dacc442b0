/// The rules turned into flat tables for the scanning loop: a vocabulary of folded words and stems
/// (each with an id), the patterns as sequences of ids, and a trie of those sequences
/// (``PatternTrie``).
///
/// A word that is listed exactly gets its own id; a word that only matches a listed stem gets the
/// stem's id. Ids are chained to the next shorter stem that is a prefix of them (`crashes` →
/// `crash*` → `cra*`), so a position matches a pattern element when the element is anywhere on the
/// position's chain.
///
/// A class of constants: built once when rules load and shared by every copy of the rules, so that
/// classifying a mail retains one reference rather than one per table.
final class CompiledRules: Sendable {
    /// What a pattern contributes when it matches.
    /// Plain values only, so reading one in the matching loop costs no reference counting; the
    /// label lives in ``labels``.
    struct PatternInfo: Sendable {
        /// 0: priority terms; 1: modifiers. Overlap is resolved within a layer only.
        var layer: Int
        /// The priority a term argues for (layer 0).
        var priority: Priority?
        /// The modifier's index in ``ClassifierRules/modifiers`` (layer 1).
        var modifier: Int
        var weight: Double
        var language: Language
        /// The pattern starts with a negation or concord word, so no earlier negation applies.
        var exempt: Bool
        var elementStart: Int
        var elementCount: Int
        /// ``ClassifierRules/Modifier/shareBelow`` of the pattern's modifier, 0 for none; then
        /// `shareFirst` and `shareLast` are the offsets of its two `#` in the pattern.
        var shareBelow: Double = 0
        var shareFirst: Int32 = 0
        var shareLast: Int32 = 0
        /// The written term this pattern comes from (its variants and class expansions share it):
        /// a priority term counts once per field however many of its patterns match.
        var group: Int32 = 0
    }

    static let gap: Int32 = -2
    static let boundary: Int32 = -1

    static let flagNegator: UInt8 = 1
    static let flagConcord: UInt8 = 2
    static let flagBreak: UInt8 = 4

    /// The flag of a word that is a negation word in `language` (a word such as `no` negates in
    /// English and Spanish but is the contraction "in the" in Portuguese).
    static func flagNegator(in language: Language) -> UInt8 {
        switch language {
        case .pt: 8
        case .en: 16
        case .es: 32
        }
    }

    /// True when word `id` is a negation word in more than one language but not in all of them:
    /// the same spelling is then probably an ordinary word in the remaining one (`no`).
    func isFalseFriendNegator(_ id: Int32) -> Bool {
        let languages = flags[Int(id)] & (8 | 16 | 32)
        return languages.nonzeroBitCount >= 2 && languages != 8 | 16 | 32
    }

    /// The ``WordHash`` seed under which the vocabulary's words all hash apart.
    let hashSeed: UInt64
    let exact: WordTable
    let stems: StemTable
    /// Per id: the next shorter stem id that is a prefix, or 0.
    let parent: [Int32]
    let flags: [UInt8]
    /// Per id: the word as first written in the rules (with its accents), for reasons.
    let display: [String]
    let elements: [Int32]
    let patterns: [PatternInfo]
    /// Per pattern: the term as written in the rules (its canonical form for variants).
    let labels: [String]
    /// Per priority pattern: its reason, ready-made for the subject, a reply's subject and the body:
    /// `subject: "fora do ar" (+6.0, P1)`.
    let reasonTexts: [[String]]
    /// A pattern ending at a ``PatternTrie`` node, with what matching reads of it, so that
    /// recording a match touches only the trie's list, not ``patterns``.
    struct Entry: Sendable {
        var pattern: Int32
        /// ``PatternInfo/layer``.
        var layer: UInt8
        /// ``PatternInfo/exempt``.
        var exempt: Bool

        init(_ pattern: Int32, _ info: PatternInfo) {
            self.pattern = pattern
            self.layer = UInt8(info.layer)
            self.exempt = info.exempt
        }
    }

    /// Per modifier (rules order): the part of its reason after the term, such as `×1.5` or
    /// `P1 ×2.0, P2 ×1.2 with scale_wide`; fixed by the rules, so built once.
    let modifierEffects: [String]
    /// Per modifier: the indices of the modifiers it requires (-1 for a name that is not a modifier,
    /// which can never be active).
    let modifierRequires: [[Int]]
    /// Per modifier (rules order): its factors as (priority index, factor).
    let modifierFactors: [[(Int, Double)]]
    /// One `promote` of a modifier: `share` of the score of priority index `source` is added to
    /// priority index `target`.
    struct Promotion: Sendable {
        var source: Int
        var target: Int
        var share: Double
    }
    /// Per modifier (rules order): its promotions in priority order, those that promote to a more
    /// severe priority only.
    let modifierPromotions: [[Promotion]]
    /// Per modifier pattern: its reason when it is the first match of its modifier,
    /// `scale: "todos os usuários" (×1.5)`.
    let modifierReasons: [String]
    /// The id of `#` (any number of two or more digits), or 0 when no term uses it. A number the
    /// rules also list as a word (`503`) is chained to it, so it matches both.
    let numberID: Int32
    /// The same tables as unchecked pointers for the matching loop (shared, immutable).
    let flat: FlatTables

    init(_ rules: ClassifierRules) {
        var ids: [String: Int32] = ["": 0]  // key: "w:" or "s:" + folded text
        var texts: [String] = [""]
        var isStem: [Bool] = [false]
        var display: [String] = [""]
        var flags: [UInt8] = [0]
        var numberID: Int32 = 0

        func intern(_ folded: String, stem: Bool, shown: String) -> Int32 {
            let key = (stem ? "s:" : "w:") + folded
            if let id = ids[key] { return id }
            let id = Int32(texts.count)
            ids[key] = id
            texts.append(folded)
            isStem.append(stem)
            display.append(shown)
            flags.append(0)
            return id
        }

        for (list, flag) in [(rules.negators, Self.flagNegator), (rules.concord, Self.flagConcord), (rules.breaks, Self.flagBreak)] {
            for language in Language.allCases {
                for word in list[language] ?? [] {
                    for w in TextScanner.words(word) {
                        let id = intern(w, stem: false, shown: word)
                        flags[Int(id)] |= flag
                        if flag == Self.flagNegator { flags[Int(id)] |= Self.flagNegator(in: language) }
                    }
                }
            }
        }

        var elements: [Int32] = []
        var patterns: [PatternInfo] = []
        var labels: [String] = []
        // The same words for the same priority or modifier (listed in two languages, or twice) count once.
        var seen: Set<String> = []
        var groups: [String: Int32] = [:]
        for term in rules.terms {
            guard case .success(let pattern) = TermPattern.parse(term.text) else { continue }
            let identity = "\(pattern.pieces)|\(term.priority.map { "\($0)" } ?? "")|\(term.modifier ?? -1)"
            guard seen.insert(identity).inserted else { continue }
            let start = elements.count
            let shownWords = term.text.split(separator: " ").map(String.init)
            for (i, piece) in pattern.pieces.enumerated() {
                let shown = i < shownWords.count ? shownWords[i] : ""
                switch piece {
                case .word(let w): elements.append(intern(w, stem: false, shown: shown))
                case .stem(let s): elements.append(intern(s, stem: true, shown: shown))
                case .gap: elements.append(Self.gap)
                case .number:
                    if numberID == 0 {
                        numberID = Int32(texts.count)
                        texts.append("#")
                        isStem.append(false)
                        display.append("#")
                        flags.append(0)
                    }
                    elements.append(numberID)
                }
            }
            let first = elements[start]
            let exempt = flags[Int(first)] & (Self.flagNegator | Self.flagConcord) != 0
            labels.append(term.label)
            let groupKey = "\(term.label)|\(term.priority.map { "\($0)" } ?? "")|\(term.modifier ?? -1)|\(term.language)"
            let group: Int32
            if let g = groups[groupKey] { group = g } else { group = Int32(groups.count); groups[groupKey] = group }
            var info = PatternInfo(
                layer: term.priority == nil ? 1 : 0, priority: term.priority,
                modifier: term.modifier ?? -1, weight: term.weight, language: term.language,
                exempt: exempt, elementStart: start, elementCount: elements.count - start, group: group)
            // Loading guarantees two '#' and no gap for such a modifier's terms.
            if let m = term.modifier, let share = rules.modifiers[m].shareBelow {
                let numbers = pattern.pieces.indices.filter { pattern.pieces[$0] == .number }
                if numbers.count == 2 {
                    info.shareBelow = share
                    info.shareFirst = Int32(numbers[0])
                    info.shareLast = Int32(numbers[1])
                }
            }
            patterns.append(info)
        }

        // Chain every id to the longest shorter stem that prefixes it.
        let stemIDs = texts.indices.filter { isStem[$0] }.sorted { texts[$0].utf8.count > texts[$1].utf8.count }
        var parent = [Int32](repeating: 0, count: texts.count)
        for id in 1..<texts.count {
            let t = texts[id]
            for s in stemIDs where s != id && texts[s].utf8.count <= t.utf8.count {
                if isStem[id] && texts[s].utf8.count == t.utf8.count { continue }
                if t.hasPrefix(texts[s]) {
                    parent[id] = Int32(s)
                    break
                }
            }
        }

        // Listed numbers (`503`) are numbers too.
        if numberID != 0 {
            for id in 1..<texts.count where Int32(id) != numberID && !isStem[id] && parent[id] == 0 && Self.isNumber(texts[id]) {
                parent[id] = numberID
            }
        }

        // A seed under which no two exact words of the vocabulary share a hash (stems are compared
        // byte for byte, see StemTable; `#` is not looked up).
        let exactIDs = (1..<texts.count).filter { !isStem[$0] && Int32($0) != numberID }
        let seed = WordHash.seed(distinguishing: exactIDs.map { texts[$0] })
        var exactEntries: [UInt64: Int32] = [:]
        var stemList: [(id: Int32, text: String)] = []
        for id in 1..<texts.count where Int32(id) != numberID {
            if isStem[id] {
                assert(texts[id].utf8.count >= 3, "TermPattern refuses stems shorter than 3 bytes")
                stemList.append((Int32(id), texts[id]))
            } else {
                exactEntries[WordHash.of(texts[id], seed: seed)] = Int32(id)
            }
        }

        let trie = PatternTrie(patterns: patterns, elements: elements, idCount: texts.count)

        self.hashSeed = seed
        self.exact = WordTable(exactEntries)
        self.stems = StemTable(stemList)
        self.parent = parent
        self.flags = flags
        self.display = display
        self.elements = elements
        self.patterns = patterns
        self.labels = labels
        let s = rules.settings
        self.reasonTexts = zip(patterns, labels).map { info, label in
            guard let p = info.priority else { return [] }
            return [("subject", s.subjectWeight), ("subject", s.replySubjectWeight), ("body", s.bodyWeight)].map {
                "\($0.0): \"\(label)\" (+\(Classifier.format(info.weight * $0.1)), \(p))"
            }
        }

        let modifierIndex = Dictionary(rules.modifiers.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        self.modifierRequires = rules.modifiers.map { $0.requires.map { modifierIndex[$0] ?? -1 } }
        let effects = rules.modifiers.map { modifier in
            var effect = modifier.factors.isEmpty ? "" : Classifier.describe(modifier.factors)
            for (priority, share) in modifier.promote.sorted(by: { $0.key < $1.key }) {
                let i = priority.rawValue - 1
                let target = modifier.promoteTo.map { $0.rawValue - 1 } ?? i - 1
                guard target >= 0, target < i else { continue }
                effect += (effect.isEmpty ? "" : ", ") + "\(priority)→P\(target + 1) ×\(Classifier.format(share))"
            }
            if !modifier.requires.isEmpty { effect += " with " + modifier.requires.joined(separator: ", ") }
            return effect
        }
        self.modifierEffects = effects
        self.modifierFactors = rules.modifiers.map { $0.factors.map { ($0.key.rawValue - 1, $0.value) } }
        self.modifierPromotions = rules.modifiers.map { modifier in
            modifier.promote.sorted(by: { $0.key < $1.key }).compactMap { priority, share in
                let i = priority.rawValue - 1
                let target = modifier.promoteTo.map { $0.rawValue - 1 } ?? i - 1
                guard target >= 0, target < i else { return nil }
                return Promotion(source: i, target: target, share: share)
            }
        }
        self.modifierReasons = zip(patterns, labels).map { info, label in
            guard info.priority == nil, info.modifier >= 0, info.modifier < rules.modifiers.count else { return "" }
            return "\(rules.modifiers[info.modifier].label): \"\(label)\" (\(effects[info.modifier]))"
        }
        // Per id: 1 when a pattern starts with it or with a stem on its chain (else matching can skip it).
        var startFlags = [UInt8](repeating: 0, count: texts.count)
        for id in 1..<texts.count {
            var x = id
            while x > 0 {
                if trie.rootChild[x] != 0 { startFlags[id] = 1 }
                x = Int(parent[x])
            }
        }
        self.numberID = numberID
        self.flat = FlatTables(startFlags: startFlags, parent: parent, flags: flags, elements: elements, patterns: patterns, trie: trie)
    }

    /// True for a folded word that `#` matches: two or more ASCII digits and nothing else.
    static func isNumber(_ folded: String) -> Bool {
        folded.utf8.count >= 2 && folded.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

import Foundation
import Yams

extension ClassifierRules {
    /// Parses and validates a rules file (YAML; schema in the header of the built-in `rules.yaml`).
    ///
    /// Every problem is reported with its line and key path: YAML syntax errors, unknown keys, wrong
    /// types, unknown priorities or languages, empty terms or lists, malformed patterns, and
    /// `remove:` entries that match no built-in term. With `extends: builtin` the file's terms,
    /// modifiers and negation words are added to the built-in rules and its settings override theirs;
    /// without it the file replaces them.
    ///
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - source: the name used in error messages, usually the path.
    public static func load(yaml: String, source: String) throws(RulesError) -> ClassifierRules {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw RulesLoader.syntaxError(error, source: source)
        } catch {
            throw RulesError(code: .syntax, source: source, message: "\(error)")
        }
        guard let root else {
            throw RulesError(source: source, line: 1, message: "the file is empty")
        }
        var loader = RulesLoader(source: source)
        return try loader.load(root)
    }
}

/// Walks the YAML node tree of a rules file, building ``ClassifierRules`` and reporting the first
/// problem with its position and key path.
struct RulesLoader {
    let source: String

    static func syntaxError(_ error: YamlError, source: String) -> RulesError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RulesError(code: .syntax, source: source, line: mark.line, column: mark.column, message: "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RulesError(code: .schema, source: source, line: context.mark.line, column: context.mark.column,
                              key: duplicates.count == 1 ? duplicates[0] : nil,
                              message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping")
        case .reader(let problem, _, _, _):
            return RulesError(code: .syntax, source: source, message: "YAML: \(problem)")
        default:
            return RulesError(code: .syntax, source: source, message: "YAML: \(error)")
        }
    }

    static let topKeys: Set<String> = ["version", "extends", "classes", "settings", "negation", "modifiers", "remove", "p1", "p2", "p3", "p4"]
    static let settingKeys: Set<String> = [
        "subject_weight", "body_weight", "reply_subject_weight", "min_score", "min_scores", "max_gap",
        "default_priority", "shouting_factor", "max_body_bytes",
    ]

    mutating func load(_ root: Node) throws(RulesError) -> ClassifierRules {
        let top = try mapping(root, "")
        for (key, keyNode, _) in top where !Self.topKeys.contains(key) {
            if key.count >= 2, key.lowercased().hasPrefix("p"), key.dropFirst().allSatisfy(\.isNumber) {
                throw error(keyNode, key, "unknown priority '\(key)' (expected p1, p2, p3, p4)")
            }
            throw error(keyNode, key, "unknown key (expected one of \(Self.topKeys.sorted().joined(separator: ", ")))")
        }
        var rules = ClassifierRules()
        if let (_, node) = value(top, "version") {
            let v = try int(node, "version")
            guard v == 1 else { throw error(node, "version", "unsupported version \(v) (this build reads version 1)") }
        }
        if let (_, node) = value(top, "extends") {
            let base = try string(node, "extends")
            guard base == "builtin" else { throw error(node, "extends", "only 'builtin' can be extended") }
            do {
                rules = try ClassifierRules.loadBuiltIn()
                // Their lines are the built-in file's, not this file's.
                for i in rules.terms.indices { rules.terms[i].line = nil }
            } catch let builtIn {
                throw error(node, "extends", "the built-in rules cannot be loaded: \(builtIn.message)")
            }
        }
        if let (_, node) = value(top, "remove") {
            guard value(top, "extends") != nil else {
                throw error(node, "remove", "'remove' only makes sense with 'extends: builtin'")
            }
            let items = try stringList(node, "remove")
            for (i, item) in items.enumerated() {
                let folded = TextScanner.words(item.value).joined(separator: " ")
                let before = rules.terms.count
                rules.terms.removeAll {
                    TextScanner.words($0.label).joined(separator: " ") == folded
                        || TextScanner.words($0.text).joined(separator: " ") == folded
                }
                if rules.terms.count == before {
                    throw error(item.node, "remove[\(i)]", "'\(item.value)' matches no built-in term")
                }
            }
        }
        if let (_, node) = value(top, "classes") { try loadClasses(node, into: &rules) }
        if let (_, node) = value(top, "settings") { try loadSettings(node, into: &rules.settings) }
        if let (_, node) = value(top, "negation") { try loadNegation(node, into: &rules) }
        if let (_, node) = value(top, "modifiers") { try loadModifiers(node, into: &rules) }
        for priority in Priority.allCases {
            let key = "p\(priority.rawValue)"
            if let (_, node) = value(top, key) { try loadPriority(node, key: key, priority: priority, into: &rules) }
        }
        if !rules.terms.contains(where: { $0.priority != nil }) {
            throw error(root, "", "the rules define no priority terms (p1 … p4)")
        }
        rules.compile(source: source)
        return rules
    }

    private func loadSettings(_ node: Node, into s: inout ClassifierRules.Settings) throws(RulesError) {
        for (key, keyNode, v) in try mapping(node, "settings") {
            let path = "settings.\(key)"
            switch key {
            case "subject_weight": s.subjectWeight = try number(v, path)
            case "body_weight": s.bodyWeight = try number(v, path)
            case "reply_subject_weight": s.replySubjectWeight = try number(v, path)
            case "min_score": s.minScore = try number(v, path)
            case "min_scores":
                for (p, pNode, value) in try mapping(v, path) {
                    guard let priority = Priority(code: p) else {
                        throw error(pNode, "\(path).\(p)", "unknown priority '\(p)' (expected p1, p2, p3, p4)")
                    }
                    let minimum = try number(value, "\(path).\(p)")
                    guard minimum >= 0 else { throw error(value, "\(path).\(p)", "expected a score ≥ 0") }
                    s.minScores[priority] = minimum
                }
            case "shouting_factor": s.shoutingFactor = try number(v, path)
            case "max_gap":
                s.maxGap = try int(v, path)
                guard (0...10).contains(s.maxGap) else { throw error(v, path, "expected 0 to 10") }
            case "max_body_bytes":
                s.maxBodyBytes = try int(v, path)
                guard s.maxBodyBytes >= 1024 else { throw error(v, path, "expected at least 1024") }
            case "default_priority":
                let text = try string(v, path)
                guard let p = Priority(code: text) else { throw error(v, path, "unknown priority '\(text)' (expected P1, P2, P3, P4)") }
                s.defaultPriority = p
            default:
                throw error(keyNode, path, "unknown key (expected one of \(Self.settingKeys.sorted().joined(separator: ", ")))")
            }
        }
    }

    private func loadNegation(_ node: Node, into rules: inout ClassifierRules) throws(RulesError) {
        for (key, keyNode, v) in try mapping(node, "negation") {
            let path = "negation.\(key)"
            switch key {
            case "window":
                rules.settings.negationWindow = try int(v, path)
                guard (0...10).contains(rules.settings.negationWindow) else { throw error(v, path, "expected 0 to 10") }
            case "words": try loadWordLists(v, path, into: &rules.negators)
            case "concord": try loadWordLists(v, path, into: &rules.concord)
            case "breaks": try loadWordLists(v, path, into: &rules.breaks)
            default: throw error(keyNode, path, "unknown key (expected window, words, concord, breaks)")
            }
        }
    }

    private func loadWordLists(_ node: Node, _ path: String, into lists: inout [Language: [String]]) throws(RulesError) {
        for (key, keyNode, v) in try mapping(node, path) {
            let language = try language(key, keyNode, "\(path).\(key)")
            for (i, item) in try stringList(v, "\(path).\(key)").enumerated() {
                guard TextScanner.words(item.value).count == 1 else {
                    throw error(item.node, "\(path).\(key)[\(i)]", "expected a single word")
                }
                lists[language, default: []].append(item.value)
            }
        }
    }

    private func loadModifiers(_ node: Node, into rules: inout ClassifierRules) throws(RulesError) {
        var pendingRequires: [(String, Node, String)] = []
        var pendingOverrides: [(String, Node, String)] = []
        for (name, _, v) in try mapping(node, "modifiers") {
            let path = "modifiers.\(name)"
            let index: Int
            if let existing = rules.modifiers.firstIndex(where: { $0.name == name }) {
                index = existing
            } else {
                index = rules.modifiers.count
                rules.modifiers.append(.init(name: name, label: name, factors: [:]))
            }
            var sawTerms = false
            var termNodes: [(text: String, node: Node, path: String)] = []
            for (key, keyNode, value) in try mapping(v, path) {
                switch key {
                case "label": rules.modifiers[index].label = try string(value, "\(path).label")
                case "factors":
                    for (p, pNode, f) in try mapping(value, "\(path).factors") {
                        guard let priority = Priority(code: p) else {
                            throw error(pNode, "\(path).factors.\(p)", "unknown priority '\(p)' (expected p1, p2, p3, p4)")
                        }
                        let factor = try number(f, "\(path).factors.\(p)")
                        guard factor >= 0 else { throw error(f, "\(path).factors.\(p)", "expected a factor ≥ 0") }
                        rules.modifiers[index].factors[priority] = factor
                    }
                case "to":
                    let text = try string(value, "\(path).to")
                    guard let p = Priority(code: text) else { throw error(value, "\(path).to", "unknown priority '\(text)' (expected p1, p2, p3)") }
                    rules.modifiers[index].promoteTo = p
                case "requires":
                    rules.modifiers[index].requires = try stringList(value, "\(path).requires").map(\.value)
                    for (i, item) in try stringList(value, "\(path).requires").enumerated() {
                        pendingRequires.append((item.value, item.node, "\(path).requires[\(i)]"))
                    }
                case "overrides":
                    let items = try stringList(value, "\(path).overrides")
                    rules.modifiers[index].overrides = items.map(\.value)
                    for (i, item) in items.enumerated() {
                        pendingOverrides.append((item.value, item.node, "\(path).overrides[\(i)]"))
                    }
                case "share_below":
                    let share = try number(value, "\(path).share_below")
                    guard share > 0, share <= 1 else { throw error(value, "\(path).share_below", "expected a share > 0 and ≤ 1") }
                    rules.modifiers[index].shareBelow = share
                case "promote":
                    for (p, pNode, f) in try mapping(value, "\(path).promote") {
                        guard let priority = Priority(code: p), priority != .p1 else {
                            throw error(pNode, "\(path).promote.\(p)", "expected p2, p3 or p4 (the score moves to the next more severe priority)")
                        }
                        let share = try number(f, "\(path).promote.\(p)")
                        guard share >= 0 else { throw error(f, "\(path).promote.\(p)", "expected a share ≥ 0") }
                        rules.modifiers[index].promote[priority] = share
                    }
                default:
                    let language = try language(key, keyNode, "\(path).\(key)", extra: "label, factors, promote, to, requires, share_below, overrides")
                    for (i, item) in try stringList(value, "\(path).\(key)").enumerated() {
                        for text in try expand(item.value, rules.classes, item.node, "\(path).\(key)[\(i)]") {
                            termNodes.append((text, item.node, "\(path).\(key)[\(i)]"))
                            rules.terms.append(.init(label: item.value, text: text, weight: 0, priority: nil, modifier: index, language: language,
                                                     line: item.node.mark?.line))
                        }
                    }
                    sawTerms = true
                }
            }
            if !sawTerms && !rules.terms.contains(where: { $0.modifier == index }) {
                throw error(v, path, "a modifier needs terms in at least one language (pt, en, es)")
            }
            if rules.modifiers[index].shareBelow != nil {
                // The counts are compared by position: two '#', no '..' that would move them.
                for term in termNodes {
                    guard case .success(let pattern) = TermPattern.parse(term.text),
                          pattern.pieces.filter({ $0 == .number }).count == 2, !pattern.pieces.contains(.gap) else {
                        throw error(term.node, term.path, "with share_below, a term needs exactly two '#' and no '..' (\"# of our #\")")
                    }
                }
            }
        }
        for (name, node, path) in pendingRequires + pendingOverrides where !rules.modifiers.contains(where: { $0.name == name }) {
            throw error(node, path, "unknown modifier '\(name)'")
        }
    }

    private func loadPriority(_ node: Node, key: String, priority: Priority, into rules: inout ClassifierRules) throws(RulesError) {
        for (lang, langNode, block) in try mapping(node, key) {
            let path = "\(key).\(lang)"
            let language = try language(lang, langNode, path)
            var defaultWeight = 1.0
            var termsNode: Node?
            for (k, kNode, v) in try mapping(block, path) {
                switch k {
                case "weight": defaultWeight = try number(v, "\(path).weight")
                case "terms": termsNode = v
                default: throw error(kNode, "\(path).\(k)", "unknown key (expected terms, weight)")
                }
            }
            guard let termsNode else { throw error(block, "\(path).terms", "missing (a list of terms)") }
            guard case .sequence(let seq) = termsNode else { throw error(termsNode, "\(path).terms", "expected a list") }
            guard !seq.isEmpty else { throw error(termsNode, "\(path).terms", "empty list: give at least one term") }
            for (i, item) in seq.enumerated() {
                let itemPath = "\(path).terms[\(i)]"
                switch item {
                case .scalar:
                    let text = try string(item, itemPath)
                    for expanded in try expand(text, rules.classes, item, itemPath) {
                        rules.terms.append(.init(label: text, text: expanded, weight: defaultWeight, priority: priority, modifier: nil, language: language,
                                                 line: item.mark?.line))
                    }
                case .mapping:
                    var text: String?
                    var weight = defaultWeight
                    var variants: [(value: String, node: Node)] = []
                    var texts: [String] = []
                    for (k, kNode, v) in try mapping(item, itemPath) {
                        switch k {
                        case "term":
                            text = try string(v, "\(itemPath).term")
                            texts = try expand(text!, rules.classes, v, "\(itemPath).term")
                        case "weight":
                            weight = try number(v, "\(itemPath).weight")
                            guard weight >= 0 else { throw error(v, "\(itemPath).weight", "expected a weight ≥ 0") }
                        case "variants":
                            variants = try stringList(v, "\(itemPath).variants")
                            for (j, variant) in variants.enumerated() {
                                _ = try expand(variant.value, rules.classes, variant.node, "\(itemPath).variants[\(j)]")
                            }
                        default: throw error(kNode, "\(itemPath).\(k)", "unknown key (expected term, weight, variants)")
                        }
                    }
                    guard let text else { throw error(item, "\(itemPath).term", "missing") }
                    for expanded in texts {
                        rules.terms.append(.init(label: text, text: expanded, weight: weight, priority: priority, modifier: nil, language: language,
                                                 line: item.mark?.line))
                    }
                    for variant in variants {
                        for expanded in try expand(variant.value, rules.classes, variant.node, "variants") {
                            rules.terms.append(.init(label: text, text: expanded, weight: weight, priority: priority, modifier: nil, language: language,
                                                     line: variant.node.mark?.line))
                        }
                    }
                default:
                    throw error(item, itemPath, "expected a term (a string, or a mapping with term, weight, variants)")
                }
            }
        }
    }

    // MARK: - Typed node access

    /// `classes:`: named lists of words or phrases that a term names as `@name` (`nenhuma @sessão`).
    /// A name is letters, digits and `_`; with `extends: builtin`, a file may add classes but not
    /// redefine the built-in ones (their terms are already expanded).
    private func loadClasses(_ node: Node, into rules: inout ClassifierRules) throws(RulesError) {
        for (name, keyNode, v) in try mapping(node, "classes") {
            let path = "classes.\(name)"
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
                throw error(keyNode, path, "a class name is letters, digits and '_'")
            }
            guard rules.classes[name] == nil else {
                throw error(keyNode, path, "the built-in rules already define '@\(name)'; choose another name")
            }
            var members: [String] = []
            for (i, item) in try stringList(v, path).enumerated() {
                guard !item.value.split(whereSeparator: \.isWhitespace).contains(where: { $0.hasPrefix("@") }) else {
                    throw error(item.node, "\(path)[\(i)]", "a class member cannot name a class")
                }
                try checkPattern(item.value, item.node, "\(path)[\(i)]")
                members.append(item.value)
            }
            rules.classes[name] = members
        }
    }

    /// How many terms one term may stand for once its classes are expanded.
    static let maxExpansions = 10_000

    /// The texts a term stands for: itself, or one per combination of the members of the classes
    /// it names (`todas as @sessões` → `todas as reuniões`, `todas as aulas`, …); each is checked as
    /// a pattern.
    private func expand(_ text: String, _ classes: [String: [String]], _ node: Node, _ path: String) throws(RulesError) -> [String] {
        var results = [""]
        for raw in text.split(whereSeparator: \.isWhitespace) {
            let pieces: [String]
            if raw.hasPrefix("@") {
                let name = String(raw.dropFirst())
                guard let members = classes[name] else {
                    let known = classes.keys.sorted().map { "@\($0)" }.joined(separator: ", ")
                    throw error(node, path, "unknown class '@\(name)'" + (known.isEmpty ? " (define it under classes:)" : " (known: \(known))"))
                }
                pieces = members
            } else {
                pieces = [String(raw)]
            }
            results = results.flatMap { r in pieces.map { r.isEmpty ? $0 : r + " " + $0 } }
            guard results.count <= Self.maxExpansions else {
                throw error(node, path, "the term stands for more than \(Self.maxExpansions) terms once its classes are expanded")
            }
        }
        for expanded in results { try checkPattern(expanded, node, path) }
        if results == [""] { try checkPattern(text, node, path) }
        return results
    }

    private func checkPattern(_ text: String, _ node: Node, _ path: String) throws(RulesError) {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { throw error(node, path, "empty term") }
        if case .failure(let e) = TermPattern.parse(text) { throw error(node, path, e.message) }
    }

    private func language(_ key: String, _ node: Node, _ path: String, extra: String? = nil) throws(RulesError) -> Language {
        guard let language = Language(rawValue: key) else {
            let expected = "pt, en, es" + (extra.map { ", \($0)" } ?? "")
            throw error(node, path, "unknown language '\(key)' (expected \(expected))")
        }
        return language
    }

    func error(_ node: Node, _ path: String, _ message: String) -> RulesError {
        RulesError(code: .schema, source: source, line: node.mark?.line, column: node.mark?.column,
                   key: path.isEmpty ? nil : path, message: message)
    }

    private func value(_ entries: [(String, Node, Node)], _ key: String) -> (Node, Node)? {
        entries.first { $0.0 == key }.map { ($0.1, $0.2) }
    }

    private func mapping(_ node: Node, _ path: String) throws(RulesError) -> [(String, Node, Node)] {
        guard case .mapping(let m) = node else { throw error(node, path, "expected a mapping") }
        var seen: Set<String> = []
        var entries: [(String, Node, Node)] = []
        for (k, v) in m {
            guard case .scalar(let s) = k else { throw error(k, path, "expected a plain key") }
            let key = s.string
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard seen.insert(key).inserted else { throw error(k, keyPath, "duplicate key") }
            entries.append((key, k, v))
        }
        return entries
    }

    private func string(_ node: Node, _ path: String) throws(RulesError) -> String {
        guard case .scalar(let s) = node else { throw error(node, path, "expected a string") }
        if s.style == .plain && (s.string == "~" || s.string == "null" || s.string.isEmpty) {
            throw error(node, path, "expected a string, found nothing")
        }
        return s.string
    }

    private func number(_ node: Node, _ path: String) throws(RulesError) -> Double {
        guard case .scalar(let s) = node, let d = Double(s.string), d.isFinite else {
            throw error(node, path, "expected a number")
        }
        return d
    }

    private func int(_ node: Node, _ path: String) throws(RulesError) -> Int {
        guard case .scalar(let s) = node, let i = Int(s.string) else { throw error(node, path, "expected an integer") }
        return i
    }

    private func stringList(_ node: Node, _ path: String) throws(RulesError) -> [(value: String, node: Node)] {
        guard case .sequence(let seq) = node else { throw error(node, path, "expected a list") }
        guard !seq.isEmpty else { throw error(node, path, "empty list") }
        var out: [(value: String, node: Node)] = []
        for (i, item) in seq.enumerated() {
            let text = try string(item, "\(path)[\(i)]")
            if text.trimmingCharacters(in: .whitespaces).isEmpty { throw error(item, "\(path)[\(i)]", "empty term") }
            out.append((text, item))
        }
        return out
    }
}

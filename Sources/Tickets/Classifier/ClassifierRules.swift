import Foundation

/// The classifier's rules: terms and phrases per priority and language with weights, modifiers
/// (scale, workaround, urgency, hedging), negation words and window, and the scoring settings.
///
/// Rules are data. The built-in set ships in the package (`Resources/rules.yaml`, also
/// `samples/rules.yaml`); the schema is documented in that file's header. An operator's file
/// (`classifier.rules_file`) replaces the built-in set, or adds to it with `extends: builtin`.
public struct ClassifierRules: Sendable {
    /// Scoring settings (`settings:` in the file).
    struct Settings: Sendable, Hashable {
        var subjectWeight = 2.0
        var bodyWeight = 1.0
        var replySubjectWeight = 0.5
        var minScore = 1.0
        /// Per priority, the score below which it cannot win (`min_scores: {p4: 2.0}`: a request
        /// must be clear to make a mail P4); the best of the others, or the default, applies instead.
        var minScores: [Priority: Double] = [:]
        var maxGap = 3
        var negationWindow = 3
        var defaultPriority = Priority.p3
        var shoutingFactor = 1.0
        var maxBodyBytes = 65_536
    }

    /// One term (or one variant of a term) as written in the file.
    struct Term: Sendable, Hashable {
        /// The canonical term, shown in reasons.
        var label: String
        /// The text compiled into a pattern (the label or one of its variants).
        var text: String
        var weight: Double
        /// Set for a priority term; nil for a modifier's term.
        var priority: Priority?
        /// Index into ``modifiers`` for a modifier's term.
        var modifier: Int?
        var language: Language
        /// The 1-based line of the term in its file, when it was read from one (for warnings).
        var line: Int? = nil
    }

    /// A modifier: when one of its terms matches (not negated), each priority's score is multiplied by
    /// its factor. Used for scale (`todos os usuários` ×1.5 on P1/P2), workarounds, urgency, hedging.
    struct Modifier: Sendable, Hashable {
        var name: String
        /// The reason prefix: `scale`, `workaround`, `urgency`, `hedge`…
        var label: String
        var factors: [Priority: Double]
        /// Share of a priority's score added to the next more severe one (`promote: {p3: 1.0}`:
        /// a feature failure affecting everyone counts as a P2 degradation too).
        var promote: [Priority: Double] = [:]
        /// Where promoted scores go (`to: p1`); nil: the next more severe priority.
        var promoteTo: Priority? = nil
        /// Other modifiers that must also have matched for this one to apply (`requires: [scale_wide]`).
        var requires: [String] = []
        /// For counted terms with two `#` (`"# of our #"`): the term counts only when the first number
        /// divided by the last is below this share (`share_below: 0.8`: "15 of our 40" is a part,
        /// "26 of our 28" is not). Nil: no comparison.
        var shareBelow: Double? = nil
        /// Modifiers whose cues this one's longer phrases may hide on purpose (`overrides:
        /// [scale_wide]`: "everyone else" is not "everyone"); any other such hide is a warning.
        var overrides: [String] = []
    }

    var settings = Settings()
    var negators: [Language: [String]] = [:]
    var concord: [Language: [String]] = [:]
    var breaks: [Language: [String]] = [:]
    var modifiers: [Modifier] = []
    /// Named lists of words or phrases that terms name as `@name` (`classes:`); terms are stored
    /// expanded, with the written term as their label.
    var classes: [String: [String]] = [:]
    var terms: [Term] = []
    private(set) var compiled: CompiledRules? = nil

    /// Where the rules came from (a file path, or `builtin`).
    public private(set) var source: String = "builtin"

    /// How many terms (variants included) the rules hold, per priority; modifiers under nil.
    public var termCounts: [Priority?: Int] {
        var counts: [Priority?: Int] = [:]
        for t in terms { counts[t.priority, default: 0] += 1 }
        return counts
    }

    /// Every term and variant text as written, priority terms and modifier terms alike.
    public var termTexts: [String] { terms.map(\.text) }

    init() {}

    mutating func compile(source: String) {
        self.source = source
        compiled = CompiledRules(self)
    }

    /// The built-in rules, parsed once: the rules, or why the package's `rules.yaml` is missing
    /// or unusable (a binary run beside another version's resource bundle).
    private static let builtInResult: Result<ClassifierRules, RulesError> = {
        let source = "builtin"
        guard let text = builtInText() else {
            return .failure(RulesError(code: .unreadable, source: source,
                                       message: "the Tickets resource bundle beside the binary has no readable rules.yaml (reinstall the binary with its bundle)"))
        }
        do throws(RulesError) {
            return .success(try ClassifierRules.load(yaml: text, source: source))
        } catch {
            var error = error
            error.message += " (the resource bundle does not belong to this binary? reinstall both)"
            return .failure(error)
        }
    }()

    /// The built-in rules shipped in the package (`Resources/rules.yaml`), parsed once; the error
    /// says why they cannot be used (the daemon and the CLI report it and exit, never crash).
    public static func loadBuiltIn() throws(RulesError) -> ClassifierRules {
        try builtInResult.get()
    }

    /// The built-in rules, for callers that ship with their bundle (tests, benchmarks).
    /// Stops the process when they cannot be loaded; the daemon and the CLI use ``loadBuiltIn()``.
    public static func builtIn() -> ClassifierRules {
        do {
            return try loadBuiltIn()
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// The text of the built-in rules file, for `rules check` and documentation.
    public static func builtInText() -> String? {
        guard let url = Bundle.module.url(forResource: "rules", withExtension: "yaml", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "rules", withExtension: "yaml") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Reads and validates a rules file from disk (see ``load(yaml:source:)``).
    public static func load(contentsOf path: String) throws(RulesError) -> ClassifierRules {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RulesError(code: .unreadable, source: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try load(yaml: text, source: path)
    }
}

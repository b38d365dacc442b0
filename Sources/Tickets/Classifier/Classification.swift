/// The classifier's verdict on one mail: the priority, and why.
public struct Classification: Sendable, Hashable {
    /// The priority the policy's impact rules give this mail.
    public var priority: Priority
    /// Human-readable reasons, in order: the terms that matched with their contribution, the
    /// negated ones, the modifiers (scale, workaround, …) that applied, and the decision, e.g.
    /// `subject: "fora do ar" (+6.0, P1)`, `body: "urgente" negated by "não"`,
    /// `scale: "todos os usuários" (×1.5)`.
    public var reasons: [String]
    /// Every rule that matched, negated or not.
    public var matches: [RuleMatch]
    /// The final score of each priority, after modifiers.
    public var scores: [Priority: Double]

    /// Creates a classification.
    public init(priority: Priority, reasons: [String], matches: [RuleMatch], scores: [Priority: Double]) {
        self.priority = priority
        self.reasons = reasons
        self.matches = matches
        self.scores = scores
    }
}

/// One rule that matched a mail.
public struct RuleMatch: Sendable, Hashable {
    /// Where a term matched.
    public enum Field: String, Sendable, Hashable, CustomStringConvertible {
        case subject, body
        /// `subject` or `body`.
        public var description: String { rawValue }
    }

    /// The term as written in the rules file (its canonical form when a variant matched).
    public var term: String
    /// The subject or the body.
    public var field: Field
    /// The term's weight times the field's weight; 0 for a modifier.
    public var weight: Double
    /// True when a negation word (`não`, `not`, `no`) shortly before it cancelled it.
    public var negated: Bool
    /// The priority the term argues for; nil for a modifier.
    public var priority: Priority?
    /// The modifier's name (`scale_wide`, `workaround`, …); nil for a priority term.
    public var modifier: String?
    /// The rules language section the term came from.
    public var language: Language

    /// Creates a match record.
    public init(term: String, field: Field, weight: Double, negated: Bool, priority: Priority?, modifier: String?, language: Language) {
        self.term = term
        self.field = field
        self.weight = weight
        self.negated = negated
        self.priority = priority
        self.modifier = modifier
        self.language = language
    }
}

/// Mutable state of one ``MessageParser/parse(_:)`` call: limits, budgets shared by the whole message
/// and the defects found. Never shared between calls or threads.
final class ParseContext {
    let limits: ParseLimits
    /// Encoded words that may still be decoded.
    var encodedWordBudget: Int
    /// MIME parts that may still be looked at.
    var partBudget: Int
    private(set) var defects: [String] = []
    private var defectSet: Set<String> = []

    init(limits: ParseLimits) {
        self.limits = limits
        self.encodedWordBudget = limits.maxEncodedWords
        self.partBudget = limits.maxParts
    }

    /// Records a defect once (the same kind of damage is listed once, however often it occurs).
    func defect(_ text: String) {
        guard defects.count < 64, defectSet.insert(text).inserted else { return }
        defects.append(text)
    }
}

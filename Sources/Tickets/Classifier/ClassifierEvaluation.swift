/// Measures a classifier against labeled mails: accuracy, macro-F1, per-class precision and recall,
/// P1 recall (missing an outage is the worst error), the confusion matrix and the misclassified mails.
public struct ClassifierEvaluation {
    /// Classifies every sample and compares with its label.
    public static func evaluate(samples: [(id: String, expected: Priority, subject: String, body: String)],
                                classifier: Classifier) -> EvaluationReport {
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 4)
        var wrong: [EvaluationReport.Miss] = []
        for s in samples {
            let c = classifier.classify(subject: s.subject, body: s.body)
            confusion[s.expected.rawValue - 1][c.priority.rawValue - 1] += 1
            if c.priority != s.expected {
                wrong.append(.init(id: s.id, expected: s.expected, predicted: c.priority, reasons: c.reasons))
            }
        }
        return EvaluationReport(confusion: confusion, misclassified: wrong)
    }
}

/// The figures of one evaluation run; ``formatted`` prints them as a text table.
public struct EvaluationReport: Sendable {
    /// One sample the classifier got wrong.
    public struct Miss: Sendable {
        /// The sample's name (its file name).
        public var id: String
        /// The label.
        public var expected: Priority
        /// What the classifier said.
        public var predicted: Priority
        /// The classifier's reasons.
        public var reasons: [String]
    }

    /// Precision, recall and F1 of one priority.
    public struct ClassMetrics: Sendable {
        /// Of the mails predicted as this priority, the share that are.
        public var precision: Double
        /// Of the mails labeled with this priority, the share predicted as such.
        public var recall: Double
        /// The harmonic mean of precision and recall.
        public var f1: Double
        /// How many samples carry this label.
        public var support: Int
    }

    /// `confusion[expected - 1][predicted - 1]`.
    public let confusion: [[Int]]
    /// The samples the classifier got wrong, in input order.
    public let misclassified: [Miss]

    /// Creates a report from a confusion matrix (rows: expected P1…P4; columns: predicted).
    public init(confusion: [[Int]], misclassified: [Miss]) {
        self.confusion = confusion
        self.misclassified = misclassified
    }

    /// How many samples were evaluated.
    public var total: Int { confusion.joined().reduce(0, +) }
    /// How many were classified as labeled.
    public var correct: Int { (0..<4).reduce(0) { $0 + confusion[$1][$1] } }
    /// `correct / total` (0 for no samples).
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// Precision, recall and F1 per priority.
    public var perClass: [Priority: ClassMetrics] {
        var out: [Priority: ClassMetrics] = [:]
        for p in Priority.allCases {
            let i = p.rawValue - 1
            let tp = Double(confusion[i][i])
            let predicted = Double((0..<4).reduce(0) { $0 + confusion[$1][i] })
            let actual = confusion[i].reduce(0, +)
            let precision = predicted == 0 ? 0 : tp / predicted
            let recall = actual == 0 ? 0 : tp / Double(actual)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            out[p] = ClassMetrics(precision: precision, recall: recall, f1: f1, support: actual)
        }
        return out
    }

    /// The mean F1 over the priorities that have samples.
    public var macroF1: Double {
        let present = perClass.values.filter { $0.support > 0 }
        return present.isEmpty ? 0 : present.map(\.f1).reduce(0, +) / Double(present.count)
    }

    /// The recall of P1: the share of outages classified as P1.
    public var p1Recall: Double { perClass[.p1]?.recall ?? 0 }

    /// The report as a text table: summary, per-class figures, confusion matrix, misclassified mails.
    public var formatted: String {
        func pct(_ x: Double) -> String {
            let v = (x * 1000).rounded() / 10
            return "\(v)%"
        }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var lines: [String] = []
        lines.append("samples \(total)  correct \(correct)  accuracy \(pct(accuracy))  macro-F1 \(pct(macroF1))  P1 recall \(pct(p1Recall))")
        lines.append("")
        lines.append("class  precision  recall      F1  support")
        let metrics = perClass
        for p in Priority.allCases {
            let m = metrics[p]!
            lines.append("\(p.code)   " + pad(pct(m.precision), 10) + pad(pct(m.recall), 8) + pad(pct(m.f1), 8) + pad("\(m.support)", 9))
        }
        lines.append("")
        lines.append("confusion (rows: expected, columns: predicted)")
        lines.append("        P1    P2    P3    P4")
        for p in Priority.allCases {
            lines.append("\(p.code)  " + confusion[p.rawValue - 1].map { pad("\($0)", 6) }.joined())
        }
        lines.append("")
        lines.append("misclassified: \(misclassified.count)")
        for m in misclassified {
            lines.append("  \(m.id): expected \(m.expected), got \(m.predicted)")
            for r in m.reasons { lines.append("      \(r)") }
        }
        return lines.joined(separator: "\n")
    }
}

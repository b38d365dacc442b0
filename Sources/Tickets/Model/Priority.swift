/// The four priority levels of the support policy (shared/seed): P1 Urgent … P4 Low.
public enum Priority: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible, Codable {
    /// The service is down or severely degraded; no workaround.
    case p1 = 1
    /// Significant aspects of the service are negatively affected; partial workaround or none.
    case p2 = 2
    /// General problems with one feature; operations not impaired.
    case p3 = 3
    /// Information, how-to, configuration, feature or access requests.
    case p4 = 4

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
    /// `P1` … `P4`.
    public var code: String { "P\(rawValue)" }
    /// Parses `P1`…`P4` (case-insensitive) or `1`…`4`.
    public init?(code: String) {
        let digits = code.uppercased().hasPrefix("P") ? String(code.dropFirst()) : code
        guard let n = Int(digits), let p = Priority(rawValue: n) else { return nil }
        self = p
    }
    /// The English name: Urgent, High, Normal, Low.
    public var name: String {
        switch self {
        case .p1: "Urgent"
        case .p2: "High"
        case .p3: "Normal"
        case .p4: "Low"
        }
    }
    public var description: String { code }
}

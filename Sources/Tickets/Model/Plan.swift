/// A customer's subscription plan, which sets the response target (shared/seed).
public enum Plan: String, Sendable, Hashable, CaseIterable, CustomStringConvertible, Codable {
    case pro, business, api, education, free
    public var description: String { rawValue }
}

/// A ticket number, shown to customers as `#123`.
public struct TicketID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static func < (lhs: TicketID, rhs: TicketID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "#\(rawValue)" }
}

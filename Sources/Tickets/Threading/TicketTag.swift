/// The ticket tag written in subjects, `[#123]` by default (`intake.ticket_tag`, with `{id}`
/// standing for the number). Writing it in our subjects lets a reply thread even when the
/// customer's client drops In-Reply-To/References.
public struct TicketTag: Sendable, Hashable {
    /// The text before the number, e.g. `[#`.
    public let prefix: String
    /// The text after the number, e.g. `]`.
    public let suffix: String

    /// Creates a tag from a format containing `{id}` once; nil when it does not, or when the
    /// prefix is empty (a bare number would match any digits in a subject).
    public init?(format: String) {
        guard let range = format.range(of: "{id}"), format.range(of: "{id}", range: range.upperBound..<format.endIndex) == nil
        else { return nil }
        prefix = String(format[..<range.lowerBound])
        suffix = String(format[range.upperBound...])
        guard !prefix.isEmpty else { return nil }
    }

    /// The default `[#{id}]`.
    public static let standard = TicketTag(format: "[#{id}]")!

    /// The tag for one ticket: `[#123]`.
    public func render(_ id: TicketID) -> String { prefix + String(id.rawValue) + suffix }

    /// The first ticket number tagged in `text` (case-insensitive on the tag's letters), nil when
    /// none. Numbers longer than 18 digits are ignored.
    public func firstTicket(in text: String) -> TicketID? {
        let haystack = Array(text.lowercased().unicodeScalars)
        let prefixScalars = Array(prefix.lowercased().unicodeScalars)
        let suffixScalars = Array(suffix.lowercased().unicodeScalars)
        var index = 0
        while index + prefixScalars.count <= haystack.count {
            if Array(haystack[index..<(index + prefixScalars.count)]) == prefixScalars {
                var end = index + prefixScalars.count
                var digits = ""
                while end < haystack.count, ("0"..."9").contains(haystack[end]), digits.count <= 18 {
                    digits.unicodeScalars.append(haystack[end])
                    end += 1
                }
                if !digits.isEmpty, digits.count <= 18, end + suffixScalars.count <= haystack.count,
                   Array(haystack[end..<(end + suffixScalars.count)]) == suffixScalars,
                   let number = Int64(digits), number > 0 {
                    return TicketID(number)
                }
            }
            index += 1
        }
        return nil
    }
}

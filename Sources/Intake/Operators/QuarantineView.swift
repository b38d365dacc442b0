import Foundation
import TicketStore

/// `support-intake quarantine list|show`: quarantined mails as JSON and terminal text. The raw
/// bytes are never printed (they may hold anything); `show` gives their size, digest and the
/// header block's field names.
public enum QuarantineView {
    /// The JSON keys of one entry.
    public static let jsonKeys: Set<String> = [
        "id", "mailbox", "uidvalidity", "uid", "reason", "detail", "size", "sha256", "received_at", "quarantined_at",
        "released_at", "stored",
    ]

    /// One entry as JSON.
    public static func json(_ item: QuarantineItem) -> JSONNode {
        .object([
            "id": .int(Int(item.id.rawValue)),
            "mailbox": .string(item.location.mailbox.rawValue),
            "uidvalidity": .int(Int(item.location.uidValidity.rawValue)),
            "uid": .int(Int(item.location.uid.rawValue)),
            "reason": .string(item.reason.rawValue),
            "detail": .string(item.detail),
            "size": .int(item.size),
            "sha256": .string(item.sha256),
            "received_at": .string(OperatorTimeFormat.json(item.internalDate)),
            "quarantined_at": .string(OperatorTimeFormat.json(item.quarantinedAt)),
            "released_at": OperatorTimeFormat.json(item.releasedAt),
            "stored": .bool(!item.raw.isEmpty),
        ])
    }

    /// The table of `quarantine list`.
    public static func table(_ items: [QuarantineItem], format: OperatorTimeFormat) -> String {
        guard !items.isEmpty else { return "Quarantine is empty.\n" }
        var table = TextTable([.init("ID", alignRight: true), .init("RECEIVED", maxWidth: 30), .init("REASON"),
                               .init("SIZE", alignRight: true), .init("WHERE", maxWidth: 30), .init("DETAIL", maxWidth: 50),
                               .init("RELEASED", maxWidth: 30)])
        for item in items {
            table.append(["\(item.id.rawValue)", format.terminal(item.internalDate), item.reason.rawValue, "\(item.size)",
                          "\(item.location.mailbox.rawValue) uid \(item.location.uid.rawValue)", item.detail,
                          item.releasedAt.map(format.terminal) ?? ""])
        }
        return table.render()
    }

    /// The text of `quarantine show`: every field, and the names of the header fields found in
    /// the stored bytes (never their values or the body).
    public static func text(_ item: QuarantineItem, format: OperatorTimeFormat) -> String {
        var out = "Quarantine entry \(item.id.rawValue)\n"
        out += "  Reason:      \(item.reason.rawValue)\n"
        out += "  Detail:      \(item.detail)\n"
        out += "  Mailbox:     \(item.location.mailbox.rawValue), UIDVALIDITY \(item.location.uidValidity.rawValue), UID \(item.location.uid.rawValue)\n"
        out += "  Received:    \(format.terminal(item.internalDate))\n"
        out += "  Quarantined: \(format.terminal(item.quarantinedAt))\n"
        out += "  Released:    \(item.releasedAt.map(format.terminal) ?? "no")\n"
        out += "  Size:        \(item.size) bytes" + (item.raw.isEmpty ? " (not stored: still on the server)\n" : ", stored, SHA-256 \(item.sha256)\n")
        let names = headerNames(item.raw)
        if !names.isEmpty { out += "  Header fields: \(names.joined(separator: ", "))\n" }
        return out
    }

    /// The field names of the header block (up to the first empty line, at most 64 KiB read), in
    /// order, without repetition.
    static func headerNames(_ raw: [UInt8]) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        // "\r\n" is one Character in Swift: unify line ends before splitting.
        let text = String(decoding: raw.prefix(64 * 1024), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            guard let first = line.first, first != " ", first != "\t", let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            guard !name.isEmpty, name.count <= 76, name.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { continue }
            if seen.insert(name.lowercased()).inserted { names.append(name) }
        }
        return names
    }
}

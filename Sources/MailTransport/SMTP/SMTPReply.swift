/// One SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines, multi-line replies
/// (`250-…` … `250 …`) joined.
struct SMTPReply: Equatable, Sendable {
    var code: Int
    var lines: [String]

    /// The first line's text, e.g. `2.1.5 Ok`.
    var text: String { lines.first ?? "" }

    /// Groups the raw reply lines libcurl hands to the header callback into replies. Lines that
    /// are not replies (garbage, truncated) are skipped.
    static func group(_ rawLines: [String]) -> [SMTPReply] {
        var replies: [SMTPReply] = []
        var pending: SMTPReply?
        for raw in rawLines {
            let line = raw.trimmingTrailingNewlines()
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let code = Int(String(decoding: bytes[0...2], as: UTF8.self))
            else { continue }
            let separator = bytes.count > 3 ? bytes[3] : 0x20
            let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
            if pending?.code == code {
                pending?.lines.append(text)
            } else {
                if let finished = pending { replies.append(finished) }
                pending = SMTPReply(code: code, lines: [text])
            }
            if separator != UInt8(ascii: "-"), let finished = pending {
                replies.append(finished)
                pending = nil
            }
        }
        if let finished = pending { replies.append(finished) }
        return replies
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text.removeLast() }
        return String(text)
    }
}

import Foundation

/// Builds RFC 5322 test messages with unique subjects and Message-IDs (tests run in parallel).
enum TestMessage {
    static func unique(_ label: String) -> String {
        "\(label)-\(UUID().uuidString.prefix(13))"
    }

    /// A small text message; `body` lines are joined with CRLF.
    static func make(subject: String, from: String = "ana@example.test", to: String = "support@example.test",
                     body: [String] = ["Hello,", "", "something is broken.", "", "Ana"]) -> [UInt8] {
        let lines = [
            "From: Ana <\(from)>",
            "To: <\(to)>",
            "Subject: \(subject)",
            "Date: Tue, 24 Nov 2026 23:00:00 +0000",
            "Message-ID: <\(UUID().uuidString)@example.test>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
        ] + body
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A message whose body holds lines that look like tagged IMAP replies and raw 8-bit bytes
    /// (Latin-1 é, a lone 0xFF, a NUL-free binary run).
    static func hostile(subject: String) -> [UInt8] {
        var bytes = make(subject: subject, body: ["a1 OK done", "A3 OK UID FETCH completed", "* 99 EXISTS", ")", "{5}", ""])
        bytes += [0x63, 0x61, 0x66, 0xE9, 0x0D, 0x0A]           // "café" in Latin-1
        bytes += [0xFF, 0xFE, 0x80, 0x81, 0x0D, 0x0A]
        bytes += Array("A4 OK\r\n.\r\nend\r\n".utf8)
        return bytes
    }

    /// About `size` bytes of plain text.
    static func sized(subject: String, size: Int) -> [UInt8] {
        let line = "The quick brown fox jumps over the lazy dog, again and again, 0123456789."
        var body: [String] = []
        var total = 300
        while total < size { body.append(line); total += line.utf8.count + 2 }
        return make(subject: subject, body: body)
    }
}

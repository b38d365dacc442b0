/// Renders ``OutgoingMessage`` values as RFC 5322 / MIME bytes ready for SMTP.
///
/// - CRLF line ends throughout, every line at most 78 characters (RFC 5322 §2.1.1).
/// - Headers: `Date`, `From`, `To`, `Subject`, `Message-ID`, `In-Reply-To`, `References`,
///   `MIME-Version`, the extra headers, then the content fields. Non-ASCII text is written as RFC 2047
///   encoded words in UTF-8; long fields are folded.
/// - Header injection is impossible: CR, LF and other controls in any value (subject, display name,
///   extra header value) are replaced by spaces, and invalid extra header names are dropped, so no
///   value can start a header line of its own.
/// - Body: `text/plain` alone, or `multipart/alternative` with text and HTML; both UTF-8
///   quoted-printable. The boundary contains `=_`, which quoted-printable output can never contain.
public enum MessageWriter {
    /// The message as bytes.
    public static func render(_ message: OutgoingMessage) -> [UInt8] {
        var head = ""
        head += "Date: " + MailDate.format(message.date) + "\r\n"
        head += HeaderEncoder.addresses("From", [message.from])
        if !message.to.isEmpty { head += HeaderEncoder.addresses("To", message.to) }
        head += HeaderEncoder.unstructured("Subject", message.subject)
        head += HeaderEncoder.messageIDs("Message-ID", [message.messageID])
        if let reply = message.inReplyTo { head += HeaderEncoder.messageIDs("In-Reply-To", [reply]) }
        if !message.references.isEmpty { head += HeaderEncoder.messageIDs("References", message.references) }
        head += "MIME-Version: 1.0\r\n"
        let reserved: Set<String> = ["date", "from", "to", "subject", "message-id", "in-reply-to", "references",
                                     "mime-version", "content-type", "content-transfer-encoding", "cc", "bcc"]
        for (name, value) in message.extraHeaders {
            guard let name = HeaderEncoder.fieldName(name), !reserved.contains(name.lowercased()) else { continue }
            head += HeaderEncoder.unstructured(name, value)
        }
        var out = Array(head.utf8)
        let text = QuotedPrintableEncoder.encode(message.textBody)
        guard let html = message.htmlBody else {
            out += Array("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            out += text
            return out
        }
        let boundary = "=_si_" + randomHex(12)
        out += Array("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
        out += Array("This is a multi-part message in MIME format.\r\n".utf8)
        out += Array("--\(boundary)\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
        out += text
        out += Array("--\(boundary)\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
        out += QuotedPrintableEncoder.encode(html)
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }

    static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for _ in 0..<bytes {
            let v = UInt8.random(in: 0...255, using: &generator)
            out += [digits[Int(v >> 4)], digits[Int(v & 15)]]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Parses raw RFC 5322 / MIME messages into ``Message`` values.
///
/// Pure and synchronous: no I/O, no shared mutable state except the thread-safe iconv descriptor
/// cache. Works on the bytes in one pass (header scanning and multipart splitting with `memchr`),
/// decodes only the bodies it returns (attachments are sized, not decoded) and is bounded by
/// ``ParseLimits`` on hostile input. Damage is repaired where possible and listed in
/// ``Message/defects``; only input that is no message at all throws.
///
/// Implements RFC 5322 (with §4 obsolete syntax), RFC 6532 (UTF-8 headers), RFC 2045–2047, RFC 2231,
/// RFC 3464/6522 (reports), RFC 8098 (MDNs), RFC 3834 (automatic responses).
public struct MessageParser: Sendable {
    /// The bounds applied to every message.
    public var limits: ParseLimits

    /// Creates a parser with the given bounds.
    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    /// Parses one message (CRLF or bare LF line ends).
    ///
    /// - Throws: ``MailParseError`` with `.tooLarge` when the input exceeds
    ///   ``ParseLimits/maxMessageBytes`` (checked before anything is decoded), `.noHeaders` when the
    ///   input is empty or does not start with a header field, `.malformed` when the header section
    ///   contains NUL bytes.
    public func parse(_ bytes: [UInt8]) throws(MailParseError) -> Message {
        guard bytes.count <= limits.maxMessageBytes else {
            throw MailParseError(code: .tooLarge, message: "message of \(bytes.count) bytes exceeds the limit of \(limits.maxMessageBytes) bytes")
        }
        let context = ParseContext(limits: limits)
        let top = HeaderBlock(bytes: bytes, range: 0..<bytes.count, context: context)
        guard top.startsWithField, !top.fields.isEmpty else {
            throw MailParseError(code: .noHeaders, message: bytes.isEmpty ? "empty message" : "the input does not start with a header field")
        }
        guard !top.sawNUL else {
            throw MailParseError(code: .malformed, message: "the header section contains NUL bytes")
        }

        var message = Message()
        message.headers = top.fields.map { (name: $0.name, value: EncodedWords.decode($0.value, context: context)) }
        if let field = top.first("message-id") { message.messageID = MessageIDList.parse(field.value, limit: 1).first }
        if let field = top.first("date") { message.date = MailDate.parse(field.value) }
        if let field = top.first("from") { message.from = AddressListParser.first(field.value, context: context) }
        let sender = top.first("sender").flatMap { AddressListParser.first($0.value, context: context) }
        message.replyTo = addresses(top, "reply-to", context)
        message.to = addresses(top, "to", context)
        message.cc = addresses(top, "cc", context)
        if let index = top.fields.firstIndex(where: { $0.key == "subject" }) { message.subject = message.headers[index].value }
        if let field = top.first("in-reply-to") { message.inReplyTo = MessageIDList.parse(field.value, limit: limits.maxReferences) }
        if let field = top.first("references") { message.references = MessageIDList.parse(field.value, limit: limits.maxReferences) }

        var walker = MIMEWalker(bytes: bytes, context: context)
        walker.walk(headers: top, body: top.bodyStart..<bytes.count, depth: 0)
        message.textBody = walker.textParts.isEmpty ? nil : walker.textParts.joined(separator: "\n")
        message.htmlBody = walker.htmlParts.isEmpty ? nil : walker.htmlParts.joined(separator: "\n")
        message.attachments = walker.attachments
        message.bouncedMessageID = walker.bouncedMessageID
        if let text = message.textBody, !text.isEmpty {
            message.text = Self.trimmingTrailingWhitespace(text)
        } else if let html = message.htmlBody {
            message.text = HTMLText.render(html)
        } else {
            message.text = ""
        }
        message.newText = QuoteStripper.newText(message.text, forwarded: QuoteStripper.isForward(subject: message.subject))
        message.automation = AutomationDetector.detect(
            headers: top, from: message.from, sender: sender,
            report: .init(reportType: walker.reportType, sawDeliveryStatus: walker.sawDeliveryStatus,
                          sawDispositionNotification: walker.sawDispositionNotification)
        )
        message.defects = context.defects
        return message
    }

    /// The text without white space and blank lines at its end.
    private static func trimmingTrailingWhitespace(_ text: String) -> String {
        var end = text.utf8.endIndex
        let utf8 = text.utf8
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            let b = utf8[before]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { break }
            end = before
        }
        return String(text[..<end])
    }

    private func addresses(_ block: HeaderBlock, _ key: String, _ context: ParseContext) -> [EmailAddress] {
        var result: [EmailAddress] = []
        for field in block.fields where field.key == key {
            let remaining = limits.maxAddresses - result.count
            guard remaining > 0 else { break }
            result += AddressListParser.parse(field.value, limit: remaining, context: context)
        }
        return result
    }
}

// libFuzzer entry point for MessageParser and MessageWriter. Built by Fuzz/run.sh together with the
// MailCore sources as one module (so no `import MailCore`).
import Foundation


/// Parses the input; then, using text taken from it, renders a reply and parses that back, checking
/// that nothing in a subject or display name can add a header field.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = ParseLimits(maxMessageBytes: 1 << 20)
    let parsed: Message
    do {
        parsed = try MessageParser(limits: limits).parse(bytes)
    } catch {
        _ = error.description
        return 0
    }
    // Touch every field so lazily built values are produced.
    _ = (parsed.text.utf8.count, parsed.newText.utf8.count, parsed.attachments.count, parsed.headers.count)

    // Writer: hostile subject / names taken from the parsed input must never inject a header.
    let subject = parsed.subject + String(decoding: bytes.prefix(200), as: UTF8.self)
    let name = parsed.from?.name ?? String(decoding: bytes.suffix(60), as: UTF8.self)
    let outgoing = OutgoingMessage(
        from: EmailAddress(name: name, address: "support@acme.test"),
        to: [EmailAddress(name: name, address: parsed.from?.address ?? "x@example.com")],
        subject: subject,
        date: parsed.date ?? Date(timeIntervalSince1970: 0),
        messageID: MessageID("fuzz@acme.test"),
        inReplyTo: parsed.messageID,
        references: Array(parsed.references.prefix(5)),
        extraHeaders: [("X-Fuzz", subject)],
        textBody: parsed.newText,
        htmlBody: parsed.htmlBody.map { String($0.prefix(2000)) }
    )
    let rendered = MessageWriter.render(outgoing)
    guard let reparsed = try? MessageParser().parse(rendered) else {
        fatalError("rendered message does not parse")
    }
    let names = reparsed.headers.map { $0.name.lowercased() }
    let expected = ["date", "from", "to", "subject", "message-id", "mime-version", "content-type"]
    for key in expected where names.filter({ $0 == key }).count != 1 {
        fatalError("header \(key) appears \(names.filter { $0 == key }.count) times")
    }
    if names.count > expected.count + 4 { fatalError("unexpected header fields: \(names)") }
    return 0
}

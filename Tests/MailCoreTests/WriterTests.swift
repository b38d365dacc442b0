import Foundation
import Testing
import MailCore

@Suite("MessageWriter") struct WriterTests {
    static let hostileStrings: [String] = [
        "Hello\r\nBcc: victim@example.com",
        "Hello\nBcc: victim@example.com",
        "Hello\rBcc: victim@example.com",
        "Olá\r\n\r\n<html>injected body",
        "\r\nX-Injected: 1\r\n",
        "Line\u{2028}Sep\u{85}Next\u{0B}Tab\tEnd",
        "=?utf-8?q?fake?=\r\nSubject: second",
        String(repeating: "Ação ", count: 60) + "\nTo: x@y",
        "\"Quote\\\" <evil@x>\r\nCc: y@z",
    ]

    @Test("no value can inject a header", arguments: hostileStrings)
    func noInjection(_ hostile: String) throws {
        let message = OutgoingMessage(
            from: EmailAddress(name: hostile, address: "support@acme.test"),
            to: [EmailAddress(name: hostile, address: "client@example.com\r\nBcc: v@x")],
            subject: hostile, date: Date(timeIntervalSince1970: 1_790_000_000),
            messageID: MessageID("id\r\nBcc: v@x@acme.test"), inReplyTo: MessageID("r@x"),
            references: [MessageID("a@x"), MessageID("b@x")],
            extraHeaders: [("Auto-Submitted", "auto-replied"), ("X-Evil", hostile), ("Bad Name", "v"), ("Bcc\r\nX", "v")],
            textBody: hostile, htmlBody: "<p>\(hostile)</p>"
        )
        let bytes = MessageWriter.render(message)
        // Every line ends in CRLF, no bare CR or LF, no line longer than 78 (+ CRLF).
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!bytes.enumerated().contains { $0.element == 0x0A && ($0.offset == 0 || bytes[$0.offset - 1] != 0x0D) })
        #expect(!bytes.enumerated().contains { $0.element == 0x0D && ($0.offset + 1 == bytes.count || bytes[$0.offset + 1] != 0x0A) })
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
        #expect(bytes.allSatisfy { $0 < 0x80 })
        // The header section has exactly the fields we wrote.
        let parsed = try MessageParser().parse(bytes)
        let names = parsed.headers.map { $0.name }
        #expect(names == ["Date", "From", "To", "Subject", "Message-ID", "In-Reply-To", "References", "MIME-Version",
                          "Auto-Submitted", "X-Evil", "Content-Type"])
        #expect(parsed.header("Bcc") == nil)
        #expect(parsed.header("X-Injected") == nil)
        // Values come back with the line breaks turned into spaces.
        let expected = hostile.unicodeScalars.map { ($0.value < 0x20 || $0.value == 0x85 || $0 == "\u{2028}") ? " " : String($0) }.joined()
        let collapse: (String) -> String = { $0.split(separator: " ").joined(separator: " ") }
        #expect(collapse(parsed.subject) == collapse(expected))
        #expect(collapse(parsed.from?.name ?? "") == collapse(expected).trimmingCharacters(in: .whitespaces))
        #expect(parsed.from?.address == "support@acme.test")
        #expect(parsed.to.count == 1)
    }

    struct RoundTrip: Sendable, CustomTestStringConvertible {
        var subject: String
        var name: String
        var text: String
        var html: String?
        var testDescription: String { subject }
    }

    static let roundTrips: [RoundTrip] = [
        .init(subject: "[#42] Recebemos sua solicitação — prazo: 1 hora", name: "Suporte ACME Soluções",
              text: "Olá Maria,\n\nRecebemos sua mensagem às 14:05.\nPrazo de resposta: 1 hora.\n\n-- \nEquipe de Suporte", html: "<p>Olá <b>Maria</b>,</p><p>Recebemos sua mensagem.</p>"),
        .init(subject: "[#7] We received your request", name: "ACME Support",
              text: "Hi John,\n\nThanks for writing. A line with trailing space \nand = signs == and a very long line " + String(repeating: "word ", count: 40), html: nil),
        .init(subject: "[#9] Hemos recibido su solicitud: ¿año nuevo? ñandú 日本語 😀", name: "Soporte, \"ACME\"",
              text: "Hola José,\r\n.\r\nFrom the start\r\nGracias.", html: "<p>Hola José</p>"),
        .init(subject: String(repeating: "Ação necessária urgente ", count: 10), name: String(repeating: "Nome Longo ", count: 10),
              text: String(repeating: "ç", count: 500), html: String(repeating: "<p>é</p>", count: 100)),
    ]

    @Test("render → parse gives back subject, from and bodies", arguments: roundTrips)
    func roundTrip(_ rt: RoundTrip) throws {
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let id = MessageID.generate(domain: "acme.test")
        let message = OutgoingMessage(
            from: EmailAddress(name: rt.name, address: "suporte@acme.test"),
            to: [EmailAddress(name: "Maria José", address: "maria@example.com.br"), EmailAddress(address: "b@example.com")],
            subject: rt.subject, date: date, messageID: id, inReplyTo: MessageID("orig@example.com.br"),
            references: (0..<30).map { MessageID("ref-\($0)-abcdefghijklmnop@example.com.br") },
            extraHeaders: [("Auto-Submitted", "auto-replied")], textBody: rt.text, htmlBody: rt.html)
        let bytes = MessageWriter.render(message)
        for line in String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
        let parsed = try MessageParser().parse(bytes)
        #expect(parsed.subject == rt.subject.split(separator: " ").joined(separator: " "))
        #expect(parsed.from == EmailAddress(name: rt.name.trimmingCharacters(in: .whitespaces), address: "suporte@acme.test"))
        #expect(parsed.to == message.to)
        #expect(parsed.date == date)
        #expect(parsed.messageID == id)
        #expect(parsed.inReplyTo == [MessageID("orig@example.com.br")])
        #expect(parsed.references == message.references)
        #expect(parsed.textBody?.trimmingCharacters(in: .newlines) == rt.text.replacingOccurrences(of: "\r\n", with: "\n"))
        if let html = rt.html { #expect(parsed.htmlBody?.trimmingCharacters(in: .newlines) == html) } else { #expect(parsed.htmlBody == nil) }
        #expect(parsed.automation.reason == "auto-submitted:auto-replied")
        #expect(parsed.defects.isEmpty)
    }

    @Test("generated Message-IDs are unique and in our domain")
    func messageIDs() {
        let ids = (0..<10_000).map { _ in MessageID.generate(domain: "Acme.Test") }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.rawValue.hasSuffix("@acme.test") && !$0.rawValue.contains(" ") })
        #expect(MessageID.generate(domain: "\r\n<>").rawValue.hasSuffix("@localhost"))
    }

    @Test("Date is RFC 5322 in UTC")
    func date() {
        let message = OutgoingMessage(from: EmailAddress(address: "a@b"), to: [], subject: "s",
                                      date: Date(timeIntervalSince1970: 1_795_000_000), messageID: MessageID("x@y"), textBody: "t")
        let text = String(decoding: MessageWriter.render(message), as: UTF8.self)
        #expect(text.hasPrefix("Date: Wed, 18 Nov 2026 11:06:40 +0000\r\n"))
    }
}

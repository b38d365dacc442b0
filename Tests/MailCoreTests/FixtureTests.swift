import Foundation
import Testing
import MailCore

/// What a fixture must parse to. Only the fields set are checked.
struct FixtureExpectation: Sendable, CustomTestStringConvertible {
    var file: String
    var messageID: String? = nil
    var fromName: String? = nil
    var fromAddress: String? = nil
    var subject: String? = nil
    var textContains: [String] = []
    var textExcludes: [String] = []
    var newText: String? = nil
    var hasHTML: Bool? = nil
    var attachments: [String]? = nil  // "filename|type|size|inline" (size -1 = any)
    var automatedReason: String?? = .some(nil)
    var suppress: Bool = false
    var bounce: Bool = false
    var bouncedID: String? = nil
    var testDescription: String { file }
}

@Suite("Fixtures") struct FixtureTests {
    static let cases: [FixtureExpectation] = [
        .init(file: "plain-pt-utf8.eml", messageID: "CAF1234567@mail.example.com.br", fromName: "Maria José da Silva",
              fromAddress: "maria.silva@example.com.br", subject: "Sistema fora do ar - urgente",
              textContains: ["Olá, o sistema está fora do ar desde as 14h. Não consigo acessar o painel."],
              newText: "Olá, o sistema está fora do ar desde as 14h. Não consigo acessar o painel.\n\nObrigada,\nMaria"),
        .init(file: "plain-en-lf.eml", messageID: "20261123.1@example.org", fromName: "Doe, John",
              fromAddress: "john.doe@example.org", subject: "Cannot log in after password reset",
              textContains: ["John Doe | Example Org"],
              newText: "Hi team,\n\nI reset my password this morning and now I cannot log in.\n\nThanks,\nJohn"),
        .init(file: "plain-es-latin1.eml", fromName: "José Muñoz", subject: "Factura incorrecta - año 2026",
              textContains: ["la factura de noviembre está incorrecta. ¿Pueden revisarla?", "Saludos, José"]),
        .init(file: "windows-1252.eml", fromName: "Renée O'Connor", subject: "Invoice – “overdue” notice",
              textContains: ["We received an “overdue” notice – but we paid €120 already…"]),
        .init(file: "raw-utf8-headers.eml", fromName: "João Conceição", subject: "Não consigo emitir nota fiscal",
              textContains: ["Ação necessária."]),
        .init(file: "outlook-html-only.eml", fromName: "Carlos Pereira", fromAddress: "carlos@example.com.br",
              subject: "RE: Relatório não gera",
              textContains: ["Bom dia,", "O relatório de vendas não está sendo gerado – erro 500.",
                             "- Passo 1: abrir o menu", "Relatórios (https://app.acme.test/reports)", "Att,\nCarlos"],
              textExcludes: ["alert", "MsoNormal", "<p", "<o:p>", "&nbsp;", "spidmax"],
              newText: "Bom dia,\n\nO relatório de vendas não está sendo gerado – erro 500.\n\n- Passo 1: abrir o menu\n- Passo 2: clicar em Relatórios (https://app.acme.test/reports)\n\nAtt,\nCarlos",
              hasHTML: true, attachments: [], suppress: true),
        .init(file: "attachments-rfc2231.eml", subject: "Segue o contrato",
              textContains: ["Segue o contrato assinado.\n--inner-ABCD is not a boundary\nAbraço, Ana"],
              hasHTML: true,
              attachments: ["Relatório de Manutenção.pdf|application/pdf|10240|false",
                            "captura de tela.png|image/png|508|true",
                            "notasção.txt|text/plain|3|false"]),
        .init(file: "forward-rfc822.eml", subject: "Fwd: Payment failed",
              textContains: ["Please see the message below, our payment failed twice."],
              textExcludes: ["Your payment of $49 failed."],
              attachments: ["Payment failed.eml|message/rfc822|-1|false"]),
        .init(file: "dsn-bounce.eml", fromAddress: "MAILER-DAEMON@mx.acme.test", subject: "Undelivered Mail Returned to Sender",
              textContains: ["could not\nbe delivered"], automatedReason: "delivery-status-report", bounce: true,
              bouncedID: "ack-42@acme.test"),
        .init(file: "out-of-office.eml", fromName: "Laura Gómez", subject: "Respuesta automática: Su ticket",
              automatedReason: "auto-submitted:auto-replied", suppress: true),
        .init(file: "list-mail.eml", automatedReason: "precedence:bulk"),
        .init(file: "read-receipt.eml", automatedReason: "disposition-notification", bouncedID: "ack-42@acme.test"),
        .init(file: "reply-quoted-pt.eml", textContains: ["> Recebemos sua mensagem."],
              newText: "Continua fora do ar, agora com erro 503."),
        .init(file: "reply-outlook-es.eml", fromName: "José Muñoz", textContains: ["Hemos recibido su mensaje."],
              newText: "Sigue sin resolverse."),
        .init(file: "reply-en-interleaved.eml", newText: "Yes, still broken."),
        .init(file: "iso-2022-jp.eml", fromName: "山田", subject: "こんにちは", textContains: ["こんにちは、ログインできません。"]),
        .init(file: "koi8r-shiftjis.eml", fromName: "Иван", subject: "請求書",
              textContains: ["Не работает вход.", "无法登录", "無法登入", "ログイン", "abc\u{FFFD}def"]),
        .init(file: "broken-structure.eml", fromAddress: "someone@example.com", subject: "Olá mundox\u{FFFD}y plain",
              textContains: ["first part\n--zzNOT a boundary\nstill first part"],
              attachments: ["nil|application/octet-stream|-1|false"]),
        .init(file: "digest.eml", attachments: ["nil|message/rfc822|-1|false", "nil|message/rfc822|-1|false"]),
        .init(file: "related-html.eml", subject: "Print da tela",
              textContains: ["Veja o print:", "print", "Erro \"403\" & tela branca 😀"], hasHTML: true,
              attachments: ["nil|image/jpeg|13|false"]),
    ]

    @Test("fixture parses to the expected fields", arguments: cases)
    func fixture(_ expected: FixtureExpectation) throws {
        let message = try FixtureLoader.message(expected.file)
        if let id = expected.messageID { #expect(message.messageID?.rawValue == id) }
        if let name = expected.fromName { #expect(message.from?.name == name) }
        if let address = expected.fromAddress { #expect(message.from?.address == address) }
        if let subject = expected.subject { #expect(message.subject == subject) }
        for fragment in expected.textContains { #expect(message.text.contains(fragment), "text lacks \(fragment.debugDescription): \(message.text.debugDescription)") }
        for fragment in expected.textExcludes { #expect(!message.text.contains(fragment), "text has \(fragment.debugDescription)") }
        if let newText = expected.newText { #expect(message.newText == newText) }
        if let hasHTML = expected.hasHTML { #expect((message.htmlBody != nil) == hasHTML) }
        if let attachments = expected.attachments {
            let actual = message.attachments.map { a in
                "\(a.filename ?? "nil")|\(a.contentType)|\(a.size)|\(a.isInline)"
            }
            #expect(actual.count == attachments.count, "\(actual)")
            for (a, e) in zip(actual, attachments) {
                if e.contains("|-1|") {
                    let parts = e.split(separator: "|")
                    #expect(a.hasPrefix("\(parts[0])|\(parts[1])|"), "\(a) vs \(e)")
                } else {
                    #expect(a == e)
                }
            }
        }
        if let reason = expected.automatedReason {
            #expect(message.automation.reason == reason)
            #expect(message.automation.isAutomated == (reason != nil))
        }
        #expect(message.automation.suppressAutoReply == expected.suppress)
        #expect(message.automation.isBounce == expected.bounce)
        if let id = expected.bouncedID { #expect(message.bouncedMessageID?.rawValue == id) }
    }

    @Test("every fixture on disk parses, with CRLF and with LF line ends", arguments: FixtureLoader.allNames())
    func everyFixtureParses(_ name: String) throws {
        let bytes = try FixtureLoader.bytes(name)
        let crlf = try MessageParser().parse(bytes)
        // The same message with bare LF line ends must read the same.
        var lf: [UInt8] = []
        lf.reserveCapacity(bytes.count)
        for (i, b) in bytes.enumerated() where !(b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) { lf.append(b) }
        let bare = try MessageParser().parse(lf)
        #expect(crlf.subject == bare.subject)
        #expect(crlf.from == bare.from)
        #expect(crlf.attachments.map(\.filename) == bare.attachments.map(\.filename))
        #expect(crlf.newText == bare.newText)
        #expect(crlf.automation == bare.automation)
    }
}

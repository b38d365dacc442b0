import Foundation
import Testing
@testable import Tickets

@Suite("Mail templates and wording")
struct MailTemplatesTests {
    @Test(arguments: [
        (3600, "pt", "1 hora"), (4 * 3600, "pt", "4 horas"), (86_400, "pt", "24 horas"),
        (3600, "en", "1 hour"), (4 * 3600, "en", "4 hours"), (86_400, "en", "24 hours"),
        (3600, "es", "1 hora"), (86_400, "es", "24 horas"), (1800, "en", "30 minutes"), (90, "pt", "2 minutos"),
    ] as [(Int, String, String)])
    func targetInWords(seconds: Int, language: String, words: String) {
        #expect(MailWording.duration(seconds: seconds, language: language) == words)
    }

    @Test func priorityNames() {
        #expect(MailWording.priorityName(.p1, language: "pt") == "Urgente")
        #expect(MailWording.priorityName(.p4, language: "pt") == "Baixa")
        #expect(MailWording.priorityName(.p4, language: "es") == "Baja")
        #expect(MailWording.priorityName(.p2, language: "en") == "High")
    }

    @Test(arguments: ["pt", "en", "es"])
    func builtInAcknowledgementSaysNumberPriorityAndTarget(language: String) throws {
        let templates = try MailTemplates(directory: nil)
        let body = templates.render(.ack, language: language, context: [
            "ticket_tag": "[#77]", "ticket_number": "77", "subject": "Sala <travada> & lenta", "priority_code": "P2",
            "priority_name": MailWording.priorityName(.p2, language: language), "plan_name": "pro",
            "target_words": MailWording.duration(seconds: 14_400, language: language), "reference_token": "ref:SI-77",
            "customer_name": "Ana",
        ])
        for text in [body.text, body.html] {
            #expect(text.contains("[#77]"))
            #expect(text.contains("P2"))
            #expect(text.contains(MailWording.duration(seconds: 14_400, language: language)))
            #expect(text.contains("ref:SI-77"))
        }
        #expect(body.text.contains("Sala <travada> & lenta"), "text is not HTML-escaped")
        #expect(body.html.contains("Sala &lt;travada&gt; &amp; lenta"), "HTML is escaped")
        #expect(!body.text.hasPrefix("\n"))
    }

    @Test func surveyHasFiveMailtoButtons() throws {
        let templates = try MailTemplates(directory: nil)
        let links = (1...5).reversed().map { ["rating": $0, "mailto": "mailto:support@example.test?subject=%5B%2377%5D%20rating%20\($0)"] as [String: Any] }
        let body = templates.render(.survey, language: "pt", context: ["ticket_tag": "[#77]", "subject": "x", "rating_links": links])
        #expect(body.html.components(separatedBy: "href=\"mailto:").count - 1 == 5)
        #expect(!body.html.contains("http"), "no web links in the survey")
        #expect(body.text.contains("1 a 5"))
    }

    @Test func directoryOverridesAndBrokenTemplatesAreReported() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("en"), withIntermediateDirectories: true)
        try "{{% CONTENT_TYPE: TEXT}}\nCustom {{ticket_tag}}\n".write(to: directory.appendingPathComponent("en/ack.txt.mustache"), atomically: true, encoding: .utf8)
        let templates = try MailTemplates(directory: directory.path)
        #expect(templates.render(.ack, language: "en", context: ["ticket_tag": "[#1]"]).text == "Custom [#1]\n")
        #expect(templates.render(.ack, language: "pt", context: ["ticket_tag": "[#1]"]).text.contains("Recebemos"))
        #expect(templates.sources["en/ack.txt"]?.hasSuffix("en/ack.txt.mustache") == true)

        try "{{#unclosed}}".write(to: directory.appendingPathComponent("en/ack.txt.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: TemplateError.self) { try MailTemplates(directory: directory.path) }
        #expect(throws: TemplateError.self) { try MailTemplates(directory: directory.appendingPathComponent("missing").path) }
    }
}

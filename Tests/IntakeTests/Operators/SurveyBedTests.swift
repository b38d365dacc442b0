import Foundation
import MailCore
import MailTransport
import Testing
@testable import Intake
import Tickets
import TicketStore

/// The satisfaction survey end to end on the real bed (Dovecot + Postfix): resolve → the survey
/// arrives in the customer's mailbox → the reply "5 - ótimo atendimento" records rating 5 with that
/// comment and keeps the ticket resolved → a plain reply reopens it → a second resolution within
/// `satisfaction.min_days_between` sends no second survey.
@Suite("Survey on the mail bed", .enabled(if: DaemonBed.current != nil, DaemonBed.skipMessage), .serialized)
struct SurveyBedTests {
    let bed = DaemonBed.current!
    let token = String(UUID().uuidString.prefix(8))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("survey-bed-\(UUID().uuidString)")
    var folder: String { "Survey-\(token)" }
    var storePath: String { directory.appendingPathComponent("tickets.sqlite").path }

    @Test func resolveSurveyAnswerReopenAndThrottle() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try TicketStore(path: storePath)
        let log = LogRecorder()
        let configuration = bed.configuration(folder: folder, storePath: storePath)
        let daemon = try bed.daemon(configuration, store: store, log: log)
        let customer = "customer@acme.test"
        let originalID = "survey-orig-\(token)@acme.test"
        try bed.deliverToSupport(mail(from: "Cliente <\(customer)>", subject: "Relatório não carrega \(token)",
                                      body: "Olá, o relatório mensal não carrega.", messageID: originalID), folder: folder)
        try await daemon.runOnce()
        let ticket = try #require(try store.listTickets().first?.ticket)
        #expect(ticket.ackStatus == .sent)

        let resolver = TicketResolver(store: store, policy: SurveyPolicy(delaySeconds: 0, minDaysBetween: 7), messageIDDomain: "example.test")
        let outcome = try resolver.resolve(ticket.id, comment: "Índice recriado", now: Date())
        #expect(outcome.surveyOutbox != nil)
        try await daemon.runOnce()

        // The survey as the customer received it.
        #expect(try await bed.eventually { try await bed.inbox(of: customer, containing: token).count == 2 })
        let mails = try await bed.inbox(of: customer, containing: token)
        let survey = try #require(mails.first { $0.message.header("Auto-Submitted") == "auto-generated" }?.message)
        #expect(survey.subject.hasPrefix("[#\(ticket.id.rawValue)] "))
        #expect(survey.inReplyTo == [MessageID(originalID)])
        #expect(survey.header("X-Auto-Response-Suppress") == "All")
        #expect(survey.text.contains("1 a 5"), "the text part asks for a number from 1 to 5 (Portuguese)")
        #expect(!survey.text.contains("http://") && !survey.text.contains("https://"), "no web links")
        let html = try #require(survey.htmlBody, "the survey has an HTML part")
        #expect(html.components(separatedBy: "mailto:").count - 1 == 5, "five mailto buttons")
        #expect(!html.contains("http://") && !html.contains("https://"))
        let surveyID = try #require(survey.messageID)

        // The answer: rating 5 with its comment, the ticket stays resolved, nothing is sent back.
        try bed.deliverToSupport(mail(from: "Cliente <\(customer)>", subject: "Re: \(survey.subject)",
                                      body: "5 - ótimo atendimento\r\n\r\nEm 24/11, Suporte escreveu:\r\n> Como foi nosso atendimento?",
                                      messageID: "survey-answer-\(token)@acme.test",
                                      headers: ["In-Reply-To: \(surveyID)", "References: <\(originalID)> \(surveyID)"]), folder: folder)
        try await daemon.runOnce()
        let answered = try #require(try store.listTickets().first)
        #expect(answered.satisfaction?.rating == 5)
        #expect(answered.satisfaction?.comment == "ótimo atendimento")
        #expect(answered.ticket.status == .resolved)
        #expect(log.events("survey_answered").count == 1)

        // A plain reply to the acknowledgement reopens the ticket.
        let ack = try #require(mails.first { $0.message.header("Auto-Submitted") == "auto-replied" }?.message)
        let ackID = try #require(ack.messageID)
        try bed.deliverToSupport(mail(from: "Cliente <\(customer)>", subject: "Re: \(ack.subject)", body: "Voltou a falhar hoje.",
                                      messageID: "reopen-\(token)@acme.test",
                                      headers: ["In-Reply-To: \(ackID)", "References: <\(originalID)> \(ackID)"]), folder: folder)
        try await daemon.runOnce()
        #expect(try store.ticket(id: ticket.id)?.status == .open)
        #expect(try store.slaEvents(ticketID: ticket.id).map(\.kind).last == .reopened)

        // Resolved again the same day: throttled, no second survey reaches the customer.
        let again = try resolver.resolve(ticket.id, comment: nil, now: Date())
        #expect(again.surveySkipReason == "throttled")
        try await daemon.runOnce()
        try await Task.sleep(for: .seconds(1))
        #expect(try await bed.inbox(of: customer, containing: token).count == 2)
    }
}

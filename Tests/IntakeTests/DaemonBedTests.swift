import Foundation
import MailCore
import MailTransport
import Testing
@testable import Intake
import Tickets
import TicketStore

/// The daemon against the real bed: Dovecot holds support@'s mail, Postfix delivers our
/// acknowledgements into the customers' mailboxes. Each test reads its own folder of support@
/// (so tests running in parallel never see each other's mail) and marks its subjects with a token.
@Suite("Daemon on the mail bed", .enabled(if: DaemonBed.current != nil, DaemonBed.skipMessage), .serialized)
struct DaemonBedTests {
    let bed = DaemonBed.current!
    let token = String(UUID().uuidString.prefix(8))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("daemon-bed-\(UUID().uuidString)")
    var folder: String { "Daemon-\(token)" }
    var storePath: String { directory.appendingPathComponent("tickets.sqlite").path }

    func customerMail(from: String = "customer@acme.test", subject: String, body: String, messageID: String,
                      headers: [String] = []) -> [UInt8] {
        mail(from: from, to: "support@example.test", subject: subject, body: body, messageID: messageID, headers: headers)
    }

    @Test func newMailGetsExactlyOneAcknowledgementAndRepliesThread() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try TicketStore(path: storePath)
        let log = LogRecorder()
        let daemon = try bed.daemon(bed.configuration(folder: folder, storePath: storePath), store: store, log: log)
        let originalID = "orig-\(token)@acme.test"
        try bed.deliverToSupport(customerMail(subject: "Serviço fora do ar \(token)", body: "Olá, o sistema está fora do ar e não funciona.",
                                              messageID: originalID), folder: folder)
        try await daemon.runOnce()

        let tickets = try store.listTickets()
        #expect(tickets.count == 1)
        let ticket = try #require(tickets.first?.ticket)
        #expect(ticket.plan == .pro)
        #expect(ticket.ackStatus == .sent)
        let acknowledgedAt = try #require(ticket.acknowledgedAt)
        #expect(acknowledgedAt >= ticket.receivedAt)
        #expect(ticket.responseSeconds == Int(acknowledgedAt.timeIntervalSince(ticket.receivedAt).rounded(.down)))
        #expect(try await bed.eventually { try await bed.inbox(of: "customer@acme.test", containing: token).count == 1 })
        let (raw, ack) = try #require(try await bed.inbox(of: "customer@acme.test", containing: token).first)
        #expect(ack.subject == "[#\(ticket.id.rawValue)] Serviço fora do ar \(token)")
        #expect(ack.inReplyTo == [MessageID(originalID)])
        #expect(ack.references.contains(MessageID(originalID)))
        #expect(ack.header("Auto-Submitted") == "auto-replied")
        #expect(ack.header("X-Auto-Response-Suppress") == "All")
        #expect(ack.automation.isAutomated, "our own acknowledgement must look automated to other responders")
        #expect(ack.text.contains("#\(ticket.id.rawValue)"))
        #expect(ack.text.contains(MailWording.duration(seconds: ticket.targetSeconds, language: ticket.language)))
        #expect(ack.text.contains(ticket.priority.code))
        let ackID = try #require(ack.messageID)
        #expect(try store.knownMessage(messageID: ackID)?.ticketID == ticket.id)
        #expect(try store.messages(ticketID: ticket.id).contains { $0.direction == .outgoing && $0.size == raw.count || $0.direction == .outgoing })

        // The customer answers the acknowledgement: a follow-up, no second acknowledgement.
        try bed.deliverToSupport(customerMail(subject: "Re: \(ack.subject)", body: "Mais detalhes: erro 503.",
                                              messageID: "reply-\(token)@acme.test",
                                              headers: ["In-Reply-To: \(ackID)", "References: <\(originalID)> \(ackID)"]), folder: folder)
        try await daemon.runOnce()
        #expect(try store.listTickets().count == 1)
        #expect(try store.messages(ticketID: ticket.id).count == 3)
        #expect(try store.outboxItems(ticketID: ticket.id).count == 1)
        try await Task.sleep(for: .seconds(1))
        #expect(try await bed.inbox(of: "customer@acme.test", containing: token).count == 1)
    }

    @Test func outOfOfficeBounceAndListMailGetNoAcknowledgement() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try TicketStore(path: storePath)
        let log = LogRecorder()
        let daemon = try bed.daemon(bed.configuration(folder: folder, storePath: storePath), store: store, log: log)
        try bed.deliverToSupport(customerMail(subject: "Fora do escritório \(token)", body: "Estou de férias.", messageID: "ooo-\(token)@acme.test",
                                              headers: ["Auto-Submitted: auto-replied"]), folder: folder)
        try bed.deliverToSupport(customerMail(subject: "Newsletter \(token)", body: "Novidades", messageID: "list-\(token)@acme.test",
                                              headers: ["List-Id: <news.acme.test>", "Precedence: list"]), folder: folder)
        let bounce = """
            From: Mail Delivery System <MAILER-DAEMON@acme.test>\r
            To: support@example.test\r
            Subject: Undelivered Mail Returned to Sender \(token)\r
            Message-ID: <bounce-\(token)@acme.test>\r
            Auto-Submitted: auto-replied\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="b-\(token)"\r
            \r
            --b-\(token)\r
            Content-Type: text/plain\r
            \r
            Delivery failed.\r
            --b-\(token)\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; acme.test\r
            \r
            Final-Recipient: rfc822; gone@acme.test\r
            Action: failed\r
            Status: 5.1.1\r
            \r
            --b-\(token)--\r

            """
        try bed.deliverToSupport(Array(bounce.utf8), folder: folder)
        try await daemon.runOnce()
        #expect(try store.listTickets().isEmpty)
        #expect(try store.messagesWithoutTicket().count == 3)
        #expect(log.events("automated_skipped").count == 3)
        #expect(try store.nextOutboxDue() == nil)
    }

    @Test func restartResumesFromTheCursorWithoutDuplicates() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = bed.configuration(folder: folder, storePath: storePath)
        for index in 1...3 {
            try bed.deliverToSupport(customerMail(subject: "Pergunta \(index) \(token)", body: "Como faço \(index)?",
                                                  messageID: "q\(index)-\(token)@acme.test"), folder: folder)
        }
        do {
            let store = try TicketStore(path: storePath)
            try await bed.daemon(configuration, store: store, log: LogRecorder()).runOnce()
            #expect(try store.listTickets().count == 3)
        }
        for index in 4...5 {
            try bed.deliverToSupport(customerMail(subject: "Pergunta \(index) \(token)", body: "Como faço \(index)?",
                                                  messageID: "q\(index)-\(token)@acme.test"), folder: folder)
        }
        let store = try TicketStore(path: storePath)
        let log = LogRecorder()
        try await bed.daemon(configuration, store: store, log: log).runOnce()
        #expect(try store.listTickets().count == 5)
        #expect(log.events("ticket_created").count == 2)
        #expect(log.events("duplicate_skipped").isEmpty)
        #expect(try store.listTickets().allSatisfy { $0.ticket.ackStatus == .sent })
        #expect(try await bed.eventually { try await bed.inbox(of: "customer@acme.test", containing: token).count == 5 })
    }

    @Test func uidValidityChangeReacknowledgesNothing() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try TicketStore(path: storePath)
        let log = LogRecorder()
        let daemon = try bed.daemon(bed.configuration(folder: folder, storePath: storePath), store: store, log: log)
        for index in 1...2 {
            try bed.deliverToSupport(customerMail(subject: "Erro \(index) \(token)", body: "Olá \(index)",
                                                  messageID: "u\(index)-\(token)@acme.test"), folder: folder)
        }
        try await daemon.runOnce()
        let before = try #require(try store.cursor(for: MailboxName(folder)))
        try bed.mailenv(["new-uidvalidity", bed.value("SUPPORT_USER"), folder])
        try bed.deliverToSupport(customerMail(subject: "Erro 3 \(token)", body: "Olá 3", messageID: "u3-\(token)@acme.test"), folder: folder)
        try await daemon.runOnce()
        #expect(try store.cursor(for: MailboxName(folder))?.uidValidity != before.uidValidity)
        #expect(log.events("uidvalidity_changed").count == 1)
        #expect(log.events("duplicate_skipped").count == 2)
        #expect(try store.listTickets().count == 3)
        let statuses = try store.listTickets().map { "\($0.ticket.ackStatus) \($0.ticket.ackSkipReason ?? "")" }
        #expect(statuses == ["sent ", "sent ", "sent "], "\(log.all.filter { $0.level >= .warning }.map { "\($0.message) \($0.metadata)" })")
        let arrived = try await bed.eventually { try await bed.inbox(of: "customer@acme.test", containing: token).count == 3 }
        let subjects = try await bed.inbox(of: "customer@acme.test", containing: token).map(\.message.subject)
        #expect(arrived, "\(subjects)")
        try await Task.sleep(for: .seconds(1))
        #expect(try await bed.inbox(of: "customer@acme.test", containing: token).count == 3)
    }

    @Test func smtpDownLogsAtRiskAndTheAckGoesOutWhenItReturns() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try TicketStore(path: storePath)
        let log = LogRecorder()
        let clock = ManualClock(Date())
        let down = bed.configuration(folder: folder, storePath: storePath, smtpPort: bed.value("SMTP_DEAD_PORT"))
        let daemon = try bed.daemon(down, store: store, clock: clock, log: log)
        try bed.deliverToSupport(customerMail(subject: "Plataforma fora do ar \(token)", body: "Olá, está tudo fora do ar.",
                                              messageID: "down-\(token)@acme.test"), folder: folder)
        try await daemon.runOnce()
        let ticket = try #require(try store.listTickets().first?.ticket)
        #expect(ticket.ackStatus == .pending)
        #expect(log.events("smtp_retry").count == 1)

        clock.advance(by: Double(ticket.targetSeconds) * 0.8)
        #expect(daemon.makeSLAWatcher().check().map(\.1) == [.atRisk])
        #expect(log.events("sla_at_risk").count == 1)

        let up = try bed.daemon(bed.configuration(folder: folder, storePath: storePath), store: store, clock: clock, log: log)
        #expect(await up.makeAcknowledger().pass().sent == 1)
        let acknowledged = try #require(try store.ticket(id: ticket.id))
        #expect(acknowledged.responseSeconds == Int(clock.now().timeIntervalSince(ticket.receivedAt).rounded(.down)))
        #expect(acknowledged.responseMet == true)
        #expect(try await bed.eventually { try await bed.inbox(of: "customer@acme.test", containing: token).count == 1 })
    }
}

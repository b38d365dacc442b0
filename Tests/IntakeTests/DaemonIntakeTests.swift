import Foundation
import MailCore
import MailTransport
import Testing
@testable import Intake
import Tickets
import TicketStore

@Suite("Daemon intake: tickets, threading, automation, quarantine")
struct DaemonIntakeTests {
    @Test func newMailBecomesOneTicketWithOneAcknowledgement() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Site fora do ar", body: "Olá, o serviço não está funcionando desde as 9h.", messageID: "m1@acme.test"), ago: 120)
        try await h.daemon.runOnce()

        let tickets = try h.store.listTickets()
        #expect(tickets.count == 1)
        let ticket = try #require(tickets.first?.ticket)
        #expect(ticket.customer == "ana@acme.test")
        #expect(ticket.plan == .pro)
        #expect(ticket.language == "pt")
        #expect(ticket.receivedAt == DaemonHarness.start.addingTimeInterval(-120))
        #expect(ticket.ackStatus == .sent)
        #expect(ticket.acknowledgedAt == DaemonHarness.start)
        #expect(ticket.responseSeconds == 120)
        #expect(ticket.responseMet == true)

        #expect(h.sender.sent.count == 1)
        let ack = try #require(h.sender.sent.first)
        #expect(ack.envelope.recipients == ["ana@acme.test"])
        #expect(ack.envelope.sender == "support@example.test")
        #expect(ack.header("Subject") == "[#\(ticket.id.rawValue)] Site fora do ar")
        #expect(ack.header("In-Reply-To") == "<m1@acme.test>")
        #expect(ack.header("References")?.contains("<m1@acme.test>") == true)
        #expect(ack.header("Auto-Submitted") == "auto-replied")
        #expect(ack.header("X-Auto-Response-Suppress") == "All")
        #expect(ack.header("Message-ID")?.hasSuffix("@example.test>") == true)
        let parsed = try MessageParser(limits: ParseLimits(maxMessageBytes: 1 << 20)).parse(ack.raw)
        #expect(parsed.text.contains("#\(ticket.id.rawValue)"))
        #expect(parsed.text.contains(MailWording.duration(seconds: ticket.targetSeconds, language: "pt")))

        let created = h.log.events("ticket_created")
        #expect(created.count == 1)
        #expect(created.first?.metadata["ticket.plan"] == "pro")
        let sent = try #require(h.log.events("ack_sent").first)
        #expect(sent.metadata["response_s"] == "120")
        #expect(sent.metadata["sla"] == "met")
        #expect(sent.metadata["target_s"] == String(ticket.targetSeconds))
        // The outgoing mail is kept so replies thread to it.
        let messages = try h.store.messages(ticketID: ticket.id)
        #expect(messages.map(\.kind) == [.ticket, .ack])
        // Fetching never sets \Seen before the commit; after it, intake.after = seen.
        #expect(h.mailbox.flags(of: UID(1)).contains("\\Seen"))
    }

    @Test func secondRunDoesNothingNew() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Dúvida", body: "Como configuro a sala?"))
        try await h.daemon.runOnce()
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().count == 1)
        #expect(h.sender.sent.count == 1)
    }

    @Test func replyToOurAcknowledgementThreadsWithoutNewAck() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Login falha", body: "Não consigo entrar.", messageID: "first@acme.test"))
        try await h.daemon.runOnce()
        let ackID = try #require(h.sender.sent.first?.header("Message-ID"))
        h.deliver(mail(subject: "Re: Login falha", body: "Mais detalhes: erro 500.", messageID: "second@acme.test",
                       headers: ["In-Reply-To: \(ackID)", "References: <first@acme.test> \(ackID)"]))
        try await h.daemon.runOnce()
        let tickets = try h.store.listTickets()
        #expect(tickets.count == 1)
        #expect(tickets.first?.messageCount == 3)
        #expect(h.sender.sent.count == 1)
        #expect(h.log.events("followup_added").first?.metadata["thread.by"] == "reference")
    }

    @Test func replyWithOnlyTheTagThreads() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Câmera não funciona", body: "A câmera não liga."))
        try await h.daemon.runOnce()
        let id = try #require(try h.store.listTickets().first?.ticket.id)
        h.deliver(mail(subject: "RES: [#\(id.rawValue)] Câmera não funciona", body: "Ainda sem solução.", messageID: "other@acme.test"))
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().count == 1)
        #expect(h.sender.sent.count == 1)
        #expect(h.log.events("followup_added").first?.metadata["thread.by"] == "tag")
    }

    @Test func tagOfUnknownTicketOpensANewTicket() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "[#999] pergunta", body: "Olá"))
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().count == 1)
        #expect(h.sender.sent.count == 1)
    }

    @Test(arguments: [
        "Auto-Submitted: auto-replied",
        "Precedence: bulk",
        "List-Id: <announce.lists.acme.test>",
    ])
    func automatedMailIsKeptButNeverAcknowledged(header: String) async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Out of office", body: "I am away.", headers: [header]))
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().isEmpty)
        #expect(h.sender.sent.isEmpty)
        #expect(try h.store.messagesWithoutTicket().first?.kind == .automated)
        #expect(h.log.events("automated_skipped").first?.metadata["reason"] != nil)
    }

    @Test func bounceIsAttachedToTheTicketOfTheBouncedMail() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Pedido", body: "Olá, preciso de ajuda."))
        try await h.daemon.runOnce()
        let ack = try #require(h.sender.sent.first)
        let ackID = try #require(ack.header("Message-ID"))
        let bounce = """
            From: Mail Delivery System <MAILER-DAEMON@mx.acme.test>\r
            To: support@example.test\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <bounce1@mx.acme.test>\r
            Auto-Submitted: auto-replied\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain\r
            \r
            The mail could not be delivered.\r
            --b1\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.acme.test\r
            \r
            Final-Recipient: rfc822; ana@acme.test\r
            Action: failed\r
            Status: 5.1.1\r
            \r
            --b1\r
            Content-Type: text/rfc822-headers\r
            \r
            From: support@example.test\r
            To: ana@acme.test\r
            Message-ID: \(ackID)\r
            Subject: ack\r
            \r
            --b1--\r

            """
        h.deliver(Array(bounce.utf8))
        try await h.daemon.runOnce()
        let ticket = try #require(try h.store.listTickets().first)
        #expect(try h.store.listTickets().count == 1)
        #expect(h.sender.sent.count == 1)
        #expect(try h.store.messages(ticketID: ticket.ticket.id).contains { $0.kind == .bounce })
        #expect(try h.store.slaEvents(ticketID: ticket.ticket.id).contains { $0.kind == .bounce })
    }

    @Test func mailFromOurOwnAddressIsNeverAcknowledged() async throws {
        let h = try DaemonHarness { $0.intake.ownAddresses = ["noreply@example.test"] }
        defer { h.cleanUp() }
        h.deliver(mail(from: "Suporte <support@example.test>", subject: "Teste", body: "Olá"))
        h.deliver(mail(from: "noreply@example.test", subject: "Aviso", body: "Olá"))
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().isEmpty)
        #expect(h.sender.sent.isEmpty)
        #expect(try h.store.messagesWithoutTicket().count == 2)
    }

    @Test func replyToIsHonouredUnlessItPointsBackAtUs() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Pedido 1", body: "Olá", headers: ["Reply-To: Equipe TI <ti@acme.test>"]))
        h.deliver(mail(from: "bia@acme.test", subject: "Pedido 2", body: "Olá", headers: ["Reply-To: support@example.test"]))
        try await h.daemon.runOnce()
        #expect(h.sender.sent.map(\.envelope.recipients) == [["ti@acme.test"], ["bia@acme.test"]])
    }

    @Test func perSenderCapStopsAnUnmarkedLoop() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        for index in 1...5 {
            h.deliver(mail(from: "robot@loop.test", subject: "Re: Re: ticket \(index)", body: "Recebido \(index)"))
        }
        try await h.daemon.runOnce()
        let tickets = try h.store.listTickets()
        #expect(tickets.count == 5)
        #expect(h.sender.sent.count == 3)
        #expect(tickets.filter { $0.ticket.ackSkipReason == "ack_cap" }.count == 2)
        #expect(h.log.events("ack_capped").count == 2)
        // After the window, the sender is acknowledged again.
        h.clock.advance(by: 601)
        h.deliver(mail(from: "robot@loop.test", subject: "Nova pergunta", body: "Olá"))
        try await h.daemon.runOnce()
        #expect(h.sender.sent.count == 4)
    }

    @Test func mailWithoutUsableSenderIsQuarantinedWithItsBytes() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        let raw = mail(from: "undisclosed-recipients:;", subject: "Sem remetente", body: "Olá")
        h.deliver(raw)
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().isEmpty)
        #expect(h.sender.sent.isEmpty)
        let item = try #require(try h.store.quarantineList().first)
        #expect(item.reason == .noSender)
        #expect(item.raw == raw)
        #expect(h.log.events("quarantined").first?.metadata["reason"] == "no_sender")
        // The cursor moved on: the next run does not quarantine it again.
        try await h.daemon.runOnce()
        #expect(try h.store.quarantineList().count == 1)
    }

    @Test func oversizedMailIsQuarantinedAndLeftOnTheServer() async throws {
        let h = try DaemonHarness {
            $0.intake.maxMessageBytes = 4096
            $0.intake.after = .move(MailboxName("Processed"))
        }
        defer { h.cleanUp() }
        let uid = h.deliver(mail(subject: "Anexo grande", body: String(repeating: "x", count: 10_000)))
        try await h.daemon.runOnce()
        let item = try #require(try h.store.quarantineList().first)
        #expect(item.reason == .tooLarge)
        #expect(item.size > 4096)
        #expect(h.mailbox.moved.isEmpty, "mail whose bytes we could not keep stays in the mailbox")
        #expect(uid == item.location.uid)
    }

    @Test func garbageIsQuarantinedNotDropped() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver([0x00, 0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x0d, 0x0a])
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().isEmpty)
        #expect(try h.store.quarantineList().count == 1)
        #expect(h.sender.sent.isEmpty)
    }

    @Test func uidValidityChangeReacknowledgesNothing() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Um", body: "Olá 1"))
        h.deliver(mail(subject: "Dois", body: "Olá 2", messageID: nil))
        try await h.daemon.runOnce()
        #expect(h.sender.sent.count == 2)
        h.mailbox.changeValidity(to: UIDValidity(2000))
        h.deliver(mail(subject: "Três", body: "Olá 3"))
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().count == 3)
        #expect(h.sender.sent.count == 3)
        #expect(h.log.events("uidvalidity_changed").count == 1)
        #expect(h.log.events("duplicate_skipped").count == 2)
        #expect(try h.store.cursor(for: .inbox)?.uidValidity == UIDValidity(2000))
        #expect(try h.store.cursor(for: .inbox)?.lastUID == UID(3))
    }

    @Test func firstStartNewIgnoresExistingMail() async throws {
        let h = try DaemonHarness { $0.intake.firstStart = .new }
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Antiga", body: "Olá"), ago: 3600)
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().isEmpty)
        #expect(h.sender.sent.isEmpty)
        h.deliver(mail(subject: "Nova", body: "Olá"))
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().map(\.ticket.subject) == ["Nova"])
        #expect(h.sender.sent.count == 1)
    }

    @Test func firstStartAllImportsButAcknowledgesOnlyRecentMail() async throws {
        let h = try DaemonHarness { $0.intake.firstStart = .all }
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Velha", body: "Olá"), ago: 3 * 86_400)
        h.deliver(mail(subject: "Recente", body: "Olá"), ago: 3600)
        try await h.daemon.runOnce()
        let tickets = try h.store.listTickets()
        #expect(tickets.count == 2)
        #expect(h.sender.sent.count == 1)
        #expect(tickets.first { $0.ticket.subject == "Velha" }?.ticket.ackSkipReason == "backfill_too_old")
        #expect(tickets.first { $0.ticket.subject == "Recente" }?.ticket.ackStatus == .sent)
    }

    @Test func imapFailureInOnceModeThrowsAndLosesNothing() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Olá", body: "Olá"))
        h.mailbox.failNext(TransportError(.connectionFailed, "refused"))
        await #expect(throws: IntakeFailure.self) { try await h.daemon.runOnce() }
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().count == 1)
        #expect(h.sender.sent.count == 1)
    }

    @Test func languageOfTheAcknowledgementFollowsTheCustomer() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(from: "bob@acme.test", subject: "Hello, the service is down",
                       body: "Hello, the meeting service is not working at all."))
        try await h.daemon.runOnce()
        let ticket = try #require(try h.store.listTickets().first?.ticket)
        #expect(ticket.language == "en")
        let ack = try #require(h.sender.sent.first)
        let parsed = try MessageParser(limits: ParseLimits(maxMessageBytes: 1 << 20)).parse(ack.raw)
        #expect(parsed.text.contains("We received your message"))
        #expect(parsed.text.contains(MailWording.duration(seconds: ticket.targetSeconds, language: "en")))
    }
}

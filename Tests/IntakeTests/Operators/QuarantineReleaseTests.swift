import Foundation
import MailCore
import Testing
@testable import Intake
import Tickets
import TicketStore

/// `quarantine release`: the store hands released entries to the intake, which processes them as
/// normal mail; a release that fails again goes back to the quarantine.
@Suite("Quarantine release")
struct QuarantineReleaseTests {
    @Test func releasedMailBecomesATicketWithItsAcknowledgement() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        let raw = mail(subject: "Erro ao emitir nota", body: "Olá, o sistema não emite a nota fiscal.")
        let location = MailLocation(mailbox: .inbox, uidValidity: UIDValidity(1000), uid: UID(77))
        let id = try h.store.recordQuarantine(location, reason: .invalid, detail: "server returned no bytes", raw: raw, size: raw.count,
                                              internalDate: h.clock.now(), at: h.clock.now())
        #expect(h.daemon.makePoller().processReleasedQuarantine() == 0, "nothing released yet")

        _ = try h.store.releaseQuarantine(id, at: h.clock.now())
        #expect(h.daemon.makePoller().processReleasedQuarantine() == 1)
        let ticket = try #require(try h.store.listTickets().first)
        #expect(ticket.ticket.subject == "Erro ao emitir nota" && ticket.ticket.customer == "ana@acme.test")
        #expect(try h.store.outboxItems(ticketID: ticket.ticket.id).map(\.kind) == [.ack])
        #expect(h.log.events("quarantine_released").count == 1)

        // Taken once only.
        #expect(h.daemon.makePoller().processReleasedQuarantine() == 0)
        #expect(try h.store.listTickets().count == 1)
    }

    @Test func releaseAndProcessReportsTheOutcome() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        let raw = mail(subject: "Pedido de ajuda", body: "Como altero meu plano?")
        let id = try h.store.recordQuarantine(MailLocation(mailbox: .inbox, uidValidity: UIDValidity(1000), uid: UID(5)), reason: .unparseable,
                                              detail: "old parser", raw: raw, size: raw.count, internalDate: h.clock.now(), at: h.clock.now())
        let outcome = try QuarantineRelease.releaseAndProcess(id, store: h.store, configuration: h.configuration, logger: h.log.logger)
        #expect(outcome.result == "ticket_created")
        let ticket = try #require(outcome.ticketID)
        #expect(try h.store.ticket(id: TicketID(ticket))?.subject == "Pedido de ajuda")
        #expect(h.daemon.makePoller().processReleasedQuarantine() == 0, "the poller finds nothing left to do")
        #expect(throws: StoreError.self) {
            try QuarantineRelease.releaseAndProcess(id, store: h.store, configuration: h.configuration, logger: h.log.logger)
        }
    }

    @Test func aReleasedDuplicateReturnsToTheQuarantineInsteadOfLooping() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        let raw = mail(subject: "Já registrado", body: "Olá", messageID: "dup-1@acme.test")
        h.deliver(raw)
        try await h.daemon.runOnce()
        let ticket = try #require(try h.store.listTickets().first?.ticket.id)
        let id = try h.store.recordQuarantine(MailLocation(mailbox: .inbox, uidValidity: UIDValidity(1000), uid: UID(50)), reason: .invalid,
                                              detail: "copy", raw: raw, size: raw.count, internalDate: h.clock.now(), at: h.clock.now())
        let outcome = try QuarantineRelease.releaseAndProcess(id, store: h.store, configuration: h.configuration, logger: h.log.logger)
        #expect(outcome.result == "duplicate" && outcome.ticketID == ticket.rawValue)
        #expect(try h.store.releasedQuarantineAwaitingIntake().isEmpty, "not retried on every pass")
        #expect(try h.store.quarantineItem(id)?.detail.hasPrefix("released, but already stored (duplicate of ticket #\(ticket.rawValue))") == true)
    }

    @Test func aReleaseThatFailsAgainReturnsToTheQuarantine() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(from: "undisclosed-recipients:;", subject: "Sem remetente", body: "Olá"))
        try await h.daemon.runOnce()
        let item = try #require(try h.store.quarantineList().first)
        _ = try h.store.releaseQuarantine(item.id, at: h.clock.now())

        #expect(h.daemon.makePoller().processReleasedQuarantine() == 1)
        let back = try #require(try h.store.quarantineItem(item.id))
        #expect(back.releasedAt == nil)
        #expect(back.reason == .noSender && !back.detail.isEmpty)
        #expect(try h.store.listTickets().isEmpty)
        #expect(h.daemon.makePoller().processReleasedQuarantine() == 0, "not retried on every pass")
    }
}

import Foundation
import MailCore
import Testing
import Tickets
@testable import TicketStore

@Suite("TicketStore: intake, cursor, dedupe")
struct TicketStoreIntakeTests {
    @Test func recordIntakeWritesTicketMessageOutboxEventAndCursorTogether() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        try s.store.resetCursor(.inbox, uidValidity: UIDValidity(7), lastUID: UID(0), acknowledgeOnlyAfter: nil, at: t0)
        let outcome = try s.store.recordIntake(newTicketRecord(uid: 5, messageID: "a@acme.test"))
        guard case let .ticketCreated(id, outbox?) = outcome else { Issue.record("unexpected \(outcome)"); return }
        let ticket = try #require(try s.store.ticket(id: id))
        #expect(ticket.status == .open)
        #expect(ticket.ackStatus == .pending)
        #expect(ticket.dueAt == t0.addingTimeInterval(3600))
        #expect(ticket.reasons == ["keyword:fora do ar"])
        #expect(try s.store.cursor(for: .inbox)?.lastUID == UID(5))
        #expect(try s.store.outboxItem(outbox)?.status == .pending)
        #expect(try s.store.nextOutboxItems(now: t0.addingTimeInterval(1)).map(\.id) == [outbox])
        #expect(try s.store.slaEvents(ticketID: id).map(\.kind) == [.received])
        let messages = try s.store.messages(ticketID: id)
        #expect(messages.count == 1)
        #expect(messages.first?.sha256.count == 64)
        #expect(try s.store.rawMessage(rowID: messages[0].rowID) == Array("Subject: 5\r\n\r\nbody 5\r\n".utf8))
        #expect(try s.store.knownMessage(messageID: MessageID("a@acme.test"))?.ticketID == id)
        #expect(try s.store.ticket(forMessageID: MessageID("ack-5-7@support.test")) == id, "queued acks thread too")
    }

    @Test func theSameMailIsNeverStoredTwice() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        try s.store.resetCursor(.inbox, uidValidity: UIDValidity(7), lastUID: UID(0), acknowledgeOnlyAfter: nil, at: t0)
        _ = try s.store.recordIntake(newTicketRecord(uid: 1, messageID: "same@acme.test"))
        // Same location again.
        #expect(try s.store.recordIntake(newTicketRecord(uid: 1, messageID: "same@acme.test")) == .duplicate(TicketID(1)))
        // Same Message-ID under a new UIDVALIDITY.
        try s.store.resetCursor(.inbox, uidValidity: UIDValidity(8), lastUID: UID(0), acknowledgeOnlyAfter: nil, at: t0)
        #expect(try s.store.recordIntake(newTicketRecord(uid: 1, messageID: "same@acme.test", validity: 8)) == .duplicate(TicketID(1)))
        #expect(try s.store.cursor(for: .inbox)?.lastUID == UID(1))
        // No Message-ID: the SHA-256 of the bytes decides.
        let raw = Array("Subject: x\r\n\r\nno id\r\n".utf8)
        _ = try s.store.recordIntake(newTicketRecord(uid: 2, validity: 8, raw: raw))
        #expect(try s.store.recordIntake(newTicketRecord(uid: 3, validity: 8, raw: raw)) == .duplicate(TicketID(2)))
        #expect(try s.store.listTickets().count == 2)
        #expect(try s.store.nextOutboxItems(now: t0.addingTimeInterval(10)).count == 2)
    }

    @Test func cursorNeverMovesBackAndIgnoresOtherValidity() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        #expect(try s.store.cursor(for: .inbox) == nil)
        try s.store.resetCursor(.inbox, uidValidity: UIDValidity(7), lastUID: UID(10), acknowledgeOnlyAfter: t0, at: t0)
        try s.store.advanceCursor(past: location(4), at: t0)
        #expect(try s.store.cursor(for: .inbox)?.lastUID == UID(10))
        try s.store.advanceCursor(past: location(12, validity: 99), at: t0)
        #expect(try s.store.cursor(for: .inbox)?.lastUID == UID(10))
        try s.store.advanceCursor(past: location(12), at: t0)
        let cursor = try #require(try s.store.cursor(for: .inbox))
        #expect(cursor.lastUID == UID(12))
        #expect(cursor.acknowledgeOnlyAfter == t0)
    }

    @Test func followUpReopensOnlyAResolvedTicket() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        _ = try s.store.recordIntake(newTicketRecord(uid: 1))
        let id = TicketID(1)
        var followUp = newTicketRecord(uid: 2, messageID: "f@acme.test")
        followUp.disposition = .followUp(id, reopen: true)
        #expect(try s.store.recordIntake(followUp) == .addedToTicket(id, reopened: false))
        try s.store.resolve(ticketID: id, comment: nil, at: t0.addingTimeInterval(60), survey: nil)
        followUp = newTicketRecord(uid: 3, messageID: "g@acme.test")
        followUp.disposition = .followUp(id, reopen: true)
        #expect(try s.store.recordIntake(followUp) == .addedToTicket(id, reopened: true))
        let ticket = try #require(try s.store.ticket(id: id))
        #expect(ticket.status == .open)
        #expect(ticket.resolvedAt == nil)
        #expect(try s.store.slaEvents(ticketID: id).map(\.kind).contains(.reopened))
    }

    @Test func followUpToAMissingTicketIsRefusedAndNothingIsStored() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        var record = newTicketRecord(uid: 1)
        record.disposition = .followUp(TicketID(42), reopen: false)
        #expect(throws: StoreError.self) { try s.store.recordIntake(record) }
        #expect(try s.store.messagesWithoutTicket().isEmpty)
    }

    @Test func storeSurvivesReopeningTheFile() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        _ = try s.store.recordIntake(newTicketRecord(uid: 1))
        let reopened = try TicketStore(path: s.path)
        #expect(try reopened.listTickets().count == 1)
    }
}

@Suite("TicketStore: outbox and SLA")
struct TicketStoreOutboxTests {
    @Test func markSentRecordsResponseTimeAndKeepsTheBytes() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        guard case let .ticketCreated(id, outbox?) = try s.store.recordIntake(newTicketRecord(uid: 1, target: 3600)) else {
            Issue.record("no outbox"); return
        }
        let sent = try s.store.markSent(outbox, at: t0.addingTimeInterval(3599.9), raw: Array("ack".utf8), subject: "[#1] x", smtpReply: 250)
        #expect(sent.responseSeconds == 3599)
        #expect(sent.met == true)
        let again = try s.store.markSent(outbox, at: t0.addingTimeInterval(9999), raw: Array("ack".utf8), subject: "[#1] x", smtpReply: 250)
        #expect(again.responseSeconds == 3599, "marking twice changes nothing")
        let ticket = try #require(try s.store.ticket(id: id))
        #expect(ticket.ackStatus == .sent)
        #expect(try s.store.messages(ticketID: id).map(\.direction) == [.incoming, .outgoing])
        #expect(try s.store.knownMessage(messageID: MessageID("ack-1-7@support.test"))?.direction == .outgoing)
        #expect(try s.store.nextOutboxItems(now: t0.addingTimeInterval(99_999)).isEmpty)
    }

    @Test func lateAcknowledgementIsBreached() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        guard case let .ticketCreated(_, outbox?) = try s.store.recordIntake(newTicketRecord(uid: 1, target: 3600)) else { return }
        let sent = try s.store.markSent(outbox, at: t0.addingTimeInterval(3601), raw: [], subject: "", smtpReply: 250)
        #expect(sent.met == false)
        #expect(sent.responseSeconds == 3601)
    }

    @Test func temporaryFailureReschedulesPermanentFailureStops() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        guard case let .ticketCreated(id, outbox?) = try s.store.recordIntake(newTicketRecord(uid: 1)) else { return }
        try s.store.markSendFailed(outbox, error: "451 try later", permanent: false, nextAttempt: t0.addingTimeInterval(300), at: t0)
        #expect(try s.store.nextOutboxItems(now: t0.addingTimeInterval(299)).isEmpty)
        #expect(try s.store.nextOutboxDue() == t0.addingTimeInterval(300))
        #expect(try s.store.nextOutboxItems(now: t0.addingTimeInterval(300)).first?.attempts == 1)
        try s.store.markSendFailed(outbox, error: "550 no such user", permanent: true, nextAttempt: t0, at: t0.addingTimeInterval(301))
        #expect(try s.store.outboxItem(outbox)?.status == .failed)
        #expect(try s.store.ticket(id: id)?.ackStatus == .failed)
        #expect(try s.store.nextOutboxItems(now: t0.addingTimeInterval(99_999)).isEmpty)
        #expect(try s.store.openUnacknowledged(now: t0.addingTimeInterval(400)).map(\.id) == [id], "a refused ack still counts against the SLA")
    }

    @Test func oneAcknowledgementPerTicketIsASchemaInvariant() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        _ = try s.store.recordIntake(newTicketRecord(uid: 1))
        #expect(throws: StoreError.self) {
            try s.store.write { db in
                try TicketStore.insertOutbox(db, .ack, ticket: TicketID(1),
                                             OutgoingMailRequest(recipient: "a@b.test", messageID: MessageID("x@y"), language: "pt", notBefore: t0),
                                             at: t0)
            }
        }
    }

    @Test func slaEventsAreRecordedOnce() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        _ = try s.store.recordIntake(newTicketRecord(uid: 1))
        let id = TicketID(1)
        #expect(try s.store.recordSLAEvent(SLAEvent(ticketID: id, kind: .atRisk, at: t0.addingTimeInterval(2700))))
        #expect(try !s.store.recordSLAEvent(SLAEvent(ticketID: id, kind: .atRisk, at: t0.addingTimeInterval(2800))))
        #expect(try s.store.ticket(id: id)?.atRiskAt == t0.addingTimeInterval(2700))
        #expect(throws: StoreError.self) { try s.store.recordSLAEvent(SLAEvent(ticketID: TicketID(99), kind: .breached, at: t0)) }
    }

    @Test func ackCapCountsRecentAcknowledgementsPerRecipient() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        for uid in 1...3 { _ = try s.store.recordIntake(newTicketRecord(uid: UInt32(uid), customer: "loop@robot.test")) }
        #expect(try s.store.ackCount(recipient: "LOOP@robot.test", since: t0) == 3)
        #expect(try s.store.ackCount(recipient: "loop@robot.test", since: t0.addingTimeInterval(2)) == 0)
        #expect(try s.store.ackCount(recipient: "other@robot.test", since: t0) == 0)
    }
}

@Suite("TicketStore: quarantine, resolution, surveys, reports")
struct TicketStoreLifecycleTests {
    @Test func quarantineKeepsBytesAndReleasesOnce() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        try s.store.resetCursor(.inbox, uidValidity: UIDValidity(7), lastUID: UID(0), acknowledgeOnlyAfter: nil, at: t0)
        let raw: [UInt8] = [0, 1, 2, 255]
        let id = try s.store.recordQuarantine(location(3), reason: .unparseable, detail: "no-headers", raw: raw, size: 4, internalDate: t0, at: t0)
        #expect(try s.store.recordQuarantine(location(3), reason: .unparseable, detail: "again", raw: raw, size: 4, internalDate: t0, at: t0) == id)
        #expect(try s.store.cursor(for: .inbox)?.lastUID == UID(3))
        let item = try #require(try s.store.quarantineItem(id))
        #expect(item.raw == raw)
        #expect(item.detail == "no-headers")
        let released = try s.store.releaseQuarantine(id, at: t0.addingTimeInterval(5))
        #expect(released.releasedAt == t0.addingTimeInterval(5))
        #expect(throws: StoreError.self) { try s.store.releaseQuarantine(id, at: t0) }
        #expect(try s.store.quarantineList().isEmpty)
        #expect(try s.store.quarantineList(includeReleased: true).count == 1)

        let large = try s.store.recordQuarantine(location(4), reason: .tooLarge, detail: "30 MB", raw: [], size: 30_000_000,
                                                 internalDate: t0, at: t0)
        #expect(throws: StoreError.self) { try s.store.releaseQuarantine(large, at: t0) }
    }

    @Test func resolveQueuesSurveyAndTracksThrottle() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        _ = try s.store.recordIntake(newTicketRecord(uid: 1))
        let id = TicketID(1)
        let survey = OutgoingMailRequest(recipient: "ana@acme.test", messageID: MessageID("s1@support.test"), language: "pt",
                                         notBefore: t0.addingTimeInterval(3600))
        let outbox = try #require(try s.store.resolve(ticketID: id, comment: "trocamos o servidor", at: t0.addingTimeInterval(100), survey: survey))
        #expect(try s.store.outboxItem(outbox)?.kind == .survey)
        #expect(try s.store.nextOutboxItems(now: t0.addingTimeInterval(200)).filter { $0.kind == .survey }.isEmpty, "survey waits for its delay")
        #expect(try s.store.lastSurveyQueued(customer: "ana@acme.test") == t0.addingTimeInterval(100))
        #expect(throws: StoreError.self) { try s.store.resolve(ticketID: id, comment: nil, at: t0, survey: nil) }
        try s.store.reopen(ticketID: id, at: t0.addingTimeInterval(500), reason: "operator")
        #expect(throws: StoreError.self) { try s.store.reopen(ticketID: id, at: t0, reason: "operator") }
        #expect(try s.store.ticket(id: id)?.status == .open)
    }

    @Test func surveyAnswersKeepHistoryLatestWins() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        _ = try s.store.recordIntake(newTicketRecord(uid: 1))
        let id = TicketID(1)
        try s.store.recordSurveyAnswer(ticketID: id, rating: 2, comment: "lento", at: t0.addingTimeInterval(10))
        try s.store.recordSurveyAnswer(ticketID: id, rating: 5, comment: nil, at: t0.addingTimeInterval(20))
        #expect(throws: StoreError.self) { try s.store.recordSurveyAnswer(ticketID: id, rating: 6, comment: nil, at: t0) }
        #expect(try s.store.surveyAnswers(ticketID: id).map(\.rating) == [2, 5])
        #expect(try s.store.listTickets().first?.satisfaction?.rating == 5)
    }

    @Test func agentResponseIsRecordedOnce() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        _ = try s.store.recordIntake(newTicketRecord(uid: 1))
        try s.store.recordAgentResponse(ticketID: TicketID(1), agent: "bia@support.test", at: t0.addingTimeInterval(900))
        try s.store.recordAgentResponse(ticketID: TicketID(1), agent: "caio@support.test", at: t0.addingTimeInterval(1900))
        let ticket = try #require(try s.store.ticket(id: TicketID(1)))
        #expect(ticket.agent == "bia@support.test")
        #expect(ticket.agentResponseSeconds == 900)
    }

    @Test func listFiltersByStatusPriorityPlanBreachAndDate() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        _ = try s.store.recordIntake(newTicketRecord(uid: 1, priority: .p1, plan: .pro))
        _ = try s.store.recordIntake(newTicketRecord(uid: 2, customer: "b@free.test", priority: .p4, plan: .free, target: 86_400,
                                                     receivedAt: t0.addingTimeInterval(3600)))
        try s.store.resolve(ticketID: TicketID(2), comment: nil, at: t0.addingTimeInterval(7200), survey: nil)
        _ = try s.store.markSent(OutboxID(1), at: t0.addingTimeInterval(4000), raw: [], subject: "", smtpReply: 250)
        #expect(try s.store.listTickets(TicketFilter(status: .open)).map(\.ticket.id) == [TicketID(1)])
        #expect(try s.store.listTickets(TicketFilter(priority: .p4)).map(\.ticket.id) == [TicketID(2)])
        #expect(try s.store.listTickets(TicketFilter(plan: .pro)).map(\.ticket.id) == [TicketID(1)])
        #expect(try s.store.listTickets(TicketFilter(breachedOnly: true)).map(\.ticket.id) == [TicketID(1)])
        #expect(try s.store.listTickets(TicketFilter(since: t0.addingTimeInterval(1))).map(\.ticket.id) == [TicketID(2)])
        #expect(try s.store.listTickets().map(\.ticket.id) == [TicketID(2), TicketID(1)], "newest first")
        #expect(try s.store.openTicketCount() == 1)
    }

    @Test func reportComputesComplianceAndPercentiles() throws {
        let s = try TemporaryStore()
        defer { s.cleanUp() }
        // Ten pro P2 tickets (target 4 h) answered after 1…10 × 30 min: 8 met, 2 breached.
        for index in 1...10 {
            let uid = UInt32(index)
            guard case let .ticketCreated(_, outbox?) = try s.store.recordIntake(
                newTicketRecord(uid: uid, customer: "c\(index)@acme.test", priority: .p2, target: 14_400)) else { return }
            _ = try s.store.markSent(outbox, at: t0.addingTimeInterval(Double(index) * 1800), raw: [], subject: "", smtpReply: 250)
        }
        // One free P4 ticket still waiting, 1 h left.
        _ = try s.store.recordIntake(newTicketRecord(uid: 11, customer: "f@free.test", priority: .p4, plan: .free, target: 86_400))
        let report = try s.store.report(since: nil, until: nil, now: t0.addingTimeInterval(82_800))
        let pro = try #require(report.lines.first { $0.plan == .pro && $0.priority == .p2 })
        #expect(pro.tickets == 10)
        #expect(pro.acknowledged == 10)
        #expect(pro.met == 8)
        #expect(pro.breached == 2)
        #expect(pro.compliancePercent == 80)
        #expect(pro.p50Seconds == 5 * 1800)
        #expect(pro.p90Seconds == 9 * 1800)
        #expect(pro.maxSeconds == 10 * 1800)
        let free = try #require(report.lines.first { $0.plan == .free })
        #expect(free.acknowledged == 0)
        #expect(free.breached == 0)
        #expect(report.pending.map(\.secondsLeft) == [3600])
        #expect(report.surveys.sent == 0)
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func millionAs() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

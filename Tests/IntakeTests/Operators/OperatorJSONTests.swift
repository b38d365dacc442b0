import Foundation
import Intake
import MailCore
import Testing
import Tickets
import TicketStore

/// The JSON of every operator command, parsed back with `JSONSerialization`, with exact keys.
@Suite("Operator JSON")
struct OperatorJSONTests {
    static let t0 = OperatorStoreFixture.t0

    static func parse(_ node: JSONNode) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(node.render().utf8), options: [.fragmentsAllowed])
    }

    @Test func ticketsListHasExactlyTheDocumentedKeys() throws {
        let fixture = try OperatorStoreFixture()
        let acked = try fixture.ticket(plan: .pro, priority: .p1, target: 3600, receivedAt: Self.t0, customer: "ana@acme.test",
                                       subject: "Site \"fora\" do ar\n", acknowledgedAfter: 95)
        try fixture.ticket(plan: .free, priority: .p4, target: 86_400, receivedAt: Self.t0.addingTimeInterval(60), customer: "bob@mail.test")
        let resolver = TicketResolver(store: fixture.store, policy: SurveyPolicy(), messageIDDomain: "example.test")
        _ = try resolver.resolve(acked, comment: "fixed", now: Self.t0.addingTimeInterval(600))
        try fixture.store.recordSurveyAnswer(ticketID: acked, rating: 5, comment: "ótimo atendimento", at: Self.t0.addingTimeInterval(900))

        let array = try #require(try Self.parse(TicketListView.json(try fixture.store.listTickets())) as? [[String: Any]])
        #expect(array.count == 2)
        for object in array { #expect(Set(object.keys) == TicketListView.jsonKeys) }
        #expect(TicketListView.jsonKeys.count == 14)

        let open = try #require(array.first)  // newest first
        #expect(open["status"] as? String == "open")
        #expect(open["acknowledged_at"] is NSNull && open["response_seconds"] is NSNull && open["response_met"] is NSNull)
        #expect(open["satisfaction"] is NSNull && open["resolved_at"] is NSNull)
        #expect(open["response_target_seconds"] as? Int == 86_400)

        let done = try #require(array.last)
        #expect(done["id"] as? Int == Int(acked.rawValue))
        #expect(done["priority"] as? String == "P1" && done["plan"] as? String == "pro" && done["customer"] as? String == "ana@acme.test")
        #expect(done["subject"] as? String == "Site \"fora\" do ar\n")
        #expect(done["received_at"] as? String == "2026-11-01T00:00:00Z")
        #expect(done["acknowledged_at"] as? String == "2026-11-01T00:01:35Z")
        #expect(done["response_seconds"] as? Int == 95)
        #expect(done["response_met"] as? Bool == true)
        #expect(done["resolved_at"] as? String == "2026-11-01T00:10:00Z")
        let satisfaction = try #require(done["satisfaction"] as? [String: Any])
        #expect(Set(satisfaction.keys) == ["rating", "comment"])
        #expect(satisfaction["rating"] as? Int == 5 && satisfaction["comment"] as? String == "ótimo atendimento")
        #expect(done["messages"] as? Int == 2)  // the customer's mail and our acknowledgement
    }

    @Test func ticketsShowCarriesMessagesEventsAndSurvey() throws {
        let fixture = try OperatorStoreFixture()
        let id = try fixture.ticket(plan: .business, priority: .p2, target: 14_400, receivedAt: Self.t0, customer: "carla@acme.test",
                                    acknowledgedAfter: 30)
        let resolver = TicketResolver(store: fixture.store, policy: SurveyPolicy(delaySeconds: 600), messageIDDomain: "example.test")
        let outcome = try resolver.resolve(id, comment: "done", now: Self.t0.addingTimeInterval(3600))
        #expect(outcome.surveyNotBefore == Self.t0.addingTimeInterval(4200))
        try fixture.sendSurvey(of: id, at: Self.t0.addingTimeInterval(4300))
        try fixture.store.recordSurveyAnswer(ticketID: id, rating: 2, comment: nil, at: Self.t0.addingTimeInterval(5000))
        try fixture.store.recordSurveyAnswer(ticketID: id, rating: 4, comment: "ok after all", at: Self.t0.addingTimeInterval(6000))

        let detail = try #require(try TicketDetailView.load(id, from: fixture.store))
        let object = try #require(try Self.parse(detail.json()) as? [String: Any])
        #expect(Set(object.keys) == TicketListView.jsonKeys.union([
            "customer_name", "reply_address", "language", "reasons", "due_at", "ack_status", "ack_skip_reason",
            "first_agent_response", "resolution_comment", "message_list", "sla_events", "survey",
        ]))
        let messages = try #require(object["message_list"] as? [[String: Any]])
        #expect(messages.map { $0["kind"] as? String } == ["ticket", "ack", "survey"])
        for message in messages { #expect(Set(message.keys) == ["direction", "kind", "message_id", "address", "subject", "at", "size"]) }
        let events = try #require(object["sla_events"] as? [[String: Any]])
        #expect(events.map { $0["kind"] as? String } == ["received", "acknowledged", "resolved", "survey_queued", "survey_sent",
                                                          "survey_answered", "survey_answered"])
        let survey = try #require(object["survey"] as? [String: Any])
        #expect(Set(survey.keys) == ["queued_at", "status", "sent_at", "answers"])
        #expect(survey["status"] as? String == "sent")
        let answers = try #require(survey["answers"] as? [[String: Any]])
        #expect(answers.map { $0["rating"] as? Int } == [2, 4])
        #expect(object["satisfaction"].flatMap { $0 as? [String: Any] }?["rating"] as? Int == 4)

        let text = detail.text(format: OperatorTimeFormat(timeZone: TimeZone(identifier: "UTC")!), now: Self.t0.addingTimeInterval(7000))
        #expect(text.contains("Ticket #\(id.rawValue)  resolved  P2 (High)  plan business"))
        #expect(text.contains("30s of 4h met"))
        #expect(text.contains("rating 4/5") && text.contains("earlier 2/5"))
    }

    @Test func resolveAndReopenOutcomes() throws {
        let fixture = try OperatorStoreFixture()
        let id = try fixture.ticket(plan: .pro, priority: .p3, target: 86_400, receivedAt: Self.t0, customer: "dave@acme.test")
        let resolver = TicketResolver(store: fixture.store, policy: SurveyPolicy(), messageIDDomain: "example.test")
        let outcome = try resolver.resolve(id, comment: nil, now: Self.t0.addingTimeInterval(60))
        let object = try #require(try Self.parse(outcome.json) as? [String: Any])
        #expect(Set(object.keys) == ["id", "status", "survey"])
        let survey = try #require(object["survey"] as? [String: Any])
        #expect(Set(survey.keys) == ["queued", "not_before", "skip_reason"])
        #expect(survey["queued"] as? Bool == true && survey["skip_reason"] is NSNull)

        #expect(throws: StoreError.self) { try resolver.resolve(id, comment: nil, now: Self.t0.addingTimeInterval(70)) }
        try resolver.reopen(id, now: Self.t0.addingTimeInterval(120))
        #expect(try fixture.store.ticket(id: id)?.status == .open)
        #expect(throws: StoreError.self) { try resolver.reopen(id, now: Self.t0.addingTimeInterval(130)) }
        #expect(throws: StoreError.self) { try resolver.resolve(TicketID(999), comment: nil, now: Self.t0) }
    }

    @Test func quarantineEntriesHaveExactKeysAndNoContent() throws {
        let fixture = try OperatorStoreFixture()
        let raw = Array("From broken\r\nX-Secret-Header: value-not-shown\r\nSubject: s\r\n\r\nsecret body text\r\n".utf8)
        let id = try fixture.store.recordQuarantine(
            MailLocation(mailbox: MailboxName("INBOX"), uidValidity: UIDValidity(3), uid: UID(42)), reason: .unparseable,
            detail: "malformed header line 1", raw: raw, size: raw.count, internalDate: Self.t0, at: Self.t0.addingTimeInterval(1))
        let item = try #require(try fixture.store.quarantineItem(id))
        let object = try #require(try Self.parse(QuarantineView.json(item)) as? [String: Any])
        #expect(Set(object.keys) == QuarantineView.jsonKeys)
        #expect(object["reason"] as? String == "unparseable" && object["uid"] as? Int == 42 && object["stored"] as? Bool == true)
        #expect(object["released_at"] is NSNull)
        let text = QuarantineView.text(item, format: OperatorTimeFormat(timeZone: TimeZone(identifier: "UTC")!))
        #expect(text.contains("X-Secret-Header") && text.contains("Subject"))
        #expect(!text.contains("value-not-shown") && !text.contains("secret body"))

        let list = try #require(try Self.parse(.array(try fixture.store.quarantineList().map(QuarantineView.json))) as? [[String: Any]])
        #expect(list.count == 1)
    }

    @Test func releasedQuarantineWaitsForTheIntakeUntilItsMailIsStored() throws {
        let fixture = try OperatorStoreFixture()
        let raw = Array("Subject: no from\r\n\r\nhello\r\n".utf8)
        let location = MailLocation(mailbox: MailboxName("INBOX"), uidValidity: UIDValidity(3), uid: UID(5))
        let id = try fixture.store.recordQuarantine(location, reason: .noSender, detail: "no usable From address", raw: raw,
                                                    size: raw.count, internalDate: Self.t0, at: Self.t0)
        #expect(try fixture.store.releasedQuarantineAwaitingIntake().isEmpty)
        _ = try fixture.store.releaseQuarantine(id, at: Self.t0.addingTimeInterval(10))
        #expect(try fixture.store.releasedQuarantineAwaitingIntake().map(\.id) == [id])
        #expect(throws: StoreError.self) { try fixture.store.releaseQuarantine(id, at: Self.t0.addingTimeInterval(20)) }

        // Processing fails again: back in quarantine, not retried.
        try fixture.store.returnToQuarantine(id, detail: "still no usable From address")
        #expect(try fixture.store.releasedQuarantineAwaitingIntake().isEmpty)
        #expect(try fixture.store.quarantineItem(id)?.detail == "still no usable From address")

        // Released again and processed: its mail is stored at the same location, it leaves the list.
        _ = try fixture.store.releaseQuarantine(id, at: Self.t0.addingTimeInterval(30))
        _ = try fixture.store.recordIntake(IntakeRecord(
            location: location, internalDate: Self.t0, raw: raw, messageID: nil, sender: nil, subject: "no from",
            disposition: .automated(nil, reason: "released"), recordedAt: Self.t0.addingTimeInterval(40)))
        #expect(try fixture.store.releasedQuarantineAwaitingIntake().isEmpty)
    }

    @Test func jsonStringsEscapeControlCharactersAndRoundTrip() throws {
        let tricky = "quote \" backslash \\ tab \t nul \u{0} line\u{2028} emoji 🎉 ção"
        let node = JSONNode.object(["s": .string(tricky), "n": .null, "b": .bool(false), "d": .optional(12.345), "i": .int(-3)])
        for pretty in [true, false] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(node.render(pretty: pretty).utf8)) as? [String: Any])
            #expect(object["s"] as? String == tricky)
            #expect(object["n"] is NSNull && object["b"] as? Bool == false && object["d"] as? Double == 12.35 && object["i"] as? Int == -3)
        }
    }
}

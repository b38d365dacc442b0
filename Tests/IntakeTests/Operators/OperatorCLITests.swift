import Foundation
import Intake
import MailCore
import Testing
import Tickets
import TicketStore

/// The operator commands run as an operator would (the built executable, a configuration file, a
/// store written by the real store methods): every `--json` output parsed with exact keys, the
/// exit codes of mistakes, tables in the operator's zone.
@Suite("Operator CLI", .serialized)
struct OperatorCLITests {
    static let t0 = OperatorStoreFixture.t0

    /// A store with an acknowledged pro P1 ticket (#1), an open free P4 ticket (#2) and a
    /// quarantined mail (1), and its configuration file.
    static func makeStore() throws -> (OperatorStoreFixture, String) {
        let fixture = try OperatorStoreFixture()
        try fixture.ticket(plan: .pro, priority: .p1, target: 3600, receivedAt: t0, customer: "ana@acme.test", subject: "Site fora do ar",
                           acknowledgedAfter: 42)
        try fixture.ticket(plan: .free, priority: .p4, target: 86_400, receivedAt: t0.addingTimeInterval(60), customer: "bob@mail.test",
                           subject: "Question", language: "en")
        let raw = Array("Subject: none\r\n\r\nx\r\n".utf8)
        try fixture.store.recordQuarantine(MailLocation(mailbox: .inbox, uidValidity: UIDValidity(7), uid: UID(90)), reason: .noSender,
                                           detail: "no usable From address", raw: raw, size: raw.count, internalDate: t0, at: t0)
        let good = Array("From: Carla <carla@acme.test>\r\nTo: support@example.test\r\nSubject: Erro na fatura\r\nMessage-ID: <q2@acme.test>\r\n\r\nA fatura veio errada.\r\n".utf8)
        try fixture.store.recordQuarantine(MailLocation(mailbox: .inbox, uidValidity: UIDValidity(7), uid: UID(91)), reason: .invalid,
                                           detail: "server returned no bytes", raw: good, size: good.count, internalDate: t0, at: t0)
        let config = fixture.directory.appendingPathComponent("config.yaml").path
        let yaml = """
            smtp:
              from: "Suporte <support@example.test>"
            store:
              path: \(fixture.directory.appendingPathComponent("tickets.sqlite").path)
            satisfaction:
              delay: 5m
              min_days_between: 7
            """
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        return (fixture, config)
    }

    static func json(_ arguments: [String], config: String) throws -> Any {
        let result = try CLI.run(arguments + ["--config", config, "--json"], environment: ["TZ": "UTC"])
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    }

    @Test func everyCommandPrintsParseableJSONWithExactKeys() throws {
        let (fixture, config) = try Self.makeStore()
        _ = fixture

        let list = try #require(try Self.json(["tickets", "list"], config: config) as? [[String: Any]])
        #expect(list.count == 2)
        for ticket in list { #expect(Set(ticket.keys) == TicketListView.jsonKeys) }
        let filtered = try #require(try Self.json(["tickets", "list", "--priority", "P1", "--plan", "pro", "--status", "open"], config: config)
                                    as? [[String: Any]])
        #expect(filtered.map { $0["id"] as? Int } == [1])
        #expect((try Self.json(["tickets", "list", "--since", "2026-11-01T00:00:30Z"], config: config) as? [Any])?.count == 1)
        #expect((try Self.json(["tickets", "list", "--breached"], config: config) as? [Any])?.count == 1, "#2 is past due, unacknowledged")

        let show = try #require(try Self.json(["tickets", "show", "1"], config: config) as? [String: Any])
        #expect(show["response_seconds"] as? Int == 42)
        #expect((show["message_list"] as? [Any])?.count == 2 && (show["sla_events"] as? [Any])?.count == 2)

        let resolved = try #require(try Self.json(["tickets", "resolve", "#1", "--comment", "DNS fixed"], config: config) as? [String: Any])
        #expect(Set(resolved.keys) == ["id", "status", "survey"])
        let survey = try #require(resolved["survey"] as? [String: Any])
        #expect(survey["queued"] as? Bool == true)
        let notBefore = try #require((survey["not_before"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(notBefore.timeIntervalSinceNow - 300) < 60, "satisfaction.delay 5m")
        #expect(try fixture.store.ticket(id: TicketID(1))?.resolutionComment == "DNS fixed")

        let reopened = try #require(try Self.json(["tickets", "reopen", "1"], config: config) as? [String: Any])
        #expect(reopened["status"] as? String == "open")

        let report = try #require(try Self.json(["report", "--since", "2026-10-01", "--until", "2026-12-01"], config: config) as? [String: Any])
        #expect(Set(report.keys) == ["since", "until", "generated_at", "lines", "totals", "pending", "surveys"])
        #expect(report["since"] as? String == "2026-10-01T00:00:00Z")
        for line in try #require(report["lines"] as? [[String: Any]]) { #expect(Set(line.keys) == ReportView.lineKeys) }

        let quarantine = try #require(try Self.json(["quarantine", "list"], config: config) as? [[String: Any]])
        #expect(quarantine.count == 2)
        for entry in quarantine { #expect(Set(entry.keys) == QuarantineView.jsonKeys) }
        let shown = try #require(try Self.json(["quarantine", "show", "1"], config: config) as? [String: Any])
        #expect(shown["reason"] as? String == "no_sender")

        // Released and processed at once: a ticket with its acknowledgement queued for the daemon.
        let released = try #require(try Self.json(["quarantine", "release", "2"], config: config) as? [String: Any])
        #expect(Set(released.keys) == ["id", "outcome"])
        let outcome = try #require(released["outcome"] as? [String: Any])
        #expect(Set(outcome.keys) == ["result", "ticket_id", "reason"])
        #expect(outcome["result"] as? String == "ticket_created")
        let newTicket = try #require(outcome["ticket_id"] as? Int)
        #expect(try fixture.store.ticket(id: TicketID(Int64(newTicket)))?.customer == "carla@acme.test")
        #expect(try fixture.store.outboxItems(ticketID: TicketID(Int64(newTicket))).map(\.kind) == [.ack])
        #expect((try Self.json(["quarantine", "list"], config: config) as? [Any])?.count == 1)
        #expect((try Self.json(["quarantine", "list", "--all"], config: config) as? [Any])?.count == 2)

        // Still no sender: back in the quarantine, exit 65, the JSON says why.
        let again = try CLI.run(["quarantine", "release", "1", "--config", config, "--json"])
        #expect(again.status == 65)
        let failed = try #require(try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any])
        #expect((failed["outcome"] as? [String: Any])?["result"] as? String == "quarantined_again")
        #expect(try fixture.store.quarantineItem(QuarantineID(1))?.releasedAt == nil)
    }

    @Test func mistakesHaveClearMessagesAndSysexitsCodes() throws {
        let (fixture, config) = try Self.makeStore()
        _ = fixture
        let missing = try CLI.run(["tickets", "show", "99", "--config", config])
        #expect(missing.status == 65 && missing.standardError.contains("ticket #99 not found"))
        _ = try CLI.run(["tickets", "resolve", "2", "--config", config])
        let twice = try CLI.run(["tickets", "resolve", "2", "--config", config])
        #expect(twice.status == 65 && twice.standardError.contains("already resolved"))
        let badPriority = try CLI.run(["tickets", "list", "--priority", "P7", "--config", config])
        #expect(badPriority.status == 64 && badPriority.standardError.contains("--priority must be P1, P2, P3 or P4"))
        let badDate = try CLI.run(["report", "--since", "last tuesday", "--config", config])
        #expect(badDate.status == 64)
        let noConfig = try CLI.run(["tickets", "list", "--config", fixture.directory.path + "/nope.yaml"])
        #expect(noConfig.status == 78 && noConfig.standardError.contains("cannot read the configuration file"))
        let noStore = fixture.directory.appendingPathComponent("empty.yaml").path
        try "store:\n  path: \(fixture.directory.path)/absent/tickets.sqlite\n".write(toFile: noStore, atomically: true, encoding: .utf8)
        let absent = try CLI.run(["report", "--config", noStore])
        #expect(absent.status == 66 && absent.standardError.contains("no ticket store"))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.path + "/absent"), "an operator command never creates a store")
    }

    @Test func tablesUseTheOperatorsTimeZone() throws {
        let (fixture, config) = try Self.makeStore()
        _ = fixture
        let saoPaulo = try CLI.run(["tickets", "list", "--config", config], environment: ["TZ": "America/Sao_Paulo"])
        #expect(saoPaulo.status == 0)
        #expect(saoPaulo.standardOutput.contains("2026-10-31 21:00:00 -03"))
        #expect(saoPaulo.standardOutput.contains("42s of 1h met"))
        let utc = try CLI.run(["tickets", "show", "1", "--config", config], environment: ["TZ": "UTC"])
        #expect(utc.standardOutput.contains("Received:   2026-11-01 00:00:00 UTC"))
    }
}

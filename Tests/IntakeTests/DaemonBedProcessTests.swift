import Foundation
import Logging
import MailCore
import MailTransport
import Testing
@testable import Intake
import TicketStore

/// The built `support-intake` binary against the bed, as systemd would run it: killed with
/// SIGKILL in the middle of a backlog (nothing lost, no second acknowledgement), and stopped with
/// SIGTERM (clean exit 0 within 10 s).
@Suite("Daemon process on the mail bed", .enabled(if: DaemonBed.current != nil, DaemonBed.skipMessage), .serialized)
struct DaemonBedProcessTests {
    let bed = DaemonBed.current!
    let token = String(UUID().uuidString.prefix(8))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("daemon-proc-\(UUID().uuidString)")
    var folder: String { "DaemonProc-\(token)" }
    var storePath: String { directory.appendingPathComponent("tickets.sqlite").path }

    func writeConfiguration() throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let yaml = """
            imap:
              url: imaps://127.0.0.1:\(bed.value("IMAPS_PORT"))/\(folder)
              username: \(bed.value("SUPPORT_USER"))
              password: \(bed.value("SUPPORT_PASSWORD"))
              ca_file: \(bed.value("MAILENV_CA"))
            smtp:
              url: smtp://127.0.0.1:\(bed.value("SMTP_PORT"))
              username: \(bed.value("SUPPORT_USER"))
              password: \(bed.value("SUPPORT_PASSWORD"))
              ca_file: \(bed.value("MAILENV_CA"))
              from: "Suporte <\(bed.value("SUPPORT_USER"))>"
            store:
              path: \(storePath)
            intake:
              first_start: all
              after: none
              batch_size: 20
              poll_interval_seconds: 2
              ack_cap:
                count: 1000
                window_seconds: 600
            plans:
              customers:
                - match: "@acme.test"
                  plan: pro
            log:
              level: info

            """
        let path = directory.appendingPathComponent("config.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func start(_ arguments: [String], log: String) throws -> Process {
        let executable = try #require(CLI.executable, "support-intake is not built; run swift build first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func waitForExit(_ process: Process, seconds: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return !process.isRunning
    }

    /// Puts `count` customer mails in the test's folder over IMAP APPEND (INTERNALDATE = now).
    func deliverBacklog(_ count: Int) async throws {
        try bed.deliverToSupport(mail(from: "customer@acme.test", subject: "Backlog 0 \(token)", body: "Olá 0",
                                      messageID: "b0-\(token)@acme.test"), folder: folder)
        let endpoint = try IMAPEndpoint(url: "imaps://127.0.0.1:\(bed.value("IMAPS_PORT"))/INBOX", username: bed.value("SUPPORT_USER"),
                                        credential: .password(bed.value("SUPPORT_PASSWORD")), caFile: bed.value("MAILENV_CA"),
                                        connectTimeout: .seconds(10), stallTimeout: .seconds(30))
        let client = CurlIMAPClient(endpoint: endpoint, logger: Logger(label: "bed-append") { _ in SwiftLogNoOpLogHandler() })
        do {
            for index in 1..<count {
                let sender = index % 2 == 0 ? "customer@acme.test" : "boss@acme.test"
                _ = try await client.append(mail(from: sender, subject: "Backlog \(index) \(token)", body: "Pergunta número \(index).",
                                                 messageID: "b\(index)-\(token)@acme.test"), to: MailboxName(folder))
            }
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    @Test func killedMidBacklogLosesNothingAndAcknowledgesOnce() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let total = 200
        let configPath = try writeConfiguration()
        try await deliverBacklog(total)

        let running = try start(["run", "--config", configPath], log: directory.appendingPathComponent("run1.log").path)
        let store = try TicketStore(path: storePath)
        let observed = try await bed.eventually(seconds: 60) { try store.listTickets(TicketFilter(limit: 1000)).count >= total / 4 }
        kill(running.processIdentifier, SIGKILL)
        running.waitUntilExit()
        #expect(observed)
        let atKill = try store.listTickets(TicketFilter(limit: 1000)).count
        #expect(atKill < total, "the kill should land mid-backlog (\(atKill) of \(total) done)")

        let resumed = try start(["run", "--config", configPath, "--once"], log: directory.appendingPathComponent("run2.log").path)
        #expect(try await waitForExit(resumed, seconds: 180))
        #expect(resumed.terminationStatus == 0)

        let tickets = try store.listTickets(TicketFilter(limit: 1000))
        #expect(tickets.count == total, "no mail lost")
        #expect(Set(tickets.map(\.ticket.subject)).count == total)
        #expect(tickets.allSatisfy { $0.ticket.ackStatus == .sent })
        for summary in tickets {
            #expect(try store.outboxItems(ticketID: summary.ticket.id).count == 1)
        }
        // What the customers received: one acknowledgement per ticket. A kill between the MTA's 250
        // and the commit is the one documented at-least-once window; it can duplicate at most the
        // single mail in hand.
        var received: [String: Int] = [:]
        for customer in ["customer@acme.test", "boss@acme.test"] {
            _ = try await bed.eventually(seconds: 30) {
                try await bed.inbox(of: customer, containing: token).count >= total / 2
            }
            for (_, message) in try await bed.inbox(of: customer, containing: token) {
                received[message.subject, default: 0] += 1
            }
        }
        #expect(received.count == total)
        #expect(received.values.filter { $0 > 1 }.count <= 1)
    }

    @Test func sigtermStopsCleanlyWithinTenSeconds() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let configPath = try writeConfiguration()
        try bed.deliverToSupport(mail(from: "customer@acme.test", subject: "Parada \(token)", body: "Olá", messageID: "t-\(token)@acme.test"),
                                 folder: folder)
        let logPath = directory.appendingPathComponent("run.log").path
        let running = try start(["run", "--config", configPath], log: logPath)
        let store = try TicketStore(path: storePath)
        #expect(try await bed.eventually(seconds: 30) { try store.listTickets().first?.ticket.ackStatus == .sent })
        let stopAsked = Date()
        kill(running.processIdentifier, SIGTERM)
        #expect(try await waitForExit(running, seconds: 10))
        if running.isRunning { kill(running.processIdentifier, SIGKILL) }
        #expect(running.terminationStatus == 0)
        #expect(Date().timeIntervalSince(stopAsked) < 10)
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(log.contains("started"))
        #expect(log.contains("ticket_created"))
        #expect(log.contains("ack_sent"))
        #expect(log.contains("stopped"))
        #expect(!log.contains(bed.value("SUPPORT_PASSWORD")), "never a password in the log")
    }
}

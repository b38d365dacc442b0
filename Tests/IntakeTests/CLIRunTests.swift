import Foundation
import Testing

/// `support-intake run --once` against the test bed: the command wires the configuration, the
/// logging bootstrap and the systemd notifier to the daemon.
@Suite("CLI run against the test bed", .enabled(if: TestBed.current != nil, "the mail test bed is not running"))
struct CLIRunTests {
    let bed = TestBed.current!

    @Test func runOnceLogsJSONLinesAndNotifiesSystemd() async throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("config.yaml", bed.configuration() + "store:\n  path: \(directory.path)/tickets.sqlite\n")
        let socket = try NotifySocket(directory: directory.path)
        let result = try await CLI.run(["run", "--once", "--config", config], environment: [
            "SUPPORT_INTAKE_LOG_FORMAT": "json", "NOTIFY_SOCKET": socket.name,
        ], timeout: 120)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty)
        var messages: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(object["level"] is String)
            messages.append(object["msg"] as? String ?? "")
        }
        #expect(messages.first == "started")
        #expect(messages.last == "stopped")
        #expect(!result.standardError.contains(bed["SUPPORT_PASSWORD"]))
        let datagrams = socket.drain()  // the process has ended: everything it sent is queued
        #expect(datagrams.contains { $0.split(separator: "\n").contains("READY=1") }, "\(datagrams)")
    }

    @Test func runOnceWithAWrongPasswordExitsWith77() async throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("config.yaml", bed.configuration(imapPassword: "wrong-password-7")
            + "store:\n  path: \(directory.path)/tickets.sqlite\n")
        let result = try await CLI.run(["run", "--once", "--config", config], timeout: 120)
        #expect(result.status == 77, "\(result.standardError)")
        #expect(result.standardError.contains("level=critical msg=stopped"))
        #expect(!result.standardError.contains("wrong-password-7"))
    }
}

import Foundation
import Logging
import Synchronization
import Testing
@testable import Intake

/// Collects the lines a handler writes.
final class LineCollector: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func output(prefixesPriority: Bool = false) -> LogOutput {
        LogOutput(prefixesPriority: prefixesPriority) { line in self.storage.withLock { $0.append(line) } }
    }
}

@Suite("Logging")
struct LoggingTests {
    func logger(_ format: SupportIntakeConfiguration.Log.Format, level: Logger.Level = .info, timestamps: Bool = false,
                journal: Bool = false) -> (Logger, LineCollector, LogLevelControl) {
        let collector = LineCollector()
        let control = LogLevelControl(level)
        let handler = LoggingBootstrap.makeHandler(
            format: format, level: control, output: collector.output(prefixesPriority: journal), timestamps: timestamps)
        return (Logger(label: "test", factory: { _ in handler }), collector, control)
    }

    @Test func logfmtWritesOneLinePerEventInAFixedOrder() {
        let (log, collector, _) = logger(.logfmt)
        log.info("ticket_created", metadata: ["ticket.id": .stringConvertible(12), "plan": "pro", "sla.target_s": "3600"])
        #expect(collector.lines == ["level=info msg=ticket_created plan=pro sla.target_s=3600 ticket.id=12\n"])
    }

    @Test func logfmtStartsWithAnRFC3339Timestamp() throws {
        let (log, collector, _) = logger(.logfmt, timestamps: true)
        log.warning("imap_reconnect")
        let line = try #require(collector.lines.first)
        let pattern = #/^ts=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z level=warning msg=imap_reconnect\n$/#
        #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(LogTimestamp.format(seconds: 0, milliseconds: 5) == "1970-01-01T00:00:00.005Z")
        #expect(LogTimestamp.format(seconds: 1_795_564_741, milliseconds: 123) == "2026-11-24T23:59:01.123Z")
    }

    @Test(arguments: [
        ("simple", "simple"),
        ("ação-ñ", "ação-ñ"),
        ("", "\"\""),
        ("two words", "\"two words\""),
        ("a=b", "\"a=b\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("back\\slash", "\"back\\\\slash\""),
        ("line\nbreak", "\"line\\nbreak\""),
        ("cr\rlf", "\"cr\\rlf\""),
        ("tab\there", "\"tab\\there\""),
        ("bell\u{07}", "\"bell\\u0007\""),
        ("del\u{7F}", "\"del\\u007f\""),
        ("sep\u{2028}", "\"sep\\u2028\""),
        ("nbsp\u{A0}x", "\"nbsp\u{A0}x\""),
    ])
    func logfmtQuotesAndEscapesValues(_ input: String, _ expected: String) {
        #expect(LogfmtLogHandler.value(input) == expected)
    }

    @Test func logfmtKeysCannotBreakTheLine() {
        #expect(LogfmtLogHandler.key("mail.uid") == "mail.uid")
        #expect(LogfmtLogHandler.key("bad key=\"x\"\n") == "bad_key__x__")
        #expect(LogfmtLogHandler.key("") == "_")
    }

    @Test func hostileMessagesAndValuesStayOnOneLine() {
        let (log, collector, _) = logger(.logfmt)
        log.error("two\nlines", metadata: ["subject": "Re: \"urgent\"\r\nBcc: x@y", "k e=y": "v"])
        #expect(collector.lines == [
            "level=error msg=\"two\\nlines\" k_e_y=v subject=\"Re: \\\"urgent\\\"\\r\\nBcc: x@y\"\n",
        ])
    }

    @Test func nestedMetadataIsFlattenedToDottedKeysAndListsJoined() {
        let (log, collector, _) = logger(.logfmt)
        log.info("classified", metadata: [
            "ticket": ["id": .stringConvertible(7), "priority": "P2"],
            "reasons": ["subject:down", "body:all users"],
        ])
        #expect(collector.lines == ["level=info msg=classified reasons=\"subject:down,body:all users\" ticket.id=7 ticket.priority=P2\n"])
    }

    @Test func secretNamedKeysAreRedacted() {
        let (log, collector, _) = logger(.logfmt)
        log.info("login", metadata: ["imap.password": "hunter2", "oauth2_token": "ya29", "user": "support"])
        #expect(collector.lines == ["level=info msg=login imap.password=<redacted> oauth2_token=<redacted> user=support\n"])
    }

    @Test func handlerAndEventMetadataMergeWithTheEventWinning() {
        var (log, collector, _) = logger(.logfmt)
        log[metadataKey: "mailbox"] = "INBOX"
        log[metadataKey: "mail.uid"] = "1"
        log.info("fetched", metadata: ["mail.uid": "2"])
        #expect(collector.lines == ["level=info msg=fetched mail.uid=2 mailbox=INBOX\n"])
    }

    @Test func reservedMetadataKeysAreRenamed() {
        let (log, collector, _) = logger(.logfmt)
        log.info("x", metadata: ["msg": "y", "level": "z"])
        #expect(collector.lines == ["level=info msg=x meta.level=z meta.msg=y\n"])
    }

    @Test func theErrorOfAnEventIsWrittenLast() {
        struct Failure: Error, CustomStringConvertible { var description: String { "connection refused" } }
        let handler = LogfmtLogHandler(level: LogLevelControl(.info), output: LineCollector().output(), timestamps: false)
        let event = LogEvent(level: .error, message: "smtp_retry", error: Failure(), metadata: ["attempt": "3"],
                             source: nil, file: #fileID, function: #function, line: #line)
        #expect(handler.format(event) == "level=error msg=smtp_retry attempt=3 error=\"connection refused\"")
    }

    @Test func theSharedLevelFiltersAndCanBeChangedAtRunTime() {
        let (log, collector, control) = logger(.logfmt, level: .info)
        log.debug("hidden")
        control.level = .debug
        log.debug("shown")
        control.level = .error
        log.warning("hidden too")
        #expect(collector.lines == ["level=debug msg=shown\n"])
    }

    @Test func journalLinesCarryTheSyslogPriority() {
        let (log, collector, _) = logger(.logfmt, journal: true)
        log.info("started")
        log.error("stopped")
        log.critical("x")
        #expect(collector.lines == ["<6>level=info msg=started\n", "<3>level=error msg=stopped\n", "<2>level=critical msg=x\n"])
    }

    @Test func jsonLinesAreValidJSONWithTypedValues() throws {
        let (log, collector, _) = logger(.json, timestamps: true)
        let hostile = "quote \" backslash \\ newline \n cr \r tab \t nul \u{0} bell \u{07} sep \u{2028} emoji 🎫 ação"
        log.notice("ack_sent", metadata: [
            "ticket.id": .stringConvertible(42), "response_s": .stringConvertible(12.5), "sla.met": .stringConvertible(true),
            "subject": .string(hostile), "reasons": ["a", "b"], "ticket": ["plan": "pro"],
        ])
        let line = try #require(collector.lines.first)
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "notice")
        #expect(object["msg"] as? String == "ack_sent")
        #expect(object["ticket.id"] as? Int == 42)
        #expect(object["response_s"] as? Double == 12.5)
        #expect(object["sla.met"] as? Bool == true)
        #expect(object["subject"] as? String == hostile)
        #expect(object["reasons"] as? [String] == ["a", "b"])
        #expect(object["ticket.plan"] as? String == "pro")
        #expect((object["ts"] as? String)?.hasSuffix("Z") == true)
        #expect(line.hasPrefix("{\"ts\":"))
    }

    @Test(arguments: ["", "plain", "\u{0}\u{1}\u{1F}", "\"\\/", "\u{D7FF}\u{E000}\u{FFFD}", "🎫🚨", String(repeating: "é", count: 5000)])
    func jsonStringsRoundTrip(_ text: String) throws {
        let encoded = "[" + JSONLogHandler.string(text) + "]"
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [String])
        #expect(decoded == [text])
    }

    @Test func jsonWithoutTimestampStartsWithTheLevel() {
        let (log, collector, _) = logger(.json)
        log.info("stopped")
        #expect(collector.lines == ["{\"level\":\"info\",\"msg\":\"stopped\"}\n"])
    }

    @Test func levelNamesFollowTheConfiguration() {
        #expect(LoggingBootstrap.level(named: "warn") == .warning)
        #expect(LoggingBootstrap.level(named: "DEBUG") == .debug)
        #expect(LoggingBootstrap.level(named: "loud") == nil)
    }

    @Test func theJournalIsDetectedOnlyWhenItIsOurStandardError() {
        var info = stat()
        #expect(fstat(2, &info) == 0)
        #expect(LoggingBootstrap.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"]))
        #expect(!LoggingBootstrap.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino + 1)"]))
        #expect(!LoggingBootstrap.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "garbage"]))
        #expect(!LoggingBootstrap.standardErrorIsJournal(environment: [:]))
    }
}

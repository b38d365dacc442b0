#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// Sets up swift-log for the process: logfmt or JSON lines on standard error, at `log.level`.
///
/// Under systemd, when `$JOURNAL_STREAM` names the device and inode of our standard error (so the
/// lines really go to journald, not to a pipe a wrapper opened), the `ts=` timestamp is left out —
/// journald stamps every line with microsecond precision (`journalctl -o short-iso-precise`) — and
/// each line starts with the `<N>` syslog priority that journald turns into the entry's priority.
/// Anywhere else lines carry an RFC 3339 UTC `ts` and no prefix.
public enum LoggingBootstrap {
    /// The level every handler made by ``bootstrap(format:level:environment:)`` follows; change it to
    /// apply a reloaded `log.level`.
    public static let level = LogLevelControl(.info)

    /// Bootstraps swift-log (once per process; swift-log refuses a second time).
    /// - Parameters:
    ///   - format: `log.format`.
    ///   - level: `log.level`.
    ///   - environment: The process environment, for `JOURNAL_STREAM`.
    public static func bootstrap(
        format: SupportIntakeConfiguration.Log.Format, level: Logger.Level,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        Self.level.level = level
        let journal = standardErrorIsJournal(environment: environment)
        let output = LogOutput.standardError(prefixesPriority: journal)
        LoggingSystem.bootstrap { _ in
            makeHandler(format: format, level: Self.level, output: output, timestamps: !journal)
        }
    }

    /// A handler of the given format (for bootstrapping, or for tests with their own output).
    public static func makeHandler(
        format: SupportIntakeConfiguration.Log.Format, level: LogLevelControl, output: LogOutput, timestamps: Bool
    ) -> any LogHandler {
        switch format {
        case .logfmt: LogfmtLogHandler(level: level, output: output, timestamps: timestamps)
        case .json: JSONLogHandler(level: level, output: output, timestamps: timestamps)
        }
    }

    /// `log.level` text (`trace` … `critical`, `warn` for `warning`) as a swift-log level.
    public static func level(named name: String) -> Logger.Level? {
        let lowered = name.lowercased()
        return lowered == "warn" ? .warning : Logger.Level(rawValue: lowered)
    }

    /// True when `JOURNAL_STREAM` (`DEVICE:INODE`, set by systemd for a service whose output goes to
    /// the journal) matches file descriptor 2 — the check sd_journal_stream_fd(3) recommends.
    public static func standardErrorIsJournal(environment: [String: String]) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}

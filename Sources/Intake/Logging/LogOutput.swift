#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where log lines go: by default the process's standard error, one `write(2)` per line under a lock
/// so that lines from concurrent tasks never interleave.
///
/// Under systemd (`$JOURNAL_STREAM` names our stderr) each line starts with the syslog priority in
/// angle brackets (`<6>` for info, `<3>` for error), which journald strips and records as the
/// line's priority (`SyslogLevelPrefix=`, on by default), so `journalctl -p warning` works.
public struct LogOutput: Sendable {
    private let sink: @Sendable (String) -> Void

    /// Whether lines carry a `<N>` syslog priority prefix for journald.
    public let prefixesPriority: Bool

    /// An output calling `write` with each complete line, newline included.
    public init(prefixesPriority: Bool = false, write: @escaping @Sendable (String) -> Void) {
        self.sink = write
        self.prefixesPriority = prefixesPriority
    }

    /// Standard error, shared by every handler of the process.
    public static func standardError(prefixesPriority: Bool = false) -> LogOutput {
        LogOutput(prefixesPriority: prefixesPriority) { line in StandardErrorWriter.shared.writeLine(line) }
    }

    /// Writes one formatted line (without newline) for an event of the given syslog priority.
    func emit(_ line: String, syslogPriority: Int) {
        sink(prefixesPriority ? "<\(syslogPriority)>\(line)\n" : "\(line)\n")
    }
}

/// The one writer to file descriptor 2.
final class StandardErrorWriter: Sendable {
    static let shared = StandardErrorWriter()
    private let lock = Mutex(())

    func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        lock.withLock { _ in
            bytes.withUnsafeMutableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return  // stderr closed or full: a log line is not worth a crash or a hang
                    }
                    offset += written
                }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The service side of systemd's notify protocol (sd_notify(3)): newline-separated `KEY=VALUE`
/// assignments in one datagram to the unix socket named by `$NOTIFY_SOCKET` — a path, or an abstract
/// socket written with a leading `@`.
///
/// Everything is a no-op when `NOTIFY_SOCKET` is unset (not started by systemd, or `Type=` is not
/// `notify`), so callers never need to check. The daemon sends `READY=1` after its first successful
/// mailbox check, `STATUS=` lines, `WATCHDOG=1` every ``watchdogInterval``, `RELOADING=1` on SIGHUP
/// and `STOPPING=1` on shutdown.
public struct SystemdNotifier: Sendable {
    /// The socket address from `NOTIFY_SOCKET`, nil when notifications are off.
    public let socketPath: String?
    /// How often to send `WATCHDOG=1`: half of `WATCHDOG_USEC`, as sd_watchdog_enabled(3)
    /// recommends; nil when the watchdog is off or `WATCHDOG_PID` names another process.
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, processID: Int32 = getpid()) {
        let socket = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = socket
        var interval: Duration?
        if socket != nil, let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 {
            let pidMatches = environment["WATCHDOG_PID"].map { Int32($0) == processID } ?? true
            if pidMatches { interval = .microseconds(Int64(clamping: usec / 2)) }
        }
        watchdogInterval = interval
    }

    /// Whether notifications are sent at all.
    public var isEnabled: Bool { socketPath != nil }

    /// Sends raw assignments, in order, as one datagram. Newlines inside values become spaces
    /// (a newline would start another assignment).
    /// - Throws: ``SystemdNotifierError`` when the socket cannot be reached.
    public func send(_ assignments: [(key: String, value: String)]) throws(SystemdNotifierError) {
        guard let socketPath else { return }
        let text = assignments.map { "\($0.key)=\(Self.oneLine($0.value))" }.joined(separator: "\n")
        try Self.sendDatagram(Array(text.utf8), to: socketPath)
    }

    /// `READY=1`, with a `STATUS=` line when given. Returns whether it was delivered (or notifications
    /// are off).
    @discardableResult
    public func ready(status: String? = nil) -> Bool {
        deliver([("READY", "1")] + (status.map { [("STATUS", $0)] } ?? []))
    }

    /// `STATUS=…`: one line shown by `systemctl status`.
    @discardableResult
    public func status(_ text: String) -> Bool { deliver([("STATUS", text)]) }

    /// `WATCHDOG=1`: the service is alive.
    @discardableResult
    public func watchdog() -> Bool { deliver([("WATCHDOG", "1")]) }

    /// `RELOADING=1` with `MONOTONIC_USEC=` (required by `Type=notify-reload`); send ``ready(status:)``
    /// when the reload is done.
    @discardableResult
    public func reloading() -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        return deliver([("RELOADING", "1"), ("MONOTONIC_USEC", String(usec))])
    }

    /// `STOPPING=1`: shutdown has begun.
    @discardableResult
    public func stopping(status: String? = nil) -> Bool {
        deliver([("STOPPING", "1")] + (status.map { [("STATUS", $0)] } ?? []))
    }

    private func deliver(_ assignments: [(String, String)]) -> Bool {
        do {
            try send(assignments.map { (key: $0.0, value: $0.1) })
            return true
        } catch {
            return false
        }
    }

    private static func oneLine(_ value: String) -> String {
        String(value.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    /// One `sendto(2)` on a fresh `SOCK_DGRAM` unix socket, as sd_notify does.
    static func sendDatagram(_ payload: [UInt8], to path: String) throws(SystemdNotifierError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(path.utf8)
        let isAbstract = pathBytes.first == UInt8(ascii: "@")
        if isAbstract { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !pathBytes.isEmpty, pathBytes.count < capacity || (isAbstract && pathBytes.count <= capacity) else {
            throw SystemdNotifierError(operation: "address", errorNumber: 0,
                                       reason: "NOTIFY_SOCKET is empty or longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!
        // A path socket's length includes its terminating NUL; an abstract one's does not.
        let length = socklen_t(pathOffset + pathBytes.count + (isAbstract ? 0 : 1))

        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_DGRAM, 0)
        #endif
        guard fd >= 0 else { throw systemError("socket") }
        defer { close(fd) }
        let sent = payload.withUnsafeBytes { bytes in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        guard sent == payload.count else { throw systemError("sendto") }
    }

    private static func systemError(_ operation: String) -> SystemdNotifierError {
        let number = errno
        return SystemdNotifierError(operation: operation, errorNumber: number, reason: String(cString: strerror(number)))
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Intake

/// A real unix datagram socket standing in for systemd's notify socket.
final class NotifySocket: Sendable {
    let fd: Int32
    /// The `NOTIFY_SOCKET` value that reaches it.
    let name: String

    /// Binds a path socket in `directory`, or an abstract one when `directory` is nil.
    init(directory: String?) throws {
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes: [UInt8]
        if let directory {
            name = directory + "/notify.sock"
            bytes = Array(name.utf8)
        } else {
            let abstract = "support-intake-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            name = "@" + abstract
            bytes = [0] + Array(abstract.utf8)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let offset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!
        let length = socklen_t(offset + bytes.count + (directory == nil ? 0 : 1))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)  // a missing datagram fails the test, never hangs it
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Every datagram already queued, without waiting.
    func drain() -> [String] {
        var datagrams: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            guard count >= 0 else { return datagrams }
            datagrams.append(String(decoding: buffer[0..<count], as: UTF8.self))
        }
    }

    /// The next datagram as text, nil after the timeout (2 s unless changed).
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}

@Suite("SystemdNotifier")
struct SystemdNotifierTests {
    @Test func sendsEachNotificationToAPathSocket() throws {
        let directory = try TemporaryDirectory()
        let socket = try NotifySocket(directory: directory.path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name])
        #expect(notifier.isEnabled)

        #expect(notifier.ready(status: "polling INBOX"))
        #expect(socket.receive() == "READY=1\nSTATUS=polling INBOX")
        #expect(notifier.status("3 open tickets\nlast poll 00:01"))
        #expect(socket.receive() == "STATUS=3 open tickets last poll 00:01")
        #expect(notifier.watchdog())
        #expect(socket.receive() == "WATCHDOG=1")
        #expect(notifier.reloading())
        let reloading = try #require(socket.receive())
        #expect(reloading.wholeMatch(of: #/RELOADING=1\nMONOTONIC_USEC=\d+/#) != nil, "\(reloading)")
        #expect(notifier.stopping())
        #expect(socket.receive() == "STOPPING=1")
    }

    @Test func sendsToAnAbstractSocket() throws {
        let socket = try NotifySocket(directory: nil)
        #expect(socket.name.hasPrefix("@"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name])
        #expect(notifier.ready())
        #expect(socket.receive() == "READY=1")
    }

    @Test func isANoOpWithoutNotifySocket() throws {
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "1000000"])
        #expect(!notifier.isEnabled)
        #expect(notifier.watchdogInterval == nil)
        #expect(notifier.ready())
        #expect(notifier.watchdog())
        try notifier.send([(key: "READY", value: "1")])
    }

    @Test func aSocketNobodyListensOnIsReportedNotThrownAtTheCaller() throws {
        let directory = try TemporaryDirectory()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": directory.path + "/absent.sock"])
        #expect(!notifier.ready())
        #expect(throws: SystemdNotifierError.self) { try notifier.send([(key: "READY", value: "1")]) }
    }

    @Test func aTooLongSocketPathIsRefused() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 200)])
        do {
            try notifier.send([(key: "READY", value: "1")])
            Issue.record("sent to an impossible address")
        } catch {
            #expect(error.operation == "address")
        }
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsec() {
        let environment = ["NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "30000000"]
        #expect(SystemdNotifier(environment: environment).watchdogInterval == .seconds(15))
        #expect(SystemdNotifier(environment: environment.merging(["WATCHDOG_PID": "4242"]) { $1 }, processID: 4242)
            .watchdogInterval == .seconds(15))
        #expect(SystemdNotifier(environment: environment.merging(["WATCHDOG_PID": "4243"]) { $1 }, processID: 4242)
            .watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "0"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "soon"]).watchdogInterval == nil)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny line-based TCP server on 127.0.0.1 (ephemeral port) for the cases a real server can't
/// be asked to show: one that advertises no STARTTLS and records whether a password was sent in
/// clear text, or one that accepts connections and never answers. Serves one connection at a time
/// on its own thread until `stop()`, bounded by `lifetime` (long enough that a test delayed by a
/// loaded machine still finds it listening: a 30-second bound once expired before a busy test
/// connected, "connection refused after 0 ms").
final class ScriptedServer: @unchecked Sendable {
    /// Answers a received line (without CRLF) with text to send (CRLF included), or nil to stay
    /// silent.
    typealias Script = @Sendable (String) -> String?

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [String] = []
    private var stopped = false

    /// Lines the client sent so far.
    var lines: [String] { lock.withLock { received } }

    init(greeting: String?, lifetime: TimeInterval = 300, script: @escaping Script) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw TestFailure("socket() failed") }
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 8) == 0 else { close(listener); throw TestFailure("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        let deadline = Date().addingTimeInterval(lifetime)
        let thread = Thread { [self] in serve(greeting: greeting, script: script, until: deadline) }
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func serve(greeting: String?, script: Script, until deadline: Date) {
        defer { close(listener) }
        while !isStopped, Date() < deadline {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            if let greeting { _ = greeting.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            connection: while !isStopped, Date() < deadline {
                var readable = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
                guard poll(&readable, 1, 100) > 0 else { continue }
                let count = recv(client, &buffer, buffer.count, 0)
                guard count > 0 else { break }
                pending += buffer[0..<count]
                while let newline = pending.firstIndex(of: 0x0A) {
                    var line = Array(pending[..<newline])
                    pending.removeSubrange(...newline)
                    if line.last == 0x0D { line.removeLast() }
                    let text = String(decoding: line, as: UTF8.self)
                    lock.withLock { received.append(text) }
                    if let reply = script(text) {
                        _ = reply.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                        if reply.contains("BYE") { break connection }
                    }
                }
            }
            close(client)
        }
    }
}

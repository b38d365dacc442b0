import CCurl
import Foundation
import MailCore
import Testing
@testable import MailTransport

extension MailBed {
    /// Prints messages/second fetched on one connection: ``CurlIMAPClient``'s batched
    /// `UID FETCH … BODY.PEEK[]` against libcurl's own URL fetch (`…/;UID=n`, one round trip per
    /// message on a reused handle) as the peer, measured in the same run on the same folder. Asserts
    /// correctness only, never timing. Run alone for a clean figure:
    /// `swift test --filter FetchRateBenchmark` (`MAILTRANSPORT_BENCH_MESSAGES`, default 500).
    @Suite struct FetchRateBenchmark {
        let env = MailEnv.current!

        final class Sink {
            var bytes: [UInt8] = []
        }

        @Test func messagesPerSecondOnOneConnection() async throws {
            let count = Int(ProcessInfo.processInfo.environment["MAILTRANSPORT_BENCH_MESSAGES"] ?? "") ?? 500
            let folder = MailboxName(TestMessage.unique("bench"))
            let loader = env.client(try env.imaps())
            let loadClock = ContinuousClock()
            let loadStarted = loadClock.now
            let messages = (0..<count).map { TestMessage.sized(subject: "bench \($0) \(folder)", size: 5_000) }
            let total = messages.reduce(0) { $0 + $1.count }
            try await loader.append(contentsOf: messages, to: folder)
            await loader.close()
            let loadSeconds = Self.seconds(loadClock.now - loadStarted)

            let client = env.client(try env.imaps(folder))
            defer { Task { await client.close() } }
            let status = try await client.status()
            let uids = try await client.uids(after: UID(0), expecting: status.uidValidity)
            #expect(uids.count == count)

            var results: [String] = []
            for batch in [50, 500] {
                let clock = ContinuousClock()
                let started = clock.now
                var fetched = 0
                var bytes = 0
                for start in stride(from: 0, to: uids.count, by: batch) {
                    let messages = try await client.fetch(Array(uids[start..<min(start + batch, uids.count)]),
                                                          expecting: status.uidValidity, maxBytes: 1 << 20)
                    fetched += messages.count
                    bytes += messages.reduce(0) { $0 + $1.raw.count }
                }
                let seconds = Self.seconds(clock.now - started)
                #expect(fetched == count)
                #expect(bytes == total)
                results.append(String(format: "CurlIMAPClient batch %3d: %5d msgs in %.3f s = %7.0f msg/s (%.1f MB/s)",
                                      batch, fetched, seconds, Double(fetched) / seconds, Double(bytes) / seconds / 1e6))
            }

            // Peer: libcurl's URL-driven fetch, one message per perform on one reused handle.
            let easy = try CurlEasy()
            let sink = Sink()
            try easy.set(CURLOPT_USERNAME, env.supportUser)
            try easy.set(CURLOPT_PASSWORD, env.supportPassword)
            try easy.set(CURLOPT_CAINFO, env.ca)
            try easy.set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(sink).toOpaque())
            try easy.set(CURLOPT_WRITEFUNCTION, callback: { pointer, size, items, context in
                let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: size * items))
                return size * items
            })
            let base = "imaps://\(env.host):\(env["IMAPS_PORT"])/\(IMAPEndpoint.percentEncode(folder.rawValue))"
            let clock = ContinuousClock()
            let started = clock.now
            var peerBytes = 0
            for uid in uids {
                sink.bytes.removeAll(keepingCapacity: true)
                try easy.set(CURLOPT_URL, "\(base)/;UID=\(uid)")
                let code = withExtendedLifetime(sink) { easy.perform(cancellation: nil) }
                #expect(code == CURLE_OK)
                peerBytes += sink.bytes.count
            }
            let peerSeconds = Self.seconds(clock.now - started)
            #expect(peerBytes == total)
            results.append(String(format: "libcurl URL fetch (peer):  %5d msgs in %.3f s = %7.0f msg/s", uids.count, peerSeconds,
                                  Double(uids.count) / peerSeconds))
            print("FETCH RATE (\(count) messages of ~5 KB, one connection, Dovecot on loopback, libcurl \(CurlGlobal.version))")
            print(String(format: "  (loaded with IMAP MULTIAPPEND in %.2f s = %.0f msg/s)", loadSeconds, Double(count) / loadSeconds))
            for line in results { print("  " + line) }

            let cleanup = env.client(try env.imaps())
            try await cleanup.deleteMailbox(folder)
            await cleanup.close()
        }

        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}

import Foundation
import MailCore
import Testing
@testable import MailTransport

extension MailBed {
    /// The IMAP client against the bed's real Dovecot. Each test works in its own folder of the
    /// support mailbox, so the tests can run in parallel.
    @Suite struct IMAPIntegrationTests {
        let env = MailEnv.current!

        /// A fresh folder with the given messages appended; returns the client on it and the status.
        func folder(_ label: String, messages: [[UInt8]]) async throws -> (CurlIMAPClient, MailboxStatus, MailboxName) {
            let name = MailboxName(TestMessage.unique(label))
            let setup = env.client(try env.imaps())
            for message in messages { try await setup.append(message, to: name) }
            if messages.isEmpty { try await setup.createMailbox(name) }
            await setup.close()
            let client = env.client(try env.imaps(name))
            return (client, try await client.status(), name)
        }

        @Test func fetchedBytesEqualWhatWasDelivered() async throws {
            let plain = TestMessage.make(subject: TestMessage.unique("plain"))
            let hostile = TestMessage.hostile(subject: TestMessage.unique("hostile"))
            let (client, status, _) = try await folder("exact", messages: [plain, hostile])
            defer { Task { await client.close() } }
            #expect(status.messageCount == 2)
            let uids = try await client.uids(after: UID(0), expecting: status.uidValidity)
            #expect(uids.count == 2)
            let fetched = try await client.fetch(uids, expecting: status.uidValidity, maxBytes: 1 << 20)
            #expect(fetched.map(\.raw) == [plain, hostile])
            #expect(fetched.map(\.size) == [plain.count, hostile.count])
            for message in fetched {
                #expect(abs(message.internalDate.timeIntervalSinceNow) < 600)
            }
        }

        @Test func deliveredIntoInboxByTheBedIsFetchedByteExact() async throws {
            let user = "elena@example.test"
            let subject = TestMessage.unique("deliver")
            let raw = TestMessage.hostile(subject: subject)
            try env.deliver(raw, to: user)
            let client = env.client(try env.imaps(user: user, password: env.customerPassword))
            defer { Task { await client.close() } }
            let status = try await client.status()
            let uids = try await client.uids(after: UID(0), expecting: status.uidValidity)
            let fetched = try await client.fetch(uids, expecting: status.uidValidity, maxBytes: 1 << 20)
            let match = fetched.first { String(decoding: $0.raw, as: UTF8.self).contains(subject) }
            #expect(match?.raw == raw)
        }

        @Test func cursorReturnsOnlyNewUIDs() async throws {
            let (client, status, name) = try await folder("cursor", messages: (0..<3).map { _ in TestMessage.make(subject: TestMessage.unique("c")) })
            defer { Task { await client.close() } }
            let first = try await client.uids(after: UID(0), expecting: status.uidValidity)
            #expect(first.count == 3)
            #expect(first == first.sorted())
            let last = try #require(first.last)
            // n:* matches the last message even above it: must be filtered.
            #expect(try await client.uids(after: last, expecting: status.uidValidity).isEmpty)
            // Mail arriving while the folder is selected (appended by another session).
            let other = env.client(try env.imaps())
            try await other.append(TestMessage.make(subject: TestMessage.unique("c4")), to: name)
            try await other.append(TestMessage.make(subject: TestMessage.unique("c5")), to: name)
            await other.close()
            let next = try await client.uids(after: last, expecting: status.uidValidity)
            #expect(next.count == 2)
            #expect(next.allSatisfy { $0 > last })
            #expect(try await client.uids(after: UID(UInt32.max), expecting: status.uidValidity).isEmpty)
        }

        @Test func fetchLeavesSeenUnsetAndAddFlagSetsIt() async throws {
            let (client, status, _) = try await folder("seen", messages: [TestMessage.make(subject: TestMessage.unique("s"))])
            defer { Task { await client.close() } }
            let uid = try #require(try await client.uids(after: UID(0), expecting: status.uidValidity).first)
            _ = try await client.fetch([uid], expecting: status.uidValidity, maxBytes: 1 << 20)
            let before = try #require(try await client.flags(of: uid, expecting: status.uidValidity))
            #expect(!before.contains("\\Seen"))
            try await client.addFlag("\\Seen", to: uid, expecting: status.uidValidity)
            try await client.addFlag("$Ticketed", to: uid, expecting: status.uidValidity)
            let after = try #require(try await client.flags(of: uid, expecting: status.uidValidity))
            #expect(after.contains("\\Seen"))
            #expect(after.contains("$Ticketed"))
            await #expect(throws: TransportError.self) {
                try await client.addFlag("bad flag)", to: uid, expecting: status.uidValidity)
            }
        }

        @Test func oversizedMessagesComeBackWithoutBody() async throws {
            let small = TestMessage.make(subject: TestMessage.unique("small"))
            let big = TestMessage.sized(subject: TestMessage.unique("big"), size: 40_000)
            let (client, status, _) = try await folder("size", messages: [small, big])
            defer { Task { await client.close() } }
            let uids = try await client.uids(after: UID(0), expecting: status.uidValidity)
            let fetched = try await client.fetch(uids, expecting: status.uidValidity, maxBytes: 10_000)
            #expect(fetched.count == 2)
            #expect(fetched[0].raw == small)
            #expect(fetched[1].raw.isEmpty)
            #expect(fetched[1].size == big.count)
        }

        @Test(arguments: [false, true])
        func moveToAFolderCreatedIfMissing(withoutMoveCapability: Bool) async throws {
            let (_, _, name) = try await folder("move", messages: [TestMessage.make(subject: TestMessage.unique("m"))])
            var endpoint = try env.imaps(name)
            if withoutMoveCapability { endpoint.ignoredCapabilities = ["MOVE"] }
            let client = env.client(endpoint)
            defer { Task { await client.close() } }
            let status = try await client.status()
            let uid = try #require(try await client.uids(after: UID(0), expecting: status.uidValidity).first)
            let target = MailboxName("\(name.rawValue)-Processed ✓")
            try await client.move(uid, to: target, expecting: status.uidValidity)
            #expect(try await client.status().messageCount == 0)
            #expect(try await client.uids(after: UID(0), expecting: status.uidValidity).isEmpty)
            let moved = env.client(try env.imaps(target))
            defer { Task { await moved.close() } }
            #expect(try await moved.status().messageCount == 1)
        }

        @Test func recreatedMailboxIsReportedAsUIDValidityChanged() async throws {
            let (client, status, name) = try await folder("uidv", messages: [TestMessage.make(subject: TestMessage.unique("u"))])
            defer { Task { await client.close() } }
            #expect(try await client.uids(after: UID(0), expecting: status.uidValidity).count == 1)
            let admin = env.client(try env.imaps())
            try await admin.deleteMailbox(name)
            try await admin.append(TestMessage.make(subject: TestMessage.unique("u2")), to: name)
            await admin.close()
            // The client that had the old mailbox selected notices on its next call (Dovecot drops
            // its session; it reconnects and SELECTs again).
            do {
                _ = try await client.uids(after: UID(0), expecting: status.uidValidity)
                Issue.record("expected .uidValidityChanged on the open session")
            } catch {
                #expect(error.code == .uidValidityChanged, "\(error)")
            }
            let again = env.client(try env.imaps(name))
            defer { Task { await again.close() } }
            let fresh = try await again.status()
            #expect(fresh.uidValidity != status.uidValidity)
            do {
                _ = try await again.uids(after: UID(0), expecting: status.uidValidity)
                Issue.record("expected .uidValidityChanged")
            } catch {
                #expect(error.code == .uidValidityChanged)
                #expect(!error.isRetryable)
            }
            await #expect(throws: TransportError.self) {
                _ = try await again.fetch([UID(1)], expecting: status.uidValidity, maxBytes: 1000)
            }
            #expect(try await again.uids(after: UID(0), expecting: fresh.uidValidity).count == 1)
        }

        @Test(arguments: [false, true])
        func waitForChangeWakesOnDelivery(withoutIdle: Bool) async throws {
            let (_, _, name) = try await folder("idle", messages: [])
            var endpoint = try env.imaps(name)
            if withoutIdle {
                endpoint.ignoredCapabilities = ["IDLE"]
                endpoint.noopInterval = .milliseconds(300)
            }
            let client = env.client(endpoint)
            defer { Task { await client.close() } }
            let status = try await client.status()
            #expect(try await client.uids(after: UID(0), expecting: status.uidValidity).isEmpty)
            // Nothing happens: times out with false.
            #expect(try await client.waitForChange(timeout: .milliseconds(600)) == false)
            let env = self.env
            let delivery = Task {
                try await Task.sleep(for: .milliseconds(700))
                try env.deliver(TestMessage.make(subject: TestMessage.unique("wake")), to: env.supportUser, mailbox: name)
            }
            let started = ContinuousClock.now
            let changed = try await client.waitForChange(timeout: .seconds(30))
            try await delivery.value
            #expect(changed)
            #expect(ContinuousClock.now - started < .seconds(25))
            #expect(try await client.uids(after: UID(0), expecting: status.uidValidity).count == 1)
        }

        @Test func waitForChangeIsCancellable() async throws {
            let (_, _, name) = try await folder("cancel", messages: [])
            let client = env.client(try env.imaps(name))
            defer { Task { await client.close() } }
            _ = try await client.status()
            let waiting = Task { try await client.waitForChange(timeout: .seconds(60)) }
            try await Task.sleep(for: .milliseconds(500))
            waiting.cancel()
            let result = await waiting.result
            guard case .failure(let error) = result, let transport = error as? TransportError else {
                Issue.record("expected a cancellation error, got \(result)")
                return
            }
            #expect(transport.code == .cancelled)
            // The client is usable afterwards.
            #expect(try await client.status().messageCount == 0)
        }

        @Test func closeEndsAWaitInProgress() async throws {
            let (_, _, name) = try await folder("closeidle", messages: [])
            let client = env.client(try env.imaps(name))
            _ = try await client.status()
            let waiting = Task { try await client.waitForChange(timeout: .seconds(120)) }
            try await Task.sleep(for: .milliseconds(500))
            let started = ContinuousClock.now
            await client.close()
            #expect(ContinuousClock.now - started < .seconds(10))
            let result = await waiting.result
            guard case .failure(let error) = result else { Issue.record("expected a failure, got \(result)"); return }
            #expect((error as? TransportError)?.code == .cancelled)
            await #expect(throws: TransportError.self) { _ = try await client.status() }
        }

        @Test func startTLSLoginAndCheck() async throws {
            let client = env.client(try env.imapStartTLS())
            defer { Task { await client.close() } }
            let check = try await client.checkLogin()
            #expect(check.status.mailbox == .inbox)
            #expect(check.capabilities.contains("IDLE"))
        }

        @Test func reconnectsAfterTheServerDropsTheConnection() async throws {
            // Its own user: kicking every session of the support user would break the parallel tests.
            let user = "dave@example.test"
            try env.deliver(TestMessage.make(subject: TestMessage.unique("d")), to: user)
            let client = env.client(try env.imaps(user: user, password: env.customerPassword))
            defer { Task { await client.close() } }
            let status = try await client.status()
            let before = try await client.uids(after: UID(0), expecting: status.uidValidity)
            #expect(!before.isEmpty)
            let kicked = try env.mailenv(["doveadm", "kick", user])
            #expect(kicked.status == 0, "\(kicked.output)")
            try await Task.sleep(for: .milliseconds(300))
            // Other suites may deliver to this user meanwhile: the UIDs seen before must all still be
            // listed, in order, on the new connection.
            let after = try await client.uids(after: UID(0), expecting: status.uidValidity)
            #expect(Array(after.prefix(before.count)) == before)
        }
    }
}

import Foundation
import MailCore
import Testing
@testable import MailTransport

extension MailBed {
    /// The same transport over the IPv6 loopback: a mail submitted to Postfix on `[::1]` is read
    /// back byte for byte from Dovecot on `[::1]`. The bed listens there when `::1` can be bound
    /// (`LOOPBACK6=::1` in its env); CI's machines can, so there it always runs.
    @Suite(.enabled(if: MailEnv.current?.values["LOOPBACK6"] == "::1", "the bed does not listen on ::1 (no IPv6 loopback here)"))
    struct IPv6LoopbackTests {
        let env = MailEnv.current!

        @Test func submitAndFetchOverIPv6() async throws {
            let subject = TestMessage.unique("ipv6")
            let message = TestMessage.make(subject: subject, from: env.supportUser, to: "ana@example.test")
            let smtp = try SMTPEndpoint(url: "smtp://[::1]:\(env["SMTP_PORT"])", username: env.supportUser,
                                        credential: .password(env.supportPassword), caFile: env.ca,
                                        connectTimeout: .seconds(10), stallTimeout: .seconds(20))
            let sender = env.sender(smtp)
            defer { Task { await sender.close() } }
            let result = try await sender.send(message, envelope: Envelope(sender: env.supportUser, recipients: ["ana@example.test"]))
            #expect(result.recipients == ["ana@example.test": .accepted])

            let imap = try IMAPEndpoint(url: "imaps://[::1]:\(env["IMAPS_PORT"])/INBOX", username: "ana@example.test",
                                        credential: .password(env.customerPassword), caFile: env.ca,
                                        connectTimeout: .seconds(10), stallTimeout: .seconds(20))
            let client = env.client(imap)
            defer { Task { await client.close() } }
            let status = try await client.status()
            let deadline = ContinuousClock.now + .seconds(30)
            var found: FetchedMessage?
            var cursor = UID(0)
            while found == nil && ContinuousClock.now < deadline {
                let uids = try await client.uids(after: cursor, expecting: status.uidValidity)
                found = try await client.fetch(uids, expecting: status.uidValidity, maxBytes: 1 << 22)
                    .first { String(decoding: $0.raw, as: UTF8.self).contains(subject) }
                cursor = uids.last ?? cursor
                if found == nil { _ = try await client.waitForChange(timeout: .seconds(2)) }
            }
            let received = try #require(found, "the mail sent over [::1] did not arrive within 30 s")
            #expect(Array(received.raw.suffix(message.count)) == message)
        }
    }
}

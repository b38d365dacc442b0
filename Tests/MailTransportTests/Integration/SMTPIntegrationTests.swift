import Foundation
import MailCore
import Testing
@testable import MailTransport

extension MailBed {
    /// The SMTP sender against the bed's real Postfix, reading the mail back from Dovecot.
    @Suite struct SMTPIntegrationTests {
        let env = MailEnv.current!

        @Test(arguments: [false, true])
        func sentMailIsReadBackFromTheCustomersMailbox(implicitTLS: Bool) async throws {
            let subject = TestMessage.unique("smtp")
            let message = TestMessage.make(subject: subject, from: env.supportUser, to: "ana@example.test",
                                           body: ["Olá Ana,", ".leading dot line", "", "Suporte"])
            let sender = env.sender(try env.smtp(implicitTLS: implicitTLS))
            defer { Task { await sender.close() } }
            let result = try await sender.send(message, envelope: Envelope(sender: env.supportUser, recipients: ["ana@example.test"]))
            #expect(result.replyCode == 250)
            #expect(result.recipients == ["ana@example.test": .accepted])
            let received = try #require(try await env.awaitMessage(containing: subject, user: "ana@example.test"))
            let text = String(decoding: received.raw, as: UTF8.self)
            // Postfix prepends Return-Path/Received; the submitted bytes follow unchanged (dot-stuffing undone).
            #expect(received.raw.count >= message.count)
            #expect(Array(received.raw.suffix(message.count)) == message)
            #expect(text.contains("\r\n.leading dot line\r\n"))
        }

        @Test func oneConnectionServesABatch() async throws {
            let sender = env.sender(try env.smtp())
            defer { Task { await sender.close() } }
            var subjects: [String] = []
            for _ in 0..<3 {
                let subject = TestMessage.unique("batch")
                subjects.append(subject)
                let result = try await sender.send(TestMessage.make(subject: subject, from: env.supportUser, to: "bruno@example.test"),
                                                   envelope: Envelope(sender: env.supportUser, recipients: ["bruno@example.test"]))
                #expect(result.replyCode == 250)
            }
            #expect(try await sender.connectionsOpened() == 1)
            for subject in subjects {
                #expect(try await env.awaitMessage(containing: subject, user: "bruno@example.test") != nil)
            }
        }

        @Test func perRecipientOutcomes() async throws {
            let sender = env.sender(try env.smtp())
            defer { Task { await sender.close() } }
            let unknown = env["SMTP_UNKNOWN_RCPT"], busy = env["SMTP_TEMPFAIL_RCPT"], foreign = env["SMTP_FOREIGN_RCPT"]
            let subject = TestMessage.unique("mixed")
            let result = try await sender.send(
                TestMessage.make(subject: subject, from: env.supportUser, to: "carla@example.test"),
                envelope: Envelope(sender: env.supportUser, recipients: ["carla@example.test", unknown, busy, foreign]))
            #expect(result.replyCode == 250)
            #expect(result.recipients["carla@example.test"] == .accepted)
            guard case .rejectedPermanently(let code)? = result.recipients[unknown] else {
                Issue.record("unknown user: \(String(describing: result.recipients[unknown]))"); return
            }
            #expect((500..<600).contains(code))
            guard case .rejectedTemporarily(let busyCode)? = result.recipients[busy] else {
                Issue.record("busy user: \(String(describing: result.recipients[busy]))"); return
            }
            #expect((400..<500).contains(busyCode))
            guard case .rejectedPermanently? = result.recipients[foreign] else {
                Issue.record("foreign domain: \(String(describing: result.recipients[foreign]))"); return
            }
            #expect(try await env.awaitMessage(containing: subject, user: "carla@example.test") != nil)
        }

        @Test func aRecipientWeDoNotRelayToIsRejectedPermanently() async throws {
            let sender = env.sender(try env.smtp())
            defer { Task { await sender.close() } }
            do {
                _ = try await sender.send(TestMessage.make(subject: TestMessage.unique("relay")),
                                          envelope: Envelope(sender: env.supportUser, recipients: [env["SMTP_FOREIGN_RCPT"]]))
                Issue.record("expected a refusal")
            } catch {
                #expect(error.code == .rejectedPermanently)
                #expect(!error.isRetryable)
                #expect((500..<600).contains(error.replyCode ?? 0))
            }
            // The connection is usable for the next message.
            let ok = try await sender.send(TestMessage.make(subject: TestMessage.unique("after")),
                                           envelope: Envelope(sender: env.supportUser, recipients: ["dave@example.test"]))
            #expect(ok.replyCode == 250)
        }

        @Test func aBusyRecipientIsRejectedTemporarily() async throws {
            let sender = env.sender(try env.smtp())
            defer { Task { await sender.close() } }
            do {
                _ = try await sender.send(TestMessage.make(subject: TestMessage.unique("busy")),
                                          envelope: Envelope(sender: env.supportUser, recipients: [env["SMTP_TEMPFAIL_RCPT"]]))
                Issue.record("expected a refusal")
            } catch {
                #expect(error.code == .rejectedTemporarily)
                #expect(error.isRetryable)
            }
        }

        @Test func badEnvelopeIsRefusedBeforeConnecting() async throws {
            let sender = env.sender(try env.smtp())
            defer { Task { await sender.close() } }
            await #expect(throws: TransportError.self) {
                _ = try await sender.send([0x41], envelope: Envelope(sender: env.supportUser, recipients: ["a@b>\r\nRCPT TO:<x@y"]))
            }
            await #expect(throws: TransportError.self) {
                _ = try await sender.send([0x41], envelope: Envelope(sender: env.supportUser, recipients: []))
            }
        }

        @Test func verifyReportsGreetingAndAuthentication() async throws {
            let sender = env.sender(try env.smtp())
            defer { Task { await sender.close() } }
            let check = try await sender.verify()
            #expect(!check.greeting.isEmpty)
            #expect(check.authenticated)
            #expect(check.extensions.contains { $0.uppercased().hasPrefix("AUTH") })
        }
    }
}

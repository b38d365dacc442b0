import Foundation
import MailCore
import Testing
@testable import MailTransport

extension MailBed {
    /// Failures an operator meets, against the bed and against scripted servers: each one must come
    /// back as the right ``TransportError`` code, with the right retryability, within its timeout.
    @Suite struct FailureIntegrationTests {
        let env = MailEnv.current!

        /// A CA that did not sign the bed's certificate: the system bundle.
        static let foreignCA = "/etc/ssl/certs/ca-certificates.crt"

        func expectFailure(_ code: TransportError.Code, retryable: Bool, within bound: Duration = .seconds(20),
                           _ body: () async throws -> Void) async -> TransportError? {
            let started = ContinuousClock.now
            do {
                try await body()
                Issue.record("expected \(code), but the call succeeded")
                return nil
            } catch let error as TransportError {
                #expect(error.code == code, "\(error)")
                #expect(error.isRetryable == retryable, "\(error)")
                #expect(ContinuousClock.now - started < bound, "took \(ContinuousClock.now - started)")
                return error
            } catch {
                Issue.record("unexpected error \(error)")
                return nil
            }
        }

        @Test func wrongCAIsATLSFailureNotRetryable() async throws {
            var endpoint = try env.imaps()
            endpoint.caFile = Self.foreignCA
            let client = env.client(endpoint)
            defer { Task { await client.close() } }
            _ = await expectFailure(.tlsFailure, retryable: false) { _ = try await client.status() }

            var smtp = try env.smtp()
            smtp.caFile = Self.foreignCA
            let sender = env.sender(smtp)
            defer { Task { await sender.close() } }
            _ = await expectFailure(.tlsFailure, retryable: false) { _ = try await sender.verify() }
        }

        @Test func wrongPasswordIsAnAuthenticationFailure() async throws {
            let password = "wrong-\(UUID().uuidString)"
            let client = env.client(try env.imaps(password: password))
            defer { Task { await client.close() } }
            let error = await expectFailure(.authenticationFailed, retryable: false) { _ = try await client.status() }
            #expect(error.map { !$0.description.contains(password) } ?? true)

            let sender = env.sender(try env.smtp(password: password))
            defer { Task { await sender.close() } }
            let smtpError = await expectFailure(.authenticationFailed, retryable: false) {
                _ = try await sender.send(TestMessage.make(subject: "x"), envelope: Envelope(sender: env.supportUser, recipients: ["ana@example.test"]))
            }
            #expect(smtpError.map { !$0.description.contains(password) } ?? true)
        }

        @Test func missingMailboxIsReported() async throws {
            let client = env.client(try env.imaps(MailboxName("NoSuchFolder-\(UUID().uuidString)")))
            defer { Task { await client.close() } }
            _ = await expectFailure(.mailboxNotFound, retryable: false) { _ = try await client.status() }
            _ = await expectFailure(.mailboxNotFound, retryable: false) {
                _ = try await client.uids(after: UID(0), expecting: UIDValidity(1))
            }
        }

        @Test func deadPortIsAConnectionFailureWithinTheTimeout() async throws {
            let imap = try IMAPEndpoint(url: "imaps://127.0.0.1:\(env["IMAP_DEAD_PORT"])/INBOX", username: env.supportUser,
                                        credential: .password(env.supportPassword), caFile: env.ca,
                                        connectTimeout: .seconds(3), stallTimeout: .seconds(3))
            let client = env.client(imap)
            defer { Task { await client.close() } }
            _ = await expectFailure(.connectionFailed, retryable: true, within: .seconds(10)) { _ = try await client.status() }

            let smtp = try SMTPEndpoint(url: "smtp://127.0.0.1:\(env["SMTP_DEAD_PORT"])", username: env.supportUser,
                                        credential: .password(env.supportPassword), caFile: env.ca,
                                        connectTimeout: .seconds(3), stallTimeout: .seconds(3))
            let sender = env.sender(smtp)
            defer { Task { await sender.close() } }
            _ = await expectFailure(.connectionFailed, retryable: true, within: .seconds(10)) {
                _ = try await sender.send(TestMessage.make(subject: "x"), envelope: Envelope(sender: env.supportUser, recipients: ["ana@example.test"]))
            }
        }

        @Test func silentServerTimesOutWithinTheStallTimeout() async throws {
            let server = try ScriptedServer(greeting: nil) { _ in nil }
            defer { server.stop() }
            let imap = try IMAPEndpoint(url: "imap://127.0.0.1:\(server.port)/INBOX", username: "u", credential: .password("p"),
                                        connectTimeout: .seconds(2), stallTimeout: .seconds(2))
            let client = env.client(imap)
            defer { Task { await client.close() } }
            _ = await expectFailure(.timedOut, retryable: true, within: .seconds(10)) { _ = try await client.status() }

            let smtp = try SMTPEndpoint(url: "smtp://127.0.0.1:\(server.port)", username: "u", credential: .password("p"),
                                        connectTimeout: .seconds(2), stallTimeout: .seconds(2))
            let sender = env.sender(smtp)
            defer { Task { await sender.close() } }
            _ = await expectFailure(.timedOut, retryable: true, within: .seconds(10)) {
                _ = try await sender.send(TestMessage.make(subject: "x"), envelope: Envelope(sender: "a@b.test", recipients: ["c@d.test"]))
            }
        }

        @Test func tlsHandshakeAgainstASilentPortTimesOut() async throws {
            let stall = try #require(env.values["STALL_PORT"], "the bed has no STALL_PORT")
            let imap = try IMAPEndpoint(url: "imaps://127.0.0.1:\(stall)/INBOX", username: env.supportUser,
                                        credential: .password(env.supportPassword), caFile: env.ca,
                                        connectTimeout: .seconds(2), stallTimeout: .seconds(2))
            let client = env.client(imap)
            defer { Task { await client.close() } }
            _ = await expectFailure(.timedOut, retryable: true, within: .seconds(10)) { _ = try await client.status() }
            let smtp = try SMTPEndpoint(url: "smtps://127.0.0.1:\(stall)", username: env.supportUser,
                                        credential: .password(env.supportPassword), caFile: env.ca,
                                        connectTimeout: .seconds(2), stallTimeout: .seconds(2))
            let sender = env.sender(smtp)
            defer { Task { await sender.close() } }
            _ = await expectFailure(.timedOut, retryable: true, within: .seconds(10)) { _ = try await sender.verify() }
        }

        @Test func aServerThatStallsMidSessionTimesOut() async throws {
            // Logs in (allowInsecure on a scripted server), then never answers SELECT.
            let server = try ScriptedServer(greeting: "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n") { line in
                let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
                guard parts.count >= 2 else { return nil }
                switch parts[1].uppercased() {
                case "CAPABILITY": return "* CAPABILITY IMAP4rev1 IDLE\r\n\(parts[0]) OK done\r\n"
                case "LOGIN", "AUTHENTICATE": return "\(parts[0]) OK logged in\r\n"
                default: return nil
                }
            }
            defer { server.stop() }
            var imap = try IMAPEndpoint(url: "imap://127.0.0.1:\(server.port)/INBOX", username: "u", credential: .password("p"),
                                        allowInsecure: true, connectTimeout: .seconds(2), stallTimeout: .seconds(2))
            imap.noopInterval = .seconds(1)
            let client = env.client(imap)
            defer { Task { await client.close() } }
            _ = await expectFailure(.timedOut, retryable: true, within: .seconds(10)) {
                _ = try await client.uids(after: UID(0), expecting: UIDValidity(1))
            }
            // close() on a dead server returns within its bound too.
            let started = ContinuousClock.now
            await client.close()
            #expect(ContinuousClock.now - started < .seconds(10))
        }

        @Test func noStartTLSWhileRequiredRefusesWithoutLoggingIn() async throws {
            // The bed's Dovecot without TLS.
            let plain = try IMAPEndpoint(url: "imap://127.0.0.1:\(env["IMAP_PLAIN_PORT"])/INBOX", username: env.supportUser,
                                         credential: .password(env.supportPassword), caFile: env.ca,
                                         connectTimeout: .seconds(5), stallTimeout: .seconds(5))
            let client = env.client(plain)
            defer { Task { await client.close() } }
            _ = await expectFailure(.tlsFailure, retryable: false) { _ = try await client.status() }

            // A scripted server shows what the client sent: no LOGIN/AUTHENTICATE, no password.
            let secret = "cleartext-\(UUID().uuidString)"
            let server = try ScriptedServer(greeting: "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n") { line in
                let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
                guard parts.count >= 2 else { return nil }
                switch parts[1].uppercased() {
                case "CAPABILITY": return "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n\(parts[0]) OK done\r\n"
                case "STARTTLS": return "\(parts[0]) BAD no TLS here\r\n"
                case "LOGOUT": return "* BYE\r\n\(parts[0]) OK bye\r\n"
                default: return "\(parts[0]) OK fine\r\n"
                }
            }
            defer { server.stop() }
            let scripted = try IMAPEndpoint(url: "imap://127.0.0.1:\(server.port)/INBOX", username: "support",
                                            credential: .password(secret), connectTimeout: .seconds(5), stallTimeout: .seconds(5))
            let victim = env.client(scripted)
            defer { Task { await victim.close() } }
            _ = await expectFailure(.tlsFailure, retryable: false) { _ = try await victim.status() }
            let sent = server.lines
            #expect(!sent.isEmpty)
            #expect(!sent.contains { $0.uppercased().contains("LOGIN") || $0.uppercased().contains("AUTHENTICATE") }, "\(sent)")
            #expect(!sent.joined().contains(secret))
            let encoded = Data("\0support\0\(secret)".utf8).base64EncodedString()
            #expect(!sent.joined().contains(encoded))

            // SMTP: the bed's plain listener has no STARTTLS.
            let smtp = try SMTPEndpoint(url: "smtp://127.0.0.1:\(env["SMTP_PLAIN_PORT"])", username: env.supportUser,
                                        credential: .password(env.supportPassword), caFile: env.ca,
                                        connectTimeout: .seconds(5), stallTimeout: .seconds(5))
            let sender = env.sender(smtp)
            defer { Task { await sender.close() } }
            _ = await expectFailure(.tlsFailure, retryable: false) {
                _ = try await sender.send(TestMessage.make(subject: "x"), envelope: Envelope(sender: env.supportUser, recipients: ["ana@example.test"]))
            }
        }

        @Test func configurationErrorsNameTheKey() throws {
            #expect(throws: TransportError.self) {
                _ = try IMAPEndpoint(url: "http://host/INBOX", username: "u", credential: .password("p"))
            }
            #expect(throws: TransportError.self) {
                _ = try IMAPEndpoint(url: "imaps://u:secret@host/INBOX", username: "u", credential: .password("p"))
            }
            #expect(throws: TransportError.self) {
                _ = try SMTPEndpoint(url: "ftp://host", username: nil, credential: nil)
            }
            let endpoint = try IMAPEndpoint(url: "imaps://[::1]:9993/Support%20Queue", username: "u", credential: .password("p"))
            #expect(endpoint.mailbox == MailboxName("Support Queue"))
            #expect(endpoint.port == 9993)
            #expect(endpoint.connectURL == "imaps://[::1]:9993/")
            #expect(!String(describing: endpoint.credential).contains("p)"))
        }

        @Test func unreadableTokenFileIsAConfigurationError() async throws {
            let endpoint = try IMAPEndpoint(url: "imaps://127.0.0.1:\(env["IMAPS_PORT"])/INBOX", username: env.supportUser,
                                            credential: .oauth2TokenFile("/nonexistent/token-\(UUID().uuidString)"), caFile: env.ca)
            let client = env.client(endpoint)
            defer { Task { await client.close() } }
            _ = await expectFailure(.configuration, retryable: false) { _ = try await client.status() }
        }
    }
}

import Foundation
import MailCore
import Testing
@testable import MailTransport

/// XOAUTH2 against a scripted server (the bed's Dovecot has no OAuth2 backend): libcurl sends
/// `AUTHENTICATE XOAUTH2` with the token read from the file at each login.
@Suite struct XOAUTH2Tests {
    @Test func tokenFileIsReadAtEachLogin() async throws {
        let server = try ScriptedServer(greeting: "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=PLAIN] ready\r\n") { line in
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count >= 2 else { return nil }
            let tag = parts[0]
            switch parts[1].uppercased() {
            case "CAPABILITY": return "* CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=PLAIN\r\n\(tag) OK done\r\n"
            case "AUTHENTICATE": return "\(tag) OK logged in\r\n"
            // Answer, then hang up: the next call must log in again.
            case "SELECT":
                return "* 2 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 9] ok\r\n\(tag) OK [READ-WRITE] done\r\n* BYE closing\r\n"
            default: return "\(tag) OK done\r\n"
            }
        }
        defer { server.stop() }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        try "token-one\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let endpoint = try IMAPEndpoint(url: "imap://127.0.0.1:\(server.port)/INBOX", username: "support@example.com",
                                        credential: .oauth2TokenFile(tokenFile.path), allowInsecure: true,
                                        connectTimeout: .seconds(5), stallTimeout: .seconds(5))
        let client = CurlIMAPClient(endpoint: endpoint, logger: MailEnv.logger)
        defer { Task { await client.close() } }
        let status = try await client.status()
        #expect(status.uidValidity == UIDValidity(7))
        #expect(status.messageCount == 2)
        try "token-two".write(to: tokenFile, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(200))
        _ = try await client.status()

        let logins = server.lines.filter { $0.uppercased().contains("AUTHENTICATE") }
        #expect(logins.count == 2, "\(server.lines)")
        let decoded = logins.map { line -> String in
            let base64 = line.split(separator: " ").last.map(String.init) ?? ""
            return String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
        }
        #expect(logins.allSatisfy { $0.uppercased().contains("XOAUTH2") })
        #expect(decoded == ["user=support@example.com\u{1}auth=Bearer token-one\u{1}\u{1}",
                            "user=support@example.com\u{1}auth=Bearer token-two\u{1}\u{1}"])
    }
}

/// XOAUTH2 for SMTP against a scripted server (the bed's Postfix authenticates through Dovecot,
/// which has no OAuth2 backend): libcurl sends `AUTH XOAUTH2` with the token from the file, read at
/// each login; mails on one connection share a login; the mail goes through DATA.
@Suite struct SMTPXOAUTH2Tests {
    /// A minimal SMTP conversation: EHLO offers XOAUTH2, AUTH succeeds, the DATA lines are taken
    /// silently until the final dot.
    final class Conversation: @unchecked Sendable {
        private let lock = NSLock()
        private var inData = false

        func answer(_ line: String) -> String? {
            lock.withLock {
                if inData {
                    if line == "." {
                        inData = false
                        return "250 2.0.0 queued\r\n"
                    }
                    return nil
                }
                switch line.split(separator: " ").first.map({ $0.uppercased() }) ?? "" {
                case "EHLO": return "250-scripted\r\n250-AUTH XOAUTH2 PLAIN\r\n250 8BITMIME\r\n"
                case "AUTH": return "235 2.7.0 accepted\r\n"
                case "MAIL", "RCPT": return "250 2.1.0 ok\r\n"
                case "DATA":
                    inData = true
                    return "354 go ahead\r\n"
                case "QUIT": return "221 2.0.0 bye\r\n"
                default: return "250 ok\r\n"
                }
            }
        }
    }

    @Test func tokenFileIsReadAtEachLogin() async throws {
        let conversation = Conversation()
        let server = try ScriptedServer(greeting: "220 scripted ESMTP\r\n") { conversation.answer($0) }
        defer { server.stop() }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        try "smtp-token-one\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let endpoint = try SMTPEndpoint(url: "smtp://127.0.0.1:\(server.port)", username: "support@example.com",
                                        credential: .oauth2TokenFile(tokenFile.path), allowInsecure: true,
                                        connectTimeout: .seconds(5), stallTimeout: .seconds(5))
        let message = Array("From: support@example.com\r\nTo: ana@example.test\r\nSubject: ack\r\n\r\nRecebemos.\r\n".utf8)
        let envelope = Envelope(sender: "support@example.com", recipients: ["ana@example.test"])

        // Two mails on one connection: one login.
        let first = CurlSMTPSender(endpoint: endpoint, logger: MailEnv.logger)
        #expect(try await first.send(message, envelope: envelope).replyCode == 250)
        #expect(try await first.send(message, envelope: envelope).replyCode == 250)
        await first.close()
        // A refreshed token is read at the next login.
        try "smtp-token-two".write(to: tokenFile, atomically: true, encoding: .utf8)
        let second = CurlSMTPSender(endpoint: endpoint, logger: MailEnv.logger)
        #expect(try await second.send(message, envelope: envelope).replyCode == 250)
        await second.close()

        let auths = server.lines.filter { $0.uppercased().hasPrefix("AUTH ") }
        #expect(auths.count == 2, "\(server.lines)")
        #expect(auths.allSatisfy { $0.uppercased().hasPrefix("AUTH XOAUTH2 ") })
        let decoded = auths.map { line -> String in
            let base64 = line.split(separator: " ").last.map(String.init) ?? ""
            return String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
        }
        #expect(decoded == ["user=support@example.com\u{1}auth=Bearer smtp-token-one\u{1}\u{1}",
                            "user=support@example.com\u{1}auth=Bearer smtp-token-two\u{1}\u{1}"])
        #expect(server.lines.filter { $0 == "." }.count == 3, "three mails went through DATA")
    }
}

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

import Foundation
import Testing

/// `support-intake check` against the real Dovecot and Postfix of the test bed.
@Suite("CLI check against the test bed", .enabled(if: TestBed.current != nil, "the mail test bed is not running"))
struct CLICheckTests {
    let bed = TestBed.current!

    func check(_ yaml: String, environment: [String: String] = [:]) async throws -> CLI.Result {
        let directory = try TemporaryDirectory()
        let path = try directory.write("config.yaml", yaml)
        return try await CLI.run(["check", "--config", path], environment: environment, timeout: 90)
    }

    @Test func bothServersAcceptTheLogin() async throws {
        let result = try await check(bed.configuration())
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.outputLines
        #expect(lines.count == 4)
        #expect(lines.first?.hasSuffix(" OK") == true)
        #expect(lines.count > 1 && lines[1].hasPrefix("rules: built-in OK ("))
        let imap = lines.count > 2 ? lines[2] : ""
        #expect(imap.hasPrefix("imap: imaps://127.0.0.1:\(bed["IMAPS_PORT"])/INBOX as \(bed["SUPPORT_USER"]) OK: mailbox INBOX, UIDVALIDITY "))
        #expect(imap.contains(#/UIDNEXT \d+, \d+ messages?; IDLE yes, MOVE yes/#))
        let smtp = lines.count > 3 ? lines[3] : ""
        #expect(smtp.hasPrefix("smtp: smtp://127.0.0.1:\(bed["SMTP_PORT"]) as \(bed["SUPPORT_USER"]) OK: greeting \""))
        #expect(smtp.hasSuffix("authentication OK"))
        #expect(!result.standardOutput.contains(bed["SUPPORT_PASSWORD"]))
    }

    @Test func implicitTLSAndSTARTTLSBothWork() async throws {
        let result = try await check(bed.configuration(imapURL: bed["IMAP_URL"], smtpURL: bed["SMTPS_URL"]))
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test func aWrongPasswordExitsWith77WithoutShowingIt() async throws {
        let result = try await check(bed.configuration(imapPassword: "not-the-password-42"))
        #expect(result.status == 77)
        #expect(result.standardError.hasPrefix("support-intake: imap: \(bed["IMAPS_URL"]) as \(bed["SUPPORT_USER"]) FAILED: authentication failed"))
        #expect(!result.standardError.contains("not-the-password-42"))
        #expect(result.standardOutput.contains("smtp: "), "SMTP is still checked")
    }

    @Test func anUnreachableServerExitsWith69() async throws {
        let dead = "imaps://127.0.0.1:\(bed["IMAP_DEAD_PORT"])/INBOX"
        let result = try await check(bed.configuration(imapURL: dead))
        #expect(result.status == 69)
        #expect(result.standardError.contains("imap: \(dead) as \(bed["SUPPORT_USER"]) FAILED: connection failed"))
    }

    @Test func anUntrustedCertificateExitsWith69() async throws {
        let directory = try TemporaryDirectory()
        let otherCA = try directory.write("other-ca.pem", try String(contentsOfFile: "/etc/ssl/certs/ca-certificates.crt", encoding: .utf8))
        let result = try await check(bed.configuration(caFile: otherCA))
        #expect(result.status == 69)
        #expect(result.standardError.contains("FAILED: TLS failure"))
    }

    @Test func anInvalidRulesFileIsAConfigurationError() async throws {
        let directory = try TemporaryDirectory()
        let rules = try directory.write("rules.yaml", "p1:\n  pt:\n    terms: 5\n")
        let result = try await check(bed.configuration() + "classifier:\n  rules_file: \(rules)\n")
        #expect(result.status == 78)
        #expect(result.standardError.hasPrefix("support-intake: configuration error: classifier.rules_file: \(rules):3:"))
    }

    @Test func aMissingMailboxIsAConfigurationError() async throws {
        let result = try await check(bed.configuration(imapURL: "imaps://127.0.0.1:\(bed["IMAPS_PORT"])/NoSuchFolder"))
        #expect(result.status == 78)
        #expect(result.standardError.contains("FAILED: mailbox not found"))
    }
}

import Foundation
import Testing

/// The `support-intake` executable, run as an operator would.
@Suite("CLI")
struct CLITests {
    /// A customer mail with an attachment (written by the test; CRLF line ends as on the wire).
    static let customerMail = """
        From: =?UTF-8?Q?Jo=C3=A3o_Silva?= <joao@acme.com.br>
        To: support@example.test
        Subject: =?UTF-8?Q?Ningu=C3=A9m_consegue_entrar_nas_reuni=C3=B5es?=
        Message-ID: <outage-1@acme.com.br>
        Date: Tue, 24 Nov 2026 09:12:00 -0300
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Desde as 9h ninguém da empresa consegue entrar nas reuniões. Todos os usuários recebem erro.
        --b1
        Content-Type: image/png; name="erro.png"
        Content-Disposition: attachment; filename="erro.png"
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --b1--

        """.replacingOccurrences(of: "\n", with: "\r\n")

    /// An out-of-office reply without a From display name.
    static let autoReply = """
        From: laura@example.es
        To: support@example.test
        Subject: Respuesta automática
        Auto-Submitted: auto-replied
        Content-Type: text/plain; charset=utf-8

        Estoy fuera de la oficina.

        """

    @Test func aBadConfigurationExitsWith78NamingTheKey() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("config.yaml", MinimalConfiguration.yaml.replacingOccurrences(of: "imaps://", with: "pop3://"))
        for command in [["check"], ["run"], ["run", "--once"]] {
            let result = try await CLI.run(command + ["--config", path])
            #expect(result.status == 78, "\(command)")
            #expect(result.standardError == "support-intake: configuration error: imap.url: scheme must be imaps or imap (\(path) line 2)\n")
            #expect(result.standardOutput.isEmpty)
        }
    }

    @Test func aMissingKeyAndAnUnknownKeyAreNamed() async throws {
        let directory = try TemporaryDirectory()
        let missing = try directory.write("missing.yaml", MinimalConfiguration.yaml.replacingOccurrences(
            of: "  from: \"Suporte <support@example.test>\"\n", with: ""))
        let result = try await CLI.run(["check", "--config", missing])
        #expect(result.status == 78)
        #expect(result.standardError.hasPrefix("support-intake: configuration error: smtp.from: missing"))

        let unknown = try directory.write("unknown.yaml", MinimalConfiguration.yaml + "imap_extra: 1\n")
        let second = try await CLI.run(["check", "--config", unknown])
        #expect(second.status == 78)
        #expect(second.standardError.contains("unknown top-level key imap_extra"))
    }

    @Test func aMissingConfigurationFileExitsWith78() async throws {
        let result = try await CLI.run(["check", "--config", "/nonexistent/config.yaml"])
        #expect(result.status == 78)
        #expect(result.standardError == "support-intake: configuration error: cannot read the configuration file /nonexistent/config.yaml: No such file or directory\n")
    }

    @Test func theConfigurationPathDefaultsToTheEnvironment() async throws {
        let result = try await CLI.run(["check"], environment: ["SUPPORT_INTAKE_CONFIG": "/nonexistent/from-env.yaml"])
        #expect(result.status == 78)
        #expect(result.standardError.contains("/nonexistent/from-env.yaml"))
    }

    @Test func secretsNeverReachTheOutput() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("config.yaml", MinimalConfiguration.yaml.replacingOccurrences(
            of: "imaps://127.0.0.1", with: "imaps://support:imap-secret-123@127.0.0.1"))
        let result = try await CLI.run(["check", "--config", path], environment: ["SUPPORT_INTAKE_SMTP_PASSWORD": "smtp-env-secret"])
        #expect(result.status == 78)
        #expect(!result.standardError.contains("imap-secret-123"))
        #expect(!result.standardError.contains("smtp-env-secret"))
        #expect(result.standardError.contains("imap.url: must not contain a user name or password"))
    }

    @Test func classifyJSONHasExactlyTheDocumentedKeys() async throws {
        let directory = try TemporaryDirectory()
        let outage = try directory.write("outage.eml", Self.customerMail)
        let auto = try directory.write("auto.eml", Self.autoReply)
        let result = try await CLI.run(["classify", "--json", outage, auto])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.outputLines
        #expect(lines.count == 2)
        let objects = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        for object in objects {
            #expect(Set(object.keys) == ClassifyOutput.keys)
        }
        let first = objects[0]
        #expect(first["file"] as? String == outage)
        #expect(first["message_id"] as? String == "outage-1@acme.com.br")
        let from = try #require(first["from"] as? [String: Any])
        #expect(Set(from.keys) == ["name", "address"])
        #expect(from["name"] as? String == "João Silva")
        #expect(from["address"] as? String == "joao@acme.com.br")
        #expect(first["subject"] as? String == "Ninguém consegue entrar nas reuniões")
        #expect((first["text"] as? String)?.contains("Todos os usuários recebem erro.") == true)
        let attachments = try #require(first["attachments"] as? [[String: Any]])
        #expect(attachments.count == 1)
        #expect(Set(attachments[0].keys) == ["filename", "content_type", "size"])
        #expect(attachments[0]["filename"] as? String == "erro.png")
        #expect(attachments[0]["content_type"] as? String == "image/png")
        #expect(attachments[0]["size"] as? Int == 8)
        #expect(first["automated"] as? Bool == false)
        #expect(first["automated_reason"] is NSNull)
        ClassifyOutput.checkClassification(first, priority: "P1", plan: "free", target: 86_400)

        let second = objects[1]
        #expect(second["message_id"] is NSNull)
        let secondFrom = try #require(second["from"] as? [String: Any])
        #expect(secondFrom["name"] is NSNull)
        #expect(secondFrom["address"] as? String == "laura@example.es")
        #expect(second["automated"] as? Bool == true)
        #expect((second["automated_reason"] as? String)?.isEmpty == false)
        #expect((second["attachments"] as? [Any])?.isEmpty == true)
    }

    @Test func anUnreadableFileGivesAnErrorObjectAndANonZeroExitAfterTheOthers() async throws {
        let directory = try TemporaryDirectory()
        let good = try directory.write("good.eml", Self.customerMail)
        let result = try await CLI.run(["classify", "--json", directory.path + "/absent.eml", good])
        #expect(result.status == 66)
        let lines = result.outputLines
        #expect(lines.count == 2)
        let failure = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(failure.keys) == ["file", "error"])
        #expect(failure["file"] as? String == directory.path + "/absent.eml")
        #expect(failure["error"] as? String == "cannot read: No such file or directory")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(report["file"] as? String == good)
    }

    @Test func aFileThatIsNoMessageExitsWith65() async throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.write("empty.eml", "")
        let folder = try directory.makeDirectory("folder.eml")
        let result = try await CLI.run(["classify", "--json", empty])
        #expect(result.status == 65)
        let failure = try #require(try JSONSerialization.jsonObject(with: Data(result.outputLines[0].utf8)) as? [String: Any])
        #expect((failure["error"] as? String)?.hasPrefix("not a message:") == true)
        let both = try await CLI.run(["classify", "--json", empty, folder])
        #expect(both.status == 66, "unreadable outranks unparseable")
        #expect(both.outputLines.count == 2)
    }

    @Test func classifyReadsStandardInput() async throws {
        let result = try await CLI.run(["classify", "--json", "-"], stdin: Self.customerMail)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.outputLines[0].utf8)) as? [String: Any])
        #expect(object["file"] as? String == "-")
        #expect(object["message_id"] as? String == "outage-1@acme.com.br")
    }

    @Test func classifySummaryIsShortAndReportsErrorsOnStandardError() async throws {
        let directory = try TemporaryDirectory()
        let outage = try directory.write("outage.eml", Self.customerMail)
        let result = try await CLI.run(["classify", outage, directory.path + "/absent.eml"])
        #expect(result.status == 66)
        #expect(result.standardOutput.hasPrefix("\(outage): "))
        #expect(result.standardOutput.contains("from: João Silva <joao@acme.com.br>"))
        #expect(result.standardError == "support-intake: \(directory.path)/absent.eml: cannot read: No such file or directory\n")
    }

    @Test func classifyWithoutFilesIsAUsageError() async throws {
        let result = try await CLI.run(["classify", "--json"])
        #expect(result.status == 64)
    }
}

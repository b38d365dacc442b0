import Foundation
import Testing

/// `support-intake rules check|eval` and the classification half of `classify`.
@Suite("CLI rules and classification")
struct CLIRulesTests {
    @Test func theShippedRulesCheckOK() async throws {
        let result = try await CLI.run(["rules", "check", PackagePaths.root + "/samples/rules.yaml"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.wholeMatch(of: #/.*samples/rules\.yaml: OK: \d+ terms \(P1 \d+, P2 \d+, P3 \d+, P4 \d+, modifiers \d+\)\n/#) != nil,
                "\(result.standardOutput)")
        let builtIn = try await CLI.run(["rules", "check"])
        #expect(builtIn.status == 0)
        #expect(builtIn.standardOutput.hasPrefix("built-in rules: OK: "))
    }

    @Test(arguments: [
        ("p1:\n  pt:\n    terms: 5\n", ":3: key 'p1.pt.terms': "),
        ("p1: [unclosed\n", ":"),
    ])
    func invalidRulesAreReportedWithLineAndKey(_ yaml: String, _ expected: String) async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("rules.yaml", yaml)
        let result = try await CLI.run(["rules", "check", path])
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("support-intake: \(path)\(expected)"), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }

    /// A binary run beside another version's resource bundle (its `rules.yaml` unusable, or
    /// missing) reports it and exits; it never crashes. The copy is a hard link in a temporary
    /// folder, with the bundle folder SwiftPM looks for beside the executable first.
    @Test(arguments: [("version: 9\n", "unsupported version 9"), (nil, "has no readable rules.yaml")] as [(String?, String)])
    func aForeignResourceBundleIsReportedNotACrash(_ yaml: String?, _ expected: String) async throws {
        let built = try #require(CLI.executable)
        let directory = try TemporaryDirectory()
        let copy = directory.path + "/support-intake"
        try FileManager.default.linkItem(atPath: built, toPath: copy)
        let resources = directory.path + "/support-intake_Tickets.resources/Resources"
        try FileManager.default.createDirectory(atPath: resources, withIntermediateDirectories: true)
        if let yaml { try yaml.write(toFile: resources + "/rules.yaml", atomically: true, encoding: .utf8) }
        let check = try await CLI.run(["rules", "check"], binary: copy)
        #expect(check.status == (yaml == nil ? 66 : 65), "\(check.standardError)")
        #expect(check.standardError.contains("support-intake: builtin"), "\(check.standardError)")
        #expect(check.standardError.contains(expected), "\(check.standardError)")
        let mail = try directory.write("mail.eml", "From: a@example.com\r\nSubject: hello\r\n\r\nhello\r\n")
        let classify = try await CLI.run(["classify", mail], binary: copy)
        #expect(classify.status == 70, "\(classify.standardError)")
        #expect(classify.standardError.contains(expected), "\(classify.standardError)")
        #expect(classify.standardOutput.isEmpty)
    }

    @Test func warningsGoToStandardErrorAndTheFileIsStillAccepted() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("rules.yaml", "modifiers:\n  wide:\n    factors: {p1: 2}\n    en: [everyone]\n"
            + "  narrow:\n    factors: {p1: 0.5}\n    en: [everyone else]\np1:\n  en:\n    terms: [outage]\n")
        let result = try await CLI.run(["rules", "check", path])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("\(path): OK: "))
        #expect(result.standardError == "support-intake: \(path):7: warning: modifier 'narrow' term \"everyone else\" hides modifier 'wide' "
                + "term \"everyone\" where both start (the longest match wins); if that is meant, add 'wide' to narrow.overrides\n",
                "\(result.standardError)")
        let builtIn = try await CLI.run(["rules", "check"])
        #expect(builtIn.standardError.isEmpty, "\(builtIn.standardError)")
    }

    @Test func anUnreadableRulesFileExitsWith66() async throws {
        let result = try await CLI.run(["rules", "check", "/nonexistent/rules.yaml"])
        #expect(result.status == 66)
        #expect(result.standardError == "support-intake: /nonexistent/rules.yaml: cannot read: No such file or directory\n")
    }

    /// A labeled folder of two mails, one outage and one how-to question.
    func labeledFolder() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("outage.eml", CLITests.customerMail)
        try directory.write("howto.eml", """
            From: Ana <ana@example.test>
            Subject: How do I change my profile picture?
            Content-Type: text/plain; charset=utf-8

            Hello, where is the setting to change my profile picture? Thanks.

            """)
        try directory.write("labels.tsv", "# file\tpriority\tlanguage\tjustification\noutage.eml\tP1\tpt\tnobody can join\nhowto.eml\tP4\ten\thow-to\n")
        return directory
    }

    @Test func evalPrintsTheReport() async throws {
        let directory = try labeledFolder()
        let result = try await CLI.run(["rules", "eval", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("samples 2  correct 2  accuracy 100.0%"))
        #expect(result.standardOutput.contains("confusion (rows: expected, columns: predicted)"))
    }

    @Test func evalFailsBelowTheGoal() async throws {
        let directory = try labeledFolder()
        try directory.write("labels.tsv", "outage.eml\tP4\tpt\twrong on purpose\nhowto.eml\tP4\ten\thow-to\n")
        let result = try await CLI.run(["rules", "eval", directory.path, "--min-accuracy", "0.9"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("accuracy 50.0%"))
        #expect(result.standardError.contains("below the goal: accuracy 0.5 < 0.9"))
    }

    @Test func evalRejectsABadLabelLine() async throws {
        let directory = try labeledFolder()
        try directory.write("labels.tsv", "outage.eml\tP9\tpt\tno such priority\n")
        let result = try await CLI.run(["rules", "eval", directory.path])
        #expect(result.status == 65)
        #expect(result.standardError.contains("labels.tsv:1: expected file<TAB>P1..P4"))
    }

    @Test func classifyTakesPlansAndTargetsFromTheConfiguration() async throws {
        let directory = try TemporaryDirectory()
        let mail = try directory.write("outage.eml", CLITests.customerMail)
        let config = try directory.write("config.yaml", MinimalConfiguration.yaml + """
            plans:
              customers:
                - {match: "@acme.com.br", plan: business}
              targets:
                business:
                  p1: 30m

            """)
        let result = try await CLI.run(["classify", "--json", "--config", config, mail])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.outputLines[0].utf8)) as? [String: Any])
        ClassifyOutput.checkClassification(object, priority: "P1", plan: "business", target: 1_800)

        let policy = try await CLI.run(["classify", "--json", mail])
        let free = try #require(try JSONSerialization.jsonObject(with: Data(policy.outputLines[0].utf8)) as? [String: Any])
        ClassifyOutput.checkClassification(free, priority: "P1", plan: "free", target: 86_400)
    }

    @Test func classifyWithABadRulesFileStopsBeforeAnyFile() async throws {
        let directory = try TemporaryDirectory()
        let mail = try directory.write("outage.eml", CLITests.customerMail)
        let rules = try directory.write("rules.yaml", "p1:\n  pt:\n    terms: 5\n")
        let result = try await CLI.run(["classify", "--json", "--rules", rules, mail])
        #expect(result.status == 65)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("support-intake: rules error: \(rules):3:"))
    }

    @Test func theSummaryShowsPriorityPlanAndTarget() async throws {
        let directory = try TemporaryDirectory()
        let mail = try directory.write("outage.eml", CLITests.customerMail)
        let result = try await CLI.run(["classify", mail])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("\(mail): P1 Urgent, plan free, target 24h\n"))
        #expect(result.standardOutput.contains("  reasons: "))
    }
}

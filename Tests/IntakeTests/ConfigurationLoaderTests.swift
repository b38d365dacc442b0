import Foundation
import MailCore
import Testing
import Tickets
@testable import Intake

@Suite("ConfigurationLoader")
struct ConfigurationLoaderTests {
    /// Loads YAML text through a real file.
    func load(_ yaml: String, environment: [String: String] = [:], in directory: TemporaryDirectory? = nil) throws
        -> SupportIntakeConfiguration
    {
        let folder = try directory ?? TemporaryDirectory()
        let path = try folder.write("config.yaml", yaml)
        return try ConfigurationLoader.load(path: path, environment: environment)
    }

    /// The error a load fails with.
    func failure(_ yaml: String, environment: [String: String] = [:], in directory: TemporaryDirectory? = nil) throws
        -> ConfigurationError
    {
        let folder = try directory ?? TemporaryDirectory()
        let path = try folder.write("config.yaml", yaml)
        do {
            _ = try ConfigurationLoader.load(path: path, environment: environment)
        } catch {
            return error
        }
        Issue.record("the configuration loaded, an error was expected")
        return ConfigurationError(code: .syntax, key: nil, problem: "no error")
    }

    @Test func minimalConfigurationHasTheDocumentedDefaults() throws {
        let configuration = try load(MinimalConfiguration.yaml)
        #expect(configuration.imap.url == "imaps://127.0.0.1:10993/INBOX")
        #expect(configuration.imap.username == "support@example.test")
        #expect(configuration.imap.password == "imap-secret-123")
        #expect(configuration.imap.oauth2TokenFile == nil)
        #expect(configuration.imap.caFile == nil)
        #expect(configuration.imap.allowInsecure == false)
        #expect(configuration.imap.connectTimeoutSeconds == 15)
        #expect(configuration.imap.stallTimeoutSeconds == 60)
        #expect(configuration.imap.mailbox == MailboxName("INBOX"))
        #expect(configuration.smtp.password == "smtp-secret-456")
        #expect(configuration.from == EmailAddress(name: "Suporte", address: "support@example.test"))
        #expect(configuration.storePath == "/var/lib/support-intake/tickets.sqlite")
        #expect(configuration.intake.after == .seen)
        #expect(configuration.intake.firstStart == .new)
        #expect(configuration.intake.backfillAckMaxAgeSeconds == 86_400)
        #expect(configuration.intake.pollIntervalSeconds == 60)
        #expect(configuration.intake.maxMessageBytes == 25 * 1024 * 1024)
        #expect(configuration.intake.batchSize == 50)
        #expect(configuration.intake.ticketTag == "[#{id}]")
        #expect(configuration.intake.ackCapCount == 3)
        #expect(configuration.intake.ackCapWindowSeconds == 600)
        #expect(configuration.intake.ownAddresses == [])
        #expect(configuration.rulesFile == nil)
        #expect(configuration.plans.defaultPlan == .free)
        #expect(configuration.plans.customers == [])
        #expect(configuration.plans.targetOverrides.isEmpty)
        #expect(configuration.templates.directory == nil)
        #expect(configuration.templates.defaultLanguage == "pt")
        #expect(configuration.log.format == .logfmt)
        #expect(configuration.log.level == "info")
        #expect(configuration.satisfaction.delaySeconds == 0)
        #expect(configuration.satisfaction.minDaysBetween == 7)
        #expect(configuration.agents == [])
    }

    @Test func everyKeyIsParsed() throws {
        let directory = try TemporaryDirectory()
        let ca = try directory.write("ca.pem", "-----BEGIN CERTIFICATE-----\n")
        let imapPassword = try directory.write("imap.pw", "from-file\n")
        let token = try directory.write("smtp.token", "ya29.token\n")
        let rules = try directory.write("rules.yaml", "version: 1\n")
        let templates = try directory.makeDirectory("templates")
        let yaml = """
            imap:
              url: imap://127.0.0.1:10143/Support/Inbox
              username: support@example.test
              password_file: \(imapPassword)
              ca_file: \(ca)
              allow_insecure: yes
              connect_timeout_seconds: 5
              stall_timeout_seconds: 2m
            smtp:
              url: smtps://127.0.0.1:10465
              username: sender@example.test
              oauth2_token_file: \(token)
              ca_file: \(ca)
              allow_insecure: false
              connect_timeout_seconds: 7
              stall_timeout_seconds: 30
              from: '"Suporte, Acme" <support@example.test>'
            store:
              path: /tmp/tickets.sqlite
            intake:
              after: move:Processed/Done
              first_start: all
              backfill_ack_max_age: 30m
              poll_interval_seconds: 45
              max_message_bytes: 10MB
              batch_size: 200
              ticket_tag: "[Ticket {id}]"
              ack_cap:
                count: 5
                window_seconds: 1h
              own_addresses: [noreply@example.test, billing@example.test]
            classifier:
              rules_file: \(rules)
            plans:
              default: education
              customers:
                - match: "@acme.com"
                  plan: business
                - match: Ana@Example.org
                  plan: pro
                - match: "@*.acme.com"
                  plan: api
              targets:
                pro:
                  p1: 30m
                  p2: 7200
                free:
                  p4: 2d
            templates:
              dir: \(templates)
              default_language: es
            log:
              format: json
              level: debug
            satisfaction:
              delay: 1h
              min_days_between: 14
            agents:
              - maria@example.test
              - joao@example.test

            """
        let configuration = try load(yaml, in: directory)
        #expect(configuration.imap.url == "imap://127.0.0.1:10143/Support/Inbox")
        #expect(configuration.imap.mailbox == MailboxName("Support/Inbox"))
        #expect(configuration.imap.password == "from-file")
        #expect(configuration.imap.caFile == ca)
        #expect(configuration.imap.allowInsecure)
        #expect(configuration.imap.connectTimeoutSeconds == 5)
        #expect(configuration.imap.stallTimeoutSeconds == 120)
        #expect(configuration.smtp.url == "smtps://127.0.0.1:10465")
        #expect(configuration.smtp.username == "sender@example.test")
        #expect(configuration.smtp.password == nil)
        #expect(configuration.smtp.oauth2TokenFile == token)
        #expect(configuration.smtp.caFile == ca)
        #expect(!configuration.smtp.allowInsecure)
        #expect(configuration.smtp.connectTimeoutSeconds == 7)
        #expect(configuration.smtp.stallTimeoutSeconds == 30)
        #expect(configuration.from == EmailAddress(name: "Suporte, Acme", address: "support@example.test"))
        #expect(configuration.storePath == "/tmp/tickets.sqlite")
        #expect(configuration.intake.after == .move(MailboxName("Processed/Done")))
        #expect(configuration.intake.firstStart == .all)
        #expect(configuration.intake.backfillAckMaxAgeSeconds == 1_800)
        #expect(configuration.intake.pollIntervalSeconds == 45)
        #expect(configuration.intake.maxMessageBytes == 10 * 1024 * 1024)
        #expect(configuration.intake.batchSize == 200)
        #expect(configuration.intake.ticketTag == "[Ticket {id}]")
        #expect(configuration.intake.ackCapCount == 5)
        #expect(configuration.intake.ackCapWindowSeconds == 3_600)
        #expect(configuration.intake.ownAddresses == ["noreply@example.test", "billing@example.test"])
        #expect(configuration.rulesFile == rules)
        #expect(configuration.plans.defaultPlan == .education)
        #expect(configuration.plans.customers == [
            .init(match: "@acme.com", plan: .business), .init(match: "Ana@Example.org", plan: .pro),
            .init(match: "@*.acme.com", plan: .api),
        ])
        #expect(configuration.plans.targetOverrides == [.pro: [.p1: 1_800, .p2: 7_200], .free: [.p4: 172_800]])
        #expect(configuration.templates.directory == templates)
        #expect(configuration.templates.defaultLanguage == "es")
        #expect(configuration.log.format == .json)
        #expect(configuration.log.level == "debug")
        #expect(configuration.satisfaction.delaySeconds == 3_600)
        #expect(configuration.satisfaction.minDaysBetween == 14)
        #expect(configuration.agents == ["maria@example.test", "joao@example.test"])
    }

    @Test func environmentVariablesOverrideTheFile() throws {
        let configuration = try load(MinimalConfiguration.yaml, environment: [
            "SUPPORT_INTAKE_IMAP_URL": "imaps://127.0.0.1:20993/Other",
            "SUPPORT_INTAKE_IMAP_PASSWORD": "env-password",
            "SUPPORT_INTAKE_INTAKE_ACK_CAP_COUNT": "9",
            "SUPPORT_INTAKE_INTAKE_AFTER": "none",
            "SUPPORT_INTAKE_AGENTS": "a@example.test, b@example.test",
            "SUPPORT_INTAKE_PLANS_TARGETS_PRO_P1": "30m",
            "SUPPORT_INTAKE_LOG_LEVEL": "warning",
            "SUPPORT_INTAKE_LOG_FORMAT": "",  // empty: unset, the default stays
            "SUPPORT_INTAKE_CONFIG": "/somewhere/else.yaml",  // the CLI's, allowed
            "UNRELATED": "ignored",
        ])
        #expect(configuration.imap.url == "imaps://127.0.0.1:20993/Other")
        #expect(configuration.imap.mailbox == MailboxName("Other"))
        #expect(configuration.imap.password == "env-password")
        #expect(configuration.intake.ackCapCount == 9)
        #expect(configuration.intake.after == SupportIntakeConfiguration.AfterIntake.none)
        #expect(configuration.agents == ["a@example.test", "b@example.test"])
        #expect(configuration.plans.targetOverrides[.pro]?[.p1] == 1_800)
        #expect(configuration.log.level == "warning")
        #expect(configuration.log.format == .logfmt)
    }

    @Test func environmentNamesFollowTheDocumentedScheme() {
        #expect(ConfigurationSchema.environmentName(for: "imap.password") == "SUPPORT_INTAKE_IMAP_PASSWORD")
        #expect(ConfigurationSchema.environmentName(for: "imap.password_file") == "SUPPORT_INTAKE_IMAP_PASSWORD_FILE")
        #expect(ConfigurationSchema.environmentName(for: "intake.ack_cap.count") == "SUPPORT_INTAKE_INTAKE_ACK_CAP_COUNT")
        #expect(ConfigurationSchema.environmentKeys.contains("plans.targets.education.p3"))
        #expect(!ConfigurationSchema.environmentKeys.contains { $0.hasPrefix("plans.customers") })
    }

    @Test func anEnvironmentPasswordFileBeatsAPasswordInTheFile() throws {
        let directory = try TemporaryDirectory()
        let secret = try directory.write("pw", "from-env-file\r\n")
        let configuration = try load(
            MinimalConfiguration.yaml, environment: ["SUPPORT_INTAKE_SMTP_PASSWORD_FILE": secret], in: directory)
        #expect(configuration.smtp.password == "from-env-file")
        #expect(configuration.imap.password == "imap-secret-123")
    }

    @Test func anUnknownEnvironmentVariableIsNamed() throws {
        let error = try failure(MinimalConfiguration.yaml, environment: ["SUPPORT_INTAKE_IMAP_PASWORD": "x"])
        #expect(error.code == .unknownKey)
        #expect(error.description.contains("SUPPORT_INTAKE_IMAP_PASWORD"))
        #expect(error.description.contains("did you mean SUPPORT_INTAKE_IMAP_PASSWORD?"))
    }

    @Test func anInvalidEnvironmentValueNamesTheVariable() throws {
        let error = try failure(MinimalConfiguration.yaml, environment: ["SUPPORT_INTAKE_INTAKE_BATCH_SIZE": "lots"])
        #expect(error.description == "intake.batch_size: expected a whole number, got 'lots' (environment SUPPORT_INTAKE_INTAKE_BATCH_SIZE)")
    }

    @Test func credentialsDirectoryProvidesThePasswords() throws {
        let directory = try TemporaryDirectory()
        let credentials = try directory.makeDirectory("credentials")
        try directory.write("credentials/imap.password", "cred-imap\n")
        try directory.write("credentials/smtp.oauth2_token", "token\n")
        let configuration = try load(MinimalConfiguration.yaml, environment: ["CREDENTIALS_DIRECTORY": credentials], in: directory)
        #expect(configuration.imap.password == "cred-imap")
        #expect(configuration.smtp.password == nil)
        #expect(configuration.smtp.oauth2TokenFile == credentials + "/smtp.oauth2_token")
    }

    @Test func environmentBeatsCredentialsDirectory() throws {
        let directory = try TemporaryDirectory()
        let credentials = try directory.makeDirectory("credentials")
        try directory.write("credentials/imap.password", "cred-imap\n")
        let configuration = try load(MinimalConfiguration.yaml, environment: [
            "CREDENTIALS_DIRECTORY": credentials, "SUPPORT_INTAKE_IMAP_PASSWORD": "env-imap",
        ], in: directory)
        #expect(configuration.imap.password == "env-imap")
    }

    @Test func anEmptyCredentialIsAnErrorNamingIt() throws {
        let directory = try TemporaryDirectory()
        let credentials = try directory.makeDirectory("credentials")
        try directory.write("credentials/smtp.password", "\n")
        let error = try failure(MinimalConfiguration.yaml, environment: ["CREDENTIALS_DIRECTORY": credentials], in: directory)
        #expect(error.description.hasPrefix("credential smtp.password: "))
        #expect(error.description.contains("is empty"))
    }

    @Test func anUnreadablePasswordFileIsNamedWithoutItsContent() throws {
        let directory = try TemporaryDirectory()
        let yaml = MinimalConfiguration.yaml.replacingOccurrences(
            of: "password: imap-secret-123", with: "password_file: \(directory.path)/missing.pw")
        let error = try failure(yaml, in: directory)
        #expect(error.code == .unreadableFile)
        #expect(error.description.hasPrefix("imap.password_file: cannot read \(directory.path)/missing.pw: No such file or directory"))
        #expect(error.description.contains("line 4"))
    }

    @Test func aPasswordFileThatIsADirectoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        let yaml = MinimalConfiguration.yaml.replacingOccurrences(
            of: "password: smtp-secret-456", with: "password_file: \(directory.path)")
        let error = try failure(yaml, in: directory)
        #expect(error.description.contains("smtp.password_file: cannot read \(directory.path): it is a directory"))
    }

    @Test func aMissingConfigurationFileIsNamed() throws {
        do {
            _ = try ConfigurationLoader.load(path: "/nonexistent/support-intake.yaml", environment: [:])
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.code == .unreadableFile)
            #expect(error.description == "cannot read the configuration file /nonexistent/support-intake.yaml: No such file or directory")
        }
    }

    /// One broken configuration and the start of the one line that must explain it.
    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var replace: String
        var with: String
        var expected: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "missing imap.url", replace: "  url: imaps://127.0.0.1:10993/INBOX\n", with: "",
                expected: "imap.url: missing"),
        BadCase(name: "wrong imap scheme", replace: "imaps://127.0.0.1:10993/INBOX", with: "https://127.0.0.1/INBOX",
                expected: "imap.url: scheme must be imaps or imap"),
        BadCase(name: "wrong smtp scheme", replace: "smtp://127.0.0.1:10587", with: "imap://127.0.0.1:10587",
                expected: "smtp.url: scheme must be smtps or smtp"),
        BadCase(name: "url without host", replace: "imaps://127.0.0.1:10993/INBOX", with: "imaps:///INBOX",
                expected: "imap.url: has no host name"),
        BadCase(name: "missing username", replace: "  username: support@example.test\n  password: imap-secret-123\n",
                with: "  password: imap-secret-123\n", expected: "imap.username: missing"),
        BadCase(name: "no imap secret", replace: "  password: imap-secret-123\n", with: "",
                expected: "imap.password: missing: set imap.password_file"),
        BadCase(name: "missing from", replace: "  from: \"Suporte <support@example.test>\"\n", with: "",
                expected: "smtp.from: missing"),
        BadCase(name: "bad from", replace: "\"Suporte <support@example.test>\"", with: "\"Suporte <nobody>\"",
                expected: "smtp.from: expected an address"),
        BadCase(name: "from with a line break", replace: "\"Suporte <support@example.test>\"",
                with: "\"Suporte\\r\\nBcc: x@y <support@example.test>\"", expected: "smtp.from: expected an address"),
        BadCase(name: "bad after", replace: "smtp:\n", with: "intake:\n  after: delete\nsmtp:\n",
                expected: "intake.after: expected seen, none or move:FOLDER, got 'delete'"),
        BadCase(name: "move without folder", replace: "smtp:\n", with: "intake:\n  after: \"move:\"\nsmtp:\n",
                expected: "intake.after: expected seen, none or move:FOLDER"),
        BadCase(name: "bad first_start", replace: "smtp:\n", with: "intake:\n  first_start: old\nsmtp:\n",
                expected: "intake.first_start: expected new or all, got 'old'"),
        BadCase(name: "bad duration", replace: "smtp:\n", with: "intake:\n  backfill_ack_max_age: soon\nsmtp:\n",
                expected: "intake.backfill_ack_max_age: expected seconds or a duration"),
        BadCase(name: "batch size out of range", replace: "smtp:\n", with: "intake:\n  batch_size: 0\nsmtp:\n",
                expected: "intake.batch_size: must be between 1 and 10000, got 0"),
        BadCase(name: "tag without id", replace: "smtp:\n", with: "intake:\n  ticket_tag: \"[#]\"\nsmtp:\n",
                expected: "intake.ticket_tag: must contain {id}"),
        BadCase(name: "bad max size", replace: "smtp:\n", with: "intake:\n  max_message_bytes: huge\nsmtp:\n",
                expected: "intake.max_message_bytes: expected a size in bytes"),
        BadCase(name: "bad plan in customers",
                replace: "smtp:\n",
                with: """
                    plans:
                      customers:
                        - {match: "@a.com", plan: pro}
                        - {match: "@b.com", plan: free}
                        - {match: "@c.com", plan: gold}
                    smtp

                    """.replacingOccurrences(of: "smtp\n", with: "smtp:\n"),
                expected: "plans.customers[2].plan: 'gold' is not a plan (pro, business, api, education, free)"),
        BadCase(name: "customer without match", replace: "smtp:\n", with: "plans:\n  customers:\n    - plan: pro\nsmtp:\n",
                expected: "plans.customers[0].match: missing"),
        BadCase(name: "bad customer match", replace: "smtp:\n",
                with: "plans:\n  customers:\n    - {match: \"acme.com\", plan: pro}\nsmtp:\n",
                expected: "plans.customers[0].match: expected an address (ana@acme.com), a domain (@acme.com) or its subdomains (@*.acme.com), got 'acme.com'"),
        BadCase(name: "duplicate customer", replace: "smtp:\n",
                with: "plans:\n  customers:\n    - {match: \"@a.com\", plan: pro}\n    - {match: \"@A.com\", plan: free}\nsmtp:\n",
                expected: "plans.customers[1].match: '@A.com' is already listed at plans.customers[0]"),
        BadCase(name: "bad default plan", replace: "smtp:\n", with: "plans:\n  default: gold\nsmtp:\n",
                expected: "plans.default: 'gold' is not a plan (pro, business, api, education, free)"),
        BadCase(name: "unknown plan in targets", replace: "smtp:\n", with: "plans:\n  targets:\n    gold:\n      p1: 1h\nsmtp:\n",
                expected: "plans.targets.gold: 'gold' is not a plan"),
        BadCase(name: "unknown priority in targets", replace: "smtp:\n", with: "plans:\n  targets:\n    pro:\n      p5: 1h\nsmtp:\n",
                expected: "plans.targets.pro.p5: unknown key"),
        BadCase(name: "target too short", replace: "smtp:\n", with: "plans:\n  targets:\n    pro:\n      p1: 5s\nsmtp:\n",
                expected: "plans.targets.pro.p1: must be between 60 and 2592000 seconds, got 5"),
        BadCase(name: "bad log format", replace: "smtp:\n", with: "log:\n  format: xml\nsmtp:\n",
                expected: "log.format: expected logfmt or json, got 'xml'"),
        BadCase(name: "bad log level", replace: "smtp:\n", with: "log:\n  level: loud\nsmtp:\n",
                expected: "log.level: expected one of trace, debug, info, notice, warning, error, critical, got 'loud'"),
        BadCase(name: "bad language", replace: "smtp:\n", with: "templates:\n  default_language: fr\nsmtp:\n",
                expected: "templates.default_language: expected pt, en or es, got 'fr'"),
        BadCase(name: "missing templates dir", replace: "smtp:\n", with: "templates:\n  dir: /nonexistent/templates\nsmtp:\n",
                expected: "templates.dir: /nonexistent/templates is not a directory"),
        BadCase(name: "missing rules file", replace: "smtp:\n", with: "classifier:\n  rules_file: /nonexistent/rules.yaml\nsmtp:\n",
                expected: "classifier.rules_file: cannot read /nonexistent/rules.yaml: No such file or directory"),
        BadCase(name: "missing ca file", replace: "  password: imap-secret-123\n",
                with: "  password: imap-secret-123\n  ca_file: /nonexistent/ca.pem\n",
                expected: "imap.ca_file: cannot read /nonexistent/ca.pem: No such file or directory"),
        BadCase(name: "bad bool", replace: "  password: imap-secret-123\n",
                with: "  password: imap-secret-123\n  allow_insecure: maybe\n",
                expected: "imap.allow_insecure: expected true or false, got 'maybe'"),
        BadCase(name: "bad agent", replace: "smtp:\n", with: "agents: [maria@example.test, bob]\nsmtp:\n",
                expected: "agents[1]: 'bob' is not an email address"),
        BadCase(name: "agents not a list", replace: "smtp:\n", with: "agents: maria@example.test\nsmtp:\n",
                expected: "agents: expected a list of plain values"),
        BadCase(name: "mapping instead of value", replace: "smtp:\n", with: "store:\n  path:\n    a: b\nsmtp:\n",
                expected: "store.path: expected a plain value"),
        BadCase(name: "unknown top-level keys", replace: "smtp:\n", with: "imapp: {}\nextra: 1\nsmtp:\n",
                expected: "unknown top-level keys extra, imapp (known: agents, classifier, imap, intake, log, plans, satisfaction, smtp, store, templates)"),
        BadCase(name: "misspelt nested key", replace: "  password: imap-secret-123\n", with: "  pasword: imap-secret-123\n",
                expected: "imap.pasword: unknown key (did you mean imap.password?)"),
        BadCase(name: "password and password_file", replace: "  password: imap-secret-123\n",
                with: "  password: imap-secret-123\n  password_file: /etc/x\n",
                expected: "imap: set only one of password, password_file"),
        BadCase(name: "invalid YAML", replace: "smtp:\n", with: "smtp: [unclosed\nsmtp2:\n",
                expected: "not valid YAML"),
        BadCase(name: "top level not a mapping", replace: MinimalConfiguration.yaml, with: "- a\n- b\n",
                expected: "the top level must be a mapping"),
    ]

    @Test(arguments: badCases)
    func aBadKeyIsNamedInOneLine(_ bad: BadCase) throws {
        #expect(MinimalConfiguration.yaml.contains(bad.replace), "the case must change the configuration")
        let error = try failure(MinimalConfiguration.yaml.replacingOccurrences(of: bad.replace, with: bad.with))
        #expect(error.description.hasPrefix(bad.expected), "\(error.description)")
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("imap-secret-123"))
        #expect(!error.description.contains("smtp-secret-456"))
    }

    @Test func errorsSayWhereTheValueWasWritten() throws {
        let error = try failure(MinimalConfiguration.yaml.replacingOccurrences(of: "imaps://127", with: "pop3://127"))
        #expect(error.origin?.hasSuffix("config.yaml line 2") == true)
    }

    @Test func aURLWithAPasswordIsRefusedWithoutShowingIt() throws {
        let error = try failure(MinimalConfiguration.yaml.replacingOccurrences(
            of: "imaps://127.0.0.1", with: "imaps://support:hunter2@127.0.0.1"))
        #expect(error.description.hasPrefix("imap.url: must not contain a user name or password"))
        #expect(!error.description.contains("hunter2"))
    }

    @Test func smtpWithoutUsernameMeansNoAuthentication() throws {
        let yaml = MinimalConfiguration.yaml.replacingOccurrences(
            of: "  username: support@example.test\n  password: smtp-secret-456\n", with: "")
        let configuration = try load(yaml)
        #expect(configuration.smtp.username == "")
        #expect(configuration.smtp.password == nil)
    }

    @Test func theSampleConfigurationLoads() throws {
        let path = PackagePaths.root + "/samples/config.yaml"
        let configuration = try ConfigurationLoader.load(path: path, environment: [
            "SUPPORT_INTAKE_IMAP_PASSWORD": "x", "SUPPORT_INTAKE_SMTP_PASSWORD": "y",
        ])
        #expect(configuration.imap.mailbox == .inbox)
        #expect(configuration.plans.customers.count == 2)
        #expect(configuration.intake.maxMessageBytes == 25 * 1024 * 1024)
        #expect(configuration.plans.targetOverrides[.pro]?[.p1] == 3_600)
    }

    @Test func theSampleListsEveryKeyOfTheSchema() throws {
        let text = try String(contentsOfFile: PackagePaths.root + "/samples/config.yaml", encoding: .utf8)
        for key in ConfigurationSchema.environmentKeys where !key.hasPrefix("plans.targets.") {
            let leaf = String(key.split(separator: ".").last!)
            #expect(text.contains("\(leaf):"), "samples/config.yaml does not mention \(key)")
        }
    }
}

import ArgumentParser
import Intake
import Logging
import MailTransport

/// `support-intake check`: the configuration loads and both servers accept our login.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load the configuration, log in to IMAP and SMTP, and report what the servers said.",
        discussion: """
            Prints one line per step. The classifier rules (classifier.rules_file or the built-in ones) \
            are validated. IMAP: login, SELECT of the configured mailbox, its UIDVALIDITY, \
            UIDNEXT and message count. SMTP: greeting, STARTTLS/TLS and authentication, without sending \
            mail. Both servers are tried even when the first fails. Exit codes: 0 all good; 78 the \
            configuration is wrong (or names a missing mailbox); 77 a server refused the credentials; \
            69 a server is unreachable, timed out, or its TLS certificate is not trusted; 76 a server broke \
            the protocol; 75 a temporary refusal. Never prints a password or token.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Flag(name: .shortAndLong, help: "Log the transport's exchanges (debug level) on standard error.")
    var verbose = false

    func run() async throws {
        let configuration = try options.load()
        LoggingBootstrap.bootstrap(format: configuration.log.format, level: verbose ? .debug : .warning)
        let logger = Logger(label: "support-intake.check")
        Console.out("config: \(options.resolvedPath) OK")
        let rules = try RulesLoading.rules(file: nil, configuration: configuration)
        Console.out("rules: \(configuration.rulesFile ?? "built-in") OK (\(rules.termCounts.values.reduce(0, +)) terms)")

        var failures: [Int32] = []
        do {
            let endpoint = try configuration.imap.imapEndpoint()
            let client = CurlIMAPClient(endpoint: endpoint, logger: logger)
            do {
                let result = try await client.checkLogin()
                let status = result.status
                Console.out("imap: \(endpoint) OK: mailbox \(status.mailbox), UIDVALIDITY \(status.uidValidity), "
                    + "UIDNEXT \(status.uidNext), \(status.messageCount) message\(status.messageCount == 1 ? "" : "s")"
                    + "; IDLE \(has("IDLE")), MOVE \(has("MOVE")), UIDPLUS \(has("UIDPLUS"))")
                func has(_ capability: String) -> String { result.capabilities.contains(capability) ? "yes" : "no" }
            } catch {
                await client.close()
                throw error
            }
            await client.close()
        } catch {
            Console.error("imap: \(describe(configuration.imap)) FAILED: \(error)")
            failures.append(ServerFailure.exitCode(for: error))
        }

        do {
            let endpoint = try configuration.smtp.smtpEndpoint()
            let sender = CurlSMTPSender(endpoint: endpoint, logger: logger)
            do {
                let result = try await sender.verify()
                let authentication = endpoint.username == nil ? "no authentication configured"
                    : result.authenticated ? "authentication OK" : "authentication not done"
                Console.out("smtp: \(endpoint) OK: greeting \"\(result.greeting)\", \(authentication)")
            } catch {
                await sender.close()
                throw error
            }
            await sender.close()
        } catch {
            Console.error("smtp: \(describe(configuration.smtp)) FAILED: \(error)")
            failures.append(ServerFailure.exitCode(for: error))
        }

        if let first = failures.first { throw ExitCode(first) }
    }

    /// The server as configured, without secrets (the URL never holds one: the loader refuses it).
    private func describe(_ server: SupportIntakeConfiguration.Server) -> String {
        server.username.isEmpty ? server.url : "\(server.url) as \(server.username)"
    }
}

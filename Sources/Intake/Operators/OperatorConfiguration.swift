import Foundation
import MailCore

/// The part of the configuration the operator commands need: where the store is, the survey
/// settings and the support address. Read from the same file, environment and schema as the
/// daemon's (``ConfigurationLoader``), but without reading any secret: an operator can list
/// tickets from a shell where the IMAP and SMTP passwords (systemd credentials) are not readable.
public struct OperatorConfiguration: Sendable {
    /// `store.path`.
    public var storePath: String
    /// `satisfaction.delay` and `satisfaction.min_days_between`.
    public var satisfaction: SupportIntakeConfiguration.Satisfaction
    /// `smtp.from`, when set and valid.
    public var from: EmailAddress?
    /// The rest of the intake's settings (`intake.*`, `plans.*`, `templates.*`,
    /// `classifier.rules_file`, `agents`), to process a released quarantined mail exactly as the
    /// daemon would. Its servers are placeholders without secrets: nothing here connects.
    public var processing: SupportIntakeConfiguration?

    /// Creates a value (tests).
    public init(storePath: String, satisfaction: SupportIntakeConfiguration.Satisfaction = .init(), from: EmailAddress? = nil) {
        self.storePath = storePath
        self.satisfaction = satisfaction
        self.from = from
    }

    /// Reads `path` and the `SUPPORT_INTAKE_*` environment. Every key of the file is checked
    /// against the schema (a typo is an error here as in the daemon); secrets are not read.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigurationError) -> OperatorConfiguration {
        let text = try readText(path)
        let snapshot: ConfigurationFileSnapshot
        do {
            snapshot = try ConfigurationFileSnapshot(yaml: text, providerName: path)
        } catch {
            var located = error
            located.origin = [path, error.origin].compactMap { $0 }.joined(separator: " ")
            throw located
        }
        try ConfigurationSchema.validate(snapshot) { key in snapshot.line(of: key).map { "\(path) line \($0)" } }
        let sources = try ConfigurationSources(path: path, file: snapshot, environment: environment)
        var configuration = OperatorConfiguration(storePath: SupportIntakeConfiguration.defaultStorePath)
        if let store = sources.string("store.path") { configuration.storePath = store }
        configuration.satisfaction = try sources.satisfaction()
        configuration.from = sources.string("smtp.from").flatMap(ConfigurationValueParser.mailbox)
        if let from = configuration.from {
            let placeholder = SupportIntakeConfiguration.Server(url: "imap://operator.invalid/INBOX", username: "operator")
            var processing = SupportIntakeConfiguration(imap: placeholder, smtp: placeholder, from: from)
            processing.storePath = configuration.storePath
            processing.intake = try sources.intake()
            processing.rulesFile = try sources.readablePath("classifier.rules_file")
            processing.plans = try sources.plans()
            processing.templates = try sources.templates()
            processing.satisfaction = configuration.satisfaction
            processing.agents = try sources.addresses("agents")
            configuration.processing = processing
        }
        return configuration
    }

    /// The file's text: at most 1 MiB of UTF-8.
    static func readText(_ path: String) throws(ConfigurationError) -> String {
        func unreadable(_ reason: String) -> ConfigurationError {
            ConfigurationError(code: .unreadableFile, key: nil, problem: "cannot read the configuration file \(path): \(reason)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw unreadable("no such file") }
        guard !isDirectory.boolValue else { throw unreadable("it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw unreadable("permission denied") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: (1 << 20) + 1) ?? Data()
        } catch {
            throw unreadable("\(error.localizedDescription)")
        }
        guard data.count <= 1 << 20 else { throw unreadable("larger than 1 MiB") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(code: .syntax, key: nil, problem: "\(path) is not UTF-8 text")
        }
        return text
    }

    /// The domain of our Message-IDs: the support address's, else `localhost`.
    public var messageIDDomain: String {
        guard let address = from?.address, let at = address.lastIndex(of: "@") else { return "localhost" }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? "localhost" : domain.lowercased()
    }
}

extension SupportIntakeConfiguration {
    /// `store.path`'s default.
    public static let defaultStorePath = "/var/lib/support-intake/tickets.sqlite"
}

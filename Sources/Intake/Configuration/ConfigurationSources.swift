import Configuration
import Foundation
import MailCore
import Tickets

/// The three sources of one load, and the reading and checking of every key through them.
struct ConfigurationSources {
    let path: String
    let file: ConfigurationFileSnapshot
    /// Only the `SUPPORT_INTAKE_*` variables, empty ones removed.
    let environment: [String: String]
    /// `$CREDENTIALS_DIRECTORY`, when set.
    let credentialsDirectory: String?
    let reader: ConfigReader

    init(path: String, file: ConfigurationFileSnapshot, environment fullEnvironment: [String: String]) throws(ConfigurationError) {
        self.path = path
        self.file = file
        let prefix = ConfigurationSchema.environmentPrefix
        let ours = fullEnvironment.filter { $0.key.hasPrefix(prefix) && !$0.value.isEmpty }
        let known = Set(ConfigurationSchema.environmentKeys.map(ConfigurationSchema.environmentName(for:)))
            .union(ConfigurationSchema.reservedEnvironmentNames)
        if let unknown = ours.keys.sorted().first(where: { !known.contains($0) }) {
            let keyGuess = ConfigurationSchema.closest(to: unknown, in: Array(known)).map { " (did you mean \($0)?)" } ?? ""
            throw ConfigurationError(
                code: .unknownKey, key: nil,
                problem: "environment variable \(unknown) is not a configuration key\(keyGuess)")
        }
        self.environment = ours
        let directory = fullEnvironment["CREDENTIALS_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 }
        self.credentialsDirectory = directory
        let secretNames = Set(ours.keys.filter { $0.hasSuffix("_PASSWORD") })
        let environmentProvider = EnvironmentVariablesProvider(
            environmentVariables: ours, secretsSpecifier: .specific(secretNames)
        ).prefixKeys(with: ["support_intake"])
        self.reader = ConfigReader(providers: [environmentProvider, ConfigurationFileProvider(snapshot: file)])
    }

    // MARK: Reading

    /// The environment variable that sets `key`, if it is set.
    func environmentName(of key: String) -> String? {
        let name = ConfigurationSchema.environmentName(for: key)
        return environment[name] == nil ? nil : name
    }

    /// Where the value of `key` comes from, for messages.
    func origin(of key: String) -> String? {
        if let name = environmentName(of: key) { return "environment \(name)" }
        if let line = file.line(of: key) { return "\(path) line \(line)" }
        return path
    }

    /// An error about `key` (shown as `display`, e.g. with `[2]` indices), with its origin.
    func error(_ key: String, _ problem: String, code: ConfigurationError.Code = .invalidValue, display: String? = nil) -> ConfigurationError {
        ConfigurationError(code: code, key: display ?? key, problem: problem, origin: origin(of: key))
    }

    /// The value of a plain key from the environment or the file; nil when unset or empty.
    func string(_ key: String, secret: Bool = false) -> String? {
        guard let value = reader.string(forKey: ConfigKey(key), isSecret: secret) else { return nil }
        let trimmed = secret ? value : value.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A required plain key.
    func required(_ key: String) throws(ConfigurationError) -> String {
        guard let value = string(key) else { throw error(key, "missing", code: .missing) }
        return value
    }

    /// A list key; the environment's value is split at commas.
    func list(_ key: String) -> [String] {
        (reader.stringArray(forKey: ConfigKey(key)) ?? []).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// A boolean key.
    func bool(_ key: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        guard let text = string(key) else { return defaultValue }
        guard let value = ConfigurationValueParser.bool(text) else {
            throw error(key, "expected true or false, got '\(text)'")
        }
        return value
    }

    /// An integer key within a range.
    func integer(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = string(key) else { return defaultValue }
        guard let value = Int(text) else { throw error(key, "expected a whole number, got '\(text)'") }
        guard range.contains(value) else { throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), got \(value)") }
        return value
    }

    /// A duration key (seconds, or `24h`, `30m`, `1h30m`) within a range of seconds.
    func duration(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>, display: String? = nil) throws(ConfigurationError) -> Int {
        guard let text = string(key) else { return defaultValue }
        guard let value = ConfigurationValueParser.durationSeconds(text) else {
            throw error(key, "expected seconds or a duration such as 90s, 30m, 24h, 1h30m, 7d; got '\(text)'", display: display)
        }
        guard range.contains(value) else {
            throw error(key, "must be between \(range.lowerBound) and \(range.upperBound) seconds, got \(value)", display: display)
        }
        return value
    }

    /// A key whose value must name a readable file; returns the path.
    func readablePath(_ key: String) throws(ConfigurationError) -> String? {
        guard let path = string(key) else { return nil }
        if case .failure(let failure) = LocalFile.contents(of: path, limit: 64 << 20) {
            throw error(key, "cannot read \(path): \(failure.reason)")
        }
        return path
    }

    // MARK: The configuration

    func configuration() throws(ConfigurationError) -> SupportIntakeConfiguration {
        let imap = try server("imap")
        let smtp = try server("smtp")
        let fromText = try required("smtp.from")
        guard let from = ConfigurationValueParser.mailbox(fromText) else {
            throw error("smtp.from", "expected an address such as \"Support <support@example.com>\", got '\(fromText)'")
        }
        var configuration = SupportIntakeConfiguration(imap: imap, smtp: smtp, from: from)
        if let store = string("store.path") { configuration.storePath = store }
        configuration.intake = try intake()
        configuration.rulesFile = try readablePath("classifier.rules_file")
        configuration.plans = try plans()
        configuration.templates = try templates()
        configuration.log = try log()
        configuration.satisfaction = try satisfaction()
        configuration.agents = try addresses("agents")
        return configuration
    }

    func intake() throws(ConfigurationError) -> SupportIntakeConfiguration.Intake {
        var intake = SupportIntakeConfiguration.Intake()
        if let after = string("intake.after") {
            let lowered = after.lowercased()
            if lowered == "seen" {
                intake.after = .seen
            } else if lowered == "none" {
                intake.after = .none
            } else if lowered.hasPrefix("move:"), case let folder = after.dropFirst(5).trimmingSpaces(), !folder.isEmpty,
                      !folder.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                intake.after = .move(MailboxName(folder))
            } else {
                throw error("intake.after", "expected seen, none or move:FOLDER, got '\(after)'")
            }
        }
        if let first = string("intake.first_start") {
            guard let value = SupportIntakeConfiguration.FirstStart(rawValue: first.lowercased()) else {
                throw error("intake.first_start", "expected new or all, got '\(first)'")
            }
            intake.firstStart = value
        }
        intake.backfillAckMaxAgeSeconds = try duration(
            "intake.backfill_ack_max_age", default: intake.backfillAckMaxAgeSeconds, in: 0...(366 * 86_400))
        intake.pollIntervalSeconds = try duration(
            "intake.poll_interval_seconds", default: intake.pollIntervalSeconds, in: 1...86_400)
        if let text = string("intake.max_message_bytes") {
            guard let bytes = ConfigurationValueParser.byteCount(text) else {
                throw error("intake.max_message_bytes", "expected a size in bytes such as 26214400 or 25MB, got '\(text)'")
            }
            guard (64 << 10)...(2 << 30) ~= bytes else {
                throw error("intake.max_message_bytes", "must be between 64KB and 2GB, got \(bytes) bytes")
            }
            intake.maxMessageBytes = bytes
        }
        intake.batchSize = try integer("intake.batch_size", default: intake.batchSize, in: 1...10_000)
        if let tag = string("intake.ticket_tag") {
            guard tag.contains("{id}") else {
                throw error("intake.ticket_tag", "must contain {id}, where the ticket number goes (e.g. [#{id}]), got '\(tag)'")
            }
            guard !tag.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw error("intake.ticket_tag", "must not contain control characters")
            }
            intake.ticketTag = tag
        }
        intake.ackCapCount = try integer("intake.ack_cap.count", default: intake.ackCapCount, in: 1...10_000)
        intake.ackCapWindowSeconds = try duration(
            "intake.ack_cap.window_seconds", default: intake.ackCapWindowSeconds, in: 1...(30 * 86_400))
        intake.ownAddresses = try addresses("intake.own_addresses")
        return intake
    }

    func plans() throws(ConfigurationError) -> SupportIntakeConfiguration.Plans {
        var plans = SupportIntakeConfiguration.Plans()
        let planList = Plan.allCases.map(\.rawValue).joined(separator: ", ")
        if let text = string("plans.default") {
            guard let plan = Plan(rawValue: text.lowercased()) else {
                throw error("plans.default", "'\(text)' is not a plan (\(planList))")
            }
            plans.defaultPlan = plan
        }
        if case .mappingList(let count)? = file.entries["plans.customers"] {
            var seen: [String: Int] = [:]
            for index in 0..<count {
                let base = "plans.customers.\(index)"
                let shown = "plans.customers[\(index)]"
                guard let match = string("\(base).match") else {
                    throw error("\(base).match", "missing", code: .missing, display: "\(shown).match")
                }
                guard Tickets.PlanDirectory.isValidMatch(match) else {
                    throw error("\(base).match",
                                "expected an address (ana@acme.com), a domain (@acme.com) or its subdomains (@*.acme.com), got '\(match)'",
                                display: "\(shown).match")
                }
                let normalized = match.lowercased()
                if let earlier = seen[normalized] {
                    throw error("\(base).match", "'\(match)' is already listed at plans.customers[\(earlier)]",
                                display: "\(shown).match")
                }
                seen[normalized] = index
                guard let planText = string("\(base).plan") else {
                    throw error("\(base).plan", "missing", code: .missing, display: "\(shown).plan")
                }
                guard let plan = Plan(rawValue: planText.lowercased()) else {
                    throw error("\(base).plan", "'\(planText)' is not a plan (\(planList))", display: "\(shown).plan")
                }
                plans.customers.append(SupportIntakeConfiguration.CustomerRule(match: match, plan: plan))
            }
        }
        for plan in Plan.allCases {
            for priority in Priority.allCases {
                let key = "plans.targets.\(plan.rawValue).\(priority.code.lowercased())"
                guard string(key) != nil else { continue }
                let seconds = try duration(key, default: 0, in: 60...(30 * 86_400))
                plans.targetOverrides[plan, default: [:]][priority] = seconds
            }
        }
        return plans
    }

    func templates() throws(ConfigurationError) -> SupportIntakeConfiguration.Templates {
        var templates = SupportIntakeConfiguration.Templates()
        if let directory = string("templates.dir") {
            guard LocalFile.isDirectory(directory) else {
                throw error("templates.dir", "\(directory) is not a directory")
            }
            templates.directory = directory
        }
        if let language = string("templates.default_language") {
            let code = String(language.lowercased().prefix(2))
            let rest = language.dropFirst(2)
            guard ["pt", "en", "es"].contains(code), rest.isEmpty || rest.hasPrefix("-") || rest.hasPrefix("_") else {
                throw error("templates.default_language", "expected pt, en or es, got '\(language)'")
            }
            templates.defaultLanguage = code
        }
        return templates
    }

    func log() throws(ConfigurationError) -> SupportIntakeConfiguration.Log {
        var log = SupportIntakeConfiguration.Log()
        if let format = string("log.format") {
            guard let value = SupportIntakeConfiguration.Log.Format(rawValue: format.lowercased()) else {
                throw error("log.format", "expected logfmt or json, got '\(format)'")
            }
            log.format = value
        }
        if let level = string("log.level") {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            let lowered = level.lowercased() == "warn" ? "warning" : level.lowercased()
            guard levels.contains(lowered) else {
                throw error("log.level", "expected one of \(levels.joined(separator: ", ")), got '\(level)'")
            }
            log.level = lowered
        }
        return log
    }

    func satisfaction() throws(ConfigurationError) -> SupportIntakeConfiguration.Satisfaction {
        var satisfaction = SupportIntakeConfiguration.Satisfaction()
        satisfaction.delaySeconds = try duration("satisfaction.delay", default: satisfaction.delaySeconds, in: 0...(90 * 86_400))
        satisfaction.minDaysBetween = try integer(
            "satisfaction.min_days_between", default: satisfaction.minDaysBetween, in: 0...3_650)
        return satisfaction
    }

    /// A list of plain addresses (`agents`, `intake.own_addresses`).
    func addresses(_ key: String) throws(ConfigurationError) -> [String] {
        let values = list(key)
        for (index, value) in values.enumerated() where !ConfigurationValueParser.isPlainAddress(value) {
            throw error(key, "'\(value)' is not an email address", display: "\(key)[\(index)]")
        }
        return values
    }
}

import Tickets

/// The shape of the configuration file: every key it may hold, so that a typo is an error with the
/// key's name rather than a silently ignored setting.
struct ConfigurationSchema: Sendable {
    /// What a key may hold.
    indirect enum Shape: Sendable {
        /// One plain value.
        case scalar
        /// A list of plain values.
        case list
        /// A mapping with these keys.
        case mapping([String: Shape])
        /// A list of mappings with these keys (`plans.customers`).
        case mappingList([String: Shape])
        /// A mapping whose keys are plan names (`plans.targets`), each holding `Shape`.
        case planMap(Shape)
    }

    /// The whole file.
    static let root: [String: Shape] = {
        let server: [String: Shape] = [
            "url": .scalar, "username": .scalar, "password": .scalar, "password_file": .scalar,
            "oauth2_token_file": .scalar, "ca_file": .scalar, "allow_insecure": .scalar,
            "connect_timeout_seconds": .scalar, "stall_timeout_seconds": .scalar,
        ]
        var smtp = server
        smtp["from"] = .scalar
        let targets = Dictionary(uniqueKeysWithValues: Priority.allCases.map { ($0.code.lowercased(), Shape.scalar) })
        return [
            "imap": .mapping(server),
            "smtp": .mapping(smtp),
            "store": .mapping(["path": .scalar]),
            "intake": .mapping([
                "after": .scalar, "first_start": .scalar, "backfill_ack_max_age": .scalar,
                "poll_interval_seconds": .scalar, "max_message_bytes": .scalar, "batch_size": .scalar,
                "ticket_tag": .scalar, "ack_cap": .mapping(["count": .scalar, "window_seconds": .scalar]),
                "own_addresses": .list,
            ]),
            "classifier": .mapping(["rules_file": .scalar]),
            "plans": .mapping([
                "default": .scalar,
                "customers": .mappingList(["match": .scalar, "plan": .scalar]),
                "targets": .planMap(.mapping(targets)),
            ]),
            "templates": .mapping(["dir": .scalar, "default_language": .scalar]),
            "log": .mapping(["format": .scalar, "level": .scalar]),
            "satisfaction": .mapping(["delay": .scalar, "min_days_between": .scalar]),
            "agents": .list,
        ]
    }()

    /// The prefix of every environment variable that overrides a key.
    static let environmentPrefix = "SUPPORT_INTAKE_"

    /// Environment variables with the prefix that are not configuration keys but are allowed.
    static let reservedEnvironmentNames: Set<String> = ["SUPPORT_INTAKE_CONFIG"]

    /// The environment variable that overrides a dotted key, by swift-configuration's
    /// `EnvironmentVariablesProvider` convention (upper-cased, non-alphanumerics and dots become `_`)
    /// under the ``environmentPrefix``: `imap.password_file` → `SUPPORT_INTAKE_IMAP_PASSWORD_FILE`.
    static func environmentName(for key: String) -> String {
        environmentPrefix + String(key.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Every key an environment variable can set: all plain values and lists outside
    /// `plans.customers` (a list of mappings is only written in the file).
    static let environmentKeys: [String] = {
        var keys: [String] = []
        func walk(_ fields: [String: Shape], prefix: String) {
            for (name, shape) in fields {
                let key = prefix.isEmpty ? name : "\(prefix).\(name)"
                switch shape {
                case .scalar, .list: keys.append(key)
                case .mapping(let inner): walk(inner, prefix: key)
                case .mappingList: break
                case .planMap(let inner):
                    for plan in Plan.allCases {
                        if case .mapping(let planFields) = inner { walk(planFields, prefix: "\(key).\(plan.rawValue)") }
                    }
                }
            }
        }
        walk(root, prefix: "")
        return keys.sorted()
    }()

    /// Checks every key of the file against the schema.
    /// - Throws: the first problem in file order: unknown top-level keys (all of them named), an
    ///   unknown nested key (with the closest known name), a value of the wrong shape.
    static func validate(_ snapshot: ConfigurationFileSnapshot, origin: (String) -> String?) throws(ConfigurationError) {
        let unknownTop = snapshot.entries.keys.filter { !$0.contains(".") && root[$0] == nil }.sorted()
        if !unknownTop.isEmpty {
            let known = root.keys.sorted().joined(separator: ", ")
            let noun = unknownTop.count == 1 ? "key" : "keys"
            throw ConfigurationError(
                code: .unknownKey, key: nil,
                problem: "unknown top-level \(noun) \(unknownTop.joined(separator: ", ")) (known: \(known))",
                origin: unknownTop.compactMap { origin($0) }.first)
        }
        let ordered = snapshot.entries.keys.sorted {
            (snapshot.line(of: $0) ?? 0, $0) < (snapshot.line(of: $1) ?? 0, $1)
        }
        for key in ordered {
            let components = key.split(separator: ".").map(String.init)
            let shape = try resolve(components, origin: origin(key))
            try check(snapshot.entries[key]!, against: shape, key: displayKey(components), origin: origin(key))
        }
    }

    /// `plans.customers.2.plan` → `plans.customers[2].plan`.
    static func displayKey(_ components: [String]) -> String {
        var text = ""
        for component in components {
            if !component.isEmpty, component.allSatisfy(\.isNumber) {
                text += "[\(component)]"
            } else {
                text += text.isEmpty ? component : ".\(component)"
            }
        }
        return text
    }

    /// Follows a key's components down the schema.
    private static func resolve(_ components: [String], origin: String?) throws(ConfigurationError) -> Shape {
        var fields = root
        var shape: Shape = .mapping(root)
        var walked: [String] = []
        var index = 0
        while index < components.count {
            let component = components[index]
            switch shape {
            case .mapping(let inner):
                fields = inner
                guard let next = fields[component] else {
                    let here = displayKey(walked + [component])
                    var problem = "unknown key"
                    if let guess = closest(to: component, in: Array(fields.keys)) {
                        problem += " (did you mean \(displayKey(walked + [guess]))?)"
                    } else {
                        problem += " (known: \(fields.keys.sorted().joined(separator: ", ")))"
                    }
                    throw ConfigurationError(code: .unknownKey, key: here, problem: problem, origin: origin)
                }
                shape = next
                walked.append(component)
                index += 1
            case .mappingList(let inner):
                // The flattener only ever writes a numeric index here.
                walked.append(component)
                shape = .mapping(inner)
                index += 1
            case .planMap(let inner):
                guard Plan(rawValue: component) != nil else {
                    throw ConfigurationError(
                        code: .invalidValue, key: displayKey(walked + [component]),
                        problem: "'\(component)' is not a plan (\(Plan.allCases.map(\.rawValue).joined(separator: ", ")))",
                        origin: origin)
                }
                walked.append(component)
                shape = inner
                index += 1
            case .scalar, .list:
                throw ConfigurationError(
                    code: .invalidValue, key: displayKey(walked), problem: "expected a plain value, not a mapping",
                    origin: origin)
            }
        }
        return shape
    }

    /// Checks that a file entry has the shape the schema wants.
    private static func check(
        _ entry: ConfigurationFileSnapshot.Entry, against shape: Shape, key: String, origin: String?
    ) throws(ConfigurationError) {
        let fits: Bool
        let wanted: String
        switch shape {
        case .scalar:
            wanted = "a plain value"
            if case .scalar = entry { fits = true } else if case .null = entry { fits = true } else { fits = false }
        case .list:
            wanted = "a list of plain values"
            if case .list = entry { fits = true } else if case .null = entry { fits = true } else { fits = false }
        case .mapping, .planMap:
            wanted = "a mapping of keys"
            if case .mapping = entry { fits = true } else if case .null = entry { fits = true } else { fits = false }
        case .mappingList:
            wanted = "a list of mappings"
            switch entry {
            case .mappingList, .null, .list([]): fits = true
            default: fits = false
            }
        }
        if !fits {
            throw ConfigurationError(code: .invalidValue, key: key, problem: "expected \(wanted)", origin: origin)
        }
    }

    /// The known name closest to a misspelt one, when it is close enough to be a likely typo.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(name, $0)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return best
    }

    /// Levenshtein distance, for "did you mean" suggestions on short key names.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

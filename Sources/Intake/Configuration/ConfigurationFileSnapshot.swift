import Configuration
import Foundation
import Yams

/// The configuration file, parsed from YAML into dotted keys, each with the line it was written on.
///
/// swift-configuration's own `YAMLSnapshot` refuses lists of mappings, which `plans.customers` is;
/// this snapshot flattens them with their index as a key component (`plans.customers.2.plan`) and
/// keeps every key's line, so that errors can point at the file and unknown keys can be reported.
/// It is a `FileConfigSnapshot`, so it also works with `FileProvider` and `ReloadingFileProvider`.
///
/// - A mapping nests: `imap: {url: …}` gives `imap.url`.
/// - A list of plain values is one string array (`agents`).
/// - A list of mappings is flattened by index (`plans.customers.0.match`).
/// - `~`, `null` or an empty value counts as not set.
/// Lists of lists, anchors merged into lists, keys with dots and duplicate keys are refused.
public final class ConfigurationFileSnapshot: Sendable {
    /// What a key holds in the file.
    public enum Entry: Sendable, Hashable {
        /// A plain value, as written (quotes removed).
        case scalar(String)
        /// A list of plain values.
        case list([String])
        /// A list of `count` mappings, flattened under `key.0`, `key.1`, ….
        case mappingList(count: Int)
        /// A mapping whose keys are flattened below it.
        case mapping
        /// An explicit null (`~`, `null`, nothing after the colon).
        case null
    }

    /// The parsing options: which keys are secrets (their values are never shown).
    public struct ParsingOptions: FileParsingOptions {
        /// Decides from a dotted key whether its value is a secret.
        public var isSecretKey: @Sendable (String) -> Bool
        /// Creates options; by default any key whose last component contains `password` or `token`
        /// is secret.
        public init(isSecretKey: @escaping @Sendable (String) -> Bool = ConfigurationFileSnapshot.defaultIsSecretKey) {
            self.isSecretKey = isSecretKey
        }
        /// The default options.
        public static var `default`: ParsingOptions { ParsingOptions() }
    }

    /// True for keys whose last component contains `password` or `token` but is not a file path.
    public static func defaultIsSecretKey(_ key: String) -> Bool {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        guard !last.hasSuffix("_file") else { return false }
        return last.contains("password") || last.contains("token")
    }

    /// The name of the provider that created this snapshot.
    public let providerName: String
    /// Every key in the file (mappings too), flattened.
    public let entries: [String: Entry]
    /// The 1-based line of every key in `entries`.
    public let lines: [String: Int]
    private let secretKeys: Set<String>

    /// Parses YAML text.
    /// - Throws: ``ConfigurationError`` with code `.syntax` for invalid YAML, a top level that is not
    ///   a mapping, or a structure this configuration cannot hold.
    public init(yaml: String, providerName: String, parsingOptions: ParsingOptions = .default) throws(ConfigurationError) {
        self.providerName = providerName
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigurationError(code: .syntax, key: nil, problem: "not valid YAML: \(Self.describe(error))")
        } catch {
            throw ConfigurationError(code: .syntax, key: nil, problem: "not valid YAML")
        }
        var flattener = Flattener()
        switch root {
        case nil:
            break  // An empty file: every key is missing, which validation reports by name.
        case .mapping(let mapping)?:
            try flattener.flatten(mapping: mapping, prefix: [])
        case let node?:
            if case .scalar(let scalar) = node, Self.isNull(scalar) { break }
            throw ConfigurationError(
                code: .syntax, key: nil, problem: "the top level must be a mapping of keys (imap:, smtp:, …)",
                origin: node.mark.map { "line \($0.line)" })
        }
        self.entries = flattener.entries
        self.lines = flattener.lines
        self.secretKeys = Set(flattener.entries.keys.filter(parsingOptions.isSecretKey))
    }

    /// The line a key was written on, if it is in the file.
    public func line(of key: String) -> Int? { lines[key] }

    /// True for YAML's null spellings in plain style (`~`, `null`, empty).
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// One line for a Yams error, with its line number and without the whole document.
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        case .reader(let problem, _, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "duplicate key \(duplicates.joined(separator: ", ")) at line \(context.mark.line)"
        case .dataCouldNotBeDecoded:
            return "the file is not UTF-8 text"
        default:
            // Other cases may carry the whole document (and so a secret): never print them.
            return "the YAML parser failed"
        }
    }

    /// Walks the node tree, recording entries and lines.
    private struct Flattener {
        var entries: [String: Entry] = [:]
        var lines: [String: Int] = [:]

        mutating func flatten(mapping: Node.Mapping, prefix: [String]) throws(ConfigurationError) {
            for (keyNode, value) in mapping {
                guard case .scalar(let keyScalar) = keyNode, !keyScalar.string.isEmpty else {
                    throw ConfigurationError(
                        code: .syntax, key: prefix.isEmpty ? nil : prefix.joined(separator: "."),
                        problem: "a key must be a plain name", origin: keyNode.mark.map { "line \($0.line)" })
                }
                let name = keyScalar.string
                let path = prefix + [name]
                let dotted = path.joined(separator: ".")
                guard !name.contains(".") else {
                    throw ConfigurationError(
                        code: .syntax, key: dotted, problem: "a key must not contain a dot; nest it instead",
                        origin: keyNode.mark.map { "line \($0.line)" })
                }
                guard entries[dotted] == nil else {
                    throw ConfigurationError(
                        code: .syntax, key: dotted, problem: "written twice",
                        origin: keyNode.mark.map { "line \($0.line)" })
                }
                lines[dotted] = keyNode.mark?.line ?? value.mark?.line
                try record(value, path: path)
            }
        }

        mutating func record(_ node: Node, path: [String]) throws(ConfigurationError) {
            let dotted = path.joined(separator: ".")
            if lines[dotted] == nil { lines[dotted] = node.mark?.line }
            switch node {
            case .scalar(let scalar):
                entries[dotted] = ConfigurationFileSnapshot.isNull(scalar) ? .null : .scalar(scalar.string)
            case .mapping(let mapping):
                entries[dotted] = .mapping
                try flatten(mapping: mapping, prefix: path)
            case .sequence(let sequence):
                let items = Array(sequence)
                if items.isEmpty {
                    entries[dotted] = .list([])
                } else if items.allSatisfy({ $0.mapping != nil }) {
                    entries[dotted] = .mappingList(count: items.count)
                    for (index, item) in items.enumerated() {
                        try record(item, path: path + [String(index)])
                    }
                } else {
                    var values: [String] = []
                    for (index, item) in items.enumerated() {
                        guard case .scalar(let scalar) = item else {
                            throw ConfigurationError(
                                code: .syntax, key: "\(dotted)[\(index)]",
                                problem: "a list must hold only plain values or only mappings",
                                origin: item.mark.map { "line \($0.line)" })
                        }
                        values.append(scalar.string)
                    }
                    entries[dotted] = .list(values)
                }
            case .alias:
                throw ConfigurationError(
                    code: .syntax, key: dotted, problem: "YAML aliases are not supported",
                    origin: node.mark.map { "line \($0.line)" })
            }
        }
    }
}

extension ConfigurationFileSnapshot: FileConfigSnapshot {
    /// Parses the file's bytes (UTF-8), as `FileProvider` and `ReloadingFileProvider` call it.
    public convenience init(data: RawSpan, providerName: String, parsingOptions: ParsingOptions) throws {
        let bytes = data.withUnsafeBytes { Array($0) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError(code: .syntax, key: nil, problem: "the file is not UTF-8 text")
        }
        try self.init(yaml: text, providerName: providerName, parsingOptions: parsingOptions)
    }

    /// Looks a key up as the requested type. Plain values convert to numbers and booleans the way YAML
    /// 1.1 writes them (`true`, `yes`, `on`); lists only to arrays.
    public func value(forKey key: AbsoluteConfigKey, type: ConfigType) throws -> LookupResult {
        let encoded = key.components.joined(separator: ".")
        guard let entry = entries[encoded] else { return LookupResult(encodedKey: encoded, value: nil) }
        let mismatch = ConfigurationError(
            code: .invalidValue, key: encoded, problem: "cannot be read as \(type.rawValue)",
            origin: lines[encoded].map { "\(providerName) line \($0)" })
        let content: ConfigContent
        switch (entry, type) {
        case (.null, _), (.mapping, _), (.mappingList, _):
            return LookupResult(encodedKey: encoded, value: nil)
        case (.scalar(let text), .string):
            content = .string(text)
        case (.scalar(let text), .int):
            guard let value = Int(text) else { throw mismatch }
            content = .int(value)
        case (.scalar(let text), .double):
            guard let value = Double(text) else { throw mismatch }
            content = .double(value)
        case (.scalar(let text), .bool):
            guard let value = ConfigurationValueParser.bool(text) else { throw mismatch }
            content = .bool(value)
        case (.list(let values), .stringArray):
            content = .stringArray(values)
        case (.list(let values), .intArray):
            let ints = values.compactMap { Int($0) }
            guard ints.count == values.count else { throw mismatch }
            content = .intArray(ints)
        case (.list(let values), .boolArray):
            let bools = values.compactMap { ConfigurationValueParser.bool($0) }
            guard bools.count == values.count else { throw mismatch }
            content = .boolArray(bools)
        case (.list(let values), .doubleArray):
            let doubles = values.compactMap { Double($0) }
            guard doubles.count == values.count else { throw mismatch }
            content = .doubleArray(doubles)
        default:
            throw mismatch
        }
        return LookupResult(encodedKey: encoded, value: ConfigValue(content, isSecret: secretKeys.contains(encoded)))
    }

    /// The provider name and how many keys the file holds.
    public var description: String { "\(providerName)[\(entries.count) keys]" }

    /// Every key with its value, secrets redacted.
    public var debugDescription: String {
        let shown = entries.keys.sorted().map { key -> String in
            guard !secretKeys.contains(key) else { return "\(key)=<REDACTED>" }
            switch entries[key] {
            case .scalar(let text)?: return "\(key)=\(text)"
            case .list(let values)?: return "\(key)=[\(values.joined(separator: ","))]"
            case .mappingList(let count)?: return "\(key)=[\(count) entries]"
            default: return key
            }
        }
        return "\(providerName)[\(shown.joined(separator: ", "))]"
    }
}

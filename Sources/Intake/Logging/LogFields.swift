import Logging

/// The fields of one log line, in order: the handler's metadata, the metadata provider's, then the
/// event's (later ones win), flattened to dotted keys, sorted, with secrets redacted.
struct LogFields {
    /// A field value: text, or a number or boolean that JSON writes unquoted, or a list.
    enum Value {
        case text(String)
        case number(String)
        case bool(Bool)
        case list([Value])
    }

    /// Keys the handlers write themselves; metadata with these names is renamed `meta.<key>`.
    static let reserved: Set<String> = ["ts", "level", "msg", "error"]

    /// The flattened, sorted fields.
    var fields: [(key: String, value: Value)]

    init(
        handlerMetadata: Logger.Metadata, provider: Logger.MetadataProvider?, event: Logger.Metadata?
    ) {
        var merged = handlerMetadata
        if let provided = provider?.get(), !provided.isEmpty { merged.merge(provided) { $1 } }
        if let event, !event.isEmpty { merged.merge(event) { $1 } }
        var flat: [String: Value] = [:]
        for (key, value) in merged { Self.flatten(value, key: key, into: &flat) }
        fields = flat.keys.sorted().map { key in
            (Self.reserved.contains(key) ? "meta.\(key)" : key, flat[key]!)
        }
    }

    /// Nested dictionaries become dotted keys (`ticket: [id: 12]` → `ticket.id`).
    private static func flatten(_ value: Logger.Metadata.Value, key: String, into flat: inout [String: Value]) {
        if case .dictionary(let inner) = value {
            for (innerKey, innerValue) in inner { flatten(innerValue, key: "\(key).\(innerKey)", into: &flat) }
            return
        }
        flat[key] = isSecret(key) ? .text("<redacted>") : convert(value)
    }

    private static func convert(_ value: Logger.Metadata.Value) -> Value {
        switch value {
        case .string(let text):
            return .text(text)
        case .stringConvertible(let item):
            switch item {
            case let flag as Bool: return .bool(flag)
            case is Int, is Int8, is Int16, is Int32, is Int64, is UInt, is UInt8, is UInt16, is UInt32, is UInt64:
                return .number(item.description)
            case let real as Double where real.isFinite: return .number(real.description)
            case let real as Float where real.isFinite: return .number(Double(real).description)
            default: return .text(item.description)
            }
        case .array(let items):
            return .list(items.map(convert))
        case .dictionary(let inner):
            // Only reached inside an array: keep it readable as one text value.
            return .text("[" + inner.keys.sorted().map { "\($0): \(inner[$0]!)" }.joined(separator: ", ") + "]")
        }
    }

    /// Keys whose values are never written: a programming mistake must not leak a secret to the journal.
    static func isSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["password", "passwd", "secret", "token", "authorization"].contains { lowered.contains($0) }
    }

    /// The syslog priority of a level (RFC 5424 §6.2.1), for journald's `<N>` prefix.
    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}

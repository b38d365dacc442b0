import Foundation

/// A JSON value as the operator commands print it (`--json`): explicit `null`s, exact keys, stable
/// key order. Built by the views, printed with ``render(pretty:)``, parsed back by the tests with
/// `JSONSerialization`.
public enum JSONNode: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A number with a fraction (percentages, averages), printed with at most two decimals.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONNode])
    /// An object.
    case object([String: JSONNode])

    /// `value` or `null`.
    public static func optional(_ value: String?) -> JSONNode { value.map(JSONNode.string) ?? .null }
    /// `value` or `null`.
    public static func optional(_ value: Int?) -> JSONNode { value.map(JSONNode.int) ?? .null }
    /// `value` or `null`.
    public static func optional(_ value: Bool?) -> JSONNode { value.map(JSONNode.bool) ?? .null }
    /// `value` rounded to two decimals, or `null`.
    public static func optional(_ value: Double?) -> JSONNode {
        value.map { JSONNode.double(($0 * 100).rounded() / 100) } ?? .null
    }

    /// The UTF-8 JSON text, keys sorted; pretty-printed with two-space indentation when asked.
    public func render(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value):
            if value.isFinite {
                out += value == value.rounded() && abs(value) < 1e15 ? String(format: "%.1f", value) : String(value)
            } else {
                out += "null"
            }
        case .string(let value): Self.quote(value, into: &out)
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                value.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                Self.quote(key, into: &out)
                out += pretty ? ": " : ":"
                members[key]!.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    /// RFC 8259 §7 string escaping: quotes, backslash and control characters, and U+2028/U+2029
    /// for readers that treat them as line ends; everything else as UTF-8. Also the log handler's.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029:
                out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

import Logging

/// A swift-log handler writing one logfmt line per event:
/// `ts=2026-11-24T23:59:01.123Z level=info msg=ticket_created plan=pro ticket.id=12`.
///
/// Keys come in a fixed order (`ts`, `level`, `msg`, then metadata sorted by key, then `error`);
/// nested metadata dictionaries are flattened to dotted keys. A value is written bare when it is
/// made only of printable characters other than space, `=` and `"`; otherwise it is double-quoted
/// with `\"`, `\\`, `\n`, `\r`, `\t` and `\u00XX` escapes, so an event is always exactly one line.
/// Metadata keys that name secrets (`password`, `token`, …) are written as `<redacted>`.
public struct LogfmtLogHandler: LogHandler {
    /// Metadata attached to this handler (`logger[metadataKey:]`).
    public var metadata: Logger.Metadata = [:]
    /// A provider of task-local metadata, merged into each event.
    public var metadataProvider: Logger.MetadataProvider?
    private var ownLevel: Logger.Level?
    private let levelControl: LogLevelControl
    private let output: LogOutput
    private let timestamps: Bool

    /// Creates a handler.
    /// - Parameters:
    ///   - level: The shared level (changed by a reload); `logLevel` set on a logger overrides it.
    ///   - output: Where lines go (standard error by default).
    ///   - timestamps: Whether to write `ts=` (off under journald, which stamps every line itself).
    ///   - metadataProvider: Task-local metadata, if any.
    public init(
        level: LogLevelControl, output: LogOutput = .standardError(), timestamps: Bool = true,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.levelControl = level
        self.output = output
        self.timestamps = timestamps
        self.metadataProvider = metadataProvider
    }

    /// The level below which events are dropped.
    public var logLevel: Logger.Level {
        get { ownLevel ?? levelControl.level }
        set { ownLevel = newValue }
    }

    /// One metadata value of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats and writes one event.
    public func log(event: LogEvent) {
        output.emit(format(event), syslogPriority: LogFields.syslogPriority(event.level))
    }

    /// The line for an event, without newline.
    func format(_ event: LogEvent) -> String {
        var line = ""
        line.reserveCapacity(160)
        if timestamps { line += "ts=" + LogTimestamp.now() + " " }
        line += "level=" + event.level.rawValue
        line += " msg=" + Self.value(event.message.description)
        let fields = LogFields(handlerMetadata: metadata, provider: metadataProvider, event: event.metadata)
        for (key, value) in fields.fields {
            line += " " + Self.key(key) + "=" + Self.render(value)
        }
        if let error = event.error {
            line += " error=" + Self.value(String(describing: error))
        }
        return line
    }

    static func render(_ field: LogFields.Value) -> String {
        switch field {
        case .text(let text): value(text)
        case .number(let number): number
        case .bool(let flag): flag ? "true" : "false"
        case .list(let items): value(items.map(plain).joined(separator: ","))
        }
    }

    private static func plain(_ field: LogFields.Value) -> String {
        switch field {
        case .text(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .list(let items): "[" + items.map(plain).joined(separator: ",") + "]"
        }
    }

    /// A key: characters that would break the line (space, `=`, `"`, controls) become `_`.
    static func key(_ key: String) -> String {
        guard !key.isEmpty else { return "_" }
        guard key.unicodeScalars.contains(where: { !isBare($0) }) else { return key }
        return String(String.UnicodeScalarView(key.unicodeScalars.map { isBare($0) ? $0 : "_" }))
    }

    /// A value, quoted and escaped when it has to be.
    static func value(_ text: String) -> String {
        guard text.isEmpty || text.unicodeScalars.contains(where: { !isBare($0) }) else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// Printable, not space, not `=` or `"` or `\`: safe outside quotes.
    private static func isBare(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value <= 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) { return false }
        if scalar == "=" || scalar == "\"" || scalar == "\\" { return false }
        if scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.properties.isWhitespace { return false }
        return true
    }
}

import Logging

/// A swift-log handler writing one JSON object per line (JSON Lines):
/// `{"ts":"2026-11-24T23:59:01.123Z","level":"info","msg":"ticket_created","plan":"pro","ticket.id":12}`.
///
/// Keys: `ts` (unless under journald), `level`, `msg`, the metadata with dotted keys sorted, then
/// `error`. Integer, floating-point and boolean metadata (`"\(n)"` is text; `.stringConvertible(12)`
/// a number) are written as JSON numbers and booleans, lists as arrays. Strings are escaped per
/// RFC 8259 §7, so every event is one line of valid JSON. Secret-named keys are `"<redacted>"`.
public struct JSONLogHandler: LogHandler {
    /// Metadata attached to this handler (`logger[metadataKey:]`).
    public var metadata: Logger.Metadata = [:]
    /// A provider of task-local metadata, merged into each event.
    public var metadataProvider: Logger.MetadataProvider?
    private var ownLevel: Logger.Level?
    private let levelControl: LogLevelControl
    private let output: LogOutput
    private let timestamps: Bool

    /// Creates a handler; see ``LogfmtLogHandler/init(level:output:timestamps:metadataProvider:)``.
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

    /// The JSON object for an event, without newline.
    func format(_ event: LogEvent) -> String {
        var line = "{"
        line.reserveCapacity(200)
        if timestamps { line += "\"ts\":\"" + LogTimestamp.now() + "\"," }
        line += "\"level\":\"" + event.level.rawValue + "\""
        line += ",\"msg\":" + Self.string(event.message.description)
        let fields = LogFields(handlerMetadata: metadata, provider: metadataProvider, event: event.metadata)
        for (key, value) in fields.fields {
            line += "," + Self.string(key) + ":" + Self.render(value)
        }
        if let error = event.error {
            line += ",\"error\":" + Self.string(String(describing: error))
        }
        return line + "}"
    }

    static func render(_ field: LogFields.Value) -> String {
        switch field {
        case .text(let text): string(text)
        case .number(let number): number
        case .bool(let flag): flag ? "true" : "false"
        case .list(let items): "[" + items.map(render).joined(separator: ",") + "]"
        }
    }

    /// A JSON string literal, escaped by ``JSONNode`` (RFC 8259 §7, U+2028/U+2029 included).
    static func string(_ text: String) -> String {
        var quoted = ""
        JSONNode.quote(text, into: &quoted)
        return quoted
    }
}

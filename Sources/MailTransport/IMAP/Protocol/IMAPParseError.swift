/// Why a server response could not be read: framing limits or grammar. Always becomes a
/// `TransportError.protocolError` and drops the connection (its framing can't be trusted).
struct IMAPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

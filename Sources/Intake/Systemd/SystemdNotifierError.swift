/// A notification that could not be delivered to systemd. Never fatal for the daemon: the callers of
/// ``SystemdNotifier``'s convenience methods just get `false`.
public struct SystemdNotifierError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed: `socket`, `sendto`, `address` (the socket path is too long or empty).
    public var operation: String
    /// `errno` of the failed call, 0 when none.
    public var errorNumber: Int32
    /// The C library's text for `errorNumber`, or what is wrong with the address.
    public var reason: String

    /// Creates an error.
    public init(operation: String, errorNumber: Int32, reason: String) {
        self.operation = operation
        self.errorNumber = errorNumber
        self.reason = reason
    }

    /// `sd_notify sendto failed: Connection refused`.
    public var description: String { "sd_notify \(operation) failed: \(reason)" }
}

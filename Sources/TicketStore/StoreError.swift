/// The one error type of the store: a code and a secret-free message.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The file cannot be created, opened or migrated.
        public static let cannotOpen = Code("cannot open")
        /// SQLite refused a statement (constraint, I/O, busy).
        public static let database = Code("database error")
        /// No such ticket, outbox row or quarantine entry.
        public static let notFound = Code("not found")
        /// The operation does not apply in the current state (resolving a resolved ticket, …).
        public static let invalidState = Code("invalid state")
        /// The name of the code.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// Details for the log.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}

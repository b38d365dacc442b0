/// The one error type of the transport layer: a code, whether a retry makes sense, and the context
/// an operator needs (curl's code and error-buffer text, the server's reply). Never a password or a
/// token.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connectionFailed = "connection failed"
            case timedOut = "timed out"
            case tlsFailure = "TLS failure"
            case authenticationFailed = "authentication failed"
            case mailboxNotFound = "mailbox not found"
            case uidValidityChanged = "UIDVALIDITY changed"
            case rejectedPermanently = "rejected permanently"
            case rejectedTemporarily = "rejected temporarily"
            case protocolError = "protocol error"
            case configuration = "configuration error"
            case cancelled = "cancelled"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The server could not be reached, refused the connection, or dropped it.
        public static let connectionFailed = Code(.connectionFailed)
        /// A connect, response or stall timeout expired.
        public static let timedOut = Code(.timedOut)
        /// TLS could not be established: handshake failure, certificate verification failure, or a
        /// server that will not upgrade with STARTTLS while TLS is required.
        public static let tlsFailure = Code(.tlsFailure)
        /// The server refused the credentials (password or OAuth2 token).
        public static let authenticationFailed = Code(.authenticationFailed)
        /// The configured mailbox does not exist (IMAP SELECT failed).
        public static let mailboxNotFound = Code(.mailboxNotFound)
        /// The mailbox's UIDVALIDITY differs from the one the caller expected: every stored UID is void.
        public static let uidValidityChanged = Code(.uidValidityChanged)
        /// The server refused for good (SMTP 5xx, IMAP NO to a request that will not change).
        public static let rejectedPermanently = Code(.rejectedPermanently)
        /// The server refused for now (SMTP 4xx); try again later.
        public static let rejectedTemporarily = Code(.rejectedTemporarily)
        /// The server said something that does not follow the protocol, or answered BAD.
        public static let protocolError = Code(.protocolError)
        /// The settings cannot work (bad URL, unreadable token file, unsupported scheme).
        public static let configuration = Code(.configuration)
        /// The caller's task was cancelled, or the client was closed.
        public static let cancelled = Code(.cancelled)

        /// Whether an error with this code is worth retrying when nothing more specific is known.
        public var isRetryableByDefault: Bool {
            switch base {
            case .connectionFailed, .timedOut, .rejectedTemporarily: return true
            default: return false
            }
        }

        /// The code's human-readable name, e.g. `connection failed`.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// A short, secret-free explanation (curl's error buffer, the server's reply text).
    public var message: String
    /// The raw `CURLcode`, when libcurl reported the failure.
    public var curlCode: Int?
    /// The last IMAP/SMTP reply code, when there was one (e.g. 550).
    public var replyCode: Int?
    /// Whether trying the same operation again later can succeed. Defaults to the code's
    /// ``Code/isRetryableByDefault``; the transport refines it where it knows better (a TLS
    /// handshake that broke off is retryable, a certificate that fails verification is not).
    public var isRetryable: Bool

    /// Creates an error. `retryable` overrides the code's default retryability.
    public init(_ code: Code, _ message: String, curlCode: Int? = nil, replyCode: Int? = nil, retryable: Bool? = nil) {
        self.code = code
        self.message = message
        self.curlCode = curlCode
        self.replyCode = replyCode
        self.isRetryable = retryable ?? code.isRetryableByDefault
    }

    /// One line for logs and the CLI: code, message, reply and curl codes.
    public var description: String {
        var text = "\(code): \(message)"
        if let replyCode { text += " (reply \(replyCode))" }
        if let curlCode { text += " (curl \(curlCode))" }
        return text
    }
}

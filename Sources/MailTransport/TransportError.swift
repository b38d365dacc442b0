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
        public static let connectionFailed = Code(.connectionFailed)
        public static let timedOut = Code(.timedOut)
        public static let tlsFailure = Code(.tlsFailure)
        public static let authenticationFailed = Code(.authenticationFailed)
        public static let mailboxNotFound = Code(.mailboxNotFound)
        public static let uidValidityChanged = Code(.uidValidityChanged)
        public static let rejectedPermanently = Code(.rejectedPermanently)
        public static let rejectedTemporarily = Code(.rejectedTemporarily)
        public static let protocolError = Code(.protocolError)
        public static let configuration = Code(.configuration)
        public static let cancelled = Code(.cancelled)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// A short, secret-free explanation (curl's error buffer, the server's reply text).
    public var message: String
    /// The raw `CURLcode`, when libcurl reported the failure.
    public var curlCode: Int?
    /// The last IMAP/SMTP reply code, when there was one (e.g. 550).
    public var replyCode: Int?

    public init(_ code: Code, _ message: String, curlCode: Int? = nil, replyCode: Int? = nil) {
        self.code = code
        self.message = message
        self.curlCode = curlCode
        self.replyCode = replyCode
    }

    /// Whether trying the same operation again later can succeed.
    public var isRetryable: Bool {
        switch code {
        case .connectionFailed, .timedOut, .rejectedTemporarily, .tlsFailure: return true
        default: return false
        }
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let replyCode { text += " (reply \(replyCode))" }
        if let curlCode { text += " (curl \(curlCode))" }
        return text
    }
}

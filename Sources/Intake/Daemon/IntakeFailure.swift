import MailTransport
import TicketStore

/// Why a mailbox check or an outbox pass stopped: the server (retry after backoff) or the store.
public enum IntakeFailure: Error, Sendable, CustomStringConvertible {
    /// The IMAP or SMTP server failed.
    case transport(TransportError)
    /// The database failed.
    case store(StoreError)

    /// The underlying error's text.
    public var description: String {
        switch self {
        case .transport(let error): "transport: \(error)"
        case .store(let error): "store: \(error)"
        }
    }
}

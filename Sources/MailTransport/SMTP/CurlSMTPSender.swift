import Logging

/// ``MailSender`` over libcurl: `smtps://` or `smtp://` with STARTTLS required, AUTH with a
/// password or XOAUTH2, envelope sender and recipients from ``Envelope``. One handle and one
/// dedicated OS thread per sender; consecutive sends reuse the open connection.
///
/// A refused recipient does not stop the others (`MAIL_RCPT_ALLOWFAILS`); each recipient's
/// outcome is read from the server's RCPT replies. Only when every recipient is refused does
/// `send` throw: `.rejectedPermanently` for 5xx, `.rejectedTemporarily` for 4xx; network trouble
/// is `.connectionFailed`/`.timedOut`, both retryable.
public final class CurlSMTPSender: MailSender {
    /// The endpoint this sender submits to.
    public let endpoint: SMTPEndpoint
    private let worker: CurlWorker<SMTPSession>

    /// Creates a sender; nothing connects until the first call.
    public init(endpoint: SMTPEndpoint, logger: Logger) {
        self.endpoint = endpoint
        worker = CurlWorker(name: "smtp \(endpoint.host)") { SMTPSession(endpoint: endpoint, logger: logger) }
    }

    deinit {
        worker.shutdownNow()
    }

    /// Submits `message` (CRLF line endings, complete headers; libcurl dot-stuffs) to the
    /// envelope's recipients. `SendResult.replyCode` is the reply after DATA (250).
    public func send(_ message: [UInt8], envelope: Envelope) async throws(TransportError) -> SendResult {
        try await worker.run { session, flag throws(TransportError) in
            try session.send(message, envelope: envelope, cancellation: flag)
        }
    }

    /// Connects, says EHLO, upgrades with STARTTLS and authenticates without sending anything, for
    /// `support-intake check`.
    public func verify() async throws(TransportError) -> SMTPCheckResult {
        try await worker.run { session, flag throws(TransportError) in try session.verify(cancellation: flag) }
    }

    /// Connections opened so far (a batch on one connection counts 1).
    func connectionsOpened() async throws(TransportError) -> Int {
        try await worker.run { session, _ in session.connectionsOpened }
    }

    /// Says QUIT (bounded) and ends the worker thread; later sends fail with `.cancelled`.
    public func close() async {
        await worker.shutdown { session in session.close() }
    }
}

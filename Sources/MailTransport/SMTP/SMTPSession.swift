import CCurl
import Foundation
import Logging

/// The SMTP side on its worker thread: one easy handle reused across sends, so libcurl keeps the
/// authenticated connection open for a batch (a failed transfer makes libcurl reconnect on the next).
final class SMTPSession {
    let endpoint: SMTPEndpoint
    let logger: Logger
    private var easy: CurlEasy?
    /// How many connections libcurl opened for sends (`CURLINFO_NUM_CONNECTS`), for tests and logs.
    private(set) var connectionsOpened = 0

    init(endpoint: SMTPEndpoint, logger: Logger) {
        self.endpoint = endpoint
        self.logger = logger
    }

    /// Drops the handle; libcurl sends QUIT, bounded by a short response timeout.
    func close() {
        if let easy {
            try? easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, 2)
            try? easy.set(CURLOPT_TIMEOUT, 2)
        }
        easy = nil
    }

    /// Checks an address for the envelope: no brackets, spaces or control characters.
    static func validAddress(_ address: String) -> Bool {
        guard !address.isEmpty, address.utf8.count <= 320, address.contains("@") else { return false }
        return !address.utf8.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }

    func send(_ message: [UInt8], envelope: Envelope, cancellation: CancellationFlag) throws(TransportError) -> SendResult {
        guard envelope.sender.isEmpty || Self.validAddress(envelope.sender) else {
            throw TransportError(.configuration, "envelope sender \"\(IMAPResponseParser.printable(envelope.sender))\" is not an address")
        }
        var recipients: [String] = []
        for recipient in envelope.recipients where !recipients.contains(recipient) {
            guard Self.validAddress(recipient) else {
                throw TransportError(.rejectedPermanently, "recipient \"\(IMAPResponseParser.printable(recipient))\" is not an address")
            }
            recipients.append(recipient)
        }
        guard !recipients.isEmpty else { throw TransportError(.rejectedPermanently, "the message has no recipients") }
        guard !message.isEmpty else { throw TransportError(.rejectedPermanently, "the message is empty") }

        let easy: CurlEasy
        if let existing = self.easy {
            easy = existing
            easy.reset()
        } else {
            easy = try CurlEasy()
            self.easy = easy
        }
        let transfer = CurlTransfer(upload: message)
        try easy.configure(endpoint.curlSettings)
        try easy.set(CURLOPT_MAIL_FROM, "<\(envelope.sender)>")
        try easy.set(CURLOPT_MAIL_RCPT, list: recipients.map { "<\($0)>" })
        try easy.setRecipientsMayFail(true)
        try easy.set(CURLOPT_UPLOAD, 1)
        try easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.count))
        try easy.set(CURLOPT_MAXAGE_CONN, 60)
        try transfer.install(on: easy)
        let code = withExtendedLifetime(transfer) { easy.perform(cancellation: cancellation) }
        let replies = SMTPReply.group(transfer.lines)
        let responseCode = easy.responseCode
        let errorText = easy.errorText
        connectionsOpened += easy.newConnections
        try? easy.set(CURLOPT_READDATA, pointer: nil)
        try? easy.set(CURLOPT_HEADERDATA, pointer: nil)
        return try Self.outcome(code: code, errorText: errorText, responseCode: responseCode,
                                replies: replies, recipients: recipients)
    }

    /// Reads the transaction's replies from the end of the stream (connection set-up replies may
    /// precede them): `MAIL`, one per `RCPT`, `DATA` (354) and the final reply, as far as the
    /// transaction got.
    static func outcome(code: CURLcode, errorText: String, responseCode: Int, replies: [SMTPReply],
                        recipients: [String]) throws(TransportError) -> SendResult {
        var replies = replies
        if code != CURLE_OK {
            // After a failed transaction libcurl closes the connection: drop the QUIT reply.
            while replies.last?.code == 221 { replies.removeLast() }
        }
        let n = recipients.count
        func rcptReplies(endingBefore end: Int) -> [SMTPReply]? {
            guard end - n >= 0, end <= replies.count else { return nil }
            let slice = Array(replies[(end - n)..<end])
            return slice.allSatisfy { (200..<600).contains($0.code) && !(300..<400).contains($0.code) } ? slice : nil
        }
        func outcomes(_ slice: [SMTPReply]?) -> [String: SendResult.RecipientOutcome] {
            guard let slice else { return [:] }
            var result: [String: SendResult.RecipientOutcome] = [:]
            for (recipient, reply) in zip(recipients, slice) {
                switch reply.code {
                case 200..<300: result[recipient] = .accepted
                case 400..<500: result[recipient] = .rejectedTemporarily(code: reply.code)
                default: result[recipient] = .rejectedPermanently(code: reply.code)
                }
            }
            return result
        }
        func refusal(_ what: String, _ reply: SMTPReply?, code replyCode: Int) -> TransportError {
            let text = reply.map { "\($0.code) \($0.text)" } ?? "\(replyCode)"
            let kind: TransportError.Code = (400..<500).contains(replyCode) ? .rejectedTemporarily : .rejectedPermanently
            return TransportError(kind, "\(what): \(text)", curlCode: Int(code.rawValue), replyCode: replyCode)
        }

        if code == CURLE_OK {
            guard let final = replies.last, (200..<300).contains(final.code) else {
                throw TransportError(.protocolError, "SMTP transfer ended without a final reply", curlCode: 0)
            }
            let dataIndex = replies.count - 2
            guard dataIndex >= 0, replies[dataIndex].code == 354, let slice = rcptReplies(endingBefore: dataIndex) else {
                // Accepted, but the replies can't be told apart: all recipients got the mail or
                // libcurl would have failed; only a partial refusal would be invisible.
                return SendResult(replyCode: final.code, recipients: Dictionary(uniqueKeysWithValues: recipients.map { ($0, .accepted) }))
            }
            return SendResult(replyCode: final.code, recipients: outcomes(slice))
        }
        if code == CURLE_SEND_ERROR || code == CURLE_WEIRD_SERVER_REPLY, (400..<600).contains(responseCode) {
            if errorText.hasPrefix("MAIL failed") {
                throw refusal("MAIL FROM refused", replies.last, code: responseCode)
            }
            if errorText.hasPrefix("RCPT failed") {
                let slice = rcptReplies(endingBefore: replies.count)
                let temporary = slice?.contains { (400..<500).contains($0.code) } ?? (400..<500).contains(responseCode)
                let summary = slice.map { zip(recipients, $0).map { "\($0): \($1.code) \($1.text)" }.joined(separator: "; ") }
                    ?? "\(responseCode)"
                throw TransportError(temporary ? .rejectedTemporarily : .rejectedPermanently,
                                     "every recipient refused: \(summary)", curlCode: Int(code.rawValue), replyCode: responseCode)
            }
            if errorText.hasPrefix("DATA failed") {
                throw refusal("DATA refused", replies.last, code: responseCode)
            }
            // The reply to the message itself (after the final dot).
            throw refusal("message refused", replies.last, code: responseCode)
        }
        throw TransportError.curl(code, errorText: errorText, responseCode: responseCode, what: "SMTP send")
    }

    /// Connect, EHLO, STARTTLS and AUTH without sending (`CONNECT_ONLY`), for `check`.
    func verify(cancellation: CancellationFlag) throws(TransportError) -> SMTPCheckResult {
        let easy = try CurlEasy()
        let transfer = CurlTransfer(upload: [])
        try easy.configure(endpoint.curlSettings)
        try easy.set(CURLOPT_CONNECT_ONLY, 1)
        try easy.set(CURLOPT_TIMEOUT_MS, CurlConnectionSettings.milliseconds(endpoint.connectTimeout + endpoint.stallTimeout))
        try transfer.install(on: easy)
        let code = withExtendedLifetime(transfer) { easy.perform(cancellation: cancellation) }
        defer {
            try? easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, 2)
            try? easy.set(CURLOPT_TIMEOUT, 2)
        }
        guard code == CURLE_OK else {
            throw TransportError.curl(code, errorText: easy.errorText, responseCode: easy.responseCode,
                                      what: "SMTP connect and login to \(endpoint.host):\(endpoint.port)")
        }
        let replies = SMTPReply.group(transfer.lines)
        let greeting = replies.first { $0.code == 220 }?.text ?? ""
        let ehlo = replies.last { $0.code == 250 && $0.lines.count > 1 }
        let extensions = Array(ehlo?.lines.dropFirst() ?? [])
        let authenticated = endpoint.username != nil && replies.contains { $0.code == 235 }
        return SMTPCheckResult(greeting: greeting, extensions: extensions, authenticated: authenticated)
    }
}

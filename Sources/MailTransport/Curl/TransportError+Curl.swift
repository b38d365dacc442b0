import CCurl

extension TransportError {
    /// Maps a failed libcurl call to the transport's error: the `CURLcode`, curl's error-buffer
    /// text and `CURLINFO_RESPONSE_CODE` together decide the code and whether a retry makes sense
    /// (LIBCURL.md §7). `what` names the step for the message (e.g. `IMAP login`).
    static func curl(_ code: CURLcode, errorText: String, responseCode: Int, what: String) -> TransportError {
        let number = Int(code.rawValue)
        let reason = errorText.isEmpty ? String(cString: curl_easy_strerror(code)) : errorText
        let message = "\(what): \(reason)"
        let reply = responseCode > 0 ? responseCode : nil
        func byReply(otherwise: Code, retryable: Bool? = nil) -> TransportError {
            switch responseCode {
            case 400..<500: return TransportError(.rejectedTemporarily, message, curlCode: number, replyCode: reply)
            case 500..<600: return TransportError(.rejectedPermanently, message, curlCode: number, replyCode: reply)
            default: return TransportError(otherwise, message, curlCode: number, replyCode: reply, retryable: retryable)
            }
        }
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
             CURLE_RECV_ERROR, CURLE_GOT_NOTHING:
            return TransportError(.connectionFailed, message, curlCode: number, replyCode: reply)
        case CURLE_SEND_ERROR:
            // SMTP MAIL/RCPT/DATA refusals share this code with a socket failure.
            return byReply(otherwise: .connectionFailed)
        case CURLE_OPERATION_TIMEDOUT:
            return TransportError(.timedOut, message, curlCode: number, replyCode: reply)
        case CURLE_SSL_CONNECT_ERROR:
            // A handshake that broke off can be a transient network failure.
            return TransportError(.tlsFailure, message, curlCode: number, replyCode: reply, retryable: true)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
             CURLE_USE_SSL_FAILED, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED:
            return TransportError(.tlsFailure, message, curlCode: number, replyCode: reply, retryable: false)
        case CURLE_LOGIN_DENIED:
            if errorText.localizedCaseInsensitiveContains("select failed") {
                return TransportError(.mailboxNotFound, message, curlCode: number, replyCode: reply)
            }
            return TransportError(.authenticationFailed, message, curlCode: number, replyCode: reply)
        case CURLE_REMOTE_FILE_NOT_FOUND:
            if errorText.localizedCaseInsensitiveContains("uidvalidity") {
                return TransportError(.uidValidityChanged, message, curlCode: number, replyCode: reply)
            }
            return TransportError(.mailboxNotFound, message, curlCode: number, replyCode: reply)
        case CURLE_ABORTED_BY_CALLBACK:
            return TransportError(.cancelled, "\(what): cancelled", curlCode: number)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_NOT_BUILT_IN, CURLE_FAILED_INIT,
             CURLE_BAD_FUNCTION_ARGUMENT, CURLE_UNKNOWN_OPTION:
            return TransportError(.configuration, message, curlCode: number, replyCode: reply)
        case CURLE_REMOTE_ACCESS_DENIED, CURLE_WEIRD_SERVER_REPLY, CURLE_QUOTE_ERROR, CURLE_UPLOAD_FAILED:
            return byReply(otherwise: .protocolError)
        default:
            return byReply(otherwise: .protocolError)
        }
    }
}

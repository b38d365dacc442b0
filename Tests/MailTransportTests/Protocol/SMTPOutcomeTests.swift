import CCurl
import Testing
@testable import MailTransport

@Suite struct SMTPOutcomeTests {
    static let setup = ["220 mail.example.test ESMTP Postfix", "250-mail.example.test", "250-PIPELINING", "250 AUTH PLAIN",
                        "235 2.7.0 Authentication successful"]

    @Test func groupsMultiLineReplies() {
        let replies = SMTPReply.group(Self.setup.map { $0 + "\r\n" } + ["garbage\r\n", "25"])
        #expect(replies.map(\.code) == [220, 250, 235])
        #expect(replies[1].lines == ["mail.example.test", "PIPELINING", "AUTH PLAIN"])
    }

    @Test func perRecipientOutcomesOnSuccess() throws {
        let lines = Self.setup + ["250 2.1.0 Ok", "250 2.1.5 Ok", "550 5.1.1 unknown", "450 4.2.1 busy", "354 End data with <CR><LF>.<CR><LF>",
                                  "250 2.0.0 Ok: queued as ABC"]
        let result = try SMTPSession.outcome(code: CURLE_OK, errorText: "", responseCode: 250, replies: SMTPReply.group(lines),
                                             recipients: ["a@x.test", "b@x.test", "c@x.test"])
        #expect(result.replyCode == 250)
        #expect(result.recipients == ["a@x.test": .accepted, "b@x.test": .rejectedPermanently(code: 550),
                                      "c@x.test": .rejectedTemporarily(code: 450)])
    }

    @Test func everyRecipientRefused() {
        let lines = Self.setup + ["250 2.1.0 Ok", "550 5.1.1 unknown", "554 5.7.1 relay denied", "221 2.0.0 Bye"]
        do {
            _ = try SMTPSession.outcome(code: CURLE_SEND_ERROR, errorText: "RCPT failed: 554 (last error)", responseCode: 554,
                                        replies: SMTPReply.group(lines), recipients: ["a@x.test", "b@y.test"])
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .rejectedPermanently)
            #expect(error.message.contains("a@x.test: 550"))
        }
        do {
            _ = try SMTPSession.outcome(code: CURLE_SEND_ERROR, errorText: "RCPT failed: 450 (last error)", responseCode: 450,
                                        replies: SMTPReply.group(Self.setup + ["250 Ok", "550 no", "450 busy"]), recipients: ["a@x.test", "b@x.test"])
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .rejectedTemporarily)
            #expect(error.isRetryable)
        }
    }

    @Test func refusalsAfterDataAndNetworkFailures() {
        do {
            _ = try SMTPSession.outcome(code: CURLE_WEIRD_SERVER_REPLY, errorText: "", responseCode: 554,
                                        replies: SMTPReply.group(Self.setup + ["250 Ok", "250 Ok", "354 go", "554 5.7.1 content rejected"]),
                                        recipients: ["a@x.test"])
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .rejectedPermanently)
            #expect(error.replyCode == 554)
        }
        do {
            _ = try SMTPSession.outcome(code: CURLE_SEND_ERROR, errorText: "Send failure: Broken pipe", responseCode: 0,
                                        replies: [], recipients: ["a@x.test"])
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .connectionFailed)
            #expect(error.isRetryable)
        }
    }

    @Test(arguments: [
        (CURLE_COULDNT_CONNECT, TransportError.Code.connectionFailed, true),
        (CURLE_OPERATION_TIMEDOUT, .timedOut, true),
        (CURLE_PEER_FAILED_VERIFICATION, .tlsFailure, false),
        (CURLE_SSL_CONNECT_ERROR, .tlsFailure, true),
        (CURLE_USE_SSL_FAILED, .tlsFailure, false),
        (CURLE_LOGIN_DENIED, .authenticationFailed, false),
        (CURLE_ABORTED_BY_CALLBACK, .cancelled, false),
        (CURLE_URL_MALFORMAT, .configuration, false),
    ])
    func curlCodes(_ code: CURLcode, _ expected: TransportError.Code, _ retryable: Bool) {
        let error = TransportError.curl(code, errorText: "", responseCode: 0, what: "test")
        #expect(error.code == expected)
        #expect(error.isRetryable == retryable)
    }

    @Test func selectFailedIsAMissingMailbox() {
        let error = TransportError.curl(CURLE_LOGIN_DENIED, errorText: "Select failed", responseCode: 0, what: "IMAP")
        #expect(error.code == .mailboxNotFound)
    }
}

@Suite struct IMAPLoginRefusalTests {
    @Test func fullServerIsTemporaryAndBadPasswordIsNot() {
        let full = IMAPConnection.loginRefusal(["* OK ready\r\n", "A2 NO [UNAVAILABLE] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)\r\n"])
        #expect(full?.code == .rejectedTemporarily)
        #expect(full?.isRetryable == true)
        let wrong = IMAPConnection.loginRefusal(["+ \r\n", "A2 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"])
        #expect(wrong?.code == .authenticationFailed)
        #expect(wrong?.isRetryable == false)
        #expect(IMAPConnection.loginRefusal(["* OK ready\r\n"]) == nil)
    }
}

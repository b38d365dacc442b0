import MailTransport

extension SupportIntakeConfiguration.Server {
    /// The transport credential: the OAuth2 token file (re-read at each login) or the password; nil
    /// when neither is configured (SMTP without authentication).
    public var credential: MailCredential? {
        if let oauth2TokenFile { return .oauth2TokenFile(oauth2TokenFile) }
        return password.map(MailCredential.password)
    }

    /// The `imap.*` settings as the transport's endpoint.
    /// - Throws: `TransportError` `.configuration` when the transport refuses a setting.
    public func imapEndpoint() throws(TransportError) -> IMAPEndpoint {
        guard let credential else { throw TransportError(.configuration, "imap has no password or token") }
        return try IMAPEndpoint(
            url: url, username: username, credential: credential, caFile: caFile, allowInsecure: allowInsecure,
            connectTimeout: connectTimeout, stallTimeout: stallTimeout)
    }

    /// The `smtp.*` settings as the transport's endpoint (no authentication without a username).
    /// - Throws: `TransportError` `.configuration` when the transport refuses a setting.
    public func smtpEndpoint() throws(TransportError) -> SMTPEndpoint {
        try SMTPEndpoint(
            url: url, username: username.isEmpty || credential == nil ? nil : username,
            credential: username.isEmpty ? nil : credential,
            caFile: caFile, allowInsecure: allowInsecure,
            connectTimeout: connectTimeout, stallTimeout: stallTimeout)
    }

    /// At least one second, whatever the settings say.
    private var connectTimeout: Duration { .seconds(max(1, connectTimeoutSeconds)) }
    private var stallTimeout: Duration { .seconds(max(1, stallTimeoutSeconds)) }
}

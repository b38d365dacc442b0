import MailTransport

/// The transport endpoints named by the configuration's `imap.*` and `smtp.*`.
enum TransportEndpoints {
    static func imap(_ server: SupportIntakeConfiguration.Server) throws(TransportError) -> IMAPEndpoint {
        try IMAPEndpoint(url: server.url, username: server.username, credential: credential(server) ?? .password(""),
                         caFile: server.caFile, allowInsecure: server.allowInsecure,
                         connectTimeout: .seconds(max(1, server.connectTimeoutSeconds)),
                         stallTimeout: .seconds(max(1, server.stallTimeoutSeconds)))
    }

    static func smtp(_ server: SupportIntakeConfiguration.Server) throws(TransportError) -> SMTPEndpoint {
        let credential = credential(server)
        return try SMTPEndpoint(url: server.url, username: server.username.isEmpty || credential == nil ? nil : server.username,
                                credential: credential, caFile: server.caFile, allowInsecure: server.allowInsecure,
                                connectTimeout: .seconds(max(1, server.connectTimeoutSeconds)),
                                stallTimeout: .seconds(max(1, server.stallTimeoutSeconds)))
    }

    private static func credential(_ server: SupportIntakeConfiguration.Server) -> MailCredential? {
        if let file = server.oauth2TokenFile { return .oauth2TokenFile(file) }
        return server.password.map { .password($0) }
    }
}

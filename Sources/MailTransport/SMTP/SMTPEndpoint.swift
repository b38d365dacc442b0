import Foundation

/// Where and how ``CurlSMTPSender`` submits mail: `smtps://host:465` (implicit TLS) or
/// `smtp://host:587` (STARTTLS required unless `allowInsecure`); an optional URL path is the EHLO
/// name (`smtp://host:587/intake.example.org`).
public struct SMTPEndpoint: Sendable, CustomStringConvertible {
    /// The URL as configured (it never carries credentials).
    public let url: String
    /// `smtp` or `smtps`.
    public let scheme: String
    /// The host name or address.
    public let host: String
    /// The port (default 587 for `smtp`, 465 for `smtps`).
    public let port: Int
    /// The login name; nil submits without AUTH.
    public var username: String?
    /// Password or OAuth2 token; nil submits without AUTH.
    public var credential: MailCredential?
    /// A PEM CA bundle for a private CA; nil uses the system store. Verification is always on.
    public var caFile: String?
    /// Allows `smtp://` without STARTTLS (test beds only); off by default.
    public var allowInsecure: Bool
    /// Bounds the TCP connect and TLS handshake.
    public var connectTimeout: Duration
    /// How long the server may stay silent while a reply is due, and the longest stall of an upload.
    public var stallTimeout: Duration

    /// Parses and checks `url`; throws `.configuration` naming what is wrong.
    public init(url: String, username: String?, credential: MailCredential?, caFile: String? = nil,
                allowInsecure: Bool = false, connectTimeout: Duration = .seconds(15),
                stallTimeout: Duration = .seconds(60)) throws(TransportError) {
        guard let components = URLComponents(string: url), let rawScheme = components.scheme?.lowercased() else {
            throw TransportError(.configuration, "smtp.url is not a URL")
        }
        guard rawScheme == "smtp" || rawScheme == "smtps" else {
            throw TransportError(.configuration, "smtp.url must start with smtps:// or smtp://, not \(rawScheme)://")
        }
        guard let host = components.host, !host.isEmpty else { throw TransportError(.configuration, "smtp.url has no host") }
        guard components.user == nil, components.password == nil else {
            throw TransportError(.configuration, "smtp.url must not contain credentials; use smtp.username and smtp.password")
        }
        guard components.query == nil, components.fragment == nil else {
            throw TransportError(.configuration, "smtp.url must not have a query or fragment")
        }
        let port = components.port ?? (rawScheme == "smtps" ? 465 : 587)
        guard (1...65535).contains(port) else { throw TransportError(.configuration, "smtp.url has an invalid port") }
        guard (username == nil) == (credential == nil) else {
            throw TransportError(.configuration, "smtp.username and a password or token go together")
        }
        guard connectTimeout > .zero, stallTimeout > .zero else {
            throw TransportError(.configuration, "SMTP timeouts must be positive")
        }
        self.url = url
        self.scheme = rawScheme
        self.host = host
        self.port = port
        self.username = username
        self.credential = credential
        self.caFile = caFile
        self.allowInsecure = allowInsecure
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
    }

    var curlSettings: CurlConnectionSettings {
        CurlConnectionSettings(url: url, protocols: "smtps,smtp", isPlainScheme: scheme == "smtp",
                               allowInsecure: allowInsecure, username: username, credential: credential,
                               caFile: caFile, connectTimeout: connectTimeout, stallTimeout: stallTimeout)
    }

    /// `smtps://host:port as user` — no secret.
    public var description: String {
        let hostText = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(hostText):\(port)" + (username.map { " as \($0)" } ?? "")
    }
}

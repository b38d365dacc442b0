import Foundation
import MailCore

/// Where and how ``CurlIMAPClient`` connects: an `imaps://` URL (implicit TLS) or an `imap://` URL
/// (STARTTLS required unless `allowInsecure`), whose path is the mailbox, e.g.
/// `imaps://mail.example.com:993/INBOX` or `imap://127.0.0.1:10143/Support%20Queue`.
public struct IMAPEndpoint: Sendable, CustomStringConvertible {
    /// The URL as configured (it never carries credentials).
    public let url: String
    /// `imap` or `imaps`.
    public let scheme: String
    /// The host name or address.
    public let host: String
    /// The port (default 143 for `imap`, 993 for `imaps`).
    public let port: Int
    /// The mailbox the client reads: the URL path, percent-decoded; `INBOX` when empty.
    public let mailbox: MailboxName
    /// The login name.
    public var username: String
    /// Password or OAuth2 token (XOAUTH2).
    public var credential: MailCredential
    /// A PEM CA bundle for a private CA; nil uses the system store. Verification is always on.
    public var caFile: String?
    /// Allows `imap://` without STARTTLS (test beds only); off by default.
    public var allowInsecure: Bool
    /// Bounds the TCP connect, the TLS handshake and the login.
    public var connectTimeout: Duration
    /// How long the server may stay silent while a reply is due before the call fails.
    public var stallTimeout: Duration
    /// How often `waitForChange` polls with NOOP when the server lacks IDLE.
    public var noopInterval: Duration = .seconds(10)
    /// Capabilities to ignore although the server has them (tests force fallbacks with this).
    var ignoredCapabilities: Set<String> = []

    /// Parses and checks `url`; throws `.configuration` naming what is wrong.
    public init(url: String, username: String, credential: MailCredential, caFile: String? = nil,
                allowInsecure: Bool = false, connectTimeout: Duration = .seconds(15),
                stallTimeout: Duration = .seconds(60)) throws(TransportError) {
        guard let components = URLComponents(string: url), let rawScheme = components.scheme?.lowercased() else {
            throw TransportError(.configuration, "imap.url is not a URL")
        }
        guard rawScheme == "imap" || rawScheme == "imaps" else {
            throw TransportError(.configuration, "imap.url must start with imaps:// or imap://, not \(rawScheme)://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw TransportError(.configuration, "imap.url has no host")
        }
        guard components.user == nil, components.password == nil else {
            throw TransportError(.configuration, "imap.url must not contain credentials; use imap.username and imap.password")
        }
        guard components.query == nil, components.fragment == nil else {
            throw TransportError(.configuration, "imap.url must not have a query or fragment")
        }
        let port = components.port ?? (rawScheme == "imaps" ? 993 : 143)
        guard (1...65535).contains(port) else { throw TransportError(.configuration, "imap.url has an invalid port") }
        var path = components.path
        while path.hasPrefix("/") { path.removeFirst() }
        while path.hasSuffix("/") { path.removeLast() }
        guard !path.contains(";") else {
            throw TransportError(.configuration, "imap.url path must be a mailbox name, without ;UID= or other parameters")
        }
        guard !username.isEmpty else { throw TransportError(.configuration, "imap.username is empty") }
        guard connectTimeout > .zero, stallTimeout > .zero else {
            throw TransportError(.configuration, "IMAP timeouts must be positive")
        }
        self.url = url
        self.scheme = rawScheme
        self.host = host
        self.port = port
        self.mailbox = path.isEmpty ? .inbox : MailboxName(path)
        self.username = username
        self.credential = credential
        self.caFile = caFile
        self.allowInsecure = allowInsecure
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
        _ = try IMAPSyntax.quotedMailbox(mailbox)
    }

    /// The same server and login with another mailbox.
    public func with(mailbox: MailboxName) throws(TransportError) -> IMAPEndpoint {
        var copy = try IMAPEndpoint(url: "\(scheme)://\(hostForURL):\(port)/\(Self.percentEncode(mailbox.rawValue))",
                                    username: username, credential: credential, caFile: caFile,
                                    allowInsecure: allowInsecure, connectTimeout: connectTimeout, stallTimeout: stallTimeout)
        copy.noopInterval = noopInterval
        copy.ignoredCapabilities = ignoredCapabilities
        return copy
    }

    var hostForURL: String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    /// The URL libcurl connects to for the CONNECT_ONLY session: no path, so it does no SELECT.
    var connectURL: String { "\(scheme)://\(hostForURL):\(port)/" }

    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    var curlSettings: CurlConnectionSettings {
        CurlConnectionSettings(url: connectURL, protocols: "imaps,imap", isPlainScheme: scheme == "imap",
                               allowInsecure: allowInsecure, username: username, credential: credential,
                               caFile: caFile, connectTimeout: connectTimeout, stallTimeout: stallTimeout)
    }

    /// `imaps://host:port/mailbox as user` — no secret.
    public var description: String { "\(scheme)://\(hostForURL):\(port)/\(mailbox) as \(username)" }
}

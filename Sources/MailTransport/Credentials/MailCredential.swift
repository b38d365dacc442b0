import Foundation

/// How the transport authenticates: a password, or an OAuth2 bearer token (XOAUTH2, as Gmail and
/// Microsoft 365 require) fetched at each login so a refreshed token is picked up. Its description
/// never shows the secret.
public enum MailCredential: Sendable, CustomStringConvertible {
    /// Password login (SASL PLAIN/LOGIN as the server offers, or IMAP LOGIN).
    case password(String)
    /// An OAuth2 access token, asked for at each login (`AUTH=XOAUTH2`).
    case oauth2Token(@Sendable () throws -> String)

    /// An OAuth2 access token read from `path` at each login (surrounding whitespace ignored), so an
    /// external refresher can replace the file.
    public static func oauth2TokenFile(_ path: String) -> MailCredential {
        .oauth2Token {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// `password(<redacted>)` or `oauth2(<redacted>)`.
    public var description: String {
        switch self {
        case .password: return "password(<redacted>)"
        case .oauth2Token: return "oauth2(<redacted>)"
        }
    }
}

import Foundation

/// What every libcurl connection of the package is configured with, IMAP or SMTP alike: where,
/// who, how TLS is enforced, and the timeouts that bound every wait.
struct CurlConnectionSettings: Sendable {
    /// The URL libcurl connects to (scheme, host, port; for SMTP an optional EHLO path).
    var url: String
    /// `CURLOPT_PROTOCOLS_STR`, e.g. `imaps,imap`.
    var protocols: String
    /// `imap://` or `smtp://` (not the implicit-TLS schemes): STARTTLS is required unless insecure.
    var isPlainScheme: Bool
    var allowInsecure: Bool
    var username: String?
    var credential: MailCredential?
    var caFile: String?
    var connectTimeout: Duration
    var stallTimeout: Duration

    /// Whole seconds, at least 1, for libcurl's second-granular options.
    static func seconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }

    /// Milliseconds, at least 1.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

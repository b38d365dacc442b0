/// What `support-intake check` shows about the SMTP side after a real connect, EHLO, STARTTLS and
/// AUTH.
public struct SMTPCheckResult: Sendable, Hashable {
    /// The server's greeting (`220 …`) text.
    public var greeting: String
    /// The EHLO extensions announced after TLS (e.g. `PIPELINING`, `SIZE 10240000`, `AUTH PLAIN LOGIN`).
    public var extensions: [String]
    /// Whether the login succeeded (false when no credentials are configured).
    public var authenticated: Bool

    /// Creates a result.
    public init(greeting: String, extensions: [String], authenticated: Bool) {
        self.greeting = greeting
        self.extensions = extensions
        self.authenticated = authenticated
    }
}

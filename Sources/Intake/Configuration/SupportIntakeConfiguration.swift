import Foundation
import MailCore
import Tickets

/// Everything the daemon and the CLI are configured with: the YAML file's keys, after environment
/// overrides and secret files are applied. Plain values; loading and validation live in
/// `ConfigurationLoader`.
public struct SupportIntakeConfiguration: Sendable {
    /// One server endpoint (`imap.*` or `smtp.*`).
    public struct Server: Sendable {
        /// `imaps://host:993/INBOX`, `imap://host:143/INBOX` (STARTTLS required), `smtps://…`, `smtp://…`.
        /// For IMAP the URL path is the mailbox.
        public var url: String
        public var username: String
        /// The password, already read from `password` or `password_file`; nil with OAuth2.
        public var password: String?
        /// An OAuth2 bearer token read from `oauth2_token_file` (XOAUTH2), re-read on each login.
        public var oauth2TokenFile: String?
        /// A PEM CA bundle for a private CA; nil uses the system store.
        public var caFile: String?
        /// Allow a plain-text connection without TLS (`allow_insecure: true`); off by default.
        public var allowInsecure: Bool
        /// Seconds to wait for a TCP/TLS connection.
        public var connectTimeoutSeconds: Int
        /// Seconds a stalled exchange may last before it is abandoned.
        public var stallTimeoutSeconds: Int

        public init(url: String, username: String, password: String? = nil, oauth2TokenFile: String? = nil,
                    caFile: String? = nil, allowInsecure: Bool = false,
                    connectTimeoutSeconds: Int = 15, stallTimeoutSeconds: Int = 60) {
            self.url = url
            self.username = username
            self.password = password
            self.oauth2TokenFile = oauth2TokenFile
            self.caFile = caFile
            self.allowInsecure = allowInsecure
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.stallTimeoutSeconds = stallTimeoutSeconds
        }
    }

    /// What the intake does on the server after a mail is committed (`intake.after`).
    public enum AfterIntake: Sendable, Hashable {
        case seen
        case move(MailboxName)
        case none
    }

    /// Where a mailbox without a cursor starts (`intake.first_start`).
    public enum FirstStart: String, Sendable, Hashable {
        /// Only mail arriving from now on.
        case new
        /// Import existing mail, acknowledging only mail younger than `backfillAckMaxAge`.
        case all
    }

    /// `intake.*`.
    public struct Intake: Sendable {
        public var after: AfterIntake = .seen
        public var firstStart: FirstStart = .new
        public var backfillAckMaxAgeSeconds: Int = 86_400
        public var pollIntervalSeconds: Int = 60
        public var maxMessageBytes: Int = 25 * 1024 * 1024
        /// How many messages one FETCH asks for.
        public var batchSize: Int = 50
        /// The ticket tag written in subjects; `{id}` is replaced by the number (`[#{id}]` → `[#123]`).
        public var ticketTag: String = "[#{id}]"
        /// At most `ackCapCount` acknowledgements to one sender per `ackCapWindowSeconds`.
        public var ackCapCount: Int = 3
        public var ackCapWindowSeconds: Int = 600
        /// Our own addresses besides `smtp.from`: mail from them is never acknowledged.
        public var ownAddresses: [String] = []
        public init() {}
    }

    /// One `plans.customers` entry: an exact address (`ana@acme.com`) or a domain (`@acme.com`).
    public struct CustomerRule: Sendable, Hashable {
        public var match: String
        public var plan: Plan
        public init(match: String, plan: Plan) {
            self.match = match
            self.plan = plan
        }
    }

    /// `plans.*`.
    public struct Plans: Sendable {
        public var defaultPlan: Plan = .free
        public var customers: [CustomerRule] = []
        /// Per-plan overrides of the policy's targets, in seconds.
        public var targetOverrides: [Plan: [Priority: Int]] = [:]
        public init() {}
    }

    /// `templates.*`.
    public struct Templates: Sendable {
        /// A folder whose files override the built-in templates.
        public var directory: String?
        /// `pt`, `en` or `es`: used when a mail's language cannot be told.
        public var defaultLanguage: String = "pt"
        public init() {}
    }

    /// `log.*`.
    public struct Log: Sendable {
        public enum Format: String, Sendable { case logfmt, json }
        public var format: Format = .logfmt
        /// trace, debug, info, notice, warning, error, critical.
        public var level: String = "info"
        public init() {}
    }

    /// `satisfaction.*`.
    public struct Satisfaction: Sendable {
        public var delaySeconds: Int = 0
        public var minDaysBetween: Int = 7
        public init() {}
    }

    public var imap: Server
    public var smtp: Server
    /// `smtp.from`: the address acknowledgements and surveys come from, e.g. `Suporte <support@example.com>`.
    public var from: EmailAddress
    /// `store.path`.
    public var storePath: String = "/var/lib/support-intake/tickets.sqlite"
    public var intake = Intake()
    /// `classifier.rules_file`: replaces the built-in rules when set.
    public var rulesFile: String?
    public var plans = Plans()
    public var templates = Templates()
    public var log = Log()
    public var satisfaction = Satisfaction()
    /// `agents`: addresses whose replies count as the first human response.
    public var agents: [String] = []

    public init(imap: Server, smtp: Server, from: EmailAddress) {
        self.imap = imap
        self.smtp = smtp
        self.from = from
    }
}

import Testing

/// Every suite that talks to the test bed nests here and runs one test at a time: Dovecot allows
/// ten connections per user and IP (`mail_max_userip_connections`), and the tests log in as the
/// same support user. Skipped with a clear message when the bed is not running (CI always starts
/// it).
@Suite(.serialized, .enabled(if: MailEnv.current != nil, "mail test bed not running: start it with deploy/dev/mailenv start"))
enum MailBed {}

import MailCore
import Testing
@testable import Intake

@Suite("ConfigurationValueParser")
struct ConfigurationValueParserTests {
    @Test(arguments: [
        ("86400", 86_400), ("0", 0), ("24h", 86_400), ("30m", 1_800), ("90s", 90), ("1h30m", 5_400),
        ("2d 12h", 216_000), ("1w", 604_800), (" 15 ", 15), ("10M", 600),
    ])
    func durations(_ text: String, _ seconds: Int) {
        #expect(ConfigurationValueParser.durationSeconds(text) == seconds)
    }

    @Test(arguments: ["", "soon", "-5", "h", "5x", "1h30", "99999999999999999999", "9223372036854775807w", "1.5h"])
    func invalidDurations(_ text: String) {
        #expect(ConfigurationValueParser.durationSeconds(text) == nil)
    }

    @Test(arguments: [
        ("1024", 1_024), ("25MB", 26_214_400), ("25 MiB", 26_214_400), ("64k", 65_536), ("1G", 1_073_741_824),
        ("512b", 512),
    ])
    func byteCounts(_ text: String, _ bytes: Int) {
        #expect(ConfigurationValueParser.byteCount(text) == bytes)
    }

    @Test(arguments: ["", "big", "-1", "5TB", "MB", "99999999999999999999G"])
    func invalidByteCounts(_ text: String) {
        #expect(ConfigurationValueParser.byteCount(text) == nil)
    }

    @Test(arguments: [("yes", true), ("ON", true), ("1", true), ("true", true), ("No", false), ("off", false), ("0", false)])
    func booleans(_ text: String, _ value: Bool) {
        #expect(ConfigurationValueParser.bool(text) == value)
    }

    @Test func mailboxes() {
        #expect(ConfigurationValueParser.mailbox("support@example.com") == EmailAddress(address: "support@example.com"))
        #expect(ConfigurationValueParser.mailbox("Suporte <support@example.com>")
            == EmailAddress(name: "Suporte", address: "support@example.com"))
        #expect(ConfigurationValueParser.mailbox("\"Suporte, \\\"Acme\\\"\" <s@acme.com>")
            == EmailAddress(name: "Suporte, \"Acme\"", address: "s@acme.com"))
        #expect(ConfigurationValueParser.mailbox("<s@acme.com>") == EmailAddress(address: "s@acme.com"))
        for bad in ["", "support", "a@b@c", "Name <>", "Name <a b@c>", "x@y\r\nBcc: z@w", "Name\n <a@b>", "@domain"] {
            #expect(ConfigurationValueParser.mailbox(bad) == nil, "\(bad)")
        }
    }
}

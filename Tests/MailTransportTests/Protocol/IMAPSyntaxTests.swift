import MailCore
import Testing
@testable import MailTransport

@Suite struct IMAPSyntaxTests {
    @Test(arguments: [
        ("INBOX", "\"INBOX\""),
        ("Support Queue", "\"Support Queue\""),
        ("a\"b\\c", "\"a\\\"b\\\\c\""),
        ("Processados ✓", "\"Processados &JxM-\""),
        ("Tom & Jerry", "\"Tom &- Jerry\""),
        ("台北", "\"&U,BTFw-\""),
    ])
    func quotedMailboxNames(_ name: String, _ quoted: String) throws {
        #expect(try IMAPSyntax.quotedMailbox(MailboxName(name)) == quoted)
    }

    @Test func emptyMailboxNameIsRefused() {
        #expect(throws: TransportError.self) { _ = try IMAPSyntax.quotedMailbox(MailboxName("")) }
    }

    @Test(arguments: ["a\r\nA1 LOGOUT", "nul\0", "tab\there"])
    func controlCharactersNeverReachTheWire(_ name: String) throws {
        let quoted = try IMAPSyntax.quotedMailbox(MailboxName(name))
        #expect(!quoted.utf8.contains { $0 < 0x20 || $0 > 0x7E })
    }

    @Test func flags() {
        #expect(IMAPSyntax.flag("\\Seen") == "\\Seen")
        #expect(IMAPSyntax.flag("$Ticketed") == "$Ticketed")
        for bad in ["", "\\", "a b", "x)", "\\Seen\r\n", "é", "a\\b", "x*"] {
            #expect(IMAPSyntax.flag(bad) == nil, "\(bad)")
        }
    }

    @Test func uidSets() {
        #expect(IMAPSyntax.uidSet([5, 1, 2, 3, 9, 7, 8, 3].map { UID($0) }) == "1:3,5,7:9")
        #expect(IMAPSyntax.uidSet([UID(42)]) == "42")
        #expect(IMAPSyntax.uidSet([]) == "")
    }
}

import Foundation
import Testing
@testable import MailTransport

@Suite struct IMAPResponseParserTests {
    static func parse(_ text: String) throws -> IMAPResponse {
        var framer = IMAPResponseFramer()
        framer.append(Array(text.utf8))
        guard let raw = try framer.next() else { throw IMAPParseError("incomplete") }
        return try IMAPResponseParser.parse(raw)
    }

    @Test func parsesTheFixtureSession() throws {
        let raws = try IMAPResponseFramerTests.frame(IMAPResponseFramerTests.session, chunk: 5)
        let responses = try raws.map(IMAPResponseParser.parse)
        #expect(responses[0] == .untagged(.condition(.ok, .capability(["IMAP4rev1", "IDLE"]), "Dovecot ready.")))
        #expect(responses[1] == .untagged(.exists(3)))
        #expect(responses[2] == .untagged(.recent(0)))
        #expect(responses[3] == .untagged(.condition(.ok, .uidValidity(1_795_564_110), "UIDs valid")))
        #expect(responses[4] == .untagged(.condition(.ok, .uidNext(4), "Predicted next UID")))
        #expect(responses[5] == .untagged(.flags(["\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"])))
        guard case .untagged(.fetch(1, let first)) = responses[6] else { Issue.record("\(responses[6])"); return }
        #expect(first.uid == 1)
        #expect(first.size == 58)
        #expect(first.body?.count == 58)
        #expect(first.body?.suffix(9) == [0xE9, 0xFF, 0x00, 0x20, 0x7B, 0x35, 0x7D, 0x0D, 0x0A])
        // " 4-Nov-2026 23:10:05 -0300" = 2026-11-05T02:10:05Z
        #expect(first.internalDate == Date(timeIntervalSince1970: 1_793_844_605))
        guard case .untagged(.fetch(2, let second)) = responses[7] else { Issue.record("\(responses[7])"); return }
        #expect(second.flags == ["\\Seen", "$Ticketed"])
        #expect(second.body == [])
        #expect(responses[8] == .untagged(.search([1, 2, 3])))
        #expect(responses[9] == .untagged(.status(mailbox: "Support Queue", values: ["MESSAGES": 3, "UIDNEXT": 4, "UIDVALIDITY": 1_795_564_110])))
        #expect(responses[10] == .untagged(.other("LIST")))
        #expect(responses[11] == .continuation("idling"))
        #expect(responses[12] == .tagged(IMAPTaggedResponse(tag: "a3", status: .ok, code: .readWrite,
                                                            text: "Select completed (0.001 + 0.000 secs).")))
    }

    @Test(arguments: [
        ("A1 NO [TRYCREATE] Mailbox doesn't exist: X", IMAPResponse.tagged(IMAPTaggedResponse(tag: "A1", status: .no, code: .tryCreate, text: "Mailbox doesn't exist: X"))),
        ("A2 OK [APPENDUID 1795564110 42] Append completed.", .tagged(IMAPTaggedResponse(tag: "A2", status: .ok, code: .appendUID(validity: 1_795_564_110, uid: 42), text: "Append completed."))),
        ("A3 NO [NONEXISTENT] Unknown Mailbox", .tagged(IMAPTaggedResponse(tag: "A3", status: .no, code: .nonexistent, text: "Unknown Mailbox"))),
        ("A4 BAD Error in IMAP command", .tagged(IMAPTaggedResponse(tag: "A4", status: .bad, code: nil, text: "Error in IMAP command"))),
        ("* BYE Disconnected for inactivity.", .untagged(.condition(.bye, nil, "Disconnected for inactivity."))),
        ("* 12 EXPUNGE", .untagged(.expunge(12))),
        ("* SEARCH", .untagged(.search([]))),
        ("* SEARCH 5 7 (MODSEQ 9)", .untagged(.search([5, 7]))),
        ("* CAPABILITY IMAP4rev1 MOVE UIDPLUS IDLE", .untagged(.capability(["IMAP4rev1", "MOVE", "UIDPLUS", "IDLE"]))),
        ("* ENABLED CONDSTORE", .untagged(.other("ENABLED"))),
        ("* 3 FETCH (FLAGS (\\Seen) UID 9)", .untagged(.fetch(sequence: 3, IMAPFetchAttributes(uid: 9, flags: ["\\Seen"])))),
        ("* 3 FETCH (UID 9 ENVELOPE (NIL \"subj (x)\" ((NIL NIL \"a\" \"b\")) NIL) BODY[] NIL)",
         .untagged(.fetch(sequence: 3, IMAPFetchAttributes(uid: 9, body: [])))),
        ("+", .continuation("")),
        ("* OK [HIGHESTMODSEQ 5] x", .untagged(.condition(.ok, .other("HIGHESTMODSEQ"), "x"))),
    ])
    func parsesResponses(_ text: String, _ expected: IMAPResponse) throws {
        #expect(try Self.parse(text + "\r\n") == expected)
    }

    @Test(arguments: [
        "A1 MAYBE whatever",
        "* 1 FETCH (UID x)",
        "* 1 FETCH (UID 5",
        "* 1 FETCH (RFC822.SIZE -4)",
        "* 1 FETCH (INTERNALDATE \"yesterday\")",
        "* 1 FETCH (BODY[] \"unterminated)",
        "* SEARCH 1 two 3",
        "* STATUS INBOX (MESSAGES many)",
        "* FLAGS (\\Seen",
        "* OK [UIDVALIDITY 5 no end",
        "*",
        "* 1 FETCH (BODY[HEADER x",
        "A1",
        "",
        "* 1 FETCH (X " + String(repeating: "(", count: 100) + String(repeating: ")", count: 100) + ")",
    ])
    func badRepliesAreErrorsNotCrashes(_ text: String) {
        #expect(throws: IMAPParseError.self) { _ = try Self.parse(text + "\r\n") }
    }

    @Test func randomGarbageNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("* ()[]{}\"\\0123456789 FETCHUIDBODY[]OKNOBAD+\r\n".utf8) + [0x00, 0xFF]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<80, using: &generator)
            var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            bytes += [0x0D, 0x0A]
            var framer = IMAPResponseFramer(limits: .init(maxLineBytes: 1000, maxLiteralBytes: 1000, maxLiteralsPerResponse: 10))
            framer.append(bytes)
            while let raw = try? framer.next() {
                _ = try? IMAPResponseParser.parse(raw)
            }
        }
    }

    @Test(arguments: [
        ("24-Nov-2026 23:10:05 +0000", 1_795_561_805.0),
        (" 1-Jan-1970 00:00:00 +0000", 0.0),
        ("29-Feb-2024 12:00:00 +0130", 1_709_202_600.0),
    ])
    func internalDates(_ text: String, _ seconds: Double) {
        #expect(IMAPInternalDate.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["", "24-Foo-2026 23:10:05 +0000", "24-Nov-2026 25:10:05 +0000", "24-Nov-2026 23:10:05", "24-Nov-26 23:10:05 +0000", "24-Nov-2026 23:10:05 +0000x"])
    func invalidInternalDates(_ text: String) {
        #expect(IMAPInternalDate.parse(text) == nil)
    }
}

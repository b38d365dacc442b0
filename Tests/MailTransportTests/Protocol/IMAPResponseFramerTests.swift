import Foundation
import Testing
@testable import MailTransport

@Suite struct IMAPResponseFramerTests {
    static let session: [UInt8] = {
        let url = Bundle.module.url(forResource: "Fixtures/dovecot-session", withExtension: "imap")!
        return Array(try! Data(contentsOf: url))
    }()

    static func frame(_ bytes: [UInt8], chunk: Int, limits: IMAPResponseFramer.Limits = .init()) throws -> [IMAPResponseFramer.RawResponse] {
        var framer = IMAPResponseFramer(limits: limits)
        var responses: [IMAPResponseFramer.RawResponse] = []
        var index = 0
        while index < bytes.count {
            framer.append(bytes[index..<min(index + chunk, bytes.count)])
            index += chunk
            while let response = try framer.next() { responses.append(response) }
        }
        return responses
    }

    @Test func framesAWholeSession() throws {
        let responses = try Self.frame(Self.session, chunk: Self.session.count)
        #expect(responses.count == 13)
        let fetch = responses[6]
        #expect(fetch.lines.count == 2)
        #expect(fetch.literals.count == 1)
        let literal = String(decoding: fetch.literals[0], as: UTF8.self)
        #expect(literal.contains("a3 OK fake completion\r\n* 9 EXISTS\r\n"))
        #expect(fetch.lines[1] == Array(")".utf8))
    }

    @Test func everySplitGivesTheSameResponses() throws {
        let whole = try Self.frame(Self.session, chunk: Self.session.count)
        for chunk in 1...17 {
            #expect(try Self.frame(Self.session, chunk: chunk) == whole, "chunk size \(chunk)")
        }
        // Split in two at every byte boundary.
        for cut in 0...Self.session.count {
            var framer = IMAPResponseFramer()
            framer.append(Self.session[..<cut])
            var responses: [IMAPResponseFramer.RawResponse] = []
            while let response = try framer.next() { responses.append(response) }
            framer.append(Self.session[cut...])
            while let response = try framer.next() { responses.append(response) }
            #expect(responses == whole, "cut at \(cut)")
        }
    }

    @Test func aLiteralLookingLikeATaggedReplyDoesNotEndTheResponse() throws {
        let body = Array("a1 OK done\r\na1 OK done\r\n".utf8)
        let bytes = Array("* 1 FETCH (UID 7 BODY[] {\(body.count)}\r\n".utf8) + body + Array(")\r\na1 OK FETCH completed\r\n".utf8)
        let responses = try Self.frame(bytes, chunk: 3)
        #expect(responses.count == 2)
        #expect(responses[0].literals == [body])
        let parsed = try responses.map(IMAPResponseParser.parse)
        guard case .untagged(.fetch(1, let attributes)) = parsed[0] else { Issue.record("\(parsed[0])"); return }
        #expect(attributes.body == body)
        #expect(parsed[1] == .tagged(IMAPTaggedResponse(tag: "a1", status: .ok, code: nil, text: "FETCH completed")))
    }

    @Test func limitsAreEnforced() throws {
        var limits = IMAPResponseFramer.Limits()
        limits.maxLineBytes = 64
        #expect(throws: IMAPParseError.self) {
            _ = try Self.frame(Array(repeating: UInt8(ascii: "x"), count: 200), chunk: 7, limits: limits)
        }
        limits = IMAPResponseFramer.Limits()
        limits.maxLiteralBytes = 10
        #expect(throws: IMAPParseError.self) {
            _ = try Self.frame(Array("* 1 FETCH (BODY[] {11}\r\n".utf8), chunk: 100, limits: limits)
        }
        #expect(throws: IMAPParseError.self) {
            _ = try Self.frame(Array("* 1 FETCH (BODY[] {99999999999999999}\r\n".utf8), chunk: 100)
        }
        limits = IMAPResponseFramer.Limits()
        limits.maxLiteralsPerResponse = 3
        let many = Array(String(repeating: "* X {1}\r\na", count: 5).utf8) + [0x0D, 0x0A]
        #expect(throws: IMAPParseError.self) { _ = try Self.frame(many, chunk: 100, limits: limits) }
    }

    @Test func aBareLFEndsALineAndATruncatedStreamYieldsNothing() throws {
        let responses = try Self.frame(Array("* 2 EXISTS\n* 3 EXISTS\r\n* 4 EX".utf8), chunk: 1)
        #expect(responses.count == 2)
        var framer = IMAPResponseFramer()
        framer.append(Array("* 1 FETCH (BODY[] {10}\r\nabc".utf8))
        #expect(try framer.next() == nil)
        #expect(framer.hasPartialResponse)
    }

    @Test func trailingLiteralCount() {
        #expect(IMAPResponseFramer.trailingLiteralCount(Array("x {12}".utf8)) == 12)
        #expect(IMAPResponseFramer.trailingLiteralCount(Array("x {12+}".utf8)) == 12)
        #expect(IMAPResponseFramer.trailingLiteralCount(Array("x {}".utf8)) == nil)
        #expect(IMAPResponseFramer.trailingLiteralCount(Array("x 12}".utf8)) == nil)
        #expect(IMAPResponseFramer.trailingLiteralCount(Array("}".utf8)) == nil)
        #expect(IMAPResponseFramer.trailingLiteralCount(Array("{1234567890123}".utf8)) == -1)
    }
}

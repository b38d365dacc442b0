import Foundation
import Testing
import MailCore

/// One generated hostile message and what must come out of it.
struct HostileCase: Sendable, CustomTestStringConvertible {
    var name: String
    var make: @Sendable () -> [UInt8]
    var check: @Sendable (Result<Message, MailParseError>) -> Void
    var testDescription: String { name }
}

private func header(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Every hostile case of issue 3 ("Bounds"): each must return a best-effort message or a clear
/// error. The suite does not time them (benchmarks do); it proves they complete with sane output.
@Suite("Hostile input") struct HostileInputTests {
    static let cases: [HostileCase] = [
        HostileCase(name: "5 MB header field", make: {
            header("From: a@example.com\r\nSubject: ") + [UInt8](repeating: 0x41, count: 5_000_000) + header("\r\n\r\nbody\r\n")
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.subject.utf8.count <= ParseLimits.default.maxHeaderBytes)
            #expect(m.subject.hasPrefix("AAAA"))
            #expect(m.text == "body")
            #expect(m.defects.contains { $0.contains("header section") })
        }),
        HostileCase(name: "200k header fields", make: {
            var b = header("From: a@example.com\r\n")
            for i in 0..<200_000 { b += header("X-H\(i): v\r\n") }
            return b + header("Subject: late\r\n\r\nbody\r\n")
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.headers.count == ParseLimits.default.maxHeaderCount)
            #expect(m.from?.address == "a@example.com")
            #expect(m.text == "body")
        }),
        HostileCase(name: "10,000 nested multiparts", make: {
            var b = header("From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n")
            for i in 1...10_000 { b += header("--b\(i - 1)\r\nContent-Type: multipart/mixed; boundary=\"b\(i)\"\r\n\r\n") }
            b += header("--b10000\r\nContent-Type: text/plain\r\n\r\ndeep\r\n")
            for i in stride(from: 10_000, through: 0, by: -1) { b += header("--b\(i)--\r\n") }
            return b
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.textBody == nil)
            #expect(m.defects.contains { $0.contains("depth") })
        }),
        HostileCase(name: "100k sibling parts", make: {
            var b = header("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n")
            b += header("--x\r\nContent-Type: text/plain\r\n\r\nfirst\r\n")
            for _ in 0..<100_000 { b += header("--x\r\nContent-Type: application/octet-stream\r\n\r\nz\r\n") }
            return b + header("--x--\r\n")
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.textBody == "first")
            #expect(m.attachments.count == ParseLimits.default.maxParts - 1)
            #expect(m.defects.contains { $0.contains("part count") })
        }),
        HostileCase(name: "100k encoded words", make: {
            var b = header("From: a@example.com\r\nSubject:")
            for _ in 0..<100_000 { b += header(" =?utf-8?q?=C3=A9?=") }
            return b + header("\r\n\r\nbody\r\n")
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            // The first maxEncodedWords are decoded, the rest stays as written.
            #expect(m.subject.hasPrefix(String(repeating: "é", count: ParseLimits.default.maxEncodedWords - 10)))
            #expect(m.subject.contains("?= =?utf-8?q?=C3=A9?="))
            #expect(m.defects.contains { $0.contains("encoded word") })
        }),
        HostileCase(name: "binary garbage with NUL bytes", make: {
            var rng = SplitMix(seed: 7)
            return (0..<1_000_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) } + [0, 0, 0]
        }, check: { result in
            guard case .failure(let error) = result else { Issue.record("expected an error"); return }
            #expect(error.code == .noHeaders || error.code == .malformed)
        }),
        HostileCase(name: "NUL bytes inside the header section", make: {
            header("From: a@example.com\r\nSubject: a\0b\r\n\r\nbody")
        }, check: { result in
            guard case .failure(let error) = result else { Issue.record("expected an error"); return }
            #expect(error.code == .malformed)
        }),
        HostileCase(name: "NUL bytes and binary in the body", make: {
            header("From: a@example.com\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok\0\u{1}") + [0xFF, 0xFE, 0x00, 0xC3]
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.text.hasPrefix("ok\0"))
            #expect(m.text.contains("\u{FFFD}"))
        }),
        HostileCase(name: "2 MB line without newline", make: {
            header("From: a@example.com\r\nContent-Type: text/html\r\n\r\n<p>") + [UInt8](repeating: 0x78, count: 2_000_000)
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.text.utf8.count == 2_000_000)
        }),
        HostileCase(name: "2 MB header line without newline", make: {
            header("From: a@example.com\r\nX-Long: ") + [UInt8](repeating: 0x78, count: 2_000_000)
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.text.isEmpty)
            #expect(m.from?.address == "a@example.com")
        }),
        HostileCase(name: "invalid base64", make: {
            header("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVsbG8=!!!***%%%\r\nIHdvcmxk\r\n=\r\nQ\r\n--q\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@====####\r\n--q--\r\n")
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.textBody == "Hello world")
            #expect(m.attachments.first?.size == 0)
        }),
        HostileCase(name: "filename in 10,000 continuations", make: {
            var b = header("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment")
            for i in 0..<10_000 { b += header(";\r\n filename*\(i)*=%41") }
            return b + header("\r\n\r\ndata\r\n--q--\r\n")
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            let name = m.attachments.first?.filename ?? ""
            #expect(name.count == ParseLimits.default.maxParameterContinuations)
            #expect(name.allSatisfy { $0 == "A" })
        }),
        HostileCase(name: "From with 10,000 addresses", make: {
            var b = header("From: ")
            for i in 0..<10_000 { b += header("\"User \(i)\" <u\(i)@example.com>,\r\n ") }
            var to = header("To: ")
            for i in 0..<10_000 { to += header("u\(i)@example.com, ") }
            return b + header("last@example.com\r\n") + to + header("x@example.com\r\n\r\nbody\r\n")
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.from == EmailAddress(name: "User 0", address: "u0@example.com"))
            #expect(m.to.count == ParseLimits.default.maxAddresses)
        }),
        HostileCase(name: "unterminated quotes, comments and angle brackets", make: {
            header("From: \"unterminated <a@b (comment (nested\r\nTo: <<<<<<<<\r\nReferences: <a@b <c@d\r\nDate: (((((\r\nContent-Type: multipart/mixed; boundary=\"\r\n\r\nbody")
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.date == nil)
        }),
        HostileCase(name: "encoded words without end", make: {
            header("From: a@example.com\r\nSubject: ") + Array(repeating: header("=?utf-8?q?"), count: 50_000).flatMap { $0 } + header("\r\n\r\n")
        }, check: { result in
            guard case .success(let m) = result else { Issue.record("expected a message"); return }
            #expect(m.subject.hasPrefix("=?utf-8?q?"))
        }),
        HostileCase(name: "HTML with 100k unclosed tags and comments", make: {
            header("From: a@example.com\r\nContent-Type: text/html\r\n\r\n") + Array(repeating: header("<title><a href=\"x<!--&#99999999;&bogus;"), count: 20_000).flatMap { $0 }
        }, check: { result in
            guard case .success = result else { Issue.record("expected a message"); return }
        }),
        HostileCase(name: "empty input", make: { [] }, check: { result in
            guard case .failure(let error) = result else { Issue.record("expected an error"); return }
            #expect(error.code == .noHeaders)
        }),
        HostileCase(name: "only a body", make: { header("\r\n\r\nhello") }, check: { result in
            guard case .failure(let error) = result else { Issue.record("expected an error"); return }
            #expect(error.code == .noHeaders)
        }),
    ]

    @Test("hostile input completes with a best-effort result or a clear error", arguments: cases)
    func hostile(_ hostile: HostileCase) {
        let bytes = hostile.make()
        let result = Result { () throws(MailParseError) -> Message in try MessageParser().parse(bytes) }
        hostile.check(result)
    }

    @Test("a message over maxMessageBytes is refused before decoding")
    func tooLarge() {
        var limits = ParseLimits.default
        limits.maxMessageBytes = 1024
        let bytes = header("From: a@example.com\r\n\r\n") + [UInt8](repeating: 0x41, count: 2000)
        #expect(throws: MailParseError.self) { try MessageParser(limits: limits).parse(bytes) }
        do {
            _ = try MessageParser(limits: limits).parse(bytes)
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.description.contains("1024"))
        }
        // The default limit is 25 MiB.
        #expect(ParseLimits.default.maxMessageBytes == 25 * 1024 * 1024)
    }
}

/// A tiny deterministic generator for reproducible garbage.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

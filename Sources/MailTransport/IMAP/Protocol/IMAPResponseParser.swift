import Foundation

/// Turns one framed response (``IMAPResponseFramer/RawResponse``) into an ``IMAPResponse``
/// (RFC 9051 §7, §9 grammar, the parts a mail-fetching client meets). Pure and total: malformed
/// input is an ``IMAPParseError``, never a crash; unknown untagged responses become `.other` and
/// unknown FETCH items are skipped, so a server's extensions never break the client.
struct IMAPResponseParser {
    /// How deep parenthesised lists may nest before the response is refused.
    static let maxDepth = 32

    private let raw: IMAPResponseFramer.RawResponse
    private var lineIndex = 0
    private var position = 0

    private init(_ raw: IMAPResponseFramer.RawResponse) {
        self.raw = raw
    }

    /// Parses one response.
    static func parse(_ raw: IMAPResponseFramer.RawResponse) throws(IMAPParseError) -> IMAPResponse {
        guard !raw.lines.isEmpty else { throw IMAPParseError("empty response") }
        var parser = IMAPResponseParser(raw)
        return try parser.response()
    }

    // MARK: Grammar

    private mutating func response() throws(IMAPParseError) -> IMAPResponse {
        guard let first = peek() else { throw IMAPParseError("empty response line") }
        if first == UInt8(ascii: "+") {
            position += 1
            if peek() == 0x20 { position += 1 }
            return .continuation(restOfLine())
        }
        if first == UInt8(ascii: "*") {
            position += 1
            try expectSpace()
            return .untagged(try untagged())
        }
        let tag = try atom()
        try expectSpace()
        let keyword = try atom().uppercased()
        guard let status = IMAPStatus(rawValue: keyword), status != .preauth else {
            throw IMAPParseError("tagged response with status \(Self.printable(keyword))")
        }
        let (code, text) = try responseText()
        return .tagged(IMAPTaggedResponse(tag: tag, status: status, code: code, text: text))
    }

    private mutating func untagged() throws(IMAPParseError) -> IMAPUntaggedResponse {
        let word = try atom()
        if let number = UInt32(word) {
            try expectSpace()
            let keyword = try atom().uppercased()
            switch keyword {
            case "EXISTS": return .exists(number)
            case "EXPUNGE": return .expunge(number)
            case "RECENT": return .recent(number)
            case "FETCH":
                try expectSpace()
                return .fetch(sequence: number, try fetchAttributes())
            default: return .other(keyword)
            }
        }
        let keyword = word.uppercased()
        switch keyword {
        case "OK", "NO", "BAD", "PREAUTH", "BYE":
            let (code, text) = try responseText()
            return .condition(IMAPStatus(rawValue: keyword)!, code, text)
        case "CAPABILITY":
            return .capability(words(restOfLine()))
        case "SEARCH":
            var numbers: [UInt32] = []
            while skipSpaces() {
                if peek() == UInt8(ascii: "(") { try skipValue(depth: 0); continue } // (MODSEQ n)
                let item = try atom()
                guard let value = UInt32(item) else {
                    throw IMAPParseError("SEARCH result \(Self.printable(item)) is not a number")
                }
                numbers.append(value)
            }
            return .search(numbers)
        case "STATUS":
            try expectSpace()
            let mailbox = String(decoding: try astring(), as: UTF8.self)
            _ = skipSpaces()
            try expect(UInt8(ascii: "("))
            var values: [String: UInt64] = [:]
            while true {
                _ = skipSpaces()
                if peek() == UInt8(ascii: ")") { position += 1; break }
                let name = try atom().uppercased()
                try expectSpace()
                let text = try atom()
                guard let value = UInt64(text) else {
                    throw IMAPParseError("STATUS \(Self.printable(name)) value is not a number")
                }
                values[name] = value
            }
            return .status(mailbox: mailbox, values: values)
        case "FLAGS":
            try expectSpace()
            return .flags(try flagList())
        default:
            return .other(keyword)
        }
    }

    /// `resp-text`: an optional `[code]` and free text up to the end of the line.
    private mutating func responseText() throws(IMAPParseError) -> (IMAPResponseCode?, String) {
        _ = skipSpaces()
        var code: IMAPResponseCode?
        if peek() == UInt8(ascii: "[") {
            position += 1
            let line = raw.lines[lineIndex]
            guard let close = line[position...].firstIndex(of: UInt8(ascii: "]")) else {
                throw IMAPParseError("response code without ]")
            }
            code = Self.responseCode(String(decoding: line[position..<close], as: UTF8.self))
            position = close + 1
            _ = skipSpaces()
        }
        return (code, restOfLine())
    }

    static func responseCode(_ text: String) -> IMAPResponseCode {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let name = parts.first?.uppercased() else { return .other("") }
        switch name {
        case "UIDVALIDITY": if parts.count > 1, let v = UInt32(parts[1]) { return .uidValidity(v) }
        case "UIDNEXT": if parts.count > 1, let v = UInt32(parts[1]) { return .uidNext(v) }
        case "TRYCREATE": return .tryCreate
        case "NONEXISTENT": return .nonexistent
        case "ALREADYEXISTS": return .alreadyExists
        case "READ-ONLY": return .readOnly
        case "READ-WRITE": return .readWrite
        case "CAPABILITY": return .capability(Array(parts.dropFirst()))
        case "APPENDUID":
            if parts.count > 2, let v = UInt32(parts[1]), let u = UInt32(parts[2]) {
                return .appendUID(validity: v, uid: u)
            }
        default: break
        }
        return .other(name)
    }

    private mutating func fetchAttributes() throws(IMAPParseError) -> IMAPFetchAttributes {
        try expect(UInt8(ascii: "("))
        var attributes = IMAPFetchAttributes()
        while true {
            _ = skipSpaces()
            guard let byte = peek() else { throw IMAPParseError("FETCH response ends inside its list") }
            if byte == UInt8(ascii: ")") { position += 1; break }
            let name = try atom().uppercased()
            try expectSpace()
            switch name {
            case "UID":
                let text = try atom()
                guard let value = UInt32(text), value > 0 else { throw IMAPParseError("FETCH UID is not a number") }
                attributes.uid = value
            case "RFC822.SIZE":
                let text = try atom()
                guard let value = Int(text), value >= 0 else { throw IMAPParseError("FETCH RFC822.SIZE is not a number") }
                attributes.size = value
            case "INTERNALDATE":
                guard let bytes = try nstring(), let date = IMAPInternalDate.parse(String(decoding: bytes, as: UTF8.self)) else {
                    throw IMAPParseError("FETCH INTERNALDATE is not a date-time")
                }
                attributes.internalDate = date
            case "FLAGS":
                attributes.flags = try flagList()
            case "BODY[]", "BODY[]<0>", "RFC822":
                attributes.body = try nstring() ?? []
            default:
                try skipValue(depth: 0)
            }
        }
        return attributes
    }

    private mutating func flagList() throws(IMAPParseError) -> [String] {
        try expect(UInt8(ascii: "("))
        var flags: [String] = []
        while true {
            _ = skipSpaces()
            guard let byte = peek() else { throw IMAPParseError("flag list without )") }
            if byte == UInt8(ascii: ")") { position += 1; return flags }
            flags.append(try atom())
        }
    }

    // MARK: Lexing

    private func peek() -> UInt8? {
        let line = raw.lines[lineIndex]
        return position < line.count ? line[position] : nil
    }

    /// Skips spaces; returns whether something other than the end of the line follows.
    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let line = raw.lines[lineIndex]
        while position < line.count, line[position] == 0x20 { position += 1 }
        return position < line.count
    }

    private mutating func expectSpace() throws(IMAPParseError) {
        guard peek() == 0x20 else { throw IMAPParseError("expected a space") }
        _ = skipSpaces()
    }

    private mutating func expect(_ byte: UInt8) throws(IMAPParseError) {
        guard peek() == byte else {
            throw IMAPParseError("expected \(Character(Unicode.Scalar(byte)))")
        }
        position += 1
    }

    private static func isAtomByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, 0x7F, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "\""):
            return false
        default:
            return true
        }
    }

    /// An atom, including a section spec in brackets (`BODY[HEADER.FIELDS (A B)]<0>`).
    private mutating func atom() throws(IMAPParseError) -> String {
        let line = raw.lines[lineIndex]
        let start = position
        while position < line.count {
            let byte = line[position]
            if byte == UInt8(ascii: "[") {
                guard let close = line[position...].firstIndex(of: UInt8(ascii: "]")) else {
                    throw IMAPParseError("section without ]")
                }
                position = close + 1
                continue
            }
            guard Self.isAtomByte(byte) else { break }
            position += 1
        }
        guard position > start else { throw IMAPParseError("expected an atom") }
        return String(decoding: line[start..<position], as: UTF8.self)
    }

    /// `nstring`: a quoted string, a literal, or NIL.
    private mutating func nstring() throws(IMAPParseError) -> [UInt8]? {
        guard let byte = peek() else { throw IMAPParseError("expected a string") }
        switch byte {
        case UInt8(ascii: "\""): return try quoted()
        case UInt8(ascii: "{"): return try literal()
        default:
            let word = try atom()
            guard word.uppercased() == "NIL" else { throw IMAPParseError("expected a string or NIL") }
            return nil
        }
    }

    /// `astring`: an atom, a quoted string or a literal.
    private mutating func astring() throws(IMAPParseError) -> [UInt8] {
        guard let byte = peek() else { throw IMAPParseError("expected a string") }
        switch byte {
        case UInt8(ascii: "\""): return try quoted()
        case UInt8(ascii: "{"): return try literal()
        default: return Array(try atom().utf8)
        }
    }

    private mutating func quoted() throws(IMAPParseError) -> [UInt8] {
        try expect(UInt8(ascii: "\""))
        let line = raw.lines[lineIndex]
        var bytes: [UInt8] = []
        while position < line.count {
            let byte = line[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return bytes
            case UInt8(ascii: "\\"):
                guard position < line.count else { throw IMAPParseError("quoted string ends in a backslash") }
                bytes.append(line[position])
                position += 1
            default:
                bytes.append(byte)
            }
        }
        throw IMAPParseError("unterminated quoted string")
    }

    /// A literal: `{n}` must end the current line; its bytes were framed by count.
    private mutating func literal() throws(IMAPParseError) -> [UInt8] {
        let line = raw.lines[lineIndex]
        guard let count = IMAPResponseFramer.trailingLiteralCount(line), count >= 0,
              let brace = line[position...].firstIndex(of: UInt8(ascii: "}")), brace == line.count - 1,
              lineIndex < raw.literals.count, lineIndex + 1 < raw.lines.count
        else { throw IMAPParseError("malformed literal") }
        let bytes = raw.literals[lineIndex]
        guard bytes.count == count else { throw IMAPParseError("literal length mismatch") }
        lineIndex += 1
        position = 0
        return bytes
    }

    /// Skips one value of an item the client did not ask for: a list, string, literal or atom.
    private mutating func skipValue(depth: Int) throws(IMAPParseError) {
        guard depth < Self.maxDepth else { throw IMAPParseError("lists nested deeper than \(Self.maxDepth)") }
        guard let byte = peek() else { throw IMAPParseError("expected a value") }
        switch byte {
        case UInt8(ascii: "("):
            position += 1
            while true {
                _ = skipSpaces()
                guard let next = peek() else { throw IMAPParseError("list without )") }
                if next == UInt8(ascii: ")") { position += 1; return }
                try skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "\""): _ = try quoted()
        case UInt8(ascii: "{"): _ = try literal()
        default: _ = try atom()
        }
    }

    private mutating func restOfLine() -> String {
        let line = raw.lines[lineIndex]
        let text = position < line.count ? String(decoding: line[position...], as: UTF8.self) : ""
        position = line.count
        return text
    }

    private func words(_ text: String) -> [String] {
        text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }

    static func printable(_ text: String) -> String {
        String(text.prefix(40).map { $0.isASCII && !$0.isNewline ? $0 : "?" })
    }
}

/// The classifier's first tokenizer (one byte at a time, before the two-pass ``TextScanner``),
/// kept as the reference that defines the scanner's semantics: the differential tests in
/// ``TextScannerTests`` require the same words, boundaries and `!` from both on every input a
/// Swift String can hold, and on such text cut anywhere.
enum ReferenceScanner {
    /// What the reference reports, in order.
    enum Event: Equatable, CustomStringConvertible {
        case word([UInt8])
        case boundary
        case exclamation

        var description: String {
            switch self {
            case .word(let w): "word(\(String(decoding: w, as: UTF8.self)) \(w))"
            case .boundary: "|"
            case .exclamation: "!"
            }
        }
    }

    private static let separator: UInt8 = 0
    private static let boundaryCode: UInt8 = 1
    private static let newline: UInt8 = 2
    private static let skip: UInt8 = 3
    private static let bang: UInt8 = 4
    private static let space: UInt8 = 5

    private static let ascii: [UInt8] = {
        var t = [UInt8](repeating: separator, count: 128)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = b }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = b + 32 }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = b }
        for c in ".,;:?()[]{}" { t[Int(c.asciiValue!)] = boundaryCode }
        t[Int(UInt8(ascii: "!"))] = bang
        t[Int(UInt8(ascii: "\n"))] = newline
        t[Int(UInt8(ascii: "'"))] = skip
        t[Int(UInt8(ascii: "`"))] = skip
        t[Int(UInt8(ascii: "\r"))] = space
        t[Int(UInt8(ascii: " "))] = space
        t[Int(UInt8(ascii: "\t"))] = space
        return t
    }()

    private static let latin1: [UInt8] = {
        let s = Array("aaaaaaaceeeeiiiidnooooo\0ouuuuyts" + "aaaaaaaceeeeiiiidnooooo\0ouuuuyty")
        return s.map { $0 == "\0" ? 0 : $0.asciiValue! }
    }()

    /// The events of `bytes`, as the first tokenizer reported them. `malformed` is set when a byte
    /// below 0x30 was taken into a word as part of a malformed multi-byte sequence (impossible in a
    /// String): there the two-pass scanner separates instead, by design.
    static func events(_ bytes: [UInt8], malformed: inout Bool) -> [Event] {
        var events: [Event] = []
        var current: [UInt8] = []
        func wordByte(_ b: UInt8) { current.append(b) }
        func endWord() {
            if !current.isEmpty { events.append(.word(current)) }
            current = []
        }
        func boundary() {
            endWord()
            events.append(.boundary)
        }
        func exclamation() {
            endWord()
            events.append(.exclamation)
        }
        var i = 0
        let n = bytes.count
        var newlineSeen = false
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                let c = ascii[Int(b)]
                i += 1
                if c >= 0x30 {
                    wordByte(c)
                    newlineSeen = false
                    continue
                }
                switch c {
                case skip: continue
                case space: endWord()
                case newline:
                    endWord()
                    if newlineSeen { boundary() }
                    newlineSeen = true
                case bang:
                    exclamation()
                    boundary()
                    newlineSeen = false
                case boundaryCode:
                    boundary()
                    newlineSeen = false
                default:
                    endWord()
                    newlineSeen = false
                }
                continue
            }
            newlineSeen = false
            if b == 0xC3, i + 1 < n {
                let f = latin1[Int(bytes[i + 1] & 0x3F)]
                if f != 0 { wordByte(f) } else { endWord() }
                i += 2
            } else if b == 0xC2 {
                endWord()
                i += 2
            } else if b == 0xCC || (b == 0xCD && i + 1 < n && bytes[i + 1] < 0xB0) {
                i += 2
            } else if b == 0xE2 {
                if i + 2 < n, bytes[i + 1] == 0x80 {
                    let c = bytes[i + 2]
                    if c == 0x98 || c == 0x99 {
                    } else if c == 0xA6 {
                        boundary()
                    } else {
                        endWord()
                    }
                } else {
                    endWord()
                }
                i += 3
            } else if b >= 0xF0 {
                endWord()
                i += 4
            } else {
                let len = b >= 0xE0 ? 3 : (b >= 0xC0 ? 2 : 1)
                var k = 0
                while k < len && i + k < n {
                    if bytes[i + k] < 0x30 { malformed = true }
                    wordByte(bytes[i + k])
                    k += 1
                }
                i += len
            }
        }
        endWord()
        return events
    }
}

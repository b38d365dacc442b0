/// Turns scanned words into rule vocabulary ids (0 for an unknown word, -1 for a clause boundary),
/// and notes the positions where some pattern may start.
struct WordIDSink: TextScannerSink {
    let exact: WordTable.View
    let stems: StemTable.View
    /// The rules' ``WordHash`` seed.
    let seed: UInt64
    /// The id of `#`, given to unlisted numbers of two or more digits; 0 when no term uses it.
    let numberID: Int32
    let startFlags: UnsafePointer<UInt8>
    let out: UnsafeMutablePointer<Int32>
    /// Positions in `out` of the words some pattern may start with.
    let starts: UnsafeMutablePointer<Int32>
    /// Per position of a word starting with a digit: its value (the first nine digits), for the
    /// counted-share comparison (``ClassifierRules/Modifier/shareBelow``); other positions unset.
    let values: UnsafeMutablePointer<Int32>
    var count = 0
    var startCount = 0
    var exclamations = 0

    init(exact: WordTable.View, stems: StemTable.View, seed: UInt64, numberID: Int32, startFlags: UnsafePointer<UInt8>,
         out: UnsafeMutablePointer<Int32>, starts: UnsafeMutablePointer<Int32>, values: UnsafeMutablePointer<Int32>) {
        self.values = values
        self.exact = exact
        self.stems = stems
        self.seed = seed
        self.numberID = numberID
        self.startFlags = startFlags
        self.out = out
        self.starts = starts
    }

    /// True when the word's bytes are all ASCII digits (word bytes are ≥ 0x30, so ≤ 0x39 suffices).
    @inline(__always)
    private static func isNumber(_ start: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        for k in 0..<length where start[k] > 0x39 { return false }
        return true
    }

    /// Looks the word up exactly; an unlisted number of two or more digits is `#`; any other
    /// unlisted word gets its longest listed stem.
    @inline(__always)
    mutating func word(_ start: UnsafePointer<UInt8>, _ length: Int) {
        var id = exact.lookup(WordHash.hash(start, length, seed: seed))
        // Most words are known or pass neither test: one branch for "unknown, and it may have a stem
        // or be a number (starts with a digit)". `(id - 1) >> 63` over the zero-extended id is 1
        // exactly when the id is 0; `(b - 0x3A) >> 63` is 1 exactly when the word byte b is a digit.
        let unknown = (UInt64(UInt32(bitPattern: id)) &- 1) &>> 63
        let digit = (UInt64(start[0]) &- 0x3A) &>> 63
        if unknown & (stems.mayHaveStem(start, length) | digit) != 0 {
            id = length >= 2 && Self.isNumber(start, length) ? numberID : stems.lookup(start, length)
        }
        if digit != 0 { values[count] = Self.value(start, length) }
        starts[startCount] = Int32(truncatingIfNeeded: count)
        startCount &+= Int(startFlags[Int(id)])
        out[count] = id
        count &+= 1
    }

    /// The value of the leading digits of a word (at most nine, so it fits).
    private static func value(_ start: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        var v: Int32 = 0
        var k = 0
        while k < min(length, 9), start[k] <= 0x39 {
            v = v &* 10 &+ Int32(start[k] &- 0x30)
            k += 1
        }
        return v
    }

    @inline(__always)
    mutating func boundary() {
        if count > 0 && out[count - 1] != CompiledRules.boundary {
            out[count] = CompiledRules.boundary
            count += 1
        }
    }

    @inline(__always)
    mutating func exclamation() { exclamations += 1 }
}

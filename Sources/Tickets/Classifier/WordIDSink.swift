/// Turns scanned words into rule vocabulary ids (0 for an unknown word, -1 for a clause boundary),
/// and notes the positions where some pattern may start.
struct WordIDSink: TextScannerSink {
    let exact: WordTable.View
    let stems: StemTable.View
    /// The rules' ``WordHash`` seed.
    let seed: UInt64
    let startFlags: UnsafePointer<UInt8>
    let out: UnsafeMutablePointer<Int32>
    /// Positions in `out` of the words some pattern may start with.
    let starts: UnsafeMutablePointer<Int32>
    var count = 0
    var startCount = 0
    var exclamations = 0

    init(exact: WordTable.View, stems: StemTable.View, seed: UInt64, startFlags: UnsafePointer<UInt8>,
         out: UnsafeMutablePointer<Int32>, starts: UnsafeMutablePointer<Int32>) {
        self.exact = exact
        self.stems = stems
        self.seed = seed
        self.startFlags = startFlags
        self.out = out
        self.starts = starts
    }

    /// Looks the word up exactly, then by its longest listed stem.
    @inline(__always)
    mutating func word(_ start: UnsafePointer<UInt8>, _ length: Int) {
        var id = exact.lookup(WordHash.hash(start, length, seed: seed))
        // Half the words are known: test "unknown and may have a stem" without a branch on each part.
        // `(id - 1) >> 63` over the zero-extended id is 1 exactly when the id is 0.
        let unknown = (UInt64(UInt32(bitPattern: id)) &- 1) &>> 63
        if unknown & stems.mayHaveStem(start, length) != 0 { id = stems.lookup(start, length) }
        starts[startCount] = Int32(truncatingIfNeeded: count)
        startCount &+= Int(startFlags[Int(id)])
        out[count] = id
        count &+= 1
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

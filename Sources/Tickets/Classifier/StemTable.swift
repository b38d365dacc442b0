/// The rules' stems (`trav*`, `crash*`), found for a word by its first three bytes and compared
/// with it byte for byte: the longest listed stem that prefixes the word wins.
///
/// A 32768-bit gate over a hash of the first three bytes of every stem (4 KB, in the L1 cache)
/// rejects most words with one load. A word that passes looks up its exact first three bytes
/// in a small open-addressing table, which lists the stems starting with them, longest first; each
/// is compared eight bytes at a time (the word's buffer is readable past its end, see
/// ``TextScannerSink/word(_:_:)``, and each stem is stored zero-padded to whole 8-byte chunks).
///
/// Stems are at least 3 bytes long (``TermPattern`` refuses shorter ones); stems of 64 bytes or more
/// are not listed (no word is looked up by such a stem).
struct StemTable: Sendable {
    /// One stem: its vocabulary id, its length, and where its padded bytes start in ``bytes``.
    struct Entry: Sendable {
        var id: Int32
        var length: Int32
        var offset: Int32
    }

    private(set) var gate: [UInt64]
    /// First-three-byte keys (``prefixKey(_:)``, never 0), 0 for an empty slot; a power of two long.
    private(set) var keys: [UInt32]
    /// Per slot: the stems with that key are `entries[start[slot] ..< end[slot]]`, longest first.
    private(set) var start: [Int32]
    private(set) var end: [Int32]
    private(set) var entries: [Entry]
    private(set) var bytes: [UInt8]
    private let mask: Int

    /// A table of `stems` (vocabulary id and folded text).
    init(_ stems: [(id: Int32, text: String)]) {
        var byKey: [UInt32: [(id: Int32, text: [UInt8])]] = [:]
        gate = [UInt64](repeating: 0, count: 512)
        for (id, text) in stems {
            let b = Array(text.utf8)
            guard b.count >= 3 && b.count < 64 else { continue }
            let first = UInt64(b[0]) | UInt64(b[1]) << 8 | UInt64(b[2]) << 16
            let g = Self.gateKey(first)
            gate[g >> 6] |= 1 << UInt64(g & 63)
            byKey[Self.prefixKey(first), default: []].append((id, b))
        }
        var capacity = 16
        while capacity < byKey.count * 2 { capacity <<= 1 }
        keys = [UInt32](repeating: 0, count: capacity)
        start = [Int32](repeating: 0, count: capacity)
        end = [Int32](repeating: 0, count: capacity)
        entries = []
        bytes = []
        mask = capacity - 1
        // Sorted so the layout does not depend on the dictionary's order.
        for key in byKey.keys.sorted() {
            var i = Self.slot(key, mask)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            start[i] = Int32(entries.count)
            for stem in byKey[key]!.sorted(by: { ($0.text.count, $1.id) > ($1.text.count, $0.id) }) {
                entries.append(Entry(id: stem.id, length: Int32(stem.text.count), offset: Int32(bytes.count)))
                bytes.append(contentsOf: stem.text)
                bytes.append(contentsOf: repeatElement(0, count: (8 - stem.text.count % 8) % 8))
            }
            end[i] = Int32(entries.count)
        }
        bytes.append(contentsOf: repeatElement(0, count: 8))
    }

    /// The first three bytes at `p` (readable for 8 bytes) as `b0 | b1 << 8 | b2 << 16`.
    @inline(__always)
    static func firstThree(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) & 0xFF_FFFF
    }

    /// The gate's bit for a word starting with ``firstThree(_:)`` `first`: 15 bits of a
    /// multiplicative hash.
    @inline(__always)
    static func gateKey(_ first: UInt64) -> Int {
        Int(truncatingIfNeeded: (first &* 0x9E37_79B9_7F4A_7C15) &>> 49)
    }

    /// The table key of a word starting with ``firstThree(_:)`` `first` (never 0).
    @inline(__always)
    static func prefixKey(_ first: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: first) | 1 << 24
    }

    @inline(__always)
    static func slot(_ key: UInt32, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> 16) & mask
    }

    /// Runs `body` with a lookup view that performs no bounds checks or reference counting.
    @inline(__always)
    func withView<R>(_ body: (View) -> R) -> R {
        gate.withUnsafeBufferPointer { g in
            keys.withUnsafeBufferPointer { k in
                start.withUnsafeBufferPointer { s in
                    end.withUnsafeBufferPointer { e in
                        entries.withUnsafeBufferPointer { en in
                            bytes.withUnsafeBufferPointer { b in
                                body(View(gate: g.baseAddress!, keys: k.baseAddress!, start: s.baseAddress!, end: e.baseAddress!,
                                          entries: en.baseAddress!, bytes: b.baseAddress!, mask: mask))
                            }
                        }
                    }
                }
            }
        }
    }

    /// A borrowed, unchecked view of the table for the scanning loop.
    struct View {
        let gate: UnsafePointer<UInt64>
        let keys: UnsafePointer<UInt32>
        let start: UnsafePointer<Int32>
        let end: UnsafePointer<Int32>
        let entries: UnsafePointer<Entry>
        let bytes: UnsafePointer<UInt8>
        let mask: Int

        /// 0 when no stem can prefix the `length` bytes at `word` (readable for 8 bytes past them):
        /// the word is too short, or the gate rejects its first three bytes; else 1. Branch-free.
        @inline(__always)
        func mayHaveStem(_ word: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
            let g = StemTable.gateKey(StemTable.firstThree(word))
            // `(2 - length) >> 63` is 1 exactly when the length is at least 3.
            return (gate[g &>> 6] &>> UInt64(g & 63)) & (UInt64(bitPattern: Int64(2 &- length)) &>> 63)
        }

        /// The id of the longest stem that prefixes the `length` bytes at `word` (readable for 8
        /// bytes past them), or 0.
        @inline(__always)
        func lookup(_ word: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
            guard mayHaveStem(word, length) != 0 else { return 0 }
            let key = StemTable.prefixKey(StemTable.firstThree(word))
            var i = StemTable.slot(key, mask)
            while keys[i] != key {
                if keys[i] == 0 { return 0 }
                i = (i + 1) & mask
            }
            for e in Int(start[i])..<Int(end[i]) {
                let stem = entries[e]
                let n = Int(stem.length)
                if n <= length && Self.isPrefix(bytes + Int(stem.offset), n, of: word) { return stem.id }
            }
            return 0
        }

        /// True when the `n` bytes at `stem` (zero-padded to whole chunks) start `word`.
        @inline(__always)
        private static func isPrefix(_ stem: UnsafePointer<UInt8>, _ n: Int, of word: UnsafePointer<UInt8>) -> Bool {
            var k = 0
            while n - k > 8 {
                if WordHash.chunk(word + k) != WordHash.chunk(stem + k) { return false }
                k += 8
            }
            let tail = ~UInt64(0) &>> UInt64(truncatingIfNeeded: 64 - 8 * (n - k))
            return WordHash.chunk(word + k) & tail == WordHash.chunk(stem + k)
        }
    }
}

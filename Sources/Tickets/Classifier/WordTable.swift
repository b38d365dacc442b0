/// An open-addressing hash table from a folded word's 64-bit hash to a rule vocabulary id.
///
/// Built once when rules load; looked up once per word (and once per listed stem length) while a
/// mail is scanned, so it is kept small and flat: two parallel arrays, linear probing, at most half
/// full. A hash never stores 0 (the empty marker); the lowest bit is forced on.
struct WordTable: Sendable {
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    /// A 32768-bit Bloom filter over the keys (top 15 bits of the hash), 4 KB, small enough to stay
    /// in the L1 cache and sparse enough (a few percent set) that most unknown words are rejected
    /// with one load and a well-predicted branch, without probing the table.
    private(set) var filter: [UInt64]
    private let mask: Int

    init(_ entries: [UInt64: Int32]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        filter = [UInt64](repeating: 0, count: 512)
        for (hash, value) in entries {
            let key = WordHash.mix(hash) | 1
            let bit = Int(truncatingIfNeeded: key >> 49)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
            var i = WordTable.slot(key, mask)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            values[i] = value
        }
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key >> 20) & mask
    }

    /// Runs `body` with a lookup view that performs no bounds checks or reference counting.
    @inline(__always)
    func withView<R>(_ body: (View) -> R) -> R {
        keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                filter.withUnsafeBufferPointer { f in body(View(keys: k, values: v, filter: f, mask: mask)) }
            }
        }
    }

    /// A borrowed, unchecked view of the table for the scanning loop.
    struct View {
        let keys: UnsafeBufferPointer<UInt64>
        let values: UnsafeBufferPointer<Int32>
        let filter: UnsafeBufferPointer<UInt64>
        let mask: Int

        /// The id stored for `hash`, or 0.
        @inline(__always)
        func lookup(_ hash: UInt64) -> Int32 {
            let key = WordHash.mix(hash) | 1
            let bit = Int(truncatingIfNeeded: key >> 49)
            if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return 0 }
            var i = WordTable.slot(key, mask)
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == 0 { return 0 }
                i = (i + 1) & mask
            }
        }
    }
}

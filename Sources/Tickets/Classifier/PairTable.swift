/// An open-addressing table from a pattern's first two word ids to the patterns that start with
/// them (in pattern order), so that matching at a word looks only at the patterns whose second word
/// is the next word (or one of its stems) instead of scanning every pattern that starts there.
struct PairTable: Sendable {
    /// Keys, 0 for an empty slot (ids are ≥ 1, so a key is never 0); a power of two long.
    var keys: [UInt64]
    /// Per slot: `list[start[slot] ..< end[slot]]`.
    var start: [Int32]
    var end: [Int32]
    var list: [CompiledRules.Entry]

    init(_ buckets: [UInt64: [CompiledRules.Entry]]) {
        var capacity = 16
        while capacity < buckets.count * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        start = [Int32](repeating: 0, count: capacity)
        end = [Int32](repeating: 0, count: capacity)
        list = []
        let mask = capacity - 1
        // Sorted so the layout does not depend on the dictionary's order.
        for key in buckets.keys.sorted() {
            var i = Self.slot(key, mask)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            start[i] = Int32(list.count)
            list.append(contentsOf: buckets[key]!.sorted { $0.pattern < $1.pattern })
            end[i] = Int32(list.count)
        }
    }

    @inline(__always)
    static func key(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }
}

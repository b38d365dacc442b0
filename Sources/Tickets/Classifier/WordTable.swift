/// An open-addressing hash table from a folded word's 64-bit hash (``WordHash``) to a rule
/// vocabulary id.
///
/// Built once when rules load; looked up once per word of a mail, where about half the words of
/// support text are in the vocabulary: a hit or a miss is not predictable, so the lookup has no
/// branch. Linear probing, at most half full, and the capacity is doubled at build time until
/// every key lies within ``window`` slots of its home slot; a lookup then compares the key with the
/// four slots from the home slot on, adds up the position of the one that matches (keys are unique;
/// 0 when none does) and loads the value there: the comparisons feed an address, not a branch.
/// A key and its value share a 16-byte ``Slot``, so the value is read from the cache line the key
/// comparison already brought in (the table is larger than the L1 cache; with keys and values in
/// separate arrays, a lookup waited for two misses one after the other). `slots[0]` is an empty
/// slot whose value, 0, a lookup that matches nothing reads; home slot `s` is `slots[s + 1]`. The
/// array has `window - 1` slots more than the capacity, so the window never wraps. A hash never
/// stores 0 (the empty marker): the lowest bit of a key is forced on.
struct WordTable: Sendable {
    /// How many slots from the home slot on a key may lie in.
    static let window = 4

    /// One key and its value (0 and 0 when empty).
    struct Slot: Sendable {
        var key: UInt64 = 0
        var value: Int32 = 0
        var unused: Int32 = 0
    }

    private(set) var slots: [Slot]
    private let mask: Int

    init(_ entries: [UInt64: Int32]) {
        // Sorted so the layout does not depend on the dictionary's order.
        let sorted = entries.sorted { $0.key < $1.key }
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        while true {
            if let slots = Self.place(sorted, capacity: capacity) {
                self.slots = slots
                self.mask = capacity - 1
                return
            }
            capacity <<= 1
        }
    }

    /// The slots with every entry within ``window`` slots of its home slot, or nil.
    private static func place(_ entries: [(key: UInt64, value: Int32)], capacity: Int) -> [Slot]? {
        var slots = [Slot](repeating: Slot(), count: 1 + capacity + window - 1)
        for (hash, value) in entries {
            let key = WordHash.mix(hash) | 1
            let home = slot(key, capacity - 1) + 1
            var i = home
            while slots[i].key != 0 {
                i += 1
                if i - home >= window { return nil }
            }
            slots[i] = Slot(key: key, value: value)
        }
        return slots
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key >> 40) & mask
    }

    /// Runs `body` with a lookup view that performs no bounds checks or reference counting.
    @inline(__always)
    func withView<R>(_ body: (View) -> R) -> R {
        slots.withUnsafeBufferPointer { body(View(slots: $0.baseAddress!, mask: mask)) }
    }

    /// A borrowed, unchecked view of the table for the scanning loop.
    struct View {
        let slots: UnsafePointer<Slot>
        let mask: Int

        /// The id stored for `hash`, or 0.
        @inline(__always)
        func lookup(_ hash: UInt64) -> Int32 {
            let key = WordHash.mix(hash) | 1
            let i = WordTable.slot(key, mask) &+ 1
            // At most one of the four keys matches: the sum of `slot × matched` is its index (0,
            // the empty slot, when none does).
            var index = 0
            for d in 0..<WordTable.window {
                let diff = slots[i &+ d].key ^ key
                // 1 when the key matches (`diff | -diff` has its sign bit set unless diff is 0), else 0.
                let matched = Int(truncatingIfNeeded: ~(diff | (0 &- diff)) &>> 63)
                index &+= matched &* (i &+ d)
            }
            return slots[index].value
        }
    }
}

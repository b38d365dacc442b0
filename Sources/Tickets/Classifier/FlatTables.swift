/// Copies of ``CompiledRules``' lookup arrays in memory that is never mutated or moved, read
/// through unchecked pointers in the matching loop: no bounds checks, no reference counting, no
/// uniqueness checks per access. Built once when rules load and freed with the last copy of them.
final class FlatTables: @unchecked Sendable {
    let parent: UnsafeBufferPointer<Int32>
    let flags: UnsafeBufferPointer<UInt8>
    let elements: UnsafeBufferPointer<Int32>
    let patterns: UnsafeBufferPointer<CompiledRules.PatternInfo>
    let firstOffsets: UnsafeBufferPointer<Int32>
    let firstList: UnsafeBufferPointer<CompiledRules.Entry>
    /// Per id: ``CompiledRules/pairFirst`` and ``CompiledRules/pairSecond`` bits.
    let pairFlags: UnsafeBufferPointer<UInt8>
    /// Patterns by their first two word ids.
    let pairKeys: UnsafeBufferPointer<UInt64>
    let pairStart: UnsafeBufferPointer<Int32>
    let pairEnd: UnsafeBufferPointer<Int32>
    let pairList: UnsafeBufferPointer<CompiledRules.Entry>
    let pairMask: Int

    /// Per id: 1 when a pattern starts with it or a stem on its chain, else 0.
    let startFlags: UnsafeBufferPointer<UInt8>
    /// Per id: 1 when it or a stem on its chain is a word (after the first) of a pattern with a gap,
    /// the only words whose presence in a field is ever asked, else 0.
    let gapWords: UnsafeBufferPointer<UInt8>

    init(startFlags: [UInt8], gapWords: [UInt8], parent: [Int32], flags: [UInt8], elements: [Int32], patterns: [CompiledRules.PatternInfo],
         firstOffsets: [Int32], firstList: [CompiledRules.Entry], pairFlags: [UInt8], pairs: PairTable) {
        self.startFlags = Self.copy(startFlags)
        self.gapWords = Self.copy(gapWords)
        self.pairFlags = Self.copy(pairFlags)
        self.pairKeys = Self.copy(pairs.keys)
        self.pairStart = Self.copy(pairs.start)
        self.pairEnd = Self.copy(pairs.end)
        self.pairList = Self.copy(pairs.list)
        self.pairMask = pairs.keys.count - 1
        self.parent = Self.copy(parent)
        self.flags = Self.copy(flags)
        self.elements = Self.copy(elements)
        self.patterns = Self.copy(patterns)
        self.firstOffsets = Self.copy(firstOffsets)
        self.firstList = Self.copy(firstList)
    }

    /// The slot of the patterns starting with ids `first second`, or -1.
    @inline(__always)
    func pairSlot(_ first: Int32, _ second: Int32) -> Int {
        let key = PairTable.key(first, second)
        var i = PairTable.slot(key, pairMask)
        while true {
            let k = pairKeys[i]
            if k == key { return i }
            if k == 0 { return -1 }
            i = (i + 1) & pairMask
        }
    }

    private static func copy<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
        let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = p.initialize(from: array)
        return UnsafeBufferPointer(rebasing: p[..<array.count])
    }

    private static func free<T>(_ p: UnsafeBufferPointer<T>) {
        UnsafeMutableBufferPointer(mutating: p).baseAddress?.deinitialize(count: p.count)
        UnsafeMutableBufferPointer(mutating: p).baseAddress?.deallocate()
    }

    deinit {
        Self.free(parent)
        Self.free(flags)
        Self.free(elements)
        Self.free(patterns)
        Self.free(firstOffsets)
        Self.free(firstList)
        Self.free(startFlags)
        Self.free(gapWords)
        Self.free(pairFlags)
        Self.free(pairKeys)
        Self.free(pairStart)
        Self.free(pairEnd)
        Self.free(pairList)
    }
}

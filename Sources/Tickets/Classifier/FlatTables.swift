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
    let stemGate: UnsafeBufferPointer<UInt64>

    init(parent: [Int32], flags: [UInt8], elements: [Int32], patterns: [CompiledRules.PatternInfo],
         firstOffsets: [Int32], firstList: [CompiledRules.Entry], stemGate: [UInt64]) {
        self.parent = Self.copy(parent)
        self.flags = Self.copy(flags)
        self.elements = Self.copy(elements)
        self.patterns = Self.copy(patterns)
        self.firstOffsets = Self.copy(firstOffsets)
        self.firstList = Self.copy(firstList)
        self.stemGate = Self.copy(stemGate)
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
        Self.free(stemGate)
    }
}

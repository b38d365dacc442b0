/// Copies of ``CompiledRules``' lookup arrays in memory that is never mutated or moved, read
/// through unchecked pointers in the matching loop: no bounds checks, no reference counting, no
/// uniqueness checks per access. Built once when rules load and freed with the last copy of them.
final class FlatTables: @unchecked Sendable {
    let parent: UnsafeBufferPointer<Int32>
    let flags: UnsafeBufferPointer<UInt8>
    let elements: UnsafeBufferPointer<Int32>
    let patterns: UnsafeBufferPointer<CompiledRules.PatternInfo>
    /// ``PatternTrie``'s nodes, root edges, other word edges and terminal patterns.
    let nodes: UnsafeBufferPointer<PatternTrie.Node>
    let rootChild: UnsafeBufferPointer<Int32>
    let edges: UnsafeBufferPointer<PatternTrie.Edge>
    let edgeMask: Int
    let terminals: UnsafeBufferPointer<CompiledRules.Entry>

    /// Per id: 1 when a pattern starts with it or a stem on its chain, else 0.
    let startFlags: UnsafeBufferPointer<UInt8>

    init(startFlags: [UInt8], parent: [Int32], flags: [UInt8], elements: [Int32], patterns: [CompiledRules.PatternInfo], trie: PatternTrie) {
        self.startFlags = Self.copy(startFlags)
        self.parent = Self.copy(parent)
        self.flags = Self.copy(flags)
        self.elements = Self.copy(elements)
        self.patterns = Self.copy(patterns)
        self.nodes = Self.copy(trie.nodes)
        self.rootChild = Self.copy(trie.rootChild)
        self.edges = Self.copy(trie.edges)
        self.edgeMask = trie.edges.count - 1
        self.terminals = Self.copy(trie.terminals)
    }

    /// The child of trie node `node` (> 0) by the word edge `label` (> 0), or 0.
    @inline(__always)
    func child(_ node: Int32, _ label: Int32) -> Int32 {
        let key = PatternTrie.key(node, label)
        var i = PatternTrie.slot(key, edgeMask)
        while true {
            let e = edges[i]
            if e.key == key { return e.child }
            if e.key == 0 { return 0 }
            i = (i &+ 1) & edgeMask
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
        Self.free(startFlags)
        Self.free(nodes)
        Self.free(rootChild)
        Self.free(edges)
        Self.free(terminals)
    }
}

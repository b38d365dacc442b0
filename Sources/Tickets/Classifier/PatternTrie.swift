/// The rules' term patterns as a trie over their element ids, so that matching at a word position
/// walks the patterns that share a beginning once (``Classifier``'s matching follows, from each
/// start position, only the edges that the words there — or their stems — take), instead of trying
/// every pattern that starts with the word one after the other.
///
/// Node 0 is the root. An edge is labelled with an element: a word or stem id, the number id (`#`),
/// or ``CompiledRules/gap`` (`..`). The root's edges are in a plain array indexed by id
/// (``rootChild``); the others in an open-addressing table keyed by (node, label), except the gap
/// edge, kept on its node (``Node/gapChild``). A pattern ends at exactly one node; the patterns that
/// end at a node (the same elements for another priority or modifier) are listed there in pattern
/// order (``terminals``).
struct PatternTrie: Sendable {
    /// One node: the patterns ending here, the gap edge and whether word edges leave it.
    struct Node: Sendable {
        /// `terminals[terminalStart ..< terminalEnd]`: the patterns that end here, in pattern order.
        var terminalStart: Int32 = 0
        var terminalEnd: Int32 = 0
        /// The node reached by a `..` edge, or 0.
        var gapChild: Int32 = 0
        /// Bit 0: some word edge leaves this node. Bit 1: the node lies below a gap edge, so a walk
        /// from one start position may reach it more than once (by different gap lengths).
        var flags: Int32 = 0
    }

    /// ``Node/flags``: a word edge leaves the node.
    static let hasWordChildren: Int32 = 1
    /// ``Node/flags``: the node lies below a gap edge.
    static let belowGap: Int32 = 2

    /// One (node, label) edge in the table: the key (`node << 32 | label`, never 0: a table edge
    /// never leaves the root) and the child.
    struct Edge: Sendable {
        var key: UInt64
        var child: Int32
        var unused: Int32 = 0
    }

    private(set) var nodes: [Node]
    /// Per vocabulary id: the child of the root by that id, or 0.
    private(set) var rootChild: [Int32]
    /// The non-root word edges; a power of two long, at most a quarter full, `key == 0` for an
    /// empty slot.
    private(set) var edges: [Edge]
    /// The patterns ending at the nodes (see ``Node/terminalStart``).
    private(set) var terminals: [CompiledRules.Entry]

    /// The trie of `patterns` (their elements in `elements`) over a vocabulary of `idCount` ids.
    init(patterns: [CompiledRules.PatternInfo], elements: [Int32], idCount: Int) {
        var nodes = [Node()]
        var rootChild = [Int32](repeating: 0, count: idCount)
        var children: [UInt64: Int32] = [:]
        var ending: [[Int32]] = [[]]
        for (index, p) in patterns.enumerated() {
            var node: Int32 = 0
            var belowGap = false
            for k in p.elementStart..<(p.elementStart + p.elementCount) {
                let label = elements[k]
                if label == CompiledRules.gap { belowGap = true }
                let existing: Int32
                if node == 0 {
                    existing = rootChild[Int(label)]
                } else if label == CompiledRules.gap {
                    existing = nodes[Int(node)].gapChild
                } else {
                    existing = children[Self.key(node, label)] ?? 0
                }
                if existing != 0 {
                    node = existing
                    continue
                }
                let child = Int32(nodes.count)
                nodes.append(Node(flags: belowGap ? Self.belowGap : 0))
                ending.append([])
                if node == 0 {
                    rootChild[Int(label)] = child
                } else if label == CompiledRules.gap {
                    nodes[Int(node)].gapChild = child
                } else {
                    children[Self.key(node, label)] = child
                    nodes[Int(node)].flags |= Self.hasWordChildren
                }
                node = child
            }
            ending[Int(node)].append(Int32(index))
        }
        var terminals: [CompiledRules.Entry] = []
        for n in nodes.indices {
            nodes[n].terminalStart = Int32(terminals.count)
            terminals.append(contentsOf: ending[n].map { CompiledRules.Entry($0, patterns[Int($0)]) })
            nodes[n].terminalEnd = Int32(terminals.count)
        }
        // At most a quarter full: most lookups miss (the next word continues no pattern), and a
        // miss probes until an empty slot.
        var capacity = 16
        while capacity < children.count * 4 { capacity <<= 1 }
        var edges = [Edge](repeating: Edge(key: 0, child: 0), count: capacity)
        // Sorted so the layout does not depend on the dictionary's order.
        for (key, child) in children.sorted(by: { $0.key < $1.key }) {
            var i = Self.slot(key, capacity - 1)
            while edges[i].key != 0 { i = (i + 1) & (capacity - 1) }
            edges[i] = Edge(key: key, child: child)
        }
        self.nodes = nodes
        self.rootChild = rootChild
        self.edges = edges
        self.terminals = terminals
    }

    /// The table key of the edge labelled `label` (> 0) leaving `node` (> 0).
    @inline(__always)
    static func key(_ node: Int32, _ label: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: label))
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }
}

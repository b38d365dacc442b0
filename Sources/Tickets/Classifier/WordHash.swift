/// The 64-bit hash of a folded word, by which the classifier's tables (``WordTable``) and the
/// language detector find a word without comparing its bytes.
///
/// The word is read eight bytes at a time from the fold buffer (``TextScanner/fold(_:into:)``, which
/// keeps at least eight readable bytes after every word): each full chunk is xored in and spread by
/// a multiply and a rotation; the last chunk is masked to the word's remaining 1…8 bytes, and the
/// length is mixed in last. Two words of the same length of at most eight bytes never collide (xor
/// and the multiply by an odd constant are bijections).
///
/// Longer words may collide like with any 64-bit hash. A collision between two words of the rules
/// would make one stand for the other, so rules choose a ``seed`` under which their vocabulary
/// hashes apart (``seed(distinguishing:)``); a word of a mail colliding with a word of the rules
/// has a chance of about one in 2⁶⁴ divided by the vocabulary's size.
enum WordHash {
    /// The first seed tried; rules and the language detector use it unless their words collide.
    static let defaultSeed: UInt64 = 0x2545_f491_4f6c_dd1d

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Eight bytes at `p` as a little-endian integer (the first byte in the low bits).
    @inline(__always)
    static func chunk(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// The hash of the `length` (≥ 1) bytes at `start`, reading up to 7 bytes past them (which must
    /// be readable; their values do not matter).
    @inline(__always)
    static func hash(_ start: UnsafePointer<UInt8>, _ length: Int, seed: UInt64) -> UInt64 {
        var h = seed
        var i = 0
        while length &- i > 8 {
            let x = (h ^ chunk(start + i)) &* multiplier
            h = (x &<< 31) | (x &>> 33)
            i &+= 8
        }
        let last = chunk(start + i) & (~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* (length &- i)))
        return ((h ^ last) &* multiplier) ^ UInt64(truncatingIfNeeded: length)
    }

    /// Spreads a hash's bits over its high bits, which ``WordTable`` indexes with.
    @inline(__always)
    static func mix(_ hash: UInt64) -> UInt64 { hash &* 0xD6E8_FEB8_6659_FD93 }

    /// The hash of an already folded word (one of ``TextScanner/words(_:)``); 0 for an empty one.
    static func of(_ folded: String, seed: UInt64) -> UInt64 {
        var bytes = Array(folded.utf8)
        guard !bytes.isEmpty else { return 0 }
        let length = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 8))
        return bytes.withUnsafeBufferPointer { hash($0.baseAddress!, length, seed: seed) }
    }

    /// The first seed (from ``defaultSeed`` on) under which the distinct `words` all have distinct
    /// hashes. Each try fails with a probability of about n²/2⁶⁵, so the first one practically
    /// always succeeds; 64 failures in a row cannot happen short of a broken hash.
    static func seed(distinguishing words: some Sequence<String>) -> UInt64 {
        let distinct = Set(words)
        var seed = defaultSeed
        for _ in 0..<64 {
            var hashes = Set<UInt64>()
            hashes.reserveCapacity(distinct.count)
            if distinct.allSatisfy({ hashes.insert(of($0, seed: seed)).inserted }) { return seed }
            seed &+= multiplier
        }
        preconditionFailure("WordHash: no seed separates \(distinct.count) words")
    }
}

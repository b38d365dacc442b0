/// Gives a new ticket its priority, P1 Urgent … P4 Low, by the impact the customer describes
/// (support policy, shared/seed), and says why.
///
/// ## How a mail is scored
/// 1. The subject and the body (``Message/newText``: quotes and signature already removed; only the
///    first `settings.max_body_bytes`) are folded (case, accents) into a buffer and split into words
///    (``TextScanner``, eight bytes at a time where it can); each word is looked up once in a hash
///    table of the rules' words (``WordTable``), and an unlisted one by its longest listed stem
///    (``StemTable``) or as a number (`#`).
/// 2. Term patterns are matched at each known word (by walking the patterns' trie, ``PatternTrie``,
///    along the following words), leftmost-longest: a match lying inside a longer
///    match that started earlier is dropped (`não consigo encontrar` beats `não consigo`). Terms and
///    modifiers overlap independently.
/// 3. A match is **negated** when a negation word (`não`, `not`, `no`, …) stands at most
///    `negation.window` words before it with no clause boundary (`. , ; : ! ?`, blank line) or break
///    word (`mas`, `but`, `pero`) between, unless the pattern itself starts with a negation or
///    concord word (`não funciona`, `nobody can`, `ningún usuario`). Negated matches count nothing.
///    A word that negates in only some languages (`no`: English/Spanish, but "in the" in Portuguese)
///    negates only when the mail is not detected (``LanguageDetector``) as another language.
/// 4. Each priority's score is the sum, over distinct terms, of `weight × field weight`
///    (subject `subject_weight`, 2.0; body `body_weight`, 1.0; the subject of a reply —
///    `Re:`/`RES:`/`RV:`/`Fwd:` — only `reply_subject_weight`, because it was written for an
///    earlier message). A term repeated in one field counts once.
/// 5. Every modifier with a non-negated match multiplies the scores by its factors: wide scale
///    (`todos os usuários`, `all our users`) raises P1/P2, narrow scale (`only me`) and workarounds
///    lower them, urgency words amplify existing evidence but never create it; shouting (all-caps
///    subject, `!!!`) is reported and multiplied by `shouting_factor` (1.0: not impact).
/// 6. The highest score wins; ties go to the more severe priority (missing an outage is the worst
///    error). A priority whose score is below its own minimum (`min_scores`, such as P4 2.0: a
///    request must be clear) does not win. If no score reaches `min_score`, the mail gets
///    `default_priority` (P3).
public struct Classifier: Sendable {
    /// The rules in use.
    public let rules: ClassifierRules

    /// A classifier for `rules`.
    public init(rules: ClassifierRules) {
        self.rules = rules
    }

    /// Classifies one mail.
    ///
    /// - Parameters:
    ///   - subject: the decoded subject.
    ///   - body: what the customer wrote this time (MailCore's `Message.newText`).
    public func classify(subject: String, body: String) -> Classification {
        guard let compiled = rules.compiled else {
            return Classification(priority: rules.settings.defaultPriority, reasons: ["no rules loaded"], matches: [], scores: [:])
        }
        let t = compiled.flat
        var hits: [Hit] = []
        hits.reserveCapacity(32)
        var exclamations = 0
        // Plain values for the scanning closures, which then capture nothing that is reference counted
        // but `compiled`.
        let limits = Limits(window: rules.settings.negationWindow, maxGap: rules.settings.maxGap)
        let maxBodyBytes = rules.settings.maxBodyBytes
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: t.patterns.count) { seen in
            seen.initialize(repeating: 0)
            var dropped: (String, Language)?
            withUnsafeTemporaryAllocation(of: Candidate.self, capacity: t.patterns.count) { candidates in
                exclamations += Self.scan(subject, field: .subject, compiled, limits, seen, candidates, into: &hits, limit: 4096) { _, _ in }
                exclamations += Self.scan(body, field: .body, compiled, limits, seen, candidates, into: &hits, limit: maxBodyBytes) { hits, fold in
                    // While the body's fold buffer still exists: the language detection reads its prefix.
                    dropped = Self.dropForeignNegations(&hits, seen: seen, subject: subject, body: fold, compiled)
                }
            }
            var result = decide(hits: hits, seen: UnsafeBufferPointer(seen), subject: subject, exclamations: exclamations, compiled)
            if let (word, language) = dropped {
                result.reasons.insert("negation: \"\(word)\" is not a negation word in \(language): ignored", at: 0)
            }
            return result
        }
    }

    /// How many characters of the body tell the language (the customer's own words come first;
    /// a short prefix keeps the detection cheap).
    private static let detectionPrefix = 1024

    /// The text the language is detected from: the subject, a newline and the first
    /// ``detectionPrefix`` Characters of the body. The cut is found on the UTF-8 bytes when the
    /// text allows it (``GraphemePrefix``), else by `String.prefix(_:)`; both give the same text.
    static func detectionText(subject: String, body: String) -> String {
        var copy = body
        if let cut = copy.withUTF8({ GraphemePrefix.byteCount($0, characters: Self.detectionPrefix) }) {
            let end = body.utf8.index(body.utf8.startIndex, offsetBy: cut)
            return subject + "\n" + body[..<end]
        }
        return subject + "\n" + body.prefix(Self.detectionPrefix)
    }

    /// The language of ``detectionText(subject:body:)``, with the body folded whole first (the
    /// classifier's path, for tests).
    static func detectLanguage(subject: String, body: String) -> Language? {
        var bodyCopy = body
        return bodyCopy.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + TextScanner.padding) { buffer in
                _ = TextScanner.fold(bytes, into: buffer.baseAddress!)
                return detectLanguage(subject: subject, body: FoldedBody(text: body, bytes: bytes, folded: buffer.baseAddress!, foldedInputCount: bytes.count))
            }
        }
    }

    /// A field's text, its UTF-8 bytes and its fold buffer (``TextScanner/fold(_:into:)``) of the
    /// first `foldedInputCount` bytes, valid while the field is being classified.
    struct FoldedBody {
        var text: String
        var bytes: UnsafeBufferPointer<UInt8>
        /// The fold buffer; the language detection may overwrite it.
        var folded: UnsafeMutablePointer<UInt8>
        var foldedInputCount: Int
    }

    /// The language of ``detectionText(subject:body:)``, read in place when the body's prefix is
    /// found on its bytes and the text is short enough, else from the built text. In place, the
    /// body's prefix is not folded again: its fold is the first bytes of the body's fold buffer
    /// (``TextScanner/foldedPrefix(of:characters:limit:in:)``, which finds the prefix's end too, or
    /// ``TextScanner/foldedLength(of:in:)``), ended there (which overwrites the buffer).
    static func detectLanguage(subject: String, body: FoldedBody) -> Language? {
        let bodyBytes = body.bytes
        var subjectCopy = subject
        if let (cut, length) = TextScanner.foldedPrefix(of: bodyBytes, characters: Self.detectionPrefix,
                                                        limit: body.foldedInputCount, in: body.folded),
           subject.utf8.count + 1 + cut <= LanguageDetector.maxBytes {
            body.folded[length] = TextScanner.end
            (body.folded + length + 1).update(repeating: TextScanner.separator, count: TextScanner.padding - 1)
            return subjectCopy.withUTF8 { detector.detect($0, thenFolded: body.folded) }
        }
        guard let cut = GraphemePrefix.byteCount(bodyBytes, characters: Self.detectionPrefix),
              subject.utf8.count + 1 + cut <= LanguageDetector.maxBytes else {
            return detector.detect(detectionText(subject: subject, body: body.text))
        }
        let prefix = UnsafeBufferPointer(rebasing: bodyBytes[..<cut])
        if cut <= body.foldedInputCount, let length = TextScanner.foldedLength(of: prefix, in: body.folded) {
            body.folded[length] = TextScanner.end
            (body.folded + length + 1).update(repeating: TextScanner.separator, count: TextScanner.padding - 1)
            return subjectCopy.withUTF8 { detector.detect($0, thenFolded: body.folded) }
        }
        return subjectCopy.withUTF8 { detector.detect(parts: [$0, prefix]) }
    }

    /// The language detector for ambiguous negation words, built once.
    private static let detector = LanguageDetector()

    /// When a negation comes from a word that negates in some languages but not in all of them
    /// (`no`: English/Spanish "no", Portuguese "in the"), detects the mail's language — only then,
    /// so the common path pays nothing — and cancels the negations whose word does not negate in it.
    /// A word listed for one language only (`não`, `not`, `ni`) is not ambiguous and never triggers it.
    /// The mail's language decides, not the term's: English terms are common in Portuguese mail
    /// ("a live no YouTube fica offline": `no` is "in the" there, and `offline` stays a match).
    /// Returns one such word and the language when something was cancelled.
    /// A hit whose negation is cancelled becomes a plain one, unless the same term already matched
    /// plainly in that field (`seen`, see ``decide(hits:seen:subject:exclamations:_:)``): each term
    /// counts once per field.
    private static func dropForeignNegations(_ hits: inout [Hit], seen: UnsafeMutableBufferPointer<UInt8>,
                                             subject: String, body: FoldedBody,
                                             _ c: CompiledRules) -> (String, Language)? {
        guard hits.contains(where: { $0.negator != 0 && c.isFalseFriendNegator($0.negator) }),
              let language = detectLanguage(subject: subject, body: body) else { return nil }
        let bit = CompiledRules.flagNegator(in: language)
        var dropped: String?
        var kept: [Hit] = []
        kept.reserveCapacity(hits.count)
        for var hit in hits {
            if hit.negator != 0 && c.flags[Int(hit.negator)] & bit == 0 {
                dropped = c.display[Int(hit.negator)]
                let plain: UInt8 = hit.field == .subject ? 1 : 4
                if seen[Int(hit.pattern)] & plain != 0 { continue }
                seen[Int(hit.pattern)] |= plain
                hit.negator = 0
            }
            kept.append(hit)
        }
        hits = kept
        return dropped.map { ($0, language) }
    }

    /// The settings matching needs.
    struct Limits {
        /// `negation.window`: how many words before a match a negation word may stand.
        var window: Int
        /// `max_gap`: how many words a `..` may skip.
        var maxGap: Int
    }

    /// One pattern occurrence kept after overlap resolution.
    struct Hit {
        var pattern: Int32
        var field: RuleMatch.Field
        /// The id of the negation word that cancels it, or 0.
        var negator: Int32
    }

    /// A pattern that matched at the current position, and the word position where it ends.
    struct Candidate {
        var pattern: Int32
        var end: Int32
        /// The pattern's ``CompiledRules/PatternInfo/layer`` and ``CompiledRules/PatternInfo/exempt``.
        var layer: UInt8
        var exempt: Bool
        /// The position on the start word's chain of the id the pattern starts with.
        var link: Int32
    }

    /// Scans one field and appends its matches, then calls `finish` with the hits and the field's
    /// fold buffer (valid during the call only); returns how many `!` it saw.
    private static func scan(_ text: String, field: RuleMatch.Field, _ c: CompiledRules, _ limits: Limits, _ seen: UnsafeMutableBufferPointer<UInt8>,
                             _ candidates: UnsafeMutableBufferPointer<Candidate>, into hits: inout [Hit], limit: Int,
                             finish: (inout [Hit], FoldedBody) -> Void) -> Int {
        var copy = text
        return copy.withUTF8 { all -> Int in
            let bytes = UnsafeBufferPointer(rebasing: all.prefix(limit))
            // One scratch buffer: the folded text (never longer than the text), then the word ids
            // (at most one per folded byte, plus a boundary), then the positions where some pattern
            // may start.
            let foldBytes = (bytes.count + TextScanner.padding + 7) & ~7
            let idCapacity = bytes.count + 2
            return withUnsafeTemporaryAllocation(byteCount: foldBytes + 12 * idCapacity, alignment: 8) { scratch -> Int in
                let base = scratch.baseAddress!
                let folded = base.bindMemory(to: UInt8.self, capacity: foldBytes)
                let ids = (base + foldBytes).bindMemory(to: Int32.self, capacity: 3 * idCapacity)
                let starts = ids + idCapacity
                let values = starts + idCapacity
                _ = TextScanner.fold(bytes, into: folded)
                let t = c.flat
                let (count, startCount, bangs) = c.exact.withView { exact in
                    c.stems.withView { stems in
                        var sink = WordIDSink(exact: exact, stems: stems, seed: c.hashSeed, numberID: c.numberID, startFlags: t.startFlags.baseAddress!,
                                              out: ids, starts: starts, values: values)
                        TextScanner.walk(folded, into: &sink)
                        return (sink.count, sink.startCount, sink.exclamations)
                    }
                }
                let words = UnsafeBufferPointer(start: ids, count: count)
                match(words, starts: UnsafeBufferPointer(start: starts, count: startCount), values: values, field: field, t, limits,
                      seen: seen, candidates: candidates, into: &hits)
                finish(&hits, FoldedBody(text: text, bytes: all, folded: folded, foldedInputCount: bytes.count))
                return bangs
            }
        }
    }

    /// Leftmost-longest pattern matching over the word ids of one field, per layer.
    ///
    /// At each position where some pattern may start, the patterns' trie (``PatternTrie``) is walked
    /// along the words that follow (``walk(_:_:_:_:_:_:_:_:_:)``), which collects every pattern that
    /// matches there with its end; then, per layer, the patterns with the farthest end are kept
    /// unless an earlier match of that layer already reaches as far. `seen` records per pattern
    /// which field/negation combinations were already reported, so repeats are not kept.
    private static func match(_ ids: UnsafeBufferPointer<Int32>, starts: UnsafeBufferPointer<Int32>, values: UnsafePointer<Int32>,
                              field: RuleMatch.Field, _ t: FlatTables, _ limits: Limits,
                              seen: UnsafeMutableBufferPointer<UInt8>,
                              candidates: UnsafeMutableBufferPointer<Candidate>, into hits: inout [Hit]) {
        var coveredEnd = (0, 0)
        let window = limits.window
        let maxGap = limits.maxGap
        let parent = t.parent, rootChild = t.rootChild
        let fieldBit: UInt8 = field == .subject ? 1 : 4
        for start in starts {
            let i = Int(start)
            let u = ids[i]
            guard u > 0 else { continue }
            var found = 0
            var bestEnd = (-1, -1)
            var link = u
            var chainIndex: Int32 = 0
            while link != 0 {
                let child = rootChild[Int(link)]
                if child != 0 {
                    expand(child, i + 1, chainIndex, ids, t, maxGap, candidates, &found, &bestEnd)
                }
                link = parent[Int(link)]
                chainIndex += 1
            }
            guard found > 0 else { continue }
            // Candidates in the order of the chain link they start with, then of the patterns.
            if found > 1 {
                for a in 1..<found {
                    let x = candidates[a]
                    var b = a
                    while b > 0 && (candidates[b - 1].link, candidates[b - 1].pattern) > (x.link, x.pattern) {
                        candidates[b] = candidates[b - 1]
                        b -= 1
                    }
                    candidates[b] = x
                }
            }
            for layer in 0...1 {
                let end = layer == 0 ? bestEnd.0 : bestEnd.1
                let covered = layer == 0 ? coveredEnd.0 : coveredEnd.1
                guard end > covered else { continue }
                // A counted term whose counts do not compare (`share_below`) did not match: it
                // covers nothing.
                var matched = false
                for n in 0..<found {
                    let cand = candidates[n]
                    guard Int(cand.end) == end, Int(cand.layer) == layer else { continue }
                    if layer == 1, !Self.shareHolds(t.patterns[Int(cand.pattern)], at: i, values) { continue }
                    matched = true
                    let negator = cand.exempt ? 0 : Self.negation(before: i, ids, window, t)
                    let bit: UInt8 = fieldBit << (negator == 0 ? 0 : 1)
                    if seen[Int(cand.pattern)] & bit != 0 { continue }
                    seen[Int(cand.pattern)] |= bit
                    hits.append(Hit(pattern: cand.pattern, field: field, negator: negator))
                }
                guard matched else { continue }
                if layer == 0 { coveredEnd.0 = end } else { coveredEnd.1 = end }
            }
        }
    }

    /// Walks trie node `node`, reached with the words before position `pos`: records the patterns
    /// that end there (ending at `pos`) and follows the edges that the word at `pos` (or one of its
    /// stems) takes, and a `..` edge over 0 to `maxGap` words that are not clause boundaries.
    ///
    /// Gap lengths are tried shortest first and the words of a chain in chain order, depth first,
    /// so the first time a pattern's node is reached gives the end that trying that pattern alone
    /// would give (its shortest gaps); a node below a gap may be reached again by longer gaps, and
    /// is then not recorded again. `link` is the chain position of the start word's id the walk
    /// began with (candidates are ordered by it).
    private static func walk(_ node: Int32, _ pos: Int, _ link: Int32, _ ids: UnsafeBufferPointer<Int32>, _ t: FlatTables, _ maxGap: Int,
                             _ candidates: UnsafeMutableBufferPointer<Candidate>, _ found: inout Int, _ bestEnd: inout (Int, Int)) {
        expand(node, pos, link, ids, t, maxGap, candidates, &found, &bestEnd)
    }

    /// The body of ``walk(_:_:_:_:_:_:_:_:_:)``, inlined into it and into the matching loop (which
    /// so enters the trie's first level without a call).
    @inline(__always)
    private static func expand(_ node: Int32, _ pos: Int, _ link: Int32, _ ids: UnsafeBufferPointer<Int32>, _ t: FlatTables, _ maxGap: Int,
                               _ candidates: UnsafeMutableBufferPointer<Candidate>, _ found: inout Int, _ bestEnd: inout (Int, Int)) {
        let info = t.nodes[Int(node)]
        record(info, pos, link, t, candidates, &found, &bestEnd)
        if info.gapChild != 0 {
            var skip = 0
            while skip <= maxGap {
                let q = pos + skip
                if q > ids.count { break }
                if skip > 0 && ids[q - 1] == CompiledRules.boundary { break }
                walk(info.gapChild, q, link, ids, t, maxGap, candidates, &found, &bestEnd)
                skip += 1
            }
        }
        if info.flags & PatternTrie.hasWordChildren != 0 && pos < ids.count {
            var x = ids[pos]
            while x > 0 {
                let child = t.child(node, x)
                if child != 0 {
                    let next = t.nodes[Int(child)]
                    if next.gapChild == 0 && next.flags & PatternTrie.hasWordChildren == 0 {
                        // A leaf: record it here rather than through a call.
                        record(next, pos + 1, link, t, candidates, &found, &bestEnd)
                    } else {
                        walk(child, pos + 1, link, ids, t, maxGap, candidates, &found, &bestEnd)
                    }
                }
                x = t.parent[Int(x)]
            }
        }
    }

    /// Records the patterns that end at trie node `info` (at word position `pos`) as candidates,
    /// unless the node lies below a gap and was already reached from this start position.
    @inline(__always)
    private static func record(_ info: PatternTrie.Node, _ pos: Int, _ link: Int32, _ t: FlatTables,
                               _ candidates: UnsafeMutableBufferPointer<Candidate>, _ found: inout Int, _ bestEnd: inout (Int, Int)) {
        guard info.terminalEnd > info.terminalStart else { return }
        if info.flags & PatternTrie.belowGap != 0 {
            let first = t.terminals[Int(info.terminalStart)].pattern
            for n in 0..<found where candidates[n].pattern == first { return }
        }
        for k in Int(info.terminalStart)..<Int(info.terminalEnd) {
            let entry = t.terminals[k]
            candidates[found] = Candidate(pattern: entry.pattern, end: Int32(pos), layer: entry.layer, exempt: entry.exempt, link: link)
            found += 1
            if entry.layer == 0 { bestEnd.0 = max(bestEnd.0, pos) } else { bestEnd.1 = max(bestEnd.1, pos) }
        }
    }

    /// False when `info` compares counts (`share_below`) and the first number is not below that
    /// share of the last ("26 of our 28" is not a part; "15 of our 40" is).
    @inline(__always)
    private static func shareHolds(_ info: CompiledRules.PatternInfo, at i: Int, _ values: UnsafePointer<Int32>) -> Bool {
        guard info.shareBelow > 0 else { return true }
        let part = Double(values[i + Int(info.shareFirst)]), whole = Double(values[i + Int(info.shareLast)])
        return whole > 0 && part < info.shareBelow * whole
    }

    /// The negation word within `window` words before position `i`, stopping at a clause boundary
    /// or a break word; 0 when there is none.
    private static func negation(before i: Int, _ ids: UnsafeBufferPointer<Int32>, _ window: Int, _ t: FlatTables) -> Int32 {
        var j = i - 1
        var seen = 0
        while j >= 0 && seen < window {
            let id = ids[j]
            if id == CompiledRules.boundary { return 0 }
            if id > 0 {
                let f = t.flags[Int(id)]
                if f & CompiledRules.flagBreak != 0 { return 0 }
                if f & CompiledRules.flagNegator != 0 { return id }
            }
            j -= 1
            seen += 1
        }
        return 0
    }
}

/// Gives a new ticket its priority, P1 Urgent … P4 Low, by the impact the customer describes
/// (support policy, shared/seed), and says why.
///
/// ## How a mail is scored
/// 1. The subject and the body (``Message/newText``: quotes and signature already removed; only the
///    first `settings.max_body_bytes`) are folded (case, accents) and split into words in one pass;
///    each word is looked up once in a hash table of the rules' words and stems.
/// 2. Term patterns are matched at each known word, leftmost-longest: a match lying inside a longer
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
///    error). If no score reaches `min_score`, the mail gets `default_priority` (P3).
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
        var hits: [Hit] = []
        var exclamations = 0
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: compiled.patterns.count) { seen in
            seen.initialize(repeating: 0)
            exclamations += scan(subject, field: .subject, compiled, seen, into: &hits, limit: 4096)
            exclamations += scan(body, field: .body, compiled, seen, into: &hits, limit: rules.settings.maxBodyBytes)
        }
        let dropped = Self.dropForeignNegations(&hits, subject: subject, body: body, compiled)
        var result = decide(hits: hits, subject: subject, exclamations: exclamations, compiled)
        if let (word, language) = dropped {
            result.reasons.insert("negation: \"\(word)\" is not a negation word in \(language): ignored", at: 0)
        }
        return result
    }

    /// How many characters of the body tell the language (the customer's own words come first;
    /// a short prefix keeps the detection cheap).
    private static let detectionPrefix = 1024

    /// The language detector for ambiguous negation words, built once.
    private static let detector = LanguageDetector()

    /// When a negation comes from a word that negates in some languages but not in all of them
    /// (`no`: English/Spanish "no", Portuguese "in the"), detects the mail's language — only then,
    /// so the common path pays nothing — and cancels the negations whose word does not negate in it.
    /// A word listed for one language only (`não`, `not`, `ni`) is not ambiguous and never triggers it,
    /// nor does a negation of a term written in a language where the word does negate (`no podemos`).
    /// Returns one such word and the language when something was cancelled.
    private static func dropForeignNegations(_ hits: inout [Hit], subject: String, body: String,
                                             _ c: CompiledRules) -> (String, Language)? {
        guard hits.contains(where: {
                  $0.negator != 0 && c.isFalseFriendNegator($0.negator)
                      && c.flags[Int($0.negator)] & CompiledRules.flagNegator(in: c.patterns[Int($0.pattern)].language) == 0
              }),
              let language = detector.detect(subject + "\n" + body.prefix(Self.detectionPrefix)) else { return nil }
        let bit = CompiledRules.flagNegator(in: language)
        var dropped: String?
        for i in hits.indices where hits[i].negator != 0 && c.flags[Int(hits[i].negator)] & bit == 0 {
            dropped = c.display[Int(hits[i].negator)]
            hits[i].negator = 0
        }
        return dropped.map { ($0, language) }
    }

    /// One pattern occurrence kept after overlap resolution.
    struct Hit {
        var pattern: Int32
        var field: RuleMatch.Field
        /// The id of the negation word that cancels it, or 0.
        var negator: Int32
    }

    /// Scans one field and appends its matches; returns how many `!` it saw.
    private func scan(_ text: String, field: RuleMatch.Field, _ c: CompiledRules, _ seen: UnsafeMutableBufferPointer<UInt8>,
                      into hits: inout [Hit], limit: Int) -> Int {
        var copy = text
        return copy.withUTF8 { all -> Int in
            let bytes = UnsafeBufferPointer(rebasing: all.prefix(limit))
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: bytes.count + 2) { ids -> Int in
                let (count, bangs) = c.exact.withView { exact in
                    c.stems.withView { stems in
                        var sink = WordIDSink(exact: exact, stems: stems, stemLengthMask: c.stemLengthMask, out: ids.baseAddress!)
                        TextScanner.scan(bytes, into: &sink)
                        return (sink.count, sink.exclamations)
                    }
                }
                let words = UnsafeBufferPointer(start: ids.baseAddress!, count: count)
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: c.unitCount / 64 + 1) { present in
                    present.initialize(repeating: 0)
                    for id in words where id > 0 {
                        var x = id
                        while x > 0 {
                            present[Int(x) >> 6] |= 1 << UInt64(x & 63)
                            x = c.parent[Int(x)]
                        }
                    }
                    match(words, field: field, c, present: UnsafeBufferPointer(present), seen: seen, into: &hits)
                }
                return bangs
            }
        }
    }

    /// Leftmost-longest pattern matching over the word ids of one field, per layer.
    /// `present` is a bit set of the ids (and their stems) occurring in the field; `seen` records per
    /// pattern which field/negation combinations were already reported, so repeats are not kept.
    private func match(_ ids: UnsafeBufferPointer<Int32>, field: RuleMatch.Field, _ c: CompiledRules,
                       present: UnsafeBufferPointer<UInt64>, seen: UnsafeMutableBufferPointer<UInt8>, into hits: inout [Hit]) {
        var coveredEnd = (0, 0)
        var candidates: [(pattern: Int32, end: Int)] = []
        let window = rules.settings.negationWindow
        c.parent.withUnsafeBufferPointer { parent in
        c.firstOffsets.withUnsafeBufferPointer { offsets in
        c.firstList.withUnsafeBufferPointer { list in
        for i in 0..<ids.count {
            let u = ids[i]
            guard u > 0 else { continue }
            candidates.removeAll(keepingCapacity: true)
            var bestEnd = (-1, -1)
            let next: Int32 = i + 1 < ids.count ? ids[i + 1] : 0
            var link = u
            while link != 0 {
                let lo = Int(offsets[Int(link)]), hi = Int(offsets[Int(link) + 1])
                for k in lo..<hi {
                    let entry = list[k]
                    if entry.second != 0 {
                        var x = next
                        while x > 0 && x != entry.second { x = parent[Int(x)] }
                        if x != entry.second { continue }
                    }
                    let p = entry.pattern
                    let info = c.patterns[Int(p)]
                    if entry.hasGap && !allPresent(info, present, c) { continue }
                    guard let end = matchRest(ids, info.elementStart + 1, info.elementStart + info.elementCount, i + 1, c) else { continue }
                    candidates.append((p, end))
                    if info.layer == 0 { bestEnd.0 = max(bestEnd.0, end) } else { bestEnd.1 = max(bestEnd.1, end) }
                }
                link = parent[Int(link)]
            }
            guard !candidates.isEmpty else { continue }
            for layer in 0...1 {
                let end = layer == 0 ? bestEnd.0 : bestEnd.1
                let covered = layer == 0 ? coveredEnd.0 : coveredEnd.1
                guard end > covered else { continue }
                for cand in candidates where cand.end == end && c.patterns[Int(cand.pattern)].layer == layer {
                    let negator = c.patterns[Int(cand.pattern)].exempt ? 0 : negation(before: i, ids, window, c)
                    let bit: UInt8 = (field == .subject ? 1 : 4) << (negator == 0 ? 0 : 1)
                    if seen[Int(cand.pattern)] & bit != 0 { continue }
                    seen[Int(cand.pattern)] |= bit
                    hits.append(Hit(pattern: cand.pattern, field: field, negator: negator))
                }
                if layer == 0 { coveredEnd.0 = end } else { coveredEnd.1 = end }
            }
        }
        }
        }
        }
    }

    /// Matches pattern elements `k..<end` from word position `pos`; returns the end position.
    private func matchRest(_ ids: UnsafeBufferPointer<Int32>, _ k: Int, _ end: Int, _ pos: Int, _ c: CompiledRules) -> Int? {
        if k == end { return pos }
        let e = c.elements[k]
        if e == CompiledRules.gap {
            var skip = 0
            while skip <= rules.settings.maxGap {
                let q = pos + skip
                if q > ids.count { return nil }
                if skip > 0 && ids[q - 1] == CompiledRules.boundary { return nil }
                if let r = matchRest(ids, k + 1, end, q, c) { return r }
                skip += 1
            }
            return nil
        }
        guard pos < ids.count else { return nil }
        var x = ids[pos]
        while x > 0 {
            if x == e { return matchRest(ids, k + 1, end, pos + 1, c) }
            x = c.parent[Int(x)]
        }
        return nil
    }

    /// True when every word of the pattern occurs somewhere in the field.
    @inline(__always)
    private func allPresent(_ info: CompiledRules.PatternInfo, _ present: UnsafeBufferPointer<UInt64>, _ c: CompiledRules) -> Bool {
        for k in (info.elementStart + 1)..<(info.elementStart + info.elementCount) {
            let e = c.elements[k]
            if e > 0 && present[Int(e) >> 6] & (1 << UInt64(e & 63)) == 0 { return false }
        }
        return true
    }

    /// True when `id` or one of the stems it is chained to is `element`.
    @inline(__always)
    private func chain(_ id: Int32, contains element: Int32, _ c: CompiledRules) -> Bool {
        var x = id
        while x > 0 {
            if x == element { return true }
            x = c.parent[Int(x)]
        }
        return false
    }

    /// The negation word within `window` words before position `i`, stopping at a clause boundary
    /// or a break word; 0 when there is none.
    private func negation(before i: Int, _ ids: UnsafeBufferPointer<Int32>, _ window: Int, _ c: CompiledRules) -> Int32 {
        var j = i - 1
        var seen = 0
        while j >= 0 && seen < window {
            let id = ids[j]
            if id == CompiledRules.boundary { return 0 }
            if id > 0 {
                let f = c.flags[Int(id)]
                if f & CompiledRules.flagBreak != 0 { return 0 }
                if f & CompiledRules.flagNegator != 0 { return id }
            }
            j -= 1
            seen += 1
        }
        return 0
    }
}

/// Turns scanned words into rule vocabulary ids (0 for an unknown word, -1 for a clause boundary).
struct WordIDSink: TextScannerSink {
    let exact: WordTable.View
    let stems: WordTable.View
    let stemLengthMask: UInt64
    let out: UnsafeMutablePointer<Int32>
    var count = 0
    var exclamations = 0
    private var hash = WordHash.offset
    private var length = 0
    private var stemID: Int32 = 0

    init(exact: WordTable.View, stems: WordTable.View, stemLengthMask: UInt64, out: UnsafeMutablePointer<Int32>) {
        self.exact = exact
        self.stems = stems
        self.stemLengthMask = stemLengthMask
        self.out = out
    }

    @inline(__always)
    mutating func wordByte(_ byte: UInt8) {
        hash = WordHash.add(hash, byte)
        length &+= 1
        if length < 64 && stemLengthMask & (1 &<< UInt64(length)) != 0 {
            let id = stems.lookup(hash)
            if id != 0 { stemID = id }
        }
    }

    @inline(__always)
    mutating func endWord() {
        guard length > 0 else { return }
        var id = exact.lookup(hash)
        if id == 0 { id = stemID }
        out[count] = id
        count += 1
        hash = WordHash.offset
        length = 0
        stemID = 0
    }

    @inline(__always)
    mutating func boundary() {
        endWord()
        if count > 0 && out[count - 1] != CompiledRules.boundary {
            out[count] = CompiledRules.boundary
            count += 1
        }
    }

    @inline(__always)
    mutating func exclamation() { exclamations += 1 }
}

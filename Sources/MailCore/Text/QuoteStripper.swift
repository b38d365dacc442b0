import Foundation

/// Removes quoted replies, forwarded history and signatures from a plain-text body, leaving what the
/// sender wrote this time (``Message/newText``).
///
/// Cuts at the first of:
/// - an attribution line ending in `wrote:` / `escreveu:` / `escribió:` / `a écrit :` / `schrieb:`
///   (also when a client wrapped it over two lines, as Gmail does);
/// - an Outlook separator (`-----Original Message-----`, `-----Mensagem original-----`,
///   `-----Mensaje original-----`, a line of underscores) or an Outlook header block
///   (`From:`/`De:`/`Von:` followed by `Sent:`/`Enviado:`/`Date:`/`To:`/`Para:`/`Subject:`/`Assunto:`…);
/// - a signature delimiter `-- ` (RFC 3676 §4.3).
/// Lines quoted with `>` are dropped wherever they are (interleaved replies keep the new lines), as
/// are "Sent from my iPhone"-style footers.
///
/// A **forward** (`Fwd:`, `FW:`, `ENC:`, `RV:`, `TR:`, `WG:` subjects) is the sender passing on
/// what someone else wrote: there the first forwarding marker (`---------- Forwarded message
/// ---------`, `-----Original Message-----`, an Outlook header block) does not cut. The marker and
/// the forwarded message's header lines are dropped, and the forwarded text counts as new; older
/// history quoted inside it is still cut.
///
/// Works on the UTF-8 bytes with ASCII case-insensitive matching: one pass, no per-line allocation.
enum QuoteStripper {
    /// The new text of `text`; `forwarded` when the message is a forward (see the type's notes).
    static func newText(_ text: String, forwarded: Bool = false) -> String {
        var copy = text
        return copy.withUTF8 { newText($0, forwarded: forwarded) } ?? text
    }

    /// Subject prefixes of a forward: English/Gmail `Fwd:`/`FW:`, Portuguese Outlook `ENC:`
    /// (encaminhado), Spanish Outlook `RV:` (reenviado), French `TR:`, German `WG:`.
    private static let forwardPrefixes: Set<String> = ["fwd", "fw", "enc", "rv", "tr", "wg"]

    /// True when `subject` starts with a forward prefix (``SubjectPrefix``).
    static func isForward(subject: String) -> Bool {
        SubjectPrefix.word(of: subject).map(forwardPrefixes.contains) ?? false
    }

    private typealias Line = (start: Int, end: Int)  // trimmed bounds

    /// The new text, or nil when it is the input unchanged.
    static func newText(_ buf: UnsafeBufferPointer<UInt8>, forwarded: Bool = false) -> String? {
        guard let base = buf.baseAddress else { return nil }
        // Split into lines, keeping raw and trimmed bounds.
        var raw: [Range<Int>] = []
        var lines: [Line] = []
        var pos = 0
        let n = buf.count
        while pos <= n {
            let end: Int
            if pos < n, let p = memchr(base + pos, 0x0A, n - pos) {
                end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            } else {
                end = n
            }
            raw.append(pos..<end)
            lines.append(trim(buf, pos, end))
            pos = end + 1
            if end == n { break }
        }
        var cut = lines.count
        // A forward's marker and the forwarded message's header lines: dropped, not cut at.
        var skipped = 0..<0
        var forwardPending = forwarded
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            let line = lines[index]
            let length = line.end - line.start
            if length == 2, buf[line.start] == 0x2D, buf[line.start + 1] == 0x2D,
               raw[index].count >= 2, buf[raw[index].lowerBound] == 0x2D {  // "-- " or "--"
                cut = index
                break
            }
            guard line.end > line.start else { continue }
            let first = lower(buf[line.start])
            if (first == 0x2D || first == 0x5F), isSeparator(buf, line) {
                if forwardPending {
                    forwardPending = false
                    skipped = index..<forwardedHeaderEnd(buf, lines, from: index + 1)
                    index = skipped.upperBound - 1
                    continue
                }
                cut = index
                break
            }
            if buf[line.end - 1] == 0x3A, isAttribution(buf, line) {
                cut = index
                if index > 0, lines[index - 1].end > lines[index - 1].start, !startsAttribution(buf, line),
                   startsAttribution(buf, lines[index - 1]) {
                    cut = index - 1
                }
                break
            }
            if first == 0x66 || first == 0x64 || first == 0x76 || first == 0x2A, hasPrefix(buf, line, fromLabels), isHeaderBlock(buf, lines, index) {
                if forwardPending {
                    forwardPending = false
                    skipped = index..<forwardedHeaderEnd(buf, lines, from: index)
                    index = skipped.upperBound - 1
                    continue
                }
                cut = index
                break
            }
        }
        var out: [UInt8] = []
        var pendingBlank = 0
        var wroteAny = false
        var changed = cut < lines.count || !skipped.isEmpty || memchr(base, 0x0D, n) != nil
            || (lines.first.map { $0.end == $0.start } ?? false) || (lines.last.map { $0.end == $0.start } ?? false)
        for index in 0..<cut {
            let line = lines[index]
            if line.end > line.start, buf[line.start] == 0x3E { changed = true; continue }  // "> quoted"
            if line.end == line.start { continue }
            let first = lower(buf[line.start])
            if first == 0x73 || first == 0x65 || first == 0x67 || first == 0x6F, line.end - line.start < 80,
               hasPrefix(buf, line, mobileFooters) { changed = true; continue }
        }
        // Nothing to remove: the caller keeps its string (no copy, no re-validation).
        guard changed else { return nil }
        out.reserveCapacity(n)
        for index in 0..<cut {
            // The forwarded header reads as a paragraph break.
            if skipped.contains(index) { pendingBlank = max(pendingBlank, 1); continue }
            let line = lines[index]
            if line.end > line.start, buf[line.start] == 0x3E { continue }  // "> quoted"
            if line.end == line.start { pendingBlank += 1; continue }
            let first = lower(buf[line.start])
            if first == 0x73 || first == 0x65 || first == 0x67 || first == 0x6F, line.end - line.start < 80,
               hasPrefix(buf, line, mobileFooters) { continue }
            if wroteAny {
                out.append(0x0A)
                for _ in 0..<pendingBlank { out.append(0x0A) }
            }
            pendingBlank = 0
            var end = raw[index].upperBound
            while end > raw[index].lowerBound, buf[end - 1] == 0x0D { end -= 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[raw[index].lowerBound..<end]))
            wroteAny = true
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The end of a forwarded message's header: from `start`, the header lines (`From:`, `Sent:`,
    /// `Subject:`… and their wrapped continuations) and the blank line after them, at most 12 lines.
    private static func forwardedHeaderEnd(_ buf: UnsafeBufferPointer<UInt8>, _ lines: [Line], from start: Int) -> Int {
        var k = start
        while k < lines.count, k < start + 12, lines[k].end > lines[k].start { k += 1 }
        // Nothing but header lines until the limit: keep what follows the labelled lines only.
        if k == start + 12 {
            k = start
            while k < lines.count, hasPrefix(buf, lines[k], fromLabels) || hasPrefix(buf, lines[k], otherLabels) { k += 1 }
        }
        // The blank line that ends the header belongs to it.
        if k < lines.count, lines[k].end == lines[k].start { k += 1 }
        return k
    }

    private static func trim(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Line {
        var s = start, e = end
        while s < e {
            if buf[s] == 0x20 || buf[s] == 0x09 || buf[s] == 0x0D { s += 1 }
            else if s + 1 < e, buf[s] == 0xC2, buf[s + 1] == 0xA0 { s += 2 }
            else { break }
        }
        while e > s {
            if buf[e - 1] == 0x20 || buf[e - 1] == 0x09 || buf[e - 1] == 0x0D { e -= 1 }
            else if e - 2 >= s, buf[e - 2] == 0xC2, buf[e - 1] == 0xA0 { e -= 2 }
            else { break }
        }
        return (s, e)
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    private static func matches(_ buf: UnsafeBufferPointer<UInt8>, at i: Int, _ pattern: [UInt8]) -> Bool {
        guard i >= 0, i + pattern.count <= buf.count else { return false }
        for k in 0..<pattern.count where lower(buf[i + k]) != pattern[k] { return false }
        return true
    }

    private static func hasPrefix(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line, _ patterns: [[UInt8]]) -> Bool {
        patterns.contains { $0.count <= line.end - line.start && matches(buf, at: line.start, $0) }
    }

    private static func hasSuffix(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line, _ patterns: [[UInt8]]) -> Bool {
        patterns.contains { $0.count <= line.end - line.start && matches(buf, at: line.end - $0.count, $0) }
    }

    private static func contains(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line, _ pattern: [UInt8]) -> Bool {
        var i = line.start
        while i + pattern.count <= line.end {
            if matches(buf, at: i, pattern) { return true }
            i += 1
        }
        return false
    }

    private static func bytes(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }

    private static let attributionEndings = bytes(["wrote:", "escreveu:", "escribió:", "escribio:", "a écrit :", "a écrit:",
                                                   "schrieb:", "scritto:"])
    private static let attributionStarts = bytes(["on ", "em ", "el ", "le ", "am ", "il ", "op "])

    private static func isAttribution(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        line.end - line.start <= 400 && hasSuffix(buf, line, attributionEndings)
    }

    private static func startsAttribution(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        hasPrefix(buf, line, attributionStarts)
    }

    private static let separatorWords = bytes(["original message", "mensagem original", "mensaje original",
                                               "forwarded message", "mensagem encaminhada", "mensaje reenviado",
                                               "ursprüngliche nachricht", "message d'origine", "messaggio originale"])

    private static func isSeparator(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        let length = line.end - line.start
        guard length >= 5, length <= 80 else { return false }
        if length >= 20, (line.start..<line.end).allSatisfy({ buf[$0] == 0x5F }) { return true }
        guard matches(buf, at: line.start, Array("-----".utf8)) else { return false }
        return separatorWords.contains { contains(buf, line, $0) }
    }

    private static let fromLabels = bytes(["from:", "de:", "von:", "*from:*", "*de:*"])
    private static let otherLabels = bytes(["sent:", "enviado:", "enviada em:", "enviado em:", "enviado el:", "date:", "data:",
                                            "fecha:", "gesendet:", "to:", "para:", "an:", "subject:", "assunto:", "asunto:",
                                            "betreff:", "cc:", "*sent:*", "*enviado:*", "*to:*", "*para:*", "*subject:*",
                                            "*assunto:*"])

    /// `From: …` followed within four lines by at least two other header labels (an Outlook reply header).
    private static func isHeaderBlock(_ buf: UnsafeBufferPointer<UInt8>, _ lines: [Line], _ index: Int) -> Bool {
        var matches = 0
        var k = index + 1
        while k < lines.count, k <= index + 4 {
            if hasPrefix(buf, lines[k], otherLabels) { matches += 1 }
            k += 1
        }
        return matches >= 2
    }

    private static let mobileFooters = bytes(["sent from my ", "enviado do meu ", "enviado desde mi ", "enviado de meu ",
                                              "get outlook for ", "obter o outlook para ", "obtener outlook para ",
                                              "sent from mail for windows", "enviado do email para windows",
                                              "enviado desde correo para windows"])
}

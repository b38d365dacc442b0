/// Undoes `format=flowed` (RFC 3676): joins the soft-broken lines of a `text/plain; format=flowed`
/// part back into paragraphs, so a sentence a mail client wrapped at 72 columns reads as one line
/// (phrases and quotes are then found whole).
///
/// - A line ending in a space is *flowed*: it continues on the next line of the same quote depth.
///   With `DelSp=yes` that trailing space is removed when joining (§4.2).
/// - The quote depth is the number of leading `>`; a flowed line followed by a line of another
///   depth ends its paragraph (§4.5). Quoted paragraphs are written back with `> ` per level, so
///   quote stripping still sees them.
/// - One leading space after the quote marks is *stuffing* and removed (§4.4).
/// - The signature separator `-- ` is never flowed (§4.3).
///
/// Lines are separated by LF (the parser has normalised CRLF before this runs).
enum FlowedText {
    /// The unwrapped text of a flowed part.
    static func unwrap(_ text: String, delSp: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var paragraph = ""
        var paragraphDepth = -1  // -1: no open paragraph
        var first = true

        func emit(_ line: String, depth: Int) {
            if !first { out += "\n" }
            first = false
            if depth > 0 { out += String(repeating: ">", count: depth) + " " }
            out += line
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw)
            var depth = 0
            while line.first == ">" {
                depth += 1
                line = line.dropFirst()
            }
            if line.first == " " { line = line.dropFirst() }  // space-stuffing
            let isSignature = line == "-- "
            let flowed = !isSignature && line.last == " "

            if paragraphDepth >= 0 && depth != paragraphDepth {
                // A flowed line must not continue across a change of quote depth.
                emit(paragraph, depth: paragraphDepth)
                paragraph = ""
                paragraphDepth = -1
            }
            var content = line
            if flowed && delSp { content = content.dropLast() }
            paragraph += content
            paragraphDepth = depth
            if !flowed {
                emit(paragraph, depth: depth)
                paragraph = ""
                paragraphDepth = -1
            }
        }
        if paragraphDepth >= 0 { emit(paragraph, depth: paragraphDepth) }
        return out
    }
}

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
/// are "Sent from my iPhone"-style footers. Linear in the text length.
enum QuoteStripper {
    /// The new text of `text`.
    static func newText(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var cut = lines.count
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingWhitespace
            if trimmed == "--" && (line.hasPrefix("-- ") || line == "--") { cut = index; break }
            if isSeparator(trimmed) { cut = index; break }
            if isAttribution(trimmed) {
                cut = index
                // A wrapped attribution ("On Mon, 1 Jan 2024, Ana <ana@x>\nwrote:"): cut at its first line.
                if index > 0, !lines[index - 1].trimmingWhitespace.isEmpty, !startsAttribution(trimmed),
                   startsAttribution(lines[index - 1].trimmingWhitespace) {
                    cut = index - 1
                }
                break
            }
            if isHeaderBlockStart(lines, index) { cut = index; break }
            index += 1
        }
        var kept: [Substring] = []
        kept.reserveCapacity(cut)
        for line in lines[..<cut] {
            let trimmed = line.trimmingWhitespace
            if trimmed.hasPrefix(">") { continue }
            if isMobileFooter(trimmed) { continue }
            kept.append(line)
        }
        while let last = kept.last, last.trimmingWhitespace.isEmpty { kept.removeLast() }
        while let first = kept.first, first.trimmingWhitespace.isEmpty { kept.removeFirst() }
        return kept.joined(separator: "\n")
    }

    private static let attributionEndings = ["wrote:", "escreveu:", "escribió:", "escribio:", "a écrit :", "a écrit:", "schrieb:", "scritto:", "ha scritto:"]
    private static let attributionStarts = ["On ", "Em ", "El ", "Le ", "Am ", "Il ", "Op "]

    private static func isAttribution(_ line: Substring) -> Bool {
        guard line.utf8.count <= 400 else { return false }
        let lower = line.lowercased()
        return attributionEndings.contains { lower.hasSuffix($0) }
    }

    private static func startsAttribution(_ line: Substring) -> Bool {
        attributionStarts.contains { line.hasPrefix($0) }
    }

    private static func isSeparator(_ line: Substring) -> Bool {
        guard line.utf8.count >= 5, line.utf8.count <= 80 else { return false }
        if line.allSatisfy({ $0 == "_" }) && line.count >= 20 { return true }
        guard line.hasPrefix("-----") || line.hasPrefix("----- ") else { return false }
        let lower = line.lowercased()
        return lower.contains("original message") || lower.contains("mensagem original")
            || lower.contains("mensaje original") || lower.contains("ursprüngliche nachricht")
            || lower.contains("message d'origine") || lower.contains("messaggio originale")
    }

    private static let fromLabels = ["from:", "de:", "von:", "*from:*", "*de:*"]
    private static let otherLabels = ["sent:", "enviado:", "enviada em:", "enviado em:", "date:", "data:", "fecha:",
                                      "gesendet:", "to:", "para:", "an:", "subject:", "assunto:", "asunto:", "betreff:",
                                      "cc:", "*sent:*", "*enviado:*", "*to:*", "*para:*", "*subject:*", "*assunto:*"]

    /// `From: …` followed within three lines by another header label (an Outlook reply header).
    private static func isHeaderBlockStart(_ lines: [Substring], _ index: Int) -> Bool {
        let lower = lines[index].trimmingWhitespace.lowercased()
        guard fromLabels.contains(where: { lower.hasPrefix($0) }) else { return false }
        var matches = 0
        var k = index + 1
        while k < lines.count, k <= index + 4 {
            let next = lines[k].trimmingWhitespace.lowercased()
            if otherLabels.contains(where: { next.hasPrefix($0) }) { matches += 1 }
            k += 1
        }
        return matches >= 2
    }

    private static let mobileFooters = ["sent from my ", "enviado do meu ", "enviado desde mi ", "enviado de meu ",
                                        "get outlook for ", "obter o outlook para ", "obtener outlook para ",
                                        "enviado do meu smartphone", "sent from mail for windows",
                                        "enviado do email para windows", "enviado desde correo para windows"]

    private static func isMobileFooter(_ line: Substring) -> Bool {
        guard line.utf8.count < 80 else { return false }
        let lower = line.lowercased()
        return mobileFooters.contains { lower.hasPrefix($0) }
    }
}

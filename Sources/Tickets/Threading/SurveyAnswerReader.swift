import Foundation

/// Reads a rating (1…5) and a comment from a reply to a satisfaction survey, in Portuguese,
/// English or Spanish: the `[#123] rating N` subject of the survey's buttons, else the first lines
/// of what the customer wrote (`5`, `4/5`, `5 estrelas`, `ótimo`, `good`, `malo`…). The comment is
/// the reply without quoted text, minus a leading rating.
public struct SurveyAnswerReader: Sendable {
    /// A rating and a comment.
    public struct Answer: Sendable, Hashable {
        /// 1…5, nil when none was found.
        public var rating: Int?
        /// What the customer wrote besides the rating, nil when nothing.
        public var comment: String?
    }

    private static let words: [String: Int] = [
        // pt
        "ótimo": 5, "otimo": 5, "ótima": 5, "otima": 5, "excelente": 5, "bom": 4, "boa": 4, "regular": 3,
        "ruim": 2, "péssimo": 1, "pessimo": 1, "péssima": 1, "pessima": 1,
        // en
        "excellent": 5, "great": 5, "good": 4, "ok": 3, "okay": 3, "average": 3, "bad": 2, "poor": 2,
        "terrible": 1, "awful": 1,
        // es
        "bueno": 4, "buena": 4, "malo": 2, "mala": 2, "pésimo": 1, "pesimo": 1, "pésima": 1, "pesima": 1,
    ]
    private static let starWords: Set<String> = ["estrela", "estrelas", "star", "stars", "estrella", "estrellas"]

    /// The tag format in use.
    public var tag: TicketTag

    /// Creates a reader.
    public init(tag: TicketTag) {
        self.tag = tag
    }

    /// Reads the answer from a reply's subject and new text (quoted text already removed).
    public func read(subject: String, newText: String) -> Answer {
        let lines = newText.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let fromSubject = SurveySubject.rating(in: subject, tag: tag) {
            return Answer(rating: fromSubject.rating, comment: Self.comment(lines))
        }
        for (index, line) in lines.prefix(3).enumerated() {
            let tokens = line.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            guard let first = tokens.first else { continue }
            if let value = Int(first), (1...5).contains(value) {
                // "5", "5 - great", "4/5", "5 estrelas"
                var rest = Substring(line).drop(while: { $0.isWhitespace })
                rest = rest.dropFirst(first.count)
                if rest.hasPrefix("/5") { rest = rest.dropFirst(2) }
                var remainder = String(rest).trimmingCharacters(in: .whitespaces)
                // "5 estrelas", "4 stars, thanks": the star word ends at the first non-letter.
                let starWord = remainder.prefix(while: \.isLetter)
                if !starWord.isEmpty, Self.starWords.contains(starWord.lowercased()) {
                    remainder = String(remainder.dropFirst(starWord.count))
                }
                remainder = remainder.trimmingCharacters(in: CharacterSet(charactersIn: " -–—:.,;!"))
                var commentLines = Array(lines)
                commentLines[index] = remainder
                return Answer(rating: value, comment: Self.comment(Array(commentLines[index...])))
            }
            if let word = tokens.first(where: { Self.words[String($0)] != nil }), tokens.count <= 6 {
                return Answer(rating: Self.words[String(word)], comment: Self.comment(Array(lines[index...])))
            }
        }
        return Answer(rating: nil, comment: Self.comment(lines))
    }

    private static func comment(_ lines: [String]) -> String? {
        let text = lines.filter { !$0.isEmpty }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : String(text.prefix(2000))
    }
}

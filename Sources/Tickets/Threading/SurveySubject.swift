/// The subject of a survey answer button: `[#123] rating 5` (the `mailto:` links of the survey).
public enum SurveySubject {
    /// The subject a survey button writes for `rating`.
    public static func render(_ id: TicketID, rating: Int, tag: TicketTag) -> String {
        "\(tag.render(id)) rating \(rating)"
    }

    /// The ticket and rating when `subject` is a survey button's (possibly behind `Re:`).
    public static func rating(in subject: String, tag: TicketTag) -> (ticket: TicketID, rating: Int)? {
        guard let ticket = tag.firstTicket(in: subject) else { return nil }
        let words = subject.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        for (index, word) in words.enumerated() where word == "rating" && index + 1 < words.count {
            if let value = Int(words[index + 1]), (1...5).contains(value) { return (ticket, value) }
        }
        return nil
    }
}

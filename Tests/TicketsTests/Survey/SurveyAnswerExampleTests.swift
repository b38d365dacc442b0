import Testing
import Tickets

/// The rating and comment read from survey answers in Portuguese, English and Spanish: the button
/// subject `[#123] rating N`, digits, stars and words in the first lines; the comment is what the
/// customer wrote without the rating (quoted text is removed before, by the parser).
@Suite("Survey answers: subjects, digits, stars, words and comments")
struct SurveyAnswerExampleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var subject: String
        var text: String
        var rating: Int?
        var comment: String?
        var testDescription: String { "\(subject) | \(text.prefix(30))" }
    }

    static let reader = SurveyAnswerReader(tag: TicketTag(format: "[#{id}]")!)

    @Test(arguments: [
        // The survey's mailto buttons.
        Case(subject: "[#123] rating 5", text: "", rating: 5, comment: nil),
        Case(subject: "Re: [#123] rating 1", text: "Demorou demais.", rating: 1, comment: "Demorou demais."),
        Case(subject: "RE: [#7] Rating 3", text: "", rating: 3, comment: nil),
        // Digits, with the comment after them.
        Case(subject: "Re: [#123] Como foi nosso atendimento?", text: "5 - ótimo atendimento", rating: 5, comment: "ótimo atendimento"),
        Case(subject: "Re: [#123] How did we do?", text: "4/5\nQuick and friendly.", rating: 4, comment: "Quick and friendly."),
        Case(subject: "Re: [#123] ¿Cómo fue nuestra atención?", text: "3: regular, tardaron un poco", rating: 3, comment: "regular, tardaron un poco"),
        Case(subject: "Re: [#123] survey", text: "5", rating: 5, comment: nil),
        // Stars.
        Case(subject: "Re: [#123] pesquisa", text: "5 estrelas", rating: 5, comment: nil),
        Case(subject: "Re: [#123] survey", text: "4 stars, thanks", rating: 4, comment: "thanks"),
        Case(subject: "Re: [#123] encuesta", text: "2 estrellas", rating: 2, comment: nil),
        // Words, pt / en / es.
        Case(subject: "Re: [#123] pesquisa", text: "Ótimo!", rating: 5, comment: "Ótimo!"),
        Case(subject: "Re: [#123] pesquisa", text: "bom", rating: 4, comment: "bom"),
        Case(subject: "Re: [#123] pesquisa", text: "ruim, ninguém respondeu", rating: 2, comment: "ruim, ninguém respondeu"),
        Case(subject: "Re: [#123] pesquisa", text: "péssimo", rating: 1, comment: "péssimo"),
        Case(subject: "Re: [#123] survey", text: "Excellent", rating: 5, comment: "Excellent"),
        Case(subject: "Re: [#123] survey", text: "good", rating: 4, comment: "good"),
        Case(subject: "Re: [#123] survey", text: "bad", rating: 2, comment: "bad"),
        Case(subject: "Re: [#123] encuesta", text: "excelente", rating: 5, comment: "excelente"),
        Case(subject: "Re: [#123] encuesta", text: "bueno", rating: 4, comment: "bueno"),
        Case(subject: "Re: [#123] encuesta", text: "malo", rating: 2, comment: "malo"),
        // The rating on the second line, after a greeting.
        Case(subject: "Re: [#123] survey", text: "Hi,\n5\nGreat job", rating: 5, comment: "Great job"),
        // No rating: everything is a comment.
        Case(subject: "Re: [#123] survey", text: "Thanks for the help yesterday, the team was very kind to us all.", rating: nil,
             comment: "Thanks for the help yesterday, the team was very kind to us all."),
        Case(subject: "Re: [#123] survey", text: "", rating: nil, comment: nil),
        // Out of range numbers are not ratings.
        Case(subject: "Re: [#123] survey", text: "10", rating: nil, comment: "10"),
        Case(subject: "Re: [#123] survey", text: "0", rating: nil, comment: "0"),
    ])
    func readsRatingAndComment(_ example: Case) {
        let answer = Self.reader.read(subject: example.subject, newText: example.text)
        #expect(answer.rating == example.rating)
        #expect(answer.comment == example.comment)
    }

    @Test func buttonSubjectRoundTrips() {
        let tag = TicketTag(format: "[#{id}]")!
        for rating in 1...5 {
            let subject = SurveySubject.render(TicketID(123), rating: rating, tag: tag)
            #expect(subject == "[#123] rating \(rating)")
            #expect(SurveySubject.rating(in: "Re: " + subject, tag: tag)?.rating == rating)
            #expect(SurveySubject.rating(in: "Re: " + subject, tag: tag)?.ticket == TicketID(123))
        }
        #expect(SurveySubject.rating(in: "[#123] rating 9", tag: tag) == nil)
        #expect(SurveySubject.rating(in: "rating 5", tag: tag) == nil)
    }
}

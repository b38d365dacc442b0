import MailCore
import Testing
@testable import Tickets

@Suite("Ticket tag and threading")
struct ThreadingTests {
    @Test(arguments: [
        ("[#123] Câmera", 123),
        ("RE: Fwd: [#7] x", 7),
        ("Re: [#0] zero is not a ticket", nil),
        ("[#] nothing", nil),
        ("[#12a] not closed", nil),
        ("no tag 123", nil),
        ("[#99999999999999999999] too long", nil),
    ] as [(String, Int64?)])
    func standardTag(subject: String, expected: Int64?) {
        #expect(TicketTag.standard.firstTicket(in: subject) == expected.map { TicketID($0) })
    }

    @Test func customTagFormat() throws {
        let tag = try #require(TicketTag(format: "(Ticket {id})"))
        #expect(tag.render(TicketID(42)) == "(Ticket 42)")
        #expect(tag.firstTicket(in: "Re: (ticket 42) help") == TicketID(42))
        #expect(TicketTag(format: "{id}") == nil, "a bare number would match any digits")
        #expect(TicketTag(format: "[#]") == nil)
        #expect(TicketTag(format: "[{id}-{id}]") == nil)
    }

    @Test func tokenInTheBodyOfOurMails() {
        #expect(ThreadToken.render(TicketID(5)) == "ref:SI-5")
        #expect(ThreadToken.firstTicket(in: "> Equipe de Suporte\n> ref:SI-5\n") == TicketID(5))
    }

    @Test func referencesWinOverTagAndToken() throws {
        let resolver = ThreadResolver(tag: .standard)
        let message = Message(subject: "[#2] Re", inReplyTo: [MessageID("unknown@x")], references: [MessageID("old@x"), MessageID("ack@support")],
                              text: "ref:SI-3")
        let match = resolver.resolve(message, lookup: { $0.rawValue == "ack@support" ? ReferencedMessage(ticketID: TicketID(1), isSurvey: false) : nil },
                                         ticketExists: { _ in true })
        #expect(match == ThreadMatch(ticketID: TicketID(1), evidence: .reference, answersSurvey: false))
    }

    @Test func tagThenTokenWhenReferencesAreUnknown() throws {
        let resolver = ThreadResolver(tag: .standard)
        let tagged = Message(subject: "[#2] Re", text: "ref:SI-3")
        #expect(resolver.resolve(tagged, lookup: { _ in nil }, ticketExists: { _ in true })?.evidence == .tag)
        let tokenOnly = Message(subject: "Re: help", text: "> ref:SI-3")
        #expect(resolver.resolve(tokenOnly, lookup: { _ in nil }, ticketExists: { _ in true }) ==
                ThreadMatch(ticketID: TicketID(3), evidence: .token, answersSurvey: false))
        #expect(resolver.resolve(tagged, lookup: { _ in nil }, ticketExists: { $0 == TicketID(3) })?.evidence == .token,
                "a tag naming no ticket is ignored")
    }

    @Test func surveyAnswersAreRecognized() throws {
        let resolver = ThreadResolver(tag: .standard)
        let button = Message(subject: "[#9] rating 4")
        #expect(resolver.resolve(button, lookup: { _ in nil }, ticketExists: { _ in true })?.answersSurvey == true)
        let reply = Message(subject: "Re: how did we do", inReplyTo: [MessageID("survey@support")])
        #expect(resolver.resolve(reply, lookup: { _ in ReferencedMessage(ticketID: TicketID(9), isSurvey: true) },
                                     ticketExists: { _ in true })?.answersSurvey == true)
    }
}

@Suite("Survey answers in pt, en, es")
struct SurveyAnswerReaderTests {
    let reader = SurveyAnswerReader(tag: .standard)

    @Test(arguments: [
        ("Re: pesquisa", "5 - ótimo atendimento", 5, "ótimo atendimento"),
        ("Re: pesquisa", "4/5\nResolveram rápido.", 4, "Resolveram rápido."),
        ("Re: pesquisa", "5 estrelas", 5, nil),
        ("Re: pesquisa", "Ótimo!", 5, "Ótimo!"),
        ("Re: pesquisa", "ruim, demorou", 2, "ruim, demorou"),
        ("Re: survey", "good", 4, "good"),
        ("Re: survey", "3 stars", 3, nil),
        ("Re: encuesta", "malo", 2, "malo"),
        ("Re: encuesta", "excelente servicio", 5, "excelente servicio"),
        ("[#12] rating 1", "", 1, nil),
        ("[#12] rating 5", "Muito obrigado", 5, "Muito obrigado"),
    ] as [(String, String, Int, String?)])
    func reads(subject: String, body: String, rating: Int, comment: String?) {
        let answer = reader.read(subject: subject, newText: body)
        #expect(answer.rating == rating)
        #expect(answer.comment == comment)
    }

    @Test func noRatingKeepsTheTextAsComment() {
        let answer = reader.read(subject: "Re: pesquisa", newText: "O problema voltou hoje de manhã, podem olhar de novo por favor?")
        #expect(answer.rating == nil)
        #expect(answer.comment?.hasPrefix("O problema voltou") == true)
    }

    @Test func outOfRangeNumbersAreNotRatings() {
        #expect(reader.read(subject: "Re", newText: "10 pessoas afetadas").rating == nil)
        #expect(reader.read(subject: "[#3] rating 9", newText: "").rating == nil)
    }
}

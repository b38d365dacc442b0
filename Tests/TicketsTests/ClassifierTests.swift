import Testing
@testable import Tickets

/// Targeted behaviour of the classifier with the built-in rules.
@Suite struct ClassifierTests {
    let classifier = Classifier(rules: .builtIn())

    func classify(_ subject: String, _ body: String) -> Classification {
        classifier.classify(subject: subject, body: body)
    }

    struct Case: Sendable, CustomStringConvertible {
        var subject: String
        var body: String
        var expected: Priority
        var description: String { "\(expected): \(subject) / \(body.prefix(50))" }
        init(_ subject: String, _ body: String, _ expected: Priority) {
            self.subject = subject
            self.body = body
            self.expected = expected
        }
    }

    static let negation: [Case] = [
        Case("Lentidão", "O sistema não está fora do ar, mas está muito lento para a equipe.", .p2),
        Case("Question", "Not urgent, just curious: do you support live captions in Korean?", .p4),
        Case("Llamadas", "No está caído, pero las llamadas se cortan para varios usuarios.", .p2),
        Case("Sem pressa", "Não é urgente: o relatório de presença veio com horários errados.", .p3),
        Case("Not down", "It's not down, but video is choppy and freezing for many of our users.", .p2),
    ]

    @Test(arguments: negation)
    func negationCancelsTheTermAfterIt(_ c: Case) {
        let result = classify(c.subject, c.body)
        #expect(result.priority == c.expected, "\(result.reasons)")
    }

    @Test func negationIsReportedWithTheNegatingWord() {
        let r = classify("Dúvida", "Não é urgente, mas como faço para gravar na nuvem?")
        #expect(r.priority == .p4)
        let negated = classify("Teste", "o serviço não está fora do ar")
        #expect(negated.reasons.contains("body: \"fora do ar\" negated by \"não\""), "\(negated.reasons)")
        #expect(negated.matches.contains { $0.term == "fora do ar" && $0.negated })
        #expect(negated.scores[.p1] == 0)
    }

    @Test func portugueseNoIsNotANegation() {
        // "no" is the contraction "in the" in Portuguese: it must not cancel what follows.
        let pt = classify("Vídeo", "Desde ontem o vídeo no celular trava muito para vários colegas, mas dá pra seguir a reunião.")
        #expect(pt.priority == .p2, "\(pt.reasons)")
        #expect(pt.matches.contains { $0.term == "trav*" && !$0.negated })
        #expect(pt.reasons.contains { $0.hasPrefix("negation: \"no\" is not a negation word in pt") })
        // …while in Spanish and English it still negates.
        let es = classify("Consulta", "No está caído, pero las llamadas se cortan para varios usuarios.")
        #expect(es.matches.contains { $0.term == "caído" && $0.negated })
        let en = classify("Question", "There is no outage here, just a question: how do I add a co-host?")
        #expect(en.matches.contains { $0.term == "outage" && $0.negated })
        #expect(en.priority == .p4)
    }

    @Test func negationStopsAtAClauseBoundary() {
        // "não" belongs to the first sentence; the outage in the second one stands.
        let r = classify("Ajuda", "Não sei o que aconteceu. O sistema está fora do ar para todos.")
        #expect(r.priority == .p1, "\(r.reasons)")
    }

    static let shouting: [Case] = [
        Case("URGENTE!!! como mudar o fundo virtual", "Preciso saber urgente como colocar o logo!!!", .p4),
        Case("URGENT!!! HOW DO I SHARE SOUND", "PRESENTING IN 10 MINUTES, HOW DO I SHARE THE VIDEO SOUND???", .p4),
        Case("URGENTE!!!!", "NECESITO SABER CÓMO PONER UNA CONTRASEÑA A LA REUNIÓN!!!", .p4),
    ]

    @Test(arguments: shouting)
    func shoutingDoesNotMakeAHowToUrgent(_ c: Case) {
        let r = classify(c.subject, c.body)
        #expect(r.priority == c.expected, "\(r.reasons)")
        #expect(r.reasons.contains { $0.hasPrefix("shouting:") })
    }

    @Test(arguments: [
        ("todos os usuários", Priority.p1), ("toda a empresa", .p1), ("só eu", .p3),
    ])
    func scaleDecidesBetweenOutageAndOneUsersProblem(_ scale: String, _ expected: Priority) {
        let r = classify("Não consigo entrar", "Desde cedo não conseguimos entrar nas reuniões, \(scale). Aparece erro.")
        #expect(r.priority == expected, "\(r.reasons)")
        #expect(r.reasons.contains { $0.hasPrefix("scale: \"") }, "\(r.reasons)")
    }

    @Test(arguments: [
        ("all our users", Priority.p1), ("only me", .p3),
    ])
    func scaleInEnglish(_ scale: String, _ expected: Priority) {
        let r = classify("Can't join meetings", "Since 9am we cannot join any meeting. This affects \(scale).")
        #expect(r.priority == expected, "\(r.reasons)")
    }

    @Test(arguments: ["Não funciona", "nao funciona", "NÃO FUNCIONA", "Na\u{0303}o funciona", "não   funciona"])
    func matchingIgnoresCaseAccentsAndSpacing(_ text: String) {
        let r = classify("Legenda", "A legenda automática \(text) nas minhas reuniões.")
        #expect(r.priority == .p3)
        #expect(r.matches.contains { $0.term == "não funciona" && $0.field == .body && !$0.negated }, "\(r.reasons)")
    }

    @Test func subjectWeighsMoreThanBody() {
        let inSubject = classify("Sistema fora do ar", "Bom dia.")
        let inBody = classify("Bom dia", "Sistema fora do ar.")
        #expect(inSubject.scores[.p1]! == 2 * inBody.scores[.p1]!)
        #expect(inSubject.reasons.first == "subject: \"fora do ar\" (+6.0, P1)")
        #expect(inBody.reasons.first == "body: \"fora do ar\" (+3.0, P1)")
    }

    @Test func replySubjectCountsLessThanANewSubject() {
        let reply = classify("Re: Sistema fora do ar", "Obrigado, voltou a funcionar. Só uma dúvida: vão mandar o relatório do incidente?")
        #expect(reply.priority == .p4, "\(reply.reasons)")
        #expect(reply.reasons.first == "subject: \"fora do ar\" (+1.5, P1)")
    }

    @Test(arguments: [
        ("Não consigo encontrar a configuração", "Onde fica a opção de legendas?", Priority.p4),
        ("Dúvida", "Não consigo achar onde muda o idioma do aplicativo.", .p4),
        ("Can't find the setting", "I can't find where to enable co-hosts.", .p4),
        ("Ayuda", "No encuentro dónde se activa la sala de espera.", .p4),
        ("Não consigo entrar na reunião", "Aparece erro ao entrar, só comigo.", .p3),
    ])
    func cannotFindIsAHowTo(_ subject: String, _ body: String, _ expected: Priority) {
        let r = classify(subject, body)
        #expect(r.priority == expected, "\(r.reasons)")
    }

    @Test func longestMatchWins() {
        let r = classify("Ajuda", "não consigo encontrar a sala de espera")
        #expect(r.matches.contains { $0.term == "não consigo encontrar" })
        #expect(!r.matches.contains { $0.term == "não consigo" })
    }

    @Test(arguments: ["The app crashes", "the app crashed twice", "app keeps crashing", "CRASH on launch"])
    func stemsMatchWordForms(_ text: String) {
        let r = classify("Problem", text)
        #expect(r.matches.contains { $0.term == "crash*" }, "\(r.reasons)")
    }

    @Test(arguments: ["please download the report", "a breakdown by team", "shutdowns", "countdown",
                      "my boss is breathing down my neck", "how do I slow down the slides", "scroll down to the list"])
    func downOnlyCountsAsAnOutage(_ text: String) {
        let r = classify("Report", text)
        #expect(!r.matches.contains { $0.priority == .p1 }, "\(r.reasons)")
    }

    /// A figure that went down is not the service going down; a duration or a count of falls is.
    @Test(arguments: [
        Case("Report", "Attendance was down ~35% compared to last month. How do I export the attendance report?", .p4),
        Case("Relatório", "O número de inscritos caiu 30% este mês. Como faço para exportar o relatório?", .p4),
        Case("Outage", "Our webinar platform was down 45 minutes this morning for everyone.", .p1),
        Case("Instável", "O sistema caiu 10 vezes hoje durante as aulas.", .p2),
    ])
    func figuresThatWentDownAreNotOutages(_ c: Case) {
        let r = classify(c.subject, c.body)
        #expect(r.priority == c.expected, "\(r.reasons)")
    }

    @Test(arguments: [
        Case("Aula", "Os 300 alunos não conseguem entrar na aula desde as 8h.", .p1),
        Case("Webinar", "The 1,900 registrants can't join the webinar, they get an error.", .p1),
        Case("Rooms", "All 42 conference rooms are stuck on the splash screen, rebooting gives the same result.", .p1),
        Case("Login", "15 of our 40 agents can't log in since this morning; the rest work normally.", .p2),
        Case("Login", "26 of our 28 agents can't log in since this morning, nobody can take calls.", .p1),
    ])
    func countedPeopleAreScale(_ c: Case) {
        let r = classify(c.subject, c.body)
        #expect(r.priority == c.expected, "\(r.reasons)")
    }

    @Test func countedSharesAreCompared() throws {
        let rules = try ClassifierRules.load(yaml: """
            modifiers:
              part:
                share_below: 0.5
                factors: {p2: 2.0}
                en: ["# of our #"]
            p2:
              en:
                terms: [slow]
            """, source: "share.yaml")
        let c = Classifier(rules: rules)
        #expect(c.classify(subject: "x", body: "slow for 10 of our 40 users").matches.map(\.term) == ["slow", "# of our #"])
        #expect(c.classify(subject: "x", body: "slow for 30 of our 40 users").matches.map(\.term) == ["slow"])
        #expect(c.classify(subject: "x", body: "slow for 10 of our 00 users").matches.map(\.term) == ["slow"])
        #expect(throws: RulesError.self) {
            try ClassifierRules.load(yaml: "modifiers:\n  part:\n    share_below: 0.5\n    en: [\"# users\"]\n", source: "bad.yaml")
        }
        #expect(throws: RulesError.self) {
            try ClassifierRules.load(yaml: "modifiers:\n  part:\n    share_below: 2\n    en: [\"# of #\"]\n", source: "bad.yaml")
        }
    }

    @Test func numberPatternMatchesTwoOrMoreDigits() throws {
        #expect(try TermPattern.parse("# alunos").get() == TermPattern(pieces: [.number, .word("alunos")]))
        guard case .failure = TermPattern.parse("#") else { Issue.record("a term of '#' alone is accepted"); return }
        let rules = try ClassifierRules.load(yaml: """
            p2:
              en:
                terms: ["# users", "503 users"]
            """, source: "numbers.yaml")
        let c = Classifier(rules: rules)
        #expect(c.classify(subject: "x", body: "12 users").matches.map(\.term) == ["# users"])
        #expect(c.classify(subject: "x", body: "7 users").matches.isEmpty)
        #expect(c.classify(subject: "x", body: "1a users").matches.isEmpty)
        // A listed number is also a number: the longest match wins, both patterns start there.
        #expect(Set(c.classify(subject: "x", body: "503 users").matches.map(\.term)) == ["# users", "503 users"])
        #expect(c.classify(subject: "x", body: "0123456789012345678901234567890123456789 users").matches.map(\.term) == ["# users"])
    }

    @Test func nothingMatchedIsP3() {
        let r = classify("Olá", "Segue em anexo o arquivo.")
        #expect(r.priority == .p3)
        #expect(r.matches.isEmpty)
        #expect(r.reasons == ["no rule matched: default P3"])
        let empty = classify("", "")
        #expect(empty.priority == .p3)
    }

    @Test func outagesWithoutTheWordDownAreP1() {
        for (s, b) in [
            ("Reuniões", "Ninguém consegue entrar nas reuniões desde as 9h."),
            ("Meetings", "Every meeting fails to start for our whole company."),
            ("Reuniones", "No podemos iniciar ninguna reunión, toda la empresa está parada."),
        ] {
            let r = classify(s, b)
            #expect(r.priority == .p1, "\(b): \(r.reasons)")
        }
    }

    @Test func hostileInputIsHandled() {
        var big = ""
        for i in 0..<20_000 { big += i % 7 == 0 ? "🔥!! " : (i % 5 == 0 ? "a\u{0301}\u{0301} " : "fora do ar ") }
        let r = classify(String(repeating: "X", count: 100_000), big)
        #expect(r.priority == .p1)
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        _ = classify("\u{0}\u{FFFF}", String(decoding: bytes, as: UTF8.self))
        _ = classify("", String(repeating: "não ", count: 50_000))
        _ = classify("", String(repeating: ".. ", count: 50_000))
    }
}

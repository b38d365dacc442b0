import Testing
@testable import Tickets

/// Stopword-based language detection for picking the acknowledgement template.
@Suite struct LanguageDetectorTests {
    let detector = LanguageDetector()

    @Test(arguments: [
        ("Bom dia, não consigo entrar na reunião. Vocês podem me ajudar?", Language.pt),
        ("nao consigo entrar na reuniao, voces podem ajudar? obrigado", .pt),
        ("Hi, none of our users can join meetings since this morning. Please help.", .en),
        ("Hola, no podemos iniciar ninguna reunión desde esta mañana. Gracias.", .es),
        ("NADIE SE ESCUCHA EN NINGUNA REUNIÓN DESDE LAS 9. NO PODEMOS TRABAJAR.", .es),
        ("O áudio está picotando em todas as reuniões da equipe de vendas.", .pt),
        ("El audio se corta y el video se congela para la mayoría de los usuarios.", .es),
    ])
    func detectsTheLanguage(_ text: String, _ expected: Language) {
        #expect(detector.detect(text) == expected)
    }

    @Test(arguments: ["", "OK", "12345 !!!", "🔥🔥🔥", "Zoom"])
    func undecidableTextIsNil(_ text: String) {
        #expect(detector.detect(text) == nil)
    }

    @Test func samplesAreDetectedInTheirLabeledLanguage() throws {
        let samples = try SampleMail.all()
        let right = samples.filter { detector.detect($0.subject + "\n" + $0.newText) == $0.language }.count
        let wrong = samples.filter { let d = detector.detect($0.subject + "\n" + $0.newText); return d != nil && d != $0.language }
        print("language detection on samples: \(right)/\(samples.count) right, wrong: \(wrong.map(\.file))")
        #expect(Double(right) / Double(samples.count) >= 0.9)
        #expect(wrong.count <= 3)
    }
}

import Foundation
import Testing
@testable import Tickets

/// Loading and validating rules files: errors carry line and key; `extends: builtin` and `remove`.
@Suite struct RulesLoadingTests {
    static let minimal = """
        p1:
          en:
            terms:
              - outage
        """

    @Test func builtInRulesLoadAndCoverEveryPriorityAndLanguage() {
        let rules = ClassifierRules.builtIn()
        for p in Priority.allCases { #expect((rules.termCounts[p] ?? 0) >= 20, "\(p)") }
        for l in Language.allCases {
            for p in Priority.allCases { #expect(rules.terms.contains { $0.language == l && $0.priority == p }, "\(p) \(l)") }
        }
        #expect(rules.source == "builtin")
    }

    /// Modifiers share one overlap layer: a longer phrase of one modifier hides a shorter phrase of
    /// another that starts at the same word (leftmost-longest). That is meant for opposites
    /// ("everyone else" is not "everyone") and a trap otherwise ("ninguém ouve" in core_outage once hid
    /// the scale word "ninguém" that core_outage itself requires). The built-in rules declare their
    /// deliberate pairs (`overrides:`) and must give no warning.
    @Test func theBuiltInRulesGiveNoWarning() {
        let rules = ClassifierRules.builtIn()
        #expect(rules.warnings.isEmpty, "\(rules.warnings.map(\.description))")
        #expect(rules.modifiers.first { $0.name == "scale_narrow" }?.overrides == ["scale_wide"])
    }

    static let hidingModifiers = """
        modifiers:
          wide:
            factors: {p1: 2}
            en: [all users, everyone]
          narrow:
            factors: {p1: 0.5}
            en: [everyone else, all users except .. me]
        """ + "\n" + minimal

    @Test func aModifierPhraseHidingAnothersCueIsAWarningWithItsLine() throws {
        let rules = try ClassifierRules.load(yaml: Self.hidingModifiers, source: "mine.yaml")
        #expect(rules.warnings.map(\.description) == [
            "mine.yaml:7: warning: modifier 'narrow' term \"everyone else\" hides modifier 'wide' term \"everyone\" where both start "
                + "(the longest match wins); if that is meant, add 'wide' to narrow.overrides",
            "mine.yaml:7: warning: modifier 'narrow' term \"all users except .. me\" hides modifier 'wide' term \"all users\" where both start "
                + "(the longest match wins); if that is meant, add 'wide' to narrow.overrides",
        ].sorted())
        // What the warning is about: "everyone" never scales where "everyone else" matched.
        let c = Classifier(rules: rules)
        #expect(!c.classify(subject: "", body: "outage for everyone else").reasons.contains { $0.contains("\"everyone\"") })
        // A class is one term: one warning, in the written words.
        let classes = "classes:\n  who: [users, staff, agents]\n" + Self.hidingModifiers.replacingOccurrences(of: "everyone else,", with: "\"everyone @who\",")
        #expect(try ClassifierRules.load(yaml: classes, source: "mine.yaml").warnings.map(\.message).filter { $0.contains("@who") } == [
            "modifier 'narrow' term \"everyone @who\" hides modifier 'wide' term \"everyone\" where both start (the longest match wins); "
                + "if that is meant, add 'wide' to narrow.overrides",
        ])
        let declared = Self.hidingModifiers.replacingOccurrences(of: "factors: {p1: 0.5}", with: "factors: {p1: 0.5}\n    overrides: [wide]")
        #expect(try ClassifierRules.load(yaml: declared, source: "mine.yaml").warnings.isEmpty)
    }

    @Test func extendingTheBuiltInRulesReportsOnlyTheFilesOwnHides() throws {
        let yaml = "extends: builtin\nmodifiers:\n  mine:\n    factors: {p1: 2}\n    en: [everyone here]\n"
        let warnings = try ClassifierRules.load(yaml: yaml, source: "mine.yaml").warnings
        #expect(!warnings.isEmpty)
        #expect(warnings.allSatisfy { $0.line == 5 && $0.message.hasPrefix("modifier 'mine' term \"everyone here\" hides") }, "\(warnings)")
    }

    @Test func samplesRulesFileIsTheBuiltInFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let samples = try String(contentsOf: root.appendingPathComponent("samples/rules.yaml"), encoding: .utf8)
        let resource = try String(contentsOf: root.appendingPathComponent("Sources/Tickets/Resources/rules.yaml"), encoding: .utf8)
        #expect(samples == resource, "samples/rules.yaml must be a copy of Sources/Tickets/Resources/rules.yaml")
        #expect(ClassifierRules.builtInText() == resource)
    }

    @Test func aMinimalFileReplacesTheBuiltInRules() throws {
        let rules = try ClassifierRules.load(yaml: Self.minimal, source: "mine.yaml")
        #expect(rules.termTexts == ["outage"])
        let c = Classifier(rules: rules)
        #expect(c.classify(subject: "Outage", body: "").priority == .p1)
        #expect(c.classify(subject: "Fora do ar", body: "").priority == .p3)
    }

    struct Bad: Sendable, CustomStringConvertible {
        var yaml: String
        var line: Int?
        var key: String?
        var message: String
        var description: String { "\(key ?? "-"): \(message)" }
    }

    static let bad: [Bad] = [
        Bad(yaml: "p1:\n  pt:\n    terms:\n      - fora do ar\n      - {term: caiu, weight: muito}\n",
            line: 5, key: "p1.pt.terms[1].weight", message: "expected a number"),
        Bad(yaml: "p5:\n  pt:\n    terms: [x]\n", line: 1, key: "p5", message: "unknown priority 'p5'"),
        Bad(yaml: "p1:\n  fr:\n    terms: [panne]\n", line: 2, key: "p1.fr", message: "unknown language 'fr'"),
        Bad(yaml: "p1:\n  pt:\n    terms: []\n", line: 3, key: "p1.pt.terms", message: "empty list"),
        Bad(yaml: "p1:\n  pt:\n    terms:\n      - \"\"\n", line: 4, key: "p1.pt.terms[0]", message: "empty term"),
        Bad(yaml: "p1:\n  pt:\n    terms:\n      - \"  \"\n", line: 4, key: "p1.pt.terms[0]", message: "empty term"),
        Bad(yaml: "p1:\n  pt:\n    termz: [x]\n", line: 3, key: "p1.pt.termz", message: "unknown key"),
        Bad(yaml: "colour: red\n" + minimal, line: 1, key: "colour", message: "unknown key"),
        Bad(yaml: "settings:\n  min_score: high\n" + minimal, line: 2, key: "settings.min_score", message: "expected a number"),
        Bad(yaml: "settings:\n  default_priority: P9\n" + minimal, line: 2, key: "settings.default_priority", message: "unknown priority"),
        Bad(yaml: "negation:\n  window: three\n" + minimal, line: 2, key: "negation.window", message: "expected an integer"),
        Bad(yaml: "modifiers:\n  wide:\n    factors: {p7: 2}\n    en: [everyone]\n" + minimal, line: 3, key: "modifiers.wide.factors.p7", message: "unknown priority"),
        Bad(yaml: "p1:\n  en:\n    terms:\n      - ab*\n", line: 4, key: "p1.en.terms[0]", message: "too short"),
        Bad(yaml: "p1:\n  en:\n    terms:\n      - .. down\n", line: 4, key: "p1.en.terms[0]", message: "between two words"),
        Bad(yaml: "p1:\n  en:\n    terms: outage\n", line: 3, key: "p1.en.terms", message: "expected a list"),
        Bad(yaml: "p1:\n  en:\n    terms:\n      - {term: down, wieght: 2}\n", line: 4, key: "p1.en.terms[0].wieght", message: "unknown key"),
        Bad(yaml: "p1:\n  en:\n    terms: [a]\np1:\n  pt:\n    terms: [b]\n", line: nil, key: "p1", message: "duplicate key"),
        Bad(yaml: "p1:\n  en:\n    terms: [\"down\"\n", line: nil, key: nil, message: "YAML"),
        Bad(yaml: "settings:\n  min_score: 1\n", line: 1, key: nil, message: "no priority terms"),
        Bad(yaml: "modifiers:\n  m:\n    overrides: [nothere]\n    en: [x]\n" + minimal, line: 3, key: "modifiers.m.overrides[0]", message: "unknown modifier 'nothere'"),
        Bad(yaml: "classes:\n  s: [aula]\np1:\n  pt:\n    terms: [nenhuma @sala]\n", line: 5, key: "p1.pt.terms[0]", message: "unknown class '@sala' (known: @s)"),
        Bad(yaml: "classes:\n  s: [aula, \"@t\"]\n" + minimal, line: 2, key: "classes.s[1]", message: "a class member cannot name a class"),
        Bad(yaml: "classes:\n  s-t: [aula]\n" + minimal, line: 2, key: "classes.s-t", message: "letters, digits"),
        Bad(yaml: "classes:\n  s: [ab*]\n" + minimal, line: 2, key: "classes.s[0]", message: "too short"),
        Bad(yaml: "modifiers:\n  m:\n    en: [\"@nope\"]\n" + minimal, line: 3, key: "modifiers.m.en[0]", message: "unknown class '@nope' (define it under classes:)"),
        Bad(yaml: "settings:\n  min_scores: {p5: 1}\n" + minimal, line: 2, key: "settings.min_scores.p5", message: "unknown priority"),
        Bad(yaml: "settings:\n  min_scores: {p4: -1}\n" + minimal, line: 2, key: "settings.min_scores.p4", message: "≥ 0"),
        Bad(yaml: "extends: defaults\n" + minimal, line: 1, key: "extends", message: "only 'builtin'"),
        Bad(yaml: "extends: builtin\nremove: [no such term here]\n", line: 2, key: "remove[0]", message: "matches no built-in term"),
    ]

    @Test(arguments: bad)
    func invalidFilesAreRejectedWithLineAndKey(_ b: Bad) {
        do {
            _ = try ClassifierRules.load(yaml: b.yaml, source: "rules.yaml")
            Issue.record("accepted: \(b.yaml)")
        } catch {
            if let line = b.line { #expect(error.line == line, "\(error)") }
            #expect(error.key == b.key, "\(error)")
            #expect(error.message.contains(b.message), "\(error)")
            #expect(error.description.hasPrefix("rules.yaml"))
        }
    }

    @Test func errorDescriptionReadsLikeADiagnostic() {
        let e = RulesError(source: "rules.yaml", line: 12, column: 20, key: "p1.pt.terms[3].weight", message: "expected a number")
        #expect(e.description == "rules.yaml:12: key 'p1.pt.terms[3].weight': expected a number")
    }

    @Test func syntaxErrorsHaveAPosition() {
        do {
            _ = try ClassifierRules.load(yaml: "p1:\n  en:\n    terms: [\"down\"\n", source: "x.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.line != nil)
        }
    }

    @Test func extendsAddsToTheBuiltInRules() throws {
        let yaml = """
            extends: builtin
            settings:
              min_score: 1.5
            p1:
              pt:
                terms:
                  - {term: sala do pregão parada, weight: 4}
            modifiers:
              scale_wide:
                pt: [todas as franquias]
            """
        let rules = try ClassifierRules.load(yaml: yaml, source: "operator.yaml")
        let builtIn = ClassifierRules.builtIn()
        #expect(rules.terms.count == builtIn.terms.count + 2)
        #expect(rules.settings.minScore == 1.5)
        let c = Classifier(rules: rules)
        #expect(c.classify(subject: "Sala do pregão parada", body: "").priority == .p1)
        #expect(c.classify(subject: "Sistema fora do ar", body: "").priority == .p1)  // built-in still there
        let scaled = c.classify(subject: "Erro", body: "erro em todas as franquias")
        #expect(scaled.reasons.contains { $0.contains("todas as franquias") })
    }

    static let withClasses = """
        classes:
          session: [reunião, aula*, sala de espera]
          people: [alunos, professores]
        p1:
          pt:
            terms:
              - nenhuma @session
              - {term: "todos os @people .. sem @session", weight: 2}
        modifiers:
          wide:
            factors: {p1: 2}
            pt: ["os # @people"]
        """

    @Test func aClassStandsForEachOfItsMembersAndReportsTheWrittenTerm() throws {
        let rules = try ClassifierRules.load(yaml: Self.withClasses, source: "mine.yaml")
        #expect(rules.terms.filter { $0.label == "nenhuma @session" }.map(\.text) == ["nenhuma reunião", "nenhuma aula*", "nenhuma sala de espera"])
        #expect(rules.terms.filter { $0.priority == .p1 }.count == 3 + 2 * 3)
        let c = Classifier(rules: rules)
        for body in ["nenhuma aulas começou", "Nenhuma reuniao abre", "nenhuma sala de espera funciona"] {
            let result = c.classify(subject: "", body: body)
            #expect(result.priority == .p1, "\(body)")
            #expect(result.reasons.first == "body: \"nenhuma @session\" (+1.0, P1)", "\(result.reasons)")
        }
        let scaled = c.classify(subject: "", body: "os 40 professores: todos os alunos ficaram sem aula")
        #expect(scaled.scores[.p1] == 4.0, "\(scaled.reasons)")
        #expect(scaled.reasons.contains("wide: \"os # @people\" (×2.0)"), "\(scaled.reasons)")
    }

    /// Like variants, a class's members are one term: several of them in one field count once.
    @Test func aClassTermCountsOncePerField() throws {
        let c = Classifier(rules: try ClassifierRules.load(yaml: Self.withClasses, source: "mine.yaml"))
        let result = c.classify(subject: "nenhuma aula", body: "nenhuma reunião, nenhuma aula, nenhuma sala de espera")
        #expect(result.scores[.p1] == 2.0 + 1.0, "\(result.reasons)")
        #expect(result.matches.filter { !$0.negated && $0.priority == .p1 }.count == 2)
    }

    @Test func classExpansionIsBounded() throws {
        let members = (0..<30).map { "w\($0)x" }.joined(separator: ", ")
        let yaml = "classes:\n  many: [\(members)]\np1:\n  en:\n    terms:\n      - \"@many @many @many\"\n"
        #expect(throws: RulesError.self) { try ClassifierRules.load(yaml: yaml, source: "big.yaml") }
        do {
            _ = try ClassifierRules.load(yaml: yaml, source: "big.yaml")
        } catch {
            #expect(error.line == 6 && error.key == "p1.en.terms[0]" && error.message.contains("more than 10000 terms"), "\(error)")
        }
    }

    /// `min_scores`: a priority below its own minimum does not win; the next best does, or the default.
    @Test func aPriorityBelowItsMinimumDoesNotWin() throws {
        let yaml = """
            settings:
              min_scores: {p4: 2.0}
            p3:
              en:
                terms: [wrong]
            p4:
              en:
                terms: [{term: billing, weight: 1.5}, {term: how do i, weight: 3}]
            """
        let c = Classifier(rules: try ClassifierRules.load(yaml: yaml, source: "mine.yaml"))
        let weak = c.classify(subject: "", body: "the billing page shows the wrong total")
        #expect(weak.priority == .p3, "\(weak.reasons)")
        #expect(weak.reasons.contains("minimum: P4 1.5 is below its minimum 2.0: not chosen"), "\(weak.reasons)")
        let alone = c.classify(subject: "", body: "billing")
        #expect(alone.priority == .p3)
        #expect(alone.reasons.last == "no rule matched: default P3" || alone.reasons.last?.hasPrefix("no score reaches") == true, "\(alone.reasons)")
        let clear = c.classify(subject: "", body: "how do I change the billing address? the old one is wrong")
        #expect(clear.priority == .p4)
        #expect(!clear.reasons.contains { $0.hasPrefix("minimum:") })
    }

    @Test func removeDropsBuiltInTerms() throws {
        let rules = try ClassifierRules.load(yaml: "extends: builtin\nremove: [beta, \"Fora do Ar\"]\n", source: "op.yaml")
        let c = Classifier(rules: rules)
        #expect(!c.classify(subject: "Sistema fora do ar", body: "").matches.contains { $0.term == "fora do ar" })
        #expect(rules.terms.count < ClassifierRules.builtIn().terms.count)
    }

    @Test func loadContentsOfReportsUnreadableFiles() {
        #expect(throws: RulesError.self) { try ClassifierRules.load(contentsOf: "/nonexistent/rules.yaml") }
    }
}

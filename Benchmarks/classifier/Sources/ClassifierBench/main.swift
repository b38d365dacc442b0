// Classifier throughput: classifications per second on one core for ~5 KB bodies, against a naive
// peer measured in the same run (per-term `String.contains` over the lower-cased text).
//
//   cd Benchmarks/classifier && swift run -c release ClassifierBench [seconds-per-measurement]
import Foundation
import Tickets

let sentences = [
    "Bom dia, desde as 8h nenhuma reunião da nossa conta inicia e aparece o erro 5003.",
    "O áudio fica picotando para boa parte da equipe, mas dá para continuar pelo telefone.",
    "Gostaria de saber como faço para configurar a sala de espera nas reuniões recorrentes.",
    "A gravação na nuvem não aparece na lista, as outras estão lá; não é urgente.",
    "Since this morning none of our users can join meetings, the client keeps connecting.",
    "Screen sharing lags badly for most of the team, although meetings still work.",
    "Could you send me pricing for the Business plan and tell me whether you offer training?",
    "The attendee report shows wrong durations for one webinar, everything else is fine.",
    "Desde esta mañana no podemos iniciar ninguna reunión en toda la empresa.",
    "El video se congela y el audio se corta en reuniones grandes, de momento usamos el teléfono.",
    "¿Cómo puedo programar una reunión que se repita todos los lunes? Gracias de antemano.",
    "Los subtítulos automáticos no aparecen en mis reuniones aunque están habilitados.",
    "We tried restarting the router, reinstalling the desktop client and clearing the cache.",
    "Nossa equipe de TI já verificou o firewall e as portas liberadas conforme a documentação.",
    "Adjunto capturas de pantalla y el registro del cliente para que puedan revisarlo.",
    "Please find the meeting ID and the exact time below; the issue started around 9:40.",
]

/// A deterministic generator, so every run measures the same bodies.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func makeBodies(count: Int, bytes: Int) -> [(String, String)] {
    var rng = SplitMix(state: 42)
    return (0..<count).map { _ in
        var body = ""
        while body.utf8.count < bytes {
            body += sentences.randomElement(using: &rng)!
            body += Int.random(in: 0..<4, using: &rng) == 0 ? "\n\n" : " "
        }
        let subject = String(sentences.randomElement(using: &rng)!.prefix(60))
        return (subject, body)
    }
}

/// Runs `body` over all mails repeatedly for about `seconds`; returns mails per second.
func measure(_ name: String, _ mails: [(String, String)], seconds: Double, _ body: (String, String) -> Int) -> Double {
    var sink = 0
    for m in mails.prefix(200) { sink &+= body(m.0, m.1) }  // warm-up
    var done = 0
    let start = Date()
    var elapsed = 0.0
    repeat {
        for m in mails { sink &+= body(m.0, m.1) }
        done += mails.count
        elapsed = Date().timeIntervalSince(start)
    } while elapsed < seconds
    let rate = Double(done) / elapsed
    print("\(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%12.0f", rate)) mails/s   (\(done) mails, \(String(format: "%.2f", elapsed)) s, checksum \(sink % 1000))")
    return rate
}

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 3 : 3
let mails = makeBodies(count: 1_000, bytes: 5_000)
let avg = mails.map { $0.1.utf8.count }.reduce(0, +) / mails.count
let rules = ClassifierRules.builtIn()
let classifier = Classifier(rules: rules)
let naiveTerms = Array(Set(rules.termTexts.map {
    $0.lowercased().replacingOccurrences(of: "*", with: "").replacingOccurrences(of: " .. ", with: " ")
}))
print("classifier throughput, one core, \(mails.count) distinct bodies of ~\(avg) bytes, \(naiveTerms.count) distinct terms")

let fast = measure("Classifier.classify", mails, seconds: seconds) { s, b in
    classifier.classify(subject: s, body: b).priority.rawValue
}
let naive = measure("naive: lowercased + contains/term", mails, seconds: seconds) { s, b in
    let text = (s + "\n" + b).lowercased()
    var n = 0
    for t in naiveTerms where text.contains(t) { n += 1 }
    return n
}
print(String(format: "ratio: %.1f× the naive peer; %.1f MB/s of body text", fast / naive, fast * Double(avg) / 1e6))

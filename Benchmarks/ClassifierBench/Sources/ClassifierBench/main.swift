// Classifier throughput: classifications per second on one core for ~5 KB bodies, against a naive
// peer measured in the same run (per-term `String.contains` over the lower-cased text).
//
//   cd Benchmarks/ClassifierBench && swift run -c release ClassifierBench [seconds-per-measurement]
import Foundation
import BenchSupport
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

/// Neutral material that fills real 5 KB mails: steps taken, pasted client logs, signatures.
let filler = [
    "2026-11-24 09:41:03.112 INFO [conf] client=5.17.2 os=Windows 11 build=22631 net=wifi rtt=38ms jitter=4ms",
    "2026-11-24 09:41:03.540 DEBUG [media] codec=opus bitrate=48000 channels=1 device=\"Headset (USB)\"",
    "Segue abaixo o passo a passo que fizemos hoje de manhã com a equipe de infraestrutura do prédio.",
    "Below are the details our IT team collected this morning, including the client version and the network.",
    "A continuación les envío los datos que recopiló nuestro equipo de sistemas durante la mañana.",
    "Atenciosamente, Maria Clara Figueiredo — Coordenadora Administrativa — Tel. +55 11 4002-8922",
    "Kind regards, Jonathan Whitfield, Operations Manager, Northbridge Analytics Ltd., London",
    "Saludos cordiales, Ana Belén Torres, Jefa de Administración, Grupo Industrial del Norte",
    "This e-mail and any attachments are confidential and intended solely for the addressee.",
    "Esta mensagem e seus anexos são confidenciais e destinados exclusivamente ao destinatário.",
]

/// `denseShare`: the share of sentences drawn from the support sentences (the rest is filler).
func makeBodies(count: Int, bytes: Int, denseShare: Double) -> [(String, String)] {
    var rng = SplitMix(state: 42)
    return (0..<count).map { _ in
        var body = ""
        while body.utf8.count < bytes {
            let dense = Double(rng.next() % 1000) / 1000 < denseShare
            body += dense ? sentences.randomElement(using: &rng)! : filler.randomElement(using: &rng)!
            body += Int.random(in: 0..<4, using: &rng) == 0 ? "\n\n" : "\n"
        }
        let subject = String(sentences.randomElement(using: &rng)!.prefix(60))
        return (subject, body)
    }
}

/// CPU time of this thread: the machine may be shared, so "per core" means per CPU-second used.
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `body` over all mails repeatedly for about `seconds` of CPU time; returns mails per
/// CPU-second (wall-clock figures are printed too).
func measure(_ name: String, _ mails: [(String, String)], seconds: Double, _ body: (String, String) -> Int) -> Double {
    var sink = 0
    for m in mails.prefix(200) { sink &+= body(m.0, m.1) }  // warm-up
    var done = 0
    let start = Date()
    let cpuStart = cpuSeconds()
    var elapsed = 0.0
    repeat {
        for m in mails { sink &+= body(m.0, m.1) }
        done += mails.count
        elapsed = cpuSeconds() - cpuStart
    } while elapsed < seconds
    let wall = Date().timeIntervalSince(start)
    let rate = Double(done) / elapsed
    print("\(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%10.0f", rate)) mails/CPU-s  (\(done) mails, \(String(format: "%.2f", elapsed)) CPU-s, \(String(format: "%.2f", wall)) wall-s, \(String(format: "%.1f", 1e6 / rate)) µs/mail, checksum \(sink % 1000))")
    return rate
}

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 3 : 3
let mails = makeBodies(count: 1_000, bytes: 5_000, denseShare: 1.0)
let typical = makeBodies(count: 1_000, bytes: 5_000, denseShare: 0.2)
let avg = mails.map { $0.1.utf8.count }.reduce(0, +) / mails.count
let rules = ClassifierRules.builtIn()
let classifier = Classifier(rules: rules)
let naiveTerms = Array(Set(rules.termTexts.map {
    $0.lowercased().replacingOccurrences(of: "*", with: "").replacingOccurrences(of: " .. ", with: " ")
}))
print("classifier throughput, one thread, 1000 distinct bodies of ~\(avg) bytes, \(naiveTerms.count) distinct terms")
print("dense: every sentence is a support sentence; typical: 1 in 5, the rest logs, signatures, disclaimers")

// `BENCH_SET=typical` or `BENCH_SET=dense` measures one set only (for profilers such as callgrind).
let only = ProcessInfo.processInfo.environment["BENCH_SET"]
var fast = 0.0
if only != "dense" {
    fast = measure("Classifier.classify (typical)", typical, seconds: seconds) { s, b in
        classifier.classify(subject: s, body: b).priority.rawValue
    }
}
if only != "typical" {
    fast = measure("Classifier.classify (dense)", mails, seconds: seconds) { s, b in
        classifier.classify(subject: s, body: b).priority.rawValue
    }
}
if ProcessInfo.processInfo.environment["BENCH_ONLY_FAST"] != nil || only != nil { exit(0) }
let naive = measure("naive peer (dense)", Array(mails.prefix(20)), seconds: seconds) { s, b in
    let text = (s + "\n" + b).lowercased()
    var n = 0
    for t in naiveTerms where text.contains(t) { n += 1 }
    return n
}
print(String(format: "ratio: %.1f× the naive peer; %.1f MB/s of body text", fast / naive, fast * Double(avg) / 1e6))

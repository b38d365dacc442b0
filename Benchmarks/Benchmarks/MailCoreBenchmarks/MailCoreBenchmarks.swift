// package-benchmark suite for the parser and the classifier.
//
//   swift package --package-path Benchmarks benchmark
//
// Each scaled iteration handles ONE message, so the time and malloc rows are per message. With
// `.kilo` scaling one measured iteration is 1,000 messages (whole passes over a subset whose size
// divides 1,000). package-benchmark's own `throughput` counts measured iterations per second
// (here, per 1,000 messages), so the suite records its own rate rows instead: messages per second
// by wall-clock time and by the thread's CPU time (the CPU figure is the one-core figure on a
// shared machine, where wall-clock time includes time spent waiting for the core).

import Benchmark
import MailCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: Rate.metrics("Messages") + [.wallClock, .cpuTotal, .mallocCountTotal, .mallocBytesCount, .peakMemoryResident],
        warmupIterations: 1,
        scalingFactor: .kilo,
        maxDuration: .seconds(5),
        maxIterations: 20
    )

    // The corpus's own mix: ~20 % text + HTML, ~10 % with attachments (tens of KB to MBs).
    Benchmark("Parse corpus mix (first 200 messages)") { benchmark, messages in
        let parser = MessageParser(limits: ParseLimits())
        try Rate.measure(benchmark, "Messages") { i in
            blackHole(try parser.parse(messages[i % messages.count]))
        }
    } setup: {
        Corpus.messages(limit: 200)
    }

    // What most of a support mailbox is: a 2-20 KB message without attachments.
    Benchmark("Parse typical 2-20 KB message, no attachment (first 500)") { benchmark, messages in
        let parser = MessageParser(limits: ParseLimits())
        try Rate.measure(benchmark, "Messages") { i in
            blackHole(try parser.parse(messages[i % messages.count]))
        }
    } setup: {
        Corpus.messages(limit: 500) { $0.attachments.isEmpty && (2048..<20480).contains($0.bytes) }
    }

    classifierBenchmarks()
}

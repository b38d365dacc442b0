// package-benchmark suite for the parser and the classifier.
//
//   swift package --package-path Benchmarks benchmark
//
// Each scaled iteration handles ONE message, so `throughput` reads as messages per second and the
// malloc counts are per message. With `.kilo` scaling one measured iteration is 1,000 messages,
// i.e. whole passes over a subset whose size divides 1,000.

import Benchmark
import MailCore

let parseMetrics: [BenchmarkMetric] = [
    .throughput, .wallClock, .cpuTotal, .mallocCountTotal, .mallocBytesCount, .peakMemoryResident,
]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: parseMetrics,
        warmupIterations: 1,
        scalingFactor: .kilo,
        maxDuration: .seconds(5),
        maxIterations: 20
    )

    // The corpus's own mix: ~20 % text + HTML, ~10 % with attachments (tens of KB to MBs).
    Benchmark("Parse corpus mix (first 200 messages)") { benchmark, messages in
        let parser = MessageParser(limits: ParseLimits())
        for i in benchmark.scaledIterations {
            blackHole(try parser.parse(messages[i % messages.count]))
        }
    } setup: {
        Corpus.messages(limit: 200)
    }

    // What most of a support mailbox is: a 2-20 KB message without attachments.
    Benchmark("Parse typical 2-20 KB message, no attachment (1,000 messages)") { benchmark, messages in
        let parser = MessageParser(limits: ParseLimits())
        for i in benchmark.scaledIterations {
            blackHole(try parser.parse(messages[i % messages.count]))
        }
    } setup: {
        Corpus.messages(limit: 1000) { $0.attachments.isEmpty && (2048..<20480).contains($0.bytes) }
    }

}

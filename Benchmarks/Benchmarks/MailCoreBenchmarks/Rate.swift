import Benchmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Items per second as custom package-benchmark metrics, by wall-clock time and by CPU time.
///
/// package-benchmark's built-in `throughput` is measured iterations per second, which with a
/// scaling factor is "thousands of items per second", rounded to an integer (0 for a slow
/// iteration); these rows say the rate in items.
enum Rate {
    static func wall(_ item: String) -> BenchmarkMetric {
        .custom("\(item)/s (wall clock)", polarity: .prefersLarger, useScalingFactor: false)
    }

    static func cpu(_ item: String) -> BenchmarkMetric {
        .custom("\(item)/s (CPU time)", polarity: .prefersLarger, useScalingFactor: false)
    }

    static func metrics(_ item: String) -> [BenchmarkMetric] { [wall(item), cpu(item)] }

    /// Runs `body` once per scaled iteration and records the two rates for `item`.
    static func measure(_ benchmark: Benchmark, _ item: String, _ body: (Int) throws -> Void) rethrows {
        let count = benchmark.scaledIterations.count
        let clock = ContinuousClock()
        let wallStart = clock.now
        let cpuStart = threadCPUSeconds()
        for i in benchmark.scaledIterations {
            try body(i)
        }
        let cpu = threadCPUSeconds() - cpuStart
        let wallDuration = clock.now - wallStart
        let wall = Double(wallDuration.components.seconds) + Double(wallDuration.components.attoseconds) / 1e18
        if wall > 0 { benchmark.measurement(self.wall(item), Int((Double(count) / wall).rounded())) }
        if cpu > 0 { benchmark.measurement(self.cpu(item), Int((Double(count) / cpu).rounded())) }
    }

    /// CPU time consumed by the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

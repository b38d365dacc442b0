/// Exponential backoff with full jitter, capped: the delay before attempt `n` (0-based) is a
/// random duration in [base·2ⁿ/2, base·2ⁿ], never above `cap`.
struct Backoff: Sendable {
    var base: Duration
    var cap: Duration

    func delay(attempt: Int) -> Duration {
        let exponent = min(max(attempt, 0), 20)
        let capSeconds = Double(cap.components.seconds)
        let full = min(Double(base.components.seconds) * Double(1 << exponent), capSeconds)
        let jittered = full / 2 + Double.random(in: 0...(full / 2))
        return .milliseconds(Int64(max(jittered, 0.001) * 1000))
    }
}

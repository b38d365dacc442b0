import Synchronization

/// A one-way flag set when the Swift task waiting for a job is cancelled, read by the worker
/// thread (libcurl's progress callback, the CONNECT_ONLY receive loop) to abandon the job.
final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    init() {}

    /// Whether cancellation was requested.
    var isCancelled: Bool { value.load(ordering: .acquiring) }

    /// Requests cancellation; idempotent.
    func cancel() { value.store(true, ordering: .releasing) }
}

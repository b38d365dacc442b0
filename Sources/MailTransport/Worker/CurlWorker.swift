import Foundation

/// A dedicated OS thread that owns one context (a session holding a curl handle) and runs jobs on
/// it one at a time, so blocking libcurl calls never run on Swift's cooperative pool and a handle
/// is never used from two threads at once. The public API bridges with continuations: `run`
/// suspends the caller and resumes it with a `Sendable` result.
///
/// Cancellation of the waiting task sets the job's ``CancellationFlag``, which the job checks
/// (libcurl's progress callback, the receive loop). `shutdown()` refuses new jobs; the thread ends
/// after the queued ones, and every job is bounded by the session's timeouts.
final class CurlWorker<Context: AnyObject>: @unchecked Sendable {
    // Invariant: `jobs` and `isShutDown` are guarded by `condition`; the context exists only on
    // the worker thread.
    private typealias Job = (Context) -> Void
    private let condition = NSCondition()
    private var jobs: [(job: Job, flag: CancellationFlag?)] = []
    private var running: CancellationFlag?
    private var isShutDown = false

    /// Starts the thread and creates the context on it.
    init(name: String, makeContext: @escaping @Sendable () -> Context) {
        let thread = Thread { [self] in
            let context = makeContext()
            loop(context)
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func loop(_ context: Context) {
        while true {
            condition.lock()
            while jobs.isEmpty && !isShutDown { condition.wait() }
            if jobs.isEmpty && isShutDown {
                condition.unlock()
                return
            }
            let (job, flag) = jobs.removeFirst()
            running = flag
            condition.unlock()
            job(context)
            condition.lock()
            running = nil
            condition.unlock()
        }
    }

    private func enqueue(_ flag: CancellationFlag, _ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isShutDown else { return false }
        jobs.append((job, flag))
        condition.signal()
        return true
    }

    /// Runs `operation` on the worker thread and returns its result. A cancelled caller gets
    /// `TransportError.cancelled` (the operation sees the flag and stops at its next check).
    func run<T: Sendable>(
        _ operation: @escaping @Sendable (Context, CancellationFlag) throws(TransportError) -> T
    ) async throws(TransportError) -> T {
        let flag = CancellationFlag()
        if Task.isCancelled { throw TransportError(.cancelled, "the task was cancelled") }
        let result: Result<T, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, TransportError>, Never>) in
                let accepted = enqueue(flag) { context in
                    if flag.isCancelled {
                        continuation.resume(returning: .failure(TransportError(.cancelled, "the task was cancelled")))
                        return
                    }
                    do throws(TransportError) {
                        continuation.resume(returning: .success(try operation(context, flag)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
                if !accepted {
                    continuation.resume(returning: .failure(TransportError(.cancelled, "the client is closed")))
                }
            }
        } onCancel: {
            flag.cancel()
        }
        return try result.get()
    }

    /// Cancels the running job (an IDLE ends at once) and the queued ones, runs a last job (e.g.
    /// LOGOUT) and stops the thread; later `run` calls fail with `.cancelled`. Returns when the
    /// final job has run.
    func shutdown(finally operation: @escaping @Sendable (Context) -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if isShutDown {
                condition.unlock()
                continuation.resume()
                return
            }
            running?.cancel()
            for queued in jobs { queued.flag?.cancel() }
            jobs.append(({ context in
                operation(context)
                continuation.resume()
            }, nil))
            isShutDown = true
            condition.signal()
            condition.unlock()
        }
    }

    /// Cancels the running and queued jobs and stops the thread, without waiting (for deinit).
    func shutdownNow() {
        condition.lock()
        running?.cancel()
        for queued in jobs { queued.flag?.cancel() }
        isShutDown = true
        condition.signal()
        condition.unlock()
    }
}

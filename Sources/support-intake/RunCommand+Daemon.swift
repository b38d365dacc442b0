import Intake
import Logging

// TODO(daemon): remove this file when `Intake.runDaemon(configuration:logger:once:)` lands from the
// daemon branch (Sources/Intake/Daemon/); `RunCommand` already calls it with these arguments.
/// Stand-in for the daemon entry point until it is merged: refuses to run.
func runDaemon(configuration: SupportIntakeConfiguration, logger: Logger, once: Bool) async throws {
    struct DaemonMissing: Error, CustomStringConvertible {
        var description: String { "the intake daemon is not part of this build" }
    }
    throw DaemonMissing()
}

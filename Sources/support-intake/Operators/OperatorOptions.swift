import ArgumentParser
import Foundation
import Intake
import TicketStore

/// `--config FILE` and `--json`, shared by the operator commands (`tickets`, `report`,
/// `quarantine`). They read only what they need from the configuration (the store path, the
/// survey settings), never a password.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("config"),
            help: ArgumentHelp("The configuration file (default: $SUPPORT_INTAKE_CONFIG, else /etc/support-intake/config.yaml).",
                               valueName: "file"))
    var configPath: String?

    @Flag(name: .customLong("json"), help: "Print JSON (times in ISO 8601 UTC) instead of a table.")
    var json = false

    /// `--config`, `$SUPPORT_INTAKE_CONFIG`, or the default path.
    var resolvedConfigPath: String {
        if let configPath { return configPath }
        if let fromEnvironment = ProcessInfo.processInfo.environment["SUPPORT_INTAKE_CONFIG"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "/etc/support-intake/config.yaml"
    }

    /// The configuration, or the one-line reason on stderr and exit 78 (`EX_CONFIG`).
    func configuration() throws(ExitCode) -> OperatorConfiguration {
        do {
            return try OperatorConfiguration.load(path: resolvedConfigPath)
        } catch {
            OperatorConsole.error("configuration error: \(error)")
            throw .configuration
        }
    }

    /// The store named by `store.path`. A missing store is not created: exit 66 (`EX_NOINPUT`).
    func openStore(_ configuration: OperatorConfiguration) throws(ExitCode) -> TicketStore {
        guard FileManager.default.fileExists(atPath: configuration.storePath) else {
            OperatorConsole.error("no ticket store at \(configuration.storePath) (store.path): has the daemon run yet?")
            throw .noInput
        }
        do {
            return try TicketStore(path: configuration.storePath)
        } catch {
            OperatorConsole.error("cannot open the ticket store: \(error)")
            throw ExitCode(74)
        }
    }

    /// Prints `node` as JSON, or `text` for people.
    func emit(json node: @autoclosure () -> JSONNode, text: @autoclosure () -> String) {
        if json {
            OperatorConsole.out(node().render() + "\n")
        } else {
            OperatorConsole.out(text())
        }
    }
}

/// Output of the operator commands: results on stdout as they are, problems through ``Console``.
enum OperatorConsole {
    /// Writes `text` to stdout as is (tables and JSON carry their own line ends).
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `support-intake: text` on stderr.
    static func error(_ text: String) {
        Console.error(text)
    }

    /// Prints a store error and maps it to its exit code: 65 (`EX_DATAERR`) for a missing ticket
    /// or a refused state change, 74 (`EX_IOERR`) for the database.
    static func fail(_ error: StoreError) -> ExitCode {
        Self.error("\(error)")
        switch error.code {
        case .notFound, .invalidState: return .dataError
        default: return ExitCode(74)
        }
    }
}

/// Parses `--since` / `--until` values (see ``OperatorDate``).
struct OperatorDateArgument: ExpressibleByArgument, Sendable {
    let date: Date
    init?(argument: String) {
        guard let date = OperatorDate.parse(argument, now: Date()) else { return nil }
        self.date = date
    }
    static var defaultCompletionKind: CompletionKind { .default }
}

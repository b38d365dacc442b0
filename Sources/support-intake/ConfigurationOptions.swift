import ArgumentParser
import Foundation
import Intake

/// `--config FILE`, shared by the commands that read the configuration.
struct ConfigurationOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The configuration file (default: $SUPPORT_INTAKE_CONFIG, else \(ConfigurationLoader.defaultPath)).",
            valueName: "file"))
    var path: String?

    /// The file to read: `--config`, `$SUPPORT_INTAKE_CONFIG`, or the default path.
    var resolvedPath: String {
        if let path { return path }
        if let fromEnvironment = ProcessInfo.processInfo.environment["SUPPORT_INTAKE_CONFIG"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return ConfigurationLoader.defaultPath
    }

    /// Loads the configuration, or prints the one-line reason and exits with 78 (`EX_CONFIG`).
    func load() throws(ExitCode) -> SupportIntakeConfiguration {
        do {
            return try ConfigurationLoader.load(path: resolvedPath)
        } catch {
            Console.error("configuration error: \(error)")
            throw ExitCode.configuration
        }
    }
}

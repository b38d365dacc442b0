import ArgumentParser
import Foundation
import Intake
import MailCore

/// `support-intake classify`: what the intake would read from mail files and which priority, plan
/// and response target it would give them.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Parse and classify mail files (.eml) as the intake would.",
        discussion: """
            With --json, one JSON object per file per line (JSON Lines) with the keys file, message_id, \
            from {name, address}, subject, text, attachments [{filename, content_type, size}], automated, \
            automated_reason, priority, reasons, plan, response_target_seconds. A file that cannot be read \
            or parsed gives {"file", "error"} and the command exits with 66 (unreadable) or 65 (not a \
            message) after the other files. '-' reads standard input. With --config, the customer \
            directory, target overrides, classifier rules and size limit come from that configuration; \
            without it, the built-in rules, plan free for everyone and the policy's targets.
            """
    )

    @Flag(help: "Print JSON Lines instead of a summary.")
    var json = false

    @Option(name: .customLong("config"), help: ArgumentHelp("Take rules, plans and limits from this configuration.", valueName: "file"))
    var configPath: String?

    @Option(help: ArgumentHelp("Classify with this rules file instead of the configured or built-in rules.", valueName: "file"))
    var rules: String?

    @Argument(help: ArgumentHelp("Mail files (RFC 5322), or - for standard input.", valueName: "file"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one mail file.") }
    }

    func run() throws {
        let configuration = try configPath.map { path throws(ExitCode) in try ConfigurationOptions(path: path).load() }
        let inspector = try MessageInspector(configuration: configuration, rulesFile: rules)
        var exitCode: ExitCode?
        for file in files {
            switch inspector.inspect(file: file) {
            case .success(let report):
                Console.out(json ? report.json.render(pretty: false) : report.summary)
            case .failure(let failure):
                if json {
                    Console.out(JSONNode.object(["file": .string(file), "error": .string(failure.description)]).render(pretty: false))
                } else {
                    Console.error("\(file): \(failure.description)")
                }
                // Unreadable input outranks unparseable input in the exit code.
                if exitCode != .noInput { exitCode = failure.isUnreadable ? .noInput : .dataError }
            }
        }
        if let exitCode { throw exitCode }
    }
}

extension ConfigurationOptions {
    /// Options with an explicit path.
    init(path: String) {
        self.init()
        self.path = path
    }
}

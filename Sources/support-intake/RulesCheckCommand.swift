import ArgumentParser
import Tickets

/// `support-intake rules check FILE`: is this rules file usable, and what does it hold.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a classifier rules file (YAML).",
        discussion: """
            Prints `FILE: OK` with the number of terms per priority and of modifiers, and exits 0; or the \
            problem as `FILE:LINE: key 'PATH': message` on standard error and exits 65 (invalid rules) or \
            66 (unreadable file). Warnings (rules that load but probably misbehave, such as a modifier's \
            phrase hiding another modifier's cue) go to standard error as `FILE:LINE: warning: …`; they \
            don't change the exit status. Without FILE, checks the built-in rules.
            """
    )

    @Argument(help: ArgumentHelp("The rules file (samples/rules.yaml documents the schema).", valueName: "file"))
    var file: String?

    func run() throws {
        let rules: ClassifierRules
        do throws(RulesError) {
            if let file {
                rules = try RulesLoading.load(file)
            } else {
                rules = try ClassifierRules.loadBuiltIn()
            }
        } catch {
            Console.error("\(error)")
            throw error.code == .unreadable ? ExitCode.noInput : ExitCode.dataError
        }
        let counts = rules.termCounts
        let perPriority = Priority.allCases.map { "\($0.code) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        let total = counts.values.reduce(0, +)
        Console.out("\(file ?? "built-in rules"): OK: \(total) terms (\(perPriority), modifiers \(counts[nil] ?? 0))")
        for warning in rules.warnings { Console.error(warning.description) }
    }
}

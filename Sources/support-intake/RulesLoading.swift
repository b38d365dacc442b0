import ArgumentParser
import Intake
import Tickets

/// Which classifier rules a command uses: `--rules FILE`, else the configuration's
/// `classifier.rules_file`, else the built-in rules.
enum RulesLoading {
    /// The rules, or the one-line error and exit 65 (`--rules`) or 78 (the configuration's file).
    static func rules(file: String?, configuration: SupportIntakeConfiguration?) throws(ExitCode) -> ClassifierRules {
        if let file {
            do {
                return try load(file)
            } catch {
                Console.error("rules error: \(error)")
                throw error.code == .unreadable ? ExitCode.noInput : ExitCode.dataError
            }
        }
        if let configured = configuration?.rulesFile {
            do {
                return try load(configured)
            } catch {
                Console.error("configuration error: classifier.rules_file: \(error)")
                throw ExitCode.configuration
            }
        }
        do {
            return try ClassifierRules.loadBuiltIn()
        } catch {
            Console.error("rules error: \(error)")
            throw ExitCode.software
        }
    }

    /// Reads a rules file (at most 16 MiB) and validates it; an unreadable file is a `RulesError`
    /// with code `.unreadable` and the C library's reason.
    static func load(_ path: String) throws(RulesError) -> ClassifierRules {
        switch LocalFile.contents(of: path, limit: 16 << 20) {
        case .success(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw RulesError(code: .syntax, source: path, message: "the file is not UTF-8 text")
            }
            return try ClassifierRules.load(yaml: text, source: path)
        case .failure(let failure):
            throw RulesError(code: .unreadable, source: path, message: "cannot read: \(failure.reason)")
        }
    }
}

import ArgumentParser
import Foundation
import Intake
import MailCore
import Tickets

/// `support-intake rules eval DIR`: how well the rules classify a labeled sample set.
struct RulesEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Classify a labeled sample set and print accuracy, macro-F1, per-class figures and the confusion matrix.",
        discussion: """
            DIR holds the mails and DIR/labels.tsv, one line per mail: file<TAB>priority<TAB>language<TAB>\
            justification (lines starting with # are comments). Each mail is parsed as the intake does and \
            its subject and new text are classified. Exit 0, or 1 when --min-accuracy or --min-p1-recall \
            is not met, 65 when labels.tsv or a mail is invalid, 66 when one cannot be read.
            """
    )

    @Argument(help: ArgumentHelp("The sample folder (e.g. samples/classifier).", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("Evaluate this rules file instead of the built-in rules.", valueName: "file"))
    var rules: String?

    @Option(help: ArgumentHelp("Fail (exit 1) below this accuracy, 0…1.", valueName: "ratio"))
    var minAccuracy: Double?

    @Option(name: .customLong("min-p1-recall"), help: ArgumentHelp("Fail (exit 1) below this P1 recall, 0…1.", valueName: "ratio"))
    var minP1Recall: Double?

    func run() throws {
        let classifier = Classifier(rules: try RulesLoading.rules(file: rules, configuration: nil))
        let labelsPath = (directory as NSString).appendingPathComponent("labels.tsv")
        let labels: String
        switch LocalFile.contents(of: labelsPath, limit: 16 << 20) {
        case .success(let bytes): labels = String(decoding: bytes, as: UTF8.self)
        case .failure(let failure):
            Console.error("\(labelsPath): cannot read: \(failure.reason)")
            throw ExitCode.noInput
        }

        let parser = MessageParser()
        var samples: [(id: String, expected: Priority, subject: String, body: String)] = []
        for (index, rawLine) in labels.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty, !line.hasPrefix("#") else { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2, let expected = Priority(code: String(columns[1]).trimmingCharacters(in: .whitespaces)) else {
                Console.error("\(labelsPath):\(index + 1): expected file<TAB>P1..P4<TAB>language<TAB>justification")
                throw ExitCode.dataError
            }
            let name = String(columns[0])
            let path = (directory as NSString).appendingPathComponent(name)
            let bytes: [UInt8]
            switch LocalFile.contents(of: path, limit: parser.limits.maxMessageBytes) {
            case .success(let read): bytes = read
            case .failure(let failure):
                Console.error("\(path): cannot read: \(failure.reason)")
                throw ExitCode.noInput
            }
            do {
                let message = try parser.parse(bytes)
                samples.append((id: name, expected: expected, subject: message.subject, body: message.newText))
            } catch {
                Console.error("\(path): not a message: \(error.message)")
                throw ExitCode.dataError
            }
        }
        guard !samples.isEmpty else {
            Console.error("\(labelsPath): no labeled mails")
            throw ExitCode.dataError
        }

        let report = ClassifierEvaluation.evaluate(samples: samples, classifier: classifier)
        Console.out("rules: \(rules ?? "built-in")")
        Console.out(report.formatted)
        var unmet: [String] = []
        if let minAccuracy, report.accuracy < minAccuracy { unmet.append("accuracy \(report.accuracy) < \(minAccuracy)") }
        if let minP1Recall, report.p1Recall < minP1Recall { unmet.append("P1 recall \(report.p1Recall) < \(minP1Recall)") }
        if !unmet.isEmpty {
            Console.error("below the goal: \(unmet.joined(separator: ", "))")
            throw ExitCode.problemsFound
        }
    }
}

import ArgumentParser
import Foundation
import Intake
import MailCore
import Tickets

/// Reads, parses and classifies one mail file for `classify`, as the intake would: MailCore's parser,
/// the keyword classifier on the subject and the new text, the customer directory and the targets.
struct MessageInspector {
    /// Why a file produced no report.
    struct Failure: Error, CustomStringConvertible {
        /// True when the file could not be read at all (rather than not being a message).
        var isUnreadable: Bool
        /// One line: `cannot read: No such file or directory`, `not a message: …`.
        var description: String
    }

    let parser: MessageParser
    let classifier: Classifier
    let plans: PlanDirectory
    let targets: ResponseTargets

    /// Uses the configuration's size limit, rules, customer directory and targets when given; the
    /// built-in rules, plan `free` for everyone and the policy's targets otherwise. `rulesFile`
    /// (`--rules`) replaces the configuration's rules.
    init(configuration: SupportIntakeConfiguration?, rulesFile: String? = nil) throws(ExitCode) {
        var limits = ParseLimits.default
        if let configuration { limits.maxMessageBytes = configuration.intake.maxMessageBytes }
        parser = MessageParser(limits: limits)
        classifier = Classifier(rules: try RulesLoading.rules(file: rulesFile, configuration: configuration))
        plans = PlanDirectory(
            customers: configuration?.plans.customers.map { (match: $0.match, plan: $0.plan) } ?? [],
            defaultPlan: configuration?.plans.defaultPlan ?? .free)
        targets = ResponseTargets(overrides: configuration?.plans.targetOverrides ?? [:])
    }

    /// The report for a file, or why there is none.
    func inspect(file: String) -> Result<MessageReport, Failure> {
        let bytes: [UInt8]
        switch read(file) {
        case .success(let read): bytes = read
        case .failure(let failure): return .failure(Failure(isUnreadable: true, description: "cannot read: \(failure.reason)"))
        }
        let message: Message
        do {
            message = try parser.parse(bytes)
        } catch {
            return .failure(Failure(isUnreadable: false, description: "not a message: \(error.message)"))
        }
        let classification = classifier.classify(subject: message.subject, body: message.newText)
        let plan = message.from.map { plans.plan(for: $0.address) } ?? plans.defaultPlan
        return .success(MessageReport(
            file: file, message: message, classification: classification, plan: plan,
            responseTargetSeconds: targets.seconds(plan: plan, priority: classification.priority)))
    }

    /// The file's bytes; `-` is standard input. At most the parser's size limit is read, so that a
    /// larger file is reported as too large without being read whole.
    private func read(_ file: String) -> Result<[UInt8], LocalFile.Failure> {
        let limit = parser.limits.maxMessageBytes
        if file == "-" {
            let data = FileHandle.standardInput.readData(ofLength: limit + 1)
            guard data.count <= limit else { return .failure(LocalFile.Failure(reason: "larger than \(limit) bytes")) }
            return .success(Array(data))
        }
        return LocalFile.contents(of: file, limit: limit)
    }
}

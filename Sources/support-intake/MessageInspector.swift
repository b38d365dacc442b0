import ArgumentParser
import Foundation
import Intake
import MailCore
import Tickets

/// Reads, parses and classifies one mail file for `classify`.
struct MessageInspector {
    /// Why a file produced no report.
    struct Failure: Error, CustomStringConvertible {
        /// True when the file could not be read at all (rather than not being a message).
        var isUnreadable: Bool
        /// One line: `cannot read: No such file or directory`, `not a message: …`.
        var description: String
    }

    let parser: MessageParser

    /// Uses the configuration's limits, rules and plans when given.
    init(configuration: SupportIntakeConfiguration?) throws(ExitCode) {
        var limits = ParseLimits.default
        if let configuration { limits.maxMessageBytes = configuration.intake.maxMessageBytes }
        parser = MessageParser(limits: limits)
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
        return .success(MessageReport(file: file, message: message))
    }

    /// The file's bytes; `-` is standard input. At most the parser's size limit plus one byte is read,
    /// so that a larger file is reported as too large without being read whole.
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

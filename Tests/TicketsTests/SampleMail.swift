import Foundation
import MailCore
import Tickets

/// One labeled mail of `samples/classifier`, parsed by MailCore's `MessageParser`.
struct SampleMail: Sendable, CustomStringConvertible {
    var file: String
    var expected: Priority
    var language: Language
    var justification: String
    var subject: String
    var newText: String
    var heldOut: Bool
    /// Written after the rules were frozen (`fresh.txt`).
    var fresh: Bool
    /// Written after the rules were changed for the first post-freeze batch (`fresh2.txt`).
    var fresh2: Bool

    var description: String { file }

    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/classifier")

    /// All samples listed in `labels.tsv`.
    static func all() throws -> [SampleMail] {
        let labels = try String(contentsOf: directory.appendingPathComponent("labels.tsv"), encoding: .utf8)
        let holdout = Set(try String(contentsOf: directory.appendingPathComponent("holdout.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })
        func list(_ name: String) -> Set<String> {
            Set(((try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? "")
                .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })
        }
        let fresh = list("fresh.txt"), fresh2 = list("fresh2.txt")
        var out: [SampleMail] = []
        for line in labels.split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count == 4, let p = Priority(code: cols[1]), let l = Language(rawValue: cols[2]) else { continue }
            let raw = try Data(contentsOf: directory.appendingPathComponent(cols[0]))
            let (subject, newText) = try parse(raw)
            out.append(SampleMail(file: cols[0], expected: p, language: l, justification: cols[3],
                                  subject: subject, newText: newText, heldOut: holdout.contains(cols[0]), fresh: fresh.contains(cols[0]), fresh2: fresh2.contains(cols[0])))
        }
        return out
    }

    /// Parses with MailCore's `MessageParser`: the decoded subject and `newText` (quoted replies
    /// and signature removed), exactly what the daemon hands the classifier.
    static func parse(_ data: Data) throws -> (subject: String, newText: String) {
        let message = try MessageParser().parse([UInt8](data))
        return (message.subject, message.newText)
    }
}

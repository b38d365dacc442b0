import Foundation
import Tickets

/// One labeled mail of `samples/classifier`, read with a deliberately small RFC 5322 reader
/// (headers unfolded, RFC 2047 UTF-8 encoded words, quoted-printable bodies, quoted replies and
/// `-- ` signatures dropped) until MailCore's `MessageParser` is on main.
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
            let (subject, body) = parse(raw)
            out.append(SampleMail(file: cols[0], expected: p, language: l, justification: cols[3],
                                  subject: subject, newText: newText(body), heldOut: holdout.contains(cols[0]), fresh: fresh.contains(cols[0]), fresh2: fresh2.contains(cols[0])))
        }
        return out
    }

    static func parse(_ data: Data) -> (subject: String, body: String) {
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let parts = text.components(separatedBy: "\n\n")
        let head = parts[0].replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: " ")
        var body = parts.dropFirst().joined(separator: "\n\n")
        var subject = ""
        var qp = false
        for line in head.split(separator: "\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("subject:") { subject = decodeWords(String(line.dropFirst(8)).trimmingCharacters(in: .whitespaces)) }
            if lower.hasPrefix("content-transfer-encoding:") && lower.contains("quoted-printable") { qp = true }
        }
        if qp { body = decodeQP(body) }
        return (subject, body)
    }

    static func decodeWords(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let start = rest.range(of: "=?") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            let pieces = after.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard pieces.count >= 3, let end = after.range(of: "?=", range: after.index(after.index(after.startIndex, offsetBy: pieces[0].count + pieces[1].count + 2, limitedBy: after.endIndex) ?? after.endIndex, offsetBy: 0)..<after.endIndex) else {
                out += "=?"
                rest = after
                continue
            }
            let encoding = pieces[1].uppercased()
            let payloadStart = after.index(after.startIndex, offsetBy: pieces[0].count + pieces[1].count + 2)
            let payload = String(after[payloadStart..<end.lowerBound])
            if encoding == "B", let d = Data(base64Encoded: payload) {
                out += String(decoding: d, as: UTF8.self)
            } else {
                out += decodeQP(payload.replacingOccurrences(of: "_", with: " "))
            }
            rest = after[end.upperBound...]
        }
        return out + rest
    }

    static func decodeQP(_ s: String) -> String {
        var bytes: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "="), i + 1 < u.count, u[i + 1] == UInt8(ascii: "\n") {
                i += 2
            } else if u[i] == UInt8(ascii: "="), i + 2 < u.count, let v = UInt8(String(decoding: u[i + 1...i + 2], as: UTF8.self), radix: 16) {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Drops quoted lines, the attribution line before them and a `--` signature.
    static func newText(_ body: String) -> String {
        var kept: [Substring] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "-- " || line == "--" { break }
            if line.hasPrefix(">") { continue }
            kept.append(line)
        }
        while let last = kept.last, last.trimmingCharacters(in: .whitespaces).isEmpty || last.hasSuffix("wrote:") || last.hasSuffix("escreveu:") || last.hasSuffix("escribió:") {
            kept.removeLast()
        }
        return kept.joined(separator: "\n")
    }
}

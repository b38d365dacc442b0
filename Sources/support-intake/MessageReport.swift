import Foundation
import Intake
import MailCore
import Tickets

/// What `classify` prints for one message: the parsed fields and the classification.
struct MessageReport {
    var file: String
    var message: Message
    var classification: Classification
    var plan: Plan
    var responseTargetSeconds: Int

    /// The JSON Lines object with the documented keys.
    var json: JSONNode {
        let from: JSONNode = message.from.map { address in
            .object(["name": .optional(address.name), "address": .string(address.address)])
        } ?? .null
        let attachments = JSONNode.array(message.attachments.map { attachment in
            .object([
                "filename": .optional(attachment.filename),
                "content_type": .string(attachment.contentType),
                "size": .int(attachment.size),
            ])
        })
        return .object([
            "file": .string(file),
            "message_id": .optional(message.messageID?.rawValue),
            "from": from,
            "subject": .string(message.subject),
            "text": .string(message.text),
            "attachments": attachments,
            "automated": .bool(message.automation.isAutomated),
            "automated_reason": message.automation.isAutomated ? .optional(message.automation.reason) : .null,
            "priority": .string(classification.priority.code),
            "reasons": .array(classification.reasons.map(JSONNode.string)),
            "plan": .string(plan.rawValue),
            "response_target_seconds": .int(responseTargetSeconds),
        ])
    }

    /// A few lines for a person.
    var summary: String {
        let priority = classification.priority
        var lines = ["\(file): \(priority.code) \(priority.name), plan \(plan), target \(durationText(responseTargetSeconds))"]
        lines.append("  subject: \(oneLine(message.subject, limit: 100))")
        lines.append("  from: \(message.from.map(\.description) ?? "(none)")")
        if !classification.reasons.isEmpty {
            lines.append("  reasons: \(classification.reasons.prefix(6).joined(separator: "; "))"
                + (classification.reasons.count > 6 ? "; …" : ""))
        }
        if message.automation.isAutomated {
            lines.append("  automated: yes (\(message.automation.reason ?? "unspecified"))")
        }
        if !message.attachments.isEmpty {
            let shown = message.attachments.prefix(5).map { "\($0.filename ?? "(unnamed)") \($0.contentType) \(byteText($0.size))" }
            let more = message.attachments.count > 5 ? ", …" : ""
            lines.append("  attachments: \(message.attachments.count) (\(shown.joined(separator: ", "))\(more))")
        }
        lines.append("  text: \(oneLine(message.newText, limit: 120))")
        return lines.joined(separator: "\n")
    }

    /// `1h`, `24h`, `90m`, `45s`: the largest unit that divides the seconds.
    private func durationText(_ seconds: Int) -> String {
        if seconds > 0, seconds % 86_400 == 0, seconds >= 2 * 86_400 { return "\(seconds / 86_400)d" }
        if seconds > 0, seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds > 0, seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    private func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }

    private func byteText(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1_024 ? String(format: "%.1f KB", Double(bytes) / 1_024) : "\(bytes) B"
    }
}

import Foundation
import Tickets
import TicketStore

/// `support-intake tickets show ID`: the ticket, its mails in order, its timing log and its
/// survey (queued/sent and every answer, the latest counting).
public struct TicketDetailView: Sendable {
    /// The ticket with its list figures.
    public var summary: TicketSummary
    /// Its mails, in order.
    public var messages: [StoredMessage]
    /// Its SLA event log, in order.
    public var events: [SLAEvent]
    /// Its outbox rows (acknowledgement, surveys).
    public var outbox: [OutboxItem]
    /// Every survey answer, oldest first.
    public var answers: [SurveyAnswer]

    /// Creates a view.
    public init(summary: TicketSummary, messages: [StoredMessage], events: [SLAEvent], outbox: [OutboxItem], answers: [SurveyAnswer]) {
        self.summary = summary
        self.messages = messages
        self.events = events
        self.outbox = outbox
        self.answers = answers
    }

    /// Reads everything about `id` from the store; nil when there is no such ticket.
    public static func load(_ id: TicketID, from store: TicketStore) throws(StoreError) -> TicketDetailView? {
        guard let summary = try store.ticketSummary(id: id) else { return nil }
        let messages = try store.messages(ticketID: id)
        let answers = try store.surveyAnswers(ticketID: id)
        return TicketDetailView(summary: summary, messages: messages, events: try store.slaEvents(ticketID: id),
                                outbox: try store.outboxItems(ticketID: id), answers: answers)
    }

    /// The JSON object: the list keys plus `customer_name`, `reply_address`, `language`, `reasons`,
    /// `due_at`, `ack_status`, `ack_skip_reason`, `first_agent_response` ({`agent`, `at`, `seconds`}|null),
    /// `resolution_comment`, `message_list`, `sla_events`, `survey` ({`queued_at`, `status`, `sent_at`,
    /// `answers`}|null).
    public func json() -> JSONNode {
        let ticket = summary.ticket
        guard case .object(var object) = TicketListView.json(summary) else { return .null }
        object["customer_name"] = .optional(ticket.customerName)
        object["reply_address"] = .string(ticket.replyAddress)
        object["language"] = .string(ticket.language)
        object["reasons"] = .array(ticket.reasons.map(JSONNode.string))
        object["due_at"] = OperatorTimeFormat.json(ticket.dueAt)
        object["ack_status"] = .string(ticket.ackStatus.rawValue)
        object["ack_skip_reason"] = .optional(ticket.ackSkipReason)
        object["first_agent_response"] = ticket.agentResponseAt.map {
            .object(["agent": .optional(ticket.agent), "at": .string(OperatorTimeFormat.json($0)), "seconds": .optional(ticket.agentResponseSeconds)])
        } ?? .null
        object["resolution_comment"] = .optional(ticket.resolutionComment)
        object["message_list"] = .array(messages.map { message in
            .object([
                "direction": .string(message.direction == .incoming ? "in" : "out"),
                "kind": .string(message.kind.rawValue),
                "message_id": .optional(message.messageID?.rawValue),
                "address": .optional(message.sender),
                "subject": .string(message.subject),
                "at": .string(OperatorTimeFormat.json(message.internalDate ?? message.recordedAt)),
                "size": .int(message.size),
            ])
        })
        object["sla_events"] = .array(events.map {
            .object(["kind": .string($0.kind.rawValue), "at": .string(OperatorTimeFormat.json($0.at)), "detail": .optional($0.detail)])
        })
        object["survey"] = surveyJSON()
        return .object(object)
    }

    private func surveyJSON() -> JSONNode {
        let surveys = outbox.filter { $0.kind == .survey }
        guard let latest = surveys.last else { return answers.isEmpty ? .null : .object(["queued_at": .null, "status": .null, "sent_at": .null, "answers": answersJSON()]) }
        return .object([
            "queued_at": .string(OperatorTimeFormat.json(latest.createdAt)),
            "status": .string(latest.status.rawValue),
            "sent_at": OperatorTimeFormat.json(latest.sentAt),
            "answers": answersJSON(),
        ])
    }

    private func answersJSON() -> JSONNode {
        .array(answers.map {
            .object(["rating": .int($0.rating), "comment": .optional($0.comment), "answered_at": .string(OperatorTimeFormat.json($0.answeredAt))])
        })
    }

    /// The terminal text: a header block, the mails, the timing log and the survey.
    public func text(format: OperatorTimeFormat, now: Date) -> String {
        let ticket = summary.ticket
        var out = "Ticket #\(ticket.id.rawValue)  \(ticket.status.rawValue)  \(ticket.priority.code) (\(ticket.priority.name))  plan \(ticket.plan.rawValue)\n"
        out += "  Subject:    \(ticket.subject)\n"
        out += "  Customer:   \(ticket.customerName.map { "\($0) <\(ticket.customer)>" } ?? ticket.customer)"
        out += ticket.replyAddress.lowercased() == ticket.customer.lowercased() ? "\n" : "  (replies to \(ticket.replyAddress))\n"
        out += "  Language:   \(ticket.language)\n"
        if !ticket.reasons.isEmpty { out += "  Reasons:    \(ticket.reasons.joined(separator: ", "))\n" }
        out += "  Received:   \(format.terminal(ticket.receivedAt))\n"
        out += "  Target:     \(OperatorTimeFormat.duration(ticket.targetSeconds)) (due \(format.terminal(ticket.dueAt)))\n"
        out += "  Response:   \(TicketListView.responseCell(ticket, now: now))"
        out += ticket.acknowledgedAt.map { " — acknowledged \(format.terminal($0))\n" } ?? "\n"
        if let at = ticket.agentResponseAt {
            out += "  First human response: \(OperatorTimeFormat.duration(ticket.agentResponseSeconds)) by \(ticket.agent ?? "?") at \(format.terminal(at))\n"
        }
        if let resolved = ticket.resolvedAt {
            out += "  Resolved:   \(format.terminal(resolved))" + (ticket.resolutionComment.map { " — \($0)" } ?? "") + "\n"
        }

        out += "\nMessages (\(messages.count)):\n"
        var table = TextTable([.init("WHEN", maxWidth: 30), .init("DIR"), .init("KIND"), .init("ADDRESS", maxWidth: 30),
                               .init("SUBJECT", maxWidth: 50), .init("SIZE", alignRight: true)])
        for message in messages {
            table.append([format.terminal(message.internalDate ?? message.recordedAt), message.direction == .incoming ? "in" : "out",
                          message.kind.rawValue, message.sender ?? "—", message.subject, "\(message.size)"])
        }
        out += messages.isEmpty ? "  none\n" : indent(table.render())

        out += "\nTiming log:\n"
        var log = TextTable([.init("WHEN", maxWidth: 30), .init("EVENT"), .init("DETAIL", maxWidth: 60)])
        for event in events { log.append([format.terminal(event.at), event.kind.rawValue, event.detail ?? ""]) }
        out += events.isEmpty ? "  none\n" : indent(log.render())

        out += "\nSurvey:\n"
        if let survey = outbox.last(where: { $0.kind == .survey }) {
            out += "  queued \(format.terminal(survey.createdAt)), \(survey.status.rawValue)"
            out += survey.sentAt.map { " \(format.terminal($0))" } ?? ""
            out += survey.status == .pending ? " (not before \(format.terminal(survey.nextAttemptAt)))" : ""
            out += "\n"
        } else {
            out += "  none sent\n"
        }
        for (index, answer) in answers.enumerated() {
            let mark = index == answers.count - 1 ? "rating" : "earlier"
            out += "  \(mark) \(answer.rating)/5 at \(format.terminal(answer.answeredAt))" + (answer.comment.map { ": \"\($0)\"" } ?? "") + "\n"
        }
        return out
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}

import Foundation
import MailCore
import Tickets
import TicketStore

/// Renders an outbox row into the bytes we submit: the acknowledgement or the survey, in the
/// customer's language, from the Mustache templates, with the threading and anti-loop headers
/// (`Auto-Submitted`, `X-Auto-Response-Suppress: All`) and our Message-ID fixed at queue time.
struct OutgoingMailComposer: Sendable {
    /// The finished mail.
    struct Composed: Sendable {
        var raw: [UInt8]
        var subject: String
    }

    func compose(_ item: OutboxItem, ticket: StoredTicket, settings: IntakeSettings, date: Date) -> Composed {
        let tag = settings.tag.render(ticket.id)
        let language = item.language
        var context: [String: Any] = [
            "ticket_number": String(ticket.id.rawValue),
            "ticket_tag": tag,
            "subject": ticket.subject.isEmpty ? "—" : ticket.subject,
            "priority_code": ticket.priority.code,
            "priority_name": MailWording.priorityName(ticket.priority, language: language),
            "plan_name": ticket.plan.rawValue,
            "target_words": MailWording.duration(seconds: ticket.targetSeconds, language: language),
            "target_seconds": ticket.targetSeconds,
            "reference_token": ThreadToken.render(ticket.id),
            "support_address": settings.from.address,
        ]
        if let name = ticket.customerName, !name.isEmpty { context["customer_name"] = name }
        let subject: String
        let autoSubmitted: String
        switch item.kind {
        case .ack:
            subject = Self.taggedSubject(ticket.subject, tag: tag)
            autoSubmitted = "auto-replied"
        case .survey:
            context["rating_links"] = (1...5).reversed().map { rating -> [String: Any] in
                let subject = SurveySubject.render(ticket.id, rating: rating, tag: settings.tag)
                return ["rating": rating, "mailto": "mailto:\(settings.from.address)?subject=\(Self.percentEncode(subject))"]
            }
            subject = "\(tag) " + Self.surveyTitle(language) + (ticket.subject.isEmpty ? "" : " - \(ticket.subject)")
            autoSubmitted = "auto-generated"
        }
        let body = settings.templates.render(item.kind == .ack ? .ack : .survey, language: language, context: context)
        let message = OutgoingMessage(
            from: settings.from, to: [EmailAddress(name: item.recipientName, address: item.recipient)], subject: subject,
            date: date, messageID: item.messageID, inReplyTo: item.inReplyTo, references: item.references,
            extraHeaders: [("Auto-Submitted", autoSubmitted), ("X-Auto-Response-Suppress", "All"), ("Content-Language", language)],
            textBody: body.text, htmlBody: body.html)
        return Composed(raw: MessageWriter.render(message), subject: subject)
    }

    /// `[#123] ` + the subject, without doubling a tag already there.
    static func taggedSubject(_ subject: String, tag: String) -> String {
        if subject.contains(tag) { return subject }
        return subject.isEmpty ? tag : "\(tag) \(subject)"
    }

    private static func surveyTitle(_ language: String) -> String {
        switch language {
        case "en": "How did we do?"
        case "es": "¿Cómo fue nuestra atención?"
        default: "Como foi nosso atendimento?"
        }
    }

    private static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

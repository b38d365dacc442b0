import Foundation
import Logging
import MailCore
import MailTransport
import Tickets
import TicketStore

/// Turns one fetched mail into its stored outcome: quarantine (too large, unparseable, no usable
/// sender), a bounce or other automated mail kept without an acknowledgement, our own mail, an
/// agent's reply, a survey answer, a follow-up (reopening a resolved ticket), or a new ticket with
/// its acknowledgement queued. One store transaction per mail, then one log line.
struct IntakeProcessor: Sendable {
    /// What happened to one mail, for the caller's bookkeeping.
    enum Result: Sendable, Equatable {
        /// Stored; `queuedOutbox` when an acknowledgement was queued.
        case stored(IntakeOutcome, queuedOutbox: Bool)
        /// Quarantined; `onServerOnly` when its bytes could not be kept (too large to fetch).
        case quarantined(QuarantineItem.Reason, onServerOnly: Bool)
    }

    let store: TicketStore
    let settings: ReloadableSettings
    let intake: SupportIntakeConfiguration.Intake
    let clock: any DaemonClock
    let logger: Logger

    /// Processes one fetched mail from `location`. `acknowledgeOnlyAfter` is the cursor's backfill
    /// bound (mail received earlier is imported without an acknowledgement).
    func process(_ fetched: FetchedMessage, location: MailLocation, acknowledgeOnlyAfter: Date?) throws(StoreError) -> Result {
        var logger = logger
        logger[metadataKey: "mail.uid"] = "\(location.uid)"
        logger[metadataKey: "mail.mailbox"] = "\(location.mailbox)"
        let now = clock.now()

        if fetched.raw.isEmpty || fetched.raw.count > intake.maxMessageBytes {
            let detail = "size \(max(fetched.size, fetched.raw.count)) bytes over intake.max_message_bytes \(intake.maxMessageBytes)"
            if fetched.raw.isEmpty && fetched.size <= intake.maxMessageBytes {
                return try quarantine(fetched, location, .invalid, "server returned no bytes", now, logger)
            }
            return try quarantine(fetched, location, .tooLarge, detail, now, logger)
        }
        let message: Message
        do {
            message = try MessageParser(limits: ParseLimits(maxMessageBytes: intake.maxMessageBytes)).parse(fetched.raw)
        } catch {
            return try quarantine(fetched, location, .unparseable, String(describing: error), now, logger)
        }
        let settings = settings.snapshot
        let sender = message.from.map { $0.normalized }
        if let messageID = message.messageID { logger[metadataKey: "mail.message_id"] = "\(messageID)" }

        let match = try threadMatch(message, settings)
        let fromAddress = sender?.lowercased()
        let disposition: IntakeRecord.Disposition
        var event = ""
        var skipReason: String?
        var newTicket: NewTicket?
        if message.automation.isBounce {
            var ticket: TicketID?
            if let bounced = message.bouncedMessageID { ticket = try store.ticket(forMessageID: bounced) }
            ticket = ticket ?? match?.ticketID
            disposition = .bounce(ticket, reason: message.automation.reason ?? "delivery-status-report")
            event = "automated_skipped"
        } else if message.automation.isAutomated {
            disposition = .automated(match?.ticketID, reason: message.automation.reason ?? "automated")
            event = "automated_skipped"
        } else if let fromAddress, settings.ownAddresses.contains(fromAddress) {
            disposition = .ownMail(match?.ticketID)
            event = "own_mail_skipped"
        } else if let fromAddress, settings.agents.contains(fromAddress) {
            if let match {
                disposition = .agentResponse(match.ticketID, agent: fromAddress)
                event = "agent_response"
            } else {
                disposition = .ownMail(nil)
                event = "agent_mail_unthreaded"
            }
        } else if let match {
            if match.answersSurvey {
                let answer = SurveyAnswerReader(tag: settings.tag).read(subject: message.subject, newText: message.newText)
                disposition = .surveyAnswer(match.ticketID, rating: answer.rating, comment: answer.comment)
                logger[metadataKey: "survey.rating"] = "\(answer.rating.map(String.init) ?? "none")"
                event = "survey_answered"
            } else {
                let status = try store.ticket(id: match.ticketID)?.status
                disposition = .followUp(match.ticketID, reopen: status == .resolved)
                event = "followup_added"
            }
            logger[metadataKey: "thread.by"] = "\(match.evidence.rawValue)"
        } else {
            guard let from = message.from, Self.isUsable(from.address) else {
                return try quarantine(fetched, location, .noSender, "no usable From address", now, logger)
            }
            // Never acknowledge to one of our own addresses (a Reply-To pointing back at us would loop).
            let reply = message.replyTo.first(where: {
                Self.isUsable($0.address) && !settings.ownAddresses.contains($0.normalized.lowercased())
            }) ?? from
            let ticket = classify(message, from: from, reply: reply, settings)
            newTicket = ticket
            var acknowledgement: OutgoingMailRequest?
            if message.automation.suppressAutoReply {
                skipReason = "auto_response_suppressed"
            } else if let bound = acknowledgeOnlyAfter, fetched.internalDate < bound {
                skipReason = "backfill_too_old"
            } else if try store.ackCount(recipient: reply.address, since: now.addingTimeInterval(-TimeInterval(intake.ackCapWindowSeconds))) >= intake.ackCapCount {
                skipReason = "ack_cap"
            } else {
                let domain = settings.from.address.split(separator: "@").last.map(String.init) ?? "localhost"
                var references = message.references
                if let id = message.messageID, !references.contains(id) { references.append(id) }
                acknowledgement = OutgoingMailRequest(
                    recipient: reply.address, recipientName: reply.name, messageID: MessageID.generate(domain: domain),
                    inReplyTo: message.messageID, references: references, language: ticket.language, notBefore: now)
            }
            disposition = .newTicket(ticket, acknowledgement: acknowledgement, skipReason: skipReason)
            event = "ticket_created"
        }

        let record = IntakeRecord(location: location, internalDate: fetched.internalDate, raw: fetched.raw,
                                  messageID: message.messageID, sender: sender, subject: message.subject,
                                  disposition: disposition, recordedAt: now)
        let outcome = try store.recordIntake(record)
        log(outcome, event: event, disposition: disposition, ticket: newTicket, skipReason: skipReason,
            automation: message.automation, logger: logger)
        if case .ticketCreated(_, let outbox) = outcome { return .stored(outcome, queuedOutbox: outbox != nil) }
        return .stored(outcome, queuedOutbox: false)
    }

    private func threadMatch(_ message: Message, _ settings: IntakeSettings) throws(StoreError) -> ThreadMatch? {
        let store = store
        do {
            return try ThreadResolver(tag: settings.tag).resolve(
                message,
                lookup: { id in
                    guard let known = try store.knownMessage(messageID: id), let ticket = known.ticketID else { return nil }
                    return ReferencedMessage(ticketID: ticket, isSurvey: known.kind == .survey)
                },
                ticketExists: { id in try store.ticket(id: id) != nil })
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "\(error)")
        }
    }

    private func classify(_ message: Message, from: EmailAddress, reply: EmailAddress, _ settings: IntakeSettings) -> NewTicket {
        let body = message.newText.isEmpty ? message.text : message.newText
        let classification = settings.classifier.classify(subject: message.subject, body: body)
        let language = LanguageDetector().detect(message.subject + "\n" + body)?.rawValue ?? settings.defaultLanguage
        let plan = settings.plans.plan(for: from.normalized)
        let target = settings.targets.seconds(plan: plan, priority: classification.priority)
        return NewTicket(customer: from.normalized, customerName: from.name, replyAddress: reply.address, plan: plan,
                         priority: classification.priority, reasons: classification.reasons.map { String(describing: $0) },
                         subject: message.subject, language: language, targetSeconds: max(1, target))
    }

    private func quarantine(_ fetched: FetchedMessage, _ location: MailLocation, _ reason: QuarantineItem.Reason,
                            _ detail: String, _ now: Date, _ logger: Logger) throws(StoreError) -> Result {
        let keep = fetched.raw
        let id = try store.recordQuarantine(location, reason: reason, detail: String(detail.prefix(500)), raw: keep,
                                            size: max(fetched.size, fetched.raw.count), internalDate: fetched.internalDate, at: now)
        logger.warning("quarantined", metadata: [
            "quarantine.id": "\(id)", "reason": "\(reason.rawValue)", "detail": "\(detail.prefix(200))",
            "mail.size": "\(max(fetched.size, fetched.raw.count))",
        ])
        return .quarantined(reason, onServerOnly: keep.isEmpty)
    }

    private func log(_ outcome: IntakeOutcome, event: String, disposition: IntakeRecord.Disposition, ticket: NewTicket?,
                     skipReason: String?, automation: Automation, logger: Logger) {
        var metadata: Logger.Metadata = [:]
        switch outcome {
        case .duplicate(let id):
            if let id { metadata["ticket.id"] = "\(id.rawValue)" }
            logger.info("duplicate_skipped", metadata: metadata)
            return
        case let .ticketCreated(id, _):
            metadata["ticket.id"] = "\(id.rawValue)"
            if let ticket {
                metadata["ticket.priority"] = "\(ticket.priority.code)"
                metadata["ticket.plan"] = "\(ticket.plan.rawValue)"
                metadata["ticket.language"] = "\(ticket.language)"
                metadata["sla.target_s"] = "\(ticket.targetSeconds)"
                if !ticket.reasons.isEmpty { metadata["ticket.reasons"] = "\(ticket.reasons.joined(separator: ","))" }
            }
            if let skipReason { metadata["ack.skipped"] = "\(skipReason)" }
            logger.info("ticket_created", metadata: metadata)
            if skipReason == "ack_cap" {
                logger.warning("ack_capped", metadata: ["ticket.id": "\(id.rawValue)",
                                                         "ack.cap": "\(intake.ackCapCount)/\(intake.ackCapWindowSeconds)s"])
            }
        case let .addedToTicket(id, reopened):
            metadata["ticket.id"] = "\(id.rawValue)"
            if event == "automated_skipped" { metadata["reason"] = "\(automation.reason ?? "automated")" }
            logger.info("\(event)", metadata: metadata)
            if reopened {
                logger.notice("ticket_reopened", metadata: ["ticket.id": "\(id.rawValue)", "reason": "customer reply"])
            }
        case .keptWithoutTicket:
            if event == "automated_skipped" { metadata["reason"] = "\(automation.reason ?? "automated")" }
            logger.info("\(event)", metadata: metadata)
        }
    }

    static func isUsable(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
            && address.count <= 254
    }
}

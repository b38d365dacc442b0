import Foundation
import MailCore
import Tickets
import TicketStore

/// A fresh store in a temporary folder, with helpers that write tickets at chosen instants
/// through the store's real intake and outbox methods (the same path the daemon takes).
final class OperatorStoreFixture {
    let directory: URL
    let store: TicketStore
    private var nextUID: UInt32 = 1

    /// 2026-11-01T00:00:00Z.
    static let t0 = Date(timeIntervalSince1970: 1_793_491_200)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("operator-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try TicketStore(path: directory.appendingPathComponent("tickets.sqlite").path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A new ticket received at `receivedAt` (INTERNALDATE), with its acknowledgement queued
    /// (`acknowledged` nil) or accepted by the MTA after `acknowledgedAfter` seconds.
    @discardableResult
    func ticket(plan: Plan, priority: Priority, target: Int, receivedAt: Date, customer: String, subject: String = "Help",
                language: String = "pt", acknowledgedAfter: Int? = nil, skipAck: String? = nil) throws -> TicketID {
        let uid = nextUID
        nextUID += 1
        let messageID = MessageID("m\(uid)@customer.test")
        let raw = Array("From: \(customer)\r\nTo: support@example.test\r\nSubject: \(subject)\r\nMessage-ID: <\(messageID.rawValue)>\r\n\r\nbody \(uid)\r\n".utf8)
        let ack = skipAck == nil
            ? OutgoingMailRequest(recipient: customer, messageID: MessageID("ack\(uid)@example.test"), inReplyTo: messageID,
                                  references: [messageID], language: language, notBefore: receivedAt)
            : nil
        let record = IntakeRecord(
            location: MailLocation(mailbox: MailboxName("INBOX"), uidValidity: UIDValidity(7), uid: UID(uid)), internalDate: receivedAt, raw: raw,
            messageID: messageID, sender: customer, subject: subject,
            disposition: .newTicket(NewTicket(customer: customer, customerName: "Customer \(uid)", replyAddress: customer, plan: plan,
                                              priority: priority, reasons: ["test"], subject: subject, language: language,
                                              targetSeconds: target),
                                    acknowledgement: ack, skipReason: skipAck),
            recordedAt: receivedAt)
        guard case let .ticketCreated(id, outbox) = try store.recordIntake(record) else { throw FixtureError("no ticket created") }
        if let seconds = acknowledgedAfter, let outbox {
            _ = try store.markSent(outbox, at: receivedAt.addingTimeInterval(TimeInterval(seconds)), raw: Array("ack".utf8),
                                   subject: "[#\(id.rawValue)] \(subject)", smtpReply: 250)
        }
        return id
    }

    /// Marks the ticket's pending survey sent at `at`.
    func sendSurvey(of id: TicketID, at: Date) throws {
        guard let survey = try store.outboxItems(ticketID: id).last(where: { $0.kind == .survey }) else { throw FixtureError("no survey queued") }
        _ = try store.markSent(survey.id, at: at, raw: Array("survey".utf8), subject: "[#\(id.rawValue)] survey", smtpReply: 250)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

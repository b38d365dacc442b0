import Foundation
import MailCore
import Tickets
@testable import TicketStore

/// A store in a fresh temporary folder (the folder does not exist yet: opening creates it).
struct TemporaryStore {
    let directory: URL
    let store: TicketStore
    let path: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        path = directory.appendingPathComponent("nested/tickets.sqlite").path
        store = try TicketStore(path: path)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

let t0 = Date(timeIntervalSince1970: 1_790_000_000)

func location(_ uid: UInt32, validity: UInt32 = 7) -> MailLocation {
    MailLocation(mailbox: .inbox, uidValidity: UIDValidity(validity), uid: UID(uid))
}

func newTicketRecord(uid: UInt32, messageID: String? = nil, customer: String = "ana@acme.test", priority: Priority = .p1,
                     plan: Plan = .pro, target: Int = 3600, receivedAt: Date = t0, ack: Bool = true, validity: UInt32 = 7,
                     raw: [UInt8]? = nil) -> IntakeRecord {
    let ticket = NewTicket(customer: customer, customerName: "Ana", replyAddress: customer, plan: plan, priority: priority,
                           reasons: ["keyword:fora do ar"], subject: "Fora do ar \(uid)", language: "pt", targetSeconds: target)
    let request = ack ? OutgoingMailRequest(recipient: customer, messageID: MessageID("ack-\(uid)-\(validity)@support.test"),
                                            inReplyTo: messageID.map { MessageID($0) }, language: "pt", notBefore: receivedAt) : nil
    return IntakeRecord(location: location(uid, validity: validity), internalDate: receivedAt,
                        raw: raw ?? Array("Subject: \(uid)\r\n\r\nbody \(uid)\r\n".utf8),
                        messageID: messageID.map { MessageID($0) }, sender: customer, subject: "Fora do ar \(uid)",
                        disposition: .newTicket(ticket, acknowledgement: request, skipReason: ack ? nil : "backfill_too_old"),
                        recordedAt: receivedAt.addingTimeInterval(1))
}

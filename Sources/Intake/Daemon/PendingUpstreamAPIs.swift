// TEMPORARY — deleted when the mailcore, classifier, transport and cli branches land in main.
// Minimal internal stand-ins with the names those branches publish, so that the daemon compiles and
// its unit tests run before they merge. Nothing here is final; the real types shadow nothing (these
// are internal, and this file goes away in the merge that brings the real ones).
import Foundation
import MailCore
import MailTransport
import Tickets

struct ParserLimits: Sendable {
    var maxMessageBytes: Int
    static let standard = ParserLimits(maxMessageBytes: 25 * 1024 * 1024)
}

struct MailParseError: Error, Sendable, CustomStringConvertible {
    var description: String
}

/// Stand-in for MailCore's `MessageParser`: headers (unfolded, no RFC 2047), addresses, ids,
/// automation headers, the text body after the blank line.
struct MessageParser: Sendable {
    var limits: ParserLimits
    init(limits: ParserLimits) { self.limits = limits }

    func parse(_ raw: [UInt8]) throws(MailParseError) -> Message {
        guard raw.count <= limits.maxMessageBytes else { throw MailParseError(description: "message too large") }
        let text = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = text.range(of: "\n\n") else { throw MailParseError(description: "no header/body separator") }
        var headers: [(name: String, value: String)] = []
        for line in text[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            } else {
                throw MailParseError(description: "malformed header line")
            }
        }
        guard !headers.isEmpty else { throw MailParseError(description: "no header fields") }
        func value(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        func ids(_ string: String?) -> [MessageID] {
            guard let string else { return [] }
            var out: [MessageID] = []
            var rest = Substring(string)
            while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
                out.append(MessageID(String(rest[rest.index(after: open)..<close])))
                rest = rest[rest.index(after: close)...]
            }
            return out
        }
        func addresses(_ string: String?) -> [EmailAddress] {
            guard let string else { return [] }
            return string.split(separator: ",").compactMap { part in
                let part = part.trimmingCharacters(in: .whitespaces)
                if let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close {
                    let name = part[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
                    let address = String(part[part.index(after: open)..<close])
                    return address.contains("@") ? EmailAddress(name: name.isEmpty ? nil : name, address: address) : nil
                }
                return part.contains("@") ? EmailAddress(address: part) : nil
            }
        }
        let body = String(text[split.upperBound...])
        var automation = Automation()
        let autoSubmitted = value("auto-submitted")?.lowercased()
        let precedence = value("precedence")?.lowercased()
        let from = addresses(value("from")).first
        let contentType = value("content-type")?.lowercased() ?? ""
        if contentType.contains("multipart/report") && contentType.contains("delivery-status") {
            automation = Automation(isAutomated: true, reason: "delivery-status-report", isBounce: true)
        } else if let autoSubmitted, autoSubmitted != "no" {
            automation = Automation(isAutomated: true, reason: "auto-submitted:\(autoSubmitted)")
        } else if let precedence, ["bulk", "junk", "list", "auto_reply"].contains(precedence) {
            automation = Automation(isAutomated: true, reason: "precedence:\(precedence)")
        } else if value("list-id") != nil {
            automation = Automation(isAutomated: true, reason: "list-id")
        } else if value("return-path") == "<>" {
            automation = Automation(isAutomated: true, reason: "null-return-path")
        } else if from?.address.lowercased().hasPrefix("mailer-daemon@") == true {
            automation = Automation(isAutomated: true, reason: "mailer-daemon", isBounce: true)
        }
        automation.suppressAutoReply = value("x-auto-response-suppress") != nil
        var bounced: MessageID?
        if automation.isBounce, let range = body.range(of: "Message-ID:", options: .caseInsensitive) {
            bounced = ids(String(body[range.upperBound...].prefix(while: { $0 != "\n" }))).first
        }
        let newText = body.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.hasPrefix(">") && !($0.hasPrefix("On ") && $0.hasSuffix("wrote:")) }
            .joined(separator: "\n")
        return Message(
            messageID: ids(value("message-id")).first, date: nil, from: from, replyTo: addresses(value("reply-to")),
            to: addresses(value("to")), cc: addresses(value("cc")), subject: value("subject") ?? "",
            inReplyTo: ids(value("in-reply-to")), references: ids(value("references")), textBody: body, htmlBody: nil,
            text: body, newText: newText, attachments: [], automation: automation, bouncedMessageID: bounced, headers: headers)
    }
}

/// Stand-in for MailCore's `OutgoingMessage`.
struct OutgoingMessage: Sendable {
    var from: EmailAddress
    var to: [EmailAddress]
    var subject: String
    var date: Date
    var messageID: MessageID
    var inReplyTo: [MessageID] = []
    var references: [MessageID] = []
    var extraHeaders: [(name: String, value: String)] = []
    var textBody: String
    var htmlBody: String?
}

/// Stand-in for MailCore's `MessageWriter`.
enum MessageWriter {
    static func render(_ message: OutgoingMessage) -> [UInt8] {
        var lines = ["From: \(message.from)", "To: \(message.to.map(\.description).joined(separator: ", "))",
                     "Subject: \(message.subject)", "Date: \(message.date)", "Message-ID: \(message.messageID)"]
        if !message.inReplyTo.isEmpty { lines.append("In-Reply-To: " + message.inReplyTo.map(\.description).joined(separator: " ")) }
        if !message.references.isEmpty { lines.append("References: " + message.references.map(\.description).joined(separator: " ")) }
        lines += message.extraHeaders.map { "\($0.name): \($0.value)" }
        lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", message.textBody]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}

extension MessageID {
    static func generate(domain: String) -> MessageID {
        MessageID("\(UUID().uuidString.lowercased())@\(domain)")
    }
}

enum Language: String, Sendable { case pt, en, es }

struct LanguageDetector: Sendable {
    func detect(_ text: String) -> Language? {
        let lower = text.lowercased()
        if lower.contains(" the ") || lower.contains("hello") || lower.contains(" not ") { return .en }
        if lower.contains(" não ") || lower.contains("olá") || lower.contains(" está ") { return .pt }
        if lower.contains(" no funciona") || lower.contains("hola") || lower.contains(" está caído") { return .es }
        return nil
    }
}

struct Classification: Sendable {
    var priority: Priority
    var reasons: [String]
}

struct ClassifierRules: Sendable {
    static func builtIn() -> ClassifierRules { ClassifierRules() }
    static func load(yaml: String, source: String) throws -> ClassifierRules { ClassifierRules() }
}

struct Classifier: Sendable {
    var rules: ClassifierRules
    init(rules: ClassifierRules) { self.rules = rules }
    func classify(subject: String, body: String) -> Classification {
        let text = (subject + " " + body).lowercased()
        if text.contains("down") || text.contains("fora do ar") || text.contains("caído") { return Classification(priority: .p1, reasons: ["placeholder:down"]) }
        if text.contains("slow") || text.contains("lento") { return Classification(priority: .p2, reasons: ["placeholder:slow"]) }
        return Classification(priority: .p4, reasons: [])
    }
}

struct PlanDirectory: Sendable {
    var customers: [SupportIntakeConfiguration.CustomerRule]
    var defaultPlan: Plan
    func plan(for address: String) -> Plan {
        let lower = address.lowercased()
        if let exact = customers.first(where: { $0.match.lowercased() == lower }) { return exact.plan }
        if let domain = customers.first(where: { $0.match.hasPrefix("@") && lower.hasSuffix($0.match.lowercased()) }) { return domain.plan }
        return defaultPlan
    }
}

struct ResponseTargets: Sendable {
    var overrides: [Plan: [Priority: Int]]
    func seconds(plan: Plan, priority: Priority) -> Int {
        if let value = overrides[plan]?[priority] { return value }
        if plan == .free { return 86_400 }
        switch priority {
        case .p1: return 3600
        case .p2: return 4 * 3600
        case .p3, .p4: return 86_400
        }
    }
}

/// Stand-ins for the transport's libcurl clients: they fail with a configuration error.
struct CurlIMAPClient: MailboxClient {
    init(configuration: SupportIntakeConfiguration.Server) {}
    func status() async throws(TransportError) -> MailboxStatus { throw TransportError(.configuration, "IMAP transport not built yet") }
    func uids(after cursor: UID, expecting validity: UIDValidity) async throws(TransportError) -> [UID] { [] }
    func fetch(_ uids: [UID], expecting validity: UIDValidity, maxBytes: Int) async throws(TransportError) -> [FetchedMessage] { [] }
    func addFlag(_ flag: String, to uid: UID, expecting validity: UIDValidity) async throws(TransportError) {}
    func move(_ uid: UID, to folder: MailboxName, expecting validity: UIDValidity) async throws(TransportError) {}
    func waitForChange(timeout: Duration) async throws(TransportError) -> Bool { false }
    func close() async {}
}

struct CurlSMTPSender: MailSender {
    init(configuration: SupportIntakeConfiguration.Server) {}
    func send(_ message: [UInt8], envelope: Envelope) async throws(TransportError) -> SendResult {
        throw TransportError(.configuration, "SMTP transport not built yet")
    }
    func close() async {}
}

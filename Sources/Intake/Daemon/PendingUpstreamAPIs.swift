// TEMPORARY — deleted when MailCore's writer and the classifier branch land in main.
// Minimal internal stand-ins with the names those branches publish, so that the daemon compiles and
// its unit tests run before they merge. Nothing here is final; the real types shadow nothing (these
// are internal, and this file goes away in the merge that brings the real ones).
import Foundation
import MailCore
import MailTransport
import Tickets

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

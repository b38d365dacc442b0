import Foundation
import MailCore
import Tickets

/// The reloadable part of the configuration, resolved into working objects: the classifier with
/// its rules, the plan directory and response targets, the mail templates, the ticket tag and the
/// address sets. Built whole or not at all, so a bad reload leaves the running set untouched.
struct IntakeSettings: Sendable {
    var classifier: Classifier
    var plans: PlanDirectory
    var targets: ResponseTargets
    var templates: MailTemplates
    var tag: TicketTag
    var defaultLanguage: String
    /// `smtp.from` and `intake.own_addresses`, normalized.
    var ownAddresses: Set<String>
    /// `agents`, normalized.
    var agents: Set<String>
    var from: EmailAddress
    var satisfaction: SupportIntakeConfiguration.Satisfaction

    /// Builds the settings from a configuration, reading the rules file and the templates folder.
    static func load(_ configuration: SupportIntakeConfiguration) throws(SettingsError) -> IntakeSettings {
        let rules: ClassifierRules
        if let path = configuration.rulesFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SettingsError("classifier.rules_file \(path) cannot be read")
            }
            do {
                rules = try ClassifierRules.load(yaml: String(decoding: data, as: UTF8.self), source: path)
            } catch {
                throw SettingsError("classifier.rules_file \(path): \(error)")
            }
        } else {
            do {
                rules = try ClassifierRules.loadBuiltIn()
            } catch {
                throw SettingsError("classifier: \(error)")
            }
        }
        let templates: MailTemplates
        do {
            templates = try MailTemplates(directory: configuration.templates.directory)
        } catch {
            throw SettingsError("templates: \(error)")
        }
        guard let tag = TicketTag(format: configuration.intake.ticketTag) else {
            throw SettingsError("intake.ticket_tag \"\(configuration.intake.ticketTag)\" must contain {id} once, after some text")
        }
        guard MailWording.languages.contains(configuration.templates.defaultLanguage) else {
            throw SettingsError("templates.default_language must be one of pt, en, es")
        }
        let own = Set(([configuration.from.address] + configuration.intake.ownAddresses).map { EmailAddress(address: $0).normalized.lowercased() })
        return IntakeSettings(
            classifier: Classifier(rules: rules),
            plans: PlanDirectory(customers: configuration.plans.customers.map { (match: $0.match, plan: $0.plan) }, defaultPlan: configuration.plans.defaultPlan),
            targets: ResponseTargets(overrides: configuration.plans.targetOverrides),
            templates: templates, tag: tag, defaultLanguage: configuration.templates.defaultLanguage,
            ownAddresses: own, agents: Set(configuration.agents.map { EmailAddress(address: $0).normalized.lowercased() }),
            from: configuration.from, satisfaction: configuration.satisfaction)
    }
}

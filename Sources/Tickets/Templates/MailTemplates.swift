import Foundation
import Mustache

/// The Mustache templates of our mails (swift-mustache): `ack` and `survey`, each as
/// `{lang}/{name}.txt.mustache` and `{lang}/{name}.html.mustache` for `pt`, `en` and `es`.
/// Built-in copies ship in the module's resources; a `templates.dir` folder with the same layout
/// overrides any of them. Loading parses every template, so a broken file is reported at start
/// (or at SIGHUP, where the old set is kept) and never at send time.
public struct MailTemplates: Sendable {
    /// Which mail.
    public enum Name: String, Sendable, CaseIterable {
        /// The acknowledgement of a new ticket.
        case ack
        /// The satisfaction survey.
        case survey
    }

    private let templates: [String: MustacheTemplate]
    /// Where each template came from (`built-in` or a path), for the log.
    public let sources: [String: String]

    /// Loads the built-in templates, then the overrides found in `directory` (when given).
    public init(directory: String?) throws(TemplateError) {
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: String] = [:]
        let builtIn = Self.builtInDirectory()
        for language in MailWording.languages {
            for name in Name.allCases {
                for format in ["txt", "html"] {
                    let key = Self.key(name, language, format)
                    let relative = "\(language)/\(name.rawValue).\(format).mustache"
                    var path = builtIn.map { $0 + "/" + relative }
                    var source = "built-in"
                    if let directory, FileManager.default.fileExists(atPath: directory + "/" + relative) {
                        path = directory + "/" + relative
                        source = directory + "/" + relative
                    }
                    guard let path, let data = FileManager.default.contents(atPath: path) else {
                        throw TemplateError(path: relative, reason: "template missing (built-in resources not found)")
                    }
                    guard let text = String(data: data, encoding: .utf8) else {
                        throw TemplateError(path: source, reason: "not valid UTF-8")
                    }
                    do {
                        templates[key] = try MustacheTemplate(string: text)
                    } catch {
                        throw TemplateError(path: source, reason: "Mustache syntax error: \(error)")
                    }
                    sources[key] = source
                }
            }
        }
        if let directory {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw TemplateError(path: directory, reason: "templates.dir is not a folder")
            }
        }
        self.templates = templates
        self.sources = sources
    }

    /// Renders the text and HTML bodies of `name` in `language` (falling back to `pt`) with
    /// `context` (a dictionary of strings, numbers, booleans, arrays and dictionaries).
    public func render(_ name: Name, language: String, context: [String: Any]) -> RenderedBody {
        let language = MailWording.languages.contains(language) ? language : "pt"
        let text = templates[Self.key(name, language, "txt")]?.render(context) ?? ""
        let html = templates[Self.key(name, language, "html")]?.render(context) ?? ""
        return RenderedBody(text: Self.trimLeadingBlankLines(text), html: Self.trimLeadingBlankLines(html))
    }

    private static func key(_ name: Name, _ language: String, _ format: String) -> String {
        "\(language)/\(name.rawValue).\(format)"
    }

    private static func trimLeadingBlankLines(_ text: String) -> String {
        String(text.drop(while: { $0 == "\n" || $0 == "\r" }))
    }

    /// Finds the built-in templates without `Bundle.module`, whose accessor aborts the process when
    /// the resource bundle is missing: next to the executable (`support-intake_Tickets.resources`,
    /// where `swift build` and the install script put it), in the shared data folders, and in the
    /// source tree (development and tests).
    private static func builtInDirectory() -> String? {
        var candidates: [String] = []
        let bundleName = "support-intake_Tickets.resources"
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName).path + "/Resources/templates")
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName).path + "/Resources/templates")
        }
        candidates.append("/usr/local/share/support-intake/templates")
        candidates.append("/usr/share/support-intake/templates")
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(source.appendingPathComponent("Resources/templates").path)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/pt/ack.txt.mustache") }
    }
}

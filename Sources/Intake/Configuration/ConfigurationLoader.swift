import Configuration
import Foundation
import MailCore
import Tickets

/// Loads and validates ``SupportIntakeConfiguration`` from its three sources, highest first:
///
/// 1. **Environment variables** `SUPPORT_INTAKE_<KEY>`: the dotted key upper-cased with dots and
///    other punctuation as `_` (swift-configuration's `EnvironmentVariablesProvider` convention under
///    the prefix `support_intake`): `imap.password` → `SUPPORT_INTAKE_IMAP_PASSWORD`,
///    `intake.ack_cap.count` → `SUPPORT_INTAKE_INTAKE_ACK_CAP_COUNT`. Lists are comma-separated.
///    An empty variable counts as unset. `plans.customers` can only be written in the file. An
///    unknown `SUPPORT_INTAKE_*` variable is an error (a typo would otherwise be ignored);
///    `SUPPORT_INTAKE_CONFIG` (the CLI's default `--config`) is allowed.
/// 2. **systemd credentials**: when `$CREDENTIALS_DIRECTORY` is set (`LoadCredential=`), the files
///    `imap.password`, `smtp.password` (the password) and `imap.oauth2_token`, `smtp.oauth2_token`
///    (an OAuth2 bearer token file) in it.
/// 3. **The YAML file** (`--config`, by default `/etc/support-intake/config.yaml`).
///
/// Secrets: for each server the first source above that sets any of `password`, `password_file`,
/// `oauth2_token_file` (or a credential) provides the secret; two of them in the same source is an
/// error. A password file's content is the password, without its trailing newline.
///
/// Every problem is a ``ConfigurationError`` naming the key, and never shows a secret's value.
public struct ConfigurationLoader {
    /// `/etc/support-intake/config.yaml`.
    public static let defaultPath = "/etc/support-intake/config.yaml"

    /// The largest configuration file read (1 MiB).
    static let maxConfigurationBytes = 1 << 20
    /// The largest secret file read (64 KiB).
    static let maxSecretBytes = 64 << 10

    /// Loads the configuration file at `path`, applies the environment and credentials, validates
    /// every key.
    /// - Parameters:
    ///   - path: The YAML file.
    ///   - environment: The process environment (a parameter so tests can pass their own).
    /// - Throws: ``ConfigurationError`` for the first problem found.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> SupportIntakeConfiguration {
        let bytes: [UInt8]
        switch LocalFile.contents(of: path, limit: maxConfigurationBytes) {
        case .success(let read): bytes = read
        case .failure(let failure):
            throw ConfigurationError(
                code: .unreadableFile, key: nil,
                problem: "cannot read the configuration file \(path): \(failure.reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError(code: .syntax, key: nil, problem: "\(path) is not UTF-8 text")
        }
        return try load(yaml: text, path: path, environment: environment)
    }

    /// Loads a configuration from YAML text (`path` is only used in messages).
    /// - Throws: ``ConfigurationError`` for the first problem found.
    public static func load(
        yaml: String, path: String, environment: [String: String]
    ) throws(ConfigurationError) -> SupportIntakeConfiguration {
        let snapshot: ConfigurationFileSnapshot
        do {
            snapshot = try ConfigurationFileSnapshot(yaml: yaml, providerName: path)
        } catch {
            var located = error
            located.origin = [path, error.origin].compactMap { $0 }.joined(separator: " ")
            throw located
        }
        let sources = try ConfigurationSources(path: path, file: snapshot, environment: environment)
        try ConfigurationSchema.validate(snapshot) { key in snapshot.line(of: key).map { "\(path) line \($0)" } }
        return try sources.configuration()
    }
}

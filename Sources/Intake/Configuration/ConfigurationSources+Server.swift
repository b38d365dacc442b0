import Foundation

extension ConfigurationSources {
    /// The source that provides one server's secret.
    private enum SecretSource {
        case password(String, key: String)
        case passwordFile(String, key: String)
        case tokenFile(String, key: String)
    }

    /// `imap.*` or `smtp.*`.
    func server(_ name: String) throws(ConfigurationError) -> SupportIntakeConfiguration.Server {
        let isIMAP = name == "imap"
        let urlKey = "\(name).url"
        let url = try required(urlKey)
        try checkURL(url, key: urlKey, schemes: isIMAP ? ["imaps", "imap"] : ["smtps", "smtp"])

        let username = string("\(name).username")
        let secret = try secretSource(name)
        if isIMAP, username == nil {
            throw error("\(name).username", "missing", code: .missing)
        }
        if username != nil, secret == nil {
            throw ConfigurationError(
                code: .missing, key: "\(name).password",
                problem: "missing: set \(name).password_file, \(name).password or \(name).oauth2_token_file, "
                    + "the environment variable \(ConfigurationSchema.environmentName(for: "\(name).password")) "
                    + "or the systemd credential \(name).password",
                origin: path)
        }
        if username == nil, secret != nil {
            throw error("\(name).username", "missing (a password or token is set for \(name))", code: .missing)
        }

        var server = SupportIntakeConfiguration.Server(url: url, username: username ?? "")
        switch secret {
        case .password(let password, _)?:
            server.password = password
        case .passwordFile(let file, let key)?:
            server.password = try readSecret(file, key: key)
        case .tokenFile(let file, let key)?:
            _ = try readSecret(file, key: key)
            server.oauth2TokenFile = file
        case nil:
            break
        }
        server.caFile = try readablePath("\(name).ca_file")
        server.allowInsecure = try bool("\(name).allow_insecure", default: false)
        server.connectTimeoutSeconds = try duration("\(name).connect_timeout_seconds", default: 15, in: 1...600)
        server.stallTimeoutSeconds = try duration("\(name).stall_timeout_seconds", default: 60, in: 1...3_600)
        return server
    }

    /// Checks a server URL without ever echoing it (it could hold a password in its user part).
    private func checkURL(_ url: String, key: String, schemes: [String]) throws(ConfigurationError) {
        let schemeList = schemes.joined(separator: " or ")
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw error(key, "not a URL; expected \(schemes[0])://host:port\(schemes[0].hasPrefix("imap") ? "/INBOX" : "")")
        }
        guard schemes.contains(scheme) else {
            throw error(key, "scheme must be \(schemeList)")
        }
        guard components.user == nil, components.password == nil else {
            throw error(key, "must not contain a user name or password; use \(key.prefix { $0 != "." }).username and password_file")
        }
        guard let host = components.host, !host.isEmpty else {
            throw error(key, "has no host name")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw error(key, "port must be between 1 and 65535")
        }
        if components.query != nil || components.fragment != nil {
            throw error(key, "must not have a query (?…) or fragment (#…)")
        }
    }

    /// Finds the one source of a server's secret: the environment, then systemd credentials, then the
    /// file; within one source, two of password, password_file and oauth2_token_file conflict.
    private func secretSource(_ name: String) throws(ConfigurationError) -> SecretSource? {
        let passwordKey = "\(name).password", fileKey = "\(name).password_file", tokenKey = "\(name).oauth2_token_file"

        // 1. The environment.
        var found: [SecretSource] = []
        if let value = environment[ConfigurationSchema.environmentName(for: passwordKey)] {
            found.append(.password(value, key: passwordKey))
        }
        if let value = environment[ConfigurationSchema.environmentName(for: fileKey)] {
            found.append(.passwordFile(value.trimmingSpaces(), key: fileKey))
        }
        if let value = environment[ConfigurationSchema.environmentName(for: tokenKey)] {
            found.append(.tokenFile(value.trimmingSpaces(), key: tokenKey))
        }
        if found.count > 1 {
            throw ConfigurationError(
                code: .conflict, key: name,
                problem: "set only one of \(ConfigurationSchema.environmentName(for: passwordKey)), "
                    + "\(ConfigurationSchema.environmentName(for: fileKey)) and \(ConfigurationSchema.environmentName(for: tokenKey))",
                origin: "environment")
        }
        if let source = found.first { return source }

        // 2. systemd credentials.
        if let directory = credentialsDirectory {
            let password = (directory as NSString).appendingPathComponent("\(name).password")
            let token = (directory as NSString).appendingPathComponent("\(name).oauth2_token")
            let hasPassword = LocalFile.exists(password), hasToken = LocalFile.exists(token)
            if hasPassword, hasToken {
                throw ConfigurationError(
                    code: .conflict, key: name,
                    problem: "both credentials \(name).password and \(name).oauth2_token are given; keep one",
                    origin: "CREDENTIALS_DIRECTORY")
            }
            if hasPassword { return .passwordFile(password, key: "credential \(name).password") }
            if hasToken { return .tokenFile(token, key: "credential \(name).oauth2_token") }
        }

        // 3. The file.
        let inFile = [passwordKey, fileKey, tokenKey].filter {
            if case .scalar(let value)? = file.entries[$0] { return !value.isEmpty }
            return false
        }
        if inFile.count > 1 {
            throw ConfigurationError(
                code: .conflict, key: name,
                problem: "set only one of \(inFile.map { String($0.split(separator: ".").last!) }.joined(separator: ", "))",
                origin: file.line(of: inFile[1]).map { "\(path) line \($0)" } ?? path)
        }
        guard let key = inFile.first, case .scalar(let value)? = file.entries[key] else { return nil }
        switch key {
        case passwordKey: return .password(value, key: key)
        case fileKey: return .passwordFile(value.trimmingSpaces(), key: key)
        default: return .tokenFile(value.trimmingSpaces(), key: key)
        }
    }

    /// Reads a secret file: its content without trailing line breaks, which must not be empty.
    /// Errors name the file, never its content.
    private func readSecret(_ secretPath: String, key: String) throws(ConfigurationError) -> String {
        let isCredential = key.hasPrefix("credential ")
        func failure(_ problem: String) -> ConfigurationError {
            isCredential
                ? ConfigurationError(code: .unreadableFile, key: key, problem: problem, origin: "CREDENTIALS_DIRECTORY")
                : error(key, problem, code: .unreadableFile)
        }
        switch LocalFile.contents(of: secretPath, limit: ConfigurationLoader.maxSecretBytes) {
        case .failure(let reason):
            throw failure("cannot read \(secretPath): \(reason.reason)")
        case .success(let bytes):
            var end = bytes.endIndex
            while end > bytes.startIndex, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
            guard end > bytes.startIndex else { throw failure("\(secretPath) is empty") }
            guard let text = String(validating: bytes[..<end], as: UTF8.self) else {
                throw failure("\(secretPath) is not UTF-8 text")
            }
            return text
        }
    }
}

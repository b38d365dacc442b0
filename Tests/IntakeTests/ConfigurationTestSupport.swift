import Foundation

/// A temporary directory for one test's files, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("support-intake-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file (creating parent folders) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, permissions: Int? = nil) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        if let permissions {
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: file)
        }
        return file
    }

    /// Creates a folder and returns its path.
    func makeDirectory(_ name: String) throws -> String {
        let folder = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Paths inside the package, found from this file's location.
enum PackagePaths {
    /// The package root (the folder with Package.swift).
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }
}

/// The smallest valid configuration, for tests that change one thing.
enum MinimalConfiguration {
    static let yaml = """
        imap:
          url: imaps://127.0.0.1:10993/INBOX
          username: support@example.test
          password: imap-secret-123
        smtp:
          url: smtp://127.0.0.1:10587
          username: support@example.test
          password: smtp-secret-456
          from: "Suporte <support@example.test>"

        """
}

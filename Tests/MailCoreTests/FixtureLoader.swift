import Foundation
import MailCore

/// Reads `.eml` fixtures bundled with the test target.
enum FixtureLoader {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return Array(try Data(contentsOf: url))
    }

    static func message(_ name: String, limits: ParseLimits = .default) throws -> Message {
        try MessageParser(limits: limits).parse(bytes(name))
    }

    /// All fixture file names.
    static func allNames() -> [String] {
        guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".eml") }.sorted()
    }
}

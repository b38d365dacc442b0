import Foundation

/// The generated corpus (Scripts/generate_corpus.py), read into memory once per benchmark process.
///
/// The folder is `$SUPPORT_INTAKE_CORPUS`, or `.build-bench/corpus` at the repository root. When it
/// holds no corpus yet, the generator is run (it is deterministic: same seed, same bytes).
enum Corpus {
    struct Entry: Decodable {
        var file: String
        var bytes: Int
        var html: Bool
        var html_only: Bool
        var attachments: [Attachment]
        struct Attachment: Decodable {
            var size: Int
        }
    }

    /// `Benchmarks/Benchmarks/MailCoreBenchmarks/Corpus.swift` → the repository root.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["SUPPORT_INTAKE_CORPUS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return repositoryRoot.appendingPathComponent(".build-bench/corpus")
    }()

    /// Every manifest entry, generating the corpus first when it is missing.
    static let entries: [Entry] = {
        let manifest = folder.appendingPathComponent("manifest.jsonl")
        if !FileManager.default.fileExists(atPath: manifest.path) {
            generate()
        }
        guard let data = FileManager.default.contents(atPath: manifest.path) else {
            fatalError("no corpus manifest at \(manifest.path)")
        }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).map { line in
            do {
                return try decoder.decode(Entry.self, from: Data(line))
            } catch {
                fatalError("bad manifest line in \(manifest.path): \(error)")
            }
        }
    }()

    /// The bytes of the entries that pass `filter`, in corpus order, at most `limit` of them.
    static func messages(limit: Int, where filter: (Entry) -> Bool = { _ in true }) -> [[UInt8]] {
        entries.lazy.filter(filter).prefix(limit).map { entry in
            let path = folder.appendingPathComponent(entry.file).path
            guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
            return [UInt8](data)
        }
    }

    private static func generate() {
        let script = repositoryRoot.appendingPathComponent("Benchmarks/Scripts/generate_corpus.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--out", folder.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            fatalError("cannot run \(script): \(error)")
        }
        guard process.terminationStatus == 0 else { fatalError("\(script) exited \(process.terminationStatus)") }
    }
}

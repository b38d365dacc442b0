// parse-corpus: MailCore's side of Scripts/compare_parsers.py.
//
//   parse-corpus --files LIST [--rounds N] [--dump OUT.jsonl]
//
// Reads every file named in LIST (one path per line) into memory, then, for N timed rounds, parses
// each with `MessageParser` and extracts the fields the Python peers extract: message id, sender
// name and address, subject, readable text (MailCore renders HTML itself when there is no
// text/plain part), and each attachment's filename, content type, decoded size and inline flag.
// Only that loop is timed, per round by wall clock and by the thread's CPU time (on a shared
// machine the CPU time leaves out the time spent waiting for the core), and per message by CPU
// time (each message's fastest round is kept, for a breakdown by kind of mail). Prints one JSON
// object: {"seconds": [...], "cpu_seconds": [...], "per_file_min_cpu_seconds": [...], "errors": N,
// "files": N, "bytes": N}. With --dump, writes what the
// last round extracted, one JSON object per file, in the order of LIST, for the correctness checks.

import Foundation
import MailCore

/// What every parser in the comparison extracts from one message.
struct Extracted: Encodable {
    struct File: Encodable {
        var filename: String?
        var content_type: String
        var size: Int
        var inline: Bool
    }
    var message_id: String?
    var from_name: String?
    var from_address: String?
    var subject: String
    var text: String
    var attachments: [File]

    init(_ message: Message) {
        message_id = message.messageID?.rawValue
        from_name = message.from?.name
        from_address = message.from?.address
        subject = message.subject
        text = message.text
        attachments = message.attachments.map {
            File(filename: $0.filename, content_type: $0.contentType, size: $0.size, inline: $0.isInline)
        }
    }
}

struct Failure: Encodable {
    var error: String
}

struct Summary: Encodable {
    var seconds: [Double]
    var cpu_seconds: [Double]
    var per_file_min_cpu_seconds: [Double]
    var errors: Int
    var files: Int
    var bytes: Int
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// CPU time consumed by the calling thread, in seconds.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data(("parse-corpus: " + text + "\n").utf8))
    exit(2)
}

var listPath: String?
var rounds = 5
var dumpPath: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--files": listPath = arguments.next()
    case "--rounds": rounds = arguments.next().flatMap { Int($0) } ?? 0
    case "--dump": dumpPath = arguments.next()
    default: fail("unknown argument \(argument)")
    }
}
guard let listPath, rounds > 0 else { fail("usage: parse-corpus --files LIST [--rounds N] [--dump OUT.jsonl]") }
guard let listing = try? String(contentsOfFile: listPath, encoding: .utf8) else { fail("cannot read \(listPath)") }
let paths = listing.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
let blobs: [[UInt8]] = paths.map { path in
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return [UInt8](data)
}

let parser = MessageParser(limits: ParseLimits())
var seconds: [Double] = []
var cpuSeconds: [Double] = []
var perFileMin = [Double](repeating: .infinity, count: blobs.count)
var last: [Result<Extracted, any Error>] = []
var errors = 0
let clock = ContinuousClock()
for _ in 0..<rounds {
    var results: [Result<Extracted, any Error>] = []
    results.reserveCapacity(blobs.count)
    errors = 0
    let start = clock.now
    let cpuStart = threadCPUSeconds()
    var before = cpuStart
    for (index, blob) in blobs.enumerated() {
        do {
            results.append(.success(Extracted(try parser.parse(blob))))
        } catch {
            results.append(.failure(error))
            errors += 1
        }
        let after = threadCPUSeconds()
        perFileMin[index] = min(perFileMin[index], after - before)
        before = after
    }
    cpuSeconds.append(threadCPUSeconds() - cpuStart)
    seconds.append((clock.now - start).seconds)
    last = results
}

let encoder = JSONEncoder()
encoder.outputFormatting = [.withoutEscapingSlashes]
if let dumpPath {
    var out = Data()
    for result in last {
        switch result {
        case .success(let extracted): out.append(try encoder.encode(extracted))
        case .failure(let error): out.append(try encoder.encode(Failure(error: String(describing: error))))
        }
        out.append(0x0A)
    }
    guard FileManager.default.createFile(atPath: dumpPath, contents: out) else { fail("cannot write \(dumpPath)") }
}
let summary = Summary(seconds: seconds, cpu_seconds: cpuSeconds, per_file_min_cpu_seconds: perFileMin, errors: errors, files: blobs.count, bytes: blobs.reduce(0) { $0 + $1.count })
print(String(decoding: try encoder.encode(summary), as: UTF8.self))

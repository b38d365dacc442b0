#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What the commands print for a person: results on standard output, problems on standard error
/// prefixed with the program's name, each on one line.
enum Console {
    /// A line on standard output.
    static func out(_ line: String) {
        print(line)
    }

    /// `support-intake: <line>` on standard error (standard output is flushed first so the two
    /// streams interleave in order on a terminal).
    static func error(_ line: String) {
        fflush(nil)
        let text = "support-intake: " + line.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .joined(separator: " ") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}

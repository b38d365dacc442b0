#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small, bounded reads of local files (configuration, secrets, mail files given to the CLI), with
/// the C library's words for what went wrong (`No such file or directory`, `Permission denied`).
public enum LocalFile {
    /// Why a file could not be read: `strerror(errno)`, or a size limit.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// One line, e.g. `No such file or directory`.
        public var reason: String
        /// Wraps a reason.
        public init(reason: String) { self.reason = reason }
        /// The reason.
        public var description: String { reason }
    }

    /// Reads a whole regular file, refusing more than `limit` bytes (a wrong path to a huge file must
    /// not be read into memory) and directories.
    public static func contents(of path: String, limit: Int) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Failure(reason: errnoText())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(Failure(reason: errnoText())) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(Failure(reason: "it is a directory")) }
        var bytes: [UInt8] = []
        if (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            guard info.st_size <= limit else { return .failure(Failure(reason: "larger than \(limit) bytes")) }
            bytes.reserveCapacity(Int(info.st_size))
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(reason: errnoText()))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { return .failure(Failure(reason: "larger than \(limit) bytes")) }
        }
        return .success(bytes)
    }

    /// Whether a path names an existing directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether a path names an existing entry of any kind.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// `strerror(errno)`.
    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

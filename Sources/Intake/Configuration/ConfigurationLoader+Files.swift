#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ConfigurationLoader {
    /// Why a file named by the configuration could not be read: the C library's words for `errno`,
    /// or a size limit.
    struct FileFailure: Error {
        var reason: String
    }

    /// Reads a whole regular file, refusing more than `limit` bytes (a configuration or secret file is
    /// small; a wrong path to a huge file must not be read into memory).
    static func readFile(_ path: String, limit: Int) -> Result<[UInt8], FileFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(FileFailure(reason: errnoText())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(FileFailure(reason: errnoText())) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(FileFailure(reason: "it is a directory")) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(FileFailure(reason: errnoText()))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { return .failure(FileFailure(reason: "larger than \(limit) bytes")) }
        }
        return .success(bytes)
    }

    /// Whether a path names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether a path names an existing entry of any kind.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// `strerror(errno)`, e.g. `No such file or directory`.
    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

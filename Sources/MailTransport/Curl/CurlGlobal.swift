import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide libcurl set-up, done once and lazily (Swift initialises a `static let` exactly
/// once, thread-safely): `curl_global_init` and `SIGPIPE` ignored, as libcurl's thread-safety notes
/// require for a multi-threaded program using `CURLOPT_NOSIGNAL`.
enum CurlGlobal {
    private static let initResult: CURLcode = {
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    /// Initialises libcurl if that has not happened yet; throws when it cannot be initialised.
    static func ensureInitialized() throws(TransportError) {
        let code = initResult
        guard code == CURLE_OK else {
            throw TransportError(.configuration, "libcurl could not be initialised", curlCode: Int(code.rawValue))
        }
    }

    /// libcurl's version string, e.g. `7.88.1`.
    static var version: String {
        guard let info = ccurl_version_info(), let text = info.pointee.version else { return "unknown" }
        return String(cString: text)
    }
}

import CCurl
import Foundation

/// The one Swift type owning a libcurl easy handle (`CURL *`): its error buffer, the string lists
/// passed to it, and the progress context used for cancellation. Confined to one thread at a time
/// (libcurl's rule); every libcurl call of the package goes through it.
final class CurlEasy {
    /// The context libcurl's XFERINFO callback sees; set per job so a cancelled task aborts the
    /// transfer with `CURLE_ABORTED_BY_CALLBACK`.
    final class ProgressContext {
        var cancellation: CancellationFlag?
    }

    /// The raw handle. `CURL` is `void`, so it imports as a raw pointer.
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    let progress = ProgressContext()

    init() throws(TransportError) {
        try CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw TransportError(.configuration, "curl_easy_init failed")
        }
        self.handle = handle
        let size = Int(CURL_ERROR_SIZE)
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        installBaseOptions()
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    /// Options that every use of the handle gets, re-applied after `reset()`.
    private func installBaseOptions() {
        _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_VERBOSE, 0)
        _ = ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        _ = ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, Unmanaged.passUnretained(progress).toOpaque())
        _ = ccurl_setopt_xferinfo(handle) { context, _, _, _, _ in
            guard let context else { return 0 }
            let progress = Unmanaged<ProgressContext>.fromOpaque(context).takeUnretainedValue()
            return progress.cancellation?.isCancelled == true ? 1 : 0
        }
    }

    /// `curl_easy_reset`: forgets every option (the connection cache survives) and frees the lists.
    func reset() {
        curl_easy_reset(handle)
        for list in lists { curl_slist_free_all(list) }
        lists.removeAll()
        clearError()
        installBaseOptions()
    }

    /// Empties the error buffer before a call, so stale text is never reported.
    func clearError() { errorBuffer[0] = 0 }

    /// curl's error-buffer text from the last failed call (secret-free: libcurl never writes
    /// credentials there).
    var errorText: String {
        errorBuffer[Int(CURL_ERROR_SIZE) - 1] = 0
        return String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Typed setters

    /// Sets a `long` option.
    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(ccurl_setopt_long(handle, option, value), option)
    }

    /// Sets a boolean option as `0`/`1`.
    func set(_ option: CURLoption, _ value: Bool) throws(TransportError) {
        try set(option, value ? 1 : 0)
    }

    /// Sets a `curl_off_t` option.
    func set(_ option: CURLoption, offset value: Int64) throws(TransportError) {
        try check(ccurl_setopt_offt(handle, option, curl_off_t(value)), option)
    }

    /// Sets a string option (libcurl copies it), or clears it with nil.
    func set(_ option: CURLoption, _ value: String?) throws(TransportError) {
        let code: CURLcode
        if let value {
            code = value.withCString { ccurl_setopt_string(handle, option, $0) }
        } else {
            code = ccurl_setopt_string(handle, option, nil)
        }
        try check(code, option)
    }

    /// Sets a `curl_slist` option; the list stays owned by the handle until `reset()` or deinit.
    func set(_ option: CURLoption, list values: [String]) throws(TransportError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let next = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw TransportError(.configuration, "out of memory building a curl list")
            }
            list = next
        }
        if let list { lists.append(list) }
        try check(ccurl_setopt_slist(handle, option, list), option)
    }

    /// Sets a raw pointer option (`*DATA` contexts).
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(TransportError) {
        try check(ccurl_setopt_pointer(handle, option, pointer), option)
    }

    /// Sets a data callback (WRITE/HEADER/READ share the C shape).
    func set(_ option: CURLoption, callback: curl_write_callback) throws(TransportError) {
        try check(ccurl_setopt_datacb(handle, option, callback), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(TransportError) {
        guard code == CURLE_OK else {
            throw TransportError(.configuration, "libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))",
                                 curlCode: Int(code.rawValue))
        }
    }

    // MARK: Calls

    /// `curl_easy_perform` with the job's cancellation flag wired to the progress callback.
    func perform(cancellation: CancellationFlag?) -> CURLcode {
        clearError()
        progress.cancellation = cancellation
        defer { progress.cancellation = nil }
        return curl_easy_perform(handle)
    }

    /// `CURLINFO_RESPONSE_CODE`: the last IMAP/SMTP reply code, 0 when there was none.
    var responseCode: Int {
        var value = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &value)
        return value
    }

    /// `CURLINFO_NUM_CONNECTS`: connections the last perform had to open (0 when it reused one).
    var newConnections: Int {
        var value = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &value)
        return value
    }

    /// `CURLINFO_ACTIVESOCKET` of a `CONNECT_ONLY` connection, nil when there is none.
    var activeSocket: Int32? {
        var socket = curl_socket_t(-1)
        guard ccurl_getinfo_socket(handle, &socket) == CURLE_OK, socket >= 0 else { return nil }
        return socket
    }

    /// `curl_easy_send` on a `CONNECT_ONLY` connection; returns the bytes taken (0 on `CURLE_AGAIN`).
    func send(_ bytes: UnsafeRawBufferPointer) -> (CURLcode, Int) {
        var sent = 0
        let code = curl_easy_send(handle, bytes.baseAddress, bytes.count, &sent)
        return (code, sent)
    }

    /// `curl_easy_recv` on a `CONNECT_ONLY` connection; `(CURLE_OK, 0)` means the peer closed.
    func receive(into buffer: UnsafeMutableRawBufferPointer) -> (CURLcode, Int) {
        var received = 0
        let code = curl_easy_recv(handle, buffer.baseAddress, buffer.count, &received)
        return (code, received)
    }
}

extension CurlEasy {
    /// `CURLOPT_MAIL_RCPT_ALLOWFAILS` (spelled `ALLLOWFAILS` on 7.88.1; the shim picks the name):
    /// a refused recipient no longer aborts the transaction while another one is accepted.
    func setRecipientsMayFail(_ on: Bool) throws(TransportError) {
        let code = ccurl_setopt_rcpt_allowfails(handle, on ? 1 : 0)
        guard code == CURLE_OK else {
            throw TransportError(.configuration, "libcurl refused MAIL_RCPT_ALLOWFAILS", curlCode: Int(code.rawValue))
        }
    }
}

import CCurl
import Foundation

/// The per-transfer context libcurl's callbacks see: bytes being uploaded (an SMTP message) and the server's
/// reply lines (libcurl hands every IMAP/SMTP response line to the header callback, login included). Lives only for one
/// `curl_easy_perform` on the worker thread.
final class CurlTransfer {
    let upload: [UInt8]
    var offset = 0
    private(set) var lines: [String] = []
    static let maxLines = 2000
    static let maxLineBytes = 2000

    init(upload: [UInt8]) {
        self.upload = upload
    }

    func record(_ line: UnsafeBufferPointer<UInt8>) {
        guard lines.count < Self.maxLines else { return }
        let slice = UnsafeBufferPointer(rebasing: line.prefix(Self.maxLineBytes))
        lines.append(String(decoding: slice, as: UTF8.self))
    }

    /// Installs the read and header callbacks with this context on `easy`.
    func install(on easy: CurlEasy) throws(TransportError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(CURLOPT_READDATA, pointer: context)
        try easy.set(CURLOPT_READFUNCTION, callback: { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let amount = min(size * count, transfer.upload.count - transfer.offset)
            guard amount > 0 else { return 0 }
            transfer.upload.withUnsafeBytes { source in
                UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + transfer.offset, byteCount: amount)
            }
            transfer.offset += amount
            return amount
        })
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.set(CURLOPT_HEADERFUNCTION, callback: { buffer, size, count, context in
            let total = size * count
            guard let buffer, let context else { return total }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            UnsafeRawPointer(buffer).withMemoryRebound(to: UInt8.self, capacity: total) {
                transfer.record(UnsafeBufferPointer(start: $0, count: total))
            }
            return total
        })
    }
}

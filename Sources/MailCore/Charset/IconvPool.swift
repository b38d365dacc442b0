import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process-wide cache of glibc iconv descriptors converting to UTF-8.
///
/// `iconv_open` loads a gconv module and allocates tables, far too slow per message, while an open
/// descriptor carries conversion state and may not be used by two threads at once. The pool keeps a
/// few idle descriptors per charset: a conversion checks one out under a lock, converts without the
/// lock, and puts it back. Unknown charsets are remembered (bounded) so they cost one `iconv_open`.
final class IconvPool: @unchecked Sendable {
    static let shared = IconvPool()

    private let lock = NSLock()
    private var idle: [String: [iconv_t]] = [:]
    private var unknown: Set<String> = []
    private static let maxIdlePerCharset = 4
    private static let maxCharsets = 64

    /// Converts `input` from `charset` to UTF-8; undecodable bytes become U+FFFD.
    /// Returns nil when glibc does not know the charset.
    func convert(_ input: UnsafeBufferPointer<UInt8>, from charset: String) -> [UInt8]? {
        guard let cd = checkOut(charset) else { return nil }
        defer { checkIn(cd, charset) }
        return Self.run(cd, input)
    }

    private func checkOut(_ charset: String) -> iconv_t? {
        lock.lock()
        if var list = idle[charset], let cd = list.popLast() {
            idle[charset] = list
            lock.unlock()
            return cd
        }
        let isUnknown = unknown.contains(charset)
        lock.unlock()
        if isUnknown { return nil }
        let cd = iconv_open("UTF-8", charset)
        if cd == nil || cd == iconv_t(bitPattern: -1) {
            lock.lock()
            if unknown.count < 256 { unknown.insert(charset) }
            lock.unlock()
            return nil
        }
        return cd
    }

    private func checkIn(_ cd: iconv_t, _ charset: String) {
        lock.lock()
        var list = idle[charset] ?? []
        if list.count < Self.maxIdlePerCharset, idle.count < Self.maxCharsets || idle[charset] != nil {
            list.append(cd)
            idle[charset] = list
            lock.unlock()
        } else {
            lock.unlock()
            iconv_close(cd)
        }
    }

    private static func run(_ cd: iconv_t, _ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        _ = iconv(cd, nil, nil, nil, nil)  // reset shift state
        guard let inBase = input.baseAddress, input.count > 0 else { return [] }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        var inPtr = UnsafeMutableRawPointer(mutating: inBase).assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        while inLeft > 0 {
            if output.count - produced < 16 { output.append(contentsOf: repeatElement(0, count: output.count)) }
            var outLeft = output.count - produced
            let result: Int = output.withUnsafeMutableBufferPointer { out in
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress! + produced)
                    .assumingMemoryBound(to: CChar.self)
                var inOpt: UnsafeMutablePointer<CChar>? = inPtr
                let r = iconv(cd, &inOpt, &inLeft, &outPtr, &outLeft)
                inPtr = inOpt!
                produced = out.count - outLeft
                return r
            }
            if result != -1 { break }
            switch errno {
            case E2BIG:
                output.append(contentsOf: repeatElement(0, count: output.count))
            case EILSEQ, EINVAL:
                // An invalid or truncated sequence: one replacement character, skip one byte.
                if output.count - produced < 3 { output.append(contentsOf: repeatElement(0, count: output.count)) }
                output.replaceSubrange(produced..<(produced + 3), with: replacement)
                produced += 3
                inPtr += 1
                inLeft -= 1
                _ = iconv(cd, nil, nil, nil, nil)
            default:
                inLeft = 0
            }
        }
        // Flush any pending shift sequence (stateful encodings).
        if output.count - produced < 16 { output.append(contentsOf: repeatElement(0, count: 16)) }
        var outLeft = output.count - produced
        output.withUnsafeMutableBufferPointer { out in
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress! + produced)
                .assumingMemoryBound(to: CChar.self)
            _ = iconv(cd, nil, nil, &outPtr, &outLeft)
            produced = out.count - outLeft
        }
        output.removeSubrange(produced...)
        return output
    }
}

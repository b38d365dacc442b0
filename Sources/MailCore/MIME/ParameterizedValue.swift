/// A MIME header value with parameters, as in `Content-Type` and `Content-Disposition`
/// (RFC 2045 §5.1, RFC 2183), with RFC 2231 parameter continuations, charsets and languages.
///
/// `filename*0*=utf-8''Relat%C3%B3rio; filename*1=".pdf"` becomes `filename = "Relatório.pdf"`;
/// Outlook's quoted encoded words (`name="=?utf-8?B?…?="`) and raw UTF-8/latin1 are decoded too.
/// Linear in the value length; at most ``ParseLimits/maxParameterContinuations`` segments per
/// parameter and 64 distinct parameters are kept.
struct ParameterizedValue {
    /// The value before the first `;`, lower-cased, comments and white space removed.
    var value: String
    /// Decoded parameters by lower-cased name.
    var parameters: [String: String]

    private struct Segment {
        var bytes: [UInt8]
        var extended: Bool
    }

    init(_ raw: ArraySlice<UInt8>, context: ParseContext) {
        var value: [UInt8] = []
        var simple: [String: [UInt8]] = [:]
        var segments: [String: [Int: Segment]] = [:]
        var extendedWhole: [String: [UInt8]] = [:]
        let maxSegments = context.limits.maxParameterContinuations
        var droppedSegments = false

        raw.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = 0
            var depth = 0
            while i < n, buf[i] != 0x3B {
                let b = buf[i]
                if b == 0x28 { depth += 1 } else if b == 0x29 { depth = max(0, depth - 1) }
                else if depth == 0, b > 0x20, b != 0x22 { value.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
                i += 1
            }
            while i < n {
                // Skip separators and white space.
                while i < n, buf[i] == 0x3B || buf[i] <= 0x20 { i += 1 }
                // Attribute name.
                var name: [UInt8] = []
                while i < n, buf[i] != 0x3D, buf[i] != 0x3B {
                    let b = buf[i]
                    if b > 0x20 { name.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
                    i += 1
                }
                guard i < n, buf[i] == 0x3D else { continue }
                i += 1
                while i < n, buf[i] == 0x20 || buf[i] == 0x09 { i += 1 }
                // Value: quoted string or token up to ';'.
                var val: [UInt8] = []
                if i < n, buf[i] == 0x22 {
                    i += 1
                    while i < n, buf[i] != 0x22 {
                        if buf[i] == 0x5C, i + 1 < n { i += 1 }
                        val.append(buf[i])
                        i += 1
                    }
                    i += 1
                    while i < n, buf[i] != 0x3B { i += 1 }  // junk after the closing quote
                } else {
                    while i < n, buf[i] != 0x3B { val.append(buf[i]); i += 1 }
                    while let l = val.last, l == 0x20 || l == 0x09 { val.removeLast() }
                }
                guard !name.isEmpty else { continue }
                // RFC 2231 §3/§4: name*N*, name*N, name*.
                if let star = name.firstIndex(of: 0x2A) {
                    let base = String(decoding: name[..<star], as: UTF8.self)
                    let rest = name[(star + 1)...]
                    let extended = rest.last == 0x2A
                    let digits = extended ? rest.dropLast() : rest
                    if digits.isEmpty {
                        if extendedWhole.count < 64 { extendedWhole[base] = val }
                    } else if let index = Self.number(digits) {
                        if index >= maxSegments { droppedSegments = true; continue }
                        if segments[base] == nil, segments.count >= 64 { continue }
                        segments[base, default: [:]][index] = Segment(bytes: val, extended: extended)
                    }
                } else if simple.count < 64 {
                    let key = String(decoding: name, as: UTF8.self)
                    if simple[key] == nil { simple[key] = val }
                }
            }
        }
        if droppedSegments { context.defect("parameter continuation limit reached; name truncated") }

        var parameters: [String: String] = [:]
        for (key, val) in simple {
            parameters[key] = EncodedWords.decode(val[...], context: context)
        }
        for (key, val) in extendedWhole {
            parameters[key] = Self.decodeExtended([Segment(bytes: val, extended: true)])
        }
        for (key, parts) in segments {
            let ordered = parts.keys.sorted().map { parts[$0]! }
            parameters[key] = Self.decodeExtended(ordered)
        }
        self.value = String(decoding: value, as: UTF8.self)
        self.parameters = parameters
    }

    /// Joins RFC 2231 segments; the first extended segment may carry `charset'language'`.
    private static func decodeExtended(_ segments: [Segment]) -> String {
        var bytes: [UInt8] = []
        var charset: Charset = .ascii
        var anyExtended = false
        for (n, segment) in segments.enumerated() {
            var content = segment.bytes[...]
            if segment.extended {
                anyExtended = true
                if n == 0, let q1 = content.firstIndex(of: 0x27),
                   let q2 = content[(q1 + 1)...].firstIndex(of: 0x27) {
                    charset = Charset(label: content[..<q1])
                    content = content[(q2 + 1)...]
                }
                percentDecode(content, into: &bytes)
            } else {
                bytes += content
            }
        }
        if !anyExtended {
            return EncodedWords.decode(bytes[...], context: nil)
        }
        return TextDecoder.decode(bytes, charset: charset)
    }

    private static func percentDecode(_ input: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var i = input.startIndex
        while i < input.endIndex {
            let b = input[i]
            if b == 0x25, i + 2 < input.endIndex, let h = QuotedPrintable.hex(input[i + 1]), let l = QuotedPrintable.hex(input[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        var v = 0
        for b in digits {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }
}

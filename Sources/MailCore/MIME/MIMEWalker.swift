import Foundation

/// Walks the MIME tree of a message (RFC 2045, RFC 2046) and collects what the intake needs:
/// the text and HTML bodies, attachments, and the parts of a delivery or disposition report.
///
/// - Multipart bodies are split on delimiter lines only (`--boundary`, optional `--`, then only white
///   space), so boundary-like lines inside bodies are left alone; a missing close delimiter ends the
///   last part at the end of its parent; a missing `boundary` parameter is recovered from the first
///   `--` line.
/// - Depth and part counts are bounded by ``ParseLimits``; beyond them parts are skipped and noted.
/// - Attachments are never decoded: their decoded size is counted without materialising them.
struct MIMEWalker {
    let bytes: [UInt8]
    let context: ParseContext

    var textParts: [String] = []
    var htmlParts: [String] = []
    var attachments: [Attachment] = []
    /// `report-type` of the first `multipart/report`, lower-cased.
    var reportType: String?
    var sawDeliveryStatus = false
    var sawDispositionNotification = false
    var bouncedMessageID: MessageID?

    init(bytes: [UInt8], context: ParseContext) {
        self.bytes = bytes
        self.context = context
    }

    /// Walks one entity: its header block and its body range.
    mutating func walk(headers: HeaderBlock, body: Range<Int>, depth: Int, defaultType: String = "text/plain", inReport: Bool = false) {
        let contentType = headers.first("content-type").map { ParameterizedValue($0.value, context: context) }
        var mediaType = contentType?.value ?? defaultType
        if !mediaType.contains("/") || mediaType.hasPrefix("/") || mediaType.hasSuffix("/") { mediaType = defaultType }
        let slash = mediaType.firstIndex(of: "/")!
        let type = mediaType[..<slash]
        let subtype = String(mediaType[mediaType.index(after: slash)...])
        let params = contentType?.parameters ?? [:]

        if type == "multipart" {
            guard depth < context.limits.maxDepth else {
                context.defect("nesting depth limit reached; deeper parts ignored")
                return
            }
            guard let boundary = params["boundary"].flatMap({ $0.isEmpty ? nil : Array($0.utf8) }) ?? sniffBoundary(body) else {
                // Multipart without a usable boundary: read it as plain text (RFC 2046 §5.1.1 fallback).
                context.defect("multipart without boundary")
                addLeaf(headers: headers, body: body, mediaType: "text/plain", params: params)
                return
            }
            if subtype == "report", reportType == nil { reportType = params["report-type"]?.lowercased() ?? "" }
            let childDefault = subtype == "digest" ? "message/rfc822" : "text/plain"
            for part in splitMultipart(body, boundary: boundary) {
                let partHeaders = HeaderBlock(bytes: bytes, range: part, context: context)
                walk(headers: partHeaders, body: partHeaders.bodyStart..<part.upperBound, depth: depth + 1,
                     defaultType: childDefault, inReport: subtype == "report")
            }
            return
        }
        addLeaf(headers: headers, body: body, mediaType: mediaType, params: params, inReport: inReport, depth: depth)
    }

    private mutating func addLeaf(headers: HeaderBlock, body: Range<Int>, mediaType: String, params: [String: String],
                                  inReport: Bool = false, depth: Int = 0) {
        let encoding = transferEncoding(headers)
        let disposition = headers.first("content-disposition").map { ParameterizedValue($0.value, context: context) }
        let filename = (disposition?.parameters["filename"] ?? params["name"]).flatMap { $0.isEmpty ? nil : $0 }
        let isAttachmentDisposition = disposition?.value == "attachment"

        switch mediaType {
        case "text/plain", "text/html":
            guard !isAttachmentDisposition, filename == nil else { break }
            let decoded = decodedBody(body, encoding: encoding)
            var charset = params["charset"].map { Charset($0) } ?? .ascii
            if mediaType == "text/html", params["charset"] == nil, let sniffed = sniffHTMLCharset(decoded) { charset = sniffed }
            var text = TextDecoder.decode(decoded, charset: charset, normalizeNewlines: true)
            if mediaType == "text/plain", params["format"]?.lowercased() == "flowed" {
                text = FlowedText.unwrap(text, delSp: params["delsp"]?.lowercased() == "yes")
            }
            if mediaType == "text/html" { htmlParts.append(text) } else { textParts.append(text) }
            return
        case "message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers":
            if inReport, bouncedMessageID == nil, depth < context.limits.maxDepth {
                let inner = decodedBody(body, encoding: encoding)
                let block = HeaderBlock(bytes: inner, range: 0..<inner.count, context: context)
                if let field = block.first("message-id") {
                    bouncedMessageID = MessageIDList.parse(field.value, limit: 1).first
                }
            }
        case "message/delivery-status", "message/global-delivery-status":
            sawDeliveryStatus = true
        case "message/disposition-notification", "message/global-disposition-notification":
            sawDispositionNotification = true
            if bouncedMessageID == nil {
                let inner = decodedBody(body, encoding: encoding)
                let block = HeaderBlock(bytes: inner, range: 0..<inner.count, context: context)
                if let field = block.first("original-message-id") {
                    bouncedMessageID = MessageIDList.parse(field.value, limit: 1).first
                }
            }
        default:
            break
        }
        let contentID = headers.first("content-id").flatMap { MessageIDList.parse($0.value, limit: 1).first?.rawValue }
        attachments.append(Attachment(
            filename: filename,
            contentType: mediaType,
            size: decodedSize(body, encoding: encoding),
            contentID: contentID,
            isInline: disposition?.value == "inline"
        ))
    }

    private enum Encoding { case identity, base64, quotedPrintable }

    private func transferEncoding(_ headers: HeaderBlock) -> Encoding {
        guard let field = headers.first("content-transfer-encoding") else { return .identity }
        var token: [UInt8] = []
        for b in field.value where b > 0x20 {
            if b == 0x3B || b == 0x28 || token.count > 32 { break }
            token.append(b | 0x20)
        }
        switch String(decoding: token, as: UTF8.self) {
        case "base64": return .base64
        case "quoted-printable": return .quotedPrintable
        default: return .identity
        }
    }

    private func decodedBody(_ range: Range<Int>, encoding: Encoding) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buf in
            let slice = UnsafeBufferPointer(rebasing: buf[range])
            switch encoding {
            case .identity: return Array(slice)
            case .base64: return Base64.decode(slice)
            case .quotedPrintable: return QuotedPrintable.decode(slice)
            }
        }
    }

    private func decodedSize(_ range: Range<Int>, encoding: Encoding) -> Int {
        bytes.withUnsafeBufferPointer { buf in
            let slice = UnsafeBufferPointer(rebasing: buf[range])
            switch encoding {
            case .identity: return slice.count
            case .base64: return Base64.decodedCount(slice)
            case .quotedPrintable: return QuotedPrintable.decodedCount(slice)
            }
        }
    }

    /// Body ranges of the parts of a multipart body, preamble and epilogue excluded (RFC 2046 §5.1.1).
    func splitMultipart(_ body: Range<Int>, boundary: [UInt8]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var budgetHit = false
        let ctx = context
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            let end = body.upperBound
            let bLen = boundary.count
            var partStart: Int? = nil
            var pos = body.lowerBound
            var closed = false
            boundary.withUnsafeBufferPointer { bnd in
                while pos < end {
                    let lineEnd: Int
                    if let p = memchr(base + pos, 0x0A, end - pos) {
                        lineEnd = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    } else {
                        lineEnd = end
                    }
                    if lineEnd - pos >= bLen + 2, buf[pos] == 0x2D, buf[pos + 1] == 0x2D,
                       memcmp(base + pos + 2, bnd.baseAddress!, bLen) == 0 {
                        var k = pos + 2 + bLen
                        var isClose = false
                        if k + 1 < lineEnd, buf[k] == 0x2D, buf[k + 1] == 0x2D { isClose = true; k += 2 }
                        while k < lineEnd, buf[k] == 0x20 || buf[k] == 0x09 || buf[k] == 0x0D { k += 1 }
                        if k == lineEnd {
                            if let start = partStart {
                                // The line break before the delimiter belongs to the delimiter.
                                var partEnd = pos
                                if partEnd > start, buf[partEnd - 1] == 0x0A { partEnd -= 1 }
                                if partEnd > start, buf[partEnd - 1] == 0x0D { partEnd -= 1 }
                                if ctx.partBudget <= 0 { budgetHit = true; return }
                                ctx.partBudget -= 1
                                parts.append(start..<partEnd)
                            }
                            if isClose { closed = true; partStart = nil; return }
                            partStart = min(lineEnd + 1, end)
                        }
                    }
                    pos = lineEnd + 1
                }
            }
            if !closed, let start = partStart, !budgetHit {
                ctx.defect("multipart without close delimiter")
                if ctx.partBudget > 0 {
                    ctx.partBudget -= 1
                    parts.append(start..<end)
                } else {
                    budgetHit = true
                }
            }
        }
        if budgetHit { context.defect("part count limit reached; later parts ignored") }
        return parts
    }

    /// The boundary of a multipart whose `boundary` parameter is missing: the first `--` line.
    private func sniffBoundary(_ body: Range<Int>) -> [UInt8]? {
        var pos = body.lowerBound
        var lines = 0
        while pos < body.upperBound, lines < 200 {
            var lineEnd = pos
            while lineEnd < body.upperBound, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var e = lineEnd
            while e > pos, bytes[e - 1] == 0x0D || bytes[e - 1] == 0x20 { e -= 1 }
            if e - pos > 3, e - pos < 200, bytes[pos] == 0x2D, bytes[pos + 1] == 0x2D {
                return Array(bytes[(pos + 2)..<e])
            }
            pos = lineEnd + 1
            lines += 1
        }
        return nil
    }

    /// `<meta charset="…">` or `<meta http-equiv … content="text/html; charset=…">` in the first KiB.
    private func sniffHTMLCharset(_ html: [UInt8]) -> Charset? {
        let head = html.prefix(2048).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let needle = Array("charset=".utf8)
        guard head.count > needle.count else { return nil }
        var i = 0
        while i + needle.count < head.count {
            if head[i] == 0x63, Array(head[i..<(i + needle.count)]) == needle {
                var j = i + needle.count
                while j < head.count, head[j] == 0x22 || head[j] == 0x27 || head[j] == 0x20 { j += 1 }
                var label: [UInt8] = []
                while j < head.count, label.count < 40 {
                    let b = head[j]
                    if b == 0x22 || b == 0x27 || b == 0x3E || b == 0x3B || b <= 0x20 || b == 0x2F { break }
                    label.append(b)
                    j += 1
                }
                return label.isEmpty ? nil : Charset(label: label)
            }
            i += 1
        }
        return nil
    }
}

/// Decides whether a message was sent by a machine, so that it is never acknowledged
/// (RFC 3834 §2, §5; RFC 2369/2919 list headers; RFC 3464 delivery status; RFC 8098 MDNs).
///
/// Checks, in order (the first match gives ``Automation/reason``):
/// `delivery-status-report`, `disposition-notification`, `auto-submitted:<value>` (any value but
/// `no`), `x-autoreply`, `x-autorespond`, `precedence:<bulk|junk|list|auto_reply>`, `list-id`,
/// `list-unsubscribe`, `null-return-path` (`Return-Path: <>`), `mailer-daemon`, `postmaster`.
/// `X-Auto-Response-Suppress` (Microsoft) sets ``Automation/suppressAutoReply`` without making the
/// message automated.
enum AutomationDetector {
    /// What the MIME walk saw that matters here.
    struct Report {
        var reportType: String?
        var sawDeliveryStatus: Bool
        var sawDispositionNotification: Bool
    }

    static func detect(headers: HeaderBlock, from: EmailAddress?, sender: EmailAddress?, report: Report) -> Automation {
        var automation = Automation()
        let isDSN = report.reportType == "delivery-status" || (report.reportType != nil && report.sawDeliveryStatus)
        let isMDN = report.reportType == "disposition-notification" || (report.reportType != nil && report.sawDispositionNotification)
        automation.isBounce = isDSN
        if let suppress = headers.first("x-auto-response-suppress") {
            let value = token(suppress.value)
            automation.suppressAutoReply = value != "none" && !value.isEmpty
        }
        func mark(_ reason: String) {
            if !automation.isAutomated {
                automation.isAutomated = true
                automation.reason = reason
            }
        }
        if isDSN { mark("delivery-status-report") }
        if isMDN { mark("disposition-notification") }
        if let field = headers.first("auto-submitted") {
            let value = token(field.value)
            if !value.isEmpty, value != "no" { mark("auto-submitted:" + value) }
        }
        if headers.first("x-autoreply") != nil { mark("x-autoreply") }
        if headers.first("x-autorespond") != nil { mark("x-autorespond") }
        if let field = headers.first("precedence") {
            let value = token(field.value)
            if ["bulk", "junk", "list", "auto_reply", "auto-reply"].contains(value) { mark("precedence:" + value) }
        }
        if headers.first("list-id") != nil { mark("list-id") }
        if headers.first("list-unsubscribe") != nil { mark("list-unsubscribe") }
        if let field = headers.first("return-path") {
            let inner = field.value.filter { $0 > 0x20 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 }
            if inner.isEmpty { mark("null-return-path") }
        }
        for address in [from, sender].compactMap({ $0 }) {
            let local = address.address.split(separator: "@", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            if local == "mailer-daemon" { mark("mailer-daemon") }
            if local == "postmaster" { mark("postmaster") }
        }
        return automation
    }

    /// The first token of a field value, lower-cased (`auto-replied; foo=bar` → `auto-replied`).
    private static func token(_ value: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        for b in value {
            if b == 0x3B || b == 0x28 || out.count >= 64 { break }
            if b <= 0x20 { if out.isEmpty { continue } else { break } }
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

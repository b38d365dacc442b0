import Foundation
import MailCore

extension SupportIntakeConfiguration.Server {
    /// The IMAP mailbox named by the URL's path, percent-decoded (`imaps://host/Support%20Inbox` →
    /// `Support Inbox`); `INBOX` when the URL has no path.
    public var mailbox: MailboxName {
        let path = URLComponents(string: url)?.percentEncodedPath ?? ""
        let trimmed = path.drop { $0 == "/" }
        guard !trimmed.isEmpty else { return .inbox }
        return MailboxName(String(trimmed).removingPercentEncoding ?? String(trimmed))
    }
}

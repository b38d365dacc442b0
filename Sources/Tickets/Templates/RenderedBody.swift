/// The two bodies of an outgoing mail, from the text and HTML templates.
public struct RenderedBody: Sendable, Hashable {
    /// The text/plain part.
    public var text: String
    /// The text/html part.
    public var html: String

    /// Creates a value.
    public init(text: String, html: String) {
        self.text = text
        self.html = html
    }
}

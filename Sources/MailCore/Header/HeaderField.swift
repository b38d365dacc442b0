/// One header field as found in the input: its name and its unfolded raw value (RFC 5322 §2.2).
///
/// The value is still bytes: it is decoded (RFC 2047, RFC 6532) only when somebody asks for it.
struct HeaderField {
    /// The field name as written.
    var name: String
    /// The field name, ASCII lower-cased, for look-ups.
    var key: String
    /// The value with folding line breaks removed and surrounding white space trimmed.
    var value: ArraySlice<UInt8>
}

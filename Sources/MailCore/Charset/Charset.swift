/// A MIME charset label (RFC 2046 §4.1.2, RFC 2978) normalised to what the decoder needs: a fast path
/// for UTF-8, ASCII and windows-1252, or the glibc iconv name for everything else.
enum Charset: Hashable {
    case utf8
    /// US-ASCII, or no label at all: treated as UTF-8 when the bytes are valid UTF-8, otherwise as
    /// windows-1252 (the usual reality behind unlabelled 8-bit mail).
    case ascii
    /// ISO-8859-1 and windows-1252 (WHATWG: `latin1` means windows-1252).
    case windows1252
    /// Anything else, by its iconv name.
    case iconv(String)

    /// Normalises a label from a header or parameter: case, quotes, white space, RFC 2231 language
    /// suffix, common aliases and mislabels.
    init(label: some Collection<UInt8>) {
        var name = [UInt8]()
        name.reserveCapacity(min(label.count, 40))
        for b in label {
            if name.count >= 40 { break }
            switch b {
            case 0x41...0x5A: name.append(b | 0x20)
            case 0x22, 0x27, 0x20, 0x09: continue
            case 0x2A: break  // "utf-8*en": language suffix (RFC 2231 §5)
            default: name.append(b)
            }
            if b == 0x2A { break }
        }
        self = Charset.known(String(decoding: name, as: UTF8.self))
    }

    /// Normalises a label given as a string.
    init(_ label: String) { self.init(label: Array(label.utf8)) }

    private static func known(_ n: String) -> Charset {
        switch n {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode-2-0-utf-8": return .utf8
        case "", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "iso-ir-6", "cp367", "ibm367",
             "unknown-8bit", "x-unknown", "unknown", "default", "8bit", "7bit", "x-user-defined":
            return .ascii
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819",
             "ibm819", "windows-1252", "cp1252", "x-cp1252", "win-1252", "iso_8859-1:1987", "8859-1", "iso88591":
            return .windows1252
        default: break
        }
        if let alias = aliases[n] { return .iconv(alias) }
        // iso8859-2, iso_8859-15 → ISO-8859-2, ISO-8859-15; windows-1251 / cp1251 / win1251 → CP1251.
        if n.hasPrefix("iso"), let r = n.range(of: "8859") {
            let number = n[r.upperBound...].drop { $0 == "-" || $0 == "_" }
            if !number.isEmpty, number.allSatisfy(\.isNumber) { return .iconv("ISO-8859-" + number) }
        }
        for prefix in ["windows-", "win-", "win", "cp", "x-cp"] where n.hasPrefix(prefix) {
            let number = n.dropFirst(prefix.count)
            if !number.isEmpty, number.allSatisfy(\.isNumber) { return .iconv("CP" + number) }
        }
        return .iconv(n.uppercased())
    }

    private static let aliases: [String: String] = [
        "koi8-r": "KOI8-R", "koi8r": "KOI8-R", "koi8-u": "KOI8-U",
        "iso-2022-jp": "ISO-2022-JP-2", "csiso2022jp": "ISO-2022-JP-2", "iso-2022-jp-2": "ISO-2022-JP-2",
        "shift_jis": "CP932", "shift-jis": "CP932", "sjis": "CP932", "x-sjis": "CP932", "ms_kanji": "CP932",
        "windows-31j": "CP932", "cp932": "CP932", "csshiftjis": "CP932",
        "euc-jp": "EUC-JP-MS", "x-euc-jp": "EUC-JP-MS", "eucjp": "EUC-JP-MS",
        "gb2312": "GB18030", "gbk": "GB18030", "gb18030": "GB18030", "x-gbk": "GB18030", "cp936": "GB18030",
        "euc-cn": "GB18030", "csgb2312": "GB18030", "hz-gb-2312": "HZ",
        "big5": "BIG5-HKSCS", "big5-hkscs": "BIG5-HKSCS", "x-big5": "BIG5-HKSCS", "cn-big5": "BIG5-HKSCS",
        "euc-kr": "CP949", "ks_c_5601-1987": "CP949", "ks_c_5601": "CP949", "cp949": "CP949", "korean": "CP949",
        "iso-2022-kr": "ISO-2022-KR",
        "utf-16": "UTF-16", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE", "utf-7": "UTF-7",
        "tis-620": "TIS-620", "windows-874": "CP874",
        "macintosh": "MACINTOSH", "mac": "MACINTOSH", "x-mac-roman": "MACINTOSH",
    ]
}

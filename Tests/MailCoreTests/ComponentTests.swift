import Foundation
import Testing
@testable import MailCore

/// Parses a message built from header lines and a body.
func parseMessage(_ headers: [String], body: String = "body", raw: [UInt8]? = nil) throws -> Message {
    var bytes = Array((headers.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    bytes += raw ?? Array(body.utf8)
    return try MessageParser().parse(bytes)
}

@Suite("Charsets") struct CharsetTests {
    /// (label, base64 of the text in that charset, the text). Every charset issue 3 names, plus aliases.
    static let samples: [(String, String, String)] = [
        ("utf-8", "QcOnw6NvIHLDoXBpZGE=", "Ação rápida"),
        ("us-ascii", "cGxhaW4=", "plain"),
        ("iso-8859-1", "QefjbyBy4XBpZGE=", "Ação rápida"),
        ("iso-8859-2", "WmG/87Pm", "Zażółć"),
        ("iso-8859-3", "oWFs", "Ħal"),
        ("iso-8859-4", "ob51b2xhcw==", "Ąžuolas"),
        ("iso-8859-5", "v+DY0tXi", "Привет"),
        ("iso-8859-6", "5dHNyMc=", "مرحبا"),
        ("iso-8859-7", "yuHr5+zd8eE=", "Καλημέρα"),
        ("iso-8859-8", "+ezl7Q==", "שלום"),
        ("iso-8859-9", "R/xuYXlk/W4=", "Günaydın"),
        ("iso-8859-10", "r7s=", "Ŋŧ"),
        ("iso-8859-11", "ysfRyrTV", "สวัสดี"),
        ("iso-8859-13", "wOjm", "Ąčę"),
        ("iso-8859-14", "0P4=", "Ŵŷ"),
        ("iso-8859-15", "UHJpeCAxMKQ=", "Prix 10€"),
        ("windows-1250", "WmG/87Pm", "Zażółć"),
        ("windows-1251", "z/Do4uXy", "Привет"),
        ("windows-1252", "k3F1b3RlZJQgliCA", "“quoted” – €"),
        ("windows-1253", "yuHr5+zd8eE=", "Καλημέρα"),
        ("windows-1254", "R/xuYXlk/W4=", "Günaydın"),
        ("windows-1255", "+ezl7Q==", "שלום"),
        ("windows-1256", "49HNyMc=", "مرحبا"),
        ("windows-1257", "wOjm", "Ąčę"),
        ("windows-1258", "Q+AgcGjq", "Cà phê"),
        ("koi8-r", "8NLJ18XU", "Привет"),
        ("iso-2022-jp", "GyRCJDMkcyRLJEEkTxsoQg==", "こんにちは"),
        ("shift_jis", "kL+LgY+RgsWCtw==", "請求書です"),
        ("euc-jp", "pe2lsKWkpfM=", "ログイン"),
        ("gb2312", "zt63qLXHwrw=", "无法登录"),
        ("gbk", "zt63qLXHwrw=", "无法登录"),
        ("gb18030", "zt63qLXHwryVMoI2", "无法登录𠀀"),
        ("big5", "tUyqa7VupEo=", "無法登入"),
        ("latin1", "Qefjbw==", "Ação"),
        ("utf8", "QcOnw6Nv", "Ação"),
        ("cp1252", "k3iU", "“x”"),
        ("euc-kr", "vsiz58fPvLy/5A==", "안녕하세요"),
        ("ks_c_5601-1987", "vsiz5w==", "안녕"),
    ]

    @Test("body in each charset decodes", arguments: samples)
    func body(_ sample: (String, String, String)) throws {
        let (label, b64, text) = sample
        let message = try parseMessage(["From: a@example.com", "Content-Type: text/plain; charset=\"\(label)\"",
                                        "Content-Transfer-Encoding: base64"], body: b64)
        #expect(message.text == text)
    }

    @Test("encoded word in each charset decodes", arguments: samples)
    func encodedWord(_ sample: (String, String, String)) throws {
        let (label, b64, text) = sample
        let message = try parseMessage(["From: a@example.com", "Subject: =?\(label)?B?\(b64)?="])
        #expect(message.subject == text)
    }

    @Test("undecodable bytes become U+FFFD, never an error", arguments: [
        ("utf-8", [0x61, 0xFF, 0x62] as [UInt8], "a\u{FFFD}b"),
        ("shift_jis", [0x61, 0x82] as [UInt8], "a\u{FFFD}"),
        ("no-such-charset", [0x61, 0xE9, 0x62] as [UInt8], "a\u{FFFD}b"),
        ("iso-2022-jp", [0x1B, 0x24, 0x42, 0xFF, 0xFF] as [UInt8], "\u{FFFD}\u{FFFD}"),
    ])
    func undecodable(_ sample: (String, [UInt8], String)) {
        let (label, bytes, expected) = sample
        let decoded = TextDecoder.decode(bytes, charset: Charset(label))
        #expect(decoded == expected)
    }

    @Test("unlabelled 8-bit text: UTF-8 when valid, else windows-1252")
    func unlabelled() throws {
        let utf8 = try parseMessage(["From: a@example.com"], raw: Array("Ação".utf8))
        #expect(utf8.text == "Ação")
        let latin = try parseMessage(["From: a@example.com"], raw: [0x41, 0xE7, 0xE3, 0x6F, 0x80])
        #expect(latin.text == "Açãoۥ".replacingOccurrences(of: "ۥ", with: "€"))
    }

    @Test("iconv descriptors are shared safely between threads")
    func concurrent() async {
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                group.addTask {
                    let (label, b64, text) = CharsetTests.samples[i % CharsetTests.samples.count]
                    let bytes = Base64.decode(Array(b64.utf8)[...])
                    return (0..<200).allSatisfy { _ in TextDecoder.decode(bytes, charset: Charset(label)) == text }
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}

@Suite("Header fields") struct HeaderTests {
    @Test("addresses", arguments: [
        ("John Doe <john@example.com>", ["John Doe|john@example.com"]),
        ("\"Doe, John\" <john@example.com>, jane@example.com", ["Doe, John|john@example.com", "nil|jane@example.com"]),
        ("Doe, John <john@example.com>", ["Doe, John|john@example.com"]),
        ("john@example.com (John Doe)", ["John Doe|john@example.com"]),
        ("Team: a@x.com, B <b@x.com>;, c@x.com", ["nil|a@x.com", "B|b@x.com", "nil|c@x.com"]),
        ("undisclosed-recipients:;", []),
        ("<@relay.example:user@host.example>", ["nil|user@host.example"]),
        ("=?utf-8?Q?Jo=C3=A3o?= <joao@x.com>", ["João|joao@x.com"]),
        ("\"=?utf-8?Q?Jo=C3=A3o?=\" <joao@x.com>", ["João|joao@x.com"]),
        ("Jo\u{e3}o Concei\u{e7}\u{e3}o <joao@x.com>", ["João Conceição|joao@x.com"]),
        ("\"Quote \\\" Inside\" <q@x.com>", ["Quote \" Inside|q@x.com"]),
        ("Broken <broken@x.com", ["Broken|broken@x.com"]),
        ("MAILER-DAEMON", ["nil|MAILER-DAEMON"]),
        ("  ", []),
    ])
    func addresses(_ sample: (String, [String])) throws {
        let message = try parseMessage(["From: a@example.com", "To: " + sample.0])
        #expect(message.to.map { "\($0.name ?? "nil")|\($0.address)" } == sample.1)
    }

    @Test("encoded words", arguments: [
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?=\r\n =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?= x =?utf-8?q?b?=", "a x b"),
        ("=?UTF-8?B?w6k=?= text", "é text"),
        ("=?utf-8?b?w6nDq?= =?utf-8?b?w6k=?=", "é\u{FFFD}é"),
        ("=?utf-8?B?4pyU?==?utf-8?B?4pyU?=", "✔✔"),
        ("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=", "café"),
        ("=?utf-8*pt-BR?Q?Ol=C3=A1?=", "Olá"),
        ("=?bogus?Q?a=E9b?=", "a\u{FFFD}b"),
        ("=?utf-8?X?abc?=", "=?utf-8?X?abc?="),
        ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
        ("prefix=?utf-8?q?=C3=A9?=suffix", "prefixésuffix"),
        ("Re: [#42] =?ISO-8859-1?Q?Relat=F3rio?=", "Re: [#42] Relatório"),
    ])
    func encodedWords(_ sample: (String, String)) throws {
        let message = try parseMessage(["From: a@example.com", "Subject: " + sample.0])
        #expect(message.subject == sample.1)
    }

    @Test("dates", arguments: [
        ("Tue, 24 Nov 2026 23:34:48 +0000", 1_795_563_288),
        ("24 Nov 2026 20:34:48 -0300", 1_795_563_288),
        ("Tue, 24 Nov 26 23:34:48 GMT", 1_795_563_288),
        ("Tue, 24 Nov 2026 18:34:48 EST", 1_795_563_288),
        ("Tue,  24  Nov  2026  23:34:48  +0000  (UTC)", 1_795_563_288),
        ("Tue Nov 24 23:34:48 2026", 1_795_563_288),
        ("Tue, 24 Nov 2026 23:34 +0000", 1_795_563_240),
        ("2026-11-24T23:34:48Z", 1_795_563_288),
    ])
    func dates(_ sample: (String, Int)) throws {
        let message = try parseMessage(["From: a@example.com", "Date: " + sample.0])
        #expect(message.date == Date(timeIntervalSince1970: TimeInterval(sample.1)))
    }

    @Test("invalid dates give nil", arguments: ["", "yesterday", "32 Foo 2026", "Tue, 99 Nov 2026 25:99:99 +0000"])
    func badDates(_ value: String) throws {
        #expect(try parseMessage(["From: a@example.com", "Date: " + value]).date == nil)
    }

    @Test("message ids", arguments: [
        ("<a@b>", ["a@b"]),
        ("<a@b> <c@d>\r\n <e@f>", ["a@b", "c@d", "e@f"]),
        ("<a@b> (John's message of yesterday)", ["a@b"]),
        ("a@b", ["a@b"]),
        ("< a@b >", ["a@b"]),
        ("", []),
    ])
    func messageIDs(_ sample: (String, [String])) throws {
        let message = try parseMessage(["From: a@example.com", "References: " + sample.0])
        #expect(message.references.map(\.rawValue) == sample.1)
    }

    @Test("folding, obsolete forms and raw 8-bit headers")
    func folding() throws {
        var bytes = Array("From: a@example.com\nSubject : folded\n\tline\n   two\nX-Latin: ".utf8)
        bytes += [0x43, 0x6F, 0x6E, 0x63, 0x65, 0x69, 0xE7, 0xE3, 0x6F]  // "Conceição" in latin1
        bytes += Array("\n\nbody".utf8)
        let message = try MessageParser().parse(bytes)
        #expect(message.subject == "folded\tline   two")
        #expect(message.header("x-latin") == "Conceição")
        #expect(message.headers.map(\.name) == ["From", "Subject", "X-Latin"])
    }

    @Test("mbox From_ line before the headers is skipped")
    func mboxLine() throws {
        let message = try parseMessage(["From someone@example.com Tue Nov 24 10:00:00 2026", "From: a@example.com", "Subject: s"])
        #expect(message.subject == "s")
        #expect(message.from?.address == "a@example.com")
    }
}

@Suite("RFC 2231 parameters") struct ParameterTests {
    @Test("filenames", arguments: [
        ("attachment; filename=\"simple.pdf\"", "simple.pdf"),
        ("attachment; filename=unquoted.pdf", "unquoted.pdf"),
        ("attachment; filename*=UTF-8''na%C3%AFve%20file.txt", "naïve file.txt"),
        ("attachment; filename*=iso-8859-1'es'a%F1o.txt", "año.txt"),
        ("attachment; filename*0=\"part one \"; filename*1=\"part two.doc\"", "part one part two.doc"),
        ("attachment; filename*1=\"second.doc\"; filename*0=\"first-\"", "first-second.doc"),
        ("attachment; filename*0*=utf-8''%C3%A7; filename*1=abc; filename*2*=%C3%A3", "çabcã"),
        ("attachment; filename=\"=?utf-8?B?UmVsYXTDs3Jpby5wZGY=?=\"", "Relatório.pdf"),
        ("attachment; filename=\"=?windows-1252?Q?Or=E7amento?= 2026.xlsx\"", "Orçamento 2026.xlsx"),
        ("attachment; filename=\"a \\\"quoted\\\" name\"", "a \"quoted\" name"),
        ("attachment; FILENAME=\"upper.txt\"", "upper.txt"),
        ("attachment; filename=\"Relat\u{f3}rio.pdf\"", "Relatório.pdf"),
    ])
    func filenames(_ sample: (String, String)) throws {
        let message = try parseMessage([
            "From: a@example.com", "Content-Type: multipart/mixed; boundary=b",
        ], body: "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: \(sample.0)\r\n\r\nxyz\r\n--b--\r\n")
        #expect(message.attachments.first?.filename == sample.1)
        #expect(message.attachments.first?.size == 3)
    }
}

@Suite("Transfer encodings") struct TransferEncodingTests {
    @Test("base64 is lenient", arguments: [
        ("SGVsbG8gd29ybGQ=", "Hello world"),
        ("SGVs\r\nbG8g\r\nd29y\r\nbGQ=", "Hello world"),
        ("SGVsbG8g d29ybGQ", "Hello world"),
        ("SGVsbG8=IHdvcmxk", "Hello world"),
        ("!!SGV*sbG8=", "Hello"),
        ("", ""),
        ("QQ", "A"),
        ("Q", ""),
    ])
    func base64(_ sample: (String, String)) {
        let input = Array(sample.0.utf8)
        let decoded = Base64.decode(input[...])
        #expect(String(decoding: decoded, as: UTF8.self) == sample.1)
        #expect(input.withUnsafeBufferPointer { Base64.decodedCount($0) } == decoded.count)
    }

    @Test("quoted-printable", arguments: [
        ("caf=C3=A9", "café"),
        ("soft=\r\nbreak", "softbreak"),
        ("soft= \t\r\nbreak", "softbreak"),
        ("soft=\nbreak", "softbreak"),
        ("trailing   \r\nspace", "trailing\r\nspace"),
        ("kept=20\r\n", "kept \r\n"),
        ("lower=c3=a9", "loweré"),
        ("bad=ZZ=", "bad=ZZ"),
        ("=", ""),
    ])
    func quotedPrintable(_ sample: (String, String)) {
        let input = Array(sample.0.utf8)
        let decoded = input.withUnsafeBufferPointer { QuotedPrintable.decode($0) }
        #expect(String(decoding: decoded, as: UTF8.self) == sample.1)
    }
}

@Suite("Text extraction") struct TextTests {
    @Test("HTML to text", arguments: [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<ul><li>x</li><li>y</li></ul>", "- x\n- y"),
        ("<a href=\"https://x.test/a?b=1&amp;c=2\">link</a>", "link (https://x.test/a?b=1&c=2)"),
        ("<a href=\"https://x.test\">https://x.test</a>", "https://x.test"),
        ("<script>var a = '<p>';</script>ok<style>p{}</style>", "ok"),
        ("<!-- comment <p>x</p> -->visible", "visible"),
        ("&aacute;&Eacute;&ccedil;&atilde;&ntilde;&iquest;&#233;&#xE9;&euro;&nbsp;&unknown;", "áÉçãñ¿éé€ &unknown;"),
        ("a   b\n\n  c", "a b c"),
        ("<pre>  keep\n  this</pre>", "keep\n  this"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("<div>unterminated <b", "unterminated"),
        ("<head><title>T</title></head><body>B</body>", "B"),
        ("<img src=x alt=\"logo\">", "logo"),
        ("&#0;&#xD800;&#1114112;", "\u{FFFD}\u{FFFD}\u{FFFD}"),
    ])
    func html(_ sample: (String, String)) {
        #expect(HTMLText.render(sample.0) == sample.1)
    }

    @Test("quoted replies and signatures are removed from newText", arguments: [
        ("New text\n\nOn Mon, 1 Jan 2026 at 10:00, Ana <a@x> wrote:\n> old", "New text"),
        ("Novo\n\nEm seg., 1 de jan. de 2026 às 10:00, Ana <a@x> escreveu:\n> antigo", "Novo"),
        ("Nuevo\n\nEl lun, 1 ene 2026 a las 10:00, Ana (<a@x>) escribió:\n> viejo", "Nuevo"),
        ("New\nOn Mon, 1 Jan 2026 at 10:00, Ana Maria Silva <ana.maria@example.com>\nwrote:\n> old", "New"),
        ("> quoted\nanswer\n> quoted again\nsecond answer", "answer\nsecond answer"),
        ("Text\n-----Original Message-----\nFrom: x", "Text"),
        ("Texto\n-----Mensagem original-----\nDe: x", "Texto"),
        ("Texto\n\n________________________________\nDe: Suporte\nEnviado: ontem\nPara: eu\nAssunto: x", "Texto"),
        ("Texto\nDe: Suporte <s@x>\nEnviada em: ontem\nPara: eu\nAssunto: x\n\nvelho", "Texto"),
        ("Body\n-- \nSignature", "Body"),
        ("Body\n--\nSignature", "Body"),
        ("Body\n\nSent from my iPhone", "Body"),
        ("Corpo\n\nEnviado do meu iPhone", "Corpo"),
        ("De: is a word here\nbut no header block", "De: is a word here\nbut no header block"),
        ("Line one\r\n\r\nLine two", "Line one\n\nLine two"),
        ("", ""),
    ])
    func newText(_ sample: (String, String)) {
        #expect(QuoteStripper.newText(sample.0) == sample.1)
    }

    @Test("a forward's forwarded text is new text; its header lines and older history are not", arguments: [
        ("Please see below.\n\n---------- Forwarded message ---------\nFrom: Ana <a@x>\nDate: Mon, 16 Nov 2026\n"
            + "Subject: rooms\nTo: Bo <b@x>\n\nAll rooms are offline.\n\nOn Sun, Ana <a@x> wrote:\n> older",
         "Please see below.\n\nAll rooms are offline."),
        ("Encaminho.\n\n---------- Mensagem encaminhada ---------\nDe: Ana <a@x>\nData: seg.\nAssunto: x\nPara: eu\n\n"
            + "As gravações não abrem.\n-- \nAna", "Encaminho.\n\nAs gravações não abrem."),
        ("FYI\n-----Original Message-----\nFrom: Greg\nSent: Monday\nTo: Karen\nSubject: call\n\nAttendees see nothing."
            + "\n\n-----Original Message-----\nFrom: IR\nSent: Sunday\nTo: Greg\nSubject: prep\n\nold",
         "FYI\n\nAttendees see nothing."),
        ("Reenvío.\nDe: Ana <a@x>\nEnviado: lunes\nPara: soporte\nAsunto: x\n\nNo hay audio.", "Reenvío.\n\nNo hay audio."),
    ])
    func forwardedText(_ sample: (String, String)) {
        #expect(QuoteStripper.newText(sample.0, forwarded: true) == sample.1)
        // Not a forward: the same text is cut at the marker.
        #expect(QuoteStripper.newText(sample.0).count < sample.1.count)
    }

    @Test("format=flowed is unwrapped (RFC 3676)", arguments: [
        ("The rooms are \nall offline \nsince 9.\nNext line.", false, "The rooms are all offline since 9.\nNext line."),
        ("Soft-\nbro\nken", false, "Soft-\nbro\nken"),
        ("split wo \nrd", true, "split word"),
        ("> quoted \n> text\nnew \ntext", false, "> quoted text\nnew text"),
        ("para \n> quote", false, "para \n> quote"),
        (" From stuffed\n>> deep \n>> er", false, "From stuffed\n>> deep er"),
        ("body\n-- \nsig", false, "body\n-- \nsig"),
        ("", false, ""),
    ])
    func flowed(_ sample: (String, Bool, String)) {
        #expect(FlowedText.unwrap(sample.0, delSp: sample.1) == sample.2)
    }

    @Test("a flowed part is unwrapped by the parser, and its quotes still stripped")
    func flowedMessage() throws {
        let raw = "From: a@x\r\nSubject: s\r\nContent-Type: text/plain; charset=utf-8; format=flowed\r\n\r\n"
            + "Nobody can join \r\nthe webinar.\r\n\r\nOn Mon, Ana wrote:\r\n> old \r\n> text\r\n"
        let message = try MessageParser().parse(Array(raw.utf8))
        #expect(message.text == "Nobody can join the webinar.\n\nOn Mon, Ana wrote:\n> old text")
        #expect(message.newText == "Nobody can join the webinar.")
    }

    @Test("forwards and flowed text built from hostile pieces never trap the stripper")
    func hostileForwardPieces() {
        let pieces = ["---------- Forwarded message ---------", "-----Original Message-----", "From: a@x", "De: b",
                      "Sent: today", "Subject:", "To: c", "", " ", "> quoted", "On Mon, Ana wrote:", "-- ", "--",
                      "text", "________________________________", "Enviado do meu iPhone", "From:", "\r"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var lines: [String] = []
            for _ in 0..<Int((state >> 40) % 24) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                lines.append(pieces[Int(state >> 33) % pieces.count])
            }
            let text = lines.joined(separator: "\n")
            let forwarded = QuoteStripper.newText(text, forwarded: true)
            #expect(forwarded.utf8.count <= text.utf8.count + 2)
            _ = QuoteStripper.newText(text)
            _ = FlowedText.unwrap(text.replacingOccurrences(of: "t", with: "t "), delSp: state & 1 == 0)
        }
    }

    @Test("subject prefix word", arguments: [("Re: x", "re"), ("  RES: x", "res"), (" tr : x", "tr"), ("Fwd:x", "fwd"),
                                             ("ÉNC: x", "énc"), ("Ré: x", "ré"), ("Réunion: x", nil), ("Reunião semanal: x", nil),
                                             ("No colon", nil), ("", nil)])
    func subjectPrefixWord(_ sample: (String, String?)) {
        #expect(SubjectPrefix.word(of: sample.0) == sample.1)
    }

    @Test("forward subjects", arguments: [("Fwd: x", true), ("FW: x", true), ("ENC: x", true), ("RV: x", true),
                                          ("  tr : x", true), ("WG: x", true), ("Re: x", false), ("RES: x", false),
                                          ("Forwarding rules", false), ("", false)])
    func forwardSubjects(_ sample: (String, Bool)) {
        #expect(QuoteStripper.isForward(subject: sample.0) == sample.1)
    }
}

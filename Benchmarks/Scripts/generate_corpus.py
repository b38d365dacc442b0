#!/usr/bin/env python3
"""Generate a deterministic corpus of realistic support mail for the parser benchmarks.

The same seed and count always give byte-identical files. Nothing here uses Python's
`email` package to *write* mail, so the corpus does not favour one of the parsers it feeds.

What a message can be (shares are targets; the summary printed at the end says what came out):
  * language: pt-BR 50 %, en 30 %, es 20 %; a customer's voice, greeting, log excerpt, signature;
  * size: most 2-20 KB (headers included), a few shorter, a few long threads;
  * ~20 % multipart/alternative text + HTML, ~5 % HTML only (some multipart/related with an
    inline logo), the rest text/plain;
  * ~10 % with 1-3 base64 attachments (PDF, PNG, JPEG, CSV, log, DOCX, ZIP) from tens of KB up
    to several MB, filenames in RFC 2231 or Outlook's quoted encoded-word form when not ASCII;
  * headers as servers write them: Return-Path, a Received chain, Authentication-Results,
    DKIM-Signature, Message-ID, Date, In-Reply-To/References on replies, RFC 2047 subjects and
    display names in UTF-8 and ISO-8859-1 (B and Q), a few raw UTF-8 headers (RFC 6532);
  * bodies in UTF-8, ISO-8859-1 or windows-1252, quoted-printable, 8bit or base64;
  * replies quote earlier mail (Gmail's "On ... wrote:", Outlook's "-----Original Message-----"
    / "De: ... Enviado:" blocks) and end with a "-- " signature;
  * CRLF line ends (as IMAP delivers them) for 85 %, bare LF for the rest.

Outputs, in --out: NNNNN.eml files, manifest.jsonl (the ground truth per file: message_id,
from, subject, a marker sentence the body contains, the attachments) and composition.json.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

FIRST = {
    "pt": ["João", "Maria", "José", "Ana", "Antônio", "Francisca", "Luís", "Conceição", "Sérgio",
           "Fernanda", "Márcio", "Patrícia", "Gustavo", "Letícia", "Mônica", "Otávio", "Cláudia",
           "Rafael", "Juliana", "Vinícius", "Thaís", "Flávio", "Débora", "André"],
    "en": ["John", "Mary", "Robert", "Linda", "Michael", "Sarah", "David", "Emily", "James",
           "Olivia", "Daniel", "Grace", "Kevin", "Hannah", "Steven", "Chloe"],
    "es": ["José", "María", "Íñigo", "Lucía", "Martín", "Begoña", "Sebastián", "Inés", "Andrés",
           "Mónica", "Jesús", "Sofía", "Ramón", "Ángela", "Rubén", "Núria"],
}
LAST = {
    "pt": ["Silva", "Santos", "Oliveira", "Souza", "Conceição", "Araújo", "Gonçalves", "Magalhães",
           "Simões", "Loureiro", "Brandão", "Falcão", "Assunção", "Pereira", "Guimarães", "Lima"],
    "en": ["Smith", "Johnson", "O'Brien", "Williams", "Taylor", "Anderson", "Clarke", "Walker",
           "Wright", "Harris", "Mitchell", "Turner"],
    "es": ["Muñoz", "García", "Fernández", "Peña", "Ibáñez", "Núñez", "Martínez", "López",
           "Sánchez", "Gutiérrez", "Ordóñez", "Castaño"],
}
DOMAINS = {
    "pt": ["gmail.com", "hotmail.com", "uol.com.br", "bol.com.br", "terra.com.br",
           "construtoraaurora.com.br", "escolaviva.edu.br", "clinicasaolucas.com.br",
           "prefeitura.exemplo.gov.br", "transportesrapido.com.br", "agrovale.com.br"],
    "en": ["gmail.com", "outlook.com", "yahoo.com", "acme-logistics.com", "brightlearning.org",
           "northwind-health.com", "contoso.co.uk", "globex.io"],
    "es": ["gmail.com", "hotmail.es", "telefonica.net", "clinicasantamaria.es",
           "universidad-andina.edu.co", "constructora-sol.com.mx", "logistica-sur.cl"],
}
TITLE = {
    "pt": ["Coordenador de TI", "Analista de Suporte", "Gerente Administrativa", "Diretora Pedagógica",
           "Secretária Executiva", "Técnico de Informática", "Sócio-diretor"],
    "en": ["IT Manager", "Office Administrator", "Head of Operations", "Systems Engineer",
           "Training Coordinator", "Executive Assistant"],
    "es": ["Jefe de Sistemas", "Coordinadora Académica", "Administrador de Red",
           "Gerente de Operaciones", "Asistente de Dirección"],
}
SUBJECTS = {
    "pt": ["Não consigo entrar nas reuniões", "Ninguém consegue iniciar reunião desde as 9h",
           "Áudio cortando nas videoconferências", "Dúvida sobre configuração da sala",
           "Gravação da reunião não aparece", "Webinar instável para os participantes",
           "URGENTE: serviço fora do ar", "Como alterar o plano da conta?",
           "Câmera não é reconhecida no aplicativo", "Solicitação de acesso ao beta",
           "Lentidão na plataforma desde ontem", "Convites não estão chegando",
           "Erro ao compartilhar tela", "Orçamento para treinamento da equipe",
           "Integração com o calendário parou", "Não é urgente: dúvida sobre legendas"],
    "en": ["Nobody can join meetings", "Every meeting fails to start for our whole company",
           "Audio drops for many users", "Question about room configuration",
           "Recording is missing after the meeting", "Webinar unstable since this morning",
           "URGENT: service down", "How do I change our billing plan?",
           "Camera not detected in the desktop app", "Request for beta access",
           "Screen sharing shows a black screen", "Calendar integration stopped syncing",
           "Not urgent, just curious about breakout rooms", "Invitations are not delivered"],
    "es": ["No podemos iniciar ninguna reunión", "El audio se corta en las videollamadas",
           "Consulta sobre la configuración de la sala", "La grabación no aparece",
           "Seminario web inestable para los asistentes", "URGENTE: el servicio está caído",
           "¿Cómo cambio el plan de facturación?", "La cámara no se detecta",
           "Solicitud de acceso a la beta", "Lentitud en la plataforma desde ayer",
           "No está caído, pero va muy lento", "Las invitaciones no llegan a los participantes"],
}
GREETING = {
    "pt": ["Olá, equipe de suporte,", "Bom dia,", "Boa tarde, pessoal do suporte.", "Prezados,", "Oi,"],
    "en": ["Hello support team,", "Hi,", "Good morning,", "Dear support,", "Hi there,"],
    "es": ["Hola, equipo de soporte:", "Buenos días,", "Buenas tardes,", "Estimados:", "Hola,"],
}
SENTENCES = {
    "pt": [
        "Desde hoje de manhã, por volta das 9h, ninguém da empresa consegue entrar nas reuniões agendadas.",
        "O aplicativo fica na tela de “Conectando…” e depois mostra uma mensagem de erro genérica.",
        "Já tentamos reiniciar os computadores, limpar o cache do navegador e trocar de rede, sem sucesso.",
        "O problema acontece tanto no Windows quanto no macOS, e também no celular.",
        "Alguns usuários relatam que o áudio corta a cada trinta segundos, principalmente em reuniões com mais de dez pessoas.",
        "Precisamos de uma solução com certa urgência, pois temos uma reunião com clientes às 14h.",
        "Gostaria de saber como configurar a sala para que os participantes entrem com o microfone desligado.",
        "A gravação da reunião de ontem não aparece na lista, embora o ícone de gravação estivesse ativo.",
        "Não é urgente, mas gostaria de entender como funcionam as legendas automáticas em português.",
        "Nosso plano é o Corporativo, com 150 licenças, e a conta está em nome da diretoria.",
        "Segue em anexo o log gerado pelo aplicativo e um print da tela de erro.",
        "O compartilhamento de tela mostra apenas uma tela preta para os outros participantes.",
        "Os convites enviados pelo calendário não estão chegando para os participantes externos.",
        "Vocês poderiam verificar se há alguma instabilidade no servidor da região São Paulo?",
        "Também notamos lentidão ao abrir o painel de administração, que demora mais de um minuto.",
        "Agradeço desde já pela atenção e aguardo um retorno o quanto antes.",
        "Gostaríamos de um orçamento para treinamento de vinte colaboradores na plataforma.",
        "Há alguma previsão de quando o recurso de salas simultâneas estará disponível na versão beta?",
        "Conseguimos contornar parcialmente usando o navegador, mas a qualidade do vídeo cai muito.",
        "É possível exportar o relatório de participação em formato CSV com os horários de entrada?",
    ],
    "en": [
        "Since about 9am today nobody in our company can join the scheduled meetings.",
        "The app stays on “Connecting…” and then shows a generic error message.",
        "We already restarted the computers, cleared the browser cache and switched networks, with no luck.",
        "It happens on Windows and macOS alike, and on phones too.",
        "Several users report that audio drops every thirty seconds, mostly in meetings with more than ten people.",
        "We need this fixed fairly soon because we have a customer meeting at 2pm.",
        "I would like to know how to configure the room so that participants join muted.",
        "Yesterday's recording does not show up in the list, although the recording icon was on.",
        "Not urgent, just curious how automatic captions work for Portuguese speakers.",
        "We are on the Business plan with 150 seats, and the account is owned by our finance team.",
        "Attached you will find the log the app produced and a screenshot of the error.",
        "Screen sharing shows only a black screen to the other participants.",
        "Calendar invitations are not reaching external participants.",
        "Could you check whether there is an incident on the US-East servers?",
        "We also noticed the admin dashboard takes more than a minute to load.",
        "Thanks in advance for your help; looking forward to hearing from you.",
        "We would like a quote for training twenty staff members on the platform.",
        "Is there an estimate for when breakout rooms will be available in the beta?",
        "We found a partial workaround using the browser, but video quality drops a lot.",
        "Is it possible to export the attendance report as CSV with join and leave times?",
    ],
    "es": [
        "Desde esta mañana, alrededor de las 9, nadie en la empresa puede entrar a las reuniones programadas.",
        "La aplicación se queda en «Conectando…» y luego muestra un mensaje de error genérico.",
        "Ya reiniciamos los equipos, borramos la caché del navegador y cambiamos de red, sin éxito.",
        "Ocurre tanto en Windows como en macOS, y también en los teléfonos.",
        "Varios usuarios indican que el audio se corta cada treinta segundos, sobre todo en reuniones de más de diez personas.",
        "Necesitamos una solución pronto porque tenemos una reunión con clientes a las 14 h.",
        "Quisiera saber cómo configurar la sala para que los participantes entren con el micrófono apagado.",
        "La grabación de ayer no aparece en la lista, aunque el icono de grabación estaba activo.",
        "No es urgente, pero me gustaría entender cómo funcionan los subtítulos automáticos en español.",
        "Tenemos el plan Business con 150 licencias y la cuenta está a nombre de la dirección.",
        "Adjunto el registro que generó la aplicación y una captura de la pantalla de error.",
        "Al compartir pantalla los demás participantes solo ven una pantalla negra.",
        "Las invitaciones del calendario no llegan a los participantes externos.",
        "¿Podrían revisar si hay alguna incidencia en los servidores de la región de Madrid?",
        "También notamos que el panel de administración tarda más de un minuto en cargar.",
        "Muchas gracias de antemano; quedo atento a su respuesta.",
        "Quisiéramos un presupuesto de formación para veinte personas del equipo.",
        "¿Hay alguna fecha prevista para las salas simultáneas en la versión beta?",
        "Encontramos una solución parcial usando el navegador, pero la calidad del vídeo baja mucho.",
        "¿Es posible exportar el informe de asistencia en CSV con las horas de entrada y salida?",
    ],
}
MARKER = {"pt": "Referência interna", "en": "Internal reference", "es": "Referencia interna"}
CLOSING = {
    "pt": ["Atenciosamente,", "Obrigado,", "Abraços,", "Att.,", "Grato,"],
    "en": ["Best regards,", "Thanks,", "Kind regards,", "Cheers,", "Regards,"],
    "es": ["Saludos cordiales,", "Gracias,", "Un saludo,", "Atentamente,"],
}
WROTE = {
    "pt": "Em {date}, {who} escreveu:",
    "en": "On {date}, {who} wrote:",
    "es": "El {date}, {who} escribió:",
}
OUTLOOK_HDR = {
    "pt": ("De:", "Enviado:", "Para:", "Assunto:"),
    "en": ("From:", "Sent:", "To:", "Subject:"),
    "es": ("De:", "Enviado el:", "Para:", "Asunto:"),
}
AGENT_REPLY = {
    "pt": ["Olá! Recebemos seu chamado e nossa equipe já está analisando.",
           "Poderia nos enviar o log do aplicativo e a versão do sistema operacional?",
           "Verificamos os servidores e não encontramos instabilidade na sua região."],
    "en": ["Hello! We received your request and our team is looking into it.",
           "Could you send us the app log and the operating system version?",
           "We checked the servers and found no incident in your region."],
    "es": ["¡Hola! Recibimos su solicitud y nuestro equipo ya la está revisando.",
           "¿Podría enviarnos el registro de la aplicación y la versión del sistema operativo?",
           "Revisamos los servidores y no encontramos incidencias en su región."],
}
REPLY_PREFIX = {"pt": ["Re: ", "RES: ", "Re: Re: "], "en": ["Re: ", "RE: ", "Re: RE: "],
                "es": ["Re: ", "RE: ", "RV: "]}
LOG_LINES = [
    "2026-11-23T09:{m:02d}:{s:02d}.{ms:03d}Z INFO  [media] negotiating ICE candidates, transport=udp port={port}",
    "2026-11-23T09:{m:02d}:{s:02d}.{ms:03d}Z WARN  [signal] websocket closed code=1006 reason=\"\" retry={n}",
    "2026-11-23T09:{m:02d}:{s:02d}.{ms:03d}Z ERROR [join] meeting {mid} join failed: ETIMEDOUT after 15000 ms",
    "2026-11-23T09:{m:02d}:{s:02d}.{ms:03d}Z INFO  [audio] device=\"Microfone (Realtek(R) Audio)\" sampleRate=48000",
    "2026-11-23T09:{m:02d}:{s:02d}.{ms:03d}Z DEBUG [net] rtt={n}ms jitter={port}us loss=0.{ms:03d}%",
]
SUPPORT = ("Suporte Reunir", "suporte@reunir.example")
AGENTS = ["Carla Mendes", "Bruno Tavares", "Laura Gómez", "Peter Walsh"]

# --------------------------------------------------------------------------------------------
# Encoders written out by hand (RFC 2045 §6.7, RFC 2047, RFC 2231)
# --------------------------------------------------------------------------------------------

QP_SAFE = set(range(33, 127)) - {ord("=")}


def qp_encode(text: bytes) -> bytes:
    """Quoted-printable (RFC 2045 §6.7) of LF-separated text; lines ≤ 76 with soft breaks."""
    out: list[bytes] = []
    for line in text.split(b"\n"):
        enc: list[str] = []
        for i, b in enumerate(line):
            if b in QP_SAFE or (b in (9, 32) and i != len(line) - 1):
                enc.append(chr(b))
            else:
                enc.append("=%02X" % b)
        cur = ""
        for token in enc:
            if len(cur) + len(token) > 75:
                out.append((cur + "=").encode("ascii"))
                cur = ""
            cur += token
        out.append(cur.encode("ascii"))
    return b"\n".join(out)


def b64_lines(data: bytes, width: int = 76) -> bytes:
    enc = base64.b64encode(data)
    return b"\n".join(enc[i:i + width] for i in range(0, len(enc), width))


def encoded_words(text: str, charset: str, kind: str, first_room: int = 60) -> list[str]:
    """RFC 2047 encoded words for `text`, split on character boundaries (each word ≤ 75)."""
    words: list[str] = []
    cur = ""
    prefix = f"=?{charset}?{kind}?"

    def enc(s: str) -> str:
        raw = s.encode(charset)
        if kind == "B":
            return base64.b64encode(raw).decode("ascii")
        parts = []
        for b in raw:
            if b == 32:
                parts.append("_")
            elif (48 <= b <= 57) or (65 <= b <= 90) or (97 <= b <= 122) or chr(b) in "!*+-/":
                parts.append(chr(b))
            else:
                parts.append("=%02X" % b)
        return "".join(parts)

    for ch in text:
        if len(prefix) + len(enc(cur + ch)) + 2 > 75 and cur:
            words.append(prefix + enc(cur) + "?=")
            cur = ""
        cur += ch
    if cur:
        words.append(prefix + enc(cur) + "?=")
    return words


def fold(name: str, value_tokens: list[str]) -> str:
    """Joins tokens into `Name: value`, folding at whitespace before column 78 (RFC 5322 §2.2.3)."""
    line = name + ":"
    lines: list[str] = []
    for tok in value_tokens:
        if len(line) + 1 + len(tok) > 76 and line.strip() != name + ":":
            lines.append(line)
            line = " " + tok
        else:
            line += " " + tok
    lines.append(line)
    return "\n".join(lines)


def is_ascii(s: str) -> bool:
    return all(ord(c) < 128 for c in s)


# --------------------------------------------------------------------------------------------
# One message
# --------------------------------------------------------------------------------------------


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.base_date = datetime(2026, 11, 2, 8, 0, 0, tzinfo=timezone(timedelta(hours=-3)))

    # -- small pieces ------------------------------------------------------------------------
    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def msgid(self, domain: str) -> str:
        r = self.r
        style = r.random()
        if style < 0.4:  # Gmail
            return "CA%s@mail.gmail.com" % base64.b64encode(r.randbytes(33), b"+_").decode().rstrip("=")
        if style < 0.7:  # Outlook
            return "%s@%s.prod.outlook.com" % (
                "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(44)),
                "CP" + str(r.randrange(100, 999)) + "MB" + str(r.randrange(1000, 9999)) + ".BRAP" + str(r.randrange(100, 999)))
        return "%08x.%04x.%s@%s" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(40), domain)

    def rfc2822_date(self, dt: datetime) -> str:
        days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        off = dt.utcoffset()
        mins = int(off.total_seconds() // 60) if off else 0
        sign = "+" if mins >= 0 else "-"
        mins = abs(mins)
        return "%s, %d %s %d %02d:%02d:%02d %s%02d%02d" % (
            days[dt.weekday()], dt.day, months[dt.month - 1], dt.year, dt.hour, dt.minute, dt.second,
            sign, mins // 60, mins % 60)

    def person(self, lang: str):
        first = self.pick(FIRST[lang])
        last = self.pick(LAST[lang])
        domain = self.pick(DOMAINS[lang])
        local = (first + "." + last).lower()
        local = local.translate(str.maketrans("áàâãäéêèíîïóôõöúüçñ'", "aaaaaeeeiiioooouucn_"))
        if self.r.random() < 0.2:
            local += str(self.r.randrange(1, 99))
        return f"{first} {last}", f"{local}@{domain}", domain

    def log_excerpt(self, lines: int) -> str:
        out = []
        for _ in range(lines):
            tpl = self.pick(LOG_LINES)
            out.append(tpl.format(m=self.r.randrange(60), s=self.r.randrange(60), ms=self.r.randrange(1000),
                                  port=self.r.randrange(1024, 65535), n=self.r.randrange(1, 400),
                                  mid=self.r.randrange(10**9, 10**10)))
        return "\n".join(out)

    # -- the body text -------------------------------------------------------------------------
    def compose_text(self, lang: str, name: str, title: str, company: str, target: int, reply: bool,
                     outlook: bool, when: datetime, marker: str) -> tuple[str, list[tuple[str, str]]]:
        """Returns the plain text and its structure as (kind, text) blocks for the HTML twin."""
        r = self.r
        blocks: list[tuple[str, str]] = []
        blocks.append(("p", self.pick(GREETING[lang])))
        paras = []
        for _ in range(r.randint(2, 4)):
            paras.append(" ".join(self.pick(SENTENCES[lang]) for _ in range(r.randint(2, 4))))
        paras.insert(1, marker)
        for p in paras:
            blocks.append(("p", p))
        if r.random() < 0.35:
            blocks.append(("pre", self.log_excerpt(r.randint(4, 18))))
        blocks.append(("p", self.pick(CLOSING[lang]) + "\n" + name))
        sig = f"{name}\n{title}\n{company}\nTel.: +55 11 9{r.randrange(1000, 9999)}-{r.randrange(1000, 9999)}"
        blocks.append(("sig", sig))

        def render(bs):
            out = []
            for kind, t in bs:
                if kind == "sig":
                    out.append("-- \n" + t)
                elif kind == "quote":
                    out.append(t)
                else:
                    out.append(t)
            return "\n\n".join(out)

        text = render(blocks)
        # Quoted history until the target size is reached (replies), or more detail (first mails).
        depth = 0
        while len(text.encode("utf-8")) < target and depth < 40:
            depth += 1
            if reply:
                agent = self.pick(AGENTS)
                earlier = when - timedelta(hours=r.randint(1, 30) * depth)
                body = "\n\n".join([self.pick(GREETING[lang])] + [self.pick(AGENT_REPLY[lang]) for _ in range(r.randint(1, 3))]
                                   + [" ".join(self.pick(SENTENCES[lang]) for _ in range(r.randint(2, 5)))
                                      for _ in range(r.randint(1, 3))] + [f"{agent}\n{SUPPORT[0]}"])
                if outlook:
                    h = OUTLOOK_HDR[lang]
                    q = ("-----Original Message-----\n" if lang == "en" else "________________________________\n") + \
                        f"{h[0]} {agent} <{SUPPORT[1]}>\n{h[1]} {self.rfc2822_date(earlier)}\n" \
                        f"{h[2]} {name}\n{h[3]} Re: chamado #{r.randrange(10000, 99999)}\n\n{body}"
                else:
                    wrote = WROTE[lang].format(date=self.rfc2822_date(earlier), who=f"{agent} <{SUPPORT[1]}>")
                    q = wrote + "\n\n" + "\n".join(("> " + l) if l else ">" for l in body.split("\n"))
                blocks.append(("quote", q))
            else:
                blocks.insert(len(blocks) - 2, ("p", " ".join(self.pick(SENTENCES[lang]) for _ in range(r.randint(3, 6)))))
                if r.random() < 0.3:
                    blocks.insert(len(blocks) - 2, ("pre", self.log_excerpt(r.randint(5, 25))))
            text = render(blocks)
        return text, blocks

    def html_from_blocks(self, blocks: list[tuple[str, str]], outlook: bool, logo_cid: str | None) -> str:
        def esc(s: str) -> str:
            s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if self.r.random() < 0.3:
                s = s.replace("ç", "&ccedil;").replace("ã", "&atilde;").replace("é", "&eacute;").replace("ñ", "&ntilde;")
            return s

        out = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">']
        if outlook:
            out.append('<style><!--\n@font-face {font-family:"Calibri";}\np.MsoNormal, li.MsoNormal '
                       '{margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}\n'
                       'a:link {color:#0563C1; text-decoration:underline;}\n--></style>')
        out.append('</head><body lang="PT-BR" link="#0563C1"><div dir="ltr">')
        for kind, t in blocks:
            if kind == "pre":
                out.append("<pre style=\"font-family:monospace\">" + esc(t) + "</pre>")
            elif kind == "sig":
                lines = "<br>".join(esc(x) for x in t.split("\n"))
                img = f'<br><img src="cid:{logo_cid}" width="120" height="40" alt="logo">' if logo_cid else ""
                out.append(f'<div class="gmail_signature" style="color:#888">--&nbsp;<br>{lines}{img}</div>')
            elif kind == "quote":
                head, _, rest = t.partition("\n\n")
                rest = "\n".join(l[2:] if l.startswith("> ") else l.lstrip(">") for l in rest.split("\n"))
                paras = "".join(f"<p>{esc(p).replace(chr(10), '<br>')}</p>" for p in rest.split("\n\n"))
                out.append(f'<div class="gmail_quote"><div class="gmail_attr">{esc(head).replace(chr(10), "<br>")}</div>'
                           f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;'
                           f'padding-left:1ex">{paras}</blockquote></div>')
            else:
                cls = ' class="MsoNormal"' if outlook else ""
                out.append(f"<p{cls}>{esc(t).replace(chr(10), '<br>')}</p>")
        out.append("</div></body></html>")
        # HTML mailers write long lines; wrap at tag boundaries now and then.
        html = "".join(out)
        return html.replace("><p", ">\n<p").replace("</div><", "</div>\n<")

    # -- parts ---------------------------------------------------------------------------------
    def text_part(self, text: str, subtype: str, lang: str, client: str, crlf: bool) -> tuple[list[str], bytes, str]:
        r = self.r
        roll = r.random()
        if lang == "en" and is_ascii(text) and roll < 0.5:
            charset = "us-ascii"
        elif roll < 0.70:
            charset = "utf-8"
        elif roll < 0.88:
            charset = "iso-8859-1"
        else:
            charset = "windows-1252"
        if client == "outlook" and charset == "utf-8" and r.random() < 0.4:
            charset = "windows-1252"
        if charset == "iso-8859-1":
            text = (text.replace("“", '"').replace("”", '"').replace("…", "...").replace("«", "<<")
                    .replace("»", ">>") if not all(ord(c) < 256 for c in text) else text)
        if subtype == "html" and charset != "utf-8":
            text = text.replace("charset=utf-8", "charset=" + charset)
        try:
            raw = text.encode(charset)
        except UnicodeEncodeError:
            charset = "utf-8"
            raw = text.encode(charset)
        if charset == "us-ascii":
            cte = "7bit"
        elif subtype == "html":
            cte = "quoted-printable" if r.random() < 0.7 else "base64"
        else:
            x = r.random()
            cte = "quoted-printable" if x < 0.5 else ("8bit" if x < 0.85 else "base64")
        if cte == "quoted-printable":
            body = qp_encode(raw)
        elif cte == "base64":  # canonical form (RFC 2045 §6.8): CRLF inside the encoding
            body = b64_lines(raw.replace(b"\n", b"\r\n") if crlf else raw)
        else:
            body = raw
        flowed = "; format=flowed" if subtype == "plain" and client == "thunderbird" else ""
        headers = [f'Content-Type: text/{subtype}; charset="{charset}"{flowed}',
                   f"Content-Transfer-Encoding: {cte}"]
        return headers, body, charset

    def attachment(self, lang: str) -> tuple[list[str], bytes, dict]:
        r = self.r
        kinds = [("application/pdf", "pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
                 ("image/png", "png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
                 ("image/jpeg", "jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
                 ("text/csv", "csv", b""),
                 ("text/plain", "log", b""),
                 ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", b"PK\x03\x04"),
                 ("application/zip", "zip", b"PK\x03\x04")]
        ctype, ext, magic = self.pick(kinds)
        x = r.random()
        if x < 0.62:
            size = int(10_000 * (15 ** r.random()))  # 10-150 KB
        elif x < 0.92:
            size = int(150_000 * (6.5 ** r.random()))  # 150 KB-1 MB
        else:
            size = int(1_000_000 * (5 ** r.random()))  # 1-5 MB
        if ext in ("csv", "log"):
            size = min(size, 400_000)
            lines = []
            total = 0
            while total < size:
                line = (self.log_excerpt(1) if ext == "log" else
                        f"{r.randrange(10**6)};{self.pick(FIRST[lang])} {self.pick(LAST[lang])};"
                        f"2026-11-{r.randint(1, 28):02d} 09:{r.randrange(60):02d};{r.randrange(3600)}")
                lines.append(line)
                total += len(line.encode("utf-8")) + 2
            data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
        else:
            data = magic + r.randbytes(max(0, size - len(magic)))
        stem = {
            "pt": ["relatório", "captura de tela", "log_aplicação", "orçamento", "contrato", "erro-reunião", "participantes"],
            "en": ["report", "screenshot", "app-log", "quote", "contract", "meeting_error", "attendees"],
            "es": ["informe", "captura de pantalla", "registro_aplicación", "presupuesto", "contrato", "error-reunión", "asistentes"],
        }[lang]
        filename = f"{self.pick(stem)} {r.randrange(1, 40)}.{ext}" if r.random() < 0.5 else f"{self.pick(stem)}.{ext}"
        if is_ascii(filename):
            disp = f'Content-Disposition: attachment; filename="{filename}"'
            ct = f'Content-Type: {ctype}; name="{filename}"'
        elif r.random() < 0.5:  # RFC 2231
            pct = "".join(c if (c.isascii() and (c.isalnum() or c in "-_.")) else "".join("%%%02X" % b for b in c.encode("utf-8")) for c in filename)
            if len(pct) > 40 and r.random() < 0.5:  # continuations
                pieces = [pct[i:i + 30] for i in range(0, len(pct), 30)]
                disp = "Content-Disposition: attachment;\n" + ";\n".join(
                    f" filename*{i}*={'utf-8' + chr(39) * 2 if i == 0 else ''}{p}" for i, p in enumerate(pieces))
            else:
                disp = f"Content-Disposition: attachment;\n filename*=utf-8''{pct}"
            ct = f"Content-Type: {ctype};\n name*=utf-8''{pct}"
        else:  # Outlook: a quoted encoded word
            ew = " ".join(encoded_words(filename, "utf-8", "B"))
            disp = f'Content-Disposition: attachment;\n filename="{ew}"'
            ct = f'Content-Type: {ctype};\n name="{ew}"'
        headers = [ct, disp, "Content-Transfer-Encoding: base64"]
        if r.random() < 0.3:
            headers.append(f"Content-Description: {filename}" if is_ascii(filename)
                           else "Content-Description: " + " ".join(encoded_words(filename, "utf-8", "Q")))
        return headers, b64_lines(data), {"filename": filename, "content_type": ctype, "size": len(data)}

    def boundary(self) -> str:
        r = self.r
        style = r.random()
        if style < 0.4:
            return "000000000000" + "%016x" % r.getrandbits(64)
        if style < 0.7:
            return "_%03d_%s_" % (r.randrange(1000), "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(36)))
        return "----=_Part_%d_%d.%d" % (r.randrange(10**6), r.randrange(10**9), r.randrange(10**13))

    @staticmethod
    def multipart(subtype: str, boundary: str, parts: list[tuple[list[str], bytes]], extra: str = "") -> tuple[list[str], bytes]:
        out = []
        if subtype == "mixed" or subtype == "alternative":
            out.append(b"This is a multi-part message in MIME format.\n")
        for hdrs, body in parts:
            out.append(("--" + boundary + "\n").encode("ascii"))
            out.append("\n".join(hdrs).encode("utf-8") + b"\n\n")
            out.append(body + b"\n")
        out.append(("--" + boundary + "--\n").encode("ascii"))
        return [f'Content-Type: multipart/{subtype};{extra}\n boundary="{boundary}"'], b"".join(out)

    # -- the whole message ---------------------------------------------------------------------
    def message(self, index: int) -> tuple[bytes, dict]:
        r = self.r
        lang = r.choices(["pt", "en", "es"], [0.5, 0.3, 0.2])[0]
        client = r.choices(["gmail", "outlook", "apple", "thunderbird", "mobile"], [0.4, 0.3, 0.12, 0.08, 0.1])[0]
        name, addr, domain = self.person(lang)
        company = domain.split(".")[0].replace("-", " ").title()
        title = self.pick(TITLE[lang])
        when = self.base_date + timedelta(seconds=r.randrange(0, 21 * 86400))
        reply = r.random() < 0.35
        crlf = r.random() < 0.85
        x = r.random()
        if x < 0.05:
            target = r.randint(600, 1800)
        elif x < 0.95:
            target = int(1400 * (12 ** r.random()))  # body ≈ 1.4-17 KB; headers add 2-4 KB
        else:
            target = r.randint(18_000, 60_000)
        shape = r.random()
        with_html = shape < 0.20
        html_only = 0.20 <= shape < 0.25
        with_att = r.random() < 0.10
        if with_html:  # the HTML twin roughly doubles what the text weighs
            target = target * 5 // 10
        marker = f"{MARKER[lang]} ZX-{index:05d}-{r.randrange(1000, 9999)}."
        text, blocks = self.compose_text(lang, name, title, company, target, reply, client == "outlook", when, marker)

        logo_cid = None
        if (with_html or html_only) and client == "outlook" and r.random() < 0.5:
            logo_cid = "image001.png@01DB3E4A.%08X" % r.getrandbits(32)

        # Body parts.
        parts: list[tuple[list[str], bytes]] = []
        charsets = []
        if with_html or html_only:
            html = self.html_from_blocks(blocks, client == "outlook", logo_cid)
            hh, hb, hcs = self.text_part(html, "html", lang, client, crlf)
            charsets.append(hcs)
            if logo_cid:
                logo = b"\x89PNG\r\n\x1a\n" + r.randbytes(r.randint(3000, 9000))
                lh = ['Content-Type: image/png; name="image001.png"', "Content-Description: image001.png",
                      'Content-Disposition: inline; filename="image001.png"', f"Content-ID: <{logo_cid}>",
                      "Content-Transfer-Encoding: base64"]
                html_node = self.multipart("related", self.boundary(), [(hh, hb), (lh, b64_lines(logo))],
                                           ' type="text/html";')
            else:
                html_node = (hh, hb)
            if with_html:
                th, tb, tcs = self.text_part(text, "plain", lang, client, crlf)
                charsets.append(tcs)
                body_node = self.multipart("alternative", self.boundary(), [(th, tb), html_node])
            else:
                body_node = html_node
        else:
            th, tb, tcs = self.text_part(text, "plain", lang, client, crlf)
            charsets.append(tcs)
            body_node = (th, tb)
        attachments = []
        if with_att:
            att_parts = [body_node]
            for _ in range(r.choices([1, 2, 3], [0.7, 0.2, 0.1])[0]):
                ah, ab, meta = self.attachment(lang)
                att_parts.append((ah, ab))
                attachments.append(meta)
            root = self.multipart("mixed", self.boundary(), att_parts)
        else:
            root = body_node

        # Headers.
        base_subject = self.pick(SUBJECTS[lang])
        if r.random() < 0.15:
            base_subject = base_subject.upper() if r.random() < 0.3 else base_subject + f" - chamado {r.randrange(10000, 99999)}"
        subject = (self.pick(REPLY_PREFIX[lang]) + base_subject) if reply else base_subject
        raw_utf8_headers = r.random() < 0.03
        mid = self.msgid(domain)
        h: list[str] = []
        h.append(f"Return-Path: <{addr}>")
        h.append(f"Delivered-To: {SUPPORT[1]}")
        hops = r.randint(2, 6)
        t = when + timedelta(seconds=hops * 2)
        for i in range(hops):
            ip = f"{r.randrange(11, 223)}.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}"
            host = f"mail-{self.pick(['ed1', 'qk1', 'pl1', 'yw1', 'lj1'])}-f{r.randrange(100, 999)}.{domain}"
            h.append(f"Received: from {host} ({host} [{ip}])\n\tby mx{i + 1}.reunir.example (Postfix) with ESMTPS id "
                     f"{r.getrandbits(44):011X}\n\tfor <{SUPPORT[1]}>; {self.rfc2822_date(t)}")
            t -= timedelta(seconds=r.randint(0, 3))
        h.append(f"Authentication-Results: mx1.reunir.example;\n\tdkim=pass (2048-bit key; unprotected) header.d={domain} "
                 f"header.i=@{domain} header.b=\"{base64.b64encode(r.randbytes(6)).decode()}\";\n\tspf=pass "
                 f"smtp.mailfrom={addr};\n\tdmarc=pass (p=none dis=none) header.from={domain}")
        b_sig = base64.b64encode(r.randbytes(256)).decode()
        h.append(fold("DKIM-Signature", ["v=1;", "a=rsa-sha256;", "c=relaxed/relaxed;", f"d={domain};", "s=20230601;",
                                         "t=%d;" % int(when.timestamp()),
                                         "h=mime-version:references:in-reply-to:from:date:message-id:subject:to:cc;",
                                         f"bh={base64.b64encode(r.randbytes(32)).decode()};"])
                 + "\n\t b=" + "\n\t ".join(b_sig[i:i + 70] for i in range(0, len(b_sig), 70)))
        h.append("MIME-Version: 1.0")
        if reply:
            refs = ["<%s>" % self.msgid(self.pick(["reunir.example", domain])) for _ in range(r.randint(1, 8))]
            h.append(fold("References", refs))
            h.append("In-Reply-To: " + refs[-1])
        # From with its display name as clients write it.
        style = r.random()
        if raw_utf8_headers:
            from_hdr = f"From: {name} <{addr}>"
        elif is_ascii(name):
            from_hdr = f'From: "{name}" <{addr}>' if style < 0.5 else f"From: {name} <{addr}>"
        elif style < 0.55:
            from_hdr = f"From: {' '.join(encoded_words(name, 'UTF-8', 'Q'))} <{addr}>"
        elif style < 0.8:
            from_hdr = f"From: {' '.join(encoded_words(name, 'UTF-8', 'B'))} <{addr}>"
        else:
            from_hdr = f"From: {' '.join(encoded_words(name, 'ISO-8859-1', 'Q'))} <{addr}>"
        h.append(from_hdr)
        h.append(f"Date: {self.rfc2822_date(when)}")
        h.append(f"Message-ID: <{mid}>")
        if raw_utf8_headers or is_ascii(subject):
            h.append(fold("Subject", subject.split(" ")))
        else:
            cs, kind = r.choices([("UTF-8", "B"), ("UTF-8", "Q"), ("ISO-8859-1", "Q"), ("iso-8859-1", "B")],
                                 [0.45, 0.3, 0.2, 0.05])[0]
            try:
                subject.encode(cs)
            except UnicodeEncodeError:
                cs = "UTF-8"
            h.append(fold("Subject", encoded_words(subject, cs, kind)))
        h.append(f"To: {SUPPORT[0]} <{SUPPORT[1]}>")
        if r.random() < 0.25:
            cname, caddr, _ = self.person(lang)
            h.append(f"Cc: {' '.join(encoded_words(cname, 'UTF-8', 'Q')) if not is_ascii(cname) else cname} <{caddr}>")
        if client == "outlook":
            h.append(f"Thread-Topic: {' '.join(encoded_words(base_subject, 'utf-8', 'B')) if not is_ascii(base_subject) else base_subject}")
            h.append(f"Thread-Index: {base64.b64encode(r.randbytes(22 + 5 * (reply + 0))).decode()}")
            h.append(f"X-MS-Has-Attach: {'yes' if attachments else ''}")
            h.append("X-MS-TNEF-Correlator: ")
            h.append("Content-Language: " + {"pt": "pt-BR", "en": "en-US", "es": "es-ES"}[lang])
            h.append("X-Mailer: Microsoft Outlook 16.0")
        elif client == "apple":
            h.append("X-Mailer: Apple Mail (2.3774.200.91.1.1)")
        elif client == "thunderbird":
            h.append("User-Agent: Mozilla Thunderbird")
        elif client == "mobile":
            h.append("X-Mailer: iPhone Mail (22A3354)")
        root_headers, root_body = root
        h.extend(root_headers)
        raw = ("\n".join(h) + "\n\n").encode("utf-8") + root_body
        if crlf:
            raw = raw.replace(b"\n", b"\r\n")
        truth = {
            "message_id": mid, "from": {"name": name, "address": addr}, "subject": subject, "marker": marker,
            "attachments": attachments, "lang": lang, "client": client, "html": with_html, "html_only": html_only,
            "reply": reply, "charsets": charsets, "crlf": crlf, "raw_utf8_headers": raw_utf8_headers,
        }
        return raw, truth


# --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=".build-bench/corpus", help="output folder (gitignored)")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.out):
        if f.endswith(".eml"):
            os.remove(os.path.join(args.out, f))
    gen = Gen(args.seed)
    sizes = []
    truths = []
    for i in range(args.count):
        raw, truth = gen.message(i)
        fname = f"{i:05d}.eml"
        with open(os.path.join(args.out, fname), "wb") as fh:
            fh.write(raw)
        truth["file"] = fname
        truth["bytes"] = len(raw)
        truths.append(truth)
        sizes.append(len(raw))
    with open(os.path.join(args.out, "manifest.jsonl"), "w", encoding="utf-8") as fh:
        for t in truths:
            fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    comp = composition(truths, args.seed)
    with open(os.path.join(args.out, "composition.json"), "w", encoding="utf-8") as fh:
        json.dump(comp, fh, indent=2, ensure_ascii=False)
    print(describe(comp))
    return 0


def composition(truths: list[dict], seed: int) -> dict:
    sizes = sorted(t["bytes"] for t in truths)
    n = len(sizes)
    buckets = [("< 2 KB", 0, 2048), ("2-20 KB", 2048, 20480), ("20-100 KB", 20480, 102400),
               ("100 KB-1 MB", 102400, 1 << 20), (">= 1 MB", 1 << 20, 1 << 62)]
    att_sizes = [a["size"] for t in truths for a in t["attachments"]]
    charsets: dict[str, int] = {}
    for t in truths:
        for c in t["charsets"]:
            charsets[c] = charsets.get(c, 0) + 1
    def pct(k):
        return round(100.0 * sum(1 for t in truths if t[k]) / n, 1)
    return {
        "seed": seed, "count": n, "total_bytes": sum(sizes),
        "size_percentiles": {f"p{p}": sizes[min(n - 1, int(n * p / 100))] for p in (10, 50, 90, 99)} | {"max": sizes[-1]},
        "size_buckets": {name: sum(1 for s in sizes if lo <= s < hi) for name, lo, hi in buckets},
        "languages": {l: sum(1 for t in truths if t["lang"] == l) for l in ("pt", "en", "es")},
        "multipart_alternative_pct": pct("html"), "html_only_pct": pct("html_only"), "reply_pct": pct("reply"),
        "with_attachments_pct": round(100.0 * sum(1 for t in truths if t["attachments"]) / n, 1),
        "attachments": {"count": len(att_sizes), "min": min(att_sizes, default=0), "max": max(att_sizes, default=0),
                        "total_bytes": sum(att_sizes)},
        "crlf_pct": pct("crlf"), "raw_utf8_header_pct": pct("raw_utf8_headers"), "text_part_charsets": charsets,
    }


def describe(c: dict) -> str:
    mb = c["total_bytes"] / 1e6
    p = c["size_percentiles"]
    b = ", ".join(f"{k}: {v}" for k, v in c["size_buckets"].items())
    a = c["attachments"]
    return (f"corpus: {c['count']} messages, {mb:.1f} MB (seed {c['seed']}); sizes p10 {p['p10'] / 1024:.1f} KB, "
            f"median {p['p50'] / 1024:.1f} KB, p90 {p['p90'] / 1024:.1f} KB, p99 {p['p99'] / 1024:.0f} KB, max {p['max'] / 1e6:.1f} MB\n"
            f"  by size: {b}\n"
            f"  languages {c['languages']}; multipart/alternative {c['multipart_alternative_pct']}%, "
            f"HTML only {c['html_only_pct']}%, with attachments {c['with_attachments_pct']}% "
            f"({a['count']} attachments, {a['min'] / 1e3:.0f} KB-{a['max'] / 1e6:.1f} MB, {a['total_bytes'] / 1e6:.1f} MB decoded); "
            f"replies {c['reply_pct']}%; CRLF {c['crlf_pct']}%; raw UTF-8 headers {c['raw_utf8_header_pct']}%\n"
            f"  body charsets {c['text_part_charsets']}")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Parse the generated corpus with three parsers in one run and compare their throughput.

Parsers, each extracting the same fields from every file (message_id, from name and address,
subject, the plain text -- rendered from the HTML part when there is no text/plain -- and the
attachments' filename, content type and decoded size):

  * swift        -- MailCore's MessageParser, through the `parse-corpus` executable of the
                    Benchmarks package (a release build; it times its own loop and writes what it
                    extracted to a JSON Lines file);
  * fast-mail-parser -- PyPI's Rust-backed parser (`fast_mail_parser.parse_email`);
  * python-email -- the standard library (`email.message_from_bytes(b, policy=policy.default)`,
                    `get_body(('plain', 'html'))`, `iter_attachments()`).

Every parser gets the files already in memory; only the parse + extraction loop is timed, for
several rounds, by the parsing thread's CPU time (what one core does, even on a machine shared with
other work) and by wall clock; best and median are reported. The two Python parsers share one HTML-to-text
function (the Swift parser renders HTML itself). Run the whole script on one core
(`taskset -c 0`, as compare-parsers.sh does): the Swift child inherits the affinity.

Afterwards each parser's output is checked against the generator's ground truth (manifest.jsonl),
and the parsers are checked against each other on subjects, senders and attachment sizes, so a
fast parser that skipped work shows up as disagreements.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import gc
import html
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

# --------------------------------------------------------------------------------------------
# Shared HTML -> text for the two Python parsers
# --------------------------------------------------------------------------------------------

_DROP = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.S | re.I)
_BREAK = re.compile(r"<(br|/p|/div|/li|/tr|/h[1-6]|/blockquote|/pre)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+")


def html_to_text(s: str) -> str:
    s = _DROP.sub("", s)
    s = _BREAK.sub("\n", s)
    s = _TAG.sub("", s)
    s = html.unescape(s).replace("\xa0", " ")
    s = _SPACES.sub(" ", s)
    return _BLANKS.sub("\n\n", s).strip()


def strip_angles(v: str | None) -> str | None:
    if v is None:
        return None
    v = v.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    return v or None


# --------------------------------------------------------------------------------------------
# Extractors: bytes -> (message_id, from_name, from_address, subject, text, [(filename, type, size)])
# --------------------------------------------------------------------------------------------

_POLICY = email.policy.default


def extract_python_email(b: bytes):
    m = email.message_from_bytes(b, policy=_POLICY)
    mid = strip_angles(str(m["Message-ID"])) if m["Message-ID"] is not None else None
    name = address = None
    frm = m["From"]
    if frm is not None and frm.addresses:
        a = frm.addresses[0]
        name, address = (a.display_name or None), a.addr_spec
    subject = str(m["Subject"] or "")
    text = ""
    body = m.get_body(("plain", "html"))
    if body is not None:
        content = body.get_content()
        text = html_to_text(content) if body.get_content_subtype() == "html" else content
    atts = []
    for part in m.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        atts.append((part.get_filename(), part.get_content_type(), len(payload),
                     part.get_content_disposition() == "inline"))
    return mid, name, address, subject, text, atts


def make_fast_mail_parser_extractor():
    import fast_mail_parser as fmp

    parse = fmp.parse_email

    def extract(b: bytes):
        m = parse(b)
        mid = None
        for k, v in m.headers.items():
            if k.lower() == "message-id":
                mid = strip_angles(v[0] if isinstance(v, list) else v)
                break
        name = address = None
        f = m.from_
        if isinstance(f, list):
            f = f[0] if f else None
        if f is not None:
            name, address = (f.display_name or None), f.address
        if m.text_plain:
            text = m.text_plain[0]
        elif m.text_html:
            text = html_to_text(m.text_html[0])
        else:
            text = ""
        atts = [(a.filename, a.mimetype, len(a.content), a.disposition == "inline") for a in m.attachments]
        return mid, name, address, m.subject or "", text, atts

    return extract


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


def time_python(extract, blobs: list[bytes], rounds: int):
    """Rounds of the whole loop by wall clock and by this thread's CPU time; also each message's
    fastest round by CPU time (for the per-kind breakdown)."""
    times = []
    cpu_times = []
    per_file = [float("inf")] * len(blobs)
    results = None
    errors = 0
    clock = time.thread_time_ns
    for _ in range(rounds):
        gc.collect()
        out = []
        errors = 0
        w0 = time.perf_counter_ns()
        t0 = before = clock()
        for i, b in enumerate(blobs):
            try:
                out.append(extract(b))
            except Exception as e:  # noqa: BLE001 -- a parser failure is a result, counted
                out.append(e)
                errors += 1
            after = clock()
            if after - before < per_file[i]:
                per_file[i] = after - before
            before = after
        cpu_times.append((clock() - t0) / 1e9)
        times.append((time.perf_counter_ns() - w0) / 1e9)
        results = out
        del out
    return times, cpu_times, [t / 1e9 for t in per_file], results, errors


def run_swift(binary: str, corpus: str, files: list[str], rounds: int, dump: str):
    listing = dump + ".files"
    with open(listing, "w", encoding="utf-8") as fh:
        fh.write("\n".join(os.path.join(corpus, f) for f in files) + "\n")
    proc = subprocess.run([binary, "--files", listing, "--rounds", str(rounds), "--dump", dump],
                          capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"{binary} exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    results = []
    with open(dump, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if "error" in d:
                results.append(RuntimeError(d["error"]))
            else:
                results.append((d["message_id"], d["from_name"], d["from_address"], d["subject"], d["text"],
                                [(a["filename"], a["content_type"], a["size"], a["inline"]) for a in d["attachments"]]))
    return (summary["seconds"], summary["cpu_seconds"], summary["per_file_min_cpu_seconds"], results,
            summary["errors"])


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")


def norm(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip()


def check_against_truth(results, truths):
    """Counts, per field, how many files a parser got wrong compared with the generator's truth."""
    bad = {"error": 0, "message_id": 0, "from_name": 0, "from_address": 0, "subject": 0, "text_marker": 0,
           "attachments": 0}
    examples: dict[str, list[str]] = {k: [] for k in bad}

    def miss(field, t, got):
        bad[field] += 1
        if len(examples[field]) < 3:
            examples[field].append(f"{t['file']}: {got!r}"[:200])

    for r, t in zip(results, truths):
        if isinstance(r, Exception):
            miss("error", t, str(r))
            continue
        mid, name, addr, subject, text, atts = r
        if mid != t["message_id"]:
            miss("message_id", t, mid)
        if norm(name) != norm(t["from"]["name"]):
            miss("from_name", t, name)
        if (addr or "") != t["from"]["address"]:
            miss("from_address", t, addr)
        if norm(subject) != norm(t["subject"]):
            miss("subject", t, subject)
        if norm(t["marker"]) not in norm(text):
            miss("text_marker", t, (text or "")[:120])
        got = {(f, s) for f, _, s, _ in atts}
        if any((a["filename"], a["size"]) not in got for a in t["attachments"]):
            miss("attachments", t, atts)
    return bad, examples


def pairwise(a, b):
    """Files on which two parsers disagree: subject, sender address, sizes of the attachments
    that are not inline (Python's iter_attachments does not list a multipart/related's inline
    images, the other two do)."""
    n = {"subject": 0, "from_address": 0, "attachment_sizes": 0}
    for x, y in zip(a, b):
        if isinstance(x, Exception) or isinstance(y, Exception):
            for k in n:
                n[k] += 1
            continue
        if norm(x[3]) != norm(y[3]):
            n["subject"] += 1
        if (x[2] or "") != (y[2] or ""):
            n["from_address"] += 1
        if sorted(s for _, _, s, inline in x[5] if not inline) != sorted(s for _, _, s, inline in y[5] if not inline):
            n["attachment_sizes"] += 1
    return n


# --------------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=".build-bench/corpus")
    ap.add_argument("--swift-bin", help="the parse-corpus executable (omit to skip the Swift parser)")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds for fast-mail-parser")
    ap.add_argument("--python-rounds", type=int, default=3, help="timed rounds for Python's email package")
    ap.add_argument("--swift-rounds", type=int, default=5, help="timed rounds for the Swift parser")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files (0: all)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    with open(os.path.join(args.corpus, "manifest.jsonl"), encoding="utf-8") as fh:
        truths = [json.loads(line) for line in fh]
    if args.limit:
        truths = truths[: args.limit]
    files = [t["file"] for t in truths]
    blobs = []
    for f in files:
        with open(os.path.join(args.corpus, f), "rb") as fh:
            blobs.append(fh.read())
    total = sum(len(b) for b in blobs)
    try:
        affinity = sorted(os.sched_getaffinity(0))
    except AttributeError:
        affinity = []
    import importlib.metadata as md

    env = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cpu": cpu_model(),
        "cpus_allowed": affinity, "python": platform.python_version(),
        "fast_mail_parser": md.version("fast-mail-parser"),
    }
    print(f"# {env['date']} on {env['cpu']}, cpus allowed {affinity}; python {env['python']}, "
          f"fast-mail-parser {env['fast_mail_parser']}")
    print(f"# corpus: {len(blobs)} files, {total / 1e6:.1f} MB in memory")

    figures = {}
    outputs = {}

    per_file = {}

    def record(name, wall, cpu, file_min, results, errors):
        per_file[name] = file_min
        figures[name] = {"rounds": len(wall), "errors": errors}
        for clock, times in (("cpu", cpu), ("wall", wall)):
            best, med = min(times), statistics.median(times)
            figures[name][clock] = {
                "best_s": best, "median_s": med,
                "msgs_per_s_best": len(blobs) / best, "msgs_per_s_median": len(blobs) / med,
                "mb_per_s_best": total / 1e6 / best, "mb_per_s_median": total / 1e6 / med,
            }
        outputs[name] = results
        for clock in ("cpu", "wall"):
            f = figures[name][clock]
            print(f"{name:17s} {clock:4s} best {f['msgs_per_s_best']:8.0f} msgs/s {f['mb_per_s_best']:7.1f} MB/s   "
                  f"median {f['msgs_per_s_median']:8.0f} msgs/s {f['mb_per_s_median']:7.1f} MB/s   "
                  f"({len(wall)} rounds, {errors} parse errors)", flush=True)

    print("# throughput by the parsing thread's CPU time (cpu) and by wall clock (wall)")
    if args.swift_bin:
        dump = os.path.join(args.corpus, "..", "swift-extracted.jsonl")
        record("swift", *run_swift(args.swift_bin, args.corpus, files, args.swift_rounds, dump))
    record("fast-mail-parser", *time_python(make_fast_mail_parser_extractor(), blobs, args.rounds))
    record("python-email", *time_python(extract_python_email, blobs, args.python_rounds))

    if "swift" in figures:
        for peer in ("fast-mail-parser", "python-email"):
            ratio = {}
            for clock in ("cpu", "wall"):
                s, p = figures["swift"][clock], figures[peer][clock]
                ratio[clock] = {"best": s["msgs_per_s_best"] / p["msgs_per_s_best"],
                                "median": s["msgs_per_s_median"] / p["msgs_per_s_median"]}
            figures[f"ratio_swift_over_{peer}"] = ratio
            print(f"ratio swift / {peer:16s} cpu best {ratio['cpu']['best']:6.2f}x median {ratio['cpu']['median']:6.2f}x"
                  f"   wall best {ratio['wall']['best']:6.2f}x median {ratio['wall']['median']:6.2f}x")

    # Per kind of mail: the sum over its files of each file's fastest round by CPU time (a slightly
    # optimistic figure, for every parser alike).
    kinds = {
        "text only, 2-20 KB": lambda t: not t["attachments"] and not (t["html"] or t["html_only"])
        and 2048 <= t["bytes"] < 20480,
        "text+HTML or HTML only, no attachment": lambda t: not t["attachments"] and (t["html"] or t["html_only"]),
        "with attachments": lambda t: bool(t["attachments"]),
        "all": lambda t: True,
    }
    print("# by kind of mail (sum of each file's fastest round, CPU time):")
    breakdown = {}
    for kind, pred in kinds.items():
        idx = [i for i, t in enumerate(truths) if pred(t)]
        size = sum(len(blobs[i]) for i in idx)
        row = {}
        for name, mins in per_file.items():
            secs = sum(mins[i] for i in idx)
            row[name] = {"files": len(idx), "msgs_per_s": len(idx) / secs if secs else 0.0,
                         "mb_per_s": size / 1e6 / secs if secs else 0.0}
        breakdown[kind] = row
        cells = "  ".join(f"{n} {v['msgs_per_s']:8.0f} msgs/s {v['mb_per_s']:7.1f} MB/s" for n, v in row.items())
        ratio = ""
        if "swift" in row and row["fast-mail-parser"]["msgs_per_s"]:
            ratio = f"  swift/fmp {row['swift']['msgs_per_s'] / row['fast-mail-parser']['msgs_per_s']:.2f}x"
        print(f"  {kind} ({len(idx)} files, {size / 1e6:.1f} MB): {cells}{ratio}")
    figures["by_kind"] = breakdown

    print("# correctness against the generator's ground truth (files wrong, per field):")
    checks = {}
    for name, results in outputs.items():
        bad, examples = check_against_truth(results, truths)
        checks[name] = bad
        print(f"  {name:17s} " + ", ".join(f"{k} {v}" for k, v in bad.items()))
        for field, ex in examples.items():
            for e in ex:
                print(f"      {field}: {e}")
    print("# disagreements between parsers (files):")
    names = list(outputs)
    agreement = {}
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            d = pairwise(outputs[names[i]], outputs[names[j]])
            agreement[f"{names[i]} vs {names[j]}"] = d
            print(f"  {names[i]} vs {names[j]}: " + ", ".join(f"{k} {v}" for k, v in d.items()))

    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"env": env, "files": len(blobs), "bytes": total, "figures": figures,
                       "truth_mismatches": checks, "disagreements": agreement}, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())

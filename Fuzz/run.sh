#!/usr/bin/env bash
# Builds the MailCore parser fuzzer (libFuzzer + AddressSanitizer) and runs it.
#   Fuzz/run.sh SECONDS
# The binary, corpus and any crash inputs live under .build-fuzz/ (gitignored). The corpus is seeded
# with the .eml fixtures. Exits non-zero when libFuzzer finds a crash; the input is saved as
# .build-fuzz/crashes/crash-<sha1>.
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build-fuzz"
mkdir -p "$out/corpus" "$out/crashes"

sources=()
while IFS= read -r -d '' f; do sources+=("$f"); done < <(find "$root/Sources/MailCore" -name '*.swift' -print0 | sort -z)

binary="$out/parser-fuzz"
newest_source="$(ls -t "${sources[@]}" "$root/Fuzz/ParserFuzz.swift" | head -1)"
if [[ ! -x "$binary" || "$newest_source" -nt "$binary" ]]; then
    echo "fuzz: building $binary" >&2
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name MailCoreFuzz \
        "${sources[@]}" "$root/Fuzz/ParserFuzz.swift" -o "$binary"
fi

cp -n "$root"/Tests/MailCoreTests/Fixtures/*.eml "$out/corpus/" 2>/dev/null || true

echo "fuzz: running for ${seconds}s" >&2
set +e
"$binary" "$out/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/" -print_final_stats=1
status=$?
set -e
if [[ $status -ne 0 ]]; then
    echo "fuzz: FAILED (status $status); crash inputs in $out/crashes/" >&2
fi
exit $status

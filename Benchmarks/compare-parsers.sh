#!/usr/bin/env bash
# Parse throughput of MailCore vs fast-mail-parser (PyPI, Rust) vs Python's email package, on the
# same generated corpus, in ONE run, pinned to ONE core. See Benchmarks/README.md.
#
#   Benchmarks/compare-parsers.sh [--count N] [--seed N] [--rounds N] [--python-rounds N]
#                                 [--swift-rounds N] [--limit N] [--no-swift]
#
# Steps: install fast-mail-parser with pip when missing; (re)generate the corpus in
# .build-bench/corpus when its count or seed differ; build the release `parse-corpus` executable of
# the Benchmarks package; run Scripts/compare_parsers.py under `taskset -c 0` (the Swift child
# inherits the affinity). Figures go to stdout and to .build-bench/compare.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${SUPPORT_INTAKE_CORPUS:-$root/.build-bench/corpus}"
count=1000
seed=20261124
swift=1
driver_args=()
while (($#)); do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --rounds | --python-rounds | --swift-rounds | --limit) driver_args+=("$1" "$2"); shift 2 ;;
        --no-swift) swift=0; shift ;;
        -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "compare-parsers: unknown argument $1" >&2; exit 2 ;;
    esac
done

python3 -c 'import fast_mail_parser' 2>/dev/null || {
    echo "# installing fast-mail-parser with pip"
    python3 -m pip install --quiet fast-mail-parser
}

# The corpus is deterministic; regenerate only when it is missing or made with other settings.
if ! python3 - "$corpus/composition.json" "$count" "$seed" <<'EOF'
import json, sys
try:
    c = json.load(open(sys.argv[1]))
except OSError:
    sys.exit(1)
sys.exit(0 if (c["count"], c["seed"]) == (int(sys.argv[2]), int(sys.argv[3])) else 1)
EOF
then
    python3 "$root/Benchmarks/Scripts/generate_corpus.py" --out "$corpus" --count "$count" --seed "$seed"
else
    PYTHONPATH="$root/Benchmarks/Scripts" python3 -c \
        'import json, sys, generate_corpus; print(generate_corpus.describe(json.load(open(sys.argv[1]))))' \
        "$corpus/composition.json"
fi

if ((swift)); then
    echo "# building parse-corpus (release)"
    swift build -c release --package-path "$root/Benchmarks" --product parse-corpus 2>&1 | tail -n 3
    bin="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/parse-corpus"
    driver_args+=(--swift-bin "$bin")
fi

pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    pin=(taskset -c 0)
else
    echo "# taskset unavailable: not pinned to one core"
fi
echo "# swift: $(swift --version 2>/dev/null | head -n 1)"
"${pin[@]}" python3 "$root/Benchmarks/Scripts/compare_parsers.py" --corpus "$corpus" \
    --json "$root/.build-bench/compare.json" "${driver_args[@]}"

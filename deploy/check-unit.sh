#!/usr/bin/env bash
# check-unit.sh — checks deploy/support-intake.service the way systemd will read it:
#   1. systemd-analyze security --offline=true: the exposure level must be ≤ MAX_EXPOSURE (2.0);
#   2. systemd-analyze verify: no unknown keys, no bad values, the ExecStart binary exists.
# Exit 0 when both pass, 1 otherwise (prints why). Needs systemd ≥ 252 (for --offline); runs without
# a running systemd (containers, CI).
#
# verify needs ExecStart's binary to be executable. When /usr/local/bin/support-intake is not
# installed, the check runs on a temporary copy of the unit whose ExecStart names the repository's
# built binary (.build/release or .build/debug, or SUPPORT_INTAKE_BIN); with none built, on /bin/true
# (the unit's syntax is still checked; the line saying so is printed).
#
# Usage: deploy/check-unit.sh [UNIT_FILE]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
UNIT="${1:-$HERE/support-intake.service}"
MAX_EXPOSURE="${MAX_EXPOSURE:-2.0}"
INSTALLED_BIN=/usr/local/bin/support-intake

command -v systemd-analyze >/dev/null || { echo "check-unit: systemd-analyze not found (apt-get install systemd)" >&2; exit 1; }
[[ -f "$UNIT" ]] || { echo "check-unit: no unit file $UNIT" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
name="$(basename "$UNIT")"
failed=0

# --- 1. security -----------------------------------------------------------------------------------
security_out="$work/security.txt"
if ! systemd-analyze security --offline=true --no-pager "$UNIT" >"$security_out" 2>&1; then
  # A non-zero status with a rating is fine here (it reflects --threshold); no rating is not.
  :
fi
level="$(sed -n 's/^→ Overall exposure level for .*: \([0-9.]*\) .*/\1/p' "$security_out" | tail -1)"
if [[ -z "$level" ]]; then
  echo "check-unit: FAIL security: no exposure level in systemd-analyze's output:" >&2
  cat "$security_out" >&2
  failed=1
elif awk -v l="$level" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(l + 0 <= m + 0) }'; then
  echo "check-unit: ok   security: exposure level $level (≤ $MAX_EXPOSURE)"
else
  echo "check-unit: FAIL security: exposure level $level > $MAX_EXPOSURE; exposed settings:" >&2
  grep '✗' "$security_out" >&2 || true
  failed=1
fi

# --- 2. verify -------------------------------------------------------------------------------------
verify_unit="$UNIT"
if [[ ! -x "$INSTALLED_BIN" ]]; then
  bin="${SUPPORT_INTAKE_BIN:-}"
  for candidate in "$REPO/.build/release/support-intake" "$REPO/.build/debug/support-intake"; do
    [[ -z "$bin" && -x "$candidate" ]] && bin="$candidate"
  done
  if [[ -z "$bin" ]]; then
    bin=/bin/true
    echo "check-unit: note verify: $INSTALLED_BIN not installed and nothing built; ExecStart checked with /bin/true"
  else
    echo "check-unit: note verify: $INSTALLED_BIN not installed; ExecStart checked with $bin"
  fi
  mkdir -p "$work/unit"
  sed "s#$INSTALLED_BIN#$bin#g" "$UNIT" >"$work/unit/$name"
  verify_unit="$work/unit/$name"
fi
verify_out="$work/verify.txt"
set +e
SYSTEMD_LOG_COLOR=0 systemd-analyze verify --man=no "$verify_unit" >"$verify_out" 2>&1
status=$?
set -e
# Lines about other units (a host's broken unit files, missing network-online.target in a container)
# are not ours: only lines naming this unit or its file count.
ours="$(grep -E "(^|/)$name(:| )" "$verify_out" || true)"
if [[ $status -eq 0 && -z "$ours" ]]; then
  echo "check-unit: ok   verify: no complaints"
elif [[ -z "$ours" ]]; then
  echo "check-unit: ok   verify: nothing about $name (systemd-analyze exit $status, from other units:)"
  sed 's/^/    /' "$verify_out"
else
  echo "check-unit: FAIL verify:" >&2
  echo "$ours" >&2
  failed=1
fi

exit $failed

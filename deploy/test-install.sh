#!/usr/bin/env bash
# test-install.sh — checks deploy/install.sh without touching the system: installs twice into a
# temporary DESTDIR (with --no-build and a stand-in binary when none is built) and checks the files,
# their modes, that the second run keeps an edited configuration, and that --dry-run changes nothing.
# Exit 0 on success. Usage: deploy/test-install.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A copy of what install.sh reads, with a release binary in place.
mkdir -p "$work/repo/deploy" "$work/repo/.build/release"
cp "$HERE/install.sh" "$HERE/support-intake.service" "$work/repo/deploy/"
cp -R "$REPO/samples" "$work/repo/samples"
[[ -f "$REPO/README.md" ]] && cp "$REPO/README.md" "$work/repo/"
if [[ -x "$REPO/.build/release/support-intake" ]]; then
  cp "$REPO/.build/release/support-intake" "$work/repo/.build/release/"
else
  printf '#!/bin/sh\necho support-intake stand-in\n' > "$work/repo/.build/release/support-intake"
  chmod 0755 "$work/repo/.build/release/support-intake"
fi
# The resource bundles (built-in rules, templates) the binary needs beside it: the release build's,
# else the debug build's, else a stand-in.
bundles=("$REPO"/.build/release/support-intake_Tickets.resources)
[[ -d "${bundles[0]}" ]] || bundles=("$REPO"/.build/debug/support-intake_Tickets.resources)
if [[ -d "${bundles[0]}" ]]; then
  cp -R "${bundles[@]}" "$work/repo/.build/release/"
else
  mkdir -p "$work/repo/.build/release/support-intake_Tickets.resources/Resources"
  echo "stand-in" > "$work/repo/.build/release/support-intake_Tickets.resources/Resources/rules.yaml"
fi

fail() { echo "test-install: FAIL: $*" >&2; exit 1; }
mode() { stat -c '%a' "$1"; }
root="$work/root"

# --dry-run writes nothing.
DESTDIR="$root" "$work/repo/deploy/install.sh" --dry-run --no-build >"$work/dry.txt"
[[ ! -e "$root" ]] || fail "--dry-run created $root"
grep -q "would write: $root/etc/support-intake/config.yaml" "$work/dry.txt" || fail "--dry-run does not say it would write the config"

# First install.
DESTDIR="$root" "$work/repo/deploy/install.sh" --no-build >"$work/first.txt"
[[ -x "$root/usr/local/bin/support-intake" && $(mode "$root/usr/local/bin/support-intake") == 755 ]] || fail "binary"
[[ -f "$root/usr/local/bin/support-intake_Tickets.resources/Resources/rules.yaml" ]] || fail "the Tickets resource bundle (rules, templates) is not beside the binary"
[[ $(mode "$root/etc/systemd/system/support-intake.service") == 644 ]] || fail "unit mode"
cmp -s "$HERE/support-intake.service" "$root/etc/systemd/system/support-intake.service" || fail "unit content"
[[ $(mode "$root/etc/support-intake/config.yaml") == 644 ]] || fail "config mode"
[[ $(mode "$root/etc/support-intake/credentials") == 700 ]] || fail "credentials folder mode"
grep -q '^  # password_file: ' "$root/etc/support-intake/config.yaml" || fail "password_file lines not commented out"
! grep -q '^  password_file: ' "$root/etc/support-intake/config.yaml" || fail "an active password_file line is left"
[[ -f "$root/usr/local/share/doc/support-intake/samples/config.yaml" ]] || fail "samples not installed"
grep -q "missing $root/etc/support-intake/credentials/imap.password" "$work/first.txt" || fail "no credentials hint"

# Second install: the edited configuration stays, the binary is replaced.
echo "# edited by the operator" >> "$root/etc/support-intake/config.yaml"
(umask 077; printf 'secret' > "$root/etc/support-intake/credentials/imap.password")
DESTDIR="$root" "$work/repo/deploy/install.sh" --no-build >"$work/second.txt"
grep -q "edited by the operator" "$root/etc/support-intake/config.yaml" || fail "the second run overwrote config.yaml"
grep -q "kept $root/etc/support-intake/config.yaml" "$work/second.txt" || fail "the second run does not say it kept the config"
[[ "$(cat "$root/etc/support-intake/credentials/imap.password")" == secret ]] || fail "credentials touched"
! grep -q "credentials/imap.password —" "$work/second.txt" || fail "hint for a credential that exists"

echo "test-install: ok (dry run, first install, idempotent second install)"

#!/usr/bin/env bash
# install.sh — builds support-intake in release mode and installs it as a systemd service.
#
#   /usr/local/bin/support-intake                 the binary (replaced on every run)
#   /usr/local/bin/*.resources/                   its resource bundles: built-in rules and mail
#                                                 templates (SwiftPM looks for them beside the binary)
#   /etc/systemd/system/support-intake.service    the unit (replaced on every run)
#   /etc/support-intake/config.yaml               from samples/config.yaml, only when missing
#                                                 (password_file lines commented out: the unit
#                                                 passes the passwords as credentials)
#   /etc/support-intake/credentials/              0700, for imap.password and smtp.password
#   /usr/local/share/doc/support-intake/          README.md and the samples
# The service runs as a DynamicUser (no account to create); its store is /var/lib/support-intake
# (StateDirectory=, created by systemd). Idempotent: running it again upgrades the binary and the
# unit and leaves the configuration and the credentials alone.
#
# Usage: deploy/install.sh [--dry-run] [--no-build] [--enable]
#   --dry-run   print what would be done, change nothing
#   --no-build  install the binary already in .build/release
#   --enable    also `systemctl enable --now` (only after config and credentials are in place)
# Environment: DESTDIR (stage into a folder, e.g. for packaging; systemctl is then skipped),
#              PREFIX (default /usr/local).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
DESTDIR="${DESTDIR:-}"
PREFIX="${PREFIX:-/usr/local}"
dry_run=0 build=1 enable=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=1 ;;
    --no-build) build=0 ;;
    --enable) enable=1 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done

BIN_DIR="$DESTDIR$PREFIX/bin"
DOC_DIR="$DESTDIR$PREFIX/share/doc/support-intake"
UNIT_DIR="$DESTDIR/etc/systemd/system"
CONF_DIR="$DESTDIR/etc/support-intake"
BUILT="$REPO/.build/release/support-intake"

run() {
  if [[ $dry_run -eq 1 ]]; then
    printf 'would run:'; printf ' %q' "$@"; printf '\n'
  else
    "$@"
  fi
}
note() { echo "install.sh: $*"; }

if [[ $dry_run -eq 0 && -z "$DESTDIR" && $(id -u) -ne 0 ]]; then
  echo "install.sh: run as root (or with --dry-run, or DESTDIR=…)" >&2
  exit 1
fi

# 1. Build.
if [[ $build -eq 1 ]]; then
  run swift build --package-path "$REPO" -c release --product support-intake
fi
if [[ $dry_run -eq 0 && ! -x "$BUILT" ]]; then
  echo "install.sh: $BUILT is missing (build first, or drop --no-build)" >&2
  exit 1
fi

# 2. Binary, unit, docs: replaced every time (an upgrade).
run install -d -m 0755 "$BIN_DIR" "$UNIT_DIR" "$DOC_DIR"
run install -m 0755 "$BUILT" "$BIN_DIR/support-intake"
# The built-in classifier rules and mail templates ship as SwiftPM resource bundles, which the
# binary finds beside itself; without them it refuses to start.
if [[ $dry_run -eq 0 && ! -d "$(dirname "$BUILT")/support-intake_Tickets.resources" ]]; then
  echo "install.sh: support-intake_Tickets.resources is missing beside $BUILT" >&2
  exit 1
fi
for bundle in "$(dirname "$BUILT")"/*.resources; do
  [[ -d "$bundle" && "$bundle" != *Tests.resources ]] || continue
  run rm -rf "$BIN_DIR/$(basename "$bundle")"
  run cp -R "$bundle" "$BIN_DIR/"
  run chmod -R u=rwX,go=rX "$BIN_DIR/$(basename "$bundle")"
done
run install -m 0644 "$HERE/support-intake.service" "$UNIT_DIR/support-intake.service"
[[ -f "$REPO/README.md" ]] && run install -m 0644 "$REPO/README.md" "$DOC_DIR/README.md"
if [[ -d "$REPO/samples" ]]; then
  run cp -R --no-preserve=ownership "$REPO/samples" "$DOC_DIR/"
fi

# 3. Configuration skeleton: never overwritten.
run install -d -m 0755 "$CONF_DIR"
if [[ -e "$CONF_DIR/config.yaml" ]]; then
  note "kept $CONF_DIR/config.yaml (exists)"
else
  if [[ $dry_run -eq 1 ]]; then
    echo "would write: $CONF_DIR/config.yaml from samples/config.yaml (password_file lines commented out), mode 0644"
  else
    sed -e 's|^\(  \)password_file: |\1# password_file: |' \
        -e 's|^\(# support-intake configuration.*\)$|\1\n# Installed by deploy/install.sh: passwords come from /etc/support-intake/credentials (systemd LoadCredential=).|' \
        "$REPO/samples/config.yaml" > "$CONF_DIR/config.yaml.new"
    chmod 0644 "$CONF_DIR/config.yaml.new"
    mv "$CONF_DIR/config.yaml.new" "$CONF_DIR/config.yaml"
    note "wrote $CONF_DIR/config.yaml: edit imap.url, imap.username, smtp.url, smtp.from, plans"
  fi
fi

# 4. Credentials folder (root only); the files are the operator's to write.
run install -d -m 0700 "$CONF_DIR/credentials"
for secret in imap.password smtp.password; do
  if [[ ! -s "$CONF_DIR/credentials/$secret" ]]; then
    note "missing $CONF_DIR/credentials/$secret — write it with:"
    note "  (umask 077; printf '%s' 'THE-PASSWORD' > $CONF_DIR/credentials/$secret)"
  fi
done

# 5. systemd.
if [[ -z "$DESTDIR" ]] && [[ -d /run/systemd/system ]]; then
  run systemctl daemon-reload
  if [[ $enable -eq 1 ]]; then
    run systemctl enable --now support-intake.service
  else
    note "start it with: systemctl enable --now support-intake   (logs: journalctl -u support-intake -f)"
  fi
else
  note "systemd is not running here (or DESTDIR is set): skipped daemon-reload/enable"
fi
note "check the unit with: deploy/check-unit.sh; the configuration with: support-intake check --config $CONF_DIR/config.yaml"

#!/usr/bin/env bash
# Installs Debian packages without their recommendations, quietly: apt's output goes to $KAOHE_APT_LOG (scripts/test.sh
# puts it in its log folder; default a temporary file, removed when apt succeeds) and is printed only if apt fails.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: scripts/apt-install.sh PACKAGE…" >&2; exit 2; }
own_log=0
if [ -n "${KAOHE_APT_LOG:-}" ]; then log=$KAOHE_APT_LOG; else log=$(mktemp "${TMPDIR:-/tmp}/kaohe-apt.XXXXXX"); own_log=1; fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt() { as_root env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
echo "Installing $* from Debian's packages (apt's output: $log)…" >&2
if ! { apt update -qq && apt install -y -qq --no-install-recommends "$@"; } >>"$log" 2>&1; then
  echo "apt-get failed to install $*. Its output ($log):" >&2
  cat "$log" >&2
  exit 1
fi
if [ "$own_log" -eq 1 ]; then rm -f "$log"; fi

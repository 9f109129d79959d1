#!/usr/bin/env bash
# Installs what the browser tests need from Debian's packages if it is missing: Chromium (driven by Playwright
# at /usr/bin/chromium) and the Noto CJK fonts (so Chinese renders in the screenshots). Safe to run again.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fonts=$(fc-list 2>/dev/null || true)
grep -qi "Noto Sans CJK" <<<"$fonts" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "For the browser tests:" >&2
  bash "$(dirname "$0")/apt-install.sh" "${missing[@]}"
fi

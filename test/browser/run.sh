#!/usr/bin/env bash
# Browser tests of `newsfuse serve` in headless Chromium (playwright-core, test/browser/).
# usage: run.sh NEWSFUSE ARTIFACT_DIR
# Exits 77 (meson: skipped) with a SKIP line when node, playwright-core or Chromium is absent;
# `scripts/install-deps` installs them (Debian chromium + `npm ci` here).
set -u
here="$(cd "${0%/*}" && pwd)"
nf="$1"
art="$2"
skip() { echo "SKIP browser tests: $*"; exit 77; }
command -v node >/dev/null 2>&1 || skip "node is not installed (apt-get install nodejs npm)"
[ -d "$here/node_modules/playwright-core" ] ||
  skip "playwright-core is not installed (cd test/browser && npm ci, or scripts/install-deps)"
chrome="${CHROMIUM:-}"
if [ -z "$chrome" ]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    [ -x "$c" ] && { chrome="$c"; break; }
  done
fi
[ -n "$chrome" ] && [ -x "$chrome" ] || skip "Chromium is not installed (apt-get install chromium)"
exec node "$here/serve.test.mjs" "$nf" "$chrome" "$art"

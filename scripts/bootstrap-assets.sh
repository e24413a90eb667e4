#!/usr/bin/env bash
# Install the front-end packages (package-lock.json) and copy the files the templates use into
# static/vendor/ (not committed): the Helsinki Design System CSS (hds-core) and htmx. The dev
# dependency vnu-jar (the W3C Nu Html Checker, run with Java by the browser tests) stays in node_modules/.
# Runs again only when package-lock.json changed. Needs Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=static/vendor
STAMP="$OUT/.package-lock.stamp"
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -f "$OUT/htmx.min.js" ] \
  && [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "bootstrap-assets: npm not found. Install Node.js 18+ (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
echo "bootstrap-assets: npm ci"
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$OUT/hds"
cp node_modules/hds-core/lib/base.min.css "$OUT/hds/base.min.css"
cp node_modules/hds-core/lib/components/all.min.css "$OUT/hds/components.min.css"
cp node_modules/hds-core/lib/icons/icons.min.css "$OUT/hds/icons.min.css"
cp node_modules/hds-core/LICENSE "$OUT/hds/LICENSE" 2>/dev/null || true
cp node_modules/htmx.org/dist/htmx.min.js "$OUT/htmx.min.js"
echo "$want" >"$STAMP"
echo "bootstrap-assets: static/vendor/ ready (hds-core $(node -p "require('./node_modules/hds-core/package.json').version"), htmx $(node -p "require('./node_modules/htmx.org/package.json').version"))"

#!/usr/bin/env bash
# Re-makes kiosk_ui/web/kiosk_jsqr.js, the kiosk's QR decoder, from the npm package jsqr (pinned in
# tests/browser/package.json; `make browser-deps` installs it). The result is committed: the build
# downloads nothing and the kiosk loads no CDN. Run by hand when the pinned version changes.
set -euo pipefail
cd "$(dirname "$0")/.."
src=tests/browser/node_modules/jsqr
version=$(node -p "require('./$src/package.json').version")
out=kiosk_ui/web/kiosk_jsqr.js
{
  echo "/* jsQR $version (https://github.com/cozmo/jsQR), the npm package jsqr, dist/jsQR.js unchanged"
  echo " * below this comment; vendored by scripts/vendor-jsqr.sh. Licensed under the Apache License,"
  echo " * Version 2.0, whose text follows."
  echo " *"
  sed -e 's#\*/#* /#g' -e 's/^/ * /' -e 's/ *$//' "$src/LICENSE"
  echo " */"
  cat "$src/dist/jsQR.js"
} > "$out"
echo "wrote $out (jsQR $version)"

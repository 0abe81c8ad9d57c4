#!/usr/bin/env bash
# Packs bananas-ts, installs the tarball into a fresh folder outside the repository (offline
# from the npm cache when possible, no native toolchain: the optional `gl` dependency of gpu.js
# is left out) and runs the examples there. Usage: bash examples/check-pack.sh [workdir]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/bananas-pack.XXXXXX)}"
mkdir -p "$work"

# build: tsc emits even when it reports type errors elsewhere; the package needs dist/src
# (CHECK_PACK_NO_BUILD=1: dist/ is already built, e.g. when the test suite calls this script)
if [ "${CHECK_PACK_NO_BUILD:-}" != 1 ]; then
  (cd "$repo" && npm run build --silent) || echo "check-pack: build reported errors (continuing with what was emitted)"
fi
test -f "$repo/dist/src/index.js" && test -f "$repo/dist/src/index.d.ts"

# pack
tarball="$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "check-pack: packed $work/$tarball ($(du -k "$work/$tarball" | cut -f1) KiB)"
if tar -tzf "$work/$tarball" | grep -E '^package/(test|bench|src|fixtures)/' >/dev/null; then
  echo "check-pack: the tarball holds files outside dist/src, bin and README" >&2
  exit 1
fi

# install into a fresh folder and run the examples
app="$work/app"
rm -rf "$app" && mkdir -p "$app"
cd "$app"
printf '{ "name": "bananas-pack-check", "private": true, "type": "module" }\n' > package.json
npm install --silent --prefer-offline --no-audit --no-fund --omit=optional "$work/$tarball"
cp "$repo"/examples/*.mjs "$app/"
for ex in "$app"/*.mjs; do
  echo "check-pack: node $(basename "$ex")"
  node "$ex"
done
echo "check-pack: ok ($app)"

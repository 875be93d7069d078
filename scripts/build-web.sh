#!/usr/bin/env bash
# Builds the web interface (web/ → web/dist/, which Maven packages into the node's jar) when its
# sources changed since the last build. Without npm it says so once and leaves dist/ absent: the
# node then serves a short page saying how to get the interface. Usage: scripts/build-web.sh [--quiet]
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
WEB="$ROOT/web"
quiet=${1:-}
say() { [ "$quiet" = --quiet ] || echo "$@" >&2; }

if ! command -v npm >/dev/null 2>&1; then
  say "build-web: npm is not installed, so the node is built without its web interface (sudo apt-get install nodejs npm)"
  exit 0
fi
stamp="$WEB/dist/index.html"
if [ -f "$stamp" ] && [ -z "$(find "$WEB/src" "$WEB/build.mjs" "$WEB/package-lock.json" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  exit 0
fi
if [ ! -d "$WEB/node_modules/esbuild" ] || [ "$WEB/package-lock.json" -nt "$WEB/node_modules/.package-lock.json" ]; then
  say "build-web: installing the web interface's npm packages…"
  npm ci --prefix "$WEB" --no-audit --no-fund --loglevel=error >&2
fi
say "build-web: building the web interface…"
rm -rf "$ROOT/app/target/classes/web" # no assets of earlier builds in the jar
(cd "$WEB" && node build.mjs >&2)

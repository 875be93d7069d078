#!/usr/bin/env bash
# Runs every test: unit, vector, interop (nostr-tools), integration and fuzz regression tests.
# Usage: ./test.sh [extra Maven arguments]
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
. "$ROOT/scripts/find-jdk.sh"
mutual_find_jdk || exit 2
echo "test.sh: using JDK at $JAVA_HOME" >&2

# nostr-tools and NDK for the interoperability tests; they skip with a message when missing.
if command -v npm >/dev/null 2>&1 && [ -f "$ROOT/interop/package-lock.json" ] \
   && { [ ! -d "$ROOT/interop/node_modules/nostr-tools" ] || [ ! -d "$ROOT/interop/node_modules/@nostr-dev-kit/ndk" ]; }; then
  npm ci --prefix "$ROOT/interop" --no-audit --no-fund --loglevel=error || echo "test.sh: npm ci failed; interop tests will be skipped" >&2
fi

# The web interface (packaged into the node) and the browser tests' Playwright; the browser tests
# skip with a message without npm or Chromium.
"$ROOT/scripts/build-web.sh"

cd "$ROOT"
exec mvn -B verify "$@"

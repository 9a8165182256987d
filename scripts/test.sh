#!/usr/bin/env bash
# `npm test`: on a fresh Debian machine with nothing but Node.js (root or sudo), installs what the
# tests need and runs every test, tier by tier, stopping at the first that fails:
#   system packages, PostgreSQL, Redis, the media engine   (scripts/test-machine.sh)
#   Node.js 24 when the machine's is older                  (scripts/node-runtime.mjs)
#   node_modules from the lock file, the generated client
#   lint · types · unit + integration (PostgreSQL, PGlite, Redis) · phone (Janus + SIPp) ·
#   pages build · browser tests (Chromium) · phone browser tests · the cluster test
# TEST_SKIP_MACHINE=1 skips the first step (a machine already set up, no root).
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${TEST_SKIP_MACHINE:-}" = 1 ] || bash scripts/test-machine.sh

echo "== Node.js"
NODE_BIN=$(node scripts/node-runtime.mjs)
export PATH="$(dirname "$NODE_BIN"):$PWD/node_modules/.bin:$PATH"
node --version
if [ -z "${MEDIASOUP_WORKER_BIN:-}" ]; then
  MEDIASOUP_WORKER_BIN=$(bash scripts/mediasoup-worker.sh --path)
  export MEDIASOUP_WORKER_BIN
fi

echo "== node packages"
# Installed from the lock file when missing or when the lock changed since (dependencies run no
# install scripts: .npmrc).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.centrala-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" >node_modules/.centrala-lock-hash
fi
node scripts/generate.mjs --if-changed

echo "== lint"
eslint .
echo "== types"
tsc --noEmit
echo "== unit and integration tests"
vitest run
echo "== phone tests (Janus, SIPp)"
bash scripts/in-phone-netns.sh vitest run -c vitest.phone.config.ts
echo "== pages"
NEXT_TELEMETRY_DISABLED=1 next build
echo "== browser tests"
playwright test
echo "== phone browser tests"
E2E_PHONE=1 E2E_PORT=3556 bash scripts/in-phone-netns.sh playwright test -c playwright.phone.config.ts
echo "== cluster test (two web nodes, two media nodes with Janus, a worker)"
bash scripts/in-phone-netns.sh playwright test -c playwright.cluster.config.ts

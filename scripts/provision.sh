#!/usr/bin/env bash
# Everything the demo and the tests need, on a fresh Debian machine or again on a provisioned
# one (each step is skipped when already done): a Docker engine, the npm dependencies, the
# example's images and the test images. Needs root for apt-get (CI and these machines are root).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== provision: %s\n' "$*"; }

step "Docker engine"
bash scripts/ensure-docker.sh
if [ ! -x /bin/busybox ]; then
  # busybox-static provides the one binary every locally built image is made of.
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends busybox-static >/dev/null
fi

step "npm dependencies"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  echo "node_modules is up to date"
fi

step "editor (code-server and Chromium, for the e2e tests and the demo)"
bash scripts/provision-editor.sh

step "images (built locally from busybox; nothing is pulled)"
bash scripts/build-test-images.sh
bash examples/shop/build-images.sh

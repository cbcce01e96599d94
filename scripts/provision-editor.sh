#!/usr/bin/env bash
# A real editor for the e2e tests and the demo, offline: Debian's Chromium and code-server
# (VS Code 1.100.3 served to a browser, the newest that runs on Node 20) installed into the
# checkout's ignored .tools/ folder. code-server's normal install downloads ripgrep from GitHub,
# which is unreachable here, so its scripts are skipped and the native parts rebuilt by hand.
# Idempotent: a finished install leaves a marker and is skipped on the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
TOOLS_DIR="$PWD/.tools"
INSTALL_DIR="$TOOLS_DIR/code-server-$CODE_SERVER_VERSION"
MARKER="$INSTALL_DIR/.flotilla-installed"
# npm's download cache kept inside the ignored folder, so a re-install after a wipe of the
# install folder (or a second checkout's provisioning copied from it) does not refetch ~400 MB.
export npm_config_cache="$TOOLS_DIR/npm-cache"

step() { printf '\n== provision-editor: %s\n' "$*"; }
timed() { # timed LABEL CMD... : runs CMD and prints how long it took
  local label=$1 start
  shift
  start=$(date +%s)
  "$@"
  echo "   $label: $(( $(date +%s) - start )) s"
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "already installed: $*"
    return
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

step "Chromium and code-server's native build dependencies (apt)"
timed "apt" apt_install chromium ripgrep libkrb5-dev pkg-config libsecret-1-dev libx11-dev libxkbfile-dev

step "code-server $CODE_SERVER_VERSION into .tools/"
if [ -f "$MARKER" ]; then
  echo "already installed at $INSTALL_DIR"
  exit 0
fi
rm -rf "$INSTALL_DIR"
mkdir -p "$INSTALL_DIR"
cd "$INSTALL_DIR"
echo '{ "name": "flotilla-editor-tools", "private": true }' > package.json
npm_quiet=(--no-audit --no-fund --loglevel=error)

echo "-- code-server package (install scripts skipped: they fetch ripgrep from GitHub)"
timed "code-server package" npm install "${npm_quiet[@]}" --ignore-scripts "code-server@$CODE_SERVER_VERSION"
timed "argon2 rebuild" env npm_config_yes=true npm rebuild argon2

cd node_modules/code-server/lib/vscode
echo "-- VS Code server dependencies"
timed "vscode dependencies" npm install "${npm_quiet[@]}" --omit=dev --ignore-scripts
timed "native modules rebuild" env npm_config_yes=true npm rebuild \
  kerberos native-watchdog node-pty @parcel/watcher @vscode/deviceid @vscode/spdlog
echo "-- ripgrep from Debian in place of the GitHub download"
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
# The server looks its modules up under node_modules.asar, as in the packaged desktop build.
ln -sfn node_modules node_modules.asar
echo "-- built-in extensions' dependencies"
(cd extensions && timed "built-in extensions" npm install "${npm_quiet[@]}" --omit=dev --ignore-scripts)

cd "$INSTALL_DIR"
# --version writes a default config file; keep it inside the install, not in ~/.config.
XDG_CONFIG_HOME="$INSTALL_DIR/config" node node_modules/code-server/out/node/entry.js --version
date -u +%FT%TZ > "$MARKER"
echo "code-server $CODE_SERVER_VERSION installed at $INSTALL_DIR"

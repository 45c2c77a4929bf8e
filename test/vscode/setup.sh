#!/usr/bin/env bash
# Installs what the real-VS-Code test tier needs, from Debian's apt and the npm registry only
# (idempotent; a second run only verifies and takes about a second):
#   - Debian: chromium (loads the workbench), ripgrep (stands in for @vscode/ripgrep, whose
#     postinstall downloads from GitHub), libkrb5-dev (headers for the `kerberos` addon), g++, make,
#     python3 (node-gyp).
#   - npm: code-server (a VS Code server build; 4.100.3 = VS Code 1.100.3, the last on Node 20) into
#     .cache/code-server/<version>-node<version>/, with its postinstall reproduced by hand so that
#     nothing is fetched from GitHub. The steps follow ../shared/tools/vscode-real/ (its README
#     explains each pitfall).
# Prints the install folder as its last line (run-real.mjs reads it).
# Env: CODE_SERVER_VERSION (default 4.100.3), FGTK_CODE_SERVER_CACHE (default <repo>/.cache/code-server).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${FGTK_CODE_SERVER_CACHE:-$ROOT/.cache/code-server}"
# Native addons are built for one Node ABI: the key holds the Node version too.
KEY="$CODE_SERVER_VERSION-node$(node -p 'process.versions.node')"
DIR="$CACHE/$KEY"
CS="$DIR/node_modules/code-server"
log() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# node-gyp builds against the headers of the Node running this script; it must not download them.
node_prefix="$(node -p 'require("path").resolve(process.execPath, "..", "..")')"
if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# ---------------------------------------------------------------- 1. Debian packages
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || need+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ "${#need[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# ---------------------------------------------------------------- 2. code-server, cached
stamp="$DIR/.installed"
verify() {
  # Loads every native addon of the VS Code server (Windows-only ones aside): fails when one is
  # missing or was built for another Node ABI, or when ripgrep is not in place.
  (cd "$CS/lib/vscode" && node --input-type=module -e '
    import { createRequire } from "module";
    import fs from "fs";
    const require = createRequire(process.cwd() + "/");
    const deps = Object.keys(JSON.parse(fs.readFileSync("package.json", "utf8")).dependencies);
    for (const m of deps) {
      if (/^@vscode\/windows-/.test(m) || !fs.existsSync(`node_modules/${m}/binding.gyp`)) continue;
      require(m);
    }
    const { rgPath } = require("@vscode/ripgrep");
    if (!fs.existsSync(rgPath)) throw new Error("no ripgrep at " + rgPath);
  ') && [ -f "$CS/out/node/entry.js" ]
}
if [ -f "$stamp" ] && verify 2>/dev/null; then
  log "code-server $CODE_SERVER_VERSION present ($DIR)"
  echo "$DIR"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into $DIR (about 80 s)"
# Other keys are installs for another version or Node: stale, and ~500 MB each.
rm -rf "$CACHE"
mkdir -p "$DIR"
cd "$DIR"
printf '{ "name": "fgtk-code-server", "private": true }\n' > package.json
# (a) the package and its dependencies without install scripts (its postinstall follows by hand)
npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2
# (b) argon2 uses node-pre-gyp: build it from source instead of a GitHub prebuilt download
npm_config_build_from_source=argon2 npm rebuild argon2 --loglevel=error >&2
# (c) code-server's postinstall.sh (vscode_install), step by step
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2
# @vscode/ripgrep's postinstall skips its GitHub download when bin/rg exists: use Debian's rg
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# Install scripts now: node-gyp builds (spdlog, node-pty, native-watchdog, deviceid, kerberos from
# source); node-pty's postinstall runs `npx node-gyp`, which needs npm_config_yes=true without stdin.
npm_config_build_from_source=kerberos npm_config_yes=true npm rebuild --loglevel=error >&2
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
# typescript for the built-in extensions (their postinstall trims it)
(cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
cd "$ROOT"
verify
want_major="$(node -p "require('$CS/package.json').engines.node")"
if [ "$(node -p 'process.versions.node.split(".")[0]')" != "$want_major" ]; then
  log "WARNING: code-server $CODE_SERVER_VERSION declares Node $want_major, this is $(node -v)"
fi
echo "$KEY" > "$stamp"
log "code-server ready: $(node -p "require('$CS/package.json').version") (VS Code $(node -p "require('$CS/lib/vscode/package.json').version"))"
echo "$DIR"

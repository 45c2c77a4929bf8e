#!/usr/bin/env bash
# The first step of `npm test`: installs the system packages the test tiers need, from Debian's apt,
# when this user may (root, or sudo without a password); otherwise prints one line naming them and
# fails, so that a fresh machine never runs the tiers half-equipped (silently skipped debug tests, a
# real-VS-Code tier that cannot start).
# Each requirement is "a command (or a Debian package) that must be present" and the package that
# provides it. Node's own dependencies come from `npm ci`, which runs before this.
set -euo pipefail

missing=()
# need_cmd COMMAND PACKAGE: PACKAGE provides COMMAND (a toolchain already on PATH, e.g. the image's
# Go in /usr/local/go, counts: Debian's older one must not shadow it).
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
# need_pkg PACKAGE: a package with no command of its own (headers, Python modules).
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' || missing+=("$1"); }

need_cmd curl curl             # the official shell samples call the runtime API with curl
need_cmd bash bash
need_cmd python3 python3
need_pkg python3-debugpy       # Python breakpoints (the DAP and real-VS-Code tiers)
need_cmd unzip unzip           # the lint benchmark's baseline
need_cmd go golang-go          # Go custom-runtime samples are built in tests
need_cmd php php-cli           # PHP handlers run through the PHP shim in tests
need_pkg php-xdebug             # PHP breakpoints (the shim tests drive Xdebug over DBGp)
need_cmd chromium chromium     # the real-VS-Code tier loads the workbench in it
need_cmd rg ripgrep            # code-server's search, instead of @vscode/ripgrep's GitHub download
need_pkg libkrb5-dev           # headers for code-server's kerberos addon
need_cmd g++ g++               # node-gyp builds code-server's native addons
need_cmd make make
need_cmd javac openjdk-17-jdk-headless # the Java shim is compiled with javac; Java handlers, templates and jdb in tests
need_pkg libgoogle-gson-java   # Java handlers with Gson on their class path (tests)

# Delve for breakpoints in Go 1.x handlers (DAP and real-VS-Code tiers): Debian's delve is too old
# for the image's Go, so `go install` at a pinned version, once (the toolkit finds it in GOPATH/bin).
DELVE_VERSION=v1.27.2
install_delve() {
  command -v go >/dev/null 2>&1 || return 0
  local bin
  bin="$(go env GOBIN)"
  [ -n "$bin" ] || bin="$(go env GOPATH)/bin"
  if command -v dlv >/dev/null 2>&1 || [ -x "$bin/dlv" ]; then return 0; fi
  echo "[setup] go install github.com/go-delve/delve/cmd/dlv@$DELVE_VERSION"
  go install "github.com/go-delve/delve/cmd/dlv@$DELVE_VERSION"
}

if [ "${#missing[@]}" -eq 0 ]; then
  echo "[setup] the system packages the tests need are present"
  install_delve
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "[setup] npm test needs these Debian packages, and this user cannot install them: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
echo "[setup] apt-get install ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_delve

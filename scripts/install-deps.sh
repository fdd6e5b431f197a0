#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the demo need.
# Idempotent: does nothing (and needs no network) when everything is already installed.
# Runs apt-get directly as root, through sudo otherwise.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ make ccache pkg-config git
  libsqlite3-dev sqlite3
  nlohmann-json3-dev
  libboost-dev
  libssl-dev
  libsodium-dev
  libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev
  clang-format
  clang-14 libclang-rt-14-dev llvm-14
  curl ca-certificates openssl
  python3
  chromium fonts-dejavu-core fonts-noto-core
  espeak-ng
)
# Node.js runs the browser tests (Playwright); the machine image ships it, a bare Debian needs it.
if ! command -v node >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Installs what Vorzimmer needs on Debian 12 / Ubuntu: system packages (when root or sudo is
# available) and a virtual environment in .venv with the app and its test tools.
# Fails loudly when something it needs cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- Debian packages -------------------------------------------------------------------------
want=$(sed -e 's/#.*//' scripts/debian-packages.txt | tr -s ' \t\n' ' ')
missing_packages() {
  local p
  for p in $want; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || echo "$p"
  done
}
missing=$(missing_packages | tr '\n' ' ')
if [ -n "${missing// /}" ]; then
  if ! command -v apt-get >/dev/null; then
    echo "setup: no apt-get; install these packages by hand: $missing" >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: $missing" >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "setup: installing Debian packages: $missing"
  apt_log=$(mktemp)
  if ! { $SUDO apt-get update -q \
      && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
         $missing; } >"$apt_log" 2>&1; then
    tail -n 40 "$apt_log" >&2
    echo "setup: apt-get failed (log above)" >&2
    exit 1
  fi
  rm -f "$apt_log"
  still=$(missing_packages | tr '\n' ' ')
  if [ -n "${still// /}" ]; then
    echo "setup: still missing after apt-get: $still" >&2
    exit 1
  fi
fi

# --- Python and the virtual environment ------------------------------------------------------
PY=""
for cand in python3.12 python3.11 python3; do
  # pyenv puts shims for every installed version on PATH; a shim for an inactive version
  # exists but fails, hence the test run instead of `command -v` alone.
  if command -v "$cand" >/dev/null 2>&1 \
    && "$cand" -c 'import sys; sys.exit(not ((3,11) <= sys.version_info[:2] <= (3,12)))' \
      >/dev/null 2>&1; then
    PY=$cand
    break
  fi
done
if [ -z "$PY" ]; then
  echo "setup: Vorzimmer needs Python 3.11 or 3.12 (the pjsua2 wheel exists for no newer one)." >&2
  exit 1
fi
if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
  echo "setup: .venv is broken (its Python no longer runs); recreating it"
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv; then
    rm -rf .venv
    [ "$(id -u)" = 0 ] || { echo "setup: '$PY -m venv' failed; install python3-venv" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null
    "$PY" -m venv .venv
  fi
fi
echo "setup: $(.venv/bin/python --version) in .venv"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

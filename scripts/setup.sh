#!/usr/bin/env bash
# Installs what Vorzimmer needs on Debian 12 / Ubuntu: system packages (when root or sudo is
# available) and a virtual environment in .venv with the app and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(grep -v '^#' scripts/debian-packages.txt | tr '\n' ' ')
missing=$(for p in $want; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ] && command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing Debian packages: $missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PY=""
for cand in python3.12 python3.11 python3; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(not ((3,11) <= sys.version_info[:2] <= (3,12)))'; then
    PY=$cand; break
  fi
done
if [ -z "$PY" ]; then
  echo "Vorzimmer needs Python 3.11 or 3.12 (the pjsua2 wheel exists for no newer one)." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv 2>/dev/null || {
    [ "$(id -u)" = 0 ] && apt-get install -y -qq python3-venv >/dev/null && "$PY" -m venv .venv; }
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

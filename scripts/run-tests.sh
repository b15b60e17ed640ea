#!/usr/bin/env bash
# Set up (first time) and run every check: lint, types, tests with real components.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for tool in sipp kamailio Xvfb pulseaudio pactl parec espeak-ng sox pdftotext dbus-daemon gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "missing required tool: $tool" >&2; exit 1; }
done
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy .
.venv/bin/python -m pytest "$@"

#!/usr/bin/env bash
# Set up (first time) and start Vorzimmer with embedded defaults and the demo dataset.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/vorzimmer --demo "$@"

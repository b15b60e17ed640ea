#!/usr/bin/env bash
# Set up (first time) and run every check: lint, types, tests with real components.
# Extra arguments go to pytest (`run-tests.sh -k screen_pop`). Every check runs even when
# an earlier one fails, so one run shows all problems; the exit code is non-zero if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -a phases=()
failed=()
run_start=$SECONDS

summary() {
  echo
  echo "=== phase times ==="
  printf '%s\n' "${phases[@]}"
  echo "total: $((SECONDS - run_start)) s"
}
trap summary EXIT

# phase NAME CMD... : run CMD, record its time and whether it failed.
phase() {
  local name=$1 start=$SECONDS rc=0
  shift
  echo
  echo "=== $name ==="
  "$@" || rc=$?
  local status="ok"
  if [ "$rc" -ne 0 ]; then
    status="FAILED (exit $rc)"
    failed+=("$name")
  fi
  phases+=("$(printf '%-14s %5d s  %s' "$name" $((SECONDS - start)) "$status")")
  return 0
}

phase setup bash scripts/setup.sh
if [ ${#failed[@]} -ne 0 ]; then
  echo "set-up failed; nothing else can run" >&2
  exit 1
fi

check_tools() {
  local tool missing=()
  for tool in sipp kamailio Xvfb pulseaudio pactl parec paplay espeak-ng sox \
    pdftotext pdfinfo pdftoppm import dbus-daemon gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if [ ${#missing[@]} -ne 0 ]; then
    echo "missing required tools: ${missing[*]} (see scripts/debian-packages.txt)" >&2
    return 1
  fi
  echo "all tools present"
}
phase tools check_tools

phase ruff .venv/bin/ruff check .
phase ruff-format .venv/bin/ruff format --check .
phase mypy .venv/bin/mypy .

# A hung test (a modal dialog, a peer that never answers) must end the run with a message,
# not eat the whole CI budget: pytest gets VZ_TEST_TIMEOUT seconds (default 40 min; the
# suite takes about 3).
run_pytest() {
  local rc=0 limit=${VZ_TEST_TIMEOUT:-2400}
  timeout -k 30 "$limit" .venv/bin/python -m pytest "$@" || rc=$?
  case $rc in
    5) echo "pytest collected no tests: that is a failure" >&2 ;;
    124 | 137) echo "pytest did not finish within $limit s (VZ_TEST_TIMEOUT): a test hangs" >&2 ;;
  esac
  return "$rc"
}
phase pytest run_pytest "$@"

if [ ${#failed[@]} -ne 0 ]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi

#!/usr/bin/env bash
# What CI will see: .ci/run in a fresh clone of HEAD (committed files only), so a test that
# passes only thanks to uncommitted, untracked or ignored files in this working tree fails
# here too. Usage: scripts/check-head.sh [REV]. Needs no network beyond what setup.sh needs.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
dirty=$(git status --porcelain | wc -l)
if [ "$dirty" != 0 ]; then
  echo "note: $dirty changed or untracked paths in this working tree are NOT checked:"
  git status --short | head -n 20
fi
dir=$(mktemp -d /tmp/vorzimmer-ci.XXXXXX)
trap 'rm -rf "$dir"' EXIT
git clone -q --no-hardlinks . "$dir/repo"
git -C "$dir/repo" checkout -q --detach "$rev"
echo "checking $(git -C "$dir/repo" log --oneline -1) in $dir/repo"
cd "$dir/repo"
CI=true bash .ci/run </dev/null

#!/usr/bin/env bash
# Re-extract the UI strings (English source) into the German catalogue and compile it.
#
# The Qt catalogue resources/translations/vorzimmer_de.ts is the only source of the German
# text: translators edit it with Qt Linguist (pyside6-linguist); lupdate merges new and
# changed strings into it and keeps every existing translation; lrelease compiles the .qm
# the app loads. New strings stay "unfinished" until translated; tests/ui/test_translations.py
# fails while any is left.
#
#   scripts/update-translations.sh            re-extract, then compile
#   scripts/update-translations.sh --sources  print the files lupdate reads (for the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
BIN=$(dirname "$(command -v "$PY")")
LUPDATE=$(command -v pyside6-lupdate || echo "$BIN/pyside6-lupdate")
LRELEASE=$(command -v pyside6-lrelease || echo "$BIN/pyside6-lrelease")
TS=resources/translations/vorzimmer_de.ts

# every Python file (tracked or new) with a tr() call or a translation marker, outside tests
sources() {
    git grep -l --untracked -E '\b(tr|translate|QT_TRANSLATE_NOOP)\(' \
        -- '*.py' ':!tests/**' ':!benchmarks/**' ':!scripts/**' | sort
}

if [ "${1:-}" = "--sources" ]; then
    sources
    exit 0
fi
mapfile -t files < <(sources)
"$LUPDATE" -no-obsolete "${files[@]}" -ts "$TS"
"$LRELEASE" "$TS" -qm "${TS%.ts}.qm"
if grep -q 'type="unfinished"' "$TS"; then
    echo "untranslated (open $TS in pyside6-linguist):" >&2
    "$PY" - "$TS" >&2 <<'PYEOF'
import sys
import xml.etree.ElementTree as ET

for context in ET.parse(sys.argv[1]).getroot().iter("context"):
    for message in context.iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") == "unfinished":
            print(f"  [{context.findtext('name')}] {message.findtext('source')!r}")
PYEOF
fi

#!/usr/bin/env bash
# Re-extract UI strings (English source) into the German catalogue and compile it.
# lupdate extracts; scripts/translate_ts.py fills the catalogue from resources/translations/de.json
# (the checked-in source -> German mapping) and lists what is still untranslated; lrelease compiles.
# New strings stay "unfinished" until they are added to de.json; tests/ui/test_translations.py
# fails while any is left.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
BIN=$(dirname "$(command -v "$PY")")
LUPDATE=$(command -v pyside6-lupdate || echo "$BIN/pyside6-lupdate")
LRELEASE=$(command -v pyside6-lrelease || echo "$BIN/pyside6-lrelease")
mapfile -t sources < <(git ls-files 'ui/*.py' 'ui/**/*.py'; git ls-files --others --exclude-standard 'ui/*.py' 'ui/**/*.py')
"$LUPDATE" -no-obsolete "${sources[@]}" -ts resources/translations/vorzimmer_de.ts
"$PY" scripts/translate_ts.py
"$LRELEASE" resources/translations/vorzimmer_de.ts -qm resources/translations/vorzimmer_de.qm

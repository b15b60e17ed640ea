"""The one full-text tokenizer: how text is cut into words and folded for search.

It mirrors SQLite's ``unicode61 remove_diacritics 2`` tokenizer (letters and digits form
words, everything else separates them, lower case, diacritics removed), so that words the
app remembers or builds queries from are exactly the words the index holds. A PostgreSQL
store folds the same way (``unaccent(lower(...))``) and uses these words too.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")
_NUMBERISH = re.compile(r"^[\s+()\-./\d]+$")


def fold(text: str) -> str:
    """Lower case without diacritics (``Müller`` → ``muller``)."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65_536)
def _fold_word(word: str) -> str:
    return fold(word)


def words_of(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return [_fold_word(w) for w in _WORD.findall(unicodedata.normalize("NFC", text).lower())]


def number_digits(text: str) -> str | None:
    """Digits of text that looks like a phone number (``030 12``), ``0049`` → ``49``; else None.

    Numbers are indexed as digit strings (:func:`clients.phone_numbers.search_forms`), so a
    typed number is searched as one digit prefix, not as separate words.
    """
    if not _NUMBERISH.match(text) or sum(ch.isdigit() for ch in text) < 2:
        return None
    digits = re.sub(r"\D", "", text)
    return digits[2:] if digits.startswith("00") else digits

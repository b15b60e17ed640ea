"""FTS5 query text built from the app's tokenizer (:mod:`storage.fulltext`)."""

from __future__ import annotations

from storage.fulltext import number_digits, words_of


def fts_query(text: str) -> str | None:
    """User text → a safe FTS5 query: every word a quoted prefix, all words required.

    Text that looks like a phone number becomes one digit prefix, so ``030 12`` finds
    ``030 1234567``. ``None``: nothing searchable (only punctuation).
    """
    digits = number_digits(text)
    if digits is not None:
        return f'"{digits}"*'
    words = words_of(text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in dict.fromkeys(words))

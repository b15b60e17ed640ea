"""Full-text search on PostgreSQL with the app's one tokenizer (:mod:`storage.fulltext`).

The store cuts and folds the words itself (exactly as SQLite's ``unicode61
remove_diacritics 2`` would) and hands PostgreSQL a finished ``tsvector`` — no parser, no
dictionary, no ``unaccent`` extension, hence the same words on both backends. A query is
a ``tsquery`` of quoted prefixes (``'mull':*``), all required, as the FTS5 queries are.
Weights mark columns: ``A`` for the caller's name, company and numbers of a note (what
``NoteQuery.caller`` searches), ``B`` for the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

from storage.fulltext import number_digits, words_of

_MAX_POSITION = 16_383  # PostgreSQL's largest tsvector position
_MAX_LEXEME_BYTES = 2_000


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def vector(*groups: tuple[str, Iterable[str]]) -> str:
    """``tsvector`` text of ``(weight, texts)`` groups, words in order."""
    parts: list[str] = []
    position = 0
    for weight, texts in groups:
        for text in texts:
            for word in words_of(text or ""):
                if len(word.encode()) > _MAX_LEXEME_BYTES:
                    continue
                position = min(position + 1, _MAX_POSITION)
                parts.append(f"{_lexeme(word)}:{position}{weight}")
    return " ".join(parts)


def caller_vector(name: str, company: str, notes: str, numbers_text: str) -> str:
    return vector(("A", (name, company, notes, numbers_text)))


def note_vector(
    caller_name: str,
    caller_company: str,
    numbers_text: str,
    subject: str,
    message: str,
    for_whom: str,
) -> str:
    return vector(
        ("A", (caller_name, caller_company, numbers_text)), ("B", (subject, message, for_whom))
    )


def query(text: str, weights: str = "") -> str | None:
    """User text → a ``tsquery``: each word a prefix, all required; a typed phone number
    one digit prefix. ``None``: nothing searchable (only punctuation)."""
    digits = number_digits(text)
    words = [digits] if digits is not None else list(dict.fromkeys(words_of(text)))
    if not words:
        return None
    return " & ".join(f"{_lexeme(w)}:*{weights}" for w in words)

"""Is a word a real English word? Guards fuzzy matching: "caring" is a word, not a typo of "curing".

Uses Webster's Second International word list (public domain, via the `english-words` package),
loaded only the first time a fuzzy match needs confirming. The list has head words only, so
common inflections are undone before looking a word up.

The package keeps the list as a pickled set, ~60 ms to load: a third of a pre-commit run on one
draft. factlint keeps its own copy in its cache folder (diskcache.py) as sorted text, which loads
in ~20 ms and is searched by bisection until a run asks often enough to repay building a set.
"""

from __future__ import annotations

import hashlib
import os
from bisect import bisect_left
from functools import cache

from factlint import diskcache

_SOURCE = "web2"  # Webster's Second International
_SET_AFTER = 2_000  # look-ups, after which a set (30 ms to build, 10x faster to ask) pays
_ENTRY_SUFFIX = ".words.txt"

# suffix -> what may replace it to give the head word ("caring" -> "car", "care")
_INFLECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")),
    ("ers", ("", "e")), ("er", ("", "e")), ("ly", ("", "le")), ("s", ("",)), ("d", ("",)),
)


class _WordList:
    """`word in words`: by bisection of the sorted list, by a set once asked `_SET_AFTER` times."""

    def __init__(self, ordered: list[str] | None = None, words: frozenset[str] | None = None) -> None:
        self._sorted = ordered or []
        self._set = words
        self._asked = 0

    def __contains__(self, word: object) -> bool:
        if self._set is not None:
            return word in self._set
        self._asked += 1
        if self._asked > _SET_AFTER:
            self._set = frozenset(self._sorted)
            return word in self._set
        if not isinstance(word, str):
            return False
        i = bisect_left(self._sorted, word)
        return i < len(self._sorted) and self._sorted[i] == word


@cache
def _words() -> _WordList:
    name = _entry_name() if diskcache.cache_dir() is not None else None
    if name is not None:
        ordered = _read_entry(name)
        if ordered is not None:
            return _WordList(ordered=ordered)
    from english_words import get_english_words_set

    words = frozenset(get_english_words_set([_SOURCE], lower=True, alpha=True))  # ~235,000 words
    if name is not None:  # for the next run
        body = "\n".join(sorted(words)).encode("utf-8")
        diskcache.write(name, hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body,
                        keep=(_ENTRY_SUFFIX, 2))
    return _WordList(words=words)


def _read_entry(name: str) -> list[str] | None:
    """The sorted words of a cache entry, or None if it is missing or not what was written (its
    first line is the SHA-256 of the rest: bisection on a damaged list would answer wrongly)."""
    data = diskcache.read(name)
    if data is None:
        return None
    digest, _, body = data.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode("ascii") != digest:
        return None
    return body.decode("utf-8").split("\n")


def _entry_name() -> str | None:
    """The cache entry of the installed word list: its package version and the size and time of
    its data file, so an upgraded package is read afresh; None if the package cannot be found."""
    try:
        import english_words
        from english_words.constants import ALPHA, LOWER, PROCESSED_DATA_DIR
        from english_words.util import get_data_file_name
        from english_words.version import VERSION

        name = get_data_file_name(_SOURCE, [ALPHA, LOWER])  # the file get_english_words_set reads
        info = os.stat(os.path.join(os.path.dirname(english_words.__file__), PROCESSED_DATA_DIR, name))
    except (ImportError, OSError, AttributeError, TypeError):
        return None
    return f"english-{VERSION}-{info.st_size}-{info.st_mtime_ns}{_ENTRY_SUFFIX}"


def is_english_word(word: str) -> bool:
    """True for dictionary words and their regular inflections ("affects", "caring", "stopped")."""
    words = _words()
    if word in words:
        return True
    for suffix, replacements in _INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if any(stem + r in words for r in replacements):
                return True
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in words:  # "stopped"
                return True
    return False

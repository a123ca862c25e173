"""Is a word a real English word? Guards fuzzy matching: "caring" is a word, not a typo of "curing".

Uses Webster's Second International word list (public domain, via the `english-words` package),
loaded only the first time a fuzzy match needs confirming. The list has head words only, so
common inflections are undone before looking a word up.

The package keeps the list as a pickled set: importing and loading it takes ~80 ms, a third of
a pre-commit run on one draft. factlint keeps a copy in its cache folder (diskcache.py) as sorted
text, which loads in ~25 ms and is searched by bisection (~1 µs a look-up; a run of 10 MB asks a
few thousand times). The copy is believed only if it is exactly what was written: its first line
states the number of words and the SHA-256 of the rest, and the words must be in order
(that guards against damage; against planted files guards the cache folder's trust model).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from bisect import bisect_left
from functools import cache

from factlint import diskcache

_SOURCE = "web2"  # Webster's Second International
_ENTRY_SUFFIX = ".words.txt"
_HEADER = b"factlint-words-1"

# suffix -> what may replace it to give the head word ("caring" -> "car", "care")
_INFLECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")),
    ("ers", ("", "e")), ("er", ("", "e")), ("ly", ("", "le")), ("s", ("",)), ("d", ("",)),
)


class _WordList:
    """`word in words` by bisection of a sorted list."""

    def __init__(self, ordered: list[str]) -> None:
        self._sorted = ordered

    def __contains__(self, word: object) -> bool:
        i = bisect_left(self._sorted, word)  # type: ignore[call-overload]
        return i < len(self._sorted) and self._sorted[i] == word


@cache
def _words() -> _WordList:
    name = _entry_name()
    if name is not None:
        ordered = _read_entry(name)
        if ordered is not None:
            return _WordList(ordered)
    from english_words import get_english_words_set

    ordered = sorted(get_english_words_set([_SOURCE], lower=True, alpha=True))  # ~235,000 words
    if name is not None:  # for the next run
        body = "\n".join(ordered).encode("utf-8")
        header = b"%s %d %s\n" % (_HEADER, len(ordered), hashlib.sha256(body).hexdigest().encode("ascii"))
        diskcache.write(name, header + body, keep=(_ENTRY_SUFFIX, 2))
    return _WordList(ordered)


def _read_entry(name: str) -> list[str] | None:
    """The sorted words of a cache entry, or None if it is missing or not exactly what was written."""
    data = diskcache.read(name)
    if data is None:
        return None
    header, _, body = data.partition(b"\n")
    fields = header.split(b" ")
    if len(fields) != 3 or fields[0] != _HEADER or hashlib.sha256(body).hexdigest().encode("ascii") != fields[2]:
        return None
    try:
        ordered = body.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return None
    if str(len(ordered)).encode("ascii") != fields[1] or ordered != sorted(ordered):
        return None  # bisection on an unordered list would answer wrongly
    return ordered


def _entry_name() -> str | None:
    """The cache entry of the installed package: where it is and the size and time of its module
    file, so an upgraded package (its files rewritten) is read afresh; None without a cache or
    the package (then the package is loaded, or fails with its own import error)."""
    if diskcache.cache_dir() is None:
        return None
    try:
        spec = importlib.util.find_spec("english_words")
        origin = spec.origin if spec is not None else None
        if origin is None:
            return None
        info = os.stat(origin)
    except (ImportError, OSError, ValueError):
        return None
    where = hashlib.sha256(os.fsencode(origin)).hexdigest()[:16]
    return f"english-{where}-{info.st_size}-{info.st_mtime_ns}{_ENTRY_SUFFIX}"


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

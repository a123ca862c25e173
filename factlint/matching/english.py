"""Is a word a real English word? Guards fuzzy matching: "caring" is a word, not a typo of "curing".

Uses Webster's Second International word list (public domain, via the `english-words` package),
loaded only the first time a fuzzy match needs confirming. The list has head words only, so
common inflections are undone before looking a word up.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import cache

# suffix -> what may replace it to give the head word ("caring" -> "car", "care")
_INFLECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")),
    ("ers", ("", "e")), ("er", ("", "e")), ("ly", ("", "le")), ("s", ("",)), ("d", ("",)),
)


@cache
def _words() -> AbstractSet[str]:
    from english_words import get_english_words_set

    return get_english_words_set(["web2"], lower=True, alpha=True)  # ~235,000 words, ~15 MB


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

"""Text normalisation before matching.

Two entry points that agree on their output: `normalize` (fast, whole string, no offsets; used
to pre-filter every segment) and `normalize_with_map` (character by character, keeping for each
output character the index of the input character it came from; used only on candidate segments).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import regex

# Characters unified or dropped before anything else. Dashes become "-", curly quotes straight.
_TRANSLATION: dict[int, str] = {
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"},
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\uff07"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    # zero-width space/joiners, word joiner, BOM, soft hyphen: invisible, so removed
    **{ord(c): "" for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
}

# Three or more single letters split by one repeated separator: "c-u-r-e-s", "c.u.r.e", "c u r e".
_SPLIT_LETTERS = regex.compile(
    r"(?<![\p{L}\p{N}])\p{L}(?P<sep>[-._*\u00b7 ])\p{L}(?:(?P=sep)\p{L})+(?![\p{L}\p{N}])"
)
# The same on lower-cased ASCII text, where the stdlib engine finds it ~5x faster.
_SPLIT_LETTERS_ASCII = re.compile(r"(?<![a-z0-9])[a-z](?P<sep>[-._* ])[a-z](?:(?P=sep)[a-z])+(?![a-z0-9])")


# str.translate and a regex character class both look at every character of the text; a
# C-level `in` per special character is ~20x faster on mostly-ASCII text.
_SPECIAL = tuple((chr(code), replacement) for code, replacement in _TRANSLATION.items())


_ASCII_RUN_OR_CHAR = regex.compile(r"[\x00-\x7f]+|.", regex.DOTALL)


def _fold_char(ch: str) -> str:
    mapped = _TRANSLATION.get(ord(ch))
    if mapped is not None:
        return mapped
    if ch < "\x80":
        return ch.lower()
    return unicodedata.normalize("NFKC", ch).casefold()


def _split_letters(folded: str) -> re.Pattern[str] | regex.Pattern[str]:
    return _SPLIT_LETTERS_ASCII if folded.isascii() else _SPLIT_LETTERS


def join_split_letters(text: str) -> str:
    """ "c-u-r-e-s" -> "cures" (on folded text)."""
    pattern = _split_letters(text)
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: m.group(0).replace(m.group("sep"), ""), text)


def fold(text: str) -> str:
    """Case-folded, NFKC, unified punctuation, invisible characters removed (letters not joined)."""
    if text.isascii():
        return text.lower()
    # Whole-string C calls; equals the per-character fold except that NFKC may compose a
    # base letter with a following combining mark (harmless for a pre-filter).
    for special, replacement in _SPECIAL:
        if special in text:
            text = text.replace(special, replacement)
    return unicodedata.normalize("NFKC", text).casefold()


def normalize(text: str) -> str:
    """`fold`, then letters split by a repeated separator joined."""
    return join_split_letters(fold(text))


def normalize_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Like `normalize`, plus `origin[i]` = index in `text` of output character i."""
    if text.isascii():
        folded = text.lower()
        if _SPLIT_LETTERS_ASCII.search(folded) is None:
            return folded, range(len(text))  # the common case: same length, identity map
        return _join_with_map(folded, range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for match in _ASCII_RUN_OR_CHAR.finditer(text):
        piece = match.group()
        index = match.start()
        if piece.isascii():  # a run of ASCII: lower() keeps its length
            chars.append(piece.lower())
            origin.extend(range(index, index + len(piece)))
        else:
            folded_char = _fold_char(piece)
            chars.append(folded_char)
            origin.extend([index] * len(folded_char))
    return _join_with_map("".join(chars), origin)


def _join_with_map(folded: str, origin: Sequence[int]) -> tuple[str, Sequence[int]]:
    pattern = _split_letters(folded)
    if pattern.search(folded) is None:
        return folded, origin
    keep = [True] * len(folded)
    for match in pattern.finditer(folded):
        sep = match.group("sep")
        for i in range(match.start(), match.end()):
            if folded[i] == sep:
                keep[i] = False
    joined = "".join(c for c, k in zip(folded, keep, strict=True) if k)
    return joined, [o for o, k in zip(origin, keep, strict=True) if k]

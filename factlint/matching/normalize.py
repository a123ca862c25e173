"""Text normalisation before matching.

Two entry points that agree on their output: `normalize` (fast, whole string, no offsets; used
to pre-filter every segment) and `normalize_with_map` (character by character, keeping for each
output character the index of the input character it came from; used only on candidate segments).

Evasions undone here, always keeping exact positions (a removed character has no output
character; a folded one keeps its index): invisible characters inside a word ("cu\u2060res": format
characters such as bidi isolates and tag characters, variation selectors, Hangul fillers) are
removed, and in a token (a run of non-space characters) that also holds ASCII letters, letters that
only look like Latin ones (Unicode TR39 confusables: Cyrillic "е" in "Kеtaminе", "с" in "сures")
become the letter they imitate. A word wholly in another script ("кетамин") is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import regex

# Characters unified before anything else. Dashes become "-", curly quotes straight.
_TRANSLATION: dict[int, str] = {
    # (en and em dashes stay: "No—misuse is a risk" has a clause break there, "no-misuse" would not)
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2212\u2043\ufe58\ufe63\uff0d"},
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\uff07"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
}

# Invisible characters, removed: every format character (Cf: zero-width space and joiners, word
# joiner, soft hyphen, BOM, bidi marks, embeddings, overrides and isolates U+2066-2069, invisible
# operators, Mongolian vowel separator U+180E, tag characters U+E0000-E007F...), the combining
# grapheme joiner, variation selectors (VS16 U+FE0F...), and the Hangul fillers (U+3164...) that
# render as nothing. Not control characters: U+001F separates joined segments (prefilter.py).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff"
    "\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]+"
)

# Letters confusable with one ASCII letter (Unicode TR39 confusables.txt), after case folding and
# NFKC, as `tools/confusables.py` prints them (minus the micro sign's "μ": "μg" is not "mg").
_CONFUSABLE_FROM = (
    'ıƍƽǀɑɡɣɩɪɯʀʋʏʝαβγεζηικνορστυχϝϳϻавгекмнорстухѕіјѡѵүһҽӏԁԍԛԝագ'
    'զհոռստցքօഠဝყჿᎥᏂᏏᏧᑯᑲᕁᕽᖯᛁᴄᴏᴑᴜᴠᴡᴢᴦᶃᶌẝỿⲅⲏⲕⲙⲛⲟⲣⲥⲧⲩⲭⳑⵏꓒꓲꙇꜱꞙꞟꞵꬲꬵꬽꭇꭈ'
    'ꭎꭒꭓꭚ𐊊𐌉𐐬𐐽𐑃𐑈𐓜𐓪𐓶𑜆𑜊𑜎𑜏𑣀𑣁𑣂𑣃𑣄𑣆𑣈𑣉𑣎𑣒𑣕𑣗𑣘𑣜𖼨'
)
_CONFUSABLE_TO = (
    'igslagyiiwruyjabyezhikvopotuxfjmabrekmhopctyxsijwvyheidgqwwq'
    'qhnnusgfoooyoihbddbxxblcoouvwzrgyfyrhkmnopctyxlldlisfubeforr'
    'uuxylloclsrouvwwwvsfizeozeloouyl'
)
_CONFUSABLES = str.maketrans(_CONFUSABLE_FROM, _CONFUSABLE_TO)
# A token (a run of non-space characters: "kеtaminе", "с-u-r-e-s") holding both an ASCII letter and
# a confusable one. The lookaheads scan one token each, from its first character only, so the
# search stays linear in the text.
_MIXED_TOKEN = re.compile(rf"(?<!\S)(?=\S*?[a-z])(?=\S*?[{_CONFUSABLE_FROM}])\S++")
# One C-level scan: most text has none at all. A class holding letters outside the Basic Multilingual Plane
# makes `re` test each character against a list, ~15x slower: those letters are looked for only in text that
# has such a character at all (a range test).
_CONFUSABLE_BMP = re.compile("[" + "".join(c for c in _CONFUSABLE_FROM if c <= "\uffff") + "]")
_CONFUSABLE_ASTRAL = re.compile("[" + "".join(c for c in _CONFUSABLE_FROM if c > "\uffff") + "]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

# Three or more single letters split by one repeated separator: "c-u-r-e-s", "c.u.r.e", "c u r e".
_SPLIT_LETTERS = regex.compile(
    r"(?<![\p{L}\p{N}])\p{L}(?P<sep>[-._*\u00b7 ])\p{L}(?:(?P=sep)\p{L})+(?![\p{L}\p{N}])"
)
# On other text, a first look with the stdlib engine (~3x faster) for what such a run needs at least: a letter
# (any non-ASCII character counts as one) with no ASCII letter or digit before it, a separator, a letter,
# the same separator, a letter. Text without one has no run to join.
_SPLIT_LETTERS_MAYBE = re.compile(
    r"(?<![A-Za-z0-9])(?:[^\W\d_]|[^\x00-\x7f])([-._*\u00b7 ])(?:[^\W\d_]|[^\x00-\x7f])\1(?:[^\W\d_]|[^\x00-\x7f])")
# The same on lower-cased ASCII text, where the stdlib engine finds it ~5x faster.
_SPLIT_LETTERS_ASCII = re.compile(r"(?<![a-z0-9])[a-z](?P<sep>[-._* ])[a-z](?:(?P=sep)[a-z])+(?![a-z0-9])")
# What every run of split letters holds, as a pattern that starts at a separator: its last two letters, each after
# the separator, the last one followed by no letter or digit ("-e-s" of "c-u-r-e-s"). The engine skips from one
# separator character to the next at C speed instead of trying a match at every letter: twice as fast on
# ordinary text, where the full patterns above are then never run. (A run needs three letters, so the
# separator before the second-last letter always exists.)
_SPLIT_TAIL_ASCII = re.compile(r"([-._* ])[a-z]\1[a-z](?![a-z0-9])")
# Its letters: those of `re`, or any character outside ASCII and the General Punctuation block (dashes, bullets,
# ellipses: "tea \u2014 a blend" is no run; the block holds no letter in any Unicode version, whichever the
# regex module knows).
_SPLIT_TAIL = re.compile(r"([-._*\u00b7 ])(?:[^\W\d_]|[^\x00-\x7f\u2000-\u206f])\1"
                         r"(?:[^\W\d_]|[^\x00-\x7f\u2000-\u206f])(?![^\W_])")


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
    if _INVISIBLE.match(ch):
        return ""
    return unicodedata.normalize("NFKC", ch).casefold()


def _split_letters(folded: str) -> re.Pattern[str] | regex.Pattern[str] | None:
    """The pattern that finds split letters in `folded`, or None if it has none."""
    if folded.isascii():
        return _SPLIT_LETTERS_ASCII if _SPLIT_TAIL_ASCII.search(folded) is not None else None
    if _SPLIT_TAIL.search(folded) is None:
        return None
    return _SPLIT_LETTERS if _SPLIT_LETTERS_MAYBE.search(folded) is not None else None


def join_split_letters(text: str) -> str:
    """ "c-u-r-e-s" -> "cures" (on folded text)."""
    pattern = _split_letters(text)
    if pattern is None or pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: m.group(0).replace(m.group("sep"), ""), text)


def fold(text: str) -> str:
    """Case-folded, NFKC, unified punctuation, invisible characters removed, look-alike letters
    folded (letters split by separators not joined)."""
    if text.isascii():
        return text.lower()
    return fold_confusables(_fold(text))


def _fold(text: str) -> str:
    # Whole-string C calls; equals the per-character fold except that NFKC may compose a
    # base letter with a following combining mark (harmless for a pre-filter).
    for special, replacement in _SPECIAL:
        if special in text:
            text = text.replace(special, replacement)
    if _INVISIBLE.search(text) is not None:
        text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFKC", text).casefold()


def fold_confusables(folded: str) -> str:
    """In each token that holds an ASCII letter, the letters confusable with one (TR39) as that
    letter: "kеtaminе" (Cyrillic е) -> "ketamine". Same length, so offsets do not move."""
    if folded.isascii() or not _has_confusable(folded):
        return folded
    return _MIXED_TOKEN.sub(lambda m: m.group().translate(_CONFUSABLES), folded)


def _has_confusable(folded: str) -> bool:
    if _CONFUSABLE_BMP.search(folded) is not None:
        return True
    return _ASTRAL.search(folded) is not None and _CONFUSABLE_ASTRAL.search(folded) is not None


def normalize(text: str) -> str:
    """`fold`, then letters split by a repeated separator joined (then look-alikes folded again:
    joining "с-u-r-e-s" makes a word of "с")."""
    if text.isascii():
        return join_split_letters(text.lower())
    return fold_confusables(join_split_letters(_fold(text)))


def normalize_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Like `normalize`, plus `origin[i]` = index in `text` of output character i."""
    if text.isascii():
        folded = text.lower()
        if _SPLIT_TAIL_ASCII.search(folded) is None or _SPLIT_LETTERS_ASCII.search(folded) is None:
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
    joined, joined_origin = _join_with_map("".join(chars), origin)
    return fold_confusables(joined), joined_origin


def _join_with_map(folded: str, origin: Sequence[int]) -> tuple[str, Sequence[int]]:
    pattern = _split_letters(folded)
    if pattern is None or pattern.search(folded) is None:
        return folded, origin
    keep = [True] * len(folded)
    for match in pattern.finditer(folded):
        sep = match.group("sep")
        for i in range(match.start(), match.end()):
            if folded[i] == sep:
                keep[i] = False
    joined = "".join(c for c, k in zip(folded, keep, strict=True) if k)
    return joined, [o for o, k in zip(origin, keep, strict=True) if k]

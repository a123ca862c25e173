"""Words, sentences and clause boundaries of normalised text.

Sentences end at . ! ? and also where social and list copy puts its breaks: an emoji or pictograph, a
run of hashtags, a bullet (• ✓ → ▪), a " | " separator, a blank line, and a line break that starts a
new line of copy (not a hard-wrapped continuation). Negation and hedge cues never cross a sentence end.
"""

from __future__ import annotations

import re

import regex

# A word: letters/digits (with combining marks), optionally with apostrophe parts ("isn't",
# "ketamine's"). "%", "#" and "&" are tokens of their own ("100%", "#1", "J&J").
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:'[\p{L}\p{M}]+)*|[%#&]")
# The same on ASCII text (no marks there), where the stdlib engine finds words faster.
WORD_ASCII = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)*|[%#&]")


def word_pattern(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    """WORD, or its stdlib twin where `text` is ASCII (most sentences)."""
    return WORD_ASCII if text.isascii() else WORD

# A sentence ends at . ! ? (one or more, maybe followed by closing quotes/brackets) before whitespace
# or the end of the text. "0.7 mg", "e.g.x", the dot of an initialism ("U.S. regulators", "e.g. at
# home") and of a title before a name ("Dr. Lee", "Prof. Ortiz") do not end a sentence.
_TERMINAL = r"(?<!\b\p{L}\.\p{L})(?:(?<!\b(?i:dr|mrs?|ms|prof|vs))\.|[!?])[.!?]*[\"')\]\u201d\u2019]*(?=\s|$)"
# Social and list copy: pictographs and dingbats (emoji, ✨, ✓, →), bullets, " | ", hashtag runs at the
# end of a line or before another break, blank lines.
# (not the ® ™ © of brand names, which Unicode also counts as pictographs)
_PICTOGRAPH = (r"(?![\u00a9\u00ae\u2122])"
               r"[\p{Extended_Pictographic}\u2190-\u21ff\u2700-\u27bf\u2022\u25aa\u25cf\u25a0\u2023\u2043\u2219]")
_BREAK = regex.compile(
    rf"{_TERMINAL}"
    rf"|\s*{_PICTOGRAPH}[\p{{Extended_Pictographic}}\ufe0f\u200d\s]*"
    r"|\s\|\s"
    r"|(?:\s*#[\p{L}\p{N}_]+)+(?=\s*(?:$|\n|" + _PICTOGRAPH + r"))"
    r"|\n[ \t]*\n\s*"
)
# The same for ASCII text, where no pictograph can occur: looking for one at every space is most of the cost.
_BREAK_ASCII = regex.compile(
    rf"{_TERMINAL}"
    r"|\s\|\s"
    r"|(?:\s*#[\p{L}\p{N}_]+)+(?=\s*(?:$|\n))"
    r"|\n[ \t]*\n\s*"
)
# The same for ASCII text with no "#" and no "|" (most text): only the alternatives that can match there, so
# the search does not try a hashtag run or a " | " at every space.
_BREAK_PLAIN = regex.compile(rf"{_TERMINAL}|\n[ \t]*\n\s*")
_LINE_BREAK = regex.compile(r"\n")
_CONTINUES = regex.compile(r"[\p{Ll}\p{N}(,;:\-\u2013\u2014]")  # a wrapped line goes on with these

# Punctuation that closes a clause: ; and : before a space (not inside "https://" or an escape sequence),
# ( ) [ ] and dashes set off by spaces.
CLAUSE_PUNCTUATION = regex.compile(r"[;:](?=\s|$)|[()\[\]]|\s[-\u2013\u2014]\s|\u2014|\s-{2}\s")
# What every match of CLAUSE_PUNCTUATION starts with or holds (a hyphen or en dash only after a space, not
# inside "treatment-resistant"): a sentence with none of it (most) is not searched.
CLAUSE_PUNCTUATION_HINT = re.compile(r"[;:()\[\]\u2014]|\s[-\u2013]")
COMMA = ","


def sentence_spans(text: str, cased: str | None = None) -> list[tuple[int, int]]:
    """[start, end) of each non-blank sentence of `text`.

    `cased`: the same text with its letter case as written (for normalised, lower-cased `text`): whether a
    line break starts a new line of copy depends on the capital letter after it.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    cased = cased if cased is not None else text
    for match in _break_pattern(text).finditer(text):
        _add(text, cased, start, match.end(), spans)
        start = match.end()
    _add(text, cased, start, len(text), spans)
    if any(b - a > LONGEST_SENTENCE for a, b in spans):
        spans = [piece for span in spans for piece in _bounded(text, *span)]
    return spans


def _break_pattern(text: str) -> regex.Pattern[str]:
    if not text.isascii():
        return _BREAK
    return _BREAK_ASCII if "#" in text or "|" in text else _BREAK_PLAIN


# Characters in one sentence at most (~170 words; real sentences are far shorter). A longer run without a
# full stop (a hostile or broken draft) is cut at its last comma, semicolon or space before the limit: the
# claim analysis compares the parts of a sentence with each other, so its cost grows with the square of the
# sentence's length, and this keeps a run linear in the size of the draft.
LONGEST_SENTENCE = 1000


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > LONGEST_SENTENCE:
        limit = start + LONGEST_SENTENCE
        cut = max(text.rfind(", ", start, limit), text.rfind("; ", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


_SHORT_LINE = 8  # words: a line this short followed by a capitalised line is a line of its own


def _add(text: str, cased: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Add text[start:end], split at line breaks that begin a new line of copy.

    A hard-wrapped paragraph goes on across its line breaks; a short line followed by a line that starts
    with a capital ("Feel better fast\nBook today") is a line of copy of its own, as in social posts.
    """
    if text.find("\n", start, end) < 0:  # one line (most pieces)
        if start < end and not text[start:end].isspace():
            spans.append((start, end))
        return
    piece_start = start
    for match in _LINE_BREAK.finditer(text, start, match_end := end):
        after = match.end()
        while after < match_end and text[after] in " \t":
            after += 1
        line_start = text.rfind("\n", piece_start, match.start()) + 1 or piece_start
        line = text[max(line_start, piece_start):match.start()].strip()
        if (after < match_end and line and not _CONTINUES.match(cased, after)
                and not line.endswith((",", "-", "&")) and len(line.split()) <= _SHORT_LINE):
            spans.append((piece_start, match.start()))
            piece_start = match.end()
    if text[piece_start:end].strip():
        spans.append((piece_start, end))

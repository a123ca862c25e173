"""Words, sentences and clauses of normalised text."""

from __future__ import annotations

import regex

# A word: letters/digits (with combining marks), optionally with apostrophe parts ("isn't",
# "ketamine's"). "%" is a token of its own so that "100%" can be matched.
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:'[\p{L}\p{M}]+)*|%")

# A sentence ends at . ! ? (one or more, maybe followed by closing quotes/brackets) before
# whitespace or the end of the text. "0.7 mg" and "e.g.x" do not end a sentence.
_SENTENCE_END = regex.compile(r"[.!?]+[\"')\]]*(?=\s|$)")

# Punctuation that closes a clause: a cue before it does not reach a claim after it.
CLAUSE_PUNCTUATION = regex.compile(r"[,;:()\[\]]|\s-\s")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each non-blank sentence of `text`."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.end()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans

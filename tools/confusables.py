"""Prints the confusables table of factlint/matching/normalize.py (`_CONFUSABLE_FROM`/`_CONFUSABLE_TO`).

Source: Unicode's confusables.txt (UTS #39), as packaged by confusable-homoglyphs (a tool-time input
only, not a dependency: `pip install confusable-homoglyphs==3.3.1`, then `python tools/confusables.py`).

Kept: non-ASCII letters, already case-folded and NFKC-stable (normalize.py folds case and NFKC
first), whose confusable is one ASCII letter: Cyrillic а -> a, Greek ο -> o, Armenian օ -> o...
Matching ignores case, so a capital that looks like an ASCII capital (Cyrillic К, Т, Н, В, М) also
gives its lower case to that letter (к -> k), where the table has nothing for it yet.
"""

from __future__ import annotations

import json
import string
import unicodedata
from pathlib import Path

import confusable_homoglyphs


def table() -> dict[str, str]:
    data = json.loads((Path(confusable_homoglyphs.__file__).parent / "confusables.json").read_text("utf-8"))
    out: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for char, entries in data.items():
        if len(char) != 1 or char.isascii() or not unicodedata.category(char).startswith("L"):
            continue
        targets = {e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii() and e["c"].isalpha()}
        lower = {t for t in targets if t in string.ascii_lowercase}
        upper = {t for t in targets if t in string.ascii_uppercase}
        stable = unicodedata.normalize("NFKC", char) == char
        if stable and char.casefold() == char and len(lower) == 1:
            out[char] = lower.pop()
        elif stable and char.casefold() != char and len(upper) == 1:
            folded = char.casefold()
            if len(folded) == 1 and not folded.isascii() and unicodedata.normalize("NFKC", folded) == folded:
                capitals[folded] = upper.pop().lower()
    for char, letter in capitals.items():
        out.setdefault(char, letter)
    return dict(sorted(out.items()))


if __name__ == "__main__":
    pairs = table()
    print(f"_CONFUSABLE_FROM = {''.join(pairs)!r}")
    print(f"_CONFUSABLE_TO = {''.join(pairs.values())!r}")

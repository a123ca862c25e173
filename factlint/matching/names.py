"""Drug names as written, found in a whole page for its topic (topic.py): exact names, whole words only.

Where several names start at one place the longest is taken; found names do not overlap, and the search
goes on after each one (as a regex alternation of the names, longest first, between non-letters would find
them). One Aho-Corasick pass (ahocorasick-rs) finds every place a name occurs; only those places are
looked at, so a page costs one C-level scan instead of a regex engine trying every position.
"""

from __future__ import annotations

import regex
from ahocorasick_rs import AhoCorasick

from factlint.matching.normalize import normalize
from factlint.rulebook.model import Rulebook

_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")


class DrugNames:
    def __init__(self, rulebook: Rulebook) -> None:
        drug_of: dict[str, str] = {}
        for entity in rulebook.entities.values():
            if entity.kind == "drug":
                for name in entity.names:
                    drug_of.setdefault(normalize(name), entity.id)
        self._names = sorted((name for name in drug_of if name), key=len, reverse=True)  # the preferred first
        self._drug_of = drug_of
        self._automaton = AhoCorasick(self._names) if self._names else None

    def drugs_in(self, folded: str) -> list[str]:
        """The drug of each name in `folded` (text after `normalize`), in order."""
        return [self._drug_of[name] for name in self.names_in(folded)]

    def names_in(self, folded: str) -> list[str]:
        if self._automaton is None:
            return []  # a rulebook without drugs: the page has no drug topic
        by_start: dict[int, list[int]] = {}
        for index, start, _ in self._automaton.find_matches_as_indexes(folded, overlapping=True):
            by_start.setdefault(start, []).append(index)
        found: list[str] = []
        after = 0  # where the last name found ends
        for start in sorted(by_start):
            if start < after or (start and _LETTER_OR_DIGIT.match(folded, start - 1)):
                continue
            for index in sorted(by_start[start]):  # the longest name first
                end = start + len(self._names[index])
                if end == len(folded) or not _LETTER_OR_DIGIT.match(folded, end):
                    found.append(self._names[index])
                    after = end
                    break
        return found

"""Page topic: which drug a sentence is about when it does not name one.

The page's drug is the drug its title and headings name, else the drug it names most; a section's drug is
the one its headings name; a paragraph's drug is the last one named before the sentence in the same
paragraph ("Ketamine is an anaesthetic. It also ..."). Only a sentence that refers to the treatment
without naming it, or short copy (a heading, list item, table cell), takes the topic's drug
(frames.py `_from_context`): a sentence without a health claim never becomes one because of the topic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from factlint.documents.model import Document, Segment

TOPIC_KINDS = frozenset(("heading", "title"))
SHORT_KINDS = frozenset(("heading", "title", "list_item", "table_cell", "attribute", "prop"))
SHORT_WORDS = 5  # a paragraph of this many words or fewer is short copy too ("Ketamine for anxiety")


# A title's parts: "Tidewell: Ketamine Therapy, Delivered", "At-Home Ketamine Therapy | Lumen Mind"
_TITLE_PARTS = re.compile(r"\s*(?::|\||\s[-\u2013\u2014]\s)\s*")
_BRAND_WORDS = 3  # a brand is a short name: "Tidewell", "Lumen Mind", "Harbor Mind Clinic"
# "ketamine's cousin", "ketamine's successor": another compound, named by its relation to the drug
KIN = frozenset(("cousin", "relative", "sibling", "successor", "derivative", "descendant", "offspring"))
# A heading that names a drug only as another's relative ("Ketamine's Cousin Eases Depression") is not about it.
_KIN = re.compile(r"['\u2019]s\s+(?:" + "|".join(sorted(KIN)) + r")\b", re.IGNORECASE)


class Topic:
    """Tracks the page, section and paragraph drugs while the matcher walks a document's segments."""

    def __init__(self, document: Document, drugs_in: Callable[[str], list[str]]) -> None:
        self._drugs_in = drugs_in
        self._document = document
        self._page_drug: str | None | bool = False  # worked out when a sentence first asks for it
        self._sections: list[tuple[int, str | None]] = []  # (heading level, drug) of the open headings
        self.paragraph_drug: str | None = None
        self._brand: tuple[str, ...] | None = None  # worked out when a sentence first asks for it

    @property
    def page_drug(self) -> str | None:
        """The drug the title and headings name first, else the drug the page names most."""
        if self._page_drug is False:
            titled = next((found for segment in self._document.segments if segment.kind in TOPIC_KINDS
                           and not _KIN.search(segment.text) for found in self._drugs_in(segment.text)), None)
            counts = Counter(self._drugs_in(self._document.text)) if titled is None else None
            self._page_drug = titled if titled is not None else (
                counts.most_common(1)[0][0] if counts else None)
        return self._page_drug  # type: ignore[return-value]

    @property
    def title(self) -> str:
        """The page's title: its first title or heading ("" if it has none)."""
        return next((s.text for s in self._document.segments if s.kind in TOPIC_KINDS), "")

    @property
    def nearest_drug(self) -> str | None:
        """The drug the paragraph, else the section, else the page is about."""
        return self.paragraph_drug or self.section_drug or self.page_drug

    @property
    def brand(self) -> tuple[str, ...]:
        """The page's own name, as lower-case words: the part of its title, beside a part about the drug, that
        is a short capitalised name and names no drug ("Tidewell" in "Tidewell: Ketamine Therapy, Delivered");
        () if the title has no such part. A sentence whose subject it is speaks as the copy's "we"."""
        if self._brand is None:
            self._brand = ()
            parts = [p for p in _TITLE_PARTS.split(self.title) if p]
            if len(parts) > 1 and any(self._drugs_in(p) for p in parts):
                names = [p.split() for p in parts if not self._drugs_in(p)]
                names = [w for w in names if 0 < len(w) <= _BRAND_WORDS and all(x[:1].isupper() for x in w)]
                if names:
                    self._brand = tuple(x.lower() for x in names[0])
        return self._brand

    def enter(self, segment: Segment) -> None:
        """Called for each segment in reading order, before its sentences are read. A list item keeps the
        drug of the paragraph that introduces its list ("Why ketamine?" then "- It cures depression")."""
        if segment.kind != "list_item":
            self.paragraph_drug = None
        if segment.kind in TOPIC_KINDS:
            level = getattr(segment, "level", 1) if segment.kind == "heading" else 0
            while self._sections and self._sections[-1][0] >= level:
                self._sections.pop()
            found = [] if _KIN.search(segment.text) else self._drugs_in(segment.text)
            self._sections.append((level, found[0] if found else None))

    def named(self, drugs: Iterable[str]) -> None:
        """Drugs named by the sentence just read: "it" in the next sentence may mean the last of them."""
        for drug in drugs:
            self.paragraph_drug = drug

    @property
    def section_drug(self) -> str | None:
        for _, drug in reversed(self._sections):
            if drug is not None:
                return drug
        return None


def is_short(segment: Segment) -> bool:
    # split no further than one word past the limit: a long paragraph is not split whole to be counted
    return segment.kind in SHORT_KINDS or len(segment.text.split(None, SHORT_WORDS)) <= SHORT_WORDS

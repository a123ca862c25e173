"""The one Finding type every stage produces and every report format consumes."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_on` means "fails the run"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (choose from {choices})") from None


@dataclass(frozen=True, slots=True)
class Citation:
    """A source a reviewer can cite: title, publisher, date and address (rules/05-sources.yaml)."""

    title: str
    publisher: str | None = None
    date: str | None = None  # only where the document states one
    address: str | None = None
    kind: str | None = None  # "primary" | "secondary" | None (not stated)
    locator: str | None = None  # where in the document, e.g. "Boxed warning"
    note: str | None = None

    def text(self, *, address: bool = True) -> str:
        """One line: 'Title. Publisher, date. Locator. Secondary source. Address' (the note is left out)."""
        parts = [self.title.rstrip(".") + "."]
        issued = ", ".join(part for part in (self.publisher, self.date) if part)
        if issued:
            parts.append(issued + ".")
        if self.locator:
            parts.append(self.locator.rstrip(".") + ".")
        if self.kind == "secondary":
            parts.append("Secondary source.")
        if address and self.address:
            parts.append(self.address)
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class FactRef:
    """The fact a finding contradicts, with its provenance."""

    id: str
    statement: str
    # Traceability, not for display: the seed file name, or "domain-facts.md F21" for the reference sheet.
    source: str
    quote: str  # the verbatim sentence the fact rests on
    address: str | None = None  # the citation's public address
    citation: Citation | None = None  # what reports show instead of `source`
    # Set when the quote is the factlint reference sheet's summary of the cited document (words in inner
    # quotation marks are the document's own), e.g. "reference sheet F22"; None: verbatim from the document.
    quote_via: str | None = None

    @property
    def cited_as(self) -> str:
        """The human-readable citation, or the traceability name for a fact without a registered source."""
        return self.citation.text() if self.citation is not None else self.source

    @property
    def quote_label(self) -> str:
        """'quote', or 'quote (reference sheet F22)' when the quote is the reference sheet's summary."""
        return f"quote ({self.quote_via})" if self.quote_via else "quote"


@dataclass(frozen=True, slots=True)
class Finding:
    """One overclaim found in one file.

    Lines and columns are 1-based and count Unicode code points in the decoded file;
    `end_column` is exclusive (the column after the last character), as in SARIF.
    `start`/`end` are the same span as code-point offsets into the decoded text.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    rule: str
    category: str
    severity: Severity
    message: str
    text: str
    suggestion: str
    fact: FactRef
    sentence: str = ""  # the normalised sentence the match sits in (baseline key)
    # Filled in by a claims engine that knows them; reports show them when present.
    claim: str = ""  # the claim in words, e.g. "ketamine is FDA-approved for depression"
    merged: tuple[str, ...] = ()  # other rules that flagged the same claim, reported as this one finding

    def __post_init__(self) -> None:
        # A dense draft repeats the same claim, message, rewrite and sentence thousands of times: one
        # interned copy of each keeps a finding near 300 bytes instead of ~1 KB of strings of its own.
        for name in ("message", "text", "suggestion", "sentence", "claim"):
            object.__setattr__(self, name, sys.intern(getattr(self, name)))

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column)

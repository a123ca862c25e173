"""The one Finding type every stage produces and every report format consumes."""

from __future__ import annotations

import enum
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
class FactRef:
    """The fact a finding contradicts, with its provenance."""

    id: str
    statement: str
    source: str  # seed file name, or "domain-facts.md F21" for the reference sheet
    quote: str  # the verbatim sentence the fact rests on
    address: str | None = None  # public address, for reference-sheet facts


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

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not linted, and why (binary content, undecodable...)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A path that could not be read at all (exit 2 at the end of the run)."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class FileWarning:
    """A file that was linted, but not exactly as written (e.g. invalid UTF-8 replaced with U+FFFD)."""

    path: str
    message: str

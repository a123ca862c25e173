"""Output formats: one module per format, looked up by name in REPORTERS.

A reporter module exposes `render(result, options) -> str` (the whole report of a run) and
`render_rules(rules, options) -> str` (the `factlint rules` listing). To add a format, write
`factlint/report/<name>.py` and add one line to REPORTERS: the CLI's --format choices and the
configuration's `format` key are derived from it.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from factlint.report.source import SourceTexts
    from factlint.results import LintResult
    from factlint.rulebook.model import Rule, Rulebook

# name -> module; imported lazily so `factlint --help` stays fast whatever the formats need.
REPORTERS: dict[str, str] = {
    "text": "factlint.report.text",
    "json": "factlint.report.json",
    "sarif": "factlint.report.sarif",
    "github": "factlint.report.github",
    "rdjsonl": "factlint.report.rdjsonl",
    "junit": "factlint.report.junit",
    "html": "factlint.report.html",
}


@dataclass(frozen=True, slots=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False  # no summary line
    rulebook: Rulebook | None = None  # rule metadata, for formats that list rules (SARIF)
    root: Path | None = None  # repository root: SARIF uris are relative to it (default: cwd)
    sources: SourceTexts | None = None  # the linted files' text, for reports that show the copy (text, html)


class Reporter(Protocol):
    """What a module named in REPORTERS provides."""

    def render(self, result: LintResult, options: ReportOptions) -> str: ...

    def render_rules(self, rules: Sequence[Rule], options: ReportOptions) -> str: ...


def reporter(name: str) -> Reporter:
    """The reporter module for an output format name (a key of REPORTERS)."""
    try:
        module_name = REPORTERS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(REPORTERS)})") from None
    return cast("Reporter", importlib.import_module(module_name))

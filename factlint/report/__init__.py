"""Output formats: one module per format, looked up by name in FORMATS.

A format module exposes `render(result, options) -> str` (the whole report) and
`render_rules(rules, options) -> str` (the `factlint rules` listing). To add a format (sarif,
github, rdjsonl, junit), write `factlint/report/<name>.py` and add one line to FORMATS: the CLI's
--format choices and the config's `format` key are derived from it.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from factlint.lint import LintResult
    from factlint.report.source import SourceTexts
    from factlint.rulebook.model import Rule, Rulebook

# name -> module; imported lazily so `factlint --help` stays fast whatever the formats need.
FORMATS: dict[str, str] = {
    "text": "factlint.report.text",
    "json": "factlint.report.json",
    "sarif": "factlint.report.sarif",
    "github": "factlint.report.github",
    "rdjsonl": "factlint.report.rdjsonl",
    "junit": "factlint.report.junit",
}


@dataclass(frozen=True, slots=True)
class ReportOptions:
    color: bool = False
    quiet: bool = False  # no summary line
    rulebook: Rulebook | None = None  # rule metadata, for formats that list rules (SARIF)
    root: Path | None = None  # repository root: SARIF uris are relative to it (default: cwd)
    sources: SourceTexts | None = None  # the linted files' text, for reports that show the copy (text, html)


class Format(Protocol):
    def render(self, result: LintResult, options: ReportOptions) -> str: ...

    def render_rules(self, rules: Sequence[Rule], options: ReportOptions) -> str: ...


def get_format(name: str) -> ModuleType:
    try:
        module_name = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})") from None
    return importlib.import_module(module_name)

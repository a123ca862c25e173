"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding,
grouped per file with `::group::` … `::endgroup::`.

Escaping follows actions/toolkit (command.js): in the message `%`, CR and LF; in property values
(file, title) also `:` and `,`. Before that, text from drafts, file names and rulebooks is made
visible (escape.py): a control character cannot reach the log, so a file whose name holds one is
annotated under its escaped name. GitHub shows at most 10 annotations of each level per step: for big
runs upload SARIF instead (see README, "GitHub Actions").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from factlint.escape import visible
from factlint.findings import Finding, Severity
from factlint.report import ReportOptions
from factlint.report.text import summary

if TYPE_CHECKING:
    from factlint.results import LintResult
    from factlint.rulebook.model import Rule

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message: shown visibly (escape.visible), then percent-escaped as the toolkit does."""
    return _percent(visible(text))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _percent(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation(f: Finding) -> str:
    props = {
        "file": f.path,
        "line": f.line,
        "col": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "title": f"factlint {f.rule} ({f.category})",
    }
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    parts = (f.message, f'Matched: "{f.text}"', f"Fact: {f.fact.statement}", f"Source: {f.fact.cited_as}",
             f"Suggestion: {f.suggestion}")
    message = "\n".join(visible(part) for part in parts)  # line breaks of our own, escaped by _percent
    return f"::{COMMANDS[f.severity]} {head}::{_percent(message)}"


def render(result: LintResult, options: ReportOptions) -> str:
    lines: list[str] = []
    notices = {path: list(items) for path, items in groupby(result.notices, key=lambda n: n.path)}
    paths = sorted({f.path for f in result.findings} | set(notices))
    by_path = {path: list(items) for path, items in groupby(result.findings, key=lambda f: f.path)}
    for path in paths:
        lines.append(f"::group::{escape_data(path)}")
        lines.extend(annotation(f) for f in by_path.get(path, ()))
        for n in notices.get(path, ()):
            lines.append(f"::warning file={escape_property(n.path)},line={n.line},"
                         f"title={escape_property('factlint ' + n.code)}::{escape_data(n.message)}")
        lines.append("::endgroup::")
    for w in result.warnings:
        lines.append(f"::warning file={escape_property(w.path)},title=factlint decoding warning::"
                     f"{escape_data(w.message)}")
    for s in result.skipped:
        lines.append(f"::warning file={escape_property(s.path)},title=factlint skipped::{escape_data(s.reason)}")
    for p in result.problems:
        lines.append(f"::error file={escape_property(p.path)},title=factlint::{escape_data(p.message)}")
    if not options.quiet:
        lines.append(summary(result))
    return "\n".join(lines) + "\n" if lines else ""


def render_rules(rules: Sequence[Rule], options: ReportOptions) -> str:
    from factlint.report import text

    return text.render_rules(rules, options)

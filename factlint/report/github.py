"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding,
grouped per file with `::group::` … `::endgroup::`.

Escaping follows actions/toolkit (command.js): in the message `%`, CR and LF; in property values
(file, title) also `:` and `,`. Before that, text from drafts, file names and rulebooks is made
visible (escape.py): a control character cannot reach the log, so a file whose name holds one is
annotated under its escaped name. GitHub shows at most 10 annotations of each level per step: past that,
findings are plain log lines and one annotation says so (for big runs upload SARIF; README, "GitHub Actions").
"""

from __future__ import annotations

from collections import Counter
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


# GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (50 per job;
# ../shared/reference/linters.md §4.4) and drops the rest without a word. So each level's first ones are
# annotations, everything else is a plain line of the step's log (escaped: never a workflow command), and
# one warning annotation, kept free for it, says how many were not annotated and where to see them.
PER_STEP = 10


class _Slots:
    """Annotations left per level in this step."""

    def __init__(self, demand: Counter[str]) -> None:
        self.overflow = any(n > PER_STEP for n in demand.values())
        self.left = {level: PER_STEP for level in COMMANDS.values()}
        if self.overflow:
            self.left["warning"] -= 1  # the note about the limit
        self.unannotated = 0

    def take(self, level: str) -> bool:
        if self.left[level] > 0:
            self.left[level] -= 1
            return True
        self.unannotated += 1
        return False


def render(result: LintResult, options: ReportOptions) -> str:
    lines: list[str] = []
    notices = {path: list(items) for path, items in groupby(result.notices, key=lambda n: n.path)}
    paths = sorted({f.path for f in result.findings} | set(notices))
    by_path = {path: list(items) for path, items in groupby(result.findings, key=lambda f: f.path)}
    demand = Counter(COMMANDS[f.severity] for f in result.findings)
    demand.update({"error": len(result.problems), "notice": len(result.truncated),
                   "warning": len(result.notices) + len(result.warnings) + len(result.skipped)})
    slots = _Slots(demand)
    # What must not be lost is annotated first (rendered at the end): unreadable files, cut reports.
    problems = [slots.take("error") for _ in result.problems]
    cuts = [slots.take("notice") for _ in result.truncated]
    for path in paths:
        lines.append(f"::group::{escape_data(path)}")
        for f in by_path.get(path, ()):
            lines.append(annotation(f) if slots.take(COMMANDS[f.severity]) else _log_line(f))
        for n in notices.get(path, ()):
            title = "factlint " + n.code
            lines.append(_command("warning", title, n.message, n.path, n.line) if slots.take("warning")
                         else _plain(f"{n.path}:{n.line}: {title}: {n.message}"))
        lines.append("::endgroup::")
    for w in result.warnings:
        lines.append(_command("warning", "factlint decoding warning", w.message, w.path) if slots.take("warning")
                     else _plain(f"{w.path}: factlint decoding warning: {w.message}"))
    for s in result.skipped:
        lines.append(_command("warning", "factlint skipped", s.reason, s.path) if slots.take("warning")
                     else _plain(f"{s.path}: factlint skipped: {s.reason}"))
    for t, annotated in zip(result.truncated, cuts, strict=True):
        lines.append(_command("notice", "factlint: findings left out", t.message(), t.path) if annotated
                     else _plain(f"{t.path}: factlint: findings left out: {t.message()}"))
    for p, annotated in zip(result.problems, problems, strict=True):
        lines.append(_command("error", "factlint", p.message, p.path) if annotated
                     else _plain(f"{p.path}: factlint error: {p.message}"))
    if slots.overflow:
        lines.append(_command("warning", "factlint: annotation limit", (
            f"{slots.unannotated:,} findings and notes are listed in this step's log but not annotated: GitHub "
            f"shows at most {PER_STEP} error, {PER_STEP} warning and {PER_STEP} notice annotations per step. "
            "Upload the SARIF report (--format sarif) to code scanning to see every finding.")))
    if not options.quiet:
        lines.append(summary(result))
    return "\n".join(lines) + "\n" if lines else ""


def _command(level: str, title: str, message: str, path: str | None = None, line: int | None = None) -> str:
    head = f"file={escape_property(path)}," if path is not None else ""
    head += f"line={line}," if line is not None else ""
    return f"::{level} {head}title={escape_property(title)}::{escape_data(message)}"


def _log_line(f: Finding) -> str:
    """A finding past the annotation limit, as a plain log line (the text report's header line)."""
    return _plain(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.label}] {f.category}: {f.message}")


def _plain(text: str) -> str:
    return visible(text, line_start=True)


def render_rules(rules: Sequence[Rule], options: ReportOptions) -> str:
    from factlint.report import text

    return text.render_rules(rules, options)

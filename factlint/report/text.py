"""The human report: one block per finding, then a summary line. Colour only when asked for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from factlint.escape import visible
from factlint.findings import Finding, Severity
from factlint.report import ReportOptions
from factlint.report.source import SourceTexts, snippet

if TYPE_CHECKING:
    from factlint.results import LintResult
    from factlint.rulebook.model import Rule

SEVERITY_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(result: LintResult, options: ReportOptions) -> str:
    style = _styler(options.color)
    blocks = [_finding(f, style, options.sources) for f in result.findings]
    lines: list[str] = []
    for block in blocks:
        lines.extend(block)
        lines.append("")
    for n in result.notices:
        lines.append(style(f"{_path(n.path)}:{n.line}: note: {visible(n.message)} [{n.code}]", fg="yellow"))
    if result.notices:
        lines.append("")
    for warning in result.warnings:
        lines.append(style(f"warning: {visible(warning.path)}: {visible(warning.message)}", fg="yellow"))
    if result.warnings:
        lines.append("")
    for skip in result.skipped:
        lines.append(style(f"skipped: {visible(skip.path)} ({visible(skip.reason)})", fg="bright_black"))
    if result.skipped:
        lines.append("")
    for cut in result.truncated:  # never a quiet cut: the reader learns how much is missing, and why
        lines.append(style(f"{_path(cut.path)}: note: {cut.message()}", fg="yellow"))
    if result.truncated:
        lines.append("")
    if result.suppressed:  # what the drafts waived, per rule: a reviewer sees it at a glance
        per_rule = Counter(s.finding.rule for s in result.suppressed)
        lines.append("suppressed by directives: " + ", ".join(f"{visible(rule)} ({n})"
                                                             for rule, n in sorted(per_rule.items())))
    if not options.quiet:
        lines.append(style(summary(result), bold=True))
    return "\n".join(lines) + "\n" if lines else ""


def _finding(f: Finding, style, sources: SourceTexts | None) -> list[str]:
    """The header line (path:line:col: RULE [severity] category: message), the source line with the claim
    underlined (as ruff and rustc show it), then why: the fact, its source, the quote and a rewrite."""
    color = SEVERITY_COLORS[f.severity]
    severity = style(f"[{f.severity.label}]", fg=color)
    location = style(f"{_path(f.path)}:{f.line}:{f.column}:", bold=True)
    rule = visible(f.rule)
    lines = [f"{location} {style(rule, fg=color, bold=True)} {severity} {visible(f.category)}: {visible(f.message)}"]
    text = sources.matches(f) if sources is not None else None
    gutter = " " * len(str(f.line))
    bar = style("|", fg="blue", bold=True)
    if text is not None:
        shown = snippet(text, f)
        lines += [
            f"{gutter} {bar}",
            f"{style(str(f.line), fg='blue', bold=True)} {bar} {shown.line}",
            f"{gutter} {bar} {style(shown.underline, fg=color, bold=True)} {style(rule, fg=color)}",
            f"{gutter} {bar}",
        ]
    notes = [] if text is not None else [("matched", f'"{_one_line(f.text)}"')]
    if f.claim:
        notes.append(("claim", f.claim))
    if f.merged:
        notes.append(("also", ", ".join(f.merged)))
    notes += [("fact", f.fact.statement), ("source", f.fact.cited_as)]
    if f.fact.quote:  # a house policy cited without its words has none
        notes.append((f.fact.quote_label, f'"{_one_line(f.fact.quote)}"'))
    notes.append(("suggestion", f.suggestion))
    equals = style("=", fg="blue", bold=True)
    lines += [f"{gutter} {equals} {label}: {visible(value)}" for label, value in notes]
    return lines


def summary(result: LintResult) -> str:
    files = _plural(result.files_checked, "file")
    counts = {s: 0 for s in Severity}
    for f in result.findings:
        counts[f.severity] += 1
    if result.findings:
        found = (
            f"{_plural(counts[Severity.ERROR], 'error')}, "
            f"{_plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info"
        )
    else:
        found = "no findings"
    extras = []
    if result.suppressed:
        extras.append(f"{len(result.suppressed)} suppressed")
    if result.baselined:
        extras.append(f"{result.baselined} in baseline")
    if result.baseline_stale:
        stale = result.baseline_stale
        extras.append(f"{stale} stale baseline {'entry' if stale == 1 else 'entries'}")
    if result.skipped:
        extras.append(f"{len(result.skipped)} skipped")
    if result.warnings:
        extras.append(_plural(len(result.warnings), "decoding warning"))
    if result.problems:
        extras.append(f"{len(result.problems)} unreadable")
    excluded = f"{_plural(result.excluded, 'file')} excluded by the configuration"
    if result.excluded and not result.files_checked:  # never "0 files checked: no findings"
        return f"no file checked: {excluded}" + (f" ({', '.join(extras)})" if extras else "")
    if result.excluded:
        extras.append(excluded)
    left_out = sum(cut.left_out for cut in result.truncated)
    if left_out:
        extras.append(f"{left_out:,} more not shown, see --max-findings")
    tail = f" ({', '.join(extras)})" if extras else ""
    return f"{files} checked: {found}{tail}"


def render_rules(rules: Sequence[Rule], options: ReportOptions) -> str:
    header = ("ID", "CATEGORY", "SEVERITY", "SUMMARY")
    rows = [(visible(r.id), visible(r.category), r.severity.label, visible(r.summary)) for r in rules]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(3)]
    style = _styler(options.color)
    out = []
    for n, row in enumerate((header, *rows)):
        line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
        out.append(style(line, bold=True) if n == 0 else line)
    if not options.quiet:
        out.append(f"\n{_plural(len(rules), 'rule')}")
    return "\n".join(out) + "\n"


def _path(path: str) -> str:
    """A path that begins a line: escaped, and never the start of a workflow command (`::error`)."""
    return visible(path, line_start=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _one_line(text: str) -> str:
    # A match may span a line break in the source; the report keeps one finding per block.
    return " ".join(text.split())


def _styler(color: bool):
    if color:
        return click.style
    return lambda text, **_: text

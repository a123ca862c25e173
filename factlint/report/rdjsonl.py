"""reviewdog rdjsonl: one Diagnostic JSON object per line (reviewdog proto/rdf/reviewdog.proto).

Positions are 1-based and columns count UTF-8 bytes (reviewdog's unit), end exclusive: counted on the
file's text, read again at report time (report/source.py). A finding
whose rule has a safe fix carries it as a suggestion (shown as a suggested change by
`-reporter=github-pr-review`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factlint.findings import Finding, Severity
from factlint.report import ReportOptions
from factlint.ruledocs import doc_url

if TYPE_CHECKING:
    from factlint.results import LintResult
    from factlint.rulebook.model import Rule

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
SOURCE = {"name": "factlint", "url": "https://github.com/factlint/factlint"}


def diagnostic(f: Finding, columns: tuple[int, int], rule: Rule | None) -> dict[str, Any]:
    from factlint.fixes import replacement

    start, end = columns
    rng = {"start": {"line": f.line, "column": start}, "end": {"line": f.end_line, "column": end}}
    out: dict[str, Any] = {
        "message": f"{f.message} Suggested: {f.suggestion}",
        "location": {"path": f.path, "range": rng},
        "severity": SEVERITIES[f.severity],
        "source": SOURCE,
        "code": {"value": f.rule},
    }
    url = doc_url(rule) if rule is not None else None
    if url:
        out["code"]["url"] = url
    fixed = replacement(f, rule, unsafe=False) if rule is not None else None
    if fixed is not None:
        out["suggestions"] = [{"range": rng, "text": fixed}]
    return out


def render(result: LintResult, options: ReportOptions) -> str:
    rules = {r.id: r for r in options.rulebook.rules} if options.rulebook is not None else {}
    lines = []
    counter = ByteColumns()
    for f in result.findings:
        columns = counter.of(f, options.sources.matches(f) if options.sources is not None else None)
        lines.append(json.dumps(diagnostic(f, columns, rules.get(f.rule)), sort_keys=True, ensure_ascii=True))
    for cut in result.truncated:  # a file-level diagnostic (no range): reviewdog shows it beside the findings
        lines.append(json.dumps({"message": cut.message(), "location": {"path": cut.path}, "severity": "WARNING",
                                 "source": SOURCE, "code": {"value": "max-findings"}}, sort_keys=True,
                                ensure_ascii=True))
    return "".join(line + "\n" for line in lines)


def byte_columns(f: Finding, text: str | None) -> tuple[int, int]:
    """The finding's (start, end) columns counted in UTF-8 bytes, 1-based, from the file's text; its
    code-point columns when the text is not at hand (the file changed or vanished since the run)."""
    return ByteColumns().of(f, text)


class ByteColumns:
    """Byte columns of findings in report order (sorted by position within a file): each start is
    counted on from the previous one on its line, each end from its start, so a line of megabytes
    with thousands of findings costs its length once (counting from the line start each time was
    quadratic)."""

    def __init__(self) -> None:
        self._text: str | None = None
        self._line = self._at = self._bytes = -1

    def of(self, f: Finding, text: str | None) -> tuple[int, int]:
        if text is None:
            return f.column, f.end_column
        line = f.start - (f.column - 1)
        if text is not self._text or line != self._line or f.start < self._at:
            self._text, self._line, self._at, self._bytes = text, line, line, 0
        self._bytes += _utf8_length(text[self._at:f.start])
        self._at = f.start
        start = self._bytes + 1
        if f.end_line == f.line:
            return start, start + _utf8_length(text[f.start:f.end])
        return start, _utf8_length(text[f.end - (f.end_column - 1):f.end]) + 1


def _utf8_length(piece: str) -> int:
    return len(piece) if piece.isascii() else len(piece.encode("utf-8", "surrogatepass"))


def render_rules(rules: Sequence[Rule], options: ReportOptions) -> str:
    return "".join(json.dumps({"id": r.id, "name": r.name, "category": r.category,
                               "severity": r.severity.label, "summary": r.summary}, sort_keys=True) + "\n"
                   for r in rules)

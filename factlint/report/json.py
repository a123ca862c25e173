"""The machine report: ONE JSON object, keys sorted, so the same input gives the same bytes.

Schema (version 1), documented field by field in README.md:
{"version": 1, "findings": [...], "skipped": [...], "problems": [...], "summary": {...}}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factlint.findings import Citation, Finding, Severity
from factlint.report import ReportOptions

if TYPE_CHECKING:
    from factlint.results import LintResult, SuppressedFinding
    from factlint.rulebook.model import Rule

SCHEMA_VERSION = 1


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.label,
        "message": f.message,
        "text": f.text,
        "suggestion": f.suggestion,
        **({"claim": f.claim} if f.claim else {}),
        **({"merged": list(f.merged)} if f.merged else {}),
        "fact": {
            "id": f.fact.id,
            "statement": f.fact.statement,
            "source": f.fact.source,
            "quote": f.fact.quote,
            "address": f.fact.address,
            "citation": citation_to_dict(f.fact.citation),
            "quote_via": f.fact.quote_via,
        },
    }


def citation_to_dict(citation: Citation | None) -> dict[str, Any] | None:
    if citation is None:
        return None
    return {"title": citation.title, "publisher": citation.publisher, "date": citation.date,
            "address": citation.address, "kind": citation.kind, "locator": citation.locator,
            "note": citation.note, "text": citation.text()}


def suppressed_to_dict(item: SuppressedFinding) -> dict[str, Any]:
    out = finding_to_dict(item.finding)
    s = item.suppression
    out["suppressed"] = {"reason": s.reason or None, "directive": f"factlint-{s.kind}", "line": s.line}
    return out


def to_dict(result: LintResult) -> dict[str, Any]:
    by_severity = {s.label: 0 for s in Severity}
    for f in result.findings:
        by_severity[f.severity.label] += 1
    return {
        "version": SCHEMA_VERSION,
        "findings": [finding_to_dict(f) for f in result.findings],
        "suppressed": [suppressed_to_dict(s) for s in result.suppressed],
        "notices": [{"path": n.path, "line": n.line, "code": n.code, "message": n.message}
                    for n in result.notices],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "warnings": [{"path": w.path, "message": w.message} for w in result.warnings],
        "problems": [{"path": p.path, "message": p.message} for p in result.problems],
        "truncated": [{"path": t.path, "findings": t.total, "reported": min(t.total, t.limit),
                       "left_out": t.left_out, "suppressed_left_out": t.suppressed_left_out,
                       "max_findings": t.limit, "message": t.message()} for t in result.truncated],
        "summary": {
            "files_checked": result.files_checked,
            "findings": len(result.findings),
            "by_severity": by_severity,
            "suppressed": len(result.suppressed),
            "baselined": result.baselined,
            "baseline_stale": result.baseline_stale,
            "excluded": result.excluded,
            "skipped": len(result.skipped),
            "problems": len(result.problems),
            "warnings": len(result.warnings),
            "truncated": len(result.truncated),  # files whose findings --max-findings cut short
            "left_out": sum(t.left_out for t in result.truncated),  # findings not in "findings" because of it
        },
    }


def render(result: LintResult, options: ReportOptions) -> str:
    return dump_lines(to_dict(result))


def render_rules(rules: Sequence[Rule], options: ReportOptions) -> str:
    return dump({
        "version": SCHEMA_VERSION,
        "rules": [
            {
                "id": r.id,
                "name": r.name,
                "category": r.category,
                "severity": r.severity.label,
                "summary": r.summary,
                "fact": r.fact.id,
            }
            for r in rules
        ],
    })


def dump(data: Any) -> str:
    # ensure_ascii keeps the bytes identical whatever the terminal's encoding is.
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


# One-shot encoding without `indent` runs in C; with `indent`, json falls back to pure Python,
# ~10x slower on a report of thousands of findings.
_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=True).encode


def dump_lines(data: dict[str, Any]) -> str:
    """A report object with one list item (a finding) per line: fast to write, easy to read
    and to diff line by line."""
    lines = ["{"]
    keys = sorted(data)
    for number, key in enumerate(keys, 1):
        comma = "," if number < len(keys) else ""
        value = data[key]
        if isinstance(value, list) and value:
            lines.append(f"  {_encode(key)}: [")
            lines.append(",\n".join(f"    {_encode(item)}" for item in value))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {_encode(key)}: {_encode(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"

"""SARIF 2.1.0, as GitHub code scanning reads it (see ../shared/reference/linters.md §4.3).

Every enabled rule is listed in tool.driver.rules (id, name, descriptions, help, default level, the
category as a tag); each result points at a repository-relative uri with a 1-based region whose
end column is exclusive, and carries a stable partialFingerprints entry (path + rule + normalised
sentence, so it survives edits elsewhere in the file). Columns count Unicode code points, which
`columnKind` states. Suppressed findings are included with `suppressions` (the audit trail).
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from factlint import __version__
from factlint.baseline import fingerprint
from factlint.findings import Finding, Severity
from factlint.report import ReportOptions
from factlint.report.json import dump
from factlint.ruledocs import doc_url

if TYPE_CHECKING:
    from factlint.results import LintResult, Suppression
    from factlint.rulebook.model import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/factlint/factlint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "factlint/v1"


# GitHub code scanning's limits (docs: "SARIF support for code scanning", upload limits): it rejects a run
# of more than 25,000 results and an upload over 10 MB gzip-compressed. factlint stays under both and says so.
MAX_RESULTS = 25_000
MAX_GZIP_BYTES = 10 * 1024 * 1024
COMPACT_FROM = 1_000  # results: from here on, JSON without indentation (C encoder, a third of the size)


def render(result: LintResult, options: ReportOptions) -> str:
    book = list(options.rulebook.rules) if options.rulebook is not None else []
    # e.g. stdin findings with a rule not in the book
    rules: list[Rule | dict[str, Any]] = [*book, *_rules_of_unknown(result, {r.id for r in book})]
    index = {r.id if not isinstance(r, dict) else r["id"]: i for i, r in enumerate(rules)}
    root = options.root or Path.cwd()
    # Active findings first: when the cap bites, what is left out is the audit trail, not the problems.
    items: list[tuple[Finding, Suppression | None]] = [(f, None) for f in result.findings]
    items += [(s.finding, s.suppression) for s in result.suppressed]
    driver = {
        "name": "factlint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFO_URI,
        "rules": [_rule(r) if not isinstance(r, dict) else r for r in rules],
    }
    keep = min(len(items), MAX_RESULTS)
    compact = len(items) >= COMPACT_FROM
    while True:
        document = _document(result, items, keep, driver, index, root)
        text = _compact(document) + "\n" if compact else dump(document)
        size = _gzip_size(text)
        if size <= MAX_GZIP_BYTES or keep == 0:
            return text
        keep = int(keep * MAX_GZIP_BYTES / size * 0.9)  # results are alike in size: one more pass fits


def _document(result: LintResult, items: list[tuple[Finding, Suppression | None]], keep: int,
              driver: dict[str, Any], index: dict[str, int], root: Path) -> dict[str, Any]:
    """The SARIF log with the first `keep` of `items` as results, in path and position order."""
    kept = sorted(items[:keep], key=lambda item: item[0].sort_key)
    seen: Counter[str] = Counter()
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, suppression, index, root, seen) for finding, suppression in kept],
        "invocations": [_invocation(result, root, len(items) - keep)],
    }
    if result.truncated or keep < len(items):
        run["properties"] = _limits(result, len(items), keep)
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _compact(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def _gzip_size(text: str) -> int:
    """The report's size gzip-compressed (a file of under 10 MB needs no compressing to know)."""
    if len(text) <= MAX_GZIP_BYTES:
        return len(text)
    return len(gzip.compress(text.encode("ascii"), compresslevel=6))


def _limits(result: LintResult, total: int, kept: int) -> dict[str, Any]:
    """run.properties: what --max-findings and GitHub's limits left out, for a program to read."""
    return {"factlint/limits": {
        "resultsLeftOut": total - kept,
        "maxResults": MAX_RESULTS,
        "truncatedFiles": [{"uri": t.path, "findings": t.total, "reported": min(t.total, t.limit),
                            "maxFindings": t.limit} for t in result.truncated],
    }}


def render_rules(rules: Sequence[Rule], options: ReportOptions) -> str:
    return dump({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "factlint", "version": __version__, "informationUri": INFO_URI,
                            "rules": [_rule(r) for r in rules]}},
        "results": [],
    }]})


def uri(path: str, root: Path) -> str:
    """Relative to the repository root, "/" separators (GitHub needs it consistent across runs),
    percent-encoded as a URI reference must be (RFC 3986): `a#b.md` is not `a`, `docs%2Fx.md` is
    not `docs/x.md`, a space or an accent is encoded as UTF-8 bytes. Outside the root: a file: URI."""
    relative = repository_path(path, root)
    if relative is None:
        return Path(os.path.realpath(path)).as_uri()
    return quote(relative, safe="/", errors="surrogateescape")


def repository_path(path: str, root: Path) -> str | None:
    """The path relative to the repository root, not encoded (fingerprints are made of it); None
    for a file outside the root."""
    if path.startswith("<"):
        return path.strip("<>")
    absolute = os.path.realpath(path)  # symlinked paths must be resolved
    try:
        return Path(absolute).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return None


def _rule(rule: Rule) -> dict[str, Any]:
    fact = rule.fact.as_ref()
    quote = " ".join(fact.quote.split())
    label = fact.quote_label.capitalize()
    quoted = f"{label}: \"{quote}\"\n" if quote else ""  # a house policy cited without its words has none
    text = (f"{rule.message}\n\nFact: {fact.statement}\nSource: {fact.cited_as}\n{quoted}\n"
            f"Compliant rewrite: {rule.suggestion}")
    quoted = f"\n\n**{label}:**\n\n> {quote}" if quote else ""
    markdown = (f"{rule.message}\n\n**Fact:** {fact.statement}\n\n**Source:** {fact.cited_as}"
                f"{quoted}\n\n**Compliant rewrite:** {rule.suggestion}")
    entry: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary[:1024]},
        "fullDescription": {"text": f"{rule.summary}. {rule.message}"},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category], "precision": "medium",
                       "problem.severity": "recommendation" if rule.severity == Severity.INFO
                       else LEVELS[rule.severity]},
    }
    url = doc_url(rule)
    if url:
        entry["helpUri"] = url
    return entry


def _rules_of_unknown(result: LintResult, known: set[str]) -> list[dict[str, Any]]:
    extra: dict[str, dict[str, Any]] = {}
    for f in [*result.findings, *(s.finding for s in result.suppressed)]:
        if f.rule not in known and f.rule not in extra:
            extra[f.rule] = {"id": f.rule, "shortDescription": {"text": f.category},
                             "fullDescription": {"text": f.message}, "help": {"text": f.suggestion},
                             "defaultConfiguration": {"level": LEVELS[f.severity]},
                             "properties": {"tags": [f.category]}}
    return [extra[k] for k in sorted(extra)]


def _result(f: Finding, suppression: Suppression | None, index: dict[str, int], root: Path,
            seen: Counter[str]) -> dict[str, Any]:
    location = uri(f.path, root)
    digest = fingerprint(repository_path(f.path, root) or location, f)
    seen[digest] += 1  # the same claim twice in a file: keep the fingerprints distinct and stable
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS[f.severity],
        "message": {"text": f"{f.message} Suggested: {f.suggestion}"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": location},
            "region": {
                "startLine": f.line, "startColumn": f.column,
                "endLine": f.end_line, "endColumn": f.end_column,
                "snippet": {"text": f.text},
            },
        }}],
        "partialFingerprints": {FINGERPRINT_KEY: f"{digest}:{seen[digest]}"},
        "properties": {"category": f.category, "fact": f.fact.id, "source": f.fact.cited_as,
                       **({"claim": f.claim} if f.claim else {}), **({"merged": list(f.merged)} if f.merged else {})},
    }
    if suppression is not None:
        out["suppressions"] = [{
            "kind": "inSource",
            "status": "accepted",
            "justification": suppression.reason or "(no reason given)",
            "properties": {"directive": f"factlint-{suppression.kind}", "line": suppression.line},
        }]
    return out


def _file_note(level: str, code: str, path: str, message: str, root: Path) -> dict[str, Any]:
    return {
        "level": level,
        "message": {"text": f"{path}: {message}"},
        "descriptor": {"id": code},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(path, root)}}}],
    }


def _invocation(result: LintResult, root: Path, left_out: int = 0) -> dict[str, Any]:
    notes = []
    for t in result.truncated:
        notes.append(_file_note("warning", "max-findings", t.path, t.message(), root))
    if left_out:
        notes.append({"level": "warning", "descriptor": {"id": "result-limit"}, "message": {"text": (
            f"{left_out:,} results left out of this report: GitHub code scanning accepts at most "
            f"{MAX_RESULTS:,} results per run and {MAX_GZIP_BYTES // 2**20} MB of gzip-compressed SARIF "
            "(kept: the first by path and position, findings before suppressed ones; --format json lists them all)")}})
    for n in result.notices:
        notes.append({
            "level": "warning",
            "message": {"text": n.message},
            "descriptor": {"id": n.code},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(n.path, root)},
                                                "region": {"startLine": n.line}}}],
        })
    for w in result.warnings:
        notes.append(_file_note("warning", "decoding-warning", w.path, w.message, root))
    for s in result.skipped:
        notes.append(_file_note("warning", "skipped", s.path, f"skipped: {s.reason}", root))
    for p in result.problems:
        notes.append({"level": "error", "message": {"text": f"{p.path}: {p.message}"}})
    return {"executionSuccessful": not result.problems, "toolExecutionNotifications": notes}

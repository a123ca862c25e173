"""Inline suppressions: parse `factlint-disable…` directives in a draft and apply them to findings.

Syntax (HTML comments work in Markdown, MDX and HTML; MDX also takes `{/* … */}`; in plain text the
same directive may stand after `#` or `//` at the start of a line):

    <!-- factlint-disable-next-line FL201 -- reason -->
    <!-- factlint-disable FL201,FL202 -- reason -->   …   <!-- factlint-enable FL201,FL202 -->
    <!-- factlint-disable-file -- reason -->

No ids means every rule. An id may also be an id prefix (`FL2`) or a category (`indication`), as in
`--select`. A suppression keeps an audit trail: the finding is reported as suppressed with the
directive's reason. A directive without a reason, and one that suppressed nothing, give a Notice.
Pure functions only: the caller passes the decoded text and the findings.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factlint.findings import Finding
from factlint.results import Notice, SuppressedFinding, Suppression
from factlint.selection import selects

_KINDS = ("disable-next-line", "disable-file", "disable", "enable")
_BODY = r"factlint-(?P<kind>disable-next-line|disable-file|disable|enable)\b(?P<rest>{rest})"
_HTML = re.compile(r"<!--\s*" + _BODY.format(rest=r"(?:(?!-->).)*?") + r"\s*-->", re.S)
_MDX = re.compile(r"\{/\*\s*" + _BODY.format(rest=r"(?:(?!\*/).)*?") + r"\s*\*/\}", re.S)
_LINE = re.compile(r"^[ \t]*(?:#|//)[ \t]*" + _BODY.format(rest=r"[^\r\n]*"), re.M)
_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str  # disable-next-line | disable-file | disable | enable
    ids: tuple[str, ...] | None  # None = every rule
    reason: str  # "" when none was given
    line: int  # 1-based line where the directive starts
    start: int  # code-point offsets of the directive in the text
    end: int

    def covers(self, finding: Finding) -> bool:
        return self.ids is None or selects(self.ids, finding.rule, finding.category)


def parse_directives(text: str, format: str) -> list[Directive]:
    """Every directive in `text`, in order. `format` is markdown, html or text."""
    if "factlint-" not in text:  # the common case: nothing to parse
        return []
    patterns = [_HTML]
    if format in ("markdown", "mdx"):
        patterns.append(_MDX)
    if format == "text":
        patterns.append(_LINE)
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    found = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            ids, reason = _split_rest(match.group("rest"))
            line = bisect.bisect_right(starts, match.start())
            found.append(Directive(match.group("kind"), ids, reason, line, match.start(), match.end()))
    found.sort(key=lambda d: d.start)
    return found


def _split_rest(rest: str) -> tuple[tuple[str, ...] | None, str]:
    head, sep, reason = rest.partition(" --")
    if not sep and rest.strip().startswith("--"):
        head, reason = "", rest.strip()[2:]
    ids = tuple(token for token in re.split(r"[\s,]+", head.strip()) if token)
    return (ids or None), " ".join(reason.split())


def apply_suppressions(
    path: str, text: str, format: str, findings: Sequence[Finding]
) -> tuple[list[Finding], list[SuppressedFinding], list[Notice]]:
    """Split findings into active and suppressed; report directives without reason or without use."""
    directives = parse_directives(text, format)
    if not directives:
        return list(findings), [], []
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    enables = [d for d in directives if d.kind == "enable"]
    disables = [d for d in directives if d.kind != "enable"]
    used: set[int] = set()
    active: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    for finding in findings:
        directive = _suppressor(finding, disables, enables, starts)
        if directive is None:
            active.append(finding)
        else:
            used.add(directive.start)
            suppressed.append(SuppressedFinding(finding, Suppression(directive.reason, directive.kind,
                                                                     directive.line)))
    notices = []
    for d in disables:
        what = ",".join(d.ids) if d.ids else "all rules"
        if not d.reason:
            notices.append(Notice(path, d.line, "suppression-without-reason",
                                  f"factlint-{d.kind} ({what}) has no reason; add one after ' -- '"))
        if d.start not in used:
            notices.append(Notice(path, d.line, "unused-suppression",
                                  f"unused factlint-{d.kind} ({what}): it suppresses no finding"))
    return active, suppressed, notices


def _suppressor(finding: Finding, disables: Iterable[Directive], enables: Sequence[Directive],
                starts: Sequence[int]) -> Directive | None:
    for d in disables:
        if not d.covers(finding):
            continue
        if d.kind == "disable-file":
            return d
        if d.kind == "disable-next-line":
            end_line = bisect.bisect_right(starts, max(d.end - 1, d.start))
            if finding.line == end_line + 1:  # exactly the next line, as in ESLint
                return d
            continue
        # A range: from the directive to the first later `enable` that covers this rule.
        if finding.start < d.end:
            continue
        closing = next((e for e in enables if e.start > d.end and e.covers(finding)), None)
        if closing is None or finding.start < closing.start:
            return d
    return None


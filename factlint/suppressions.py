"""Inline suppressions: parse `factlint-disable…` directives in a draft and apply them to findings.

Syntax (HTML comments work in Markdown, MDX and HTML; MDX also takes `{/* … */}`; in plain text the
same directive may stand after `#` or `//` at the start of a line):

    <!-- factlint-disable-next-line FL201 -- reason -->
    Copy on this line. <!-- factlint-disable-line FL201 -- reason -->   (markdownlint's convention)
    <!-- factlint-disable FL201,FL202 -- reason -->   …   <!-- factlint-enable FL201,FL202 -->
    <!-- factlint-disable-file -- reason -->

No ids means every rule. An id may also be an id prefix (`FL2`) or a category (`indication`), as in
`--select`. A suppression keeps an audit trail: the finding is reported as suppressed with the
directive's reason. A directive without a reason, one that suppressed nothing, and a `factlint-...`
comment that is no directive (a typo: `factlint-disabel-next-line`) each give a Notice.

Where a directive may stand is the document reader's business: each format's comments (outside code)
are in `Document.comments` (see documents/formats.py); this module only reads the ones that start with
`factlint-`. Pure functions only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factlint.documents.model import Document
from factlint.findings import Finding
from factlint.results import Notice, SuppressedFinding, Suppression
from factlint.selection import selects
from factlint.spelling import did_you_mean

KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
# `factlint-<word>` then, after a space, the ids and reason: a comment starting so is meant as a directive
_DIRECTIVE = re.compile(r"\s*factlint-(?P<kind>\S*)(?P<rest>(?:\s.*?)?)\s*", re.S)


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str  # one of KINDS, or what a comment that is no directive wrote instead
    ids: tuple[str, ...] | None  # None = every rule
    reason: str  # "" when none was given
    line: int  # 1-based line where the directive starts
    end_line: int  # and where it ends
    start: int  # code-point offsets of the directive in the text
    end: int

    def covers(self, finding: Finding) -> bool:
        return self.ids is None or selects(self.ids, finding.rule, finding.category)


def parse_directives(document: Document) -> list[Directive]:
    """Every directive among the document's comments, in order (with those of an unknown kind)."""
    directives = []
    for comment in document.comments:
        match = _DIRECTIVE.fullmatch(comment.text)
        if match is None:
            continue
        ids, reason = _split_rest(match.group("rest"))
        line = document.position(comment.start)[0]
        end_line = document.position(max(comment.end - 1, comment.start))[0]
        directives.append(Directive(match.group("kind"), ids, reason, line, end_line, comment.start, comment.end))
    return directives


def _split_rest(rest: str) -> tuple[tuple[str, ...] | None, str]:
    head, sep, reason = rest.partition(" --")
    if not sep and rest.strip().startswith("--"):
        head, reason = "", rest.strip()[2:]
    ids = tuple(token for token in re.split(r"[\s,]+", head.strip()) if token)
    return (ids or None), " ".join(reason.split())


def apply_suppressions(
    document: Document, findings: Sequence[Finding]
) -> tuple[list[Finding], list[SuppressedFinding], list[Notice]]:
    """Split findings into active and suppressed; report directives without reason or without use."""
    directives = parse_directives(document)
    if not directives:
        return list(findings), [], []
    path = document.path
    notices = [Notice(path, d.line, "unknown-directive", _unknown(d.kind)) for d in directives if d.kind not in KINDS]
    enables = [d for d in directives if d.kind == "enable"]
    disables = [d for d in directives if d.kind in KINDS and d.kind != "enable"]
    used: set[int] = set()
    active: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    for finding in findings:
        directive = _suppressor(finding, disables, enables)
        if directive is None:
            active.append(finding)
        else:
            used.add(directive.start)
            suppressed.append(SuppressedFinding(finding, Suppression(directive.reason, directive.kind,
                                                                     directive.line)))
    for d in disables:
        what = ",".join(d.ids) if d.ids else "all rules"
        if not d.reason:
            notices.append(Notice(path, d.line, "suppression-without-reason",
                                  f"factlint-{d.kind} ({what}) has no reason; add one after ' -- '"))
        if d.start not in used:
            notices.append(Notice(path, d.line, "unused-suppression",
                                  f"unused factlint-{d.kind} ({what}): it suppresses no finding"))
    return active, suppressed, sorted(notices, key=lambda n: n.line)


def _unknown(kind: str) -> str:
    guess = did_you_mean(kind, KINDS)
    known = ", ".join(f"factlint-{k}" for k in KINDS)
    meant = f" (did you mean 'factlint-{guess}'?)" if guess else f" (directives: {known})"
    return f"'factlint-{kind}' is not a factlint directive{meant}; it suppresses nothing"


def _suppressor(finding: Finding, disables: Iterable[Directive], enables: Sequence[Directive]) -> Directive | None:
    for d in disables:
        if not d.covers(finding):
            continue
        if d.kind == "disable-file":
            return d
        if d.kind == "disable-next-line":
            if finding.line == d.end_line + 1:  # exactly the next line, as in ESLint
                return d
            continue
        if d.kind == "disable-line":
            if finding.line <= d.end_line and finding.end_line >= d.line:  # the claim shares a line with it
                return d
            continue
        # A range: from the directive to the first later `enable` that covers this rule.
        if finding.start < d.end:
            continue
        closing = next((e for e in enables if e.start > d.end and e.covers(finding)), None)
        if closing is None or finding.start < closing.start:
            return d
    return None


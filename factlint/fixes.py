"""Rewrites: a rule's `fix` applied to the matched text, as a unified diff or written in place.

A rule's `fix: {match: REGEX, replace: TEXT, safe: true}` applies only when REGEX matches the whole
matched text (case-insensitively); TEXT may use the regex's groups (`\\1`). Only fixes the rule marks
`safe` are applied unless unsafe ones are asked for. Fixes never overlap: the first in the file wins.

Writing is atomic: a temporary file in the same folder, the original's mode copied, then renamed
over it. The text is re-encoded as it was read (UTF-8, with its BOM if it had one); only the fixed
spans change, so line endings stay as they were. A file without a fix is never opened for writing.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from factlint.atomic import write_atomic
from factlint.findings import Finding
from factlint.rulebook.model import Rule, Rulebook


@dataclass(frozen=True, slots=True)
class FileFix:
    path: str  # display path
    original: str
    fixed: str
    bom: bool
    count: int  # number of rewrites
    source: Path | None = None  # the file on disk, when its name differs from `path` (non-UTF-8 names)


def replacement(finding: Finding, rule: Rule | None, *, unsafe: bool = False) -> str | None:
    """The text that replaces `finding.text`, or None when the rule has no applicable fix."""
    fix = getattr(rule, "fix", None)
    if fix is None or (not fix.safe and not unsafe) or "\n" in finding.text or "\r" in finding.text:
        return None
    match = re.fullmatch(fix.match, finding.text, re.IGNORECASE)
    if match is None:
        return None
    return match.expand(fix.replace)


def _read(path: Path) -> tuple[str, bool] | None:
    try:
        data = path.read_bytes()
    except OSError:  # gone or unreadable since it was linted: nothing to fix
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        return data[3 if bom else 0:].decode("utf-8"), bom
    except UnicodeDecodeError:  # a legacy encoding: factlint does not rewrite those
        return None


def plan(findings: Iterable[Finding], rulebook: Rulebook, *, unsafe: bool = False,
         sources: Mapping[str, str | Path] | None = None) -> list[FileFix]:
    """The fixes for every file that has at least one, sorted by path.

    `sources` maps a display path to the file on disk when they differ (LintResult.sources)."""
    sources = sources or {}
    rules = {r.id: r for r in rulebook.rules}
    by_path: dict[str, list[tuple[Finding, str]]] = {}
    for f in findings:
        text = replacement(f, rules.get(f.rule), unsafe=unsafe)
        if text is not None and not f.path.startswith("<"):
            by_path.setdefault(f.path, []).append((f, text))
    out = []
    for path in sorted(by_path):
        source = Path(sources.get(path, path))
        read = _read(source)
        if read is None:
            continue
        original, bom = read
        pieces, cursor, count = [], 0, 0
        for f, text in sorted(by_path[path], key=lambda item: (item[0].start, item[0].end)):
            if f.start < cursor or original[f.start:f.end] != f.text:
                continue  # overlaps an earlier fix, or the file changed since it was linted
            pieces += [original[cursor:f.start], text]
            cursor, count = f.end, count + 1
        if count:
            out.append(FileFix(path, original, "".join(pieces) + original[cursor:], bom, count, source))
    return out


def unified_diff(fixes: Sequence[FileFix]) -> str:
    """A patch `patch -p1` (or `git apply`) applies from the current folder."""
    chunks = []
    for fix in fixes:
        lines = difflib.unified_diff(
            _lines(fix.original), _lines(fix.fixed),
            fromfile=f"a/{fix.path}", tofile=f"b/{fix.path}",
        )
        for line in lines:
            chunks.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(chunks)


def _lines(text: str) -> list[str]:
    # Only CR, LF and CRLF end a line (str.splitlines would also split at form feeds and U+2028,
    # which `patch` does not).
    return re.findall(r".*?(?:\r\n|\r|\n)|.+\Z", text, re.S)


def apply(fixes: Sequence[FileFix]) -> list[tuple[str, str]]:
    """Write every fix; a file that cannot be written is left as it was and reported as
    (path, reason), and the others are still written."""
    failed = []
    for fix in fixes:
        try:
            target = Path(os.path.realpath(fix.source or Path(fix.path)))  # a symlink stays a symlink
            write_atomic(target, (codecs.BOM_UTF8 if fix.bom else b"") + fix.fixed.encode("utf-8"),
                         mode=stat.S_IMODE(os.stat(target).st_mode))
        except OSError as exc:
            reason = (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)
            failed.append((fix.path, f"could not write the fix, the file is unchanged: {reason}"))
    return failed

"""Rewrites: a rule's `fix` applied to the matched text, as a unified diff or written in place.

A rule's `fix: {match: REGEX, replace: TEXT, safe: true}` applies only when REGEX matches the whole
matched text (case-insensitively); TEXT may use the regex's groups (`\\1`). Only fixes the rule marks
`safe` are applied unless unsafe ones are asked for. Fixes never overlap: the first in the file wins.

Writing is atomic (atomic.py): a temporary file in the same folder, the original's mode copied,
fsync, then renamed over it. The text is re-encoded as it was read (UTF-8, with its BOM if it had
one); only the fixed spans change, so line endings stay as they were. A file without a fix is never
opened for writing. A file is left alone, with a message, when writing it would do what the user
did not ask for: it is read-only, it has other hard links (a rename would split them), it is
reached through a symbolic link that leads outside the project, or it changed on disk since it was
read (an edit saved meanwhile is never overwritten). SIGTERM, SIGHUP and Ctrl-C stop the writing
cleanly: no temporary file is left and the caller learns how many files were fixed before.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import hashlib
import os
import re
import signal
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factlint.atomic import write_atomic
from factlint.escape import c_quote
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
    stamp: tuple[int, ...] = ()  # device, inode, size and mtime of the file when it was read
    digest: bytes = b""  # SHA-256 of its bytes then


@dataclass(frozen=True, slots=True)
class Applied:
    """What `apply` did: the fixes written, the files left alone (path, reason), and the signal
    that stopped it early (None when it ran to the end)."""

    written: list[FileFix] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    interrupted: int | None = None


def replacement(finding: Finding, rule: Rule | None, *, unsafe: bool = False) -> str | None:
    """The text that replaces `finding.text`, or None when the rule has no applicable fix."""
    fix = getattr(rule, "fix", None)
    if fix is None or (not fix.safe and not unsafe) or "\n" in finding.text or "\r" in finding.text:
        return None
    match = re.fullmatch(fix.match, finding.text, re.IGNORECASE)
    if match is None:
        return None
    return match.expand(fix.replace)


def _read(path: Path) -> tuple[str, bool, tuple[int, ...], bytes] | None:
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read()
    except OSError:  # gone or unreadable since it was linted: nothing to fix
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[3 if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:  # a legacy encoding: factlint does not rewrite those
        return None
    return text, bom, _stamp(info), hashlib.sha256(data).digest()


def _stamp(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


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
        original, bom, stamp, digest = read
        pieces, cursor, count = [], 0, 0
        for f, text in sorted(by_path[path], key=lambda item: (item[0].start, item[0].end)):
            if f.start < cursor or original[f.start:f.end] != f.text:
                continue  # overlaps an earlier fix, or the file changed since it was linted
            pieces += [original[cursor:f.start], text]
            cursor, count = f.end, count + 1
        if count:
            out.append(FileFix(path, original, "".join(pieces) + original[cursor:], bom, count, source, stamp,
                               digest))
    return out


def unified_diff(fixes: Sequence[FileFix]) -> str:
    """A patch `patch -p1` (or `git apply`) applies from the current folder. A file name that
    holds a control character, a quote or a backslash is C-quoted as git does, so no name can
    add a line to the patch (`--- x` / `+++ x` lines that would make `patch` write another file)."""
    chunks = []
    for fix in fixes:
        name = _name_on_disk(fix)
        lines = difflib.unified_diff(
            _lines(fix.original), _lines(fix.fixed),
            fromfile=c_quote(f"a/{name}"), tofile=c_quote(f"b/{name}"),
        )
        for line in lines:
            chunks.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(chunks)


def _name_on_disk(fix: FileFix) -> str:
    """The display path, unless the real name is not UTF-8 (then the display path shows `\\xNN`
    where the file has a byte, and the patch must name the byte itself)."""
    if fix.source is None:
        return fix.path
    real = os.fspath(fix.source)
    try:
        real.encode("utf-8")
        return fix.path
    except UnicodeEncodeError:
        relative = os.path.relpath(os.path.abspath(real))
        return (real if relative.startswith("..") else relative).replace(os.sep, "/")


def _lines(text: str) -> list[str]:
    # Lines end at LF only, as `patch` and git read them: a CR stays in its line (CRLF, and files
    # with lone CRs or mixed endings, which must still give a well-formed patch).
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


class _Interrupted(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Refused(Exception):
    """A file factlint must not write; the message says why."""


def apply(fixes: Sequence[FileFix]) -> Applied:
    """Write every fix; a file that cannot or must not be written is left as it was and reported
    as (path, reason), and the others are still written. A signal stops the writing between or
    inside files, never leaving a half-written file or a temporary one."""
    written: list[FileFix] = []
    failed: list[tuple[str, str]] = []
    with _signals_raise():
        for fix in fixes:
            try:
                _write(fix)
                written.append(fix)
            except _Refused as refused:
                failed.append((fix.path, f"not fixed: {refused}"))
            except OSError as exc:
                reason = (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)
                failed.append((fix.path, f"could not write the fix, the file is unchanged: {reason}"))
            except _Interrupted as stop:
                return Applied(written, failed, stop.signum)
            except KeyboardInterrupt:
                return Applied(written, failed, signal.SIGINT)
    return Applied(written, failed)


def _write(fix: FileFix) -> None:
    given = fix.source or Path(fix.path)
    target = Path(os.path.realpath(given))  # a symlink stays a symlink: the file it leads to is written
    if target != Path(os.path.abspath(given)) and not _inside_project(target):
        raise _Refused("it is reached through a symbolic link that leads outside the project")
    info = os.stat(target)
    if info.st_nlink > 1:
        raise _Refused(f"it has {info.st_nlink} hard links, which writing it would split")
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise _Refused("the file is read-only for this user")

    def unchanged() -> None:
        try:
            with open(target, "rb") as handle:
                now = _stamp(os.fstat(handle.fileno()))
                same = now == fix.stamp and hashlib.sha256(handle.read()).digest() == fix.digest
        except OSError:
            same = False
        if not same:
            raise _Refused("the file changed on disk while factlint was fixing it (run factlint again)")

    write_atomic(target, (codecs.BOM_UTF8 if fix.bom else b"") + fix.fixed.encode("utf-8"),
                 mode=stat.S_IMODE(info.st_mode), before_replace=unchanged)


def _inside_project(path: Path) -> bool:
    """Inside the git work tree of the current folder (or the current folder, outside one)."""
    from factlint.gitfiles import repo_root

    cwd = Path.cwd()
    root = Path(os.path.realpath(repo_root(cwd) or cwd))
    return path == root or root in path.parents


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise _Interrupted (once; a second one is ignored while cleaning up), so
    a write in progress is undone by atomic.write_atomic. Ctrl-C already raises KeyboardInterrupt."""
    def stop(signum: int, _frame: object) -> None:
        for other in previous:
            signal.signal(other, signal.SIG_IGN)
        raise _Interrupted(signum)

    previous: dict[int, object] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, stop)
        except (ValueError, OSError):  # not the main thread: signals keep their meaning
            continue
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]

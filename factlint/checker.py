"""Per-file checking: read one draft, match it, apply its inline suppressions and per-file-ignores.

A `FileChecker` is built once per process (the linter's own, and one in each worker process) and
holds the compiled matcher. Everything that needs a file's text happens here, so that only the
outcome travels back from a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from factlint.config import Settings
from factlint.discovery import Target, per_file_ignored
from factlint.documents import FALLBACK_FORMAT, Document, decode_bytes, detect_format, parse_document, read_document
from factlint.errors import InputError, SkippedFile
from factlint.findings import Finding
from factlint.matching import Matcher
from factlint.results import FileProblem, Notice, Skipped, SuppressedFinding, Truncation
from factlint.rulebook.model import Rulebook
from factlint.selection import selects
from factlint.suppressions import apply_suppressions


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What checking one file gives; a worker sends it back to the main process."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[SuppressedFinding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    skipped: Skipped | None = None
    problem: FileProblem | None = None
    warnings: tuple[str, ...] = ()
    failures: tuple[str, ...] = ()  # rules that could not be applied to this file (regex timeout)
    truncation: Truncation | None = None  # more findings than --max-findings: what was left out

    def is_clean(self) -> bool:
        """Checked, with nothing at all to report (most files of a repository)."""
        return not (self.findings or self.suppressed or self.notices or self.skipped or self.problem
                    or self.warnings or self.failures or self.truncation)


CLEAN = FileOutcome()  # what a worker's `None` stands for (a clean file); read only


class FileChecker:
    """Checks one file at a time against a rulebook, with the run's settings."""

    def __init__(self, rulebook: Rulebook, settings: Settings) -> None:
        self.rulebook = rulebook
        self.settings = settings
        self.matcher = Matcher(rulebook)

    def __reduce__(self) -> tuple[type[FileChecker], tuple[Rulebook, Settings]]:
        # A worker started by spawning (not forking) gets the rulebook and compiles its own matcher.
        return (FileChecker, (self.rulebook, self.settings))

    def check_target(self, target: Target) -> FileOutcome:
        try:
            document = read_document(target.path, target.display, target.format, self.settings.read_options)
        except SkippedFile as skip:
            return FileOutcome(skipped=Skipped(target.display, skip.reason))
        except InputError as exc:
            # FileProblem keeps path and reason apart; the reader's message may already name the path.
            message = str(exc).removeprefix(f"{target.display}: ")
            return FileOutcome(problem=FileProblem(target.display, message))
        except (RecursionError, MemoryError) as exc:
            return FileOutcome(problem=FileProblem(target.display, _too_complex(exc)))
        return self._check_guarded(document, target.path)

    def check_chunk(self, chunk: Sequence[tuple[str, str, str]]) -> list[FileOutcome | None]:
        """The outcomes of targets sent as plain tuples (they pickle ten times faster than dataclasses,
        and the main process pickles every one), None for a clean file (most of them)."""
        outcomes = (self.check_target(Target(*fields)) for fields in chunk)
        return [None if outcome.is_clean() else outcome for outcome in outcomes]

    def check_text(self, content: str | bytes, name: str, stdin_filename: str | None) -> FileOutcome:
        """Standard input: `content` as bytes is decoded like a file (BOMs, binary detection, warnings);
        `stdin_filename`'s suffix picks the format, and per-file-ignores apply to it."""
        fmt = (detect_format(Path(stdin_filename)) if stdin_filename else None) or FALLBACK_FORMAT
        warnings: tuple[str, ...] = ()
        if isinstance(content, bytes):
            try:
                text, warnings = decode_bytes(content)
            except SkippedFile as skip:
                return FileOutcome(skipped=Skipped(name, skip.reason))
        else:
            text = content
        try:
            document = parse_document(text, name, fmt, self.settings.read_options)
        except (RecursionError, MemoryError) as exc:
            return FileOutcome(problem=FileProblem(name, _too_complex(exc)))
        if warnings:
            document = replace(document, warnings=warnings)
        return self._check_guarded(document, stdin_filename or None)

    def _check_guarded(self, document: Document, path: str | None) -> FileOutcome:
        """_check_document, but a bug or resource limit hit on one file is reported for that file
        (exit 2) instead of ending the whole run."""
        try:
            return self._check_document(document, path)
        except (RecursionError, MemoryError) as exc:
            return FileOutcome(problem=FileProblem(document.path, _too_complex(exc)))
        except Exception as exc:  # a bug in factlint: name the file, go on with the others
            first = str(exc).splitlines()[0] if str(exc) else ""
            return FileOutcome(problem=FileProblem(
                document.path, f"internal error while checking this file: {type(exc).__name__}: {first} "
                               "(this is a bug; please report it)"))

    def _check_document(self, document: Document, path: str | None) -> FileOutcome:
        """Match, then suppress (inline directives), then ignore (per-file-ignores)."""
        matched = self.matcher.check_detailed(document)
        findings = list(matched.findings)
        if self.settings.inline_config:
            active, suppressed, notices = apply_suppressions(document, findings)
        else:  # --no-inline-config: a draft cannot waive its own findings
            active, suppressed, notices = findings, [], []
        if self.settings.per_file_ignores and path is not None:
            ignored = per_file_ignored(path, self.settings)
            if ignored:
                active = [f for f in active if not selects(ignored, f.rule, f.category)]
                suppressed = [s for s in suppressed if not selects(ignored, s.finding.rule, s.finding.category)]
        truncation = _truncation(document.path, active, suppressed, self.settings.max_findings)
        if truncation is not None:  # keep the first findings by position; let the rest go now
            active, suppressed = active[:truncation.limit], suppressed[:truncation.limit]
        return FileOutcome(
            active, suppressed, notices,
            warnings=tuple(document.warnings),
            failures=tuple(f"rule {failure.rule} failed: {failure.message}" for failure in matched.failures),
            truncation=truncation,
        )


def _truncation(path: str, active: list[Finding], suppressed: list[SuppressedFinding],
                limit: int) -> Truncation | None:
    """What --max-findings leaves out of one file's (position-sorted) findings, or None (0: no limit).
    Cut here, in the worker, so that neither the pickled outcome nor any report grows past the limit."""
    if not limit or (len(active) <= limit and len(suppressed) <= limit):
        return None
    left_out = active[limit:]
    worst = max((f.severity for f in left_out), default=None)
    return Truncation(path, len(active), limit, worst, max(len(suppressed) - limit, 0))


def _too_complex(exc: BaseException) -> str:
    kind = "too deeply nested" if isinstance(exc, RecursionError) else "too large for the memory available"
    return f"the file could not be checked: it is {kind}"

"""What a run produces: the types the linter returns and every reporter reads.

Reporters import this module, never the linter: a report can be rendered from a `LintResult` built in
a test, and the linter's imports (matcher, process pool) stay out of `report/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factlint.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not linted, and why (binary content)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A path that could not be read or checked (exit 2 at the end of the run)."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class FileWarning:
    """A file that was linted, but not exactly as written (e.g. invalid UTF-8 replaced with U+FFFD)."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding was waived: the directive's reason, kind and line (the audit trail)."""

    reason: str
    kind: str
    line: int


@dataclass(frozen=True, slots=True)
class SuppressedFinding:
    finding: Finding
    suppression: Suppression


@dataclass(frozen=True, slots=True)
class Notice:
    """Something about the directives themselves (not a finding): missing reason, unused directive."""

    path: str
    line: int
    code: str  # "suppression-without-reason" | "unused-suppression" | "unknown-directive"
    message: str


@dataclass(frozen=True, slots=True)
class Truncation:
    """A file with more findings than --max-findings allows: only the first `limit` (by position) are
    reported; all of them were matched. `worst` is the highest severity among the findings left out, so
    the exit code still counts them: a cut report never turns a failing run into a passing one."""

    path: str
    total: int  # active findings the file has
    limit: int  # the --max-findings in force: findings (and suppressed findings) reported at most
    worst: Severity | None  # highest severity of the active findings left out (None: none left out)
    suppressed_left_out: int = 0  # suppressed findings left out of the audit trail

    @property
    def left_out(self) -> int:
        return max(self.total - self.limit, 0)

    def message(self) -> str:
        """The one sentence every format shows."""
        parts = []
        if self.left_out:
            parts.append(f"{self.total:,} findings, only the first {self.limit:,} are reported")
        if self.suppressed_left_out:
            parts.append(f"{self.suppressed_left_out:,} suppressed findings left out of the report")
        return f"{'; '.join(parts)} (--max-findings {self.limit}; 0 = no limit)"


@dataclass(frozen=True, slots=True)
class LintResult:
    """One run, sorted: the same bytes in every report whatever the number of processes."""

    findings: tuple[Finding, ...] = ()  # active findings (not suppressed, not in the baseline)
    skipped: tuple[Skipped, ...] = ()
    problems: tuple[FileProblem, ...] = ()
    files_checked: int = 0
    suppressed: tuple[SuppressedFinding, ...] = ()  # waived inline, with the reason (audit trail)
    notices: tuple[Notice, ...] = ()  # about directives: no reason given, unused
    files: tuple[str, ...] = ()  # display paths of the files (and stdin) actually linted, sorted
    baselined: int = 0  # findings hidden because the baseline lists them
    # files linted, but not exactly as written (invalid UTF-8 replaced, a legacy encoding guessed)
    warnings: tuple[FileWarning, ...] = ()
    # display path -> the path on disk (they differ for file names that are not valid UTF-8)
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    excluded: int = 0  # files named on the command line that an exclude glob leaves out
    rules_off: int = 0  # files checked with every rule turned off by per-file-ignores
    baseline_stale: int = 0  # baseline entries for files checked (or gone) that no finding matched
    truncated: tuple[Truncation, ...] = ()  # files whose findings --max-findings cut short, sorted by path

"""The run: one `Linter` owns it from the paths given to the sorted `LintResult`.

    discover (discovery.py) -> check each file (checker.py, in worker processes when it pays:
    parallel.py) -> suppress -> ignore (both per file, in the checker) -> gather and sort
    -> baseline -> fix (fixes.py: plan, write, check again)

The command line only builds a Linter from the settings, calls it and prints what it returns.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factlint.checker import FileChecker, FileOutcome
from factlint.config import Settings, display_path
from factlint.discovery import Target, discover, is_excluded, per_file_ignored
from factlint.findings import Finding
from factlint.parallel import automatic_jobs, check_in_workers
from factlint.results import FileProblem, FileWarning, LintResult, Notice, Skipped, SuppressedFinding, Truncation
from factlint.rulebook.model import Rulebook
from factlint.selection import selects

if TYPE_CHECKING:
    from factlint.fixes import FileFix

STDIN = "-"  # the path that stands for standard input


@dataclass(frozen=True, slots=True)
class Stdin:
    """Standard input's content (bytes are decoded like a file) and its `--stdin-filename`."""

    content: str | bytes
    filename: str | None = None

    @property
    def name(self) -> str:
        return self.filename or "<stdin>"


@dataclass(frozen=True, slots=True)
class FixRun:
    """What `--fix` did: the findings fixed, in how many files, and the run checked again afterwards."""

    result: LintResult  # after the fixes, with the files that could not be written among its problems
    fixed: int  # findings fixed
    files: int  # files written
    interrupted: int | None = None  # the signal that stopped the writing early (then `result` is not re-checked)
    left: int = 0  # files with fixes not written because of the interruption


def load_rules(settings: Settings, *, apply_selection: bool = True) -> Rulebook:
    """The rulebook the settings name, with their --select/--ignore/--severity layers applied
    (`apply_selection=False`: every rule, severities still overridden, as `explain` shows them)."""
    from factlint.rulebook import load_rulebook
    from factlint.selection import Selection, apply_selection as select

    rulebook = load_rulebook(settings.rules, include_default=not settings.no_default_rules)
    layers = settings.selection
    if not apply_selection:
        layers = tuple(Selection(severity=layer.severity, origin=layer.origin) for layer in layers)
    return select(rulebook, layers)


class Linter:
    """Checks drafts against one rulebook with one set of settings; call `lint` as often as needed
    (the matcher is compiled once, when the Linter is built)."""

    def __init__(self, settings: Settings, rulebook: Rulebook, *, baseline: Path | None = None) -> None:
        from factlint.selection import by_id, check_selectors

        origin = display_path(settings.config_file) if settings.config_file else "configuration"
        for glob, selectors in settings.per_file_ignores:
            check_selectors(selectors, rulebook, f"{origin}: per-file-ignores {glob.pattern!r}")
        if settings.per_file_ignores:  # findings carry no rule name: a name becomes its rule's id
            settings = replace(settings, per_file_ignores=tuple((glob, by_id(selectors, rulebook))
                                                                for glob, selectors in settings.per_file_ignores))
        self.settings = settings
        self.rulebook = rulebook
        self.baseline = baseline
        self.checker = FileChecker(rulebook, settings)

    def lint(self, paths: Sequence[str], *, stdin: Stdin | None = None,
             changed_since: str | None = None) -> LintResult:
        """Check `paths` ("-" is standard input, whose content `stdin` holds), then hide what the
        baseline lists. `changed_since` (a git revision) keeps only the files changed since it."""
        files = [p for p in paths if p != STDIN]
        targets, problems = discover(files, self.settings, changed_since=changed_since)
        labelled: list[tuple[str, FileOutcome]] = []
        if STDIN in paths:
            stdin = stdin or Stdin("")
            labelled.append((stdin.name, self.checker.check_text(stdin.content, stdin.name, stdin.filename)))
        workers = min(self.settings.jobs or automatic_jobs(targets), len(targets))
        if workers <= 1:
            outcomes: Iterable[FileOutcome] = map(self.checker.check_target, targets)
        else:
            outcomes = check_in_workers(self.checker, targets, workers)
        labelled.extend(zip((t.display for t in targets), outcomes, strict=True))
        result = _gather(labelled, problems, sources={t.display: t.path for t in targets})
        result = replace(result, excluded=self._excluded(files), rules_off=self._rules_off(targets))
        return self._baselined(result)

    def _excluded(self, files: Sequence[str]) -> int:
        """Files named on the command line that the exclude globs leave out (they are not checked,
        and must not vanish from the report without a word)."""
        if not self.settings.exclude:
            return 0
        return sum(1 for f in files if os.path.isfile(f) and is_excluded(f, self.settings.exclude))

    def _rules_off(self, targets: Sequence[Target]) -> int:
        """Files for which per-file-ignores turn off every rule of the rulebook."""
        if not self.settings.per_file_ignores or not self.rulebook.rules:
            return 0
        return sum(1 for t in targets if all(selects(per_file_ignored(t.path, self.settings), r.id, r.category)
                                             for r in self.rulebook.rules))

    def plan_fixes(self, result: LintResult, *, unsafe: bool = False) -> list[FileFix]:
        """The fixes for the result's findings (`unsafe`: also those a rule does not mark safe)."""
        from factlint import fixes

        return fixes.plan(result.findings, self.rulebook, unsafe=unsafe, sources=result.sources)

    def fix(self, paths: Sequence[str], *, changed_since: str | None = None, unsafe: bool = False) -> FixRun:
        """Lint, write the fixes in place, and lint again: the result is what is left, with the files
        that could not be written among its problems."""
        from factlint import fixes

        result = self.lint(paths, changed_since=changed_since)
        planned = self.plan_fixes(result, unsafe=unsafe)
        applied = fixes.apply(planned)
        written = applied.written
        fixed = sum(f.count for f in written)
        extra = tuple(FileProblem(path, message) for path, message in applied.failed)
        if applied.interrupted is not None:
            left = len(planned) - len(written) - len(applied.failed)
            return FixRun(replace(result, problems=extra), fixed, len(written), applied.interrupted, left)
        if planned:
            result = self.lint(paths, changed_since=changed_since)
        if extra:
            result = replace(result, problems=tuple(sorted(result.problems + extra,
                                                           key=lambda p: (p.path, p.message))))
        return FixRun(result, fixed, len(written))

    def _baselined(self, result: LintResult) -> LintResult:
        if self.baseline is None:
            return result
        from factlint.baseline import filter_new

        match = filter_new(result.findings, self.baseline, checked=result.files)
        return replace(result, findings=tuple(match.new), baselined=match.matched, baseline_stale=match.stale)


def _gather(labelled: Iterable[tuple[str, FileOutcome]], problems: list[FileProblem],
            sources: dict[str, str]) -> LintResult:
    """One sorted result from the outcomes of every file, each under its display name."""
    findings: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    notices: list[Notice] = []
    skipped: list[Skipped] = []
    warnings: list[FileWarning] = []
    checked: list[str] = []
    truncated: list[Truncation] = []
    for label, outcome in labelled:
        findings.extend(outcome.findings)
        suppressed.extend(outcome.suppressed)
        notices.extend(outcome.notices)
        warnings.extend(FileWarning(label, message) for message in outcome.warnings)
        problems.extend(FileProblem(label, message) for message in outcome.failures)
        if outcome.truncation is not None:
            truncated.append(replace(outcome.truncation, path=label))
        if outcome.skipped is not None:
            skipped.append(outcome.skipped)
        elif outcome.problem is not None:
            problems.append(outcome.problem)
        else:
            checked.append(label)
    return LintResult(
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.message))),
        files_checked=len(checked),
        suppressed=tuple(sorted(suppressed, key=lambda s: s.finding.sort_key)),
        notices=tuple(sorted(notices, key=lambda n: (n.path, n.line, n.code, n.message))),
        files=tuple(sorted(set(checked))),
        warnings=tuple(sorted(warnings, key=lambda w: (w.path, w.message))),
        sources=sources,
        truncated=tuple(sorted(truncated, key=lambda t: t.path)),
    )

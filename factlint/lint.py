"""Orchestration: find the files, read each one, run the matcher, gather one sorted result.

The matcher is compiled once per process. With several jobs, each worker process builds its own
from the (pickled) rulebook in the pool initializer, and files are sent in chunks. Results are
sorted at the end, so the output never depends on the number of jobs or on scheduling.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from factlint.config import ExcludeGlob, Settings, display_path
from factlint.documents import detect_format, parse_document, read_document
from factlint.errors import InputError, SkippedFile
from factlint.findings import FileProblem, Finding, Skipped
from factlint.matching import Matcher
from factlint.rulebook.model import Rulebook

STDIN = "-"


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: tuple[Finding, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    problems: tuple[FileProblem, ...] = ()
    files_checked: int = 0


@dataclass(frozen=True, slots=True)
class Target:
    """One file to lint: where to read it, how to name it, and which reader to use."""

    path: Path
    display: str
    format: str


# --- file discovery --------------------------------------------------------------------------


def is_excluded(path: Path, globs: Sequence[ExcludeGlob]) -> bool:
    """Gitignore-like: a glob without "/" matches any file or folder name; one with "/" matches the
    path relative to the glob's base folder (or any parent folder of it)."""
    absolute = Path(os.path.abspath(path))
    for glob in globs:
        pattern = glob.pattern.strip().rstrip("/")
        anchored = "/" in pattern
        pattern = pattern.lstrip("/")
        try:
            rel = PurePosixPath(absolute.relative_to(glob.base.absolute()).as_posix())
        except ValueError:
            rel = PurePosixPath(absolute.as_posix())
        candidates = [rel, *(p for p in rel.parents if str(p) not in (".", "/"))]
        for candidate in candidates:
            if anchored:
                if fnmatch.fnmatchcase(str(candidate), pattern) or (
                    pattern.startswith("**/") and fnmatch.fnmatchcase(str(candidate), pattern[3:])
                ):
                    return True
            elif fnmatch.fnmatchcase(candidate.name, pattern):
                return True
    return False


def collect_files(paths: Sequence[str], settings: Settings) -> tuple[list[Target], list[FileProblem]]:
    """Expand the given paths into a sorted, de-duplicated list of files to lint.

    Folders are walked recursively for the configured extensions, skipping hidden folders and
    excluded globs; symlinked folders are not followed (no loops). A file named explicitly is linted
    whatever its suffix (unknown suffixes as plain text), unless an exclude glob matches it: editors
    and pre-commit pass file names, and the config's excludes must still hold for them.
    """
    targets: dict[str, Target] = {}
    problems: list[FileProblem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path, settings):
                _add(targets, file)
        elif path.is_file():
            if not is_excluded(path, settings.exclude):
                _add(targets, path)
        else:
            reason = "no such file or directory" if not os.path.lexists(path) else "not a regular file"
            problems.append(FileProblem(display_path(path), reason))
    return sorted(targets.values(), key=lambda t: t.display), problems


def _walk(root: Path, settings: Settings) -> Iterable[Path]:
    extensions = {e.lower() for e in settings.extensions}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        # Prune in place so os.walk never descends: hidden folders (.git, .venv) and excluded ones.
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not is_excluded(here / d, settings.exclude)
        )
        for name in sorted(filenames):
            file = here / name
            if file.suffix.lower() in extensions and not is_excluded(file, settings.exclude):
                yield file


def _add(targets: dict[str, Target], path: Path) -> None:
    display = display_path(path)
    targets.setdefault(display, Target(path, display, detect_format(path) or "text"))


# --- linting ---------------------------------------------------------------------------------

_matcher: Matcher | None = None  # one per process, built by _init_worker or lint()


def _init_worker(rulebook: Rulebook) -> None:
    global _matcher
    _matcher = Matcher(rulebook)


def _check_target(target: Target) -> tuple[list[Finding], Skipped | None, FileProblem | None]:
    assert _matcher is not None, "worker not initialised"
    try:
        document = read_document(target.path, target.display, target.format)
    except SkippedFile as skip:
        return [], Skipped(target.display, skip.reason), None
    except InputError as exc:
        # FileProblem keeps path and reason apart; the reader's message may already name the path.
        message = str(exc).removeprefix(f"{target.display}: ")
        return [], None, FileProblem(target.display, message)
    return _matcher.check(document), None, None


def lint(
    paths: Sequence[str],
    settings: Settings,
    rulebook: Rulebook,
    *,
    stdin_text: str | None = None,
    stdin_filename: str | None = None,
) -> LintResult:
    """Lint `paths` ("-" is standard input, whose text the caller passes as `stdin_text`)."""
    global _matcher
    files = [p for p in paths if p != STDIN]
    targets, problems = collect_files(files, settings)
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    checked = 0

    _matcher = Matcher(rulebook)
    if STDIN in paths:
        name = stdin_filename or "<stdin>"
        fmt = (detect_format(Path(stdin_filename)) if stdin_filename else None) or "text"
        document = parse_document(stdin_text or "", name, fmt)
        findings.extend(_matcher.check(document))
        checked += 1

    workers = min(settings.jobs, len(targets))
    if workers <= 1:
        results: Iterable = map(_check_target, targets)
        outcomes = list(results)
    else:
        # Big chunks amortise the pickling; several per worker keep the load balanced.
        chunksize = max(1, len(targets) // (workers * 4))
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(rulebook,)) as pool:
            outcomes = list(pool.map(_check_target, targets, chunksize=chunksize))

    for file_findings, skip, problem in outcomes:
        findings.extend(file_findings)
        if skip is not None:
            skipped.append(skip)
        elif problem is not None:
            problems.append(problem)
        else:
            checked += 1
    return LintResult(
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        problems=tuple(sorted(problems, key=lambda p: p.path)),
        files_checked=checked,
    )


def check_examples(rulebook: Rulebook) -> list[str]:
    """Run every rule's flag/pass examples through the matcher; one `file:line: ...` per failure.

    Examples are the rulebook's specification (as prh's specs are): a rule whose own examples
    fail is a broken rule, so `factlint validate-rules` reports it like a schema error.
    """
    from factlint.rulebook import iter_rule_examples

    matcher = Matcher(rulebook)
    failures = []
    for rule, sentence, should_flag in iter_rule_examples(rulebook):
        document = parse_document(sentence, "<example>", "text")
        flagged = any(f.rule == rule.id for f in matcher.check(document))
        if flagged != should_flag:
            expected = "flagged" if should_flag else "passed"
            failures.append(f"{rule.file}:{rule.line}: {rule.id} example should be {expected} but is not: "
                            f"{sentence!r}")
    return failures

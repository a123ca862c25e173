"""Orchestration: find the files, read each one, run the matcher, gather one sorted result.

The matcher is compiled once per process. With several jobs, each worker process builds its own
from the (pickled) rulebook in the pool initializer, and files are sent in chunks. Results are
sorted at the end, so the output never depends on the number of jobs or on scheduling.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TypeVar

from factlint import gitfiles
from factlint.config import ExcludeGlob, Settings, display_path, printable_path
from factlint.documents import (
    Document,
    detect_format,
    format_of_suffix,
    parse_document,
    read_document,
    suffix_of,
)
from factlint.documents.decode import decode_bytes
from factlint.errors import InputError, SkippedFile
from factlint.findings import FileProblem, FileWarning, Finding, Skipped
from factlint.matching import Matcher
from factlint.rulebook.model import Rulebook
from factlint.suppressions import Notice, SuppressedFinding, apply_suppressions

STDIN = "-"


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: tuple[Finding, ...] = ()  # active findings (not suppressed, not in the baseline)
    skipped: tuple[Skipped, ...] = ()
    problems: tuple[FileProblem, ...] = ()
    files_checked: int = 0
    suppressed: tuple[SuppressedFinding, ...] = ()  # waived inline, with the reason (audit trail)
    notices: tuple[Notice, ...] = ()  # about directives: no reason given, unused
    files: tuple[str, ...] = ()  # display paths of the files (and stdin) actually linted, sorted
    baselined: int = 0  # findings hidden because the baseline lists them
    # (start, end) columns of each finding counted in UTF-8 bytes (reviewdog's unit), 1-based.
    byte_columns: dict[Finding, tuple[int, int]] = field(default_factory=dict, compare=False)
    # files linted, but not exactly as written (invalid UTF-8 replaced, a legacy encoding guessed)
    warnings: tuple[FileWarning, ...] = ()
    # display path -> the path on disk (they differ for file names that are not valid UTF-8)
    sources: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What linting one file gives; workers send it back to the main process."""

    findings: list[Finding]
    suppressed: list[SuppressedFinding]
    notices: list[Notice]
    byte_columns: dict[Finding, tuple[int, int]]
    skipped: Skipped | None = None
    problem: FileProblem | None = None
    warnings: tuple[str, ...] = ()
    failures: tuple[str, ...] = ()  # rules that could not be applied to this file (regex timeout)

    def is_clean(self) -> bool:
        """Checked, with nothing at all to report (most files of a repository)."""
        return not (self.findings or self.suppressed or self.notices or self.skipped or self.problem
                    or self.warnings or self.failures)


# What a worker sends back for a clean file: pickling 100,000 empty outcomes costs the main
# process, which also feeds the workers, more than checking the files does. Read only.
_CLEAN = FileOutcome([], [], [], {})


@dataclass(frozen=True, slots=True)
class Target:
    """One file to lint: where to read it, how to name it, and which reader to use."""

    path: str  # as found; a string, not a Path: a run may have 100,000 of them
    display: str
    format: str


# --- file discovery --------------------------------------------------------------------------


def is_excluded(path: str | Path, globs: Sequence[ExcludeGlob]) -> bool:
    """Gitignore-like: a glob without "/" matches any file or folder name; one with "/" matches the
    path relative to the glob's base folder (or any parent folder of it)."""
    if not globs:  # the common case: nothing to compute
        return False
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

    A folder that cannot be listed, a missing path or a symlink loop is a FileProblem (exit 2 at the
    end of the run); the rest of the run goes on.
    """
    targets: dict[str, Target] = {}
    problems: list[FileProblem] = []
    cwd = os.getcwd()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found, walk_problems = _walk(path, settings, cwd)
            problems.extend(walk_problems)
            for target in found:
                targets.setdefault(target.display, target)
        elif path.is_file():
            if not is_excluded(path, settings.exclude):
                display = display_path(path, cwd)
                targets.setdefault(display, Target(str(path), display, detect_format(given) or "text"))
        else:
            problems.append(FileProblem(display_path(path), _missing_reason(path)))
    return sorted(targets.values(), key=lambda t: t.display), problems


def _missing_reason(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        from factlint.documents import _reason

        if not os.path.lexists(path):
            return "no such file or directory"
        return _reason(exc)
    return "not a regular file"


def _walk(root: Path, settings: Settings, cwd: str) -> tuple[list[Target], list[FileProblem]]:
    """The files to lint below the folder `root`, in walk order.

    Strings, not Path objects: a repository of 100,000 files would otherwise spend seconds building
    paths before the first file is read. `root` is normalised (a Path), so every path joined below
    it is too, and a file's display name is the root's display name joined with the rest.
    """
    extensions = {e.lower() for e in settings.extensions}
    excludes = settings.exclude
    problems: list[FileProblem] = []

    def unreadable(exc: OSError) -> None:  # os.walk would otherwise skip the folder silently
        from factlint.documents import _reason

        where = Path(exc.filename) if exc.filename is not None else root
        problems.append(FileProblem(display_path(where), f"cannot list this folder: {_reason(exc)}"))

    top = str(root)
    sep = os.sep
    found: list[tuple[str, str]] = []  # (path, suffix)
    for dirpath, dirnames, filenames in os.walk(top, onerror=unreadable, followlinks=False):
        here = dirpath if dirpath.endswith(sep) else dirpath + sep
        # Prune in place so os.walk never descends: hidden folders (.git, .venv) and excluded ones.
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not is_excluded(here + d, excludes)
        )
        for name in sorted(filenames):
            suffix = suffix_of(name).lower()
            if suffix in extensions and not is_excluded(here + name, excludes):
                found.append((here + name, suffix))
    absolute_top = os.path.abspath(top).rstrip(sep) + sep
    skip = len(top.rstrip(sep)) + 1  # a found path is top + sep + the part below top
    if settings.respect_gitignore and found:
        absolute = [absolute_top + path[skip:] for path, _ in found]
        dropped = gitfiles.ignored_below(absolute, os.path.abspath(top))
        if dropped:
            found = [entry for entry, a in zip(found, absolute, strict=True) if a not in dropped]

    if cwd.startswith(absolute_top):  # the current folder is below root: its files show relative to it
        return [Target(f, display_path(f, cwd), format_of_suffix(x) or "text") for f, x in found], problems
    shown_root = display_path(root, cwd)  # "." when root is the current folder
    shown_prefix = "" if shown_root == "." else shown_root.rstrip("/") + "/"
    targets = []
    for path, suffix in found:
        display = printable_path(shown_prefix + path[skip:].replace(sep, "/"))
        targets.append(Target(path, display, format_of_suffix(suffix) or "text"))
    return targets, problems


# --- linting ---------------------------------------------------------------------------------

_matcher: Matcher | None = None  # one per process, built by _init_worker or lint()
_settings: Settings | None = None


def _init_worker(rulebook: Rulebook, settings: Settings) -> None:
    global _matcher, _settings
    # A forked worker inherits the parent's compiled matcher: compiling it again would only cost time.
    if _matcher is None or _matcher.rulebook != rulebook:
        _matcher = Matcher(rulebook)
    _settings = settings


def _check_target(target: Target) -> FileOutcome:
    assert _matcher is not None, "worker not initialised"
    try:
        document = read_document(target.path, target.display, target.format)
    except SkippedFile as skip:
        return FileOutcome([], [], [], {}, skipped=Skipped(target.display, skip.reason))
    except InputError as exc:
        # FileProblem keeps path and reason apart; the reader's message may already name the path.
        message = str(exc).removeprefix(f"{target.display}: ")
        return FileOutcome([], [], [], {}, problem=FileProblem(target.display, message))
    except (RecursionError, MemoryError) as exc:
        return FileOutcome([], [], [], {}, problem=FileProblem(target.display, _too_complex(exc)))
    return _check_guarded(document, target.path)


def _too_complex(exc: BaseException) -> str:
    kind = "too deeply nested" if isinstance(exc, RecursionError) else "too large for the memory available"
    return f"the file could not be checked: it is {kind}"


def _check_guarded(document: Document, path: str | None) -> FileOutcome:
    """_check_document, but a bug or resource limit hit on one file is reported for that file
    (exit 2) instead of ending the whole run."""
    try:
        return _check_document(document, path)
    except (RecursionError, MemoryError) as exc:
        return FileOutcome([], [], [], {}, problem=FileProblem(document.path, _too_complex(exc)))
    except Exception as exc:  # a bug in factlint: name the file, go on with the others
        first = str(exc).splitlines()[0] if str(exc) else ""
        return FileOutcome([], [], [], {}, problem=FileProblem(
            document.path, f"internal error while checking this file: {type(exc).__name__}: {first} "
                           "(this is a bug; please report it)"))


def _check_document(document: Document, path: str | None) -> FileOutcome:
    """Match, then apply inline suppressions and per-file-ignores (in the worker: it has the text)."""
    assert _matcher is not None
    detailed = getattr(_matcher, "check_detailed", None)
    if detailed is not None:
        outcome = detailed(document)
        findings, failures = list(outcome.findings), outcome.failures
    else:  # pragma: no cover - a matcher without rule failures
        findings, failures = _matcher.check(document), []
    active, suppressed, notices = apply_suppressions(document.path, document.text, document.format, findings)
    if _settings is not None and _settings.per_file_ignores and path is not None:
        ignored = per_file_ignored(path, _settings)
        if ignored:
            active = [f for f in active if not _selected(f, ignored)]
            suppressed = [s for s in suppressed if not _selected(s.finding, ignored)]
    return FileOutcome(
        active, suppressed, notices, _byte_columns(document, findings),
        warnings=tuple(document.warnings),
        failures=tuple(f"rule {failure.rule} failed: {failure.message}" for failure in failures),
    )


def per_file_ignored(path: str | Path, settings: Settings) -> tuple[str, ...]:
    """The selectors `per-file-ignores` turns off for this file."""
    out: list[str] = []
    for glob, selectors in settings.per_file_ignores:
        if is_excluded(path, (glob,)):
            out.extend(selectors)
    return tuple(out)


def _selected(finding: Finding, selectors: Sequence[str]) -> bool:
    return any(finding.category == s or finding.rule.upper().startswith(s.upper()) for s in selectors)


def _byte_columns(document: Document, findings: Sequence[Finding]) -> dict[Finding, tuple[int, int]]:
    out = {}
    text = document.text
    for f in findings:
        start_line = f.start - (f.column - 1)
        end_line = f.end - (f.end_column - 1)
        out[f] = (len(text[start_line:f.start].encode("utf-8", "surrogatepass")) + 1,
                  len(text[end_line:f.end].encode("utf-8", "surrogatepass")) + 1)
    return out


# Starting worker processes costs ~30 ms, and each fills its own caches (and loads the English
# word list) again: below about half a megabyte one process is faster (the pre-commit case).
_PARALLEL_MIN_BYTES = 512 * 1024
_PARALLEL_STAT_LIMIT = 64  # files; a run with more is taken to be large without asking the disk


def automatic_jobs(targets: Sequence[Target]) -> int:
    """`--jobs 0` (the default): one process per CPU, or one for a run too small to repay them."""
    cpus = os.cpu_count() or 1
    if cpus == 1 or len(targets) > _PARALLEL_STAT_LIMIT:
        return cpus
    size = 0
    for target in targets:
        try:
            size += os.stat(target.path).st_size
        except OSError:  # reported when the file is read
            continue
        if size >= _PARALLEL_MIN_BYTES:
            return cpus
    return 1


_SMALLEST_CHUNK = 4  # files
_T = TypeVar("_T")


def _chunks(targets: Sequence[_T], workers: int) -> list[Sequence[_T]]:
    """Consecutive runs of targets, shrinking: big chunks first (little pickling per file), small
    ones at the end, so that no worker is left alone with a big last chunk while the others idle."""
    chunks = []
    start = 0
    while start < len(targets):
        size = max(_SMALLEST_CHUNK, (len(targets) - start) // (workers * 4))
        chunks.append(targets[start : start + size])
        start += size
    return chunks


def _check_chunk(chunk: Sequence[tuple[str, str, str]]) -> list[FileOutcome | None]:
    """In a worker: the outcomes of a chunk of targets sent as plain tuples (they pickle ten
    times faster than dataclasses, and the main process pickles every one), None for a clean file."""
    outcomes = (_check_target(Target(*fields)) for fields in chunk)
    return [None if outcome.is_clean() else outcome for outcome in outcomes]


def lint(
    paths: Sequence[str],
    settings: Settings,
    rulebook: Rulebook,
    *,
    stdin_text: str | bytes | None = None,
    stdin_filename: str | None = None,
    only: frozenset[Path] | None = None,
) -> LintResult:
    """Lint `paths` ("-" is standard input, whose content the caller passes as `stdin_text`).

    `only` (absolute paths), when given, keeps just those files (used by --changed-since).
    Standard input given as bytes is decoded like a file (BOMs, binary detection, warnings).
    """
    global _matcher, _settings
    files = [p for p in paths if p != STDIN]
    targets, problems = collect_files(files, settings)
    if only is not None:
        targets = [t for t in targets if Path(os.path.abspath(t.path)) in only]
    outcomes: list[FileOutcome] = []
    stdin_names: list[str] = []

    _matcher, _settings = Matcher(rulebook), settings
    if STDIN in paths:
        name = stdin_filename or "<stdin>"
        outcomes.append(_check_stdin(stdin_text, name, stdin_filename))
        stdin_names.append(name)

    workers = min(settings.jobs or automatic_jobs(targets), len(targets))
    if workers <= 1:
        outcomes.extend(map(_check_target, targets))
    else:
        from concurrent.futures import ProcessPoolExecutor  # here: a one-file run never needs it

        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(rulebook, settings)) as pool:
            fields = [(t.path, t.display, t.format) for t in targets]
            for chunk in pool.map(_check_chunk, _chunks(fields, workers)):
                outcomes.extend(_CLEAN if outcome is None else outcome for outcome in chunk)

    findings: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    notices: list[Notice] = []
    skipped: list[Skipped] = []
    warnings: list[FileWarning] = []
    byte_columns: dict[Finding, tuple[int, int]] = {}
    checked: list[str] = []
    for label, outcome in zip([*stdin_names, *(t.display for t in targets)], outcomes, strict=True):
        findings.extend(outcome.findings)
        suppressed.extend(outcome.suppressed)
        notices.extend(outcome.notices)
        byte_columns.update(outcome.byte_columns)
        warnings.extend(FileWarning(label, message) for message in outcome.warnings)
        problems.extend(FileProblem(label, message) for message in outcome.failures)
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
        byte_columns=byte_columns,
        warnings=tuple(sorted(warnings, key=lambda w: (w.path, w.message))),
        sources={t.display: t.path for t in targets},
    )


def _check_stdin(content: str | bytes | None, name: str, stdin_filename: str | None) -> FileOutcome:
    fmt = (detect_format(Path(stdin_filename)) if stdin_filename else None) or "text"
    warnings: tuple[str, ...] = ()
    if isinstance(content, bytes):
        try:
            text, warnings = decode_bytes(content)
        except SkippedFile as skip:
            return FileOutcome([], [], [], {}, skipped=Skipped(name, skip.reason))
    else:
        text = content or ""
    try:
        document = parse_document(text, name, fmt)
    except (RecursionError, MemoryError) as exc:
        return FileOutcome([], [], [], {}, problem=FileProblem(name, _too_complex(exc)))
    if warnings:
        document = replace(document, warnings=warnings)
    return _check_guarded(document, stdin_filename or None)


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

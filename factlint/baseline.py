"""Baseline: record today's findings, then report only new ones.

An entry is keyed on path + rule + the normalised sentence the claim sits in, never on line numbers,
so editing elsewhere in a file does not bring an entry back, while the same claim in another file
(or a second copy of it in the same file) is new. Each key carries a count, so duplicates work:
with two identical sentences recorded, a third copy is reported. The sentence is compared with its
runs of whitespace made one space, so re-wrapping a paragraph changes nothing; and an entry whose file
no longer exists (renamed, `git mv`) matches the same rule and sentence in any file, once.

A run says how many entries matched and how many are stale: recorded for a file it checked (or one that
no longer exists) but no longer found there. Stale entries are harmless; `--write-baseline` drops them.

Paths are stored relative to the baseline file's folder, so the baseline works from any current
folder. The file is JSON with sorted keys: it diffs well in code review.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from factlint.atomic import ordinary_mode, write_atomic
from factlint.errors import UsageError
from factlint.findings import Finding
from factlint.schema import too_deep

BASELINE_VERSION = 1
Key = tuple[str, str, str]  # (path, rule, sentence)


def sentence_of(finding: Finding) -> str:
    """The normalised sentence, its whitespace runs one space (falls back to the matched text, case folded)."""
    return " ".join(finding.sentence.split()) if finding.sentence else " ".join(finding.text.split()).casefold()


def fingerprint(path: str, finding: Finding) -> str:
    """A stable hash of path + rule + normalised sentence (SARIF partialFingerprints)."""
    data = "\0".join((path, finding.rule, sentence_of(finding))).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]


def _key_path(path: str, base: Path) -> str:
    if path.startswith("<"):  # <stdin>
        return path
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()


def key(finding: Finding, base: Path) -> Key:
    return (_key_path(finding.path, base), finding.rule, sentence_of(finding))


def write_baseline(file: Path, findings: Sequence[Finding]) -> int:
    """Write the baseline; returns the number of findings recorded."""
    base = file.absolute().parent
    counts = Counter(key(f, base) for f in findings)
    entries = [
        {"path": p, "rule": r, "sentence": s, "count": n}
        for (p, r, s), n in sorted(counts.items())
    ]
    data = {"version": BASELINE_VERSION, "tool": "factlint", "entries": entries}
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        write_atomic(file, text.encode("utf-8"), mode=ordinary_mode(file))
    except OSError as exc:
        raise UsageError(f"{file}: cannot write baseline: {exc.strerror or exc}") from None
    return sum(counts.values())


def read_baseline(file: Path) -> Counter[Key]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{file}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{file}: cannot read baseline: {exc}") from None
    except RecursionError:  # json nests recursively; a baseline is three levels deep
        raise UsageError(f"{file}: not a factlint baseline (nested far too deep)") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != BASELINE_VERSION or too_deep(data, 3):
        raise UsageError(f"{file}: not a factlint baseline (version {BASELINE_VERSION})")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(entries, 1):
        key = _entry_key(entry)
        if key is None:
            raise UsageError(f"{file}: entry {number} is malformed (it needs text 'path', 'rule' and 'sentence', "
                             "and a whole number 'count')")
        path, rule, sentence = key
        counts[(path, rule, " ".join(sentence.split()))] += entry.get("count", 1)  # as sentence_of folds it
    return counts


def _entry_key(entry: object) -> Key | None:
    if not isinstance(entry, dict) or set(entry) - {"path", "rule", "sentence", "count"}:
        return None
    fields = (entry.get("path"), entry.get("rule"), entry.get("sentence"))
    count = entry.get("count", 1)
    if not all(isinstance(f, str) for f in fields) or type(count) is not int or count < 1:
        return None
    return cast(Key, fields)


@dataclass(frozen=True, slots=True)
class BaselineMatch:
    new: list[Finding]  # findings the baseline does not account for
    matched: int  # findings it hid
    stale: int  # entries (counted) for files this run checked, or that no longer exist, left unmatched


def filter_new(findings: Iterable[Finding], file: Path, checked: Iterable[str] = ()) -> BaselineMatch:
    """Hide the findings the baseline accounts for; `checked`: the display paths of the files linted.

    Findings come sorted by position, so with duplicates the first occurrences are the known ones. A finding
    its own path does not account for may use up an entry of a file that no longer exists (a renamed file).
    """
    remaining = read_baseline(file)
    base = file.absolute().parent
    moved: dict[tuple[str, str], list[Key]] = {}  # (rule, sentence) -> entries of files that are gone
    gone = {path for path, _, _ in remaining if not path.startswith("<") and not (base / path).exists()}
    for k in remaining:
        if k[0] in gone:
            moved.setdefault(k[1:], []).append(k)
    new: list[Finding] = []
    matched = 0
    for finding in findings:
        k = key(finding, base)
        if remaining[k] <= 0:
            k = next((m for m in moved.get(k[1:], ()) if remaining[m] > 0), k)
        if remaining[k] > 0:
            remaining[k] -= 1
            matched += 1
        else:
            new.append(finding)
    looked_at = {_key_path(path, base) for path in checked} | gone
    stale = sum(n for (path, _, _), n in remaining.items() if n > 0 and path in looked_at)
    return BaselineMatch(new, matched, stale)

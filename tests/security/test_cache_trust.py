"""Issue 16 item 1: the cache folder is untrusted input. A planted entry never runs code, never
hangs or exhausts a run, and an entry in a folder someone else could have written to (another
user's, a group- or world-writable one, one inside a repository) is not believed at all.

Entries are planted under the names the code under test reads (its own key functions), in both the
old pickle format and today's JSON, so each test shows what it guards against."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from factlint import diskcache
from factlint.matching import english
from factlint.rulebook import cache, load_rulebook
from factlint.rulebook.locate import rulebook_files

RULES = """\
categories: [{id: claims, prefix: FL4, title: Claims}]
sources: [{file: seed.txt, title: A seed}]
facts: [{id: no-cure, statement: No cure., source: seed.txt, quote: "no cure"}]
rules:
  - id: FL401
    name: cure-claim
    category: claims
    severity: error
    summary: Claims a cure
    phrases: [cure]
    message: No source shows a cure.
    suggestion: It may help.
    fact: no-cure
    examples: {flag: [It cures depression.], pass: [It is not a cure.]}
"""
OTHER_USER = 65534  # nobody
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache folder (0700, the user's own), the current folder set to tmp_path."""
    monkeypatch.chdir(tmp_path)
    cache_folder = tmp_path / "cache"
    cache_folder.mkdir(mode=0o700)
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(cache_folder))
    monkeypatch.delenv(diskcache.NO_CACHE_ENV, raising=False)
    english._words.cache_clear()
    yield cache_folder
    english._words.cache_clear()


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def entry_names(rules: Path) -> list[str]:
    key = cache.key_of(rulebook_files(rules))
    assert key is not None
    return [key + ".rulebook.pickle", key + ".rulebook.json"]


def plant(folder: Path, rules: Path, data: bytes) -> None:
    """`data` under every name the rulebook of `rules` could be cached as."""
    for name in entry_names(rules):
        (folder / name).write_bytes(data)
        (folder / name).chmod(0o600)


def plant_harmless(folder: Path, rules: Path, tmp_path: Path) -> None:
    """A genuine entry, written by factlint itself, of a rulebook that flags nothing ("xyzzy"),
    planted under the name of the real one: every run would pass."""
    harmless = tmp_path / "harmless" / "rules.yaml"
    harmless.parent.mkdir()
    harmless.write_text(RULES.replace("[cure]", "[xyzzy]"), encoding="utf-8")
    load_rulebook([harmless], include_default=False)
    (written,) = [p for p in folder.iterdir() if ".rulebook." in p.name]
    data = written.read_bytes()
    written.unlink()
    plant(folder, rules, data)


def real(rules: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(diskcache.NO_CACHE_ENV, "1")
        return load_rulebook([rules], include_default=False)


class _RunsCode:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def test_a_planted_pickle_runs_no_code(folder: Path, rules: Path, tmp_path: Path) -> None:
    marker = tmp_path / "code-ran"
    plant(folder, rules, pickle.dumps(_RunsCode(marker)))
    book = load_rulebook([rules], include_default=False)
    assert not marker.exists(), "loading the cache ran code planted in it"
    assert book == real(rules)


def test_only_plain_data_is_written(folder: Path, rules: Path) -> None:
    book = load_rulebook([rules], include_default=False)
    (entry,) = folder.glob("*.rulebook.*")
    assert entry.suffix == ".json" and json.loads(entry.read_bytes())["rules"][0]["id"] == "FL401"
    assert load_rulebook([rules], include_default=False) == book  # and it reads back


def untrusted(folder: Path, how: str) -> None:
    if how == "world-writable":
        folder.chmod(0o777)
    elif how == "group-writable":
        folder.chmod(0o770)
    elif how in ("owned by another user", "entries owned by another user"):
        if not IS_ROOT:
            pytest.skip("needs root to give a folder to another user: run pytest as root (CI does)")
        targets = [folder] if how == "owned by another user" else list(folder.iterdir())
        for target in targets:
            os.chown(target, OTHER_USER, OTHER_USER)
    else:
        raise AssertionError(how)


UNTRUSTED = ["world-writable", "group-writable", "owned by another user", "entries owned by another user"]


@pytest.mark.parametrize("how", UNTRUSTED)
def test_a_rulebook_planted_where_others_can_write_is_not_believed(folder: Path, rules: Path, tmp_path: Path,
                                                                   how: str) -> None:
    plant_harmless(folder, rules, tmp_path)
    untrusted(folder, how)
    assert load_rulebook([rules], include_default=False) == real(rules)


def test_a_planted_rulebook_is_believed_in_the_users_own_folder(folder: Path, rules: Path, tmp_path: Path) -> None:
    """The limit of the trust model, stated as a test: the user's own private cache folder is
    trusted like the user's home folder (a CI cache restored from an untrusted job is not safe)."""
    plant_harmless(folder, rules, tmp_path)
    assert load_rulebook([rules], include_default=False).rules[0].phrases == ("xyzzy",)


def test_a_cache_folder_inside_a_repository_is_not_used(
    tmp_path: Path, rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitLab keeps CI caches inside the checkout, and a contributor can commit one."""
    folder = tmp_path / "repo" / ".cache" / "factlint"
    folder.mkdir(parents=True, mode=0o700)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(diskcache.NO_CACHE_ENV, raising=False)
    plant_harmless(folder, rules, tmp_path)
    (tmp_path / "repo" / ".git").mkdir()
    before = sorted(folder.iterdir())
    assert load_rulebook([rules], include_default=False) == real(rules)
    assert sorted(folder.iterdir()) == before  # and nothing is written there


def reseal(entry: bytes, body: bytes) -> bytes:
    """A word-list entry holding `body`, with a checksum that matches (either format)."""
    head = entry.partition(b"\n")[0]
    digest = hashlib.sha256(body).hexdigest().encode()
    if head.startswith(b"factlint-words"):
        return b"%s %d %s\n%s" % (head.split(b" ")[0], body.count(b"\n") + 1, digest, body)
    return digest + b"\n" + body


# one way by default; the other two in the full suite (each loads the package's word list: ~0.4 s)
@pytest.mark.parametrize("how", ["world-writable", pytest.param("group-writable", marks=pytest.mark.slow),
                                 pytest.param("owned by another user", marks=pytest.mark.slow)])
def test_a_word_list_edited_where_others_can_write_is_not_believed(folder: Path, how: str) -> None:
    assert english.is_english_word("zebra")  # writes the entry
    (entry,) = folder.glob("*.words.txt")
    data = entry.read_bytes()
    entry.write_bytes(reseal(data, data.partition(b"\n")[2].replace(b"\nzebra\n", b"\n")))
    untrusted(folder, how)
    english._words.cache_clear()
    assert english.is_english_word("zebra")


LOAD = """
import sys
from pathlib import Path
from factlint.rulebook import load_rulebook
book = load_rulebook([Path("rules.yaml")], include_default=False)
print(len(book.rules))
"""


def load_in_a_subprocess(tmp_path: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """A fresh process, limited to 2 GB of memory and 30 s: a FIFO or /dev/zero must not hang it or eat the machine."""
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = {**os.environ, diskcache.CACHE_DIR_ENV: str(folder)}
    env.pop(diskcache.NO_CACHE_ENV, None)
    try:
        return subprocess.run([sys.executable, "-c", LOAD], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=30, preexec_fn=limit, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail("loading the rulebook hung on a planted cache entry")


@pytest.mark.parametrize("kind", ["fifo", "symlink to /dev/zero", "oversized"])
def test_an_entry_that_is_not_a_small_plain_file_is_a_miss(folder: Path, rules: Path, tmp_path: Path,
                                                           kind: str) -> None:
    for name in entry_names(rules):
        path = folder / name
        if kind == "fifo":
            os.mkfifo(path, 0o600)
        elif kind == "symlink to /dev/zero":
            path.symlink_to("/dev/zero")
        else:
            with path.open("wb") as handle:
                handle.truncate(33 << 20)  # over the 32 MB limit; sparse: no disk used
    proc = load_in_a_subprocess(tmp_path, folder)
    assert proc.returncode == 0 and proc.stdout.strip() == "1", proc.stderr[-500:]


def broken(book, problem: str) -> object:
    """`book` encoded, then damaged as `problem` says."""
    data = cache.encode(book)
    rule = data["rules"][0]

    def with_rule(**changes: object) -> dict[str, object]:
        return {**data, "rules": [{**rule, **changes}]}

    return {
        "an extra field": lambda: {**data, "run": "code"},
        "a missing field": lambda: {k: v for k, v in data.items() if k != "cues"},
        "a wrong type": lambda: with_rule(severity=3),
        "an unknown severity": lambda: with_rule(severity="LOUD"),
        "a flag that is a number": lambda: with_rule(fix={"match": "x", "replace": "y", "safe": 1}),
        "an unknown category": lambda: with_rule(category="nope"),
        "an unknown subject": lambda: with_rule(subjects=["nope"]),
        "a fact that differs from its declaration": lambda: with_rule(fact={**rule["fact"], "quote": "x"}),
        "a pattern that does not compile": lambda: with_rule(patterns=["(unclosed"]),
        "a pattern that matches everything": lambda: with_rule(patterns=[".*"]),
        "a fix that does not compile": lambda: with_rule(fix={"match": "(x", "replace": "y", "safe": True}),
        "no rule content": lambda: with_rule(phrases=[], patterns=[]),
        "not an object": lambda: [1, 2, 3],
    }[problem]()


@pytest.mark.parametrize("problem", [
    "an extra field", "a missing field", "a wrong type", "an unknown severity", "a flag that is a number",
    "an unknown category", "an unknown subject", "a fact that differs from its declaration",
    "a pattern that does not compile", "a pattern that matches everything", "a fix that does not compile",
    "no rule content", "not an object",
])
def test_an_entry_that_fails_validation_is_a_miss(folder: Path, rules: Path, problem: str) -> None:
    plant(folder, rules, json.dumps(broken(real(rules), problem)).encode())
    assert load_rulebook([rules], include_default=False) == real(rules)


@pytest.mark.parametrize("data", [b"[" * 200_000 + b"]" * 200_000, b"\xff\xfe", b"{}", b"null", b""])
def test_malformed_json_is_a_miss(folder: Path, rules: Path, data: bytes) -> None:
    plant(folder, rules, data)
    assert load_rulebook([rules], include_default=False) == real(rules)


def test_the_shipped_rulebook_is_cached_and_reads_back_equal(folder: Path) -> None:
    """If the model gains a type the JSON codec cannot carry, the rulebook is simply not cached:
    this test says so, so the codec is extended rather than the cache silently lost."""
    book = load_rulebook()
    (entry,) = folder.glob("*.rulebook.json")
    key = entry.name.removesuffix(".rulebook.json")
    assert cache.load(key) == book

"""The English word list that keeps fuzzy matching honest ("caring" is a word, not a typo of
"curing"): the same answers whether it comes from the package or from factlint's cache folder,
and a damaged cache entry is never believed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from english_words import get_english_words_set

from factlint import diskcache
from factlint.matching import english

PACKAGE_WORDS = frozenset(get_english_words_set(["web2"], lower=True, alpha=True))
PROBES = ["care", "caring", "affects", "stopped", "cure", "curing", "ketamine", "esketamine", "spravato",
          "zebra", "zzzz", "a", "", "aa", "aaa", "zythum", "zyzzogeton", "depression", "depressions"]


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(diskcache.NO_CACHE_ENV, raising=False)
    english._words.cache_clear()
    yield folder
    english._words.cache_clear()


def answers(probes: list[str] = PROBES) -> list[bool]:
    return [english.is_english_word(word) for word in probes]


def expected(probes: list[str] = PROBES) -> list[bool]:
    english._words.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(diskcache.NO_CACHE_ENV, "1")
        found = answers(probes)
    english._words.cache_clear()
    return found


def resealed(entry: bytes, body: bytes) -> bytes:
    """`body` with a header that states its word count and checksum, as factlint writes it."""
    header = entry.partition(b"\n")[0].split(b" ")[0]
    return b"%s %d %s\n%s" % (header, body.count(b"\n") + 1, hashlib.sha256(body).hexdigest().encode(), body)


def test_the_cached_copy_answers_like_the_package(cache_folder: Path) -> None:
    ordered = sorted(PACKAGE_WORDS)
    probes = ordered[::50] + [w + "s" for w in ordered[::70]] + [w[:-1] for w in ordered[::90]] + PROBES
    truth = expected(probes)
    assert truth[-len(PROBES):][:4] == [True, True, True, True]
    assert answers(probes) == truth  # first run: from the package, and an entry is written
    (entry,) = cache_folder.glob("*.words.txt")
    english._words.cache_clear()
    assert answers(probes) == truth  # second run: from the entry


def test_the_cached_copy_is_what_a_run_reads(cache_folder: Path) -> None:
    """The entry is really used: a (well-formed) copy without "zebra", in the user's own folder,
    changes the answer. The cache folder is trusted as far as its owner (see diskcache.py)."""
    answers()
    (entry,) = cache_folder.glob("*.words.txt")
    data = entry.read_bytes()
    entry.write_bytes(resealed(data, data.partition(b"\n")[2].replace(b"\nzebra\n", b"\n")))
    english._words.cache_clear()
    assert english.is_english_word("zebu") and not english.is_english_word("zebra")


@pytest.mark.slow  # each variant loads the package's word list twice: ~1.5 s
@pytest.mark.parametrize("damage", ["truncated", "edited", "not text", "unordered"])
def test_a_damaged_entry_is_not_believed(cache_folder: Path, damage: str) -> None:
    truth = expected()
    answers()
    (entry,) = cache_folder.glob("*.words.txt")
    data = entry.read_bytes()
    body = data.partition(b"\n")[2]
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "edited":  # a list that would make "zebra" unknown, checksum left as it was
        edited = data.replace(b"\nzebra\n", b"\n")
        assert edited != data
        entry.write_bytes(edited)
    elif damage == "unordered":  # well sealed, but bisection would answer wrongly
        entry.write_bytes(resealed(data, b"zebra\n" + body))
    else:
        entry.write_bytes(b"\xff\xfe not the word list")
    english._words.cache_clear()
    assert answers() == truth
    assert entry.read_bytes() == data  # and the entry was written afresh


def test_no_cache_folder_still_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    truth = expected()
    for name in (diskcache.CACHE_DIR_ENV, diskcache.NO_CACHE_ENV, "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    english._words.cache_clear()
    try:
        assert answers() == truth
    finally:
        english._words.cache_clear()

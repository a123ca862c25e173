"""The English word list that keeps fuzzy matching honest ("caring" is a word, not a typo of
"curing"): the same answers whether it comes from the package, from factlint's cache folder, by
bisection or by a set, and a damaged cache entry is never believed."""

from __future__ import annotations

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


def answers() -> list[bool]:
    return [english.is_english_word(word) for word in PROBES]


def expected() -> list[bool]:
    english._words.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(diskcache.NO_CACHE_ENV, "1")
        found = answers()
    english._words.cache_clear()
    return found


def test_the_cached_copy_answers_like_the_package(cache_folder: Path) -> None:
    truth = expected()
    assert truth[:4] == [True, True, True, True] and not truth[PROBES.index("ketamine")]
    assert answers() == truth  # first run: from the package, and an entry is written
    (entry,) = cache_folder.glob("*.words.txt")
    english._words.cache_clear()
    assert isinstance(english._words(), english._WordList)
    assert answers() == truth  # second run: from the entry, by bisection


def test_bisection_and_set_agree_on_every_word_and_its_neighbours() -> None:
    ordered = sorted(PACKAGE_WORDS)
    by_bisection = english._WordList(ordered=ordered)
    probes = ordered[::50] + [w + "s" for w in ordered[::70]] + [w[:-1] for w in ordered[::90]] + PROBES
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(english, "_SET_AFTER", len(probes) + 1)
        assert [w in by_bisection for w in probes] == [w in PACKAGE_WORDS for w in probes]
    assert by_bisection._set is None  # it really was bisection
    by_set = english._WordList(ordered=ordered)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(english, "_SET_AFTER", 0)
        assert [w in by_set for w in probes] == [w in PACKAGE_WORDS for w in probes]
    assert by_set._set == PACKAGE_WORDS


@pytest.mark.parametrize("damage", ["truncated", "edited", "not text"])
def test_a_damaged_entry_is_not_believed(cache_folder: Path, damage: str) -> None:
    truth = expected()
    answers()
    (entry,) = cache_folder.glob("*.words.txt")
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "edited":  # a list that would make "zebra" unknown, checksum left as it was
        edited = data.replace(b"\nzebra\n", b"\n")
        assert edited != data
        entry.write_bytes(edited)
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

"""Loaded rulebooks are cached on disk; the cache must never serve a stale or damaged rulebook,
and never make a run fail."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from rulebook_fixtures import BASE, RULE

from factlint import diskcache
from factlint.errors import RulebookError
from factlint.rulebook import load_rulebook
from factlint.rulebook.cache import encode


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(diskcache.NO_CACHE_ENV, raising=False)
    return folder


def rules_at(tmp_path: Path, phrase: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(BASE + RULE.replace("phrases: [cure]", f"phrases: [{phrase}]"), encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.rulebook.json"))


def test_a_second_load_comes_from_the_cache_and_equals_the_first(tmp_path: Path, cache_folder: Path) -> None:
    path = rules_at(tmp_path, "cure")
    first = load_rulebook([path], include_default=False)
    (entry,) = entries(cache_folder)
    assert load_rulebook([path], include_default=False) == first
    # Served from the entry, not parsed again: a marked copy in its place is what comes back.
    marked = replace(first, digest="served-from-cache")
    entry.write_text(json.dumps(encode(marked)), encoding="utf-8")
    assert load_rulebook([path], include_default=False).digest == "served-from-cache"


def test_an_edited_rulebook_is_loaded_afresh(tmp_path: Path, cache_folder: Path) -> None:
    path = rules_at(tmp_path, "cure")
    assert load_rulebook([path], include_default=False).rules[0].phrases == ("cure",)
    path = rules_at(tmp_path, "heal")
    assert load_rulebook([path], include_default=False).rules[0].phrases == ("heal",)
    assert len(entries(cache_folder)) == 2


def test_a_damaged_entry_is_rebuilt(tmp_path: Path, cache_folder: Path) -> None:
    path = rules_at(tmp_path, "cure")
    load_rulebook([path], include_default=False)
    (entry,) = entries(cache_folder)
    entry.write_bytes(b"not JSON")
    assert load_rulebook([path], include_default=False).rules[0].phrases == ("cure",)
    assert entry.read_bytes() != b"not JSON"


def test_an_unusable_cache_folder_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(blocker / "cache"))
    path = rules_at(tmp_path, "cure")
    assert load_rulebook([path], include_default=False).rules[0].phrases == ("cure",)


def test_the_cache_can_be_turned_off(tmp_path: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.NO_CACHE_ENV, "1")
    load_rulebook([rules_at(tmp_path, "cure")], include_default=False)
    assert not cache_folder.exists()


def test_errors_are_never_cached(tmp_path: Path, cache_folder: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules: [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RulebookError, match="rules.yaml:1"):
            load_rulebook([path], include_default=False)
    assert entries(cache_folder) == []


def test_no_home_folder_means_no_cache_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (diskcache.CACHE_DIR_ENV, diskcache.NO_CACHE_ENV, "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert load_rulebook([rules_at(tmp_path, "cure")], include_default=False).rules[0].phrases == ("cure",)

"""Where the default rulebook lives, and which files a folder contributes."""

from __future__ import annotations

from pathlib import Path

import pytest

import factlint
from factlint.rulebook import default_rulebook_dir
from factlint.rulebook.locate import rulebook_files

REPO = Path(__file__).resolve().parents[2]


def test_dev_install_uses_the_repository_rules_folder() -> None:
    assert default_rulebook_dir() == REPO / "rules"
    assert default_rulebook_dir().is_dir()


def test_installed_wheel_uses_the_packaged_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "factlint"
    (package / "_rules").mkdir(parents=True)
    monkeypatch.setattr(factlint, "__file__", str(package / "__init__.py"))
    assert default_rulebook_dir() == package / "_rules"


def test_without_packaged_rules_falls_back_beside_the_package(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "checkout" / "factlint"
    package.mkdir(parents=True)
    monkeypatch.setattr(factlint, "__file__", str(package / "__init__.py"))
    assert default_rulebook_dir() == tmp_path / "checkout" / "rules"


def test_folder_files_are_yaml_and_yml_in_name_order(tmp_path: Path) -> None:
    for name in ["b.yml", "a.yaml", "C.YAML", ".hidden.yaml", "notes.txt", "10-x.yaml"]:
        (tmp_path / name).write_text("cues: {}\n")
    (tmp_path / "sub.yaml").mkdir()
    assert [p.name for p in rulebook_files(tmp_path)] == ["10-x.yaml", "C.YAML", "a.yaml", "b.yml"]


def test_a_file_is_itself(tmp_path: Path) -> None:
    assert rulebook_files(tmp_path / "any.txt") == [tmp_path / "any.txt"]

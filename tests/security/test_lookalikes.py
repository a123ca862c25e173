"""Issue 16 item 14: look-alike letters and invisible characters do not hide a claim, and the
finding still points at the exact characters of the draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from file_support import write

from factlint.matching.normalize import normalize, normalize_with_map

EVASIONS = {
    "Cyrillic e in the subject": "K\u0435tamin\u0435 cures depression.",
    "Cyrillic es in the claim": "Ketamine \u0441ures depression.",
    "capital Cyrillic letters": "\u041aETAMINE CURES DEPR\u0415SSION.",
    "Greek omicron": "Ketamine cures depressi\u03bfn.",
    "bidi isolates": "Ketamine cu\u2066r\u2069es depression.",
    "tag characters": "Ketamine cu\U000e0063\U000e0075res depression.",
    "variation selector 16": "Ketamine cu\ufe0fres depression.",
    "Hangul filler": "Ketamine cu\u3164res depression.",
    "Mongolian vowel separator": "Ketamine cu\u180eres depression.",
    "word joiner and soft hyphen": "Ketamine cu\u2060r\u00ades depression.",
    "split letters in Cyrillic": "Ketamine \u0441-u-r-e-s depression.",
}


def span(text: str, finding: dict) -> str:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: finding["line"] - 1]) + finding["column"] - 1
    end = sum(len(line) + 1 for line in lines[: finding["end_line"] - 1]) + finding["end_column"] - 1
    return text[start:end]


def test_every_evasion_is_flagged_at_its_exact_characters(run_cli, tmp_path: Path) -> None:
    text = "\n\n".join(EVASIONS.values()) + "\n"
    write(tmp_path / "page.md", text)
    code, out, err = run_cli("check", "page.md", "--format", "json", "--select", "FL401")
    assert code == 1, err
    findings = json.loads(out)["findings"]
    flagged = {f["line"]: f for f in findings}
    for number, name in enumerate(EVASIONS):
        finding = flagged.get(2 * number + 1)
        assert finding is not None, f"not flagged: {name}"
        assert span(text, finding) == finding["text"]  # the columns point at the draft's own characters
        assert normalize(finding["text"]).replace("-", "") in ("cures depression", "cures depression.")


@pytest.mark.parametrize("name", list(EVASIONS))
def test_normalisation_undoes_the_evasion_and_keeps_the_offsets(name: str) -> None:
    text = EVASIONS[name]
    folded, origin = normalize_with_map(text)
    assert folded == normalize(text)
    assert folded.replace("-", "") in ("ketamine cures depression.",)
    assert len(origin) == len(folded) and list(origin) == sorted(origin)
    picked = "".join(text[i] for i in origin)  # the draft's characters the output comes from
    assert normalize(picked) == folded


@pytest.mark.parametrize("text", [
    "\u043a\u0435\u0442\u0430\u043c\u0438\u043d",  # a Russian word: no Latin letter, left alone
    "\u03bd\u03b1\u03b9",  # Greek "yes"
    "5 \u03bcg",  # micrograms are not milligrams
    "\u041a\u0435\u0442\u0430\u043c\u0438\u043d 100 mg",  # a Cyrillic word beside Latin words
])
def test_words_wholly_in_another_script_are_left_alone(text: str) -> None:
    assert normalize(text) == text.casefold()

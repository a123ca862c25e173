"""Assertion status of a claim, in the manner of ConText (Harkema et al., 2009; medspaCy's ConText).

Each cue list of the rulebook has a status, a direction and a scope:

| cue list          | status        | direction | scope                                              |
|-------------------|---------------|-----------|----------------------------------------------------|
| negation          | negated       | forward   | its phrase (a comma ends it, unless in a list)     |
| negation-after    | negated       | backward  | the sentence back to a terminator word             |
| negation-final    | negated       | backward  | as above, only as the last words of a sentence     |
| hedge             | hedged        | forward   | its clause                                         |
| hedge-around      | hedged        | forward   | its clause, and back over its subject ("X is thought to") |
| research          | research      | forward   | its clause (a study tests or explores the claim)   |
| conditional       | hypothetical  | forward   | its phrase ("if it helps you, ...")                |
| hedge-after       | hedged        | backward  | the sentence back to a terminator word             |
| hypothetical      | hypothetical  | forward   | its clause                                         |
| historical        | historical    | forward   | its clause                                         |
| off-label         | off-label     | both      | its clause                                         |
| animal            | animal        | both      | the sentence, up to terminator words               |
| reported, adopted, refuted | (same) | both    | the whole sentence ("according to X, A though B")  |

A house cue list with another name marks status = its name, forward over its phrase. Words that are part
of the claim's own wording are never cues for it ("no side effects" claims; it does not negate).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from factlint.matching.sentence import CLAUSE_BREAK, PSEUDO, TERMINATOR, Sentence
from factlint.matching.vocabulary import CUE

# Statuses
NEGATED, HEDGED, HYPOTHETICAL, HISTORICAL = "negated", "hedged", "hypothetical", "historical"
REPORTED, ADOPTED, REFUTED, ANIMAL, OFF_LABEL = "reported", "adopted", "refuted", "animal", "off-label"
HYPE = "hype"
QUESTION, CITED, RESEARCH = "question", "cited", "research"

FORWARD, BACKWARD, BOTH, FINAL = "forward", "backward", "both", "final"
PHRASE, CLAUSE, SPAN, SENTENCE = "phrase", "clause", "span", "sentence"
SUBJECT = "subject"  # back from the cue over its phrase, not past "and", "or" ("X cures Y and is thought to ...")
_COORDINATORS = frozenset(("and", "or", "but", "nor"))


@dataclass(frozen=True, slots=True)
class CueRule:
    status: str
    direction: str
    scope: str
    back_scope: str | None = None  # a forward cue that also reaches back (hedges, within their phrase)


_CUE_RULES: dict[str, CueRule] = {
    "negation": CueRule(NEGATED, FORWARD, PHRASE),
    "negation-after": CueRule(NEGATED, BACKWARD, SPAN),
    "negation-final": CueRule(NEGATED, FINAL, SPAN),
    "hedge": CueRule(HEDGED, FORWARD, CLAUSE),
    "hedge-around": CueRule(HEDGED, FORWARD, CLAUSE, back_scope=SUBJECT),
    "research": CueRule(RESEARCH, BOTH, CLAUSE),
    "conditional": CueRule(HYPOTHETICAL, FORWARD, PHRASE),
    "hedge-after": CueRule(HEDGED, BACKWARD, SPAN),
    "hypothetical": CueRule(HYPOTHETICAL, FORWARD, CLAUSE),
    "historical": CueRule(HISTORICAL, FORWARD, CLAUSE),
    "off-label": CueRule(OFF_LABEL, BOTH, CLAUSE),
    "reported": CueRule(REPORTED, BOTH, SENTENCE),
    "adopted": CueRule(ADOPTED, BOTH, SENTENCE),
    "refuted": CueRule(REFUTED, BOTH, SENTENCE),
    "hype": CueRule(HYPE, BOTH, SENTENCE),
    "animal": CueRule(ANIMAL, BOTH, SPAN),
}
_STRUCTURAL = frozenset(("terminator", "clause-break", "pseudo", "question"))


def cue_rule(name: str) -> CueRule | None:
    """How a cue list named `name` acts (None for the structural lists: terminator, pseudo, question)."""
    if name in _STRUCTURAL:
        return None
    rule = _CUE_RULES.get(name)  # (a house list's rule made only for it: this runs for every cue of a sentence)
    return rule if rule is not None else CueRule(name, FORWARD, PHRASE)


def status_of_list(name: str) -> str:
    """The status a cue list gives (a legacy rule's `unless: [retraction]` -> negated)."""
    if name == "retraction":
        return NEGATED
    rule = cue_rule(name)
    return rule.status if rule is not None else name


@dataclass(frozen=True, slots=True)
class Cue:
    rule: CueRule
    first: int
    last: int


class Assertion:
    """The cues of one sentence, ready to say which apply to a claim at a given token."""

    def __init__(self, sentence: Sentence, question_openers: Collection[str]) -> None:
        self.sentence = sentence
        self._openers = question_openers
        self._cues: list[Cue] | None = None  # read on the first question asked: many sentences never are
        self.spans: list[int] = []
        self.question = False
        self.cited = False
        self.count = 0

    def _read(self) -> list[Cue]:
        sentence = self.sentence
        question_openers = self._openers
        cues: list[Cue] = []
        for mention in sentence.mentions:
            cls = mention.cls
            if not cls.startswith(CUE) or cls in (TERMINATOR, PSEUDO, CLAUSE_BREAK):
                continue
            rule = cue_rule(cls[len(CUE):])
            if rule is not None:
                cues.append(Cue(rule, mention.first, mention.last))
        if '"' in sentence.text and any(c.rule.status == ADOPTED for c in cues):
            cues = _speaker_s_own(cues, _quoted(sentence))
        self._cues = cues
        count = len(sentence.stems)
        self.spans = _spans(sentence)
        words = sentence.words
        # "## Is it safe?", "- Does it work?": the first word, not a heading or list mark, opens a question
        first = next((w for w in words if w[0].isalpha() and w not in _LABELS), "")
        self.question = bool(count) and sentence.is_question and first in question_openers
        self.cited = cited(sentence)
        self.count = count
        return cues

    def status(self, anchor: int, own: Collection[int] = ()) -> frozenset[str]:
        """Statuses of a claim whose key word is token `anchor`; tokens in `own` (the claim's own wording)
        are not cues for it."""
        sentence = self.sentence
        cues = self._cues if self._cues is not None else self._read()
        found: set[str] = set()
        if self.question:
            found.add(QUESTION)
        if self.cited:
            found.add(CITED)
        for cue in cues:
            if cue.first in own or cue.last in own or (cue.first <= anchor <= cue.last):
                continue
            if self._reaches(cue, anchor, sentence):
                found.add(cue.rule.status)
        return frozenset(found)

    def _reaches(self, cue: Cue, anchor: int, sentence: Sentence) -> bool:
        rule = cue.rule
        before = cue.last < anchor
        if rule.direction == FORWARD:
            if before:
                return self._same(rule.scope, cue.last, anchor, sentence)
            return rule.back_scope is not None and self._same(rule.back_scope, cue.first, anchor, sentence)
        if rule.direction == BACKWARD:
            return not before and self._same(rule.scope, cue.first, anchor, sentence)
        if rule.direction == FINAL:
            return not before and cue.last == self.count - 1 and self._same(rule.scope, cue.first, anchor, sentence)
        return self._same(rule.scope, cue.first if not before else cue.last, anchor, sentence)

    def _same(self, scope: str, a: int, b: int, sentence: Sentence) -> bool:
        if scope == SENTENCE:
            return True
        if scope == PHRASE:
            return sentence.phrases[a] == sentence.phrases[b]
        if scope == CLAUSE:
            return sentence.clauses[a] == sentence.clauses[b]
        if scope == SUBJECT:
            low, high = min(a, b), max(a, b)
            return (sentence.phrases[a] == sentence.phrases[b]
                    and _COORDINATORS.isdisjoint(sentence.words[low:high]))
        return self.spans[a] == self.spans[b]


_CITATION = re.compile(r"\bet al\b|\b[Jj]ournal\b|\bpublished in\b|\(\s*[A-Z][\w-]+[^()]*\b(?:19|20)\d\d\s*\)")
_NAMED_STUDY = re.compile(
    r"\b(?:[A-Z][\w&.-]*\s+){1,4}(?i:study|trial|paper|analysis|review|survey|meta-analysis)\b"
    r"|\b(?:19|20)\d\d\s+(?:study|trial|paper|meta-analysis|review|analysis)\b"
    r"|\b(?:study|trial|survey|paper)\s+(?:of|in|by|from|at)\s+(?:\d[\d,]*\s+|[A-Z])"
)


def is_reference(text: str) -> bool:
    """A reference list's entry ("2. Lucantonio, F., Roeglin, J., ... (2025). Ketamine rescues ..."): it cites
    a paper's title, and claims nothing."""
    return bool(_REFERENCE.match(text))


# A reference: authors as "Surname, I." (maybe numbered), then the year in brackets.
_REFERENCE = re.compile(r"\s*(?:\d+\.\s*)?[A-Z][\w'-]+,\s+(?:[A-Z]\.\s*)+[,&]?.*?\((?:19|20)\d\d[a-z]?\)")
_GENERIC_STUDY_WORDS = frozenset(("a", "an", "the", "one", "this", "that", "our", "new", "recent", "some", "many"))


def cited(sentence: Sentence) -> bool:
    """The sentence names its study well enough to look it up (authors, a year, an institution or journal),
    or gives a controlled trial's result (a figure against placebo)."""
    original = sentence.original
    if _REFERENCE.match(original):  # a reference list's entry: "Lucantonio, F., Roeglin, J., ... (2025). Title."
        return True
    placebo = any(w.startswith("placebo") for w in sentence.words)
    if not sentence.has("study") and not placebo:
        return False
    if placebo:
        return True
    if _CITATION.search(original):
        return True
    for match in _NAMED_STUDY.finditer(original):
        words = match.group().split()
        if match.start() == 0 and len(words) == 2 and words[0][0].isupper():
            continue  # "Studies show": the capital is the sentence's, not a name's
        if len(words) == 2 and words[0].lower() in _GENERIC_STUDY_WORDS:
            continue  # "a study", "one study": no name
        return True
    return False


_LABELS = frozenset(("q", "a", "question", "faq"))  # "Q: Is it safe?"


def _quoted(sentence: Sentence) -> set[int]:
    """The tokens between a pair of double quotes (curly quotes are straight after normalising)."""
    marks = [i for i, c in enumerate(sentence.text) if c == '"']
    quoted: set[int] = set()
    for open_at, close_at in zip(marks[::2], marks[1::2], strict=False):
        quoted.update(i for i, start in enumerate(sentence.starts) if open_at < start < close_at)
    return quoted


def _speaker_s_own(cues: list[Cue], quoted: set[int]) -> list[Cue]:
    """A quotation attributed outside its quotes ("'Most of our patients improve,' the owner said"): its "we"
    and "our" are the speaker's, not the copy's, so they do not adopt the reported claim."""
    if not quoted or not any(c.rule.status == REPORTED and c.first not in quoted for c in cues):
        return cues
    return [c for c in cues if not (c.rule.status == ADOPTED and c.first in quoted)]


def _spans(sentence: Sentence) -> list[int]:
    """Span number of each token: spans end only at terminator words ("but", "although")."""
    terminators = sorted({m.first for cls in (TERMINATOR, CLAUSE_BREAK) for m in sentence.of(cls)})
    count = len(sentence.stems)
    if not terminators:  # most sentences: one span
        return [0] * count
    spans: list[int] = []
    span = at = 0
    for first in terminators:  # the tokens up to a terminator word, then a new span from it
        spans.extend([span] * (first - at))
        span, at = span + 1, first
    spans.extend([span] * (count - at))
    return spans

"""One sentence, read: its words as stems, the rulebook terms it contains, and its clause structure.

Two levels of clause: a *clause* ends at ; : ( ) dashes and at terminator words ("but", "although"), and
holds a claim's parts; a *phrase* also ends at a comma, unless the comma separates the items of a list
("depression, anxiety and PTSD"), and bounds how far a negation reaches.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from factlint.matching.tokens import CLAUSE_PUNCTUATION, CLAUSE_PUNCTUATION_HINT, word_pattern
from factlint.matching.vocabulary import CUE, ENTITY_CLASSES, Mention, Vocabulary

TERMINATOR = CUE + "terminator"
PSEUDO = CUE + "pseudo"
NOT_A_CLAIM = "not-a-claim"
CLAUSE_BREAK = CUE + "clause-break"  # the name of `terminator` in rulebooks written before claim frames
_LISTABLE = ENTITY_CLASSES
_LIST_JOINERS = frozenset(("and", "or", "as", "such", "well", "like", "including", "especially", "&", "plus", "even",
                           "also", "other"))


class Sentence:
    """A sentence of a segment: `text` is its normalised text; token offsets are relative to it.

    Words, stems and rulebook terms are read at once; token offsets and clauses only when a claim needs them
    (most sentences of a repository name no rulebook term and are done with after the look-up).
    """

    __slots__ = ("text", "original", "words", "stems", "mentions", "by_class", "_starts", "_ends", "_clauses",
                 "_phrases")

    def __init__(self, text: str, original: str, words: list[str], stems: list[str | None],
                 mentions: list[Mention]) -> None:
        self.text = text
        self.original = original  # the same sentence as written (case kept)
        self.words = words  # the normalised words
        self.stems = stems  # each word's rulebook stem, or None for a word outside the rulebook
        self.mentions = mentions
        by_class: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_class.setdefault(mention.cls, []).append(mention)
        self.by_class = by_class
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._clauses: list[int] | None = None
        self._phrases: list[int] = []

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            # `words` are the word pattern's matches, in order: each is the next occurrence of itself in the
            # text (a word starts at the first letter, digit or %#& after the last), so str.find places them
            # twice as fast as a second pass of the pattern
            find = self.text.find
            starts: list[int] = []
            ends: list[int] = []
            at = 0
            for word in self.words:
                at = find(word, at)
                starts.append(at)
                at += len(word)
                ends.append(at)
            self._starts, self._ends = starts, ends
        return self._starts

    @property
    def ends(self) -> list[int]:
        if self._starts is None:
            self.starts  # noqa: B018 - computes both
        return self._ends

    @property
    def clauses(self) -> list[int]:
        """Clause number of each token."""
        if self._clauses is None:
            self._clauses, self._phrases = _clauses(self)
        return self._clauses

    @property
    def phrases(self) -> list[int]:
        """Phrase number of each token."""
        if self._clauses is None:
            self._clauses, self._phrases = _clauses(self)
        return self._phrases

    @property
    def is_question(self) -> bool:
        return self.text.rstrip().endswith("?")

    def of(self, cls: str) -> list[Mention]:
        return self.by_class.get(cls, [])

    def has(self, cls: str) -> bool:
        return cls in self.by_class


def read_sentence(text: str, original: str, vocabulary: Vocabulary) -> Sentence:
    """Words, stems and rulebook terms of one normalised sentence."""
    words = word_pattern(text).findall(text)
    stems = vocabulary.lexicon.stems(words)
    mentions = vocabulary.mentions(stems, words)
    if mentions:
        mentions = _drop_pseudo(mentions)
    if "#" in words:
        mentions = _drop_hashtag_claims(mentions, words, stems)
    return Sentence(text, original, words, stems, mentions)


def _drop_hashtag_claims(mentions: list[Mention], words: list[str], stems: list[str | None]) -> list[Mention]:
    """A hashtag labels a post ("#healing", "#recovery"); it claims nothing, for claim frames and phrase rules
    alike (its stem is forgotten). What it names (a drug, a condition) is kept: it can be a post's topic."""
    tags = {i for i in range(1, len(words)) if words[i - 1] == "#"}
    if not tags:
        return mentions
    named = {i for m in mentions if m.cls in ENTITY_CLASSES for i in range(m.first, m.last + 1)}
    for i in tags - named:
        stems[i] = None
    return [m for m in mentions if m.first not in tags or m.cls in ENTITY_CLASSES or m.cls.startswith(CUE)]


def _drop_pseudo(mentions: list[Mention]) -> list[Mention]:
    """Cues inside a pseudo phrase ("not only", "possible side effects") and claim words inside a not-a-claim
    phrase ("keep you safe", "approved clinician") mean nothing there."""
    pseudo = [m for m in mentions if m.cls == PSEUDO]
    not_claims = [m for m in mentions if m.cls == NOT_A_CLAIM]
    if not pseudo and not not_claims:
        return mentions
    cue_masked = {i for m in pseudo for i in range(m.first, m.last + 1)}
    claim_masked = {i for m in not_claims for i in range(m.first, m.last + 1)}

    def keep(m: Mention) -> bool:
        if m.cls in (PSEUDO, NOT_A_CLAIM):
            return True
        masked = cue_masked if m.cls.startswith(CUE) else claim_masked
        return not (m.first in masked and m.last in masked)

    return [m for m in mentions if keep(m)]


_GAP_MARKS = regex.compile(r"[,()\[\]]")
# A list of single words ("diagnose, treat, cure or prevent", "safer, faster, and cheaper"): its commas join
# the list into one phrase, whether or not its words are rulebook terms of one class.
_WORD_LIST = regex.compile(r"\b[\w'-]+(?:, ?[\w'-]+)+,? (?:and|or|nor) [\w'-]+\b")


def _clauses(sentence: Sentence) -> tuple[list[int], list[int]]:
    """Clause and phrase number of each token. Only the gaps between tokens that hold punctuation or a
    terminator word are looked at; every other token continues the clause and phrase before it."""
    text = sentence.text
    starts, ends = sentence.starts, sentence.ends
    count = len(starts)
    # the token each mark comes before
    hard = ({bisect_left(starts, m.start()) for m in CLAUSE_PUNCTUATION.finditer(text)}
            if CLAUSE_PUNCTUATION_HINT.search(text) else set())
    marks: dict[int, str] = {}
    word_lists = [m.span() for m in _WORD_LIST.finditer(text)] if "," in text else []
    for m in _GAP_MARKS.finditer(text):
        at = m.start()
        if m.group() == "," and 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum():
            continue  # a comma inside a name or number ("L-655,708", "1,000") separates nothing
        if word_lists and any(start < at < end for start, end in word_lists):
            continue  # a comma between single words of a list
        i = bisect_left(starts, at)
        marks[i] = marks.get(i, "") + m.group()
    breaks = {m.first for cls in (TERMINATOR, CLAUSE_BREAK) for m in sentence.by_class.get(cls, ())}
    # list items: entities of one kind, or claim words of one class ("safer, more effective or faster")
    listed_ends = {m.last: m.cls for m in sentence.mentions if not m.cls.startswith(CUE)}
    listed_starts: dict[int, str] = {}
    for m in sentence.mentions:
        if not m.cls.startswith(CUE):
            listed_starts.setdefault(m.first, m.cls)
    changes: list[tuple[int, int, int]] = []  # (first token, clause, phrase) where a new clause or phrase starts
    clause = phrase = 0
    opened: list[tuple[int, int]] = []  # (clause, phrase) before each open bracket
    next_id = 1
    for i in sorted(hard | breaks | marks.keys()):
        if i == 0 or i >= count:
            continue
        gap = marks.get(i, "")
        closes = gap.count(")") + gap.count("]")
        opens = gap.count("(") + gap.count("[")
        is_hard = i in hard and not (closes and not opens and not _hard_besides_brackets(text, ends[i - 1], starts[i]))
        if closes and not opens and opened:
            # after a parenthesis the sentence goes on where it was: "whether HNK (a metabolite) is safe"
            clause, phrase = opened.pop()
            if "," in gap[gap.rfind(")") + 1:] and not _list_comma(sentence, i, listed_ends, listed_starts):
                phrase, next_id = next_id, next_id + 1
        elif i in breaks or is_hard:
            if opens and not closes:
                opened.append((clause, phrase))
            clause = phrase = next_id
            next_id += 1
        elif "," in gap and not _list_comma(sentence, i, listed_ends, listed_starts):
            phrase, next_id = next_id, next_id + 1
        else:
            continue
        # this token and those after it, up to the next mark, are in the new clause and phrase
        changes.append((i, clause, phrase))
    # filled once at the end: filling the rest of the sentence at each mark costs tokens x marks
    clauses: list[int] = []
    phrases: list[int] = []
    at = clause = phrase = 0
    for i, next_clause, next_phrase in changes:
        clauses.extend([clause] * (i - at))
        phrases.extend([phrase] * (i - at))
        at, clause, phrase = i, next_clause, next_phrase
    clauses.extend([clause] * (count - at))
    phrases.extend([phrase] * (count - at))
    return clauses, phrases


def _hard_besides_brackets(text: str, start: int, end: int) -> bool:
    """Clause punctuation other than a closing bracket in text[start:end]: a lone closing bracket ("]52;" in
    an escape sequence, a list marker "1)") ends nothing."""
    return any(text[m.start()] not in ")]" for m in CLAUSE_PUNCTUATION.finditer(text, start, end))


def _list_comma(sentence: Sentence, after: int, listed_ends: dict[int, str], listed_starts: dict[int, str]) -> bool:
    """A comma before token `after` separates list items: an entity ends right before it and one of the
    same kind starts right after it (maybe after "and", "or", "such as")."""
    kind = listed_ends.get(after - 1)
    if kind is None:
        return False
    words = sentence.words
    j = after
    while j < len(words) and j < after + 3 and words[j] in _LIST_JOINERS:
        j += 1
    return listed_starts.get(j) == kind

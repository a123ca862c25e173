"""The Matcher: a compiled rulebook applied to documents, sentence by sentence.

For each segment (documents/) the engine normalises the text (normalize.py), splits it into sentences
(tokens.py) and reads each one (sentence.py: stems, rulebook terms, clauses). A sentence with rulebook terms
gets its claim frames (frames.py) with their assertion status (assertion.py); each asserted frame is
compared with the fact base (verdict.py) and a wrong one is reported by the claim rule that fits it
(kinds/claim.py). Match rules (phrases, patterns), phrase rules (a house's banned wording) and document rules
(fair balance) run beside them. The
page topic (topic.py) supplies the drug of a sentence that names none. Overlapping findings are merged:
one finding per claim, the strongest rule first, the others listed in `merged`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from factlint.documents.model import Document, Segment
from factlint.findings import Finding
from factlint.matching.assertion import (
    ADOPTED,
    CITED,
    HEDGED,
    HYPE,
    HYPOTHETICAL,
    NEGATED,
    QUESTION,
    REPORTED,
    RESEARCH,
    Assertion,
    is_reference,
)
from factlint.matching.frames import ALONE, EXCUSES, Context, Frame, FrameFinder
from factlint.matching.gate import BENEFIT, PHRASE, RISK, SegmentGate
from factlint.matching.kinds import ClaimRules, DocumentRules, MatchRules, PhraseRules
from factlint.matching.lists import INTRO_CLASSES, ITEM_CLASSES, ListIntro, add_item, intro_of, item_frames
from factlint.matching.memo import Memo
from factlint.matching.names import DrugNames
from factlint.matching.normalize import normalize, normalize_with_map
from factlint.matching.regex_budget import RegexBudget, budget_seconds
from factlint.matching.sentence import Sentence, read_sentence
from factlint.matching.tokens import sentence_spans
from factlint.matching.topic import KIN, Topic, is_short
from factlint.matching.verdict import FactBase, Verdict
from factlint.matching.vocabulary import Vocabulary, phrase_words
from factlint.rulebook.model import Rule, Rulebook

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
_NOT_WORDS = frozenset(("not", "never", "no", "isn't", "doesn't", "hasn't", "wasn't", "aren't", "don't"))
_MEMO_LIMIT = 20_000  # sentences remembered (read, and their frames found) per process
GENERIC_DRUG = "this treatment"


@dataclass(frozen=True, slots=True)
class RuleFailure:
    """A rule that could not be applied to a document (its regex timed out)."""

    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    findings: list[Finding]
    failures: list[RuleFailure]


class Matcher:
    """Compile once (`Matcher(rulebook)`), then `check(document)` as often as needed."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.facts = FactBase(rulebook)
        self.claim_rules = ClaimRules(rulebook, self.facts)
        self.match_rules = MatchRules(rulebook)
        self.document_rules = DocumentRules(rulebook)
        self.phrase_rules = PhraseRules(rulebook)
        self.vocabulary = Vocabulary(rulebook, self.match_rules.stems | self.document_rules.stems
                                     | self.phrase_rules.stems)
        self.frames = FrameFinder({e.id: e.parent for e in rulebook.entities.values()}, self.claim_rules.triggers())
        self.question_openers = frozenset(rulebook.cues.get("question", ()))
        self.investigational = frozenset(
            e.id for e in rulebook.entities.values() if e.kind == "drug" and e.stage == "investigational")
        self._order = {rule.id: i for i, rule in enumerate(rulebook.rules)}
        self._drug_names = DrugNames(rulebook)
        self.segments: Memo[str, _ReadSegment] = Memo(_MEMO_LIMIT)  # segment text -> what reading it gave
        self.found_frames: Memo[tuple[str, Context | bool], list[Frame]] = Memo(_MEMO_LIMIT)
        # stems a match or document rule's phrase could start with: other sentences need no phrase search
        self.phrase_stems = (self.match_rules.first_stems | self.document_rules.claims.first_stems
                             | self.document_rules.absent_first | self.phrase_rules.first_stems)
        # ... and those of match and phrase rules alone, for a draft whose fair balance is decided
        self.rule_phrase_stems = self.match_rules.first_stems | self.phrase_rules.first_stems
        self.gate = SegmentGate(self.vocabulary, {
            PHRASE: [p for r in self.match_rules.rules for p in r.phrases]
            + [spelling for group in self.phrase_rules.by_first.values() for _, spelling in group],
            BENEFIT: [p for r in self.document_rules.claims.rules for p in r.phrases],
            RISK: [p for a in self.document_rules.absent for p in a.phrases]},
            ALONE | {c for classes in self.frames.extra.values() for c in classes})
        # a heading or a sentence ending in a colon with one of these may introduce a list (lists.py)
        self._intro_classes = self.gate.mask(INTRO_CLASSES) | self.gate.mask(["condition"])
        self._item_classes = self.gate.mask(ITEM_CLASSES)  # what a list item may add to its intro's claim
        self._qualify = self.gate.mask(["qualify"])
        # the animal cues as one search over a segment's normalised text ("depression-like" as written)
        animal = sorted({r"\W+".join(map(re.escape, phrase_words(p))) for p in rulebook.cues.get(ANIMAL_STATUS, ())}
                        - {""}, key=len, reverse=True)
        self._animal_cue = re.compile(r"\b(?:" + "|".join(animal) + r")\b") if animal else None
        self._topic_classes = self.gate.mask(["drug", "condition"])
        self._phrase_first = self.gate.stem_mask(self.phrase_stems)
        self._has_patterns = self.match_rules.has_patterns or self.document_rules.claims.has_patterns

    # -- per document -------------------------------------------------------------------------

    def check(self, document: Document) -> list[Finding]:
        return self.check_detailed(document).findings

    def check_detailed(self, document: Document) -> MatchResult:
        """Findings, sorted, and the rules that failed on this document."""
        run = _Run(self, document)
        for segment in document.segments:
            run.segment(segment)
        return MatchResult(run.finish(), [RuleFailure(rule, why) for rule, why in sorted(run.failed.items())])

    def read_segment(self, text: str, failed: dict[str, str], folded: str = "", stems: int = 0) -> _ReadSegment:
        """A segment's normalised text, its sentences with the gate's stems and classes of each, and the
        pattern rules that match in it; remembered, since repositories repeat their boilerplate paragraphs.
        A sentence is read (`read_sentence`) only when it is needed, once. `stems`: the gate's stem bits of
        `folded`, the segment's text after `normalize`, if known."""
        found = self.segments.get(text)
        if found is not None:
            return found
        origin: Sequence[int]
        if folded and len(folded) == len(text) and text.isascii():
            # ASCII that `normalize` kept at its length joined no split letters: lower-cased, offsets unchanged
            normalized, origin, cased = folded, range(len(text)), text
        else:
            normalized, origin = normalize_with_map(text)
            cased = "".join(map(text.__getitem__, origin)) if "\n" in normalized else normalized
        patterns = self.match_rules.patterns_in(normalized, failed) if self.match_rules.has_patterns else frozenset()
        if self.document_rules.claims.has_patterns:
            patterns |= self.document_rules.claims.patterns_in(normalized, failed)
        stems_of, classes_of = self.gate.stems, self.gate.classes
        sentences = sentence_spans(normalized, cased)
        if len(sentences) == 1 and folded == normalized:  # one sentence: all the segment's words are its own
            (start, end), = sentences
            spans = [(start, end, stems, classes_of(stems))]
        else:
            spans = []
            for start, end in sentences:
                sentence_stems = stems_of(normalized[start:end])
                spans.append((start, end, sentence_stems, classes_of(sentence_stems)))
        read = _ReadSegment(normalized, origin, tuple(spans), patterns, [None] * len(spans))
        if not failed:  # a pattern that timed out is never remembered as "no match"
            self.segments.remember(text, read)
        return read

    def read_sentence(self, read: _ReadSegment, i: int) -> tuple[Sentence, bool]:
        """Sentence `i` of a read segment, and whether it may hold a claim frame (read once)."""
        found = read.sentences[i]
        if found is None:
            start, end, _, _ = read.spans[i]
            sentence = read_sentence(read.text[start:end], "", self.vocabulary)
            framing = not self.frames.triggers.isdisjoint(sentence.by_class) and self.frames.could_claim(
                sentence, self.investigational)
            found = read.sentences[i] = (sentence, framing)
        return found

    def last_term_sentence(self, read: _ReadSegment, heading: bool) -> int:
        """The index of the segment's last sentence that names a term a claim, a phrase or the topic needs
        (the one that may introduce a list, lists.py), or -1 when no sentence of the segment could."""
        if read.patterns:
            return len(read.spans) - 1
        gate = self.gate
        if not heading and ":" not in read.text:  # (most segments: no sentence of them can introduce a list)
            return -1
        if not any(classes & self._intro_classes and (heading or ":" in read.text[start:end])
                   for start, end, _, classes in read.spans):
            return -1
        for i in range(len(read.spans) - 1, -1, -1):
            _, _, stems, classes = read.spans[i]
            if not (gate.may_claim(classes) or classes & (self._topic_classes | self._intro_classes)
                    or stems & self._phrase_first):
                continue  # the gate's stems and classes hold all the sentence's: it names none of them
            sentence, framing = self.read_sentence(read, i)
            if (framing or sentence.has("drug") or sentence.has("condition")
                    or any(sentence.has(cls) for cls in INTRO_CLASSES)
                    or not self.phrase_stems.isdisjoint(sentence.stems)):
                return i
        return -1

    def animal_research_at(self, text: str) -> int:
        """Where the normalised text first says its research is in animals (an `animal` cue), or -1."""
        found = self._animal_cue.search(text) if self._animal_cue is not None else None
        return found.start() if found is not None else -1

    def sentences_of(self, text: str) -> list[Sentence]:
        """Every sentence of a segment's text, read (not remembered: for the rare segment the gate turned away
        whose drug a list item after it needs)."""
        normalized, origin = normalize_with_map(text)
        cased = "".join(map(text.__getitem__, origin)) if "\n" in normalized else normalized
        return [read_sentence(normalized[start:end], "", self.vocabulary)
                for start, end in sentence_spans(normalized, cased)]

    def patterns_anywhere(self, folded: str, failed: dict[str, str]) -> bool:
        """Some match or document rule's pattern matches in the folded segment text (a pattern that times
        out is recorded in `failed` and reported as the rule's failure on the file)."""
        return bool(self.match_rules.patterns_in(folded, failed)
                    or self.document_rules.claims.patterns_in(folded, failed))

    def drugs_in(self, text: str) -> list[str]:
        """Drug ids named in `text`, in order (a quick look for the page topic: exact names only)."""
        return self._drug_names.drugs_in(normalize(text))

    @staticmethod
    def drugs_named(sentence: Sentence) -> list[str]:
        return [m.entity for m in sentence.of("drug") if m.entity is not None]


class _Run:
    """The state of one document's check: topic, findings so far, rules that failed."""

    def __init__(self, matcher: Matcher, document: Document) -> None:
        self.m = matcher
        self.document = document
        self.topic = Topic(document, matcher.drugs_in)
        self.findings: list[tuple[Finding, int, int]] = []  # with the source span of the claim's own words
        # rule id -> why it failed here; also the file's regex time budget (a base + an allowance per MB)
        self.failed: dict[str, str] = RegexBudget(budget_seconds(len(document.text)))
        self.benefit: dict[str, tuple[Finding, int, int]] = {}  # document rule -> first benefit claim
        self.risks: set[str] = set()  # document rules whose risk statement the draft makes
        self.reported: set[tuple[int, str]] = set()  # (sentence start in the file, rule): one finding each
        self.list_intro: ListIntro | None = None  # the heading or "...:" sentence the current list continues
        self.unread: Segment | None = None  # the last segment, if it names a drug but was not read
        # the claims of the question just read ("Is ketamine safe?"): a "Yes" right after it asserts them
        self.asked: list[Frame] = []
        self.question: str | None = None  # the last segment's text, if it ends with a question mark
        # this paragraph, or the page's title, says its findings are in animals ("Using rodent models, ...",
        # "Ketamine flips a pleasure switch in stressed mice"): its animal-only findings are that research
        self._animal_read: _ReadSegment | None = None  # the segment being read, for `animal_paragraph`
        self._animal_at: tuple[_ReadSegment | None, bool] = (None, False)  # a segment and its `animal_paragraph`
        self.animal_page: bool | None = None  # worked out when first needed
        self.press_release: bool | None = None  # the draft is a press release: its quotes are its own
        self.wanted = 0  # the gate's classes of the document rules' phrases this draft still needs
        self.balance_open = True  # some document rule's risk statement has not been made yet
        self.phrase_stems = matcher.phrase_stems  # stems a phrase this draft still looks for starts with
        self._want_document_phrases()

    def segment(self, segment: Segment) -> None:
        topic = self.topic
        if self.unread is not None:
            if segment.kind == "list_item":  # "it" in this list item may mean the drug the paragraph before named
                self._named_in(self.unread)
            self.unread = None
        topic.enter(segment)
        self._animal_read = None
        if (segment.text[:1].isupper() or segment.text[:1].isdigit()) and is_reference(segment.text):
            return  # a reference list's entry names a paper, whatever its title says
        m = self.m
        folded = normalize(segment.text)
        gate = m.gate
        stems = gate.stems(folded)
        asked, self.asked = self.asked, []
        if asked and _YES.match(folded):  # "## Is it safe?" then "Yes, when given in a clinic."
            self._answered(asked, m.read_segment(segment.text, self.failed, folded, stems), segment)
        question, self.question = self.question, segment.text if folded.rstrip().endswith("?") else None
        if (question is not None and _NO.match(folded)) or ("?" in folded and _QUESTION_THEN_NO.search(folded)):
            self._no_answers(m.read_segment(segment.text, self.failed, folded, stems), segment, question)
        classes = gate.classes(stems)
        if classes & m._qualify and (question is not None or "?" in folded):  # "Tried one antidepressant? You
            self._qualified(m.read_segment(segment.text, self.failed, folded, stems), segment, question)  # qualify"
        in_list = segment.kind == "list_item" and self.list_intro is not None
        if segment.kind != "list_item":
            self._end_list()
        if not in_list and not gate.may_claim(classes, self.wanted) and not (
                classes & m._intro_classes and (segment.kind == "heading" or ":" in folded)) and not (
                m._has_patterns and m.patterns_anywhere(folded, self.failed)):
            if classes & gate.drug:
                self.unread = segment  # no claim here; its drug matters only if a list item follows
            return
        read = m.read_segment(segment.text, self.failed, folded, stems)
        short = is_short(segment)
        everything = bool(read.patterns)  # a pattern matches in the segment: every sentence is examined
        intro_at = -1 if segment.kind == "list_item" else m.last_term_sentence(read, segment.kind == "heading")
        self._animal_read = read
        for number, (start, end, _, classes) in enumerate(read.spans):
            if number:  # "Is it safe? Yes, when given in a clinic."
                asked, self.asked = self.asked, []
                if asked and _YES.match(read.text, start):
                    self._answered(asked, read, segment, number)
            # A sentence the gate turns away holds no claim and no phrase: read only for a list, or its drug.
            examine = everything or gate.may_claim(classes, self.wanted)
            if not (examine or number == intro_at or classes & gate.drug or (in_list and classes & m._item_classes)):
                continue
            sentence, framing = m.read_sentence(read, number)
            if in_list:  # "- PTSD" under "Conditions ketamine can treat": part of the intro's claim
                add_item(self.list_intro, sentence, Assertion(sentence, m.question_openers),  # type: ignore[arg-type]
                         _Where(self.document, segment, read.origin, start, sentence))
            if number == intro_at and sentence.mentions:
                context = Context(topic.paragraph_drug, topic.section_drug, topic.page_drug, short, m.investigational)
                self.list_intro = intro_of(sentence, Assertion(sentence, m.question_openers), context,
                                           segment.kind == "heading")
            if not examine or not framing and not read.patterns and self.phrase_stems.isdisjoint(sentence.stems):
                topic.named(m.drugs_named(sentence))
                continue
            sentence.original = segment.text[read.origin[start]:read.origin[end - 1] + 1]
            # the page's drugs matter only to a sentence that names none, or names one's relative ("its cousin")
            named_drug = sentence.has("drug") and KIN.isdisjoint(sentence.words)
            context = Context(topic.paragraph_drug, topic.section_drug, None if named_drug else topic.page_drug,
                              short, m.investigational, () if named_drug else topic.brand)
            assertion = Assertion(sentence, m.question_openers)
            where = _Where(self.document, segment, read.origin, start, sentence)
            if framing:
                # the page's drugs matter only to a sentence that names none
                key = (sentence.original, context if not named_drug else context.short)
                frames = m.found_frames.get(key)
                if frames is None:
                    frames = m.found_frames.remember(key, m.frames.find(sentence, assertion, context))
                for frame in frames:
                    self._judge(frame, where)
                if assertion.question:
                    self.asked = [f for f in frames if QUESTION in f.status]
            self._phrases(sentence, assertion, context, where, read.patterns)
            topic.named(m.drugs_named(sentence))

    def _press_release(self) -> bool:
        """The draft is a press release ("FOR IMMEDIATE RELEASE" near its top)."""
        if self.press_release is None:
            self.press_release = bool(_PRESS_RELEASE.search(self.document.text, 0, 2000))
        return self.press_release

    @property
    def animal_paragraph(self) -> bool:
        """The segment being read says its findings are in animals. Searched for only when a finding asks (few
        do), once per segment, not in every segment read."""
        read = self._animal_read
        if read is None:
            return False
        if self._animal_at[0] is not read:
            self._animal_at = (read, self.m.animal_research_at(read.text) >= 0)
        return self._animal_at[1]

    def _animal_research(self, sentence: Sentence) -> bool:
        """The paragraph or the page's title says the research is in animals, and the sentence does not say it
        is about people ("The finding means ketamine repairs the reward circuits of people with depression")."""
        if not _PEOPLE.isdisjoint(sentence.words):
            return False
        if self.animal_paragraph:
            return True
        if self.animal_page is None:
            self.animal_page = self.m.animal_research_at(normalize(self.topic.title)) >= 0
        return self.animal_page

    def _no_answers(self, read: _ReadSegment, segment: Segment, question_before: str | None) -> None:
        """A "No" that answers a question about a risk ("Is ketamine addictive?" / "Not when it's prescribed.")
        says the risk is absent: a safety claim, reported at the answer. `question_before`: the text of the
        segment before, if it ended with a question mark."""
        for number, (start, _, _, _) in enumerate(read.spans):
            if not _NO.match(read.text, start):
                continue
            question = _question_before(read, number, question_before)
            if question is not None:
                frames = self._risks_asked(question)
                if frames:
                    self._answered(frames, read, segment, number)

    def _qualified(self, read: _ReadSegment, segment: Segment, question_before: str | None) -> None:
        """"Tried just one antidepressant? You may already qualify for Spravato.": the question names too few
        treatment trials and the sentence after it says that is enough to qualify, an eligibility claim
        reported at "qualify". `question_before`: the text of the segment before, if it asked a question."""
        for number, (start, _, _, classes) in enumerate(read.spans):
            if not classes & self.m._qualify:
                continue
            question = _question_before(read, number, question_before)
            if question is None:
                continue
            asked = self.m.sentences_of(question)
            trials = asked[-1].of("too-few-trials") if asked else []
            if not trials or NEGATED in Assertion(asked[-1], self.m.question_openers).status(
                    trials[0].first, set(range(trials[0].first, trials[0].last + 1))):
                continue  # "Never tried one antidepressant?" is not too few
            sentence, _ = self.m.read_sentence(read, number)
            qualify = sentence.of("qualify")[0]
            own = set(range(qualify.first, qualify.last + 1))
            named = self.m.drugs_named(sentence)
            drug = named[0] if named else self.topic.nearest_drug
            frame = Frame("eligibility", qualify, own, "first-line", drug=drug, health=True,
                          first=qualify.first, last=qualify.last, core_first=qualify.first, core_last=qualify.last,
                          status=Assertion(sentence, self.m.question_openers).status(qualify.first, own))
            self._judge(frame, _Where(self.document, segment, read.origin, start, sentence))

    def _risks_asked(self, question: str) -> list[Frame]:
        """The risks a question asks about ("Is ketamine addictive?", "Are there side effects?"), each as the
        safety claim that denying it makes, about the drug the question or the page names."""
        sentences = self.m.sentences_of(question)
        if not sentences:
            return []
        asked = sentences[-1]
        risks = [*asked.of("addiction-risk"), *asked.of("risk")]
        # "Is ketamine non-addictive? No, ...", "Isn't it risky?": the "No" keeps the risk
        if not risks or any(asked.has(cls) for cls in _DENIED_IN_QUESTION):
            return []
        named = self.m.drugs_named(asked)
        drug = named[0] if named else self.topic.nearest_drug
        if drug is None:
            return []
        risk = min(risks, key=lambda r: r.first)
        claim = "minimized-addiction" if risk.cls == "addiction-risk" else "minimized-risk"
        frame = Frame("safety", risk, set(range(risk.first, risk.last + 1)), claim, drug=drug,
                      drug_from="sentence" if named else "page", health=True)
        return [frame]

    def _answered(self, asked: list[Frame], read: _ReadSegment, segment: Segment, number: int = 0) -> None:
        """The question's claims, asserted by the "Yes" that answers it; reported at that "Yes"."""
        sentence, _ = self.m.read_sentence(read, number)
        if not sentence.words:
            return
        where = _Where(self.document, segment, read.origin, read.spans[number][0], sentence)
        for frame in asked:
            answered = replace(frame, status=frame.status - {QUESTION}, first=0, last=0, core_first=0, core_last=0)
            self._judge(answered, where)

    def _phrases(self, sentence: Sentence, assertion: Assertion, context: Context, where: _Where,
                 patterns: frozenset[str]) -> None:
        """Match and phrase rules, and document rules' benefit claims and risk statements, in one sentence."""
        m = self.m
        if not patterns and self.phrase_stems.isdisjoint(sentence.stems):
            return
        applies = self._applies_here(sentence, context)
        for hit in m.match_rules.check(sentence, assertion, self.failed, applies, patterns):
            if hit.rule.category == ANIMAL_CATEGORY and self._animal_research(sentence):
                continue
            span = where.span(hit.start, hit.end)
            self.findings.append((self._finding(hit.rule, span, where, {}, None), *span))
        if m.phrase_rules.rules:
            for hit in m.phrase_rules.check(sentence, assertion, applies):
                span = where.span(hit.start, hit.end)
                self.findings.append((self._finding(hit.rule, span, where, {}, None), *span))
        if self.balance_open:
            risks = m.document_rules.risks_stated(sentence, assertion)
            benefits = len(self.benefit)
            for hit in m.document_rules.benefit_claims(sentence, assertion, self.failed, applies, patterns):
                if hit.rule.id not in self.benefit:
                    drug = context.paragraph_drug or context.section_drug or self.topic.page_drug or _first_drug(
                        sentence)
                    values = self._values(drug, None, None)
                    span = where.span(hit.start, hit.end)
                    self.benefit[hit.rule.id] = (self._finding(hit.rule, span, where, values, None), *span)
            if not risks <= self.risks or len(self.benefit) != benefits:
                self.risks |= risks
                self._want_document_phrases()

    def _want_document_phrases(self) -> None:
        """The document rules' phrases the gate lets through: a rule is decided once the draft states its
        risk; after its first benefit claim only the risk statement matters."""
        rules = [c.rule.id for c in self.m.document_rules.claims.rules]
        gate = self.m.gate
        self.wanted = (gate.mask([BENEFIT]) if any(r not in self.risks and r not in self.benefit for r in rules)
                       else 0) | (gate.mask([RISK]) if any(r not in self.risks for r in rules) else 0)
        # Every rule's risk statement made: the rest of the draft can change no document rule's finding (a
        # benefit claim is reported only where the risk is not stated), so its phrases are looked for no more
        # (unless a rule has patterns: a pattern that times out on the file is still reported as a failure)
        if not any(r not in self.risks for r in rules) and not self.m.document_rules.claims.has_patterns:
            self.balance_open = False
            self.phrase_stems = self.m.rule_phrase_stems

    def _named_in(self, segment: Segment) -> None:
        """The drugs a segment that was not read names, as reading it would have found them."""
        for sentence in self.m.sentences_of(segment.text):
            self.topic.named(self.m.drugs_named(sentence))

    def _applies_here(self, sentence: Sentence, context: Context):  # noqa: ANN202
        """A match rule with `subjects` applies where its drug is named in the sentence, its paragraph
        (or the paragraph introducing its list) or the headings above it."""
        facts = self.m.facts
        drugs = set(self.m.drugs_named(sentence))
        drugs.update(d for d in (context.paragraph_drug, context.section_drug) if d)

        def applies(rule: Rule) -> bool:
            return not rule.subjects or any(facts.is_a(d, s) for d in drugs for s in rule.subjects)

        return applies

    def _judge(self, frame: Frame, where: _Where) -> None:
        if REPORTED in frame.status and self._press_release():
            frame = replace(frame, status=frame.status | {ADOPTED})
        verdict = self.m.facts.judge(frame)
        if frame.kind == "approval" and frame.status == {NEGATED}:
            # "not indicated for ..." what it IS approved for; the "not" right before the approval word
            before = where.sentence.words[max(0, frame.trigger.first - 3):frame.trigger.first]
            verdict = self.m.facts.denied(frame) if _NOT_WORDS.intersection(before) else None
            if verdict is None:
                return
        elif verdict is None or not _asserted(frame, verdict):
            return
        if verdict.name == ANIMAL_ONLY and self._animal_research(where.sentence):
            return  # "Using rodent models, they found ... The next part of the research revealed ..."
        rule = self.m.claim_rules.pick(frame, verdict)
        if rule is None:
            return
        key = (where.token_span(0, 0)[0], rule.id)
        if key in self.reported:
            return  # "book your RR-HNK appointment today": one finding per rule and sentence
        self.reported.add(key)
        values = self._values(frame.drug, frame, verdict)
        span = where.token_span(frame.first, frame.last)
        core = where.token_span(frame.core_first, frame.core_last)
        self.findings.append((self._finding(rule, span, where, values, verdict, claim=_claim_words(frame, values)),
                              *core))

    def _values(self, drug: str | None, frame: Frame | None, verdict: Verdict | None) -> dict[str, str]:
        facts = self.m.facts
        entity = facts.entity(drug) if drug else None
        name = entity.label if entity is not None else GENERIC_DRUG
        values = {"drug": name, "Drug": name[:1].upper() + name[1:]}
        if frame is not None:
            claimed = verdict.claimed if verdict is not None and verdict.claimed else tuple(frame.conditions)
            values["claimed"] = _join(_label(facts, c) for c in claimed) or "this use"
            values["conditions"] = _join(_label(facts, c) for c in frame.conditions) or "this condition"
            values["condition"] = _label(facts, frame.conditions[0]) if frame.conditions else "this condition"
            values["populations"] = _join(_label(facts, p) for p in frame.populations) or "these patients"
            values["agency"] = _join(_label(facts, a) for a in frame.agencies) or "the FDA"
        if verdict is not None:
            values["approved"] = _join(_label(facts, u) for u in verdict.allowed) or "no use"
            values.update(verdict.details)
        return values

    def _finding(self, rule: Rule, span: tuple[int, int], where: _Where, values: dict[str, str],
                 verdict: Verdict | None, claim: str = "") -> Finding:
        document = self.document
        start, end = span
        line, column = document.position(start)
        end_line, end_column = document.position(end)
        fact = rule.fact
        if verdict is not None and verdict.fact is not None:
            fact = self.m.rulebook.facts.get(verdict.fact, fact)
        values = {**values, "text": " ".join(document.text[start:end].split())}  # the wording as written
        return Finding(
            path=document.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            start=start,
            end=end,
            rule=rule.id,
            category=rule.category,
            severity=rule.severity,
            message=render(rule.message, values),
            text=document.text[start:end],
            suggestion=render(rule.suggestion, values),
            fact=fact.as_ref(),
            sentence=where.sentence.text.strip(),
            claim=claim,
        )

    def _end_list(self) -> None:
        """The list after an intro has ended: judge the intro's claim for each item's conditions."""
        intro, self.list_intro = self.list_intro, None
        if intro is not None:
            for frame, where in item_frames(intro):
                self._judge(frame, where)

    def finish(self) -> list[Finding]:
        self._end_list()
        for rule_id, finding in self.benefit.items():
            if rule_id not in self.risks:
                self.findings.append(finding)
        return _merge(self.findings, self.m._order)


@dataclass(frozen=True, slots=True)
class _ReadSegment:
    text: str  # normalised
    origin: Sequence[int]  # normalised offset -> segment offset
    spans: tuple[tuple[int, int, int, int], ...]  # (start, end, the gate's stem and class bits) of each sentence
    patterns: frozenset[str]  # match and document rules whose patterns match in the segment
    sentences: list[tuple[Sentence, bool] | None]  # each sentence once read, and whether it may hold a frame


@dataclass(frozen=True, slots=True)
class _Where:
    """Maps a sentence's offsets back to the source file."""

    document: Document
    segment: Segment
    origin: Sequence[int]
    offset: int  # the sentence's start in the normalised segment text
    sentence: Sentence

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of sentence characters [start, end)."""
        origin = self.origin
        seg_start = origin[self.offset + start]
        seg_end = origin[self.offset + max(end, start + 1) - 1] + 1
        return self.segment.source_span(seg_start, seg_end)

    def token_span(self, first: int, last: int) -> tuple[int, int]:
        sentence = self.sentence
        return self.span(sentence.starts[first], sentence.ends[last])


# An answer that says yes: "Yes, ...", "Yes—provided ...", "Absolutely."
_YES = re.compile(r"\s*(?:yes|absolutely|definitely|of course)\b")
# Animal research named in a paragraph or the page's title covers the paragraph's sentences: their animal-only
# findings (verdict ANIMAL_ONLY, and the match rules of the animal-to-human category) report that research.
ANIMAL_ONLY, ANIMAL_CATEGORY, ANIMAL_STATUS = "animal-only", "animal-to-human", "animal"
INVESTIGATIONAL = "investigational"
# Words that say a sentence is about people: "you" and "your" address one ("switches off your brain's ...").
_PEOPLE = frozenset(("people", "person", "humans", "human", "patients", "patient", "adults", "men", "women", "you",
                     "your"))
# A press release speaks for its issuer: the people it quotes are the issuer's ("said the clinic's director").
_PRESS_RELEASE = re.compile(r"for immediate release|press release", re.IGNORECASE)
# Classes of a question that a "No" answer contradicts rather than makes: its safety claim or its own negation.
_DENIED_IN_QUESTION = ("no-addiction", "safe-claim", "minimizer", "cue:negation")
# An answer that says no ("No.", "Not when it's prescribed", "Never"), not "No one knows" or "No drug is".
_NO = re.compile(r"\s*(?:no(?![ -](?:one|longer|matter|doubt|drug|medication|medicine|treatment))|nope|never"
                 r"|not (?:when|if|at all|really|usually|typically|generally|as long as))\b")
_QUESTION_THEN_NO = re.compile(r"\?[\"')\]]*\s+" + _NO.pattern.removeprefix(r"\s*"))


def _question_before(read: _ReadSegment, number: int, question_before: str | None) -> str | None:
    """The question right before sentence `number` of a read segment: the sentence before it if that asks one,
    else, for the first sentence, `question_before` (the text of the segment before, if it ended with "?")."""
    if not number:
        return question_before
    start, end, _, _ = read.spans[number - 1]
    question = read.text[start:end]
    return question if question.rstrip().endswith("?") else None


def _asserted(frame: Frame, verdict: Verdict | None = None) -> bool:
    """The copy makes the claim its own: no cue excuses it. An effect the label says was not demonstrated
    is not excused by a hedge ("may also lessen suicidal thinking")."""
    status = set(frame.status)
    if verdict is not None and verdict.name == "not-demonstrated":
        status.discard(HEDGED)
    if frame.trigger.cls == "too-few-trials":  # "If one medication hasn't worked, ...": the "if" is the criterion
        status.discard(HYPOTHETICAL)
    if CITED in status:  # a named study's result is reported, even if the copy says "study found"
        status.add(REPORTED)
        status.discard(ADOPTED)
    if frame.kind == "experimental" and frame.claim != "availability":  # an offer stays an offer, however put
        # Someone else's report or a named trial's result ("You may have read that L-655,708 works like
        # ketamine") is not the copy's claim that an investigational drug works; "the NIH trial proved RR-HNK
        # works" adopts it. A hedge ("a promising candidate for treating TRD") excuses an efficacy claim, not a
        # safety profile known only from animals.
        if REPORTED in status and ADOPTED not in frame.status:
            return False
        if HEDGED in status and verdict is not None and verdict.name == INVESTIGATIONAL:
            return False
    if ADOPTED in status:  # "studies show", "our patients say", "the trial proved": the copy's own claim
        status.discard(REPORTED)
        status.discard(HYPE)
        status.discard(RESEARCH)
    return not (status & EXCUSES.get(frame.kind, frozenset()))


def _label(facts: FactBase, entity_id: str) -> str:
    entity = facts.entity(entity_id)
    return entity.label if entity is not None else entity_id


def _join(items) -> str:  # noqa: ANN001
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def render(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _first_drug(sentence: Sentence) -> str | None:
    drugs = sentence.of("drug")
    return drugs[0].entity if drugs else None


_CLAIM_WORDS = {
    "cure": "that {drug} cures", "permanence": "permanent results from {drug}",
    "durability": "long-lasting results from {drug}", "speed": "instant results from {drug}",
    "miracle": "that {drug} is a miracle", "intensifier": "exceptional effectiveness of {drug}",
    "superlative": "that {drug} is the best treatment", "superiority": "that {drug} beats other treatments",
    "certainty": "guaranteed results from {drug}", "proven": "that {drug} is proven", "rate": "a success rate "
    "for {drug} without a named study",
}


def _claim_words(frame: Frame, values: dict[str, str]) -> str:
    """The claim in a copywriter's words: "that ketamine is approved for depression"."""
    kind = frame.kind
    if kind == "approval":
        text = "that {drug} is approved for {claimed}" if frame.conditions else "that {drug} is approved"
    elif kind == "treats":
        text = "that {drug} treats {claimed}"
    elif kind == "efficacy":
        text = _CLAIM_WORDS.get(frame.claim, "that {drug} works better than shown")
    elif kind == "safety":
        text = "that {drug} is free of risk"
    elif kind == "eligibility":
        text = {"first-line": "that {drug} is a first-line treatment", "home-use": "that {drug} can be used at home",
                "population": "that {drug} is for {populations}",
                "no-supervision": "that {drug} needs no medical supervision"}.get(frame.claim, "who can get {drug}")
    elif kind == "neuro":
        text = "that {drug} rebuilds the brain in people"
    elif kind == "experimental":
        text = "that {drug} is available" if frame.claim == "availability" else "that {drug} works in people"
    else:
        text = ""
    return render(text, values)


def _merge(findings: list[tuple[Finding, int, int]], order: dict[str, int]) -> list[Finding]:
    """One finding per claim: findings whose claim words overlap (the core span beside each finding: the
    trigger and its wording, not the parts around it) become one, the strongest rule reporting it (highest
    severity, then the most specific wording - the longest span - then the rule loaded last, so a house
    rulebook's rule speaks for a claim the default rulebook also catches) and the others listed in `merged`."""
    findings.sort(key=lambda f: (f[1], f[2]))
    merged: list[Finding] = []
    group: list[Finding] = []
    group_end = -1
    for finding, core_start, core_end in findings:
        if group and core_start < group_end:
            group.append(finding)
            group_end = max(group_end, core_end)
            continue
        if group:
            merged.append(_strongest(group, order))
        group, group_end = [finding], core_end
    if group:
        merged.append(_strongest(group, order))
    merged.sort(key=lambda f: f.sort_key)
    return merged


def _strongest(group: list[Finding], order: dict[str, int]) -> Finding:
    if len(group) == 1:
        return group[0]
    ranked = sorted(group, key=lambda f: (-f.severity, f.start - f.end, -order.get(f.rule, 0)))
    best = ranked[0]
    also = tuple(dict.fromkeys(f.rule for f in ranked[1:] if f.rule != best.rule))
    start = min(f.start for f in group)
    end = max(f.end for f in group)
    if (start, end) == (best.start, best.end):
        return replace(best, merged=also)
    return best if not also else replace(best, merged=also)


"""Whole pages written for the checked-claims issue (its illustrations, not corpus records), through the
real rulebook: every line of the overclaiming page is a finding; the news report, the FAQ, the compliant clinic
page and the promotional page that makes no unsupported claim give none."""

from __future__ import annotations

from pathlib import Path

import pytest

PAGES = Path(__file__).parent / "pages"


def _claim_lines(text: str) -> set[int]:
    """Every non-blank line but the page's title (a heading of level 2 or more is copy)."""
    return {n for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("# ")}


def test_every_overclaim_of_the_written_page_is_found(lint) -> None:
    text = (PAGES / "overclaims.md").read_text(encoding="utf-8")
    found = {f.line for f in lint(text, "overclaims.md")}
    missed = sorted(_claim_lines(text) - found)
    assert not missed, [text.splitlines()[n - 1] for n in missed]


@pytest.mark.parametrize("name", ["news.md", "faq.md", "clinic.md", "promo.md"])
def test_reporting_refuting_and_compliant_pages_give_no_finding(lint, name: str) -> None:
    text = (PAGES / name).read_text(encoding="utf-8")
    assert [(f.line, f.rule, f.text) for f in lint(text, name)] == []


def test_a_hashtag_labels_a_post_and_claims_nothing(lint) -> None:
    assert lint("Book your ketamine consult today. #healing #recovery #cure", "post.txt") == []
    assert {f.rule for f in lint("Ketamine heals depression. #ketamine", "post.txt")} == {"FL401"}


def test_side_effects_are_not_the_outcome_of_a_success_rate(lint) -> None:
    findings = lint("Ketamine: zero side effects, zero downtime, 100% results.", "post.txt")
    assert [(f.rule, f.text) for f in findings] == [("FL501", "zero side effects")]


def test_an_investigational_drug_is_the_subject_of_its_claims_not_the_drug_it_is_compared_with(lint) -> None:
    findings = lint("L-655,708 is a proven antidepressant that avoids ketamine's side effects.")
    assert findings and all("L-655,708" in f.message and f.category in ("experimental", "animal-to-human")
                            for f in findings), findings


def test_a_claim_about_coordinated_drugs_is_checked_for_each(lint) -> None:
    [finding] = lint("Ketamine and esketamine are FDA-approved for depression.")
    assert {finding.rule, *finding.merged} == {"FL101", "FL105"}
    assert lint("Spravato, unlike ketamine, is approved for treatment-resistant depression.") == []


def test_a_yes_answering_a_question_asserts_the_question_s_claim(lint) -> None:
    """FAQ copy: "## Is ketamine safe?" then "Yes, provided ..." claims that ketamine is safe; the finding stands
    at the "Yes". A "No" answer, or a question without an answer, claims nothing."""
    text = (PAGES / "faq-answers.md").read_text(encoding="utf-8")
    found = sorted((f.line, f.column, f.rule) for f in lint(text, "faq-answers.md"))
    # the answer's own claims count too ("Yes, and ketamine cures depression.")
    assert found == [(5, 1, "FL501"), (11, 32, "FL206"), (15, 1, "FL401"), (23, 1, "FL501"), (23, 19, "FL401")]


def test_a_list_that_completes_a_claim_is_reported_at_each_item_it_gets_wrong(lint) -> None:
    """A heading or a "...:" sentence that claims treatment, and the conditions its list items name: each item
    is judged on its own and reported on its own line (the line a reviewer marks). An item the facts support
    passes; a hedged intro hedges the whole list; a list under an intro that claims nothing claims nothing; an
    item that is a labelled sentence or says something of its own (a drug, a risk) is not part of the claim."""
    text = (PAGES / "lists.md").read_text(encoding="utf-8")
    found = sorted((f.line, f.rule, f.text) for f in lint(text, "lists.md") if f.category == "indication")
    assert found == [(6, "FL203", "PTSD and trauma"), (7, "FL203", "anxiety"),
                     (22, "FL203", "Obsessive-compulsive disorder")]
    # a heading that asks who may get the drug is answered by its list: the item that widens who may
    text = (PAGES / "eligibility-list.md").read_text(encoding="utf-8")
    assert [(f.line, f.category, f.text) for f in lint(text, "eligibility-list.md")] == [(6, "eligibility", "Teens 14")]


def test_for_in_short_copy_offers_the_drug_only_after_the_drug_or_a_treatment(lint) -> None:
    page = "# Ketamine at Harbor Mind\n\n- {}\n"
    for offered in ("Ketamine for PTSD", "Relief for anxiety", "For PTSD and OCD", "Spravato is great for anxiety"):
        assert [f.category for f in lint(page.format(offered), "page.md")] == ["indication"], offered
    for other in ("Bring your medications, including anything for anxiety", "Support groups for PTSD"):
        assert lint(page.format(other), "page.md") == [], other


def test_first_person_inside_an_attributed_quote_is_the_speaker_s_not_the_copy_s(lint) -> None:
    """News quoting a clinic: the "our" inside the quotes is the owner's, so the claim stays reported. An ad
    that quotes its own director ("our medical director") adopts the quote."""
    assert lint("“Our ketamine infusions treat PTSD and anxiety,” the clinic’s owner said.") == []
    assert lint("The clinic's owner said: \"our infusions treat PTSD\", pointing to its website.") == []
    adopted = lint("“Ketamine infusions treat PTSD and anxiety,” says Dr. Lee, our medical director.")
    assert [f.category for f in adopted] == ["indication"]


def test_an_offer_of_the_drug_for_a_condition_claims_it_treats_the_condition(lint) -> None:
    for offer in ("Now offering Spravato for generalized anxiety disorder.", "Available now: IV ketamine for PTSD."):
        assert [f.category for f in lint(offer)] == ["indication"], offer
    for other in ("Clinics like the one she visited have multiplied, offering ketamine for anxiety and pain.",
                  "Ketamine for depression: what the research says so far.",
                  "Some telehealth companies advertise at-home ketamine for anxiety, though it is not approved."):
        assert lint(other) == [], other


def test_a_no_answering_a_question_about_a_risk_denies_the_risk(lint) -> None:
    """"Is ketamine addictive?" then "Not when it is prescribed" claims ketamine is not addictive, reported at
    the answer. An answer that keeps the risk, a "No" to a question that itself claims safety, "No one ..."
    and a "No" to a question about something else claim nothing."""
    text = (PAGES / "faq-no-answers.md").read_text(encoding="utf-8")
    found = sorted((f.line, f.column, f.rule) for f in lint(text, "faq-no-answers.md"))
    assert found == [(5, 1, "FL502"), (11, 39, "FL501")]


def test_what_we_treat_on_a_page_about_a_drug_is_treated_with_that_drug(lint) -> None:
    found = lint("# Ketamine infusions\n\nWe treat depression, anxiety and PTSD.\n", "page.md")
    assert [(f.rule, f.line) for f in found] == [("FL203", 3)]
    assert lint("# Harbor Mind Clinic\n\nWe treat depression, anxiety and PTSD.\n", "page.md") == []
    # the page's own name, from its title, speaks as "we"
    found = lint("# Tidewell: Ketamine Therapy, Delivered\n\nTidewell treats depression, anxiety and PTSD.\n")
    assert [(f.rule, f.line) for f in found] == [("FL203", 3)]
    assert lint("# Tidewell: Ketamine Therapy, Delivered\n\nThe Tidewell app treats you to a calm playlist.\n") == []


def test_animal_research_said_once_covers_the_rest_of_its_paragraph(lint) -> None:
    """News about a rodent study says "in rats" once; the paragraph's later sentences report the same research.
    The next paragraph, which says nothing of animals, is the copy's own."""
    reported = ("Using rodent models, the team studied depression-like behaviour. The next part of the research "
                "revealed that burst activity in the lateral habenula depended on NMDA receptors, and that "
                "ketamine regrew synapses within hours.")
    assert lint(f"# Ketamine research\n\n{reported}\n", "news.md") == []
    own = "Ketamine regrows synapses in the lateral habenula."
    found = lint(f"# Ketamine research\n\n{reported}\n\n{own}\n", "news.md")
    assert {f.line for f in found} == {5} and {f.category for f in found} == {"animal-to-human"}


@pytest.mark.parametrize("sentence", [
    "Our ketamine clinic has been open for years.",  # lasting, but no benefit lasts
    "For years, the treatment of depression has focused on general symptoms.",  # the past, set apart
    "This restoration of synaptic function by ketamine is thought to be the key.",  # a hedge on its subject
    "RR-HNK is a promising candidate for treating TRD.",  # hedged research on an investigational drug
    "2. Lucantonio, F., Roeglin, J., Li, S. (2025). Ketamine rescues anhedonia in the nucleus accumbens. Neuron.",
])
def test_wording_that_looks_like_a_claim_but_makes_none(lint, sentence: str) -> None:
    assert lint(sentence) == [], sentence


@pytest.mark.parametrize(("sentence", "rule"), [
    ("Ketamine relief can persist for months.", "FL414"),
    ("Ketamine cures depression and is thought to ease PTSD.", "FL401"),  # the hedge stops at "and"
    ("RR-HNK treats TRD.", "FL602"),
    ("The NIH trial proved RR-HNK is safe and effective for depression.", "FL704"),  # a trial named, adopted
])
def test_the_same_wording_as_a_claim(lint, sentence: str, rule: str) -> None:
    assert rule in {f.rule for f in lint(sentence)}, sentence


def test_a_question_that_names_too_few_trials_then_qualify_is_an_eligibility_claim(lint) -> None:
    """"Tried just one antidepressant? You may already qualify." claims across two sentences (or a heading and
    its paragraph); two antidepressants, or "you do not qualify", claim nothing."""
    text = (PAGES / "qualify-after-question.md").read_text(encoding="utf-8")
    found = [(f.line, f.rule, f.text) for f in lint(text, "qualify-after-question.md")]
    assert found == [(3, "FL301", "qualify"), (7, "FL301", "qualify")]


def test_a_page_titled_with_animal_research_reports_it_until_a_sentence_speaks_of_people(lint) -> None:
    page = ("# Ketamine flips a pleasure switch in stressed mice\n\n"
            "The researchers focused on the nucleus accumbens, the brain's reward hub.\n\n"
            "The finding means ketamine repairs the reward circuits of people with depression.\n")
    assert [f.line for f in lint(page, "news.md")] == [5]


@pytest.mark.parametrize(("text", "category"), [
    ("Spravato for PTSD: ask our team whether you qualify.", "indication"),
    ("Can my 15-year-old get Spravato? Yes, as long as a parent stays in the room.", "eligibility"),
    ("“Ketamine is the only thing that ever worked, and it will work for you too.”", "unsupported-claim"),
    ("Ask your provider whether L-655,708 is right for you.", "experimental"),
])
def test_claims_found_in_the_fifth_independent_set(lint, text: str, category: str) -> None:
    assert category in {f.category for f in lint(text)}, text


@pytest.mark.parametrize("text", [
    "Ketamine is approved only as an anesthetic; esketamine (Spravato) is approved for specific forms of depression.",
    "Other labs are chasing ketamine-like drugs without the dissociation.",
    "You may have read that L-655,708 “works like ketamine without the side effects.” That comes from rat studies.",
])
def test_passes_found_in_the_fifth_independent_set(lint, text: str) -> None:
    assert lint(text) == [], text


def test_relief_offered_on_a_page_about_a_drug_is_that_drug_s(lint) -> None:
    found = lint("# At-home ketamine therapy\n\nDepression, anxiety and PTSD relief, without leaving your couch.\n")
    assert "indication" in {f.category for f in found}


def test_a_press_release_speaks_for_its_issuer_even_in_quotes(lint) -> None:
    quote = '"L-655,708 relieves depression without side effects," said the clinic\'s medical director.'
    found = lint(f"# NovaMind launches a new program\n\n**FOR IMMEDIATE RELEASE**\n\n{quote}\n", "release.md")
    assert {(f.line, f.category) for f in found} >= {(5, "experimental")}, found
    assert lint(f"# A reporter's notebook\n\n{quote}\n", "news.md") == []


def test_a_drug_s_relative_is_the_compound_the_page_is_about(lint) -> None:
    """"Ketamine's cousin eases depression": the claim is about the relative the page is about (the drug it names
    most once the headline's "Ketamine's" is set aside: RR-HNK here), not ketamine."""
    page = ("# Ketamine's Cousin Eases Depression Without the Trip\n\n"
            "RR-HNK, a compound the body makes from ketamine, is in early human testing.\n\n"
            "RR-HNK is not approved, and RR-HNK is not sold anywhere.\n")
    assert [(f.line, f.category) for f in lint(page, "news.md")] == [(1, "experimental")]

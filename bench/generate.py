#!/usr/bin/env python3
"""Seeded generator of a realistic health-marketing content repository, for benchmarking factlint.

    python bench/generate.py OUT_DIR --size 10MB [--seed 20240611]
    python bench/generate.py --rules-x10 RULES_DIR [--seed 20240611]

The corpus is a tree of Markdown pages (YAML front matter, headings, paragraphs, bullet and numbered
lists, links, tables, fenced code, block quotes), about 10% HTML pages and 5% plain-text files,
2-20 KB each. The prose mixes generic wellness filler, accurate and hedged sentences about
esketamine/ketamine, and a sprinkling of overclaims (cure claims, "FDA-approved ketamine",
Spravato for PTSD, "no side effects", at-home use, one-session promises, RR-HNK "available"), some
misspelt or obfuscated ("c-u-r-e-s", zero-width characters, soft hyphens).

Output depends only on the seed and the size: file i is drawn from its own Random seeded with
(seed, i), so a larger corpus starts with the same files as a smaller one. Stdlib only.

`--rules-x10` writes a rulebook that, loaded together with the default one (`--rules DIR`), makes it
ten times larger: extra rules whose phrases and subjects are built from a generated vocabulary,
valid against docs/rulebook.md, each citing an existing fact id.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

DEFAULT_SEED = 20240611
GENERATOR_VERSION = 1  # bump when the output for a seed changes (invalidates bench/corpus caches)

# ------------------------------------------------------------------------------------------------
# vocabulary
# ------------------------------------------------------------------------------------------------

ACTORS = [
    "Regular exercise", "A balanced diet", "Mindfulness practice", "Good sleep hygiene", "Staying hydrated",
    "Spending time outdoors", "Journaling", "Social connection", "Gentle yoga", "Slow breathing exercises",
    "Cognitive behavioural therapy", "Talk therapy", "A consistent morning routine", "Limiting alcohol",
    "A short daily walk", "Strength training", "Reducing screen time before bed", "Eating more fibre",
    "Volunteering", "Peer support groups", "Light therapy", "Meditation", "Tai chi", "Gardening",
    "Cutting back on caffeine", "Regular check-ups", "A food diary", "Stretching", "Group fitness classes",
    "Keeping a gratitude list", "Structured problem solving", "Music", "Time with pets", "Cold showers",
    "Interpersonal therapy", "Behavioural activation", "Sunlight in the morning", "A regular bedtime",
]
VERBS = [
    "can support", "is linked to", "may improve", "helps many people manage", "plays a role in",
    "contributes to", "is often recommended for", "can make a real difference to", "is associated with better",
    "has been studied as a way to support", "can gradually strengthen", "tends to stabilise",
    "is one of the simplest ways to protect", "may gently lift", "supports", "can help you track",
]
OBJECTS = [
    "your mood", "energy levels", "long-term heart health", "stress resilience", "sleep quality",
    "concentration", "digestion", "blood pressure", "emotional balance", "focus at work", "immune function",
    "recovery after illness", "self-esteem", "motivation", "everyday wellbeing", "a sense of purpose",
    "healthy weight", "bone density", "metabolic health", "relationships with family", "appetite",
    "the quality of your rest", "your outlook on the week ahead", "coping skills", "muscle tone",
]
MODIFIERS = [
    "over time", "for most adults", "according to several studies", "when combined with professional care",
    "in the long run", "for people of all ages", "even in small doses", "within a few weeks",
    "if you stay consistent", "especially during winter", "as part of a wider plan", "for many of our clients",
    "when practised daily", "without expensive equipment", "at any fitness level", "in busy seasons of life",
]
ADVICE = [
    "talk to your primary care provider", "write down how you feel each day", "start with ten minutes a day",
    "ask a friend to join you", "set a realistic goal for the week", "keep a water bottle nearby",
    "book a check-up", "try a different time of day", "be patient with yourself", "make a simple plan",
    "reach out to a licensed therapist", "check the label before you buy", "keep your phone out of the bedroom",
    "prepare meals in advance", "schedule short breaks", "call a crisis line if you feel unsafe",
]
CONDITIONS = [
    "feel tired most afternoons", "struggle to fall asleep", "notice your mood dipping in winter",
    "find it hard to concentrate", "feel overwhelmed at work", "have trouble sticking to a routine",
    "are caring for a relative", "are recovering from an injury", "have recently moved house",
    "feel anxious before appointments", "skip breakfast", "work night shifts",
]
TOPICS = [
    "sleep", "nutrition", "stress", "hydration", "movement", "mental health", "burnout", "seasonal mood changes",
    "mindfulness", "heart health", "gut health", "resilience", "work-life balance", "self-care", "recovery",
]
CLINICS = [
    "Riverside Wellness Center", "Northgate Mind & Body", "Harbor Light Clinic", "Cedar Grove Health",
    "Lakeside Psychiatry", "Summit Behavioral Health", "Bright Path Wellness", "Oak Valley Medical",
    "Blue Ridge Mental Health", "Meadowbrook Clinic", "Clearwater Psychiatric Associates", "Evergreen Care",
]
CITIES = [
    "Austin", "Denver", "Portland", "Boise", "Tampa", "Raleigh", "Madison", "Tucson", "Omaha", "Richmond",
    "Spokane", "Savannah", "Albany", "Fresno", "Dayton", "Reno", "Eugene", "Provo", "Akron", "Tulsa",
]
FIRST = ["Maria", "James", "Aisha", "Daniel", "Priya", "Tom", "Elena", "Marcus", "Sofia", "Kenji", "Grace",
         "Omar", "Lucy", "Diego", "Hannah", "Noah", "Zoe", "Ravi", "Ingrid", "Samuel"]
LAST = ["Nguyen", "Smith", "Okafor", "Garcia", "Patel", "Kowalski", "Müller", "Johnson", "Haddad", "Larsen",
        "Brown", "Costa", "O'Neill", "Tanaka", "Rossi", "Walker", "Dubois", "Kim", "Novak", "Reyes"]
SYLLABLES = ["ba", "cor", "da", "ven", "li", "tra", "mo", "zen", "ka", "ri", "sol", "nu", "vi", "fle", "xa",
             "ter", "qui", "lo", "mar", "en", "sy", "ra", "tel", "do", "pha", "ne", "gro", "ul", "bri", "ost"]
TAGS = ["wellness", "mental-health", "depression", "sleep", "nutrition", "clinic-news", "esketamine",
        "ketamine", "research", "patient-stories", "faq", "self-care", "stress", "mindfulness"]

ESK = ["esketamine", "Esketamine", "Spravato", "Spravato®", "esketamine nasal spray", "Spravato (esketamine)"]
KET = ["ketamine", "Ketamine", "IV ketamine", "ketamine therapy", "ketamine infusion therapy", "Ketamine"]

# Accurate, hedged or negated sentences: factlint should stay silent (or nearly) on these.
COMPLIANT = [
    "{Esk} nasal spray was approved by the FDA in 2019 for treatment-resistant depression.",
    "{Esk} is given under the supervision of a healthcare professional in a certified medical office.",
    "You will stay at the clinic for at least two hours after each dose of {esk} so we can monitor you.",
    "{Ket} is used off-label for depression; it is approved by the FDA as an anesthetic.",
    "{Ket} is not a cure for depression.",
    "There is no evidence that {esk} cures depression.",
    "RR-HNK is an investigational compound that has only completed early safety trials.",
    "RR-HNK is not available outside clinical trials.",
    "{Esk} may help reduce symptoms of treatment-resistant depression.",
    "Treatment with {esk} consists of twelve sessions over two months, followed by maintenance.",
    "Like all medicines, {esk} has side effects, including sedation and dissociation.",
    "{Esk} carries a boxed warning for sedation, dissociation, abuse and misuse, and suicidal thoughts.",
    "{Esk} is not for everyone; ask your healthcare provider whether it is right for you.",
    "{Esk} hasn't received FDA approval for PTSD or anxiety.",
    "Researchers are studying whether {ket} could help with PTSD.",
    "{Esk} is reserved for adults who have tried at least two antidepressants without enough relief.",
    "{Esk} is taken together with an oral antidepressant.",
    "Results vary from patient to patient, and no treatment works for everyone.",
    "Early research suggests {ket} may act on glutamate signalling, but the mechanisms are not fully understood.",
    "It must be administered under the supervision of a healthcare professional in a certified medical office.",
    "You cannot take {esk} home; every dose is given at the clinic.",
    "One session is not enough for lasting results.",
    "{Esk} is not a first-line treatment for depression.",
    "Ask about the risks of treatment before you start.",
    "Some claims that {ket} has no side effects are simply untrue.",
    "Be wary of any clinic that promises guaranteed results.",
    "Scientists are exploring whether hydroxynorketamine could one day be useful, but it is still investigational.",
    "Do not drive or operate machinery until the day after your {esk} session.",
    "Blood pressure is checked before and after each dose.",
    "Our secure patient portal lets you procure copies of your {ket} records.",
]

# Overclaims: every one of these should be flagged by some rule of the default rulebook.
OVERCLAIMS = [
    "{Ket} cures depression.",
    "{Esk} {cures} depression for good.",
    "Our {ket} infusions are FDA-approved for depression.",
    "{Ket} is FDA {approved} to treat {depression}.",
    "{Esk} is approved to treat PTSD and anxiety.",
    "Our {esk} program treats anxiety fast.",
    "{Esk} has no side effects.",
    "{Ket} therapy is 100% safe and risk-free.",
    "Completely safe, with zero side effects.",
    "Use your {esk} spray at home, no clinic visit needed.",
    "{Esk} delivered to your door by mail.",
    "Feel better after just one session.",
    "One session is all you need.",
    "RR-HNK treatment is now available at our clinic.",
    "Book your RR-HNK appointment today: it is a proven antidepressant.",
    "Guaranteed results for 100% of patients.",
    "Our {ket} therapy works for everyone.",
    "{Esk} is a first-line treatment for anyone feeling down.",
    "A permanent cure for {depression} with {ket}.",
    "{Ket} c-u-r-e-s {depression} in days.",
]
MISSPELL = {
    "depression": ["depression", "depression", "depression", "depresion", "depressoin", "Depression"],
    "cures": ["cures", "cures", "cures", "c-u-r-e-s", "c.u.r.e.s", "CURES", "cu\u00adres", "cu\u200bres"],
    "approved": ["approved", "approved", "aproved", "approoved", "a-p-p-r-o-v-e-d"],
}
KET_TYPO = ["ketamine", "ketamine", "ketamne", "ketamin", "Ketamine", "k\u200betamine"]
ESK_TYPO = ["esketamine", "Spravato", "esketamin", "eskatamine", "Spravato", "esketamine"]

CODE_SNIPPETS = [
    ("yaml", "clinic:\n  name: {clinic}\n  city: {city}\n  services:\n    - esketamine\n    - therapy\n"
             "  note: \"ketamine cures depression\"  # quoted for the compliance test suite\n"),
    ("json", "{{\n  \"page\": \"{slug}\",\n  \"cta\": \"Book a consultation\",\n  \"tracking\": true\n}}\n"),
    ("bash", "curl -s https://api.example.org/v1/appointments?city={city} | jq '.slots[0]'\n"),
    ("python", "def bmi(weight_kg, height_m):\n    return weight_kg / height_m ** 2\n\nprint(bmi(70, 1.75))\n"),
    ("html", "<div class=\"banner\">Esketamine has no side effects!</div>\n"),
    ("", "npm run build && npm run deploy -- --site {slug}\n"),
]


# ------------------------------------------------------------------------------------------------
# text
# ------------------------------------------------------------------------------------------------

class Writer:
    """Sentence and block factory over one Random; all choices go through it (determinism)."""

    def __init__(
        self, rng: random.Random, overclaim_rate: float = 0.015, compliant_rate: float = 0.12,
        unique_tag: str | None = None,
    ) -> None:
        self.r = rng
        self.overclaim_rate = overclaim_rate
        self.compliant_rate = compliant_rate
        self.fancy = rng.random() < 0.35  # curly quotes, dashes, accented names
        self.claims = 0
        # With a tag, every sentence ends with a reference of its own ("(ref 000012-0034)"), drawn
        # from a counter, not the Random: the same corpus, but no two sentences alike.
        self.unique_tag = unique_tag
        self.serial = 0

    # -- words ---------------------------------------------------------------------------------
    def pick(self, seq):
        return seq[int(self.r.random() * len(seq))]

    def coined(self) -> str:
        """A pseudo-word (brand, supplement, surname): the corpus vocabulary keeps growing with size."""
        n = 2 + int(self.r.random() * 2)
        return "".join(self.pick(SYLLABLES) for _ in range(n))

    def person(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def _fill(self, template: str) -> str:
        pick = self.pick
        return template.format(
            Esk=_cap(pick(ESK)),
            esk=pick(ESK_TYPO) if self.r.random() < 0.15 else pick(ESK),
            Ket=_cap(pick(KET_TYPO) if self.r.random() < 0.15 else pick(KET)),
            ket=pick(KET_TYPO) if self.r.random() < 0.15 else pick(KET).lower(),
            cures=pick(MISSPELL["cures"]),
            approved=pick(MISSPELL["approved"]),
            depression=pick(MISSPELL["depression"]),
        )

    # -- sentences -----------------------------------------------------------------------------
    def filler(self) -> str:
        r = self.r.random()
        pick = self.pick
        if r < 0.40:
            s = f"{pick(ACTORS)} {pick(VERBS)} {pick(OBJECTS)} {pick(MODIFIERS)}."
        elif r < 0.52:
            s = f"If you {pick(CONDITIONS)}, {pick(ADVICE)}."
        elif r < 0.62:
            s = f"Many people find that {pick(ACTORS).lower()} {pick(VERBS)} {pick(OBJECTS)}."
        elif r < 0.68:
            s = f"Have you ever wondered how {pick(TOPICS)} affects {pick(OBJECTS)}?"
        elif r < 0.75:
            s = (f"At {pick(CLINICS)} in {pick(CITIES)}, our team helps clients build habits around "
                 f"{pick(TOPICS)} and {pick(TOPICS)}.")
        elif r < 0.81:
            n = 10 + int(self.r.random() * 80)
            s = f"In a survey of {n * 10} adults, {n}% said {pick(ACTORS).lower()} {pick(VERBS)} {pick(OBJECTS)}."
        elif r < 0.86:
            brand = _cap(self.coined())
            s = (f"{brand} tea, a blend from a {pick(CITIES)} supplier, is popular with clients who care about "
                 f"{pick(TOPICS)}.")
        elif r < 0.90:
            s = f"\u201c{pick(ACTORS)} changed my week,\u201d says {self.person()}, a teacher from {pick(CITIES)}."
            if not self.fancy:
                s = s.replace("\u201c", '"').replace("\u201d", '"')
        elif r < 0.94:
            s = f"Remember: {pick(ADVICE)}, and {pick(ADVICE)}."
        else:
            s = f"Our secure portal makes it easy to {pick(ADVICE)} before your next visit."
        if self.fancy and self.r.random() < 0.1:
            s = s.replace(", ", " \u2014 ", 1).replace("'", "\u2019")
        return s

    def compliant(self) -> str:
        return self._fill(self.pick(COMPLIANT))

    def overclaim(self) -> str:
        self.claims += 1
        return self._fill(self.pick(OVERCLAIMS))

    def sentence(self) -> str:
        x = self.r.random()
        if x < self.overclaim_rate:
            s = self.overclaim()
        elif x < self.overclaim_rate + self.compliant_rate:
            s = self.compliant()
        else:
            s = self.filler()
        if self.unique_tag is not None:
            self.serial += 1
            s = f"{s[:-1]} (ref {self.unique_tag}-{self.serial:04d}){s[-1]}"
        return s

    def paragraph(self, lo: int = 2, hi: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(lo + int(self.r.random() * (hi - lo + 1))))

    def phrase(self) -> str:
        """A heading or link text."""
        r = self.r.random()
        pick = self.pick
        if r < 0.15:
            return f"What to expect from {_cap(pick(ESK))} treatment"
        if r < 0.25:
            return f"{_cap(pick(KET))}: facts and myths"
        if r < 0.3:
            return pick(["Ketamine cures depression", "Spravato at home", "RR-HNK now available",
                         "One session is all you need"])
        return pick([f"{_cap(pick(TOPICS))} basics", f"How {pick(TOPICS)} shapes {pick(OBJECTS)}",
                     f"Five tips for better {pick(TOPICS)}", f"Visiting {pick(CLINICS)}",
                     f"Questions about {pick(TOPICS)}", f"Our approach to {pick(TOPICS)}",
                     f"{_cap(pick(OBJECTS))} and {pick(TOPICS)}"])

    def link(self) -> tuple[str, str]:
        text = self.pick(["our FAQ", "the full guide", "book a consultation", "this study", "the label",
                          "patient stories", self.pick(TOPICS), self.pick(CLINICS)])
        slug = re.sub(r"[^a-z0-9]+", "-", self.phrase().lower()).strip("-")
        host = self.pick(["https://example.org", "https://clinic.example.com", "https://www.example.net", ""])
        return text, f"{host}/{slug}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# ------------------------------------------------------------------------------------------------
# documents
# ------------------------------------------------------------------------------------------------

def markdown_page(w: Writer, target: int, index: int) -> str:
    r = w.r
    title = w.phrase()
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    tags = sorted({w.pick(TAGS) for _ in range(1 + int(r.random() * 4))})
    out = [
        "---",
        f"title: \"{title}\"",
        f"date: 20{18 + int(r.random() * 7)}-{1 + int(r.random() * 12):02d}-{1 + int(r.random() * 28):02d}",
        f"author: {w.person()}",
        f"slug: {slug}-{index}",
        f"tags: [{', '.join(tags)}]",
        f"description: \"{w.filler()}\"",
        f"draft: {'true' if r.random() < 0.1 else 'false'}",
        "---",
        "",
        f"# {title}",
        "",
        w.paragraph(3, 6),
        "",
    ]
    size = sum(len(x) + 1 for x in out)
    while size < target:
        x = r.random()
        block: list[str]
        if x < 0.12:
            block = [f"{w.pick(['##', '##', '###'])} {w.phrase()}"]
        elif x < 0.50:
            p = w.paragraph()
            if r.random() < 0.3:
                text, url = w.link()
                p += f" See [{text}]({url}) for details."
            if r.random() < 0.15:
                p = p.replace(". ", ". **Important:** ", 1)
            if r.random() < 0.1:
                p += f" Run `factlint check` on drafts or call `{w.coined()}()`."
            if r.random() < 0.3:  # hard-wrapped source, as many editors save it
                p = _wrap(p, 80 + int(r.random() * 40))
            block = [p]
        elif x < 0.66:
            bullet = w.pick(["-", "*", "1."])
            block = [w.paragraph(1, 1)] + [""] if r.random() < 0.5 else []
            for i in range(3 + int(r.random() * 5)):
                item = w.sentence()
                if r.random() < 0.25:
                    item = f"**{w.pick(TOPICS).title()}:** {item}"
                mark = f"{i + 1}." if bullet == "1." else bullet
                block.append(f"{mark} {item}")
        elif x < 0.74:
            block = _table(w)
        elif x < 0.81:
            lang, code = w.pick(CODE_SNIPPETS)
            code = code.format(clinic=w.pick(CLINICS), city=w.pick(CITIES), slug=slug)
            block = [f"```{lang}", code.rstrip("\n"), "```"]
        elif x < 0.88:
            block = [f"> {w.sentence()}", ">", f"> {w.sentence()} \u2014 {w.person()}"
                     if w.fancy else f"> {w.sentence()} -- {w.person()}"]
        elif x < 0.92:
            text, url = w.link()
            block = [f"![{w.pick(TOPICS)} illustration](/images/{w.coined()}.jpg)", "",
                     f"*Photo: {w.person()}.* Read more in [{text}]({url})."]
        elif x < 0.95:
            block = ["<!-- TODO: legal review; ketamine cures depression? check claim -->", "",
                     f"<div class=\"callout\">{w.sentence()}</div>"]
        else:
            block = ["---", "", w.paragraph(1, 2)]
        out.extend(block)
        out.append("")
        size += sum(len(b) + 1 for b in block) + 1
    return "\n".join(out)


def _wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _table(w: Writer) -> list[str]:
    r = w.r
    rows = [
        "| Treatment | Sessions | Notes |",
        "|---|:---:|---|",
    ]
    for _ in range(2 + int(r.random() * 4)):
        what = w.pick([_cap(w.pick(ESK)), _cap(w.pick(KET)), "Talk therapy", "Exercise plan", "Sleep coaching"])
        sessions = w.pick(["12 over 8 weeks", "weekly", "as needed", "1", "6-8", "ongoing"])
        note = w.sentence() if r.random() < 0.7 else w.pick(TOPICS)
        rows.append(f"| {what} | {sessions} | {note.replace('|', '/')} |")
    return rows


def html_page(w: Writer, target: int, index: int) -> str:
    r = w.r
    title = w.phrase()
    ent = w.pick(["&amp;", "&rsquo;", "&nbsp;", "&mdash;", "&#8217;"])
    out = [
        "<!DOCTYPE html>",
        "<html lang=\"en\">",
        "<head>",
        "  <meta charset=\"utf-8\">",
        f"  <title>{_esc(title)} | {w.pick(CLINICS)}</title>",
        f"  <meta name=\"description\" content=\"{_esc(w.filler())}\">",
        "  <style>body { font-family: sans-serif; } .cta { color: #0a5; }</style>",
        "  <script>window.dataLayer = window.dataLayer || []; /* ketamine cures depression */</script>",
        "</head>",
        "<body>",
        "<nav><a href=\"/\">Home</a> <a href=\"/services\">Services</a> <a href=\"/contact\">Contact</a></nav>",
        "<main><article>",
        f"<h1>{_esc(title)}</h1>",
    ]
    size = sum(len(x) + 1 for x in out)
    while size < target:
        x = r.random()
        if x < 0.12:
            block = [f"<h2>{_esc(w.phrase())}</h2>"]
        elif x < 0.55:
            p = _esc(w.paragraph())
            if r.random() < 0.3:
                text, url = w.link()
                p += f" <a href=\"{url}\">{_esc(text)}</a> {ent} more."
            if r.random() < 0.2:
                p = p.replace(". ", ". <strong>Note:</strong> ", 1)
            block = [f"<p>{p}</p>"]
        elif x < 0.72:
            block = ["<ul>"] + [f"  <li>{_esc(w.sentence())}</li>" for _ in range(3 + int(r.random() * 4))] + ["</ul>"]
        elif x < 0.80:
            block = ["<table>", "  <tr><th>Option</th><th>Notes</th></tr>"] + [
                f"  <tr><td>{_esc(w.pick(TOPICS))}</td><td>{_esc(w.sentence())}</td></tr>"
                for _ in range(2 + int(r.random() * 3))] + ["</table>"]
        elif x < 0.86:
            block = [f"<blockquote><p>{_esc(w.sentence())}</p><footer>{_esc(w.person())}</footer></blockquote>"]
        elif x < 0.91:
            block = ["<pre><code>" + _esc("if (risk) { alert('no side effects'); }") + "</code></pre>"]
        else:
            block = [f"<div class=\"cta\"><p>{_esc(w.sentence())}</p><button>Book now</button></div>"]
        out.extend(block)
        size += sum(len(b) + 1 for b in block)
    out += ["</article></main>", f"<footer><p>&copy; 2024 {_esc(w.pick(CLINICS))}</p></footer>", "</body>",
            "</html>", ""]
    return "\n".join(out)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_page(w: Writer, target: int, index: int) -> str:
    out = [w.phrase().upper(), ""]
    size = len(out[0]) + 2
    while size < target:
        p = _wrap(w.paragraph(2, 7), 72) if w.r.random() < 0.6 else w.paragraph(2, 7)
        out += [p, ""]
        size += len(p) + 1
    return "\n".join(out)


SECTIONS = ["blog", "services", "locations", "faq", "news", "resources", "patients", "team"]


def document(seed: int, index: int, unique: bool = False) -> tuple[str, str]:
    """(relative path, content) of file `index`: independent of the corpus size."""
    rng = random.Random(f"{seed}:{index}")
    w = Writer(rng, unique_tag=f"{index:06d}" if unique else None)
    target = int(2000 + (rng.random() ** 1.6) * 18000)  # 2-20 KB, skewed small as real sites are
    kind = rng.random()
    section = SECTIONS[int(rng.random() * len(SECTIONS))]
    folder = f"{section}/{2018 + index % 7}" if section in ("blog", "news") else section
    if kind < 0.10:
        return f"site/{folder}/page-{index:06d}.html", html_page(w, target, index)
    if kind < 0.15:
        return f"notes/{section}/note-{index:06d}.txt", text_page(w, target, index)
    return f"content/{folder}/post-{index:06d}.md", markdown_page(w, target, index)


def parse_size(text: str) -> int:
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMG]?)B?\s*", text.upper())
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {text!r} (use e.g. 1MB, 10MB, 100MB, 500KB)")
    return int(float(m.group(1)) * {"": 1, "K": 10**3, "M": 10**6, "G": 10**9}[m.group(2)])


def generate(out: Path, size: int, seed: int = DEFAULT_SEED, unique: bool = False) -> tuple[int, int]:
    """Write files into `out` until their total reaches `size` bytes. Returns (files, bytes).

    `unique`: every sentence carries a reference of its own, so no sentence or paragraph repeats
    (measures factlint without the benefit of repeated text)."""
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    index = 0
    made: set[str] = set()
    while total < size:
        rel, content = document(seed, index, unique)
        data = content.encode("utf-8")
        path = out / rel
        parent = str(path.parent)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(path, "wb") as fh:
            fh.write(data)
        total += len(data)
        index += 1
    return index, total


def small_draft(seed: int = DEFAULT_SEED) -> str:
    """A ~2 KB Markdown draft, the pre-commit case."""
    w = Writer(random.Random(f"{seed}:draft"), overclaim_rate=0.08)
    return markdown_page(w, 2000, 0)


# ------------------------------------------------------------------------------------------------
# the ten-times rulebook
# ------------------------------------------------------------------------------------------------

# Facts and cue lists of the default rulebook that the extra rules may cite.
_FACTS = ["mechanism-not-fully-understood", "esketamine-not-for-everyone", "spravato-boxed-warning",
          "ketamine-off-label", "esketamine-approved-uses-only", "rr-hnk-phase-1-only"]
_REAL = ["miracle", "detox", "reset", "instant", "breakthrough", "permanent", "reverse", "rewire", "unlock",
         "eliminate", "boost", "overnight", "doctor", "natural", "clinic", "brain", "energy", "relief", "mood",
         "formula", "secret", "protocol", "healing", "therapy", "neuron", "dopamine", "serotonin"]


def rulebook_x10(out: Path, seed: int = DEFAULT_SEED) -> int:
    """Write out/50-bench-x10.yaml: 9x the default rule count in extra rules (10x in total with it)."""
    try:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from factlint.rulebook import load_rulebook
        default = load_rulebook()
        n_default = len(default.rules)
        facts = [f for f in _FACTS if f in default.facts] or sorted(default.facts)[:1]
        cues = [c for c in ("negation", "hedge") if c in default.cues]
    except ImportError as exc:
        raise SystemExit(f"--rules-x10 needs factlint importable (run with the project's venv): {exc}") from exc
    extra = 9 * n_default
    rng = random.Random(f"{seed}:rules")
    w = Writer(rng)
    seen: set[str] = set()

    def word() -> str:
        while True:
            candidate = w.coined() + w.pick(["ol", "ex", "ine", "ium", "ara", "on", "yx"])
            if candidate not in seen and len(candidate) >= 5:
                seen.add(candidate)
                return candidate

    vocab = [word() for _ in range(400)]
    used = {c.prefix for c in default.categories.values()} if n_default else set()
    free = [f"FL{d}" for d in range(10) if f"FL{d}" not in used and not any(u.startswith(f"FL{d}") for u in used)]
    if len(free) * 100 < extra:
        raise SystemExit(f"not enough free rule ids for {extra} generated rules")
    blocks = [(f"bench-synthetic-{k}", prefix) for k, prefix in enumerate(free[: (extra + 99) // 100])]
    lines = [
        "# Generated by bench/generate.py --rules-x10: benchmark only, not a real rulebook.",
        f"# {extra} extra rules; with the default rulebook ({n_default} rules) the total is ten times larger.",
        "",
        "categories:",
    ]
    for cid, prefix in blocks:
        lines += [f"  - id: {cid}", f"    prefix: {prefix}", f"    title: Generated benchmark rules ({prefix})"]
    lines += [
        "",
        "subjects:",
    ]
    n_subjects = max(4, extra // 6)
    subjects = []
    for i in range(n_subjects):
        sid = f"bench-subject-{i:03d}"
        aliases = [vocab[(i * 3 + k) % len(vocab)] for k in range(2)]
        aliases.append(f"{vocab[(i * 7) % len(vocab)]} {w.pick(_REAL)}")
        subjects.append(sid)
        lines += [f"  - id: {sid}", f"    aliases: [{', '.join(aliases)}]"]
    lines += ["", "rules:"]
    for i in range(extra):
        category, prefix = blocks[i // 100]
        rid = f"{prefix}{i % 100:02d}"
        phrases = []
        for _ in range(4 + int(rng.random() * 4)):
            k = rng.random()
            if k < 0.5:  # two generated words
                phrases.append(f"{w.pick(vocab)} {w.pick(vocab)}")
            elif k < 0.85:  # a real marketing word and a generated one
                phrases.append(f"{w.pick(_REAL)} {w.pick(vocab)}")
            else:  # real words only: these do occur in copy, so the close examination runs too
                phrases.append(f"{w.pick(_REAL)} {w.pick(_REAL)}")
        phrases = list(dict.fromkeys(phrases))
        rule_subjects = []
        if rng.random() < 0.6:
            rule_subjects = [w.pick(subjects)]
        elif rng.random() < 0.5:
            rule_subjects = [w.pick(["ketamine", "esketamine"])]
        subj_name = rule_subjects[0] if rule_subjects else None
        alias = None
        if subj_name and subj_name.startswith("bench-subject-"):
            j = int(subj_name.rsplit("-", 1)[1])
            alias = vocab[(j * 3) % len(vocab)]
        elif subj_name:
            alias = subj_name
        flag = f"{_cap(alias) + ' is a ' if alias else 'This is a '}{phrases[0]} product."
        passing = f"{_cap(alias) + ' is' if alias else 'This is'} not a {phrases[0]} product."
        lines += [
            f"  - id: {rid}",
            f"    name: bench-rule-{i:03d}",
            f"    category: {category}",
            f"    severity: {w.pick(['error', 'warning', 'info'])}",
            f"    summary: Generated benchmark rule {i}",
        ]
        if rule_subjects:
            lines.append(f"    subjects: [{', '.join(rule_subjects)}]")
        lines += [
            f"    phrases: [{', '.join(phrases)}]",
        ]
        if cues:
            lines.append(f"    unless: [{', '.join(cues[: 1 + int(rng.random() * len(cues))])}]")
        lines += [
            f"    message: Generated benchmark message {i}.",
            f"    suggestion: Generated benchmark suggestion {i}.",
            f"    fact: {w.pick(facts)}",
            "    examples:",
            f"      flag: [\"{flag}\"]",
            f"      pass: [\"{passing}\"]",
        ]
    out.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + "\n"
    (out / "50-bench-x10.yaml").write_text(text, encoding="utf-8")
    return extra


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, help="target folder of the corpus")
    ap.add_argument("--size", type=parse_size, default=parse_size("10MB"), help="total size: 1MB, 10MB, 100MB...")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--rules-x10", type=Path, metavar="DIR", help="write the ten-times rulebook into DIR")
    ap.add_argument("--draft", type=Path, metavar="FILE", help="write one small (~2 KB) Markdown draft")
    ap.add_argument("--unique", action="store_true", help="no two sentences alike (each carries a reference)")
    args = ap.parse_args(argv)
    if not (args.out or args.rules_x10 or args.draft):
        ap.error("give an output folder, --rules-x10 DIR or --draft FILE")
    if args.rules_x10:
        n = rulebook_x10(args.rules_x10, args.seed)
        print(f"wrote {n} generated rules to {args.rules_x10}/50-bench-x10.yaml")
    if args.draft:
        args.draft.parent.mkdir(parents=True, exist_ok=True)
        args.draft.write_text(small_draft(args.seed), encoding="utf-8")
        print(f"wrote {args.draft}")
    if args.out:
        t = time.perf_counter()
        files, total = generate(args.out, args.size, args.seed, args.unique)
        dt = time.perf_counter() - t
        print(f"wrote {files} files, {total / 1e6:.1f} MB to {args.out} in {dt:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

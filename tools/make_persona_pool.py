"""Compose the built-in persona pool deterministically from the package's family, industry and country data.

Writes ``personas/pool.jsonl`` (the user-facing copy) and ``synthcomp_agents/personas/data/pool.jsonl`` (the copy
the package loads); both are byte-identical. Every persona is composed here (role by seniority, industry, a kind of
employer, city and country, years of experience, a current focus and a working-style trait) with one of several
sentence shapes; nothing is copied from any data set.

Usage:
    python tools/make_persona_pool.py            # write both copies
    python tools/make_persona_pool.py --check    # exit 1 if either copy differs from a fresh build
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from synthcomp_agents.personas import (  # noqa: E402
    COUNTRIES,
    INDUSTRIES,
    OCCUPATIONAL_FAMILIES,
    PROFESSIONAL_FAMILY_IDS,
    LifeStage,
    Seniority,
    parse_profile,
    persona_id_for,
    place_phrases,
    resolve_place,
)
from synthcomp_agents.personas._places import country_code  # noqa: E402

SEED = 20_260_430
PER_FAMILY = 40
OUTPUTS = (ROOT / "personas" / "pool.jsonl", ROOT / "synthcomp_agents" / "personas" / "data" / "pool.jsonl")

# Career mix of each family's 40 personas: more mid and senior people than interns and executives.
SENIORITY_MIX: tuple[tuple[Seniority, int], ...] = (
    ("intern", 3),
    ("junior", 6),
    ("mid", 9),
    ("senior", 8),
    ("lead", 4),
    ("manager", 5),
    ("director", 3),
    ("executive", 2),
)

YEARS: dict[Seniority, tuple[int, int]] = {
    "intern": (0, 0),
    "junior": (1, 3),
    "mid": (3, 8),
    "senior": (7, 16),
    "lead": (9, 18),
    "manager": (8, 20),
    "director": (13, 25),
    "executive": (17, 32),
}

# Industries whose kinds of employer do not fit a family's working life in one line of text.
POOL_INDUSTRY_EXCLUDE: dict[str, frozenset[str]] = {
    "nursing_care": frozenset({"public_sector", "nonprofit"}),
    "medicine": frozenset({"public_sector", "higher_education"}),
    "education_teaching": frozenset({"public_sector", "nonprofit"}),
    "academic_research": frozenset({"public_sector", "nonprofit"}),
    "civil_structural_engineering": frozenset({"public_sector", "logistics_transport"}),
    "architecture": frozenset({"public_sector", "hospitality_tourism", "professional_services"}),
    "energy_utilities": frozenset({"public_sector", "financial_services", "manufacturing", "construction"}),
    "nonprofit_grants": frozenset({"public_sector", "education", "healthcare"}),
    "public_policy_government": frozenset({"education", "healthcare", "energy_utilities", "logistics_transport"}),
    "pharma_regulatory": frozenset({"healthcare", "manufacturing"}),
    "manufacturing_quality": frozenset({"energy_utilities"}),
    "hospitality_events": frozenset({"real_estate"}),
    "insurance_actuarial": frozenset({"healthcare", "public_sector"}),
}

# Kinds of employer that fit a family's industry but not its work.
EMPLOYER_EXCLUDE: dict[str, frozenset[str]] = {
    "civil_structural_engineering": frozenset({"an energy trading house"}),
    "architecture": frozenset({"an energy trading house", "a tunnelling contractor"}),
    "education_teaching": frozenset({"a multi-academy trust"}),
}

# Small businesses are the persona's own: their employers are the business itself.
SMALL_BUSINESSES: tuple[tuple[str, str], ...] = (
    ("a two-person artisan bakery", "food_agriculture"),
    ("a family-run hardware store", "retail_ecommerce"),
    ("an online shop for handmade ceramics", "consumer_goods"),
    ("a one-person plumbing business", "construction"),
    ("a small flower shop", "retail_ecommerce"),
    ("a yarn and craft shop", "retail_ecommerce"),
    ("a bicycle repair workshop", "retail_ecommerce"),
    ("a home-based bookkeeping practice", "professional_services"),
    ("a small web design studio", "professional_services"),
    ("an organic vegetable farm", "food_agriculture"),
    ("a café with twelve tables", "hospitality_tourism"),
    ("a craft gin distillery", "consumer_goods"),
)

# Which of the small businesses above each small-business role plausibly works in (indices into SMALL_BUSINESSES).
_SHOPS = (0, 1, 4, 5, 6, 10)
_STUDIOS = (7, 8)
_TRADES = (2, 3, 6, 9, 11)
SMALL_BUSINESS_ROLES: dict[str, tuple[int, ...]] = {
    "apprentice": (0, 1, 3, 6, 11),
    "shop assistant": _SHOPS,
    "sales assistant": _SHOPS,
    "shop supervisor": _SHOPS,
    "store manager": _SHOPS,
    "freelance consultant": _STUDIOS,
    "experienced freelancer": _STUDIOS,
    "independent consultant": _STUDIOS,
    "self-employed tradesperson": _TRADES,
    "workshop foreman": _TRADES,
}

TRAITS: tuple[str, ...] = (
    "keeps meticulous dated folders",
    "saves everything to the desktop and tidies it up on Friday afternoons",
    "names every file with a date prefix and a version suffix",
    "lives out of the Downloads folder",
    "keeps a running to-do list in a plain text file",
    "colour-codes every spreadsheet",
    "archives finished projects into yearly folders",
    "keeps several 'final_v3' copies of important documents",
    "writes long, careful e-mails and files them by project",
    "prefers one big workbook with many tabs over many small files",
    "builds a template for every recurring report",
    "keeps meeting notes in one document per week",
    "shares almost everything through a team drive",
    "exports data from every system into spreadsheets to check it",
    "rarely deletes anything",
    "starts each month with a fresh planning document",
    "keeps a detailed decision log in a single document",
    "organises folders by client rather than by date",
    "takes screenshots of everything as evidence",
    "prints and annotates key documents, then scans them back in",
    "keeps a personal checklist for every recurring task",
    "writes short bullet-point status updates every Friday",
    "maintains a tidy reference folder of standards and templates",
    "tracks deadlines in a colour-coded calendar",
    "works in bursts and leaves half-finished drafts in many places",
    "renames downloaded attachments straight away",
    "keeps a folder of important e-mails saved as PDFs",
    "prefers slides to long documents",
    "double-checks every number against the source system",
    "documents every process in a short how-to note",
    "keeps a spreadsheet of contacts with notes on each conversation",
    "sorts files into deep, carefully named sub-folders",
    "keeps a flat folder per quarter and relies on search",
    "copies files to a USB stick before every big change",
)

_NUMBER_WORDS: tuple[str, ...] = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)


def number_word(n: int) -> str:
    """Spell ``n`` (0-99) in English words."""
    if n < 20:
        return _NUMBER_WORDS[n]
    tens = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")[n // 10]
    return tens if n % 10 == 0 else f"{tens}-{_NUMBER_WORDS[n % 10]}"


def article(phrase: str) -> str:
    """Return ``a`` or ``an`` for ``phrase``, handling acronyms (an HR ..., a UX ...)."""
    word = phrase.split()[0]
    core = word.split("-")[0]
    if core.isupper() and len(core) > 1:
        return "an" if core[0] in "AEFHILMNORSX" else "a"
    lower = word.lower()
    if lower.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    if lower.startswith(("hour", "honest")):
        return "an"
    return "an" if lower[0] in "aeiou" else "a"


def cap(text: str) -> str:
    """Capitalise the first letter only."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Parts:
    """The pieces one persona is composed from."""

    role: str
    seniority: Seniority
    employer: str
    industry: str
    city: str
    country: str
    years: int
    tenure: int
    focus: str
    trait: str

    @property
    def a_role(self) -> str:
        return f"{article(self.role)} {self.role}"

    @property
    def place(self) -> str:
        return self.city if self.city == self.country else f"{self.city}, {self.country}"

    @property
    def at(self) -> str:
        return "of" if self.role in ("owner-founder", "co-owner") else "at"

    @property
    def years_text(self) -> str:
        return "one year" if self.years == 1 else f"{self.years} years"

    @property
    def field(self) -> str:
        return INDUSTRIES[self.industry].label.lower().replace(" & ", " and ")


Template = Callable[[Parts], str]

TEMPLATES: tuple[Template, ...] = (
    lambda p: (
        f"{cap(p.a_role)} {p.at} {p.employer} in {p.place}, with {p.years_text} of experience, "
        f"currently {p.focus}; {p.trait}."
    ),
    lambda p: (
        f"{cap(number_word(p.years))} years into the job, {p.a_role} {p.at} {p.employer} in {p.place} "
        f"spends most weeks {p.focus}; {p.trait}."
    ),
    lambda p: (
        f"Based in {p.place}, {p.a_role} {p.at} {p.employer} ({p.years_text} in {p.field}) is {p.focus} and {p.trait}."
    ),
    lambda p: (
        f"{cap(p.a_role)} in {p.place}, who joined {p.employer} "
        f"{'last year' if p.tenure == 1 else number_word(p.tenure) + ' years ago'} and is now {p.focus}; {p.trait}."
    ),
    lambda p: (
        f"Working for {p.employer} in {p.place}, this {p.role} with {p.years_text} of experience "
        f"is {p.focus}; {p.trait}."
    ),
    lambda p: (
        f"{cap(p.a_role)} ({p.years_text} of experience) {p.at} {p.employer}, {p.place}. "
        f"Current focus: {p.focus}. Working style: {p.trait}."
    ),
    lambda p: (
        f"{cap(p.a_role)} {p.at} {p.employer} in {p.place}, who is {p.focus} after {p.years_text} "
        f"in {p.field}; {p.trait}."
    ),
    lambda p: (
        f"Meet {p.a_role} from {p.place}: {p.years_text} in {p.field}, now {p.at} {p.employer}, "
        f"{p.focus}, and someone who {p.trait}."
    ),
)

INTERN_TEMPLATES: tuple[Template, ...] = (
    lambda p: (
        f"{cap(p.a_role)} on a six-month placement {p.at} {p.employer} in {p.place}, supporting a team "
        f"that is {p.focus}; {p.trait}."
    ),
    lambda p: (
        f"In the final year of a degree, {p.a_role} {p.at} {p.employer} in {p.place} is helping colleagues "
        f"who are {p.focus}; {p.trait}."
    ),
    lambda p: (
        f"{cap(p.a_role)} in {p.place}, spending a summer {p.at} {p.employer} and assisting with {p.focus}; {p.trait}."
    ),
)


def _industries_for(family_id: str) -> list[str]:
    fam = OCCUPATIONAL_FAMILIES[family_id]
    excluded = POOL_INDUSTRY_EXCLUDE.get(family_id, frozenset())
    kept = [i for i in fam.industries if i not in excluded]
    # The family's first industries are the most typical: give them double weight.
    return kept + kept[:2]


def _compose(rng: random.Random, family_id: str, seniority: Seniority, focus: str) -> tuple[Parts, Template]:
    fam = OCCUPATIONAL_FAMILIES[family_id]
    role = rng.choice(fam.roles[seniority])
    if family_id == "small_business":
        allowed = SMALL_BUSINESS_ROLES.get(role, tuple(range(len(SMALL_BUSINESSES))))
        employer, industry = SMALL_BUSINESSES[rng.choice(allowed)]
    else:
        industry = rng.choice(_industries_for(family_id))
        excluded = EMPLOYER_EXCLUDE.get(family_id, frozenset())
        employer = rng.choice([e for e in INDUSTRIES[industry].employers if e not in excluded])
    country = COUNTRIES[rng.choice(sorted(COUNTRIES))]
    city = rng.choice(country.cities)
    low, high = YEARS[seniority]
    years = rng.randint(low, high)
    tenure = rng.randint(1, max(1, min(years, 12)))
    parts = Parts(role, seniority, employer, industry, city, country.name, years, tenure, focus, rng.choice(TRAITS))
    if seniority == "intern":
        return parts, rng.choice(INTERN_TEMPLATES)
    shapes = [t for i, t in enumerate(TEMPLATES) if not (i == 1 and years < 2)]
    return parts, rng.choice(shapes)


# Families added after the pool was fixed (parks and conservation, for rangers and wardens named by a persona): not
# composed. Composing one would (a) reshuffle ``sample_personas`` for every seed (it shuffles the family list), so
# every run and benchmark drawn from the pool would change persona, and (b) give rangers the employers of the
# family's industries (a tax authority, a ministry of transport, a food bank network), which are no ranger's. Outside
# personas reach the family through the classifier; add it here only with its own employers and a benchmark refresh.
_NOT_POOLED = frozenset({"parks_conservation"})


def build_pool() -> list[dict[str, Any]]:
    """Compose the pool: ``PER_FAMILY`` distinct personas for every occupational family.

    Returns:
        One record per persona with ``persona``, ``persona_id``, ``occupation``, ``family``, ``industry``,
        ``seniority``, ``country`` and ``city``.
    """
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for family_id in [
        f for f in PROFESSIONAL_FAMILY_IDS if f not in _NOT_POOLED
    ]:  # life families (students, retirees, ...) are not composed here
        rng = random.Random(f"{SEED}:{family_id}")
        fam = OCCUPATIONAL_FAMILIES[family_id]
        levels = [level for level, count in SENIORITY_MIX for _ in range(count)]
        focuses: list[str] = []
        while len(focuses) < len(levels):
            batch = list(fam.focuses)
            rng.shuffle(batch)
            focuses.extend(batch)
        for level, focus in zip(levels, focuses[: len(levels)], strict=True):
            for _attempt in range(50):
                parts, template = _compose(rng, family_id, level, focus)
                text = template(parts)
                pid = persona_id_for(text)
                if pid not in seen:
                    break
            else:  # pragma: no cover - the composition space is far larger than the pool
                raise RuntimeError(f"could not compose a new persona for {family_id}")
            seen.add(pid)
            # Composed facts first; the profile fields the composition does not fix are read from the text.
            parsed = parse_profile(text)  # what classify_persona reads, without its family vote (not needed here)
            place = resolve_place(text)
            record: dict[str, Any] = {
                "persona": text,
                "persona_id": pid,
                "occupation": parts.role,
                "family": family_id,
                "industry": parts.industry,
                "seniority": level,
                "country": parts.country,
                "city": parts.city,
                "role": parts.role,
                "life_stage": _life_stage(parts),
                "country_code": country_code(parts.country),
                "region": place.region,
                "org_type": parsed.org_type,
                "birth_year": parsed.birth_year,
                "key_nouns": list(place_phrases(parsed.key_nouns, text, place)),
            }
            records.append({k: v for k, v in record.items() if v is not None})
    return records


def _life_stage(parts: Parts) -> LifeStage:
    """The life stage the composition gives a persona: interns, owners and freelancers; everyone else employed."""
    if parts.seniority == "intern":
        return "intern"
    if "PhD" in parts.role or "student" in parts.role:
        return "student"
    if parts.role in ("owner-founder", "co-owner"):
        return "small_business_owner"
    if any(word in parts.role for word in ("freelance", "self-employed", "independent")):
        return "self_employed"
    return "employee"


def render_pool() -> bytes:
    """Return the pool as JSONL bytes (UTF-8, one object per line, ``\\n`` line ends)."""
    lines = [json.dumps(record, ensure_ascii=False) for record in build_pool()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` verify) both copies of the pool."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="verify both copies instead of writing them")
    args = parser.parse_args(argv)
    data = render_pool()
    count = data.count(b"\n")
    if args.check:
        stale = [str(p.relative_to(ROOT)) for p in OUTPUTS if not p.is_file() or p.read_bytes() != data]
        if stale:
            print(f"out of date: {', '.join(stale)} (run python tools/make_persona_pool.py)", file=sys.stderr)
            return 1
        print(f"pool up to date ({count} personas)")
        return 0
    for path in OUTPUTS:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {count} personas to {', '.join(str(p.relative_to(ROOT)) for p in OUTPUTS)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Places read as their country writes them: a postcode belongs to its town (a Lyon address never carries a Brittany
postcode; a ZIP code is its town's, in its state) or is left out; a US state is named in full where people write it
in prose; a school's classes are the country's school years; a workbook's categories are kinds of its rows' things.
"""

from __future__ import annotations

import random
import re

import pytest
from generator_cache import file_text, generated
from hypothesis import given, settings
from hypothesis import strategies as st

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.computers._content import ProjectDomain
from synthcomp_agents.computers._locale import locale_for, postcode_of
from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES

# the postal services' first digits of each town (a town is where its postcode says it is)
_PREFIX = {
    ("FR", "Lyon"): "6900",
    ("FR", "Paris"): "750",
    ("FR", "Rennes"): "35",
    ("DE", "Berlin"): "1",
    ("DE", "München"): "8",
    ("ES", "Madrid"): "280",
    ("IT", "Milano"): "201",
    ("NL", "Amsterdam"): "1",
    ("AU", "Melbourne"): "3",
    ("AU", "Sydney"): "2",
    ("GB", "Leeds"): "LS",
    ("GB", "Glasgow"): "G",
}


@pytest.mark.parametrize(("country", "town"), sorted(_PREFIX))
@pytest.mark.parametrize("seed", range(8))
def test_a_home_address_carries_its_towns_own_postcode(country: str, town: str, seed: int) -> None:
    text = locale_for(country).home_address(random.Random(seed), town, one_line=True)
    assert town in text
    prefix = _PREFIX[(country, town)]
    assert re.search(rf"(?<![\w]){re.escape(prefix)}", text), text
    if country == "AU":  # an Australian address writes its state before the postcode
        assert re.search(rf"{town} (VIC|NSW) \d{{4}}$", text), text


@pytest.mark.parametrize("country", ["FR", "DE", "ES", "IT", "NL", "AU", "GB"])
def test_a_town_the_table_does_not_know_gets_no_postcode_rather_than_a_wrong_one(country: str) -> None:
    text = locale_for(country).home_address(random.Random(4), "Nowhereville", one_line=True)
    assert "Nowhereville" in text
    assert not re.search(r"\b\d{4,5}\b|\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b", text.split("Nowhereville")[-1]), text


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), country=st.sampled_from(["FR", "DE", "ES", "IT", "NL", "AU", "GB"]))
def test_any_drawn_address_pairs_a_known_town_with_its_postcode(seed: int, country: str) -> None:
    """Another party's address (a supplier's, a shop's) names a town whose postcode the table gives."""
    text = locale_for(country).address(random.Random(seed), one_line=True)
    parts = [p.strip() for p in text.split(",")]
    if country == "GB":  # "..., Leeds, LS6 2AB": the outward code is one of the town's
        town, code = parts[-2], parts[-1]
        assert code.split()[0] in _outward(town), text
        return
    if country == "AU":  # "..., Melbourne VIC 3042"
        m = re.match(r"^(.+) ([A-Z]{2,3}) (\d{4})$", parts[-1])
        assert m, text
        town, number = m.group(1), int(m.group(3))
    else:  # "..., 69003 Lyon", "..., 3511 AB Utrecht"
        m = re.match(r"^(\d{4,5})(?: [A-Z]{2})? (.+)$", parts[-1])
        assert m, text
        town, number = m.group(2), int(m.group(1))
    ranges = _ranges(country, town)
    assert ranges and any(lo <= number <= hi for lo, hi in ranges), (text, ranges)


def _ranges(country: str, town: str) -> list[tuple[int, int]]:
    from synthcomp_agents.computers._locale import _postcode_table, _town_entry

    entry = _town_entry(_postcode_table()[country], town) or []
    out = []
    for r in entry:
        lo, _sep, hi = r.partition("-")
        if lo.isdigit():
            out.append((int(lo), int(hi or lo)))
    return out


def _outward(town: str) -> list[str]:
    from synthcomp_agents.computers._locale import _postcode_table, _town_entry

    return _town_entry(_postcode_table()["GB"], town) or []


@pytest.mark.parametrize("seed", range(10))
def test_a_us_address_has_its_towns_zip_in_its_own_state_or_none(seed: int) -> None:
    ohio = locale_for("US", region="Ohio")
    home = ohio.home_address(random.Random(seed), "Dayton", one_line=True)
    assert re.search(r"Dayton, OH 454\d\d$", home), home
    unknown = ohio.home_address(random.Random(seed), "Gambier", one_line=True)
    assert unknown.endswith("Gambier, OH"), unknown
    other = ohio.address(random.Random(seed), one_line=True)
    m = re.search(r", ([A-Za-z .]+), OH (\d{5})$", other)
    assert m, other
    assert postcode_of("US", m.group(1), random.Random(0), "OH") is not None
    assert 43000 <= int(m.group(2)) <= 45999  # Ohio's ZIP codes


# -- generated computers ------------------------------------------------------------------------------------------


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _texts(c: GeneratedComputer) -> dict[str, str]:
    out = {}
    for f in c.blueprint.file_list:
        if f.path.endswith((".docx", ".xlsx", ".md", ".txt", ".eml", ".csv", ".pptx")):
            try:
                out[f.path] = file_text(c, f.path)
            except Exception:  # a file the reader cannot open is validate's business, not this test's
                continue
    return out


@pytest.mark.parametrize(
    ("persona", "state"),
    [
        ("A farmer in Ohio who grows corn and soybeans", "Ohio"),
        ("A retired postman in Ohio who keeps bees", "Ohio"),
        ("A high school maths teacher in Texas", "Texas"),
        ("A retired teacher in Kentucky", "Kentucky"),
    ],
)
@pytest.mark.parametrize("seed", (1, 2))
def test_the_persona_state_is_written_in_full_in_prose(persona: str, state: str, seed: int) -> None:
    texts = _texts(_computer(persona, seed))
    prose = [
        p
        for p, t in texts.items()
        for line in t.splitlines()
        if state in line and not re.search(rf"From:|To:|Cc:|@|\b{state}\s*$", line)
    ]
    assert prose, f"{state} named in no file's prose"


_ENGLISH_YEARS = re.compile(r"\bYear (?:[1-9]|1[0-3])\b")


@pytest.mark.parametrize(
    ("persona", "country"),
    [
        ("A high school maths teacher in Texas", "US"),
        ("A French teacher in Lyon", "FR"),
        ("A history teacher in Berlin", "DE"),
    ],
)
@pytest.mark.parametrize("seed", (1, 3))
def test_a_teachers_workbooks_name_the_countrys_school_years(persona: str, country: str, seed: int) -> None:
    c = _computer(persona, seed)
    texts = _texts(c)
    books = {p: t for p, t in texts.items() if p.endswith(".xlsx")}
    assert books
    for path, text in books.items():
        found = _ENGLISH_YEARS.search(text)
        assert found is None, (path, found and text[max(0, found.start() - 60) : found.end() + 40])


def _domains(family: str, seeds: range) -> list[ProjectDomain]:
    from datetime import date

    from synthcomp_agents.computers._content import Person

    fam = OCCUPATIONAL_FAMILIES[family]
    user = Person("Ann Lee", "lead", "ann@example.com", "Org")
    people = [Person(f"P{k} Q", "analyst", f"p{k}@example.com", "Org") for k in range(3)]
    return [
        ProjectDomain.build(
            random.Random(seed),
            fam,
            project="Quarterly review",
            focus="tracking the quarter",
            user=user,
            people=people,
            org="Org",
            currency="USD",
            country="United States",
            cities=("Dayton",),
            start=date(2025, 1, 1),
            end=date(2025, 6, 30),
            taken_orgs=set(),
        )
        for seed in seeds
    ]


@pytest.mark.parametrize("family", sorted(OCCUPATIONAL_FAMILIES))
def test_a_workbooks_categories_are_kinds_of_its_rows_not_the_fields_jargon(family: str) -> None:
    from synthcomp_agents.computers._content import make_rows

    fam = OCCUPATIONAL_FAMILIES[family]
    jargon = {j.casefold() for j in fam.jargon}
    for d in _domains(family, range(3)):
        # a kind of the rows' own thing, or the rows' noun itself when they have no kinds; never another term
        assert not {c.casefold() for c in d.categories} - {d.entity_noun.casefold()} & jargon, (family, d.categories)
        rows = make_rows(d, random.Random(0))
        seen: dict[str, set[str]] = {}
        for _month, entity, category, *_rest in rows:
            seen.setdefault(entity, set()).add(category)
        assert all(len(cats) == 1 for cats in seen.values()), seen  # a row's thing keeps its kind all year

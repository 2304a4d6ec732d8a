"""A private document agrees with itself and with its project: a trip's itinerary has a dated line for every day
away and books the hotel for the nights its own dates give; a party plan's budget is the project's sheet, line for
line; an occasion's name and season follow its own date where the owner lives (no summer barbecue in an October of
the north, a December barbecue in Melbourne is summer's).
"""

from __future__ import annotations

import io
import random
import re
from datetime import date, timedelta

import openpyxl
import pytest
from generator_cache import generated
from hypothesis import given, settings
from hypothesis import strategies as st

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.computers._locale import locale_for
from synthcomp_agents.computers.archetypes import ArchetypeContext, build_artifact, season_of
from synthcomp_agents.office import extract_text

_DAY_LINE = re.compile(r"^(?:- )?\**(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([^:\n]+?)\**: ", re.M)
_SEASONAL = {"summer": re.compile(r"\bsummer\b", re.I), "christmas": re.compile(r"\bchristmas\b", re.I)}


def _text(art_bytes: bytes, name: str) -> str:
    return re.sub(r"[\u00a0\u202f\u2009]", " ", extract_text(name, art_bytes))


def _itinerary(start: date, days: int, country: str, seed: int) -> str:
    ctx = ArchetypeContext(
        owner_name="Ann Lee",
        owner_role="retired nurse",
        organisation="",
        topic="Holiday",
        created=start - timedelta(days=30),
        rng=random.Random(seed),
        life_stage="retiree",
        period_start=start,
        period_end=start + timedelta(days=days - 1),
        ahead=True,
        country_code=country,
    )
    ctx.locale = locale_for(country)
    art = build_artifact("travel_itinerary", ctx, "docx")
    return art.to_markdown() if hasattr(art, "to_markdown") else _text(art.to_bytes(), "x.docx")


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=1, max_value=14),
    country=st.sampled_from(["US", "GB", "FR", "DE", "AU"]),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_an_itinerary_has_a_line_for_each_day_and_the_nights_its_dates_give(
    start: date, days: int, country: str, seed: int
) -> None:
    text = _itinerary(start, days, country, seed)
    dated = _DAY_LINE.findall(text)
    assert len(dated) == days, (days, dated)
    nights = days - 1
    for stated in re.findall(r"(\d+) nights?\b", text):
        assert int(stated) == nights, (stated, nights, text[:600])
    last = start + timedelta(days=days - 1)
    assert str(last.year) in text


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10_000),
    amounts=st.lists(st.integers(min_value=5, max_value=2000), min_size=3, max_size=8),
)
def test_a_trip_itinerary_books_the_sheet_lines_it_was_given(seed: int, amounts: list[int]) -> None:
    sheet = tuple((f"Line {k}", float(a), 0.0) for k, a in enumerate(amounts))
    ctx = ArchetypeContext(
        owner_name="Ann Lee",
        owner_role="retired nurse",
        organisation="",
        topic="Holiday",
        created=date(2025, 5, 1),
        rng=random.Random(seed),
        life_stage="retiree",
        period_start=date(2025, 6, 2),
        period_end=date(2025, 6, 6),
        ahead=True,
        sheet=sheet,
    )
    art = build_artifact("travel_itinerary", ctx, "docx")
    assert art.facts["costs_sum3"] == pytest.approx(sum(amounts))


@pytest.mark.parametrize(
    ("day", "country", "season"),
    [
        (date(2025, 12, 20), "AU", "summer"),
        (date(2025, 12, 20), "FR", "winter"),
        (date(2025, 10, 4), "US", "autumn"),
        (date(2025, 4, 4), "NZ", "autumn"),
        (date(2025, 7, 14), "DE", "summer"),
    ],
)
def test_the_season_is_the_owners_hemispheres(day: date, country: str, season: str) -> None:
    assert season_of(day, country) == season


@pytest.mark.parametrize("seed", range(30))
def test_a_party_plans_occasion_fits_its_own_day(seed: int) -> None:
    country = ("US", "AU", "FR")[seed % 3]
    ctx = ArchetypeContext(
        owner_name="Ann Lee",
        owner_role="retired teacher",
        organisation="",
        topic="Party plan",
        created=date(2025, 1, 1) + timedelta(days=12 * seed),
        rng=random.Random(seed),
        life_stage="retiree",
        country_code=country,
    )
    locale = locale_for(country)
    ctx.locale = locale
    art = build_artifact("party_plan", ctx, "docx")
    subtitle = str(getattr(art.spec, "subtitle", ""))
    stated = next(
        (
            d
            for d in (ctx.created + timedelta(days=k) for k in range(200))
            if subtitle.startswith(locale.format_date(d))
        ),
        None,
    )
    assert stated is not None, subtitle
    assert stated >= ctx.created  # a plan of a day to come
    if _SEASONAL["summer"].search(art.title):
        assert season_of(stated, country) == "summer", (art.title, stated, country)
    if _SEASONAL["christmas"].search(art.title):
        assert stated.month == 12, (art.title, stated)


# -- generated computers: the project's documents and its sheet state one set of figures ---------------------------

_PERSONAS = (
    "A retired engineer in Munich who organises the local hiking club",
    "A retired teacher in Melbourne planning a family holiday",
    "A stay-at-home mother in Ohio planning her daughter's birthday party",
    "A retired nurse in Lyon planning a trip to Portugal with her sister",
    "A retired postman who is treasurer of his bowls club",
    "A retired couple in Leeds renovating their bathroom",
)
# what a document states of each sheet line: the plan (a party's budget, a trip's costs), the plan and what is paid
# (a renovation budget), or what is paid (a club's cash book)
_STATES = {
    "party_plan": ("plan",),
    "travel_itinerary": ("plan",),
    "renovation_budget": ("plan", "paid"),
    "club_treasurer_accounts": ("paid",),
}


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _sheet_lines(c: GeneratedComputer, path: str) -> dict[str, tuple[int, int]]:
    """Each line's planned and actual totals over the sheet's months."""
    ws = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(path))).worksheets[0]
    out: dict[str, tuple[int, int]] = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[1] is None:
            break
        plan, paid = out.get(str(row[1]), (0, 0))
        out[str(row[1])] = (plan + int(row[3]), paid + int(row[4]))
    return out


def _money(text: str) -> set[int]:
    """Whole amounts written in a document ("1.120,00 €", "$1,120.00", "1 120 €", "250.0")."""
    found = set()
    for m in re.finditer(r"\d[\d., ]*\d|\d", text):
        digits = re.sub(r"[.,](\d{1,2})$", "", m.group(0).strip())
        digits = re.sub(r"\D", "", digits)
        if digits:
            found.add(int(digits))
    return found


@pytest.mark.parametrize("seed", (1, 2))
@pytest.mark.parametrize("persona", _PERSONAS)
def test_a_private_documents_money_is_its_sheets(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    files = c.blueprint.file_list
    for f in files:
        if f.archetype not in _STATES or f.project_id is None:
            continue
        book = next((g for g in files if g.project_id == f.project_id and g.archetype == "tracking_workbook"), None)
        if book is None:
            continue
        lines = _sheet_lines(c, book.path)
        text = _text(c.disk.read_bytes(f.path), f.path)
        amounts = _money(text)
        planning = f.modified < book.modified  # written before anything was paid: it states the plan only
        for item, (plan, paid) in lines.items():
            if "plan" in _STATES[f.archetype]:
                assert item in text and plan in amounts, (f.path, item, plan)
            if "paid" in _STATES[f.archetype] and paid and not planning:
                assert item in text and paid in amounts, (f.path, item, paid)
        if _STATES[f.archetype] == ("plan",):  # every total it writes is the sheet's
            total = sum(plan for plan, _paid in lines.values())
            for stated in re.findall(r"\*{0,2}Total\*{0,2}\s+\*{0,2}([^\n*]+)", text):
                if _money(stated):
                    assert total in _money(stated), (f.path, stated, total)
        if f.archetype == "travel_itinerary":
            days = _DAY_LINE.findall(text)
            nights = {int(n) for n in re.findall(r"(\d+) nights?\b", text)}
            assert nights <= {len(days) - 1}, (f.path, nights, len(days))
            hotel = [k for k in lines if k.startswith("Hotel")]
            assert all(k == f"Hotel, {len(days) - 1} nights" for k in hotel), (hotel, len(days))


def test_the_personas_above_keep_the_documents_checked() -> None:
    """The test above has something to check: the personas' projects keep these documents with a sheet."""
    kinds = {
        f.archetype
        for persona in _PERSONAS
        for seed in (1, 2)
        for f in _computer(persona, seed).blueprint.file_list
        if f.project_id is not None and f.archetype in _STATES
    }
    assert kinds == set(_STATES), kinds


_SEASON_OF_EVENT = {"summer": "summer", "summer holiday": "summer", "beach": "summer", "ski trip": "winter"}


@pytest.mark.parametrize(
    ("persona", "country"),
    [
        ("A retired teacher in Melbourne planning a family holiday", "AU"),
        ("A mother of two in Sydney who loves the beach", "AU"),
        ("A French teacher in Lyon", "FR"),
        ("A farmer in Ohio who grows corn and soybeans", "US"),
    ],
)
@pytest.mark.parametrize("seed", range(4))
def test_a_seasons_photos_are_taken_in_that_season_where_the_user_lives(persona: str, country: str, seed: int) -> None:
    c = _computer(persona, seed)
    for f in c.blueprint.file_list:
        if f.archetype != "photo":
            continue
        folder = f.path.rsplit("/", 1)[0].rsplit("/", 1)[-1]
        event = re.sub(r"\b\d{4}(-\d\d-\d\d)?\b", "", folder).strip().casefold()
        if event in _SEASON_OF_EVENT:
            taken = f.created.date()
            assert season_of(taken, country) == _SEASON_OF_EVENT[event], (f.path, taken)
        if event in ("christmas", "christmas party"):
            assert f.created.month in (12, 1), f.path  # the evening of the 31st is January in UTC at most


@pytest.mark.parametrize("country", ["GB", "US", "AU", "FR"])
@pytest.mark.parametrize("month", range(1, 13))
def test_a_fair_or_an_appeal_is_named_for_its_own_season(country: str, month: int) -> None:
    for seed in range(3):
        ctx = ArchetypeContext(
            owner_name="Ann Lee",
            owner_role="retired potter",
            organisation="",
            topic="charity",
            created=date(2025, month, 20),
            rng=random.Random(seed),
            life_stage="retiree",
            country_code=country,
        )
        ctx.locale = locale_for(country)
        for arch in ("craft_fair_sales", "fundraising_tracker"):
            art = build_artifact(arch, ctx)
            for word, season in (
                ("summer", "summer"),
                ("spring", "spring"),
                ("autumn", "autumn"),
                ("winter", "winter"),
            ):
                if word in art.title.casefold():
                    assert season_of(date(2025, month, 20), country) == season, (art.title, month, country)
            if "christmas" in art.title.casefold():
                assert month in (11, 12, 1), (art.title, month)
            text = _text(art.to_bytes(), "x.xlsx")
            assert ("Gift Aid" in text) == (country == "GB" and arch == "fundraising_tracker"), (country, arch)


_TRAVEL = re.compile(
    r"flight|train|hotel|transfer|car hire|insurance|ticket|taxi|parking|meals|spending|presents|day trips|museum|"
    r"ferry|coach|bus",
    re.I,
)


@pytest.mark.parametrize(
    "persona",
    [
        "A mother of two in Sydney planning a family trip",
        "A retired teacher in Melbourne planning a family holiday",
        "A sales manager in Chicago who loves travel",
    ],
)
@pytest.mark.parametrize("seed", (1, 2))
def test_an_itinerary_books_only_travel(persona: str, seed: int) -> None:
    """Whatever project keeps it, an itinerary's bookings are a trip's (a work project's budget lines, 'Dentist and
    optician' or 'Club subscriptions', are not booked for Galway)."""
    c = _computer(persona, seed)
    for f in c.blueprint.file_list:
        if f.archetype != "travel_itinerary":
            continue
        text = _text(c.disk.read_bytes(f.path), f.path)
        table = text.split("Bookings and costs", 1)[1].split("**Total**", 1)[0]
        rows = [line.split("\t") for line in table.splitlines() if line.count("\t") >= 3 and "Booking" not in line]
        assert rows, f.path
        for row in rows:
            assert _TRAVEL.search(row[1]), (f.path, row[1])

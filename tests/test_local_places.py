"""Places read as the owner's country names them: a Valencia club meets at the casal fallero, a Lyon one at the salle
des fêtes, an Ohio one at the VFW hall; English pub names ("The Anchor", "the Red Lion") and village greens belong
to Great Britain and Ireland only (``synthcomp_agents/computers/data/local_places.yaml``).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import pytest
import yaml
from babel import Locale
from generator_cache import file_text, generated
from hypothesis import given, settings
from hypothesis import strategies as st

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.computers._local_places import (
    PLACE_MARK,
    expand_places,
    local_places,
    place_countries,
    place_kinds,
)

# persona -> the country its computer must be placed in
PERSONAS = {
    "A retired teacher in Valencia, Spain who edits her neighbourhood association newsletter": "ES",
    "A mother of three in Lyon, France who is treasurer of the parents' association": "FR",
    "A heavy metal guitarist in Lyon, France who plays gigs every weekend": "FR",
    "A retired nurse in Munich, Germany who sings in a choir and bakes for the church fair": "DE",
    "A retired office worker in Osaka, Japan who volunteers at the community centre and edits its newsletter": "JP",
    "A retired engineer in Columbus, Ohio who is treasurer of his local veterans' club": "US",
    "A retired postman in Melbourne, Australia who is secretary of his bowls club": "AU",
    "A retired bus driver in Manchester who edits the newsletter of his allotment society": "GB",
}
# more personas whose files must name no British place (a Lyon choir's newsletter lay in the 'surgery waiting room')
NOT_BRITISH = {**PERSONAS, "A community choir leader in Lyon": "FR"}

# venue words only Britain and Ireland use (pub names, village greens, church rooms, parish councils)
UK_ONLY = re.compile(
    r"\bThe Anchor\b|Hope & Anchor|\bRed Lion\b|\bThe Crown\b|Crown backroom|village green|church rooms|village hall"
    r"|Parish Council|Corn Exchange|Thames Suite|Mill Lane|Orchard Close|non-uniform day|\bThe \w+ Arms\b"
    r"|surgery waiting room|collection at the surgery|Riverside Rotary|Co-op community fund",
    re.IGNORECASE,
)
_TEXT_KINDS = (".docx", ".xlsx", ".pptx", ".pdf", ".md", ".txt", ".csv", ".eml", ".ics")


def computer(text: str) -> GeneratedComputer:
    return generated(text, seed=7)


@cache
def file_texts(text: str) -> dict[str, str]:
    c = computer(text)
    out: dict[str, str] = {}
    for f in c.blueprint.file_list:
        if f.path.endswith(_TEXT_KINDS):
            try:
                out[f.path] = file_text(c, f.path)
            except Exception:  # a file the reader cannot open is validate's business, not this test's
                continue
    return out


def _name(item: str, city: str) -> str:
    """The place an item names as it reads in a file (the place half of "activity | place")."""
    return item.split("|")[-1].strip().replace("{city}", city)


def _data() -> dict[str, Any]:
    text = resources.files("synthcomp_agents.computers").joinpath("data/local_places.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _every_place(city: str) -> set[str]:
    """Every place of every kind of every country and region of the data file."""
    data = _data()
    entries: list[dict[str, Any]] = [data["default"], *data["countries"].values()]
    for regions in data["regions"].values():
        entries.extend(regions)
    return {
        _name(str(x), city)
        for entry in entries
        for kind, items in entry.items()
        if kind in place_kinds()
        for x in items
    }


def _own_places(code: str, city: str) -> set[str]:
    return {_name(x, city) for kind in place_kinds() for x in local_places(kind, code, places=(city,))}


@pytest.mark.parametrize("text", sorted(PERSONAS))
def test_the_computer_is_placed_where_the_persona_lives(text: str) -> None:
    assert computer(text).persona.country_code == PERSONAS[text], text


@pytest.mark.parametrize("text", sorted(t for t, code in NOT_BRITISH.items() if code not in ("GB", "IE")))
def test_no_british_venue_outside_britain_and_ireland(text: str) -> None:
    found = [(path, m.group(0)) for path, body in file_texts(text).items() for m in UK_ONLY.finditer(body)]
    assert not found, (text, found[:10])


@pytest.mark.parametrize("text", sorted(PERSONAS))
def test_places_in_the_files_come_from_the_countrys_own_list(text: str) -> None:
    """A place name of the data file that a file names is one of the owner's country's (region's) own; the
    country's own places are named at all (the lists are used, not bypassed)."""
    c = computer(text)
    city = c.persona.city or ""
    own = _own_places(PERSONAS[text], city)
    # the generic default's names ("Community centre", "Food bank") are ordinary words any file may use
    generic = {_name(x, city) for kind in place_kinds() for x in local_places(kind, "ZZ")}
    # a foreign name inside an own one ("Tombola" in "Tombola beim Sommerfest") is the own one
    foreign = {p for p in _every_place(city) - own - generic if len(p) > 4 and not any(p in o for o in own)}
    texts = file_texts(text)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(p) for p in sorted(foreign, key=len, reverse=True)) + r")(?!\w)"
    )
    strays = sorted({(m.group(1), path) for path, body in texts.items() for m in pattern.finditer(body)})
    assert not strays, (text, strays[:10])
    named = {p for p in own if len(p) > 4 and any(p in body for body in texts.values())}
    assert len(named) >= 2, (text, named)


def test_a_valencia_club_meets_where_valencians_meet() -> None:
    """The region's own list wins over Spain's: a Valencia newsletter's meetings are at the casal or the centre."""
    text = next(t for t in PERSONAS if "Valencia" in t)
    bodies = "\n".join(file_texts(text).values())
    valencian = set(local_places("club_room", "ES", places=("Valencia",))) - set(local_places("club_room", "ES"))
    assert valencian and any(p in bodies for p in valencian), sorted(valencian)


def test_same_seed_same_bytes() -> None:
    text = next(t for t in PERSONAS if "Osaka" in t)
    a = computer(text)  # seed 7, the shared one the tests above read
    b = ProceduralComputerGenerator().generate(text, seed=7)
    paths = [f.path for f in a.blueprint.file_list]
    assert paths == [f.path for f in b.blueprint.file_list]
    assert all(a.disk.read_bytes(p) == b.disk.read_bytes(p) for p in paths)


# -- the data file -----------------------------------------------------------------------------------------------


def test_every_country_code_of_the_data_is_a_country() -> None:
    territories = Locale("en").territories
    data = _data()
    codes = [*place_countries(), *data["regions"]]
    assert all(re.fullmatch(r"[A-Z]{2}", code) and code in territories for code in codes), codes


def test_the_countries_the_persona_pool_produces_have_their_own_lists() -> None:
    from synthcomp_agents.personas import builtin_personas

    pool = {p.country_code for p in builtin_personas() if p.country_code}
    assert pool <= set(place_countries()), sorted(pool - set(place_countries()))


@settings(max_examples=120, deadline=None)
@given(
    kind=st.sampled_from(place_kinds()),
    code=st.one_of(
        st.sampled_from(place_countries()), st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=0, max_size=3)
    ),
    town=st.sampled_from(["", "Valencia", "Barcelona", "Geneva", "Montreal", "Nowhereville"]),
)
def test_every_pool_resolves_and_is_not_empty(kind: str, code: str, town: str) -> None:
    places = local_places(kind, code, places=(town,))
    assert places and all(p.strip() for p in places), (kind, code, places)
    if kind != "kids_activities":  # a venue or an address names a file or a folder ("Setlist <venue>")
        assert all("/" not in p for p in places), places
    assert all(p.count("|") == (1 if kind == "kids_activities" else 0) for p in places), places
    if code not in ("GB", "IE"):
        assert not [p for p in places if UK_ONLY.search(p)], (kind, code, places)


def test_every_place_mark_in_the_recipes_names_a_kind() -> None:
    marks: set[str] = set()
    folder = resources.files("synthcomp_agents.computers.archetypes").joinpath("data")
    for entry in folder.iterdir():
        if entry.name.endswith(".yaml"):
            marks.update(re.findall(re.escape(PLACE_MARK) + r"([a-z_]+)", entry.read_text("utf-8")))
    assert marks and marks <= set(place_kinds()), sorted(marks - set(place_kinds()))


def test_expansion_keeps_other_options_in_order() -> None:
    out = expand_places(["at home", "@place:party_venue", "video call"], "FR")
    assert out[0] == "at home" and out[-1] == "video call"
    assert out[1:-1] == list(local_places("party_venue", "FR"))
    with pytest.raises(KeyError):
        local_places("no_such_kind", "FR")


# -- a band's rooms, a town's arts centre, a fundraiser's donors ---------------------------------------------------

BANDS = {
    "A jazz pianist in São Paulo, Brazil": "BR",
    "A heavy metal guitarist in Lyon, France who plays gigs every weekend": "FR",
    "A punk drummer in Berlin, Germany who books the band's gigs": "DE",
    "A singer in a covers band in Milan, Italy": "IT",
    "A guitarist in an indie band in Kraków, Poland": "PL",
}
FUNDRAISERS = {
    "A retired teacher in Lyon, France who raises funds for the church roof appeal": "FR",
    "A retired nurse in Kraków, Poland who volunteers as a fundraiser for the children's hospice": "PL",
    "A retired civil servant in Madrid, Spain who volunteers raising money for a children's charity": "ES",
    "A retired teacher in Milan, Italy who volunteers as a charity fundraiser": "IT",
    "A retired engineer in Columbus, Ohio who fundraises for the food bank": "US",
}
# a British rehearsal room chain and London rooms; a British GP surgery and the Co-op's community fund
BRITISH_ROOMS = ("Pirate Studios", "The Practice Rooms", "Bunker Rehearsal", "Rooms 13")
BRITISH_DONORS = re.compile(r"Riverside Rotary|at the surgery|Co-op community fund", re.IGNORECASE)


def _rows(body: str, column: int) -> list[str]:
    """The cells of ``column`` in the dated rows of a sheet's text (tab-separated, a date first)."""
    return [
        cells[column] for line in body.splitlines() if len(cells := line.split("\t")) > column and re.match(r"\d", line)
    ]


@pytest.mark.parametrize("text", sorted(BANDS))
def test_a_band_rehearses_in_a_room_of_its_own_country(text: str) -> None:
    """A São Paulo band's rehearsal schedule books the estúdio de ensaio, a Berlin one the Proberaum (all of them
    booked London's 'The Practice Rooms' or 'Pirate Studios')."""
    c = computer(text)
    assert c.persona.country_code == BANDS[text]
    schedules = {p: b for p, b in file_texts(text).items() if p.endswith("Rehearsal schedule.xlsx")}
    assert schedules, (text, sorted(file_texts(text))[:20])
    own = set(local_places("rehearsal_room", BANDS[text], places=(c.persona.city or "",)))
    rooms = {cell for body in schedules.values() for cell in _rows(body, 2)}
    assert rooms and rooms <= own, (text, rooms, own)
    bodies = "\n".join(file_texts(text).values())
    assert not [r for r in BRITISH_ROOMS if r in bodies], text


def test_a_bands_arts_centre_is_named_as_its_town_names_it() -> None:
    """A band's shortcut to the town's arts centre says 'Centro Cultural de São Paulo', not 'São Paulo Arts Centre';
    no file of a band outside the English-speaking countries names an 'Arts Centre'."""
    named = []
    for text, code in BANDS.items():
        c = computer(text)
        own = {p.replace("{city}", c.persona.city or "") for p in local_places("arts_centre", code)}
        paths = [f.path for f in c.blueprint.file_list]
        assert not [p for p in paths if "Arts Centre" in p], (text, [p for p in paths if "Arts Centre" in p])
        assert "Arts Centre" not in "\n".join(file_texts(text).values()), text
        named += [p for p in paths if any(o in p for o in own)]
    assert named, "no band's computer names its town's arts centre"


@pytest.mark.parametrize("text", sorted(FUNDRAISERS))
def test_a_fundraisers_donors_are_of_her_country(text: str) -> None:
    """The donations sheet of a Kraków fundraiser lists the parish collection and the cake sale, not 'The Riverside
    Rotary Club' or a 'Staff collection at the surgery' (Britain's own sources stay in Britain)."""
    c = computer(text)
    code = FUNDRAISERS[text]
    assert c.persona.country_code == code
    sheets = {p: b for p, b in file_texts(text).items() if p.endswith("donations.xlsx")}
    assert sheets, (text, sorted(file_texts(text))[:20])
    donors = {cell for body in sheets.values() for cell in _rows(body, 1)}
    assert not [d for d in donors if BRITISH_DONORS.search(d)], (text, sorted(donors))
    assert donors & set(local_places("fundraising", code)), (text, sorted(donors))


SURVEYORS = {
    "A structural engineer in Lyon, France": "FR",
    "A building surveyor in Munich, Germany": "DE",
    "An architect in Madrid, Spain": "ES",
    "A site engineer in Milan, Italy": "IT",
    "A structural engineer in São Paulo, Brazil": "BR",
}


def test_a_site_report_names_a_site_as_builders_there_do() -> None:
    """A Lyon engineer inspects the 'Mur de soutènement, parking nord', a Milan one the 'Capannone 4, zona
    industriale'; no site report outside Britain is of 'Unit 4, Riverside Park' or the 'Elm Grove extension'."""
    british = {
        "Unit 4, Riverside Park",
        "Elm Grove extension",
        "North car park retaining wall",
        "Block C refurbishment",
    }
    named = []
    for text, code in SURVEYORS.items():
        c = computer(text)
        assert c.persona.country_code == code
        reports = {p: b for p, b in file_texts(text).items() if "Site inspection" in p}
        assert reports, text
        sites = {m.group(1).strip() for b in reports.values() for m in re.finditer(r"Site: (.+)", b)}
        assert not sites & british, (text, sites)
        assert not [p for p in file_texts(text) if any(b in p for b in british)], text
        named += sorted(sites & set(local_places("work_site", code, places=(c.persona.city or "",))))
    assert len(named) >= 3, named

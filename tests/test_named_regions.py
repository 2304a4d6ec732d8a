"""Regions people name without a country ("the Lake District", "the Midwest") resolve to their country, through
``classify_persona`` (the profile a computer is built from) and ``resolve_place``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synthcomp_agents.personas import classify_persona, resolve_place

REGIONS = {
    "Lake District": "GB",
    "Cotswolds": "GB",
    "Peak District": "GB",
    "Highlands": "GB",
    "Provence": "FR",
    "Tuscany": "IT",
    "Bavaria": "DE",
    "Outback": "AU",
    "Midwest": "US",
    "New England": "US",
    "Bay Area": "US",
    "Silicon Valley": "US",
    "Pacific Northwest": "US",
    "Hokkaido": "JP",
    "Algarve": "PT",
    "Lapland": "FI",
    "Patagonia": "AR",
}

FRAMES = (
    "A retired teacher who walks in the {r}",
    "A sheep farmer in the {r}",
    "A B&B owner in {r}",
    "A nurse living in the {r} with two dogs",
)


@given(region=st.sampled_from(sorted(REGIONS)), frame=st.sampled_from(FRAMES))
@settings(max_examples=60, deadline=None)
def test_a_named_region_gives_its_country(region: str, frame: str) -> None:
    text = frame.format(r=region)
    assert resolve_place(text).country_code == REGIONS[region], text
    assert classify_persona(text).country_code == REGIONS[region], text


def test_new_england_is_not_england() -> None:
    assert resolve_place("A lobster fisherman in New England").country_code == "US"
    assert resolve_place("A teacher in the north of England").country_code == "GB"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("A dairy farmer in Cumbria", "Cumbria"),
        ("A vicar in Gloucestershire", "Gloucestershire"),
        ("A software engineer in the Bay Area", "California"),
        ("A farmer in the Midwest", None),  # spans several states: never named as one
    ],
)
def test_region_names_a_county_or_state(text: str, region: str | None) -> None:
    assert resolve_place(text).region == region


def test_uk_cities_stay_cities() -> None:
    """A unitary authority that is a city ("Reading", "York") is still the city a persona lives in."""
    for city in ("Reading", "York", "Plymouth"):
        place = resolve_place(f"A nurse in {city}")
        assert (place.country_code, place.city) == ("GB", city)


def test_a_region_name_inside_a_phrase_is_no_place() -> None:
    """Capitalisation and locative cues still guard: a brand or a lower-case word names no region."""
    assert resolve_place("A fan of the outback steakhouse chain").country_code is None
    assert resolve_place("A cook who loves provence herbs").country_code is None

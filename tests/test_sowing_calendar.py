"""A garden's planting plan follows a real sowing calendar (issue 11): a frost-tender crop (runner beans, courgettes,
tomatoes) is sown or planted out after the last frost of the owner's hemisphere, never in a northern October or a
southern May; garlic goes in in autumn."""

from __future__ import annotations

import re

import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers._generator import GeneratedComputer

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip
_TENDER = re.compile(r"runner bean|courgette|zucchini|tomato", re.I)
# the months a frost-tender crop may be sown under cover or planted out
_TENDER_MONTHS = {False: {3, 4, 5, 6}, True: {9, 10, 11, 12}}
GARDENERS = (
    ("A retired teacher in Leeds who loves her allotment", 1, False),
    ("A retiree in Ohio who grows vegetables in his garden", 3, False),
    ("A retiree in Melbourne who grows vegetables in his garden", 2, True),
    ("A retired nurse in Christchurch, New Zealand, who keeps an allotment", 4, True),
)


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _beds(c: GeneratedComputer) -> list[tuple[str, str]]:
    """(crop, sow/plant) of every bed in the computer's planting plans."""
    out: list[tuple[str, str]] = []
    for f in c.blueprint.file_list:
        if f.archetype != "planting_plan":
            continue
        text = file_text(c, f.path)
        out += re.findall(r"^Bed \d+\t([^\t]+)\t([^\t]+)\t", text, re.M)
    return out


@pytest.mark.parametrize(("persona", "seed", "south"), GARDENERS)
def test_frost_tender_crops_are_sown_in_the_hemispheres_spring(persona: str, seed: int, south: bool) -> None:
    beds = _beds(_computer(persona, seed))
    assert beds, "no planting plan with beds"
    for crop, sow in beds:
        months = {i + 1 for i, m in enumerate(_MONTHS) if m in sow.casefold()}
        assert months, (crop, sow)
        if _TENDER.search(crop):
            assert months <= _TENDER_MONTHS[south], (persona, crop, sow)
        if crop.casefold().startswith("garlic"):
            assert months <= ({3, 4, 5} if south else {9, 10, 11}), (persona, crop, sow)


def test_the_two_hemispheres_sow_the_same_crop_half_a_year_apart() -> None:
    north = dict(b for p, s, south in GARDENERS if not south for b in _beds(_computer(p, s)))
    south = dict(b for p, s, south in GARDENERS if south for b in _beds(_computer(p, s)))
    shared = [c for c in north if c in south]
    assert shared, (north, south)
    for crop in shared:
        assert north[crop] != south[crop], (crop, north[crop])

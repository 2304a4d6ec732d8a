"""A CV says what its owner is good at from their role and real duties, never from the persona's key nouns in a
skill's slot ("strongest in peer review and rivers", "a simple tracker for tobacco"); a Kentucky tobacco farmer grows
burley tobacco on their computer: the crop plan, the season record from the float beds to stripping, and the leaf
buyer's sale statement by grade and price per pound, in US units (issue 11)."""

from __future__ import annotations

import io
import random
import re
from datetime import date
from functools import cache
from pathlib import Path

import openpyxl
import pytest
import yaml

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.computers.archetypes import ArchetypeContext, all_cv_skills, build_artifact, cv_bank
from synthcomp_agents.office import extract_text
from synthcomp_agents.personas import classify_persona

_FIXTURE = Path(__file__).parent / "fixtures" / "personas_varied.yaml"
# a CV profile's skill slots, as the CV's profile lines word them: each group holds one skill, or two joined by "and"
_SLOTS = (
    re.compile(r"strongest in (?P<two>.+?), and the person colleagues ask about (?P<one>.+?)\."),
    re.compile(r"with experience in (?P<two>.+?)\. Calm under pressure"),
    re.compile(r"with a track record in (?P<one>.+?)\. I like clear goals"),
    re.compile(r"use my experience of (?P<one>.+?) and keep developing"),
    re.compile(r"gave me a grounding in (?P<two>.+?); I want to put it to use"),
)
_OLD_FRAMES = re.compile(r"tracker for |goes wrong|Looked after .+ for the busiest period|day-to-day \w")


def _splits_into_two(span: str, skills: frozenset[str]) -> bool:
    """Whether ``span`` is two known skills joined by " and " (a skill may itself hold "and")."""
    return any(span[: m.start()] in skills and span[m.end() :] in skills for m in re.finditer(" and ", span))


def _profile_lines(text: str) -> list[str]:
    lines = text.splitlines()
    return lines[lines.index("Profile") + 1 : lines.index("Experience")] if "Profile" in lines else []


def _cv_text(persona: str, seed: int) -> tuple[str, tuple[str, ...]]:
    """The CV a persona's own details fill (its role, family, life stage and key nouns as the vocabulary), as text,
    and the persona's key nouns."""
    p = classify_persona(persona)
    ctx = ArchetypeContext(
        owner_name="Sam Carter",
        owner_role=p.role or p.occupation,
        organisation="Carter & Co",
        topic=p.role or "work",
        created=date(2025, 3, 14),
        rng=random.Random(seed),
        life_stage=p.life_stage if p.life_stage != "retiree" else "employee",
        family=p.family,
        vocabulary=tuple(p.key_nouns),
        career=((p.role or p.occupation, "Carter & Co", 2019, None),) if seed % 2 else (),
    )
    art = build_artifact("cv", ctx)
    return extract_text("cv.docx", art.to_bytes()), tuple(p.key_nouns)


def _varied_personas() -> list[str]:
    return [str(row["text"]) for row in yaml.safe_load(_FIXTURE.read_text(encoding="utf-8"))][::3]


def test_cv_skill_slots_hold_skills_never_the_personas_key_nouns() -> None:
    """Over ~80 varied personas, every skill slot of a CV's profile holds a skill of the banks (two joined by
    "and" where the line names two); the old frames that took any key noun ("tracker for", "goes wrong") are gone."""
    skills = all_cv_skills()
    personas = _varied_personas()
    assert len(personas) >= 70
    checked = 0
    bad: list[str] = []
    for k, persona in enumerate(personas):
        for seed in (k, k + 1):
            text, _nouns = _cv_text(persona, seed)
            assert not _OLD_FRAMES.search(text), (persona, text)
            for line in _profile_lines(text):
                for rx in _SLOTS:
                    m = rx.search(line)
                    if m is None:
                        continue
                    checked += 1
                    groups = m.groupdict()
                    if groups.get("one") is not None and groups["one"] not in skills:
                        bad.append(f"{persona}: {groups['one']!r} in {line!r}")
                    if groups.get("two") is not None and not _splits_into_two(groups["two"], skills):
                        bad.append(f"{persona}: {groups['two']!r} in {line!r}")
    assert checked >= 60
    assert not bad, bad[:10]


def test_cv_of_a_role_says_its_trade() -> None:
    """A named example: a bakery owner's CV speaks of bread and pastry, not of covers and RevPAR (the hospitality
    family's jargon), nor of the persona's town."""
    for seed in range(4):
        text, _nouns = _cv_text("A bakery owner in Lyon", seed)
        profile = " ".join(_profile_lines(text))
        assert any(s in profile for s in cv_bank("bakery owner", "hospitality_events").skills), profile
        assert not re.search(r"RevPAR|\bBEO\b|covers|\blyon\b", text, re.I), text


# -- the Kentucky tobacco farmer ----------------------------------------------------------------------------------


@cache
def _farm() -> GeneratedComputer:
    return ProceduralComputerGenerator().generate("A tobacco farmer in Kentucky", seed=1)


def _files(c: GeneratedComputer, archetype: str) -> list[str]:
    return sorted(f.path for f in c.blueprint.file_list if f.archetype == archetype)


def _rows(c: GeneratedComputer, path: str, sheet: int = 0) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(path)))
    return list(book.worksheets[sheet].iter_rows(values_only=True))


def test_kentucky_tobacco_farmer_plans_tobacco_in_us_units() -> None:
    c = _farm()
    plans = _files(c, "planting_plan")
    assert plans
    rows = _rows(c, plans[0])
    header = [str(h) for h in rows[0]]
    assert "Area (ac)" in header and "Seed rate per ac" in header
    tobacco = [r for r in rows[1:] if r[header.index(next(h for h in header if re.fullmatch(r"Crop \d{4}", h)))]
               and "tobacco" in str(r[3]).lower()]  # fmt: skip
    assert tobacco, rows
    assert all(r[header.index("Seed unit")] == "float trays" for r in tobacco)
    assert all(2 <= float(str(r[1])) <= 30 for r in tobacco)  # a burley patch, not a 150-acre corn field
    calendar = " ".join(str(v) for r in _rows(c, plans[0], 1) for v in r)
    assert "Burley tobacco Seeded in the float beds March - April" in calendar
    assert "Burley tobacco Set out May - June" in calendar


def test_kentucky_tobacco_farmer_keeps_the_season_record_and_sells_by_the_pound() -> None:
    c = _farm()
    season = [p for p in _files(c, "harvest_record") if "Burley tobacco" in p]
    assert season, _files(c, "harvest_record")
    rows = _rows(c, season[0])
    header = [str(h) for h in rows[0]]
    for col in ("Area (ac)", "Seeded in the float beds", "Set out", "Topped", "Cut and housed", "Stripped and baled",
                "Stripped weight (lb)", "Yield (lb/ac)"):  # fmt: skip
        assert col in header, header
    fields = [r for r in rows[1:] if r[0] != "Total"]
    for r in fields:
        set_out = date.fromisoformat(str(r[header.index("Set out")]))
        cut = date.fromisoformat(str(r[header.index("Cut and housed")]))
        seeded = date.fromisoformat(str(r[header.index("Seeded in the float beds")]))
        assert seeded.month in (3, 4) and set_out.month in (5, 6) and cut.month in (8, 9), r
        assert seeded < set_out < cut
        assert 1500 <= float(str(r[header.index("Yield (lb/ac)")])) <= 3000
    total = sum(float(str(r[header.index("Stripped weight (lb)")])) for r in fields)
    sales = [p for p in _files(c, "grain_settlement") if "Sale statement" in p]
    assert sales
    text = extract_text(sales[0], c.disk.read_bytes(sales[0]))
    assert "burley tobacco sale" in text and "Price per lb" in text and "Net weight (lb)" in text
    assert re.search(r"\bC3F\b", text)
    sold = date.fromisoformat(re.search(r"Sold (\d{4}-\d{2}-\d{2})", text).group(1))  # type: ignore[union-attr]
    assert sold.month in (12, 1, 2)  # stripped and sold in the winter after it was cut
    net = float(re.search(r"bales, ([\d,]+) lb net", text).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert net == pytest.approx(total)
    accounts = " ".join(extract_text(p, c.disk.read_bytes(p)) for p in _files(c, "farm_accounts"))
    assert "Burley tobacco sold to" in accounts


def test_kentucky_tobacco_farmers_cv_lists_the_trade() -> None:
    c = _farm()
    cvs = _files(c, "cv")
    assert cvs
    text = extract_text(cvs[0], c.disk.read_bytes(cvs[0]))
    assert re.search(r"burley tobacco|float|curing and stripping|stripped", text, re.I), text
    assert not re.search(r"\b(bushels harvested|cash rent|tracker for)\b", text, re.I), text


def test_a_storm_hits_only_crops_in_the_ground() -> None:
    """The farm's hail claim lists fields planted in their crop's own planting months before the storm (an April
    hail hits the wheat drilled last October), never corn "planted" in January."""
    c = _farm()
    planting = {"Wheat": (10,), "Corn": (4, 5), "Soybeans": (5, 6)}
    claims = [p for p in _files(c, "field_records") if "insurance claim" in p.lower()]
    assert claims
    for path in claims:
        rows = _rows(c, path)
        header = [str(h) for h in rows[0]]
        for r in rows[1:]:
            if r[0] == "Total":
                continue
            crop, planted = str(r[header.index("Crop")]), date.fromisoformat(str(r[header.index("Planted")]))
            assert planted.month in planting[crop], (path, r)

"""Picks that fit the persona, asserted on content: the persona's place wins over a fallback country, units follow the
country, shopping items sit in their own aisle, the other party of a farmer's quote is not an events promoter, a
researcher keeps no school markbook, a retiree's medical appointments get no purchase order, and a photo never carries
a camera or firmware released after it was taken."""

from __future__ import annotations

import io
import random
import re
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from PIL import Image

from synthcomp_agents.computers._background import _CAMERAS, Camera, camera_for, photo_jpeg, released
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers._locale import locale_for
from synthcomp_agents.computers.archetypes import ArchetypeContext, Artifact, archetypes_for, build_artifact
from synthcomp_agents.computers.generation import plan_context
from synthcomp_agents.computers.generation.identity import build_identity
from synthcomp_agents.computers.generation.project_docs import project_archetypes
from synthcomp_agents.office import extract_text
from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES, country_name, localize_units

FIXTURE = Path(__file__).parent / "fixtures" / "personas_varied.yaml"
NOW = datetime(2025, 12, 1, 9, 0)


def test_every_fixture_persona_with_a_country_lives_in_it() -> None:
    """All fixture personas naming a country (Oslo, Cairo, the Mekong Delta...) get a profile in that country, not a
    fallback one: 19 of 234 lived elsewhere before."""
    rows = [r for r in yaml.safe_load(FIXTURE.read_text(encoding="utf-8")) if r.get("country_code")]
    assert len(rows) > 100
    wrong = []
    for row in rows:
        ident = build_identity(resolve_persona(row["text"]), random.Random(7), NOW, None)
        want = country_name(row["country_code"])
        if not (want and ident.profile.location.endswith(want)):
            wrong.append((row["text"], ident.profile.location))
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("text", "place", "currency", "zone"),
    [
        ("A librarian at a public library in Oslo", "Oslo, Norway", "NOK", "Europe/Oslo"),
        ("A pharmacist in Cairo, Egypt", "Cairo, Egypt", "EGP", "Africa/Cairo"),
        ("A rice farmer in the Mekong Delta, Vietnam", ", Vietnam", "VND", "Asia/"),
        ("A quality inspector at an electronics plant in Penang, Malaysia", "Penang, Malaysia", "MYR", "Asia/"),
        ("A teacher in Bavaria", "Bavaria, Germany", "EUR", "Europe/Berlin"),
    ],
)
def test_the_persona_place_currency_and_time_zone_win(text: str, place: str, currency: str, zone: str) -> None:
    ident = build_identity(resolve_persona(text), random.Random(3), NOW, None)
    assert place in ident.profile.location and ident.currency == currency
    assert ident.profile.time_zone.startswith(zone)
    assert "Hamburg" not in ident.profile.location  # no city from elsewhere in the country dressed as the region's


def test_farm_units_follow_the_country() -> None:
    farm = OCCUPATIONAL_FAMILIES["agriculture_farming"]

    def words(country: str) -> str:
        fam = localize_units(farm, country)
        return " ".join((*fam.key_metrics, *fam.spreadsheet_columns, *fam.units))

    sweden, britain, usa = (words(c) for c in ("SE", "GB", "US"))
    assert not re.search(r"\b(acres?|bushels?|lbs|gallons|bu/acre)\b", sweden) and "hectare" in sweden
    assert "acres" in britain and not re.search(r"\bbushels?\b|\blbs\b", britain)
    assert "bushels" in usa and "acres" in usa


def test_a_swedish_farmers_workbooks_measure_in_tonnes_and_hectares() -> None:
    ctx = plan_context(resolve_persona("A dairy and grain farmer in Sweden"), seed=4)
    assert ctx.identity.profile.location.endswith("Sweden")
    text = " ".join((*ctx.identity.family.key_metrics, *ctx.identity.family.spreadsheet_columns))
    assert "per acre" not in text and "bushel" not in text


def _home(country: str, seed: int) -> ArchetypeContext:
    return ArchetypeContext(
        owner_name="Sam Berg",
        owner_role="parent",
        organisation="The Berg household",
        org_type="household",
        topic="Meals this week",
        created=date(2025, 3, 10),
        rng=random.Random(seed),
        life_stage="homemaker",
        interests=("cooking",),
        locale=locale_for(country),
        country_code=country,
    )


def _text(art: Artifact) -> str:
    return extract_text(f"x.{art.kind}", art.to_bytes())


def _rows(art: Artifact) -> list[list[str]]:
    return [line.split("\t") for line in _text(art).splitlines() if "\t" in line]


@pytest.mark.parametrize("country", ["SE", "GB", "US", "DE"])
def test_shopping_items_sit_in_their_own_aisle_and_units_fit_the_country(country: str) -> None:
    aisles = {"peas": "Frozen", "Milk": "Dairy", "Mozzarella": "Dairy", "Bread": "Bakery", "Spaghetti": "Dry goods"}
    seen = 0
    for seed in range(6):
        for row in _rows(build_artifact("meal_plan", _home(country, seed), "docx")):
            item, aisle = row[0], row[1]
            for word, want in aisles.items():
                if word in item:
                    seen += 1
                    assert aisle == want, (item, aisle)
            if country != "GB":
                assert "pint" not in item, (country, item)
            if country not in ("US", "GB"):
                assert not re.search(r"\b(lb|oz|gallon)\b", item), (country, item)
    assert seen >= 6


def test_a_farmers_quote_goes_to_a_farm_business_not_an_events_promoter() -> None:
    orgs = set()
    for seed in range(12):
        ctx = ArchetypeContext(
            owner_name="Dale Carter",
            owner_role="farmer",
            organisation="Carter Farm",
            org_type="farm",
            topic="Spring hay sales",
            created=date(2025, 4, 2),
            rng=random.Random(seed),
            life_stage="self_employed",
            family="agriculture_farming",
            locale=locale_for("US"),
            country_code="US",
        )
        for kind in ("quote", "invoice"):
            art = build_artifact(kind, ctx, "docx")
            orgs.add(_text(art).split("Scope of work")[0].split("Services supplied")[0])
            orgs.add(art.filename)
    text = " ".join(orgs)
    assert not re.search(r"Promotions|Events|Dental|Nursery School", text), text


def test_researchers_keep_no_markbook_and_lecturers_mark_module_groups() -> None:
    postdoc = resolve_persona("A postdoctoral researcher in immunology at a university in Leiden")
    assert "markbook" not in {a.id for a in archetypes_for(postdoc)}
    lecturer = ArchetypeContext(
        owner_name="Ana Ruiz",
        owner_role="senior lecturer in biology",
        organisation="University of Leeds",
        org_type="university",
        topic="Year 2 marking",
        created=date(2025, 5, 2),
        rng=random.Random(2),
        family="academic_research",
        locale=locale_for("GB"),
        country_code="GB",
    )
    title = build_artifact("markbook", lecturer).title
    assert not re.search(r"9X2|10B|7C|Grade 8|Year 12", title), title


def test_a_retirees_medical_appointments_get_no_purchase_order() -> None:
    ctx = plan_context(resolve_persona("A WWII veteran who didn't finish high school"), seed=7)
    for plan in ctx.plans:
        kinds = {a.id for a in project_archetypes(ctx, plan, 3, set())}
        assert not kinds & {"purchase_order", "quote", "invoice", "contract", "risk_register", "price_list"}, (
            plan.name,
            kinds,
        )


def test_photos_carry_only_cameras_and_firmware_out_by_the_day_they_were_taken() -> None:
    checked = 0
    for row in _CAMERAS:
        make, model, versions, f_number, focal, focal35, lens = row
        camera = Camera(make, model, versions[-1], f_number, focal, focal35, lens)
        for year in range(2018, 2026):
            day = date(year, 6, 15)
            device = camera.at(day)
            assert device.make == make
            assert released(device.model) <= day, (model, day, device.model)
            data = photo_jpeg(random.Random(year), 64, 48, taken=datetime(year, 6, 15, 12), camera=camera)
            exif = Image.open(io.BytesIO(data)).getexif()
            assert exif[272] == device.model and exif[305] == device.software  # Model, Software
            checked += 1
    assert checked == len(_CAMERAS) * 8
    # today's photo keeps the drawn device and its software
    phone = camera_for(random.Random(5), "macos")
    assert phone.at(date(2025, 12, 1)) == phone or phone.at(date(2025, 12, 1)).model == phone.model
    assert phone.at(date(2030, 1, 1)).software == phone.software

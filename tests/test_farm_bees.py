"""A beekeeper's computer reads like a beekeeper's (issue 11): hive inspections, the honey extraction, honey sales
and the supplier's bills, never a brief, a variance report or a cattle sale account; the honey sold in jars never
exceeds the honey extracted that season."""

from __future__ import annotations

import io
import re
from collections import defaultdict

import openpyxl
import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers._generator import GeneratedComputer
from synthcomp_agents.personas import classify_persona

BEEKEEPERS = (
    ("A beekeeper in Vermont", 7),
    ("A beekeeper who sells honey at the farmers' market", 7),
    ("A beekeeper in Devon, England", 3),
)
_GRAMS = {"1 lb jar": 454, "8 oz jar": 227, "2 lb jar": 907, "500 g jar": 500, "250 g jar": 250, "1 kg jar": 1000}
_NOT_BEES = {"livestock_sale_record", "herd_register", "harvest_record", "project_brief", "variance_report"}


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _rows(c: GeneratedComputer, path: str, sheet: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(path)))
    return list(book[sheet].iter_rows(values_only=True))


@pytest.mark.parametrize(("persona", "seed"), BEEKEEPERS)
def test_a_beekeeper_keeps_hive_and_honey_papers_not_cattle(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    kinds = {str(f.archetype) for f in c.blueprint.file_list}
    assert {"hive_inspection_record", "honey_extraction_record", "honey_sales_record"} <= kinds, sorted(kinds)
    wrong = [(f.archetype, f.path) for f in c.blueprint.file_list if f.archetype in _NOT_BEES]
    assert not wrong, wrong
    # the user's own projects and records (an old laptop's backup from a past farm job may keep its herd register)
    own = [f.path for f in c.blueprint.file_list if f.project_id]
    assert not [p for p in own if re.search(r"cattle|herd register|sale account", p, re.I)]
    record = next(f.path for f in c.blueprint.file_list if f.archetype == "hive_inspection_record")
    rows = _rows(c, record, "Inspections")
    assert rows[0][:4] == ("Hive", "Date", "Queen seen", "Frames of brood"), rows[0]
    assert "Varroa" in str(rows[0][6]) and rows[0][7] == "Treatment"
    assert len(rows) > 20 and any(isinstance(r[6], int) for r in rows[1:]), "no varroa count in the season"


@pytest.mark.parametrize(("persona", "seed"), BEEKEEPERS)
def test_honey_sold_in_jars_never_exceeds_the_honey_extracted(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    extracted: dict[str, float] = {}
    sold: dict[str, float] = defaultdict(float)
    for f in c.blueprint.file_list:
        if f.archetype == "honey_extraction_record":
            rows = _rows(c, f.path, "Extraction")
            year = str(rows[1][1])[:4]
            assert year not in extracted, f"two extraction records for {year}"
            extracted[year] = sum(float(str(r[3])) for r in rows[1:-1])
            assert all(15.0 < float(str(r[4])) < 19.0 for r in rows[1:-1]), "moisture out of range"
        elif f.archetype == "honey_sales_record":
            year = str(_rows(c, f.path, "Honey")[1][0]).split()[-1]
            for r in _rows(c, f.path, "Sales")[1:-1]:
                sold[year] += int(str(r[3])) * _GRAMS[str(r[2])] / 1000
    assert sold and extracted
    for year, kg in sold.items():
        assert year in extracted, f"honey sold from {year} but no extraction that year"
        assert 0 < kg <= extracted[year] + 0.05, (year, kg, extracted[year])


def test_the_shop_invoice_bills_the_jars_the_sales_record_gave_the_shop() -> None:
    c = _computer("A beekeeper in Vermont", 7)
    checked = 0
    for inv in c.blueprint.file_list:
        text = file_text(c, inv.path) if inv.archetype == "invoice" else ""
        if "Delivered\tJar\tJars" not in text:
            continue
        shop = re.search(r"To (.+), \d{4}-\d{2}-\d{2}", text)
        assert shop, text
        billed = sum(int(n) for n in re.findall(r"\d{4}-\d{2}-\d{2}\t[^\t\n]+\t(\d+)\t", text))
        sales = [f.path for f in c.blueprint.file_list
                 if f.archetype == "honey_sales_record" and f.project_id == inv.project_id]  # fmt: skip
        assert len(sales) == 1, sales
        given = sum(int(str(r[3])) for r in _rows(c, sales[0], "Sales")[1:-1] if r[1] == shop.group(1))
        assert billed == given > 0, (inv.path, billed, given)
        checked += 1
    assert checked


@pytest.mark.parametrize(("persona", "seed"), BEEKEEPERS)
def test_the_hives_extracted_are_the_hives_inspected(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    inspected = {
        str(r[0])
        for f in c.blueprint.file_list
        if f.archetype == "hive_inspection_record"
        for r in _rows(c, f.path, "Inspections")[1:]
    }
    extracted = {
        str(r[0])
        for f in c.blueprint.file_list
        if f.archetype == "honey_extraction_record"
        for r in _rows(c, f.path, "Extraction")[1:-1]
    }
    assert extracted and extracted <= inspected, extracted - inspected


def test_the_farm_accounts_repeat_each_honey_sales_total() -> None:
    c = _computer("A beekeeper in Vermont", 7)
    booked: dict[str, float] = {}
    for f in c.blueprint.file_list:
        if f.archetype == "farm_accounts":
            for r in _rows(c, f.path, "Income")[1:-1]:
                booked[str(r[2])] = float(str(r[3]))
    sales = [f.path for f in c.blueprint.file_list if f.archetype == "honey_sales_record"]
    assert sales
    for path in sales:
        rows = _rows(c, path, "Sales")[1:-1]
        total = round(sum(int(str(r[3])) * float(str(r[4])) for r in rows), 2)
        assert booked.get(path.rsplit("/", 1)[1]) == pytest.approx(total), (path, total)


@pytest.mark.parametrize(
    ("persona", "seed"),
    [*BEEKEEPERS, ("An apiarist in Bavaria who sells honey at the weekly market", 4), ("A bee farmer in Otago", 2)],
)
def test_a_beekeepers_minutes_speak_of_bees_never_bushels_or_cattle(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    minutes = [f.path for f in c.blueprint.file_list if f.archetype == "meeting_minutes"]
    for path in minutes:
        text = file_text(c, path)
        assert not re.search(r"bushel|heifer|silage|milk price|feeder cattle|grain", text, re.I), (path, text)
    assert minutes, "a bee farm minutes its meetings"
    assert any(re.search(r"hive|honey|varroa|swarm|colon|queen", file_text(c, p), re.I)
               for p in minutes)  # fmt: skip


@pytest.mark.parametrize(
    "persona",
    [
        "An apiarist in Bavaria who sells honey at the weekly market",
        "An apiarist in Bavaria",
        "An apiculturist in Oregon who breeds queens",
        "A honey producer in New Zealand who exports manuka honey",
        "A Bavarian apiarist who promotes local honey through social media",
    ],
)
def test_an_apiarist_is_a_beekeeper_not_a_marketer(persona: str) -> None:
    p = classify_persona(persona)
    assert p.family == "agriculture_farming", (persona, p.family)
    assert p.life_stage in ("self_employed", "small_business_owner"), (persona, p.life_stage)
    c = _computer(persona, 5)
    kinds = {str(f.archetype) for f in c.blueprint.file_list}
    assert {"hive_inspection_record", "honey_sales_record"} & kinds, sorted(kinds)

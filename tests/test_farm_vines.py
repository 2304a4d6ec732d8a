"""A vineyard's computer reads like a grower's and winemaker's (issue 11): the block register, the spray diary, the
pick record, the crush, the bottling run and the wine sales, never a brief, a variance report or a grain settlement;
the harvest falls in the hemisphere's months, the litres come from the tonnes picked, the bottles from the litres,
the sales never sell more than was bottled, and the accounts repeat each bill and sale."""

from __future__ import annotations

import io
import random
import re
from collections import defaultdict
from datetime import datetime, timedelta

import openpyxl
import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers._content import pick_measure
from synthcomp_agents.computers._generator import GeneratedComputer
from synthcomp_agents.personas import classify_persona

# persona, seed, harvest months, sugar column
VINEYARDS = (
    ("A winemaker in Mendoza who makes Malbec", 7, {2, 3, 4}, "Brix"),
    ("A vintner in the Mosel who grows Riesling", 3, {9, 10}, "Oe"),
    ("A small vineyard owner in Sonoma who sells at the cellar door", 5, {9, 10}, "Brix"),
)
_OFFICE = {"variance_report", "project_brief", "supplier_business_review", "update_deck", "steering_deck",
           "livestock_sale_record", "herd_register", "grain_settlement", "harvest_record"}  # fmt: skip


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _rows(c: GeneratedComputer, path: str, sheet: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(path)))
    return list(book[sheet].iter_rows(values_only=True))


def _of(c: GeneratedComputer, archetype: str) -> list[str]:
    return [f.path for f in c.blueprint.file_list if f.archetype == archetype]


@pytest.mark.parametrize(("persona", "seed", "months", "sugar"), VINEYARDS)
def test_a_vineyard_keeps_vineyard_papers_not_the_office_chain(
    persona: str, seed: int, months: set[int], sugar: str
) -> None:
    c = _computer(persona, seed)
    kinds = {str(f.archetype) for f in c.blueprint.file_list}
    # the vintage, the wine and the books every time; the spray diary and register when a project keeps them
    assert {"grape_pick_record", "crush_record", "bottling_record", "wine_sales_record", "farm_accounts"} <= kinds
    own = [(f.archetype, f.path) for f in c.blueprint.file_list if f.project_id and f.archetype in _OFFICE]
    assert not own, own
    # no workbook of the user's projects is an office's plan/actual/variance tracker
    assert not [f.path for f in c.blueprint.file_list if f.project_id and f.archetype == "tracking_workbook"]


@pytest.mark.parametrize(("persona", "seed", "months", "sugar"), VINEYARDS)
def test_the_harvest_falls_in_the_hemispheres_months(persona: str, seed: int, months: set[int], sugar: str) -> None:
    c = _computer(persona, seed)
    picks = _of(c, "grape_pick_record")
    assert picks
    for path in picks:
        rows = _rows(c, path, "Picks")
        assert sugar in str(rows[0][5]), rows[0]
        for r in rows[1:-1]:
            assert isinstance(r[0], datetime) and r[0].month in months, (path, r)
            assert str(r[4]).replace(".", "").isdigit() and float(str(r[4])) > 0
            ph = float(str(r[7]))
            assert 2.9 < ph < 4.0, r


@pytest.mark.parametrize(("persona", "seed", "months", "sugar"), VINEYARDS)
def test_tonnes_litres_bottles_and_sales_agree(persona: str, seed: int, months: set[int], sugar: str) -> None:
    c = _computer(persona, seed)
    fruit: dict[str, float] = {}
    for path in _of(c, "grape_pick_record"):
        rows = _rows(c, path, "Picks")
        fruit[path.rsplit(" ", 1)[1][:4]] = sum(float(str(r[4])) for r in rows[1:-1])
    litres: dict[str, float] = defaultdict(float)
    for path in _of(c, "crush_record"):
        year = path.rsplit(" ", 1)[1][:4]
        rows = _rows(c, path, "Lots")
        crushed = sum(float(str(r[4])) for r in rows[1:-1])
        assert crushed == pytest.approx(fruit[year], abs=0.05), (path, crushed, fruit[year])
        for r in rows[1:-1]:
            litres[str(r[1])] += float(str(r[9]))
            per = float(str(r[9])) / float(str(r[4]))
            assert 500 < per < 800 or 130 < per < 200, (path, r)  # litres a tonne, or gallons a ton
    assert litres
    bottled: dict[str, int] = {}
    for path in _of(c, "bottling_record"):
        rows = _rows(c, path, "Bottling")
        case = int(str(rows[0][4]).split()[-1])
        for r in rows[1:-1]:
            wine, bottles = str(r[0]), int(str(r[3]))
            assert bottles % case == 0, (wine, bottles, case)
            wine_vol = litres[wine] * (3.78541 if "gal" in str(rows[0][2]) else 1.0)
            assert 0 < bottles * 0.75 <= wine_vol, (wine, bottles, litres[wine])
            bottled[wine] = bottles
    sold: dict[str, int] = defaultdict(int)
    for path in _of(c, "wine_sales_record"):
        for r in _rows(c, path, "Sales")[1:-1]:
            sold[str(r[2])] += int(str(r[4]))
            if r[3] is not None:
                case = int(str(_rows(c, path, "Sales")[0][3]).split()[-1])
                assert int(str(r[4])) == int(str(r[3])) * case, r
    assert sold
    for wine, n in sold.items():
        assert wine in bottled, f"{wine} sold but never bottled"
        assert 0 < n <= bottled[wine], (wine, n, bottled[wine])


@pytest.mark.parametrize(("persona", "seed", "months", "sugar"), VINEYARDS)
def test_no_spray_goes_on_inside_its_withholding_period_before_the_first_pick(
    persona: str, seed: int, months: set[int], sugar: str
) -> None:
    c = _computer(persona, seed)
    first_pick = {}
    for path in _of(c, "grape_pick_record"):
        rows = _rows(c, path, "Picks")
        first_pick[path.rsplit(" ", 1)[1][:4]] = min(r[0] for r in rows[1:-1])  # type: ignore[type-var]
    diaries = _of(c, "spray_diary")
    assert diaries
    for path in diaries:
        year = path.rsplit(" ", 1)[1][:4]
        rows = _rows(c, path, "Sprays")
        assert rows[0][:5] == ("Date", "Blocks", "Product", "Target", rows[0][4]) and "Rate" in str(rows[0][4])
        for r in rows[1:]:
            assert r[8] == r[0] + timedelta(days=int(str(r[7]))), r  # type: ignore[operator]
            if year in first_pick:
                assert r[8] < first_pick[year], (path, r, first_pick[year])  # type: ignore[operator]


def test_the_farm_accounts_repeat_each_wine_sale_and_bill() -> None:
    c = _computer("A winemaker in Mendoza who makes Malbec", 7)
    booked: dict[str, float] = {}
    for path in _of(c, "farm_accounts"):
        for sheet in ("Income", "Expenses"):
            for r in _rows(c, path, sheet)[1:-1]:
                booked[str(r[2])] = float(str(r[3]))
    sales = _of(c, "wine_sales_record")
    assert sales
    for path in sales:
        rows = _rows(c, path, "Sales")[1:-1]
        total = round(sum(int(str(r[4])) * float(str(r[5])) for r in rows), 2)
        assert booked.get(path.rsplit("/", 1)[1]) == pytest.approx(total), (path, total)
    bills = [f.path for f in c.blueprint.file_list
             if f.archetype == "invoice" and re.search(r"(Spray|Bottling|Picking|Vines) bill", f.path)]  # fmt: skip
    assert len(bills) >= 3, bills
    for path in bills:
        text = file_text(c, path)
        assert path.rsplit("/", 1)[1] in booked, path
        assert "Total due" in text


def test_the_bottling_bill_buys_what_the_bottling_run_bottled() -> None:
    c = _computer("A winemaker in Mendoza who makes Malbec", 7)
    checked = 0
    for run in _of(c, "bottling_record"):
        rows = _rows(c, run, "Bottling")
        bottles = sum(int(str(r[3])) for r in rows[1:-1])
        case = int(str(rows[0][4]).split()[-1])
        day = str(rows[1][1])[:10]
        bill = next(p for p in _of(c, "invoice") if "Bottling bill" in p and day in p)
        text = file_text(c, bill)
        cartons = re.search(rf"Cartons for {case} bottles\t([\d,.]+)\t", text)
        assert cartons and int(cartons.group(1).replace(",", "")) == bottles // case, text
        checked += 1
    assert checked


@pytest.mark.parametrize(
    ("persona", "country", "own"),
    [
        ("A winemaker in Mendoza who makes Malbec", "AR", True),
        ("A vintner in the Mosel who grows Riesling", "DE", True),
        ("A small vineyard owner in Sonoma who sells at the cellar door", "US", True),
        ("A winegrower in Stellenbosch", "ZA", True),
        ("A winemaker in the Barossa Valley", "AU", True),
    ],
)
def test_a_vintner_is_a_farmer_in_the_wine_region_he_names(persona: str, country: str, own: bool) -> None:
    p = classify_persona(persona)
    assert p.family == "agriculture_farming", (persona, p.family)
    assert p.country_code == country, (persona, p.country_code)
    assert (p.life_stage in ("self_employed", "small_business_owner")) is own, (persona, p.life_stage)


def test_a_grain_farm_counts_no_grapes_or_honey_and_a_vineyard_no_milk() -> None:
    seen: dict[str, set[str]] = {"A Kentucky farmer": set(), "A vintner in the Mosel who grows Riesling": set()}
    for persona, names in seen.items():
        for seed in range(60):
            m = pick_measure("agriculture_farming", "Odd jobs", "", random.Random(seed), persona=persona)
            assert m is not None
            names.add(m.name)
    assert not {n for n in seen["A Kentucky farmer"] if re.search(r"grape|wine|honey|sprayed", n)}, seen
    assert not {n for n in seen["A vintner in the Mosel who grows Riesling"] if re.search(r"milk|calves|head", n)}
    assert {"tonnes of grapes picked", "bottles of wine sold"} <= seen["A vintner in the Mosel who grows Riesling"]

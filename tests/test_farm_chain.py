"""A farm's computer reads like a farm's (issue 11): its projects keep field records, yield sheets, settlements, herd
registers, sale accounts, feed budgets and loan papers in the country's units, never a brief, a variance report, a
steering deck or a timesheet; a harvest's total is the same on the yield sheet and the buyer's settlement, and the
farm's accounts are kept once a year and repeat each paper's total."""

from __future__ import annotations

import io
import re
from collections import Counter

import openpyxl
import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers import ProceduralComputerGenerator
from synthcomp_agents.computers._generator import GeneratedComputer

# (persona, seed, imperial units)
FARMS = (
    ("A Kentucky farmer", 7, True),
    ("A dairy farmer in Wisconsin", 3, True),
    ("A widow in rural Iowa who keeps the family farm going", 2, True),
    ("A sheep farmer in New Zealand", 7, False),
    ("A rice farmer in the Mekong Delta, Vietnam", 7, False),
    ("A rice farmer in Niigata, Japan", 3, False),
)
_OFFICE = {"project_brief", "variance_report", "update_deck", "project_register", "timesheet", "expense_claim"}
_FARM_WORDS = re.compile(
    r"\b(field|crop|variety|planted|harvest\w*|bushels?|tonnes?|yield|moisture|ticket|tag|breed|heifers?|steers?|wethers?|"
    r"lambs?|calf|calves|cows?|bales?|hay|seed|insured|indemnity|loan|trade-in|milk|butterfat|pickups?|head|shorn|mob|"
    r"tractor|combine|planter|transplanter|dam|born|birth|withdrawal|treatments?|drench|vaccine|grazing|mown|"
    r"baled)\b",
    re.I,
)


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _text(c: GeneratedComputer, path: str) -> str:
    return file_text(c, path).replace("\u00a0", " ").replace("\u202f", " ")


def _sheet(c: GeneratedComputer, path: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(path)))
    return list(book.worksheets[0].iter_rows(values_only=True))


def _number(text: str) -> float:
    """A figure as a document writes it ('12,340', '12.340', '1,234.50', '1.234 ₫')."""
    body = re.sub(r"[^\d.,]", "", text)
    if re.search(r"[.,]\d{1,2}$", body):  # decimals
        whole, dec = body[:-3] if body[-3] in ".," else body[:-2], body[-2:].lstrip(".,")
        return float(re.sub(r"\D", "", whole) + "." + dec)
    return float(re.sub(r"\D", "", body))


def _projects(c: GeneratedComputer) -> dict[str, str]:
    return {p.project_id: p.name for p in c.blueprint.project_index.projects if p.project_id.startswith("p")}


@pytest.mark.parametrize(("persona", "seed", "imperial"), FARMS)
def test_a_farm_keeps_no_office_papers(persona: str, seed: int, imperial: bool) -> None:
    c = _computer(persona, seed)
    office = [f.path for f in c.blueprint.file_list if f.archetype in _OFFICE]
    assert not office, office
    named = [
        f.path for f in c.blueprint.file_list if re.search(r"\bbrief\b|Timesheet|Admin/Expenses|update.*\.pptx", f.path)
    ]
    assert not named, named
    # no "annual farm accounts" report per project: accounts live once, outside the projects
    per_project = [f.path for f in c.blueprint.file_list if f.project_id and re.search(r"farm accounts", f.path, re.I)]
    assert not per_project, per_project


@pytest.mark.parametrize(("persona", "seed", "imperial"), FARMS)
def test_every_farm_project_holds_farm_records(persona: str, seed: int, imperial: bool) -> None:
    c = _computer(persona, seed)
    for pid, name in _projects(c).items():
        papers = [
            f for f in c.blueprint.file_list if f.project_id == pid and f.path.endswith((".xlsx", ".pdf", ".docx"))
        ]
        assert papers, (persona, name)
        for f in papers:
            words = set(m.casefold() for m in _FARM_WORDS.findall(_text(c, f.path)))
            assert len(words) >= 2, (f.path, words)
        mail = [f for f in c.blueprint.file_list if f.project_id == pid and f.path.endswith(".eml")]
        senders = {re.search(r"^From: (.*)$", _text(c, f.path), re.M).group(1) for f in mail}  # type: ignore[union-attr]
        assert len(senders) <= 2, (name, senders)  # the farmer and the project's one counterpart


@pytest.mark.parametrize(("persona", "seed", "imperial"), FARMS)
def test_harvest_totals_agree_across_files(persona: str, seed: int, imperial: bool) -> None:
    c = _computer(persona, seed)
    checked = 0
    for pid in _projects(c):
        files = [f for f in c.blueprint.file_list if f.project_id == pid]
        yields = [f for f in files if f.archetype == "harvest_record"]
        settlements = [f for f in files if f.archetype == "grain_settlement"]
        if not yields:
            continue
        assert len(settlements) == 1, [f.path for f in files]
        rows = _sheet(c, yields[0].path)
        header = [str(h) for h in rows[0]]
        col = next(i for i, h in enumerate(header) if h.startswith("Harvested"))
        fields = [r for r in rows[1:] if r[0] != "Total"]
        total = next(r for r in rows[1:] if r[0] == "Total")
        letter = "ABCDEFGHIJ"[col]
        assert total[col] == f"=SUM({letter}2:{letter}{len(fields) + 1})"  # the sheet adds up its own fields
        harvested = round(sum(float(str(r[col])) for r in fields), 2)
        text = _text(c, settlements[0].path)
        delivered = re.search(r"Total delivered: ([\d.,]+) (bu|t) gross", text)
        assert delivered, text[-300:]
        assert _number(delivered.group(1)) == pytest.approx(harvested, abs=0.01)
        assert delivered.group(2) == ("bu" if imperial else "t")
        # what the buyer paid is the income the year's accounts book against this settlement
        paid = re.search(r"Amount paid: (.+?)\. ", text)
        assert paid
        books = [f for f in c.blueprint.file_list if f.archetype == "farm_accounts"]
        booked = [
            r[3]
            for b in books
            for ws in openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(b.path))).worksheets
            if ws.title == "Income"
            for r in ws.iter_rows(min_row=2, values_only=True)
            if r[2] == settlements[0].path.rsplit("/", 1)[1]
        ]
        assert booked and _number(paid.group(1)) == pytest.approx(float(str(booked[0])), abs=1.0)
        checked += 1
    crops = not re.search(r"sheep|dairy", persona)
    assert checked or not crops or not any(re.search(r"harvest|paddy", n, re.I) for n in _projects(c).values()), (
        "a crop farm with a harvest project has a yield sheet"
    )


@pytest.mark.parametrize(("persona", "seed", "imperial"), FARMS)
def test_farm_accounts_once_a_year(persona: str, seed: int, imperial: bool) -> None:
    c = _computer(persona, seed)
    books = [f.path for f in c.blueprint.file_list if f.archetype == "farm_accounts"]
    years = Counter(re.search(r"(\d{4})\.xlsx$", p).group(1) for p in books)  # type: ignore[union-attr]
    assert books and all(n == 1 for n in years.values()), books
    for path in books:
        summary = {r[0]: r[1] for r in _sheet(c, path)[1:]}
        assert summary["Net farm income"] == pytest.approx(summary["Income"] - summary["Expenses"], abs=0.01)  # type: ignore[operator]


@pytest.mark.parametrize(("persona", "seed", "imperial"), FARMS)
def test_the_country_units(persona: str, seed: int, imperial: bool) -> None:
    c = _computer(persona, seed)
    headers = " ".join(
        str(h)
        for f in c.blueprint.file_list
        if (f.project_id or "").startswith("p") and f.path.endswith(".xlsx")
        for h in _sheet(c, f.path)[0]
    )
    area = re.findall(r"\((ac|ha)\)|per (ac|ha)\b", headers)
    weights = re.findall(r"\((lb|kg|bu|t)\)", headers)
    assert area or weights, headers
    found = {u for pair in area for u in pair if u} | set(weights)
    expected = {"ac", "bu", "lb"} if imperial else {"ha", "t", "kg"}
    assert found <= expected, (persona, found)


def test_same_seed_same_bytes() -> None:
    a = _computer("A sheep farmer in New Zealand", 7)  # the shared one, generated for the other tests
    b = ProceduralComputerGenerator().generate("A sheep farmer in New Zealand", seed=7)
    paths = sorted(
        f.path for f in a.blueprint.file_list if (f.project_id or "").startswith("p") or f.archetype == "farm_accounts"
    )
    assert paths == sorted(
        f.path for f in b.blueprint.file_list if (f.project_id or "").startswith("p") or f.archetype == "farm_accounts"
    )
    assert all(a.disk.read_bytes(p) == b.disk.read_bytes(p) for p in paths)


@pytest.mark.parametrize(("persona", "seed"), [("A Kentucky farmer", 7), ("A sheep farmer in New Zealand", 7)])
def test_the_sale_account_sells_the_animals_the_register_marks_sold(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    checked = 0
    for pid in _projects(c):
        files = [f for f in c.blueprint.file_list if f.project_id == pid]
        registers = [f for f in files if f.archetype == "herd_register"]
        accounts = [f for f in files if f.archetype == "livestock_sale_record"]
        if not accounts:
            continue
        rows = _sheet(c, registers[0].path)
        sold = [r for r in rows[1:] if str(r[-1]).startswith("Sold")]
        text = _text(c, accounts[0].path)
        head = re.search(r"Head sold: (\d+)\.", text)
        assert head and int(head.group(1)) == len(sold), (accounts[0].path, len(sold))
        book = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(registers[0].path)))
        status = {r[0]: r[1:] for r in book["By status"].iter_rows(min_row=2, values_only=True)}
        assert status["Sold"][0] == len(sold)
        checked += 1
    assert checked == 1


_OFFICE_LOG = re.compile(r"variance|restated|\bplan(ned)?\b.{0,40}\bactual\b", re.I | re.S)


@pytest.mark.parametrize(("persona", "seed", "imperial"), FARMS)
def test_standing_responsibilities_keep_a_farms_papers(persona: str, seed: int, imperial: bool) -> None:
    """A farm's recurring folders hold the vet's visit notes, the newsletter's issues, the visits' notes: no cycle
    workbook with plan, actual and variance, and nothing 'restated after review'."""
    c = _computer(persona, seed)
    standing = [p for p in c.blueprint.project_index.projects if p.kind != "project"]
    assert standing
    for p in standing:
        files = [f for f in c.blueprint.file_list if f.path.startswith(p.folder + "/")]
        assert files or re.search(r"accounts|tax|bookkeeping", p.name, re.I), p.name
        assert not [f.path for f in files if f.archetype == "tracking_workbook"]
        for f in files:
            assert not _OFFICE_LOG.search(_text(c, f.path)), f.path
        kinds = {f.archetype for f in files}
        if re.search(r"newsletter", p.name, re.I):
            assert "newsletter" in kinds, p.name
        if re.search(r"\bvet\b", p.name, re.I):
            notes = [f.path for f in files if f.archetype == "vet_visit_notes"]
            assert notes and all(re.search(r"animals treated", _text(c, n)) for n in notes)

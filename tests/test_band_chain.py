"""A gigging band's computer holds the band's own papers (bookings, setlists, settlements, merch counts), whose
figures agree with each other, and none of an office's (briefs, variance reports, timesheets, restated figures)."""

from __future__ import annotations

import io
import posixpath
import re
from typing import Any

import docx
import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.office import evaluate_workbook

BANDS = (
    ("A guitarist in a punk band in Seattle", 7),
    ("A heavy metal musician who loves boxing", 11),
    ("A drummer who teaches lessons on weekends", 7),
    ("A bass player in a rock band in Manchester", 3),
    ("músico de jazz en Buenos Aires", 5),
)
_OFFICE = {"project_brief", "variance_report", "timesheet", "expense_claim", "project_register", "update_deck"}
_CORPORATE = re.compile(
    r"\b(group|ltd|limited|inc|llc|plc|gmbh|s\.?a\.?|pvt|partners|holdings|corp\w*|& co|associates|consulting|"
    r"solutions|software|press|media|systems|industries)\b",
    re.IGNORECASE,
)


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _files(c: GeneratedComputer, archetype: str) -> list[str]:
    return sorted(f.path for f in c.blueprint.file_list if f.archetype == archetype)


def _money(text: str) -> float:
    """The first amount of ``text`` (``$1,234.50``, ``1.234,50 €``, ``£250.00``) as a number."""
    found = re.search(r"\d[\d.,\u00a0\u202f ]*\d|\d", text)
    assert found, text
    digits = re.sub(r"[^\d.,]", "", found.group(0))
    if re.search(r"[.,]\d{2}$", digits):
        whole, cents = digits[:-3], digits[-2:]
        return float(re.sub(r"[.,]", "", whole) + "." + cents)
    return float(re.sub(r"[.,]", "", digits))


def _seconds(clock: str) -> int:
    minutes, seconds = clock.split(":")
    return int(minutes) * 60 + int(seconds)


def _booking(c: GeneratedComputer, path: str) -> dict[str, str]:
    table = docx.Document(io.BytesIO(c.disk.read_bytes(path))).tables[0]
    return {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}


def _bookings(c: GeneratedComputer, folder: str) -> dict[str, dict[str, str]]:
    """The project's bookings by show date (``YYYY-MM-DD``, from the file name)."""
    out = {}
    for path in _files(c, "gig_booking"):
        if path.startswith(folder + "/"):
            day = re.search(r"(\d{4}-\d{2}-\d{2})\.docx$", path)
            assert day, path
            out[day.group(1)] = _booking(c, path)
    return out


def _project_folder(c: GeneratedComputer, path: str) -> str:
    return next(p.folder for p in c.blueprint.project_index.projects if path.startswith(p.folder + "/"))


def _sheet(values: dict[str, dict[str, object]], name: str) -> list[list[Any]]:
    cells = values[name]
    rows: dict[int, dict[str, object]] = {}
    for ref, v in cells.items():
        m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
        assert m
        rows.setdefault(int(m.group(2)), {})[m.group(1)] = v
    width = max(len(c) for c in rows.values())
    return [[rows[r].get(chr(65 + k)) for k in range(width)] for r in sorted(rows)]


@pytest.mark.parametrize(("persona", "seed"), BANDS)
def test_a_band_keeps_no_office_papers(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    kinds = {f.archetype for f in c.blueprint.file_list}
    assert not kinds & _OFFICE, kinds & _OFFICE
    paths = [f.path for f in c.blueprint.file_list]
    assert not [p for p in paths if re.search(r"restated|_brief_v\d|Timesheet", p)]
    # the band's own papers are there instead
    assert {"gig_booking", "setlist", "gig_settlement", "merch_count"} <= kinds


@pytest.mark.parametrize(("persona", "seed"), BANDS)
def test_setlists_fill_the_booked_slot(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    setlists = _files(c, "setlist")
    assert setlists
    for path in setlists:
        rows = [
            [cell.text for cell in r.cells] for r in docx.Document(io.BytesIO(c.disk.read_bytes(path))).tables[0].rows
        ]
        songs = [r for r in rows[1:] if r[0].isdigit()]
        assert len(songs) >= 5 and len({r[1] for r in songs}) == len(songs), path  # no song twice in a set
        slot = next(r for r in rows if r[1] == "Slot")
        played = sum(_seconds(r[3]) for r in rows[1:] if r[1] != "Slot")
        assert played == _seconds(slot[3]), path
        gap = next(r for r in rows if r[1].startswith("Between songs"))
        assert 15 * (len(songs) - 1) <= _seconds(gap[3]) <= 60 * len(songs), path  # tuning and a word, not a jam
        # the slot is the booking's
        day = re.search(r"(\d{4}-\d{2}-\d{2})\.docx$", path)
        assert day
        booking = _bookings(c, _project_folder(c, path))[day.group(1)]
        booked = re.search(r"\((\d+) minutes\)", booking["Set time"])
        assert booked and int(booked.group(1)) * 60 == _seconds(slot[3]), (path, booking["Set time"])


@pytest.mark.parametrize(("persona", "seed"), BANDS)
def test_settlements_agree_with_bookings_and_merch_counts(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    settlements = _files(c, "gig_settlement")
    assert settlements
    for path in settlements:
        folder = _project_folder(c, path)
        bookings = _bookings(c, folder)
        sheet = evaluate_workbook(c.disk.read_bytes(path))
        rows = _sheet(sheet, "Settlement")
        header, body, total = rows[0], rows[1:-1], rows[-1]
        found = re.search(r"Each of (\d+)", str(header[10]))
        assert found, header
        members = int(found.group(1))
        merch_path = posixpath.join(posixpath.dirname(path), "Merch counts.xlsx")
        counts = _sheet(evaluate_workbook(c.disk.read_bytes(merch_path)), "Counts")[1:-1]
        for day, _venue, deal, tickets, gross, door, fee, merch, costs, net, each, kitty in body:
            booking = bookings[str(day)]
            price = _money(booking["Tickets"].removesuffix(" advance and on the door"))
            assert gross == pytest.approx(float(tickets) * price), (path, day)
            if deal == "flat fee":
                assert fee == pytest.approx(_money(booking["Deal"])) and door == 0, (path, day)
            else:
                terms = re.search(r"(\d+)% of the door to the band after (.+) house costs", booking["Deal"])
                assert terms, booking["Deal"]
                pct, house = terms.groups()
                share = round(max(0.0, float(gross) - _money(house)) * int(pct) / 100, 2)
                assert door == pytest.approx(share) and fee == 0, (path, day)
            # the night's merch is what the merch count took that night
            takings = sum(float(r[3]) * (int(r[4]) - int(r[5])) for r in counts if r[0] == day)
            assert merch == pytest.approx(takings) and takings > 0, (path, day)
            assert net == pytest.approx(float(door) + float(fee) + float(merch) - float(costs))
            assert float(each) * members + float(kitty) == pytest.approx(float(net))
        assert total[9] == pytest.approx(sum(float(r[9]) for r in body))


@pytest.mark.parametrize(("persona", "seed"), BANDS)
def test_the_tour_budget_repeats_the_booked_fees(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    budgets = _files(c, "tour_budget")
    assert budgets
    for path in budgets:
        bookings = _bookings(c, _project_folder(c, path))
        rows = _sheet(evaluate_workbook(c.disk.read_bytes(path)), "Shows")[1:-1]
        assert sorted(str(r[0]) for r in rows) == sorted(bookings)
        for row in rows:
            deal = bookings[str(row[0])]["Deal"]
            assert row[4] == pytest.approx(_money(deal) if deal.startswith("Flat fee") else 0.0), (path, row)


@pytest.mark.parametrize(("persona", "seed"), BANDS)
def test_a_band_is_named_like_a_band(persona: str, seed: int) -> None:
    profile = _computer(persona, seed).blueprint.user_profile
    for name in (profile.employer, *(job.employer for job in profile.career_history)):
        assert not _CORPORATE.search(name), name


def test_an_orchestra_player_keeps_no_gig_settlements() -> None:
    c = _computer("A violinist in a symphony orchestra", 7)
    assert not _files(c, "gig_settlement") and not _files(c, "tour_budget")


def test_same_seed_same_band_files() -> None:
    """A band's computer generated again (here after other computers) has the same gig files, byte for byte."""
    persona, seed = BANDS[0]
    a = _computer(persona, seed)  # the shared one, generated for the tests above
    b = ProceduralComputerGenerator().generate(persona, seed=seed)
    paths = sorted(f.path for f in a.blueprint.file_list if f.archetype in {"gig_settlement", "setlist", "gig_booking"})
    assert paths and paths == sorted(
        f.path for f in b.blueprint.file_list if f.archetype in {"gig_settlement", "setlist", "gig_booking"}
    )
    assert all(a.disk.read_bytes(p) == b.disk.read_bytes(p) for p in paths)


_OFFICE_LOG = re.compile(r"variance|restated|\bplan(ned)?\b.{0,40}\bactual\b", re.I | re.S)


@pytest.mark.parametrize(("persona", "seed"), BANDS)
def test_standing_responsibilities_keep_a_bands_papers(persona: str, seed: int) -> None:
    """A band's recurring folders hold the rider, the agreement's split, the press kit and session notes: no cycle
    workbook with plan, actual and variance per venue, and nothing 'restated after review'."""
    c = _computer(persona, seed)
    standing = [p for p in c.blueprint.project_index.projects if p.kind != "project"]
    assert standing
    for p in standing:
        files = [f for f in c.blueprint.file_list if f.path.startswith(p.folder + "/")]
        assert files, p.name
        assert not [f.path for f in files if f.archetype == "tracking_workbook"]
        for f in files:
            assert not _OFFICE_LOG.search(file_text(c, f.path)), f.path
        kinds = {f.archetype for f in files}
        if re.search(r"\brider\b", p.name, re.I):
            assert "rider" in kinds, p.name
        if re.search(r"band agreement", p.name, re.I):
            [agreement] = [f.path for f in files if f.archetype == "band_agreement"]
            shares = re.findall(r"\t(\d+)\n", file_text(c, agreement) + "\n")
            assert shares and sum(int(s) for s in shares) == 100
        if re.search(r"press kit", p.name, re.I):
            assert sum(f.archetype == "press_kit" for f in files) == 2, p.name

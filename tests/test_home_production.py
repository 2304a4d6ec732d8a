"""What a persona makes or does at home or on placement reaches its files as that work's own record: a Sicilian
grandfather who presses his own olive oil keeps the season's picking and pressing, an intern the placement log."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import openpyxl
import pytest
from docx import Document
from generator_cache import generated


def _files(persona: str, seed: int, needle: str) -> dict[str, bytes]:
    computer = generated(persona, seed=seed)
    return {f.path: computer.disk.read_bytes(f.path) for f in computer.blueprint.file_list if needle in f.path}


@pytest.mark.parametrize("seed", [7, 11])
def test_a_grandfather_who_makes_olive_oil_keeps_the_seasons_picking_and_pressing(seed: int) -> None:
    found = _files("A grandfather in Sicily who makes his own olive oil", seed, "Olive")
    books = [data for p, data in found.items() if p.endswith(".xlsx")]
    assert books, sorted(found)
    sheet = openpyxl.load_workbook(io.BytesIO(books[0])).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Picked", "Grove", "Variety", "Olives (kg)"], header
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if isinstance(r[0], datetime | date)]
    assert len(rows) >= 4
    assert all(r[0].month in (10, 11, 12) for r in rows), [r[0] for r in rows]  # picked in the autumn, not July
    assert {r[2] for r in rows} <= {"Nocellara del Belice", "Biancolilla", "Cerasuola", "Ogliarola"}  # Sicily's own
    assert all(12 <= float(r[5]) <= 19 for r in rows)  # kilos of oil from 100 kg of olives
    assert all(str(r[6]).startswith("=ROUND(D") for r in rows)  # the oil is computed from olives and yield


def test_an_intern_keeps_a_placement_log_signed_off_week_by_week() -> None:
    found = _files("A summer intern at a bank in London", 5, "Placement log")
    docs = [data for p, data in found.items() if p.endswith(".docx")]
    assert docs, sorted(found)
    doc = Document(io.BytesIO(docs[0]))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "placement supervisor" in text
    table = doc.tables[0]
    weeks = [[c.text for c in row.cells] for row in table.rows[1:] if re.match(r"\d", row.cells[0].text)]
    hours = sum(int(w[2]) for w in weeks)
    said = re.search(r"(\d+) weeks so far, (\d+) hours", text) or re.search(r"(\d+) hours over (\d+) weeks", text)
    assert said is not None, text
    assert str(hours) in said.groups() and str(len(weeks)) in said.groups()
    days = [datetime.strptime(w[0], "%d %b %Y").date() for w in weeks]
    assert all(d.weekday() == 0 for d in days) and days == sorted(days)  # one row a week, Mondays

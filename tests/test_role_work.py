"""Roles within one family get their own month's work: a dentist, a radiologist and a paediatrician are no hospital
physician, a conveyancer and a criminal defence lawyer no in-house counsel (generated computers, read as text)."""

from __future__ import annotations

import re

import pytest

from synthcomp_agents.computers import ProceduralComputerGenerator
from synthcomp_agents.office import extract_text

_TEXT = (".docx", ".xlsx", ".pptx", ".md", ".txt", ".csv")
# the medicine and law families' stock work: a hospital physician's and an in-house counsel's
_MEDICINE_STOCK = re.compile(r"sepsis|first-year residents|nurse-led follow-up|outpatient waiting list", re.I)
_LAW_STOCK = re.compile(r"master services agreement|anti-bribery|record of processing|whistleblowing", re.I)
_HOME_OR_MEDICINE_STOCK = re.compile(
    r"garden club|family history|jobs after a layoff|sepsis|first-year residents|outpatient waiting list", re.I
)
_NURSING_STOCK = re.compile(r"night-shift rota|falls-reduction|agency shifts|electronic observations", re.I)
# a trade's stock is an electrician's; a construction site's inspection (rebar cover, cavity trays) is no garage's
_TRADE_STOCK = re.compile(r"kitchen rewiring|bathroom refit|electrical installation|rebar cover|cavity tray", re.I)
_HOSPITALITY_STOCK = re.compile(r"room block|three-day industry conference|wedding packages", re.I)
_FACILITIES_STOCK = re.compile(r"move of 250 staff|desk booking|cleaning and security contracts", re.I)


def _computer_text(text: str, seed: int) -> tuple[list[str], str]:
    c = ProceduralComputerGenerator().generate(text, seed=seed)
    try:
        names = [p.name for p in c.blueprint.project_index.projects if p.kind == "project"]
        parts = []
        for f in c.blueprint.file_list:
            if f.project_id and f.path.endswith(_TEXT) and f.target_size < 2**20:
                parts.append(f.path)
                parts.append(extract_text(f.path, c.disk.read_bytes(f.path)))
        return names, "\n".join(parts)
    finally:
        c.disk.close()


CASES = [
    ("A dentist in Bristol", 3, _MEDICINE_STOCK, ["recall", "crown", "NHS FP17 claims", "hygienist"]),
    ("A dentist in Denver, Colorado", 5, _MEDICINE_STOCK, ["recall", "crown", "dental insurance claims"]),
    (
        "A radiologist at a hospital in Chicago",
        4,
        _MEDICINE_STOCK,
        ["reporting worklist", "turnaround", "protocol", "MDT"],
    ),
    ("A paediatrician in Manchester", 2, _MEDICINE_STOCK, ["growth chart", "immunisation", "safeguarding"]),
    ("A pediatrician in Ohio", 6, _MEDICINE_STOCK, ["growth chart", "CDC immunization schedule", "mandated reporter"]),
    ("A conveyancing solicitor in Leeds", 1, _LAW_STOCK, ["completion", "local authority searches", "Land Registry"]),
    ("A criminal defence lawyer in Atlanta", 8, _LAW_STOCK, ["bail", "disclosure", "trial"]),
    ("A general practitioner in Leeds", 7, _MEDICINE_STOCK, ["QOF", "repeat prescription", "referral letter"]),
    # "veterans" made a psychologist a retired veteran with a garden club; "therapist" found no family at all
    (
        "A clinical psychologist in Melbourne who works with veterans with PTSD",
        7,
        _HOME_OR_MEDICINE_STOCK,
        ["caseload", "PHQ-9", "AHPRA", "supervision"],
    ),
    ("A family therapist in Boston", 3, _HOME_OR_MEDICINE_STOCK, ["caseload", "state licence", "discharge"]),
    ("A midwife in Dublin", 7, _NURSING_STOCK, ["antenatal", "birth plan", "postnatal"]),
    ("A car mechanic who runs his own garage in Naples", 7, _TRADE_STOCK, ["revisione", "job card", "clutch"]),
    ("A motor mechanic in Birmingham", 4, _TRADE_STOCK, ["MOT", "job card", "parts"]),
    ("A carpenter in Oslo who builds custom furniture", 7, _TRADE_STOCK, ["cutting list", "timber"]),
    ("A head chef at a seafood restaurant in Lisbon", 7, _HOSPITALITY_STOCK, ["allergen", "menu costing", "supplier"]),
    (
        "A building services engineer in London designing HVAC for hospitals",
        7,
        _FACILITIES_STOCK,
        ["heat loss", "commissioning", "Part L"],
    ),
]


@pytest.mark.parametrize(("text", "seed", "stock", "own"), CASES)
def test_role_has_its_own_work(text: str, seed: int, stock: re.Pattern[str], own: list[str]) -> None:
    names, body = _computer_text(text, seed)
    assert not any(stock.search(n) for n in names), names
    low = body.casefold()
    missing = [w for w in own if w.casefold() not in low]
    assert not missing, (text, missing, names)
    assert len(stock.findall(body)) <= 2, stock.findall(body)[:5]

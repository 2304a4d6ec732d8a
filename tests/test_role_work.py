"""Roles within one family get their own month's work: a dentist, a radiologist and a paediatrician are no hospital
physician, a conveyancer and a criminal defence lawyer no in-house counsel (generated computers, read as text)."""

from __future__ import annotations

import re

import pytest
from generator_cache import file_text, generated

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
# the stock of the families public servants, drivers and pilots fall into: a policy adviser's, a ward nurse's, a
# charity's, a schoolteacher's and a warehouse's
_POLICY_STOCK = re.compile(
    r"1,400 responses|public consultation|minister's visit|regional growth fund|planning applications|"
    r"job-training programme|climate strategy|digital identity|consultation responses|grant funding|"
    r"applications decided|briefing notes written",
    re.I,
)
_WARD_STOCK = re.compile(r"night-shift rota|falls-reduction|agency shifts|electronic observations|winter bed", re.I)
_CHARITY_STOCK = re.compile(
    r"grant bid|food bank|impact report|lottery funder|fun run|theory of change|donor database|repair café|"
    r"people supported|volunteer hours|funds raised",
    re.I,
)
_SCHOOL_STOCK = re.compile(
    r"scheme of work|mock exam|field trip|coursework|end-of-term reports|retrieval practice|question bank|markbook|"
    r"lesson plan|parents' evening|intervention group",
    re.I,
)
_WAREHOUSE_STOCK = re.compile(
    r"less-than-truckload|dock-to-stock|freight invoices|pick routes|last-mile carrier|customs paperwork|"
    r"warehouse for the christmas peak|shift staffing|orders shipped|freight invoiced|driver hours",
    re.I,
)


def _computer_text(text: str, seed: int) -> tuple[list[str], str]:
    c = generated(text, seed=seed)
    names = [p.name for p in c.blueprint.project_index.projects if p.kind == "project"]
    parts = []
    for f in c.blueprint.file_list:
        if f.project_id and f.path.endswith(_TEXT) and f.target_size < 2**20:
            parts.append(f.path)
            parts.append(file_text(c, f.path))
    return names, "\n".join(parts)


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
    # public servants and drivers got a policy adviser's consultation, a charity's grant bid, a warehouse's peak
    ("A police officer in Manchester", 7, _POLICY_STOCK, ["crime reports", "CPS lawyer", "PNC", "body-worn"]),
    ("A firefighter in Lyon", 7, _POLICY_STOCK, ["hydrant", "SDIS", "breathing apparatus", "fire prevention visits"]),
    ("A paramedic in Bristol", 7, _WARD_STOCK, ["JRCALC", "HCPC", "controlled drugs", "handover"]),
    ("A social worker in Glasgow", 7, _CHARITY_STOCK, ["Children's Hearing", "caseload", "home visits", "Mosaic"]),
    # a public library's librarian was filed with teaching: a markbook, a geography lesson plan, mock exams
    ("A librarian in Toronto", 7, _SCHOOL_STOCK, ["storytime", "interlibrary loan", "weeding", "items issued"]),
    ("A truck driver in Texas", 7, _WAREHOUSE_STOCK, ["ELD", "hours-of-service", "bill of lading", "DOT medical"]),
    ("An airline pilot in Frankfurt", 7, _WAREHOUSE_STOCK, ["EASA", "OPC", "roster", "flight time limitations"]),
]


@pytest.mark.parametrize(("text", "seed", "stock", "own"), CASES)
def test_role_has_its_own_work(text: str, seed: int, stock: re.Pattern[str], own: list[str]) -> None:
    names, body = _computer_text(text, seed)
    assert not any(stock.search(n) for n in names), names
    low = body.casefold()
    missing = [w for w in own if w.casefold() not in low]
    assert not missing, (text, missing, names)
    assert len(stock.findall(body)) <= 2, stock.findall(body)[:5]


# an office's departments as a workbook's rows ("HR", "Sales", "Procurement"): no police shift counts its work by them
_OFFICE_ROWS = re.compile(r"^(?:HR|Sales|Procurement|Marketing|R&D|Customer Service|Legal|Quality|Logistics)\t", re.M)


@pytest.mark.parametrize(
    ("text", "seed", "counts"),
    [
        ("A police officer in Manchester", 7, ["calls attended", "case files submitted"]),
        ("A firefighter in Lyon", 7, ["callouts attended", "hydrants inspected", "fire prevention visits completed"]),
        ("A paramedic in Bristol", 7, ["calls attended", "controlled drug checks signed", "patients handed over"]),
        ("A social worker in Glasgow", 7, ["statutory home visits made", "case notes recorded"]),
        ("A truck driver in Texas", 7, ["miles driven", "loads delivered"]),
        ("An airline pilot in Frankfurt", 7, ["block hours", "sectors flown"]),
        ("A prison officer in Leeds", 7, ["cell searches completed", "a wing"]),
        ("A probation officer in Cardiff", 7, ["supervision appointments held", "community order"]),
        ("A postman in Dublin", 7, ["items delivered", "route 1"]),
        ("A security guard in Sydney", 7, ["patrols completed", "car park"]),
    ],
)
def test_role_counts_its_own_work(text: str, seed: int, counts: list[str]) -> None:
    """The tracking workbooks count the role's own work (a firefighter's hydrants inspected, not consultation
    responses analysed) by its own rows (call types, hydrant areas), not by an office's departments."""
    _names, body = _computer_text(text, seed)
    low = body.casefold()
    missing = [c for c in counts if c not in low]
    assert not missing, (text, missing)
    assert len(_OFFICE_ROWS.findall(body)) <= 3, _OFFICE_ROWS.findall(body)[:8]


# the documents of a public servant's or a driver's family that are a policy adviser's, a charity's or a warehouse's
_OFFICE_PAPERS = re.compile(
    r"Press release –|Chronology –|project charter|supplier comparison|Bank rec|Management accounts|"
    r"performance review|Stock count|Agreement .* – |Audit – antibiotic",
    re.I,
)


@pytest.mark.parametrize(
    ("text", "seed"),
    [
        ("A police officer in Manchester", 7),
        ("A firefighter in Lyon", 7),
        ("A social worker in Glasgow", 7),
        ("A paramedic in Bristol", 7),
        ("An airline pilot in Frankfurt", 7),
    ],
)
def test_role_writes_no_office_papers(text: str, seed: int) -> None:
    """A firefighter's computer holds no press release about its engine checks, no chronology of a lawsuit against
    its fire department, no supplier comparison; a pilot's no stock count or supplier performance review."""
    c = generated(text, seed=seed)
    paths = [f.path for f in c.blueprint.file_list if f.project_id]
    found = [p for p in paths if _OFFICE_PAPERS.search(p.rsplit("/", 1)[-1])]
    assert not found, found


@pytest.mark.parametrize(
    ("text", "seed", "foreign"),
    [
        ("An airline pilot in Frankfurt", 7, r"warehouse|logistics|operations (coordinator|assistant|analyst)"),
        ("A prison officer in Leeds", 7, r"policy|head of unit"),
        ("A firefighter in Lyon", 7, r"policy|head of unit"),
        ("A bus driver in London", 7, r"warehouse|logistics|operations (coordinator|assistant|analyst)"),
    ],
)
def test_role_works_for_its_own_bosses(text: str, seed: int, foreign: str) -> None:
    """A pilot's boss is a fleet manager or a training captain and a first officer was a cadet pilot before, not a
    warehouse team lead or a logistics coordinator; a prison officer answers to a custodial manager, not to a
    principal policy adviser."""
    bp = generated(text, seed=seed).blueprint
    roles = [x.role for x in bp.collaboration_context.collaborators]
    roles += [e.role for e in bp.user_profile.career_history]
    assert not [r for r in roles if re.search(foreign, r, re.I)], roles


def test_refugee_social_worker_keeps_no_child_protection_caseload() -> None:
    """The social worker entry is a children's social worker's: one supporting refugees plans no child protection
    reviews and no core group meetings."""
    names, _body = _computer_text("A social worker supporting refugees in Athens, Greece", 7)
    assert not [n for n in names if re.search(r"child protection|core group|statutory home visits", n, re.I)], names


def test_courier_company_staff_are_no_couriers() -> None:
    """A warehouse team lead at a parcel courier runs a warehouse, not a van round of parcel drops."""
    names, _body = _computer_text("A warehouse team lead at a regional parcel courier in Tokyo", 7)
    assert not [n for n in names if re.search(r"parcel drops|van running costs|goods in transit", n, re.I)], names

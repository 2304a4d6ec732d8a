"""Computers whose working papers fit the user's setting, not an office's: a sole trader's own-business chain (quote,
job log, invoice, payments record; no brief, variance report, register or 17-slide deck) and no manager; Desktop
shortcuts to an intranet only where the organisation runs one; minutes in the setting's words (none for a sole
trader); and no Desktop note that names a day or a month after its own save."""

from __future__ import annotations

import io
import random
import re
import zipfile
from datetime import date, timedelta

import openpyxl
import pytest
from generator_cache import generated
from pptx import Presentation

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.computers.archetypes import ArchetypeContext, build_artifact

SOLE_TRADERS = ("A self-employed plumber in Leeds", "A freelance wedding photographer in Bristol")
OTHERS = (
    "A bass guitarist in a touring rock band in Manchester",
    "A dairy farmer in Wisconsin",
    "A retired postman in Glasgow who volunteers at the food bank",
)
OFFICE = "A procurement analyst at a logistics company in Rotterdam"
SEEDS = (0, 3, 11)
_OFFICE_PACK = {"project_brief", "variance_report", "project_register"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MON = {m: i + 1 for i, m in enumerate(_MONTHS)}


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _text(c: GeneratedComputer, path: str) -> str:
    data = c.disk.read_bytes(path)
    if path.endswith(".docx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        return re.sub(r"<[^>]+>", " ", xml)
    return data.decode("utf-8", "replace")


@pytest.mark.parametrize("persona", SOLE_TRADERS)
@pytest.mark.parametrize("seed", SEEDS)
def test_sole_trader_has_clients_and_an_accountant_not_a_manager(persona: str, seed: int) -> None:
    people = _computer(persona, seed).blueprint.collaboration_context.collaborators
    assert not [p for p in people if p.relationship == "manager"], [(p.role, p.relationship) for p in people]
    assert any("accountant" in p.role.lower() for p in people)
    for p in people:  # a customer is a client, a supplier a vendor: the role decides, not a draw
        if re.search(r"\b(customer|client)\b", p.role, re.I):
            assert p.relationship == "client", (p.role, p.relationship)
        if re.search(r"\bsupplier\b", p.role, re.I):
            assert p.relationship == "vendor", (p.role, p.relationship)


@pytest.mark.parametrize("seed", SEEDS)
def test_an_employee_still_has_one_manager(seed: int) -> None:
    people = _computer(OFFICE, seed).blueprint.collaboration_context.collaborators
    assert [p.relationship for p in people].count("manager") == 1


@pytest.mark.parametrize("persona", SOLE_TRADERS)
@pytest.mark.parametrize("seed", SEEDS)
def test_sole_trader_keeps_an_own_business_chain(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    files = c.blueprint.file_list
    kinds = {f.archetype or "" for f in files}
    assert not kinds & _OFFICE_PACK, sorted(kinds & _OFFICE_PACK)
    assert "meeting_minutes" not in kinds  # a sole trader minutes no meetings
    for f in files:
        if f.path.endswith(".pptx") and f.project_id:
            slides = len(Presentation(io.BytesIO(c.disk.read_bytes(f.path))).slides)
            assert slides <= 9, (f.path, slides)
    # every invoice of a project is in that project's payments record, with its own reference and total
    records = [f for f in files if f.archetype == "payment_record"]
    invoices = [f for f in files if f.archetype == "invoice" and f.project_id and f.path.endswith(".docx")]
    assert records and invoices
    for inv in invoices:
        text = _text(c, inv.path)
        ref = re.search(r"INV-\d{4}-\d{4}", text)
        assert ref, inv.path
        record = next(r for r in records if r.project_id == inv.project_id)
        rows = list(
            openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(record.path))).active.iter_rows(values_only=True)
        )
        row = next(r for r in rows if r[0] == ref.group(0))
        assert f"{float(row[3]):,.2f}" in text.replace("\u202f", ",").replace("\xa0", ","), (ref.group(0), row)
        assert row[4] in ("Paid", "Outstanding")
        if row[4] == "Paid":
            assert date.fromisoformat(str(row[5])) >= date.fromisoformat(str(row[2]))


def _links(c: GeneratedComputer) -> list[str]:
    urls = []
    for f in c.blueprint.file_list:
        if f.archetype == "web_link":
            m = re.search(r"https?://[^\s<\"]+", c.disk.read_bytes(f.path).decode("utf-8", "replace"))
            assert m, f.path
            urls.append(m.group(0))
    return urls


@pytest.mark.parametrize("persona", (*SOLE_TRADERS, *OTHERS))
def test_no_intranet_links_where_there_is_no_intranet(persona: str) -> None:
    found = 0
    for seed in SEEDS:
        c = _computer(persona, seed)
        own = c.blueprint.user_profile.email.split("@")[1]
        urls = _links(c)
        found += len(urls)
        assert not [u for u in urls if f"//{own}/" in u], urls
    assert found  # the Desktops do hold links: of their own life


def test_an_office_links_its_intranet() -> None:
    urls = [u for seed in SEEDS for u in _links(_computer(OFFICE, seed))]
    domains = {_computer(OFFICE, seed).blueprint.user_profile.email.split("@")[1] for seed in SEEDS}
    assert any(f"//{d}/" in u for u in urls for d in domains), urls


@pytest.mark.parametrize("persona", (*SOLE_TRADERS, *OTHERS, OFFICE))
def test_desktop_notes_name_no_day_after_their_save(persona: str) -> None:
    late = []
    for seed in SEEDS:
        c = _computer(persona, seed)
        for f in c.blueprint.file_list:
            if f.archetype not in ("scratch_note", "todo"):
                continue
            saved = f.modified.date()
            text = f"{f.path}\n{_text(c, f.path)}"
            for day, mon in re.findall(r"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", text):
                try:  # a day without a year is the one nearest the save ("31 Dec" on 1 Jan is last year's)
                    when = min(
                        (date(y, _MON[mon], int(day)) for y in (saved.year - 1, saved.year)),
                        key=lambda x: abs((x - saved).days),
                    )
                except ValueError:
                    continue
                if when > saved + timedelta(days=1):
                    late.append((f.path, f"{day} {mon}", saved))
            for mon, year in re.findall(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* (20\d\d)\b", text):
                if date(int(year), _MON[mon], 1) > saved:
                    late.append((f.path, f"{mon} {year}", saved))
    assert not late, late[:5]


def _minutes(family: str | None, life_stage: str, role: str) -> tuple[str, str, str]:
    ctx = ArchetypeContext(
        owner_name="Sam Carter",
        owner_role=role,
        organisation="Carter & Co",
        topic="Spring plans",
        created=date(2025, 4, 10),
        rng=random.Random(5),
        family=family,
        life_stage=life_stage,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 4, 10),
    )
    art = build_artifact("meeting_minutes", ctx)
    text = art.to_bytes()
    with zipfile.ZipFile(io.BytesIO(text)) as z:
        body = re.sub(r"<[^>]+>", " ", z.read("word/document.xml").decode("utf-8"))
    return art.filename or "", art.title, body


@pytest.mark.parametrize(
    ("family", "stage", "role", "want"),
    [
        ("music_performing_arts", "self_employed", "Bass player", r"\bband\b"),
        ("agriculture_farming", "self_employed", "Dairy farmer", r"\b(farm|co-op|grazing)\b"),
        ("education_teaching", "employee", "History teacher", r"\b(department|year team|key stage)\b"),
        ("nursing_care", "employee", "Staff nurse", r"\b(ward|clinical|practice)\b"),
        (None, "retiree", "Retired postman", r"\b(committee|annual general)\b"),
        ("hospitality_events", "business_owner", "Café owner", r"\bstaff\b"),
    ],
)
def test_minutes_speak_for_their_setting(family: str | None, stage: str, role: str, want: str) -> None:
    name, title, body = _minutes(family, stage, role)
    assert re.search(want, f"{name} {title}", re.I), (name, title)
    assert not re.search(r"steering group|working group|progress meeting", f"{name} {title} {body}", re.I), title
    # the actions agreed are due after the meeting, not before it
    dues = [date(int(y), _MON[m], int(d)) for d, m, y in re.findall(r"\b(\d{1,2}) ([A-Z][a-z]{2}) (20\d\d)\b", body)]
    dues += [date(int(y), int(m), int(d)) for d, m, y in re.findall(r"\b(\d\d)/(\d\d)/(20\d\d)\b", body)]
    assert dues and all(due >= date(2025, 4, 10) for due in dues), dues


def test_office_minutes_keep_office_words() -> None:
    _name, title, _body = _minutes("procurement_supply_chain", "employee", "Procurement analyst")
    assert re.search(r"working group|progress meeting|team meeting|steering group", title), title

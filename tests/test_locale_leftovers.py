"""Leftovers of one country in another's computer: a complaint about the bins goes to the owner's own council as
their country names it (not a "Town Hall" everywhere); a Manchester DJ plays British rooms, not "Skyline Lounge" and
"Willow Creek Estate"; a Lyon bistro or an Osaka ramen shop is not named like an English pub; a Chicago cook's
schedule speaks American and sits in one folder; a small workplace's employee has the job's mail.
"""

from __future__ import annotations

import random
import re
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from functools import cache

import pytest

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.computers._locale import locale_for
from synthcomp_agents.computers.archetypes import ArchetypeContext, build_artifact
from synthcomp_agents.office import DocumentSpec, Paragraph, Table, extract_text


@cache
def _computer(text: str, seed: int) -> GeneratedComputer:
    return ProceduralComputerGenerator().generate(text, seed=seed)


def _files(c: GeneratedComputer, pattern: str) -> dict[str, str]:
    """The text of every file whose path matches ``pattern``."""
    return {
        f.path: extract_text(f.path, c.disk.read_bytes(f.path))
        for f in c.blueprint.file_list
        if re.search(pattern, f.path) and f.target_size < 2**20
    }


def _doc_lines(spec: DocumentSpec) -> list[str]:
    out: list[str] = []
    for block in spec.blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            out.extend(" ".join(str(c) for c in row) for row in block.rows)
        elif hasattr(block, "text"):
            out.append(str(block.text))
        elif hasattr(block, "items"):
            out.extend(str(i) for i in block.items)
    return out


# -- 2. a complaint letter goes to the owner's own council ------------------------------------------------------------

_COUNCILS = [
    ("GB", "Manchester", r"Manchester City Council"),
    ("GB", "Reading", r"Reading Council"),
    ("US", "Chicago", r"City of Chicago"),
    ("FR", "Lyon", r"Mairie de Lyon"),
    ("DE", "Berlin", r"Stadtverwaltung Berlin|Bürgeramt Berlin|Stadtreinigung Berlin"),
    ("ES", "Madrid", r"Ayuntamiento de Madrid"),
    ("IT", "Milano", r"Comune di Milano"),
    ("JP", "Osaka", r"Osaka City Office|ward office"),
]


@pytest.mark.parametrize(("country", "city", "body"), _COUNCILS)
def test_a_complaint_about_the_bins_goes_to_the_owners_own_council(country: str, city: str, body: str) -> None:
    seen = 0
    for seed in range(40):
        ctx = ArchetypeContext(
            owner_name="Sam Reed",
            owner_role="retired postman",
            organisation="The Reed household",
            org_type="household",
            topic="Complaint",
            created=date(2025, 6, 3),
            rng=random.Random(seed),
            life_stage="retiree",
            locale=locale_for(country),
            city=city,
            country_code=country,
        )
        art = build_artifact("complaint_letter", ctx)
        assert isinstance(art.spec, DocumentSpec)
        text = "\n".join(_doc_lines(art.spec))
        assert "Town Hall" not in text, text
        if "bins" in text:
            seen += 1
            assert re.search(body, text), text
    assert seen, "no complaint about the bins in 40 letters"


def test_a_leeds_retirees_letters_name_no_town_hall() -> None:
    for seed in range(2):
        letters = _files(_computer("A retired teacher in Leeds who complains to the council about potholes", seed),
                         r"Complaint letter")  # fmt: skip
        for path, text in letters.items():
            assert "Town Hall" not in text, path


# -- 1. a Manchester musician plays British rooms ----------------------------------------------------------------------

_AMERICAN_ROOM = re.compile(
    r"\b(Saloon|Tavern|Roadhouse|Skyline Lounge|Willow Creek|Maple Grove|Country Club|Yacht Club|VFW|Beat 96\.3)\b"
)


@pytest.mark.parametrize(
    ("text", "seed"),
    [
        ("A wedding DJ in Manchester", 1),
        ("A lounge pianist in Manchester", 2),
        ("A heavy metal musician in Manchester", 0),
    ],
)
def test_a_manchester_musicians_venues_are_british(text: str, seed: int) -> None:
    c = _computer(text, seed)
    venues = set()
    for body in _files(c, r"\.(docx|xlsx|pdf)$").values():
        venues |= {m.strip() for m in re.findall(r"^Venue\t([^\n]+)", body, re.M)}
        venues |= {m.strip() for m in re.findall(r"Booking(?: confirmation)? – (?:.+ at )?([^\n,]+)", body)}
    assert len(venues) >= 3, venues
    american = sorted(v for v in venues if _AMERICAN_ROOM.search(v))
    assert not american, american


# -- 3. a business abroad is not named after a British street or an English pub's sign ---------------------------------

_BRITISH_NAME = re.compile(
    r"\b(Station Road|Park Road|Church Street|Elm Grove|High Street|Mill Lane|Riverside|Hillview|Oakfield|Red Lion|"
    r"Old Mill|Olive Tree|Blue Door|Copper Pot|Green Fig|Larder|Harbour|Door)\b"
)


@pytest.mark.parametrize(
    ("text", "seed", "local"),
    [
        ("A general practitioner in Lyon", 1, r"^(Cabinet|Maison|Centre)"),
        ("A family doctor in Dayton, Ohio", 1, r"Family|Primary Care"),
        ("A cook at a ramen shop in Osaka", 1, r"^Ramen "),
        ("A cook at a bistro in Lyon", 1, r"Bistrot|Chez|Table|Brasserie"),
        ("A waiter at a restaurant in Berlin", 1, r"^(Gasthaus|Restaurant|Wirtshaus) "),
        ("A waiter at a tapas bar in Madrid", 1, r"^Taberna "),
        ("A pizza chef in Naples", 1, r"^Pizzeria "),
    ],
)
def test_a_workplace_abroad_has_a_local_name(text: str, seed: int, local: str) -> None:
    c = _computer(text, seed)
    employer = c.blueprint.user_profile.employer
    assert not _BRITISH_NAME.search(employer), employer
    assert re.search(local, employer), employer
    payslips = _files(c, r"(Payslip|Pay stub|Timesheet)")
    assert all(employer in body for path, body in payslips.items() if path.endswith(".pdf")), employer


# -- 4. a Chicago cook works to a schedule, kept in one folder ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seed"), [("A line cook at a diner in Chicago", 6), ("A line cook at a diner in Chicago", 1)]
)
def test_a_chicago_cooks_schedule_is_american_and_in_one_folder(text: str, seed: int) -> None:
    c = _computer(text, seed)
    shifts = [f.path for f in c.blueprint.file_list if f.archetype == "shift_rota"]
    assert len(shifts) == 1, shifts
    assert re.search(r"/Schedules/Schedule week of \d{4}-\d\d-\d\d\.xlsx$", shifts[0]), shifts
    assert not [f.path for f in c.blueprint.file_list if re.search(r"\bRotas?\b", f.path)]
    timesheet_folders = {f.path.rsplit("/", 1)[0] for f in c.blueprint.file_list if f.archetype == "timesheet"}
    assert len(timesheet_folders) == 1, timesheet_folders
    body = _files(c, re.escape(shifts[0]))[shifts[0]]
    assert not re.search(r"\b(A/L|Annual leave|Rota|fortnight)\b|£", body), body
    texts = _files(c, r"\.(docx|xlsx|pptx|pdf|md|txt|csv|eml|ics)$")
    rotas = sorted(path for path, body in texts.items() if re.search(r"\brotas?\b", body, re.I))
    assert not rotas, rotas


def test_a_british_cafes_rota_stays_a_rota() -> None:
    c = _computer("A barista at a café in Leeds", 2)
    shifts = [f.path for f in c.blueprint.file_list if f.archetype == "shift_rota"]
    assert len(shifts) == 1 and "/Rota/Rota w-c " in shifts[0], shifts


# -- 5. a small workplace's employee has the job's mail ------------------------------------------------------------

_WORKERS = [
    ("A line cook at a diner in Chicago", 6),
    ("A barista at a café in Leeds", 2),
    ("A motor mechanic in Birmingham", 4),
]


def _mails(c: GeneratedComputer) -> list[tuple[str, EmailMessage]]:
    out: list[tuple[str, EmailMessage]] = []
    for f in c.blueprint.file_list:
        if f.path.endswith(".eml"):
            message = message_from_bytes(c.disk.read_bytes(f.path), policy=policy.default)
            assert isinstance(message, EmailMessage)
            out.append((f.path, message))
    return out


def _plain(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    return str(body.get_content()) if body is not None else ""


@pytest.mark.parametrize(("text", "seed"), _WORKERS)
def test_a_small_workplaces_employee_has_the_jobs_mail(text: str, seed: int) -> None:
    c = _computer(text, seed)
    mails = _mails(c)
    threads = {str(m["Subject"]).removeprefix("Re: ") for _p, m in mails}
    assert len(threads) >= 4, threads
    boss = next(p for p in c.blueprint.collaboration_context.collaborators if p.relationship == "manager")
    people = {p.email for p in c.blueprint.collaboration_context.collaborators} | {c.blueprint.user_profile.email}
    for path, m in mails:  # only the workplace's own people and its suppliers write
        senders = {a.addr_spec for a in getattr(m["From"], "addresses", ())}
        senders |= {a.addr_spec for a in getattr(m["To"], "addresses", ())}
        assert senders <= people, (path, senders)
    assert any(boss.email in str(m["From"]) for _p, m in mails)
    # the papers the mail talks about are attached byte for byte, and the payslip's hours are the mail's hours
    attached: dict[str, bytes] = {}
    for _p, m in mails:
        for part in m.iter_attachments():
            attached[str(part.get_filename())] = part.get_content()
    files = {f.path.rsplit("/", 1)[-1]: f.path for f in c.blueprint.file_list}
    slips = [n for n in attached if re.match(r"Pay(slip| stub) \d{4}-\d\d\.pdf$", n)]
    assert slips, sorted(attached)
    for name in slips:
        assert attached[name] == c.disk.read_bytes(files[name])
        text_ = extract_text(files[name], c.disk.read_bytes(files[name]))
        hours = re.search(r"Basic pay \(([\d.,]+) h", text_)
        assert hours and any(
            f"{hours.group(1)} hours" in _plain(m)
            for _p, m in mails
            if name in [a.get_filename() for a in m.iter_attachments()]
        ), name
    assert any(re.search(r"certificate\.pdf$", n) for n in attached), sorted(attached)
    if "mechanic" not in text:  # a shift worker's rota comes round by mail, the file on the disk
        rotas = [n for n in attached if re.match(r"(Rota w-c|Schedule week of|Roster w-c) ", n)]
        assert rotas and all(attached[n] == c.disk.read_bytes(files[n]) for n in rotas), sorted(attached)


def test_a_seattle_barista_writes_schedule_and_new_hire_not_rota_and_new_starter() -> None:
    c = _computer("A barista at a coffee shop in Seattle", 9)
    texts = _files(c, r"\.(docx|xlsx|pptx|pdf|md|txt|csv|eml|ics)$")
    british = sorted(
        {m.group(0).casefold() for path, body in texts.items() for m in _BRITISH_WORK.finditer(f"{path}\n{body}")}
    )
    assert not british, british
    assert any(re.search(r"\bschedule\b", body, re.I) for body in texts.values())


_BRITISH_WORK = re.compile(r"\b(rotas?|new starters?|environmental health|fortnight|annual leave)\b|£", re.I)

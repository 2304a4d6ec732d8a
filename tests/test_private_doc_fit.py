"""A private-life project's own documents agree with their project (issue 11 reading): a document is of a kind its
kind of project keeps and its words call for (no donations tracker for a reunion lunch, no market sales among
medical appointments), and its dates fall in the project's own timeline: a trip's itinerary covers the trip's days,
which end with the project and start on the day the plan note says "leaving"; a record cites nothing after its save.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache

import pytest
import yaml
from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.computers.archetypes import ARCHETYPES
from synthcomp_agents.computers.generation.core_private import private_kind
from synthcomp_agents.computers.generation.quoting import is_planning

PERSONAS = (
    "A WWII veteran who didn't finish high school",
    "A high school student in Ohio who plays in the school band",
    "A retired teacher",
    "A stay-at-home dad of three who enjoys woodworking",
    "An unemployed welder looking for work in Detroit",
    "A grandmother in Ohio who knits blankets for her church",
    "A Holocaust survivor living in Tel Aviv",
    "A Vietnam veteran in Alabama who restores old trucks",
    "A 72-year-old retired miner in West Virginia",
    "A teenager who loves anime and drawing",
)
_CHAIN = {"email", "plan_note", "tracking_workbook", "calendar_reminder"}
_MON = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DMY = re.compile(r"\b(\d{1,2}) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (20\d\d)\b", re.I)
_MDY = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2}),? (20\d\d)\b", re.I)
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


@cache
def _keeps() -> dict[str, list[object]]:
    """What ``private_projects.yaml`` says each kind of private project keeps (read as data, not through the code)."""
    from importlib import resources

    text = resources.files("synthcomp_agents.computers.archetypes").joinpath("data/private_projects.yaml")
    return {k: list(v.get("documents") or ()) for k, v in yaml.safe_load(text.read_text("utf-8")).items()}


def _kept(kind: str, words: str) -> set[str]:
    text, out = words.casefold(), set()
    for entry in _keeps()[kind]:
        if isinstance(entry, dict):
            out |= {
                str(a) for a, stems in entry.items() if any(re.search(r"(?<!\w)" + re.escape(s), text) for s in stems)
            }
        else:
            out.add(str(entry))
    return out


def _dates(text: str) -> list[date]:
    found = [(int(y), int(m), int(d)) for y, m, d in _ISO.findall(text)]
    found += [(int(y), _MON.index(m[:3].casefold()) + 1, int(d)) for d, m, y in _DMY.findall(text)]
    found += [(int(y), _MON.index(m[:3].casefold()) + 1, int(d)) for m, d, y in _MDY.findall(text)]
    return [date(y, m, d) for y, m, d in found]


def _own_documents(c: GeneratedComputer) -> list[tuple[object, object]]:
    projects = {p.project_id: p for p in c.blueprint.project_index.projects}
    return [
        (projects[f.project_id], f)
        for f in c.blueprint.file_list
        if f.project_id in projects and f.archetype not in _CHAIN and f.archetype in set(ARCHETYPES.keys())
    ]


@pytest.mark.parametrize("seed", (0, 3))
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_private_projects_documents_are_of_a_kind_it_keeps(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    assert c.persona.life_stage in {"retiree", "student", "homemaker", "job_seeker"}
    for p, f in _own_documents(c):
        words = f"{p.name} {p.description}"  # type: ignore[attr-defined]
        kind = private_kind(p.name, p.description).id  # type: ignore[attr-defined]
        kept = _kept(kind, words)
        if _keeps()[kind]:
            assert f.archetype in kept, (p.name, kind, f.archetype, f.path)  # type: ignore[attr-defined]
        else:  # a project of no known kind keeps only a document that names it
            label = {w[:5] for w in re.findall(r"[a-z]{4,}", ARCHETYPES[f.archetype].label.casefold())}  # type: ignore[attr-defined]
            assert label & {w[:5] for w in re.findall(r"[a-z]{4,}", words.casefold())}, (p.name, f.archetype)  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", (0, 3))
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_private_documents_dates_fall_in_its_projects_timeline(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    itineraries = 0
    for p, f in _own_documents(c):
        if p.kind != "project" or p.end_date is None:  # type: ignore[attr-defined]
            continue
        start, end = p.start_date, p.end_date  # type: ignore[attr-defined]
        text = file_text(c, f.path)  # type: ignore[attr-defined]
        saved = f.modified.date() if isinstance(f.modified, datetime) else f.modified  # type: ignore[attr-defined]
        dates = _dates(text)
        for d in dates:
            assert start - timedelta(days=31) <= d <= end + timedelta(days=7), (f.path, d, start, end)  # type: ignore[attr-defined]
            if not is_planning(str(f.archetype)):  # type: ignore[attr-defined]
                assert d <= saved + timedelta(days=1), (f.path, d, saved)  # type: ignore[attr-defined]
        if f.archetype == "travel_itinerary":  # type: ignore[attr-defined]
            itineraries += 1
            assert dates and min(dates) >= end - timedelta(days=7) and max(dates) == end, (f.path, dates, end)  # type: ignore[attr-defined]
            notes = [
                file_text(c, n.path)
                for n in c.blueprint.file_list
                if n.project_id == p.project_id and n.archetype == "plan_note"  # type: ignore[attr-defined]
            ]
            leaving = [d for n in notes if "Leaving" in n for d in _dates(n.split("Leaving", 1)[1][:40])]
            assert all(d == min(dates) for d in leaving), (leaving, min(dates))


_PROFESSIONAL = re.compile(
    r"advis|doctor|pharmac|nurse|teacher|tutor|counsell|solicitor|accountant|manager|coach", re.I
)


@pytest.mark.parametrize("seed", (0, 3))
@pytest.mark.parametrize("persona", PERSONAS[:6])
def test_the_doctor_and_the_adviser_pay_none_of_the_users_costs(persona: str, seed: int) -> None:
    """A private sheet's "Who" column names the user and family, friends or club members: never the financial
    adviser paying into the user's savings or a teacher paying for a student's party."""
    import io

    import openpyxl

    c = _computer(persona, seed)
    roles = {x.name.split()[0]: x.role for x in c.blueprint.collaboration_context.collaborators}
    checked = 0
    for f in c.blueprint.file_list:
        if f.archetype != "tracking_workbook" or not f.project_id or not f.project_id.startswith("p"):
            continue
        ws = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(f.path))).worksheets[0]
        header = [cell.value for cell in ws[1]]
        if "Who" not in header:
            continue
        col = header.index("Who")
        for row in ws.iter_rows(min_row=2, values_only=True):
            if row[col]:
                checked += 1
                assert not _PROFESSIONAL.search(roles.get(str(row[col]), "")), (
                    f.path,
                    row[col],
                    roles.get(str(row[col])),
                )
    assert checked


@pytest.mark.parametrize("persona", PERSONAS[:6])
def test_a_private_mail_or_note_starts_no_sentence_in_lower_case(persona: str) -> None:
    """A sheet's line starting a sentence is capitalised: 'Groceries is the one running over', not 'groceries is'."""
    c = _computer(persona, 0)
    for f in c.blueprint.file_list:
        if f.archetype in {"email", "plan_note"} and f.project_id and f.path.endswith((".eml", ".md")):
            text = file_text(c, f.path).split("[attachment", 1)[0]
            bad = re.search(r"[.!?] ([a-z]\w+ (?:is|came|ran|went|took) )", text)
            assert bad is None, (f.path, bad and bad.group(1))

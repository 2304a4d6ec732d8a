"""A private-life persona's projects read like a person's, not an office's: a plan note and its honest revision, a
sheet whose figures every note and mail repeats, mail with the people it concerns; no brief, no variance report,
no sponsor. A working persona keeps the corporate chain.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.computers._validate import validate_computer
from synthcomp_agents.computers.generation.core_private import private_kind

PRIVATE = [
    "A WWII veteran who didn't finish high school",
    "A high school junior interested in marine biology",
    "A retired nurse who volunteers at the church food bank",
    "A stay-at-home father of three in Ohio",
    "An unemployed welder looking for work in Detroit",
]
_CORPORATE = re.compile(r"\bsponsor|\bstakeholder|owns the data|variance report|project brief|steering", re.I)


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _norm(text: str) -> str:
    """Spaces as a reader sees them (no-break and narrow spaces in money as plain ones)."""
    return re.sub(r"[\u00a0\u202f\u2009]", " ", text)


def _text(c: GeneratedComputer, path: str) -> str:
    return _norm(file_text(c, path))


def _sheet_totals(data: bytes) -> tuple[int, int]:
    """(planned, actual) summed from the sheet's own rows (its first tab, down to the blank line over the total)."""
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    planned = actual = 0
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[1] is None:
            break
        planned, actual = planned + int(row[3]), actual + int(row[4])
    return planned, actual


@pytest.mark.parametrize("seed", (0, 3))
@pytest.mark.parametrize("persona", PRIVATE)
def test_a_private_life_project_has_no_corporate_chain(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    files = {f.path: f for f in c.blueprint.file_list}
    projects = [p for p in c.blueprint.project_index.projects if p.kind == "project"]
    assert projects
    kinds = {f.archetype for f in files.values()}
    assert not kinds & {"project_brief", "variance_report", "update_deck", "project_register", "status_page"}, kinds
    for p in c.blueprint.project_index.projects:
        mine = [f for f in files.values() if f.project_id == p.project_id]
        for f in mine:
            if f.path.endswith((".md", ".docx", ".eml", ".xlsx", ".ics")):
                found = _CORPORATE.search(_text(c, f.path))
                assert found is None, (f.path, found and found.group(0))
        if p.kind == "project":  # a plan note, its revision, a sheet, mail with someone close
            assert sum(f.archetype == "plan_note" for f in mine) == 2, [f.path for f in mine]
            assert sum(f.archetype == "tracking_workbook" for f in mine) == 1
            assert any(f.archetype == "email" for f in mine)


@pytest.mark.parametrize("persona", PRIVATE)
def test_the_notes_and_mail_repeat_the_sheet(persona: str) -> None:
    c = _computer(persona, 0)
    files = {f.path: f for f in c.blueprint.file_list}
    checked = 0
    for path, facts in c.facts.items():
        book = facts.get("quotes") if isinstance(facts, dict) else None
        if not book or files[path].archetype != "plan_note":
            continue
        planned, actual = _sheet_totals(c.disk.read_bytes(book))
        assert c.facts[book]["total_actual"] == actual and c.facts[book]["total_plan"] == planned
        text = _text(c, path)
        assert _norm(facts["total_actual"]) in text, (path, facts["total_actual"])
        digits = re.sub(r"\D", "", facts["total_actual"])
        assert int(digits) == actual, (path, facts["total_actual"], actual)
        assert posixpath_name(book) in text  # the note says where its figures come from
        checked += 1
    for path, facts in c.facts.items():
        if isinstance(facts, dict) and facts.get("attachment") and files[path].archetype == "email":
            book = facts["attachment"]
            if files[book].archetype == "tracking_workbook" and facts.get("total_actual"):
                body = _text(c, path).split("[attachment ")[0]
                if _norm(facts["total_actual"]) in body:
                    assert int(re.sub(r"\D", "", facts["total_actual"])) == _sheet_totals(c.disk.read_bytes(book))[1]
                    checked += 1
    assert checked >= 6, checked


def posixpath_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


@pytest.mark.parametrize("persona", PRIVATE[:3])
def test_the_revision_ticks_off_what_fell_due_and_says_what_changed(persona: str) -> None:
    c = _computer(persona, 0)
    edges = [e for e in c.blueprint.file_graph.edges if e.type == "version_of" and e.target.endswith("(updated).md")]
    assert edges
    for e in edges:
        old, new = _text(c, e.source), _text(c, e.target)
        written = date.fromisoformat(re.search(r"Updated (\d{4}-\d\d-\d\d)", new).group(1))  # type: ignore[union-attr]
        ticked = re.findall(r"^- \[x\] (.+) \(by (\d+) (\w{3})\)$", new, re.M)
        open_ = re.findall(r"^- \[ \] (.+) \(by (\d+) (\w{3})\)$", new, re.M)
        assert ticked or open_
        first = {t for t, _d, _m in re.findall(r"^- \[ \] (.+) \(by (\d+) (\w{3})\)$", old, re.M)}
        assert {t for t, _d, _m in ticked} <= first  # only tasks of the first version are ticked off
        added = re.search(r"^- Added: (.+)\.$", new, re.M)
        assert added is not None and added.group(1).lower() not in {t.lower() for t in first}
        assert "Since last time" in new and "Since last time" not in old
        assert written.isoformat() not in old


@pytest.mark.parametrize("persona", PRIVATE[:3])
def test_a_private_life_computer_validates(persona: str) -> None:
    report = validate_computer(_computer(persona, 0))
    assert report.ok, report.problems[:5]


def test_a_working_persona_keeps_the_corporate_chain() -> None:
    c = _computer("A procurement manager at a car parts maker in Stuttgart", 0)
    files = c.blueprint.file_list
    for p in c.blueprint.project_index.projects:
        if p.kind != "project":
            continue
        kinds = [f.archetype for f in files if f.project_id == p.project_id]
        assert kinds.count("project_brief") == 2 and "variance_report" in kinds, (p.name, kinds)
        assert "plan_note" not in kinds


@pytest.mark.parametrize(
    ("name", "focus", "kind"),
    [
        ("Holiday", "planning a holiday on a fixed income", "trip"),
        ("College application essays", "writing college application essays", "applications"),
        ("History essay due Friday", "finishing a history essay due Friday", "coursework"),
        ("Garden club's accounts", "balancing the garden club's accounts", "club"),
        ("Memories for the grandchildren", "writing down memories for the grandchildren", "family_history"),
        ("Medical appointments", "keeping medical appointments and prescriptions in order", "health"),
        ("Quotes for the kitchen renovation", "getting quotes for the kitchen renovation", "renovation"),
        ("Money from a part-time job", "saving money from a part-time job", "part_time"),
        ("Child's birthday party", "planning a child's birthday party", "event"),
        ("Moving house", "moving to a smaller flat", "move"),
        ("Job search", "applying for warehouse jobs", "job_search"),
        ("Marathon training", "training for the city marathon", "training"),
    ],
)
def test_a_project_gets_its_own_kind_of_private_project(name: str, focus: str, kind: str) -> None:
    assert private_kind(name, focus).id == kind


def test_a_private_life_computer_yields_objectives_grounded_on_its_sheets(tmp_path: Path) -> None:
    from synthcomp_agents.agents import create_objectives

    c = _computer("A retired nurse who volunteers at the church food bank", 0)
    c.save(tmp_path / "c", materialize=False)
    plan = create_objectives(tmp_path / "c", None, workdays=20, seed=0)
    sheets = {f.path for f in c.blueprint.file_list if f.archetype == "tracking_workbook"}
    grounding = {g for o in plan.objectives for d in o.deliverables for g in d.grounding_files}
    assert len(plan.objectives) >= 3
    assert grounding & sheets, grounding  # the month's work is grounded on the person's own sheets


@pytest.mark.parametrize("persona", PRIVATE[:3])
def test_what_family_and_friends_know_is_said_in_their_words(persona: str) -> None:
    from synthcomp_agents.models._scripted_setter import _fact_value

    c = _computer(persona, 0)
    facts = [f.fact for x in c.blueprint.collaboration_context.collaborators for f in x.private_knowledge]
    assert facts
    for fact in facts:
        assert not re.search(r"restated|scope of|entries are booked|deadline", fact), fact
        assert _fact_value(fact) in fact  # the objective-setter can still check it word for word

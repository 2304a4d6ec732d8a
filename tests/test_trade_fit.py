"""Trade-fit picks, asserted on generated content: a roofer's maintenance log lists a roofer's kit and his projects are
roofing jobs, a cattle farmer counts feed and ear tags, no price list names an item twice, a farm's incident report
blames the weather or the handling facilities rather than shift staffing, and a teacher's projects no kind names get
a teacher's paperwork, not an office status report or an interview scoresheet."""

from __future__ import annotations

import re

import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.generation import plan_context
from synthcomp_agents.computers.generation.project_docs import project_archetypes

_TEXT_KINDS = ("docx", "xlsx", "pdf", "csv", "md", "txt")


def _computer(persona: str) -> GeneratedComputer:
    return generated(persona, seed=7)


def _texts(persona: str, name: str) -> dict[str, str]:
    """The text of each file whose path contains ``name``."""
    c = _computer(persona)
    return {f.path: file_text(c, f.path) for f in c.blueprint.file_list if name in f.path and f.kind in _TEXT_KINDS}


def test_a_roofers_projects_are_roofing_jobs() -> None:
    paths = [f.path for f in _computer("A roofer in Leeds").blueprint.file_list]
    assert not [p for p in paths if re.search(r"rewiring|bathroom refit|loft conversion", p, re.I)]
    assert [p for p in paths if re.search(r"re-roof|flashing repair|gutter replacement", p, re.I)]


def test_a_roofers_maintenance_log_lists_a_roofers_kit() -> None:
    logs = _texts("A roofer in Leeds", "Maintenance log")
    assert logs
    text = " ".join(logs.values())
    assert not re.search(r"Passenger lift|Grain dryer|AHU-01|Server room", text)
    assert re.search(r"Scaffold tower|ladder|Nail gun", text, re.I)


def test_a_cattle_farmers_stock_count_is_farm_stock() -> None:
    counts = _texts("A cattle farmer in Kentucky", "Stock count")
    assert counts
    text = " ".join(counts.values())
    assert not re.search(r"Copy paper|Flour|Printer toner|Paper cups", text)
    assert re.search(r"feed|Mineral licks|Ear tags|vaccine|Fencing wire", text, re.I)


@pytest.mark.parametrize("persona", ["A sheep farmer in New Zealand", "A self-employed roofer in Dublin"])
def test_no_item_twice_in_a_price_list(persona: str) -> None:
    lists = _texts(persona, "price list")
    assert lists
    for path, text in lists.items():
        body = text.split("Prices\n", 1)[-1].split("All prices")[0].split("Prices include")[0]
        items = [x for x in body.split("\n") if x and not re.search(r"\d", x)]
        items = [x for x in items if x not in ("each", "Unit", "Price", "Service or product")]
        assert len(items) == len(set(items)), (path, items)


def test_a_farms_incident_report_blames_farm_causes() -> None:
    reports = _texts("A dairy farmer in Normandy", "Incident report")
    assert reports
    for text in reports.values():
        factors = text.split("Contributing factors", 1)[1].split("Actions agreed", 1)[0]
        assert "planned level for the shift" not in factors
        assert re.search(r"rain|weather|handling|calving|gate|single-handed|crush|slope", factors), factors


@pytest.mark.parametrize("persona", ["A maths teacher in Texas", "A primary school teacher in Lyon"])
def test_a_teachers_unnamed_projects_get_a_teachers_kinds(persona: str) -> None:
    ctx = plan_context(resolve_persona(persona), seed=7)
    used: set[str] = set()
    office = {"project_status_report", "interview_scoresheet", "standard_operating_procedure", "contract",
              "supplier_comparison", "quote"}  # fmt: skip
    for plan in ctx.plans:
        kinds = {a.id for a in project_archetypes(ctx, plan, 3, used)}
        used |= kinds
        assert not kinds & office, (plan.name, kinds)
    paths = " ".join(f.path for f in _computer(persona).blueprint.file_list)
    assert "status report" not in paths and "scoresheet" not in paths

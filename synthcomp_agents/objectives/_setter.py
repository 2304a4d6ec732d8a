"""What the objective setter writes against: its system prompt, the month's start, its error, and an example plan.

The agent itself (:class:`synthcomp_agents.agents.ObjectiveSetterAgent`) lives with the other agents; this module
holds the plan-level pieces it uses, so that objectives never import an agent or the world.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..computers import ComputerBlueprint
from ..computers.archetypes import ARCHETYPES, season_of
from ..disk import VirtualDisk
from ..models import GENERIC_KINDS, kind_label
from ..personas import country_code
from ._plan import ObjectivePlan
from ._reply import replies_in_evening

if TYPE_CHECKING:
    pass

__all__ = [
    "ObjectiveSetterError",
    "example_plan",
    "month_start_for",
    "setter_system_prompt",
]


class ObjectiveSetterError(RuntimeError):
    """The setter could not produce a valid plan within its repair budget."""


def month_start_for(disk: VirtualDisk) -> date:
    """The first Monday after the newest file on the disk (the simulated month starts then)."""
    newest = max((info.modified for info in disk.walk() if not info.is_dir), default=None)
    day = (newest.date() if newest is not None else date(2026, 1, 1)) + timedelta(days=1)
    while day.weekday() != 0:
        day += timedelta(days=1)
    return day


def setter_system_prompt(blueprint: ComputerBlueprint, start: date, workdays: int) -> str:
    """The setter's system message: the computer as data, and the rules of a good plan."""
    p = blueprint.user_profile
    lines = [
        "You are the environment designer of a work simulation. Read this user's computer with the read-only "
        "tools, then write about a month of realistic work for the user as an ObjectivePlan in JSON.",
        f"Computer id: {blueprint.computer_id}",
        f"Start date: {start.isoformat()}",
        f"Workdays: {workdays}",
        *_place_lines(p.location, start),
        "## User",
        f"{p.name}, {p.role} at {p.employer} ({p.industry}), {p.location}. Working style: {p.working_style}",
        "## Projects",
    ]
    files = blueprint.files_by_path()
    for pr in blueprint.project_index.projects:
        lines.append(
            f"- project {pr.project_id} | {pr.name} | {pr.status} | folder: {pr.folder} | stakeholders: "
            f"{', '.join(pr.stakeholders)} | {' '.join(pr.description.split())}"
        )
        for path in pr.documents:  # the project's own kinds of paper (a harvest record, a gig settlement sheet...)
            kind = files[path].archetype if path in files else None
            if not kind or kind in GENERIC_KINDS - {"meeting_notes"}:
                continue
            arch = ARCHETYPES.get(kind)  # a farm's or a band's own kind has no archetype row: the setter knows it
            lines.append(f"  - document {path} | {arch.label if arch is not None else kind_label(kind)} | {kind}")
    lines.append("## Collaborators (their private facts are on no file; the worker must ask them)")
    for c in blueprint.collaboration_context.collaborators:
        late = ", in the evening" if replies_in_evening(c.communication_style) else ""
        lines.append(
            f"- person {c.identifier} | {c.name} | {c.role} | {c.relationship} | {c.email} | "
            f"replies in ~{c.responsiveness:g} h{late}"
        )
        lines.extend(f"  - fact [{f.topic}] {f.fact}" for f in c.private_knowledge)
    lines += [
        "## Rules",
        "- Ground each objective in the project's own documents listed under it (what they are: a plan, a log, a "
        "budget, a record...) and its data; the deliverables are the next documents of that kind of work.",
        "- 3-6 objectives from the user's projects; each with 2-5 deliverables (mix docx, xlsx, pptx, md) at new "
        "paths inside the project's folder; grounding_files must be files you saw.",
        "- acceptance_checks: exists; quotes_value with a number a grounding workbook computes (source, locator "
        "'Sheet!B7', value exactly as computed, label); states_fact with a collaborator's private fact (value: a "
        "short phrase of that fact) plus a matching collaborator_inputs entry; has_headings / has_sheets / "
        "min_slides / min_words; sent_to when the deliverable must go to someone for review.",
        "- Titles in the user's own words for the work (a band's settlement, a farm's feed budget), not office "
        "stock; a season or quarter named in a title is the current or a coming one at its due date where the user "
        "lives (see Season above), never one already past.",
        "- rubric items for a judge; due_day (1..workdays); effort_hours as long as the work takes a professional (a "
        "few-page report about a day, a deck or workbook half a day to a day, notes an afternoon), within the "
        "working hours before each due day but not stretched to fill the month (the rest is their regular work); a "
        "deliverable needing a collaborator's fact is not due before that person can have answered a question asked "
        "on the morning of day 1 (their reply time; after 17:00 it is read the next morning).",
        "- Answer with the JSON object only: {computer_id, start_date, workdays, objectives: [{objective_id, title, "
        "why, deliverables: [{deliverable_id, path, kind, title, audience, description, acceptance_checks, rubric, "
        "grounding_files, collaborator_inputs, due_day, effort_hours}], grounding_files, collaborators, due_day, "
        "effort_hours}], notes}.",
    ]
    return "\n".join(lines)


def _place_lines(location: str, start: date) -> list[str]:
    """'Country: NZ' and 'Season: summer at the start (southern hemisphere)' when the location names a country."""
    code = country_code(location.rsplit(",", 1)[-1].strip()) if location else None
    if code is None:
        return []
    south = season_of(date(start.year, 1, 15), code) == "summer"
    return [
        f"Country: {code}",
        f"Season: {season_of(start, code)} at the start ({'southern' if south else 'northern'} hemisphere)",
    ]


def example_plan() -> ObjectivePlan:
    """A small valid plan over the demo computer (``synthcomp_agents._demo``), for examples and tests.

    Example:
        >>> [d.deliverable_id for d in example_plan().deliverables()][:3]
        ['o1-d1', 'o1-d2', 'o2-d1']
    """
    from .._demo import DEMO_FACTS

    steel = "Documents/Procurement/Steel_Contracts_2026"
    tracker = f"{steel}/Steel_Calloff_Tracker_Q1_2026.xlsx"
    review = f"{steel}/Steel_Spend_Review_Q1_2026_v2.docx"
    total = {"type": "quotes_value", "source": tracker, "locator": "By supplier!B7", "value": 1465552.5,
             "label": "Q1 value (EUR), Total (By supplier)"}  # fmt: skip
    tonnes = {"type": "quotes_value", "source": tracker, "locator": "By supplier!C7", "value": 1828.0,
              "label": "Q1 tonnes, Total (By supplier)"}  # fmt: skip

    def fact(ident: str) -> tuple[dict[str, Any], dict[str, Any]]:
        topic, _statement = DEMO_FACTS[ident]
        value = {"petra_lang": "EUR 18,400", "klaus_richter": "1 July 2026", "sabine_koch": "12 May 2026",
                 "tobias_wolf": "2.5% cap"}[ident]  # fmt: skip
        return (
            {"type": "states_fact", "collaborator": ident, "topic": topic, "value": value},
            {"collaborator": ident, "topic": topic, "question": f"What is the latest on {topic}?"},
        )

    def deliverable(did: str, path: str, kind: str, title: str, checks: list[dict[str, Any]], inputs: list[Any],
                    due: int, effort: float) -> dict[str, Any]:  # fmt: skip
        return {
            "deliverable_id": did, "path": path, "kind": kind, "title": title, "audience": "Klaus Richter",
            "description": f"{title} grounded in the Q1 call-off tracker.",
            "acceptance_checks": [{"type": "exists"}, *checks],
            "rubric": [{"rubric_id": f"{did}-r1", "criterion": "Numbers match the tracker exactly."}],
            "grounding_files": [tracker, review], "collaborator_inputs": inputs, "due_day": due,
            "effort_hours": effort,
        }  # fmt: skip

    petra, ask_petra = fact("petra_lang")
    klaus, ask_klaus = fact("klaus_richter")
    sabine, ask_sabine = fact("sabine_koch")
    tobias, ask_tobias = fact("tobias_wolf")
    heads = {"type": "has_headings", "headings": ["Summary", "Key figures", "Next steps"]}
    objectives = [
        {"objective_id": "o1", "title": "Close the Q1 steel spend review",
         "why": "The steering committee decides in May.",
         "deliverables": [
             deliverable("o1-d1", f"{steel}/Q1_Steel_Spend_Memo.docx", "docx", "Q1 steel spend memo",
                         [total, petra, heads, {"type": "sent_to", "collaborator": "petra_lang"}], [ask_petra], 3, 12),
             deliverable("o1-d2", f"{steel}/Q1_Steel_Figures.xlsx", "xlsx", "Q1 steel figures",
                         [total, tonnes, {"type": "has_sheets", "sheets": ["Summary", "Data"]}], [], 5, 10)],
         "due_day": 5, "effort_hours": 22},
        {"objective_id": "o2", "title": "Prepare the supplier consolidation decision",
         "why": "Contracts renew in July.",
         "deliverables": [
             deliverable("o2-d1", f"{steel}/Consolidation_Deck.pptx", "pptx", "Consolidation deck",
                         [total, klaus, {"type": "min_slides", "count": 4}], [ask_klaus], 8, 10),
             deliverable("o2-d2", f"{steel}/Pricing_Options.md", "md", "Pricing options note",
                         [tonnes, tobias, heads], [ask_tobias], 10, 8)],
         "due_day": 10, "effort_hours": 18},
        {"objective_id": "o3", "title": "Plan the precision tube audit", "why": "No renewal without an audit.",
         "deliverables": [
             deliverable("o3-d1", "Documents/Procurement/Supplier_Audits/Audit_Plan_Vogt.docx", "docx",
                         "Audit plan Vogt", [sabine, heads], [ask_sabine], 13, 10),
             deliverable("o3-d2", "Documents/Procurement/Supplier_Audits/Audit_Budget.xlsx", "xlsx",
                         "Audit budget", [total, {"type": "has_sheets", "sheets": ["Summary", "Data"]}], [], 15, 8)],
         "due_day": 15, "effort_hours": 18},
    ]  # fmt: skip
    return ObjectivePlan.model_validate(
        {"computer_id": "c-demo-procurement", "start_date": "2026-04-13", "workdays": 15, "objectives": objectives}
    )

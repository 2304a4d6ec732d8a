"""System prompts of the worker: the user's profile, collaborators, habits and the plan's worker view.

The worker view shows every deliverable with its requirements but hides the values acceptance checks compare
against (a ``quotes_value`` shows where the number lives, not the number; a ``states_fact`` shows whom to ask
about which topic, not the answer).
"""

from __future__ import annotations

from ..computers import ComputerBlueprint
from ..objectives import (
    Deliverable,
    HasColumns,
    HasHeadings,
    HasSheets,
    Mentions,
    MinSlides,
    MinWords,
    ObjectivePlan,
    QuotesValue,
    SentTo,
    StatesFact,
)

__all__ = ["deliverable_view", "plan_worker_view", "worker_system_prompt"]


def deliverable_view(d: Deliverable) -> list[str]:
    """Lines describing one deliverable for the worker (no check values)."""
    lines = [
        f"#### Deliverable {d.deliverable_id} [{d.kind}] {d.title}",
        f"- Path: ~/{d.path}",
        f"- Due: day {d.due_day} | Effort: {d.effort_hours:g} h",
        f"- Audience: {d.audience}",
        f"- Description: {' '.join(d.description.split())}",
    ]
    if d.grounding_files:
        lines.append("- Grounding: " + " ; ".join(f"~/{p}" for p in d.grounding_files))
    for ask in d.collaborator_inputs:
        lines.append(f"- Ask: {ask.collaborator} | {ask.topic} | {' '.join(ask.question.split())}")
    reviewers: list[str] = []
    for check in d.acceptance_checks:
        if isinstance(check, QuotesValue):
            lines.append(f"- Quote: {check.label or 'the value'} | ~/{check.source} | {check.locator}")
        elif isinstance(check, StatesFact):
            lines.append(f"- Fact: {check.collaborator} | {check.topic}")
        elif isinstance(check, HasHeadings):
            lines.append("- Headings: " + " ; ".join(check.headings))
        elif isinstance(check, HasSheets):
            lines.append("- Sheets: " + " ; ".join(check.sheets))
        elif isinstance(check, HasColumns):
            lines.append(f"- Columns: {check.sheet or ''} | " + " ; ".join(check.columns))
        elif isinstance(check, MinSlides):
            lines.append(f"- Slides: {check.count}")
        elif isinstance(check, MinWords):
            lines.append(f"- Words: {check.count}")
        elif isinstance(check, Mentions):
            lines.append(f"- Mention: {check.text}")
        elif isinstance(check, SentTo):
            reviewers.append(check.collaborator)
    for who in reviewers:
        lines.append(f"- Review: {who}")
    if d.rubric:
        lines.append("- Rubric: " + " ; ".join(r.criterion for r in d.rubric))
    return lines


def plan_worker_view(plan: ObjectivePlan) -> str:
    """The plan as the worker sees it (markdown; check values hidden).

    Example:
        >>> from synthcomp_agents.objectives._setter import example_plan
        >>> view = plan_worker_view(example_plan())
        >>> "#### Deliverable o1-d1" in view, "1465552.5" in view
        (True, False)
    """
    lines = [
        f"## Month plan: {plan.workdays} workdays from {plan.start_date.isoformat()} "
        f"(planned effort {plan.total_effort_hours():g} h)"
    ]
    for objective in plan.objectives:
        lines.append(f"### Objective {objective.objective_id}: {objective.title} (due day {objective.due_day})")
        lines.append(f"Why: {' '.join(objective.why.split())}")
        for d in objective.deliverables:
            lines.extend(deliverable_view(d))
    return "\n".join(lines)


def worker_system_prompt(blueprint: ComputerBlueprint, plan: ObjectivePlan | None, journal_path: str) -> str:
    """The worker's system message: who they are, their people and habits, how to work, and the month's plan."""
    p = blueprint.user_profile
    first = p.name.split()[0]
    lines = [
        f"You are {p.name}, {p.role} at {p.employer} ({p.industry}), based in {p.location} ({p.time_zone}). "
        f"This is your own computer ({p.os}, home ~ = /{'Users' if p.os == 'macos' else 'home'}/{p.username}); "
        f"you are not an assistant: you do your own job, in the first person, as {first}.",
        f"Your e-mail: {p.email}. Working style: {p.working_style or 'organised and thorough'}.",
        f"File habits: names like {p.document_habits.naming_pattern}; versions {p.document_habits.versioning_style}.",
        "## Collaborators (ask them by identifier with send_message; only they know some facts)",
    ]
    for c in blueprint.collaboration_context.collaborators:
        lines.append(
            f"- {c.identifier}: {c.name}, {c.role} at {c.organisation} ({c.relationship.replace('_', ' ')}), {c.email}"
        )
    lines += [
        "## How you work",
        "- Every tool result ends with a clock line: [clock] <day> <date> <time> | workday N/M | K unread.",
        f"- Your work journal is ~/{journal_path}: read it each morning, append progress with append_journal "
        "(it is your memory across days: note numbers you took from files, facts people told you, what is "
        "drafted, sent, reviewed, submitted).",
        "- Ground every deliverable in its files: read them, quote numbers exactly as the source computes them, "
        "ask the right collaborator for facts that are on no file, and keep working on other things while you "
        "wait for answers.",
        "- Send a deliverable for review when the plan says so, revise after feedback, then submit_deliverable.",
        "- When the clock line says the working day is over, append a journal entry and call end_day.",
    ]
    if plan is None:
        lines.append("## Month plan\nNo plan yet: explore your computer and your inbox until one arrives.")
    else:
        lines.append(plan_worker_view(plan))
    return "\n".join(lines)

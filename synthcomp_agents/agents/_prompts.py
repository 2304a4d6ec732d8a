"""System prompts of the worker: the user's profile, collaborators, habits and the plan's worker view.

The worker view is a manager's brief: what, for whom, by when, which sources and people matter and the expected form.
It never shows the acceptance checks, their literal texts or thresholds (no cell locators, no word or slide counts,
no required heading or sheet names, no fact values), the plan's topic strings ("Site staff: figures", said in words
instead) or the judge's rubric: the grader stays hidden.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from autogen_core.models import SystemMessage

from ..computers import ComputerBlueprint
from ..models import count_tokens
from ..objectives import Deliverable, ObjectivePlan, brief_topic
from ..world import TOOL_CONVENTIONS

__all__ = [
    "LOOKAHEAD_DAYS",
    "ONLY_THEY_KNOW",
    "brief_secrets",
    "deliverable_view",
    "plan_worker_view",
    "worker_system_prompt",
]

LOOKAHEAD_DAYS = 3
"""A deliverable is briefed in full from this many workdays before its due day (and the next few open ones always)."""

_ALWAYS_DETAILED = 2
"""The open deliverables due first are briefed in full whatever their due day."""

ONLY_THEY_KNOW = " (only they know; on no file)"
"""Ends an Ask line whose answer is on no file (the deliverable must state it)."""


def home_path(os_flavor: str, username: str) -> str:
    r"""The user's home folder in the computer's own path style (what the tools show for ``~``).

    Example:
        >>> home_path("windows", "ana"), home_path("macos", "ana"), home_path("linux", "ana")
        ('C:\\Users\\ana', '/Users/ana', '/home/ana')
    """
    if os_flavor == "windows":
        return f"C:\\Users\\{username}"
    return f"/{'Users' if os_flavor == 'macos' else 'home'}/{username}"


def _without_title(description: str, title: str) -> str:
    """The description without the title the line above already gives ("Revised SOP for X: Preparing X ..." is
    "Preparing X ..." under the heading "Revised SOP for X").

    Example:
        >>> _without_title("Budget memo: the Q3 figures and what moved", "Budget memo")
        'The Q3 figures and what moved'
    """
    if not description.casefold().startswith(title.casefold()):
        return description
    rest = description[len(title) :].lstrip(" :;,.-–")
    return rest[:1].upper() + rest[1:] if rest else description


def _description(d: Deliverable, previous: Deliverable | None) -> str:
    """The deliverable's description without its title, or ``as <id>`` when it says what the description of the
    deliverable briefed just above says (a workbook "For X: <the objective's aim>" under a memo of the same aim)."""
    own = _without_title(" ".join(d.description.split()), d.title)
    if previous is not None:
        before = _without_title(" ".join(previous.description.split()), previous.title)
        if re.sub(r"^For [^:]{1,80}: ", "", own).casefold() == re.sub(r"^For [^:]{1,80}: ", "", before).casefold():
            return f"as {previous.deliverable_id}"
    return own


def deliverable_view(d: Deliverable, previous: Deliverable | None = None) -> list[str]:
    """Lines describing one deliverable for the worker, as a manager would brief it (a grounding file named in full
    once, by its file name after that; grounding the same as the ``previous`` deliverable's, briefed just above, is
    said as ``as <its id>`` rather than listed in full again).

    Each acceptance check words its own line (:meth:`~synthcomp_agents.objectives.Check.brief`): what matters, which
    sources and people, the expected form; never the literal text or threshold the check compares against.
    """
    same_audience = previous is not None and previous.audience == d.audience
    lines = [
        f"#### Deliverable {d.deliverable_id} [{d.kind}] {d.title}",
        f"- Path: ~/{d.path}",
        f"- Due: day {d.due_day} | Effort: {d.effort_hours:g} h",
        f"- Audience: {f'as {previous.deliverable_id}' if previous is not None and same_audience else d.audience}",
        f"- Description: {_description(d, previous)}",
    ]
    if d.grounding_files and previous is not None and previous.grounding_files == d.grounding_files:
        lines.append(f"- Grounding: as {previous.deliverable_id}")
    elif d.grounding_files:
        lines.append("- Grounding: " + " ; ".join(f"~/{p}" for p in d.grounding_files))
    names = {p.rsplit("/", 1)[-1]: p for p in d.grounding_files}
    asks, briefs = _asks(d)
    if asks and previous is not None and asks == _asks(previous)[0]:  # the same people, asked the same
        lines.append(f"- Ask: as {previous.deliverable_id}")
    else:
        lines.extend(f"- Ask: {ask}" for ask in asks)
    said_before = _figure_lines(previous) if previous is not None else []
    shape_before = [b for b in _asks(previous)[1] if b.startswith("Shape: ")] if previous is not None else []
    figures = _figure_lines(d)
    for line in dict.fromkeys(briefs):
        for name, path in names.items():  # a grounding file is named once in full
            line = line.replace(f"from ~/{path}", f"from {name}")
        if figures and figures == said_before and line.startswith("Figures: "):
            if line == figures[0] and previous is not None:  # the same figures as the deliverable just above
                lines.append(f"- Figures: as {previous.deliverable_id}")
            continue
        if previous is not None and line in shape_before:  # the same shape as the deliverable just above
            lines.append(f"- Shape: as {previous.deliverable_id}")
            continue
        lines.append(f"- {line}")
    # the rubric is the judge's, like the checks are the scorer's: the worker is not shown it
    return lines


def _asks(d: Deliverable) -> tuple[list[str], list[str]]:
    """The deliverable's Ask lines ('<who> about <topic>...') and its other check briefs (a 'People:' brief that an
    Ask line already says is folded into it as 'only they know')."""
    briefs = [line for check in d.acceptance_checks if (line := check.brief(d.kind))]
    asks: list[str] = []
    for ask in d.collaborator_inputs:
        topic = brief_topic(ask.topic)
        question = ask_in_words(ask.question, ask.topic)
        # the setter's stock question says no more than the topic: the line alone says it
        said = "" if question == stock_question(topic, d.title) else f' ("{question}")'
        people = f"People: {ask.collaborator} knows the latest on {topic}; it is on no file."
        only = ""
        if people in briefs:  # said once, on the Ask line
            briefs = [b for b in briefs if b != people]
            only = ONLY_THEY_KNOW
        asks.append(f"{ask.collaborator} about {topic}{said}{only}")
    return asks, briefs


def _figure_lines(d: Deliverable) -> list[str]:
    """The ``Figures:`` lines of a deliverable's checks, grounding files by their names."""
    names = {p.rsplit("/", 1)[-1]: p for p in d.grounding_files}
    out: list[str] = []
    for check in d.acceptance_checks:
        line = check.brief(d.kind)
        if line and line.startswith("Figures: "):
            for name, path in names.items():
                line = line.replace(f"from ~/{path}", f"from {name}")
            out.append(line)
    return list(dict.fromkeys(out))


def stock_question(topic: str, title: str) -> str:
    """The setter's stock question for a topic (in words) and a deliverable; an Ask line leaves it unsaid.

    Example:
        >>> stock_question("the decision on the audit", "Audit memo")
        'What is the latest on the decision on the audit? I need it for the Audit memo.'
    """
    return f"What is the latest on {topic}? I need it for the {title}."


def ask_in_words(question: str, topic: str) -> str:
    """The plan's question with its topic string put in words (:func:`~synthcomp_agents.objectives.brief_topic`).

    Example:
        >>> ask_in_words("What is the latest on Site staff: figures? I need it.", "Site staff: figures")
        'What is the latest on the current figures for the site staff? I need it.'
    """
    question = " ".join(question.split())
    if topic and ":" in topic:
        question = re.sub(re.escape(topic), lambda _m: brief_topic(topic), question, flags=re.IGNORECASE)
    return question


def brief_secrets(plan: ObjectivePlan) -> list[str]:
    """Every literal text and threshold the plan's checks compare against: none may appear in the worker's brief.

    Example:
        >>> from synthcomp_agents.objectives import example_plan
        >>> plan = example_plan()
        >>> view = plan_worker_view(plan)
        >>> [s for s in brief_secrets(plan) if s.casefold() in view.casefold()]
        []
    """
    return sorted({s for d in plan.deliverables() for c in d.acceptance_checks for s in c.secrets()})


def plan_worker_view(
    plan: ObjectivePlan,
    today: int | None = None,
    submitted: Collection[str] = (),
    *,
    max_tokens: int | None = None,
    document: str | None = None,
) -> str:
    """The plan as the worker sees it (markdown; check values hidden).

    Without ``today`` every deliverable is briefed in full. With it (the current workday, 1-based) only the open
    deliverables due within :data:`LOOKAHEAD_DAYS` workdays, and the first few open ones, are: a later one shows its
    title, due day and whom to ask early; a submitted one says so. The plan's brief thus grows with the day's needs,
    not with the month's length. With ``max_tokens`` the brief also fits that many tokens: the open deliverables due
    last lose their details first (one line each, like a later one; the first open one always keeps them) and are
    briefed again as earlier ones are submitted. With ``document`` (the plan in full on the disk,
    :func:`plan_document`) a brief that leaves details out says where they are.

    Example:
        >>> from synthcomp_agents.objectives import example_plan
        >>> view = plan_worker_view(example_plan())
        >>> "#### Deliverable o1-d1" in view, "1465552.5" in view
        (True, False)
    """
    order = {d.deliverable_id: n for n, d in enumerate(plan.deliverables())}
    open_items = sorted(
        (d for d in plan.deliverables() if d.deliverable_id not in submitted),
        key=lambda d: (d.due_day, order[d.deliverable_id]),
    )
    first = {d.deliverable_id for d in open_items[:_ALWAYS_DETAILED]}
    briefed = [
        d for d in open_items if today is None or d.due_day <= today + LOOKAHEAD_DAYS or d.deliverable_id in first
    ]
    view = _plan_view(plan, {d.deliverable_id for d in briefed}, submitted, document=document)
    if max_tokens is None:
        return view
    # the open deliverables due last lose their details first; the first always keeps them
    while len(briefed) > 1 and _tokens(view) > max_tokens:
        briefed.pop()
        view = _plan_view(plan, {d.deliverable_id for d in briefed}, submitted, document=document)
    if _tokens(view) > max_tokens:  # a crowded month: the later lines leave out whom to ask (the brief says it later)
        view = _plan_view(plan, {d.deliverable_id for d in briefed}, submitted, asks=False, document=document)
    return view


def _tokens(text: str) -> int:
    """The offline token count of a system message (the count the bounded context budgets with)."""
    return count_tokens([SystemMessage(content=text)])


def _plan_view(
    plan: ObjectivePlan,
    detailed: Collection[str],
    submitted: Collection[str],
    *,
    asks: bool = True,
    document: str | None = None,
) -> str:
    """The plan's brief with the ``detailed`` deliverables in full and the other open ones one line each (with whom
    to ask early unless ``asks`` is false, and where they are in full: ``document``)."""
    lines = [
        f"## Month plan: {plan.workdays} workdays from {plan.start_date.isoformat()} "
        f"(planned effort {plan.total_effort_hours():g} h)"
    ]
    later = [d for d in plan.deliverables() if d.deliverable_id not in submitted and d.deliverable_id not in detailed]
    if document and later:
        lines.append(f"Every deliverable in full, the later ones too: ~/{document}")
    for objective in plan.objectives:
        lines.append(f"### Objective {objective.objective_id}: {objective.title} (due day {objective.due_day})")
        briefed = [d for d in objective.deliverables if d.deliverable_id in detailed]
        previous: Deliverable | None = None  # the deliverable briefed just above, if any
        above, above_asks = "", ""  # the later line just above and whom it asks about what
        for d in objective.deliverables:
            if d.deliverable_id in submitted:
                lines.append(f"- Submitted: {d.deliverable_id} [{d.kind}] {d.title}.")
                previous, above, above_asks = None, "", ""
            elif d in briefed:
                lines.extend(deliverable_view(d, previous))
                previous, above, above_asks = d, "", ""
            else:  # later: when, and whom to ask early (people take their time); the rest once it is due soon
                said = "; ".join(f"{a.collaborator} about {brief_topic(a.topic)}" for a in d.collaborator_inputs)
                if said and said == above_asks:  # the same people about the same as the line just above
                    said = f"as {above}"
                above, above_asks = d.deliverable_id, said if not said.startswith("as ") else above_asks
                lines.append(
                    f"- Later: {d.deliverable_id} [{d.kind}] {d.title}, due day {d.due_day}, {d.effort_hours:g} h"
                    + (f"; ask {said}." if said and asks else ".")
                )
    return "\n".join(lines)


def worker_system_prompt(
    blueprint: ComputerBlueprint,
    plan: ObjectivePlan | None,
    journal_path: str,
    *,
    today: int | None = None,
    submitted: Collection[str] = (),
    max_tokens: int | None = None,
    document: str | None = None,
) -> str:
    """The worker's system message: who they are, their people, how the world works, and the plan's brief (in full,
    or with ``today`` only what is due soon: :func:`plan_worker_view`), within ``max_tokens`` where the brief can
    shrink to fit them; ``document`` is where the plan lies in full on the disk (:func:`plan_document_path`)."""
    p = blueprint.user_profile
    first = p.name.split()[0]
    lines = [
        f"You are {p.name}, {p.role} at {p.employer} ({p.industry}), based in {p.location} ({p.time_zone}). "
        f"This is your own computer ({p.os}, home ~ = {home_path(p.os, p.username)}); "
        f"you are not an assistant: you do your own job, as {first}.",
        f"Working style: {(p.working_style or 'organised and thorough').rstrip('.')}.",
        f"File habits: names like {p.document_habits.naming_pattern}; versions {p.document_habits.versioning_style}.",
        "## Collaborators (write to them by identifier)",
    ]
    for c in blueprint.collaboration_context.collaborators:
        lines.append(f"- {c.identifier}: {c.name}, {c.role} ({c.relationship.replace('_', ' ')})")
    lines += [
        "## How your world works",
        "- Time moves only as you act; every tool result ends with a [clock] line: local time, workday, unread mail, "
        "minutes the call took.",
        "- Mail: people answer after an hour or more, by their habits, while you work on; replies land when the "
        "clock reaches them (after hours: next morning). Do other work or call wait rather than polling.",
        "- Reviews: send a draft when the plan says so, revise on the answer, then submit_deliverable.",
        "- Days: each starts with a morning brief; when the clock line says the day is over, append a journal entry "
        "and call end_day.",
        f"- Your work journal is ~/{journal_path}: your memory across days (numbers, facts people told you, what "
        "is drafted, sent, reviewed, submitted); read it each morning.",
        "- Quote numbers exactly as the source files compute them; ask the right collaborator for facts on no file.",
        f"- {TOOL_CONVENTIONS}",
    ]
    if plan is None:
        lines.append("## Month plan\nNo plan yet: explore your computer and your inbox until one arrives.")
    else:
        room = None if max_tokens is None else max_tokens - _tokens("\n".join(lines))
        lines.append(plan_worker_view(plan, today, submitted, max_tokens=room, document=document))
    return "\n".join(lines)


def plan_document(plan: ObjectivePlan, blueprint: ComputerBlueprint) -> str:
    """The month plan as the manager hands it over: every deliverable in full (check values hidden, as in the brief),
    for a worker whose morning brief details only what is due soon to read on demand.

    Example:
        >>> from synthcomp_agents.objectives import example_plan
        >>> from synthcomp_agents.testing import demo_blueprint
        >>> text = plan_document(example_plan(), demo_blueprint())
        >>> text.splitlines()[0], "#### Deliverable o1-d1" in text
        ('# Month plan for Jonas Weber', True)
    """
    profile = blueprint.user_profile
    managers = [c for c in blueprint.collaboration_context.collaborators if c.relationship == "manager"]
    given = f"Agreed with {managers[0].name} ({managers[0].role}) on " if managers else "Set on "
    return (
        f"# Month plan for {profile.name}\n\n{given}{plan.start_date.isoformat()}: the objectives, every deliverable "
        "with its sources, whom to ask and who reviews it.\n\n" + plan_worker_view(plan) + "\n"
    )

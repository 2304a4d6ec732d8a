"""Validate an ObjectivePlan against the computer it was written for."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..computers import Collaborator, ComputerBlueprint, check_home_path
from ..disk import VirtualDisk
from ._checks import QuotesValue, SentTo, StatesFact
from ._plan import Deliverable, ObjectivePlan
from ._reply import earliest_answer_day, replies_in_evening

__all__ = ["validate_plan"]


@lru_cache(maxsize=32)
def _computed(data: bytes) -> dict[str, dict[str, object]]:
    from ..office import evaluate_workbook

    values = evaluate_workbook(data)
    return {str(k): dict(v) for k, v in values.items()}


def _cell(disk: VirtualDisk, source: str, locator: str) -> float | None:
    if "!" not in locator:
        return None
    sheet, _, cell = locator.rpartition("!")
    match = re.match(r"^\$?([A-Za-z]{1,3})\$?(\d+)$", cell.strip())
    if match is None:
        return None
    try:
        values = _computed(disk.read_bytes(source))
    except Exception:
        return None
    value = values.get(sheet.strip().strip("'"), {}).get(f"{match.group(1).upper()}{match.group(2)}")
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


_STAMP = re.compile(
    r"\b(?:updated|revised|last (?:updated|edited|modified|revised)|as of|dated|date)\W{0,4}(?:on\s+)?"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})",
    re.I,
)


def _stated_date(text: str) -> date | None:
    """The latest date a document says it was written, updated or revised ('Revised 2026-02-02'), if any."""
    from datetime import datetime

    out: date | None = None
    for match in _STAMP.finditer(text):
        raw = match.group(1)
        try:
            day = (
                date.fromisoformat(raw)
                if raw[:4].isdigit()
                else datetime.strptime(
                    " ".join([*raw.split()[:1], raw.split()[1][:3].title(), *raw.split()[2:]]), "%d %b %Y"
                ).date()
            )
        except ValueError:
            continue
        out = day if out is None or day > out else out
    return out


def dated_after(disk: VirtualDisk, path: str, start: date) -> str | None:
    """Why a file cannot exist yet on a computer saved before ``start``: it was modified later, or its text says it
    was written or revised later (None when it is current).

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> disk = VirtualDisk()
        >>> _ = disk.write_text("Documents/brief.md", "# Brief\\nRevised 2026-02-02 by Ana.")
        >>> dated_after(disk, "Documents/brief.md", date(2026, 1, 6))
        'says it was revised or updated on 2026-02-02'
    """
    try:
        info = disk.stat(path)
    except Exception:
        return None
    if info.modified.date() > start:
        return f"was modified on {info.modified.date().isoformat()}"
    if not path.lower().endswith((".md", ".txt", ".docx", ".csv", ".eml", ".pptx", ".pdf")):
        return None
    from ..office import extract_text

    try:
        text = extract_text(path.rsplit("/", 1)[-1], disk.read_bytes(path), max_chars=4000)
    except Exception:
        return None
    stated = _stated_date(text)
    if stated is not None and stated > start:
        return f"says it was revised or updated on {stated.isoformat()}"
    return None


def validate_plan(plan: ObjectivePlan, blueprint: ComputerBlueprint, disk: VirtualDisk) -> list[str]:
    """Problems that make ``plan`` unusable on this computer (empty list: valid).

    Checks: grounding files and check sources exist; collaborators exist; deliverable paths are canonical, inside
    the home's top folders and do not overwrite an existing file; no grounding file is dated after the plan's start
    (modified later, or its text says it was revised later: the computer was saved before the start);
    ``quotes_value`` numbers equal what the source workbook computes at the locator; ``states_fact`` values occur in
    that collaborator's private facts; a deliverable needing a collaborator's fact or review is not due before that
    person's reply to a question sent on the morning of day 1 can be read (:func:`earliest_answer_day`); the
    computer id matches.

    Example:
        >>> from synthcomp_agents._demo import build_demo_disk
        >>> from synthcomp_agents.testing import demo_blueprint
        >>> from synthcomp_agents.objectives import example_plan
        >>> validate_plan(example_plan(), demo_blueprint(), build_demo_disk()[0])
        []
    """
    problems: list[str] = []
    people = {c.identifier: c for c in blueprint.collaboration_context.collaborators}
    known = ", ".join(sorted(people))
    tops = {p.split("/")[0] for p in blueprint.filesystem_policy.home_layout} | {"Documents", "Desktop", "Downloads"}
    if plan.computer_id != blueprint.computer_id:
        problems.append(f"computer_id is {plan.computer_id!r}; this computer is {blueprint.computer_id!r}")

    def exists(path: str, what: str) -> None:
        if not disk.exists(path) or disk.is_dir(path):
            problems.append(f"{what}: {path!r} is not a file on this computer (use paths you saw with the tools)")

    def person(ident: str, what: str) -> None:
        if ident not in people:
            problems.append(f"{what}: unknown collaborator {ident!r}; use one of: {known}")

    for objective in plan.objectives:
        for path in objective.grounding_files:
            exists(path, f"objective {objective.objective_id} grounding file")
        for ident in objective.collaborators:
            person(ident, f"objective {objective.objective_id}")
        for d in objective.deliverables:
            where = f"deliverable {d.deliverable_id}"
            try:
                check_home_path(d.path)
            except ValueError as exc:
                problems.append(f"{where} path: {exc}")
                continue
            if d.path.split("/")[0] not in tops:
                problems.append(f"{where}: {d.path!r} is outside the usual folders ({', '.join(sorted(tops))})")
            if disk.exists(d.path):
                problems.append(f"{where}: {d.path!r} already exists; deliverables must be new files")
            if not d.grounding_files:
                problems.append(f"{where}: no grounding_files; name existing files it must be based on")
            for path in d.grounding_files:
                exists(path, f"{where} grounding file")
                why = dated_after(disk, path, plan.start_date) if disk.exists(path) else None
                if why:
                    problems.append(
                        f"{where} grounding file '{path}' is dated after the start ({plan.start_date}): it {why}; "
                        "ground the deliverable on a current file"
                    )
            for ask in d.collaborator_inputs:
                person(ask.collaborator, f"{where} collaborator input")
            for check in d.acceptance_checks:
                if isinstance(check, QuotesValue):
                    exists(check.source, f"{where} quotes_value source")
                    if check.source.lower().endswith((".xlsx", ".xlsm")) and disk.exists(check.source):
                        actual = _cell(disk, check.source, check.locator)
                        if actual is None:
                            problems.append(f"{where}: no computed number at {check.locator!r} in {check.source!r}")
                        elif abs(actual - check.value) > max(1e-9, abs(actual) * check.tolerance):
                            problems.append(
                                f"{where}: {check.source}!{check.locator} computes {actual:,.2f}, "
                                f"not {check.value:,.2f}"
                            )
                elif isinstance(check, StatesFact):
                    person(check.collaborator, f"{where} states_fact")
                    facts = people[check.collaborator].private_knowledge if check.collaborator in people else []
                    if check.collaborator in people and not any(check.value.lower() in f.fact.lower() for f in facts):
                        problems.append(
                            f"{where}: states_fact value {check.value!r} is not in {check.collaborator}'s private facts"
                        )
                elif isinstance(check, SentTo):
                    person(check.collaborator, f"{where} sent_to")
            problems.extend(_reply_time_problems(d, people, plan.workdays))
    return problems


def _reply_time_problems(d: Deliverable, people: dict[str, Collaborator], workdays: int) -> list[str]:
    """A deliverable due before the answer it needs (a fact or a review) can arrive, one problem per collaborator."""
    needs: dict[str, list[str]] = {}
    for ask in d.collaborator_inputs:
        needs.setdefault(ask.collaborator, []).append("a fact")
    for check in d.acceptance_checks:
        if isinstance(check, StatesFact):
            needs.setdefault(check.collaborator, []).append("a fact")
        elif isinstance(check, SentTo):
            needs.setdefault(check.collaborator, []).append("a review")
    problems = []
    for ident, what in needs.items():
        if ident not in people:
            continue  # reported as an unknown collaborator
        c = people[ident]
        day = earliest_answer_day(c)
        if d.due_day >= day:
            continue
        late = ", in the evening" if replies_in_evening(c.communication_style) else ""
        message = (
            f"deliverable {d.deliverable_id} is due on day {d.due_day} but needs {' and '.join(dict.fromkeys(what))} "
            f"from {ident}, who replies in ~{c.responsiveness:g} h{late}: a question sent on the morning of day 1 is "
            f"answered on day {day} at the earliest"
        )
        if day <= workdays:
            message += f"; make it due on day {day} or later"
        else:
            message += f", after this {workdays}-day run; ask someone who answers sooner or drop this input"
        problems.append(message)
    return problems

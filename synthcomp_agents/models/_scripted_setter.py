"""Scripted objective-setter: explores the computer read-only, then answers with an ObjectivePlan as JSON.

It decides from its system prompt (the computer's profile, projects and collaborators with their private facts,
the month's start and length) and the results of its own tool calls (tree, find_files, read_file of
spreadsheets, whose cells show ``=SUM(..) -> 1,234.50``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from autogen_core.models import LLMMessage, UserMessage

from ._scripted_people import key_tokens
from ._scripted_text import call_args, cell_value, number, pairs_after, sheet_tables, system_text, user_text

__all__ = ["setter_decide"]

_KIND_CYCLE = (("docx", "xlsx", "pptx"), ("docx", "md"), ("xlsx", "pptx", "docx"), ("md", "docx"), ("pptx", "xlsx"))
_EFFORT = {"docx": 12.0, "xlsx": 10.0, "pptx": 8.0, "md": 6.0}
_TITLES = {
    "docx": "{name} status report",
    "xlsx": "{name} figures workbook",
    "pptx": "{name} steering deck",
    "md": "{name} working notes",
}


@dataclass
class _Project:
    pid: str
    name: str
    status: str
    folder: str
    stakeholders: list[str]
    description: str


@dataclass
class _Person:
    ident: str
    name: str
    relationship: str
    facts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Context:
    computer_id: str = "computer"
    start: str = "2026-01-05"
    workdays: int = 20
    projects: list[_Project] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)


@lru_cache(maxsize=8)
def _context(system: str) -> _Context:
    ctx = _Context()
    for key, attr in (("Computer id", "computer_id"), ("Start date", "start")):
        match = re.search(rf"^{key}: (\S+)", system, re.M)
        if match:
            setattr(ctx, attr, match.group(1))
    match = re.search(r"^Workdays: (\d+)", system, re.M)
    if match:
        ctx.workdays = int(match.group(1))
    for m in re.finditer(
        r"^- project (\S+) \| (.+?) \| (\w+) \| folder: (.+?) \| stakeholders: (.*?) \| (.*)$", system, re.M
    ):
        people = [s.strip() for s in m.group(5).split(",") if s.strip()]
        ctx.projects.append(_Project(m.group(1), m.group(2), m.group(3), m.group(4).strip(), people, m.group(6)))
    person: _Person | None = None
    for line in system.splitlines():
        head = re.match(r"^- person (\S+) \| (.+?) \| .+? \| (\S+) \|", line)
        if head:
            person = _Person(head.group(1), head.group(2), head.group(3))
            ctx.people.append(person)
            continue
        fact = re.match(r"^  - fact \[(.+?)\] (.+)$", line)
        if fact and person is not None:
            person.facts.append((fact.group(1), fact.group(2)))
    return ctx


def _chosen(ctx: _Context) -> list[_Project]:
    order = {"active": 0, "planned": 1, "on_hold": 2, "completed": 3, "cancelled": 4}
    ranked = sorted(ctx.projects, key=lambda p: (order.get(p.status, 5), ctx.projects.index(p)))
    return ranked[:5]


def _found_paths(text: str) -> list[str]:
    out = []
    for m in re.finditer(r"^(/\S.*?)  \((spreadsheet|document|presentation|text|pdf)", text, re.M):
        path = re.sub(r"^/(?:Users|home)/[^/]+/", "", m.group(1))
        out.append(path)
    return out


def setter_decide(messages: list[LLMMessage], seed: int) -> tuple[str, str | None, dict[str, Any] | None]:
    """Return ``(note, tool_name, args)`` for the next exploration call, or ``(plan_json, None, None)`` when done."""
    system = system_text(messages)
    ctx = _context(system)
    pairs = pairs_after(messages, 0)
    done = {(c.name, json.dumps(call_args(c), sort_keys=True)) for c, _ in pairs}
    results = {(c.name, json.dumps(call_args(c), sort_keys=True)): r.content for c, r in pairs if not r.is_error}
    projects = _chosen(ctx)
    wanted: list[tuple[str, dict[str, Any]]] = [("tree", {"path": "~", "depth": 3})]
    for p in projects:
        wanted.append(("find_files", {"path": f"~/{p.folder}", "kind": "spreadsheet"}))
        wanted.append(("find_files", {"path": f"~/{p.folder}", "kind": "document"}))
    for name, args in wanted:
        key = (name, json.dumps(args, sort_keys=True))
        if key not in done:
            return f"Exploring: {name} {args.get('path', '')}", name, args
    sheets = _spreadsheets(projects, results)
    for path in list(dict.fromkeys(sheets.values()))[:4]:
        args = {"path": f"~/{path}", "max_chars": 7000}
        if ("read_file", json.dumps(args, sort_keys=True)) not in done:
            return f"Reading {path} for numbers", "read_file", args
    feedback = _feedback(messages)
    plan = _plan(ctx, projects, sheets, results, feedback, seed)
    return json.dumps(plan, ensure_ascii=False), None, None


def _feedback(messages: list[LLMMessage]) -> str:
    for message in reversed(messages):
        if isinstance(message, UserMessage) and "problem" in user_text(message).lower():
            return user_text(message)
    return ""


def _spreadsheets(projects: list[_Project], results: dict[tuple[str, str], str]) -> dict[str, str]:
    """Per project id, the spreadsheet to ground it on (newest version first as find_files lists newest first)."""
    out: dict[str, str] = {}
    for p in projects:
        key = ("find_files", json.dumps({"path": f"~/{p.folder}", "kind": "spreadsheet"}, sort_keys=True))
        found = [f for f in _found_paths(results.get(key, "")) if f.endswith((".xlsx", ".xlsm"))]
        if found:
            out[p.pid] = found[0]
    return out


def _documents(p: _Project, results: dict[tuple[str, str], str]) -> list[str]:
    key = ("find_files", json.dumps({"path": f"~/{p.folder}", "kind": "document"}, sort_keys=True))
    return [f for f in _found_paths(results.get(key, "")) if f.endswith((".docx", ".md", ".txt"))][:2]


def _pick_value(text: str) -> tuple[str, float, str] | None:
    """(locator, value, label) of a computed total in a workbook read: a formula cell, 'Total' rows first."""
    best: tuple[int, str, float, str] | None = None
    for sheet, rows in sheet_tables(text).items():
        header = rows.get(1, {})
        for number_, row in rows.items():
            label = row.get("A", "")
            for col, cell in row.items():
                if "->" not in cell or col == "A":
                    continue
                value = number(cell_value(cell))
                if value is None or value == 0:
                    continue
                score = (100 if "total" in label.lower() else 0) + number_
                if best is None or score > best[0]:
                    what = f"{header.get(col, col)}, {label or 'row ' + str(number_)} ({sheet})"
                    best = (score, f"{sheet}!{col}{number_}", value, what)
    return None if best is None else (best[1], best[2], best[3])


def _fact_for(ctx: _Context, p: _Project, used: set[tuple[str, str]]) -> tuple[_Person, str, str] | None:
    people = {x.ident: x for x in ctx.people}
    candidates: list[tuple[int, _Person, str, str]] = []
    for person in ctx.people:
        for topic, fact in person.facts:
            if (person.ident, topic) in used:
                continue
            score = 2 if topic.lower().startswith(p.name.lower()[:20]) else (1 if person.ident in p.stakeholders else 0)
            candidates.append((score, person, topic, fact))
    if not candidates:
        return None
    candidates.sort(key=lambda c: -c[0])
    _, person, topic, fact = candidates[0]
    used.add((person.ident, topic))
    return people[person.ident], topic, fact


def _fact_value(fact: str) -> str:
    tokens = key_tokens(fact)
    return tokens[0] if tokens else " ".join(fact.split()[:5])


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:48] or "deliverable"


def _plan(
    ctx: _Context,
    projects: list[_Project],
    sheets: dict[str, str],
    results: dict[tuple[str, str], str],
    feedback: str,
    seed: int,
) -> dict[str, Any]:
    grounded = [p for p in projects if p.pid in sheets] or projects
    chosen = grounded[: max(3, min(5, len(grounded)))]
    while len(chosen) < 3 and projects:
        chosen.append(projects[len(chosen) % len(projects)])
    manager = next(
        (x.ident for x in ctx.people if x.relationship == "manager"), ctx.people[0].ident if ctx.people else ""
    )
    used: set[tuple[str, str]] = set()
    raw: list[dict[str, Any]] = []
    for n, p in enumerate(chosen, start=1):
        sheet = sheets.get(p.pid)
        text = results.get(("read_file", json.dumps({"path": f"~/{sheet}", "max_chars": 7000}, sort_keys=True)), "")
        picked = _pick_value(text) if sheet else None
        fact = _fact_for(ctx, p, used)
        docs = _documents(p, results)
        grounding = ([sheet] if sheet else []) + docs[:1]
        kinds = _KIND_CYCLE[(n - 1 + seed) % len(_KIND_CYCLE)]
        deliverables: list[dict[str, Any]] = []
        for m, kind in enumerate(kinds, start=1):
            title = _TITLES[kind].format(name=p.name)
            checks: list[dict[str, Any]] = [{"type": "exists"}]
            if picked is not None and (m <= 2 or kind != "md"):
                checks.append(
                    {
                        "type": "quotes_value",
                        "source": sheet,
                        "locator": picked[0],
                        "value": picked[1],
                        "label": picked[2],
                    }
                )
            inputs = []
            if fact is not None and m <= 2:
                person, topic, statement = fact
                checks.append(
                    {
                        "type": "states_fact",
                        "collaborator": person.ident,
                        "topic": topic,
                        "value": _fact_value(statement),
                    }
                )
                inputs.append(
                    {
                        "collaborator": person.ident,
                        "topic": topic,
                        "question": f"What is the latest on {topic}? I need it for the {title}.",
                    }
                )
            if kind in ("docx", "md"):
                checks.append({"type": "has_headings", "headings": ["Summary", "Key figures", "Next steps"]})
                checks.append({"type": "min_words", "count": 180})
            elif kind == "xlsx":
                checks.append({"type": "has_sheets", "sheets": ["Summary", "Data"]})
            elif kind == "pptx":
                checks.append({"type": "min_slides", "count": 4})
            reviewer = (fact[0].ident if fact is not None else manager) if m == 1 else ""
            if reviewer:
                checks.append({"type": "sent_to", "collaborator": reviewer})
            deliverables.append(
                {
                    "deliverable_id": f"o{n}-d{m}",
                    "path": f"{p.folder}/{_slug(title)}_o{n}.{kind}",
                    "kind": kind,
                    "title": title.capitalize(),
                    "audience": "Steering committee" if kind == "pptx" else "My manager and the project team",
                    "description": f"{title.capitalize()} for {p.name}: {p.description.rstrip('.')}, with the "
                    "current figures and the open points.",
                    "acceptance_checks": checks,
                    "rubric": [
                        {"rubric_id": f"o{n}-d{m}-r1", "criterion": "Numbers match the grounding files exactly."},
                        {"rubric_id": f"o{n}-d{m}-r2", "criterion": "Clear, professional structure for the audience."},
                    ],
                    "grounding_files": grounding,
                    "collaborator_inputs": inputs,
                    "due_day": 1,
                    "effort_hours": _EFFORT[kind],
                }
            )
        raw.append(
            {
                "objective_id": f"o{n}",
                "title": f"Move {p.name} forward",
                "why": f"{p.name} is {p.status.replace('_', ' ')} and needs current figures and decisions this month.",
                "deliverables": deliverables,
                "grounding_files": grounding,
                "collaborators": sorted({c["collaborator"] for d in deliverables for c in d["collaborator_inputs"]}),
                "due_day": 1,
                "effort_hours": 1,
            }
        )
    _schedule(raw, ctx.workdays)
    return {
        "computer_id": ctx.computer_id,
        "start_date": ctx.start,
        "workdays": ctx.workdays,
        "objectives": raw,
        "notes": "Written by the scripted objective setter after exploring the computer."
        + (" Revised after validation feedback." if feedback else ""),
    }


def _schedule(objectives: list[dict[str, Any]], workdays: int) -> None:
    """Scale efforts to about a month of one person's work and set due days along the cumulative effort."""
    items = [d for o in objectives for d in o["deliverables"]]
    total = sum(d["effort_hours"] for d in items) or 1.0
    scale = workdays * 7.0 / total
    cumulative = 0.0
    for d in items:
        d["effort_hours"] = round(max(2.0, min(40.0, d["effort_hours"] * scale)), 1)
    total = sum(d["effort_hours"] for d in items)
    for d in items:
        cumulative += d["effort_hours"]
        d["due_day"] = max(2, min(workdays, math.ceil(cumulative / total * workdays)))
    for o in objectives:
        o["due_day"] = max(d["due_day"] for d in o["deliverables"])
        o["effort_hours"] = round(sum(d["effort_hours"] for d in o["deliverables"]), 1)

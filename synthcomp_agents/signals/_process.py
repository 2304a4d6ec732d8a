"""Process signals: what each worker step did, read from a run's trajectory and ``events.jsonl``.

One step per worker model call (the i-th ``worker`` line of the trajectory is step i): its action (tool name or
``message``), whether the tool failed, whether it repeats a recent identical call with nothing written in between
(redundant/looping), whether a deliverable write came after reading that deliverable's grounding files, whether it
consulted a collaborator, which progress events it made (``created:<id>``, ``revised:<id>``, ``submitted:<id>``),
the simulated minutes it took, and a small shaped per-step reward. Per day: a progress curve.

Both are streamed line by line (a month's trajectory is ~150 MB decompressed; read via ``RunFolder``).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

# Importing the simulation package registers the communication tools' traits (check_inbox, submit_deliverable...):
# the signals of a run folder are often computed in a process that never ran a simulation.
from .. import simulation as _simulation  # noqa: F401
from ..disk import home_relative
from ..objectives import ObjectivePlan
from ..simulation import RunFolder
from ..tools import tool_traits

__all__ = ["DaySignals", "ProcessSignals", "StepSignals", "home_relative", "process_signals"]

_REDUNDANT_WINDOW = 10
STEP_REWARD = {"created": 0.02, "revised": 0.005, "submitted": 0.05, "tool_error": -0.01, "redundant": -0.005}
"""The shaped per-step reward: progress events earn, tool errors and redundant actions cost."""


class StepSignals(BaseModel):
    """Process signals of one worker step."""

    step: int
    trajectory_line: int
    day: int
    sim_time: str
    action: str
    tool_error: bool = False
    redundant: bool = False
    grounding_read_before_write: bool | None = None
    collaborator_consulted: bool = False
    progress: list[str] = []
    minutes: float = 0.0
    reward: float = 0.0


class DaySignals(BaseModel):
    """One simulated day: cumulative deliverables submitted and the share of the plan they are, plus activity."""

    day: int
    deliverables_submitted: int
    progress: float
    tool_calls: int
    tool_errors: int
    mail_sent: int


class ProcessSignals(BaseModel):
    """Every step, the per-day curve and totals."""

    steps: list[StepSignals]
    per_day: list[DaySignals]
    totals: dict[str, int]


def _lines(raw_lines: Iterable[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    for n, raw in enumerate(raw_lines):
        line = raw.decode("utf-8").strip()
        if not line:
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError:
            continue  # a torn last line of a crashed run: skipped, not fatal


def _tool_events(run: RunFolder) -> dict[str, deque[dict[str, Any]]]:
    by_call: dict[str, deque[dict[str, Any]]] = {}
    for _n, event in _lines(run.iter_event_lines()):
        if event.get("kind") == "tool" and event.get("agent") == "worker":
            by_call.setdefault(str(event.get("call_id")), deque()).append(event)
    return by_call


def _recipients(args: Mapping[str, Any]) -> list[str]:
    to = args.get("to")
    if isinstance(to, str):
        return [to]
    if isinstance(to, list):
        return [str(t) for t in to]
    return []


def _path_arg(args: Mapping[str, Any], key: str) -> str:
    """The home-relative path in argument ``key`` (``''`` when absent)."""
    return home_relative(str(args.get(key) or ""))


def process_signals(
    run_dir: str | Path, plan: ObjectivePlan | None, collaborators: Sequence[str] = ()
) -> ProcessSignals:
    """Compute the process signals of a run folder.

    Args:
        run_dir: the run folder (its trajectory and events, compact or plain).
        plan: the run's plan (deliverable paths and grounding files); None gives steps without deliverable events.
        collaborators: collaborator identifiers and addresses (a message to one of them counts as consulting).
    """
    run = RunFolder(run_dir)
    tool_events = _tool_events(run)
    deliverables = plan.deliverables() if plan is not None else []
    by_path = {d.path: d for d in deliverables}
    people = {c.casefold() for c in collaborators}
    read_paths: set[str] = set()
    written: set[str] = set()
    recent: deque[str] = deque(maxlen=_REDUNDANT_WINDOW)
    dates: list[str] = []
    steps: list[StepSignals] = []
    submitted: set[str] = set()
    days: dict[int, dict[str, int]] = {}
    for line_no, record in _lines(run.iter_trajectory_lines() if run.has_trajectory() else ()):
        if record.get("role") != "worker":
            continue
        sim_time = str(record.get("sim_time") or "")
        date = sim_time[:10]
        if date and (not dates or dates[-1] != date):
            dates.append(date)
            recent.clear()  # the next morning's routine (the journal read again, the inbox) is a new day's, not a loop
        day = max(1, len(dates))
        response = record.get("response") or {}
        calls = response.get("tool_calls") or []
        step = StepSignals(
            step=len(steps), trajectory_line=line_no, day=day, sim_time=sim_time, action="message" if not calls else ""
        )
        names: list[str] = []
        for call in calls:
            function = call.get("function") or {}
            name = str(function.get("name") or "?")
            names.append(name)
            raw = str(function.get("arguments") or "{}")
            try:
                args: dict[str, Any] = json.loads(raw)
                if not isinstance(args, dict):
                    args = {}
            except json.JSONDecodeError:
                args = {}
            queue = tool_events.get(str(call.get("id")))
            event = queue.popleft() if queue else None
            error = bool(event.get("is_error")) if event else False
            step.tool_error = step.tool_error or error
            step.minutes += float(event.get("sim_minutes") or 0) if event else 0.0
            # what the tool declares (ToolTraits); a tool that does not exist reads and writes nothing
            traits = tool_traits(name)
            read_arg, write_arg = (traits.reads, traits.writes) if traits is not None else (None, None)
            signature = f"{name}:{json.dumps(args, sort_keys=True)}"
            if not (traits is not None and traits.repeatable) and signature in recent:
                step.redundant = True
            if write_arg is not None:
                recent.clear()  # a file's content changed: reading again is not looping
            recent.append(signature)
            if read_arg is not None and not error:
                read_paths.add(_path_arg(args, read_arg))
            target = _path_arg(args, write_arg) if write_arg is not None else None
            if target is not None and not error and target in by_path:
                d = by_path[target]
                step.grounding_read_before_write = all(g in read_paths for g in d.grounding_files)
                step.progress.append(f"{'revised' if target in written else 'created'}:{d.deliverable_id}")
                written.add(target)
            if name == "submit_deliverable" and not error:
                did = str(args.get("deliverable_id") or "")
                step.progress.append(f"submitted:{did}")
                submitted.add(did)
            if name in ("send_message", "reply"):
                recipients = [r.casefold() for r in _recipients(args)]
                if name == "reply" or any(r in people or any(p in r for p in people) for r in recipients):
                    step.collaborator_consulted = True
            counters = days.setdefault(day, {"tool_calls": 0, "tool_errors": 0, "mail_sent": 0, "submitted": 0})
            counters["tool_calls"] += 1
            counters["tool_errors"] += int(error)
            counters["mail_sent"] += int(name in ("send_message", "reply") and not error)
        days.setdefault(day, {"tool_calls": 0, "tool_errors": 0, "mail_sent": 0, "submitted": 0})
        days[day]["submitted"] = len(submitted)
        step.action = step.action or ",".join(names)
        reward = sum(STEP_REWARD[p.split(":", 1)[0]] for p in step.progress)
        reward += STEP_REWARD["tool_error"] if step.tool_error else 0.0
        reward += STEP_REWARD["redundant"] if step.redundant else 0.0
        step.reward = round(reward, 6)
        step.minutes = round(step.minutes, 3)
        steps.append(step)
    total = len(deliverables) or 1
    per_day: list[DaySignals] = []
    done = 0
    for day in sorted(days):
        c = days[day]
        done = max(done, c["submitted"])
        per_day.append(
            DaySignals(
                day=day,
                deliverables_submitted=done,
                progress=round(done / total, 6),
                tool_calls=c["tool_calls"],
                tool_errors=c["tool_errors"],
                mail_sent=c["mail_sent"],
            )
        )
    totals = {
        "steps": len(steps),
        "tool_errors": sum(s.tool_error for s in steps),
        "redundant": sum(s.redundant for s in steps),
        "collaborators_consulted": sum(s.collaborator_consulted for s in steps),
        "writes_before_grounding": sum(s.grounding_read_before_write is False for s in steps),
    }
    return ProcessSignals(steps=steps, per_day=per_day, totals=totals)

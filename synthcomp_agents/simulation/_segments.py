"""The run plan and its segments: the objective setter's plan, then one ``team.run()`` per simulated workday.

:func:`next_segment` is the run plan: after the start comes :class:`PlanSegment` (until the world has a plan), then a
:class:`DaySegment` per workday until the month is over, a budget is spent, or a stop reason was recorded.
:func:`run_segment` runs one segment over a :class:`~synthcomp_agents.simulation._live.LiveRun`: fresh participants
with the last checkpoint's agent states, a fresh ``SelectorGroupChat``, and a checkpoint at the end. What differs
between the two kinds of segment (kickoff, who takes part, when it stops, what happens after) lives on the segment.

Example:
    >>> PlanSegment().label, DaySegment(3).label
    ('plan', 'day03')
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from autogen_agentchat.base import ChatAgent, TaskResult, Team, TerminationCondition
from autogen_agentchat.messages import BaseAgentEvent, BaseChatMessage, ToolCallSummaryMessage
from autogen_agentchat.teams import SelectorGroupChat
from autogen_core import CancellationToken
from autogen_core.model_context import BufferedChatCompletionContext

from ..computers import COMPUTER_JSON
from ..models import ModelFaults, RoleModels
from ._config import SimulationError
from ._folder import RunFolder
from ._hooks import ParticipantsLike, SimulationHooks
from ._live import LiveRun, write_atomic
from ._rhythm import close_day
from ._selector import SimulationSelector
from ._termination import (
    EndOfDayTermination,
    MonthOverTermination,
    PlanReadyTermination,
    TokenBudgetTermination,
    WorkerTurnBudgetTermination,
)

__all__ = ["DaySegment", "PlanSegment", "Segment", "next_segment", "run_segment"]

_PLAN_MAX_TURNS = 3


@dataclass(frozen=True)
class PlanSegment:
    """The objective setter reads the computer and writes the month's plan (the worker may take a turn too)."""

    label: str = "plan"
    with_setter: bool = True

    def kickoff(self, live: LiveRun) -> str:
        """The objective setter's task."""
        profile, clock = live.blueprint.user_profile, live.world.clock
        return (
            f"Write the objective plan for {profile.name} ({profile.role}, {profile.employer}) for the "
            f"{clock.days} workdays starting {clock.workdays[0].isoformat()}. Read the computer first; "
            "ground every deliverable in files that exist on it and in the collaborators listed."
        )

    def termination(self, live: LiveRun) -> TerminationCondition:
        """Stop once the plan is written."""
        return PlanReadyTermination(live.world)

    def max_turns(self, live: LiveRun) -> int:
        """Agent turns allowed."""
        return _PLAN_MAX_TURNS

    def finish(self, live: LiveRun, result: TaskResult) -> str | None:
        """Write ``objectives.json`` and the blueprint's objectives; a missing plan is an error."""
        plan = live.world.plan
        if plan is None:
            last = result.messages[-1].to_text()[:300] if result.messages else "none"
            raise SimulationError(
                "the objective setter did not produce a valid plan in its turns; check its model "
                f"(last message: {last!r})"
            )
        run_dir = live.config.run_dir
        write_atomic(RunFolder(run_dir).objectives_path, plan.to_json(indent=2) + "\n")
        objectives = [o.model_dump(mode="json") for o in plan.objectives]
        blueprint = live.blueprint.model_copy(update={"monthly_objectives": objectives})
        write_atomic(run_dir / COMPUTER_JSON, blueprint.to_json(indent=2) + "\n")
        return None


@dataclass(frozen=True)
class DaySegment:
    """One simulated workday (``day`` counts from 1): the worker and the collaborators until the day ends."""

    day: int
    with_setter: bool = False

    @property
    def label(self) -> str:
        """``dayNN``."""
        return f"day{self.day:02d}"

    def kickoff(self, live: LiveRun) -> str:
        """Start the day (overnight mail) and return the morning kickoff."""
        return str(live.world.start_day())

    def termination(self, live: LiveRun) -> TerminationCondition:
        """The day rhythm's end of day, the end of the month, and the run's budgets."""
        world, cfg = live.world, live.config
        condition: TerminationCondition = EndOfDayTermination(world, world.clock) | MonthOverTermination(world.clock)
        if cfg.max_worker_turns is not None:
            trajectory = live.trajectory
            condition = condition | WorkerTurnBudgetTermination(cfg.max_worker_turns, lambda: trajectory.worker_turns)
        if cfg.max_tokens is not None:
            trajectory = live.trajectory
            condition = condition | TokenBudgetTermination(cfg.max_tokens, lambda: trajectory.total_tokens)
        return condition

    def max_turns(self, live: LiveRun) -> int:
        """Agent turns allowed."""
        return live.config.max_turns_per_day

    def finish(self, live: LiveRun, result: TaskResult) -> str | None:
        """Close the day (the clock moves to the next morning); the run's stop reason if a budget is spent and the
        month is not over (a budget spent by the month's last call did not stop the run: the month did)."""
        close_day(live.world, f"the simulation closed the day: {result.stop_reason or 'turn cap'}")
        return None if live.world.clock.month_over else live.budget_spent()


Segment = PlanSegment | DaySegment
"""A segment of the run plan."""


def next_segment(live: LiveRun) -> Segment | None:
    """The run plan: the next segment after the last checkpoint, or None when the run is over."""
    if live.state.stats.stop_reason:
        return None
    if live.state.partial is not None:  # a checkpoint inside a day: that day goes on
        return DaySegment(live.world.clock.day_index + 1)
    if live.world.plan is None:
        return PlanSegment()
    clock = live.world.clock
    if clock.month_over or live.budget_spent() is not None:
        return None
    return DaySegment(clock.day_index + 1)


def _participants(segment: Segment, participants: ParticipantsLike) -> list[ChatAgent | Team]:
    agents: list[ChatAgent | Team] = []
    if segment.with_setter and participants.objective_setter is not None:
        agents.append(participants.objective_setter)
    agents.append(participants.worker)
    agents.extend(participants.collaborators[k] for k in sorted(participants.collaborators))
    return agents


def _message_text(message: BaseChatMessage) -> str:
    try:
        return message.to_text()
    except Exception:  # a custom message type without text
        return type(message).__name__


async def run_segment(live: LiveRun, segment: Segment, hooks: SimulationHooks, role_models: RoleModels) -> None:
    """Run ``segment`` as one ``team.run()`` and write its checkpoint (see the module docstring).

    Inside a day, a checkpoint is also written every ``config.checkpoint_every`` worker turns (see
    :class:`_InSegmentCheckpoints`); when the last checkpoint is one of those, the segment continues from it: the
    group chat is rebuilt from its saved state and ``team.run(task=None)`` goes on with the next speaker.

    Raises:
        SimulationError: The segment failed or timed out; the run stays at its last checkpoint.
    """
    number = live.state.segment + 1
    name, label, world, events = f"seg-{number:04d}", segment.label, live.world, live.events
    partial = live.state.partial
    if partial is not None and partial.get("segment") != name:
        raise SimulationError(
            f"checkpoint {live.checkpoint} was written inside segment {partial.get('segment')}, not {name}; "
            "the run folder's checkpoints are inconsistent: start the run again in a new --out folder"
        )
    kickoff: str | None = None
    if partial is None:
        kickoff = segment.kickoff(live)
        live.flush_files()
        events.emit("segment", sim_time=world.clock.now, what="start", segment=name, label=label)
    participants = hooks.build_participants(
        world, role_models, recorder=live.trajectory, events=events, token_budget=live.config.token_budget
    )
    agents = _participants(segment, participants)
    saved: Mapping[str, Any] = live.state.agents
    for agent in agents:
        if agent.name in saved:
            await agent.load_state(saved[agent.name])
    emitted: set[str] = set(partial.get("emitted") or ()) if partial is not None else set()

    def emit(messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> None:
        for message in messages:
            if isinstance(message, ToolCallSummaryMessage):
                continue  # a worker turn that called tools: its calls are recorded as tool events
            if isinstance(message, BaseChatMessage) and message.id not in emitted:
                emitted.add(message.id)
                events.message(message.source, _message_text(message), sim_time=world.clock.now)

    checkpoints = _InSegmentCheckpoints(live, segment, number, saved, emitted)
    team, selector = _team(live, segment, participants, agents, hooks, emit, checkpoints)
    checkpoints.bind(team, selector)
    if partial is not None:
        await team.load_state(_expand_team_state(partial["team"]))
        selector.load_state(partial.get("selector") or {})
        checkpoints.last_worker_turns = int(partial.get("worker_turns", live.trajectory.worker_turns))
    faults = role_models.faults

    def on_fault(record: dict[str, Any]) -> None:
        events.emit("model_fault", sim_time=world.clock.now, segment=name, **record)
        _log_fault(live, name, record)

    faults.listener = on_fault
    try:
        result = await _run_team(live, team, kickoff, f"segment {label} ({name})", faults)
    finally:
        faults.listener = None
    emit(result.messages)
    chat_messages = live.state.stats.chat_messages + len(emitted)
    live.flush_files()
    stop_reason = segment.finish(live, result)
    live.flush_files()
    events.clock_tick("segment_end", sim_time=world.clock.now, day_index=world.clock.day_index, label=label)
    events.emit(
        "segment",
        sim_time=world.clock.now,
        what="end",
        segment=name,
        label=label,
        stop=result.stop_reason,
        worker_turns=live.trajectory.worker_turns,
    )
    agent_states = dict(saved)
    agent_states.update({agent.name: await agent.save_state() for agent in agents})
    state = live.snapshot(
        segment=number, label=label, agents=agent_states, chat_messages=chat_messages, stop_reason=stop_reason
    )
    live.write_checkpoint(name, state)
    live.report(label)


def _log_fault(live: LiveRun, segment: str, record: Mapping[str, Any]) -> None:
    """Append a model-call fault to ``model_faults.jsonl``, which a resume does not cut back (``events.jsonl`` is
    cut to its checkpoint, so a stopped or killed attempt's ``model_fault`` lines leave it; this log keeps them)."""
    line = {"sim_time": live.world.clock.now, "segment": segment, "checkpoint": live.checkpoint, **record}
    with contextlib.suppress(OSError), open(RunFolder(live.config.run_dir).faults_path, "a", encoding="utf-8") as f:
        f.write(json.dumps(line, default=str, sort_keys=True) + "\n")


class _InSegmentCheckpoints:
    """Checkpoints inside a day segment, every ``config.checkpoint_every`` worker turns.

    One is written when the group chat is about to choose the next speaker (the selector function, before it looks
    at the thread): the last turn is complete and every participant has its messages, nothing of the next turn has
    happened. The checkpoint holds the group chat's AutoGen state, the selector's memory, the chat messages already
    logged, and the world, disk delta, meters and log ends as at any checkpoint. A resume replays the selection from
    there, so the run's outputs are the same whether and wherever it was checkpointed. Named
    ``seg-NNNN.wTTTTTT`` (``NNNN``: the last complete segment, ``TTTTTT``: the worker's calls so far), so it sorts
    between that segment's checkpoint and the next one.
    """

    def __init__(
        self, live: LiveRun, segment: Segment, number: int, saved: Mapping[str, Any], emitted: set[str]
    ) -> None:
        self._live = live
        self._segment = segment
        self._number = number
        self._saved = saved
        self._emitted = emitted
        self._every = live.config.checkpoint_every if isinstance(segment, DaySegment) else 0
        self._team: SelectorGroupChat | None = None
        self._selector: SimulationSelector | None = None
        self.last_worker_turns = live.trajectory.worker_turns

    def bind(self, team: SelectorGroupChat, selector: SimulationSelector) -> None:
        """The group chat and selector whose state is saved."""
        self._team, self._selector = team, selector

    def due(self) -> bool:
        """Whether ``checkpoint_every`` worker turns were taken since the last checkpoint."""
        return self._every > 0 and self._live.trajectory.worker_turns - self.last_worker_turns >= self._every

    async def write(self) -> None:
        """Write the checkpoint (see the class docstring)."""
        live, team, selector = self._live, self._team, self._selector
        if team is None or selector is None:
            return
        # the last speaker's answer was published to every participant; let their containers take it before
        # their state is read (the manager's selection can run before they got a turn of the event loop)
        for _ in range(3):
            await asyncio.sleep(0)
        turns = live.trajectory.worker_turns
        partial = {
            "segment": f"seg-{self._number:04d}",
            "label": self._segment.label,
            "team": _compact_team_state(await team.save_state()),
            "selector": selector.save_state(),
            "emitted": sorted(self._emitted),
            "worker_turns": turns,
        }
        state = live.snapshot(
            segment=self._number - 1,
            label=live.state.label,
            agents=self._saved,
            chat_messages=live.state.stats.chat_messages,
            stop_reason=None,
        )
        name = f"seg-{self._number - 1:04d}.w{turns:06d}"
        live.write_partial_checkpoint(name, state, partial, label=self._segment.label)
        self.last_worker_turns = turns


_THREAD_REF = "$thread"


def _compact_team_state(state: Mapping[str, Any]) -> dict[str, Any]:
    """The team state with each participant's pending messages that are also in the manager's thread replaced by
    ``{"$thread": id}`` (every pending message is, usually several times over: most of a checkpoint's bytes)."""
    agents = dict(state.get("agent_states") or {})
    thread: set[str] = set()
    for value in agents.values():
        for message in value.get("message_thread") or () if isinstance(value, Mapping) else ():
            if isinstance(message, Mapping) and isinstance(message.get("id"), str):
                thread.add(message["id"])
    for name, value in agents.items():
        if isinstance(value, Mapping) and value.get("message_buffer"):
            buffer = [
                {_THREAD_REF: m["id"]} if isinstance(m, Mapping) and m.get("id") in thread else m
                for m in value["message_buffer"]
            ]
            agents[name] = {**value, "message_buffer": buffer}
    return {**state, "agent_states": agents}


def _expand_team_state(state: Mapping[str, Any]) -> dict[str, Any]:
    """Undo :func:`_compact_team_state`."""
    agents = dict(state.get("agent_states") or {})
    thread: dict[str, Any] = {}
    for value in agents.values():
        for message in value.get("message_thread") or () if isinstance(value, Mapping) else ():
            if isinstance(message, Mapping) and isinstance(message.get("id"), str):
                thread[message["id"]] = message
    for name, value in agents.items():
        if isinstance(value, Mapping) and value.get("message_buffer"):
            buffer = [
                thread[m[_THREAD_REF]] if isinstance(m, Mapping) and set(m) == {_THREAD_REF} else m
                for m in value["message_buffer"]
            ]
            agents[name] = {**value, "message_buffer": buffer}
    return {**state, "agent_states": agents}


def _team(
    live: LiveRun,
    segment: Segment,
    participants: ParticipantsLike,
    agents: list[ChatAgent | Team],
    hooks: SimulationHooks,
    emit: Callable[[Sequence[BaseAgentEvent | BaseChatMessage]], None],
    checkpoints: _InSegmentCheckpoints,
) -> tuple[SelectorGroupChat, SimulationSelector]:
    """The segment's group chat and its selector: the deterministic selector (which reports messages, file events
    and progress before every turn, after a due in-segment checkpoint), the segment's termination and turn cap."""
    world, setter = live.world, participants.objective_setter
    addresses = {ident: persona.email for ident, persona in world.collaborators.items()}

    def on_turn(speaker: str) -> None:
        live.flush_files()
        live.report(segment.label)

    selector = SimulationSelector(
        world,
        participants.worker.name,
        {n: a for n, a in addresses.items() if n in participants.collaborators},
        objective_setter=setter.name if segment.with_setter and setter is not None else None,
        on_turn=on_turn,
    )

    async def select(messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> str:
        if checkpoints.due():
            await checkpoints.write()
        emit(messages)
        return selector(messages)

    team = SelectorGroupChat(
        agents,
        model_client=hooks.default_client("selector"),
        selector_func=select,
        termination_condition=segment.termination(live),
        max_turns=segment.max_turns(live),
        allow_repeated_speaker=True,
        model_context=BufferedChatCompletionContext(buffer_size=4),
    )
    return team, selector


class _QuietAutoGenErrors(logging.Filter):
    """Drop AutoGen's logged tracebacks of agent errors during a segment: the segment's failure says it once."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno >= logging.ERROR and record.exc_info)


_AUTOGEN_LOGGERS = ("autogen_core", "autogen_agentchat", "autogen_ext")


def _progress_mark(live: LiveRun, faults: ModelFaults) -> tuple[int, int, float]:
    # line counts only: ``offset()`` would end the trajectory's zstd frame at a wall-clock instant, and a resumed
    # run would then not repeat an uninterrupted run's bytes
    return live.trajectory.lines, live.events.lines, faults.last_activity


async def _run_team(
    live: LiveRun, team: SelectorGroupChat, task: str | None, what: str, faults: ModelFaults
) -> TaskResult:
    """``team.run(task)`` (``task=None``: continue the loaded thread) under the no-progress limit (and the optional
    hard segment limit).

    Failures become :class:`SimulationError` with a named ``cause``: ``model_call_failed`` (a model call ran out of
    its retry budget, or failed permanently), ``no_progress`` (nothing answered, failed or ran for
    ``no_progress_timeout_s``) or ``segment_failed`` (anything else). The run stays at its last checkpoint.
    """
    cfg = live.config
    limit, hard = cfg.no_progress_timeout_s, cfg.segment_timeout_s
    faults.last_failure = None
    quiet = _QuietAutoGenErrors()
    loggers = [logging.getLogger(name) for name in _AUTOGEN_LOGGERS]
    for logger in loggers:
        logger.addFilter(quiet)
    token = CancellationToken()  # reaches the agents and their model calls (down to the HTTP request)
    runner = asyncio.ensure_future(team.run(task=task, cancellation_token=token))
    started = time.monotonic()
    mark, last = _progress_mark(live, faults), time.monotonic()
    poll = min(1.0, max(0.05, limit / 20))
    resume_hint = f"the run stays at checkpoint {live.checkpoint}: resume it to retry the segment"
    try:
        while True:
            done, _ = await asyncio.wait({runner}, timeout=poll)
            if done:
                break
            now = time.monotonic()
            current = _progress_mark(live, faults)
            if current != mark:
                mark, last = current, now
            if now - last >= limit:
                raise SimulationError(
                    f"{what} made no progress for {limit:.0f} s (no model answer, failure or tool call); {resume_hint}",
                    cause={"cause": "no_progress", "seconds": limit, "transient": True},
                    transient=True,
                )
            if hard is not None and now - started >= hard:
                raise SimulationError(
                    f"{what} did not finish within {hard:.0f} s; {resume_hint}",
                    cause={"cause": "segment_timeout", "seconds": hard, "transient": True},
                    transient=True,
                )
        try:
            return runner.result()
        except Exception as exc:
            failure = faults.last_failure
            if failure is not None:
                cause = failure.cause()
                raise SimulationError(
                    f"{what} stopped: {failure}; {resume_hint}", cause=cause, transient=failure.transient
                ) from None
            lines = [line for line in str(exc).splitlines() if line.strip()]
            detail = lines[-1].strip() if lines else type(exc).__name__  # AutoGen puts the traceback in the text
            raise SimulationError(
                f"{what} failed: {detail}; the run stays at checkpoint {live.checkpoint}: fix the cause and resume",
                cause={"cause": "segment_failed", "message": detail[:500]},
            ) from exc
    finally:
        if not runner.done():
            token.cancel()
            runner.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(runner, timeout=10.0)
        for logger in loggers:
            logger.removeFilter(quiet)

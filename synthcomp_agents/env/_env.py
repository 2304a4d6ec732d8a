"""SyntheticComputerEnv: one objective on a synthetic computer as a gym-style, multi-turn text environment.

The environment is the simulation's world without the group chat: the same disk (a fresh ``VirtualDisk`` from the
computer's archive every episode), the worker's tools (:class:`~synthcomp_agents.simulation.SimulationWorkbench`:
filesystem, office and mail tools, each charged to the simulated clock), the collaborators (each a
:class:`~synthcomp_agents.agents.CollaboratorAgent` answering the mail addressed to it, with the offline scripted
policy unless you pass a client factory), the day rhythm (``end_day`` moves to the next morning and brings the
overnight mail) and the checks (the reward is :func:`~synthcomp_agents.signals.score_home` of the env's disk for
the task's objective: its partial credit in [0, 1]).

The policy is outside: whatever produces OpenAI-style tool calls (a vLLM endpoint, an AutoGen
``ChatCompletionClient`` through :func:`~synthcomp_agents.env.rollout`, a trainer's generation loop). The
environment does not keep the policy's context: ``reset`` returns the first messages (system prompt with the
objective in the worker's view, and the morning kickoff), each ``step`` returns only the new messages (tool
results, the next morning's kickoff; collaborators' replies reach the worker as mail, their turn notes are in the
step's ``metadata["collaborators"]``). The system prompt briefs the day (the deliverables due soon in full, later
ones a line each, as the simulation's worker sees it); when the brief changes (a new workday, a submission) the
step's ``metadata["system_prompt"]`` holds the new one, to put in place of the old. The policy appends its own
assistant message and the observations to its history and bounds it as it likes.

Async and sync:
    The world is driven by AutoGen coroutines (tool calls, collaborator agents, the judge), so the native API is
    ``await env.areset(task)`` / ``await env.astep(action)``, to use inside an event loop (AutoGen apps, async RL
    rollouts running many envs concurrently). ``reset`` / ``step`` are blocking wrappers that run the coroutine on
    the env's own event loop (in a helper thread if the calling thread already runs a loop, e.g. Jupyter). One env
    runs one episode at a time; use one env per concurrent episode.

Episode end (``done``): every deliverable of the objective was submitted (``submit_deliverable``), the workdays
are over, or ``max_steps`` actions were taken. ``reward`` is 0.0 on every step but the last.

Example:
    >>> env = SyntheticComputerEnv()  # doctest: +SKIP
    >>> messages, info = env.reset(EnvTask.from_run("out/runs/c1", "o1"))  # doctest: +SKIP
    >>> out = env.step({"function": {"name": "tree", "arguments": '{"path": "~", "depth": 2}'}})  # doctest: +SKIP
    >>> out["observations"][0]["role"], out["done"]  # doctest: +SKIP
    ('tool', False)
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import json
from collections.abc import Callable, Coroutine, Mapping
from pathlib import Path
from typing import Any, TypeVar

from autogen_core import CancellationToken
from autogen_core.models import ChatCompletionClient

from ..agents import CollaboratorAgent, worker_system_prompt
from ..computers import COMPUTER_ARCHIVE, COMPUTER_JSON, ComputerBlueprint
from ..models import ScriptedPolicyClient, to_openai_tools
from ..objectives import Objective, ObjectivePlan
from ..simulation import (
    OVERTIME_MINUTES,
    SimulationSelector,
    SimulationWorkbench,
    World,
    close_day,
    end_of_day_reason,
)
from ._actions import parse_action
from ._task import EnvTask

__all__ = ["OVERTIME_MINUTES", "StepResult", "SyntheticComputerEnv"]

StepResult = dict[str, Any]
"""``{"observations": [messages], "reward": float, "done": bool, "metadata": {...}}``."""

_T = TypeVar("_T")
_ids = itertools.count(1)
_WORKER = "worker"
_MAX_COLLABORATOR_TURNS = 32
"""Collaborator turns between two worker actions (a guard against two collaborators mailing each other forever)."""


class SyntheticComputerEnv:
    """A gym-style environment over one objective of a synthetic computer (see the module docstring).

    Args:
        collaborator_client: ``role -> ChatCompletionClient`` for the collaborators (role
            ``collaborator:<identifier>``); None uses the offline scripted policy.
        judge_client: the judge for rubric items in the reward; None uses the offline scripted judge.

    Example:
        >>> env = SyntheticComputerEnv()
        >>> env.step("hello")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        RuntimeError: no episode is running; call reset(task) first
    """

    def __init__(
        self,
        *,
        collaborator_client: Callable[[str], ChatCompletionClient] | None = None,
        judge_client: ChatCompletionClient | None = None,
    ) -> None:
        self._collaborator_client = collaborator_client
        self._judge_client = judge_client
        self._loop: asyncio.AbstractEventLoop | None = None
        self._world: World | None = None
        self._workbench: SimulationWorkbench | None = None
        self._collaborators: dict[str, CollaboratorAgent] = {}
        self._selector: SimulationSelector | None = None
        self._task: EnvTask | None = None
        self._plan: ObjectivePlan | None = None
        self._focused: ObjectivePlan | None = None
        self._blueprint: ComputerBlueprint | None = None
        self._system = ""
        self._objective: Objective | None = None
        self._addresses: dict[str, str] = {}
        self._tools: list[dict[str, Any]] = []
        self._steps = 0
        self._tool_errors = 0
        self._done = True
        self._last_outcome: dict[str, Any] | None = None

    # -- properties ---------------------------------------------------------------------------------------

    @property
    def tools(self) -> list[dict[str, Any]]:
        """The worker's tools as OpenAI function-tool schemas (valid after ``reset``)."""
        return [dict(t) for t in self._tools]

    @property
    def world(self) -> World:
        """The live world of the current episode (disk, clock, mailbox, submissions)."""
        if self._world is None:
            raise RuntimeError("no episode is running; call reset(task) first")
        return self._world

    @property
    def done(self) -> bool:
        """True when no episode is running or the current one ended."""
        return self._done

    # -- episode ------------------------------------------------------------------------------------------

    async def areset(self, task: EnvTask | Mapping[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """Start an episode: a fresh disk from the computer's archive, the world, tools and collaborators.

        Args:
            task: an :class:`EnvTask` or a mapping with its fields.

        Returns:
            ``(messages, info)``: the system prompt and the morning kickoff (OpenAI chat messages), and the info
            (task, tools, objective, deliverables, clock).

        Raises:
            FileNotFoundError: The computer folder or the plan is missing.
            ValueError: The plan has no such objective, or is invalid.
        """
        if not isinstance(task, EnvTask):
            task = EnvTask(**{**dict(task), "computer_dir": Path(task["computer_dir"])})
        self._close_world()
        blueprint_path = task.computer_dir / COMPUTER_JSON
        archive = task.computer_dir / COMPUTER_ARCHIVE
        if not blueprint_path.is_file() or not archive.is_file():
            raise FileNotFoundError(
                f"{task.computer_dir} is not a computer folder ({COMPUTER_JSON} and {COMPUTER_ARCHIVE} needed)"
            )
        blueprint = ComputerBlueprint.from_json(blueprint_path.read_text(encoding="utf-8"))
        if isinstance(task.objectives, Mapping):
            plan = ObjectivePlan.model_validate(dict(task.objectives))
        else:
            plan = ObjectivePlan.from_json(Path(task.objectives).read_text(encoding="utf-8"))
        objective = next((o for o in plan.objectives if o.objective_id == task.objective_id), None)
        if objective is None:
            known = ", ".join(o.objective_id for o in plan.objectives)
            raise ValueError(f"the plan has no objective {task.objective_id!r}; it has {known}")
        # The worker sees only this objective (model_copy keeps the plan's other fields; no re-validation needed).
        focused = plan.model_copy(update={"objectives": [objective]})
        profile = blueprint.user_profile
        world = World.open(
            archive,
            blueprint,
            days=task.days or plan.workdays,
            start=plan.start_date,
            plan=focused,
            world_id=f"env-{blueprint.computer_id}-{next(_ids)}",
        )
        clock = world.clock
        self._world = world
        self._workbench = SimulationWorkbench(world, actor=profile.name, agent="worker")
        factory = self._collaborator_client or (lambda role: ScriptedPolicyClient(role=role, seed=task.seed))
        self._collaborators = {
            ident: CollaboratorAgent(persona, factory(f"collaborator:{ident}"), world=world)
            for ident, persona in sorted(world.collaborators.items())
        }
        self._selector = SimulationSelector(
            world, _WORKER, {ident: persona.email for ident, persona in world.collaborators.items()}
        )
        self._addresses = {ident: p.email.lower() for ident, p in world.collaborators.items()}
        self._task, self._plan, self._objective = task, plan, objective
        self._tools = to_openai_tools(self._workbench.schemas())
        self._steps = 0
        self._tool_errors = 0
        self._done = False
        self._last_outcome = None
        self._focused, self._blueprint = focused, blueprint
        system = self._system = self._system_prompt()
        messages = [
            {"role": "system", "content": system},
            {"role": "user", "name": "user", "content": world.start_day()},
        ]
        info = {
            "task": task.to_json(),
            "computer_id": blueprint.computer_id,
            "objective_id": objective.objective_id,
            "objective_title": objective.title,
            "deliverables": [
                {"deliverable_id": d.deliverable_id, "path": d.path, "kind": d.kind, "title": d.title}
                for d in objective.deliverables
            ],
            "tools": self.tools,
            "max_steps": task.max_steps,
            "sim_time": clock.now.isoformat(),
        }
        return messages, info

    async def astep(self, action: Any) -> StepResult:
        """Apply one action (text, a tool call, a list of tool calls, or an assistant message); see the module doc.

        Returns:
            ``{"observations": [...], "reward": float, "done": bool, "metadata": {...}}``.

        Raises:
            RuntimeError: No episode is running, or it is over.
            ValueError: The action has an unsupported shape.
        """
        if self._world is None or self._workbench is None:
            raise RuntimeError("no episode is running; call reset(task) first")
        if self._done:
            raise RuntimeError("the episode is over; call reset(task) to start another")
        assert self._task is not None
        world, clock = self._world, self._world.clock
        parsed = parse_action(action, step=self._steps)
        self._steps += 1
        observations: list[dict[str, Any]] = []
        errors = 0
        if not parsed.calls:
            clock.advance(clock.cost_of_message(len(parsed.text)))
            world.mailbox.deliver_due(clock.now)
        for call in parsed.calls:
            arguments: Any
            try:
                arguments = json.loads(call.arguments) if call.arguments.strip() else {}
            except ValueError as exc:
                text, is_error = f"Invalid JSON in the arguments of {call.name}: {exc}. Send a JSON object.", True
            else:
                if isinstance(arguments, dict):
                    result = await self._workbench.call_tool(call.name, arguments, call_id=call.id)
                    text, is_error = result.to_text(), result.is_error
                else:
                    text, is_error = f"Arguments for {call.name} must be a JSON object.", True
            errors += int(is_error)
            observations.append({"role": "tool", "tool_call_id": call.id, "content": text})
        self._tool_errors += errors
        notes = await self._collaborators_turn()
        reason = self._advance_day(observations)
        if reason is None and world.all_submitted:
            reason = "all deliverables submitted"
        if reason is None and self._steps >= self._task.max_steps:
            reason = f"step budget ({self._task.max_steps}) spent"
        reward = 0.0
        metadata: dict[str, Any] = {
            "step": self._steps,
            "sim_time": clock.now.isoformat(),
            "day": min(clock.day_index + 1, clock.days),
            "tool_calls": len(parsed.calls),
            "tool_errors": errors,
            "submitted": sorted(world.submissions),
            "collaborators": notes,
        }
        system = self._system_prompt()
        if system != self._system:  # a new day or a submission: the brief of the day changed
            self._system = metadata["system_prompt"] = system
        if reason is not None:
            self._done = True
            outcome = await self._score()
            reward = float(outcome["reward"])
            metadata.update({"done_reason": reason, "outcome": outcome, "total_tool_errors": self._tool_errors})
        return {"observations": observations, "reward": reward, "done": self._done, "metadata": metadata}

    def _system_prompt(self) -> str:
        """The worker's system message as the simulation writes it: the brief of the day (the deliverables due soon
        in full, the rest one line each) for the current workday and what is submitted."""
        assert self._world is not None and self._focused is not None and self._blueprint is not None
        world = self._world
        return worker_system_prompt(
            self._blueprint,
            self._focused,
            world.journal_path,
            today=min(world.clock.day_index + 1, world.clock.days),
            submitted=set(world.submissions),
        )

    async def _collaborators_turn(self) -> list[dict[str, Any]]:
        """The collaborators' turns between two worker actions, chosen as in the simulation's group chat
        (:class:`~synthcomp_agents.simulation.SimulationSelector`: a collaborator with new unanswered mail speaks,
        until the worker's turn comes). Their notes ("X answered 1 message(s); the reply reaches the inbox Tue
        11:05.") are for the step's metadata, not the policy: as in the simulation, the worker learns of replies
        through its mailbox, when they arrive. At most
        :data:`_MAX_COLLABORATOR_TURNS`."""
        assert self._selector is not None
        notes: list[dict[str, Any]] = []
        for _ in range(_MAX_COLLABORATOR_TURNS):
            ident = self._selector.choose()
            if ident == _WORKER:
                break
            response = await self._collaborators[ident].on_messages([], CancellationToken())
            notes.append({"name": ident, "content": response.chat_message.to_text()})
        return notes

    def _advance_day(self, observations: list[dict[str, Any]]) -> str | None:
        """The simulation's day rhythm: after ``end_day`` or spent overtime, the next morning (its kickoff is an
        observation); None, or why the episode ends."""
        assert self._world is not None
        world = self._world
        why = end_of_day_reason(world)
        if why is None:
            return None
        close_day(world, f"the environment closed the day: {why}")
        if world.clock.month_over:
            return "the workdays are over"
        observations.append({"role": "user", "name": "user", "content": world.start_day()})
        return None

    async def _score(self) -> dict[str, Any]:
        from ..signals import ascore_home

        assert self._world is not None and self._plan is not None and self._objective is not None
        outcome = await ascore_home(
            self._world.disk,
            self._plan,
            objective_id=self._objective.objective_id,
            submitted=sorted(self._world.submissions),
            judge_client=self._judge_client,
            addresses=self._addresses,
        )
        objective = outcome.objectives[0].model_dump(mode="json") if outcome.objectives else {}
        self._last_outcome = {"reward": outcome.reward, "objective": objective}
        return self._last_outcome

    # -- sync wrappers --------------------------------------------------------------------------------------

    def reset(self, task: EnvTask | Mapping[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """Blocking :meth:`areset`."""
        return self._run(self.areset(task))

    def step(self, action: Any) -> StepResult:
        """Blocking :meth:`astep`."""
        if self._world is None:
            raise RuntimeError("no episode is running; call reset(task) first")
        return self._run(self.astep(action))

    def _run(self, coro: Coroutine[Any, Any, _T]) -> _T:
        if self._loop is None or self._loop.is_closed():
            self._loop = asyncio.new_event_loop()
        loop = self._loop
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return loop.run_until_complete(coro)
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # called from inside a running loop
            return pool.submit(loop.run_until_complete, coro).result()

    # -- cleanup --------------------------------------------------------------------------------------------

    def _close_world(self) -> None:
        if self._world is not None:
            self._world.close()
            if not self._world.disk.closed:
                self._world.disk.close()
        self._world = None
        self._workbench = None
        self._collaborators = {}
        self._selector = None
        self._done = True

    def close(self) -> None:
        """End the episode (if any) and release the disk and the event loop."""
        self._close_world()
        if self._loop is not None and not self._loop.is_closed():
            self._loop.close()
        self._loop = None

    def __enter__(self) -> SyntheticComputerEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

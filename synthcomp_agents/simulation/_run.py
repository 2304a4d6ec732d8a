"""Simulation: one computer's month as a sequence of checkpointed ``team.run()`` segments (one simulated day each).

Every segment builds FRESH participants and a fresh ``SelectorGroupChat`` from the last checkpoint (agent states,
world, clock, mailbox), so the group thread never accumulates across days and a team is never reused after an
error. The live disk is the only object carried from one segment to the next; on resume it is rebuilt from the
computer's archive plus the checkpoints' deltas. An uninterrupted run and a resumed one therefore take the same code
path from every checkpoint on, and produce byte-identical ``trajectory.jsonl`` and final disks for the same seed.

Run folder::

    computer.json      the computer's blueprint (monthly_objectives filled once the plan is written)
    objectives.json    the ObjectivePlan
    trajectory.jsonl   one line per model call (every role)
    events.jsonl       tool executions, chat messages, file changes, clock ticks, segments
    checkpoints/       see synthcomp_agents.simulation._checkpoint
    final/             the home at the end, materialized;  final.scdisk: the same as a disk archive
    run.json           summary (days, turns, messages, deliverables, tokens, stop reason)
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from autogen_agentchat.base import ChatAgent, TaskResult, Team, TerminationCondition
from autogen_agentchat.messages import BaseAgentEvent, BaseChatMessage
from autogen_agentchat.teams import SelectorGroupChat
from autogen_core.model_context import BufferedChatCompletionContext
from autogen_core.models import ChatCompletionClient
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import to_jsonable_python

from ..computers import COMPUTER_ARCHIVE, COMPUTER_JSON, ComputerBlueprint
from ..disk import DiskError, VirtualDisk
from ..models import WORKER_VARIANTS, EventWriter, RoleModels, TrajectoryWriter, load_model_config
from ..objectives import ObjectivePlan
from ._checkpoint import CheckpointError, CheckpointStore, canonical_json
from ._clock import SimClock
from ._mail import Mailbox
from ._rhythm import close_day
from ._selector import SimulationSelector
from ._termination import (
    EndOfDayTermination,
    MonthOverTermination,
    PlanReadyTermination,
    TokenBudgetTermination,
    WorkerTurnBudgetTermination,
)
from ._world import World, WorldError, get_world

__all__ = [
    "RUN_SCHEMA_VERSION",
    "Simulation",
    "SimulationConfig",
    "SimulationError",
    "SimulationHooks",
    "SimulationProgress",
    "SimulationResult",
]

RUN_SCHEMA_VERSION = 1
_PLAN_LABEL = "plan"


class SimulationError(RuntimeError):
    """The simulation cannot start or continue (bad input, a failed or timed-out segment, a damaged checkpoint).

    Example:
        >>> str(SimulationError("segment day03 failed"))
        'segment day03 failed'
    """


class SimulationConfig(BaseModel):
    """What to simulate and where to write it.

    Attributes:
        computer_dir: a computer folder (``computer.json`` + ``computer.scdisk``).
        run_dir: the run folder (created).
        seed: seed of the run (scripted policies, the run's random state).
        days: simulated workdays.
        token_budget: max prompt tokens per worker call (the worker's bounded context).
        max_worker_turns: stop the run once the worker made this many model calls (None: no limit); checked between
            agent turns, so the turn in progress (up to its tool-iteration limit) finishes first.
        max_tokens: stop the run after this many tokens over all roles (None: no limit).
        max_turns_per_day: safety cap on agent turns in one day's segment.
        model_config_path: per-role model configuration file; None uses the offline scripted policy for every role.
        segment_timeout_s: wall-time limit of one segment (a hung model call cannot stall the run forever).
        start_date: first day of the month; default the first workday after the computer's last file change.
        worker_policy: the scripted worker's variant when the worker runs on the offline policy: ``competent``
            (default), the graded baselines ``lazy``, ``sloppy``, ``random``, or an adversary (``WORKER_VARIANTS``)
            used to validate rewards.

    Example:
        >>> cfg = SimulationConfig(computer_dir="out/c1", run_dir="out/run1", seed=3, days=5)
        >>> cfg.token_budget, cfg.model_config_path
        (16000, None)
    """

    model_config = ConfigDict(protected_namespaces=(), extra="forbid")

    computer_dir: Path
    run_dir: Path
    seed: int = 0
    days: int = Field(default=20, ge=1, le=60)
    token_budget: int = Field(default=16000, ge=2048)
    max_worker_turns: int | None = Field(default=None, ge=1)
    max_tokens: int | None = Field(default=None, ge=1)
    max_turns_per_day: int = Field(default=1000, ge=1)
    model_config_path: Path | None = None
    segment_timeout_s: float = Field(default=900.0, gt=0)
    start_date: date | None = None
    worker_policy: str = "competent"

    @field_validator("worker_policy")
    @classmethod
    def _known_worker_policy(cls, value: str) -> str:
        if value not in WORKER_VARIANTS:
            raise ValueError(f"unknown worker policy {value!r}; expected one of {', '.join(WORKER_VARIANTS)}")
        return value


@dataclass(frozen=True)
class SimulationProgress:
    """A progress snapshot (sent to the ``progress`` callback every turn and after every segment).

    Example:
        >>> SimulationProgress("day03", 3, 20, 310, 12, 1, 12).worker_turns
        310
    """

    segment: str
    day: int
    days: int
    worker_turns: int
    messages: int
    deliverables_done: int
    deliverables_total: int
    finished: bool = False


@dataclass(frozen=True)
class SimulationResult:
    """The outcome of :meth:`Simulation.run` / :meth:`Simulation.resume` (``summary`` is also ``run.json``).

    Attributes:
        run_dir: the run folder.
        summary: days, worker turns, model calls per role, messages, deliverables, tokens, stop reason.
        checkpoint_costs: per checkpoint written by this call: name, label, bytes, new blobs, seconds.
        wall_s: wall time of this call.

    Example:
        >>> SimulationResult(Path("out/run1"), {"worker_turns": 2100}).summary["worker_turns"]
        2100
    """

    run_dir: Path
    summary: dict[str, Any]
    checkpoint_costs: list[dict[str, Any]] = field(default_factory=list)
    wall_s: float = 0.0


class ParticipantsLike(Protocol):
    """What ``build_participants`` returns."""

    @property
    def objective_setter(self) -> ChatAgent | None: ...

    @property
    def worker(self) -> ChatAgent: ...

    @property
    def collaborators(self) -> Mapping[str, ChatAgent]: ...


@dataclass
class SimulationHooks:
    """The agent side the orchestration plugs in; :meth:`default` gives the package's agents and scripted policy.

    Attributes:
        build_participants: ``(world, role_models, *, recorder, events, token_budget) -> participants`` with
            ``objective_setter``, ``worker`` and ``collaborators`` (agent name -> agent).
        default_client: ``role -> ChatCompletionClient`` for roles the model configuration leaves out (and the
            group chat's selector client, which the deterministic selector never calls).

    Example:
        >>> from autogen_ext.models.replay import ReplayChatCompletionClient
        >>> def my_agents(world, role_models, *, recorder, events, token_budget):  # your own agents
        ...     raise NotImplementedError
        >>> hooks = SimulationHooks(my_agents, default_client=lambda role: ReplayChatCompletionClient(["ok"]))
        >>> sim = Simulation(SimulationConfig(computer_dir="c1", run_dir="run1"), hooks=hooks)
    """

    build_participants: Callable[..., ParticipantsLike]
    default_client: Callable[[str], ChatCompletionClient]

    @classmethod
    def default(cls, seed: int = 0, worker_policy: str = "competent") -> SimulationHooks:
        """The package's agents (``build_participants``) and ``ScriptedPolicyClient`` for every role (the worker's
        policy variant ``worker_policy``)."""
        from ..agents import build_participants
        from ..models import ScriptedPolicyClient

        def client(role: str) -> ChatCompletionClient:
            known = role in ("worker", "objective_setter", "judge") or role.startswith("collaborator")
            if role == "worker" or not known:
                return ScriptedPolicyClient(role="worker", variant=worker_policy, seed=seed)
            return ScriptedPolicyClient(role=role, seed=seed)

        return cls(build_participants=build_participants, default_client=client)


class _MeteredTrajectoryWriter(TrajectoryWriter):
    """The run's trajectory writer, also summing token usage (for the token budget and run.json)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path)
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.max_worker_prompt_tokens = 0

    def record(self, fields: Mapping[str, Any]) -> tuple[int, int]:
        out = super().record(fields)
        usage = fields.get("usage")
        if isinstance(usage, Mapping):
            prompt = int(usage.get("prompt_tokens") or 0)
            self.prompt_tokens += prompt
            self.completion_tokens += int(usage.get("completion_tokens") or 0)
            if fields.get("role") == "worker":
                self.max_worker_prompt_tokens = max(self.max_worker_prompt_tokens, prompt)
        return out

    def meter_state(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "max_worker_prompt_tokens": self.max_worker_prompt_tokens,
        }

    def load_meter(self, state: Mapping[str, Any]) -> None:
        self.prompt_tokens = int(state.get("prompt_tokens", 0))
        self.completion_tokens = int(state.get("completion_tokens", 0))
        self.max_worker_prompt_tokens = int(state.get("max_worker_prompt_tokens", 0))

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _jsonable(value: Any) -> Any:
    """A JSON round trip of ``value`` (what a checkpoint stores and a resumed run loads)."""
    return json.loads(canonical_json(to_jsonable_python(value)))


def _message_text(message: BaseChatMessage) -> str:
    try:
        return message.to_text()
    except Exception:  # a custom message type without text
        return type(message).__name__


class Simulation:
    """Runs, checkpoints and resumes one computer's simulated month.

    Args:
        config: what to run.
        hooks: the world/agents factories (default: the package's own, offline by default).
        progress: called with a :class:`SimulationProgress` after every turn and segment.

    Example:
        >>> sim = Simulation(SimulationConfig(computer_dir="out/c1", run_dir="out/run1", days=3))  # doctest: +SKIP
        >>> result = sim.run_sync()  # doctest: +SKIP
        >>> result.summary["worker_turns"] > 0  # doctest: +SKIP
        True
        >>> Simulation(SimulationConfig(computer_dir="out/c1", run_dir="out/run1")).resume_sync()  # doctest: +SKIP
    """

    def __init__(
        self,
        config: SimulationConfig,
        *,
        hooks: SimulationHooks | None = None,
        progress: Callable[[SimulationProgress], None] | None = None,
    ) -> None:
        self.config = config
        self._hooks = hooks
        self._progress = progress
        self.run_dir = Path(config.run_dir)
        self.computer_dir = Path(config.computer_dir)
        # live objects of the current run
        self._disk: VirtualDisk | None = None
        self._blueprint: ComputerBlueprint | None = None
        self._trajectory: _MeteredTrajectoryWriter | None = None
        self._events: EventWriter | None = None
        self._store: CheckpointStore | None = None
        self._state: dict[str, Any] = {}
        self._checkpoint: str | None = None
        self._costs: list[dict[str, Any]] = []
        self._emitted: set[str] = set()
        self._world: World | None = None
        self._clock: SimClock | None = None
        self._mailbox: Mailbox | None = None

    # -- public API -------------------------------------------------------------------------------------

    @property
    def hooks(self) -> SimulationHooks:
        """The factories in use."""
        if self._hooks is None:
            self._hooks = SimulationHooks.default(self.config.seed, self.config.worker_policy)
        return self._hooks

    @property
    def world(self) -> World:
        """The live world (during a run)."""
        if self._world is None:
            raise SimulationError("the simulation is not running: no world yet")
        return self._world

    @property
    def world_id(self) -> str:
        """Deterministic id of this run's world (a function of the run folder)."""
        digest = hashlib.sha1(str(self.run_dir.resolve()).encode()).hexdigest()[:12]
        return f"sim-{digest}"

    async def run(self) -> SimulationResult:
        """Start a fresh run in ``run_dir`` (refused when it already holds checkpoints: use :meth:`resume`)."""
        store_folder = self.run_dir / "checkpoints"
        if (store_folder / "LATEST").exists():
            raise SimulationError(
                f"{self.run_dir} already holds a run (checkpoints/LATEST exists); resume it with resume() "
                "(`synthcomp simulate ... --resume`) or choose a new --out folder"
            )
        return await self._execute(resume=False)

    async def resume(self) -> SimulationResult:
        """Continue the run in ``run_dir`` from its latest checkpoint (starts fresh when there is none)."""
        return await self._execute(resume=True)

    def run_sync(self) -> SimulationResult:
        """:meth:`run` in a new event loop."""
        return asyncio.run(self.run())

    def resume_sync(self) -> SimulationResult:
        """:meth:`resume` in a new event loop."""
        return asyncio.run(self.resume())

    # -- setup ------------------------------------------------------------------------------------------

    def _load_computer(self) -> tuple[ComputerBlueprint, Path]:
        blueprint_path = self.computer_dir / COMPUTER_JSON
        archive = self.computer_dir / COMPUTER_ARCHIVE
        if not blueprint_path.is_file():
            raise SimulationError(
                f"{self.computer_dir} is not a computer folder: {COMPUTER_JSON} is missing (create one with "
                "`synthcomp computer create`)"
            )
        if not archive.is_file():
            raise SimulationError(
                f"{self.computer_dir} has no {COMPUTER_ARCHIVE} disk archive; re-save the computer with "
                "GeneratedComputer.save(folder) (archive=True)"
            )
        try:
            blueprint = ComputerBlueprint.from_json(blueprint_path.read_text(encoding="utf-8"))
        except Exception as exc:
            raise SimulationError(f"{blueprint_path} is not a valid computer blueprint: {exc}") from None
        return blueprint, archive

    def _worker_policy(self) -> str:
        """The scripted variant when the worker runs offline, else ``model``."""
        if self.config.model_config_path is not None and self._role_models().spec_for("worker") is not None:
            return "model"
        return self.config.worker_policy

    def _role_models(self) -> RoleModels:
        default = self.hooks.default_client
        if self.config.model_config_path is None:
            return RoleModels({}, default=default, source="<offline scripted policy>")
        return load_model_config(self.config.model_config_path, default=default)

    async def _execute(self, *, resume: bool) -> SimulationResult:
        started = time.perf_counter()
        blueprint, archive = self._load_computer()
        self._blueprint = blueprint
        self.run_dir.mkdir(parents=True, exist_ok=True)
        store = CheckpointStore(self.run_dir / "checkpoints", archive)
        self._store = store
        latest = store.latest() if resume else None
        self._trajectory = _MeteredTrajectoryWriter(self.run_dir / "trajectory.jsonl")
        self._events = EventWriter(self.run_dir / "events.jsonl")
        try:
            role_models = self._role_models()
            if latest is None:
                store.prune_after(None)
                self._fresh(blueprint, archive)
            else:
                store.prune_after(latest)
                try:
                    self._restore(latest)
                except (CheckpointError, DiskError) as exc:
                    raise SimulationError(
                        f"cannot resume {self.run_dir} from checkpoint {latest}: {exc} (was the computer folder "
                        f"{self.computer_dir} changed or replaced since the run started?)"
                    ) from None
            while True:
                label = self._next_segment()
                if label is None:
                    break
                try:
                    await self._segment(label, role_models)
                finally:
                    await role_models.close()  # each segment builds fresh clients: release their connections
            summary = self._finish()
            return SimulationResult(self.run_dir, summary, list(self._costs), time.perf_counter() - started)
        finally:
            self._close()

    def _close(self) -> None:
        for writer in (self._trajectory, self._events):
            if writer is not None:
                writer.close()
        if self._world is not None:
            self._world.close()
        if self._disk is not None and not self._disk.closed:
            self._disk.close()

    def _fresh(self, blueprint: ComputerBlueprint, archive: Path) -> None:
        assert self._trajectory is not None and self._events is not None and self._store is not None
        self._trajectory.truncate_to({"bytes": 0, "lines": 0, "counters": {}})
        self._events.truncate_to({"bytes": 0, "lines": 0, "counters": {}})
        for name in ("objectives.json", "run.json", "final.scdisk"):
            with contextlib.suppress(FileNotFoundError):
                (self.run_dir / name).unlink()
        shutil.rmtree(self.run_dir / "final", ignore_errors=True)
        _write_atomic(self.run_dir / COMPUTER_JSON, blueprint.to_json(indent=2) + "\n")
        _release(self.world_id)
        world = World.open(
            archive, blueprint, days=self.config.days, start=self.config.start_date, world_id=self.world_id
        )
        self._disk = world.disk
        self._store.bind_disk(world.disk)
        self._world = world
        self._clock, self._mailbox = world.clock, world.mailbox
        clock = world.clock
        self._trajectory.load_meter({})
        state = self._collect_state(segment=0, label="start", agents={}, stop_reason=None, chat_messages=0)
        self._events.clock_tick("start", sim_time=clock.now, day_index=clock.day_index)
        state["offsets"] = self._offsets()
        self._write_checkpoint("seg-0000", state)

    def _restore(self, name: str) -> None:
        assert self._trajectory is not None and self._events is not None and self._store is not None
        record = self._store.load(name)
        state: dict[str, Any] = record["state"]
        try:
            self._trajectory.truncate_to(state["offsets"]["trajectory"])
            self._events.truncate_to(state["offsets"]["events"])
        except ValueError as exc:
            raise SimulationError(f"cannot resume {self.run_dir} from {name}: {exc}") from None
        self._trajectory.load_meter(state["stats"]["meter"])
        _release(self.world_id)
        self._disk = self._store.restore_disk(name, disk_id=f"{self.world_id}-disk")
        self._state = state
        self._checkpoint = name
        self._rebuild_world()

    def _rebuild_world(self) -> None:
        """World, clock and mailbox from the last checkpoint's state (the same in fresh and resumed runs)."""
        assert self._disk is not None and self._blueprint is not None
        world = World.from_state(
            self._state["world"], disk=self._disk, blueprint=self._blueprint, world_id=self.world_id
        )
        self._world, self._clock, self._mailbox = world, world.clock, world.mailbox

    # -- state and checkpoints --------------------------------------------------------------------------

    def _offsets(self) -> dict[str, Any]:
        assert self._trajectory is not None and self._events is not None
        return {"trajectory": self._trajectory.offset().to_state(), "events": self._events.offset().to_state()}

    def _collect_state(
        self, *, segment: int, label: str, agents: Mapping[str, Any], stop_reason: str | None, chat_messages: int
    ) -> dict[str, Any]:
        assert self._clock is not None and self._mailbox is not None and self._trajectory is not None
        rng = random.Random(self.config.seed) if not self._state else _rng_from(self._state["rng"])
        return {
            "run_schema_version": RUN_SCHEMA_VERSION,
            "segment": segment,
            "label": label,
            "seed": self.config.seed,
            "agents": dict(agents),
            "world": self.world.to_state(),
            "rng": _rng_to(rng),
            "stats": {
                "meter": self._trajectory.meter_state(),
                "chat_messages": chat_messages,
                "stop_reason": stop_reason,
            },
        }

    def _write_checkpoint(self, name: str, state: dict[str, Any]) -> None:
        assert self._store is not None and self._disk is not None
        info = self._store.write(name, state, self._disk, parent=self._checkpoint)
        self._costs.append(
            {
                "name": name,
                "label": state["label"],
                "bytes": info.bytes_written,
                "blobs": info.new_blobs,
                "seconds": round(info.seconds, 6),
            }
        )
        self._checkpoint = name
        self._state = _jsonable(state)  # exactly what a resumed run would load
        self._rebuild_world()

    # -- segments ---------------------------------------------------------------------------------------

    def _next_segment(self) -> str | None:
        assert self._clock is not None
        stats = self._state["stats"]
        if stats.get("stop_reason"):
            return None
        if self.world.plan is None:
            return _PLAN_LABEL
        if self._clock.month_over or self._budget_spent() is not None:
            return None
        return f"day{self._clock.day_index + 1:02d}"

    def _budget_spent(self) -> str | None:
        assert self._trajectory is not None
        cfg = self.config
        if cfg.max_worker_turns is not None and self._worker_turns() >= cfg.max_worker_turns:
            return f"worker turn budget ({cfg.max_worker_turns}) spent"
        if cfg.max_tokens is not None and self._trajectory.total_tokens >= cfg.max_tokens:
            return f"token budget ({cfg.max_tokens}) spent"
        return None

    def _worker_turns(self) -> int:
        assert self._trajectory is not None
        return self._trajectory.offset().counters.get("worker", 0)

    def _flush_files(self) -> None:
        assert self._disk is not None and self._events is not None
        entries = self.world.drain_journal()
        if entries:
            self._events.file_changes(entries)

    def _emit_messages(self, messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> int:
        assert self._events is not None and self._clock is not None
        count = 0
        for message in messages:
            if isinstance(message, BaseChatMessage) and message.id not in self._emitted:
                self._emitted.add(message.id)
                self._events.message(message.source, _message_text(message), sim_time=self._clock.now)
                count += 1
        return count

    def _report(self, label: str, *, finished: bool = False) -> None:
        if self._progress is None:
            return
        assert self._clock is not None and self._mailbox is not None
        plan: ObjectivePlan | None = self.world.plan
        self._progress(
            SimulationProgress(
                segment=label,
                day=min(self._clock.day_index + 1, self._clock.days),
                days=self._clock.days,
                worker_turns=self._worker_turns(),
                messages=len(self._mailbox.sent()) + len(self._mailbox.inbox()),
                deliverables_done=len(self.world.submissions),
                deliverables_total=len(plan.deliverables()) if plan is not None else 0,
                finished=finished,
            )
        )

    def _termination(self, label: str) -> TerminationCondition:
        assert self._clock is not None and self._trajectory is not None
        cfg = self.config
        if label == _PLAN_LABEL:
            return PlanReadyTermination(self.world)
        condition: TerminationCondition = EndOfDayTermination(self.world, self._clock) | MonthOverTermination(
            self._clock
        )
        if cfg.max_worker_turns is not None:
            condition = condition | WorkerTurnBudgetTermination(cfg.max_worker_turns, self._worker_turns)
        if cfg.max_tokens is not None:
            trajectory = self._trajectory
            condition = condition | TokenBudgetTermination(cfg.max_tokens, lambda: trajectory.total_tokens)
        return condition

    async def _segment(self, label: str, role_models: RoleModels) -> None:
        assert self._clock is not None and self._trajectory is not None and self._events is not None
        segment = int(self._state["segment"]) + 1
        name = f"seg-{segment:04d}"
        world = self.world
        kickoff = str(world.start_day()) if label != _PLAN_LABEL else self._plan_task()
        self._flush_files()
        self._events.emit("segment", sim_time=self._clock.now, what="start", segment=name, label=label)
        participants = self.hooks.build_participants(
            world, role_models, recorder=self._trajectory, events=self._events, token_budget=self.config.token_budget
        )
        agents: list[ChatAgent | Team] = []
        if label == _PLAN_LABEL and participants.objective_setter is not None:
            agents.append(participants.objective_setter)
        agents.append(participants.worker)
        agents.extend(participants.collaborators[k] for k in sorted(participants.collaborators))
        saved: Mapping[str, Any] = self._state.get("agents", {})
        for agent in agents:
            if agent.name in saved:
                await agent.load_state(saved[agent.name])
        addresses = {ident: persona.email for ident, persona in world.collaborators.items()}
        self._emitted = set()

        def on_turn(speaker: str) -> None:
            self._flush_files()
            self._report(label)

        selector = SimulationSelector(
            world,
            participants.worker.name,
            {n: a for n, a in addresses.items() if n in participants.collaborators},
            objective_setter=participants.objective_setter.name
            if label == _PLAN_LABEL and participants.objective_setter is not None
            else None,
            on_turn=on_turn,
        )

        def select(messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> str:
            self._emit_messages(messages)
            return selector(messages)

        team = SelectorGroupChat(
            agents,
            model_client=self.hooks.default_client("selector"),
            selector_func=select,
            termination_condition=self._termination(label),
            max_turns=3 if label == _PLAN_LABEL else self.config.max_turns_per_day,
            allow_repeated_speaker=True,
            model_context=BufferedChatCompletionContext(buffer_size=4),
        )
        try:
            result: TaskResult = await asyncio.wait_for(team.run(task=kickoff), timeout=self.config.segment_timeout_s)
        except asyncio.TimeoutError:
            raise SimulationError(
                f"segment {label} ({name}) did not finish within {self.config.segment_timeout_s:.0f} s; the run "
                f"stays at checkpoint {self._checkpoint}: resume it to retry the segment"
            ) from None
        except Exception as exc:
            lines = [line for line in str(exc).splitlines() if line.strip()]
            detail = lines[-1].strip() if lines else type(exc).__name__  # AutoGen puts the traceback in the text
            raise SimulationError(
                f"segment {label} ({name}) failed: {detail}; the run stays at checkpoint {self._checkpoint}: fix "
                "the cause and resume"
            ) from exc
        self._emit_messages(result.messages)
        chat_messages = int(self._state["stats"].get("chat_messages", 0)) + len(self._emitted)
        self._flush_files()
        stop_reason: str | None = None
        if label == _PLAN_LABEL:
            if world.plan is None:
                raise SimulationError(
                    "the objective setter did not produce a valid plan in its turns; check its model "
                    f"(last message: {result.messages[-1].to_text()[:300] if result.messages else 'none'!r})"
                )
            self._write_plan(world.plan)
        else:
            close_day(world, f"the simulation closed the day: {result.stop_reason or 'turn cap'}")
            stop_reason = self._budget_spent()
        self._flush_files()
        self._events.clock_tick("segment_end", sim_time=self._clock.now, day_index=self._clock.day_index, label=label)
        self._events.emit(
            "segment",
            sim_time=self._clock.now,
            what="end",
            segment=name,
            label=label,
            stop=result.stop_reason,
            worker_turns=self._worker_turns(),
        )
        states = {agent.name: await agent.save_state() for agent in agents}
        merged = dict(self._state.get("agents", {}))
        merged.update(states)
        state = self._collect_state(
            segment=segment, label=label, agents=merged, stop_reason=stop_reason, chat_messages=chat_messages
        )
        state["offsets"] = self._offsets()
        self._write_checkpoint(name, _jsonable(state))
        self._report(label)

    def _plan_task(self) -> str:
        assert self._blueprint is not None and self._clock is not None
        profile = self._blueprint.user_profile
        return (
            f"Write the objective plan for {profile.name} ({profile.role}, {profile.employer}) for the "
            f"{self._clock.days} workdays starting {self._clock.workdays[0].isoformat()}. Read the computer first; "
            "ground every deliverable in files that exist on it and in the collaborators listed."
        )

    def _write_plan(self, plan: ObjectivePlan) -> None:
        assert self._blueprint is not None
        _write_atomic(self.run_dir / "objectives.json", plan.to_json(indent=2) + "\n")
        objectives = [o.model_dump(mode="json") for o in plan.objectives]
        blueprint = self._blueprint.model_copy(update={"monthly_objectives": objectives})
        _write_atomic(self.run_dir / COMPUTER_JSON, blueprint.to_json(indent=2) + "\n")

    # -- the end ----------------------------------------------------------------------------------------

    def _finish(self) -> dict[str, Any]:
        assert self._disk is not None and self._clock is not None and self._events is not None
        assert self._trajectory is not None and self._mailbox is not None and self._blueprint is not None
        stats = self._state["stats"]
        stop_reason = stats.get("stop_reason") or ("month over" if self._clock.month_over else "stopped")
        self._events.clock_tick("finish", sim_time=self._clock.now, day_index=self._clock.day_index, stop=stop_reason)
        final = self.run_dir / "final"
        shutil.rmtree(final, ignore_errors=True)
        tmp = self.run_dir / ".final-tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        self._disk.materialize(tmp)
        os.replace(tmp, final)
        self._disk.to_archive(self.run_dir / "final.scdisk")
        plan: ObjectivePlan | None = self.world.plan
        submissions = self.world.submissions
        counters = self._trajectory.offset().counters
        meter = self._trajectory.meter_state()
        summary: dict[str, Any] = {
            "schema_version": RUN_SCHEMA_VERSION,
            "computer_id": self._blueprint.computer_id,
            "computer_dir": str(Path(self.config.computer_dir).resolve()),
            "worker_policy": self._worker_policy(),
            "seed": self.config.seed,
            "days": self._clock.days,
            "days_simulated": min(self._clock.day_index, self._clock.days),
            "stop_reason": stop_reason,
            "worker_turns": counters.get("worker", 0),
            "model_calls": dict(sorted(counters.items())),
            "chat_messages": int(stats.get("chat_messages", 0)),
            "mail_sent": len(self._mailbox.sent()),
            "mail_received": len(self._mailbox.inbox()),
            "deliverables_total": len(plan.deliverables()) if plan is not None else 0,
            "deliverables_submitted": len(submissions),
            "submitted": sorted(submissions),
            "tokens": {
                "prompt": meter["prompt_tokens"],
                "completion": meter["completion_tokens"],
                "total": meter["prompt_tokens"] + meter["completion_tokens"],
                "max_worker_prompt": meter["max_worker_prompt_tokens"],
            },
            "token_budget": self.config.token_budget,
            "segments": int(self._state["segment"]),
            "checkpoint": self._checkpoint,
        }
        _write_atomic(self.run_dir / "run.json", json.dumps(summary, indent=2, sort_keys=True) + "\n")
        self._report("finish", finished=True)
        return summary


def _rng_to(rng: random.Random) -> list[Any]:
    version, internal, gauss = rng.getstate()
    return [version, list(internal), gauss]


def _rng_from(state: Sequence[Any]) -> random.Random:
    rng = random.Random()
    rng.setstate((int(state[0]), tuple(int(x) for x in state[1]), state[2]))
    return rng


def _release(world_id: str) -> None:
    """Close a live world and disk left over under this run's ids (an earlier attempt in this process)."""
    with contextlib.suppress(WorldError):
        get_world(world_id).close()
    with contextlib.suppress(Exception):
        from ..disk import get_disk

        get_disk(f"{world_id}-disk").close()

"""Simulation: one computer's month as a sequence of checkpointed ``team.run()`` segments (one simulated day each).

Every segment builds FRESH participants and a fresh ``SelectorGroupChat`` from the last checkpoint (agent states,
world, clock, mailbox), so the group thread never accumulates across days and a team is never reused after an
error. The live disk is the only object carried from one segment to the next; on resume it is rebuilt from the
computer's archive plus the checkpoints' deltas. An uninterrupted run and a resumed one therefore take the same code
path from every checkpoint on, and produce byte-identical trajectories (``trajectory.jsonl.zst``, compressed and
decompressed) and final disks for the same seed.

Run folder::

    computer.json      the computer's blueprint (monthly_objectives filled once the plan is written)
    objectives.json    the ObjectivePlan
    trajectory.jsonl.zst  one line per model call (every role), zstd frames; RunFolder.iter_trajectory_lines reads it
    events.jsonl       tool executions, chat messages, file changes, clock ticks, segments
    checkpoints/       see synthcomp_agents.simulation._checkpoint
    final.delta.zip   the end state as a delta against computer.scdisk;  final/: materialized (``materialize``)
    run.json           summary (days, turns, messages, deliverables, tokens, stop reason)
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import os
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..computers import COMPUTER_ARCHIVE, COMPUTER_JSON, ComputerBlueprint
from ..disk import DiskError, FolderLock, FolderLocked
from ..models import RUN_ID_HEADER, EventWriter, ModelConfigError, ModelFaults, RoleModels, load_model_config
from ..world import World
from ._checkpoint import CheckpointError, CheckpointStore
from ._config import SimulationConfig, SimulationError, SimulationInputError, SimulationProgress
from ._folder import RunFolder
from ._hooks import SimulationHooks
from ._live import LiveRun, run_world_id, write_atomic
from ._meter import MeteredTrajectoryWriter
from ._run_state import RunState, settings_mismatch
from ._segments import next_segment, run_segment

__all__ = [
    "RUN_SCHEMA_VERSION",
    "Simulation",
    "SimulationConfig",
    "SimulationError",
    "SimulationHooks",
    "SimulationInputError",
    "SimulationProgress",
    "SimulationResult",
]

RUN_SCHEMA_VERSION = 1
"""Schema version of ``run.json``."""
_CONNECTION_WORDS = re.compile(r"Connect(ion)?Error|Connection error|Timeout|timed out|Name or service", re.I)
FIRST_CHECKPOINT = "seg-0000"
"""The checkpoint a fresh run writes once its world is open (nothing simulated yet)."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    lines = text.splitlines()
    extra = f" (and {len(lines) - 1} more lines)" if len(lines) > 2 else ""
    return (" ".join(lines[:2]) if lines else type(exc).__name__) + extra


def _archive_problem(archive: Path) -> str | None:
    """Why a disk archive cannot be read (truncated, not a zip, no manifest, a damaged entry), or None."""
    try:
        with zipfile.ZipFile(archive) as zf:
            json.loads(zf.read("manifest.json"))
            bad = zf.testzip()
    except Exception as exc:  # BadZipFile, KeyError (no manifest), ValueError, OSError, EOFError, zlib errors
        return f"{type(exc).__name__}: {_first_line(exc)}"
    return f"entry {bad} fails its CRC check" if bad is not None else None


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
        self._live: LiveRun | None = None
        self._prepared: tuple[ComputerBlueprint, Path, RoleModels] | None = None

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
        if self._live is None:
            raise SimulationError("the simulation is not running: no world yet")
        return self._live.world

    @property
    def world_id(self) -> str:
        """Deterministic id of this run's world (a function of the run folder)."""
        return run_world_id(self.run_dir)

    async def run(self) -> SimulationResult:
        """Start a fresh run in ``run_dir`` (refused when it already holds a run past its start: use :meth:`resume`).

        A folder whose only checkpoint is the start (``seg-0000``: the first segment failed, e.g. on an unreachable
        model) is started afresh, so the corrected command needs no ``--resume``.
        """
        return await self._execute(resume=False)

    async def resume(self) -> SimulationResult:
        """Continue the run in ``run_dir`` from its latest checkpoint (starts fresh when there is none).

        Refused (:class:`SimulationInputError`) when the run was started with other settings (seed, days, worker
        policy, token budget, model config content).
        """
        return await self._execute(resume=True)

    def run_sync(self) -> SimulationResult:
        """:meth:`run` in a new event loop."""
        return asyncio.run(self.run())

    def resume_sync(self) -> SimulationResult:
        """:meth:`resume` in a new event loop."""
        return asyncio.run(self.resume())

    # -- setup ------------------------------------------------------------------------------------------

    def _load_computer(self) -> tuple[ComputerBlueprint, Path]:
        """The computer's blueprint and archive, both checked before anything is written."""
        blueprint_path = self.computer_dir / COMPUTER_JSON
        archive = self.computer_dir / COMPUTER_ARCHIVE
        if not self.computer_dir.is_dir():
            raise SimulationInputError(
                f"{self.computer_dir} is not a folder; give a computer folder (create one with "
                "`synthcomp computer create`)"
            )
        if not blueprint_path.is_file():
            raise SimulationInputError(
                f"{self.computer_dir} is not a computer folder: {COMPUTER_JSON} is missing (create one with "
                "`synthcomp computer create`)"
            )
        if not archive.is_file():
            raise SimulationInputError(
                f"{self.computer_dir} has no {COMPUTER_ARCHIVE} disk archive (an interrupted save?); create the "
                "computer again with `synthcomp computer create` or GeneratedComputer.save(folder)"
            )
        try:
            blueprint = ComputerBlueprint.from_json(blueprint_path.read_text(encoding="utf-8"))
        except Exception as exc:
            raise SimulationInputError(
                f"{blueprint_path} is not a valid computer blueprint ({_first_line(exc)}); create the computer "
                "again with `synthcomp computer create`"
            ) from None
        problem = _archive_problem(archive)
        if problem is not None:
            raise SimulationInputError(
                f"{archive} is damaged ({problem}); create the computer again with `synthcomp computer create`"
            )
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

    def check(self, *, resume: bool = False) -> None:
        """Check the inputs without writing anything: the computer folder and archive, the model config, the run
        folder path and, for a run folder that holds a run, that ``resume`` is set and the settings match.

        Raises:
            SimulationInputError: What is wrong and what to do.
        """
        _blueprint, archive, role_models = asyncio.run(self._prepare())
        folder = RunFolder(self.run_dir)
        if folder.latest_checkpoint_path.is_file():
            self._latest_to_use(CheckpointStore(folder.checkpoints_path, archive), resume, role_models)

    def _latest_to_use(self, store: CheckpointStore, resume: bool, role_models: RoleModels) -> str | None:
        """The checkpoint to continue from (None: start fresh); refuses a fresh run over a run and other settings."""
        try:
            latest = store.latest()
        except CheckpointError as exc:
            raise SimulationError(
                f"cannot read the checkpoints of {self.run_dir}: {exc}; start the run again in a new --out folder"
            ) from None
        if latest is None or (not resume and latest == FIRST_CHECKPOINT):
            return None  # nothing yet, or only the start was written (the first segment failed): begin again
        if not resume:
            raise SimulationInputError(
                f"{self.run_dir} already holds a run (checkpoints/LATEST exists); resume it with --resume "
                "(Simulation.resume()) or choose a new --out folder"
            )
        self._check_settings(store, latest, self._settings(role_models))
        return latest

    def _settings(self, role_models: RoleModels) -> dict[str, Any]:
        """What this run is started (or resumed) with; a resume must match the stored settings."""
        cfg = self.config
        worker = "model" if role_models.spec_for("worker") is not None else cfg.worker_policy
        return {
            "seed": cfg.seed,
            "days": cfg.days,
            "worker_policy": worker,
            "token_budget": cfg.token_budget,
            "model_config": role_models.digest,
        }

    async def _prepare(self) -> tuple[ComputerBlueprint, Path, RoleModels]:
        """Check every input before any folder is created: computer, model config, run folder path (once)."""
        if self._prepared is not None:
            return self._prepared
        blueprint, archive = self._load_computer()
        try:
            role_models = self._role_models()
            await role_models.validate()
        except ModelConfigError as exc:
            raise SimulationInputError(f"bad model config: {exc}") from None
        role_models.headers[RUN_ID_HEADER] = self.world_id  # a server can keep per-run memory (serve-policy does)
        if self.run_dir.exists() and not self.run_dir.is_dir():
            raise SimulationInputError(f"{self.run_dir} is a file, not a folder; give a folder path for the run")
        self._prepared = (blueprint, archive, role_models)
        return self._prepared

    async def _execute(self, *, resume: bool) -> SimulationResult:
        started = time.perf_counter()
        blueprint, archive, role_models = await self._prepare()
        folder = RunFolder(self.run_dir)
        created = not self.run_dir.exists()
        try:
            lock = FolderLock(self.run_dir, "simulate").acquire()
        except FolderLocked as exc:
            raise SimulationError(str(exc)) from None
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise
            raise SimulationError(
                f"cannot write the run folder {self.run_dir}: {exc.strerror or exc}; choose a writable folder"
            ) from None
        try:
            return await self._execute_locked(folder, blueprint, archive, role_models, resume, started)
        finally:
            lock.release()
            if created:  # nothing but an empty folder: leave no trace that would make the next command refuse
                with contextlib.suppress(OSError):
                    self.run_dir.rmdir()

    async def _execute_locked(
        self,
        folder: RunFolder,
        blueprint: ComputerBlueprint,
        archive: Path,
        role_models: RoleModels,
        resume: bool,
        started: float,
    ) -> SimulationResult:
        folder.remove_temporaries()
        store = CheckpointStore(folder.checkpoints_path, archive)
        latest = self._latest_to_use(store, resume, role_models)
        settings = self._settings(role_models)
        if latest is None:
            folder.latest_checkpoint_path.unlink(missing_ok=True)  # a fresh start: the old start is pruned below
        # a resume continues the stored form (a run begun before the compact form stays plain); a new run is compact
        trajectory = MeteredTrajectoryWriter(folder.trajectory_path if latest else folder.compact_trajectory_path)
        events = EventWriter(folder.events_path if latest else folder.compact_events_path)
        try:
            store.prune_after(latest)
            if latest is None:
                self._live = LiveRun.start(
                    self.config,
                    blueprint,
                    archive,
                    store=store,
                    trajectory=trajectory,
                    events=events,
                    progress=self._progress,
                    settings=settings,
                )
            else:
                try:
                    self._live = LiveRun.restore(
                        self.config,
                        blueprint,
                        latest,
                        store=store,
                        trajectory=trajectory,
                        events=events,
                        progress=self._progress,
                        settings=settings,
                    )
                except (CheckpointError, DiskError) as exc:
                    raise SimulationError(
                        f"cannot resume {self.run_dir} from checkpoint {latest}: {exc} (was the computer folder "
                        f"{self.computer_dir} changed or replaced since the run started?)"
                    ) from None
            live = self._live
            earlier = self._earlier_attempts()
            while (segment := next_segment(live)) is not None:
                try:
                    await run_segment(live, segment, self.hooks, role_models)
                except SimulationError as exc:
                    if exc.cause is not None:
                        self._write_failure(live, exc, role_models, earlier)
                    if _CONNECTION_WORDS.search(str(exc)) and role_models.endpoint_note():
                        raise SimulationError(
                            f"{exc}{role_models.endpoint_note()}", cause=exc.cause, transient=exc.transient
                        ) from exc
                    raise
                finally:
                    await role_models.close()  # each segment builds fresh clients: release their connections
            summary = self._finish(live, role_models, earlier)
            return SimulationResult(self.run_dir, summary, list(live.costs), time.perf_counter() - started)
        finally:
            trajectory.close()
            events.close()
            if self._live is not None:
                self._live.close()

    def _check_settings(self, store: CheckpointStore, latest: str, settings: dict[str, Any]) -> None:
        """Refuse a resume whose settings differ from those the run was started with."""
        try:
            stored = RunState.from_checkpoint(store.load(latest)["state"])
        except CheckpointError as exc:
            raise SimulationError(f"cannot resume {self.run_dir} from checkpoint {latest}: {exc}") from None
        differences = settings_mismatch(stored.settings or {"seed": stored.seed}, settings)
        if differences:
            raise SimulationInputError(
                f"cannot resume {self.run_dir}: it was started with other settings ({'; '.join(differences)}); "
                "repeat the original settings, or start a new run in another --out folder"
            )

    # -- the end ----------------------------------------------------------------------------------------

    def _earlier_attempts(self) -> dict[str, Any]:
        """What earlier stopped attempts of this run left in ``run.json`` (their failures and fault counts)."""
        path = RunFolder(self.run_dir).summary_path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("status") != "failed":
            return {}
        failures = [*data.get("earlier_failures", []), data.get("failure")]
        return {"failures": [f for f in failures if f], "model_faults": data.get("model_faults") or {}}

    def _write_failure(
        self, live: LiveRun, error: SimulationError, role_models: RoleModels, earlier: dict[str, Any]
    ) -> None:
        """A stopped segment: ``run.json`` says so (status ``failed``, the named cause, fault counts); resumable."""
        cause = dict(error.cause or {})
        cause.setdefault("message", str(error))
        cause["checkpoint"] = live.checkpoint
        summary: dict[str, Any] = {
            "schema_version": RUN_SCHEMA_VERSION,
            "status": "failed",
            "resumable": True,
            "computer_id": live.blueprint.computer_id,
            "computer_dir": str(Path(self.config.computer_dir).resolve()),
            "seed": self.config.seed,
            "days": live.world.clock.days,
            "failure": cause,
            "checkpoint": live.checkpoint,
            "model_faults": ModelFaults.merge(earlier.get("model_faults") or {}, role_models.faults.summary()),
        }
        if earlier.get("failures"):
            summary["earlier_failures"] = earlier["failures"]
        with contextlib.suppress(OSError):
            write_atomic(RunFolder(self.run_dir).summary_path, json.dumps(summary, indent=2, sort_keys=True) + "\n")

    def _finish(self, live: LiveRun, role_models: RoleModels, earlier: dict[str, Any]) -> dict[str, Any]:
        """Write ``final.delta.zip`` (and ``final/`` when materializing) and ``run.json``; return the summary."""
        world, clock, stats = live.world, live.world.clock, live.state.stats
        stop_reason = stats.stop_reason or ("month over" if clock.month_over else "stopped")
        live.events.clock_tick("finish", sim_time=clock.now, day_index=clock.day_index, stop=stop_reason)
        folder = RunFolder(self.run_dir)
        final = folder.final_home_path
        shutil.rmtree(final, ignore_errors=True)
        folder.final_archive_path.unlink(missing_ok=True)  # a legacy whole archive is superseded by the delta
        live.store.write_end_state(folder.final_delta_path, live.disk)
        if self.config.materialize:
            tmp = self.run_dir / RunFolder.FINAL_TMP
            shutil.rmtree(tmp, ignore_errors=True)
            live.disk.materialize(tmp)
            os.replace(tmp, final)
        plan, submissions = world.plan, world.submissions
        counters = live.trajectory.counters()
        meter = live.trajectory.meter()
        summary: dict[str, Any] = {
            "schema_version": RUN_SCHEMA_VERSION,
            "computer_id": live.blueprint.computer_id,
            "computer_dir": str(Path(self.config.computer_dir).resolve()),
            "worker_policy": self._worker_policy(),
            "seed": self.config.seed,
            "days": clock.days,
            "days_simulated": min(clock.day_index, clock.days),
            "stop_reason": stop_reason,
            "worker_turns": counters.get("worker", 0),
            "model_calls": dict(sorted(counters.items())),
            "chat_messages": stats.chat_messages,
            "mail_sent": len(world.mailbox.sent()),
            "mail_received": len(world.mailbox.inbox()),
            "deliverables_total": len(plan.deliverables()) if plan is not None else 0,
            "deliverables_submitted": len(submissions),
            "submitted": sorted(submissions),
            "tokens": {
                "prompt": meter.prompt_tokens,
                "completion": meter.completion_tokens,
                "total": meter.prompt_tokens + meter.completion_tokens,
                "max_worker_prompt": meter.max_worker_prompt_tokens,
            },
            "token_budget": self.config.token_budget,
            "segments": live.state.segment,
            "checkpoint": live.checkpoint,
        }
        if role_models.configured_roles():  # calls to real endpoints: their faults and retries, stopped attempts too
            summary["model_faults"] = ModelFaults.merge(earlier.get("model_faults") or {}, role_models.faults.summary())
        write_atomic(RunFolder(self.run_dir).summary_path, json.dumps(summary, indent=2, sort_keys=True) + "\n")
        live.report("finish", finished=True)
        return summary

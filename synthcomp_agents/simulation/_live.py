"""LiveRun: a simulation run whose world is open: everything a segment reads and writes, never missing.

:meth:`LiveRun.start` opens a fresh world from the computer's archive and writes checkpoint ``seg-0000``;
:meth:`LiveRun.restore` rebuilds the disk and the world from a checkpoint. Both end in the same place: the world is
always rebuilt from the checkpoint's JSON state (:meth:`LiveRun.write_checkpoint`), so a fresh run and a resumed one
take the same code path from every checkpoint on.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic_core import to_jsonable_python

from ..computers import COMPUTER_JSON, ComputerBlueprint
from ..disk import VirtualDisk, atomic_write_text
from ..models import EventWriter
from ..world import World, WorldError, get_world
from ._checkpoint import CheckpointStore, is_partial
from ._config import SimulationConfig, SimulationError, SimulationProgress
from ._folder import RunFolder
from ._meter import MeteredTrajectoryWriter
from ._run_state import LogOffsets, RunState, RunStats, jsonable

__all__ = ["LiveRun", "run_world_id", "write_atomic"]


def run_world_id(run_dir: Path) -> str:
    """Deterministic id of a run's world (a function of the run folder).

    Example:
        >>> run_world_id(Path("/tmp/run1")) == run_world_id(Path("/tmp/../tmp/run1")), len(run_world_id(Path("r")))
        (True, 16)
    """
    digest = hashlib.sha1(str(run_dir.resolve()).encode()).hexdigest()[:12]
    return f"sim-{digest}"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (:func:`~synthcomp_agents.disk.atomic_write_text`)."""
    atomic_write_text(path, text)


@dataclass
class LiveRun:
    """The open world of a run and the run's writers, its last checkpoint and state (see the module docstring).

    Attributes:
        config: what is simulated.
        blueprint: the computer's blueprint.
        store: the run's checkpoints.
        trajectory: the trajectory writer (``trajectory.jsonl.zst``, metering tokens).
        events: ``events.jsonl``.
        disk: the live disk (the one object carried from segment to segment).
        world: the world, rebuilt over ``disk`` from every checkpoint written.
        state: the last checkpoint's state, as a resumed run would load it.
        checkpoint: the last checkpoint's name.
        progress: the progress callback, if any.
        costs: what every checkpoint written by this process cost.
        settings: what the run was started with (stored in every checkpoint; a resume compares them).
        base: the last checkpoint written between segments (the parent of the next one; ``checkpoint`` may be a
            newer one written inside the running segment).
    """

    config: SimulationConfig
    blueprint: ComputerBlueprint
    store: CheckpointStore
    trajectory: MeteredTrajectoryWriter
    events: EventWriter
    disk: VirtualDisk
    world: World
    state: RunState
    checkpoint: str
    progress: Callable[[SimulationProgress], None] | None = None
    costs: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    base: str = ""

    # -- opening --------------------------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        config: SimulationConfig,
        blueprint: ComputerBlueprint,
        archive: Path,
        *,
        store: CheckpointStore,
        trajectory: MeteredTrajectoryWriter,
        events: EventWriter,
        progress: Callable[[SimulationProgress], None] | None = None,
        settings: Mapping[str, Any] | None = None,
    ) -> LiveRun:
        """A fresh run: clear the run folder's outputs, open the world, write checkpoint ``seg-0000``."""
        run_dir = Path(config.run_dir)
        trajectory.truncate_to({"bytes": 0, "lines": 0, "counters": {}})
        events.truncate_to({"bytes": 0, "lines": 0, "counters": {}})
        for name in (
            RunFolder.OBJECTIVES,
            RunFolder.SUMMARY,
            RunFolder.FINAL_ARCHIVE,
            RunFolder.FINAL_DELTA,
            RunFolder.TRAJECTORY_PLAIN,
            RunFolder.EVENTS_PLAIN,
        ):
            with contextlib.suppress(FileNotFoundError):
                (run_dir / name).unlink()
        shutil.rmtree(run_dir / RunFolder.FINAL_HOME, ignore_errors=True)
        write_atomic(run_dir / COMPUTER_JSON, blueprint.to_json(indent=2) + "\n")
        world_id = run_world_id(run_dir)
        _release(world_id)
        world = World.open(archive, blueprint, days=config.days, start=config.start_date, world_id=world_id)
        try:
            store.bind_disk(world.disk)
            trajectory.load_meter(RunStats().meter)
            recorded = jsonable(dict(settings or {}))
            start = RunState(
                segment=0, label="start", seed=config.seed, world=jsonable(world.to_state()), settings=recorded
            )
            live = cls(config, blueprint, store, trajectory, events, world.disk, world, start, "", progress)
            live.settings = recorded
            events.clock_tick("start", sim_time=world.clock.now, day_index=world.clock.day_index)
            live.write_checkpoint("seg-0000", live.snapshot(segment=0, label="start", agents={}, chat_messages=0))
        except BaseException:
            world.close()
            world.disk.close()
            raise
        return live

    @classmethod
    def restore(
        cls,
        config: SimulationConfig,
        blueprint: ComputerBlueprint,
        name: str,
        *,
        store: CheckpointStore,
        trajectory: MeteredTrajectoryWriter,
        events: EventWriter,
        progress: Callable[[SimulationProgress], None] | None = None,
        settings: Mapping[str, Any] | None = None,
    ) -> LiveRun:
        """Continue from checkpoint ``name``: cut the logs back to it, rebuild its disk and world."""
        run_dir = Path(config.run_dir)
        record = store.load(name)
        state = RunState.from_checkpoint(record["state"])
        try:
            trajectory.truncate_to(state.offsets.trajectory)
            events.truncate_to(state.offsets.events)
        except ValueError as exc:
            raise SimulationError(f"cannot resume {run_dir} from {name}: {exc}") from None
        trajectory.load_meter(state.stats.meter)
        world_id = run_world_id(run_dir)
        _release(world_id)
        disk = store.restore_disk(name, disk_id=f"{world_id}-disk")
        world = World.from_state(state.world, disk=disk, blueprint=blueprint, world_id=world_id)
        live = cls(config, blueprint, store, trajectory, events, disk, world, state, name, progress)
        live.settings = dict(state.settings) or jsonable(dict(settings or {}))  # older checkpoints recorded none
        live.base = str(record.get("parent") or "") if is_partial(name) else name
        return live

    # -- state and checkpoints ------------------------------------------------------------------------------

    @property
    def world_id(self) -> str:
        """The run's world id."""
        return self.world.world_id

    def snapshot(
        self,
        *,
        segment: int,
        label: str,
        agents: Mapping[str, Any],
        chat_messages: int,
        stop_reason: str | None = None,
        partial: Mapping[str, Any] | None = None,
    ) -> RunState:
        """The run's state now (world, meter, log ends), after segment ``segment`` (``label``), or inside the next
        one when ``partial`` is given (see :attr:`RunState.partial`)."""
        return RunState(
            segment=segment,
            label=label,
            seed=self.config.seed,
            agents=jsonable(dict(agents)),
            world=jsonable(self.world.to_state()),
            stats=RunStats(meter=self.trajectory.meter(), chat_messages=chat_messages, stop_reason=stop_reason),
            offsets=LogOffsets(trajectory=self.trajectory.offset().to_state(), events=self.events.offset().to_state()),
            settings=self.settings,
            partial=jsonable(dict(partial)) if partial is not None else None,
        )

    def write_checkpoint(self, name: str, state: RunState) -> None:
        """Write ``state`` and the disk's delta as checkpoint ``name``; continue from exactly what was stored."""
        stored = state.to_checkpoint()
        self._store(name, state.label, stored)
        self.state = RunState.from_checkpoint(stored)
        self.world = World.from_state(
            self.state.world, disk=self.disk, blueprint=self.blueprint, world_id=self.world_id
        )

    def write_partial_checkpoint(self, name: str, state: RunState, partial: Mapping[str, Any], *, label: str) -> None:
        """Write ``state`` with ``partial`` (see :attr:`RunState.partial`, taken inside a running segment) and the
        disk's delta as checkpoint ``name``.

        The running segment goes on with its live world and agents (they cannot be swapped mid-chat), so unlike
        :meth:`write_checkpoint` nothing is rebuilt and :attr:`state` stays the segment's start state. ``partial``
        (the group chat's whole thread, megabytes late in a day) is converted to JSON types once, not round-tripped.
        Its entry in :attr:`costs` is labelled ``inside <label>`` (``label``: the running segment's).
        """
        stored = state.to_checkpoint()
        stored["partial"] = to_jsonable_python(dict(partial))
        self._store(name, f"inside {label}", stored)

    def _store(self, name: str, label: str, stored: dict[str, Any]) -> None:
        info = self.store.write(name, stored, self.disk, parent=self.base or None)
        self.costs.append(
            {
                "name": name,
                "label": label,
                "bytes": info.bytes_written,
                "blobs": info.new_blobs,
                "seconds": round(info.seconds, 6),
            }
        )
        self.checkpoint = name
        if not is_partial(name):
            self.base = name

    # -- meters ---------------------------------------------------------------------------------------------

    def budget_spent(self) -> str | None:
        """Why the run's worker-turn or token budget stops it, or None."""
        cfg = self.config
        if cfg.max_worker_turns is not None and self.trajectory.worker_turns >= cfg.max_worker_turns:
            return f"worker turn budget ({cfg.max_worker_turns}) spent"
        if cfg.max_tokens is not None and self.trajectory.total_tokens >= cfg.max_tokens:
            return f"token budget ({cfg.max_tokens}) spent"
        return None

    def flush_files(self) -> None:
        """Report the disk's new journal entries as file events."""
        entries = self.world.drain_journal()
        if entries:
            self.events.file_changes(entries)

    def report(self, label: str, *, finished: bool = False) -> None:
        """Send a :class:`SimulationProgress` to the progress callback (if any)."""
        if self.progress is None:
            return
        clock, plan = self.world.clock, self.world.plan
        self.progress(
            SimulationProgress(
                segment=label,
                day=min(clock.day_index + 1, clock.days),
                days=clock.days,
                worker_turns=self.trajectory.worker_turns,
                messages=len(self.world.mailbox.sent()) + len(self.world.mailbox.inbox()),
                deliverables_done=len(self.world.submissions),
                deliverables_total=len(plan.deliverables()) if plan is not None else 0,
                finished=finished,
            )
        )

    def close(self) -> None:
        """Unregister the world and close the disk (the writers belong to the caller)."""
        self.world.close()
        if not self.disk.closed:
            self.disk.close()


def _release(world_id: str) -> None:
    """Close a live world and disk left over under this run's ids (an earlier attempt in this process)."""
    with contextlib.suppress(WorldError):
        get_world(world_id).close()
    with contextlib.suppress(Exception):
        from ..disk import get_disk

        get_disk(f"{world_id}-disk").close()

"""RunFolder: the one owner of a run folder's layout (file names, loading) and of finding the computer it started from.

Layout of a run folder::

    computer.json      copy of the computer's blueprint (with the month's objectives once the plan is written)
    objectives.json    the month's plan (ObjectivePlan)
    trajectory.jsonl.zst  one line per model call, as zstd frames (read it with ``iter_trajectory_lines``,
                       ``synthcomp trajectory cat RUN``); runs written before it hold a plain ``trajectory.jsonl``
    events.jsonl.zst   tool executions, messages, file changes, clock ticks, as zstd frames like the trajectory
                       (``iter_event_lines``, ``synthcomp trajectory cat --events RUN``); earlier runs: ``events.jsonl``
    model_faults.jsonl every model-call fault of every attempt, append-only (a resume cuts events.jsonl back to
                       its checkpoint, and with it a stopped attempt's ``model_fault`` lines; this log keeps them)
    checkpoints/       incremental checkpoints (``checkpoints/LATEST`` names the newest)
    final.delta.zip    the end state: what changed against the computer's archive (``delta.json``) and the new
                       contents (``blobs/<sha256>``); read it with :meth:`RunFolder.final_disk`
    final/             the home at the end of the run as real files, only when materialized (``--materialize``,
                       :meth:`RunFolder.materialize_final`); no reader needs it
    final.scdisk       the whole end state as a disk archive: runs written before the delta (still read)
    run.json           the run summary (``computer_dir`` records the computer folder the run started from)
    signals.json       the learning signals (written by ``synthcomp_agents.signals``)
    report.html        the run report (written by ``synthcomp report``)
    .synthcomp.lock    while a process writes the run (``disk.FolderLock``); removed when it ends

Where the computer folder (the home *before* the run, for collateral damage and Harbor tasks) lives:

* ``synthcomp run --out OUT``: ``OUT/computers/<id>`` beside ``OUT/runs/<id>``;
* ``synthcomp batch --out OUT``: ``OUT/jobs/<job>/computer`` beside ``OUT/jobs/<job>/run``;
* ``synthcomp simulate COMPUTER --out RUN``: wherever ``run.json`` ``computer_dir`` says;
* any of these moved elsewhere as a whole: the recorded path's last parts, looked up from the run's new place.

Every candidate is checked: it must hold ``computer.scdisk`` and, when both ids are known, the run's computer id.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..computers import ComputerFolder
from ..disk import LOCK_FILE, VirtualDisk, atomic_path
from ..models import iter_jsonl_lines

if TYPE_CHECKING:
    from ..computers import ComputerBlueprint
    from ..objectives import ObjectivePlan

__all__ = ["JOB_COMPUTER", "JOB_RUN", "RUN_COMPUTERS", "RUN_RUNS", "OriginalComputerNotFound", "RunFolder"]

RUN_COMPUTERS = "computers"
"""``synthcomp run --out OUT`` writes computers to ``OUT/computers/<id>``..."""
RUN_RUNS = "runs"
"""...and their runs to ``OUT/runs/<id>``."""
JOB_COMPUTER = "computer"
"""A batch job folder ``jobs/<job>/`` holds its computer in ``computer/``..."""
JOB_RUN = "run"
"""...and its run in ``run/``."""

_MOVED_DEPTH = 3  # how many of the recorded path's last parts (and of the run's ancestors) a moved layout may span


class OriginalComputerNotFound(FileNotFoundError):
    """The computer folder a run started from (its ``computer.scdisk``) cannot be found.

    Attributes:
        run_dir: the run folder.
        tried: every folder looked at, in order.

    Example:
        >>> error = OriginalComputerNotFound(Path("runs/c1"), [Path("computers/c1")])
        >>> "computers/c1" in str(error) and isinstance(error, FileNotFoundError)
        True
    """

    def __init__(self, run_dir: Path, tried: list[Path], *, notes: list[str] | None = None) -> None:
        self.run_dir = run_dir
        self.tried = list(tried)
        looked = ", ".join(os.fspath(p) for p in self.tried) or "nowhere (run.json records no computer_dir)"
        extra = "".join(f"; {note}" for note in notes or [])
        super().__init__(
            f"cannot find the original computer of run {os.fspath(run_dir)} (the folder with computer.json and "
            f"computer.scdisk it started from): looked in {looked}{extra}. Put that computer folder back beside "
            f"the run ({RUN_COMPUTERS}/<id> next to {RUN_RUNS}/<id>, or {JOB_COMPUTER}/ next to {JOB_RUN}/ in a "
            "batch job) or pass its folder explicitly (original=...)"
        )


@dataclass(frozen=True)
class RunFolder:
    """A run folder: the names of its files, typed loading, and the computer it started from.

    The writer (:class:`~synthcomp_agents.simulation.Simulation`) and every reader (signals, report, export, env,
    batch) use these names, so a layout change happens here only.

    Example:
        >>> run = RunFolder("out/runs/c-1")
        >>> run.trajectory_path.as_posix(), run.final_archive_path.name, run.latest_checkpoint_path.as_posix()
        ('out/runs/c-1/trajectory.jsonl.zst', 'final.scdisk', 'out/runs/c-1/checkpoints/LATEST')
        >>> run.is_run()  # nothing written there yet
        False
    """

    path: Path

    BLUEPRINT = ComputerFolder.BLUEPRINT
    OBJECTIVES = ComputerFolder.OBJECTIVES
    TRAJECTORY = "trajectory.jsonl.zst"
    TRAJECTORY_PLAIN = "trajectory.jsonl"
    EVENTS = "events.jsonl.zst"
    EVENTS_PLAIN = "events.jsonl"
    FAULTS = "model_faults.jsonl"
    CHECKPOINTS = "checkpoints"
    LATEST = "LATEST"
    FINAL_HOME = "final"
    FINAL_ARCHIVE = "final.scdisk"
    FINAL_DELTA = "final.delta.zip"
    SUMMARY = "run.json"
    SIGNALS = "signals.json"
    REPORT = "report.html"
    FINAL_TMP = ".final-tmp"
    LOCK = LOCK_FILE

    def __init__(self, path: str | os.PathLike[str]) -> None:
        object.__setattr__(self, "path", Path(path))

    def __fspath__(self) -> str:
        return os.fspath(self.path)

    # -- names ----------------------------------------------------------------------------------------------------

    @property
    def blueprint_path(self) -> Path:
        """``computer.json``: the run's copy of the blueprint."""
        return self.path / self.BLUEPRINT

    @property
    def objectives_path(self) -> Path:
        """``objectives.json``: the month's plan."""
        return self.path / self.OBJECTIVES

    @property
    def trajectory_path(self) -> Path:
        """The stored trajectory: ``trajectory.jsonl.zst``, else a legacy plain ``trajectory.jsonl``, else the
        compact name (where a new run writes). Read it through :meth:`iter_trajectory_lines`."""
        return _stored(self.compact_trajectory_path, self.plain_trajectory_path)

    @property
    def compact_trajectory_path(self) -> Path:
        """``trajectory.jsonl.zst``: what the simulation writes (zstd frames, one flushed block per model call)."""
        return self.path / self.TRAJECTORY

    @property
    def plain_trajectory_path(self) -> Path:
        """``trajectory.jsonl``: the plain form runs wrote before the compact one (and the export's usual name)."""
        return self.path / self.TRAJECTORY_PLAIN

    @property
    def events_path(self) -> Path:
        """The stored events: ``events.jsonl.zst``, else a legacy plain ``events.jsonl``, else the compact name (where
        a new run writes). Read it through :meth:`iter_event_lines`."""
        return _stored(self.compact_events_path, self.plain_events_path)

    @property
    def compact_events_path(self) -> Path:
        """``events.jsonl.zst``: what the simulation writes (zstd frames, one flushed block per event)."""
        return self.path / self.EVENTS

    @property
    def plain_events_path(self) -> Path:
        """``events.jsonl``: the plain form runs wrote before the compact one (and the export's usual name)."""
        return self.path / self.EVENTS_PLAIN

    @property
    def faults_path(self) -> Path:
        """``model_faults.jsonl``: every model-call fault of every attempt of the run (never cut back)."""
        return self.path / self.FAULTS

    @property
    def checkpoints_path(self) -> Path:
        """``checkpoints/``."""
        return self.path / self.CHECKPOINTS

    @property
    def latest_checkpoint_path(self) -> Path:
        """``checkpoints/LATEST``: exists once a checkpoint is complete (the run can be resumed)."""
        return self.checkpoints_path / self.LATEST

    @property
    def final_home_path(self) -> Path:
        """``final/``: the home at the end of the run."""
        return self.path / self.FINAL_HOME

    @property
    def final_archive_path(self) -> Path:
        """``final.scdisk``: the whole end state as a disk archive (runs written before the delta form)."""
        return self.path / self.FINAL_ARCHIVE

    @property
    def final_delta_path(self) -> Path:
        """``final.delta.zip``: the end state as a delta against the computer's archive (what a run writes)."""
        return self.path / self.FINAL_DELTA

    @property
    def summary_path(self) -> Path:
        """``run.json``: the run summary."""
        return self.path / self.SUMMARY

    @property
    def signals_path(self) -> Path:
        """``signals.json``."""
        return self.path / self.SIGNALS

    @property
    def report_path(self) -> Path:
        """``report.html``."""
        return self.path / self.REPORT

    # -- state ----------------------------------------------------------------------------------------------------

    def is_run(self) -> bool:
        """The folder holds a run (its plan, trajectory or summary)."""
        return self.objectives_path.is_file() or self.has_trajectory() or self.summary_path.is_file()

    def has_trajectory(self) -> bool:
        """A trajectory is stored (compact or plain)."""
        return self.trajectory_path.is_file()

    def can_resume(self) -> bool:
        """A complete checkpoint exists (``checkpoints/LATEST``)."""
        return self.latest_checkpoint_path.is_file()

    def temporaries(self) -> list[Path]:
        """Temporary files and folders a killed writer left behind (``.NAME.xxxx.tmp``, ``.final-tmp``)."""
        if not self.path.is_dir():
            return []
        return sorted(
            p
            for p in self.path.iterdir()
            if p.name.startswith(".") and (p.name.endswith(".tmp") or p.name == self.FINAL_TMP)
        )

    def remove_temporaries(self) -> None:
        """Remove :meth:`temporaries` (call it only while holding the folder's lock: nobody else writes)."""
        for path in self.temporaries():
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()

    def drop_checkpoints(self) -> bool:
        """Remove ``checkpoints/`` of a finished run (they only serve a resume); True when something was removed.

        ``LATEST`` goes first, so a crash half-way leaves a folder nothing resumes from. A run that has not finished
        keeps its checkpoints (``ValueError``).

        Example:
            >>> RunFolder("/tmp/no-such-run").drop_checkpoints()
            False
        """
        if not self.checkpoints_path.exists():
            return False
        if not self.is_finished() or self.summary().get("status") == "failed":
            raise ValueError(f"{self.path} has not finished: its checkpoints are what a resume needs")
        self.latest_checkpoint_path.unlink(missing_ok=True)
        shutil.rmtree(self.checkpoints_path)
        return True

    def has_end_state(self) -> bool:
        """The end state is stored (``final.delta.zip``, or a legacy ``final.scdisk``)."""
        return self.final_delta_path.is_file() or self.final_archive_path.is_file()

    def is_finished(self) -> bool:
        """The run wrote its summary and its end state."""
        return self.summary_path.is_file() and self.has_end_state()

    # -- loading --------------------------------------------------------------------------------------------------

    def summary(self, *, required: bool = False) -> dict[str, Any]:
        """``run.json`` as JSON; ``{}`` while the run has not finished, unless ``required`` (then ``OSError``).

        A run whose segment stopped (a model call out of retries, no progress) has a ``run.json`` with
        ``status: failed`` and the named ``failure``; it is not finished (:meth:`is_finished`) and resumes.

        Raises ``ValueError`` when it is damaged.
        """
        if not required and not self.summary_path.is_file():
            return {}
        return _json_object(self.summary_path)

    def blueprint_json(self) -> dict[str, Any]:
        """``computer.json`` (the run's copy) as JSON (raises ``OSError`` / ``ValueError``)."""
        return _json_object(self.blueprint_path)

    def blueprint(self) -> ComputerBlueprint:
        """``computer.json`` (the run's copy) as a validated blueprint."""
        return ComputerFolder(self.path).blueprint()

    def plan_json(self) -> dict[str, Any]:
        """``objectives.json`` as JSON (raises ``OSError`` / ``ValueError``)."""
        return _json_object(self.objectives_path)

    def plan(self) -> ObjectivePlan:
        """``objectives.json`` as a validated :class:`~synthcomp_agents.objectives.ObjectivePlan`."""
        from ..objectives import ObjectivePlan

        return ObjectivePlan.model_validate_json(self.objectives_path.read_text(encoding="utf-8"))

    def computer_id(self) -> str | None:
        """The run's computer id: ``run.json``, else the blueprint copy, else the plan; None when none says."""
        for path in (self.summary_path, self.blueprint_path, self.objectives_path):
            try:
                value = _json_object(path).get("computer_id")
            except (OSError, ValueError):
                continue
            if value:
                return str(value)
        return None

    # -- the trajectory ---------------------------------------------------------------------------------------------

    def iter_trajectory_lines(self) -> Iterator[bytes]:
        """The trajectory's JSON lines (bytes, each ending in ``\\n``), streamed from the compact or the plain form.

        The concatenation is exactly the plain ``trajectory.jsonl`` the run would have written. A compact file cut
        by a kill yields every completed line and drops the torn one.

        Raises:
            FileNotFoundError: The run has no trajectory (see :meth:`has_trajectory`).
            ValueError: The compressed data is damaged.

        Example:
            >>> import tempfile
            >>> from synthcomp_agents.models import TrajectoryWriter
            >>> run = RunFolder(tempfile.mkdtemp())
            >>> with TrajectoryWriter(run.trajectory_path) as w:
            ...     _ = w.record({"role": "worker"})
            >>> list(run.iter_trajectory_lines())
            [b'{"seq":0,"role":"worker","turn":0,"schema_version":1}\\n']
        """
        path = self.trajectory_path
        if not path.is_file():
            raise FileNotFoundError(
                f"{os.fspath(self.path)} holds no trajectory ({self.TRAJECTORY} or {self.TRAJECTORY_PLAIN})"
            )
        return iter_jsonl_lines(path)

    def iter_trajectory(self) -> Iterator[dict[str, Any]]:
        """The trajectory's records (one dict per model call), streamed.

        Raises:
            FileNotFoundError: The run has no trajectory.
            ValueError: A line is not a JSON object (the message names the line) or the compressed data is damaged.
        """
        path = self.trajectory_path
        for number, raw in enumerate(self.iter_trajectory_lines()):
            try:
                record = json.loads(raw)
            except ValueError as exc:
                raise ValueError(f"{path} line {number + 1} is not valid JSON: {exc}") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path} line {number + 1} is not a JSON object")
            yield record

    def export_trajectory(self, out: str | os.PathLike[str]) -> Path:
        """Write the trajectory as plain JSONL to ``out`` (atomically; byte-identical to the plain form); return it.

        Raises:
            FileNotFoundError: The run has no trajectory.
        """
        return _export_lines(self.iter_trajectory_lines(), Path(out))

    def iter_event_lines(self) -> Iterator[bytes]:
        """The events' JSON lines (bytes, each ending in ``\n``), from ``events.jsonl.zst`` or a plain ``events.jsonl``.

        The concatenation is exactly the plain ``events.jsonl`` the run would have written; a compact file cut by a
        kill yields every completed line. A run with no events yields nothing.

        Raises:
            ValueError: The compressed data is damaged.

        Example:
            >>> import tempfile
            >>> from datetime import datetime, timezone
            >>> from synthcomp_agents.models import EventWriter
            >>> run = RunFolder(tempfile.mkdtemp())
            >>> with EventWriter(run.events_path) as w:
            ...     _ = w.clock_tick("start", sim_time=datetime(2026, 1, 5, 9, tzinfo=timezone.utc))
            >>> [line[:22] for line in run.iter_event_lines()]
            [b'{"seq":0,"kind":"clock']
        """
        path = self.events_path
        return iter_jsonl_lines(path) if path.is_file() else iter(())

    def export_events(self, out: str | os.PathLike[str]) -> Path:
        """Write the events as plain JSONL to ``out`` (atomically; byte-identical to the plain form); return it."""
        return _export_lines(self.iter_event_lines(), Path(out))

    # -- the end state ----------------------------------------------------------------------------------------------

    def final_disk(self, original: str | os.PathLike[str] | None = None) -> VirtualDisk:
        """The home at the end of the run as an in-memory disk: the one way every reader gets the end state.

        A run stores its end state as ``final.delta.zip`` (applied to the computer's ``computer.scdisk``, found
        with :meth:`original_computer` unless ``original`` names its folder or archive); runs written before it
        hold the whole ``final.scdisk``, loaded as it is. Neither needs the materialized ``final/``. Close the
        disk when done (it is a context manager).

        Raises:
            FileNotFoundError: The run has no end state (it has not finished).
            OriginalComputerNotFound: The delta's computer archive cannot be found.
            ValueError: The end state is damaged or belongs to another computer archive.
        """
        if self.final_delta_path.is_file():
            from ._checkpoint import CheckpointError, CheckpointStore

            base = self._original_archive(original)
            store = CheckpointStore(self.checkpoints_path, base, create=False)
            try:
                return store.end_state_disk(self.final_delta_path)
            except CheckpointError as exc:
                raise ValueError(str(exc)) from None
        if self.final_archive_path.is_file():
            return VirtualDisk.from_archive(self.final_archive_path)
        raise FileNotFoundError(
            f"{os.fspath(self.path)} holds no end state ({self.FINAL_DELTA} or {self.FINAL_ARCHIVE}): "
            "the run has not finished; resume it"
        )

    def materialize_final(
        self, target: str | os.PathLike[str] | None = None, *, original: str | os.PathLike[str] | None = None
    ) -> Path:
        """Write the end state as real files to ``target`` (default ``final/``, replaced atomically); return it.

        Raises:
            FileExistsError: ``target`` exists and is not an empty folder (``final/`` itself is replaced).
        """
        out = Path(target) if target is not None else self.final_home_path
        if target is not None and out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise FileExistsError(f"{os.fspath(out)} exists and is not an empty folder; pass a new or empty folder")
        tmp = out.with_name(self.FINAL_TMP if target is None else f".{out.name}.materializing")
        shutil.rmtree(tmp, ignore_errors=True)
        with self.final_disk(original) as disk:
            disk.materialize(tmp)
        shutil.rmtree(out, ignore_errors=True)
        os.replace(tmp, out)
        return out

    def _original_archive(self, original: str | os.PathLike[str] | None) -> Path:
        if original is None:
            return self.original_computer().archive_path
        given = Path(original)
        archive = given if given.is_file() else ComputerFolder(given).archive_path
        if not archive.is_file():
            raise OriginalComputerNotFound(self.path, [given])
        return archive

    # -- the computer the run started from ------------------------------------------------------------------------

    def original_candidates(self) -> list[Path]:
        """Every folder that may hold the run's original computer, most specific first (see the module docstring)."""
        summary: dict[str, Any] = {}
        with contextlib.suppress(OSError, ValueError):  # a damaged run.json: the layouts still apply
            summary = self.summary()
        recorded_raw = summary.get("computer_dir")
        recorded = Path(recorded_raw) if isinstance(recorded_raw, str) and recorded_raw else None
        candidates: list[Path] = []
        if recorded is not None:
            candidates.append(recorded if recorded.is_absolute() else self.path / recorded)
        candidates.append(self.path.parent / JOB_COMPUTER)
        computer_id = self.computer_id()
        for name in (computer_id, self.path.name):
            if name:
                candidates.append(self.path.parent.parent / RUN_COMPUTERS / name)
        if recorded is not None:  # moved together with its computer: the recorded path's tail from the new place
            tails = [Path(*recorded.parts[-n:]) for n in range(1, min(_MOVED_DEPTH, len(recorded.parts) - 1) + 1)]
            ancestors = list(self.path.absolute().parents)[:_MOVED_DEPTH]
            candidates += [ancestor / tail for tail in tails for ancestor in ancestors]
        unique: list[Path] = []
        for candidate in candidates:
            if candidate not in unique:
                unique.append(candidate)
        return unique

    def find_original_computer(self) -> ComputerFolder | None:
        """The computer folder the run started from, or None (see :meth:`original_computer` for the error)."""
        try:
            return self.original_computer()
        except OriginalComputerNotFound:
            return None

    def original_computer(self) -> ComputerFolder:
        """The computer folder the run started from (with ``computer.scdisk`` and the run's computer id).

        Raises:
            OriginalComputerNotFound: No candidate holds it; the message lists where it looked and what to do.

        Example:
            >>> RunFolder("/nonexistent/runs/c-1").original_computer()  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            synthcomp_agents.simulation._folder.OriginalComputerNotFound: cannot find the original computer of ...
        """
        wanted = self.computer_id()
        tried = self.original_candidates()
        notes: list[str] = []
        for candidate in tried:
            folder = ComputerFolder(candidate)
            if not folder.archive_path.is_file():
                continue
            found = folder.computer_id()
            if wanted is not None and found is not None and found != wanted:
                notes.append(f"{os.fspath(candidate)} holds computer {found}, not {wanted}")
                continue
            return folder
        raise OriginalComputerNotFound(self.path, tried, notes=notes)


def _json_object(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a JSON object")
    return data


def _stored(compact: Path, plain: Path) -> Path:
    """The compact form, unless only a legacy plain one exists (a new run writes the compact name)."""
    return plain if not compact.is_file() and plain.is_file() else compact


def _export_lines(lines: Iterator[bytes], target: Path) -> Path:
    """Write ``lines`` to ``target`` atomically (``lines`` opened by the caller first: a missing source leaves
    ``target`` untouched)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp, open(tmp, "wb") as handle:
        for line in lines:
            handle.write(line)
    return target

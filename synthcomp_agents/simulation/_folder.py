"""RunFolder: the one owner of a run folder's layout (file names, loading) and of finding the computer it started from.

Layout of a run folder::

    computer.json      copy of the computer's blueprint (with the month's objectives once the plan is written)
    objectives.json    the month's plan (ObjectivePlan)
    trajectory.jsonl   one line per model call
    events.jsonl       tool executions, messages, file changes, clock ticks
    checkpoints/       incremental checkpoints (``checkpoints/LATEST`` names the newest)
    final/             the home at the end of the run (real files)
    final.scdisk       the same as a disk archive
    run.json           the run summary (``computer_dir`` records the computer folder the run started from)
    signals.json       the learning signals (written by ``synthcomp_agents.signals``)
    report.html        the run report (written by ``synthcomp report``)

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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..computers import ComputerFolder

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
        ('out/runs/c-1/trajectory.jsonl', 'final.scdisk', 'out/runs/c-1/checkpoints/LATEST')
        >>> run.is_run()  # nothing written there yet
        False
    """

    path: Path

    BLUEPRINT = ComputerFolder.BLUEPRINT
    OBJECTIVES = ComputerFolder.OBJECTIVES
    TRAJECTORY = "trajectory.jsonl"
    EVENTS = "events.jsonl"
    CHECKPOINTS = "checkpoints"
    LATEST = "LATEST"
    FINAL_HOME = "final"
    FINAL_ARCHIVE = "final.scdisk"
    SUMMARY = "run.json"
    SIGNALS = "signals.json"
    REPORT = "report.html"

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
        """``trajectory.jsonl``."""
        return self.path / self.TRAJECTORY

    @property
    def events_path(self) -> Path:
        """``events.jsonl``."""
        return self.path / self.EVENTS

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
        """``final.scdisk``: the end state as a disk archive."""
        return self.path / self.FINAL_ARCHIVE

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
        return self.objectives_path.is_file() or self.trajectory_path.is_file() or self.summary_path.is_file()

    def can_resume(self) -> bool:
        """A complete checkpoint exists (``checkpoints/LATEST``)."""
        return self.latest_checkpoint_path.is_file()

    def is_finished(self) -> bool:
        """The run wrote its summary and its end state."""
        return self.summary_path.is_file() and self.final_archive_path.is_file()

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

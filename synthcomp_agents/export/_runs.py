"""Run folders as export input: discovery, loading (plan, summary, signals) and streaming the trajectory.

A run folder holds ``computer.json``, ``objectives.json``, ``trajectory.jsonl.zst`` and ``run.json`` (written by
``synthcomp run`` / ``synthcomp simulate``), and ``signals.json`` once the signals were computed. When
``signals.json`` is missing it is computed with :func:`synthcomp_agents.signals.write_run_signals`.

Example:
    >>> find_run_folders(["/nonexistent"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    synthcomp_agents.export._computers.ExportError: /nonexistent does not exist
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from synthcomp_agents.disk import lock_holder
from synthcomp_agents.simulation import RUN_RUNS, OriginalComputerNotFound, RunFolder

from ._computers import ExportError

__all__ = ["RunData", "find_run_folders", "load_run", "task_id_of", "unfinished_reason"]

TRAJECTORY = RunFolder.TRAJECTORY
OBJECTIVES = RunFolder.OBJECTIVES
SIGNALS = RunFolder.SIGNALS
RUN_JSON = RunFolder.SUMMARY


def _is_run(path: Path) -> bool:
    return RunFolder(path).is_run()


def find_run_folders(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Resolve inputs to run folders, in input order, without duplicates.

    A path is a run folder (it holds ``objectives.json``, a trajectory or ``run.json``), a folder whose
    direct subfolders are runs (sorted by name), or a ``synthcomp run --out`` folder (its ``runs/`` subfolder).

    Raises:
        ExportError: A path does not exist or holds no run.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ExportError(f"{path} does not exist")
        if not path.is_dir():
            raise ExportError(f"{path} is not a folder; pass run folders (made by `synthcomp run` or `simulate`)")
        if _is_run(path):
            candidates = [path]
        else:
            runs = path / RUN_RUNS
            holder = runs if runs.is_dir() and not any(_is_run(p) for p in _subdirs(path)) else path
            candidates = [p for p in _subdirs(holder) if _is_run(p)]
            if not candidates:
                raise ExportError(
                    f"{path} is not a run folder (no {OBJECTIVES}, {TRAJECTORY} or {RUN_JSON}) and holds no run "
                    "folders; pass the folders `synthcomp run` writes under OUT/runs/"
                )
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in found:
                found.append(resolved)
    if not found:
        raise ExportError("no run folders given; pass run folders (made by `synthcomp run` or `synthcomp simulate`)")
    return found


def _subdirs(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.is_dir())


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExportError(f"{path.parent} has no {path.name} ({what}); is it a finished run folder?") from None
    except (OSError, ValueError) as exc:
        raise ExportError(f"{path} is not valid JSON ({what}): {exc}") from None


def task_id_of(computer_id: str, objectives_bytes: bytes) -> str:
    """The task id of a run: its computer plus a short hash of its plan (same computer + plan = same task).

    Example:
        >>> task_id_of("c-1", b"{}")
        'c-1-44136fa3'
    """
    return f"{computer_id}-{hashlib.sha256(objectives_bytes).hexdigest()[:8]}"


@dataclass
class RunData:
    """What the exporters need from one run folder (the trajectory stays on disk and is streamed).

    Attributes:
        run_dir: the folder.
        computer_id: the computer's id.
        task_id: computer id + plan hash (see :func:`task_id_of`).
        plan: ``objectives.json`` as JSON.
        summary: ``run.json`` (empty if missing).
        signals: ``signals.json`` as JSON.
        computer: ``computer.json`` as JSON.
    """

    run_dir: Path
    computer_id: str
    task_id: str
    plan: dict[str, Any]
    summary: dict[str, Any]
    signals: dict[str, Any]
    computer: dict[str, Any]
    _roles: dict[str, list[int]] | None = field(default=None, repr=False)

    @property
    def trajectory_path(self) -> Path:
        """The stored trajectory (``trajectory.jsonl.zst``, or a legacy plain ``trajectory.jsonl``)."""
        return RunFolder(self.run_dir).trajectory_path

    def _raw_lines(self) -> Iterator[tuple[int, bytes]]:
        try:
            yield from enumerate(RunFolder(self.run_dir).iter_trajectory_lines())
        except (OSError, ValueError) as exc:
            raise ExportError(f"cannot read the trajectory of {self.run_dir}: {exc}") from None

    def lines(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every trajectory line, parsed, with its 0-based line number."""
        for number, raw in self._raw_lines():
            if raw.strip():
                yield number, self._parse(raw, number)

    def roles(self) -> dict[str, list[int]]:
        """Role -> 0-based line numbers of its lines in file order; roles in order of first line."""
        if self._roles is None:
            roles: dict[str, list[int]] = {}
            for number, line in self.lines():
                roles.setdefault(str(line.get("role", "unknown")), []).append(number)
            self._roles = roles
        return self._roles

    def role_lines(self, role: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """The lines of one role, parsed, with their 0-based line number in the file (one streaming pass)."""
        wanted = self.roles().get(role, [])
        if not wanted:
            return
        numbers, last = set(wanted), wanted[-1]
        for number, raw in self._raw_lines():
            if number in numbers:
                yield number, self._parse(raw, number)
            if number >= last:
                return

    def _parse(self, raw: bytes, number: int) -> dict[str, Any]:
        try:
            value = json.loads(raw)
        except ValueError as exc:
            raise ExportError(f"{self.trajectory_path} line {number + 1} is not valid JSON: {exc}") from None
        if not isinstance(value, dict):
            raise ExportError(f"{self.trajectory_path} line {number + 1} is not a JSON object")
        return value

    def computer_dir(self) -> Path:
        """The computer folder the run started from (see :meth:`RunFolder.original_computer`).

        Raises:
            ExportError: No computer folder with ``computer.scdisk`` can be found.
        """
        try:
            return RunFolder(self.run_dir).original_computer().path
        except OriginalComputerNotFound as exc:
            raise ExportError(f"{exc}; the Harbor export needs its computer.scdisk (the home before the run)") from None


def _signals(run_dir: Path) -> dict[str, Any]:
    path = RunFolder(run_dir).signals_path
    if not path.is_file():
        try:
            from synthcomp_agents.signals import write_run_signals
        except ImportError:
            raise ExportError(
                f"{run_dir} has no {SIGNALS} and this version cannot compute it (synthcomp_agents.signals."
                "write_run_signals is missing)"
            ) from None
        try:
            path = Path(write_run_signals(run_dir))
        except Exception as exc:
            raise ExportError(f"cannot compute the signals of {run_dir}: {exc}") from None
    data = _read_json(path, "the run's signals")
    if not isinstance(data, dict) or not isinstance(data.get("outcome"), dict):
        raise ExportError(f"{path} has no 'outcome' object; recompute it with `synthcomp_agents.signals`")
    return data


def unfinished_reason(run_dir: Path) -> str | None:
    """Why a run folder cannot be exported yet (unfinished, being written, or damaged), or None when it can.

    Example:
        >>> unfinished_reason(Path("/nonexistent/run"))
        'unfinished (no run.json yet): resume it with `synthcomp simulate ... --resume` or re-run `synthcomp run`'
    """
    run = RunFolder(run_dir)
    holder = lock_holder(run.path)
    if holder is not None:
        who = f" (pid {holder['pid']})" if holder.get("pid") else ""
        return f"a process{who} is writing it; export it when that process has ended"
    if not run.is_finished():
        missing = RUN_JSON if not run.summary_path.is_file() else RunFolder.FINAL_DELTA
        return (
            f"unfinished (no {missing} yet): resume it with `synthcomp simulate ... --resume` or re-run `synthcomp run`"
        )
    try:
        load_run(run_dir, need_signals=False)
    except ExportError as exc:
        return str(exc)
    return None


def load_run(run_dir: Path, *, need_signals: bool = True) -> RunData:
    """Load one run folder (plan, summary, blueprint, signals); the trajectory is checked, not read.

    Raises:
        ExportError: A required file is missing or invalid (with what to do about it).
    """
    run = RunFolder(run_dir)
    if not run.has_trajectory():
        raise ExportError(
            f"{run_dir} has no {TRAJECTORY} (nor a plain {RunFolder.TRAJECTORY_PLAIN}): the run never started or is "
            "not a run folder (run `synthcomp simulate` first)"
        )
    objectives_path = run.objectives_path
    if not objectives_path.is_file():
        raise ExportError(f"{run_dir} has no {OBJECTIVES}: the objective setter never finished; resume the run")
    plan = _read_json(objectives_path, "the month's plan")
    computer = _read_json(run.blueprint_path, "the computer's blueprint")
    summary = _read_json(run.summary_path, "the run summary") if run.summary_path.is_file() else {}
    if not isinstance(plan, dict) or not isinstance(plan.get("objectives"), list):
        raise ExportError(f"{objectives_path} has no 'objectives' list")
    computer_id = str(plan.get("computer_id") or computer.get("computer_id") or run_dir.name)
    signals = _signals(run_dir) if need_signals else {}
    return RunData(
        run_dir=run_dir,
        computer_id=computer_id,
        task_id=task_id_of(computer_id, objectives_path.read_bytes()),
        plan=plan,
        summary=summary if isinstance(summary, dict) else {},
        signals=signals,
        computer=computer if isinstance(computer, dict) else {},
    )

"""Locate and load the small files of a run folder (JSON documents); big files are streamed elsewhere."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..computers import ComputerFolder
from ..simulation import RUN_RUNS, OriginalComputerNotFound, RunFolder
from ._errors import ReportError


@dataclass(frozen=True)
class RunFiles:
    """The parsed JSON documents of a run folder and where its big files are.

    Example:
        >>> from pathlib import Path
        >>> files = load_run_files(Path("runs/c1"))  # doctest: +SKIP
        >>> files.computer["user_profile"]["name"]  # doctest: +SKIP
        'Chloe Shaw'
    """

    run_dir: Path
    computer: dict[str, Any]
    objectives: dict[str, Any]
    run: dict[str, Any]
    signals: dict[str, Any] | None
    signals_problem: str | None
    original_archive: Path | None
    final_archive: Path | None  # the stored end state: final.delta.zip (or a legacy final.scdisk); see final_disk
    notes: tuple[str, ...]


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReportError(f"{path} cannot be read as JSON ({exc}); the run folder is damaged") from None
    if not isinstance(data, dict):
        raise ReportError(f"{path} is not a JSON object; the run folder is damaged")
    return data


def _check_run_dir(run: RunFolder) -> None:
    run_dir = run.path
    if not run_dir.exists():
        raise ReportError(f"{run_dir} does not exist: pass a run folder (e.g. OUT/{RUN_RUNS}/<computer id>)")
    if not run_dir.is_dir():
        raise ReportError(f"{run_dir} is a file, not a run folder: pass the folder that holds {run.SUMMARY}")
    has = {path.name: path.is_file() for path in (run.blueprint_path, run.objectives_path, run.events_path)}
    if all(has.values()):
        return
    if ComputerFolder(run_dir).has_archive():
        raise ReportError(
            f"{run_dir} is a computer folder, not a run folder: simulate it first "
            f"(synthcomp simulate {run_dir} --out RUN_DIR), then report on RUN_DIR"
        )
    if (run_dir / RUN_RUNS).is_dir():
        raise ReportError(
            f"{run_dir} holds several runs: pass one of them, e.g. {run_dir / RUN_RUNS / '<computer id>'}"
        )
    missing = ", ".join(name for name, ok in has.items() if not ok)
    raise ReportError(f"{run_dir} is not a run folder: {missing} missing (a run folder is written by synthcomp run)")


def load_run_files(run_dir: Path) -> RunFiles:
    """Check that ``run_dir`` is a run folder and load its JSON documents (signals.json is optional)."""
    run_folder = RunFolder(run_dir)
    run_dir = run_folder.path
    _check_run_dir(run_folder)
    computer = _read_json(run_folder.blueprint_path)
    objectives = _read_json(run_folder.objectives_path)
    notes: list[str] = []
    run: dict[str, Any] = {}
    if run_folder.summary_path.is_file():
        run = _read_json(run_folder.summary_path)
    else:
        notes.append(
            f"{run_folder.SUMMARY} is missing (the run has not finished?): the summary numbers come from the logs."
        )
    signals: dict[str, Any] | None = None
    signals_problem: str | None = None
    if not run_folder.signals_path.is_file():
        signals_problem = f"{run_folder.SIGNALS} is not in the run folder yet"
    else:
        try:
            signals = _read_json(run_folder.signals_path)
        except ReportError as exc:
            signals_problem = str(exc)
    original: Path | None = None
    try:
        original = run_folder.original_computer().archive_path
    except OriginalComputerNotFound as exc:
        notes.append(
            f"The original computer ({ComputerFolder.ARCHIVE}) was not found, so created and changed files cannot be "
            f"told apart from the end state: {exc}."
        )
    final: Path | None = None
    if run_folder.final_delta_path.is_file():
        final = run_folder.final_delta_path
    elif run_folder.final_archive_path.is_file():
        final = run_folder.final_archive_path
    else:
        notes.append(
            f"{run_folder.FINAL_DELTA} (or a legacy {run_folder.FINAL_ARCHIVE}) is missing (the run has not "
            "finished?): the file tree is not available."
        )
    return RunFiles(
        run_dir=run_dir,
        computer=computer,
        objectives=objectives,
        run=run,
        signals=signals,
        signals_problem=signals_problem,
        original_archive=original,
        final_archive=final,
        notes=tuple(notes),
    )

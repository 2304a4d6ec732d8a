"""Locate and load the small files of a run folder (JSON documents); big files are streamed elsewhere."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._errors import ReportError

COMPUTER_JSON = "computer.json"
OBJECTIVES_JSON = "objectives.json"
RUN_JSON = "run.json"
SIGNALS_JSON = "signals.json"
EVENTS_JSONL = "events.jsonl"
TRAJECTORY_JSONL = "trajectory.jsonl"
FINAL_ARCHIVE = "final.scdisk"
ORIGINAL_ARCHIVE = "computer.scdisk"


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
    final_archive: Path | None
    notes: tuple[str, ...]


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReportError(f"{path} cannot be read as JSON ({exc}); the run folder is damaged") from None
    if not isinstance(data, dict):
        raise ReportError(f"{path} is not a JSON object; the run folder is damaged")
    return data


def _check_run_dir(run_dir: Path) -> None:
    if not run_dir.exists():
        raise ReportError(f"{run_dir} does not exist: pass a run folder (e.g. OUT/runs/<computer id>)")
    if not run_dir.is_dir():
        raise ReportError(f"{run_dir} is a file, not a run folder: pass the folder that holds run.json")
    has = {name: (run_dir / name).is_file() for name in (COMPUTER_JSON, OBJECTIVES_JSON, EVENTS_JSONL)}
    if all(has.values()):
        return
    if has[COMPUTER_JSON] and (run_dir / ORIGINAL_ARCHIVE).is_file():
        raise ReportError(
            f"{run_dir} is a computer folder, not a run folder: simulate it first "
            f"(synthcomp simulate {run_dir} --out RUN_DIR), then report on RUN_DIR"
        )
    if (run_dir / "runs").is_dir():
        raise ReportError(f"{run_dir} holds several runs: pass one of them, e.g. {run_dir / 'runs' / '<computer id>'}")
    missing = ", ".join(name for name, ok in has.items() if not ok)
    raise ReportError(f"{run_dir} is not a run folder: {missing} missing (a run folder is written by synthcomp run)")


def _find_original(run_dir: Path, run: dict[str, Any], computer_id: str) -> Path | None:
    candidates: list[Path] = []
    if isinstance(run.get("computer_dir"), str):
        candidates.append(Path(run["computer_dir"]) / ORIGINAL_ARCHIVE)
    for name in (computer_id, run_dir.name):
        if name:
            candidates.append(run_dir.parent.parent / "computers" / name / ORIGINAL_ARCHIVE)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def load_run_files(run_dir: Path) -> RunFiles:
    """Check that ``run_dir`` is a run folder and load its JSON documents (signals.json is optional)."""
    run_dir = Path(run_dir)
    _check_run_dir(run_dir)
    computer = _read_json(run_dir / COMPUTER_JSON)
    objectives = _read_json(run_dir / OBJECTIVES_JSON)
    notes: list[str] = []
    run: dict[str, Any] = {}
    if (run_dir / RUN_JSON).is_file():
        run = _read_json(run_dir / RUN_JSON)
    else:
        notes.append("run.json is missing (the run has not finished?): the summary numbers come from the logs.")
    signals: dict[str, Any] | None = None
    signals_problem: str | None = None
    signals_path = run_dir / SIGNALS_JSON
    if not signals_path.is_file():
        signals_problem = "signals.json is not in the run folder yet"
    else:
        try:
            signals = _read_json(signals_path)
        except ReportError as exc:
            signals_problem = str(exc)
    computer_id = str(run.get("computer_id") or computer.get("computer_id") or "")
    original = _find_original(run_dir, run, computer_id)
    if original is None:
        notes.append(
            "The original computer (computer.scdisk) was not found (run.json computer_dir, or "
            "../../computers/<id>/), so created and changed files cannot be told apart from the end state."
        )
    final: Path | None = run_dir / FINAL_ARCHIVE
    if final is not None and not final.is_file():
        notes.append("final.scdisk is missing (the run has not finished?): the file tree is not available.")
        final = None
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

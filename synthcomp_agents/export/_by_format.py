"""Run exports by format name: :func:`export_runs` dispatches to the episodes, OpenAI, HF and Harbor writers (the last
two import their optional dependencies only when they run)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ._computers import ExportError
from ._episodes import export_episodes
from ._openai import export_openai
from ._runs import find_run_folders, unfinished_reason

__all__ = ["HF_FILE", "RUN_FORMATS", "export_harbor", "export_hf", "export_runs"]

RUN_FORMATS: tuple[str, ...] = ("episodes", "openai", "hf", "harbor")
"""Formats :func:`export_runs` writes."""

HF_FILE = "hf.parquet"
"""File name of the ``hf`` export (``datasets`` is imported only when it runs)."""


def export_hf(runs: Sequence[Path], out: Path, *, context_length: int = 32768) -> dict[str, Path]:
    """Write ``out/hf.parquet`` (see :mod:`synthcomp_agents.export._hf`; needs ``datasets``)."""
    from ._hf import export_hf as _export

    return _export(runs, out, context_length=context_length)


def export_harbor(runs: Sequence[Path], out: Path) -> dict[str, Path]:
    """Write one Harbor task folder per computer + objective under ``out`` (see :mod:`._harbor`)."""
    from ._harbor import export_harbor as _export

    return _export(runs, out)


def export_runs(
    paths: Sequence[Path],
    fmt: str,
    out: Path,
    *,
    context_length: int = 32768,
    skipped: list[tuple[Path, str]] | None = None,
) -> dict[str, Path]:
    """Export run folders (or folders holding them) in one of :data:`RUN_FORMATS`.

    With ``skipped`` (what ``synthcomp export`` passes), unfinished runs (no ``run.json`` or ``final.scdisk``, or
    still being written) and runs that cannot be loaded are left out and appended to it as ``(run folder, why)``;
    without it every run is exported and the first that cannot be is an error.

    Args:
        paths: run folders, folders whose subfolders are runs, or ``synthcomp run --out`` folders.
        fmt: ``episodes`` | ``openai`` | ``hf`` | ``harbor``.
        out: output folder (created).
        context_length: ``openai``/``hf``: max tokens per training window.
        skipped: receives the runs left out, with the reason (see above).

    Returns:
        What was written: ``{"episodes": file}``, ``{"openai": file}``, ``{"hf": file}`` or one entry per Harbor task.

    Raises:
        ExportError: Unknown format, no runs, or a run folder that cannot be exported (the message says why).
        ImportError: ``hf`` without the ``datasets`` package.

    Example:
        >>> export_runs([Path("runs/c1")], "csv", Path("out"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        synthcomp_agents.export._computers.ExportError: unknown run export format 'csv'; ...
    """
    name = fmt.lower().strip()
    if name not in RUN_FORMATS:
        raise ExportError(f"unknown run export format {fmt!r}; use one of {', '.join(RUN_FORMATS)} (or computers)")
    if context_length < 1024:
        raise ExportError(f"context length {context_length} is too small; use at least 1024 tokens")
    runs = find_run_folders(paths)
    if skipped is not None:
        ready: list[Path] = []
        for run in runs:
            reason = unfinished_reason(run)
            if reason is None:
                ready.append(run)
            else:
                skipped.append((run, reason))
        if not ready:
            raise ExportError(f"no finished run to export among {len(runs)} run folder(s); finish or resume them first")
        runs = ready
    out = Path(out)
    if name == "episodes":
        return export_episodes(runs, out)
    if name == "openai":
        return export_openai(runs, out, context_length=context_length)
    if name == "hf":
        return export_hf(runs, out, context_length=context_length)
    return export_harbor(runs, out)

"""Export computers in the paper's 9-column layout, as JSONL and parquet.

Columns, in order: ``computer_id, persona, user_profile, collaboration_context, monthly_objectives, project_index,
filesystem_policy, file_list, file_graph`` (see :data:`~synthcomp_agents.computers.ROW_COLUMNS`). ``computer_id``
and ``persona`` are plain strings; the other columns are JSON strings, exactly as
:meth:`~synthcomp_agents.computers.ComputerBlueprint.to_row` makes them (``user_profile`` carries the provenance
under ``_provenance``), so ``ComputerBlueprint.from_row(row)`` restores the blueprint.

Inputs are computer folders (``computer.json`` + ``home/``), run folders (``computer.json`` +
``objectives.json``; the objectives fill ``monthly_objectives``), or folders whose direct subfolders are such
folders (the output of ``synthcomp computer create --n N``).

Example:
    >>> import tempfile, pathlib
    >>> export_computers([], pathlib.Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    synthcomp_agents.export._computers.ExportError: no computer folders given; ...
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from synthcomp_agents.computers import COMPUTER_JSON, ROW_COLUMNS, SCHEMA_VERSION, ComputerFolder
from synthcomp_agents.disk import atomic_path

__all__ = ["COMPUTER_FORMATS", "ExportError", "export_computers", "find_computer_folders", "load_computer_rows"]

COMPUTER_FORMATS: tuple[str, ...] = ("parquet", "jsonl")
"""Formats :func:`export_computers` writes."""

_FILE_NAMES = {"jsonl": "computers.jsonl", "parquet": "computers.parquet"}


class ExportError(ValueError):
    """Bad export input: no computers, unknown format, unreadable ``computer.json``, conflicting ids."""


def find_computer_folders(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Resolve inputs to computer/run folders (each holding ``computer.json``), in input order, without duplicates.

    A folder without ``computer.json`` contributes its direct subfolders that have one (sorted by name).

    Raises:
        ExportError: A path does not exist, or holds no computer at all.

    Example:
        >>> find_computer_folders(["/nonexistent"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        synthcomp_agents.export._computers.ExportError: /nonexistent does not exist
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ExportError(f"{path} does not exist")
        if path.is_file() and path.name == COMPUTER_JSON:
            path = path.parent
        if not path.is_dir():
            raise ExportError(f"{path} is not a folder; pass computer or run folders (with {COMPUTER_JSON})")
        if (path / COMPUTER_JSON).is_file():
            candidates = [path]
        else:
            candidates = sorted(p for p in path.iterdir() if p.is_dir() and (p / COMPUTER_JSON).is_file())
            if not candidates:
                raise ExportError(
                    f"{path} holds no {COMPUTER_JSON}, and none of its subfolders does; pass computer or run folders"
                )
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in found:
                found.append(resolved)
    return found


def _row(folder: Path) -> dict[str, str]:
    computer = ComputerFolder(folder)  # a run folder has the same computer.json + objectives.json
    try:
        blueprint = computer.blueprint()
    except (OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ExportError(f"{computer.blueprint_path} is not a valid computer blueprint: {first}") from None
    objectives = computer.objectives_path
    if objectives.is_file() and not blueprint.monthly_objectives:
        try:
            plan = json.loads(objectives.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ExportError(f"{objectives} is not valid JSON: {exc}") from None
        items = plan.get("objectives") if isinstance(plan, dict) else plan
        if isinstance(items, list) and all(isinstance(i, dict) for i in items):
            blueprint = blueprint.model_copy(update={"monthly_objectives": items})
    return blueprint.to_row()


def load_computer_rows(paths: Iterable[str | os.PathLike[str]]) -> list[dict[str, str]]:
    """Return the 9-column rows of the computers found under ``paths`` (see :func:`find_computer_folders`).

    Rows with the same ``computer_id`` and identical content are kept once; different content under the same id
    is an error.

    Raises:
        ExportError: No computers, an unreadable blueprint, or conflicting rows for one id.
    """
    rows: dict[str, dict[str, str]] = {}
    origin: dict[str, Path] = {}
    for folder in find_computer_folders(paths):
        row = _row(folder)
        cid = row["computer_id"]
        if cid in rows and rows[cid] != row:
            raise ExportError(f"computer id {cid!r} appears in {origin[cid]} and {folder} with different content")
        rows.setdefault(cid, row)
        origin.setdefault(cid, folder)
    return list(rows.values())


def _atomic_write(target: Path, write: Any) -> None:
    with atomic_path(target) as tmp:
        write(str(tmp))


def export_computers(
    computer_folders: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    formats: Sequence[str] = COMPUTER_FORMATS,
) -> dict[str, Path]:
    """Write the computers' 9-column rows to ``out/computers.jsonl`` and/or ``out/computers.parquet``.

    Args:
        computer_folders: Computer folders, run folders, or folders of them.
        out: Output folder (created if missing).
        formats: Any of ``"parquet"`` and ``"jsonl"``.

    Returns:
        The written file per format.

    Raises:
        ExportError: Bad input (see :func:`load_computer_rows`) or an unknown format.
        ImportError: ``parquet`` requested but ``pyarrow`` is not installed.

    Example:
        >>> paths = export_computers(["runs/c1", "runs/c2"], "export/")  # doctest: +SKIP
        >>> import pyarrow.parquet as pq  # doctest: +SKIP
        >>> pq.read_table(paths["parquet"]).column_names[:2]  # doctest: +SKIP
        ['computer_id', 'persona']
    """
    wanted = list(dict.fromkeys(f.lower().strip() for f in formats))
    unknown = [f for f in wanted if f not in COMPUTER_FORMATS]
    if unknown or not wanted:
        raise ExportError(
            f"unknown format(s) {', '.join(unknown) or '(none)'}; "
            f"the computers export writes {', '.join(COMPUTER_FORMATS)}"
        )
    if not computer_folders:
        raise ExportError("no computer folders given; pass computer folders (computer.json + home/) or run folders")
    pa: Any = None
    pq: Any = None
    if "parquet" in wanted:
        try:
            pa = importlib.import_module("pyarrow")
            pq = importlib.import_module("pyarrow.parquet")
        except ImportError as exc:  # pragma: no cover - pyarrow is installed in CI
            raise ImportError(
                "the parquet export needs pyarrow: pip install pyarrow (or export with formats=('jsonl',))"
            ) from exc
    rows = load_computer_rows(computer_folders)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    if "jsonl" in wanted:
        path = target / _FILE_NAMES["jsonl"]

        def write_jsonl(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
                for row in rows:
                    handle.write(json.dumps({c: row[c] for c in ROW_COLUMNS}, ensure_ascii=False) + "\n")

        _atomic_write(path, write_jsonl)
        written["jsonl"] = path
    if "parquet" in wanted:
        path = target / _FILE_NAMES["parquet"]
        schema = pa.schema(
            [pa.field(c, pa.string(), nullable=False) for c in ROW_COLUMNS],
            metadata={"schema_version": SCHEMA_VERSION, "layout": "synthcomp-computers-9col"},
        )
        table = pa.table({c: [row[c] for row in rows] for c in ROW_COLUMNS}, schema=schema)

        def write_parquet(tmp: str) -> None:
            pq.write_table(table, tmp, compression="zstd")

        _atomic_write(path, write_parquet)
        written["parquet"] = path
    return written

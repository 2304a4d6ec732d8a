"""Collect a run folder's data and write report.html."""

from __future__ import annotations

from pathlib import Path

from .._version import __version__
from ..disk import DiskError, VirtualDisk, atomic_write_bytes
from ..simulation import RunFolder
from ._errors import ReportError
from ._files import FileChanges, compare_disks, mark_touched
from ._html import ReportData, render_page
from ._run import RunFiles, load_run_files
from ._timeline import read_timeline
from ._usage import read_usage

REPORT_HTML = RunFolder.REPORT


def _open(path: Path | None, what: str, notes: list[str]) -> VirtualDisk | None:
    if path is None:
        return None
    try:
        return VirtualDisk.from_archive(path)
    except (DiskError, OSError, ValueError) as exc:
        notes.append(f"{what} ({path.name}) could not be opened: {exc}")
        return None


def _open_final(files: RunFiles, notes: list[str]) -> VirtualDisk | None:
    """The end state through :meth:`RunFolder.final_disk` (a delta needs the original computer's archive)."""
    if files.final_archive is None:
        return None
    try:
        return RunFolder(files.run_dir).final_disk(files.original_archive)
    except (DiskError, OSError, ValueError) as exc:
        notes.append(f"the end state ({files.final_archive.name}) could not be opened: {exc}")
        return None


def collect_report_data(run_dir: Path) -> ReportData:
    """Load everything the report shows from ``run_dir`` (streams the big JSONL files).

    Example:
        >>> data = collect_report_data(Path("runs/c1"))  # doctest: +SKIP
        >>> data.changes.counts()["created"]  # doctest: +SKIP
        52
    """
    files = load_run_files(Path(run_dir))
    notes = list(files.notes)
    final = _open_final(files, notes)
    original = _open(files.original_archive, "the original computer", notes)
    try:

        def read_mail(path: str) -> bytes | None:
            if final is None:
                return None
            try:
                return final.read_bytes(path)
            except DiskError:
                return None

        run = RunFolder(files.run_dir)
        timeline = read_timeline(run.events_path, read_mail)
        usage = read_usage(run, timeline.day_of)
        if not run.has_trajectory():
            notes.append(
                f"{run.TRAJECTORY} (or a plain {run.TRAJECTORY_PLAIN}) is missing: no token or model-time charts."
            )
        changes: FileChanges | None = None
        if final is not None:
            changes = compare_disks(final, original) if original is not None else mark_touched(final, timeline.touched)
    finally:
        for disk in (final, original):
            if disk is not None:
                disk.close()
    if notes != list(files.notes):
        from dataclasses import replace

        files = replace(files, notes=tuple(notes))
    return ReportData(files=files, changes=changes, timeline=timeline, usage=usage, version=__version__)


def write_report(run_dir: Path) -> Path:
    """Write ``RUN_DIR/report.html`` (one self-contained, offline page) and return its path.

    Raises :class:`ReportError` when ``run_dir`` is not a run folder.

    Example:
        >>> from pathlib import Path
        >>> from synthcomp_agents.report import write_report
        >>> write_report(Path("out/runs/c-31f118be8dc6-9cf6f10f"))  # doctest: +SKIP
        PosixPath('out/runs/c-31f118be8dc6-9cf6f10f/report.html')
    """
    data = collect_report_data(Path(run_dir))
    page = render_page(data).encode("utf-8", errors="replace")
    target = RunFolder(run_dir).report_path
    try:
        atomic_write_bytes(target, page)
    except OSError as exc:
        raise ReportError(f"cannot write {target}: {exc}") from None
    return target

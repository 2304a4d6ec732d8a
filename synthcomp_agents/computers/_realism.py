"""Realism statistics of a home tree, and the published bands they are compared with.

:data:`REALISM_ANCHORS` holds the bands of ``REALISM.md`` (measurements of real people's file collections) as
data; :func:`tree_stats` measures a :class:`~synthcomp_agents.disk.VirtualDisk` or a real folder;
:func:`check_bands` compares the two and :func:`format_stats` prints our value beside each anchor.

Measurement definitions
-----------------------
- **Scope.** The home tree, minus app-managed state: every entry with a name starting with ``.`` (dotfiles,
  dotfolders and all below them), the top-level app-data folders ``Library`` (macOS), ``AppData``,
  ``Application Data`` and ``Local Settings`` (Windows), Windows shell files ``desktop.ini`` / ``Thumbs.db`` and
  top-level ``NTUSER.*`` files are *excluded* by default (``include_hidden=True`` counts them). The published
  studies measured user-managed collections, not application state. Excluded entries are still counted in
  ``hidden_files`` / ``hidden_folders``. The backend's ``.synthcomp`` folder is never counted. Symbolic links in a
  real folder are not followed and not counted.
- **Folders.** The home itself counts as a folder, at depth 0; ``Documents`` is at depth 1,
  ``Documents/Projects`` at depth 2. A file's depth is the depth of its folder (``Documents/a.docx`` -> 1): the
  number of folders between the home and the file.
- **files_per_folder** = files / folders (the mean number of files directly in a folder).
- **empty_folder_share**: folders with no counted entry at all / folders.
- **branching_factor**: mean number of subfolders over folders that have at least one (non-leaf folders).
- **leaf_folder_share**: folders without subfolders (empty ones included) / folders.
- **Sizes.** ``size_median_kb`` is the median file size in KiB (1,024 bytes) over all files; ``size_log_mean`` and
  ``size_log_sd`` are the mean and population standard deviation of ln(bytes) over non-empty files;
  ``zero_byte_share`` is the share of 0-byte files; ``size_top5pct_byte_share`` is the share of all bytes held by
  the largest 5% of files (at least one file).
- **Kind mix** by extension: text documents (doc, docx, odt, rtf, pdf, txt, md, tex, pages), spreadsheets (xls,
  xlsx, xlsm, xlsb, ods, numbers, and csv/tsv), decks (ppt, pptx, odp, key), email (eml, emlx, msg, mbox), images
  (png, jpg, gif, bmp, tiff, heic, webp, svg, raw), other.
- **Office internals** read at most ``max_files_read`` files per kind (evenly spaced over the sorted paths) and
  skip files over ``max_read_bytes``: worksheets per ``xlsx``/``xlsm`` workbook and the share of workbooks with at
  least one formula (openpyxl); slides per ``pptx`` deck (median and mean) and non-empty text lines per slide
  (paragraphs of text frames, plus one line per non-empty table row; python-pptx); e-mail threads among ``eml``
  files (messages linked by ``Message-ID`` / ``In-Reply-To`` / ``References``; a message without ``In-Reply-To``
  and ``References`` also joins the messages with the same subject once ``Re:``/``Fwd:`` prefixes are stripped,
  so a thread saved without reply headers is still one thread) and the share of e-mails that
  carry a spreadsheet attachment or name a spreadsheet (``.xlsx`` and the like, "spreadsheet", "workbook") in
  subject or body. Files that fail to parse are listed in ``unreadable``.

Example:
    >>> from synthcomp_agents.disk import VirtualDisk
    >>> disk = VirtualDisk(user="ana")
    >>> _ = disk.write_text("Documents/notes.txt", "call supplier")
    >>> _ = disk.mkdir("Documents/Old")
    >>> stats = tree_stats(disk)
    >>> stats.folders, stats.files, round(stats.empty_folder_share, 3)
    (3, 1, 0.333)
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import io
import math
import os
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from rich.table import Table

    from synthcomp_agents.disk import VirtualDisk

# ---------------------------------------------------------------------------------------------------------------------
# Anchors
# ---------------------------------------------------------------------------------------------------------------------

_DF2020 = "Dinneen & Frissen, CHI EA 2020 (authors' data)"
_BERGMAN = "Bergman et al., JASIST 2010"
_AGRAWAL = "Agrawal et al., FAST 2007; Impressions, FAST 2009"
_SIZES = "Dinneen & Nguyen, ASIS&T 2021; Douceur & Bolosky 1999"
_HERMANS = "Hermans & Murphy-Hill, ICSE 2015 (Enron); FUSE, MSR 2015"


@dataclass(frozen=True)
class RealismAnchor:
    """A published measurement of real file collections, as a band our computers should fall in.

    Attributes:
        metric: Id of the metric (an attribute of :class:`TreeStats` when ``measured_by == "tree"``).
        label: Human-readable name.
        low: Lower bound of the band (inclusive).
        high: Upper bound of the band (inclusive).
        published: The real-world value as published.
        source: Citation.
        unit: Unit of the value (``""`` for plain numbers and shares).
        note: How the band was derived when it is ours (a tolerance around a published point value).
        gating: Whether generated computers must satisfy it (False: reported for information only).
        measured_by: ``"tree"`` (:func:`tree_stats`) or ``"simulation"`` (a run's journal).

    Example:
        >>> a = next(a for a in REALISM_ANCHORS if a.metric == "empty_folder_share")
        >>> (a.low, a.high)
        (0.05, 0.13)
    """

    metric: str
    label: str
    low: float
    high: float
    published: str
    source: str
    unit: str = ""
    note: str = ""
    gating: bool = True
    measured_by: Literal["tree", "simulation"] = "tree"

    def contains(self, value: float) -> bool:
        """Return whether ``value`` lies in the band (bounds inclusive)."""
        return self.low <= value <= self.high


REALISM_ANCHORS: tuple[RealismAnchor, ...] = (
    RealismAnchor(
        "files_per_folder",
        "mean files per folder",
        6.0,
        12.0,
        "6-12 (Windows 9, Linux 11, macOS 6; active folders 11.8)",
        f"{_DF2020}; {_BERGMAN}",
    ),
    RealismAnchor(
        "empty_folder_share", "share of empty folders", 0.05, 0.13, "5-13% (Windows 13, Linux 5, macOS 8)", _DF2020
    ),
    RealismAnchor("branching_factor", "subfolders per non-leaf folder", 3.8, 5.0, "3.8-5.0", _DF2020),
    RealismAnchor(
        "folder_depth_mean",
        "mean folder depth",
        3.0,
        7.7,
        "5.9-7.7 for whole collections of tens of thousands of files",
        _DF2020,
        note="band is ours: depth grows with collection size; a home of a few hundred to a thousand files with"
        " honest structure (project subfolders, year archives, app folders, no generic chains) lands at 3-6"
        " (REALISM.md: 4-6 at 1,000 files)",
    ),
    RealismAnchor(
        "file_depth_mean",
        "mean depth of files below the home",
        2.0,
        4.0,
        "~2.9 (actively used work files)",
        _BERGMAN,
        note="band is ours: 2.9 +/- ~1 folder level; we measure all files, not only active ones",
    ),
    RealismAnchor(
        "leaf_folder_share",
        "share of leaf folders",
        0.5,
        0.8,
        "a majority (~60% under the Agrawal tree model)",
        _AGRAWAL,
        note="band is ours: a majority, up to 80%",
    ),
    RealismAnchor("size_median_kb", "median file size", 5.0, 13.0, "5-13 KB", _SIZES, unit="KiB"),
    RealismAnchor(
        "size_log_mean",
        "mean of ln(bytes)",
        8.5,
        10.5,
        "ln(bytes) ~ N(9.5, 2.9^2)",
        _SIZES,
        note="band is ours: 9.5 +/- 1.0",
    ),
    RealismAnchor(
        "size_log_sd",
        "sd of ln(bytes)",
        2.0,
        3.8,
        "ln(bytes) ~ N(9.5, 2.9^2)",
        _SIZES,
        note="band is ours: 2.9 +/- 0.9",
    ),
    RealismAnchor(
        "zero_byte_share",
        "share of zero-byte files",
        0.005,
        0.03,
        "~1-2%",
        _SIZES,
        note="band is ours: 0.5-3% around the published 1-2%",
    ),
    RealismAnchor(
        "size_top5pct_byte_share",
        "bytes held by the largest 5% of files",
        0.5,
        1.0,
        "a few large media/archive files dominate bytes",
        _SIZES,
        note="operationalization is ours: the top 5% of files hold at least half the bytes",
    ),
    RealismAnchor(
        "text_document_share",
        "share of text documents",
        0.01,
        0.10,
        "only a few percent of a whole collection, more inside Documents",
        "Dinneen & Julien, ASIS&T 2019",
        note="band is ours; informational: our computers are deliberately rich in work documents",
        gating=False,
    ),
    RealismAnchor(
        "sheets_per_workbook",
        "worksheets per workbook",
        3.5,
        5.5,
        "~4-5 on average",
        _HERMANS,
        note="band is ours: 4-5 +/- 0.5",
    ),
    RealismAnchor(
        "workbook_formula_share",
        "share of workbooks with formulas",
        0.5,
        0.7,
        "a little over half",
        _HERMANS,
        note="band is ours",
    ),
    RealismAnchor(
        "slides_per_deck_median",
        "median slides per deck",
        15.0,
        25.0,
        "median ~20",
        "grey literature survey of ~1,500 decks",
        note="band is ours: 20 +/- 5",
    ),
    RealismAnchor(
        "slide_text_lines_mean",
        "text lines per slide",
        5.0,
        11.0,
        "~8",
        "grey literature survey of ~1,500 decks",
        note="band is ours: 8 +/- 3",
    ),
    RealismAnchor(
        "email_thread_length_mean",
        "mean e-mail thread length",
        3.0,
        5.0,
        "mean ~4",
        "Klimt & Yang 2004 (Enron)",
        note="band is ours: 4 +/- 1",
    ),
    RealismAnchor(
        "email_thread_length_median",
        "median e-mail thread length",
        1.5,
        3.0,
        "median 2",
        "Klimt & Yang 2004 (Enron)",
        note="band is ours",
    ),
    RealismAnchor(
        "email_spreadsheet_share",
        "e-mails that refer to or carry spreadsheets",
        0.05,
        0.2,
        "~10%",
        "Hermans & Murphy-Hill 2015",
        note="band is ours: 5-20%",
    ),
    RealismAnchor(
        "distinct_content_share",
        "share of distinct file contents",
        0.85,
        1.0,
        "within one user's documents copies are a minority (re-downloaded attachments, OS-named copies)",
        "Meyer & Bolosky, FAST 2011",
        note="band is ours (REALISM.md): byte-identical copies at most 15% of user files",
    ),
    RealismAnchor(
        "changed_files_per_day",
        "changed files per day",
        5.0,
        40.0,
        "5-40 on a home share",
        "Vogels, SOSP 1999",
        measured_by="simulation",
    ),
)
"""The bands of ``REALISM.md`` as data, in the document's order."""

# ---------------------------------------------------------------------------------------------------------------------
# Kinds
# ---------------------------------------------------------------------------------------------------------------------

KIND_CATEGORIES: dict[str, frozenset[str]] = {
    "text_document": frozenset({".doc", ".docx", ".odt", ".rtf", ".pdf", ".txt", ".md", ".markdown", ".tex", ".pages"}),
    "spreadsheet": frozenset({".xls", ".xlsx", ".xlsm", ".xlsb", ".ods", ".numbers", ".csv", ".tsv"}),
    "deck": frozenset({".ppt", ".pptx", ".odp", ".key"}),
    "email": frozenset({".eml", ".emlx", ".msg", ".mbox"}),
    "image": frozenset(
        {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".webp", ".svg", ".raw", ".cr2", ".nef"}
    ),
}
"""Extensions per kind category; anything else is ``other``."""

KIND_ORDER: tuple[str, ...] = ("text_document", "spreadsheet", "deck", "email", "image", "other")

_APP_DATA_TOP = frozenset({"library", "appdata", "application data", "local settings"})
_SHELL_FILES = frozenset({"desktop.ini", "thumbs.db"})
_SPREADSHEET_MENTION = re.compile(
    r"\.(xlsx|xlsm|xlsb|xls|ods|numbers|csv|tsv)\b|\bspreadsheets?\b|\bworkbooks?\b", re.IGNORECASE
)
_REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|wg|sv|vs)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def _ext(name: str) -> str:
    stem, ext = os.path.splitext(name)
    return ext.lower() if stem else ""


def kind_category(path: str) -> str:
    """Return the kind category of a path by extension (see :data:`KIND_CATEGORIES`).

    Example:
        >>> kind_category("Documents/Q3.XLSX"), kind_category("Downloads/setup.dmg")
        ('spreadsheet', 'other')
    """
    ext = _ext(path.rsplit("/", 1)[-1])
    for category, exts in KIND_CATEGORIES.items():
        if ext in exts:
            return category
    return "other"


def _is_hidden(parts: Sequence[str]) -> bool:
    if any(p.startswith(".") for p in parts):
        return True
    if parts and parts[0].casefold() in _APP_DATA_TOP:
        return True
    name = parts[-1].casefold() if parts else ""
    return name in _SHELL_FILES or (len(parts) == 1 and name.startswith("ntuser."))


# ---------------------------------------------------------------------------------------------------------------------
# Stats
# ---------------------------------------------------------------------------------------------------------------------


@dataclass
class TreeStats:
    """Shape, size, kind and office statistics of a home tree (definitions in the module docstring).

    Metrics are None when undefined (no files, no non-leaf folder, no workbook read, ...).

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> disk = VirtualDisk()
        >>> _ = disk.write_bytes("Documents/a.bin", b"x" * 1024)
        >>> s = tree_stats(disk)
        >>> s.files, s.folders, s.size_median_kb, s.file_depth_mean
        (1, 2, 1.0, 1.0)
        >>> TreeStats.from_json(s.to_json()) == s
        True
    """

    root: str = ""
    include_hidden: bool = False
    files: int = 0
    folders: int = 0
    bytes_total: int = 0
    hidden_files: int = 0
    hidden_folders: int = 0
    files_per_folder: float | None = None
    empty_folder_share: float | None = None
    branching_factor: float | None = None
    folder_depth_mean: float | None = None
    folder_depth_max: int | None = None
    file_depth_mean: float | None = None
    leaf_folder_share: float | None = None
    size_median_kb: float | None = None
    size_mean_bytes: float | None = None
    size_log_mean: float | None = None
    size_log_sd: float | None = None
    zero_byte_share: float | None = None
    size_top5pct_byte_share: float | None = None
    kind_counts: dict[str, int] = field(default_factory=dict)
    kind_mix: dict[str, float] = field(default_factory=dict)
    text_document_share: float | None = None
    workbooks_read: int = 0
    sheets_per_workbook: float | None = None
    workbook_formula_share: float | None = None
    decks_read: int = 0
    slides_per_deck_median: float | None = None
    slides_per_deck_mean: float | None = None
    slide_text_lines_mean: float | None = None
    emails_read: int = 0
    email_threads: int = 0
    email_thread_length_mean: float | None = None
    email_thread_length_median: float | None = None
    email_spreadsheet_share: float | None = None
    distinct_content_share: float | None = None
    unreadable: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the stats as a JSON-ready dict (``json.dumps`` it for text)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TreeStats:
        """Rebuild stats from :meth:`to_json` output (unknown keys are ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def value(self, metric: str) -> float | None:
        """Return the numeric value of a metric id, or None when it is unknown or undefined."""
        value = getattr(self, metric, None)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def __rich__(self) -> Table:
        """Render as a rich table (``rich.print(stats)``)."""
        return stats_table(self)


@dataclass(frozen=True)
class BandResult:
    """One metric compared with its anchor.

    Example:
        >>> BandResult("files_per_folder", 8.0, 6.0, 12.0, True).ok
        True
    """

    metric: str
    value: float
    low: float
    high: float
    ok: bool
    label: str = ""
    gating: bool = True


@dataclass
class _Entry:
    path: str
    is_dir: bool
    size: int


def _disk_entries(disk: VirtualDisk) -> tuple[str, list[_Entry], Callable[[str], bytes]]:
    entries = [_Entry(i.path, i.is_dir, i.size) for i in disk.walk("")]
    return disk.home, entries, disk.read_bytes


def _folder_entries(folder: Path) -> tuple[str, list[_Entry], Callable[[str], bytes]]:
    if not folder.is_dir():
        raise NotADirectoryError(f"{os.fspath(folder)!r} is not a folder; pass a VirtualDisk or a home folder path")
    root = folder.resolve()
    entries: list[_Entry] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        rel = base.relative_to(root).as_posix()
        prefix = "" if rel == "." else rel + "/"
        kept: list[str] = []
        for name in sorted(dirnames):
            full = base / name
            if full.is_symlink() or (not prefix and name == ".synthcomp"):
                continue
            kept.append(name)
            entries.append(_Entry(prefix + name, True, 0))
        dirnames[:] = kept
        for name in sorted(filenames):
            full = base / name
            if full.is_symlink():
                continue
            entries.append(_Entry(prefix + name, False, full.stat().st_size))

    def read(path: str) -> bytes:
        return (root / path).read_bytes()

    return os.fspath(root), sorted(entries, key=lambda e: e.path), read


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _sample(paths: Sequence[str], limit: int) -> list[str]:
    if limit <= 0:
        return []
    if len(paths) <= limit:
        return list(paths)
    step = len(paths) / limit
    return [paths[int(i * step)] for i in range(limit)]


def tree_stats(
    disk_or_folder: VirtualDisk | str | os.PathLike[str],
    *,
    include_hidden: bool = False,
    max_files_read: int = 200,
    max_read_bytes: int = 16 * 2**20,
) -> TreeStats:
    """Measure a home tree: shape, sizes, kind mix and office internals.

    Args:
        disk_or_folder: A :class:`~synthcomp_agents.disk.VirtualDisk` (its home) or a real folder path (taken as
            the home, e.g. a computer's ``home/``).
        include_hidden: Count dotfiles, dotfolders and app-data folders too (excluded by default).
        max_files_read: At most this many files per kind (xlsx, pptx, eml) are opened for office statistics.
        max_read_bytes: Files larger than this are not opened.

    Returns:
        The statistics; see the module docstring for the definitions.

    Raises:
        NotADirectoryError: A path that is not a folder.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> disk = VirtualDisk()
        >>> for name in ("A", "B", "C", "D"):
        ...     _ = disk.mkdir(f"Documents/{name}")
        >>> tree_stats(disk).branching_factor  # home -> Documents (1), Documents -> A..D (4)
        2.5
    """
    if isinstance(disk_or_folder, str | os.PathLike):
        root, entries, read = _folder_entries(Path(disk_or_folder))
    else:
        root, entries, read = _disk_entries(disk_or_folder)

    stats = TreeStats(root=root, include_hidden=include_hidden)
    folder_files: dict[str, int] = {"": 0}
    folder_subdirs: dict[str, int] = {"": 0}
    file_entries: list[_Entry] = []
    for entry in entries:
        parts = entry.path.split("/")
        if not include_hidden and _is_hidden(parts):
            if entry.is_dir:
                stats.hidden_folders += 1
            else:
                stats.hidden_files += 1
            continue
        parent = "/".join(parts[:-1])
        if entry.is_dir:
            folder_files.setdefault(entry.path, 0)
            folder_subdirs.setdefault(entry.path, 0)
            folder_subdirs[parent] = folder_subdirs.get(parent, 0) + 1
        else:
            file_entries.append(entry)
            folder_files[parent] = folder_files.get(parent, 0) + 1
            folder_subdirs.setdefault(parent, 0)

    _shape(stats, folder_files, folder_subdirs, file_entries)
    if file_entries:  # a copy counts once for content measures (it still counts as a file for tree measures)
        digests = {(e.size, hashlib.sha1(read(e.path)).digest()) for e in file_entries}
        stats.distinct_content_share = len(digests) / len(file_entries)
    _sizes(stats, [e.size for e in file_entries])
    _kinds(stats, [e.path for e in file_entries])

    by_ext: dict[str, list[str]] = {"xlsx": [], "pptx": [], "eml": []}
    for entry in file_entries:
        if entry.size > max_read_bytes:
            continue
        ext = _ext(entry.path.rsplit("/", 1)[-1])
        key = {".xlsx": "xlsx", ".xlsm": "xlsx", ".pptx": "pptx", ".eml": "eml"}.get(ext)
        if key:
            by_ext[key].append(entry.path)
    _workbooks(stats, _sample(by_ext["xlsx"], max_files_read), read)
    _decks(stats, _sample(by_ext["pptx"], max_files_read), read)
    _emails(stats, _sample(by_ext["eml"], max_files_read), read)
    return stats


def _shape(
    stats: TreeStats, folder_files: dict[str, int], folder_subdirs: dict[str, int], file_entries: Sequence[_Entry]
) -> None:
    folders = sorted(folder_files)
    n = len(folders)
    stats.folders = n
    stats.files = len(file_entries)
    stats.files_per_folder = stats.files / n
    stats.empty_folder_share = sum(1 for f in folders if folder_files[f] == 0 and folder_subdirs[f] == 0) / n
    non_leaf = [folder_subdirs[f] for f in folders if folder_subdirs[f] > 0]
    stats.branching_factor = _mean(non_leaf)
    stats.leaf_folder_share = sum(1 for f in folders if folder_subdirs[f] == 0) / n
    depths = [0 if f == "" else f.count("/") + 1 for f in folders]
    stats.folder_depth_mean = _mean(depths)
    stats.folder_depth_max = max(depths)
    stats.file_depth_mean = _mean([e.path.count("/") for e in file_entries])


def _sizes(stats: TreeStats, sizes: Sequence[int]) -> None:
    stats.bytes_total = sum(sizes)
    if not sizes:
        return
    stats.size_median_kb = statistics.median(sizes) / 1024
    stats.size_mean_bytes = statistics.fmean(sizes)
    stats.zero_byte_share = sum(1 for s in sizes if s == 0) / len(sizes)
    logs = [math.log(s) for s in sizes if s > 0]
    stats.size_log_mean = _mean(logs)
    stats.size_log_sd = statistics.pstdev(logs) if logs else None
    if stats.bytes_total > 0:
        top = sorted(sizes, reverse=True)[: max(1, math.ceil(0.05 * len(sizes)))]
        stats.size_top5pct_byte_share = sum(top) / stats.bytes_total


def _kinds(stats: TreeStats, paths: Iterable[str]) -> None:
    counts = dict.fromkeys(KIND_ORDER, 0)
    for path in paths:
        counts[kind_category(path)] += 1
    stats.kind_counts = counts
    if stats.files:
        stats.kind_mix = {k: v / stats.files for k, v in counts.items()}
        stats.text_document_share = stats.kind_mix["text_document"]


def _workbooks(stats: TreeStats, paths: Sequence[str], read: Callable[[str], bytes]) -> None:
    from openpyxl import load_workbook

    sheets: list[int] = []
    with_formulas = 0
    memo: dict[bytes, tuple[int, bool]] = {}  # identical copies are parsed once
    for path in paths:
        try:
            data = read(path)
            key = hashlib.sha1(data).digest()
            if key in memo:
                count, cached = memo[key]
                sheets.append(count)
                with_formulas += cached
                continue
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                worksheets = wb.worksheets
                has_formula = False
                for ws in worksheets:
                    for row in ws.iter_rows():
                        if any(getattr(cell, "data_type", None) == "f" for cell in row):
                            has_formula = True
                            break
                    if has_formula:
                        break
            finally:
                wb.close()
        except Exception:
            stats.unreadable.append(path)
            continue
        sheets.append(len(worksheets))
        with_formulas += has_formula
        memo[key] = (len(worksheets), has_formula)
    stats.workbooks_read = len(sheets)
    stats.sheets_per_workbook = _mean(sheets)
    stats.workbook_formula_share = with_formulas / len(sheets) if sheets else None


def _slide_lines(slide: Any) -> int:
    lines = 0
    for shape in slide.shapes:
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            lines += sum(1 for p in shape.text_frame.paragraphs if "".join(r.text for r in p.runs).strip())
        if getattr(shape, "has_table", False) and shape.has_table:
            lines += sum(1 for row in shape.table.rows if any(cell.text.strip() for cell in row.cells))
    return lines


def _decks(stats: TreeStats, paths: Sequence[str], read: Callable[[str], bytes]) -> None:
    from pptx import Presentation

    slide_counts: list[int] = []
    lines = 0
    memo: dict[bytes, tuple[int, int]] = {}  # identical copies are parsed once
    for path in paths:
        try:
            data = read(path)
            key = hashlib.sha1(data).digest()
            if key in memo:
                count, cached_lines = memo[key]
                slide_counts.append(count)
                lines += cached_lines
                continue
            prs = Presentation(io.BytesIO(data))
            slides = list(prs.slides)
            deck_lines = sum(_slide_lines(s) for s in slides)
        except Exception:
            stats.unreadable.append(path)
            continue
        slide_counts.append(len(slides))
        lines += deck_lines
        memo[key] = (len(slides), deck_lines)
    stats.decks_read = len(slide_counts)
    if slide_counts:
        stats.slides_per_deck_median = float(statistics.median(slide_counts))
        stats.slides_per_deck_mean = statistics.fmean(slide_counts)
        total = sum(slide_counts)
        stats.slide_text_lines_mean = lines / total if total else None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _message_ids(value: object) -> list[str]:
    return re.findall(r"<[^<>\s]+>", str(value)) if value else []


def _emails(stats: TreeStats, paths: Sequence[str], read: Callable[[str], bytes]) -> None:
    parser = email.parser.BytesParser(policy=email.policy.default)
    groups = _UnionFind()
    read_paths: list[str] = []
    spreadsheet = 0
    for path in paths:
        try:
            msg = parser.parsebytes(read(path))
            if not isinstance(msg, EmailMessage):  # pragma: no cover - policy.default always gives EmailMessage
                raise TypeError("not an e-mail")
            subject = str(msg.get("Subject", "") or "")
            own = _message_ids(msg.get("Message-ID"))
            linked = _message_ids(msg.get("In-Reply-To")) + _message_ids(msg.get("References"))
            carries = any(
                _ext(att.get_filename() or "") in KIND_CATEGORIES["spreadsheet"] for att in msg.iter_attachments()
            )
            body_part = msg.get_body(preferencelist=("plain", "html"))
            body = str(body_part.get_content()) if body_part is not None else ""
        except Exception:
            stats.unreadable.append(path)
            continue
        node = f"file:{path}"
        groups.find(node)
        for mid in own + linked:
            groups.union(node, f"id:{mid}")
        topic = " ".join(_REPLY_PREFIX.sub("", subject).split()).casefold()
        if not linked and topic:
            groups.union(node, "subject:" + topic)
        if carries or _SPREADSHEET_MENTION.search(subject) or _SPREADSHEET_MENTION.search(body):
            spreadsheet += 1
        read_paths.append(path)
    stats.emails_read = len(read_paths)
    if not read_paths:
        return
    sizes: dict[str, int] = {}
    for path in read_paths:
        root = groups.find(f"file:{path}")
        sizes[root] = sizes.get(root, 0) + 1
    lengths = list(sizes.values())
    stats.email_threads = len(lengths)
    stats.email_thread_length_mean = statistics.fmean(lengths)
    stats.email_thread_length_median = float(statistics.median(lengths))
    stats.email_spreadsheet_share = spreadsheet / len(read_paths)


# ---------------------------------------------------------------------------------------------------------------------
# Bands and formatting
# ---------------------------------------------------------------------------------------------------------------------


def check_bands(
    stats: TreeStats | Mapping[str, float | None],
    anchors: Sequence[RealismAnchor] = REALISM_ANCHORS,
) -> list[BandResult]:
    """Compare measured values with the anchors' bands.

    Anchors whose metric has no value (undefined in ``stats``, or measured by the simulation and not given) are
    left out. Pass a mapping to check values measured elsewhere, e.g. ``{"changed_files_per_day": 12}``.

    Args:
        stats: The statistics, or a mapping of metric id to value.
        anchors: The anchors to check (all by default).

    Returns:
        One result per anchor with a value, in anchor order.

    Example:
        >>> [r.ok for r in check_bands({"empty_folder_share": 0.2, "files_per_folder": 8})]
        [True, False]
    """
    results: list[BandResult] = []
    for anchor in anchors:
        if isinstance(stats, TreeStats):
            value = stats.value(anchor.metric)
        else:
            raw = stats.get(anchor.metric)
            value = None if raw is None else float(raw)
        if value is None or math.isnan(value):
            continue
        results.append(
            BandResult(
                anchor.metric, value, anchor.low, anchor.high, anchor.contains(value), anchor.label, anchor.gating
            )
        )
    return results


def _fmt(value: float | None, unit: str = "", *, share: bool = False) -> str:
    if value is None:
        return "-"
    text = f"{value:.3f}" if share else f"{value:.2f}"
    return f"{text} {unit}".strip()


def _rows(stats: TreeStats) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for anchor in REALISM_ANCHORS:
        value = stats.value(anchor.metric) if anchor.measured_by == "tree" else None
        if value is None:
            status = "n/a" if anchor.measured_by == "tree" else "sim"
        else:
            status = ("ok" if anchor.contains(value) else "OUT") if anchor.gating else "info"
        share = anchor.unit == "" and anchor.high <= 1.0
        band = f"{_fmt(anchor.low, anchor.unit, share=share)} .. {_fmt(anchor.high, anchor.unit, share=share)}"
        rows.append((anchor.label, _fmt(value, anchor.unit, share=share), band, anchor.published, status))
    return rows


def _summary(stats: TreeStats) -> list[str]:
    mix = ", ".join(f"{k} {stats.kind_counts.get(k, 0)}" for k in KIND_ORDER)
    lines = [
        f"tree: {stats.root}",
        f"files {stats.files}, folders {stats.folders}, bytes {stats.bytes_total:,}; excluded hidden/app-data: "
        f"{stats.hidden_files} files, {stats.hidden_folders} folders" + (" (counted)" if stats.include_hidden else ""),
        f"kinds: {mix}",
        f"read: {stats.workbooks_read} workbooks, {stats.decks_read} decks, {stats.emails_read} e-mails "
        f"({stats.email_threads} threads); unreadable {len(stats.unreadable)}",
    ]
    return lines


def format_stats(stats: TreeStats) -> str:
    """Return a plain-text table: each anchor's label, our value, the band, the published value and a status.

    Status is ``ok`` / ``OUT`` for gating anchors, ``info`` for informational ones, ``n/a`` when undefined and
    ``sim`` for metrics measured by a simulation. For a rich table, ``rich.print(stats)``.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> "share of empty folders" in format_stats(tree_stats(VirtualDisk()))
        True
    """
    header = ("metric", "ours", "band", "published", "status")
    rows = [header, *_rows(stats)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    out = _summary(stats)
    out.append("")
    for index, row in enumerate(rows):
        out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def stats_table(stats: TreeStats) -> Table:
    """Return a rich table of our values beside the anchors (what ``rich.print(stats)`` shows)."""
    from rich.table import Table

    table = Table(title="Realism: ours vs. published", caption="\n".join(_summary(stats)))
    for name, justify in (
        ("metric", "left"),
        ("ours", "right"),
        ("band", "right"),
        ("published", "left"),
        ("status", "center"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    styles = {"ok": "green", "OUT": "bold red", "info": "cyan", "n/a": "dim", "sim": "dim"}
    for label, ours, band, published, status in _rows(stats):
        table.add_row(label, ours, band, published, f"[{styles[status]}]{status}[/]")
    return table

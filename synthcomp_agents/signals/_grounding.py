"""Grounding: every substantive number a deliverable states must trace back to its sources.

A deliverable's sources are its grounding files and its objective's (text numbers and, for workbooks, every computed
cell value), the other files of the folders those grounding files sit in, and the mail the user received (what
collaborators said). A stated number is *substantive* unless it is a year (1900-2100), a small count or day number
(an integer below 100), or a part of a date/time. It is *grounded* when some source number equals it to the
precision it is stated with (``1.47m`` grounds ``1,465,552.50``; ``4,661`` grounds only 4,660.5-4,661.5).

Numbers invented by a policy that never read its sources rarely pass: the check reports the share of substantive
numbers grounded and lists the ones that are not.

Example:
    >>> from synthcomp_agents.disk import VirtualDisk
    >>> from synthcomp_agents.objectives import Deliverable
    >>> disk = VirtualDisk(user="ana")
    >>> _ = disk.write_text("Documents/P/data.csv", "item,amount\\nlicences,48210.50\\nsupport,12400\\n")
    >>> _ = disk.write_text("Documents/P/memo.md", "# Memo\\n\\nLicences cost 48,210.50 and support 13,900.\\n")
    >>> memo = Deliverable(deliverable_id="d1", path="Documents/P/memo.md", kind="md", title="Memo", audience="CFO",
    ...                    description="Costs.", grounding_files=["Documents/P/data.csv"], due_day=2, effort_hours=1)
    >>> sources = GroundingSources(disk)
    >>> result = grounding_check(disk, memo, sources)
    >>> result.passed, result.detail.split(";")[0]
    (False, '1 of 2 stated numbers trace to the sources (50%)')
"""

from __future__ import annotations

import bisect
import csv
import email
import email.policy
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..disk import VirtualDisk
from ..objectives import CheckResult, Deliverable, content_words, statements
from ..objectives import format_number as _fmt
from ..objectives import number_matches as _matches
from ..objectives import quoted_list as _listing
from ..objectives import stated_numbers as _parse
from ..objectives import stated_numbers_at as _parse_at
from ..office import OfficeError, evaluate_workbook, extract_text

__all__ = [
    "GROUNDED_SHARE",
    "GroundingAssessment",
    "GroundingSources",
    "assess_grounding",
    "grounded_share",
    "grounding_check",
    "labelled_numbers",
    "substantive_numbers",
]

_CHECK = "grounded_numbers"
GROUNDED_SHARE = 0.8
"""A deliverable passes the grounding check when at least this share of its substantive numbers is grounded."""

_DEFAULT_INBOX = "Mail/Inbox"
_MAX_FOLDER_FILES = 60
_MAX_SOURCE_BYTES = 5_000_000
_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}[:.]\d{2}\b(?!\d)|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_COORD = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_READABLE = (".xlsx", ".docx", ".pptx", ".pdf", ".md", ".txt", ".csv", ".eml", ".ics", ".json", ".html")


def _plain_text(name: str, data: bytes, max_chars: int) -> str:
    text = extract_text(name, data, max_chars=max_chars)
    if name.lower().endswith(".csv"):  # cells side by side, not "a,b": a comma would glue two numbers into one
        text = "\n".join("\t".join(row) for row in csv.reader(io.StringIO(text)))
    return text


def _is_substantive(value: float) -> bool:
    if value == int(value):
        whole = abs(int(value))
        return whole >= 100 and not (1900 <= whole <= 2100)
    return True


def substantive_numbers(text: str, cells: Iterable[object] = ()) -> list[tuple[tuple[float, ...], int, str]]:
    """The substantive numbers a text (and a workbook's cells) states: all readings, digits, and the text stated.

    Example:
        >>> found = substantive_numbers("In 2025 we screened 4,661 patients on 12 sites (3.5% up) by 10:30")
        >>> [(readings, stated) for readings, _digits, stated in found]
        [((4.661, 4661.0), '4,661'), ((3.5, 0.035), '3.5%')]
    """
    clean = _DATE.sub(" ", text)
    found: list[tuple[tuple[float, ...], int, str]] = []
    groups: dict[int, list[tuple[float, int, str]]] = {}
    for value, digits, start, stated in _parse_at(clean):
        groups.setdefault(start, []).append((value, digits, stated))
    for readings in groups.values():
        values = tuple(dict.fromkeys(v for v, _, _ in readings))
        if any(_is_substantive(v) for v in values):
            found.append((values, max(d for _, d, _ in readings), readings[0][2]))
    for cell in cells:
        if isinstance(cell, (int, float)) and not isinstance(cell, bool) and _is_substantive(float(cell)):
            found.append(((float(cell),), 15, _fmt(float(cell))))
    return found


Labelled = tuple[float, frozenset[str]]
"""A source number and the meaningful words around it (its sentence, or its row and column headers)."""

_UNLABELLED = frozenset({"total", "sum", "value", "amount", "figure", "number", "count", "item", "source", "location"})


_CODE = re.compile(r"\b(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]{2,5}\b")
"""A short name mixing letters and digits ('9D', '6C', 'B7', 'Q3'): a class, a line or a cell is often called so."""
_NOT_A_CODE = re.compile(r"^\d+(?:st|nd|rd|th|s|k|m|bn|am|pm|h|x|kb|mb|gb|km|kg)$")


def label_words(text: str) -> set[str]:
    """The meaningful words of a number's label: :func:`content_words` plus its letter-and-digit names ('9d' for
    '9D | 101'), which content words drop with the numbers; a count with its unit ('12k', '3pm') is no name."""
    codes = {c.lower() for c in _CODE.findall(text)}
    return content_words(text) | {c for c in codes if not _NOT_A_CODE.match(c)}


def _labelled_text_numbers(text: str) -> list[Labelled]:
    out: list[Labelled] = []
    for statement in statements(text):
        words = frozenset(label_words(statement))
        out += [(v, words) for v, _ in _parse(_DATE.sub(" ", statement))]
    return out


def _cell_words(book: Mapping[str, Mapping[str, object]]) -> list[tuple[float, frozenset[str]]]:
    """Every numeric cell of an evaluated workbook with its row labels and column header (or its sheet's name)."""
    out: list[tuple[float, frozenset[str]]] = []
    for sheet, cells in book.items():
        rows: dict[int, dict[str, object]] = {}
        for coord, value in cells.items():
            match = _COORD.match(coord)
            if match:
                rows.setdefault(int(match.group(2)), {})[match.group(1)] = value
        if not rows:
            continue
        header = rows[min(rows)]
        for number, row in rows.items():
            labels = " ".join(str(v) for v in row.values() if isinstance(v, str))
            for col, value in row.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    words = label_words(f"{labels} {header.get(col, '') if number != min(rows) else ''}")
                    words = words or content_words(sheet)  # the sheet's name only when the cell has no labels
                    out.append((float(value), frozenset(words)))
    return out


def _labelled_cells(book: Mapping[str, Mapping[str, object]]) -> list[Labelled]:
    return _cell_words(book)


def labelled_numbers(
    text: str, book: Mapping[str, Mapping[str, object]] | None = None
) -> list[tuple[tuple[float, ...], int, str, frozenset[str]]]:
    """The substantive numbers a deliverable states, each with the meaningful words of its statement (a workbook's
    cells with their row and column headers)."""
    out: list[tuple[tuple[float, ...], int, str, frozenset[str]]] = []
    for statement in statements(text):
        words = frozenset(label_words(statement))
        out += [(readings, digits, stated, words) for readings, digits, stated in substantive_numbers(statement)]
    for value, words in _cell_words(book or {}):
        if _is_substantive(value):
            out.append(((value,), 15, _fmt(value), words))
    return out


class GroundingSources:
    """The numbers of a disk's source files, read once per file (shared by every deliverable of a plan).

    Args:
        disk: the disk holding the sources (the end state: grounding files are read-only inputs and the inbox only
            grows, so the end state holds every source the worker could have used).
        inbox: the folder of received mail.
    """

    def __init__(self, disk: VirtualDisk, inbox: str = _DEFAULT_INBOX) -> None:
        self._disk = disk
        self._inbox = inbox
        self._per_file: dict[str, list[Labelled]] = {}
        self._mail: list[Labelled] | None = None

    def numbers_of(self, path: str) -> list[Labelled]:
        """Every number a file states with the words around it (a workbook's computed cells with their row and
        column headers); [] for a missing or unreadable file."""
        cached = self._per_file.get(path)
        if cached is not None:
            return cached
        values: list[Labelled] = []
        disk = self._disk
        if disk.is_file(path) and disk.stat(path).size <= _MAX_SOURCE_BYTES:
            data = disk.read_bytes(path)
            name = path.rsplit("/", 1)[-1]
            try:
                values = _labelled_text_numbers(_plain_text(name, data, 1_000_000))
                if name.lower().endswith(".xlsx"):
                    values += _labelled_cells(evaluate_workbook(data))
            except (OfficeError, ValueError, UnicodeDecodeError, csv.Error):
                pass
        self._per_file[path] = values
        return values

    def mail_numbers(self) -> list[Labelled]:
        """Every number stated in received mail (bodies and attached files), with the words around it."""
        if self._mail is None:
            values: list[Labelled] = []
            if self._disk.is_dir(self._inbox):
                for info in self._disk.walk(self._inbox):
                    if info.is_dir or not info.path.lower().endswith(".eml"):
                        continue
                    msg = email.message_from_bytes(self._disk.read_bytes(info.path), policy=email.policy.default)
                    for part in msg.walk():
                        if part.is_multipart():
                            continue
                        payload = part.get_payload(decode=True)
                        if not isinstance(payload, bytes):
                            continue
                        name = part.get_filename() or "body.txt"
                        try:
                            text = extract_text(name, payload, max_chars=200_000)
                        except (OfficeError, ValueError):
                            text = payload.decode("utf-8", errors="replace")
                        values += _labelled_text_numbers(text)
            self._mail = values
        return self._mail

    def for_deliverable(self, deliverable: Deliverable, objective_grounding: Sequence[str] = ()) -> list[Labelled]:
        """Source numbers of a deliverable: its grounding files (+ its objective's), their folders, and mail."""
        paths = list(dict.fromkeys([*deliverable.grounding_files, *objective_grounding]))
        folders = {p.rsplit("/", 1)[0] for p in paths if "/" in p}
        neighbours: list[str] = []
        for folder in sorted(folders):
            if not self._disk.is_dir(folder):
                continue
            for info in self._disk.list(folder):
                if not info.is_dir and info.path.lower().endswith(_READABLE) and info.path != deliverable.path:
                    neighbours.append(info.path)
                if len(neighbours) >= _MAX_FOLDER_FILES:
                    break
        values: list[Labelled] = []
        for path in dict.fromkeys([*paths, *neighbours]):
            if path != deliverable.path:
                values += self.numbers_of(path)
        return values + self.mail_numbers()


def _agrees(stated: frozenset[str] | None, source: frozenset[str]) -> bool:
    """The words around a stated number and around a source number name the same thing (share a meaningful word).

    A source number without a label agrees with anything; a stated number without one (a bare run of numbers)
    agrees with nothing labelled. ``None`` for the stated words skips the label test.
    """
    if stated is None:
        return True
    want = source - _UNLABELLED
    return not want or bool((stated - _UNLABELLED) & want)


def grounded_share(
    stated: Sequence[tuple[tuple[float, ...], int, str]] | Sequence[tuple[tuple[float, ...], int, str, frozenset[str]]],
    sources: Sequence[float] | Sequence[Labelled],
) -> tuple[int, list[str]]:
    """How many stated numbers are grounded (a source number equal to the precision stated, under a label that
    agrees when both carry their words), and the ungrounded ones (as stated)."""
    pairs = sorted((s, frozenset()) if isinstance(s, (int, float)) else (float(s[0]), s[1]) for s in sources)
    ordered = [v for v, _ in pairs]
    grounded = 0
    missing: list[str] = []
    for item in stated:
        readings, digits, text = item[0], item[1], item[2]
        words: frozenset[str] | None = item[3] if len(item) > 3 else None
        ok = False
        for v in readings:  # candidates within 6% (rounding to the stated digits never moves a number further)
            low, high = sorted((v * 0.94, v * 1.06))
            lo, hi = bisect.bisect_left(ordered, low - 1e-9), bisect.bisect_right(ordered, high + 1e-9)
            if any(_matches(sv, v, digits, 0.0) and _agrees(words, sw) for sv, sw in pairs[lo:hi]):
                ok = True
                break
        if ok:
            grounded += 1
        else:
            missing.append(text)
    return grounded, missing


@dataclass(frozen=True)
class GroundingAssessment:
    """The grounding check of one deliverable, with the share it measured.

    Attributes:
        check: the ``grounded_numbers`` check result (plain words).
        share: the share of substantive numbers that trace to a source (0 for a missing or unreadable file, 1 for
            a file that states none and was not asked to).
        applies: False when the file states no substantive numbers and none were asked for (nothing to check).
    """

    check: CheckResult
    share: float
    applies: bool


def assess_grounding(
    disk: VirtualDisk,
    deliverable: Deliverable,
    sources: GroundingSources,
    objective_grounding: Sequence[str] = (),
) -> GroundingAssessment:
    """Trace the deliverable's substantive numbers to its sources (passed at >= ``GROUNDED_SHARE``).

    A missing or unreadable deliverable fails; a deliverable stating no substantive numbers passes unless it was
    expected to quote a value (it has a ``quotes_value`` check).
    """

    def failed(detail: str) -> GroundingAssessment:
        return GroundingAssessment(CheckResult(check_type=_CHECK, passed=False, detail=detail), 0.0, True)

    path = deliverable.path
    if not disk.is_file(path):
        return failed(f"{path} does not exist")
    data = disk.read_bytes(path)
    name = path.rsplit("/", 1)[-1]
    try:
        text = _plain_text(name, data, 2_000_000)
        book = evaluate_workbook(data) if deliverable.kind == "xlsx" else {}
    except (OfficeError, ValueError, UnicodeDecodeError, csv.Error) as exc:
        return failed(f"{path} could not be read: {exc}")
    stated = labelled_numbers(text, book)
    if not stated:
        expects = any(getattr(c, "type", "") == "quotes_value" for c in deliverable.acceptance_checks)
        if expects:
            return failed("states no substantive numbers, but it should quote figures from its sources")
        check = CheckResult(check_type=_CHECK, passed=True, detail="states no substantive numbers")
        return GroundingAssessment(check, 1.0, False)
    grounded, missing = grounded_share(stated, sources.for_deliverable(deliverable, objective_grounding))
    share = grounded / len(stated)
    detail = f"{grounded} of {len(stated)} stated numbers trace to the sources ({share:.0%})"
    if missing:
        listed = _listing(list(dict.fromkeys(missing))).replace("'", "")
        detail += f"; not found in any source under an agreeing label: {listed}"
    return GroundingAssessment(
        CheckResult(check_type=_CHECK, passed=share >= GROUNDED_SHARE, detail=detail), share, True
    )


def grounding_check(
    disk: VirtualDisk,
    deliverable: Deliverable,
    sources: GroundingSources,
    objective_grounding: Sequence[str] = (),
) -> CheckResult:
    """The ``grounded_numbers`` check of :func:`assess_grounding` alone."""
    return assess_grounding(disk, deliverable, sources, objective_grounding).check

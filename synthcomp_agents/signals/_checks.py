"""Deliverable checks: evaluate every acceptance check of a deliverable on the end-state disk, in plain words.

Each deliverable file is read once from the disk; its text, headings, workbook cells and slide count are derived
from those bytes lazily and at most once. Mail checks (``sent_to``) read the user's sent folder once per plan.

Example:
    >>> from synthcomp_agents.disk import VirtualDisk
    >>> from synthcomp_agents.objectives import Deliverable, Mentions, QuotesValue
    >>> disk = VirtualDisk(user="ana")
    >>> _ = disk.write_text("Documents/memo.md", "# Spend\\n\\nQ1 spend was EUR 1.47m, mostly Holloway S.L.\\n")
    >>> checks = [Mentions(text="holloway"), QuotesValue(source="Documents/t.xlsx", locator="S!B7", value=1465552.5)]
    >>> memo = Deliverable(deliverable_id="d1", path="Documents/memo.md", kind="md", title="Memo", audience="CFO",
    ...                    description="Spend memo.", acceptance_checks=checks, due_day=3, effort_hours=2)
    >>> audit = check_deliverable(disk, memo)
    >>> audit.passed, [r.check_type for r in audit.checks]
    (True, ['mentions', 'quotes_value'])
    >>> parse_numbers("1 465 552,50 and 12.5%")
    [1465552.5, 12.5, 0.125]
"""

from __future__ import annotations

import csv
import email
import email.policy
import email.utils
import hashlib
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..disk import VirtualDisk
from ..objectives import (
    Deliverable,
    FileExists,
    HasColumns,
    HasHeadings,
    HasSheets,
    Mentions,
    MinSlides,
    MinWords,
    ObjectivePlan,
    QuotesValue,
    SentTo,
    StatesFact,
)
from ..office import OfficeError, evaluate_workbook, extract_text, strip_inline

__all__ = [
    "CheckResult",
    "DeliverableAudit",
    "SentMail",
    "audit_plan",
    "check_deliverable",
    "collaborator_addresses",
    "load_sent_mail",
    "parse_numbers",
]

DEFAULT_SENT_FOLDER = "Mail/Sent"
_MAX_LISTED = 12


class CheckResult(BaseModel):
    """The outcome of one acceptance check, with a plain-words explanation."""

    model_config = ConfigDict(frozen=True)

    check_type: str
    passed: bool
    detail: str


class DeliverableAudit(BaseModel):
    """Every acceptance check of one deliverable, evaluated on the end-state disk."""

    deliverable_id: str
    path: str
    kind: str
    exists: bool
    checks: list[CheckResult]

    @property
    def passed(self) -> bool:
        """True when every check passed (a deliverable without checks passes when its file exists)."""
        return self.exists and all(c.passed for c in self.checks)

    @property
    def fraction_passed(self) -> float:
        """Share of checks passed (0 or 1 for a deliverable without checks, by existence)."""
        if not self.checks:
            return 1.0 if self.exists else 0.0
        return sum(c.passed for c in self.checks) / len(self.checks)

    def failures(self) -> list[CheckResult]:
        """The checks that failed."""
        return [c for c in self.checks if not c.passed]

    def summary(self) -> str:
        """A few lines in plain words: which checks passed, which failed and why."""
        head = f"{self.deliverable_id} ({self.path}): {sum(c.passed for c in self.checks)}/{len(self.checks)} checks"
        lines = [head + (" passed" if self.passed else " passed; FAILED")]
        lines += [f"  [{'ok' if c.passed else 'FAIL'}] {c.check_type}: {c.detail}" for c in self.checks]
        return "\n".join(lines)


@dataclass(frozen=True)
class SentMail:
    """One message of the user's sent folder: recipients and attachments."""

    path: str
    subject: str
    recipients: tuple[tuple[str, str], ...]  # (display name, bare lower-case address) of To and Cc
    attachments: tuple[tuple[str, str], ...] = field(default=())  # (filename, sha256 of the content)


# ---------------------------------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------------------------------

_SEPS = ",.\u00a0\u202f\u2009 '’"
_NUM = re.compile(
    r"(?<![\d.,])(?P<neg>[-−–(])?(?:[€$£¥]\s?)?"
    r"(?P<body>\d{1,3}(?:[,.\u00a0\u202f\u2009 '’]\d{3})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<suffix>%|percent\b|per cent\b|k\b|thousand\b|mn\b|mio\b|m\b|million\b|bn\b|billion\b))?",
    re.IGNORECASE,
)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def _body_values(body: str) -> list[float]:
    """Interpretations of a digit group string: grouping vs decimal separators (ambiguous ones give both)."""
    seps = [ch for ch in body if ch in _SEPS]
    if not seps:
        return [float(body)]
    marks = [ch for ch in seps if ch in ",."]
    if len(set(marks)) == 2:  # both: the last mark is the decimal separator
        dec = marks[-1]
        whole, frac = body.rsplit(dec, 1)
        return [float(re.sub(r"\D", "", whole) + "." + frac)]
    if not marks:  # spaces/apostrophes only: grouping
        return [float(re.sub(r"\D", "", body))]
    mark = marks[0]
    spaced = len(marks) != len(seps)
    if len(marks) > 1 and not spaced:  # 1,465,552 or 1.465.552
        return [float(re.sub(r"\D", "", body))]
    whole, frac = body.rsplit(mark, 1)
    decimal = float(re.sub(r"\D", "", whole) + "." + frac)
    if spaced or len(frac) != 3:  # 1 465 552,50 or 12.5
        return [decimal]
    return [decimal, float(re.sub(r"\D", "", body))]  # 1,465 or 0.125: ambiguous


def _parse(text: str) -> list[tuple[float, int]]:
    """(value, significant digits) of every number stated in the text, with every plausible reading."""
    return [(value, digits) for value, digits, _start, _stated in _parse_at(text)]


def _parse_at(text: str) -> list[tuple[float, int, int, str]]:
    """Like :func:`_parse`, with where each number starts and its text (its readings share both)."""
    out: list[tuple[float, int, int, str]] = []
    for m in _NUM.finditer(text):
        body = m.group("body")
        digits = len(re.sub(r"\D", "", body).lstrip("0")) or 1
        neg, before = m.group("neg") or "", text[m.start() - 1 : m.start()]
        if neg == "(":  # "(1,200)" is a negative amount in accounts, "(1.47m)" an aside in prose: both readings
            signs = [1.0, -1.0] if text[m.end() : m.end() + 1] == ")" else [1.0]
        else:  # a dash glued to a word ("o3-12", "2025-11") is not a minus sign
            signs = [-1.0] if neg and not before.isalnum() else [1.0]
        suffix = (m.group("suffix") or "").lower()
        for value in (sign * v for v in _body_values(body) for sign in signs):
            stated = m.group(0).strip().lstrip("(")
            if suffix in ("%", "percent", "per cent"):
                out += [(value, digits, m.start(), stated), (value / 100, digits, m.start(), stated)]
            elif suffix in _SCALE:
                out.append((value * _SCALE[suffix], digits, m.start(), stated))
            else:
                out.append((value, digits, m.start(), stated))
    return out


def parse_numbers(text: str) -> list[float]:
    """Every number a text states, in order: ``1,465,552.50``, ``1.465.552,50``, ``1 465 552,50``, ``1.47m``,
    ``EUR 12k``, ``(1,200)`` (both signs: accounts or an aside) and ``-3``; a percentage gives both its figure and
    its fraction (``12.5%`` -> 12.5, 0.125); an ambiguous separator (``1,465``) gives both readings.

    Example:
        >>> parse_numbers("Total 1,465,552.50 (1.47m); margin 12.5%")
        [1465552.5, 1470000.0, -1470000.0, 12.5, 0.125]
    """
    seen: list[float] = []
    for value, _digits in _parse(text):
        if value not in seen:
            seen.append(value)
    return seen


def _matches(expected: float, stated: float, digits: int, tolerance: float) -> bool:
    if math.isclose(stated, expected, rel_tol=tolerance, abs_tol=1e-9):
        return True
    if digits < 3 or stated == 0:
        return False  # "2m" must not match anything between 1.5m and 2.5m
    unit = 10.0 ** (math.floor(math.log10(abs(stated))) - digits + 1)  # rounding to the digits stated
    return abs(stated - expected) <= unit / 2 + 1e-9 * abs(expected)


def _fmt(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------------------------------
# One deliverable file, read once
# ---------------------------------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", re.sub(r"[‐‑‒–—]", "-", text)).strip()


class _File:
    """A deliverable's bytes with lazily derived views (text, headings, cells, sheets, slides)."""

    def __init__(self, path: str, kind: str, data: bytes) -> None:
        self.path, self.kind, self.data = path, kind, data
        self.name = path.rsplit("/", 1)[-1]
        self._cache: dict[str, Any] = {}

    def _memo(self, key: str, build: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def open_error(self) -> str | None:
        """None when the file opens in its library, else why not."""
        try:
            self._memo("opened", self._open)
        except (OfficeError, ValueError, UnicodeDecodeError, csv.Error) as exc:
            return str(exc)
        return None

    def _open(self) -> bool:
        from ..office._formulas import load_workbook_safely
        from ..office._read_docx import open_docx
        from ..office._read_misc import open_pdf
        from ..office._read_pptx import open_pptx

        if self.kind == "docx":
            self._cache["docx"] = open_docx(self.data, self.name)
        elif self.kind == "xlsx":
            self._cache["workbook"] = load_workbook_safely(self.data, self.name)
        elif self.kind == "pptx":
            self._cache["pptx"] = open_pptx(self.data, self.name)
        elif self.kind == "pdf":
            if not open_pdf(self.data, self.name).pages:
                raise ValueError(f"{self.name} is a PDF without pages")
        elif self.kind == "eml":
            msg = email.message_from_bytes(self.data, policy=email.policy.default)
            if not (msg["From"] or msg["Subject"]):
                raise ValueError(f"{self.name} has no From or Subject header; not an e-mail")
        else:
            text = self.data.decode("utf-8")
            if self.kind == "csv":
                list(csv.reader(io.StringIO(text)))
        return True

    def text(self) -> str:
        def build() -> str:
            raw = extract_text(self.name, self.data, max_chars=2_000_000)
            return strip_inline(raw) if self.kind == "md" else raw

        return str(self._memo("text", build))

    def norm_text(self) -> str:
        return str(self._memo("norm", lambda: _norm(self.text())))

    def headings(self) -> list[str]:
        return list(self._memo("headings", self._headings))

    def _headings(self) -> list[str]:
        if self.kind == "docx":
            from ..office._read_docx import docx_blocks, open_docx

            doc = self._cache.get("docx") or open_docx(self.data, self.name)
            return [b.plain for b in docx_blocks(doc) if b.kind == "heading"]
        if self.kind == "pptx":
            from ..office._read_pptx import open_pptx

            prs = self._cache.get("pptx") or open_pptx(self.data, self.name)
            return [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title is not None]
        if self.kind == "md":
            lines = self.data.decode("utf-8", errors="replace").splitlines()
            return [strip_inline(ln.lstrip("#").strip()) for ln in lines if re.match(r"^ {0,3}#{1,6}\s", ln)]
        return [ln.strip() for ln in self.text().splitlines() if ln.strip()]  # pdf/txt: any line may be a heading

    def cells(self) -> dict[str, dict[str, object]]:
        return dict(self._memo("cells", lambda: evaluate_workbook(self.data)))

    def sheet_names(self) -> list[str]:
        def build() -> list[str]:
            from ..office._formulas import load_workbook_safely

            book = self._cache.get("workbook") or load_workbook_safely(self.data, self.name)
            return list(book.sheetnames)

        return list(self._memo("sheets", build))

    def slide_count(self) -> int:
        from ..office._read_pptx import open_pptx

        prs = self._cache.get("pptx") or open_pptx(self.data, self.name)
        return len(prs.slides)

    def stated_numbers(self) -> list[tuple[float, int]]:
        def build() -> list[tuple[float, int]]:
            found = _parse(self.text())
            if self.kind == "xlsx":
                for sheet in self.cells().values():
                    for value in sheet.values():
                        if isinstance(value, (int, float)) and not isinstance(value, bool):
                            found.append((float(value), 15))
            return found

        return list(self._memo("numbers", build))


def _header_row(rows: Iterable[Sequence[object]]) -> list[str]:
    for row in rows:
        cells = [str(c).strip() for c in row if c is not None and str(c).strip()]
        if cells:
            return cells
    return []


def _workbook_rows(cells: Mapping[str, object]) -> list[list[object]]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    grid: dict[int, dict[int, object]] = {}
    for coord, value in cells.items():
        col, row = coordinate_from_string(coord)
        grid.setdefault(row, {})[column_index_from_string(col)] = value
    return [[grid[r][c] for c in sorted(grid[r])] for r in sorted(grid)]


def _listing(items: Sequence[str], limit: int = _MAX_LISTED) -> str:
    shown = ", ".join(repr(i) for i in items[:limit])
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return (shown + more) if items else "none"


# ---------------------------------------------------------------------------------------------------------------------
# Mail
# ---------------------------------------------------------------------------------------------------------------------


def load_sent_mail(disk: VirtualDisk, folder: str = DEFAULT_SENT_FOLDER) -> list[SentMail]:
    """Parse every ``.eml`` in the user's sent folder (``Mail/Sent`` by default) once: recipients and attachments.

    A folder that does not exist gives an empty list.
    """
    if not disk.is_dir(folder):
        return []
    out: list[SentMail] = []
    for info in disk.walk(folder):
        if info.is_dir or not info.path.lower().endswith(".eml"):
            continue
        msg = email.message_from_bytes(disk.read_bytes(info.path), policy=email.policy.default)
        if not isinstance(msg, EmailMessage):
            continue
        fields = [str(v) for key in ("To", "Cc") for v in (msg.get_all(key) or [])]
        recipients = tuple((name, addr.lower()) for name, addr in email.utils.getaddresses(fields) if addr)
        attachments: list[tuple[str, str]] = []
        for n, part in enumerate(msg.iter_attachments(), 1):
            payload = part.get_payload(decode=True)
            digest = hashlib.sha256(payload if isinstance(payload, bytes) else b"").hexdigest()
            attachments.append((part.get_filename() or f"attachment-{n}", digest))
        out.append(SentMail(info.path, str(msg["Subject"] or ""), recipients, tuple(attachments)))
    return out


def collaborator_addresses(collaboration_context: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Collaborator identifier -> bare lower-case address, from ``computer.json``'s ``collaboration_context``
    (a mapping with ``collaborators``, or the list itself)."""
    people = (
        collaboration_context.get("collaborators", [])
        if isinstance(collaboration_context, Mapping)
        else (collaboration_context)
    )
    out: dict[str, str] = {}
    for person in people:
        ident, address = person.get("identifier"), person.get("email")
        if ident and address:
            out[str(ident)] = str(address).strip().lower()
    return out


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", text)


def _is_recipient(mail: SentMail, collaborator: str, address: str | None) -> bool:
    if address:
        return any(addr == address for _name, addr in mail.recipients)
    key = _slug(collaborator)
    return any(
        addr == collaborator.lower() or _slug(name) == key or _slug(addr.split("@")[0]) == key
        for name, addr in mail.recipients
    )


# ---------------------------------------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------------------------------------


def _check_exists(f: _File, deliverable: Deliverable) -> CheckResult:
    error = f.open_error()
    if error:
        return CheckResult(check_type="exists", passed=False, detail=f"{f.path} exists but does not open: {error}")
    return CheckResult(check_type="exists", passed=True, detail=f"{f.path} exists and opens as {deliverable.kind}")


def _check_headings(f: _File, check: HasHeadings) -> CheckResult:
    found = f.headings()
    normed = [_norm(h) for h in found]
    missing = [h for h in check.headings if not any(_norm(h) in n for n in normed)]
    if missing:
        return CheckResult(
            check_type=check.type,
            passed=False,
            detail=f"missing heading(s) {_listing(missing)}; the file's headings are {_listing(found)}",
        )
    return CheckResult(check_type=check.type, passed=True, detail=f"has heading(s) {_listing(check.headings)}")


def _check_sheets(f: _File, check: HasSheets) -> CheckResult:
    if f.kind != "xlsx":
        return CheckResult(check_type=check.type, passed=False, detail=f"a {f.kind} file has no sheets")
    names = f.sheet_names()
    lower = {n.casefold() for n in names}
    missing = [s for s in check.sheets if s.strip().casefold() not in lower]
    if missing:
        return CheckResult(
            check_type=check.type,
            passed=False,
            detail=f"missing sheet(s) {_listing(missing)}; the workbook's sheets are {_listing(names)}",
        )
    return CheckResult(check_type=check.type, passed=True, detail=f"has sheet(s) {_listing(check.sheets)}")


def _check_columns(f: _File, check: HasColumns) -> CheckResult:
    where = "the csv"
    if f.kind == "csv":
        header = _header_row(csv.reader(io.StringIO(f.data.decode("utf-8-sig", errors="replace"))))
    elif f.kind == "xlsx":
        names = f.sheet_names()
        sheet = next((n for n in names if check.sheet and n.casefold() == check.sheet.strip().casefold()), None)
        if check.sheet and sheet is None:
            return CheckResult(
                check_type=check.type,
                passed=False,
                detail=f"no sheet {check.sheet!r}; the workbook's sheets are {_listing(names)}",
            )
        sheet = sheet or names[0]
        where = f"sheet {sheet!r}"
        header = _header_row(_workbook_rows(f.cells().get(sheet, {})))
    else:
        return CheckResult(check_type=check.type, passed=False, detail=f"a {f.kind} file has no columns")
    have = {_norm(h) for h in header}
    missing = [c for c in check.columns if _norm(c) not in have]
    if missing:
        return CheckResult(
            check_type=check.type,
            passed=False,
            detail=f"{where} lacks column(s) {_listing(missing)}; its header row is {_listing(header)}",
        )
    return CheckResult(check_type=check.type, passed=True, detail=f"{where} has column(s) {_listing(check.columns)}")


def _check_slides(f: _File, check: MinSlides) -> CheckResult:
    if f.kind != "pptx":
        return CheckResult(check_type=check.type, passed=False, detail=f"a {f.kind} file has no slides")
    n = f.slide_count()
    return CheckResult(
        check_type=check.type, passed=n >= check.count, detail=f"{n} slide(s); at least {check.count} required"
    )


def _check_words(f: _File, check: MinWords) -> CheckResult:
    n = len(re.findall(r"\w+(?:['’-]\w+)*", f.text()))
    return CheckResult(
        check_type=check.type, passed=n >= check.count, detail=f"{n} word(s); at least {check.count} required"
    )


def _context(f: _File, phrase: str) -> str:
    text = f.norm_text()
    at = text.find(phrase)
    return text[max(at - 40, 0) : at + len(phrase) + 40]


def _check_mentions(f: _File, check: Mentions) -> CheckResult:
    phrase = _norm(check.text)
    if phrase in f.norm_text():
        return CheckResult(
            check_type=check.type, passed=True, detail=f"mentions {check.text!r}: \u2026{_context(f, phrase)}\u2026"
        )
    return CheckResult(check_type=check.type, passed=False, detail=f"the text never mentions {check.text!r}")


def _check_fact(f: _File, check: StatesFact) -> CheckResult:
    phrase = _norm(check.value)
    about = f"{check.topic!r} from {check.collaborator}"
    if phrase in f.norm_text():
        return CheckResult(
            check_type=check.type,
            passed=True,
            detail=f"states {check.value!r} ({about}): \u2026{_context(f, phrase)}\u2026",
        )
    return CheckResult(
        check_type=check.type,
        passed=False,
        detail=f"does not state {check.value!r}, the fact on {about} (not on the disk; ask them)",
    )


def _check_value(f: _File, check: QuotesValue) -> CheckResult:
    label = f"{check.label} " if check.label else ""
    expected = f"{label}{_fmt(check.value)} from {check.source} ({check.locator}) within {check.tolerance:.2%}"
    stated = f.stated_numbers()
    if any(_matches(check.value, v, d, check.tolerance) for v, d in stated):
        return CheckResult(check_type=check.type, passed=True, detail=f"states {expected}")
    values = list(dict.fromkeys(v for v, _ in stated))
    if not values:
        return CheckResult(check_type=check.type, passed=False, detail=f"expected {expected}; it states no numbers")
    closest = min(values, key=lambda v: abs(v - check.value))
    shown = _listing([_fmt(v) for v in values]).replace("'", "")
    return CheckResult(
        check_type=check.type,
        passed=False,
        detail=f"expected {expected}; it states {len(values)} number(s): {shown} (closest {_fmt(closest)})",
    )


def _check_sent(
    deliverable: Deliverable, check: SentTo, sent_mail: Sequence[SentMail], address: str | None, data: bytes | None
) -> CheckResult:
    name = deliverable.path.rsplit("/", 1)[-1]
    who = f"{check.collaborator} <{address}>" if address else check.collaborator
    to_them = [m for m in sent_mail if _is_recipient(m, check.collaborator, address)]
    carrying = [m for m in to_them if any(a.casefold() == name.casefold() for a, _ in m.attachments)]
    if carrying:
        digest = hashlib.sha256(data).hexdigest() if data is not None else None
        same = [m for m in carrying if any(h == digest for _, h in m.attachments)]
        version = "the final version" if same else "an earlier version (the file changed since)"
        return CheckResult(
            check_type=check.type,
            passed=True,
            detail=f"sent to {who} in {len(carrying)} mail(s), e.g. {carrying[-1].subject!r}, with {version}",
        )
    if not to_them:
        return CheckResult(
            check_type=check.type,
            passed=False,
            detail=f"no mail in the sent folder goes to {who} ({len(sent_mail)} sent in all)",
        )
    attached = sorted({a for m in to_them for a, _ in m.attachments})
    return CheckResult(
        check_type=check.type,
        passed=False,
        detail=f"{len(to_them)} mail(s) went to {who} but none attaches {name!r}; they attach {_listing(attached)}",
    )


def check_deliverable(
    disk: VirtualDisk,
    deliverable: Deliverable,
    *,
    sent_mail: list[SentMail] | None = None,
    addresses: Mapping[str, str] | None = None,
) -> DeliverableAudit:
    """Evaluate every acceptance check of ``deliverable`` on ``disk`` (the end state), in plain words.

    Args:
        disk: The end-state disk (e.g. ``VirtualDisk.from_archive(run / "final.scdisk")``).
        deliverable: The deliverable and its checks.
        sent_mail: The user's sent mail (:func:`load_sent_mail`); read from ``Mail/Sent`` on the disk when None and
            a ``sent_to`` check needs it.
        addresses: Collaborator identifier -> address (:func:`collaborator_addresses`); without it a recipient
            matches by display name or mailbox name (``diego_moreno`` ~ ``Diego Moreno <diego.moreno@...>``).

    Returns:
        The audit: one :class:`CheckResult` per check, in the order of ``deliverable.acceptance_checks``. A missing
        file fails every file check with the reason; ``sent_to`` is still evaluated from the mail.
    """
    path = deliverable.path
    data = disk.read_bytes(path) if disk.is_file(path) else None
    f = _File(path, deliverable.kind, data) if data is not None else None
    broken = f.open_error() if f is not None else None
    if f is None:
        name = path.rsplit("/", 1)[-1].casefold()
        elsewhere = [i.path for i in disk.walk() if not i.is_dir and i.path.rsplit("/", 1)[-1].casefold() == name]
        reason = f"{path} does not exist" + (f" (a file of that name is at {_listing(elsewhere)})" if elsewhere else "")
    else:
        reason = f"{path} does not open as {deliverable.kind}: {broken}"
    results: list[CheckResult] = []
    for check in deliverable.acceptance_checks:
        if isinstance(check, SentTo):
            if sent_mail is None:
                sent_mail = load_sent_mail(disk)
            address = (addresses or {}).get(check.collaborator)
            results.append(_check_sent(deliverable, check, sent_mail, address, data))
        elif f is None or (broken and not isinstance(check, FileExists)):
            results.append(CheckResult(check_type=check.type, passed=False, detail=reason))
        elif isinstance(check, FileExists):
            results.append(_check_exists(f, deliverable))
        else:
            results.append(_run_file_check(f, check))
    return DeliverableAudit(
        deliverable_id=deliverable.deliverable_id,
        path=path,
        kind=deliverable.kind,
        exists=f is not None,
        checks=results,
    )


def _run_file_check(f: _File, check: Any) -> CheckResult:
    try:
        if isinstance(check, HasHeadings):
            return _check_headings(f, check)
        if isinstance(check, HasSheets):
            return _check_sheets(f, check)
        if isinstance(check, HasColumns):
            return _check_columns(f, check)
        if isinstance(check, MinSlides):
            return _check_slides(f, check)
        if isinstance(check, MinWords):
            return _check_words(f, check)
        if isinstance(check, Mentions):
            return _check_mentions(f, check)
        if isinstance(check, StatesFact):
            return _check_fact(f, check)
        if isinstance(check, QuotesValue):
            return _check_value(f, check)
    except OfficeError as exc:
        return CheckResult(check_type=check.type, passed=False, detail=f"{f.path} could not be read: {exc}")
    return CheckResult(check_type=str(getattr(check, "type", "?")), passed=False, detail="unknown check type")


def audit_plan(
    disk: VirtualDisk,
    plan: ObjectivePlan,
    *,
    addresses: Mapping[str, str] | None = None,
    sent_folder: str = DEFAULT_SENT_FOLDER,
) -> list[DeliverableAudit]:
    """Audit every deliverable of ``plan`` on ``disk``, in plan order, reading the sent folder once."""
    sent = load_sent_mail(disk, sent_folder)
    return [check_deliverable(disk, d, sent_mail=sent, addresses=addresses) for d in plan.deliverables()]

"""Evidence a check reads: a deliverable file's views (text, headings, cells, slides), the numbers a text states,
and the user's mail.

Each deliverable file is read once; its text, headings, workbook cells and slide count are derived from those bytes
lazily and at most once. Numbers are read the way people write them (``1,465,552.50``, ``1.465.552,50``,
``1 465 552,50``, ``1.47m``, ``EUR 12k``, ``(1,200)``, ``12.5%``).

Example:
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

from ..disk import VirtualDisk
from ..office import OfficeError, evaluate_workbook, extract_text, strip_inline

__all__ = [
    "DEFAULT_SENT_FOLDER",
    "DeliverableFile",
    "SentMail",
    "collaborator_addresses",
    "load_received_mail",
    "load_sent_mail",
    "norm",
    "parse_numbers",
]

DEFAULT_SENT_FOLDER = "Mail/Sent"
DEFAULT_INBOX_FOLDER = "Mail/Inbox"
_MAX_LISTED = 12


@dataclass(frozen=True)
class SentMail:
    """One message of a mail folder (sent or received): sender, recipients, attachments, threading and body."""

    path: str
    subject: str
    recipients: tuple[tuple[str, str], ...]  # (display name, bare lower-case address) of To and Cc
    attachments: tuple[tuple[str, str], ...] = field(default=())  # (filename, sha256 of the content)
    sender: tuple[str, str] = ("", "")  # (display name, bare lower-case address) of From
    message_id: str = ""
    in_reply_to: str = ""
    timestamp: float = 0.0  # the Date header as POSIX seconds (0 when missing)
    body: str = ""


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
    if not frac.isdigit():  # "1.002 987": the mark groups thousands, the space groups again
        return [float(re.sub(r"\D", "", body))]
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
    if stated == 0 or (digits < 2 and abs(stated) >= 1):
        return False  # "2m" must not match anything between 1.5m and 2.5m; "-0.9%" may stand for -0.009439
    unit = 10.0 ** (math.floor(math.log10(abs(stated))) - digits + 1)  # rounding to the digits stated
    return abs(stated - expected) <= unit / 2 + 1e-9 * abs(expected)


def _fmt(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------------------------------
# One deliverable file, read once
# ---------------------------------------------------------------------------------------------------------------------


def norm(text: str) -> str:
    """Casefolded NFKC text with straight quotes, plain hyphens and single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", re.sub(r"[‐‑‒–—]", "-", text)).strip()


class DeliverableFile:
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
        from ..office import load_workbook_safely, open_docx, open_pdf, open_pptx

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
            if self.kind == "csv":  # cells side by side, not "a,b": a comma would hide the number after it
                return "\n".join("\t".join(row) for row in csv.reader(io.StringIO(raw)))
            return strip_inline(raw) if self.kind == "md" else raw

        return str(self._memo("text", build))

    def norm_text(self) -> str:
        return str(self._memo("norm", lambda: norm(self.text())))

    def headings(self) -> list[str]:
        return list(self._memo("headings", self._headings))

    def _headings(self) -> list[str]:
        if self.kind == "docx":
            from ..office import docx_blocks, open_docx

            doc = self._cache.get("docx") or open_docx(self.data, self.name)
            return [b.plain for b in docx_blocks(doc) if b.kind == "heading"]
        if self.kind == "pptx":
            from ..office import open_pptx

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
            from ..office import load_workbook_safely

            book = self._cache.get("workbook") or load_workbook_safely(self.data, self.name)
            return list(book.sheetnames)

        return list(self._memo("sheets", build))

    def slide_count(self) -> int:
        from ..office import open_pptx

        prs = self._cache.get("pptx") or open_pptx(self.data, self.name)
        return len(prs.slides)

    def stated_numbers(self) -> list[tuple[float, int]]:
        def build() -> list[tuple[float, int]]:
            found = parse_signed(self.text())
            if self.kind == "xlsx":
                for sheet in self.cells().values():
                    for value in sheet.values():
                        if isinstance(value, (int, float)) and not isinstance(value, bool):
                            found.append((float(value), 15))
            return found

        return list(self._memo("numbers", build))


_SIGN_IN_WORDS = re.compile(
    r"(?<![\d.,])(\d[\d.,]*\s?(?:%|percent|per cent)?)\s+(?:below|under|down on|down|behind|short of|lower than|"
    r"less than|lower|fewer)\b",
    re.IGNORECASE,
)


def parse_signed(text: str) -> list[tuple[float, int]]:
    """(value, significant digits) of every number stated, plus the signed reading of a change whose sign is in
    words ("0.9% below plan" also states -0.9%)."""
    found = _parse(text)
    for m in _SIGN_IN_WORDS.finditer(text):
        found += [(-v, d) for v, d in _parse(m.group(1)) if v > 0]
    return found


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


def load_received_mail(disk: VirtualDisk, folder: str = DEFAULT_INBOX_FOLDER) -> list[SentMail]:
    """Parse every ``.eml`` the user received (``Mail/Inbox`` by default); see :func:`load_sent_mail`."""
    return load_sent_mail(disk, folder)


def load_sent_mail(disk: VirtualDisk, folder: str = DEFAULT_SENT_FOLDER) -> list[SentMail]:
    """Parse every ``.eml`` in the user's sent folder (``Mail/Sent`` by default) once: recipients, attachments,
    threading headers and the plain-text body.

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
        senders = email.utils.getaddresses([str(msg["From"] or "")])
        sender = (senders[0][0], senders[0][1].lower()) if senders and senders[0][1] else ("", "")
        try:
            when = email.utils.parsedate_to_datetime(str(msg["Date"])).timestamp() if msg["Date"] else 0.0
        except (TypeError, ValueError):
            when = 0.0
        text_part = msg.get_body(preferencelist=("plain",))
        body = text_part.get_content() if text_part is not None else ""
        out.append(
            SentMail(
                info.path,
                str(msg["Subject"] or ""),
                recipients,
                tuple(attachments),
                sender=sender,
                message_id=str(msg["Message-ID"] or "").strip(),
                in_reply_to=str(msg["In-Reply-To"] or "").strip(),
                timestamp=when,
                body=str(body)[:20_000],
            )
        )
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


# Public names of the helpers the signals package shares with the checks (exported by ``objectives``).
format_number = _fmt
quoted_list = _listing
number_matches = _matches
stated_numbers = _parse
stated_numbers_at = _parse_at

"""Independent validation of a generated computer: every file opens, every graph edge is honoured.

:func:`validate_computer` reads a computer (a :class:`~synthcomp_agents.computers.GeneratedComputer`, a computer
folder with ``computer.json`` + ``home/``, or a bare home folder) and checks:

- **files**: each file opens in its library (python-docx, openpyxl, python-pptx, pypdf, ``email``, icalendar,
  Pillow, ``zipfile``, ``csv``, ``json``; text files must decode); identical contents are opened once;
- **edges** (reading *both* files of each ``file_graph`` edge):

  - ``attachment_of``: the target e-mail (or zip / calendar) carries the source's exact bytes;
  - ``version_of``: the two files differ, in bytes and in text, and share structure (headings, sheet and column
    names, slide titles: the short lines of their text);
  - ``derived_from`` / ``summarizes`` / ``input_to``: when the source holds figures (a workbook's *computed*
    values via :func:`~synthcomp_agents.office.evaluate_workbook`, a CSV's cells, numbers in a document), at least
    one significant figure stated in the target is among them (rounding, thousands separators, ``k``/``m``
    suffixes and percentages of ratios are understood); otherwise the two texts share distinctive words;
  - ``references``: the target names the source (file name, stem, document title, e-mail subject or
    ``Message-ID`` in the reply headers, calendar event summary);

- **times and metadata** against the blueprint: every planned file exists and every file is planned; disk times
  (or the folder's mtimes) equal the planned ones; office core properties are not newer than the file and name
  the planned author; e-mail ``Date`` headers fall within the file's planned life; plus the blueprint's own
  cross-field and temporal graph rules (:meth:`~synthcomp_agents.computers.ComputerBlueprint.problems`).

The edge check is exposed as :func:`check_edge` so that generators can verify an edge right after writing a file
(the LLM generator feeds its message back to the model).

Example:
    >>> from synthcomp_agents.computers import ProceduralComputerGenerator
    >>> report = validate_computer(ProceduralComputerGenerator().generate("A buyer in Lyon", seed=1))  # doctest: +SKIP
    >>> report.ok, report.problems[:1]  # doctest: +SKIP
    (True, [])
"""

from __future__ import annotations

import csv
import email
import email.policy
import functools
import hashlib
import io
import json
import math
import os
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..disk import VirtualDisk
from ._blueprint import ComputerBlueprint, FileEdge, PlannedFile, extension_of, kind_for_path

if TYPE_CHECKING:
    from ._generator import GeneratedComputer

__all__ = [
    "EdgeCheck",
    "FileCheck",
    "ValidationReport",
    "check_edge",
    "check_file",
    "dated_after_save",
    "figures",
    "validate_computer",
]

_UTC = timezone.utc
_SLACK = timedelta(minutes=1)
_MAX_TEXT = 200_000
_MAX_OPEN_BYTES = 64 * 2**20
_SPREADSHEET_EXTS = frozenset({".xlsx", ".xlsm", ".csv", ".tsv"})
_OFFICE_EXTS = frozenset({".docx", ".xlsx", ".xlsm", ".pptx", ".pdf"})
_DERIVED = frozenset({"derived_from", "summarizes", "input_to"})

EdgeStatus = Literal["ok", "problem", "unverified"]

# ---------------------------------------------------------------------------------------------------------------------
# Figures in text and workbooks
# ---------------------------------------------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![\w.])(?<!\d,)(?P<sign>[-−–]?)(?P<num>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<suffix>\s?(?:%|k\b|K\b|m\b|M\b|mn\b|bn\b|million\b|billion\b|thousand\b))?"
)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


@dataclass(frozen=True)
class Figure:
    """A number stated in text: its value, how many decimals it was written with, and whether it is a percent."""

    value: float
    decimals: int
    percent: bool = False
    scale: float = 1.0
    text: str = ""

    @property
    def tolerance(self) -> float:
        """Half a unit of the last written digit (what rounding to the stated precision allows)."""
        return 0.5 * 10.0 ** (-self.decimals) * self.scale + 1e-9

    @property
    def significant(self) -> bool:
        """True for figures worth matching: not a year, a day or a small count."""
        if self.percent:
            return self.value != 0 and (self.decimals > 0 or abs(self.value) >= 10)
        if self.decimals == 0 and self.scale == 1.0 and 1900 <= abs(self.value) <= 2100:
            return False
        return abs(self.value) >= 100 or (self.decimals > 0 and abs(self.value) >= 1)


def figures(text: str) -> list[Figure]:
    """Return the numbers stated in ``text`` (thousands separators, decimals, ``%`` and ``k``/``m``/``bn``).

    Digits inside dates such as ``2025-03-10`` come out as separate small numbers and a year, which
    :attr:`Figure.significant` ignores.

    Example:
        >>> [(f.value, f.percent) for f in figures("Spend EUR 1,284,650 (-4.9%) vs 1.3m plan")]
        [(1284650.0, False), (-4.9, True), (1300000.0, False)]
    """
    out: list[Figure] = []
    for match in _NUMBER.finditer(text):
        raw = match.group("num")
        try:
            value = float(raw.replace(",", ""))
        except ValueError:  # pragma: no cover - the pattern only matches numbers
            continue
        decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
        if match.group("sign"):
            value = -value
        suffix = (match.group("suffix") or "").strip()
        percent = suffix == "%"
        scale = _SCALES.get(suffix.lower(), 1.0) if suffix and not percent else 1.0
        out.append(Figure(value * scale, decimals, percent, scale, match.group(0)))
    return out


_DOT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,])")


def _matches(figure: Figure, values: list[float]) -> bool:
    candidates = [figure.value]
    if figure.percent:
        candidates.append(figure.value / 100.0)
    grouped = _DOT_THOUSANDS.search(figure.text)
    if grouped and not figure.percent:  # "1.021" written the Spanish or German way is a thousand and twenty-one
        whole = float(grouped.group(0).replace(".", "")) * figure.scale
        candidates.append(-whole if figure.value < 0 else whole)
    for cand in candidates:
        tol = figure.tolerance if cand == figure.value else figure.tolerance / 100.0
        if grouped and cand != figure.value and not figure.percent:
            tol = 0.5 * figure.scale + 1e-9
        for value in values:
            if abs(abs(cand) - abs(value)) <= tol:
                return True
    return False


# ---------------------------------------------------------------------------------------------------------------------
# Reading one file (cached per content)
# ---------------------------------------------------------------------------------------------------------------------


class _Reader:
    """Per-content caches: text, computed values, titles, e-mail objects."""

    def __init__(self) -> None:
        self._text: dict[tuple[str, str], str] = {}
        self._values: dict[tuple[str, str], list[float]] = {}
        self._title: dict[tuple[str, str], list[str]] = {}
        self._props: dict[tuple[str, str], dict[str, Any] | None] = {}

    def props(self, name: str, data: bytes) -> dict[str, Any] | None:
        """Core properties, cached per content."""
        key = self._key(name, data)
        if key not in self._props:
            self._props[key] = _core_properties(name, data)
        return self._props[key]

    @staticmethod
    def _key(name: str, data: bytes) -> tuple[str, str]:
        return (extension_of(name), hashlib.sha256(data).hexdigest())

    def text(self, name: str, data: bytes) -> str:
        key = self._key(name, data)
        if key not in self._text:
            from synthcomp_agents.office import extract_text

            ext = extension_of(name)
            try:
                if ext == ".ics":
                    text = _ics_text(data)
                elif ext in (".png", ".jpg", ".jpeg", ".gif", ".zip", ".dmg", ".pkg", ".exe", ".msi", ".deb"):
                    text = ""
                else:
                    text = extract_text(posixpath.basename(name) or "file.txt", data, max_chars=_MAX_TEXT)
            except Exception:
                text = ""
            self._text[key] = text
        return self._text[key]

    def values(self, name: str, data: bytes) -> list[float]:
        """Numeric values a file holds: computed workbook cells, CSV cells, or figures in its text."""
        key = self._key(name, data)
        if key not in self._values:
            values: list[float] = []
            ext = extension_of(name)
            if ext in (".xlsx", ".xlsm"):
                from synthcomp_agents.office import evaluate_workbook

                try:
                    book = evaluate_workbook(data, time_budget_s=5.0)
                except Exception:
                    book = {}
                for cells in book.values():
                    for value in cells.values():
                        if isinstance(value, bool):
                            continue
                        if isinstance(value, int | float) and math.isfinite(value):
                            values.append(float(value))
                            if abs(value) < 10:
                                values.append(float(value) * 100.0)  # a ratio cell quoted as a percentage
                        elif isinstance(value, str):
                            values.extend(f.value for f in figures(value))
            elif ext in (".csv", ".tsv"):
                values = _csv_values(data, "\t" if ext == ".tsv" else ",")
            else:
                for fig in figures(self.text(name, data)):
                    values.append(fig.value)
                    if fig.percent:
                        values.append(fig.value / 100.0)
            self._values[key] = values
        return self._values[key]

    def titles(self, name: str, data: bytes) -> list[str]:
        """Names a reference can use: document title, e-mail subject and Message-ID, calendar summaries."""
        key = self._key(name, data)
        if key not in self._title:
            self._title[key] = [t for t in _titles(name, data, self.text(name, data)) if t and len(t) >= 4]
        return self._title[key]


def _csv_values(data: bytes, delimiter: str) -> list[float]:
    values: list[float] = []
    try:
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace")), delimiter=delimiter)
        for row in rows:
            for cell in row:
                cell = cell.strip().replace(",", "") if delimiter != "," else cell.strip()
                try:
                    value = float(cell.rstrip("%"))
                except ValueError:
                    values.extend(f.value for f in figures(cell))
                    continue
                if math.isfinite(value):
                    values.append(value / 100.0 if cell.endswith("%") else value)
    except csv.Error:
        pass
    return values


def _ics_text(data: bytes) -> str:
    import icalendar

    cal = icalendar.Calendar.from_ical(data)
    lines: list[str] = []
    name = cal.get("X-WR-CALNAME")
    if name:
        lines.append(str(name))
    for event in cal.walk("VEVENT"):
        for prop in ("SUMMARY", "DESCRIPTION", "LOCATION"):
            value = event.get(prop)
            if value:
                lines.append(str(value))
    return "\n".join(lines)


def _titles(name: str, data: bytes, text: str) -> list[str]:
    ext = extension_of(name)
    out: list[str] = []
    try:
        props = _core_properties(name, data)
        title = props.get("title") if props else None
        if title:
            out.append(title)
        if ext == ".eml":
            msg = _parse_email(data)
            subject = re.sub(r"^\s*((re|fw|fwd|aw|wg)\s*:\s*)+", "", str(msg.get("Subject", "")), flags=re.I)
            out.extend([subject.strip(), str(msg.get("Message-ID", "")).strip()])
        elif ext == ".ics":
            import icalendar

            cal = icalendar.Calendar.from_ical(data)
            if cal.get("X-WR-CALNAME"):
                out.append(str(cal.get("X-WR-CALNAME")))
            out.extend(str(e.get("SUMMARY")) for e in cal.walk("VEVENT") if e.get("SUMMARY"))
        elif ext in (".md", ".markdown", ".txt", ".docx", ".pdf", ".pptx") and text.strip():
            first = text.strip().splitlines()[0].lstrip("# ").strip()
            if len(first) <= 120:
                out.append(first)
    except Exception:
        pass
    return out


@functools.lru_cache(maxsize=512)
def _parse_email(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _attachments(msg: EmailMessage) -> Iterator[tuple[str, bytes]]:
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            yield (part.get_filename() or "", payload)


_CORE_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
}


def _core_properties(name: str, data: bytes) -> dict[str, Any] | None:
    """Title, author, last_modified_by, created, modified of an office file (None when it has none).

    OOXML files (docx, xlsx, pptx) are read from ``docProps/core.xml`` directly (the part every library writes and
    reads them from); PDFs from their document information dictionary.
    """
    ext = extension_of(name)
    try:
        if ext in (".docx", ".xlsx", ".xlsm", ".pptx"):
            import xml.etree.ElementTree as ET

            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "docProps/core.xml" not in zf.namelist():
                    return None
                info = zf.getinfo("docProps/core.xml")
                if info.file_size > 1_000_000:
                    return None
                root = ET.fromstring(zf.read(info))

            def text(tag: str) -> str | None:
                node = root.find(tag, _CORE_NS)
                return node.text.strip() if node is not None and node.text else None

            return {
                "title": text("dc:title"),
                "author": text("dc:creator"),
                "last_modified_by": text("cp:lastModifiedBy"),
                "created": _parse_time(text("dcterms:created")),
                "modified": _parse_time(text("dcterms:modified")),
            }
        if ext == ".pdf":
            import pypdf

            meta = pypdf.PdfReader(io.BytesIO(data)).metadata
            if meta is None:
                return None
            return {
                "title": meta.title,
                "author": meta.author,
                "last_modified_by": None,
                "created": _aware(meta.creation_date),
                "modified": _aware(meta.modification_date),
            }
    except Exception:
        return None
    return None


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return _aware(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def _aware(value: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=_UTC)


# ---------------------------------------------------------------------------------------------------------------------
# Per-file check
# ---------------------------------------------------------------------------------------------------------------------


def check_file(name: str, data: bytes) -> str | None:
    """Open a file in its library; return a problem sentence, or None when it opens.

    Kinds without a library here (installers, media, unknown extensions) are accepted unopened.

    Example:
        >>> check_file("notes.md", b"# Plan"), check_file("q3.docx", b"not a zip") is not None
        (None, True)
    """
    ext = extension_of(name)
    base = posixpath.basename(name) or "file"
    if len(data) > _MAX_OPEN_BYTES:
        return None
    try:
        if ext in (".docx", ".xlsx", ".xlsm", ".pptx", ".pdf", ".eml", ".csv", ".tsv"):
            if not data:
                return f"{name}: empty file (0 bytes) is not a valid {ext[1:]} file"
            from synthcomp_agents.office import outline

            outline(base, data)
            if ext == ".pdf":
                import pypdf

                if not pypdf.PdfReader(io.BytesIO(data)).pages:
                    return f"{name}: the PDF has no pages"
            if ext == ".eml":
                msg = _parse_email(data)
                if not msg.get("From") or not msg.get("Date"):
                    return f"{name}: the e-mail lacks a From or Date header"
                list(_attachments(msg))
            if ext in (".csv", ".tsv"):
                text = data.decode("utf-8-sig")
                list(csv.reader(io.StringIO(text), delimiter="\t" if ext == ".tsv" else ","))
        elif ext == ".ics":
            import icalendar

            cal = icalendar.Calendar.from_ical(data)
            if not cal.walk("VEVENT") and not cal.walk("VTODO"):
                return f"{name}: the calendar has no events"
        elif ext in (".png", ".jpg", ".jpeg", ".gif"):
            from PIL import Image

            with Image.open(io.BytesIO(data)) as img:
                img.verify()
        elif ext == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                bad = zf.testzip()
                if bad is not None:
                    return f"{name}: zip member {bad!r} is corrupt"
        elif ext == ".json":
            json.loads(data.decode("utf-8-sig"))
        elif ext == ".svg":
            import xml.etree.ElementTree as ET

            ET.fromstring(data)
        elif kind_for_path(name) in ("md", "txt", "html", "vcf") and data:
            data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return f"{name}: not valid UTF-8 text"
    except Exception as exc:
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        return f"{name}: does not open as a {ext[1:] or 'text'} file ({detail})"
    return None


# ---------------------------------------------------------------------------------------------------------------------
# Per-edge check
# ---------------------------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'-]{3,}", re.UNICODE)
_STOP_WORDS = (
    "this that with from have been will were they them their there what when which would could should about into "
    "than then also only over more most some such each other these those your ours ourselves please thanks regards "
    "best kind dear hello team page file files sheet total"
)
_STOP = frozenset(_STOP_WORDS.split())


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)} - _STOP


def _short_lines(text: str) -> set[str]:
    out = set()
    for line in text.splitlines():
        clean = " ".join(re.sub(r"[#*|>\-\t]+", " ", line).split()).casefold()
        if 3 <= len(clean) <= 80 and not figures(clean):
            out.add(clean)
    return out


def _tokens(text: str) -> set[str]:
    """Distinctive words and number/date tokens (``2025-12-08``), case-folded."""
    return _words(text) | {t.casefold() for t in re.findall(r"\d[\d\-./:]*\d|\d", text) if len(t) >= 2}


def _norm_name(text: str) -> str:
    return " ".join(re.sub(r"[_\-.]+", " ", text).casefold().split())


@dataclass
class EdgeCheck:
    """The result of checking one graph edge by reading both files.

    Attributes:
        source: Upstream file.
        target: Downstream file.
        type: Edge type.
        status: ``ok``, ``problem`` or ``unverified`` (nothing to compare, e.g. an image source).
        detail: What was found (matched figures, the mention, or the problem in plain words).
    """

    source: str
    target: str
    type: str
    status: EdgeStatus
    detail: str = ""


def check_edge(
    edge: FileEdge | tuple[str, str, str],
    source_data: bytes,
    target_data: bytes,
    *,
    reader: Any = None,
) -> EdgeCheck:
    """Check that one ``file_graph`` edge is honoured by the two files' contents.

    Args:
        edge: The edge, or ``(source_path, target_path, type)``.
        source_data: Bytes of the upstream file.
        target_data: Bytes of the downstream file.
        reader: Internal cache (share one across many calls).

    Returns:
        An :class:`EdgeCheck`; ``status == "problem"`` comes with a sentence saying what is missing.

    Example:
        >>> r = check_edge(("a.csv", "b.md", "derived_from"), b"item,amount\\nA,1200\\nB,830\\n",
        ...                b"# Memo\\nSpend was 2,030 in total; item A alone 1,200.")
        >>> r.status, r.detail
        ('ok', 'target states 1 figure(s) found in the source: 1,200')
    """
    src, dst, etype = (edge.source, edge.target, edge.type) if isinstance(edge, FileEdge) else edge
    rd: _Reader = reader if isinstance(reader, _Reader) else _Reader()
    arrow = f"{src!r} -{etype}-> {dst!r}"

    def result(status: EdgeStatus, detail: str) -> EdgeCheck:
        return EdgeCheck(src, dst, etype, status, detail if status != "problem" else f"{arrow}: {detail}")

    if etype == "attachment_of":
        return result(*_attachment(src, source_data, dst, target_data))
    if etype == "version_of":
        return result(*_version(src, source_data, dst, target_data, rd))
    if etype == "references":
        return result(*_reference(src, source_data, dst, target_data, rd))
    return result(*_derived(src, source_data, dst, target_data, rd))


def _attachment(src: str, sdata: bytes, dst: str, tdata: bytes) -> tuple[EdgeStatus, str]:
    ext = extension_of(dst)
    name = posixpath.basename(src)
    if ext == ".eml":
        found = list(_attachments(_parse_email(tdata)))
        if any(payload == sdata for _, payload in found):
            return "ok", "the e-mail carries the exact bytes"
        same_name = [n for n, _ in found if n == name]
        if same_name:
            return "problem", f"the attachment {name!r} differs from the source file's bytes"
        shown = ", ".join(repr(n) for n, _ in found) or "none"
        return "problem", f"the e-mail does not carry the source file (attachments: {shown})"
    if ext == ".zip":
        with zipfile.ZipFile(io.BytesIO(tdata)) as zf:
            if any(zf.read(info) == sdata for info in zf.infolist() if not info.is_dir()):
                return "ok", "the archive holds the exact bytes"
        return "problem", "the archive holds no member with the source file's bytes"
    if ext == ".ics":
        import icalendar

        cal = icalendar.Calendar.from_ical(tdata)
        for event in cal.walk("VEVENT"):
            attach = event.get("ATTACH")
            for item in attach if isinstance(attach, list) else [attach] if attach is not None else []:
                try:
                    if bytes(item) == sdata or (hasattr(item, "to_ical") and item.to_ical() == sdata):
                        return "ok", "the calendar event carries the exact bytes"
                except Exception:
                    continue
        return "problem", "no calendar event carries the source file's bytes"
    return "problem", f"a {ext or 'plain'} file cannot carry attachments"


def _version(src: str, sdata: bytes, dst: str, tdata: bytes, rd: _Reader) -> tuple[EdgeStatus, str]:
    if sdata == tdata:
        return "problem", "the newer version is byte-identical to the older one"
    if kind_for_path(src) != kind_for_path(dst):
        return "problem", f"the versions are different kinds of file ({kind_for_path(src)} vs {kind_for_path(dst)})"
    stext, ttext = rd.text(src, sdata), rd.text(dst, tdata)
    if not stext.strip() or not ttext.strip():
        return "unverified", "no text to compare"
    if stext == ttext:
        return "problem", "the newer version has exactly the same text as the older one"
    slines, tlines = _short_lines(stext), _short_lines(ttext)
    shared = slines & tlines
    if len(shared) >= 2 or (slines and len(shared) / min(len(slines), len(tlines) or 1) >= 0.2):
        return "ok", f"differ; share {len(shared)} structural line(s)"
    swords, twords = _words(stext), _words(ttext)
    jac = len(swords & twords) / max(1, len(swords | twords))
    if jac >= 0.3:
        return "ok", f"differ; share {jac:.0%} of their vocabulary"
    return "problem", "the two versions share no structure (no common headings, sheet, column or slide titles)"


def _derived(src: str, sdata: bytes, dst: str, tdata: bytes, rd: _Reader) -> tuple[EdgeStatus, str]:
    ttext = rd.text(dst, tdata)
    to_sheet = extension_of(dst) in _SPREADSHEET_EXTS
    tfigs = [Figure(v, 2 if v != int(v) else 0) for v in rd.values(dst, tdata)] if to_sheet else figures(ttext)
    tsig = [f for f in tfigs if f.significant]
    from_sheet = extension_of(src) in _SPREADSHEET_EXTS
    svalues = rd.values(src, sdata)
    if from_sheet and to_sheet:
        # a table fed into a table: small numbers count too (e.g. amounts in thousands), but several must be shared
        common = {v for v in rd.values(dst, tdata) if not (v == int(v) and 1900 <= abs(v) <= 2100)} & set(svalues)
        if len(common) >= 3:
            return "ok", f"the target holds {len(common)} of the source's values"
    ssig = [v for v in svalues if abs(v) >= 100 or (v != int(v) and abs(v) >= 1)]
    if from_sheet or (ssig and tsig):
        matched = [f for f in tsig if _matches(f, svalues)]
        if matched:
            shown = ", ".join(dict.fromkeys(f.text.strip() or f"{f.value:g}" for f in matched[:5]))
            return "ok", f"target states {len(matched)} figure(s) found in the source: {shown}"
        if from_sheet:
            if not tsig:
                return "problem", "the target states no figures, though its source is a spreadsheet"
            shown = ", ".join(f.text.strip() or f"{f.value:g}" for f in tsig[:5])
            return "problem", (f"none of the figures the target states ({shown}) is among the source's computed values")
    stext = rd.text(src, sdata)
    if not stext.strip() or not ttext.strip():
        return "unverified", "no text to compare"
    shared = _words(stext) & _words(ttext)
    if len(shared) >= 8 or len(shared) / max(1, min(len(_words(stext)), len(_words(ttext)))) >= 0.3:
        return "ok", f"share {len(shared)} distinctive words"
    return "problem", f"the target shares almost nothing with its source ({len(shared)} common words)"


def _reference(src: str, sdata: bytes, dst: str, tdata: bytes, rd: _Reader) -> tuple[EdgeStatus, str]:
    haystack = rd.text(dst, tdata)
    if extension_of(dst) == ".eml":
        msg = _parse_email(tdata)
        haystack += "\n" + " ".join(str(msg.get(h, "")) for h in ("Subject", "In-Reply-To", "References"))
        if extension_of(src) == ".eml":
            mid = str(_parse_email(sdata).get("Message-ID", "")).strip()
            if mid and mid in haystack:
                return "ok", f"replies to {mid}"
    folded = haystack.casefold()
    normed = _norm_name(haystack)
    base = posixpath.basename(src)
    stem = posixpath.splitext(base)[0]
    for needle in (base, stem):
        if len(needle) >= 3 and (needle.casefold() in folded or _norm_name(needle) in normed):
            return "ok", f"names {needle!r}"
    tokens = _tokens(haystack)
    for title in rd.titles(src, sdata):
        if title.casefold() in folded or _norm_name(title) in normed:
            return "ok", f"names the title {title!r}"
        wanted = _tokens(title)
        if len(wanted) >= 3 and wanted <= tokens:
            return "ok", f"names every word of the title {title!r}"
    return "problem", f"the target mentions neither the file name {base!r} nor its title"


# ---------------------------------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------------------------------


@dataclass
class FileCheck:
    """The result of opening one file.

    Attributes:
        path: Home-relative path.
        kind: File kind (from the extension).
        ok: True when it opened.
        problem: Why not.
    """

    path: str
    kind: str
    ok: bool
    problem: str | None = None


@dataclass
class ValidationReport:
    """What :func:`validate_computer` found.

    Attributes:
        computer_id: The computer's id (None for a bare home folder).
        files: One entry per file opened.
        edges: One entry per graph edge.
        problems: Every problem in plain words (files, edges, times, metadata, blueprint).
        notes: Informational remarks (e.g. edges that could not be verified).

    Example:
        >>> r = ValidationReport(computer_id="c1")
        >>> r.ok, r.to_json()["ok"]
        (True, True)
    """

    computer_id: str | None = None
    files: list[FileCheck] = field(default_factory=list)
    edges: list[EdgeCheck] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict: ``ok``, counts, ``problems``, ``notes``, per-edge results."""
        return {
            "computer_id": self.computer_id,
            "ok": self.ok,
            "files_checked": len(self.files),
            "files_failed": sum(1 for f in self.files if not f.ok),
            "edges_checked": len(self.edges),
            "edges_ok": sum(1 for e in self.edges if e.status == "ok"),
            "edges_unverified": sum(1 for e in self.edges if e.status == "unverified"),
            "problems": list(self.problems),
            "notes": list(self.notes),
            "edges": [asdict(e) for e in self.edges],
        }

    def summary(self) -> str:
        """One line: files and edges checked, problems found."""
        j = self.to_json()
        return (
            f"{self.computer_id or 'home'}: {j['files_checked']} files ({j['files_failed']} failed to open), "
            f"{j['edges_checked']} edges ({j['edges_ok']} ok, {j['edges_unverified']} unverified), "
            f"{len(self.problems)} problem(s)"
        )


@dataclass
class _Tree:
    files: list[str]
    read: Callable[[str], bytes]
    times: Callable[[str], tuple[datetime | None, datetime | None, str | None]]
    blueprint: ComputerBlueprint | None
    exact_times: bool


def _from_generated(computer: GeneratedComputer) -> _Tree:
    return _from_disk(computer.disk, computer.blueprint)


def _from_disk(disk: VirtualDisk, blueprint: ComputerBlueprint | None) -> _Tree:
    files = sorted(info.path for info in disk.walk() if not info.is_dir)

    def times(path: str) -> tuple[datetime | None, datetime | None, str | None]:
        info = disk.stat(path)
        return info.created, info.modified, info.author

    return _Tree(files, disk.read_bytes, times, blueprint, True)


def _from_folder(folder: Path) -> _Tree:
    from ._generator import COMPUTER_ARCHIVE, COMPUTER_HOME, COMPUTER_JSON

    folder = folder.resolve()
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder; pass a computer folder (computer.json + home/)")
    blueprint: ComputerBlueprint | None = None
    home = folder
    if (folder / COMPUTER_JSON).is_file():
        blueprint = ComputerBlueprint.from_json((folder / COMPUTER_JSON).read_bytes())
        home = folder / COMPUTER_HOME
        if not home.is_dir():
            archive = folder / COMPUTER_ARCHIVE
            if archive.is_file():  # not materialized: validate the archive (exact times, as a generated computer)
                return _from_disk(VirtualDisk.from_archive(archive), blueprint)
            raise FileNotFoundError(
                f"{folder} has computer.json but neither {COMPUTER_HOME}/ nor {COMPUTER_ARCHIVE} to validate"
            )
    elif folder.name == COMPUTER_HOME and (folder.parent / COMPUTER_JSON).is_file():
        blueprint = ComputerBlueprint.from_json((folder.parent / COMPUTER_JSON).read_bytes())
    files: list[str] = []
    for dirpath, dirnames, filenames in os.walk(home):
        dirnames[:] = sorted(d for d in dirnames if d != ".synthcomp" and not Path(dirpath, d).is_symlink())
        rel = Path(dirpath).relative_to(home).as_posix()
        for name in sorted(filenames):
            if not Path(dirpath, name).is_symlink():
                files.append(name if rel == "." else f"{rel}/{name}")

    def read(path: str) -> bytes:
        return (home / path).read_bytes()

    def times(path: str) -> tuple[datetime | None, datetime | None, str | None]:
        st = (home / path).stat()
        return None, datetime.fromtimestamp(st.st_mtime_ns / 1e9, tz=_UTC), None

    return _Tree(sorted(files), read, times, blueprint, False)


def validate_computer(
    computer: GeneratedComputer | str | os.PathLike[str],
    *,
    check_times: bool = True,
) -> ValidationReport:
    """Validate a computer: files open, graph edges honoured, times and metadata agree with the blueprint.

    Args:
        computer: A :class:`~synthcomp_agents.computers.GeneratedComputer`, a computer folder (``computer.json`` +
            ``home/``), its ``home/`` folder, or any home folder (then only the files are checked).
        check_times: Also compare times and office metadata with the blueprint.

    Returns:
        The report; ``report.ok`` is True when nothing is wrong.

    Raises:
        NotADirectoryError: The path is not a folder.
        FileNotFoundError: A computer folder without its ``home/``.

    Example:
        >>> import tempfile, pathlib
        >>> home = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (home / "notes.md").write_text("# Plan")
        >>> _ = (home / "broken.docx").write_bytes(b"PK not really")
        >>> r = validate_computer(home)
        >>> r.ok, len(r.problems)
        (False, 1)
    """
    tree = _from_folder(Path(computer)) if isinstance(computer, str | os.PathLike) else _from_generated(computer)
    bp = tree.blueprint
    report = ValidationReport(computer_id=bp.computer_id if bp else None)
    reader = _Reader()
    data_cache: dict[str, bytes] = {}

    def data(path: str) -> bytes:
        if path not in data_cache:
            data_cache[path] = tree.read(path)
        return data_cache[path]

    opened: dict[tuple[str, str], str | None] = {}
    for path in tree.files:
        raw = data(path)
        key = (extension_of(path), hashlib.sha256(raw).hexdigest())
        if key not in opened:
            opened[key] = check_file(path, raw)
        problem = opened[key]
        if problem is not None and not problem.startswith(path):
            problem = f"{path}: {problem.split(': ', 1)[-1]}"
        report.files.append(FileCheck(path, kind_for_path(path), problem is None, problem))
        if problem:
            report.problems.append(problem)
        if len(data_cache) > 64:  # keep memory bounded: only edge endpoints are re-read
            data_cache.clear()
    if bp is None:
        report.notes.append("no computer.json: only the files were checked (no graph, times or metadata)")
        return report

    present = set(tree.files)
    report.problems.extend(f"blueprint: {p}" for p in bp.problems())
    for edge in bp.file_graph.edges:
        if edge.source not in present or edge.target not in present:
            continue  # reported as a missing file below
        try:
            check = check_edge(edge, data(edge.source), data(edge.target), reader=reader)
        except Exception as exc:
            check = EdgeCheck(
                edge.source,
                edge.target,
                edge.type,
                "problem",
                f"{edge.source!r} -{edge.type}-> {edge.target!r}: cannot be read ({exc})",
            )
        report.edges.append(check)
        if check.status == "problem":
            report.problems.append(check.detail)
        elif check.status == "unverified":
            report.notes.append(f"{edge.source!r} -{edge.type}-> {edge.target!r}: not verifiable ({check.detail})")
    if check_times:
        _check_times(bp, tree, present, data, report, reader)
    return report


def _check_times(
    bp: ComputerBlueprint,
    tree: _Tree,
    present: set[str],
    data: Callable[[str], bytes],
    report: ValidationReport,
    reader: _Reader,
) -> None:
    planned = bp.files_by_path()
    for path in sorted(set(planned) - present):
        report.problems.append(f"{path}: planned in file_list but missing from the home")
    for path in sorted(present - set(planned)):
        report.problems.append(f"{path}: on disk but not in file_list")
    for path in sorted(present & set(planned)):
        plan = planned[path]
        created, modified, author = tree.times(path)
        if tree.exact_times:
            if created != plan.created or modified != plan.modified:
                report.problems.append(
                    f"{path}: disk times ({_fmt(created)} / {_fmt(modified)}) differ from the plan "
                    f"({_fmt(plan.created)} / {_fmt(plan.modified)})"
                )
            if author is not None and author != plan.author:
                report.problems.append(f"{path}: disk author {author!r} differs from the planned {plan.author!r}")
        elif modified is not None and abs(modified - plan.modified) > timedelta(seconds=2):
            report.problems.append(
                f"{path}: file mtime {_fmt(modified)} differs from the planned modification time {_fmt(plan.modified)}"
            )
        problem = _metadata_problem(path, data(path) if _has_metadata(path) else b"", plan, reader)
        if problem:
            report.problems.append(problem)
        if extension_of(path) in _DATED_EXTS:
            problem = dated_after_save(path, reader.text(path, data(path)), plan.modified)
            if problem:
                report.problems.append(problem)


_DATED_EXTS = frozenset({".docx", ".pdf", ".md", ".txt", ".pptx"})
_STATED_DATE = re.compile(
    r"\b(revised|updated|last updated|as of|as at|prepared on|written on|dated|signed on|issued on)[:\s]+"
    r"(\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


def dated_after_save(path: str, text: str, saved: datetime) -> str | None:
    """A problem when the text says it was revised/updated/prepared on a day after its own last save.

    A day of slack covers time zones: the text is in the author's local date, ``saved`` is UTC.

    Example:
        >>> from datetime import datetime, timezone
        >>> saved = datetime(2025, 3, 4, 10, tzinfo=timezone.utc)
        >>> dated_after_save("b.docx", "Revised 2025-03-04: scope moved.", saved) is None
        True
        >>> dated_after_save("b.docx", "Revised 2025-04-20: scope moved.", saved)
        "b.docx: says 'Revised 2025-04-20' but was last saved 2025-03-04T10:00:00+00:00"
    """
    limit = (saved + timedelta(days=1)).date()
    for match in _STATED_DATE.finditer(text):
        try:
            stated = datetime.strptime(match.group(2), "%Y-%m-%d").date()
        except ValueError:
            continue
        if stated > limit:
            return f"{path}: says {match.group(0)!r} but was last saved {_fmt(saved)}"
    return None


def _has_metadata(path: str) -> bool:
    return extension_of(path) in _OFFICE_EXTS or extension_of(path) == ".eml"


def _metadata_problem(path: str, raw: bytes, plan: PlannedFile, reader: _Reader) -> str | None:
    if not raw:
        return None
    if extension_of(path) == ".eml":
        try:
            sent = parsedate_to_datetime(str(_parse_email(raw).get("Date", "")))
        except (TypeError, ValueError):
            return f"{path}: the e-mail's Date header is missing or unreadable"
        if sent.tzinfo is None:
            sent = sent.replace(tzinfo=_UTC)
        if sent > plan.modified + _SLACK or sent < plan.created - timedelta(days=1):
            return (
                f"{path}: sent {_fmt(sent)} (Date header) outside the file's planned life "
                f"{_fmt(plan.created)} .. {_fmt(plan.modified)}"
            )
        return None
    props = reader.props(path, raw)
    if not props:
        return None
    pmod, pcre = props.get("modified"), props.get("created")
    if pmod is not None and pmod > plan.modified + _SLACK:
        return f"{path}: core properties say modified {_fmt(pmod)}, after the file's last write {_fmt(plan.modified)}"
    if pcre is not None and pmod is not None and pcre > pmod + _SLACK:
        return f"{path}: core properties say created {_fmt(pcre)} after modified {_fmt(pmod)}"
    names = {props.get("author"), props.get("last_modified_by")} - {None, ""}
    if plan.role == "core" and names and plan.author not in names:
        return f"{path}: core properties name {', '.join(sorted(map(str, names)))}, the plan says {plan.author!r}"
    return None


def _fmt(value: datetime | None) -> str:
    return value.astimezone(_UTC).isoformat(timespec="seconds") if value is not None else "?"

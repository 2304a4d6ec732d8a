"""Readers for pdf (pypdf, by page), e-mail (.eml), csv (by row range) and plain-text formats."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import re
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

from ._errors import OfficeError, OfficeFileError
from ._limits import ReadLimitError, checkpoint
from ._parse_cache import PARSE_CACHE
from ._read_common import Rendered, guard, guard_iter, parse_range, pipe_row

__all__ = [
    "MAX_PDF_PAGES",
    "decode_text",
    "detect_encoding",
    "email_attachments",
    "open_email",
    "open_pdf",
    "outline_csv",
    "outline_email",
    "outline_pdf",
    "outline_text",
    "parsed_pdf",
    "render_csv",
    "render_email",
    "render_pdf",
    "render_text",
]

MAX_PDF_PAGES = 5_000
_MAX_CSV_FIELD = 1_000_000


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the NUL bytes say so (ASCII-range text in UTF-16 has a NUL in every pair)."""
    if len(sample) < 4 or sample.count(0) * 4 < len(sample):
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd > 3 * max(even, 1):
        return "utf-16-le"
    if even > 3 * max(odd, 1):
        return "utf-16-be"
    return None


_SCRIPT_RANGES = (
    (0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F),  # Hangul
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF),  # Han
    (0x3040, 0x30FF),  # Kana
    (0x0400, 0x04FF), (0x0370, 0x03FF), (0x0590, 0x05FF), (0x0600, 0x06FF), (0x0E00, 0x0E7F), (0x00C0, 0x024F),
)  # fmt: skip
_SCRIPT_OF = (0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8)


def _scripts(text: str) -> int:
    """How many writing systems the non-ASCII letters of ``text`` come from."""
    seen: set[int] = set()
    for ch in text[:4000]:
        code = ord(ch)
        if code < 0xC0:
            continue
        for n, (lo, hi) in enumerate(_SCRIPT_RANGES):
            if lo <= code <= hi:
                seen.add(_SCRIPT_OF[n])
                break
    return len(seen)


def detect_encoding(data: bytes) -> str:
    """The text encoding of ``data``: BOMs, BOM-less UTF-16, UTF-8, then charset-normalizer (Shift-JIS, GB18030,
    cp1251, ...) on the first 64 KB, falling back to cp1252.

    Example:
        >>> data = "納期は来週です。予算は確定しました。".encode("shift_jis")
        >>> detect_encoding(data) in {"shift_jis", "cp932"}  # cp932 is Windows' superset of Shift-JIS
        True
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:65536]
    utf16 = _utf16_without_bom(sample)
    if utf16 is not None:
        return utf16
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        western = sample.decode("cp1252")
        letters = sum(1 for ch in western if ch.isalpha())
        if sum(1 for ch in western if ch.isalpha() and ord(ch) > 127) * 2 < max(letters, 1):
            return "cp1252"  # mostly ASCII letters with a few accents: Western European, whatever short samples suggest
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(sample))
        if matches:
            floor = min(m.chaos for m in matches)
            close = [m for m in matches if m.chaos <= floor + 0.01]
            # short samples tie (GB18030 also decodes as Korean cp949): prefer the decoding that mixes fewest scripts
            best = min(close, key=lambda m: (_scripts(str(m)), close.index(m)))
            return str(best.encoding)
    except Exception:  # pragma: no cover - detection is best effort
        pass
    return "cp1252"


def decode_text(data: bytes) -> str:
    """Decode bytes in their detected encoding (see :func:`detect_encoding`); never raises.

    Example:
        >>> decode_text("café".encode("utf-8"))
        'café'
    """
    encoding = detect_encoding(data)
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        try:
            return data.decode(encoding, errors="replace")
        except LookupError:
            return data.decode("latin-1")


# -- pdf -----------------------------------------------------------------------------------------------------------


def open_pdf(data: bytes, filename: str = "document.pdf") -> Any:
    """Open a pdf with pypdf (non-strict), raising OfficeFileError for anything pypdf cannot parse."""
    if b"%PDF" not in data[:1024]:
        raise OfficeFileError(f"{filename} is not a PDF (no %PDF header); it may be another format or corrupted.")
    from pypdf import PdfReader

    def load() -> Any:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise OfficeFileError(f"{filename} is password-protected; it cannot be read.")
            except OfficeFileError:
                raise
            except Exception as exc:
                raise OfficeFileError(f"{filename} is encrypted; it cannot be read ({exc}).") from exc
        n = len(reader.pages)
        if n > MAX_PDF_PAGES:
            raise OfficeFileError(f"{filename} has {n:,} pages (limit {MAX_PDF_PAGES:,}).")
        return reader

    return guard(filename, "a PDF", load)


class PdfDoc:
    """A PDF opened once for reading: page count, title, and each page's text extracted at most once.

    A page whose text cannot be extracted yields a one-line note naming it instead of failing the whole file.
    """

    def __init__(self, reader: Any, filename: str) -> None:
        self._reader = reader
        self._filename = filename
        self._texts: dict[int, str] = {}
        self._lock = threading.Lock()  # pypdf seeks in one shared stream: one extraction at a time
        self.pages = len(reader.pages)
        meta = guard(filename, "a PDF", lambda: reader.metadata)
        self.title = str(meta.title) if meta is not None and meta.title else ""

    def page_text(self, index: int) -> str:
        """Text of page ``index`` (0-based), lines right-stripped."""
        cached = self._texts.get(index)
        if cached is not None:
            return cached
        with self._lock:
            checkpoint()
            try:
                raw = self._reader.pages[index].extract_text() or ""
                text = "\n".join(line.rstrip() for line in raw.splitlines())
            except (OfficeError, ReadLimitError):
                raise
            except RecursionError:
                text = f"[page {index + 1} could not be read: its content is nested too deeply]"
            except Exception as exc:
                detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
                text = f"[page {index + 1} could not be read: {type(exc).__name__}{': ' + detail if detail else ''}]"
            self._texts[index] = text
            return text


def parsed_pdf(data: bytes, filename: str = "document.pdf") -> PdfDoc:
    """The PDF opened once per content (shared by pages, outline and search)."""
    return PARSE_CACHE.get(f"pdf:{filename}", data, lambda: PdfDoc(open_pdf(data, filename), filename))


def outline_pdf(data: bytes, filename: str) -> str:
    """Page count, metadata title and the first line of each page (first 50 pages)."""
    doc = parsed_pdf(data, filename)

    def build() -> str:
        n = doc.pages
        lines = [f"{filename}: PDF, {n} page(s)."]
        if doc.title:
            lines.append(f"Title property: {doc.title}")
        for i in range(min(n, 50)):
            first = next((ln.strip() for ln in doc.page_text(i).splitlines() if ln.strip()), "")
            lines.append(f"- page {i + 1}: {first[:100]}")
        if n > 50:
            lines.append(f"- ... {n - 50} more pages")
        return "\n".join(lines)

    return guard(filename, "a PDF", build)


def render_pdf(data: bytes, filename: str, part: str | None) -> Rendered:
    """Render all pages or part='page 2' / 'pages 1-3'."""
    doc = parsed_pdf(data, filename)
    n = doc.pages
    parts = [f"page {i}" for i in range(1, n + 1)]
    first, last = 1, n
    if part is not None:
        rng = parse_range(part, "page")
        if rng is None:
            raise OfficeError(f"unknown part {part!r} for {filename}; use 'page N' or 'pages N-M' ({n} pages).")
        first, last = rng
        if first < 1 or first > n:
            raise OfficeError(f"{filename} has {n} page(s); {part!r} is out of range.")
        last = min(last, n)

    def lines() -> Iterator[str]:
        for i in range(first, last + 1):
            if i > first:
                yield ""
            yield f"--- Page {i} of {n} ---"
            yield from doc.page_text(i - 1).split("\n")

    return Rendered(lines=guard_iter(filename, "a PDF", lines()), parts=parts, part=part)


# -- e-mail --------------------------------------------------------------------------------------------------------


def open_email(data: bytes, filename: str = "message.eml") -> EmailMessage:
    """Parse an RFC 5322 message (never raises for malformed input; email is lenient)."""

    def load() -> EmailMessage:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        return msg

    return guard(filename, "an e-mail", load)


def email_attachments(msg: EmailMessage) -> list[tuple[str, str, bytes]]:
    """(filename, content type, payload bytes) of every attachment (forwarded messages are part of the body)."""
    out = []
    for n, att in enumerate(msg.iter_attachments(), 1):
        checkpoint()
        if att.get_content_type() == "message/rfc822":
            continue
        name = att.get_filename() or f"attachment-{n}"
        payload = att.get_payload(decode=True)
        out.append((name, att.get_content_type(), payload if isinstance(payload, bytes) else b""))
    return out


_HEADERS = ("From", "To", "Cc", "Date", "Subject", "Message-ID", "In-Reply-To", "References")
_MAX_FORWARD_DEPTH = 3


def _header_lines(msg: Any) -> list[str]:
    lines = []
    for h in _HEADERS:
        try:
            value = msg.get(h)
        except Exception:  # malformed header: show it raw
            value = msg.get_all(h, [None])[0] if hasattr(msg, "get_all") else None
        if value is not None and str(value).strip():
            lines.append(f"{h}: {' '.join(str(value).split())}")
    return lines


def _part_text(part: Any) -> str:
    try:
        content = part.get_content()
    except Exception:
        raw = part.get_payload(decode=True)
        content = decode_text(raw) if isinstance(raw, bytes) else str(raw or "")
    if isinstance(content, bytes):
        content = decode_text(content)
    return str(content).replace("\r\n", "\n")


def _collect(part: Any, plains: list[str], htmls: list[str], forwards: list[Any]) -> None:
    checkpoint()
    ctype = part.get_content_type()
    if ctype == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if inner is not None and not isinstance(inner, str):
            forwards.append(inner)
        return
    if part.is_multipart():
        for sub in part.iter_parts() if hasattr(part, "iter_parts") else part.get_payload():
            _collect(sub, plains, htmls, forwards)
        return
    if part.get_content_disposition() == "attachment":
        return
    if ctype == "text/plain":
        plains.append(_part_text(part))
    elif ctype == "text/html":
        htmls.append(_part_text(part))


def _body(msg: Any, depth: int = 0) -> str:
    """The message's text: plain text unless it is empty or a stub of the HTML part (then the HTML, parsed), then
    each forwarded message with its headers."""
    from ._html_text import html_to_text

    plains: list[str] = []
    htmls: list[str] = []
    forwards: list[Any] = []
    _collect(msg, plains, htmls, forwards)
    plain = "\n\n".join(p.strip("\n") for p in plains if p.strip())
    html = "\n\n".join(html_to_text(h) for h in htmls if h.strip())
    text = html if html.strip() and (not plain.strip() or len(html) > 3 * len(plain.strip()) + 200) else plain
    pieces = [text.strip("\n")] if text.strip() else []
    for inner in forwards:
        if depth >= _MAX_FORWARD_DEPTH:
            pieces.append("[forwarded message nested too deeply: not shown]")
            break
        head = ["---------- Forwarded message ----------", *_header_lines(inner), ""]
        pieces.append("\n".join([*head, _body(inner, depth + 1)]))
    return "\n\n".join(pieces)


def outline_email(data: bytes, filename: str) -> str:
    """Headers plus the attachment list."""
    msg = open_email(data, filename)

    def build() -> str:
        lines = [f"{filename}: e-mail message.", *_header_lines(msg)]
        atts = email_attachments(msg)
        lines.append(f"Body: {len(_body(msg)):,} characters")
        lines.append(f"Attachments ({len(atts)}):" if atts else "Attachments: none")
        lines += [f"- {name} ({ctype}, {len(payload):,} bytes)" for name, ctype, payload in atts]
        return "\n".join(lines)

    return guard(filename, "an e-mail", build)


def render_email(data: bytes, filename: str, part: str | None) -> Rendered | tuple[str, bytes, str | None]:
    """Render headers/body/attachments list; for part=<attachment name> return (name, bytes, sub-part) to dispatch."""
    msg = open_email(data, filename)
    atts = guard(filename, "an e-mail", lambda: email_attachments(msg))
    names = [a[0] for a in atts]
    parts = ["headers", "body", "attachments", *names]
    headers = guard(filename, "an e-mail", lambda: _header_lines(msg))
    att_lines = [f"- {name} ({ctype}, {len(payload):,} bytes)" for name, ctype, payload in atts]
    key = (part or "").strip()
    if part is None:
        body = guard(filename, "an e-mail", lambda: _body(msg))
        text_lines = [*headers, "", *body.split("\n")]
        if atts:
            text_lines += ["", f"Attachments ({len(atts)}; read one with part='<filename>'):", *att_lines]
        return Rendered(lines=text_lines, parts=parts, part=None)
    if key.lower() == "headers":
        return Rendered(lines=headers, parts=parts, part=part)
    if key.lower() == "body":
        return Rendered(lines=guard(filename, "an e-mail", lambda: _body(msg)).split("\n"), parts=parts, part=part)
    if key.lower() == "attachments":
        return Rendered(lines=att_lines or ["(no attachments)"], parts=parts, part=part)
    for name, _ctype, payload in atts:
        if key == name or key.lower() == name.lower():
            return name, payload, None
        for sep in (": ", " > ", "::"):
            if key.startswith(name + sep):
                return name, payload, key[len(name) + len(sep) :].strip() or None
    raise OfficeError(
        f"unknown part {part!r} for {filename}. Valid parts: {', '.join(repr(p) for p in parts)} "
        "(an attachment can be followed by its own part, e.g. 'budget.xlsx: Summary')."
    )


# -- csv -----------------------------------------------------------------------------------------------------------


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = decode_text(data)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|") if sample else csv.excel
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(_MAX_CSV_FIELD)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise OfficeFileError(
                f"this CSV has a field longer than {_MAX_CSV_FIELD:,} characters, more than the CSV reader accepts "
                "(limit reached)."
            ) from exc
        raise


def outline_csv(data: bytes, filename: str) -> str:
    """Columns and row count."""

    def build() -> str:
        rows = _csv_rows(data)
        header = next(rows, [])
        count = 0
        for _row in rows:
            count += 1
            if count % 4096 == 0:
                checkpoint()
        shown = " | ".join(" ".join(h.split())[:80] for h in header[:60])
        if len(shown) > 2000:
            shown = shown[:2000] + "…"
        more = f" and {len(header) - 60} more" if len(header) > 60 else ""
        return f"{filename}: CSV, {count:,} data rows, {len(header)} columns.\nColumns: {shown}{more}"

    return guard(filename, "a CSV file", build)


def render_csv(data: bytes, filename: str, part: str | None) -> Rendered:
    """Render as a pipe table with row numbers (data rows numbered from 1); part='rows 100-200'."""
    first, last = 1, None
    if part is not None:
        rng = parse_range(part, "row")
        if rng is None:
            raise OfficeError(f"unknown part {part!r} for {filename}; use 'rows N-M' (data rows start at 1).")
        first, last = rng

    def lines() -> Iterator[str]:
        rows = _csv_rows(data)
        header = next(rows, None)
        if header is None:
            yield "(empty file)"
            return
        yield pipe_row(["row", *header])
        yield pipe_row(["---"] * (len(header) + 1))
        for n, row in enumerate(rows, 1):
            if n < first:
                continue
            if last is not None and n > last:
                return
            yield pipe_row([str(n), *row])

    return Rendered(
        lines=guard_iter(filename, "a CSV file", lines()),
        parts=["rows N-M"],
        part=part,
        hint="Or read a row range, e.g. part='rows 200-300'.",
    )


# -- plain text ----------------------------------------------------------------------------------------------------


def outline_text(data: bytes, filename: str) -> str:
    """Size, line count and Markdown headings if any."""
    text = decode_text(data)
    lines = [f"{filename}: text, {len(text):,} characters, {text.count(chr(10)) + 1:,} lines."]
    if filename.lower().endswith((".md", ".markdown")):
        pos = 0
        for line in text.split("\n"):
            if re.match(r"^#{1,6}\s", line):
                lines.append(f"- offset {pos}: {line.strip()}")
            pos += len(line) + 1
            if len(lines) > 200:
                break
    return "\n".join(lines)


def render_text(data: bytes, filename: str, part: str | None) -> Rendered:
    """Plain text, paginated by character offset (no parts)."""
    if part is not None:
        raise OfficeError(f"{filename} is plain text and has no parts; read it with offset (no part).")
    return Rendered(lines=decode_text(data).split("\n"), parts=[], part=None)

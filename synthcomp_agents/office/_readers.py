"""Readers: structure-addressed, paginated, size-capped text of office and text files for LLM agents.

Public entry points:

- :func:`read_document` — one page of a file, optionally one *part* (a heading, sheet/range, slide, page, e-mail
  attachment, csv row range); every truncated page ends with a note saying how to get the next one.
- :func:`outline` — the structure overview an agent reads first (headings, sheets, slides, pages, attachments).
- :func:`extract_text` — plain text for full-text search.

Every failure caused by the file or the request raises an :class:`~synthcomp_agents.office.OfficeError` subclass;
corrupted, mislabelled and hostile files give :class:`~synthcomp_agents.office.OfficeFileError`.

Example:
    >>> r = read_document("notes.txt", b"first line\\nsecond line", max_chars=12)
    >>> r.text.splitlines()[0], r.next_offset
    ('first line', 11)
"""

from __future__ import annotations

import io
from collections.abc import Callable

from ._errors import OfficeError, OfficeFileError
from ._read_common import ReadResult, Rendered, guard, paginate
from ._read_docx import outline_docx, parsed_docx, render_docx
from ._read_legacy import LEGACY_EXTS, legacy_outline, legacy_text, render_legacy
from ._read_misc import (
    decode_text,
    email_attachments,
    open_email,
    outline_csv,
    outline_email,
    outline_pdf,
    outline_text,
    parsed_pdf,
    render_csv,
    render_email,
    render_pdf,
    render_text,
)
from ._read_pptx import deck_text, outline_pptx, render_pptx
from ._sniff import ole_kind, sniff

__all__ = ["STRUCTURED_KINDS", "ReadResult", "extract_text", "file_kind", "outline", "read_document"]

_KINDS = {
    "docx": "docx", "docm": "docx", "dotx": "docx", "dotm": "docx",
    "xlsx": "xlsx", "xlsm": "xlsx", "xltx": "xlsx", "xltm": "xlsx",
    "pptx": "pptx", "pptm": "pptx", "potx": "pptx", "potm": "pptx", "ppsx": "pptx", "ppsm": "pptx",
    "pdf": "pdf",
    "eml": "eml",
    "csv": "csv", "tsv": "csv",
    "png": "image", "jpg": "image", "jpeg": "image", "gif": "image", "bmp": "image", "webp": "image", "tiff": "image",
}  # fmt: skip
_TEXT_EXTS = {"txt", "md", "markdown", "json", "ics", "log", "html", "htm", "xml", "yaml", "yml", "ini", "cfg",
              "toml", "py", "js", "ts", "sql", "rst", "tex", "vcf", "srt", "sh", "r", "css", "rtf"}  # fmt: skip
_MAX_DEPTH = 3
_MAX_TEXT_BYTES = 200 * 1024 * 1024
STRUCTURED_KINDS = frozenset({"docx", "xlsx", "pptx", "pdf", "eml", "csv", "xls", "doc", "ppt", "msg", "encrypted"})
"""Kinds that :func:`read_document` reads with a format reader (everything else is text, image or binary)."""


def file_kind(filename: str, data: bytes | None = None) -> str:
    """Classify a file: docx, xlsx, pptx, pdf, eml, csv, xls, doc, ppt, msg, encrypted, image, text or binary.

    The extension decides unless the bytes say otherwise: an Office package or PDF under another name is read as
    what it is, macro-enabled and template variants go to the same readers, an OLE2 file is a legacy Office file,
    an Outlook message, or a password-protected (encrypted) Office file.

    Example:
        >>> file_kind("Q3 Review.DOCX"), file_kind("notes.md"), file_kind("x.bin", b"\\x00\\x01")
        ('docx', 'text', 'binary')
    """
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    by_ext = _KINDS.get(ext) or LEGACY_EXTS.get(ext)
    if data is not None:
        sniffed = sniff(data)
        if sniffed in ("docx", "xlsx", "pptx", "pdf"):
            return sniffed
        if sniffed == "ole":
            return ole_kind(data) or "binary"
        if sniffed == "image" and by_ext in (None, "image"):
            return "image"
        if by_ext in LEGACY_EXTS.values():  # a .doc/.xls that is not OLE2: often RTF, HTML or text saved as such
            return "binary" if b"\x00" in data[:8192] else "text"
    if by_ext is not None:
        return by_ext
    if ext in _TEXT_EXTS:
        return "text"
    if data is not None and b"\x00" not in data[:8192]:
        return "text"
    return "binary" if data is not None else "text"


def _encrypted(filename: str) -> OfficeFileError:
    return OfficeFileError(
        f"{filename} is password-protected (an encrypted Office file); its content cannot be read without the "
        "password. Ask its owner for an unprotected copy."
    )


def _binary_description(filename: str, data: bytes, kind: str) -> str:
    if kind == "image":
        try:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as img:
                return f"{filename}: {img.format} image, {img.width}x{img.height} pixels ({len(data):,} bytes)."
        except Exception as exc:
            raise OfficeFileError(f"{filename} is not a readable image ({type(exc).__name__}).") from exc
    return f"{filename}: binary file ({len(data):,} bytes); it has no text to show."


def _render(filename: str, data: bytes, kind: str, part: str | None) -> Rendered:
    if kind == "encrypted":
        raise _encrypted(filename)
    if kind in ("xls", "doc", "ppt", "msg"):
        return render_legacy(data, filename, kind, part)
    if kind == "docx":
        return render_docx(data, filename, part)
    if kind == "xlsx":
        from ._read_xlsx import render_xlsx

        return render_xlsx(data, filename, part)
    if kind == "pptx":
        return render_pptx(data, filename, part)
    if kind == "pdf":
        return render_pdf(data, filename, part)
    if kind == "csv":
        return render_csv(data, filename, part)
    if kind in ("image", "binary"):
        if part is not None:
            raise OfficeError(f"{filename} is a {kind} file and has no parts.")
        return Rendered(lines=[_binary_description(filename, data, kind)], parts=[])
    return render_text(data, filename, part)


def _check_size(filename: str, data: bytes) -> None:
    if len(data) > _MAX_TEXT_BYTES:
        raise OfficeFileError(f"{filename} is too large to read ({len(data):,} bytes).")


def read_document(
    filename: str,
    data: bytes,
    *,
    part: str | None = None,
    offset: int = 0,
    max_chars: int = 8000,
    _depth: int = 0,
) -> ReadResult:
    """Read one page of a file as text, optionally restricted to one part.

    Args:
        filename: File name; its extension selects the reader.
        data: Raw bytes.
        part: docx: heading text or 'paragraphs 10-40'; xlsx: 'Sheet' or 'Sheet!A1:F30'; pptx: 'slide 3' or
            'slides 2-5'; pdf: 'page 2' or 'pages 1-3'; eml: 'headers', 'body', 'attachments' or an attachment
            filename (optionally followed by ': <its part>'); csv: 'rows 100-200'. None reads everything.
        offset: Character offset into the selected text (from a previous result's ``next_offset``).
        max_chars: Page size in characters.

    Returns:
        A :class:`ReadResult`.

    Raises:
        OfficeError: Unknown part (the message lists valid parts) or bad offset.
        OfficeFileError: The file is corrupted, mislabelled or hostile.

    Example:
        >>> import docx, io
        >>> d = docx.Document(); _ = d.add_heading("Budget", 1); _ = d.add_paragraph("Total **is** 5.")
        >>> buf = io.BytesIO(); d.save(buf)
        >>> print(read_document("plan.docx", buf.getvalue(), part="Budget").text)
        ## Budget
        <BLANKLINE>
        Total **is** 5.
    """
    _check_size(filename, data)
    kind = file_kind(filename, data)
    if kind == "eml":
        res = render_email(data, filename, part)
        if isinstance(res, tuple):
            name, payload, sub = res
            if _depth >= _MAX_DEPTH:
                raise OfficeFileError(f"{filename}: attachments nested more than {_MAX_DEPTH} levels deep.")
            inner = read_document(name, payload, part=sub, offset=offset, max_chars=max_chars, _depth=_depth + 1)
            full_part = part
            note = inner.note
            if inner.next_offset is not None and inner.part != full_part:
                note = note.replace(
                    f"part={inner.part!r}" if inner.part else "offset=",
                    (f"part={full_part!r}" if inner.part else f"part={full_part!r}, offset="),
                    1,
                )
            return ReadResult(
                text=inner.body + note, part=full_part, next_offset=inner.next_offset, parts=inner.parts, note=note
            )
        rendered = res
    else:
        rendered = _render(filename, data, kind, part)
    return paginate(rendered, offset=offset, max_chars=max_chars)


def outline(filename: str, data: bytes) -> str:
    """Structure overview: docx headings (with block indexes), xlsx sheets with dimensions, pptx slide titles, pdf
    pages, eml headers and attachments, csv columns, text size and Markdown headings.

    Args:
        filename: File name; its extension selects the reader.
        data: Raw bytes.

    Returns:
        A short multi-line overview.

    Raises:
        OfficeFileError: The file is corrupted, mislabelled or hostile.

    Example:
        >>> print(outline("todo.md", b"# Plan\\n\\nShip it.\\n## Risks\\n"))
        todo.md: text, 26 characters, 5 lines.
        - offset 0: # Plan
        - offset 17: ## Risks
    """
    _check_size(filename, data)
    kind = file_kind(filename, data)
    text = _outline(filename, data, kind)
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    by_ext = _KINDS.get(ext) or LEGACY_EXTS.get(ext)
    if by_ext is not None and by_ext != kind and kind in _LABELS:
        text += f"\n(Note: this file is {_LABELS[kind]} saved with a .{ext} extension; it was read as what it is.)"
    return text


_LABELS = {"docx": "a Word document", "xlsx": "an Excel workbook", "pptx": "a PowerPoint presentation",
           "pdf": "a PDF", "xls": "an Excel 97-2003 workbook", "doc": "a Word 97-2003 document",
           "ppt": "a PowerPoint 97-2003 deck", "msg": "an Outlook message"}  # fmt: skip


def _outline(filename: str, data: bytes, kind: str) -> str:
    handlers: dict[str, Callable[[bytes, str], str]] = {
        "docx": outline_docx,
        "pptx": outline_pptx,
        "pdf": outline_pdf,
        "eml": outline_email,
        "csv": outline_csv,
    }
    if kind == "encrypted":
        raise _encrypted(filename)
    if kind in ("xls", "doc", "ppt", "msg"):
        return legacy_outline(data, filename, kind)
    if kind == "xlsx":
        from ._read_xlsx import outline_xlsx

        return outline_xlsx(data, filename)
    if kind in handlers:
        return handlers[kind](data, filename)
    if kind in ("image", "binary"):
        return _binary_description(filename, data, kind)
    return outline_text(data, filename)


def _extract(filename: str, data: bytes, max_chars: int, depth: int) -> str:
    kind = file_kind(filename, data)
    if kind == "encrypted":
        raise _encrypted(filename)
    if kind in ("xls", "doc", "ppt", "msg"):
        return legacy_text(data, filename, kind)
    if kind == "docx":
        return "\n".join(b.plain for b in parsed_docx(data, filename).blocks)
    if kind == "xlsx":
        from ._read_xlsx import sheet_text

        return sheet_text(data, filename, max_chars)
    if kind == "pptx":
        return deck_text(data, filename)
    if kind == "pdf":
        doc = parsed_pdf(data, filename)

        def pages() -> str:
            out: list[str] = []
            size = 0
            for index in range(doc.pages):
                text = doc.page_text(index)
                out.append(text)
                size += len(text)
                if size > max_chars:
                    break
            return "\n".join(out)

        return guard(filename, "a PDF", pages)
    if kind == "eml":
        msg = open_email(data, filename)
        rendered = render_email(data, filename, None)
        assert isinstance(rendered, Rendered)
        text = "\n".join(rendered.lines)
        if depth < _MAX_DEPTH:
            for name, _ctype, payload in guard(filename, "an e-mail", lambda: email_attachments(msg)):
                if len(text) > max_chars:
                    break
                try:
                    text += f"\n\n[attachment {name}]\n" + _extract(name, payload, max_chars - len(text), depth + 1)
                except OfficeError:
                    continue
        return text
    if kind in ("image", "binary"):
        return ""
    return decode_text(data)


def extract_text(filename: str, data: bytes, *, max_chars: int = 200_000) -> str:
    """Plain text of a file for full-text search (no markup, no pagination notes), at most ``max_chars``.

    Args:
        filename: File name; its extension selects the reader.
        data: Raw bytes.
        max_chars: Maximum length of the returned text.

    Returns:
        The text ('' for images and other binary files).

    Raises:
        OfficeFileError: The file is corrupted, mislabelled or hostile.

    Example:
        >>> extract_text("a.csv", b"name,amount\\nAcme,12\\n")
        'name,amount\\nAcme,12\\n'
    """
    _check_size(filename, data)
    return _extract(filename, data, max_chars, 0)[:max_chars]

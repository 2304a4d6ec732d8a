"""Legacy binary Office files: .xls through xlrd; .doc, .ppt and Outlook .msg text through olefile streams.

- ``.xls``: every sheet as a pipe table (values as stored; formulas are not kept by the format's cached values).
- ``.doc``: the main text from the WordDocument stream via the piece table (Word 97-2003); older Word 6/95 files get
  a precise note.
- ``.ppt``: the text atoms of the PowerPoint Document stream, in order (slide text, notes and outline text).
- ``.msg``: sender, recipients, subject, date and plain-text body from the MAPI property streams.

Example:
    >>> legacy_kind("budget.xls")
    'xls'
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Iterator
from typing import Any

from ._errors import OfficeError, OfficeFileError
from ._limits import checkpoint
from ._parse_cache import PARSE_CACHE
from ._read_common import Rendered, guard, pipe_row

__all__ = ["LEGACY_EXTS", "legacy_kind", "legacy_outline", "legacy_text", "render_legacy"]

LEGACY_EXTS = {"xls": "xls", "xlt": "xls", "doc": "doc", "dot": "doc", "ppt": "ppt", "pot": "ppt", "pps": "ppt",
               "msg": "msg"}  # fmt: skip
_LABEL = {"xls": "an Excel 97-2003 workbook", "doc": "a Word 97-2003 document", "ppt": "a PowerPoint 97-2003 deck",
          "msg": "an Outlook message"}  # fmt: skip


def legacy_kind(filename: str) -> str | None:
    """'xls', 'doc', 'ppt' or 'msg' for a legacy Office extension, else None."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return LEGACY_EXTS.get(ext)


# -- xls -----------------------------------------------------------------------------------------------------------


def _xls_sheets(data: bytes, filename: str) -> list[tuple[str, list[list[str]]]]:
    import xlrd

    def build() -> list[tuple[str, list[list[str]]]]:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
        out = []
        try:
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                rows = []
                for r in range(sheet.nrows):
                    checkpoint()
                    cells = []
                    for c in range(sheet.ncols):
                        cell = sheet.cell(r, c)
                        if cell.ctype == xlrd.XL_CELL_DATE:
                            try:
                                cells.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).isoformat())
                            except Exception:
                                cells.append(str(cell.value))
                        elif cell.ctype == xlrd.XL_CELL_NUMBER:
                            v = cell.value
                            cells.append(f"{int(v):,}" if float(v).is_integer() and abs(v) < 1e15 else f"{v:g}")
                        elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                            cells.append("TRUE" if cell.value else "FALSE")
                        elif cell.ctype == xlrd.XL_CELL_ERROR:
                            cells.append(xlrd.error_text_from_code.get(cell.value, "#ERR"))
                        else:
                            cells.append(str(cell.value))
                    rows.append(cells)
                out.append((sheet.name, rows))
                book.unload_sheet(index)
        finally:
            book.release_resources()
        return out

    return PARSE_CACHE.get(f"xls:{filename}", data, lambda: guard(filename, _LABEL["xls"], build))


def _xls_lines(sheets: list[tuple[str, list[list[str]]]], only: str | None) -> Iterator[str]:
    from openpyxl.utils import get_column_letter

    first = True
    for name, rows in sheets:
        if only is not None and name.lower() != only.lower():
            continue
        if not first:
            yield ""
        first = False
        width = max((len(r) for r in rows), default=0)
        yield f"## Sheet {name} — {len(rows)} rows x {width} columns"
        if not rows:
            yield "(empty sheet)"
            continue
        yield pipe_row(["row", *(get_column_letter(c) for c in range(1, width + 1))])
        yield pipe_row(["---"] * (width + 1))
        for n, row in enumerate(rows, 1):
            if any(row):
                yield pipe_row([str(n), *row])


# -- doc -----------------------------------------------------------------------------------------------------------


def _doc_text(data: bytes, filename: str) -> str:
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists("WordDocument"):  # olefile matches stream names case-insensitively
            raise OfficeFileError(f"{filename} is not a Word 97-2003 document (no WordDocument stream).")
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x01AA:
            raise OfficeFileError(f"{filename}: the WordDocument stream is truncated.")
        ident, nfib = struct.unpack_from("<HH", word, 0)
        if ident != 0xA5EC or nfib < 0x00C1:
            raise OfficeFileError(
                f"{filename} is a Word 6/95 (or older) document; only Word 97-2003 .doc text can be read here. "
                "Convert it with LibreOffice (soffice --convert-to docx) to read it."
            )
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise OfficeFileError(f"{filename} is password-protected (encrypted .doc); it cannot be read.")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise OfficeFileError(f"{filename}: the {table_name} stream is missing; the file is damaged.")
        table = ole.openstream(table_name).read()
    fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x01A2)
    clx = table[fc_clx : fc_clx + lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc entries (property modifiers): skip
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise OfficeFileError(f"{filename}: the document's piece table is missing; the file is damaged.")
    lcb = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + lcb]
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    out: list[str] = []
    for i in range(n):
        checkpoint()
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        count = cps[i + 1] - cps[i]
        if fc & 0x40000000:
            start = (fc & ~0x40000000) // 2
            out.append(word[start : start + count].decode("cp1252", errors="replace"))
        else:
            out.append(word[fc : fc + 2 * count].decode("utf-16-le", errors="replace"))
    text = "".join(out)
    # fields: drop the instruction (between 0x13 and 0x14, or to 0x15 when there is no result), keep the result
    for _ in range(4):  # fields nest a few levels deep at most
        text = re.sub("\x13[^\x13\x14\x15]*\x14", "", text)
        text = re.sub("\x13[^\x13\x14\x15]*\x15", "", text)
    # Word's control characters: paragraph/cell ends, fields, objects
    text = text.replace("\r", "\n").replace("\x07", "\t").replace("\x0b", "\n").replace("\x0c", "\n")
    for mark in ("\x13", "\x14", "\x15", "\x01", "\x08", "\x02", "\x05"):
        text = text.replace(mark, "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


# -- ppt -----------------------------------------------------------------------------------------------------------


def _ppt_text(data: bytes, filename: str) -> str:
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if ole.exists("EncryptedSummary"):
            raise OfficeFileError(f"{filename} is password-protected (encrypted .ppt); it cannot be read.")
        if not ole.exists("PowerPoint Document"):
            raise OfficeFileError(f"{filename} is not a PowerPoint 97-2003 deck (no PowerPoint Document stream).")
        stream = ole.openstream("PowerPoint Document").read()
    lines: list[str] = []
    stack = [(0, len(stream))]
    while stack:
        pos, end = stack.pop()
        while pos + 8 <= end:
            checkpoint()
            ver_inst, rec_type, rec_len = struct.unpack_from("<HHI", stream, pos)
            body = pos + 8
            if body + rec_len > end:
                break
            if ver_inst & 0x000F == 0x000F and rec_type in (0x03F8, 0x0FD9):  # master slides, headers: template text
                pos = body + rec_len
                continue
            if ver_inst & 0x000F == 0x000F:  # a container: read its children next, then continue after it
                stack.append((body + rec_len, end))
                end = body + rec_len
                pos = body
                continue
            if rec_type == 0x0FA0:  # TextCharsAtom
                lines.append(stream[body : body + rec_len].decode("utf-16-le", errors="replace"))
            elif rec_type == 0x0FA8:  # TextBytesAtom
                lines.append(stream[body : body + rec_len].decode("latin-1"))
            pos = body + rec_len
    texts = (x.replace("\r", "\n").replace("\x0b", "\n").strip() for x in lines)
    return "\n".join(t for t in texts if t and t != "*")


# -- msg -----------------------------------------------------------------------------------------------------------

_MSG_FIELDS = (("From", "0C1A"), ("From address", "0C1F"), ("To", "0E04"), ("Cc", "0E03"), ("Subject", "0037"))


def _msg_text(data: bytes, filename: str) -> str:
    import olefile

    def prop(ole: Any, tag: str) -> str:
        for suffix, encoding in (("001F", "utf-16-le"), ("001E", "cp1252")):
            name = f"__substg1.0_{tag}{suffix}"
            if ole.exists(name):
                return str(ole.openstream(name).read().decode(encoding, errors="replace").rstrip("\x00"))
        return ""

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        lines = [f"{label}: {value}" for label, tag in _MSG_FIELDS if (value := " ".join(prop(ole, tag).split()))]
        body = prop(ole, "1000")
        if not body.strip():
            html = ole.openstream("__substg1.0_10130102").read() if ole.exists("__substg1.0_10130102") else b""
            if html:
                from ._html_text import html_to_text

                body = html_to_text(html.decode("utf-8", errors="replace"))
        attachments = sorted({e[0] for e in ole.listdir(streams=True) if e and e[0].startswith("__attach_version1.0_")})
    lines += ["", body.replace("\r\n", "\n").strip()]
    if attachments:
        lines += ["", f"Attachments: {len(attachments)} (their content is not read from .msg files)"]
    return "\n".join(lines)


# -- entry points --------------------------------------------------------------------------------------------------


def legacy_text(data: bytes, filename: str, kind: str) -> str:
    """Plain text of a legacy file of ``kind`` ('xls', 'doc', 'ppt', 'msg'); OfficeFileError with a precise reason."""
    if kind == "xls":
        return "\n".join(
            "\n".join([name, *("\t".join(r).rstrip("\t") for r in rows)]) for name, rows in _xls_sheets(data, filename)
        )
    build = {"doc": _doc_text, "ppt": _ppt_text, "msg": _msg_text}.get(kind)
    if build is None:
        raise OfficeFileError(f"{filename}: unsupported legacy format {kind!r}.")
    label = _LABEL[kind]
    return PARSE_CACHE.get(f"{kind}:{filename}", data, lambda: guard(filename, label, lambda: build(data, filename)))


def render_legacy(data: bytes, filename: str, kind: str, part: str | None) -> Rendered:
    """Render a legacy file; .xls accepts part='Sheet'."""
    if kind == "xls":
        sheets = _xls_sheets(data, filename)
        names = [name for name, _rows in sheets]
        if part is not None and part.strip().strip("'").lower() not in {n.lower() for n in names}:
            raise OfficeError(f"sheet {part!r} not found in {filename}. Sheets: {', '.join(map(repr, names))}.")
        only = part.strip().strip("'") if part is not None else None
        return Rendered(lines=_xls_lines(sheets, only), parts=names, part=part)
    if part is not None:
        raise OfficeError(f"{filename} is {_LABEL.get(kind, 'a legacy file')} and is read whole; use offset, not part.")
    return Rendered(lines=legacy_text(data, filename, kind).split("\n"), parts=[], part=None)


def legacy_outline(data: bytes, filename: str, kind: str) -> str:
    """One-line summary plus sheets (xls) or the first lines (doc, ppt, msg)."""
    if kind == "xls":
        sheets = _xls_sheets(data, filename)
        lines = [f"{filename}: Excel 97-2003 workbook, {len(sheets)} sheet(s)."]
        for name, rows in sheets:
            width = max((len(r) for r in rows), default=0)
            lines.append(f"- {name}: {len(rows)} rows x {width} columns")
            if rows:
                lines.append(f"  header: {' | '.join(c for c in rows[0] if c)}")
        return "\n".join(lines)
    text = legacy_text(data, filename, kind)
    first = [line.strip() for line in text.split("\n") if line.strip()][:8]
    label = _LABEL[kind]
    return "\n".join([f"{filename}: {label[0].upper()}{label[1:]}, {len(text):,} characters of text.", *first])

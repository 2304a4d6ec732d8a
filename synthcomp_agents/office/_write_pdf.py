"""Render a :class:`DocumentSpec` to PDF, writing the file directly (layout as reportlab platypus laid it out).

The PDF carries real, extractable text: a title block, headings, paragraphs with bold/italic, bullet and numbered
lists, tables with a grid and a repeated shaded header row, page breaks, a running header and a footer with page
numbers, and title/author/subject/keywords metadata. The output is byte-identical for a spec.

Layout, fonts (standard-14 Helvetica family, WinAnsi) and drawing operators are those the reportlab platypus writer
produced before, computed here without its object model (about ten times faster): see :mod:`._pdf_layout`.

The document information dictionary reads like a PDF saved by an office application: ``Producer``/``Creator`` name a
real application (``Microsoft® Word for Microsoft 365`` unless the caller passes another, e.g. macOS Quartz or
LibreOffice), ``CreationDate``/``ModDate`` are the spec's created/modified times, and the page size is A4 or US
Letter as the caller's locale uses.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import deque
from datetime import datetime
from typing import Literal

from ._errors import OfficeError
from ._inline import cell_text, parse_inline, strip_inline, xml_safe
from ._ooxml import core_values
from ._pdf_layout import FONT_RESOURCES, Line, Segment, TextStyle, fmt, fonts_of, layout, pdf_text, width
from ._specs import BulletList, DocumentSpec, Heading, NumberedList, Paragraph
from ._specs import PageBreak as PageBreakBlock
from ._specs import Table as TableBlock

__all__ = ["DEFAULT_PDF_PRODUCER", "write_pdf"]

DEFAULT_PDF_PRODUCER = "Microsoft® Word for Microsoft 365"
"""Producer and creator written when the caller names no application (Word's "Save as PDF" is the commonest)."""
PageSize = Literal["A4", "Letter"] | tuple[float, float]
_PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": (595.2755905511812, 841.8897637795277), "Letter": (612.0, 792.0)}

_INCH = 72.0
_MARGIN = 1.0 * _INCH
_PAD = 6.0  # platypus frame padding
_FUZZ = 1e-6
_GREY = ".34902 .34902 .34902"
_HEADER_FILL = ".85098 .886275 .952941"
_GRID = ".556863 .662745 .858824"

_TITLE = TextStyle("Helvetica-Bold", 18, 22, 0, 6, align=1)
_SUBTITLE = TextStyle("Helvetica", 12, 16, 0, 14, color=_GREY)
_HEADINGS = {
    1: TextStyle("Helvetica-Bold", 18, 22, 0, 6),
    2: TextStyle("Helvetica-Bold", 14, 18, 12, 6),
    3: TextStyle("Helvetica-BoldOblique", 12, 14, 12, 6),
    4: TextStyle("Helvetica-BoldOblique", 10.5, 13, 10, 4),
}
_BODY = TextStyle("Helvetica", 10.5, 14, 6, 6)
_CELL = TextStyle("Helvetica", 9, 11)
_CELL_RIGHT = TextStyle("Helvetica", 9, 11, align=2)
_CAPTION = TextStyle("Helvetica-Oblique", 9, 12, 6, 4, color=".266667 .329412 .415686")


def _face(base: str, bold: bool, italic: bool) -> str:
    bold = bold or "Bold" in base
    italic = italic or "Oblique" in base
    return "Helvetica" + ("-BoldOblique" if bold and italic else "-Bold" if bold else "-Oblique" if italic else "")


def _runs(text: str, style: TextStyle, *, bold: bool = False) -> list[Segment]:
    """Inline-marked text as (font, text) runs in the style's face (control characters dropped)."""
    return [(_face(style.font, run.bold or bold, run.italic), xml_safe(run.text)) for run in parse_inline(text)]


class _Flow:
    """A block placed on the page: height, spacing, splitting at a page end, drawing."""

    space_before = 0.0
    space_after = 0.0
    height = 0.0
    width = 0.0  # tables only: drawn centred in the frame
    postponed = False  # moved to the next page once already

    def split(self, avail: float) -> tuple[_Flow, _Flow] | None:
        return None

    def draw(self, out: list[str], x: float, y: float, fonts: set[str]) -> None:
        """Append content operators drawing the block with its bottom-left corner at (x, y)."""


class _Para(_Flow):
    def __init__(self, lines: list[Line], style: TextStyle, avail: float, indent: float = 0.0, bullet: str = "",
                 bullet_size: float = 12.0) -> None:  # fmt: skip
        self.lines, self.style, self.avail, self.indent = lines, style, avail, indent
        self.bullet, self.bullet_size = bullet, bullet_size
        self.space_before, self.space_after = style.space_before, style.space_after
        self.height = len(lines) * style.leading

    @classmethod
    def of(cls, runs: list[Segment], style: TextStyle, avail: float, indent: float = 0.0, bullet: str = "",
           bullet_size: float = 12.0) -> _Para:  # fmt: skip
        """A paragraph of inline runs laid out in ``avail`` points (less ``indent``)."""
        return cls(layout(runs, style.size, avail - indent), style, avail, indent, bullet, bullet_size)

    def split(self, avail: float) -> tuple[_Flow, _Flow] | None:
        fit = int(avail / self.style.leading)
        if fit <= 1 or not self.lines:  # reportlab leaves no single orphan line at a page end
            return None
        if len(self.lines) <= fit or (self.indent and fit == len(self.lines) - 1):
            return None  # a list item leaves no single widow line either
        st = self.style
        # As platypus splits text with line breaks: the first part loses a blank last line, and the rest starts
        # with a blank line when the cut follows a line break.
        head = self.lines[:fit]
        if not head[-1].segments:
            head = head[:-1]
        tail = ([Line()] if self.lines[fit - 1].hard_end else []) + self.lines[fit:]
        first = _Para(head, st, self.avail, self.indent, self.bullet, self.bullet_size)
        rest = _Para(tail, st, self.avail, self.indent)
        first.space_after = 0.0
        rest.space_before = 0.0
        return first, rest

    def draw(self, out: list[str], x: float, y: float, fonts: set[str]) -> None:
        st = self.style
        if self.bullet:
            size = self.bullet_size
            fonts.add("Helvetica")
            current = ["Helvetica"]
            text = pdf_text([("Helvetica", self.bullet)], size, current)
            fonts.update(fonts_of([("Helvetica", self.bullet)]))
            out.append(
                f"q\n1 0 0 1 {fmt(x)} {fmt(y)} cm\nBT /F1 {fmt(size)} Tf {fmt(size * 1.2)} TL ET\n0 0 0 rg\n"
                f"BT 1 0 0 1 0 {fmt(self.height - size)} Tm {text} T* ET\nQ\n"
            )
        if not self.lines:
            return
        current = [""]
        parts = [f"q\n1 0 0 1 {fmt(x + self.indent)} {fmt(y)} cm\nq\n{st.color} rg\n"]
        parts.append(f"BT 1 0 0 1 0 {fmt(self.height - st.size)} Tm {fmt(st.leading)} TL")
        avail = self.avail - self.indent
        offset = 0.0
        for line in self.lines:
            fonts.update(fonts_of(line.segments))
            if st.align:
                want = (avail - line.width) / (2 if st.align == 1 else 1)
                if want != offset:
                    parts.append(f" {fmt(want - offset)} 0 Td")
                    offset = want
            text = pdf_text(line.segments, st.size, current)
            if line.width > avail + _FUZZ and line.gaps:  # a line fitted by shrinking its spaces
                parts.append(f" {fmt((avail - line.width) / line.gaps)} Tw {text} 0 Tw T*")
            else:
                parts.append(f" {text} T*" if text else " T*")
        if offset:
            parts.append(f" {fmt(-offset)} 0 Td")
        parts.append(" ET\nQ\nQ\n")
        out.append("".join(parts))


class _Spacer(_Flow):
    def __init__(self, height: float) -> None:
        self.height = height


class _Break(_Flow):
    """A page break (``FRAME`` = from keeping a heading with its content: only the frame ends)."""


class _Table(_Flow):
    def __init__(self, rows: list[list[_Para]], col_width: float, heights: list[float]) -> None:
        self.rows, self.col_width, self.heights = rows, col_width, heights
        self.width = col_width * len(rows[0])
        self.height = sum(heights)

    def split(self, avail: float) -> tuple[_Flow, _Flow] | None:
        total, at = 0.0, 0
        for n, row_height in enumerate(self.heights, start=1):
            if total + row_height > avail:
                break
            at, total = n, total + row_height
        if at <= 1 or at >= len(self.rows):
            return None
        first = _Table(self.rows[:at], self.col_width, self.heights[:at])
        rest = _Table(self.rows[:1] + self.rows[at:], self.col_width, self.heights[:1] + self.heights[at:])
        return first, rest

    def draw(self, out: list[str], x: float, y: float, fonts: set[str]) -> None:
        w, h, cw = self.width, self.height, self.col_width
        out.append(f"q\n1 0 0 1 {fmt(x)} {fmt(y)} cm\nq\n{_HEADER_FILL} rg\n")
        out.append(f"n 0 {fmt(h)} {fmt(w)} {fmt(-self.heights[0])} re f*\n0 0 0 rg\n")
        top = h
        for row, row_height in zip(self.rows, self.heights, strict=True):
            for c, para in enumerate(row):
                if para.lines:
                    para.draw(out, c * cw + _PAD, top - 3 - para.height, fonts)
            top -= row_height
        grid = [f"q\n1 J\n1 j\n{_GRID} RG\n.5 w\n"]
        grid.append(f"n 0 {fmt(h)} m {fmt(w)} {fmt(h)} l S\nn 0 0 m {fmt(w)} 0 l S\n")
        grid.append(f"n 0 0 m 0 {fmt(h)} l S\nn {fmt(w)} 0 m {fmt(w)} {fmt(h)} l S\n")
        top = h
        for row_height in self.heights[:-1]:
            top -= row_height
            grid.append(f"n 0 {fmt(top)} m {fmt(w)} {fmt(top)} l S\n")
        for c in range(1, len(self.rows[0])):
            grid.append(f"n {fmt(c * cw)} 0 m {fmt(c * cw)} {fmt(h)} l S\n")
        grid.append("Q\nQ\nQ\n")
        out.append("".join(grid))


class _List(_Flow):
    """A bullet or numbered list: one paragraph per item, laid out like platypus' ListFlowable."""

    def __init__(self, items: list[_Para]) -> None:
        self.items = items
        self.space_before, self.space_after = items[0].space_before, items[-1].space_after
        self.height = _stack_height(list(items))


class _Keep(_Flow):
    """A heading kept on the page of the start of its content (platypus' KeepTogether)."""

    def __init__(self, flows: list[_Flow]) -> None:
        self.flows = flows
        self.space_before = flows[0].space_before
        self.height = _stack_height(flows)


def _stack_height(flows: list[_Flow]) -> float:
    """Height of blocks stacked with collapsing space between them (platypus' ``_listWrapOn``)."""
    total, prev, first = 0.0, 0.0, True
    for f in flows:
        if f.height <= _FUZZ:
            continue
        total += f.height
        if not first:
            total += max(f.space_before - prev, 0.0)
        first = False
        prev = f.space_after
        total += prev
    return total - prev


_TRUNCATED = " [... cell truncated: too long for one page]"
_CELL_CHECK_CHARS = 120  # shorter cell texts cannot exceed the height limits below at any column width we use


def _fitted_cell(text: str, style: TextStyle, width_: float, max_height: float, *, bold: bool = False) -> _Para:
    """A table cell paragraph no taller than ``max_height`` (a row never splits across pages).

    Long texts are cut at the longest prefix that fits, with a visible note saying so.
    """

    def para(value: str) -> _Para:
        return _Para.of(_runs(value, style, bold=bold), style, width_)

    if len(text) > _CELL_CHECK_CHARS:
        # Upper bound first (no glyph is narrower than ~1/4 em): wrapping a huge text to measure it is slow.
        max_lines = max(1, int(max_height // style.leading))
        per_line = max(1, int(width_ // (style.size * 0.25)))
        lines = text.split("\n")[:max_lines]
        text_cut = "\n".join(lines)[: max_lines * per_line]
        if text_cut != text:
            text = text_cut + "\u2026"
    cell = para(text)
    if len(text) <= _CELL_CHECK_CHARS or cell.height <= max_height:
        return cell
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix whose paragraph fits
        mid = (lo + hi + 1) // 2
        if para(text[:mid].rstrip() + _TRUNCATED).height <= max_height:
            lo = mid
        else:
            hi = mid - 1
    return para(text[:lo].rstrip() + _TRUNCATED)


def _validate(spec: DocumentSpec) -> None:
    for index, block in enumerate(spec.blocks):
        if isinstance(block, TableBlock):
            for row_no, row in enumerate(block.rows, start=1):
                if len(row) > len(block.header):
                    raise OfficeError(
                        f"blocks[{index}] (table {block.header!r}): row {row_no} has {len(row)} cells but the header "
                        f"has {len(block.header)} columns; shorten the row or add header columns"
                    )


def _table(block: TableBlock, width_: float, avail: float, frame_height: float) -> list[_Flow]:
    cols = len(block.header)
    inner = width_ / cols - 12  # 6 pt cell padding on each side
    # The header repeats on every page, so a header row plus a data row must fit in one frame.
    head_max, row_max = frame_height * 0.25, frame_height * 0.6
    rows = [[_fitted_cell(h, _CELL, inner, head_max, bold=True) for h in block.header]]
    for row in block.rows:
        cells: list[_Para] = []
        for c in range(cols):
            value = row[c] if c < len(row) else None
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            cells.append(_fitted_cell(cell_text(value), _CELL_RIGHT if numeric else _CELL, inner, row_max))
        rows.append(cells)
    heights = [max(p.height for p in r) + 6 for r in rows]
    flow: list[_Flow] = []
    if block.caption:
        flow.append(_Para.of(_runs(block.caption, _CAPTION), _CAPTION, avail))
    flow.append(_Table(rows, width_ / cols, heights))
    flow.append(_Spacer(8))
    return flow


_CHUNK_LINES = 40
_CHUNK_CHARS = 3000


def _body_paragraphs(text: str, avail: float) -> list[_Flow]:
    """One body paragraph, split into chunks of at most ``_CHUNK_LINES`` lines / ``_CHUNK_CHARS`` characters (as
    the platypus writer did, for its quadratic layout time). Runs of blank lines collapse to one blank line."""
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n"))
    if len(text) <= _CHUNK_CHARS and text.count("\n") < _CHUNK_LINES:
        return [_Para.of(_runs(text, _BODY), _BODY, avail)]
    chunks: list[str] = []
    lines = text.split("\n")
    for start in range(0, len(lines), _CHUNK_LINES):
        block = "\n".join(lines[start : start + _CHUNK_LINES])
        while len(block) > _CHUNK_CHARS:
            cut = block.rfind(" ", 0, _CHUNK_CHARS)
            cut = cut if cut > _CHUNK_CHARS // 2 else _CHUNK_CHARS
            chunks.append(block[:cut])
            block = block[cut:].lstrip(" ")
        chunks.append(block)
    paras: list[_Flow] = [_Para.of(_runs(c, _BODY), _BODY, avail) for c in chunks if c.strip()]
    return paras or [_Para.of([], _BODY, avail)]


def _story(spec: DocumentSpec, width_: float, avail: float, frame_height: float) -> list[_Flow]:
    story: list[_Flow] = [_Para.of(_runs(spec.title, _TITLE), _TITLE, avail)]
    if spec.subtitle:
        story.append(_Para.of(_runs(spec.subtitle, _SUBTITLE), _SUBTITLE, avail))
    pending: _Flow | None = None
    for block in spec.blocks:
        flow: list[_Flow]
        if isinstance(block, Heading):
            if pending is not None:
                story.append(pending)
            style = _HEADINGS[block.level]
            pending = _Para.of(_runs(block.text, style), style, avail)
            continue
        if isinstance(block, Paragraph):
            flow = _body_paragraphs(block.text, avail)
        elif isinstance(block, (BulletList, NumberedList)):
            bullet = isinstance(block, BulletList)
            flow = [
                _List(
                    [
                        _Para.of(_runs(item, _BODY), _BODY, avail, indent=18.0,
                                 bullet="\u2022" if bullet else f"{n}.", bullet_size=9.0 if bullet else 12.0)
                        for n, item in enumerate(block.items, start=1)
                    ]
                )
            ]  # fmt: skip
        elif isinstance(block, TableBlock):
            flow = _table(block, width_, avail, frame_height)
        elif isinstance(block, PageBreakBlock):
            flow = [_Break()]
        else:  # pragma: no cover - the Block union is exhaustive
            continue
        if pending is not None:
            story.append(_Keep([pending, flow[0]]))  # keep a heading on the same page as the start of its content
            story.extend(flow[1:])
            pending = None
        else:
            story.extend(flow)
    if pending is not None:
        story.append(pending)
    return story


class _Frame:
    """The page body as platypus' frame fills it: a cursor, collapsing spaces, a page per frame."""

    def __init__(self, page_w: float, page_h: float) -> None:
        self.x = _MARGIN + _PAD
        self.top = page_h - _MARGIN - _PAD
        self.bottom = _MARGIN + _PAD
        self.avail_w = page_w - 2 * _MARGIN - 2 * _PAD
        self.full_h = page_h - 2 * _MARGIN
        self.pages: list[list[str]] = []
        self.fonts: set[str] = set()
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.y, self.at_top, self.prev = self.top, True, 0.0

    def space(self, f: _Flow) -> float:
        return 0.0 if self.at_top else max(f.space_before - self.prev, 0.0)

    def place(self, f: _Flow) -> bool:
        """Draw ``f`` if it fits below the cursor."""
        s = self.space(f)
        if self.y - self.bottom - s <= 0:
            return False
        y = self.y - f.height - s
        if y < self.bottom - _FUZZ:
            return False
        x = self.x + (self.avail_w - f.width) / 2 if f.width else self.x
        f.draw(self.pages[-1], x, y, self.fonts)
        y -= f.space_after
        self.prev = f.space_after
        if y != self.y:
            self.at_top = False
        self.y = y
        return True

    def run(self, story: list[_Flow]) -> None:
        queue: deque[_Flow] = deque(story)
        while queue:
            f = queue.popleft()
            if isinstance(f, _Break):
                self.new_page()
            elif isinstance(f, _List):
                queue.extendleft(reversed(f.items))
            elif isinstance(f, _Keep):
                avail = self.y - self.bottom - self.space(f)
                if avail <= 0:
                    self.new_page()
                    queue.appendleft(f)
                    continue
                first = f.flows[0].height
                c0 = f.height > avail
                c1 = first > avail or (c0 and self.at_top)
                brk = (not self.at_top) if c0 else (c1 and self.full_h >= f.height)
                queue.extendleft(reversed(([_Break()] if brk else []) + f.flows))
            elif not self.place(f):
                avail = self.y - self.bottom - self.space(f)
                parts = f.split(avail) if avail > 0 else None
                if parts is not None and self.place(parts[0]):
                    queue.appendleft(parts[1])
                elif f.postponed or self.at_top:
                    self._force(f)  # taller than a page and unsplittable: draw it overflowing
                else:
                    f.postponed = True
                    queue.appendleft(f)
                    self.new_page()
        if len(self.pages) > 1 and not self.pages[-1]:
            self.pages.pop()  # a page break at the end starts no page (platypus begins pages lazily)

    def _force(self, f: _Flow) -> None:
        f.draw(self.pages[-1], self.x, self.y - f.height, self.fonts)
        self.y = self.bottom
        self.at_top = False


def _pdf_date(value: datetime) -> str:
    """A PDF date string (``D:20260307143000+00'00'``) for a naive UTC or aware time."""
    offset = value.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{value.strftime('%Y%m%d%H%M%S')}{sign}{hours:02d}'{mins:02d}'"


def _pdf_string(text: str) -> bytes:
    """A PDF text string: PDFDocEncoding (Latin-1 range) with escapes, else UTF-16BE with a byte order mark."""
    try:
        raw = text.encode("latin-1")
        if any(0x80 <= b <= 0x9F for b in raw):
            raise UnicodeEncodeError("latin-1", text, 0, 1, "C1 range")
    except UnicodeEncodeError:
        raw = b"\xfe\xff" + text.encode("utf-16-be", "surrogatepass")
    out = bytearray(b"(")
    for b in raw:
        if b in (0x28, 0x29, 0x5C):
            out += b"\\" + bytes([b])
        elif b < 32 or b > 126:
            out += b"\\%03o" % b
        else:
            out.append(b)
    return bytes(out) + b")"


def _decorations(page_w: float, page_h: float, header: str | None, footer: str | None, number: int) -> str:
    """The running header and footer of one page (drawn first, as platypus' onPage callback drew them)."""
    out = [f"1 0 0 1 0 0 cm  BT /F1 12 Tf 14.4 TL ET\nq\nBT /F1 8.5 Tf 10.2 TL ET\n{_GREY} rg\n"]
    current = ["Helvetica"]
    if header:
        x = page_w - _MARGIN - width(header, "Helvetica", 8.5)
        out.append(
            f"BT 1 0 0 1 {fmt(x)} {fmt(page_h - 0.6 * _INCH)} Tm {pdf_text([('Helvetica', header)], 8.5, current)}"
        )
        out.append(" T* ET\n")
    if footer:
        text = f"{footer}  |  Page {number}"
        x = page_w / 2 - width(text, "Helvetica", 8.5) / 2
        out.append(f"BT 1 0 0 1 {fmt(x)} {fmt(0.55 * _INCH)} Tm {pdf_text([('Helvetica', text)], 8.5, current)}")
        out.append(" T* ET\n")
    out.append("Q\n")
    return "".join(out)


def _assemble(pages: list[bytes], fonts: set[str], size: tuple[float, float], info: dict[str, str]) -> bytes:
    """The PDF file: fonts, pages, catalog, document information, page tree, compressed content streams."""
    names = [n for n in FONT_RESOURCES if n in fonts or n == "Helvetica"]
    objects: list[bytes] = []
    font_refs = " ".join(f"/{FONT_RESOURCES[n]} {i + 2} 0 R" for i, n in enumerate(names))
    objects.append(f"<<\n{font_refs}\n>>".encode())
    for n in names:
        enc = "" if n in ("Symbol", "ZapfDingbats") else " /Encoding /WinAnsiEncoding"
        objects.append(f"<<\n/BaseFont /{n}{enc} /Name /{FONT_RESOURCES[n]} /Subtype /Type1 /Type /Font\n>>".encode())
    first_page = len(objects) + 1
    n_pages = len(pages)
    catalog, info_no, tree = first_page + n_pages, first_page + n_pages + 1, first_page + n_pages + 2
    first_content = tree + 1
    box = f"[ 0 0 {fmt(size[0])} {fmt(size[1])} ]"
    for i in range(n_pages):
        objects.append(
            f"<<\n/Contents {first_content + i} 0 R /MediaBox {box} /Parent {tree} 0 R /Resources <<\n"
            f"/Font 1 0 R /ProcSet [ /PDF /Text /ImageB /ImageC /ImageI ]\n>> /Rotate 0 /Trans <<\n\n>> \n"
            f"  /Type /Page\n>>".encode()
        )
    objects.append(f"<<\n/PageMode /UseNone /Pages {tree} 0 R /Type /Catalog\n>>".encode())
    fields = b" ".join(
        b"/" + key.encode() + b" " + (b"/False" if key == "Trapped" else _pdf_string(value))
        for key, value in sorted(info.items())
    )
    objects.append(b"<<\n" + fields + b"\n>>")
    kids = " ".join(f"{first_page + i} 0 R" for i in range(n_pages))
    objects.append(f"<<\n/Count {n_pages} /Kids [ {kids} ] /Type /Pages\n>>".encode())
    for content in pages:
        data = zlib.compress(content, 6)
        objects.append(b"<<\n/Filter [ /FlateDecode ] /Length %d\n>>\nstream\n" % len(data) + data + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    ident = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest()
    out += (
        f"trailer\n<<\n/ID \n[<{ident}><{ident}>]\n/Info {info_no} 0 R\n/Root {catalog} 0 R\n"
        f"/Size {len(objects) + 1}\n>>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def write_pdf(
    spec: DocumentSpec,
    *,
    producer: str | None = None,
    creator: str | None = None,
    page_size: PageSize = "Letter",
) -> bytes:
    """Render a document spec as a PDF with extractable text.

    Args:
        spec: The document: title, optional subtitle, blocks, running header/footer and properties (author, title,
            created and modified times go to the PDF's document information).
        producer: The PDF ``Producer`` (the library or OS service that wrote the PDF); default
            :data:`DEFAULT_PDF_PRODUCER`.
        creator: The PDF ``Creator`` (the application the document was made in); defaults to ``producer``.
        page_size: ``"A4"``, ``"Letter"`` or (width, height) in points.

    Returns:
        The PDF bytes (identical for identical arguments).

    Raises:
        OfficeError: If a table row has more cells than its header, or the page size is unknown.

    Example:
        >>> from synthcomp_agents.office import DocumentSpec, Paragraph
        >>> spec = DocumentSpec(title="Site visit report", blocks=[Paragraph(text="All **12** files checked.")])
        >>> pdf = write_pdf(spec, page_size="A4")
        >>> pdf[:5], b"/MediaBox [ 0 0 595.2756 841.8898 ]" in pdf
        (b'%PDF-', True)
    """
    _validate(spec)
    if isinstance(page_size, str):
        if page_size not in _PAGE_SIZES:
            raise OfficeError(f"unknown page size {page_size!r}; use 'A4', 'Letter' or (width, height) in points")
        size = _PAGE_SIZES[page_size]
    else:
        size = (float(page_size[0]), float(page_size[1]))
    values = core_values(spec.properties, spec.title)
    producer_name = producer if producer is not None else DEFAULT_PDF_PRODUCER
    creator_name = creator if creator is not None else producer_name
    page_w, page_h = size
    header = xml_safe(strip_inline(spec.header)) if spec.header else None
    footer = xml_safe(strip_inline(spec.footer)) if spec.footer else None
    frame = _Frame(page_w, page_h)
    frame.run(_story(spec, page_w - 2 * _MARGIN, frame.avail_w, frame.full_h))
    if header or footer:
        frame.fonts.add("Helvetica")
        frame.fonts.update(fonts_of([("Helvetica", (header or "") + (footer or ""))]))
    pages = [
        (_decorations(page_w, page_h, header, footer, n) + "".join(ops)).encode("latin-1")
        for n, ops in enumerate(frame.pages, start=1)
    ]
    info = {
        "Title": values.title,
        "Author": values.author,
        "Subject": values.subject,
        "Keywords": values.keywords,
        "Creator": creator_name,
        "Producer": producer_name,
        "CreationDate": _pdf_date(values.created),
        "ModDate": _pdf_date(values.modified),
        "Trapped": "",
    }
    return _assemble(pages, frame.fonts, size, info)

"""Render a :class:`DocumentSpec` to PDF with reportlab platypus.

The PDF carries real, extractable text: a title block, headings, paragraphs with bold/italic, bullet and numbered
lists, tables with a grid and a repeated shaded header row, page breaks, a running header and a footer with page
numbers, and title/author/subject/keywords metadata. ``invariant=1`` keeps the output byte-identical for a spec.

The document information dictionary reads like a PDF saved by an office application: ``Producer``/``Creator`` name a
real application (``Microsoft® Word for Microsoft 365`` unless the caller passes another, e.g. macOS Quartz or
LibreOffice), ``CreationDate``/``ModDate`` are the spec's created/modified times (not ReportLab's fixed 2000-01-01
invariant date), and the page size is A4 or US Letter as the caller's locale uses.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph

from ._errors import OfficeError
from ._inline import cell_text, parse_inline, strip_inline, xml_safe
from ._ooxml import core_values
from ._specs import BulletList, DocumentSpec, Heading, NumberedList, Paragraph
from ._specs import PageBreak as PageBreakBlock
from ._specs import Table as TableBlock

__all__ = ["DEFAULT_PDF_PRODUCER", "write_pdf"]

DEFAULT_PDF_PRODUCER = "Microsoft® Word for Microsoft 365"
"""Producer and creator written when the caller names no application (Word's "Save as PDF" is the commonest)."""
PageSize = Literal["A4", "Letter"] | tuple[float, float]
_PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}

_MARGIN = 1.0 * inch
_HEADER_FILL = colors.HexColor("#D9E2F3")
_GRID = colors.HexColor("#8EA9DB")
_styles_cache: StyleSheet1 | None = None


def _styles() -> StyleSheet1:
    global _styles_cache
    if _styles_cache is None:
        sheet = getSampleStyleSheet()
        sheet.add(ParagraphStyle("Subtitle", parent=sheet["Normal"], fontSize=12, leading=16,
                                 textColor=colors.HexColor("#595959"), spaceAfter=14))  # fmt: skip
        sheet.add(ParagraphStyle("Heading4Doc", parent=sheet["Heading4"], fontSize=10.5, leading=13))
        sheet.add(ParagraphStyle("Body", parent=sheet["BodyText"], fontSize=10.5, leading=14, spaceAfter=6))
        sheet.add(ParagraphStyle("Cell", parent=sheet["BodyText"], fontSize=9, leading=11, spaceBefore=0,
                                 spaceAfter=0))  # fmt: skip
        sheet.add(ParagraphStyle("CellRight", parent=sheet["Cell"], alignment=TA_RIGHT))
        sheet.add(ParagraphStyle("Caption", parent=sheet["Italic"], fontSize=9, leading=12, spaceBefore=6,
                                 spaceAfter=4, textColor=colors.HexColor("#44546A")))  # fmt: skip
        _styles_cache = sheet
    return _styles_cache


def _markup(text: str, *, bold: bool = False) -> str:
    """Inline-marked text as reportlab paragraph markup (escaped, <b>/<i>, newlines as <br/>)."""
    out: list[str] = []
    for run in parse_inline(text):
        piece = escape(xml_safe(run.text)).replace("\n", "<br/>")
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.bold or bold:
            piece = f"<b>{piece}</b>"
        out.append(piece)
    return "".join(out)


def _validate(spec: DocumentSpec) -> None:
    for index, block in enumerate(spec.blocks):
        if isinstance(block, TableBlock):
            for row_no, row in enumerate(block.rows, start=1):
                if len(row) > len(block.header):
                    raise OfficeError(
                        f"blocks[{index}] (table {block.header!r}): row {row_no} has {len(row)} cells but the header "
                        f"has {len(block.header)} columns; shorten the row or add header columns"
                    )


_TRUNCATED = " [... cell truncated: too long for one page]"
_CELL_CHECK_CHARS = 120  # shorter cell texts cannot exceed the height limits below at any column width we use


def _fitted_cell(text: str, style: Any, width: float, max_height: float, *, bold: bool = False) -> RLParagraph:
    """A table cell paragraph no taller than ``max_height`` (reportlab cannot split a row across pages).

    Long texts are cut at the longest prefix that fits, with a visible note saying so.
    """
    if len(text) > _CELL_CHECK_CHARS:
        # Upper bound first (no glyph is narrower than ~1/4 em): wrapping a huge text to measure it is slow.
        leading = float(getattr(style, "leading", 12) or 12)
        max_lines = max(1, int(max_height // leading))
        per_line = max(1, int(width // (float(getattr(style, "fontSize", 10) or 10) * 0.25)))
        lines = text.split("\n")[:max_lines]
        text_cut = "\n".join(lines)[: max_lines * per_line]
        if text_cut != text:
            text = text_cut + "\u2026"
    para = RLParagraph(_markup(text, bold=bold), style)
    if len(text) <= _CELL_CHECK_CHARS or para.wrap(width, 1e9)[1] <= max_height:
        return para
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix whose paragraph fits
        mid = (lo + hi + 1) // 2
        probe = RLParagraph(_markup(text[:mid].rstrip() + _TRUNCATED, bold=bold), style)
        if probe.wrap(width, 1e9)[1] <= max_height:
            lo = mid
        else:
            hi = mid - 1
    return RLParagraph(_markup(text[:lo].rstrip() + _TRUNCATED, bold=bold), style)


def _table(block: TableBlock, width: float, frame_height: float = 9 * inch) -> list[Any]:
    styles = _styles()
    cols = len(block.header)
    inner = width / cols - 12  # reportlab's default cell padding is 6 pt on each side
    # The header repeats on every page, so a header row plus a data row must fit in one frame.
    head_max, row_max = frame_height * 0.25, frame_height * 0.6
    data: list[list[Any]] = [[_fitted_cell(h, styles["Cell"], inner, head_max, bold=True) for h in block.header]]
    for row in block.rows:
        cells: list[Any] = []
        for c in range(cols):
            value = row[c] if c < len(row) else None
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            cells.append(_fitted_cell(cell_text(value), styles["CellRight" if numeric else "Cell"], inner, row_max))
        data.append(cells)
    table = Table(data, colWidths=[width / cols] * cols, repeatRows=1, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
                ("BACKGROUND", (0, 0), (-1, 0), _HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    flow: list[Any] = []
    if block.caption:
        flow.append(RLParagraph(_markup(block.caption), styles["Caption"]))
    flow.append(table)
    flow.append(Spacer(1, 8))
    return flow


_CHUNK_LINES = 40
_CHUNK_CHARS = 3000


def _body_paragraphs(text: str, style: Any) -> list[Any]:
    """One body paragraph as reportlab flowables, split into chunks.

    reportlab lays a paragraph out in time quadratic in its line count, so a paragraph of thousands of lines (or
    one enormous word) would take minutes; chunks of at most ``_CHUNK_LINES`` lines / ``_CHUNK_CHARS`` characters
    render in linear time and look the same. Runs of blank lines collapse to one blank line.
    """
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n"))
    if len(text) <= _CHUNK_CHARS and text.count("\n") < _CHUNK_LINES:
        return [RLParagraph(_markup(text), style)]
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
    return [RLParagraph(_markup(chunk), style) for chunk in chunks if chunk.strip()] or [RLParagraph("", style)]


def _story(spec: DocumentSpec, width: float) -> list[Any]:
    styles = _styles()
    story: list[Any] = [RLParagraph(_markup(spec.title), styles["Title"])]
    if spec.subtitle:
        story.append(RLParagraph(_markup(spec.subtitle), styles["Subtitle"]))
    heading_styles = {1: styles["Heading1"], 2: styles["Heading2"], 3: styles["Heading3"], 4: styles["Heading4Doc"]}
    pending_heading: Any = None
    for block in spec.blocks:
        flow: list[Any]
        if isinstance(block, Heading):
            if pending_heading is not None:
                story.append(pending_heading)
            pending_heading = RLParagraph(_markup(block.text), heading_styles[block.level])
            continue
        if isinstance(block, Paragraph):
            flow = _body_paragraphs(block.text, styles["Body"])
        elif isinstance(block, (BulletList, NumberedList)):
            items = [ListItem(RLParagraph(_markup(item), styles["Body"])) for item in block.items]
            if isinstance(block, BulletList):
                flow = [ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=18, bulletFontSize=9)]
            else:
                flow = [ListFlowable(items, bulletType="1", leftIndent=18, bulletFormat="%s.")]
        elif isinstance(block, TableBlock):
            flow = _table(block, width)
        elif isinstance(block, PageBreakBlock):
            flow = [PageBreak()]
        else:  # pragma: no cover - the Block union is exhaustive
            continue
        if pending_heading is not None:
            # keep a heading on the same page as the start of its content
            story.append(KeepTogether([pending_heading, flow[0]]))
            story.extend(flow[1:])
            pending_heading = None
        else:
            story.extend(flow)
    if pending_heading is not None:
        story.append(pending_heading)
    return story


_RL_HEADER = b"%\223\214\213\236 ReportLab Generated PDF document (opensource)\n"
_RL_TRAILER = b"% ReportLab generated PDF document -- digest (opensource)\n"
# Office applications write a four-byte binary comment after the version line; padding keeps every offset valid.
_APP_HEADER = b"%\xe2\xe3\xcf\xd3" + b" " * (len(_RL_HEADER) - 6) + b"\n"


def _without_library_comments(data: bytes) -> bytes:
    """Drop ReportLab's self-naming comments (a fingerprint no office application writes).

    The header comment is replaced by one of equal length (object offsets stay valid); the trailer comment sits
    after the cross-reference table, so removing it changes no offset.
    """
    head, sep, rest = data.partition(_RL_HEADER)
    if sep:
        data = head + _APP_HEADER + rest
    return data.replace(_RL_TRAILER, b"")


def _pdf_date(value: datetime) -> str:
    """A PDF date string (``D:20260307143000+00'00'``) for a naive UTC or aware time."""
    offset = value.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{value.strftime('%Y%m%d%H%M%S')}{sign}{hours:02d}'{mins:02d}'"


class _Info(pdfdoc.PDFInfo):  # type: ignore[misc]
    """Document info with distinct, caller-given creation and modification dates."""

    created = "D:20260105090000+00'00'"
    modified = created

    def format(self, document: Any) -> bytes:
        fields = {
            "Title": pdfdoc.PDFString(self.title),
            "Author": pdfdoc.PDFString(self.author),
            "Subject": pdfdoc.PDFString(self.subject),
            "Keywords": pdfdoc.PDFString(self.keywords),
            "Creator": pdfdoc.PDFString(self.creator),
            "Producer": pdfdoc.PDFString(self.producer),
            "CreationDate": pdfdoc.PDFString(self.created),
            "ModDate": pdfdoc.PDFString(self.modified),
            "Trapped": pdfdoc.PDFName(self.trapped),
        }
        out: bytes = pdfdoc.PDFDictionary(fields).format(document)
        return out


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
    buf = io.BytesIO()
    page_w, page_h = size
    header = xml_safe(strip_inline(spec.header)) if spec.header else None
    footer = xml_safe(strip_inline(spec.footer)) if spec.footer else None

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(colors.HexColor("#595959"))
        if header:
            canvas.drawRightString(page_w - _MARGIN, page_h - 0.6 * inch, header)
        if footer:
            canvas.drawCentredString(page_w / 2, 0.55 * inch, f"{footer}  |  Page {doc.page}")
        canvas.restoreState()

    class _AppCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            info = _Info()
            info.created, info.modified = _pdf_date(values.created), _pdf_date(values.modified)
            self._doc.info = info
            self.setProducer(producer_name)

    doc = SimpleDocTemplate(
        buf,
        pagesize=size,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=values.title,
        author=values.author,
        subject=values.subject,
        keywords=values.keywords,
        creator=creator_name,
        producer=producer_name,
        invariant=1,
    )
    story = _story(spec, page_w - 2 * _MARGIN)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_AppCanvas)
    return _without_library_comments(buf.getvalue())

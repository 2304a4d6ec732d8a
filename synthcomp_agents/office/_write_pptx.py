"""Render a :class:`PresentationSpec` to a PowerPoint deck (.pptx) with python-pptx.

Slides are 16:9 and use the template's real layouts (Title Slide, Title and Content, Two Content, Comparison, Title
Only), so titles and bullets live in placeholders that outline views and readers recognise. Bullet levels come from
leading two-space indents, tables are native tables with a bold header row, charts are native charts with embedded
data (editable in PowerPoint/Impress), and every slide may carry speaker notes. Output is deterministic.

Speed: the template, widened to 16:9 and with its notes master created, is built once and deep-copied per deck;
zip entries are written with fixed dates and unchanged parts (masters, layouts, theme) are compressed once.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast
from xml.sax.saxutils import escape

import pptx
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu, Pt
from xlsxwriter import Workbook as XlsxWorkbook  # type: ignore[import-untyped]

from ._errors import OfficeError
from ._inline import cell_text, parse_inline, xml_safe
from ._ooxml import DEFAULT_TIME, build_zip, core_values, to_utc_naive
from ._specs import (
    BulletSlide,
    CellText,
    ChartSlide,
    PresentationSpec,
    Slide,
    TableSlide,
    TitleSlide,
    TwoColumnSlide,
)

__all__ = ["write_pptx"]

_SLIDE_W = 12192000  # 13.333 in
_SLIDE_H = 6858000  # 7.5 in
_TEMPLATE_W = 9144000  # python-pptx's default template is 4:3 (10 in)
_MAX_LEVEL = 4
_LAYOUT_TITLE, _LAYOUT_CONTENT, _LAYOUT_TWO, _LAYOUT_COMPARISON, _LAYOUT_TITLE_ONLY = 0, 1, 3, 4, 5
_CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_STATIC_PREFIXES = (
    "ppt/slideLayouts/",
    "ppt/slideMasters/",
    "ppt/notesMasters/",
    "ppt/theme/",
    "ppt/printerSettings/",
    "ppt/presProps.xml",
    "ppt/viewProps.xml",
    "ppt/tableStyles.xml",
    "docProps/app.xml",
)


@dataclass(frozen=True)
class _Prototype:
    """The 16:9 template plus elements cloned once: each layout's fresh slide shape tree and a fresh notes slide."""

    prs: Any
    slide_trees: dict[int, Any]
    notes_element: Any
    content_box: tuple[int, int, int, int]
    static_entries: dict[str, bytes]


_prototype: _Prototype | None = None
_lock = threading.Lock()


def _widen(shapes: Any) -> None:
    """Stretch shapes positioned for the 4:3 template to a 16:9 slide (x and width only)."""
    factor = _SLIDE_W / _TEMPLATE_W
    for shape in shapes:
        for xfrm in shape._element.iter(_A + "xfrm"):
            off, ext = xfrm.find(_A + "off"), xfrm.find(_A + "ext")
            if off is not None:
                off.set("x", str(round(int(off.get("x")) * factor)))
            if ext is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def _build_prototype() -> _Prototype:
    prs = pptx.Presentation()
    prs.slide_width = Emu(_SLIDE_W)
    prs.slide_height = Emu(_SLIDE_H)
    _widen(prs.slide_master.shapes)
    for layout in prs.slide_layouts:
        _widen(layout.shapes)
    _ = prs.notes_master  # created once here instead of on the first notes slide of every deck
    pkg_rels = prs.part.package._rels
    for rel_id, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg_rels.pop(rel_id)
    # python-pptx clones layout placeholders with many XPath queries per slide (and notes placeholders per notes
    # slide); do it once per layout on a scratch copy and reuse the resulting trees.
    scratch = copy.deepcopy(prs)
    trees: dict[int, Any] = {}
    slide: Any = None
    for index in (_LAYOUT_TITLE, _LAYOUT_CONTENT, _LAYOUT_TWO, _LAYOUT_COMPARISON, _LAYOUT_TITLE_ONLY):
        slide = scratch.slides.add_slide(scratch.slide_layouts[index])
        trees[index] = copy.deepcopy(slide._element.cSld.spTree)
    notes = copy.deepcopy(slide.notes_slide._element)
    body = prs.slide_layouts[_LAYOUT_CONTENT].placeholders[1]
    box = (int(body.left), int(body.top), int(body.width), int(body.height))
    # Masters, layouts and themes never change per deck: serialize them (and their rels) once.
    static = {name: data for name, data in _entries(prs) if name.startswith(_STATIC_PREFIXES)}
    return _Prototype(prs, trees, notes, box, static)


def _get_prototype() -> _Prototype:
    global _prototype
    if _prototype is None:
        with _lock:
            if _prototype is None:
                _prototype = _build_prototype()
    return _prototype


class _FixedTimeWorkbookWriter(CategoryWorkbookWriter):
    """Embedded chart workbook with a fixed creation time (XlsxWriter stamps 'now' otherwise)."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple[Any, Any]]:
        workbook = XlsxWorkbook(xlsx_file, {"in_memory": True})
        workbook.set_properties({"created": to_utc_naive(DEFAULT_TIME)})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


_XLSX_CT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_XLSX_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_XLSX_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_XLSX_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _chart_workbook(categories: list[str], series: list[tuple[str, list[float | None]]]) -> bytes:
    """The chart's embedded data workbook (categories in A2.., series names in row 1, values below).

    Written directly: XlsxWriter took most of the time of a chart slide, and the layout is fixed by python-pptx's
    ``CategoryWorkbookWriter`` (the chart XML refers to ``Sheet1!$A$2:$A$n`` and ``Sheet1!$B$1`` ...).
    """

    def text_cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(xml_safe(text))}</t></is></c>'

    rows = [
        '<row r="1">'
        + "".join(text_cell(f"{_col_letter(k + 1)}1", name) for k, (name, _v) in enumerate(series))
        + "</row>"
    ]
    for i, category in enumerate(categories):
        r = i + 2
        cells = [text_cell(f"A{r}", category)]
        for k, (_name, values) in enumerate(series):
            value = values[i] if i < len(values) else None
            if value is not None:
                cells.append(f'<c r="{_col_letter(k + 1)}{r}"><v>{float(value)!r}</v></c>')
        rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(rows)
        + "</sheetData></worksheet>"
    ).encode()
    return build_zip(
        [
            ("[Content_Types].xml", _XLSX_CT),
            ("_rels/.rels", _XLSX_RELS),
            ("xl/workbook.xml", _XLSX_WORKBOOK),
            ("xl/_rels/workbook.xml.rels", _XLSX_WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
    )


class _FastWorkbookWriter(_FixedTimeWorkbookWriter):
    """Single-level text categories (all our chart slides): write the embedded workbook directly."""

    @property
    def xlsx_blob(self) -> bytes:
        data: Any = self._chart_data
        categories = data.categories
        if categories.depth != 1 or categories.are_dates or categories.are_numeric:
            blob: bytes = super().xlsx_blob
            return blob
        return _chart_workbook([str(c.label) for c in categories], [(str(s.name), list(s.values)) for s in data])


class _ChartData(CategoryChartData):
    @property
    def _workbook_writer(self) -> Any:
        writer: Any = _FastWorkbookWriter
        return writer(self)


def _validate(spec: PresentationSpec) -> None:
    for number, slide in enumerate(spec.slides, start=1):
        if isinstance(slide, ChartSlide):
            n = len(slide.categories)
            for series in slide.series:
                if len(series.values) != n:
                    raise OfficeError(
                        f"slide {number} ({slide.title!r}): series {series.name!r} has {len(series.values)} values "
                        f"but there are {n} categories; give exactly one value per category"
                    )
            if slide.chart_kind == "pie" and len(slide.series) > 1:
                raise OfficeError(
                    f"slide {number} ({slide.title!r}): a pie chart shows one series but {len(slide.series)} were "
                    "given; keep one series or use chart_kind 'column'"
                )
        elif isinstance(slide, TableSlide):
            width = len(slide.header)
            for row_no, row in enumerate(slide.rows, start=1):
                if len(row) > width:
                    raise OfficeError(
                        f"slide {number} ({slide.title!r}): table row {row_no} has {len(row)} cells but the header "
                        f"has {width} columns; shorten the row or add header columns"
                    )


def _add_runs(paragraph: Any, text: str, *, bold: bool = False) -> None:
    for piece in parse_inline(text):
        run = paragraph.add_run()
        run.text = xml_safe(piece.text)
        if piece.bold or bold:
            run.font.bold = True
        if piece.italic:
            run.font.italic = True


def _fill_bullets(placeholder: Any, items: list[str]) -> None:
    frame = placeholder.text_frame
    for index, item in enumerate(items):
        stripped = item.lstrip(" ")
        level = min(_MAX_LEVEL, (len(item) - len(stripped)) // 2)
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.level = level
        _add_runs(paragraph, stripped)


def _set_title(slide: Any, title: str) -> None:
    paragraph = slide.shapes.title.text_frame.paragraphs[0]
    _add_runs(paragraph, title)


def _remove(shape: Any) -> None:
    element = shape._element
    element.getparent().remove(element)


def _is_number(value: CellText) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _add_table(prs: Any, slide: Any, spec: TableSlide) -> None:
    left, top, width, height = _get_prototype().content_box
    cols = len(spec.header)
    n_rows = 1 + len(spec.rows)
    row_h = min(Emu(457200), Emu(height // n_rows))
    shape = slide.shapes.add_table(n_rows, cols, Emu(left), Emu(top), Emu(width), Emu(row_h * n_rows))
    table = shape.table
    size = Pt(16) if n_rows <= 7 else Pt(13) if n_rows <= 11 else Pt(11) if n_rows <= 16 else Pt(9)
    for c, text in enumerate(spec.header):
        paragraph = table.cell(0, c).text_frame.paragraphs[0]
        _add_runs(paragraph, text, bold=True)
        for run in paragraph.runs:
            run.font.size = size
    for r, row in enumerate(spec.rows, start=1):
        for c in range(cols):
            value = row[c] if c < len(row) else None
            paragraph = table.cell(r, c).text_frame.paragraphs[0]
            _add_runs(paragraph, cell_text(value))
            if _is_number(value):
                paragraph.alignment = PP_ALIGN.RIGHT
            for run in paragraph.runs:
                run.font.size = size


def _add_chart(prs: Any, slide: Any, spec: ChartSlide) -> None:
    left, top, width, height = _get_prototype().content_box
    data: Any = cast(Any, _ChartData)()
    data.categories = spec.categories
    for series in spec.series:
        data.add_series(series.name, series.values)
    frame = slide.shapes.add_chart(_CHART_TYPES[spec.chart_kind], Emu(left), Emu(top), Emu(width), Emu(height), data)
    chart = frame.chart
    chart.has_title = False  # the slide title names the chart
    if len(spec.series) > 1 or spec.chart_kind == "pie":
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    else:
        chart.has_legend = False
    chart.font.size = Pt(12)


class _Deck:
    """Adds slides and notes slides using the prototype's pre-cloned shape trees."""

    def __init__(self, prs: Any, proto: _Prototype) -> None:
        self.prs = prs
        self._proto = proto
        self._layouts = list(prs.slide_layouts)
        self._notes = 0

    def new_slide(self, layout_index: int) -> Any:
        prs = self.prs
        rel_id, slide = prs.part.add_slide(self._layouts[layout_index])
        c_sld = slide._element.cSld
        c_sld.replace(c_sld.spTree, copy.deepcopy(self._proto.slide_trees[layout_index]))
        prs.slides._sldIdLst.add_sldId(rel_id)
        return slide

    def add_notes(self, slide: Any, text: str) -> None:
        self._notes += 1
        slide_part = slide.part
        part = NotesSlidePart(
            PackURI(f"/ppt/notesSlides/notesSlide{self._notes}.xml"),
            CT.PML_NOTES_SLIDE,
            slide_part.package,
            copy.deepcopy(self._proto.notes_element),
        )
        part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        part.notes_slide.notes_placeholder.text_frame.text = xml_safe(text)


def _add_slide(deck: _Deck, spec: Slide) -> Any:
    prs = deck.prs
    if isinstance(spec, TitleSlide):
        slide = deck.new_slide(_LAYOUT_TITLE)
        _set_title(slide, spec.title)
        subtitle = slide.placeholders[1]
        if spec.subtitle:
            _add_runs(subtitle.text_frame.paragraphs[0], spec.subtitle)
        else:
            _remove(subtitle)
    elif isinstance(spec, BulletSlide):
        slide = deck.new_slide(_LAYOUT_CONTENT)
        _set_title(slide, spec.title)
        _fill_bullets(slide.placeholders[1], spec.bullets)
    elif isinstance(spec, TwoColumnSlide):
        if spec.left_heading or spec.right_heading:
            slide = deck.new_slide(_LAYOUT_COMPARISON)
            _set_title(slide, spec.title)
            for idx, heading in ((1, spec.left_heading), (3, spec.right_heading)):
                if heading:
                    _add_runs(slide.placeholders[idx].text_frame.paragraphs[0], heading)
                else:
                    _remove(slide.placeholders[idx])
            _fill_bullets(slide.placeholders[2], spec.left)
            _fill_bullets(slide.placeholders[4], spec.right)
        else:
            slide = deck.new_slide(_LAYOUT_TWO)
            _set_title(slide, spec.title)
            _fill_bullets(slide.placeholders[1], spec.left)
            _fill_bullets(slide.placeholders[2], spec.right)
    elif isinstance(spec, TableSlide):
        slide = deck.new_slide(_LAYOUT_TITLE_ONLY)
        _set_title(slide, spec.title)
        _add_table(prs, slide, spec)
    else:
        slide = deck.new_slide(_LAYOUT_TITLE_ONLY)
        _set_title(slide, spec.title)
        _add_chart(prs, slide, spec)
    if spec.notes:
        deck.add_notes(slide, spec.notes)
    return slide


def _core_properties(prs: Any, spec: PresentationSpec) -> None:
    first_title = spec.slides[0].title
    values = core_values(spec.properties, first_title)
    props = prs.core_properties
    props.title = values.title
    props.author = values.author
    props.last_modified_by = values.last_modified_by
    props.subject = values.subject
    props.keywords = values.keywords
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = values.created
    props.modified = values.modified


def _entries(prs: Any, static: dict[str, bytes] | None = None) -> list[tuple[str, bytes]]:
    """Zip members of a presentation package, reusing pre-serialized static members when given."""
    static = static or {}
    package = prs.part.package
    parts = list(package.iter_parts())
    entries = [
        ("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts))),
        ("_rels/.rels", package._rels.xml),
    ]
    for part in parts:
        name = part.partname.membername
        blob = static.get(name)  # not .get(name, part.blob): that would serialize the part anyway
        entries.append((name, blob if blob is not None else part.blob))
        if part._rels:
            rels_name = part.partname.rels_uri.membername
            rels = static.get(rels_name)
            entries.append((rels_name, rels if rels is not None else part.rels.xml))
    return entries


def _serialize(prs: Any) -> bytes:
    return build_zip(_entries(prs, _get_prototype().static_entries))


def write_pptx(spec: PresentationSpec) -> bytes:
    """Render a presentation spec as a 16:9 .pptx deck.

    Args:
        spec: Slides in order (title, bullets, two-column, table, chart; each with optional notes) and properties.

    Returns:
        The .pptx bytes (identical for identical specs).

    Raises:
        OfficeError: If a chart series has a different number of values than categories, a pie chart has several
            series, or a table row is longer than its header.

    Example:
        >>> from synthcomp_agents.office import BulletSlide, PresentationSpec, TitleSlide
        >>> deck = PresentationSpec(slides=[TitleSlide(title="Q3 Supplier Review"),
        ...                                 BulletSlide(title="Headlines", bullets=["Spend **-4%**", "  Freight"])])
        >>> write_pptx(deck)[:2]
        b'PK'
    """
    _validate(spec)
    proto = _get_prototype()
    prs = copy.deepcopy(proto.prs)
    deck = _Deck(prs, proto)
    for slide in spec.slides:
        _add_slide(deck, slide)
    _core_properties(prs, spec)
    return _serialize(prs)

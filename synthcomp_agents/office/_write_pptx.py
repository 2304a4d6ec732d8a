"""Render a :class:`PresentationSpec` to a PowerPoint deck (.pptx).

Slides are 16:9 and use the template's real layouts (Title Slide, Title and Content, Two Content, Comparison, Title
Only), so titles and bullets live in placeholders that outline views and readers recognise. Bullet levels come from
leading two-space indents, tables are native tables with a bold header row, charts are native charts with embedded
data (editable in PowerPoint/Impress), and every slide may carry speaker notes. Output is deterministic.

Speed: python-pptx is used once per process to build the template (widened to 16:9, with its notes master) and to
serialize what never changes (masters, layouts, themes) plus each layout's fresh slide and a fresh notes slide as
string templates. Every deck then emits its slides, notes, tables, presentation part, content types and core
properties as strings (exactly what python-pptx would serialize); only chart XML still goes through python-pptx's
chart XML writer and a small lxml edit. The embedded chart workbook is written directly.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from typing import Any, cast
from xml.sax.saxutils import escape

import pptx
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml import parse_xml
from pptx.util import Emu, Pt

from ._errors import OfficeError
from ._inline import cell_text, xml_safe
from ._ooxml import build_zip, core_values
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
from ._xml_office import core_xml, esc, inline_pieces

__all__ = ["write_pptx"]

_SLIDE_W = 12192000  # 13.333 in
_SLIDE_H = 6858000  # 7.5 in
_TEMPLATE_W = 9144000  # python-pptx's default template is 4:3 (10 in)
_MAX_LEVEL = 4
_LAYOUT_TITLE, _LAYOUT_CONTENT, _LAYOUT_TWO, _LAYOUT_COMPARISON, _LAYOUT_TITLE_ONLY = 0, 1, 3, 4, 5
_LAYOUTS = (_LAYOUT_TITLE, _LAYOUT_CONTENT, _LAYOUT_TWO, _LAYOUT_COMPARISON, _LAYOUT_TITLE_ONLY)
_CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_XML_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_RELS_HEAD = _XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
_EMPTY_P = "<a:p/>"
_CORE = "docProps/core.xml"
_CONTENT_TYPES = "[Content_Types].xml"
_PRESENTATION = "ppt/presentation.xml"
_PRESENTATION_RELS = "ppt/_rels/presentation.xml.rels"
_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
_FRAME_HEAD = (
    '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{id}" name="{name}"/><p:cNvGraphicFramePr>'
    '<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm>'
    '<a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></p:xfrm><a:graphic>'
)


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


@dataclass(frozen=True)
class _SlideTemplate:
    """A fresh slide of one layout, serialized and cut around each placeholder's empty paragraph.

    The slide is ``head + (before + paragraphs + after for each kept placeholder) + extra shapes + tail``.
    """

    head: str
    shapes: dict[int, tuple[str, str]]  # placeholder idx (title = 0) -> (before, after) its <a:p/>
    order: tuple[int, ...]
    tail: str
    layout_target: str
    next_shape_id: int


@dataclass(frozen=True)
class _Prototype:
    """Everything serialized once: static package members, slide and notes templates, presentation parts."""

    entries: list[tuple[str, bytes | None]]  # ``None``: written per deck
    slides: dict[int, _SlideTemplate]
    notes_head: str
    notes_tail: str
    content_box: tuple[int, int, int, int]
    presentation_head: str
    presentation_tail: str
    presentation_rels_head: str
    defaults: dict[str, str]
    overrides: dict[str, str]
    first_rel: int
    notes_master_ref: str


_prototype: _Prototype | None = None
_lock = threading.Lock()


def _load_template() -> Any:
    prs = pptx.Presentation()
    prs.slide_width = Emu(_SLIDE_W)
    prs.slide_height = Emu(_SLIDE_H)
    _widen(prs.slide_master.shapes)
    for layout in prs.slide_layouts:
        _widen(layout.shapes)
    _ = prs.notes_master  # part of every deck, used by notes slides
    pkg_rels = prs.part.package._rels
    for rel_id, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg_rels.pop(rel_id)
    return prs


def _split_once(text: str, marker: str) -> tuple[str, str]:
    if text.count(marker) != 1:
        raise OfficeError(f"internal error: pptx template has {text.count(marker)} {marker!r}, expected one")
    before, after = text.split(marker)
    return before, after


def _slide_template(slide: Any) -> _SlideTemplate:
    element = slide._element
    text = serialize_part_xml(element).decode()
    start = text.index("<p:sp>")
    end = text.rindex("</p:spTree>")
    chunks = text[start:end].split("<p:sp>")[1:]
    sps = [sp for sp in element.cSld.spTree.iterchildren(_P + "sp")]
    if len(chunks) != len(sps):
        raise OfficeError("internal error: unexpected pptx layout placeholders")
    shapes: dict[int, tuple[str, str]] = {}
    order: list[int] = []
    for sp, chunk in zip(sps, chunks, strict=True):
        ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        idx = int(ph.get("idx", "0"))
        before, after = _split_once("<p:sp>" + chunk, _EMPTY_P)
        shapes[idx] = (before, after)
        order.append(idx)
    ids = [int(v) for v in element.xpath("//@id")]
    target = slide.part.slide_layout.part.partname.relative_ref(slide.part.partname.baseURI)
    return _SlideTemplate(text[:start], shapes, tuple(order), text[end:], target, max(ids) + 1)


def _build_prototype() -> _Prototype:
    prs = _load_template()
    body = prs.slide_layouts[_LAYOUT_CONTENT].placeholders[1]
    box = (int(body.left), int(body.top), int(body.width), int(body.height))
    package = prs.part.package
    parts = list(package.iter_parts())
    dynamic = {_CONTENT_TYPES, _CORE, _PRESENTATION, _PRESENTATION_RELS}
    entries: list[tuple[str, bytes | None]] = [(_CONTENT_TYPES, None), ("_rels/.rels", package._rels.xml)]
    for part in parts:
        name = part.partname.membername
        entries.append((name, None if name in dynamic else part.blob))
        if part._rels:
            rels_name = part.partname.rels_uri.membername
            entries.append((rels_name, None if rels_name in dynamic else part.rels.xml))
    types: Any = _ContentTypesItem(parts)
    defaults, overrides = types._defaults_and_overrides
    # A scratch deck with one slide per layout (and one notes slide) gives the slide templates and the form of the
    # presentation part with slides.
    scratch = copy.deepcopy(prs)
    slides: dict[int, _SlideTemplate] = {}
    slide: Any = None
    for index in _LAYOUTS:
        slide = scratch.slides.add_slide(scratch.slide_layouts[index])
        slides[index] = _slide_template(slide)
    notes_part = slide.notes_slide.part
    notes_head, notes_tail = _split_once(notes_part.blob.decode(), _EMPTY_P)
    master_ref = notes_part.part_related_by(RT.NOTES_MASTER).partname.relative_ref(notes_part.partname.baseURI)
    presentation = serialize_part_xml(scratch.part._element).decode()
    list_start = presentation.index("<p:sldIdLst>")
    list_end = presentation.index("</p:sldIdLst>") + len("</p:sldIdLst>")
    used = {int(rel_id[3:]) for rel_id in prs.part.rels if rel_id.startswith("rId") and rel_id[3:].isdigit()}
    first_rel = 1
    while first_rel in used:
        first_rel += 1
    if any(n > first_rel for n in used):
        raise OfficeError("internal error: pptx template relationship ids are not contiguous")
    rels = prs.part.rels.xml.decode()
    return _Prototype(
        entries, slides, notes_head, notes_tail, box, presentation[:list_start], presentation[list_end:],
        rels[: rels.rindex("</Relationships>")], {str(k).lower(): v for k, v in defaults.items()},
        {str(k): v for k, v in overrides.items()}, first_rel, master_ref,
    )  # fmt: skip


def _get_prototype() -> _Prototype:
    global _prototype
    if _prototype is None:
        with _lock:
            if _prototype is None:
                _prototype = _build_prototype()
    return _prototype


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


def _text(text: str) -> str:
    """Text for an a:t element as python-pptx stores it (control characters escaped like ``_x000D_``)."""
    text = xml_safe(text)
    if "\r" in text:
        text = text.replace("\r", "_x000D_")
    return esc(text)


def _runs(text: str, *, bold: bool = False, size: int | None = None) -> str:
    out: list[str] = []
    size_attr = f' sz="{size}"' if size else ""
    for piece, piece_bold, italic in inline_pieces(text):
        attrs = (' b="1"' if bold or piece_bold else "") + (' i="1"' if italic else "") + size_attr
        rpr = f"<a:rPr{attrs}/>" if attrs else ""
        out.append(f"<a:r>{rpr}<a:t>{_text(piece)}</a:t></a:r>")
    return "".join(out)


def _para(runs: str, ppr: str = "") -> str:
    return f"<a:p>{ppr}{runs}</a:p>" if ppr or runs else _EMPTY_P


def _bullets(items: list[str]) -> str:
    out: list[str] = []
    for item in items:
        stripped = item.lstrip(" ")
        level = min(_MAX_LEVEL, (len(item) - len(stripped)) // 2)
        ppr = f'<a:pPr lvl="{level}"/>' if level else "<a:pPr/>"
        out.append(f"<a:p>{ppr}{_runs(stripped)}</a:p>")
    return "".join(out)


def _is_number(value: CellText) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _frame_head(shape_id: int, kind: str, box: tuple[int, int, int, int]) -> str:
    x, y, cx, cy = box
    return _FRAME_HEAD.format(id=shape_id, name=f"{kind} {shape_id - 1}", x=x, y=y, cx=cx, cy=cy)


def _table(spec: TableSlide, shape_id: int, content_box: tuple[int, int, int, int]) -> str:
    left, top, width, height = content_box
    cols = len(spec.header)
    n_rows = 1 + len(spec.rows)
    row_h = min(457200, height // n_rows)
    size = 1600 if n_rows <= 7 else 1300 if n_rows <= 11 else 1100 if n_rows <= 16 else 900
    col_w = width // cols
    grid = f'<a:gridCol w="{col_w}"/>' * (cols - 1) + f'<a:gridCol w="{width - (cols - 1) * col_w}"/>'
    cell_head, cell_tail = "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>", "</a:txBody><a:tcPr/></a:tc>"
    row_head = f'<a:tr h="{row_h}">'
    out = [
        _frame_head(shape_id, "Table", (left, top, width, row_h * n_rows)),
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
        f'<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{_TABLE_STYLE}</a:tableStyleId></a:tblPr>'
        f"<a:tblGrid>{grid}</a:tblGrid>{row_head}",
    ]
    for text in spec.header:
        out.append(f"{cell_head}{_para(_runs(text, bold=True, size=size))}{cell_tail}")
    out.append("</a:tr>")
    for row in spec.rows:
        out.append(row_head)
        for c in range(cols):
            value: CellText = row[c] if c < len(row) else None
            ppr = '<a:pPr algn="r"/>' if _is_number(value) else ""
            out.append(f"{cell_head}{_para(_runs(cell_text(value), size=size), ppr)}{cell_tail}")
        out.append("</a:tr>")
    out.append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")
    return "".join(out)


def _chart_xml(spec: ChartSlide) -> bytes:
    """Chart part XML: python-pptx's chart XML writer, then the edits the slide needs (no title, legend, font)."""
    data: Any = cast(Any, CategoryChartData)()
    data.categories = [xml_safe(c) for c in spec.categories]
    for series in spec.series:
        data.add_series(xml_safe(series.name), series.values)
    chart_space: Any = parse_xml(cast(Any, ChartXmlWriter)(_CHART_TYPES[spec.chart_kind], data).xml.encode("utf-8"))
    chart_space.get_or_add_externalData().rId = "rId1"  # the embedded workbook
    chart = cast(Any, Chart)(chart_space, None)
    chart.has_title = False  # the slide title names the chart
    if len(spec.series) > 1 or spec.chart_kind == "pie":
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    else:
        chart.has_legend = False
    chart.font.size = Pt(12)
    blob: bytes = serialize_part_xml(chart_space)
    return blob


def _notes_xml(proto: _Prototype, text: str) -> bytes:
    paragraphs = [f"<a:p><a:r><a:t>{_text(line)}</a:t></a:r></a:p>" if line else _EMPTY_P
                  for line in xml_safe(text).split("\n")]  # fmt: skip
    return f"{proto.notes_head}{''.join(paragraphs)}{proto.notes_tail}".encode()


def _rels(items: list[tuple[str, str]]) -> bytes:
    """A relationships part from ``(type, target)`` pairs numbered rId1, rId2, ..."""
    body = "".join(f'<Relationship Id="rId{n}" Type="{t}" Target="{target}"/>' for n, (t, target) in
                   enumerate(items, start=1))  # fmt: skip
    return f"{_RELS_HEAD}{body}</Relationships>".encode()


def _slide_xml(proto: _Prototype, spec: Slide) -> tuple[_SlideTemplate, str]:
    """The slide's template and its XML; a table or chart frame is left to the caller (marked ``{frame}``)."""
    content: dict[int, str] = {}
    if isinstance(spec, TitleSlide):
        template = proto.slides[_LAYOUT_TITLE]
        if spec.subtitle:
            content[1] = _para(_runs(spec.subtitle))
    elif isinstance(spec, BulletSlide):
        template = proto.slides[_LAYOUT_CONTENT]
        content[1] = _bullets(spec.bullets)
    elif isinstance(spec, TwoColumnSlide):
        if spec.left_heading or spec.right_heading:
            template = proto.slides[_LAYOUT_COMPARISON]
            for idx, heading in ((1, spec.left_heading), (3, spec.right_heading)):
                if heading:
                    content[idx] = _para(_runs(heading))
            content[2] = _bullets(spec.left)
            content[4] = _bullets(spec.right)
        else:
            template = proto.slides[_LAYOUT_TWO]
            content[1] = _bullets(spec.left)
            content[2] = _bullets(spec.right)
    else:
        template = proto.slides[_LAYOUT_TITLE_ONLY]
    content[0] = _para(_runs(spec.title))
    shapes = []
    for idx in template.order:
        paragraphs = content.get(idx)
        if paragraphs is not None:
            before, after = template.shapes[idx]
            shapes.append(f"{before}{paragraphs}{after}")
    return template, "".join(shapes)


def _content_types(proto: _Prototype, overrides: dict[str, str], has_charts: bool) -> bytes:
    defaults = dict(proto.defaults)
    if has_charts:
        defaults["xlsx"] = CT.SML_SHEET
    all_overrides = {**proto.overrides, **overrides}
    body = "".join(f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in sorted(defaults.items()))
    body += "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in sorted(all_overrides.items()))
    return (
        f'{_XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{body}</Types>'
    ).encode()


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
    slide_entries: list[tuple[str, bytes]] = []
    overrides: dict[str, str] = {}
    slide_ids: list[str] = []
    slide_rels: list[str] = []
    charts = notes = 0
    for number, slide in enumerate(spec.slides, start=1):
        template, shapes = _slide_xml(proto, slide)
        rels = [(RT.SLIDE_LAYOUT, template.layout_target)]
        extra: list[tuple[str, bytes]] = []
        if isinstance(slide, TableSlide):
            shapes += _table(slide, template.next_shape_id, proto.content_box)
        elif isinstance(slide, ChartSlide):
            charts += 1
            rels.append((RT.CHART, f"../charts/chart{charts}.xml"))
            shapes += (
                _frame_head(template.next_shape_id, "Chart", proto.content_box)
                + '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart '
                f'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId{len(rels)}"/>'
                "</a:graphicData></a:graphic></p:graphicFrame>"
            )
            workbook = f"ppt/embeddings/Microsoft_Excel_Sheet{charts}.xlsx"
            categories = [xml_safe(c) for c in slide.categories]
            series = [(xml_safe(s.name), list[float | None](s.values)) for s in slide.series]
            extra += [
                (f"ppt/charts/chart{charts}.xml", _chart_xml(slide)),
                (f"ppt/charts/_rels/chart{charts}.xml.rels", _rels([(RT.PACKAGE, f"../{workbook[4:]}")])),
                (workbook, _chart_workbook(categories, series)),
            ]
            overrides[f"/ppt/charts/chart{charts}.xml"] = CT.DML_CHART
        if slide.notes:
            notes += 1
            rels.append((RT.NOTES_SLIDE, f"../notesSlides/notesSlide{notes}.xml"))
            extra += [
                (f"ppt/notesSlides/notesSlide{notes}.xml", _notes_xml(proto, slide.notes)),
                (
                    f"ppt/notesSlides/_rels/notesSlide{notes}.xml.rels",
                    _rels([(RT.NOTES_MASTER, proto.notes_master_ref), (RT.SLIDE, f"../slides/slide{number}.xml")]),
                ),
            ]
            overrides[f"/ppt/notesSlides/notesSlide{notes}.xml"] = CT.PML_NOTES_SLIDE
        slide_entries.append((f"ppt/slides/slide{number}.xml", f"{template.head}{shapes}{template.tail}".encode()))
        slide_entries.append((f"ppt/slides/_rels/slide{number}.xml.rels", _rels(rels)))
        slide_entries.extend(extra)
        overrides[f"/ppt/slides/slide{number}.xml"] = CT.PML_SLIDE
        rel_id = proto.first_rel + number - 1
        slide_ids.append(f'<p:sldId id="{255 + number}" r:id="rId{rel_id}"/>')
        slide_rels.append(f'<Relationship Id="rId{rel_id}" Type="{RT.SLIDE}" Target="slides/slide{number}.xml"/>')
    dynamic = {
        _CONTENT_TYPES: _content_types(proto, overrides, charts > 0),
        _CORE: core_xml(core_values(spec.properties, spec.slides[0].title)),
        _PRESENTATION: (
            f"{proto.presentation_head}<p:sldIdLst>{''.join(slide_ids)}</p:sldIdLst>{proto.presentation_tail}"
        ).encode(),
        _PRESENTATION_RELS: f"{proto.presentation_rels_head}{''.join(slide_rels)}</Relationships>".encode(),
    }
    entries = [(name, data if data is not None else dynamic[name]) for name, data in proto.entries]
    return build_zip(entries + slide_entries)

"""Editors: apply a list of edits to a docx, xlsx or pptx and return the new bytes.

Edits keep the file valid (it re-opens in its library and in LibreOffice) and preserve everything they do not touch:
other paragraphs and their formatting, other sheets, formulas and charts, other slides and their notes. Blocks and
slides are rendered into the *existing* document with its own styles and layouts, so any docx/pptx can be edited,
not only ours. A target that does not exist raises :class:`~synthcomp_agents.office.OfficeEditError` listing the
valid ones.

Example:
    >>> import docx, io
    >>> from synthcomp_agents.office import Paragraph
    >>> d = docx.Document(); _ = d.add_heading("Budget", 1); _ = d.add_paragraph("Old total.")
    >>> buf = io.BytesIO(); d.save(buf)
    >>> new = edit_docx(buf.getvalue(), [ReplaceSection(heading="Budget", blocks=[Paragraph(text="New **total**.")])])
    >>> [p.text for p in docx.Document(io.BytesIO(new)).paragraphs]
    ['Budget', 'New total.']
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from openpyxl.writer.excel import ExcelWriter
from pydantic import TypeAdapter, ValidationError

from ._edit_specs import (
    AddSheet,
    AddSlide,
    AppendBlocks,
    AppendRows,
    DeleteSection,
    DeleteSheet,
    DeleteSlide,
    DocxEdit,
    InsertAfterHeading,
    PptxEdit,
    RenameSheet,
    ReplaceSection,
    ReplaceSlide,
    ReplaceText,
    SetCells,
    SetNotes,
    SetRange,
    XlsxEdit,
)
from ._errors import OfficeEditError, OfficeError
from ._formulas import load_workbook_safely
from ._inline import cell_text as _cell_text
from ._inline import parse_inline
from ._ooxml import fix_zip_dates, to_utc_naive
from ._read_common import guard
from ._read_docx import docx_blocks, find_section, open_docx
from ._read_pptx import open_pptx
from ._specs import (
    Block,
    BulletList,
    BulletSlide,
    CellValue,
    ChartSlide,
    Heading,
    NumberedList,
    PageBreak,
    Paragraph,
    SheetSpec,
    Slide,
    Table,
    TableSlide,
    TitleSlide,
    TwoColumnSlide,
)

__all__ = ["edit_docx", "edit_pptx", "edit_xlsx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _clean(text: str) -> str:
    return _BAD_XML_CHARS.sub("", text)


def _validate_list(edits: Sequence[Any], adapter: TypeAdapter[Any], what: str) -> list[Any]:
    if not edits:
        raise OfficeEditError(f"no edits given for the {what}.")
    try:
        return [adapter.validate_python(e) for e in edits]
    except ValidationError as exc:
        raise OfficeEditError(f"invalid {what} edit: {exc}") from exc


def _save(what: str, fn: Any) -> bytes:
    """Save through ``fn`` with fixed zip entry dates, so the same edits give the same bytes."""
    buf = io.BytesIO()
    guard("edited file", what, lambda: fn(buf))
    return fix_zip_dates(buf.getvalue())


def _apply_all(target: Any, edits: Sequence[Any], apply: Any, filename: str) -> None:
    """Apply ``edits`` in order with ``apply(target, edit, filename)``; library failures become OfficeEditError."""
    for edit in edits:
        try:
            apply(target, edit, filename)
        except OfficeError:
            raise
        except Exception as exc:
            raise OfficeEditError(f"edit {edit.op!r} failed on {filename}: {type(exc).__name__}: {exc}") from exc


def _stamp(props: Any, modified: datetime | None, modified_by: str | None) -> None:
    """Record the save in the core properties: ``modified`` (simulated time) and who saved it.

    Without ``modified`` the file keeps its previous modification time: the editors never read the wall clock.
    """
    if modified is not None:
        props.modified = to_utc_naive(modified)
    if modified_by:
        props.last_modified_by = modified_by[:255]


def _save_xlsx(wb: Any, buf: io.BytesIO) -> None:
    # ExcelWriter directly: openpyxl's save_workbook() would stamp `modified` with the wall clock.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()


# ======================================================================================================================
# docx
# ======================================================================================================================


def _style(doc: Any, name: str) -> Any | None:
    try:
        return doc.styles[name]
    except KeyError:
        return None


def _add_inline(paragraph: Any, text: str, *, bold: bool = False) -> None:
    for piece in parse_inline(_clean(text)):
        run = paragraph.add_run(piece.text)
        if piece.bold or bold:
            run.bold = True
        if piece.italic:
            run.italic = True


def _render_blocks(doc: Any, blocks: Sequence[Block]) -> list[Any]:
    """Append ``blocks`` at the end of the body with the document's own styles; return the new body elements."""
    body = doc.element.body
    # Keep the element proxies alive: ids of freed lxml proxies get reused, so a set of ids is not enough.
    before = set(body.iterchildren())
    for block in blocks:
        if isinstance(block, Heading):
            style = _style(doc, f"Heading {block.level}")
            p = doc.add_paragraph(style=style)
            _add_inline(p, block.text, bold=style is None)
        elif isinstance(block, Paragraph):
            _add_inline(doc.add_paragraph(), block.text)
        elif isinstance(block, (BulletList, NumberedList)):
            name = "List Bullet" if isinstance(block, BulletList) else "List Number"
            style = _style(doc, name)
            for n, item in enumerate(block.items, 1):
                p = doc.add_paragraph(style=style)
                if style is None:
                    p.add_run("- " if isinstance(block, BulletList) else f"{n}. ")
                _add_inline(p, item)
        elif isinstance(block, Table):
            if block.caption:
                _add_inline(doc.add_paragraph(style=_style(doc, "Caption")), block.caption)
            cols = len(block.header)
            table = doc.add_table(rows=1 + len(block.rows), cols=cols)
            grid = _style(doc, "Table Grid")
            if grid is not None:
                table.style = grid
            for c, text in enumerate(block.header):
                _add_inline(table.cell(0, c).paragraphs[0], text, bold=True)
            for r, row in enumerate(block.rows, 1):
                for c in range(cols):
                    value = row[c] if c < len(row) else None
                    _add_inline(table.cell(r, c).paragraphs[0], _cell_text(value))
        elif isinstance(block, PageBreak):
            doc.add_page_break()
    return [el for el in body.iterchildren() if el not in before and el.tag != _W + "sectPr"]


def _body_blocks(doc: Any) -> list[Any]:
    return [el for el in doc.element.body.iterchildren() if el.tag in (_W + "p", _W + "tbl")]


def _replace_in_paragraph(p: Any, old: str, new: str, limit: int | None) -> int:
    """Replace ``old`` in one w:p's direct runs, keeping the formatting of the run where each match starts."""
    done = 0
    while limit is None or done < limit:
        runs = [r for r in p.iterchildren(_W + "r")]
        texts = ["".join(t.text or "" for t in r.iterchildren(_W + "t")) for r in runs]
        joined = "".join(texts)
        # search after the previous replacement to avoid re-matching inside `new`
        start = joined.find(old)
        if start < 0:
            break
        end = start + len(old)
        pos = 0
        first = True
        for r, text in zip(runs, texts, strict=True):
            r_start, r_end = pos, pos + len(text)
            pos = r_end
            if r_end <= start or r_start >= end or not text:
                continue
            keep_before = text[: max(0, start - r_start)]
            keep_after = text[max(0, end - r_start) :] if end < r_end else ""
            value = keep_before + (new if first else "") + keep_after
            first = False
            t_elems = list(r.iterchildren(_W + "t"))
            t_elems[0].text = value
            t_elems[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            for extra in t_elems[1:]:
                r.remove(extra)
        done += 1
        if new.find(old) >= 0:  # replacing 'a' with 'aa' would loop forever: one pass per paragraph then
            break
    return done


def _all_paragraphs(doc: Any) -> list[Any]:
    roots = [doc.element.body]
    for section in doc.sections:
        for hf in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                   section.even_page_header, section.even_page_footer):  # fmt: skip
            try:
                if not hf.is_linked_to_previous:
                    roots.append(hf._element)
            except Exception:  # absent header parts
                continue
    out: list[Any] = []
    seen: set[int] = set()
    for root in roots:
        if id(root) in seen:
            continue
        seen.add(id(root))
        out.extend(root.iter(_W + "p"))
    return out


def _apply_docx(doc: Any, edit: Any, filename: str) -> None:
    if isinstance(edit, AppendBlocks):
        _render_blocks(doc, edit.blocks)
        return
    if isinstance(edit, ReplaceText):
        total = 0
        for p in _all_paragraphs(doc):
            remaining = None if edit.count is None else edit.count - total
            if remaining is not None and remaining <= 0:
                break
            total += _replace_in_paragraph(p, _clean(edit.old), _clean(edit.new), remaining)
        if total == 0:
            raise OfficeEditError(
                f"text {edit.old!r} not found in {filename} (matches must lie within one paragraph; check spelling "
                "and spacing with read_file)."
            )
        return
    blocks = docx_blocks(doc)
    elements = _body_blocks(doc)
    start, end = find_section(blocks, edit.heading, filename, error=OfficeEditError)
    if isinstance(edit, InsertAfterHeading):
        new = _render_blocks(doc, edit.blocks)
        anchor = elements[start]
        for el in new:
            anchor.addnext(el)
            anchor = el
    elif isinstance(edit, ReplaceSection):
        new = _render_blocks(doc, edit.blocks)
        anchor = elements[start]
        for el in elements[start + 1 : end]:
            el.getparent().remove(el)
        for el in new:
            anchor.addnext(el)
            anchor = el
    elif isinstance(edit, DeleteSection):
        for el in elements[start:end]:
            # a paragraph carrying a section break holds the layout of the section before it: keep it, emptied
            ppr = el.find(_W + "pPr")
            if ppr is not None and ppr.find(_W + "sectPr") is not None:
                for child in list(el):
                    if child.tag != _W + "pPr":
                        el.remove(child)
                continue
            el.getparent().remove(el)


def edit_docx(
    data: bytes,
    edits: Sequence[DocxEdit | dict[str, Any]],
    *,
    filename: str = "document.docx",
    modified: datetime | None = None,
    modified_by: str | None = None,
) -> bytes:
    """Apply edits to a Word document and return the new bytes.

    Args:
        data: The docx bytes.
        edits: Edits (models or their dicts), applied in order.
        filename: Name used in messages.
        modified: Save time (simulated) for the core properties; the previous value is kept when omitted.
        modified_by: Who saved it (core property ``lastModifiedBy``).

    Returns:
        The edited docx.

    Raises:
        OfficeEditError: An edit cannot apply (heading not found: the message lists the headings).
        OfficeFileError: The input is not a readable docx.

    Example:
        >>> import docx, io
        >>> d = docx.Document(); _ = d.add_paragraph("Draft v1"); buf = io.BytesIO(); d.save(buf)
        >>> out = edit_docx(buf.getvalue(), [{"op": "replace_text", "old": "v1", "new": "v2"}])
        >>> docx.Document(io.BytesIO(out)).paragraphs[0].text
        'Draft v2'
    """
    parsed = _validate_list(edits, TypeAdapter(DocxEdit), "docx")
    doc = open_docx(data, filename)
    _apply_all(doc, parsed, _apply_docx, filename)
    _stamp(doc.core_properties, modified, modified_by)
    return _save("a Word document", doc.save)


# ======================================================================================================================
# xlsx
# ======================================================================================================================


def _sheet(wb: Any, name: str, filename: str) -> Any:
    if name in wb.sheetnames:
        return wb[name]
    for title in wb.sheetnames:
        if title.lower() == name.strip().lower():
            return wb[title]
    raise OfficeEditError(f"sheet {name!r} not found in {filename}. Sheets: {', '.join(map(repr, wb.sheetnames))}.")


def _coord(address: str, filename: str) -> tuple[int, int]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    try:
        col, row = coordinate_from_string(address.replace("$", "").strip().upper())
        c = column_index_from_string(col)
    except Exception as exc:
        raise OfficeEditError(f"bad cell address {address!r} for {filename}; use e.g. 'B7'.") from exc
    if not (1 <= row <= 1_048_576 and 1 <= c <= 16_384):
        raise OfficeEditError(f"cell address {address!r} is outside the sheet.")
    return row, c


def _value(value: CellValue) -> Any:
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


def _set(ws: Any, row: int, col: int, value: CellValue) -> None:
    cell = ws.cell(row=row, column=col)
    if type(cell).__name__ == "MergedCell":
        raise OfficeEditError(
            f"cell {cell.coordinate} of sheet {ws.title!r} is inside a merged range; write the "
            "merged range's top-left cell instead."
        )
    cell.value = _value(value)
    if isinstance(value, (dt.date, dt.datetime)) and cell.number_format == "General":
        cell.number_format = "yyyy-mm-dd" if not isinstance(value, dt.datetime) else "yyyy-mm-dd hh:mm"


def _check_sheet_name(wb: Any, name: str) -> str:
    name = name.strip()
    if not name or len(name) > 31 or _BAD_SHEET_CHARS.search(name) or name.startswith("'"):
        raise OfficeEditError(f"invalid sheet name {name!r}: 1-31 characters, none of []:*?/\\.")
    if name.lower() in (s.lower() for s in wb.sheetnames):
        raise OfficeEditError(f"a sheet named {name!r} already exists. Sheets: {', '.join(map(repr, wb.sheetnames))}.")
    return name


def _add_sheet(wb: Any, spec: SheetSpec) -> None:
    from openpyxl.chart import BarChart, LineChart, PieChart, Reference
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(_check_sheet_name(wb, spec.name))
    for c, col in enumerate(spec.columns, 1):
        cell = ws.cell(row=1, column=c, value=_clean(col.header))
        cell.font = Font(bold=True)
        width = col.width or max([len(col.header)] + [len(str(r[c - 1])) for r in spec.rows[:200] if c - 1 < len(r)])
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)
    for r, row in enumerate(spec.rows, 2):
        if len(row) > len(spec.columns):
            raise OfficeEditError(
                f"sheet {spec.name!r}: row {r - 1} has {len(row)} cells for {len(spec.columns)} columns."
            )
        for c, value in enumerate(row, 1):
            _set(ws, r, c, value)
            fmt = spec.columns[c - 1].number_format
            if fmt:
                ws.cell(row=r, column=c).number_format = fmt
    if spec.freeze_header:
        ws.freeze_panes = "A2"
    if spec.chart is not None and spec.rows:
        ch = spec.chart
        n = len(spec.columns)
        if ch.category_column >= n or any(v >= n for v in ch.value_columns):
            raise OfficeEditError(f"sheet {spec.name!r}: chart columns out of range (0-{n - 1}).")
        chart: Any = {"line": LineChart, "pie": PieChart}.get(ch.kind, BarChart)()
        if ch.kind in ("bar", "column"):
            chart.type = "bar" if ch.kind == "bar" else "col"
        chart.title = ch.title
        last = len(spec.rows) + 1
        for v in ch.value_columns:
            chart.add_data(Reference(ws, min_col=v + 1, min_row=1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=ch.category_column + 1, min_row=2, max_row=last))
        ws.add_chart(chart, ch.anchor or f"{get_column_letter(n + 2)}2")


def _quote(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name) else "'" + name.replace("'", "''") + "'"


def _rename_refs(wb: Any, old: str, new: str) -> None:
    quoted = re.escape(old.replace("'", "''"))
    pattern = re.compile(r"(?<![A-Za-z0-9_.'])(?:'" + quoted + r"'|" + re.escape(old) + r")!")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, str) and v.startswith("=") and old in v.replace("''", "'"):
                    cell.value = pattern.sub(_quote(new) + "!", v)


def _apply_xlsx(wb: Any, edit: Any, filename: str) -> None:
    if isinstance(edit, SetCells):
        ws = _sheet(wb, edit.sheet, filename)
        for address, value in edit.cells.items():
            _set(ws, *_coord(address, filename), value)
    elif isinstance(edit, SetRange):
        ws = _sheet(wb, edit.sheet, filename)
        r0, c0 = _coord(edit.top_left, filename)
        for dr, row in enumerate(edit.rows):
            for dc, value in enumerate(row):
                _set(ws, r0 + dr, c0 + dc, value)
    elif isinstance(edit, AppendRows):
        ws = _sheet(wb, edit.sheet, filename)
        last = 0
        for row in ws.iter_rows():
            if any(c.value is not None for c in row):
                last = row[0].row
        for dr, row in enumerate(edit.rows, 1):
            for dc, value in enumerate(row, 1):
                _set(ws, last + dr, dc, value)
    elif isinstance(edit, AddSheet):
        _add_sheet(wb, edit.sheet)
    elif isinstance(edit, RenameSheet):
        ws = _sheet(wb, edit.sheet, filename)
        old = ws.title
        new = _check_sheet_name(wb, edit.new_name) if edit.new_name.lower() != old.lower() else edit.new_name.strip()
        ws.title = new
        _rename_refs(wb, old, new)
    elif isinstance(edit, DeleteSheet):
        ws = _sheet(wb, edit.sheet, filename)
        if len(wb.sheetnames) == 1:
            raise OfficeEditError(f"cannot delete {ws.title!r}: it is the only sheet of {filename}.")
        wb.remove(ws)
        if wb.active is None or wb.active.title not in wb.sheetnames:
            wb.active = 0


def edit_xlsx(
    data: bytes,
    edits: Sequence[XlsxEdit | dict[str, Any]],
    *,
    filename: str = "workbook.xlsx",
    modified: datetime | None = None,
    modified_by: str | None = None,
) -> bytes:
    """Apply edits to an Excel workbook and return the new bytes (formulas, other sheets and charts kept).

    Args:
        data: The xlsx bytes.
        edits: Edits (models or their dicts), applied in order.
        filename: Name used in messages.
        modified: Save time (simulated) for the core properties; the previous value is kept when omitted.
        modified_by: Who saved it (core property ``lastModifiedBy``).

    Returns:
        The edited xlsx.

    Raises:
        OfficeEditError: An edit cannot apply (sheet missing: the message lists the sheets).
        OfficeFileError: The input is not a readable xlsx.

    Example:
        >>> import io, openpyxl
        >>> wb = openpyxl.Workbook(); wb.active["A1"] = 1; buf = io.BytesIO(); wb.save(buf)
        >>> out = edit_xlsx(buf.getvalue(), [{"op": "set_cells", "sheet": "Sheet", "cells": {"A2": "=A1*2"}}])
        >>> openpyxl.load_workbook(io.BytesIO(out))["Sheet"]["A2"].value
        '=A1*2'
    """
    parsed = _validate_list(edits, TypeAdapter(XlsxEdit), "xlsx")
    wb = load_workbook_safely(data, filename)
    _apply_all(wb, parsed, _apply_xlsx, filename)
    _stamp(wb.properties, modified, modified_by)
    return _save("an Excel workbook", lambda buf: _save_xlsx(wb, buf))


# ======================================================================================================================
# pptx
# ======================================================================================================================


def _layout(prs: Any, *names: str) -> Any:
    layouts = list(prs.slide_layouts)
    for name in names:
        for lay in layouts:
            if lay.name.lower() == name.lower():
                return lay
    fallback = {"title slide": 0, "title and content": 1, "title only": 5, "two content": 3}
    idx = fallback.get(names[0].lower(), 1)
    return layouts[idx] if idx < len(layouts) else layouts[-1]


def _fill_text(frame: Any, items: Sequence[str], *, bullets: bool) -> None:
    frame.clear()
    for n, item in enumerate(items):
        stripped = item.lstrip(" ")
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        if bullets:
            para.level = min(4, (len(item) - len(stripped)) // 2)
        for piece in parse_inline(_clean(stripped)):
            run = para.add_run()
            run.text = piece.text
            if piece.bold:
                run.font.bold = True
            if piece.italic:
                run.font.italic = True


def _body_placeholders(slide: Any) -> list[Any]:
    title = slide.shapes.title
    return [ph for ph in slide.placeholders if title is None or ph.shape_id != title.shape_id]


def _content_box(prs: Any) -> tuple[int, int, int, int]:
    w, h = int(prs.slide_width or 9144000), int(prs.slide_height or 6858000)
    return int(w * 0.06), int(h * 0.22), int(w * 0.88), int(h * 0.70)


def _build_slide(prs: Any, spec: Slide) -> Any:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Emu

    if isinstance(spec, TitleSlide):
        layout = _layout(prs, "Title Slide")
    elif isinstance(spec, BulletSlide):
        layout = _layout(prs, "Title and Content")
    elif isinstance(spec, TwoColumnSlide):
        layout = _layout(prs, "Two Content", "Comparison")
    else:
        layout = _layout(prs, "Title Only")
    slide = prs.slides.add_slide(layout)
    if slide.shapes.title is not None:
        _fill_text(slide.shapes.title.text_frame, [spec.title], bullets=False)
    else:
        left, top, width, _h = _content_box(prs)
        box = slide.shapes.add_textbox(Emu(left), Emu(int(top * 0.3)), Emu(width), Emu(int(top * 0.6)))
        _fill_text(box.text_frame, [spec.title], bullets=False)
    bodies = _body_placeholders(slide)
    used: list[Any] = []

    def body_frame(n: int, box: tuple[int, int, int, int]) -> Any:
        if n < len(bodies):
            used.append(bodies[n])
            return bodies[n].text_frame
        return slide.shapes.add_textbox(*(Emu(v) for v in box)).text_frame

    left, top, width, height = _content_box(prs)
    if isinstance(spec, TitleSlide):
        if spec.subtitle:
            _fill_text(body_frame(0, (left, top, width, height // 3)), [spec.subtitle], bullets=False)
    elif isinstance(spec, BulletSlide):
        _fill_text(body_frame(0, (left, top, width, height)), spec.bullets, bullets=True)
    elif isinstance(spec, TwoColumnSlide):
        half = width // 2
        left_items = ([f"**{spec.left_heading}**"] if spec.left_heading else []) + list(spec.left)
        right_items = ([f"**{spec.right_heading}**"] if spec.right_heading else []) + list(spec.right)
        _fill_text(body_frame(0, (left, top, half, height)), left_items, bullets=True)
        _fill_text(body_frame(1, (left + half, top, half, height)), right_items, bullets=True)
    elif isinstance(spec, TableSlide):
        cols = len(spec.header)
        shape = slide.shapes.add_table(
            1 + len(spec.rows), cols, Emu(left), Emu(top), Emu(width), Emu(min(height, 370840 * (1 + len(spec.rows))))
        )
        table = shape.table
        for c, text in enumerate(spec.header):
            _fill_text(table.cell(0, c).text_frame, [f"**{text}**" if text else ""], bullets=False)
        for r, row in enumerate(spec.rows, 1):
            for c in range(cols):
                value = row[c] if c < len(row) else None
                table.cell(r, c).text = _clean(_cell_text(value))
    elif isinstance(spec, ChartSlide):
        data: Any = CategoryChartData()  # type: ignore[no-untyped-call]
        data.categories = spec.categories
        for series in spec.series:
            if len(series.values) != len(spec.categories):
                raise OfficeEditError(
                    f"chart series {series.name!r} has {len(series.values)} values for "
                    f"{len(spec.categories)} categories."
                )
            data.add_series(series.name, series.values)
        kind = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
                "line": XL_CHART_TYPE.LINE_MARKERS, "pie": XL_CHART_TYPE.PIE}[spec.chart_kind]  # fmt: skip
        slide.shapes.add_chart(kind, Emu(left), Emu(top), Emu(width), Emu(height), data)
    # empty placeholders would show "Click to add text" prompts in PowerPoint
    for ph in bodies:
        if ph not in used and not (ph.has_text_frame and ph.text_frame.text.strip()):
            ph._element.getparent().remove(ph._element)
    if spec.notes:
        slide.notes_slide.notes_text_frame.text = _clean(spec.notes)
    return slide


def _slide_index(prs: Any, index: int, filename: str) -> int:
    n = len(prs.slides._sldIdLst)
    if not 1 <= index <= n:
        raise OfficeEditError(f"slide {index} does not exist: {filename} has {n} slide(s) (numbered 1-{n}).")
    return index - 1


def _delete_slide(prs: Any, pos: int) -> None:
    sld_ids = prs.slides._sldIdLst
    sld_id = sld_ids[pos]
    prs.part.drop_rel(sld_id.rId)
    sld_ids.remove(sld_id)


def _move_last_to(prs: Any, pos: int) -> None:
    sld_ids = prs.slides._sldIdLst
    el = sld_ids[-1]
    sld_ids.remove(el)
    sld_ids.insert(pos, el)


def _apply_pptx(prs: Any, edit: Any, filename: str) -> None:
    if isinstance(edit, AddSlide):
        n = len(prs.slides._sldIdLst)
        if edit.position is not None and edit.position > n + 1:
            raise OfficeEditError(
                f"position {edit.position} is out of range: {filename} has {n} slide(s); "
                f"use 1-{n + 1} or omit position to append."
            )
        _build_slide(prs, edit.slide)
        if edit.position is not None:
            _move_last_to(prs, edit.position - 1)
    elif isinstance(edit, ReplaceSlide):
        pos = _slide_index(prs, edit.index, filename)
        _build_slide(prs, edit.slide)
        _move_last_to(prs, pos)
        _delete_slide(prs, pos + 1)
    elif isinstance(edit, DeleteSlide):
        pos = _slide_index(prs, edit.index, filename)
        if len(prs.slides._sldIdLst) == 1:
            raise OfficeEditError(f"cannot delete slide {edit.index}: it is the only slide of {filename}.")
        _delete_slide(prs, pos)
    elif isinstance(edit, SetNotes):
        pos = _slide_index(prs, edit.index, filename)
        slide = prs.slides[pos]
        frame = slide.notes_slide.notes_text_frame
        if frame is None:
            raise OfficeEditError(f"slide {edit.index} of {filename} has a notes page without a notes area.")
        frame.text = _clean(edit.notes)


def edit_pptx(
    data: bytes,
    edits: Sequence[PptxEdit | dict[str, Any]],
    *,
    filename: str = "deck.pptx",
    modified: datetime | None = None,
    modified_by: str | None = None,
) -> bytes:
    """Apply edits to a PowerPoint deck and return the new bytes (other slides and notes kept).

    Args:
        data: The pptx bytes.
        edits: Edits (models or their dicts), applied in order; slide numbers are 1-based and refer to the deck as
            it is when the edit runs.
        filename: Name used in messages.
        modified: Save time (simulated) for the core properties; the previous value is kept when omitted.
        modified_by: Who saved it (core property ``lastModifiedBy``).

    Returns:
        The edited pptx.

    Raises:
        OfficeEditError: An edit cannot apply (slide out of range: the message says how many slides exist).
        OfficeFileError: The input is not a readable pptx.

    Example:
        >>> from pptx import Presentation
        >>> import io
        >>> prs = Presentation(); _ = prs.slides.add_slide(prs.slide_layouts[5]); buf = io.BytesIO(); prs.save(buf)
        >>> out = edit_pptx(buf.getvalue(), [{"op": "set_notes", "index": 1, "notes": "Open with the numbers."}])
        >>> Presentation(io.BytesIO(out)).slides[0].notes_slide.notes_text_frame.text
        'Open with the numbers.'
    """
    parsed = _validate_list(edits, TypeAdapter(PptxEdit), "pptx")
    prs = open_pptx(data, filename)
    _apply_all(prs, parsed, _apply_pptx, filename)
    _stamp(prs.core_properties, modified, modified_by)
    return _save("a PowerPoint presentation", prs.save)

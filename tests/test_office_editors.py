"""Editors: edits apply, keep the file valid and preserve what they do not touch."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from lo_helpers import SKIP_REASON, convert_to_pdf, find_soffice
from office_read_fixtures import XLSX_TOTAL, make_docx, make_pptx, make_xlsx
from pptx import Presentation

from synthcomp_agents.office import (
    BulletList,
    BulletSlide,
    ChartSeries,
    ChartSlide,
    ColumnSpec,
    Heading,
    NumberedList,
    OfficeEditError,
    OfficeFileError,
    Paragraph,
    SheetSpec,
    Table,
    TableSlide,
    TitleSlide,
    TwoColumnSlide,
    edit_docx,
    edit_pptx,
    edit_xlsx,
    read_document,
)
from synthcomp_agents.office._edit_specs import (
    AddSheet,
    AddSlide,
    AppendBlocks,
    AppendRows,
    DeleteSection,
    DeleteSheet,
    DeleteSlide,
    InsertAfterHeading,
    RenameSheet,
    ReplaceSection,
    ReplaceSlide,
    ReplaceText,
    SetCells,
    SetNotes,
    SetRange,
)

EDITS: dict[str, Callable[[], bytes]] = {}  # file name -> an edit a test below checks; LibreOffice opens them all


def _edit(name: str) -> Callable[[Callable[[], bytes]], Callable[[], bytes]]:
    """Register an edit under ``name`` so the LibreOffice test can rebuild it on its own, in any test order."""

    def register(build: Callable[[], bytes]) -> Callable[[], bytes]:
        EDITS[name] = build
        return build

    return register


def _doc(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _runs(data: bytes, text: str) -> list[tuple[str, bool | None, bool | None]]:
    for p in _doc(data).paragraphs:
        if p.text == text:
            return [(r.text, r.bold, r.italic) for r in p.runs]
    raise AssertionError(f"paragraph {text!r} not found")


# -- docx ----------------------------------------------------------------------------------------------------------


@_edit("replace_section.docx")
def _replace_section() -> bytes:
    return edit_docx(
        make_docx(),
        [
            ReplaceSection(
                heading="Budget",
                blocks=[
                    Paragraph(text="Revised budget: **50,000 USD**."),
                    Table(header=["Centre", "Amount"], rows=[["Ops", 50000]]),
                ],
            )
        ],
    )


def test_docx_replace_section_preserves_rest() -> None:
    src = make_docx()
    before = read_document("r.docx", src, max_chars=10**6).text
    new = _replace_section()
    after = read_document("r.docx", new, max_chars=10**6).text
    section = read_document("r.docx", new, part="Budget").text
    assert section == (
        "## Budget\n\nRevised budget: **50,000 USD**.\n\n| Centre | Amount |\n| --- | --- |\n| Ops | 50000 |"
    )
    assert "48,250" not in after and "### Detail" not in after
    # everything outside the section is byte-for-byte the same text, formatting included
    assert before.split("## Budget")[0] == after.split("## Budget")[0]
    assert before.split("## Risks")[1] == after.split("## Risks")[1]
    assert _runs(new, "Spend fell 4% against plan; freight stayed flat.") == _runs(
        src, "Spend fell 4% against plan; freight stayed flat."
    )


@_edit("insert_append_delete.docx")
def _insert_append_delete() -> bytes:
    return edit_docx(
        make_docx(),
        [
            InsertAfterHeading(heading="summary", blocks=[BulletList(items=["New **first** point"])]),
            AppendBlocks(blocks=[Heading(text="Next steps", level=1), NumberedList(items=["Call Acme", "Sign"])]),
            DeleteSection(heading="Risks"),
        ],
    )


def test_docx_insert_append_delete() -> None:
    new = _insert_append_delete()
    text = read_document("r.docx", new, max_chars=10**6).text
    assert "## Summary\n\n- New **first** point\n\nSpend fell" in text
    assert text.rstrip().endswith("## Next steps\n\n1. Call Acme\n2. Sign")
    assert "Risks" not in text and "Risk note" not in text
    assert "## Budget" in text


@_edit("replace_text.docx")
def _replace_text() -> bytes:
    return edit_docx(
        make_docx(), [ReplaceText(old="4%", new="5%"), ReplaceText(old="fell 5", new="dropped 5", count=1)]
    )


def test_docx_replace_text_keeps_run_formatting() -> None:
    src = make_docx()
    new = _replace_text()
    runs = _runs(new, "Spend dropped 5% against plan; freight stayed flat.")
    # a match spanning runs goes into the run where it starts; the rest keeps its own formatting
    assert runs == [
        ("Spend dropped 5", None, None),
        ("%", True, None),
        (" against plan; ", None, None),
        ("freight", None, True),
        (" stayed flat.", None, None),
    ]
    assert ("5%", True, None) in _runs(
        edit_docx(src, [ReplaceText(old="4%", new="5%")]), "Spend fell 5% against plan; freight stayed flat."
    )
    with pytest.raises(OfficeEditError, match="not found"):
        edit_docx(src, [ReplaceText(old="no such words", new="x")])


def test_docx_missing_heading_lists_headings() -> None:
    with pytest.raises(OfficeEditError, match="Available headings: 'Q3 Supplier Review'; 'Summary'; 'Budget'"):
        edit_docx(make_docx(), [DeleteSection(heading="Appendix")])
    with pytest.raises(OfficeEditError, match="invalid docx edit"):
        edit_docx(make_docx(), [{"op": "explode"}])
    with pytest.raises(OfficeFileError):
        edit_docx(b"not a docx", [DeleteSection(heading="x")])


# -- xlsx ----------------------------------------------------------------------------------------------------------


@_edit("edits.xlsx")
def _xlsx_edits() -> bytes:
    return edit_xlsx(
        make_xlsx(),
        [
            SetCells(sheet="Data", cells={"C2": 100, "G1": "Note"}),
            SetRange(sheet="Rates", top_left="A4", rows=[["East", 0.06], ["West", 0.08]]),
            AppendRows(
                sheet="Data", rows=[["Item 24", "North", 1, 10.5, "=ROUND(C26*D26,2)", '=IF(E26>100,"High","Low")']]
            ),
            AddSheet(
                sheet=SheetSpec(
                    name="Notes",
                    columns=[ColumnSpec(header="Topic"), ColumnSpec(header="Owner")],
                    rows=[["Freight", "Ana"]],
                )
            ),
        ],
    )


def test_xlsx_edits_preserve_formulas_sheets_and_chart() -> None:
    new = _xlsx_edits()
    wb = openpyxl.load_workbook(io.BytesIO(new))
    assert wb.sheetnames == ["Data", "Rates", "Summary", "Notes"]
    assert wb["Data"]["E2"].value == "=ROUND(C2*D2,2)" and wb["Data"]["E26"].value == "=ROUND(C26*D26,2)"
    assert wb["Summary"]["B2"].value == "=SUM(Data!E2:E25)" and wb["Summary"]["B2"].number_format == "#,##0.00"
    assert len(wb["Data"]._charts) == 1
    text = read_document("b.xlsx", new, part="Summary!B2").text
    assert f"-> {XLSX_TOTAL - 10.5 + 1050:,.2f}" in text  # recomputed with the new C2


@_edit("rename.xlsx")
def _rename() -> bytes:
    return edit_xlsx(make_xlsx(), [RenameSheet(sheet="Data", new_name="Line Items"), DeleteSheet(sheet="Rates")])


def test_xlsx_rename_updates_references_and_delete() -> None:
    new = _rename()
    wb = openpyxl.load_workbook(io.BytesIO(new))
    assert wb.sheetnames == ["Line Items", "Summary"]
    assert wb["Summary"]["B2"].value == "=SUM('Line Items'!E2:E25)"
    assert f"-> {XLSX_TOTAL:,.2f}" in read_document("b.xlsx", new, part="Summary").text


def test_xlsx_errors_list_sheets() -> None:
    with pytest.raises(OfficeEditError, match="Sheets: 'Data', 'Rates', 'Summary'"):
        edit_xlsx(make_xlsx(), [SetCells(sheet="Costs", cells={"A1": 1})])
    with pytest.raises(OfficeEditError, match="bad cell address"):
        edit_xlsx(make_xlsx(), [SetCells(sheet="Data", cells={"1A": 1})])
    with pytest.raises(OfficeEditError, match="already exists"):
        edit_xlsx(make_xlsx(), [RenameSheet(sheet="Data", new_name="rates")])
    one = edit_xlsx(make_xlsx(), [DeleteSheet(sheet="Rates"), DeleteSheet(sheet="Summary")])
    with pytest.raises(OfficeEditError, match="only sheet"):
        edit_xlsx(one, [DeleteSheet(sheet="Data")])


# -- pptx ----------------------------------------------------------------------------------------------------------


def _slides(data: bytes) -> list[tuple[str, str]]:
    prs = Presentation(io.BytesIO(data))
    out = []
    for s in prs.slides:
        notes = s.notes_slide.notes_text_frame.text if s.has_notes_slide else ""
        out.append((s.shapes.title.text if s.shapes.title is not None else "", notes))
    return out


@_edit("edits.pptx")
def _pptx_edits() -> bytes:
    return edit_pptx(
        make_pptx(),
        [
            AddSlide(
                slide=BulletSlide(title="Risks", bullets=["FX", "  EUR invoices"], notes="Keep short."), position=2
            ),
            AddSlide(slide=TwoColumnSlide(title="Before / after", left=["Manual"], right=["Automated"])),
            AddSlide(slide=TableSlide(title="Centres", header=["A", "B"], rows=[[1, 2]])),
            AddSlide(
                slide=ChartSlide(title="Growth", categories=["Q1", "Q2"], series=[ChartSeries(name="S", values=[1, 2])])
            ),
            ReplaceSlide(index=1, slide=TitleSlide(title="Quarterly Review v2", subtitle="Procurement")),
            DeleteSlide(index=4),  # "Budget table"
            SetNotes(index=3, notes="Updated highlight notes."),
        ],
    )


def test_pptx_add_replace_delete_notes() -> None:
    new = _pptx_edits()
    slides = _slides(new)
    assert [t for t, _ in slides] == [
        "Quarterly Review v2",
        "Risks",
        "Highlights",
        "Trend",
        "Before / after",
        "Centres",
        "Growth",
    ]
    assert slides[1][1] == "Keep short." and slides[2][1] == "Updated highlight notes."
    assert slides[3][1] == "Chart notes stay."  # untouched slide keeps its notes and chart
    assert "series Spend: 10, 12.5" in read_document("d.pptx", new, part="slide 4").text
    assert "  - EUR invoices" in read_document("d.pptx", new, part="slide 2").text


def test_pptx_index_out_of_range() -> None:
    with pytest.raises(OfficeEditError, match="has 4 slide"):
        edit_pptx(make_pptx(), [DeleteSlide(index=5)])
    with pytest.raises(OfficeEditError, match="use 1-5"):
        edit_pptx(make_pptx(), [AddSlide(slide=TitleSlide(title="x"), position=9)])


# -- LibreOffice: every edited file opens in a real office suite ---------------------------------------------------


@pytest.mark.libreoffice
def test_edited_files_convert_in_libreoffice(tmp_path: Path) -> None:
    """Every edit the tests above check, rebuilt here (no dependence on test order), opens in LibreOffice."""
    if find_soffice() is None:
        pytest.skip(SKIP_REASON)
    files = {name: build() for name, build in EDITS.items()}
    assert {name.rsplit(".", 1)[1] for name in files} == {"docx", "xlsx", "pptx"}
    result = convert_to_pdf(files, tmp_path)
    assert result.failures() == []
    assert set(result.outputs) == set(files)


def test_edits_are_deterministic_and_stamped_with_the_given_time() -> None:
    """Editors never read the wall clock: zip dates are fixed and `modified` is the time the caller passes."""
    import zipfile
    from datetime import datetime, timezone

    import docx as docx_lib
    import openpyxl
    from pptx import Presentation

    from synthcomp_agents.office import (
        BulletSlide,
        ColumnSpec,
        DocumentSpec,
        Heading,
        PresentationSpec,
        SheetSpec,
        SpreadsheetSpec,
        edit_docx,
        edit_pptx,
        edit_xlsx,
        write_docx,
        write_pptx,
        write_xlsx,
    )

    when = datetime(2026, 5, 6, 14, 30, tzinfo=timezone.utc)
    docx_bytes = write_docx(DocumentSpec(title="Vendor review", blocks=[Heading(text="Findings")]))
    xlsx_bytes = write_xlsx(
        SpreadsheetSpec(sheets=[SheetSpec(name="Spend", columns=[ColumnSpec(header="EUR")], rows=[[5]])])
    )
    pptx_bytes = write_pptx(PresentationSpec(slides=[BulletSlide(title="Status", bullets=["On track"])]))
    runs = []
    for _ in range(2):
        runs.append(
            (
                edit_docx(
                    docx_bytes,
                    [{"op": "append", "blocks": [{"type": "paragraph", "text": "Signed off."}]}],
                    modified=when,
                    modified_by="Ana Ruiz",
                ),
                edit_xlsx(
                    xlsx_bytes,
                    [{"op": "set_cells", "sheet": "Spend", "cells": {"A3": "=A2*2"}}],
                    modified=when,
                    modified_by="Ana Ruiz",
                ),
                edit_pptx(
                    pptx_bytes,
                    [{"op": "set_notes", "index": 1, "notes": "Mention the audit."}],
                    modified=when,
                    modified_by="Ana Ruiz",
                ),
            )
        )
    assert runs[0] == runs[1]
    for blob in runs[0]:
        assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(blob)).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    d = docx_lib.Document(io.BytesIO(runs[0][0])).core_properties
    assert d.modified.replace(tzinfo=None) == datetime(2026, 5, 6, 14, 30) and d.last_modified_by == "Ana Ruiz"
    x = openpyxl.load_workbook(io.BytesIO(runs[0][1])).properties
    assert x.modified == datetime(2026, 5, 6, 14, 30) and x.lastModifiedBy == "Ana Ruiz"
    p = Presentation(io.BytesIO(runs[0][2])).core_properties
    assert p.modified.replace(tzinfo=None) == datetime(2026, 5, 6, 14, 30) and p.last_modified_by == "Ana Ruiz"

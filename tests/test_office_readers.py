"""Readers: structure-addressed, paginated, size-capped text; formula values; outline; extract_text."""

from __future__ import annotations

import io

import openpyxl
import pytest
from office_read_fixtures import XLSX_TOTAL, make_csv, make_docx, make_eml, make_pdf, make_pptx, make_xlsx

from synthcomp_agents.office import OfficeError, evaluate_workbook, extract_text, outline, read_document
from synthcomp_agents.office._formulas import FormulaEvaluator


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return make_docx()


@pytest.fixture(scope="module")
def xlsx_bytes() -> bytes:
    return make_xlsx()


def _pages(filename: str, data: bytes, max_chars: int, part: str | None = None) -> list[str]:
    """Read every page; strip the navigation note from each."""
    out, offset = [], 0
    for _ in range(10_000):
        r = read_document(filename, data, part=part, offset=offset, max_chars=max_chars)
        if r.next_offset is None:
            out.append(r.text)
            return out
        note = r.text.rindex("\n[... ")
        assert f"offset={r.next_offset}" in r.text[note:]
        out.append(r.text[:note])
        assert r.next_offset > offset
        offset = r.next_offset
    raise AssertionError("pagination did not finish")


def test_docx_full_read_has_markdown_structure(docx_bytes: bytes) -> None:
    text = read_document("review.docx", docx_bytes, max_chars=100_000).text
    assert text.startswith("# Q3 Supplier Review")
    assert "## Summary" in text and "### Detail" in text
    assert "Spend fell **4%** against plan; *freight* stayed flat." in text
    assert "- Renegotiate the Acme contract\n- Consolidate freight carriers" in text
    assert "1. Approve the budget\n2. Publish the plan" in text
    assert "| Cost centre | Amount |\n| --- | --- |\n| Logistics | 20,000 |" in text


def test_docx_part_returns_only_that_section(docx_bytes: bytes) -> None:
    r = read_document("review.docx", docx_bytes, part="Budget")
    assert r.text.startswith("## Budget")
    assert "48,250 USD" in r.text and "### Detail" in r.text  # subsections belong to the section
    assert "Risks" not in r.text and "Spend fell" not in r.text
    assert r.parts[:3] == ["Q3 Supplier Review", "Summary", "Budget"]
    assert read_document("review.docx", docx_bytes, part="Heading: budget").text == r.text


def test_docx_block_range_and_unknown_part(docx_bytes: bytes) -> None:
    r = read_document("review.docx", docx_bytes, part="paragraphs 0-1")
    assert r.text == "# Q3 Supplier Review\n\n## Summary"
    with pytest.raises(OfficeError, match="Available headings: 'Q3 Supplier Review'; 'Summary'; 'Budget'"):
        read_document("review.docx", docx_bytes, part="Appendix")


@pytest.mark.parametrize("max_chars", [150, 1000])
def test_pagination_reconstructs_text_without_gaps(docx_bytes: bytes, max_chars: int) -> None:
    full = read_document("review.docx", docx_bytes, max_chars=1_000_000).text
    pages = _pages("review.docx", docx_bytes, max_chars)
    assert "".join(pages) == full
    assert all(len(p) <= max_chars for p in pages)


def test_pagination_of_text_csv_and_part() -> None:
    text = ("line with words " * 7 + "\n") * 400
    assert "".join(_pages("notes.txt", text.encode(), 500)) == text
    csv_full = read_document("s.csv", make_csv(), max_chars=10**6).text
    assert "".join(_pages("s.csv", make_csv(), 700)) == csv_full
    part_full = read_document("s.csv", make_csv(), part="rows 10-200", max_chars=10**6).text
    assert "".join(_pages("s.csv", make_csv(), 300, part="rows 10-200")) == part_full
    r = read_document("s.csv", make_csv(), part="rows 10-200", max_chars=300)
    assert "offset=" in r.text and "part='rows 10-200'" in r.text


def test_offset_past_end_is_office_error() -> None:
    with pytest.raises(OfficeError, match="past the end"):
        read_document("a.txt", b"short", offset=50)


def test_xlsx_formula_shows_formula_and_value(xlsx_bytes: bytes) -> None:
    r = read_document("budget.xlsx", xlsx_bytes, part="Summary")
    assert f"=SUM(Data!E2:E25) -> {XLSX_TOTAL:,.2f}" in r.text  # '3,150.00'
    tax = round(sum((i + 1) * 10.5 for i in range(24) if i % 2) * 0.05, 2)
    assert f"-> {tax:g}" in r.text
    assert "=XLOOKUP(1,A1:A2,B1:B2) -> (not evaluated: function XLOOKUP is not supported" in r.text
    assert "## Sheet Data" not in r.text
    assert r.parts == ["Data", "Rates", "Summary"]


def test_xlsx_range_and_errors(xlsx_bytes: bytes) -> None:
    r = read_document("budget.xlsx", xlsx_bytes, part="Data!E2:F3")
    assert '| 2 | =ROUND(C2*D2,2) -> 10.5 | =IF(E2>100,"High","Low") -> Low |' in r.text
    assert "Item 0" not in r.text
    with pytest.raises(OfficeError, match="Sheets: 'Data', 'Rates', 'Summary'"):
        read_document("budget.xlsx", xlsx_bytes, part="Costs")
    with pytest.raises(OfficeError, match="bad cell range"):
        read_document("budget.xlsx", xlsx_bytes, part="Data!nonsense")
    huge = read_document("budget.xlsx", xlsx_bytes, part="Data!A1:XFD1048576", max_chars=500)
    assert huge.next_offset is not None  # clipped to the used area, paginated


def test_xlsx_formula_filled_down_is_written_once() -> None:
    """A column of the same relative formula shows it in its first row only; later rows show '-> value', explained
    once above the table. A different formula, an anchored row that moved, or the first row of a range read stay
    in full."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Site", "Plan", "Actual", "Variance", "Share"])
    for n, (plan, actual) in enumerate([(10, 12), (20, 18), (30, 33), (40, 40)], start=2):
        ws.append([f"Site {n}", plan, actual, f"=C{n}-B{n}", f"=D{n}/B$2"])
    ws["D5"] = "=B5-C5"  # not the formula of the cell above
    ws["E4"] = "=D4/B$3"  # its anchored row moved: not a fill
    buf = io.BytesIO()
    wb.save(buf)
    text = read_document("t.xlsx", buf.getvalue()).text
    note = "(a cell showing only '-> value' holds the formula of the cell above it, filled down)"
    assert text.count(note) == 1 and text.index(note) < text.index("| row |")
    assert "| 2 | Site 2 | 10 | 12 | =C2-B2 -> 2 | =D2/B$2 -> 0.2 |" in text
    assert "| 3 | Site 3 | 20 | 18 | -> -2 | -> -0.2 |" in text
    assert "| 4 | Site 4 | 30 | 33 | -> 3 | =D4/B$3 -> 0.15 |" in text
    assert "| 5 | Site 5 | 40 | 40 | =B5-C5 -> 0 | =D5/B$2 -> 0 |" in text
    ranged = read_document("t.xlsx", buf.getvalue(), part="Data!D3:D4").text
    assert "| 3 | =C3-B3 -> -2 |" in ranged and "| 4 | -> 3 |" in ranged


def test_cached_values_are_used_first(xlsx_bytes: bytes) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes))
    cached = openpyxl.load_workbook(io.BytesIO(xlsx_bytes))
    cached["Summary"]["B4"] = 42  # stands in for the value Excel stored
    res = FormulaEvaluator(wb, cached).value("Summary", "B4")
    assert res.value == 42 and res.cached


def test_evaluation_budget_is_reported() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 60):
        ws.cell(row=r, column=1, value=r)
        ws.cell(row=r, column=2, value=f"=A{r}*2")
    buf = io.BytesIO()
    wb.save(buf)
    ev = FormulaEvaluator(openpyxl.load_workbook(io.BytesIO(buf.getvalue())), max_cells=20)
    values = [ev.value("Sheet", f"B{r}") for r in range(1, 60)]
    assert values[0].value == 2
    assert values[-1].error is not None and "limit of 20 cells" in values[-1].error


def test_evaluate_workbook_values(xlsx_bytes: bytes) -> None:
    values = evaluate_workbook(xlsx_bytes)
    assert values["Summary"]["B2"] == pytest.approx(XLSX_TOTAL)
    assert values["Data"]["F25"] == "High" and values["Summary"]["B4"] is None


def test_long_running_total_chain_is_evaluated() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = 1
    for r in range(2, 801):
        ws[f"A{r}"] = f"=A{r - 1}+1"
    ws["B1"], ws["B2"] = "=B2+1", "=B1+1"
    ev = FormulaEvaluator(wb)
    assert ev.value("Sheet", "A800").value == 800
    assert ev.value("Sheet", "B1").error == "circular reference or dependency chain too deep"


def test_pptx_slides_with_notes() -> None:
    data = make_pptx()
    r = read_document("deck.pptx", data, part="slide 2")
    assert r.text == (
        "## Slide 2: Highlights\n- Spend down 4%\n- Two new suppliers\nNotes: Mention the Acme renegotiation."
    )
    both = read_document("deck.pptx", data, part="slides 3-4").text
    assert "| Ops | 20 |" in both and "series Spend: 10, 12.5" in both and "Highlights" not in both
    with pytest.raises(OfficeError, match="has 4 slide"):
        read_document("deck.pptx", data, part="slide 9")
    with pytest.raises(OfficeError, match="'slide N'"):
        read_document("deck.pptx", data, part="intro")


def test_pdf_pages() -> None:
    data = make_pdf(3)
    r = read_document("r.pdf", data, part="page 2")
    assert "Page heading 2" in r.text and "Page heading 1" not in r.text
    assert r.parts == ["page 1", "page 2", "page 3"]
    assert "3 page(s)" in outline("r.pdf", data)
    with pytest.raises(OfficeError, match="3 page"):
        read_document("r.pdf", data, part="page 7")


def test_eml_parts_and_attachment_dispatch(xlsx_bytes: bytes) -> None:
    data = make_eml(xlsx_bytes)
    full = read_document("m.eml", data).text
    assert "Subject: Q4 budget" in full and "The budget is attached." in full and "- budget.xlsx" in full
    assert read_document("m.eml", data, part="headers").text.startswith("From: Ana Ruiz <ana@example.com>")
    inner = read_document("m.eml", data, part="budget.xlsx: Summary").text
    assert f"-> {XLSX_TOTAL:,.2f}" in inner
    with pytest.raises(OfficeError, match=r"'headers', 'body', 'attachments', 'budget\.xlsx'"):
        read_document("m.eml", data, part="nope.pdf")


def test_text_formats_and_outline(docx_bytes: bytes, xlsx_bytes: bytes) -> None:
    assert read_document("cal.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").text.startswith("BEGIN:VCALENDAR")
    with pytest.raises(OfficeError, match="no parts"):
        read_document("a.json", b"{}", part="x")
    o = outline("review.docx", docx_bytes)
    assert "- [5-11] Budget\n  - [10-11] Detail" in o  # headings with block ranges, nested
    ox = outline("budget.xlsx", xlsx_bytes)
    assert "- Data: A1:F25 (25 rows x 6 columns), 48 formulas, 1 chart(s)" in ox
    assert "2 slide" not in outline("deck.pptx", make_pptx()) and "slide 2: Highlights [notes]" in outline(
        "deck.pptx", make_pptx()
    )
    assert "Attachments (1)" in outline("m.eml", make_eml(b"x", "a.txt"))


def test_extract_text_all_formats(docx_bytes: bytes, xlsx_bytes: bytes) -> None:
    assert "48,250 USD" in extract_text("r.docx", docx_bytes) and "**" not in extract_text("r.docx", docx_bytes)
    assert "Item 23" in extract_text("b.xlsx", xlsx_bytes)
    assert "Mention the Acme" in extract_text("d.pptx", make_pptx())
    assert "Page heading 3" in extract_text("r.pdf", make_pdf())
    eml = extract_text("m.eml", make_eml(docx_bytes, "review.docx"))
    assert "The budget is attached." in eml and "48,250 USD" in eml
    assert len(extract_text("r.docx", docx_bytes, max_chars=50)) == 50
    assert extract_text("p.png", b"\x89PNG\r\n\x1a\n\x00") == ""

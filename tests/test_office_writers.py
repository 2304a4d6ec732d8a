"""Writers: realistic specs in, real files out, checked by reopening them with their own libraries."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import cast

import docx
import icalendar
import openpyxl
import pptx
import pypdf
import pytest
from docx.text.paragraph import Paragraph as DocxParagraph
from office_samples import (
    PROPS,
    clinical_budget,
    images,
    procurement_review,
    quarterly_deck,
    review_calendar,
    review_email,
    supplier_csv,
)
from PIL import Image

from synthcomp_agents.office import (
    BulletSlide,
    CalendarSpec,
    ChartSeries,
    ChartSlide,
    ChartSpec,
    ColumnSpec,
    CsvSpec,
    DocumentSpec,
    EventSpec,
    Heading,
    ImageSpec,
    NumberedList,
    Paragraph,
    PresentationSpec,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    TableSlide,
    TitleSlide,
    formulas_written,
    parse_inline,
    render_artifact,
    strip_inline,
    write_csv,
    write_docx,
    write_eml,
    write_ics,
    write_image,
    write_markdown,
    write_pdf,
    write_pptx,
    write_text,
    write_xlsx,
)
from synthcomp_agents.office._errors import OfficeError

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------------------------------------------------------
# docx
# ------------------------------------------------------------------------------------------------------------------


def _style(paragraph: DocxParagraph) -> str | None:
    """The paragraph's style name (python-docx types the style as optional)."""
    return paragraph.style.name if paragraph.style is not None else None


def test_docx_content_styles_and_runs() -> None:
    data = write_docx(procurement_review())
    doc = docx.Document(io.BytesIO(data))
    paragraphs = doc.paragraphs
    assert _style(paragraphs[0]) == "Title"
    assert paragraphs[0].text == "Q3 Procurement Quarterly Review"
    assert _style(paragraphs[1]) == "Subtitle"
    styled = {(_style(p), p.text) for p in paragraphs}
    assert ("Heading 1", "Executive summary") in styled
    assert ("Heading 2", "Spend against plan") in styled
    assert ("Heading 3", "Risks and dependencies") in styled
    assert ("Heading 4", "Owner notes") in styled
    summary = next(p for p in paragraphs if p.text.startswith("Indirect spend"))
    assert [r.text for r in summary.runs if r.bold] == ["$1,373,750", "2.1% below plan"]
    assert [r.text for r in summary.runs if r.italic] == ["above budget"]
    assert "**" not in "\n".join(p.text for p in paragraphs)
    bullets = [p.text for p in paragraphs if _style(p) == "List Bullet"]
    assert bullets[0] == "Freight: $13,350 saved after the Nordlicht re-tender"
    numbered = [p for p in paragraphs if _style(p) == "List Number"]
    assert len(numbered) == 9 and numbered[0].text.startswith("Finalise the catering framework")
    # the second and third numbered lists restart at 1 through their own numbering instance
    num_ids = {val for p in numbered[3:] for val in p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")}
    assert len(num_ids) == 2
    captions = [p.text for p in paragraphs if _style(p) == "Caption"]
    assert captions[0] == "Table 1. Q3 spend by supplier, Central Europe (USD)"


def test_docx_tables_header_breaks_and_footer_fields() -> None:
    doc = docx.Document(io.BytesIO(write_docx(procurement_review())))
    table = doc.tables[0]
    assert table.style is not None and table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == ["Supplier", "Category", "Plan", "Actual", "On-time rate"]
    assert all(run.bold for c in table.rows[0].cells for run in c.paragraphs[0].runs)
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # header row repeats on each page
    assert [c.text for c in table.rows[1].cells] == ["Nordlicht Logistics GmbH", "Freight", "412300", "398950", "96.2%"]
    body_xml = doc.element.body.xml
    assert body_xml.count('w:type="page"') == 3
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "Northwind Components · Procurement"
    footer_xml = section.footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert "Internal · Q3 FY25 review" in section.footer.paragraphs[0].text


def test_docx_core_properties_round_trip() -> None:
    props = docx.Document(io.BytesIO(write_docx(procurement_review()))).core_properties
    assert props.title == PROPS.title
    assert props.author == "Ana Ruiz"
    assert props.last_modified_by == "Tomasz Nowak"
    assert props.subject == "Indirect procurement"
    assert props.keywords == "procurement, suppliers, Q3, savings"
    assert props.created == datetime(2025, 10, 2, 8, 30, tzinfo=timezone.utc)
    assert props.modified == datetime(2025, 10, 9, 16, 45, tzinfo=timezone.utc)
    assert "python-docx" not in (props.comments or "")


def test_docx_without_header_footer_has_no_empty_parts() -> None:
    data = write_docx(DocumentSpec(title="Vendor call notes", blocks=[Paragraph(text="Agreed a *two-week* pilot.")]))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any("header" in n or "footer" in n for n in names)
    assert "word/stylesWithEffects.xml" not in names
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


# ------------------------------------------------------------------------------------------------------------------
# xlsx
# ------------------------------------------------------------------------------------------------------------------


def test_xlsx_typed_cells_formats_formulas() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(write_xlsx(clinical_budget())))
    assert wb.sheetnames == ["Visit budget", "Monthly tracker", "Assumptions"]
    ws = wb["Visit budget"]
    assert [c.value for c in ws[1]][:3] == ["Visit and site", "Planned date", "Patients"]
    assert all(c.font.b for c in ws[1])
    assert ws["B2"].value == datetime(2025, 1, 6) and ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value == 3 and ws["C2"].number_format == "#,##0"
    assert ws["D2"].value == 412.5 and ws["D2"].number_format == '"$"#,##0.00'
    assert ws["E2"].value == "=C2*D2" and ws["E2"].data_type == "f"
    assert ws["F2"].number_format == "0.0%"
    assert ws["H2"].value is False and ws["H3"].value is True
    assert ws["G26"].value == "=SUM(G2:G25)"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H26"
    assert ws.column_dimensions["G"].width == 20  # given
    assert 20 < ws.column_dimensions["A"].width <= 60  # estimated from the longest label
    tracker = wb["Monthly tracker"]
    assert tracker["A2"].value == datetime(2025, 1, 28, 17, 0)
    assert tracker["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert wb["Assumptions"].freeze_panes is None


def test_xlsx_native_charts_reference_data() -> None:
    data = write_xlsx(clinical_budget())
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "xl/charts/chart1.xml" in names and "xl/charts/chart2.xml" in names
    chart1 = zipfile.ZipFile(io.BytesIO(data)).read("xl/charts/chart1.xml").decode()
    assert "<barChart>" in chart1 and "'Visit budget'!$D$2:$D$26" in chart1
    assert "'Visit budget'!$A$2:$A$26" in chart1
    chart2 = zipfile.ZipFile(io.BytesIO(data)).read("xl/charts/chart2.xml").decode()
    assert "<lineChart>" in chart2 and chart2.count("<ser>") == 2


def test_xlsx_core_properties_round_trip() -> None:
    props = openpyxl.load_workbook(io.BytesIO(write_xlsx(clinical_budget()))).properties
    assert props.creator == "Dr. Claire Fontaine"
    assert props.title == "Site budget - Study NVX-204"
    assert props.created == datetime(2025, 1, 3, 9, 0)
    assert props.modified == datetime(2025, 2, 11, 14, 20)


def _sheet(name: str, **kw: object) -> SheetSpec:
    return SheetSpec(name=name, columns=[ColumnSpec(header="Site"), ColumnSpec(header="Budget")], **kw)


@pytest.mark.parametrize("name", ["Q3/Q4", "Budget[v2]", "Sites: EU", "Draft*", "Why?", "A\\B"])
def test_xlsx_rejects_invalid_sheet_names(name: str) -> None:
    with pytest.raises(OfficeError, match="cannot contain"):
        write_xlsx(SpreadsheetSpec(sheets=[_sheet(name)]))


def test_xlsx_rejects_duplicate_names_long_rows_and_bad_charts() -> None:
    with pytest.raises(OfficeError, match="duplicate sheet name"):
        write_xlsx(SpreadsheetSpec(sheets=[_sheet("Budget"), _sheet("budget")]))
    with pytest.raises(OfficeError, match="row 2 has 3 cells but the sheet has 2 columns"):
        write_xlsx(SpreadsheetSpec(sheets=[_sheet("Budget", rows=[["Lyon", 1200, "extra"]])]))
    chart = ChartSpec(title="Budget by site", value_columns=[2])
    with pytest.raises(OfficeError, match="column index 2 but the sheet has only 2 columns"):
        write_xlsx(SpreadsheetSpec(sheets=[_sheet("Budget", rows=[["Lyon", 1200]], chart=chart)]))


def test_xlsx_odd_names_anchors_and_characters() -> None:
    """Cases openpyxl's object model failed on: a sheet called 'sheet' (renamed 'sheet1', then a KeyError), an
    absolute chart anchor ('$H$3'), characters XML cannot hold (U+FFFF, a control character in a formula)."""
    chart = ChartSpec(title="Budget by site", anchor="$H$3")
    rows: list[list[object]] = [["Lyon\uffff", 1200], ["Total", "=SUM(B2:B2)\x01"]]
    spec = SpreadsheetSpec(sheets=[_sheet("Data"), _sheet("sheet", rows=rows, chart=chart)])
    data = write_xlsx(spec)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Data", "sheet"]
    assert wb["sheet"]["A2"].value == "Lyon" and wb["sheet"]["B3"].value == "=SUM(B2:B2)"
    drawing = zipfile.ZipFile(io.BytesIO(data)).read("xl/drawings/drawing1.xml").decode()
    assert "<col>7</col><colOff>0</colOff><row>2</row>" in drawing


# ------------------------------------------------------------------------------------------------------------------
# pptx
# ------------------------------------------------------------------------------------------------------------------


def test_pptx_slides_titles_levels_notes() -> None:
    prs = pptx.Presentation(io.BytesIO(write_pptx(quarterly_deck(10))))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    slides = list(prs.slides)
    assert len(slides) == 10
    assert slides[0].shapes.title.text == "Q3 Procurement Review"
    assert slides[0].placeholders[1].text == "Finance Leadership Team · 9 October 2025"
    assert slides[0].notes_slide.notes_text_frame.text == "Open with the headline: 2.1% under plan."
    body = slides[1].placeholders[1].text_frame.paragraphs
    assert [(p.text, p.level) for p in body] == [
        ("Spend $1.37M, 2.1% below plan", 0),
        ("Freight re-tender saved $13k", 1),
        ("Stationery consolidated on one catalogue", 1),
        ("IT services over plan by $21k", 0),
        ("Laptop refresh pulled forward", 2),
    ]
    assert any(r.font.bold for r in body[0].runs) and any(r.font.italic for r in body[3].runs)
    assert slides[2].slide_layout.name == "Comparison"
    texts = {sh.text_frame.text for sh in slides[2].placeholders if sh.has_text_frame}
    assert {"Risks", "Mitigations", "Cap surcharge at 6% in addendum\nScope decision by end of January"} <= texts
    assert not slides[2].has_notes_slide


def test_pptx_table_and_chart() -> None:
    slides = list(pptx.Presentation(io.BytesIO(write_pptx(quarterly_deck(10)))).slides)
    table = next(sh for sh in slides[3].shapes if sh.has_table).table
    assert [table.cell(0, c).text for c in range(3)] == ["Supplier", "Plan", "Actual"]
    assert table.cell(1, 1).text == "412300"
    chart = next(sh for sh in slides[4].shapes if sh.has_chart).chart
    assert list(chart.plots[0].categories) == [
        "Freight",
        "Stationery",
        "Facilities",
        "IT services",
        "Print",
        "Catering",
    ]
    assert [s.name for s in chart.series] == ["Plan", "Actual"]
    assert next(iter(chart.series[1].values)) == 398950.0


def test_pptx_chart_labels_with_control_characters() -> None:
    """Control characters in chart labels are dropped (they used to make the chart XML invalid)."""
    chart_slide = ChartSlide(
        title="Spend",
        categories=["Q1\x01", "Q2 & <Q3>"],
        series=[ChartSeries(name="Spend\x0b", values=[1.0, 2.0])],
    )
    deck = pptx.Presentation(io.BytesIO(write_pptx(PresentationSpec(slides=[chart_slide]))))
    chart = next(sh for sh in deck.slides[0].shapes if sh.has_chart).chart
    assert list(chart.plots[0].categories) == ["Q1", "Q2 & <Q3>"]
    assert [s.name for s in chart.series] == ["Spend"]


def test_pptx_core_properties_and_validation() -> None:
    props = pptx.Presentation(io.BytesIO(write_pptx(quarterly_deck(5)))).core_properties
    assert (props.author, props.last_modified_by, props.title) == ("Ana Ruiz", "Tomasz Nowak", PROPS.title)
    assert props.created == datetime(2025, 10, 2, 8, 30)
    bad = ChartSlide(
        title="Spend by quarter",
        categories=["Q1", "Q2", "Q3"],
        series=[ChartSeries(name="Spend", values=[1.0, 2.0])],
    )
    with pytest.raises(OfficeError, match="has 2 values but there are 3 categories"):
        write_pptx(PresentationSpec(slides=[TitleSlide(title="Review"), bad]))
    long_row = TableSlide(title="Owners", header=["Action", "Owner"], rows=[["Renew", "Ana", "late"]])
    with pytest.raises(OfficeError, match="row 1 has 3 cells"):
        write_pptx(PresentationSpec(slides=[long_row]))


# ------------------------------------------------------------------------------------------------------------------
# pdf, markdown, text, csv
# ------------------------------------------------------------------------------------------------------------------


def test_pdf_text_metadata_and_page_numbers() -> None:
    reader = pypdf.PdfReader(io.BytesIO(write_pdf(procurement_review())))
    assert len(reader.pages) >= 4
    assert reader.metadata is not None
    assert reader.metadata.title == PROPS.title and reader.metadata.author == "Ana Ruiz"
    assert reader.metadata.subject == "Indirect procurement"
    first = reader.pages[0].extract_text()
    assert "Q3 Procurement Quarterly Review" in first and "Executive summary" in first
    assert "$1,373,750" in first and "**" not in first
    assert "Page 1" in first and "Northwind Components · Procurement" in first
    assert "Page 2" in reader.pages[1].extract_text()
    all_text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Nordlicht Logistics" in all_text and "Finalise the catering framework" in all_text


def test_pdf_info_names_the_application_and_the_document_times() -> None:
    spec = procurement_review()
    assert spec.properties is not None and spec.properties.created and spec.properties.modified
    default = pypdf.PdfReader(io.BytesIO(write_pdf(spec))).metadata
    assert default is not None
    assert default.producer == default.creator == "Microsoft® Word for Microsoft 365"
    assert default.creation_date == spec.properties.created.astimezone(timezone.utc)
    assert default.modification_date == spec.properties.modified.astimezone(timezone.utc)
    assert default.creation_date != default.modification_date and default.creation_date.year != 2000
    quartz = "macOS Version 14.4 (Build 23E214) Quartz PDFContext"
    data = write_pdf(spec, producer=quartz, creator="Pages", page_size="A4")
    meta = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert meta is not None and meta.producer == quartz and meta.creator == "Pages"
    assert data == write_pdf(spec, producer=quartz, creator="Pages", page_size="A4")
    a4 = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    letter = pypdf.PdfReader(io.BytesIO(write_pdf(spec))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    for raw in (data, write_pdf(spec)):
        assert b"ReportLab" not in raw and b"synthcomp" not in raw.lower() and b"anonymous" not in raw
    with pytest.raises(OfficeError, match="unknown page size"):
        write_pdf(spec, page_size="A5")  # type: ignore[arg-type]


def test_pdf_bold_is_real_font() -> None:
    data = write_pdf(DocumentSpec(title="Audit memo", blocks=[Paragraph(text="Exposure is **material**.")]))
    assert b"Helvetica-Bold" in data


def test_markdown_and_text() -> None:
    md = write_markdown(procurement_review()).decode()
    assert md.startswith("# Q3 Procurement Quarterly Review\n")
    assert "## Executive summary" in md and "### Spend against plan" in md and "##### Owner notes" in md
    assert "| Supplier | Category | Plan | Actual | On-time rate |" in md
    assert "| --- | --- | ---: | ---: | --- |" in md
    assert "1. Finalise the catering framework agreement with Legal by **14 November**" in md
    assert "- Freight: **$13,350** saved" in md
    text = write_text(procurement_review()).decode()
    assert text.startswith("Q3 Procurement Quarterly Review\n===")
    assert "**" not in text and "Nordlicht Logistics GmbH" in text


def test_csv_quotes_and_validation() -> None:
    rows = list(__import__("csv").reader(io.StringIO(write_csv(supplier_csv()).decode())))
    assert rows[0] == ["Supplier", "Category", "Plan (USD)", "Actual (USD)", "On-time rate"]
    assert rows[1] == ["Nordlicht Logistics GmbH", "Freight", "412300", "398950", "0.962"]
    semi = write_csv(CsvSpec(header=["Site", "Note"], rows=[["Lyon", "late; chased"]], delimiter=";"))
    assert semi == b'Site;Note\r\nLyon;"late; chased"\r\n'
    with pytest.raises(OfficeError, match="row 1 has 3 cells"):
        write_csv(CsvSpec(header=["Site", "Budget"], rows=[["Lyon", 1, 2]]))


def test_document_table_row_longer_than_header_is_rejected() -> None:
    spec = DocumentSpec(title="Site list", blocks=[Table(header=["Site", "PI"], rows=[["Lyon", "Dr Roux", "x"]])])
    for writer in (write_docx, write_pdf, write_markdown):
        with pytest.raises(OfficeError, match="row 1 has 3 cells but the header has 2 columns"):
            writer(spec)


# ------------------------------------------------------------------------------------------------------------------
# eml, ics
# ------------------------------------------------------------------------------------------------------------------


def test_eml_headers_body_attachments() -> None:
    attachment = write_docx(procurement_review(1))
    raw = write_eml(review_email(attachment))
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["From"] == "Ana Ruiz <ana.ruiz@northwind-components.com>"
    assert msg["To"] == "Tomasz Nowak <tomasz.nowak@northwind-components.com>"
    assert msg["Cc"] == "Finance Leadership <flt@northwind-components.com>"
    assert msg["Date"] == "Thu, 09 Oct 2025 16:52:00 +0200"
    assert msg["In-Reply-To"] == "<q3-review-draft-2@northwind-components.com>"
    assert msg["References"].split() == [
        "<q3-review-draft-1@northwind-components.com>",
        "<q3-review-draft-2@northwind-components.com>",
    ]
    assert msg["Message-ID"].endswith("@northwind-components.com>")
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and "IT services variance" in body.get_content()
    parts = {p.get_filename(): p for p in msg.iter_attachments()}
    assert parts["Q3 Procurement Review.docx"].get_content() == attachment
    assert parts["Q3 Procurement Review.docx"].get_content_type().endswith("wordprocessingml.document")
    assert parts["suppliers.csv"].get_content_type() == "text/csv"
    assert msg["X-Mailer"] is None and msg["User-Agent"] is None  # webmail names no client
    apple = email.message_from_bytes(write_eml(review_email(attachment), mailer="Apple Mail (2.3774.500.171.1.1)"))
    assert apple["X-Mailer"] == "Apple Mail (2.3774.500.171.1.1)"
    bird = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0"
    tb_raw = write_eml(review_email(attachment), mailer=bird, mailer_header="User-Agent")
    tb = email.message_from_bytes(tb_raw, policy=email.policy.default)
    assert tb["User-Agent"] == bird and tb["X-Mailer"] is None


def test_ics_round_trip() -> None:
    cal = icalendar.Calendar.from_ical(write_ics(review_calendar()))
    assert str(cal["PRODID"]) == "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"
    apple = icalendar.Calendar.from_ical(write_ics(review_calendar(), prodid="-//Apple Inc.//macOS 14.4//EN"))
    assert str(apple["PRODID"]) == "-//Apple Inc.//macOS 14.4//EN"
    events = list(cal.walk("VEVENT"))
    review, checkin = events
    assert str(review["UID"]) == "q3-review-2025@northwind-components.com"
    assert review.decoded("DTSTART") == datetime(2025, 10, 16, 7, 0, tzinfo=timezone.utc)
    assert review.decoded("DTEND") == datetime(2025, 10, 16, 8, 30, tzinfo=timezone.utc)
    assert str(review["LOCATION"]) == "Boardroom 4.02, Lyon office"
    assert str(review["ORGANIZER"]) == "mailto:ana.ruiz@northwind-components.com"
    assert review["ORGANIZER"].params["CN"] == "Ana Ruiz"
    attendees = cast(list[icalendar.vCalAddress], review["ATTENDEE"])
    assert [str(a) for a in attendees] == [
        "mailto:tomasz.nowak@northwind-components.com",
        "mailto:mei.lin@northwind-components.com",
    ]
    assert dict(cast(icalendar.vRecur, checkin["RRULE"])) == {"FREQ": ["WEEKLY"], "BYDAY": ["MO"], "COUNT": [8]}
    bad = EventSpec(uid="x@y.z", summary="Steering", start=datetime(2025, 1, 2, 10), end=datetime(2025, 1, 2, 9))
    with pytest.raises(OfficeError, match="is not after start"):
        write_ics(CalendarSpec(events=[bad]))


# ------------------------------------------------------------------------------------------------------------------
# images
# ------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", images(), ids=lambda s: s.subject)
def test_images_are_real_and_not_flat(spec: ImageSpec) -> None:
    data = write_image(spec)
    img = Image.open(io.BytesIO(data))
    assert img.format == ("JPEG" if spec.format == "jpg" else "PNG")
    assert img.size == (spec.width, spec.height)
    colours = img.convert("L").getcolors(256)
    assert colours is not None and len(colours) > 20
    low, high = cast(tuple[int, int], img.convert("L").getextrema())  # one band ("L"): (min, max)
    assert high - low > 60
    assert not img.info.get("exif") and "date" not in str(img.info).lower()


def test_chart_image_rejects_mismatched_values() -> None:
    with pytest.raises(OfficeError, match="one value per label"):
        write_image(ImageSpec(subject="chart", labels=["Q1", "Q2"], values=[1.0]))


# ------------------------------------------------------------------------------------------------------------------
# determinism, dispatch, inline
# ------------------------------------------------------------------------------------------------------------------


def _all_outputs() -> dict[str, bytes]:
    doc = procurement_review(2)
    out = {
        "docx": write_docx(doc),
        "pdf": write_pdf(doc),
        "md": write_markdown(doc),
        "txt": write_text(doc),
        "xlsx": write_xlsx(clinical_budget()),
        "pptx": write_pptx(quarterly_deck(6)),
        "csv": write_csv(supplier_csv()),
        "eml": write_eml(review_email(b"%PDF-1.4 minutes")),
        "ics": write_ics(review_calendar()),
    }
    for spec in images():
        out[f"{spec.subject}.{spec.format}"] = write_image(spec)
    return out


def test_same_spec_same_bytes_in_process() -> None:
    first, second = _all_outputs(), _all_outputs()
    assert {k: hashlib.sha256(v).hexdigest() for k, v in first.items()} == {
        k: hashlib.sha256(v).hexdigest() for k, v in second.items()
    }


def test_same_spec_same_bytes_across_processes() -> None:
    """A fresh interpreter with another hash seed (set ordering) and clock gives the same bytes."""
    here = {k: hashlib.sha256(v).hexdigest() for k, v in _all_outputs().items()}
    code = (
        "import hashlib, json, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "from test_office_writers import _all_outputs;"
        "print(json.dumps({k: hashlib.sha256(v).hexdigest() for k, v in _all_outputs().items()}))"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    proc = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(ROOT / "tests")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    import json

    assert json.loads(proc.stdout.strip().splitlines()[-1]) == here


def test_render_artifact_dispatch() -> None:
    doc = DocumentSpec(title="Kick-off minutes", blocks=[Heading(text="Decisions"), NumberedList(items=["Go"])])
    assert render_artifact(doc, ".DOCX")[:2] == b"PK"
    assert render_artifact(doc, "pdf")[:5] == b"%PDF-"
    assert render_artifact(doc, "markdown").startswith(b"# Kick-off minutes")
    assert render_artifact(ImageSpec(subject="logo", width=64, height=32), "jpeg")[:2] == b"\xff\xd8"
    assert render_artifact(supplier_csv(), "tsv").startswith(b"Supplier\tCategory")
    deck = PresentationSpec(slides=[BulletSlide(title="Plan", bullets=["Ship"])])
    with pytest.raises(OfficeError, match="valid formats: pptx"):
        render_artifact(deck, "docx")
    with pytest.raises(OfficeError, match="cannot render a str"):
        render_artifact("not a spec", "docx")


def test_inline_parser() -> None:
    runs = parse_inline("Approve **$48,250** for *Q3* (2 * 3 = 6), ***urgent***")
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("Approve ", False, False),
        ("$48,250", True, False),
        (" for ", False, False),
        ("Q3", False, True),
        (" (2 * 3 = 6), ", False, False),
        ("urgent", True, True),
    ]
    assert strip_inline("**unclosed and 3*4*5") == "**unclosed and 3*4*5"
    assert strip_inline(r"literal \*stars\*") == "literal *stars*"


def test_xml_unsafe_characters_do_not_break_files() -> None:
    nasty = 'Budget\x00 line\x07 with <tags> & "quotes"\ttab\nnewline'
    doc = DocumentSpec(title=nasty, blocks=[Paragraph(text=nasty), Table(header=["A"], rows=[[nasty]])])
    assert "tags" in docx.Document(io.BytesIO(write_docx(doc))).paragraphs[1].text
    assert pypdf.PdfReader(io.BytesIO(write_pdf(doc))).pages[0].extract_text()
    book = SpreadsheetSpec(sheets=[SheetSpec(name="Notes", columns=[ColumnSpec(header="Note")], rows=[[nasty]])])
    cell = openpyxl.load_workbook(io.BytesIO(write_xlsx(book)))["Notes"]["A2"].value
    assert cell == 'Budget line with <tags> & "quotes"\ttab\nnewline'
    deck = PresentationSpec(
        slides=[BulletSlide(title="Notes", bullets=["<b>&amp;</b>"], notes=nasty.replace("\x00", ""))]
    )
    assert "<b>&amp;</b>" in pptx.Presentation(io.BytesIO(write_pptx(deck))).slides[0].placeholders[1].text


@pytest.mark.parametrize(
    "rows",
    [[["a", 1]], [["a", "=B2*2"]], [["=1+1", 2], ["<f>", 3]], [["text <f x>", 4]]],
)
def test_formulas_written_agrees_with_reading_the_sheets(rows: list[list[object]]) -> None:
    """What the writer remembers about formulas is what reading its sheets finds (openpyxl: a formula cell's value
    starts with '='); unknown bytes are None, so callers read them."""
    spec = SpreadsheetSpec(
        sheets=[SheetSpec(name="S", columns=[ColumnSpec(header="k"), ColumnSpec(header="v")], rows=rows)]
    )
    book = write_xlsx(spec)
    sheet = openpyxl.load_workbook(io.BytesIO(book))["S"]
    read = any(isinstance(c.value, str) and c.value.startswith("=") for row in sheet.iter_rows() for c in row)
    assert formulas_written(book) is read
    assert formulas_written(bytes(book[:-1]) + book[-1:]) is read  # by content, not by object
    assert formulas_written(book + b"x") is None

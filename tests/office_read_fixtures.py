"""Fixture files for the reader/editor/hostile tests, built directly with python-docx/openpyxl/python-pptx/reportlab
(independent of our writers, so the readers are tested on files shaped like those users have)."""

from __future__ import annotations

import io
from email.message import EmailMessage
from typing import Any

import docx
import openpyxl
from openpyxl.chart import BarChart, Reference
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def make_docx() -> bytes:
    """A report with title, headings, bold/italic runs, lists, a table and a Budget section."""
    d = docx.Document()
    d.add_heading("Q3 Supplier Review", 0)
    d.add_heading("Summary", 1)
    p = d.add_paragraph("Spend fell ")
    p.add_run("4%").bold = True
    p.add_run(" against plan; ")
    p.add_run("freight").italic = True
    p.add_run(" stayed flat.")
    d.add_paragraph("Renegotiate the Acme contract", style="List Bullet")
    d.add_paragraph("Consolidate freight carriers", style="List Bullet")
    d.add_heading("Budget", 1)
    d.add_paragraph("The budget for Q4 is 48,250 USD across three cost centres.")
    t = d.add_table(rows=3, cols=2)
    for r, row in enumerate([("Cost centre", "Amount"), ("Logistics", "20,000"), ("Packaging", "28,250")]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.add_paragraph("Approve the budget", style="List Number")
    d.add_paragraph("Publish the plan", style="List Number")
    d.add_heading("Detail", 2)
    d.add_paragraph("Logistics includes two new lanes.")
    d.add_heading("Risks", 1)
    d.add_paragraph("Currency exposure on EUR invoices.")
    for i in range(40):
        d.add_paragraph(f"Risk note {i}: supplier {i % 7} may slip delivery by {i % 5 + 1} weeks.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_xlsx(rows: int = 24) -> bytes:
    """Budget workbook: Data (formulas), Rates (lookup), Summary (cross-sheet), a chart on Data."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    rates = wb.create_sheet("Rates")
    summary = wb.create_sheet("Summary")
    ws.append(["Item", "Region", "Units", "Price", "Revenue", "Band"])
    rates.append(["Region", "Rate"])
    for region, rate in (("North", 0.05), ("South", 0.07)):
        rates.append([region, rate])
    for i in range(rows):
        r = i + 2
        ws.append(
            [
                f"Item {i}",
                "North" if i % 2 else "South",
                i + 1,
                10.5,
                f"=ROUND(C{r}*D{r},2)",
                f'=IF(E{r}>100,"High","Low")',
            ]
        )
    last = rows + 1
    summary.append(["Metric", "Value"])
    summary.append(["Total", f"=SUM(Data!E2:E{last})"])
    north = f'SUMIF(Data!B2:B{last},"North",Data!E2:E{last})'
    summary.append(["Tax North", f'=ROUND({north}*VLOOKUP("North",Rates!A2:B3,2,FALSE),2)'])
    summary.append(["Unsupported", "=XLOOKUP(1,A1:A2,B1:B2)"])
    summary["B2"].number_format = "#,##0.00"
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=5, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    ws.add_chart(chart, "H2")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


XLSX_TOTAL = round(sum((i + 1) * 10.5 for i in range(24)), 2)  # 3150.0


def make_pptx() -> bytes:
    """Four slides: title, bullets (with notes), table, chart."""
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "Quarterly Review"
    s.placeholders[1].text = "Procurement team"
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Highlights"
    s.placeholders[1].text_frame.text = "Spend down 4%"
    s.placeholders[1].text_frame.add_paragraph().text = "Two new suppliers"
    s.notes_slide.notes_text_frame.text = "Mention the Acme renegotiation."
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Budget table"
    tbl = s.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    tbl.cell(0, 0).text, tbl.cell(0, 1).text, tbl.cell(1, 0).text, tbl.cell(1, 1).text = "Centre", "Amount", "Ops", "20"
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Trend"
    data: Any = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = ["Q1", "Q2"]
    data.add_series("Spend", (10.0, 12.5))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6), Inches(4), data)
    s.notes_slide.notes_text_frame.text = "Chart notes stay."
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def make_pdf(pages: int = 3) -> bytes:
    """A pdf with real text, one heading line per page."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    for n in range(1, pages + 1):
        c.drawString(72, 720, f"Page heading {n}")
        c.drawString(72, 700, f"Body text of page {n} about invoices.")
        c.showPage()
    c.save()
    return buf.getvalue()


def make_eml(attachment: bytes, name: str = "budget.xlsx") -> bytes:
    """An e-mail with a plain body and one attachment."""
    msg = EmailMessage()
    msg["From"] = "Ana Ruiz <ana@example.com>"
    msg["To"] = "Tomasz Nowak <tomasz@example.com>"
    msg["Subject"] = "Q4 budget"
    msg["Date"] = "Mon, 05 Jan 2026 09:00:00 +0000"
    msg.set_content("Hi Tomasz,\n\nThe budget is attached.\n\nAna")
    msg.add_attachment(attachment, maintype="application", subtype="octet-stream", filename=name)
    return msg.as_bytes()


def make_csv(rows: int = 300) -> bytes:
    """A supplier csv with ``rows`` data rows."""
    body = [f"Supplier {i},{'DE' if i % 2 else 'PL'},{i * 100}" for i in range(1, rows + 1)]
    lines = ["supplier,country,spend", *body]
    return ("\n".join(lines) + "\n").encode()

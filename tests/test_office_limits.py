"""Read limits through the workbench: a slow parse is stopped (no thread keeps running), a file is parsed once."""

from __future__ import annotations

import gc
import io
import re
import threading
import time
import zipfile
from typing import Any

import pytest
from autogen_core.tools import ToolResult, Workbench

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.office._parse_cache import PARSE_CACHE
from synthcomp_agents.tools import disk_workbench


def slow_pdf(n_ops: int) -> bytes:
    """A legal one-page PDF whose single content stream has ``n_ops`` text-showing operators (slow to extract)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 9 Tf " + b"1 0 0 1 10 10 Tm (Budget line) Tj " * n_ops + b"ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def big_workbook(rows: int) -> bytes:
    """A legal xlsx of ``rows`` x 10 cells (numbers and inline strings) written as raw SpreadsheetML."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    regions = ("North", "South", "East", "West")
    body = []
    for r in range(1, rows + 1):
        cells = [f'<c r="A{r}" t="inlineStr"><is><t>ACC-{r % 900:04d}</t></is></c>']
        cells.append(f'<c r="B{r}" t="inlineStr"><is><t>{regions[r % 4]}</t></is></c>')
        cells += [f'<c r="{col}{r}"><v>{(r * 7919 + k * 104729) % 50000}</v></c>' for k, col in enumerate("CDEFGHIJ")]
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = f'<?xml version="1.0"?><worksheet {ns}><sheetData>{"".join(body)}</sheetData></worksheet>'
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
        'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {ns} {rel_ns}><sheets><sheet name="Ledger" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


async def call(wb: Workbench, name: str, **args: Any) -> ToolResult:
    result = await wb.call_tool(name, args)
    assert isinstance(result, ToolResult)
    return result


def _readers_alive() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "synthcomp-read" and t.is_alive()]


@pytest.mark.asyncio
async def test_slow_pdf_times_out_and_no_thread_keeps_running() -> None:
    PARSE_CACHE.clear()
    disk = VirtualDisk(user="ana")
    disk.write_bytes("Documents/slow.pdf", slow_pdf(150_000))
    wb = disk_workbench(disk, timeout_seconds=0.5)
    before = threading.active_count()
    for tool in ("read_file", "file_info", "read_file"):
        start = time.monotonic()
        result = await call(wb, tool, path="~/Documents/slow.pdf")
        elapsed = time.monotonic() - start
        text = result.to_text()
        # file_info reports the outline failure inside a successful result; read_file fails
        assert "Timed out after 0.5 s" in text, text
        assert elapsed < 3.0
        assert _readers_alive() == [], "a stopped read kept its thread"
    assert threading.active_count() <= before
    # the same workbench still reads an ordinary file after the stopped ones
    disk.write_bytes("Documents/short.pdf", slow_pdf(200))
    text = (await call(wb, "read_file", path="~/Documents/short.pdf")).to_text()
    assert "Budget line" in text


@pytest.mark.asyncio
async def test_big_workbook_is_parsed_once_across_pages_and_tools() -> None:
    PARSE_CACHE.clear()
    data = big_workbook(75_000)
    assert len(data) > 3_900_000  # a 4 MB workbook
    disk = VirtualDisk(user="ana")
    disk.write_bytes("Documents/ledger.xlsx", data)
    wb = disk_workbench(disk, timeout_seconds=120)
    first = await call(wb, "read_file", path="~/Documents/ledger.xlsx", max_chars=3000)
    assert not first.is_error, first.to_text()
    offsets = []
    text = first.to_text()
    for _page in range(2):
        found = re.findall(r"offset=(\d+)", text)
        assert found, text[-400:]
        offsets.append(int(found[-1]))
        page = await call(wb, "read_file", path="~/Documents/ledger.xlsx", offset=offsets[-1], max_chars=3000)
        assert not page.is_error, page.to_text()
        text = page.to_text()
    assert offsets[1] > offsets[0]
    info = (await call(wb, "file_info", path="~/Documents/ledger.xlsx")).to_text()
    assert "Ledger: A1:J75000 (75000 rows x 10 columns)" in info
    hits = (await call(wb, "search_text", query="ACC-0899", path="~/Documents")).to_text()
    assert "ledger.xlsx" in hits
    assert PARSE_CACHE.stats.by_label == {"xlsx:ledger.xlsx": 1}


def test_memory_budget_stops_a_read_that_outgrows_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from synthcomp_agents.office import _limits
    from synthcomp_agents.office._limits import ReadLimitError, checkpoint, memory_budget

    monkeypatch.setattr(_limits, "MEMORY_FLOOR", 8 * 2**20)  # 8 MB allowance for this tiny input
    # Free what earlier tests left behind first: garbage released during the read would lower resident memory
    # below the baseline and hide the runaway allocation (this failed once in a full CI run with a 64 MB hog).
    gc.collect()
    with memory_budget(1000, "reading notes.docx"):
        for _ in range(300):
            checkpoint()  # within budget: nothing happens
        hog = bytearray(256 * 2**20)  # the read's memory runs away, far past anything a collection could free
        hog[::4096] = b"x" * len(hog[::4096])  # touch the pages so they are resident
        with pytest.raises(ReadLimitError, match=r"reading notes\.docx needed more memory than allowed"):
            for _ in range(300):
                checkpoint()
        del hog

"""Hostile and broken input: every failure is an OfficeError subclass, fast and within bounded memory."""

from __future__ import annotations

import contextlib
import io
import os
import struct
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from office_read_fixtures import make_docx, make_eml, make_pdf, make_pptx, make_xlsx

from synthcomp_agents.office import (
    OfficeError,
    OfficeFileError,
    edit_docx,
    edit_pptx,
    edit_xlsx,
    extract_text,
    outline,
    read_document,
)
from synthcomp_agents.office._edit_specs import DeleteSlide, ReplaceText, SetCells

OFFICE_EXTS = ["docx", "xlsx", "pptx", "pdf"]
VALID = {"docx": make_docx(), "xlsx": make_xlsx(rows=4), "pptx": make_pptx(), "pdf": make_pdf(2)}


def _editor(ext: str) -> Callable[[bytes], Any] | None:
    return {
        "docx": lambda d: edit_docx(d, [ReplaceText(old="Budget", new="Plan")]),
        "xlsx": lambda d: edit_xlsx(d, [SetCells(sheet="Data", cells={"A1": 1})]),
        "pptx": lambda d: edit_pptx(d, [DeleteSlide(index=1)]),
    }.get(ext)


def _calls(name: str, data: bytes) -> list[Callable[[], Any]]:
    calls: list[Callable[[], Any]] = [
        lambda: read_document(name, data),
        lambda: outline(name, data),
        lambda: extract_text(name, data),
    ]
    editor = _editor(name.rsplit(".", 1)[-1])
    if editor is not None:
        calls.append(lambda: editor(data))
    return calls


def _assert_rejected(name: str, data: bytes, match: str, *, max_s: float = 5.0, max_mb: float = 100.0) -> None:
    for call in _calls(name, data):
        tracemalloc.start()
        t0 = time.perf_counter()
        try:
            with pytest.raises(OfficeFileError, match=match):
                call()
        finally:
            elapsed = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        assert elapsed < max_s, f"{name}: took {elapsed:.2f} s"
        assert peak < max_mb * 1024 * 1024, f"{name}: peak {peak / 1e6:.0f} MB"


def _zip(entries: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, content in entries:
            zf.writestr(name, content)
    return buf.getvalue()


def _docx_with(document_xml: bytes, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A docx whose word/document.xml is replaced."""
    src = zipfile.ZipFile(io.BytesIO(VALID["docx"]))
    entries = [(n, document_xml if n == "word/document.xml" else src.read(n)) for n in src.namelist()]
    return _zip(entries, compression)


@pytest.mark.parametrize("ext", OFFICE_EXTS)
def test_random_bytes_and_text_renamed(ext: str) -> None:
    _assert_rejected(f"f.{ext}", os.urandom(4096), "not a valid Office file|not a PDF|could not be read")
    _assert_rejected(f"notes.{ext}", b"Meeting notes\nAgenda: budget\n" * 50, "not a valid Office file|not a PDF")
    _assert_rejected(f"empty.{ext}", b"", "not a valid Office file|not a PDF")


@pytest.mark.parametrize("ext", OFFICE_EXTS)
def test_truncated_files(ext: str) -> None:
    data = VALID[ext]
    for cut in (len(data) // 3, len(data) - 30):
        for call in _calls(f"t.{ext}", data[:cut]):
            try:
                call()
            except OfficeError:
                continue
            # a pdf truncated near its end may still be readable by the lenient parser: that's fine


def test_mislabelled_office_files_are_read_as_what_they_are() -> None:
    # readers sniff the content: a workbook saved as .docx is read as a workbook, and the outline says so
    assert "## Sheet " in read_document("report.docx", VALID["xlsx"]).text
    assert "an Excel workbook saved with a .docx extension" in outline("report.docx", VALID["xlsx"])
    assert "## Slide 1" in read_document("budget.xlsx", VALID["pptx"]).text
    # editors still refuse to edit a file as something it is not
    with pytest.raises(OfficeFileError, match=r"no word/document\.xml .*an Excel workbook"):
        edit_docx(VALID["xlsx"], [ReplaceText(old="Budget", new="Plan")], filename="report.docx")
    with pytest.raises(OfficeFileError, match="not an Excel workbook"):
        edit_xlsx(VALID["pptx"], [SetCells(sheet="Data", cells={"A1": 1})], filename="budget.xlsx")


def test_zip_bomb_ratio() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/worksheets/sheet1.xml", "w") as fh:
        chunk = b"\0" * (1 << 20)
        for _ in range(30):
            fh.write(chunk)
    _assert_rejected("bomb.xlsx", buf.getvalue(), "zip bomb")


def _patch_sizes(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the uncompressed size of ``member`` in the central directory (and local header)."""
    out = bytearray(data)
    name = member.encode()
    pos = out.find(b"PK\x01\x02")
    while pos >= 0:
        n_len = struct.unpack_from("<H", out, pos + 28)[0]
        if bytes(out[pos + 46 : pos + 46 + n_len]) == name:
            struct.pack_into("<I", out, pos + 24, size)
            local = struct.unpack_from("<I", out, pos + 42)[0]
            struct.pack_into("<I", out, local + 22, size)
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


def test_declared_sizes_lie() -> None:
    huge = _patch_sizes(VALID["docx"], "word/document.xml", 0xFFFFFFF0)
    _assert_rejected("huge.docx", huge, "declares")
    big_xml = b"<w:document>" + os.urandom(3 << 20).hex().encode() + b"</w:document>"
    liar = _patch_sizes(_docx_with(big_xml), "word/document.xml", 1000)
    _assert_rejected("liar.docx", liar, "decompresses to more than|damaged")


def test_too_many_entries() -> None:
    entries = [(f"customXml/item{i}.bin", b"x") for i in range(21_000)]
    _assert_rejected("many.pptx", _zip(entries), r"21,000 parts, more than the 20,000 .*\(limit reached\)")


def test_huge_xml_part() -> None:
    big = b"<w:document>" + b"<w:t>aaaa</w:t>" * (41 * 1024 * 1024 // 15) + b"</w:document>"
    limit = r"40\.0 MB this reader accepts for one XML part \(limit reached\)"
    _assert_rejected("huge-xml.docx", _docx_with(big, zipfile.ZIP_STORED), limit, max_mb=100 + 41 * 2.5)


def test_deeply_nested_xml() -> None:
    deep = b'<w:document xmlns:w="urn:x"><w:body>' + b"<w:p>" * 50_000 + b"</w:p>" * 50_000 + b"</w:body></w:document>"
    _assert_rejected("deep.docx", _docx_with(deep), "nests XML elements deeper")


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<w:document>&lol2;</w:document>",
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document>&xxe;</w:document>',
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY x "y">]><d>&x;</d>'.encode("utf-16-le"),
    ],
)
def test_entity_attacks_rejected(payload: bytes) -> None:
    _assert_rejected("xxe.docx", _docx_with(payload), "DOCTYPE")
    src = zipfile.ZipFile(io.BytesIO(VALID["xlsx"]))
    entries = [
        (n, payload if n == "xl/sharedStrings.xml" or n == "xl/workbook.xml" else src.read(n)) for n in src.namelist()
    ]
    _assert_rejected("xxe.xlsx", _zip(entries), "DOCTYPE")


def test_broken_pdfs() -> None:
    _assert_rejected("junk.pdf", b"%PDF-1.7\n" + os.urandom(5000), "could not be read|PDF")
    loop = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
    )
    for call in _calls("loop.pdf", loop):
        t0 = time.perf_counter()
        with contextlib.suppress(OfficeError):
            call()
        assert time.perf_counter() - t0 < 5.0  # a hang, not a speed check (speed: tools/bench_tools.py)


def test_hostile_eml_attachment_is_contained() -> None:
    bomb_att = _patch_sizes(VALID["docx"], "word/document.xml", 0xFFFFFFF0)
    eml = make_eml(bomb_att, "evil.docx")
    assert "evil.docx" in read_document("m.eml", eml).text
    with pytest.raises(OfficeFileError, match="declares"):
        read_document("m.eml", eml, part="evil.docx")
    assert "attached" in extract_text("m.eml", eml)  # bad attachment skipped, not fatal


# -- property test: mutated, truncated and random inputs under every office extension --------------------------------

ALL_EXTS = [*OFFICE_EXTS, "eml", "csv", "txt", "md", "json", "ics"]
SOURCES = {
    **VALID,
    "eml": make_eml(VALID["xlsx"]),
    "csv": b"a,b\n1,2\n",
    "txt": b"hello",
    "md": b"# T\n",
    "json": b"{}",
    "ics": b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
}


@st.composite
def hostile_inputs(draw: st.DrawFn) -> tuple[str, bytes, int]:
    ext = draw(st.sampled_from(ALL_EXTS))
    kind = draw(st.sampled_from(["mutate", "truncate", "random", "other"]))
    if kind == "random":
        data = draw(st.binary(max_size=2048))
    elif kind == "other":
        data = SOURCES[draw(st.sampled_from(ALL_EXTS))]
    else:
        base = bytearray(SOURCES[ext])
        if kind == "truncate":
            data = bytes(base[: draw(st.integers(0, len(base)))])
        else:
            for _ in range(draw(st.integers(1, 8))):
                i = draw(st.integers(0, len(base) - 1))
                base[i] = draw(st.integers(0, 255))
            data = bytes(base)
    return f"file.{ext}", data, draw(st.integers(0, 3))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_inputs())
def test_fuzz_only_office_errors(case: tuple[str, bytes, int]) -> None:
    name, data, which = case
    calls = _calls(name, data)
    call = calls[which % len(calls)]
    t0 = time.perf_counter()
    with contextlib.suppress(OfficeError):
        call()
    assert time.perf_counter() - t0 < 10.0  # a hang, not a speed check

"""Adversarial calls against the DiskWorkbench: no escapes, no unhandled exceptions, no hangs.

Hypothesis drives thousands of calls (random and real tool names, arguments of wrong types, missing or extra, paths
that try to leave the home, odd office specs, hostile file contents) at a folder-backed disk inside ``tmp_path`` with
sentinel files outside its root, and checks after every call that the call returned a ToolResult within the time
limit and that nothing outside the root changed.
"""

from __future__ import annotations

import asyncio
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from autogen_core.tools import ToolResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.office import (
    ColumnSpec,
    DocumentSpec,
    Heading,
    Paragraph,
    SheetSpec,
    SpreadsheetSpec,
    render_artifact,
)
from synthcomp_agents.tools import ALL_TOOL_CLASSES, DiskWorkbench, disk_workbench

CALL_TIMEOUT_S = 5.0
TOOL_NAMES = [cls.tool_name for cls in ALL_TOOL_CLASSES]
FIELDS = sorted({name for cls in ALL_TOOL_CLASSES for name in cls.args_model.model_fields})
SETTINGS = settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


# ---------------------------------------------------------------------------------------------------------------------
# environment


@dataclass
class Env:
    tmp: Path
    root: Path
    disk: VirtualDisk
    wb: DiskWorkbench
    outside: dict[Path, bytes]
    outside_dirs: set[Path]
    loop: asyncio.AbstractEventLoop
    calls: int = 0
    errors: int = 0
    slowest: float = 0.0
    log: list[tuple[str, bool, str]] = field(default_factory=list)

    def call(self, name: Any, arguments: Any) -> ToolResult:
        start = self.loop.time()
        result = self.loop.run_until_complete(
            asyncio.wait_for(self.wb.call_tool(name, arguments), timeout=CALL_TIMEOUT_S)
        )
        self.slowest = max(self.slowest, self.loop.time() - start)
        self.calls += 1
        assert isinstance(result, ToolResult), type(result)
        text = result.to_text()
        assert isinstance(text, str) and text
        assert len(text) <= 8000
        self.errors += result.is_error
        self.log.append((str(name)[:30], result.is_error, text[:150]))
        self.check_sentinels()
        return result

    def check_sentinels(self) -> None:
        for path, data in self.outside.items():
            assert path.read_bytes() == data, f"sentinel changed: {path}"

    def check_no_escape(self) -> None:
        self.check_sentinels()
        for dirpath, dirnames, filenames in os.walk(self.tmp, followlinks=False):
            here = Path(dirpath)
            if here == self.root or self.root in here.parents:
                continue
            for d in dirnames:
                p = here / d
                if p != self.root and self.root not in p.parents and p not in self.root.parents:
                    assert p in self.outside_dirs, f"folder created outside the root: {p}"
            for f in filenames:
                p = here / f
                assert p in self.outside, f"file created outside the root: {p}"


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _hostile_files() -> dict[str, bytes]:
    ct = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.document.main+xml"/></Types>'
    )
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&f;&f;&f;&f;&f;&f;&f;&f;</w:t></w:r></w:p></w:body></w:document>"
    )
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    nested = b"<a>" * 200_000 + b"</a>" * 200_000
    docx = render_artifact(DocumentSpec(title="Plan", blocks=[Heading(text="A"), Paragraph(text="b")]), "docx")
    xlsx = render_artifact(
        SpreadsheetSpec(sheets=[SheetSpec(name="S", columns=[ColumnSpec(header="h")], rows=[["=A2"], ["=A1+1"]])]),
        "xlsx",
    )
    return {
        "Documents/bomb.docx": _zip({"[Content_Types].xml": ct, "word/document.xml": b"\x00" * (40 * 2**20)}),
        "Documents/laughs.docx": _zip({"[Content_Types].xml": ct, "word/document.xml": laughs}),
        "Documents/xxe.docx": _zip({"[Content_Types].xml": ct, "word/document.xml": xxe}),
        "Documents/nested.docx": _zip({"[Content_Types].xml": ct, "word/document.xml": nested}),
        "Documents/many.xlsx": _zip({f"x/{i}.xml": b"<a/>" for i in range(3000)}),
        "Documents/mislabelled.xlsx": docx,
        "Documents/circular.xlsx": xlsx,
        "Documents/truncated.pptx": docx[: len(docx) // 2],
        "Documents/garbage.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF",
        "Documents/huge_header.eml": b"Subject: " + b"A" * 300_000 + b"\r\n\r\nbody",
        "Documents/nulbytes.csv": b"a,b\n\x00\x00,\xff\xfe\n",
        "Documents/real.docx": docx,
        "Documents/notes.txt": b"ordinary notes about the Atlas project\n",
    }


_HOSTILE: dict[str, bytes] = {}


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "sentinel.txt").write_text("do not touch")
    (tmp_path / "sentinel_top.txt").write_text("top secret")
    (tmp_path / "computer").mkdir()
    root = tmp_path / "computer" / "home"
    (root / "Documents").mkdir(parents=True)
    # Links planted inside the root by "another program", pointing outside it.
    try:
        (root / "Documents" / "link").symlink_to(outside, target_is_directory=True)
        (root / "Documents" / "passwd_link").symlink_to(outside / "sentinel.txt")
    except OSError:  # pragma: no cover - platforms without symlinks
        pass
    disk = VirtualDisk(user="ana", os="linux", root=root)
    if not _HOSTILE:
        _HOSTILE.update(_hostile_files())
    for path, data in _HOSTILE.items():
        disk.write_bytes(path, data)
    disk.mkdir("Documents/Finance")
    snapshot = {
        p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink() and root not in p.parents
    }
    dirs = {p for p in tmp_path.rglob("*") if p.is_dir() and root not in p.parents and p != root}
    loop = asyncio.new_event_loop()
    wb = disk_workbench(disk, actor="fuzzer", max_result_chars=8000, timeout_seconds=5.0)
    e = Env(tmp_path, root, disk, wb, snapshot, dirs, loop)
    e.call("list_directory", {})  # warm up imports
    yield e
    e.check_no_escape()
    if os.environ.get("SYNTHCOMP_FUZZ_LOG"):
        with open(os.environ["SYNTHCOMP_FUZZ_LOG"], "a", encoding="utf-8") as fh:
            fh.write(f"# {e.calls} calls, {e.errors} errors, slowest {e.slowest:.2f} s\n")
            for name, is_error, text in e.log:
                fh.write(f"{name}\t{int(is_error)}\t{text!r}\n")
    loop.run_until_complete(loop.shutdown_default_executor())
    loop.close()
    disk.close()


# ---------------------------------------------------------------------------------------------------------------------
# strategies


def _paths(env_paths: Callable[[], list[str]] | None = None) -> st.SearchStrategy[str]:
    fixed = [
        "..",
        "../",
        "../../outside/sentinel.txt",
        "~/../outside/sentinel.txt",
        "~/../../",
        "/etc/passwd",
        "/home/bob/notes.txt",
        "/home/ana/../bob/x",
        "/Users/bob/x",
        "C:\\Users\\bob\\x.txt",
        "C:/Windows/System32",
        "\\\\server\\share\\x",
        "~bob/x",
        "~root",
        "file:///etc/passwd",
        "Documents/../../outside",
        "Documents/./../..",
        "Documents\\..\\..\\outside",
        "Documents/link/sentinel.txt",
        "Documents/link",
        "Documents/link/new.txt",
        "Documents/passwd_link",
        ".synthcomp/meta.json",
        "Documents/.synthcomp/x",
        ".synthcomp",
        "CON",
        "Documents/nul.txt",
        "Documents/com1.md",
        "a\x00b",
        "Documents/\u202etxt.exe",
        "Documents\u2215..\u2215..",
        "Documents\uff0f..\uff0f..",
        "A\u030a.txt",
        "\u00c5.txt",
        " ",
        "",
        ".",
        "~",
        "/",
        "//",
        "~/",
        "x" * 5000,
        "a/" * 300,
        "Documents/" + "\u00e9" * 300,
        "\ud800.txt",
        "Documents/\n.txt",
        "Documents/file\t.txt",
        "-rf",
        "*",
        "**/*",
        "Documents/*",
        "Documents/bomb.docx",
        "Documents/laughs.docx",
        "Documents/xxe.docx",
        "Documents/nested.docx",
        "Documents/many.xlsx",
        "Documents/mislabelled.xlsx",
        "Documents/circular.xlsx",
        "Documents/truncated.pptx",
        "Documents/garbage.pdf",
        "Documents/huge_header.eml",
        "Documents/nulbytes.csv",
        "Documents/real.docx",
        "~/Documents/notes.txt",
        "Documents/Finance",
        "/home/ana/Documents/out.docx",
        "/home/ana",
        "/home/ANA/Documents",
        "~/Documents/new folder/x.md",
    ]
    segment = st.sampled_from(["..", ".", "Documents", "~", "", "x", "\x00", "Finance", "link", "\u200b", "C:"])
    joined = st.lists(segment, min_size=1, max_size=6).map(lambda parts: "/".join(parts))
    return st.one_of(st.sampled_from(fixed), st.text(max_size=40), joined)


PATHS = _paths()
HUGE = st.sampled_from(["x" * 20_000, "\u00e9" * 9_000, "\n" * 10_000, "\x00" * 1000])
WEIRD_TEXT = st.one_of(
    st.text(max_size=60),
    HUGE,
    st.sampled_from(
        [
            "",
            "=1/0",
            "=A1",
            "=SUM(A:A)",
            '=INDIRECT("A1")',
            "=" + "(" * 500,
            "**",
            "*",
            "\x00",
            "\ud800",
            "<w:p>",
            "]]>",
            "&amp;",
            "{{x}}",
            "\u202e",
            '=HYPERLINK("file:///etc/passwd")',
            '=WEBSERVICE("http://x")',
        ]
    ),
)
SCALARS = st.one_of(
    PATHS,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.booleans(),
    st.none(),
    WEIRD_TEXT,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)
CELL = st.one_of(
    WEIRD_TEXT,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.booleans(),
    st.none(),
    st.sampled_from(["2026-01-05", "=B2*2", "=A2", "=Z99999", "=SUM(B2:B1048576)", "=A1:XFD1048576"]),
)


ODD_TEXT = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(
        [
            "Q3 budget",
            "Résumé – naïve café",
            "日本語の見出し",
            "=1/0",
            "=A1",
            "**bold** and *it*",
            "<b>x</b>",
            "\u202eevil",
            "tab\there",
            "line\nbreak",
            "emoji 😀🚀",
            "&lt;&amp;",
            "x" * 3000,
            "\x07bell",
            "'quoted'",
            "\\back",
        ]
    ),
)


def _block(valid: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    branches = [
        st.fixed_dictionaries({"type": st.just("heading"), "text": ODD_TEXT}, optional={"level": st.integers(1, 4)}),
        st.fixed_dictionaries({"type": st.just("paragraph"), "text": st.one_of(ODD_TEXT, HUGE)}),
        st.fixed_dictionaries(
            {"type": st.sampled_from(["bullets", "numbered"]), "items": st.lists(ODD_TEXT, min_size=1, max_size=4)}
        ),
        st.integers(1, 4).flatmap(
            lambda n: st.fixed_dictionaries(
                {
                    "type": st.just("table"),
                    "header": st.lists(ODD_TEXT, min_size=n, max_size=n),
                    "rows": st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=30),
                },
                optional={"caption": ODD_TEXT},
            )
        ),
        st.just({"type": "page_break"}),
    ]
    if not valid:  # invalid shapes, now and then
        branches.append(
            st.dictionaries(st.sampled_from(["type", "text", "items", "level", "bogus"]), SCALARS, max_size=3)
        )
    return st.one_of(*branches)


BLOCKS = st.lists(_block(), min_size=1, max_size=8)
VALID_BLOCKS = st.lists(_block(valid=True), min_size=1, max_size=8)
SHEET_NAME = st.one_of(
    st.sampled_from(["Sheet1", "Budget 2026", "Données", "S", "History", "a/b", "[x]", "", "'q'", "x" * 40]),
    st.text(min_size=1, max_size=31),
)
SHEET = st.integers(1, 5).flatmap(
    lambda n: st.fixed_dictionaries(
        {
            "name": SHEET_NAME,
            "columns": st.lists(
                st.fixed_dictionaries(
                    {"header": ODD_TEXT},
                    optional={"number_format": st.sampled_from(["#,##0.00", "0.0%", "yyyy-mm-dd", "@@@;;", ""])},
                ),
                min_size=n,
                max_size=n,
            ),
        },
        optional={
            "rows": st.lists(st.lists(CELL, min_size=0, max_size=n + 1), max_size=40),
            "chart": st.fixed_dictionaries(
                {"title": ODD_TEXT},
                optional={
                    "kind": st.sampled_from(["bar", "column", "line", "pie"]),
                    "value_columns": st.lists(st.integers(0, 6), min_size=1, max_size=3),
                    "category_column": st.integers(0, 6),
                    "anchor": st.sampled_from(["H2", "A1", "ZZZ1", "1A", "B2"]),
                },
            ),
        },
    )
)
_SLIDE_BRANCHES = [
    st.fixed_dictionaries(
        {"type": st.just("title"), "title": ODD_TEXT}, optional={"subtitle": ODD_TEXT, "notes": ODD_TEXT}
    ),
    st.fixed_dictionaries(
        {"type": st.just("bullets"), "title": ODD_TEXT, "bullets": st.lists(ODD_TEXT, min_size=1, max_size=12)},
        optional={"notes": st.one_of(ODD_TEXT, HUGE)},
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("two_column"),
            "title": ODD_TEXT,
            "left": st.lists(ODD_TEXT, min_size=1, max_size=4),
            "right": st.lists(ODD_TEXT, min_size=1, max_size=4),
        }
    ),
    st.integers(1, 4).flatmap(
        lambda n: st.fixed_dictionaries(
            {
                "type": st.just("table"),
                "title": ODD_TEXT,
                "header": st.lists(ODD_TEXT, min_size=n, max_size=n),
                "rows": st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=12),
            }
        )
    ),
    st.integers(1, 5).flatmap(
        lambda n: st.fixed_dictionaries(
            {
                "type": st.just("chart"),
                "title": ODD_TEXT,
                "categories": st.lists(ODD_TEXT, min_size=n, max_size=n),
                "series": st.lists(
                    st.fixed_dictionaries({"name": ODD_TEXT, "values": st.lists(st.floats(), min_size=n, max_size=n)}),
                    min_size=1,
                    max_size=3,
                ),
            },
            optional={"chart_kind": st.sampled_from(["bar", "column", "line", "pie"])},
        )
    ),
    st.dictionaries(st.sampled_from(["type", "title", "bullets", "notes"]), SCALARS, max_size=3),
]
SLIDE = st.one_of(*_SLIDE_BRANCHES)
VALID_SLIDE = st.one_of(*_SLIDE_BRANCHES[:-1])
_VALID_OFFICE_PATHS = st.sampled_from(
    [
        "~/Documents/out.docx",
        "Documents/out.pdf",
        "out.md",
        "Documents/out.xlsx",
        "Documents/out.csv",
        "Documents/out.pptx",
        "Documents/real.docx",
        "Documents/circular.xlsx",
        "/home/ana/Documents/Finance/deck.pptx",
    ]
)
OFFICE_PATH = st.one_of(
    _VALID_OFFICE_PATHS,
    _VALID_OFFICE_PATHS,
    _VALID_OFFICE_PATHS,
    st.sampled_from(["Documents/link/evil.docx", "../outside/evil.docx", "/etc/evil.xlsx", "Documents/passwd_link"]),
    PATHS,
)
DOCX_EDIT = st.one_of(
    st.fixed_dictionaries({"op": st.just("append"), "blocks": BLOCKS}),
    st.fixed_dictionaries(
        {
            "op": st.sampled_from(["insert_after", "replace_section"]),
            "heading": st.sampled_from(["A", "Plan", "x"]),
            "blocks": BLOCKS,
        }
    ),
    st.fixed_dictionaries(
        {
            "op": st.just("replace_text"),
            "old": st.one_of(st.sampled_from(["b", "Plan", "A"]), ODD_TEXT),
            "new": st.one_of(ODD_TEXT, HUGE),
        },
        optional={"count": st.integers(1, 5)},
    ),
    st.fixed_dictionaries({"op": st.just("delete_section"), "heading": st.sampled_from(["A", "Plan", "x"])}),
)
CELL_REF = st.one_of(
    st.sampled_from(["A1", "B2", "C3", "ZZZ99999999", "", "A0", "1A", "S!A1", "XFD1048576"]), st.text(max_size=6)
)
SHEETS_SEEN = st.sampled_from(["S", "Sheet1", "x", "Budget 2026"])
XLSX_EDIT = st.one_of(
    st.fixed_dictionaries(
        {
            "op": st.just("set_cells"),
            "sheet": SHEETS_SEEN,
            "cells": st.dictionaries(CELL_REF, CELL, min_size=1, max_size=4),
        }
    ),
    st.fixed_dictionaries(
        {
            "op": st.just("set_range"),
            "sheet": SHEETS_SEEN,
            "top_left": CELL_REF,
            "rows": st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=4),
        }
    ),
    st.fixed_dictionaries(
        {
            "op": st.just("append_rows"),
            "sheet": SHEETS_SEEN,
            "rows": st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=4),
        }
    ),
    st.fixed_dictionaries({"op": st.just("add_sheet"), "sheet": SHEET}),
    st.fixed_dictionaries({"op": st.just("rename_sheet"), "sheet": SHEETS_SEEN, "new_name": SHEET_NAME}),
    st.fixed_dictionaries({"op": st.just("delete_sheet"), "sheet": SHEETS_SEEN}),
)
PPTX_EDIT = st.one_of(
    st.fixed_dictionaries({"op": st.just("add_slide"), "slide": SLIDE}, optional={"position": st.integers(1, 50)}),
    st.fixed_dictionaries({"op": st.just("replace_slide"), "index": st.integers(-1, 6), "slide": SLIDE}),
    st.fixed_dictionaries({"op": st.just("delete_slide"), "index": st.integers(-1, 6)}),
    st.fixed_dictionaries(
        {"op": st.just("set_notes"), "index": st.integers(-1, 6), "notes": st.one_of(ODD_TEXT, HUGE)}
    ),
)

RAW_CALL = st.tuples(
    st.one_of(
        st.sampled_from(TOOL_NAMES),
        st.text(max_size=20),
        st.sampled_from(["", "READ_FILE", "read_file ", "__init__", "call_tool", "_call"]),
    ),
    st.one_of(
        st.dictionaries(
            st.one_of(st.sampled_from([*FIELDS, "extra", "path "]), st.text(max_size=10)), VALUES, max_size=5
        ),
        VALUES,
    ),
)


def _path_call() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    single = st.sampled_from(
        ["list_directory", "tree", "read_file", "file_info", "make_folder", "delete", "find_files", "search_text"]
    )
    one = st.tuples(single, st.fixed_dictionaries({"path": PATHS}))
    two = st.tuples(
        st.sampled_from(["move", "copy"]),
        st.fixed_dictionaries({"source": PATHS, "destination": PATHS}, optional={"overwrite": st.booleans()}),
    )
    write = st.tuples(
        st.just("write_text_file"),
        st.fixed_dictionaries(
            {
                "path": PATHS,
                "content": st.one_of(WEIRD_TEXT, st.binary(max_size=300).map(lambda b: b.decode("latin-1"))),
            },
            optional={"overwrite": st.booleans(), "append": st.booleans()},
        ),
    )
    restore = st.tuples(
        st.just("restore_from_trash"),
        st.fixed_dictionaries(
            {}, optional={"item": st.one_of(PATHS, st.sampled_from(["t0001", "t0002", "t9"])), "destination": PATHS}
        ),
    )
    search = st.tuples(
        st.sampled_from(["find_files", "search_text"]),
        st.fixed_dictionaries(
            {},
            optional={
                "pattern": WEIRD_TEXT,
                "query": WEIRD_TEXT,
                "path": PATHS,
                "file_pattern": WEIRD_TEXT,
                "name_contains": WEIRD_TEXT,
                "kind": st.sampled_from(["any", "image", "nope"]),
                "offset": st.integers(-3, 10**12),
                "max_results": st.integers(-1, 10**6),
            },
        ),
    )
    read = st.tuples(
        st.just("read_file"),
        st.fixed_dictionaries(
            {"path": PATHS},
            optional={"part": WEIRD_TEXT, "offset": st.integers(-3, 10**12), "max_chars": st.integers(-3, 10**12)},
        ),
    )
    return st.one_of(one, two, write, restore, search, read)


def _office_call() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    overwrite = st.sampled_from([True, True, True, False])

    def where(*valid: str) -> st.SearchStrategy[str]:
        good = st.sampled_from(valid)
        return st.one_of(good, good, good, good, OFFICE_PATH)

    doc_path = where("~/Documents/out.docx", "Documents/out.pdf", "out.md", "Documents/real.docx")
    sheet_path = where("Documents/out.xlsx", "Documents/out.csv", "Documents/circular.xlsx")
    deck_path = where("Documents/out.pptx", "/home/ana/Documents/Finance/deck.pptx")
    doc = st.fixed_dictionaries(
        {"path": doc_path, "title": st.one_of(ODD_TEXT, WEIRD_TEXT), "overwrite": overwrite},
        optional={"blocks": BLOCKS, "subtitle": ODD_TEXT, "header": ODD_TEXT, "footer": ODD_TEXT},
    )
    sheet = st.fixed_dictionaries(
        {"path": sheet_path, "sheets": st.lists(SHEET, min_size=1, max_size=3), "overwrite": overwrite}
    )
    deck = st.fixed_dictionaries(
        {"path": deck_path, "slides": st.lists(SLIDE, min_size=1, max_size=5), "overwrite": overwrite}
    )

    def edit(
        tool: str, path: st.SearchStrategy[str], edits: st.SearchStrategy[dict[str, Any]]
    ) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
        args = st.fixed_dictionaries({"path": path, "edits": st.lists(edits, min_size=1, max_size=3)})
        return st.tuples(st.just(tool), args)

    return st.one_of(
        st.tuples(st.just("create_document"), doc),
        st.tuples(st.just("create_spreadsheet"), sheet),
        st.tuples(st.just("create_presentation"), deck),
        edit("edit_document", doc_path, DOCX_EDIT),
        edit("edit_spreadsheet", sheet_path, XLSX_EDIT),
        edit("edit_presentation", deck_path, PPTX_EDIT),
        st.tuples(
            st.sampled_from(["read_file", "file_info", "search_text"]),
            st.fixed_dictionaries({"path": _VALID_OFFICE_PATHS}),
        ).map(lambda c: (c[0], {"query": "Q3", "path": "~"}) if c[0] == "search_text" else c),
    )


# ---------------------------------------------------------------------------------------------------------------------
# tests


def test_raw_calls_never_escape_or_raise(env: Env) -> None:
    @settings(SETTINGS, max_examples=250)
    @given(calls=st.lists(RAW_CALL, min_size=1, max_size=4))
    def run(calls: list[tuple[Any, Any]]) -> None:
        for name, arguments in calls:
            env.call(name, arguments)

    run()
    env.check_no_escape()
    assert env.calls >= 450, env.calls  # the five generated tests together make >= 2,150 calls
    assert env.errors > 0


def test_path_attacks_never_escape(env: Env) -> None:
    @settings(SETTINGS, max_examples=300)
    @given(calls=st.lists(_path_call(), min_size=1, max_size=3))
    def run(calls: list[tuple[str, dict[str, Any]]]) -> None:
        for name, arguments in calls:
            env.call(name, arguments)

    run()
    env.check_no_escape()
    assert env.calls >= 450, env.calls
    assert env.slowest < CALL_TIMEOUT_S


def test_office_specs_with_odd_content(env: Env) -> None:
    @settings(SETTINGS, max_examples=300)
    @given(calls=st.lists(_office_call(), min_size=1, max_size=2))
    def run(calls: list[tuple[str, dict[str, Any]]]) -> None:
        for name, arguments in calls:
            env.call(name, arguments)

    run()
    env.check_no_escape()
    assert env.calls >= 350, env.calls


def test_valid_shapes_with_odd_content_render(env: Env) -> None:
    """Specs that validate but carry odd content (unicode, formulas, huge text, NaN) render, or fail with a message."""
    outcomes: list[bool] = []
    sheet_names = st.sampled_from(["Sheet1", "Budget 2026", "Données", "S", "Q3 (draft)"])
    valid_sheet = SHEET.map(lambda sh: {**sh, "name": "Sheet"}).flatmap(
        lambda sh: sheet_names.map(lambda n: {**sh, "name": n})
    )
    call = st.one_of(
        st.tuples(
            st.just("create_document"),
            st.fixed_dictionaries(
                {"path": st.sampled_from(["a.docx", "a.pdf", "a.md"]), "title": ODD_TEXT, "blocks": VALID_BLOCKS},
                optional={"subtitle": ODD_TEXT, "header": ODD_TEXT, "footer": ODD_TEXT},
            ),
        ),
        st.tuples(
            st.just("create_spreadsheet"),
            st.fixed_dictionaries(
                {"path": st.sampled_from(["a.xlsx", "a.csv"]), "sheets": st.lists(valid_sheet, min_size=1, max_size=1)}
            ),
        ),
        st.tuples(
            st.just("create_presentation"),
            st.fixed_dictionaries({"path": st.just("a.pptx"), "slides": st.lists(VALID_SLIDE, min_size=1, max_size=5)}),
        ),
    )

    @settings(SETTINGS, max_examples=200)
    @given(c=call)
    def run(c: tuple[str, dict[str, Any]]) -> None:
        name, args = c
        result = env.call(name, {**args, "path": "Documents/Out/" + args["path"], "overwrite": True})
        outcomes.append(not result.is_error)
        if not result.is_error:
            assert env.call("read_file", {"path": "Documents/Out/" + args["path"]}).is_error is False

    run()
    env.check_no_escape()
    assert env.calls >= 300, env.calls
    assert sum(outcomes) >= len(outcomes) // 2, f"only {sum(outcomes)} of {len(outcomes)} valid specs rendered"


def test_hostile_file_contents(env: Env) -> None:
    exts = ["docx", "xlsx", "pptx", "pdf", "eml", "ics", "csv", "md", "txt", "png", "bin", ""]

    @settings(SETTINGS, max_examples=150)
    @given(
        data=st.one_of(
            st.binary(max_size=3000),
            st.sampled_from(list(_HOSTILE.values())),
            st.builds(lambda b, n: b[:n], st.sampled_from(list(_HOSTILE.values())), st.integers(0, 4000)),
            st.binary(max_size=500).map(lambda b: _zip({"[Content_Types].xml": b, "word/document.xml": b})),
        ),
        ext=st.sampled_from(exts),
        part=st.one_of(st.none(), WEIRD_TEXT, st.sampled_from(["S", "slide 1", "pages 1-99999", "body", "rows 1-5"])),
    )
    def run(data: bytes, ext: str, part: str | None) -> None:
        name = f"Documents/hostile.{ext}" if ext else "Documents/hostile"
        env.disk.write_bytes(name, data)
        env.call("read_file", {"path": name, "part": part})
        env.call("file_info", {"path": name})
        env.call("search_text", {"query": "Atlas", "path": "~/Documents"})
        tool = {"docx": "edit_document", "xlsx": "edit_spreadsheet", "pptx": "edit_presentation"}.get(ext)
        if tool == "edit_spreadsheet":
            env.call(tool, {"path": name, "edits": [{"op": "set_cells", "sheet": "S", "cells": {"A1": 1}}]})
        elif tool == "edit_document":
            env.call(tool, {"path": name, "edits": [{"op": "replace_text", "old": "b", "new": "c"}]})
        elif tool == "edit_presentation":
            env.call(tool, {"path": name, "edits": [{"op": "delete_slide", "index": 1}]})
        else:
            env.call("copy", {"source": name, "destination": "Documents/Finance", "overwrite": True})

    run()
    env.check_no_escape()
    assert env.calls >= 600, env.calls


def test_every_tool_on_every_seeded_hostile_file(env: Env) -> None:
    """Deterministic sweep: the reading tools on each planted hostile file, each within the time limit."""
    for path in _HOSTILE:
        for name, args in [
            ("read_file", {"path": path}),
            ("read_file", {"path": path, "part": "x"}),
            ("read_file", {"path": path, "offset": 10**9}),
            ("file_info", {"path": path}),
        ]:
            result = env.call(name, args)
            assert "etc/passwd" not in result.to_text() or result.is_error
    assert "No matches" in env.call("search_text", {"query": "root:x:0:0"}).to_text()
    env.check_no_escape()

"""Every disk tool through the DiskWorkbench, on a small realistic disk (memory and folder backends)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from autogen_core import ComponentModel
from autogen_core.tools import BaseTool, ToolResult, Workbench

from synthcomp_agents.disk import VirtualDisk, get_disk
from synthcomp_agents.office import (
    BulletList,
    BulletSlide,
    ColumnSpec,
    DocumentSpec,
    Heading,
    Paragraph,
    PresentationSpec,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    TitleSlide,
    read_document,
    render_artifact,
)
from synthcomp_agents.tools import (
    ALL_TOOL_CLASSES,
    DiskTool,
    DiskWorkbench,
    ListDirectoryTool,
    disk_workbench,
)

BUDGET = SpreadsheetSpec(
    sheets=[
        SheetSpec(
            name="Q1",
            columns=[ColumnSpec(header="Item"), ColumnSpec(header="Amount", number_format="#,##0.00")],
            rows=[["Travel", 1200], ["Software", 2300], ["Training", 750], ["Total", "=SUM(B2:B4)"]],
        ),
        SheetSpec(name="Notes", columns=[ColumnSpec(header="Note")], rows=[["Approved by Dana Lee on 12 January"]]),
    ]
)
REVIEW = DocumentSpec(
    title="Q3 Supplier Review",
    blocks=[
        Heading(text="Summary"),
        Paragraph(text="Spend fell 4% while late deliveries from Norfolk Metals doubled."),
        Heading(text="Findings"),
        BulletList(items=["Two suppliers missed SLAs", "Freight costs rose in August"]),
        Table(header=["Supplier", "On time %"], rows=[["Norfolk Metals", 81.5], ["Brightline Plastics", 97.0]]),
    ],
)
DECK = PresentationSpec(
    slides=[
        TitleSlide(title="Project Atlas kickoff", subtitle="January 2026"),
        BulletSlide(title="Goals", bullets=["Cut onboarding time by 30%"], notes="Mention the Harbor Clinic pilot"),
    ]
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
LOG = "".join(f"2026-01-{(i % 28) + 1:02d} sync job {i} finished without errors\n" for i in range(800))

_BYTES: dict[str, bytes] = {}


def _office_bytes() -> dict[str, bytes]:
    if not _BYTES:
        _BYTES["Documents/Finance/budget_2026.xlsx"] = render_artifact(BUDGET, "xlsx")
        _BYTES["Documents/Reports/supplier_review.docx"] = render_artifact(REVIEW, "docx")
        _BYTES["Documents/Presentations/atlas_kickoff.pptx"] = render_artifact(DECK, "pptx")
    return _BYTES


def populate(disk: VirtualDisk) -> None:
    for path, data in _office_bytes().items():
        disk.write_bytes(path, data)
    disk.write_text("Documents/notes.md", "# Notes\n\n- Ask Sam about the Atlas budget\n- Book the offsite venue\n")
    disk.write_text("Documents/contacts.csv", "name,email\nSam Ortiz,sam@example.com\nDana Lee,dana@example.com\n")
    disk.write_text("Documents/sync.log", LOG)
    disk.write_bytes("Pictures/team.png", PNG)
    disk.write_text(".config/settings.json", '{"theme": "dark"}')
    disk.mkdir("Downloads")


@pytest.fixture(params=["memory", "folder"])
def disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[VirtualDisk]:
    root = tmp_path / "home" if request.param == "folder" else None
    d = VirtualDisk(user="ana", os="macos", root=root)
    populate(d)
    yield d
    d.close()


@pytest.fixture
def wb(disk: VirtualDisk) -> DiskWorkbench:
    return disk_workbench(disk, actor="worker")


async def call(wb: Workbench, name: str, **args: Any) -> ToolResult:
    result = await wb.call_tool(name, args)
    assert isinstance(result, ToolResult)
    return result


async def ok(wb: Workbench, name: str, **args: Any) -> str:
    result = await call(wb, name, **args)
    assert not result.is_error, result.to_text()
    return result.to_text()


async def err(wb: Workbench, name: str, **args: Any) -> str:
    result = await call(wb, name, **args)
    assert result.is_error, result.to_text()
    return result.to_text()


# ---------------------------------------------------------------------------------------------------------------------
# listing and schemas


PACKAGE = "synthcomp_agents."


def _subclasses(cls: type[Any]) -> list[type[Any]]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


@pytest.mark.asyncio
async def test_list_tools_have_descriptions(wb: DiskWorkbench) -> None:
    schemas = await wb.list_tools()
    names = [s["name"] for s in schemas]
    assert names == [cls.tool_name for cls in ALL_TOOL_CLASSES] and len(set(names)) == len(names)
    # every tool class the package defines is on the workbench: a new tool cannot be left out of ALL_TOOL_CLASSES
    defined = {cls for cls in _subclasses(DiskTool) if "tool_name" in vars(cls) and cls.__module__.startswith(PACKAGE)}
    assert defined == set(ALL_TOOL_CLASSES), defined ^ set(ALL_TOOL_CLASSES)
    for schema in schemas:
        assert len(schema.get("description", "")) > 60
        for prop_name, prop in schema["parameters"]["properties"].items():
            if prop_name not in ("title", "subtitle", "header", "footer", "properties", "sheets", "slides"):
                assert "description" in prop, (schema["name"], prop_name)


@pytest.mark.asyncio
async def test_read_only_workbench_lists_no_mutating_tools(disk: VirtualDisk) -> None:
    ro = disk_workbench(disk, read_only=True)
    names = {s["name"] for s in await ro.list_tools()}
    assert names == {"list_directory", "tree", "find_files", "search_text", "read_file", "file_info"}
    text = await err(ro, "delete", path="~/Documents/notes.md")
    assert "Unknown tool" in text and "read_file" in text
    assert disk.exists("Documents/notes.md")


@pytest.mark.asyncio
async def test_include_exclude(disk: VirtualDisk) -> None:
    wb = disk_workbench(disk, include=["read_*", "list_directory"], exclude=["read_file"])
    assert wb.tool_names == ["list_directory"]
    with pytest.raises(ValueError, match="no tool matches"):
        disk_workbench(disk, include=["raed_file"])


# ---------------------------------------------------------------------------------------------------------------------
# looking around


@pytest.mark.asyncio
async def test_list_directory(wb: DiskWorkbench, disk: VirtualDisk) -> None:
    text = await ok(wb, "list_directory")
    assert text.startswith("/Users/ana")
    assert "Documents/" in text and "Pictures/" in text
    assert ".config" not in text and "1 hidden" in text
    assert "show_hidden" in text
    assert re.search(r"^Documents/ \(\d+ items?, modified \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$", text, re.M), text
    text = await ok(wb, "list_directory", path="/Users/ana/Documents/Finance")
    assert re.search(
        r"^budget_2026\.xlsx \(spreadsheet, [\d.]+ [KM]?B, modified \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$", text, re.M
    )
    text = await ok(wb, "list_directory", show_hidden=True)
    assert ".config/" in text


@pytest.mark.asyncio
async def test_list_directory_wrong_path_suggests(wb: DiskWorkbench) -> None:
    text = await err(wb, "list_directory", path="~/Documents/Finanse")
    assert "Did you mean" in text and "/Users/ana/Documents/Finance" in text
    text = await err(wb, "read_file", path="Documents/budget_2026.xlsx")
    assert "/Users/ana/Documents/Finance/budget_2026.xlsx" in text
    text = await err(wb, "list_directory", path="~/Documents/notes.md")
    assert "is a file" in text


@pytest.mark.asyncio
async def test_tree(wb: DiskWorkbench) -> None:
    text = await ok(wb, "tree", depth=1)
    assert "Documents/ (" in text and "not expanded" in text.splitlines()[0]
    assert "+1 hidden" in text
    text = await ok(wb, "tree", depth=3)
    assert "budget_2026.xlsx" in text and "supplier_review.docx" in text
    assert "Downloads/ (empty)" in text


@pytest.mark.asyncio
async def test_tree_puts_files_named_alike_on_one_line_with_every_name_and_size(wb: DiskWorkbench) -> None:
    for month, size in (("Sep", 3), ("Oct", 1200), ("Nov", 0)):
        await ok(wb, "write_text_file", path=f"~/Downloads/Statement_{month}2025.txt", content="x" * size)
    await ok(wb, "write_text_file", path="~/Downloads/notes.txt", content="n")
    text = await ok(wb, "tree", path="~/Downloads", depth=1)
    lines = text.splitlines()
    assert "  Statement_{Nov2025,Oct2025,Sep2025}.txt (0 B, 1.2 KB, 3 B)" in lines, text
    assert "  notes.txt (1 B)" in lines and len(lines) == 3


@pytest.mark.asyncio
async def test_find_files(wb: DiskWorkbench) -> None:
    text = await ok(wb, "find_files", pattern="*.xlsx")
    assert "/Users/ana/Documents/Finance/budget_2026.xlsx" in text and "1 match" in text
    text = await ok(wb, "find_files", kind="presentation")
    assert "atlas_kickoff.pptx" in text
    text = await ok(wb, "find_files", name_contains="REVIEW")
    assert "supplier_review.docx" in text
    text = await ok(wb, "find_files", pattern="Documents/**/*.docx")
    assert "supplier_review.docx" in text
    text = await ok(wb, "find_files", kind="folder", path="~/Documents")
    assert "Finance/" in text and "Reports/" in text and "notes.md" not in text
    text = await ok(wb, "find_files", pattern="*.key")
    assert "No matches" in text and "search_text" in text


@pytest.mark.asyncio
async def test_search_text_inside_office_files(wb: DiskWorkbench) -> None:
    text = await ok(wb, "search_text", query="norfolk metals")
    assert "supplier_review.docx" in text and "line" in text
    text = await ok(wb, "search_text", query="Harbor Clinic")
    assert "atlas_kickoff.pptx" in text
    text = await ok(wb, "search_text", query="Approved by Dana Lee")
    assert "budget_2026.xlsx" in text
    text = await ok(wb, "search_text", query="offsite venue")
    assert "notes.md" in text
    text = await ok(wb, "search_text", query="Norfolk", file_pattern="*.md")
    assert "No matches" in text
    text = await ok(wb, "search_text", query="sync job", max_results=5)
    assert "more matching lines" in text and "offset=5" in text


# ---------------------------------------------------------------------------------------------------------------------
# reading


@pytest.mark.asyncio
async def test_read_xlsx_shows_formula_and_value(wb: DiskWorkbench) -> None:
    text = await ok(wb, "read_file", path="~/Documents/Finance/budget_2026.xlsx")
    assert "=SUM(B2:B4)" in text
    assert re.search(r"4,?250", text), text
    assert "Notes" in text
    text = await ok(wb, "read_file", path="~/Documents/Finance/budget_2026.xlsx", part="Notes")
    assert "Approved by Dana Lee" in text


@pytest.mark.asyncio
async def test_read_docx_parts_and_errors(wb: DiskWorkbench) -> None:
    text = await ok(wb, "read_file", path="Documents/Reports/supplier_review.docx")
    assert "Summary" in text and "Findings" in text and "Norfolk Metals" in text
    text = await ok(wb, "read_file", path="Documents/Reports/supplier_review.docx", part="Findings")
    assert "Freight costs" in text
    text = await err(wb, "read_file", path="Documents/Reports/supplier_review.docx", part="Nonexistent heading")
    assert "Summary" in text  # lists the valid parts


@pytest.mark.asyncio
async def test_read_text_pages_and_binary(wb: DiskWorkbench) -> None:
    text = await ok(wb, "read_file", path="~/Documents/sync.log", max_chars=1000)
    assert len(text) <= 1000
    match = re.search(r"offset=(\d+)", text)
    assert match, text
    nxt = int(match.group(1))
    text2 = await ok(wb, "read_file", path="~/Documents/sync.log", offset=nxt, max_chars=1000)
    assert LOG[nxt : nxt + 50] in text2
    text = await ok(wb, "read_file", path="~/Pictures/team.png")
    assert "binary" in text and "\x00" not in text
    text = await err(wb, "read_file", path="~/Documents/notes.md", part="Summary")
    assert "offset" in text


@pytest.mark.asyncio
async def test_file_info(wb: DiskWorkbench) -> None:
    text = await ok(wb, "file_info", path="~/Documents/Finance/budget_2026.xlsx")
    assert "Kind: spreadsheet" in text and "Q1" in text and "Notes" in text and "Outline" in text
    assert re.search(r"^Kind: spreadsheet, [\d.]+ KB \([\d,]+ bytes\)$", text, re.M), text
    assert re.search(r"^Created: \S+ \S+; modified: \S+ \S+$", text, re.M), text
    outline = text.split("Outline:\n", 1)[1]
    assert outline.startswith("Excel workbook,") and "budget_2026.xlsx" not in outline  # the path line names it
    text = await ok(wb, "file_info", path="~/Documents")
    assert "Kind: folder" in text and "files" in text
    text = await ok(wb, "file_info", path="~/Documents/notes.md")
    assert "lines" in text


# ---------------------------------------------------------------------------------------------------------------------
# creating and editing


@pytest.mark.asyncio
async def test_create_document_then_read(wb: DiskWorkbench, disk: VirtualDisk) -> None:
    blocks = [
        {"type": "heading", "text": "Budget overview"},
        {"type": "paragraph", "text": "Q1 spend totals **4,250**."},
        {"type": "heading", "text": "Next steps", "level": 2},
        {"type": "bullets", "items": ["Confirm travel caps"]},
    ]
    for ext in ("docx", "pdf", "md"):
        text = await ok(wb, "create_document", path=f"~/Documents/overview.{ext}", title="Q1 Overview", blocks=blocks)
        assert "Created /Users/ana/Documents/overview." + ext in text
        read = await ok(wb, "read_file", path=f"~/Documents/overview.{ext}")
        assert "Budget overview" in read and "Next steps" in read and "4,250" in read
    assert disk.journal()[-1].actor == "worker"
    text = await err(wb, "create_document", path="~/Documents/overview.docx", title="Again", blocks=blocks)
    assert "already exists" in text and "overwrite=true" in text and "edit_document" in text
    await ok(wb, "create_document", path="~/Documents/overview.docx", title="Again", blocks=blocks, overwrite=True)
    text = await err(wb, "create_document", path="~/Documents/overview.xlsx", title="X", blocks=blocks)
    assert "create_spreadsheet" in text
    text = await err(wb, "create_document", path="~/Documents/x.docx", title="X", blocks=[{"type": "chart"}])
    assert "blocks.0" in text and "Expected arguments" in text


@pytest.mark.asyncio
async def test_create_spreadsheet_xlsx_and_csv(wb: DiskWorkbench, disk: VirtualDisk) -> None:
    sheets = [
        {
            "name": "Costs",
            "columns": [{"header": "Item"}, {"header": "Cost"}],
            "rows": [["Venue", 900], ["Catering", 450.5], ["Total", "=SUM(B2:B3)"]],
        },
        {"name": "Info", "columns": [{"header": "Key"}], "rows": [["owner: Ana"]]},
    ]
    await ok(wb, "create_spreadsheet", path="~/Documents/offsite.xlsx", sheets=sheets)
    text = await ok(wb, "read_file", path="~/Documents/offsite.xlsx", part="Costs")
    assert "=SUM(B2:B3)" in text and re.search(r"1,?350\.5", text), text
    text = await ok(wb, "create_spreadsheet", path="~/Documents/offsite.csv", sheets=sheets)
    assert "only the first sheet" in text
    csv = disk.read_text("Documents/offsite.csv")
    assert "Venue" in csv and "owner" not in csv
    text = await err(wb, "create_spreadsheet", path="~/Documents/offsite.pptx", sheets=sheets)
    assert "create_presentation" in text


@pytest.mark.asyncio
async def test_create_and_edit_presentation(wb: DiskWorkbench) -> None:
    slides = [{"type": "title", "title": "Offsite plan"}, {"type": "bullets", "title": "Agenda", "bullets": ["Day 1"]}]
    await ok(wb, "create_presentation", path="~/Documents/offsite.pptx", slides=slides)
    text = await ok(
        wb,
        "edit_presentation",
        path="~/Documents/offsite.pptx",
        edits=[{"op": "add_slide", "slide": {"type": "bullets", "title": "Budget", "bullets": ["Cap at 5k"]}}],
    )
    assert "Budget" in text
    text = await ok(wb, "read_file", path="~/Documents/offsite.pptx")
    assert "Offsite plan" in text and "Agenda" in text and "Cap at 5k" in text


@pytest.mark.asyncio
async def test_edit_spreadsheet_keeps_other_sheets(wb: DiskWorkbench) -> None:
    path = "~/Documents/Finance/budget_2026.xlsx"
    text = await ok(
        wb, "edit_spreadsheet", path=path, edits=[{"op": "set_cells", "sheet": "Q1", "cells": {"B2": 1700}}]
    )
    assert "Notes" in text
    q1 = await ok(wb, "read_file", path=path, part="Q1")
    assert re.search(r"4,?750", q1), q1
    notes = await ok(wb, "read_file", path=path, part="Notes")
    assert "Approved by Dana Lee" in notes
    text = await err(wb, "edit_spreadsheet", path=path, edits=[{"op": "set_cells", "sheet": "Q9", "cells": {"A1": 1}}])
    assert "Q1" in text  # lists the sheets
    text = await err(
        wb, "edit_spreadsheet", path="~/Documents/contacts.csv", edits=[{"op": "delete_sheet", "sheet": "x"}]
    )
    assert "create_spreadsheet" in text or "write_text_file" in text


@pytest.mark.asyncio
async def test_edit_document(wb: DiskWorkbench) -> None:
    path = "~/Documents/Reports/supplier_review.docx"
    edits = [
        {"op": "replace_text", "old": "doubled", "new": "tripled"},
        {"op": "append", "blocks": [{"type": "heading", "text": "Actions"}, {"type": "paragraph", "text": "Audit."}]},
    ]
    await ok(wb, "edit_document", path=path, edits=edits)
    text = await ok(wb, "read_file", path=path)
    assert "tripled" in text and "Actions" in text and "Findings" in text
    text = await err(wb, "edit_document", path=path, edits=[{"op": "delete_section", "heading": "Nope"}])
    assert "Summary" in text
    text = await err(wb, "edit_document", path="~/Documents/Finance/budget_2026.xlsx", edits=edits)
    assert "edit_spreadsheet" in text


# ---------------------------------------------------------------------------------------------------------------------
# changing the tree


@pytest.mark.asyncio
async def test_delete_then_restore_same_bytes(wb: DiskWorkbench, disk: VirtualDisk) -> None:
    path = "Documents/Finance/budget_2026.xlsx"
    before = disk.read_bytes(path)
    text = await ok(wb, "delete", path="~/" + path)
    trash_id = re.search(r"restore_from_trash with item='(\w+)'", text)
    assert trash_id, text
    assert not disk.exists(path)
    listing = await ok(wb, "restore_from_trash")
    assert trash_id.group(1) in listing and "budget_2026.xlsx" in listing
    await ok(wb, "restore_from_trash", item=trash_id.group(1))
    assert disk.read_bytes(path) == before
    await ok(wb, "delete", path="~/Documents/Reports")
    text = await ok(wb, "restore_from_trash", item="~/Documents/Reports")
    assert "Restored" in text and disk.exists("Documents/Reports/supplier_review.docx")
    text = await err(wb, "restore_from_trash", item="t9999")
    assert "Nothing in the trash" in text
    text = await err(wb, "delete", path="~")
    assert "home folder" in text


@pytest.mark.asyncio
async def test_move_copy_make_folder(wb: DiskWorkbench, disk: VirtualDisk) -> None:
    await ok(wb, "make_folder", path="~/Documents/Archive/2025")
    assert disk.is_dir("Documents/Archive/2025")
    assert "already exists" in await ok(wb, "make_folder", path="~/Documents/Archive")
    await ok(wb, "copy", source="~/Documents/notes.md", destination="~/Documents/Archive")
    assert disk.read_text("Documents/Archive/notes.md") == disk.read_text("Documents/notes.md")
    text = await err(wb, "copy", source="~/Documents/notes.md", destination="~/Documents/Archive")
    assert "already exists" in text and "overwrite=true" in text
    text = await ok(wb, "copy", source="~/Documents/notes.md", destination="~/Documents/Archive", overwrite=True)
    assert "trash" in text
    await ok(wb, "move", source="~/Documents/contacts.csv", destination="~/Documents/people.csv")
    assert disk.exists("Documents/people.csv") and not disk.exists("Documents/contacts.csv")
    text = await err(wb, "move", source="~/Documents", destination="~/Documents/Archive")
    assert "into itself" in text
    text = await err(wb, "move", source="~/Documents/nope.txt", destination="~/x.txt")
    assert "No file or folder" in text


@pytest.mark.asyncio
async def test_write_text_file(wb: DiskWorkbench, disk: VirtualDisk) -> None:
    await ok(wb, "write_text_file", path="~/Documents/todo.txt", content="call Sam\n")
    text = await err(wb, "write_text_file", path="~/Documents/todo.txt", content="x")
    assert "overwrite=true" in text and "append=true" in text
    await ok(wb, "write_text_file", path="~/Documents/todo.txt", content="book venue\n", append=True)
    assert disk.read_text("Documents/todo.txt") == "call Sam\nbook venue\n"
    text = await err(wb, "write_text_file", path="~/Documents/report.docx", content="x")
    assert "create_document" in text
    text = await err(wb, "write_text_file", path="~/Documents/data.xlsx", content="x")
    assert "create_spreadsheet" in text
    text = await err(wb, "write_text_file", path="~/Pictures/team.png", content="x")
    assert "binary" in text


# ---------------------------------------------------------------------------------------------------------------------
# bounds and errors


@pytest.mark.asyncio
async def test_results_are_capped_and_say_how_to_continue(disk: VirtualDisk) -> None:
    for i in range(120):
        disk.write_text(f"Downloads/file_{i:03d}_with_a_rather_long_descriptive_name.txt", "x")
    wb = disk_workbench(disk, max_result_chars=1000)
    cases: list[tuple[str, dict[str, Any]]] = [
        ("list_directory", {"path": "~/Downloads"}),
        ("find_files", {"pattern": "*.txt"}),
        ("tree", {"depth": 3}),
        ("read_file", {"path": "~/Documents/sync.log"}),
        ("search_text", {"query": "sync job"}),
    ]
    for name, args in cases:
        text = await ok(wb, name, **args)
        assert len(text) <= 1000, (name, len(text))
        assert "more" in text and ("offset=" in text or "narrow" in text or "smaller" in text), (name, text[-300:])
    text = await ok(wb, "list_directory", path="~/Downloads")
    nxt = int(re.findall(r"offset=(\d+)", text)[-1])
    page2 = await ok(wb, "list_directory", path="~/Downloads", offset=nxt)
    assert f"file_{nxt:03d}" in page2


@pytest.mark.asyncio
async def test_errors_are_helpful(wb: DiskWorkbench, disk: VirtualDisk) -> None:
    text = await err(wb, "read_file", path="../../etc/passwd")
    assert "~/" in text or "home" in text
    text = await err(wb, "read_file", path="/etc/passwd")
    assert "outside" in text or "home" in text
    text = await err(wb, "reed_file", path="x")
    assert "Unknown tool" in text and "read_file" in text
    text = await err(wb, "read_file")
    assert "path" in text and "required" in text and "Expected arguments" in text
    text = await err(wb, "read_file", path="~/Documents/notes.md", max_char=100)
    assert "max_char" in text and "unknown argument" in text
    text = await err(wb, "read_file", path="~/Documents/notes.md", offset="ten")
    assert "offset" in text
    bad = await wb.call_tool("read_file", ["not", "a", "dict"])  # type: ignore[arg-type]
    assert bad.is_error and "JSON object" in bad.to_text()
    text = await err(wb, "list_directory", path="~/Documents\x00/x")
    assert text


# ---------------------------------------------------------------------------------------------------------------------
# components


@pytest.mark.asyncio
async def test_component_round_trip_every_tool(disk: VirtualDisk) -> None:
    for cls in ALL_TOOL_CLASSES:
        tool = cls(disk, actor="worker", max_result_chars=3000)
        model = tool.dump_component()
        assert model.provider == f"synthcomp_agents.tools.{cls.__name__}"
        assert model.config["disk"] in (disk.disk_id, disk.uri)
        dumped = ComponentModel.model_validate_json(model.model_dump_json())
        loaded: BaseTool[Any, Any] = BaseTool.load_component(dumped)
        assert type(loaded) is cls
        assert loaded.schema == tool.schema
        assert loaded.dump_component().config == model.config
    tool = ListDirectoryTool.load_component(ListDirectoryTool(disk).dump_component())
    out = await tool.run_json({"path": "~/Documents"}, cancellation_token=_token())
    assert "Finance/" in out


@pytest.mark.asyncio
async def test_workbench_round_trip(disk: VirtualDisk) -> None:
    wb = disk_workbench(disk, actor="setter", read_only=True, max_result_chars=4000)
    model = wb.dump_component()
    assert model.provider == "synthcomp_agents.tools.DiskWorkbench"
    assert model.config["read_only"] is True
    loaded = Workbench.load_component(ComponentModel.model_validate_json(model.model_dump_json()))
    assert isinstance(loaded, DiskWorkbench)
    assert [t["name"] for t in await loaded.list_tools()] == [t["name"] for t in await wb.list_tools()]
    text = await ok(loaded, "read_file", path="~/Documents/notes.md")
    assert "offsite venue" in text
    assert get_disk(model.config["disk"]) is disk
    assert model.config["disk"] == (disk.uri if disk.uri.startswith("file://") else disk.disk_id)


class _LibraryPanic(BaseException):
    """Stands in for a BaseException subclass escaping a third-party library."""


@pytest.mark.asyncio
async def test_workbench_survives_base_exceptions_hangs_and_parallel_calls(
    disk: VirtualDisk, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio
    import threading

    from autogen_core import CancellationToken

    wb = disk_workbench(disk, timeout_seconds=0.3)

    def panic(self: object, args: object) -> str:
        raise _LibraryPanic("budget exceeded")

    monkeypatch.setattr(ListDirectoryTool, "execute", panic)
    text = await err(wb, "list_directory")
    assert "list_directory failed" in text and "budget exceeded" in text

    released = threading.Event()

    def hang(self: object, args: object) -> str:
        released.wait(60)  # hangs until the test lets it go: no clock to race on a busy machine
        return "too late"

    monkeypatch.setattr(ListDirectoryTool, "execute", hang)
    text = await err(wb, "list_directory")
    # the call came back while the tool was still hanging: it did not wait for the thread
    assert "Timed out" in text and "too late" not in text and not released.is_set()
    released.set()

    token = CancellationToken()
    pending = asyncio.ensure_future(wb.call_tool("search_text", {"query": "Norfolk"}, token))
    token.cancel()
    with pytest.raises(asyncio.CancelledError):
        await pending

    wb = disk_workbench(disk, actor="worker")
    writes = [
        wb.call_tool("write_text_file", {"path": f"~/Parallel/n{i}.txt", "content": f"note {i}"}) for i in range(8)
    ]
    reads = [wb.call_tool("search_text", {"query": "Norfolk"}) for _ in range(4)]
    results = await asyncio.gather(*writes, *reads)
    assert not any(r.is_error for r in results), [r.to_text() for r in results if r.is_error]
    assert sorted(i.name for i in disk.list("Parallel")) == [f"n{i}.txt" for i in range(8)]


def _token() -> Any:
    from autogen_core import CancellationToken

    return CancellationToken()


def test_read_document_contract_used_by_tools() -> None:
    """The reader returns a ReadResult whose parts name the sheets (read_file relies on it)."""
    result = read_document("b.xlsx", _office_bytes()["Documents/Finance/budget_2026.xlsx"])
    assert any("Notes" in p for p in result.parts)

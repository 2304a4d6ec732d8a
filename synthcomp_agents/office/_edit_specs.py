"""Edit operations for :func:`edit_docx`, :func:`edit_xlsx` and :func:`edit_pptx` (also tool argument models).

Each list of edits is applied in order to one file; a discriminated union on ``op`` selects the operation.

Example:
    >>> from pydantic import TypeAdapter
    >>> TypeAdapter(DocxEdit).validate_python({"op": "delete_section", "heading": "Risks"}).heading
    'Risks'
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ._specs import Block, CellValue, SheetSpec, Slide

__all__ = [
    "AddSheet",
    "AddSlide",
    "AppendBlocks",
    "AppendRows",
    "DeleteSection",
    "DeleteSheet",
    "DeleteSlide",
    "DocxEdit",
    "InsertAfterHeading",
    "PptxEdit",
    "RenameSheet",
    "ReplaceSection",
    "ReplaceSlide",
    "ReplaceText",
    "SetCells",
    "SetNotes",
    "SetRange",
    "XlsxEdit",
]


class _Edit(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- docx ----------------------------------------------------------------------------------------------------------


class AppendBlocks(_Edit):
    """Append blocks at the end of the document body."""

    op: Literal["append"] = "append"
    blocks: list[Block] = Field(min_length=1, description="Blocks to add at the end, in order.")


class InsertAfterHeading(_Edit):
    """Insert blocks directly after a heading (at the start of its section)."""

    op: Literal["insert_after"] = "insert_after"
    heading: str = Field(description="Heading text as shown by the outline (case-insensitive; unique prefix ok).")
    blocks: list[Block] = Field(min_length=1, description="Blocks to insert, in order.")


class ReplaceText(_Edit):
    """Replace literal text everywhere in the body, tables, headers and footers, keeping run formatting."""

    op: Literal["replace_text"] = "replace_text"
    old: str = Field(min_length=1, description="Exact text to find (within one paragraph).")
    new: str = Field(description="Replacement text (plain).")
    count: int | None = Field(default=None, ge=1, description="Replace at most this many occurrences; all if None.")


class ReplaceSection(_Edit):
    """Replace the content under a heading (up to the next heading of the same or higher level); keeps the heading."""

    op: Literal["replace_section"] = "replace_section"
    heading: str = Field(description="Heading text of the section to replace.")
    blocks: list[Block] = Field(description="New content of the section (may be empty to clear it).")


class DeleteSection(_Edit):
    """Delete a heading and everything under it (up to the next heading of the same or higher level)."""

    op: Literal["delete_section"] = "delete_section"
    heading: str = Field(description="Heading text of the section to delete.")


DocxEdit = Annotated[
    AppendBlocks | InsertAfterHeading | ReplaceText | ReplaceSection | DeleteSection, Field(discriminator="op")
]

# -- xlsx ----------------------------------------------------------------------------------------------------------


class SetCells(_Edit):
    """Set individual cells; a string starting with '=' is a formula."""

    op: Literal["set_cells"] = "set_cells"
    sheet: str = Field(description="Sheet name.")
    cells: dict[str, CellValue] = Field(min_length=1, description="Cell address -> value, e.g. {'B7': '=SUM(B2:B6)'}.")


class SetRange(_Edit):
    """Write a 2-D block of values starting at a top-left cell."""

    op: Literal["set_range"] = "set_range"
    sheet: str = Field(description="Sheet name.")
    top_left: str = Field(description="Top-left cell address, e.g. 'A2'.")
    rows: list[list[CellValue]] = Field(min_length=1, description="Rows of values written from top_left.")


class AppendRows(_Edit):
    """Append rows after the last used row of a sheet."""

    op: Literal["append_rows"] = "append_rows"
    sheet: str = Field(description="Sheet name.")
    rows: list[list[CellValue]] = Field(min_length=1, description="Rows to append, starting in column A.")


class AddSheet(_Edit):
    """Add a new sheet (header row from its columns, then its rows)."""

    op: Literal["add_sheet"] = "add_sheet"
    sheet: SheetSpec = Field(description="The new sheet.")


class RenameSheet(_Edit):
    """Rename a sheet; formulas in the workbook that refer to it are updated."""

    op: Literal["rename_sheet"] = "rename_sheet"
    sheet: str = Field(description="Current sheet name.")
    new_name: str = Field(min_length=1, max_length=31, description="New name (max 31 characters, no []:*?/\\).")


class DeleteSheet(_Edit):
    """Delete a sheet (a workbook keeps at least one sheet)."""

    op: Literal["delete_sheet"] = "delete_sheet"
    sheet: str = Field(description="Sheet name.")


XlsxEdit = Annotated[SetCells | SetRange | AppendRows | AddSheet | RenameSheet | DeleteSheet, Field(discriminator="op")]

# -- pptx ----------------------------------------------------------------------------------------------------------


class AddSlide(_Edit):
    """Add a slide (at the end, or at a 1-based position)."""

    op: Literal["add_slide"] = "add_slide"
    slide: Slide = Field(description="The slide to add.")
    position: int | None = Field(default=None, ge=1, description="1-based position; appended at the end if None.")


class ReplaceSlide(_Edit):
    """Replace slide ``index`` (1-based) with a new slide."""

    op: Literal["replace_slide"] = "replace_slide"
    index: int = Field(ge=1, description="1-based slide number.")
    slide: Slide = Field(description="The new slide.")


class DeleteSlide(_Edit):
    """Delete slide ``index`` (1-based)."""

    op: Literal["delete_slide"] = "delete_slide"
    index: int = Field(ge=1, description="1-based slide number.")


class SetNotes(_Edit):
    """Set (replace) the speaker notes of slide ``index`` (1-based)."""

    op: Literal["set_notes"] = "set_notes"
    index: int = Field(ge=1, description="1-based slide number.")
    notes: str = Field(description="Speaker notes text ('' clears them).")


PptxEdit = Annotated[AddSlide | ReplaceSlide | DeleteSlide | SetNotes, Field(discriminator="op")]

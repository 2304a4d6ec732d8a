"""Office tools: create_document, create_spreadsheet, create_presentation and their edit_* counterparts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, Field, WithJsonSchema

from synthcomp_agents.office import (
    Block,
    CsvSpec,
    DocProperties,
    DocumentSpec,
    DocxEdit,
    OfficeError,
    PptxEdit,
    PresentationSpec,
    SheetSpec,
    Slide,
    SpreadsheetSpec,
    XlsxEdit,
    edit_docx,
    edit_pptx,
    edit_xlsx,
    markdown_blocks,
    outline,
    render_artifact,
    spec_summary,
)

from ._base import DiskTool, DiskToolError, ToolArgs, human_size, scrub
from ._kinds import extension
from ._traits import EDIT_COST, WRITE_COST, ToolTraits

__all__ = [
    "CreateDocumentArgs",
    "CreateDocumentTool",
    "CreatePresentationArgs",
    "CreatePresentationTool",
    "CreateSpreadsheetArgs",
    "CreateSpreadsheetTool",
    "EditDocumentArgs",
    "EditDocumentTool",
    "EditPresentationArgs",
    "EditPresentationTool",
    "EditSpreadsheetArgs",
    "EditSpreadsheetTool",
]

_OVERWRITE_DESC = "Replace an existing file."

# Compact JSON schemas shown to the model. Validation is unchanged: pydantic still checks the full, strict spec
# models (unknown keys rejected, types and bounds enforced); only the prompt-facing schema is shorter. Field meanings
# are in the tool descriptions, once, instead of being repeated in every nested definition.
_STR: dict[str, Any] = {"type": "string"}
_STRS: dict[str, Any] = {"type": "array", "items": _STR}
_ROWS: dict[str, Any] = {"type": "array", "items": {"type": "array", "items": {}}}
_BLOCKS_JSON = WithJsonSchema(
    {
        "type": "array",
        "items": {"type": "object"},
        "description": "Structured alternative to markdown: heading{text,level 1-4}, paragraph{text}, "
        "bullets/numbered{items}, table{header,rows,caption?}, page_break.",
    }
)
_PROPS_JSON = WithJsonSchema(
    {
        "type": "object",
        "properties": {k: _STR for k in ("author", "subject", "keywords")},
        "description": "Optional file metadata.",
    }
)
_SHEET_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": _STR,
        "columns": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"header": _STR, "number_format": _STR, "width": {"type": "number"}},
                "required": ["header"],
            },
        },
        "rows": _ROWS,
        "freeze_header": {"type": "boolean"},
        "chart": {
            "type": "object",
            "properties": {
                "kind": {"enum": ["column", "bar", "line", "pie"]},
                "title": _STR,
                "category_column": {"type": "integer"},
                "value_columns": {"type": "array", "items": {"type": "integer"}},
                "anchor": _STR,
            },
            "required": ["title"],
        },
    },
    "required": ["name", "columns"],
}
_SLIDE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {"enum": ["title", "bullets", "two_column", "table", "chart"]},
        "title": _STR,
        "subtitle": _STR,
        "bullets": _STRS,
        "left_heading": _STR,
        "left": _STRS,
        "right_heading": _STR,
        "right": _STRS,
        "header": _STRS,
        "rows": _ROWS,
        "chart_kind": {"enum": ["column", "bar", "line", "pie"]},
        "categories": _STRS,
        "series": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": _STR, "values": {"type": "array", "items": {"type": "number"}}},
            },
        },
        "notes": _STR,
    },
    "required": ["type", "title"],
}
_SLIDES_HELP = (
    "Slide types and their fields: title{subtitle}, bullets{bullets}, two_column{left,right,left_heading,"
    "right_heading}, table{header,rows}, chart{categories,series:[{name,values}],chart_kind}; every slide has a "
    "title and may have speaker `notes`."
)
_MARKDOWN_DESC = (
    "Document body as Markdown: '# Heading' ('##' = level 2), paragraphs (**bold**, *italic*), '- bullet', "
    "'1. item', pipe tables ('| A | B |' + '|---|---|' + rows), '---pagebreak---'."
)
_CREATOR_FOR_EXT = {
    "docx": "create_document",
    "pdf": "create_document",
    "md": "create_document",
    "xlsx": "create_spreadsheet",
    "csv": "create_spreadsheet",
    "pptx": "create_presentation",
}
_EDITOR_FOR_EXT = {"docx": "edit_document", "xlsx": "edit_spreadsheet", "pptx": "edit_presentation"}


def _outline_or_note(name: str, data: bytes) -> str:
    try:
        return outline(name, data)
    except OfficeError as exc:  # the file is written; the outline is a courtesy
        return f"(outline not available: {exc})"


_SpecT = TypeVar("_SpecT", DocumentSpec, SpreadsheetSpec, PresentationSpec)


class _OfficeWriter(DiskTool[Any]):
    """Shared checks and writing for the create_* tools."""

    allowed_exts: tuple[str, ...] = ()

    def _target(self, path: str, overwrite: bool) -> tuple[str, str]:
        target = self.resolve(path)
        ext = extension(target)
        if ext not in self.allowed_exts:
            wanted = " or ".join(f".{e}" for e in self.allowed_exts)
            other = _CREATOR_FOR_EXT.get(ext)
            hint = (
                f" For .{ext} use {other}."
                if other and other != self.tool_name
                else " For plain text (.txt, .json, ...) use write_text_file."
                if ext not in ("", *self.allowed_exts)
                else ""
            )
            raise DiskToolError(f"{self.tool_name} writes {wanted} files; give the path such an extension.{hint}")
        if target == "" or self.disk.is_dir(target):
            raise DiskToolError(f"{self.show(target)} is a folder; give a file path inside it.")
        if self.disk.exists(target) and not overwrite:
            editor = _EDITOR_FOR_EXT.get(ext)
            raise DiskToolError(
                f"{self.show(target)} already exists. Pass overwrite=true to replace it"
                + (f", use {editor} to change parts of it" if editor else "")
                + ", or choose another name."
            )
        return target, ext

    def _stamp(self, spec: _SpecT, target: str) -> _SpecT:
        """Fill the file's core properties the way an office app would: this user, the disk's (simulated) clock.

        Values the caller gave win; an overwritten file keeps its creation time.
        """
        now = self.disk.clock()
        created = self.disk.stat(target).created if self.disk.is_file(target) else now
        given = getattr(spec, "properties", None) or DocProperties()
        props = given.model_copy(
            update={
                "author": given.author or self.actor,
                "last_modified_by": given.last_modified_by or self.actor,
                "created": given.created or created,
                "modified": given.modified or now,
            }
        )
        return spec.model_copy(update={"properties": props})

    def _write(self, target: str, data: bytes, ext: str, spec: object | None = None, verb: str = "Created") -> str:
        existed = self.disk.exists(target)
        info = self.disk.write_bytes(target, data, actor=self.actor, overwrite=True)
        verb = "Replaced" if existed and verb == "Created" else verb
        # Describe the file from the spec just rendered: re-reading it would cost more than writing it.
        shape = spec_summary(spec) if spec is not None else ""
        return (
            f"{verb} {info.display_path} ({ext}, {human_size(info.size)}).\n"
            f"Outline:\n{shape or _outline_or_note(info.name, data)}"
        )


# ---------------------------------------------------------------------------------------------------------------------
# create_*


# JSON escapes C0 controls as \u00XX; DEL, U+FFFE and U+FFFF stay raw; lone surrogates fail to serialize.
_BAD_IN_JSON = re.compile("\\\\u00[01][0-9a-fA-F]|[\x7f\ufffe\uffff]")
SpecT = TypeVar("SpecT", bound=BaseModel)


def _spec_from(args: BaseModel, spec_type: type[SpecT], exclude: set[str]) -> SpecT:
    """The spec inside validated tool arguments, with characters no office format can store removed.

    Fast path: the arguments are already validated instances of the spec's field types, so when no string holds a
    bad character (checked on the JSON dump, which escapes them) the spec is assembled without re-validation.
    """
    fields = {name: getattr(args, name) for name in spec_type.model_fields if name not in exclude}
    try:
        clean = _BAD_IN_JSON.search(args.model_dump_json(exclude=exclude)) is None
    except Exception:  # e.g. a lone surrogate cannot be encoded: take the scrubbing path
        clean = False
    if clean:
        return spec_type.model_construct(**fields)
    return spec_type.model_validate(scrub(args.model_dump(exclude=exclude)))


def _markdown_to_blocks(value: Any) -> Any:
    """Before validation of an edit: turn ``markdown`` into ``blocks`` (the edit models know only blocks)."""
    if isinstance(value, dict) and "markdown" in value:
        value = dict(value)
        text = value.pop("markdown")
        if value.get("blocks"):
            raise ValueError("give the content either as markdown or as blocks, not both")
        if not isinstance(text, str):
            raise ValueError("markdown must be a string")
        value["blocks"] = [b.model_dump() for b in markdown_blocks(text)]
    return value


class CreateDocumentArgs(DocumentSpec):
    """Arguments of create_document: the target path, a Markdown body (or structured blocks) and a DocumentSpec's
    other fields."""

    path: str = Field(description="Where to save: .docx, .pdf or .md path.")
    title: str = Field(description="Title at the top of the first page.")
    markdown: str | None = Field(default=None, description=_MARKDOWN_DESC)
    blocks: Annotated[list[Block], _BLOCKS_JSON] = Field(default_factory=list)
    subtitle: str | None = Field(default=None, description="Line under the title.")
    header: str | None = Field(default=None, description="Running header text.")
    footer: str | None = Field(default=None, description="Running footer text (page numbers are added).")
    properties: Annotated[DocProperties | None, _PROPS_JSON] = None
    overwrite: bool = Field(default=False, description=_OVERWRITE_DESC)

    def to_spec(self) -> DocumentSpec:
        """The DocumentSpec to render (Markdown parsed into blocks; unstorable control characters removed).

        Raises:
            ValueError: Both ``markdown`` and ``blocks`` were given.
        """
        if self.markdown is not None:
            if self.blocks:
                raise DiskToolError(
                    "Give the body either as `markdown` or as `blocks`, not both (markdown is simpler)."
                )
            data = scrub(self.model_dump(exclude={"path", "overwrite", "markdown", "blocks"}))
            return DocumentSpec.model_validate({**data, "blocks": markdown_blocks(scrub(self.markdown))})
        return _spec_from(self, DocumentSpec, {"path", "overwrite", "markdown"})


class CreateDocumentTool(_OfficeWriter):
    """Create a Word document, PDF or Markdown file from a title and a list of content blocks.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import CreateDocumentTool
        >>> CreateDocumentTool(VirtualDisk()).name
        'create_document'
    """

    component_provider_override = "synthcomp_agents.tools.CreateDocumentTool"
    tool_name = "create_document"
    tool_description = (
        "Create a document: .docx (Word), .pdf or .md by the path's extension, from a title and a Markdown body. "
        "Existing files are kept unless overwrite=true; to change part of a .docx use edit_document."
    )
    args_model = CreateDocumentArgs
    traits = ToolTraits(kind="write", mutates=True, cost=WRITE_COST, paths=("path",), writes="path")
    allowed_exts = ("docx", "pdf", "md")

    def execute(self, args: CreateDocumentArgs) -> str:
        target, ext = self._target(args.path, args.overwrite)
        spec = self._stamp(args.to_spec(), target)
        return self._write(target, render_artifact(spec, ext), ext, spec)


class CreateSpreadsheetArgs(SpreadsheetSpec):
    """Arguments of create_spreadsheet: the target path plus every field of a SpreadsheetSpec."""

    path: str = Field(description="Where to save: .xlsx (or .csv: first sheet only).")
    sheets: Annotated[list[SheetSpec], WithJsonSchema({"type": "array", "items": _SHEET_SCHEMA})] = Field(
        min_length=1, description="Worksheets in order."
    )
    properties: Annotated[DocProperties | None, _PROPS_JSON] = None
    overwrite: bool = Field(default=False, description=_OVERWRITE_DESC)


def _csv_cell(value: object) -> str | int | float | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


class CreateSpreadsheetTool(_OfficeWriter):
    """Create an Excel workbook (sheets, formulas, number formats, charts) or a CSV from the first sheet.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import CreateSpreadsheetTool
        >>> CreateSpreadsheetTool(VirtualDisk()).name
        'create_spreadsheet'
    """

    component_provider_override = "synthcomp_agents.tools.CreateSpreadsheetTool"
    tool_name = "create_spreadsheet"
    tool_description = (
        "Create a spreadsheet (.xlsx, or .csv from the first sheet). Sheet: name (max 31 chars), columns "
        "[{header, number_format e.g. '#,##0.00' '0%' 'yyyy-mm-dd', width}], rows (lists of values; '=SUM(B2:B9)' is "
        "a live formula; row 1 is the header, data starts at row 2), freeze_header (default true), chart {title, "
        "kind, category_column, value_columns (0-based), anchor}. Existing files are kept unless overwrite=true; to "
        "change a .xlsx use edit_spreadsheet."
    )
    args_model = CreateSpreadsheetArgs
    traits = ToolTraits(kind="write", mutates=True, cost=WRITE_COST, paths=("path",), writes="path")
    allowed_exts = ("xlsx", "csv")

    def execute(self, args: CreateSpreadsheetArgs) -> str:
        target, ext = self._target(args.path, args.overwrite)
        spec = self._stamp(_spec_from(args, SpreadsheetSpec, {"path", "overwrite"}), target)
        if ext == "xlsx":
            return self._write(target, render_artifact(spec, "xlsx"), ext, spec)
        sheet = spec.sheets[0]
        csv_spec = CsvSpec(
            header=[c.header for c in sheet.columns], rows=[[_csv_cell(v) for v in row] for row in sheet.rows]
        )
        note = (
            f"\nNote: CSV holds one table, so only the first sheet ({sheet.name!r}) was saved; "
            f"use a .xlsx path to keep all {len(spec.sheets)} sheets."
            if len(spec.sheets) > 1
            else ""
        )
        if any(isinstance(v, str) and v.startswith("=") for row in sheet.rows for v in row):
            note += "\nNote: CSV cannot hold formulas; they were saved as text. Use .xlsx to keep them live."
        return self._write(target, render_artifact(csv_spec, "csv"), ext, csv_spec) + note


class CreatePresentationArgs(PresentationSpec):
    """Arguments of create_presentation: the target path plus every field of a PresentationSpec."""

    path: str = Field(description="Where to save: a .pptx path.")
    slides: Annotated[list[Slide], WithJsonSchema({"type": "array", "items": _SLIDE_SCHEMA})] = Field(
        min_length=1, description="Slides in order, usually starting with a title slide."
    )
    properties: Annotated[DocProperties | None, _PROPS_JSON] = None
    overwrite: bool = Field(default=False, description=_OVERWRITE_DESC)


class CreatePresentationTool(_OfficeWriter):
    """Create a PowerPoint deck from a list of slides.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import CreatePresentationTool
        >>> CreatePresentationTool(VirtualDisk()).name
        'create_presentation'
    """

    component_provider_override = "synthcomp_agents.tools.CreatePresentationTool"
    tool_name = "create_presentation"
    tool_description = (
        "Create a PowerPoint deck (.pptx). " + _SLIDES_HELP + " Indent a bullet with two leading spaces. Existing "
        "files are kept unless overwrite=true; to change a deck use edit_presentation."
    )
    args_model = CreatePresentationArgs
    traits = ToolTraits(kind="write", mutates=True, cost=WRITE_COST, paths=("path",), writes="path")
    allowed_exts = ("pptx",)

    def execute(self, args: CreatePresentationArgs) -> str:
        target, ext = self._target(args.path, args.overwrite)
        spec = self._stamp(_spec_from(args, PresentationSpec, {"path", "overwrite"}), target)
        return self._write(target, render_artifact(spec, "pptx"), ext, spec)


# ---------------------------------------------------------------------------------------------------------------------
# edit_*


class EditDocumentArgs(ToolArgs):
    """Arguments of edit_document."""

    path: str = Field(description="The .docx file to change.")
    edits: Annotated[
        list[Annotated[DocxEdit, BeforeValidator(_markdown_to_blocks)]],
        WithJsonSchema(
            {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "op": {"enum": ["append", "insert_after", "replace_text", "replace_section", "delete_section"]},
                        "heading": _STR,
                        "markdown": _STR,
                        "blocks": {"type": "array", "items": {"type": "object"}},
                        "old": _STR,
                        "new": _STR,
                        "count": {"type": "integer"},
                    },
                    "required": ["op"],
                },
            }
        ),
    ] = Field(
        min_length=1,
        max_length=200,
        description="Applied in order: append{markdown}, insert_after{heading,markdown}, replace_text{old,new,count?}, "
        "replace_section{heading,markdown}, delete_section{heading}. Markdown as in create_document (or blocks).",
    )


class EditSpreadsheetArgs(ToolArgs):
    """Arguments of edit_spreadsheet."""

    path: str = Field(description="The .xlsx file to change.")
    edits: Annotated[
        list[XlsxEdit],
        WithJsonSchema(
            {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "op": {
                            "enum": [
                                "set_cells",
                                "set_range",
                                "append_rows",
                                "add_sheet",
                                "rename_sheet",
                                "delete_sheet",
                            ]
                        },
                        "sheet": {},
                        "cells": {"type": "object"},
                        "top_left": _STR,
                        "rows": _ROWS,
                        "new_name": _STR,
                    },
                    "required": ["op", "sheet"],
                },
            }
        ),
    ] = Field(
        min_length=1,
        max_length=200,
        description="Applied in order; `sheet` is a sheet name: set_cells{sheet,cells:{'B4':12,'C9':'=SUM(C2:C8)'}}, "
        "set_range{sheet,top_left,rows}, append_rows{sheet,rows}, rename_sheet{sheet,new_name}, delete_sheet{sheet}; "
        "add_sheet{sheet:{name,columns,rows}} as in create_spreadsheet.",
    )


class EditPresentationArgs(ToolArgs):
    """Arguments of edit_presentation."""

    path: str = Field(description="The .pptx file to change.")
    edits: Annotated[
        list[PptxEdit],
        WithJsonSchema(
            {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "op": {"enum": ["add_slide", "replace_slide", "delete_slide", "set_notes"]},
                        "slide": {"type": "object"},
                        "index": {"type": "integer"},
                        "position": {"type": "integer"},
                        "notes": _STR,
                    },
                    "required": ["op"],
                },
            }
        ),
    ] = Field(
        min_length=1,
        max_length=200,
        description="Applied in order: add_slide{slide,position?}, replace_slide{index,slide}, delete_slide{index}, "
        "set_notes{index,notes}. index/position are 1-based; `slide` is as in create_presentation.",
    )


class _OfficeEditor(DiskTool[Any]):
    """Shared flow of the edit_* tools: check the extension, read, apply the edits, write back, show the outline."""

    ext: str = ""
    editor: Callable[..., bytes]  # edit_docx / edit_xlsx / edit_pptx

    def execute(self, args: Any) -> str:
        return self._edit(args.path, [scrub(e.model_dump()) for e in args.edits])

    def _edit(self, path: str, edits: list[Any]) -> str:
        target = self.require(path, kind="file")
        ext = extension(target)
        if ext != self.ext:
            raise DiskToolError(self._wrong_ext_message(ext))
        data = self.disk.read_bytes(target)
        # The save is stamped with the disk's (simulated) clock and the actor, never the wall clock.
        new = type(self).editor(
            data, edits, filename=target.rsplit("/", 1)[-1], modified=self.disk.clock(), modified_by=self.actor
        )
        out = self._write(target, new)
        return f"Applied {len(edits)} edit{'s' if len(edits) != 1 else ''}. " + out

    def _write(self, target: str, data: bytes) -> str:
        info = self.disk.write_bytes(target, data, actor=self.actor, overwrite=True)
        shape = _outline_or_note(info.name, data)
        return f"Saved {info.display_path} ({human_size(info.size)}).\nOutline now:\n{shape}"

    def _wrong_ext_message(self, ext: str) -> str:
        editor = _EDITOR_FOR_EXT.get(ext)
        if editor:
            return f"{self.tool_name} edits .{self.ext} files; for a .{ext} file use {editor}."
        creator = _CREATOR_FOR_EXT.get(ext)
        if creator:
            return (
                f"{self.tool_name} edits .{self.ext} files only. A .{ext} file cannot be edited in place: read it with "
                f"read_file and write a new version with {creator} (overwrite=true)"
                + (" or write_text_file" if ext in ("md", "csv") else "")
                + "."
            )
        return f"{self.tool_name} edits .{self.ext} files only; for plain text files use write_text_file."


class EditDocumentTool(_OfficeEditor):
    """Change an existing Word document: append, insert after a heading, replace text, replace or delete a section.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import EditDocumentTool
        >>> EditDocumentTool(VirtualDisk()).name
        'edit_document'
    """

    component_provider_override = "synthcomp_agents.tools.EditDocumentTool"
    tool_name = "edit_document"
    tool_description = (
        "Change an existing .docx in place, keeping the rest: append, insert after a heading, replace text, replace "
        "or delete a heading's section. See the headings with file_info or read_file first."
    )
    args_model = EditDocumentArgs
    traits = ToolTraits(kind="write", mutates=True, cost=EDIT_COST, paths=("path",), writes="path")
    ext = "docx"

    editor = staticmethod(edit_docx)


class EditSpreadsheetTool(_OfficeEditor):
    """Change an existing Excel workbook: set cells or ranges, append rows, add, rename or delete sheets.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import EditSpreadsheetTool
        >>> EditSpreadsheetTool(VirtualDisk()).name
        'edit_spreadsheet'
    """

    component_provider_override = "synthcomp_agents.tools.EditSpreadsheetTool"
    tool_name = "edit_spreadsheet"
    tool_description = (
        "Change an existing .xlsx in place, keeping other sheets and cells: set cells (values or '=FORMULA'), set a "
        "block, append rows, add/rename/delete sheets. Read the sheet first to see cell addresses."
    )
    args_model = EditSpreadsheetArgs
    traits = ToolTraits(kind="write", mutates=True, cost=EDIT_COST, paths=("path",), writes="path")
    ext = "xlsx"

    editor = staticmethod(edit_xlsx)


class EditPresentationTool(_OfficeEditor):
    """Change an existing PowerPoint deck: add, replace or delete slides, set speaker notes.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import EditPresentationTool
        >>> EditPresentationTool(VirtualDisk()).name
        'edit_presentation'
    """

    component_provider_override = "synthcomp_agents.tools.EditPresentationTool"
    tool_name = "edit_presentation"
    tool_description = (
        "Change an existing .pptx in place: add, replace or delete a slide, set speaker notes. " + _SLIDES_HELP
    )
    args_model = EditPresentationArgs
    traits = ToolTraits(kind="write", mutates=True, cost=EDIT_COST, paths=("path",), writes="path")
    ext = "pptx"

    editor = staticmethod(edit_pptx)

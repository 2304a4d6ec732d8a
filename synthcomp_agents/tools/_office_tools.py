"""Office tools: create_document, create_spreadsheet, create_presentation and their edit_* counterparts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from synthcomp_agents.office import (
    CsvSpec,
    DocumentSpec,
    DocxEdit,
    OfficeError,
    PptxEdit,
    PresentationSpec,
    SpreadsheetSpec,
    XlsxEdit,
    edit_docx,
    edit_pptx,
    edit_xlsx,
    outline,
    render_artifact,
)

from ._base import DiskTool, DiskToolError, ToolArgs, human_size, scrub
from ._kinds import extension

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

_OVERWRITE_DESC = "Replace the file if it already exists (otherwise an existing file is never overwritten)."
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

    def _write(self, target: str, data: bytes, ext: str, verb: str = "Created") -> str:
        existed = self.disk.exists(target)
        info = self.disk.write_bytes(target, data, actor=self.actor, overwrite=True)
        verb = "Replaced" if existed and verb == "Created" else verb
        return (
            f"{verb} {info.display_path} ({ext}, {human_size(info.size)}).\n"
            f"Outline:\n{_outline_or_note(info.name, data)}"
        )


# ---------------------------------------------------------------------------------------------------------------------
# create_*


class CreateDocumentArgs(DocumentSpec):
    """Arguments of create_document: the target path plus every field of a DocumentSpec."""

    path: str = Field(description="Where to save: a .docx (Word), .pdf or .md path, e.g. '~/Documents/report.docx'.")
    overwrite: bool = Field(default=False, description=_OVERWRITE_DESC)


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
        "Create a real document file: .docx (Word), .pdf or .md, chosen by the path's extension. Give a title and "
        "`blocks` in order: {type:'heading', text, level}, {type:'paragraph', text} (**bold**/*italic* allowed), "
        "{type:'bullets', items}, {type:'numbered', items}, {type:'table', header, rows, caption}, "
        "{type:'page_break'}. Refuses to replace an existing file unless overwrite=true; to change part of an "
        "existing .docx use edit_document."
    )
    args_model = CreateDocumentArgs
    mutating = True
    allowed_exts = ("docx", "pdf", "md")

    def execute(self, args: CreateDocumentArgs) -> str:
        target, ext = self._target(args.path, args.overwrite)
        spec = DocumentSpec.model_validate(scrub(args.model_dump(exclude={"path", "overwrite"})))
        return self._write(target, render_artifact(spec, ext), ext)


class CreateSpreadsheetArgs(SpreadsheetSpec):
    """Arguments of create_spreadsheet: the target path plus every field of a SpreadsheetSpec."""

    path: str = Field(description="Where to save: a .xlsx path (or .csv to save the first sheet as CSV).")
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
        "Create a real spreadsheet: .xlsx (one or more sheets) or .csv (the first sheet only). Each sheet has a name, "
        "`columns` [{header, number_format?, width?}] and `rows` (lists of numbers, text, dates or formulas: a string "
        "starting with '=' such as '=SUM(B2:B13)' is a live formula; row 1 is the header, data starts at row 2), "
        "and an optional chart. Refuses to replace an existing file unless overwrite=true; to change an existing "
        ".xlsx use edit_spreadsheet."
    )
    args_model = CreateSpreadsheetArgs
    mutating = True
    allowed_exts = ("xlsx", "csv")

    def execute(self, args: CreateSpreadsheetArgs) -> str:
        target, ext = self._target(args.path, args.overwrite)
        spec = SpreadsheetSpec.model_validate(scrub(args.model_dump(exclude={"path", "overwrite"})))
        if ext == "xlsx":
            return self._write(target, render_artifact(spec, "xlsx"), ext)
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
        return self._write(target, render_artifact(csv_spec, "csv"), ext) + note


class CreatePresentationArgs(PresentationSpec):
    """Arguments of create_presentation: the target path plus every field of a PresentationSpec."""

    path: str = Field(description="Where to save: a .pptx path, e.g. '~/Documents/Q3 review.pptx'.")
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
        "Create a real PowerPoint deck (.pptx). `slides` in order: {type:'title', title, subtitle}, "
        "{type:'bullets', title, bullets}, {type:'two_column', title, left, right}, {type:'table', title, header, "
        "rows}, {type:'chart', title, chart_kind, categories, series:[{name, values}]}; each may carry speaker "
        "`notes`. Refuses to replace an existing file unless overwrite=true; to change a deck use edit_presentation."
    )
    args_model = CreatePresentationArgs
    mutating = True
    allowed_exts = ("pptx",)

    def execute(self, args: CreatePresentationArgs) -> str:
        target, ext = self._target(args.path, args.overwrite)
        spec = PresentationSpec.model_validate(scrub(args.model_dump(exclude={"path", "overwrite"})))
        return self._write(target, render_artifact(spec, "pptx"), ext)


# ---------------------------------------------------------------------------------------------------------------------
# edit_*


class EditDocumentArgs(ToolArgs):
    """Arguments of edit_document."""

    path: str = Field(description="The .docx file to change.")
    edits: list[DocxEdit] = Field(
        min_length=1,
        max_length=200,
        description="Edits applied in order: {op:'append', blocks}, {op:'insert_after', heading, blocks}, "
        "{op:'replace_text', old, new, count}, {op:'replace_section', heading, blocks}, "
        "{op:'delete_section', heading}. Blocks are as in create_document.",
    )


class EditSpreadsheetArgs(ToolArgs):
    """Arguments of edit_spreadsheet."""

    path: str = Field(description="The .xlsx file to change.")
    edits: list[XlsxEdit] = Field(
        min_length=1,
        max_length=200,
        description="Edits applied in order: {op:'set_cells', sheet, cells:{'B4': 12, 'C9': '=SUM(C2:C8)'}}, "
        "{op:'set_range', sheet, top_left, rows}, {op:'append_rows', sheet, rows}, {op:'add_sheet', sheet:{name, "
        "columns, rows}}, {op:'rename_sheet', sheet, new_name}, {op:'delete_sheet', sheet}. Other sheets and cells "
        "are kept.",
    )


class EditPresentationArgs(ToolArgs):
    """Arguments of edit_presentation."""

    path: str = Field(description="The .pptx file to change.")
    edits: list[PptxEdit] = Field(
        min_length=1,
        max_length=200,
        description="Edits applied in order: {op:'add_slide', slide, position}, {op:'replace_slide', index, slide}, "
        "{op:'delete_slide', index}, {op:'set_notes', index, notes}. Slide numbers are 1-based; slides are as in "
        "create_presentation.",
    )


class _OfficeEditor(DiskTool[Any]):
    """Shared flow of the edit_* tools: check the extension, read, apply the edits, write back, show the outline."""

    ext: str = ""

    def _edit(self, path: str, edits: list[Any]) -> str:
        target = self.require(path, kind="file")
        ext = extension(target)
        if ext != self.ext:
            raise DiskToolError(self._wrong_ext_message(ext))
        data = self.disk.read_bytes(target)
        new = self._apply(data, edits, target.rsplit("/", 1)[-1])
        out = self._write(target, new)
        return f"Applied {len(edits)} edit{'s' if len(edits) != 1 else ''}. " + out

    def _write(self, target: str, data: bytes) -> str:
        info = self.disk.write_bytes(target, data, actor=self.actor, overwrite=True)
        shape = _outline_or_note(info.name, data)
        return f"Saved {info.display_path} ({human_size(info.size)}).\nOutline now:\n{shape}"

    def _apply(self, data: bytes, edits: list[Any], filename: str) -> bytes:  # pragma: no cover - overridden
        raise NotImplementedError

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
        "Change an existing Word document (.docx) in place, keeping everything you do not touch: append blocks, "
        "insert blocks after a heading, replace text, replace or delete the section under a heading. Use read_file "
        "or file_info first to see the headings. For a new document use create_document."
    )
    args_model = EditDocumentArgs
    mutating = True
    ext = "docx"

    def _apply(self, data: bytes, edits: list[Any], filename: str) -> bytes:
        return edit_docx(data, edits, filename=filename)

    def execute(self, args: EditDocumentArgs) -> str:
        return self._edit(args.path, [scrub(e.model_dump()) for e in args.edits])


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
        "Change an existing Excel workbook (.xlsx) in place, keeping other sheets and cells: set cells (values or "
        "'=FORMULA'), set a block of cells, append rows, add / rename / delete sheets. Use read_file first to see "
        "the sheets and cell addresses. For a new workbook use create_spreadsheet."
    )
    args_model = EditSpreadsheetArgs
    mutating = True
    ext = "xlsx"

    def _apply(self, data: bytes, edits: list[Any], filename: str) -> bytes:
        return edit_xlsx(data, edits, filename=filename)

    def execute(self, args: EditSpreadsheetArgs) -> str:
        return self._edit(args.path, [scrub(e.model_dump()) for e in args.edits])


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
        "Change an existing PowerPoint deck (.pptx) in place: add a slide (at a 1-based position), replace or "
        "delete a slide, set a slide's speaker notes. Use read_file first to see the slides. For a new deck use "
        "create_presentation."
    )
    args_model = EditPresentationArgs
    mutating = True
    ext = "pptx"

    def _apply(self, data: bytes, edits: list[Any], filename: str) -> bytes:
        return edit_pptx(data, edits, filename=filename)

    def execute(self, args: EditPresentationArgs) -> str:
        return self._edit(args.path, [scrub(e.model_dump()) for e in args.edits])

"""Filesystem tools: look around (list_directory, tree, find_files) and change the tree (make_folder, move, copy,
delete, restore_from_trash, write_text_file)."""

from __future__ import annotations

import re
from typing import ClassVar

from pydantic import Field

from synthcomp_agents.disk import DiskNotFoundError, FileInfo, VirtualDisk

from ._base import (
    DiskTool,
    DiskToolError,
    ToolArgs,
    fmt_time,
    human_size,
    page_lines,
    short_repr,
)
from ._kinds import BINARY_EXTS, KIND_EXTS, WRITE_TOOL_FOR_EXT, Kind, extension, kind_of
from ._traits import BROWSE_COST, DEFAULT_COST, FILE_OP_COST, WRITE_COST, ToolTraits

__all__ = [
    "CopyArgs",
    "CopyTool",
    "DeleteArgs",
    "DeleteTool",
    "FindFilesArgs",
    "FindFilesTool",
    "ListDirectoryArgs",
    "ListDirectoryTool",
    "MakeFolderArgs",
    "MakeFolderTool",
    "MoveArgs",
    "MoveTool",
    "RestoreFromTrashArgs",
    "RestoreFromTrashTool",
    "TreeArgs",
    "TreeTool",
    "WriteTextFileArgs",
    "WriteTextFileTool",
    "compile_glob",
]

_PATH_DESC = "('~/Documents/x', 'Documents/x' or a full path)."
_MAX_PATTERN_CHARS = 300


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _entry_line(disk: VirtualDisk, info: FileInfo) -> str:
    if info.is_dir:
        try:
            count = len(disk.list(info.path))
        except Exception:  # pragma: no cover - vanished concurrently
            count = 0
        return f"{info.name}/ ({count} item{'s' if count != 1 else ''}, modified {fmt_time(info.modified, disk)})"
    return f"{info.name} ({kind_of(info.name)}, {human_size(info.size)}, modified {fmt_time(info.modified, disk)})"


# ---------------------------------------------------------------------------------------------------------------------
# list_directory


class ListDirectoryArgs(ToolArgs):
    """Arguments of list_directory."""

    path: str = Field(default="~", description="Folder " + _PATH_DESC)
    show_hidden: bool = Field(default=False, description="Include names starting with '.'.")
    offset: int = Field(default=0, ge=0, description="Skip this many entries.")


class ListDirectoryTool(DiskTool[ListDirectoryArgs]):
    """List one folder: sub-folders (with item counts) then files (kind, size, modified time).

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import ListDirectoryTool
        >>> ListDirectoryTool(VirtualDisk()).name
        'list_directory'
    """

    component_provider_override = "synthcomp_agents.tools.ListDirectoryTool"
    tool_name = "list_directory"
    tool_description = (
        "List one folder: sub-folders (with item counts), then files with kind, size and modified time. Start "
        "here to explore ('~' is the home folder)."
    )
    args_model = ListDirectoryArgs
    traits = ToolTraits(kind="navigate", mutates=False, cost=BROWSE_COST, paths=("path",))

    def execute(self, args: ListDirectoryArgs) -> str:
        folder = self.require(args.path, kind="folder")
        entries = self.disk.list(folder)
        hidden = [e for e in entries if _is_hidden(e.name)]
        shown = entries if args.show_hidden else [e for e in entries if not _is_hidden(e.name)]
        n_dirs = sum(1 for e in shown if e.is_dir)
        header = f"{self.show(folder)} — {n_dirs} folder{'s' if n_dirs != 1 else ''}, {len(shown) - n_dirs} files"
        if hidden and not args.show_hidden:
            header += f" ({len(hidden)} hidden entries not shown; pass show_hidden=true to see them)"
        if not shown:
            return header + "\n(empty)"
        lines = [_entry_line(self.disk, e) for e in shown]
        return page_lines(
            header + ":",
            lines,
            offset=args.offset,
            budget=self.max_result_chars,
            continue_hint=lambda nxt: f"call list_directory with path={self.show(folder)!r} and offset={nxt}",
        )


# ---------------------------------------------------------------------------------------------------------------------
# tree


class TreeArgs(ToolArgs):
    """Arguments of tree."""

    path: str = Field(default="~", description="Top folder " + _PATH_DESC)
    depth: int = Field(default=2, ge=1, le=6, description="Levels to expand (1-6).")
    show_hidden: bool = Field(default=False, description="Include names starting with '.'.")


class TreeTool(DiskTool[TreeArgs]):
    """Show a folder hierarchy a few levels deep, with item counts for folders that are not expanded.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import TreeTool
        >>> TreeTool(VirtualDisk()).name
        'tree'
    """

    component_provider_override = "synthcomp_agents.tools.TreeTool"
    tool_name = "tree"
    tool_description = (
        "Show the folder hierarchy a few levels deep (folders end with '/', files show their size): an overview "
        "of how the computer is organised."
    )
    args_model = TreeArgs
    traits = ToolTraits(kind="navigate", mutates=False, cost=BROWSE_COST, paths=("path",))
    _MAX_LINES: ClassVar[int] = 3000

    def execute(self, args: TreeArgs) -> str:
        top = self.require(args.path, kind="folder")
        shown = self.show(top) + ("" if self.show(top).endswith(("/", "\\")) else "/")
        lines: list[str] = [f"{shown} (a folder with a count in brackets is not expanded)"]
        self._walk(top, 1, args, lines)
        if len(lines) > self._MAX_LINES:
            lines = [*lines[: self._MAX_LINES], "[... more entries: call tree on a sub-folder or with a smaller depth]"]
        return "\n".join(lines)

    def _walk(self, folder: str, level: int, args: TreeArgs, lines: list[str]) -> None:
        entries = self.disk.list(folder)
        hidden = 0
        files: list[FileInfo] = []
        indent = "  " * level
        for entry in entries:
            if len(lines) > self._MAX_LINES:
                return
            if _is_hidden(entry.name) and not args.show_hidden:
                hidden += 1
                continue
            if not entry.is_dir:
                files.append(entry)
                continue
            lines.extend(_file_runs(files, indent))
            files = []
            children = self.disk.list(entry.path)
            if not children:
                lines.append(f"{indent}{entry.name}/ (empty)")
            elif level >= args.depth:
                lines.append(f"{indent}{entry.name}/ ({_items(len(children))})")
            else:
                lines.append(f"{indent}{entry.name}/")
                self._walk(entry.path, level + 1, args, lines)
        lines.extend(_file_runs(files, indent))
        if hidden:
            lines.append(f"{indent}(+{hidden} hidden entries; pass show_hidden=true)")

    def more_hint(self, args: TreeArgs) -> str:
        return "call tree on a sub-folder or with a smaller depth, or use list_directory"


_RUN_MIN = 3
"""Files in a row that share a stem up to a separator, and the extension, are shown on one line."""
_SEPARATORS = "_- "


def _split_ext(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    return (stem, "." + ext) if dot and stem else (name, "")


def _shared_prefix(stems: list[str]) -> str:
    """The longest start all ``stems`` share that ends with a separator and leaves each a rest ('' if none)."""
    first = stems[0]
    size = 0
    while size < len(first) and all(len(s) > size and s[size] == first[size] for s in stems):
        size += 1
    while size > 0 and first[size - 1] not in _SEPARATORS:
        size -= 1
    if any(len(s) == size for s in stems):
        return ""
    return first[:size]


def _file_runs(files: list[FileInfo], indent: str) -> list[str]:
    """One line a file, except that three or more neighbours named alike ('Statement_Oct2025.pdf',
    'Statement_Nov2025.pdf', ...) share one line in brace form with every name and size kept, in order:
    ``Statement_{Oct2025,Nov2025,Dec2025}.pdf (2.3 KB, 2.2 KB, 2.2 KB)``."""
    lines: list[str] = []
    n = 0
    while n < len(files):
        stem, ext = _split_ext(files[n].name)
        end, prefix = n + 1, ""
        while end < len(files):
            other, other_ext = _split_ext(files[end].name)
            shared = _shared_prefix([_split_ext(f.name)[0] for f in files[n : end + 1]])
            if other_ext != ext or len(shared) < 4 or "," in other or "{" in other:
                break
            end, prefix = end + 1, shared
        if end - n >= _RUN_MIN and "," not in stem and "{" not in stem:
            run = files[n:end]
            middles = ",".join(_split_ext(f.name)[0][len(prefix) :] for f in run)
            sizes = ", ".join(human_size(f.size) for f in run)
            lines.append(f"{indent}{prefix}{{{middles}}}{ext} ({sizes})")
            n = end
            continue
        lines.append(f"{indent}{files[n].name} ({human_size(files[n].size)})")
        n += 1
    return lines


# ---------------------------------------------------------------------------------------------------------------------
# find_files


def compile_glob(pattern: str) -> re.Pattern[str]:
    """Compile a glob (``*``, ``?``, ``[...]``, ``**``) into a case-insensitive regex matching a whole path or name.

    Example:
        >>> bool(compile_glob("**/*.xlsx").match("Finance/Q3/budget.xlsx"))
        True
        >>> bool(compile_glob("report*").match("Report_final.docx"))
        True
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1 : end]
                negate = body.startswith(("!", "^"))
                body = body[1:] if negate else body
                body = "".join("\\" + c if c in "\\^[]" else c for c in body)
                out.append(f"[{'^' if negate else ''}{body}]")
                i = end
        else:
            out.append(re.escape(ch))
        i += 1
    try:
        return re.compile("".join(out) + r"\Z", re.IGNORECASE | re.DOTALL)
    except re.error:
        return re.compile(re.escape(pattern) + r"\Z", re.IGNORECASE)


class FindFilesArgs(ToolArgs):
    """Arguments of find_files."""

    pattern: str | None = Field(
        default=None,
        max_length=_MAX_PATTERN_CHARS,
        description="Name glob ('*.xlsx', 'budget*'), or path glob with '/' ('Projects/**/*.docx').",
    )
    name_contains: str | None = Field(default=None, max_length=_MAX_PATTERN_CHARS, description="Substring of the name.")
    kind: Kind = Field(
        default="any",
        description="Only this kind.",
    )
    path: str = Field(default="~", description="Folder to search below.")
    offset: int = Field(default=0, ge=0, description="Skip this many matches.")


class FindFilesTool(DiskTool[FindFilesArgs]):
    """Find files and folders by name (glob or substring) and kind, anywhere below a folder.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import FindFilesTool
        >>> FindFilesTool(VirtualDisk()).name
        'find_files'
    """

    component_provider_override = "synthcomp_agents.tools.FindFilesTool"
    tool_name = "find_files"
    tool_description = (
        "Find files and folders by NAME below a folder (default: the whole home), newest first, by glob pattern, "
        "name substring and/or kind. To search file CONTENTS use search_text."
    )
    args_model = FindFilesArgs
    traits = ToolTraits(kind="navigate", mutates=False, cost=BROWSE_COST, paths=("path",))
    _MAX_SCAN: ClassVar[int] = 200_000

    def execute(self, args: FindFilesArgs) -> str:
        top = self.require(args.path, kind="folder")
        regex = compile_glob(args.pattern) if args.pattern else None
        on_path = bool(args.pattern and "/" in args.pattern)
        needle = args.name_contains.lower() if args.name_contains else None
        exts = KIND_EXTS.get(args.kind)
        prefix = f"{top}/" if top else ""
        matches: list[FileInfo] = []
        for n, info in enumerate(self.disk.walk(top)):
            if n >= self._MAX_SCAN:
                break
            if info.path == top:
                continue
            if args.kind == "folder" and not info.is_dir:
                continue
            if args.kind == "file" and info.is_dir:
                continue
            if exts is not None and (info.is_dir or extension(info.name) not in exts):
                continue
            if needle is not None and needle not in info.name.lower():
                continue
            if regex is not None:
                subject = info.path[len(prefix) :] if on_path else info.name
                if not regex.match(subject):
                    continue
            matches.append(info)
        criteria = (
            ", ".join(
                part
                for part in (
                    f"pattern={args.pattern!r}" if args.pattern else "",
                    f"name_contains={args.name_contains!r}" if args.name_contains else "",
                    f"kind={args.kind!r}" if args.kind != "any" else "",
                )
                if part
            )
            or "everything"
        )
        where = self.show(top)
        if not matches:
            tip = " Try a shorter name_contains, a broader pattern (e.g. '*budget*'), kind='any', or path='~'."
            return f"No matches for {criteria} under {where}.{tip} To search inside files, use search_text."
        matches.sort(key=lambda i: (-i.modified.timestamp(), i.path))
        lines = [
            f"{m.display_path}{'/' if m.is_dir else ''}  ("
            + ("folder" if m.is_dir else f"{kind_of(m.name)}, {human_size(m.size)}")
            + f", modified {fmt_time(m.modified, self.disk)})"
            for m in matches
        ]
        return page_lines(
            f"{len(matches)} match{'es' if len(matches) != 1 else ''} for {criteria} under {where} (newest first):",
            lines,
            offset=args.offset,
            budget=self.max_result_chars,
            continue_hint=lambda nxt: f"call find_files again with the same arguments and offset={nxt}, or narrow it",
            noun="matches",
        )


# ---------------------------------------------------------------------------------------------------------------------
# make_folder


class MakeFolderArgs(ToolArgs):
    """Arguments of make_folder."""

    path: str = Field(description="Folder to create " + _PATH_DESC)


class MakeFolderTool(DiskTool[MakeFolderArgs]):
    """Create a folder (and any missing parents).

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import MakeFolderTool
        >>> MakeFolderTool(VirtualDisk()).name
        'make_folder'
    """

    component_provider_override = "synthcomp_agents.tools.MakeFolderTool"
    tool_name = "make_folder"
    tool_description = "Create a folder, including missing parent folders. Does nothing if the folder already exists."
    args_model = MakeFolderArgs
    # the clock has always charged it the default cost (no rule of its own); kept so runs reproduce
    traits = ToolTraits(kind="write", mutates=True, cost=DEFAULT_COST, paths=("path",))

    def execute(self, args: MakeFolderArgs) -> str:
        target = self.resolve(args.path)
        if self.disk.exists(target):
            if self.disk.is_dir(target):
                return f"The folder {self.show(target)} already exists; nothing to do."
            raise DiskToolError(f"{self.show(target)} is an existing file; choose another name for the folder.")
        self.disk.mkdir(target, exist_ok=True, actor=self.actor)
        return f"Created folder {self.show(target)}."


# ---------------------------------------------------------------------------------------------------------------------
# move / copy


class MoveArgs(ToolArgs):
    """Arguments of move."""

    source: str = Field(description="Item to move " + _PATH_DESC)
    destination: str = Field(description="New path, or a folder to move it into.")
    overwrite: bool = Field(
        default=False, description="Replace an existing item at the destination (it goes to the trash)."
    )


class CopyArgs(ToolArgs):
    """Arguments of copy."""

    source: str = Field(description="Item to copy " + _PATH_DESC)
    destination: str = Field(description="Path of the copy, or a folder to copy into.")
    overwrite: bool = Field(
        default=False, description="Replace an existing item at the destination (it goes to the trash)."
    )


def _transfer(
    tool: DiskTool[MoveArgs] | DiskTool[CopyArgs], source: str, destination: str, overwrite: bool, verb: str
) -> str:
    disk = tool.disk
    src = tool.require(source)
    if src == "":
        raise DiskToolError(f"The home folder itself cannot be {verb}d; {verb} the items inside it instead.")
    dst = tool.resolve(destination)
    name = src.rsplit("/", 1)[-1]
    target = (f"{dst}/{name}" if dst else name) if disk.is_dir(dst) and dst != src else dst
    if target == src:
        raise DiskToolError(f"Source and destination are the same ({tool.show(src)}); give a different destination.")
    if target == "":
        raise DiskToolError("The destination cannot be the home folder itself; give a path inside it.")
    if disk.is_dir(src) and (target + "/").startswith(src + "/"):
        raise DiskToolError(f"Cannot {verb} the folder {tool.show(src)} into itself; choose a destination outside it.")
    replaced = ""
    if disk.exists(target):
        if not overwrite:
            raise DiskToolError(
                f"{tool.show(target)} already exists. Pass overwrite=true to replace it (the old one goes to the "
                "trash and can be restored), or choose another destination name."
            )
        if disk.is_dir(target) != disk.is_dir(src):
            kinds = ("folder", "file") if disk.is_dir(target) else ("file", "folder")
            raise DiskToolError(
                f"{tool.show(target)} is a {kinds[0]} and cannot be replaced by a {kinds[1]}; delete it first or "
                "choose another destination."
            )
        entry = disk.delete(target, actor=tool.actor)
        replaced = f" The item it replaced is in the trash as {entry.trash_id}."
    parent = target.rsplit("/", 1)[0] if "/" in target else ""
    if parent and not disk.exists(parent):
        disk.mkdir(parent, exist_ok=True, actor=tool.actor)
    if verb == "move":
        info = disk.move(src, target, overwrite=False, actor=tool.actor)
        return f"Moved {tool.show(src)} to {info.display_path}.{replaced}"
    info = disk.copy(src, target, overwrite=False, actor=tool.actor)
    return f"Copied {tool.show(src)} to {info.display_path}.{replaced}"


class MoveTool(DiskTool[MoveArgs]):
    """Move or rename a file or folder.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import MoveTool
        >>> MoveTool(VirtualDisk()).name
        'move'
    """

    component_provider_override = "synthcomp_agents.tools.MoveTool"
    tool_name = "move"
    tool_description = (
        "Move or rename a file or folder (into the destination if it is a folder). Existing items are kept unless "
        "overwrite=true."
    )
    args_model = MoveArgs
    traits = ToolTraits(
        kind="write", mutates=True, cost=FILE_OP_COST, paths=("source", "destination"), writes="destination"
    )

    def execute(self, args: MoveArgs) -> str:
        return _transfer(self, args.source, args.destination, args.overwrite, "move")


class CopyTool(DiskTool[CopyArgs]):
    """Copy a file or a whole folder.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import CopyTool
        >>> CopyTool(VirtualDisk()).name
        'copy'
    """

    component_provider_override = "synthcomp_agents.tools.CopyTool"
    tool_name = "copy"
    tool_description = (
        "Copy a file or a whole folder (into the destination if it is a folder). Existing items are kept unless "
        "overwrite=true."
    )
    args_model = CopyArgs
    traits = ToolTraits(
        kind="write", mutates=True, cost=FILE_OP_COST, paths=("source", "destination"), writes="destination"
    )

    def execute(self, args: CopyArgs) -> str:
        return _transfer(self, args.source, args.destination, args.overwrite, "copy")


# ---------------------------------------------------------------------------------------------------------------------
# delete / restore


class DeleteArgs(ToolArgs):
    """Arguments of delete."""

    path: str = Field(description="Item to delete " + _PATH_DESC)


class DeleteTool(DiskTool[DeleteArgs]):
    """Move a file or folder to the trash (restorable with restore_from_trash).

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import DeleteTool
        >>> DeleteTool(VirtualDisk()).name
        'delete'
    """

    component_provider_override = "synthcomp_agents.tools.DeleteTool"
    tool_name = "delete"
    tool_description = (
        "Delete a file or folder by moving it to the trash; the result gives a trash id for restore_from_trash."
    )
    args_model = DeleteArgs
    traits = ToolTraits(kind="write", mutates=True, cost=FILE_OP_COST, paths=("path",))

    def execute(self, args: DeleteArgs) -> str:
        target = self.require(args.path)
        if target == "":
            raise DiskToolError("The home folder itself cannot be deleted; delete the items inside it instead.")
        entry = self.disk.delete(target, actor=self.actor)
        what = "folder" if entry.is_dir else "file"
        return (
            f"Moved the {what} {self.show(target)} ({human_size(entry.size)}) to the trash as {entry.trash_id}. "
            f"To undo, call restore_from_trash with item='{entry.trash_id}'."
        )


class RestoreFromTrashArgs(ToolArgs):
    """Arguments of restore_from_trash."""

    item: str | None = Field(
        default=None,
        description="Trash id (e.g. 't0003') or original path.",
    )
    destination: str | None = Field(default=None, description="Restore here instead.")


class RestoreFromTrashTool(DiskTool[RestoreFromTrashArgs]):
    """List the trash, or restore a deleted item by trash id or original path.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import RestoreFromTrashTool
        >>> RestoreFromTrashTool(VirtualDisk()).name
        'restore_from_trash'
    """

    component_provider_override = "synthcomp_agents.tools.RestoreFromTrashTool"
    tool_name = "restore_from_trash"
    tool_description = (
        "Restore a deleted item from the trash by trash id or original path. Without `item`: list the trash."
    )
    args_model = RestoreFromTrashArgs
    traits = ToolTraits(kind="write", mutates=True, cost=FILE_OP_COST, paths=("item", "destination"))

    def _listing(self) -> str:
        entries = sorted(self.disk.trash(), key=lambda e: e.trash_id, reverse=True)
        if not entries:
            return "The trash is empty."
        lines = [
            f"{e.trash_id}: {self.show(e.original_path)}{'/' if e.is_dir else ''}  ({human_size(e.size)}, deleted "
            f"{fmt_time(e.deleted_at, self.disk)} by {e.actor})"
            for e in entries
        ]
        return page_lines(
            f"{len(entries)} item(s) in the trash (newest first); restore one with item='<trash id>':",
            lines,
            offset=0,
            budget=self.max_result_chars,
            continue_hint=lambda _n: "restore or look for a specific item by its original path",
            noun="items",
        )

    def execute(self, args: RestoreFromTrashArgs) -> str:
        if args.item is None or not args.item.strip():
            return self._listing()
        entries = self.disk.trash()
        by_id = {e.trash_id: e for e in entries}
        item = args.item.strip()
        if item in by_id:
            entry = by_id[item]
        else:
            try:
                original = self.resolve(item)
            except Exception:
                original = None
            candidates = [e for e in entries if e.original_path == original]
            if not candidates:
                ids = ", ".join(f"{e.trash_id} ({self.show(e.original_path)})" for e in entries[-10:])
                raise DiskNotFoundError(
                    f"Nothing in the trash matches {short_repr(item)}. "
                    + (f"The trash holds: {ids}. " if ids else "The trash is empty. ")
                    + "Call restore_from_trash without item to list it."
                )
            entry = max(candidates, key=lambda e: (e.deleted_at, e.trash_id))
        dest = self.resolve(args.destination) if args.destination else None
        target = dest if dest is not None else entry.original_path
        if self.disk.exists(target):
            raise DiskToolError(
                f"{self.show(target)} already exists, so {entry.trash_id} cannot be restored there. Pass "
                "destination='<another path>' or move the existing item away first."
            )
        info = self.disk.restore(entry.trash_id, dest=dest, actor=self.actor)
        return f"Restored {entry.trash_id} to {info.display_path}."


# ---------------------------------------------------------------------------------------------------------------------
# write_text_file


class WriteTextFileArgs(ToolArgs):
    """Arguments of write_text_file."""

    path: str = Field(description="File to write " + _PATH_DESC)
    content: str = Field(description="The text.")
    overwrite: bool = Field(default=False, description="Replace an existing file.")
    append: bool = Field(default=False, description="Add to the end of an existing file.")


class WriteTextFileTool(DiskTool[WriteTextFileArgs]):
    """Write a plain-text file (txt, md, csv, json, ...); refuses office formats and points to the right tool.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import WriteTextFileTool
        >>> WriteTextFileTool(VirtualDisk()).name
        'write_text_file'
    """

    component_provider_override = "synthcomp_agents.tools.WriteTextFileTool"
    tool_name = "write_text_file"
    tool_description = (
        "Write a plain-text file (.txt, .md, .csv, .json, .html, ...); parent folders are created. Existing files "
        "are kept unless overwrite=true or append=true. Office files: use the create_* tools."
    )
    args_model = WriteTextFileArgs
    traits = ToolTraits(kind="write", mutates=True, cost=WRITE_COST, paths=("path",), writes="path")

    def execute(self, args: WriteTextFileArgs) -> str:
        target = self.resolve(args.path)
        ext = extension(target)
        if ext in WRITE_TOOL_FOR_EXT:
            raise DiskToolError(
                f"write_text_file writes plain text only and cannot produce a .{ext} file. Use "
                f"{WRITE_TOOL_FOR_EXT[ext]} instead."
            )
        if ext in BINARY_EXTS:
            raise DiskToolError(
                f".{ext} is a binary format; write_text_file writes plain text only. Pick a text extension such as "
                ".txt, .md or .csv."
            )
        if target == "" or self.disk.is_dir(target):
            raise DiskToolError(f"{self.show(target)} is a folder; give a file path inside it, e.g. .../notes.md.")
        exists = self.disk.exists(target)
        if args.overwrite and args.append:
            raise DiskToolError("Pass either overwrite=true or append=true, not both.")
        text = args.content
        if exists and args.append:
            text = self.disk.read_text(target) + text
            verb = "Appended"
        elif exists and not args.overwrite:
            raise DiskToolError(
                f"{self.show(target)} already exists. Pass overwrite=true to replace its content, append=true to add "
                "to the end, or choose another name. (read_file shows what it contains.)"
            )
        else:
            verb = "Replaced" if exists else "Created"
        info = self.disk.write_text(target, text, actor=self.actor, overwrite=True)
        added = len(args.content)
        return f"{verb} {info.display_path}: wrote {added:,} characters; the file is now {human_size(info.size)}."


def _items(n: int) -> str:
    """``n`` items in words ("1 item", "9 items")."""
    return f"{n} item" if n == 1 else f"{n} items"

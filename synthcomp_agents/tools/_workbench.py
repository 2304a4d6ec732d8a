"""DiskWorkbench: every disk tool behind one AutoGen workbench whose ``call_tool`` never raises."""

from __future__ import annotations

import asyncio
import builtins
import fnmatch
from collections.abc import Mapping, Sequence
from typing import Any

from autogen_core import CancellationToken, Component
from autogen_core.tools import StaticWorkbench, TextResultContent, ToolResult
from pydantic import BaseModel, Field, ValidationError
from typing_extensions import Self

from synthcomp_agents.disk import DiskError, VirtualDisk
from synthcomp_agents.office import OfficeError

from ._base import (
    DEFAULT_MAX_RESULT_CHARS,
    DEFAULT_TIMEOUT_SECONDS,
    DiskTool,
    DiskToolError,
    cap_text,
    disk_ref,
    expected_shape,
    format_validation_error,
    short_repr,
    unexpected_error_message,
)
from ._fs_tools import (
    CopyTool,
    DeleteTool,
    FindFilesTool,
    ListDirectoryTool,
    MakeFolderTool,
    MoveTool,
    RestoreFromTrashTool,
    TreeTool,
    WriteTextFileTool,
)
from ._office_tools import (
    CreateDocumentTool,
    CreatePresentationTool,
    CreateSpreadsheetTool,
    EditDocumentTool,
    EditPresentationTool,
    EditSpreadsheetTool,
)
from ._read_tools import FileInfoTool, ReadFileTool, SearchTextTool
from ._traits import register_tool_traits

__all__ = ["ALL_TOOL_CLASSES", "DiskWorkbench", "DiskWorkbenchConfig", "disk_tools", "disk_workbench"]

ALL_TOOL_CLASSES: tuple[type[DiskTool[Any]], ...] = (
    ListDirectoryTool,
    TreeTool,
    FindFilesTool,
    SearchTextTool,
    ReadFileTool,
    FileInfoTool,
    MakeFolderTool,
    MoveTool,
    CopyTool,
    DeleteTool,
    RestoreFromTrashTool,
    WriteTextFileTool,
    CreateDocumentTool,
    CreateSpreadsheetTool,
    CreatePresentationTool,
    EditDocumentTool,
    EditSpreadsheetTool,
    EditPresentationTool,
)
"""Every disk tool class, in the order the workbench lists them (reading tools first)."""

for _tool_class in ALL_TOOL_CLASSES:
    register_tool_traits(_tool_class)

_NOT_CAUGHT = (asyncio.CancelledError, KeyboardInterrupt, SystemExit, GeneratorExit)


def _select(read_only: bool, include: Sequence[str] | None, exclude: Sequence[str] | None) -> list[type[DiskTool[Any]]]:
    names = [cls.tool_name for cls in ALL_TOOL_CLASSES]
    for label, patterns in (("include", include), ("exclude", exclude)):
        for pattern in patterns or ():
            if not fnmatch.filter(names, pattern):
                raise ValueError(f"{label}: no tool matches {pattern!r}; the tools are: {', '.join(names)}")
    chosen = []
    for cls in ALL_TOOL_CLASSES:
        if read_only and cls.traits.mutates:
            continue
        if include is not None and not any(fnmatch.fnmatchcase(cls.tool_name, p) for p in include):
            continue
        if exclude is not None and any(fnmatch.fnmatchcase(cls.tool_name, p) for p in exclude):
            continue
        chosen.append(cls)
    return chosen


def disk_tools(
    disk: VirtualDisk | str,
    *,
    actor: str = "user",
    read_only: bool = False,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    max_result_chars: int = DEFAULT_MAX_RESULT_CHARS,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
) -> list[DiskTool[Any]]:
    """Build the disk tools as a list (for ``AssistantAgent(tools=...)``); prefer :func:`disk_workbench`.

    Args:
        disk: The disk, or its ``disk_id`` / URI.
        actor: Name recorded in the disk journal for changes.
        read_only: Keep only the tools that do not change the disk.
        include: Tool names (or ``fnmatch`` patterns) to keep; ``None`` keeps all.
        exclude: Tool names (or patterns) to drop.
        max_result_chars: Upper bound on every result string.
        timeout_seconds: Upper bound on the blocking work of one call.

    Returns:
        The selected tools, reading tools first.

    Raises:
        ValueError: A name in ``include``/``exclude`` matches no tool.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import disk_tools
        >>> [t.name for t in disk_tools(VirtualDisk(), include=["read_file", "tree"])]
        ['tree', 'read_file']
    """
    target = disk
    return [
        cls(target, actor=actor, max_result_chars=max_result_chars, timeout_seconds=timeout_seconds)
        for cls in _select(read_only, include, exclude)
    ]


class DiskWorkbenchConfig(BaseModel):
    """Component config of :class:`DiskWorkbench` (the disk by id or URI, never a captured object)."""

    disk: str = Field(description="disk_id of a live disk, or its URI (file:///abs/folder, archive:///abs/x.scdisk).")
    actor: str = Field(default="user", description="Actor recorded in the disk journal for changes.")
    read_only: bool = Field(default=False, description="Only the tools that do not change the disk.")
    include: list[str] | None = Field(default=None, description="Tool names or patterns to keep (None: all).")
    exclude: list[str] | None = Field(default=None, description="Tool names or patterns to drop.")
    max_result_chars: int = Field(default=DEFAULT_MAX_RESULT_CHARS, ge=500)
    timeout_seconds: float = Field(default=DEFAULT_TIMEOUT_SECONDS, gt=0)


class DiskWorkbench(StaticWorkbench, Component[DiskWorkbenchConfig]):
    """Every filesystem and office tool over one disk, as an AutoGen workbench that never raises.

    ``call_tool`` turns every failure - unknown tool, arguments that are not an object, validation errors, tool
    errors, timeouts, even ``BaseException`` subclasses from libraries - into ``ToolResult(is_error=True)`` with a
    message telling the model what to do instead (a raising workbench would hang the AutoGen agent). Only
    cancellation, ``KeyboardInterrupt`` and ``SystemExit`` propagate.

    Args:
        disk: The disk, or its ``disk_id`` / URI.
        actor: Name recorded in the disk journal for changes.
        read_only: Keep only the tools that do not change the disk.
        include: Tool names (or ``fnmatch`` patterns) to keep.
        exclude: Tool names (or patterns) to drop.
        max_result_chars: Upper bound on every result string.
        timeout_seconds: Upper bound on the blocking work of one call (a whole call gets a little more).

    Example:
        >>> import asyncio
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import DiskWorkbench
        >>> disk = VirtualDisk(user="ana")
        >>> _ = disk.write_text("Documents/todo.md", "- call Sam")
        >>> wb = DiskWorkbench(disk)
        >>> res = asyncio.run(wb.call_tool("read_file", {"path": "~/Documents/todo.md"}))
        >>> res.is_error, "call Sam" in res.to_text()
        (False, True)
        >>> asyncio.run(wb.call_tool("read_file", {"path": "../../etc/passwd"})).is_error
        True
    """

    component_provider_override = "synthcomp_agents.tools.DiskWorkbench"
    component_config_schema = DiskWorkbenchConfig  # type: ignore[assignment]

    def __init__(
        self,
        disk: VirtualDisk | str,
        *,
        actor: str = "user",
        read_only: bool = False,
        include: Sequence[str] | None = None,
        exclude: Sequence[str] | None = None,
        max_result_chars: int = DEFAULT_MAX_RESULT_CHARS,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
    ) -> None:
        tools = disk_tools(
            disk,
            actor=actor,
            read_only=read_only,
            include=include,
            exclude=exclude,
            max_result_chars=max_result_chars,
            timeout_seconds=timeout_seconds,
        )
        super().__init__(tools=list(tools))
        self._disk_tools: dict[str, DiskTool[Any]] = {t.name: t for t in tools}
        self._config = DiskWorkbenchConfig(
            disk=disk if isinstance(disk, str) else disk_ref(disk),
            actor=actor,
            read_only=read_only,
            include=list(include) if include is not None else None,
            exclude=list(exclude) if exclude is not None else None,
            max_result_chars=max_result_chars,
            timeout_seconds=timeout_seconds,
        )

    @property
    def tool_names(self) -> list[str]:
        """Names of the tools this workbench offers."""
        return list(self._disk_tools)

    async def call_tool(
        self,
        name: str,
        arguments: Mapping[str, Any] | None = None,
        cancellation_token: CancellationToken | None = None,
        call_id: str | None = None,
    ) -> ToolResult:
        """Run one tool; always returns a :class:`ToolResult` (``is_error=True`` with a helpful message on failure)."""
        shown_name = name if isinstance(name, str) else repr(name)
        try:
            text = await self._call(name, arguments, cancellation_token, call_id)
            is_error = False
        except _NOT_CAUGHT:
            raise
        except BaseException as exc:
            text = self._error_text(shown_name, exc)
            is_error = True
        text = _clean(cap_text(text, self._config.max_result_chars, "narrow the request"))
        return ToolResult(name=shown_name[:200], result=[TextResultContent(content=text)], is_error=is_error)

    async def _call(
        self,
        name: Any,
        arguments: Any,
        cancellation_token: CancellationToken | None,
        call_id: str | None,
    ) -> str:
        tool = self._disk_tools.get(name) if isinstance(name, str) else None
        if tool is None:
            raise DiskToolError(f"Unknown tool {short_repr(name, 60)}. Available tools: {', '.join(self._disk_tools)}.")
        if arguments is None:
            arguments = {}
        if not isinstance(arguments, Mapping):
            raise DiskToolError(
                f"Arguments for {tool.name} must be a JSON object of named arguments, not "
                f"{type(arguments).__name__}. Expected arguments: {_shape(tool)}."
            )
        token = cancellation_token or CancellationToken()
        future = asyncio.ensure_future(tool.run_json(dict(arguments), token, call_id=call_id))
        token.link_future(future)
        # The tool bounds its own blocking work; this outer limit is a backstop (e.g. a slow disk lock).
        result = await asyncio.wait_for(future, timeout=self._config.timeout_seconds + 5.0)
        return tool.return_value_as_string(result)

    def _error_text(self, name: str, exc: BaseException) -> str:
        tool = self._disk_tools.get(name)
        if isinstance(exc, ValidationError):
            return format_validation_error(name, exc, tool.args_type() if tool is not None else None)
        if isinstance(exc, asyncio.TimeoutError):
            return (
                f"{name} took too long and was stopped. Try a narrower request (a sub-folder, a file pattern, a "
                "smaller part) or another file."
            )
        if hasattr(builtins, "BaseExceptionGroup") and isinstance(exc, builtins.BaseExceptionGroup):
            return "\n".join(self._error_text(name, sub) for sub in exc.exceptions[:5])
        if isinstance(exc, Exception) and _is_friendly(exc):
            message = str(exc).strip()
            if message:
                return message
        return unexpected_error_message(name, exc)

    async def save_state(self) -> Mapping[str, Any]:
        """The tools are stateless (the disk holds the state); nothing to save."""
        return {"type": "DiskWorkbenchState"}

    async def load_state(self, state: Mapping[str, Any]) -> None:
        """Nothing to load (see :meth:`save_state`)."""
        return None

    def _to_config(self) -> DiskWorkbenchConfig:  # type: ignore[override]
        return self._config.model_copy()

    @classmethod
    def _from_config(cls, config: DiskWorkbenchConfig) -> Self:  # type: ignore[override]
        return cls(
            config.disk,
            actor=config.actor,
            read_only=config.read_only,
            include=config.include,
            exclude=config.exclude,
            max_result_chars=config.max_result_chars,
            timeout_seconds=config.timeout_seconds,
        )


def _shape(tool: DiskTool[Any]) -> str:
    return expected_shape(tool.args_type())


def _is_friendly(exc: Exception) -> bool:
    """True for our own error families, whose messages are written for the model."""
    return isinstance(exc, (DiskError, OfficeError, DiskToolError))


def _clean(text: str) -> str:
    """Make a result safe for any model API: no NUL characters, no lone surrogates."""
    text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", errors="replace").decode("utf-8")
    return text


def disk_workbench(
    disk: VirtualDisk | str,
    *,
    actor: str = "user",
    read_only: bool = False,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    max_result_chars: int = DEFAULT_MAX_RESULT_CHARS,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
) -> DiskWorkbench:
    """Every filesystem and office tool over ``disk``, ready for ``AssistantAgent(workbench=...)``.

    Args:
        disk: The disk, or its ``disk_id`` / URI.
        actor: Name recorded in the disk journal for changes made through the tools.
        read_only: Keep only list_directory, tree, find_files, search_text, read_file and file_info.
        include: Tool names (or ``fnmatch`` patterns) to keep; ``None`` keeps all.
        exclude: Tool names (or patterns) to drop.
        max_result_chars: Upper bound on every result string (default 8,000).
        timeout_seconds: Upper bound on the blocking work of one call.

    Returns:
        The workbench.

    Example:
        >>> import asyncio
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.tools import disk_workbench
        >>> wb = disk_workbench(VirtualDisk(), read_only=True)
        >>> sorted(t["name"] for t in asyncio.run(wb.list_tools()))[:3]
        ['file_info', 'find_files', 'list_directory']
    """
    return DiskWorkbench(
        disk,
        actor=actor,
        read_only=read_only,
        include=include,
        exclude=exclude,
        max_result_chars=max_result_chars,
        timeout_seconds=timeout_seconds,
    )

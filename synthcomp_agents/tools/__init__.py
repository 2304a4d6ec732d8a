"""AutoGen tools over a :class:`~synthcomp_agents.disk.VirtualDisk`, and the :class:`DiskWorkbench` bundling them.

Every tool is a :class:`~autogen_core.tools.BaseTool` subclass and an AutoGen component whose config names the disk by
id or URI, so tools and the workbench round-trip through ``dump_component()`` / ``load_component()``.

Example:
    >>> import asyncio
    >>> from synthcomp_agents.disk import VirtualDisk
    >>> from synthcomp_agents.tools import disk_workbench
    >>> disk = VirtualDisk(user="ana")
    >>> _ = disk.write_text("Documents/plan.md", "# Plan\\nShip the Q3 review.")
    >>> wb = disk_workbench(disk)
    >>> result = asyncio.run(wb.call_tool("search_text", {"query": "Q3 review"}))
    >>> "plan.md" in result.to_text()
    True
"""

from ._base import (
    DEFAULT_MAX_RESULT_CHARS,
    DEFAULT_TIMEOUT_SECONDS,
    DiskTool,
    DiskToolConfig,
    DiskToolError,
    ToolArgs,
    fence_untrusted,
    strip_fences,
)
from ._fs_tools import (
    CopyArgs,
    CopyTool,
    DeleteArgs,
    DeleteTool,
    FindFilesArgs,
    FindFilesTool,
    ListDirectoryArgs,
    ListDirectoryTool,
    MakeFolderArgs,
    MakeFolderTool,
    MoveArgs,
    MoveTool,
    RestoreFromTrashArgs,
    RestoreFromTrashTool,
    TreeArgs,
    TreeTool,
    WriteTextFileArgs,
    WriteTextFileTool,
)
from ._office_tools import (
    CreateDocumentArgs,
    CreateDocumentTool,
    CreatePresentationArgs,
    CreatePresentationTool,
    CreateSpreadsheetArgs,
    CreateSpreadsheetTool,
    EditDocumentArgs,
    EditDocumentTool,
    EditPresentationArgs,
    EditPresentationTool,
    EditSpreadsheetArgs,
    EditSpreadsheetTool,
)
from ._read_tools import (
    FileInfoArgs,
    FileInfoTool,
    ReadFileArgs,
    ReadFileTool,
    SearchTextArgs,
    SearchTextTool,
)
from ._traits import (
    BROWSE_COST,
    DEFAULT_COST,
    EDIT_COST,
    FILE_OP_COST,
    READ_COST,
    SEARCH_COST,
    WRITE_COST,
    ToolCost,
    ToolKind,
    ToolTraits,
    register_tool_traits,
    registered_tool_names,
    tool_traits,
    unregister_tool_traits,
)
from ._workbench import ALL_TOOL_CLASSES, DiskWorkbench, DiskWorkbenchConfig, disk_tools, disk_workbench

__all__ = [
    "ALL_TOOL_CLASSES",
    "BROWSE_COST",
    "DEFAULT_COST",
    "DEFAULT_MAX_RESULT_CHARS",
    "DEFAULT_TIMEOUT_SECONDS",
    "EDIT_COST",
    "FILE_OP_COST",
    "READ_COST",
    "SEARCH_COST",
    "WRITE_COST",
    "CopyArgs",
    "CopyTool",
    "CreateDocumentArgs",
    "CreateDocumentTool",
    "CreatePresentationArgs",
    "CreatePresentationTool",
    "CreateSpreadsheetArgs",
    "CreateSpreadsheetTool",
    "DeleteArgs",
    "DeleteTool",
    "DiskTool",
    "DiskToolConfig",
    "DiskToolError",
    "DiskWorkbench",
    "DiskWorkbenchConfig",
    "EditDocumentArgs",
    "EditDocumentTool",
    "EditPresentationArgs",
    "EditPresentationTool",
    "EditSpreadsheetArgs",
    "EditSpreadsheetTool",
    "FileInfoArgs",
    "FileInfoTool",
    "FindFilesArgs",
    "FindFilesTool",
    "ListDirectoryArgs",
    "ListDirectoryTool",
    "MakeFolderArgs",
    "MakeFolderTool",
    "MoveArgs",
    "MoveTool",
    "ReadFileArgs",
    "ReadFileTool",
    "RestoreFromTrashArgs",
    "RestoreFromTrashTool",
    "SearchTextArgs",
    "SearchTextTool",
    "ToolArgs",
    "ToolCost",
    "ToolKind",
    "ToolTraits",
    "TreeArgs",
    "TreeTool",
    "WriteTextFileArgs",
    "WriteTextFileTool",
    "disk_tools",
    "disk_workbench",
    "fence_untrusted",
    "register_tool_traits",
    "registered_tool_names",
    "strip_fences",
    "tool_traits",
    "unregister_tool_traits",
]

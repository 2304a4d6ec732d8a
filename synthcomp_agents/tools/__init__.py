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

from ._base import DEFAULT_MAX_RESULT_CHARS as DEFAULT_MAX_RESULT_CHARS
from ._base import DEFAULT_TIMEOUT_SECONDS as DEFAULT_TIMEOUT_SECONDS
from ._base import DiskTool as DiskTool
from ._base import DiskToolConfig as DiskToolConfig
from ._base import DiskToolError as DiskToolError
from ._base import ToolArgs as ToolArgs
from ._base import fence_untrusted as fence_untrusted
from ._base import strip_fences as strip_fences
from ._fs_tools import CopyArgs as CopyArgs
from ._fs_tools import CopyTool as CopyTool
from ._fs_tools import DeleteArgs as DeleteArgs
from ._fs_tools import DeleteTool as DeleteTool
from ._fs_tools import FindFilesArgs as FindFilesArgs
from ._fs_tools import FindFilesTool as FindFilesTool
from ._fs_tools import ListDirectoryArgs as ListDirectoryArgs
from ._fs_tools import ListDirectoryTool as ListDirectoryTool
from ._fs_tools import MakeFolderArgs as MakeFolderArgs
from ._fs_tools import MakeFolderTool as MakeFolderTool
from ._fs_tools import MoveArgs as MoveArgs
from ._fs_tools import MoveTool as MoveTool
from ._fs_tools import RestoreFromTrashArgs as RestoreFromTrashArgs
from ._fs_tools import RestoreFromTrashTool as RestoreFromTrashTool
from ._fs_tools import TreeArgs as TreeArgs
from ._fs_tools import TreeTool as TreeTool
from ._fs_tools import WriteTextFileArgs as WriteTextFileArgs
from ._fs_tools import WriteTextFileTool as WriteTextFileTool
from ._office_tools import CreateDocumentArgs as CreateDocumentArgs
from ._office_tools import CreateDocumentTool as CreateDocumentTool
from ._office_tools import CreatePresentationArgs as CreatePresentationArgs
from ._office_tools import CreatePresentationTool as CreatePresentationTool
from ._office_tools import CreateSpreadsheetArgs as CreateSpreadsheetArgs
from ._office_tools import CreateSpreadsheetTool as CreateSpreadsheetTool
from ._office_tools import EditDocumentArgs as EditDocumentArgs
from ._office_tools import EditDocumentTool as EditDocumentTool
from ._office_tools import EditPresentationArgs as EditPresentationArgs
from ._office_tools import EditPresentationTool as EditPresentationTool
from ._office_tools import EditSpreadsheetArgs as EditSpreadsheetArgs
from ._office_tools import EditSpreadsheetTool as EditSpreadsheetTool
from ._read_tools import FileInfoArgs as FileInfoArgs
from ._read_tools import FileInfoTool as FileInfoTool
from ._read_tools import ReadFileArgs as ReadFileArgs
from ._read_tools import ReadFileTool as ReadFileTool
from ._read_tools import SearchTextArgs as SearchTextArgs
from ._read_tools import SearchTextTool as SearchTextTool
from ._traits import BROWSE_COST as BROWSE_COST
from ._traits import DEFAULT_COST as DEFAULT_COST
from ._traits import EDIT_COST as EDIT_COST
from ._traits import FILE_OP_COST as FILE_OP_COST
from ._traits import READ_COST as READ_COST
from ._traits import SEARCH_COST as SEARCH_COST
from ._traits import WRITE_COST as WRITE_COST
from ._traits import ToolCost as ToolCost
from ._traits import ToolKind as ToolKind
from ._traits import ToolTraits as ToolTraits
from ._traits import register_tool_traits as register_tool_traits
from ._traits import registered_tool_names as registered_tool_names
from ._traits import tool_traits as tool_traits
from ._traits import unregister_tool_traits as unregister_tool_traits
from ._workbench import ALL_TOOL_CLASSES as ALL_TOOL_CLASSES
from ._workbench import DiskWorkbench, disk_workbench
from ._workbench import DiskWorkbenchConfig as DiskWorkbenchConfig
from ._workbench import disk_tools as disk_tools

__all__ = [
    "DiskWorkbench",
    "disk_workbench",
]

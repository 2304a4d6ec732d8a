"""VirtualDisk: a sandboxed home folder with simulated-time metadata, journal, trash, quotas and archives.

Example:
    >>> from synthcomp_agents.disk import VirtualDisk
    >>> disk = VirtualDisk(user="ana", os="windows")
    >>> disk.write_text(r"C:\\Users\\ana\\Documents\\todo.txt", "ship Q3 report").path
    'Documents/todo.txt'
    >>> disk.delete("~/Documents/todo.txt").trash_id
    't0001'
    >>> disk.restore("t0001").display_path
    'C:\\\\Users\\\\ana\\\\Documents\\\\todo.txt'
"""

from ._atomic import atomic_path, atomic_write_bytes, atomic_write_text
from ._disk import DEFAULT_INSTANT, EXTERNAL_ACTOR, VirtualDisk
from ._errors import DiskError, DiskExistsError, DiskNotFoundError, DiskPathError, DiskQuotaError, DiskTypeError
from ._models import DiskDiff, DiskQuotas, FileInfo, JournalEntry, OSFlavor, TrashEntry
from ._paths import home_relative
from ._registry import get_disk

__all__ = [
    "DEFAULT_INSTANT",
    "EXTERNAL_ACTOR",
    "DiskDiff",
    "DiskError",
    "DiskExistsError",
    "DiskNotFoundError",
    "DiskPathError",
    "DiskQuotaError",
    "DiskQuotas",
    "DiskTypeError",
    "FileInfo",
    "JournalEntry",
    "OSFlavor",
    "TrashEntry",
    "VirtualDisk",
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "get_disk",
    "home_relative",
]

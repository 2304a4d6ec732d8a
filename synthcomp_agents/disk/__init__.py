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

from ._atomic import atomic_path as atomic_path
from ._atomic import atomic_write_bytes as atomic_write_bytes
from ._atomic import atomic_write_text as atomic_write_text
from ._disk import DEFAULT_INSTANT as DEFAULT_INSTANT
from ._disk import EXTERNAL_ACTOR as EXTERNAL_ACTOR
from ._disk import VirtualDisk
from ._errors import DiskError as DiskError
from ._errors import DiskExistsError as DiskExistsError
from ._errors import DiskNotFoundError as DiskNotFoundError
from ._errors import DiskPathError as DiskPathError
from ._errors import DiskQuotaError as DiskQuotaError
from ._errors import DiskTypeError as DiskTypeError
from ._lock import LOCK_FILE as LOCK_FILE
from ._lock import FolderLock as FolderLock
from ._lock import FolderLocked as FolderLocked
from ._lock import lock_holder as lock_holder
from ._models import DiskDiff as DiskDiff
from ._models import DiskQuotas as DiskQuotas
from ._models import FileInfo as FileInfo
from ._models import JournalEntry as JournalEntry
from ._models import OSFlavor as OSFlavor
from ._models import TrashEntry as TrashEntry
from ._paths import home_relative as home_relative
from ._payload import DescribedBytes as DescribedBytes
from ._payload import NoiseBytes as NoiseBytes
from ._payload import PayloadDescription as PayloadDescription
from ._payload import compose_bytes as compose_bytes
from ._payload import compose_frames as compose_frames
from ._payload import describe_bytes as describe_bytes
from ._payload import described_content as described_content
from ._payload import description_of as description_of
from ._payload import noise_bytes as noise_bytes
from ._payload import noise_file as noise_file
from ._payload import noise_frames as noise_frames
from ._registry import get_disk as get_disk

__all__ = [
    "VirtualDisk",
]

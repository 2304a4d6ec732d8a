"""Process-wide weak registry of live disks, and :func:`get_disk`."""

from __future__ import annotations

import os
import threading
import weakref
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from ._errors import DiskExistsError, DiskNotFoundError

if TYPE_CHECKING:
    from ._disk import VirtualDisk

__all__ = ["get_disk", "register", "unregister"]

_lock = threading.RLock()
_by_id: weakref.WeakValueDictionary[str, VirtualDisk] = weakref.WeakValueDictionary()
_by_root: weakref.WeakValueDictionary[str, VirtualDisk] = weakref.WeakValueDictionary()


def register(disk: VirtualDisk, root: str | None) -> None:
    """Register a new disk under its id (and its host root); refuse duplicates with a clear message."""
    with _lock:
        other = _by_id.get(disk.disk_id)
        if other is not None and other is not disk:
            raise DiskExistsError(
                f"a disk with id {disk.disk_id!r} is already open; pass another disk_id or use "
                f"get_disk({disk.disk_id!r}) to reach it"
            )
        if root is not None:
            holder = _by_root.get(root)
            if holder is not None and holder is not disk:
                raise DiskExistsError(
                    f"folder {root!r} is already open as disk {holder.disk_id!r} in this process; use "
                    f"get_disk({holder.uri!r}) or close that disk first"
                )
            _by_root[root] = disk
        _by_id[disk.disk_id] = disk


def unregister(disk: VirtualDisk, root: str | None) -> None:
    """Forget a closed disk."""
    with _lock:
        if _by_id.get(disk.disk_id) is disk:
            del _by_id[disk.disk_id]
        if root is not None and _by_root.get(root) is disk:
            del _by_root[root]


def _path_of(uri: str) -> str:
    parsed = urlparse(uri)
    return os.path.realpath(url2pathname(unquote(parsed.path)) if os.name == "nt" else unquote(parsed.path))


def get_disk(ref: str) -> VirtualDisk:
    """Return a live disk by id or uri, open a folder disk (``file:///abs/folder``) or load an archive.

    Args:
        ref: a ``disk_id``, ``memory://<disk_id>``, ``file:///abs/folder`` or ``archive:///abs/x.scdisk``.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk, get_disk
        >>> d = VirtualDisk(disk_id="demo-doc")
        >>> get_disk("memory://demo-doc") is d
        True
    """
    from ._disk import VirtualDisk

    with _lock:
        if ref in _by_id:
            return _by_id[ref]
        if ref.startswith("memory://") and ref[len("memory://") :] in _by_id:
            return _by_id[ref[len("memory://") :]]
        if ref.startswith("file://"):
            root = _path_of(ref)
            if root in _by_root:
                return _by_root[root]
            if not os.path.isdir(root):
                raise DiskNotFoundError(f"no folder at {root!r} for {ref!r}; pass the uri of an existing disk folder")
            return VirtualDisk.open(root)
        if ref.startswith("archive://"):
            return VirtualDisk.from_archive(_path_of(ref))
        live = ", ".join(sorted(_by_id.keys())[:20]) or "none"
        raise DiskNotFoundError(
            f"no live disk with id or uri {ref!r} (live disk ids: {live}); pass a disk_id, 'memory://<id>', "
            "'file:///abs/folder' or 'archive:///abs/file.scdisk'"
        )

"""VirtualDisk: a sandboxed home folder with simulated-time metadata, a journal, a trash and quotas.

Metadata (the index, journal and trash) lives here, identical for both backends; a storage only
holds bytes. The folder backend persists metadata under ``root/.synthcomp/``:

* ``journal.jsonl`` -- append-only, one line per journal entry, written as the change happens;
* ``wal.jsonl`` -- append-only redo log, one line per operation with the absolute new state of every
  node / trash item it touched (replaying it is idempotent);
* ``state.json`` -- a full snapshot (index, trash, counters) written atomically on :meth:`flush`,
  :meth:`close`, at open, and whenever the redo log holds ``max(1000, number of nodes)`` records
  (amortized O(1) per change); the redo log is emptied afterwards;
* ``trash/<trash_id>/item`` -- contents of deleted files and folders;
* ``described.json`` -- descriptions of contents that are seeded noise (see :mod:`._payload`), by sha256, so an
  archive written after reopening still stores them as descriptions.

Reopening replays ``state.json`` + ``wal.jsonl`` + ``journal.jsonl``, then rescans the folder: files
and folders added, changed or removed by other programs are indexed (journaled with actor
``"external"``); symbolic links, special files and names the disk would refuse are never indexed.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import difflib
import hashlib
import json
import os as _os
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import _registry
from ._archive import ArchiveReader, write_archive
from ._errors import DiskError, DiskExistsError, DiskNotFoundError, DiskPathError, DiskQuotaError, DiskTypeError
from ._glob import compile_glob
from ._index import Index, Node, name_of, parent_of
from ._models import (
    DiskDiff,
    DiskQuotas,
    FileInfo,
    JournalEntry,
    JournalOp,
    OSFlavor,
    TrashEntry,
    to_utc,
)
from ._paths import PathPolicy, name_problem, show
from ._payload import PayloadDescription, description_of
from ._storage import FRESH_TREE_SUPPORTED, FolderStorage, MemoryStorage, Storage, write_fresh_tree

__all__ = ["DEFAULT_INSTANT", "EXTERNAL_ACTOR", "VirtualDisk"]

DEFAULT_INSTANT = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
"""The default clock's fixed simulated instant (the disk never reads wall time)."""

EXTERNAL_ACTOR = "external"
"""Actor recorded for changes found on the host that another program made."""

SCHEMA_VERSION = 1
_META = ".synthcomp"
_STATE = f"{_META}/state.json"
_WAL = f"{_META}/wal.jsonl"
_JOURNAL = f"{_META}/journal.jsonl"
_TRASH = f"{_META}/trash"
_DESCRIBED = f"{_META}/described.json"
_TRASH_ID = re.compile(r"^t\d{4,}$")
_LIST_CAP = 20


def _fixed_clock() -> datetime:
    return DEFAULT_INSTANT


def _ns(when: datetime) -> int:
    delta = to_utc(when) - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1_000


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _rebase(path: str, old: str, new: str) -> str:
    return new + path[len(old) :]


def _dumps(data: Any) -> bytes:
    return (json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class _TrashItem:
    entry: TrashEntry
    nodes: dict[str, Node]  # path relative to the item ("" = the item itself) -> node

    def to_json(self) -> dict[str, Any]:
        data = self.entry.to_json()
        data["nodes"] = [self.nodes[rel].to_json(rel, with_signature=False) for rel in sorted(self.nodes)]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _TrashItem:
        nodes = dict(Node.from_json(n) for n in data["nodes"])
        return cls(TrashEntry.from_json(data), nodes)


class VirtualDisk:
    """A user's home folder: in memory by default, or backed by a real folder (same behaviour).

    Paths are accepted in the display form of the disk's OS, as ``~/...`` or home-relative; results
    use the canonical home-relative form. Every change is journaled with the simulated clock,
    deletions go to a restorable trash, and quotas bound what agents can write. One re-entrant lock
    per disk guards every operation, so tools may call it from parallel threads.

    Args:
        user: the user's login name (part of the home path).
        os: ``"linux"``, ``"macos"`` or ``"windows"``; decides the display form of paths.
        root: None for an in-memory disk, or a host folder (created when missing) for the folder backend.
        clock: returns the simulated time (naive values are UTC); default a fixed instant, never wall time.
        quotas: size and count limits.
        disk_id: id in the process-wide registry (default a fresh random id; not part of archives).
        default_actor: actor recorded when a call does not name one.

    Example:
        >>> disk = VirtualDisk(user="ana", os="macos")
        >>> info = disk.write_text("~/Documents/plan.md", "# Plan", actor="ana")
        >>> info.path, info.display_path
        ('Documents/plan.md', '/Users/ana/Documents/plan.md')
        >>> disk.read_text("/Users/ana/Documents/plan.md")
        '# Plan'
        >>> [e.op for e in disk.journal()]
        ['mkdir', 'write']
    """

    def __init__(
        self,
        *,
        user: str = "user",
        os: OSFlavor = "linux",
        root: str | _os.PathLike[str] | None = None,
        clock: Callable[[], datetime] | None = None,
        quotas: DiskQuotas | None = None,
        disk_id: str | None = None,
        default_actor: str = "user",
    ) -> None:
        self._lock = threading.RLock()
        self._quotas = quotas if quotas is not None else DiskQuotas()
        self._paths = PathPolicy(user, os, self._quotas)
        self._clock: Callable[[], datetime] = _fixed_clock
        if clock is not None:
            self.clock = clock
        self.default_actor = self._check_actor(default_actor)
        self._disk_id = disk_id if disk_id is not None else uuid.uuid4().hex[:12]
        if not isinstance(self._disk_id, str) or not self._disk_id:
            raise DiskError(f"disk_id must be a non-empty string, got {show(disk_id)}")
        now = self._now()
        self._index = Index(Node(True, 0, now, now, None, None))
        self._journal: builtins.list[JournalEntry] = []
        self._pending: builtins.list[JournalEntry] = []
        self._trash: dict[str, _TrashItem] = {}
        self._trash_dirty: set[str] = set()
        self._trash_bytes = 0
        self._next_trash = 1
        self._wal_records = 0
        self._closed = False
        self._journal_torn = False
        self._described: dict[str, PayloadDescription] = {}
        self._root: str | None = None
        self._storage: Storage
        if root is None:
            self._storage = MemoryStorage()
        else:
            folder = FolderStorage(root, describe=self._describe_key)
            self._storage = folder
            self._root = folder.root
        try:
            _registry.register(self, self._root)
        except BaseException:
            self._storage.close()
            raise
        if self._root is not None:
            try:
                self._open_folder()
            except BaseException:
                self._closed = True
                _registry.unregister(self, self._root)
                self._storage.close()
                raise

    # -- identity and settings ----------------------------------------------------------------------

    @property
    def disk_id(self) -> str:
        """Id in the process-wide registry (see :func:`get_disk`)."""
        return self._disk_id

    @property
    def uri(self) -> str:
        """``memory://<disk_id>`` or ``file:///abs/root``."""
        if self._root is None:
            return f"memory://{self._disk_id}"
        return Path(self._root).as_uri()

    @property
    def root(self) -> Path | None:
        """The host folder of the folder backend, None in memory."""
        return None if self._root is None else Path(self._root)

    @property
    def user(self) -> str:
        """The user's login name."""
        return self._paths.user

    @property
    def os(self) -> OSFlavor:
        """The OS flavor that decides display paths."""
        return self._paths.os

    @property
    def home(self) -> str:
        """Display form of the home folder, e.g. ``/Users/ana`` or ``C:\\Users\\ana``."""
        return self._paths.home

    @property
    def quotas(self) -> DiskQuotas:
        """The disk's limits."""
        return self._quotas

    @property
    def clock(self) -> Callable[[], datetime]:
        """The simulated clock (settable: the simulation swaps in its own)."""
        return self._clock

    @clock.setter
    def clock(self, value: Callable[[], datetime]) -> None:
        if not callable(value):
            raise DiskError(f"clock must be a callable returning a datetime, got {show(value)}")
        with self._lock:
            self._clock = value

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return self._closed

    def __repr__(self) -> str:
        return f"VirtualDisk(user={self.user!r}, os={self.os!r}, uri={self.uri!r})"

    def __enter__(self) -> VirtualDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- paths ------------------------------------------------------------------------------------------

    def resolve(self, path: str) -> str:
        """Return the canonical home-relative form of any accepted path form (no existence check)."""
        return self._paths.resolve(path)

    def display(self, path: str) -> str:
        """Return the OS display form of a path (any accepted form)."""
        return self._paths.display(self._paths.resolve(path))

    # -- queries ----------------------------------------------------------------------------------------

    def exists(self, path: str) -> bool:
        """True if a file or folder exists at ``path``."""
        with self._lock:
            self._check_open()
            return self._index.get(self.resolve(path)) is not None

    def is_file(self, path: str) -> bool:
        """True if a file exists at ``path``."""
        with self._lock:
            self._check_open()
            node = self._index.get(self.resolve(path))
            return node is not None and not node.is_dir

    def is_dir(self, path: str) -> bool:
        """True if a folder exists at ``path`` (the home included)."""
        with self._lock:
            self._check_open()
            node = self._index.get(self.resolve(path))
            return node is not None and node.is_dir

    def stat(self, path: str) -> FileInfo:
        """Return the metadata of a file or folder."""
        with self._lock:
            self._check_open()
            canonical, node = self._require(path)
            return self._info(canonical, node)

    def list(self, path: str = "") -> builtins.list[FileInfo]:
        """Return the children of a folder: folders first, then files, each sorted by name."""
        with self._lock:
            self._check_open()
            canonical, node = self._require(path)
            if not node.is_dir:
                raise DiskTypeError(
                    f"'{self._disp(canonical)}' is a file, not a folder; list its folder "
                    f"'{self._disp(parent_of(canonical))}' or read the file instead"
                )
            return [self._info(p, self._index.nodes[p]) for p in self._index.sorted_children(canonical)]

    def walk(self, path: str = "") -> Iterator[FileInfo]:
        """Yield every folder and file below ``path``, depth first, folders before files at each level."""
        with self._lock:
            self._check_open()
            canonical, node = self._require(path)
            if not node.is_dir:
                raise DiskTypeError(f"'{self._disp(canonical)}' is a file, not a folder; walk a folder instead")
            items = [self._info(p, self._index.nodes[p]) for p in self._index.walk(canonical)]
        return iter(items)

    def glob(self, pattern: str) -> builtins.list[str]:
        """Return canonical paths (files and folders) matching a home-relative pattern, sorted.

        ``*``, ``?`` and ``[...]`` match within one name (hidden names included); a ``**`` segment
        matches any number of folders.
        """
        regex = compile_glob(self._paths.split(pattern))
        with self._lock:
            self._check_open()
            return sorted(p for p in self._index.nodes if p and regex.fullmatch(p))

    def read_bytes(self, path: str) -> bytes:
        """Return the content of a file."""
        with self._lock:
            self._check_open()
            canonical, node = self._require(path)
            if node.is_dir:
                raise DiskTypeError(
                    f"'{self._disp(canonical)}' is a folder, not a file; list it to see its files and read one of them"
                )
            return self._storage.read(canonical)

    def read_text(self, path: str, encoding: str = "utf-8") -> str:
        """Return the content of a text file; :class:`DiskError` when it does not decode."""
        data = self.read_bytes(path)
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DiskError(
                f"'{self.display(path)}' is not {encoding} text ({exc}); it may be a binary file such as .docx "
                "or .xlsx: read it with read_bytes or an office reader instead"
            ) from None

    def journal(self, since_seq: int = 0) -> builtins.list[JournalEntry]:
        """Return the journal entries with ``seq > since_seq``, oldest first."""
        with self._lock:
            return self._journal[max(0, since_seq) :]

    def usage(self) -> tuple[int, int, int]:
        """Return ``(files, folders, bytes)`` of the live tree (the home folder and the trash excluded)."""
        with self._lock:
            return (self._index.files, self._index.dirs, self._index.bytes)

    @property
    def trash_bytes(self) -> int:
        """Bytes held by the trash (they count against ``quotas.max_total_bytes``)."""
        with self._lock:
            return self._trash_bytes

    def snapshot(self) -> dict[str, str]:
        """Return ``{file path: sha256}`` for every live file, sorted by path."""
        with self._lock:
            return {p: n.sha256 or "" for p, n in sorted(self._index.nodes.items()) if not n.is_dir}

    def diff(self, other: VirtualDisk | dict[str, str]) -> DiskDiff:
        """Compare this disk to an earlier state (another disk or a :meth:`snapshot`)."""
        before = other.snapshot() if isinstance(other, VirtualDisk) else dict(other)
        return DiskDiff.between(before, self.snapshot())

    def metadata_state(self) -> dict[str, Any]:
        """The disk's metadata as JSON-ready data (nodes, trash, counters; the archive manifest without contents).

        Checkpoints diff two of these to store only what changed.

        Example:
            >>> disk = VirtualDisk(user="ana")
            >>> _ = disk.write_text("a.md", "# A")
            >>> [n["path"] for n in disk.metadata_state()["nodes"] if not n["is_dir"]]
            ['a.md']
        """
        with self._lock:
            self._check_open()
            return self._export_state(with_signature=False)

    def read_trashed(self, trash_id: str, path: str = "") -> bytes:
        """The bytes of a trashed file: ``path`` relative to the trashed item ("" when the item is the file)."""
        with self._lock:
            self._check_open()
            if trash_id not in self._trash:
                raise DiskNotFoundError(f"no trash entry {trash_id!r}; see trash() for the entries")
            return self._storage.read(f"{_TRASH}/{trash_id}/item" + (f"/{path}" if path else ""))

    def trash(self) -> builtins.list[TrashEntry]:
        """Return the trash entries, oldest first."""
        with self._lock:
            return [item.entry for item in self._trash.values()]

    # -- changes ----------------------------------------------------------------------------------------

    def write_bytes(
        self,
        path: str,
        data: bytes,
        *,
        actor: str | None = None,
        overwrite: bool = True,
        created: datetime | None = None,
        modified: datetime | None = None,
        author: str | None = None,
    ) -> FileInfo:
        """Write a file atomically, creating parent folders.

        Overwriting keeps ``created`` (unless given); ``modified`` defaults to the clock, ``created`` of a
        new file to ``modified``, and ``author`` to the actor.
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise DiskTypeError(f"data must be bytes, got {type(data).__name__}; use write_text for text")
        payload = data if isinstance(data, bytes) else bytes(data)  # immutable: kept (a described file's MBs too)
        described = description_of(data)
        with self._lock:
            self._check_open()
            who = self._actor(actor)
            canonical = self._target(path)
            existing = self._index.get(canonical)
            if existing is not None:
                if existing.is_dir:
                    raise DiskTypeError(
                        f"'{self._disp(canonical)}' is a folder; write to a file inside it, e.g. "
                        f"'{self._disp(_join(canonical, 'name.txt'))}'"
                    )
                if not overwrite:
                    raise DiskExistsError(
                        f"'{self._disp(canonical)}' already exists; pass overwrite=True to replace it or choose "
                        f"another name such as '{self._disp(self._free_name(canonical))}'"
                    )
            self._check_parents(canonical)
            self._check_quota(
                canonical, new_bytes=len(payload) - (existing.size if existing else 0), new_files=existing is None
            )
            if len(payload) > self._quotas.max_file_bytes:
                raise DiskQuotaError(
                    f"cannot write '{self._disp(canonical)}': {len(payload)} bytes exceeds the per-file limit of "
                    f"{self._quotas.max_file_bytes} bytes; write a smaller file or split the content"
                )
            now = self._now()
            mod = self._when(modified, "modified") or now
            cre = self._when(created, "created") or (existing.created if existing is not None else mod)
            sha = hashlib.sha256(payload).hexdigest()
            if (
                described is not None
                and described.size == len(payload)
                and described.sha256 in ("", sha)
                and sha not in self._described
            ):
                self._described[sha] = dataclasses.replace(described, sha256=sha)
                self._save_described()
            try:
                self._make_parents(canonical, who, now)
                signature = self._storage.write(canonical, payload, _ns(mod))
                node = Node(False, len(payload), cre, mod, author if author is not None else who, sha, signature)
                self._index.put(canonical, node)
                if existing is None:
                    self._touch_parent(canonical, now)
                self._log("write", canonical, who, now, size=len(payload), sha256=sha)
            finally:
                self._commit()
            return self._info(canonical, node)

    def write_text(
        self,
        path: str,
        text: str,
        *,
        encoding: str = "utf-8",
        actor: str | None = None,
        overwrite: bool = True,
        created: datetime | None = None,
        modified: datetime | None = None,
        author: str | None = None,
    ) -> FileInfo:
        """Write a text file (see :meth:`write_bytes`)."""
        if not isinstance(text, str):
            raise DiskTypeError(f"text must be a str, got {type(text).__name__}; use write_bytes for bytes")
        try:
            data = text.encode(encoding)
        except (UnicodeEncodeError, LookupError) as exc:
            raise DiskError(f"cannot encode the text as {encoding} ({exc}); use encoding='utf-8'") from None
        return self.write_bytes(
            path, data, actor=actor, overwrite=overwrite, created=created, modified=modified, author=author
        )

    def mkdir(
        self, path: str, *, exist_ok: bool = True, actor: str | None = None, created: datetime | None = None
    ) -> FileInfo:
        """Create a folder and its missing parents."""
        with self._lock:
            self._check_open()
            who = self._actor(actor)
            canonical = self.resolve(path)
            existing = self._index.get(canonical)
            if existing is not None:
                if existing.is_dir and exist_ok:
                    return self._info(canonical, existing)
                kind = "folder" if existing.is_dir else "file"
                raise DiskExistsError(
                    f"a {kind} already exists at '{self._disp(canonical)}'; choose another name such as "
                    f"'{self._disp(self._free_name(canonical))}'"
                    + (" or pass exist_ok=True" if existing.is_dir else "")
                )
            self._check_parents(canonical)
            now = self._now()
            when = self._when(created, "created") or now
            try:
                self._make_parents(canonical, who, now)
                self._storage.mkdir(canonical)
                node = Node(True, 0, when, when, who, None)
                self._index.put(canonical, node)
                self._touch_parent(canonical, now)
                self._log("mkdir", canonical, who, now)
            finally:
                self._commit()
            return self._info(canonical, node)

    def move(self, src: str, dst: str, *, overwrite: bool = False, actor: str | None = None) -> FileInfo:
        """Move or rename a file or folder; into ``dst`` when ``dst`` is an existing folder.

        An existing file at the destination is replaced only with ``overwrite=True``; folders are never
        merged or replaced. Parents of the destination are created.
        """
        with self._lock:
            self._check_open()
            who = self._actor(actor)
            source, node, target = self._transfer_plan(src, dst, overwrite, "move")
            if target == source:
                return self._info(source, node)
            if node.is_dir and target.startswith(source + "/"):
                raise DiskPathError(
                    f"cannot move folder '{self._disp(source)}' into itself ('{self._disp(target)}'); choose a "
                    "destination outside it"
                )
            now = self._now()
            try:
                self._make_parents(target, who, now)
                replaced = self._index.get(target)
                if replaced is not None:
                    self._index.drop(target)
                self._storage.move(source, target, node.is_dir)
                removed = self._index.drop(source)
                for path, moved in removed:
                    self._index.put(_rebase(path, source, target), moved)
                self._touch_parent(source, now)
                self._touch_parent(target, now)
                size = node.size if not node.is_dir else sum(n.size for _, n in removed if not n.is_dir)
                self._log("move", source, who, now, dest=target, size=size, sha256=node.sha256)
            finally:
                self._commit()
            return self._info(target, node)

    def copy(self, src: str, dst: str, *, overwrite: bool = False, actor: str | None = None) -> FileInfo:
        """Copy a file or a folder (recursively); into ``dst`` when ``dst`` is an existing folder.

        Copies keep ``modified`` and ``author`` of the source; ``created`` is the clock time.
        """
        with self._lock:
            self._check_open()
            who = self._actor(actor)
            source, node, target = self._transfer_plan(src, dst, overwrite, "copy")
            if target == source:
                raise DiskExistsError(
                    f"cannot copy '{self._disp(source)}' onto itself; choose another name such as "
                    f"'{self._disp(self._free_name(source))}'"
                )
            if node.is_dir and target.startswith(source + "/"):
                raise DiskPathError(
                    f"cannot copy folder '{self._disp(source)}' into itself; choose a destination outside it"
                )
            paths = self._index.subtree(source)
            files, size = self._index.totals(source)
            replaced = self._index.get(target)
            self._check_quota(
                target,
                new_bytes=size - (replaced.size if replaced else 0),
                new_files=files - (1 if replaced else 0) > 0,
                count=files - (1 if replaced else 0),
            )
            now = self._now()
            try:
                self._make_parents(target, who, now)
                if replaced is not None:
                    self._index.drop(target)
                for path in paths:
                    original = self._index.nodes[path]
                    new_path = _rebase(path, source, target)
                    clone = original.clone()
                    clone.created = now
                    if original.is_dir:
                        self._storage.mkdir(new_path)
                        clone.modified = now
                    else:
                        clone.signature = self._storage.write(
                            new_path, self._storage.read(path), _ns(original.modified)
                        )
                    self._index.put(new_path, clone)
                self._touch_parent(target, now)
                self._log("copy", source, who, now, dest=target, size=size, sha256=node.sha256)
            finally:
                self._commit()
            return self._info(target, self._index.nodes[target])

    def delete(self, path: str, *, actor: str | None = None) -> TrashEntry:
        """Move a file or folder into the trash (restorable); the home itself cannot be deleted."""
        with self._lock:
            self._check_open()
            who = self._actor(actor)
            canonical, node = self._require(path)
            if canonical == "":
                raise DiskPathError(
                    f"the home folder '{self.home}' cannot be deleted; delete the files and folders inside it instead"
                )
            now = self._now()
            trash_id = f"t{self._next_trash:04d}"
            _, size = self._index.totals(canonical)
            try:
                self._storage.makedirs(f"{_TRASH}/{trash_id}")
                self._storage.move(canonical, f"{_TRASH}/{trash_id}/item", node.is_dir)
                self._next_trash += 1
                removed = self._index.drop(canonical)
                nodes = {p[len(canonical) + 1 :] if p != canonical else "": n for p, n in removed}
                entry = TrashEntry(trash_id, canonical, now, who, node.is_dir, size)
                self._trash[trash_id] = _TrashItem(entry, nodes)
                self._trash_dirty.add(trash_id)
                self._trash_bytes += size
                self._touch_parent(canonical, now)
                self._log("delete", canonical, who, now, size=size, sha256=node.sha256)
            finally:
                self._commit()
            return entry

    def restore(self, item: str, *, dest: str | None = None, actor: str | None = None) -> FileInfo:
        """Restore a trash item (by ``trash_id``, or the newest item deleted from an original path).

        Without ``dest`` the item goes back to its original path; ``dest`` names another path (or an
        existing folder to restore into). Missing parent folders are recreated.
        """
        with self._lock:
            self._check_open()
            who = self._actor(actor)
            trash_item = self._find_trash(item)
            entry = trash_item.entry
            if dest is None:
                target = entry.original_path
            else:
                target = self.resolve(dest)
                holder = self._index.get(target)
                if holder is not None and holder.is_dir:
                    target = _join(target, name_of(entry.original_path))
            if self._index.get(target) is not None:
                raise DiskExistsError(
                    f"cannot restore {entry.trash_id} to '{self._disp(target)}': something already exists there. "
                    f"Pass dest='{self._disp(self._free_name(target))}' to restore it under another name, or move "
                    "the existing item away first"
                )
            self._check_parents(target)
            self._check_lengths(target, [_join(target, rel) if rel else target for rel in trash_item.nodes])
            files = sum(1 for n in trash_item.nodes.values() if not n.is_dir)
            self._check_quota(target, new_bytes=0, new_files=files > 0, count=files)
            now = self._now()
            try:
                self._make_parents(target, who, now)
                self._storage.move(f"{_TRASH}/{entry.trash_id}/item", target, entry.is_dir)
                self._storage.remove(f"{_TRASH}/{entry.trash_id}", True)
                for rel in sorted(trash_item.nodes):
                    self._index.put(_join(target, rel) if rel else target, trash_item.nodes[rel])
                del self._trash[entry.trash_id]
                self._trash_dirty.add(entry.trash_id)
                self._trash_bytes -= entry.size
                self._touch_parent(target, now)
                top = trash_item.nodes[""]
                self._log("restore", entry.original_path, who, now, dest=target, size=entry.size, sha256=top.sha256)
            finally:
                self._commit()
            return self._info(target, self._index.nodes[target])

    def empty_trash(self) -> int:
        """Delete every trash item for good; return how many items were removed (not journaled)."""
        with self._lock:
            self._check_open()
            count = len(self._trash)
            try:
                for trash_id in builtins.list(self._trash):
                    self._storage.remove(f"{_TRASH}/{trash_id}", True)
                    self._trash_bytes -= self._trash[trash_id].entry.size
                    del self._trash[trash_id]
                    self._trash_dirty.add(trash_id)
            finally:
                self._commit()
            return count

    def set_times(self, path: str, *, created: datetime | None = None, modified: datetime | None = None) -> None:
        """Set simulated times of a file or folder (for generators; not journaled)."""
        with self._lock:
            self._check_open()
            canonical, node = self._require(path)
            cre = self._when(created, "created")
            mod = self._when(modified, "modified")
            try:
                if cre is not None:
                    node.created = cre
                if mod is not None:
                    node.modified = mod
                    if not node.is_dir and canonical:
                        node.signature = self._storage.set_mtime(canonical, _ns(mod))
                self._index.touch(canonical)
            finally:
                self._commit()

    def set_author(self, path: str, author: str | None) -> None:
        """Set the author of a file or folder (not journaled)."""
        if author is not None and not isinstance(author, str):
            raise DiskTypeError(f"author must be a string or None, got {type(author).__name__}")
        with self._lock:
            self._check_open()
            canonical, node = self._require(path)
            try:
                node.author = author
                self._index.touch(canonical)
            finally:
                self._commit()

    def rescan(self) -> DiskDiff:
        """Index changes other programs made in the root folder (folder backend; no-op in memory).

        Runs automatically when a folder disk is opened. Changes are journaled with actor ``"external"``.
        Returns what changed in the live files.
        """
        with self._lock:
            self._check_open()
            before = self.snapshot()
            try:
                self._reconcile()
            finally:
                self._commit()
            return self.diff(before)

    # -- archive, materialize, persistence -------------------------------------------------------------

    def to_archive(self, path: str | _os.PathLike[str]) -> None:
        """Write the whole disk (content, metadata, journal, trash) to one deterministic zip file."""
        with self._lock:
            self._check_open()
            entries: dict[str, bytes | None] = {}
            described: dict[str, dict[str, Any]] = {}

            def add(key: str, node: Node, storage_key: str) -> None:
                desc = self._described.get(node.sha256 or "") if not node.is_dir else None
                if desc is not None and desc.size == node.size:
                    described[desc.sha256] = desc.to_json()  # rebuilt on load: no bytes without information
                    entries[key] = b""  # an empty member keeps the entry for readers that look entries up by name
                else:
                    entries[key] = None if node.is_dir else self._storage.read(storage_key)

            for p, node in self._index.nodes.items():
                if p:
                    add("home/" + p, node, p)
            for trash_id, item in self._trash.items():
                for rel, node in item.nodes.items():
                    key = f"trash/{trash_id}/item" + (f"/{rel}" if rel else "")
                    add(key, node, f"{_TRASH}/{trash_id}/item" + (f"/{rel}" if rel else ""))
            manifest = self._export_state(with_signature=False)
            manifest["journal"] = [e.to_json() for e in self._journal]
            if described:
                manifest["described"] = {sha: described[sha] for sha in sorted(described)}
            write_archive(path, manifest, entries)

    @classmethod
    def from_archive(
        cls,
        path: str | _os.PathLike[str],
        *,
        root: str | _os.PathLike[str] | None = None,
        clock: Callable[[], datetime] | None = None,
        disk_id: str | None = None,
    ) -> VirtualDisk:
        """Load a disk written by :meth:`to_archive` (into memory, or into an empty folder ``root``)."""
        if root is not None and Path(root).exists() and any(Path(root).iterdir()):
            raise DiskExistsError(
                f"folder {_os.fspath(root)!r} is not empty; load the archive into a new or empty folder"
            )
        with ArchiveReader(path, max_entry_bytes=2**62) as reader:
            manifest = reader.manifest
            try:
                quotas = DiskQuotas.from_json(manifest["quotas"])
                disk = cls(
                    user=manifest["user"],
                    os=manifest["os"],
                    root=root,
                    clock=clock,
                    quotas=quotas,
                    disk_id=disk_id,
                    default_actor=manifest["default_actor"],
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise DiskError(f"archive {_os.fspath(path)!r} has a damaged manifest ({exc!r})") from None
            reader.max_entry_bytes = quotas.max_file_bytes
            try:
                disk._load_archive(reader)
            except BaseException:
                disk.close()
                raise
        return disk

    @classmethod
    def open(
        cls,
        root: str | _os.PathLike[str],
        *,
        clock: Callable[[], datetime] | None = None,
        quotas: DiskQuotas | None = None,
        disk_id: str | None = None,
    ) -> VirtualDisk:
        """Reopen a folder disk with the user, OS, actor (and quotas) it was created with."""
        probe = FolderStorage(root)
        raw = probe.read_meta(_STATE)
        kwargs: dict[str, Any] = {}
        if raw:
            try:
                state = json.loads(raw.decode("utf-8"))
                kwargs = {"user": state["user"], "os": state["os"], "default_actor": state["default_actor"]}
                if quotas is None:
                    quotas = DiskQuotas.from_json(state["quotas"])
            except (ValueError, KeyError, TypeError) as exc:
                raise DiskError(f"{_STATE} in {probe.root!r} is damaged ({exc!r}); move it away to reindex") from None
        return cls(root=root, clock=clock, quotas=quotas, disk_id=disk_id, **kwargs)

    def materialize(self, folder: str | _os.PathLike[str]) -> Path:
        """Write the home's contents as real files under ``folder`` (new or empty); mtimes = ``modified``."""
        target = Path(folder)
        if target.is_symlink():
            raise DiskPathError(f"{_os.fspath(folder)!r} is a symbolic link; pass a real folder")
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise DiskExistsError(
                f"{_os.fspath(folder)!r} exists and is not an empty folder; materialize into a new or empty folder"
            )
        out = FolderStorage(target)
        with self._lock:
            self._check_open()
            if FRESH_TREE_SUPPORTED:  # the folder is new or empty: create everything relative to open folders
                nodes, read = self._index.nodes, self._storage.read
                write_fresh_tree(
                    out.root,
                    ((p, None if nodes[p].is_dir else read(p), _ns(nodes[p].modified)) for p in self._index.walk("")),
                )
                home_ns = _ns(nodes[""].modified)
                _os.utime(out.root, ns=(home_ns, home_ns))
                return Path(out.root)
            folders: builtins.list[tuple[str, Node]] = []
            for p in self._index.walk(""):
                node = self._index.nodes[p]
                if node.is_dir:
                    out.mkdir(p)
                    folders.append((p, node))
                else:
                    out.write(p, self._storage.read(p), _ns(node.modified))
            for p, node in reversed(folders):
                out.set_mtime(p, _ns(node.modified))
            home_ns = _ns(self._index.nodes[""].modified)
            _os.utime(out.root, ns=(home_ns, home_ns))
        return Path(out.root)

    def flush(self) -> None:
        """Folder backend: write the metadata snapshot now and empty the redo log (no-op in memory)."""
        with self._lock:
            if self._closed or not self._storage.persistent:
                return
            state = self._export_state(with_signature=True)
            state["journal_len"] = len(self._journal)
            self._storage.write_meta(_STATE, _dumps(state))
            self._storage.truncate_meta(_WAL)
            self._wal_records = 0

    def close(self) -> None:
        """Flush metadata (folder backend), release the host folder and unregister; idempotent."""
        with self._lock:
            if self._closed:
                return
            try:
                self.flush()
            finally:
                self._closed = True
                self._storage.close()
                _registry.unregister(self, self._root)

    # -- internals: validation and messages -----------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            where = f"VirtualDisk.open({self._root!r})" if self._root else "from_archive or a new VirtualDisk"
            raise DiskError(f"disk {self._disk_id!r} is closed; reopen it with {where}")

    def _check_actor(self, actor: object) -> str:
        if not isinstance(actor, str) or not actor:
            raise DiskError(f"actor must be a non-empty string, got {show(actor)}")
        return actor

    def _actor(self, actor: str | None) -> str:
        return self.default_actor if actor is None else self._check_actor(actor)

    def _now(self) -> datetime:
        value = self._clock()
        if not isinstance(value, datetime):
            raise DiskError(f"the disk clock returned {show(value)}, not a datetime; fix the clock callable")
        return to_utc(value)

    def _when(self, value: datetime | None, name: str) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise DiskTypeError(f"{name} must be a datetime or None, got {show(value)}")
        return to_utc(value)

    def _disp(self, canonical: str) -> str:
        return self._paths.display(canonical)

    def _describe_key(self, key: str) -> str:
        if key.startswith(_META):
            return f"trash item {key.split('/')[2]}" if key.startswith(_TRASH + "/") else "disk metadata"
        return self._disp(key)

    def _info(self, path: str, node: Node) -> FileInfo:
        return FileInfo(
            path=path,
            display_path=self._disp(path),
            name=name_of(path) if path else "",
            is_dir=node.is_dir,
            size=node.size,
            created=node.created,
            modified=node.modified,
            author=node.author,
            sha256=node.sha256,
        )

    def _target(self, path: str) -> str:
        canonical = self.resolve(path)
        if canonical == "":
            raise DiskTypeError(
                f"'{self.home}' is the home folder itself; name a file or folder inside it, e.g. "
                f"'{self._disp('Documents/file.txt')}'"
            )
        return canonical

    def _listing(self, folder: str) -> str:
        kids = self._index.sorted_children(folder)
        if not kids:
            return "nothing (it is empty)"
        names = [name_of(k) + ("/" if self._index.nodes[k].is_dir else "") for k in kids[:_LIST_CAP]]
        more = f", ... ({len(kids) - _LIST_CAP} more)" if len(kids) > _LIST_CAP else ""
        return ", ".join(names) + more

    def _not_found(self, canonical: str) -> DiskError:
        shown = self._disp(canonical)
        parent = parent_of(canonical)
        ancestor = parent
        while ancestor and self._index.get(ancestor) is None:
            ancestor = parent_of(ancestor)
        anc_node = self._index.nodes[ancestor]
        if not anc_node.is_dir:
            return DiskNotFoundError(
                f"No file or folder at '{shown}': '{self._disp(ancestor)}' is a file, not a folder. "
                "Use list_directory to see what exists."
            )
        hint = ""
        if ancestor == parent:
            siblings = builtins.list(self._index.children.get(parent, ()))
            name = name_of(canonical)
            same_case = [s for s in siblings if s.casefold() == name.casefold()]
            close = same_case or difflib.get_close_matches(name, siblings, n=3, cutoff=0.6)
            if close:
                hint = "Did you mean " + " or ".join(f"'{self._disp(_join(parent, c))}'" for c in sorted(close)) + "? "
            where = f"Parent folder '{self._disp(parent)}' contains: {self._listing(parent)}."
        else:
            where = (
                f"Folder '{self._disp(parent)}' does not exist either; the nearest existing folder "
                f"'{self._disp(ancestor)}' contains: {self._listing(ancestor)}."
            )
        return DiskNotFoundError(
            f"No file or folder at '{shown}'. {hint}{where} Use list_directory to see what exists."
        )

    def _require(self, path: str) -> tuple[str, Node]:
        canonical = self.resolve(path)
        node = self._index.get(canonical)
        if node is None:
            raise self._not_found(canonical)
        return canonical, node

    def _check_parents(self, canonical: str) -> None:
        parent = parent_of(canonical)
        while parent:
            node = self._index.get(parent)
            if node is not None:
                if not node.is_dir:
                    raise DiskTypeError(
                        f"'{self._disp(parent)}' is a file, so it cannot contain '{self._disp(canonical)}'; "
                        "choose a path inside a folder (use list_directory to see what exists)"
                    )
                return
            parent = parent_of(parent)

    def _check_lengths(self, target: str, paths: builtins.list[str]) -> None:
        limit = self._quotas.max_path_chars
        longest = max(paths, key=len, default=target)
        if len(longest) > limit:
            raise DiskPathError(
                f"'{self._disp(target)}' would create the path '{self._disp(longest)}' of {len(longest)} characters; "
                f"the limit is {limit}. Choose a shorter destination."
            )

    def _check_quota(self, canonical: str, *, new_bytes: int, new_files: bool, count: int = 1) -> None:
        q = self._quotas
        total = self._index.bytes + self._trash_bytes
        if new_bytes > 0 and total + new_bytes > q.max_total_bytes:
            raise DiskQuotaError(
                f"cannot write '{self._disp(canonical)}': the disk would hold {total + new_bytes} bytes (trash "
                f"included: {self._trash_bytes}); the limit is {q.max_total_bytes}. Delete files and empty the "
                "trash, or write less."
            )
        if new_files and self._index.files + count > q.max_files:
            raise DiskQuotaError(
                f"cannot create '{self._disp(canonical)}': the disk already holds {self._index.files} files and the "
                f"limit is {q.max_files}. Delete files or overwrite an existing one instead."
            )

    def _transfer_plan(self, src: str, dst: str, overwrite: bool, verb: str) -> tuple[str, Node, str]:
        source, node = self._require(src)
        if source == "":
            raise DiskPathError(
                f"the home folder '{self.home}' cannot be {verb}d; {verb} the files and folders inside it instead"
            )
        target = self.resolve(dst)
        holder = self._index.get(target)
        if holder is not None and holder.is_dir and target != source:
            target = _join(target, name_of(source))
            holder = self._index.get(target)
        if target == source:
            return source, node, target
        if target == "":
            raise DiskPathError(f"cannot {verb} onto the home folder; name a destination inside it")
        if holder is not None:
            if node.is_dir or holder.is_dir:
                raise DiskExistsError(
                    f"'{self._disp(target)}' already exists; folders are never merged or replaced. Choose another "
                    f"name such as '{self._disp(self._free_name(target))}' or delete the existing item first"
                )
            if not overwrite:
                raise DiskExistsError(
                    f"'{self._disp(target)}' already exists; pass overwrite=True to replace it or choose another "
                    f"name such as '{self._disp(self._free_name(target))}'"
                )
        self._check_parents(target)
        self._check_lengths(target, [_rebase(p, source, target) for p in self._index.subtree(source)])
        for segment in target.split("/"):
            problem = name_problem(segment, self._quotas)
            if problem:  # pragma: no cover - resolve() already validated every segment
                raise DiskPathError(f"invalid name {show(segment)}: it {problem}")
        return source, node, target

    def _free_name(self, canonical: str) -> str:
        parent, name = parent_of(canonical), name_of(canonical)
        stem, dot, ext = name.rpartition(".")
        if not stem:
            stem, dot, ext = name, "", ""
        for n in range(2, 10_000):
            candidate = _join(parent, f"{stem} ({n}){dot}{ext}")
            if self._index.get(candidate) is None:
                return candidate
        return _join(parent, f"{stem} ({uuid.uuid4().hex[:6]}){dot}{ext}")  # pragma: no cover

    def _find_trash(self, item: str) -> _TrashItem:
        if isinstance(item, str) and item in self._trash:
            return self._trash[item]
        canonical: str | None = None
        if isinstance(item, str) and not _TRASH_ID.match(item):
            with contextlib.suppress(DiskPathError):
                canonical = self.resolve(item)
        matches = [t for t in self._trash.values() if t.entry.original_path == canonical]
        if matches:
            return matches[-1]
        items = builtins.list(self._trash.values())
        listing = ", ".join(f"{t.entry.trash_id} ({self._disp(t.entry.original_path)})" for t in items[-_LIST_CAP:])
        return_hint = f"The trash holds: {listing}." if items else "The trash is empty."
        raise DiskNotFoundError(
            f"nothing in the trash with id or original path {show(item)}. {return_hint} Pass a trash_id from "
            "trash() or the original path of a deleted item."
        )

    # -- internals: changes -------------------------------------------------------------------------------

    def _make_parents(self, canonical: str, actor: str, now: datetime) -> None:
        missing: builtins.list[str] = []
        parent = parent_of(canonical)
        while parent and self._index.get(parent) is None:
            missing.append(parent)
            parent = parent_of(parent)
        for folder in reversed(missing):
            self._storage.mkdir(folder)
            self._index.put(folder, Node(True, 0, now, now, actor, None))
            self._touch_parent(folder, now)
            self._log("mkdir", folder, actor, now)

    def _touch_parent(self, canonical: str, now: datetime) -> None:
        parent = parent_of(canonical)
        node = self._index.nodes.get(parent)
        if node is not None and node.modified != now:
            node.modified = now
            self._index.touch(parent)

    def _log(
        self,
        op: JournalOp,
        path: str,
        actor: str,
        now: datetime,
        *,
        dest: str | None = None,
        size: int | None = None,
        sha256: str | None = None,
    ) -> None:
        entry = JournalEntry(len(self._journal) + 1, now, actor, op, path, dest, size, sha256)
        self._journal.append(entry)
        self._pending.append(entry)

    def _commit(self) -> None:
        """Persist what the current operation changed (one redo-log line + journal lines)."""
        dirty, self._index.dirty = self._index.dirty, set()
        trash_dirty, self._trash_dirty = self._trash_dirty, set()
        pending, self._pending = self._pending, []
        if not self._storage.persistent or not (dirty or trash_dirty or pending):
            return
        nodes = self._index.nodes
        record = {
            "set": [nodes[p].to_json(p, with_signature=True) for p in sorted(dirty) if p in nodes],
            "del": sorted(p for p in dirty if p not in nodes),
            "tset": [self._trash[t].to_json() for t in sorted(trash_dirty) if t in self._trash],
            "tdel": sorted(t for t in trash_dirty if t not in self._trash),
            "next_trash": self._next_trash,
        }
        self._storage.append_meta(_WAL, _dumps(record))
        if pending:
            self._storage.append_meta(_JOURNAL, b"".join(_dumps(e.to_json()) for e in pending))
        self._wal_records += 1
        if self._wal_records >= max(1000, len(nodes)):
            self.flush()

    # -- internals: state import/export -------------------------------------------------------------------

    def _export_state(self, *, with_signature: bool) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "user": self.user,
            "os": self.os,
            "default_actor": self.default_actor,
            "quotas": self._quotas.to_json(),
            "next_trash": self._next_trash,
            "nodes": [n.to_json(p, with_signature) for p, n in sorted(self._index.nodes.items())],
            "trash": [self._trash[t].to_json() for t in self._trash],
        }

    def _load_node(self, path: str, node: Node) -> None:
        if path == "":
            if node.is_dir:
                self._index.nodes[""] = node
            return
        if self.resolve(path) != path:
            raise DiskError(f"metadata names an invalid path {show(path)}")
        parent = self._index.get(parent_of(path))
        if parent is None or not parent.is_dir:
            raise DiskError(f"metadata lists {show(path)} before its folder")
        old = self._index.get(path)
        if old is not None and old.is_dir != node.is_dir:
            self._index.drop(path)
        self._index.put(path, node)

    def _load_trash(self, item: _TrashItem) -> None:
        self.resolve(item.entry.original_path)
        old = self._trash.pop(item.entry.trash_id, None)
        if old is not None:
            self._trash_bytes -= old.entry.size
        self._trash[item.entry.trash_id] = item
        self._trash_bytes += item.entry.size

    def _apply_state(self, state: dict[str, Any]) -> None:
        for raw in state["nodes"]:
            path, node = Node.from_json(raw)
            self._load_node(path, node)
        for raw in state["trash"]:
            self._load_trash(_TrashItem.from_json(raw))
        self._next_trash = int(state["next_trash"])

    def _apply_record(self, record: dict[str, Any]) -> None:
        for path in sorted(record["del"], key=lambda p: -p.count("/")):
            if path and self._index.get(path) is not None:
                self._index.drop(path)
        for raw in record["set"]:
            path, node = Node.from_json(raw)
            self._load_node(path, node)
        for raw in record["tset"]:
            self._load_trash(_TrashItem.from_json(raw))
        for trash_id in record["tdel"]:
            old = self._trash.pop(trash_id, None)
            if old is not None:
                self._trash_bytes -= old.entry.size
        self._next_trash = int(record["next_trash"])

    def _open_folder(self) -> None:
        storage = self._storage
        raw = storage.read_meta(_STATE)
        fresh = raw is None
        if raw is not None:
            try:
                state = json.loads(raw.decode("utf-8"))
                if state.get("schema_version") != SCHEMA_VERSION:
                    raise ValueError(f"schema_version {state.get('schema_version')!r}")
            except (ValueError, UnicodeDecodeError) as exc:
                raise DiskError(
                    f"{_STATE} in {self._root!r} is damaged ({exc}); move the .synthcomp folder away to reindex"
                ) from None
            if (state.get("user"), state.get("os")) != (self.user, self.os):
                raise DiskError(
                    f"folder {self._root!r} holds the disk of user {state.get('user')!r} on {state.get('os')!r}; pass "
                    f"user={state.get('user')!r}, os={state.get('os')!r} or use VirtualDisk.open(folder)"
                )
            try:
                self._apply_state(state)
            except (KeyError, TypeError, ValueError, DiskError) as exc:
                raise DiskError(
                    f"{_STATE} in {self._root!r} is damaged ({exc!r}); move the .synthcomp folder away to reindex"
                ) from None
        replayed = 0
        for line in (storage.read_meta(_WAL) or b"").splitlines():
            try:
                self._apply_record(json.loads(line))
                replayed += 1
            except (ValueError, KeyError, TypeError, DiskError):
                break  # a torn last line from a crash: everything before it is applied
        self._load_journal()
        self._load_described()
        self._index.dirty.clear()
        self._trash_dirty.clear()
        self._reconcile()
        self._pending.clear()  # journal lines of the rescan are written by the flush below
        changed = bool(self._index.dirty or self._trash_dirty)
        self._index.dirty.clear()
        self._trash_dirty.clear()
        if changed or self._journal_torn:
            self._rewrite_journal()
        if fresh or replayed or changed:
            self.flush()

    def _load_journal(self) -> None:
        entries: builtins.list[JournalEntry] = []
        raw = self._storage.read_meta(_JOURNAL) or b""
        for line in raw.splitlines():
            try:
                entry = JournalEntry.from_json(json.loads(line))
            except (ValueError, KeyError, TypeError):
                break
            if entry.seq != len(entries) + 1:
                break
            entries.append(entry)
        self._journal = entries
        self._journal_torn = len(entries) != raw.count(b"\n") or (bool(raw) and not raw.endswith(b"\n"))

    def _load_described(self) -> None:
        raw = self._storage.read_meta(_DESCRIBED)
        if not raw:
            return
        try:
            table = json.loads(raw.decode("utf-8"))
            self._described = {str(sha): PayloadDescription.from_json(d) for sha, d in table.items()}
        except (ValueError, AttributeError, DiskError):
            self._described = {}  # only a saving is lost: archives store those files in full

    def _save_described(self) -> None:
        if self._storage.persistent:
            table = {sha: self._described[sha].to_json() for sha in sorted(self._described)}
            self._storage.write_meta(_DESCRIBED, json.dumps(table, sort_keys=True).encode("utf-8"))

    def _rewrite_journal(self) -> None:
        self._storage.write_meta(_JOURNAL, b"".join(_dumps(e.to_json()) for e in self._journal))

    def _reconcile(self) -> None:
        """Bring the index in line with the host folder (other programs' changes)."""
        found = self._storage.scan()
        if found is None:
            return
        host = {e.key: e for e in found}
        clock_time: builtins.list[datetime] = []

        def now_() -> datetime:  # read the clock only when something changed (same clock use as memory)
            if not clock_time:
                clock_time.append(self._now())
            return clock_time[0]

        for path in builtins.list(self._index.walk("")):
            node = self._index.get(path)
            if node is None:
                continue  # already dropped with its folder
            entry = host.get(path)
            if entry is None or entry.is_dir != node.is_dir:
                _, size = self._index.totals(path)
                self._index.drop(path)
                self._touch_parent(path, now_())
                self._log("delete", path, EXTERNAL_ACTOR, now_(), size=size)
        for key in sorted(host):
            entry = host[key]
            node = self._index.get(key)
            if node is None and (
                len(key) > self._quotas.max_path_chars or any(name_problem(seg, self._quotas) for seg in key.split("/"))
            ):
                continue  # names the disk would refuse are never indexed
            parent = self._index.get(parent_of(key))
            if parent is None or not parent.is_dir:
                continue
            if node is None:
                if entry.is_dir:
                    self._index.put(key, Node(True, 0, now_(), now_(), None, None))
                    self._log("mkdir", key, EXTERNAL_ACTOR, now_())
                else:
                    try:
                        data = self._storage.read(key)
                    except DiskError:
                        continue
                    sha = hashlib.sha256(data).hexdigest()
                    self._index.put(key, Node(False, len(data), now_(), now_(), None, sha, entry.signature))
                    self._log("write", key, EXTERNAL_ACTOR, now_(), size=len(data), sha256=sha)
                self._touch_parent(key, now_())
            elif not node.is_dir and node.signature != entry.signature:
                try:
                    data = self._storage.read(key)
                except DiskError:
                    continue
                sha = hashlib.sha256(data).hexdigest()
                updated = node.clone()
                updated.signature = entry.signature
                if sha != node.sha256:
                    updated.sha256, updated.size, updated.modified = sha, len(data), now_()
                    self._log("write", key, EXTERNAL_ACTOR, now_(), size=len(data), sha256=sha)
                self._index.put(key, updated)

    def _load_archive(self, reader: ArchiveReader) -> None:
        manifest = reader.manifest
        if self._journal or self._index.children[""]:
            raise DiskExistsError("the target folder already holds a disk; load the archive into an empty folder")
        try:
            nodes = [Node.from_json(raw) for raw in manifest["nodes"]]
            trash = [_TrashItem.from_json(raw) for raw in manifest["trash"]]
            journal = [JournalEntry.from_json(raw) for raw in manifest["journal"]]
            next_trash = int(manifest["next_trash"])
            described = {str(sha): PayloadDescription.from_json(d) for sha, d in manifest.get("described", {}).items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DiskError(f"archive {reader.path!r} has a damaged manifest ({exc!r})") from None

        def content(name: str, node: Node) -> bytes:
            desc = described.get(node.sha256 or "")
            if desc is None or desc.size != node.size or reader.entry_size(name) not in (None, 0):
                return reader.read(name)
            if desc.size > reader.max_entry_bytes:
                raise DiskQuotaError(
                    f"archive entry {name!r} is {desc.size} bytes; the limit is {reader.max_entry_bytes}"
                )
            self._described[desc.sha256] = desc
            return desc.build()

        try:
            for path, _ in nodes:
                if self.resolve(path) != path:
                    raise DiskPathError(f"{show(path)} is not a canonical path")
            for path, node in sorted(nodes, key=lambda pn: pn[0]):
                if path and not node.is_dir:
                    data = content("home/" + path, node)
                    if hashlib.sha256(data).hexdigest() != node.sha256 or len(data) != node.size:
                        raise DiskError(f"archive entry for {show(path)} does not match its checksum")
                    node.signature = self._storage.write(path, data, _ns(node.modified))
                elif path:
                    self._storage.mkdir(path)
                self._load_node(path, node)
            for item in trash:
                if not _TRASH_ID.match(item.entry.trash_id) or "" not in item.nodes:
                    raise DiskError(f"archive trash item {show(item.entry.trash_id)} is damaged")
                base = f"{_TRASH}/{item.entry.trash_id}/item"
                self._storage.makedirs(f"{_TRASH}/{item.entry.trash_id}")
                for rel in sorted(item.nodes):
                    if rel and self.resolve(rel) != rel:
                        raise DiskError(f"archive trash item names an invalid path {show(rel)}")
                    node = item.nodes[rel]
                    key = f"{base}/{rel}" if rel else base
                    if node.is_dir:
                        self._storage.mkdir(key)
                    else:
                        data = content(f"trash/{item.entry.trash_id}/item" + (f"/{rel}" if rel else ""), node)
                        if hashlib.sha256(data).hexdigest() != node.sha256:
                            raise DiskError(f"archive trash entry {item.entry.trash_id} does not match its checksum")
                        self._storage.write(key, data)
                self._load_trash(item)
        except DiskPathError as exc:
            raise DiskError(f"archive {reader.path!r} names an invalid path: {exc}") from None
        if [e.seq for e in journal] != builtins.list(range(1, len(journal) + 1)):
            raise DiskError(f"archive {reader.path!r} has a journal with gaps; the archive is damaged")
        self._journal = journal
        self._next_trash = next_trash
        self._index.dirty.clear()
        self._trash_dirty.clear()
        if self._storage.persistent:
            self._save_described()
            self._rewrite_journal()
            self.flush()

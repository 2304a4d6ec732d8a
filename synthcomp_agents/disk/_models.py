"""Plain data records of the disk: quotas, file info, journal and trash entries, diffs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

__all__ = ["DiskDiff", "DiskQuotas", "FileInfo", "JournalEntry", "JournalOp", "OSFlavor", "TrashEntry"]

OSFlavor = Literal["linux", "macos", "windows"]
JournalOp = Literal["write", "mkdir", "move", "copy", "delete", "restore"]

OS_FLAVORS: tuple[OSFlavor, ...] = ("linux", "macos", "windows")
JOURNAL_OPS: tuple[JournalOp, ...] = ("write", "mkdir", "move", "copy", "delete", "restore")


def to_utc(value: datetime) -> datetime:
    """Return ``value`` as a tz-aware UTC datetime; naive datetimes are taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def iso(value: datetime) -> str:
    """Serialize a UTC datetime for metadata files and archives."""
    return to_utc(value).isoformat()


def parse_iso(text: str) -> datetime:
    """Parse a datetime written by :func:`iso`."""
    return to_utc(datetime.fromisoformat(text))


@dataclass(frozen=True)
class DiskQuotas:
    """Limits that protect the host from runaway agents.

    ``max_total_bytes`` counts the bytes of live files and of the trash; ``max_files`` counts live
    files (not folders, not trash).

    Example:
        >>> DiskQuotas(max_file_bytes=1024).max_file_bytes
        1024
    """

    max_file_bytes: int = 64 * 2**20
    max_total_bytes: int = 2 * 2**30
    max_files: int = 100_000
    max_path_chars: int = 400
    max_name_chars: int = 255

    def to_json(self) -> dict[str, int]:
        """Return the quotas as a JSON-ready dict."""
        return {
            "max_file_bytes": self.max_file_bytes,
            "max_total_bytes": self.max_total_bytes,
            "max_files": self.max_files,
            "max_path_chars": self.max_path_chars,
            "max_name_chars": self.max_name_chars,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DiskQuotas:
        """Inverse of :meth:`to_json`; unknown keys are ignored."""
        fields = cls().to_json()
        return cls(**{k: int(data[k]) for k in fields if k in data})


@dataclass(frozen=True)
class FileInfo:
    """What :meth:`VirtualDisk.stat` knows about a file or folder (times are simulated, UTC).

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> VirtualDisk(user="ana").write_text("notes.txt", "hi").display_path
        '/home/ana/notes.txt'
    """

    path: str
    display_path: str
    name: str
    is_dir: bool
    size: int
    created: datetime
    modified: datetime
    author: str | None
    sha256: str | None


@dataclass(frozen=True)
class JournalEntry:
    """One change recorded by the disk (``seq`` counts 1, 2, 3, ... per disk).

    ``move``/``copy``/``restore`` carry the new location in ``dest``; ``delete``/``copy``/``restore``
    carry the total size of the item.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> d = VirtualDisk()
        >>> _ = d.write_text("a.txt", "x")
        >>> d.journal()[0].op
        'write'
    """

    seq: int
    time: datetime
    actor: str
    op: JournalOp
    path: str
    dest: str | None = None
    size: int | None = None
    sha256: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the entry as a JSON-ready dict."""
        return {
            "seq": self.seq,
            "time": iso(self.time),
            "actor": self.actor,
            "op": self.op,
            "path": self.path,
            "dest": self.dest,
            "size": self.size,
            "sha256": self.sha256,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalEntry:
        """Inverse of :meth:`to_json`."""
        op = data["op"]
        if op not in JOURNAL_OPS:
            raise ValueError(f"unknown journal op {op!r}")
        return cls(
            seq=int(data["seq"]),
            time=parse_iso(data["time"]),
            actor=str(data["actor"]),
            op=op,
            path=str(data["path"]),
            dest=None if data.get("dest") is None else str(data["dest"]),
            size=None if data.get("size") is None else int(data["size"]),
            sha256=None if data.get("sha256") is None else str(data["sha256"]),
        )


@dataclass(frozen=True)
class TrashEntry:
    """A deleted file or folder, restorable with :meth:`VirtualDisk.restore`.

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> d = VirtualDisk()
        >>> _ = d.write_text("a.txt", "x")
        >>> d.delete("a.txt").trash_id
        't0001'
    """

    trash_id: str
    original_path: str
    deleted_at: datetime
    actor: str
    is_dir: bool
    size: int

    def to_json(self) -> dict[str, Any]:
        """Return the entry as a JSON-ready dict."""
        return {
            "trash_id": self.trash_id,
            "original_path": self.original_path,
            "deleted_at": iso(self.deleted_at),
            "actor": self.actor,
            "is_dir": self.is_dir,
            "size": self.size,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TrashEntry:
        """Inverse of :meth:`to_json`."""
        return cls(
            trash_id=str(data["trash_id"]),
            original_path=str(data["original_path"]),
            deleted_at=parse_iso(data["deleted_at"]),
            actor=str(data["actor"]),
            is_dir=bool(data["is_dir"]),
            size=int(data["size"]),
        )


@dataclass(frozen=True)
class DiskDiff:
    """Files added, removed and modified relative to an earlier state (paths sorted).

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> d = VirtualDisk()
        >>> before = d.snapshot()
        >>> _ = d.write_text("a.txt", "x")
        >>> d.diff(before).added
        ('a.txt',)
    """

    added: tuple[str, ...]
    removed: tuple[str, ...]
    modified: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        """True when nothing changed."""
        return not (self.added or self.removed or self.modified)

    @classmethod
    def between(cls, before: dict[str, str], after: dict[str, str]) -> DiskDiff:
        """Compare two ``path -> sha256`` snapshots."""
        return cls(
            added=tuple(sorted(p for p in after if p not in before)),
            removed=tuple(sorted(p for p in before if p not in after)),
            modified=tuple(sorted(p for p, h in after.items() if p in before and before[p] != h)),
        )

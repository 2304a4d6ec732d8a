"""What the run did to the home folder: the end state compared with the computer before the run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..disk import DiskError, VirtualDisk

STATUSES = ("created", "modified", "moved", "deleted", "written", "unchanged")


@dataclass(frozen=True)
class FileEntry:
    """One file of the home, before and/or after the run.

    ``status`` is ``created``, ``modified``, ``moved`` (``moved_from`` says from where), ``deleted``,
    ``unchanged``, or ``written`` (touched during the run, when the original computer is unknown).

    Example:
        >>> FileEntry("Documents/a.docx", 1200, "created").status
        'created'
    """

    path: str
    size: int
    status: str
    moved_from: str | None = None


@dataclass(frozen=True)
class FileChanges:
    """Every file of the home with its status, sorted by path.

    Example:
        >>> changes = FileChanges((FileEntry("a.txt", 1, "created"),), compared=True, trash=())
        >>> changes.counts()["created"]
        1
    """

    entries: tuple[FileEntry, ...]
    compared: bool
    trash: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        """Number of files per status (every status present, zero included)."""
        found = Counter(e.status for e in self.entries)
        return {status: found.get(status, 0) for status in STATUSES}

    def changed(self) -> tuple[FileEntry, ...]:
        """The entries whose status is not ``unchanged``."""
        return tuple(e for e in self.entries if e.status != "unchanged")


def _size(disk: VirtualDisk, path: str) -> int:
    try:
        return disk.stat(path).size
    except DiskError:
        return 0


def _moves(final: VirtualDisk, original: VirtualDisk) -> dict[str, str]:
    """``dest -> src`` of the file moves journaled after the original state (folder moves expanded later)."""
    start = len(original.journal())
    return {e.dest: e.path for e in final.journal(since_seq=start) if e.op == "move" and e.dest}


def compare_disks(final: VirtualDisk, original: VirtualDisk) -> FileChanges:
    """Mark every file of ``final`` (and every file only in ``original``) created, modified, moved or deleted.

    Example:
        >>> before = VirtualDisk(user="ana")
        >>> _ = before.write_text("old.txt", "x")
        >>> after = VirtualDisk(user="ana")
        >>> _ = after.write_text("old.txt", "x")
        >>> _ = after.write_text("new.txt", "y")
        >>> [(e.path, e.status) for e in compare_disks(after, before).changed()]
        [('new.txt', 'created')]
    """
    diff = final.diff(original)
    added, removed, modified = set(diff.added), set(diff.removed), set(diff.modified)
    moved_from: dict[str, str] = {}
    for dest, src in _moves(final, original).items():
        for path in sorted(added):  # a file moved, or a file inside a moved folder
            if path == dest or path.startswith(dest + "/"):
                old = src + path[len(dest) :]
                if old in removed:
                    moved_from[path] = old
    gone = set(moved_from.values())
    entries: list[FileEntry] = []
    for path in final.snapshot():
        if path in moved_from:
            status = "moved"
        elif path in added:
            status = "created"
        elif path in modified:
            status = "modified"
        else:
            status = "unchanged"
        entries.append(FileEntry(path, _size(final, path), status, moved_from.get(path)))
    for path in sorted(removed - gone):
        entries.append(FileEntry(path, _size(original, path), "deleted"))
    entries.sort(key=lambda e: e.path)
    trash = tuple(sorted(t.original_path for t in final.trash()))
    return FileChanges(tuple(entries), compared=True, trash=trash)


def mark_touched(final: VirtualDisk, touched: Mapping[str, str] | Iterable[str]) -> FileChanges:
    """Without the original computer: mark the files the run wrote (from events.jsonl) as ``written``.

    Example:
        >>> disk = VirtualDisk(user="ana")
        >>> _ = disk.write_text("a.txt", "x")
        >>> [e.status for e in mark_touched(disk, ["a.txt"]).entries]
        ['written']
    """
    touched_set = set(touched)
    entries = tuple(
        FileEntry(path, _size(final, path), "written" if path in touched_set else "unchanged")
        for path in final.snapshot()
    )
    trash = tuple(sorted(t.original_path for t in final.trash()))
    return FileChanges(entries, compared=False, trash=trash)

"""The file ledger of a computer being generated: planned files with bytes and times, graph edges, folders, facts.

Example:
    >>> from datetime import datetime, timezone
    >>> from zoneinfo import ZoneInfo
    >>> import random
    >>> now = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    >>> led = FileLedger(WorkClock(random.Random(0), now, ZoneInfo("Europe/Berlin")))
    >>> led.add("Documents/a.txt", b"x", purpose="note", author="me", created=now, role="background")
    'Documents/a.txt'
    >>> sorted(led.folders)
    ['Documents']
"""

from __future__ import annotations

import posixpath
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from .._blueprint import FileEdge, kind_for_path

__all__ = ["FileLedger", "GenFile", "WorkClock"]

_UTC = timezone.utc
Source = tuple[str, str, str]


@dataclass
class GenFile:
    """One planned file: its path, kind, bytes and times; ``role`` is ``core`` or ``background``."""

    path: str
    kind: str
    purpose: str
    project_id: str | None
    author: str
    created: datetime
    modified: datetime
    data: bytes
    role: str = "core"
    archetype: str | None = None


@dataclass
class WorkClock:
    """Plausible instants in the user's zone: working hours on working days, never after ``now``."""

    rng: random.Random
    now: datetime
    tz: ZoneInfo

    def at(self, day: date, hour: int | None = None) -> datetime:
        """A working-hours instant on ``day`` in the user's zone, as UTC, never after now."""
        h = hour if hour is not None else self.rng.randint(8, 17)
        local = datetime(day.year, day.month, day.day, h, self.rng.randint(0, 59), tzinfo=self.tz)
        when = local.astimezone(_UTC)
        return self.work(min(when, self.now - timedelta(minutes=self.rng.randint(5, 600))))

    def work(self, when: datetime) -> datetime:
        """Move an instant forward into working hours (Mon-Fri, 08:00-19:00 local), unless that passes now."""
        local = when.astimezone(self.tz)
        if local.hour >= 19:
            local = (local + timedelta(days=1)).replace(hour=8)
        elif local.hour < 8:
            local = local.replace(hour=8)
        while local.weekday() >= 5:
            local = (local + timedelta(days=1)).replace(hour=8)
        moved = local.astimezone(_UTC)
        return moved if moved <= self.now - timedelta(minutes=5) else when

    def leisure(self, day: date) -> datetime:
        """An evening or weekend-style instant on ``day`` (personal files), as UTC, never after now."""
        local = datetime(day.year, day.month, day.day, self.rng.randint(9, 22), self.rng.randint(0, 59), tzinfo=self.tz)
        return min(local.astimezone(_UTC), self.now - timedelta(minutes=self.rng.randint(5, 600)))


@dataclass
class FileLedger:
    """Everything planned so far: files by path, file-graph edges, folders (empty ones too) and the facts ledger."""

    clock: WorkClock
    files: dict[str, GenFile] = field(default_factory=dict)
    edges: list[FileEdge] = field(default_factory=list)
    folders: set[str] = field(default_factory=set)
    empty: set[str] = field(default_factory=set)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    formula_books: set[str] = field(default_factory=set)

    def unique(self, path: str) -> str:
        """``path``, or ``path`` with `` (2)``, `` (3)`` ... when taken."""
        if path not in self.files:
            return path
        stem, ext = posixpath.splitext(path)
        i = 2
        while f"{stem} ({i}){ext}" in self.files:
            i += 1
        return f"{stem} ({i}){ext}"

    def folder(self, path: str, *, empty: bool = False) -> None:
        """Record a folder and its parents (``empty``: a folder that stays empty)."""
        if empty:
            self.empty.add(path)
        while path and path not in self.folders:  # a recorded folder's parents are recorded already
            self.folders.add(path)
            path = posixpath.dirname(path)

    def add(
        self,
        path: str,
        data: bytes,
        *,
        purpose: str,
        author: str,
        created: datetime,
        modified: datetime | None = None,
        project_id: str | None = None,
        role: str = "core",
        sources: tuple[Source, ...] = (),
        archetype: str | None = None,
    ) -> str:
        """Add a file (made unique), keep its times after its sources', record its edges and folders."""
        path = self.unique(path)
        modified = modified if modified is not None else created
        if role == "core":
            created = self.clock.work(created)
            modified = self.clock.work(max(modified, created))
        for src, _etype, _note in sources:
            s = self.files[src]
            created = max(created, s.created)
            modified = max(modified, s.modified, created)
        self.files[path] = GenFile(
            path,
            kind_for_path(path),
            purpose,
            project_id,
            author,
            created,
            max(modified, created),
            data,
            role,
            archetype,
        )
        for src, etype, note in sources:
            self.edges.append(FileEdge(source=src, target=path, type=etype, note=note))
        self.folder(posixpath.dirname(path))
        self.empty.discard(posixpath.dirname(path))
        return path

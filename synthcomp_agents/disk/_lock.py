"""One writer per folder: an exclusive lock file held for as long as a process writes the folder.

``FolderLock(folder)`` creates ``folder/.synthcomp.lock``, takes an exclusive ``fcntl.flock`` on it and writes who
holds it (pid, host, start time, command). A second process asking for the same folder gets :class:`FolderLocked`,
whose message names the holder. The kernel drops a ``flock`` when its process dies (SIGKILL included), so a lock
file left by a killed process is *stale*: the next process takes it over (and says so in ``recovered``). Where
``flock`` is not available (Windows), the file is created with ``O_EXCL`` and a leftover from a dead pid on this
host is removed.

The lock file is removed when the lock is released; a reader never has to count it. The lock is re-entrant
within one process (the command line holds a run folder's lock around the simulation, which takes it again).

Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with FolderLock(folder) as lock:
    ...     (folder / LOCK_FILE).is_file(), lock.held
    (True, True)
    >>> (folder / LOCK_FILE).exists()
    False
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCK_FILE", "FolderLock", "FolderLocked", "lock_holder"]

LOCK_FILE = ".synthcomp.lock"
"""Name of the lock file inside a locked folder."""

_HELD: dict[Path, tuple[int, int]] = {}  # resolved lock path -> (fd, depth) held by this process
_GUARD = threading.Lock()


class FolderLocked(RuntimeError):
    """Another process holds the folder's lock.

    Attributes:
        folder: the locked folder.
        holder: what the lock file says about its holder (pid, host, started, command); may be empty.

    Example:
        >>> str(FolderLocked(Path("runs/r1"), {"pid": 42, "host": "box", "started": "2026-12-06T20:00:00Z"}))
        ... # doctest: +ELLIPSIS
        'runs/r1 is in use by another process (pid 42 on box, since 2026-12-06T20:00:00Z): wait for it to end...'
    """

    def __init__(self, folder: Path, holder: dict[str, Any]) -> None:
        self.folder = folder
        self.holder = dict(holder)
        who = _describe(holder)
        super().__init__(
            f"{os.fspath(folder)} is in use by another process ({who}): wait for it to end or stop it, then run the "
            "command again (one writer per folder)"
        )


def _describe(holder: dict[str, Any]) -> str:
    if not holder.get("pid"):
        return "holder unknown"
    text = f"pid {holder['pid']}"
    if holder.get("host"):
        text += f" on {holder['host']}"
    if holder.get("started"):
        text += f", since {holder['started']}"
    return text


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _read_holder(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def lock_holder(folder: str | os.PathLike[str]) -> dict[str, Any] | None:
    """Who holds ``folder``'s lock now (their record; ``{}`` when it says nothing), or None when nobody does.

    A lock file left by a killed process is not held (None). Never takes the lock.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> lock_holder(folder) is None
        True
    """
    path = Path(folder) / LOCK_FILE
    key = path.resolve()
    with _GUARD:
        if key in _HELD:
            return _read_holder(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if fcntl is None:  # pragma: no cover
            holder = _read_holder(path)
            pid = holder.get("pid")
            alive = holder.get("host") != socket.gethostname() or (isinstance(pid, int) and _pid_alive(pid))
            return holder if alive else None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return _read_holder(path)
            return None
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


@dataclass
class FolderLock:
    """An exclusive, re-entrant (per process) lock on a folder; see the module docstring.

    Args:
        folder: the folder (created when missing, with its parents).
        purpose: a word for the holder record (``simulate``, ``batch``, ...).

    Attributes:
        recovered: the holder record of a stale lock this lock took over (empty when there was none).
    """

    folder: Path
    purpose: str = ""
    recovered: dict[str, Any] = field(default_factory=dict)
    _key: Path | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)

    @property
    def path(self) -> Path:
        """The lock file."""
        return self.folder / LOCK_FILE

    @property
    def held(self) -> bool:
        """This object holds the lock."""
        return self._key is not None

    def _record(self) -> bytes:
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "purpose": self.purpose,
            "command": " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))[:300],
        }
        return (json.dumps(record, sort_keys=True) + "\n").encode("utf-8")

    def acquire(self) -> FolderLock:
        """Take the lock or raise :class:`FolderLocked` naming the holder (never waits)."""
        if self._key is not None:
            return self
        self.folder.mkdir(parents=True, exist_ok=True)
        key = self.path.resolve()
        with _GUARD:
            held = _HELD.get(key)
            if held is not None:  # re-entrant within this process
                _HELD[key] = (held[0], held[1] + 1)
                self._key = key
                return self
            fd = self._lock_flock() if fcntl is not None else self._lock_exclusive()
            _HELD[key] = (fd, 1)
            self._key = key
        return self

    def _lock_flock(self) -> int:
        assert fcntl is not None
        for _ in range(100):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise FolderLocked(self.folder, _read_holder(self.path)) from None
                raise
            try:  # the file may have been unlinked by a releasing holder between our open and our flock
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            old = _read_holder(self.path)
            if old.get("pid"):
                self.recovered = old  # its process ended without releasing (killed): the kernel dropped its flock
            os.ftruncate(fd, 0)
            os.write(fd, self._record())
            return fd
        raise OSError(f"could not lock {self.path}: it keeps being replaced")

    def _lock_exclusive(self) -> int:  # pragma: no cover - platforms without flock
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = _read_holder(self.path)
                pid = holder.get("pid")
                if holder.get("host") == socket.gethostname() and isinstance(pid, int) and not _pid_alive(pid):
                    self.recovered = holder
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                    continue
                raise FolderLocked(self.folder, holder) from None
            os.write(fd, self._record())
            return fd
        raise FolderLocked(self.folder, _read_holder(self.path))

    def release(self) -> None:
        """Release the lock; the lock file is removed when the last holder in this process releases it."""
        key, self._key = self._key, None
        if key is None:
            return
        with _GUARD:
            fd, depth = _HELD[key]
            if depth > 1:
                _HELD[key] = (fd, depth - 1)
                return
            del _HELD[key]
            with contextlib.suppress(FileNotFoundError):
                os.unlink(key)  # unlink while still holding the lock: a waiter re-checks the inode
            os.close(fd)

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

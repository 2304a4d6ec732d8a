"""Byte stores behind a :class:`VirtualDisk`: :class:`MemoryStorage` and :class:`FolderStorage`.

A storage only holds bytes under keys (canonical POSIX paths such as ``Documents/a.docx``, or
internal keys under ``.synthcomp/``); all metadata lives in the disk. The folder store is a sandbox:
it lstat()s every component below its root and refuses symbolic links, opens files with O_NOFOLLOW
where the platform has it, and writes atomically (temp file in the same folder + ``os.replace``).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import shutil
import stat
import weakref
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ._errors import DiskError, DiskNotFoundError, DiskPathError, DiskTypeError

__all__ = ["FolderStorage", "HostEntry", "MemoryStorage", "Signature", "Storage", "write_fresh_tree"]

Signature = tuple[int, int, int]
"""Host fingerprint of a stored file: (size, mtime_ns, inode); detects changes made by other programs."""

_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_TEMP_RE = re.compile(r"^\.sc-tmp-\d+-\d+\.$")  # ends with '.', which no disk name may: never collides
_UTIME_FD = os.utime in os.supports_fd


@dataclass(frozen=True)
class HostEntry:
    """One entry found on the host by :meth:`Storage.scan`."""

    key: str
    is_dir: bool
    signature: Signature | None


def _check_key(key: str) -> None:
    parts = key.split("/")
    if not key or any(p in ("", ".", "..") or "\x00" in p or "\\" in p for p in parts):
        raise DiskPathError(f"internal storage key {key!r} is invalid")  # defense in depth; resolve() prevents it


class Storage(ABC):
    """Minimal byte-store interface used by :class:`VirtualDisk`.

    Callers (the disk) guarantee that parents exist before children are written and that a key is
    never both a file and a folder.
    """

    persistent: bool = False

    @abstractmethod
    def read(self, key: str) -> bytes:
        """Return the bytes stored under ``key``."""

    @abstractmethod
    def write(self, key: str, data: bytes, mtime_ns: int | None = None) -> Signature | None:
        """Store ``data`` under ``key`` atomically, replacing any file there; return its host signature."""

    @abstractmethod
    def mkdir(self, key: str) -> None:
        """Create the folder ``key`` (its parent exists); no error if it already is a folder."""

    @abstractmethod
    def remove(self, key: str, is_dir: bool) -> None:
        """Remove a file, or a folder with everything below it."""

    @abstractmethod
    def move(self, src: str, dst: str, is_dir: bool) -> None:
        """Rename a file or folder tree; ``dst``'s parent exists, ``dst`` does not (files may be replaced)."""

    def makedirs(self, key: str) -> None:
        """Create ``key`` and any missing parent folders."""
        parts = key.split("/")
        for i in range(1, len(parts) + 1):
            self.mkdir("/".join(parts[:i]))

    def set_mtime(self, key: str, mtime_ns: int) -> Signature | None:
        """Set the host modification time of a file (folder backend); return the new signature."""
        return None

    def scan(self) -> list[HostEntry] | None:
        """List every file and folder on the host (folder backend), or None when there is no host."""
        return None

    def read_meta(self, key: str) -> bytes | None:
        """Return a metadata file, or None when absent or when the store is not persistent."""
        return None

    def write_meta(self, key: str, data: bytes) -> None:  # noqa: B027 - optional hook
        """Atomically write a metadata file (persistent stores only)."""

    def append_meta(self, key: str, data: bytes) -> None:  # noqa: B027 - optional hook
        """Append to a metadata log (persistent stores only)."""

    def truncate_meta(self, key: str) -> None:  # noqa: B027 - optional hook
        """Empty a metadata log (persistent stores only)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release host resources."""


class MemoryStorage(Storage):
    """Bytes in a dict; nothing touches the host.

    Example:
        >>> s = MemoryStorage()
        >>> _ = s.write("a.txt", b"hi")
        >>> s.read("a.txt")
        b'hi'
    """

    def __init__(self) -> None:
        self._blobs: dict[str, bytes] = {}

    def read(self, key: str) -> bytes:
        try:
            return self._blobs[key]
        except KeyError:
            raise DiskNotFoundError(f"stored content for {key!r} is missing") from None

    def write(self, key: str, data: bytes, mtime_ns: int | None = None) -> Signature | None:
        self._blobs[key] = data if isinstance(data, bytes) else bytes(data)  # immutable: kept, not copied
        return None

    def mkdir(self, key: str) -> None:
        return None

    def _under(self, key: str) -> list[str]:
        prefix = key + "/"
        return [k for k in self._blobs if k.startswith(prefix)]

    def remove(self, key: str, is_dir: bool) -> None:
        self._blobs.pop(key, None)
        if is_dir:
            for k in self._under(key):
                del self._blobs[k]

    def move(self, src: str, dst: str, is_dir: bool) -> None:
        if not is_dir:
            if src in self._blobs:
                self._blobs[dst] = self._blobs.pop(src)
            return
        for k in self._under(src):
            self._blobs[dst + k[len(src) :]] = self._blobs.pop(k)


class FolderStorage(Storage):
    """Bytes in real files under ``root`` (a sandbox: no symlinks followed, atomic writes).

    Args:
        root: the host folder; created when missing. It must not itself be a symbolic link (its
            ancestors are resolved once with ``realpath``).
        describe: renders a key for error messages (the disk passes its display function).

    Example:
        >>> import tempfile
        >>> s = FolderStorage(tempfile.mkdtemp())
        >>> _ = s.write("a.txt", b"hi")
        >>> s.read("a.txt")
        b'hi'
    """

    persistent = True

    def __init__(self, root: str | os.PathLike[str], describe: Callable[[str], str] | None = None) -> None:
        path = os.path.abspath(os.fspath(root))
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            os.makedirs(path, exist_ok=True)
            st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            raise DiskPathError(f"disk root {path!r} is a symbolic link; pass the real folder it points to instead")
        if not stat.S_ISDIR(st.st_mode):
            raise DiskTypeError(f"disk root {path!r} is a file, not a folder; pass a folder (it is created if missing)")
        self.root = os.path.realpath(path)
        self.describe: Callable[[str], str] = describe or (lambda key: key)
        self._counter = itertools.count(1)
        self._logs: dict[str, int] = {}
        weakref.finalize(self, _close_fds, self._logs)

    # -- sandboxed path handling ---------------------------------------------------------------------

    def _link_error(self, key: str) -> DiskPathError:
        return DiskPathError(
            f"'{self.describe(key)}' is (or is inside) a symbolic link placed on the host by another program; the "
            "disk never follows links. Use another path, or delete the link and write a real file."
        )

    def host(self, key: str) -> str:
        """Return the host path of ``key`` after checking that no existing component is a symlink."""
        _check_key(key)
        path = self.root
        checking = True
        for part in key.split("/"):
            path = os.path.join(path, part)
            if checking:
                try:
                    st = os.lstat(path)
                except (FileNotFoundError, NotADirectoryError):
                    checking = False
                    continue
                if stat.S_ISLNK(st.st_mode):
                    raise self._link_error(key)
        return path

    @contextlib.contextmanager
    def _errors(self, key: str) -> Iterator[None]:
        try:
            yield
        except DiskError:
            raise
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise self._link_error(key) from exc
            if exc.errno == errno.ENAMETOOLONG:
                raise DiskPathError(
                    f"'{self.describe(key)}' is too long for the host file system; use shorter names"
                ) from exc
            if isinstance(exc, FileNotFoundError):
                raise DiskNotFoundError(
                    f"'{self.describe(key)}' disappeared from the host folder (changed by another program); "
                    "list the folder again to see what exists"
                ) from exc
            raise DiskError(
                f"host file system error on '{self.describe(key)}': {exc.strerror or exc}; "
                "try again or use another path"
            ) from exc

    # -- bytes -----------------------------------------------------------------------------------------

    def read(self, key: str) -> bytes:
        with self._errors(key):
            fd = os.open(self.host(key), os.O_RDONLY | _O_NOFOLLOW | _O_BINARY | _O_CLOEXEC)
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise DiskTypeError(f"'{self.describe(key)}' is not a regular file on the host")
                return handle.read()

    def write(self, key: str, data: bytes, mtime_ns: int | None = None) -> Signature | None:
        with self._errors(key):
            target = self.host(key)
            tmp = os.path.join(os.path.dirname(target), f".sc-tmp-{os.getpid()}-{next(self._counter)}.")
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_BINARY | _O_CLOEXEC
            fd = os.open(tmp, flags, 0o644)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    if mtime_ns is not None and _UTIME_FD:
                        os.utime(handle.fileno(), ns=(mtime_ns, mtime_ns))
                    st = os.fstat(handle.fileno())
                if mtime_ns is not None and not _UTIME_FD:  # pragma: no cover - Windows
                    os.utime(tmp, ns=(mtime_ns, mtime_ns))
                    st = os.lstat(tmp)
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            return (st.st_size, st.st_mtime_ns, st.st_ino)

    def mkdir(self, key: str) -> None:
        with self._errors(key):
            target = self.host(key)
            try:
                os.mkdir(target, 0o755)
            except FileExistsError:
                st = os.lstat(target)
                if stat.S_ISLNK(st.st_mode):
                    raise self._link_error(key) from None
                if not stat.S_ISDIR(st.st_mode):
                    raise DiskTypeError(
                        f"'{self.describe(key)}' is a file on the host (put there by another program), not a folder"
                    ) from None

    def remove(self, key: str, is_dir: bool) -> None:
        with self._errors(key):
            target = self.host(key)
            try:
                if is_dir and stat.S_ISDIR(os.lstat(target).st_mode):
                    shutil.rmtree(target)  # never follows links inside (removes the links themselves)
                else:
                    os.unlink(target)
            except FileNotFoundError:
                return

    def move(self, src: str, dst: str, is_dir: bool) -> None:
        with self._errors(src):
            source = self.host(src)
            target = self.host(dst)
            os.replace(source, target)

    def set_mtime(self, key: str, mtime_ns: int) -> Signature | None:
        with self._errors(key):
            target = self.host(key)
            if os.utime in os.supports_follow_symlinks:
                os.utime(target, ns=(mtime_ns, mtime_ns), follow_symlinks=False)
            else:  # pragma: no cover - platform without lutimes
                os.utime(target, ns=(mtime_ns, mtime_ns))
            st = os.lstat(target)
            return (st.st_size, st.st_mtime_ns, st.st_ino)

    def scan(self) -> list[HostEntry] | None:
        found: list[HostEntry] = []

        def walk(folder: str, prefix: str) -> None:
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                return
            for entry in entries:
                if not prefix and entry.name == ".synthcomp":
                    continue
                key = prefix + entry.name
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISDIR(st.st_mode):
                    found.append(HostEntry(key, True, None))
                    walk(entry.path, key + "/")
                elif stat.S_ISREG(st.st_mode):
                    if _TEMP_RE.match(entry.name):  # leftover of an interrupted write
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                        continue
                    found.append(HostEntry(key, False, (st.st_size, st.st_mtime_ns, st.st_ino)))
                # symlinks, devices, sockets and fifos are never indexed

        walk(self.root, "")
        return found

    # -- metadata files under .synthcomp/ ------------------------------------------------------------

    def _meta_dir(self, key: str) -> None:
        self.makedirs(key.rsplit("/", 1)[0])

    def read_meta(self, key: str) -> bytes | None:
        try:
            return self.read(key)
        except DiskNotFoundError:
            return None

    def write_meta(self, key: str, data: bytes) -> None:
        self._meta_dir(key)
        self.write(key, data)

    def append_meta(self, key: str, data: bytes) -> None:
        with self._errors(key):
            fd = self._logs.get(key)
            if fd is None:
                self._meta_dir(key)
                flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | _O_NOFOLLOW | _O_BINARY | _O_CLOEXEC
                fd = os.open(self.host(key), flags, 0o644)
                self._logs[key] = fd
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]

    def truncate_meta(self, key: str) -> None:
        with self._errors(key):
            fd = self._logs.get(key)
            if fd is not None:
                os.ftruncate(fd, 0)
            else:
                self._meta_dir(key)
                self.write(key, b"")

    def close(self) -> None:
        _close_fds(self._logs)


def _close_fds(fds: dict[str, int]) -> None:
    for fd in fds.values():
        with contextlib.suppress(OSError):
            os.close(fd)
    fds.clear()


FRESH_TREE_SUPPORTED = (
    _UTIME_FD
    and os.open in os.supports_dir_fd
    and os.mkdir in os.supports_dir_fd
    and bool(getattr(os, "O_DIRECTORY", 0))
)
"""Whether :func:`write_fresh_tree` can run here (POSIX: descriptors relative to a folder's descriptor)."""


def write_fresh_tree(root: str, entries: Iterable[tuple[str, bytes | None, int]]) -> None:
    """Write folders (``data`` None) and files below the empty folder ``root``, in pre-order (a folder before what is
    inside it), with their modification times (ns); folder times are set once their contents are written.

    Each name is created relative to its parent's open descriptor, folders are opened with ``O_NOFOLLOW`` and files
    created exclusively (``O_EXCL``): nothing placed on the host meanwhile is followed or overwritten, as
    :class:`FolderStorage` guarantees, at a third of the system calls (no temporary names, no per-component checks).
    """
    dir_flags = os.O_RDONLY | os.O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC
    file_flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_BINARY | _O_CLOEXEC
    stack: list[tuple[str, int, int | None]] = [("", os.open(root, dir_flags), None)]  # (key, fd, mtime_ns)

    def leave() -> None:
        _, fd, mtime_ns = stack.pop()
        try:
            if mtime_ns is not None:
                os.utime(fd, ns=(mtime_ns, mtime_ns))
        finally:
            os.close(fd)

    key = ""
    try:
        for key, data, mtime_ns in entries:
            parent, _, name = key.rpartition("/")
            while stack[-1][0] != parent:
                leave()
            parent_fd = stack[-1][1]
            if data is None:
                os.mkdir(name, 0o755, dir_fd=parent_fd)
                stack.append((key, os.open(name, dir_flags, dir_fd=parent_fd), mtime_ns))
                continue
            fd = os.open(name, file_flags, 0o644, dir_fd=parent_fd)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.utime(fd, ns=(mtime_ns, mtime_ns))
            finally:
                os.close(fd)
        while len(stack) > 1:
            leave()
    except OSError as exc:
        raise DiskError(
            f"host file system error writing {key!r} under {root!r}: {exc.strerror or exc}; write into a new folder"
        ) from exc
    finally:
        while stack:
            os.close(stack.pop()[1])

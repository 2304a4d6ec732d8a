"""Atomic file writes: a temporary file in the same folder, flushed to disk, then moved in place with ``os.replace``.

A reader never sees a half-written file: it sees the old content or the new one. A failure (an exception, a full
disk) removes the temporary file and leaves the old content untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "atomic_write_bytes", "atomic_write_text"]

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | _O_BINARY | _O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, fsync: bool = True) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; write it inside the block, it replaces ``path`` when the block ends.

    The temporary file is created empty (with the usual permissions, as ``open(path, "w")`` would give), so code
    that writes by file name (``zipfile``, ``pyarrow``) can use it. On an exception it is removed and ``path`` is
    left as it was. The parent folder must exist.

    Example:
        >>> import tempfile
        >>> target = Path(tempfile.mkdtemp()) / "table.csv"
        >>> with atomic_path(target) as tmp:
        ...     _ = tmp.write_text("a,b\\n1,2\\n")
        >>> target.read_text(), [p.name for p in target.parent.iterdir()]
        ('a,b\\n1,2\\n', ['table.csv'])
    """
    target = Path(path)
    tmp = _temp_name(target)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | _O_CLOEXEC, 0o666))
    try:
        yield tmp
        if fsync:
            _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, fsync: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_path`); returns ``path``.

    Example:
        >>> import tempfile
        >>> target = Path(tempfile.mkdtemp()) / "blob.bin"
        >>> atomic_write_bytes(target, b"\\x00\\x01").read_bytes()
        b'\\x00\\x01'
    """
    target = Path(path)
    with atomic_path(target, fsync=fsync) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", fsync: bool = True) -> Path:
    """Write ``text`` to ``path`` atomically, encoded as ``encoding`` with no newline translation; returns ``path``.

    Example:
        >>> import tempfile
        >>> target = Path(tempfile.mkdtemp()) / "run.json"
        >>> atomic_write_text(target, '{"ok": true}\\n').read_text()
        '{"ok": true}\\n'
    """
    return atomic_write_bytes(path, text.encode(encoding), fsync=fsync)

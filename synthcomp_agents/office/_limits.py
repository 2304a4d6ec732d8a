"""Read limits: a deadline, a stop request and a memory budget that the readers check inside their parse loops.

A read that runs too long or grows memory too much stops itself at the next :func:`checkpoint` (called per line,
paragraph, row, slide and page) with :class:`ReadLimitError`; a caller that gave up on a read sets the scope's stop
event (and, for library code between checkpoints, :func:`interrupt_thread` raises the same error inside it), so no
abandoned parse keeps burning CPU.

Example:
    >>> import time
    >>> with read_scope(deadline=time.monotonic() - 1):
    ...     try:
    ...         checkpoint()
    ...     except ReadLimitError as exc:
    ...         print(str(exc).split(":")[0])
    the read was stopped
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from ._errors import OfficeFileError

__all__ = [
    "ReadInterrupted",
    "ReadLimitError",
    "checkpoint",
    "interrupt_thread",
    "memory_budget",
    "read_scope",
    "rss_bytes",
]

_MB = 1024 * 1024
MEMORY_FLOOR = 512 * _MB
MEMORY_PER_INPUT_BYTE = 40
MEMORY_CEILING = 3 * 1024 * _MB
_CHECK_MEMORY_EVERY = 256


class ReadLimitError(OfficeFileError):
    """A read stopped because it reached a limit (time, memory or a stop request); the message says which."""


class ReadInterrupted(BaseException):
    """Raised inside a read's thread by :func:`interrupt_thread`.

    A ``BaseException`` on purpose: libraries catch ``Exception`` (pypdf turns a ``ValueError`` raised mid-parse into
    a warning and goes on), never this.
    """


@dataclass
class _Scope:
    deadline: float | None
    stop: threading.Event | None
    memory_limit: int | None = None  # absolute RSS in bytes
    calls: int = 0
    what: str = "the read"


_STATE = threading.local()


def rss_bytes() -> int:
    """Resident memory of this process in bytes (0 where it cannot be measured)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _scope() -> _Scope | None:
    return getattr(_STATE, "scope", None)


@contextlib.contextmanager
def read_scope(*, deadline: float | None = None, stop: threading.Event | None = None) -> Iterator[None]:
    """Limit the reads run in this thread: stop at ``deadline`` (``time.monotonic()``) or when ``stop`` is set.

    Nested scopes tighten: the earlier deadline wins and an enclosing stop event still applies.
    """
    previous = _scope()
    if previous is not None:
        if previous.deadline is not None:
            deadline = previous.deadline if deadline is None else min(deadline, previous.deadline)
        stop = stop or previous.stop
    _STATE.scope = _Scope(deadline=deadline, stop=stop)
    try:
        yield
    finally:
        _STATE.scope = previous


@contextlib.contextmanager
def memory_budget(input_size: int, what: str = "the read") -> Iterator[None]:
    """Cap the growth of resident memory while reading an input of ``input_size`` bytes.

    The cap is ``max(512 MB, 40 x input size)`` above the memory in use when the read starts, at most 3 GB. It is a
    process-wide measure (other threads count too), so it is generous; it exists to stop a read whose memory runs
    away, not to account for it byte by byte.
    """
    scope = _scope()
    if scope is None:
        with read_scope(), memory_budget(input_size, what):
            yield
        return
    saved = (scope.memory_limit, scope.what)
    base = rss_bytes()
    allowance = min(MEMORY_CEILING, max(MEMORY_FLOOR, MEMORY_PER_INPUT_BYTE * input_size))
    scope.memory_limit = base + allowance if base else None
    scope.what = what
    try:
        yield
    finally:
        scope.memory_limit, scope.what = saved


def checkpoint() -> None:
    """Raise :class:`ReadLimitError` when the current read is past its deadline, asked to stop or over its memory.

    Cheap (a thread-local lookup and a clock read; memory is sampled every 256 calls); a no-op outside a scope.
    """
    scope = _scope()
    if scope is None:
        return
    if scope.stop is not None and scope.stop.is_set():
        raise ReadLimitError(f"the read was stopped: {scope.what} took longer than the time allowed.")
    if scope.deadline is not None and time.monotonic() > scope.deadline:
        raise ReadLimitError(f"the read was stopped: {scope.what} took longer than the time allowed.")
    scope.calls += 1
    if scope.memory_limit is not None and scope.calls % _CHECK_MEMORY_EVERY == 0:
        used = rss_bytes()
        if used > scope.memory_limit:
            raise ReadLimitError(
                f"the read was stopped: {scope.what} needed more memory than allowed for a file of its size "
                f"({used / _MB:,.0f} MB in use). Read a smaller part of it."
            )


def interrupt_thread(thread: threading.Thread) -> bool:
    """Raise :class:`ReadInterrupted` inside ``thread`` at its next Python bytecode (stops library loops too).

    Returns:
        True when the exception was scheduled (the thread was alive).
    """
    ident = thread.ident
    if ident is None or not thread.is_alive():
        return False
    done = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(ReadInterrupted))
    if done > 1:  # pragma: no cover - would mean several threads matched; undo
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
        return False
    return bool(done == 1)

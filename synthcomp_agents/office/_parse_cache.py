"""Parse once per content: a bounded LRU of parsed documents keyed by (content hash, what was built).

Every page of ``read_file``, ``file_info``'s outline and ``search_text``'s full text of the same bytes share one
parse. Entries are weighed by the size of the bytes they came from (parsed objects grow with their input), so the
cache holds at most ``max_input_bytes`` worth of sources and ``max_entries`` entries. A build for a key runs once
even when several threads ask for it at the same time; a failed build caches the file error (a damaged file is not
re-parsed per page) but never a stopped read (time or memory limit), which may succeed with more time.

Example:
    >>> cache = ParseCache(max_entries=4)
    >>> calls = []
    >>> cache.get("docx", b"abc", lambda: calls.append(1) or "parsed")
    'parsed'
    >>> cache.get("docx", b"abc", lambda: calls.append(1) or "parsed again"), len(calls)
    ('parsed', 1)
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from ._errors import OfficeFileError
from ._limits import ReadInterrupted, ReadLimitError

__all__ = ["PARSE_CACHE", "CacheStats", "ParseCache", "content_key"]

T = TypeVar("T")


def content_key(data: bytes) -> str:
    """A 128-bit BLAKE2b digest of ``data`` (fast: ~1 GB/s)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class CacheStats:
    """Counters of a :class:`ParseCache`: builds (misses), hits, and builds per label."""

    hits: int = 0
    builds: int = 0
    by_label: dict[str, int] | None = None


class ParseCache:
    """Thread-safe LRU of parse results, bounded in entries and in the input bytes they stand for."""

    def __init__(self, max_entries: int = 24, max_input_bytes: int = 96 * 1024 * 1024) -> None:
        self._data: OrderedDict[tuple[str, str], tuple[int, Any, OfficeFileError | None]] = OrderedDict()
        self._weight = 0
        self._max_entries = max_entries
        self._max_bytes = max_input_bytes
        self._lock = threading.Lock()
        self._building: dict[tuple[str, str], threading.Lock] = {}
        self.stats = CacheStats(by_label={})

    def clear(self) -> None:
        """Drop every entry and reset the counters."""
        with self._lock:
            self._data.clear()
            self._weight = 0
            self.stats = CacheStats(by_label={})

    def _lookup(self, key: tuple[str, str]) -> tuple[bool, Any]:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.stats.hits += 1
                _w, value, error = self._data[key]
                if error is not None:
                    raise error
                return True, value
            return False, None

    def get(self, label: str, data: bytes, build: Callable[[], T], *, key: str | None = None) -> T:
        """The result of ``build()`` for these bytes under ``label``, built at most once while cached.

        Args:
            label: What ``build`` makes (``'docx-blocks'``, ``'xlsx-book'``, ...); one bytes object has one entry
                per label.
            data: The source bytes (hashed for the key; their length is the entry's weight).
            build: Makes the value; an :class:`OfficeFileError` it raises is cached too (except read limits).
            key: A precomputed :func:`content_key` of ``data``.
        """
        full = (key or content_key(data), label)
        hit, value = self._lookup(full)
        if hit:
            return cast(T, value)
        with self._lock:
            gate = self._building.setdefault(full, threading.Lock())
        with gate:
            hit, value = self._lookup(full)
            if hit:
                return cast(T, value)
            error: OfficeFileError | None = None
            try:
                value = build()
            except (ReadLimitError, ReadInterrupted):
                with self._lock:
                    self._building.pop(full, None)
                raise
            except OfficeFileError as exc:
                error = exc
            with self._lock:
                self._building.pop(full, None)
                self.stats.builds += 1
                assert self.stats.by_label is not None
                self.stats.by_label[label] = self.stats.by_label.get(label, 0) + 1
                weight = max(len(data), 1)
                if weight <= self._max_bytes:
                    self._data[full] = (weight, value, error)
                    self._weight += weight
                    while self._data and (len(self._data) > self._max_entries or self._weight > self._max_bytes):
                        _k, (old, _v, _e) = self._data.popitem(last=False)
                        self._weight -= old
            if error is not None:
                raise error
            return cast(T, value)


PARSE_CACHE = ParseCache()
"""The process-wide cache the readers use."""

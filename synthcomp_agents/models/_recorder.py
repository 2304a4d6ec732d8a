"""Append-only JSON-lines writers for the trajectory and ``events.jsonl`` with crash-resume offsets.

Each record is one compact JSON line written with a single ``os.write`` on an ``O_APPEND`` descriptor (flushed to
the OS per line; no Python buffering). :meth:`JsonlWriter.offset` captures the byte size, line count and per-key
counters so a checkpoint can store it, and :meth:`JsonlWriter.truncate_to` rolls the file back to it on resume.

A path ending in ``.zst`` (the run's ``trajectory.jsonl.zst``) is written compressed: a sequence of independent
zstandard frames. Each record is flushed as a complete zstd block (a kill loses no written line), and
:meth:`JsonlWriter.offset` ends the current frame, so every offset is a frame boundary a resume can cut back to and
continue from with a fresh frame: the same records give the same bytes, resumed or not.
:func:`iter_jsonl_lines` reads either form back line by line.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, ClassVar

import zstandard

from ._openai_format import dumps_compact

__all__ = [
    "EVENTS_SCHEMA_VERSION",
    "TRAJECTORY_SCHEMA_VERSION",
    "ZSTD_LEVEL",
    "EventWriter",
    "JsonlOffset",
    "JsonlWriter",
    "TrajectoryWriter",
    "is_compressed",
    "iso_time",
    "iter_jsonl_lines",
]

TRAJECTORY_SCHEMA_VERSION = 1
"""``schema_version`` written as the last field of every ``trajectory.jsonl`` line."""
EVENTS_SCHEMA_VERSION = 1
"""``schema_version`` written as the last field of every ``events.jsonl`` line."""
ZSTD_LEVEL = 3
"""zstandard level of compressed JSON-lines files (fast; a month's trajectory shrinks ~150x: lines repeat prompts)."""
_ZSTD_SUFFIX = ".zst"
_READ_CHUNK = 1 << 20


def is_compressed(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` names a compressed JSON-lines file (zstd frames, suffix ``.zst``).

    Example:
        >>> is_compressed("run/trajectory.jsonl.zst"), is_compressed("run/events.jsonl")
        (True, False)
    """
    return Path(path).suffix == _ZSTD_SUFFIX


def iter_jsonl_lines(path: str | os.PathLike[str]) -> Iterator[bytes]:
    """Stream the lines of a JSON-lines file, each with its ``\\n``, plain or compressed (``.zst``, zstd frames).

    A compressed file cut short by a kill (an unfinished frame, a torn block) yields every line written completely
    before the cut and drops the torn rest; a plain file is read as it is.

    Raises:
        OSError: The file cannot be read.
        ValueError: The compressed data is damaged (not a cut, e.g. overwritten bytes).

    Example:
        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "x.jsonl.zst")
        >>> with JsonlWriter(path) as w:
        ...     _ = w.write({"a": 1}), w.offset(), w.write({"a": 2})
        >>> list(iter_jsonl_lines(path))
        [b'{"a":1}\\n', b'{"a":2}\\n']
    """
    path = Path(path)
    with path.open("rb") as handle:
        if not is_compressed(path):
            yield from handle
            return
        yield from _split_lines(_zstd_chunks(handle, path))


def _zstd_chunks(handle: IO[bytes], path: Path) -> Iterator[bytes]:
    reader = zstandard.ZstdDecompressor().stream_reader(handle, read_across_frames=True, closefd=False)
    while True:
        try:
            chunk = reader.read(_READ_CHUNK)
        except zstandard.ZstdError as exc:
            raise ValueError(f"{path} holds damaged zstd data: {exc}") from None
        if not chunk:
            return
        yield chunk


def _split_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Complete lines (with their ``\\n``) of a byte stream; a last line without ``\\n`` is torn and dropped."""
    rest = b""
    for chunk in chunks:
        buffer = rest + chunk if rest else chunk
        last = buffer.rfind(b"\n")
        if last < 0:
            rest = buffer
            continue
        for piece in buffer[:last].split(b"\n"):
            yield piece + b"\n"
        rest = buffer[last + 1 :]


def _complete_frames(data: bytes) -> tuple[int, bytes]:
    """The end of the last complete zstd frame in ``data`` and what the torn frame after it decompresses to."""
    view = memoryview(data)
    decompressor = zstandard.ZstdDecompressor()
    position = 0
    while position < len(data):
        frame = decompressor.decompressobj()
        try:
            out = frame.decompress(view[position:])
        except zstandard.ZstdError:
            return position, b""
        if not frame.eof:
            return position, out
        position = len(data) - len(frame.unused_data)
    return position, b""


def iso_time(value: datetime | None) -> str | None:
    """ISO-8601 in UTC with a ``Z`` suffix (naive values are taken as UTC); None stays None."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class JsonlOffset:
    """A position in a JSON-lines file: bytes, complete lines, and per-key counters (e.g. turns per role).

    Example:
        >>> JsonlOffset.from_state(JsonlOffset(10, 1, {"worker": 1}).to_state())
        JsonlOffset(bytes=10, lines=1, counters={'worker': 1})
    """

    bytes: int
    lines: int
    counters: dict[str, int] = field(default_factory=dict)

    def to_state(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"bytes": self.bytes, "lines": self.lines, "counters": dict(self.counters)}

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> JsonlOffset:
        """Inverse of :meth:`to_state`."""
        return cls(int(state["bytes"]), int(state["lines"]), {str(k): int(v) for k, v in state["counters"].items()})


class JsonlWriter:
    """Append-only JSON-lines file: one ``os.write`` per record on an ``O_APPEND`` fd; thread-safe.

    Opening an existing file continues it (a torn last line from a crash is cut off). ``counter_key`` names the
    record field whose values are counted (``counters``), e.g. ``"role"`` for per-role turn numbers.

    A ``.zst`` path is written as zstd frames (see the module docstring): each record is flushed as a complete
    block, :meth:`offset` and :meth:`close` end the frame, a torn last frame found on opening is rewritten as a fresh
    frame of its complete lines.

    Args:
        path: the file (created with its parent folder when missing); compressed when it ends in ``.zst``.
        counter_key: record field counted per value, or None.

    Example:
        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "x.jsonl")
        >>> w = JsonlWriter(path)
        >>> w.write({"a": 1}), w.offset().lines
        (0, 1)
        >>> mark = w.offset(); _ = w.write({"a": 2}); w.truncate_to(mark); open(path).read()
        '{"a":1}\\n'
        >>> w.close()
    """

    def __init__(self, path: str | os.PathLike[str], *, counter_key: str | None = None) -> None:
        self._path = Path(path)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._counter_key = counter_key
        self._lock = threading.Lock()
        self._compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL) if is_compressed(self._path) else None
        self._frame: zstandard.ZstdCompressionObj | None = None  # the open zstd frame (compressed files)
        self._fd: int | None = os.open(self._path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        self._bytes, self._lines = 0, 0
        self._counters: dict[str, int] = {}
        self._scan()

    def _scan(self) -> None:
        fd = self._require()
        size = os.fstat(fd).st_size
        if size == 0:
            return
        data = self._path.read_bytes()[:size]
        if self._compressor is None:
            end = data.rfind(b"\n") + 1
            if end != size:  # torn last line (crash mid-write): drop it
                os.ftruncate(fd, end)
            self._bytes = end
            self._count(data[:end].splitlines())
            return
        end, torn = _complete_frames(data)
        self._bytes = end
        self._count(line.rstrip(b"\n") for line in _split_lines(_zstd_chunks(io.BytesIO(data[:end]), self._path)))
        if end != size:  # torn last frame (crash mid-write): cut it, write its complete lines again as a new frame
            os.ftruncate(fd, end)
            kept = torn[: torn.rfind(b"\n") + 1]
            if kept:
                self._emit(kept)
                self._count(kept.splitlines())

    def _count(self, raw_lines: Iterable[bytes]) -> None:
        for raw in raw_lines:
            self._lines += 1
            if self._counter_key is not None:
                key = json.loads(raw).get(self._counter_key)
                if isinstance(key, str):
                    self._counters[key] = self._counters.get(key, 0) + 1

    @property
    def path(self) -> Path:
        """The file path."""
        return self._path

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return self._fd is None

    @property
    def compressed(self) -> bool:
        """True when the file is written as zstd frames (a ``.zst`` path)."""
        return self._compressor is not None

    def offset(self) -> JsonlOffset:
        """Current end of file, a point :meth:`truncate_to` can cut back to (for a checkpoint).

        A compressed file's open frame is ended first, so the offset is a frame boundary; to read the counts
        without ending a frame use :meth:`counters` and :attr:`lines`.
        """
        with self._lock:
            if self._fd is not None:
                self._end_frame()
            return JsonlOffset(self._bytes, self._lines, dict(self._counters))

    @property
    def lines(self) -> int:
        """Complete lines written so far."""
        return self._lines

    def counters(self) -> dict[str, int]:
        """Lines so far per value of ``counter_key`` (a copy)."""
        with self._lock:
            return dict(self._counters)

    def truncate_to(self, offset: JsonlOffset | Mapping[str, Any]) -> None:
        """Cut the file back to an earlier :meth:`offset` (crash resume).

        Raises:
            ValueError: If the offset lies beyond the current end of the file.
        """
        if not isinstance(offset, JsonlOffset):
            offset = JsonlOffset.from_state(offset)
        with self._lock:
            fd = self._require()
            size = os.fstat(fd).st_size
            if offset.bytes > size or offset.lines > self._lines:
                raise ValueError(
                    f"cannot truncate {self._path} to {offset.bytes} bytes/{offset.lines} lines: the file has only "
                    f"{size} bytes/{self._lines} lines (wrong file or offset from a later checkpoint?)"
                )
            os.ftruncate(fd, offset.bytes)
            self._frame = None  # the next record starts a fresh frame, exactly as after the checkpoint
            self._bytes, self._lines, self._counters = offset.bytes, offset.lines, dict(offset.counters)

    def write(self, record: Mapping[str, Any]) -> int:
        """Append one record; return its line index (0-based)."""
        with self._lock:
            return self._append(dict(record))

    def _append(self, record: dict[str, Any]) -> int:
        self._emit((dumps_compact(record) + "\n").encode("utf-8"))
        index = self._lines
        self._lines += 1
        if self._counter_key is not None:
            key = record.get(self._counter_key)
            if isinstance(key, str):
                self._counters[key] = self._counters.get(key, 0) + 1
        return index

    def _emit(self, data: bytes) -> None:
        """Append ``data`` (complete lines): as is, or compressed into the open frame and flushed as a block."""
        if self._compressor is not None:
            if self._frame is None:
                self._frame = self._compressor.compressobj()
            data = self._frame.compress(data) + self._frame.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
        self._write_raw(data)

    def _end_frame(self) -> None:
        if self._frame is not None:
            frame, self._frame = self._frame, None
            self._write_raw(frame.flush(zstandard.COMPRESSOBJ_FLUSH_FINISH))

    def _write_raw(self, data: bytes) -> None:
        fd = self._require()
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        self._bytes += len(data)

    def _require(self) -> int:
        if self._fd is None:
            raise ValueError(f"{type(self).__name__} for {self._path} is closed")
        return self._fd

    def close(self) -> None:
        """Close the file descriptor (idempotent)."""
        with self._lock:
            if self._fd is not None:
                try:
                    self._end_frame()
                finally:
                    os.close(self._fd)
                    self._fd = None

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - best effort
        fd = getattr(self, "_fd", None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


class TrajectoryWriter(JsonlWriter):
    """``trajectory.jsonl``: one line per model call, with a global ``seq`` and a per-role ``turn``.

    Every line ends with ``"schema_version": 1`` (:data:`TRAJECTORY_SCHEMA_VERSION`).

    Share one writer between all recording clients of a run (:meth:`shared` returns one per path per process).

    Example:
        >>> import tempfile, os
        >>> w = TrajectoryWriter(os.path.join(tempfile.mkdtemp(), "trajectory.jsonl"))
        >>> w.record({"role": "worker", "request": {}, "response": {}})
        (0, 0)
        >>> w.record({"role": "worker"}), w.record({"role": "judge"})
        ((1, 1), (2, 0))
        >>> open(w.path).read().splitlines()[2]
        '{"seq":2,"role":"judge","turn":0,"schema_version":1}'
        >>> w.close()
    """

    _shared: ClassVar[weakref.WeakValueDictionary[str, TrajectoryWriter]] = weakref.WeakValueDictionary()
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, counter_key="role")

    @classmethod
    def shared(cls, path: str | os.PathLike[str]) -> TrajectoryWriter:
        """The process-wide open writer for ``path`` (opened on first use), so all roles share ``seq``."""
        key = str(Path(path).resolve())
        with cls._shared_lock:
            writer = cls._shared.get(key)
            if writer is None or writer.closed:
                writer = cls(path)
                cls._shared[key] = writer
            return writer

    def record(self, fields: Mapping[str, Any]) -> tuple[int, int]:
        """Append a call record: ``seq`` and ``turn`` are filled in first; return ``(seq, turn)``.

        ``fields`` must contain ``role``; its other keys follow ``seq``, ``role``, ``turn`` in the given order, and
        ``schema_version`` comes last.
        """
        role = fields.get("role")
        if not isinstance(role, str) or not role:
            raise ValueError(f"a trajectory record needs a non-empty 'role', got {role!r}")
        with self._lock:
            seq, turn = self._lines, self._counters.get(role, 0)
            record: dict[str, Any] = {"seq": seq, "role": role, "turn": turn}
            record.update((k, v) for k, v in fields.items() if k not in record and k != "schema_version")
            record["schema_version"] = TRAJECTORY_SCHEMA_VERSION
            self._append(record)
            return seq, turn


class EventWriter(JsonlWriter):
    """``events.jsonl``: tool executions, messages, file changes and clock ticks, one line each.

    Every line is ``{"seq", "kind", "sim_time", ...fields, "schema_version"}`` (``schema_version`` is
    :data:`EVENTS_SCHEMA_VERSION`); ``counters`` count lines per kind.

    Example:
        >>> import tempfile, os
        >>> from datetime import datetime, timezone
        >>> w = EventWriter(os.path.join(tempfile.mkdtemp(), "events.jsonl"))
        >>> w.tool_execution("worker", "read_file", '{"path": "a.md"}', "text", is_error=False,
        ...                  sim_time=datetime(2025, 10, 6, 9, tzinfo=timezone.utc))
        0
        >>> w.offset().counters
        {'tool': 1}
        >>> w.emit("note", text="hello")
        1
        >>> open(w.path).read().splitlines()[1]
        '{"seq":1,"kind":"note","sim_time":null,"text":"hello","schema_version":1}'
        >>> w.close()
    """

    KINDS: ClassVar[tuple[str, ...]] = ("tool", "message", "file", "clock", "mail", "meeting", "segment", "note")

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, counter_key="kind")

    def emit(self, kind: str, *, sim_time: datetime | None = None, **fields: Any) -> int:
        """Append an event of any kind; return its ``seq`` (line index)."""
        if not kind:
            raise ValueError("an event needs a non-empty kind")
        with self._lock:
            record: dict[str, Any] = {"seq": self._lines, "kind": kind, "sim_time": iso_time(sim_time)}
            record.update((k, v) for k, v in fields.items() if k not in record and k != "schema_version")
            record["schema_version"] = EVENTS_SCHEMA_VERSION
            return self._append(record)

    def tool_execution(
        self,
        agent: str,
        name: str,
        arguments: str,
        result: str,
        *,
        is_error: bool,
        call_id: str | None = None,
        sim_time: datetime | None = None,
        sim_minutes: float | None = None,
    ) -> int:
        """A tool call and its result (``sim_minutes``: simulated duration charged for it)."""
        return self.emit(
            "tool",
            sim_time=sim_time,
            agent=agent,
            name=name,
            call_id=call_id,
            arguments=arguments,
            result=result,
            is_error=is_error,
            sim_minutes=sim_minutes,
        )

    def message(
        self, source: str, content: str, *, to: list[str] | None = None, sim_time: datetime | None = None
    ) -> int:
        """A chat message between participants."""
        return self.emit("message", sim_time=sim_time, source=source, to=to, content=content)

    def file_changes(self, entries: list[Any]) -> list[int]:
        """Disk journal entries (``synthcomp_agents.disk.JournalEntry``) as ``file`` events, in order."""
        out: list[int] = []
        for entry in entries:
            fields = dict(entry.to_json())
            fields["journal_seq"] = fields.pop("seq", None)
            fields.pop("time", None)
            out.append(self.emit("file", sim_time=entry.time, **fields))
        return out

    def clock_tick(self, what: str, *, sim_time: datetime, day_index: int | None = None, **fields: Any) -> int:
        """A clock event (``advance``, ``end_day``, ``month_over``...)."""
        return self.emit("clock", sim_time=sim_time, what=what, day_index=day_index, **fields)

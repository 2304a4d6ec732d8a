"""Shared pieces of the readers: the result type, pagination, part parsing and library-error wrapping."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from ._errors import OfficeError, OfficeFileError

__all__ = ["ReadResult", "Rendered", "guard", "guard_iter", "paginate", "parse_range", "pipe_row"]

T = TypeVar("T")


@dataclass(frozen=True)
class ReadResult:
    """One page of a document, as an agent sees it.

    Attributes:
        text: The text; when truncated it ends with a line telling how to get the next part.
        part: The part that was read (e.g. ``'Budget'``, ``'Data!A1:F30'``, ``'slide 3'``), None for the whole file.
        next_offset: Offset to pass for the next page, None when this page reaches the end.
        parts: Valid part names of the document (headings, sheets, slides, pages, ...), for navigation.
        note: The navigation note that ends ``text`` when the page is truncated ('' otherwise); callers that show
            the file's text apart from our own notes use ``text[: len(text) - len(note)]``.
    """

    text: str
    part: str | None
    next_offset: int | None
    parts: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def body(self) -> str:
        """The page's text without the navigation note."""
        return self.text[: len(self.text) - len(self.note)] if self.note else self.text


@dataclass
class Rendered:
    """A reader's rendering of the selected part: full text or a lazy stream of lines."""

    lines: Iterable[str]
    parts: list[str]
    part: str | None = None
    hint: str | None = None  # extra navigation advice appended to the truncation note


def pipe_row(cells: Iterable[str]) -> str:
    """Render cells as one Markdown pipe-table row (pipes and newlines inside cells escaped).

    Example:
        >>> pipe_row(["a|b", "c"])
        '| a\\\\|b | c |'
    """
    return "| " + " | ".join(c.replace("|", "\\|").replace("\r", " ").replace("\n", " ") for c in cells) + " |"


def parse_range(text: str, noun: str) -> tuple[int, int] | None:
    """Parse ``'<noun> 3'`` / ``'<noun>s 2-5'`` (case-insensitive, 1-based, inclusive) into (first, last).

    Example:
        >>> parse_range("Slides 2-5", "slide")
        (2, 5)
        >>> parse_range("page 3", "page")
        (3, 3)
    """
    m = re.fullmatch(rf"\s*{noun}s?\s+(\d+)\s*(?:(?:-|–|to|\.\.)\s*(\d+))?\s*", text, flags=re.IGNORECASE)
    if not m:
        return None
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else first
    if last < first:
        first, last = last, first
    return first, last


def paginate(rendered: Rendered, *, offset: int, max_chars: int) -> ReadResult:
    """Cut ``rendered`` to ``[offset, offset + max_chars)`` and add a navigation note when more text follows.

    Lines are consumed lazily and only up to what the page needs, so huge parts are never fully rendered. Joining
    the pages returned for offsets 0, next_offset, ... (without their notes) reconstructs the full text exactly.
    """
    if offset < 0:
        raise OfficeError(f"offset must be >= 0, got {offset}")
    if max_chars < 1:
        raise OfficeError(f"max_chars must be >= 1, got {max_chars}")
    need = offset + max_chars
    pieces: list[str] = []
    size = 0
    it: Iterator[str] = iter(rendered.lines)
    exhausted = True
    first = True
    for line in it:
        chunk = line if first else "\n" + line
        first = False
        pieces.append(chunk)
        size += len(chunk)
        if size > need:
            exhausted = False
            break
    total_known: int | None = size if exhausted else None
    if not exhausted:
        # count what remains only if cheap: at most ~50 further lines
        extra = 0
        for n, line in enumerate(it):
            if n >= 50:
                extra = -1
                break
            extra += len(line) + 1
        if extra >= 0:
            total_known = size + extra
            exhausted = False
    full = "".join(pieces)
    if offset > len(full) or (offset == len(full) and offset > 0 and exhausted):
        raise OfficeError(
            f"offset {offset:,} is past the end of this {'part' if rendered.part else 'document'} "
            f"({len(full):,} characters); use offset=0 to start again."
        )
    text = full[offset:need]
    more = not exhausted or need < len(full)
    if not more:
        return ReadResult(text=text, part=rendered.part, next_offset=None, parts=rendered.parts)
    # prefer to cut at a line break in the second half of the page
    cut = text.rfind("\n", max_chars // 2)
    if cut > 0:
        text = text[: cut + 1]
    next_offset = offset + len(text)
    part_arg = f", part={rendered.part!r}" if rendered.part else ""
    remaining = f"{total_known - next_offset:,} more characters" if total_known is not None else "more content"
    hint = f" {rendered.hint}" if rendered.hint else ""
    note = f"\n[... {remaining}: call read_file with offset={next_offset}{part_arg} to continue.{hint} ...]"
    return ReadResult(text=text + note, part=rendered.part, next_offset=next_offset, parts=rendered.parts, note=note)


def guard(filename: str, what: str, fn: Callable[[], T]) -> T:
    """Run ``fn``, turning any non-Office exception from a format library into :class:`OfficeFileError`."""
    try:
        return fn()
    except OfficeError:
        raise
    except RecursionError as exc:
        raise OfficeFileError(f"{filename} could not be read as {what}: its structure is nested too deeply.") from exc
    except MemoryError as exc:
        raise OfficeFileError(f"{filename} could not be read as {what}: it needs too much memory.") from exc
    except Exception as exc:
        msg = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        raise OfficeFileError(
            f"{filename} could not be read as {what}: the parser stopped with {type(exc).__name__}"
            + (f": {msg}" if msg else "")
            + " (the file may be damaged, or use a feature this reader does not support)."
        ) from exc


def guard_iter(filename: str, what: str, lines: Iterable[str]) -> Iterator[str]:
    """Lazily iterate ``lines``, wrapping library failures raised mid-stream like :func:`guard`."""
    it = iter(lines)
    while True:
        try:
            line = guard(filename, what, lambda: next(it, None))
        except StopIteration:  # pragma: no cover - next() with default never raises it
            return
        if line is None:
            return
        yield line

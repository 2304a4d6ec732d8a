"""Shared plumbing for the OOXML writers: deterministic zip output and core-property values.

python-docx, python-pptx and openpyxl stamp the current time into zip entry headers and into ``docProps/core.xml``.
The writers here fix both so that the same spec always gives byte-identical files:

- :func:`build_zip` writes a zip from ``(name, bytes)`` pairs with fixed entry dates, in the given order; large
  entries that repeat between files (template styles, themes, slide masters) are compressed once and cached.
- :func:`fix_zip_dates` rewrites the date fields of an existing zip in place (used for openpyxl output).
- :func:`core_values` resolves :class:`DocProperties` to concrete values with fixed defaults.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from ._errors import OfficeFileError
from ._inline import xml_safe
from ._specs import DocProperties

__all__ = ["DEFAULT_TIME", "CoreValues", "build_zip", "core_values", "fix_zip_dates", "to_utc_naive"]

MAX_PROPERTY_CHARS = 255
"""Longest core property value Office accepts (python-docx and python-pptx raise beyond it)."""

DEFAULT_TIME = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)
"""Creation/modification time used when a spec gives none (keeps output deterministic)."""

# Office itself writes 1980-01-01 00:00 into every entry; so do we.
_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_CACHE_MIN = 2048
_CACHE_MAX_ENTRIES = 512
_cache: dict[bytes, tuple[int, bytes]] = {}
_cache_lock = threading.Lock()


_SMALL_MAX_ENTRIES = 2048
_small: dict[bytes, tuple[int, bytes]] = {}
"""Parts under :data:`_CACHE_MIN` bytes (relationships, content types, settings: most repeat from document to
document, and a level-6 compressor costs ~10 us to set up whatever the size), cached apart so they never evict the
large ones; at most ~6 MB."""


def _deflate(data: bytes) -> tuple[int, bytes]:
    cache, most = (_cache, _CACHE_MAX_ENTRIES) if len(data) >= _CACHE_MIN else (_small, _SMALL_MAX_ENTRIES)
    hit = cache.get(data)
    if hit is not None:
        return hit
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    result = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
    with _cache_lock:
        if len(cache) >= most:
            cache.clear()
        cache[data] = result
    return result


def build_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """Write a deflated zip archive with fixed entry dates, entries in the given order.

    Args:
        entries: ``(member name, content)`` pairs; names must be unique.

    Returns:
        The archive bytes (identical for identical entries).

    Example:
        >>> import io, zipfile
        >>> data = build_zip([("a.xml", b"<a/>"), ("b/c.txt", b"hello")])
        >>> zipfile.ZipFile(io.BytesIO(data)).read("b/c.txt")
        b'hello'
    """
    out = bytearray()
    central = bytearray()
    count = 0
    for name, data in entries:
        raw_name = name.encode("utf-8")
        flags = 0 if raw_name.isascii() else 0x800
        crc, packed = _deflate(data)
        offset = len(out)
        out += _LOCAL.pack(
            0x04034B50, 20, flags, 8, _DOS_TIME, _DOS_DATE, crc, len(packed), len(data), len(raw_name), 0
        )
        out += raw_name
        out += packed
        central += _CENTRAL.pack(
            0x02014B50, 20, 20, flags, 8, _DOS_TIME, _DOS_DATE, crc, len(packed), len(data),
            len(raw_name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += raw_name
        count += 1
    start = len(out)
    out += central
    out += _END.pack(0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(out)


def fix_zip_dates(data: bytes) -> bytes:
    """Set every entry date of a (non-zip64) archive to 1980-01-01 00:00, without recompressing.

    CRCs do not cover the date fields, so the archive stays valid; only the local and central headers change.

    Args:
        data: A zip archive, e.g. as saved by openpyxl.

    Returns:
        The same archive with fixed dates.

    Raises:
        OfficeFileError: If the bytes are not a zip archive this function understands.

    Example:
        >>> import io, zipfile
        >>> buf = io.BytesIO()
        >>> with zipfile.ZipFile(buf, "w") as zf:
        ...     zf.writestr("x.txt", "hi")
        >>> zipfile.ZipFile(io.BytesIO(fix_zip_dates(buf.getvalue()))).getinfo("x.txt").date_time
        (1980, 1, 1, 0, 0, 0)
    """
    buf = bytearray(data)
    end = buf.rfind(b"PK\x05\x06")
    if end < 0 or end + _END.size > len(buf):
        raise OfficeFileError("internal error: writer output is not a zip archive")
    _, _, _, _, count, _size, start, _ = _END.unpack_from(buf, end)
    pos = start
    for _ in range(count):
        fields = _CENTRAL.unpack_from(buf, pos)
        if fields[0] != 0x02014B50:
            raise OfficeFileError("internal error: bad zip central directory in writer output")
        struct.pack_into("<HH", buf, pos + 12, _DOS_TIME, _DOS_DATE)
        local = fields[16]
        struct.pack_into("<HH", buf, local + 10, _DOS_TIME, _DOS_DATE)
        pos += _CENTRAL.size + fields[10] + fields[11] + fields[12]
    return bytes(buf)


def to_utc_naive(value: datetime) -> datetime:
    """Convert a datetime to naive UTC (naive input is taken as UTC already).

    Example:
        >>> from datetime import timedelta
        >>> to_utc_naive(datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=2))))
        datetime.datetime(2026, 3, 2, 8, 0)
    """
    if value.tzinfo is None:
        return value.replace(microsecond=0)
    return value.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True)
class CoreValues:
    """Concrete core properties (all set, times as naive UTC).

    Attributes:
        title: Title property.
        author: Creator.
        last_modified_by: Last editor (defaults to the author).
        subject: Subject.
        keywords: Keywords.
        created: Creation time, naive UTC.
        modified: Modification time, naive UTC (never before ``created``).
    """

    title: str
    author: str
    last_modified_by: str
    subject: str
    keywords: str
    created: datetime
    modified: datetime


def core_values(props: DocProperties | None, title: str = "") -> CoreValues:
    """Resolve optional properties to concrete values with deterministic defaults.

    Args:
        props: Properties from the spec, or None.
        title: Fallback title (e.g. the document's visible title).

    Returns:
        The values to write.

    Example:
        >>> core_values(None, "Q3 Review").created.isoformat()
        '2026-01-05T09:00:00'
    """
    p = props or DocProperties()

    def prop(text: str) -> str:
        # Word and PowerPoint reject core properties longer than 255 characters: keep the start, mark the cut.
        clean = xml_safe(text)
        return clean if len(clean) <= MAX_PROPERTY_CHARS else clean[: MAX_PROPERTY_CHARS - 1].rstrip() + "\u2026"

    created = to_utc_naive(p.created or p.modified or DEFAULT_TIME)
    modified = to_utc_naive(p.modified) if p.modified else created
    author = p.author or ""
    return CoreValues(
        title=prop(p.title if p.title is not None else title),
        author=prop(author),
        last_modified_by=prop(p.last_modified_by or author),
        subject=prop(p.subject or ""),
        keywords=prop(p.keywords or ""),
        created=created,
        modified=max(modified, created),
    )

"""Defensive checks on OOXML (zip) containers before their bytes reach python-docx, openpyxl or python-pptx.

An Office Open XML file is a zip archive of XML parts. Hostile or broken files are rejected here, cheaply and with a
clear :class:`~synthcomp_agents.office.OfficeFileError`, so that format libraries never see them:

- not a zip at all (random bytes, a text file renamed ``.xlsx``), truncated or corrupted archives, CRC errors;
- zip bombs: too many entries, declared or actual uncompressed size too large, suspicious compression ratio;
- XML parts that are too large to parse within the memory budget;
- XML with a document type declaration (``<!DOCTYPE``): Office never writes one, and it is the carrier of external
  entity (XXE) and entity-expansion ("billion laughs") attacks;
- XML nested deeper than any Office document needs.

Every entry is actually decompressed (streamed, in chunks, never beyond its limit) so declared sizes cannot lie.

Example:
    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as zf:
    ...     zf.writestr("[Content_Types].xml", "<Types/>")
    ...     zf.writestr("word/document.xml", "<w:document xmlns:w='urn:x'/>")
    >>> check_ooxml(buf.getvalue(), "docx").entries
    2
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from ._errors import OfficeFileError

__all__ = ["ZipLimits", "ZipReport", "check_ooxml", "check_zip"]


@dataclass(frozen=True)
class ZipLimits:
    """Limits applied to a zip container.

    Attributes:
        max_entries: Maximum number of entries in the archive.
        max_total_uncompressed: Maximum sum of uncompressed entry sizes, in bytes.
        max_entry_uncompressed: Maximum uncompressed size of any single entry (media included), in bytes.
        max_xml_part: Maximum uncompressed size of one XML part, in bytes (XML is parsed fully into memory).
        max_ratio: Maximum compression ratio of an entry larger than ``ratio_floor`` bytes.
        ratio_floor: Entries smaller than this are not ratio-checked (tiny parts compress extremely well).
        max_xml_depth: Maximum element nesting depth of an XML part.
    """

    max_entries: int = 20_000
    max_total_uncompressed: int = 300 * 1024 * 1024
    max_entry_uncompressed: int = 100 * 1024 * 1024
    max_xml_part: int = 40 * 1024 * 1024
    max_ratio: float = 150.0
    ratio_floor: int = 2 * 1024 * 1024
    max_xml_depth: int = 200


@dataclass(frozen=True)
class ZipReport:
    """What :func:`check_zip` found: entry count, total uncompressed bytes, names, and (with ``keep_xml``) the
    checked XML parts' bytes, so a reader parses them without inflating them a second time."""

    entries: int
    total_uncompressed: int
    names: tuple[str, ...]
    xml: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)


DEFAULT_LIMITS = ZipLimits()

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 256 * 1024
_DOCTYPE_PATTERNS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
# Tags that open (not close, not self-closing, not <? or <!): used to bound nesting depth cheaply.
_TAG_RE = re.compile(rb"<(/?)[A-Za-z_][^<>]*?(/?)>")

_REQUIRED = {
    "docx": ("word/document.xml", "a Word document"),
    "xlsx": ("xl/workbook.xml", "an Excel workbook"),
    "pptx": ("ppt/presentation.xml", "a PowerPoint presentation"),
}


def _human(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _xml_depth_ok(data: bytes, max_depth: int) -> bool:
    """Return False when element nesting exceeds ``max_depth`` (a vectorised byte-level scan, not a parser).

    Counts ``<name`` as +1, ``</`` and ``/>`` as -1 and takes the running maximum; ``<?`` and ``<!`` are ignored.
    numpy (a dependency of pycel) makes this ~20x faster than a regex walk over every tag.
    """
    if data.count(b"<") <= max_depth:  # fewer open tags than the limit cannot nest deeper than it
        return True
    import numpy as np

    arr = np.frombuffer(data, dtype=np.uint8)
    lt = np.flatnonzero(arr == 60)
    after = arr[np.minimum(lt + 1, len(arr) - 1)]
    opens = lt[(after != 47) & (after != 63) & (after != 33)]
    closes = lt[after == 47]
    gt = np.flatnonzero(arr == 62)
    gt = gt[gt > 0]
    self_closing = gt[arr[gt - 1] == 47]
    positions = np.concatenate([opens, closes, self_closing])
    deltas = np.concatenate([np.ones(len(opens), np.int32), -np.ones(len(closes) + len(self_closing), np.int32)])
    depth = np.cumsum(deltas[np.argsort(positions, kind="stable")])
    return bool(depth.max(initial=0) <= max_depth)


def check_zip(
    data: bytes,
    filename: str = "file",
    limits: ZipLimits = DEFAULT_LIMITS,
    *,
    keep_xml: bool = False,
    inflate_media: bool = True,
) -> ZipReport:
    """Validate a zip container against ``limits``, decompressing every entry in bounded chunks.

    Args:
        data: Raw bytes of the file.
        filename: Name used in error messages.
        limits: Limits to enforce.
        keep_xml: Return the XML parts' bytes in the report (for readers that parse them next).
        inflate_media: Decompress non-XML parts too. Readers that never open media (our lxml readers) pass False:
            those parts are then checked by their declared sizes and ratios only.

    Returns:
        A :class:`ZipReport` with the entry count, total uncompressed size and entry names.

    Raises:
        OfficeFileError: The bytes are not a readable zip archive or break a limit.

    Example:
        >>> check_zip(b"not a zip", "notes.docx")
        Traceback (most recent call last):
        ...
        synthcomp_agents.office._errors.OfficeFileError: notes.docx is not a valid Office file: not a zip archive ...
    """
    if not data.startswith(b"PK"):
        raise OfficeFileError(
            f"{filename} is not a valid Office file: not a zip archive (it may be another format with the wrong "
            "extension, or corrupted)."
        )
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd >= 0 and eocd + 22 <= len(data):
        declared_entries = struct.unpack_from("<H", data, eocd + 10)[0]
        if declared_entries > limits.max_entries:  # decided before parsing a huge central directory
            raise OfficeFileError(
                f"{filename} was not read: it has {declared_entries:,} parts, more than the {limits.max_entries:,} "
                "this reader accepts (limit reached)."
            )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, IndexError) as exc:
        raise OfficeFileError(f"{filename} is not a valid Office file: damaged zip archive ({exc}).") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise OfficeFileError(
                f"{filename} was not read: it has {len(infos):,} parts, more than the {limits.max_entries:,} this "
                "reader accepts (limit reached)."
            )
        declared_total = 0
        for info in infos:
            declared_total += info.file_size
            if info.file_size > limits.max_entry_uncompressed:
                raise OfficeFileError(
                    f"{filename} was rejected: part {info.filename!r} declares {_human(info.file_size)} uncompressed "
                    f"(limit {_human(limits.max_entry_uncompressed)})."
                )
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise OfficeFileError(
                    f"{filename} was rejected: part {info.filename!r} declares compression ratio "
                    f"{info.file_size / max(info.compress_size, 1):,.0f}:1 (limit {limits.max_ratio:,.0f}:1); "
                    "it looks like a zip bomb."
                )
            if info.flag_bits & 0x1:
                raise OfficeFileError(f"{filename} is encrypted or password-protected; it cannot be read.")
        if declared_total > limits.max_total_uncompressed:
            raise OfficeFileError(
                f"{filename} was rejected: {_human(declared_total)} uncompressed in total "
                f"(limit {_human(limits.max_total_uncompressed)}); it looks like a zip bomb."
            )
        total = 0
        kept: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
            if not is_xml and not inflate_media:
                total += info.file_size
                continue
            cap = min(limits.max_xml_part if is_xml else limits.max_entry_uncompressed, info.file_size)
            size = 0
            head = bytearray()
            keep = is_xml
            try:
                with zf.open(info) as fh:
                    while True:
                        chunk = fh.read(_CHUNK)
                        if not chunk:
                            break
                        size += len(chunk)
                        if size > cap:
                            what = (
                                f"the {_human(cap)} this reader accepts for one XML part (limit reached)"
                                if cap < info.file_size
                                else f"the {_human(cap)} its header declares (damaged or hostile)"
                            )
                            raise OfficeFileError(
                                f"{filename} was not read: part {info.filename!r} decompresses to more than {what}."
                            )
                        if keep:
                            head += chunk
            except OfficeFileError:
                raise
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
                raise OfficeFileError(
                    f"{filename} is not a valid Office file: part {info.filename!r} is damaged ({exc})."
                ) from exc
            total += size
            if total > limits.max_total_uncompressed:
                raise OfficeFileError(
                    f"{filename} was rejected: more than {_human(limits.max_total_uncompressed)} uncompressed."
                )
            if size > limits.ratio_floor and info.compress_size > 0 and size / info.compress_size > limits.max_ratio:
                raise OfficeFileError(
                    f"{filename} was rejected: part {info.filename!r} has compression ratio "
                    f"{size / info.compress_size:,.0f}:1 (limit {limits.max_ratio:,.0f}:1); it looks like a zip bomb."
                )
            if is_xml:
                blob = bytes(head)
                if any(p in blob for p in _DOCTYPE_PATTERNS):
                    raise OfficeFileError(
                        f"{filename} was rejected: part {info.filename!r} contains a DOCTYPE/ENTITY declaration, "
                        "which Office files never use (possible XML entity attack)."
                    )
                if not _xml_depth_ok(blob, limits.max_xml_depth):
                    raise OfficeFileError(
                        f"{filename} was rejected: part {info.filename!r} nests XML elements deeper than "
                        f"{limits.max_xml_depth} levels."
                    )
                if keep_xml:
                    kept[info.filename] = blob
        names = tuple(i.filename for i in infos)
        return ZipReport(entries=len(infos), total_uncompressed=total, names=names, xml=kept)


def check_ooxml(
    data: bytes,
    kind: str,
    filename: str | None = None,
    limits: ZipLimits = DEFAULT_LIMITS,
    *,
    keep_xml: bool = False,
    inflate_media: bool = True,
) -> ZipReport:
    """Validate an Office Open XML file of ``kind`` ("docx", "xlsx" or "pptx") before a library opens it.

    Args:
        data: Raw bytes of the file.
        kind: Expected format: "docx", "xlsx" or "pptx".
        filename: Name used in error messages (defaults to ``"file.<kind>"``).
        limits: Zip limits to enforce.
        keep_xml: See :func:`check_zip`.
        inflate_media: See :func:`check_zip`.

    Returns:
        The :class:`ZipReport` of the container.

    Raises:
        OfficeFileError: Not a zip, hostile, or missing the main part of ``kind`` (e.g. an xlsx renamed .docx).

    Example:
        >>> check_ooxml(b"hello", "xlsx", "budget.xlsx")
        Traceback (most recent call last):
        ...
        synthcomp_agents.office._errors.OfficeFileError: budget.xlsx is not a valid Office file: not a zip archive ...
    """
    name = filename or f"file.{kind}"
    report = check_zip(data, name, limits, keep_xml=keep_xml, inflate_media=inflate_media)
    required = _REQUIRED.get(kind)
    if required is not None:
        part, label = required
        if part not in report.names:
            found = next((lbl for k, (p, lbl) in _REQUIRED.items() if p in report.names and k != kind), None)
            hint = f" (it looks like {found} with the wrong extension)" if found else ""
            raise OfficeFileError(f"{name} is not {label}: the zip has no {part}{hint}.")
    return report

"""The disk archive: one deterministic zip file (sorted entries, fixed timestamps, manifest.json).

Layout::

    manifest.json            user, os, quotas, metadata of every node, journal, trash (schema_version 1), and
                             ``described``: sha256 -> recipe of files that are seeded noise (their entry is empty)
    home/<path>              file contents (folders as ``home/<path>/`` entries)
    trash/<trash_id>/item... contents of trashed files and folders
"""

from __future__ import annotations

import json
import os
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ._atomic import atomic_path
from ._errors import DiskError, DiskNotFoundError, DiskQuotaError

__all__ = ["ArchiveReader", "write_archive"]

MANIFEST = "manifest.json"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_FILE_ATTR = (0o100644 & 0xFFFF) << 16
_DIR_ATTR = ((0o040755 & 0xFFFF) << 16) | 0x10
STORED_SUFFIXES = frozenset(
    {".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".zst"}  # archives
    | {".jpg", ".jpeg", ".webp", ".heic", ".avif"}  # lossy images
    | {".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac", ".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi"}  # media
    | {".docx", ".xlsx"}  # zips of deflated XML: deflating them again only shrinks their zip headers
)
"""Members written without deflating (``ZIP_STORED``): their formats are already compressed, so deflate costs time
and saves little (measured on the README job's end state: zip 1.000, mp3 0.999, jpg 0.994 of the raw size; on
generated computers docx 0.94 and xlsx 0.90 at level 1, ~4 ms of a computer's save for ~1% of its archive). pptx
(0.77: its slides share XML the outer deflate finds across members), png and pdf still shrink and stay deflated."""


_LEVEL = 1
"""Deflate level of members: level 1 is 2-3x faster than 6 and, on a computer's office files, e-mails and
screenshots (mostly already-deflated zips and PNGs), within 1% of its size (1,654,838 against 1,645,889 bytes)."""


def _compress_type(name: str, data: bytes | None) -> int:
    """``ZIP_STORED`` for folders and already-compressed formats (by suffix), else ``ZIP_DEFLATED``.

    Example:
        >>> _compress_type("home/Pictures/a.JPG", b"x") == zipfile.ZIP_STORED, _compress_type("home/a.md", b"x")
        (True, 8)
    """
    if data is None or posixpath.splitext(name)[1].lower() in STORED_SUFFIXES:  # Path().suffix, 10x cheaper
        return zipfile.ZIP_STORED
    return zipfile.ZIP_DEFLATED


def write_archive(path: str | os.PathLike[str], manifest: dict[str, Any], entries: dict[str, bytes | None]) -> None:
    """Write the archive atomically; ``entries`` maps zip names to bytes (None for a folder entry).

    Members are deflated, except folders and already-compressed formats (:data:`STORED_SUFFIXES`), which are
    stored as they are. Same entries, same bytes.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # compact separators: json's C encoder (indent forces the pure-Python one, ~5x slower on a month's journal)
    blob = json.dumps(manifest, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    all_entries: dict[str, bytes | None] = {MANIFEST: blob}
    all_entries.update({name if data is not None else name + "/": data for name, data in entries.items()})
    names = sorted(all_entries)
    with atomic_path(target) as tmp:
        parts = _zip_parts(names, all_entries)
        if parts is not None:
            with open(tmp, "wb") as out:
                out.writelines(parts)
            return
        with zipfile.ZipFile(tmp, "w") as archive:  # zip64 sizes or counts: zipfile writes those records
            for name in names:
                data = all_entries[name]
                info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
                info.create_system = 3
                info.external_attr = _DIR_ATTR if data is None else _FILE_ATTR
                info.compress_type = _compress_type(name, data)
                archive.writestr(info, b"" if data is None else data, compresslevel=_LEVEL)


_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # zipfile's DEFAULT_VERSION: what it writes as the version made by and needed to extract
_DOS_DATE = (_FIXED_TIME[0] - 1980) << 9 | _FIXED_TIME[1] << 5 | _FIXED_TIME[2]  # _FIXED_TIME as DOS date
_DOS_TIME = _FIXED_TIME[3] << 11 | _FIXED_TIME[4] << 5 | _FIXED_TIME[5] // 2  # and time
_SMALL = 1 << 30  # below zip64's limit (2 GiB) with room: larger archives go through zipfile


def _zip_parts(names: list[str], entries: dict[str, bytes | None]) -> list[bytes] | None:
    """The zip file ``zipfile`` writes for these entries (the same bytes: headers, deflate level, order), built as
    a list of byte strings in one pass: no per-member seeks back to patch the local headers, no small writes.
    None when zip64 records would be needed (a member or the whole archive near 2 GiB, 65,535 members or more).

    Example:
        >>> import io
        >>> parts = _zip_parts(["a.txt", "d/"], {"a.txt": b"hello hello hello", "d/": None})
        >>> z = zipfile.ZipFile(io.BytesIO(b"".join(parts)))
        >>> z.read("a.txt"), [i.compress_type for i in z.infolist()], z.getinfo("d/").is_dir()
        (b'hello hello hello', [8, 0], True)
    """
    if len(names) >= 0xFFFF:
        return None
    parts: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in names:
        data = entries[name]
        raw = b"" if data is None else data
        method = _compress_type(name, data)
        if method == zipfile.ZIP_DEFLATED:
            deflate = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
            body = deflate.compress(raw) + deflate.flush()
        else:
            body = raw
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800
        if "\0" in name or offset + len(body) + len(raw) >= _SMALL:
            return None
        crc = zlib.crc32(raw)
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, method, _DOS_TIME, _DOS_DATE, crc, len(body),
                             len(raw), len(encoded), 0)  # fmt: skip
        parts += (header, encoded, body)
        attr = _DIR_ATTR if data is None else _FILE_ATTR
        record = _CENTRAL.pack(b"PK\x01\x02", _VERSION, 3, _VERSION, 0, flags, method, _DOS_TIME, _DOS_DATE, crc,
                               len(body), len(raw), len(encoded), 0, 0, 0, 0, attr, offset)  # fmt: skip
        central.append(record + encoded)
        offset += len(header) + len(encoded) + len(body)
    directory = b"".join(central)
    parts += (directory, _END.pack(b"PK\x05\x06", 0, 0, len(names), len(names), len(directory), offset, 0))
    return parts


class ArchiveReader:
    """Reads a disk archive defensively: entry sizes are capped, names are only looked up, never joined to host paths.

    Example:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "x.scdisk")
        >>> write_archive(p, {"schema_version": 1}, {"home/a.txt": b"hi"})
        >>> with ArchiveReader(p, max_entry_bytes=100) as r:
        ...     r.manifest["schema_version"], r.read("home/a.txt")
        (1, b'hi')
    """

    def __init__(self, path: str | os.PathLike[str], max_entry_bytes: int) -> None:
        self.path = os.fspath(path)
        self.max_entry_bytes = max_entry_bytes
        try:
            self._zip = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise DiskNotFoundError(f"no disk archive at {self.path!r}; pass the path of a .scdisk file") from None
        except (zipfile.BadZipFile, OSError) as exc:
            raise DiskError(f"{self.path!r} is not a disk archive ({exc}); pass a file written by to_archive") from exc
        try:
            raw = self.read(MANIFEST, limit=256 * 2**20)
            manifest = json.loads(raw.decode("utf-8"))
        except (DiskError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._zip.close()
            raise DiskError(
                f"{self.path!r} has no valid manifest.json ({exc}); pass a file written by to_archive"
            ) from exc
        if not isinstance(manifest, dict) or manifest.get("schema_version") != 1:
            self._zip.close()
            raise DiskError(f"{self.path!r} has an unsupported manifest (schema_version 1 expected)")
        self.manifest: dict[str, Any] = manifest

    def read(self, name: str, limit: int | None = None) -> bytes:
        """Return one entry's bytes, refusing entries larger than the limit (zip-bomb safe)."""
        cap = self.max_entry_bytes if limit is None else limit
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            raise DiskError(f"archive {self.path!r} lacks entry {name!r}; the archive is damaged") from None
        if info.file_size > cap:
            raise DiskQuotaError(f"archive entry {name!r} is {info.file_size} bytes; the limit is {cap}")
        with self._zip.open(info) as handle:
            data = handle.read(cap + 1)
        if len(data) > cap:
            raise DiskQuotaError(f"archive entry {name!r} is larger than the limit of {cap} bytes")
        return data

    def entry_size(self, name: str) -> int | None:
        """The uncompressed size of entry ``name``, or None when there is none (described files have an empty
        entry, or none, and their recipe in ``manifest["described"]``)."""
        try:
            return int(self._zip.getinfo(name).file_size)
        except KeyError:
            return None

    def close(self) -> None:
        """Close the zip file."""
        self._zip.close()

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

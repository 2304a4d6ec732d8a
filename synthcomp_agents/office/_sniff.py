"""What a file really is, from its first bytes: OOXML kind, PDF, OLE2 (legacy Office, Outlook .msg, or an
encrypted OOXML package), images.

Example:
    >>> sniff(b"%PDF-1.7 ..."), sniff(b"\\x89PNG\\r\\n\\x1a\\n...")
    ('pdf', 'image')
"""

from __future__ import annotations

import io
import struct

__all__ = ["OLE_MAGIC", "ole_kind", "sniff"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OOXML_MAIN = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")


def ole_kind(data: bytes) -> str | None:
    """For an OLE2 compound file: 'encrypted' (a password-protected OOXML package), 'xls', 'doc', 'ppt', 'msg', or
    None when it is none of these (or unreadable)."""
    try:
        import olefile
    except ImportError:  # pragma: no cover - olefile is a dependency
        return None
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            listed = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
            streams = listed | {name.lower() for name in listed}
    except Exception:
        return None
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        return "encrypted"
    if "workbook" in streams or "book" in streams:
        return "xls"
    if "worddocument" in streams:
        return "doc"
    if "powerpoint document" in streams:
        return "ppt"
    if any(s.startswith("__substg1.0_") for s in streams):
        return "msg"
    return None


def _ooxml_kind(data: bytes) -> str | None:
    """The OOXML kind from the names in the zip's (outer) central directory, read from the end record."""
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd < 0 or eocd + 22 > len(data):
        return None
    count, size, offset = struct.unpack_from("<HII", data, eocd + 10)
    if offset + size > eocd:  # prepended data or zip64: take the directory just before the end record
        offset = max(0, eocd - size)
    pos = offset
    for _ in range(count):
        if data[pos : pos + 4] != b"PK\x01\x02":
            return None
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        kind = _OOXML_MAIN.get(data[pos + 46 : pos + 46 + name_len].decode("utf-8", "replace"))
        if kind is not None:
            return kind
        pos += 46 + name_len + extra_len + comment_len
    return None


def sniff(data: bytes) -> str | None:
    """The kind the content says (docx, xlsx, pptx, pdf, ole, image), or None when the bytes carry no magic."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(data)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head == OLE_MAGIC:
        return "ole"
    if head.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    return None

"""File kinds by extension: what a file is, which tool reads or writes it."""

from __future__ import annotations

from typing import Literal

__all__ = [
    "BINARY_EXTS",
    "KIND_EXTS",
    "OFFICE_READ_EXTS",
    "TEXT_EXTS",
    "WRITE_TOOL_FOR_EXT",
    "Kind",
    "extension",
    "kind_of",
    "looks_binary",
]

Kind = Literal[
    "any", "file", "folder", "document", "spreadsheet", "presentation", "pdf", "text", "email", "calendar", "image"
]

KIND_EXTS: dict[str, frozenset[str]] = {
    "document": frozenset({"docx", "doc", "odt", "rtf", "md", "pdf"}),
    "spreadsheet": frozenset({"xlsx", "xlsm", "xls", "ods", "csv", "tsv"}),
    "presentation": frozenset({"pptx", "ppt", "odp", "key"}),
    "pdf": frozenset({"pdf"}),
    "text": frozenset(
        {
            "txt",
            "md",
            "markdown",
            "csv",
            "tsv",
            "json",
            "yaml",
            "yml",
            "xml",
            "html",
            "htm",
            "log",
            "ini",
            "cfg",
            "toml",
            "py",
            "js",
            "ts",
            "sql",
            "sh",
            "rst",
            "tex",
            "bib",
            "vcf",
            "srt",
        }
    ),
    "email": frozenset({"eml", "msg", "mbox"}),
    "calendar": frozenset({"ics"}),
    "image": frozenset({"png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "svg", "heic", "ico"}),
}

TEXT_EXTS = KIND_EXTS["text"] | frozenset({"ics", "eml"})
"""Extensions whose content is plain text (read directly when no office reader applies)."""

OFFICE_READ_EXTS = frozenset({"docx", "xlsx", "xlsm", "pptx", "pdf", "eml", "ics", "csv"})
"""Extensions handed to the office readers (``read_document``, ``outline``, ``extract_text``)."""

BINARY_EXTS = KIND_EXTS["image"] - {"svg"} | frozenset(
    {
        "zip",
        "gz",
        "tgz",
        "7z",
        "rar",
        "exe",
        "dll",
        "so",
        "bin",
        "dat",
        "mp3",
        "mp4",
        "mov",
        "wav",
        "avi",
        "mkv",
        "db",
        "sqlite",
        "psd",
        "ai",
        "doc",
        "xls",
        "ppt",
        "odt",
        "ods",
        "odp",
        "key",
        "msg",
        "heic",
        "woff",
        "ttf",
    }
)

WRITE_TOOL_FOR_EXT: dict[str, str] = {
    "docx": "create_document (or edit_document to change an existing .docx)",
    "pdf": "create_document with a .pdf path",
    "xlsx": "create_spreadsheet (or edit_spreadsheet to change an existing .xlsx)",
    "xlsm": "create_spreadsheet with a .xlsx path",
    "pptx": "create_presentation (or edit_presentation to change an existing .pptx)",
    "doc": "create_document with a .docx path",
    "xls": "create_spreadsheet with a .xlsx path",
    "ppt": "create_presentation with a .pptx path",
    "odt": "create_document with a .docx path",
    "ods": "create_spreadsheet with a .xlsx path",
    "odp": "create_presentation with a .pptx path",
}
"""Extensions that ``write_text_file`` refuses, with the tool to use instead."""


def extension(name: str) -> str:
    """Lower-case extension without the dot (``'report.DOCX'`` -> ``'docx'``; ``''`` when there is none)."""
    base = name.rsplit("/", 1)[-1]
    if "." not in base.lstrip("."):
        return ""
    return base.rsplit(".", 1)[-1].lower()


def kind_of(name: str, is_dir: bool = False) -> str:
    """Human kind of an entry: ``folder``, ``document``, ``spreadsheet``, ..., or ``file``."""
    if is_dir:
        return "folder"
    ext = extension(name)
    for kind in ("pdf", "document", "spreadsheet", "presentation", "email", "calendar", "image", "text"):
        if ext in KIND_EXTS[kind]:
            return kind
    return "file"


def looks_binary(data: bytes) -> bool:
    """True when the start of ``data`` is not UTF-8 text (NUL bytes or undecodable)."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is fine.
        return exc.start < len(head) - 4
    return False

"""Glob patterns over canonical paths: ``*``, ``?``, ``[...]`` within a name and ``**`` across folders."""

from __future__ import annotations

import re

from ._errors import DiskPathError

__all__ = ["compile_glob"]


def _segment(seg: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(seg):
        ch = seg[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            j = seg.find("]", i + 2 if i + 1 < len(seg) and seg[i + 1] in "!^" else i + 1)
            if j < 0:
                out.append(re.escape(ch))
            else:
                body = seg[i + 1 : j]
                negate = body[:1] in ("!", "^")
                if negate:
                    body = body[1:]
                body = "".join(c if c == "-" else re.escape(c) for c in body if c != "/")
                out.append(f"[{'^/' if negate else ''}{body}]" if body or negate else "(?!)")
                i = j
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def compile_glob(segments: list[str]) -> re.Pattern[str]:
    """Compile pattern segments (already split on ``/``) into a regex over canonical paths.

    ``**`` as a whole segment matches zero or more folders; a trailing ``**`` matches everything below.

    Example:
        >>> bool(compile_glob(["**", "*.docx"]).fullmatch("Documents/Q3/a.docx"))
        True
    """
    if not segments:
        raise DiskPathError("empty glob pattern; use a pattern like Documents/*.docx or **/*.xlsx")
    parts: list[str] = []
    last = len(segments) - 1
    for idx, seg in enumerate(segments):
        if seg == "**":
            parts.append("[^/]+(?:/[^/]+)*" if idx == last else "(?:[^/]+/)*")
        else:
            if "**" in seg:
                seg = seg.replace("**", "*")
            parts.append(_segment(seg) + ("" if idx == last else "/"))
    try:
        return re.compile("".join(parts))
    except re.error as exc:
        raise DiskPathError(f"invalid glob pattern: {exc}; use *, ?, [abc] and ** only") from exc

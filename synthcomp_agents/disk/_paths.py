"""OS path conventions and path validation.

The canonical form of a path is a home-relative POSIX string (``""`` is the home itself). This
module turns every accepted input form into that canonical form, rejects everything else with a
message that says which forms are accepted, and renders canonical paths in the display form of the
disk's OS.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ._errors import DiskPathError
from ._models import OS_FLAVORS, DiskQuotas, OSFlavor

__all__ = ["RESERVED_NAME", "PathPolicy", "name_problem", "show"]

RESERVED_NAME = ".synthcomp"
"""Folder of the folder backend's metadata; refused as a name anywhere on every backend."""

MAX_NAME_BYTES = 255
"""Host file systems limit a name to 255 UTF-8 bytes; enforced on every backend so both behave alike."""

_FORBIDDEN_CHARS = frozenset('<>:"|?*')
_LOOKALIKE_SLASHES = frozenset("\u2215\u2044\uff0f\u29f8\uff3c")
_RESERVED_DEVICE = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])$", re.IGNORECASE)
_DRIVE = re.compile(r"^([A-Za-z]):(?:/|$)")
_OTHER_USER_TILDE = re.compile(r"^~[A-Za-z0-9_][A-Za-z0-9._-]*(?:/|$)")
_HOME_PARTS: dict[OSFlavor, str] = {"linux": "home", "macos": "Users", "windows": "Users"}


def show(path: object, limit: int = 120) -> str:
    """Quote a caller-supplied value for an error message (escapes invisible characters, truncates).

    Unlike ``repr`` it keeps backslashes single, so Windows paths read naturally.
    """
    if not isinstance(path, str):
        return repr(path)[:limit]
    body = "".join(ch if ch.isprintable() and unicodedata.category(ch) != "Cf" else f"\\u{ord(ch):04x}" for ch in path)
    if len(body) > limit:
        body = body[: limit - 3] + "..."
    return f"'{body}'"


def _char_problem(text: str) -> str | None:
    """Return why ``text`` holds a forbidden character, or None."""
    if text.isascii() and text.isprintable():
        return None  # fast path: printable ASCII has no control, format or surrogate characters
    for ch in text:
        if ch == "\x00":
            return "contains a NUL character"
        if ch in _LOOKALIKE_SLASHES:
            return f"contains the lookalike slash U+{ord(ch):04X}; separate folders with / instead"
        cat = unicodedata.category(ch)
        if cat == "Cc" or cat in ("Zl", "Zp"):
            return f"contains the control character U+{ord(ch):04X}"
        if cat == "Cf":
            return f"contains the invisible formatting character U+{ord(ch):04X} (bidi/zero-width); retype it"
        if cat == "Cs":
            return f"contains an unpaired surrogate U+{ord(ch):04X}"
    return None


@functools.lru_cache(maxsize=65_536)
def name_problem(name: str, quotas: DiskQuotas) -> str | None:
    """Return why ``name`` (one path segment) is not allowed, or None when it is fine."""
    if name in ("", ".", ".."):
        return "is not a file or folder name"
    problem = _char_problem(name)
    if problem:
        return problem
    if unicodedata.normalize("NFC", name) != name:
        return "is not in Unicode NFC form"
    if len(name) > quotas.max_name_chars:
        return f"is {len(name)} characters long; the limit is {quotas.max_name_chars}, use a shorter name"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"is {len(name.encode('utf-8'))} bytes long in UTF-8; the limit is {MAX_NAME_BYTES}, use a shorter name"
    bad = sorted({ch for ch in name if ch in _FORBIDDEN_CHARS})
    if bad:
        return f'contains {" ".join(bad)} which file names cannot contain (not allowed: < > : " | ? *)'
    if name.endswith((".", " ")):
        return "ends with a dot or a space; remove the trailing character"
    if _RESERVED_DEVICE.match(name.split(".", 1)[0].rstrip(" ")):
        return "is a reserved device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9); choose another name"
    if name.casefold() == RESERVED_NAME:
        return "is reserved for the disk's own metadata; choose another name"
    return None


class PathPolicy:
    """Path rules of one disk: its user, OS flavor and quotas.

    Example:
        >>> p = PathPolicy("ana", "windows", DiskQuotas())
        >>> p.resolve("C:/users/ANA/Documents/x.docx"), p.display("Documents/x.docx")
        ('Documents/x.docx', 'C:\\\\Users\\\\ana\\\\Documents\\\\x.docx')
    """

    def __init__(self, user: str, os: OSFlavor, quotas: DiskQuotas) -> None:
        if os not in OS_FLAVORS:
            raise DiskPathError(f"unknown OS flavor {show(os)}; use one of: linux, macos, windows")
        if not isinstance(user, str) or not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,63}", user):
            raise DiskPathError(
                f"invalid user name {show(user)}; use letters, digits, '.', '_' or '-' (e.g. 'ana' or 'j.smith')"
            )
        if user.casefold() in ("users", "home") or name_problem(user, quotas):
            raise DiskPathError(f"invalid user name {show(user)}; choose another name such as 'ana'")
        self.user = user
        self.os: OSFlavor = os
        self.quotas = quotas
        self.sep = "\\" if os == "windows" else "/"
        self.home = f"C:\\Users\\{user}" if os == "windows" else f"/{_HOME_PARTS[os]}/{user}"

    # -- display ---------------------------------------------------------------------------------

    def display(self, canonical: str) -> str:
        """Render a canonical path in the OS display form (``""`` is the home)."""
        if not canonical:
            return self.home
        return self.home + self.sep + canonical.replace("/", self.sep)

    def hint(self) -> str:
        """Return the sentence that lists the accepted path forms."""
        example = self.display("Documents/file.txt")
        return f"use a path like ~/Documents/file.txt, Documents/file.txt or {example}"

    # -- resolution ------------------------------------------------------------------------------

    def split(self, path: str) -> list[str]:
        """Strip the home prefix of any accepted form and return the raw home-relative segments.

        Segment names are not validated (glob patterns use this too); ``..`` is rejected here.
        """
        if not isinstance(path, str):
            raise DiskPathError(f"path must be a string, got {type(path).__name__}; {self.hint()}")
        problem = _char_problem(path)
        if problem:
            raise DiskPathError(f"path {show(path)} {problem}; {self.hint()}")
        text = unicodedata.normalize("NFC", path.strip(" ")).replace("\\", "/")
        if unicodedata.normalize("NFC", text) != text:  # pragma: no cover - NFC is idempotent in practice
            raise DiskPathError(f"path {show(path)} is not stable under Unicode NFC normalization; retype it")
        if text == "~" or text.startswith("~/"):
            rest = text[1:]
        elif _OTHER_USER_TILDE.match(text):
            raise DiskPathError(
                f"path {show(path)} points into another user's home folder; this computer's home is {self.home}. "
                f"{self.hint().capitalize()}"
            )
        elif text.startswith("/") or _DRIVE.match(text):
            rest = self._strip_absolute(path, text)
        else:
            rest = text
        segments = [seg for seg in rest.split("/") if seg not in ("", ".")]
        if ".." in segments:
            raise DiskPathError(
                f"path {show(path)} contains '..'; parent references are not allowed. "
                f"Name the target from the home folder instead: {self.hint()}"
            )
        if segments and (segments[0] == "~" or _OTHER_USER_TILDE.match(segments[0])):
            raise DiskPathError(
                f"path {show(path)} starts with the name {show(segments[0])}, which reads as a home folder "
                f"(~ or ~user); rename it (e.g. without the leading ~) or put it in a subfolder; {self.hint()}"
            )
        return segments

    def _strip_absolute(self, original: str, text: str) -> str:
        outside = f"path {show(original)} is outside the home folder {self.home}; {self.hint()}"
        drive = _DRIVE.match(text)
        if drive:
            if self.os != "windows" or drive.group(1).upper() != "C":
                raise DiskPathError(outside)
            body = text[2:]
        else:
            if self.os == "windows" or text.startswith("//"):
                raise DiskPathError(outside)
            body = text
        parts = [seg for seg in body.split("/") if seg not in ("", ".")]
        if ".." in parts:
            raise DiskPathError(
                f"path {show(original)} contains '..'; parent references are not allowed; {self.hint()}"
            )
        fold = self.os != "linux"
        top = _HOME_PARTS[self.os]

        def same(a: str, b: str) -> bool:
            return a.casefold() == b.casefold() if fold else a == b

        if len(parts) >= 2 and same(parts[0], top):
            if same(parts[1], self.user):
                return "/".join(parts[2:])
            raise DiskPathError(
                f"path {show(original)} points into another user's home folder; this computer's home is "
                f"{self.home}; {self.hint()}"
            )
        raise DiskPathError(outside)

    def resolve(self, path: str) -> str:
        """Return the canonical form of ``path`` or raise :class:`DiskPathError` saying why not."""
        segments = self.split(path)
        for seg in segments:
            problem = name_problem(seg, self.quotas)
            if problem:
                raise DiskPathError(f"invalid name {show(seg)} in path {show(path)}: it {problem}.")
        canonical = "/".join(segments)
        if len(canonical) > self.quotas.max_path_chars:
            raise DiskPathError(
                f"path {show(path)} is {len(canonical)} characters long inside the home folder; the limit is "
                f"{self.quotas.max_path_chars}. Use shorter names or fewer nested folders."
            )
        return canonical


_HOME_PREFIX = re.compile(r"^(?:/(?:home|Users)/[^/]+/|[A-Za-z]:[\\/]Users[\\/][^\\/]+[\\/])")


def home_relative(path: str) -> str:
    r"""A path as tools display it (``~/a``, ``/home/u/a``, ``/Users/u/a``, ``C:\Users\u\a``) -> ``a``.

    A pure text transformation (no disk needed), for readers of recorded tool calls and results.

    Example:
        >>> home_relative("C:\\Users\\ana\\Documents\\x.xlsx"), home_relative("/Users/ana/Documents/x.xlsx")
        ('Documents/x.xlsx', 'Documents/x.xlsx')
        >>> home_relative("~/Documents/x.docx"), home_relative("Documents/x.docx")
        ('Documents/x.docx', 'Documents/x.docx')
    """
    text = path.strip()
    if text.startswith("~/"):
        return text[2:]
    match = _HOME_PREFIX.match(text)
    if match:
        rest = text[match.end() :]
        return rest.replace("\\", "/") if text[1:2] == ":" else rest
    return text.lstrip("/")

"""Exception hierarchy for the office toolkit.

All readers, writers and editors raise subclasses of :class:`OfficeError` for
problems caused by their input, so callers (and agent tools) can catch a single
type and turn it into a readable message.
"""

from __future__ import annotations

__all__ = ["OfficeEditError", "OfficeError", "OfficeFileError"]


class OfficeError(ValueError):
    """Base class for every error raised by the office toolkit.

    Subclasses :class:`ValueError` so generic input-validation handlers still
    catch it. The message is meant to be shown to an LLM agent verbatim: it says
    what went wrong and, when possible, what the valid choices are.
    """


class OfficeFileError(OfficeError):
    """A file could not be read or written safely.

    Raised for corrupted, truncated or mislabelled files, unsupported formats,
    and hostile inputs (zip bombs, oversized or deeply nested XML, external
    entities) detected before or while handing bytes to a format library.
    """


class OfficeEditError(OfficeError):
    """An edit could not be applied to a document.

    Raised when the edit target does not exist (heading, sheet, cell, slide) or
    the edit is invalid for the document; the message lists the valid targets.
    """

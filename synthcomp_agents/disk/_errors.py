"""Errors raised by :mod:`synthcomp_agents.disk`.

Every message is written for the caller, which is often an LLM agent: it names the path in the
disk's display form and says what to do instead.
"""

from __future__ import annotations

__all__ = [
    "DiskError",
    "DiskExistsError",
    "DiskNotFoundError",
    "DiskPathError",
    "DiskQuotaError",
    "DiskTypeError",
]


class DiskError(Exception):
    """Base class of every disk error; the message says what to do instead."""


class DiskPathError(DiskError):
    """The path is invalid or points outside the home folder."""


class DiskNotFoundError(DiskError):
    """No file or folder at the path (or no such trash item / disk)."""


class DiskExistsError(DiskError):
    """Something already exists where the operation would create a file or folder."""


class DiskQuotaError(DiskError):
    """The operation would exceed one of the disk's quotas."""


class DiskTypeError(DiskError):
    """A file was found where a folder was expected, or the other way round."""

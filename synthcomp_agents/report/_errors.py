"""The one error the report raises: the folder cannot be reported on (with what to do instead)."""

from __future__ import annotations


class ReportError(Exception):
    """A folder that is not a (readable) run folder.

    Example:
        >>> from pathlib import Path
        >>> from synthcomp_agents.report import ReportError, write_report
        >>> try:
        ...     write_report(Path("/nonexistent/run"))
        ... except ReportError as exc:
        ...     print(str(exc).split(":")[0])
        /nonexistent/run does not exist
    """

"""Static HTML run report: ``write_report(run_dir)`` writes one self-contained ``report.html``.

The page shows the persona and profile, the objectives with scores and plain-words audits (from
``signals.json`` when it exists), token/time/progress charts (inline SVG), a day-by-day timeline and the
home folder's file tree with created, changed and deleted files marked. It needs no network and gives the
same bytes for the same run.

Example:
    >>> from pathlib import Path
    >>> from synthcomp_agents.report import write_report
    >>> write_report(Path("out/runs/c1")).name  # doctest: +SKIP
    'report.html'
"""

from ._errors import ReportError as ReportError
from ._report import collect_report_data as collect_report_data
from ._report import write_report

__all__ = [
    "write_report",
]

"""JobFolder: the layout of one batch job folder, built on the computer and run folder owners.

Layout of ``OUT/jobs/<job_id>/``::

    computer/       the computer folder (a ComputerFolder: computer.json, computer.scdisk, home/)
    run/            the run folder (a RunFolder: objectives.json, trajectory.jsonl.zst, final/, signals.json, ...)
    attempts.jsonl  one line per attempt event
    job.json        the JobResult, written once, atomically, when the job is complete
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when used: the batch driver and its CLI stay light (no simulation stack)
    from ..computers import ComputerFolder
    from ..simulation import RunFolder

__all__ = ["ATTEMPTS_LOG", "JOBS", "JOB_JSON", "JobFolder"]

JOBS = "jobs"
"""A batch output holds its job folders in ``OUT/jobs/``."""
JOB_JSON = "job.json"
"""The completion marker of a job folder (its JobResult)."""
ATTEMPTS_LOG = "attempts.jsonl"
"""The attempt log of a job folder."""


@dataclass(frozen=True)
class JobFolder:
    """One batch job's folder: its computer folder, its run folder, its result and attempt log.

    Example:
        >>> job = JobFolder.of(Path("out"), "00000-c-1")
        >>> job.path.as_posix(), job.computer.path.name, job.run.summary_path.as_posix()
        ('out/jobs/00000-c-1', 'computer', 'out/jobs/00000-c-1/run/run.json')
        >>> job.computer.path in job.run.original_candidates()  # the run looks for its computer beside it
        True
    """

    path: Path

    def __init__(self, path: str | os.PathLike[str]) -> None:
        object.__setattr__(self, "path", Path(path))

    @classmethod
    def of(cls, root: str | os.PathLike[str], job_id: str) -> JobFolder:
        """The folder of job ``job_id`` in the batch output ``root``."""
        return cls(Path(root) / JOBS / job_id)

    @property
    def computer(self) -> ComputerFolder:
        """``computer/``."""
        from ..computers import ComputerFolder
        from ..simulation import JOB_COMPUTER

        return ComputerFolder(self.path / JOB_COMPUTER)

    @property
    def run(self) -> RunFolder:
        """``run/``."""
        from ..simulation import JOB_RUN, RunFolder

        return RunFolder(self.path / JOB_RUN)

    @property
    def result_path(self) -> Path:
        """``job.json``: exists once the job is complete."""
        return self.path / JOB_JSON

    @property
    def attempts_path(self) -> Path:
        """``attempts.jsonl``."""
        return self.path / ATTEMPTS_LOG

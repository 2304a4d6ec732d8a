"""At scale: batch runs of many jobs (persona -> computer -> objectives -> simulation -> signals), resumable,
on local processes or a Ray cluster, with a SQLite manifest, fsspec outputs, a summary and a price table.

Example:
    >>> from synthcomp_agents.scale import BatchConfig, run_batch
    >>> summary = run_batch(BatchConfig(n=4, seed=0, out="runs/batch", workers=2, days=5))  # doctest: +SKIP
    >>> summary["states"]["done"]  # doctest: +SKIP
    4
"""

from typing import TYPE_CHECKING, Any

from ._errors import BatchError as BatchError
from ._errors import ErrorKind as ErrorKind
from ._errors import PermanentJobError as PermanentJobError
from ._errors import RetryPolicy as RetryPolicy
from ._errors import TransientError as TransientError
from ._errors import classify_error as classify_error
from ._folder import JobFolder as JobFolder
from ._jobs import JobFunction as JobFunction
from ._jobs import JobResult as JobResult
from ._jobs import JobSpec as JobSpec
from ._jobs import StageError as StageError
from ._jobs import execute_job as execute_job
from ._jobs import job_seed as job_seed
from ._jobs import run_pipeline as run_pipeline
from ._jobs import tokens_by_role as tokens_by_role
from ._local import LocalBackend as LocalBackend
from ._manifest import MANIFEST_NAME as MANIFEST_NAME
from ._manifest import JobRow as JobRow
from ._manifest import JobState as JobState
from ._manifest import Manifest as Manifest
from ._outputs import OutputLocation as OutputLocation
from ._outputs import publish_folder as publish_folder
from ._prices import DEFAULT_PRICES as DEFAULT_PRICES
from ._prices import SCRIPTED_MODEL as SCRIPTED_MODEL
from ._prices import ModelPrice as ModelPrice
from ._prices import PriceTable as PriceTable
from ._ray import RayBackend as RayBackend
from ._runner import BACKENDS as BACKENDS
from ._runner import BatchConfig, run_batch
from ._runner import BatchRunner as BatchRunner
from ._scheduler import BatchProgress as BatchProgress
from ._scheduler import Scheduler as Scheduler
from ._summary import build_summary as build_summary
from ._summary import job_cost as job_cost
from ._summary import write_summary as write_summary

__all__ = [
    "BatchConfig",
    "run_batch",
]


if TYPE_CHECKING:
    from ._cli import batch_app as batch_app


def __getattr__(name: str) -> Any:
    """``batch_app`` (the ``synthcomp batch`` Typer app) loads on first use, so ``import scale`` needs no Typer."""
    if name == "batch_app":
        from ._cli import batch_app

        return batch_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

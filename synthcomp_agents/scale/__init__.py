"""At scale: batch runs of many jobs (persona -> computer -> objectives -> simulation -> signals), resumable,
on local processes or a Ray cluster, with a SQLite manifest, fsspec outputs, a summary and a price table.

Example:
    >>> from synthcomp_agents.scale import BatchConfig, run_batch
    >>> summary = run_batch(BatchConfig(n=4, seed=0, out="runs/batch", workers=2, days=5))  # doctest: +SKIP
    >>> summary["states"]["done"]  # doctest: +SKIP
    4
"""

from ._errors import BatchError, ErrorKind, PermanentJobError, RetryPolicy, TransientError, classify_error
from ._folder import JobFolder
from ._jobs import JobFunction, JobResult, JobSpec, StageError, execute_job, job_seed, run_pipeline, tokens_by_role
from ._local import LocalBackend
from ._manifest import MANIFEST_NAME, JobRow, JobState, Manifest
from ._outputs import OutputLocation, publish_folder
from ._prices import DEFAULT_PRICES, SCRIPTED_MODEL, ModelPrice, PriceTable
from ._ray import RayBackend
from ._runner import BACKENDS, BatchConfig, BatchRunner, run_batch
from ._scheduler import BatchProgress, Scheduler
from ._summary import build_summary, job_cost, write_summary

__all__ = [
    "BACKENDS",
    "DEFAULT_PRICES",
    "MANIFEST_NAME",
    "SCRIPTED_MODEL",
    "BatchConfig",
    "BatchError",
    "BatchProgress",
    "BatchRunner",
    "ErrorKind",
    "JobFolder",
    "JobFunction",
    "JobResult",
    "JobRow",
    "JobSpec",
    "JobState",
    "LocalBackend",
    "Manifest",
    "ModelPrice",
    "OutputLocation",
    "PermanentJobError",
    "PriceTable",
    "RayBackend",
    "RetryPolicy",
    "Scheduler",
    "StageError",
    "TransientError",
    "build_summary",
    "classify_error",
    "execute_job",
    "job_cost",
    "job_seed",
    "publish_folder",
    "run_batch",
    "run_pipeline",
    "tokens_by_role",
    "write_summary",
]

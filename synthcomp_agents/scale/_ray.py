"""Ray backend: one Ray task per job, a bounded ``ray.wait`` loop, results written by the task, manifest by the driver.

Transient errors raise :class:`TransientError` inside the task, which Ray retries (``retry_exceptions``), after an
exponential backoff the task itself waits (it counts its earlier attempts in the job folder). Lost workers and
nodes are retried by Ray too (``max_retries``). Permanent errors come back as a failed result, never retried.
For outputs on object storage the task uploads its job folder itself (the driver may be on another machine).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

from ._errors import BatchError, RetryPolicy, TransientError
from ._folder import ATTEMPTS_LOG
from ._jobs import JobResult, JobSpec, execute_job
from ._outputs import publish_folder
from ._scheduler import Scheduler

__all__ = ["RayBackend", "run_ray_job"]


def _ray() -> Any:
    os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
    try:
        return importlib.import_module("ray")
    except ImportError:
        raise BatchError("--backend ray needs Ray: pip install 'synthcomp-agents[ray]' (or 'ray>=2.9')") from None


def _earlier_attempts(job_dir: Path, dispatch: str) -> int:
    try:
        lines = (job_dir / ATTEMPTS_LOG).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    count = 0
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        count += event.get("event") == "start" and event.get("dispatch") == dispatch
    return count


def run_ray_job(spec_json: str, retry: dict[str, float], keep_staging: bool) -> dict[str, Any]:
    """Body of the Ray task: one attempt of a job (backoff first if Ray is retrying it), upload, result as JSON."""
    spec = JobSpec.model_validate_json(spec_json)
    job_dir = Path(spec.job_dir)
    earlier = _earlier_attempts(job_dir, spec.dispatch)
    if earlier:
        time.sleep(RetryPolicy(**retry).delay(earlier))  # type: ignore[arg-type]
        spec = spec.model_copy(update={"attempt": spec.attempt + earlier})
    result = asyncio.run(execute_job(spec))
    if result.status == "transient":
        raise TransientError(f"attempt {spec.attempt}: {result.error}")
    if result.status == "done" and spec.publish_url is not None:
        seconds = publish_folder(job_dir, spec.publish_url)
        result.stages["publish_s"] = round(seconds, 3)
        if not keep_staging:
            shutil.rmtree(job_dir, ignore_errors=True)
    return result.model_dump(mode="json")


class RayBackend:
    """Run a batch as Ray tasks on a local Ray instance or an existing cluster.

    Args:
        address: ``None`` starts a local instance (``num_cpus=workers``), ``"auto"`` or ``ray://host:10001``
            joins a cluster; an already initialized Ray (e.g. in a test) is used as is.
        workers: maximum tasks in flight (default: the cluster's CPUs).
        retry: the retry policy (``max_retries = attempts_within() - 1``: the count, or what the time budget
            allows without jitter; the task waits the backoff). Endpoint outages hold jobs only between Ray's
            tasks (the driver's scheduler), not inside Ray's own retries.
        num_cpus: CPUs one task reserves.

    Example:
        >>> RayBackend(address="auto", workers=8).max_in_flight  # doctest: +SKIP
        8
    """

    name = "ray"

    def __init__(
        self,
        *,
        address: str | None = None,
        workers: int | None = None,
        retry: RetryPolicy | None = None,
        num_cpus: float = 1.0,
        keep_staging: bool = False,
    ) -> None:
        if workers is not None and workers < 1:
            raise BatchError(f"--workers must be >= 1, got {workers}")
        self.address = address
        self.workers = workers
        self.retry = retry or RetryPolicy()
        self.num_cpus = num_cpus
        self.keep_staging = keep_staging
        self.max_in_flight = workers or 0

    def _init(self) -> Any:
        ray = _ray()
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if self.address:
                options["address"] = self.address
            elif self.workers:
                options["num_cpus"] = self.workers
            try:
                ray.init(**options)
            except Exception as exc:
                where = self.address or "a local Ray instance"
                raise BatchError(f"cannot start or join Ray ({where}): {type(exc).__name__}: {exc}") from None
        if not self.max_in_flight:
            self.max_in_flight = max(1, int(ray.cluster_resources().get("CPU", 1) // self.num_cpus))
        return ray

    def run(self, scheduler: Scheduler) -> None:
        """Submit jobs (at most ``max_in_flight`` at once) and record results until the scheduler is idle."""
        ray = self._init()
        task = ray.remote(
            max_retries=self.retry.attempts_within() - 1, retry_exceptions=[TransientError], num_cpus=self.num_cpus
        )(run_ray_job)
        retry = {
            "max_attempts": self.retry.max_attempts,
            "base_delay_s": self.retry.base_delay_s,
            "max_delay_s": self.retry.max_delay_s,
            "jitter": self.retry.jitter,
        }
        in_flight: dict[Any, JobSpec] = {}
        try:
            while not scheduler.idle:
                while len(in_flight) < self.max_in_flight:
                    spec = scheduler.take()
                    if spec is None:
                        break
                    in_flight[task.remote(spec.model_dump_json(), retry, self.keep_staging)] = spec
                if not in_flight:
                    time.sleep(scheduler.wait_hint())
                    continue
                ready, _ = ray.wait(list(in_flight), num_returns=1, timeout=1.0)
                for ref in ready:
                    spec = in_flight.pop(ref)
                    scheduler.complete(spec, self._result(ray, ref, spec), retry=False)
        except BaseException:
            for ref in in_flight:
                ray.cancel(ref, force=True)
            scheduler.requeue_in_flight()
            raise

    def _result(self, ray: Any, ref: Any, spec: JobSpec) -> JobResult:
        try:
            return JobResult.model_validate(ray.get(ref))
        except TransientError as exc:  # RayTaskError(TransientError) is an instance of TransientError
            error = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            error = error.split("TransientError: ", 1)[-1]
            attempts = spec.attempt + self.retry.attempts_within() - 1
            return JobResult(index=spec.index, job_id=spec.job_id, status="transient", error=error, attempt=attempts)
        except Exception as exc:  # lost worker or node after Ray's retries, a task that could not run
            lines = [line for line in str(exc).splitlines() if line.strip()]
            detail = lines[-1].strip() if lines else ""
            return JobResult(
                index=spec.index, job_id=spec.job_id, status="transient",
                error=f"ray: {type(exc).__name__}: {detail}"[:2000],
            )  # fmt: skip

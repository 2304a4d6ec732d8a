"""The driver's job queue: what runs next, retries with backoff, and every manifest transition."""

from __future__ import annotations

import heapq
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from ._errors import RetryPolicy
from ._jobs import JobResult, JobSpec
from ._manifest import Manifest
from ._outputs import OutputLocation

__all__ = ["BatchProgress", "Scheduler"]


@dataclass
class BatchProgress:
    """Counters of a running batch (what the progress display shows).

    Example:
        >>> BatchProgress(total=10, done=4).finished
        4
    """

    total: int
    done: int = 0
    failed: int = 0
    running: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    unpriced: set[str] = field(default_factory=set)
    done_this_run: int = 0
    last: str = ""

    @property
    def finished(self) -> int:
        """Jobs done or failed."""
        return self.done + self.failed


class Scheduler:
    """Hands out pending jobs, takes results back, retries transient errors with backoff, updates the manifest.

    Backends call :meth:`take` for the next job (None when nothing is ready now), :meth:`complete` with each
    result and :meth:`lost` when a worker died with a job; :attr:`idle` is True when nothing is left.

    Example:
        >>> # built by BatchRunner; a backend loop looks like:
        >>> # while not scheduler.idle: spec = scheduler.take(); ...; scheduler.complete(spec, result)
    """

    def __init__(
        self,
        specs: list[JobSpec],
        manifest: Manifest,
        location: OutputLocation,
        *,
        retry: RetryPolicy,
        progress: BatchProgress,
        cost: Callable[[JobResult], tuple[float, set[str]]],
        on_change: Callable[[BatchProgress], None] | None = None,
        seed: int = 0,
    ) -> None:
        self._ready = sorted(specs, key=lambda s: s.index, reverse=True)  # pop() takes the lowest index
        self._delayed: list[tuple[float, int, JobSpec]] = []
        self._in_flight: dict[int, tuple[JobSpec, float]] = {}
        self._manifest = manifest
        self._location = location
        self._retry = retry
        self._progress = progress
        self._cost = cost
        self._on_change = on_change
        self._rng = random.Random(seed)  # jitter only: never affects results
        self._dispatch = uuid.uuid4().hex[:12]
        self._tries: dict[int, int] = {}  # attempts in this run of the command (retry decisions)

    @property
    def idle(self) -> bool:
        """Nothing ready, delayed or in flight."""
        return not self._ready and not self._delayed and not self._in_flight

    @property
    def in_flight(self) -> int:
        """Jobs handed out and not yet completed."""
        return len(self._in_flight)

    def wait_hint(self) -> float:
        """Seconds until the next delayed job is ready (1.0 when none is delayed)."""
        if not self._delayed:
            return 1.0
        return max(0.0, min(1.0, self._delayed[0][0] - time.monotonic()))

    def has_ready(self) -> bool:
        """A job can be taken now."""
        self._promote()
        return bool(self._ready)

    def _promote(self) -> None:
        now = time.monotonic()
        while self._delayed and self._delayed[0][0] <= now:
            self._ready.append(heapq.heappop(self._delayed)[2])
            self._ready.sort(key=lambda s: s.index, reverse=True)

    def take(self) -> JobSpec | None:
        """The next ready job, marked running in the manifest (None if none is ready now)."""
        self._promote()
        if not self._ready:
            return None
        spec = self._ready.pop()
        attempt = self._manifest.claim(spec.index)
        self._tries[spec.index] = self._tries.get(spec.index, 0) + 1
        spec = spec.model_copy(update={"attempt": attempt, "dispatch": self._dispatch})
        self._in_flight[spec.index] = (spec, time.monotonic())
        self._progress.running = len(self._in_flight)
        self._changed(f"started {spec.job_id} (attempt {attempt})")
        return spec

    def take_index(self, index: int) -> JobSpec | None:
        """Take a specific ready job (e.g. one whose result is already published), as :meth:`take` does."""
        for position, spec in enumerate(self._ready):
            if spec.index == index:
                self._ready.append(self._ready.pop(position))  # take() pops the last one
                taken = self.take()
                self._ready.sort(key=lambda s: s.index, reverse=True)
                return taken
        return None

    def complete(self, spec: JobSpec, result: JobResult, *, retry: bool = True) -> None:
        """Record a result: done (published first for remote outputs), failed, or transient (retried)."""
        _, started = self._in_flight.pop(spec.index, (spec, time.monotonic()))
        wall = time.monotonic() - started
        if result.attempt > spec.attempt:
            self._manifest.set_attempts(spec.index, result.attempt)
        tries = self._tries.get(spec.index, 1) + max(0, result.attempt - spec.attempt)
        if result.status == "done":
            try:
                publish_s = self._publish(spec, result)
            except Exception as exc:  # the job is complete locally; a retry re-publishes its folder
                result = result.model_copy(
                    update={"status": "transient", "error": f"publishing: {type(exc).__name__}: {exc}"}
                )
        if result.status == "done":
            if self._manifest.finish(result, publish_s=publish_s, wall_s=round(wall, 3)):
                cost, unpriced = self._cost(result)
                p = self._progress
                p.done += 1
                p.done_this_run += 1
                p.prompt_tokens += result.prompt_tokens
                p.completion_tokens += result.completion_tokens
                p.cost += cost
                p.unpriced |= unpriced
                self._changed(f"done {spec.job_id}" + (" (reused)" if result.reused else ""))
        elif result.status == "transient" and retry and tries < self._retry.max_attempts:
            delay = self._retry.delay(tries, self._rng)
            self._manifest.release(spec.index, result.error)
            heapq.heappush(self._delayed, (time.monotonic() + delay, spec.index, spec))
            self._progress.retries += 1
            self._changed(f"retrying {spec.job_id} in {delay:.1f} s: {result.error}")
        else:
            error = result.error or "failed without a reason"
            if result.status == "transient":
                error = f"gave up after {tries} attempts: {error}"
            self._manifest.fail(spec.index, error)
            self._progress.failed += 1
            self._changed(f"failed {spec.job_id}: {error}")
        self._progress.running = len(self._in_flight)

    def lost(self, spec: JobSpec, reason: str) -> None:
        """A worker died holding ``spec``: a transient error (the job resumes from its checkpoints)."""
        result = JobResult(index=spec.index, job_id=spec.job_id, status="transient", error=reason, attempt=spec.attempt)
        self.complete(spec, result)

    def requeue_in_flight(self) -> None:
        """Interrupted: put every in-flight job back to pending (they resume on the next run)."""
        for index in list(self._in_flight):
            self._manifest.release(index, "interrupted")
        self._in_flight.clear()
        self._progress.running = 0

    def _publish(self, spec: JobSpec, result: JobResult) -> float | None:
        if spec.publish_url is not None:  # the task published it (Ray)
            return result.stages.get("publish_s")
        if not self._location.remote:
            return None
        return round(self._location.publish_job(spec.job_id), 3)

    def _changed(self, text: str) -> None:
        self._progress.last = text
        if self._on_change is not None:
            self._on_change(self._progress)

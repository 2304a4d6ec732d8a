"""The driver's job queue: what runs next, retries with backoff, and every manifest transition."""

from __future__ import annotations

import heapq
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from ._errors import OUTAGE_FAULTS, RetryPolicy
from ._jobs import JobResult, JobSpec
from ._manifest import Manifest
from ._outputs import OutputLocation

__all__ = ["BatchProgress", "Probe", "Scheduler", "probe_endpoint"]


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
    paused: int = 0
    last: str = ""

    @property
    def finished(self) -> int:
        """Jobs done or failed."""
        return self.done + self.failed


Probe = Callable[[str], "str | None"]
"""Checks one endpoint URL: None when it answers, else why not (the scheduler's outage probe)."""


def probe_endpoint(url: str, timeout_s: float = 5.0) -> str | None:
    """GET ``<url>/models``: None when the endpoint answers with any HTTP status below 500, else the reason.

    A 401 or 404 still means the server is up (the probe sends no key); a refused or timed-out connection, or a
    5xx, means it is not.

    Example:
        >>> probe_endpoint("http://127.0.0.1:9/v1", timeout_s=0.5) is not None  # nothing listens on port 9
        True
    """
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/models", timeout=timeout_s) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        status = int(exc.code)
    except (OSError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None if status < 500 else f"HTTP {status}"


@dataclass
class _Outage:
    """An endpoint outage the scheduler waits out: the held jobs, the probes, since when."""

    since: float
    endpoints: list[str]
    next_probe: float
    failures: int = 0
    last_error: str = ""
    held: dict[int, JobSpec] = field(default_factory=dict)


class Scheduler:
    """Hands out pending jobs, takes results back, retries transient errors with backoff, updates the manifest.

    Backends call :meth:`take` for the next job (None when nothing is ready now), :meth:`complete` with each
    result and :meth:`lost` when a worker died with a job; :attr:`idle` is True when nothing is left.

    Retries: a transient error is retried after :meth:`RetryPolicy.delay` (at least the server's
    ``Retry-After``) while the job has attempts (``max_attempts``) and time (``retry_for_s``) left in this run of
    the command. A job stopped by a refused connection or a timeout of its model endpoint (``fault``
    ``connection``/``timeout``) is *held* instead: no new job starts, and the endpoint is probed with backoff
    (``probe``). When a probe fails the outage is confirmed: held attempts are not charged (``paused``), and every
    job that comes back with a connection fault joins them; when a probe answers, the held jobs go back to the
    queue. An endpoint answering at the first probe means the fault was the job's own: a normal charged retry.
    After ``outage_wait_s`` of failed probes the held jobs fail with the outage named.

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
        endpoints: list[str] | None = None,
        probe: Probe | None = probe_endpoint,
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
        self._tries: dict[int, int] = {}  # charged attempts in this run of the command (retry decisions)
        self._first_failure: dict[int, tuple[float, float]] = {}  # (when, outage seconds by then)
        self._endpoints = [e for e in (endpoints or []) if e.startswith(("http://", "https://"))]
        self._probe = probe
        self._outage: _Outage | None = None
        self.outage_s = 0.0
        """Seconds spent waiting out confirmed endpoint outages in this run (left out of the retry time budget)."""
        self.outages = 0
        """Confirmed endpoint outages in this run."""

    @property
    def run_id(self) -> str:
        """This run of the batch command (the attempt history's ``run``)."""
        return self._dispatch

    @property
    def idle(self) -> bool:
        """Nothing ready, delayed, held or in flight."""
        return not self._ready and not self._delayed and not self._in_flight and self._outage is None

    @property
    def in_flight(self) -> int:
        """Jobs handed out and not yet completed."""
        return len(self._in_flight)

    @property
    def paused(self) -> bool:
        """Jobs are held while an endpoint is probed: nothing new starts."""
        return self._outage is not None

    def wait_hint(self) -> float:
        """Seconds until the next delayed job is ready or the next probe is due (1.0 when neither)."""
        times = [self._delayed[0][0]] if self._delayed else []
        if self._outage is not None:
            times.append(self._outage.next_probe)
        if not times:
            return 1.0
        return max(0.0, min(1.0, min(times) - time.monotonic()))

    def has_ready(self) -> bool:
        """A job can be taken now."""
        self._promote()
        return bool(self._ready) and self._outage is None

    def _promote(self) -> None:
        now = time.monotonic()
        if self._outage is not None and now >= self._outage.next_probe:
            self._probe_outage(now)
        while self._delayed and self._delayed[0][0] <= now:
            self._ready.append(heapq.heappop(self._delayed)[2])
            self._ready.sort(key=lambda s: s.index, reverse=True)

    def take(self) -> JobSpec | None:
        """The next ready job, marked running in the manifest (None if none is ready now, or during an outage)."""
        self._promote()
        if not self._ready or self._outage is not None:
            return None
        spec = self._ready.pop()
        attempt = self._manifest.claim(spec.index, self._dispatch)
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

    def complete(self, spec: JobSpec, result: JobResult, *, retry: bool = True, outcome: str = "retry") -> None:
        """Record a result: done (published first for remote outputs), failed, transient (retried), or held by an
        endpoint outage."""
        _, started = self._in_flight.pop(spec.index, (spec, time.monotonic()))
        wall = round(time.monotonic() - started, 3)
        if result.attempt > spec.attempt:
            self._manifest.set_attempts(spec.index, result.attempt)
        attempt = max(spec.attempt, result.attempt)
        if result.status == "done":
            try:
                publish_s = self._publish(spec, result)
            except Exception as exc:  # the job is complete locally; a retry re-publishes its folder
                result = result.model_copy(
                    update={"status": "transient", "error": f"publishing: {type(exc).__name__}: {exc}"}
                )
        if result.status == "done":
            self._manifest.end_attempt(spec.index, attempt, "done", wall_s=wall)
            if self._manifest.finish(result, publish_s=publish_s, wall_s=wall):
                cost, unpriced = self._cost(result)
                p = self._progress
                p.done += 1
                p.done_this_run += 1
                p.prompt_tokens += result.prompt_tokens
                p.completion_tokens += result.completion_tokens
                p.cost += cost
                p.unpriced |= unpriced
                self._changed(f"done {spec.job_id}" + (" (reused)" if result.reused else ""))
        elif result.status == "transient" and retry and self._may_hold(result):
            self._hold(spec, result, attempt, wall)
        elif result.status == "transient":
            self._tries[spec.index] = self._tries.get(spec.index, 0) + 1 + max(0, result.attempt - spec.attempt)
            self._manifest.end_attempt(spec.index, attempt, outcome, kind="transient", fault=result.fault,
                                       cause=result.error, wall_s=wall)  # fmt: skip
            self._retry_or_fail(spec, result.error, result.retry_after_s, retry=retry, attempt=attempt)
        else:
            error = result.error or "failed without a reason"
            self._manifest.end_attempt(spec.index, attempt, "failed", kind="permanent", fault=result.fault,
                                       cause=error, wall_s=wall)  # fmt: skip
            self._manifest.fail(spec.index, error)
            self._progress.failed += 1
            self._changed(f"failed {spec.job_id}: {error}")
        self._progress.running = len(self._in_flight)

    def _retry_or_fail(
        self, spec: JobSpec, error: str | None, retry_after: float | None, *, retry: bool, attempt: int
    ) -> None:
        """A charged transient failure: back to the queue after the backoff, or failed when the budget is spent."""
        now = time.monotonic()
        tries = self._tries.get(spec.index, 1)
        first, outage_then = self._first_failure.setdefault(spec.index, (now, self.outage_s))
        spent = (now - first) - (self.outage_s - outage_then)
        delay = self._retry.delay(tries, self._rng, retry_after=retry_after)
        budget = self._retry.retry_for_s
        why = ""
        if not retry or tries >= self._retry.max_attempts:
            why = f"gave up after {tries} attempts"
        elif budget is not None and spent + delay > budget:
            waits = f"the next wait ({delay:.0f} s{', Retry-After' if retry_after and delay >= retry_after else ''})"
            why = f"gave up after {tries} attempts in {spent:.0f} s: {waits} would pass the {budget:.0f} s retry budget"
        if why:
            error = f"{why}: {error or 'failed without a reason'}"
            self._manifest.mark_attempt(spec.index, attempt, outcome="failed", charged=True)
            self._manifest.fail(spec.index, error)
            self._progress.failed += 1
            self._changed(f"failed {spec.job_id}: {error}")
            return
        self._manifest.release(spec.index, error)
        heapq.heappush(self._delayed, (now + delay, spec.index, spec))
        self._progress.retries += 1
        after = f" (Retry-After {retry_after:g} s)" if retry_after is not None and delay >= retry_after else ""
        self._changed(f"retrying {spec.job_id} in {delay:.1f} s{after}: {error}")

    # -- endpoint outages ---------------------------------------------------------------------------------

    def _may_hold(self, result: JobResult) -> bool:
        if self._probe is None or result.fault not in OUTAGE_FAULTS:
            return False
        return bool(self._outage_endpoints(result))

    def _outage_endpoints(self, result: JobResult) -> list[str]:
        named = result.endpoint or ""
        return [named] if named.startswith(("http://", "https://")) else list(self._endpoints)

    def _hold(self, spec: JobSpec, result: JobResult, attempt: int, wall: float) -> None:
        """Hold a job stopped by a refused connection or a timeout while its endpoint is probed."""
        confirmed = self._outage is not None and self._outage.failures > 0
        self._manifest.end_attempt(spec.index, attempt, "paused" if confirmed else "held", kind="transient",
                                   fault=result.fault, cause=result.error, charged=False, wall_s=wall)  # fmt: skip
        self._manifest.release(spec.index, result.error)
        now = time.monotonic()
        if self._outage is None:
            self._outage = _Outage(since=now, endpoints=self._outage_endpoints(result), next_probe=now)
        else:
            for url in self._outage_endpoints(result):
                if url not in self._outage.endpoints:
                    self._outage.endpoints.append(url)
        self._outage.held[spec.index] = spec.model_copy(update={"attempt": attempt})
        self._progress.paused = len(self._outage.held)
        self._changed(f"holding {spec.job_id}: {result.fault} at {', '.join(self._outage.endpoints)}; probing")

    def _probe_outage(self, now: float) -> None:
        outage = self._outage
        assert outage is not None and self._probe is not None
        errors = [f"{url}: {error}" for url in outage.endpoints if (error := self._probe(url)) is not None]
        now = time.monotonic()
        if errors:
            if outage.failures == 0:  # confirmed: the held attempts were the endpoint's fault, not charged
                self.outages += 1
                for index, spec in outage.held.items():
                    self._manifest.mark_attempt(index, spec.attempt, outcome="paused", charged=False)
            outage.failures += 1
            outage.last_error = "; ".join(errors)
            waited = now - outage.since
            if waited >= self._retry.outage_wait_s:
                self._end_outage(now)
                for index, spec in sorted(outage.held.items()):
                    error = (f"gave up: the model endpoint did not answer for {waited:.0f} s (--outage-wait "
                             f"{self._retry.outage_wait_s:.0f} s): {outage.last_error}")  # fmt: skip
                    self._manifest.mark_attempt(index, spec.attempt, outcome="failed", charged=False)
                    self._manifest.fail(index, error)
                    self._progress.failed += 1
                    self._changed(f"failed {spec.job_id}: {error}")
                return
            delay = self._retry.probe_delay(outage.failures)
            outage.next_probe = now + delay
            self._changed(
                f"endpoint outage for {waited:.0f} s: {len(outage.held)} job(s) paused, next probe in {delay:.0f} s "
                f"({outage.last_error})"
            )
            return
        confirmed = outage.failures > 0
        self._end_outage(now)
        for index, spec in sorted(outage.held.items()):
            if confirmed:
                self._ready.append(spec)
            else:  # the endpoint answers: the fault was the job's own, a normal charged retry
                self._tries[index] = self._tries.get(index, 0) + 1
                self._manifest.mark_attempt(index, spec.attempt, outcome="retry", charged=True)
                history = self._manifest.history(index).get(index, [])
                error = history[-1].cause if history else None
                self._retry_or_fail(spec, error, None, retry=True, attempt=spec.attempt)
        self._ready.sort(key=lambda s: s.index, reverse=True)
        if confirmed:
            self._changed(f"endpoint back after {outage.failures} failed probe(s); resuming {len(outage.held)} job(s)")

    def _end_outage(self, now: float) -> None:
        outage = self._outage
        if outage is not None and outage.failures > 0:
            self.outage_s += now - outage.since
        self._outage = None
        self._progress.paused = 0

    def lost(self, spec: JobSpec, reason: str) -> None:
        """A worker died holding ``spec``: a transient error (the job resumes from its checkpoints)."""
        result = JobResult(index=spec.index, job_id=spec.job_id, status="transient", error=reason, attempt=spec.attempt)
        self.complete(spec, result, outcome="lost")

    def requeue_in_flight(self) -> None:
        """Interrupted: put every in-flight job back to pending (they resume on the next run)."""
        for index, (spec, started) in list(self._in_flight.items()):
            self._manifest.end_attempt(index, spec.attempt, "interrupted", kind="transient", charged=False,
                                       cause="the batch command was interrupted",
                                       wall_s=round(time.monotonic() - started, 3))  # fmt: skip
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

"""The batch runner: plan the jobs, keep the manifest, hand the jobs to a backend, write the summary."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import BatchError, RetryPolicy
from ._folder import JOB_JSON
from ._jobs import JobResult, JobSpec, job_seed
from ._manifest import MANIFEST_NAME, Manifest
from ._outputs import OutputLocation
from ._prices import PriceTable
from ._scheduler import BatchProgress, Probe, Scheduler, probe_endpoint
from ._summary import job_cost, write_summary

__all__ = ["BACKENDS", "BatchConfig", "BatchRunner", "run_batch"]

BACKENDS = ("local", "ray")
LOCK_NAME = ".synthcomp.lock"  # disk.LOCK_FILE: the batch folder's FolderLock


@dataclass
class BatchConfig:
    """What a batch runs and where (the options of ``synthcomp batch``).

    Attributes:
        n: number of jobs (personas sampled from the built-in pool, or the first N of ``personas``).
        seed: batch seed; job ``i`` gets seed ``seed * 1000 + i`` (as ``synthcomp run``).
        out: a folder or fsspec URL.
        personas: a persona file (text lines or JSONL with a ``persona`` field); None samples the built-in pool.
        model_config: per-role model config (YAML/JSON); None runs every role offline.
        backend: ``local`` or ``ray``.
        address: Ray address (``auto``, ``ray://...``); None starts a local Ray.
        workers: local: worker processes (default CPU count); ray: max tasks in flight (default cluster CPUs).
        concurrency: local: jobs one worker process runs at once (raise it for model-bound runs).
        days: simulated workdays per job.
        max_worker_turns: stop each simulation after this many worker calls (None: no cap).
        no_progress_timeout_s: stop a job's day (resumable, a transient failure) after this many seconds without a
            model answer, model failure or tool call (None: the simulation's default, 900 s).
        checkpoint_every: also checkpoint inside a day every N worker turns, so a failed attempt redoes at most N
            worker calls (0: per day; None: the simulation's default, 25).
        keep_checkpoints: keep each finished job's ``checkpoints/`` (off: removed once its signals are written; a
            finished job never resumes, and they are about 15% of a job's bytes).
        prices: price table file (YAML/JSON) overriding the built-in prices.
        retry: retry policy for transient errors.
        job_function: ``module:callable`` replacing the pipeline (the test and extension seam).
        staging: local staging folder for remote outputs.
        keep_staging: keep local copies of uploaded job folders.
        materialize_computers: also write each computer's ``home/`` tree and each run's ``final/`` (the archive and
            the end-state delta are always written; every reader works without the trees). Off by default.
        retry_failed: put jobs that failed in an earlier run back in the queue.

    Example:
        >>> BatchConfig(n=2, seed=0, out="/tmp/b").backend
        'local'
    """

    n: int
    seed: int
    out: str
    personas: Path | None = None
    model_config: Path | None = None
    backend: str = "local"
    address: str | None = None
    workers: int | None = None
    concurrency: int = 1
    days: int = 20
    max_worker_turns: int | None = None
    no_progress_timeout_s: float | None = None
    checkpoint_every: int | None = None
    keep_checkpoints: bool = False
    prices: Path | None = None
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    job_function: str | None = None
    staging: Path | None = None
    keep_staging: bool = False
    materialize_computers: bool = False
    retry_failed: bool = True

    def validate(self) -> None:
        """Raise :class:`BatchError` with a clear message for bad settings."""
        if self.backend not in BACKENDS:
            raise BatchError(f"unknown backend {self.backend!r}; choose one of {', '.join(BACKENDS)}")
        if self.n < 1:
            raise BatchError(f"--n must be >= 1, got {self.n}")
        if not 1 <= self.days <= 60:
            raise BatchError(f"--days must be within 1..60, got {self.days}")
        if self.max_worker_turns is not None and self.max_worker_turns < 1:
            raise BatchError(f"--max-worker-turns must be >= 1, got {self.max_worker_turns}")
        if self.address is not None and self.backend != "ray":
            raise BatchError("--address is for --backend ray")
        for label, path in (("--personas", self.personas), ("--model-config", self.model_config),
                            ("--prices", self.prices)):  # fmt: skip
            if path is not None and not Path(path).is_file():
                raise BatchError(f"{label} {path}: no such file")


def _sha(path: Path | None) -> str | None:
    return None if path is None else hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """One driver per batch folder: a :class:`~synthcomp_agents.disk.FolderLock` (dies with the process, even on
    SIGKILL; the lock file is removed when the driver ends)."""
    from ..disk import FolderLock, FolderLocked

    try:
        lock = FolderLock(folder, "batch").acquire()
    except FolderLocked as exc:
        raise BatchError(f"another batch driver holds the batch folder: {exc}") from None
    try:
        yield
    finally:
        lock.release()


class BatchRunner:
    """Run (or resume) a batch: the same command twice skips finished jobs and resumes interrupted ones.

    Args:
        config: the batch.
        on_progress: called with a :class:`BatchProgress` after every job event (for a progress display).

    Example:
        >>> runner = BatchRunner(BatchConfig(n=2, seed=0, out="/tmp/doc-batch", days=5, max_worker_turns=3))
        >>> [s.seed for s in runner.plan()]
        [0, 1]
        >>> summary = runner.run()  # doctest: +SKIP
    """

    def __init__(self, config: BatchConfig, *, on_progress: Callable[[BatchProgress], None] | None = None) -> None:
        config.validate()
        self.config = config
        self.location = OutputLocation.parse(config.out, staging=config.staging, keep_staging=config.keep_staging)
        self.prices = PriceTable.load(config.prices) if config.prices else PriceTable.default()
        self.on_progress = on_progress
        self.probe: Probe | None = probe_endpoint
        """Checks a model endpoint during an outage (None: never hold jobs; tests may pass their own)."""

    def settings(self) -> dict[str, Any]:
        """The settings that determine results (stored in the manifest; a resume must use the same)."""
        c = self.config
        return {
            "seed": c.seed,
            "personas_sha256": _sha(c.personas),
            "model_config_sha256": _sha(c.model_config),
            "days": c.days,
            "max_worker_turns": c.max_worker_turns,
            "job_function": c.job_function,
            "generator": "procedural",
        }

    def plan(self) -> list[JobSpec]:
        """The batch's jobs, in index order (deterministic: the same config gives the same specs)."""
        from ..computers import computer_id_for
        from ..personas import PersonaError, load_personas, sample_personas

        c = self.config
        try:
            if c.personas is not None:
                personas = load_personas(c.personas)
                if len(personas) < c.n:
                    raise BatchError(f"--n {c.n} asks for more personas than {c.personas} holds ({len(personas)})")
                personas = personas[: c.n]
            else:
                personas = sample_personas(c.n, seed=c.seed)
        except (PersonaError, OSError, ValueError) as exc:
            raise BatchError(f"cannot plan the personas: {exc}") from None
        specs = []
        for index, persona in enumerate(personas):
            seed = job_seed(c.seed, index)
            job_id = f"{index:05d}-{computer_id_for(persona, seed, 'procedural')}"
            specs.append(
                JobSpec(
                    index=index,
                    job_id=job_id,
                    persona=persona.model_dump(mode="json"),
                    seed=seed,
                    job_dir=str(self.location.job_dir(job_id)),
                    days=c.days,
                    max_worker_turns=c.max_worker_turns,
                    no_progress_timeout_s=c.no_progress_timeout_s,
                    checkpoint_every=c.checkpoint_every,
                    keep_checkpoints=c.keep_checkpoints,
                    model_config_path=str(Path(c.model_config).absolute()) if c.model_config else None,
                    materialize_computer=c.materialize_computers,
                    job_function=c.job_function,
                    publish_url=self.location.job_url(job_id) if c.backend == "ray" else None,
                )
            )
        return specs

    def _check_model_config(self) -> None:
        """A broken model config or a missing API key fails the batch now, not every job later."""
        if self.config.model_config is None:
            return
        from ..models import ModelConfigError, load_model_config

        try:
            models = load_model_config(self.config.model_config)
        except ModelConfigError as exc:
            raise BatchError(str(exc)) from None
        missing = models.missing_env()
        where = self.config.model_config
        if missing:
            needs = ", ".join(f"{role}: ${var}" for role, var in missing.items())
            raise BatchError(f"--model-config {where}: API keys missing from the environment ({needs})")
        problems = models.problems()  # bad URLs, named with their role
        if problems:
            raise BatchError(f"--model-config {where}: {'; '.join(problems)}")

    def _endpoints(self) -> list[str]:
        """The configured roles' base URLs (what an outage probe checks when a job's error names none)."""
        if self.config.model_config is None:
            return []
        from ..models import load_model_config

        models = load_model_config(self.config.model_config)
        urls = [models.base_url(role) for role in models.configured_roles()]
        return sorted({url for url in urls if url})

    def _backend(self) -> Any:
        c = self.config
        if c.backend == "ray":
            from ._ray import RayBackend

            return RayBackend(address=c.address, workers=c.workers, retry=c.retry, keep_staging=c.keep_staging)
        from ._local import LocalBackend

        return LocalBackend(c.workers, concurrency=c.concurrency)

    def run(self) -> dict[str, Any]:
        """Run every job not done yet; write ``summary.json`` / ``summary.parquet``; return the summary."""
        backend = self._backend()  # bad backend options fail before anything is written
        self._check_model_config()
        specs = self.plan()
        self.location.prepare()
        root = self.location.root
        with _exclusive(root):
            self.location.fetch_file(MANIFEST_NAME)
            manifest = Manifest.open(root / MANIFEST_NAME)
            try:
                manifest.check_settings(self.settings())
                manifest.add_jobs([(s.index, s.job_id, s.persona["text"], s.persona["persona_id"], s.seed)
                                   for s in specs])  # fmt: skip
                manifest.requeue(failed=self.config.retry_failed)
                states = {r.index: r for r in manifest.rows()}
                todo = [s for s in specs if states[s.index].state == "pending"]
                progress = self._progress(manifest, len(specs))
                scheduler = Scheduler(
                    todo,
                    manifest,
                    self.location,
                    retry=self.config.retry,
                    progress=progress,
                    cost=lambda r: job_cost(r.tokens_by_model, self.prices),
                    on_change=self.on_progress,
                    seed=self.config.seed,
                    endpoints=self._endpoints(),
                    probe=self.probe,
                )
                self._adopt_published(scheduler, todo)
                if self.on_progress is not None:
                    self.on_progress(progress)
                try:
                    backend.run(scheduler)
                finally:
                    summary = write_summary(manifest, self.prices, root)
                    if self.location.remote:
                        manifest.snapshot(root / f".{MANIFEST_NAME}.upload")
                        os.replace(root / f".{MANIFEST_NAME}.upload", root / f"{MANIFEST_NAME}.copy")
                        self.location.publish_files("summary.json", "summary.parquet")
                        with contextlib.suppress(Exception):
                            _upload_as(self.location, f"{MANIFEST_NAME}.copy", MANIFEST_NAME)
            finally:
                manifest.close()
        return summary

    def _progress(self, manifest: Manifest, total: int) -> BatchProgress:
        progress = BatchProgress(total=total)
        for row in manifest.rows():
            if row.state == "done":
                progress.done += 1
                progress.prompt_tokens += row.prompt_tokens
                progress.completion_tokens += row.completion_tokens
                cost, unpriced = job_cost(row.tokens_by_model, self.prices)
                progress.cost += cost
                progress.unpriced |= unpriced
            elif row.state == "failed":
                progress.failed += 1
        return progress

    def _adopt_published(self, scheduler: Scheduler, todo: list[JobSpec]) -> None:
        """Jobs of a remote output that finished and uploaded before the driver could record them."""
        if not self.location.remote:
            return
        for spec in todo:
            if (Path(spec.job_dir) / JOB_JSON).is_file():
                continue  # the worker reuses the local result
            data = self.location.remote_result(spec.job_id)
            if data is None:
                continue
            result = JobResult.model_validate_json(data).model_copy(update={"reused": True})
            taken = scheduler.take_index(spec.index)
            if taken is not None:
                scheduler.complete(taken.model_copy(update={"publish_url": "(published)"}), result)


def _upload_as(location: OutputLocation, local_name: str, remote_name: str) -> None:
    import importlib

    fsspec = importlib.import_module("fsspec")
    fs, root = fsspec.core.url_to_fs(location.url)
    fs.put_file(str(location.root / local_name), f"{str(root).rstrip('/')}/{remote_name}")


def run_batch(config: BatchConfig, *, on_progress: Callable[[BatchProgress], None] | None = None) -> dict[str, Any]:
    """Run a batch (see :class:`BatchRunner`); returns the summary.

    Example:
        >>> run_batch(BatchConfig(n=1, seed=0, out="/tmp/doc-batch1", days=5, max_worker_turns=3))  # doctest: +SKIP
    """
    return BatchRunner(config, on_progress=on_progress).run()

"""Local backend: W worker processes (spawn/forkserver), each running up to C jobs at once on an asyncio loop.

The offline simulation is CPU-bound Python, so parallelism comes from processes (one per core); jobs bound by
model latency can also overlap inside a process (``concurrency`` > 1). The driver talks to each worker through two
pipes and watches the process sentinel: a worker that dies (SIGKILL, out of memory) is replaced and its jobs go
back to the queue as a transient error; they resume from their checkpoints.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from ._errors import BatchError
from ._jobs import JobResult, JobSpec, execute_job
from ._scheduler import Scheduler

__all__ = ["LocalBackend"]


def _die_with_parent() -> None:
    """Never outlive the driver (a killed driver must not leave workers finishing its jobs behind its back)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

    def watch() -> None:
        while True:
            threading.Event().wait(1.0)
            if os.getppid() != parent:
                os._exit(70)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_main(tasks: Connection, results: Connection, concurrency: int) -> None:
    """Worker process entry point: receive specs, run them (up to ``concurrency`` at once), send results."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    asyncio.run(_serve(tasks, results, concurrency))


async def _serve(tasks: Connection, results: Connection, concurrency: int) -> None:
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

    def receive() -> None:
        while True:
            try:
                message = tasks.recv()
            except (EOFError, OSError):
                os._exit(0)  # the driver is gone
            loop.call_soon_threadsafe(inbox.put_nowait, message)
            if message is None:
                return

    threading.Thread(target=receive, name="job-inbox", daemon=True).start()
    slots = asyncio.Semaphore(concurrency)
    running: set[asyncio.Task[None]] = set()

    async def one(spec: JobSpec) -> None:
        try:
            result = await execute_job(spec)
            results.send(result.model_dump(mode="json"))
        finally:
            slots.release()

    while True:
        message = await inbox.get()
        if message is None:
            break
        await slots.acquire()
        task = asyncio.create_task(one(JobSpec.model_validate(message)))
        running.add(task)
        task.add_done_callback(running.discard)
    if running:
        await asyncio.gather(*running)


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Connection
    results: Connection
    jobs: dict[int, JobSpec] = field(default_factory=dict)


class LocalBackend:
    """Run a batch on this machine with ``workers`` processes and ``concurrency`` jobs per process.

    Args:
        workers: worker processes (default: the CPU count).
        concurrency: jobs one process runs at once (1 for CPU-bound offline runs; more for model-bound runs).
        start_method: ``spawn`` (default) or ``forkserver``; never ``fork`` (threads of the driver).

    Example:
        >>> LocalBackend(workers=2).workers
        2
        >>> LocalBackend(workers=0)
        Traceback (most recent call last):
        ...
        synthcomp_agents.scale._errors.BatchError: --workers must be >= 1 for the local backend, got 0
    """

    name = "local"

    def __init__(self, workers: int | None = None, *, concurrency: int = 1, start_method: str = "spawn") -> None:
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        if self.workers < 1:
            raise BatchError(f"--workers must be >= 1 for the local backend, got {self.workers}")
        if concurrency < 1:
            raise BatchError(f"--concurrency must be >= 1, got {concurrency}")
        if start_method not in ("spawn", "forkserver"):
            raise BatchError(f"start method must be 'spawn' or 'forkserver', got {start_method!r}")
        self.concurrency = concurrency
        self._context: Any = multiprocessing.get_context(start_method)

    def _start(self) -> _Worker:
        task_read, task_write = self._context.Pipe(duplex=False)
        result_read, result_write = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_worker_main, args=(task_read, result_write, self.concurrency), name="synthcomp-batch-worker"
        )
        process.daemon = True
        process.start()
        task_read.close()
        result_write.close()
        return _Worker(process, task_write, result_read)

    def run(self, scheduler: Scheduler) -> None:
        """Run until the scheduler is idle (or Ctrl-C: in-flight jobs go back to pending)."""
        workers: list[_Worker] = []
        graceful = False
        try:
            while not scheduler.idle:
                for worker in workers:
                    self._fill(worker, scheduler)
                while len(workers) < self.workers and scheduler.has_ready():  # start workers only when needed
                    workers.append(self._start())
                    self._fill(workers[-1], scheduler)
                if scheduler.idle:
                    break
                waitables: list[Any] = [w.results for w in workers] + [w.process.sentinel for w in workers]
                for ready in wait(waitables, timeout=scheduler.wait_hint()):
                    for worker in list(workers):
                        if ready is worker.results:
                            self._drain(worker, scheduler)
                        elif ready == worker.process.sentinel:
                            self._drain(worker, scheduler)
                            self._buried(worker, scheduler)
                            workers.remove(worker)
            graceful = True
        except BaseException:
            scheduler.requeue_in_flight()
            raise
        finally:
            self._shutdown(workers, graceful=graceful)

    def _fill(self, worker: _Worker, scheduler: Scheduler) -> None:
        while len(worker.jobs) < self.concurrency:
            spec = scheduler.take()
            if spec is None:
                return
            worker.jobs[spec.index] = spec
            worker.tasks.send(spec.model_dump(mode="json"))

    @staticmethod
    def _drain(worker: _Worker, scheduler: Scheduler) -> None:
        with contextlib.suppress(EOFError, OSError):
            while worker.results.poll():
                result = JobResult.model_validate(worker.results.recv())
                spec = worker.jobs.pop(result.index, None)
                if spec is not None:
                    scheduler.complete(spec, result)

    @staticmethod
    def _buried(worker: _Worker, scheduler: Scheduler) -> None:
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        for spec in list(worker.jobs.values()):
            scheduler.lost(spec, f"worker process {worker.process.pid} died ({how}) while running the job")
        worker.jobs.clear()
        with contextlib.suppress(OSError):
            worker.tasks.close()
            worker.results.close()

    @staticmethod
    def _shutdown(workers: list[_Worker], *, graceful: bool) -> None:
        """Idle workers stop when asked; after an interruption they are killed at once (their jobs resume later)."""
        if not graceful:
            for worker in workers:
                worker.process.kill()
        for worker in workers:
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.tasks.send(None)
        for worker in workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=5)

"""One batch job: persona -> computer -> objectives -> simulation -> signals, in its own job folder.

Job folder (``OUT/jobs/<job_id>/``)::

    computer/       the computer folder (computer.json, computer.scdisk, home/)
    run/            the run folder (objectives.json, trajectory.jsonl.zst, events.jsonl, final/, signals.json, ...)
    attempts.jsonl  one line per attempt event (start, simulation_finished, complete, reused, error)
    job.json        the JobResult, written once, atomically, when the job is complete

Every stage skips what an earlier attempt finished: the computer is saved atomically (folder rename), a simulation
with ``run.json`` is finished, one with ``checkpoints/LATEST`` resumes, and a folder with ``job.json`` returns that
result without running anything: a job never runs twice to completion.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import os
import shutil
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..disk import atomic_write_text
from ._errors import PermanentJobError, classify_error
from ._folder import ATTEMPTS_LOG, JobFolder

if TYPE_CHECKING:
    from ..simulation import RunFolder

__all__ = [
    "JobFunction",
    "JobResult",
    "JobSpec",
    "execute_job",
    "job_seed",
    "model_fault_of",
    "resolve_job_function",
    "run_pipeline",
    "tokens_by_role",
]


def job_seed(seed: int, index: int) -> int:
    """The seed of job ``index`` in a batch with ``seed``: the formula of ``synthcomp run`` (``seed*1000+index``).

    Example:
        >>> job_seed(3, 7)
        3007
    """
    return seed * 1000 + index


class JobSpec(BaseModel):
    """Everything a worker needs to run one job (JSON-serializable: it crosses processes and Ray).

    Example:
        >>> spec = JobSpec(index=0, job_id="00000-c-x", persona={"text": "A buyer"}, seed=0, job_dir="/tmp/j")
        >>> spec.days, spec.attempt
        (20, 1)
    """

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    index: int = Field(ge=0)
    job_id: str
    persona: dict[str, Any]
    seed: int
    job_dir: str
    days: int = Field(default=20, ge=1, le=60)
    max_worker_turns: int | None = Field(default=None, ge=1)
    model_config_path: str | None = None
    materialize_computer: bool = True
    attempt: int = Field(default=1, ge=1)
    job_function: str | None = None
    publish_url: str | None = None
    dispatch: str = ""
    no_progress_timeout_s: float | None = Field(default=None, gt=0)
    checkpoint_every: int | None = Field(default=None, ge=0)
    keep_checkpoints: bool = False


class JobResult(BaseModel):
    """What a job produced (``job.json``), or why it failed.

    ``status``: ``done``; ``failed`` (permanent error, ``error`` says why); ``transient`` (retry may help).
    For a job stopped by a model call: ``fault`` (the fault kind, e.g. ``connection``), ``endpoint`` (the URL of
    the role whose call failed) and ``retry_after_s`` (the server's ``Retry-After``), which the scheduler uses.

    Example:
        >>> JobResult(index=0, job_id="j", status="failed", error="stage computer: ValueError: bad persona").status
        'failed'
    """

    model_config = ConfigDict(extra="forbid")

    index: int
    job_id: str
    status: Literal["done", "failed", "transient"]
    error: str | None = None
    attempt: int = 1
    computer_id: str | None = None
    stages: dict[str, float] = Field(default_factory=dict)
    worker_turns: int | None = None
    days_simulated: int | None = None
    stop_reason: str | None = None
    deliverables_submitted: int | None = None
    deliverables_total: int | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    tokens_by_model: dict[str, dict[str, int]] = Field(default_factory=dict)
    reward: float | None = None
    is_correct: bool | None = None
    signals: str = "pending"
    model_faults: dict[str, Any] = Field(default_factory=dict)
    fault: str | None = None
    endpoint: str | None = None
    retry_after_s: float | None = None
    reused: bool = False
    host: str = ""
    pid: int = 0
    finished_at: str | None = None


class StageError(RuntimeError):
    """A pipeline stage (``computer``, ``simulation``, ``signals``) raised ``error`` (also the ``__cause__``)."""

    def __init__(self, stage: str, error: BaseException) -> None:
        super().__init__(f"stage {stage}: {type(error).__name__}: {error}")
        self.stage = stage
        self.error = error


JobFunction = Callable[[JobSpec], Awaitable[JobResult]]
"""A job function: ``async def job(spec: JobSpec) -> JobResult`` (default :func:`run_pipeline`)."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _log(job_dir: Path, event: str, **fields: Any) -> None:
    line = json.dumps({"event": event, "at": _now(), "pid": os.getpid(), **fields}, sort_keys=True)
    fd = os.open(job_dir / ATTEMPTS_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def tokens_by_role(trajectory: RunFolder | Path) -> dict[str, dict[str, int]]:
    """Sum ``usage`` per ``role`` over a run's trajectory (streamed; reads only each line's head and tail).

    ``trajectory`` is a run folder (its compact or plain trajectory) or a JSON-lines file (plain or ``.zst``).

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "trajectory.jsonl"
        >>> _ = p.write_text('{"seq":0,"role":"worker","usage":{"prompt_tokens":5,"completion_tokens":2}}\\n')
        >>> tokens_by_role(p)
        {'worker': {'calls': 1, 'prompt': 5, 'completion': 2}}
    """
    from ..models import iter_jsonl_lines  # imported when used: the batch driver stays light

    out: dict[str, dict[str, int]] = {}
    if isinstance(trajectory, Path):
        if not trajectory.is_file():
            return out
        lines = iter_jsonl_lines(trajectory)
    else:
        if not trajectory.has_trajectory():
            return out
        lines = trajectory.iter_trajectory_lines()
    role_key, usage_key = b'"role":"', b'"usage":{"prompt_tokens":'
    for line in lines:
        start = line.find(role_key, 0, 200)
        if start < 0:
            continue
        start += len(role_key)
        role = line[start : line.index(b'"', start)].decode("utf-8")
        entry = out.setdefault(role, {"calls": 0, "prompt": 0, "completion": 0})
        entry["calls"] += 1
        pos = line.rfind(usage_key)
        if pos < 0:
            continue
        usage = json.loads(line[pos + len(b'"usage":') : line.index(b"}", pos) + 1])
        entry["prompt"] += int(usage.get("prompt_tokens") or 0)
        entry["completion"] += int(usage.get("completion_tokens") or 0)
    return out


def _model_names(model_config_path: str | None) -> Callable[[str], str]:
    """Role -> model name (``scripted`` for roles the config leaves to the offline policy)."""
    if model_config_path is None:
        return lambda role: "scripted"
    from ..models import load_model_config

    models = load_model_config(model_config_path)

    def name(role: str) -> str:
        spec = models.spec_for(role)
        if spec is None:
            return "scripted"
        config = spec.get("config") or {}
        return str(config.get("model") or config.get("azure_deployment") or spec.get("provider", "unknown"))

    return name


def _by_model(by_role: dict[str, dict[str, int]], model_config_path: str | None) -> dict[str, dict[str, int]]:
    name = _model_names(model_config_path)
    out: dict[str, dict[str, int]] = {}
    for role, usage in sorted(by_role.items()):
        entry = out.setdefault(name(role), {"calls": 0, "prompt": 0, "completion": 0})
        for key in entry:
            entry[key] += usage[key]
    return out


def _with_judge(simulation: dict[str, Any], judge: dict[str, Any] | None) -> dict[str, Any]:
    """The simulation's model faults plus those of the judge's calls in the signals stage."""
    if not judge or not judge.get("calls"):
        return simulation
    from ..models import ModelFaults

    return ModelFaults.merge(simulation, judge)


def _simulation_finished(summary_path: Path) -> bool:
    """A ``run.json`` of a finished run (a stopped segment writes one with ``status: failed``: it resumes)."""
    if not summary_path.is_file():
        return False
    try:
        return bool(json.loads(summary_path.read_text(encoding="utf-8")).get("status") != "failed")
    except (OSError, ValueError, AttributeError):
        return False


def _save_computer(spec: JobSpec, computer_dir: Path) -> str:
    """Generate and save the computer atomically (a rename), unless an earlier attempt did; returns its id."""
    from ..computers import ComputerFolder, ProceduralComputerGenerator
    from ..personas import Persona

    computer_folder = ComputerFolder(computer_dir)
    if computer_folder.blueprint_path.is_file():
        return str(computer_folder.blueprint_json()["computer_id"])
    persona = Persona.model_validate(spec.persona)
    computer = ProceduralComputerGenerator().generate(persona, seed=spec.seed)
    tmp = computer_dir.with_name(f".{computer_dir.name}-{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    computer.save(tmp, materialize=spec.materialize_computer)
    shutil.rmtree(computer_dir, ignore_errors=True)  # a partial folder of a killed attempt (no computer.json)
    os.replace(tmp, computer_dir)
    return computer.computer_id


def _judge_client(model_config_path: str | None) -> tuple[Any, Any]:
    """The configured judge's client (None: the scripted judge) and the fault counts its calls report to."""
    if model_config_path is None:
        return None, None
    from ..models import load_model_config

    models = load_model_config(model_config_path)
    client = models.client_for("judge") if models.spec_for("judge") is not None else None
    return client, models.faults


def _signals(
    run_dir: Path, model_config_path: str | None
) -> tuple[str, float | None, bool | None, dict[str, Any] | None]:
    """Write ``signals.json`` when the signals module provides it; (status, reward, is_correct, judge faults)."""
    try:
        from ..signals import write_run_signals  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return "unavailable", None, None, None
    kwargs: dict[str, Any] = {}
    judge, faults = _judge_client(model_config_path)
    if judge is not None and "judge_client" in inspect.signature(write_run_signals).parameters:
        kwargs["judge_client"] = judge
    path = Path(write_run_signals(run_dir, **kwargs))
    outcome = json.loads(path.read_text(encoding="utf-8")).get("outcome", {})
    reward = outcome.get("reward")
    correct = outcome.get("is_correct")
    judged = faults.summary() if judge is not None and faults is not None else None
    return (
        "ok",
        (float(reward) if reward is not None else None),
        (bool(correct) if correct is not None else None),
        judged,
    )


async def run_pipeline(spec: JobSpec) -> JobResult:
    """The default job function: the pipeline of ``synthcomp run`` for one persona, resumable stage by stage.

    Raises whatever a stage raises (with the stage named in a note); :func:`execute_job` classifies it.

    Example:
        >>> import asyncio
        >>> spec = JobSpec(index=0, job_id="j0", persona={"text": "A buyer in Lyon"}, seed=0, job_dir="/tmp/j0",
        ...                days=5, max_worker_turns=3)
        >>> asyncio.run(run_pipeline(spec)).status  # doctest: +SKIP
        'done'
    """
    from ..simulation import Simulation, SimulationConfig

    job_dir = Path(spec.job_dir)
    job = JobFolder(job_dir)
    stages: dict[str, float] = {}
    stage = "computer"
    try:
        started = time.perf_counter()
        computer_dir = job.computer.path
        computer_id = _save_computer(spec, computer_dir)
        stages["computer_s"] = round(time.perf_counter() - started, 3)

        stage = "simulation"
        started = time.perf_counter()
        run = job.run
        run_dir = run.path
        summary_path = run.summary_path
        if not _simulation_finished(summary_path):
            config = SimulationConfig(
                computer_dir=computer_dir,
                run_dir=run_dir,
                seed=spec.seed,
                days=spec.days,
                max_worker_turns=spec.max_worker_turns,
                model_config_path=Path(spec.model_config_path) if spec.model_config_path else None,
                materialize=spec.materialize_computer,
            )

            def on_progress(progress: Any) -> None:
                if progress.finished:
                    _log(job_dir, "simulation_finished", attempt=spec.attempt)

            if spec.no_progress_timeout_s is not None:
                config = config.model_copy(update={"no_progress_timeout_s": spec.no_progress_timeout_s})
            if spec.checkpoint_every is not None:
                config = config.model_copy(update={"checkpoint_every": spec.checkpoint_every})
            simulation = Simulation(config, progress=on_progress)
            resume = run.can_resume()
            await (simulation.resume() if resume else simulation.run())
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
        stages["simulation_s"] = round(time.perf_counter() - started, 3)

        stage = "signals"
        started = time.perf_counter()
        signals, reward, correct, judge_faults = _signals(run_dir, spec.model_config_path)
        stages["signals_s"] = round(time.perf_counter() - started, 3)
        if not spec.keep_checkpoints and run.is_finished() and summary.get("status") != "failed":
            run.drop_checkpoints()  # a finished job never resumes: its checkpoints are ~15% of its bytes
        by_model = _by_model(tokens_by_role(run), spec.model_config_path)
    except Exception as exc:
        raise StageError(stage, exc) from exc
    tokens = summary.get("tokens", {})
    return JobResult(
        index=spec.index,
        job_id=spec.job_id,
        status="done",
        attempt=spec.attempt,
        computer_id=computer_id,
        stages=stages,
        worker_turns=summary.get("worker_turns"),
        days_simulated=summary.get("days_simulated"),
        stop_reason=summary.get("stop_reason"),
        deliverables_submitted=summary.get("deliverables_submitted"),
        deliverables_total=summary.get("deliverables_total"),
        prompt_tokens=int(tokens.get("prompt", 0)),
        completion_tokens=int(tokens.get("completion", 0)),
        tokens_by_model=by_model,
        reward=reward,
        is_correct=correct,
        signals=signals,
        model_faults=_with_judge(summary.get("model_faults") or {}, judge_faults),
    )


def resolve_job_function(path: str | None) -> JobFunction:
    """``"module:callable"`` -> the job function (the public test and extension seam); None -> :func:`run_pipeline`.

    The callable takes a :class:`JobSpec` and returns a :class:`JobResult` (sync or async). It must be importable
    by name in every worker process (and on every Ray node). Raise :class:`TransientError` to ask for a retry.

    Example:
        >>> resolve_job_function(None) is run_pipeline
        True
    """
    if path is None:
        return run_pipeline
    module_name, _, attr = path.partition(":")
    if not module_name or not attr:
        raise PermanentJobError(f"job function {path!r} must be 'module:callable'")
    try:
        function = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise PermanentJobError(f"cannot import the job function {path!r}: {exc}") from None

    async def call(spec: JobSpec) -> JobResult:
        out = function(spec)
        if inspect.isawaitable(out):
            out = await out
        if not isinstance(out, JobResult):
            raise PermanentJobError(f"job function {path!r} returned {type(out).__name__}, not a JobResult")
        return out

    return call


def _describe(exc: BaseException) -> str:
    head = ""
    if isinstance(exc, StageError):
        head, exc = f"stage {exc.stage}: ", exc.error
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[-1] if lines else ""
    return f"{head}{type(exc).__name__}: {text}"[:2000]


def model_fault_of(exc: BaseException) -> tuple[str | None, str | None, float | None]:
    """``(fault kind, endpoint, Retry-After seconds)`` of a job error caused by a model call, when one did.

    Reads a stopped simulation's named cause (``SimulationError.cause``), a ``ModelCallError`` (``kind``,
    ``endpoint``, ``retry_after``), or classifies a raw client or network error (endpoint unknown).

    Example:
        >>> model_fault_of(ConnectionRefusedError(111, "Connection refused"))
        ('connection', None, None)
        >>> model_fault_of(ValueError("persona is empty"))
        (None, None, None)
    """
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 20:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for item in chain:
        cause = getattr(item, "cause", None)
        if isinstance(cause, dict) and cause.get("cause") == "model_call_failed":
            after = cause.get("retry_after_s")
            endpoint = cause.get("endpoint")
            return (
                str(cause.get("fault") or "other"),
                str(endpoint) if endpoint else None,
                float(after) if isinstance(after, (int, float)) else None,
            )
        kind = getattr(item, "kind", None)
        if isinstance(kind, str) and hasattr(item, "endpoint") and hasattr(item, "attempts"):  # a ModelCallError
            after = getattr(item, "retry_after", None)
            return kind, str(item.endpoint) or None, float(after) if isinstance(after, (int, float)) else None
    network = ("APIConnectionError", "APITimeoutError", "ConnectError", "ConnectTimeout", "ReadTimeout",
               "RemoteProtocolError", "ConnectionError", "TimeoutError")  # fmt: skip
    for item in chain:
        if {cls.__name__ for cls in type(item).__mro__} & set(network):
            return ("timeout" if "Timeout" in type(item).__name__ else "connection"), None, None
    return None, None, None


async def execute_job(spec: JobSpec) -> JobResult:
    """Run one attempt of a job in its folder and never raise: the result says done, failed or transient.

    A folder holding ``job.json`` returns that result (``reused=True``) without running anything.

    Example:
        >>> import asyncio, tempfile
        >>> spec = JobSpec(index=0, job_id="j", persona={"text": "x"}, seed=0, job_dir=tempfile.mkdtemp(),
        ...                job_function="math:sqrt")
        >>> result = asyncio.run(execute_job(spec))
        >>> result.status, result.error.startswith("TypeError")
        ('failed', True)
    """
    job_dir = Path(spec.job_dir)
    base = {"index": spec.index, "job_id": spec.job_id, "attempt": spec.attempt, "host": socket.gethostname(),
            "pid": os.getpid()}  # fmt: skip
    try:
        job_dir.mkdir(parents=True, exist_ok=True)
        marker = JobFolder(job_dir).result_path
        if marker.is_file():
            done = JobResult.model_validate_json(marker.read_text(encoding="utf-8"))
            _log(job_dir, "reused", attempt=spec.attempt)
            return done.model_copy(update={"reused": True})
        _log(job_dir, "start", attempt=spec.attempt, dispatch=spec.dispatch)
        function = resolve_job_function(spec.job_function)
        result = await function(spec)
        result = result.model_copy(update={**base, "finished_at": _now()})
        if result.status == "done":
            atomic_write_text(marker, result.model_dump_json(indent=2) + "\n")
            _log(job_dir, "complete", attempt=spec.attempt)
        return result
    except Exception as exc:
        kind = classify_error(exc)
        error = _describe(exc)
        fault, endpoint, retry_after = model_fault_of(exc)
        with contextlib.suppress(OSError):
            _log(job_dir, "error", attempt=spec.attempt, kind=kind, error=error, fault=fault)
        return JobResult(
            **base,
            status="transient" if kind == "transient" else "failed",
            error=error,
            fault=fault,
            endpoint=endpoint,
            retry_after_s=retry_after,
        )

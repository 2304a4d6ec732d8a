"""Batch runs on the local backend: determinism across worker counts, resume, retries, failures, lost workers,
fsspec outputs. The failing jobs come in through the public seam ``BatchConfig.job_function`` ("module:callable",
importable in the worker processes: the functions below)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import signal
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from synthcomp_agents.scale import (
    BatchConfig,
    JobResult,
    JobSpec,
    Manifest,
    RetryPolicy,
    run_batch,
)

FAST_RETRY = RetryPolicy(max_attempts=3, base_delay_s=0.01, max_delay_s=0.05)


# -- job functions for the seam (run inside the worker processes) ---------------------------------------------------


def quick_job(spec: JobSpec) -> JobResult:
    """A stand-in job: writes a file and reports fixed numbers derived from the seed."""
    Path(spec.job_dir, "out.txt").write_text(f"seed {spec.seed}\n")
    return JobResult(
        index=spec.index,
        job_id=spec.job_id,
        status="done",
        worker_turns=spec.seed % 7,
        reward=(spec.seed % 5) / 4,
        prompt_tokens=1000,
        completion_tokens=100,
        tokens_by_model={"gpt-4o-mini": {"calls": 2, "prompt": 1000, "completion": 100}},
        signals="ok",
    )


async def flaky_job(spec: JobSpec) -> JobResult:
    """Rate limited on the first two attempts (as AutoGen re-raises an OpenAI 429), then fine."""
    if spec.attempt < 3:
        raise RuntimeError("segment day02 (seg-0003) failed: RateLimitError: Error code: 429 - rate limit reached")
    return quick_job(spec)


def always_rate_limited(spec: JobSpec) -> JobResult:
    raise RuntimeError("RateLimitError: Error code: 429 - rate limit reached")


def broken_job(spec: JobSpec) -> JobResult:
    """Job 1 has a permanent error (a bad API key); the others succeed."""
    if spec.index == 1:
        raise RuntimeError("AuthenticationError: Error code: 401 - invalid api key")
    return quick_job(spec)


def killed_job(spec: JobSpec) -> JobResult:
    """Job 0's worker process is SIGKILLed during the first attempt."""
    if spec.index == 0 and spec.attempt == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    return quick_job(spec)


async def sleepy_job(spec: JobSpec) -> JobResult:
    """A model-bound stand-in: waits (like a model call) and records when it ran and in which process."""
    started = time.time()
    await asyncio.sleep(0.5)
    Path(spec.job_dir, "span.json").write_text(json.dumps([os.getpid(), started, time.time()]))
    return quick_job(spec)


# -- helpers --------------------------------------------------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fingerprint(out: Path) -> dict[str, tuple[object, ...]]:
    """Per job: reward, worker turns, hashes of the final disk and the trajectory, and the computer archive."""
    prints: dict[str, tuple[object, ...]] = {}
    for job in sorted((out / "jobs").iterdir()):
        result = json.loads((job / "job.json").read_text())
        prints[job.name] = (
            result["reward"],
            result["worker_turns"],
            result["prompt_tokens"],
            _sha(job / "run" / "final.delta.zip"),
            _sha(job / "run" / "trajectory.jsonl.zst"),
            _sha(job / "computer" / "computer.scdisk"),
        )
    return prints


def _events(job_dir: Path) -> list[str]:
    return [json.loads(line)["event"] for line in (job_dir / "attempts.jsonl").read_text().splitlines()]


def _config(out: Path | str, **fields: object) -> BatchConfig:
    settings: dict[str, object] = {
        "n": 2,
        "seed": 0,
        "out": str(out),
        "days": 1,  # the cheapest real jobs: 1 workday (a short objective plan), worker turn cap 1
        "max_worker_turns": 1,
        "materialize_computers": False,
        **fields,
    }
    return BatchConfig(**settings)  # type: ignore[arg-type]


# -- the real pipeline ----------------------------------------------------------------------------------------------


def test_same_seeds_give_the_same_results_with_1_and_2_workers_and_a_rerun_runs_nothing(tmp_path: Path) -> None:
    one = run_batch(_config(tmp_path / "w1", workers=1))
    two = run_batch(_config(tmp_path / "w2", workers=2, keep_checkpoints=True))
    assert one["states"] == two["states"] == {"pending": 0, "running": 0, "done": 2, "failed": 0}
    assert _fingerprint(tmp_path / "w1") == _fingerprint(tmp_path / "w2")
    # a finished job's checkpoints are removed unless asked to keep them; its results do not depend on them
    for job_dir in (tmp_path / "w1" / "jobs").iterdir():
        assert not (job_dir / "run" / "checkpoints").exists()
        assert (job_dir / "run" / "final.delta.zip").is_file() and (job_dir / "run" / "signals.json").is_file()
    for job_dir in (tmp_path / "w2" / "jobs").iterdir():
        assert (job_dir / "run" / "checkpoints" / "LATEST").is_file()
    assert [j["reward"] for j in one["jobs"]] == [j["reward"] for j in two["jobs"]]
    assert all(j["reward"] is not None and j["signals"] == "ok" for j in one["jobs"])
    assert one["worker_turns"] == two["worker_turns"] > 0
    assert one["cost"]["total"] == 0.0 and set(one["by_model"]) == {"scripted"}
    job = one["jobs"][0]
    assert job["seed"] == 0 and job["computer_s"] > 0 and job["simulation_s"] > 0 and job["attempts"] == 1
    table = pq.read_table(tmp_path / "w1" / "summary.parquet")
    assert table.num_rows == 2 and table.column("reward").to_pylist() == [j["reward"] for j in one["jobs"]]
    # the same command again: every job is done, nothing runs
    again = run_batch(_config(tmp_path / "w2", workers=2))
    assert again["states"]["done"] == 2
    for job_dir in (tmp_path / "w2" / "jobs").iterdir():
        assert _events(job_dir) == ["start", "simulation_finished", "complete"]
    manifest = Manifest.open(tmp_path / "w2" / "manifest.sqlite")
    assert [(r.state, r.attempts, r.completions) for r in manifest.rows()] == [("done", 1, 1)] * 2
    manifest.close()


# -- the seam: retries, failures, lost workers, remote outputs ------------------------------------------------------


def test_transient_errors_retry_with_backoff_then_succeed(tmp_path: Path) -> None:
    summary = run_batch(_config(tmp_path, n=2, job_function="test_scale_batch:flaky_job", retry=FAST_RETRY))
    assert summary["states"]["done"] == 2
    assert [j["attempts"] for j in summary["jobs"]] == [3, 3]
    for job_dir in (tmp_path / "jobs").iterdir():
        assert _events(job_dir) == ["start", "error", "start", "error", "start", "complete"]
    assert summary["cost"]["total"] == pytest.approx(2 * (1000 * 0.15 + 100 * 0.60) / 1e6)


def test_transient_errors_give_up_after_the_retry_limit(tmp_path: Path) -> None:
    summary = run_batch(_config(tmp_path, n=1, job_function="test_scale_batch:always_rate_limited", retry=FAST_RETRY))
    assert summary["states"]["failed"] == 1
    error = summary["failures"][0]["error"]
    assert error.startswith("gave up after 3 attempts: RuntimeError: RateLimitError: Error code: 429")


def test_a_permanent_error_fails_its_job_and_the_batch_continues(tmp_path: Path) -> None:
    summary = run_batch(_config(tmp_path, n=4, workers=2, job_function="test_scale_batch:broken_job", retry=FAST_RETRY))
    assert summary["states"] == {"pending": 0, "running": 0, "done": 3, "failed": 1}
    failed = [j for j in summary["jobs"] if j["state"] == "failed"]
    assert [j["index"] for j in failed] == [1] and failed[0]["attempts"] == 1  # not retried
    assert "AuthenticationError: Error code: 401" in failed[0]["error"]
    # re-running retries failed jobs (the cause may be fixed); --skip-failed leaves them
    again = run_batch(_config(tmp_path, n=4, workers=2, job_function="test_scale_batch:broken_job",
                              retry=FAST_RETRY, retry_failed=False))  # fmt: skip
    assert again["states"]["failed"] == 1


def test_a_killed_worker_process_loses_nothing(tmp_path: Path) -> None:
    summary = run_batch(_config(tmp_path, n=4, workers=2, job_function="test_scale_batch:killed_job", retry=FAST_RETRY))
    assert summary["states"]["done"] == 4
    first = summary["jobs"][0]
    assert first["attempts"] == 2
    assert _events(tmp_path / "jobs" / first["job_id"]) == ["start", "start", "complete"]


def test_one_worker_process_overlaps_model_bound_jobs(tmp_path: Path) -> None:
    summary = run_batch(_config(tmp_path, n=3, workers=1, concurrency=3, job_function="test_scale_batch:sleepy_job"))
    assert summary["states"]["done"] == 3
    spans = [json.loads((tmp_path / "jobs" / j["job_id"] / "span.json").read_text()) for j in summary["jobs"]]
    assert len({pid for pid, _, _ in spans}) == 1  # one process
    assert max(start for _, start, _ in spans) < min(end for _, _, end in spans)  # all three were running at once


def test_outputs_to_an_fsspec_url_are_uploaded_job_by_job(tmp_path: Path) -> None:
    import fsspec  # type: ignore[import-untyped]

    url = "memory://scale-test/batch"
    summary = run_batch(_config(url, n=3, workers=2, job_function="test_scale_batch:quick_job",
                                staging=tmp_path / "stage"))  # fmt: skip
    assert summary["states"]["done"] == 3
    fs = fsspec.filesystem("memory")
    for job in summary["jobs"]:
        assert fs.cat_file(f"/scale-test/batch/jobs/{job['job_id']}/out.txt") == f"seed {job['seed']}\n".encode()
        assert json.loads(fs.cat_file(f"/scale-test/batch/jobs/{job['job_id']}/job.json"))["status"] == "done"
        assert not (tmp_path / "stage" / "jobs" / job["job_id"]).exists()
    assert json.loads(fs.cat_file("/scale-test/batch/summary.json"))["states"]["done"] == 3
    assert fs.exists("/scale-test/batch/summary.parquet") and fs.exists("/scale-test/batch/manifest.sqlite")

"""The batch retry budget: endpoint outages pause the batch (no attempt burned), a server's Retry-After is honoured,
the time budget ends retries, and each job's attempt history survives re-runs of the batch command.

The jobs come in through the public seam ``BatchConfig.job_function`` (importable in the worker processes). The
outage jobs make one real model call through the configured role's client (``RoleModels.client_for``: AutoGen's
OpenAI client inside the retrying wrapper) to a port where nothing listens until the test starts a server there.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from synthcomp_agents.models import ModelCallError
from synthcomp_agents.scale import BatchConfig, JobResult, JobSpec, PermanentJobError, RetryPolicy, run_batch
from synthcomp_agents.scale._runner import BatchRunner

# -- a minimal OpenAI-compatible endpoint -----------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _json(self, data: dict[str, Any]) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._json({"object": "list", "data": [{"id": "m", "object": "model", "created": 0, "owned_by": "test"}]})

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._json(
            {
                "id": "c1",
                "object": "chat.completion",
                "created": 0,
                "model": "m",
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "fine"}}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4},
            }
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _errors_logged(out: Path) -> int:
    return sum(p.read_text().count('"event": "error"') for p in out.glob("jobs/*/attempts.jsonl"))


def _serve_later(port: int, out: Path, after_s: float) -> tuple[threading.Thread, list[ThreadingHTTPServer]]:
    """Start the endpoint on ``port`` ``after_s`` seconds after a job's first failed attempt (connections are refused
    until then; worker processes take a while to start on a loaded machine)."""
    servers: list[ThreadingHTTPServer] = []

    def run() -> None:
        deadline = time.monotonic() + 300
        while _errors_logged(out) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(after_s)
        server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        server.daemon_threads = True
        servers.append(server)
        server.serve_forever(poll_interval=0.1)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, servers


def _model_config(tmp_path: Path, port: int) -> Path:
    info = {"vision": False, "function_calling": True, "json_output": False, "family": "unknown",
            "structured_output": False}  # fmt: skip
    role = {
        "model": "m",
        "base_url": f"http://127.0.0.1:{port}/v1",
        "api_key_env": None,
        "model_info": info,
        "retry": {"timeout_s": 2.0, "attempts": 2, "backoff_s": 0.05, "max_backoff_s": 0.1},
    }
    path = tmp_path / "models.json"
    path.write_text(json.dumps({"roles": {"worker": role}}))
    return path


# -- job functions for the seam (run inside the worker processes) ---------------------------------------------------


def _done(spec: JobSpec) -> JobResult:
    return JobResult(index=spec.index, job_id=spec.job_id, status="done", worker_turns=1, reward=0.5, signals="ok")


async def model_job(spec: JobSpec) -> JobResult:
    """One model call of the configured worker role; a refused connection fails the job as a stopped segment does."""
    from autogen_core.models import UserMessage

    from synthcomp_agents.models import load_model_config

    assert spec.model_config_path is not None
    models = load_model_config(spec.model_config_path)
    client = models.client_for("worker")
    try:
        await client.create([UserMessage(content="hello", source="user")])
    finally:
        await models.close()
    return _done(spec)


def rate_limited_once(spec: JobSpec) -> JobResult:
    """The first attempt's model call ran out of retries on a 429 whose Retry-After asks for 1.5 s."""
    if spec.attempt == 1:
        raise ModelCallError("worker", "rate_limit", 8, "http://127.0.0.1:9/v1", "Error code: 429", retry_after=1.5)
    return _done(spec)


def always_rate_limited(spec: JobSpec) -> JobResult:
    raise ModelCallError("worker", "rate_limit", 8, "http://127.0.0.1:9/v1", "Error code: 429", retry_after=0.3)


def bad_on_the_first_run(spec: JobSpec) -> JobResult:
    """Job 1 fails permanently in the first run of the batch command (the cause is then fixed)."""
    marker = Path(spec.job_dir, "first-run-done")
    if spec.index == 1 and not marker.exists():
        marker.write_text("x")
        raise PermanentJobError("the persona file had a bad line")
    return _done(spec)


# -- helpers --------------------------------------------------------------------------------------------------------


FAST = {"base_delay_s": 0.01, "max_delay_s": 0.05, "probe_delay_s": 0.2, "max_probe_delay_s": 0.5}


def _config(out: Path, **fields: Any) -> BatchConfig:
    settings: dict[str, Any] = {"n": 2, "seed": 0, "out": str(out), "days": 1, "workers": 1, **fields}
    return BatchConfig(**settings)


def _at(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


# -- endpoint outage --------------------------------------------------------------------------------------------------


def test_an_endpoint_outage_pauses_the_batch_and_burns_no_attempt(tmp_path: Path) -> None:
    port = _free_port()
    config = _model_config(tmp_path, port)
    policy = RetryPolicy(max_attempts=2, **FAST)  # without the pause two refused attempts would fail each job
    _, servers = _serve_later(port, tmp_path / "b", after_s=3.0)
    try:
        summary = run_batch(
            _config(
                tmp_path / "b",
                model_config=config,
                concurrency=2,
                retry=policy,
                job_function="test_scale_outage:model_job",
            )
        )
    finally:
        for server in servers:
            server.shutdown()
    assert _errors_logged(tmp_path / "b") >= 2  # both jobs met the outage (and waited for the endpoint)
    assert summary["states"] == {"pending": 0, "running": 0, "done": 2, "failed": 0}
    for job in summary["jobs"]:
        history = job["history"]
        outcomes = [a["outcome"] for a in history]
        assert outcomes[-1] == "done" and set(outcomes[:-1]) == {"paused"}, history
        paused = history[:-1]
        assert all(not a["charged"] and a["fault"] == "connection" and a["kind"] == "transient" for a in paused)
        assert "role worker at http://127.0.0.1:" in paused[0]["cause"]  # the failed call names its role and URL
        assert job["error"] is None
    assert summary["attempts"]["paused_by_outage"] >= 2 and summary["attempts"]["charged"] == 0


def test_without_the_outage_pause_the_same_outage_fails_the_jobs(tmp_path: Path) -> None:
    """The issue's case (a short outage failed jobs within seconds): with probing off, both jobs fail."""
    port = _free_port()
    config = _model_config(tmp_path, port)
    runner = BatchRunner(
        _config(
            tmp_path / "b",
            model_config=config,
            retry=RetryPolicy(max_attempts=2, **FAST),
            job_function="test_scale_outage:model_job",
        )
    )
    runner.probe = None
    summary = runner.run()
    assert summary["states"]["failed"] == 2
    assert all(j["error"].startswith("gave up after 2 attempts") for j in summary["jobs"])


def test_an_outage_longer_than_the_outage_wait_fails_the_held_jobs_by_name(tmp_path: Path) -> None:
    config = _model_config(tmp_path, _free_port())  # nothing ever listens
    policy = RetryPolicy(max_attempts=5, outage_wait_s=1.0, **FAST)
    summary = run_batch(
        _config(tmp_path / "b", n=1, model_config=config, retry=policy, job_function="test_scale_outage:model_job")
    )
    assert summary["states"]["failed"] == 1
    error = summary["jobs"][0]["error"]
    assert error.startswith("gave up: the model endpoint did not answer for") and "--outage-wait 1 s" in error
    history = summary["jobs"][0]["history"]
    assert len(history) == 1 and history[0]["outcome"] == "failed" and not history[0]["charged"]


# -- Retry-After and the time budget -----------------------------------------------------------------------------


def test_a_retry_after_from_the_model_is_honoured_by_the_batch(tmp_path: Path) -> None:
    summary = run_batch(
        _config(
            tmp_path, n=1, retry=RetryPolicy(max_attempts=3, **FAST), job_function="test_scale_outage:rate_limited_once"
        )
    )
    assert summary["states"]["done"] == 1
    first, second = summary["jobs"][0]["history"]
    assert (first["outcome"], first["kind"], first["fault"], first["charged"]) == ("retry", "transient",
                                                                                   "rate_limit", True)  # fmt: skip
    waited = _at(second["started_at"]) - _at(first["ended_at"])
    assert waited >= 1.4, waited  # the backoff alone would be 0.01 s


def test_the_time_budget_ends_retries(tmp_path: Path) -> None:
    policy = RetryPolicy(max_attempts=1000, base_delay_s=0.05, max_delay_s=0.05, retry_for_s=1.0)
    started = time.monotonic()
    summary = run_batch(_config(tmp_path, n=1, retry=policy, job_function="test_scale_outage:always_rate_limited"))
    assert time.monotonic() - started < 15
    job = summary["jobs"][0]
    assert job["state"] == "failed" and "would pass the 1 s retry budget" in job["error"], job["error"]
    assert 2 <= len(job["history"]) <= 6  # Retry-After 0.3 s per wait within a 1 s budget


def test_retry_policy_counts_and_durations() -> None:
    from synthcomp_agents.scale._errors import parse_duration

    assert parse_duration("30m") == 1800 and parse_duration("2h") == 7200 and parse_duration("90") == 90
    policy = RetryPolicy(max_attempts=10, base_delay_s=1.0, max_delay_s=8.0, jitter=0.0, retry_for_s=20.0)
    assert policy.delay(1, retry_after=5.0) == 5.0 and policy.delay(4) == 8.0
    assert policy.attempts_within() == 5  # 1 + 2 + 4 + 8 = 15 <= 20 < 23
    with pytest.raises(Exception, match="not a duration"):
        parse_duration("soon")


# -- the attempt history across re-runs ----------------------------------------------------------------------------


def test_the_attempt_history_survives_a_second_batch_command(tmp_path: Path) -> None:
    from synthcomp_agents.cli import app

    fields: dict[str, Any] = {"retry": RetryPolicy(max_attempts=3, **FAST),
                              "job_function": "test_scale_outage:bad_on_the_first_run"}  # fmt: skip
    first = run_batch(_config(tmp_path, **fields))
    assert first["states"]["failed"] == 1
    second = run_batch(_config(tmp_path, **fields))
    assert second["states"]["done"] == 2
    job = second["jobs"][1]
    assert job["attempts"] == 2
    history = job["history"]
    assert [(a["attempt"], a["outcome"], a["kind"]) for a in history] == [(1, "failed", "permanent"),
                                                                          (2, "done", None)]  # fmt: skip
    assert history[0]["run"] != history[1]["run"] and "bad line" in history[0]["cause"]
    assert history[0]["started_at"] <= history[0]["ended_at"] <= history[1]["started_at"]
    assert second["attempts"]["runs"] == 2 and len(second["jobs"][0]["history"]) == 1
    # `synthcomp batch status` shows it
    result = CliRunner().invoke(app, ["batch", "status", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "attempts (every run of the batch command)" in result.output
    assert "permanent" in result.output and "bad line" in result.output
    assert "3 attempts over 2 run(s) of the command" in result.output

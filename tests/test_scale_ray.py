"""The Ray backend on a local Ray instance (``ray.init(num_cpus=2)``): the same seeds give the same results as the
local backend; transient errors are retried by Ray (``retry_exceptions``) and permanent ones are not."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from synthcomp_agents.scale import RetryPolicy, run_batch

os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
import ray

TESTS = str(Path(__file__).parent)
sys.path.insert(0, TESTS)
from test_scale_batch import _config, _events, _fingerprint  # noqa: E402


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": os.pathsep.join([TESTS, os.environ.get("PYTHONPATH", "")])}},
    )
    yield ray
    ray.shutdown()


def test_ray_gives_the_same_results_as_the_local_backend(local_ray: Any, tmp_path: Path) -> None:
    local = run_batch(_config(tmp_path / "local", n=2, workers=2))
    on_ray = run_batch(_config(tmp_path / "ray", n=2, backend="ray"))
    assert local["states"] == on_ray["states"] == {"pending": 0, "running": 0, "done": 2, "failed": 0}
    assert _fingerprint(tmp_path / "local") == _fingerprint(tmp_path / "ray")
    assert [j["reward"] for j in local["jobs"]] == [j["reward"] for j in on_ray["jobs"]]


def test_ray_retries_transient_errors_and_fails_permanent_ones(local_ray: Any, tmp_path: Path) -> None:
    retry = RetryPolicy(max_attempts=3, base_delay_s=0.01, max_delay_s=0.05)
    flaky = run_batch(_config(tmp_path / "flaky", n=2, backend="ray", retry=retry,
                              job_function="test_scale_batch:flaky_job"))  # fmt: skip
    assert flaky["states"]["done"] == 2
    assert [j["attempts"] for j in flaky["jobs"]] == [3, 3]
    for job in flaky["jobs"]:
        assert _events(tmp_path / "flaky" / "jobs" / job["job_id"]) == [
            "start", "error", "start", "error", "start", "complete"
        ]  # fmt: skip
    broken = run_batch(_config(tmp_path / "broken", n=3, backend="ray", retry=retry,
                               job_function="test_scale_batch:broken_job"))  # fmt: skip
    assert broken["states"] == {"pending": 0, "running": 0, "done": 2, "failed": 1}
    assert "AuthenticationError" in broken["failures"][0]["error"]
    never = run_batch(_config(tmp_path / "never", n=1, backend="ray", retry=retry,
                              job_function="test_scale_batch:always_rate_limited"))  # fmt: skip
    assert never["states"]["failed"] == 1
    assert never["failures"][0]["error"].startswith("gave up after 3 attempts")
    assert json.loads((tmp_path / "never" / "summary.json").read_text())["states"]["failed"] == 1

"""The issue's kill/restart acceptance test, at CI size: an offline batch (the real pipeline through the real command
line) is SIGKILLed midway (driver and workers: the whole process group), restarted with the same command, and
finishes with exactly N completed runs, none run twice to completion, nothing lost.

The scenario and its checks live in ``tools/batch_kill_restart.py``, which runs it at the issue's size (100 jobs,
results in BENCHMARKS.md); here it runs 8 of the cheapest real jobs (1 workday, worker turn cap 1): every stage is
real (computer generation, objective-setter, simulation with checkpoints, signals).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

N = 8
KILL_AFTER_DONE = 3


def _tool() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "tools" / "batch_kill_restart.py"
    spec = importlib.util.spec_from_file_location("batch_kill_restart", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_batch_killed_midway_and_restarted_finishes_every_job_exactly_once(tmp_path: Path) -> None:
    result = _tool().run_scenario(tmp_path / "batch", N, KILL_AFTER_DONE, days=1, max_worker_turns=1, workers=2)
    at_kill = result["states_at_kill"]
    assert 0 < at_kill.get("done", 0) < N and at_kill.get("running", 0) > 0, at_kill
    for name, check in result["checks"].items():
        assert check["ok"], (name, check["detail"])
    assert result["states_at_end"] == {"pending": 0, "running": 0, "done": N, "failed": 0}
    assert result["completed"] == N and result["resumed_jobs"] > 0

"""Checkpoint state is a typed, versioned RunState: what a run stores, what a resume reads, and clear errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from export_run_cache import standin_run
from sim_standins import standin_hooks

from synthcomp_agents.simulation import CheckpointError, CheckpointStore, RunFolder
from synthcomp_agents.simulation._run import Simulation, SimulationConfig, SimulationError
from synthcomp_agents.simulation._run_state import RUN_STATE_SCHEMA_VERSION, RunState


@pytest.fixture(scope="module")
def finished_run() -> tuple[Path, Path]:
    """The session's two-day stand-in run (``export_run_cache.standin_run``): read here, copied where a test writes."""
    return standin_run()


def _latest_state(computer: Path, run: Path) -> dict[str, object]:
    store = CheckpointStore(run / "checkpoints", computer / "computer.scdisk")
    latest = store.latest()
    assert latest is not None
    state: dict[str, object] = store.load(latest)["state"]
    return state


def test_checkpoint_state_is_a_run_state_that_agrees_with_run_json(finished_run: tuple[Path, Path]) -> None:
    computer, run = finished_run
    raw = _latest_state(computer, run)
    assert "rng" not in raw and raw["schema_version"] == RUN_STATE_SCHEMA_VERSION
    state = RunState.from_checkpoint(raw)
    summary = json.loads((run / "run.json").read_text(encoding="utf-8"))
    assert state.segment == summary["segments"] and state.label == "day02" and state.seed == 1
    assert state.stats.meter.prompt_tokens == summary["tokens"]["prompt"]
    assert state.stats.chat_messages == summary["chat_messages"]
    assert state.world["clock"]["day_index"] == 2 and sorted(state.world["submissions"]) == summary["submitted"]
    assert "worker" in state.agents
    lines = sum(1 for _ in RunFolder(run).iter_trajectory_lines())
    assert state.offsets.trajectory["lines"] == lines


def test_version_1_state_loads_without_its_unused_rng(finished_run: tuple[Path, Path]) -> None:
    raw = dict(_latest_state(*finished_run))
    old = {k: v for k, v in raw.items() if k not in ("schema_version", "offsets")}
    old.update(run_schema_version=1, rng=[3, list(range(625)), None], offsets=raw["offsets"])
    assert RunState.from_checkpoint(old) == RunState.from_checkpoint(raw)
    with pytest.raises(CheckpointError, match="run state is not valid"):
        RunState.from_checkpoint({**raw, "world": None})
    with pytest.raises(CheckpointError, match="run state is not valid"):
        RunState.from_checkpoint({**raw, "extra_field": 1})


def test_resume_from_a_newer_state_version_names_the_version(finished_run: tuple[Path, Path], tmp_path: Path) -> None:
    computer, run = finished_run
    copy = tmp_path / "run"

    shutil.copytree(run, copy)
    latest = (copy / "checkpoints" / "LATEST").read_text(encoding="utf-8").strip()
    path = copy / "checkpoints" / latest / "checkpoint.json"
    record = json.loads(path.read_bytes())
    record["state"]["schema_version"] = 99
    path.write_text(json.dumps(record), encoding="utf-8")
    sim = Simulation(SimulationConfig(computer_dir=computer, run_dir=copy, days=2, seed=1), hooks=standin_hooks())
    with pytest.raises(SimulationError, match=r"cannot resume .* schema_version 99"):
        sim.resume_sync()

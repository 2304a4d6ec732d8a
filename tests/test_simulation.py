"""Simulation orchestration: artifacts, determinism, bounded checkpoints, resume after a failed segment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from generator_cache import generated
from sim_standins import WorkerPolicy, build_standins, standin_client, standin_hooks

from synthcomp_agents.objectives import ObjectivePlan
from synthcomp_agents.simulation import RunFolder
from synthcomp_agents.simulation._checkpoint import CheckpointStore
from synthcomp_agents.simulation._run import Simulation, SimulationConfig, SimulationError, SimulationHooks
from synthcomp_agents.simulation._selector import SimulationSelector


@pytest.fixture(scope="session")
def computer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("computer") / "c1"
    generated("A procurement manager in Valencia", seed=7).save(folder, materialize=False)
    return folder


def _config(computer_dir: Path, run_dir: Path, **kw: Any) -> SimulationConfig:
    return SimulationConfig(computer_dir=computer_dir, run_dir=run_dir, **kw)


def _events(run: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in RunFolder(run).iter_event_lines()]


@pytest.mark.asyncio
async def test_short_run_writes_well_formed_artifacts(computer_dir: Path, tmp_path: Path) -> None:
    progress: list[Any] = []
    sim = Simulation(
        _config(computer_dir, tmp_path / "run", days=3, seed=1), hooks=standin_hooks(), progress=progress.append
    )
    result = await sim.run()
    run = tmp_path / "run"
    for name in (
        "computer.json",
        "objectives.json",
        "trajectory.jsonl.zst",
        "events.jsonl.zst",
        "run.json",
        "final.delta.zip",
    ):
        assert (run / name).is_file(), name
    assert (run / "final" / "Documents" / "Sim Notes" / "day-03.md").is_file()
    plan = ObjectivePlan.from_json((run / "objectives.json").read_text(encoding="utf-8"))
    assert len(plan.deliverables()) == 6
    computer = json.loads((run / "computer.json").read_text(encoding="utf-8"))
    assert [o["objective_id"] for o in computer["monthly_objectives"]] == ["o1", "o2", "o3"]

    assert not (run / "trajectory.jsonl").exists()  # stored compact only
    trajectory = list(RunFolder(run).iter_trajectory())
    for line in trajectory:
        assert {"role", "request", "response", "usage", "latency_s", "sim_time"} <= set(line)
        assert line["request"]["messages"] and line["usage"]["prompt_tokens"] > 0
    roles = {line["role"] for line in trajectory}
    assert {"worker", "objective_setter"} <= roles and any(r.startswith("collaborator:") for r in roles)
    assert trajectory[0]["role"] == "objective_setter"
    worker = [line for line in trajectory if line["role"] == "worker"]
    assert worker[0]["request"]["tools"] and {"end_day", "write_text_file"} <= {
        t["function"]["name"] for t in worker[0]["request"]["tools"]
    }

    assert not (run / "events.jsonl").exists()  # stored compact only
    events = _events(run)
    kinds = {e["kind"] for e in events}
    assert {"clock", "file", "message", "segment"} <= kinds
    assert [e["seq"] for e in events] == list(range(len(events)))
    assert any(e["kind"] == "file" and e["path"] == "Documents/Sim Notes/day-01.md" for e in events)

    summary = json.loads((run / "run.json").read_text(encoding="utf-8"))
    assert summary == result.summary
    assert summary["days_simulated"] == 3 and summary["stop_reason"] == "month over"
    turns = summary["days_simulated"] * WorkerPolicy().calls_per_day  # the stand-in worker's calls, end_day included
    assert summary["worker_turns"] == len(worker) == turns
    assert summary["deliverables_submitted"] == 3 and summary["mail_sent"] >= 1
    assert summary["tokens"]["max_worker_prompt"] <= 16000
    assert progress and progress[-1].finished and progress[-1].worker_turns == turns
    names = CheckpointStore(run / "checkpoints", computer_dir / "computer.scdisk").names()
    assert names == ["seg-0000", "seg-0001", "seg-0002", "seg-0003", "seg-0004"]


@pytest.mark.asyncio
async def test_same_seed_gives_byte_identical_runs(computer_dir: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        await Simulation(_config(computer_dir, tmp_path / name, days=2, seed=5), hooks=standin_hooks()).run()
    for name in ("trajectory.jsonl.zst", "events.jsonl.zst", "final.delta.zip", "objectives.json", "run.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.asyncio
async def test_checkpoint_cost_does_not_grow_with_the_day(computer_dir: Path, tmp_path: Path) -> None:
    sim = Simulation(_config(computer_dir, tmp_path / "run", days=9, token_budget=4000), hooks=standin_hooks())
    result = await sim.run()
    days = [c for c in result.checkpoint_costs if c["label"].startswith("day")]
    assert len(days) == 9
    sizes = [c["bytes"] for c in days]
    early, late = max(sizes[2:5]), max(sizes[6:9])
    assert late <= 1.5 * early + 4096, sizes
    # the whole checkpoint folder stays far smaller than one copy of the disk archive
    total = sum(p.stat().st_size for p in (tmp_path / "run" / "checkpoints").rglob("*") if p.is_file())
    assert total < (computer_dir / "computer.scdisk").stat().st_size / 10


class _FailOnce:
    """Worker policy that raises once on a given day (a model/API error mid-segment)."""

    def __init__(self, day: int) -> None:
        self.day = day
        self.failed = False


def _failing_hooks(state: _FailOnce) -> SimulationHooks:
    class Failing(WorkerPolicy):
        def decide(self, messages: Any, tools: Any) -> Any:
            calls = super().decide(messages, tools)
            if not state.failed and calls[0].id == f"d{state.day}c3":
                state.failed = True
                raise RuntimeError("429 Too Many Requests (injected)")
            return calls

    def client(role: str) -> Any:
        return Failing() if role == "worker" else standin_client(role)

    return SimulationHooks(build_participants=build_standins, default_client=client)


@pytest.mark.asyncio
async def test_resume_after_a_failed_segment_matches_an_uninterrupted_run(computer_dir: Path, tmp_path: Path) -> None:
    await Simulation(_config(computer_dir, tmp_path / "ref", days=3), hooks=standin_hooks()).run()
    state = _FailOnce(day=2)
    broken = Simulation(_config(computer_dir, tmp_path / "run", days=3), hooks=_failing_hooks(state))
    with pytest.raises(SimulationError, match="injected"):
        await broken.run()
    assert state.failed
    with pytest.raises(SimulationError, match="already holds a run"):
        await Simulation(_config(computer_dir, tmp_path / "run", days=3), hooks=standin_hooks()).run()
    await Simulation(_config(computer_dir, tmp_path / "run", days=3), hooks=_failing_hooks(state)).resume()
    for name in ("trajectory.jsonl.zst", "events.jsonl.zst", "final.delta.zip", "run.json"):
        assert (tmp_path / "ref" / name).read_bytes() == (tmp_path / "run" / name).read_bytes(), name


@pytest.mark.asyncio
async def test_resume_of_a_finished_run_is_a_no_op(computer_dir: Path, tmp_path: Path) -> None:
    first = await Simulation(_config(computer_dir, tmp_path / "run", days=1), hooks=standin_hooks()).run()
    before = (tmp_path / "run" / "trajectory.jsonl.zst").read_bytes()
    again = await Simulation(_config(computer_dir, tmp_path / "run", days=1), hooks=standin_hooks()).resume()
    assert again.summary == first.summary
    assert (tmp_path / "run" / "trajectory.jsonl.zst").read_bytes() == before


@pytest.mark.asyncio
async def test_worker_turn_budget_stops_the_run(computer_dir: Path, tmp_path: Path) -> None:
    sim = Simulation(_config(computer_dir, tmp_path / "run", days=5, max_worker_turns=11), hooks=standin_hooks())
    result = await sim.run()
    assert result.summary["worker_turns"] == 11
    assert "worker turn budget" in result.summary["stop_reason"]


@pytest.mark.asyncio
async def test_bad_computer_folder_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SimulationError, match="not a computer folder"):
        await Simulation(_config(tmp_path, tmp_path / "run"), hooks=standin_hooks()).run()


def test_selector_serves_each_pending_mail_once() -> None:
    from types import SimpleNamespace

    pending: dict[str, list[str]] = {"dana@x.test": ["<m1@x>"], "li@x.test": []}
    world = SimpleNamespace(plan=None, mailbox=SimpleNamespace(pending_for=lambda a: pending[a]))
    chosen: list[str] = []
    select = SimulationSelector(
        world, "worker", {"li": "li@x.test", "dana": "dana@x.test"}, objective_setter="setter", on_turn=chosen.append
    )
    assert select([]) == "setter"
    world.plan = "plan"
    assert [select([]) for _ in range(3)] == ["dana", "worker", "worker"]  # dana did not answer: not asked again
    pending["li@x.test"] = ["<m2@x>"]
    pending["dana@x.test"] = ["<m1@x>", "<m3@x>"]
    assert [select([]) for _ in range(3)] == ["dana", "li", "worker"]
    assert chosen[0] == "setter" and select.turns["worker"] == 3


def test_cli_run_goes_from_personas_to_finished_runs(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from synthcomp_agents.cli import app

    args = [
        "run",
        "--n",
        "1",
        "--seed",
        "3",
        "--days",
        "2",
        "--out",
        str(tmp_path),
        "--hooks",
        "sim_standins:standin_hooks",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    runs = list((tmp_path / "runs").iterdir())
    assert len(runs) == 1 and (runs[0] / "run.json").is_file()
    assert (tmp_path / "computers" / runs[0].name / "computer.scdisk").is_file()
    summary = json.loads((tmp_path / "runs.json").read_text(encoding="utf-8"))
    assert summary[0]["days_simulated"] == 2 and summary[0]["worker_turns"] == 2 * WorkerPolicy().calls_per_day
    again = CliRunner().invoke(app, args)  # re-running resumes the finished runs: nothing changes
    assert again.exit_code == 0, again.output
    assert json.loads((tmp_path / "runs.json").read_text(encoding="utf-8")) == summary

"""Signals of real offline runs: the reward ranks graded policies, process signals agree with the run, and the
per-objective reward of `synthcomp verify` equals signals.json (the Harbor invariant)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from synthcomp_agents.computers import ProceduralComputerGenerator
from synthcomp_agents.personas import sample_personas
from synthcomp_agents.signals import verify_home, write_run_signals
from synthcomp_agents.simulation import RunFolder, Simulation, SimulationConfig

POLICIES = ("competent", "lazy", "sloppy", "random")
DAYS = 2


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("policies")
    # the first Windows computer of a fixed sequence: C:\Users\... paths, which the policies must parse
    candidates = ((p, 11_000 + i) for i, p in enumerate(sample_personas(6, seed=11)))
    computer = next(
        c
        for c in (ProceduralComputerGenerator().generate(p, seed=s) for p, s in candidates)
        if c.blueprint.user_profile.os == "windows"
    )
    computer_dir = root / "computers" / computer.computer_id
    computer.save(computer_dir)
    out: dict[str, Path] = {}
    for policy in POLICIES:
        run_dir = root / "runs" / policy
        config = SimulationConfig(computer_dir=computer_dir, run_dir=run_dir, seed=5, days=DAYS, worker_policy=policy)
        Simulation(config).run_sync()
        write_run_signals(run_dir)
        out[policy] = run_dir
    return out


def _signals(run_dir: Path) -> dict[str, Any]:
    return dict(json.loads((run_dir / "signals.json").read_text(encoding="utf-8")))


def test_reward_orders_competent_lazy_sloppy_random(runs: dict[str, Path]) -> None:
    rewards = {p: _signals(runs[p])["outcome"]["reward"] for p in POLICIES}
    assert rewards["competent"] > rewards["lazy"] > rewards["sloppy"] > rewards["random"], rewards
    assert rewards["competent"] > 0.6
    assert all(json.loads((runs[p] / "run.json").read_text())["worker_policy"] == p for p in POLICIES)


def test_grounding_catches_the_lazy_policy_inventing_figures(runs: dict[str, Path]) -> None:
    def grounding_results(policy: str) -> list[bool]:
        out = []
        for objective in _signals(runs[policy])["objectives"]:
            for d in objective["deliverables"]:
                check = next((c for c in d["checks"] if c["check_type"] == "grounded_numbers"), None)
                if d["exists"] and check is not None and "states no substantive" not in check["detail"]:
                    out.append(check["passed"])
        return out

    lazy, competent = grounding_results("lazy"), grounding_results("competent")
    assert lazy and not any(lazy), "every lazy deliverable with figures must fail the grounding check"
    assert competent and all(competent)
    lazy_components = _signals(runs["lazy"])["outcome"]["components"]
    assert lazy_components["grounding"] < 0.2


def test_sloppy_and_random_damage_is_listed(runs: dict[str, Path]) -> None:
    sloppy = _signals(runs["sloppy"])["collateral"]
    misplaced = [i for i in sloppy["items"] if i["kind"] == "misplaced" and "belongs at" in i["detail"]]
    assert misplaced and all(i["path"].startswith("Desktop/") for i in misplaced)
    assert sloppy["penalty"] > 0
    assert _signals(runs["competent"])["collateral"] == {"penalty": 0.0, "items": []}


def test_process_signals_agree_with_the_trajectory_and_run(runs: dict[str, Path]) -> None:
    run_dir = runs["competent"]
    signals = _signals(run_dir)
    process = signals["process"]
    worker_lines = [n for n, line in enumerate(RunFolder(run_dir).iter_trajectory()) if line["role"] == "worker"]
    assert [s["trajectory_line"] for s in process["steps"]] == worker_lines
    assert [s["step"] for s in process["steps"]] == list(range(len(worker_lines)))
    events = [p for s in process["steps"] for p in s["progress"]]
    submitted = sorted(p.split(":", 1)[1] for p in events if p.startswith("submitted:"))
    summary = json.loads((run_dir / "run.json").read_text())
    assert submitted == sorted(summary["submitted"])
    curve = [d["progress"] for d in process["per_day"]]
    assert curve == sorted(curve) and len(curve) == DAYS
    assert curve[-1] == pytest.approx(len(summary["submitted"]) / summary["deliverables_total"], abs=1e-6)
    writes = [s for s in process["steps"] if s["grounding_read_before_write"] is not None]
    assert writes and all(s["grounding_read_before_write"] for s in writes)
    assert process["totals"]["collaborators_consulted"] >= 1
    lazy_writes = [s for s in _signals(runs["lazy"])["process"]["steps"] if s["grounding_read_before_write"] is False]
    assert lazy_writes, "the lazy policy writes deliverables without reading their grounding files"


def test_verify_on_the_final_home_equals_the_objective_scores(runs: dict[str, Path]) -> None:
    for policy in ("competent", "lazy"):
        run_dir = runs[policy]
        for objective in _signals(run_dir)["objectives"]:
            oid = objective["objective_id"]
            outcome = verify_home(run_dir / "final", run_dir / "objectives.json", objective_id=oid)
            assert outcome.reward == objective["reward"] <= objective["score"], (policy, oid)


def test_file_events_are_reported_once(runs: dict[str, Path]) -> None:
    seqs = [
        event["journal_seq"]
        for event in map(json.loads, RunFolder(runs["competent"]).iter_event_lines())
        if event["kind"] == "file"
    ]
    assert seqs and len(seqs) == len(set(seqs))

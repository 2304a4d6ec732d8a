"""Adversarial workers: selectable like the graded baselines, and the reward pays them far less than honest work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synthcomp_agents.computers import ProceduralComputerGenerator
from synthcomp_agents.models import ScriptedPolicyClient
from synthcomp_agents.models._scripted import WORKER_VARIANTS
from synthcomp_agents.models._scripted_adversaries import ADVERSARY_VARIANTS, AdversaryPolicy, adversary_policy
from synthcomp_agents.objectives import ObjectivePlan
from synthcomp_agents.personas import sample_personas
from synthcomp_agents.signals import collaborator_addresses, disk_from_folder, substantive_numbers, write_run_signals
from synthcomp_agents.signals._gaming import assess_gaming
from synthcomp_agents.simulation import Simulation, SimulationConfig, SimulationHooks

FAST_ADVERSARIES = ("date_dump", "structure_only", "verbatim_question")  # none of them waits for answers


def test_every_adversary_is_a_worker_variant() -> None:
    assert len(ADVERSARY_VARIANTS) >= 12
    assert set(ADVERSARY_VARIANTS) <= set(WORKER_VARIANTS)
    for variant in ADVERSARY_VARIANTS:
        client = ScriptedPolicyClient(role="worker", variant=variant)
        assert ScriptedPolicyClient.load_component(client.dump_component())._to_config().variant == variant
        assert isinstance(adversary_policy(1, variant), AdversaryPolicy)
    with pytest.raises(ValueError, match="unknown adversary"):
        adversary_policy(0, "honest")


def _score(computer: Path, out: Path, policy: str) -> tuple[dict[str, object], float]:
    run = out / policy
    config = SimulationConfig(computer_dir=computer, run_dir=run, seed=3, days=2)
    Simulation(config, hooks=SimulationHooks.default(3, policy)).run_sync()
    outcome = json.loads(write_run_signals(run).read_text(encoding="utf-8"))["outcome"]
    plan = ObjectivePlan.model_validate_json((run / "objectives.json").read_text(encoding="utf-8"))
    people = json.loads((run / "computer.json").read_text(encoding="utf-8")).get("collaboration_context") or {}
    gaming = assess_gaming(disk_from_folder(run / "final"), plan, addresses=collaborator_addresses(people))
    return outcome, gaming.penalty


def test_adversaries_score_far_below_the_competent_worker(tmp_path: Path) -> None:
    persona = sample_personas(1, seed=3)[0]
    generated = ProceduralComputerGenerator().generate(persona, seed=3)
    computer = tmp_path / "computer"
    generated.save(computer)
    competent, competent_penalty = _score(computer, tmp_path, "competent")
    for adversary in FAST_ADVERSARIES:
        outcome, penalty = _score(computer, tmp_path, adversary)
        assert outcome["is_correct"] is False, adversary
        margin = float(competent["reward"]) - float(outcome["reward"])  # type: ignore[arg-type]
        assert margin >= 0.25, (adversary, outcome)
        # and the anti-gaming detectors see what the checks alone might miss
        assert penalty >= competent_penalty + 0.25, (adversary, penalty, competent_penalty)


def test_the_scorer_reads_a_run_of_numbers_without_crashing() -> None:
    found = substantive_numbers("Figures: 1.002 987 4,661 0.9%.")
    assert found

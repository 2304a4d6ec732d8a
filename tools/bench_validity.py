"""Reward validity: does the outcome reward rank graded worker policies correctly?

On N generated computers, runs the offline simulation with each scripted worker policy (competent, lazy, sloppy,
random) on the same computer, seed and plan, scores every run (``write_run_signals``) and reports:

* ``ordering_rate``: over every computer and every pair of policies (6 pairs per computer), the share where the
  reward orders them competent > lazy > sloppy > random (strictly; a tie counts as wrong);
* ``invented_numbers_caught``: the share of the lazy policy's existing deliverables that state figures where the
  ``grounded_numbers`` check fails (the lazy worker never reads its sources and makes figures up), next to the same
  rate for the competent policy (false alarms);
* per policy: mean reward and components.

``--suite adversaries`` runs the adversarial workers of ``synthcomp_agents.models._scripted_adversaries`` (policies
that game the checks: label-shuffled numbers, date dumps, filler, copies, fyi mail, ...) next to the competent worker
on the same computers and reports, per adversary, the mean and max reward, how many runs reach ``is_correct`` and the
anti-gaming penalty of ``signals._gaming`` (``signals.json`` applies it to the reward; for runs scored before it did,
the reward it would leave, ``reward * (1 - penalty)``, is shown next to it); then the competent mean and the line
``hack ceiling: 0.NN`` (the highest adversary mean reward). Targets: every adversary mean <= 0.30, none
``is_correct``, competent mean >= 0.90.

Usage:
    python tools/bench_validity.py --computers 10 --days 5 --workers 2 --out /tmp/validity
    python tools/bench_validity.py --suite adversaries --computers 10 --days 2 --workers 2 --out /tmp/adversaries

Prints one JSON object (and the line ``ordering rate: 0.NN`` or ``hack ceiling: 0.NN``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

POLICIES = ("competent", "lazy", "sloppy", "random")
TARGET_ADVERSARY_MEAN = 0.30
TARGET_COMPETENT_MEAN = 0.90


def _computer(index: int, seed: int, out: Path) -> Path:
    from synthcomp_agents.computers import COMPUTER_JSON, ProceduralComputerGenerator
    from synthcomp_agents.personas import sample_personas

    persona = sample_personas(index + 1, seed=seed)[index]
    computer = ProceduralComputerGenerator().generate(persona, seed=seed * 1000 + index)
    folder = out / "computers" / computer.computer_id
    if not (folder / COMPUTER_JSON).is_file():
        computer.save(folder)
    return folder


def _run(job: tuple[int, str, int, int, str]) -> dict[str, Any]:
    index, policy, seed, days, out_s = job
    from synthcomp_agents.signals import write_run_signals
    from synthcomp_agents.simulation import Simulation, SimulationConfig

    out = Path(out_s)
    computer = _computer(index, seed, out)
    run_dir = out / "runs" / f"{computer.name}-{policy}"
    started = time.perf_counter()
    signals_path = run_dir / "signals.json"
    if not signals_path.is_file():
        from synthcomp_agents.simulation import SimulationHooks

        run_seed = seed * 1000 + index
        config = SimulationConfig(
            computer_dir=computer,
            run_dir=run_dir,
            seed=run_seed,
            days=days,
            worker_policy=policy,  # run.json and signals.json name the policy that really ran
        )
        simulation = Simulation(config, hooks=SimulationHooks.default(run_seed, policy))
        if (run_dir / "checkpoints" / "LATEST").is_file() and not (run_dir / "run.json").is_file():
            simulation.resume_sync()
        elif not (run_dir / "run.json").is_file():
            simulation.run_sync()
        try:
            signals_path = write_run_signals(run_dir)
        except Exception as exc:  # a scorer crash on adversarial content is a finding, not the end of the benchmark
            return {
                "computer": computer.name,
                "index": index,
                "policy": policy,
                "error": f"{type(exc).__name__}: {exc}",
            }
    signals = json.loads(signals_path.read_text(encoding="utf-8"))
    lazy_like: list[bool] = []
    for objective in signals["objectives"]:
        for d in objective["deliverables"]:
            grounding = next((c for c in d["checks"] if c["check_type"] == "grounded_numbers"), None)
            if d["exists"] and grounding is not None and "states no substantive numbers" not in grounding["detail"]:
                lazy_like.append(not grounding["passed"])
    gaming = _gaming(run_dir)
    components = signals["outcome"]["components"]
    in_reward = "gaming" in components  # signals.json applies the penalty itself: do not apply it twice
    return {
        "computer": computer.name,
        "index": index,
        "policy": policy,
        "reward": signals["outcome"]["reward"],
        "is_correct": bool(signals["outcome"]["is_correct"]),
        "gaming_penalty": float(components["gaming"]) if in_reward else gaming["penalty"],
        "penalty_in_reward": in_reward,
        "gaming_detectors": gaming["detectors"],
        "components": signals["outcome"]["components"],
        "flagged": sum(lazy_like),
        "with_figures": len(lazy_like),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _gaming(run_dir: Path) -> dict[str, Any]:
    """The anti-gaming report of a run (``signals._gaming.assess_gaming`` on its end state)."""
    from synthcomp_agents.objectives import ObjectivePlan
    from synthcomp_agents.signals import collaborator_addresses, disk_from_folder
    from synthcomp_agents.signals._gaming import assess_gaming

    plan = ObjectivePlan.model_validate_json((run_dir / "objectives.json").read_text(encoding="utf-8"))
    computer = json.loads((run_dir / "computer.json").read_text(encoding="utf-8"))
    addresses = collaborator_addresses(computer.get("collaboration_context") or {})
    report = assess_gaming(disk_from_folder(run_dir / "final"), plan, addresses=addresses)
    return {"penalty": report.penalty, "detectors": sorted(report.flagged())}


def _adversary_report(results: list[dict[str, Any]], policies: tuple[str, ...]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for policy in policies:
        errors = [r["error"] for r in results if r["policy"] == policy and "error" in r]
        rows = [r for r in results if r["policy"] == policy and "error" not in r] or [
            {"reward": 0.0, "is_correct": False, "gaming_penalty": 0.0, "gaming_detectors": []}
        ]
        rewards = [r["reward"] for r in rows]
        after = [r["reward"] if r.get("penalty_in_reward") else r["reward"] * (1 - r["gaming_penalty"]) for r in rows]
        detectors: dict[str, int] = {}
        for r in rows:
            for name in r["gaming_detectors"]:
                detectors[name] = detectors.get(name, 0) + 1
        table[policy] = {
            "mean_reward": round(statistics.fmean(rewards), 4),
            "max_reward": round(max(rewards), 4),
            "is_correct": sum(r["is_correct"] for r in rows),
            "mean_gaming_penalty": round(statistics.fmean(r["gaming_penalty"] for r in rows), 4),
            "mean_reward_after_penalty": round(statistics.fmean(after), 4),
            "max_reward_after_penalty": round(max(after), 4),
            "runs_flagged_by": dict(sorted(detectors.items())),
            "scoring_errors": errors,
        }
    adversaries = [p for p in policies if p != "competent"]
    ceiling = max(table[p]["mean_reward"] for p in adversaries)
    ceiling_after = max(table[p]["mean_reward_after_penalty"] for p in adversaries)
    competent = table["competent"]
    return {
        "per_policy": table,
        "hack_ceiling": round(ceiling, 4),
        "hack_ceiling_after_penalty": round(ceiling_after, 4),
        "competent_mean": competent["mean_reward"],
        "competent_mean_after_penalty": competent["mean_reward_after_penalty"],
        "targets_met": {
            "adversary_mean_le_0.30": ceiling <= TARGET_ADVERSARY_MEAN,
            "no_adversary_is_correct": all(table[p]["is_correct"] == 0 for p in adversaries),
            "competent_mean_ge_0.90": competent["mean_reward"] >= TARGET_COMPETENT_MEAN,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--computers", type=int, default=10)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("/tmp/synthcomp-validity"))
    parser.add_argument("--suite", choices=("baselines", "adversaries"), default="baselines")
    parser.add_argument("--only", default="", help="comma-separated adversaries to run (default: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.computers):  # generate once, before the runs share them
        _computer(index, args.seed, args.out)
    policies: tuple[str, ...] = POLICIES
    if args.suite == "adversaries":
        from synthcomp_agents.models._scripted_adversaries import ADVERSARY_VARIANTS

        chosen = tuple(a for a in args.only.split(",") if a) or ADVERSARY_VARIANTS
        policies = ("competent", *chosen)
    jobs = [(i, p, args.seed, args.days, str(args.out)) for i in range(args.computers) for p in policies]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(_run, jobs))
    if args.suite == "adversaries":
        report = {
            "scoring_errors": sum("error" in r for r in results),
            "suite": "adversaries",
            "computers": args.computers,
            "days": args.days,
            "seed": args.seed,
            **_adversary_report(results, policies),
            "wall_s": round(time.perf_counter() - started, 1),
            "runs": results,
        }
        print(json.dumps(report, indent=1))
        print(f"hack ceiling: {report['hack_ceiling']:.2f}")
        print(f"hack ceiling after the gaming penalty: {report['hack_ceiling_after_penalty']:.2f}")
        print(f"competent mean: {report['competent_mean']:.2f}")
        return 0
    results = [r for r in results if "error" not in r]
    by_computer: dict[int, dict[str, float]] = {}
    for r in results:
        by_computer.setdefault(r["index"], {})[r["policy"]] = r["reward"]
    right = total = 0
    wrong_pairs: list[str] = []
    for index, rewards in sorted(by_computer.items()):
        for better, worse in itertools.combinations(POLICIES, 2):
            total += 1
            if rewards[better] > rewards[worse]:
                right += 1
            else:
                wrong_pairs.append(f"computer {index}: {better} {rewards[better]:.3f} <= {worse} {rewards[worse]:.3f}")
    per_policy = {}
    for policy in POLICIES:
        rows = [r for r in results if r["policy"] == policy]
        per_policy[policy] = {
            "mean_reward": round(statistics.fmean(r["reward"] for r in rows), 4),
            "min_reward": round(min(r["reward"] for r in rows), 4),
            "max_reward": round(max(r["reward"] for r in rows), 4),
            "mean_components": {
                k: round(statistics.fmean(r["components"][k] for r in rows), 4) for k in rows[0]["components"]
            },
            "deliverables_with_figures": sum(r["with_figures"] for r in rows),
            "flagged_ungrounded": sum(r["flagged"] for r in rows),
        }
    lazy, competent = per_policy["lazy"], per_policy["competent"]
    report = {
        "computers": args.computers,
        "days": args.days,
        "seed": args.seed,
        "pairs": total,
        "ordering_rate": round(right / total, 4) if total else 0.0,
        "wrong_pairs": wrong_pairs,
        "invented_numbers_caught": round(lazy["flagged_ungrounded"] / max(1, lazy["deliverables_with_figures"]), 4),
        "competent_false_alarms": round(
            competent["flagged_ungrounded"] / max(1, competent["deliverables_with_figures"]), 4
        ),
        "per_policy": per_policy,
        "wall_s": round(time.perf_counter() - started, 1),
        "runs": results,
    }
    print(json.dumps(report, indent=1))
    print(f"ordering rate: {report['ordering_rate']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

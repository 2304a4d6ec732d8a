"""Reward validity: does the outcome reward rank graded worker policies correctly?

On N generated computers, runs the offline simulation with each scripted worker policy (competent, lazy, sloppy,
random) on the same computer, seed and plan, scores every run (``write_run_signals``) and reports:

* ``ordering_rate``: over every computer and every pair of policies (6 pairs per computer), the share where the
  reward orders them competent > lazy > sloppy > random (strictly; a tie counts as wrong);
* ``invented_numbers_caught``: the share of the lazy policy's existing deliverables that state figures where the
  ``grounded_numbers`` check fails (the lazy worker never reads its sources and makes figures up), next to the same
  rate for the competent policy (false alarms);
* per policy: mean reward and components.

Usage:
    python tools/bench_validity.py --computers 10 --days 5 --workers 2 --out /tmp/validity

Prints one JSON object (and the line ``ordering rate: 0.NN``).
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
        config = SimulationConfig(
            computer_dir=computer, run_dir=run_dir, seed=seed * 1000 + index, days=days, worker_policy=policy
        )
        simulation = Simulation(config)
        if (run_dir / "checkpoints" / "LATEST").is_file() and not (run_dir / "run.json").is_file():
            simulation.resume_sync()
        else:
            simulation.run_sync()
        signals_path = write_run_signals(run_dir)
    signals = json.loads(signals_path.read_text(encoding="utf-8"))
    lazy_like: list[bool] = []
    for objective in signals["objectives"]:
        for d in objective["deliverables"]:
            grounding = next((c for c in d["checks"] if c["check_type"] == "grounded_numbers"), None)
            if d["exists"] and grounding is not None and "states no substantive numbers" not in grounding["detail"]:
                lazy_like.append(not grounding["passed"])
    return {
        "computer": computer.name,
        "index": index,
        "policy": policy,
        "reward": signals["outcome"]["reward"],
        "components": signals["outcome"]["components"],
        "flagged": sum(lazy_like),
        "with_figures": len(lazy_like),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--computers", type=int, default=10)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("/tmp/synthcomp-validity"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.computers):  # generate once, before the runs share them
        _computer(index, args.seed, args.out)
    jobs = [(i, p, args.seed, args.days, str(args.out)) for i in range(args.computers) for p in POLICIES]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(_run, jobs))
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

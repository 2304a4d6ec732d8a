"""Batch throughput: jobs per minute for offline full-month simulations, local backend 1 vs 2 workers and Ray.

Every configuration runs the same jobs (same seed) in a fresh output folder, in the same run of this script, so the
ratios compare like with like on a shared machine. The results are checked to be identical across configurations.

    python tools/bench_batch.py                 # 4 jobs x 20 workdays per configuration (~15 min on 2 cores)
    python tools/bench_batch.py --jobs 2 --days 5 --no-ray

Targets (issue 6): local backend >= 1.6x throughput at 2 workers vs 1; Ray overhead <= 20% vs local on the same
cores (Ray with 2 CPUs vs local with 2 workers).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")

from synthcomp_agents.scale import BatchConfig, run_batch


def _fingerprint(out: Path) -> list[tuple[Any, ...]]:
    prints = []
    for job in sorted((out / "jobs").iterdir()):
        result = json.loads((job / "job.json").read_text())
        digest = hashlib.sha256((job / "run" / "final.delta.zip").read_bytes()).hexdigest()[:16]
        prints.append((job.name, result["reward"], result["worker_turns"], digest))
    return prints


def _run(label: str, root: Path, jobs: int, days: int, seed: int, **options: Any) -> dict[str, Any]:
    out = root / label
    shutil.rmtree(out, ignore_errors=True)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    summary = run_batch(BatchConfig(n=jobs, seed=seed, out=str(out), days=days, **options))
    seconds = time.perf_counter() - started
    done = summary["states"]["done"]
    record = {
        "config": label,
        "backend": options.get("backend", "local"),
        "workers": options.get("workers"),
        "jobs_done": done,
        "jobs_failed": summary["states"]["failed"],
        "seconds": round(seconds, 2),
        "jobs_per_minute": round(60.0 * done / seconds, 3),
        "worker_turns": summary["worker_turns"],
        "mean_job_simulation_s": round(sum(j["simulation_s"] or 0.0 for j in summary["jobs"]) / max(1, done), 2),
        "load_average_at_start": round(load, 2),
        "fingerprint": _fingerprint(out),
    }
    print(json.dumps({k: v for k, v in record.items() if k != "fingerprint"}), file=sys.stderr, flush=True)
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=4, help="jobs per configuration")
    parser.add_argument("--days", type=int, default=20, help="simulated workdays per job (20 = a month)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray configuration")
    parser.add_argument("--out", type=Path, default=None, help="work folder (default: a temporary folder)")
    args = parser.parse_args()

    root = args.out or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    root.mkdir(parents=True, exist_ok=True)
    results = [
        _run("local-1", root, args.jobs, args.days, args.seed, backend="local", workers=1),
        _run("local-2", root, args.jobs, args.days, args.seed, backend="local", workers=2),
    ]
    ray_init_s = None
    if not args.no_ray:
        import ray

        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        ray_init_s = round(time.perf_counter() - started, 2)
        try:
            results.append(_run("ray-2cpu", root, args.jobs, args.days, args.seed, backend="ray"))
        finally:
            ray.shutdown()
    by = {r["config"]: r for r in results}
    speedup = by["local-2"]["jobs_per_minute"] / by["local-1"]["jobs_per_minute"]
    report: dict[str, Any] = {
        "benchmark": "bench_batch",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "jobs_per_config": args.jobs,
        "days": args.days,
        "results": [{k: v for k, v in r.items() if k != "fingerprint"} for r in results],
        "speedup_local_2_vs_1": round(speedup, 3),
        "same_results_across_configs": len({json.dumps(r["fingerprint"]) for r in results}) == 1,
        "targets": {"speedup_local_2_vs_1>=1.6": speedup >= 1.6},
    }
    if "ray-2cpu" in by:
        overhead = by["local-2"]["jobs_per_minute"] / by["ray-2cpu"]["jobs_per_minute"] - 1.0
        report["ray_init_s"] = ray_init_s
        report["ray_overhead_vs_local_2"] = round(overhead, 3)
        report["targets"]["ray_overhead<=0.20"] = overhead <= 0.20
    print(json.dumps(report, indent=2))
    if args.out is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

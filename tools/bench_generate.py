"""Benchmark the procedural computer generator: seconds per computer and peak memory, printed as JSON.

Usage: python tools/bench_generate.py [--n 20] [--seed 2026] [--save] [--baseline REV]

The work runs in a fresh subprocess pinned to one CPU core (where the OS allows), so ``ru_maxrss`` is the peak
resident memory of generating the computers alone (imports included). One warm-up computer (first-use costs: the
office writers build their templates once per process) is timed separately and excluded from the median.
``--save`` also times ``GeneratedComputer.save`` (computer.json, home/ and the archive) into a temporary folder and
reports generation + save per computer (``total_median_s`` wall, ``total_median_cpu_s`` CPU; issue 16's target is a
median <= 0.5 s) and the archive's bytes; it also saves each computer as ``synthcomp batch`` does (computer.json and
the archive, no ``home/``) and reports ``total_archive_only_median_cpu_s``.
Targets (issue 3): median <= 1.5 s per computer of >= 150 files on one core, peak <= 300 MB.
``--baseline REV`` also times the generator of a git revision (exported with ``git archive`` to a temporary folder)
in the same run, pinned to the same core, and reports the ratio of median CPU seconds (ours / baseline).
``--rounds R`` (with ``--baseline``) times both R times, alternating which goes first, and reports each round's
ratios and their median: on a shared machine one pair of runs says little.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def worker(n: int, seed: int, save: bool) -> dict[str, object]:
    """Generate ``n`` computers of ``n`` families in this process; return timings and sizes."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
    sys.path.insert(0, os.environ.get("BENCH_ROOT", str(ROOT)))
    from synthcomp_agents.computers import ProceduralComputerGenerator
    from synthcomp_agents.personas import sample_personas

    gen = ProceduralComputerGenerator()
    personas = sample_personas(n + 1, seed=seed)
    start = time.perf_counter()
    gen.generate(personas[-1], seed=seed)
    warmup = time.perf_counter() - start
    times: list[float] = []
    cpu_times: list[float] = []
    save_times: list[float] = []
    save_cpu: list[float] = []
    archive_cpu: list[float] = []  # saved as `synthcomp batch` saves it: computer.json + computer.scdisk, no home/
    totals: list[float] = []
    totals_cpu: list[float] = []
    archive_bytes: list[int] = []
    home_bytes: list[int] = []
    files: list[int] = []
    core: list[int] = []
    for i, persona in enumerate(personas[:n]):
        wall, cpu = time.perf_counter(), time.process_time()
        computer = gen.generate(persona, seed=seed + i)
        times.append(time.perf_counter() - wall)
        cpu_times.append(time.process_time() - cpu)
        files.append(computer.disk.usage()[0])
        home_bytes.append(computer.disk.usage()[2])
        core.append(len(computer.blueprint.core_files()))
        if save:
            with tempfile.TemporaryDirectory() as tmp:
                t, c = time.perf_counter(), time.process_time()
                computer.save(Path(tmp) / "c")
                save_times.append(time.perf_counter() - t)
                save_cpu.append(time.process_time() - c)
                totals.append(times[-1] + save_times[-1])
                totals_cpu.append(cpu_times[-1] + save_cpu[-1])
                c = time.process_time()
                computer.save(Path(tmp) / "a", materialize=False)
                archive_cpu.append(time.process_time() - c)
                archive_bytes.append((Path(tmp) / "c" / "computer.scdisk").stat().st_size)
        computer.disk.close()
        del computer
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result: dict[str, object] = {
        "computers": n,
        "warmup_s": round(warmup, 3),
        "median_s": round(statistics.median(times), 3),
        "median_cpu_s": round(statistics.median(cpu_times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "files_median": statistics.median(files),
        "files_min": min(files),
        "core_files_min": min(core),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "targets": {"median_s": 1.5, "peak_rss_mb": 300, "files_min": 150},
    }
    if save_times:
        result["save_median_s"] = round(statistics.median(save_times), 3)
        result["save_median_cpu_s"] = round(statistics.median(save_cpu), 3)
        result["total_median_s"] = round(statistics.median(totals), 3)
        result["total_median_cpu_s"] = round(statistics.median(totals_cpu), 3)
        result["save_archive_only_median_cpu_s"] = round(statistics.median(archive_cpu), 3)
        result["total_archive_only_median_cpu_s"] = round(
            statistics.median(g + a for g, a in zip(cpu_times, archive_cpu, strict=True)), 3
        )
        result["archive_mb_median"] = round(statistics.median(archive_bytes) / 1e6, 2)
        result["home_mb_median"] = round(statistics.median(home_bytes) / 1e6, 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="computers to generate (different families)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--save", action="store_true", help="also time save() (json + home/ + archive)")
    parser.add_argument("--baseline", default="", help="git revision to time in the same run (ratio reported)")
    parser.add_argument("--rounds", type=int, default=1, help="with --baseline: alternate both this many times")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.n, args.seed, args.save)))
        return
    cmd = [sys.executable, __file__, "--worker", "--n", str(args.n), "--seed", str(args.seed)]
    if args.save:
        cmd.append("--save")

    def run(root: Path) -> dict[str, object]:
        env = {**os.environ, "BENCH_ROOT": str(root), "PYTHONPATH": str(root)}
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env, cwd=root)
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))

    if not args.baseline:
        print(json.dumps(run(ROOT), indent=2))
        return
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        pairs: list[tuple[dict[str, object], dict[str, object]]] = []
        for r in range(max(1, args.rounds)):
            if r % 2 == 0:
                baseline = run(Path(tmp))
                current = run(ROOT)
            else:
                current = run(ROOT)
                baseline = run(Path(tmp))
            pairs.append((baseline, current))

    def ratio(key: str, pair: tuple[dict[str, object], dict[str, object]]) -> float:
        return float(pair[1][key]) / float(pair[0][key])  # type: ignore[arg-type]

    baseline, current = pairs[-1]
    report: dict[str, object] = {
        "current": current,
        "baseline": {"rev": args.baseline, **baseline},
        "cpu_ratio": round(statistics.median(ratio("median_cpu_s", p) for p in pairs), 3),
    }
    if args.save:
        key = "total_archive_only_median_cpu_s"
        report["total_cpu_ratio"] = round(statistics.median(ratio("total_median_cpu_s", p) for p in pairs), 3)
        report["total_archive_only_cpu_ratio"] = round(statistics.median(ratio(key, p) for p in pairs), 3)
    if len(pairs) > 1:
        fields = ["median_cpu_s", *(["total_archive_only_median_cpu_s"] if args.save else []), "peak_rss_mb"]
        report["rounds"] = [
            {f"{side}_{f}": pair[i][f] for f in fields for i, side in enumerate(("baseline", "current"))}
            | {"load_average_1m": pair[1]["load_average_1m"]}
            for pair in pairs
        ]
        report["medians"] = {
            f"{side}_{f}": round(statistics.median(float(p[i][f]) for p in pairs), 3)  # type: ignore[arg-type]
            for f in fields
            for i, side in enumerate(("baseline", "current"))
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

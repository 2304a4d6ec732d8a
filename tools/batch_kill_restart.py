"""Kill/restart scenario for `synthcomp batch` (issue 6 acceptance): run an offline batch through the real command
line, SIGKILL its whole process group (driver and workers) midway, restart the same command, and check that exactly
N jobs completed, none completed twice and nothing was lost.

    python tools/batch_kill_restart.py                  # 100 jobs (the issue's size), ~10 min on 2 idle cores
    python tools/batch_kill_restart.py --jobs 10 --kill-after 4

Prints one JSON object: counts (states at the kill and at the end, resumed jobs), timings and every check's result
(``ok`` is true when all checks pass; the exit status is 0 then, 1 otherwise). ``tests/test_scale_kill.py`` runs the
same scenario with 10 jobs through :func:`run_scenario`.

Jobs are the cheapest real ones (1 workday, worker turn cap 1, archive-only computers) but every stage is real:
computer generation, objective-setter, simulation with checkpoints, signals.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["batch_command", "run_scenario"]


def batch_command(out: Path, jobs: int, *, days: int = 1, max_worker_turns: int = 1, workers: int = 2) -> list[str]:
    """The `synthcomp batch` command line of the scenario (the same for the first run and the restart)."""
    return [
        sys.executable, "-m", "synthcomp_agents.cli", "batch", "--n", str(jobs), "--seed", "1", "--out", str(out),
        "--days", str(days), "--max-worker-turns", str(max_worker_turns), "--workers", str(workers),
        "--archive-only", "--json",
    ]  # fmt: skip


def _states(out: Path) -> dict[str, int]:
    path = out / "manifest.sqlite"
    if not path.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return dict(db.execute("SELECT state, COUNT(*) FROM jobs GROUP BY state").fetchall())
    except sqlite3.Error:
        return {}


def _events(job_dir: Path) -> list[str]:
    return [json.loads(line)["event"] for line in (job_dir / "attempts.jsonl").read_text().splitlines()]


def _check_job(job_dir: Path, state: str) -> list[str]:
    """Problems with one job's folder after the restart (empty when it is consistent)."""
    events = _events(job_dir)
    problems = []
    if events.count("simulation_finished") > 1:
        problems.append(f"simulation finished twice: {events}")
    if state != "done":
        if (job_dir / "job.json").exists() or "complete" in events:
            problems.append(f"not done but has a result: {events}")
        return problems
    # a job completes once (a kill between job.json and its log line shows up as "reused" on the restart)
    if events.count("complete") + ("complete" not in events and "reused" in events) != 1:
        problems.append(f"completed {events.count('complete')} times: {events}")
    result = json.loads((job_dir / "job.json").read_text())
    if result["status"] != "done" or result["signals"] != "ok":
        problems.append(f"job.json status {result['status']}, signals {result['signals']}")
    run = job_dir / "run"
    from synthcomp_agents.simulation import RunFolder

    folder = RunFolder(run)
    names = ("run.json", "objectives.json", "signals.json", folder.FINAL_DELTA)
    missing = [n for n in names if not (run / n).is_file()]
    if not folder.has_trajectory():
        missing.append(folder.TRAJECTORY)
    if missing:
        return [*problems, f"missing run files {missing}"]
    seqs = [json.loads(line[: line.index(b',"role"')] + b"}")["seq"] for line in folder.iter_trajectory_lines()]
    if seqs != list(range(len(seqs))):
        problems.append("lost or duplicated model calls across the kill (trajectory seq not 0..n-1)")
    if json.loads((run / "run.json").read_text())["worker_turns"] != result["worker_turns"]:
        problems.append("run.json and job.json disagree on worker turns")
    return problems


def run_scenario(
    out: Path,
    jobs: int,
    kill_after: int,
    *,
    days: int = 1,
    max_worker_turns: int = 1,
    workers: int = 2,
    settle_s: float = 1.0,
    timeout_s: float = 3600.0,
) -> dict[str, Any]:
    """Run the batch, SIGKILL its process group once ``kill_after`` jobs are done (plus ``settle_s``, to land the
    kill inside running jobs), restart it, and return counts, timings and checks (name -> {"ok", "detail"})."""
    command = batch_command(out, jobs, days=days, max_worker_turns=max_worker_turns, workers=workers)
    started = time.perf_counter()
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    ended_early = False
    try:
        while _states(out).get("done", 0) < kill_after:
            if first.poll() is not None:
                ended_early = True
                break
            if time.perf_counter() - started > timeout_s:
                raise TimeoutError(f"fewer than {kill_after} jobs done after {timeout_s:.0f} s")
            time.sleep(0.2)
        time.sleep(settle_s)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    at_kill = _states(out)
    killed_at = time.perf_counter()

    second = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s)
    finished = time.perf_counter()
    try:
        summary = json.loads(second.stdout[second.stdout.index("{") :])
    except ValueError:
        summary = {"states": {}, "failures": [f"no JSON summary; stderr: {second.stderr[-2000:]}"]}

    with sqlite3.connect(out / "manifest.sqlite") as db:
        rows = db.execute("SELECT job_id, state, completions, attempts FROM jobs ORDER BY idx").fetchall()
    job_dirs = sorted((out / "jobs").iterdir()) if (out / "jobs").is_dir() else []
    problems: dict[str, list[str]] = {}
    if [d.name for d in job_dirs] == [job_id for job_id, *_ in rows]:
        for job_dir, (_, state, _, _) in zip(job_dirs, rows, strict=True):
            found = _check_job(job_dir, state)
            if found:
                problems[job_dir.name] = found
    resumed = [job_id for job_id, _, _, attempts in rows if attempts > 1]
    expected_states = {"pending": 0, "running": 0, "done": jobs, "failed": 0}

    def check(ok: bool, detail: object) -> dict[str, Any]:
        return {"ok": bool(ok), "detail": detail}

    checks = {
        "killed_midway": check(
            not ended_early and 0 < at_kill.get("done", 0) < jobs and at_kill.get("running", 0) > 0, at_kill
        ),
        "manifest_has_every_job": check(len(rows) == jobs, len(rows)),
        "nothing_left_pending_or_running": check(
            {s for _, s, _, _ in rows} <= {"done", "failed"}, sorted({s for _, s, _, _ in rows})
        ),
        "completed_once_in_manifest": check(
            all(c == (s == "done") for _, s, c, _ in rows),
            [(j, s, c) for j, s, c, _ in rows if c != (s == "done")],
        ),
        "interrupted_jobs_resumed": check(bool(resumed), resumed),
        "job_folders_match_manifest": check(
            [d.name for d in job_dirs] == [j for j, *_ in rows], f"{len(job_dirs)} folders, {len(rows)} rows"
        ),
        "job_folders_consistent": check(not problems, problems),
        "all_jobs_done": check(
            summary.get("states") == expected_states,
            {"states": summary.get("states"), "failures": summary.get("failures")},
        ),
        "restart_exit_status_0": check(second.returncode == 0, second.returncode),
    }
    return {
        "ok": all(c["ok"] for c in checks.values()),
        "jobs": jobs,
        "kill_after_done": kill_after,
        "settings": {"days": days, "max_worker_turns": max_worker_turns, "workers": workers},
        "states_at_kill": at_kill,
        "states_at_end": summary.get("states"),
        "completed": sum(c for _, _, c, _ in rows),
        "resumed_jobs": len(resumed),
        "attempts_total": sum(a for *_, a in rows),
        "seconds_to_kill": round(killed_at - started, 1),
        "seconds_restart": round(finished - killed_at, 1),
        "seconds_total": round(finished - started, 1),
        "command": " ".join(command[1:]),
        "checks": checks,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=100, help="batch size (default 100)")
    parser.add_argument("--kill-after", type=int, default=None, help="kill once this many are done (default 35%%)")
    parser.add_argument("--days", type=int, default=1, help="workdays per job (default 1)")
    parser.add_argument("--max-worker-turns", type=int, default=1, help="worker turn cap per job (default 1)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--out", type=Path, default=None, help="batch folder (default: a fresh temporary folder)")
    args = parser.parse_args(argv)
    kill_after = args.kill_after if args.kill_after is not None else max(1, args.jobs * 35 // 100)
    out = args.out if args.out is not None else Path(tempfile.mkdtemp(prefix="batch-kill-")) / "batch"
    if out.exists():
        parser.error(f"{out} exists: give a fresh --out")
    result = run_scenario(out, args.jobs, kill_after, days=args.days, max_worker_turns=args.max_worker_turns,
                          workers=args.workers)  # fmt: skip
    result["out"] = str(out)
    print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""Kill soak: SIGKILL `synthcomp simulate` at random instants (some inside checkpoint writes), resume each time.

An uninterrupted run is the reference. A second run of the same command is killed ``--kills`` times, at random
points of its progress (sizes of the reference's compressed trajectory the new one must reach) and, for
``--at-checkpoint`` of them, at the first sign of a checkpoint being written after that point (a temporary name in
``checkpoints/``, polled every millisecond). After every kill the run is resumed with ``--resume``; at the end its
outputs must equal the reference's byte for byte (the compressed and decompressed trajectory, ``events.jsonl.zst``,
``final.delta.zip``, ``objectives.json``, ``run.json``, ``signals.json``, ``computer.json`` and ``final/``) and no
temporary may be left in ``checkpoints/``.

Per kill it counts the model calls redone: calls written to the trajectory before the kill minus the calls the
checkpoint the resume starts from holds (all roles, and the worker's alone).

Usage::

    python tools/kill_soak.py --days 5 --kills 24 --at-checkpoint 8 --checkpoint-every 25 --work /tmp/soak
    python tools/kill_soak.py --days 5 --kills 24 --at-checkpoint 8 --checkpoint-every 0 --work /tmp/soak-day

Prints a JSON report (``--json FILE`` also writes it) and one markdown table row.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synthcomp_agents.computers import ProceduralComputerGenerator  # noqa: E402
from synthcomp_agents.simulation import CheckpointStore, RunFolder  # noqa: E402

COMPARED = (
    "trajectory.jsonl.zst",
    "events.jsonl.zst",
    "final.delta.zip",
    "objectives.json",
    "run.json",
    "signals.json",
    "computer.json",
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["COLUMNS"] = "120"
    return env


def _cli(args: argparse.Namespace, computer: Path, out: Path, *, resume: bool) -> list[str]:
    cmd = [sys.executable, "-m", "synthcomp_agents.cli", "simulate", str(computer), "--out", str(out)]
    cmd += ["--days", str(args.days), "--seed", str(args.seed), "--checkpoint-every", str(args.checkpoint_every)]
    cmd += ["--json"]
    if args.hooks:
        cmd += ["--hooks", args.hooks]
    if resume:
        cmd.append("--resume")
    return cmd


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _lines(run: Path) -> tuple[int, int]:
    """Model calls in the run's trajectory as it is on disk: (all roles, worker)."""
    folder = RunFolder(run)
    if not folder.has_trajectory():
        return 0, 0
    total = worker = 0
    for line in folder.iter_trajectory_lines():
        total += 1
        if json.loads(line).get("role") == "worker":
            worker += 1
    return total, worker


def _checkpoint_calls(run: Path, archive: Path) -> tuple[str | None, int, int]:
    """The latest checkpoint and the model calls it holds: (name, all roles, worker)."""
    folder = RunFolder(run).checkpoints_path
    if not (folder / "LATEST").is_file():
        return None, 0, 0
    store = CheckpointStore(folder, archive)
    name = store.latest()
    if name is None:
        return None, 0, 0
    offsets = store.load(name)["state"].get("offsets", {}).get("trajectory", {})
    return name, int(offsets.get("lines", 0)), int(offsets.get("counters", {}).get("worker", 0))


def _in_checkpoint_write(checkpoints: Path) -> bool:
    """A checkpoint is being written: its temporary folder, ``LATEST``'s or a blob's temporary file (a resume's
    ``.restore-*`` archive is not a write)."""
    try:
        names = os.listdir(checkpoints)
        if any(n.startswith(".") and not n.startswith(".restore-") for n in names):
            return True
        return any(n.startswith(".") for n in os.listdir(checkpoints / "blobs"))
    except FileNotFoundError:
        return False


def _reference(args: argparse.Namespace, computer: Path, ref: Path) -> dict[str, Any]:
    start = time.perf_counter()
    done = subprocess.run(_cli(args, computer, ref, resume=False), env=_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"reference run failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    calls, worker = _lines(ref)
    return {"wall_s": round(time.perf_counter() - start, 1), "model_calls": calls, "worker_calls": worker}


def soak(args: argparse.Namespace) -> dict[str, Any]:
    """Run the soak (see the module docstring) and return its report."""
    work = Path(args.work)
    if work.exists() and not args.keep:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    computer = Path(args.computer) if args.computer else work / "computer"
    if not (computer / "computer.scdisk").is_file():
        ProceduralComputerGenerator().generate(args.persona, seed=args.computer_seed).save(computer)
    archive = computer / "computer.scdisk"
    ref, run = work / "reference", work / "run"
    shutil.rmtree(run, ignore_errors=True)
    reference = _reference(args, computer, ref) if not (ref / "run.json").is_file() else {"reused": True}
    if "model_calls" not in reference:
        reference["model_calls"], reference["worker_calls"] = _lines(ref)
    total = _size(RunFolder(ref).compact_trajectory_path)
    rng = random.Random(args.soak_seed)
    points = sorted(rng.sample(range(total // 100, total - total // 100), args.kills))
    at_checkpoint = set(rng.sample(range(args.kills), min(args.at_checkpoint, args.kills)))
    trajectory = RunFolder(run).compact_trajectory_path
    checkpoints = RunFolder(run).checkpoints_path
    kills: list[dict[str, Any]] = []
    started = time.perf_counter()
    for index, point in enumerate(points):
        proc = subprocess.Popen(
            _cli(args, computer, run, resume=index > 0),
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + args.timeout
        while proc.poll() is None and _size(trajectory) < point and time.monotonic() < deadline:
            time.sleep(0.002)
        kind = "random"
        if index in at_checkpoint:
            kind = "checkpoint-write (not seen)"
            while proc.poll() is None and time.monotonic() < deadline:
                if _in_checkpoint_write(checkpoints):
                    kind = "checkpoint-write"
                    break
                time.sleep(0.001)
        else:
            time.sleep(rng.uniform(0, 0.05))  # anywhere inside the call that crossed the point
        if proc.poll() is not None:
            error = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
            if proc.returncode != 0:
                raise SystemExit(f"attempt {index + 1} exited {proc.returncode}: {error}")
            break  # finished before the point
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
        calls, worker = _lines(run)
        name, kept, kept_worker = _checkpoint_calls(run, archive)
        kills.append(
            {
                "kill": len(kills) + 1,
                "kind": kind,
                "calls_on_disk": calls,
                "resume_from": name,
                "redone_calls": max(0, calls - kept),
                "redone_worker_calls": max(0, worker - kept_worker),
            }
        )
        print(json.dumps(kills[-1]), flush=True)
    done = subprocess.run(_cli(args, computer, run, resume=True), env=_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"final resume failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    soak_wall = time.perf_counter() - started
    differ = [n for n in COMPARED if (ref / n).is_file() and _digest(ref / n) != _digest(run / n)]
    ours = b"".join(RunFolder(run).iter_trajectory_lines())
    if ours != b"".join(RunFolder(ref).iter_trajectory_lines()):
        differ.append("trajectory lines")
    final = {p.relative_to(run / "final"): _digest(p) for p in (run / "final").rglob("*") if p.is_file()}
    expected = {p.relative_to(ref / "final"): _digest(p) for p in (ref / "final").rglob("*") if p.is_file()}
    if final != expected:
        differ.append("final/")
    leftovers = sorted(str(p.relative_to(checkpoints)) for p in checkpoints.rglob(".*"))
    redone = [k["redone_calls"] for k in kills]
    redone_worker = [k["redone_worker_calls"] for k in kills]
    return {
        "days": args.days,
        "checkpoint_every": args.checkpoint_every,
        "reference": reference,
        "kills": len(kills),
        "kills_in_checkpoint_writes": sum(1 for k in kills if k["kind"] == "checkpoint-write"),
        "redone_calls_total": sum(redone),
        "redone_calls_max": max(redone, default=0),
        "redone_worker_calls_total": sum(redone_worker),
        "redone_worker_calls_max": max(redone_worker, default=0),
        "identical": not differ,
        "differ": differ,
        "temporaries_left": leftovers,
        "soak_wall_s": round(soak_wall, 1),
        "per_kill": kills,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default="/tmp/synthcomp-kill-soak", help="Work folder (emptied first).")
    parser.add_argument("--computer", default=None, help="A computer folder (default: generate one).")
    parser.add_argument("--persona", default="A procurement manager in Valencia")
    parser.add_argument("--computer-seed", type=int, default=7)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--kills", type=int, default=24)
    parser.add_argument("--at-checkpoint", type=int, default=8, help="How many kills wait for a checkpoint write.")
    parser.add_argument("--checkpoint-every", type=int, default=25)
    parser.add_argument("--soak-seed", type=int, default=20261207)
    parser.add_argument("--hooks", default=None, help="module:callable returning SimulationHooks (tests).")
    parser.add_argument("--timeout", type=float, default=900.0, help="Seconds one attempt may take.")
    parser.add_argument("--keep", action="store_true", help="Reuse the work folder's computer and reference.")
    parser.add_argument("--json", default=None, help="Also write the report to this file.")
    args = parser.parse_args()
    report = soak(args)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    ref = report["reference"]
    print(
        f"| {args.days} | {args.checkpoint_every} | {report['kills']} ({report['kills_in_checkpoint_writes']} in "
        f"checkpoint writes) | {ref['model_calls']} ({ref['worker_calls']} worker) | {report['redone_calls_total']} "
        f"| {report['redone_calls_max']} | {report['redone_worker_calls_max']} | "
        f"{'yes' if report['identical'] else 'NO: ' + ', '.join(report['differ'])} | "
        f"{len(report['temporaries_left'])} |"
    )
    if not report["identical"] or report["temporaries_left"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

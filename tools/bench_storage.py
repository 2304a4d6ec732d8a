"""Storage of the README job: bytes of its output by part, and the compact trajectory's write/read cost vs plain JSONL.

Runs ``synthcomp run --n N --seed S --out OUT`` (``--batch``: ``synthcomp batch``; or measures an existing output
with ``--reuse OUT``) and prints one JSON document:

* ``bytes``: every run folder and computer folder by part (trajectory, events, final.delta.zip, final/,
  checkpoints/, home/, computer.scdisk, ...), totals per job (with and without ``computer.scdisk``) and per computer,
  the parts that dominate, and what the same jobs take in the two earlier layouts, written in the same run from the
  same data: ``old_layout`` (issue 16's starting point: plain ``trajectory.jsonl``, ``final/`` + a whole
  ``final.scdisk``, the computer's ``home/``, a finished job's ``checkpoints/``) and ``pre_delta_layout`` (the
  compact trajectory, but ``final/`` + ``final.scdisk`` + ``home/`` + ``checkpoints/``), with the ratios (``--batch``
  runs with ``--keep-checkpoints``, counts them for the old layouts, then removes them as a default batch does);
* ``end_state``: loading the end state through ``RunFolder.final_disk()`` from the delta vs from a whole
  ``final.scdisk`` (median of 3), and whether both give the same disk;
* ``trajectory``: the run's trajectory written again in the same process through the package's writer, plain and
  compact, interleaved line by line (same records, frames ended where the run's file ends them, so the compact bytes
  must equal the run's own file), then read back (raw lines, and lines parsed as JSON; median of 4, alternating),
  with seconds and ratios;
* ``archive`` (with ``--archive``): saving the end state and ``computer.scdisk`` again (median of 3):
  already-compressed members stored (the package's rule) vs every member deflated (the former rule).

Usage::

    PYTHONPATH=$PWD python tools/bench_storage.py [--out DIR | --reuse DIR] [--batch] [--n 1] [--seed 0] [--archive]
        [--json-out F]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import zstandard

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.models import JsonlWriter, iter_jsonl_lines
from synthcomp_agents.simulation import JOB_COMPUTER, JOB_RUN, RUN_COMPUTERS, RUN_RUNS, RunFolder

READ_REPEATS = 4  # reads of each form (median)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return 0


def _parts(folder: Path, names: list[str]) -> dict[str, int]:
    """Bytes per named part of ``folder`` plus ``other`` (everything else) and ``total``."""
    out = {name: _size(folder / name) for name in names}
    total = _size(folder)
    out["other"] = total - sum(out.values())
    out["total"] = total
    return out


def _job_output(out: Path, n: int, seed: int, *, batch: bool) -> None:
    command = [sys.executable, "-m", "synthcomp_agents.cli", "batch" if batch else "run", "--n", str(n)]
    command += ["--seed", str(seed), "--out", str(out)] + (["--workers", "1", "--keep-checkpoints"] if batch else [])
    subprocess.run(command, env=dict(os.environ), check=True, stdout=subprocess.DEVNULL)


def _jobs(out: Path) -> list[tuple[str, Path, Path]]:
    """(name, run folder, computer folder) of every job of a ``synthcomp run`` or ``synthcomp batch`` output."""
    if (out / "jobs").is_dir():  # batch: jobs/<job>/{run,computer}
        return [
            (job.name, job / JOB_RUN, job / JOB_COMPUTER) for job in sorted((out / "jobs").iterdir()) if job.is_dir()
        ]
    runs = sorted(p for p in (out / RUN_RUNS).iterdir() if p.is_dir())
    return [(run.name, run, out / RUN_COMPUTERS / run.name) for run in runs]


def _frame_lines(run: RunFolder) -> set[int]:
    """Trajectory line counts at which the run's compact trajectory ended a zstd frame (its checkpoints did)."""
    data = run.compact_trajectory_path.read_bytes()
    lines, ends = 0, set()
    while data:
        frame = zstandard.ZstdDecompressor().decompressobj()
        lines += frame.decompress(data).count(b"\n")
        ends.add(lines)
        data = frame.unused_data
    return ends


def _trajectory(run: RunFolder, computer: Path, work: Path) -> dict[str, Any]:
    """Write the run's records again, plain and compact (interleaved, same process), then read both back."""
    frame_ends = _frame_lines(run)
    plain_path, compact_path = work / "trajectory.jsonl", work / "trajectory.jsonl.zst"
    for path in (plain_path, compact_path):
        path.unlink(missing_ok=True)
    plain, compact = JsonlWriter(plain_path), JsonlWriter(compact_path)
    write = {"plain": 0.0, "compact": 0.0}
    lines = 0
    for raw in run.iter_trajectory_lines():
        record = json.loads(raw)
        for name, writer in (("plain", plain), ("compact", compact)):
            start = time.perf_counter()
            writer.write(record)
            write[name] += time.perf_counter() - start
        lines += 1
        if lines in frame_ends:
            start = time.perf_counter()
            compact.offset()  # a checkpoint ends the frame
            write["compact"] += time.perf_counter() - start
    for name, writer in (("plain", plain), ("compact", compact)):
        start = time.perf_counter()
        writer.close()
        write[name] += time.perf_counter() - start
    same = compact_path.read_bytes() == run.compact_trajectory_path.read_bytes()

    raw_times: dict[str, list[float]] = {"plain": [], "compact": []}
    parsed_times: dict[str, list[float]] = {"plain": [], "compact": []}
    forms = [("plain", plain_path), ("compact", compact_path)]
    for repeat in range(READ_REPEATS):  # alternating which form goes first: the load of a shared machine drifts
        for name, path in forms if repeat % 2 == 0 else forms[::-1]:
            start = time.perf_counter()
            count = sum(1 for _ in iter_jsonl_lines(path))
            raw_times[name].append(time.perf_counter() - start)
            start = time.perf_counter()
            for line in iter_jsonl_lines(path):
                json.loads(line)
            parsed_times[name].append(time.perf_counter() - start)
            assert count == lines, (name, count, lines)
    read_raw = {name: statistics.median(times) for name, times in raw_times.items()}
    read_parsed = {name: statistics.median(times) for name, times in parsed_times.items()}
    sizes = {"plain": plain_path.stat().st_size, "compact": compact_path.stat().st_size}
    for path in (plain_path, compact_path):
        path.unlink()
    return {
        "lines": lines,
        "frames": len(frame_ends - {0}),
        "bytes": sizes,
        "compression_ratio": round(sizes["plain"] / sizes["compact"], 1),
        "compact_equals_the_runs_file": same,
        "write_s": {k: round(v, 3) for k, v in write.items()},
        "write_ratio_compact_over_plain": round(write["compact"] / write["plain"], 3),
        "read_lines_s": {k: round(v, 3) for k, v in read_raw.items()},
        "read_lines_ratio_compact_over_plain": round(read_raw["compact"] / read_raw["plain"], 3),
        "read_parsed_s": {k: round(v, 3) for k, v in read_parsed.items()},
        "read_parsed_ratio_compact_over_plain": round(read_parsed["compact"] / read_parsed["plain"], 3),
    }


def _old_layouts(run: RunFolder, computer: Path, work: Path, compact_bytes: int, plain_bytes: int) -> dict[str, int]:
    """Bytes the job's end state and home took in the earlier layouts, written here from the same data.

    ``final/`` and ``home/`` are materialized (unless the job already holds them), ``final.scdisk`` is the whole end
    state saved as the simulation used to; returns the extra bytes of each earlier layout over this one.
    """
    extra = 0
    stored_end = _size(run.final_delta_path)
    with run.final_disk(computer) as disk:
        if not run.final_home_path.is_dir():
            extra += _size(disk.materialize(work / "final"))
            shutil.rmtree(work / "final")
        disk.to_archive(work / "final.scdisk")
    extra += _size(work / "final.scdisk") - stored_end
    (work / "final.scdisk").unlink()
    if not (computer / "home").is_dir():
        with VirtualDisk.from_archive(computer / "computer.scdisk") as disk:
            extra += _size(disk.materialize(work / "home"))
        shutil.rmtree(work / "home")
    return {"pre_delta_layout_extra": extra, "old_layout_extra": extra + plain_bytes - compact_bytes}


def _end_state(run: RunFolder, computer: Path, work: Path, repeats: int = 3) -> dict[str, Any]:
    """Seconds to load the end state from the delta vs from a whole final.scdisk (median), and equality."""
    legacy = work / "legacy-run"
    legacy.mkdir()
    with run.final_disk(computer) as disk:
        disk.to_archive(legacy / RunFolder.FINAL_ARCHIVE)
        reference = disk.metadata_state()
    times: dict[str, list[float]] = {"delta": [], "final.scdisk": []}
    same = True
    for _ in range(repeats):
        for name, folder in (("delta", run), ("final.scdisk", RunFolder(legacy))):
            start = time.perf_counter()
            with folder.final_disk(computer) as disk:
                times[name].append(time.perf_counter() - start)
                same = same and disk.metadata_state() == reference
    shutil.rmtree(legacy)
    load = {name: round(statistics.median(t), 3) for name, t in times.items()}
    return {"load_s": load, "same_disk": same, "delta_bytes": _size(run.final_delta_path)}


def _save(archive: Path | RunFolder, target: Path, *, deflate_all: bool, repeats: int = 3) -> tuple[float, int]:
    """Median seconds of saving the disk of ``archive`` again, and the bytes written."""
    from synthcomp_agents.disk import _archive as archive_module  # the member rule, switched off for the baseline

    rule = archive_module._compress_type
    if deflate_all:
        archive_module._compress_type = lambda name, data: zipfile.ZIP_STORED if data is None else zipfile.ZIP_DEFLATED
    disk = archive.final_disk() if isinstance(archive, RunFolder) else VirtualDisk.from_archive(archive)
    try:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            disk.to_archive(target)
            times.append(time.perf_counter() - start)
    finally:
        disk.close()
        archive_module._compress_type = rule
    size = target.stat().st_size
    target.unlink()
    return statistics.median(times), size


def _archive(archive: Path | RunFolder, work: Path) -> dict[str, Any]:
    """Save a disk archive again (what the simulation's finish and the generator do): stored already-compressed
    members (the package's rule) vs deflating every member (the former rule), in the same process."""
    stored_s, stored_bytes = _save(archive, work / "stored.scdisk", deflate_all=False)
    deflated_s, deflated_bytes = _save(archive, work / "deflated.scdisk", deflate_all=True)
    return {
        "save_s": round(stored_s, 3),
        "bytes": stored_bytes,
        "deflate_all_save_s": round(deflated_s, 3),
        "deflate_all_bytes": deflated_bytes,
        "save_speedup": round(deflated_s / stored_s, 2),
        "bytes_ratio_over_deflate_all": round(stored_bytes / deflated_bytes, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to run the job (default: a temporary folder, removed)")
    parser.add_argument("--reuse", type=Path, help="measure an existing `synthcomp run` or `batch` output instead")
    parser.add_argument("--batch", action="store_true", help="run `synthcomp batch` (jobs/<id>/{run,computer})")
    parser.add_argument("--n", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--archive", action="store_true", help="also time saving the archives again")
    parser.add_argument("--json-out", type=Path, help="also write the JSON here")
    args = parser.parse_args()

    temporary = None
    if args.reuse is not None:
        out = args.reuse
        job_s = None
    else:
        out = args.out or Path(temporary := tempfile.mkdtemp(prefix="bench-storage-"))
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        _job_output(out, args.n, args.seed, batch=args.batch)
        job_s = round(time.perf_counter() - start, 1)
    try:
        jobs = _jobs(out)
        run_names = [
            RunFolder.TRAJECTORY,
            RunFolder.TRAJECTORY_PLAIN,
            RunFolder.EVENTS,
            RunFolder.FINAL_DELTA,
            RunFolder.FINAL_HOME,
            RunFolder.FINAL_ARCHIVE,
            RunFolder.CHECKPOINTS,
            RunFolder.BLUEPRINT,
            RunFolder.OBJECTIVES,
            RunFolder.SIGNALS,
            RunFolder.REPORT,
        ]
        computer_names = ["computer.scdisk", "home", "computer.json"]
        per_run, per_computer, trajectories, archives, end_states = {}, {}, {}, {}, {}
        old_extra = pre_delta_extra = 0
        work = Path(tempfile.mkdtemp(prefix="bench-storage-work-"))
        try:
            for name, run_dir, computer in jobs:
                run = RunFolder(run_dir)
                if (out / "jobs").is_dir() and run.checkpoints_path.is_dir() and run.is_finished():
                    # the batch ran with --keep-checkpoints so the old layout (which kept them) is measured
                    # exactly; a default batch removes them once the job is done, as done here
                    old_extra += _size(run.checkpoints_path)
                    pre_delta_extra += _size(run.checkpoints_path)
                    run.drop_checkpoints()
                per_run[name] = _parts(run_dir, run_names)
                per_run[name]["checkpoints/blobs"] = _size(run.checkpoints_path / "blobs")
                per_computer[name] = _parts(computer, computer_names)
                trajectories[name] = _trajectory(run, computer, work)
                sizes = trajectories[name]["bytes"]
                extra = _old_layouts(run, computer, work, sizes["compact"], sizes["plain"])
                old_extra += extra["old_layout_extra"]
                pre_delta_extra += extra["pre_delta_layout_extra"]
                end_states[name] = _end_state(run, computer, work)
                if args.archive:
                    archives[name] = {
                        "end state": _archive(run, work),
                        "computer.scdisk": _archive(computer / "computer.scdisk", work),
                    }
        finally:
            shutil.rmtree(work, ignore_errors=True)
        total = _size(out)
        n_jobs = max(1, len(jobs))
        computer_archives = sum(v["computer.scdisk"] for v in per_computer.values())
        parts: dict[str, int] = {}
        for values, prefix in ((per_run, "run/"), (per_computer, "computer/")):
            for job in values.values():
                for part, size in job.items():
                    if part not in ("total", "checkpoints/blobs"):
                        parts[prefix + part] = parts.get(prefix + part, 0) + size
        parts["outside jobs"] = (
            total - sum(v["total"] for v in per_run.values()) - sum(v["total"] for v in per_computer.values())
        )
        dominant = {k: round(v / n_jobs) for k, v in sorted(parts.items(), key=lambda kv: -kv[1]) if v}
        report: dict[str, Any] = {
            "command": " ".join(sys.argv),
            "job": {
                "n": len(jobs),
                "seed": args.seed,
                "wall_s": job_s,
                "output": str(out),
                "layout": "batch" if (out / "jobs").is_dir() else "run",
            },
            "bytes": {
                "output_total": total,
                "per_job_mean": total // n_jobs,
                "per_job_mean_without_computer_scdisk": (total - computer_archives) // n_jobs,
                "per_computer_mean": sum(v["total"] for v in per_computer.values()) // n_jobs,
                "per_job_by_part_mean": dominant,
                "runs": per_run,
                "computers": per_computer,
                "old_layout_per_job_mean": (total + old_extra) // n_jobs,
                "ratio_old_layout_over_this": round((total + old_extra) / max(1, total), 2),
                "pre_delta_layout_per_job_mean": (total + pre_delta_extra) // n_jobs,
                "ratio_pre_delta_layout_over_this": round((total + pre_delta_extra) / max(1, total), 2),
            },
            "trajectory": trajectories,
            "end_state": end_states,
            "archive": archives,
        }
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json_out is not None:
        args.json_out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

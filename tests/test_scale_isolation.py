"""50 offline simulations running concurrently in ONE process share no state (disks, clocks, mail, recorders, RNG),
and memory stays within a bound.

Each simulation is tiny (1 workday, worker turn cap 1) so the test stays cheap; the checks are:

* every one of the 50 runs has its own world id, world, disk, clock and mailbox objects, and its trajectory mentions
  its own computer and never the other one;
* the 50 runs are 25 jobs (2 computers x seeds) run twice each in different run folders: both copies of a job give
  byte-identical trajectories, final disks and summaries (shared RNG, clocks or recorders would make them drift);
* 5 of the jobs (a fixed sample covering both computers) are also run alone in a separate process (in parallel, on
  the other core) and each concurrent copy equals its solo run.

Cost: half of a tiny run's CPU is deflating its ~50 MB final disk archive, which has nothing to do with isolation, so
every run here (concurrent and solo alike) writes archive entries uncompressed (``_uncompressed_archives``); the
archive format and everything else are the real code.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import multiprocessing
import shutil
import zipfile
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from generator_cache import generated

from synthcomp_agents.disk import _archive
from synthcomp_agents.personas import sample_personas
from synthcomp_agents.simulation import RunFolder, Simulation, SimulationConfig, SimulationProgress

JOBS = 25
COPIES = 2
SOLO_SAMPLE = range(0, JOBS, 5)  # jobs 0, 5, 10, 15, 20: both computers
DAYS, TURNS = (
    1,
    8,
)  # eight worker calls: enough for the seeds to lead the jobs apart (one call is the same morning read)
MB = 1024 * 1024
PER_SIMULATION_MB = 150  # a live simulation holds its computer's disk (~50-70 MB here) and its agents


class _StoredZipFile(zipfile.ZipFile):
    """A zip writer that stores entries instead of deflating them (same archive format, readable as usual)."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        super().writestr(zinfo_or_arcname, data, zipfile.ZIP_STORED)


def _uncompressed_archives() -> SimpleNamespace:
    """A stand-in for the disk archive module's ``zipfile`` that writes stored entries."""
    return SimpleNamespace(**{**vars(zipfile), "ZipFile": _StoredZipFile})


def _rss(field: str = "VmHWM") -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"{field} not in /proc/self/status")


def _fingerprint(run_dir: Path) -> tuple[str, str, str]:
    summary = json.loads((run_dir / "run.json").read_text())
    summary.pop("checkpoint", None)
    return (
        hashlib.sha256(RunFolder(run_dir).trajectory_path.read_bytes()).hexdigest(),  # the .zst: deterministic too
        hashlib.sha256((run_dir / "final.delta.zip").read_bytes()).hexdigest(),
        json.dumps(summary, sort_keys=True),
    )


def _config(computer_dir: Path, run_dir: Path, seed: int) -> SimulationConfig:
    return SimulationConfig(computer_dir=computer_dir, run_dir=run_dir, seed=seed, days=DAYS, max_worker_turns=TURNS)


def run_alone(computer_dir: str, run_dir: str, seed: int) -> tuple[str, str, str]:
    """One job alone in a fresh process (the reference)."""
    pytest.MonkeyPatch().setattr(_archive, "zipfile", _uncompressed_archives())  # this process only
    Simulation(_config(Path(computer_dir), Path(run_dir), seed)).run_sync()
    return _fingerprint(Path(run_dir))


def test_50_concurrent_simulations_in_one_process_share_no_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    computers, computer_ids = [], []
    for index, persona in enumerate(sample_personas(2, seed=0)):
        folder = tmp_path / f"computer{index}"
        generated(persona, seed=index).save(folder, materialize=False)  # shared with test_described_payloads
        computers.append(folder)
        computer_ids.append(json.loads((folder / "computer.json").read_text())["computer_id"])
    assert len(set(computer_ids)) == 2
    jobs = [(i % 2, 100 + i) for i in range(JOBS)]

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        alone: dict[int, Future[tuple[str, str, str]]] = {
            j: pool.submit(run_alone, str(computers[jobs[j][0]]), str(tmp_path / "alone" / f"job{j}"), jobs[j][1])
            for j in SOLO_SAMPLE
        }
        monkeypatch.setattr(_archive, "zipfile", _uncompressed_archives())
        baseline = _rss("VmRSS")
        live: dict[int, tuple[Any, ...]] = {}  # run -> its world, disk, clock, mailbox (seen while it runs)

        def watcher(run: int) -> Any:
            def progress(_: SimulationProgress) -> None:
                if run not in live:
                    world = simulations[run].world
                    live[run] = (world, world.disk, world.clock, world.mailbox)

            return progress

        runs = [(k, j) for k in range(COPIES) for j in range(JOBS)]
        simulations = [
            Simulation(_config(computers[jobs[j][0]], tmp_path / "together" / f"job{j}-copy{k}", jobs[j][1]),
                       progress=watcher(r))
            for r, (k, j) in enumerate(runs)
        ]  # fmt: skip
        assert len(simulations) == 50

        async def together() -> None:
            await asyncio.gather(*(s.run() for s in simulations))

        asyncio.run(together())
        peak = _rss("VmHWM")
        reference = {j: f.result() for j, f in alone.items()}

    # every run had its own world, disk, clock and mailbox
    assert len({s.world_id for s in simulations}) == 50
    assert sorted(live) == list(range(50))
    for part, name in enumerate(("world", "disk", "clock", "mailbox")):
        assert len({id(objects[part]) for objects in live.values()}) == 50, f"two runs shared a {name}"

    prints = {}
    for run, (k, j) in enumerate(runs):
        run_dir = tmp_path / "together" / f"job{j}-copy{k}"
        trajectory = b"".join(RunFolder(run_dir).iter_trajectory_lines()).decode("utf-8")
        own, other = computer_ids[jobs[j][0]], computer_ids[1 - jobs[j][0]]
        assert own in trajectory and other not in trajectory, f"run {run} saw another run's computer"
        prints[k, j] = _fingerprint(run_dir)
    for j in range(JOBS):
        assert prints[0, j] == prints[1, j], f"the two concurrent copies of job {j} differ"
        if j in reference:
            assert prints[0, j] == reference[j], f"job {j} differs from the same job run alone"
    # not trivial: jobs with different plans have different trajectories (one worker call: a job is its computer and
    # its plan; the scripted setter's plans cycle with the seed, so 25 seeds on 2 computers give 10 plans here)
    plans = {
        j: (jobs[j][0], (tmp_path / "together" / f"job{j}-copy0" / "objectives.json").read_bytes()) for j in range(JOBS)
    }
    distinct = len({prints[0, j][0] for j in range(JOBS)})
    assert distinct >= len(set(plans.values())) >= 10, (distinct, len(set(plans.values())))
    for j in range(JOBS):  # jobs with different plans never share a trajectory (same plan: the seed may part them)
        for k in range(j):
            if plans[j] != plans[k]:
                assert prints[0, j][0] != prints[0, k][0], f"jobs {j} and {k} have different plans, one trajectory"

    grown = (peak - baseline) / MB
    assert grown < 50 * PER_SIMULATION_MB, f"peak RSS grew by {grown:.0f} MB for 50 live simulations"
    print(f"50 concurrent simulations: peak RSS +{grown:.0f} MB ({grown / 50:.0f} MB each)")
    for leftover in ("together", "alone"):  # ~6 GB of final disks and trees: pytest keeps its last 3 temp folders
        shutil.rmtree(tmp_path / leftover)

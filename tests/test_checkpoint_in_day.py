"""Checkpoints inside a day (issue 17, point 2): every N worker turns, outputs independent of N, a kill redoes <= N.

The CI-sized version of ``tools/kill_soak.py`` (whose full run, 5 days and 24 kills, is in RELIABILITY.md): a one-day
run of the package's offline agents killed 3 times (once inside a checkpoint write) and resumed ends byte-identical
to an uninterrupted run, and no kill redid more than N worker calls; one-day runs with N = 0 and N = 3 write the same
outputs; the checkpoint store keeps at most one checkpoint inside a segment and drops what only it needed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest
from generator_cache import generated

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.simulation import CheckpointStore, RunFolder, Simulation, SimulationConfig

ROOT = Path(__file__).resolve().parent.parent
EVERY = 10


def _kill_soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kill_soak", ROOT / "tools" / "kill_soak.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def computer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("computer") / "c1"
    generated("A procurement manager in Valencia", seed=7).save(folder)
    return folder


def test_a_killed_day_redoes_at_most_n_worker_calls_and_ends_identical(computer: Path, tmp_path: Path) -> None:
    args = argparse.Namespace(
        work=str(tmp_path / "soak"),
        computer=str(computer),
        persona="",
        computer_seed=7,
        days=1,
        seed=11,
        kills=3,
        at_checkpoint=1,
        checkpoint_every=EVERY,
        soak_seed=20261207,
        hooks=None,
        timeout=600.0,
        keep=False,
        json=None,
    )
    report = _kill_soak().soak(args)
    assert report["identical"], report["differ"]
    assert report["temporaries_left"] == []
    assert report["kills"] == 3
    assert report["redone_worker_calls_max"] <= EVERY, report["per_kill"]
    # a resume continued from a checkpoint inside the day (one per day would have redone everything since the plan)
    assert any(".w" in str(kill["resume_from"]) for kill in report["per_kill"]), report["per_kill"]
    left = sorted(p.name for p in (tmp_path / "soak" / "run" / "checkpoints").iterdir())
    assert not [name for name in left if ".w" in name], left  # the day's own checkpoint replaced them


def test_outputs_do_not_depend_on_checkpoint_every(computer: Path, tmp_path: Path) -> None:
    results = {}
    for every in (0, 3):
        config = SimulationConfig(
            computer_dir=computer, run_dir=tmp_path / f"n{every}", days=1, seed=11, checkpoint_every=every
        )
        results[every] = Simulation(config).run_sync()
    inside = [c["name"] for c in results[3].checkpoint_costs if ".w" in c["name"]]
    assert len(inside) >= 10, inside
    assert not [c for c in results[0].checkpoint_costs if ".w" in c["name"]]
    for name in ("final.delta.zip", "objectives.json", "run.json", "computer.json"):
        assert _digest(tmp_path / "n0" / name) == _digest(tmp_path / "n3" / name), name
    # the compact logs end a zstd frame at each checkpoint: their lines, not their frames, must agree
    lines = [b"".join(RunFolder(tmp_path / f"n{every}").iter_trajectory_lines()) for every in (0, 3)]
    assert lines[0] == lines[1]
    events = [b"".join(RunFolder(tmp_path / f"n{every}").iter_event_lines()) for every in (0, 3)]
    assert events[0] == events[1] and events[0].count(b"\n") > 50
    assert results[0].summary == results[3].summary


def test_store_keeps_one_checkpoint_inside_a_segment_and_drops_its_interim_contents(tmp_path: Path) -> None:
    disk = VirtualDisk(user="ana")
    disk.write_text("notes.md", "# Notes")
    archive = tmp_path / "computer.scdisk"
    disk.to_archive(archive)
    folder = tmp_path / "checkpoints"
    store = CheckpointStore(folder, archive)
    store.bind_disk(disk)
    store.write("seg-0000", {"n": 0}, disk)
    disk.write_text("notes.md", "draft one")
    store.write("seg-0000.w000010", {"n": 1}, disk, parent="seg-0000")
    disk.write_text("notes.md", "draft two")
    store.write("seg-0000.w000020", {"n": 2}, disk, parent="seg-0000")
    assert store.names() == ["seg-0000", "seg-0000.w000020"]
    assert store.load("seg-0000.w000020")["state"] == {"n": 2}
    # a resume from the checkpoint inside the segment: its disk, and later deltas still taken against seg-0000
    again = CheckpointStore(folder, archive)
    restored = again.restore_disk("seg-0000.w000020")
    assert restored.read_text("notes.md") == "draft two"
    restored.write_text("notes.md", "final")
    again.write("seg-0001", {"n": 3}, restored, parent="seg-0000")
    assert again.names() == ["seg-0000", "seg-0001"]
    assert CheckpointStore(folder, archive).restore_disk("seg-0001").read_text("notes.md") == "final"
    # in one process, the drafts' contents go with the checkpoints that needed them
    blobs_before = set(os.listdir(folder / "blobs"))
    disk.write_text("notes.md", "draft three")
    store.write("seg-0000.w000030", {"n": 4}, disk, parent="seg-0000")
    disk.write_text("notes.md", "kept")
    store.write("seg-0001", {"n": 5}, disk, parent="seg-0000")
    added = set(os.listdir(folder / "blobs")) - blobs_before
    assert hashlib.sha256(b"draft three").hexdigest() not in added
    assert hashlib.sha256(b"kept").hexdigest() in added
    # a killed writer's superseded checkpoint inside a segment is removed by the next run's pruning
    (folder / "seg-0000.w000040").mkdir()  # sorts before seg-0001
    (folder / "seg-0000.w000040" / "checkpoint.json").write_text("{}")
    store.prune_after("seg-0001")
    assert store.names() == ["seg-0000", "seg-0001"]

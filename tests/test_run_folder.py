"""The folder owners: every real layout finds the computer a run started from, a moved batch output scores and
exports as it did in place, a missing original is an explicit error (never a collateral score of 0), and atomic
writes leave nothing half-written behind.

One short batch job (3 days, 60 worker turns) is simulated once per module; each test copies what it changes.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthcomp_agents.computers import ComputerFolder
from synthcomp_agents.disk import VirtualDisk, atomic_path, atomic_write_bytes, atomic_write_text
from synthcomp_agents.env import EnvTask
from synthcomp_agents.export import ExportError, export_runs
from synthcomp_agents.personas import sample_personas
from synthcomp_agents.report import collect_report_data
from synthcomp_agents.scale import JobFolder, JobSpec, run_pipeline
from synthcomp_agents.signals import compute_run_signals, write_run_signals
from synthcomp_agents.simulation import OriginalComputerNotFound, RunFolder

JOB_ID = "00000-folder-test"
EXTRA_FILE = "Documents/Board notes 2026.md"  # on the original computer only: the run "lost" it (collateral)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A batch output ``OUT/jobs/<id>/{computer,run}`` whose original holds one file the end state lacks."""
    out = tmp_path_factory.mktemp("batch")
    persona = sample_personas(1, seed=3)[0]
    job = JobFolder.of(out, JOB_ID)
    spec = JobSpec(
        index=0,
        job_id=JOB_ID,
        persona=persona.model_dump(mode="json"),
        seed=3,
        job_dir=str(job.path),
        days=3,
        max_worker_turns=60,
    )
    assert asyncio.run(run_pipeline(spec)).status == "done"
    # the end state as a whole archive (the form runs had before the delta), so the original can be changed below:
    # a delta is tied to the exact computer archive it was written against and refuses another
    run = RunFolder(job.run.path)
    end = run.final_disk()
    end.to_archive(run.final_archive_path)
    end.close()
    run.final_delta_path.unlink()
    archive = job.computer.archive_path
    disk = VirtualDisk.from_archive(archive)
    disk.write_text(EXTRA_FILE, "# Board notes\n\nThe budget review moved to 12 March; Dana presents the forecast.\n")
    disk.to_archive(archive)
    disk.close()
    write_run_signals(job.run.path)  # the in-place score, with the file counted as lost
    return out


def _signals(run: RunFolder) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run.signals_path.read_text(encoding="utf-8"))
    return data


def _copy(batch: Path, target: Path) -> JobFolder:
    shutil.copytree(batch, target)
    return JobFolder.of(target, JOB_ID)


def test_the_batch_layout_finds_its_computer_beside_the_run(batch: Path) -> None:
    job = JobFolder.of(batch, JOB_ID)
    assert job.run.original_computer() == job.computer
    in_place = _signals(job.run)
    collateral = in_place["collateral"]
    assert isinstance(collateral, dict)
    assert [item["path"] for item in collateral["items"]] == [EXTRA_FILE]
    assert collateral["penalty"] > 0


def test_a_moved_batch_output_scores_and_exports_as_it_did_in_place(batch: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "batch-copy"
    moved.parent.mkdir()
    job = _copy(batch, moved)
    recorded = Path(job.run.summary()["computer_dir"])
    hidden = recorded.with_name(recorded.name + ".away")
    os.replace(recorded, hidden)  # the old place is gone: the output was moved, not copied
    try:
        assert job.run.original_computer().path == job.computer.path
        again = compute_run_signals(job.run.path)
        in_place = _signals(JobFolder.of(batch, JOB_ID).run)
        assert again.collateral.model_dump(mode="json") == in_place["collateral"]
        assert again.outcome.model_dump(mode="json") == in_place["outcome"]
        assert again.collateral.penalty > 0  # the original was really compared, not skipped
        tasks = export_runs([job.run.path], "harbor", tmp_path / "harbor")
        assert tasks
        for task in tasks.values():
            files = task / "environment" / "files"
            assert (files / EXTRA_FILE).read_text(encoding="utf-8").startswith("# Board notes")
            plan = json.loads((task / "tests" / "objectives.json").read_text(encoding="utf-8"))
            assert plan == job.run.plan_json()
        env_task = EnvTask.from_run(job.run.path, "o1")
        assert env_task.computer_dir == job.computer.path
    finally:
        os.replace(hidden, recorded)


def test_the_synthcomp_run_layout_and_a_moved_simulate_layout_find_their_computer(batch: Path, tmp_path: Path) -> None:
    source = JobFolder.of(batch, JOB_ID)
    computer_id = source.run.computer_id()
    assert computer_id
    # synthcomp run: OUT/computers/<id> beside OUT/runs/<id>, the recorded path gone
    out = tmp_path / "out"
    shutil.copytree(source.computer.path, out / "computers" / computer_id)
    shutil.copytree(source.run.path, out / "runs" / computer_id)
    run = RunFolder(out / "runs" / computer_id)
    _record(run, "/nonexistent/old/computers/" + computer_id)
    assert run.original_computer().path == out / "computers" / computer_id
    # simulate COMPUTER --out RUN with unrelated names, then the parent folder moved: the recorded path's tail
    project = tmp_path / "moved-project"
    shutil.copytree(source.computer.path, project / "my computer")
    shutil.copytree(source.run.path, project / "experiments" / "first try")
    run = RunFolder(project / "experiments" / "first try")
    _record(run, "/home/someone/old-project/my computer")
    assert run.original_computer().path.resolve() == (project / "my computer").resolve()
    # a relative computer_dir is relative to the run folder
    _record(run, "../../my computer")
    assert run.original_computer().path.resolve() == (project / "my computer").resolve()


def _record(run: RunFolder, computer_dir: str) -> None:
    summary = run.summary()
    summary["computer_dir"] = computer_dir
    run.summary_path.write_text(json.dumps(summary), encoding="utf-8")


def test_a_different_computer_in_the_expected_place_is_not_taken_for_the_original(batch: Path, tmp_path: Path) -> None:
    job = _copy(batch, tmp_path / "b")
    blueprint = job.computer.blueprint_json()
    blueprint["computer_id"] = "c-someone-else"
    job.computer.blueprint_path.write_text(json.dumps(blueprint), encoding="utf-8")
    _record(job.run, "/nonexistent/computer")
    with pytest.raises(OriginalComputerNotFound, match="holds computer c-someone-else"):
        job.run.original_computer()


def test_a_missing_original_is_an_explicit_error_never_a_collateral_of_zero(batch: Path, tmp_path: Path) -> None:
    job = _copy(batch, tmp_path / "b")
    saved = tmp_path / "saved-computer"
    shutil.move(job.computer.path, saved)
    _record(job.run, "/nonexistent/computer")
    job.run.signals_path.unlink()
    # the never-written checkpoints/initial.scdisk is not a candidate, even when someone puts a file there
    job.run.checkpoints_path.mkdir(exist_ok=True)  # a finished batch job dropped its checkpoints
    shutil.copyfile(saved / ComputerFolder.ARCHIVE, job.run.checkpoints_path / "initial.scdisk")
    with pytest.raises(OriginalComputerNotFound) as caught:
        compute_run_signals(job.run.path)
    message = str(caught.value)
    assert str(job.computer.path) in message and "/nonexistent/computer" in message
    assert "original=" in message
    assert all("checkpoints" not in os.fspath(p) for p in caught.value.tried)
    assert job.run.find_original_computer() is None
    with pytest.raises(OriginalComputerNotFound):
        write_run_signals(job.run.path)
    assert not job.run.signals_path.exists()
    with pytest.raises(ExportError, match="cannot find the original computer"):
        export_runs([job.run.path], "harbor", tmp_path / "harbor")
    with pytest.raises(FileNotFoundError, match="cannot find the original computer"):
        EnvTask.from_run(job.run.path, "o1")
    notes = collect_report_data(job.run.path).files.notes
    assert any("original computer (computer.scdisk) was not found" in note for note in notes)
    # pointing at it explicitly gives the in-place score
    given = compute_run_signals(job.run.path, original=saved)
    assert given.collateral.model_dump(mode="json") == _signals(JobFolder.of(batch, JOB_ID).run)["collateral"]


_NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"), min_size=1, max_size=40
).filter(lambda name: name not in (".", "..") and len(name.encode("utf-8")) < 200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAMES, old=st.binary(max_size=64), new=st.binary(max_size=64))
def test_atomic_writes_replace_whole_files_and_leave_no_temporary_file(
    tmp_path: Path, name: str, old: bytes, new: bytes
) -> None:
    folder = tmp_path / "w"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    target = folder / name
    atomic_write_bytes(target, old)
    assert target.read_bytes() == old
    with pytest.raises(RuntimeError, match="disk full"), atomic_path(target) as tmp:
        tmp.write_bytes(new[:3])
        raise RuntimeError("disk full")
    assert target.read_bytes() == old  # untouched
    assert sorted(p.name for p in folder.iterdir()) == [name]  # the temporary file is gone
    atomic_write_text(target, "é\n")
    assert target.read_bytes() == "é\n".encode()
    assert sorted(p.name for p in folder.iterdir()) == [name]


def test_an_atomic_write_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_text(tmp_path / "missing" / "run.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_checkpoints_of_an_unfinished_run_are_never_dropped(tmp_path: Path) -> None:
    run = RunFolder(tmp_path / "run")
    (run.checkpoints_path / "seg-0000").mkdir(parents=True)
    run.latest_checkpoint_path.write_text("seg-0000")
    with pytest.raises(ValueError, match="has not finished"):
        run.drop_checkpoints()
    assert run.can_resume()
    # a stopped segment writes run.json with status failed: it resumes, so it keeps its checkpoints too
    run.summary_path.write_text(json.dumps({"status": "failed", "failure": "no progress"}))
    with pytest.raises(ValueError, match="has not finished"):
        run.drop_checkpoints()
    assert run.can_resume()
    (run.path / "final.delta.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)  # even beside an end state
    with pytest.raises(ValueError, match="has not finished"):
        run.drop_checkpoints()
    assert run.can_resume()

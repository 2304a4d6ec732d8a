"""The compact trajectory (``trajectory.jsonl.zst``): every reader gives the same results on it and on the plain form,
a kill mid-write loses no completed line, resume stays byte-identical, ``synthcomp trajectory cat`` = the export."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from export_run_cache import short_run
from generator_cache import generated
from sim_standins import WorkerPolicy, build_standins, standin_client, standin_hooks
from typer.testing import CliRunner

from synthcomp_agents.cli import app
from synthcomp_agents.env import EnvTask, SyntheticComputerEnv
from synthcomp_agents.export import export_runs
from synthcomp_agents.models import JsonlWriter, TrajectoryWriter, iter_jsonl_lines
from synthcomp_agents.report import write_report
from synthcomp_agents.scale import tokens_by_role
from synthcomp_agents.signals import write_run_signals
from synthcomp_agents.simulation import RunFolder, Simulation, SimulationConfig, SimulationError, SimulationHooks

# -- one real run, in both forms -------------------------------------------------------------------------------------


def _copy_output(tmp: Path, name: str) -> RunFolder:
    """A copy of the shared short run's output (``computers/<id>``, ``runs/<id>``) without its derived files."""
    source = short_run()
    out = tmp / name
    shutil.copytree(source.parent.parent, out)
    run = RunFolder(out / "runs" / source.name)
    for derived in (run.signals_path, run.report_path):
        derived.unlink(missing_ok=True)
    summary = run.summary()
    summary["computer_dir"] = str(out / "computers" / source.name)  # the copy's own computer
    run.summary_path.write_text(json.dumps(summary), encoding="utf-8")
    return run


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunFolder, RunFolder]:
    """The same run stored compact (as the simulation writes it) and plain (a legacy ``trajectory.jsonl`` and
    ``events.jsonl``)."""
    tmp = tmp_path_factory.mktemp("forms")
    compact, plain = _copy_output(tmp, "compact"), _copy_output(tmp, "plain")
    assert compact.trajectory_path.name == "trajectory.jsonl.zst" and compact.events_path.name == "events.jsonl.zst"
    plain.export_trajectory(plain.plain_trajectory_path)
    plain.compact_trajectory_path.unlink()
    plain.export_events(plain.plain_events_path)
    plain.compact_events_path.unlink()
    assert plain.trajectory_path == plain.plain_trajectory_path and plain.events_path == plain.plain_events_path
    return compact, plain


def _same_except_paths(ours: str, theirs: str, compact: RunFolder, plain: RunFolder) -> None:
    root_a, root_b = str(compact.path.parent.parent), str(plain.path.parent.parent)
    assert ours.replace(root_a, "<out>") == theirs.replace(root_b, "<out>")


def test_the_compact_form_is_small_and_decompresses_to_the_plain_bytes(forms: tuple[RunFolder, RunFolder]) -> None:
    compact, plain = forms
    plain_bytes = plain.plain_trajectory_path.read_bytes()
    assert b"".join(compact.iter_trajectory_lines()) == plain_bytes
    assert list(compact.iter_trajectory()) == list(plain.iter_trajectory())
    assert compact.compact_trajectory_path.stat().st_size * 20 < len(plain_bytes)
    assert compact.is_run() and plain.is_run() and compact.has_trajectory() and plain.has_trajectory()


def test_signals_are_identical(forms: tuple[RunFolder, RunFolder]) -> None:
    compact, plain = forms
    ours = Path(write_run_signals(compact.path)).read_text(encoding="utf-8")
    theirs = Path(write_run_signals(plain.path)).read_text(encoding="utf-8")
    _same_except_paths(ours, theirs, compact, plain)
    assert json.loads(ours)["process"]["steps"]


def test_report_is_identical(forms: tuple[RunFolder, RunFolder]) -> None:
    compact, plain = forms
    ours, theirs = write_report(compact.path).read_text(), write_report(plain.path).read_text()
    assert "Tokens" in ours or "tokens" in ours
    _same_except_paths(ours, theirs, compact, plain)


@pytest.mark.parametrize("fmt", ["episodes", "openai"])
def test_exports_are_identical(forms: tuple[RunFolder, RunFolder], tmp_path: Path, fmt: str) -> None:
    compact, plain = forms
    written = {}
    for run in (compact, plain):
        out = tmp_path / run.path.parent.parent.name
        export_runs([run.path], fmt, out)
        written[run.path] = {p.relative_to(out): p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()}
    ours, theirs = written[compact.path], written[plain.path]
    assert ours.keys() == theirs.keys() and ours
    for name in ours:
        _same_except_paths(ours[name], theirs[name], compact, plain)


def test_scale_token_counts_and_env_reset_are_identical(forms: tuple[RunFolder, RunFolder]) -> None:
    compact, plain = forms
    assert tokens_by_role(compact) == tokens_by_role(plain) and tokens_by_role(compact)["worker"]["calls"] > 0
    assert tokens_by_role(compact.compact_trajectory_path) == tokens_by_role(plain.plain_trajectory_path)
    objective = compact.plan().objectives[0].objective_id
    resets = []
    for run in (compact, plain):
        env = SyntheticComputerEnv()
        try:
            messages, _info = env.reset(EnvTask.from_run(run.path, objective))
            resets.append(json.dumps(messages, sort_keys=True))
        finally:
            env.close()
    assert resets[0] == resets[1]


def test_cli_cat_and_export_give_the_plain_bytes(forms: tuple[RunFolder, RunFolder], tmp_path: Path) -> None:
    compact, plain = forms
    expected = plain.plain_trajectory_path.read_bytes()
    runner = CliRunner()
    for run in (compact, plain):
        result = runner.invoke(app, ["trajectory", "cat", str(run.path)])
        assert result.exit_code == 0, result.output[-2000:]
        assert result.stdout_bytes == expected
    out = tmp_path / "exported" / "trajectory.jsonl"
    result = runner.invoke(app, ["trajectory", "export", str(compact.path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == expected
    missing = runner.invoke(app, ["trajectory", "cat", str(tmp_path)])
    assert missing.exit_code == 1 and "holds no trajectory" in missing.output
    # the events: stored compact, read back as the plain events.jsonl a run wrote before
    events = plain.plain_events_path.read_bytes()
    assert len(compact.compact_events_path.read_bytes()) * 3 < len(events)
    assert b'"kind":"tool"' in events and events.count(b"\n") > 100
    for run in (compact, plain):
        result = runner.invoke(app, ["trajectory", "cat", "--events", str(run.path)])
        assert result.exit_code == 0, result.output[-2000:]
        assert result.stdout_bytes == events
    out = tmp_path / "exported" / "events.jsonl"
    result = runner.invoke(app, ["trajectory", "export", "--events", str(compact.path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == events


# -- a kill mid-write ------------------------------------------------------------------------------------------------


def _written(path: Path, records: int) -> tuple[list[bytes], list[int], list[int]]:
    """Write ``records`` lines (a frame ended every 7), return the lines, the file size after each line, the frame
    ends; the writer is dropped without closing, as a kill would leave it."""
    writer = TrajectoryWriter(path)
    rng = random.Random(3)
    sizes, frames = [], []
    for i in range(records):
        writer.record({"role": "worker" if i % 3 else "judge", "text": "lorem ipsum " * rng.randint(1, 4000)})
        sizes.append(path.stat().st_size)
        if i % 7 == 6:
            frames.append(writer.offset().bytes)
    assert writer._fd is not None
    os.close(writer._fd)  # a kill: no frame end, no close
    writer._fd = None
    return list(iter_jsonl_lines(path)), sizes, frames


def test_a_torn_last_frame_loses_no_completed_line(tmp_path: Path) -> None:
    path = tmp_path / "trajectory.jsonl.zst"
    lines, sizes, frames = _written(path, 40)
    assert len(lines) == 40
    data = path.read_bytes()
    for cut in sorted(random.Random(5).sample(range(1, len(data)), 60)) + [s - 1 for s in sizes] + frames:
        path.write_bytes(data[:cut])
        got = list(iter_jsonl_lines(path))
        complete = sum(1 for size in sizes if size <= cut)
        assert got == lines[: len(got)] and len(got) >= complete, cut
        writer = JsonlWriter(path)  # reopening keeps every complete line and continues with a fresh frame
        assert writer.lines == len(got)
        writer.write({"after": cut})
        writer.close()
        assert list(iter_jsonl_lines(path)) == [*got, b'{"after":%d}\n' % cut]


def test_offsets_are_frame_boundaries_and_truncation_continues_identically(tmp_path: Path) -> None:
    straight, cut = tmp_path / "a.jsonl.zst", tmp_path / "b.jsonl.zst"
    with JsonlWriter(straight) as writer:
        for i in range(5):
            writer.write({"i": i})
        writer.offset()
        for i in range(5, 9):
            writer.write({"i": i})
    with JsonlWriter(cut) as writer:
        for i in range(5):
            writer.write({"i": i})
        mark = writer.offset()
        for i in range(100, 103):
            writer.write({"i": i})  # lost to the "crash"
    with JsonlWriter(cut) as writer:
        writer.truncate_to(mark)
        for i in range(5, 9):
            writer.write({"i": i})
    assert cut.read_bytes() == straight.read_bytes()


class _FailOnce:
    """Worker policy that raises once on a given day (the segment dies mid-day, after some model calls)."""

    def __init__(self, day: int) -> None:
        self.day = day
        self.failed = False


def _failing_hooks(state: _FailOnce) -> SimulationHooks:
    class Failing(WorkerPolicy):
        def decide(self, messages: Any, tools: Any) -> Any:
            calls = super().decide(messages, tools)
            if not state.failed and calls[0].id == f"d{state.day}c3":
                state.failed = True
                raise RuntimeError("injected failure")
            return calls

    def client(role: str) -> Any:
        return Failing() if role == "worker" else standin_client(role)

    return SimulationHooks(build_participants=build_standins, default_client=client)


@pytest.fixture(scope="module")
def computer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("computer") / "c1"
    generated("A procurement manager in Valencia", seed=7).save(folder, materialize=False)
    return folder


@pytest.fixture(scope="module")
def reference(computer_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RunFolder:
    """The uninterrupted three-day stand-in run the interrupted runs must match (read-only)."""
    run = tmp_path_factory.mktemp("reference") / "ref"
    config = SimulationConfig(computer_dir=computer_dir, run_dir=run, days=3, seed=2)
    Simulation(config, hooks=standin_hooks()).run_sync()
    return RunFolder(run)


@pytest.mark.parametrize("torn", [7, 1])
def test_resume_after_a_torn_frame_is_byte_identical(
    computer_dir: Path, reference: RunFolder, tmp_path: Path, torn: int
) -> None:
    def config(run: Path) -> SimulationConfig:
        return SimulationConfig(computer_dir=computer_dir, run_dir=run, days=3, seed=2)

    state = _FailOnce(day=2)
    with pytest.raises(SimulationError, match="injected"):
        Simulation(config(tmp_path / "run"), hooks=_failing_hooks(state)).run_sync()
    run = RunFolder(tmp_path / "run")
    data = run.compact_trajectory_path.read_bytes()
    run.compact_trajectory_path.write_bytes(data[:-torn])  # killed mid-write of the last block
    Simulation(config(run.path), hooks=_failing_hooks(state)).resume_sync()
    ref = reference
    for name in (RunFolder.TRAJECTORY, RunFolder.EVENTS, RunFolder.FINAL_DELTA, RunFolder.SUMMARY):
        assert (run.path / name).read_bytes() == (ref.path / name).read_bytes(), name
    assert not run.plain_trajectory_path.exists()


def test_a_run_begun_plain_resumes_plain(
    computer_dir: Path, reference: RunFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run interrupted before the compact form existed (plain ``trajectory.jsonl``, plain-byte offsets in its
    checkpoints) resumes in its own form and ends with the same lines as a compact run."""

    def config(run: Path) -> SimulationConfig:
        return SimulationConfig(computer_dir=computer_dir, run_dir=run, days=3, seed=2)

    with monkeypatch.context() as patch:  # the former layout: the simulation writes the plain file
        patch.setattr(RunFolder, "compact_trajectory_path", property(lambda run: run.path / "trajectory.jsonl"))
        patch.setattr(RunFolder, "TRAJECTORY_PLAIN", "no-legacy-file")  # a fresh start clears no stale plain file
        state = _FailOnce(day=2)
        with pytest.raises(SimulationError, match="injected"):
            Simulation(config(tmp_path / "run"), hooks=_failing_hooks(state)).run_sync()
    run, ref = RunFolder(tmp_path / "run"), reference
    assert run.trajectory_path == run.plain_trajectory_path and not run.compact_trajectory_path.exists()
    Simulation(config(run.path), hooks=_failing_hooks(state)).resume_sync()
    assert not run.compact_trajectory_path.exists()
    assert run.plain_trajectory_path.read_bytes() == b"".join(ref.iter_trajectory_lines())
    assert b"".join(run.iter_event_lines()) == b"".join(ref.iter_event_lines())
    assert (run.path / RunFolder.FINAL_DELTA).read_bytes() == (ref.path / RunFolder.FINAL_DELTA).read_bytes()

"""The end state as a delta (``final.delta.zip``): every reader gives the same results with and without the
materialized ``final/`` and ``home/`` folders, and on the delta as on a whole ``final.scdisk`` (runs written before)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from export_run_cache import short_run
from typer.testing import CliRunner

from synthcomp_agents.cli import app
from synthcomp_agents.computers import ComputerFolder
from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.env import EnvTask, SyntheticComputerEnv
from synthcomp_agents.export import export_runs
from synthcomp_agents.report import write_report
from synthcomp_agents.signals import write_run_signals
from synthcomp_agents.simulation import RunFolder

FORMS = ("delta", "materialized", "legacy")


def _copy_output(tmp: Path, name: str) -> RunFolder:
    """A copy of the shared short run's output (``computers/<id>``, ``runs/<id>``) without its derived files."""
    source = short_run()
    out = tmp / name
    shutil.copytree(source.parent.parent, out)
    run = RunFolder(out / "runs" / source.name)
    for derived in (run.signals_path, run.report_path):
        derived.unlink(missing_ok=True)
    summary = run.summary()
    summary["computer_dir"] = str(out / "computers" / source.name)
    run.summary_path.write_text(json.dumps(summary), encoding="utf-8")
    return run


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RunFolder]:
    """The same run three ways: delta only (no final/, no home/, checkpoints/ removed: the delta is self-contained),
    delta + both folders, legacy whole final.scdisk."""
    tmp = tmp_path_factory.mktemp("end-state")
    runs = {name: _copy_output(tmp, name) for name in FORMS}
    for name, run in runs.items():
        computer = run.original_computer()
        assert run.final_delta_path.is_file() and not run.final_archive_path.is_file()
        if name == "materialized":
            if not run.final_home_path.is_dir():
                run.materialize_final()
            if not computer.home_path.is_dir():
                with VirtualDisk.from_archive(computer.archive_path) as disk:
                    disk.materialize(computer.home_path)
        else:
            shutil.rmtree(run.final_home_path, ignore_errors=True)
            shutil.rmtree(computer.home_path, ignore_errors=True)
        if name == "delta":
            shutil.rmtree(run.checkpoints_path)
        if name == "legacy":
            with run.final_disk() as disk:
                disk.to_archive(run.final_archive_path)
            run.final_delta_path.unlink()
        assert run.is_finished() and run.has_end_state()
    return runs


def _normalized(text: str, run: RunFolder) -> str:
    return text.replace(str(run.path.parent.parent), "<out>")


def _all_same(texts: dict[str, str], runs: dict[str, RunFolder]) -> None:
    normalized = {name: _normalized(text, runs[name]) for name, text in texts.items()}
    assert normalized["delta"] == normalized["materialized"] == normalized["legacy"]


def test_the_delta_is_small_and_rebuilds_the_whole_end_state(forms: dict[str, RunFolder]) -> None:
    delta, legacy = forms["delta"], forms["legacy"]
    assert delta.final_delta_path.stat().st_size * 20 < legacy.final_archive_path.stat().st_size
    assert not delta.checkpoints_path.exists()
    with delta.final_disk() as ours, legacy.final_disk() as theirs:
        assert ours.metadata_state() == theirs.metadata_state()
        assert [e.to_json() for e in ours.journal()] == [e.to_json() for e in theirs.journal()]
        files = [f.path for f in theirs.walk() if not f.is_dir]
        assert files and all(ours.read_bytes(p) == theirs.read_bytes(p) for p in files)
        assert [t.trash_id for t in ours.trash()] == [t.trash_id for t in theirs.trash()]


def test_materialize_final_gives_the_files_the_run_wrote(forms: dict[str, RunFolder], tmp_path: Path) -> None:
    reference = forms["materialized"].final_home_path
    target = forms["delta"].materialize_final(tmp_path / "final")

    def tree(root: Path) -> dict[str, tuple[bytes, int]]:
        return {
            p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in root.rglob("*")
            if p.is_file()
        }

    assert tree(target) == tree(reference) and tree(target)


def test_cli_materialize_writes_final_and_home_on_request(forms: dict[str, RunFolder], tmp_path: Path) -> None:
    runner = CliRunner()
    run = forms["delta"]
    result = runner.invoke(app, ["materialize", str(run.path), "--out", str(tmp_path / "final")])
    assert result.exit_code == 0, result.output
    reference = forms["materialized"].final_home_path
    ours = sorted(p.relative_to(tmp_path / "final") for p in (tmp_path / "final").rglob("*") if p.is_file())
    assert ours == sorted(p.relative_to(reference) for p in reference.rglob("*") if p.is_file()) and ours
    again = runner.invoke(app, ["materialize", str(run.path), "--out", str(tmp_path / "final")])
    assert again.exit_code == 2 and "not an empty folder" in again.output
    computer = run.original_computer()
    assert not computer.home_path.exists()
    result = runner.invoke(app, ["materialize", str(computer.path), "--out", str(tmp_path / "home")])
    assert result.exit_code == 0, result.output
    home = forms["materialized"].original_computer().home_path
    assert sorted(p.name for p in (tmp_path / "home").iterdir()) == sorted(p.name for p in home.iterdir())


def test_signals_are_identical(forms: dict[str, RunFolder]) -> None:
    texts = {name: Path(write_run_signals(run.path)).read_text(encoding="utf-8") for name, run in forms.items()}
    _all_same(texts, forms)
    assert json.loads(texts["delta"])["collateral"] is not None


def test_report_is_identical(forms: dict[str, RunFolder]) -> None:
    texts = {name: write_report(run.path).read_text(encoding="utf-8") for name, run in forms.items()}
    assert "is not available" not in texts["delta"]
    _all_same(texts, forms)


@pytest.mark.parametrize("fmt", ["episodes", "openai", "hf", "harbor"])
def test_exports_are_identical(forms: dict[str, RunFolder], tmp_path: Path, fmt: str) -> None:
    written: dict[str, dict[Path, tuple[bytes, int]]] = {}
    for name, run in forms.items():
        if not run.signals_path.is_file():
            write_run_signals(run.path)
        out = tmp_path / name
        export_runs([run.path], fmt, out)
        written[name] = {
            p.relative_to(out): (
                _normalized(p.read_bytes().decode("utf-8", "replace"), run).encode(),
                p.stat().st_mtime_ns if fmt == "harbor" and "solution" in p.parts and "files" in p.parts else 0,
            )
            for p in out.rglob("*")
            if p.is_file()
        }
    assert written["delta"] == written["materialized"] == written["legacy"] and written["delta"]
    if fmt == "harbor":
        assert any("solution" in p.parts and "files" in p.parts for p in written["delta"])


def test_env_reset_is_identical(forms: dict[str, RunFolder]) -> None:
    objective = forms["delta"].plan().objectives[0].objective_id
    resets = {}
    for name, run in forms.items():
        env = SyntheticComputerEnv()
        try:
            messages, _info = env.reset(EnvTask.from_run(run.path, objective))
            resets[name] = json.dumps(messages, sort_keys=True)
        finally:
            env.close()
    _all_same(resets, forms)


def test_cli_verify_reads_a_run_folder_without_final(forms: dict[str, RunFolder]) -> None:
    runner = CliRunner()
    rewards = {}
    for name, run in forms.items():
        original = ComputerFolder(run.original_computer().path)
        result = runner.invoke(
            app, ["verify", str(run.path), "--objectives", str(run.objectives_path), "--original", str(original.path)]
        )
        assert result.exit_code == 0, result.output
        rewards[name] = result.output.strip()
    assert rewards["delta"] == rewards["materialized"] == rewards["legacy"]


def test_a_delta_refuses_another_computer(forms: dict[str, RunFolder], tmp_path: Path) -> None:
    run = forms["delta"]
    other = tmp_path / "other.scdisk"
    with VirtualDisk.from_archive(run.original_computer().archive_path) as disk:
        disk.write_text("Documents/extra.md", "not the same computer")
        disk.to_archive(other)
    with pytest.raises(ValueError, match="another computer archive"):
        run.final_disk(other)


def test_no_end_state_is_a_clear_error(tmp_path: Path) -> None:
    run = RunFolder(tmp_path / "empty")
    assert not run.has_end_state() and not run.is_finished()
    with pytest.raises(FileNotFoundError, match="no end state"):
        run.final_disk()
    assert os.fspath(run) == str(tmp_path / "empty")

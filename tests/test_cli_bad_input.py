"""Bad input and real operators (issue 17 points 3-4): one-line errors, exit codes, nothing written or lost.

The table test runs every bad-input case of the issue through the real command line (typer's CliRunner) and
asserts the message, the exit code (2: bad input, 1: a runtime failure), that no traceback is printed and that the
output folder is byte-for-byte unchanged (or still absent). The other tests cover the promises of RELIABILITY.md's
"Operators" section: a resume with other settings is refused, two writers on one run folder leave one consistent
run, a stale lock is recovered, a full disk loses nothing, and a computer save killed half-way re-runs fine.
The simulations use the fast stand-in agents of ``sim_standins``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from generator_cache import generated
from typer.testing import CliRunner

from synthcomp_agents.cli import app
from synthcomp_agents.computers import ProceduralComputerGenerator
from synthcomp_agents.disk import LOCK_FILE, FolderLock, FolderLocked, lock_holder
from synthcomp_agents.simulation import RunFolder

TESTS = Path(__file__).resolve().parent
HOOKS = "sim_standins:standin_hooks"
DAYS = 2


def _env() -> dict[str, str]:
    env = dict(os.environ)
    root = str(TESTS.parent)
    env["PYTHONPATH"] = os.pathsep.join([root, str(TESTS), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["COLUMNS"] = "200"
    return env


def _tree(path: Path) -> dict[str, str] | None:
    """Every file and folder under ``path`` with a digest of its bytes (None when ``path`` does not exist)."""
    if not path.exists():
        return None
    if path.is_file():
        return {".": hashlib.sha256(path.read_bytes()).hexdigest()}
    out: dict[str, str] = {}
    for item in sorted(path.rglob("*")):
        rel = item.relative_to(path).as_posix()
        out[rel] = hashlib.sha256(item.read_bytes()).hexdigest() if item.is_file() else "<dir>"
    return out


def _cli(*args: str) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def _simulate_args(computer: Path, out: Path, *extra: str) -> list[str]:
    return ["simulate", str(computer), "--out", str(out), "--days", str(DAYS), "--hooks", HOOKS, *extra]


@pytest.fixture(scope="module")
def computer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("computer") / "c1"
    generated("A procurement manager in Valencia", seed=7).save(folder, materialize=False)
    return folder


@pytest.fixture(scope="module")
def finished_run(computer: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An uninterrupted stand-in run (the reference for the resume, lock and full-disk tests)."""
    run = tmp_path_factory.mktemp("reference") / "run"
    result = _cli(*_simulate_args(computer, run))
    assert result.exit_code == 0, result.output
    return run


# ---------------------------------------------------------------------------------------------------------------------
# the table: every bad-input case of issue 17 point 3
# ---------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, the command, the exit code and the words the message must hold."""

    name: str
    make: Callable[[Path, Path], list[str]]  # (computer, tmp) -> command line; the output folder is tmp/"out"
    code: int
    words: tuple[str, ...]
    out_exists: bool = False  # the output folder exists before the command (and must stay unchanged)


def _file_then(path: Path, args: list[str]) -> list[str]:
    """Leave a plain file where the output folder should go, then give the command's arguments."""
    path.write_text("keep me")
    return args


def _copy_computer(computer: Path, tmp: Path, change: Callable[[Path], object]) -> Path:
    target = tmp / "computer"
    target.mkdir()
    for item in computer.iterdir():
        (target / item.name).write_bytes(item.read_bytes())
    change(target)
    return target


def _truncate(folder: Path) -> None:
    archive = folder / "computer.scdisk"
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])


def _model_config(tmp: Path, text: str, name: str = "models.yaml") -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _verify_wrong_schema(tmp: Path) -> list[str]:
    (tmp / "home").mkdir()
    (tmp / "objectives.json").write_text('{"objectives": "none", "extra": 1}')
    return ["verify", str(tmp / "home"), "--objectives", str(tmp / "objectives.json")]


def _sim(computer: Path, tmp: Path, *extra: str) -> list[str]:
    return _simulate_args(computer, tmp / "out", *extra)


CASES = [
    Case(
        "missing computer.json",
        lambda c, t: _sim(_copy_computer(c, t, lambda f: (f / "computer.json").unlink()), t),
        2,
        ("computer.json is missing", "synthcomp computer create"),
    ),
    Case(
        "corrupt computer.json",
        lambda c, t: _sim(_copy_computer(c, t, lambda f: (f / "computer.json").write_text('{"computer_id": 3')), t),
        2,
        ("is not a valid computer blueprint", "create the computer again"),
    ),
    Case(
        "truncated computer.scdisk",
        lambda c, t: _sim(_copy_computer(c, t, _truncate), t),
        2,
        ("computer.scdisk is damaged", "create the computer again"),
    ),
    Case(
        "missing computer.scdisk (an interrupted save)",
        lambda c, t: _sim(_copy_computer(c, t, lambda f: (f / "computer.scdisk").unlink()), t),
        2,
        ("has no computer.scdisk", "interrupted save"),
    ),
    Case(
        "model config: unknown role",
        lambda c, t: _sim(c, t, "--model-config", str(_model_config(t, "roles:\n  wroker: {model: m}\n"))),
        2,
        ("bad model config", "unknown role 'wroker'", "expected one of worker"),
    ),
    Case(
        "model config: bad URL",
        lambda c, t: _sim(
            c,
            t,
            "--model-config",
            str(_model_config(t, "roles:\n  worker: {model: m, base_url: 'localhost:8000', api_key_env: null}\n")),
        ),
        2,
        ("role 'worker'", "localhost:8000", "is not an http(s) URL", "http://host:8000/v1"),
    ),
    Case(
        "model config: missing API-key variable",
        lambda c, t: _sim(
            c,
            t,
            "--model-config",
            str(
                _model_config(
                    t, "roles:\n  judge: {model: m, base_url: 'http://127.0.0.1:9/v1', api_key_env: NO_SUCH_KEY_17}\n"
                )
            ),
        ),
        2,
        ("role 'judge'", "http://127.0.0.1:9/v1", "NO_SUCH_KEY_17 is not set", "export NO_SUCH_KEY_17"),
    ),
    Case(
        "model config: unreadable YAML",
        lambda c, t: _sim(c, t, "--model-config", str(_model_config(t, "roles: [unclosed\n  x: : y\n"))),
        2,
        ("bad model config", "invalid YAML"),
    ),
    Case(
        "model config: no such file",
        lambda c, t: _sim(c, t, "--model-config", str(t / "missing.yaml")),
        2,
        ("cannot read the model config", "missing.yaml"),
    ),
    Case("--days 0", lambda c, t: _sim(c, t, "--days", "0"), 2, ("'--days'", "greater than or equal to 1", "--help")),
    Case("--days -1", lambda c, t: _sim(c, t, "--days", "-1"), 2, ("'--days'", "greater than or equal to 1")),
    Case("--days 1000", lambda c, t: _sim(c, t, "--days", "1000"), 2, ("'--days'", "less than or equal to 60")),
    Case(
        "run --days 0",
        lambda c, t: ["run", "--n", "1", "--days", "0", "--out", str(t / "out")],
        2,
        ("'--days'", "greater than or equal to 1"),
    ),
    Case(
        "--out is a file",
        lambda c, t: _file_then(t / "out", _sim(c, t)),
        2,
        ("is a file, not a folder", "give a folder path"),
        out_exists=True,
    ),
    Case(
        "run --out is a file",
        lambda c, t: _file_then(t / "out", ["run", "--n", "1", "--days", "1", "--out", str(t / "out")]),
        2,
        ("is a file, not a folder",),
        out_exists=True,
    ),
    Case(
        "verify: wrong-schema objectives.json",
        lambda c, t: _verify_wrong_schema(t),
        2,
        ("does not match the plan schema", "synthcomp objectives create"),
    ),
    Case(
        "batch: model config with a bad URL",
        lambda c, t: [
            "batch",
            "--n",
            "1",
            "--out",
            str(t / "out"),
            "--model-config",
            str(_model_config(t, "roles:\n  worker: {model: m, base_url: 'localhost:8000', api_key_env: null}\n")),
        ],
        2,
        ("role 'worker'", "localhost:8000", "is not an http(s) URL"),
    ),
    Case(
        "batch --days 0",
        lambda c, t: ["batch", "--n", "1", "--days", "0", "--out", str(t / "out")],
        2,
        ("'--days'", "greater than or equal to 1"),
    ),
    Case(
        "export: no run folder",
        lambda c, t: ["export", str(c), "--format", "episodes", "--out", str(t / "out")],
        2,
        ("is not a run folder",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_one_line_with_its_exit_code_and_nothing_written(
    case: Case, computer: Path, tmp_path: Path
) -> None:
    args = case.make(computer, tmp_path)
    out = tmp_path / "out"
    before = _tree(out)
    assert (before is not None) == case.out_exists
    result = _cli(*args)
    text = result.output
    assert result.exit_code == case.code, text
    assert "Traceback" not in text, text
    assert result.exception is None or isinstance(result.exception, SystemExit), text
    errors = [line for line in text.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, text
    assert len([line for line in text.splitlines() if line.strip()]) == 1, text  # the error line only
    for word in case.words:
        assert word in errors[0], f"{word!r} not in {errors[0]!r}"
    assert _tree(out) == before  # nothing created, nothing changed


def test_read_only_out_is_a_runtime_error_naming_the_folder(
    computer: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "readonly"
    locked.mkdir()
    original = Path.mkdir

    def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if locked in (self, *self.parents) and self != locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)  # root ignores chmod: refuse writes below the folder instead
    result = _cli(*_simulate_args(computer, locked / "run"))
    assert result.exit_code == 1, result.output
    assert result.output.count("Error:") == 1 and "Traceback" not in result.output
    assert "cannot write" in result.output and "Permission denied" in result.output and "writable" in result.output
    assert list(locked.iterdir()) == []


def test_debug_shows_the_traceback(computer: Path, tmp_path: Path) -> None:
    broken = _copy_computer(computer, tmp_path, _truncate)
    result = _cli("--debug", *_simulate_args(broken, tmp_path / "out"))
    assert result.exit_code != 0
    assert result.exception is not None and not isinstance(result.exception, SystemExit)  # raised, not one line


# ---------------------------------------------------------------------------------------------------------------------
# export goes on past unfinished runs
# ---------------------------------------------------------------------------------------------------------------------


def test_export_reports_unfinished_runs_and_goes_on(finished_run: Path, tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    runs.mkdir()
    unfinished = runs / "a-unfinished"
    unfinished.mkdir()
    for name in ("objectives.json", "computer.json", "trajectory.jsonl.zst"):
        (unfinished / name).write_bytes((finished_run / name).read_bytes())
    done = runs / "b-finished"
    done.symlink_to(finished_run, target_is_directory=True)
    result = _cli("export", str(runs), "--format", "episodes", "--out", str(tmp_path / "export"))
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "a-unfinished" in result.output and "unfinished (no run.json" in result.output
    episodes = [json.loads(line) for line in (tmp_path / "export" / "episodes.jsonl").read_text().splitlines()]
    assert len(episodes) >= 1
    only = _cli("export", str(unfinished), "--format", "episodes", "--out", str(tmp_path / "export2"))
    assert only.exit_code == 2 and "no finished run to export" in only.output


# ---------------------------------------------------------------------------------------------------------------------
# runs stay themselves: --resume checks the stored settings
# ---------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (["--seed", "5"], "--seed: the run was started with 0, this command gives 5"),
        (["--days", "3"], "--days: the run was started with 2, this command gives 3"),
        (["--worker-policy", "lazy"], "--worker-policy: the run was started with competent, this command gives lazy"),
        (["--token-budget", "4096"], "--token-budget: the run was started with 16000, this command gives 4096"),
    ],
)
def test_resume_with_other_settings_is_refused(
    change: list[str], words: str, finished_run: Path, computer: Path
) -> None:
    before = _tree(finished_run)
    args = _simulate_args(computer, finished_run, "--resume")
    args = [a for a in args]
    for flag, value in zip(change[::2], change[1::2], strict=True):
        if flag in args:
            args[args.index(flag) + 1] = value
        else:
            args += [flag, value]
    result = _cli(*args)
    assert result.exit_code == 2, result.output
    assert words in result.output and "repeat the original settings" in result.output
    assert result.output.count("Error:") == 1 and "Traceback" not in result.output
    assert _tree(finished_run) == before
    same = _cli(*_simulate_args(computer, finished_run, "--resume"))  # the original settings still resume
    assert same.exit_code == 0, same.output


def test_resume_with_another_model_config_is_refused(finished_run: Path, computer: Path, tmp_path: Path) -> None:
    config = _model_config(
        tmp_path, "roles:\n  judge: {model: gpt-4o-mini, base_url: 'http://127.0.0.1:9/v1', api_key_env: null}\n"
    )
    before = _tree(finished_run)
    result = _cli(*_simulate_args(computer, finished_run, "--resume", "--model-config", str(config)))
    assert result.exit_code == 2, result.output
    assert "--model-config (its content)" in result.output and "no model config (offline)" in result.output
    assert _tree(finished_run) == before


def test_a_fresh_run_over_a_run_is_refused_and_changes_nothing(finished_run: Path, computer: Path) -> None:
    before = _tree(finished_run)
    result = _cli(*_simulate_args(computer, finished_run))
    assert result.exit_code == 2 and "already holds a run" in result.output and "--resume" in result.output
    assert _tree(finished_run) == before


# ---------------------------------------------------------------------------------------------------------------------
# one writer per run folder
# ---------------------------------------------------------------------------------------------------------------------


def _lines(run: Path) -> list[dict[str, Any]]:
    """The run's trajectory records, read as every reader does (a torn or invalid line would raise)."""
    return [json.loads(line) for line in RunFolder(run).iter_trajectory_lines()]


def test_two_concurrent_simulates_leave_one_consistent_run(computer: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    args = [a if a != str(DAYS) else "6" for a in _simulate_args(computer, run)]  # long enough to overlap
    first = subprocess.Popen(
        [sys.executable, "-m", "synthcomp_agents.cli", *args],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not (run / LOCK_FILE).exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert first.poll() is None, "the first run ended before the second could start"
        second = _cli(*args, "--resume")  # a second process on the same folder while the first writes
        running = first.poll() is None
        out, _ = first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            first.kill()
    assert running, "the first run ended while the second ran: the test did not overlap them"
    assert first.returncode == 0, out
    assert second.exit_code == 1, second.output
    assert "is in use by another process" in second.output and f"pid {first.pid}" in second.output, second.output
    assert "Traceback" not in second.output and second.output.count("Error:") == 1
    lines = _lines(run)  # every line valid JSON, no duplicate seq
    seqs = [line["seq"] for line in lines]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    summary = json.loads((run / "run.json").read_text())
    assert summary["days_simulated"] == 6 and summary["worker_turns"] == sum(1 for x in lines if x["role"] == "worker")
    assert not (run / LOCK_FILE).exists()  # removed at the end, never counted by a reader


def test_lock_names_its_holder_and_a_stale_lock_is_recovered(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from synthcomp_agents.disk import FolderLock; "
            f"FolderLock({str(folder)!r}, 'simulate').acquire(); print('held', flush=True); time.sleep(120)",
        ],
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(FolderLocked) as info:
            FolderLock(folder).acquire()
        assert f"pid {holder.pid}" in str(info.value) and info.value.holder["purpose"] == "simulate"
        assert lock_holder(folder) is not None
        holder.send_signal(signal.SIGKILL)  # killed while holding it: the lock file stays behind
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert (folder / LOCK_FILE).is_file() and lock_holder(folder) is None  # stale: nobody holds it
    with FolderLock(folder) as lock:
        assert lock.recovered["pid"] == holder.pid
        assert json.loads((folder / LOCK_FILE).read_text())["pid"] == os.getpid()
        with FolderLock(folder):  # re-entrant within one process
            pass
        assert (folder / LOCK_FILE).is_file()
    assert not (folder / LOCK_FILE).exists()


def test_a_stale_lock_in_a_run_folder_does_not_stop_the_run(computer: Path, finished_run: Path, tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    run = tmp_path / "run"
    run.mkdir()
    (run / LOCK_FILE).write_text(json.dumps({"pid": int(dead.stdout), "host": "elsewhere", "started": "x"}))
    result = _cli(*_simulate_args(computer, run))
    assert result.exit_code == 0, result.output
    assert (run / "trajectory.jsonl.zst").read_bytes() == (finished_run / "trajectory.jsonl.zst").read_bytes()
    assert not (run / LOCK_FILE).exists()


def test_a_second_batch_driver_is_refused_naming_the_first(tmp_path: Path) -> None:
    from synthcomp_agents.scale._runner import _exclusive

    child = (
        "from pathlib import Path\n"
        "from synthcomp_agents.scale import BatchError\n"
        "from synthcomp_agents.scale._runner import _exclusive\n"
        "try:\n"
        f"    with _exclusive(Path({str(tmp_path)!r})): print('ran')\n"
        "except BatchError as exc: print(exc)\n"
    )
    with _exclusive(tmp_path):
        second = subprocess.run([sys.executable, "-c", child], env=_env(), capture_output=True, text=True, timeout=120)
    assert "another batch driver holds the batch folder" in second.stdout, second.stdout + second.stderr
    assert f"pid {os.getpid()}" in second.stdout
    assert not (tmp_path / LOCK_FILE).exists()


# ---------------------------------------------------------------------------------------------------------------------
# a full disk loses nothing and leaves no temporary file
# ---------------------------------------------------------------------------------------------------------------------


def _temporaries(run: Path) -> list[Path]:
    """Temporary names of our writers (atomic writes, checkpoint folders) outside the home trees."""
    return [
        p
        for p in run.rglob(".*")
        if "final" not in p.relative_to(run).parts[:1] and (p.name.endswith(".tmp") or p.name.startswith(".seg-"))
    ]


def test_a_full_disk_is_one_line_and_the_same_command_resumes(
    computer: Path, finished_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import synthcomp_agents.disk._atomic as atomic

    calls = {"n": 0}
    original = atomic._fsync

    def fsync(path: Path) -> None:
        calls["n"] += 1
        if calls["n"] >= 25:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        original(path)

    monkeypatch.setattr(atomic, "_fsync", fsync)
    run = tmp_path / "run"
    result = _cli(*_simulate_args(computer, run))
    monkeypatch.setattr(atomic, "_fsync", original)
    assert result.exit_code == 1, result.output
    assert result.output.count("Error:") == 1 and "Traceback" not in result.output
    assert "no space left on the device" in result.output and "run the same command again" in result.output
    assert _temporaries(run) == [] and not (run / LOCK_FILE).exists()
    assert (run / "checkpoints" / "LATEST").is_file() and not (run / "run.json").exists()  # stopped mid-run
    resumed = _cli(*_simulate_args(computer, run, "--resume"))
    assert resumed.exit_code == 0, resumed.output
    assert (run / "trajectory.jsonl.zst").read_bytes() == (finished_run / "trajectory.jsonl.zst").read_bytes()
    assert (run / "final.delta.zip").read_bytes() == (finished_run / "final.delta.zip").read_bytes()


def test_a_crash_during_a_checkpoint_leaves_no_temporary_after_resume(computer: Path, tmp_path: Path) -> None:
    result = _cli(*_simulate_args(computer, tmp_path / "run"))
    assert result.exit_code == 0, result.output
    checkpoints = tmp_path / "run" / "checkpoints"
    (checkpoints / ".LATEST.0badc0de.tmp").write_text("x")  # what a kill inside an atomic write leaves
    (checkpoints / "blobs" / ".0123.cafe.tmp").write_text("x")
    (checkpoints / ".seg-0003-abc").mkdir()
    (tmp_path / "run" / ".run.json.12345678.tmp").write_text("x")
    again = _cli(*_simulate_args(computer, tmp_path / "run", "--resume"))
    assert again.exit_code == 0, again.output
    assert _temporaries(tmp_path / "run") == []


# ---------------------------------------------------------------------------------------------------------------------
# a computer save killed half-way
# ---------------------------------------------------------------------------------------------------------------------


def test_a_computer_save_killed_half_way_leaves_no_half_computer(tmp_path: Path) -> None:
    target = tmp_path / "computers" / "c1"
    script = (
        "import os\n"
        "from synthcomp_agents.computers import ProceduralComputerGenerator\n"
        "from synthcomp_agents.disk import VirtualDisk\n"
        "computer = ProceduralComputerGenerator().generate('A procurement manager in Valencia', seed=7)\n"
        "VirtualDisk.materialize = lambda self, path: os.kill(os.getpid(), 9)  # SIGKILL while saving the home\n"
        f"computer.save({str(target)!r})\n"
    )
    killed = subprocess.run([sys.executable, "-c", script], env=_env(), capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not target.exists()  # no computer.json without computer.scdisk: the folder appears whole or not at all
    assert [p.name for p in target.parent.iterdir()] == [f".c1.saving-{_pid_of(target.parent)}"]
    computer = generated("A procurement manager in Valencia", seed=7)
    computer.save(target, materialize=False)  # the re-run saves it and removes the dead save's temporary
    assert sorted(p.name for p in target.parent.iterdir()) == ["c1"]
    assert sorted(p.name for p in target.iterdir()) == ["computer.json", "computer.scdisk"]


def _pid_of(folder: Path) -> str:
    (only,) = [p.name for p in folder.iterdir()]
    return only.rsplit("-", 1)[1]


def test_run_redoes_a_computer_left_without_its_archive(tmp_path: Path) -> None:
    """The old failure: `synthcomp run` killed between computer.json and computer.scdisk; every re-run failed."""
    from synthcomp_agents.personas import sample_personas

    persona = sample_personas(1, seed=3)[0]
    computer = ProceduralComputerGenerator().generate(persona, seed=3000)
    folder = tmp_path / "computers" / computer.computer_id
    folder.mkdir(parents=True)
    (folder / "computer.json").write_text(computer.blueprint.to_json(indent=2) + "\n")  # no computer.scdisk
    result = _cli("run", "--n", "1", "--seed", "3", "--days", "1", "--out", str(tmp_path), "--hooks", HOOKS)
    assert result.exit_code == 0, result.output
    assert (folder / "computer.scdisk").is_file() and (tmp_path / "runs" / computer.computer_id / "run.json").is_file()
    assert not (tmp_path / LOCK_FILE).exists()


# ---------------------------------------------------------------------------------------------------------------------
# an unreachable model: one line naming the endpoint, no AutoGen tracebacks, the corrected URL resumes
# ---------------------------------------------------------------------------------------------------------------------


def test_an_unreachable_model_is_one_line_naming_the_endpoint(computer: Path, tmp_path: Path) -> None:
    def config(port: int) -> Path:
        # all 8 attempts of the default budget are made; only their backoff is short (the default waits ~70 s)
        retry = "retry: {backoff_s: 0.01, max_backoff_s: 0.05}"
        text = (
            f"roles:\n  worker: {{model: gpt-4o-mini, base_url: 'http://127.0.0.1:{port}/v1', api_key_env: null, "
            f"{retry}}}\n"
        )
        return _model_config(tmp_path, text, f"models-{port}.yaml")

    run = tmp_path / "run"
    base = [sys.executable, "-m", "synthcomp_agents.cli", "simulate", str(computer), "--out", str(run), "--days", "1"]
    first = subprocess.run([*base, "--model-config", str(config(9))], env=_env(), capture_output=True, text=True)
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "Traceback" not in output, output  # AutoGen's own tracebacks stay out
    assert [line for line in output.splitlines() if line.startswith("Error:")] == output.splitlines()[-1:], output
    # the failed call names its role and URL (not the list of configured endpoints)
    assert "Connection error" in output and "role worker at http://127.0.0.1:9/v1" in output, output
    assert "failed after 8 attempts" in output, output  # the default budget, retried to its end
    assert "configured endpoints" not in output
    # the corrected URL is the same model behind the same role: --resume accepts it (another model would not)
    again = subprocess.run(
        [*base, "--model-config", str(config(10)), "--resume"], env=_env(), capture_output=True, text=True
    )
    assert "http://127.0.0.1:10/v1" in again.stdout + again.stderr and "other settings" not in again.stdout


# ---------------------------------------------------------------------------------------------------------------------
# every configured role is used: simulate scores with the config's judge
# ---------------------------------------------------------------------------------------------------------------------


def test_simulate_scores_with_the_configured_judge(
    computer: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import synthcomp_agents.signals as signals

    config = _model_config(
        tmp_path, "roles:\n  judge: {model: gpt-4o-mini, base_url: 'http://127.0.0.1:9/v1', api_key_env: null}\n"
    )
    seen: list[Any] = []

    def fake_signals(run_dir: Path, *, judge_client: Any = None, original: Any = None) -> Path:
        seen.append(judge_client)
        path = Path(run_dir) / "signals.json"
        path.write_text(json.dumps({"outcome": {"reward": 0.5}}))
        return path

    monkeypatch.setattr(signals, "write_run_signals", fake_signals)
    result = _cli(*_simulate_args(computer, tmp_path / "run", "--model-config", str(config)))
    assert result.exit_code == 0, result.output
    # the judge is the configured role's client: AutoGen's OpenAI client inside the retrying wrapper
    assert len(seen) == 1 and type(seen[0]).__name__ == "ResilientChatCompletionClient"
    assert type(seen[0].inner).__name__ == "OpenAIChatCompletionClient"
    assert seen[0].inner.dump_component().config["base_url"] == "http://127.0.0.1:9/v1"

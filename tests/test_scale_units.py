"""synthcomp_agents.scale: the pieces without a batch (errors, retry policy, prices, manifest, outputs, config, CLI)."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from synthcomp_agents.scale import (
    BatchConfig,
    BatchError,
    BatchRunner,
    JobResult,
    Manifest,
    OutputLocation,
    PermanentJobError,
    PriceTable,
    RetryPolicy,
    TransientError,
    classify_error,
    publish_folder,
    tokens_by_role,
)


class RateLimitError(Exception):  # the OpenAI SDK's class name, as AutoGen's OpenAI client raises it
    status_code = 429


class APITimeoutError(Exception):
    pass


class AuthenticationError(Exception):
    status_code = 401


class _Status(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"status {status}")
        self.status_code = status


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (RateLimitError("slow down"), "transient"),
        (APITimeoutError("timed out"), "transient"),
        (TimeoutError(), "transient"),
        (ConnectionResetError(), "transient"),
        (_Status(503), "transient"),
        (_Status(400), "permanent"),
        (AuthenticationError("bad key"), "permanent"),
        (TransientError("x"), "transient"),
        (PermanentJobError("x"), "permanent"),
        (ValueError("a bug"), "permanent"),
        # AutoGen's group chat re-raises agent errors as text; the simulation wraps them again
        (RuntimeError("segment day01 failed: RateLimitError: Error code: 429 - {'error': ...}"), "transient"),
        (RuntimeError("openai.InternalServerError: Error code: 502 - bad gateway"), "transient"),
        (RuntimeError("AuthenticationError: Error code: 401 - invalid api key"), "permanent"),
        (RuntimeError("segment day03 (seg-0004) did not finish within 900 s; resume to retry"), "transient"),
    ],
)
def test_errors_are_classified_by_type_status_and_text(error: BaseException, kind: str) -> None:
    assert classify_error(error) == kind


def test_classification_follows_the_cause_chain() -> None:
    try:
        try:
            raise RateLimitError("429")
        except RateLimitError as inner:
            raise RuntimeError("segment failed") from inner
    except RuntimeError as outer:
        assert classify_error(outer) == "transient"


def test_retry_policy_backs_off_exponentially_with_bounded_jitter() -> None:
    policy = RetryPolicy(max_attempts=5, base_delay_s=1.0, max_delay_s=10.0, jitter=0.5)
    rng = random.Random(0)
    for attempt, raw in ((1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 10.0), (9, 10.0)):
        delays = [policy.delay(attempt, rng) for _ in range(50)]
        assert all(raw * 0.5 <= d <= raw for d in delays)
        assert len(set(delays)) > 1  # jittered
    with pytest.raises(BatchError):
        RetryPolicy(max_attempts=0)


def test_price_table_defaults_prefixes_overrides_and_errors(tmp_path: Path) -> None:
    table = PriceTable.default()
    assert table.cost("scripted", 10**6, 10**6) == 0.0
    assert table.cost("gpt-4o-mini-2024-07-18", 10**6, 0) == pytest.approx(0.15)  # longest prefix, not gpt-4o
    assert table.cost("gpt-4o-2024-08-06", 0, 10**6) == pytest.approx(10.0)
    assert table.cost("qwen2.5-7b-instruct", 1, 1) is None
    path = tmp_path / "prices.yaml"
    path.write_text("currency: EUR\nmodels:\n  qwen2.5-7b-instruct: {input_per_mtok: 0.1, output_per_mtok: 0.2}\n")
    edited = PriceTable.load(path)
    assert edited.currency == "EUR"
    assert edited.cost("qwen2.5-7b-instruct", 10**6, 10**6) == pytest.approx(0.3)
    assert edited.cost("gpt-4o", 10**6, 0) == pytest.approx(2.5)  # defaults stay
    assert PriceTable.from_mapping(edited.to_mapping()).prices == edited.prices
    path.write_text("models:\n  x: {input: 1}\n")
    with pytest.raises(BatchError, match="input_per_mtok"):
        PriceTable.load(path)
    with pytest.raises(BatchError, match="cannot read"):
        PriceTable.load(tmp_path / "missing.yaml")


def _result(index: int, **fields: object) -> JobResult:
    return JobResult.model_validate({"index": index, "job_id": f"j{index}", "status": "done", **fields})


def test_manifest_state_machine_never_finishes_a_job_twice(tmp_path: Path) -> None:
    manifest = Manifest.open(tmp_path / "manifest.sqlite")
    assert manifest.add_jobs([(i, f"j{i}", f"persona {i}", f"p{i}", i) for i in range(3)]) == 3
    assert manifest.add_jobs([(i, f"j{i}", f"persona {i}", f"p{i}", i) for i in range(4)]) == 1  # grows, idempotent
    with pytest.raises(BatchError, match="job 0"):
        manifest.add_jobs([(0, "other", "x", "p", 0)])
    assert manifest.claim(0) == 1
    with pytest.raises(BatchError, match="not pending"):
        manifest.claim(0)
    manifest.release(0, "rate limited")
    assert manifest.claim(0) == 2
    assert manifest.finish(_result(0, reward=0.5, tokens_by_model={"scripted": {"calls": 1, "prompt": 3}}))
    assert not manifest.finish(_result(0))  # done is final
    with pytest.raises(sqlite3.IntegrityError):  # and the table itself refuses a second completion
        manifest._db.execute("UPDATE jobs SET completions = completions + 1 WHERE idx = 0")
    manifest.claim(1)
    manifest.fail(1, "stage computer: ValueError: bad")
    manifest.claim(2)  # interrupted while running
    assert manifest.counts() == {"pending": 1, "running": 1, "done": 1, "failed": 1}
    assert manifest.requeue(failed=False) == 1
    assert manifest.counts()["failed"] == 1
    assert manifest.requeue(failed=True) == 1
    rows = {r.index: r for r in manifest.rows()}
    assert rows[0].state == "done" and rows[0].attempts == 2 and rows[0].completions == 1 and rows[0].reward == 0.5
    # attempt numbers continue across runs of the command: the history keeps every attempt
    assert rows[1].state == "pending" and rows[1].attempts == 1 and rows[1].error == "stage computer: ValueError: bad"
    assert manifest.claim(1) == 2
    history = manifest.history()
    assert [(a.attempt, a.outcome) for a in history[0]] == [(1, None), (2, None)]  # done: the scheduler ends them
    assert [(a.attempt, a.outcome, a.kind) for a in history[2]] == [(1, "interrupted", "transient")]  # requeued
    assert [(a.attempt, a.outcome) for a in history[1]] == [(1, "interrupted"), (2, None)]
    assert manifest._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    manifest.close()


def test_manifest_refuses_other_settings_corrupt_and_foreign_files(tmp_path: Path) -> None:
    manifest = Manifest.open(tmp_path / "manifest.sqlite")
    manifest.check_settings({"seed": 1, "days": 5})
    manifest.check_settings({"seed": 1, "days": 5})
    with pytest.raises(BatchError, match=r"other settings \(days: 5 -> 20\)"):
        manifest.check_settings({"seed": 1, "days": 20})
    manifest.close()
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BatchError, match="corrupt or not an SQLite database"):
        Manifest.open(corrupt)
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE users (name TEXT)")
    with pytest.raises(BatchError, match="not a synthcomp batch manifest"):
        Manifest.open(foreign)
    with pytest.raises(BatchError, match="no batch was run"):
        Manifest.open(tmp_path / "none.sqlite", create=False)


def test_output_locations_local_file_url_and_memory(tmp_path: Path) -> None:
    assert OutputLocation.parse(tmp_path / "a").root == tmp_path / "a"
    assert OutputLocation.parse(f"file://{tmp_path}/b").root == tmp_path / "b"
    remote = OutputLocation.parse("memory://units/batch", staging=tmp_path / "stage")
    assert remote.remote and remote.root == tmp_path / "stage"
    remote.prepare()
    job = remote.job_dir("00000-x")
    (job / "run").mkdir(parents=True)
    (job / "run" / "run.json").write_text("{}")
    (job / "job.json").write_text('{"ok": 1}')
    assert remote.publish_job("00000-x") >= 0
    assert not job.exists()  # staging copy removed after the upload
    assert remote.remote_result("00000-x") == b'{"ok": 1}'
    import fsspec  # type: ignore[import-untyped]

    fs = fsspec.filesystem("memory")
    assert fs.cat_file("/units/batch/jobs/00000-x/run/run.json") == b"{}"
    with pytest.raises(BatchError, match="cannot open the output"):
        OutputLocation.parse("nosuchprotocol://x")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BatchError, match="cannot write to the output folder"):
        OutputLocation.parse(blocker / "sub").prepare()
    folder = tmp_path / "pub"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "x.txt").write_text("x")
    publish_folder(folder, "memory://units/pub")
    assert fs.cat_file("/units/pub/deep/x.txt") == b"x"


def test_bad_batch_settings_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="unknown backend 'spark'"):
        BatchRunner(BatchConfig(n=1, seed=0, out=str(tmp_path), backend="spark"))
    with pytest.raises(BatchError, match=r"--personas .*no such file"):
        BatchRunner(BatchConfig(n=1, seed=0, out=str(tmp_path), personas=tmp_path / "none.jsonl"))
    with pytest.raises(BatchError, match="--address is for --backend ray"):
        BatchRunner(BatchConfig(n=1, seed=0, out=str(tmp_path), address="auto"))
    personas = tmp_path / "p.txt"
    personas.write_text("A buyer in Lyon\n")
    with pytest.raises(BatchError, match="more personas than"):
        BatchRunner(BatchConfig(n=2, seed=0, out=str(tmp_path), personas=personas)).plan()


def test_plan_is_deterministic_and_uses_the_run_seed_formula(tmp_path: Path) -> None:
    a = BatchRunner(BatchConfig(n=5, seed=3, out=str(tmp_path / "a"))).plan()
    b = BatchRunner(BatchConfig(n=3, seed=3, out=str(tmp_path / "b"))).plan()
    assert [s.seed for s in a] == [3000, 3001, 3002, 3003, 3004]
    assert [s.job_id for s in a[:3]] == [s.job_id for s in b]  # growing --n keeps the first jobs


def test_job_settings_reach_every_job_spec(tmp_path: Path) -> None:
    config = BatchConfig(n=2, seed=0, out=str(tmp_path), checkpoint_every=7, no_progress_timeout_s=30.0)
    specs = BatchRunner(config).plan()
    assert [(s.checkpoint_every, s.no_progress_timeout_s) for s in specs] == [(7, 30.0), (7, 30.0)]
    assert {s.checkpoint_every for s in BatchRunner(BatchConfig(n=1, seed=0, out=str(tmp_path / "d"))).plan()} == {
        None  # the simulation's own default (25)
    }


def test_tokens_by_role_reads_usage_without_parsing_requests(tmp_path: Path) -> None:
    path = tmp_path / "trajectory.jsonl"
    lines = [
        {"seq": 0, "role": "worker", "request": {"messages": [{"content": '"usage":{"prompt_tokens":99}'}]},
         "usage": {"prompt_tokens": 10, "completion_tokens": 2}},
        {"seq": 1, "role": "collaborator:dana", "usage": {"prompt_tokens": 5, "completion_tokens": 1}},
        {"seq": 2, "role": "worker", "usage": None, "error": "RateLimitError"},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(line, separators=(",", ":")) + "\n" for line in lines))
    assert tokens_by_role(path) == {
        "worker": {"calls": 2, "prompt": 10, "completion": 2},
        "collaborator:dana": {"calls": 1, "prompt": 5, "completion": 1},
    }


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "synthcomp_agents.cli", "batch", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_help_status_errors_and_prices(tmp_path: Path) -> None:
    help_text = _cli("--help")
    assert help_text.returncode == 0 and "--backend" in help_text.stdout and "status" in help_text.stdout
    missing = _cli("status", str(tmp_path / "nothing"))
    assert missing.returncode == 2 and "no batch was run" in missing.stdout
    bad = _cli("--n", "1", "--out", str(tmp_path / "x"), "--address", "auto")
    assert bad.returncode == 2 and "--address is for --backend ray" in bad.stdout
    prices = _cli("prices")
    assert prices.returncode == 0 and "gpt-4o-mini" in prices.stdout and "input_per_mtok" in prices.stdout

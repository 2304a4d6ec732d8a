"""Crash and resume: `synthcomp simulate` killed with SIGKILL at 5+ points ends byte-identical to an uninterrupted run.

Two uninterrupted runs serve as references (module fixtures): a short run of the stand-in agents of
``sim_standins`` (fast, exercises only the orchestration: checkpoints, disk deltas, offsets, fresh teams) and the
full offline month of the package's agents and scripted policy, shared by its crash test and the month test
(>= 2,000 worker turns, every deliverable opens in its library, prompt tokens of every worker call within budget).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from generator_cache import generated

from synthcomp_agents.simulation import RunFolder

TESTS = Path(__file__).resolve().parent
SEED = 11
MONTH_DAYS = 20
STANDIN_DAYS = 6


@dataclass
class Reference:
    computer: Path
    run: Path
    days: int
    hooks: str | None
    wall_s: float

    def cli(self, out: Path, *, resume: bool = False) -> list[str]:
        args = [sys.executable, "-m", "synthcomp_agents.cli", "simulate", str(self.computer), "--out", str(out)]
        args += ["--days", str(self.days), "--seed", str(SEED), "--json"]
        if resume:
            args.append("--resume")
        if self.hooks:
            args += ["--hooks", self.hooks]
        return args


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["COLUMNS"] = "120"
    return env


@pytest.fixture(scope="module")
def computer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("computer") / "c1"
    generated("A procurement manager in Valencia", seed=7).save(folder)
    return folder


def _reference(computer: Path, run: Path, days: int, hooks: str | None) -> Reference:
    ref = Reference(computer, run, days, hooks, 0.0)
    start = time.perf_counter()
    done = subprocess.run(ref.cli(run), env=_env(), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    ref.wall_s = time.perf_counter() - start
    return ref


@pytest.fixture(scope="module")
def standin_run(computer: Path, tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return _reference(computer, tmp_path_factory.mktemp("standin") / "run", STANDIN_DAYS, "sim_standins:standin_hooks")


@pytest.fixture(scope="module")
def month(computer: Path, tmp_path_factory: pytest.TempPathFactory) -> Reference:
    # the package's own agents and scripted policy; if they cannot be imported the CLI exits non-zero and this fails
    return _reference(computer, tmp_path_factory.mktemp("month") / "run", MONTH_DAYS, None)


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


def _kill_and_resume(ref: Reference, run: Path, seed: int) -> None:
    """Run ``synthcomp simulate`` into ``run``, SIGKILL it at 5 seeded points (sizes of the reference trajectory
    the new one must reach: polled every 5 ms), resume with --resume each time, then let it finish; compare."""
    reference = RunFolder(ref.run).compact_trajectory_path  # the stored .zst grows by a flushed block per call
    total = _size(reference)
    points = sorted(random.Random(seed).sample(range(total // 50, total - total // 50), 5))
    trajectory = RunFolder(run).compact_trajectory_path
    kills = 0
    for index, point in enumerate(points):
        proc = subprocess.Popen(
            ref.cli(run, resume=index > 0), env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 600
        while proc.poll() is None and _size(trajectory) < point and time.monotonic() < deadline:
            time.sleep(0.005)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        error = proc.stderr.read().decode(errors="replace")[-3000:] if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        assert proc.returncode in (-signal.SIGKILL, 0), error
        if RunFolder(run).has_trajectory():  # what a kill left is readable: a prefix of the reference, whole lines
            pairs = zip(
                RunFolder(run).iter_trajectory_lines(), RunFolder(ref.run).iter_trajectory_lines(), strict=False
            )
            assert all(ours == theirs for ours, theirs in pairs)
    assert kills >= 5
    done = subprocess.run(ref.cli(run, resume=True), env=_env(), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for name in ("trajectory.jsonl.zst", "events.jsonl.zst", "final.delta.zip", "objectives.json", "run.json"):
        assert _digest(run / name) == _digest(ref.run / name), name
    assert not (run / "trajectory.jsonl").exists()
    assert b"".join(RunFolder(run).iter_trajectory_lines()) == b"".join(RunFolder(ref.run).iter_trajectory_lines())
    final = {p.relative_to(run / "final"): _digest(p) for p in (run / "final").rglob("*") if p.is_file()}
    expected = {p.relative_to(ref.run / "final"): _digest(p) for p in (ref.run / "final").rglob("*") if p.is_file()}
    assert final == expected


def test_sigkill_then_resume_is_byte_identical_standin_agents(standin_run: Reference, tmp_path: Path) -> None:
    _kill_and_resume(standin_run, tmp_path / "run", seed=20260413)


def test_sigkill_then_resume_is_byte_identical_offline_month(month: Reference, tmp_path: Path) -> None:
    _kill_and_resume(month, tmp_path / "run", seed=20260414)


_MESSAGE_TOKENS: dict[str, int] = {}
_TOOLS_TOKENS: dict[str, int] = {}


def _prompt_tokens(request: dict[str, Any]) -> int:
    """``count_tokens`` of a recorded OpenAI-format request (same accounting: per message, per name, priming, tools).

    Consecutive calls resend mostly the same messages, so counts are cached per message (the month has ~10^8
    prompt tokens in total; encoding each once keeps the check fast).
    """
    from synthcomp_agents.models import count_text, tools_tokens
    from synthcomp_agents.models._tokens import REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE, TOKENS_PER_NAME

    total = REPLY_PRIMING_TOKENS
    for message in request["messages"]:
        content = message.get("content")
        key = (
            f"{message.get('role')}|{message.get('name')}|{message.get('tool_call_id')}|"
            f"{content if isinstance(content, str) else json.dumps(content)}|"
            f"{json.dumps(message['tool_calls']) if message.get('tool_calls') else ''}"
        )
        tokens = _MESSAGE_TOKENS.get(key)
        if tokens is None:
            tokens = TOKENS_PER_MESSAGE
            for name, value in message.items():
                if value is None:
                    continue
                tokens += count_text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
                if name == "name":
                    tokens += TOKENS_PER_NAME
            if len(_MESSAGE_TOKENS) > 20000:
                _MESSAGE_TOKENS.clear()
            _MESSAGE_TOKENS[key] = tokens
        total += tokens
    tools = request.get("tools") or []
    key = json.dumps(tools, sort_keys=True)
    if key not in _TOOLS_TOKENS:
        _TOOLS_TOKENS[key] = tools_tokens([t["function"] for t in tools])
    return total + _TOOLS_TOKENS[key]


def _open_in_library(path: Path, kind: str) -> None:
    data = path.read_bytes()
    if kind == "docx":
        import docx

        assert docx.Document(io.BytesIO(data)).paragraphs
    elif kind == "xlsx":
        import openpyxl

        assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    elif kind == "pptx":
        import pptx

        assert len(pptx.Presentation(io.BytesIO(data)).slides) > 0
    elif kind == "pdf":
        import pypdf

        assert len(pypdf.PdfReader(io.BytesIO(data)).pages) > 0
    elif kind == "eml":
        import email
        import email.policy

        assert email.message_from_bytes(data, policy=email.policy.default)["Subject"]
    else:
        assert data.decode("utf-8").strip()


def test_offline_month_is_long_bounded_and_complete(month: Reference) -> None:
    from synthcomp_agents.models import count_tokens
    from synthcomp_agents.objectives import ObjectivePlan

    summary = json.loads((month.run / "run.json").read_text(encoding="utf-8"))
    assert summary["days_simulated"] == MONTH_DAYS and summary["stop_reason"] == "month over"
    budget = summary["token_budget"]
    worker_turns = 0
    for record in RunFolder(month.run).iter_trajectory():
        assert {"role", "request", "response", "usage", "latency_s", "sim_time"} <= set(record)
        if record["role"] != "worker":
            continue
        worker_turns += 1
        tokens = _prompt_tokens(record["request"])
        assert tokens <= budget, f"worker turn {record['turn']}: {tokens} prompt tokens > budget {budget}"
    assert worker_turns == summary["worker_turns"]
    assert count_tokens("x") == 1  # the counter used by the contexts is offline
    plan = ObjectivePlan.from_json((month.run / "objectives.json").read_text(encoding="utf-8"))
    computer = json.loads((month.run / "computer.json").read_text(encoding="utf-8"))
    assert len(computer["monthly_objectives"]) == len(plan.objectives)
    kinds: set[str] = set()
    for line in RunFolder(month.run).iter_event_lines():
        kinds.add(json.loads(line)["kind"])
    assert {"tool", "file", "message", "clock", "segment"} <= kinds
    # a month of work, not of filler: every deliverable goes in after hundreds of calls, and no call repeats one just
    # made with no write between (the scripted worker once spent 2,000 of 2,600 calls re-reading its sources)
    signals = json.loads((month.run / "signals.json").read_text(encoding="utf-8"))
    # at least 15 calls a deliverable: sources read, people asked, drafted in sections, reviewed, submitted
    assert worker_turns >= 15 * len(ObjectivePlan.from_json((month.run / "objectives.json").read_text()).deliverables())
    assert signals["process"]["totals"]["redundant"] <= 0.05 * worker_turns, signals["process"]["totals"]
    assert summary["deliverables_submitted"] == len(plan.deliverables())
    for deliverable in plan.deliverables():
        path = month.run / "final" / deliverable.path
        assert path.is_file(), deliverable.path
        _open_in_library(path, deliverable.kind)
    # every acceptance check of every deliverable passes on the end-state disk (mail read from its Sent folder)
    from synthcomp_agents.signals import audit_plan, collaborator_addresses

    with RunFolder(month.run).final_disk() as disk:
        audits = audit_plan(disk, plan, addresses=collaborator_addresses(computer["collaboration_context"]))
    assert len(audits) == len(plan.deliverables())
    assert sum(len(a.checks) for a in audits) == sum(len(d.acceptance_checks) for d in plan.deliverables())
    failing = [a.summary() for a in audits if not a.passed]
    assert not failing, "deliverables failing their acceptance checks:\n" + "\n".join(failing)


@pytest.mark.libreoffice
def test_offline_month_office_deliverables_open_in_libreoffice(month: Reference, tmp_path: Path) -> None:
    from lo_helpers import SKIP_REASON, convert_to_pdf, find_soffice

    from synthcomp_agents.objectives import ObjectivePlan

    if find_soffice() is None:
        pytest.skip(SKIP_REASON)
    plan = ObjectivePlan.from_json((month.run / "objectives.json").read_text(encoding="utf-8"))
    # named by deliverable id: unique stems, so one batch cannot overwrite a PDF with another of the same name
    files = {
        f"{d.deliverable_id}.{d.kind}": (month.run / "final" / d.path).read_bytes()
        for d in plan.deliverables()
        if d.kind in ("docx", "xlsx", "pptx")
    }
    assert files, "the month has no office deliverables"
    result = convert_to_pdf(files, tmp_path, timeout=600)
    missing = sorted(name for name in files if not (name in result.outputs and result.outputs[name].is_file()))
    assert not missing, f"no PDF for {missing}; problems: {result.failures()}"
    assert result.failures() == []

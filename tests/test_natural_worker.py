"""The natural scripted worker (``--worker-policy natural``): free-form questions without the plan's topic strings,
answers read back into its work, and a reward close to the competent worker's on the same short run."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from synthcomp_agents.cli import app
from synthcomp_agents.models._scripted_natural import human_date, natural_question, split_answers
from synthcomp_agents.simulation import RunFolder

DAYS = 3


def _run(tmp: Path, policy: str) -> Path:
    out = tmp / policy
    result = CliRunner().invoke(
        app, ["run", "--n", "1", "--seed", "0", "--days", str(DAYS), "--worker-policy", policy, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return next((out / "runs").iterdir())


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("natural")
    return {policy: _run(tmp, policy) for policy in ("natural", "competent")}


def _sent_mail(run: Path) -> list[dict[str, Any]]:
    out = []
    for record in RunFolder(run).iter_trajectory():
        if record["role"] != "worker":
            continue
        for call in record["response"].get("tool_calls") or []:
            if call["function"]["name"] == "send_message":
                out.append(json.loads(call["function"]["arguments"]))
    return out


def test_natural_mails_never_use_the_plans_topic_strings_or_ids(runs: dict[str, Path]) -> None:
    plan = json.loads((runs["natural"] / "objectives.json").read_text(encoding="utf-8"))
    topics = {i["topic"] for o in plan["objectives"] for d in o["deliverables"] for i in d["collaborator_inputs"]}
    ids = {d["deliverable_id"] for o in plan["objectives"] for d in o["deliverables"]}
    mails = _sent_mail(runs["natural"])
    questions = [m for m in mails if "?" in m["body"] and not m.get("attachments")]
    assert questions, "the natural worker asked nobody"
    assert any(m["body"].count("?") >= 2 for m in questions), "no mail asks several questions"
    for mail in mails:
        text = f"{mail['subject']}\n{mail['body']}"
        assert not any(t in text for t in topics), text
        assert not any(f"[{i}]" in text or f" {i} " in text for i in ids), text
    competent = _sent_mail(runs["competent"])  # the contrast: the competent worker tags its mail with the ids
    assert any(f"[{i}]" in m["subject"] for m in competent for i in ids)


def test_natural_reward_is_within_005_of_the_competent_worker(runs: dict[str, Path]) -> None:
    rewards = {
        p: json.loads((r / "signals.json").read_text(encoding="utf-8"))["outcome"]["reward"] for p, r in runs.items()
    }
    assert abs(rewards["natural"] - rewards["competent"]) <= 0.05, rewards


def test_questions_answers_and_dates_read_like_a_person() -> None:
    question = natural_question("Site staff: figures")
    assert "Site staff: figures" not in question and "site staff figures" in question and question.endswith(".")
    assert re.match(r"^And has the", natural_question("Per-patient budgets: deadline", 1))
    body = "Hi Elise,\n\n1. The audit moved to 2026-02-14.\n\n2. I don't know about that.\n\nBest,\nAngus"
    assert split_answers(body, ["Audit: deadline", "Budget: decision"]) == [
        "The audit moved to 2026-02-14.",
        "I don't know about that.",
    ]
    assert human_date("moved to 2026-02-14.") == "moved to 14 February 2026."


def test_waiting_uses_the_wait_tool_when_the_workbench_has_one() -> None:
    from synthcomp_agents.models._scripted_natural import NaturalWorkerPolicy

    assert NaturalWorkerPolicy._wait({"wait": {"minutes"}, "check_inbox": set()}) == ["wait", {"minutes": 60}]
    assert NaturalWorkerPolicy._wait({"wait": set()}) == ["wait", {}]
    assert NaturalWorkerPolicy._wait({"check_inbox": {"unread_only"}}) == ["check_inbox", {"unread_only": True}]

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
from synthcomp_agents.models._scripted_natural import human_date, natural_question
from synthcomp_agents.models._scripted_text import split_answers
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
        # the brief's words taken apart, not pasted: "What is new on the the deadline for the quote ...?"
        assert not re.search(r"\b(\w+) \1\b", text, re.IGNORECASE), text
        assert not re.search(r"\bon the (?:deadline|decision|current figures) (?:for|on)\b", text), text
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
    answers = split_answers(body, ["Audit: deadline", "Budget: decision"])
    assert [a.text if a else None for a in answers] == ["The audit moved to 2026-02-14.", "I don't know about that."]
    assert answers[1] is not None and answers[1].unknown
    assert human_date("moved to 2026-02-14.") == "moved to 14 February 2026."


def test_waiting_uses_the_wait_tool_when_the_workbench_has_one() -> None:
    from synthcomp_agents.models._scripted_natural import NaturalWorkerPolicy

    assert NaturalWorkerPolicy._wait({"wait": {"minutes"}, "check_inbox": set()}) == ["wait", {"minutes": 60}]
    # an answer is owed: wait longer (the tool stops at the next mail), but not past my own deadlines
    assert NaturalWorkerPolicy._wait({"wait": {"minutes"}}, expecting=True) == ["wait", {"minutes": 120}]
    assert NaturalWorkerPolicy._wait({"wait": set()}) == ["wait", {}]
    assert NaturalWorkerPolicy._wait({"check_inbox": {"unread_only"}}) == ["check_inbox", {"unread_only": True}]


def test_replies_are_read_answer_by_answer_not_by_their_longest_line() -> None:
    """Issue 15: the answer is the sentence(s) answering, without greeting, framing, sign-off or quoted mail; a
    repeat ("Nothing new since my last mail: ...") is the fact itself, marked as repeated."""
    from synthcomp_agents.models._scripted_text import reply_answers
    from synthcomp_agents.models._scripted_worker import _substance

    long_style = (
        "Dear Elise,\n\nTaking your questions in turn:\n\n1. The site staff deadline is 14 February 2026.\n\n"
        "2. Nothing new since my last mail: the per-patient budget is EUR 4,150 per patient.\n\n"
        "A bit of background on how I see it: these are the current positions on my side, some of them agreed in "
        "conversations that never made it into a document, which is why I would rather you have them now.\n\n"
        "That is everything I have at the moment; I will tell you if any of it changes.\n\nKind regards,\nAngus"
        "\n\nOn Tue 06 Jan 2026, Elise Heffron wrote:\n> What is the latest on the deadline for the site staff and "
        "the per-patient budgets, including everything the sponsor said in the long call last week?"
    )
    answers = reply_answers(long_style)
    assert [(a.number, a.text, a.repeated) for a in answers] == [
        (1, "The site staff deadline is 14 February 2026.", False),
        (2, "The per-patient budget is EUR 4,150 per patient.", True),
    ]
    topics = ["Site staff: deadline", "Per-patient budgets: figures"]
    assert [a.text for a in split_answers(long_style, topics) if a] == [a.text for a in answers]
    # one question: the answer, not the quoted question or the background paragraph (both longer)
    single = (
        long_style.replace("1. ", "").split("\n\n2. ")[0]
        + "\n\nBest,\nAngus\n\nOn Mon, Elise wrote:\n> "
        + ("a long quoted question " * 8)
    )
    assert _substance(single, "Elise") == "The site staff deadline is 14 February 2026."
    terse = "The audit moved to 3 March.\n\n- Dana"
    assert _substance(terse, "Elise") == "The audit moved to 3 March."
    unsure = "Hi Elise!\n\nI don't know about that (the venue); it is not something I have.\n\nThe venue is Hall B."
    unsure += "\n\nCheers,\nDana"
    assert _substance(unsure, "Elise") == "The venue is Hall B."
    bulleted = "Hi Elise,\n\n- 1. The budget is 1.2 million.\n- 2. I don't know about the venue.\n\nBest,\nCaroline"
    assert [(a.number, a.unknown) for a in reply_answers(bulleted)] == [(1, False), (2, True)]
    repeat = "Hi Elise,\n\nNothing new since my last mail: the audit moved to 3 March.\n\nBest,\nDana"
    (only,) = reply_answers(repeat)
    assert only.repeated and only.text == "The audit moved to 3 March."
    assert "Nothing new" not in _substance(repeat, "Elise")

"""The scripted worker over several simulated days, without the orchestration: a loop of fresh agents per day."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from autogen_agentchat.messages import TextMessage
from autogen_core import CancellationToken

from synthcomp_agents.agents import build_participants
from synthcomp_agents.models import TrajectoryWriter, count_text, tools_tokens
from synthcomp_agents.models._tokens import REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE
from synthcomp_agents.objectives import example_plan
from synthcomp_agents.office import evaluate_workbook, extract_text
from synthcomp_agents.testing import demo_world

BUDGET = 16000
STEEL = "Documents/Procurement/Steel_Contracts_2026"


def _request_tokens(request: dict[str, Any]) -> int:
    """count_tokens of a recorded OpenAI-format request (same accounting as synthcomp_agents.models.count_tokens)."""
    total = REPLY_PRIMING_TOKENS
    for message in request["messages"]:
        total += TOKENS_PER_MESSAGE
        for key, value in message.items():
            total += count_text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
            total += 1 if key == "name" else 0
    return total + tools_tokens([t["function"] for t in request.get("tools", [])])


async def _run_days(days: int, tmp_path: Path) -> tuple[Any, list[dict[str, Any]]]:
    world = demo_world(days=15, world_id=f"t-policy-{days}")
    plan = example_plan()
    due = {"o1-d1": 2, "o1-d2": 3, "o2-d1": 4}  # tight deadlines: the worker paces by effort but meets due days
    for objective in plan.objectives:
        for d in objective.deliverables:
            d.due_day = due.get(d.deliverable_id, d.due_day)
    world.plan = plan
    recorder = TrajectoryWriter(tmp_path / "trajectory.jsonl")
    state: Any = None
    for day in range(days):
        people = build_participants(world, None, recorder=recorder, token_budget=BUDGET, max_tool_iterations=30)
        if state is not None:
            await people.worker.load_state(state)
        messages = [TextMessage(content=world.start_day(), source="user")]
        for _ in range(40):
            await people.worker.on_messages(messages, CancellationToken())
            messages = []
            for ident in world.pending_collaborators():
                await people.collaborators[ident].on_messages([], CancellationToken())
            if world.day_ended:
                break
        assert world.day_ended, f"day {day + 1} did not end"
        state = await people.worker.save_state()
        world.clock.end_day()
    lines = [json.loads(line) for line in (tmp_path / "trajectory.jsonl").read_text().splitlines()]
    return world, lines


@pytest.mark.asyncio
async def test_worker_month_start_is_grounded_consulted_and_bounded(tmp_path: Path) -> None:
    world, lines = await _run_days(4, tmp_path)
    worker = [line for line in lines if line["role"] == "worker"]
    calls = [(n, c["function"]["name"], json.loads(c["function"]["arguments"]))
             for n, line in enumerate(worker) for c in (line["response"]["tool_calls"] or [])]  # fmt: skip
    # plausible volume of work: dozens of calls a day, none repeating the previous call (no loops of re-reading)
    assert len(worker) >= 4 * 25
    repeats = [n for n in range(1, len(calls)) if calls[n][1:] == calls[n - 1][1:] and calls[n][1] != "wait"]
    assert not repeats, [calls[n] for n in repeats[:3]]
    # prompts stay within the budget at every call (recount from the recorded request, and the usage)
    assert max(_request_tokens(line["request"]) for line in worker) <= BUDGET
    assert max(line["usage"]["prompt_tokens"] for line in worker) <= BUDGET
    # deliverables were submitted and open in their libraries
    assert {"o1-d1", "o1-d2", "o2-d1"} <= set(world.submissions)
    memo = world.disk.read_bytes(f"{STEEL}/Q1_Steel_Spend_Memo.docx")
    figures = world.disk.read_bytes(f"{STEEL}/Q1_Steel_Figures.xlsx")
    deck = world.disk.read_bytes(f"{STEEL}/Consolidation_Deck.pptx")
    import docx
    import openpyxl
    import pptx

    docx.Document(io.BytesIO(memo))
    openpyxl.load_workbook(io.BytesIO(figures))
    assert len(pptx.Presentation(io.BytesIO(deck)).slides) >= 4
    # grounding: the tracker was read before the memo was written
    first_read = min(n for n, name, a in calls if name == "read_file" and "Tracker" in a.get("path", ""))
    first_write = min(n for n, name, a in calls if name == "create_document")
    assert first_read < first_write
    # numbers quoted exactly as the workbook computes them
    memo_text = extract_text("memo.docx", memo)
    assert "1,465,552.50" in memo_text
    values = next(iter(evaluate_workbook(figures).values()))  # the worker's own overview sheet comes first
    assert 1465552.5 in values.values() and 1828 in values.values()
    # a collaborator was asked, and the fact only she knows is in the deliverable
    asked = [a for _, name, a in calls if name == "send_message" and a["to"] == ["petra_lang"]]
    assert asked and asked[0]["subject"].startswith("Question:")
    assert "credit note of EUR 18,400" in memo_text
    deck_text = extract_text("deck.pptx", deck)
    assert "1 July 2026" in deck_text  # Klaus's decision
    # reviewed by mail (sent_to) and approved before submission
    sent = [s for s in world.mailbox.sent() if "Review:" in s.subject]
    assert sent and sent[0].attachments == ["Q1_Steel_Spend_Memo.docx"]
    # the journal is the memory across days
    journal = world.disk.read_text(world.journal_path)
    assert "o1-d1: noted #0 = 1,465,552.50 (Total q1 value (eur); By supplier sheet, B7)" in journal
    assert "o1-d1: petra_lang says: Kessler Stahl will issue a credit note" in journal
    assert "o1-d1: submitted" in journal and journal.count("End of day") == 4
    # working notes grow by what is new, as a person appends to them: no line is written down twice
    notes = {a["path"] for _, name, a in calls if name == "write_text_file" and "Working notes" in a["path"]}
    assert notes
    for path in notes:
        bullets = [x for x in world.disk.read_text(path.removeprefix("~/")).splitlines() if x.startswith("- ")]
        assert len(bullets) == len(set(bullets)), (path, bullets)
    # every day started by reading the journal (after day 1)
    morning = [a for _, name, a in calls if name == "read_file" and a.get("path", "").endswith("Work Journal.md")]
    assert len(morning) >= 3

    # a fresh worker without its context (no memo) recovers the state from the journal
    recorder = TrajectoryWriter(tmp_path / "trajectory2.jsonl")
    # no state loaded: no memo; one agent turn of up to 40 calls (in a simulation a turn is one call)
    people = build_participants(world, None, recorder=recorder, token_budget=BUDGET, max_tool_iterations=40)
    done_before = set(world.submissions)
    await people.worker.on_messages([TextMessage(content=world.start_day(), source="user")], CancellationToken())
    lines = [json.loads(line) for line in (tmp_path / "trajectory2.jsonl").read_text().splitlines()]
    first_calls = [c["function"]["name"] for line in lines[:3] for c in (line["response"]["tool_calls"] or [])]
    assert first_calls[0] == "read_file"  # the journal
    thoughts = " ".join(line["response"].get("thought") or "" for line in lines)
    for did in done_before:
        assert f'"{did}"' in thoughts  # submitted work is known again from the journal

"""The scripted worker's memo rides as what changed since its latest full copy (issue 15: the history a model sees
must not carry the policy's whole state in every message)."""

from __future__ import annotations

import json
import random
from typing import Any

from autogen_core import FunctionCall
from autogen_core.models import (
    AssistantMessage,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    LLMMessage,
    UserMessage,
)

from synthcomp_agents.models._scripted_text import (
    MEMO_DELTA_MARK,
    MEMO_MARK,
    find_memo,
    memo_diff,
    memo_patch,
    memo_thought,
)


def _stamp(n: int) -> str:
    return f"2026-01-06 {9 + n // 60:02d}:{n % 60:02d}"


def _step(memo: dict[str, Any], rng: random.Random, n: int) -> dict[str, Any]:
    memo = {**memo, "k": n, "clk": _stamp(n), "ds": dict(memo["ds"])}
    queue = list(memo["mq"])
    if queue and rng.random() < 0.5:
        queue.pop(0)
    if rng.random() < 0.4:
        queue.append(["read_file", {"path": f"~/f{n}.md"}])
    memo["mq"] = queue
    did = f"d{rng.randrange(3)}"
    ds = dict(memo["ds"].get(did, {}))
    ds["t"] = int(ds.get("t", 0)) + rng.randrange(1, 9)
    if rng.random() < 0.2:
        ds.pop("x", None)
    else:
        ds["x"] = n
    memo["ds"][did] = ds
    if rng.random() < 0.1:
        memo["ds"].pop(did)
    return memo


def _run(steps: int, seed: int) -> tuple[list[LLMMessage], list[dict[str, Any]]]:
    rng = random.Random(seed)
    messages: list[LLMMessage] = [UserMessage(content="Good morning.", source="user")]
    memo: dict[str, Any] = {
        "k": 0,
        "mq": [],
        "ds": {},
        "clk": "",
        "pre": {f"p{i}": ["m0000{i}", _stamp(i)] for i in range(5)},
    }
    memos = []
    for n in range(1, steps + 1):
        memo = _step(memo, rng, n)
        thought = memo_thought("Working on it." if n % 4 else "Journal.", memo, messages)
        call = FunctionCall(id=f"call_{n}", name="read_file", arguments='{"path": "~/a.md"}')
        messages.append(AssistantMessage(content=[call], thought=thought, source="worker"))
        clock = f"[clock] Tue 06 Jan {_stamp(n + 1)[11:]} | day 1/20 | 0 unread | took 3 min"
        body = "x" * rng.randrange(50, 2000) + "\n" + clock
        result = FunctionExecutionResult(call_id=call.id, content=body, name="read_file", is_error=False)
        messages.append(FunctionExecutionResultMessage(content=[result]))
        memos.append(memo)
    return messages, memos


def test_diff_and_patch_round_trip() -> None:
    rng = random.Random(3)
    memo: dict[str, Any] = {"k": 0, "mq": [], "ds": {}, "clk": ""}
    for n in range(1, 200):
        new = _step(memo, rng, n)
        assert memo_patch(memo, memo_diff(memo, new)) == new
        memo = new


def test_every_memo_is_recovered_from_the_history() -> None:
    messages, memos = _run(120, seed=1)
    for n in range(1, len(memos) + 1):
        index, memo = find_memo(messages[: 1 + 2 * n])
        assert index == 2 * n - 1
        assert memo == memos[n - 1]


def test_most_messages_carry_only_the_change_and_the_note_once() -> None:
    messages, _ = _run(120, seed=2)
    thoughts = [m.thought or "" for m in messages if isinstance(m, AssistantMessage)]
    full = [t for t in thoughts if MEMO_MARK in t]
    deltas = [t for t in thoughts if MEMO_DELTA_MARK in t]
    assert len(full) + len(deltas) == len(thoughts)
    assert len(full) <= 12, len(full)  # full copies only now and then (more often early, as the history grows)
    assert sum(map(len, deltas)) / len(deltas) < 0.5 * sum(map(len, full)) / len(full)
    assert any(t.startswith(MEMO_DELTA_MARK) for t in deltas)  # a note repeating the last one is left out


def test_full_memo_stays_visible_when_the_oldest_messages_go() -> None:
    """Dropping the oldest third of the history (what a bounded context does a unit at a time) keeps a full memo."""
    messages, memos = _run(150, seed=4)
    for cut in range(1, 100, 2):
        window = messages[:1] + messages[1 + 2 * cut :]  # the kickoff stays, the oldest units go
        kept = sum(len(str(m.content)) for m in window)
        total = sum(len(str(m.content)) for m in messages)
        if kept < total * 2 // 3:
            break
        _, memo = find_memo(window)
        assert memo == memos[-1]


def test_changes_without_their_full_memo_are_no_memo() -> None:
    messages, _ = _run(30, seed=5)
    deltas_only = [m for m in messages if not (isinstance(m, AssistantMessage) and MEMO_MARK in (m.thought or ""))]
    assert find_memo(deltas_only) == (-1, None)


def test_deliverables_on_the_same_sources_share_what_was_read_in_one_copy() -> None:
    """Two deliverables grounded on the same files hold the same rows and excerpts: the memo writes them once and
    refers to them from the other, in full copies and in changes, and reads back the same memo."""
    rows = [[f"Account {n}", f"{n * 7}.0%"] for n in range(6)]
    excerpt = [["plan.pptx", "This plan is sized on 129 meetings booked for Sep-Nov 2025."]]
    first: dict[str, Any] = {"k": 1, "mq": [], "clk": _stamp(1), "ds": {"d1": {"tab": rows, "ex": excerpt, "t": 4}}}
    messages: list[LLMMessage] = [UserMessage(content="Good morning.", source="user")]
    memos = []
    memo = first
    for n in range(1, 40):
        if n == 5:  # the sibling starts from what the first read
            memo = {**memo, "ds": {**memo["ds"], "d2": {"tab": rows, "ex": excerpt, "t": 0}}}
        memo = {**memo, "k": n, "clk": _stamp(n)}
        thought = memo_thought("Working on it.", memo, messages)
        call = FunctionCall(id=f"call_{n}", name="read_file", arguments='{"path": "~/a.md"}')
        messages.append(AssistantMessage(content=[call], thought=thought, source="worker"))
        clock = f"[clock] Tue 06 Jan {_stamp(n + 1)[11:]} | day 1/20 | 0 unread | took 3 min"
        result = FunctionExecutionResult(
            call_id=call.id, content="x" * 900 + "\n" + clock, name="read_file", is_error=False
        )
        messages.append(FunctionExecutionResultMessage(content=[result]))
        memos.append(memo)
        assert find_memo(messages)[1] == memo
    thoughts = [m.thought or "" for m in messages if isinstance(m, AssistantMessage)]
    shared = [t for t in thoughts[4:] if MEMO_MARK in t]
    assert shared, "a full copy after the sibling started"
    for text in shared:
        body = json.loads(text.split(MEMO_MARK, 1)[1])
        assert body["ds"]["d2"]["tab"] == {"$same": "d1"} and body["ds"]["d1"]["tab"] == rows
    assert '{"$same":"d1"}' in thoughts[4]  # the change that starts the sibling refers to the first one's rows

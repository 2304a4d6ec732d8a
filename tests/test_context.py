"""BoundedChatCompletionContext: budget, call/result pairing, summary, bounded state, O(1) per turn."""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any

import pytest
from autogen_core import FunctionCall
from autogen_core.model_context import ChatCompletionContext
from autogen_core.models import (
    AssistantMessage,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    LLMMessage,
    SystemMessage,
    UserMessage,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthcomp_agents.models import _context as context_module
from synthcomp_agents.models import count_tokens
from synthcomp_agents.simulation import SUMMARY_SOURCE, BoundedChatCompletionContext

WORDS = [
    "budget",
    "forecast",
    "revenue",
    "churn",
    "headcount",
    "vendor",
    "milestone",
    "risk",
    "audit",
    "draft",
    "quarter",
    "region",
]


def _text(rng: random.Random, n_words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n_words)) + "."


def _turn(rng: random.Random, i: int) -> list[LLMMessage]:
    """One worker step: a tool call + result (70%), a text reply, or a message from a collaborator."""
    r = rng.random()
    if r < 0.7:
        n = 1 if rng.random() < 0.8 else 2
        calls = [
            FunctionCall(
                id=f"c{i}_{k}",
                name=rng.choice(["read_file", "write_document", "list_folder", "send_message"]),
                arguments=json.dumps(
                    {"path": f"Documents/file_{i % 50}.md", "content": _text(rng, rng.randint(1, 80))}
                ),
            )
            for k in range(n)
        ]
        results = [
            FunctionExecutionResult(
                content=_text(rng, rng.randint(1, 600)), call_id=c.id, name=c.name, is_error=rng.random() < 0.05
            )
            for c in calls
        ]
        return [AssistantMessage(content=calls, source="worker"), FunctionExecutionResultMessage(content=results)]
    if r < 0.85:
        return [AssistantMessage(content=_text(rng, rng.randint(3, 120)), source="worker")]
    return [UserMessage(content=_text(rng, rng.randint(3, 200)), source="dana_lee")]


def check_invariants(messages: list[LLMMessage], budget: int, reserve: int = 0) -> None:
    assert count_tokens(messages) + reserve <= budget
    non_system = [m for m in messages if not isinstance(m, SystemMessage)]
    assert non_system, "the context must never be empty"
    assert isinstance(non_system[0], UserMessage)
    assert all(isinstance(m, SystemMessage) for m in messages[: len(messages) - len(non_system)])
    for i, m in enumerate(messages):
        if isinstance(m, FunctionExecutionResultMessage):
            prev = messages[i - 1]
            assert isinstance(prev, AssistantMessage) and not isinstance(prev.content, str)
            assert {r.call_id for r in m.content} <= {c.id for c in prev.content}
        if isinstance(m, AssistantMessage) and not isinstance(m.content, str) and i + 1 < len(messages):
            nxt = messages[i + 1]
            assert isinstance(nxt, FunctionExecutionResultMessage), "a tool call was separated from its result"


@pytest.mark.asyncio
async def test_3000_messages_budget_pairing_bounded_state_and_constant_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    # cost is counted, not timed (the machine is shared): tokenisations of a message or text per message added
    tokenised = [0]
    for name in ("message_tokens", "count_text"):
        original = getattr(context_module, name)

        def counting(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            tokenised[0] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(context_module, name, counting)
    budget = 4000
    ctx = BoundedChatCompletionContext(token_budget=budget, summary_budget=600)
    rng = random.Random(7)
    added, i = 0, 0
    block_costs: list[float] = []
    state_sizes: list[int] = []
    block_start, block_added = tokenised[0], 0
    while added < 3000:
        batch = _turn(rng, i)
        i += 1
        for m in batch:
            await ctx.add_message(m)
        msgs = await ctx.get_messages()  # what the agent does every turn
        added += len(batch)
        block_added += len(batch)
        if i % 25 == 0:
            check_invariants(msgs, budget)
            assert ctx.prompt_tokens() == count_tokens(msgs)
        if block_added >= 500:
            block_costs.append((tokenised[0] - block_start) / block_added)
            state_sizes.append(len(json.dumps(await ctx.save_state())))
            block_start, block_added = tokenised[0], 0
    assert ctx.dropped_messages > 2000
    # state is bounded by the window: the last checkpoint is no bigger than ~ the first full window's
    assert max(state_sizes) < 60_000 and state_sizes[-1] <= 1.5 * max(state_sizes[:2])
    # per-message cost does not grow with history (O(1) amortized): late blocks tokenise no more than early ones
    early, late = max(block_costs[:2]), max(block_costs[-2:])
    assert early > 0 and late <= 1.5 * early, (block_costs, state_sizes)


@pytest.mark.asyncio
async def test_default_budget_16k_holds_with_large_results() -> None:
    ctx = BoundedChatCompletionContext()  # 16,000 tokens
    rng = random.Random(3)
    for i in range(300):
        call = FunctionCall(id=f"r{i}", name="read_document", arguments=json.dumps({"path": f"Reports/r{i}.docx"}))
        await ctx.add_message(UserMessage(content=_text(rng, 20), source="user"))
        await ctx.add_message(AssistantMessage(content=[call], source="worker"))
        big = _text(rng, rng.choice([50, 2000, 12000]))  # up to ~12k tokens in one result
        await ctx.add_message(
            FunctionExecutionResultMessage(
                content=[FunctionExecutionResult(content=big, call_id=call.id, name=call.name)]
            )
        )
        if i % 30 == 0:
            check_invariants(await ctx.get_messages(), 16000)
    call = FunctionCall(id="last", name="read_document", arguments=json.dumps({"path": "Reports/huge.docx"}))
    await ctx.add_message(AssistantMessage(content=[call], source="worker"))
    await ctx.add_message(
        FunctionExecutionResultMessage(
            content=[FunctionExecutionResult(content=_text(rng, 30000), call_id="last", name=call.name)]
        )
    )
    msgs = await ctx.get_messages()
    check_invariants(msgs, 16000)
    last = msgs[-1]
    assert isinstance(last, FunctionExecutionResultMessage) and "tokens omitted" in last.content[0].content


@pytest.mark.asyncio
async def test_summary_is_user_message_with_files_mail_and_notes() -> None:
    ctx = BoundedChatCompletionContext(token_budget=700, summary_budget=300, keep_recent_min=2)
    await ctx.add_message(UserMessage(content="Prepare the Q3 board pack. Use the finance export.", source="user"))
    calls = [
        ("read_file", {"path": "Finance/q3_export.xlsx"}),
        ("create_document", {"path": "Board/q3_pack.docx", "title": "Q3 board pack", "markdown": "x" * 50}),
        ("send_message", {"to": "dana@acme.test", "subject": "Q3 churn numbers"}),
    ]
    for k, (name, args) in enumerate(calls * 10):
        call = FunctionCall(id=f"c{k}", name=name, arguments=json.dumps(args))
        await ctx.add_message(AssistantMessage(content=[call], source="worker"))
        await ctx.add_message(
            FunctionExecutionResultMessage(
                content=[FunctionExecutionResult(content="ok " * 30, call_id=call.id, name=name)]
            )
        )
    msgs = await ctx.get_messages()
    check_invariants(msgs, 700)
    summary = msgs[0]
    assert isinstance(summary, UserMessage) and summary.source == SUMMARY_SOURCE
    assert isinstance(summary.content, str)
    for needle in ("Finance/q3_export.xlsx", "Board/q3_pack.docx", "dana@acme.test", "Q3 board pack"):
        assert needle in summary.content
    assert not any(isinstance(m, SystemMessage) for m in msgs)


@pytest.mark.asyncio
async def test_state_round_trip_and_component() -> None:
    ctx = BoundedChatCompletionContext(token_budget=900, summary_budget=200, pin_first_user_message=True)
    rng = random.Random(11)
    await ctx.add_message(UserMessage(content="Task: finish the vendor audit by Friday.", source="user"))
    for i in range(120):
        for m in _turn(rng, i):
            await ctx.add_message(m)
    before = await ctx.get_messages()
    assert before[0].content == "Task: finish the vendor audit by Friday."
    state = json.loads(json.dumps(await ctx.save_state()))
    loaded = ChatCompletionContext.load_component(ctx.dump_component())
    assert isinstance(loaded, BoundedChatCompletionContext)
    assert loaded.dump_component().provider == "synthcomp_agents.simulation.BoundedChatCompletionContext"
    await loaded.load_state(state)
    after = await loaded.get_messages()
    assert [m.model_dump() for m in after] == [m.model_dump() for m in before]
    check_invariants(after, 900)
    await loaded.clear()
    assert await loaded.get_messages() == []


@pytest.mark.asyncio
async def test_memory_system_messages_are_pinned_and_deduplicated() -> None:
    ctx = BoundedChatCompletionContext(token_budget=800, summary_budget=150)
    for i in range(50):
        await ctx.add_message(UserMessage(content=f"message {i}", source="user"))
        await ctx.add_message(SystemMessage(content="Relevant memory: Dana owns the churn model."))
        await ctx.add_message(AssistantMessage(content=f"ack {i}", source="worker"))
    msgs = await ctx.get_messages()
    assert sum(isinstance(m, SystemMessage) for m in msgs) == 1 and isinstance(msgs[0], SystemMessage)
    check_invariants(msgs, 800)


@pytest.mark.asyncio
async def test_orphan_results_and_dangling_calls_never_reach_the_prompt() -> None:
    ctx = BoundedChatCompletionContext(token_budget=600, summary_budget=100)
    await ctx.add_message(UserMessage(content="start", source="user"))
    await ctx.add_message(
        FunctionExecutionResultMessage(content=[FunctionExecutionResult(content="stray", call_id="zz", name="x")])
    )
    await ctx.add_message(
        AssistantMessage(content=[FunctionCall(id="a", name="read_file", arguments="{}")], source="worker")
    )
    await ctx.add_message(UserMessage(content="interrupt", source="user"))  # call "a" never got a result
    msgs = await ctx.get_messages()
    check_invariants(msgs, 600)
    assert not any(isinstance(m, (FunctionExecutionResultMessage,)) for m in msgs)
    assert ctx.dropped_messages == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    budget=st.integers(min_value=700, max_value=3000),
    keep=st.integers(min_value=1, max_value=6),
    reserve=st.integers(min_value=0, max_value=200),
    ops=st.lists(
        st.tuples(st.sampled_from(["user", "text", "call", "calls2", "system"]), st.integers(0, 900)),
        min_size=1,
        max_size=60,
    ),
)
def test_invariants_hold_for_random_sequences(budget: int, keep: int, reserve: int, ops: list[tuple[str, int]]) -> None:
    async def run() -> None:
        ctx = BoundedChatCompletionContext(
            token_budget=budget, keep_recent_min=keep, summary_budget=120, reserve_tokens=reserve
        )
        rng = random.Random(budget)
        await ctx.add_message(UserMessage(content="Kick-off: the month starts.", source="user"))
        for n, (kind, size) in enumerate(ops):
            words = _text(rng, size)
            if kind == "user":
                await ctx.add_message(UserMessage(content=words, source="tom"))
            elif kind == "text":
                await ctx.add_message(AssistantMessage(content=words, source="worker"))
            elif kind == "system":
                await ctx.add_message(SystemMessage(content=f"memory {size % 3}"))
            else:
                calls = [
                    FunctionCall(id=f"{n}_{k}", name="write_file", arguments=json.dumps({"path": "a", "t": words}))
                    for k in range(2 if kind == "calls2" else 1)
                ]
                await ctx.add_message(AssistantMessage(content=calls, source="worker"))
                await ctx.add_message(
                    FunctionExecutionResultMessage(
                        content=[FunctionExecutionResult(content=words * 2, call_id=c.id, name=c.name) for c in calls]
                    )
                )
            msgs = await ctx.get_messages()
            check_invariants(msgs, budget, reserve)
            assert ctx.prompt_tokens() == count_tokens(msgs)
        state = json.loads(json.dumps(await ctx.save_state()))
        other = BoundedChatCompletionContext(
            token_budget=budget, keep_recent_min=keep, summary_budget=120, reserve_tokens=reserve
        )
        await other.load_state(state)
        check_invariants(await other.get_messages(), budget, reserve)

    asyncio.run(run())


@pytest.mark.asyncio
async def test_the_summarys_share_is_free_until_the_first_compaction() -> None:
    """Before anything is dropped there is no summary: its budget serves the conversation (a context of 1,000 tokens
    with a 300-token summary share keeps ~950 tokens of messages whole); once it compacts, messages and summary
    together stay under the budget."""
    budget, share = 1000, 300
    ctx = BoundedChatCompletionContext(token_budget=budget, summary_budget=share, keep_recent_min=2)
    rng = random.Random(3)
    await ctx.add_message(UserMessage(content="Kick-off: the month starts.", source="user"))
    sent = 0
    while True:
        await ctx.add_message(AssistantMessage(content=_text(rng, 40), source="worker"))
        msgs = await ctx.get_messages()
        if any(getattr(m, "source", "") == SUMMARY_SOURCE for m in msgs):
            break
        sent = count_tokens(msgs)
    assert sent > budget - share, f"compacted at {sent} tokens: the summary's share was held back while unused"
    for _ in range(40):
        await ctx.add_message(AssistantMessage(content=_text(rng, 40), source="worker"))
        msgs = await ctx.get_messages()
        assert count_tokens(msgs) <= budget
        assert isinstance(msgs[0], UserMessage) and msgs[0].source == SUMMARY_SOURCE

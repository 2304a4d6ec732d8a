"""A compacted worker context keeps the day's brief and the worker's own notes, and never rewrites a call's format."""

from __future__ import annotations

import asyncio
import json

from autogen_core import FunctionCall
from autogen_core.models import (
    AssistantMessage,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    SystemMessage,
    UserMessage,
)

from synthcomp_agents.agents import WorkerAgent
from synthcomp_agents.models import SUMMARY_SOURCE, BoundedChatCompletionContext, ScriptedPolicyClient
from synthcomp_agents.testing import demo_world


def _turn(ctx: BoundedChatCompletionContext, n: int, name: str, args: dict[str, object], result: str) -> None:
    call = FunctionCall(id=f"c{n}", name=name, arguments=json.dumps(args))
    asyncio.run(ctx.add_message(AssistantMessage(content=[call], source="worker")))
    asyncio.run(
        ctx.add_message(
            FunctionExecutionResultMessage(
                content=[FunctionExecutionResult(content=result, call_id=f"c{n}", name=name, is_error=False)]
            )
        )
    )


def test_compaction_keeps_the_brief_and_own_notes_in_the_same_call_format() -> None:
    ctx = BoundedChatCompletionContext(
        token_budget=2500, keep_recent_min=2, summary_budget=400, keep_latest_user_message=True
    )
    asyncio.run(ctx.add_message(SystemMessage(content="You are Ana.")))
    asyncio.run(ctx.add_message(UserMessage(content="Good morning, Ana. Day 1 brief: budget first.", source="user")))
    _turn(ctx, 0, "append_journal", {"entry": "Travel line is EUR 12,400 (Budget.xlsx B7)."}, "Journal updated.")
    for n in range(1, 30):
        big: dict[str, object] = {"path": f"~/Documents/r{n}.md", "content": "word " * 900}
        _turn(ctx, n, "write_text_file", big, "Wrote it.\n[clock] Mon 13 Apr 10:00 | day 1/20 | 0 unread")
    messages = asyncio.run(ctx.get_messages())
    texts = [m.content for m in messages if isinstance(m, UserMessage)]
    assert any("Day 1 brief" in t for t in texts if isinstance(t, str))  # the day's brief is still in view
    summary = next(m for m in messages if isinstance(m, UserMessage) and m.source == SUMMARY_SOURCE)
    assert "My own notes" in summary.content and "EUR 12,400 (Budget.xlsx B7)" in str(summary.content)
    # order kept: system, brief, (summary), then the newest turns
    assert isinstance(messages[0], SystemMessage)
    for message in messages:
        if isinstance(message, AssistantMessage) and isinstance(message.content, list):
            for call in message.content:
                args = json.loads(call.arguments)
                assert "_truncated_arguments" not in call.arguments
                assert set(args) <= {"path", "content"} and args["path"].startswith("~/Documents/r")
    # a new brief replaces the old one as the message that stays
    asyncio.run(ctx.add_message(UserMessage(content="Good morning, Ana. Day 2 brief.", source="user")))
    for n in range(30, 45):
        _turn(ctx, n, "read_file", {"path": f"~/Documents/r{n}.md"}, "text " * 600)
    texts = [str(m.content) for m in asyncio.run(ctx.get_messages()) if isinstance(m, UserMessage)]
    assert any("Day 2 brief" in t for t in texts) and not any("Day 1 brief" in t for t in texts)


def test_worker_context_keeps_the_brief_and_drops_unneeded_tool_groups() -> None:
    from synthcomp_agents.objectives import example_plan

    world = demo_world(world_id="ctx-keeps")
    plan = example_plan()
    first = plan.objectives[0].model_copy(update={"deliverables": plan.objectives[0].deliverables[:1]})
    world.plan = plan.model_copy(update={"objectives": [first]})
    worker = WorkerAgent(world, ScriptedPolicyClient(role="worker"))
    names = [s["name"] for s in worker.sim_workbench.schemas()]
    assert "wait" in names and "create_document" in names
    assert not {"create_presentation", "edit_presentation", "create_spreadsheet", "edit_spreadsheet"} & set(names)
    assert all(
        "strict" not in s and "additionalProperties" not in json.dumps(s) for s in worker.sim_workbench.schemas()
    )
    assert worker._prompt_context.history.config.keep_latest_user_message
    world.close()

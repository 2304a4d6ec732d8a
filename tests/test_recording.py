"""RecordingChatCompletionClient + TrajectoryWriter/EventWriter: OpenAI-format lines, components, truncate_to."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from autogen_core import FunctionCall
from autogen_core.models import (
    AssistantMessage,
    ChatCompletionClient,
    CreateResult,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    RequestUsage,
    SystemMessage,
    UserMessage,
)
from autogen_ext.models.replay import ReplayChatCompletionClient

from synthcomp_agents.models import EventWriter, RecordingChatCompletionClient, TrajectoryWriter

MODEL_INFO: Any = {
    "vision": False,
    "function_calling": True,
    "json_output": False,
    "family": "unknown",
    "structured_output": False,
}
TOOL: Any = {
    "name": "read_file",
    "description": "Read a file.",
    "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
}
WHEN = datetime(2025, 10, 6, 9, 30, tzinfo=timezone.utc)


def _replay() -> ReplayChatCompletionClient:
    call = CreateResult(
        finish_reason="function_calls",
        usage=RequestUsage(prompt_tokens=40, completion_tokens=9),
        content=[FunctionCall(id="call_1", name="read_file", arguments='{"path": "a.md"}')],
        cached=False,
    )
    return ReplayChatCompletionClient([call, "The file says hello."], model_info=MODEL_INFO)


async def _run(path: Path) -> list[dict[str, Any]]:
    client = RecordingChatCompletionClient(
        _replay(), TrajectoryWriter(path), role="worker", sim_time=lambda: WHEN, latency=lambda r: 0.25
    )
    history: list[Any] = [SystemMessage(content="You are Ana."), UserMessage(content="Read a.md", source="user")]
    first = await client.create(history, tools=[TOOL])
    assert isinstance(first.content, list)
    history += [
        AssistantMessage(content=first.content, source="worker"),
        FunctionExecutionResultMessage(
            content=[FunctionExecutionResult(content="hello", call_id="call_1", name="read_file")]
        ),
    ]
    await client.create(history, tools=[TOOL])
    client.sink.close()
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.asyncio
async def test_lines_are_openai_format(tmp_path: Path) -> None:
    lines = await _run(tmp_path / "trajectory.jsonl")
    assert [(x["seq"], x["role"], x["turn"]) for x in lines] == [(0, "worker", 0), (1, "worker", 1)]
    first, second = lines
    assert first["sim_time"] == "2025-10-06T09:30:00Z" and first["latency_s"] == 0.25
    assert first["request"]["tools"][0] == {"type": "function", "function": {**TOOL, "strict": False}}
    assert first["response"]["tool_calls"] == [
        {"id": "call_1", "type": "function", "function": {"name": "read_file", "arguments": '{"path": "a.md"}'}}
    ]
    assert first["usage"] == {"prompt_tokens": 40, "completion_tokens": 9}
    msgs = second["request"]["messages"]
    assert [m["role"] for m in msgs] == ["system", "user", "assistant", "tool"]
    assert isinstance(msgs[2]["tool_calls"][0]["function"]["arguments"], str)
    assert msgs[3] == {"content": "hello", "role": "tool", "tool_call_id": "call_1"}
    assert second["response"]["content"] == "The file says hello."


@pytest.mark.asyncio
async def test_deterministic_bytes(tmp_path: Path) -> None:
    await _run(tmp_path / "a.jsonl")
    await _run(tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


@pytest.mark.asyncio
async def test_openai_client_request_is_what_it_sends(tmp_path: Path) -> None:
    from autogen_ext.models.openai import OpenAIChatCompletionClient

    inner = OpenAIChatCompletionClient(
        model="local", base_url="http://127.0.0.1:9/v1", api_key="x", model_info=MODEL_INFO
    )
    from synthcomp_agents.models._recording import openai_request

    req = openai_request(
        inner,
        [SystemMessage(content="a"), SystemMessage(content="b"), UserMessage(content="hi", source="user")],
        [TOOL],
        "auto",
        None,
        {},
    )
    assert req["messages"][0] == {"content": "a\nb", "role": "system"}  # merged, as the client sends it
    assert req["tool_choice"] == "auto"


@pytest.mark.asyncio
async def test_component_round_trip_and_errors_recorded(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    client = RecordingChatCompletionClient(
        ReplayChatCompletionClient([], model_info=MODEL_INFO),
        TrajectoryWriter.shared(path),
        role="collaborator:dana_lee",
    )
    dumped = client.dump_component()
    assert dumped.provider == "synthcomp_agents.models.RecordingChatCompletionClient"
    loaded = ChatCompletionClient.load_component(dumped)
    assert isinstance(loaded, RecordingChatCompletionClient) and loaded.role == "collaborator:dana_lee"
    assert loaded.sink is client.sink  # shared writer: one seq for all roles
    assert loaded.model_info["function_calling"] is True
    with pytest.raises(Exception):  # noqa: B017 - replay exhausted
        await loaded.create([UserMessage(content="hi", source="user")])
    line = json.loads(path.read_text())
    assert line["response"] is None and "error" in line


def test_truncate_to_restores_earlier_state(tmp_path: Path) -> None:
    path = tmp_path / "trajectory.jsonl"
    writer = TrajectoryWriter(path)
    writer.record({"role": "worker", "x": 1})
    writer.record({"role": "judge", "x": 2})
    mark = writer.offset()
    snapshot = path.read_bytes()
    writer.record({"role": "worker", "x": 3})
    writer.record({"role": "worker", "x": 4})
    writer.truncate_to(mark.to_state())
    assert path.read_bytes() == snapshot and writer.offset() == mark
    assert writer.record({"role": "worker"}) == (2, 1)
    writer.close()
    with open(path, "ab") as fh:  # a torn line from a crash is cut off on reopen
        fh.write(b'{"seq":3,"role":"wor')
    reopened = TrajectoryWriter(path)
    assert reopened.offset().lines == 3 and reopened.offset().counters == {"worker": 2, "judge": 1}
    with pytest.raises(ValueError, match="cannot truncate"):
        reopened.truncate_to({"bytes": 10**9, "lines": 99, "counters": {}})
    reopened.close()


def test_event_writer_kinds(tmp_path: Path) -> None:
    from synthcomp_agents.disk import VirtualDisk

    events = EventWriter(tmp_path / "events.jsonl")
    disk = VirtualDisk(clock=lambda: WHEN)
    disk.write_text("Documents/a.md", "x")
    events.tool_execution("worker", "read_file", '{"path":"a"}', "x", is_error=False, sim_time=WHEN, sim_minutes=2)
    events.message("worker", "Hi Tom", to=["tom_li"], sim_time=WHEN)
    events.file_changes(disk.journal())
    events.clock_tick("end_day", sim_time=WHEN, day_index=1)
    rows = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert [r["kind"] for r in rows] == ["tool", "message", "file", "file", "clock"]
    assert rows[3]["op"] == "write" and rows[3]["journal_seq"] == 2 and rows[0]["sim_time"] == "2025-10-06T09:30:00Z"
    events.close()


@pytest.mark.asyncio
async def test_inside_assistant_agent_with_bounded_context(tmp_path: Path) -> None:
    from autogen_agentchat.agents import AssistantAgent
    from autogen_core.tools import FunctionTool

    from synthcomp_agents.models import count_tokens, tools_tokens
    from synthcomp_agents.simulation import BoundedChatCompletionContext

    def read_file(path: str) -> str:
        """Read a file."""
        return "quarterly numbers " * 50

    tool = FunctionTool(read_file, description="Read a file.")
    system = "You are Ana, a finance analyst."
    reserve = count_tokens([SystemMessage(content=system)]) + tools_tokens([tool])
    ctx = BoundedChatCompletionContext(token_budget=1200, summary_budget=200, reserve_tokens=reserve)
    script: list[Any] = []
    for i in range(30):
        script.append(
            CreateResult(
                finish_reason="function_calls",
                usage=RequestUsage(prompt_tokens=0, completion_tokens=5),
                content=[FunctionCall(id=f"c{i}", name="read_file", arguments='{"path": "a"}')],
                cached=False,
            )
        )
        script.append(f"Done step {i}.")
    writer = TrajectoryWriter(tmp_path / "trajectory.jsonl")
    client = RecordingChatCompletionClient(
        ReplayChatCompletionClient(script, model_info=MODEL_INFO), writer, role="worker", latency=lambda r: 0.0
    )
    agent = AssistantAgent(
        "ana", model_client=client, tools=[tool], model_context=ctx, system_message=system, reflect_on_tool_use=True
    )
    for i in range(30):
        await agent.run(task=f"Step {i}: read a.")
    writer.close()
    lines = [json.loads(x) for x in (tmp_path / "trajectory.jsonl").read_text().splitlines()]
    assert len(lines) == 60
    for line in lines:  # every prompt as sent stays within the budget, calls always followed by results
        msgs = line["request"]["messages"]
        assert msgs[0]["role"] == "system" and msgs[1]["role"] == "user"
        for k, m in enumerate(msgs):
            if m.get("tool_calls"):
                assert msgs[k + 1]["role"] == "tool" and msgs[k + 1]["tool_call_id"] == m["tool_calls"][0]["id"]
    assert count_tokens(await ctx.get_messages()) + reserve <= 1200
    state = await agent.save_state()
    assert len(json.dumps(state)) < 20_000

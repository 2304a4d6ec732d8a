"""The simulation's termination conditions are AutoGen components: dump -> load -> the same behaviour.

Each condition is built the way the live simulation builds it (world and clock objects, meter callables), dumped,
loaded back through AutoGen's generic ``TerminationCondition.load_component`` and driven side by side with the
original on a small demo world. The budget conditions are also run in a real team: loaded from a config (where the
meter callable cannot go) they count the worker's model calls / tokens from the messages, and stop the team at the
same call as the simulation's meter does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from autogen_agentchat.base import TerminatedException, TerminationCondition
from autogen_agentchat.conditions import MaxMessageTermination
from autogen_agentchat.messages import (
    BaseAgentEvent,
    BaseChatMessage,
    TextMessage,
    ToolCallExecutionEvent,
    ToolCallRequestEvent,
)
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_core import FunctionCall
from autogen_core.models import FunctionExecutionResult, RequestUsage

from synthcomp_agents import RecordingChatCompletionClient, ScriptedPolicyClient, WorkerAgent
from synthcomp_agents.models import TrajectoryWriter
from synthcomp_agents.objectives import example_plan
from synthcomp_agents.simulation import (
    EndOfDayTermination,
    MonthOverTermination,
    PlanReadyTermination,
    SimClock,
    TokenBudgetTermination,
    WorkerTurnBudgetTermination,
    World,
    WorldError,
)
from synthcomp_agents.testing import demo_world

Messages = Sequence[BaseAgentEvent | BaseChatMessage]


@pytest.fixture
def world(request: pytest.FixtureRequest) -> Iterator[World]:
    live = demo_world(world_id=f"term-{request.node.name}", days=2)
    yield live
    live.close()


def _round_trip(condition: TerminationCondition) -> TerminationCondition:
    config = condition.dump_component()
    assert config.provider == f"synthcomp_agents.simulation.{type(condition).__name__}"
    assert config.component_type == "termination"
    loaded = TerminationCondition.load_component(config.model_dump(mode="json"))  # as read from a JSON file
    assert type(loaded) is type(condition)
    assert loaded.dump_component() == config
    return loaded


def _check(conditions: Sequence[TerminationCondition], messages: Messages = ()) -> list[str | None]:
    """Call every condition with the same messages; their stop texts (None: go on)."""

    async def run() -> list[str | None]:
        out: list[str | None] = []
        for condition in conditions:
            stop = await condition(list(messages))
            out.append(None if stop is None else stop.to_text())
        return out

    return asyncio.run(run())


def _reset(conditions: Sequence[TerminationCondition]) -> None:
    async def run() -> None:
        for condition in conditions:
            await condition.reset()

    asyncio.run(run())


def test_end_of_day_round_trip_behaves_the_same(world: World) -> None:
    live = EndOfDayTermination(world, world.clock, overtime_minutes=30)
    assert live.dump_component().config == {"world": world.world_id, "working_hours": True, "overtime_minutes": 30.0}
    loaded = _round_trip(live)
    pair = [live, loaded]
    assert _check(pair) == [None, None]
    clock = world.clock
    clock.advance_to(clock.day_end + timedelta(minutes=29))
    assert _check(pair) == [None, None]
    clock.advance(2)
    assert _check(pair) == ["working hours ended 31 minutes ago"] * 2
    with pytest.raises(TerminatedException):
        _check([loaded])
    _reset(pair)
    clock.end_day()  # the next morning
    assert _check(pair) == [None, None]
    world.day_ended = True
    assert _check(pair) == ["the worker ended the day"] * 2


def test_end_of_day_forms_by_id_and_without_working_hours(world: World) -> None:
    by_id = EndOfDayTermination(world.world_id)  # no clock: only the worker ending the day counts
    assert by_id.dump_component().config["working_hours"] is False
    assert _round_trip(by_id).dump_component() == by_id.dump_component()
    hours = EndOfDayTermination(world.world_id, working_hours=True, overtime_minutes=0)
    world.clock.advance_to(world.clock.day_end)
    assert (
        _check([by_id, _round_trip(by_id), hours, _round_trip(hours)])
        == [None, None] + ["working hours ended 0 minutes ago"] * 2
    )


def test_month_over_round_trip_from_clock_and_from_world(world: World) -> None:
    from_clock = MonthOverTermination(world.clock)  # what the simulation builds: the world is found by its clock
    from_world = MonthOverTermination(world=world)
    for condition in (from_clock, from_world):
        assert condition.dump_component().config == {"world": world.world_id}
    conditions = [from_clock, from_world, _round_trip(from_clock), _round_trip(from_world)]
    world.clock.end_day()
    assert _check(conditions) == [None] * 4
    world.clock.end_day()
    assert _check(conditions) == ["the simulated month is over"] * 4


def test_plan_ready_round_trip_behaves_the_same(world: World) -> None:
    live = PlanReadyTermination(world)
    pair = [live, _round_trip(live), _round_trip(PlanReadyTermination(world.world_id))]
    assert _check(pair) == [None] * 3
    world.plan = example_plan()
    assert _check(pair) == ["the objective plan is written"] * 3


def _request(source: str, tokens: int = 0) -> ToolCallRequestEvent:
    call = FunctionCall(id="c1", name="read_file", arguments='{"path": "a.md"}')
    usage = RequestUsage(prompt_tokens=tokens, completion_tokens=0) if tokens else None
    return ToolCallRequestEvent(content=[call], source=source, models_usage=usage)


def _execution(source: str) -> ToolCallExecutionEvent:
    result = FunctionExecutionResult(content="text", name="read_file", call_id="c1", is_error=False)
    return ToolCallExecutionEvent(content=[result], source=source)


def test_budgets_dump_budget_and_worker_name_and_count_messages() -> None:
    meter = WorkerTurnBudgetTermination(3, lambda: 0, worker="jonas")
    assert meter.dump_component().config == {"max_turns": 3, "worker": "jonas"}
    loaded = _round_trip(meter)
    # worker model calls: tool-call requests and text answers of the worker; nothing else counts
    batch: list[BaseAgentEvent | BaseChatMessage] = [
        TextMessage(content="Good morning", source="user"),
        _request("jonas"),
        _execution("jonas"),
        _request("petra_lang"),
        TextMessage(content="Done for now.", source="jonas"),
    ]
    assert _check([loaded], batch) == [None]
    assert _check([loaded], [_request("jonas")]) == ["the worker turn budget (3) is spent"]
    _reset([loaded])  # counts start again
    assert _check([loaded], batch) == [None]

    tokens = TokenBudgetTermination(1000, lambda: 0)
    assert tokens.dump_component().config == {"max_tokens": 1000}
    loaded_tokens = _round_trip(tokens)
    assert _check([loaded_tokens], [_request("jonas", 600), _execution("jonas")]) == [None]
    assert _check([loaded_tokens], [_request("petra_lang", 400)]) == ["the token budget (1000) is spent"]
    _reset([loaded_tokens])
    assert _check([loaded_tokens], [_request("jonas", 999)]) == [None]


def test_dumping_never_raises_not_implemented() -> None:
    clock = SimClock(date(2026, 4, 13), days=1)
    for condition in (
        EndOfDayTermination(SimpleNamespace(day_ended=False)),  # no world id: nothing to refer to
        MonthOverTermination(clock),  # a clock no live world owns
    ):
        with pytest.raises(ValueError, match="cannot be dumped") as info:
            condition.dump_component()
        assert not isinstance(info.value, NotImplementedError)
    with pytest.raises(ValueError, match="exactly one"):
        MonthOverTermination()


def test_loading_needs_the_live_world(world: World) -> None:
    config = EndOfDayTermination(world, world.clock).dump_component()
    world.close()
    with pytest.raises(WorldError, match="no live world"):
        TerminationCondition.load_component(config)


# -- the budgets in a real team ------------------------------------------------------------------------------------


def _worker_team(
    world_id: str, tmp_path: Path, condition: Callable[[TrajectoryWriter, RecordingChatCompletionClient], object]
) -> tuple[RoundRobinGroupChat, World, TrajectoryWriter]:
    world = demo_world(world_id=world_id, days=2)
    world.plan = example_plan()
    recorder = TrajectoryWriter(tmp_path / f"{world_id}.jsonl")
    client = RecordingChatCompletionClient(ScriptedPolicyClient(role="worker", seed=1), recorder, role="worker")
    worker = WorkerAgent(world, client, max_tool_iterations=1)  # one model call per turn
    termination = condition(recorder, client)
    assert isinstance(termination, TerminationCondition)
    team = RoundRobinGroupChat([worker], termination_condition=termination | MaxMessageTermination(80))
    return team, world, recorder


def _tokens(client: RecordingChatCompletionClient) -> int:
    usage = client.total_usage()
    return usage.prompt_tokens + usage.completion_tokens


def _worker_calls(recorder: TrajectoryWriter) -> int:
    return recorder.offset().counters.get("worker", 0)


def _calls(messages: Messages) -> int:
    """Worker model calls in a run's messages."""
    return sum(1 for m in messages if isinstance(m, (ToolCallRequestEvent, TextMessage)) and m.source == "worker")


def _tool_names(messages: Messages) -> list[str]:
    return [call.name for m in messages if isinstance(m, ToolCallRequestEvent) for call in m.content]


@pytest.mark.asyncio
@pytest.mark.parametrize("budget", ["turns", "tokens"])
async def test_loaded_budget_stops_a_team_like_the_meter(tmp_path: Path, budget: str) -> None:
    def meter_form(recorder: TrajectoryWriter, client: RecordingChatCompletionClient) -> TerminationCondition:
        if budget == "turns":
            return WorkerTurnBudgetTermination(3, lambda: _worker_calls(recorder))
        return TokenBudgetTermination(25_000, lambda: _tokens(client))

    def loaded_form(recorder: TrajectoryWriter, client: RecordingChatCompletionClient) -> TerminationCondition:
        return TerminationCondition.load_component(meter_form(recorder, client).dump_component())

    meter_team, meter_world, meter_recorder = _worker_team(f"budget-meter-{budget}", tmp_path, meter_form)
    loaded_team, loaded_world, loaded_recorder = _worker_team(f"budget-loaded-{budget}", tmp_path, loaded_form)
    try:
        meter_run = await meter_team.run(task=str(meter_world.start_day()))
        loaded_run = await loaded_team.run(task=str(loaded_world.start_day()))
        spent = "the worker turn budget (3) is spent" if budget == "turns" else "the token budget (25000) is spent"
        assert meter_run.stop_reason == loaded_run.stop_reason == spent
        assert _worker_calls(meter_recorder) == _worker_calls(loaded_recorder) == _calls(loaded_run.messages) >= 2
        assert _tool_names(meter_run.messages) == _tool_names(loaded_run.messages)

        # the documented difference: the meter covers the whole run, so a second team.run() stops after one call;
        # the loaded form was reset by the team after the first run and budgets the second one afresh
        meter_again = await meter_team.run()
        loaded_again = await loaded_team.run()
        assert meter_again.stop_reason == loaded_again.stop_reason == spent
        assert _calls(meter_again.messages) == 1
        assert _calls(loaded_again.messages) >= 2
    finally:
        meter_world.close()
        loaded_world.close()

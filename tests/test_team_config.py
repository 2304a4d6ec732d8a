"""A whole team config built from the plugin's components loads and runs in a fresh process.

The team (an AgentChat ``RoundRobinGroupChat``, no Python callables) holds:

* a plain ``AssistantAgent`` with our ``DiskWorkbench`` over a folder disk (referenced by ``file://`` URI), our
  ``BoundedChatCompletionContext`` and a ``RecordingChatCompletionClient`` around AutoGen's replay client;
* our ``WorkerAgent`` (its ``SimulationWorkbench`` is rebuilt from the world, referenced by id) on a recorded
  ``ScriptedPolicyClient``;
* our ``CollaboratorAgent`` in world mode on a recorded ``ScriptedPolicyClient``;
* a termination condition that joins AutoGen's (``TextMentionTermination``, ``MaxMessageTermination``) with the
  simulation's own (end of day, month over, worker turn and token budgets), all referring to the world by id.

The config is dumped to JSON; a fresh ``python -c`` process rebuilds the world under the same id (as a host app
would), loads the team with ``Team.load_component`` and runs it offline. Newer AutoGen releases only load providers
from allowed namespaces; 0.7.5 does not check yet, and the child sets ``AUTOGEN_ALLOWED_PROVIDER_NAMESPACES=
synthcomp_agents`` as users of those releases must.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.base import Team, TerminationCondition
from autogen_agentchat.conditions import MaxMessageTermination, TextMentionTermination
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_core import FunctionCall
from autogen_core.models import CreateResult, ModelInfo, RequestUsage
from autogen_ext.models.replay import ReplayChatCompletionClient

from synthcomp_agents import (
    BoundedChatCompletionContext,
    CollaboratorAgent,
    RecordingChatCompletionClient,
    ScriptedPolicyClient,
    VirtualDisk,
    WorkerAgent,
    disk_workbench,
)
from synthcomp_agents.models import TrajectoryWriter
from synthcomp_agents.objectives import example_plan
from synthcomp_agents.simulation import (
    EndOfDayTermination,
    MonthOverTermination,
    PlanReadyTermination,
    TokenBudgetTermination,
    WorkerTurnBudgetTermination,
    World,
)
from synthcomp_agents.testing import demo_world

WORLD_ID = "team-config-world"
INFO = ModelInfo(vision=False, function_calling=True, json_output=False, family="unknown", structured_output=False)
NOTE = "# Stand-up\n\nJonas and Petra are on the steel call-offs this week.\n"

CHILD = textwrap.dedent(
    """
    import asyncio, json, sys
    from autogen_agentchat.base import Team
    from autogen_agentchat.messages import (
        BaseChatMessage, TextMessage, ToolCallExecutionEvent, ToolCallRequestEvent
    )
    from synthcomp_agents.testing import demo_world
    from synthcomp_agents.objectives import example_plan

    world = demo_world(world_id=sys.argv[2], days=3)  # the host rebuilds the world the config refers to
    world.plan = example_plan()
    with open(sys.argv[1], encoding="utf-8") as handle:
        team = Team.load_component(json.load(handle))

    async def main():
        condition = team._termination_condition
        result = await team.run(task=str(world.start_day()))
        executions = [m for m in result.messages if isinstance(m, ToolCallExecutionEvent)]
        world.day_ended = True  # the loaded EndOfDayTermination reads this world
        after_day = await condition([])
        print(json.dumps({
            "condition": condition.dump_component().model_dump(mode="json"),
            "after_day_end": after_day.content if after_day is not None else None,
            "team": type(team).__name__,
            "participants": [type(p).__name__ for p in team._participants],
            "sources": [m.source for m in result.messages if hasattr(m, "to_model_text") and m.source],
            # chat messages: a text answer, or the summary of the last tool round when the agent stops on tools
            "chat": [[m.source, m.to_text()] for m in result.messages if isinstance(m, BaseChatMessage)],
            "worker_calls": sum(
                1 for m in result.messages
                if isinstance(m, (ToolCallRequestEvent, TextMessage)) and m.source == "worker"
            ),
            "tools": [[m.source, r.name, r.is_error] for m in executions for r in m.content],
            "mail_sent": [[list(m.to), m.subject] for m in world.mailbox.sent()],
            "stop": result.stop_reason,
        }))

    asyncio.run(main())
    """
)


def _providers(node: Any) -> set[str]:
    """Every ``provider`` in a dumped component tree (nested ``|`` conditions included)."""
    if isinstance(node, dict):
        found = {node["provider"]} if isinstance(node.get("provider"), str) else set()
        return found.union(*(_providers(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_providers(value) for value in node))
    return set()


def _without_none(node: Any) -> Any:
    """A dumped component tree without ``None`` values (dumps differ only in whether they list unset fields)."""
    if isinstance(node, dict):
        return {key: _without_none(value) for key, value in node.items() if value is not None}
    if isinstance(node, list):
        return [_without_none(value) for value in node]
    return node


def _call(call_id: str, name: str, arguments: dict[str, Any]) -> CreateResult:
    function = FunctionCall(id=call_id, name=name, arguments=json.dumps(arguments))
    return CreateResult(
        finish_reason="function_calls",
        content=[function],
        usage=RequestUsage(prompt_tokens=5, completion_tokens=5),
        cached=False,
    )


def _team(folder: Path, trajectory: Path) -> tuple[RoundRobinGroupChat, World]:
    world = demo_world(world_id=WORLD_ID, days=3)
    world.plan = example_plan()
    shared = VirtualDisk(root=folder, user="ana", os="linux")  # a folder disk: its URI is in the config
    recorder = TrajectoryWriter(trajectory)
    replay = ReplayChatCompletionClient(
        [
            _call("a1", "write_text_file", {"path": "~/notes/standup.md", "content": NOTE}),
            "Stand-up notes are in ~/notes/standup.md.",
            "Thanks, all set. TERMINATE",
        ],
        model_info=INFO,
    )
    analyst = AssistantAgent(
        "analyst",
        model_client=RecordingChatCompletionClient(replay, recorder, role="analyst"),
        workbench=disk_workbench(shared, actor="analyst"),
        model_context=BoundedChatCompletionContext(token_budget=4000),
        system_message="You keep the team's notes.",
        max_tool_iterations=2,
    )
    worker = WorkerAgent(
        world,
        RecordingChatCompletionClient(ScriptedPolicyClient(role="worker", seed=1), recorder, role="worker"),
        max_tool_iterations=8,
        token_budget=12000,
    )
    petra = CollaboratorAgent(
        world.collaborators["petra_lang"],
        RecordingChatCompletionClient(
            ScriptedPolicyClient(role="collaborator"), recorder, role="collaborator:petra_lang"
        ),
        world=world,
    )
    team = RoundRobinGroupChat(
        [analyst, worker, petra],
        termination_condition=(
            TextMentionTermination("TERMINATE", sources=["analyst"])
            | MaxMessageTermination(12)
            | EndOfDayTermination(world, working_hours=True)
            | MonthOverTermination(world=world)
            | WorkerTurnBudgetTermination(200, worker="worker")
            | TokenBudgetTermination(10_000_000)
        ),
    )
    return team, world


SIMULATION_TERMINATIONS = {
    "synthcomp_agents.simulation.EndOfDayTermination",
    "synthcomp_agents.simulation.MonthOverTermination",
    "synthcomp_agents.simulation.WorkerTurnBudgetTermination",
    "synthcomp_agents.simulation.TokenBudgetTermination",
}


def test_team_config_round_trips_in_process(tmp_path: Path) -> None:
    team, world = _team(tmp_path / "shared", tmp_path / "trajectory.jsonl")
    try:
        config = team.dump_component()
        again = Team.load_component(json.loads(config.model_dump_json()))
    finally:
        world.close()
    text = config.model_dump_json()
    assert "file://" in text and WORLD_ID in text and "api_key" not in text
    providers = {p for p in json.dumps(config.model_dump()).split('"') if p.startswith("synthcomp_agents.")}
    assert {
        "synthcomp_agents.agents.WorkerAgent",
        "synthcomp_agents.agents.CollaboratorAgent",
        "synthcomp_agents.tools.DiskWorkbench",
        "synthcomp_agents.simulation.BoundedChatCompletionContext",
        "synthcomp_agents.models.RecordingChatCompletionClient",
        "synthcomp_agents.models.ScriptedPolicyClient",
        *SIMULATION_TERMINATIONS,
    } <= providers
    assert isinstance(again, RoundRobinGroupChat)
    assert again.dump_component() == config


def test_team_config_loads_and_runs_in_a_fresh_process(tmp_path: Path) -> None:
    folder, trajectory = tmp_path / "shared", tmp_path / "trajectory.jsonl"
    team, world = _team(folder, trajectory)
    config_path = tmp_path / "team.json"
    config = team.dump_component()
    config_path.write_text(config.model_dump_json(indent=1), encoding="utf-8")
    world.close()  # nothing of this process is used below
    assert not (folder / "notes").exists() and not trajectory.read_text(encoding="utf-8")

    env = {**os.environ, "AUTOGEN_ALLOWED_PROVIDER_NAMESPACES": "synthcomp_agents"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(config_path), WORLD_ID],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])

    assert out["team"] == "RoundRobinGroupChat"
    assert out["participants"] == ["AssistantAgent", "WorkerAgent", "CollaboratorAgent"]
    chat = out["chat"]
    assert [source for source, _ in chat] == ["user", "analyst", "worker", "petra_lang", "analyst"]
    assert chat[-1][1] == "Thanks, all set. TERMINATE" and "TERMINATE" in out["stop"]
    # the simulation's terminations came back as themselves, bound to the rebuilt world: none fired during the
    # run, and the loaded end-of-day condition stops once the worker ends the day in the child's world
    dumped = json.loads(config.model_dump_json())["config"]["termination_condition"]
    assert _without_none(out["condition"]) == _without_none(dumped)
    assert _providers(out["condition"]) >= SIMULATION_TERMINATIONS
    assert out["after_day_end"] == "the worker ended the day"
    # the analyst's tool wrote a real file into the folder disk named by URI in the config
    assert ["analyst", "write_text_file", False] in out["tools"]
    assert (folder / "notes" / "standup.md").read_text(encoding="utf-8") == NOTE
    # the worker used the simulation workbench rebuilt from the world id, and mailed Petra, who answered
    worker_tools = [name for source, name, _ in out["tools"] if source == "worker"]
    assert len(worker_tools) >= 5 and "send_message" in worker_tools
    assert any("petra.lang@" in " ".join(to) for to, _ in out["mail_sent"])
    assert "answered 1 message" in chat[3][1]
    # every model call went through the recording wrapper into the trajectory path from the config
    lines = [json.loads(line) for line in trajectory.read_text(encoding="utf-8").splitlines()]
    roles = [line["role"] for line in lines]
    assert roles.count("analyst") == 3 and roles.count("collaborator:petra_lang") == 1
    assert roles.count("worker") == out["worker_calls"] > 0  # one trajectory line per worker model call
    assert all(line["request"]["messages"] and line["usage"]["prompt_tokens"] >= 0 for line in lines)
    worker_tools_schema = next(line for line in lines if line["role"] == "worker")["request"]["tools"]
    assert {"send_message", "end_day", "read_file"} <= {t["function"]["name"] for t in worker_tools_schema}


@pytest.mark.filterwarnings("error:Internal module name used in provider string")
def test_simulation_terminations_are_components() -> None:
    """The conditions exactly as the live simulation builds them (objects and meter callables) dump and reload."""
    world = demo_world(world_id="team-config-terminations", days=3)
    try:
        conditions = [
            PlanReadyTermination(world),
            EndOfDayTermination(world, world.clock),
            MonthOverTermination(world.clock),
            WorkerTurnBudgetTermination(40, lambda: 3),
            TokenBudgetTermination(100_000, lambda: 7),
        ]
        for condition in conditions:
            config = condition.dump_component()
            assert config.provider == f"synthcomp_agents.simulation.{type(condition).__name__}"
            again = type(condition).load_component(config)
            assert type(again) is type(condition) and again.dump_component() == config
        # the combination the simulation gives its team dumps and reloads as one component
        combined = conditions[1] | conditions[2] | conditions[3] | conditions[4]
        config = combined.dump_component()
        again_combined = TerminationCondition.load_component(config)
        assert again_combined.dump_component() == config
        assert _providers(config.model_dump(mode="json")) >= {
            f"synthcomp_agents.simulation.{type(c).__name__}" for c in conditions[1:]
        }
    finally:
        world.close()

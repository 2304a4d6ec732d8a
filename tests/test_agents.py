"""Agents: component round trips, collaborator privacy, persona files, objective-setter repair loop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from autogen_agentchat.conditions import MaxMessageTermination
from autogen_agentchat.messages import TextMessage
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_core import CancellationToken
from autogen_core.models import UserMessage
from autogen_ext.models.replay import ReplayChatCompletionClient

from synthcomp_agents._demo import build_demo_disk
from synthcomp_agents.agents import (
    CollaboratorAgent,
    CollaboratorPersona,
    ObjectiveSetterAgent,
    WorkerAgent,
)
from synthcomp_agents.models import ScriptedPolicyClient
from synthcomp_agents.objectives import example_plan
from synthcomp_agents.testing import demo_blueprint, demo_world

INFO = {"vision": False, "function_calling": True, "json_output": True, "family": "unknown",
        "structured_output": False}  # fmt: skip


def _replay(answers: list[str]) -> ReplayChatCompletionClient:
    return ReplayChatCompletionClient(answers, model_info=INFO)  # type: ignore[arg-type]


def test_components_round_trip() -> None:
    world = demo_world(world_id="t-agents-1")
    world.plan = example_plan()
    worker = WorkerAgent(world, ScriptedPolicyClient(role="worker", seed=3), token_budget=12000)
    clone = WorkerAgent.load_component(worker.dump_component())
    assert isinstance(clone, WorkerAgent) and clone.world is world and clone.token_budget == 12000
    assert clone.dump_component() == worker.dump_component()
    persona = world.collaborators["petra_lang"]
    collab = CollaboratorAgent(persona, ScriptedPolicyClient(role="collaborator"), world=world)
    again = CollaboratorAgent.load_component(collab.dump_component())
    assert again.persona == persona and again.dump_component() == collab.dump_component()
    setter = ObjectiveSetterAgent(ScriptedPolicyClient(role="objective_setter"), world=world)
    assert ObjectiveSetterAgent.load_component(setter.dump_component()).dump_component() == setter.dump_component()
    client = ScriptedPolicyClient(role="collaborator:petra_lang", seed=2)
    assert ScriptedPolicyClient.load_component(client.dump_component()).dump_component() == client.dump_component()


@pytest.mark.asyncio
async def test_collaborator_sees_only_its_own_mail() -> None:
    world = demo_world(world_id="t-agents-2")
    box = world.mailbox
    box.send(world.owner, ["Klaus Richter <klaus.richter@hollmann-components.de>"], "Budget", "SECRET-FOR-KLAUS")
    box.send(
        world.owner,
        ["Petra Lang <petra.lang@hollmann-components.de>"],
        "Question: credit notes",
        "Petra, any open credit notes?",
        attachments=["Desktop/todo.md"],
    )
    client = _replay(["Yes: EUR 18,400 from Kessler."])
    petra = CollaboratorAgent(world.collaborators["petra_lang"], client, world=world)
    thread = [TextMessage(content="GROUP-THREAD-SECRET worker says hi", source="worker")]
    response = await petra.on_messages(thread, CancellationToken())
    assert "answered 1" in response.chat_message.to_text()
    # the note is truthful: the reply is written now and reaches the inbox after Petra's responsiveness
    reply_at = box.next_delivery()
    assert reply_at is not None and reply_at > world.clock.now
    when = reply_at.astimezone(world.clock.tz).strftime("%a %H:%M")
    assert f"reaches the inbox {when}" in response.chat_message.to_text()
    assert len(client.create_calls) == 1
    sent = client.create_calls[0]["messages"]
    seen = json.dumps([m.model_dump() for m in sent])
    assert "Petra, any open credit notes?" in seen and "todo.md" in seen and "ask Kessler" in seen
    for secret in ("SECRET-FOR-KLAUS", "GROUP-THREAD-SECRET", "list_directory", "tool"):
        assert secret not in seen
    assert [type(m).__name__ for m in sent] == ["SystemMessage", "UserMessage"]
    # the reply goes through the mailbox, later by the persona's responsiveness (2 h)
    due = box.next_delivery()
    assert box.inbox() == [] and due is not None
    assert (due - world.clock.now).total_seconds() == 2 * 3600
    again = await petra.on_messages([], CancellationToken())
    assert "no new mail" in again.chat_message.to_text() and len(client.create_calls) == 1


@pytest.mark.asyncio
async def test_persona_file_changes_behaviour(tmp_path: Path) -> None:
    base = demo_blueprint().collaboration_context.collaborators[0]
    first = CollaboratorPersona.from_blueprint(base)
    (tmp_path / "petra.yaml").write_text(first.to_yaml())
    other = first.model_dump()
    other.update(
        communication_style="formal; expects a clear recommendation",
        responsiveness=30,
        private_knowledge=[
            {
                "topic": "Steel contracts 2026: figures",
                "fact": "The Q1 figures exclude a EUR 52,000 accrual for Brandt Metall.",
            }
        ],
    )
    (tmp_path / "petra2.json").write_text(json.dumps(other))
    answers = {}
    delays = {}
    for name in ("petra.yaml", "petra2.json"):
        persona = CollaboratorPersona.from_file(tmp_path / name)
        world = demo_world(world_id=f"t-agents-persona-{name}")
        world.collaborators[persona.identifier] = persona
        world.mailbox.send(
            world.owner,
            [persona.display_address],
            "Question: Steel contracts 2026: figures [o1-d1]",
            "What is the latest on Steel contracts 2026: figures?",
        )
        agent = CollaboratorAgent(persona, ScriptedPolicyClient(role="collaborator"), world=world)
        await agent.on_messages([], CancellationToken())
        due = world.mailbox.next_delivery()
        assert due is not None
        delays[name] = (due - world.clock.now).total_seconds() / 3600
        world.clock.advance(60 * 48)
        world.mailbox.deliver_due()
        answers[name] = world.mailbox.read(world.mailbox.inbox()[0].message_id).body
    assert "EUR 18,400" in answers["petra.yaml"] and "EUR 52,000" not in answers["petra.yaml"]
    assert "EUR 52,000" in answers["petra2.json"] and answers["petra2.json"].startswith("Dear Jonas")
    assert delays == {"petra.yaml": 2.0, "petra2.json": 30.0}


@pytest.mark.asyncio
async def test_collaborator_in_a_plain_autogen_team() -> None:
    persona = CollaboratorPersona(
        name="Dana Lee",
        identifier="dana_lee",
        role="Controller",
        organisation="Acme",
        email="dana.lee@acme.example",
        communication_style="short, direct",
        private_knowledge=[{"topic": "Q3 budget", "fact": "Travel is cut by 15%."}],
    )
    dana = CollaboratorAgent(persona, ScriptedPolicyClient(role="collaborator"))
    team = RoundRobinGroupChat([dana], termination_condition=MaxMessageTermination(2))
    result = await team.run(task="Dana, what is the latest on the Q3 budget?")
    assert "Travel is cut by 15%." in result.messages[-1].to_text()


@pytest.mark.asyncio
async def test_objective_setter_repairs_an_invalid_plan() -> None:
    good = example_plan()
    bad = good.model_dump(mode="json")
    bad["objectives"][0]["deliverables"][0]["grounding_files"] = ["Documents/nowhere.xlsx"]
    bad["objectives"][0]["deliverables"][0]["acceptance_checks"][1]["value"] = 1.0
    bad["objectives"][1]["collaborators"] = ["ghost"]
    client = _replay([json.dumps(bad), "```json\n" + good.to_json() + "\n```"])
    disk, _ = build_demo_disk()
    setter = ObjectiveSetterAgent(client, disk=disk, blueprint=demo_blueprint(), max_repairs=2)
    response = await setter.on_messages([], CancellationToken())
    assert setter.plan == good and "3 objectives" in response.chat_message.to_text()
    assert "1,465,552.50" not in response.chat_message.to_text()
    assert len(client.create_calls) == 2
    feedback = next(
        m for m in client.create_calls[1]["messages"] if isinstance(m, UserMessage) and m.source == "validator"
    )
    assert isinstance(feedback.content, str)
    for problem in ("nowhere.xlsx", "computes 1,465,552.50, not 1.00", "unknown collaborator 'ghost'"):
        assert problem in feedback.content
    with pytest.raises(Exception, match="no valid ObjectivePlan"):
        await ObjectiveSetterAgent(
            _replay([json.dumps(bad)] * 3), disk=disk, blueprint=demo_blueprint(), max_repairs=1
        ).write_plan()


@pytest.mark.asyncio
async def test_scripted_setter_writes_a_valid_plan_from_exploration() -> None:
    world = demo_world(world_id="t-agents-setter")
    client = ScriptedPolicyClient(role="objective_setter")
    setter = ObjectiveSetterAgent(client, world=world)
    await setter.on_messages([], CancellationToken())
    plan = world.plan
    assert plan is not None and 3 <= len(plan.objectives) <= 6 and not setter.problems
    assert client.calls > 5  # explored first
    kinds = {d.kind for d in plan.deliverables()}
    assert {"docx", "xlsx", "pptx"} <= kinds
    checks = [c for d in plan.deliverables() for c in d.acceptance_checks]
    assert any(c.type == "quotes_value" and c.value == 1465552.5 for c in checks)
    assert any(c.type == "states_fact" for c in checks)
    # real work that fits the month's working hours, not stretched to fill them (issue 15: plans that fit)
    assert 20 <= plan.total_effort_hours() <= 7 * plan.workdays

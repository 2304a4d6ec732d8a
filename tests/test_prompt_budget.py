"""The worker's fixed prompt (system prompt + tool schemas) fits a quarter of its context budget (issue 15).

The brief details only the deliverables due soon (refreshed each day and after each submission), the tool schemas
are lean (conventions said once in the prompt, housekeeping tools offered as one), and what the schemas no longer
offer still works.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any

import pytest
from autogen_core import CancellationToken
from autogen_core.models import SystemMessage

from synthcomp_agents.agents import (
    LOOKAHEAD_DAYS,
    ObjectiveSetterAgent,
    WorkerAgent,
    plan_document,
    plan_worker_view,
)
from synthcomp_agents.agents._prompts import brief_secrets
from synthcomp_agents.models import ScriptedPolicyClient, count_tokens, tools_tokens
from synthcomp_agents.objectives import ObjectivePlan, example_plan
from synthcomp_agents.testing import demo_world
from synthcomp_agents.world import CollaboratorPersona, plan_document_path


def _month_plan() -> ObjectivePlan:
    """The example plan twice over (12 deliverables of every kind, due over 20 workdays), like a README job's."""
    plan = example_plan()
    later = []
    for objective in plan.objectives:
        oid = f"o{len(plan.objectives) + int(objective.objective_id[1:])}"
        items = [
            d.model_copy(
                update={
                    "deliverable_id": d.deliverable_id.replace(objective.objective_id, oid),
                    "due_day": min(20, d.due_day + 5),
                    "path": d.path.replace(".", "_b.", 1),
                }
            )
            for d in objective.deliverables
        ]
        later.append(
            objective.model_copy(
                update={"objective_id": oid, "deliverables": items, "due_day": min(20, objective.due_day + 5)}
            )
        )
    return plan.model_copy(update={"objectives": [*plan.objectives, *later], "workdays": 20})


def _fixed_tokens(worker: WorkerAgent) -> tuple[int, int]:
    messages = asyncio.run(worker.model_context.get_messages())
    system = next(m for m in messages if isinstance(m, SystemMessage))
    return count_tokens([system]), tools_tokens(worker.sim_workbench.schemas())


def test_system_prompt_and_tool_schemas_take_at_most_a_quarter_of_the_budget() -> None:
    world = demo_world(world_id="prompt-budget")
    try:
        world.plan = _month_plan()
        worker = WorkerAgent(world, ScriptedPolicyClient(role="worker"))
        names = {s["name"] for s in worker.sim_workbench.schemas()}
        assert {"create_document", "create_spreadsheet", "create_presentation", "files", "wait"} <= names
        system, schemas = _fixed_tokens(worker)
        assert system + schemas <= worker.token_budget // 4, (system, schemas)
    finally:
        world.close()


def test_the_brief_details_what_is_due_soon_and_names_the_rest() -> None:
    plan = _month_plan()
    full, day1 = plan_worker_view(plan), plan_worker_view(plan, today=1)
    assert len(day1) < len(full) // 2
    for d in plan.deliverables():
        detailed = f"#### Deliverable {d.deliverable_id} [" in day1
        assert detailed == (d.due_day <= 1 + LOOKAHEAD_DAYS or d.deliverable_id in ("o1-d1", "o1-d2")), d
        if not detailed:  # when it is due and whom to ask early
            assert f"- Later: {d.deliverable_id} [{d.kind}] {d.title}, due day {d.due_day}" in day1
            for ask in d.collaborator_inputs:
                assert f"ask {ask.collaborator} about" in day1.split(f"- Later: {d.deliverable_id} ")[1].split("\n")[0]
    later = plan_worker_view(plan, today=12, submitted={"o1-d1"})
    assert "- Submitted: o1-d1 [docx]" in later and "#### Deliverable o1-d1" not in later
    assert "#### Deliverable o4-d1 [docx]" in later  # due day 8 + 5 = 13: within the look-ahead on day 12


def test_the_system_prompt_follows_the_day_and_the_submissions() -> None:
    world = demo_world(world_id="prompt-follows-day")
    try:
        world.plan = _month_plan()
        worker = WorkerAgent(world, ScriptedPolicyClient(role="worker"))
        first = asyncio.run(worker.model_context.get_messages())[0].content
        for _ in range(4):  # workday 5: o2-d1 (due day 8) is within the look-ahead
            world.clock.end_day()
        asyncio.run(worker._refresh_prompt())
        later = asyncio.run(worker.model_context.get_messages())[0].content
        assert "#### Deliverable o2-d1" not in str(first) and "#### Deliverable o2-d1" in str(later)
        world.submissions["o1-d1"] = world.submissions.get("o1-d1") or _submission(world)
        asyncio.run(worker._refresh_prompt())
        after = str(asyncio.run(worker.model_context.get_messages())[0].content)
        assert "- Submitted: o1-d1" in after and "#### Deliverable o1-d1" not in after
    finally:
        world.close()


def _submission(world: object) -> Any:
    from synthcomp_agents.world import Submission

    return Submission(path="/home/x/a.docx", sha256="0" * 64, sim_time=datetime(2026, 4, 14, tzinfo=timezone.utc))


def test_folded_tools_still_run_their_disk_tools() -> None:
    world = demo_world(world_id="prompt-folded")
    try:
        worker = WorkerAgent(world, ScriptedPolicyClient(role="worker"))
        wb = worker.sim_workbench
        names = {s["name"] for s in wb.schemas()}
        assert "files" in names and not {"move", "copy", "delete", "tree", "make_folder"} & names

        def call(name: str, args: dict[str, object]) -> tuple[str, bool]:
            result = asyncio.run(wb.call_tool(name, args))
            return result.to_text(), result.is_error

        text, err = call("files", {"op": "make_folder", "path": "~/Documents/New"})
        assert not err and world.disk.exists("Documents/New"), text
        text, err = call("write_text_file", {"path": "~/Documents/New/a.md", "content": "hello"})
        assert not err, text
        text, err = call("files", {"op": "move", "path": "~/Documents/New/a.md", "destination": "~/Documents/b.md"})
        assert not err and world.disk.exists("Documents/b.md") and not world.disk.exists("Documents/New/a.md"), text
        text, err = call("list_directory", {"path": "~/Documents", "depth": 2})
        assert not err and "New/" in text, text
        text, err = call("files", {"op": "shred", "path": "~/Documents/b.md"})
        assert err and "make_folder" in text
        text, err = call("move", {"source": "~/Documents/b.md", "destination": "~/Documents/c.md"})
        assert not err  # the folded tools stay callable by name
    finally:
        world.close()


def test_a_collaborator_who_replies_late_answers_in_the_evening() -> None:
    late = CollaboratorPersona(
        name="Dana Lee",
        identifier="dana_lee",
        role="Controller",
        organisation="Acme",
        email="dana@acme.example",
        responsiveness=1,
        communication_style="replies late in the evening, in long detailed messages",
    )
    sent = datetime(2026, 4, 13, 8, 0, tzinfo=timezone.utc)
    assert late.reply_due(sent).hour == 20
    prompt = late.model_copy(update={"communication_style": "short, direct e-mails"})
    assert prompt.reply_due(sent).hour == 9


def _crowded_plan() -> ObjectivePlan:
    """The month plan with every deliverable due on day 3 of 5: more than the brief can detail at once."""
    plan = _month_plan()
    objectives = [
        o.model_copy(
            update={"due_day": 3, "deliverables": [d.model_copy(update={"due_day": 3}) for d in o.deliverables]}
        )
        for o in plan.objectives
    ]
    return plan.model_copy(update={"objectives": objectives, "workdays": 5})


def test_a_crowded_day_still_fits_the_quarter_and_briefs_the_rest_as_earlier_ones_go_in() -> None:
    """Twelve deliverables due on one day: the brief details as many as fit a quarter of the budget (in plan order),
    names the others in a line each with when they are due, and details them as earlier ones are submitted."""
    world = demo_world(world_id="prompt-crowded")
    try:
        world.plan = _crowded_plan()
        worker = WorkerAgent(world, ScriptedPolicyClient(role="worker"))
        system, schemas = _fixed_tokens(worker)
        assert system + schemas <= worker.token_budget // 4, (system, schemas)
        text = str(asyncio.run(worker.model_context.get_messages())[0].content)
        ids = [d.deliverable_id for d in world.plan.deliverables()]
        detailed = [i for i in ids if f"#### Deliverable {i} [" in text]
        named = [i for i in ids if f"- Later: {i} [" in text]
        assert detailed and detailed == ids[: len(detailed)], detailed  # the first ones, in plan order
        assert named == ids[len(detailed) :] and all(f"{i} [" in text for i in ids)
        assert all("due day 3" in line for line in text.splitlines() if line.startswith("- Later: "))
        world.submissions[detailed[0]] = _submission(world)
        asyncio.run(worker._refresh_prompt())
        after = str(asyncio.run(worker.model_context.get_messages())[0].content)
        system, schemas = _fixed_tokens(worker)
        assert system + schemas <= worker.token_budget // 4
        assert f"- Submitted: {detailed[0]}" in after
        assert f"#### Deliverable {named[0]} [" in after  # the next one is briefed now
    finally:
        world.close()


def test_without_a_budget_the_brief_details_what_is_due_soon() -> None:
    plan = _crowded_plan()
    view = plan_worker_view(plan, today=1)
    assert all(f"#### Deliverable {d.deliverable_id} [" in view for d in plan.deliverables())
    tight = plan_worker_view(plan, today=1, max_tokens=1000)
    assert count_tokens([SystemMessage(content=tight)]) <= 1000
    assert "#### Deliverable o1-d1 [" in tight and "- Later: " in tight and "; ask " in tight
    # the first open deliverable keeps its details; the later lines then leave out whom to ask
    alone = plan_worker_view(plan, today=1, max_tokens=10)
    assert "#### Deliverable o1-d1 [" in alone and alone.count("#### Deliverable") == 1
    later = [line for line in alone.splitlines() if line.startswith("- Later: ")]
    assert len(later) == 11 and not any("; ask " in line for line in later)


@pytest.mark.asyncio
async def test_the_plan_in_full_lies_beside_the_journal_and_a_short_brief_says_where() -> None:
    """The objective setter leaves the month plan in full beside the work journal (check values hidden, as in the
    brief); a brief that names later deliverables in a line each points to it, so a worker can read their sources,
    whom to ask and who reviews before they are due soon."""
    world = demo_world(world_id="prompt-plan-document")
    try:
        setter = ObjectiveSetterAgent(ScriptedPolicyClient(role="objective_setter"), world=world)
        await setter.on_messages([], CancellationToken())
        plan = world.plan
        assert plan is not None
        path = plan_document_path(world.journal_path)
        text = world.disk.read_text(path)
        assert text.startswith(f"# Month plan for {world.user_name}\n")
        for d in plan.deliverables():
            section = text.split(f"#### Deliverable {d.deliverable_id} [", 1)[1].split("####", 1)[0]
            assert f"- Path: ~/{d.path}" in section and f"Due: day {d.due_day}" in section
        assert "- Later: " not in text
        assert not [s for s in brief_secrets(plan) if s.casefold() in text.casefold()]
        # a crowded month: the brief names the later ones and says where they are in full
        world.plan = _crowded_plan()
        world.disk.write_text(path, plan_document(world.plan, world.blueprint))
        worker = WorkerAgent(world, ScriptedPolicyClient(role="worker"))
        brief = str((await worker.model_context.get_messages())[0].content)
        assert "- Later: " in brief and f"Every deliverable in full, the later ones too: ~/{path}" in brief
        system, schemas = _fixed_tokens_now(await worker.model_context.get_messages(), worker)
        assert system + schemas <= worker.token_budget // 4
        # every deliverable briefed in full: nothing to point to
        assert "in full, the later ones too" not in plan_worker_view(world.plan, document=path)
    finally:
        world.close()


def _fixed_tokens_now(messages: list[Any], worker: WorkerAgent) -> tuple[int, int]:
    system = next(m for m in messages if isinstance(m, SystemMessage))
    return count_tokens([system]), tools_tokens(worker.sim_workbench.schemas())

"""WorkerAgent: the system prompt follows the world's plan through AutoGen's public model-context hook."""

from __future__ import annotations

import re
from typing import Any

import pytest
from autogen_agentchat.messages import TextMessage
from autogen_core import CancellationToken
from autogen_core.models import CreateResult, LLMMessage, SystemMessage
from autogen_ext.models.replay import ReplayChatCompletionClient

from synthcomp_agents.agents import WorkerAgent
from synthcomp_agents.objectives import example_plan
from synthcomp_agents.testing import demo_world

INFO = {"vision": False, "function_calling": True, "json_output": True, "family": "unknown",
        "structured_output": False}  # fmt: skip


class _Recording(ReplayChatCompletionClient):
    """A replay client that keeps the messages of every request."""

    def __init__(self, answers: list[str]) -> None:
        super().__init__(answers, model_info=INFO)  # type: ignore[arg-type]
        self.requests: list[list[LLMMessage]] = []

    async def create(self, messages: Any, **kwargs: Any) -> CreateResult:
        self.requests.append(list(messages))
        return await super().create(messages, **kwargs)


def _system(request: list[LLMMessage]) -> list[str]:
    return [str(m.content) for m in request if isinstance(m, SystemMessage)]


@pytest.mark.asyncio
async def test_prompt_follows_the_plan_and_keeps_history() -> None:
    world = demo_world(world_id="t-worker-prompt")
    client = _Recording(["Reading my inbox first.", "Starting on the plan."])
    worker = WorkerAgent(world, client)
    try:
        await worker.on_messages([TextMessage(content="Good morning.", source="user")], CancellationToken())
        before = _system(client.requests[0])
        assert len(before) == 1 and isinstance(client.requests[0][0], SystemMessage)  # one system message, first

        plan = example_plan()
        world.plan = plan
        await worker.on_messages([TextMessage(content="The plan is ready.", source="user")], CancellationToken())
        after = _system(client.requests[1])
        assert len(after) == 1 and isinstance(client.requests[1][0], SystemMessage)
        assert after != before
        title = plan.objectives[0].title
        assert title in after[0] and title not in before[0]
        texts = [str(m.content) for m in client.requests[1]]
        assert "Good morning." in texts and "Reading my inbox first." in texts  # history survived the swap

        saved = await worker.save_state()
        clone = WorkerAgent(world, _Recording(["ok"]))
        await clone.load_state(saved)
        assert await clone.model_context.get_messages() == await worker.model_context.get_messages()
    finally:
        world.close()


def test_shared_grounding_is_listed_once_per_objective_and_read_back() -> None:
    """A deliverable grounded on the same files as the one briefed just above says 'as <id>' instead of the paths
    again; a worker reading the brief (the scripted one parses it) still gets every file for each deliverable."""
    from synthcomp_agents.agents import plan_worker_view
    from synthcomp_agents.models._scripted_text import parse_worker_plan

    plan = example_plan()
    view = plan_worker_view(plan)
    first = plan.objectives[0].deliverables
    assert first[0].grounding_files == first[1].grounding_files
    assert f"- Grounding: as {first[0].deliverable_id}" in view
    for path in first[0].grounding_files:
        assert view.count(f"~/{path}") == len(plan.objectives)  # in full once per objective, not per deliverable
    parsed = parse_worker_plan(view).by_id()
    for d in plan.deliverables():
        assert parsed[d.deliverable_id].grounding == d.grounding_files


def test_a_description_or_figures_said_just_above_are_said_as_that_deliverable() -> None:
    """The brief says a description without the title the heading gives, and 'as <id>' for a description or the
    figures the deliverable just above already states; the worker reading it (the scripted one parses it) recovers
    each deliverable's own description and figures."""
    from synthcomp_agents.agents import plan_worker_view
    from synthcomp_agents.models._scripted_text import parse_worker_plan

    plan = example_plan()
    first, second = plan.objectives[0].deliverables[:2]
    title = first.title
    shared = f"{title}: the quarter's figures against plan, what moved and what to decide."
    first = first.model_copy(update={"description": shared})
    second = second.model_copy(update={"description": f"For {title}: the quarter's figures against plan, what moved"
                                                      " and what to decide."})  # fmt: skip
    figure_checks = [c for c in first.acceptance_checks if (c.brief(first.kind) or "").startswith("Figures: ")]
    assert figure_checks
    others = [c for c in second.acceptance_checks if not (c.brief(second.kind) or "").startswith("Figures: ")]
    second = second.model_copy(update={"acceptance_checks": [*others, *figure_checks]})
    objective = plan.objectives[0].model_copy(
        update={"deliverables": [first, second, *plan.objectives[0].deliverables[2:]]}
    )
    plan = plan.model_copy(update={"objectives": [objective, *plan.objectives[1:]]})
    view = plan_worker_view(plan)
    assert "- Description: The quarter's figures against plan" in view  # the title is the heading's
    assert f"- Description: as {first.deliverable_id}" in view
    parsed = parse_worker_plan(view).by_id()
    assert parsed[second.deliverable_id].description == parsed[first.deliverable_id].description
    figures = [line for line in view.splitlines() if line.startswith("- Figures: as ")]
    assert f"- Figures: as {first.deliverable_id}" in figures
    assert parsed[second.deliverable_id].quotes == parsed[first.deliverable_id].quotes
    for line in figures:  # each 'as' points at the deliverable just above, whose figures are recovered
        assert line.removeprefix("- Figures: as ") in parsed
    for d in plan.deliverables():
        assert parsed[d.deliverable_id].quotes or not any(
            (c.brief(d.kind) or "").startswith("Figures: ") for c in d.acceptance_checks
        )


def test_audience_asks_and_shape_said_just_above_are_said_as_that_deliverable() -> None:
    """The brief says 'as <id>' for an audience, the asks or a shape the deliverable (or later line) just above
    already says; the worker reading it (the scripted one parses it) recovers each deliverable's own."""
    from synthcomp_agents.agents import plan_worker_view
    from synthcomp_agents.models._scripted_text import parse_worker_plan
    from synthcomp_agents.objectives import brief_topic

    plan = example_plan()
    for today in (None, 1):
        view = plan_worker_view(plan, today=today) if today else plan_worker_view(plan)
        parsed = parse_worker_plan(view).by_id()
        for d in plan.deliverables():
            got = parsed[d.deliverable_id]
            assert [(who, topic) for who, topic, _ in got.asks] == [
                (a.collaborator, brief_topic(a.topic)) for a in d.collaborator_inputs
            ], (d.deliverable_id, view)
            if got.detailed:
                assert got.audience == d.audience
                shapes = [
                    b[len("Shape: ") :]
                    for c in d.acceptance_checks
                    if (b := c.brief(d.kind) or "").startswith("Shape: ")
                ]
                assert got.shape == (shapes[0] if shapes else got.shape)
    view = plan_worker_view(plan)
    said_as = [line for line in view.splitlines() if re.match(r"- (Audience|Ask|Shape): as \S+$", line)]
    assert said_as, view  # the example plan repeats them within an objective

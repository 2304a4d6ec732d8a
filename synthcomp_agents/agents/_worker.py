"""WorkerAgent: the computer's user, an AssistantAgent over the SimulationWorkbench with a bounded context."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any

from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.base import Response
from autogen_agentchat.messages import BaseAgentEvent, BaseChatMessage
from autogen_core import CancellationToken, ComponentModel
from autogen_core.model_context import ChatCompletionContext
from autogen_core.models import ChatCompletionClient, LLMMessage, SystemMessage
from pydantic import BaseModel, Field
from typing_extensions import Self

from ..models import BoundedChatCompletionContext, EventWriter, count_tokens, tools_tokens
from ..objectives import ObjectivePlan
from ..world import SimulationWorkbench, World, get_world, plan_document_path
from ._prompts import worker_system_prompt

__all__ = ["WorkerAgent", "WorkerAgentConfig", "WorkerPromptContext", "unneeded_tools"]

_TOOL_GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "presentations": (("pptx",), ("create_presentation", "edit_presentation")),
    "spreadsheets": (("xlsx", "csv"), ("create_spreadsheet", "edit_spreadsheet")),
}
"""Tool groups only some plans need: the deliverable kinds that need them, and their tools."""


def unneeded_tools(plan: ObjectivePlan | None) -> list[str]:
    """Tools of the groups the plan needs for none of its deliverables (their schemas stay out of every prompt).

    Without a plan every tool is offered.

    Example:
        >>> from synthcomp_agents.objectives import example_plan
        >>> plan = example_plan()
        >>> sorted({d.kind for d in plan.deliverables()}), unneeded_tools(plan), unneeded_tools(None)
        (['docx', 'md', 'pptx', 'xlsx'], [], [])
        >>> first = plan.objectives[0].model_copy(update={"deliverables": plan.objectives[0].deliverables[:1]})
        >>> first.deliverables[0].kind, unneeded_tools(plan.model_copy(update={"objectives": [first]}))
        ('docx', ['create_presentation', 'edit_presentation', 'create_spreadsheet', 'edit_spreadsheet'])
    """
    if plan is None:
        return []
    kinds = {d.kind for d in plan.deliverables()}
    return [tool for needs, tools in _TOOL_GROUPS.values() if not kinds & set(needs) for tool in tools]


class WorkerAgentConfig(BaseModel):
    """Component config of :class:`WorkerAgent` (the world by id; the model client as a nested component)."""

    name: str
    world: str
    model_client: ComponentModel
    token_budget: int = Field(default=16000, ge=2048)
    summary_budget: int = Field(default=1500, ge=64)
    max_tool_iterations: int = Field(default=40, ge=1)
    description: str | None = None


class WorkerPromptContext(ChatCompletionContext):
    """The worker's model context: its current system prompt followed by a bounded history.

    AutoGen's ``AssistantAgent`` sends ``system_message`` plus ``model_context.get_messages()``; it has no public way
    to change the system message later. The worker is built with ``system_message=None`` and this context instead,
    which puts the system prompt first and lets :meth:`replace` swap prompt and history window together (the window's
    ``reserve_tokens`` depends on the prompt's size). Saved state is the history's state alone.

    Example:
        >>> import asyncio
        >>> from autogen_core.models import UserMessage
        >>> ctx = WorkerPromptContext("You are Ana.", BoundedChatCompletionContext(token_budget=4000))
        >>> asyncio.run(ctx.add_message(UserMessage(content="Good morning.", source="user")))
        >>> [type(m).__name__ for m in asyncio.run(ctx.get_messages())]
        ['SystemMessage', 'UserMessage']
    """

    def __init__(self, system: str, history: BoundedChatCompletionContext) -> None:
        super().__init__()
        self._system = SystemMessage(content=system)
        self._history = history

    @property
    def system(self) -> str:
        """The current system prompt."""
        return self._system.content

    @property
    def history(self) -> BoundedChatCompletionContext:
        """The bounded history after the system prompt."""
        return self._history

    async def replace(self, system: str, history: BoundedChatCompletionContext) -> None:
        """Use a new system prompt and a new (empty) history window that takes over the current history."""
        await history.load_state(await self._history.save_state())
        self._system = SystemMessage(content=system)
        self._history = history

    async def add_message(self, message: LLMMessage) -> None:
        await self._history.add_message(message)

    async def get_messages(self) -> list[LLMMessage]:
        return [self._system, *await self._history.get_messages()]

    async def clear(self) -> None:
        await self._history.clear()

    async def save_state(self) -> Mapping[str, Any]:
        return await self._history.save_state()

    async def load_state(self, state: Mapping[str, Any]) -> None:
        await self._history.load_state(state)


class WorkerAgent(AssistantAgent):
    """The computer's user at work: first person, the world's tools, a work journal, a context under budget.

    The system prompt is built from the user profile and the worker's view of the plan (check values hidden);
    it is refreshed when the world's plan changes (e.g. once the objective setter wrote it). The model context
    is a :class:`BoundedChatCompletionContext` whose ``reserve_tokens`` covers the system prompt and the tool
    schemas, so every request stays within ``token_budget``.

    Args:
        world: the world or its id.
        model_client: the model that acts as the user.
        name: agent name (default ``worker``).
        token_budget: max prompt tokens per model call (system + tools + messages).
        summary_budget: tokens of the rolling summary.
        max_tool_iterations: model calls per agent turn while it keeps calling tools.
        events: where tool events go.
        description: AutoGen description.

    Example:
        >>> from synthcomp_agents.testing import demo_world
        >>> from synthcomp_agents.models import ScriptedPolicyClient
        >>> world = demo_world(world_id="worker-doc")
        >>> worker = WorkerAgent(world, ScriptedPolicyClient(role="worker"))
        >>> worker.dump_component().provider
        'synthcomp_agents.agents.WorkerAgent'
    """

    component_config_schema = WorkerAgentConfig  # type: ignore[assignment]
    component_provider_override = "synthcomp_agents.agents.WorkerAgent"

    def __init__(
        self,
        world: World | str,
        model_client: ChatCompletionClient,
        *,
        name: str = "worker",
        token_budget: int = 16000,
        summary_budget: int = 1500,
        max_tool_iterations: int = 40,
        events: EventWriter | None = None,
        description: str | None = None,
    ) -> None:
        self._world_ref = get_world(world) if isinstance(world, str) else world
        profile = self._world_ref.blueprint.user_profile
        self._sim_workbench = SimulationWorkbench(
            self._world_ref, actor=profile.name, agent=name, events=events, exclude=unneeded_tools(self._world_ref.plan)
        )
        self._token_budget = token_budget
        self._summary_budget = summary_budget
        self._description_text = description
        self._plan_key = self._current_plan_key()
        system = self._system_prompt()
        self._prompt_context = WorkerPromptContext(system, self._make_context(system))
        super().__init__(
            name,
            model_client,
            workbench=self._sim_workbench,
            model_context=self._prompt_context,
            system_message=None,  # the prompt context puts the (refreshable) system prompt first
            description=description or f"{profile.name}, the computer's user, doing the month's work.",
            max_tool_iterations=max_tool_iterations,
            reflect_on_tool_use=False,
        )

    # -- prompt and context ---------------------------------------------------------------------------------

    def _current_plan_key(self) -> str:
        """What the system prompt depends on: the plan, the workday (its brief) and what is submitted."""
        world = self._world_ref
        if world.plan is None:
            return ""
        return f"{world.plan.model_dump_json()}|{world.clock.day_index}|{','.join(sorted(world.submissions))}"

    def _system_prompt(self) -> str:
        world = self._world_ref
        return worker_system_prompt(
            world.blueprint,
            world.plan,
            world.journal_path,
            today=world.clock.day_index + 1,
            submitted=set(world.submissions),
            # the fixed part (system prompt + tool schemas) within a quarter of the budget: the brief shrinks to fit
            max_tokens=self._token_budget // 4 - tools_tokens(self._sim_workbench.schemas()) - 8,
            document=self._plan_document(world),
        )

    @staticmethod
    def _plan_document(world: World) -> str | None:
        """The month plan in full on the disk, if the objective setter left it there."""
        path = plan_document_path(world.journal_path)
        return path if world.plan is not None and world.disk.is_file(path) else None

    def _make_context(self, system: str) -> BoundedChatCompletionContext:
        reserve = count_tokens([SystemMessage(content=system)]) + tools_tokens(self._sim_workbench.schemas()) + 8
        summary = min(self._summary_budget, max(64, (self._token_budget - reserve) // 6))
        return BoundedChatCompletionContext(
            token_budget=self._token_budget,
            summary_budget=summary,
            reserve_tokens=reserve,
            keep_recent_min=2,
            keep_latest_user_message=True,  # the day's brief stays in view all day
        )

    async def _refresh_prompt(self) -> None:
        key = self._current_plan_key()
        if key == self._plan_key:
            return
        self._plan_key = key
        system = self._system_prompt()
        await self._prompt_context.replace(system, self._make_context(system))

    @property
    def world(self) -> World:
        """The world."""
        return self._world_ref

    @property
    def sim_workbench(self) -> SimulationWorkbench:
        """The workbench (set ``.events`` on it to record tool events)."""
        return self._sim_workbench

    @property
    def token_budget(self) -> int:
        """Max prompt tokens per call."""
        return self._token_budget

    async def on_messages_stream(
        self, messages: Sequence[BaseChatMessage], cancellation_token: CancellationToken
    ) -> AsyncGenerator[BaseAgentEvent | BaseChatMessage | Response, None]:
        """Refresh the system prompt if the plan changed, then act as an AssistantAgent on the messages that are not a
        collaborator's turn note (their replies reach the worker as mail)."""
        await self._refresh_prompt()
        people = self._world_ref.collaborators
        # the worker learns of replies through its mailbox, not from the collaborators' turn notes in the group chat
        messages = [m for m in messages if m.source not in people]
        async for item in super().on_messages_stream(messages, cancellation_token):
            yield item

    # -- component ------------------------------------------------------------------------------------------

    def _to_config(self) -> WorkerAgentConfig:  # type: ignore[override]
        return WorkerAgentConfig(
            name=self.name,
            world=self._world_ref.world_id,
            model_client=self._model_client.dump_component(),
            token_budget=self._token_budget,
            summary_budget=self._summary_budget,
            max_tool_iterations=self._max_tool_iterations,
            description=self._description_text,
        )

    @classmethod
    def _from_config(cls, config: WorkerAgentConfig) -> Self:  # type: ignore[override]
        return cls(
            config.world,
            ChatCompletionClient.load_component(config.model_client),
            name=config.name,
            token_budget=config.token_budget,
            summary_budget=config.summary_budget,
            max_tool_iterations=config.max_tool_iterations,
            description=config.description,
        )

    def __repr__(self) -> str:
        return f"WorkerAgent(name={self.name!r}, world={self._world_ref.world_id!r})"

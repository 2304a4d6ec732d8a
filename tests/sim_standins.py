"""Minimal stand-in agents for the orchestration tests (real World, comm tools and disk tools; tiny policies).

``standin_hooks()`` plugs into ``Simulation(config, hooks=...)``. The worker is a real ``AssistantAgent`` with the
disk workbench + comm tools and the bounded context, driven by a deterministic client that decides only from the
messages it receives; the objective setter and collaborators are small ``BaseChatAgent`` subclasses that call
their (recorded) model clients so every role appears in ``trajectory.jsonl``.

The crash test plugs them into the real command line: ``synthcomp simulate ... --hooks sim_standins:standin_hooks``.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncGenerator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from autogen_agentchat.agents import AssistantAgent, BaseChatAgent
from autogen_agentchat.base import Response
from autogen_agentchat.messages import BaseChatMessage, TextMessage
from autogen_core import CancellationToken, FunctionCall
from autogen_core.models import (
    AssistantMessage,
    ChatCompletionClient,
    CreateResult,
    LLMMessage,
    ModelCapabilities,
    ModelInfo,
    RequestUsage,
    SystemMessage,
    UserMessage,
)
from autogen_core.tools import StaticWorkbench, Tool, ToolSchema
from pydantic import BaseModel

from synthcomp_agents.models import EventWriter, RecordingChatCompletionClient, TrajectoryWriter, count_tokens
from synthcomp_agents.objectives import ObjectivePlan
from synthcomp_agents.simulation import BoundedChatCompletionContext
from synthcomp_agents.tools import disk_workbench
from synthcomp_agents.world import World, comm_tools

_INFO = ModelInfo(vision=False, function_calling=True, json_output=True, family="unknown", structured_output=True)


class _Client(ChatCompletionClient):
    """Deterministic base: subclasses implement ``decide(messages, tools)``."""

    def decide(self, messages: Sequence[LLMMessage], tools: Sequence[Tool | ToolSchema]) -> str | list[FunctionCall]:
        raise NotImplementedError

    async def create(
        self,
        messages: Sequence[LLMMessage],
        *,
        tools: Sequence[Tool | ToolSchema] = [],
        tool_choice: Tool | Literal["auto", "required", "none"] = "auto",
        json_output: bool | type[BaseModel] | None = None,
        extra_create_args: Mapping[str, Any] = {},
        cancellation_token: CancellationToken | None = None,
    ) -> CreateResult:
        content = self.decide(messages, tools)
        out = content if isinstance(content, str) else json.dumps([c.arguments for c in content])
        usage = RequestUsage(prompt_tokens=count_tokens(list(messages)), completion_tokens=max(1, len(out) // 4))
        return CreateResult(
            finish_reason="stop" if isinstance(content, str) else "function_calls",
            content=content,
            usage=usage,
            cached=False,
        )

    async def create_stream(
        self, messages: Sequence[LLMMessage], **kwargs: Any
    ) -> AsyncGenerator[str | CreateResult, None]:
        yield await self.create(messages, **kwargs)

    async def close(self) -> None:
        return None

    def actual_usage(self) -> RequestUsage:
        return RequestUsage(prompt_tokens=0, completion_tokens=0)

    def total_usage(self) -> RequestUsage:
        return RequestUsage(prompt_tokens=0, completion_tokens=0)

    def count_tokens(self, messages: Sequence[LLMMessage], *, tools: Sequence[Tool | ToolSchema] = []) -> int:
        return count_tokens(list(messages))

    def remaining_tokens(self, messages: Sequence[LLMMessage], *, tools: Sequence[Tool | ToolSchema] = []) -> int:
        return 128000 - self.count_tokens(messages)

    @property
    def capabilities(self) -> ModelCapabilities:
        return ModelCapabilities(vision=False, function_calling=True, json_output=True)

    @property
    def model_info(self) -> ModelInfo:
        return _INFO


class ConstantClient(_Client):
    def __init__(self, text: str) -> None:
        self.text = text

    def decide(self, messages: Sequence[LLMMessage], tools: Sequence[Tool | ToolSchema]) -> str:
        return self.text


class WorkerPolicy(_Client):
    """Per day: look around, write notes, write the day's deliverable and submit it, mail a colleague, end the day.

    Decides only from the messages: the kickoff ("workday N of M") and how many tool calls followed it.
    """

    def __init__(self, calls_per_day: int = 8) -> None:
        self.calls_per_day = calls_per_day

    def decide(self, messages: Sequence[LLMMessage], tools: Sequence[Tool | ToolSchema]) -> list[FunctionCall]:
        day, after = 1, 0
        plan_ids: list[tuple[str, str]] = []
        colleague = "someone"
        for message in messages:
            if isinstance(message, SystemMessage):
                plan_ids = re.findall(r"deliverable (\S+) at (\S+)", message.content)
                found = re.search(r"colleague: (\S+)", message.content)
                colleague = found.group(1) if found else colleague
            if isinstance(message, UserMessage) and isinstance(message.content, str):
                match = re.search(r"workday (\d+) of", message.content)
                if match:
                    day, after = int(match.group(1)), 0
            elif isinstance(message, AssistantMessage) and not isinstance(message.content, str):
                after += 1
        k = after

        def call(name: str, **args: Any) -> list[FunctionCall]:
            return [FunctionCall(id=f"d{day}c{k}", name=name, arguments=json.dumps(args, sort_keys=True))]

        target = plan_ids[(day - 1) % len(plan_ids)] if plan_ids else None
        if k == 0:
            return call("list_directory", path="Documents")
        if k == 1:
            return call("check_inbox")
        if k == 2:
            text = f"# Day {day}\n\n" + "".join(f"- worked on item {i} of day {day}\n" for i in range(20))
            return call("write_text_file", path=f"Documents/Sim Notes/day-{day:02d}.md", content=text, overwrite=True)
        if k == 3 and target is not None:
            body = f"# {target[0]}\n\nRevision of day {day}.\n\n" + "Findings and numbers. " * 30
            return call("write_text_file", path=target[1], content=body, overwrite=True)
        if k == 4 and target is not None:
            return call("submit_deliverable", deliverable_id=target[0], path=target[1], note=f"day {day}")
        if k == 5 and day % 2 == 1:
            return call("send_message", to=[colleague], subject=f"Question for day {day}", body="What is the figure?")
        if k < self.calls_per_day - 1:
            return call("read_file", path=f"Documents/Sim Notes/day-{day:02d}.md")
        return call("end_day", summary=f"Finished day {day}.")


def standin_plan(world: World) -> ObjectivePlan:
    bp = world.blueprint
    collaborators = sorted(world.collaborators)
    objectives = []
    for o in range(1, 4):
        deliverables = [
            {
                "deliverable_id": f"o{o}-d{d}",
                "path": f"Documents/Deliverables/o{o}-d{d}.md",
                "kind": "md",
                "title": f"Deliverable {o}.{d}",
                "audience": "Team",
                "description": "A short written update grounded in the notes.",
                "acceptance_checks": [{"type": "exists"}],
                "due_day": min(world.clock.days, 5),
                "effort_hours": 4,
            }
            for d in (1, 2)
        ]
        objectives.append(
            {
                "objective_id": f"o{o}",
                "title": f"Objective {o}",
                "why": "It matters to the team.",
                "deliverables": deliverables,
                "collaborators": collaborators[:1],
                "due_day": min(world.clock.days, 5),
                "effort_hours": 8,
            }
        )
    return ObjectivePlan.model_validate(
        {
            "computer_id": bp.computer_id,
            "start_date": world.clock.workdays[0].isoformat(),
            "workdays": max(5, world.clock.days),
            "objectives": objectives,
        }
    )


class StandInSetter(BaseChatAgent):
    def __init__(self, world: World, client: ChatCompletionClient) -> None:
        super().__init__("objective_setter", "Writes the month's plan.")
        self._world = world
        self._client = client

    @property
    def produced_message_types(self) -> Sequence[type[BaseChatMessage]]:
        return (TextMessage,)

    async def on_messages(self, messages: Sequence[BaseChatMessage], cancellation_token: CancellationToken) -> Response:
        plan = standin_plan(self._world)
        await self._client.create([UserMessage(content="Write the plan.", source="simulation")])
        self._world.plan = plan
        return Response(
            chat_message=TextMessage(content=f"Plan with {len(plan.deliverables())} deliverables.", source=self.name)
        )

    async def on_reset(self, cancellation_token: CancellationToken) -> None:
        return None


class StandInCollaborator(BaseChatAgent):
    def __init__(self, world: World, ident: str, client: ChatCompletionClient) -> None:
        super().__init__(ident, f"Collaborator {ident}.")
        self._world = world
        self._client = client
        self.answered = 0

    @property
    def produced_message_types(self) -> Sequence[type[BaseChatMessage]]:
        return (TextMessage,)

    async def on_messages(self, messages: Sequence[BaseChatMessage], cancellation_token: CancellationToken) -> Response:
        persona = self._world.collaborators[self.name]
        me = f"{persona.name} <{persona.email}>"
        box = self._world.mailbox
        for summary in box.pending_for(persona.email):
            mail = box.read(summary.message_id, reader=persona.email)
            result = await self._client.create([UserMessage(content=mail.body, source="mail")])
            assert isinstance(result.content, str)
            box.reply(summary.message_id, me, result.content, deliver_at=box.now() + timedelta(minutes=45))
            self.answered += 1
        return Response(chat_message=TextMessage(content=f"(answered {self.answered} mails so far)", source=self.name))

    async def on_reset(self, cancellation_token: CancellationToken) -> None:
        return None

    async def save_state(self) -> Mapping[str, Any]:
        return {"answered": self.answered}

    async def load_state(self, state: Mapping[str, Any]) -> None:
        self.answered = int(state["answered"])


@dataclass
class StandInParticipants:
    objective_setter: BaseChatAgent | None
    worker: AssistantAgent
    collaborators: dict[str, BaseChatAgent]


def build_standins(
    world: World,
    role_models: Any,
    *,
    recorder: TrajectoryWriter,
    events: EventWriter | None,
    token_budget: int = 16000,
) -> StandInParticipants:
    def rec(role: str, inner: ChatCompletionClient) -> RecordingChatCompletionClient:
        return RecordingChatCompletionClient(inner, recorder, role=role, sim_time=world.clock, latency=lambda r: 0.25)

    plan = world.plan
    lines = [f"You are {world.user_name}."]
    colleague = sorted(world.collaborators)[0]
    lines.append(f"colleague: {colleague}")
    if plan is not None:
        lines += [f"deliverable {d.deliverable_id} at {d.path}" for d in plan.deliverables()]
    worker = AssistantAgent(
        "worker",
        rec("worker", role_models.client_for("worker")),
        workbench=[disk_workbench(world.disk, actor="user"), StaticWorkbench([*comm_tools(world)])],
        model_context=BoundedChatCompletionContext(
            token_budget=token_budget, reserve_tokens=min(3600, token_budget // 4), summary_budget=token_budget // 10
        ),
        system_message="\n".join(lines),
    )
    setter = StandInSetter(world, rec("objective_setter", role_models.client_for("objective_setter")))
    collaborators: dict[str, BaseChatAgent] = {
        ident: StandInCollaborator(world, ident, rec(f"collaborator:{ident}", role_models.client_for(ident)))
        for ident in sorted(world.collaborators)[:3]
    }
    return StandInParticipants(setter, worker, collaborators)


def standin_client(role: str) -> ChatCompletionClient:
    if role == "worker":
        return WorkerPolicy()
    return ConstantClient("The figure is 1,234 units; it is not on your disk.")


def standin_hooks() -> Any:
    from synthcomp_agents.simulation._run import SimulationHooks

    return SimulationHooks(build_participants=build_standins, default_client=standin_client)

"""ObjectiveSetterAgent: reads the computer through read-only tools and writes a validated ObjectivePlan.

(Moved from ``synthcomp_agents.objectives._setter``: an agent that needs the world belongs above the world, and
objectives below it.)

The setter is the environment designer: its prompt carries the profile, the projects and every collaborator's
private facts, so it can write checks a program can verify (``quotes_value`` with a real computed number,
``states_fact`` with a collaborator's fact). The worker later sees the plan without those values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autogen_agentchat.agents import BaseChatAgent
from autogen_agentchat.base import Response
from autogen_agentchat.messages import BaseChatMessage, TextMessage
from autogen_core import CancellationToken, Component, ComponentModel, FunctionCall
from autogen_core.models import (
    AssistantMessage,
    ChatCompletionClient,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    LLMMessage,
    SystemMessage,
    UserMessage,
)
from pydantic import BaseModel, Field, ValidationError
from typing_extensions import Self

from ..computers import ComputerBlueprint
from ..disk import VirtualDisk, get_disk
from ..models import ScriptedPolicyClient
from ..objectives import ObjectivePlan, ObjectiveSetterError, month_start_for, setter_system_prompt, validate_plan
from ..tools import DiskWorkbench
from ..world import get_world, plan_document_path
from ._prompts import plan_document

if TYPE_CHECKING:
    from ..models import RoleModels

__all__ = ["ObjectiveSetterAgent", "ObjectiveSetterAgentConfig", "create_objectives", "create_objectives_async"]


def _json_text(text: str) -> str:
    fenced = re.search(r"```(?:json)?\s*(\{.*\})\s*```", text, re.S)
    if fenced:
        return fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start >= 0 and end > start else text


class ObjectiveSetterAgentConfig(BaseModel):
    """Component config of :class:`ObjectiveSetterAgent` (world by id, or disk by id/URI + blueprint file)."""

    name: str = "objective_setter"
    model_client: ComponentModel
    world: str | None = None
    disk: str | None = None
    blueprint_path: str | None = None
    workdays: int = Field(default=20, ge=1, le=60)
    start_date: date | None = None
    max_steps: int = Field(default=60, ge=1)
    max_repairs: int = Field(default=3, ge=0)
    structured_output: bool = False


class ObjectiveSetterAgent(BaseChatAgent, Component[ObjectiveSetterAgentConfig]):
    """Explores the computer with read-only tools and writes the month's ObjectivePlan, validated and repaired.

    Each turn runs its own tool loop (at most ``max_steps`` model calls): tool calls go to a read-only
    :class:`DiskWorkbench`; a text answer is parsed as an ObjectivePlan and validated against the computer
    (:func:`validate_plan`); problems go back to the model for up to ``max_repairs`` repairs. The plan is kept in
    :attr:`plan` and, in a simulation, set on the world. The chat message only summarizes it (the check values
    must not reach the worker through the group thread).

    Args:
        model_client: the model.
        world: the world or its id (gives disk, blueprint, start date and length); or pass ``disk`` + ``blueprint``.
        disk: the computer's disk (or its id/URI) when there is no world.
        blueprint: the computer's blueprint when there is no world.
        blueprint_path: where the blueprint is stored (for the component config).
        name: agent name.
        workdays: length of the month (default: the world's clock).
        start_date: first day (default: the world's clock, else the Monday after the newest file).
        max_steps: model calls per turn.
        max_repairs: repair rounds after a plan fails validation.
        structured_output: ask the model for the ObjectivePlan schema (``json_output``) on repair calls.

    Example:
        >>> import asyncio
        >>> from autogen_core import CancellationToken
        >>> from synthcomp_agents._demo import build_demo_disk
        >>> from synthcomp_agents.testing import demo_blueprint
        >>> from synthcomp_agents.models import ScriptedPolicyClient
        >>> setter = ObjectiveSetterAgent(ScriptedPolicyClient(role="objective_setter"), disk=build_demo_disk()[0],
        ...                               blueprint=demo_blueprint(), start_date=date(2026, 4, 13))
        >>> _ = asyncio.run(setter.on_messages([], CancellationToken()))
        >>> 3 <= len(setter.plan.objectives) <= 6
        True
    """

    component_type = "agent"
    component_config_schema = ObjectiveSetterAgentConfig
    component_provider_override = "synthcomp_agents.agents.ObjectiveSetterAgent"

    def __init__(
        self,
        model_client: ChatCompletionClient,
        *,
        world: Any = None,
        disk: VirtualDisk | str | None = None,
        blueprint: ComputerBlueprint | None = None,
        blueprint_path: str | None = None,
        name: str = "objective_setter",
        workdays: int | None = None,
        start_date: date | None = None,
        max_steps: int = 60,
        max_repairs: int = 3,
        structured_output: bool = False,
    ) -> None:
        super().__init__(name, "Writes the month's objectives after reading the computer.")
        self._client = model_client
        self._world = get_world(world) if isinstance(world, str) else world
        if self._world is not None:
            disk = self._world.disk
            blueprint = self._world.blueprint
        if blueprint is None and blueprint_path is not None:
            blueprint = ComputerBlueprint.from_json(Path(blueprint_path).read_text(encoding="utf-8"))
        if disk is None or blueprint is None:
            raise ValueError("ObjectiveSetterAgent needs a world, or a disk and a blueprint (or blueprint_path)")
        self._disk = get_disk(disk) if isinstance(disk, str) else disk
        self._disk_ref = disk if isinstance(disk, str) else None
        self._blueprint = blueprint
        self._blueprint_path = blueprint_path
        clock = self._world.clock if self._world is not None else None
        self._workdays = workdays or (clock.days if clock is not None else 20)
        self._start = start_date or (clock.workdays[0] if clock is not None else month_start_for(self._disk))
        self._max_steps = max_steps
        self._max_repairs = max_repairs
        self._structured = structured_output
        self._workbench = DiskWorkbench(self._disk, read_only=True, max_result_chars=7000)
        self.plan: ObjectivePlan | None = self._world.plan if self._world is not None else None
        self.problems: list[list[str]] = []

    @property
    def produced_message_types(self) -> Sequence[type[BaseChatMessage]]:
        return (TextMessage,)

    @property
    def model_client(self) -> ChatCompletionClient:
        """The model client."""
        return self._client

    async def write_plan(self, cancellation_token: CancellationToken | None = None) -> ObjectivePlan:
        """Run the exploration + writing loop and return a validated plan.

        Raises:
            ObjectiveSetterError: No valid plan within ``max_steps`` calls and ``max_repairs`` repairs.
        """
        token = cancellation_token or CancellationToken()
        tools = await self._workbench.list_tools()
        context: list[LLMMessage] = [
            SystemMessage(content=setter_system_prompt(self._blueprint, self._start, self._workdays)),
            UserMessage(content="Explore the computer, then write the ObjectivePlan JSON.", source="user"),
        ]
        repairs = 0
        for _ in range(self._max_steps):
            structured = self._structured and repairs > 0
            result = await self._client.create(
                context,
                tools=[] if structured else tools,
                json_output=ObjectivePlan if structured else None,
                cancellation_token=token,
            )
            if not isinstance(result.content, str):
                calls = [c for c in result.content if isinstance(c, FunctionCall)]
                context.append(AssistantMessage(content=calls, source=self.name, thought=result.thought))
                results = []
                for call in calls:
                    try:
                        arguments = json.loads(call.arguments)
                    except ValueError:
                        arguments = None
                    out = await self._workbench.call_tool(call.name, arguments, token, call.id)
                    results.append(
                        FunctionExecutionResult(
                            content=out.to_text(), name=call.name, call_id=call.id, is_error=out.is_error
                        )
                    )
                context.append(FunctionExecutionResultMessage(content=results))
                continue
            context.append(AssistantMessage(content=result.content, source=self.name))
            plan, problems = self._check(result.content)
            if plan is not None and not problems:
                self.plan = plan
                return plan
            self.problems.append(problems)
            if repairs >= self._max_repairs:
                break
            repairs += 1
            context.append(
                UserMessage(
                    content="Your plan has problems; fix them and answer with the complete corrected JSON:\n- "
                    + "\n- ".join(problems[:20]),
                    source="validator",
                )
            )
        last = self.problems[-1] if self.problems else ["no plan was written"]
        raise ObjectiveSetterError(
            f"no valid ObjectivePlan after {repairs} repair(s); last problems: {'; '.join(last[:5])}"
        )

    def _check(self, text: str) -> tuple[ObjectivePlan | None, list[str]]:
        try:
            plan = ObjectivePlan.model_validate_json(_json_text(text))
        except ValidationError as exc:
            return None, [
                f"{'.'.join(str(x) for x in e['loc']) or '(plan)'}: {e['msg']}" for e in exc.errors()[:20]
            ] or ["the answer is not a valid ObjectivePlan JSON object"]
        return plan, validate_plan(plan, self._blueprint, self._disk)

    async def on_messages(self, messages: Sequence[BaseChatMessage], cancellation_token: CancellationToken) -> Response:
        """Write the plan (once) and announce it without its check values."""
        if self.plan is None:
            written = await self.write_plan(cancellation_token)
            if self._world is not None:
                self._world.plan = written
                # the plan in full where the worker can read it on demand (its morning brief details what is due soon)
                world = self._world
                world.disk.write_text(
                    plan_document_path(world.journal_path), plan_document(written, world.blueprint), actor=self.name
                )
        plan = self.plan
        assert plan is not None
        text = (
            f"The plan for the month is ready: {len(plan.objectives)} objectives, {len(plan.deliverables())} "
            f"deliverables over {plan.workdays} workdays from {plan.start_date.isoformat()}."
        )
        return Response(chat_message=TextMessage(content=text, source=self.name))

    async def on_reset(self, cancellation_token: CancellationToken) -> None:
        self.problems = []

    async def save_state(self) -> Mapping[str, Any]:
        return {"type": "ObjectiveSetterState", "plan": self.plan.model_dump(mode="json") if self.plan else None}

    async def load_state(self, state: Mapping[str, Any]) -> None:
        data = state.get("plan")
        self.plan = ObjectivePlan.model_validate(data) if data else None

    def _to_config(self) -> ObjectiveSetterAgentConfig:
        return ObjectiveSetterAgentConfig(
            name=self.name,
            model_client=self._client.dump_component(),
            world=self._world.world_id if self._world is not None else None,
            disk=None if self._world is not None else (self._disk_ref or self._disk.uri),
            blueprint_path=self._blueprint_path,
            workdays=self._workdays,
            start_date=self._start,
            max_steps=self._max_steps,
            max_repairs=self._max_repairs,
            structured_output=self._structured,
        )

    @classmethod
    def _from_config(cls, config: ObjectiveSetterAgentConfig) -> Self:
        return cls(
            ChatCompletionClient.load_component(config.model_client),
            world=config.world,
            disk=config.disk,
            blueprint_path=config.blueprint_path,
            name=config.name,
            workdays=config.workdays,
            start_date=config.start_date,
            max_steps=config.max_steps,
            max_repairs=config.max_repairs,
            structured_output=config.structured_output,
        )


async def create_objectives_async(
    computer_dir: str | Path,
    role_models: RoleModels | None = None,
    *,
    workdays: int = 20,
    start_date: date | None = None,
    seed: int = 0,
) -> ObjectivePlan:
    """Async twin of :func:`create_objectives`."""
    from ..computers import COMPUTER_ARCHIVE, COMPUTER_HOME, COMPUTER_JSON
    from ..models import RoleModels as _RoleModels

    folder = Path(computer_dir)
    blueprint_file = folder / COMPUTER_JSON
    if not blueprint_file.is_file():
        raise FileNotFoundError(f"{folder} is not a computer folder: {COMPUTER_JSON} is missing")
    blueprint = ComputerBlueprint.from_json(blueprint_file.read_text(encoding="utf-8"))
    if (folder / COMPUTER_ARCHIVE).is_file():
        disk = VirtualDisk.from_archive(folder / COMPUTER_ARCHIVE)
    elif (folder / COMPUTER_HOME).is_dir():
        disk = get_disk((folder / COMPUTER_HOME).resolve().as_uri())
    else:
        raise FileNotFoundError(f"{folder} has neither {COMPUTER_ARCHIVE} nor {COMPUTER_HOME}/")
    models = role_models or _RoleModels({}, default=lambda role: ScriptedPolicyClient(role=role, seed=seed))
    setter = ObjectiveSetterAgent(
        models.client_for("objective_setter"),
        disk=disk,
        blueprint=blueprint,
        blueprint_path=str(blueprint_file),
        workdays=workdays,
        start_date=start_date,
    )
    return await setter.write_plan()


def create_objectives(
    computer_dir: str | Path,
    role_models: RoleModels | None = None,
    *,
    workdays: int = 20,
    start_date: date | None = None,
    seed: int = 0,
) -> ObjectivePlan:
    """Write the month's plan for a saved computer folder (``computer.json`` + ``computer.scdisk`` or ``home/``).

    Args:
        computer_dir: the computer folder.
        role_models: model per role (default: the scripted policy).
        workdays: length of the month.
        start_date: first day (default: the Monday after the newest file).
        seed: seed of the default scripted policy.

    Returns:
        A plan validated against the computer (the caller writes ``objectives.json``).

    Raises:
        FileNotFoundError: Not a computer folder.
        ObjectiveSetterError: No valid plan within the repair budget.

    Works in plain scripts and inside a running event loop (e.g. a Jupyter cell): there the coroutine runs on a
    worker thread with its own loop, and this call blocks until it is done (in async code, prefer awaiting
    :func:`create_objectives_async`).

    Example:
        >>> create_objectives("out/c1")  # doctest: +SKIP
    """
    import asyncio
    import concurrent.futures

    coro = create_objectives_async(computer_dir, role_models, workdays=workdays, start_date=start_date, seed=seed)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # a loop is running: use a fresh one
        return pool.submit(asyncio.run, coro).result()

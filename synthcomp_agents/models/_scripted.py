"""ScriptedPolicyClient: a deterministic, offline ChatCompletionClient with a competent rule-based policy per role.

The policies decide only from the messages and tool schemas they receive, like a model would: the worker from its
system prompt (profile + plan), its memo (see ``_scripted_worker``), tool results and mail; the objective setter
from the computer description in its prompt and its own exploration; a collaborator from its persona and the one
mail it is shown; the judge from the rubric and deliverable text in its prompt.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, Literal

from autogen_core import CancellationToken, Component, FunctionCall
from autogen_core.models import (
    AssistantMessage,
    ChatCompletionClient,
    CreateResult,
    LLMMessage,
    ModelCapabilities,
    ModelFamily,
    ModelInfo,
    RequestUsage,
    SystemMessage,
    UserMessage,
)
from autogen_core.tools import Tool, ToolSchema
from pydantic import BaseModel, Field
from typing_extensions import Self

from ._scripted_adversaries import ADVERSARY_VARIANTS, AdversaryPolicy
from ._scripted_natural import NaturalWorkerPolicy
from ._scripted_people import collaborator_reply, judge_reply
from ._scripted_setter import setter_decide
from ._scripted_text import system_text, user_text
from ._scripted_worker import WorkerPolicy
from ._tokens import REPLY_PRIMING_TOKENS, count_text, message_tokens, tools_tokens

__all__ = ["SCRIPTED_MODEL_INFO", "ScriptedPolicyClient", "ScriptedPolicyClientConfig", "scripted_role"]

SCRIPTED_MODEL_INFO: ModelInfo = {
    "vision": False,
    "function_calling": True,
    "json_output": True,
    "family": ModelFamily.UNKNOWN,
    "structured_output": True,
    "multiple_system_messages": True,
}
"""What the scripted client supports (tools, JSON)."""

WORKER_VARIANTS = ("competent", "natural", "lazy", "sloppy", "random", *ADVERSARY_VARIANTS)
Role = Literal["worker", "objective_setter", "collaborator", "judge"]


def scripted_role(role: str) -> Role:
    """Map a recording role (``collaborator:dana_lee``) to a policy role.

    Example:
        >>> scripted_role("collaborator:dana_lee")
        'collaborator'
    """
    base = role.split(":", 1)[0]
    if base not in ("worker", "objective_setter", "collaborator", "judge"):
        raise ValueError(f"unknown role {role!r}; expected worker, objective_setter, collaborator[:<name>] or judge")
    return base  # type: ignore[return-value]


class ScriptedPolicyClientConfig(BaseModel):
    """Config of :class:`ScriptedPolicyClient`."""

    role: str = Field(description="worker | objective_setter | collaborator | judge (collaborator:<name> accepted).")
    variant: str = Field(
        default="competent",
        description="Worker policy variant: competent (default), natural, the graded baselines lazy, sloppy, random, "
        "or an adversary (see models._scripted_adversaries).",
    )
    seed: int = 0


class ScriptedPolicyClient(ChatCompletionClient, Component[ScriptedPolicyClientConfig]):
    """Deterministic offline model: a rule-based policy per role, deciding only from the request it gets.

    Args:
        role: ``worker``, ``objective_setter``, ``collaborator`` (or ``collaborator:<name>``) or ``judge``.
        variant: the worker's policy: ``competent`` (default); ``natural`` (the competent plan, asking in free-form
            sentences, several questions a mail, writing numbers and dates as people do, waiting with ``wait``);
            graded baselines for reward validation: ``lazy`` (skips its sources and collaborators and invents
            figures), ``sloppy`` (wrong paths, missing deliverables, stray copies) and ``random`` (random tool
            calls); the adversaries of ``_scripted_adversaries`` (``label_shuffle``, ``date_dump``, ...) game the
            checks. Other roles ignore it.
        seed: varies details deterministically.

    Example:
        >>> import asyncio
        >>> from autogen_core.models import SystemMessage, UserMessage
        >>> client = ScriptedPolicyClient(role="collaborator")
        >>> system = SystemMessage(content="You are Dana Lee, Controller at Acme.\\nYour communication style: terse.\\n"
        ...                        "- [Q3 budget] Travel is cut by 15% from 1 October.")
        >>> mail = UserMessage(content="From: Ana Ruiz <ana@acme.example>\\nSubject: Question: Q3 budget\\n\\n"
        ...                    "What is the latest on the Q3 budget?", source="mail")
        >>> print(asyncio.run(client.create([system, mail])).content)
        Travel is cut by 15% from 1 October.
        <BLANKLINE>
        - Dana
    """

    component_type = "model"
    component_config_schema = ScriptedPolicyClientConfig
    component_provider_override = "synthcomp_agents.models.ScriptedPolicyClient"

    def __init__(self, role: str = "worker", variant: str = "competent", seed: int = 0) -> None:
        if variant not in WORKER_VARIANTS:
            raise ValueError(f"unknown variant {variant!r}; expected one of {', '.join(WORKER_VARIANTS)}")
        self._role_label = role
        self._role = scripted_role(role)
        self._variant = variant
        self._seed = seed
        self._worker: WorkerPolicy | AdversaryPolicy
        if variant in ADVERSARY_VARIANTS:
            self._worker = AdversaryPolicy(seed, variant)
        elif variant == "natural":
            self._worker = NaturalWorkerPolicy(seed)
        else:
            self._worker = WorkerPolicy(seed, variant)
        self._total = RequestUsage(prompt_tokens=0, completion_tokens=0)
        self._last = RequestUsage(prompt_tokens=0, completion_tokens=0)
        self._token_memo: OrderedDict[int, tuple[LLMMessage, int]] = OrderedDict()
        self._props: dict[tuple[str, ...], dict[str, set[str]]] = {}
        self._tools_tokens: dict[tuple[str, ...], int] = {}
        self.calls = 0

    @property
    def role(self) -> str:
        """The policy role."""
        return self._role

    # -- the policy ---------------------------------------------------------------------------------------

    def _tool_props(self, tools: Sequence[Tool | ToolSchema]) -> dict[str, set[str]]:
        schemas = [t.schema if isinstance(t, Tool) else t for t in tools]
        key = tuple(s["name"] for s in schemas)
        props = self._props.get(key)
        if props is None:
            props = {}
            for schema in schemas:
                parameters: Mapping[str, Any] = schema.get("parameters") or {}
                props[schema["name"]] = set(parameters.get("properties", {}))
            self._props[key] = props
        return props

    def _decide(
        self, messages: list[LLMMessage], tools: Sequence[Tool | ToolSchema]
    ) -> tuple[str | list[FunctionCall], str | None]:
        if self._role == "worker":
            decision = self._worker.decide(messages, self._tool_props(tools))
            if decision.call is None or not tools:
                return decision.text or "Continuing.", decision.thought(messages)
            name, args = decision.call[0], decision.call[1]
            call = FunctionCall(
                id=f"call_{decision.memo['k']}", name=str(name), arguments=json.dumps(args, ensure_ascii=False)
            )
            return [call], decision.thought(messages)
        if self._role == "objective_setter":
            note, name, args = setter_decide(messages, self._seed)
            if name is None or not tools:
                return note, None
            count = sum(1 for m in messages if not isinstance(m, UserMessage))
            return [FunctionCall(id=f"setter_{count}", name=name, arguments=json.dumps(args))], note
        system = system_text(messages)
        last = next((user_text(m) for m in reversed(messages) if isinstance(m, UserMessage)), "")
        if self._role == "collaborator":
            return collaborator_reply(system, last, _history(messages)), None
        return judge_reply(system, last), None

    def _prompt_tokens(self, messages: Sequence[LLMMessage], tools: Sequence[Tool | ToolSchema]) -> int:
        total = REPLY_PRIMING_TOKENS
        memo = self._token_memo
        for message in messages:
            key = id(message)
            hit = memo.get(key)
            if hit is not None and hit[0] is message:
                memo.move_to_end(key)
                total += hit[1]
                continue
            tokens = message_tokens(message)
            memo[key] = (message, tokens)
            total += tokens
        while len(memo) > 256:
            memo.popitem(last=False)
        if not tools:
            return total
        names = tuple(t.name if isinstance(t, Tool) else t["name"] for t in tools)
        cached = self._tools_tokens.get(names)
        if cached is None:
            cached = tools_tokens(tools)
            self._tools_tokens[names] = cached
        return total + cached

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
        """Decide the next response from ``messages`` and ``tools`` (deterministic)."""
        use_tools = tools if tool_choice != "none" else []
        content, thought = self._decide(list(messages), use_tools)
        completion = (
            count_text(content) if isinstance(content, str) else sum(count_text(c.arguments) + 8 for c in content)
        ) + (count_text(thought) if thought else 0)
        usage = RequestUsage(prompt_tokens=self._prompt_tokens(messages, use_tools), completion_tokens=completion)
        self._last = usage
        self._total = RequestUsage(
            prompt_tokens=self._total.prompt_tokens + usage.prompt_tokens,
            completion_tokens=self._total.completion_tokens + usage.completion_tokens,
        )
        self.calls += 1
        return CreateResult(
            finish_reason="stop" if isinstance(content, str) else "function_calls",
            content=content,
            usage=usage,
            cached=False,
            thought=thought,
        )

    async def create_stream(
        self,
        messages: Sequence[LLMMessage],
        *,
        tools: Sequence[Tool | ToolSchema] = [],
        tool_choice: Tool | Literal["auto", "required", "none"] = "auto",
        json_output: bool | type[BaseModel] | None = None,
        extra_create_args: Mapping[str, Any] = {},
        cancellation_token: CancellationToken | None = None,
    ) -> AsyncGenerator[str | CreateResult, None]:
        """One chunk: the final ``CreateResult``."""
        yield await self.create(
            messages,
            tools=tools,
            tool_choice=tool_choice,
            json_output=json_output,
            extra_create_args=extra_create_args,
            cancellation_token=cancellation_token,
        )

    async def close(self) -> None:
        """Nothing to close."""

    def actual_usage(self) -> RequestUsage:
        return self._last

    def total_usage(self) -> RequestUsage:
        return self._total

    def count_tokens(self, messages: Sequence[LLMMessage], *, tools: Sequence[Tool | ToolSchema] = []) -> int:
        return self._prompt_tokens(messages, tools)

    def remaining_tokens(self, messages: Sequence[LLMMessage], *, tools: Sequence[Tool | ToolSchema] = []) -> int:
        return max(0, 128_000 - self.count_tokens(messages, tools=tools))

    @property
    def capabilities(self) -> ModelCapabilities:
        return ModelCapabilities(vision=False, function_calling=True, json_output=True)

    @property
    def model_info(self) -> ModelInfo:
        return dict(SCRIPTED_MODEL_INFO)  # type: ignore[return-value]

    def _to_config(self) -> ScriptedPolicyClientConfig:
        return ScriptedPolicyClientConfig(role=self._role_label, variant=self._variant, seed=self._seed)

    @classmethod
    def _from_config(cls, config: ScriptedPolicyClientConfig) -> Self:
        return cls(role=config.role, variant=config.variant, seed=config.seed)


def _history(messages: list[LLMMessage]) -> list[tuple[bool, str]]:
    """A collaborator's earlier mail with the user: (mine, text) between the system messages and the last mail."""
    body = [m for m in messages if not isinstance(m, SystemMessage)][:-1]
    out: list[tuple[bool, str]] = []
    for message in body:
        if isinstance(message, AssistantMessage) and isinstance(message.content, str):
            out.append((True, message.content))
        elif isinstance(message, UserMessage):
            out.append((False, user_text(message)))
    return out

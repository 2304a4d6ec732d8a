"""A ChatCompletionClient wrapper that records every call as one line of the trajectory (plain or ``.zst``)."""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from autogen_core import CancellationToken, Component, ComponentModel, FunctionCall
from autogen_core.models import (
    ChatCompletionClient,
    CreateResult,
    LLMMessage,
    ModelCapabilities,
    ModelInfo,
    RequestUsage,
)
from autogen_core.tools import Tool, ToolSchema
from pydantic import BaseModel
from typing_extensions import Self

from ._openai_format import function_call_to_openai, to_openai_messages, to_openai_tools
from ._recorder import TrajectoryWriter, iso_time

__all__ = ["RecordingChatCompletionClient", "RecordingChatCompletionClientConfig", "openai_request"]


class RecordingChatCompletionClientConfig(BaseModel):
    """Config of :class:`RecordingChatCompletionClient` (callables such as ``sim_time`` are not serialized)."""

    inner: ComponentModel
    role: str
    trajectory_path: str


def openai_request(
    inner: ChatCompletionClient,
    messages: Sequence[LLMMessage],
    tools: Sequence[Tool | ToolSchema],
    tool_choice: Tool | Literal["auto", "required", "none"],
    json_output: bool | type[BaseModel] | None,
    extra_create_args: Mapping[str, Any],
) -> dict[str, Any]:
    """The request in OpenAI chat format, exactly as ``inner`` sends it when it is an OpenAI-compatible client.

    For AutoGen's OpenAI clients the client's own request builder is used (system-message merging, name
    handling and model-family transforms included); for any other client the messages go through AutoGen's
    default OpenAI conversion.
    """
    request: dict[str, Any] | None = None
    builder = getattr(inner, "_process_create_args", None)
    if builder is not None:
        try:
            params = builder(messages, tools, tool_choice, json_output, extra_create_args)
            from ._openai_format import _plain

            request = {"messages": _plain(list(params.messages)), "tools": _plain(list(params.tools))}
        except Exception:  # the inner client will raise the same error from create(); record the generic form
            request = None
    if request is None:
        request = {"messages": to_openai_messages(messages), "tools": to_openai_tools(tools)}
    if tools:
        if isinstance(tool_choice, Tool):
            request["tool_choice"] = {"type": "function", "function": {"name": tool_choice.schema["name"]}}
        else:
            request["tool_choice"] = tool_choice
    if json_output is not None:
        request["json_output"] = json_output if isinstance(json_output, bool) else json_output.__name__
    if extra_create_args:
        request["extra_create_args"] = dict(extra_create_args)
    return request


def _response(result: CreateResult) -> dict[str, Any]:
    out: dict[str, Any] = {"finish_reason": result.finish_reason}
    if isinstance(result.content, str):
        out["content"] = result.content
        out["tool_calls"] = None
    else:
        out["content"] = None
        out["tool_calls"] = [function_call_to_openai(c) for c in result.content if isinstance(c, FunctionCall)]
    if result.thought is not None:
        out["thought"] = result.thought
    return out


class RecordingChatCompletionClient(ChatCompletionClient, Component[RecordingChatCompletionClientConfig]):
    """Wrap any ``ChatCompletionClient`` and append each call to ``trajectory.jsonl`` (one JSON line per call).

    Each line: ``seq`` (global), ``role``, ``turn`` (per role), ``sim_time``, ``request`` (``messages`` and
    ``tools`` in OpenAI format exactly as sent, ``tool_choice``, ...), ``response`` (``content`` or
    ``tool_calls``, ``finish_reason``), ``usage`` (``prompt_tokens``, ``completion_tokens``), ``latency_s``,
    ``cached`` and, when the inner call failed, ``error`` (the exception is re-raised).

    Args:
        inner: the client that answers.
        sink: the trajectory writer (share one per run: :meth:`TrajectoryWriter.shared`).
        role: ``worker``, ``objective_setter``, ``collaborator:<name>`` or ``judge``.
        sim_time: returns the simulated time of the call (e.g. a ``SimClock``); None records ``null``.
        latency: maps the result to the recorded ``latency_s``; default the measured wall time. Inject a
            deterministic one (e.g. ``lambda r: 0.5 + 0.01 * r.usage.completion_tokens``) for byte-identical runs.

    Example:
        >>> import asyncio, os, tempfile
        >>> from autogen_core.models import UserMessage
        >>> from autogen_ext.models.replay import ReplayChatCompletionClient
        >>> path = os.path.join(tempfile.mkdtemp(), "trajectory.jsonl")
        >>> client = RecordingChatCompletionClient(ReplayChatCompletionClient(["Hi Ana."]), TrajectoryWriter(path),
        ...                                        role="worker", latency=lambda result: 1.0)
        >>> asyncio.run(client.create([UserMessage(content="Hello", source="user")])).content
        'Hi Ana.'
        >>> open(path).read()[:40]
        '{"seq":0,"role":"worker","turn":0,"sim_t'
    """

    component_type = "model"
    component_config_schema = RecordingChatCompletionClientConfig
    component_provider_override = "synthcomp_agents.models.RecordingChatCompletionClient"

    def __init__(
        self,
        inner: ChatCompletionClient,
        sink: TrajectoryWriter,
        role: str,
        sim_time: Callable[[], datetime] | None = None,
        *,
        latency: Callable[[CreateResult], float] | None = None,
    ) -> None:
        if not isinstance(role, str) or not role:
            raise ValueError(f"role must be a non-empty string such as 'worker', got {role!r}")
        self._inner = inner
        self._sink = sink
        self._role = role
        self._sim_time = sim_time
        self._latency = latency

    @property
    def inner(self) -> ChatCompletionClient:
        """The wrapped client."""
        return self._inner

    @property
    def role(self) -> str:
        """The recorded role."""
        return self._role

    @property
    def sink(self) -> TrajectoryWriter:
        """The trajectory writer."""
        return self._sink

    def _write(
        self,
        request: dict[str, Any],
        result: CreateResult | None,
        wall: float,
        error: BaseException | None,
        sim_time: datetime | None,
    ) -> None:
        fields: dict[str, Any] = {"role": self._role, "sim_time": iso_time(sim_time), "request": request}
        if result is not None:
            fields["response"] = _response(result)
            fields["usage"] = {
                "prompt_tokens": result.usage.prompt_tokens,
                "completion_tokens": result.usage.completion_tokens,
            }
            fields["latency_s"] = round(float(self._latency(result) if self._latency else wall), 6)
            fields["cached"] = result.cached
        else:
            fields["response"] = None
            fields["usage"] = None
            fields["latency_s"] = round(wall, 6) if self._latency is None else 0.0
            fields["error"] = f"{type(error).__name__}: {error}"
        self._sink.record(fields)

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
        """Call the inner client and record the call (see the class docstring)."""
        request = openai_request(self._inner, messages, tools, tool_choice, json_output, extra_create_args)
        sim_time = self._sim_time() if self._sim_time is not None else None
        start = time.perf_counter()
        try:
            result = await self._inner.create(
                messages,
                tools=tools,
                tool_choice=tool_choice,
                json_output=json_output,
                extra_create_args=extra_create_args,
                cancellation_token=cancellation_token,
            )
        except Exception as exc:
            self._write(request, None, time.perf_counter() - start, exc, sim_time)
            raise
        self._write(request, result, time.perf_counter() - start, None, sim_time)
        return result

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
        """Stream from the inner client; the final ``CreateResult`` is recorded."""
        request = openai_request(self._inner, messages, tools, tool_choice, json_output, extra_create_args)
        sim_time = self._sim_time() if self._sim_time is not None else None
        start = time.perf_counter()
        result: CreateResult | None = None
        try:
            async for item in self._inner.create_stream(
                messages,
                tools=tools,
                tool_choice=tool_choice,
                json_output=json_output,
                extra_create_args=extra_create_args,
                cancellation_token=cancellation_token,
            ):
                if isinstance(item, CreateResult):
                    result = item
                yield item
        except Exception as exc:
            self._write(request, None, time.perf_counter() - start, exc, sim_time)
            raise
        if result is None:
            err = RuntimeError("the inner client's stream ended without a CreateResult")
            self._write(request, None, time.perf_counter() - start, err, sim_time)
            raise err
        self._write(request, result, time.perf_counter() - start, None, sim_time)

    async def close(self) -> None:
        """Close the inner client (the shared trajectory writer stays open)."""
        await self._inner.close()

    def actual_usage(self) -> RequestUsage:
        return self._inner.actual_usage()

    def total_usage(self) -> RequestUsage:
        return self._inner.total_usage()

    def count_tokens(self, messages: Sequence[LLMMessage], *, tools: Sequence[Tool | ToolSchema] = []) -> int:
        return self._inner.count_tokens(messages, tools=tools)

    def remaining_tokens(self, messages: Sequence[LLMMessage], *, tools: Sequence[Tool | ToolSchema] = []) -> int:
        return self._inner.remaining_tokens(messages, tools=tools)

    @property
    def capabilities(self) -> ModelCapabilities:
        return self._inner.capabilities

    @property
    def model_info(self) -> ModelInfo:
        return self._inner.model_info

    def _to_config(self) -> RecordingChatCompletionClientConfig:
        return RecordingChatCompletionClientConfig(
            inner=self._inner.dump_component(), role=self._role, trajectory_path=str(self._sink.path)
        )

    @classmethod
    def _from_config(cls, config: RecordingChatCompletionClientConfig) -> Self:
        inner = ChatCompletionClient.load_component(config.inner)
        return cls(inner, TrajectoryWriter.shared(config.trajectory_path), config.role)

"""Every model call a bounded, classified operation: timeouts, retries with backoff, faults counted.

:class:`ResilientChatCompletionClient` wraps a real model client (the ones a model config builds). Each call:

* runs under a per-attempt wall limit (``timeout_s``); the attempt is cancelled when it expires, and cancelling
  reaches the HTTP request (AutoGen's OpenAI client links the request future to the cancellation token, and the
  awaiting task is cancelled too);
* **transport faults** (429, 408/409/5xx, timeouts, refused or dropped connections) and **body faults** (a body that
  is not JSON, an empty ``choices`` list, a response the client cannot read) are retried with exponential backoff
  and jitter, honouring ``Retry-After``, up to ``attempts`` attempts;
* **own-output faults** (a tool call to a tool that was not offered, arguments that are not a JSON object, a
  required argument missing) are re-asked up to ``repairs`` times (same request: the conversation stays clean);
  after that the answer goes back to the agent, whose tool step answers the model with an error it can correct;
* permanent errors (400, 401, 403, 404, 422) are not retried.

Every fault is reported to a :class:`ModelFaults` (counts for ``run.json`` and a listener the simulation turns
into ``model_fault`` events of ``events.jsonl``). When a call runs out of attempts it raises
:class:`ModelCallError`, naming the role, the endpoint, the fault and the attempts; the fault log keeps it as
``last_failure`` so the simulation can stop the segment with that cause.

Example:
    >>> import asyncio
    >>> from autogen_core.models import UserMessage
    >>> from autogen_ext.models.replay import ReplayChatCompletionClient
    >>> faults = ModelFaults()
    >>> client = ResilientChatCompletionClient(ReplayChatCompletionClient(["Hi."]), role="worker", faults=faults)
    >>> asyncio.run(client.create([UserMessage(content="Hello", source="user")])).content
    'Hi.'
    >>> faults.summary()["calls"]
    1
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random
import time
from collections.abc import AsyncGenerator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from autogen_core import CancellationToken, ComponentModel, FunctionCall
from autogen_core.models import (
    ChatCompletionClient,
    CreateResult,
    LLMMessage,
    ModelCapabilities,
    ModelInfo,
    RequestUsage,
)
from autogen_core.tools import Tool, ToolSchema
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "FAULT_KINDS",
    "ModelCallError",
    "ModelFaults",
    "ResilientChatCompletionClient",
    "RetrySettings",
    "classify_model_error",
]

FAULT_KINDS = (
    "rate_limit",
    "server_error",
    "timeout",
    "connection",
    "bad_body",
    "empty_choices",
    "bad_tool_arguments",
    "unknown_tool",
    "missing_argument",
    "client_error",
    "other",
)
"""Fault kinds: transport (``rate_limit``, ``server_error``, ``timeout``, ``connection``), body (``bad_body``,
``empty_choices``, ``other``), the model's own output (``bad_tool_arguments``, ``unknown_tool``,
``missing_argument``) and permanent (``client_error``: 400/401/403/404/422, never retried)."""

_OWN_OUTPUT = frozenset({"bad_tool_arguments", "unknown_tool", "missing_argument"})
_PERMANENT_STATUS = frozenset({400, 401, 403, 404, 422})
_PERMANENT_NAMES = frozenset(
    {"AuthenticationError", "PermissionDeniedError", "BadRequestError", "NotFoundError", "UnprocessableEntityError"}
)
_TIMEOUT_NAMES = frozenset({"APITimeoutError", "TimeoutError", "ReadTimeout", "ConnectTimeout", "WriteTimeout"})
_CONNECTION_NAMES = frozenset(
    {"APIConnectionError", "ConnectionError", "RemoteProtocolError", "ConnectError", "ReadError", "OSError"}
)


class RetrySettings(BaseModel):
    """How one role's model calls are bounded and retried (the ``retry:`` key of a role in a model config).

    Attributes:
        timeout_s: wall limit of one attempt; the attempt (and its HTTP request) is cancelled when it expires.
        attempts: attempts per call for transport and body faults (the first included).
        backoff_s: delay before the second attempt; doubles each attempt.
        max_backoff_s: cap of one delay (a longer ``Retry-After`` is honoured up to ``max_retry_after_s``).
        jitter: fraction of each delay drawn at random (0: none; 1: full jitter).
        max_retry_after_s: longest ``Retry-After`` honoured; a server asking for more makes the call fail.
        repairs: re-asks when the model's tool calls are malformed (unknown tool, arguments not a JSON object,
            a required argument missing) before the answer goes back to the agent as a tool error.

    Example:
        >>> RetrySettings(attempts=3, backoff_s=1.0, jitter=0.0).delay(2, None)
        2.0
    """

    model_config = ConfigDict(extra="forbid")

    timeout_s: float = Field(default=120.0, gt=0)
    attempts: int = Field(default=8, ge=1, le=100)
    backoff_s: float = Field(default=1.0, ge=0)
    max_backoff_s: float = Field(default=30.0, ge=0)
    jitter: float = Field(default=0.5, ge=0, le=1)
    max_retry_after_s: float = Field(default=120.0, ge=0)
    repairs: int = Field(default=2, ge=0, le=20)

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random | None = None) -> float:
        """Seconds to wait after failed attempt ``attempt`` (1-based): backoff with jitter, at least ``Retry-After``."""
        raw = min(self.max_backoff_s, self.backoff_s * (2.0 ** max(0, attempt - 1)))
        if self.jitter > 0:
            raw *= 1.0 - self.jitter + self.jitter * (rng or random).random()
        if retry_after is not None:
            raw = max(raw, min(retry_after, self.max_retry_after_s))
        return raw


class ModelCallError(RuntimeError):
    """A model call failed for good: a permanent error, or every attempt of its retry budget failed.

    Attributes:
        role: the role whose call failed.
        kind: the last fault kind (see :data:`FAULT_KINDS`).
        attempts: attempts made.
        endpoint: the model's base URL (or its model name) when known.
        transient: whether a later retry may succeed (False for ``client_error``).
        retry_after: the server's last ``Retry-After`` in seconds (None: none was given); the batch runner waits
            at least this long before it resumes the job.

    Example:
        >>> err = ModelCallError("worker", "server_error", 6, "http://h/v1", "Error code: 503")
        >>> str(err)
        'model call of role worker at http://h/v1 failed after 6 attempts: server_error (Error code: 503)'
    """

    def __init__(
        self, role: str, kind: str, attempts: int, endpoint: str, detail: str, *, retry_after: float | None = None
    ) -> None:
        where = f" at {endpoint}" if endpoint else ""
        tries = f"after {attempts} attempt{'s' if attempts != 1 else ''}"
        super().__init__(f"model call of role {role}{where} failed {tries}: {kind} ({detail})")
        self.role = role
        self.kind = kind
        self.attempts = attempts
        self.endpoint = endpoint
        self.detail = detail
        self.transient = kind != "client_error"
        self.retry_after = retry_after

    def cause(self) -> dict[str, Any]:
        """The named cause as JSON (``run.json``'s ``failure``)."""
        return {
            "cause": "model_call_failed",
            "role": self.role,
            "fault": self.kind,
            "attempts": self.attempts,
            "endpoint": self.endpoint,
            "transient": self.transient,
            "retry_after_s": None if self.retry_after is None else round(self.retry_after, 3),
            "message": str(self),
        }


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in out and len(out) < 10:
        out.append(current)
        current = current.__cause__ or current.__context__
    return out


def classify_model_error(exc: BaseException) -> str:
    """The fault kind of an exception a model client raised (see :data:`FAULT_KINDS`).

    Example:
        >>> classify_model_error(IndexError("list index out of range")), classify_model_error(TimeoutError())
        ('empty_choices', 'timeout')
    """
    for item in _chain(exc):
        names = {cls.__name__ for cls in type(item).__mro__}
        status = getattr(item, "status_code", None)
        if isinstance(status, int):
            if status == 429:
                return "rate_limit"
            if status in _PERMANENT_STATUS:
                return "client_error"
            if status >= 500 or status in (408, 409, 425):
                return "server_error"
            return "client_error" if 400 <= status < 500 else "server_error"
        if names & _PERMANENT_NAMES:
            return "client_error"
        if "RateLimitError" in names:
            return "rate_limit"
        if "InternalServerError" in names:
            return "server_error"
        if names & _TIMEOUT_NAMES or isinstance(item, asyncio.TimeoutError):
            return "timeout"
        if names & _CONNECTION_NAMES:
            return "connection"
        if isinstance(item, IndexError):
            return "empty_choices"
        if isinstance(item, (ValueError, KeyError, TypeError, AttributeError)) or "APIResponseValidationError" in names:
            return "bad_body"
    return "other"


def _retry_after(exc: BaseException) -> float | None:
    """Seconds from a ``Retry-After`` / ``retry-after-ms`` header of the error's response, if any."""
    for item in _chain(exc):
        response = getattr(item, "response", None)
        headers = getattr(response, "headers", None)
        if headers is None:
            continue
        try:
            millis = headers.get("retry-after-ms")
            if millis is not None:
                return max(0.0, float(millis) / 1000.0)
            value = headers.get("retry-after")
        except Exception:
            return None
        if value is None:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            parsed = email.utils.parsedate_tz(value)
            if parsed is None:
                return None
            return max(0.0, float(email.utils.mktime_tz(parsed)) - time.time())
    return None


def _detail(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[-1] if lines else ""
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


@dataclass
class ModelFaults:
    """Counts of model faults and retries over a run (all roles), and a listener for each fault.

    Attributes:
        repair_tokens: tokens of answers thrown away by re-asks (paid for, absent from the trajectory).
        listener: called with each fault record (``role``, ``fault``, ``attempt``, ``action``: ``retry`` /
            ``repair`` / ``answered`` / ``failed``, ``detail``, ``wait_s``); the simulation writes them as
            ``model_fault`` events.
        last_failure: the last call that failed for good (the segment's named cause).

    Example:
        >>> faults = ModelFaults()
        >>> faults.record("worker", "rate_limit", 1, "retry", "429", wait_s=1.0)
        >>> faults.summary()["faults"], faults.summary()["retries"]
        ({'rate_limit': 1}, 1)
    """

    listener: Callable[[dict[str, Any]], None] | None = None
    last_failure: ModelCallError | None = None
    calls: int = 0
    retries: int = 0
    repairs: int = 0
    answered: int = 0
    failed_calls: int = 0
    repair_tokens: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    by_role: dict[str, dict[str, int]] = field(default_factory=dict)
    last_activity: float = field(default_factory=time.monotonic)

    def touch(self) -> None:
        """Note that a model call made progress (an answer or a failed attempt arrived)."""
        self.last_activity = time.monotonic()

    def record(
        self, role: str, kind: str, attempt: int, action: str, detail: str, *, wait_s: float | None = None
    ) -> None:
        """Count one fault and tell the listener."""
        self.touch()
        self.faults[kind] = self.faults.get(kind, 0) + 1
        per_role = self.by_role.setdefault(role, {})
        per_role[kind] = per_role.get(kind, 0) + 1
        if action == "retry":
            self.retries += 1
        elif action == "repair":
            self.repairs += 1
        elif action == "answered":
            self.answered += 1
        elif action == "failed":
            self.failed_calls += 1
        if self.listener is not None:
            record: dict[str, Any] = {"role": role, "fault": kind, "attempt": attempt, "action": action}
            record["detail"] = detail[:300]
            if wait_s is not None:
                record["wait_s"] = round(wait_s, 3)
            self.listener(record)

    def summary(self) -> dict[str, Any]:
        """Counts as JSON (``run.json``'s ``model_faults``, the batch manifest)."""
        return {
            "calls": self.calls,
            "faults": dict(sorted(self.faults.items())),
            "retries": self.retries,
            "repairs": self.repairs,
            "answered": self.answered,
            "failed_calls": self.failed_calls,
            "repair_tokens": self.repair_tokens,
            "by_role": {r: dict(sorted(v.items())) for r, v in sorted(self.by_role.items())},
        }

    @staticmethod
    def merge(*summaries: Mapping[str, Any]) -> dict[str, Any]:
        """Add up summaries (e.g. a failed attempt's ``run.json`` and the resumed run's)."""
        out: dict[str, Any] = ModelFaults().summary()
        for item in summaries:
            for key in ("calls", "retries", "repairs", "answered", "failed_calls", "repair_tokens"):
                out[key] += int(item.get(key, 0) or 0)
            for kind, n in (item.get("faults") or {}).items():
                out["faults"][kind] = out["faults"].get(kind, 0) + int(n)
            for role, kinds in (item.get("by_role") or {}).items():
                entry = out["by_role"].setdefault(role, {})
                for kind, n in kinds.items():
                    entry[kind] = entry.get(kind, 0) + int(n)
        out["faults"] = dict(sorted(out["faults"].items()))
        out["by_role"] = {r: dict(sorted(v.items())) for r, v in sorted(out["by_role"].items())}
        return out


def _tool_schemas(tools: Sequence[Tool | ToolSchema]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for tool in tools:
        schema: Any = tool.schema if isinstance(tool, Tool) else tool
        name = schema.get("name") if isinstance(schema, Mapping) else None
        if isinstance(name, str):
            out[name] = schema
    return out


def own_output_fault(result: CreateResult, tools: Sequence[Tool | ToolSchema]) -> tuple[str, str] | None:
    """``(kind, detail)`` when the model's tool calls are malformed for the offered tools, else None.

    Example:
        >>> from autogen_core.models import RequestUsage
        >>> usage = RequestUsage(prompt_tokens=1, completion_tokens=1)
        >>> calls = [FunctionCall(id="1", name="nope", arguments="{}")]
        >>> bad = CreateResult(finish_reason="function_calls", usage=usage, content=calls, cached=False)
        >>> own_output_fault(bad, [{"name": "read_file", "parameters": {"type": "object"}}])[0]
        'unknown_tool'
    """
    if isinstance(result.content, str) or not tools:
        return None
    schemas = _tool_schemas(tools)
    for call in result.content:
        if not isinstance(call, FunctionCall):
            continue
        schema = schemas.get(call.name)
        if schema is None:
            return "unknown_tool", f"tool {call.name!r} was not offered"
        try:
            arguments = json.loads(call.arguments) if call.arguments.strip() else {}
        except (ValueError, AttributeError) as exc:
            return "bad_tool_arguments", f"arguments of {call.name} are not JSON ({exc})"
        if not isinstance(arguments, dict):
            return "bad_tool_arguments", f"arguments of {call.name} are not a JSON object"
        parameters = schema.get("parameters") or {}
        required = parameters.get("required") if isinstance(parameters, Mapping) else None
        missing = [name for name in required or [] if name not in arguments]
        if missing:
            return "missing_argument", f"{call.name} is missing {', '.join(map(str, missing))}"
    return None


class ResilientChatCompletionClient(ChatCompletionClient):
    """Wrap a model client so each call is bounded, retried and counted (see the module docstring).

    Args:
        inner: the client that answers.
        role: the role (for messages and counts).
        settings: timeouts and retry budget (default :class:`RetrySettings`).
        faults: where faults are counted (shared by the run's clients).
        endpoint: the base URL (or model name) named in errors.
        sleep: the delay function (tests pass a fast one).
        rng: jitter source.
    """

    def __init__(
        self,
        inner: ChatCompletionClient,
        *,
        role: str,
        settings: RetrySettings | None = None,
        faults: ModelFaults | None = None,
        endpoint: str = "",
        sleep: Callable[[float], Any] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._inner = inner
        self._role = role
        self._settings = settings or RetrySettings()
        self._faults = faults if faults is not None else ModelFaults()
        self._endpoint = endpoint
        self._sleep = sleep
        self._rng = rng or random.Random()

    @property
    def inner(self) -> ChatCompletionClient:
        """The wrapped client."""
        return self._inner

    @property
    def settings(self) -> RetrySettings:
        """Timeouts and retry budget."""
        return self._settings

    @property
    def faults(self) -> ModelFaults:
        """The fault counts this client reports to."""
        return self._faults

    def _fail(self, kind: str, attempts: int, detail: str, retry_after: float | None = None) -> ModelCallError:
        error = ModelCallError(self._role, kind, attempts, self._endpoint, detail, retry_after=retry_after)
        self._faults.record(self._role, kind, attempts, "failed", detail)
        self._faults.last_failure = error
        return error

    async def _attempt(
        self,
        messages: Sequence[LLMMessage],
        tools: Sequence[Tool | ToolSchema],
        tool_choice: Tool | Literal["auto", "required", "none"],
        json_output: bool | type[BaseModel] | None,
        extra_create_args: Mapping[str, Any],
        cancellation_token: CancellationToken | None,
    ) -> CreateResult:
        token = CancellationToken()
        if cancellation_token is not None:
            cancellation_token.add_callback(token.cancel)
        try:
            return await asyncio.wait_for(
                self._inner.create(
                    messages,
                    tools=tools,
                    tool_choice=tool_choice,
                    json_output=json_output,
                    extra_create_args=extra_create_args,
                    cancellation_token=token,
                ),
                timeout=self._settings.timeout_s,
            )
        except asyncio.TimeoutError:
            token.cancel()  # reaches the HTTP request's future
            raise TimeoutError(f"no answer within {self._settings.timeout_s:g} s") from None
        except asyncio.CancelledError:
            token.cancel()
            raise

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
        """One bounded model call: retried on transport and body faults, re-asked on malformed tool calls."""
        settings, faults = self._settings, self._faults
        faults.calls += 1
        attempt = 0
        repairs = 0
        while True:
            attempt += 1
            try:
                result = await self._attempt(
                    messages, tools, tool_choice, json_output, extra_create_args, cancellation_token
                )
                if not isinstance(result, CreateResult) or result.content is None:
                    raise ValueError("the model client returned no content")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if cancellation_token is not None and cancellation_token.is_cancelled():
                    raise
                kind, detail = classify_model_error(exc), _detail(exc)
                retry_after = _retry_after(exc)
                if kind == "client_error" or attempt >= settings.attempts:
                    raise self._fail(kind, attempt, detail, retry_after) from exc
                if retry_after is not None and retry_after > settings.max_retry_after_s:
                    too_long = f"{detail}; Retry-After {retry_after:g} s is too long"
                    raise self._fail(kind, attempt, too_long, retry_after) from exc
                wait = settings.delay(attempt, retry_after, self._rng)
                faults.record(self._role, kind, attempt, "retry", detail, wait_s=wait)
                await self._sleep(wait)
                continue
            own = own_output_fault(result, tools)
            if own is None:
                faults.touch()
                return result
            kind, detail = own
            if repairs < settings.repairs:
                repairs += 1
                faults.repair_tokens += result.usage.prompt_tokens + result.usage.completion_tokens  # paid, not kept
                faults.record(self._role, kind, attempt, "repair", detail)
                attempt -= 1  # a repair does not spend the transport retry budget
                continue
            faults.record(self._role, kind, attempt, "answered", detail)
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
        """Bounded like :meth:`create`: the whole answer is fetched (retried as needed), then yielded at once.

        A stream cut short (truncated) is a fault of its attempt and retried; chunks are never half-delivered.
        """
        result = await self.create(
            messages,
            tools=tools,
            tool_choice=tool_choice,
            json_output=json_output,
            extra_create_args=extra_create_args,
            cancellation_token=cancellation_token,
        )
        yield result

    async def close(self) -> None:
        """Close the inner client."""
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

    def dump_component(self) -> ComponentModel:
        """The inner client's component (the wrapper adds no configuration of its own to a saved team)."""
        return self._inner.dump_component()

    def __getattr__(self, name: str) -> Any:
        # the recorder asks for the OpenAI client's request builder to record requests exactly as sent
        if name == "_process_create_args":
            return getattr(self.__dict__["_inner"], name)
        raise AttributeError(name)

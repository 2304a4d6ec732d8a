"""Actions and messages of the environment: OpenAI-style tool calls in, OpenAI chat messages out, and the bridge
to AutoGen (``LLMMessage`` lists for any ``ChatCompletionClient``, ``CreateResult`` back to an action).

An action is one of:

- plain text (``str``): the worker says something (no tool runs);
- one tool call: ``{"id": ..., "type": "function", "function": {"name": ..., "arguments": "<JSON string>"}}``
  (``{"name": ..., "arguments": ...}`` and arguments given as a dict are accepted too);
- a list of tool calls (run in order);
- an assistant message: ``{"role": "assistant", "content": ..., "tool_calls": [...]}``.

Example:
    >>> parse_action({"function": {"name": "tree", "arguments": '{"path": "~"}'}}, step=3).calls
    [ToolCall(id='call_3_0', name='tree', arguments='{"path": "~"}')]
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from autogen_core import FunctionCall
from autogen_core.models import (
    AssistantMessage,
    CreateResult,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    LLMMessage,
    SystemMessage,
    UserMessage,
)

__all__ = ["Action", "ToolCall", "action_from_result", "assistant_from_action", "parse_action", "to_llm_messages"]


@dataclass(frozen=True)
class ToolCall:
    """One tool call: id, tool name, arguments as the JSON string the model wrote."""

    id: str
    name: str
    arguments: str


@dataclass(frozen=True)
class Action:
    """A parsed action: the text the worker said (may be empty) and the tool calls to run."""

    text: str = ""
    calls: list[ToolCall] = field(default_factory=list)


def _call(raw: Any, step: int, index: int) -> ToolCall:
    if not isinstance(raw, Mapping):
        raise ValueError(f"a tool call must be an object with 'function' or 'name', not {type(raw).__name__}")
    inner = raw.get("function")
    function: Mapping[str, Any] = inner if isinstance(inner, Mapping) else raw
    name = function.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError("a tool call needs a function name: {'function': {'name': ..., 'arguments': '{...}'}}")
    arguments = function.get("arguments", "{}")
    if not isinstance(arguments, str):
        arguments = json.dumps(arguments if arguments is not None else {}, ensure_ascii=False)
    call_id = raw.get("id") or f"call_{step}_{index}"
    return ToolCall(id=str(call_id), name=name, arguments=arguments)


def parse_action(action: Any, *, step: int = 0) -> Action:
    """Parse an action (text, one tool call, a list of tool calls, or an assistant message).

    Raises:
        ValueError: The action has none of these shapes (the message says which are accepted).
    """
    if isinstance(action, str):
        return Action(text=action)
    if isinstance(action, Mapping):
        if action.get("role") == "assistant" or "tool_calls" in action:
            content = action.get("content")
            calls = action.get("tool_calls") or []
            return Action(
                text=content if isinstance(content, str) else "",
                calls=[_call(c, step, i) for i, c in enumerate(calls)],
            )
        return Action(calls=[_call(action, step, 0)])
    if isinstance(action, Sequence):
        return Action(calls=[_call(c, step, i) for i, c in enumerate(action)])
    raise ValueError(
        f"unsupported action of type {type(action).__name__}: pass text, a tool call {{'function': {{'name', "
        "'arguments'}}}, a list of tool calls, or an assistant message with tool_calls"
    )


def assistant_from_action(action: Action) -> dict[str, Any]:
    """The OpenAI assistant message of a parsed action (what a policy appends to its own history)."""
    message: dict[str, Any] = {"role": "assistant"}
    if action.text or not action.calls:
        message["content"] = action.text
    if action.calls:
        message["tool_calls"] = [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in action.calls
        ]
    return message


def action_from_result(result: CreateResult) -> dict[str, Any] | str:
    """An AutoGen ``CreateResult`` as an action: an assistant message with tool calls, or the reply text.

    A text reply with a ``thought`` becomes ``{"role": "assistant", "content": text, "thought": thought}`` (the
    environment ignores ``thought``; :func:`to_llm_messages` restores it for the policy's next request).

    Example:
        >>> from autogen_core.models import RequestUsage
        >>> usage = RequestUsage(prompt_tokens=1, completion_tokens=1)
        >>> r = CreateResult(finish_reason="function_calls", usage=usage, cached=False, thought="Look.",
        ...                  content=[FunctionCall(id="c1", name="tree", arguments="{}")])
        >>> action_from_result(r)["tool_calls"][0]["function"]["name"]
        'tree'
    """
    if isinstance(result.content, str):
        if result.thought:  # keep the reasoning next to the reply (AutoGen keeps it in the model context too)
            return {"role": "assistant", "content": result.content, "thought": result.thought}
        return result.content
    message: dict[str, Any] = {"role": "assistant"}
    if result.thought:
        message["content"] = result.thought
    message["tool_calls"] = [
        {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}} for c in result.content
    ]
    return message


def to_llm_messages(messages: Sequence[Mapping[str, Any]], *, source: str = "worker") -> list[LLMMessage]:
    """OpenAI chat messages as AutoGen ``LLMMessage`` objects (consecutive tool messages become one result message).

    Example:
        >>> [type(m).__name__ for m in to_llm_messages([{"role": "system", "content": "s"},
        ...                                             {"role": "user", "content": "u", "name": "user"}])]
        ['SystemMessage', 'UserMessage']
    """
    out: list[LLMMessage] = []
    pending: list[FunctionExecutionResult] = []
    names: dict[str, str] = {}

    def flush() -> None:
        if pending:
            out.append(FunctionExecutionResultMessage(content=list(pending)))
            pending.clear()

    for message in messages:
        role = message.get("role")
        content = message.get("content")
        text = content if isinstance(content, str) else "" if content is None else json.dumps(content)
        if role == "tool":
            call_id = str(message.get("tool_call_id") or "")
            pending.append(FunctionExecutionResult(content=text, name=names.get(call_id, ""), call_id=call_id))
            continue
        flush()
        if role == "system":
            out.append(SystemMessage(content=text))
        elif role == "assistant":
            calls = message.get("tool_calls") or []
            if calls:
                parsed = [_call(c, 0, i) for i, c in enumerate(calls)]
                names.update({c.id: c.name for c in parsed})
                out.append(
                    AssistantMessage(
                        content=[FunctionCall(id=c.id, name=c.name, arguments=c.arguments) for c in parsed],
                        thought=text or None,
                        source=source,
                    )
                )
            else:
                thought = message.get("thought")
                out.append(
                    AssistantMessage(content=text, thought=thought if isinstance(thought, str) else None, source=source)
                )
        else:
            out.append(UserMessage(content=text, source=str(message.get("name") or "user")))
    flush()
    return out

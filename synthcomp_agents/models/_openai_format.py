"""Conversion of AutoGen LLM messages and tools to the OpenAI chat-completions wire format.

AutoGen's own conversion (``autogen_ext.models.openai``) is used when it is importable, so the recorded
format is the one an OpenAI-compatible client actually sends; a small built-in converter with the same output
for text, tool calls and tool results is the fallback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from autogen_core import FunctionCall
from autogen_core.models import (
    AssistantMessage,
    LLMMessage,
    SystemMessage,
    UserMessage,
)
from autogen_core.tools import Tool, ToolSchema

__all__ = ["to_openai_messages", "to_openai_tools"]

_ext_to_oai_type: Callable[..., Sequence[Any]] | None
_ext_convert_tools: Callable[..., Sequence[Any]] | None
try:  # autogen-ext[openai] is a dependency; the fallback keeps the models layer importable without it
    from autogen_ext.models.openai._openai_client import convert_tools as _ext_convert_tools
    from autogen_ext.models.openai._openai_client import to_oai_type as _ext_to_oai_type
except ImportError:  # pragma: no cover
    _ext_to_oai_type = None
    _ext_convert_tools = None


def _fallback_message(message: LLMMessage) -> list[dict[str, Any]]:
    if isinstance(message, SystemMessage):
        return [{"content": message.content, "role": "system"}]
    if isinstance(message, UserMessage):
        if isinstance(message.content, str):
            return [{"role": "user", "name": message.source, "content": message.content}]
        parts: list[dict[str, Any]] = []
        for part in message.content:
            if isinstance(part, str):
                parts.append({"type": "text", "text": part})
            else:
                parts.append(dict(part.to_openai_format()))
        return [{"role": "user", "name": message.source, "content": parts}]
    if isinstance(message, AssistantMessage):
        if isinstance(message.content, str):
            return [{"role": "assistant", "content": message.content}]
        calls = [
            {"id": c.id, "function": {"arguments": c.arguments, "name": c.name}, "type": "function"}
            for c in message.content
        ]
        out: dict[str, Any] = {"role": "assistant", "tool_calls": calls}
        if message.thought is not None:
            out["content"] = message.thought
        return [out]
    return [{"content": r.content, "role": "tool", "tool_call_id": r.call_id} for r in message.content]


def _plain(value: Any) -> Any:
    """Turn TypedDicts/pydantic leftovers into plain JSON-ready values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump())
    return value


def to_openai_messages(messages: Sequence[LLMMessage]) -> list[dict[str, Any]]:
    """Convert AutoGen messages to OpenAI chat messages (one result message expands to one tool message per result).

    Args:
        messages: AutoGen ``LLMMessage`` objects.

    Returns:
        JSON-ready dicts: ``system``/``user`` (with ``name``)/``assistant`` (``tool_calls`` with JSON-string
        ``arguments``)/``tool`` (with ``tool_call_id``).

    Example:
        >>> from autogen_core.models import UserMessage
        >>> to_openai_messages([UserMessage(content="hi", source="user")])
        [{'role': 'user', 'name': 'user', 'content': 'hi'}]
    """
    out: list[dict[str, Any]] = []
    for message in messages:
        if _ext_to_oai_type is not None:
            out.extend(_plain(m) for m in _ext_to_oai_type(message))
        else:  # pragma: no cover
            out.extend(_fallback_message(message))
    return out


def to_openai_tools(tools: Sequence[Tool | ToolSchema]) -> list[dict[str, Any]]:
    """Convert AutoGen tools or tool schemas to OpenAI function-tool schemas.

    Example:
        >>> to_openai_tools([{"name": "ls", "description": "List", "parameters": {"type": "object", "properties": {}}}])
        [{'type': 'function', 'function': {'name': 'ls', 'description': 'List', 'parameters': {'type': 'object', \
'properties': {}}, 'strict': False}}]
    """
    if _ext_convert_tools is not None:
        return [_plain(t) for t in _ext_convert_tools(tools)]
    result: list[dict[str, Any]] = []  # pragma: no cover
    for tool in tools:  # pragma: no cover
        schema: Any = tool.schema if isinstance(tool, Tool) else tool
        result.append(
            {
                "type": "function",
                "function": {
                    "name": schema["name"],
                    "description": schema.get("description", ""),
                    "parameters": schema.get("parameters", {}),
                    "strict": schema.get("strict", False),
                },
            }
        )
    return result


def function_call_to_openai(call: FunctionCall) -> dict[str, Any]:
    """One tool call in OpenAI format (``arguments`` stays the JSON string the model produced)."""
    return {"id": call.id, "type": "function", "function": {"name": call.name, "arguments": call.arguments}}


def dumps_compact(value: Any) -> str:
    """Deterministic compact JSON (key order as given, UTF-8 kept)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)

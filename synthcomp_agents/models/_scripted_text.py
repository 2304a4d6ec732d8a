"""Text parsing shared by the scripted policies: clock lines, memos, spreadsheet tables, tool results, plans.

Everything here is a pure function of text (what a model sees), cached where the same text comes back often.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from autogen_core import FunctionCall
from autogen_core.models import (
    AssistantMessage,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    LLMMessage,
    SystemMessage,
    UserMessage,
)

from ..tools import strip_fences

__all__ = [
    "MEMO_DELTA_MARK",
    "MEMO_MARK",
    "Clock",
    "PlanDeliverable",
    "WorkerPlan",
    "cell_value",
    "find_figure",
    "find_memo",
    "last_clock",
    "memo_diff",
    "memo_patch",
    "memo_thought",
    "parse_clock",
    "parse_worker_plan",
    "reply_answers",
    "sheet_tables",
    "split_answers",
    "system_text",
    "tab_of",
    "user_text",
]

MEMO_MARK = "[memo] "
MEMO_DELTA_MARK = "[memo+] "
"""A memo in full (``MEMO_MARK``) or only what changed since the previous one (``MEMO_DELTA_MARK``)."""
_KEYFRAME_SHARE = 3  # a full memo again once less than a third of the visible history lies before the latest one
_CLOCK = re.compile(
    r"\[clock\] (\w{3}) (\d{2} \w{3}|\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})"
    r"(?: \| (?:work)?day (\d+)/(\d+))?(?: \| (\d+) unread)?(.*)"
)
_KICKOFF = re.compile(r"It is \w{3} (\d{2} \w{3} \d{4}), (\d{2}):(\d{2}).*?workday (\d+) of (\d+)", re.S)


@dataclass(frozen=True)
class Clock:
    """What a clock line (or a morning kickoff) says."""

    date: str
    minutes: int  # minutes since local midnight
    workday: int = 0
    workdays: int = 0
    unread: int = 0
    day_over: bool = False

    @property
    def hhmm(self) -> str:
        return f"{self.minutes // 60:02d}:{self.minutes % 60:02d}"

    def stamp(self) -> str:
        return f"{self.date} {self.hhmm}"


def parse_clock(text: str, year: int | None = None) -> Clock | None:
    """The last clock line in ``text`` (None if there is none).

    The line names the day without its year ('Tue 06 Jan'): ``year`` is the year of the latest morning kickoff, and
    the weekday settles a month that crossed into the next year; without it such a line gives None (an ISO date
    is read as it is).
    """
    index = text.rfind("[clock] ")
    if index < 0:
        return None
    match = _CLOCK.match(text, index)
    if match is None:
        return None
    rest = match.group(8) or ""
    date = _clock_date(match.group(1), match.group(2), year)
    if date is None:
        return None
    return Clock(
        date=date,
        minutes=int(match.group(3)) * 60 + int(match.group(4)),
        workday=int(match.group(5) or 0),
        workdays=int(match.group(6) or 0),
        unread=int(match.group(7) or 0),
        day_over="day over" in rest or "day ended" in rest,
    )


def _clock_date(weekday: str, day: str, year: int | None) -> str | None:
    """ISO date of a clock line's day ('06 Jan' in ``year``, or the next or previous year its weekday fits; None
    without a year)."""
    if "-" in day:
        return day
    if year is None:
        return None
    for candidate in (year, year + 1, year - 1):
        when = datetime.strptime(f"{day} {candidate}", "%d %b %Y")
        if when.strftime("%a") == weekday:
            return when.date().isoformat()
    return datetime.strptime(f"{day} {year}", "%d %b %Y").date().isoformat()


def parse_kickoff(text: str) -> Clock | None:
    """The date and time of a morning kickoff text ('It is Tue 14 Apr 2026, 09:00 ... workday 2 of 20')."""
    match = _KICKOFF.search(text)
    if match is None:
        return None
    day = datetime.strptime(match.group(1), "%d %b %Y").date().isoformat()
    unread = re.search(r"You have (\d+) unread", text)
    return Clock(
        day,
        int(match.group(2)) * 60 + int(match.group(3)),
        int(match.group(4)),
        int(match.group(5)),
        unread=int(unread.group(1)) if unread else 0,
    )


def user_text(message: LLMMessage) -> str:
    """Text of a user or system message ('' for others)."""
    if isinstance(message, (UserMessage, SystemMessage)):
        content = message.content
        return content if isinstance(content, str) else " ".join(p for p in content if isinstance(p, str))
    return ""


def system_text(messages: list[LLMMessage]) -> str:
    """All system messages, joined."""
    return "\n".join(m.content for m in messages if isinstance(m, SystemMessage))


def last_clock(messages: list[LLMMessage]) -> Clock | None:
    """The most recent clock reading: a tool result's clock line or a morning kickoff, whichever is later."""
    year = _kickoff_year(messages)
    for message in reversed(messages):
        clock = _clock_of(message, year)
        if clock is not None:
            return clock
    return None


def _clock_of(message: LLMMessage, year: int | None) -> Clock | None:
    """The clock reading of one message: a tool result's last clock line (its day in ``year``) or a kickoff."""
    if isinstance(message, FunctionExecutionResultMessage):
        for result in reversed(message.content):
            clock = parse_clock(result.content, year)
            if clock is not None:
                return clock
    elif isinstance(message, UserMessage):
        return parse_kickoff(user_text(message))
    return None


def _kickoff_year(messages: list[LLMMessage]) -> int | None:
    """The year of the latest morning kickoff in view, else of the month plan's start in the system prompt (a
    harness may keep only the system prompt and the latest turns); None if neither is there."""
    for message in reversed(messages):
        if isinstance(message, UserMessage):
            kick = parse_kickoff(user_text(message))
            if kick is not None:
                return int(kick.date[:4])
    start = re.search(r"## Month plan: \d+ workdays from (\d{4})-", system_text(messages))
    return int(start.group(1)) if start else None


def find_memo(messages: list[LLMMessage]) -> tuple[int, dict[str, Any] | None]:
    """Index of the latest assistant message carrying a memo, and the memo it stands for (``(-1, None)`` if none).

    A policy writes its memo in full now and then and otherwise only what changed (:func:`memo_thought`): the memo
    is the latest full one with the later changes applied in order. Changes whose full memo is no longer visible
    (compacted out) count as no memo: the policy starts afresh, as in a fresh context.
    """
    index, memo, _ = _memo_trail(messages)
    return index, memo


def _memo_trail(messages: list[LLMMessage]) -> tuple[int, dict[str, Any] | None, int]:
    """(index of the latest memo, the memo, index of the full memo it builds on); ``(-1, None, -1)`` if none."""
    deltas: list[tuple[int, dict[str, Any]]] = []
    latest = -1
    for index in range(len(messages) - 1, -1, -1):
        message = messages[index]
        if not isinstance(message, AssistantMessage) or not message.thought:
            continue
        thought = message.thought
        if MEMO_DELTA_MARK in thought:
            delta = _parse_memo(thought[thought.index(MEMO_DELTA_MARK) + len(MEMO_DELTA_MARK) :])
            if delta is not None:
                deltas.append((index, delta))
                latest = index if latest < 0 else latest
        elif MEMO_MARK in thought:
            memo = _parse_memo(thought[thought.index(MEMO_MARK) + len(MEMO_MARK) :])
            if memo is not None:
                memo = _unshared(memo)
                for at, delta in reversed(deltas):
                    memo = _unshared(memo_patch(memo, {**_implied(messages, at, memo), **delta}))
                return (index if latest < 0 else latest), memo, index
    return -1, None, -1


def _implied(messages: list[LLMMessage], index: int, memo: dict[str, Any]) -> dict[str, Any]:
    """What a change written at ``messages[index]`` leaves out because it can be read: the step counter moved on by
    one and the clock is the one the policy saw (the clock line of the message just before, when it has one)."""
    out: dict[str, Any] = {"k": int(memo.get("k", 0)) + 1}
    # the clock line names its day without the year: the year is the one of the history up to that message
    clock = _clock_of(messages[index - 1], _kickoff_year(messages[:index])) if index > 0 else None
    if clock is not None:
        out["clk"] = clock.stamp()
    return out


def memo_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from ``old`` to ``new``: changed keys (dicts recursively), ``$del`` for removed keys, and a list
    that lost items at its front and gained some at its end as ``{"$pop": n, "$add": [...]}``.

    Example:
        >>> old = {"k": 1, "q": [["a"], ["b"]], "ds": {"d1": {"t": 3, "x": 1}}}
        >>> new = {"k": 2, "q": [["b"], ["c"]], "ds": {"d1": {"t": 5}}}
        >>> memo_diff(old, new)
        {'k': 2, 'q': {'$pop': 1, '$add': [['c']]}, 'ds': {'d1': {'t': 5, '$del': ['x']}}}
        >>> memo_diff({"q": [1, 2, 3]}, {"q": [3]})
        {'q': {'$pop': 2}}
        >>> memo_patch(old, memo_diff(old, new)) == new
        True
    """
    out: dict[str, Any] = {}
    for key, value in new.items():
        if key in old and old[key] == value:
            continue
        before = old.get(key)
        if isinstance(before, dict) and isinstance(value, dict):
            out[key] = memo_diff(before, value)
        elif isinstance(before, list) and isinstance(value, list):
            out[key] = _list_diff(before, value)
        else:
            out[key] = value
    gone = [key for key in old if key not in new]
    if gone:
        out["$del"] = gone
    return out


def _list_diff(old: list[Any], new: list[Any]) -> Any:
    """``new`` as the items ``old`` lost at its front and gained at its end, when some of ``old`` is left."""
    for pop in range(len(old)):
        rest = old[pop:]
        if new[: len(rest)] == rest:
            added = new[len(rest) :]
            return {"$pop": pop, "$add": added} if added else {"$pop": pop}
    return new


def memo_patch(old: dict[str, Any], delta: dict[str, Any]) -> dict[str, Any]:
    """``old`` with ``delta`` (from :func:`memo_diff`) applied; ``old`` is not changed."""
    out = dict(old)
    for key, value in delta.items():
        if key == "$del":
            continue
        before = out.get(key)
        if isinstance(before, dict) and isinstance(value, dict):
            out[key] = memo_patch(before, value)
        elif isinstance(value, dict) and _SAME in value:  # a sibling's value, read by _unshared
            out[key] = value
        elif isinstance(before, list) and isinstance(value, dict) and "$pop" in value:
            out[key] = before[int(value["$pop"]) :] + list(value.get("$add", []))
        else:
            out[key] = value
    for key in delta.get("$del", []):
        out.pop(key, None)
    return out


def _history_chars(message: LLMMessage) -> int:
    """Characters of a message the bounded context may drop (tool calls with their thought, tool results)."""
    if isinstance(message, AssistantMessage):
        content = message.content
        size = len(content) if isinstance(content, str) else sum(len(c.arguments) + len(c.name) for c in content)
        return size + len(message.thought or "")
    if isinstance(message, FunctionExecutionResultMessage):
        return sum(len(r.content) for r in message.content)
    return 0


def _last_note(messages: list[LLMMessage]) -> str | None:
    """The note (first line) of the latest thought that has one."""
    for message in reversed(messages):
        if isinstance(message, AssistantMessage) and message.thought:
            line = message.thought.split("\n", 1)[0]
            if not line.startswith((MEMO_MARK, MEMO_DELTA_MARK)):
                return line
    return None


def memo_thought(note: str, memo: dict[str, Any], messages: list[LLMMessage]) -> str:
    """The thought carrying ``memo`` after the request ``messages``: the note and only what changed since the latest
    memo, or the memo in full when none is visible or the full one it builds on is getting old.

    A bounded context drops the oldest messages first, a unit at a time, so the full memo is written again once less
    than a third of the visible history lies before it: one step adds at most a quarter of the window (a unit's
    cap), so it stays visible while the changes after it are read. The note is left out when it says what the
    latest note said.
    """
    text = json.dumps(_shared(memo, memo), ensure_ascii=False, separators=(",", ":"))
    _, previous, base = _memo_trail(messages)
    if previous is not None:
        sizes = [_history_chars(m) for m in messages]
        before, total = sum(sizes[:base]), sum(sizes)
        if before * _KEYFRAME_SHARE >= total:
            change = memo_diff(previous, memo)
            for key, value in _implied(messages, len(messages), previous).items():
                if key not in memo:
                    change.setdefault("$del", []).append(key)
                elif memo[key] == value:
                    change.pop(key, None)
                elif key not in change:
                    change[key] = memo[key]
            delta = json.dumps(_shared(change, memo), ensure_ascii=False, separators=(",", ":"))
            if len(delta) < len(text):
                return f"{note}\n{MEMO_DELTA_MARK}{delta}" if note != _last_note(messages) else MEMO_DELTA_MARK + delta
    return f"{note}\n{MEMO_MARK}{text}"


_SAME = "$same"
_SHARED_MIN = 40  # characters of a value worth a reference to the sibling holding it


def _shared(memo: dict[str, Any], whole: dict[str, Any]) -> dict[str, Any]:
    """``memo`` (the whole memo or a change to it) with each deliverable's value that an earlier deliverable of
    ``whole`` holds as well written as ``{"$same": <that deliverable>}``: two deliverables on the same sources
    share what was read of them, and the memo says it once.

    Example:
        >>> tab = [["North", "90.0%"], ["South", "70.0%"], ["East", "50.0%"]]
        >>> memo = {"ds": {"d1": {"tab": tab, "t": 3}, "d2": {"tab": tab, "t": 0}}}
        >>> packed = _shared(memo, memo)
        >>> packed["ds"]["d2"]
        {'tab': {'$same': 'd1'}, 't': 0}
        >>> _unshared(packed) == memo
        True
    """
    states = memo.get("ds")
    every = whole.get("ds")
    if not isinstance(states, dict) or not isinstance(every, dict):
        return memo
    order = list(every)
    out: dict[str, Any] = {}
    for did, state in states.items():
        if not isinstance(state, dict) or did not in order:
            out[did] = state
            continue
        earlier = [every[o] for o in order[: order.index(did)] if isinstance(every[o], dict)]
        packed: dict[str, Any] = {}
        for key, value in state.items():
            holder = next(
                (o for o, other in zip(order, earlier, strict=False) if other.get(key) == value),
                None,
            )
            size = len(json.dumps(value, ensure_ascii=False)) if isinstance(value, (list, dict)) else 0
            same = holder is not None and size >= _SHARED_MIN and every[did].get(key) == value
            packed[key] = {_SAME: holder} if same else value
        out[did] = packed
    return {**memo, "ds": out}


def _unshared(memo: dict[str, Any]) -> dict[str, Any]:
    """``memo`` with the references :func:`_shared` wrote replaced by the values they stand for."""
    states = memo.get("ds")
    if not isinstance(states, dict):
        return memo
    out = {did: dict(state) if isinstance(state, dict) else state for did, state in states.items()}
    for state in out.values():
        if not isinstance(state, dict):
            continue
        for key, value in list(state.items()):
            seen: set[str] = set()
            while isinstance(value, dict) and _SAME in value and str(value[_SAME]) not in seen:
                seen.add(str(value[_SAME]))
                holder = out.get(str(value[_SAME]))
                value = holder.get(key) if isinstance(holder, dict) else None
            if isinstance(value, dict) and _SAME in value:
                value = None
            if value is None:
                state.pop(key, None)
            else:
                state[key] = value
    return {**memo, "ds": out}


@lru_cache(maxsize=64)
def _parse_memo_cached(text: str) -> str | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return json.dumps(value) if isinstance(value, dict) else None


def _parse_memo(text: str) -> dict[str, Any] | None:
    canonical = _parse_memo_cached(text.strip())
    return json.loads(canonical) if canonical is not None else None


_QUOTED = re.compile(r"^\s*(?:>|On .{3,120} wrote:\s*$|-{2,}\s*Original Message|From: .+<.+@.+>\s*$)", re.I)
_GREETING = re.compile(r"^\s*(?:hi|hello|hey|dear|morning|good (?:morning|afternoon|evening))\b", re.I)
_SIGN_OFF = re.compile(
    r"^\s*(?:best|thanks|thank you|many thanks|regards|kind regards|best regards|cheers|all the best|talk soon|"
    r"anything else i can help with|let me know if)\b|^\s*[-–—]\s*\S+(?: \S+)?\s*$",
    re.I,
)
_FRAMING = re.compile(r"^\s*(?:a bit of background|that is everything|taking your questions)", re.I)
_REPEATED = re.compile(r"^\s*nothing new since my last (?:mail|message|email)\s*[:,;-]\s*", re.I)
_UNKNOWN = re.compile(r"\b(?:i don't know|i do not know|no idea|not something i have|nothing on that)\b", re.I)
_ITEM = re.compile(r"^\s*(?:[-*•]\s+(?:(\d{1,2})[.)]\s+)?|(\d{1,2})[.)]\s+)(.+)$")  # "- 1. x", "- x", "1. x"


@dataclass(frozen=True)
class Answer:
    """One answer of a reply: its sentence(s), whether the writer says it repeats an earlier mail, whether it is an
    "I don't know", and its number when the reply numbered its answers."""

    text: str
    repeated: bool = False
    unknown: bool = False
    number: int = 0


def reply_answers(body: str) -> list[Answer]:
    """The answers a reply gives, in order: numbered or bulleted items, else paragraphs; without the greeting, the
    sign-off, the framing ("Taking your questions in turn:", a background paragraph) and quoted earlier mail.
    "Nothing new since my last mail: X" is the answer X, marked as repeated.

    Example:
        >>> body = ("Hi Ana,\\n\\nTaking your questions in turn:\\n\\n1. The budget is 1.2 million.\\n\\n"
        ...         "2. Nothing new since my last mail: the audit is on 3 March.\\n\\nBest,\\nDana\\n\\n"
        ...         "On Mon, Ana wrote:\\n> What is the budget?")
        >>> [(a.text, a.repeated, a.number) for a in reply_answers(body)]
        [('The budget is 1.2 million.', False, 1), ('The audit is on 3 March.', True, 2)]
    """
    kept: list[str] = []
    for line in body.splitlines():
        if _QUOTED.match(line):
            break  # what follows is the earlier mail, quoted
        if line.lstrip().startswith(("<file-content", "</file-content", "[clock]")):
            continue
        kept.append(line)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(kept)) if p.strip()]
    if paragraphs and _GREETING.match(paragraphs[0]) and len(paragraphs[0].split()) <= 6:
        paragraphs = paragraphs[1:]
    if paragraphs and all(_SIGN_OFF.match(ln) or len(ln.split()) <= 2 for ln in paragraphs[-1].splitlines()):
        paragraphs = paragraphs[:-1]  # the sign-off and the name under it ("Best,\\nDana", "- Dana")
    if paragraphs and all(_SIGN_OFF.match(ln) for ln in paragraphs[-1].splitlines()):
        paragraphs = paragraphs[:-1]  # a closing line before it ("Anything else I can help with?")
    out: list[Answer] = []
    for paragraph in paragraphs:
        lines = [ln.strip() for ln in paragraph.splitlines() if ln.strip()]
        items = [_ITEM.match(ln) for ln in lines]
        if all(items):
            pieces = [(int(m.group(1) or m.group(2) or 0), m.group(3).strip()) for m in items if m]
        else:
            pieces = [(0, " ".join(lines))]
        for number, text in pieces:
            if _FRAMING.match(text) or _SIGN_OFF.match(text):
                continue
            repeated = _REPEATED.match(text)
            if repeated:
                text = text[repeated.end() :]
                text = text[:1].upper() + text[1:]
            out.append(Answer(text, bool(repeated), bool(_UNKNOWN.search(text)), number))
    return out


def split_answers(body: str, topics: list[str]) -> list[Answer | None]:
    """The answer to each question, in the order asked (None: not answered): the numbered answers by number, else
    the answer most about the topic (one question: the first answer that is not an "I don't know")."""
    answers = reply_answers(strip_fences(body))
    if len(topics) > 1 and any(a.number for a in answers):
        by_number = {a.number: a for a in answers if a.number}
        return [by_number.get(i + 1) for i in range(len(topics))]
    if len(topics) == 1:
        known = [a for a in answers if not a.unknown]
        return [(known or answers)[0] if answers else None]
    out: list[Answer | None] = []
    for topic in topics:
        words = {w for w in re.findall(r"[a-z0-9]+", topic.lower()) if len(w) > 3}
        scored = [(len(words & set(re.findall(r"[a-z0-9]+", a.text.lower()))), -n) for n, a in enumerate(answers)]
        best = max(scored, default=(0, 0))
        out.append(answers[-best[1]] if best[0] else None)
    return out


def pairs_after(messages: list[LLMMessage], index: int) -> list[tuple[FunctionCall, FunctionExecutionResult]]:
    """(call, result) pairs of every tool-call message at or after ``index``, in order."""
    out: list[tuple[FunctionCall, FunctionExecutionResult]] = []
    pending: dict[str, FunctionCall] = {}
    for message in messages[max(0, index) :]:
        if isinstance(message, AssistantMessage) and not isinstance(message.content, str):
            pending = {c.id: c for c in message.content}
        elif isinstance(message, FunctionExecutionResultMessage):
            for result in message.content:
                call = pending.get(result.call_id)
                if call is not None:
                    out.append((call, result))
    return out


def call_args(call: FunctionCall) -> dict[str, Any]:
    """Arguments of a call as a dict ({} when not a JSON object)."""
    try:
        value = json.loads(call.arguments)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# -- spreadsheets ---------------------------------------------------------------------------------------------------

_SHEET_HEAD = re.compile(r"^## Sheet (.+?) — ", re.M)


def sheet_tables(text: str) -> dict[str, dict[int, dict[str, str]]]:
    """Parse read_file output of a workbook: ``{sheet: {row: {column letter: cell text}}}``."""
    out: dict[str, dict[int, dict[str, str]]] = {}
    heads = list(_SHEET_HEAD.finditer(text))
    for n, head in enumerate(heads):
        end = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        block = text[head.end() : end]
        columns: list[str] = []
        rows = out.setdefault(head.group(1).strip(), {})
        for line in block.splitlines():
            if not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if cells and cells[0] == "row":
                columns = cells[1:]
                continue
            if not columns or not cells or not cells[0].isdigit():
                continue
            rows[int(cells[0])] = dict(zip(columns, cells[1:], strict=False))
    return out


def cell_value(cell: str) -> str:
    """The shown value of a cell: after ``->`` for formulas."""
    return cell.rsplit("->", 1)[1].strip() if "->" in cell else cell.strip()


_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?%?$")


def is_number(text: str) -> bool:
    """True for '1,465,552.50', '545', '12.5%'."""
    return bool(_NUMBER.match(text.replace("EUR", "").strip())) and any(ch.isdigit() for ch in text)


def number(text: str) -> float | None:
    """The float of a shown number ('1,465,552.50' -> 1465552.5), or None."""
    clean = text.replace(",", "").replace("%", "").strip()
    try:
        return float(clean)
    except ValueError:
        return None


def split_cell(locator: str) -> tuple[str, str, int] | None:
    """'By supplier!B7' -> ('By supplier', 'B', 7)."""
    if "!" not in locator:
        return None
    sheet, _, cell = locator.rpartition("!")
    match = re.match(r"^\$?([A-Z]{1,3})\$?(\d+)$", cell.strip())
    if match is None:
        return None
    return sheet.strip().strip("'"), match.group(1), int(match.group(2))


_SKIP_WORDS = frozenset(
    ["the", "a", "an", "of", "for", "on", "in", "at", "and", "figure", "figures", "value", "tab", "sheet", "from"]
)


def tab_of(what: str) -> str:
    """The tab a brief's figure names ('Plan (total) on the Summary tab' -> 'Summary'; '' when it names none)."""
    match = re.search(r" on the (.+) tab$", what.strip())
    return match.group(1).strip() if match else ""


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9-]*", text.lower()) if w not in _SKIP_WORDS}


def find_figure(tables: dict[str, dict[int, dict[str, str]]], what: str) -> tuple[str, str, str] | None:
    """Find the figure a brief asks for ('Plan (total) on the Summary tab') in read workbook tables, the way a person
    does: the cell whose row label and column header carry the brief's words, on the tab it names.

    Returns (the value as shown, my label for it from the row and column, where: 'Summary sheet, B6'), or None when
    no cell carries all of the words (or the named tab was not read yet).

    Example:
        >>> tables = {"Summary": {1: {"A": "Site", "B": "Plan", "C": "Actual"}, 6: {"A": "Total", "B": "4,661",
        ...           "C": "4,702"}}}
        >>> find_figure(tables, "Plan (total) on the Summary tab")
        ('4,661', 'Total plan', 'Summary sheet, B6')
    """
    tab = tab_of(what)
    words = _words(re.sub(r" on the .+ tab$", "", what.strip()))
    if tab and tab not in tables:
        return None
    best: tuple[int, str, str, str] | None = None
    for sheet in [tab] if tab else list(tables):
        rows = tables.get(sheet, {})
        if not rows:
            continue
        header = rows[min(rows)]
        for number in sorted(rows)[1:]:
            row = rows[number]
            texts = [cell_value(c) for _k, c in sorted(row.items()) if c.strip() and not is_number(cell_value(c))]
            label = " ".join(t for t in texts if words & _words(t)) or (texts[0] if texts else "")
            for col, cell in sorted(row.items()):
                value = cell_value(cell)
                if not is_number(value):
                    continue
                column = header.get(col, "")
                score = len(words & _words(" ".join(texts))) + len(words & _words(column))
                if best is None or score > best[0]:
                    mine = f"{label} {column.lower()}".strip()
                    best = (score, value, mine, f"{sheet} sheet, {col}{number}")
    if best is None or best[0] < len(words):  # every word placed: a partial match may be a row not read yet
        return None
    return best[1], best[2], best[3]


# -- the worker's plan view ------------------------------------------------------------------------------------------


@dataclass
class PlanDeliverable:
    """One deliverable as parsed from the worker's system prompt."""

    did: str
    kind: str
    title: str
    objective: str = ""
    path: str = ""
    due: int = 20
    effort: float = 8.0
    audience: str = ""
    description: str = ""
    grounding: list[str] = field(default_factory=list)
    asks: list[tuple[str, str, str]] = field(default_factory=list)
    quotes: list[tuple[str, str, str]] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    columns: list[tuple[str, list[str]]] = field(default_factory=list)
    slides: int = 0
    words: int = 0
    mentions: list[str] = field(default_factory=list)
    shape: str = ""
    length: str = ""
    reviewers: list[str] = field(default_factory=list)
    rubric: list[str] = field(default_factory=list)
    detailed: bool = False
    """Briefed in full (a later deliverable shows only its title and due day until its details are in the brief)."""


@dataclass
class WorkerPlan:
    """The worker's system prompt, parsed."""

    name: str = "I"
    first: str = "I"
    journal: str = "Documents/Work Journal.md"
    workdays: int = 20
    deliverables: list[PlanDeliverable] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # identifier -> full name

    def by_id(self) -> dict[str, PlanDeliverable]:
        return {d.did: d for d in self.deliverables}

    @property
    def total_effort(self) -> float:
        return sum(d.effort for d in self.deliverables) or 1.0


def _path(text: str) -> str:
    text = text.strip()
    return text[2:] if text.startswith("~/") else text.lstrip("/")


def _list(text: str) -> list[str]:
    return [x.strip() for x in text.split(" ; ") if x.strip()]


_ONLY_THEY_KNOW = " (only they know; on no file)"
"""The end of an Ask line whose answer is on no file (``agents.ONLY_THEY_KNOW``; models sit below agents)."""


def _stock_question(topic: str, title: str) -> str:
    """The question an Ask line leaves unsaid (``agents.stock_question``; models sit below agents)."""
    return f"What is the latest on {topic}? I need it for the {title}."


_LATER = re.compile(r"^- Later: (\S+) \[(\w+)\] (.*?), due day (\d+), ([\d.]+) h(?:; ask (.*))?\.$")
"""A later deliverable's line in the plan (``agents.plan_worker_view``)."""


@lru_cache(maxsize=16)
def parse_worker_plan(system: str) -> WorkerPlan:
    """Parse the worker's system prompt (see ``agents._prompts``); cached by the prompt text."""
    plan = WorkerPlan()
    match = re.search(r"You are ([^,]+),", system)
    if match:
        plan.name = match.group(1).strip()
        plan.first = plan.name.split()[0]
    match = re.search(r"Your work journal is ~/(.+?): ", system)
    if match:
        plan.journal = match.group(1).strip()
    match = re.search(r"## Month plan: (\d+) workdays", system)
    if match:
        plan.workdays = int(match.group(1))
    objective = ""
    current: PlanDeliverable | None = None
    section = ""
    for raw in system.splitlines():
        line = raw.rstrip()
        if line.startswith("## "):
            section = line
        later = _LATER.match(line)
        if later:  # a later deliverable: when and whom to ask early; its details come nearer its due day
            item = PlanDeliverable(later.group(1), later.group(2), later.group(3).strip(), objective)
            item.due, item.effort = int(later.group(4)), float(later.group(5))
            said = later.group(6) or ""
            same = re.fullmatch(r"as (\S+)", said)  # the same asks as the later line just above
            earlier = next((x for x in plan.deliverables if same and x.did == same.group(1)), None)
            if earlier is not None:
                said = "; ".join(f"{who} about {topic}" for who, topic, _ in earlier.asks)
            for ask in said.split("; "):
                who, _, topic = ask.partition(" about ")
                if who and topic:
                    item.asks.append((who.strip(), topic.strip(), _stock_question(topic.strip(), item.title)))
            plan.deliverables.append(item)
            current = None
            continue
        done = re.match(r"^- Submitted: (\S+) \[(\w+)\] (.*)\.$", line)
        if done:
            plan.deliverables.append(PlanDeliverable(done.group(1), done.group(2), done.group(3).strip(), objective))
            current = None
            continue
        if line.startswith("- ") and current is None:
            person = re.match(r"^- ([A-Za-z_][A-Za-z0-9_]*): ([^,]+),", line)
            if person and section.startswith("## Collaborators"):
                plan.people[person.group(1)] = person.group(2).strip()
            continue
        if line.startswith("### Objective "):
            objective = line[len("### Objective ") :].split(" (due day")[0]
            current = None
            continue
        head = re.match(r"^#### Deliverable (\S+) \[(\w+)\] (.*)$", line)
        if head:
            current = PlanDeliverable(head.group(1), head.group(2), head.group(3).strip(), objective)
            plan.deliverables.append(current)
            continue
        if current is None or not line.startswith("- ") or ": " not in line:
            continue
        key, _, value = line[2:].partition(": ")
        value = value.strip()
        if key == "Path":
            current.path = _path(value)
        elif key == "Due":
            due = re.match(r"day (\d+) \| Effort: ([\d.]+)", value)
            if due:
                current.due, current.effort = int(due.group(1)), float(due.group(2))
        elif key == "Audience":
            same = re.fullmatch(r"as (\S+)", value)  # the same audience as the deliverable briefed just above
            earlier = next((x for x in plan.deliverables if same and x.did == same.group(1)), None)
            current.audience = earlier.audience if earlier else value
        elif key == "Description":
            same = re.fullmatch(r"as (\S+)", value)  # the same description as the deliverable briefed just above
            earlier = next((x for x in plan.deliverables if same and x.did == same.group(1)), None)
            current.description = earlier.description if earlier else value
            current.detailed = True
        elif key == "Grounding":
            same = re.fullmatch(r"as (\S+)", value)  # the same files as the deliverable briefed just above
            earlier = next((x for x in plan.deliverables if same and x.did == same.group(1)), None)
            current.grounding = list(earlier.grounding) if earlier else [_path(p) for p in _list(value)]
        elif key == "Ask":  # '<who> about <topic in words>[ ("<question>")][ (only they know; on no file)]'
            same = re.fullmatch(r"as (\S+)", value)  # the same asks as the deliverable briefed just above
            earlier = next((x for x in plan.deliverables if same and x.did == same.group(1)), None)
            if earlier is not None:
                current.asks.extend(earlier.asks)
                current.facts.extend(f for f in earlier.facts if any(f == (w, t) for w, t, _ in earlier.asks))
                continue
            only = value.endswith(_ONLY_THEY_KNOW)
            value = value.removesuffix(_ONLY_THEY_KNOW)
            who, _, rest = value.partition(" about ")
            topic, _, question = rest.partition(' ("')
            topic = topic.strip()
            if who and topic:
                asked = question.removesuffix('")').strip() or _stock_question(topic, current.title)
                current.asks.append((who.strip(), topic, asked))
                if only:
                    current.facts.append((who.strip(), topic))
        elif key == "Figures":  # "<what> on the <tab> tab, from ~/<source>" (or a grounding file's name)
            same = re.fullmatch(r"as (\S+)", value)  # the same figures as the deliverable briefed just above
            earlier = next((x for x in plan.deliverables if same and x.did == same.group(1)), None)
            if earlier is not None:
                current.quotes.extend(earlier.quotes)
                continue
            what, _, source = value.rpartition(", from ")
            if what and source:
                source = next((g for g in current.grounding if g.rsplit("/", 1)[-1] == source.strip()), source)
                current.quotes.append((what.strip(), _path(source), ""))
        elif key == "People":  # "<who> knows the latest on <topic>; it is on no file."
            match = re.match(r"^(\S+) knows the latest on (.+?); ", value)
            if match:
                current.facts.append((match.group(1), match.group(2)))
        elif key == "Shape":
            same = re.fullmatch(r"as (\S+)", value)  # the same shape as the deliverable briefed just above
            earlier = next((x for x in plan.deliverables if same and x.did == same.group(1)), None)
            current.shape = earlier.shape if earlier else value
        elif key == "Length":
            current.length = value
        elif key == "Topic":
            current.mentions.append(value.rstrip("."))
        elif key == "Review":
            current.reviewers.append(value.split(" ", 1)[0])
        elif key == "Rubric":
            current.rubric = _list(value)
    return plan


# -- prose helpers ---------------------------------------------------------------------------------------------------

_SENT = re.compile(r"[^.!?\n]+[.!?]")


def first_sentence(text: str, limit: int = 160, *, figures: bool = True) -> str:
    """The first real sentence of a text (markdown markers stripped), capped; with ``figures=False`` the first one
    that states no number (a side file's figures are not the deliverable's sources), else the first one."""
    if not figures:
        plain = first_sentence("\n".join(ln for ln in text.splitlines() if not re.search(r"\d", ln)), limit)
        if plain:
            return plain
    for raw in text.splitlines():
        line = raw.strip().lstrip("#-*> ").replace("**", "").strip()
        if len(line) < 25 or line.startswith(
            ("|", "[", "/", "<", "Parts (", "From:", "To:", "Date:", "Subject:", "Message-ID")
        ):  # "<": the fence around a file's content is not its first sentence
            continue
        match = _SENT.match(line)
        if match is None:
            continue
        sentence = match.group(0).strip()
        if len(sentence) >= 25:
            return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return ""

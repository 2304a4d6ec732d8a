"""The run day by day, streamed from events.jsonl: mail, submissions, journal entries, file changes, errors."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from ..models import iter_jsonl_lines

MAX_ITEMS_PER_DAY = 40
MAX_DETAIL_CHARS = 1500

# Kinds of timeline items, most important first (the per-day cap drops from the end of this list).
KINDS = ("submission", "mail_received", "mail_sent", "journal", "file_deleted", "file_moved", "file", "tool_error")
KIND_LABELS = {
    "submission": "submission",
    "mail_received": "mail received",
    "mail_sent": "mail sent",
    "journal": "journal entry",
    "file_deleted": "deletion",
    "file_moved": "move",
    "file": "file write",
    "tool_error": "tool error",
}
KIND_PLURALS = {
    "submission": "submissions",
    "mail_received": "mails received",
    "mail_sent": "mails sent",
    "journal": "journal entries",
    "file_deleted": "deletions",
    "file_moved": "moves",
    "file": "files written",
    "tool_error": "tool errors",
}


def count_label(kind: str, n: int) -> str:
    """``n`` items of a kind in words.

    Example:
        >>> count_label("journal", 2), count_label("mail_sent", 1)
        ('2 journal entries', '1 mail sent')
    """
    words = KIND_LABELS.get(kind, kind) if n == 1 else KIND_PLURALS.get(kind, kind)
    return f"{n} {words}"


_DAY_LABEL = re.compile(r"day(\d+)$")
_MAIL_BOX = re.compile(r"(?:^|/)(Inbox|Sent)/[^/]+\.eml$")

MailReader = Callable[[str], "bytes | None"]


@dataclass(frozen=True)
class TimelineItem:
    """One thing worth showing on a day: ``kind`` is one of :data:`KINDS`; ``detail`` may be long (clipped).

    Example:
        >>> TimelineItem(12, "2026-01-06T09:11:00Z", "journal", "Plan for today", "").kind
        'journal'
    """

    seq: int
    sim_time: str
    kind: str
    title: str
    detail: str


@dataclass
class Day:
    """Counts and the (capped) items of one simulated day; day 0 is the planning before the first workday.

    Example:
        >>> Day(index=1).label
        'Day 1'
    """

    index: int
    date: str = ""
    start: str = ""
    end: str = ""
    worker_turns: int | None = None
    stop: str = ""
    summary: str = ""
    tool_calls: int = 0
    tool_errors: int = 0
    sim_minutes: float = 0.0
    counts: Counter[str] = field(default_factory=Counter)
    items: list[TimelineItem] = field(default_factory=list)
    hidden: Counter[str] = field(default_factory=Counter)
    files_written: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        """``Planning`` for day 0, else ``Day N``."""
        return "Planning" if self.index == 0 else f"Day {self.index}"


@dataclass(frozen=True)
class Timeline:
    """All days of a run in order, the files the run touched and the day boundaries (for :meth:`day_of`).

    Example:
        >>> Timeline(days=(Day(1),), touched={}, starts=(), bad_lines=0).day_of("2026-01-06T10:00:00Z")
        0
    """

    days: tuple[Day, ...]
    touched: dict[str, str]
    starts: tuple[tuple[datetime, int], ...]
    bad_lines: int

    def day_of(self, sim_time: str) -> int:
        """The day a simulated time falls in (the last day that started at or before it; 0 before day 1)."""
        when = parse_time(sim_time)
        if when is None:
            return 0
        day = 0
        for start, index in self.starts:
            if start <= when:
                day = index
        return day


def parse_time(text: object) -> datetime | None:
    """Parse an ISO time (``Z`` or offset; naive means UTC), or None."""
    if not isinstance(text, str) or not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def clip(text: str, limit: int = MAX_DETAIL_CHARS) -> str:
    """Cut ``text`` to ``limit`` characters, saying how much was left out.

    Example:
        >>> clip("abcdef", 3)
        'abc… (3 more characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def iter_jsonl(source: Path | Iterable[bytes], bad: list[int]) -> Iterator[dict[str, Any]]:
    """Stream the JSON objects of a JSONL file (plain or ``.zst``) or of its lines; unreadable lines are counted in
    ``bad[0]`` and skipped."""
    for raw in iter_jsonl_lines(source) if isinstance(source, Path) else source:
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            bad[0] += 1
            continue
        if isinstance(data, dict):
            yield data
        else:
            bad[0] += 1


def _text(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _args(event: dict[str, Any]) -> dict[str, Any]:
    raw = event.get("arguments")
    if isinstance(raw, dict):
        return raw
    try:
        parsed = json.loads(_text(raw) or "{}")
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _mail_item(seq: int, when: str, box: str, path: str, read_mail: MailReader) -> TimelineItem:
    kind = "mail_received" if box == "Inbox" else "mail_sent"
    raw = read_mail(path)
    name = path.rsplit("/", 1)[-1]
    if raw is None:
        return TimelineItem(seq, when, kind, name, "(the message file is no longer on the disk)")
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        subject = _text(message.get("Subject", "")) or name
        peer = _text(message.get("From" if box == "Inbox" else "To", ""))
        body_part = message.get_body(preferencelist=("plain", "html"))
        body = body_part.get_content() if body_part is not None else ""
        attachments = [_text(p.get_filename()) for p in message.iter_attachments()]
    except Exception as exc:  # a damaged message must not stop the report
        return TimelineItem(seq, when, kind, name, f"(the message could not be parsed: {exc!r})")
    arrow = "from" if box == "Inbox" else "to"
    title = f"{subject} — {arrow} {peer}" if peer else subject
    detail = _text(body).strip()
    if attachments:
        detail += "\n\nAttachments: " + ", ".join(attachments)
    return TimelineItem(seq, when, kind, title, clip(detail))


def _file_item(seq: int, when: str, op: str, path: str, dest: str, actor: str) -> TimelineItem | None:
    if op == "delete":
        return TimelineItem(seq, when, "file_deleted", f"deleted {path}", f"by {actor}")
    if op == "move":
        return TimelineItem(seq, when, "file_moved", f"moved {path} → {dest}", f"by {actor}")
    return None


class _Builder:
    def __init__(self, read_mail: MailReader) -> None:
        self.read_mail = read_mail
        self.days: dict[int, Day] = {}
        self.current = 0
        self.starts: list[tuple[datetime, int]] = []
        self.touched: dict[str, str] = {}
        self.pending: dict[int, list[TimelineItem]] = {}
        self.file_items: dict[tuple[int, str], list[Any]] = {}
        self.journal_seen: set[int] = set()
        self.saw_segment = False
        self.dates: dict[str, int] = {}

    def day(self, index: int) -> Day:
        if index not in self.days:
            self.days[index] = Day(index=index)
        return self.days[index]

    def add(self, item: TimelineItem) -> None:
        self.pending.setdefault(self.current, []).append(item)
        self.day(self.current).counts[item.kind] += 1

    def on_event(self, event: dict[str, Any]) -> None:
        kind = event.get("kind")
        raw_seq = event.get("seq")
        seq = raw_seq if isinstance(raw_seq, int) else 0
        when = _text(event.get("sim_time"))
        if kind == "segment":
            self.saw_segment = True
            self.on_segment(event, when)
            return
        if not self.saw_segment and len(when) >= 10:  # no segments logged: one day per calendar date
            self.on_date(when[:10])
        day = self.day(self.current)
        if when:
            day.start = day.start or when
            day.end = when
            day.date = day.date or when[:10]
        if kind == "tool":
            self.on_tool(event, seq, when, day)
        elif kind == "file":
            self.on_file(event, seq, when, day)

    def on_segment(self, event: dict[str, Any], when: str) -> None:
        match = _DAY_LABEL.match(_text(event.get("label")))
        index = int(match.group(1)) if match else 0
        if event.get("what") == "start":
            self.current = index
            day = self.day(index)
            day.date = day.date or when[:10]
            start = parse_time(when)
            if match and start is not None and all(i != index for _, i in self.starts):
                self.starts.append((start, index))
        elif event.get("what") == "end":
            day = self.day(index)
            turns = event.get("worker_turns")
            if isinstance(turns, int):
                day.worker_turns = turns
            day.stop = _text(event.get("stop"))

    def on_date(self, date: str) -> None:
        if date not in self.dates:
            self.dates[date] = len(self.dates) + 1
            start = parse_time(f"{date}T00:00:00+00:00")
            if start is not None:
                self.starts.append((start, self.dates[date]))
        self.current = self.dates[date]

    def on_tool(self, event: dict[str, Any], seq: int, when: str, day: Day) -> None:
        name = _text(event.get("name"))
        args = _args(event)
        result = _text(event.get("result"))
        day.tool_calls += 1
        minutes = event.get("sim_minutes")
        if isinstance(minutes, (int, float)):
            day.sim_minutes += float(minutes)
        if event.get("is_error"):
            day.tool_errors += 1
            first = result.strip().splitlines()[0] if result.strip() else ""
            title = f"{name} failed: {clip(first, 140)}" if first else f"{name} failed"
            detail = f"arguments: {clip(_text(event.get('arguments')), 600)}\n\nresult: {clip(result, 600)}"
            self.add(TimelineItem(seq, when, "tool_error", title, detail))
            return
        if name == "submit_deliverable":
            ident = _text(args.get("deliverable_id")) or "?"
            self.add(TimelineItem(seq, when, "submission", f"submitted {ident}: {_text(args.get('path'))}", result))
        elif name == "append_journal":
            self.add(TimelineItem(seq, when, "journal", clip(_text(args.get("entry")), 300), ""))
        elif name == "end_day":
            day.summary = _text(args.get("summary"))

    def on_file(self, event: dict[str, Any], seq: int, when: str, day: Day) -> None:
        op, path, actor = _text(event.get("op")), _text(event.get("path")), _text(event.get("actor"))
        dest = _text(event.get("dest"))
        if not path:
            return
        journal_seq = event.get("journal_seq")
        if isinstance(journal_seq, int):  # the same disk change can be logged more than once
            if journal_seq in self.journal_seen:
                return
            self.journal_seen.add(journal_seq)
        box = _MAIL_BOX.search(path)
        if actor == "mail" and op == "write" and box:
            self.add(_mail_item(seq, when, box.group(1), path, self.read_mail))
            return
        if op == "mkdir":
            return
        self.touched[path] = op
        if dest:
            self.touched[dest] = op
        special = _file_item(seq, when, op, path, dest, actor)
        if special is not None:
            self.add(special)
            return
        key = (self.current, path)
        if key in self.file_items:
            self.file_items[key][2] += 1
        else:
            self.file_items[key] = [seq, when, 1, op]
            day.files_written.add(path)
            day.counts["file"] += 1

    def finish(self, bad_lines: int) -> Timeline:
        for (index, path), (seq, when, n, op) in self.file_items.items():
            verb = "wrote" if op == "write" else f"{op}:"
            times = f" ({n} writes)" if n > 1 else ""
            self.pending.setdefault(index, []).append(TimelineItem(seq, when, "file", f"{verb} {path}{times}", ""))
        for index, items in self.pending.items():
            day = self.day(index)
            rank = {kind: i for i, kind in enumerate(KINDS)}
            ordered = sorted(items, key=lambda item: (rank.get(item.kind, len(KINDS)), item.seq))
            kept, dropped = ordered[:MAX_ITEMS_PER_DAY], ordered[MAX_ITEMS_PER_DAY:]
            day.items = sorted(kept, key=lambda item: item.seq)
            day.hidden = Counter(item.kind for item in dropped)
        days = tuple(self.days[i] for i in sorted(self.days))
        return Timeline(days=days, touched=self.touched, starts=tuple(sorted(self.starts)), bad_lines=bad_lines)


def read_timeline(events_path: Path, read_mail: MailReader) -> Timeline:
    """Stream ``events.jsonl`` into days (bounded memory: items are capped per day).

    ``read_mail(path)`` returns the bytes of a mail file of the end-state disk (or None when it is gone).

    Example:
        >>> from pathlib import Path
        >>> timeline = read_timeline(Path("runs/c1/events.jsonl"), lambda path: None)  # doctest: +SKIP
        >>> [d.label for d in timeline.days][:2]  # doctest: +SKIP
        ['Planning', 'Day 1']
    """
    builder = _Builder(read_mail)
    bad = [0]
    for event in iter_jsonl(events_path, bad):
        builder.on_event(event)
    return builder.finish(bad[0])

"""Communication and workflow tools over a :class:`World`: mail, submissions, the work journal, ending the day.

Each tool is an AutoGen ``BaseTool`` and a component whose config names the world by id, like the disk tools name
their disk. Errors raise :class:`CommToolError` with a message that tells the model what to do instead (unknown
collaborator: the known ones with their identifiers; unknown message id: the recent ids).
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from datetime import datetime, timedelta, tzinfo
from typing import Any, ClassVar, Generic, TypeVar

from autogen_core import CancellationToken, Component
from autogen_core.tools import BaseTool
from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import Self

from ..disk import DiskError
from ..tools import DEFAULT_COST, WRITE_COST, ToolCost, ToolTraits, fence_untrusted, register_tool_traits
from ._mail import MailError, MailSummary
from ._world import World, WorldError, get_world

__all__ = [
    "ALL_COMM_TOOL_CLASSES",
    "AppendJournalTool",
    "CheckInboxTool",
    "CommTool",
    "CommToolConfig",
    "CommToolError",
    "EndDayTool",
    "ReadMessageTool",
    "ReplyTool",
    "SaveAttachmentTool",
    "SendMessageTool",
    "SubmitDeliverableTool",
    "WaitTool",
    "comm_tools",
    "short_id",
]


class CommToolError(ValueError):
    """A communication tool was called with something that cannot work; the message says what to do."""


class CommToolConfig(BaseModel):
    """Component config of a comm tool: the world by id and the acting user label."""

    world: str = Field(description="world_id of a live World (see synthcomp_agents.simulation.get_world).")
    actor: str = Field(default="user", description="Actor recorded in the disk journal for files the tool writes.")


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid")


ArgsT = TypeVar("ArgsT", bound=BaseModel)

_SHORT = re.compile(r"^m?0*(\d{1,7})$", re.IGNORECASE)


def short_id(message_id: str) -> str:
    """The short id shown to agents (``m00012``) of a full Message-ID ``<stamp.00012.digest@domain>``.

    Example:
        >>> short_id("<20260414091200.00012.abc@acme.example>")
        'm00012'
    """
    parts = message_id.strip("<>").split(".")
    return f"m{parts[1]}" if len(parts) > 2 and parts[1].isdigit() else message_id.strip("<>")


class CommTool(BaseTool[ArgsT, Any], Component[CommToolConfig], ABC, Generic[ArgsT]):
    """Base of the communication tools: resolves the world, turns failures into helpful :class:`CommToolError`.

    Args:
        world: the world or its id.
        actor: actor recorded in the disk journal for files written by the tool.
    """

    component_type = "tool"
    component_config_schema = CommToolConfig
    tool_name: ClassVar[str]
    tool_description: ClassVar[str]
    args_model: ClassVar[type[BaseModel]]
    traits: ClassVar[ToolTraits]

    def __init__(self, world: World | str, *, actor: str = "user") -> None:
        if not isinstance(getattr(type(self), "traits", None), ToolTraits):
            raise TypeError(f"{type(self).__name__} must declare traits = ToolTraits(...) (see synthcomp_agents.tools)")
        super().__init__(self.args_model, str, self.tool_name, self.tool_description)  # type: ignore[arg-type]
        self._world = get_world(world) if isinstance(world, str) else world
        self._world_id = world if isinstance(world, str) else world.world_id
        self._actor = actor

    @property
    def world(self) -> World:
        """The world this tool acts in."""
        return self._world

    @abstractmethod
    def execute(self, args: ArgsT) -> str:
        """Do the work and return the result text."""

    async def run(self, args: ArgsT, cancellation_token: CancellationToken) -> str:
        """Run :meth:`execute`; mail, disk and world errors become :class:`CommToolError` with their message."""
        try:
            return self.execute(args)
        except CommToolError:
            raise
        except (MailError, DiskError, WorldError) as exc:
            raise CommToolError(str(exc).strip("'\"")) from None
        except KeyError as exc:
            raise CommToolError(f"{self.tool_name}: not found: {exc}") from None

    def return_value_as_string(self, value: Any) -> str:
        return value if isinstance(value, str) else str(value)

    # -- helpers ----------------------------------------------------------------------------------------

    def _resolve_message(self, message_id: str) -> MailSummary:
        box = self._world.mailbox
        known = [*box.inbox(), *box.sent()]
        wanted = message_id.strip().strip("<>")
        match = _SHORT.match(wanted)
        for summary in known:
            full = summary.message_id.strip("<>")
            if wanted == full or (match and short_id(summary.message_id) == f"m{int(match.group(1)):05d}"):
                return summary
        recent = sorted(box.inbox(), key=lambda s: s.delivered or s.date)[-8:]
        shown = ", ".join(f"{short_id(s.message_id)} ('{s.subject[:40]}')" for s in recent) or "none yet"
        raise CommToolError(
            f"no message with id {message_id!r} in your mailbox. Recent inbox ids: {shown}. "
            "Use check_inbox (unread_only=false) to list every message id."
        )

    def _addresses(self, people: list[str]) -> list[str]:
        world = self._world
        out: list[str] = []
        for who in people:
            text = who.strip()
            if not text:
                continue
            try:
                out.append(world.collaborator(text).display_address)
            except WorldError:
                if "@" in text and " " not in text.strip("<> "):
                    out.append(text)  # an outside address: allowed, nobody will answer
                    continue
                raise CommToolError(
                    f"unknown recipient {who!r}. Use a collaborator identifier or e-mail address; known "
                    f"collaborators: {world.directory()}"
                ) from None
        if not out:
            raise CommToolError(f"'to' needs at least one recipient; known collaborators: {world.directory()}")
        return out

    def _to_config(self) -> CommToolConfig:
        return CommToolConfig(world=self._world_id, actor=self._actor)

    @classmethod
    def _from_config(cls, config: CommToolConfig) -> Self:
        return cls(config.world, actor=config.actor)


def _describe(summary: MailSummary, *, unread: bool, tz: tzinfo) -> str:
    when = (summary.delivered or summary.date).astimezone(tz).strftime("%Y-%m-%d %H:%M")
    attach = f" | attachments: {', '.join(summary.attachments)}" if summary.attachments else ""
    flag = " | unread" if unread else ""
    return f"{short_id(summary.message_id)} | {when} | from {summary.sender} | {summary.subject}{attach}{flag}"


# -- send / inbox / read / reply ---------------------------------------------------------------------------------


class SendMessageArgs(_Args):
    to: list[str] = Field(description="Recipients: collaborator identifiers (e.g. 'dana_lee') or e-mail addresses.")
    subject: str = Field(description="Subject line.")
    body: str = Field(description="Plain-text message.")
    attachments: list[str] = Field(default_factory=list, description="Files on your disk to attach.")


class SendMessageTool(CommTool[SendMessageArgs]):
    """Send an e-mail from the user to collaborators (with files attached); replies arrive later in the inbox.

    Example:
        >>> import asyncio
        >>> from autogen_core import CancellationToken
        >>> from synthcomp_agents.testing import demo_world
        >>> world = demo_world(world_id="send-doc")
        >>> tool = SendMessageTool(world)
        >>> out = asyncio.run(tool.run_json({"to": ["petra_lang"], "subject": "Q1", "body": "Any credit notes?"},
        ...                                 CancellationToken()))
        >>> out.startswith("Sent m00001 to Petra Lang")
        True
    """

    component_provider_override = "synthcomp_agents.simulation.SendMessageTool"
    tool_name = "send_message"
    tool_description = (
        "Send an e-mail to collaborators (identifiers or addresses), optionally attaching files from your disk. "
        "Replies arrive later in your inbox (check_inbox)."
    )
    args_model = SendMessageArgs
    traits = ToolTraits(
        kind="communicate", mutates=True, cost=ToolCost(3, per_1k_args=5, low=3, high=30), paths=("attachments",)
    )

    def execute(self, args: SendMessageArgs) -> str:
        world = self._world
        to = self._addresses(args.to)
        if not args.subject.strip():
            raise CommToolError("subject is empty; give the message a short subject line")
        mid = world.mailbox.send(world.owner, to, args.subject.strip(), args.body, attachments=list(args.attachments))
        files = f" with {', '.join(args.attachments)}" if args.attachments else ""
        return f"Sent {short_id(mid)} to {', '.join(to)}: '{args.subject.strip()}'{files}."


class CheckInboxArgs(_Args):
    unread_only: bool = Field(default=True, description="Only messages you have not read yet.")


class CheckInboxTool(CommTool[CheckInboxArgs]):
    """List inbox messages (id, time, sender, subject, attachments), oldest first; the newest 20 at most."""

    component_provider_override = "synthcomp_agents.simulation.CheckInboxTool"
    tool_name = "check_inbox"
    tool_description = (
        "List messages in your inbox (id, time, sender, subject, attachments); read one with read_message."
    )
    args_model = CheckInboxArgs
    traits = ToolTraits(
        kind="communicate", mutates=False, cost=ToolCost(2, low=2, high=2), repeatable=True, time_first=True
    )

    def execute(self, args: CheckInboxArgs) -> str:
        box = self._world.mailbox
        every = box.inbox()
        unread = box.inbox(unread_only=True)
        shown = (unread if args.unread_only else every)[-20:]
        if not shown:
            what = "unread messages" if args.unread_only else "messages"
            return f"No {what} in your inbox ({len(every)} in total, {len(unread)} unread)."
        unread_ids = {s.message_id for s in unread}
        head = f"{len(unread)} unread of {len(every)} in your inbox; showing {len(shown)}:"
        lines = [_describe(s, unread=s.message_id in unread_ids, tz=self._world.clock.tz) for s in shown]
        return "\n".join([head, *lines])


class ReadMessageArgs(_Args):
    message_id: str = Field(description="Message id from check_inbox, e.g. 'm00012'.")


class ReadMessageTool(CommTool[ReadMessageArgs]):
    """Read one message (headers, body, attachment names) and mark it read."""

    component_provider_override = "synthcomp_agents.simulation.ReadMessageTool"
    tool_name = "read_message"
    tool_description = "Read a message by id (from check_inbox): headers, body and attachment names; marks it read."
    args_model = ReadMessageArgs
    traits = ToolTraits(kind="communicate", mutates=True, cost=ToolCost(2, per_1k_result=0.7, low=2, high=20))

    def execute(self, args: ReadMessageArgs) -> str:
        summary = self._resolve_message(args.message_id)
        message = self._world.mailbox.read(summary.message_id)
        head = [
            f"Message {short_id(summary.message_id)}",
            f"From: {summary.sender}",
            f"To: {', '.join(summary.to)}",
            f"Date: {(summary.delivered or summary.date).astimezone(self._world.clock.tz).strftime('%Y-%m-%d %H:%M')}",
            f"Subject: {summary.subject}",
        ]
        if summary.in_reply_to:
            head.append(f"In reply to: {short_id(summary.in_reply_to)}")
        if message.attachments:
            head.append(
                "Attachments: "
                + ", ".join(f"{n} ({len(b):,} bytes)" for n, b in message.attachments.items())
                + " (save one with save_attachment)"
            )
        body = message.body.strip()
        cut = len(body) > 6000
        # the body is whatever the sender wrote (a model, in real runs): it reaches the worker as data, fenced
        fenced = fence_untrusted(body[:6000], f"message {short_id(summary.message_id)} from {summary.sender}")
        note = ["[... message truncated at 6,000 characters ...]"] if cut else []
        return "\n".join([*head, "", fenced, *note])


class ReplyArgs(_Args):
    message_id: str = Field(description="Id of the message you answer.")
    body: str = Field(description="Plain-text reply.")
    attachments: list[str] = Field(default_factory=list, description="Files on your disk to attach.")


class ReplyTool(CommTool[ReplyArgs]):
    """Reply to a message (Re: subject, to its sender)."""

    component_provider_override = "synthcomp_agents.simulation.ReplyTool"
    tool_name = "reply"
    tool_description = "Reply to a message by id (goes to its sender), optionally attaching files from your disk."
    args_model = ReplyArgs
    traits = ToolTraits(
        kind="communicate", mutates=True, cost=ToolCost(3, per_1k_args=5, low=3, high=30), paths=("attachments",)
    )

    def execute(self, args: ReplyArgs) -> str:
        summary = self._resolve_message(args.message_id)
        world = self._world
        mid = world.mailbox.reply(summary.message_id, world.owner, args.body, list(args.attachments))
        sent = world.mailbox.sent()[-1]
        return f"Replied with {short_id(mid)} to {', '.join(sent.to)}: '{sent.subject}'."


class SaveAttachmentArgs(_Args):
    message_id: str = Field(description="Message id.")
    filename: str = Field(description="Attachment file name as listed by read_message.")
    folder: str = Field(default="Downloads", description="Folder on your disk to save it in.")


class SaveAttachmentTool(CommTool[SaveAttachmentArgs]):
    """Save a message's attachment to a folder on the disk (a free name is chosen if the file exists)."""

    component_provider_override = "synthcomp_agents.simulation.SaveAttachmentTool"
    tool_name = "save_attachment"
    tool_description = "Save an attachment of a message into a folder on your disk (default Downloads)."
    args_model = SaveAttachmentArgs
    traits = ToolTraits(kind="write", mutates=True, cost=WRITE_COST, paths=("folder", "filename"))

    def execute(self, args: SaveAttachmentArgs) -> str:
        world = self._world
        summary = self._resolve_message(args.message_id)
        folder = world.disk.resolve(args.folder) if args.folder.strip() not in ("", "~") else ""
        stem, dot, ext = args.filename.rpartition(".")
        if not dot:
            stem, ext = args.filename, ""
        target = f"{folder}/{args.filename}" if folder else args.filename
        n = 1
        while world.disk.exists(target):
            name = f"{stem} ({n}){'.' + ext if ext else ''}"
            target = f"{folder}/{name}" if folder else name
            n += 1
        info = world.mailbox.save_attachment(summary.message_id, args.filename, target, actor=self._actor)
        return (
            f"Saved {args.filename} from {short_id(summary.message_id)} to {info.display_path} ({info.size:,} bytes)."
        )


# -- workflow -------------------------------------------------------------------------------------------------------


class SubmitDeliverableArgs(_Args):
    deliverable_id: str = Field(description="Id of the deliverable in your plan, e.g. 'o1-d2'.")
    path: str = Field(description="The finished file on your disk.")
    note: str = Field(default="", description="A short note for whoever receives it.")


class SubmitDeliverableTool(CommTool[SubmitDeliverableArgs]):
    """Submit a finished deliverable of the month's plan (the file must exist; resubmitting replaces it)."""

    component_provider_override = "synthcomp_agents.simulation.SubmitDeliverableTool"
    tool_name = "submit_deliverable"
    tool_description = "Submit a finished deliverable of your plan by id and file path (resubmit to replace it)."
    args_model = SubmitDeliverableArgs
    traits = ToolTraits(kind="communicate", mutates=True, cost=DEFAULT_COST, paths=("path",))

    def execute(self, args: SubmitDeliverableArgs) -> str:
        world = self._world
        plan = world.plan
        if plan is None:
            raise CommToolError("there is no plan for the month yet, so there is nothing to submit")
        wanted = {d.deliverable_id: d for d in plan.deliverables()}
        item = wanted.get(args.deliverable_id.strip())
        if item is None:
            open_ids = [f"{i} ({d.path})" for i, d in wanted.items() if i not in world.submissions]
            raise CommToolError(
                f"unknown deliverable id {args.deliverable_id!r}. Open deliverables: {', '.join(open_ids) or 'none'}"
            )
        if not world.disk.exists(args.path):
            raise CommToolError(
                f"{args.path!r} does not exist on your disk; the plan expects {item.deliverable_id} at "
                f"~/{item.path}. Create it first (create_document, create_spreadsheet, create_presentation)."
            )
        if world.disk.is_dir(args.path):
            raise CommToolError(f"{args.path!r} is a folder; submit the deliverable file itself (~/{item.path})")
        sub = world.submit(item.deliverable_id, args.path, args.note)
        extra = "" if sub.path == item.path else f" Note: the plan expected ~/{item.path}."
        left = [d.deliverable_id for d in plan.deliverables() if d.deliverable_id not in world.submissions]
        return (
            f"Submitted {item.deliverable_id} ('{item.title}') from ~/{sub.path} (sha256 {sub.sha256[:12]}).{extra} "
            f"{len(world.submissions)} of {len(wanted)} submitted; open: {', '.join(left) or 'none'}."
        )


class AppendJournalArgs(_Args):
    entry: str = Field(description="What you did, learned or decided; one or a few lines.")


class AppendJournalTool(CommTool[AppendJournalArgs]):
    """Append a time-stamped entry to the user's work journal on the disk."""

    component_provider_override = "synthcomp_agents.simulation.AppendJournalTool"
    tool_name = "append_journal"
    tool_description = (
        "Append a time-stamped entry to your work journal (your memory across days); read it with read_file."
    )
    args_model = AppendJournalArgs
    traits = ToolTraits(
        kind="write", mutates=True, cost=ToolCost(3, per_1k_args=5, low=3, high=15), repeatable=True, note="entry"
    )

    def execute(self, args: AppendJournalArgs) -> str:
        world = self._world
        text = " ".join(args.entry.split()) if "\n" not in args.entry.strip() else args.entry.strip()
        if not text:
            raise CommToolError("the journal entry is empty; write what you did, learned or decided")
        disk = world.disk
        path = world.journal_path
        stamp = world.clock.local_now.strftime("%a %Y-%m-%d %H:%M")
        line = f"- {stamp} | {text}\n"
        if disk.exists(path):
            old = disk.read_text(path)
            content = old + ("" if old.endswith("\n") else "\n") + line
        else:
            content = f"# Work journal - {world.user_name}\n\n{line}"
        info = disk.write_text(path, content, actor=self._actor)
        return f"Journal updated (~/{path}, {info.size:,} bytes)."


class ScheduleMeetingArgs(_Args):
    attendees: list[str] = Field(description="Collaborator identifiers or e-mail addresses to invite.")
    subject: str = Field(description="What the meeting is about.")
    start: str = Field(description="Local start time, 'YYYY-MM-DD HH:MM' (a workday within the month).")
    duration_minutes: int = Field(default=30, ge=15, le=240, description="Length in minutes.")
    agenda: str = Field(default="", description="Agenda or purpose, a few lines.")


class ScheduleMeetingTool(CommTool[ScheduleMeetingArgs]):
    """Put a meeting in the user's calendar (an ``.ics`` file on the disk) and mail the invitation to attendees.

    Example:
        >>> import asyncio
        >>> from autogen_core import CancellationToken
        >>> from synthcomp_agents.testing import demo_world
        >>> world = demo_world(world_id="meeting-doc")
        >>> args = {"attendees": ["petra_lang"], "subject": "Q1 review", "start": "2026-04-14 10:00"}
        >>> print(asyncio.run(ScheduleMeetingTool(world).run_json(args, CancellationToken()))[:94])
        Scheduled 'Q1 review' on Tue 2026-04-14 10:00-10:30 (~/Calendar/2026-04-14 1000 Q1 review.ics)
    """

    component_provider_override = "synthcomp_agents.simulation.ScheduleMeetingTool"
    tool_name = "schedule_meeting"
    tool_description = (
        "Schedule a meeting: saves it to your calendar (~/Calendar, .ics) and e-mails the invitation to attendees."
    )
    args_model = ScheduleMeetingArgs
    traits = ToolTraits(kind="communicate", mutates=True, cost=ToolCost(5, per_1k_args=2, low=5, high=20))

    def execute(self, args: ScheduleMeetingArgs) -> str:
        from ..office import CalendarSpec, EventSpec, write_ics

        world = self._world
        clock = world.clock
        attendees = self._addresses(args.attendees)
        subject = " ".join(args.subject.split())
        if not subject:
            raise CommToolError("subject is empty; say what the meeting is about")
        try:
            local = datetime.strptime(args.start.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=clock.tz)
        except ValueError:
            raise CommToolError(f"start {args.start!r} is not 'YYYY-MM-DD HH:MM' (e.g. '2026-04-14 10:00')") from None
        now = clock.local_now
        if local < now:
            raise CommToolError(f"{args.start} is in the past (it is {now:%Y-%m-%d %H:%M}); pick a later time")
        if local.weekday() >= 5 or not 7 <= local.hour < 19:
            raise CommToolError(f"{args.start} is outside working hours; pick a workday between 07:00 and 19:00")
        end = local + timedelta(minutes=args.duration_minutes)
        safe = re.sub(r"[^\w .,&()-]+", "", subject)[:60].strip() or "Meeting"
        path = f"Calendar/{local:%Y-%m-%d %H%M} {safe}.ics"
        uid = hashlib.sha256(f"{world.owner}|{path}|{','.join(attendees)}".encode()).hexdigest()[:16]
        event = EventSpec(
            uid=f"{uid}@synthcomp",
            summary=subject,
            start=local,
            end=end,
            description=args.agenda.strip() or None,
            organizer=world.owner,
            attendees=attendees,
        )
        data = write_ics(CalendarSpec(events=[event], name=f"{world.user_name} - meetings"))
        world.disk.write_bytes(path, data, actor=self._actor)
        when = f"{local:%a %Y-%m-%d %H:%M}-{end:%H:%M}"
        body = f"Invitation: {subject}\nWhen: {when} ({clock.tz})\n\n{args.agenda.strip()}".rstrip()
        mid = world.mailbox.send(world.owner, attendees, f"Invitation: {subject} ({when})", body, attachments=[path])
        return f"Scheduled '{subject}' on {when} (~/{path}); invitation {short_id(mid)} sent to {', '.join(attendees)}."


class WaitArgs(_Args):
    minutes: int | None = Field(
        default=None, ge=1, le=600, description="Wait at most this long; default: until the next message arrives."
    )


class WaitTool(CommTool[WaitArgs]):
    """Let simulated time pass until the next message arrives (or ``minutes`` pass), at most to the end of the day.

    The next expected event is the earliest mail due in the inbox or the start of a meeting; with nothing expected
    and no ``minutes`` it waits 30 minutes. Mail due by then is delivered and listed. The workbench charges no
    extra time: the wait itself is the call's duration.

    Example:
        >>> import asyncio
        >>> from autogen_core import CancellationToken
        >>> from synthcomp_agents.testing import demo_world
        >>> world = demo_world(world_id="wait-doc")
        >>> print(asyncio.run(WaitTool(world).run_json({"minutes": 45}, CancellationToken())))
        Waited 45 min (09:00-09:45); no new mail.
    """

    component_provider_override = "synthcomp_agents.simulation.WaitTool"
    tool_name = "wait"
    tool_description = (
        "Wait for mail: until the next message arrives or `minutes` pass (never past the end of the day)."
    )
    args_model = WaitArgs
    traits = ToolTraits(kind="control", mutates=False, cost=ToolCost(0, high=0), repeatable=True, time_first=True)

    def execute(self, args: WaitArgs) -> str:
        world = self._world
        clock = world.clock
        start = clock.now
        if world.day_ended or clock.day_over:
            return "The working day is over: nothing to wait for; call end_day."
        expected = world.next_event()
        limit = start + timedelta(minutes=args.minutes if args.minutes is not None else 30)
        if args.minutes is None and expected is not None:
            limit = expected
        elif expected is not None:
            limit = min(limit, expected)
        until = min(limit, clock.day_end)
        clock.advance_to(until)
        arrived = world.mailbox.deliver_due(clock.now)
        local = clock.tz
        span = f"{start.astimezone(local):%H:%M}-{clock.now.astimezone(local):%H:%M}"
        waited = round((clock.now - start).total_seconds() / 60)
        if not arrived:
            why = "; the working day is over" if clock.day_over else ""
            return f"Waited {waited} min ({span}); no new mail{why}."
        lines = [f"Waited {waited} min ({span}); {len(arrived)} new message{'s' if len(arrived) != 1 else ''}:"]
        lines += [_describe(s, unread=True, tz=local) for s in arrived]
        return "\n".join(lines)


class EndDayArgs(_Args):
    summary: str = Field(description="One or two sentences: what you got done today and what comes next.")


class EndDayTool(CommTool[EndDayArgs]):
    """End the working day (the simulation continues the next workday morning)."""

    component_provider_override = "synthcomp_agents.simulation.EndDayTool"
    tool_name = "end_day"
    tool_description = "End your working day with a short summary; work continues the next workday morning."
    args_model = EndDayArgs
    traits = ToolTraits(kind="control", mutates=True, cost=ToolCost(0, high=0), repeatable=True)

    def execute(self, args: EndDayArgs) -> str:
        world = self._world
        world.end_day(args.summary)
        clock = world.clock
        left = clock.days - clock.day_index - 1
        return (
            f"Day ended at {clock.local_now.strftime('%H:%M')} (workday {clock.day_index + 1} of {clock.days}; "
            f"{left} left). See you tomorrow morning."
        )


ALL_COMM_TOOL_CLASSES: tuple[type[CommTool[Any]], ...] = (
    SendMessageTool,
    CheckInboxTool,
    ReadMessageTool,
    ReplyTool,
    SaveAttachmentTool,
    SubmitDeliverableTool,
    AppendJournalTool,
    ScheduleMeetingTool,
    WaitTool,
    EndDayTool,
)
"""Every comm tool class, in the order a workbench lists them."""

for _tool_class in ALL_COMM_TOOL_CLASSES:
    register_tool_traits(_tool_class)


def comm_tools(world: World | str, *, actor: str = "user") -> list[CommTool[Any]]:
    """Every communication/workflow tool over ``world``.

    Example:
        >>> from synthcomp_agents.testing import demo_world
        >>> [t.name for t in comm_tools(demo_world(world_id="comm-doc"))][:3]
        ['send_message', 'check_inbox', 'read_message']
    """
    return [cls(world, actor=actor) for cls in ALL_COMM_TOOL_CLASSES]

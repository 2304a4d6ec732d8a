"""The user's mail and calendar, stored on the VirtualDisk as .eml and .ics files.

The mailbox belongs to the computer's owner: every message has the owner as sender or recipient. Messages the
owner sends are written to ``<folder>/Sent``; messages to the owner land in ``<folder>/Inbox`` when delivered
(immediately, or at a scheduled simulated time: ``deliver_due``). The index kept in memory (and in
``to_state``) is metadata only; contents are read back from the .eml files on the disk.
"""

from __future__ import annotations

import base64
import email.policy
import email.utils
import functools
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from email.parser import BytesParser
from typing import Any

from ..disk import FileInfo, VirtualDisk
from ..office import Attachment, CalendarSpec, EmailSpec, EventSpec, write_eml, write_ics

__all__ = ["MailError", "MailMessage", "MailSummary", "Mailbox", "Meeting"]


class MailError(ValueError):
    """A mail operation is invalid (unknown message id, message not involving the owner, bad address...)."""


@functools.lru_cache(maxsize=4096)
def _addr(value: str) -> str:
    """Bare lower-case address of ``'Name <a@b>'`` or ``'a@b'`` (cached: the selector asks every turn)."""
    address = email.utils.parseaddr(value)[1].strip().lower()
    if not address or "@" not in address:
        raise MailError(f"{value!r} is not an e-mail address; use 'Name <name@example.com>' or 'name@example.com'")
    return address


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _slug(text: str, limit: int = 40) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return (slug[:limit].rstrip("-")) or "message"


@dataclass
class MailSummary:
    """Metadata of one message (what a mail client lists)."""

    message_id: str
    sender: str
    to: list[str]
    cc: list[str]
    subject: str
    date: datetime
    delivered: datetime | None
    path: str | None
    attachments: list[str]
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    read_by: list[str] = field(default_factory=list)
    answered_by: list[str] = field(default_factory=list)
    snippet: str = ""

    @property
    def recipients(self) -> list[str]:
        """Bare addresses of To and Cc."""
        return [_addr(a) for a in (*self.to, *self.cc)]

    def to_state(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["delivered"] = self.delivered.isoformat() if self.delivered else None
        return data

    @classmethod
    def from_state(cls, data: Mapping[str, Any]) -> MailSummary:
        values = dict(data)
        values["date"] = datetime.fromisoformat(values["date"])
        values["delivered"] = datetime.fromisoformat(values["delivered"]) if values.get("delivered") else None
        return cls(**values)


@dataclass
class MailMessage:
    """A full message: its summary, plain-text body and attachments (exact bytes from the .eml)."""

    summary: MailSummary
    body: str
    attachments: dict[str, bytes]

    @property
    def message_id(self) -> str:
        return self.summary.message_id


@dataclass
class Meeting:
    """A scheduled meeting (its .ics lives on the disk when the owner takes part)."""

    uid: str
    organizer: str
    attendees: list[str]
    summary: str
    start: datetime
    end: datetime
    path: str | None
    location: str | None = None
    description: str | None = None

    def to_state(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"], data["end"] = self.start.isoformat(), self.end.isoformat()
        return data

    @classmethod
    def from_state(cls, data: Mapping[str, Any]) -> Meeting:
        values = dict(data)
        values["start"], values["end"] = datetime.fromisoformat(values["start"]), datetime.fromisoformat(values["end"])
        return cls(**values)


class Mailbox:
    """The owner's mail system on a VirtualDisk: send, schedule, deliver, read, reply, meetings.

    Args:
        disk: the user's disk.
        owner: the user's ``'Name <address>'``.
        folder: mail folder on the disk (``Inbox`` and ``Sent`` go inside).
        calendar_folder: where meeting .ics files go.
        clock: simulated time (default ``disk.clock``); ``SimClock`` fits.
        actor: actor recorded in the disk journal for mail files.

    Example:
        >>> from datetime import datetime, timezone
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> disk = VirtualDisk(user="ana")
        >>> _ = disk.write_text("Documents/budget.csv", "item,eur\\ntravel,1200\\n")
        >>> mail = Mailbox(disk, owner="Ana Ruiz <ana@acme.test>")
        >>> mid = mail.send("Ana Ruiz <ana@acme.test>", ["Tom Li <tom@acme.test>"], "Budget", "See attached.",
        ...                 attachments=["Documents/budget.csv"])
        >>> [m.subject for m in mail.pending_for("tom@acme.test")]
        ['Budget']
        >>> later = mail.now() + timedelta(minutes=45)
        >>> rid = mail.reply(mid, "Tom Li <tom@acme.test>", "Travel looks right.", deliver_at=later)
        >>> len(mail.inbox()), len(mail.deliver_due(later)), mail.inbox()[0].subject
        (0, 1, 'Re: Budget')
        >>> mail.read(rid).body.strip(), mail.pending_for("tom@acme.test")
        ('Travel looks right.', [])
    """

    def __init__(
        self,
        disk: VirtualDisk,
        owner: str,
        *,
        folder: str = "Mail",
        calendar_folder: str = "Calendar",
        clock: Callable[[], datetime] | None = None,
        actor: str = "mail",
    ) -> None:
        self._disk = disk
        self._owner_display = owner
        self._owner = _addr(owner)
        self._folder = folder.strip("/")
        self._calendar = calendar_folder.strip("/")
        self._clock = clock
        self._actor = actor
        self._seq = 0
        self._index: dict[str, MailSummary] = {}
        self._order: list[str] = []
        self._scheduled: dict[str, tuple[datetime, bytes]] = {}  # id -> (deliver_at, eml bytes): few, in flight
        self._meetings: dict[str, Meeting] = {}

    # -- basics -----------------------------------------------------------------------------------------

    @property
    def owner(self) -> str:
        """The owner's bare address."""
        return self._owner

    @property
    def inbox_folder(self) -> str:
        return f"{self._folder}/Inbox"

    @property
    def sent_folder(self) -> str:
        return f"{self._folder}/Sent"

    def now(self) -> datetime:
        """Current simulated time (UTC)."""
        return _utc(self._clock() if self._clock is not None else self._disk.clock())

    def _summary(self, message_id: str) -> MailSummary:
        key = message_id if message_id.startswith("<") else f"<{message_id}>"
        summary = self._index.get(key)
        if summary is None:
            raise MailError(f"no message with id {message_id}; use inbox() or outbox_for() to list message ids")
        return summary

    def _attachments(self, items: Sequence[str | Attachment]) -> list[Attachment]:
        out: list[Attachment] = []
        for item in items:
            if isinstance(item, Attachment):
                out.append(item)
                continue
            info = self._disk.stat(item)
            if info.is_dir:
                raise MailError(f"cannot attach the folder {info.display_path}; attach files")
            out.append(Attachment(filename=info.name, content=self._disk.read_bytes(item)))
        return out

    # -- sending ----------------------------------------------------------------------------------------

    def send(
        self,
        sender: str,
        to: Sequence[str],
        subject: str,
        body: str,
        attachments: Sequence[str | Attachment] = (),
        in_reply_to: str | None = None,
        *,
        cc: Sequence[str] = (),
        deliver_at: datetime | None = None,
    ) -> str:
        """Send a message and return its Message-ID (deterministic: sequence number + content hash).

        Args:
            sender: ``'Name <address>'`` (the owner or a collaborator).
            to: recipients.
            subject: subject line.
            body: plain-text body.
            attachments: disk paths (their exact bytes are attached) or ready ``Attachment`` objects.
            in_reply_to: Message-ID answered (sets In-Reply-To and References; marks it answered by the sender).
            cc: copy recipients.
            deliver_at: when it reaches the owner's Inbox (default now; later means scheduled, see deliver_due).

        Raises:
            MailError: If the owner is neither sender nor recipient, an address is invalid, or the replied-to id
                is unknown.
        """
        if isinstance(to, str):
            to = [to]
        if not to:
            raise MailError("a message needs at least one recipient in 'to'")
        sender_addr = _addr(sender)
        recipients = [_addr(a) for a in (*to, *cc)]
        if self._owner != sender_addr and self._owner not in recipients:
            raise MailError(
                f"this mailbox belongs to {self._owner}; messages between other people ({sender_addr} -> "
                f"{', '.join(recipients)}) are not stored on the user's computer"
            )
        now = self.now()
        references: list[str] = []
        parent: MailSummary | None = None
        if in_reply_to is not None:
            parent = self._summary(in_reply_to)
            in_reply_to = parent.message_id
            references = [*parent.references, parent.message_id]
        self._seq += 1
        files = self._attachments(attachments)
        digest = hashlib.sha256(
            "\0".join([str(self._seq), sender, *to, *cc, subject, now.isoformat(), body]).encode()
        ).hexdigest()[:12]
        domain = sender_addr.rpartition("@")[2]
        message_id = f"<{now.strftime('%Y%m%d%H%M%S')}.{self._seq:05d}.{digest}@{domain}>"
        data = write_eml(
            EmailSpec(
                sender=sender,
                to=list(to),
                cc=list(cc),
                subject=subject,
                date=now,
                body=body,
                attachments=files,
                message_id=message_id,
                in_reply_to=in_reply_to,
                references=references,
            )
        )
        summary = MailSummary(
            message_id=message_id,
            sender=sender,
            to=list(to),
            cc=list(cc),
            subject=subject,
            date=now,
            delivered=None,
            path=None,
            attachments=[a.filename for a in files],
            in_reply_to=in_reply_to,
            references=references,
            read_by=[sender_addr],
            snippet=" ".join(body.split())[:120],
        )
        self._index[message_id] = summary
        self._order.append(message_id)
        if parent is not None and sender_addr not in parent.answered_by:
            parent.answered_by.append(sender_addr)
        stamp = now.strftime("%Y-%m-%d_%H%M")
        name = f"{stamp}_{self._seq:05d}_{_slug(subject)}.eml"
        if sender_addr == self._owner:
            summary.path = self._write(f"{self.sent_folder}/{name}", data, now).path
            summary.delivered = now
        if self._owner in recipients and sender_addr != self._owner:
            when = _utc(deliver_at) if deliver_at is not None else now
            if when <= now:
                self._deliver(message_id, data, now)
            else:
                self._scheduled[message_id] = (when, data)
        return message_id

    def _write(self, path: str, data: bytes, when: datetime) -> FileInfo:
        return self._disk.write_bytes(path, data, actor=self._actor, modified=when, created=when)

    def _deliver(self, message_id: str, data: bytes, when: datetime) -> None:
        summary = self._index[message_id]
        stamp = when.strftime("%Y-%m-%d_%H%M")
        number = message_id.split(".")[1]
        path = f"{self.inbox_folder}/{stamp}_{number}_{_slug(summary.subject)}.eml"
        summary.path = self._write(path, data, when).path
        summary.delivered = when

    def reply(
        self,
        message_id: str,
        sender: str,
        body: str,
        attachments: Sequence[str | Attachment] = (),
        *,
        reply_all: bool = False,
        deliver_at: datetime | None = None,
    ) -> str:
        """Answer a message: ``Re:`` subject, To the original sender (and the others with ``reply_all``)."""
        parent = self._summary(message_id)
        subject = parent.subject if parent.subject.lower().startswith("re:") else f"Re: {parent.subject}"
        me = _addr(sender)
        to = [parent.sender] if _addr(parent.sender) != me else list(parent.to)
        cc: list[str] = []
        if reply_all:
            cc = [a for a in (*parent.to, *parent.cc) if _addr(a) not in {me, *(_addr(t) for t in to)}]
        return self.send(sender, to, subject, body, attachments, parent.message_id, cc=cc, deliver_at=deliver_at)

    def deliver_due(self, now: datetime | None = None) -> list[MailSummary]:
        """Deliver scheduled messages whose time has come (in delivery-time order); return them."""
        when = _utc(now) if now is not None else self.now()
        due = sorted((t, mid) for mid, (t, _) in self._scheduled.items() if t <= when)
        out: list[MailSummary] = []
        for at, mid in due:
            _, data = self._scheduled.pop(mid)
            self._deliver(mid, data, at)
            out.append(self._index[mid])
        return out

    def next_delivery(self) -> datetime | None:
        """Time of the earliest scheduled delivery, or None."""
        return min((t for t, _ in self._scheduled.values()), default=None)

    # -- reading ----------------------------------------------------------------------------------------

    def inbox(self, unread_only: bool = False, *, limit: int | None = None) -> list[MailSummary]:
        """Delivered messages to the owner, oldest first (the newest ``limit`` if given)."""
        out = [
            s
            for mid in self._order
            if (s := self._index[mid]).delivered is not None
            and _addr(s.sender) != self._owner
            and self._owner in s.recipients
            and mid not in self._scheduled
            and not (unread_only and self._owner in s.read_by)
        ]
        out.sort(key=lambda s: (s.delivered or s.date, s.message_id))
        return out[-limit:] if limit else out

    def sent(self) -> list[MailSummary]:
        """Messages the owner sent, oldest first."""
        return [s for mid in self._order if _addr((s := self._index[mid]).sender) == self._owner]

    def read(self, message_id: str, reader: str | None = None) -> MailMessage:
        """Read a message from its .eml on the disk and mark it read by ``reader`` (default the owner).

        Raises:
            MailError: If the id is unknown or the message is not delivered yet.
        """
        summary = self._summary(message_id)
        if summary.path is None or summary.message_id in self._scheduled:
            raise MailError(f"message {summary.message_id} has not been delivered yet")
        who = _addr(reader) if reader else self._owner
        raw = self._disk.read_bytes(summary.path)
        parsed = BytesParser(policy=email.policy.default).parsebytes(raw)
        body_part = parsed.get_body(preferencelist=("plain",))
        body = body_part.get_content() if body_part is not None else ""
        files: dict[str, bytes] = {}
        for part in parsed.iter_attachments():
            payload = part.get_payload(decode=True)
            files[part.get_filename() or "attachment"] = payload if isinstance(payload, bytes) else b""
        if who not in summary.read_by:
            summary.read_by.append(who)
        return MailMessage(summary=summary, body=str(body), attachments=files)

    def body_of(self, message_id: str) -> str:
        """The plain-text body of a message, delivered or still in flight, without marking it read (what its
        sender remembers writing)."""
        summary = self._summary(message_id)
        scheduled = self._scheduled.get(summary.message_id)
        if scheduled is not None:
            raw = scheduled[1]
        elif summary.path is not None:
            raw = self._disk.read_bytes(summary.path)
        else:
            return ""
        parsed = BytesParser(policy=email.policy.default).parsebytes(raw)
        part = parsed.get_body(preferencelist=("plain",))
        return str(part.get_content()) if part is not None else ""

    def save_attachment(self, message_id: str, filename: str, dest: str, *, actor: str | None = None) -> FileInfo:
        """Save an attachment of a delivered message to ``dest`` on the disk (exact bytes)."""
        message = self.read(message_id)
        if filename not in message.attachments:
            raise MailError(
                f"message {message.message_id} has no attachment {filename!r}; it has {sorted(message.attachments)}"
            )
        return self._disk.write_bytes(dest, message.attachments[filename], actor=actor)

    # -- who owes whom ----------------------------------------------------------------------------------

    def outbox_for(self, address: str) -> list[MailSummary]:
        """Messages sent to ``address`` (To or Cc), oldest first: what that person has been sent."""
        target = _addr(address)
        return [s for mid in self._order if target in (s := self._index[mid]).recipients]

    def pending_for(self, recipient: str) -> list[MailSummary]:
        """Messages to ``recipient`` it has neither answered nor marked handled, oldest first."""
        target = _addr(recipient)
        return [s for s in self.outbox_for(target) if target not in s.answered_by and _addr(s.sender) != target]

    def mark_handled(self, message_id: str, by: str) -> None:
        """Record that ``by`` dealt with a message without replying (it leaves ``pending_for``)."""
        summary = self._summary(message_id)
        who = _addr(by)
        if who not in summary.answered_by:
            summary.answered_by.append(who)

    def thread(self, message_id: str) -> list[MailSummary]:
        """Every message of the thread containing ``message_id``, oldest first."""
        summary = self._summary(message_id)
        root = summary.references[0] if summary.references else summary.message_id
        return [s for mid in self._order if (s := self._index[mid]).message_id == root or root in s.references]

    # -- meetings ---------------------------------------------------------------------------------------

    def schedule_meeting(
        self,
        organizer: str,
        attendees: Sequence[str],
        summary: str,
        start: datetime,
        *,
        end: datetime | None = None,
        duration_minutes: int = 30,
        location: str | None = None,
        description: str | None = None,
        send_invites: bool = True,
    ) -> str:
        """Schedule a meeting: an .ics on the disk (when the owner takes part) and an invitation mail.

        Returns:
            The meeting UID (deterministic).
        """
        start = _utc(start)
        end = _utc(end) if end is not None else start + timedelta(minutes=duration_minutes)
        people = {_addr(organizer), *(_addr(a) for a in attendees)}
        self._seq += 1
        digest = hashlib.sha256("\0".join([organizer, *attendees, summary, start.isoformat()]).encode()).hexdigest()
        uid = f"{start.strftime('%Y%m%d%H%M')}-{self._seq:05d}-{digest[:10]}@{_addr(organizer).rpartition('@')[2]}"
        event = EventSpec(
            uid=uid,
            summary=summary,
            start=start,
            end=end,
            location=location,
            description=description,
            organizer=organizer,
            attendees=list(attendees),
        )
        data = write_ics(CalendarSpec(events=[event], name=summary))
        path: str | None = None
        if self._owner in people:
            path = self._write(
                f"{self._calendar}/{start.strftime('%Y-%m-%d_%H%M')}_{_slug(summary)}.ics", data, self.now()
            ).path
        self._meetings[uid] = Meeting(uid, organizer, list(attendees), summary, start, end, path, location, description)
        if send_invites and self._owner in people:
            when = start.strftime("%a %d %b %Y %H:%M UTC")
            body = f"Invitation: {summary}\nWhen: {when} ({int((end - start).total_seconds() // 60)} min)\n"
            if location:
                body += f"Where: {location}\n"
            if description:
                body += f"\n{description}\n"
            ics = Attachment(filename="invite.ics", content=data, content_type="text/calendar")
            self.send(organizer, list(attendees), f"Invitation: {summary}", body, [ics])
        return uid

    def meetings_for(self, address: str, *, since: datetime | None = None) -> list[Meeting]:
        """Meetings ``address`` organizes or attends, by start time (from ``since`` on)."""
        who = _addr(address)
        out = [
            m
            for m in self._meetings.values()
            if who in {_addr(m.organizer), *(_addr(a) for a in m.attendees)} and (since is None or m.end > _utc(since))
        ]
        return sorted(out, key=lambda m: (m.start, m.uid))

    # -- state ------------------------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Metadata index + messages still in flight (the .eml/.ics files are on the disk already)."""
        return {
            "owner": self._owner_display,
            "folder": self._folder,
            "calendar_folder": self._calendar,
            "actor": self._actor,
            "seq": self._seq,
            "messages": [self._index[mid].to_state() for mid in self._order],
            "scheduled": [
                {"message_id": mid, "deliver_at": t.isoformat(), "eml": base64.b64encode(d).decode("ascii")}
                for mid, (t, d) in sorted(self._scheduled.items())
            ],
            "meetings": [m.to_state() for m in self._meetings.values()],
        }

    @classmethod
    def from_state(
        cls, disk: VirtualDisk, state: Mapping[str, Any], *, clock: Callable[[], datetime] | None = None
    ) -> Mailbox:
        """Rebuild a mailbox over ``disk`` from :meth:`to_state`."""
        box = cls(
            disk,
            state["owner"],
            folder=state["folder"],
            calendar_folder=state["calendar_folder"],
            clock=clock,
            actor=state.get("actor", "mail"),
        )
        box._seq = int(state["seq"])
        for data in state["messages"]:
            summary = MailSummary.from_state(data)
            box._index[summary.message_id] = summary
            box._order.append(summary.message_id)
        for item in state["scheduled"]:
            box._scheduled[item["message_id"]] = (
                datetime.fromisoformat(item["deliver_at"]),
                base64.b64decode(item["eml"]),
            )
        for data in state["meetings"]:
            meeting = Meeting.from_state(data)
            box._meetings[meeting.uid] = meeting
        return box

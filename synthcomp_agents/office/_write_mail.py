"""E-mail (.eml, RFC 5322 via :mod:`email`) and calendar (.ics, RFC 5545 via ``icalendar``) writers.

Both are deterministic: the MIME boundary and a missing Message-ID derive from a hash of the message content, and
each event's DTSTAMP is its start time (UTC). Producer fields name real clients: the calendar's PRODID is the one
Outlook writes unless the caller passes another (Apple Calendar, Thunderbird, ...), and a message carries the
``X-Mailer``/``User-Agent`` header of the mail client the caller names.
"""

from __future__ import annotations

import email.policy
import email.utils
import hashlib
import mimetypes
from datetime import datetime, timezone
from typing import Literal, cast

from icalendar import Calendar, Event, vCalAddress, vRecur, vText

from ._errors import OfficeError
from ._specs import CalendarSpec, EmailSpec, EventSpec

__all__ = ["DEFAULT_PRODID", "write_eml", "write_ics"]

# Office and text types first: Python's built-in table (used without system files, for determinism) lacks some.
_MIME_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".txt": "text/plain",
    ".ics": "text/calendar",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".zip": "application/zip",
    ".json": "application/json",
}
_MIME_DB = mimetypes.MimeTypes()
DEFAULT_PRODID = "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"
"""The calendar PRODID written when the caller names no calendar application (Outlook's export)."""


def _guess_type(filename: str) -> str:
    lower = filename.lower()
    dot = lower.rfind(".")
    if dot >= 0 and lower[dot:] in _MIME_TYPES:
        return _MIME_TYPES[lower[dot:]]
    guessed, _ = _MIME_DB.guess_type(filename, strict=False)
    return guessed or "application/octet-stream"


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _check_header(name: str, value: str) -> str:
    if "\n" in value or "\r" in value:
        raise OfficeError(f"e-mail {name} contains a line break; put it on one line")
    return value


def write_eml(
    spec: EmailSpec,
    *,
    mailer: str | None = None,
    mailer_header: Literal["X-Mailer", "User-Agent"] = "X-Mailer",
) -> bytes:
    """Render an e-mail message with headers, a plain-text body and attachments.

    Args:
        spec: Sender, recipients, subject, date, body, attachments and threading headers.
        mailer: The sending client as it names itself (``Apple Mail (2.3774.500.171.1.1)``, ``Microsoft Outlook
            16.0``); no client header when omitted (as webmail sends).
        mailer_header: ``X-Mailer`` (Outlook, Apple Mail, Evolution) or ``User-Agent`` (Thunderbird).

    Returns:
        The .eml bytes (RFC 5322, LF line ends; identical for identical specs).

    Raises:
        OfficeError: If a header value contains a line break.

    Example:
        >>> from datetime import datetime, timezone
        >>> msg = EmailSpec(sender="Ana Ruiz <ana@example.com>", to=["tom@example.com"], subject="Q3 review",
        ...                 date=datetime(2025, 10, 9, 16, 52, tzinfo=timezone.utc), body="Draft attached.")
        >>> b"Subject: Q3 review" in write_eml(msg)
        True
    """
    from email.message import EmailMessage

    digest = hashlib.sha256()
    for part in (spec.sender, *spec.to, *spec.cc, spec.subject, spec.date.isoformat(), spec.body):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for attachment in spec.attachments:
        digest.update(attachment.filename.encode("utf-8") + b"\0" + hashlib.sha256(attachment.content).digest())
    token = digest.hexdigest()

    msg = EmailMessage(policy=email.policy.default)
    msg["From"] = _check_header("From", spec.sender)
    msg["To"] = ", ".join(_check_header("To", a) for a in spec.to)
    if spec.cc:
        msg["Cc"] = ", ".join(_check_header("Cc", a) for a in spec.cc)
    msg["Subject"] = _check_header("Subject", spec.subject)
    msg["Date"] = email.utils.format_datetime(_aware(spec.date))
    if spec.message_id:
        message_id = _check_header("Message-ID", spec.message_id)
        if not message_id.startswith("<"):
            message_id = f"<{message_id}>"
    else:
        domain = email.utils.parseaddr(spec.sender)[1].rpartition("@")[2] or "localhost"
        message_id = f"<{spec.date.strftime('%Y%m%d%H%M%S')}.{token[:16]}@{domain}>"
    msg["Message-ID"] = message_id
    if spec.in_reply_to:
        msg["In-Reply-To"] = _check_header("In-Reply-To", spec.in_reply_to)
    if spec.references:
        msg["References"] = " ".join(_check_header("References", r) for r in spec.references)
    msg["MIME-Version"] = "1.0"
    body = spec.body if spec.body.endswith("\n") else spec.body + "\n"
    msg.set_content(body)
    for attachment in spec.attachments:
        content_type = attachment.content_type or _guess_type(attachment.filename)
        maintype, _, subtype = content_type.partition("/")
        if maintype in ("message", "multipart") or not subtype:
            maintype, subtype = "application", "octet-stream"
        msg.add_attachment(attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename)
    if msg.is_multipart():
        for sub in msg.iter_parts():
            del sub["MIME-Version"]  # the email package repeats it on attachment parts; only the top level needs it
        msg.set_boundary(f"===============_{token[16:40]}_==")
    raw = msg.as_bytes()
    if mailer:
        if not mailer.isascii():
            raise OfficeError(f"mail client name {mailer!r} is not ASCII; name the client as it names itself")
        # Clients write this header on one line (RFC 5322 allows up to 998 characters); the email package would
        # fold a long User-Agent right after the colon, which no client does.
        line = f"{mailer_header}: {_check_header(mailer_header, mailer)}\n".encode()
        head, sep, rest = raw.partition(b"\nMIME-Version: 1.0\n")
        raw = head + b"\n" + line.rstrip(b"\n") + sep + rest
    return raw


def _address(value: str, role: str | None = None) -> vCalAddress:
    name, addr = email.utils.parseaddr(value)
    if not addr or "@" not in addr:
        raise OfficeError(f"calendar address {value!r} is not 'Name <address>' or an e-mail address")
    cal_address = vCalAddress(f"mailto:{addr}")
    if name:
        cal_address.params["cn"] = vText(name)
    if role:
        cal_address.params["role"] = vText(role)
        cal_address.params["partstat"] = vText("NEEDS-ACTION")
        cal_address.params["rsvp"] = vText("TRUE")
    return cast(vCalAddress, cal_address)


def _utc(value: datetime) -> datetime:
    return _aware(value).astimezone(timezone.utc)


def _event(spec: EventSpec, number: int) -> Event:
    start, end = _utc(spec.start), _utc(spec.end)
    if end <= start:
        raise OfficeError(
            f"event {number} ({spec.summary!r}): end {spec.end.isoformat()} is not after start "
            f"{spec.start.isoformat()}; give an end time after the start"
        )
    event = Event()
    event.add("uid", spec.uid)
    event.add("dtstamp", start)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", spec.summary)
    if spec.location:
        event.add("location", spec.location)
    if spec.description:
        event.add("description", spec.description)
    if spec.organizer:
        event.add("organizer", _address(spec.organizer))
    for attendee in spec.attendees:
        event.add("attendee", _address(attendee, "REQ-PARTICIPANT"), encode=False)
    if spec.rrule:
        try:
            event.add("rrule", vRecur.from_ical(spec.rrule))
        except ValueError as exc:
            raise OfficeError(
                f"event {number} ({spec.summary!r}): recurrence rule {spec.rrule!r} is invalid ({exc}); "
                "use e.g. 'FREQ=WEEKLY;BYDAY=MO;COUNT=8'"
            ) from exc
    event.add("status", "CONFIRMED")
    event.add("sequence", 0)
    return event


def write_ics(spec: CalendarSpec, *, prodid: str | None = None) -> bytes:
    """Render an iCalendar file with one VEVENT per event (times in UTC).

    Args:
        spec: Events and an optional calendar name.
        prodid: The PRODID of the calendar application that exported it; default :data:`DEFAULT_PRODID`.

    Returns:
        The .ics bytes (CRLF line ends; identical for identical specs).

    Raises:
        OfficeError: If an event ends before it starts, an address is not an e-mail address, or a recurrence rule
            is invalid.

    Example:
        >>> from datetime import datetime, timezone
        >>> ev = EventSpec(uid="kickoff-1@example.com", summary="Kick-off",
        ...                start=datetime(2025, 10, 6, 9, tzinfo=timezone.utc),
        ...                end=datetime(2025, 10, 6, 10, tzinfo=timezone.utc))
        >>> b"DTSTART:20251006T090000Z" in write_ics(CalendarSpec(events=[ev]))
        True
    """
    cal = Calendar()
    cal.add("prodid", _check_header("PRODID", prodid or DEFAULT_PRODID))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if spec.name:
        cal.add("x-wr-calname", spec.name)
    for number, event in enumerate(spec.events, start=1):
        cal.add_component(_event(event, number))
    data: bytes = cal.to_ical()
    return data

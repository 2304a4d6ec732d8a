"""E-mail (.eml, RFC 5322 written directly) and calendar (.ics, RFC 5545 written directly; ``icalendar`` only
normalizes recurrence rules) writers.

Both are deterministic: the MIME boundary and a missing Message-ID derive from a hash of the message content, and
each event's DTSTAMP is its start time (UTC). Producer fields name real clients: the calendar's PRODID is the one
Outlook writes unless the caller passes another (Apple Calendar, Thunderbird, ...), and a message carries the
``X-Mailer``/``User-Agent`` header of the mail client the caller names.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import functools
import hashlib
import mimetypes
import re
import urllib.parse
from datetime import datetime, timezone
from email import quoprimime
from typing import Literal

from icalendar import vRecur

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


_MAX_LINE = 78
_ATEXT_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')
_Q_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_ENCODED_WORD_MAX = 75 - len("=?utf-8?q??=")


def _q_words(text: str, first: int = _ENCODED_WORD_MAX) -> list[str]:
    """``text`` as RFC 2047 'Q' encoded-words of at most 75 characters (the first one's payload at most ``first``
    characters, so it fits beside the header name); a character is never split."""
    words: list[str] = []
    current: list[str] = []
    size = 0
    limit = first
    for ch in text:
        if ch == " ":
            piece = "_"
        else:
            raw = ch.encode("utf-8", "surrogateescape")
            piece = ch if len(raw) == 1 and raw[0] in _Q_SAFE else "".join(f"={b:02X}" for b in raw)
        if size + len(piece) > limit and current:
            words.append("=?utf-8?q?" + "".join(current) + "?=")
            current, size, limit = [], 0, _ENCODED_WORD_MAX
        current.append(piece)
        size += len(piece)
    if current or not words:
        words.append("=?utf-8?q?" + "".join(current) + "?=")
    return words


def _unstructured(value: str, name: str = "") -> str:
    """A header value as written: ASCII text as is, non-ASCII text as encoded-words (decoded back unchanged)."""
    return value if value.isascii() else " ".join(_q_words(value, _MAX_LINE - len(name) - 14))


def _address_list(entries: list[str], role: str) -> str:
    """Addresses joined by ', '; a non-ASCII display name becomes encoded-words, quoted if it needs to be."""
    out: list[str] = []
    for entry in entries:
        _check_header(role, entry)
        if entry.isascii():
            out.append(entry)
            continue
        pairs = email.utils.getaddresses([entry])
        if not pairs or any(not addr.isascii() or "@" not in addr for _, addr in pairs):
            out.append(_unstructured(entry))
            continue
        for name, addr in pairs:
            if not name:
                out.append(addr)
            elif name.isascii():
                quoted = name.replace("\\", "\\\\").replace('"', '\\"')
                out.append(f'"{quoted}" <{addr}>' if _ATEXT_SPECIALS.search(name) else f"{name} <{addr}>")
            else:
                out.append(f"{' '.join(_q_words(name, _MAX_LINE - len(role) - 14))} <{addr}>")
    return ", ".join(out)


def _header(name: str, value: str, *, splits: str = " ") -> str:
    """``Name: value`` folded at 78 characters before a space, after ``splits`` (', ' or '; ') where it can be, so
    unfolding restores the value."""
    line = f"{name}: {value}"
    if len(line) <= _MAX_LINE:
        return line + "\n"
    lines: list[str] = []
    pos = 0
    while len(line) - pos > _MAX_LINE:
        floor = pos + len(name) + 2 if pos == 0 else pos + 1
        cut = line.rfind(splits, floor, pos + _MAX_LINE) + len(splits) - 1 if splits != " " else -1
        if cut < floor:
            cut = line.rfind(" ", floor, pos + _MAX_LINE + 1)
        while cut > floor and line[cut - 1] == " ":
            cut -= 1  # never leave a line of only whitespace
        if cut < floor:
            cut = line.find(" ", pos + _MAX_LINE + 1)
            if cut < 0:
                break
        lines.append(line[pos:cut])
        pos = cut
    lines.append(line[pos:])
    return "\n".join(lines) + "\n"


def _param(name: str, value: str) -> str:
    """``; name="value"`` (RFC 2231 ``name*=utf-8''...`` for non-ASCII values)."""
    if value.isascii():
        return f'; {name}="' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"; {name}*=utf-8''" + urllib.parse.quote(value, safe="!#$&+-.^_`|~")


def _text_part(body: str) -> tuple[str, str]:
    """(Content-Transfer-Encoding, encoded body) chosen as the email package's ``set_content`` chooses them."""
    lines = body.encode("utf-8", "surrogateescape").splitlines()
    joined = b"\n".join(lines) + b"\n"
    if max((len(x) for x in lines), default=0) <= _MAX_LINE:
        try:
            return "7bit", joined.decode("ascii")
        except UnicodeDecodeError:
            pass
    sniff = b"\n".join(lines[:10]) + b"\n"
    sniff_qp = quoprimime.body_encode(sniff.decode("latin-1"), _MAX_LINE)
    if len(sniff_qp) > len(binascii.b2a_base64(sniff)):
        return "base64", base64.encodebytes(joined).decode("ascii")
    if len(lines) <= 10:
        return "quoted-printable", sniff_qp
    return "quoted-printable", quoprimime.body_encode(joined.decode("latin-1"), _MAX_LINE)


def write_eml(
    spec: EmailSpec,
    *,
    mailer: str | None = None,
    mailer_header: Literal["X-Mailer", "User-Agent"] = "X-Mailer",
) -> bytes:
    """Render an e-mail message with headers, a plain-text body and attachments.

    The RFC 5322 text is written directly (the email package's header registry is slow): headers folded at 78
    characters before a space, non-ASCII header text as RFC 2047 encoded-words, the body as ``set_content`` encodes
    it (7bit, quoted-printable or base64), attachments in base64 with an RFC 2231 filename when it is not ASCII.

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
    digest = hashlib.sha256()
    for part in (spec.sender, *spec.to, *spec.cc, spec.subject, spec.date.isoformat(), spec.body):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for attachment in spec.attachments:
        digest.update(attachment.filename.encode("utf-8") + b"\0" + hashlib.sha256(attachment.content).digest())
    token = digest.hexdigest()

    head: list[str] = [_header("From", _address_list([spec.sender], "From"), splits=", ")]
    head.append(_header("To", _address_list(list(spec.to), "To"), splits=", "))
    if spec.cc:
        head.append(_header("Cc", _address_list(list(spec.cc), "Cc"), splits=", "))
    head.append(_header("Subject", _unstructured(_check_header("Subject", spec.subject), "Subject")))
    head.append(_header("Date", email.utils.format_datetime(_aware(spec.date))))
    if spec.message_id:
        message_id = _check_header("Message-ID", spec.message_id)
        if not message_id.startswith("<"):
            message_id = f"<{message_id}>"
    else:
        domain = email.utils.parseaddr(spec.sender)[1].rpartition("@")[2] or "localhost"
        message_id = f"<{spec.date.strftime('%Y%m%d%H%M%S')}.{token[:16]}@{domain}>"
    head.append(_header("Message-ID", _unstructured(message_id)))
    if spec.in_reply_to:
        head.append(_header("In-Reply-To", _unstructured(_check_header("In-Reply-To", spec.in_reply_to))))
    if spec.references:
        refs = " ".join(_check_header("References", r) for r in spec.references)
        head.append(_header("References", _unstructured(refs)))
    if mailer:
        if not mailer.isascii():
            raise OfficeError(f"mail client name {mailer!r} is not ASCII; name the client as it names itself")
        # Clients write this header on one line (RFC 5322 allows up to 998 characters).
        head.append(f"{mailer_header}: {_check_header(mailer_header, mailer)}\n")
    head.append("MIME-Version: 1.0\n")
    cte, text = _text_part(spec.body if spec.body.endswith("\n") else spec.body + "\n")
    text_part = f'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: {cte}\n\n{text}'
    if not spec.attachments:
        return ("".join(head) + text_part).encode("ascii", "surrogateescape")
    boundary = f"===============_{token[16:40]}_=="
    head.append(_header("Content-Type", f'multipart/mixed; boundary="{boundary}"', splits="; "))
    parts = [text_part]
    for attachment in spec.attachments:
        content_type = attachment.content_type or _guess_type(attachment.filename)
        maintype, _, subtype = content_type.partition("/")
        if maintype in ("message", "multipart") or not subtype:
            maintype, subtype = "application", "octet-stream"
        disposition = _header(
            "Content-Disposition", "attachment" + _param("filename", attachment.filename), splits="; "
        )
        parts.append(
            f"Content-Type: {maintype}/{subtype}\nContent-Transfer-Encoding: base64\n{disposition}\n"
            + base64.encodebytes(attachment.content).decode("ascii")
        )
    sep = f"\n--{boundary}\n"
    out = "".join(head) + f"\n--{boundary}\n" + sep.join(parts) + f"\n--{boundary}--\n"
    return out.encode("ascii", "surrogateescape")


_ICS_LINE = 75
"""RFC 5545 content lines are folded before they reach 75 octets (continuations start with one space)."""
_CN_QUOTED = re.compile("[,;:\u2019 ']")


def _ics_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 asks (backslash, semicolon, comma; line breaks as ``\\n``)."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line into segments of at most 74 octets, never ending a segment on a lone ``\\`` or ``^``
    (the escape stays with the character it escapes)."""
    if len(line) < _ICS_LINE and (line.isascii() or len(line.encode("utf-8")) < _ICS_LINE):
        return line
    folded: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        width = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and count + width >= _ICS_LINE:
            if len(current) > 1 and current[-1] in "\\^":
                escape = current.pop()
                folded.append("".join(current))
                current, count = [escape], 1
            else:
                folded.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += width
    if current:
        folded.append("".join(current))
    return "\r\n ".join(folded)


def _address(value: str, role: str | None = None) -> str:
    """``;CN=...[;PARTSTAT=...;ROLE=...;RSVP=TRUE]:mailto:...`` for a 'Name <address>' (parameters sorted by name,
    values escaped as RFC 6868 asks and quoted when they hold a delimiter, a space or an apostrophe)."""
    name, addr = email.utils.parseaddr(value)
    if not addr or "@" not in addr:
        raise OfficeError(f"calendar address {value!r} is not 'Name <address>' or an e-mail address")
    params = ""
    if name:
        cn = name.replace("^", "^^").replace("\r\n", "^n").replace("\r", "^n").replace("\n", "^n")
        cn = cn.replace('"', "^'")
        params = f';CN="{cn}"' if _CN_QUOTED.search(name) else f";CN={cn}"
    if role:
        params += f";PARTSTAT=NEEDS-ACTION;ROLE={role};RSVP=TRUE"
    return f"{params}:mailto:{addr}"


def _utc(value: datetime) -> datetime:
    return _aware(value).astimezone(timezone.utc)


def _ics_time(value: datetime) -> str:
    return f"{value.year:04}{value.month:02}{value.day:02}T{value.hour:02}{value.minute:02}{value.second:02}Z"


@functools.lru_cache(maxsize=256)
def _rrule(rule: str) -> str:
    """The recurrence rule as ``icalendar`` normalizes it (parts in RFC order); ``ValueError`` when invalid."""
    text: bytes = vRecur.from_ical(rule).to_ical()
    return text.decode("utf-8")


def _event(spec: EventSpec, number: int) -> list[str]:
    """The VEVENT's content lines: RFC 5545's usual properties first (summary, times, uid, sequence, rule), then
    the rest by name, as Outlook and ``icalendar`` order them."""
    start, end = _utc(spec.start), _utc(spec.end)
    if end <= start:
        raise OfficeError(
            f"event {number} ({spec.summary!r}): end {spec.end.isoformat()} is not after start "
            f"{spec.start.isoformat()}; give an end time after the start"
        )
    organizer = _address(spec.organizer) if spec.organizer else None  # checked in this order: same first error
    attendees = ["ATTENDEE" + _address(attendee, "REQ-PARTICIPANT") for attendee in spec.attendees]
    stamp = _ics_time(start)
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _ics_text(spec.summary),
        "DTSTART:" + stamp,
        "DTEND:" + _ics_time(end),
        "DTSTAMP:" + stamp,
        "UID:" + _ics_text(spec.uid),
        "SEQUENCE:0",
    ]
    if spec.rrule:
        try:
            lines.append("RRULE:" + _rrule(spec.rrule))
        except ValueError as exc:
            raise OfficeError(
                f"event {number} ({spec.summary!r}): recurrence rule {spec.rrule!r} is invalid ({exc}); "
                "use e.g. 'FREQ=WEEKLY;BYDAY=MO;COUNT=8'"
            ) from exc
    lines += attendees
    if spec.description:
        lines.append("DESCRIPTION:" + _ics_text(spec.description))
    if spec.location:
        lines.append("LOCATION:" + _ics_text(spec.location))
    if organizer:
        lines.append("ORGANIZER" + organizer)
    lines += ["STATUS:CONFIRMED", "END:VEVENT"]
    return lines


def write_ics(spec: CalendarSpec, *, prodid: str | None = None) -> bytes:
    """Render an iCalendar file with one VEVENT per event (times in UTC).

    Args:
        spec: Events and an optional calendar name.
        prodid: The PRODID of the calendar application that exported it; default :data:`DEFAULT_PRODID`.

    Returns:
        The .ics bytes (CRLF line ends; identical for identical specs).

    Raises:
        OfficeError: If an event ends before it starts, an address is not an e-mail address, a recurrence rule
            is invalid, or the calendar name holds a line break.

    Example:
        >>> from datetime import datetime, timezone
        >>> ev = EventSpec(uid="kickoff-1@example.com", summary="Kick-off",
        ...                start=datetime(2025, 10, 6, 9, tzinfo=timezone.utc),
        ...                end=datetime(2025, 10, 6, 10, tzinfo=timezone.utc))
        >>> b"DTSTART:20251006T090000Z" in write_ics(CalendarSpec(events=[ev]))
        True
    """
    head = prodid or DEFAULT_PRODID
    _check_header("PRODID", head)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + _ics_text(head), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if spec.name:  # an extension property, written as it is (Apple's and Outlook's readers take it verbatim)
        if "\n" in spec.name or "\r" in spec.name:
            raise OfficeError(f"calendar name {spec.name!r} contains a line break; put it on one line")
        lines.append("X-WR-CALNAME:" + spec.name)
    for number, event in enumerate(spec.events, start=1):
        lines += _event(event, number)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(map(_fold, lines)) + "\r\n").encode("utf-8")

"""write_ics writes RFC 5545 text directly: the bytes ``icalendar`` wrote for the same spec, and the same errors."""

from __future__ import annotations

import email.utils
import random
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import cast

import icalendar
import pytest
from icalendar import Calendar, Event, vCalAddress, vRecur, vText

from synthcomp_agents.office import CalendarSpec, EventSpec, write_ics
from synthcomp_agents.office._errors import OfficeError
from synthcomp_agents.office._write_mail import DEFAULT_PRODID


def _reference_address(value: str, role: str | None = None) -> vCalAddress:
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


def _reference_utc(value: datetime) -> datetime:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
    return aware.astimezone(timezone.utc)


def reference_ics(spec: CalendarSpec, prodid: str | None = None) -> bytes:
    """The writer as it was, through ``icalendar``'s components (the oracle for the direct writer)."""
    head = prodid or DEFAULT_PRODID
    if "\n" in head or "\r" in head:
        raise OfficeError("e-mail PRODID contains a line break; put it on one line")
    cal = Calendar()
    cal.add("prodid", head)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if spec.name:
        cal.add("x-wr-calname", spec.name)
    for number, ev in enumerate(spec.events, start=1):
        start, end = _reference_utc(ev.start), _reference_utc(ev.end)
        if end <= start:
            raise OfficeError(
                f"event {number} ({ev.summary!r}): end {ev.end.isoformat()} is not after start "
                f"{ev.start.isoformat()}; give an end time after the start"
            )
        event = Event()
        event.add("uid", ev.uid)
        event.add("dtstamp", start)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", ev.summary)
        if ev.location:
            event.add("location", ev.location)
        if ev.description:
            event.add("description", ev.description)
        if ev.organizer:
            event.add("organizer", _reference_address(ev.organizer))
        for attendee in ev.attendees:
            event.add("attendee", _reference_address(attendee, "REQ-PARTICIPANT"), encode=False)
        if ev.rrule:
            try:
                event.add("rrule", vRecur.from_ical(ev.rrule))
            except ValueError as exc:
                raise OfficeError(
                    f"event {number} ({ev.summary!r}): recurrence rule {ev.rrule!r} is invalid ({exc}); "
                    "use e.g. 'FREQ=WEEKLY;BYDAY=MO;COUNT=8'"
                ) from exc
        event.add("status", "CONFIRMED")
        event.add("sequence", 0)
        cal.add_component(event)
    return cast(bytes, cal.to_ical())


_PIECES = [
    "a", "Meeting", " ", "é", "日本", "😀", ";", ",", ":", "\\", "\\N", "\\n", "\n", "\r\n", "\r", "^", '"', "'",
    "\u2019", "\t", "x" * 40, "Überprüfung ", "<", ">", "@", "=",
]  # fmt: skip
_RULES = [
    "FREQ=WEEKLY;BYDAY=MO;COUNT=8", "BYDAY=TU,TH;FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;BYMONTHDAY=15",
    "FREQ=DAILY;UNTIL=20261231T000000Z", "FREQ=YEARLY", "FREQ=WEEKLY;WKST=SU;BYDAY=FR", "FREQ=SOMETIMES",
    "COUNT=x", "FREQ=WEEKLY;BYDAY=XX", "",
]  # fmt: skip
_NAMES = ["Ann Lee", "O'Neil", "Bob", '"Dr. X, Y" ', '"a \\"b\\"" ', "Zoë^Müller", '"x:y;z"', "Li\u2019s", ""]


def _text(rng: random.Random, most: int) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, most)))


def _address(rng: random.Random) -> str:
    name, addr = rng.choice(_NAMES), rng.choice(["ann@example.com", "b.c@d.org", "nobody", "x@y"])
    return f"{name}<{addr}>" if name else addr


def _spec(rng: random.Random) -> CalendarSpec:
    events = []
    for _ in range(rng.randint(1, 4)):
        zone = timezone(timedelta(minutes=rng.choice([0, 60, -300, 330, 765])))
        start = datetime(rng.choice([2025, 2026, 999]), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                         rng.randint(0, 59), rng.randint(0, 59), rng.choice([0, 123456]),
                         tzinfo=rng.choice([zone, timezone.utc, None]))  # fmt: skip
        end = start + timedelta(minutes=rng.choice([30, 60, 0, -15, 1440]))
        events.append(
            EventSpec(
                uid=_text(rng, 6) if rng.random() < 0.3 else f"evt-{rng.randint(0, 999)}@example.com",
                summary=_text(rng, 30),
                start=start,
                end=end,
                location=rng.choice([None, "", _text(rng, 8)]),
                description=rng.choice([None, "", _text(rng, 80)]),
                organizer=rng.choice([None, _address(rng)]),
                attendees=[_address(rng) for _ in range(rng.randint(0, 4))],
                rrule=rng.choice([None, *_RULES]),
            )
        )
    return CalendarSpec(events=events, name=rng.choice([None, "", "Work", _text(rng, 10)]))


def _outcome(
    write: Callable[[CalendarSpec, str | None], bytes], spec: CalendarSpec, prodid: str | None
) -> tuple[str, bytes | str]:
    try:
        return "ok", write(spec, prodid)
    except OfficeError as exc:
        return "error", str(exc)


def _direct(spec: CalendarSpec, prodid: str | None) -> bytes:
    return write_ics(spec, prodid=prodid)


@pytest.mark.parametrize("seed", range(6))
def test_direct_ics_writer_writes_what_icalendar_wrote(seed: int) -> None:
    rng = random.Random(seed)
    kinds = set()
    for _ in range(150):
        spec = _spec(rng)
        prodid = rng.choice([None, "-//Apple Inc.//macOS 14.4//EN", "-//Mozilla.org/NONSGML Thunderbird;V1,x//EN"])
        got = _outcome(_direct, spec, prodid)
        if spec.name and ("\n" in spec.name or "\r" in spec.name):
            # icalendar wrote X-WR-CALNAME verbatim: a bare CR into the file, an AssertionError for LF
            assert got[0] == "error" and "line break" in str(got[1])
            continue
        assert got == _outcome(reference_ics, spec, prodid), spec
        kinds.add(got[0])
    assert kinds == {"ok", "error"}  # the fuzz reaches both written calendars and refused specs


def test_folded_lines_unfold_to_the_values() -> None:
    long = "Budget; review, " + "é" * 50 + "\\" * 30 + "^" * 30 + "\n" + "end"
    spec = CalendarSpec(
        events=[
            EventSpec(uid="u@x", summary=long, start=datetime(2026, 3, 2, 9, tzinfo=timezone.utc),
                      end=datetime(2026, 3, 2, 10, tzinfo=timezone.utc), organizer='"Zoë ^ Müller" <z@x.org>')
        ]
    )  # fmt: skip
    data = write_ics(spec)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == long
    assert event["ORGANIZER"].params["CN"] == "Zoë ^ Müller"

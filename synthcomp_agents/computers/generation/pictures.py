"""Background: the Pictures library (photos by year and event, named as the camera or phone names them) and
screenshots where the OS puts them."""

from __future__ import annotations

import email
import email.policy
import posixpath
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from email.message import EmailMessage

from .._background import Camera, camera_for, photo_burst, screenshot_png
from ..archetypes import season_of
from .context import GenerationContext
from .ledger import GenFile

__all__ = ["EVENT_SCENES", "OutingDay", "build_pictures", "burst_times", "clock_digits", "outing_days", "photo_name"]


def clock_digits(rng: random.Random) -> str:
    """A plausible HHMMSS time of day as cameras write it in file names (09:00-21:59)."""
    return f"{rng.randint(9, 21):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}"


_EVENTS = (
    "Summer holiday",
    "Christmas",
    "Birthday",
    "Hiking",
    "Wedding",
    "City trip",
    "Garden",
    "Beach",
    "Family visit",
    "Concert",
    "Ski trip",
    "Graduation",
    "New flat",
    "Team offsite",
)
_MONTHS = {"Christmas": 12, "Ski trip": 2, "Beach": 8, "Summer holiday": 7, "Garden": 5, "Graduation": 6}
"""The month of a dated event in the north; a season's event falls six months later south of the tropics."""
_SEASONAL = frozenset({"Ski trip", "Beach", "Summer holiday", "Garden"})


EVENT_SCENES: dict[str, tuple[str, ...]] = {
    "Summer holiday": ("seaside", "landscape", "city", "food"),
    "Christmas": ("interior", "food"),
    "Birthday": ("interior", "food"),
    "Hiking": ("landscape",),
    "Wedding": ("interior", "food", "landscape"),
    "City trip": ("city", "city", "food"),
    "Garden": ("landscape", "food"),
    "Beach": ("seaside",),
    "Family visit": ("interior", "food", "landscape"),
    "Concert": ("city", "interior"),
    "Ski trip": ("landscape",),
    "Graduation": ("city", "interior"),
    "New flat": ("interior",),
    "Team offsite": ("whiteboard", "interior", "food", "landscape"),
}
"""What an outing's photos show (scenes of :func:`~synthcomp_agents.computers._background.photo_burst`): a beach
holiday the sea, a city trip streets and meals, a team offsite the whiteboard."""
_ANY_SCENE = ("landscape", "seaside", "city", "interior", "food")
"""An outing named for an interest (a hobby's day out): any view but a whiteboard."""


@dataclass(frozen=True)
class OutingDay:
    """One day of an outing's photos: ``day`` days after its first, with the number of shots of each burst."""

    day: int
    sizes: tuple[int, ...]


def outing_days(rng: random.Random, count: int) -> list[OutingDay]:
    """``count`` photos of an outing as bursts (a view shot one to five times, mostly two to four) over its
    days, about eight photos a day.

    Example:
        >>> days = outing_days(random.Random(3), 14)
        >>> sum(sum(d.sizes) for d in days), all(1 <= n <= 5 for d in days for n in d.sizes)
        (14, True)
    """
    days: dict[int, list[int]] = {}
    done = 0
    while done < count:
        n = min(count - done, rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5)))
        days.setdefault(done // 8, []).append(n)
        done += n
    return [OutingDay(day, tuple(sizes)) for day, sizes in days.items()]


def burst_times(rng: random.Random, day: date, tz: tzinfo, sizes: Sequence[int]) -> list[list[datetime]]:
    """Local times of one day's bursts of ``sizes`` shots: the first burst between 09:00 and 16:00, each next one
    3-50 minutes after the last, the shots of a burst 1-8 seconds apart (with the milliseconds phones keep), so
    every shot is later than the one before and the day ends before midnight.

    Example:
        >>> from zoneinfo import ZoneInfo
        >>> [[t.strftime("%H:%M:%S") for t in b] for b in burst_times(random.Random(1), date(2024, 7, 5),
        ...     ZoneInfo("Europe/Paris"), [2, 1])]
        [['10:36:54', '10:36:56'], ['11:11:46']]
    """
    at = datetime(day.year, day.month, day.day, rng.randint(9, 15), rng.randint(0, 59), rng.randint(0, 59), tzinfo=tz)
    bursts: list[list[datetime]] = []
    for n in sizes:
        shots: list[datetime] = []
        for _ in range(n):
            shots.append(at + timedelta(milliseconds=rng.randint(0, 999)))
            at += timedelta(seconds=rng.randint(1, 8))
        bursts.append(shots)
        at += timedelta(minutes=rng.randint(3, 50), seconds=rng.randint(0, 59))
    return bursts


def event_month(event: str, country_code: str | None, rng: random.Random) -> int:
    """The month photos of ``event`` are taken where the user lives: a Sydney beach in February, a Lyon one in
    August; Christmas in December everywhere; an undated event any month from March to October.

    Example:
        >>> import random
        >>> event_month("Beach", "AU", random.Random(1)), event_month("Beach", "FR", random.Random(1))
        (2, 8)
    """
    drawn = rng.randint(3, 10)  # drawn for every event, so one event's date does not move the next one's
    month = _MONTHS.get(event)
    if month is None:
        return drawn
    south = season_of(date(2000, 1, 15), country_code) == "summer"  # January is summer south of the tropics
    return (month + 5) % 12 + 1 if south and event in _SEASONAL else month


def build_pictures(ctx: GenerationContext) -> None:
    """Photos by year and event (the tidy user's ``<YYYY>/<YYYY-MM-DD> <event>``; others ``<YYYY> <event>``)."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    now_d = ctx.now.date()
    events = list(_EVENTS)
    for word in ctx.persona.interests:
        events.insert(0, word[:1].upper() + word[1:])
    camera = camera_for(rng, ident.os)
    for year in range(now_d.year - rng.randint(3, 4), now_d.year):
        picks = rng.sample(events[:6], k=1) + rng.sample(events[6:], k=rng.randint(1, 2))
        for event in dict.fromkeys(picks):
            month = event_month(event, ctx.persona.country_code, rng)
            day_ = date(year, month, rng.randint(1, 26))
            if ident.tidiness == "tidy":
                folder = f"Pictures/{year}/{day_.isoformat()} {event}"
            elif ident.tidiness == "average":
                folder = f"Pictures/{year} {event}"
            else:
                folder = f"Pictures/{event} {year}" if rng.random() < 0.5 else "Pictures/Camera Roll"
            first = rng.randint(1000, 8000)
            number = first
            scenes = EVENT_SCENES.get(event, _ANY_SCENE)
            for bursts in outing_days(rng, rng.randint(8, 20)):
                shots_of_day = burst_times(rng, day_ + timedelta(days=bursts.day), ident.tz, bursts.sizes)
                for taken in shots_of_day:
                    width, height = (480, 360) if rng.random() < 0.75 else (360, 480)
                    shots = photo_burst(rng, width, height, taken, camera=camera, quality=rng.choice([82, 88]),
                                        scene=rng.choice(scenes))  # fmt: skip
                    for local, data in zip(taken, shots, strict=True):
                        led.add(
                            f"{folder}/{photo_name(camera, number, local)}",
                            data,
                            purpose=f"Photo: {event.lower()} {year}",
                            author=ident.user.name,
                            created=local.astimezone(timezone.utc),
                            role="background",
                            archetype="photo",
                        )
                        number += 1
    n_shots = {"tidy": 3, "average": 6, "messy": 10}[ident.tidiness]
    texts = [f for f in ctx.ledger.files.values() if f.role == "core" and posixpath.splitext(f.path)[1] in _APP_EXT]
    for _ in range(rng.randint(n_shots, n_shots + 3)):
        day_ = now_d - timedelta(days=rng.randint(1, 300))
        h, m, s = rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59)
        if ident.os == "macos":
            name = f"Screenshot {day_.isoformat()} at {h}.{m:02d}.{s:02d}.png"
        elif ident.os == "windows":
            name = f"Screenshot {day_.isoformat()} {h:02d}{m:02d}{s:02d}.png"
        else:
            name = f"Screenshot from {day_.isoformat()} {h:02d}-{m:02d}-{s:02d}.png"
        when = ctx.ledger.clock.at(day_, h)
        title, lines, sidebar = _own_window(ctx, when, texts)
        led.add(
            f"{ctx.layout.screenshots}/{name}",
            screenshot_png(rng, 800, 500, title=title, os_name=ident.os, lines=lines, sidebar=sidebar),
            purpose=f"Screenshot of {title}",
            author=ident.user.name,
            created=when,
            role="background",
            archetype="screenshot",
        )


def photo_name(camera: Camera, number: int, local: datetime) -> str:
    """The file name the device gives a photo: iPhones and cameras count (``IMG_4821.JPG``, ``DSC04821.JPG``),
    Pixels and Samsungs write the local time (``PXL_20250705_112000123.jpg``, ``20250705_112000.jpg``)."""
    stamp = local.strftime("%Y%m%d_%H%M%S")
    if camera.make == "Google":
        return f"PXL_{stamp}{local.microsecond // 1000:03d}.jpg"
    if camera.make == "samsung":
        return f"{stamp}.jpg"
    if camera.make in ("Xiaomi",):
        return f"IMG_{stamp}.jpg"
    if camera.make == "SONY":
        return f"DSC{number:05d}.JPG"
    if camera.make == "NIKON CORPORATION":
        return f"DSC_{number:04d}.JPG"
    return f"IMG_{number:04d}.JPG"


_APP = {
    "md": {"windows": "{name} - Notepad", "macos": "{name}", "linux": "{name} - Text Editor"},
    "csv": {"windows": "{name} - Excel", "macos": "{name}", "linux": "{name} - LibreOffice Calc"},
    "eml": {"windows": "{name} - Message (HTML)", "macos": "{name}", "linux": "{name} - Thunderbird"},
}


_APP_EXT = frozenset({".md", ".csv", ".eml"})


def _own_window(ctx: GenerationContext, when: datetime, texts: list[GenFile]) -> tuple[str, list[str], list[str]]:
    """A window of one of the user's own text files saved before ``when`` (``texts``: the core files of
    :data:`_APP` kinds, in the ledger's order): its title as the OS's app shows it, its first lines and the files
    beside it (the sidebar)."""
    own = [f for f in texts if f.created < when]
    if not own:
        return "Notes", [], []
    f = own[ctx.rng.randrange(len(own))]
    ext = posixpath.splitext(f.path)[1][1:]
    name = posixpath.basename(f.path)
    text = f.data.decode("utf-8", "replace")
    if ext == "eml":
        msg = email.message_from_bytes(f.data, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",)) if isinstance(msg, EmailMessage) else None
        name = str(msg.get("Subject", name))
        text = body.get_content() if body is not None else ""
    lines = [ln.lstrip("#-* ").strip() for ln in text.splitlines() if ln.strip() and not ln.startswith(("---", "|-"))]
    folder = posixpath.dirname(f.path)
    sidebar = sorted(posixpath.basename(p) for p in ctx.ledger.files if posixpath.dirname(p) == folder)[:12]
    return _APP[ext][ctx.identity.os].format(name=name), lines[:14], sidebar

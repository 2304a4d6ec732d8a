"""Background: the Pictures library (photos by year and event, named as the camera or phone names them) and
screenshots where the OS puts them."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .._background import cheap_jpeg, cheap_png
from .context import GenerationContext

__all__ = ["build_pictures", "clock_digits"]


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


def build_pictures(ctx: GenerationContext) -> None:
    """Photos by year and event (the tidy user's ``<YYYY>/<YYYY-MM-DD> <event>``; others ``<YYYY> <event>``)."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    now_d = ctx.now.date()
    events = list(_EVENTS)
    for word in ctx.persona.interests:
        events.insert(0, word[:1].upper() + word[1:])
    phone = rng.choice(["iphone", "android"])
    for year in range(now_d.year - rng.randint(3, 4), now_d.year):
        picks = rng.sample(events[:6], k=1) + rng.sample(events[6:], k=rng.randint(1, 2))
        for event in dict.fromkeys(picks):
            month = _MONTHS.get(event, rng.randint(3, 10))
            day_ = date(year, month, rng.randint(1, 26))
            if ident.tidiness == "tidy":
                folder = f"Pictures/{year}/{day_.isoformat()} {event}"
            elif ident.tidiness == "average":
                folder = f"Pictures/{year} {event}"
            else:
                folder = f"Pictures/{event} {year}" if rng.random() < 0.5 else "Pictures/Camera Roll"
            first = rng.randint(1000, 8000)
            for k in range(rng.randint(8, 20)):
                shot = day_ + timedelta(days=k // 8)
                name = (
                    f"IMG_{first + k:04d}.jpg"
                    if phone == "iphone"
                    else f"IMG_{shot.strftime('%Y%m%d')}_{clock_digits(rng)}.jpg"
                )
                led.add(
                    f"{folder}/{name}",
                    cheap_jpeg(rng, 480, 360, quality=rng.choice([82, 88])),
                    purpose=f"Photo: {event.lower()} {year}",
                    author=ident.user.name,
                    created=ctx.ledger.clock.leisure(shot),
                    role="background",
                    archetype="photo",
                )
    n_shots = {"tidy": 3, "average": 6, "messy": 10}[ident.tidiness]
    for _ in range(rng.randint(n_shots, n_shots + 3)):
        day_ = now_d - timedelta(days=rng.randint(1, 300))
        h, m, s = rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59)
        if ident.os == "macos":
            name = f"Screenshot {day_.isoformat()} at {h}.{m:02d}.{s:02d}.png"
        elif ident.os == "windows":
            name = f"Screenshot {day_.isoformat()} {h:02d}{m:02d}{s:02d}.png"
        else:
            name = f"Screenshot from {day_.isoformat()} {h:02d}-{m:02d}-{s:02d}.png"
        led.add(
            f"{ctx.layout.screenshots}/{name}",
            cheap_png(rng, 800, 500),
            purpose="Screenshot",
            author=ident.user.name,
            created=ctx.ledger.clock.at(day_, h),
            role="background",
            archetype="screenshot",
        )

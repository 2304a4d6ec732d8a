"""A solo act's numbers (a DJ, a lounge pianist): the style it plays, its crate, its gigs (a club night, a wedding,
a radio show) and the track list of each set, drawn once per project so every file repeats the same figures.

A solo act splits nothing: a gig is booked for a fee, the act invoices it with the travel there and back (and, at a
wedding, the PA and lights it brings), and the fee is the act's alone. A set's track list fills the booked slot:
each track is played from its cue until the next one is mixed in, the last one to the end of the slot.

Example:
    >>> import random
    >>> from datetime import date
    >>> g = draw_solo_gigs(random.Random(2), [("Berlin", 0)], [date(2025, 3, 7)], style="techno", kinds=["club"])[0]
    >>> sum(t.seconds for t in g.show.setlist) == g.show.slot_minutes * 60, g.show.deal
    (True, 'flat fee')
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .band_gigs import Show, Song, in_currency

__all__ = [
    "REQUESTS",
    "SoloGig",
    "crate",
    "draw_solo_gigs",
    "fill_set",
    "gear",
    "gig_kinds_for",
    "invoice_number",
    "invoiced_on",
    "is_dj",
    "paid_on",
    "place_for",
    "style_for",
]

REQUESTS = "Requests from the floor"
_DJ = re.compile(r"\b(dj|disc jockey|deejay|turntablist)\b", re.I)


@cache
def _data() -> dict[str, Any]:
    text = resources.files("synthcomp_agents.computers.archetypes").joinpath("data/dj_crates.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def is_dj(text: str) -> bool:
    """Whether ``text`` (a persona) names a DJ.

    Example:
        >>> is_dj("A wedding DJ in Ohio"), is_dj("A solo pianist")
        (True, False)
    """
    return _DJ.search(text) is not None


def style_for(text: str, country_code: str) -> str:
    """What the act plays, by its own words first (techno, house, weddings, a lounge piano), then where it plays.

    Example:
        >>> style_for("A DJ in Berlin who plays techno at weekends", "DE"), style_for("A radio DJ in Lagos", "NG")
        ('techno', 'afrobeats')
    """
    low = text.casefold()
    for style, pattern in (
        ("techno", r"\btechno|\brave"),
        ("house", r"\bhouse\b|\bdisco\b"),
        ("afrobeats", r"afro|amapiano|highlife"),
        ("wedding", r"wedding|party|parties|events?\b|mobile dj"),
        ("lounge", r"pian|lounge|hotel|jazz|cocktail"),
    ):
        if re.search(pattern, low):
            return style
    if country_code in ("NG", "GH", "KE", "ZA", "CI", "SN", "TZ", "UG"):
        return "afrobeats"
    return "house" if is_dj(text) else "lounge"


def gig_kinds_for(words: str, style: str, persona: str) -> list[str]:
    """The kinds of gig a project of the act plays (its own words first: "wedding playlists" are weddings, "club
    nights" club nights), else the act's usual mix.

    Example:
        >>> gig_kinds_for("Club nights", "wedding", "A wedding DJ"), gig_kinds_for("Tour", "techno", "A radio DJ")
        (['club'], ['radio', 'club'])
    """
    low = words.casefold()
    for kind, pattern in (
        ("wedding", r"wedding|couples?|first dance"),
        ("lounge", r"lounge|hotel|bar\b|restaurant"),  # before the club's: a hotel lounge's residency is no club night
        ("club", r"club|night|residency|warehouse|rave"),
        ("radio", r"radio|show\b|broadcast"),
        ("party", r"party|parties|birthday|corporate"),
    ):
        if re.search(pattern, low):
            return [kind]
    if style == "lounge":
        return ["lounge", "lounge", "wedding"]
    if style == "wedding":
        return ["wedding", "wedding", "party"]
    if re.search(r"\bradio\b", persona, re.I):
        return ["radio", "club"]
    return ["club", "club", "party"]


@dataclass(frozen=True)
class SoloGig:
    """One booked gig of a solo act: the show (venue, day, set, fee), the kind of gig, who booked it, the distance
    from home and what the invoice adds to the fee."""

    show: Show
    kind: str  # club, wedding, party, radio, lounge
    client: str  # who books and pays: the promoter's, the couple's, the station's name is the booking's counterpart
    km: int  # one way from home
    km_rate: float  # per kilometre, there and back
    equipment: float  # PA and lights brought (a wedding, a party), else 0

    @property
    def travel(self) -> float:
        """Travel billed: the kilometres there and back at the act's rate."""
        return round(2 * self.km * self.km_rate, 2)

    @property
    def billed(self) -> float:
        """The invoice's net: fee, travel and equipment."""
        return round(self.show.fee + self.travel + self.equipment, 2)


def _clock(text: str) -> int:
    m, s = text.split(":")
    return int(m) * 60 + int(s)


def crate(rng: random.Random, style: str, n: int = 40) -> list[Song]:
    """The act's crate for ``style``: real songs with their tempo and key, or records drawn from the scene's names
    (title "Artist – Title")."""
    data = _data()[style]
    if "tracks" in data:
        out = []
        for line in data["tracks"]:
            artist, title, bpm, key, length = (x.strip() for x in str(line).split("|"))
            out.append(Song(f"{artist} – {title}", key, _clock(length), int(bpm)))
        return rng.sample(out, k=min(n, len(out)))
    lo, hi = (int(x) for x in data["bpm"])
    # each title once, then its dub and extended versions (by another artist): no title three times in a set
    titles = [
        f"{t}{v}" for v in ("", " (Dub)", " (Extended Mix)") for t in rng.sample(data["titles"], k=len(data["titles"]))
    ]
    picked = [(rng.choice(data["artists"]), t) for t in titles[: max(n, 70)]]
    keys = [f"{k}{m}" for k in range(1, 13) for m in "AB"]
    return [Song(f"{a} – {t}", rng.choice(keys), rng.randint(330, 480), rng.randint(lo, hi)) for a, t in picked]


def _camelot_near(a: str, b: str) -> bool:
    """Whether two Camelot keys mix harmonically (same key, a step round the wheel, or the relative major/minor)."""
    na, ma, nb, mb = int(a[:-1]), a[-1], int(b[:-1]), b[-1]
    return (na == nb) or (ma == mb and (na - nb) % 12 in (1, 11))


def fill_set(rng: random.Random, slot: int, songs: list[Song], style: str) -> list[Song]:
    """Tracks that fill ``slot`` minutes, each as long as it is played before the next is mixed in: a DJ set moves
    up in tempo and mixes in key where it can; the played lengths add up to the slot."""
    target = slot * 60
    pool = list(songs)
    mixed = style in ("techno", "house", "afrobeats", "wedding")
    first = min(pool, key=lambda s: s.bpm) if style in ("techno", "house") else rng.choice(pool)
    order = [first]
    pool.remove(first)
    while pool:
        last = order[-1]
        near = [s for s in pool if _camelot_near(last.key, s.key) and s.bpm >= last.bpm - 2] if mixed else []
        nxt = rng.choice(near or pool)
        order.append(nxt)
        pool.remove(nxt)
    # a DJ mixes out of a record long before its end (a techno record's last minutes are its outro); a song a crowd
    # knows plays nearly whole; a pianist plays the piece through
    share = (0.55, 0.8) if style in ("techno", "house") else (0.75, 0.95) if mixed else (1.0, 1.0)
    out: list[Song] = []
    total = 0
    for song in order:
        played = int(song.seconds * rng.uniform(*share))
        if total + played > target:
            break
        out.append(Song(song.title, song.key, played, song.bpm))
        total += played
    if not out:
        return [Song(order[0].title, order[0].key, target, order[0].bpm)]
    if target - total > 300:  # the crate ran out before the slot did: the rest is the floor's requests
        out.append(Song(REQUESTS, "", target - total, 0))
        return out
    last = out[-1]
    out[-1] = Song(last.title, last.key, last.seconds + target - total, last.bpm)  # the last one plays out the slot
    return out


def _start(kind: str, rng: random.Random) -> tuple[str, str]:
    """The set's start and the load-in before it."""
    spec = _data()["kinds"][kind]
    start = str(rng.choice(spec["start"]))
    h, m = (int(x) for x in start.split(":"))
    load = (h * 60 + m - int(spec["load_in"])) % (24 * 60)
    return f"{load // 60:02d}:{load % 60:02d}", start


def place_for(rng: random.Random, kind: str, city: str, clubs: tuple[str, ...], country_code: str = "") -> str:
    """Where a gig of ``kind`` is: a club of the country's names, a wedding venue (the country's own where the data
    has them: a Gutshaus near Berlin, not "The Orangery"), a radio station of the city."""
    if kind == "club":
        return str(rng.choice(clubs))
    local = _data().get("local_places", {}).get(country_code, {}).get(kind)
    return str(rng.choice(local or _data()["places"][kind])).format(city=city)


def draw_solo_gigs(
    rng: random.Random,
    places: list[tuple[str, int]],
    days: list[date],
    *,
    style: str,
    kinds: list[str],
    scale: float = 1.0,
    clubs: tuple[str, ...] = ("The Vault",),
    country_code: str = "",
) -> list[SoloGig]:
    """One gig per day in ``days`` in ``places`` (a city and its distance from home, in turn), of the ``kinds``
    in turn: venue, set times, fee, the set's track list and what the invoice adds; money in a currency worth
    ``scale`` units a euro."""
    songs = crate(rng, style)
    # a rate per kilometre keeps its cents (0.35 a km is not rounded to nothing where a unit is worth about a euro)
    per_km = rng.choice((0.3, 0.35, 0.4, 0.45)) * scale
    km_rate = round(per_km, 2) if scale < 20 else float(round(per_km))
    out: list[SoloGig] = []
    used: set[str] = set()
    for k, day in enumerate(days):
        kind = kinds[k % len(kinds)]
        city, km = places[k % len(places)]
        venue = place_for(rng, kind, city, clubs, country_code)
        for _ in range(4):
            if venue not in used:
                break
            venue = place_for(rng, kind, city, clubs, country_code)
        used.add(venue)
        load_in, start = _start(kind, rng)
        spec = _data()["kinds"][kind]
        # a club night's or a lounge's set is as long as the style's nights run; a wedding's party after the first
        # dance three hours; a party four; a radio show one or two
        slot = (
            int(rng.choice(_data()[style]["slot"]))
            if kind in ("club", "lounge")
            else {"wedding": 180, "party": 240, "radio": rng.choice((60, 120))}.get(kind, 120)
        )
        show = Show(
            venue=venue,
            city=city,
            day=day,
            load_in=load_in,
            set_start=start,
            slot_minutes=slot,
            deal="flat fee",
            fee=in_currency(rng.choice(spec["fee"]), scale),
            door_pct=0,
            house_costs=0.0,
            ticket_price=0.0,
            capacity=rng.choice((80, 120, 150, 200)) if kind in ("wedding", "party") else 0,
            tickets=0,
            setlist=[],
            merch_count=[],
        )
        show.setlist = fill_set(rng, slot, songs, style if kind != "lounge" else "lounge")
        equipment = in_currency(rng.choice((150, 200, 250)), scale) if kind in ("wedding", "party") else 0.0
        out.append(SoloGig(show, kind, str(spec["client"]), km, km_rate if km else 0.0, equipment))
    return out


def gear() -> list[dict[str, Any]]:
    """The kit a solo act buys (item, make and model, euro price, sold in pairs, the words of a project buying it)."""
    return [dict(g) for g in _data()["gear"]]


def invoice_number(day: date, taken: set[str]) -> str:
    """The act's invoice number for a gig on ``day`` (the gig's date, as a one-person business numbers them).

    Example:
        >>> invoice_number(date(2025, 3, 7), {"2025-0307"})
        '2025-0307-2'
    """
    base = f"{day.year}-{day:%m%d}"
    number, k = base, 2
    while number in taken:
        number, k = f"{base}-{k}", k + 1
    return number


def invoiced_on(day: date, kind: str) -> date:
    """When the gig is invoiced: a wedding's balance a month before the day, any other gig the day after."""
    return day - timedelta(days=30) if kind == "wedding" else day + timedelta(days=1)


def paid_on(rng: random.Random, day: date, kind: str) -> date:
    """When the gig's invoice is paid: a wedding's balance one to two weeks before the day, a promoter's or a
    station's within a month of the gig."""
    if kind == "wedding":
        return day - timedelta(days=rng.randint(7, 14))
    return day + timedelta(days=rng.randint(3, 30))

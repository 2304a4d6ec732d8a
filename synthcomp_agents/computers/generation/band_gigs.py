"""A band's own numbers: its members, songs, shows (the booking's terms), setlists that fill each slot, merch counts
and each show's settlement, drawn once per project so every file of the project repeats the same figures.

A show's settlement is arithmetic on the booking and the merch count: the band's door share (a door deal) or the
fee (a flat fee), plus the merch taken, less the night's costs, split evenly between the members with the odd
cents to the band kitty.

Example:
    >>> import random
    >>> g = draw_shows(random.Random(1), [("Seattle", 0)], [date(2025, 3, 7)])[0]
    >>> g.between_songs >= 15 * (len(g.setlist) - 1), g.net == g.fee + g.band_door + g.merch - g.costs
    (True, True)
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from .._local_places import local_places

__all__ = [
    "SONGS",
    "MerchLine",
    "Show",
    "Song",
    "catalogue",
    "clock_text",
    "draw_shows",
    "in_currency",
    "merch_lines",
    "nearby_cities",
    "split",
    "venues_for",
]

_VENUES = local_places("gig_venue", "US")
"""Venues a band plays when no country is given (an American band's)."""


def venues_for(country_code: str) -> tuple[str, ...]:
    """The venue names of the band's country (pub names in Britain and Ireland only; ``data/local_places.yaml``).

    Example:
        >>> venues_for("AR")[0], venues_for("US")[0]
        ('La Usina', 'The Vault')
    """
    return local_places("gig_venue", country_code)  # data/local_places.yaml


SONGS = (
    "Iron in the Blood",
    "Last Train to Nowhere",
    "Cold Harbour",
    "Burn the Ledger",
    "Black Dog Morning",
    "Hollow Point",
    "Salt and Rust",
    "Sixteen Rounds",
    "Wolves at the Door",
    "Southpaw",
    "Night Shift",
    "Northern Static",
    "Graveyard Orbit",
    "Low Tide Hymn",
    "Broken Compass",
    "Faultline",
    "Glass Jaw",
    "Rent Day",
)
_KEYS = ("E minor", "D", "A", "drop D", "C# minor", "G", "E", "B minor", "F# minor", "drop C")
_MERCH = (("T-shirt", 25.0), ("Tote bag", 12.0), ("CD", 10.0), ("Vinyl LP", 28.0), ("Patch", 5.0), ("Poster", 8.0))
_COSTS = (("Van hire (share)", 60, 180), ("Strings and sticks", 15, 45), ("Parking", 8, 25))


@dataclass(frozen=True)
class Song:
    """A song as a setlist lists it: title, key or tuning, length in seconds, tempo."""

    title: str
    key: str
    seconds: int
    bpm: int


@dataclass(frozen=True)
class MerchLine:
    """One merch item at one show: price, count before doors and after the set."""

    item: str
    price: float
    before: int
    after: int

    @property
    def sold(self) -> int:
        """Units sold on the night."""
        return self.before - self.after

    @property
    def takings(self) -> float:
        """Money taken for the item."""
        return round(self.sold * self.price, 2)


@dataclass
class Show:
    """One booked show: the booking's terms and, once played, what came in and went out."""

    venue: str
    city: str
    day: date
    load_in: str
    set_start: str
    slot_minutes: int
    deal: str  # "flat fee" or "door split"
    fee: float  # the flat fee (0 on a door deal)
    door_pct: int  # the band's share of the door after the house costs (0 on a flat fee)
    house_costs: float
    ticket_price: float
    capacity: int
    tickets: int
    setlist: list[Song]
    merch_count: list[MerchLine]
    cost_lines: list[tuple[str, float]] = field(default_factory=list)

    @property
    def door_gross(self) -> float:
        """Ticket money taken at the door and online."""
        return round(self.tickets * self.ticket_price, 2)

    @property
    def band_door(self) -> float:
        """The band's share of the door (a door deal), after the house costs."""
        if self.deal != "door split":
            return 0.0
        return round(max(0.0, self.door_gross - self.house_costs) * self.door_pct / 100, 2)

    @property
    def merch(self) -> float:
        """Merch takings, as the night's merch count adds them up."""
        return round(sum(m.takings for m in self.merch_count), 2)

    @property
    def costs(self) -> float:
        """The band's own costs of the night."""
        return round(sum(c for _n, c in self.cost_lines), 2)

    @property
    def net(self) -> float:
        """What the band cleared on the night."""
        return round(self.fee + self.band_door + self.merch - self.costs, 2)

    @property
    def between_songs(self) -> int:
        """Seconds of the slot between the songs (the slot less the songs' lengths)."""
        return self.slot_minutes * 60 - sum(s.seconds for s in self.setlist)

    @property
    def set_end(self) -> str:
        """When the set finishes (start plus the slot)."""
        h, m = (int(x) for x in self.set_start.split(":"))
        end = h * 60 + m + self.slot_minutes
        return f"{end // 60 % 24:02d}:{end % 60:02d}"


def clock_text(seconds: int) -> str:
    """``m:ss`` as a setlist writes a song's length (``45:00`` for a whole set)."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def split(net: float, members: int) -> tuple[float, float]:
    """Each member's share of ``net`` in whole cents and what is left for the kitty (never negative)."""
    cents = round(net * 100)
    each = cents // members if cents > 0 else 0
    return each / 100, (cents - each * members) / 100


def _setlist(rng: random.Random, slot: int, catalogue: list[Song]) -> list[Song]:
    """Songs that fit ``slot`` minutes with at least 15 seconds between songs (retuning, a word to the crowd):
    each song at its own length, in a drawn order, skipping one that would run over."""
    target = slot * 60
    out: list[Song] = []
    total = 0
    for song in rng.sample(catalogue, k=len(catalogue)):
        if total + song.seconds + 15 * len(out) <= target:
            out.append(song)
            total += song.seconds
    return out


def catalogue(rng: random.Random, n: int = 16) -> list[Song]:
    """The band's songs (titles, keys, studio lengths, tempo)."""
    return [
        Song(t, rng.choice(_KEYS), rng.randint(150, 290), rng.choice((96, 120, 140, 168, 184)))
        for t in rng.sample(SONGS, k=n)
    ]


def in_currency(amount: float, scale: float) -> float:
    """A euro-like ``amount`` in a currency worth ``scale`` units a euro (whole units where a unit is worth little:
    a ticket is 13,200 pesos, not 12)."""
    return round(amount, 2) if scale == 1 else float(round(amount * scale))


def merch_lines(rng: random.Random, items: int = 3, scale: float = 1.0) -> list[MerchLine]:
    """A merch count: what went on the table before doors and what came back after the set."""
    out = []
    for item, price in rng.sample(_MERCH, k=items):
        before = rng.randint(8, 40)
        out.append(MerchLine(item, in_currency(price, scale), before, before - rng.randint(1, max(2, before // 2))))
    return out


def _gazetteer() -> dict[str, Any]:
    """The persona resolver's GeoNames cities (one copy a process, not a second ~50 MB one)."""
    from synthcomp_agents.personas import gazetteer_cities

    return gazetteer_cities()


def _km(a: Any, b: Any) -> int:
    """Great-circle distance between two gazetteer cities, in whole kilometres."""
    la1, lo1, la2, lo2 = (
        math.radians(float(x)) for x in (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    )
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return int(2 * 6371 * math.asin(math.sqrt(h)))


@lru_cache(maxsize=64)
def nearby_cities(city: str, country_code: str, radius_km: int = 450, limit: int = 6) -> tuple[tuple[str, int], ...]:
    """The home city and the largest towns a van reaches from it (``(name, km)``, home first): where a band's run of
    shows goes; only the home city when the gazetteer does not know it.

    Example:
        >>> nearby_cities("Seattle", "US")[0], all(km <= 450 for _c, km in nearby_cities("Seattle", "US"))
        (('Seattle', 0), True)
    """
    every = _gazetteer().values()
    home = max(
        (c for c in every if c["name"] == city and (not country_code or c["countrycode"] == country_code)),
        key=lambda c: int(c.get("population") or 0),
        default=None,
    )
    if home is None:
        return ((city, 0),)
    near = [
        (int(c.get("population") or 0), str(c["name"]), _km(home, c))
        for c in every
        if c["countrycode"] == home["countrycode"] and c["name"] != city and int(c.get("population") or 0) > 60000
    ]
    near = [t for t in near if 40 <= t[2] <= radius_km]
    return ((city, 0), *((name, km) for _p, name, km in sorted(near, key=lambda t: (-t[0], t[1]))[: limit - 1]))


def draw_shows(
    rng: random.Random,
    places: list[tuple[str, int]],
    days: list[date],
    scale: float = 1.0,
    venues: tuple[str, ...] = _VENUES,
) -> list[Show]:
    """One show per day in ``days`` in ``places`` (a city and its distance from home, in turn): venue, terms,
    setlist, merch count and costs (the fuel there and back from the distance); money in a currency worth ``scale``
    units a euro."""
    songs = catalogue(rng)
    venues = tuple(rng.sample(venues, k=min(len(venues), len(days))))
    out = []
    for k, day in enumerate(days):
        capacity = rng.choice((80, 120, 150, 200, 250, 350))
        door = rng.random() < 0.5
        price = in_currency(rng.choice((8, 10, 12, 15, 18)), scale)
        out.append(
            Show(
                venue=venues[k % len(venues)],
                city=places[k % len(places)][0],
                day=day,
                load_in=rng.choice(("16:30", "17:00", "17:30", "18:00")),
                set_start=rng.choice(("20:30", "21:00", "21:15", "21:45", "22:15")),
                slot_minutes=rng.choice((30, 35, 40, 45, 60)),
                deal="door split" if door else "flat fee",
                fee=0.0 if door else in_currency(rng.choice((150, 200, 250, 300, 400, 500)), scale),
                door_pct=rng.choice((60, 70, 80)) if door else 0,
                house_costs=in_currency(rng.choice((100, 150, 200)), scale) if door else 0.0,
                ticket_price=price,
                capacity=capacity,
                tickets=rng.randint(capacity // 4, capacity - 5),
                setlist=[],
                merch_count=merch_lines(rng, scale=scale),
                cost_lines=[
                    ("Fuel", in_currency(round(12 + places[k % len(places)][1] * 2 * rng.uniform(0.09, 0.14)), scale)),
                    *((name, in_currency(rng.randint(lo, hi), scale)) for name, lo, hi in _COSTS if rng.random() < 0.7),
                ],
            )
        )
        out[-1].setlist = _setlist(rng, out[-1].slot_minutes, songs)
    return out

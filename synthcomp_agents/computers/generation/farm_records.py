"""A farm's own numbers: its units, fields and crops, yields and loads, animals and their weights.

A farm keeps its records in its country's units: acres, bushels and pounds in the US, hectares, tonnes and
kilograms elsewhere. What a farmer grows follows the persona (a rice farmer grows rice, a Kentucky farmer corn and
soybeans), and every figure is drawn once here so the files that repeat it agree: a field's harvest is the sum of its
loads at the elevator, a sold animal's weight is the one in the herd register.

Example:
    >>> import random
    >>> units = farm_units("US")
    >>> units.area, units.crop, units.weight
    ('ac', 'bu', 'lb')
    >>> fields = make_fields(random.Random(1), units, crops_for("A Kentucky farmer", "US"), 4)
    >>> all(f.area > 0 for f in fields)
    True
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]

from ...personas import IMPERIAL_COUNTRIES
from ..archetypes import per_euro

__all__ = [
    "Animal",
    "Crop",
    "FarmField",
    "FarmUnits",
    "Livestock",
    "Load",
    "Sale",
    "crop_units",
    "crops_for",
    "farm_price",
    "farm_units",
    "livestock_for",
    "make_animals",
    "make_fields",
    "make_loads",
]


@dataclass(frozen=True)
class FarmUnits:
    """The units a farm writes: ``area`` (ac/ha), ``crop`` (bu/t), ``weight`` (lb/kg) and their long names."""

    imperial: bool
    area: str
    area_long: str
    crop: str
    crop_long: str
    weight: str

    @property
    def yield_unit(self) -> str:
        """``bu/ac`` or ``t/ha``."""
        return f"{self.crop}/{self.area}"


def farm_units(country_code: str | None) -> FarmUnits:
    """The units of a farm in ``country_code``: imperial in the US (and Liberia, Myanmar), metric elsewhere."""
    if not country_code or country_code in IMPERIAL_COUNTRIES:
        return FarmUnits(True, "ac", "acres", "bu", "bushels", "lb")
    return FarmUnits(False, "ha", "hectares", "t", "tonnes", "kg")


def crop_units(units: FarmUnits, crop: Crop) -> FarmUnits:
    """The units ``crop`` is written in on a farm of ``units``: its own sale unit when it has one (tobacco in pounds
    an acre, ``lb/ac``), else the farm's grain units (``bu/ac``, ``t/ha``)."""
    if not crop.unit:
        return units
    long = {"lb": "pounds", "kg": "kilograms"}.get(crop.unit, crop.unit)
    return FarmUnits(units.imperial, units.area, units.area_long, crop.unit, long, units.weight)


@dataclass(frozen=True)
class Sale:
    """How a graded crop is sold (tobacco, cotton): in ``by`` (bales) of ``bale`` weight (the crop's unit), each
    graded (``grades``: grade and price factor over the contract's top price), to ``buyer`` (role, firm name words),
    in ``months``, ``cure`` days after it is cut (cured in the barn and stripped, or ginned)."""

    by: str
    bale: tuple[float, float]
    grades: tuple[tuple[str, float], ...]
    buyer: tuple[str, tuple[str, ...]]
    months: tuple[int, ...]
    cure: tuple[int, int]


@dataclass(frozen=True)
class Crop:
    """A crop as one farm grows it: its varieties, yield per area, sale price per crop unit (in euros before the
    currency's scale), standard moisture, seed rate per area and the seed's unit and price per unit (euros); the unit
    it is sold in when not the farm's grain unit (``unit``: tobacco by the pound), the persona words naming it, a
    field's area range, its season's stages (``calendar``: what, first month, last month) and how a graded crop is
    sold (``sale``); see ``computers/data/farm_crops.yaml``."""

    name: str
    varieties: tuple[str, ...]
    yield_range: tuple[float, float]
    price_eur: tuple[float, float]
    moisture: float
    seed_rate: float
    seed_unit: str
    seed_price_eur: float
    nitrogen: tuple[int, int]
    unit: str = ""
    words: str = ""
    area: tuple[float, float] | None = None
    calendar: tuple[tuple[str, int, int], ...] = ()
    sale: Sale | None = None

    def stage(self, *words: str) -> tuple[str, int, int] | None:
        """The first calendar stage whose name holds one of ``words`` ("set", "cut"), or None."""
        return next((st for st in self.calendar if any(w in st[0] for w in words)), None)


def _crop(raw: dict[str, Any]) -> Crop:
    sale = raw.get("sale")
    return Crop(
        str(raw["name"]),
        tuple(str(v) for v in raw["varieties"]),
        (float(raw["yield"][0]), float(raw["yield"][1])),
        (float(raw["price_eur"][0]), float(raw["price_eur"][1])),
        float(raw["moisture"]),
        float(raw["seed_rate"]) if float(raw["seed_rate"]) != int(raw["seed_rate"]) else int(raw["seed_rate"]),
        str(raw["seed_unit"]),
        float(raw["seed_price_eur"]),
        (int(raw["nitrogen"][0]), int(raw["nitrogen"][1])),
        str(raw.get("unit", "")),
        str(raw.get("words", "")),
        (float(raw["area"][0]), float(raw["area"][1])) if raw.get("area") else None,
        tuple((str(w), int(a), int(b)) for w, a, b in raw.get("calendar", ())),
        Sale(
            str(sale["by"]),
            (float(sale["bale"][0]), float(sale["bale"][1])),
            tuple((str(g), float(f)) for g, f in sale["grades"]),
            (str(sale["buyer"][0]), tuple(str(w) for w in sale["buyer"][1])),
            tuple(int(m) for m in sale["months"]),
            (int(sale["cure"][0]), int(sale["cure"][1])),
        )
        if sale
        else None,
    )


@cache
def _crop_data() -> tuple[dict[str, Crop], dict[str, str], dict[str, tuple[str, ...]]]:
    text = resources.files("synthcomp_agents.computers").joinpath("data/farm_crops.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    crops = {str(k): _crop(v) for k, v in raw["crops"].items()}
    rice = {str(k): str(v) for k, v in raw["rice"].items()}
    regions = {str(k): tuple(str(c) for c in v) for k, v in raw["regions"].items()}
    return crops, rice, regions


_FIELD_NAMES = {
    True: ("North field", "Creek bottom", "Home place", "Ridge field", "Back forty", "River piece", "Church field",
           "Bottom ground", "Schoolhouse field", "Lane field"),
    False: ("North field", "Long acre", "Top field", "Home paddock", "River flats", "Hill block", "Church field",
            "Bottom ground", "Back block", "Well field"),
}  # fmt: skip
_PADDIES = ("Canal plot", "Front plot", "Plot by the road", "Back plot", "Plot near the pump", "Dike plot",
            "Upper terrace", "Lower terrace", "Plot by the temple", "River plot")  # fmt: skip


def crops_for(persona: str, country_code: str | None, region: str | None = None) -> tuple[Crop, ...]:
    """What the farm grows: rice for a rice farmer; else the crops the persona names first (a tobacco farmer's
    tobacco), then its region's (Kentucky: corn, soybeans, burley tobacco, wheat; Iowa: corn and soybeans), then its
    country's or unit system's: corn, soybeans and wheat in the US, cereals and rape elsewhere, barley and winter
    feed crops on a New Zealand sheep or cattle farm. A crop the persona names that the region grows in its own way
    is the region's (tobacco in North Carolina is flue-cured)."""
    crops, rice, regions = _crop_data()
    low = persona.casefold()
    if re.search(r"\b(rice|paddy|paddies)\b", low):
        return (crops[rice.get(country_code or "", rice["default"])],)
    imperial = farm_units(country_code).imperial
    local = regions.get(f"{country_code}-{region}") if region else None
    local = local or regions.get(country_code or "") or regions["imperial" if imperial else "metric"]
    system = regions["imperial" if imperial else "metric"]
    named: list[str] = []
    said: set[str] = set()
    for key, crop in crops.items():
        found = re.search(crop.words, low) if crop.words else None
        if found is None or found.group(0) in said:
            continue  # one crop per word: "tobacco" is burley or flue-cured, never both
        same = [k for k in local if crops[k].words and re.search(crops[k].words, found.group(0))]
        if same:
            pick = same[0]  # the region's own: flue-cured in North Carolina
        elif key in system or (crop.unit and (crop.unit == "lb") == imperial):
            pick = key  # a crop of the farm's unit system the region does not list
        else:
            continue
        said.add(found.group(0))
        if pick not in named:
            named.append(pick)
    out = [crops[k] for k in dict.fromkeys([*named, *local])]
    return tuple(out[:4])


def farm_price(low_high: tuple[float, float], rng: random.Random, currency: str, *, step: float = 0.01) -> float:
    """A price drawn from a euro range, in ``currency`` (scaled for currencies worth far less than a euro) and
    rounded to the step a market quotes (a whole unit for large currencies)."""
    scale = per_euro(currency)
    value = rng.uniform(*low_high) * scale
    quantum = step * scale if scale == 1.0 else 10 ** max(0, math.floor(math.log10(scale)))
    return round(round(value / quantum) * quantum, 2)


@dataclass(frozen=True)
class FarmField:
    """One field as the field records have it."""

    name: str
    area: float
    crop: Crop
    variety: str
    planted: date
    nitrogen: int

    @property
    def seed(self) -> float:
        """Seed needed for the field in the crop's seed unit (whole units, rounded up)."""
        return float(math.ceil(self.area * self.crop.seed_rate))


def make_fields(rng: random.Random, units: FarmUnits, crops: tuple[Crop, ...], n: int) -> list[FarmField]:
    """``n`` fields with their crop, variety, area, planting day (in a spring of the year 2000: callers move it to
    their season) and nitrogen rate; a rice farm's plots are small."""
    rice = crops[0].name == "Rice"
    names = list(_PADDIES if rice else _FIELD_NAMES[units.imperial])
    rng.shuffle(names)
    out = []
    for k in range(n):
        crop = crops[k % len(crops)]
        if rice:
            area = round(rng.uniform(0.4, 2.2), 2)
        elif crop.area is not None:  # a burley patch of a few acres, not a grain field
            area = float(round(rng.uniform(*crop.area))) if units.imperial else round(rng.uniform(*crop.area), 1)
        elif units.imperial:
            area = float(rng.randrange(20, 180))
        else:
            area = round(rng.uniform(6, 60), 1)
        planted = date(2000, 4, 10) + timedelta(days=rng.randint(0, 40))
        lo, hi = crop.nitrogen
        out.append(FarmField(names[k], area, crop, rng.choice(crop.varieties), planted, rng.randint(lo, hi)))
    return out


@dataclass(frozen=True)
class Load:
    """One load delivered to a buyer (a scale ticket): its field, day, gross quantity and moisture."""

    ticket: str
    field: FarmField
    day: date
    gross: float
    moisture: float

    @property
    def shrink(self) -> float:
        """Moisture shrink in percent: 1.4 points per point above the crop's standard, none below."""
        return round(max(0.0, self.moisture - self.field.crop.moisture) * 1.4, 1)

    @property
    def net(self) -> float:
        """Gross less the shrink, to one decimal (bushels) or three (tonnes)."""
        return round(self.gross * (1 - self.shrink / 100), 3)


def make_loads(
    rng: random.Random, units: FarmUnits, harvest: list[tuple[FarmField, float, date]], first_ticket: int
) -> list[Load]:
    """The loads each field's harvest went to the buyer in: a truck holds about 950 bushels or 28 tonnes (a rice
    boat 12), the last load of a field takes what is left, so a field's loads add up to exactly its harvest."""
    rice = bool(harvest) and harvest[0][0].crop.name == "Rice"
    size = 950.0 if units.imperial else (12.0 if rice else 28.0)
    out: list[Load] = []
    ticket = first_ticket
    for fld, total, done in harvest:
        n = max(1, math.ceil(total / size))
        left = total
        for k in range(n):
            gross = left if k == n - 1 else round(total / n * rng.uniform(0.93, 1.05), 1 if units.imperial else 2)
            gross = min(gross, left)
            left = round(left - gross, 3)
            day = done - timedelta(days=max(0, n - 1 - k) // 2)
            wet = 3.5 if re.search(r"corn|maize|rice", fld.crop.name, re.I) else 1.5  # corn and rice come in wet
            moisture = round(fld.crop.moisture + rng.uniform(-1.0, wet), 1)
            out.append(Load(f"{ticket:06d}", fld, day, round(gross, 3), moisture))
            ticket += rng.randint(1, 9)
    return out


@dataclass(frozen=True)
class Livestock:
    """The animals a farm keeps: kind (cattle, dairy cows, sheep), breeds, the sold class and its live weight
    range in kilograms, a price per kilogram live (euros), and the treatments the vet gives."""

    kind: str
    breeds: tuple[str, ...]
    sold: str
    weight_kg: tuple[int, int]
    price_eur_kg: tuple[float, float]
    treatments: tuple[str, ...]


_CATTLE = Livestock(
    "cattle",
    ("Angus", "Black baldy", "Charolais x", "Hereford", "Simmental x"),
    "feeder steers",
    (230, 300),
    (3.6, 4.4),
    ("Bovi-Shield Gold 5 (IBR/BVD)", "Ivomec pour-on", "Ultrabac 7 (blackleg)", "Draxxin (pneumonia)"),
)
_DAIRY = Livestock(
    "dairy",
    ("Holstein", "Jersey", "Brown Swiss", "Holstein x Jersey"),
    "bull calves",
    (45, 70),
    (2.0, 3.2),
    ("Dry cow tube", "Bovi-Shield Gold 5 (IBR/BVD)", "Calcium bolus (milk fever)", "Mastitis tube"),
)
_SHEEP = Livestock(
    "sheep",
    ("Romney", "Perendale", "Coopworth", "Romney x Texel"),
    "store lambs",
    (30, 42),
    (3.2, 4.0),
    ("Drench (Matrix)", "Lepto vaccine", "Clostridial 5-in-1", "Footbath (zinc sulphate)"),
)


# what a sold animal and a kept one are: steers go to the sale and heifers stay; a dairy's bull calves go
_SEX = {"cattle": ("Steer", "Heifer"), "dairy": ("Bull calf", "Heifer calf"), "sheep": ("Wether lamb", "Ewe lamb")}


def livestock_for(persona: str) -> Livestock:
    """Dairy cows for a dairy farmer, sheep for a sheep farmer, beef cattle otherwise."""
    low = persona.casefold()
    if re.search(r"\b(dairy|milk)", low):
        return _DAIRY
    if re.search(r"\b(sheep|lambs?|ewes?|flock)\b", low):
        return _SHEEP
    return _CATTLE


@dataclass(frozen=True)
class Animal:
    """One animal in the herd register: tag, breed, sex, birth day, dam, weight in kilograms and when weighed, the
    treatments it had and the day it was sold (None: still on the farm)."""

    tag: str
    breed: str
    sex: str
    born: date
    dam: str
    weight_kg: int
    weighed: date
    treatments: tuple[tuple[date, str], ...]
    sold: date | None


def make_animals(
    rng: random.Random,
    stock: Livestock,
    n: int,
    *,
    weighed: date,
    sold_on: date | None,
    n_sold: int,
    spring: int = 3,
) -> list[Animal]:
    """``n`` young animals born the spring before ``weighed``, with a dam tag each, weighed on one day and
    treated by the vet on one or two days before it; the first ``n_sold`` are sold on ``sold_on``."""
    # born in the last spring (``spring``: its first month, 3 in the north, 8 south of the equator) at least
    # three months before they were weighed
    born_year = weighed.year if date(weighed.year, spring, 1) + timedelta(days=150) <= weighed else weighed.year - 1
    number = rng.randint(120, 700)
    out = []
    visits = sorted({weighed - timedelta(days=rng.randint(20, 70)) for _ in range(2)})
    for k in range(n):
        number += rng.randint(1, 3)  # tags in the order the calves came, a few missing (died, kept, lost)
        tag = f"{born_year % 100:02d}{number:03d}"
        born = date(born_year, spring, 1) + timedelta(days=rng.randint(0, 60))
        lo, hi = stock.weight_kg
        sex = _SEX[stock.kind][0 if k < n_sold else 1]
        treats = tuple((v, rng.choice(stock.treatments)) for v in visits if rng.random() < 0.8)
        out.append(
            Animal(
                tag,
                rng.choice(stock.breeds),
                sex,
                born,
                f"{(born_year - rng.randint(3, 7)) % 100:02d}{rng.randint(100, 999):03d}",
                rng.randint(lo, hi),
                weighed,
                treats,
                sold_on if k < n_sold else None,
            )
        )
    return out

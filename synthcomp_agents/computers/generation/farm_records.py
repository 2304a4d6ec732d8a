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

from ...personas import IMPERIAL_COUNTRIES
from ..archetypes import per_euro

__all__ = [
    "Animal",
    "Crop",
    "FarmField",
    "FarmUnits",
    "Livestock",
    "Load",
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


@dataclass(frozen=True)
class Crop:
    """A crop as one farm grows it: its varieties, yield per area, sale price per crop unit (in euros before the
    currency's scale), standard moisture, seed rate per area and the seed's unit and price per unit (euros)."""

    name: str
    varieties: tuple[str, ...]
    yield_range: tuple[float, float]
    price_eur: tuple[float, float]
    moisture: float
    seed_rate: float
    seed_unit: str
    seed_price_eur: float
    nitrogen: tuple[int, int]


# yields and prices per crop unit: bushels an acre and dollars (about euros) a bushel in the US; tonnes a hectare
# and euros a tonne elsewhere. Seed: US corn in 80,000-seed units, soybeans in 140,000-seed units, wheat in bushels;
# metric seed in kilograms a hectare.
_US_CROPS = (
    Crop(
        "Corn",
        ("Pioneer P1185", "DKC 62-08", "Channel 213-19", "Beck's 6374"),
        (155, 215),
        (3.8, 4.6),
        15.0,
        0.4,
        "units",
        270.0,
        (150, 200),
    ),
    Crop(
        "Soybeans",
        ("Asgrow AG46XF3", "Pioneer P42A84E", "Beck's 4120E3", "Credenz CZ 4505"),
        (44, 64),
        (9.6, 10.8),
        13.0,
        1.0,
        "units",
        58.0,
        (0, 0),
    ),
    Crop(
        "Wheat",
        ("Pembroke 2021", "AgriMAXX 513", "Pioneer 26R59", "KWS Scorpion"),
        (62, 88),
        (5.1, 6.2),
        13.5,
        1.8,
        "bu",
        17.0,
        (80, 120),
    ),
)
_METRIC_CROPS = (
    Crop(
        "Winter wheat",
        ("Skyfall", "Graham", "KWS Extase", "Champion"),
        (7.0, 9.8),
        (185, 230),
        14.5,
        170,
        "kg",
        0.62,
        (160, 220),
    ),
    Crop(
        "Spring barley",
        ("Laureate", "Planet", "RGT Planet", "Diablo"),
        (5.2, 7.4),
        (165, 200),
        14.5,
        160,
        "kg",
        0.58,
        (100, 140),
    ),
    Crop(
        "Oilseed rape",
        ("Aurelia", "Campus", "Dazzler", "Ambassador"),
        (3.2, 4.4),
        (390, 460),
        9.0,
        4,
        "kg",
        24.0,
        (180, 220),
    ),
    Crop(
        "Maize",
        ("P8666", "DKC3939", "LG 31.211", "Ambition"),
        (8.5, 12.0),
        (175, 215),
        15.0,
        25,
        "kg",
        11.0,
        (150, 190),
    ),
)
_NZ_CROPS = (
    Crop("Barley", ("Laureate", "Sanette", "Fortitude"), (6.5, 9.0), (250, 300), 14.5, 130, "kg", 0.9, (90, 130)),
    Crop("Winter kale", ("Kestrel", "Sovereign", "Regal"), (10.0, 15.0), (0, 0), 0.0, 4, "kg", 14.0, (80, 110)),
    Crop("Swedes", ("Aparima Gold", "Highlander", "Dominion"), (11.0, 16.0), (0, 0), 0.0, 0.5, "kg", 90.0, (40, 60)),
)
_RICE = {
    "VN": Crop(
        "Rice",
        ("OM 5451", "OM 18", "ST25", "Đài Thơm 8", "IR 50404"),
        (5.6, 7.4),
        (240, 290),
        14.0,
        120,
        "kg",
        0.62,
        (90, 110),
    ),
    "JP": Crop(
        "Rice",
        ("Koshihikari", "Shinnosuke", "Koganemochi", "Yukinosei"),
        (5.0, 6.0),
        (1750, 2000),
        15.0,
        40,
        "kg",
        4.6,
        (40, 70),
    ),
}
_RICE_DEFAULT = Crop("Rice", ("IR64", "Jasmine 85", "NSIC Rc 222"), (4.8, 6.6), (260, 320), 14.0, 100, "kg", 0.7,
                     (80, 110))  # fmt: skip

_FIELD_NAMES = {
    True: ("North field", "Creek bottom", "Home place", "Ridge field", "Back forty", "River piece", "Church field",
           "Bottom ground", "Schoolhouse field", "Lane field"),
    False: ("North field", "Long acre", "Top field", "Home paddock", "River flats", "Hill block", "Church field",
            "Bottom ground", "Back block", "Well field"),
}  # fmt: skip
_PADDIES = ("Canal plot", "Front plot", "Plot by the road", "Back plot", "Plot near the pump", "Dike plot",
            "Upper terrace", "Lower terrace", "Plot by the temple", "River plot")  # fmt: skip


def crops_for(persona: str, country_code: str | None) -> tuple[Crop, ...]:
    """What the farm grows: rice for a rice farmer, corn, soybeans and wheat in the US, cereals and rape elsewhere,
    barley and winter feed crops on a New Zealand sheep or cattle farm."""
    low = persona.casefold()
    if re.search(r"\b(rice|paddy|paddies)\b", low):
        return (_RICE.get(country_code or "", _RICE_DEFAULT),)
    if farm_units(country_code).imperial:
        return _US_CROPS
    if country_code == "NZ":
        return _NZ_CROPS
    return _METRIC_CROPS


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

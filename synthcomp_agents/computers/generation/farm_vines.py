"""Stage 5 on a vineyard: a grower's and winemaker's papers in the farm chain, never a brief or a cattle account.

The vineyard is its blocks (variety, rootstock, rows, vines, spacing and area in the block register); the season
leaves the spray diary (date, blocks, product, rate, withholding period, weather) and the spray supplier's bill; the
vintage leaves the pick record (date, block, tonnes, sugar in the country's scale, acid, pH), the picking crew's bill
and the crush and ferment record (fruit in, litres out, by lot); the bottling run leaves its record and the
supplier's bill for the bottles, closures, labels and cartons of exactly the cases bottled; the wine leaves the
sales record (cellar door by the bottle, shops and restaurants by the case) and the invoices to the trade. Each bill
and sale goes to the year's farm accounts.

Every figure agrees: the crush turns the picked tonnes into litres, the bottling run bottles whole cases from those
litres, the sales never sell more bottles of a wine than were bottled less what earlier records sold, and the last
spray of a product before the harvest leaves its withholding period clear before the first pick. Harvest falls in
September and October north of the equator and from February to April south of it.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from synthcomp_agents.office import DocumentSpec, Paragraph, SheetSpec, Table

from .._content import Person
from .._names import slug
from ..archetypes import per_euro
from .core_farm import _SOUTH, _cols, _Farm, _sum, _thread, supplier_bill, trade_party
from .life import named_place

__all__ = ["Block", "build_vine_papers", "is_vineyard", "vine_blocks", "vine_kind"]

_VINES = re.compile(
    r"vineyard|\bvines?\b|\bwines?\b|winemak|winegrow|wine grow|vintner|vigneron|viticult|winery|\bwinzer|grape grow",
    re.I,
)
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("replant", re.compile(r"replant|new vines|nursery|rootstock|block register|\bblocks? register", re.I)),
    ("spray", re.compile(r"spray|mildew|botrytis|canopy", re.I)),
    ("bottle", re.compile(r"bottl", re.I)),
    ("pick", re.compile(r"\bpick|harvest|vintage|crush|grapes", re.I)),
)
# the grapes a region grows, its own first; the persona's own variety ("makes Malbec") leads wherever it is named
_VARIETIES: dict[str, tuple[str, ...]] = {
    "AR": ("Malbec", "Bonarda", "Cabernet Sauvignon", "Torrontés", "Chardonnay"),
    "DE": ("Riesling", "Müller-Thurgau", "Spätburgunder", "Elbling", "Weissburgunder"),
    "AT": ("Grüner Veltliner", "Riesling", "Zweigelt", "Blaufränkisch"),
    "FR": ("Pinot Noir", "Chardonnay", "Merlot", "Cabernet Franc", "Sauvignon Blanc"),
    "IT": ("Sangiovese", "Nebbiolo", "Barbera", "Trebbiano", "Pinot Grigio"),
    "ES": ("Tempranillo", "Garnacha", "Graciano", "Viura", "Albariño"),
    "PT": ("Touriga Nacional", "Tinta Roriz", "Touriga Franca", "Alvarinho"),
    "US": ("Cabernet Sauvignon", "Chardonnay", "Pinot Noir", "Zinfandel", "Sauvignon Blanc"),
    "AU": ("Shiraz", "Cabernet Sauvignon", "Chardonnay", "Riesling", "Grenache"),
    "NZ": ("Sauvignon Blanc", "Pinot Noir", "Pinot Gris", "Chardonnay"),
    "ZA": ("Chenin Blanc", "Pinotage", "Cabernet Sauvignon", "Syrah", "Sauvignon Blanc"),
    "CL": ("Carménère", "Cabernet Sauvignon", "País", "Sauvignon Blanc"),
    "GB": ("Pinot Noir", "Chardonnay", "Bacchus", "Pinot Meunier"),
    "": ("Chardonnay", "Pinot Noir", "Merlot", "Cabernet Sauvignon", "Riesling"),
}
_WHITE = frozenset({"Chardonnay", "Riesling", "Müller-Thurgau", "Elbling", "Weissburgunder", "Grüner Veltliner",
                    "Sauvignon Blanc", "Trebbiano", "Pinot Grigio", "Viura", "Albariño", "Alvarinho", "Torrontés",
                    "Pinot Gris", "Chenin Blanc", "Bacchus"})  # fmt: skip
# picked first: the early whites and Pinot; the late reds last
_EARLY = frozenset({"Chardonnay", "Pinot Noir", "Sauvignon Blanc", "Pinot Gris", "Pinot Grigio", "Müller-Thurgau",
                    "Bacchus", "Pinot Meunier", "Spätburgunder", "Albariño", "Alvarinho", "Torrontés"})  # fmt: skip
_ROOTSTOCKS = ("1103 Paulsen", "SO4", "5BB", "101-14", "3309C", "110 Richter", "Own roots")
_SPRAYS = (
    # product, target, rate (kg/ha), withholding period (days), pack (kg), pack price (EUR)
    ("Wettable sulphur (Thiovit Jet)", "Powdery mildew", 3.0, 0, 25.0, (38.0, 52.0)),
    ("Copper hydroxide (Kocide Opti)", "Downy mildew", 1.5, 21, 10.0, (85.0, 110.0)),
    ("Potassium bicarbonate (Armicarb)", "Powdery mildew", 3.0, 1, 5.0, (48.0, 66.0)),
    ("Switch (cyprodinil + fludioxonil)", "Botrytis", 1.0, 21, 1.0, (95.0, 125.0)),
    ("Flint (trifloxystrobin)", "Powdery mildew", 0.15, 35, 1.0, (180.0, 230.0)),
)
_YEASTS = ("EC-1118", "D254", "BM45", "QA23", "Wild ferment", "RC212")
_SKY = ("Dry, still", "Dry, light wind", "Overcast, still", "Sunny, light breeze", "Dry after rain, still")


def is_vineyard(text: str) -> bool:
    """Whether a persona grows grapes or makes wine ("A winemaker in Mendoza", "A vintner in the Mosel")."""
    return bool(_VINES.search(text))


def vine_kind(words: str) -> str:
    """What a vineyard's project is, by its name and focus: ``replant``, ``spray``, ``bottle``, ``pick`` or
    ``sales``."""
    return next((kind for kind, rx in _KINDS if rx.search(words)), "sales")


def build_vine_papers(farm: _Farm, kind: str) -> list[str]:
    """The papers of one vineyard project or standing record of ``kind``; their paths."""
    writers = {"replant": _replant, "spray": _spray, "bottle": _bottle, "pick": _pick, "sales": _sales}
    docs = writers[kind](farm)
    farm.plan.documents = docs
    return docs


@dataclass(frozen=True)
class Block:
    """One block of vines as the block register has it; spacing in metres (feet in the US), area in the farm's
    unit (hectares or acres): the vines times the space each takes."""

    name: str
    variety: str
    rootstock: str
    planted: int
    rows: int
    per_row: int
    row_spacing: float
    vine_spacing: float
    imperial: bool

    @property
    def vines(self) -> int:
        return self.rows * self.per_row

    @property
    def area(self) -> float:
        return self.vines * self.row_spacing * self.vine_spacing / (43_560.0 if self.imperial else 10_000.0)


def _price(farm: _Farm, low_high: tuple[float, float], rng: random.Random, step: float = 0.05) -> float:
    """A unit price drawn from a euro range in the farm's currency: to ``step`` in euros and dollars, to two
    significant figures in a currency worth far less (a vine guard is 390 pesos, not nothing)."""
    scale = per_euro(farm.currency)
    value = rng.uniform(*low_high) * scale
    quantum = step if scale == 1.0 else 10.0 ** (math.floor(math.log10(value)) - 1)
    return round(round(value / quantum) * quantum, 2)


def _rng(farm: _Farm, what: str) -> random.Random:
    """A random source of the vineyard's own, the same for every project that reads it (its blocks, a vintage)."""
    return random.Random(f"{farm.ctx.seed}|{farm.ctx.persona.text}|vineyard|{what}")


def _south(farm: _Farm) -> bool:
    return (farm.ctx.persona.country_code or "") in _SOUTH


def _varieties(farm: _Farm) -> tuple[str, ...]:
    """The vineyard's grapes: the region's, led by any the persona names."""
    text = farm.ctx.persona.text.casefold()
    named = [v for table in _VARIETIES.values() for v in table if v.casefold() in text]
    local = _VARIETIES.get(farm.ctx.persona.country_code or "", _VARIETIES[""])
    return tuple(dict.fromkeys([*named, *local]))


def vine_blocks(farm: _Farm) -> list[Block]:
    """The vineyard's blocks, the same in every record: four to seven, each one variety on one rootstock."""
    rng = _rng(farm, "blocks")
    varieties = _varieties(farm)
    n = rng.randint(4, 7)
    grown = [varieties[0], varieties[0], *varieties[1 : min(len(varieties), rng.randint(2, 4))]]
    imperial = farm.units.imperial
    steep = farm.ctx.persona.country_code in ("DE", "AT")  # Mosel slopes: narrow rows, dense vines
    blocks: list[Block] = []
    year = farm.ctx.now.year
    for k in range(n):
        variety = grown[k] if k < len(grown) else rng.choice(grown)
        if imperial:
            rs, vs = float(rng.choice((7, 8, 9, 10))), float(rng.choice((4, 5, 6)))
        elif steep:
            rs, vs = rng.choice((1.3, 1.5, 1.6)), rng.choice((1.0, 1.1, 1.2))
        else:
            rs, vs = rng.choice((2.0, 2.2, 2.5, 2.8)), rng.choice((1.0, 1.2, 1.5))
        blocks.append(
            Block(
                name=f"Block {chr(ord('A') + k)}",
                variety=variety,
                rootstock=rng.choice(_ROOTSTOCKS),
                planted=year - rng.randint(6, 45),
                rows=rng.randint(18, 70),
                per_row=rng.randint(50, 130),
                row_spacing=rs,
                vine_spacing=vs,
                imperial=imperial,
            )
        )
    return blocks


# ------------------------------------------------------------------------------------------------- the block register


def _register(farm: _Farm, day: date) -> str:
    """The block register, written once (the first project that needs it); its path."""
    led = farm.ctx.ledger
    for path, facts in led.facts.items():
        if "vine_blocks" in facts:
            return path
    u = farm.units
    space = "ft" if u.imperial else "m"
    blocks = vine_blocks(farm)
    rows: list[list[object]] = [
        [b.name, b.variety, b.rootstock, b.planted, b.rows, b.per_row, f"=E{i + 2}*F{i + 2}", b.row_spacing,
         b.vine_spacing, f"=G{i + 2}*H{i + 2}*I{i + 2}/{43560 if u.imperial else 10000}"]
        for i, b in enumerate(blocks)
    ]  # fmt: skip
    n = len(blocks)
    rows.append(["Total", None, None, None, _sum("E", n), None, _sum("G", n), None, None, _sum("J", n)])
    path = farm.sheet(
        "Block register",
        f"Block register {farm.ctx.identity.life_org}",
        [
            SheetSpec(
                name="Blocks",
                columns=_cols(
                    ("Block", None),
                    ("Variety", None),
                    ("Rootstock", None),
                    ("Planted", "0"),
                    ("Rows", "0"),
                    ("Vines per row", "0"),
                    ("Vines", "#,##0"),
                    (f"Row spacing ({space})", "0.0"),
                    (f"Vine spacing ({space})", "0.0"),
                    (f"Area ({u.area})", "#,##0.00"),
                ),
                rows=rows,
            )
        ],
        farm.when(day),
        purpose="Block register: variety, rootstock, rows, vines, spacing and area of every block",
        archetype="vineyard_block_register",
    )
    led.facts[path] = {
        "vine_blocks": str(n),
        "vines": str(sum(b.vines for b in blocks)),
        "area": farm.area(sum(b.area for b in blocks)),
    }
    return path


# ---------------------------------------------------------------------------------------------------------- vintage


def _harvest_window(farm: _Farm, vintage: int) -> tuple[date, date]:
    """The first and last days a vintage may be picked: September and October north, February to April south."""
    if _south(farm):
        return date(vintage, 2, 12), date(vintage, 4, 20)
    return date(vintage, 9, 3), date(vintage, 10, 28)


@dataclass(frozen=True)
class _Pick:
    day: date
    block: Block
    tonnes: float
    sugar: float  # Brix
    acid: float  # g/L titratable
    ph: float
    machine: bool


def _picks(farm: _Farm, vintage: int) -> list[_Pick]:
    """A vintage's picks, block by block, early varieties first, every one inside the harvest window."""
    rng = _rng(farm, f"vintage|{vintage}")
    first, last = _harvest_window(farm, vintage)
    blocks = sorted(vine_blocks(farm), key=lambda b: (b.variety not in _EARLY, b.variety in _WHITE, b.name))
    span = (last - first).days - 10
    picks: list[_Pick] = []
    day = first + timedelta(days=rng.randint(0, 8))
    yield_ha = rng.uniform(5.5, 10.5)
    for b in blocks:
        hectares = b.area / 2.47105 if b.imperial else b.area
        tonnes = hectares * yield_ha * rng.uniform(0.8, 1.2)
        white = b.variety in _WHITE
        sugar = rng.uniform(19.0, 23.0) if white else rng.uniform(22.5, 26.0)
        if farm.ctx.persona.country_code in ("DE", "AT", "GB"):
            sugar -= 2.5
        acid = rng.uniform(6.8, 9.5) if white else rng.uniform(5.2, 7.2)
        ph = rng.uniform(3.05, 3.35) if white else rng.uniform(3.4, 3.8)
        machine = not b.imperial and rng.random() < 0.25 and farm.ctx.persona.country_code not in ("DE", "AT")
        picks.append(_Pick(day, b, tonnes, sugar, acid, ph, machine))
        day = min(day + timedelta(days=rng.randint(2, max(3, span // len(blocks)))), last)
    return picks


def _vintage_by(farm: _Farm, by: date) -> int:
    """The latest vintage whose last pick is before ``by``."""
    year = by.year
    while _picks(farm, year)[-1].day >= by:
        year -= 1
    return year


def _sugar(farm: _Farm) -> tuple[str, float]:
    """The sugar scale the country's growers write and its factor from Brix: Oechsle in the German-speaking
    countries, Baumé in Australia, France and Spain, Brix elsewhere."""
    code = farm.ctx.persona.country_code or ""
    if code in ("DE", "AT", "CH", "LU"):
        return "Must weight (°Oe)", 4.25
    if code in ("AU", "FR", "ES"):
        return "Baumé (°Bé)", 1 / 1.8
    return "Sugar (°Brix)", 1.0


def _weight(farm: _Farm, tonnes: float) -> float:
    """Fruit in the farm's unit: short tons in the US, tonnes elsewhere, to two places."""
    return round(tonnes * 1.10231 if farm.units.imperial else tonnes, 2)


def _volume(farm: _Farm, litres: float) -> tuple[str, float]:
    """A volume as the cellar writes it: US gallons in the US, litres elsewhere."""
    return ("gal", round(litres / 3.78541)) if farm.units.imperial else ("L", round(litres))


def _where(farm: _Farm) -> str:
    """Where the wine is grown as its label says: the wine region the persona names ("the Mosel", "Sonoma"), else
    the user's town."""
    p = farm.ctx.persona
    for noun in p.key_nouns:
        if " " not in noun and named_place(noun, p.text, p.country_code):
            the = f"the {noun.title()}" in p.text
            return f"{'the ' if the else ''}{noun.title()}"
    return farm.ctx.identity.city


def _wine(variety: str, vintage: int) -> str:
    return f"{variety} {vintage}"


def _vintage(farm: _Farm, vintage: int) -> tuple[list[str], dict[str, float]]:
    """The vintage's pick record, the picking crew's bill and the crush and ferment record: the ones already written,
    else new ones in this project; the paths written now and the litres of each wine."""
    led = farm.ctx.ledger
    for _path, facts in led.facts.items():
        if facts.get("crush_vintage") == str(vintage):
            return [], {k.split("|", 1)[1]: float(v) for k, v in facts.items() if k.startswith("litres|")}
    picks = _picks(farm, vintage)
    rng = _rng(farm, f"crush|{vintage}")
    scale, factor = _sugar(farm)
    unit = "tons" if farm.units.imperial else "t"
    rows: list[list[object]] = []
    for p in picks:
        rows.append([p.day, p.block.name, p.block.variety, "Machine" if p.machine else "Hand crew",
                     _weight(farm, p.tonnes), round(p.sugar * factor, 1), round(p.acid, 1), round(p.ph, 2),
                     _lot(p, vintage)])  # fmt: skip
    n = len(rows)
    done = picks[-1].day + timedelta(days=1)
    pick_record = farm.sheet(
        f"Pick record {vintage}",
        f"Pick record {vintage}",
        [
            SheetSpec(
                name="Picks",
                columns=_cols(
                    ("Date", "yyyy-mm-dd"),
                    ("Block", None),
                    ("Variety", None),
                    ("Picked by", None),
                    (f"Fruit ({unit})", "#,##0.00"),
                    (scale, "0.0"),
                    ("TA (g/L)", "0.0"),
                    ("pH", "0.00"),
                    ("Lot", None),
                ),
                rows=[*rows, ["Total", None, None, None, _sum("E", n), None, None, None, None]],
            )
        ],
        farm.when(done),
        purpose=f"Pick record for the {vintage} vintage: fruit, sugar, acid and pH by block and day",
        archetype="grape_pick_record",
    )
    led.facts[pick_record] = {
        "pick_vintage": str(vintage),
        "fruit": f"{sum(_weight(farm, p.tonnes) for p in picks):.2f}",
    }
    docs = [pick_record]
    # the picking crew: hand-picked fruit at a rate a tonne, billed after the last pick
    hand = [p for p in picks if not p.machine]
    if hand:
        rate = _price(farm, (190.0, 260.0), rng, 5)
        crew = _party(farm, r"picking|crew|labour", ("Picking crew contractor", ("Contracting", "Labour Hire")))
        per = unit[:-1] if unit == "tons" else unit
        items = [(f"Hand picking {p.day.isoformat()}, {p.block.name} ({p.block.variety})", _weight(farm, p.tonnes),
                  rate) for p in hand]  # fmt: skip
        paid = done + timedelta(days=rng.randint(2, 6))
        docs.append(_bill(farm, crew, paid, items, "Picking", pick_record, qty_head=f"Fruit ({unit})",
                          price_head=f"Rate per {per}"))  # fmt: skip
    # the crush: each pick its own lot, crushed the day it comes in; a wine is its variety's lots
    vol_unit, _ = _volume(farm, 0)
    crush_rows: list[list[object]] = []
    litres: dict[str, float] = {}
    last_dry = picks[-1].day
    for i, p in enumerate(picks):
        white = p.block.variety in _WHITE
        vol = p.tonnes * (rng.uniform(600, 680) if white else rng.uniform(640, 720))
        wine = _wine(p.block.variety, vintage)
        litres[wine] = litres.get(wine, 0.0) + round(vol)
        start = p.day + timedelta(days=1 if white else rng.randint(1, 3))
        dry = start + timedelta(days=rng.randint(9, 21) if white else rng.randint(7, 14))
        last_dry = max(last_dry, dry)
        vessel = f"Tank {i + 1}" if white or rng.random() < 0.5 else f"Barrels ({math.ceil(vol / 225)} x 225 L)"
        crush_rows.append([_lot(p, vintage), wine, p.block.name, p.day, _weight(farm, p.tonnes),
                           rng.choice(_YEASTS), start, dry, vessel, _volume(farm, round(vol))[1],
                           f"=J{i + 2}/E{i + 2}"])  # fmt: skip
    m = len(crush_rows)
    crush = farm.sheet(
        f"Crush and ferment record {vintage}",
        f"Crush and ferment record {vintage}",
        [
            SheetSpec(
                name="Lots",
                columns=_cols(
                    ("Lot", None),
                    ("Wine", None),
                    ("Block", None),
                    ("Crushed", "yyyy-mm-dd"),
                    (f"Fruit ({unit})", "#,##0.00"),
                    ("Yeast", None),
                    ("Ferment start", "yyyy-mm-dd"),
                    ("Dry", "yyyy-mm-dd"),
                    ("Vessel", None),
                    (f"Wine ({vol_unit})", "#,##0"),
                    (f"{vol_unit} per {unit[:-1] if unit == 'tons' else unit}", "#,##0"),
                ),
                rows=[
                    *crush_rows,
                    ["Total", None, None, None, _sum("E", m), None, None, None, None, _sum("J", m), None],
                ],
            )
        ],
        farm.when(last_dry + timedelta(days=1)),
        purpose=f"Crush and ferment record for the {vintage} vintage: fruit in, wine out, by lot",
        archetype="crush_record",
        sources=((pick_record, "derived_from", "crushes the picked fruit"),),
    )
    led.facts[crush] = {"crush_vintage": str(vintage), **{f"litres|{w}": f"{v:.0f}" for w, v in litres.items()}}
    docs.append(crush)
    return docs, litres


def _lot(p: _Pick, vintage: int) -> str:
    """A pick's lot in the winery: vintage, variety and block ("24-MAL-A")."""
    return f"{str(vintage)[2:]}-{slug(p.block.variety, '')[:3].upper()}-{p.block.name.split()[-1]}"


def _pick(farm: _Farm) -> list[str]:
    """The vintage the project picked: the pick record, the crew's bill and the crush record."""
    today = farm.ctx.now.date()
    by = min(farm.plan.end or today, today)
    vintage = _vintage_by(farm, by)
    docs, _litres = _vintage(farm, vintage)
    if not docs:  # the vintage was written by an earlier project: this one keeps the pickers' mail
        docs = [p for p, f in farm.ctx.ledger.facts.items() if f.get("pick_vintage") == str(vintage)]
    return docs


# ---------------------------------------------------------------------------------------------------------- bottling


def _case(farm: _Farm) -> int:
    """Bottles a carton holds: twelve in the Americas and Australasia, six in Europe."""
    return 12 if (farm.ctx.persona.country_code or "US") in ("US", "AU", "NZ", "ZA", "AR", "CL", "CA") else 6


def _bottling_day(farm: _Farm, vintage: int) -> date:
    """The vintage's bottling run: the next spring north, the southern spring of the vintage's own year south."""
    rng = _rng(farm, f"bottling|{vintage}")
    if _south(farm):
        return date(vintage, rng.choice((9, 10, 11)), rng.randint(2, 26))
    return date(vintage + 1, rng.choice((4, 5, 6)), rng.randint(2, 26))


def _bottled(farm: _Farm, vintage: int) -> tuple[list[str], dict[str, int]]:
    """The vintage's bottling record and the bottling supplier's bill: the ones already written, else new ones (with
    the vintage's crush record if it is not written yet); the paths written now and the bottles of each wine."""
    led = farm.ctx.ledger
    for _path, facts in led.facts.items():
        if facts.get("bottled_vintage") == str(vintage):
            return [], {k.split("|", 1)[1]: int(v) for k, v in facts.items() if k.startswith("bottles|")}
    docs, litres = _vintage(farm, vintage)
    crush = next(p for p, f in led.facts.items() if f.get("crush_vintage") == str(vintage))
    rng = _rng(farm, f"bottling|{vintage}|run")
    day = _bottling_day(farm, vintage)
    case = _case(farm)
    screw = farm.ctx.persona.country_code in ("AU", "NZ")
    closure = "Screwcap" if screw else "Natural cork"
    vol_unit, _ = _volume(farm, 0)
    rows: list[list[object]] = []
    bottles: dict[str, int] = {}
    for wine, vol in litres.items():
        cases = int(vol * rng.uniform(0.95, 0.98) / 0.75 // case)
        bottles[wine] = cases * case
        rows.append([wine, day, _volume(farm, cases * case * 0.75)[1], cases * case, cases, closure])
    rows = [[*r[:4], f"=D{i + 2}/{case}", r[5]] for i, r in enumerate(rows)]
    n = len(rows)
    record = farm.sheet(
        f"Bottling run {vintage}",
        f"Bottling run {vintage}",
        [
            SheetSpec(
                name="Bottling",
                columns=_cols(
                    ("Wine", None),
                    ("Bottled", "yyyy-mm-dd"),
                    (f"Wine bottled ({vol_unit})", "#,##0"),
                    ("Bottles (750 ml)", "#,##0"),
                    (f"Cases of {case}", "#,##0"),
                    ("Closure", None),
                ),
                rows=[*rows, ["Total", None, _sum("C", n), _sum("D", n), _sum("E", n), None]],
            )
        ],
        farm.when(day + timedelta(days=1)),
        purpose=f"Bottling run of the {vintage} vintage: bottles and cases of each wine",
        archetype="bottling_record",
        sources=((crush, "derived_from", "bottles the crush record's wine"),),
    )
    led.facts[record] = {"bottled_vintage": str(vintage), **{f"bottles|{w}": str(b) for w, b in bottles.items()}}
    total = sum(bottles.values())
    supplier = _party(farm, r"bottl|packag", ("Bottling supplier", ("Packaging", "Bottling Services")))
    items = [
        ("Glass bottles 750 ml, per 1,000", total / 1000, _price(farm, (420.0, 560.0), rng, 5)),
        (f"{closure}s, per 1,000", total / 1000,
         _price(farm, (70.0, 95.0) if screw else (160.0, 290.0), rng, 5)),
        ("Front and back labels, per 1,000 pairs", total / 1000, _price(farm, (70.0, 110.0), rng, 5)),
        (f"Cartons for {case} bottles", total // case, _price(farm, (0.9, 1.5), rng, 0.05)),
        (f"Mobile bottling line, vintage {vintage}, per 1,000 bottles", total / 1000,
         _price(farm, (150.0, 210.0), rng, 5)),
    ]  # fmt: skip
    docs += [record, _bill(farm, supplier, day, items, "Bottling", crush)]
    return docs, bottles


def _bottle(farm: _Farm) -> list[str]:
    """The bottling run the project saw through: last vintage's bottles, closures, labels and cartons."""
    today = farm.ctx.now.date()
    by = min(farm.plan.end or today, today - timedelta(days=2))
    vintage = _vintage_by(farm, by)
    while _bottling_day(farm, vintage) >= by:
        vintage -= 1
    docs, _b = _bottled(farm, vintage)
    return docs or [p for p, f in farm.ctx.ledger.facts.items() if f.get("bottled_vintage") == str(vintage)]


# ------------------------------------------------------------------------------------------------------------ sales


def _sales(farm: _Farm) -> list[str]:
    """The wine sold in the project's months: the cellar door by the bottle, the restaurant and the wine shop by the
    case; never more of a wine than was bottled less what earlier records sold; the invoices to the trade."""
    ctx, plan = farm.ctx, farm.plan
    today = ctx.now.date()
    end = min(plan.end or today, today - timedelta(days=1))
    vintage = _vintage_by(farm, end)
    while _bottling_day(farm, vintage) + timedelta(days=21) > end:
        vintage -= 1
    bottled_day = _bottling_day(farm, vintage)
    docs, bottles = _bottled(farm, vintage)
    docs = [d for d in docs if ctx.ledger.files[d].project_id == plan.pid]
    sold_before: dict[str, int] = {}
    for f in ctx.ledger.facts.values():
        for k, v in f.items():
            if k.startswith("sold|") and f.get("sold_vintage") == str(vintage):
                sold_before[k[5:]] = sold_before.get(k[5:], 0) + int(v)
    rng = _rng(farm, f"sales|{plan.pid}")
    case = _case(farm)
    budget = {w: int((b - sold_before.get(w, 0)) * rng.uniform(0.25, 0.45)) for w, b in bottles.items()}
    prices = {w: _price(farm, (12.0, 28.0), rng, 0.5) for w in bottles}
    lo, hi = max(plan.started, bottled_day + timedelta(days=7)), end
    if hi < lo + timedelta(days=21):
        lo, hi = bottled_day + timedelta(days=7), min(bottled_day + timedelta(days=110), end)
    restaurant = _party(farm, r"restaurant", ("Restaurant", ("Bistro", "Kitchen", "Restaurant")))
    shop = _party(farm, r"wine shop|merchant|bottle shop", ("Wine shop", ("Wines", "Wine Merchants", "Cellars")))
    sold: list[tuple[date, str, str, int | None, int, float]] = []  # day, customer, wine, cases, bottles, price
    left = dict(budget)
    day = lo + timedelta(days=(5 - lo.weekday()) % 7)  # the cellar door opens on Saturdays
    while day <= hi:
        for wine in bottles:
            n = min(rng.randint(4, 30), left[wine])
            if n > 0:
                sold.append((day, "Cellar door", wine, None, n, prices[wine]))
                left[wine] -= n
        for trade in (restaurant, shop):
            if rng.random() < 0.3:
                wine = rng.choice(list(bottles))
                cases = min(rng.randint(1, 5), left[wine] // case)
                if cases > 0:
                    trade_price = round(prices[wine] * 0.65, 2)
                    sold.append((day + timedelta(days=3), trade.org, wine, cases, cases * case, trade_price))
                    left[wine] -= cases * case
        day += timedelta(days=7)
    sold = [s for s in sold if s[0] <= hi]
    sold.sort(key=lambda s: (s[0], s[1], s[2]))
    rows: list[list[object]] = [[d, who, wine, cases, n, p, f"=E{i + 2}*F{i + 2}"]
                                for i, (d, who, wine, cases, n, p) in enumerate(sold)]  # fmt: skip
    n_rows = len(rows)
    n_bottles = sum(s[4] for s in sold)
    total = round(sum(s[4] * s[5] for s in sold), 2)
    invoices = [
        inv
        for trade in (restaurant, shop)
        if (mine := [s for s in sold if s[1] == trade.org]) and (inv := _trade_invoice(farm, trade, mine, case))
    ]
    by_wine: dict[str, int] = {}
    for s in sold:
        by_wine[s[2]] = by_wine.get(s[2], 0) + s[4]
    sales = farm.sheet(
        f"Wine sales record {vintage}" if plan.pid.startswith("r") else f"Sales record {plan.name}",
        f"Wine sales record {vintage}",
        [
            SheetSpec(
                name="Sales",
                columns=_cols(
                    ("Date", "yyyy-mm-dd"),
                    ("Customer", None),
                    ("Wine", None),
                    (f"Cases of {case}", "0"),
                    ("Bottles", "#,##0"),
                    (f"Price per bottle ({farm.currency})", "#,##0.00"),
                    (f"Amount ({farm.currency})", "#,##0.00"),
                ),
                rows=[*rows, ["Total", None, None, _sum("D", n_rows), _sum("E", n_rows), None, _sum("G", n_rows)]],
            ),
            SheetSpec(
                name="Stock",
                columns=_cols(
                    ("Wine", None),
                    ("Bottled", "#,##0"),
                    ("Sold earlier", "#,##0"),
                    ("Sold here", "#,##0"),
                    ("Left", "#,##0"),
                ),
                rows=[
                    [w, b, sold_before.get(w, 0), by_wine.get(w, 0), f"=B{i + 2}-C{i + 2}-D{i + 2}"]
                    for i, (w, b) in enumerate(bottles.items())
                ],
            ),
        ],
        farm.when(min(hi + timedelta(days=1), today - timedelta(days=1))),
        purpose="Wine sales record: bottles and cases by customer and wine, with the stock left of each wine",
        archetype="wine_sales_record",
        sources=(
            *(
                (p, "derived_from", "sells the bottling run's wine")
                for p, f in ctx.ledger.facts.items()
                if f.get("bottled_vintage") == str(vintage)
            ),
            *((inv, "references", "the trade's cases on the invoice") for inv in invoices),
        ),
    )
    ctx.ledger.facts[sales] = {
        "sold_vintage": str(vintage),
        "bottles": str(n_bottles),
        "total": farm.cash(total),
        **{f"sold|{w}": str(b) for w, b in by_wine.items()},
    }
    if sold:
        farm.book(hi, "Income", f"Wine, {n_bottles} bottles (cellar door and trade)", total, sales)
    return [*docs, sales, *invoices]


def _trade_invoice(farm: _Farm, trade: Person, rows: list[tuple[date, str, str, int | None, int, float]],
                   case: int) -> str:  # fmt: skip
    """The user's invoice to a restaurant or shop for the cases it took, and the mail with it."""
    ctx = farm.ctx
    day = rows[-1][0] + timedelta(days=1)
    total = round(sum(n * p for *_r, n, p in rows), 2)
    cases = sum(c or 0 for _d, _w, _x, c, _n, _p in rows)
    inv = farm.document(
        f"Invoice {trade.org} {day.isoformat()}",
        DocumentSpec(
            title=f"{ctx.identity.life_org} - invoice",
            subtitle=f"To {trade.org}, {day.isoformat()}",
            blocks=[
                Table(header=["Delivered", "Wine", f"Cases of {case}", "Bottles", "Price per bottle", "Amount"],
                      rows=[[d.isoformat(), w, str(c), str(n), farm.cash(p), farm.cash(round(n * p, 2))]
                            for d, _x, w, c, n, p in rows]),
                Paragraph(text=f"Total due: {farm.cash(total)}. Payment within 30 days."),
                Paragraph(text=f"Grown and bottled by {ctx.identity.life_org}, {_where(farm)}."),
            ],
        ),
        farm.when(day),
        purpose=f"The invoice to {trade.org} for the wine it took",
        archetype="invoice",
    )  # fmt: skip
    ctx.ledger.facts[inv] = {"cases": str(cases), "total_due": farm.cash(total)}
    user = ctx.user
    _thread(
        farm,
        trade,
        "Wine invoice",
        farm.when(day),
        [
            (user, f"Hi {trade.first},\n\nInvoice attached for the {cases} cases of the"
             f" {rows[0][2].split()[-1]} vintage since {rows[0][0].isoformat()}."
             f"\n\n{user.first}", inv),
            (trade, f"Thanks {user.first}, paid. The {rows[0][2]} is going well, more soon.\n\n{trade.first}", None),
        ],
    )  # fmt: skip
    return inv


# ------------------------------------------------------------------------------------------------------------ spray


def _spray_season(farm: _Farm, vintage: int) -> tuple[date, date]:
    """From budburst to the last spray before veraison: April to August north, October to January south."""
    if _south(farm):
        return date(vintage - 1, 10, 8), date(vintage, 1, 25)
    return date(vintage, 4, 20), date(vintage, 8, 10)


def _spray(farm: _Farm) -> list[str]:
    """The season's spray diary, with the block register it sprays, and the spray supplier's bill for what it used;
    no product goes on closer to the first pick than its withholding period."""
    ctx, plan = farm.ctx, farm.plan
    today = ctx.now.date()
    by = min(plan.end or today, today - timedelta(days=1))
    vintage = by.year + (1 if _south(farm) and by.month >= 9 else 0)
    while _spray_season(farm, vintage)[0] + timedelta(days=30) > by:
        vintage -= 1
    for path, facts in ctx.ledger.facts.items():
        if facts.get("spray_vintage") == str(vintage):  # the season's diary is kept once: this project reads it
            return [path]
    start, stop = _spray_season(farm, vintage)
    first_pick = _picks(farm, vintage)[0].day
    rng = _rng(farm, f"spray|{vintage}")
    blocks = vine_blocks(farm)
    register = _register(farm, start - timedelta(days=rng.randint(10, 30)))
    u = farm.units
    rate_unit = "lb/ac" if u.imperial else "kg/ha"
    used_unit = "lb" if u.imperial else "kg"
    per = 0.892 if u.imperial else 1.0  # kg/ha in lb/ac
    to_used = 2.20462 if u.imperial else 1.0
    rows: list[list[object]] = []
    used: dict[str, float] = {}
    day = start + timedelta(days=rng.randint(0, 6))
    end = min(stop, today - timedelta(days=1))
    k = 0
    last = day
    while day <= end:
        k += 1
        late = day > start + (stop - start) * 2 / 3
        pool = [s for s in _SPRAYS if day + timedelta(days=s[3]) < first_pick]
        options = [s for s in pool if (s[1] != "Botrytis" or late) and (s[1] != "Downy mildew" or not late)]
        products = [next(s for s in options if s[0].startswith("Wettable"))]
        extra = [s for s in options if not s[0].startswith("Wettable")]
        if extra and rng.random() < 0.7:
            products.append(rng.choice(extra))
        sprayed = [b for b in blocks if rng.random() < 0.9] or blocks[:1]
        area = round(sum(b.area for b in sprayed), 2)
        temp = rng.randint(12, 27)
        weather = (
            f"{rng.choice(_SKY)}, {round(temp * 9 / 5 + 32) if u.imperial else temp} °{'F' if u.imperial else 'C'}"
        )
        for s in products:
            rate = round(s[2] * per, 2)
            i = len(rows) + 2
            who = rng.choice((ctx.user.name, ctx.user.name, "Spray contractor"))
            rows.append([day, ", ".join(b.name.split()[-1] for b in sprayed), s[0], s[1], rate, area,
                         f"=E{i}*F{i}", s[3], day + timedelta(days=s[3]), weather, who])  # fmt: skip
            last = day
            used[s[0]] = used.get(s[0], 0.0) + rate * area
        day += timedelta(days=rng.randint(10, 16))
    if not rows:
        return [register] if ctx.ledger.files[register].project_id == plan.pid else []
    diary = farm.sheet(
        f"Spray diary {vintage}",
        f"Spray diary {vintage}",
        [
            SheetSpec(
                name="Sprays",
                columns=_cols(
                    ("Date", "yyyy-mm-dd"),
                    ("Blocks", None),
                    ("Product", None),
                    ("Target", None),
                    (f"Rate ({rate_unit})", "0.00"),
                    (f"Area sprayed ({u.area})", "#,##0.00"),
                    (f"Product used ({used_unit})", "#,##0.0"),
                    ("Withholding (days)", "0"),
                    ("Safe to pick from", "yyyy-mm-dd"),
                    ("Weather", None),
                    ("Operator", None),
                ),
                rows=rows,
            ),
            SheetSpec(
                name="Products used",
                columns=_cols(("Product", None), (f"Used ({used_unit})", "#,##0.0")),
                rows=[[p, round(q, 1)] for p, q in used.items()],
            ),
        ],
        farm.when(min(last + timedelta(days=1), today - timedelta(days=1))),
        purpose=f"Spray diary for the {vintage} season: product, rate, withholding period and weather by block",
        archetype="spray_diary",
        sources=((register, "references", "sprays the register's blocks"),),
    )
    ctx.ledger.facts[diary] = {"spray_vintage": str(vintage), "sprays": str(k), "first_pick": first_pick.isoformat()}
    packs = []
    for s in _SPRAYS:
        if s[0] in used:
            kg = used[s[0]] / to_used
            packs.append((f"{s[0]}, {s[4]:g} kg pack", float(math.ceil(kg / s[4])),
                          _price(farm, s[5], rng, 0.5)))  # fmt: skip
    supplier = _party(farm, r"spray|chemical|agri", ("Spray supplier", ("Agri Supplies", "Rural Supplies")))
    bill = _bill(farm, supplier, start - timedelta(days=rng.randint(2, 9)), packs, "Spray", register,
                 qty_head="Packs")  # fmt: skip
    docs = [diary, bill]
    if ctx.ledger.files[register].project_id == plan.pid:
        docs.insert(0, register)
    return docs


# ----------------------------------------------------------------------------------------------------------- replant


def _replant(farm: _Farm) -> list[str]:
    """The block register and the nursery's bill for the grafted vines, posts and wire that replant the oldest block;
    the mail with the nursery."""
    ctx, plan = farm.ctx, farm.plan
    today = ctx.now.date()
    day = plan.day_at(0.3, today) if plan.end else today - timedelta(days=1)
    register = _register(farm, day - timedelta(days=5))
    rng = _rng(farm, f"replant|{plan.pid}")
    old = min(vine_blocks(farm), key=lambda b: (b.planted, b.name))
    nursery = _party(farm, r"nursery|vine", ("Vine nursery", ("Vine Nursery", "Nurseries")))
    spare = math.ceil(old.vines * 0.03)
    items = [
        (f"Grafted vines, {old.variety} on {old.rootstock if old.rootstock != 'Own roots' else '1103 Paulsen'}",
         float(old.vines + spare), _price(farm, (2.2, 3.4), rng, 0.05)),
        ("Trellis posts, treated timber", float(old.rows * math.ceil(old.per_row / 8)),
         _price(farm, (4.5, 7.5), rng, 0.05)),
        ("Vine guards", float(old.vines + spare), _price(farm, (0.25, 0.45), rng, 0.01)),
    ]  # fmt: skip
    bill = _bill(farm, nursery, day, items, "Vines", register, qty_head="Qty")
    user = ctx.user
    _thread(
        farm,
        nursery,
        f"Vines for {old.name}",
        farm.when(day - timedelta(days=20)),
        [
            (user, f"Hi {nursery.first},\n\nWe are pulling out {old.name} ({old.variety}, planted {old.planted}):"
             f" {old.rows} rows of {old.per_row}. Could you graft {old.vines + spare} vines for next planting?"
             f"\n\n{user.first}", None),
            (nursery, f"Hi {user.first},\n\nYes, we can. The bill is attached with the posts and guards.\n\n"
             f"{nursery.first}", bill),
        ],
    )  # fmt: skip
    docs = [bill]
    if ctx.ledger.files[register].project_id == plan.pid:
        docs.insert(0, register)
    return docs


# ----------------------------------------------------------------------------------------------------------- papers


def _bill(
    farm: _Farm,
    supplier: Person,
    day: date,
    items: list[tuple[str, float, float]],
    what: str,
    source: str,
    *,
    qty_head: str = "Qty",
    price_head: str = "Unit price",
) -> str:
    """A supplier's bill for ``items`` (item, quantity, unit price), booked to the accounts, dated yesterday at the
    latest."""
    day = min(day, farm.ctx.now.date() - timedelta(days=1))
    return supplier_bill(
        farm, supplier, day, items, what, source,
        name=f"{what} bill {supplier.org} {day.isoformat()}",
        purpose=f"The supplier's bill: {what.lower()}",
        quantity=lambda q: f"{q:,.2f}".rstrip("0").rstrip("."),
        qty_head=qty_head, price_head=price_head,
        terms=["Payment within 30 days of the invoice date."],
    )  # fmt: skip


def _party(farm: _Farm, roles: str, make: tuple[str, tuple[str, ...]]) -> Person:
    """The one supplier or customer of a kind, the same in every project (:func:`~.core_farm.trade_party`)."""
    return trade_party(farm, roles, make, _rng(farm, f"party|{make[0]}"))

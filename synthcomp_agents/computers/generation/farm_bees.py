"""Stage 5 on a bee farm: a beekeeper's papers in the farm chain, never a herd register or a cattle sale account.

Colonies leave the hive inspection record (hive, date, queen seen, frames of brood, stores, temper, varroa count,
treatment) and the supplier's bill for the varroa treatment and foundation; the summer crop leaves the extraction
record (supers taken per hive, kg extracted, moisture) and the bill for the jars and labels; the sales leave the honey
sales record (jars by size, price, market or shop, totals) and the invoice to the shop. The jars sold never hold more
honey than the season's extraction: a sales record sells from what the extraction left after the earlier records.
"""

from __future__ import annotations

import math
import random
import re
from datetime import date, timedelta

from synthcomp_agents.office import BulletList, DocumentSpec, Paragraph, SheetSpec, Table

from .._content import Person
from .core_farm import _SOUTH, _cols, _counterpart, _Farm, _sum, _thread, supplier_bill, trade_party
from .farm_records import farm_price

__all__ = ["bee_kind", "build_bee_papers", "is_beekeeper"]

_BEES = re.compile(r"beekeep|\bhoney|apiar|apicult|\bhives?\b|\bimker|bee farm", re.I)
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cover", re.compile(r"insurance|\bcover\b|claim", re.I)),
    ("hives", re.compile(r"\bhives?\b|colon|varroa|swarm|queen|inspection|split|apiary|brood", re.I)),
)
_YARDS = ("Home", "Orchard", "Meadow", "Ridge", "Barn")
_TREATMENTS = ("Apivar strips", "Formic Pro strips", "Apiguard trays")
_TEMPER = ("Calm", "Calm", "Calm", "Nervy", "Defensive")
_STORES = ("Light", "Medium", "Medium", "Heavy")


def is_beekeeper(text: str) -> bool:
    """Whether a persona keeps bees ("A beekeeper in Vermont", "sells honey at the farmers' market")."""
    return bool(_BEES.search(text))


def bee_kind(words: str) -> str:
    """What a beekeeper's project is, by its name and focus: ``cover``, ``hives`` or ``honey``."""
    return next((kind for kind, rx in _KINDS if rx.search(words)), "honey")


def build_bee_papers(farm: _Farm, kind: str) -> list[str]:
    """The papers of one beekeeping project or standing record of ``kind``; their paths."""
    return {"cover": _cover, "hives": _hives, "honey": _honey}[kind](farm)


def _rng(farm: _Farm, what: str) -> random.Random:
    """A random source of the apiary's own, the same for every project that reads it (its hives, a season)."""
    return random.Random(f"{farm.ctx.seed}|{farm.ctx.persona.text}|apiary|{what}")


def _hives(farm: _Farm) -> list[str]:
    """The season's hive inspection record and the supplier's bill for the varroa treatment and foundation."""
    ctx, plan = farm.ctx, farm.plan
    today = ctx.now.date()
    year = _season_year(farm, _day(farm, 0.6), first=(4, 15))
    for path, facts in ctx.ledger.facts.items():
        if facts.get("inspection_year") == str(year):  # the season's record is kept once: this project reads it
            plan.documents = [path]
            return [path]
    rng = _rng(farm, f"inspections|{year}")
    hives = _apiary(farm)
    south = ctx.persona.country_code in _SOUTH
    start = _seasonal(year, (4, 15), south)
    rows: list[list[object]] = []
    treated: dict[str, tuple[date, str]] = {}
    brood = {h: rng.randint(3, 6) for h in hives}
    product = rng.choice(_TREATMENTS)
    day = start
    k = 0
    while day < min(today, start + timedelta(days=158)):
        k += 1
        late = (day - start).days > 105  # after the crop comes off: the mite count and the treatment
        for h in hives:
            brood[h] = max(1, min(10, brood[h] + rng.choice((-1, 0, 1, 1) if not late else (-2, -1, 0))))
            queen = rng.choices(("Yes", "No, eggs seen", "No, no eggs"), weights=(6, 3, 0.3))[0]
            count: object = None
            treat = ""
            if k % 3 == 0 or late:
                count = rng.randint(0, 3) if not late else rng.randint(1, 9)
                if late and count >= 3 and h not in treated:
                    treated[h] = (day, product)
                    treat = f"{product} in"
            rows.append([h, day, queen, brood[h], rng.choice(_STORES), rng.choice(_TEMPER), count, treat])
        day += timedelta(days=rng.randint(9, 14))
    made = farm.when(min(day, today - timedelta(days=1)))
    record = farm.sheet(
        f"Hive inspection record {year}",
        f"Hive inspection record {year}",
        [
            SheetSpec(
                name="Inspections",
                columns=_cols(
                    ("Hive", None),
                    ("Date", "yyyy-mm-dd"),
                    ("Queen seen", None),
                    ("Frames of brood", "0"),
                    ("Stores", None),
                    ("Temper", None),
                    ("Varroa (mites per 300 bees)", "0"),
                    ("Treatment", None),
                ),
                rows=rows,
            ),
            SheetSpec(
                name="Treated",
                columns=_cols(("Hive", None), ("Treated", "yyyy-mm-dd"), ("Product", None)),
                rows=[[h, d, p] for h, (d, p) in treated.items()],
            ),
        ],
        made,
        purpose="Hive inspection record: queen, brood, stores, temper, varroa count and treatment by hive and date",
        archetype="hive_inspection_record",
    )
    ctx.ledger.facts[record] = {
        "inspection_year": str(year),
        "hives": str(len(hives)),
        "inspections": str(len(rows)),
        "treated": str(len(treated)),
    }
    docs = [record]
    if treated:
        strips = 2 * len(treated)  # two strips a brood box
        packs = math.ceil(strips / 10)
        sheets = 10 * len(hives)  # a box of new comb a hive for next spring
        bill_day = min(treated.values())[0] - timedelta(days=rng.randint(3, 8))
        items = [
            (f"{product}, pack of 10", packs, farm_price((28.0, 36.0), rng, farm.currency)),
            ("Wired brood foundation, 10 sheets", sheets // 10, farm_price((14.0, 19.0), rng, farm.currency)),
        ]
        bill = _supplier_bill(farm, bill_day, items, "Varroa treatment and foundation", record)
        docs.append(bill)
    plan.documents = docs
    return docs


def _honey(farm: _Farm) -> list[str]:
    """A season's crop and its sale: the extraction record (written once a season), the bill for the jars and
    labels, the honey sales record and the invoice to the shop; the sales never exceed what was extracted."""
    ctx, plan = farm.ctx, farm.plan
    today = ctx.now.date()
    south = ctx.persona.country_code in _SOUTH
    end = min(plan.end or today, today - timedelta(days=1))
    words = f"{plan.name} {plan.focus}"
    # the Christmas fairs sell the year's crop from late November, when the project spans them (a spring project
    # for the fairs sells at the market meanwhile)
    xmas = end.year if date(end.year, 11, 25) <= end else end.year - 1
    fair = bool(re.search(r"christmas|fair", words, re.I)) and date(xmas, 11, 25) >= plan.started
    year = xmas if fair else _season_year(farm, end, first=(8, 20))
    extraction, extracted = _extraction(farm, year)
    sold_before = sum(
        float(f["honey_sold_kg"])
        for f in ctx.ledger.facts.values()
        if f.get("honey_year") == str(year) and "honey_sold_kg" in f
    )
    rng = _rng(farm, f"sales|{plan.pid}")
    left = extracted - sold_before
    budget = left * rng.uniform(0.35, 0.6)
    jars = _jars(farm)
    ext_day = _seasonal(year, (8, 20), south)
    lo, hi = max(plan.started, ext_day + timedelta(days=4)), end
    if fair:
        lo, hi = date(xmas, 11, 25), min(date(xmas, 12, 22), today - timedelta(days=1))
    elif hi < lo + timedelta(days=14):
        lo, hi = ext_day + timedelta(days=4), min(ext_day + timedelta(days=100), today - timedelta(days=1))
    market = "Christmas fair" if fair else "Farmers' market"
    shop = _party(farm, r"shop|store|deli|grocer", ("Farm shop", ("Farm Shop", "General Store")))
    # a jar's price by its size, from 7 to 10 euros a 500 g jar
    prices = {name: farm_price((7.0 * grams / 500, 10.0 * grams / 500), rng, farm.currency, step=0.5)
              for name, grams in jars}  # fmt: skip
    sold: list[tuple[date, str, str, int, float]] = []  # day, where, jar, jars, price per jar
    sold_kg = 0.0
    day = lo + timedelta(days=(5 - lo.weekday()) % 7)  # market day: Saturday
    shop_rows: list[tuple[date, str, int, float]] = []
    while day <= hi:
        for name, grams in jars:
            n = rng.randint(6, 30) if grams < 900 else rng.randint(0, 6)
            n = min(n, int((budget - sold_kg) * 1000 // grams))
            if n > 0:
                sold.append((day, market, name, n, prices[name]))
                sold_kg += n * grams / 1000
        if rng.random() < 0.25:  # a case of a dozen to the shop, at the trade price
            name, grams = jars[0]
            if sold_kg + 12 * grams / 1000 <= budget:
                trade = round(prices[name] * 0.7, 2)
                sold.append((day, shop.org, name, 12, trade))
                shop_rows.append((day, name, 12, trade))
                sold_kg += 12 * grams / 1000
        day += timedelta(days=7)
    rows: list[list[object]] = [[d, where, jar, n, p, f"=D{i + 2}*E{i + 2}"]
                                for i, (d, where, jar, n, p) in enumerate(sold)]  # fmt: skip
    n_jars = sum(r[3] for r in sold)
    total = round(sum(r[3] * r[4] for r in sold), 2)
    docs = (
        [extraction] if extraction in ctx.ledger.files and ctx.ledger.files[extraction].project_id == plan.pid else []
    )
    # the jars and labels bought before the first sale: whole cases, a label a jar
    need: dict[str, int] = {}
    for _d, _w, jar, n_jar, _p in sold:
        need[jar] = need.get(jar, 0) + n_jar
    if need:
        items = [(f"{name} with lid, case of 12", math.ceil(n / 12) + 1, farm_price((6.0, 9.0), rng, farm.currency))
                 for name, n in need.items()]  # fmt: skip
        labels = math.ceil(sum(need.values()) / 100) * 100
        items.append(("Printed honey labels, roll of 100", labels // 100, farm_price((9.0, 14.0), rng, farm.currency)))
        bought = max(lo - timedelta(days=rng.randint(3, 10)), ext_day + timedelta(days=2))
        docs.append(_supplier_bill(farm, bought, items, "Jars and labels", extraction))
    invoice = _shop_invoice(farm, shop, shop_rows) if shop_rows else None
    n = len(rows)
    sales = farm.sheet(
        f"Honey sales record {year}" if plan.pid.startswith("r") else f"Honey sales {plan.name}",
        f"Honey sales record {year}",
        [
            SheetSpec(
                name="Sales",
                columns=_cols(
                    ("Date", "yyyy-mm-dd"),
                    ("Where", None),
                    ("Jar", None),
                    ("Jars", "0"),
                    (f"Price per jar ({farm.currency})", "#,##0.00"),
                    (f"Amount ({farm.currency})", "#,##0.00"),
                ),
                rows=[*rows, ["Total", None, None, _sum("D", n), None, _sum("F", n)]],
            ),
            SheetSpec(
                name="Honey",
                columns=_cols(("", None), ("kg", "#,##0.0")),
                rows=[
                    [f"Extracted {year}", round(extracted, 1)],
                    ["Sold in earlier records", round(sold_before, 1)],
                    ["Sold in jars here", round(sold_kg, 1)],
                    ["Left in the buckets", round(extracted - sold_before - sold_kg, 1)],
                ],
            ),
        ],
        farm.when(min(hi + timedelta(days=1), today - timedelta(days=1))),
        purpose="Honey sales record: jars by size, price and where sold, with the kg sold against the extraction",
        archetype="honey_sales_record",
        sources=(
            (extraction, "derived_from", "sells from the season's extraction"),
            *(((invoice, "references", "the shop's jars on the invoice"),) if invoice else ()),
        ),
    )
    ctx.ledger.facts[sales] = {
        "honey_year": str(year),
        "honey_sold_kg": f"{sold_kg:.1f}",
        "jars": str(n_jars),
        "total": farm.cash(total),
    }
    docs.append(sales)
    if invoice:
        docs.append(invoice)
    if rows:
        farm.book(hi, "Income", f"Honey, {n_jars} jars ({market.lower()} and {shop.org})", total, sales)
    plan.documents = docs
    return docs


def _extraction(farm: _Farm, year: int) -> tuple[str, float]:
    """The season's extraction record (supers taken per hive, kg extracted, moisture): the one already written for
    ``year``, else a new one in this project; its path and the kg extracted."""
    led = farm.ctx.ledger
    for path, facts in led.facts.items():
        if facts.get("honey_year") == str(year) and "honey_extracted_kg" in facts:
            return path, float(facts["honey_extracted_kg"])
    rng = _rng(farm, f"extraction|{year}")
    south = farm.ctx.persona.country_code in _SOUTH
    days = [_seasonal(year, (7, 12), south), _seasonal(year, (8, 20), south)]
    rows: list[list[object]] = []
    total = 0.0
    supers_taken = 0
    for h in _apiary(farm):
        for d in days:
            supers = rng.choices((0, 1, 2, 3), weights=(2, 4, 3, 1))[0]
            if not supers:
                continue
            kg = round(supers * rng.uniform(9.0, 13.5), 1)
            total += kg
            supers_taken += supers
            rows.append([h, d, supers, kg, round(rng.uniform(16.4, 18.4), 1)])
    n = len(rows)
    path = farm.sheet(
        f"Honey extraction record {year}",
        f"Honey extraction record {year}",
        [
            SheetSpec(
                name="Extraction",
                columns=_cols(
                    ("Hive", None),
                    ("Extracted", "yyyy-mm-dd"),
                    ("Supers taken", "0"),
                    ("Honey extracted (kg)", "#,##0.0"),
                    ("Moisture (%)", "0.0"),
                ),
                rows=[*rows, ["Total", None, _sum("C", n), _sum("D", n), None]],
            )
        ],
        farm.when(days[-1] + timedelta(days=1)),
        purpose="Honey extraction record: supers taken, kg extracted and moisture by hive",
        archetype="honey_extraction_record",
    )
    led.facts[path] = {"honey_year": str(year), "honey_extracted_kg": f"{total:.1f}", "supers": str(supers_taken)}
    return path, round(total, 1)


def _cover(farm: _Farm) -> list[str]:
    """The market stall's public liability cover: the insurer's renewal schedule and the mail; the premium goes to
    the accounts."""
    ctx, plan = farm.ctx, farm.plan
    rng = _rng(farm, f"cover|{plan.pid}")
    insurer = _counterpart(ctx, plan, r"insur|broker", ("Insurance broker", ("Insurance", "Mutual")))
    day = _day(farm, 0.4)
    limit = farm_price((2_000_000.0, 2_000_000.0), rng, farm.currency, step=100_000)
    premium = farm_price((95.0, 180.0), rng, farm.currency, step=1)
    hives = len(_apiary(farm))
    schedule = farm.document(
        f"Renewal schedule {insurer.org} {day.isoformat()}",
        DocumentSpec(
            title=f"{insurer.org} - renewal schedule",
            subtitle=f"Insured: {ctx.identity.life_org}. Period from {day.isoformat()} for twelve months.",
            blocks=[
                Table(header=["Cover", "Limit or sum insured", "Premium"], rows=[
                    ["Public and products liability (market stall, honey sold)", farm.cash(limit), farm.cash(premium)],
                ]),
                BulletList(items=[f"Apiary: {hives} hives kept by the insured.",
                                  "Honey sold must carry a label with the producer's name and address."]),
                Paragraph(text=f"Premium due: {farm.cash(premium)}."),
            ],
        ),
        farm.when(day),
        purpose="The insurer's renewal schedule for the market stall's liability cover",
        archetype="insurance_schedule",
        author=insurer.name,
    )  # fmt: skip
    ctx.ledger.facts[schedule] = {"premium": farm.cash(premium)}
    farm.book(day, "Expenses", f"Market stall liability cover ({insurer.org})", premium, schedule)
    user = ctx.user
    _thread(
        farm,
        insurer,
        "Market stall cover renewal",
        farm.when(day - timedelta(days=6)),
        [
            (user, f"Hi {insurer.first},\n\nMy stall cover is up for renewal. Same as last year please: honey in"
             f" jars, {hives} hives.\n\n{user.first}", None),
            (insurer, f"Hi {user.first},\n\nRenewed, schedule attached: {farm.cash(premium)}.\n\n{insurer.first}",
             schedule),
        ],
    )  # fmt: skip
    plan.documents = [schedule]
    return [schedule]


def _supplier_bill(farm: _Farm, day: date, items: list[tuple[str, int, float]], what: str, source: str) -> str:
    """The beekeeping supplier's bill for ``items`` (item, quantity, unit price), booked to the accounts."""
    supplier = _party(farm, r"bee suppl|beekeeping", ("Beekeeping supplier", ("Bee Supply", "Bee Supplies")))
    return supplier_bill(
        farm, supplier, day, [(i, float(q), p) for i, q, p in items], what, source,
        name=f"{what.split()[0]} bill {supplier.org} {day.isoformat()}",  # "Varroa bill ...": the date fits the name
        purpose=f"The beekeeping supplier's bill: {what.lower()}",
        quantity=lambda q: str(int(q)),
    )  # fmt: skip


def _shop_invoice(farm: _Farm, shop: Person, rows: list[tuple[date, str, int, float]]) -> str:
    """The user's invoice to the shop for the cases it took, and the mail with it."""
    ctx = farm.ctx
    day = rows[-1][0] + timedelta(days=1)
    total = round(sum(n * p for _d, _j, n, p in rows), 2)
    inv = farm.document(
        f"Invoice {shop.org} {day.isoformat()}",
        DocumentSpec(
            title=f"{ctx.identity.life_org} - invoice",
            subtitle=f"To {shop.org}, {day.isoformat()}",
            blocks=[
                Table(header=["Delivered", "Jar", "Jars", "Price per jar", "Amount"],
                      rows=[[d.isoformat(), j, str(n), farm.cash(p), farm.cash(round(n * p, 2))]
                            for d, j, n, p in rows]),
                Paragraph(text=f"Total due: {farm.cash(total)}."),
            ],
        ),
        farm.when(day),
        purpose="The invoice to the shop for the honey it took",
        archetype="invoice",
    )  # fmt: skip
    ctx.ledger.facts[inv] = {"jars": str(sum(r[2] for r in rows)), "total_due": farm.cash(total)}
    user = ctx.user
    _thread(
        farm,
        shop,
        "Honey for the shop",
        farm.when(day),
        [
            (user, f"Hi {shop.first},\n\nInvoice attached for the {sum(r[2] for r in rows)} jars since"
             f" {rows[0][0].isoformat()}.\n\n{user.first}", inv),
            (shop, f"Thanks {user.first}, paid. They sell well.\n\n{shop.first}", None),
        ],
    )  # fmt: skip
    return inv


def _party(farm: _Farm, roles: str, make: tuple[str, tuple[str, ...]]) -> Person:
    """The one supplier or customer of a kind, the same in every project (:func:`~.core_farm.trade_party`)."""
    return trade_party(farm, roles, make, _rng(farm, f"party|{make[0]}"))


def _apiary(farm: _Farm) -> list[str]:
    """The user's hives, named by yard ("Home 1", "Orchard 2"), the same in every record."""
    rng = _rng(farm, "hives")
    yards = rng.sample(_YARDS, rng.randint(1, 3))
    return [f"{y} {i}" for y in yards for i in range(1, rng.randint(3, 8) + 1)]


def _seasonal(year: int, month_day: tuple[int, int], south: bool) -> date:
    """A day of the bee season (given for the north): six months on south of the equator."""
    m, d = month_day
    if south:
        m = (m + 5) % 12 + 1
        year -= 1 if m > 6 else 0
    return date(year, m, d)


def _season_year(farm: _Farm, by: date, first: tuple[int, int]) -> int:
    """The latest season whose day ``first`` is on or before ``by``."""
    south = farm.ctx.persona.country_code in _SOUTH
    year = by.year + (1 if south else 0)
    while _seasonal(year, first, south) > by:
        year -= 1
    return year


def _jars(farm: _Farm) -> list[tuple[str, int]]:
    """The jar sizes the user fills, name and grams: pounds in the US, grams elsewhere."""
    if farm.units.imperial:
        return [("1 lb jar", 454), ("8 oz jar", 227), ("2 lb jar", 907)]
    return [("500 g jar", 500), ("250 g jar", 250), ("1 kg jar", 1000)]


def _day(farm: _Farm, frac: float) -> date:
    """A day ``frac`` of the way through a project; a standing record's is yesterday."""
    today = farm.ctx.now.date()
    if farm.plan.end is None:
        return today - timedelta(days=1)
    return farm.plan.day_at(frac, today)

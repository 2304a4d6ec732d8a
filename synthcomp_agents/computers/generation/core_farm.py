"""Stage 5, a farm's work: the farm chain instead of an office's project pack or a sole trader's quote and invoice.

A farmer keeps no project brief, variance report or steering deck. A harvest leaves the field records, the yield
sheet and the elevator's settlement; planting leaves a crop plan and the seed order; a hail claim leaves the notice
of loss and the loss worksheet; a cattle sale leaves the herd register and the market's sale account; the winter's
hay leaves a feed budget and the hay bill; a machinery loan leaves the dealer's quote, the application and the
repayment schedule. Each project writes to the one counterpart it has (the buyer, the seed dealer, the insurer, the
market, the vet, the hay supplier, the lender), and the farm's accounts are kept once a year, not per project.

Every figure agrees across the chain: a field's loads on the settlement add up to its harvest on the yield sheet,
the seed order orders what the crop plan needs, the sale account sells the animals the register marks sold, and the
year's accounts repeat each settlement's, sale account's and bill's total.
"""

from __future__ import annotations

import math
import posixpath
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from synthcomp_agents.office import (
    Block,
    BulletList,
    ColumnSpec,
    DocumentSpec,
    Heading,
    Paragraph,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    write_docx,
    write_markdown,
    write_pdf,
    write_xlsx,
)

from ...personas import project_setting
from .._content import Person, ProjectDomain
from .._names import company_name, domain_for, person_name, slug
from ..archetypes import LocaleFormat, SimpleLocale, per_euro
from .context import GenerationContext
from .farm_records import (
    Animal,
    Crop,
    FarmField,
    FarmUnits,
    Load,
    crop_units,
    crops_for,
    farm_price,
    farm_units,
    livestock_for,
    make_animals,
    make_fields,
    make_loads,
)
from .ledger import Source
from .life import life_locale
from .plans import ProjectPlan
from .text import safe_name
from .threads import _file_mail as file_mail
from .threads import attachment_of, thread_message

__all__ = ["build_farm_accounts", "build_farm_project", "farm_kind", "is_farm"]

_OWN = frozenset({"self_employed", "small_business_owner"})
# an orchard's fruit is not a field crop or a herd: it keeps the chain it had (a beekeeper's hives and honey have
# their own papers in :mod:`farm_bees`, a vineyard's blocks, vintage and wine theirs in :mod:`farm_vines`)
_NOT_FIELDS = re.compile(r"orchard", re.I)
# what a farm project is, by its name and focus, first match wins
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("claim", re.compile(r"insurance|claim|hail|flood|drought", re.I)),
    ("loan", re.compile(r"\bloan|equipment|machinery|\btractor|\bcombine", re.I)),
    ("shearing", re.compile(r"shearing|shearers?\b|\bwool", re.I)),
    ("sale", re.compile(r"cattle|auction|lambs?\b|steers?|calves|weaners|store stock", re.I)),
    ("grazing", re.compile(r"pasture|grazing|\blease|\brent", re.I)),
    ("haymaking", re.compile(r"making hay|\bhay on\b|hay cutting|cutting hay|making silage", re.I)),
    ("feed", re.compile(r"\bhay\b|feed|silage|baleage|fodder|winter", re.I)),
    ("milk", re.compile(r"\bmilk", re.I)),
    ("births", re.compile(r"calving|lambing|kidding|farrowing", re.I)),
    ("herd", re.compile(r"herd|cows?\b|vet\b|flock|health|drench", re.I)),
    ("planting", re.compile(r"planting|sowing|seed|crop plan|drilling", re.I)),
    ("harvest", re.compile(r"harvest|yield|crop|grain|rice|paddy|wheat|corn|soy", re.I)),
)


def is_farm(ctx: GenerationContext) -> bool:
    """Whether the user runs a farm of fields, stock, bees or vines (a Kentucky farmer, a dairy farmer, a rice
    farmer, a beekeeper, a vintner): their own farm in the farm setting; an orchard keeps the chain it had."""
    from .farm_bees import is_beekeeper
    from .farm_vines import is_vineyard

    p = ctx.persona
    # a beekeeper the parser reads as an employee ("who sells honey at the farmers' market") still keeps hives
    own = p.life_stage in _OWN or (p.life_stage == "employee" and is_beekeeper(p.text))
    return (
        own
        and project_setting(p.family or "", p.text) in ("farm", "vineyard")
        and (is_vineyard(p.text) or not _NOT_FIELDS.search(" ".join([p.text, p.role or "", p.occupation or ""])))
    )


def farm_kind(plan: ProjectPlan) -> str:
    """The kind of farm work a project is (``claim``, ``loan``, ``sale``, ``feed``, ``milk``, ``herd``, ``planting``,
    ``harvest``): what documents it keeps."""
    words = f"{plan.name} {plan.focus}"
    return next((kind for kind, rx in _KINDS if rx.search(words)), "harvest")


@dataclass
class _Farm:
    """What one project's writers share: the context, the plan, the units and the money format."""

    ctx: GenerationContext
    plan: ProjectPlan
    units: FarmUnits
    money: LocaleFormat

    @property
    def currency(self) -> str:
        return self.ctx.identity.currency

    def cash(self, amount: float) -> str:
        return self.money.format_money(amount)

    def qty(self, amount: float) -> str:
        """A crop quantity as written: whole bushels, or tonnes to two places."""
        return f"{amount:,.0f}" if self.units.imperial else f"{amount:,.2f}"

    def area(self, amount: float) -> str:
        return f"{amount:,.0f}" if self.units.imperial else f"{amount:,.2f}"

    def weight(self, kg: float) -> int:
        """A weight in the farm's unit: pounds to the nearest 5, or whole kilograms."""
        return int(round(kg * 2.20462 / 5) * 5) if self.units.imperial else round(kg)

    def when(self, day: date, hour: int | None = None) -> datetime:
        return self.ctx.ledger.clock.at(day, hour)

    def data(self) -> str:
        return self.ctx.layout.sub(self.plan.folder, "data")

    def sheet(
        self,
        name: str,
        title: str,
        sheets: list[SheetSpec],
        made: datetime,
        *,
        purpose: str,
        archetype: str,
        folder: str | None = None,
        sources: tuple[Source, ...] = (),
        author: str | None = None,
    ) -> str:
        ctx = self.ctx
        who = author or ctx.me
        return ctx.ledger.add(
            f"{folder or self.data()}/{safe_name(name, 70)}.xlsx",
            write_xlsx(SpreadsheetSpec(sheets=sheets, properties=ctx.props(title, who, made, made, self.plan.name))),
            purpose=purpose,
            author=who,
            created=made,
            project_id=self.plan.pid,
            sources=sources,
            archetype=archetype,
        )

    def document(
        self,
        name: str,
        spec: DocumentSpec,
        made: datetime,
        *,
        purpose: str,
        archetype: str,
        pdf: bool = False,
        wide: bool = False,
        author: str | None = None,
        sources: tuple[Source, ...] = (),
    ) -> str:
        ctx = self.ctx
        who = author or ctx.me
        spec = spec.model_copy(update={"properties": ctx.props(spec.title, who, made, made, self.plan.name)})
        if pdf and not _winansi(spec.model_dump_json()):
            pdf = False  # a PDF's standard fonts cannot write "Dương" or "₫": the buyer's paper is a Word file
        # Letter or A4, turned for a wide table
        paper: tuple[float, float] = (612.0, 792.0) if self.units.imperial else (595.28, 841.89)
        if wide:
            paper = (paper[1], paper[0])
        data = write_pdf(spec, page_size=paper) if pdf else write_docx(spec)
        return ctx.ledger.add(
            f"{self.plan.folder}/{safe_name(name, 70)}.{'pdf' if pdf else 'docx'}",
            data,
            purpose=purpose,
            author=who,
            created=made,
            project_id=self.plan.pid,
            sources=sources,
            archetype=archetype,
        )

    def book(self, day: date, side: str, item: str, amount: float, source: str) -> None:
        """An entry for the year's farm accounts (``side``: ``Income`` or ``Expenses``)."""
        self.ctx.farm_books.append((day, side, item, self.coins(amount), source))

    def coins(self, amount: float) -> float:
        """An amount to the currency's smallest coin: cents, or whole yen and dong."""
        return round(amount, 0 if per_euro(self.currency) >= 100 else 2)


def _winansi(text: str) -> bool:
    """Whether a PDF's standard fonts can write ``text`` (Windows-1252)."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _sum(col: str, n: int) -> str:
    """The total of a column's ``n`` rows under its header, as the farmer's sheet keeps it: a formula."""
    return f"=SUM({col}2:{col}{n + 1})" if n else "=0"


def _cols(*headers: tuple[str, str | None]) -> list[ColumnSpec]:
    return [ColumnSpec(header=h, number_format=f) for h, f in headers]


def _counterpart(ctx: GenerationContext, plan: ProjectPlan, roles: str, make: tuple[str, tuple[str, ...]]) -> Person:
    """The one outside party of a project: the first of its people, then of the user's, whose role matches
    ``roles``; else a new one (``make``: role and the words of their firm's name: the insurer, the livestock market)
    added to the project's people."""
    rx = re.compile(roles, re.I)
    for i in [*plan.stake, *range(len(ctx.team.people))]:
        if rx.search(ctx.team.people[i].role):
            if i not in plan.stake:
                plan.stake.append(i)
            found: Person = ctx.team.people[i]
            return found
    ident = ctx.identity
    word = ctx.rng.choice(make[1])
    org = company_name(ctx.rng, ident.country, word, taken=ident.taken_orgs)
    for _retry in range(8):  # a market's name says it is one ("Granite Stockyards"), not "Larkspur & Co."
        if word in org:
            break
        org = company_name(ctx.rng, ident.country, word, taken=ident.taken_orgs)
    name = person_name(ctx.rng, ident.names_from or ident.country, ident.taken_people)
    first, last = name.split()[0], name.split()[-1]
    return Person(name, make[0], f"{slug(first)}.{slug(last)}@{domain_for(org, ident.country)}", org)


def _thread(
    farm: _Farm, who: Person, subject: str, start: datetime, messages: list[tuple[Person, str, str | None]]
) -> None:
    """Mail with ``who``: (sender, body, attached file or None), a few hours to two days apart, filed in the
    project's mail folder; the thread stops at now."""
    ctx, plan = farm.ctx, farm.plan
    rng, led, clock, user = ctx.rng, ctx.ledger, ctx.ledger.clock, ctx.user
    folder = ctx.layout.sub(plan.folder, "mail")
    ids: list[str] = []
    prev: str | None = None
    when = start
    for k, (sender, body, attached) in enumerate(messages):
        if k:
            when = when + timedelta(hours=rng.randint(3, 44))
        sent = clock.work(when)
        if attached:
            sent = max(sent, led.files[attached].modified + timedelta(minutes=rng.randint(10, 90)))
        if sent >= ctx.now:
            return
        mid = f"<{plan.pid}.{slug(subject, '')[:16]}.{k}@{user.email.split('@')[1]}>"
        spec = thread_message(
            sender=sender.address,
            to=[(who if sender is user else user).address],
            subject=subject,
            k=k,
            when=sent,
            body=body,
            attachments=[attachment_of(led, attached)] if attached else [],
            mid=mid,
            ids=ids,
        )
        srcs: tuple[Source, ...] = ((attached, "attachment_of", "attached"),) if attached else ()
        if prev is not None:
            srcs = (*srcs, (prev, "references", "reply in thread"))
        prev = file_mail(ctx, folder, spec, subject, reply=bool(k), author=sender.name, pid=plan.pid, sources=srcs)
        if attached:
            led.facts[prev] = {"attachment": attached, **{k2: str(v) for k2, v in led.facts.get(attached, {}).items()}}
        ids.append(mid)
        when = sent


# ---------------------------------------------------------------------------------------------------------- crops


def _growing_days(crop: Crop) -> tuple[int, int]:
    """Days from planting to harvest: rice three months, winter wheat most of a year, the rest four to five."""
    if crop.name == "Rice":
        return (92, 110)
    if "wheat" in crop.name.casefold():
        return (265, 300)
    return (120, 160)


def _harvest_months(farm: _Farm, crop: Crop) -> tuple[int, ...]:
    """The months a crop is cut: rice in any month of the delta's three crops (Japan's in autumn), the southern
    hemisphere's grain in late summer, the north's wheat and barley in June and July, the rest in autumn."""
    if crop.name == "Rice" and farm.ctx.persona.country_code != "JP":
        return tuple(range(1, 13))
    if farm.ctx.persona.country_code in _SOUTH:
        return (1, 2, 3, 4)
    if "wheat" in crop.name.casefold() or "barley" in crop.name.casefold():
        return (6, 7)
    return (9, 10, 11)


def _last_in(months: tuple[int, ...], day: date) -> date:
    """The latest day on or before ``day`` in one of ``months``."""
    d = day
    while d.month not in months:
        d = d.replace(day=1) - timedelta(days=1)
    return d


def _fields_sheet(farm: _Farm, fields: list[FarmField]) -> SheetSpec:
    u = farm.units
    seed_unit = {f.crop.seed_unit for f in fields}
    rows: list[list[object]] = [
        [
            f.name,
            f.area,
            f.crop.name,
            f.variety,
            f.planted.isoformat(),
            f.crop.seed_rate,
            f.crop.seed_unit,
            f.nitrogen,
        ]
        for f in fields
    ]
    rows.append(["Total", _sum("B", len(fields)), "", "", "", None, "", None])
    return SheetSpec(
        name="Fields",
        columns=_cols(
            ("Field", None),
            (f"Area ({u.area})", "#,##0.00"),
            ("Crop", None),
            ("Variety", None),
            ("Planted", "yyyy-mm-dd"),
            (f"Seed rate per {u.area}", "#,##0.0#"),
            ("Seed unit" if len(seed_unit) > 1 else f"Seed unit ({next(iter(seed_unit))})", None),
            (f"Nitrogen ({'lb' if u.imperial else 'kg'} N/{u.area})", "0"),
        ),
        rows=rows,
    )


def _field_records(farm: _Farm, fields: list[FarmField], made: datetime, year: int) -> str:
    path = farm.sheet(
        f"Field records {year}",
        f"Field records {year}",
        [_fields_sheet(farm, fields)],
        made,
        purpose="Field records: crop, variety, area, planting day and inputs by field",
        archetype="field_records",
    )
    farm.ctx.ledger.facts[path] = {
        "fields": ", ".join(f.name for f in fields),
        "total_area": farm.area(sum(f.area for f in fields)),
        "area_unit": farm.units.area,
    }
    return path


def _harvest(farm: _Farm) -> None:
    """A harvest logged field by field: field records, the yield sheet, the buyer's settlement of the loads, and the
    mail with the buyer about it; the settlement's value goes to the year's accounts."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    crops = _crops(ctx)
    sold = [c for c in crops if c.price_eur[1] > 0] or list(crops)
    # the crop the project names, else the farm's first; a graded crop (tobacco, cotton) has its own season and sale
    words = f"{plan.name} {plan.focus}".casefold()
    lead = next((c for c in sold if c.words and re.search(c.words, words)), sold[0])
    if lead.sale is not None:
        _graded_harvest(farm, lead)
        return
    sold = [c for c in sold if c.sale is None] or sold
    logged = plan.day_at(0.4, today)
    # each crop is cut in its own months (wheat in July, corn in October), its fields a few days apart, each planted
    # its growing days before
    last = {c.name: _last_in(_harvest_months(farm, c), logged) for c in sold}
    fields: list[FarmField] = []
    harvest: list[tuple[FarmField, float, date]] = []
    drawn = make_fields(rng, farm.units, tuple(sold), rng.randint(4, 6))
    for f in sorted(drawn, key=lambda f: (last[f.crop.name], f.crop.name)):
        done = last[f.crop.name] - timedelta(days=3 * sum(g.crop is f.crop for g in drawn[drawn.index(f) + 1 :]))
        lo, hi = _growing_days(f.crop)
        f = FarmField(f.name, f.area, f.crop, f.variety, done - timedelta(days=rng.randint(lo, hi)), f.nitrogen)
        fields.append(f)
        harvest.append((f, round(f.area * rng.uniform(*f.crop.yield_range), 0 if farm.units.imperial else 2), done))
    cut = max(d for _f, _t, d in harvest)
    started = min(d for _f, _t, d in harvest)
    records = _field_records(farm, fields, farm.when(min(plan.day_at(0.05, today), started)), cut.year)
    loads = make_loads(rng, farm.units, harvest, rng.randint(10000, 90000))
    # the yield sheet's moisture is the field's loads' average, weighted by their gross
    moisture = {
        f.name: round(sum(ld.moisture * ld.gross for ld in loads if ld.field is f) / total, 1)
        for f, total, _d in harvest
    }
    u = farm.units
    rows: list[list[object]] = [
        [f.name, f.crop.name, f.area, total, round(total / f.area, 1 if u.imperial else 2), moisture[f.name],
         done.isoformat()]
        for f, total, done in harvest
    ]  # fmt: skip
    grand = round(sum(t for _f, t, _d in harvest), 2)
    rows.append(["Total", "", _sum("C", len(fields)), _sum("D", len(fields)), None, None, ""])
    wb = farm.sheet(
        f"Harvest {cut.year}",
        f"Harvest {cut.year} - yields by field",
        [
            SheetSpec(
                name="Yields",
                columns=_cols(
                    ("Field", None),
                    ("Crop", None),
                    (f"Area ({u.area})", "#,##0.00"),
                    (f"Harvested ({u.crop})", "#,##0.0#"),
                    (f"Yield ({u.yield_unit})", "#,##0.0#"),
                    ("Moisture at harvest %", "0.0"),
                    ("Finished", "yyyy-mm-dd"),
                ),
                rows=rows,
            )
        ],
        farm.when(cut + timedelta(days=2)),
        purpose="Harvest yield sheet: bushels or tonnes and yield by field",
        archetype="harvest_record",
        sources=((records, "derived_from", "the fields and areas of the field records"),),
    )
    ctx.ledger.facts[wb] = {"harvest_total": farm.qty(grand), "crop_unit": u.crop}
    buyer = _counterpart(ctx, plan, r"grain buyer|co-?op|miller|elevator", ("Grain buyer", ("Grain", "Co-op")))
    price = {c.name: farm_price(c.price_eur, rng, farm.currency) for c in sold}
    settle = _settlement(farm, buyer, loads, price, farm.when(cut + timedelta(days=rng.randint(6, 12))), wb)
    value = round(sum(farm.coins(ld.net * price[ld.field.crop.name]) for ld in loads), 2)
    farm.book(ctx.ledger.files[settle].created.date(), "Income", f"{'/'.join(price)} sold to {buyer.org}", value,
              settle)  # fmt: skip
    user = ctx.user
    first = fields[0]
    _thread(
        farm,
        buyer,
        f"{cut.year} harvest deliveries",
        farm.when(started - timedelta(days=6)),
        [
            (user, f"Hi {buyer.first},\n\nWe start on the {first.crop.name.lower()} on {first.name} this week;"
             f" {sum(ld.field is first for ld in loads)} loads or so off that field, the rest of the crop as"
             f" it comes. Same contract price as agreed?\n\n"
             f"{user.first}", None),
            (buyer, f"Hi {user.first},\n\nYes, {farm.cash(price[first.crop.name])} per {u.crop} on the contract."
             f" Ring the scale house before the first load.\n\n{buyer.first}", None),
            (buyer, f"{user.first},\n\nSettlement for your deliveries attached: {len(loads)} tickets,"
             f" {farm.qty(sum(ld.gross for ld in loads))} {u.crop} gross, {farm.cash(value)} after moisture shrink."
             f" Payment goes out on Friday.\n\n{buyer.first}", settle),
            (user, f"Thanks {buyer.first}. {farm.qty(grand)} {u.crop} gross is what my yield sheet has too,"
             f" field by field. All squared up.\n\n{user.first}", None),
        ],
    )  # fmt: skip
    plan.documents = [records, wb, settle]


def _crops(ctx: GenerationContext) -> tuple[Crop, ...]:
    """What the user's farm grows: the crops the persona names, then its state's or country's (a Kentucky farm's
    corn, soybeans, burley tobacco and wheat)."""
    return crops_for(ctx.persona.text, ctx.persona.country_code, ctx.persona.region)


def _months(first: int, last: int) -> tuple[int, ...]:
    """The months from ``first`` to ``last``, over the new year when ``last`` is earlier (11, 1: Nov, Dec, Jan)."""
    span = (last - first) % 12
    return tuple((first - 1 + k) % 12 + 1 for k in range(span + 1))


def _first_in(months: tuple[int, ...], day: date) -> date:
    """The earliest day on or after ``day`` in one of ``months``."""
    d = day
    while d.month not in months:
        d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return d


def _season_days(rng: random.Random, crop: Crop, cut: date, sold: date) -> list[date]:
    """A field's day for each stage of ``crop``'s calendar before the sale: the stages before the cut walked back
    from it (topped three to five weeks before, set out about two months before that, the float beds seeded some
    eight weeks before setting), the ones after walked on from it (cured, then stripped), each in its own months."""
    stages = [st for st in crop.calendar if st[0] != "sold"]
    at = next(i for i, st in enumerate(stages) if st is crop.stage("cut", "primed", "reaped", "picked"))
    days: list[date | None] = [None] * len(stages)
    days[at] = cut
    for i in range(at - 1, -1, -1):
        later = days[i + 1]
        assert later is not None
        aim = later - timedelta(days=rng.randint(24, 58))
        day = _last_in(_months(stages[i][1], stages[i][2]), aim)
        if day != aim:  # pushed back to the stage's last month: a day of it, not every field on its last day
            day = day.replace(day=rng.randint(max(1, day.day - 20), day.day))
        days[i] = day
    for i in range(at + 1, len(stages)):
        earlier = days[i - 1]
        assert earlier is not None
        aim = earlier + timedelta(days=rng.randint(18, 45))
        day = _first_in(_months(stages[i][1], stages[i][2]), aim)
        if day != aim:  # moved on to the stage's first month: a day early in it
            day = day.replace(day=rng.randint(1, 20))
        days[i] = min(day, sold - timedelta(days=rng.randint(2, 6)))
    return [d for d in days if d is not None]


def _graded_harvest(farm: _Farm, crop: Crop) -> None:
    """A graded crop's season, tobacco's: the field records (set out, not sown), the season record (each field's
    days from the float beds to stripping, the stripped weight and the yield in pounds an acre), the buyer's sale
    statement of the bales by grade and price per pound, and the mail with the buyer booking the delivery; the sale
    goes to the year's accounts. It is cut in late summer, cured in the barn and sold in the winter after."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    assert crop.sale is not None
    sale = crop.sale
    u = crop_units(farm.units, crop)
    whole = u.imperial or crop.unit == "kg"
    logged = plan.day_at(0.4, today)
    cut_stage = crop.stage("cut", "primed", "reaped", "picked")
    cut_months = _months(cut_stage[1], cut_stage[2]) if cut_stage else (8, 9)
    # the crop cut in the project's time, sold in the sale months after its cure; one still in the barn is unsold
    cut_by = _last_in(cut_months, logged)
    sold = _first_in(sale.months, cut_by + timedelta(days=rng.randint(*sale.cure)))
    if sold > today - timedelta(days=3):
        sold = today + timedelta(days=1)
    drawn = make_fields(rng, u, (crop,), rng.randint(2, 4))
    fields: list[FarmField] = []
    season: list[tuple[FarmField, list[date], float]] = []
    stages = [st for st in crop.calendar if st[0] != "sold"]
    set_at = next((i for i, st in enumerate(stages) if re.search(r"set|transplant|planted", st[0])), 0)
    for k, f in enumerate(drawn):
        cut = _last_in(cut_months, cut_by - timedelta(days=4 * (len(drawn) - 1 - k)))
        days = _season_days(rng, crop, cut, sold)
        f = FarmField(f.name, f.area, f.crop, f.variety, days[set_at], f.nitrogen)
        stripped = round(f.area * rng.uniform(*crop.yield_range), 0 if whole else 2)
        fields.append(f)
        season.append((f, days, stripped))
    records = _field_records(farm, fields, farm.when(min(plan.day_at(0.05, today), fields[0].planted)), cut_by.year)
    last_day = min(max(max(days) for _f, days, _w in season), today - timedelta(days=1))
    done = sold <= today  # stripped and sold; else the stages still to come are blank and there is no weight
    rows: list[list[object]] = [
        [f.name, f.variety, f.area, *(d.isoformat() if d <= today else "" for d in days),
         w if done else None, round(w / f.area, 0 if whole else 2) if done else None]
        for f, days, w in season
    ]  # fmt: skip
    n = len(season)
    end = chr(ord("D") + len(stages))  # the stripped weight's column
    rows.append(["Total", "", _sum("C", n), *([""] * len(stages)), _sum(end, n), None])
    grand = round(sum(w for _f, _d, w in season), 2)
    wb = farm.sheet(
        f"{crop.name} {cut_by.year} season",
        f"{crop.name} {cut_by.year} - season record by field",
        [
            SheetSpec(
                name="Season",
                columns=_cols(
                    ("Field", None),
                    ("Variety", None),
                    (f"Area ({u.area})", "#,##0.0#"),
                    *((cap_first(st[0]), "yyyy-mm-dd") for st in stages),
                    (f"Stripped weight ({u.crop})" if "strip" in " ".join(s[0] for s in stages)
                     else f"Weight ({u.crop})", "#,##0"),
                    (f"Yield ({u.yield_unit})", "#,##0"),
                ),
                rows=rows,
            ),
            SheetSpec(
                name="Calendar",
                columns=_cols(("Stage", None), ("Months", None)),
                rows=[[cap_first(w), _month_span(a, b)] for w, a, b in crop.calendar],
            ),
        ],
        farm.when(last_day + timedelta(days=1)),
        purpose=f"{crop.name} season record: float beds to stripping, weight and yield by field",
        archetype="harvest_record",
        sources=((records, "derived_from", "the fields and areas of the field records"),),
    )  # fmt: skip
    ctx.ledger.facts[wb] = {"harvest_total": f"{grand:,.0f}" if done else "", "crop_unit": u.crop, "crop": crop.name}
    if not done:
        plan.documents = [records, wb]
        return
    role, names = sale.buyer
    buyer = _counterpart(ctx, plan, r"leaf|tobacco|cotton|merchant|buying station", (role, names))
    top = farm_price(crop.price_eur, rng, farm.currency)
    # each field's leaf splits over the grades the buyer gave it, the best grades most
    by_grade: dict[str, float] = {}
    for _f, _d, w in season:
        picked = sale.grades[: rng.randint(3, len(sale.grades))]
        shares = [rng.uniform(0.5, 1.0) * (len(picked) - i) for i in range(len(picked))]
        left = w
        for i, (g, _factor) in enumerate(picked):
            part = left if i == len(picked) - 1 else round(w * shares[i] / sum(shares), 0 if whole else 2)
            by_grade[g] = round(by_grade.get(g, 0.0) + part, 2)
            left = round(left - part, 2)
    factors = dict(sale.grades)
    lines = []
    value = 0.0
    bales_total = 0
    for g, w in by_grade.items():
        price = farm.coins(top * factors[g])
        bales = max(1, math.ceil(w / rng.uniform(*sale.bale)))
        amount = farm.coins(w * price)
        value += amount
        bales_total += bales
        lines.append([g, str(bales), f"{w:,.0f}", farm.cash(price), farm.cash(amount)])
    value = round(value, 2)
    made = farm.when(sold)
    statement = farm.document(
        f"Sale statement {buyer.org} {sold.isoformat()}",
        DocumentSpec(
            title=f"{buyer.org} - {crop.name.lower()} sale statement",
            subtitle=f"Grower: {ctx.identity.life_org}. Sold {sold.isoformat()}.",
            blocks=[
                Table(header=["Grade", sale.by.capitalize(), f"Net weight ({u.crop})", f"Price per {u.crop}",
                              "Value"], rows=lines),
                Paragraph(text=f"Total: {bales_total} {sale.by}, {grand:,.0f} {u.crop} net."),
                Paragraph(text=f"Amount paid: {farm.cash(value)}. Payment by transfer to the account on file."),
            ],
        ),
        made,
        purpose=f"The buyer's statement of the {crop.name.lower()} sold, by grade",
        archetype="grain_settlement",
        pdf=True,
        author=buyer.name,
        sources=((wb, "references", "the stripped weight of the season record"),),
    )  # fmt: skip
    ctx.ledger.facts[statement] = {"delivered_gross": f"{grand:,.0f}", "amount_paid": farm.cash(value)}
    farm.book(sold, "Income", f"{crop.name} sold to {buyer.org}", value, statement)
    user = ctx.user
    leaf = crop.name.lower()
    _thread(
        farm,
        buyer,
        f"{leaf.capitalize()} delivery {cut_by.year} crop",
        farm.when(last_day - timedelta(days=rng.randint(3, 8))),
        [
            (user, f"Hi {buyer.first},\n\nThe {leaf} is {'stripped and ' if 'strip' in words_of(crop) else ''}"
             f"nearly all baled: about {bales_total} {sale.by} off {len(fields)} fields, {grand:,.0f} {u.crop} on"
             f" my scale. Can I have a delivery day at the receiving station?\n\n{user.first}", None),
            (buyer, f"Hi {user.first},\n\nYou are booked for {sold.strftime('%A %d %B')}. The contract pays"
             f" {farm.cash(top)} per {u.crop} for {sale.grades[0][0]}, less for the lower grades as usual."
             f"\n\n{buyer.first}", None),
            (buyer, f"{user.first},\n\nSale statement attached: {bales_total} {sale.by}, {grand:,.0f} {u.crop}"
             f" net, {farm.cash(value)}. Payment goes out on Friday.\n\n{buyer.first}", statement),
            (user, f"Thanks {buyer.first}. {grand:,.0f} {u.crop} is what I weighed at the barn too.\n\n"
             f"{user.first}", None),
        ],
    )  # fmt: skip
    plan.documents = [records, wb, statement]


def words_of(crop: Crop) -> str:
    """The crop's calendar stages in one string ("seeded in the float beds set out topped ...")."""
    return " ".join(st[0] for st in crop.calendar)


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _month_span(first: int, last: int) -> str:
    """ "March - April", or "May" for one month."""
    names = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")  # fmt: skip
    return names[first - 1] if first == last else f"{names[first - 1]} - {names[last - 1]}"


def _calendar_sheet(crops: Sequence[Crop], season: int, country: str | None) -> list[SheetSpec]:
    """The season's calendar crop by crop (burley: float beds seeded in March - April, set out in May - June, ...,
    sold in December - February), as a crop plan's second tab; none for crops without one (or south of the
    equator, where the calendar's months do not hold)."""
    rows: list[list[object]] = [[c.name, cap_first(w), _month_span(a, b)] for c in crops for w, a, b in c.calendar]
    if not rows or (country in _SOUTH):
        return []
    return [SheetSpec(name=f"Calendar {season}", columns=_cols(("Crop", None), ("Stage", None), ("Months", None)),
                      rows=rows)]  # fmt: skip


def _settlement(farm: _Farm, buyer: Person, loads: list[Load], price: dict[str, float], made: datetime, wb: str) -> str:
    """The buyer's settlement of the loads (a PDF from them): each scale ticket's gross, moisture, shrink, net, price
    and value, and the totals."""
    u = farm.units
    rows = [
        [ld.ticket, ld.day.isoformat(), ld.field.name, ld.field.crop.name, farm.qty(ld.gross), f"{ld.moisture:.1f}",
         f"{ld.shrink:.1f}", farm.qty(ld.net), farm.cash(price[ld.field.crop.name]),
         farm.cash(farm.coins(ld.net * price[ld.field.crop.name]))]
        for ld in loads
    ]  # fmt: skip
    gross = round(sum(ld.gross for ld in loads), 3)
    value = round(sum(farm.coins(ld.net * price[ld.field.crop.name]) for ld in loads), 2)
    spec = DocumentSpec(
        title=f"{buyer.org} - {'paddy' if loads[0].field.crop.name == 'Rice' else 'grain'} settlement",
        subtitle=f"Seller: {farm.ctx.identity.life_org}. Settled {made.date().isoformat()}.",
        blocks=[
            Table(
                header=["Ticket", "Date", "Field", "Commodity", f"Gross ({u.crop})", "Moisture %", "Shrink %",
                        f"Net ({u.crop})", f"Price per {u.crop}", "Value"],
                rows=rows,
            ),
            Paragraph(text=f"Total delivered: {farm.qty(gross)} {u.crop} gross,"
                      f" {farm.qty(sum(ld.net for ld in loads))} {u.crop} net."),
            Paragraph(text=f"Amount paid: {farm.cash(value)}. Payment by transfer to the account on file."),
        ],
    )  # fmt: skip
    path = farm.document(
        f"Settlement {buyer.org} {made.date().isoformat()}",
        spec,
        made,
        purpose="The buyer's settlement of the harvest loads",
        archetype="grain_settlement",
        pdf=True,
        wide=True,
        author=buyer.name,
        sources=((wb, "references", "the loads of the yield sheet's fields"),),
    )
    farm.ctx.ledger.facts[path] = {"delivered_gross": farm.qty(gross), "amount_paid": farm.cash(value)}
    return path


def _planting(farm: _Farm) -> None:
    """Next season planned field by field: the crop plan with each field's seed, the seed dealer's order for
    exactly that seed, and the mail with the dealer; the order's total goes to the accounts."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    crops = _crops(ctx)
    written = plan.day_at(0.1, today)
    # the next crop: next year's after the summer (a rice delta's winter-spring crop after October)
    season = written.year + (1 if written.month >= (10 if crops[0].name == "Rice" else 7) else 0)
    fields = make_fields(rng, farm.units, crops, rng.randint(4, 6))
    u = farm.units
    seed_price = {c.name: farm_price((c.seed_price_eur * 0.95, c.seed_price_eur * 1.05), rng, farm.currency)
                  for c in crops}  # fmt: skip
    # last year's crop in the rotation: the next grain crop on a grain field; a tobacco patch follows hay or grass
    grains = [c for c in crops if c.area is None] or list(crops)
    last = {
        f.name: grains[(k + 1) % len(grains)].name if f.crop.area is None else ("Hay" if u.imperial else "Grass")
        for k, f in enumerate(fields)
    }
    rows: list[list[object]] = [
        [f.name, f.area, last[f.name], f.crop.name, f.variety, f.crop.seed_rate, f.seed, f.crop.seed_unit,
         round(f.seed * seed_price[f.crop.name], 2)]
        for f in fields
    ]  # fmt: skip
    rows.append(["Total", _sum("B", len(fields)), "", "", "", None, None, "", _sum("I", len(fields))])
    cplan = farm.sheet(
        f"Crop plan {season}",
        f"Crop plan {season}",
        [
            SheetSpec(
                name="Crop plan",
                columns=_cols(
                    ("Field", None),
                    (f"Area ({u.area})", "#,##0.00"),
                    (f"Crop {season - 1}", None),
                    (f"Crop {season}", None),
                    ("Variety", None),
                    (f"Seed rate per {u.area}", "#,##0.0#"),
                    ("Seed needed", "#,##0"),
                    ("Seed unit", None),
                    (f"Seed cost ({farm.currency})", "#,##0.00"),
                ),
                rows=rows,
            ),
            *_calendar_sheet(crops, season, ctx.persona.country_code),
        ],
        farm.when(written),
        purpose=f"Crop plan for {season}: crop, variety and seed by field",
        archetype="planting_plan",
    )
    dealer = _counterpart(ctx, plan, r"seed|agronom", ("Seed dealer", ("Seeds", "Agri Supply")))
    by_variety: dict[tuple[str, str, str], float] = {}
    for f in fields:
        key = (f.crop.name, f.variety, f.crop.seed_unit)
        by_variety[key] = by_variety.get(key, 0.0) + f.seed
    lines = [
        [crop, variety, f"{qty:,.0f}", unit, farm.cash(seed_price[crop]), farm.cash(round(qty * seed_price[crop], 2))]
        for (crop, variety, unit), qty in sorted(by_variety.items())
    ]
    total = round(sum(qty * seed_price[crop] for (crop, _v, _u), qty in by_variety.items()), 2)
    made = farm.when(plan.day_at(0.35, today))
    order = farm.document(
        f"Seed order {season} {dealer.org}",
        DocumentSpec(
            title=f"Seed order {season}",
            subtitle=f"{dealer.org} for {ctx.identity.life_org}",
            blocks=[
                Table(header=["Crop", "Variety", "Quantity", "Unit", "Price per unit", "Line total"],
                      rows=lines),
                Paragraph(text=f"Order total: {farm.cash(total)}. Delivery to the farm before planting;"
                          " payment due on delivery."),
            ],
        ),
        made,
        purpose="The seed dealer's order confirmation for next season",
        archetype="purchase_order",
        author=dealer.name,
        sources=((cplan, "derived_from", "orders the crop plan's seed"),),
    )  # fmt: skip
    ctx.ledger.facts[order] = {"order_total": farm.cash(total)}
    farm.book(made.date(), "Expenses", f"Seed for {season} ({dealer.org})", total, order)
    user = ctx.user
    _thread(
        farm,
        dealer,
        f"Seed for {season}",
        farm.when(plan.day_at(0.2, today)),
        [
            (user, f"Hi {dealer.first},\n\nCrop plan for {season} attached: "
             + "; ".join(f"{f.area:,.2f} {u.area} of {f.crop.name.lower()} on {f.name}" for f in fields)
             + f". Could you price the seed?\n\n{user.first}", cplan),
            (dealer, f"Hi {user.first},\n\nOrder confirmation attached, {farm.cash(total)} in all. The early-order"
             f" price holds if you confirm this month.\n\n{dealer.first}", order),
            (user, f"Confirmed, go ahead. Deliver before we start planting.\n\n{user.first}", None),
        ],
    )  # fmt: skip
    ctx.ledger.facts[cplan] = {"seed_cost": farm.cash(total), "total_area": farm.area(sum(f.area for f in fields))}
    plan.documents = [cplan, order]


def _in_ground(crop: Crop, month: int) -> bool:
    """Whether ``crop`` stands in the field in ``month``: from its calendar's first stage (planted, drilled, set
    out) to its harvest (wheat from October to July); a crop without a calendar never is."""
    if not crop.calendar:
        return False
    cut = crop.stage("harvest", "cut", "picked", "primed", "reaped") or crop.calendar[-1]
    return month in _months(crop.calendar[0][1], cut[2])


def _planted_before(rng: random.Random, crop: Crop, storm: date, north: bool) -> date:
    """The day a field of ``crop`` hit on ``storm`` was planted: in its planting months before the storm where its
    calendar holds (the north), else 50 to 80 days before."""
    if not (north and crop.calendar):
        return storm - timedelta(days=rng.randint(50, 80))
    first = crop.calendar[0]
    day = _last_in(_months(first[1], first[2]), storm - timedelta(days=rng.randint(10, 30)))
    return day.replace(day=rng.randint(max(1, day.day - 20), day.day))


def _claim(farm: _Farm) -> None:
    """A hail (or flood) claim: the field records, the notice of loss to the insurer, the loss worksheet
    (guaranteed against harvested, field by field) and the mail with the insurer; the indemnity goes to the
    accounts."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    words = f"{plan.name} {plan.focus}".casefold()
    cause = next((c for c in ("flood", "drought", "hail") if c in words), "hail")
    crops = tuple(c for c in _crops(ctx) if c.price_eur[1] > 0 and c.sale is None) or _crops(ctx)[:1]
    storm = plan.started - timedelta(days=rng.randint(2, 6))
    # only a crop in the ground on the storm's day is hit (an April hail hits the wheat drilled last October, not
    # corn planted in May), each field planted in its crop's planting months before it
    north = ctx.persona.country_code not in _SOUTH
    standing = tuple(c for c in crops if north and _in_ground(c, storm.month))
    if north and any(c.calendar for c in crops):
        crops = standing or crops
    fields = make_fields(rng, farm.units, crops, rng.randint(3, 5))
    fields = [FarmField(f.name, f.area, f.crop, f.variety, _planted_before(rng, f.crop, storm, north), f.nitrogen)
              for f in fields]  # fmt: skip
    records = _field_records(farm, fields, farm.when(plan.day_at(0.02, today)), storm.year)
    insurer = _counterpart(ctx, plan, r"insur|adjuster", ("Crop insurance agent", ("Mutual", "Insurance")))
    policy = f"{rng.randint(10, 99)}-{rng.randint(100000, 999999)}"
    u = farm.units
    notice = farm.document(
        f"Notice of loss {storm.isoformat()}",
        DocumentSpec(
            title="Notice of crop loss",
            subtitle=f"Policy {policy} - {ctx.identity.life_org}",
            blocks=[
                Paragraph(text=f"To {insurer.name}, {insurer.org}."),
                Paragraph(text=f"I am reporting {cause} damage on {storm.isoformat()} to the following fields,"
                          " insured under the policy above. Please arrange for an adjuster to inspect."),
                Table(header=["Field", "Crop", f"Area ({u.area})", "Planted"],
                      rows=[[f.name, f.crop.name, farm.area(f.area), f.planted.isoformat()] for f in fields]),
                Paragraph(text=f"{ctx.user.name}, {ctx.identity.life_org}"),
            ],
        ),
        farm.when(plan.started),
        purpose=f"Notice of loss to the insurer after the {cause}",
        archetype="insurance_claim",
        sources=((records, "references", "lists the fields of the field records"),),
    )  # fmt: skip
    cover = rng.choice((0.70, 0.75, 0.80))
    price = {c.name: farm_price(c.price_eur, rng, farm.currency) for c in crops}
    rows: list[list[object]] = []
    pay = 0.0
    for f in fields:
        expected = round(sum(f.crop.yield_range) / 2, 1 if u.imperial else 2)
        guarantee = round(f.area * expected * cover, 1 if u.imperial else 2)
        harvested = round(f.area * expected * rng.uniform(0.3, 0.7), 1 if u.imperial else 2)
        loss = round(max(0.0, guarantee - harvested), 1 if u.imperial else 2)
        value = farm.coins(loss * price[f.crop.name])
        pay += value
        rows.append([f.name, f.crop.name, f.area, expected, cover, guarantee, harvested, loss, price[f.crop.name],
                     value])  # fmt: skip
    pay = round(pay, 2)
    rows.append(["Total", "", _sum("C", len(fields)), None, None, None, None, None, None, _sum("J", len(fields))])
    made = farm.when(plan.day_at(0.55, today))
    sheet = farm.sheet(
        f"{cause.capitalize()} loss worksheet {storm.year}",
        f"{cause.capitalize()} loss {storm.year} - policy {policy}",
        [
            SheetSpec(
                name="Loss by field",
                columns=_cols(
                    ("Field", None),
                    ("Crop", None),
                    (f"Area ({u.area})", "#,##0.00"),
                    (f"Insured yield ({u.yield_unit})", "#,##0.0#"),
                    ("Coverage", "0%"),
                    (f"Guarantee ({u.crop})", "#,##0.0#"),
                    (f"Harvested ({u.crop})", "#,##0.0#"),
                    (f"Loss ({u.crop})", "#,##0.0#"),
                    (f"Price per {u.crop}", "#,##0.00"),
                    (f"Indemnity ({farm.currency})", "#,##0.00"),
                ),
                rows=rows,
            )
        ],
        made,
        purpose="Loss worksheet: guarantee against harvested by field and the indemnity",
        archetype="insurance_claim",
        sources=((records, "derived_from", "the fields and areas of the field records"),),
    )
    ctx.ledger.facts[sheet] = {"indemnity": farm.cash(pay), "policy": policy}
    farm.book(made.date() + timedelta(days=14), "Income", f"Crop insurance indemnity ({cause}, policy {policy})",
              pay, sheet)  # fmt: skip
    user = ctx.user
    _thread(
        farm,
        insurer,
        f"Claim - policy {policy} - {cause} {storm.isoformat()}",
        farm.when(plan.started),
        [
            (user, f"Hi {insurer.first},\n\nWe had {cause} on {storm.isoformat()}. Notice of loss attached for"
             f" {len(fields)} fields ({farm.area(sum(f.area for f in fields))} {u.area}). When can the adjuster"
             f" come out?\n\n{user.first}", notice),
            (insurer, f"Hi {user.first},\n\nClaim opened. The adjuster will call to set a day. Keep the scale"
             f" tickets for everything you harvest off those fields.\n\n{insurer.first}", None),
            (user, f"Hi {insurer.first},\n\nHarvest is done. My worksheet attached: the guarantee at"
             f" {cover:.0%} against what we took off comes to {farm.cash(pay)}.\n\n{user.first}", sheet),
            (insurer, f"{user.first},\n\nThe adjuster's figures agree with yours: {farm.cash(pay)} approved on"
             f" policy {policy}. Payment follows within 30 days.\n\n{insurer.first}", None),
        ],
    )  # fmt: skip
    ctx.ledger.facts[notice] = {"policy": policy, "cause": cause, "date_of_loss": storm.isoformat()}
    plan.documents = [records, notice, sheet]


# ------------------------------------------------------------------------------------------------------- livestock


_SOUTH = frozenset({"NZ", "AU", "AR", "ZA", "CL", "UY", "BR"})


def _spring(farm: _Farm) -> int:
    """The first month of calving and lambing: March in the north, August south of the equator."""
    return 8 if farm.ctx.persona.country_code in _SOUTH else 3


def _register(farm: _Farm, animals: list[Animal], made: datetime, year: int) -> str:
    u = farm.units
    stock = livestock_for(farm.ctx.persona.text)
    rows: list[list[object]] = [
        [a.tag, a.breed, a.sex, a.born.isoformat(), a.dam, farm.weight(a.weight_kg), a.weighed.isoformat(),
         "; ".join(f"{d.isoformat()} {t}" for d, t in a.treatments), f"Sold {a.sold.isoformat()}" if a.sold else
         "On farm"]
        for a in animals
    ]  # fmt: skip
    path = farm.sheet(
        f"{'Flock' if stock.kind == 'sheep' else 'Herd'} register {year}",
        f"{'Flock' if stock.kind == 'sheep' else 'Herd'} register {year}",
        [
            SheetSpec(
                name="Animals",
                columns=_cols(
                    ("Tag", None),
                    ("Breed", None),
                    ("Sex", None),
                    ("Born", "yyyy-mm-dd"),
                    ("Dam", None),
                    (f"Weight ({u.weight})", "#,##0"),
                    ("Weighed", "yyyy-mm-dd"),
                    ("Treatments", None),
                    ("Status", None),
                ),
                rows=rows,
            ),
            # head and weight by status, as the register's owner counts them before a sale
            SheetSpec(
                name="By status",
                columns=_cols(("Status", None), ("Head", "0"), (f"Total weight ({u.weight})", "#,##0")),
                rows=[
                    [
                        "Sold",
                        sum(1 for a in animals if a.sold),
                        sum(farm.weight(a.weight_kg) for a in animals if a.sold),
                    ],
                    [
                        "On farm",
                        sum(1 for a in animals if not a.sold),
                        sum(farm.weight(a.weight_kg) for a in animals if not a.sold),
                    ],
                    ["Total", "=SUM(B2:B3)", "=SUM(C2:C3)"],
                ],
            ),
        ],
        made,
        purpose="Herd register: tag, breed, birth, weight, treatments and status by animal",
        archetype="herd_register",
    )
    sold = [a for a in animals if a.sold]
    farm.ctx.ledger.facts[path] = {"head": str(len(animals)), "sold_head": str(len(sold))}
    return path


def _sale(farm: _Farm) -> None:
    """Young stock sold at the market: the herd register with the sold animals marked, the market's sale account
    of exactly those animals by lot, and the mail with the market; the net proceeds go to the accounts."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    stock = livestock_for(ctx.persona.text)
    # the sale falls in the season the stock is sold in (autumn: October in Kentucky, February in Canterbury) when
    # the project reaches one, else on its own day
    south = ctx.persona.country_code in _SOUTH
    months = (1, 2, 3, 4) if south else ((7, 8, 9, 10) if stock.kind == "sheep" else (9, 10, 11))
    sale_day = _last_in(months, plan.day_at(0.55, today))
    if sale_day < plan.started:
        sale_day = plan.day_at(0.55, today)
    # a sheep farm sells its lambs by the hundred, a cattle farm its steers by the dozen
    n = rng.randint(140, 260) if stock.kind == "sheep" else rng.randint(16, 34)
    n_sold = rng.randint(n // 2, n - 4)
    animals = make_animals(rng, stock, n, weighed=sale_day, sold_on=sale_day, n_sold=n_sold, spring=_spring(farm))
    reg = _register(farm, animals, farm.when(sale_day + timedelta(days=1)), sale_day.year)
    u = farm.units
    yards = ("Stockyards", "Livestock Auction") if u.imperial else ("Saleyards", "Livestock Market", "Mart")
    market = _counterpart(ctx, plan, r"market|auction|livestock agent|stock agent", ("Livestock market", yards))
    sold = [a for a in animals if a.sold]
    lots: list[list[Animal]] = []
    k = 0
    while k < len(sold):
        size = rng.randint(25, 50) if stock.kind == "sheep" else rng.randint(4, 8)
        lots.append(sold[k : k + size])
        k += size
    rows = []
    gross = 0.0
    for i, lot in enumerate(lots, 1):
        weights = [farm.weight(a.weight_kg) for a in lot]
        avg = round(sum(weights) / len(lot))
        lo, hi = (3.0, 3.7) if u.imperial and stock.kind == "cattle" else stock.price_eur_kg
        per = farm_price((lo, hi), rng, farm.currency)
        amount = round(sum(weights) * per, 2)
        gross += amount
        tags = f"{lot[0].tag} to {lot[-1].tag}" if len(lot) > 10 else ", ".join(a.tag for a in lot)
        breed = Counter(a.breed for a in lot).most_common(1)[0][0]
        rows.append([str(i), f"{breed} {stock.sold}", tags, str(len(lot)), f"{sum(weights):,}", f"{avg:,}",
                     farm.cash(per), farm.cash(amount)])  # fmt: skip
    gross = round(gross, 2)
    commission = round(gross * 0.03, 2)
    yardage = round(len(sold) * farm_price((2.0, 4.0), rng, farm.currency), 2)
    net = round(gross - commission - yardage, 2)
    made = farm.when(sale_day + timedelta(days=2))
    account = farm.document(
        f"Sale account {market.org} {sale_day.isoformat()}",
        DocumentSpec(
            title=f"{market.org} - account sale",
            subtitle=f"Vendor: {ctx.identity.life_org}. Sale of {sale_day.isoformat()}.",
            blocks=[
                Table(header=["Lot", "Description", "Tags", "Head", f"Total weight ({u.weight})",
                              f"Avg weight ({u.weight})", f"Price per {u.weight}", "Gross"], rows=rows),
                Paragraph(text=f"Head sold: {len(sold)}. Gross: {farm.cash(gross)}."),
                BulletList(items=[f"Commission 3%: {farm.cash(commission)}",
                                  f"Yardage and fees: {farm.cash(yardage)}"]),
                Paragraph(text=f"Net proceeds: {farm.cash(net)}."),
            ],
        ),
        made,
        purpose="The market's account of the animals sold",
        archetype="livestock_sale_record",
        pdf=True,
        author=market.name,
        sources=((reg, "references", "the animals the herd register marks sold"),),
    )  # fmt: skip
    ctx.ledger.facts[account] = {"sold_head": str(len(sold)), "net_proceeds": farm.cash(net)}
    farm.book(sale_day, "Income", f"{len(sold)} {stock.sold} sold at {market.org}", net, account)
    user = ctx.user
    _thread(
        farm,
        market,
        f"Entry for the {sale_day.strftime('%d %B')} sale",
        farm.when(sale_day - timedelta(days=9)),
        [
            (user, f"Hi {market.first},\n\nPlease enter {len(sold)} {stock.sold} for the {sale_day.isoformat()}"
             f" sale, {', '.join(sorted({a.breed for a in sold}))}.\n\n{user.first}", None),
            (market, f"Hi {user.first},\n\nYou're entered, {len(lots)} lots. Have them in the pens by 8.\n\n"
             f"{market.first}", None),
            (market, f"{user.first},\n\nAccount sale attached: {len(sold)} head, {farm.cash(gross)} gross,"
             f" {farm.cash(net)} net after commission and yardage.\n\n{market.first}", account),
            (user, f"Thanks {market.first}, that's every tag in my register (attached, all {len(sold)} marked"
             f" sold). Good trade.\n\n{user.first}", reg),
        ],
    )  # fmt: skip
    plan.documents = [reg, account]


def _shearing(farm: _Farm) -> None:
    """The ewes shorn by a contract gang: the shearing tally by mob (head shorn, rate per head) and the
    contractor's bill for exactly that tally, with the mail with the contractor; the bill goes to the accounts."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    shorn = plan.day_at(0.4, today)
    mobs = [("Ewes - mob 1", "Mixed-age ewes"), ("Ewes - mob 2", "Two-tooth ewes"), ("Hoggets", "Hoggets"),
            ("Rams", "Rams")][: rng.randint(3, 4)]  # fmt: skip
    rate = farm_price((2.6, 3.4), rng, farm.currency)
    ram_rate = round(rate * 2, 2)
    rows: list[list[object]] = []
    total_head, total = 0, 0.0
    for name, cls in mobs:
        head = rng.randint(8, 20) if cls == "Rams" else rng.randint(180, 650)
        per = ram_rate if cls == "Rams" else rate
        rows.append([name, cls, head, per, round(head * per, 2)])
        total_head += head
        total += round(head * per, 2)
    total = round(total, 2)
    rows.append(["Total", "", _sum("C", len(mobs)), None, _sum("E", len(mobs))])
    tally = farm.sheet(
        f"Shearing tally {shorn.isoformat()}",
        f"Shearing tally {shorn.isoformat()}",
        [SheetSpec(name="Tally", columns=_cols(("Mob", None), ("Class", None), ("Head shorn", "#,##0"),
                                              ("Rate per head", "#,##0.00"), ("Amount", "#,##0.00")), rows=rows)],
        farm.when(shorn + timedelta(days=1)),
        purpose="Shearing tally: head shorn by mob and the contract rate",
        archetype="shearing_tally",
    )  # fmt: skip
    ctx.ledger.facts[tally] = {"head_shorn": str(total_head), "total": farm.cash(total)}
    gang = _counterpart(ctx, plan, r"shear", ("Shearing contractor", ("Shearing", "Contracting")))
    bill_day = shorn + timedelta(days=rng.randint(3, 9))
    bill = farm.document(
        f"Shearing bill {gang.org} {bill_day.isoformat()}",
        DocumentSpec(
            title=f"{gang.org} - invoice",
            subtitle=f"To {ctx.identity.life_org}, shearing of {shorn.isoformat()}",
            blocks=[
                Table(header=["Mob", "Head shorn", "Rate per head", "Amount"],
                      rows=[[str(r[0]), f"{r[2]:,}", farm.cash(float(str(r[3]))), farm.cash(float(str(r[4])))]
                            for r in rows[:-1]]),
                Paragraph(text=f"{total_head:,} head shorn. Total due: {farm.cash(total)}."),
            ],
        ),
        farm.when(bill_day),
        purpose="The shearing contractor's bill",
        archetype="invoice",
        author=gang.name,
        sources=((tally, "references", "bills the tally"),),
    )  # fmt: skip
    ctx.ledger.facts[bill] = {"head_shorn": str(total_head), "total_due": farm.cash(total)}
    farm.book(bill_day, "Expenses", f"Shearing, {total_head} head ({gang.org})", total, bill)
    user = ctx.user
    _thread(
        farm,
        gang,
        "Shearing",
        farm.when(shorn - timedelta(days=20)),
        [
            (user, f"Hi {gang.first},\n\nCan your gang do us the week of {shorn.isoformat()}? About"
             f" {total_head - total_head % 50:,} to shear, mostly ewes.\n\n{user.first}", None),
            (gang, f"Hi {user.first},\n\nBooked in. Same rate as last year, {farm.cash(rate)} a head. Keep them"
             f" dry the night before.\n\n{gang.first}", None),
            (gang, f"Bill attached, {total_head:,} head, {farm.cash(total)}.\n\n{gang.first}", bill),
            (user, f"Thanks {gang.first}, that's the same tally as mine. Paid today.\n\n{user.first}", None),
        ],
    )  # fmt: skip
    plan.documents = [tally, bill]


def _births(farm: _Farm) -> None:
    """Calving or lambing: the record of each birth (dam, born, sex, birth weight, how it went), and the mail with
    the vet about the hard ones."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    stock = livestock_for(ctx.persona.text)
    u = farm.units
    sheep = stock.kind == "sheep"
    first = plan.day_at(0.2, today)
    dams = rng.randint(25, 60)
    rows: list[list[object]] = []
    hard: list[tuple[str, date]] = []
    number = rng.randint(100, 500)
    born_total = 0
    for _k in range(dams):
        dam = f"{(first.year - rng.randint(2, 6)) % 100:02d}{rng.randint(100, 999):03d}"
        day = first + timedelta(days=rng.randint(0, 45))
        n = rng.choice((1, 2, 2, 3)) if sheep else 1
        ease = rng.choices(("Unassisted", "Assisted", "Vet called"), weights=(85, 12, 3))[0]
        if ease == "Vet called":
            hard.append((dam, day))
        for _j in range(n):
            number += 1
            kg = rng.uniform(3.5, 6.0) if sheep else rng.uniform(30, 45)
            rows.append([dam, day.isoformat(), f"{day.year % 100:02d}{number:03d}", rng.choice(("M", "F")),
                         round(kg * 2.20462) if u.imperial else round(kg, 1), ease])  # fmt: skip
            born_total += 1
    label = "Lambing" if sheep else "Calving"
    record = farm.sheet(
        f"{label} record {first.year}",
        f"{label} {first.year}",
        [
            SheetSpec(
                name=label,
                columns=_cols(("Dam", None), ("Born", "yyyy-mm-dd"), ("Tag", None), ("Sex", None),
                              (f"Birth weight ({u.weight})", "0.0"), ("Ease", None)),
                rows=rows,
            )
        ],
        farm.when(first + timedelta(days=50)),
        purpose=f"{label} record: each birth's dam, day, tag, sex, weight and how it went",
        archetype="birth_record",
    )  # fmt: skip
    ctx.ledger.facts[record] = {"dams": str(dams), "born": str(born_total)}
    vet = _counterpart(ctx, plan, r"\bvet", ("Veterinarian", ("Veterinary Practice", "Vets")))
    user = ctx.user
    note = (
        f" You came out for {len(hard)} of them ({', '.join(f'{d} on {day.isoformat()}' for d, day in hard)})."
        if hard
        else " No call-outs this year."
    )
    _thread(
        farm,
        vet,
        f"{label} {first.year}",
        farm.when(first + timedelta(days=51)),
        [
            (user, f"Hi {vet.first},\n\n{label} is done: {born_total} born from {dams} {'ewes' if sheep else 'cows'},"
             f" record attached.{note}\n\n{user.first}", record),
            (vet, f"Thanks {user.first}, good numbers. Send me the list of any that lost their "
             f"{'lambs' if sheep else 'calves'} before the pregnancy scan.\n\n{vet.first}", None),
        ],
    )  # fmt: skip
    plan.documents = [record]


def _grazing(farm: _Farm) -> None:
    """Grazing rented from a neighbour: the grazing agreement (head, months, rate per head a month), the record
    of the stock that went on and came off, and the neighbour's bill for exactly those head-months."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    u = farm.units
    stock = livestock_for(ctx.persona.text)
    owner = _counterpart(ctx, plan, r"neighbou?r|landowner", ("Landowner", ("Farms", "Estate")))
    start = plan.day_at(0.1, today)
    area = float(rng.randrange(40, 200)) if u.imperial else round(rng.uniform(15, 80), 1)
    rate = farm_price((14.0, 22.0) if stock.kind != "sheep" else (1.5, 2.5), rng, farm.currency, step=0.5)
    agreement = farm.document(
        f"Grazing agreement {owner.org} {start.year}",
        DocumentSpec(
            title="Grazing agreement",
            subtitle=f"{owner.org} and {ctx.identity.life_org}",
            blocks=[
                Paragraph(text=f"{owner.name} lets the grazing of {area:,.1f} {u.area_long} to {ctx.user.name}"
                          f" from {start.isoformat()} for the summer, at {farm.cash(rate)} per head per month,"
                          " billed on the head-months the stock record shows."),
                BulletList(items=["Fences and water kept up by the owner.", "Stock checked daily by the grazier.",
                                  "No fertiliser or spray without the owner's say."]),
            ],
        ),
        farm.when(start),
        purpose="The grazing agreement with the landowner",
        archetype="grazing_agreement",
        author=ctx.me,
    )  # fmt: skip
    ctx.ledger.facts[agreement] = {"rate": farm.cash(rate), "area": f"{area:,.1f} {u.area}"}
    rows: list[list[object]] = []
    months = 0.0
    k = rng.randint(2, 4)
    for i in range(k):
        head = rng.randint(20, 60) if stock.kind != "sheep" else rng.randint(150, 400)
        on = start + timedelta(days=7 * i)
        off = plan.day_at(min(0.95, 0.7 + 0.08 * i), today)
        m = round((off - on).days / 30, 1)
        months += head * m
        rows.append([on.isoformat(), off.isoformat(), head, m, round(head * m, 1), farm.coins(head * m * rate)])
    months = round(months, 1)
    total = farm.coins(sum(float(str(r[5])) for r in rows))
    rows.append(["Total", "", _sum("C", k), None, _sum("E", k), _sum("F", k)])
    record = farm.sheet(
        f"Grazing record {start.year}",
        f"Stock on {owner.org}'s grazing {start.year}",
        [
            SheetSpec(
                name="Stock on and off",
                columns=_cols(("On", "yyyy-mm-dd"), ("Off", "yyyy-mm-dd"), ("Head", "0"), ("Months", "0.0"),
                              ("Head-months", "#,##0.0"), (f"Charge ({farm.currency})", "#,##0.00")),
                rows=rows,
            )
        ],
        farm.when(plan.day_at(0.96, today)),
        purpose="Grazing record: the stock on the rented grazing and the head-months",
        archetype="grazing_record",
        sources=((agreement, "references", "at the agreement's rate"),),
    )  # fmt: skip
    ctx.ledger.facts[record] = {"head_months": f"{months:,.1f}", "charge": farm.cash(total)}
    farm.book(plan.day_at(0.97, today), "Expenses", f"Grazing rent ({owner.org})", total, record)
    user = ctx.user
    _thread(
        farm,
        owner,
        f"Grazing {start.year}",
        farm.when(start - timedelta(days=10)),
        [
            (user, f"Hi {owner.first},\n\nStill happy to let us have the grazing this summer? Same as we said,"
             f" {farm.cash(rate)} a head a month. Agreement to follow.\n\n{user.first}", None),
            (owner, f"Yes, fine. Water's on in all the paddocks.\n\n{owner.first}", None),
            (user, f"Hi {owner.first},\n\nAll off now. Record attached: {months:,.1f} head-months, so"
             f" {farm.cash(total)} by the agreement. I'll transfer it this week.\n\n{user.first}", record),
        ],
    )  # fmt: skip
    plan.documents = [agreement, record]


def _haymaking(farm: _Farm) -> None:
    """Making hay: the hay record by field and cut (mown, baled, bales made), the baling contractor's bill for
    exactly those bales, and the mail with the contractor; the bill goes to the accounts."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    u = farm.units
    first = plan.day_at(0.3, today)
    fields = make_fields(rng, u, tuple(c for c in _crops(ctx) if c.sale is None) or _crops(ctx), rng.randint(2, 4))
    rows: list[list[object]] = []
    n = 0
    for i, f in enumerate(fields):
        for cut in range(1, rng.choice((2, 3)) + 1):
            mown = first + timedelta(days=8 * i + 35 * (cut - 1))
            per = rng.uniform(1.2, 2.2) if u.imperial else rng.uniform(3.0, 5.5)  # round bales an acre / hectare
            bales = max(1, round(f.area * per * (1.0 if cut == 1 else 0.7)))
            rows.append([f.name, f.area, cut, mown.isoformat(), (mown + timedelta(days=rng.randint(2, 4))).isoformat(),
                         bales, round(bales / f.area, 2)])  # fmt: skip
            n += 1
    total_bales = sum(int(str(r[5])) for r in rows)
    rows.append(["Total", None, None, "", "", _sum("F", n), None])
    record = farm.sheet(
        f"Hay record {first.year}",
        f"Hay {first.year} - cuts by field",
        [
            SheetSpec(
                name="Cuts",
                columns=_cols(("Field", None), (f"Area ({u.area})", "#,##0.00"), ("Cut", "0"),
                              ("Mown", "yyyy-mm-dd"), ("Baled", "yyyy-mm-dd"), ("Round bales", "#,##0"),
                              (f"Bales per {u.area}", "0.00")),
                rows=rows,
            )
        ],
        farm.when(plan.day_at(0.8, today)),
        purpose="Hay record: bales made by field and cut",
        archetype="hay_record",
    )  # fmt: skip
    ctx.ledger.facts[record] = {"bales": str(total_bales)}
    contractor = _counterpart(ctx, plan, r"contractor|neighbou?r", ("Baling contractor", ("Contracting", "Agri")))
    per_bale = farm_price((9.0, 14.0), rng, farm.currency, step=0.5)
    total = farm.coins(total_bales * per_bale)
    bill_day = plan.day_at(0.85, today)
    bill = farm.document(
        f"Baling bill {contractor.org} {bill_day.isoformat()}",
        DocumentSpec(
            title=f"{contractor.org} - invoice",
            subtitle=f"To {ctx.identity.life_org}, {bill_day.isoformat()}",
            blocks=[
                Table(header=["Work", "Round bales", "Rate per bale", "Amount"],
                      rows=[[f"Baling and wrapping, {first.year}", f"{total_bales:,}", farm.cash(per_bale),
                             farm.cash(total)]]),
                Paragraph(text=f"Total due: {farm.cash(total)}."),
            ],
        ),
        farm.when(bill_day),
        purpose="The baling contractor's bill",
        archetype="contractor_bill",
        author=contractor.name,
        sources=((record, "references", "bills the bales of the hay record"),),
    )  # fmt: skip
    ctx.ledger.facts[bill] = {"bales": str(total_bales), "total_due": farm.cash(total)}
    farm.book(bill_day, "Expenses", f"Baling, {total_bales} bales ({contractor.org})", total, bill)
    user = ctx.user
    _thread(
        farm,
        contractor,
        f"Baling {first.year}",
        farm.when(first - timedelta(days=5)),
        [
            (user, f"Hi {contractor.first},\n\nFirst cut should be fit to bale from {first.isoformat()}, weather"
             f" holding. Can you fit us in?\n\n{user.first}", None),
            (contractor, f"Should be fine, ring me the day you mow.\n\n{contractor.first}", None),
            (contractor, f"Bill for the season attached, {total_bales:,} bales at {farm.cash(per_bale)}.\n\n"
             f"{contractor.first}", bill),
            (user, f"Thanks, {total_bales:,} is what my hay record has too.\n\n{user.first}", None),
        ],
    )  # fmt: skip
    plan.documents = [record, bill]


def _herd(farm: _Farm) -> None:
    """The herd's health or breeding work with the vet: the herd register with each animal's treatments, the vet
    visit's notes of the same treatments, and the mail with the vet."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    stock = livestock_for(ctx.persona.text)
    weighed = plan.day_at(0.5, today)
    animals = make_animals(
        rng, stock, rng.randint(14, 30), weighed=weighed, sold_on=None, n_sold=0, spring=_spring(farm)
    )
    vet = _counterpart(ctx, plan, r"\bvet", ("Veterinarian", ("Veterinary Practice", "Vets")))
    withdrawal = {t: rng.choice((0, 7, 14, 28, 35)) for t in stock.treatments}
    given = sorted((d, a.tag, t) for a in animals for d, t in a.treatments)
    reg = farm.sheet(
        f"Treatment record {weighed.year}",
        f"Animal treatment record {weighed.year}",
        [
            SheetSpec(
                name="Treatments",
                columns=_cols(("Date", "yyyy-mm-dd"), ("Tag", None), ("Product", None), ("Withdrawal (days)", "0"),
                              ("Withdrawal ends", "yyyy-mm-dd"), ("Given by", None)),
                rows=[[d.isoformat(), tag, t, withdrawal[t], (d + timedelta(days=withdrawal[t])).isoformat(),
                       vet.name] for d, tag, t in given],
            )
        ],
        farm.when(weighed + timedelta(days=1)),
        purpose="Animal treatment record: what each animal had, and when its withdrawal ends",
        archetype="treatment_record",
    )  # fmt: skip
    ctx.ledger.facts[reg] = {"treatments": str(len(given))}
    visits: dict[date, list[tuple[str, str]]] = {}
    for a in animals:
        for d, t in a.treatments:
            visits.setdefault(d, []).append((a.tag, t))
    notes: list[str] = []
    for d, done in sorted(visits.items()):
        spec = DocumentSpec(
            title=f"Vet visit {d.isoformat()}",
            blocks=[
                Paragraph(text=f"{vet.name} ({vet.org})."),
                Table(header=["Tag", "Treatment"], rows=[[tag, t] for tag, t in done]),
                Paragraph(text=f"{len(done)} animals treated. Withdrawal periods noted in the treatment record."),
            ],
        )
        notes.append(
            ctx.ledger.add(
                f"{plan.folder}/{d.isoformat()} vet visit.md",
                write_markdown(spec),
                purpose="Notes of the vet's visit: what each animal had",
                author=ctx.me,
                created=farm.when(d, 18),
                project_id=plan.pid,
                archetype="vet_visit_notes",
            )
        )
        ctx.ledger.facts[notes[-1]] = {"treated": str(len(done)), "vet": vet.name}
    user = ctx.user
    treated = sum(len(v) for v in visits.values())
    _thread(
        farm,
        vet,
        f"{plan.name} - herd records",
        farm.when(weighed + timedelta(days=2)),
        [
            (user, f"Hi {vet.first},\n\nTreatment record attached with the {treated} treatments from your visits."
             f" Anything you want done before the next round?\n\n{user.first}", reg),
            (vet, f"Hi {user.first},\n\nThanks, that matches my records. Mind the withdrawal dates before"
             f" anything goes for sale.\n\n{vet.first}", None),
        ],
    )  # fmt: skip
    plan.documents = [reg, *notes]


def _milk(farm: _Farm) -> None:
    """A dairy's milk: the month's test day by cow (milk, fat, protein, cell count), the co-op's milk statement of
    that month's pickups, and the mail with the co-op; the milk cheque goes to the accounts."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    u = farm.units
    stock = livestock_for(ctx.persona.text)
    test_day = plan.day_at(0.3, today)
    cows = rng.randint(60, 140)
    number = rng.randint(100, 400)
    rows: list[list[object]] = []
    daily = 0.0
    for _k in range(cows):
        number += rng.randint(1, 4)
        kg = rng.uniform(22, 40)
        milk = round(kg * 2.20462, 1) if u.imperial else round(kg * 0.97, 1)  # pounds, or litres (1.03 kg a litre)
        daily += milk
        rows.append([f"{number:04d}", rng.choice(stock.breeds if stock.kind == "dairy" else ("Holstein", "Jersey")),
                     rng.randint(1, 5), rng.randint(12, 320), milk, round(rng.uniform(3.4, 4.8), 2),
                     round(rng.uniform(2.9, 3.6), 2), rng.choice((45, 60, 85, 110, 140, 210, 320))])  # fmt: skip
    daily = round(daily, 1)
    fat = sum(float(str(r[5])) * float(str(r[4])) for r in rows) / daily  # the herd's milk-weighted components
    protein = sum(float(str(r[6])) * float(str(r[4])) for r in rows) / daily
    rows.append(["Herd", "", None, None, _sum("E", cows), round(fat, 2), round(protein, 2), None])
    unit = "lb" if u.imperial else "L"
    test = farm.sheet(
        f"Milk recording {test_day.isoformat()}",
        f"Test day {test_day.isoformat()}",
        [
            SheetSpec(
                name="Test day",
                columns=_cols(("Cow", None), ("Breed", None), ("Lactation", "0"), ("Days in milk", "0"),
                              (f"Milk ({unit}/day)", "#,##0.0"), ("Fat %", "0.00"), ("Protein %", "0.00"),
                              ("SCC ('000/ml)", "0")),
                rows=rows,
            )
        ],
        farm.when(test_day + timedelta(days=1)),
        purpose="Milk recording: the test day's milk, fat, protein and cell count by cow",
        archetype="milk_recording",
    )  # fmt: skip
    ctx.ledger.facts[test] = {"cows": str(cows), "herd_daily": f"{daily:,.1f}"}
    coop = _counterpart(ctx, plan, r"co-?op|milk buyer|creamery|dairy", ("Co-op field rep", ("Dairy Co-op", "Milk")))
    first = test_day.replace(day=1)
    pickups = []
    d = first + timedelta(days=1)
    while d.month == first.month:
        pickups.append((d, round(daily * 2 * rng.uniform(0.96, 1.03), 0)))  # every other day, two days' milk
        d += timedelta(days=2)
    shipped = round(sum(q for _d, q in pickups), 0)
    per = (
        farm_price((17.5, 21.5), rng, farm.currency)
        if u.imperial
        else farm_price((0.42, 0.52), rng, farm.currency, step=0.001)
    )
    gross = round(shipped / 100 * per, 2) if u.imperial else round(shipped * per, 2)
    hauling = round(len(pickups) * farm_price((35.0, 60.0), rng, farm.currency), 2)
    net = round(gross - hauling, 2)
    price_label = "Price per cwt" if u.imperial else "Price per litre"
    statement_day = date(first.year + (first.month == 12), first.month % 12 + 1, 12)
    if statement_day >= today:
        statement_day = today - timedelta(days=1)
    statement = farm.document(
        f"Milk statement {coop.org} {first.strftime('%Y-%m')}",
        DocumentSpec(
            title=f"{coop.org} - milk statement {first.strftime('%B %Y')}",
            subtitle=f"Producer: {ctx.identity.life_org}",
            blocks=[
                Table(header=["Pickup", f"Milk ({unit})"], rows=[[p.isoformat(), f"{q:,.0f}"] for p, q in pickups]),
                Paragraph(text=f"Milk shipped: {shipped:,.0f} {unit} in {len(pickups)} pickups. Butterfat"
                          f" {fat:.2f}%, protein {protein:.2f}% (the month's average)."),
                BulletList(items=[f"{price_label}: {farm.cash(per)}", f"Gross: {farm.cash(gross)}",
                                  f"Hauling: {farm.cash(hauling)}"]),
                Paragraph(text=f"Net milk cheque: {farm.cash(net)}."),
            ],
        ),
        farm.when(statement_day),
        purpose="The co-op's monthly milk statement",
        archetype="milk_statement",
        pdf=True,
        author=coop.name,
        sources=((test, "references", "the month of the test day"),),
    )  # fmt: skip
    ctx.ledger.facts[statement] = {"milk_shipped": f"{shipped:,.0f}", "net": farm.cash(net)}
    farm.book(statement_day, "Income", f"Milk, {first.strftime('%B %Y')} ({coop.org})", net, statement)
    user = ctx.user
    _thread(
        farm,
        coop,
        f"Milk statement {first.strftime('%B %Y')}",
        farm.when(statement_day + timedelta(days=1)),
        [
            (coop, f"Hi {user.first},\n\nYour statement for {first.strftime('%B')} attached: {shipped:,.0f} {unit}"
             f" shipped, {farm.cash(net)} net.\n\n{coop.first}", statement),
            (user, f"Thanks {coop.first}. The test day had the herd at {daily:,.0f} {unit} a day from {cows} cows,"
             f" so {len(pickups)} pickups of two days' milk is about right.\n\n{user.first}", None),
        ],
    )  # fmt: skip
    plan.documents = [test, statement]


def _feed(farm: _Farm) -> None:
    """The winter's feed: a feed budget (head, days and ration against the bales in the shed), the bill for the hay
    bought to cover the shortfall, and the mail with the supplier; the bill goes to the accounts."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    stock = livestock_for(ctx.persona.text)
    u = farm.units
    bale_kg = 550 if u.imperial else 250
    groups = {
        "cattle": [("Cows", 40, 90, 12.0), ("Bred heifers", 8, 20, 10.0), ("Bulls", 1, 3, 15.0)],
        "dairy": [("Milking cows", 60, 180, 9.0), ("Dry cows", 10, 30, 11.0), ("Heifers", 15, 40, 7.0)],
        "sheep": [("Ewes", 400, 1200, 0.6), ("Hoggets", 150, 400, 0.5), ("Rams", 6, 20, 0.8)],
    }[stock.kind]
    days = rng.randint(110, 150)
    rows: list[list[object]] = []
    need = 0
    for name, lo, hi, kg_day in groups:
        head = rng.randint(lo, hi)
        bales = math.ceil(head * days * kg_day / bale_kg)
        need += bales
        rows.append([name, head, days, round(kg_day * 2.20462, 1) if u.imperial else kg_day, bales])
    on_hand = int(need * rng.uniform(0.55, 0.8))
    short = need - on_hand
    k = len(groups)
    rows += [["Total needed", None, None, None, _sum("E", k)], ["In the shed", None, None, None, on_hand],
             ["To buy", None, None, None, f"=E{k + 2}-E{k + 3}"]]  # fmt: skip
    made = farm.when(plan.day_at(0.15, today))
    budget = farm.sheet(
        f"Feed budget winter {plan.day_at(0.15, today).year}",
        "Winter feed budget",
        [
            SheetSpec(
                name="Feed budget",
                columns=_cols(
                    ("Group", None),
                    ("Head", "#,##0"),
                    ("Days", "0"),
                    (f"Hay per head per day ({u.weight})", "#,##0.0"),
                    (f"Round bales ({bale_kg if not u.imperial else 1200} {u.weight})", "#,##0"),
                ),
                rows=rows,
            )
        ],
        made,
        purpose="Winter feed budget: bales needed against bales in the shed",
        archetype="feed_budget",
    )
    ctx.ledger.facts[budget] = {"bales_needed": str(need), "bales_to_buy": str(short)}
    supplier = _counterpart(ctx, plan, r"co-?op|neighbou?r|feed|hay", ("Hay supplier", ("Hay", "Feeds")))
    per_bale = farm_price((45.0, 75.0), rng, farm.currency, step=5)  # hay goes at a round price a bale
    loads = []
    left = short
    while left > 0:
        n = min(left, rng.choice((18, 20, 24, 30)))
        loads.append(n)
        left -= n
    bill_day = plan.day_at(0.4, today)
    total = round(short * per_bale, 2)
    bill = farm.document(
        f"Hay bill {supplier.org} {bill_day.isoformat()}",
        DocumentSpec(
            title=f"{supplier.org} - invoice",
            subtitle=f"To {ctx.identity.life_org}, {bill_day.isoformat()}",
            blocks=[
                Table(header=["Delivery", "Round bales", "Price per bale", "Amount"],
                      rows=[[str(i), str(n), farm.cash(per_bale), farm.cash(round(n * per_bale, 2))]
                            for i, n in enumerate(loads, 1)]),
                Paragraph(text=f"{short} bales in {len(loads)} deliveries. Total due: {farm.cash(total)}."),
            ],
        ),
        farm.when(bill_day),
        purpose="The supplier's bill for the hay bought",
        archetype="invoice",
        author=supplier.name,
        sources=((budget, "references", "the bales the feed budget has to buy"),),
    )  # fmt: skip
    ctx.ledger.facts[bill] = {"bales": str(short), "total_due": farm.cash(total)}
    farm.book(bill_day, "Expenses", f"Hay, {short} round bales ({supplier.org})", total, bill)
    user = ctx.user
    _thread(
        farm,
        supplier,
        "Hay for the winter",
        farm.when(plan.day_at(0.2, today)),
        [
            (user, f"Hi {supplier.first},\n\nI'm {short} round bales short for the winter by my budget (attached)."
             f" Have you got that many to spare, and at what price?\n\n{user.first}", budget),
            (supplier, f"Hi {user.first},\n\nI can do {short} at {farm.cash(per_bale)} a bale, delivered in"
             f" {len(loads)} loads.\n\n{supplier.first}", None),
            (user, f"Deal. Send them when you can.\n\n{user.first}", None),
            (supplier, f"All delivered, bill attached: {farm.cash(total)}.\n\n{supplier.first}", bill),
        ],
    )  # fmt: skip
    plan.documents = [budget, bill]


# ------------------------------------------------------------------------------------------------------------- loan

_MACHINES = {
    True: (("John Deere 8R 280 tractor", 330000), ("Case IH Axial-Flow 7150 combine", 420000),
           ("Kinze 3600 16-row planter", 160000), ("John Deere 6155M tractor", 190000)),
    False: (("Massey Ferguson 7S.180 tractor", 150000), ("New Holland T6.180 tractor", 140000),
            ("Kubota M6-142 tractor", 110000), ("Claas Lexion 6700 combine", 380000)),
}  # fmt: skip
_RICE_MACHINES = (("Kubota DC-70G combine harvester", 28000), ("Yanmar YR6D rice transplanter", 18000),
                  ("Kubota L5018 tractor", 26000))  # fmt: skip


def _loan(farm: _Farm) -> None:
    """A machinery loan: the dealer's quote, the loan application, the repayment schedule, and the mail with the
    lender (approved, or withdrawn when the project was cancelled)."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = ctx.rng, ctx.now.date()
    rice = _crops(ctx)[0].name == "Rice"
    machines = _RICE_MACHINES if rice else _MACHINES[farm.units.imperial]
    # the machine the project names (a combine harvester loan buys a combine), else any
    named = [m for m in machines if m[0].split()[-1] in f"{plan.name} {plan.focus}".casefold()]
    machine, base = rng.choice(named or machines)
    price = farm_price((base * 0.92, base * 1.05), rng, farm.currency, step=100)
    trade = farm_price((base * 0.15, base * 0.3), rng, farm.currency, step=100)
    down = round((price - trade) * rng.choice((0.1, 0.15, 0.2)), -2 if price > 10000 else 0)
    amount = round(price - trade - down, 2)
    years = rng.choice((5, 6, 7))
    rate = round(rng.uniform(6.2, 8.4), 2)
    r = rate / 100
    payment = round(amount * r / (1 - (1 + r) ** -years), 2)
    dealer = _counterpart(ctx, plan, r"dealer|machinery", ("Machinery dealer", ("Equipment", "Machinery")))
    quoted = farm.when(plan.day_at(0.08, today))
    quote = farm.document(
        f"Quote {machine} {dealer.org}",
        DocumentSpec(
            title=f"{dealer.org} - quotation",
            subtitle=f"For {ctx.identity.life_org}, {quoted.date().isoformat()}",
            blocks=[
                Table(header=["Item", "Amount"], rows=[[machine, farm.cash(price)],
                                                       ["Less trade-in", f"-{farm.cash(trade)}"],
                                                       ["Net price", farm.cash(round(price - trade, 2))]]),
                Paragraph(text="Quote valid 30 days. Delivery six to eight weeks from order."),
            ],
        ),
        quoted,
        purpose="The dealer's quote for the machine",
        archetype="quote",
        author=dealer.name,
    )  # fmt: skip
    lender = _counterpart(ctx, plan, r"lender|bank|credit", ("Farm lender", ("Farm Credit", "Bank")))
    applied = farm.when(plan.day_at(0.25, today))
    application = farm.document(
        f"Loan application {machine}",
        DocumentSpec(
            title="Equipment loan application",
            subtitle=f"{ctx.identity.life_org} to {lender.org}",
            blocks=[
                Heading(text="Purpose", level=2),
                Paragraph(text=f"To buy a {machine} ({dealer.org}'s quote attached) to replace our old machine,"
                          " traded in."),
                Table(header=["", "Amount"], rows=[["Price", farm.cash(price)], ["Trade-in", farm.cash(trade)],
                                                   ["Down payment", farm.cash(down)],
                                                   ["Loan requested", farm.cash(amount)]]),
                Paragraph(text=f"Term {years} years, annual payments after harvest. Security: the machine."),
                Paragraph(text=f"{ctx.user.name}, {ctx.identity.life_org}"),
            ],
        ),
        applied,
        purpose="The loan application for the machine",
        archetype="loan_application",
        sources=((quote, "references", "the price and trade-in of the dealer's quote"),),
    )  # fmt: skip
    ctx.ledger.facts[application] = {"loan_requested": farm.cash(amount)}
    rows: list[list[object]] = []
    balance = amount
    first_year = applied.year + 1
    for y in range(years):
        interest = round(balance * r, 2)
        pay = payment if y < years - 1 else round(balance + interest, 2)
        principal = round(pay - interest, 2)
        rows.append([first_year + y, round(balance, 2), interest, principal, pay, round(balance - principal, 2)])
        balance = round(balance - principal, 2)
    schedule = farm.sheet(
        f"Loan repayments {machine}",
        f"Repayment schedule - {farm.cash(amount)} at {rate}% over {years} years",
        [
            SheetSpec(
                name="Schedule",
                columns=_cols(("Year", "0"), ("Opening balance", "#,##0.00"), ("Interest", "#,##0.00"),
                              ("Principal", "#,##0.00"), ("Payment", "#,##0.00"), ("Closing balance", "#,##0.00")),
                rows=rows,
            ),
            SheetSpec(
                name="Loan",
                columns=_cols(("", None), ("", "#,##0.00")),
                rows=[["Machine", machine], ["Lender", lender.org], ["Price", price], ["Trade-in", trade],
                      ["Down payment", down], ["Loan", amount], ["Rate %", rate], ["Term (years)", years]],
            ),
        ],
        farm.when(plan.day_at(0.3, today)),
        purpose="Repayment schedule of the loan",
        archetype="loan_repayments",
        sources=((application, "derived_from", "the amount of the application"),),
    )  # fmt: skip
    ctx.ledger.facts[schedule] = {"loan": farm.cash(amount), "annual_payment": farm.cash(payment)}
    user = ctx.user
    last = (
        (lender, f"{user.first},\n\nApproved: {farm.cash(amount)} over {years} years at {rate}%, annual payment"
         f" {farm.cash(payment)}. Papers to sign at the branch.\n\n{lender.first}", None)
        if plan.status != "cancelled"
        else (user, f"Hi {lender.first},\n\nWe've decided to keep the old machine another season, so please"
              f" withdraw the application. Thanks for your time.\n\n{user.first}", None)
    )  # fmt: skip
    _thread(
        farm,
        lender,
        f"Equipment loan - {machine}",
        applied,
        [
            (user, f"Hi {lender.first},\n\nApplication attached for {farm.cash(amount)} towards a {machine};"
             f" the dealer's quote is {farm.cash(price)} less {farm.cash(trade)} trade-in.\n\n{user.first}",
             application),
            (lender, f"Hi {user.first},\n\nThanks. I'll need last year's farm accounts and the quote itself.\n\n"
             f"{lender.first}", None),
            (user, f"Quote attached; the accounts follow from our accountant.\n\n{user.first}", quote),
            last,
        ],
    )  # fmt: skip
    ctx.ledger.facts[quote] = {"price": farm.cash(price), "trade_in": farm.cash(trade)}
    plan.documents = [quote, application, schedule]


# the life-document archetypes each kind's own records stand for
_TAKES = {"harvest": ("harvest_record",), "claim": ("harvest_record",), "sale": ("livestock_sale_record",)}

# the paper each kind of project turns on, as the farmer's notes name it
_PAPER = {
    "harvest": "yield sheet",
    "planting": "crop plan",
    "claim": "loss worksheet",
    "sale": "sale account",
    "feed": "feed budget",
    "milk": "milk statement",
    "shearing": "shearing tally",
    "births": "birth record",
    "herd": "treatment record",
    "grazing": "grazing record",
    "haymaking": "hay record",
    "loan": "loan application",
}

# a beekeeper's paper by kind of project, and the life-document kinds a bee farm never keeps: a cattle sale, a field
# diary of crops, and the farm's maintenance log and incident report, whose banks know only a cattle crush and a
# livestock trailer
_BEE_PAPER = {"hives": "hive inspection record", "honey": "honey sales record", "cover": "renewal schedule"}
_BEE_TAKES = ("livestock_sale_record", "harvest_record", "farm_field_diary", "maintenance_log", "incident_report")
# a vineyard's paper by kind of project; its life documents are a bee farm's: no cattle, no field crops
_VINE_PAPER = {"replant": "block register", "spray": "spray diary", "bottle": "bottling run", "pick": "pick record",
               "sales": "wine sales record"}  # fmt: skip

_WRITERS = {
    "harvest": _harvest,
    "planting": _planting,
    "claim": _claim,
    "sale": _sale,
    "milk": _milk,
    "shearing": _shearing,
    "herd": _herd,
    "births": _births,
    "grazing": _grazing,
    "haymaking": _haymaking,
    "feed": _feed,
    "loan": _loan,
}


_ACCOUNTS = re.compile(r"\baccounts\b|bookkeeping|\btax\b", re.I)


def build_farm_project(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """The farm chain of one project: the records of its kind, the counterpart's papers and the mail with them (a
    standing responsibility's papers are :func:`farm_standing.build_farm_recurring`'s)."""
    from .core_project import make_domain

    today = ctx.now.date()
    d: ProjectDomain = make_domain(ctx, plan, plan.day_at(0.45, today))
    plan.domain = d
    plan.folder = ctx.layout.project_folder(plan)
    farm = _Farm(ctx, plan, farm_units(ctx.persona.country_code), life_locale(ctx) or SimpleLocale())
    from .farm_bees import bee_kind, build_bee_papers, is_beekeeper

    if is_beekeeper(ctx.persona.text):
        # hives and honey: the inspection record, the extraction, the sales; no herd, field or cattle sale
        bee = bee_kind(f"{plan.name} {plan.focus}")
        build_bee_papers(farm, bee)
        d.report_type = _BEE_PAPER[bee]
        ctx.project_kinds.update({"timesheet", "expense_claim", "contract", "quote", *_BEE_TAKES})
        return
    from .farm_vines import build_vine_papers, is_vineyard, vine_kind

    if is_vineyard(ctx.persona.text):
        # blocks, sprays, the vintage, the bottling run and the wine sold; no herd, field or grain settlement
        vine = vine_kind(f"{plan.name} {plan.focus}")
        build_vine_papers(farm, vine)
        d.report_type = _VINE_PAPER[vine]
        # the invoices to the trade are the sales' own: no "consultation (hour)" invoice among the life documents
        ctx.project_kinds.update({"timesheet", "expense_claim", "contract", "quote", "invoice", *_BEE_TAKES})
        return
    kind = farm_kind(plan)
    _WRITERS[kind](farm)
    # the notes and to-dos name the project's own paper ("send the sale account to Lisa"), never the family's
    # "annual farm accounts" in every project
    d.report_type = _PAPER[kind]
    # the farm's own records are not written again with other numbers among its life documents; a farmer fills in
    # no employee's timesheet or expense claim, and signs no "agreement for services" with a first draft and a
    # handover, nor quotes "Feeder cattle as discussed on site": those kinds count as taken
    ctx.project_kinds.update({"timesheet", "expense_claim", "contract", "quote", *_TAKES.get(kind, ())})


def build_farm_accounts(ctx: GenerationContext) -> None:
    """The farm's accounts, one workbook a year: every settlement, sale account, indemnity and bill of that year's
    projects, income and expenses, with the year's totals; a past year's closed in January, this year's kept up."""
    if not ctx.farm_books:
        return
    led, clock = ctx.ledger, ctx.ledger.clock
    money = ctx.identity.currency
    years = sorted({d.year for d, *_rest in ctx.farm_books if d <= ctx.now.date()})
    for year in years:
        entries = sorted(e for e in ctx.farm_books if e[0].year == year and e[0] <= ctx.now.date())
        income = [e for e in entries if e[1] == "Income"]
        spent = [e for e in entries if e[1] == "Expenses"]
        closed = date(year + 1, 1, ctx.rng.randint(10, 28))
        made = clock.at(closed) if closed < ctx.now.date() else clock.work(ctx.now - timedelta(days=2))

        def sheet(name: str, rows: list[tuple[date, str, str, float, str]]) -> SheetSpec:
            body: list[list[object]] = [[d.isoformat(), item, posixpath.basename(src), amount]
                                        for d, _s, item, amount, src in rows]  # fmt: skip
            body.append(["Total", "", "", _sum("D", len(rows))])
            return SheetSpec(
                name=name,
                columns=_cols(
                    ("Date", "yyyy-mm-dd"), ("Item", None), ("Paper", None), (f"Amount ({money})", "#,##0.00")
                ),
                rows=body,
            )

        total_in = round(sum(e[3] for e in income), 2)
        total_out = round(sum(e[3] for e in spent), 2)
        summary = SheetSpec(
            name="Summary",
            columns=_cols(("", None), (f"Amount ({money})", "#,##0.00")),
            rows=[["Income", total_in], ["Expenses", total_out], ["Net farm income", round(total_in - total_out, 2)]],
        )
        title = f"Farm accounts {year}"
        path = led.add(
            f"{ctx.farm_accounts or ctx.layout.work_root + '/Accounts'}/{title}.xlsx",
            write_xlsx(
                SpreadsheetSpec(
                    sheets=[summary, sheet("Income", income), sheet("Expenses", spent)],
                    properties=ctx.props(title, ctx.me, made, made, title),
                )
            ),
            purpose=f"The farm's accounts for {year}: income and expenses from the year's papers",
            author=ctx.me,
            created=made,
            sources=tuple((src, "derived_from", "repeats its total") for *_r, src in entries if src in led.files),
            archetype="farm_accounts",
        )
        led.facts[path] = {"income": f"{total_in:.2f}", "expenses": f"{total_out:.2f}"}


def trade_party(farm: _Farm, roles: str, make: tuple[str, tuple[str, ...]], rng: random.Random) -> Person:
    """A trade's one supplier or customer of a kind (a vineyard's bottler, an apiary's jar supplier): the user's own
    contact whose role matches ``roles``, else a new one drawn from ``rng`` (the trade's own source for that kind, so
    every project meets the same one). ``make`` is (the role, words of its business name)."""
    ctx = farm.ctx
    rx = re.compile(roles, re.I)
    for person in ctx.team.people:
        if rx.search(person.role):
            return person
    country = ctx.identity.country
    word = rng.choice(make[1])
    org = company_name(rng, country, word)
    for _retry in range(8):
        if word in org:
            break
        org = company_name(rng, country, word)
    name = person_name(rng, ctx.identity.names_from or country)
    first, last = name.split()[0], name.split()[-1]
    return Person(name, make[0], f"{slug(first)}.{slug(last)}@{domain_for(org, country)}", org)


def supplier_bill(
    farm: _Farm,
    supplier: Person,
    day: date,
    items: Sequence[tuple[str, float, float]],
    what: str,
    source: str,
    *,
    name: str,
    purpose: str,
    quantity: Callable[[float], str] = str,
    qty_head: str = "Qty",
    price_head: str = "Unit price",
    terms: Sequence[str] = (),
) -> str:
    """A trade supplier's bill (a vineyard's bottler, an apiary's jar supplier) for ``items`` (item, quantity, unit
    price), booked to the year's accounts as ``what``; ``name`` is its file name, ``quantity`` writes a quantity and
    ``terms`` are its payment terms. The record it is for (``source``) is cited when it was written before the bill
    (an extraction before the jars; a season's inspection record is finished after its varroa treatment was bought).
    """
    ctx = farm.ctx
    total = round(sum(q * p for _i, q, p in items), 2)
    blocks: list[Block] = [
        Table(header=["Item", qty_head, price_head, "Amount"],
              rows=[[i, quantity(q), farm.cash(p), farm.cash(round(q * p, 2))] for i, q, p in items]),
        Paragraph(text=f"Total due: {farm.cash(total)}."),
    ]  # fmt: skip
    if terms:
        blocks.append(BulletList(items=list(terms)))
    bill = farm.document(
        name,
        DocumentSpec(title=f"{supplier.org} - invoice", subtitle=f"To {ctx.identity.life_org}, {day.isoformat()}",
                     blocks=blocks),
        farm.when(day),
        purpose=purpose,
        archetype="invoice",
        author=supplier.name,
        sources=((source, "references", "what the record needs"),)
        if source in ctx.ledger.files and ctx.ledger.files[source].created <= farm.when(day)
        else (),
    )  # fmt: skip
    ctx.ledger.facts[bill] = {"total_due": farm.cash(total)}
    farm.book(day, "Expenses", f"{what} ({supplier.org})", total, bill)
    return bill

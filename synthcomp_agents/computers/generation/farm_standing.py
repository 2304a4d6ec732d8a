"""Stage 5b on a farm, a standing responsibility's papers: what a farmer keeps for it, never an office's cycle
workbook with plan, actual and variance columns or weekly notes "restated after review".

The vet's visits leave a note each, a few months apart, with the animals treated and what they had (the herd's
treatments from :mod:`farm_records`); the co-op newsletter leaves its monthly issues, short Word files with the
dates, the month's prices per crop unit and the notices; any other visit (the extension agent, the lender, the
equipment dealer) leaves a dated note of what was seen or agreed. The farm's accounts keep their folder for the
yearly workbooks :func:`core_farm.build_farm_accounts` writes.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from synthcomp_agents.office import BulletList, DocumentSpec, Heading, Paragraph, Table, write_markdown

from ..archetypes import SimpleLocale
from .context import GenerationContext
from .core_farm import _ACCOUNTS, _counterpart, _Farm, _spring
from .farm_records import crop_units, crops_for, farm_price, farm_units, livestock_for, make_animals, make_fields
from .life import life_locale
from .plans import ProjectPlan
from .text import cap

__all__ = ["build_farm_recurring"]

_VET = re.compile(r"\bvet|herd health|animal health", re.I)
_NEWSLETTER = re.compile(r"newsletter|bulletin", re.I)
_BEE_RECORD = re.compile(r"\bhives?\b|inspection|varroa|honey|sales", re.I)
_VINE_RECORD = re.compile(r"spray|\bpick|sales|block|bottl|vintage|harvest", re.I)
_FIELD_VISIT = re.compile(r"extension|agronom|advis|field walk|crop walk", re.I)
_SEEN = (
    "stand even, no gaps worth replanting",
    "some waterlogging at the low end",
    "weed pressure low after the last pass",
    "soil sample taken for the lab",
    "cover crop well established",
    "a little leaf disease on the lower leaves, watch it",
)
_NOTICES = (
    "The scale house keeps winter hours: 7 am to 4 pm on weekdays.",
    "Soil sampling kits are at the front desk; the lab turnaround is about two weeks.",
    "The sprayer calibration day is coming up; sign up at the counter.",
    "Seed orders placed before the end of the month get the early discount.",
)


def _rng(ctx: GenerationContext, plan: ProjectPlan, what: str) -> random.Random:
    """A random source of the responsibility's own, so the stages after this one draw as before."""
    return random.Random(f"{ctx.seed}|{ctx.persona.text}|farm-standing|{plan.pid}|{what}")


def build_farm_recurring(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """The papers of one standing responsibility on a farm: the newsletter's issues when it is one, and the notes
    of its visits (the vet's with the herd's treatments); the accounts' folder for the yearly workbooks."""
    from .core_project import make_domain

    today = ctx.now.date()
    d = make_domain(ctx, plan, today)
    d.meeting = plan.meeting
    plan.domain = d
    plan.folder = ctx.layout.project_folder(plan)
    if _ACCOUNTS.search(f"{plan.name} {plan.focus}"):
        ctx.farm_accounts = plan.folder
        return
    farm = _Farm(ctx, plan, farm_units(ctx.persona.country_code), life_locale(ctx) or SimpleLocale())
    from .farm_bees import bee_kind, build_bee_papers, is_beekeeper

    if is_beekeeper(ctx.persona.text) and _BEE_RECORD.search(plan.name):
        # a beekeeper's standing record is the record itself: the season's inspections, the honey sold
        build_bee_papers(farm, bee_kind(plan.name))
        return
    from .farm_vines import build_vine_papers, is_vineyard, vine_kind

    if is_vineyard(ctx.persona.text) and not is_beekeeper(ctx.persona.text) and _VINE_RECORD.search(plan.name):
        # a vineyard's standing record is the record itself: the season's sprays, the vintage, the wine sold
        build_vine_papers(farm, vine_kind(plan.name))
        return
    docs: list[str] = []
    if _NEWSLETTER.search(plan.name):
        docs += _newsletter(farm)
    if _VET.search(f"{plan.meeting} {plan.name}"):
        docs += _vet_visits(farm)
    else:
        docs += _visits(farm)
    plan.documents = docs


def _vet_visits(farm: _Farm) -> list[str]:
    """The vet's quarterly visits: each note names the vet and lists the animals treated and with what."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = _rng(ctx, plan, "vet"), ctx.now.date()
    stock = livestock_for(ctx.persona.text)
    animals = make_animals(
        rng, stock, rng.randint(12, 24), weighed=today - timedelta(days=5), sold_on=None, n_sold=0, spring=_spring(farm)
    )
    vet = _counterpart(ctx, plan, r"\bvet", ("Veterinarian", ("Veterinary Practice", "Vets")))
    out: list[str] = []
    first = today - timedelta(days=rng.randint(5, 25))
    for k in range(4):
        day = first - timedelta(days=91 * (3 - k))
        treated = sorted((a.tag, rng.choice(stock.treatments)) for a in animals if rng.random() < 0.6)
        if not treated:
            treated = [(animals[0].tag, stock.treatments[0])]
        given = sorted({t for _tag, t in treated})
        spec = DocumentSpec(
            title=f"Vet visit {day.isoformat()}",
            blocks=[
                Paragraph(text=f"{vet.name} ({vet.org}), quarterly herd visit."),
                Table(header=["Tag", "Treatment"], rows=[[tag, t] for tag, t in treated]),
                Paragraph(text=f"{len(treated)} animals treated: {', '.join(given)}."),
                Paragraph(text=f"Next visit about {(day + timedelta(days=91)).strftime('%d %B')}."),
            ],
        )
        out.append(
            ctx.ledger.add(
                f"{plan.folder}/Notes/{day.isoformat()} vet visit.md",
                write_markdown(spec),
                purpose="Notes of the vet's quarterly visit: what each animal had",
                author=ctx.me,
                created=farm.when(day, 18),
                project_id=plan.pid,
                archetype="vet_visit_notes",
            )
        )
        ctx.ledger.facts[out[-1]] = {"treated": str(len(treated)), "vet": vet.name}
    return out


def _visits(farm: _Farm) -> list[str]:
    """A monthly visit's notes: the fields walked with the extension agent and what was seen in each, or for any
    other visit what it was about and what was agreed."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = _rng(ctx, plan, "visits"), ctx.now.date()
    meeting = plan.meeting or "visit"
    crops = crops_for(ctx.persona.text, ctx.persona.country_code, ctx.persona.region)
    fields = make_fields(rng, farm.units, crops, rng.randint(3, 5))
    walk = bool(_FIELD_VISIT.search(meeting))
    out: list[str] = []
    for k in range(3):
        day = today - timedelta(days=30 * (3 - k) + rng.randint(0, 6))
        if walk:
            seen = rng.sample(fields, k=min(len(fields), rng.randint(2, 3)))
            blocks: list[Heading | Paragraph | Table | BulletList] = [
                Paragraph(text=f"Walked {len(seen)} fields."),
                Table(
                    header=["Field", "Crop", f"Area ({farm.units.area})", "Seen"],
                    rows=[[f.name, f.crop.name, farm.area(f.area), rng.choice(_SEEN)] for f in seen],
                ),
            ]
        else:
            blocks = [
                Paragraph(text=f"About: {plan.focus or plan.name}."),
                BulletList(
                    items=[
                        rng.choice(("Went through where things stand.", "Looked at the papers together.")),
                        f"Next {meeting} about {(day + timedelta(days=30)).strftime('%d %B')}.",
                    ]
                ),
            ]
        spec = DocumentSpec(title=f"{cap(meeting)} {day.isoformat()}", blocks=blocks)
        out.append(
            ctx.ledger.add(
                f"{plan.folder}/Notes/{day.isoformat()} {meeting[:40]}.md",
                write_markdown(spec),
                purpose=f"Notes of the {meeting}",
                author=ctx.me,
                created=farm.when(day, 19),
                project_id=plan.pid,
                archetype="meeting_notes",
            )
        )
    return out


def _newsletter(farm: _Farm) -> list[str]:
    """The co-op newsletter's last two monthly issues: the month's dates, its prices per crop unit, the notices."""
    ctx, plan = farm.ctx, farm.plan
    rng, today = _rng(ctx, plan, "newsletter"), ctx.now.date()
    crops = crops_for(ctx.persona.text, ctx.persona.country_code, ctx.persona.region)
    coop = f"{ctx.identity.city} Farmers Co-op"
    notices = rng.sample(_NOTICES, k=2)
    out: list[str] = []
    for back in (1, 0):
        first = date(today.year, today.month, 1)
        for _ in range(back):
            first = (first - timedelta(days=1)).replace(day=1)
        month = first.strftime("%B %Y")
        meet = first + timedelta(days=(1 - first.weekday()) % 7 + 7)  # the second Tuesday
        # each crop at its own unit: corn by the bushel, burley tobacco by the pound
        prices = [
            [c.name, farm.cash(farm_price(c.price_eur, rng, farm.currency)), crop_units(farm.units, c).crop]
            for c in crops
            if c.price_eur[1] > 0
        ]
        spec = DocumentSpec(
            title=f"{coop} newsletter - {month}",
            blocks=[
                Heading(text=f"{coop} newsletter - {month}", level=1),
                Heading(text="Dates", level=2),
                BulletList(
                    items=[
                        f"Members' meeting: Tuesday {meet.strftime('%d %B')}, 7 pm at the co-op office.",
                        f"Bulk fuel and fertiliser orders close {(first + timedelta(days=20)).strftime('%d %B')}.",
                    ]
                ),
                Heading(text="Prices at the co-op this month", level=2),
                Table(header=["Crop", "Price", "Per"], rows=prices),
                Heading(text="Notices", level=2),
                Paragraph(text=notices[back]),
            ],
        )
        out.append(
            farm.document(
                f"{coop} newsletter {first.strftime('%Y-%m')}",
                spec,
                min(farm.when(first + timedelta(days=2)), ctx.now - timedelta(hours=1)),
                purpose=f"The co-op newsletter for {month}: dates, prices, notices",
                archetype="newsletter",
            )
        )
    return out

"""Stage 5, a gigging band's project: the band's own papers instead of an office's project pack.

A band keeps no brief, variance report, register, steering deck or timesheet. A run of shows leaves the venues'
booking confirmations, a setlist per show that fills its slot, the tour budget, a merch count and a settlement per
night played; an EP leaves the studio's booking, a track sheet, the recording budget and mix notes; new merch the
printer's quote and a stock count; a fund the application and its budget. The mail is with the promoter, the
studio engineer, the printer, the fund or the bandmates.

Every figure agrees across the project: the budget's fees are the bookings', a settlement's merch is the merch
count's and its door is the booking's ticket price times the tickets sold; each member's share and the kitty add
up to the night's net.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from synthcomp_agents.office import (
    Attachment,
    Block,
    BulletList,
    CalendarSpec,
    CellValue,
    ColumnSpec,
    DocumentSpec,
    EventSpec,
    Heading,
    Paragraph,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    write_docx,
    write_eml,
    write_ics,
    write_markdown,
    write_xlsx,
)

from .._blueprint import PrivateFact
from .._content import Person, ProjectDomain
from .._local_places import local_places
from .._locale import country_code_for
from .._names import domain_for, person_name, slug
from ..archetypes import SimpleLocale, per_euro
from .band_gigs import Show, catalogue, clock_text, draw_shows, in_currency, nearby_cities, split, venues_for
from .context import GenerationContext
from .identity import plays_in_band, plays_solo
from .life import life_locale
from .plans import ProjectPlan
from .seasons import season_named
from .text import safe_name
from .threads import thread_message

__all__ = ["band_fact", "band_kind", "build_band_project", "fit_season", "is_band", "skip_employee_admin"]

_KINDS = (
    ("grant", re.compile(r"\b(fund\w*|grants?|applications?|bursary)\b", re.I)),
    ("merch", re.compile(r"\b(merch\w*|t-?shirts?|shirts?|vinyl|stock)\b", re.I)),
    ("recording", re.compile(r"\b(ep|album|single|record\w*|demo|mix\w*|master\w*|session)\b", re.I)),
    (
        "gigs",
        re.compile(
            r"\b(tour\w*|dates?|gigs?|shows?|income|settlements?|residency|bookings?|festivals?|setlists?|"
            r"rehears\w*|concerts?)\b",
            re.I,
        ),
    ),
)
_BAND_ROLE = re.compile(r"band|drum|bass|singer|vocal|guitar|keys|musical director", re.I)
_FUNDS = ("Music Export Fund", "Touring Support Fund", "Emerging Artist Fund", "New Music Fund")
_PRINTERS = ("Loud Ink Printing", "Second Pressing Merch", "Ink Riot Screenprint", "Dead Stock Print Co.")
# printed merch: item, the printer's unit cost, the band's price on the table
_PRINTED = (("Tote bag", 3.8, 12.0), ("Hoodie", 17.5, 40.0), ("Poster (A2)", 1.6, 8.0), ("Beanie", 5.2, 15.0))
_STUDIOS = ("Basement Tapes Studio", "Red Brick Studios", "The Tone Shed", "Foxhole Recording")
# one thread per kind of project: (counterpart's role words, subject, share, reply, answer)
_PROMOTER = re.compile(r"promoter|booker|venue", re.I)
_ENGINEER = re.compile(r"engineer|producer|studio", re.I)


def is_band(ctx: GenerationContext) -> bool:
    """Whether the user is a gigging musician in a band or a solo act with a band behind them (a punk guitarist, a
    bass player in a rock band, a singer-songwriter), or a solo act with nobody behind them (a DJ, a solo pianist:
    the same chain's solo branch): not an orchestra's player."""
    return plays_in_band(ctx.persona) or plays_solo(ctx.persona)


def band_fact(rng: random.Random, today: date, project: str, d: ProjectDomain, entity: str, choice: int) -> PrivateFact:
    """What a bandmate, the promoter or the engineer knows that no file says yet: a door count that came in late, a
    date moved after the show, a venue or a song dropped (said in the van, never "restated" or "next quarter")."""
    if choice == 0:
        why = (
            "the promoter's final door count is in"
            if re.search(r"ticket|door|gig|fee|merch", d.metric)
            else "the last receipts are in"
            if d.money
            else "the last sessions are written in"
        )
        return PrivateFact(
            topic=f"{project}: figures",
            fact=f"The {d.month_label(d.months[-1])} {d.metric} for {entity} come out about {rng.randint(3, 12)}%"
            f" higher once {why}; not in any file yet.",
        )
    if choice == 1:
        new_date = today + timedelta(days=rng.randint(10, 40))
        return PrivateFact(
            topic=f"{project}: deadline",
            fact=f"We agreed after the last show to have {project} done by {new_date.isoformat()}; nothing written "
            "down yet.",
        )
    return PrivateFact(
        topic=f"{project}: decision",
        fact=f"{entity} is off the list for {project}; we agreed it in the van after the show, not in writing.",
    )


def band_kind(plan: ProjectPlan) -> str | None:
    """What the band's project is: ``gigs`` (a tour, a run of dates, a setlist, last tour's money), ``recording``
    (an EP, an album), ``merch``, ``grant``; None when it is none of these (a PA speaker, the band's website)."""
    words = f"{plan.name} {plan.focus}"
    return next((kind for kind, pattern in _KINDS if pattern.search(words)), None)


def skip_employee_admin(ctx: GenerationContext) -> None:
    """A band member fills no timesheet, claims no expenses from the band and keeps no price list; its setlists,
    bookings and session logs are its projects' own (with the bookings' figures): the kinds count as taken, so the
    life documents write none with made-up figures or a project's name as a product ("launches Last tour's
    income")."""
    ctx.project_kinds.update(
        {"timesheet", "expense_claim", "price_list", "press_release", "setlist", "gig_booking", "recording_session_log"}
    )
    if plays_solo(ctx.persona):
        ctx.project_kinds.add("meeting_minutes")  # a solo act holds no band meetings: nobody to minute them with


@dataclass
class _Band:
    """Who is in the band, its money format and the people its mail goes to."""

    name: str
    members: list[str]
    money: Callable[[float], str]
    currency: str
    scale: float  # units of the currency worth about a euro
    solo: bool = False  # a solo act (a DJ, a solo pianist): the user alone, no split, no bandmates

    def cur(self, amount: float) -> float:
        """A euro-like amount in the band's currency."""
        return in_currency(amount, self.scale)


def _band(ctx: GenerationContext) -> _Band:
    """The band: the user and the bandmates of the team, made up to three to five members."""
    ident = ctx.identity
    locale = life_locale(ctx)
    money = locale.format_money if locale is not None else SimpleLocale().format_money
    if plays_solo(ctx.persona):  # the act is the user, under their own name; nobody to split with
        return _Band(ctx.me, [ctx.me], money, ident.currency, per_euro(ident.currency), solo=True)
    mates = [p.name for p in ctx.team.people if _BAND_ROLE.search(p.role)]
    members = [ctx.me, *mates[:3]]
    # the rest of the line-up, drawn from a random source of its own so the other stages draw as before
    rng = _own_rng(ctx, "members")
    taken = set(members) | {p.name for p in ctx.team.people}
    while len(members) < 3 + (len(ctx.me) % 2):
        members.append(person_name(rng, ident.country, taken))
        taken.add(members[-1])
    # a solo act plays under the artist's own name ("Katie Holmes"), not the business's ("Katie Holmes Music")
    act = ctx.me if ident.life_org == f"{ctx.me} Music" else ident.life_org
    return _Band(act, members, money, ident.currency, per_euro(ident.currency))


def _own_rng(ctx: GenerationContext, what: str) -> random.Random:
    """A random source of the band's own for ``what``, seeded from the generation seed and the persona."""
    return random.Random(f"{ctx.seed}|{ctx.persona.text}|band|{what}")


def _contact(ctx: GenerationContext, plan: ProjectPlan, pattern: re.Pattern[str], org: str, role: str) -> Person:
    """The project's counterpart: one of the team whose role fits (a promoter, a sound engineer), else someone of
    ``org`` made up for the project (the printer's sales person, the fund's officer)."""
    mine = [ctx.team.people[i] for i in plan.stake] + list(ctx.team.people)
    found = next((p for p in mine if pattern.search(p.role)), None)
    if found is not None:
        return found
    rng = _own_rng(ctx, f"contact|{plan.pid}|{org}")
    name = person_name(rng, ctx.identity.country, {p.name for p in ctx.team.people} | {ctx.me})
    first, last = name.split()[0], name.split()[-1]
    return Person(name, role, f"{slug(first, '')}.{slug(last, '')}@{domain_for(org, ctx.identity.country)}", org)


def _mates(ctx: GenerationContext) -> list[Person]:
    """The bandmates on the team (the band's mail goes to them)."""
    return [p for p in ctx.team.people if _BAND_ROLE.search(p.role)]


def _when(ctx: GenerationContext, day: date, hour: int | None = None) -> datetime:
    """An instant on ``day`` (never after now)."""
    return min(ctx.ledger.clock.at(day, hour), ctx.now - timedelta(hours=1))


def _props_doc(ctx: GenerationContext, title: str, author: str, at: datetime, subject: str) -> DocumentSpec:
    return DocumentSpec(title=title, properties=ctx.props(title, author, at, at, subject))


def _fmt(band: _Band, x: float) -> str:
    return band.money(x)


def _gig_run(ctx: GenerationContext, plan: ProjectPlan) -> tuple[random.Random, bool, list[date]]:
    """The run's random source (after its count is drawn), whether it is a setlist's few local shows, and its
    nights."""
    rng = _own_rng(ctx, f"shows|{plan.pid}")
    setlist_only = re.search(r"setlist|rehears", plan.name, re.I) is not None
    n = 2 if setlist_only else rng.randint(3, 5)
    return rng, setlist_only, _show_days(ctx, plan, n)


def _merch_nights(ctx: GenerationContext, plan: ProjectPlan) -> list[date]:
    """The nights new merch is sold at, after the order came in."""
    return [plan.day_at(f, ctx.now.date()) for f in (0.5, 0.7, 0.9)]


def fit_season(ctx: GenerationContext, plan: ProjectPlan, days: list[date]) -> None:
    """Name the project for the season its ``days`` fall in where the user lives: a "Spring tour" whose shows are
    in October is the autumn tour (before its folder is named)."""
    code = ctx.persona.country_code or country_code_for(ctx.identity.country) or ""
    plan.name = season_named(plan.name, days, code)
    plan.focus = season_named(plan.focus, days, code)


def _show_days(ctx: GenerationContext, plan: ProjectPlan, n: int) -> list[date]:
    """The nights of the run: Fridays and Saturdays spread over the project; an active project's later nights are
    still to come."""
    today = ctx.now.date()
    rng = _own_rng(ctx, f"days|{plan.pid}")
    days: list[date] = []
    for k in range(n):
        if plan.status == "active" and k >= max(1, n // 2):
            base = today + timedelta(days=10 + 9 * (k - max(1, n // 2)))
        else:
            base = plan.day_at(0.45 + 0.5 * k / max(1, n), today)
        day = base + timedelta(days=(4 - base.weekday()) % 7 + rng.choice((0, 1)))  # a Friday or a Saturday
        while day in days:
            day += timedelta(days=7)
        days.append(day)
    return days


def build_band_project(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """The band's chain of one project (see the module): its documents, sheets, notes and mail."""
    from .core_business import build_business_project
    from .core_project import make_domain

    band = _band(ctx)
    if band.solo:  # a DJ, a solo pianist: the same chain's solo branch (invoices, track lists, no split)
        from .band_solo import build_solo_project

        build_solo_project(ctx, plan, band)
        return
    kind = band_kind(plan)
    if kind is None:  # a PA speaker or the website: bought or built like a small business's job
        build_business_project(ctx, plan)
        return
    # a season in the name is the season the project's nights fall in ("Spring tour" with October shows is not)
    if kind == "gigs":
        fit_season(ctx, plan, _gig_run(ctx, plan)[2])
    elif kind == "merch":
        fit_season(ctx, plan, _merch_nights(ctx, plan))
    else:
        fit_season(ctx, plan, [plan.day_at(0.5, ctx.now.date())])
    plan.folder = ctx.layout.project_folder(plan)
    # the project's measure (what notes and the objective setter quote) from the band's own words
    kinds = {
        "gigs": ("gig_booking", "setlist"),
        "recording": ("recording_session_log",),
        "merch": ("setlist",),
        "grant": ("grant_proposal",),
    }[kind]
    plan.domain = make_domain(ctx, plan, plan.day_at(0.5, ctx.now.date()), kinds)
    docs = {"gigs": _gigs, "recording": _recording, "merch": _merch, "grant": _grant}[kind](ctx, plan, band)
    plan.documents = docs


def _add(
    ctx: GenerationContext,
    plan: ProjectPlan,
    path: str,
    data: bytes,
    *,
    purpose: str,
    author: str,
    at: datetime,
    archetype: str,
    sources: tuple[tuple[str, str, str], ...] = (),
    facts: dict[str, object] | None = None,
) -> str:
    out = ctx.ledger.add(
        path,
        data,
        purpose=purpose,
        author=author,
        created=at,
        project_id=plan.pid,
        sources=sources,
        archetype=archetype,
    )
    if facts:
        ctx.ledger.facts[out] = dict(facts)
    return out


# --- a run of shows ---------------------------------------------------------------------------------------------


def _gigs(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[str]:
    """Bookings, setlists, the tour budget, merch counts and settlements of the nights played, the band's notes,
    the gig calendar and the mail with the promoter and the band."""
    rng, setlist_only, days = _gig_run(ctx, plan)
    n = len(days)
    code = ctx.persona.country_code or country_code_for(ctx.identity.country) or ""
    places = list(nearby_cities(ctx.identity.city, code))
    # a tour goes out of town (home on the last night); a setlist's shows are local
    run = places[:1] if setlist_only else [*places[1:n], places[0]] if len(places) > 1 else places
    shows = draw_shows(rng, run, days, band.scale, venues_for(code))
    folder, lay = plan.folder, ctx.layout
    today = ctx.now.date()
    promoter = _contact(ctx, plan, _PROMOTER, f"{shows[0].venue} Live", "Promoter")
    docs: list[str] = []
    bookings: list[str] = []
    for show in shows:
        booked = max(plan.started, show.day - timedelta(days=rng.randint(28, 60)))
        at = _when(ctx, min(booked, today - timedelta(days=1)))
        bookings.append(
            _add(
                ctx,
                plan,
                f"{lay.sub(folder, 'admin')}/Booking {safe_name(show.venue)} {show.day.isoformat()}.docx",
                write_docx(_booking_doc(ctx, band, show, promoter, at)),
                purpose=f"Booking confirmation from {show.venue}",
                author=promoter.name,
                at=at,
                archetype="gig_booking",
                facts={"fee": show.fee, "door_pct": show.door_pct, "slot_minutes": show.slot_minutes},
            )
        )
    # the setlists come first: the band writes them (the promoter writes the bookings), so work continues from them
    setlists = []
    for show, booking in zip(shows, bookings, strict=True):
        written = show.day - timedelta(days=rng.randint(0, 3))
        if written >= today:
            continue  # not written yet
        setlists.append(
            _add(
                ctx,
                plan,
                f"{folder}/Setlists/Setlist {safe_name(show.venue)} {show.day.isoformat()}.docx",
                write_docx(_setlist_doc(ctx, band, show, _when(ctx, written, 14))),
                purpose=f"Setlist for {show.venue}",
                author=ctx.me,
                at=_when(ctx, written, 14),
                archetype="setlist",
                sources=((booking, "derived_from", "fills the booked slot"),),
                facts={"set_minutes": show.slot_minutes, "songs": len(show.setlist)},
            )
        )
    docs += [*setlists, *bookings]
    played = [s for s in shows if s.day < today]
    last_booking = max(ctx.ledger.files[b].modified for b in bookings)
    books: list[str] = []
    if not setlist_only:
        budget_at = _when(ctx, min(last_booking.date() + timedelta(days=2), today - timedelta(days=1)))
        books.append(
            _add(
                ctx,
                plan,
                f"{lay.sub(folder, 'data')}/{safe_name(plan.name, 40)} budget.xlsx",
                write_xlsx(_budget_book(ctx, band, plan, shows, budget_at)),
                purpose="Tour budget: the booked fees and deals, expected door and the run's costs",
                author=ctx.me,
                at=budget_at,
                archetype="tour_budget",
                sources=tuple((b, "derived_from", "repeats the booking's terms") for b in bookings),
                facts={"fees_total": round(sum(s.fee for s in shows), 2)},
            )
        )
    else:
        books.append(_rehearsals(ctx, plan, band, shows))
    if played:
        after = _when(ctx, min(played[-1].day + timedelta(days=1), today - timedelta(days=1)), 12)
        merch = _add(
            ctx,
            plan,
            f"{lay.sub(folder, 'data')}/Merch counts.xlsx",
            write_xlsx(_merch_count_book(ctx, band, plan, played, after)),
            purpose="Merch counted before doors and after the set, per night",
            author=ctx.me,
            at=after,
            archetype="merch_count",
            facts={"merch_total": round(sum(s.merch for s in played), 2)},
        )
        settle = _add(
            ctx,
            plan,
            f"{lay.sub(folder, 'data')}/Settlements.xlsx",
            write_xlsx(_settlement_book(ctx, band, plan, played, after)),
            purpose="What each night paid, what it cost and each member's share",
            author=ctx.me,
            at=after + timedelta(minutes=40),
            archetype="gig_settlement",
            sources=(
                (merch, "derived_from", "merch takings from the count"),
                *(
                    (b, "derived_from", "fee and door deal")
                    for b, s in zip(bookings, shows, strict=True)
                    if s in played
                ),
            ),
            facts={
                "net_total": round(sum(s.net for s in played), 2),
                "merch_total": round(sum(s.merch for s in played), 2),
            },
        )
        books += [merch, settle]
    docs += books
    _gig_calendar(ctx, plan, band, shows)
    _notes(ctx, plan, band, shows, played, docs)
    _booking_thread(ctx, plan, band, shows[0], bookings[0], promoter)
    if played and not setlist_only:
        _band_thread(ctx, plan, band, played, books[-1])
    elif setlists:
        _setlist_thread(ctx, plan, band, shows[0], setlists[0])
    return docs


def _booking_doc(ctx: GenerationContext, band: _Band, show: Show, promoter: Person, at: datetime) -> DocumentSpec:
    title = f"Booking confirmation – {band.name} at {show.venue}"
    deal = (
        f"Flat fee of {_fmt(band, show.fee)}, paid on the night"
        if show.deal == "flat fee"
        else f"Door split: {show.door_pct}% of the door to the band after {_fmt(band, show.house_costs)} house costs"
    )
    fields = [
        ["Act", band.name],
        ["Venue", f"{show.venue}, {show.city}"],
        ["Date", show.day.strftime("%A %d %B %Y")],
        ["Load-in", show.load_in],
        ["Set time", f"{show.set_start}–{show.set_end} ({show.slot_minutes} minutes)"],
        ["Capacity", str(show.capacity)],
        ["Tickets", f"{_fmt(band, show.ticket_price)} advance and on the door"],
        ["Deal", deal],
        ["Promoter", f"{promoter.name} ({promoter.email})"],
    ]
    spec = _props_doc(ctx, title, promoter.name, at, show.venue)
    spec.subtitle = f"Show date {show.day.isoformat()}"
    spec.blocks = [
        Paragraph(text=f"Hi {ctx.user.first}, confirming the show below. Reply to this if anything is wrong."),
        Heading(text="The show", level=2),
        Table(header=["Show", "Details"], rows=fields),
        Heading(text="Backline and hospitality", level=2),
        BulletList(
            items=[
                "House PA and monitors, engineer on the desk from load-in.",
                "Backline: house drum kit (shells only) – bring cymbals, snare and breakables.",
                "Merch is the band's: the venue takes no cut. One table by the bar.",
                f"Guest list: {2 + len(band.members)} names to the door by 18:00 on the day.",
                "Two drinks tokens per member.",
            ]
        ),
        Heading(text="Cancellation", level=2),
        Paragraph(
            text="Either side may cancel up to 21 days before the show at no cost. After that, a cancellation by "
            "the venue means the fee (or, on a door deal, the band's costs) is paid."
        ),
    ]
    return spec


def _setlist_doc(ctx: GenerationContext, band: _Band, show: Show, at: datetime) -> DocumentSpec:
    title = f"Setlist – {show.venue}, {show.day.strftime('%d %b %Y')}"
    rows = [[str(k + 1), s.title, s.key, clock_text(s.seconds)] for k, s in enumerate(show.setlist)]
    rows.append(["", "Between songs (tuning, talk)", "", clock_text(show.between_songs)])
    rows.append(["", "Slot", "", clock_text(show.slot_minutes * 60)])
    notes = [f"Load-in {show.load_in}; line check only, straight into {show.setlist[0].title}."]
    swaps = [
        b.title
        for a, b in zip(show.setlist, show.setlist[1:], strict=False)
        if a.key.startswith("drop") != b.key.startswith("drop")
    ]
    if swaps:
        notes.append(f"Guitar swap (drop tuning) before {', '.join(swaps[:3])}: second guitar tuned and on the stand.")
    notes += [
        f"{clock_text(show.between_songs)} between songs in all: no long intros, count the next one in straight away.",
        "Merch counted before doors and again after the set.",
    ]
    spec = _props_doc(ctx, title, ctx.me, at, band.name)
    spec.subtitle = f"On at {show.set_start}, off by {show.set_end} · {show.slot_minutes} minutes"
    spec.blocks = [
        Paragraph(
            text=f"{len(show.setlist)} songs in {show.slot_minutes} minutes. Open with {show.setlist[0].title}, "
            f"close on {show.setlist[-1].title}."
        ),
        Table(header=["#", "Song", "Key / tuning", "Length"], rows=rows),
        BulletList(items=notes),
    ]
    return spec


def _sheet(name: str, header: list[tuple[str, str | None]], rows: list[list[CellValue]]) -> SheetSpec:
    return SheetSpec(
        name=name, columns=[ColumnSpec(header=h, number_format=f) for h, f in header], rows=rows, freeze_header=True
    )


_MONEY_FMT = "#,##0.00"


def _budget_book(
    ctx: GenerationContext, band: _Band, plan: ProjectPlan, shows: list[Show], at: datetime
) -> SpreadsheetSpec:
    cur = band.currency
    rows: list[list[CellValue]] = []
    for k, s in enumerate(shows, start=2):
        expected = max(s.capacity // 3, 20)
        rows.append(
            [
                s.day.isoformat(),
                s.venue,
                s.city,
                s.deal,
                s.fee,
                s.door_pct or None,
                s.house_costs or None,
                s.ticket_price,
                expected,
                f"=ROUND(MAX(0,H{k}*I{k}-G{k})*F{k}/100,2)" if s.deal == "door split" else 0.0,
            ]
        )
    n = len(shows) + 1
    rows.append(["Total", "", "", "", f"=SUM(E2:E{n})", None, None, None, f"=SUM(I2:I{n})", f"=SUM(J2:J{n})"])
    costs: list[list[CellValue]] = []
    for s in shows:
        for item, amount in s.cost_lines:
            costs.append([s.day.isoformat(), s.venue, item, amount])
    m = len(costs) + 1
    costs.append(["Total", "", "", f"=SUM(D2:D{m})"])
    return SpreadsheetSpec(
        sheets=[
            _sheet(
                "Shows",
                [
                    ("Date", None),
                    ("Venue", None),
                    ("City", None),
                    ("Deal", None),
                    (f"Fee ({cur})", _MONEY_FMT),
                    ("Band % of door", None),
                    (f"House costs ({cur})", _MONEY_FMT),
                    (f"Ticket ({cur})", _MONEY_FMT),
                    ("Expected tickets", None),
                    (f"Expected door share ({cur})", _MONEY_FMT),
                ],
                rows,
            ),
            _sheet("Costs", [("Date", None), ("Venue", None), ("Cost", None), (f"Amount ({cur})", _MONEY_FMT)], costs),
        ],
        properties=ctx.props(f"{plan.name} – budget", ctx.me, at, at, band.name),
    )


def _merch_count_book(
    ctx: GenerationContext, band: _Band, plan: ProjectPlan, shows: list[Show], at: datetime
) -> SpreadsheetSpec:
    rows: list[list[CellValue]] = []
    for s in shows:
        for m in s.merch_count:
            r = len(rows) + 2
            rows.append([s.day.isoformat(), s.venue, m.item, m.price, m.before, m.after, f"=E{r}-F{r}", f"=D{r}*G{r}"])
    n = len(rows) + 1
    rows.append(["Total", "", "", None, None, None, f"=SUM(G2:G{n})", f"=SUM(H2:H{n})"])
    cur = band.currency
    return SpreadsheetSpec(
        sheets=[
            _sheet(
                "Counts",
                [
                    ("Date", None),
                    ("Venue", None),
                    ("Item", None),
                    (f"Price ({cur})", _MONEY_FMT),
                    ("Before doors", None),
                    ("After the set", None),
                    ("Sold", None),
                    (f"Takings ({cur})", _MONEY_FMT),
                ],
                rows,
            )
        ],
        properties=ctx.props(f"{plan.name} – merch counts", ctx.me, at, at, band.name),
    )


def _settlement_book(
    ctx: GenerationContext, band: _Band, plan: ProjectPlan, shows: list[Show], at: datetime
) -> SpreadsheetSpec:
    cur, n_members = band.currency, len(band.members)
    rows: list[list[CellValue]] = []
    for k, s in enumerate(shows, start=2):
        each, kitty = split(s.net, n_members)
        rows.append(
            [
                s.day.isoformat(),
                s.venue,
                s.deal,
                s.tickets,
                s.door_gross,
                s.band_door,
                s.fee,
                s.merch,
                s.costs,
                f"=F{k}+G{k}+H{k}-I{k}",
                each,
                kitty,
            ]
        )
    n = len(shows) + 1
    total: list[CellValue] = ["Total", "", "", f"=SUM(D2:D{n})", *(f"=SUM({c}2:{c}{n})" for c in "EFGHIJKL")]
    rows.append(total)
    members: list[list[CellValue]] = [[name, f"=Settlement!K{n + 1}"] for name in band.members]
    members.append(["Band kitty", f"=Settlement!L{n + 1}"])
    return SpreadsheetSpec(
        sheets=[
            _sheet(
                "Settlement",
                [
                    ("Date", None),
                    ("Venue", None),
                    ("Deal", None),
                    ("Tickets sold", None),
                    (f"Door gross ({cur})", _MONEY_FMT),
                    (f"Band's door ({cur})", _MONEY_FMT),
                    (f"Fee ({cur})", _MONEY_FMT),
                    (f"Merch ({cur})", _MONEY_FMT),
                    (f"Costs ({cur})", _MONEY_FMT),
                    (f"Net ({cur})", _MONEY_FMT),
                    (f"Each of {n_members} ({cur})", _MONEY_FMT),
                    (f"Kitty ({cur})", _MONEY_FMT),
                ],
                rows,
            ),
            _sheet("Split", [("Member", None), (f"Share ({cur})", _MONEY_FMT)], members),
        ],
        properties=ctx.props(f"{plan.name} – settlements", ctx.me, at, at, band.name),
    )


def _rehearsals(ctx: GenerationContext, plan: ProjectPlan, band: _Band, shows: list[Show]) -> str:
    """The rehearsal schedule before the shows: the room, the songs to run and the room's cost."""
    rng = _own_rng(ctx, f"rehearsals|{plan.pid}")
    today = ctx.now.date()
    # the rooms of the band's own country (data/local_places.yaml): a São Paulo band rehearses at the estúdio de
    # ensaio, not at London's "The Practice Rooms"
    code = ctx.persona.country_code or country_code_for(ctx.identity.country) or ""
    room = rng.choice(local_places("rehearsal_room", code, places=(ctx.identity.city or "",)))
    rate = band.cur(rng.choice((12, 15, 18, 20, 25)))
    rows: list[list[CellValue]] = []
    songs = [s.title for s in shows[0].setlist]
    first = max(plan.started, shows[0].day - timedelta(days=28))
    for k in range(4):
        day = first + timedelta(days=7 * k)
        hours = rng.choice((2, 3, 3, 4))
        r = k + 2
        rows.append(
            [
                day.isoformat(),
                "19:00",
                room,
                ", ".join(songs[(3 * k) % len(songs) : (3 * k) % len(songs) + 3]),
                hours,
                rate,
                f"=E{r}*F{r}",
            ]
        )
    rows.append(["Total", "", "", "", "=SUM(E2:E5)", None, "=SUM(G2:G5)"])
    at = _when(ctx, min(first, today - timedelta(days=1)))
    cur = band.currency
    spec = SpreadsheetSpec(
        sheets=[
            _sheet(
                "Rehearsals",
                [
                    ("Date", None),
                    ("Start", None),
                    ("Room", None),
                    ("Songs to run", None),
                    ("Hours", None),
                    (f"Rate per hour ({cur})", _MONEY_FMT),
                    (f"Room cost ({cur})", _MONEY_FMT),
                ],
                rows,
            )
        ],
        properties=ctx.props(f"{plan.name} – rehearsals", ctx.me, at, at, band.name),
    )
    return _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'data')}/Rehearsal schedule.xlsx",
        write_xlsx(spec),
        purpose="Rehearsals before the shows: room, songs, hours and cost",
        author=ctx.me,
        at=at,
        archetype="rehearsal_schedule",
    )


def _gig_calendar(ctx: GenerationContext, plan: ProjectPlan, band: _Band, shows: list[Show]) -> None:
    tz = ctx.identity.tz
    events = []
    for s in shows:
        h, m = (int(x) for x in s.load_in.split(":"))
        start = datetime(s.day.year, s.day.month, s.day.day, h, m, tzinfo=tz)
        events.append(
            EventSpec(
                uid=f"{plan.pid}-{s.day.isoformat()}@{slug(band.name, '-')}",
                summary=f"{band.name} at {s.venue} (load-in {s.load_in}, on {s.set_start})",
                start=start,
                end=start + timedelta(hours=6),
                location=f"{s.venue}, {s.city}",
            )
        )
    first = min(ctx.ledger.files[p].created for p in ctx.ledger.files if ctx.ledger.files[p].project_id == plan.pid)
    _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'meetings')}/{safe_name(plan.name)} gigs.ics",
        write_ics(CalendarSpec(events=events, name=f"{band.name} gigs")),
        purpose="The shows on the calendar",
        author=ctx.me,
        at=first,
        archetype="meeting_invitations",
    )


def _notes(
    ctx: GenerationContext, plan: ProjectPlan, band: _Band, shows: list[Show], played: list[Show], docs: list[str]
) -> None:
    today = ctx.now.date()
    dates = []
    for s in shows:
        done = "played" if s in played else "to come"
        deal = f"{_fmt(band, s.fee)} flat" if s.deal == "flat fee" else f"{s.door_pct}% of the door"
        dates.append(f"{s.day.isoformat()} {s.venue}, {s.city}: {s.slot_minutes} min at {s.set_start}, {deal} ({done})")
    blocks: list[Block] = [
        Paragraph(text=f"{len(shows)} shows booked, {len(played)} played. Line-up: {', '.join(band.members)}."),
        Heading(text="Dates", level=1),
        BulletList(items=dates),
    ]
    if played:
        net = round(sum(s.net for s in played), 2)
        each = sum(split(s.net, len(band.members))[0] for s in played)
        blocks += [
            Heading(text="Money so far", level=1),
            Paragraph(
                text=f"Cleared {_fmt(band, net)} after costs over {len(played)} nights; {_fmt(band, each)} each, the "
                "rest to the kitty (see Settlements)."
            ),
        ]
    coming = [s for s in shows if s.day >= today]
    if coming:
        todo = [
            f"Send the setlist for {coming[0].venue} to the band",
            f"Confirm load-in ({coming[0].load_in}) with {coming[0].venue} the week before",
            "Restring the day before",
            "Count the merch before doors and after the set",
            "Post the set times",
        ]
    else:
        todo = [
            "Pay everyone their share (settlement attached to the band mail)",
            "Pay the van back from the kitty",
            "Reorder T-shirts before the next run",
        ]
    blocks += [Heading(text="To do", level=1), BulletList(items=[f"[ ] {t}" for t in todo])]
    at = _when(ctx, today - timedelta(days=1), 21)
    _add(
        ctx,
        plan,
        f"{plan.folder}/{safe_name(plan.name, 50)} notes.md",
        write_markdown(DocumentSpec(title=plan.name, blocks=blocks)),
        purpose="The band's running notes",
        author=ctx.me,
        at=max(at, max(ctx.ledger.files[p].modified for p in docs)),
        archetype="status_page",
        sources=tuple((p, "references", "names its figures") for p in docs),
    )


def _thread(
    ctx: GenerationContext,
    plan: ProjectPlan,
    subject: str,
    messages: list[tuple[Person, Person, str]],
    start: datetime,
    attach: str | None,
) -> None:
    """A mail thread of ``messages`` (sender, recipient, body) from ``start``; the first carries ``attach``."""
    led, rng = ctx.ledger, _own_rng(ctx, f"mail|{plan.pid}|{subject}")
    dom = ctx.user.email.split("@")[1]
    mail = ctx.layout.sub(plan.folder, "mail")
    ids: list[str] = []
    prev: str | None = None
    when = start
    for k, (sender, to, body) in enumerate(messages):
        when = led.clock.work(
            min(when + timedelta(hours=rng.randint(2, 26) if k else 0), ctx.now - timedelta(minutes=10))
        )
        mid = f"<{plan.pid}.b{k}.{slug(subject, '')[:16]}@{dom}>"
        attachments = (
            [Attachment(filename=attach.rsplit("/", 1)[-1], content=led.files[attach].data)]
            if k == 0 and attach
            else []
        )
        spec = thread_message(
            sender=sender.address,
            to=[to.address],
            subject=subject,
            k=k,
            when=when,
            body=body,
            attachments=attachments,
            mid=mid,
            ids=ids,
        )
        srcs: tuple[tuple[str, str, str], ...] = ()
        if k == 0 and attach:
            srcs = ((attach, "attachment_of", "attached"),)
        if prev is not None:
            srcs = (*srcs, (prev, "references", "reply"))
        day_ = when.astimezone(ctx.identity.tz).date()
        prev = led.add(
            f"{mail}/{day_.isoformat()} {'Re ' if k else ''}{safe_name(subject, 60)}.eml",
            write_eml(spec),
            purpose=f"E-mail: {spec.subject}",
            author=sender.name,
            created=when,
            project_id=plan.pid,
            sources=srcs,
            archetype="email",
        )
        ids.append(mid)


def _booking_thread(
    ctx: GenerationContext, plan: ProjectPlan, band: _Band, show: Show, booking: str, promoter: Person
) -> None:
    me = ctx.user
    day = show.day.strftime("%a %d %b")
    msgs = [
        (
            promoter,
            me,
            f"Hi {me.first},\n\nBooking for {band.name} at {show.venue} on {day} attached. Load-in {show.load_in}, "
            f"you're on at {show.set_start} for {show.slot_minutes} minutes. Sign and send back when you can.\n\n"
            f"{promoter.first}",
        ),
        (
            me,
            promoter,
            f"Thanks {promoter.first}, all good. Can we leave the van in the yard overnight, and is the house kit "
            f"still there? We'll bring breakables.\n\n{me.first}",
        ),
        (
            promoter,
            me,
            f"Van's fine in the yard. Kit is there, shells only. Hard curfew, so {show.set_end} means {show.set_end}."
            f"\n\n{promoter.first}",
        ),
    ]
    start = ctx.ledger.files[booking].modified
    _thread(ctx, plan, f"{band.name} at {show.venue}, {day}", msgs, start, booking)


def _band_thread(ctx: GenerationContext, plan: ProjectPlan, band: _Band, played: list[Show], settle: str) -> None:
    mates = _mates(ctx)
    if not mates:
        return
    me, mate = ctx.user, mates[0]
    net = round(sum(s.net for s in played), 2)
    each = sum(split(s.net, len(band.members))[0] for s in played)
    best = max(played, key=lambda s: s.net)
    msgs = [
        (
            me,
            mate,
            f"Hey,\n\nSettlements for the {len(played)} nights attached. We cleared {_fmt(band, net)} after fuel and "
            f"costs, so {_fmt(band, each)} each; the odd cents go in the kitty. {best.venue} was the best night.\n\n"
            f"{me.first}",
        ),
        (mate, me, f"Nice one. Can my share wait in the kitty till we pay the van back?\n\n{mate.first}"),
        (me, mate, f"Sure, I'll note it in the split.\n\n{me.first}"),
    ]
    _thread(ctx, plan, f"{plan.name}: the money", msgs, ctx.ledger.files[settle].modified, settle)


def _setlist_thread(ctx: GenerationContext, plan: ProjectPlan, band: _Band, show: Show, setlist: str) -> None:
    mates = _mates(ctx)
    if not mates:
        return
    me, mate = ctx.user, mates[0]
    msgs = [
        (
            me,
            mate,
            f"Setlist for {show.venue} attached: {len(show.setlist)} songs, {show.slot_minutes} minutes on the nose. "
            f"Opening with {show.setlist[0].title}.\n\n{me.first}",
        ),
        (mate, me, f"Swap the last two? I need a breather before {show.setlist[-1].title}.\n\n{mate.first}"),
        (me, mate, f"Leave it for this one, we'll try it at rehearsal.\n\n{me.first}"),
    ]
    _thread(ctx, plan, f"Setlist {show.venue}", msgs, ctx.ledger.files[setlist].modified, setlist)


# --- an EP --------------------------------------------------------------------------------------------------------


def _ep_size(plan: ProjectPlan) -> int:
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
    found = re.search(r"\b(two|three|four|five|six|\d)[- ]?(song|track)", plan.name, re.I)
    if found:
        w = found.group(1).lower()
        return words.get(w) or int(w)
    return 4 if re.search(r"\bep\b", plan.name, re.I) else 10


def _recording(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[str]:
    """The studio's booking, the track sheet, the recording budget, mix notes and the mail with the engineer."""
    rng = _own_rng(ctx, f"recording|{plan.pid}")
    today = ctx.now.date()
    lay, folder = ctx.layout, plan.folder
    studio = rng.choice(_STUDIOS)
    engineer = _contact(ctx, plan, _ENGINEER, studio, "Studio engineer")
    songs = catalogue(rng, _ep_size(plan))
    days = max(2, len(songs) // 2 + 1)
    day_rate = band.cur(rng.choice((250, 300, 350, 400, 450)))
    mix_each = band.cur(rng.choice((80, 100, 120, 150)))
    master_each = band.cur(rng.choice((25, 35, 40, 50)))
    start_day = plan.day_at(0.3, today)
    booked_at = _when(ctx, plan.day_at(0.1, today))
    lines = [
        ("Tracking days", days, day_rate),
        ("Mixing, per song", len(songs), mix_each),
        ("Mastering, per song", len(songs), master_each),
    ]
    deposit = round(days * day_rate * 0.25, 2)
    booking = _add(
        ctx,
        plan,
        f"{lay.sub(folder, 'admin')}/{safe_name(studio)} booking {start_day.isoformat()}.docx",
        write_docx(_studio_doc(ctx, band, studio, engineer, start_day, lines, deposit, booked_at)),
        purpose=f"Studio booking from {studio}",
        author=engineer.name,
        at=booked_at,
        archetype="studio_booking",
        facts={"day_rate": day_rate, "days": days, "deposit": deposit},
    )
    cur = band.currency
    rows: list[list[CellValue]] = [[item, n, rate, f"=B{k}*C{k}"] for k, (item, n, rate) in enumerate(lines, start=2)]
    extra = [("Artwork", 1, band.cur(rng.choice((100, 150, 200)))), ("Distribution (a year)", 1, band.cur(20))]
    rows += [[item, n, rate, f"=B{k}*C{k}"] for k, (item, n, rate) in enumerate(extra, start=len(lines) + 2)]
    last = len(rows) + 1
    rows.append(["Total", None, None, f"=SUM(D2:D{last})"])
    rows.append(["Deposit paid to the studio", None, None, deposit])
    rows.append(["Each of the band", None, None, f"=ROUND(D{last + 1}/{len(band.members)},2)"])
    total = round(sum(n * r for _i, n, r in (*lines, *extra)), 2)
    budget_at = _when(ctx, plan.day_at(0.15, today))
    budget = _add(
        ctx,
        plan,
        f"{lay.sub(folder, 'data')}/{safe_name(plan.name, 40)} recording budget.xlsx",
        write_xlsx(
            SpreadsheetSpec(
                sheets=[
                    _sheet(
                        "Budget",
                        [("Item", None), ("Units", None), (f"Rate ({cur})", _MONEY_FMT), (f"Cost ({cur})", _MONEY_FMT)],
                        rows,
                    )
                ],
                properties=ctx.props(f"{plan.name} – recording budget", ctx.me, budget_at, budget_at, band.name),
            )
        ),
        purpose="What the recording costs: the studio's rates times days and songs",
        author=ctx.me,
        at=budget_at,
        archetype="recording_budget",
        sources=((booking, "derived_from", "the studio's rates"),),
        facts={"total": total},
    )
    statuses = ("done", "done", "comp", "redo", "to do")
    sheet_rows: list[list[CellValue]] = []
    for k, s in enumerate(songs):
        progress = min(4, int(4 * (today - start_day).days / 30)) if today > start_day else 0
        row = [s.title, s.key, s.bpm, clock_text(s.seconds)]
        row += [statuses[0] if progress >= j else rng.choice(statuses[2:]) for j in range(1, 5)]
        row.append(f"v{1 + (k + progress) % 3}" if progress >= 3 else "")
        sheet_rows.append(row)  # type: ignore[arg-type]
    sheet_at = _when(ctx, min(start_day + timedelta(days=days + 2), today - timedelta(days=1)))
    tracks = _add(
        ctx,
        plan,
        f"{lay.sub(folder, 'data')}/Track sheet.xlsx",
        write_xlsx(
            SpreadsheetSpec(
                sheets=[
                    _sheet(
                        "Tracks",
                        [
                            ("Song", None),
                            ("Key", None),
                            ("BPM", None),
                            ("Length", None),
                            ("Drums", None),
                            ("Bass", None),
                            ("Guitars", None),
                            ("Vocals", None),
                            ("Mix sent", None),
                        ],
                        sheet_rows,
                    )
                ],
                properties=ctx.props("Track sheet", ctx.me, sheet_at, sheet_at, plan.name),
            )
        ),
        purpose="Which parts of each song are tracked, and which mix is the latest",
        author=ctx.me,
        at=sheet_at,
        archetype="track_sheet",
        facts={"songs": len(songs)},
    )
    notes: list[str] = []
    for s in songs[:2]:
        note_day = min(start_day + timedelta(days=days + 5 + 3 * len(notes)), today - timedelta(days=1))
        spec = DocumentSpec(
            title=f"Mix notes – {s.title}",
            blocks=[
                Paragraph(text=f"{s.key}, {s.bpm} bpm, {clock_text(s.seconds)}. For {engineer.first}, on mix 1."),
                BulletList(items=_mix_comments(rng, s.seconds)),
            ],
        )
        notes.append(
            _add(
                ctx,
                plan,
                f"{folder}/Mix notes/{safe_name(s.title)} mix notes.md",
                write_markdown(spec),
                purpose=f"Mix notes for {s.title}",
                author=ctx.me,
                at=_when(ctx, note_day, 22),
                archetype="mix_notes",
                sources=((tracks, "references", "the song's row"),),
            )
        )
    me = ctx.user
    msgs = [
        (
            engineer,
            me,
            f"Hi {me.first},\n\nBooking for {days} days from {start_day.strftime('%d %b')} attached. Day rate "
            f"{_fmt(band, day_rate)}, deposit {_fmt(band, deposit)} to hold the dates.\n\n{engineer.first}",
        ),
        (me, engineer, f"Deposit sent. Drums first day please, we'll bring the kit.\n\n{me.first}"),
        (engineer, me, f"Got it. Doors open 10:00, tea's on.\n\n{engineer.first}"),
    ]
    _thread(ctx, plan, f"{plan.name} at {studio}", msgs, ctx.ledger.files[booking].modified, booking)
    if notes:
        first = songs[0]
        _thread(
            ctx,
            plan,
            f"{first.title} – mix notes",
            [
                (me, engineer, f"Notes on the first mix of {first.title} attached. Close!\n\n{me.first}"),
                (engineer, me, f"Fair points. v2 over the weekend.\n\n{engineer.first}"),
            ],
            ctx.ledger.files[notes[0]].modified,
            notes[0],
        )
    return [booking, budget, tracks, *notes]


# what a band writes on a first mix, at a fraction of the song: (earliest, latest, comment)
_MIX_NOTES = (
    (0.0, 0.08, "kick is lost under the bass in the intro, bring it forward"),
    (0.1, 0.3, "vocal too dry in the first verse, a touch of plate"),
    (0.15, 0.35, "snare too loud against the rhythm guitars"),
    (0.25, 0.45, "backing vocals louder in the chorus, we can't hear the harmony"),
    (0.4, 0.6, "bass and kick fighting, try ducking the bass a little"),
    (0.5, 0.75, "guitars too wide in the bridge, pull them in"),
    (0.55, 0.8, "the lead guitar needs to come up a couple of dB for the solo"),
    (0.65, 0.85, "cymbals harsh in the last chorus"),
)


def _mix_comments(rng: random.Random, seconds: int) -> list[str]:
    """Three or four timed comments on a first mix, in song order, and the ending at the song's end."""
    timed = sorted(
        (int(seconds * rng.uniform(lo, hi)), text) for lo, hi, text in rng.sample(_MIX_NOTES, k=rng.randint(2, 3))
    )
    out = [f"{clock_text(t)} {text}" for t, text in timed]
    ending = rng.choice(("let the last chord ring out, no fade", "the ending is cut short, leave the feedback in"))
    return [*out, f"{clock_text(seconds - rng.randint(4, 12))} {ending}"]


def _studio_doc(
    ctx: GenerationContext,
    band: _Band,
    studio: str,
    engineer: Person,
    start: date,
    lines: list[tuple[str, int, float]],
    deposit: float,
    at: datetime,
) -> DocumentSpec:
    spec = _props_doc(ctx, f"{studio} – booking confirmation", engineer.name, at, band.name)
    spec.subtitle = f"{band.name}, from {start.strftime('%d %B %Y')}"
    rows = [[item, str(n), _fmt(band, rate), _fmt(band, n * rate)] for item, n, rate in lines]
    rows.append(["Total", "", "", _fmt(band, sum(n * r for _i, n, r in lines))])
    spec.blocks = [
        Paragraph(text=f"Thanks for booking {studio}. Engineer: {engineer.name}. Sessions run 10:00–20:00."),
        Table(header=["Item", "Units", "Rate", "Cost"], rows=rows),
        Paragraph(
            text=f"A deposit of {_fmt(band, deposit)} holds the dates; the balance is due before the masters are "
            "released. Tape and drives are yours to keep."
        ),
    ]
    return spec


# --- merch ------------------------------------------------------------------------------------------------------


def _merch(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[str]:
    """The printer's quote, the order mail and the stock count as the shows sell it."""
    rng = _own_rng(ctx, f"merch|{plan.pid}")
    today = ctx.now.date()
    printer = rng.choice(_PRINTERS)
    contact = _contact(ctx, plan, re.compile(r"print|merch", re.I), printer, "Merch printer")
    # what a screen printer prints: the shirt in its sizes (more M and L than S and XL) and two more lines
    shirt = band.cur(rng.choice((6.5, 7.2, 8.4, 9.1)))
    order = [
        (f"T-shirt ({size})", n, shirt, band.cur(25))
        for size, n in zip(("S", "M", "L", "XL"), (12, 24, 24, 12), strict=True)
    ]
    order += [(i, rng.choice((24, 36, 48)), band.cur(c), band.cur(p)) for i, c, p in rng.sample(_PRINTED, k=2)]
    setup = band.cur(rng.choice((30, 45, 60)))
    quoted_at = _when(ctx, plan.day_at(0.1, today))
    quote_rows = [[item, str(q), _fmt(band, u), _fmt(band, q * u)] for item, q, u, _p in order]
    quote_total = round(sum(q * u for _i, q, u, _p in order) + setup, 2)
    quote_rows += [["Screens and setup", "", "", _fmt(band, setup)], ["Total", "", "", _fmt(band, quote_total)]]
    qspec = _props_doc(ctx, f"{printer} – quote for {band.name}", contact.name, quoted_at, plan.name)
    qspec.blocks = [
        Paragraph(text=f"Quote for {band.name}: one-colour print, artwork supplied as vector. Turnaround ten days."),
        Table(header=["Item", "Qty", "Unit", "Cost"], rows=quote_rows),
        Paragraph(text="50% on order, the rest on collection. Prices include delivery to one address."),
    ]
    quote = _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'admin')}/Quote {safe_name(printer)}.docx",
        write_docx(qspec),
        purpose=f"Quote from {printer}",
        author=contact.name,
        at=quoted_at,
        archetype="merch_quote",
        facts={"total": quote_total},
    )
    # sold at the shows since the order came in
    nights = _merch_nights(ctx, plan)
    rows: list[list[CellValue]] = []
    for k, (item, qty, unit, price) in enumerate(order, start=2):
        sold = [rng.randint(1, max(2, qty // 6)) for _n in nights]
        rows.append([item, qty, *sold, f"=B{k}-SUM(C{k}:E{k})", price, unit, f"=F{k}*H{k}"])
    n = len(rows) + 1
    rows.append(["Total", f"=SUM(B2:B{n})", None, None, None, f"=SUM(F2:F{n})", None, None, f"=SUM(I2:I{n})"])
    count_at = _when(ctx, min(nights[-1] + timedelta(days=1), today - timedelta(days=1)))
    cur = band.currency
    stock = _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'data')}/Merch stock.xlsx",
        write_xlsx(
            SpreadsheetSpec(
                sheets=[
                    _sheet(
                        "Stock",
                        [
                            ("Item", None),
                            ("Ordered", None),
                            *((f"Sold {d.strftime('%d %b')}", None) for d in nights),
                            ("In the box", None),
                            (f"Price ({cur})", _MONEY_FMT),
                            (f"Cost each ({cur})", _MONEY_FMT),
                            (f"Stock at cost ({cur})", _MONEY_FMT),
                        ],
                        rows,
                    )
                ],
                properties=ctx.props(f"{band.name} merch stock", ctx.me, count_at, count_at, plan.name),
            )
        ),
        purpose="Merch ordered, sold night by night and left in the box",
        author=ctx.me,
        at=count_at,
        archetype="merch_stock",
        sources=((quote, "derived_from", "quantities and unit costs of the order"),),
    )
    me = ctx.user
    _thread(
        ctx,
        plan,
        f"{band.name} merch order",
        [
            (contact, me, f"Hi {me.first},\n\nQuote attached, {_fmt(band, quote_total)} all in.\n\n{contact.first}"),
            (me, contact, f"Go ahead. Can we see a proof of the shirt before it prints?\n\n{me.first}"),
            (contact, me, f"Proof tomorrow. Half up front please.\n\n{contact.first}"),
        ],
        ctx.ledger.files[quote].modified,
        quote,
    )
    return [quote, stock]


# --- a fund -------------------------------------------------------------------------------------------------------


def _grant(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[str]:
    """The application, its budget and the mail with the fund's officer."""
    rng = _own_rng(ctx, f"grant|{plan.pid}")
    today = ctx.now.date()
    fund = rng.choice(_FUNDS)
    officer = _contact(ctx, plan, re.compile(r"fund|grant", re.I), fund, "Programme officer")
    lines = [
        ("Van hire and fuel", band.cur(rng.choice((900, 1200, 1500)))),
        ("Accommodation", band.cur(rng.choice((600, 800, 1100)))),
        ("Mixing and mastering", band.cur(rng.choice((500, 700, 900)))),
        ("Press and radio plugging", band.cur(rng.choice((400, 600, 800)))),
        ("Merch stock", band.cur(rng.choice((300, 450, 600)))),
    ]
    total = sum(a for _i, a in lines)
    own = round(total * rng.choice((0.2, 0.25, 0.3)), 2)
    asked = round(total - own, 2)
    at = _when(ctx, plan.day_at(0.4, today))
    cur = band.currency
    rows: list[list[CellValue]] = [[i, a] for i, a in lines]
    n = len(rows) + 1
    rows += [["Total cost", f"=SUM(B2:B{n})"], ["Band's own money", own], ["Asked of the fund", f"=B{n + 1}-B{n + 2}"]]
    budget = _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'data')}/{safe_name(fund)} budget.xlsx",
        write_xlsx(
            SpreadsheetSpec(
                sheets=[_sheet("Budget", [("Item", None), (f"Amount ({cur})", _MONEY_FMT)], rows)],
                properties=ctx.props(f"{fund} budget", ctx.me, at, at, plan.name),
            )
        ),
        purpose=f"The budget of the {fund} application",
        author=ctx.me,
        at=at,
        archetype="grant_budget",
        facts={"total": total, "asked": asked},
    )
    app_at = _when(ctx, plan.day_at(0.5, today))
    spec = _props_doc(ctx, f"{fund} application – {band.name}", ctx.me, app_at, plan.name)
    spec.blocks = [
        Heading(text="The applicant", level=2),
        Paragraph(
            text=(
                f"{band.name} is a solo {(ctx.persona.role or 'act').lower()} from {ctx.identity.city}."
                if band.solo
                else f"{band.name} is a {len(band.members)}-piece band from {ctx.identity.city}: "
                f"{', '.join(band.members)}."
                if band.name != ctx.me
                else f"{band.name} ({ctx.user.role.lower()}) plays with a band of {len(band.members) - 1} from "
                f"{ctx.identity.city}: {', '.join(band.members[1:])}."
            )
        ),
        Heading(text="What the money is for", level=2),
        Paragraph(
            text="A run of out-of-town shows and a new recording to take with us, with press and radio plugging "
            "around the release."
        ),
        Heading(text="Budget", level=2),
        Table(
            header=["Item", "Amount"],
            rows=[[i, _fmt(band, a)] for i, a in lines]
            + [["Total cost", _fmt(band, total)], ["Band's own money", _fmt(band, own)], ["Asked", _fmt(band, asked)]],
        ),
    ]
    app = _add(
        ctx,
        plan,
        f"{plan.folder}/{safe_name(fund)} application.docx",
        write_docx(spec),
        purpose=f"Application to the {fund}",
        author=ctx.me,
        at=app_at,
        archetype="grant_application",
        sources=((budget, "derived_from", "the budget table"),),
        facts={"asked": asked},
    )
    me = ctx.user
    _thread(
        ctx,
        plan,
        f"{fund}: application from {band.name}",
        [
            (
                me,
                officer,
                f"Dear {officer.first},\n\nOur application is attached; we ask for {_fmt(band, asked)} "
                f"of a {_fmt(band, total)} budget.\n\nBest,\n{me.name}",
            ),
            (officer, me, f"Thanks, received. Decisions go out six weeks after the deadline.\n\n{officer.name}"),
        ],
        ctx.ledger.files[app].modified,
        app,
    )
    return [budget, app]

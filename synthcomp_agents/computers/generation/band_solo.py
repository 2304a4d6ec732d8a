"""Stage 5, a solo act's project (a DJ, a solo pianist): the band chain's solo branch, the papers of one person who
books, plays and invoices alone.

A run of gigs leaves the bookings (a promoter's club night, a couple's wedding, a radio station's show), a track
list per set with each track's BPM and key, the act's invoice per gig (the fee, the travel there and back, the PA
and lights a wedding hires) and the gig diary; a promo mix leaves its track list and the release notes; new kit the
shop's bill and the kit list. Once a year the accounts add up the invoices and the bills. The mail is with the
promoter, the couple, the station or the shop: never with bandmates, and no fee is split.

Every figure agrees across the project: an invoice's fee is the booking's, its travel the kilometres of the diary,
and the accounts' income is the invoices' totals, gig by gig.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from synthcomp_agents.office import (
    BulletList,
    CellValue,
    DocumentSpec,
    Heading,
    Paragraph,
    SpreadsheetSpec,
    Table,
    write_docx,
    write_markdown,
    write_xlsx,
)

from .._content import Person
from .._locale import country_code_for
from .._names import domain_for, person_name, slug
from .band_gigs import clock_text, nearby_cities, venues_for
from .context import GenerationContext
from .core_band import (
    _MONEY_FMT,
    _PROMOTER,
    _add,
    _Band,
    _contact,
    _fmt,
    _gig_calendar,
    _grant,
    _merch,
    _own_rng,
    _props_doc,
    _sheet,
    _show_days,
    _thread,
    _when,
    fit_season,
)
from .life import life_locale
from .plans import ProjectPlan
from .solo_gigs import (
    SoloGig,
    crate,
    draw_solo_gigs,
    fill_set,
    gear,
    gig_kinds_for,
    invoice_number,
    invoiced_on,
    is_dj,
    paid_on,
    style_for,
)
from .text import safe_name

__all__ = ["build_solo_accounts", "build_solo_project", "solo_bookings_book", "solo_kind"]

_KINDS = (
    ("grant", re.compile(r"\b(fund\w*|grants?|bursary)\b", re.I)),
    (
        "kit",
        re.compile(
            r"\b(speakers?|pa|controller|decks|cdjs?|mixer|lighting|lights|rig|headphones|kit|gear|stage piano|"
            r"digital piano|keyboard|amplifier)\b",
            re.I,
        ),
    ),
    ("mix", re.compile(r"\b(mix\w*|podcast|record\w*|album|ep|single|release)\b", re.I)),
    ("merch", re.compile(r"\b(merch\w*|t-?shirts?)\b", re.I)),
    (
        "gigs",
        re.compile(
            r"\b(wedding\w*|club|nights?|gigs?|shows?|season|enquir\w*|bookings?|playlists?|residency|radio|sets?|"
            r"tour\w*|dates?|festivals?|party|parties|lounge|hotel|income|concerts?)\b",
            re.I,
        ),
    ),
)
_SHOPS = {
    "DE": "Thomann",
    "AT": "Thomann",
    "GB": "Andertons Music Co.",
    "IE": "Gear4music",
    "US": "Sweetwater",
    "CA": "Long & McQuade",
    "AU": "Store DJ",
    "NL": "Bax Music",
    "FR": "Woodbrass",
}
_DECKS = {
    "club": "Two CDJ-3000s and a DJM-900NXS2 in the booth, booth monitor left of the decks.",
    "wedding": "A table 2 m wide by the dance floor, two sockets within 5 m, set-up from the load-in time.",
    "party": "A table by the dance floor and two sockets; the act brings the PA and the lights.",
    "radio": "Studio 2: the station's decks and mic; bring the show's music on USB, news at the top of the hour.",
    "lounge": "The house piano, tuned the week before; a lamp on the music stand.",
}


def solo_kind(plan: ProjectPlan) -> str | None:
    """What the solo act's project is: ``gigs``, ``mix`` (a promo mix, a recording), ``kit`` (speakers, a
    controller, lights), ``merch``, ``grant``; None when none of these (the public liability insurance).

    Example:
        >>> from datetime import date
        >>> p = ProjectPlan("p01", "PA speakers", "upgrading the PA speakers", date(2025, 1, 1), None, "active", [],
        ...                 "project")
        >>> solo_kind(p)
        'kit'
    """
    words = f"{plan.name} {plan.focus}"
    return next((kind for kind, pattern in _KINDS if pattern.search(words)), None)


def _what(ctx: GenerationContext) -> str:
    """What the act calls its set: a DJ set, a piano set."""
    return "DJ set" if is_dj(ctx.persona.text) else "Set"


def _code(ctx: GenerationContext) -> str:
    return ctx.persona.country_code or country_code_for(ctx.identity.country) or ""


def build_solo_project(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> None:
    """The solo act's chain of one project (see the module)."""
    from .core_business import build_business_project
    from .core_project import make_domain

    kind = solo_kind(plan)
    if kind is None:  # the insurance renewal, the website: a small business's job
        build_business_project(ctx, plan)
        return
    today = ctx.now.date()
    days = _gig_days(ctx, plan) if kind == "gigs" else [plan.day_at(0.5, today)]
    fit_season(ctx, plan, days)
    plan.folder = ctx.layout.project_folder(plan)
    kinds = {
        "gigs": ("gig_booking", "setlist"),
        "mix": ("recording_session_log",),
        "kit": ("setlist",),
        "merch": ("setlist",),
        "grant": ("grant_proposal",),
    }[kind]
    plan.domain = make_domain(ctx, plan, plan.day_at(0.5, today), kinds)
    build = {"gigs": _gigs, "mix": _promo_mix, "kit": _kit, "merch": _merch, "grant": _grant}[kind]
    plan.documents = build(ctx, plan, band)


def _gig_days(ctx: GenerationContext, plan: ProjectPlan) -> list[date]:
    """The project's gig nights; one act plays one gig a night, so a night another project booked moves a week on."""
    n = _own_rng(ctx, f"solo-count|{plan.pid}").randint(3, 5)
    taken = {str(f["gig_date"]) for f in ctx.ledger.facts.values() if f.get("gig_date")}
    out: list[date] = []
    for day in _monthly_days(ctx, plan, n) or _show_days(ctx, plan, n):
        while day.isoformat() in taken or day in out:
            day += timedelta(days=7)
        out.append(day)
    return out


def _monthly_days(ctx: GenerationContext, plan: ProjectPlan, n: int) -> list[date]:
    """A monthly night's dates: the same Friday or Saturday of the month (the first, the second...) month after
    month; an active night's later dates still to come. Empty for a project that names no monthly night.

    Example:
        >>> from types import SimpleNamespace
        >>> from datetime import datetime
        >>> ctx = SimpleNamespace(now=datetime(2025, 12, 1), seed=1, persona=SimpleNamespace(text="A techno DJ"))
        >>> p = ProjectPlan("p01", "Monthly club night", "", date(2025, 6, 1), None, "active", [], "project")
        >>> [d.month for d in _monthly_days(ctx, p, 4)], len({d.weekday() for d in _monthly_days(ctx, p, 4)})
        ([10, 11, 12, 1], 1)
    """
    if not re.search(r"\bmonthly\b", f"{plan.name} {plan.focus}", re.I):
        return []
    today = ctx.now.date()
    rng = _own_rng(ctx, f"monthly|{plan.pid}")
    weekday, week = rng.choice((4, 5)), rng.choice((0, 1, 2))  # e.g. every second Saturday of the month
    if plan.status == "active":  # half the nights played, the rest to come
        start = (today.replace(day=1) - timedelta(days=28 * (n // 2))).replace(day=1)
    else:
        start = plan.day_at(0.3, today).replace(day=1)
    out: list[date] = []
    year, month = start.year, start.month
    for _ in range(n):
        first = date(year, month, 1)
        out.append(first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * week))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _gig_list(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[SoloGig]:
    """The project's gigs: its own words say which kind (weddings, club nights), the act's style what is played."""
    rng = _own_rng(ctx, f"solo-gigs|{plan.pid}")
    code = _code(ctx)
    style = style_for(ctx.persona.text, code)
    kinds = gig_kinds_for(f"{plan.name} {plan.focus}", style, ctx.persona.text)
    if kinds == ["wedding"] and style in ("techno", "house"):
        style = "wedding"  # a techno DJ's wedding still wants the first dance and the floor-fillers
    places = list(nearby_cities(ctx.identity.city, code))
    # mostly at home; one night in a town a drive away
    run = [places[0], places[0], *places[1:2], places[0]]
    return draw_solo_gigs(
        rng,
        run,
        _gig_days(ctx, plan),
        style=style,
        kinds=kinds,
        scale=band.scale,
        clubs=venues_for(code),
        country_code=code,
    )


def _client(ctx: GenerationContext, plan: ProjectPlan, gig: SoloGig) -> Person:
    """Who books and pays the gig: the promoter of the club nights, a couple, the station's producer, the venue's
    manager or the host of the party."""
    if gig.kind == "club":
        return _contact(ctx, plan, _PROMOTER, f"{gig.show.venue} Nights", "Promoter")
    rng = _own_rng(ctx, f"client|{plan.pid}|{gig.show.day.isoformat()}")
    name = person_name(rng, ctx.identity.country, {p.name for p in ctx.team.people} | {ctx.me})
    first, last = name.split()[0], name.split()[-1]
    if gig.kind in ("wedding", "party"):
        role = "Wedding client" if gig.kind == "wedding" else "Party host"
        email = f"{slug(first, '')}.{slug(last, '')}@{domain_for('Mailbox', ctx.identity.country)}"
        return Person(name, role, email, "")
    org = gig.show.venue
    role = "Show producer" if gig.kind == "radio" else "Venue manager"
    return Person(name, role, f"{slug(first, '')}.{slug(last, '')}@{domain_for(org, ctx.identity.country)}", org)


# Where a solo act's year of gigs stays under the turnover that obliges a trader to register for VAT or GST (£90,000
# in the UK, €25,000 in Germany, A$75,000 in Australia...), its invoices charge none and say why, as the law asks.
_SMALL_TRADER = {
    "GB": "Not VAT registered: no VAT is charged.",
    "IE": "Not registered for VAT: no VAT is charged.",
    "DE": "No VAT charged: small business under § 19 UStG (Kleinunternehmerregelung).",
    "AT": "No VAT charged: Kleinunternehmer under § 6 (1) Z 27 UStG.",
    "FR": "TVA non applicable, art. 293 B du CGI.",
    "AU": "Not registered for GST: no GST is charged.",
    "NZ": "Not registered for GST: no GST is charged.",
}


def _tax(ctx: GenerationContext, goods: bool) -> tuple[str, float]:
    """The tax an invoice adds (VAT or GST on the act's fee where a small act must register; sales tax only on
    goods a shop sells)."""
    locale = life_locale(ctx)
    if locale is None or not locale.tax.name:
        return "", 0.0
    if not goods and "sales" in locale.tax.name.casefold():
        return "", 0.0  # a US state taxes the speakers, not the DJ's evening
    if not goods and _code(ctx) in _SMALL_TRADER:
        return "", 0.0  # a wedding DJ's £12,000 a year is far under the UK's VAT threshold
    return locale.tax.name, float(locale.tax.rate)


def _hours(minutes: int) -> str:
    return f"{minutes // 60} h" + (f" {minutes % 60} min" if minutes % 60 else "")


# --- a run of gigs ------------------------------------------------------------------------------------------------


def _gigs(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[str]:
    """Bookings, track lists, invoices and the gig diary; the calendar, the notes and the mail with the clients."""
    gigs = _gig_list(ctx, plan, band)
    today = ctx.now.date()
    lay, folder = ctx.layout, plan.folder
    rng = _own_rng(ctx, f"solo-dates|{plan.pid}")
    clients = [_client(ctx, plan, g) for g in gigs]
    bookings: list[str] = []
    for gig, client in zip(gigs, clients, strict=True):
        booked = max(plan.started, gig.show.day - timedelta(days=rng.randint(21, 90 if gig.kind == "wedding" else 45)))
        at = _when(ctx, min(booked, today - timedelta(days=1)))
        bookings.append(
            _add(
                ctx,
                plan,
                f"{lay.sub(folder, 'admin')}/Booking {safe_name(gig.show.venue, 40)} {gig.show.day.isoformat()}.docx",
                write_docx(_booking_doc(ctx, band, gig, client, at)),
                purpose=f"Booking confirmation for {gig.show.venue}",
                author=client.name if gig.kind == "club" else ctx.me,
                at=at,
                archetype="gig_booking",
                facts={
                    "fee": gig.show.fee,
                    "slot_minutes": gig.show.slot_minutes,
                    "gig_date": gig.show.day.isoformat(),
                    "venue": gig.show.venue,
                    "kind": gig.kind,
                },
            )
        )
    setlists: list[str] = []
    for gig, booking in zip(gigs, bookings, strict=True):
        written = gig.show.day - timedelta(days=rng.randint(0, 2))
        if written >= today:
            continue
        at = _when(ctx, written, 15)
        setlists.append(
            _add(
                ctx,
                plan,
                f"{folder}/{_list_name(ctx)}s/{_list_name(ctx)} {safe_name(gig.show.venue, 40)} "
                f"{gig.show.day.isoformat()}.docx",
                write_docx(_tracklist_doc(ctx, band, gig, at)),
                purpose=f"{_list_name(ctx)} of the set at {gig.show.venue}",
                author=ctx.me,
                at=at,
                archetype="setlist",
                sources=((booking, "derived_from", "fills the booked set"),),
                facts={"set_minutes": gig.show.slot_minutes, "tracks": len(gig.show.setlist)},
            )
        )
    invoices: list[str] = []
    taken = {str(f.get("invoice")) for f in ctx.ledger.facts.values() if f.get("invoice")}
    tax_name, tax_rate = _tax(ctx, goods=False)
    for gig, client, booking in zip(gigs, clients, bookings, strict=True):
        issued = invoiced_on(gig.show.day, gig.kind)
        if issued >= today:
            continue
        number = invoice_number(gig.show.day, taken)
        taken.add(number)
        tax = round(gig.billed * tax_rate, 2)
        paid = paid_on(_own_rng(ctx, f"paid|{plan.pid}|{number}"), gig.show.day, gig.kind)
        at = _when(ctx, max(issued, ctx.ledger.files[booking].modified.date()), 10)
        invoices.append(
            _add(
                ctx,
                plan,
                f"{lay.sub(folder, 'admin')}/Invoice {number} {safe_name(gig.show.venue, 40)}.docx",
                write_docx(_invoice_doc(ctx, band, gig, client, number, (tax_name, tax_rate), at)),
                purpose=f"Invoice for the gig at {gig.show.venue}",
                author=ctx.me,
                at=at,
                archetype="gig_invoice",
                sources=((booking, "derived_from", "the booked fee"),),
                facts={
                    "invoice": number,
                    "gig_date": gig.show.day.isoformat(),
                    "client": client.name,
                    "venue": gig.show.venue,
                    "fee": gig.show.fee,
                    "travel": gig.travel,
                    "equipment": gig.equipment,
                    "tax": tax,
                    "total": round(gig.billed + tax, 2),
                    "paid": paid.isoformat() if paid < today else "",
                },
            )
        )
    diary = _diary(ctx, plan, band, gigs, clients, invoices)
    docs = [*bookings, *setlists, *invoices, diary]
    _gig_calendar(ctx, plan, band, [g.show for g in gigs])
    _notes(ctx, plan, band, gigs, invoices, docs)
    _booking_mail(ctx, plan, band, gigs[0], clients[0], bookings[0])
    if invoices:
        k = next(i for i, g in enumerate(gigs) if invoiced_on(g.show.day, g.kind) < today)
        _invoice_mail(ctx, plan, band, gigs[k], clients[k], invoices[0])
    return docs


def _booking_doc(ctx: GenerationContext, band: _Band, gig: SoloGig, client: Person, at: datetime) -> DocumentSpec:
    s = gig.show
    what = _what(ctx)
    fields = [
        ["Act", band.name],
        [
            "Gig",
            {
                "club": "Club night",
                "wedding": "Wedding",
                "party": "Private party",
                "radio": "Radio show",
                "lounge": "Lounge evening",
            }[gig.kind],
        ],
        ["Venue", f"{s.venue}, {s.city}"],
        ["Date", s.day.strftime("%A %d %B %Y")],
        ["Load-in / set-up", s.load_in],
        ["Set time", f"{s.set_start}–{s.set_end} ({s.slot_minutes} minutes)"],
        ["Fee", f"{_fmt(band, s.fee)} flat, the act's alone"],
        ["Travel", f"{gig.km} km each way, billed at {_fmt(band, gig.km_rate)}/km" if gig.km else "Local, not billed"],
    ]
    if gig.equipment:
        fields.append(["PA and lights", f"Brought by the act, {_fmt(band, gig.equipment)}"])
    fields.append(["Booked by", f"{client.name} ({client.email})"])
    if gig.kind == "club":
        title = f"Booking confirmation – {band.name} at {s.venue}"
        said = what if what.startswith("DJ") else what.lower()  # "your DJ set", not "your dj set"
        opening = f"Hi {ctx.user.first}, confirming your {said} below. Reply to this if anything is wrong."
        terms = "Fee paid by bank transfer against the act's invoice within 30 days of the night."
    else:
        title = f"Booking – {s.venue}, {s.day.strftime('%d %B %Y')}"
        opening = f"Dear {client.first}, thank you for booking me. The details we agreed are below."
        terms = (
            "The fee and travel are invoiced a month before the day and due two weeks before it."
            if gig.kind == "wedding"
            else "Invoiced after the gig, due within 14 days."
        )
    spec = _props_doc(ctx, title, client.name if gig.kind == "club" else ctx.me, at, s.venue)
    spec.subtitle = f"Gig date {s.day.isoformat()}"
    spec.blocks = [
        Paragraph(text=opening),
        Table(header=["Booking", "Details"], rows=fields),
        Heading(text="At the venue", level=2),
        BulletList(items=[_DECKS[gig.kind], f"Set-up from {s.load_in}; the set starts at {s.set_start}."]),
        Heading(text="Payment and cancellation", level=2),
        Paragraph(text=f"{terms} Either side may cancel up to 28 days before the date at no cost."),
    ]
    return spec


# Camelot's wheel (the DJ's notation) in the keys a pianist reads
_KEYS = {
    f"{n}{ab}": key
    for n, (minor, major) in enumerate(
        (("A♭ minor", "B major"), ("E♭ minor", "F♯ major"), ("B♭ minor", "D♭ major"), ("F minor", "A♭ major"),
         ("C minor", "E♭ major"), ("G minor", "B♭ major"), ("D minor", "F major"), ("A minor", "C major"),
         ("E minor", "G major"), ("B minor", "D major"), ("F♯ minor", "A major"), ("C♯ minor", "E major")),
        start=1,
    )
    for ab, key in (("A", minor), ("B", major))
}  # fmt: skip


def _list_name(ctx: GenerationContext) -> str:
    """A DJ keeps a track list of the records played; a pianist a set list of the tunes."""
    return "Track list" if is_dj(ctx.persona.text) else "Set list"


def _tracklist_doc(ctx: GenerationContext, band: _Band, gig: SoloGig, at: datetime) -> DocumentSpec:
    """The set's track list: a DJ's with each record's BPM and Camelot key (as Rekordbox shows them), a pianist's
    with each tune's tempo and key as a musician writes it."""
    s = gig.show
    dj = is_dj(ctx.persona.text)
    h, m = (int(x) for x in s.set_start.split(":"))
    clock = h * 3600 + m * 60
    rows: list[list[str]] = []
    for k, t in enumerate(s.setlist):
        rows.append(
            [
                str(k + 1) if t.bpm else "",
                f"{clock // 3600 % 24:02d}:{clock % 3600 // 60:02d}",
                t.title,
                str(t.bpm) if t.bpm else "",
                t.key if dj else _KEYS.get(t.key, t.key),
                clock_text(t.seconds),
            ]
        )
        clock += t.seconds
    rows.append(["", "", "Set", "", "", clock_text(s.slot_minutes * 60)])
    bpms = [t.bpm for t in s.setlist if t.bpm]
    n_tracks = len(bpms)
    spec = _props_doc(ctx, f"{_list_name(ctx)} – {s.venue}, {s.day.strftime('%d %b %Y')}", ctx.me, at, band.name)
    spec.subtitle = f"{s.set_start}–{s.set_end} · {_hours(s.slot_minutes)}"
    if dj:
        head = ["#", "In at", "Track", "BPM", "Key", "Played"]
        notes = [
            "Keys in Camelot notation (as Rekordbox reads them); mixed in key where the next track allows.",
            "Played: from the cue until the next track is in.",
        ]
    else:
        head = ["#", "Starts", "Tune", "Tempo", "Key", "Played"]
        notes = ["Tempo in beats a minute; keys as played, not as the lead sheet has them.", "Requests in the gaps."]
    what = "tracks" if dj else "tunes"
    spec.blocks = [
        Paragraph(
            text=f"{n_tracks} {what} in {_hours(s.slot_minutes)}, {min(bpms)}–{max(bpms)} BPM. In with "
            f"{s.setlist[0].title}, out with {s.setlist[n_tracks - 1].title}."
        ),
        Table(header=head, rows=rows),
        BulletList(items=notes),
    ]
    return spec


def _invoice_doc(
    ctx: GenerationContext,
    band: _Band,
    gig: SoloGig,
    client: Person,
    number: str,
    tax: tuple[str, float],
    at: datetime,
) -> DocumentSpec:
    s = gig.show
    lines = [
        [
            f"{_what(ctx)}, {s.venue}, {s.day.strftime('%d %B %Y')}, {s.set_start}–{s.set_end}",
            "1",
            _fmt(band, s.fee),
            _fmt(band, s.fee),
        ]
    ]
    if gig.km:
        lines.append(
            [
                f"Travel {ctx.identity.city} – {s.city} and back ({2 * gig.km} km)",
                str(2 * gig.km),
                _fmt(band, gig.km_rate),
                _fmt(band, gig.travel),
            ]
        )
    if gig.equipment:
        lines.append(["PA and dance-floor lighting", "1", _fmt(band, gig.equipment), _fmt(band, gig.equipment)])
    name, rate = tax
    amount = round(gig.billed * rate, 2)
    lines.append(["Subtotal", "", "", _fmt(band, gig.billed)])
    if name:
        lines.append([f"{name} {rate * 100:g}%", "", "", _fmt(band, amount)])
    lines.append(["Total due", "", "", _fmt(band, gig.billed + amount)])
    due = (
        s.day - timedelta(days=14)
        if gig.kind == "wedding"
        else (at.date() if isinstance(at, datetime) else at) + timedelta(days=14)
    )
    bill_to = (
        f"{client.name}, {s.venue}"
        if gig.kind == "club"
        else client.name
        if not client.org
        else f"{client.name}, {client.org}"
    )
    spec = _props_doc(ctx, f"Invoice {number}", ctx.me, at, s.venue)
    spec.subtitle = f"{band.name} · {ctx.identity.city}"
    spec.blocks = [
        Table(
            header=["Invoice", number],
            rows=[
                ["Date", at.date().isoformat()],
                ["Bill to", bill_to],
                ["Gig", f"{s.venue}, {s.day.isoformat()}"],
                ["Due", due.isoformat()],
            ],
        ),
        Table(header=["Description", "Qty", "Rate", "Amount"], rows=lines),
        Paragraph(
            text=f"Payment by bank transfer to {band.name}, quoting {number}. "
            + (
                _SMALL_TRADER.get(_code(ctx), "No tax is charged on the fee.")
                if not name
                else f"{name} number on request."
            )
        ),
    ]
    return spec


def _diary(
    ctx: GenerationContext,
    plan: ProjectPlan,
    band: _Band,
    gigs: list[SoloGig],
    clients: list[Person],
    invoices: list[str],
) -> str:
    """The gig diary of the project: every gig with its set, fee, travel and invoice, totals by formula."""
    by_day = {str(ctx.ledger.facts[p]["gig_date"]): ctx.ledger.facts[p] for p in invoices}
    rows: list[list[CellValue]] = []
    for k, (g, c) in enumerate(zip(gigs, clients, strict=True), start=2):
        inv = by_day.get(g.show.day.isoformat(), {})
        rows.append(
            [
                g.show.day.isoformat(),
                g.kind,
                g.show.venue,
                g.show.city,
                c.name,
                f"{g.show.set_start}–{g.show.set_end}",
                g.show.fee,
                2 * g.km,
                g.travel,
                g.equipment,
                f"=G{k}+I{k}+J{k}",
                str(inv.get("invoice", "")),
                str(inv.get("paid", "")),
            ]
        )
    n = len(rows) + 1
    rows.append(
        [
            "Total",
            "",
            "",
            "",
            "",
            "",
            f"=SUM(G2:G{n})",
            f"=SUM(H2:H{n})",
            f"=SUM(I2:I{n})",
            f"=SUM(J2:J{n})",
            f"=SUM(K2:K{n})",
            "",
            "",
        ]
    )
    cur = band.currency
    at = _when(ctx, ctx.now.date() - timedelta(days=1), 20)
    if invoices:
        at = max(at, max(ctx.ledger.files[p].modified for p in invoices))
    spec = SpreadsheetSpec(
        sheets=[
            _sheet(
                "Gigs",
                [
                    ("Date", None),
                    ("Gig", None),
                    ("Venue", None),
                    ("City", None),
                    ("Booked by", None),
                    ("Set", None),
                    (f"Fee ({cur})", _MONEY_FMT),
                    ("Km there and back", None),
                    (f"Travel ({cur})", _MONEY_FMT),
                    (f"PA and lights ({cur})", _MONEY_FMT),
                    (f"Billed before tax ({cur})", _MONEY_FMT),
                    ("Invoice", None),
                    ("Paid", None),
                ],
                rows,
            )
        ],
        properties=ctx.props(f"{plan.name} – gig diary", ctx.me, at, at, band.name),
    )
    return _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'data')}/{safe_name(plan.name, 40)} gig diary.xlsx",
        write_xlsx(spec),
        purpose="The gigs: sets, fees, travel and invoices",
        author=ctx.me,
        at=at,
        archetype="gig_diary",
        sources=tuple((p, "references", "invoice number and total") for p in invoices),
        facts={"fees_total": round(sum(g.show.fee for g in gigs), 2)},
    )


def _notes(
    ctx: GenerationContext, plan: ProjectPlan, band: _Band, gigs: list[SoloGig], invoices: list[str], docs: list[str]
) -> None:
    today = ctx.now.date()
    played = [g for g in gigs if g.show.day < today]
    lines = [
        f"{g.show.day.isoformat()} {g.show.venue}, {g.show.city}: {g.show.set_start}–{g.show.set_end}, "
        f"{_fmt(band, g.show.fee)} ({'played' if g in played else 'to come'})"
        for g in gigs
    ]
    billed = round(sum(float(ctx.ledger.facts[p]["total"]) for p in invoices), 2)
    unpaid = [str(ctx.ledger.facts[p]["invoice"]) for p in invoices if not ctx.ledger.facts[p]["paid"]]
    coming = [g for g in gigs if g.show.day >= today]
    todo = (
        [
            f"Export the crate to two USB sticks for {coming[0].show.venue}",
            f"Confirm set-up at {coming[0].show.load_in} with {coming[0].show.venue}",
            "Back up the Rekordbox library" if is_dj(ctx.persona.text) else "Print the set's charts",
        ]
        if coming
        else ["File the invoices for the accounts", "Update the mix on the website"]
    )
    todo += [f"Chase invoice {u}" for u in unpaid[:2]]
    blocks = [
        Paragraph(
            text=f"{len(gigs)} gigs booked, {len(played)} played; {len(invoices)} invoiced, {_fmt(band, billed)}."
        ),
        Heading(text="Dates", level=1),
        BulletList(items=lines),
        Heading(text="To do", level=1),
        BulletList(items=[f"[ ] {t}" for t in todo]),
    ]
    at = _when(ctx, today - timedelta(days=1), 21)
    _add(
        ctx,
        plan,
        f"{plan.folder}/{safe_name(plan.name, 50)} notes.md",
        write_markdown(DocumentSpec(title=plan.name, blocks=blocks)),
        purpose="The act's running notes on the gigs",
        author=ctx.me,
        at=max(at, max(ctx.ledger.files[p].modified for p in docs)),
        archetype="status_page",
        sources=tuple((p, "references", "names its figures") for p in docs),
    )


def _booking_mail(
    ctx: GenerationContext, plan: ProjectPlan, band: _Band, gig: SoloGig, client: Person, booking: str
) -> None:
    me, s = ctx.user, gig.show
    day = s.day.strftime("%a %d %b")
    if gig.kind == "club":
        msgs = [
            (
                client,
                me,
                f"Hi {me.first},\n\nYou're on {day} at {s.venue}, {s.set_start}–{s.set_end}, "
                f"{_fmt(band, s.fee)} flat. Booking attached.\n\n{client.first}",
            ),
            (
                me,
                client,
                f"Thanks {client.first}, confirmed. Are the CDJs on current firmware? I'll bring my own "
                f"USBs and headphones.\n\n{me.first}",
            ),
            (client, me, f"They are. Booth monitor is next to the decks. Door at {s.load_in}.\n\n{client.first}"),
        ]
    elif gig.kind == "wedding":
        first_dance = next((t.title for t in s.setlist if t.bpm < 100), s.setlist[0].title)
        msgs = [
            (
                me,
                client,
                f"Dear {client.first},\n\nThe booking for your wedding at {s.venue} on {day} is attached: "
                f"{s.set_start}–{s.set_end}, PA and lights included. Could you send me your first dance and any "
                f"songs you don't want played?\n\nBest,\n{me.first}",
            ),
            (client, me, f"Thank you! First dance is {first_dance}. Please no line dances.\n\n{client.first}"),
            (me, client, f"Noted, {first_dance} to open the floor, no line dances.\n\n{me.first}"),
        ]
    else:
        msgs = [
            (
                me,
                client,
                f"Hi {client.first},\n\nBooking for {day} at {s.venue} attached: {s.set_start}–{s.set_end}, "
                f"{_fmt(band, s.fee)}.\n\n{me.first}",
            ),
            (client, me, f"All good, see you at {s.load_in}.\n\n{client.first}"),
        ]
    _thread(ctx, plan, f"{band.name} at {s.venue}, {day}", msgs, ctx.ledger.files[booking].modified, booking)


def _invoice_mail(
    ctx: GenerationContext, plan: ProjectPlan, band: _Band, gig: SoloGig, client: Person, invoice: str
) -> None:
    me, facts = ctx.user, ctx.ledger.facts[invoice]
    total = float(facts["total"])
    msgs = [
        (
            me,
            client,
            f"Hi {client.first},\n\nInvoice {facts['invoice']} for {gig.show.venue} on "
            f"{gig.show.day.strftime('%d %B')} attached: {_fmt(band, total)}.\n\nThanks,\n{me.first}",
        )
    ]
    if facts["paid"]:
        msgs.append(
            (
                client,
                me,
                f"Thanks, the transfer goes out on {date.fromisoformat(str(facts['paid'])):%d %B}.\n\n{client.first}",
            )
        )
    _thread(ctx, plan, f"Invoice {facts['invoice']}", msgs, ctx.ledger.files[invoice].modified, invoice)


# --- a promo mix --------------------------------------------------------------------------------------------------


def _promo_mix(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[str]:
    """The mix's track list (cue times, BPM, key), the release notes and the mail sending it to a promoter."""
    rng = _own_rng(ctx, f"mix|{plan.pid}")
    today = ctx.now.date()
    style = style_for(ctx.persona.text, _code(ctx))
    minutes = rng.choice((60, 60, 75, 90))
    tracks = [t for t in fill_set(rng, minutes, crate(rng, style), style) if t.bpm]  # a mix takes no requests
    minutes = round(sum(t.seconds for t in tracks) / 60)
    recorded = plan.day_at(0.4, today)
    released = plan.day_at(0.6, today)
    what = f"{style} mix" if is_dj(ctx.persona.text) else f"live {style} session"
    title = f"{band.name} – {what[:1].upper()}{what[1:]}, {recorded.strftime('%B %Y')}"
    rows: list[list[CellValue]] = []
    cue = 0
    for k, t in enumerate(tracks, start=1):
        rows.append([k, clock_text(cue), t.title, t.bpm, t.key, clock_text(t.seconds)])
        cue += t.seconds
    rows.append(["", clock_text(cue), "End", None, "", ""])
    at = _when(ctx, recorded, 23)
    lst = _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'data')}/{safe_name(title, 60)} track list.xlsx",
        write_xlsx(
            SpreadsheetSpec(
                sheets=[
                    _sheet(
                        "Track list",
                        [("#", None), ("Cue", None), ("Track", None), ("BPM", None), ("Key", None), ("Played", None)],
                        rows,
                    )
                ],
                properties=ctx.props(title, ctx.me, at, at, plan.name),
            )
        ),
        purpose="The promo mix's track list with cue times, BPM and key",
        author=ctx.me,
        at=at,
        archetype="mix_tracklist",
        facts={"minutes": minutes, "tracks": len(tracks)},
    )
    platform = rng.choice(("Mixcloud", "SoundCloud"))
    bpms = [t.bpm for t in tracks]
    notes_at = _when(ctx, released, 12)
    notes = _add(
        ctx,
        plan,
        f"{plan.folder}/{safe_name(title, 60)} release notes.md",
        write_markdown(
            DocumentSpec(
                title=title,
                blocks=[
                    Paragraph(
                        text=f"Up on {platform} on {released.isoformat()}. {minutes} minutes, {len(tracks)} "
                        f"tracks, {min(bpms)}–{max(bpms)} BPM."
                    ),
                    Heading(text="Description", level=2),
                    Paragraph(
                        text=f"A {minutes}-minute {what} recorded in one take on {recorded.strftime('%d %B')}. "
                        f"Opens with {tracks[0].title}, closes with {tracks[-1].title}."
                    ),
                    Heading(text="Tags", level=2),
                    BulletList(
                        items=[style, ctx.identity.city, "dj mix" if is_dj(ctx.persona.text) else "live", "promo"]
                    ),
                    Heading(text="Send to", level=2),
                    BulletList(items=["Promoters of the club nights", "The website's mix page", "Instagram story"]),
                ],
            )
        ),
        purpose="Release notes of the promo mix",
        author=ctx.me,
        at=notes_at,
        archetype="release_notes",
        sources=((lst, "references", "length and tempo range"),),
    )
    promoter = _contact(ctx, plan, _PROMOTER, "Club promoter", "Promoter")
    me = ctx.user
    _thread(
        ctx,
        plan,
        f"New mix: {title}",
        [
            (
                me,
                promoter,
                f"Hi {promoter.first},\n\nNew {minutes}-minute {what} is up on {platform}, track list "
                f"attached. Would love a slot in the next run of nights.\n\n{me.first}",
            ),
            (
                promoter,
                me,
                f"Listening now. The run from {tracks[1].title} is great. Let's talk dates.\n\n{promoter.first}",
            ),
        ],
        ctx.ledger.files[notes].modified,
        lst,
    )
    return [lst, notes]


# --- new kit ------------------------------------------------------------------------------------------------------


def _kit(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[str]:
    """The shop's bill for the new kit (with tax) and the kit list with everything the act owns."""
    rng = _own_rng(ctx, f"kit|{plan.pid}")
    today = ctx.now.date()
    words = f"{plan.name} {plan.focus}".casefold()
    act = "dj" if is_dj(ctx.persona.text) else "piano"
    # a pianist's kit is no DJ controller; the act's own instruments come first, then the PA it shares with any act
    every = sorted((g for g in gear() if g.get("act") in (act, "any")), key=lambda g: g.get("act") != act)
    wanted = [g for g in every if any(re.search(rf"\b{w}", words) for w in g["words"])] or every[:2]
    shop = _SHOPS.get(_code(ctx), "Thomann")
    lines = [(g["item"], g["model"], 2 if g.get("pair") else 1, band.cur(float(g["price"]))) for g in wanted[:5]]
    net = round(sum(q * p for _i, _m, q, p in lines), 2)
    tax_name, rate = _tax(ctx, goods=True)
    # a shop's price includes VAT where VAT is shown in prices; a US bill adds sales tax on top
    tax = round(net * rate, 2)
    bought = plan.day_at(0.3, today)
    order = f"{rng.randint(10_000_000, 99_999_999)}"
    at = _when(ctx, bought, 11)
    rows = [[f"{i} – {m}", str(q), _fmt(band, p), _fmt(band, q * p)] for i, m, q, p in lines]
    rows.append(["Subtotal", "", "", _fmt(band, net)])
    if tax_name:
        rows.append([f"{tax_name} {rate * 100:g}%", "", "", _fmt(band, tax)])
    rows.append(["Total", "", "", _fmt(band, net + tax)])
    spec = _props_doc(ctx, f"{shop} – invoice for order {order}", shop, at, plan.name)
    spec.blocks = [
        Paragraph(
            text=f"Invoice for order {order}, {bought.strftime('%d %B %Y')}. Delivered to {band.name}, "
            f"{ctx.identity.city}."
        ),
        Table(header=["Item", "Qty", "Unit price", "Amount"], rows=rows),
        Paragraph(text="Paid by card. Two-year warranty; keep this invoice as the proof of purchase."),
    ]
    bill = _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'admin')}/{safe_name(shop)} invoice {order}.docx",
        write_docx(spec),
        purpose=f"The bill from {shop} for the new kit",
        author=shop,
        at=at,
        archetype="equipment_bill",
        facts={
            "bill_date": bought.isoformat(),
            "supplier": shop,
            "net": net,
            "tax": tax,
            "total": round(net + tax, 2),
            "items": ", ".join(m for _i, m, _q, _p in lines),
        },
    )
    owned: list[list[CellValue]] = []
    for i, m, q, p in lines:
        for _ in range(q):
            owned.append([i, m, f"{slug(m, '')[:4].upper()}{rng.randint(100000, 999999)}", bought.isoformat(), p, p])
    older = [g for g in every if g not in wanted][:3]
    for g in older:
        when = bought - timedelta(days=rng.randint(300, 1400))
        price = band.cur(float(g["price"]))
        owned.append(
            [
                g["item"],
                g["model"],
                f"{slug(g['model'], '')[:4].upper()}{rng.randint(100000, 999999)}",
                when.isoformat(),
                price,
                round(price * rng.uniform(0.45, 0.75), 2),
            ]
        )
    n = len(owned) + 1
    owned.append(["Total", "", "", "", f"=SUM(E2:E{n})", f"=SUM(F2:F{n})"])
    cur = band.currency
    list_at = _when(ctx, min(bought + timedelta(days=rng.randint(3, 10)), today - timedelta(days=1)), 20)
    kit_list = _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'data')}/Kit list.xlsx",
        write_xlsx(
            SpreadsheetSpec(
                sheets=[
                    _sheet(
                        "Kit",
                        [
                            ("Item", None),
                            ("Make and model", None),
                            ("Serial", None),
                            ("Bought", None),
                            (f"Paid ({cur})", _MONEY_FMT),
                            (f"Insured value ({cur})", _MONEY_FMT),
                        ],
                        owned,
                    )
                ],
                properties=ctx.props("Kit list", ctx.me, list_at, list_at, band.name),
            )
        ),
        purpose="Everything the act owns, with serials for the insurance",
        author=ctx.me,
        at=list_at,
        archetype="kit_list",
        sources=((bill, "derived_from", "the new items and their prices"),),
    )
    rep = Person("Customer service", "Shop", f"service@{domain_for(shop, ctx.identity.country)}", shop)
    me = ctx.user
    _thread(
        ctx,
        plan,
        f"Your {shop} order {order}",
        [
            (
                rep,
                me,
                f"Hello {me.first},\n\nYour order {order} ({len(lines)} items, {_fmt(band, net + tax)}) has "
                "shipped; the invoice is attached.\n\nYour {shop} team".replace("{shop}", shop),
            ),
            (
                me,
                rep,
                f"Thanks. One of the {lines[0][1]} boxes arrived dented: the unit works, but please note it in "
                f"case it fails.\n\n{me.name}",
            ),
        ],
        ctx.ledger.files[bill].modified,
        bill,
    )
    return [bill, kit_list]


# --- the year's accounts ------------------------------------------------------------------------------------------


def build_solo_accounts(ctx: GenerationContext) -> None:
    """The act's accounts, one workbook a year: every invoice's fee, travel, kit hire and tax as income, every kit
    bill as an expense, and the year's profit by formula (written from the invoices and bills, which it cites)."""
    led = ctx.ledger
    invoices = sorted(
        (p for p, f in led.files.items() if f.archetype == "gig_invoice" and p in led.facts),
        key=lambda p: str(led.facts[p]["gig_date"]),
    )
    bills = sorted(
        (p for p, f in led.files.items() if f.archetype == "equipment_bill" and p in led.facts),
        key=lambda p: str(led.facts[p]["bill_date"]),
    )
    if not invoices:
        return
    years = sorted({int(str(led.facts[p]["gig_date"])[:4]) for p in invoices})[-3:]
    cur = ctx.identity.currency
    today = ctx.now.date()
    for year in years:
        mine = [p for p in invoices if str(led.facts[p]["gig_date"]).startswith(str(year))]
        spent = [p for p in bills if str(led.facts[p]["bill_date"]).startswith(str(year))]
        income: list[list[CellValue]] = []
        for k, p in enumerate(mine, start=2):
            f = led.facts[p]
            income.append(
                [
                    str(f["gig_date"]),
                    str(f["invoice"]),
                    str(f["client"]),
                    str(f["venue"]),
                    float(f["fee"]),
                    float(f["travel"]),
                    float(f["equipment"]),
                    float(f["tax"]),
                    f"=SUM(E{k}:H{k})",
                    str(f["paid"]),
                ]
            )
        n = len(income) + 1
        income.append(["Total", "", "", "", *(f"=SUM({c}2:{c}{n})" for c in "EFGHI"), ""])
        expenses: list[list[CellValue]] = []
        for k, p in enumerate(spent, start=2):
            f = led.facts[p]
            expenses.append(
                [
                    str(f["bill_date"]),
                    str(f["supplier"]),
                    str(f["items"]),
                    float(f["net"]),
                    float(f["tax"]),
                    f"=D{k}+E{k}",
                ]
            )
        m = len(expenses) + 1
        expenses.append(["Total", "", "", f"=SUM(D2:D{m})", f"=SUM(E2:E{m})", f"=SUM(F2:F{m})"])
        summary: list[list[CellValue]] = [
            ["Gigs invoiced", f"=COUNTA(Income!B2:B{n})"],
            ["Fees", f"=Income!E{n + 1}"],
            ["Travel", f"=Income!F{n + 1}"],
            ["PA and lights hire", f"=Income!G{n + 1}"],
            ["Income before tax", "=B3+B4+B5"],
            ["Kit bought (before tax)", f"=Expenses!D{m + 1}"],
            ["Profit before tax", "=B6-B7"],
        ]
        end = date(year, 12, 31)
        at = _when(ctx, min(end + timedelta(days=20), today - timedelta(days=1)), 20)
        title = f"Gig income {year}" + ("" if end < today else " (to date)")
        spec = SpreadsheetSpec(
            sheets=[
                _sheet(
                    "Income",
                    [
                        ("Gig date", None),
                        ("Invoice", None),
                        ("Client", None),
                        ("Venue", None),
                        (f"Fee ({cur})", _MONEY_FMT),
                        (f"Travel ({cur})", _MONEY_FMT),
                        (f"PA and lights ({cur})", _MONEY_FMT),
                        (f"Tax ({cur})", _MONEY_FMT),
                        (f"Total ({cur})", _MONEY_FMT),
                        ("Paid", None),
                    ],
                    income,
                ),
                _sheet(
                    "Expenses",
                    [
                        ("Date", None),
                        ("Supplier", None),
                        ("Items", None),
                        (f"Net ({cur})", _MONEY_FMT),
                        (f"Tax ({cur})", _MONEY_FMT),
                        (f"Total ({cur})", _MONEY_FMT),
                    ],
                    expenses,
                ),
                _sheet("Summary", [("", None), (f"Amount ({cur})", _MONEY_FMT)], summary),
            ],
            properties=ctx.props(title, ctx.me, at, at, "Accounts"),
        )
        path = led.add(
            f"{ctx.layout.work_root}/Accounts/{title}.xlsx",
            write_xlsx(spec),
            purpose=f"The act's income and kit costs for {year}, from the invoices and bills",
            author=ctx.me,
            created=at,
            sources=tuple((p, "derived_from", "the invoice's amounts") for p in mine)
            + tuple((p, "derived_from", "the bill's amounts") for p in spent),
            archetype="gig_accounts",
        )
        led.facts[path] = {
            "income": round(sum(float(led.facts[p]["total"]) for p in mine), 2),
            "gigs": len(mine),
            "year": year,
        }


def solo_bookings_book(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> str:
    """A standing gig diary (or bookings summary): every gig the act's projects booked, with its fee and invoice,
    and the gigs and fees by month (from the bookings and invoices, which it cites)."""
    led = ctx.ledger
    bookings = sorted(
        (p for p, f in led.files.items() if f.archetype == "gig_booking" and "venue" in led.facts.get(p, {})),
        key=lambda p: str(led.facts[p]["gig_date"]),
    )
    invoices = {
        str(led.facts[p]["gig_date"]): p
        for p, f in led.files.items()
        if f.archetype == "gig_invoice" and p in led.facts
    }
    rows: list[list[CellValue]] = []
    months: dict[str, list[float]] = {}
    for p in bookings:
        f = led.facts[p]
        inv = invoices.get(str(f["gig_date"]))
        number = str(led.facts[inv]["invoice"]) if inv else ""
        rows.append(
            [str(f["gig_date"]), str(f["kind"]), str(f["venue"]), int(f["slot_minutes"]), float(f["fee"]), number]
        )
        months.setdefault(str(f["gig_date"])[:7], []).append(float(f["fee"]))
    n = len(rows) + 1
    rows.append(["Total", "", "", f"=SUM(D2:D{n})", f"=SUM(E2:E{n})", ""])
    by_month: list[list[CellValue]] = [[m, len(v), round(sum(v), 2)] for m, v in sorted(months.items())]
    k = len(by_month) + 1
    by_month.append(["Total", f"=SUM(B2:B{k})", f"=SUM(C2:C{k})"])
    cur = band.currency
    at = _when(ctx, ctx.now.date() - timedelta(days=1), 21)
    if bookings:
        at = max(at, max(led.files[p].modified for p in [*bookings, *invoices.values()]))
    spec = SpreadsheetSpec(
        sheets=[
            _sheet(
                "Gigs",
                [
                    ("Date", None),
                    ("Gig", None),
                    ("Venue", None),
                    ("Set (min)", None),
                    (f"Fee ({cur})", _MONEY_FMT),
                    ("Invoice", None),
                ],
                rows,
            ),
            _sheet("By month", [("Month", None), ("Gigs", None), (f"Fees booked ({cur})", _MONEY_FMT)], by_month),
        ],
        properties=ctx.props(plan.name, ctx.me, at, at, band.name),
    )
    return _add(
        ctx,
        plan,
        f"{plan.folder}/{safe_name(plan.name, 50)}.xlsx",
        write_xlsx(spec),
        purpose="Every gig booked, its fee and invoice, and the gigs by month",
        author=ctx.me,
        at=at,
        archetype="gig_diary",
        sources=tuple((p, "references", "the booked gig") for p in bookings),
        facts={"gigs": len(bookings), "fees_total": round(sum(float(led.facts[p]["fee"]) for p in bookings), 2)},
    )

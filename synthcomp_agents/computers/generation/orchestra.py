"""Stage 5, an orchestral musician's project (a section player, a freelance who deputises, a conductor or music
director): the papers of concerts instead of an office's project pack.

A season's programme leaves the concert programme (real works from a reviewed repertoire, with their durations and
the running time), the rehearsal schedule (the calls before each concert and the works each one covers), the
library's parts list (edition, own or hired, string count, due back), the section's seating plan and the player's
practice log; deputising leaves the fixer's dates and the player's invoice per engagement; an audition the excerpt
list; a chamber recital its programme and the group's rehearsals; a tour its itinerary. The mail is with the
librarian, the fixer or the orchestra manager.

Every figure agrees: the running time is the works' durations plus the interval, the rehearsal schedule calls the
works the programme plays, the parts list lists the same works, and each deputy invoice's calls are the dates the
fixer booked.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from synthcomp_agents.office import (
    BulletList,
    CellValue,
    ColumnSpec,
    DocumentSpec,
    Heading,
    Paragraph,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    write_docx,
    write_markdown,
    write_xlsx,
)

from .._blueprint import PrivateFact
from .._content import Person
from .._locale import country_code_for
from .._names import domain_for, person_name, slug
from ..archetypes import SimpleLocale, per_euro
from .band_gigs import in_currency, nearby_cities
from .context import GenerationContext
from .core_band import _thread, fit_season
from .identity import NAMED_ORCHESTRA, plays_in_orchestra
from .life import life_locale
from .plans import ProjectPlan
from .text import safe_name

__all__ = [
    "Work",
    "build_orchestra_project",
    "build_orchestra_recurring",
    "draw_programme",
    "is_orchestral",
    "orchestra_fact",
    "works",
]

_MONEY = "#,##0.00"
_INSTRUMENTS = (
    ("violin", r"violin"),
    ("viola", r"viol(a|ist)\b"),
    ("cello", r"cell(o|ist)"),
    ("double bass", r"double bass|bassist"),
    ("flute", r"flut(e|ist)|flautist"),
    ("oboe", r"obo(e|ist)"),
    ("clarinet", r"clarinet"),
    ("bassoon", r"bassoon"),
    ("horn", r"\bhorn"),
    ("trumpet", r"trumpet"),
    ("harp", r"harp"),
    ("timpani", r"timpan|percussion"),
)
_STRINGS = ("violin", "viola", "cello", "double bass")
_NAMED = NAMED_ORCHESTRA  # "the Vienna Philharmonic", "the Hallé Orchestra"
_KINDS = (
    ("dep", re.compile(r"deputis\w*|\bdeps?\b|freelance|fixer|extra (work|dates)", re.I)),
    ("audition", re.compile(r"audition|excerpts?|trial", re.I)),
    ("chamber", re.compile(r"chamber|quartet|trio\b|recital", re.I)),
    ("tour", re.compile(r"\btour\w*|festival", re.I)),
    ("parts", re.compile(r"bowings?|\bparts\b|library|marking", re.I)),
    ("insurance", re.compile(r"insurance|valuation", re.I)),
)


@dataclass(frozen=True)
class Work:
    """A work as a programme lists it."""

    composer: str
    title: str
    short: str
    minutes: int
    kind: str  # opener, concerto:<instrument>, main, chamber
    edition: str
    hired: bool


@dataclass
class Concert:
    """One concert: the day, the hall, who conducts, the soloist (a concerto's) and the works in order."""

    day: date
    time: str
    hall: str
    city: str
    conductor: str
    soloist: str
    works: list[Work]

    @property
    def minutes(self) -> int:
        """Running time: the works and a 20-minute interval when there is a second half."""
        return sum(w.minutes for w in self.works) + (20 if len(self.works) > 1 else 0)


@cache
def _data() -> dict[str, Any]:
    text = (
        resources.files("synthcomp_agents.computers.archetypes")
        .joinpath("data/orchestral_repertoire.yaml")
        .read_text("utf-8")
    )
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def _parse(line: str) -> Work:
    composer, title, short, minutes, kind, edition, parts = (x.strip() for x in str(line).split("|"))
    return Work(composer, title, short, int(minutes), kind, edition, parts == "hire")


def works(section: str = "works") -> tuple[Work, ...]:
    """The repertoire (``works``) or the chamber repertoire (``chamber``).

    Example:
        >>> w = next(w for w in works() if w.short == "Mahler 5")
        >>> w.composer, w.minutes, w.kind
        ('Gustav Mahler', 70, 'main')
    """
    return tuple(_parse(x) for x in _data()[section])


def draw_programme(rng: random.Random, avoid: set[str], solo: str | None = None) -> list[Work]:
    """A concert's programme: an opener, a concerto (for ``solo`` when a soloist's instrument is given) and a main
    work after the interval, never a main work in ``avoid`` (already played this season).

    Example:
        >>> p = draw_programme(random.Random(1), set())
        >>> [w.kind.split(":")[0] for w in p]
        ['opener', 'concerto', 'main']
    """
    every = works()
    openers = [w for w in every if w.kind == "opener"]
    concertos = [w for w in every if w.kind.startswith("concerto") and (solo is None or w.kind.endswith(solo))]
    mains = [w for w in every if w.kind == "main" and w.short not in avoid] or [w for w in every if w.kind == "main"]
    main = rng.choice(mains)
    if main.minutes >= 65:  # a long symphony fills the second half and most of the evening: a short first half
        return [rng.choice([w for w in openers if w.minutes <= 17]), main]
    return [rng.choice(openers), rng.choice(concertos or [w for w in every if w.kind.startswith("concerto")]), main]


# what only a colleague knows about a project that plays no programme of the orchestra's, by the project's kind
_KNOWN = {
    "dep": "the fixer dropped one rehearsal call from {project}, so the fee is one call less; said on the phone, "
    "not invoiced or written down yet",
    "audition": "the panel added a sight-reading round to {project}; the orchestra manager said so in the corridor, "
    "not in the excerpt list yet",
    "chamber": "the group agreed to swap the first two works of {project}; not in the programme yet",
    "insurance": "the broker needs a new valuation certificate for {project} before the cover changes; said on "
    "the phone, not in the schedule yet",
}


def orchestra_fact(rng: random.Random, today: date, plan: ProjectPlan, choice: int) -> PrivateFact:
    """What the librarian, the fixer or the orchestra manager knows that no file says yet: hired parts due back
    early, a rehearsal moved, a repeat cut (said at the break, never "restated").

    Example:
        >>> p = ProjectPlan("p01", "Brahms 4 programme", "", date(2025, 1, 1), None, "active", [], "project")
        >>> orchestra_fact(random.Random(0), date(2025, 3, 1), p, 2).topic
        'Brahms 4 programme: decision'
    """
    project, kind = plan.name, _kind(plan)
    if choice == 1:
        new_date = today + timedelta(days=rng.randint(10, 40))
        what = "The general rehearsal for" if kind in ("programme", "tour", "parts") else "The next date of"
        return PrivateFact(
            topic=f"{project}: deadline",
            fact=f"{what} {project} moves to {new_date.isoformat()}; announced at the last call, no file updated yet.",
        )
    if kind in _KNOWN:
        said = _KNOWN[kind].format(project=project)
        return PrivateFact(topic=f"{project}: decision", fact=f"{said[:1].upper()}{said[1:]}.")
    if choice == 0:
        return PrivateFact(
            topic=f"{project}: parts",
            fact=f"The hired parts for {project} have to go back {rng.randint(5, 10)} days earlier than the parts "
            "list says; the librarian said so at the break, not in any file yet.",
        )
    return PrivateFact(
        topic=f"{project}: decision",
        fact=f"The conductor cut the repeat in the first movement for {project}; agreed at the rehearsal, not "
        "marked in the parts yet.",
    )


def is_orchestral(ctx: GenerationContext) -> bool:
    """Whether the user plays in (or conducts, or deputises for) orchestras."""
    return plays_in_orchestra(ctx.persona)


def _rng(ctx: GenerationContext, what: str) -> random.Random:
    return random.Random(f"{ctx.seed}|{ctx.persona.text}|orchestra|{what}")


def _instrument(ctx: GenerationContext) -> str:
    """What the user plays by their own words (``conductor`` for a conductor or music director)."""
    words = f"{ctx.persona.role or ''} {ctx.persona.text}".casefold()
    if re.search(r"conduct|music director|musical director|chief conductor", words):
        return "conductor"
    found = next((name for name, rx in _INSTRUMENTS if re.search(rx, words)), None)
    return found or _rng(ctx, "instrument").choice(("violin", "violin", "viola", "cello", "flute", "horn"))


def _engagement(ctx: GenerationContext) -> str:
    """What another orchestra books the user as: a deputy on their instrument, or a guest conductor."""
    inst = _instrument(ctx)
    return "guest conductor" if inst == "conductor" else f"deputy {inst}"


def _orchestra(ctx: GenerationContext) -> str:
    """The orchestra the user plays in (its employer), or for a freelance the one that books them most."""
    named = _NAMED.search(ctx.persona.text)  # "in the Vienna Philharmonic": the orchestra the persona names
    if named:
        return named.group(0).strip()
    org = ctx.identity.life_org or ctx.identity.org
    if re.search(r"orchestra|philharmoni|symphony|sinfonia|opera|ensemble", org, re.I):
        return org
    return f"{ctx.identity.city} Philharmonic Orchestra"


def _people(ctx: GenerationContext, role: str, n: int = 1) -> list[str]:
    """Names for ``role``: the team's people whose role says it first, then names made up for the orchestra."""
    found = [p.name for p in ctx.team.people if re.search(role, p.role, re.I)]
    rng = _rng(ctx, f"people|{role}")
    taken = {p.name for p in ctx.team.people} | {ctx.me} | set(found)
    while len(found) < n:
        found.append(person_name(rng, ctx.identity.country, taken))
        taken.add(found[-1])
    return found[:n]


def _person(ctx: GenerationContext, role: str, org: str) -> Person:
    name = next((p for p in ctx.team.people if re.search(role, p.role, re.I)), None)
    if name is not None:
        return name
    full = _people(ctx, role)[0]
    first, last = full.split()[0], full.split()[-1]
    return Person(
        full, role.capitalize(), f"{slug(first, '')}.{slug(last, '')}@{domain_for(org, ctx.identity.country)}", org
    )


def _made_person(ctx: GenerationContext, rng: random.Random, role: str, org: str, taken: set[str]) -> Person:
    """Someone of ``org`` made up (another orchestra's fixer)."""
    name = person_name(rng, ctx.identity.country, taken | {ctx.me})
    first, last = name.split()[0], name.split()[-1]
    return Person(name, role, f"{slug(first, '')}.{slug(last, '')}@{domain_for(org, ctx.identity.country)}", org)


def _money(ctx: GenerationContext) -> tuple[Any, float, str]:
    locale = life_locale(ctx)
    fmt = locale.format_money if locale is not None else SimpleLocale().format_money
    return fmt, per_euro(ctx.identity.currency), ctx.identity.currency


def _code(ctx: GenerationContext) -> str:
    return ctx.persona.country_code or country_code_for(ctx.identity.country) or ""


def _halls(ctx: GenerationContext) -> list[str]:
    halls = _data()["halls"]
    return list(halls.get(_code(ctx), halls["*"]))


def _day(plan: ProjectPlan, frac: float, today: date) -> date:
    """The day ``frac`` through the project (a standing job: through the last three months)."""
    if plan.end is None:
        return today - timedelta(days=int(90 * (1 - frac)) + 1)
    return plan.day_at(frac, today)


def _when(ctx: GenerationContext, day: date, hour: int | None = None) -> datetime:
    return min(ctx.ledger.clock.at(day, hour), ctx.now - timedelta(hours=1))


def _add(
    ctx: GenerationContext,
    plan: ProjectPlan,
    path: str,
    data: bytes,
    *,
    purpose: str,
    at: datetime,
    archetype: str,
    author: str | None = None,
    sources: tuple[tuple[str, str, str], ...] = (),
    facts: dict[str, object] | None = None,
) -> str:
    out = ctx.ledger.add(
        path,
        data,
        purpose=purpose,
        author=author or ctx.me,
        created=at,
        project_id=plan.pid,
        sources=sources,
        archetype=archetype,
    )
    if facts:
        ctx.ledger.facts[out] = dict(facts)
    return out


def _sheet(name: str, header: list[tuple[str, str | None]], rows: list[list[CellValue]]) -> SheetSpec:
    return SheetSpec(
        name=name, columns=[ColumnSpec(header=h, number_format=f) for h, f in header], rows=rows, freeze_header=True
    )


def _kind(plan: ProjectPlan) -> str:
    """What the project is, by its name first: "Instrument insurance" (renewed "before the tour") is the insurance,
    not a tour."""
    for words in (plan.name, f"{plan.name} {plan.focus}"):
        kind = next((k for k, rx in _KINDS if rx.search(words)), None)
        if kind:
            return kind
    return "programme"


def _concert_days(ctx: GenerationContext, plan: ProjectPlan, n: int, lo: float = 0.35) -> list[date]:
    """Concert nights (a Thursday, Friday or Saturday) spread over the project; an active project's last ones are
    still to come."""
    rng = _rng(ctx, f"days|{plan.pid}")
    today = ctx.now.date()
    out: list[date] = []
    for k in range(n):
        if plan.end is None:  # a standing job: the last three months' concerts and the next one
            base = today - timedelta(days=90) + timedelta(days=int(110 * (k + 1) / n))
        elif plan.status == "active" and k >= max(1, n - 1):
            base = today + timedelta(days=12 + 14 * (k - n + 1))
        else:
            base = _day(plan, lo + (0.95 - lo) * k / max(1, n), today)
        day = base + timedelta(days=(3 - base.weekday()) % 7 + rng.choice((0, 1, 2)))
        while day in out:
            day += timedelta(days=7)
        out.append(day)
    return out


def _concerts(ctx: GenerationContext, plan: ProjectPlan, n: int, *, touring: bool = False) -> list[Concert]:
    rng = _rng(ctx, f"concerts|{plan.pid}")
    days = _concert_days(ctx, plan, n)
    halls = _halls(ctx)
    cities = [c for c, _km in nearby_cities(ctx.identity.city, _code(ctx))] if touring else [ctx.identity.city]
    conductors = _people(ctx, "conductor", 2)
    soloists = _people(ctx, "soloist", 3)
    if _instrument(ctx) == "conductor":
        conductors = [ctx.me, *conductors[1:]]
    played: set[str] = set()
    main = draw_programme(rng, played)
    out = []
    for k, day in enumerate(days):
        # a tour plays one programme in every city; a season a new one each time
        prog = main if touring else draw_programme(rng, played)
        played |= {w.short for w in prog if w.kind == "main"}
        city = cities[k % len(cities)]
        hall = halls[k % len(halls)] if city == ctx.identity.city else f"{rng.choice(('Town Hall', 'Concert Hall'))}"
        who = 0 if touring else k  # a tour takes one conductor and one soloist round every city
        out.append(
            Concert(
                day,
                rng.choice(("19:30", "19:30", "20:00")),
                hall,
                city,
                conductors[who % len(conductors)],
                soloists[who % len(soloists)] if any(w.kind.startswith("concerto") for w in prog) else "",
                prog,
            )
        )
    return out


def build_orchestra_project(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """The orchestral chain of one project (see the module)."""
    from .core_project import make_domain

    kind = _kind(plan)
    today = ctx.now.date()
    if kind in ("programme", "tour", "parts"):
        n = 3 if kind == "programme" else 4 if kind == "tour" else 2
        concerts = _concerts(ctx, plan, n, touring=kind == "tour")
        _headline(plan, concerts)
        fit_season(ctx, plan, [c.day for c in concerts])
    else:
        concerts = []
        days = {
            "dep": lambda: _dep_days(ctx, plan),
            "chamber": lambda: _concert_days(ctx, plan, 1, lo=0.8),
            "audition": lambda: [_day(plan, 0.9, today)],
        }.get(kind, lambda: [_day(plan, 0.3, today)])()
        fit_season(ctx, plan, days)
    plan.folder = ctx.layout.project_folder(plan)
    plan.domain = make_domain(ctx, plan, _day(plan, 0.5, today), ("setlist",))
    if kind == "dep":
        docs = _deputising(ctx, plan)
    elif kind == "audition":
        docs = _audition(ctx, plan)
    elif kind == "chamber":
        docs = _chamber(ctx, plan)
    elif kind == "insurance":
        docs = _insurance(ctx, plan)
    else:
        docs = _season(ctx, plan, concerts, tour=kind == "tour", parts_only=kind == "parts")
    plan.documents = docs


def _headline(plan: ProjectPlan, concerts: list[Concert]) -> None:
    """A programme project named for no work is named for its first concert's main work ("Brahms 4 programme")."""
    if re.fullmatch(r"(the )?(season'?s? )?(main )?concert programmes?|(the )?season programme", plan.name, re.I):
        plan.name = f"{concerts[0].works[-1].short} programme"


# --- a season's programme -----------------------------------------------------------------------------------------


def _season(
    ctx: GenerationContext, plan: ProjectPlan, concerts: list[Concert], *, tour: bool, parts_only: bool
) -> list[str]:
    org = _orchestra(ctx)
    docs: list[str] = []
    if not parts_only:
        docs.append(_programme_doc(ctx, plan, concerts, org, tour))
    schedule = _rehearsals(ctx, plan, concerts, org, docs[0] if docs else None)
    parts = _parts_list(ctx, plan, concerts, org)
    docs += [schedule, parts]
    if _instrument(ctx) in _STRINGS or _instrument(ctx) == "conductor":
        docs.append(_seating(ctx, plan, concerts[0], org))
    if tour:
        docs.append(_itinerary(ctx, plan, concerts, org))
    docs.append(_practice_log(ctx, plan, concerts))
    librarian = _person(ctx, "librarian", org)
    me = ctx.user
    first = concerts[0]
    hired = [w for c in concerts for w in c.works if w.hired]
    msgs = [
        (
            librarian,
            me,
            f"Hi {me.first},\n\nParts for {first.day.strftime('%d %B')} are in the pigeonholes: "
            f"{', '.join(w.short for w in first.works)}. Bowings from the leader are marked in pencil; the parts list "
            f"is attached.\n\n{librarian.first}",
        ),
        (
            me,
            librarian,
            f"Thanks {librarian.first}. Is there a second copy of the {first.works[-1].short} part? "
            f"Mine has last season's cuts in it.\n\n{me.first}",
        ),
        (
            librarian,
            me,
            (
                f"I'll put a clean one out. The hired sets ({', '.join(sorted({w.short for w in hired}))}) "
                "go back two weeks after the concert, so rub out your pencil before then."
                if hired
                else "I'll put a clean one out tomorrow."
            )
            + f"\n\n{librarian.first}",
        ),
    ]
    _thread(ctx, plan, f"Parts for {first.works[-1].short}", msgs, ctx.ledger.files[parts].modified, parts)
    return docs


def _programme_doc(ctx: GenerationContext, plan: ProjectPlan, concerts: list[Concert], org: str, tour: bool) -> str:
    blocks: list[Any] = [
        Paragraph(
            text=f"{org}: {len(concerts)} concerts"
            + (f" on tour, one programme in {len(concerts)} cities." if tour else ", a new programme each.")
        )
    ]
    for c in concerts:
        blocks.append(Heading(text=f"{c.day.strftime('%A %d %B %Y')}, {c.time} – {c.hall}, {c.city}", level=2))
        rows = []
        for k, w in enumerate(c.works):
            if k == len(c.works) - 1 and len(c.works) > 1:
                rows.append(["Interval", "", "20 min"])
            rows.append([w.title, w.composer, f"{w.minutes} min"])
        rows.append(["Running time", "", f"{c.minutes // 60} h {c.minutes % 60:02d} min"])
        blocks.append(Table(header=["Work", "Composer", "Duration"], rows=rows))
        who = f"Conductor: {c.conductor}." + (f" Soloist: {c.soloist}." if c.soloist else "")
        blocks.append(Paragraph(text=who))
    at = _when(ctx, _day(plan, 0.05, ctx.now.date()))
    spec = DocumentSpec(
        title=f"{plan.name} – concert programme",
        subtitle=org,
        blocks=blocks,
        properties=ctx.props(f"{plan.name} – concert programme", ctx.me, at, at, org),
    )
    return _add(
        ctx,
        plan,
        f"{plan.folder}/{safe_name(plan.name, 50)} programme.docx",
        write_docx(spec),
        purpose="The concerts, their works, durations and running times",
        at=at,
        archetype="concert_programme",
        facts={
            "concerts": [c.day.isoformat() for c in concerts],
            "works": [w.short for c in concerts for w in c.works],
            "running_minutes": [c.minutes for c in concerts],
        },
    )


def _calls(c: Concert, rng: random.Random) -> list[tuple[date, str, str, list[Work], int]]:
    """The calls before a concert: (day, time, what, works rehearsed, minutes)."""
    out: list[tuple[date, str, str, list[Work], int]] = []
    main, first = c.works[-1], c.works[:-1]
    out.append((c.day - timedelta(days=3), "10:00–13:00", "Full orchestra", [main], 180))
    out.append((c.day - timedelta(days=2), "10:00–13:00", "Full orchestra", [*first, main], 180))
    if c.soloist:
        out.append(
            (
                c.day - timedelta(days=1),
                "10:00–12:30",
                f"With the soloist ({c.soloist})",
                [w for w in first if w.kind.startswith("concerto")],
                150,
            )
        )
    if rng.random() < 0.5:
        out.insert(0, (c.day - timedelta(days=4), "14:00–16:30", "Strings sectional", [main], 150))
    out.append((c.day, "10:30–13:00", "General rehearsal", list(c.works), 150))
    return out


def _rehearsals(ctx: GenerationContext, plan: ProjectPlan, concerts: list[Concert], org: str, prog: str | None) -> str:
    rng = _rng(ctx, f"calls|{plan.pid}")
    rows: list[list[CellValue]] = []
    for c in concerts:
        for day, time, what, ws, minutes in _calls(c, rng):
            rows.append(
                [
                    day.isoformat(),
                    time,
                    what,
                    c.hall if day == c.day else f"{org} rehearsal room",
                    "; ".join(w.short for w in ws),
                    minutes,
                ]
            )
        rows.append([c.day.isoformat(), c.time, "Concert", c.hall, "; ".join(w.short for w in c.works), c.minutes])
    n = len(rows) + 1
    rows.append(["Total", "", "", "", "", f"=SUM(F2:F{n})"])
    at = _when(ctx, _day(plan, 0.08, ctx.now.date()))
    spec = SpreadsheetSpec(
        sheets=[
            _sheet(
                "Schedule",
                [("Date", None), ("Time", None), ("Call", None), ("Where", None), ("Works", None), ("Minutes", None)],
                rows,
            )
        ],
        properties=ctx.props(f"{plan.name} – rehearsal schedule", ctx.me, at, at, org),
    )
    return _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'data')}/Rehearsal schedule.xlsx",
        write_xlsx(spec),
        purpose="The calls before each concert and the works each covers",
        at=at,
        archetype="rehearsal_schedule",
        sources=((prog, "derived_from", "the programme's works"),) if prog else (),
    )


def _string_count(w: Work) -> str:
    """First violins, second violins, violas, cellos, basses: a classical symphony smaller than a romantic one."""
    if re.search(r"Mozart|Haydn", w.composer):
        return "10.8.6.4.3"
    if w.minutes >= 55 or re.search(r"Mahler|Bruckner|Strauss|Berlioz", w.composer):
        return "16.14.12.10.8"
    return "14.12.10.8.6"


def _parts_list(ctx: GenerationContext, plan: ProjectPlan, concerts: list[Concert], org: str) -> str:
    rng = _rng(ctx, f"parts|{plan.pid}")
    fmt, scale, cur = _money(ctx)
    del fmt
    at = _when(ctx, _day(plan, 0.15, ctx.now.date()))
    rows: list[list[CellValue]] = []
    seen: set[str] = set()
    for c in concerts:
        for w in c.works:
            if w.short in seen:
                continue
            seen.add(w.short)
            out_day = c.day - timedelta(days=rng.randint(21, 35))
            rows.append(
                [
                    w.composer,
                    w.title,
                    w.edition,
                    "Hired" if w.hired else "Library",
                    _string_count(w),
                    out_day.isoformat(),
                    (c.day + timedelta(days=14)).isoformat() if w.hired else "",
                    in_currency(rng.choice((180, 240, 320, 450)), scale) if w.hired else 0.0,
                    "yes" if out_day + timedelta(days=7) <= at.date() else "not yet",
                ]
            )
    n = len(rows) + 1
    rows.append(["Total", "", "", "", "", "", "", f"=SUM(H2:H{n})", ""])
    spec = SpreadsheetSpec(
        sheets=[
            _sheet(
                "Parts",
                [
                    ("Composer", None),
                    ("Work", None),
                    ("Edition", None),
                    ("Set", None),
                    ("Strings (1st.2nd.va.vc.db)", None),
                    ("Parts out", None),
                    ("Due back", None),
                    (f"Hire fee ({cur})", _MONEY),
                    ("Bowings marked", None),
                ],
                rows,
            )
        ],
        properties=ctx.props(f"{plan.name} – parts list", ctx.me, at, at, org),
    )
    return _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'data')}/Parts list.xlsx",
        write_xlsx(spec),
        purpose="The library's parts for the programme: edition, own or hired, string count",
        at=at,
        archetype="parts_list",
        author=_person(ctx, "librarian", org).name,
    )


def _seating(ctx: GenerationContext, plan: ProjectPlan, c: Concert, org: str) -> str:
    inst = _instrument(ctx)
    counts = [int(x) for x in _string_count(c.works[-1]).split(".")]
    sections = ("First violins", "Second violins", "Violas", "Cellos", "Double basses")
    blocks: list[Any] = [
        Paragraph(
            text=f"{c.works[-1].title}, {c.day.strftime('%d %B %Y')}: strings {_string_count(c.works[-1])}, "
            "woodwind and brass as the score."
        ),
        Table(
            header=["Section", "Players", "Desks"],
            rows=[[s, str(n), str((n + 1) // 2)] for s, n in zip(sections, counts, strict=True)],
        ),
    ]
    if inst != "conductor":
        section = {"violin": 0, "viola": 2, "cello": 3, "double bass": 4}[inst]
        n = counts[section]
        names = _people(ctx, f"{inst} section", n)
        rng = _rng(ctx, f"seat|{plan.pid}")
        me_at = rng.randrange(1, n)  # a section player, not the principal
        names[me_at] = ctx.me
        rows = [[str(d + 1), names[2 * d], names[2 * d + 1] if 2 * d + 1 < n else "–"] for d in range((n + 1) // 2)]
        blocks += [
            Heading(text=f"{sections[section]}: desks", level=2),
            Table(header=["Desk", "Outside", "Inside (turns)"], rows=rows),
        ]
    at = _when(ctx, _day(plan, 0.12, ctx.now.date()))
    spec = DocumentSpec(
        title=f"Seating – {c.works[-1].short}",
        subtitle=org,
        blocks=blocks,
        properties=ctx.props(f"Seating – {c.works[-1].short}", ctx.me, at, at, org),
    )
    return _add(
        ctx,
        plan,
        f"{plan.folder}/Seating {safe_name(c.works[-1].short)}.docx",
        write_docx(spec),
        purpose="String numbers and the section's desks",
        at=at,
        archetype="seating_plan",
    )


def _practice_log(ctx: GenerationContext, plan: ProjectPlan, concerts: list[Concert]) -> str:
    """The player's practice (a conductor's score study) on the programme's works, day by day up to yesterday."""
    rng = _rng(ctx, f"practice|{plan.pid}")
    today = ctx.now.date()
    inst = _instrument(ctx)
    end = min(concerts[-1].day, today - timedelta(days=1))
    start = max(plan.started, end - timedelta(days=27))
    rows: list[list[CellValue]] = []
    day = start
    while day <= end:
        if rng.random() < 0.8:
            coming = next((c for c in concerts if c.day >= day), concerts[-1])
            w = rng.choice(coming.works)
            bar = rng.randint(1, 400)
            what = "score study" if inst == "conductor" else f"bars {bar}-{bar + rng.randint(8, 40)}"
            tempo = rng.choice((60, 72, 84, 96, 108, 120))
            rows.append(
                [
                    day.isoformat(),
                    rng.choice((30, 45, 60, 90, 120)),
                    w.short,
                    what,
                    f"{tempo} → {tempo + rng.choice((8, 12, 16))}" if inst != "conductor" else "",
                    rng.choice(
                        (
                            "slow with the metronome",
                            "intonation in the shifts",
                            "string crossings",
                            "counting the rests",
                            "with the recording",
                            "dynamics as marked",
                        )
                    ),
                ]
            )
        day += timedelta(days=1)
    n = len(rows) + 1
    rows.append(["Total", f"=SUM(B2:B{n})", "", "", "", ""])
    at = _when(ctx, end, 22)
    spec = SpreadsheetSpec(
        sheets=[
            _sheet(
                "Practice",
                [
                    ("Date", None),
                    ("Minutes", None),
                    ("Work", None),
                    ("Passage", None),
                    ("Metronome (start → end)", None),
                    ("Notes", None),
                ],
                rows,
            )
        ],
        properties=ctx.props("Practice log", ctx.me, at, at, plan.name),
    )
    return _add(
        ctx,
        plan,
        f"{plan.folder}/Practice log.xlsx",
        write_xlsx(spec),
        purpose="Practice on the programme's works, day by day",
        at=at,
        archetype="practice_log",
    )


def _itinerary(ctx: GenerationContext, plan: ProjectPlan, concerts: list[Concert], org: str) -> str:
    rows: list[list[CellValue]] = []
    for c in concerts:
        rows.append(
            [
                (c.day - timedelta(days=1)).isoformat() if c.city != ctx.identity.city else c.day.isoformat(),
                "Coach" if c.city != ctx.identity.city else "–",
                c.city,
                c.hall,
                c.time,
                "Hotel, two to a room" if c.city != ctx.identity.city else "Home",
            ]
        )
    at = _when(ctx, _day(plan, 0.2, ctx.now.date()))
    spec = SpreadsheetSpec(
        sheets=[
            _sheet(
                "Tour",
                [
                    ("Travel day", None),
                    ("Travel", None),
                    ("City", None),
                    ("Hall", None),
                    ("Concert", None),
                    ("Night", None),
                ],
                rows,
            )
        ],
        properties=ctx.props(f"{plan.name} – itinerary", ctx.me, at, at, org),
    )
    return _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'admin')}/Tour itinerary.xlsx",
        write_xlsx(spec),
        purpose="Where the tour goes, how and where it sleeps",
        at=at,
        archetype="tour_itinerary",
        author=_person(ctx, "orchestra manager", org).name,
    )


# --- deputising ---------------------------------------------------------------------------------------------------


def _dep_days(ctx: GenerationContext, plan: ProjectPlan) -> list[date]:
    """The concerts another orchestra booked the user for."""
    return _concert_days(ctx, plan, _rng(ctx, f"dep-count|{plan.pid}").randint(3, 4), lo=0.2)


def _deputising(ctx: GenerationContext, plan: ProjectPlan) -> list[str]:
    """The dates a fixer booked with other orchestras, an invoice per engagement and the fees summary."""
    rng = _rng(ctx, f"dep|{plan.pid}")
    fmt, scale, cur = _money(ctx)
    today = ctx.now.date()
    city = ctx.identity.city
    others = [
        f"{city} Chamber Orchestra",
        f"{city} Opera Orchestra",
        f"{city} Sinfonietta",
        "Festival Orchestra",
        f"{city} Choral Society (orchestra)",
    ]
    days = _dep_days(ctx, plan)
    rehearsal_fee = in_currency(rng.choice((95, 110, 120, 135)), scale)
    concert_fee = in_currency(rng.choice((150, 165, 180, 200)), scale)
    docs: list[str] = []
    summary: list[list[CellValue]] = []
    taken: set[str] = set()
    for k, day in enumerate(days):
        org = others[k % len(others)]
        fixer = _person(ctx, "fixer", org) if k == 0 else _made_person(ctx, rng, "Fixer", org, taken)
        taken.add(fixer.name)
        calls = rng.choice((2, 3))
        travel = in_currency(rng.choice((0, 12, 18, 25)), scale)
        total = round(calls * rehearsal_fee + concert_fee + travel, 2)
        # numbered by the concert's day: the deputising dates of every project (the summer's, the monthly
        # summary's) share one run of numbers, and no two invoices carry the same one
        number = f"DEP-{day.year}-{day:%m%d}"
        issued = day + timedelta(days=rng.randint(1, 6))
        if issued >= today:
            summary.append(
                [
                    day.isoformat(),
                    org,
                    fixer.name,
                    calls,
                    rehearsal_fee,
                    concert_fee,
                    travel,
                    f"=D{len(summary) + 2}*E{len(summary) + 2}+F{len(summary) + 2}+G{len(summary) + 2}",
                    "",
                    "",
                ]
            )
            continue
        at = _when(ctx, issued, 10)
        rows = [
            [
                f"Rehearsals ({', '.join((day - timedelta(days=calls - j)).strftime('%d %b') for j in range(calls))})",
                str(calls),
                fmt(rehearsal_fee),
                fmt(calls * rehearsal_fee),
            ],
            [f"Concert, {day.strftime('%d %B %Y')}", "1", fmt(concert_fee), fmt(concert_fee)],
        ]
        if travel:
            rows.append(["Travel", "1", fmt(travel), fmt(travel)])
        rows.append(["Total due", "", "", fmt(total)])
        spec = DocumentSpec(
            title=f"Invoice {number}",
            subtitle=f"{ctx.me} · {_engagement(ctx)}",
            blocks=[
                Table(
                    header=["Invoice", number],
                    rows=[
                        ["Date", issued.isoformat()],
                        ["To", f"{fixer.name}, {org}"],
                        ["Engagement", f"{_engagement(ctx).capitalize()}, concert {day.isoformat()}"],
                    ],
                ),
                Table(header=["Item", "Calls", "Rate", "Amount"], rows=rows),
                Paragraph(text="Payment by bank transfer within 30 days, quoting the invoice number."),
            ],
            properties=ctx.props(f"Invoice {number}", ctx.me, at, at, org),
        )
        inv = _add(
            ctx,
            plan,
            f"{ctx.layout.sub(plan.folder, 'admin')}/Invoice {number} {safe_name(org, 40)}.docx",
            write_docx(spec),
            purpose=f"Fee invoice to {org}",
            at=at,
            archetype="dep_invoice",
            facts={"invoice": number, "concert": day.isoformat(), "calls": calls, "total": total},
        )
        docs.append(inv)
        r = len(summary) + 2
        summary.append(
            [
                day.isoformat(),
                org,
                fixer.name,
                calls,
                rehearsal_fee,
                concert_fee,
                travel,
                f"=D{r}*E{r}+F{r}+G{r}",
                number,
                issued.isoformat(),
            ]
        )
        if k == 0:
            me = ctx.user
            booked = day - timedelta(days=rng.randint(20, 40))
            msgs = [
                (
                    fixer,
                    me,
                    f"Hi {me.first},\n\nAre you free to come in as {_engagement(ctx)} for {org} on "
                    f"{day.strftime('%A %d %B')}? {calls} rehearsals before, {fmt(rehearsal_fee)} a call and "
                    f"{fmt(concert_fee)} for the concert.\n\n{fixer.first}",
                ),
                (me, fixer, f"Yes, happy to. Can you send the parts a week ahead?\n\n{me.first}"),
                (fixer, me, f"Will do. Black for the concert.\n\n{fixer.first}"),
            ]
            _thread(ctx, plan, f"Dep for {org}, {day.strftime('%d %B')}", msgs, _when(ctx, booked), None)
    n = len(summary) + 1
    summary.append(["Total", "", "", f"=SUM(D2:D{n})", None, None, f"=SUM(G2:G{n})", f"=SUM(H2:H{n})", "", ""])
    at = _when(ctx, today - timedelta(days=1), 20)
    if docs:
        at = max(at, max(ctx.ledger.files[p].modified for p in docs))
    book = SpreadsheetSpec(
        sheets=[
            _sheet(
                "Fees",
                [
                    ("Concert", None),
                    ("Orchestra", None),
                    ("Fixer", None),
                    ("Rehearsal calls", None),
                    (f"Per call ({cur})", _MONEY),
                    (f"Concert fee ({cur})", _MONEY),
                    (f"Travel ({cur})", _MONEY),
                    (f"Total ({cur})", _MONEY),
                    ("Invoice", None),
                    ("Invoiced", None),
                ],
                summary,
            )
        ],
        properties=ctx.props("Deputising fees", ctx.me, at, at, plan.name),
    )
    docs.append(
        _add(
            ctx,
            plan,
            f"{ctx.layout.sub(plan.folder, 'data')}/Deputising fees.xlsx",
            write_xlsx(book),
            purpose="Deputy dates, calls and fees, with the invoices",
            at=at,
            archetype="dep_fees",
            sources=tuple((p, "references", "invoice number and total") for p in docs),
        )
    )
    return docs


# --- an audition, a recital, the instrument -----------------------------------------------------------------------


def _audition(ctx: GenerationContext, plan: ProjectPlan) -> list[str]:
    inst = _instrument(ctx)
    # a conductor sits on the panel for a seat; a player plays for one
    key = inst if inst in _data()["excerpts"] else _rng(ctx, f"seat|{plan.pid}").choice(sorted(_data()["excerpts"]))
    excerpts = [str(x).split(" | ") for x in _data()["excerpts"][key]]
    concerto = next((w for w in works() if w.kind == f"concerto:{key}"), None)
    day = _day(plan, 0.9, ctx.now.date())
    org = _orchestra(ctx)
    at = _when(ctx, _day(plan, 0.05, ctx.now.date()))
    rows = [[str(k + 1), w, p] for k, (w, p) in enumerate(excerpts)]
    spec = DocumentSpec(
        title=f"Audition – {plan.name}",
        subtitle=org,
        blocks=[
            Paragraph(
                text=(f"Auditions for the {key} seat, the panel's list. " if inst == "conductor" else "")
                + f"First round {day.strftime('%d %B %Y')}, behind a screen. "
                + (
                    f"Concerto: first movement of the {concerto.title} ({concerto.composer}), exposition. "
                    if concerto
                    else "A solo piece of the candidate's choice, up to 8 minutes. "
                )
                + "Then the excerpts below; the panel may ask for any of them."
            ),
            Table(header=["#", "Work", "Passage"], rows=rows),
        ],
        properties=ctx.props(f"Audition – {plan.name}", ctx.me, at, at, org),
    )
    lst = _add(
        ctx,
        plan,
        f"{plan.folder}/Audition excerpts.docx",
        write_docx(spec),
        purpose="The audition's repertoire and excerpt list",
        at=at,
        archetype="audition_excerpts",
    )
    fake = [
        Concert(
            day,
            "10:00",
            "",
            ctx.identity.city,
            "",
            "",
            [Work(w.split(",")[0], w, w.split(",")[0] + " excerpt", 5, "excerpt", "", False) for w, _p in excerpts],
        )
    ]
    return [lst, _practice_log(ctx, plan, fake)]


def _chamber(ctx: GenerationContext, plan: ProjectPlan) -> list[str]:
    rng = _rng(ctx, f"chamber|{plan.pid}")
    quartets = rng.sample(works("chamber"), k=3)
    day = _concert_days(ctx, plan, 1, lo=0.8)[0]
    players = [ctx.me, *_people(ctx, "fellow player", 3)]
    c = Concert(
        day,
        "19:30",
        rng.choice(("St John's Church", "the Recital Room", "the Music Club")),
        ctx.identity.city,
        "",
        "",
        quartets,
    )
    prog = _programme_doc(ctx, plan, [c], f"{players[0].split()[-1]} Quartet", False)
    rows: list[list[CellValue]] = []
    for k in range(4):
        d = day - timedelta(days=7 * (4 - k))
        rows.append([d.isoformat(), "18:30–21:00", rng.choice(players).split()[0] + "'s", quartets[k % 3].short, 150])
    rows.append(["Total", "", "", "", "=SUM(E2:E5)"])
    at = _when(ctx, _day(plan, 0.1, ctx.now.date()))
    spec = SpreadsheetSpec(
        sheets=[
            _sheet(
                "Rehearsals", [("Date", None), ("Time", None), ("At", None), ("Work", None), ("Minutes", None)], rows
            )
        ],
        properties=ctx.props(f"{plan.name} – rehearsals", ctx.me, at, at, plan.name),
    )
    reh = _add(
        ctx,
        plan,
        f"{ctx.layout.sub(plan.folder, 'data')}/Quartet rehearsals.xlsx",
        write_xlsx(spec),
        purpose="The quartet's rehearsals before the recital",
        at=at,
        archetype="rehearsal_schedule",
        sources=((prog, "derived_from", "the recital's works"),),
    )
    return [prog, reh, _practice_log(ctx, plan, [c])]


def _insurance(ctx: GenerationContext, plan: ProjectPlan) -> list[str]:
    rng = _rng(ctx, f"insurance|{plan.pid}")
    inst = _instrument(ctx)
    inst = "violin" if inst == "conductor" else inst
    _fmt, scale, cur = _money(ctx)
    makers = (
        "J. B. Vuillaume workshop",
        "English, c. 1880",
        "Mirecourt, c. 1900",
        "modern, Cremona 2011",
        "German, c. 1920",
    )
    rows: list[list[CellValue]] = [
        [inst.capitalize(), rng.choice(makers), in_currency(rng.choice((18000, 24000, 35000, 60000)), scale)],
        [
            f"{inst.capitalize()} bow" if inst in _STRINGS else "Spare reed case / mouthpiece",
            rng.choice(("French, c. 1910", "W. E. Hill & Sons", "modern pernambuco")),
            in_currency(rng.choice((1500, 3000, 6000)), scale),
        ],
        ["Case", rng.choice(("Musafia", "BAM Hightech", "Gewa")), in_currency(rng.choice((600, 900, 1400)), scale)],
    ]
    rows.append(["Total insured", "", "=SUM(C2:C4)"])
    at = _when(ctx, _day(plan, 0.3, ctx.now.date()))
    spec = SpreadsheetSpec(
        sheets=[_sheet("Schedule", [("Item", None), ("Maker / description", None), (f"Value ({cur})", _MONEY)], rows)],
        properties=ctx.props("Instrument schedule", ctx.me, at, at, plan.name),
    )
    sched = _add(
        ctx,
        plan,
        f"{plan.folder}/Instrument schedule.xlsx",
        write_xlsx(spec),
        purpose="The instrument, bow and case with their insured values",
        at=at,
        archetype="instrument_schedule",
    )
    broker = _person(ctx, "broker", "Allegro Instrument Insurance")
    me = ctx.user
    _thread(
        ctx,
        plan,
        "Instrument cover renewal",
        [
            (
                me,
                broker,
                f"Hello,\n\nSchedule attached for the renewal; the {inst} was revalued this year, please update "
                f"the cover to the new figure. Worldwide cover for the tour, please.\n\n{me.name}",
            ),
            (broker, me, f"Thanks, updated from the renewal date; the new certificate follows.\n\n{broker.name}"),
        ],
        ctx.ledger.files[sched].modified,
        sched,
    )
    return [sched]


# --- standing work ------------------------------------------------------------------------------------------------


def build_orchestra_recurring(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """A standing responsibility of an orchestral player: the coming weeks' schedule of calls (a rehearsal schedule)
    or the term's deputising fees, written as the player keeps them, never an office cycle workbook."""
    from .core_project import make_domain

    today = ctx.now.date()
    d = make_domain(ctx, plan, today)
    d.meeting = plan.meeting
    plan.domain = d
    plan.folder = ctx.layout.project_folder(plan)
    words = f"{plan.name} {plan.focus}"
    if re.search(r"fee|invoice|deputis", words, re.I):
        plan.documents = _deputising(ctx, plan)
        return
    concerts = _concerts(ctx, plan, 2)
    org = _orchestra(ctx)
    plan.documents = [_rehearsals(ctx, plan, concerts, org, None), _practice_log(ctx, plan, concerts)]
    notes = []
    rng = _rng(ctx, f"notes|{plan.pid}")
    for k in range(3):
        day = today - timedelta(days=7 * (3 - k) + rng.randint(0, 2))
        c = next((c for c in concerts if c.day >= day), concerts[-1])
        spec = DocumentSpec(
            title=f"{(plan.meeting or 'rehearsal').capitalize()} {day.isoformat()}",
            blocks=[
                Paragraph(text=f"{c.works[-1].short} for {c.day.strftime('%d %B')}."),
                BulletList(
                    items=[
                        rng.choice(
                            (
                                "Bowings changed at letter C: up-bow start.",
                                "Tempo at the recap slower than last time.",
                                "Tuning in the chorale: listen to the basses.",
                                "Mute on at the start of the slow movement.",
                            )
                        )
                    ]
                ),
            ],
        )
        notes.append(
            _add(
                ctx,
                plan,
                f"{plan.folder}/Notes/{day.isoformat()} rehearsal notes.md",
                write_markdown(spec),
                purpose="Notes from a rehearsal",
                at=_when(ctx, day, 21),
                archetype="meeting_notes",
            )
        )
    plan.documents += notes

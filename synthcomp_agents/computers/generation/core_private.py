"""Stage 5, core artifacts of a private-life project (a student's, a retiree's, a home-maker's, a job-seeker's):
the user's own plan or checklist note and its honest revision, the sheet where the project's numbers live (trip
costs, club accounts, essay hours, a training log), the project's own kinds of document, and mail with the family,
friends or club members it concerns. No project brief, no variance report, no sponsor. A routine of such a life
(the meal plan, the monthly family history notes) keeps its sheet, a monthly log and a reminder, no standing meeting.

The prose comes from ``archetypes/data/private_projects.yaml``, one entry per kind of private project. Every figure
a note, a document or a mail states is the sheet's own (the facts ledger records where each one came from).

Example:
    >>> from synthcomp_agents.computers._generator import resolve_persona
    >>> from synthcomp_agents.computers.generation import plan_context
    >>> ctx = plan_context(resolve_persona("A retired nurse who volunteers at the church food bank"), seed=1)
    >>> is_private_life(ctx), private_kind("Holiday", "planning a holiday on a fixed income").id
    (True, 'trip')
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from synthcomp_agents.office import (
    Attachment,
    BulletList,
    CalendarSpec,
    ColumnSpec,
    DocProperties,
    DocumentSpec,
    EmailSpec,
    EventSpec,
    Heading,
    Paragraph,
    SheetSpec,
    SpreadsheetSpec,
    write_docx,
    write_eml,
    write_ics,
    write_markdown,
    write_xlsx,
)

from .._content import Facts, Person, fmt_num, workbook_facts
from .._names import slug
from ..archetypes import ARCHETYPES, Archetype, is_occasion
from .context import GenerationContext
from .job_search import (
    CHANNEL_GROUP,
    CHANNELS,
    is_searching,
    job_search,
    job_search_duties,
    search_mailbox,
    write_job_search_files,
)
from .life import life_locale
from .plans import ProjectPlan
from .project_docs import _WEAK, _arch_stems, _stems, build_project_documents, project_archetypes
from .quoting import format_figure, is_planning
from .text import safe_name
from .threads import thread_message

__all__ = [
    "PRIVATE_STAGES",
    "PrivateKind",
    "build_private_project",
    "build_private_recurring",
    "is_private_life",
    "private_kind",
]

_SEARCH_KINDS = frozenset(
    {"job_applications_tracker", "cv", "cover_letter", "interview_prep_notes", "course_certificate", "reference_list",
     "portfolio_case_study"}
)  # fmt: skip
"""Kinds a job seeker's search writes itself, from its one set of applications (``job_search.py``)."""

PRIVATE_STAGES = frozenset({"retiree", "student", "homemaker", "job_seeker"})
"""Life stages without a job: their projects are their own life's, not an employer's."""

Row = tuple[str, str, str, int, int, str, str]
_TRIP_DAYS = (3, 8)
"""Days away on a trip (fewest, most), ending the day its project ends; the sheet's hotel line and the itinerary's
days and nights are counted from those dates."""


@dataclass(frozen=True)
class PrivateKind:
    """One kind of private project as ``private_projects.yaml`` writes it."""

    id: str
    match: tuple[str, ...]
    people: tuple[str, ...]
    note: dict[str, Any]
    workbook: dict[str, Any]
    mail: dict[str, Any]
    documents: tuple[str, ...] = ()
    needs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``(archetype, stems)``: a document kept only when the project's own words name one of the stems."""

    def documents_for(self, name: str, focus: str) -> tuple[str, ...]:
        """The kinds of document this project keeps: the kind's own, less those its words do not call for (no
        donations tracker for a reunion lunch, no market sales for the club's accounts).

        Example:
            >>> club = private_kind("Garden club's accounts", "balancing the club's accounts")
            >>> club.documents_for("Garden club's accounts", "balancing the club's accounts")
            ('club_treasurer_accounts',)
        """
        text = f"{name} {focus}".casefold()
        needs = dict(self.needs)
        return tuple(
            a
            for a in self.documents
            if a not in needs or any(re.search(r"(?<![\w])" + re.escape(stem), text) for stem in needs[a])
        )


def _documents(row: dict[str, Any]) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """A kind's ``documents`` list: plain ids, or ``{id: [stems]}`` for one its project must name."""
    ids: list[str] = []
    needs: list[tuple[str, tuple[str, ...]]] = []
    for entry in row.get("documents") or ():
        if isinstance(entry, dict):
            for key, stems in entry.items():
                ids.append(str(key))
                needs.append((str(key), tuple(str(s).casefold() for s in stems)))
        else:
            ids.append(str(entry))
    return tuple(ids), tuple(needs)


@cache
def _kinds() -> tuple[PrivateKind, ...]:
    text = resources.files("synthcomp_agents.computers.archetypes").joinpath("data/private_projects.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    return tuple(
        PrivateKind(
            key,
            tuple(str(m).casefold() for m in row["match"]),
            tuple(str(p).casefold() for p in row["people"]),
            row["note"],
            row["workbook"],
            row["mail"],
            *_documents(row),
        )
        for key, row in data.items()
    )


def is_private_life(ctx: GenerationContext) -> bool:
    """True when the persona has no job (student, retiree, home-maker, job-seeker)."""
    return ctx.persona.life_stage in PRIVATE_STAGES


def private_kind(name: str, focus: str) -> PrivateKind:
    """The kind of private project its own words name (the first in file order), else ``general``.

    Example:
        >>> private_kind("Garden club's accounts", "balancing the club's accounts").id
        'club'
        >>> private_kind("Knitting", "knitting a blanket").id
        'general'
    """
    text = f"{name} {focus}".casefold()
    kinds = _kinds()
    for kind in kinds:
        if any(re.search(r"(?<![\w])" + re.escape(stem), text) for stem in kind.match):
            return kind
    return next(k for k in kinds if k.id == "general")


def _month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _months(first: date, last: date) -> list[str]:
    """``YYYY-MM`` from ``first``'s month to ``last``'s, the last six at most."""
    out: list[str] = []
    cursor = _month_start(first)
    while cursor <= last:
        out.append(f"{cursor.year}-{cursor.month:02d}")
        cursor = _next_month(cursor)
    return out[-6:] or [f"{last.year}-{last.month:02d}"]


def _rows(
    kind: PrivateKind,
    ctx: GenerationContext,
    plan: ProjectPlan,
    data_day: date,
    people: list[Person],
    words: dict[str, str] | None = None,
) -> list[Row]:
    """The sheet's rows: every item each month (a monthly sheet), or each item once in the month it falls due, not
    paid yet when that month is still to come (a one-off's costs). ``words`` fill an item's slots ("Hotel, {nights}"
    -> "Hotel, 4 nights")."""
    rng, wb = ctx.rng, kind.workbook
    if kind.id == "job_search" and is_searching(ctx.persona):
        return _search_rows(ctx, plan, data_day)
    # a slot no date fills is left out ("Hotel" in a monthly sheet, not "Hotel, {nights}")
    items = [[str(it[0]).format_map({"nights": "", **(words or {})}).rstrip(", "), *it[1:]] for it in wb["items"]]
    rest = rng.sample(items[2:], k=min(len(items) - 2, rng.randint(max(1, len(items) - 5), len(items) - 2)))
    # the first two lines are the kind's own (hall hire, the tickets: its mail may name them); the file's order
    items = [it for k, it in enumerate(items) if k < 2 or it in rest]
    money = bool(wb["money"])
    step = 5 if money else 1
    # who paid a shared cost (family, friends, club members, never the doctor, the financial adviser or a teacher);
    # hours and applications are the user's own
    payers = [p for p in people if not re.search(_NOT_PAYERS, p.role, re.I)]
    who = [ctx.user.first, *(p.first for p in payers[:2])] if wb["money"] else [ctx.user.first]
    rows: list[Row] = []
    if wb["monthly"]:
        months = _months(plan.started, data_day)
        for month in months:
            for k, (name, group, lo, hi) in enumerate(items):
                planned = max(step, round(rng.randint(int(lo), int(hi)) / step) * step)
                done = max(0, round(planned * rng.uniform(0.7, 1.2) / step) * step)
                note = rng.choice(_NOTES_MONEY if money else _NOTES_COUNT)
                rows.append((month, str(name), str(group), planned, done, who[k % len(who)], note))
        return rows
    assert plan.end is not None
    months = _months(plan.started, max(plan.end, data_day))
    current = f"{data_day.year}-{data_day.month:02d}"
    for k, (name, group, lo, hi) in enumerate(items):
        month = months[min(len(months) - 1, int(len(months) * k / max(len(items), 1)))]
        planned = max(step, round(rng.randint(int(lo), int(hi)) / step) * step)
        if month <= current:
            done = max(step, round(planned * rng.uniform(0.85, 1.25) / step) * step)
            note = rng.choice(_NOTES_MONEY)
        else:
            done, note = 0, "not paid yet"
        rows.append((month, str(name), str(group), planned, done, who[k % len(who)], note))
    return rows


def _search_rows(ctx: GenerationContext, plan: ProjectPlan, data_day: date) -> list[Row]:
    """A job seeker's applications log: per month and channel, the applications planned and those the tracker lists
    as sent by the log's save day (every log of the search and its tracker count the same applications)."""
    search = job_search(ctx)
    rows: list[Row] = []
    for month in _months(max(plan.started, search.start), data_day):
        for channel in CHANNELS:
            planned = search.planned.get((month, channel), 1)
            sent = search.sent(month, channel, data_day)
            note = "" if sent >= planned else ctx.rng.choice(_NOTES_COUNT)
            rows.append((month, channel, CHANNEL_GROUP[channel], planned, sent, ctx.user.first, note))
    return rows


_NOT_PAYERS = (
    r"advis|doctor|\bgp\b|pharmac|nurse|teacher|tutor|counsell|solicitor|lawyer|accountant|manager|coach|dentist|"
    r"physio|consultant|landlord|agent|officer|clerk|caseworker|coordinator|receptionist|supervisor|employer"
)
"""Roles of people the user deals with but who do not share the user's costs."""

_NOTES_MONEY = ("card", "bank transfer", "cash", "receipt in the folder", "deposit", "paid online", "")
_NOTES_COUNT = ("", "", "missed a week", "good month", "bit behind", "")


def _workbook(kind: PrivateKind, facts: Facts, *, unit: str, props: Any) -> SpreadsheetSpec:
    """The sheet as a person lays it out: one table with a total line under it, and the totals by group."""
    wb = kind.workbook
    sheet = str(wb["sheet"])
    money = bool(wb["money"])
    fmt = "#,##0" if money else "0"
    suffix = f" ({unit})" if money and unit else ""
    rows: list[list[Any]] = []
    for i, (month, item, group, planned, done, who, note) in enumerate(facts.rows, start=2):
        rows.append([month, item, group, planned, done, f"=E{i}-D{i}", *([who] if money else []), note])
    width = 8 if money else 7
    last = len(facts.rows) + 1
    t = last + 2
    rows.append([None] * width)
    rows.append([None, "Total", None, f"=SUM(D2:D{last})", f"=SUM(E2:E{last})", f"=E{t}-D{t}", *[None] * (width - 6)])
    facts.cells = {"total_plan": f"{sheet}!D{t}", "total_actual": f"{sheet}!E{t}", "variance": f"{sheet}!F{t}"}
    main = SheetSpec(
        name=sheet,
        columns=[
            ColumnSpec(header="Month", width=10),
            ColumnSpec(header=str(wb["noun"]).capitalize(), width=28),
            ColumnSpec(header=str(wb["group"]), width=16),
            ColumnSpec(header=f"{wb['plan']}{suffix}", number_format=fmt),
            ColumnSpec(header=f"{wb['actual']}{suffix}", number_format=fmt),
            ColumnSpec(header="Difference", number_format=fmt),
            *([ColumnSpec(header="Who", width=12)] if money else []),
            ColumnSpec(header="Note", width=24),
        ],
        rows=rows,
    )
    quoted = "'" + sheet.replace("'", "''") + "'"
    groups = list(dict.fromkeys(r[2] for r in facts.rows))
    by_group = [
        [
            g,
            f"=SUMIF({quoted}!$C$2:$C${last},A{j},{quoted}!$D$2:$D${last})",
            f"=SUMIF({quoted}!$C$2:$C${last},A{j},{quoted}!$E$2:$E${last})",
        ]
        for j, g in enumerate(groups, start=2)
    ]
    totals = SheetSpec(
        name=f"By {str(wb['group']).lower()}"[:31],
        columns=[
            ColumnSpec(header=str(wb["group"]), width=18),
            ColumnSpec(header=str(wb["plan"]), number_format=fmt),
            ColumnSpec(header=str(wb["actual"]), number_format=fmt),
        ],
        rows=by_group,
    )
    return SpreadsheetSpec(sheets=[main, totals], properties=props)


@dataclass
class _Figures:
    """The sheet's figures as the user writes them (money in the country's style, counts with their unit)."""

    plan: str
    spent: str
    left: str
    item: str
    over: str


def _figures(ctx: GenerationContext, kind: PrivateKind, facts: Facts, unit: str) -> _Figures:
    locale = life_locale(ctx)
    money = bool(kind.workbook["money"])

    def fig(value: int) -> str:
        if money:
            return format_figure(value, money=True, unit=unit, locale=locale)
        return f"{fmt_num(value)} {kind.workbook.get('unit', '')}".strip()

    gaps = {e: a - p for e, (p, a) in facts.by_entity.items() if a > 0}
    over_item = max(sorted(gaps), key=lambda e: gaps[e]) if gaps else ""
    over = gaps.get(over_item, 0)
    if over <= 0:
        over_item = ""
    return _Figures(
        fig(facts.total_plan),
        fig(facts.total_actual),
        fig(facts.total_plan - facts.total_actual),
        over_item[:1].lower() + over_item[1:],  # mid-sentence; a sentence that starts with it capitalises it
        fig(over) if over_item else "",
    )


def _say(template: str, slots: dict[str, str]) -> str:
    """``template`` filled, with a slot that starts a sentence capitalised ("Groceries is the one running over",
    not "groceries is")."""
    text = _capitalised(template).format_map({**slots, **{k.capitalize(): _cap(v) for k, v in slots.items()}})
    return text[:1].upper() + text[1:]


def _capitalised(template: str) -> str:
    """``{item}`` at the start of a line or a sentence written ``{Item}``."""
    return re.sub(r"(^|[.!?]\s+|\n)\{(\w+)\}", lambda m: m.group(1) + "{" + m.group(2).capitalize() + "}", template)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _usable(templates: list[str], slots: dict[str, str]) -> list[str]:
    """Templates whose every placeholder has a value (no 'the  came in  over' when nothing ran over)."""
    return [t for t in templates if all(slots.get(k) for k in re.findall(r"\{(\w+)\}", t))]


def _people(ctx: GenerationContext, kind: PrivateKind, plan: ProjectPlan) -> list[int]:
    """Indices of the people this project concerns: those whose role the kind names first (a club's secretary, a
    daughter), then the plan's own."""
    team = ctx.team.people
    ranked = sorted(
        range(len(team)),
        key=lambda i: next(
            (k for k, word in enumerate(kind.people) if word in team[i].role.casefold()), len(kind.people)
        ),
    )
    fitting = [i for i in ranked if any(w in team[i].role.casefold() for w in kind.people)]
    chosen = fitting[:3]
    for i in plan.stake:
        if len(chosen) >= 3:
            break
        if i not in chosen:
            chosen.append(i)
    return chosen or list(plan.stake)


def _own_documents(
    kind: PrivateKind, plan: ProjectPlan, chosen: list[Archetype], used: set[str], n: int
) -> list[Archetype]:
    """The project's documents among the kinds its kind of project keeps and its words call for (a trip's itinerary,
    a club's accounts only when it keeps accounts, an application's personal statement): the table's picks that
    are among them, then the kind's own in order while unused. A kind that lists none keeps the table's picks that
    name the project ("Restoring the old truck" keeps no donations tracker, an itinerary no weekend clinic). Never
    lecture notes for a club's party or an itinerary for a history essay."""
    if not kind.documents:
        words = _stems(f"{plan.name} {plan.focus}") - _WEAK
        return [a for a in chosen if (_arch_stems(a.id) - _WEAK) & words]
    fits = kind.documents_for(plan.name, plan.focus)
    out = [a for a in chosen if a.id in fits]
    for arch_id in fits:
        if len(out) >= n:
            break
        if arch_id not in used and all(a.id != arch_id for a in out):
            out.append(ARCHETYPES[arch_id])
    return out[:n]


def _sheet_label(kind: PrivateKind, project: str, year: int, pick: int) -> str:
    """The sheet's name: the ``pick``-th of the kind's, or the next one that does not repeat a word of the project's
    name ("Garden club's accounts accounts")."""
    names = [str(n) for n in kind.workbook["names"]]
    own = {w.casefold() for w in re.findall(r"[A-Za-z]+", project)}
    for name in names[pick:] + names[:pick]:
        added = {w.casefold() for w in re.findall(r"[A-Za-z]+", name.replace("{project}", ""))}
        if "{project}" not in name or not added & own:
            return name.format(project=project, year=year)
    return project


def _month_name(month: str) -> str:
    """``2025-07`` -> ``July 2025``."""
    year, mon = (int(x) for x in month.split("-"))
    return date(year, mon, 1).strftime("%B %Y")


def _day_text(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def _note_spec(
    kind: PrivateKind,
    *,
    title: str,
    written: date,
    intro: str,
    todo: list[tuple[str, date, bool]],
    changes: list[str],
    props: DocProperties,
    revision: bool,
) -> DocumentSpec:
    """The plan note: a dated line, the user's opening words, the list with due days (ticked when done) and, on a
    revision, what changed since the first version."""
    md = kind.note["kind"] == "md"

    def line(text: str, due: date, done: bool) -> str:
        tick = ("[x] " if done else "[ ] ") if md else ("Done: " if done else "")
        return f"{tick}{text} (by {due.day} {due.strftime('%b')})"

    dated = f"Updated {written.isoformat()}" if revision else f"Written {written.isoformat()}"
    blocks: list[Any] = [Paragraph(text=intro)]
    if changes:
        blocks += [Heading(text="Since last time", level=1), BulletList(items=changes)]
    blocks += [Heading(text="To do", level=1), BulletList(items=[line(t, d, x) for t, d, x in todo])]
    return DocumentSpec(title=title, subtitle=dated, blocks=blocks, properties=props)


def build_private_project(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """The artifact chain of one private-life project (see the module docstring)."""
    from .core_project import make_domain

    rng, led, lay, clock = ctx.rng, ctx.ledger, ctx.layout, ctx.ledger.clock
    ident = ctx.identity
    today = ctx.now.date()
    start = plan.started
    assert plan.end is not None

    def day(frac: float) -> date:
        return min(plan.day_at(frac, today), today - timedelta(days=1))

    kind = private_kind(plan.name, plan.focus)
    wbk = kind.workbook
    plan.stake = _people(ctx, kind, plan)
    # a family's holiday or a retiree's appointments hold no minutes (the minutes kind is a committee's steering
    # group, with a staff room and IT actions): only a club's or a committee's project keeps them
    used = ctx.project_kinds if kind.id == "club" else ctx.project_kinds | {"meeting_minutes"}
    n_docs = 2 if plan.status == "active" and plan.pid == "p01" else 1
    duties = job_search_duties(ctx, plan)
    if duties or (kind.id == "job_search" and is_searching(ctx.persona)):
        # a job search's applications, CVs, letters and interviews are one story (job_search.py), never a tracker or a
        # letter drawn on its own here
        used = used | _SEARCH_KINDS
    docs_kinds = _own_documents(kind, plan, project_archetypes(ctx, plan, n_docs, used), used, n_docs)
    docs_kinds = [a for a in docs_kinds if not (duties and a.id in _SEARCH_KINDS)]
    ctx.project_kinds.update(a.id for a in docs_kinds)
    data_day = day(0.5)
    base = make_domain(ctx, plan, data_day, tuple(a.id for a in docs_kinds))
    people = [ctx.team.people[i] for i in plan.stake]
    # the project's own day: the move, the party, the deadline; a trip's days away end with the project, so its
    # note's "leaving" day, its itinerary and its costs agree (never an itinerary of the weeks it was planned in)
    finish: date = plan.end
    away = rng.randint(*_TRIP_DAYS) if kind.id == "trip" else 1
    key_day = finish - timedelta(days=away - 1)
    nights = away - 1
    rows = _rows(kind, ctx, plan, data_day, people, {"nights": f"{nights} night{'s' if nights != 1 else ''}"})
    facts = workbook_facts(rows)
    money = bool(wbk["money"])
    unit = ident.currency if money else ""
    months = sorted({r[0] for r in rows})
    label = _sheet_label(kind, plan.name, data_day.year, rng.randrange(len(wbk["names"])))
    d = dataclasses.replace(
        base,
        metric=str(wbk["metric"]),
        money=money,
        unit=unit,
        entity_noun=str(wbk["noun"]),
        entities=list(dict.fromkeys(r[1] for r in rows)),
        categories=list(dict.fromkeys(r[2] for r in rows)),
        months=months,
        people=people,
        tool="spreadsheet",
        report_type=f"{wbk['metric']} sheet",
        meeting="committee meeting" if kind.id == "club" else f"call with {people[0].first}" if people else "weekend",
        kind_label=label,
        scale=None,
    )
    plan.domain = d
    pid, me = plan.pid, ctx.me
    folder = lay.project_folder(plan)
    if duties and ctx.persona.life_stage != "job_seeker":
        folder = f"Documents/Jobs/{safe_name(plan.name, 48)}"  # a search beside the job is kept off the work drive
    plan.folder = folder
    who = people[0] if people else ctx.user

    def period(arch_id: str, written: date) -> tuple[date, date]:
        """What a document covers: an occasion's plan (an itinerary, a party plan) the project's own days ahead; any
        other the project up to the day it is written (a household budget's "spent" column is never a month to
        come)."""
        if is_occasion(arch_id):
            return key_day, finish
        return start, written

    plan_facts = workbook_facts([(m, e, c, p, 0, o, n) for m, e, c, p, _a, o, n in rows])
    figs0 = _figures(ctx, kind, plan_facts, unit)
    slots: dict[str, str] = {
        "project": plan.name,
        "who": who.first,
        "me": ctx.user.first,
        "plan": figs0.plan,
        "date": _day_text(key_day),
        "city": ident.city or "",
        "year": str(data_day.year),
    }
    # 1. the plan note, written at the start: the user's words, the list with due days, the money set aside
    ext = "md" if kind.note["kind"] == "md" else "docx"
    writer = write_markdown if ext == "md" else write_docx
    title = _say(str(rng.choice(kind.note["titles"])), slots)
    intros = _usable(kind.note["intro"], slots)
    if kind.id == "job_search" and ctx.persona.life_stage != "job_seeker":
        intros = [t for t in intros if "course" not in t] or intros  # evenings after work, no afternoons of courses
    intro = _say(str(rng.choice(intros)), slots)
    pool = [_say(str(t), slots) for t in kind.note["todo"]]
    if kind.id == "job_search" and ctx.persona.life_stage != "job_seeker":
        # in work while looking: no benefit office, no days free for courses at the library or agency mornings
        pool = [t for t in pool if not re.search(r"benefit|library|agenc|course", t, re.I)] or pool
    picked = set(rng.sample(range(len(pool)), k=min(len(pool), rng.randint(7, 9))))
    chosen = [text for k, text in enumerate(pool) if k in picked]  # the file's order: brainstorm before submit
    t1 = clock.work(clock.leisure(day(0.02)))
    w1 = t1.astimezone(ident.tz).date()
    horizon = max((plan.end - w1).days, 14)
    todo = sorted(
        ((text, w1 + timedelta(days=max(2, int(horizon * (k + 1) / (len(chosen) + 1)))), False)
         for k, text in enumerate(chosen)),
        key=lambda t: t[1],
    )  # fmt: skip
    name = safe_name(title, 60)
    note1 = led.add(
        f"{folder}/{name}.{ext}",
        writer(
            _note_spec(
                kind,
                title=title,
                written=w1,
                intro=intro,
                todo=todo,
                changes=[],
                props=ctx.props(title, me, t1, t1 + timedelta(minutes=40), plan.name),
                revision=False,
            )
        ),
        purpose=f"My plan for {plan.name}",
        author=me,
        created=t1,
        modified=t1 + timedelta(minutes=40),
        project_id=pid,
        archetype="plan_note",
    )
    # 2. the project's own documents: planning kinds now (they quote the amounts set aside), records after the sheet
    early = [a for a in docs_kinds if is_planning(a.id)]
    late = [a for a in docs_kinds if not is_planning(a.id)]
    docs = build_project_documents(
        ctx,
        plan,
        d,
        early,
        when=lambda k: clock.leisure(day(0.08 + 0.06 * k)),
        facts=plan_facts,
        workbook=None,
        home_sheet=str(wbk["sheet"]),
        period=period,
    )
    # 3. the sheet, filled in up to its save day
    tw = clock.work(clock.leisure(data_day))
    wb_props = ctx.props(label, me, tw, tw + timedelta(hours=1), plan.name)
    wb_path = led.add(
        f"{lay.sub(folder, 'data')}/{safe_name(label, 60)}.xlsx",
        write_xlsx(_workbook(kind, facts, unit=unit or str(wbk.get("unit", "")), props=wb_props)),
        purpose=f"{label}: {wbk['plan'].lower()} against {wbk['actual'].lower()}",
        author=me,
        created=tw,
        modified=tw + timedelta(hours=1),
        project_id=pid,
        archetype="tracking_workbook",
    )
    led.facts[wb_path] = facts.to_json()
    led.formula_books.add(wb_path)
    wb_saved = led.files[wb_path].modified
    docs += build_project_documents(
        ctx,
        plan,
        d,
        late,
        when=lambda k: wb_saved + timedelta(hours=2 + 3 * k),
        facts=facts,
        workbook=wb_path,
        home_sheet=str(wbk["sheet"]),
        period=period,
    )
    plan.documents = [path for path, _kind, _facts in docs]
    if duties or (kind.id == "job_search" and is_searching(ctx.persona)):
        plan.documents += write_job_search_files(ctx, plan, duties)
    # 4. the note revised: what is ticked off is what fell due before the revision, one task moved, one added, and
    # the money or hours so far as the sheet has them
    figs = _figures(ctx, kind, facts, unit)
    slots.update(spent=figs.spent, left=figs.left, item=figs.item, over=figs.over)
    t2 = clock.leisure(max(day(0.6), wb_saved.astimezone(ident.tz).date() + timedelta(days=1)))
    t2 = max(t2, max(led.files[p].modified for p in (wb_path, *plan.documents)) + timedelta(hours=1))
    t2 = clock.work(min(t2, ctx.now - timedelta(minutes=30)))
    w2 = t2.astimezone(ident.tz).date()
    todo2 = [(text, due, due < w2) for text, due, _x in todo]
    changes: list[str] = []
    ticked = [text for text, _due, done in todo2 if done]
    if ticked:
        changes.append(f"Done: {'; '.join(t[:1].lower() + t[1:] for t in ticked[:4])}.")
    open_ = [k for k, (_t, _due, done) in enumerate(todo2) if not done]
    if open_:
        k = open_[0]
        text, due, _x = todo2[k]
        moved = due + timedelta(days=7 * rng.randint(1, 3))
        todo2[k] = (text, moved, False)
        changes.append(
            f"Moved \u201c{text}\u201d from {due.day} {due.strftime('%b')} to {moved.day} {moved.strftime('%b')}."
        )
    extra = [_say(str(t), slots) for t in kind.note["added"]]
    added = rng.choice(extra)
    todo2.append((added, w2 + timedelta(days=rng.randint(5, 20)), False))
    changes.append(f"Added: {added[:1].lower() + added[1:]}.")
    since = _usable([str(s) for s in kind.note["since"]], slots)
    spent_lines = [s for s in since if "{spent}" in s]
    said = rng.choice(spent_lines)  # the revision always says where the money or the hours stand
    others = [s for s in since if s != said]
    for s in [said, *rng.sample(others, k=min(1, len(others)))]:
        changes.append(_say(s, slots))
    changes.append(f"Figures from {posixpath.basename(wb_path)}.")
    todo2.sort(key=lambda t: t[1])
    props2 = ctx.props(title, me, t2, t2 + timedelta(minutes=25), plan.name)
    note2_spec = _note_spec(
        kind, title=title, written=w2, intro=intro, todo=todo2, changes=changes, props=props2, revision=True
    )
    note2 = led.add(
        f"{folder}/{name} (updated).{ext}",
        writer(note2_spec),
        purpose=f"My plan for {plan.name}, updated",
        author=me,
        created=t2,
        modified=t2 + timedelta(minutes=25),
        project_id=pid,
        sources=(
            (note1, "version_of", "ticked off what was done, moved one task, added one"),
            (wb_path, "references", "names the sheet its totals come from"),
        ),
        archetype="plan_note",
    )
    led.facts[note2] = {"quotes": wb_path, "total_actual": figs.spent, "total_actual_value": facts.total_actual}
    # 5. mail: the sheet sent to someone close, their reply, the user's answer; a document sent on to another
    _mail(ctx, plan, kind, slots, wb_path, people)


def _mail(
    ctx: GenerationContext,
    plan: ProjectPlan,
    kind: PrivateKind,
    slots: dict[str, str],
    wb_path: str,
    people: list[Person],
) -> None:
    rng, led = ctx.rng, ctx.ledger
    user = ctx.user
    if not people:
        return
    if ctx.persona.life_stage != "job_seeker" and job_search_duties(ctx, plan):
        # a search beside the job writes from a personal mailbox, never the employer's
        user = dataclasses.replace(user, email=search_mailbox(ctx)[1])
    mail = ctx.layout.sub(plan.folder, "mail")
    dom = user.email.split("@")[1]
    other = people[0]
    slots = {**slots, "who": other.first}
    # one thread whose messages follow each other, among those whose figures the sheet has (no "the  ran over")
    threads = [t for t in kind.mail["threads"] if _usable([" ".join(str(v) for v in t.values())], slots)]
    thread = rng.choice(threads or [t for t in kind.mail["threads"] if "{item}" not in str(t)])
    subject = _say(str(thread["subject"]), slots)
    t0 = max(led.files[wb_path].modified + timedelta(hours=rng.randint(2, 30)), led.files[wb_path].modified)
    t0 = min(t0, ctx.now - timedelta(hours=3))
    ids: list[str] = []
    prev: str | None = None
    msgs = [
        (user, other, str(thread["share"])),
        (other, user, str(thread["reply"])),
        (user, other, str(thread["answer"])),
    ]
    when = t0
    for k, (sender, to, template) in enumerate(msgs):
        body = _say(template, {**slots, "who": other.first, "me": user.first})
        mid = f"<{plan.pid}.p{k}.{slug(plan.name, '')[:12]}@{dom}>"
        attachments: list[Attachment] = []
        srcs: tuple[tuple[str, str, str], ...] = ()
        if k == 0:
            attachments = [Attachment(filename=posixpath.basename(wb_path), content=led.files[wb_path].data)]
            srcs = ((wb_path, "attachment_of", "the sheet attached"),)
        if prev is not None:
            srcs = (*srcs, (prev, "references", "reply"))
        when = led.clock.work(
            min(
                when + timedelta(hours=rng.randint(1, 20) if k else 0, minutes=rng.randint(0, 50)),
                ctx.now - timedelta(minutes=10),
            )
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
        day_ = when.astimezone(ctx.identity.tz).date()
        prev = led.add(
            f"{mail}/{day_.isoformat()} {safe_name(('Re ' if k else '') + subject, 60)}.eml",
            write_eml(spec),
            purpose=f"E-mail: {spec.subject}",
            author=sender.name,
            created=when,
            project_id=plan.pid,
            sources=srcs,
            archetype="email",
        )
        if k == 0:
            led.facts[prev] = {"attachment": wb_path, "total_actual": slots.get("spent", "")}
        ids.append(mid)
    # a document of the project sent on to another person it concerns
    docs = [p for p in plan.documents if p.endswith((".docx", ".pdf"))]  # a letter or an itinerary, not a second sheet
    if docs and len(people) > 1:
        doc = docs[0]
        second = people[1]
        label = (
            ARCHETYPES[led.files[doc].archetype or ""].label if led.files[doc].archetype in ARCHETYPES else "document"
        )
        subject2 = f"{plan.name}: {label.lower()}"
        body2 = str(rng.choice(_DOC_MAIL)).format(who=second.first, me=user.first, label=label.lower(),
                                                   project=plan.name)  # fmt: skip
        t = led.clock.work(
            min(led.files[doc].modified + timedelta(hours=rng.randint(3, 48)), ctx.now - timedelta(minutes=10))
        )
        spec = EmailSpec(
            sender=user.address,
            to=[second.address],
            subject=subject2,
            date=t,
            body=body2,
            attachments=[Attachment(filename=posixpath.basename(doc), content=led.files[doc].data)],
            message_id=f"<{plan.pid}.d0.{slug(plan.name, '')[:12]}@{dom}>",
        )
        led.add(
            f"{mail}/{t.astimezone(ctx.identity.tz).date().isoformat()} {safe_name(subject2, 60)}.eml",
            write_eml(spec),
            purpose=f"E-mail: {subject2}",
            author=user.name,
            created=t,
            project_id=plan.pid,
            sources=((doc, "attachment_of", "the document attached"),),
            archetype="email",
        )


_DOC_MAIL = (
    "Hi {who},\n\nHere's the {label} for {project}, as promised. Tell me if I've missed anything.\n\n{me}",
    "{who},\n\nAttached is the {label}. Could you have a look before the weekend?\n\nThanks,\n{me}",
    "Hello {who},\n\nI finally typed up the {label} ({project}). It's attached.\n\nBest,\n{me}",
)


def build_private_recurring(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """A private-life routine (the meal plan, the monthly family history notes, the CV kept current): its sheet over
    the last months, a running log with one dated line per month quoting that month's figures, and a monthly
    reminder in the calendar. No standing meeting, no attendees."""
    from .core_project import make_domain

    rng, led, lay, clock = ctx.rng, ctx.ledger, ctx.layout, ctx.ledger.clock
    ident = ctx.identity
    today = ctx.now.date()
    data_day = today - timedelta(days=rng.randint(8, 20))
    kind = private_kind(plan.name, plan.focus)
    wbk = kind.workbook
    plan.stake = _people(ctx, kind, plan)[:2]
    people = [ctx.team.people[i] for i in plan.stake]
    base = make_domain(ctx, plan, data_day)
    span = ProjectPlan(plan.pid, plan.name, plan.focus, data_day - timedelta(days=150), data_day, "active", [], "")
    rows = _rows(dataclasses.replace(kind, workbook={**wbk, "monthly": True}), ctx, span, data_day, people)
    facts = workbook_facts(rows)
    money = bool(wbk["money"])
    unit = ident.currency if money else ""
    label = _sheet_label(kind, plan.name, data_day.year, rng.randrange(len(wbk["names"])))
    plan.meeting = f"{plan.name.lower()} reminder"
    d = dataclasses.replace(
        base,
        metric=str(wbk["metric"]),
        money=money,
        unit=unit,
        entity_noun=str(wbk["noun"]),
        entities=list(dict.fromkeys(r[1] for r in rows)),
        categories=list(dict.fromkeys(r[2] for r in rows)),
        months=sorted({r[0] for r in rows}),
        people=people,
        tool="spreadsheet",
        report_type=f"{wbk['metric']} sheet",
        meeting=plan.meeting,
        kind_label=label,
        scale=None,
    )
    plan.domain = d
    pid, me = plan.pid, ctx.me
    folder = lay.project_folder(plan)
    plan.folder = folder
    tw = clock.work(clock.leisure(data_day))
    spec = _workbook(
        kind,
        facts,
        unit=unit or str(wbk.get("unit", "")),
        props=ctx.props(label, me, tw, tw + timedelta(hours=1), plan.name),
    )
    wb_path = led.add(
        f"{folder}/{safe_name(label, 60)}.xlsx",
        write_xlsx(spec),
        purpose=f"{label}, month by month",
        author=me,
        created=tw,
        modified=tw + timedelta(hours=1),
        project_id=pid,
        archetype="tracking_workbook",
    )
    led.facts[wb_path] = facts.to_json()
    led.formula_books.add(wb_path)
    # the log: one line a month, each quoting that month's totals from the sheet
    locale = life_locale(ctx)

    def fig(value: int) -> str:
        if money:
            return format_figure(value, money=True, unit=unit, locale=locale)
        return f"{fmt_num(value)} {wbk.get('unit', '')}".strip()

    lines = []
    for month, (planned, done) in sorted(facts.by_month.items()):
        lines.append(
            f"**{_month_name(month)}**: {fig(done)} against {fig(planned)} planned. "
            + rng.choice(_LOG_LINES[(money, (done > planned) - (done < planned))])
        )
    title = plan.name if re.search(r"\b(log|notes|diary|tracker)$", plan.name, re.I) else f"{plan.name} - log"
    tl = clock.work(led.files[wb_path].modified + timedelta(hours=1))
    first = sorted(facts.by_month)[0]
    log = led.add(
        f"{folder}/{safe_name(title, 60)}.md",
        write_markdown(
            DocumentSpec(
                title=title,
                subtitle=f"Kept since {first}; figures from {posixpath.basename(wb_path)}",
                blocks=[
                    BulletList(items=lines),
                    Paragraph(
                        text=f"Since {_month_name(first)}: {fig(facts.total_actual)} against"
                        f" {fig(facts.total_plan)} planned."
                    ),
                ],
            )
        ),
        purpose=f"Running log: {plan.name}",
        author=me,
        created=tl,
        project_id=pid,
        sources=((wb_path, "references", "names the sheet its monthly figures come from"),),
        archetype="plan_note",
    )
    led.facts[log] = {"quotes": wb_path, "total_actual": fig(facts.total_actual)}
    start = datetime.combine(plan.started, datetime.min.time()).replace(hour=rng.choice((10, 14, 18)))
    cal = CalendarSpec(
        name=plan.name,
        events=[
            EventSpec(
                uid=f"{pid}-reminder-{slug(plan.name, '-')[:20]}@{ident.domain}",
                summary=f"{plan.name}: update the sheet",
                start=start,
                end=start + timedelta(minutes=45),
                rrule="FREQ=MONTHLY;BYMONTHDAY=" + str(rng.choice((1, 2, 15, 28))),
                description=f"Fill in {posixpath.basename(wb_path)} and add a line to the log.",
            )
        ],
    )
    led.add(
        f"{folder}/{safe_name(plan.name, 50)} reminder.ics",
        write_ics(cal),
        purpose="Monthly reminder",
        author=me,
        created=clock.at(plan.started),
        project_id=pid,
        archetype="calendar_reminder",
    )


# a month's line in the log, by (money, over/on/under plan): what people note beside a figure
_LOG_LINES: dict[tuple[bool, int], tuple[str, ...]] = {
    (True, 1): ("A bit more than I wanted, will watch it next month.", "Over - one big bill.", "Went over, again."),
    (True, 0): ("Exactly what I'd put down.", "Bang on."),
    (True, -1): ("Under, for once.", "Checked against the statement, came in under.", "Quiet month."),
    (False, 1): ("More than planned - a good run.", "Got ahead a bit.", "Good month."),
    (False, 0): ("As planned.", "Steady."),
    (False, -1): ("Behind - missed a week.", "Didn't get to it as much as I wanted.", "Slow month."),
}

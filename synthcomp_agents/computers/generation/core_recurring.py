"""Stage 5b, core artifacts of a recurring responsibility: the cycle workbook, four weeks of notes, the series."""

from __future__ import annotations

import posixpath
from datetime import datetime, timedelta

from synthcomp_agents.office import CalendarSpec, EventSpec, write_ics, write_markdown, write_xlsx

from .._content import build_notes, build_workbook, fmt_num, make_rows, workbook_facts
from .context import GenerationContext
from .core_project import make_domain
from .plans import ProjectPlan
from .text import cap, safe_name
from .workplace import workplace_of

__all__ = ["build_recurring"]


def build_recurring(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """The workbook of the current cycle, the weekly notes that follow each other, and the calendar series."""
    rng, led, lay, clock = ctx.rng, ctx.ledger, ctx.layout, ctx.ledger.clock
    data_day = ctx.now.date() - timedelta(days=rng.randint(8, 20))
    d = make_domain(ctx, plan, data_day)
    d.meeting = plan.meeting
    plan.domain = d
    pid = plan.pid
    folder = lay.project_folder(plan)
    plan.folder = folder
    me = ctx.me
    today = ctx.now.date()
    facts = workbook_facts(make_rows(d, rng))
    t = clock.at(data_day)
    title = f"{plan.name} - {d.kind_label}"
    spec = build_workbook(
        d,
        facts,
        title=title,
        version_note=f"{d.months[-1]} cycle",
        changes=[(t.date().isoformat(), me, f"Rolled forward to {d.month_label(d.months[-1])}")],
        brief=workplace_of(ctx.persona) is None,  # a garage's job card tracker comes from no project brief
        props=ctx.props(title, me, t, clock.work(t + timedelta(hours=2)), plan.name),
    )
    wb = led.add(
        f"{folder}/{lay.file_name(d.kind_label, 'xlsx', t.date())}",
        write_xlsx(spec),
        purpose=f"Recurring {d.kind_label}",
        author=me,
        created=t,
        modified=clock.work(t + timedelta(hours=2)),
        project_id=pid,
        archetype="tracking_workbook",
    )
    led.facts[wb] = facts.to_json()
    led.formula_books.add(wb)
    prev: str | None = None
    for k in range(4):
        mday = today - timedelta(days=7 * (4 - k) + (2 if pid == "r02" else 0) + rng.randint(0, 1))
        tn = clock.at(mday, 15)
        nspec = build_notes(
            d,
            facts if k == 3 else None,
            title=f"{cap(d.meeting)} - {mday.isoformat()}",
            meeting_day=mday,
            deck_name=posixpath.basename(wb) if k == 3 else None,
            rng=rng,
            attendees=[ctx.user, *d.people],
            previous_name=posixpath.basename(prev) if prev else None,
        )
        srcs: tuple[tuple[str, str, str], ...] = ((prev, "references", "follows up"),) if prev else ()
        if k == 3:
            srcs = (*srcs, (wb, "references", "quotes the workbook totals"))
        prev = led.add(
            f"{folder}/Notes/{mday.isoformat()} {safe_name(d.meeting, 40)}.md",
            write_markdown(nspec),
            purpose="Recurring meeting notes",
            author=me,
            created=tn,
            project_id=pid,
            sources=srcs,
            archetype="meeting_notes",
        )
        if k == 3:
            led.facts[prev] = {"quotes": wb, "total_actual": fmt_num(facts.total_actual)}
    start = datetime.combine(plan.started, datetime.min.time()).replace(hour=9)
    cal = CalendarSpec(
        name=plan.name,
        events=[
            EventSpec(
                uid=f"{pid}-series@{ctx.identity.domain}",
                summary=cap(d.meeting),
                start=start,
                end=start + timedelta(minutes=30),
                organizer=ctx.user.address,
                attendees=[p.address for p in d.people],
                rrule="FREQ=WEEKLY;BYDAY=" + rng.choice(["MO", "TU", "WE", "TH"]),
                description=f"Standing {d.meeting}: {d.metric} by {d.entity_noun}, open actions.",
            )
        ],
    )
    led.add(
        f"{folder}/{safe_name(d.meeting, 50)}.ics",
        write_ics(cal),
        purpose="Recurring series",
        author=me,
        created=clock.at(plan.started),
        project_id=pid,
        archetype="meeting_invitations",
    )

"""Background: the personal papers the life documents leave out (CV, tax year folders, household, health) and the
previous employer's files kept from the old laptop, each with content of its own."""

from __future__ import annotations

import random
from datetime import date, timedelta, timezone

from synthcomp_agents.office import (
    CsvSpec,
    DocProperties,
    DocumentSpec,
    Heading,
    Paragraph,
    Table,
    write_csv,
    write_docx,
)

from .._background import camera_for, photo_burst, text_bytes
from .._blueprint import CareerEntry
from .._names import slug
from ..archetypes import ARCHETYPES, ArchetypeContext, ArchetypeError, build_artifact, cv_bank
from .context import GenerationContext
from .identity import former_role
from .life import life_locale, stamped
from .pictures import EVENT_SCENES, burst_times, event_month, outing_days, photo_name
from .text import MONTHS_ABBR, cap, safe_name

__all__ = ["build_old_laptop", "build_personal"]

_RECEIPTS = (
    "Pharmacy",
    "Train ticket",
    "Office supplies",
    "Bookshop",
    "Phone bill",
    "Internet",
    "Dentist",
    "Optician",
    "Charity donation",
    "Professional membership",
    "Course fee",
    "Home office chair",
)


def _tax_note(stage: str, rng: random.Random) -> str:
    """What a person of this life stage reminds themselves of for the tax return (no payslips for a retiree)."""
    if stage in ("self_employed", "small_business_owner"):
        return f"- mileage: {rng.randint(2, 9) * 1000:,} miles/km in the log\n- invoices issued: see the sales ledger"
    if stage == "retiree":
        return "- pension statements: both in the Money folder\n- interest on savings: from the bank's annual summary"
    if stage in ("homemaker", "job_seeker", "volunteer"):
        return "- interest on savings: from the bank's annual summary\n- ask whether the course fee counts"
    return f"- ask about home office days ({rng.randint(40, 140)} days)\n- payslips: all 12 in the employer portal"


def _state_return(ctx: GenerationContext, year: int) -> str:
    """The line a US filer adds for their own state's return, the state named in full ("Ohio return"), or the note
    that their state files none (Texas, Florida); nothing outside the US or without a known state."""
    locale = life_locale(ctx)
    state = locale.region_name if locale is not None and locale.country_code == "US" else ""
    if not state:
        return ""
    if not locale or not locale.state_income_tax:
        return f"\n- no {state} return (no state income tax), federal only"
    return f"\n- {state} return: file it with the federal one; {state} 1099-G for {year} in the Money folder"


def _cv_skills(ctx: GenerationContext) -> tuple[str, ...]:
    """The skills a CV lists for the user: their role's (a tobacco farmer's curing and stripping), else their
    occupational family's, typed phrases from the CV banks."""
    ident = ctx.identity
    return cv_bank(ident.doc_role, ident.doc_family, ctx.persona.life_stage).skills


def build_personal(ctx: GenerationContext) -> None:
    """What a person's own papers still lack once the life documents are written, in the same home tree: a CV
    when none was written (not for a retiree), tax receipts per year beside that year's return, a health log and a
    budget when the life documents hold none (never a second CV, appointments log or budget in a parallel tree)."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    me = ident.user.name
    now_d = ctx.now.date()
    root = "Documents/Home"
    stage = ctx.persona.life_stage
    have = {f.archetype for f in led.files.values()}
    if "cv" not in have and stage not in ("retiree", "student"):
        cv = DocumentSpec(
            title=me,
            subtitle=f"{ident.user.role} - {ident.city}",
            blocks=[
                Heading(text="Experience"),
                Table(
                    header=["Years", "Employer", "Role"],
                    rows=[
                        [f"{c.start_year}-{c.end_year or 'now'}", c.employer, c.role]
                        for c in reversed(ident.profile.career_history)
                    ],
                ),
                Heading(text="Skills"),
                # what the person is good at in their own trade, then the software they use: never their field's
                # jargon and measures ("Skills: Yield, Cash rent, Bushels harvested")
                Paragraph(text=", ".join(_cv_skills(ctx) + tuple(ident.profile.tools_used))),
            ],
        )
        tcv = ctx.ledger.clock.leisure(now_d - timedelta(days=rng.randint(200, 700)))
        props = DocProperties(author=me, title=f"CV {me}", created=tcv, modified=tcv)
        led.add(
            f"Documents/Jobs/CV_{slug(me, '_')}.docx",
            write_docx(cv.model_copy(update={"properties": props})),
            purpose="CV",
            author=me,
            created=tcv,
            role="background",
            archetype="cv",
        )
    for year in range(now_d.year - rng.randint(2, 3), now_d.year) if stage != "student" else ():
        rows = []
        for _ in range(rng.randint(8, 18)):
            d = date(year, rng.randint(1, 12), rng.randint(1, 28))
            rows.append([d.isoformat(), rng.choice(_RECEIPTS), f"{rng.randint(5, 400)}.{rng.randint(0, 99):02d}"])
        rows.sort()
        when = ctx.ledger.clock.leisure(date(year + 1, rng.randint(1, 4), rng.randint(1, 28)))
        if when > ctx.now:
            when = ctx.now - timedelta(days=rng.randint(2, 20))
        # beside that year's return when the life documents hold one ("Home/Tax/2024 return/")
        folder = next(
            (p.rsplit("/", 1)[0] for p in sorted(led.files) if p.startswith(f"{root}/Tax/{year}")),
            f"{root}/Tax/{year}",
        )
        led.add(
            f"{folder}/receipts {year}.csv",
            write_csv(CsvSpec(header=["date", "description", f"amount ({ident.currency})"], rows=rows)),
            purpose=f"Receipts for the {year} tax return",
            author=me,
            created=when,
            role="background",
            archetype="tax_receipts",
        )
        total = sum(float(r[2]) for r in rows)
        led.add(
            f"{folder}/notes for the tax return.txt",
            text_bytes(
                f"Tax return {year}\n- receipts: {len(rows)} items, {ident.currency} {total:,.2f} in total\n"
                + _tax_note(stage, rng)
                + _state_return(ctx, year)
            ),
            purpose="Tax return notes",
            author=me,
            created=when + timedelta(minutes=40),
            role="background",
            archetype="tax_notes",
        )
    if not have & {"medical_appointment_log", "medical_log", "medication_list"}:
        appts = []
        for _ in range(rng.randint(3, 6)):
            d = now_d - timedelta(days=rng.randint(10, 500))
            appts.append(
                f"| {d.isoformat()} | {rng.choice(['GP', 'Dentist', 'Optician', 'Physio', 'Blood test'])} |"
                f" {rng.choice(['check-up', 'follow-up', 'referral', 'annual'])} |"
            )
        appts.sort()
        led.add(
            f"{root}/Health/appointments.md",
            text_bytes("# Appointments\n\n| Date | Where | Why |\n|---|---|---|\n" + "\n".join(appts)),
            purpose="Medical appointment log",
            author=me,
            created=ctx.ledger.clock.leisure(now_d - timedelta(days=rng.randint(5, 9))),
            role="background",
            archetype="medical_log",
        )
    if "household_budget" not in have:
        rent = rng.randint(600, 1800)
        lines = [
            ("Rent", rent),
            ("Energy", rng.randint(60, 180)),
            ("Internet and phone", rng.randint(30, 90)),
            ("Groceries", rng.randint(250, 600)),
            ("Transport", rng.randint(40, 200)),
            ("Savings", rng.randint(100, 600)),
        ]
        led.add(
            f"{root}/Money/monthly budget.csv",
            write_csv(
                CsvSpec(
                    header=["item", f"per month ({ident.currency})"],
                    rows=[[k, v] for k, v in lines] + [["Total", sum(v for _, v in lines)]],
                )
            ),
            purpose="Household budget",
            author=me,
            created=ctx.ledger.clock.leisure(now_d - timedelta(days=rng.randint(20, 200))),
            role="background",
            archetype="household_budget",
        )


_LAPTOP_ERA = 2000  # the first year whose work laptop a person plausibly still keeps a copy of


_OLD_SCENES = {
    "Summer": EVENT_SCENES["Summer holiday"],
    "Holiday": EVENT_SCENES["Summer holiday"],
    "Christmas party": ("interior", "food"),
    "Leaving drinks": ("interior", "food", "city"),
}
"""What the old laptop's outings show (scenes of :func:`~synthcomp_agents.computers._background.photo_burst`)."""


def build_old_laptop(ctx: GenerationContext) -> None:
    """A few folders copied off the previous employer's laptop: that job's reports, data and notes."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    career = ident.profile.career_history
    # a retiree's or a job seeker's last job has ended: its laptop is the one they kept a copy of
    ended = bool(career) and career[-1].end_year is not None
    if len(career) < (1 if ended else 2):
        return
    prev = career[-1] if ended else career[-2]
    year = prev.end_year or ctx.now.year - 2
    if year < _LAPTOP_ERA:
        return  # a job left in 1978 left no laptop to back up
    # the old home folder copied over whole, so its own layout survives under the backup folder
    old_user = ident.username if ident.os != "windows" else ident.user.first
    home = f"Documents/Backup old laptop {year}/Users/{old_user}"
    org = safe_name(prev.employer, 40)
    # the old job's files are of its trade: a retiree's old laptop holds no "family tree" export of "monthly pension
    # income" in 2003
    fam = ident.work_family or ident.family
    current = [p.name.casefold() for p in ctx.plans]
    topics = [
        t
        for t in fam.report_types + fam.spreadsheet_kinds + fam.recurring_meetings
        if not any(t.casefold() in name or name in t.casefold() for name in current)
    ]
    for sub in ("Reports", "Data", "Notes"):
        for _ in range(rng.randint(2, 5)):
            _old_file(ctx, rng, f"{home}/Documents/{org}/{sub}", sub, prev.employer, year, topics)
    for _ in range(rng.randint(1, 3)):
        _old_file(ctx, rng, f"{home}/Desktop", "Notes", prev.employer, year, topics)
    _old_job_documents(ctx, f"{home}/Documents/{org}", prev, year, topics)
    event = rng.choice(["Summer", "Christmas party", "Leaving drinks", "Holiday"])
    camera, first = camera_for(rng, ident.os), rng.randint(100, 9000)
    # a summer's photos in the summer where the user lived (January in Sydney), a Christmas party's in December
    month = {"Summer": event_month("Summer holiday", ctx.persona.country_code, rng), "Christmas party": 12}.get(event)
    drawn = rng.randint(5, 9)
    day = date(year - 1, month or drawn, rng.randint(1, 27))
    number = first
    for outing in outing_days(rng, rng.randint(4, 9)):  # a view shot a few times, then the next (as the new roll)
        for taken in burst_times(rng, day + timedelta(days=outing.day), ident.tz, outing.sizes):
            shots = photo_burst(rng, 480, 360, taken, camera=camera, quality=80, scene=rng.choice(_OLD_SCENES[event]))
            for local, data in zip(taken, shots, strict=True):
                led.add(
                    f"{home}/Pictures/{year - 1} {event}/{photo_name(camera, number, local)}",
                    data,
                    purpose="Old photo from the previous laptop",
                    author=ident.user.name,
                    created=local.astimezone(timezone.utc),
                    role="background",
                    archetype="photo",
                )
                number += 1


def _old_job_documents(ctx: GenerationContext, folder: str, job: CareerEntry, until: int, topics: list[str]) -> None:
    """Up to five documents of the old job's own trade, as that job made them (a teacher's lesson plans and
    markbook from her school, dated while she taught there, before the backup's year), beside the copied reports;
    never a kind the computer already holds (its fixed wording would repeat)."""
    rng, ident, led = ctx.rng, ctx.identity, ctx.ledger
    fam = ident.work_family or ident.family
    have = {f.archetype for f in led.files.values()} | set(ctx.project_kinds)
    own = sorted(
        (
            a
            for a in ARCHETYPES.values()
            if fam.id in a.families and not a.personal and not a.bills and a.id not in have
        ),
        key=lambda a: (len(a.families) + len(a.life_stages), a.id),
    )
    first, last = max(job.start_year, until - 3), until - 1
    if not own or last < first:
        return
    locale = life_locale(ctx)
    # the trade in the persona's own words, subject included ("history teacher"), as it was then: never "retired"
    # or "pensioner" (a retiree whose words name no job signs as the career's job)
    former = former_role(ctx.persona)
    out_of_work = ctx.persona.life_stage in ("retiree", "job_seeker", "homemaker")
    role = cap(former[0]) if former else job.role if out_of_work else ctx.persona.role or job.role
    for arch in rng.sample(own[:6], k=min(5, len(own[:6]))):
        day = date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))
        day = min(day, ctx.now.date() - timedelta(days=400))
        actx = ArchetypeContext(
            owner_name=ident.user.name,
            owner_role=role,
            organisation=job.employer,
            topic=cap(rng.choice(topics or [arch.label])),
            created=day,
            rng=rng,
            org_type=ctx.persona.org_type or "",
            life_stage="employee",
            family=fam.id,
            vocabulary=tuple(fam.jargon[:4]),
            owner_email=ident.user.email,
            city=ident.city,
            country_code=ctx.persona.country_code or "",
        )
        if locale is not None:
            actx.locale = locale
        try:
            art = build_artifact(arch.id, actx)
        except ArchetypeError:
            continue
        path = f"{folder}/{safe_name(art.filename or arch.label, 70)}.{art.kind}"
        if path in led.files:
            continue
        when = led.clock.at(day)
        art = stamped(art, when, when, ident.user.name)  # office metadata agrees with the file system
        led.add(
            path,
            art.to_bytes(),
            purpose=f"{art.title} from {job.employer}",
            author=ident.user.name,
            created=when,
            modified=when,
            role="background",
            archetype=arch.id,
        )


def _old_file(
    ctx: GenerationContext, rng: random.Random, folder: str, sub: str, org: str, until: int, topics: list[str]
) -> None:
    fam = ctx.identity.work_family or ctx.identity.family
    me = ctx.me
    day = date(until - rng.randint(1, 2), rng.randint(1, 12), rng.randint(1, 28))
    t = ctx.ledger.clock.at(min(day, ctx.now.date() - timedelta(days=400)))
    topic = cap(rng.choice(topics or ["Notes"]))
    stamp = f"{MONTHS_ABBR[day.month - 1]} {day.year}"
    term = rng.choice(fam.jargon) if fam.jargon else topic
    if sub == "Reports":
        spec = DocumentSpec(
            title=f"{topic} - {stamp}",
            blocks=[
                Paragraph(
                    text=f"{org} - {topic.lower()} as of {t.date().isoformat()}, prepared by {me}:"
                    f" {rng.randint(3, 60)} items, {rng.randint(1, 9)} still open."
                ),
                Paragraph(
                    text=f"Open point in {stamp}: {term} for the {topic.lower()}; {rng.choice(fam.collaborators)}"
                    " to come back before the next review."  # each month's report its own (two months' were alike)
                ),
            ],
            footer=f"{org} internal",
            properties=ctx.props(f"{topic} - {stamp}", me, t, t, org),
        )
        ctx.ledger.add(
            f"{folder}/{safe_name(topic, 40)} {stamp}.docx",
            write_docx(spec),
            purpose="Old report from the previous employer",
            author=me,
            created=t,
            role="background",
            archetype="old_report",
        )
    elif sub == "Data":
        metric = cap(fam.key_metrics[0]) if fam.key_metrics else "Value"
        rows = "\r\n".join(f"{MONTHS_ABBR[m]} {day.year},{rng.randint(10, 900) * 10}" for m in range(day.month))
        ctx.ledger.add(
            f"{folder}/{slug(topic, '_')[:30]}_{day.year}.csv",
            f"Month,{metric}\r\n{rows}\r\n".encode(),
            purpose="Old export from the previous employer",
            author=me,
            created=t,
            role="background",
            archetype="old_export",
        )
    else:
        ctx.ledger.add(
            f"{folder}/notes {t.date().isoformat()}.txt",
            text_bytes(f"{org}\n{topic} - {term}\nask {rng.choice(fam.collaborators)} before {stamp}"),
            purpose="Old note from the previous employer",
            author=me,
            created=t,
            role="background",
            archetype="old_note",
        )

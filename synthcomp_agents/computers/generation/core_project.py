"""Stage 5, core artifacts of a project: brief v1/v2, extract, workbook v1/v2, report v1/v2 + PDF, deck,
calendar, meeting notes, register and status page, rendered in dependency order with a facts ledger.

A persona without a job (student, retiree, home-maker, job-seeker) gets the private-life chain of
:mod:`.core_private` instead: a plan note, its own sheet, its documents and mail with family and friends.

Every version tells the truth about its predecessor: a v2 brief is revised on its own save day and lists the
changes it made; a restated workbook's change log and the final report name exactly the months that changed.
"""

from __future__ import annotations

import posixpath
from datetime import date, datetime, timedelta

from synthcomp_agents.office import (
    CsvSpec,
    write_csv,
    write_docx,
    write_ics,
    write_markdown,
    write_pdf,
    write_pptx,
    write_xlsx,
)

from ...personas import keeps_minutes
from .._content import (
    Facts,
    ProjectDomain,
    build_brief,
    build_calendar,
    build_csv,
    build_deck,
    build_notes,
    build_register,
    build_report,
    build_status_md,
    build_workbook,
    fmt_num,
    make_rows,
    restated_months,
    restatement_text,
    revise_rows,
    workbook_facts,
)
from .._names import slug
from ..archetypes import ARCHETYPES
from .context import GenerationContext
from .plans import ProjectPlan
from .project_docs import build_project_documents, project_archetypes
from .quoting import is_planning, measure_fits, quotes_nothing
from .role_focuses import role_measures
from .text import cap, safe_name
from .threads import ThreadInputs, write_threads
from .workplace import workplace_of

__all__ = ["build_core", "make_domain"]


def make_domain(
    ctx: GenerationContext, plan: ProjectPlan, data_end: date, kinds: tuple[str, ...] = ()
) -> ProjectDomain:
    """The project's domain (metric, entities, months, people) with data up to ``data_end``; ``kinds`` are the
    archetype ids of the project's documents: its measure is one they can quote."""
    ident = ctx.identity
    return ProjectDomain.build(
        ctx.rng,
        ident.family,
        project=plan.name,
        focus=plan.focus,
        user=ident.user,
        people=[ctx.team.people[i] for i in plan.stake],
        org=ident.life_org,
        currency=ident.currency,
        country=ident.names_from or ident.country,  # firms and schools as where the user lives
        cities=ident.cities,
        start=plan.started,
        end=min(data_end, ctx.now.date()),
        taken_orgs=ident.taken_orgs,
        industry=ctx.persona.industry,
        kinds=" ".join(f"{k.replace('_', ' ')} {ARCHETYPES[k].label}" for k in kinds),
        persona=ctx.persona.text,
        accept=lambda name, money: all(measure_fits(k, name, money=money) or quotes_nothing(k) for k in kinds),
        taken_measures={p.domain.metric for p in ctx.plans if p.domain is not None and p is not plan},
        workplace=(place.rows, place.counterparts) if (place := workplace_of(ctx.persona)) else None,
        measures=role_measures(ctx.persona.text),
    )


def _monthly_extracts(
    ctx: GenerationContext,
    plan: ProjectPlan,
    d: ProjectDomain,
    rows: list[tuple[str, str, str, int, int, str, str]],
    *,
    before: datetime,
) -> None:
    """The month-by-month exports pulled from the tool before the combined extract (same rows, one month each)."""
    led, clock = ctx.ledger, ctx.ledger.clock
    header = ["period", d.entity_noun.replace(" ", "_"), "category", "plan", "actual", "owner"]
    for month in d.months[:-1]:
        mine = [[r[0], r[1], r[2], r[3], r[4], r[5]] for r in rows if r[0] == month]
        year, mon = (int(x) for x in month.split("-")[:2])
        pulled = date(year + (mon == 12), mon % 12 + 1, ctx.rng.randint(2, 6))
        when = clock.at(pulled)
        if not mine or when >= before or pulled < plan.started:
            continue
        led.add(
            f"{ctx.layout.sub(plan.folder, 'raw')}/{safe_name(slug(d.tool, '_'))}_{month}.csv",
            write_csv(CsvSpec(header=header, rows=mine)),
            purpose=f"{d.tool} export for {d.month_label(month)}",
            author=ctx.me,
            created=when,
            project_id=plan.pid,
            archetype="data_extract",
        )


def build_core(ctx: GenerationContext) -> None:
    """Core artifacts of every project and recurring responsibility."""
    from .band_solo import build_solo_accounts
    from .band_standing import build_band_recurring
    from .core_band import build_band_project, is_band, skip_employee_admin
    from .core_business import build_business_project, is_own_business
    from .core_farm import build_farm_accounts, build_farm_project, is_farm
    from .core_private import build_private_project, build_private_recurring, is_private_life
    from .core_recurring import build_recurring
    from .farm_standing import build_farm_recurring
    from .identity import plays_solo
    from .job_search import job_search_duties
    from .orchestra import build_orchestra_project, build_orchestra_recurring, is_orchestral
    from .workplace_papers import build_workplace_papers

    projects = [p.pid for p in ctx.plans if p.is_project]
    ctx.deck_projects = set(ctx.rng.sample(projects, k=min(4, len(projects))))
    private = is_private_life(ctx)
    own_business = is_own_business(ctx)
    orchestral = is_orchestral(ctx)
    band = is_band(ctx) and not orchestral
    # an employee of a garage, a kitchen or a salon keeps the job's papers, not an office's brief and variance pack
    workplace = workplace_of(p := ctx.persona) is not None
    if band or orchestral:
        skip_employee_admin(ctx)
    farm = is_farm(ctx)
    if workplace or not keeps_minutes(p.family or "", p.text, p.life_stage):
        # a sole trader minutes no meetings: the kind counts as taken, so neither a project nor the life documents
        # write one
        ctx.project_kinds.add("meeting_minutes")
    for plan in ctx.plans:
        if plan.is_project and (private or job_search_duties(ctx, plan)):
            # a trip's costs and a checklist, never a brief and a variance report; the search of someone in work who
            # wants a move is theirs, not their employer's project
            build_private_project(ctx, plan)
        elif plan.is_project and orchestral:
            build_orchestra_project(ctx, plan)  # programmes, rehearsals, parts, dep invoices: no brief or report
        elif orchestral:
            build_orchestra_recurring(ctx, plan)  # the schedule of calls, the practice log: no variance log
        elif plan.is_project and band:
            build_band_project(ctx, plan)  # bookings, setlists, settlements: no brief, report or steering deck
        elif plan.is_project and farm:
            build_farm_project(ctx, plan)  # field records, the yield sheet, the settlement: no brief or report
        elif farm:
            build_farm_recurring(ctx, plan)  # the vet's visit notes, the co-op newsletter: no cycle workbook
        elif band:
            build_band_recurring(ctx, plan)  # the rider, the band agreement, the press kit: no variance log
        elif plan.is_project and (own_business or workplace):
            build_business_project(ctx, plan)  # a quote, the job log, the invoice: no brief, report or steering deck
        elif plan.is_project:
            build_project(ctx, plan)
        elif private:
            build_private_recurring(ctx, plan)  # a routine's sheet, log and reminder, never a standing meeting
        else:
            build_recurring(ctx, plan)
    if farm:
        build_farm_accounts(ctx)  # once a year, from every project's settlements and bills
    if band and plays_solo(p):
        build_solo_accounts(ctx)  # a solo act's year: the invoices' income and the kit bills
    if workplace:
        build_workplace_papers(ctx)  # time sheets, payslips, the job's daily log, the rota, a training certificate


def file_export(
    ctx: GenerationContext,
    plan: ProjectPlan,
    d: ProjectDomain,
    facts: Facts,
    on: date,
    created: datetime,
    *,
    purpose: str,
) -> str:
    """The export of the project's rows from the tool the user keeps them in, in its raw folder, named for day ``on``
    and made at ``created``, with its totals as facts; its path."""
    led = ctx.ledger
    path = led.add(
        f"{ctx.layout.sub(plan.folder, 'raw')}/{safe_name(slug(d.tool, '_'))}_export_{on.isoformat()}.csv",
        write_csv(build_csv(facts, d)),
        purpose=purpose,
        author=ctx.me,
        created=created,
        project_id=plan.pid,
        archetype="data_extract",
    )
    led.facts[path] = {"total_plan": facts.total_plan, "total_actual": facts.total_actual}
    return path


def build_project(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """The artifact chain of one project."""
    rng, led, lay, clock = ctx.rng, ctx.ledger, ctx.layout, ctx.ledger.clock
    today = ctx.now.date()
    start = plan.started
    assert plan.end is not None

    def day(frac: float) -> date:
        return plan.day_at(frac, today)

    # the project's documents first: the measure its workbook counts must fit them (a herd health incident report
    # never quotes bushels harvested)
    kinds = project_archetypes(ctx, plan, 2 if plan.status == "active" and plan.pid == "p01" else 1, ctx.project_kinds)
    ctx.project_kinds.update(a.id for a in kinds)
    d = make_domain(ctx, plan, day(0.45), tuple(a.id for a in kinds))
    plan.domain = d
    pid = plan.pid
    folder = lay.project_folder(plan)
    plan.folder = folder
    me = ctx.me
    # brief v1 / v2: v2 is revised on its own save day and lists exactly what it changed; between them, the
    # project's domain documents (the kinds of document this work produces), which v2 lists
    t = clock.at(day(0.02))
    title = f"{d.project}: project brief"
    first_end = plan.end - timedelta(days=14)
    spec = build_brief(
        d,
        title=title,
        version=1,
        start=start,
        end=first_end,
        rng=rng,
        props=ctx.props(title, me, t, clock.work(t + timedelta(hours=3)), d.project),
    )
    brief1 = led.add(
        f"{lay.sub(folder, 'admin')}/{lay.file_name(d.project + ' brief', 'docx', day(0.02), 1)}",
        write_docx(spec),
        purpose=f"Project brief for {d.project}",
        author=me,
        created=t,
        modified=clock.work(t + timedelta(hours=3)),
        project_id=pid,
        archetype="project_brief",
    )
    # the data: its plan split is set from the start (a planning document quotes it), its actuals come in later
    rows = make_rows(d, rng)
    facts1 = workbook_facts(rows)
    early = [a for a in kinds if is_planning(a.id)]
    late = [a for a in kinds if not is_planning(a.id)]
    docs = build_project_documents(
        ctx,
        plan,
        d,
        early,
        when=lambda k: clock.work(clock.at(day(0.08 + 0.06 * k))),
        facts=facts1,
        workbook=None,
    )
    t2 = clock.at(day(0.2))
    spec2 = build_brief(
        d,
        title=title,
        version=2,
        start=start,
        end=plan.end,
        rng=rng,
        revised=t2.astimezone(ctx.identity.tz).date(),
        previous_end=first_end,
        documents=[(posixpath.basename(path), ARCHETYPES[kind].label) for path, kind, _f in docs],
        props=ctx.props(title, me, t2, clock.work(t2 + timedelta(hours=2)), d.project),
    )
    brief2 = led.add(
        f"{lay.sub(folder, 'admin')}/{lay.file_name(d.project + ' brief', 'docx', day(0.2), 2)}",
        write_docx(spec2),
        purpose="Revised brief with the new close-out date",
        author=me,
        created=t2,
        modified=clock.work(t2 + timedelta(hours=2)),
        project_id=pid,
        sources=(
            (brief1, "version_of", f"close-out moved to {plan.end.isoformat()}, scope widened"),
            *((path, "references", "lists the working document") for path, _kind, _f in docs),
        ),
        archetype="project_brief",
    )
    # data
    t3 = clock.at(day(0.45))
    csv_path = file_export(ctx, plan, d, facts1, day(0.45), t3, purpose=f"Raw {d.tool} extract")
    _monthly_extracts(ctx, plan, d, facts1.rows, before=t3)
    t4 = clock.work(t3 + timedelta(hours=2))
    wb_title = f"{d.project} - {d.kind_label}"
    wb1_spec = build_workbook(
        d,
        facts1,
        title=wb_title,
        version_note="v1 (first cut)",
        changes=[],
        props=ctx.props(wb_title, me, t4, clock.work(t4 + timedelta(hours=4)), d.project),
    )
    wb1 = led.add(
        f"{lay.sub(folder, 'data')}/{lay.file_name(d.kind_label, 'xlsx', day(0.45), 1)}",
        write_xlsx(wb1_spec),
        purpose=f"{cap(d.kind_label)} tracking {d.metric}",
        author=me,
        created=t4,
        modified=clock.work(t4 + timedelta(hours=4)),
        project_id=pid,
        sources=((csv_path, "input_to", "rows imported from the extract"),),
        archetype="tracking_workbook",
    )
    led.facts[wb1] = facts1.to_json()
    led.formula_books.add(wb1)
    # report v1
    t5 = clock.work(led.files[wb1].modified + timedelta(days=2))
    rep_title = f"{cap(d.report_type)}: {d.project}"
    r1_spec = build_report(
        d,
        facts1,
        title=rep_title,
        workbook_name=posixpath.basename(wb1),
        when=t5.date(),
        rng=rng,
        brief_name=posixpath.basename(brief2),
        props=ctx.props(rep_title, me, t5, clock.work(t5 + timedelta(hours=5)), d.project),
    )
    rep1 = led.add(
        f"{lay.sub(folder, 'drafts')}/{lay.file_name(d.report_type, 'docx', t5.date(), 1)}",
        write_docx(r1_spec),
        purpose=f"Draft {d.report_type}",
        author=me,
        created=t5,
        modified=clock.work(t5 + timedelta(hours=5)),
        project_id=pid,
        sources=((wb1, "derived_from", "quotes the Summary totals"), (brief2, "references", "scope")),
        archetype="variance_report",
    )
    led.facts[rep1] = {"quotes": wb1, **facts1.quoted(d.unit)}
    # workbook v2 (restated): the change log names exactly the months whose actuals differ
    rows2 = revise_rows(rows, rng, d.money)
    facts2 = workbook_facts(rows2)
    restated = restatement_text(d, restated_months(rows, rows2))
    t6 = clock.work(led.files[rep1].modified + timedelta(days=rng.randint(4, 9)))
    changes = [
        (t6.date().isoformat(), me, f"{cap(restated)} from {d.tool}"),
        (t6.date().isoformat(), d.person(1).name, "Reviewed totals by " + d.entity_noun),
    ]
    wb2_spec = build_workbook(
        d,
        facts2,
        title=wb_title,
        version_note="v2 (restated)",
        changes=changes,
        props=ctx.props(wb_title, me, t6, clock.work(t6 + timedelta(hours=3)), d.project),
    )
    wb2 = led.add(
        f"{lay.sub(folder, 'data')}/{lay.file_name(d.kind_label, 'xlsx', t6.date(), 2)}",
        write_xlsx(wb2_spec),
        purpose=f"{cap(d.kind_label)}, restated",
        author=me,
        created=t6,
        modified=clock.work(t6 + timedelta(hours=3)),
        project_id=pid,
        sources=((wb1, "version_of", f"{restated}; change log added"),),
        archetype="tracking_workbook",
    )
    led.facts[wb2] = facts2.to_json()
    led.formula_books.add(wb2)
    # record documents (a harvest record, an audit, club accounts) quote the restated workbook, row by row
    wb2_saved = led.files[wb2].modified
    docs += build_project_documents(
        ctx,
        plan,
        d,
        late,
        when=lambda k: clock.work(wb2_saved + timedelta(hours=2 + 3 * k)),
        facts=facts2,
        workbook=wb2,
    )
    plan.documents = [path for path, _kind, _facts in docs]
    # report v2 + pdf
    t7 = clock.work(max(led.files[p].modified for p in (wb2, *plan.documents)) + timedelta(days=1))
    r2_spec = build_report(
        d,
        facts2,
        title=rep_title,
        workbook_name=posixpath.basename(wb2),
        when=t7.date(),
        rng=rng,
        previous=facts1,
        restated=restated,
        props=ctx.props(rep_title, me, t7, clock.work(t7 + timedelta(hours=4)), d.project),
    )
    rep2 = led.add(
        f"{lay.sub(folder, 'reports')}/{lay.file_name(d.report_type, 'docx', t7.date(), 2, final=True)}",
        write_docx(r2_spec),
        purpose=f"Final {d.report_type}",
        author=me,
        created=t7,
        modified=clock.work(t7 + timedelta(hours=4)),
        project_id=pid,
        sources=(
            (wb2, "derived_from", "quotes the restated totals"),
            (rep1, "version_of", "restated figures, change table added"),
        ),
        archetype="variance_report",
    )
    led.facts[rep2] = {"quotes": wb2, **facts2.quoted(d.unit), "previous_actual": fmt_num(facts1.total_actual)}
    t8 = clock.work(led.files[rep2].modified + timedelta(minutes=20))
    pdf_spec = r2_spec.model_copy(update={"properties": ctx.props(rep_title, me, t8, t8, d.project)})
    pdf = led.add(
        posixpath.splitext(rep2)[0] + ".pdf",
        write_pdf(pdf_spec),
        purpose="PDF export for circulation",
        author=me,
        created=t8,
        project_id=pid,
        sources=((rep2, "derived_from", "PDF export"),),
        archetype="variance_report",
    )
    led.facts[pdf] = led.facts[rep2]
    # deck
    deck: str | None = None
    if pid in ctx.deck_projects:
        t9 = clock.work(led.files[rep2].modified + timedelta(days=2))
        deck_title = f"{d.project}: {d.meeting}"
        deck_spec = build_deck(
            d,
            facts2,
            title=deck_title,
            report_name=posixpath.basename(rep2),
            when=t9.date(),
            rng=rng,
            n_slides=rng.randint(17, 23),
            props=ctx.props(deck_title, me, t9, clock.work(t9 + timedelta(hours=6)), d.project),
        )
        deck = led.add(
            f"{lay.sub(folder, 'slides')}/{lay.file_name(d.project + ' update', 'pptx', t9.date())}",
            write_pptx(deck_spec),
            purpose=f"Deck for the {d.meeting}",
            author=me,
            created=t9,
            modified=clock.work(t9 + timedelta(hours=6)),
            project_id=pid,
            sources=((rep2, "summarizes", "repeats the headline totals"),),
            archetype="update_deck",
        )
        led.facts[deck] = {"quotes": wb2, **facts2.quoted(d.unit)}
    # meetings: calendar + notes
    base = led.files[deck].modified if deck else led.files[rep2].modified
    meeting_days = [base.date() + timedelta(days=1 + 14 * k) for k in range(3)]
    meeting_days = [m for m in meeting_days if m < today] or [base.date()]
    cal = build_calendar(d, days=meeting_days, tz_hour=10, uid_prefix=f"{pid}-{slug(d.project, '-')[:20]}")
    ics = led.add(
        f"{lay.sub(folder, 'meetings')}/{safe_name(d.project)} meetings.ics",
        write_ics(cal),
        purpose=f"Invitations for the {d.meeting}",
        author=me,
        created=clock.at(meeting_days[0]) - timedelta(days=3),
        project_id=pid,
        archetype="meeting_invitations",
    )
    attendees = [ctx.user, *d.people[:3]]
    notes_paths = []
    for k, mday in enumerate(meeting_days[:2]):
        tn = clock.at(mday, 16)
        with_deck = deck is not None and k == 0
        nspec = build_notes(
            d,
            facts2 if with_deck else None,
            title=f"{cap(d.meeting)} - {mday.isoformat()}",
            meeting_day=mday,
            deck_name=posixpath.basename(deck) if deck and with_deck else None,
            rng=rng,
            attendees=attendees,
        )
        srcs: tuple[tuple[str, str, str], ...] = ((ics, "references", "meeting on the calendar"),)
        if deck and with_deck:
            srcs = ((deck, "references", "walks through the deck"), *srcs)
        np_ = led.add(
            f"{lay.sub(folder, 'meetings')}/{mday.isoformat()} {safe_name(d.meeting, 40)} notes.md",
            write_markdown(nspec),
            purpose="Meeting notes",
            author=me,
            created=max(tn, led.files[ics].created),
            project_id=pid,
            sources=srcs,
            archetype="meeting_notes",
        )
        if with_deck:
            led.facts[np_] = {"quotes": wb2, "total_actual": fmt_num(facts2.total_actual)}
        notes_paths.append(np_)
    # register (no formulas)
    tr = clock.at(day(0.1))
    reg: str | None = None
    reg_title = f"{d.project} register"
    if pid not in ctx.deck_projects or rng.random() < 0.3:
        reg_mod = clock.work(tr + timedelta(days=30))
        reg = led.add(
            f"{lay.sub(folder, 'admin')}/{safe_name(d.project)} register.xlsx",
            write_xlsx(build_register(d, rng, now=tr.date(), props=ctx.props(reg_title, me, tr, reg_mod, d.project))),
            purpose="Stakeholders, actions, risks and decisions",
            author=me,
            created=tr,
            modified=reg_mod,
            project_id=pid,
            archetype="project_register",
        )
    # status page
    ts = clock.work(max(led.files[p].modified for p in notes_paths) + timedelta(hours=2))
    links = [posixpath.basename(x) for x in (*plan.documents, rep2, deck or pdf, reg) if x]
    srcs_s: tuple[tuple[str, str, str], ...] = (
        *((path, "references", "links the working document") for path in plan.documents),
        (rep2, "references", "links the final report"),
    )
    if reg:
        srcs_s = (*srcs_s, (reg, "references", "links the register"))
    status = led.add(
        f"{folder}/README.md",
        write_markdown(
            build_status_md(d, title=f"{d.project} - status", day=ts.date(), facts=facts2, rng=rng, links=links)
        ),
        purpose="Running status notes",
        author=me,
        created=ts,
        project_id=pid,
        sources=srcs_s,
        archetype="status_page",
    )
    led.facts[status] = {"quotes": wb2, "total_actual": fmt_num(facts2.total_actual)}
    write_threads(
        ctx,
        plan,
        ThreadInputs(d=d, rep1=rep1, rep2=rep2, wb2=wb2, deck=deck, pdf=pdf, facts1=facts1, facts2=facts2),
    )

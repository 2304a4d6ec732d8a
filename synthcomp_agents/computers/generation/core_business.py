"""Stage 5, a sole trader's or small business's job: the own-business chain instead of an office's project pack.

A plumber, a photographer or a caterer keeps no project brief, variance report, register or 17-slide steering deck.
Their job leaves a quote, the bookings or job log they keep up (one workbook, from their app's export), the
documents of their trade, the invoice, a record of what was quoted, invoiced and paid, a few job notes and the mail
with the client; a short deck only where the trade presents its work (a photographer's or a designer's client pitch).

Every figure agrees across the chain: the payments record repeats the quote's and the invoice's totals and
references, and the mail attaches the very files it names.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date, datetime, timedelta

from synthcomp_agents.office import (
    ColumnSpec,
    SheetSpec,
    SpreadsheetSpec,
    write_ics,
    write_markdown,
    write_pptx,
    write_xlsx,
)

from ...personas import project_setting
from .._content import (
    Facts,
    ProjectDomain,
    build_calendar,
    build_deck,
    build_notes,
    build_status_md,
    build_workbook,
    fmt_num,
    make_rows,
    workbook_facts,
)
from .._names import slug
from ..archetypes import ARCHETYPES, SimpleLocale, archetypes_for
from .context import GenerationContext
from .life import life_locale
from .plans import ProjectPlan
from .project_docs import build_project_documents, project_archetypes
from .quoting import is_planning
from .text import cap, safe_name
from .threads import write_accountant_thread, write_business_threads

__all__ = ["build_business_project", "client_job", "is_own_business", "presents_work"]

# the business's own admin and upkeep: no client to quote or invoice
_ADMIN = re.compile(
    r"\b(tax|receipts?|accounts?|bookkeep\w*|invoices?|payments?|insurance|van|vehicle|mileage|stock|inventory|"
    r"training|apprentice\w*|website|marketing|advert\w*|social media|price list|pricing|prices|suppliers?|"
    r"materials?|orders?|ordering|equipment|tools?|licen[cs]e\w*|certific\w*|registration|course|portfolio|"
    r"camera|kit|gear|studio|unpaid|expenses|pension|loan|log|logs|workshop|backup|archive)\b",
    re.IGNORECASE,
)
# work done for a client, which is quoted and invoiced: an installation, a repair, a shoot, a commission, an event
_JOB = re.compile(
    r"\b(replac\w*|install\w*|refit\w*|repairs?|rewir\w*|extension|renovat\w*|conversion|fit-?out|re-?roof\w*|"
    r"boiler|bathroom|kitchen|heating|wiring|decorat\w*|landscaping|garden|checks?|servic\w*|survey|"
    r"weddings?|shoots?|sessions?|commissions?|portraits?|albums?|headshots?|packages?|events?|catering|party|"
    r"parties|functions?|bookings?|clients?|customers?|job|jobs|contracts?|logo|brand\w*|rebrand|website for|"
    r"designs? for|illustrations?|mural|cakes?|orders? for)\b",
    re.IGNORECASE,
)
# the admin an accountant sees: the tax return, the year's accounts, money owed and spent
_MONEY_ADMIN = re.compile(
    r"\b(tax|receipts?|accounts?|bookkeep\w*|invoices?|payments?|expenses|mileage|vat|insurance|unpaid)\b", re.I
)
_OWN = frozenset({"self_employed", "small_business_owner"})
# trades that show their work to a client in a few slides (a wedding photographer's package, a designer's pitch)
_PRESENTS = re.compile(
    r"photograph|design|illustrat|architect|videograph|florist|wedding|event|caterer|interior|landscap|"
    r"marketing|copywrit|brand",
    re.IGNORECASE,
)


def is_own_business(ctx: GenerationContext) -> bool:
    """Whether the user works for themselves in a small-business setting (a plumber, a photographer, a café owner):
    not a band, a farm or a private life, which have chains of their own."""
    p = ctx.persona
    return p.life_stage in _OWN and project_setting(p.family or "", p.text) == "small"


def presents_work(ctx: GenerationContext) -> bool:
    """Whether the trade shows its work in a short deck (a photographer, a designer); a plumber never does."""
    p = ctx.persona
    return bool(_PRESENTS.search(" ".join([p.role or "", p.occupation or "", p.text])))


def client_job(plan: ProjectPlan) -> bool:
    """Whether the project is a job done for a client (a boiler replacement, a wedding shoot), which is quoted and
    invoiced, rather than the business's own admin (the tax return, chasing unpaid invoices, the apprentice's log,
    buying materials or a new camera body)."""
    words = f"{plan.name} {plan.focus}"
    return bool(_JOB.search(words)) and not _ADMIN.search(words)


def build_business_project(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """The own-business chain of one job: quote, job log, the trade's documents, invoice, payments record, notes,
    mail with the client, and a short client deck where the trade presents."""
    from .core_project import file_export, make_domain

    rng, led, lay, clock = ctx.rng, ctx.ledger, ctx.layout, ctx.ledger.clock
    today = ctx.now.date()

    def day(frac: float) -> date:
        return plan.day_at(frac, today)

    kinds = project_archetypes(ctx, plan, 2 if plan.status == "active" and plan.pid == "p01" else 1, ctx.project_kinds)
    ctx.project_kinds.update(a.id for a in kinds)
    fits = {a.id for a in archetypes_for(ctx.persona)}
    # the trade's billing papers: a quote before the work (where the trade quotes), the invoice after it
    job = client_job(plan)
    quote = [ARCHETYPES["quote"]] if job and "quote" in fits and all(a.id != "quote" for a in kinds) else []
    invoice = [ARCHETYPES["invoice"]] if job and "invoice" in fits and all(a.id != "invoice" for a in kinds) else []
    if (quote or invoice) and not any(ctx.team.meta[i][0] == "client" for i in plan.stake):
        # the job is for one of the user's clients: they are among its people (the quote and the mail go to them)
        clients = [i for i, (rel, _style) in enumerate(ctx.team.meta) if rel == "client"]
        if clients:
            plan.stake.append(clients[int(plan.pid[1:]) % len(clients)] if plan.pid[1:].isdigit() else clients[0])
    d = make_domain(ctx, plan, day(0.45), tuple(a.id for a in (*kinds, *quote, *invoice)))
    plan.domain = d
    pid, me = plan.pid, ctx.me
    folder = lay.project_folder(plan)
    plan.folder = folder
    rows = make_rows(d, rng)
    facts = workbook_facts(rows)
    early = [*quote, *(a for a in kinds if is_planning(a.id))]
    late = [a for a in kinds if not is_planning(a.id)]
    docs = build_project_documents(
        ctx, plan, d, early, when=lambda k: clock.work(clock.at(day(0.03 + 0.06 * k))), facts=facts, workbook=None
    )
    # the job log or bookings the user keeps up: their app's export, then one workbook
    t3 = clock.at(day(0.45))
    csv_path = file_export(ctx, plan, d, facts, day(0.45), t3, purpose=f"{d.tool} export")
    t4 = clock.work(t3 + timedelta(hours=2))
    # kept up for a week or two after the export, never past today
    saved = max(min(clock.work(t4 + timedelta(days=rng.randint(3, 12))), ctx.now - timedelta(hours=6)), t4)
    wb_title = f"{d.project} - {d.kind_label}"
    wb = led.add(
        f"{lay.sub(folder, 'data')}/{lay.file_name(d.kind_label, 'xlsx', day(0.45))}",
        write_xlsx(
            build_workbook(
                d,
                facts,
                title=wb_title,
                version_note="kept up to date",
                changes=[],
                brief=False,
                props=ctx.props(wb_title, me, t4, saved, d.project),
            )
        ),
        purpose=f"{cap(d.kind_label)} tracking {d.metric}",
        author=me,
        created=t4,
        modified=saved,
        project_id=pid,
        sources=((csv_path, "input_to", "rows imported from the export"),),
        archetype="tracking_workbook",
    )
    led.facts[wb] = facts.to_json()
    led.formula_books.add(wb)
    wb_saved = led.files[wb].modified
    docs += build_project_documents(
        ctx, plan, d, late, when=lambda k: clock.work(wb_saved + timedelta(hours=2 + 20 * k)), facts=facts, workbook=wb
    )
    # the invoice bills what was quoted ("a fixed price, not an estimate"): the quote's lines, or lines that add up to
    # its subtotal where the two tables differ
    quoted = next((f for _p, kind, f in docs if kind == "quote" and "subtotal" in f), None)
    docs += build_project_documents(
        ctx,
        plan,
        d,
        invoice,
        when=lambda k: clock.work(wb_saved + timedelta(hours=2 + 20 * (len(late) + k))),
        facts=facts,
        workbook=wb,
        agree={"subtotal": float(str(quoted["subtotal"])), **({"lines": quoted["lines"]} if "lines" in quoted else {})}
        if quoted
        else None,
    )
    plan.documents = [path for path, _kind, _facts in docs]
    payments, paid = _payments(ctx, plan, d, docs)
    shows = job and presents_work(ctx) and pid in ctx.deck_projects  # a pitch for a client's job, never the accounts
    deck = _client_deck(ctx, plan, d, facts, wb) if shows else None
    notes = _job_notes(ctx, plan, d, deck, wb)
    links = [posixpath.basename(x) for x in (*plan.documents, wb, payments or "", deck or "") if x]
    ts = clock.work(max(led.files[p].modified for p in (*notes, wb)) + timedelta(hours=2))
    status = led.add(
        f"{folder}/{safe_name(d.project, 50)} notes.md",
        write_markdown(
            build_status_md(d, title=f"{d.project} - notes", day=ts.date(), facts=facts, rng=rng, links=links)
        ),
        purpose="Running job notes",
        author=me,
        created=ts,
        project_id=pid,
        sources=tuple((path, "references", "links the job's file") for path in (*plan.documents, wb)),
        archetype="status_page",
    )
    led.facts[status] = {"quotes": wb, "total_actual": fmt_num(facts.total_actual)}
    money = life_locale(ctx) or SimpleLocale()
    bills = [
        (path, kind, {**f, "total": money.format_money(float(str(f["total"])))})
        for path, kind, f in docs
        if kind in ("quote", "invoice") and "total" in f
    ]
    write_business_threads(ctx, plan, d, bills, paid)
    if _MONEY_ADMIN.search(f"{plan.name} {plan.focus}"):  # the books go to the accountant with the workbook
        accountant = next((p for p in ctx.team.people if re.search(r"accountant|bookkeeper", p.role, re.I)), None)
        if accountant is not None:
            write_accountant_thread(ctx, plan, d, accountant, [x for x in (wb, payments) if x], facts)


def _payments(
    ctx: GenerationContext, plan: ProjectPlan, d: ProjectDomain, docs: list[tuple[str, str, dict[str, object]]]
) -> tuple[str | None, dict[str, date | None]]:
    """The record of what was quoted, invoiced and paid for the job: one row per quote and invoice, with the same
    reference and total as the document, paid or still outstanding on the day it was last saved; and per invoice
    reference the day it was paid (None: outstanding), which the mail with the client agrees with."""
    led, clock, lay = ctx.ledger, ctx.ledger.clock, ctx.layout
    bills = [(path, kind, f) for path, kind, f in docs if kind in ("quote", "invoice") and "total" in f]
    paid: dict[str, date | None] = {}
    if not bills:
        return None, paid
    tz = ctx.identity.tz
    last = max(led.files[path].modified for path, _k, _f in bills)
    saved = clock.work(min(last + timedelta(days=ctx.rng.randint(5, 20)), ctx.now - timedelta(hours=3)))
    saved = max(saved, last + timedelta(minutes=30))
    rows: list[list[str | float | int | None]] = []  # totals as numbers: the sheet sums them
    for path, kind, f in bills:
        sent = led.files[path].modified.astimezone(tz).date()
        total = float(str(f["total"]))
        if kind == "quote":
            status, when = "Accepted", sent + timedelta(days=ctx.rng.randint(1, 6))
        else:
            when = sent + timedelta(days=ctx.rng.randint(6, 25))
            status = "Paid" if when <= saved.astimezone(tz).date() else "Outstanding"
            paid[str(f.get("reference", ""))] = when if status == "Paid" else None
        rows.append(
            [
                str(f.get("reference", "")),
                ARCHETYPES[kind].label,
                sent.isoformat(),
                total,
                status,
                when.isoformat() if status != "Outstanding" else "",
            ]
        )
    title = f"{d.project} - payments"
    spec = SpreadsheetSpec(
        sheets=[
            SheetSpec(
                name="Payments",
                columns=[
                    ColumnSpec(header="Reference"),
                    ColumnSpec(header="Document"),
                    ColumnSpec(header="Sent", number_format="yyyy-mm-dd"),
                    ColumnSpec(header=f"Total ({ctx.identity.currency})", number_format="#,##0.00"),
                    ColumnSpec(header="Status"),
                    ColumnSpec(header="Accepted / paid on", number_format="yyyy-mm-dd"),
                ],
                rows=rows,
            )
        ],
        properties=ctx.props(title, ctx.me, saved, saved, d.project),
    )
    path = led.add(
        f"{lay.sub(plan.folder, 'data')}/{safe_name(d.project, 50)} payments.xlsx",
        write_xlsx(spec),
        purpose="What was quoted, invoiced and paid",
        author=ctx.me,
        created=saved,
        project_id=plan.pid,
        sources=tuple((p, "derived_from", "repeats its reference and total") for p, _k, _f in bills),
        archetype="payment_record",
    )
    led.facts[path] = {"references": ", ".join(str(f.get("reference", "")) for _p, _k, f in bills)}
    return path, paid


def _client_deck(ctx: GenerationContext, plan: ProjectPlan, d: ProjectDomain, facts: Facts, wb: str) -> str:
    """A short deck for the client (six to eight slides), never a 17-slide steering pack."""
    led, clock = ctx.ledger, ctx.ledger.clock
    t9 = clock.work(led.files[wb].modified + timedelta(days=2))
    title = f"{d.project}: {d.meeting}"
    deck = led.add(
        f"{ctx.layout.sub(plan.folder, 'slides')}/{ctx.layout.file_name(d.project, 'pptx', t9.date())}",
        write_pptx(
            build_deck(
                d,
                facts,
                title=title,
                report_name=posixpath.basename(wb),
                when=t9.date(),
                rng=ctx.rng,
                n_slides=ctx.rng.randint(5, 6),
                props=ctx.props(title, ctx.me, t9, clock.work(t9 + timedelta(hours=2)), d.project),
            )
        ),
        purpose=f"Short deck for the {d.meeting}",
        author=ctx.me,
        created=t9,
        modified=clock.work(t9 + timedelta(hours=2)),
        project_id=plan.pid,
        sources=((wb, "summarizes", "repeats the job log's totals"),),
        archetype="update_deck",
    )
    led.facts[deck] = {"quotes": wb, **facts.quoted(d.unit)}
    return deck


def _job_notes(ctx: GenerationContext, plan: ProjectPlan, d: ProjectDomain, deck: str | None, wb: str) -> list[str]:
    """The job's visits or planning calls on the calendar, and the notes of the first two."""
    led, clock = ctx.ledger, ctx.ledger.clock
    today = ctx.now.date()
    base: datetime = led.files[deck].modified if deck else max(led.files[p].modified for p in (*plan.documents, wb))
    days = [m for m in (base.date() + timedelta(days=1 + 14 * k) for k in range(3)) if m < today] or [base.date()]
    cal = build_calendar(d, days=days, tz_hour=9, uid_prefix=f"{plan.pid}-{slug(d.project, '-')[:20]}")
    ics = led.add(
        f"{ctx.layout.sub(plan.folder, 'meetings')}/{safe_name(d.project)} {safe_name(d.meeting, 30)}.ics",
        write_ics(cal),
        purpose=f"Calendar: {d.meeting}",
        author=ctx.me,
        created=clock.at(days[0]) - timedelta(days=3),
        project_id=plan.pid,
        archetype="meeting_invitations",
    )
    out = []
    for mday in days[:2]:
        spec = build_notes(
            d,
            None,
            title=f"{cap(d.meeting)} - {mday.isoformat()}",
            meeting_day=mday,
            deck_name=None,
            rng=ctx.rng,
            attendees=[ctx.user, *d.people[:2]],
        )
        out.append(
            led.add(
                f"{ctx.layout.sub(plan.folder, 'meetings')}/{mday.isoformat()} {safe_name(d.meeting, 40)} notes.md",
                write_markdown(spec),
                purpose="Job notes",
                author=ctx.me,
                created=max(clock.at(mday, 16), led.files[ics].created),
                project_id=plan.pid,
                sources=((ics, "references", "on the calendar"),),
                archetype="meeting_notes",
            )
        )
    return out

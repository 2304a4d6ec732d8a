"""Stage 5b, a project's domain documents: the kinds of document its work really produces (a setlist and a gig
booking for a band's tour, a harvest record for a field trial, a scheme of work for a unit of teaching), chosen
from the archetype table by the persona's life and the project's own words, and written with the project's people,
dates and subject.

Example:
    >>> from synthcomp_agents.computers._generator import resolve_persona
    >>> from synthcomp_agents.computers.generation import plan_context
    >>> ctx = plan_context(resolve_persona("A heavy metal musician who loves boxing"), seed=7)
    >>> plan = next(p for p in ctx.plans if "setlist" in p.focus.lower())
    >>> [a.id for a in project_archetypes(ctx, plan, 1, set())]
    ['setlist']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

from .._content import Facts, ProjectDomain
from ..archetypes import (
    ARCHETYPES,
    BILLING_STAGES,
    WORKING_STAGES,
    Archetype,
    ArchetypeContext,
    ArchetypeError,
    Counterpart,
    build_artifact,
    interest_in,
    per_euro,
)
from ..archetypes import archetypes_for as _archetypes_for
from .context import GenerationContext
from .life import life_locale, stamped, student_links
from .plans import ProjectPlan
from .quoting import add_quote, measure_fits, quotes_nothing, subject_stems, workbook_quote
from .role_focuses import role_not_kinds
from .text import safe_name
from .workplace import workplace_of

__all__ = ["build_project_documents", "project_archetypes"]

_STAGE = {"small_business_owner": "business_owner"}
# documents of one's private life, never a project's working document
_NOT_PROJECT = frozenset(
    {
        "household_budget",
        "savings_overview",
        "medical_appointment_log",
        "medication_list",
        "card_list",
        "complaint_letter",
        "cv",
        "cover_letter",
        "interview_prep_notes",
        "flat_share_bills",
        "meal_plan",
        "family_schedule",
        "car_maintenance_record",
        "tax_return_workings",
        "timesheet",
        "expense_claim",
        "job_applications_tracker",
        "part_time_pay_tracker",
    }
)
# words too common in project names to say which kind of document a project produces
_WEAK = frozenset(
    {"plan", "repor", "revie", "notes", "recor", "log", "list", "form", "sheet", "summa", "updat", "overv", "track",
     "proje", "month", "weekl", "annua", "perso", "docum", "statu", "resul", "data", "new", "chang", "confi", "appli",
     "apply", "build", "prepa", "writ", "runn", "run", "claim"}
)  # fmt: skip
# kinds any trade may produce when its project names them (a band's grant application, a purchase order for merch);
# other kinds outside the persona's own (a site inspection of a car park wall) are never borrowed by a word
_ANY_TRADE = frozenset(
    {"grant_proposal", "purchase_order", "quote", "invoice", "contract", "meeting_minutes", "newsletter",
     "risk_register", "project_charter", "survey_results", "price_list", "inventory", "supplier_comparison",
     "event_run_sheet", "fundraising_tracker", "volunteer_rota", "shift_rota", "press_release"}
)  # fmt: skip
# borrowed kinds whose one shared word ("rota", "event") says too little about the work
_BORROW_NEEDS_TWO = frozenset({"volunteer_rota", "shift_rota", "fundraising_tracker", "event_run_sheet"})
# the only borrowed kinds a life without a job keeps (a club's minutes, a food bank's rota): never a purchase order of
# industrial supplies, a quote or a risk register for a retiree's medical appointments
_LIFE_BORROW = frozenset({"meeting_minutes", "newsletter", "volunteer_rota", "fundraising_tracker", "event_run_sheet",
                          "grant_proposal", "survey_results"})  # fmt: skip
# kinds whose content is one particular occasion (a school trip, a job interview, a site visit): a project gets
# them only when its own words name them, never as a filler
_ONLY_WHEN_NAMED = frozenset(
    {"trip_risk_assessment", "interview_scoresheet", "event_run_sheet", "site_inspection_report", "vehicle_logbook",
     "policy_document", "party_plan", "press_release", "training_log"}
)  # fmt: skip
# kinds any working project may produce once the persona's own kinds are spent, in order of preference
# no standard operating procedure here: its steps are a kitchen's or a site's (fridge temperatures, fire exits), no
# kind a design lead or a grid engineer writes for a project that does not name it
_GENERAL_WORK = ("meeting_minutes", "risk_register", "project_status_report", "survey_results", "newsletter",
                 "contract", "supplier_comparison")  # fmt: skip
# The kinds generic to a field: a project whose words name no kind gets one of these, never another field's paperwork
# (a teacher's "Reading interventions" is no interview scoresheet, "School inspection" no fridge-check procedure).
_FIELD_KINDS: dict[str, tuple[str, ...]] = {
    "education_teaching": (
        "lesson_plan",
        "scheme_of_work",
        "intervention_log",
        "parent_letter",
        "parents_evening_notes",
        "markbook",
        "newsletter",
    ),
    "agriculture_farming": ("farm_field_diary", "livestock_sale_record", "inventory", "maintenance_log"),
    # no site inspection report: its observations are a building's (rebar cover, cavity trays), not a garage's or a
    # joiner's; a trade's project that names a site inspection still gets one
    "skilled_trades": ("quote", "invoice", "inventory", "maintenance_log", "vehicle_logbook"),
    "parks_conservation": (
        "patrol_log",
        "trail_condition_survey",
        "wildlife_sighting_log",
        "visitor_count",
        "incident_report",
        "volunteer_rota",
    ),
}
_ANY_FIELD = ("meeting_minutes", "risk_register", "survey_results")
# an office's paperwork, which a small workplace's employee (a mechanic, a cook, a barista) never writes
_OFFICE_KINDS = frozenset(
    {"project_status_report", "sales_pipeline", "management_accounts_commentary", "bank_reconciliation",
     "project_charter", "account_plan", "campaign_plan", "product_requirements", "press_release",
     "interview_scoresheet", "policy_brief", "policy_document", "survey_results", "risk_register", "contract",
     "grant_proposal", "data_dictionary", "meeting_minutes"}
)  # fmt: skip
_WORKPLACE_KINDS = ("purchase_order", "inventory", "standard_operating_procedure", "supplier_comparison",
                    "maintenance_log", "price_list")  # fmt: skip
_NO_OFFICE_FILLER = frozenset({"education_teaching", "parks_conservation"})
_GENERAL_TRADE = ("meeting_minutes", "quote", "contract", "invoice", "risk_register")
_TRADES = frozenset({"agriculture_farming", "skilled_trades", "small_business", "music_performing_arts",
                     "creative_arts_writing"})  # fmt: skip
_GENERAL_LIFE = ("meeting_minutes", "party_plan", "volunteer_rota", "household_budget", "travel_itinerary")
_STOP = frozenset(
    {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "by", "with", "from", "into", "our", "their", "his",
     "her", "its", "new", "last", "next", "this", "that", "own"}
)  # fmt: skip


@dataclass(frozen=True)
class _Life:
    family: str | None
    life_stage: str
    interests: tuple[str, ...]
    role: str | None
    occupation: str | None
    org_type: str | None
    key_nouns: tuple[str, ...]


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    for _ in range(2):
        word = re.sub(r"(?<=[a-z]{3})(ings?|ed|es|s|e)$", "", word)
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]  # planning -> plan
    # a common prefix is no shared subject: "interventions" is not "interview", "transport" not "transcript"
    return word[:7] if word.startswith(("inter", "trans", "under", "super", "counter")) else word[:5]


def _stems(text: str) -> set[str]:
    """Word stems of ``text`` (lower case, endings off, first five letters: 'bookings', 'booked' and 'booking'
    meet, and so do 'quoting' and 'quote')."""
    return set(_stems_of(text))


@lru_cache(maxsize=4096)
def _stems_of(text: str) -> frozenset[str]:
    """:func:`_stems`, remembered: a project's name and focus are stemmed once per other project and kind."""
    return frozenset(_stem(w) for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in _STOP)


@cache
def _arch_stems(arch_id: str) -> frozenset[str]:
    arch = ARCHETYPES[arch_id]
    return frozenset(_stems(f"{arch.id.replace('_', ' ')} {arch.label}"))


@cache
def _interest_stems(arch_id: str) -> frozenset[str]:
    """Stems of a kind's interest words ("holiday" for a travel itinerary, "cattle" for a livestock sale record):
    they count for a project that uses them, less than the kind's own name ("music" is every music kind's word)."""
    arch = ARCHETYPES[arch_id]
    return frozenset(_stems(" ".join(w.rstrip("$") for w in arch.interests if w.rstrip("$").isalpha())))


@lru_cache(maxsize=64)
def _archetypes_of(life: _Life) -> tuple[Archetype, ...]:
    """``archetypes_for(life)``, matched once per persona (each of its projects asks; the registry is fixed)."""
    return tuple(_archetypes_for(life))


def project_archetypes(ctx: GenerationContext, plan: ProjectPlan, n: int, used: set[str]) -> list[Archetype]:
    """The ``n`` archetypes that fit ``plan`` best.

    Kinds named by the project's own words come first (a project "Booking the spring tour dates" gets a gig booking,
    "Ordering new merch" a purchase order): among the persona's own kinds any shared word counts, other kinds need a
    distinctive one (not "plan", "report", "project"). Then the persona's most specific kinds not used by another
    project yet.
    """
    p = ctx.persona
    life = _Life(
        p.family,
        _STAGE.get(p.life_stage, p.life_stage),
        tuple(p.interests),
        p.role,
        p.occupation,
        p.org_type,
        tuple(p.key_nouns),
    )
    # a role never writes some of its family's kinds (a firefighter no policy adviser's press release)
    banned = role_not_kinds(p.text)
    found = tuple(a for a in _archetypes_of(life) if a.id not in banned)
    own = {a.id for a in found}
    own_words = " ".join([p.role or "", p.occupation or "", *p.interests, *p.key_nouns, p.text]).casefold()
    # "keeping prescriptions in order" names no purchase order
    words = _stems(re.sub(r"\bin order\b", " ", f"{plan.name} {plan.focus}"))
    scored: list[tuple[int, bool, int, Archetype]] = []
    working = life.life_stage in WORKING_STAGES
    home: set[str] = set()  # private-life kinds of a working persona: never a working project's document
    for rank, arch in enumerate(found):
        strong = len((words - _WEAK) & _arch_stems(arch.id))
        weak = 0 if working and arch.personal else len(words & _WEAK & _arch_stems(arch.id))
        weak += len((words - _WEAK) & _interest_stems(arch.id) - _arch_stems(arch.id))
        if (
            working
            and arch.personal
            and p.family not in arch.families
            and not any(interest_in(w, own_words) for w in arch.interests)
        ):
            strong = 0  # a home document (a renovation budget) is not a working project's, whatever its words
            home.add(arch.id)
        if arch.id in _NOT_PROJECT:
            weak = 0  # private paperwork only when the project names it ("Keeping track of medical appointments")
            if strong < 2:
                strong = 0  # one shared stem is chance: "care" on a ward is not a car's service history
        scored.append((-(2 * strong + weak), arch.id in used, rank, arch))
    for arch in ARCHETYPES.values():
        if (
            arch.id in own
            or arch.id in banned
            or arch.id not in _ANY_TRADE
            or (not working and arch.id not in _LIFE_BORROW)
        ):
            continue
        if arch.bills and life.life_stage not in BILLING_STAGES:
            continue  # an employee's project bills nobody, whatever its words ("Client quote for the rebrand")
        if any(re.search(r"(?<!\w)" + re.escape(w.casefold()), own_words) for w in arch.exclude):
            continue
        strong = len((words - _WEAK) & _arch_stems(arch.id))
        if strong < 2 and arch.id in _BORROW_NEEDS_TWO:
            strong = 0  # a nurse's night-shift rota is not a food bank's volunteer rota
        if strong:
            scored.append((-2 * strong, arch.id in used, len(found) + len(scored), arch))
    scored.sort(key=lambda t: (t[0], t[2]))
    # a kind another project names ("This year's harvest yields") is kept for it, not spent as a filler here
    claimed = {
        a.id
        for other in ctx.plans
        if other.pid != plan.pid
        for a in found
        if (_stems(f"{other.name} {other.focus}") - _WEAK) & _arch_stems(a.id)
    }
    # a kind of another field needs a distinctive word of the project: "report" alone names none (a teacher's
    # "end-of-term report comments" is no project status report)
    field = _FIELD_KINDS.get(p.family or "") if working else None
    # a kind is written once per computer (a second one would repeat its fixed wording)
    out = [
        t[3]
        for t in scored
        if t[0] < 0
        and (field is None or t[0] <= -2 or t[3].id in field)
        and not t[1]
        and _fits_project(t[3].id, plan)
        and not (working and quotes_nothing(t[3].id) and not (words - _WEAK) & _arch_stems(t[3].id))
    ][:n]
    # a project no kind names gets the persona's own kinds, never a holiday itinerary or a kitchen refit budget of
    # the user's private life (a hospital pharmacist's "Local referral guideline" is not a renovation budget)
    fallback = sorted(
        (
            t
            for t in scored
            if t[3].id in own and not t[1] and t[3].id not in home | claimed and _fits_project(t[3].id, plan)
        ),
        # a kind that carries the project's figures before one that carries none (a peer review, a literature matrix
        # is a trial master file's document only when the project names it)
        key=lambda t: (quotes_nothing(t[3].id), t[2]),
    )
    if field:  # a kind the project's words do not name must be one generic to the persona's field
        fallback = [t for t in fallback if t[0] <= -2 or t[3].id in field]
    for score, _u, _r, arch in fallback:
        if arch.id in _ONLY_WHEN_NAMED or arch.id in _NOT_PROJECT:
            continue
        if working and arch.personal and score == 0:
            continue  # a memoir chapter or a loft insulation budget is no working project's document
        if (out or working) and quotes_nothing(arch.id) and not (words - _WEAK) & _arch_stems(arch.id):
            continue  # a working project's document it does not name carries its figures: a trial master file is
            # not a literature matrix because a master's degree is among that kind's words
        if len(out) >= n:
            break
        if arch not in out:
            out.append(arch)
    if not out:  # every project gets one document of its kind while unused ones last, never a private one at work
        usable = [
            t
            for t in fallback
            if t[3].id not in _NOT_PROJECT
            and not (working and t[3].personal)
            and _fits_project(t[3].id, plan)
            and not (working and quotes_nothing(t[3].id) and not (words - _WEAK) & _arch_stems(t[3].id))
        ]
        if usable:
            out.append(usable[0][3])
    if not out:  # past the persona's fitting kinds: a kind any such work produces (minutes, a risk register...)
        taken = used  # a general kind another project's words happen to name is still free here
        general = _GENERAL_LIFE if not working else _GENERAL_TRADE if p.family in _TRADES else _GENERAL_WORK
        if field:  # the field's own kinds, then kinds any field has (minutes, a risk register), office paperwork last
            # (never for a school or a park: a teacher's "end-of-term report comments" is no project status report)
            general = (*field, *_ANY_FIELD, *(() if p.family in _NO_OFFICE_FILLER else general))
        for kind in general:
            arch = ARCHETYPES[kind]
            if (
                kind in taken
                or kind in banned
                or (field and kind in claimed)
                or any(re.search(r"(?<!\w)" + re.escape(w.casefold()), own_words) for w in arch.exclude)
            ):
                continue
            if arch.bills and life.life_stage not in BILLING_STAGES:
                continue  # an employed farmhand or carpenter bills nobody
            out.append(arch)
            break
    if workplace_of(p) is not None:
        # a garage's or a kitchen's employee keeps the job's papers: no status report with a procurement milestone,
        # no sales pipeline or management accounts; in their place a kind the workplace keeps and no project has yet
        # (and no rota of other staff: the boss's rota is the workplace's paper, in one folder)
        out = [a for a in out if a.id not in _OFFICE_KINDS and a.id != "shift_rota"]
        if not out:
            spare = next((k for k in _WORKPLACE_KINDS if k not in used and k in ARCHETYPES), None)
            out = [ARCHETYPES[spare]] if spare else []
    # no kind twice: a second quote or charter would repeat its kind's fixed wording (terms, boilerplate) word for word
    return out


# most a household's money figure reaches in a month, in euro (spending, bills, a party or a trip: hundreds to a few
# thousand a month)
_HOUSEHOLD_MONTH = 6000


def _own_scale(arch: Archetype, d: ProjectDomain, facts: Facts) -> bool:
    """Whether a document of this kind may quote the project's figures: a private-life document (a party plan, a
    household budget) quotes only household money of a household's size, never a count or six figures a month."""
    if not arch.personal:
        return True
    if not d.money:  # a count only where the kind names it as its own (rehearsal hours in a rehearsal plan)
        return any(stem != "$money" for stem in subject_stems(arch.id))
    months = max(len(d.months), 1)
    return max(facts.total_plan, facts.total_actual) / months <= _HOUSEHOLD_MONTH * per_euro(d.unit)


def _fits_project(arch_id: str, plan: ProjectPlan) -> bool:
    """Whether a kind with a subject of its own (a harvest record, an incident report) is about this project: one of
    its subject stems starts a word of the project's name or focus ("Farm equipment loan" gets no harvest record)."""
    stems = [s for s in subject_stems(arch_id) if s != "$money"]
    if not stems or (_stems(f"{plan.name} {plan.focus}") - _WEAK) & _arch_stems(arch_id):
        return True  # no subject of its own, or the project names the kind ("Building the setlist")
    words = re.findall(r"[a-z0-9]+", f"{plan.name} {plan.focus}".casefold())
    return any(w.startswith(s) for s in stems for w in words)


def build_project_documents(
    ctx: GenerationContext,
    plan: ProjectPlan,
    d: ProjectDomain,
    archetypes: list[Archetype],
    *,
    when: Callable[[int], datetime],
    facts: Facts,
    workbook: str | None,
    home_sheet: str | None = None,
    period: Callable[[str, date], tuple[date, date]] | None = None,
    agree: Mapping[str, float | str] | None = None,
) -> list[tuple[str, str, dict[str, Any]]]:
    """Write the project's domain documents of ``archetypes``, the ``k``-th at ``when(k)``; return ``(path, archetype
    id, facts)`` of each, oldest first.

    ``agree``: facts of an earlier file these documents state too (an invoice bills its quote's subtotal).

    Each quotes the project's workbook (``facts``): a planning kind, written before any actual (``workbook`` None),
    its plan split by row; a record kind, written after ``workbook``, plan, actual and gap by row, naming it
    (``home_sheet``: the tab of a private-life project's sheet, which it names instead of a Summary sheet).
    ``period(archetype, written)`` gives the dates a document covers (a trip's itinerary its days away); by default
    the project's start to the day it is written.
    """
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    locale = life_locale(ctx)
    people = tuple(Counterpart(x.name, x.role, x.org, x.email) for x in d.people)
    # the project's rows and terms fill a document's "{term} figures", "the {term} work": never the persona's own
    # words ("the nurse figures", "affected by appointments", "the congregation work")
    vocabulary = tuple(dict.fromkeys([*d.entities[:3], *d.jargon[:3]]))
    subject_terms, links = student_links(ctx)
    if subject_terms:  # a student's project documents are about the subject ("pharmacology", not "freshman" nor
        vocabulary = subject_terms  # a row of their essay-hours sheet); students' projects are all private-life
    out: list[tuple[str, str, dict[str, Any]]] = []
    for k, arch in enumerate(archetypes):
        t = when(k)
        when_day = t.astimezone(ident.tz).date()
        first, last = period(arch.id, when_day) if period is not None else (plan.started, when_day)
        actx = ArchetypeContext(
            owner_name=ident.user.name,
            owner_role=ident.doc_role,
            organisation=ident.life_org,
            topic=plan.name,
            created=when_day,
            rng=rng,
            org_type=ctx.persona.org_type or "",
            life_stage=_STAGE.get(ctx.persona.life_stage, ctx.persona.life_stage),
            family=ctx.identity.doc_family,
            interests=tuple(ctx.persona.interests),
            counterparts=people,
            vocabulary=vocabulary,
            period_start=first,
            period_end=last,
            ahead=last > when_day,
            owner_email=ident.user.email,
            owner_address=ident.home_address,
            city=ident.city,
            country_code=ctx.persona.country_code or "",
            persona_text=ctx.persona.text,  # a postdoc "in neuroscience" writes a neuroscience lab's notebook
            linked={**dict(links), **dict(agree or {})},
            sheet=() if home_sheet is None else tuple((e, float(p), float(a)) for e, (p, a) in facts.by_entity.items()),
        )
        if locale is not None:
            actx.locale = locale
        try:
            art = build_artifact(arch.id, actx)
        except ArchetypeError:
            continue
        quote = None
        # a bill (a quote, an invoice) carries its own line items, never a table of the project's figures
        if (
            art.kind != "csv"
            and not arch.bills
            and measure_fits(arch.id, d.metric, money=d.money)
            and _own_scale(arch, d, facts)
        ):
            quote = workbook_quote(
                d,
                facts,
                rng=rng,
                label=arch.label,
                archetype=arch.id,
                locale=locale,
                workbook=workbook,
                home_sheet=home_sheet,
            )
            art = add_quote(art, quote)
        ctx.project_kinds.add(arch.id)
        sub = ctx.layout.sub(plan.folder, "data") if art.kind in ("xlsx", "csv") else plan.folder
        name = safe_name(art.filename or f"{plan.name} {arch.label}", 70)
        saved = led.clock.work(max(min(t + timedelta(hours=rng.randint(1, 4)), ctx.now - timedelta(minutes=5)), t))
        art = stamped(art, t, saved, ident.user.name)  # office metadata agrees with the file system
        sources = (
            ()
            if workbook is None or quote is None
            else ((workbook, "derived_from", "quotes the workbook's figures by row"),)
        )
        path = led.add(
            f"{sub}/{name}.{art.kind}",
            art.to_bytes(),
            purpose=f"{art.title} ({plan.name})",
            author=ident.user.name,
            created=t,
            modified=saved,
            project_id=plan.pid,
            sources=sources,
            archetype=arch.id,
        )
        quoted = quote.facts() if quote is not None else {}
        led.facts[path] = {"archetype": arch.id, **art.facts, **quoted}
        out.append((path, arch.id, dict(art.facts)))
    return out

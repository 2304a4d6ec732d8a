"""A job search as one story: the applications a job seeker sent (employer, post, where the advert was seen, the day
it went out, who answered, what it paid, how it ended), drawn once per computer, and the files each of the search's
projects leaves from it: the applications tracker, a CV per role family, cover letters, interview preparation notes,
the invitation, rejection and offer e-mails, an offer comparison, the benefit office's appointment log of the
person's country, a course certificate and a portfolio. Every file states the same applications, so the tracker's
employers are the cover letters' and the mails', and every interview falls after its application.

The fields, role families, advert sites, pay and benefit offices come from ``archetypes/data/job_search.yaml``.

Example:
    >>> from synthcomp_agents.computers._generator import resolve_persona
    >>> from synthcomp_agents.computers.generation import plan_context
    >>> ctx = plan_context(resolve_persona("A laid-off software engineer in Berlin"), seed=3)
    >>> search = job_search(ctx)
    >>> search.field, all(a.interview is None or a.interview.date() > a.applied for a in search.apps)
    ('software_engineering', True)
"""

from __future__ import annotations

import dataclasses
import hashlib
import posixpath
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from synthcomp_agents.office import (
    Attachment,
    ColumnSpec,
    EmailSpec,
    SheetSpec,
    SpreadsheetSpec,
    write_eml,
    write_xlsx,
)
from synthcomp_agents.personas import Persona, region_cities

from .._blueprint import CareerEntry, EducationEntry
from .._names import _root_of, company_name, domain_for, person_name, slug
from ..archetypes import ArchetypeContext, ArchetypeError, Counterpart, build_artifact, per_euro
from .context import GenerationContext
from .identity import former_role
from .life import life_locale, looks_while_employed, stamped
from .plans import ProjectPlan
from .text import cap, safe_name

__all__ = [
    "CHANNELS",
    "CHANNEL_GROUP",
    "Application",
    "JobSearch",
    "education_for",
    "field_of",
    "is_searching",
    "job_search",
    "job_search_duties",
    "past_field",
    "search_field",
    "search_mailbox",
    "time_search_plans",
    "write_job_search_files",
]

CHANNELS = ("Job sites", "Agencies", "Direct to employers", "People I know")
"""The applications log's rows: where applications go out (the tracker's "Found via" is one of each)."""
CHANNEL_GROUP = {
    "Job sites": "Online",
    "Agencies": "Agencies",
    "Direct to employers": "Direct",
    "People I know": "Contacts",
}
_PER_MONTH = {"Job sites": (1, 4), "Agencies": (0, 2), "Direct to employers": (0, 2), "People I know": (0, 1)}
_ANSWERS = {"Job sites": 0.08, "Agencies": 0.2, "Direct to employers": 0.15, "People I know": 0.4}
_CONTACT_TITLES = ("Recruiter", "HR adviser", "Hiring manager", "Talent acquisition partner", "Team leader")

# what a project's own words say it holds of the search, in the order its files are written
_DUTIES: tuple[tuple[str, str], ...] = (
    ("apply", r"appl|graduate scheme|jobs? after|looking for|vacanc|job hunt|job search|layoff|redundan|new job"),
    ("cv", r"\bcv|linkedin|r[eé]sum|profile|portfolio"),
    ("interview", r"interview|assessment cent"),
    ("benefit", r"benefit|unemploy|jobcentre|job centre|dole|\bparo\b|signing on|claim"),
    ("course", r"course|retrain|certificat|bootcamp|stand out"),
    ("references", r"referen|referee"),
)


@cache
def _data() -> dict[str, Any]:
    text = resources.files("synthcomp_agents.computers.archetypes").joinpath("data/job_search.yaml")
    data: dict[str, Any] = yaml.safe_load(text.read_text("utf-8"))
    return data


def _by_country(table: Mapping[str, Any], code: str) -> Any:
    return table.get(f"@{code}", table["default"])


@dataclass
class Application:
    """One application as the tracker row states it, with the days the e-mails and the interview fall on."""

    employer: str
    city: str
    post: str
    family: str
    channel: str
    source: str
    applied: date
    contact: str
    contact_title: str
    contact_email: str
    salary: tuple[int, int]
    stage: str
    next_step: str
    outcome: str = ""
    invited: date | None = None
    interview: datetime | None = None
    closed: date | None = None
    letter: bool = False

    def stage_on(self, day: date) -> str:
        """The stage the tracker showed on ``day``: what had happened by then."""
        if self.closed is not None and self.closed <= day:
            return self.stage
        if self.interview is not None and self.interview.date() < day:
            return "Interviewed"
        if self.invited is not None and self.invited <= day:
            return "Interview booked"
        return "Applied"

    def outcome_on(self, day: date) -> str:
        """The outcome the tracker showed on ``day`` (blank while open)."""
        if self.outcome == "No reply":
            return self.outcome if (day - self.applied).days > 20 else ""
        return self.outcome if self.closed is not None and self.closed <= day else ""


@dataclass
class JobSearch:
    """The whole search: its field, role families (one CV each), applications oldest first, the person's degree."""

    field: str
    families: dict[str, list[str]]
    apps: list[Application]
    education: EducationEntry | None
    start: date
    end: date
    planned: dict[tuple[str, str], int] = dataclasses.field(default_factory=dict)
    """``(YYYY-MM, channel) -> applications planned``: the applications log's plan column."""
    cv_files: dict[str, str] = dataclasses.field(default_factory=dict)
    """Role family -> the CV file written for it."""
    written: set[str] = dataclasses.field(default_factory=set)
    """Duties already written by a project of the search (each once per computer)."""

    def sent(self, month: str, channel: str, until: date) -> int:
        """Applications sent in ``month`` through ``channel`` up to ``until`` (the applications log's actuals)."""
        return sum(1 for a in self.apps if a.channel == channel and a.applied <= until and _month(a.applied) == month)


def _month(d: date) -> str:
    return f"{d.year}-{d.month:02d}"


def _field_in(text: str) -> str | None:
    """The first field of the table whose words ``text`` uses, or None."""
    low = f" {text} ".casefold()
    for fid, row in _data()["fields"].items():
        if fid != "default" and any(re.search(r"(?<!\w)" + re.escape(str(w)), low) for w in row["words"]):
            return str(fid)
    return None


_SCOTLAND = re.compile(r"\b(?:Scotland|Scottish|Glasgow|Edinburgh|Aberdeen|Dundee|Inverness|Stirling|Paisley)\b")
_INTO = re.compile(r"\b(?:from ([\w\s-]+?) )?into ([\w\s-]+)", re.I)


def field_of(p: Persona) -> str | None:
    """The field a job seeker looks for work in: the field they move into ("from retail into UX design", "a software
    engineer changing careers into teaching"), their former trade's family, else the first field their words name
    ("looking for work in banking"), else None."""
    moving = _INTO.search(p.text)
    into = _field_in(moving.group(2)) if moving else None
    if into is not None:
        return into
    former = former_role(p)
    if former is not None and former[1].id in _data()["fields"]:
        return former[1].id
    return _field_in(f"{p.role or ''} {p.text}")


def past_field(p: Persona) -> str | None:
    """The field a job seeker worked in before: their former trade, the one they move away from ("from retail
    into UX design": retail), else the one they look for work in (None when their words name none)."""
    moving = _INTO.search(p.text)
    former = former_role(p)
    if former is not None and former[1].id in _data()["fields"]:
        return former[1].id  # "a software engineer changing careers into teaching": software
    if moving and moving.group(1):
        return _field_in(moving.group(1)) or field_of(p)
    return field_of(p)


def search_field(ctx: GenerationContext) -> str:
    """:func:`field_of` the persona, else the family of the user's documents when the table has it, else
    ``default``."""
    family = field_of(ctx.persona) or ctx.identity.doc_family or ""
    return family if family in _data()["fields"] else "default"


def education_for(p: Persona, career: list[CareerEntry], cities: tuple[str, ...], year: int) -> list[EducationEntry]:
    """A job seeker's degree or diploma: one of their field's, taken at a university (or, for a vocational award, a
    college) of a city of their country, finished the summer before a recent graduate's search or before their
    first job. Drawn from its own random source, so the rest of the profile is unchanged.

    Example:
        >>> from synthcomp_agents.personas import classify_persona
        >>> p = classify_persona("A recent graduate in Lagos looking for work in banking")
        >>> e = education_for(p, [], ("Lagos", "Abuja"), 2026)[0]
        >>> e.award in _data()["fields"]["finance_accounting"]["degrees"], e.end_year
        (True, 2025)
    """
    rng = random.Random(int(hashlib.sha256(f"{p.persona_id}|education".encode()).hexdigest()[:16], 16))
    data = _data()
    row = data["fields"][past_field(p) or "default"]  # a career changer's degree is of the field they leave
    award = str(rng.choice(row["degrees"]))
    code = p.country_code or ""
    university = re.match(r"(BSc|BA|MSc|MA|BEng|MEng|HND|LLB|BMus|Degree|Diploma in Tourism)\b", award) is not None
    pool = _by_country(data["universities" if university else "colleges"], code)
    if re.search(r"\bschool[- ]leaver", f"{p.role or ''} {p.text}", re.I):  # straight from school: its certificate
        options = [str(x) for x in _by_country(data["school_leaving"], code)]
        if code == "GB":  # Highers in Scotland, A levels or a BTEC in England and Wales
            scottish = re.search(_SCOTLAND, f"{p.city or ''} {p.region or ''} {p.text}") is not None
            options = [x for x in options if ("Scottish" in x) == scottish] or options
        award = str(rng.choice(options))
        pool = _by_country(data["schools"], code)
        cities = cities[:1]  # the school of their own town
    # a city of their country, or their own town (a US state's towns are not the country's largest cities)
    near = cities[:1] if p.country_code == "US" else cities[:4]
    city = rng.choice(near or ("the city",)) if rng.random() < 0.6 or not p.city else p.city
    school = str(rng.choice(pool)).format(city=city)
    recent = year - 1 if rng.random() < 0.8 else year - 2
    finished = career[0].start_year - rng.randint(0, 1) if career else recent
    if p.birth_year is not None:
        finished = max(finished, p.birth_year + 18)
    return [EducationEntry(award=award, institution=school, end_year=max(1950, finished))]


def _rng(ctx: GenerationContext) -> random.Random:
    """The search's own random source: drawing it leaves the computer's other files as they were."""
    digest = hashlib.sha256(f"{ctx.persona.persona_id}|{ctx.seed}|job-search".encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


_DUTY_RX = dict(_DUTIES)


def _words(plan: ProjectPlan) -> str:
    return f"{plan.name} {plan.focus}".casefold()


def _is_search(plan: ProjectPlan) -> bool:
    return any(re.search(rx, _words(plan)) for _d, rx in _DUTIES)


def is_searching(p: Persona) -> bool:
    """Whether the persona's computer holds a job search: a job seeker's, or that of someone in work who wants a
    move ("a nurse looking for a new job": applications while employed, no benefit claim)."""
    return p.life_stage == "job_seeker" or looks_while_employed(p)


_IN_WORK = "while still in my job"
_MOVING = re.compile(r"\bcareer change|\bchang\w* careers?\b|\binto\b", re.I)


def _employed_search_plan(persona: Persona, plans: list[ProjectPlan], today: date, rng: random.Random) -> None:
    """Someone in work who wants a move keeps their job's projects and runs one search beside them: the last
    project becomes the search under way (applications, the CV, interviews and references; no benefit claim)."""
    projects = [p for p in plans if p.is_project]
    if len(projects) < 2:
        return
    plan = projects[-1]
    changing = _MOVING.search(persona.text) is not None
    plan.name = "Career change" if changing else "Looking for a new job"
    plan.focus = (
        f"applying for posts in a new line of work {_IN_WORK}: the CV, interviews, references"
        if changing
        else f"applying for new posts {_IN_WORK}: the CV, interviews, references"
    )
    plan.start = today - timedelta(days=rng.randint(70, 150))
    plan.end = today + timedelta(days=rng.randint(20, 60))
    plan.status = "active"


def time_search_plans(persona: Persona, plans: list[ProjectPlan], now: datetime, seed: int) -> None:
    """A job seeker's search is going on now, so its projects fall in its months: applying (and the benefit claim)
    from the day it began until after today, the CV and the references just before the first applications, the
    interviews and a course somewhere inside it. Other projects keep their dates; the search's own random source
    leaves the rest of the computer as it was."""
    if not is_searching(persona):
        return
    today = now.date()
    rng = random.Random(int(hashlib.sha256(f"{persona.persona_id}|{seed}|search-time".encode()).hexdigest()[:16], 16))
    if persona.life_stage != "job_seeker":
        _employed_search_plan(persona, plans, today, rng)
        return
    begin = today - timedelta(days=rng.randint(150, 240))
    for p in plans:
        if not p.is_project or not _is_search(p):
            continue
        text = f"{p.name} {p.focus}".casefold()
        duty = next(d for d, rx in _DUTIES if re.search(rx, text))
        if duty in ("apply", "benefit"):
            start, end = begin + timedelta(days=rng.randint(0, 6)), today + timedelta(days=rng.randint(20, 60))
        elif duty in ("cv", "references"):
            start = begin - timedelta(days=rng.randint(5, 20))
            end = start + timedelta(days=rng.randint(50, 90))
        else:
            start = begin + timedelta(days=rng.randint(10, max(10, (today - begin).days - 60)))
            end = start + timedelta(days=rng.randint(50, 110))
        p.start, p.end = start, end
        p.status = "active" if end >= today else "completed"


def job_search_duties(ctx: GenerationContext, plan: ProjectPlan) -> list[str]:
    """What of the search ``plan`` holds ("apply", "cv", "interview", "benefit", "course", "references"), by its own
    words; empty for a project that is no part of a job search or for a persona not looking for work."""
    p = ctx.persona
    if not is_searching(p):
        return []
    text = f"{plan.name} {plan.focus}".casefold()
    duties = [d for d, rx in _DUTIES if re.search(rx, text)]
    if p.life_stage != "job_seeker":  # in work while looking: the one search, no claim, no course to fill the days
        if _IN_WORK not in plan.focus:
            return []  # "Travel and expense claims" or "CPD portfolio" is the job's, not the search's
        return [d for d in duties if d not in ("benefit", "course")]
    graduate = not ctx.identity.profile.career_history
    return [d for d in duties if not (d == "benefit" and graduate)]  # a first job: no claim behind it


def job_search(ctx: GenerationContext) -> JobSearch:
    """The person's job search, drawn on first use and kept on the context (every project states the same one)."""
    if ctx.job_search is not None:
        return ctx.job_search
    rng = _rng(ctx)
    data = _data()
    ident = ctx.identity
    fid = search_field(ctx)
    row = data["fields"][fid]
    former = former_role(ctx.persona)
    role = cap(former[0]) if former is not None else cap(ident.doc_role)
    own = former is not None and former[1].id == fid  # looking in their own trade, not changing into another
    if ctx.persona.life_stage != "job_seeker":  # in work: the next post in the same trade, unless changing careers
        own = _MOVING.search(ctx.persona.text) is None
    families: dict[str, list[str]] = {}
    for name, posts in row["families"].items():
        fam = str(name).format(role=role.lower())
        if "{role}" in str(name) and (not own or (fid == "default" and not ident.profile.career_history)):
            continue  # "Trainee recent graduate" is no post, nor a software engineer's post in a school
        # a post named after the family: the person's own job title in their trade, else the family's ("Teacher")
        families[fam] = [str(x).format(role=role if own else cap(fam)) for x in posts]
    today = ctx.now.astimezone(ident.tz).date()
    plans = [pl for pl in ctx.plans if pl.is_project and _is_search(pl)]
    # from the day the applying began (the CV was written before), at most about ten months back
    applying = [pl for pl in plans if re.search(_DUTY_RX["apply"] + "|" + _DUTY_RX["benefit"], _words(pl))]
    start = min((pl.started for pl in applying or plans), default=today - timedelta(days=120))
    start = min(max(start, today - timedelta(days=300)), today - timedelta(days=45))
    interviews = [pl for pl in plans if re.search(_DUTY_RX["interview"], _words(pl))]
    windows = [(pl.started, min(pl.end or today, today)) for pl in interviews]
    end = today - timedelta(days=1)
    code = ctx.persona.country_code or ""
    graduate = not ident.profile.career_history
    pay_table = data["apprentice_salary"] if fid == "apprenticeship" else data["salary"]
    lo1, hi1, lo2, hi2 = (int(x) for x in _by_country(pay_table, code))
    if f"@{code}" not in pay_table:
        scale = per_euro(ident.currency)
        lo1, hi1, lo2, hi2 = (int(x * scale) for x in (lo1, hi1, lo2, hi2))
    lo, hi = (lo1, hi1) if graduate else (lo2, hi2)
    step = 10 ** max(2, len(str(lo)) - 2)
    taken: set[str] = {ident.org, ident.old_employer}
    names_taken: set[str] = {ident.user.name}
    words = tuple(str(w) for w in row["sector"])
    sources = data["sources"]
    # where the posts are: the person's town, else a town they could commute or move to (in the US their own
    # state's, never a city across the country; a school leaver's apprenticeship is in their own town)
    towns = ident.cities or (ident.city,)
    if code == "US":
        region = ctx.persona.region or str(getattr(life_locale(ctx), "region_name", "") or "")
        towns = tuple(name for name, _tz in region_cities("US", region)[:6]) if region else ()
    if re.search(r"\bschool[- ]leaver", ctx.persona.text, re.I):
        towns = ()
    towns = tuple(t for t in towns if t != ident.city) or (ident.city,)
    apps: list[Application] = []
    planned: dict[tuple[str, str], int] = {}
    month = date(start.year, start.month, 1)
    fam_names = list(families)
    firsts = {_root_of(name) for name in taken if name}
    while month <= end:
        nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        first, last = max(month, start), min(nxt - timedelta(days=1), end)
        days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
        days = [d for d in days if d.weekday() < 5] or days
        share = len(days) / 22  # a month the search began or stands in late sends its share of the applications
        for channel in CHANNELS:
            a, b = _PER_MONTH[channel]
            planned[(_month(month), channel)] = max(1, rng.randint(a, b) + 1)
            for _k in range(min(rng.randint(a, b), round(b * share)) if days else 0):
                employer = company_name(rng, ident.country, taken=taken, words=words)
                root = _root_of(employer)
                # "Kestrel Freight" beside "Kestrel Distribution" reads as one firm twice: once the name table's
                # roots are spent (a long search), a family name makes the firm ("Walters Freight Inc.")
                for _again in range(20):
                    if root not in firsts:
                        break
                    root = person_name(rng, ident.names_from or ident.country).split()[-1]
                employer = employer.replace(_root_of(employer), root, 1)
                taken.add(employer)
                firsts.add(root)
                fam = rng.choice(fam_names)
                contact = person_name(rng, ident.names_from or ident.country, names_taken)
                names_taken.add(contact)
                dom = domain_for(employer, ident.country)
                pay = round(rng.randint(lo, hi) / step) * step
                apps.append(
                    Application(
                        employer=employer,
                        city=ident.city if rng.random() < 0.75 else rng.choice(towns),
                        post=rng.choice(families[fam]),
                        family=fam,
                        channel=channel,
                        source=str(rng.choice(_by_country(sources[channel], code))),
                        applied=rng.choice(days),
                        contact=contact,
                        contact_title=rng.choice(_CONTACT_TITLES),
                        contact_email=f"{slug(contact.split()[0], '')}.{slug(contact.split()[-1], '')}@{dom}",
                        salary=(pay, pay + step * rng.randint(2, 6)),
                        stage="Applied",
                        next_step="",
                    )
                )
        month = nxt
    apps.sort(key=lambda x: (x.applied, x.employer))
    _story(apps, today, rng, windows)
    search = JobSearch(fid, families, apps, ident.profile.education[-1] if ident.profile.education else None,
                       start, end, planned)  # fmt: skip
    ctx.job_search = search
    return search


def _story(apps: list[Application], today: date, rng: random.Random, windows: list[tuple[date, date]]) -> None:
    """What became of each application: an answer or none, an interview after the invitation, a rejection or an
    offer after the interview; open ones by what is left to do. At least two reach an interview, and the weeks of a
    project about interviews hold one."""
    answered = {id(a) for a in apps if rng.random() < _ANSWERS[a.channel] and (today - a.applied).days > 6}
    if len(answered) < 2:
        older = sorted((a for a in apps if (today - a.applied).days > 10), key=lambda a: a.channel != "People I know")
        answered |= {id(a) for a in older[:2]}
    for first, last in windows:  # an application sent a few days before the project's weeks is answered in them
        near = [a for a in apps if first - timedelta(days=4) <= a.applied <= last - timedelta(days=20)]
        if near and not any(id(a) in answered for a in near):
            answered.add(id(near[len(near) // 2]))
    offer_given = False
    for a in apps:
        age = (today - a.applied).days
        if id(a) in answered:
            a.invited = a.applied + timedelta(days=rng.randint(2, min(9, max(2, age - 3))))
            day = a.invited + timedelta(days=rng.randint(2, 8))
            while day.weekday() >= 5 or (day.month, day.day) in _CLOSED_DAYS:
                day += timedelta(days=1)
            a.interview = datetime.combine(day, time(rng.choice((9, 10, 11, 14, 15)), rng.choice((0, 30))))
            a.letter = True
            if day >= today:
                a.stage, a.next_step = "Interview booked", f"Prepare for the interview on {_day(day)}"
                continue
            decided = day + timedelta(days=rng.randint(2, 9))
            if decided >= today:
                a.stage, a.next_step = "Interviewed", "Wait for feedback; thank-you e-mail sent"
            elif not offer_given and (today - decided).days < 45 and rng.random() < 0.5:
                # an offer comes late in the story: the search does not run on for months after one
                a.stage, a.outcome, a.closed = "Offer", "Offer", decided
                a.next_step = "Compare the offer; reply by Friday"
                if (today - decided).days > 10:  # the week to answer is over and the search went on: turned down
                    a.stage, a.outcome, a.next_step = "Closed", "Offer declined", "Declined: pay and commute"
                offer_given = True
            else:
                a.stage, a.outcome, a.closed = "Closed", "Rejected after interview", decided
                a.next_step = "Ask for feedback"
        elif age > 20 and rng.random() < 0.45:
            a.stage, a.outcome, a.closed = "Closed", "Rejected", a.applied + timedelta(days=rng.randint(5, 20))
            a.next_step = "—"
        elif age > 20:
            a.stage, a.outcome, a.next_step = "Closed", "No reply", "—"
            a.closed = a.applied + timedelta(days=21)
        else:
            a.stage = "Applied"
            a.next_step = "Chase by e-mail" if age > 10 else "Wait for a reply"
        a.letter = a.letter or a.channel == "Direct to employers" or rng.random() < 0.25


_CLOSED_DAYS = {(12, 25), (12, 26), (1, 1)}
"""(month, day) no employer holds an interview on."""


def _day(d: date) -> str:
    return f"{d.strftime('%a')} {d.day} {d.strftime('%b')}"


def write_job_search_files(ctx: GenerationContext, plan: ProjectPlan, duties: list[str]) -> list[str]:
    """Write the files of the search ``duties`` names into ``plan``'s folder (each duty once per computer); return
    their paths, oldest first."""
    search = job_search(ctx)
    out: list[str] = []
    for duty in duties:
        if duty in search.written:
            continue
        search.written.add(duty)
        writer = _WRITERS[duty]
        out += writer(ctx, plan, search)
    if not out and not search.written >= {"apply", "cv"}:  # a project of the search that names no part of it
        duty = "apply" if "apply" not in search.written else "cv"
        search.written.add(duty)
        out += _WRITERS[duty](ctx, plan, search)
    return sorted(out, key=lambda p: ctx.ledger.files[p].created)


def search_mailbox(ctx: GenerationContext) -> tuple[str, str]:
    """(``Name <address>``, address) the search is written from: a job seeker's own mailbox, and for someone in work
    a personal one of their country, never the employer's (no one applies elsewhere from the work account)."""
    ident = ctx.identity
    if ctx.persona.life_stage == "job_seeker":
        return ident.user.address, ident.user.email
    from .._locale import country_code_for, locale_for

    rng = random.Random(
        int(hashlib.sha256(f"{ctx.persona.persona_id}|{ctx.seed}|mailbox".encode()).hexdigest()[:16], 16)
    )
    try:
        domain = locale_for(ctx.persona.country_code or country_code_for(ident.country) or "US").mail_domain(rng)
    except (KeyError, ValueError):
        domain = "mail.example"
    email = f"{ident.user.email.split('@')[0]}@{domain}"
    return f"{ident.user.name} <{email}>", email


def _context(ctx: GenerationContext, plan: ProjectPlan, created: date, **kw: Any) -> ArchetypeContext:
    """A context for one file of the search: the person's own career and degree, the field's working nouns."""
    ident = ctx.identity
    edu = ident.profile.education
    search = job_search(ctx)
    terms = tuple(str(t) for t in _data()["fields"][search.field].get("terms", ()))
    actx = ArchetypeContext(
        owner_name=ident.user.name,
        owner_role=kw.pop("owner_role", ident.doc_role),
        organisation=ident.life_org,
        topic=plan.name,
        created=created,
        rng=ctx.rng,
        life_stage="job_seeker" if ctx.persona.life_stage == "job_seeker" else "employee",
        family=kw.pop("family", ident.doc_family),
        interests=tuple(ctx.persona.interests),
        owner_email=search_mailbox(ctx)[1],
        owner_address=ident.home_address,
        city=ident.city,
        country_code=ctx.persona.country_code or "",
        career=tuple((j.role, j.employer, j.start_year, j.end_year) for j in ident.profile.career_history),
        education=tuple((e.award, e.institution, e.end_year) for e in edu),
        vocabulary=kw.pop("vocabulary", terms),
        **kw,
    )
    locale = life_locale(ctx)
    if locale is not None:
        actx.locale = locale
    return actx


def _save(
    ctx: GenerationContext,
    plan: ProjectPlan,
    path: str,
    data: bytes,
    *,
    when: datetime,
    purpose: str,
    archetype: str,
    sources: tuple[tuple[str, str, str], ...] = (),
    author: str | None = None,
) -> str:
    saved = min(when + timedelta(minutes=ctx.rng.randint(10, 90)), ctx.now - timedelta(minutes=5))
    return ctx.ledger.add(
        path,
        data,
        purpose=purpose,
        author=author or ctx.me,
        created=when,
        modified=max(saved, when),
        project_id=plan.pid,
        sources=sources,
        archetype=archetype,
    )


def _when(ctx: GenerationContext, day: date) -> datetime:
    """An instant of ``day`` between 9:00 and 17:59, as UTC, never after now: the ledger moves evening work to the
    next morning, which would put a CV after the application that sent it."""
    ident = ctx.identity
    day = min(day, ctx.now.astimezone(ident.tz).date())
    local = datetime.combine(day, time(ctx.rng.randint(9, 17), ctx.rng.randint(0, 59)), tzinfo=ident.tz)
    return min(local.astimezone(ctx.now.tzinfo), ctx.now - timedelta(minutes=ctx.rng.randint(5, 600)))


def _artifact_file(
    ctx: GenerationContext, plan: ProjectPlan, arch: str, actx: ArchetypeContext, name: str, folder: str
) -> str | None:
    try:
        art = build_artifact(arch, actx)
    except ArchetypeError:
        return None
    t = _when(ctx, actx.created)
    art = stamped(art, t, t + timedelta(minutes=40), ctx.me)
    path = f"{folder}/{safe_name(name, 70)}.{art.kind}"
    path = _save(ctx, plan, path, art.to_bytes(), when=t, purpose=art.title, archetype=arch)
    ctx.ledger.facts[path] = {"archetype": arch, **art.facts}
    ctx.project_kinds.add(arch)
    return path


# -- the tracker and the applications -----------------------------------------------------------------------------


def _tracker(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch) -> list[str]:
    """The tracker workbook (one row per application, a tab counting them by stage) and the cover letters and the
    e-mails of the applications that had one."""
    # saved when the project last touched it: its end, or lately for a search still going on
    saved_day = min(_window(ctx, plan, search)[1], search.end - timedelta(days=ctx.rng.randint(0, 3)))
    saved_day = max(saved_day, search.apps[0].applied if search.apps else saved_day)
    rows: list[list[Any]] = []
    shown = [a for a in search.apps if a.applied <= saved_day]
    for a in shown:
        stage = a.stage_on(saved_day)
        booked = a.interview is not None and a.invited is not None and a.invited <= saved_day
        step = (
            a.next_step
            if stage == a.stage
            else "Prepare for the interview"
            if stage == "Interview booked"
            else ("Wait for feedback" if stage == "Interviewed" else "Wait for a reply")
        )
        rows.append(
            [a.applied, a.employer, a.post, a.city, a.source, a.contact, a.contact_title, stage,
             a.interview.date() if booked and a.interview is not None else None, a.salary[0], a.salary[1],
             step, a.outcome_on(saved_day), cv_stem(ctx, search, a.family), a.channel]
        )  # fmt: skip
    rows.sort(key=lambda r: r[0])
    last = len(rows) + 1
    stages = ["Applied", "Interview booked", "Interviewed", "Offer", "Closed"]
    summary: list[list[Any]] = [[s, f'=COUNTIF(Applications!$H$2:$H${last},"{s}")'] for s in stages]
    summary.append(["Total", f"=SUM(B2:B{len(stages) + 1})"])
    summary.append([None, None])
    summary += [[c, f'=COUNTIF(Applications!$O$2:$O${last},"{c}")'] for c in CHANNELS]
    cur = ctx.identity.currency
    spec = SpreadsheetSpec(
        sheets=[
            SheetSpec(
                name="Applications",
                columns=[
                    ColumnSpec(header="Date applied", width=12, number_format="yyyy-mm-dd"),
                    ColumnSpec(header="Employer", width=28),
                    ColumnSpec(header="Role", width=28),
                    ColumnSpec(header="Location", width=14),
                    ColumnSpec(header="Where I saw it", width=18),
                    ColumnSpec(header="Contact", width=20),
                    ColumnSpec(header="Contact's role", width=16),
                    ColumnSpec(header="Stage", width=14),
                    ColumnSpec(header="Interview", width=12, number_format="yyyy-mm-dd"),
                    ColumnSpec(header=f"Salary from ({cur})", number_format="#,##0"),
                    ColumnSpec(header=f"Salary to ({cur})", number_format="#,##0"),
                    ColumnSpec(header="Next step", width=30),
                    ColumnSpec(header="Outcome", width=20),
                    ColumnSpec(header="CV sent", width=24),
                    ColumnSpec(header="Channel", width=16),
                ],
                rows=rows,
            ),
            SheetSpec(
                name="Summary",
                columns=[ColumnSpec(header="Stage / channel", width=22), ColumnSpec(header="Applications")],
                rows=summary,
            ),
        ],
    )
    name = str(ctx.rng.choice(["Job applications {year}", "Applications tracker", "Job hunt {year}"])).format(
        year=saved_day.year
    )
    t = _when(ctx, saved_day)
    spec = spec.model_copy(update={"properties": ctx.props(name, ctx.me, t, t + timedelta(hours=1), plan.name)})
    path = _save(
        ctx, plan, f"{ctx.layout.sub(plan.folder, 'data')}/{safe_name(name, 60)}.xlsx", write_xlsx(spec),
        when=t, purpose=f"{name}: every application, its stage and the next step", archetype="job_applications_tracker",
    )  # fmt: skip
    ctx.ledger.facts[path] = {
        "archetype": "job_applications_tracker",
        "apps_rows": len(rows),
        "employers": [a.employer for a in shown],
    }
    ctx.ledger.formula_books.add(path)
    ctx.project_kinds.add("job_applications_tracker")
    out = [path]
    letters = [a for a in shown if a.letter]
    # the letters of the applications that went furthest first, then the latest
    letters.sort(key=lambda a: (a.interview is None, -a.applied.toordinal()))
    for a in sorted(letters[:3], key=lambda a: a.applied):
        out += _letter(ctx, plan, search, a, path)
    for a in [a for a in shown if a.outcome == "Rejected" and a.closed and a.closed <= saved_day][-2:]:
        out.append(_mail(ctx, plan, a, "rejection", a.closed or saved_day, path))
    return out


def _window(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch) -> tuple[date, date]:
    """The days of the search a project's files fall in: the project's own, within the search's."""
    last = min(plan.end or search.end, search.end)
    first = max(plan.started, search.start)
    return (first, last) if first < last else (search.start, search.end)


def _letter(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch, a: Application, tracker: str) -> list[str]:
    """The cover letter of one application, written the day it went out, and the e-mail that sent it."""
    cp = Counterpart(a.contact, a.contact_title.lower(), a.employer, a.contact_email)
    actx = _context(ctx, plan, a.applied, counterparts=(cp,), linked={"company": a.employer, "post": a.post})
    short = re.sub(r"[^A-Za-z0-9]", "", a.employer.split()[0])
    post_short = re.sub(r"[^A-Za-z0-9]", "", a.post.split()[0])
    pattern = str(ctx.rng.choice(_data()["letter_names"]))
    name = pattern.format(employer=a.employer, employer_short=short, post_short=post_short)
    folder = f"{plan.folder}/{safe_name(a.employer, 40)}"
    path = _artifact_file(ctx, plan, "cover_letter", actx, name, folder)
    if path is None:
        return []
    ctx.ledger.facts[path].update(employer=a.employer, post=a.post, applied=a.applied.isoformat())
    return [path, _mail(ctx, plan, a, "application", a.applied, path)]


_MAIL_TEXT = {
    "application": (
        "Application for {post}",
        "Dear {contact},\n\nPlease find attached my cover letter for the {post} role at {employer}, which I saw on "
        "{source}. My CV ({cv}) is attached as well.\n\nI would welcome the chance to discuss the role.\n\n"
        "Kind regards,\n{me}\n{phone}",
    ),
    "invitation": (
        "Interview invitation – {post}",
        "Dear {me_first},\n\nThank you for your application for the {post} position at {employer}. We would like to "
        "invite you to an interview on {interview}.\n\nThe interview will last about 45 minutes with {contact} and "
        "a member of the team. Please confirm that this time suits you.\n\nBest regards,\n{contact}\n{title}, "
        "{employer}",
    ),
    "rejection": (
        "Your application – {post}",
        "Dear {me_first},\n\nThank you for your interest in the {post} role at {employer} and for the time you put "
        "into your application. We received a large number of applications and, after careful consideration, we "
        "will not be taking yours further on this occasion.\n\nWe wish you every success in your search.\n\n"
        "Kind regards,\n{contact}\n{title}, {employer}",
    ),
    "after_interview": (
        "Re: Interview for {post}",
        "Dear {me_first},\n\nThank you for meeting us on {interview}. It was a close decision, but we have offered "
        "the role to a candidate with more direct experience. Your answers were strong and we would be happy to "
        "give you feedback by phone if that would help.\n\nKind regards,\n{contact}\n{title}, {employer}",
    ),
    "offer": (
        "Offer of employment – {post}",
        "Dear {me_first},\n\nFollowing your interview on {interview}, I am delighted to offer you the position of "
        "{post} at {employer}, {city}, on an annual salary of {salary}. The written contract will follow once you "
        "accept.\n\nPlease let me know your decision within a week.\n\nWith best wishes,\n{contact}\n{title}, "
        "{employer}",
    ),
}


def _money(ctx: GenerationContext, amount: int) -> str:
    locale = life_locale(ctx)
    return f"{amount:,} {ctx.identity.currency}" if locale is None else locale.format_money(amount)


def _mail(ctx: GenerationContext, plan: ProjectPlan, a: Application, kind: str, day: date, source: str | None) -> str:
    """One e-mail of an application: the user's application, the employer's invitation, rejection or offer."""
    rng, ident = ctx.rng, ctx.identity
    subject, body = _MAIL_TEXT[kind]
    employer_addr = f"{a.contact} <{a.contact_email}>"
    outgoing = kind == "application"
    search = ctx.job_search
    cv = f"{cv_stem(ctx, search, a.family)}.docx" if search is not None else ""
    slots = {
        "post": a.post,
        "employer": a.employer,
        "contact": a.contact,
        "title": a.contact_title,
        "source": a.source,
        "me": ident.user.name,
        "me_first": ident.user.first,
        "phone": "",
        "city": a.city,
        "cv": cv or "attached",
        "interview": f"{_day(a.interview.date())} at {a.interview.strftime('%H:%M')}" if a.interview else "",
        "salary": _money(ctx, a.salary[0] + (a.salary[1] - a.salary[0]) // 2),
    }
    hour = rng.randint(8, 17) if not outgoing else rng.randint(9, 17)
    local = datetime.combine(day, time(hour, rng.randint(0, 59)), tzinfo=ident.tz)
    when = min(local.astimezone(ctx.now.tzinfo), ctx.now - timedelta(minutes=rng.randint(10, 300)))
    if outgoing and source is not None:  # the letter is saved before the mail that attaches it goes
        sent = ctx.ledger.files[source].modified + timedelta(minutes=rng.randint(3, 40))
        when = max(when, min(sent, ctx.now - timedelta(minutes=2)))
    if not outgoing:  # an employer writes in office hours
        when = ctx.ledger.clock.work(when)
    # a mail answers a file written before it (the application's letter), never one saved later (the tracker)
    earlier = source is not None and ctx.ledger.files[source].created <= when
    edge = "attachment_of" if outgoing else "references"
    sources = ((source, edge, f"{kind} for {a.employer}"),) if source is not None and earlier else ()
    attachments = []
    if outgoing and source is not None:
        attachments = [Attachment(filename=posixpath.basename(source), content=ctx.ledger.files[source].data)]
    spec = EmailSpec(
        sender=search_mailbox(ctx)[0] if outgoing else employer_addr,
        to=[employer_addr if outgoing else search_mailbox(ctx)[0]],
        subject=subject.format_map(slots),
        date=when,
        body=body.format_map(slots),
        attachments=attachments,
        message_id=f"<{kind}.{slug(a.employer, '')[:16]}.{day.isoformat()}@{search_mailbox(ctx)[1].split('@')[1]}>",
    )
    folder = ctx.layout.sub(plan.folder, "mail")
    path = ctx.ledger.add(
        f"{folder}/{when.astimezone(ident.tz).date().isoformat()} {safe_name(spec.subject, 60)}.eml",
        write_eml(spec),
        purpose=f"E-mail: {spec.subject} ({a.employer})",
        author=ident.user.name if outgoing else a.contact,
        created=when,
        project_id=plan.pid,
        sources=sources,
        archetype="email",
    )
    ctx.ledger.facts[path] = {"employer": a.employer, "post": a.post, "kind": kind}
    return path


# -- CVs, interviews, offer -----------------------------------------------------------------------------------------


def _cv_day(search: JobSearch, family: str) -> date:
    """The day a family's CV was written: a working day or two before the first application that sent it."""
    first = min((a.applied for a in search.apps if a.family == family), default=search.start + timedelta(days=3))
    return _weekday_back(first - timedelta(days=2))


def _weekday_back(day: date) -> date:
    """``day``, or the Friday before when it falls on a weekend (the ledger files a job seeker's work on weekdays,
    so a Sunday's notes would land on the Monday after)."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def cv_stem(ctx: GenerationContext, search: JobSearch, family: str) -> str:
    """The file name (no extension) of the CV the search keeps for ``family``, as the tracker's "CV sent" says."""
    return safe_name(cv_name(ctx, family, list(search.families).index(family), _cv_day(search, family)), 70)


def cv_name(ctx: GenerationContext, family: str, n: int, day: date) -> str:
    """A CV's file name as people write it ("CV - Ana Ruiz - data analyst", "CV_AnaRuiz_2026_v3")."""
    data = _data()
    names = data["cv_names_us"] if ctx.persona.country_code == "US" else data["cv_names"]
    first, _, last = ctx.me.partition(" ")
    pattern = str(names[(n + len(ctx.me)) % len(names)])
    return pattern.format(
        owner=ctx.me, first=first, last=last.replace(" ", ""), family=family, year=day.year, n=n + 1,
        month_year=day.strftime("%b %Y"),
    )  # fmt: skip


def _cvs(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch) -> list[str]:
    """A CV per role family the search applies under, each headed with that family's post, written before the
    first application that sent it; a portfolio for a field that shows its work."""
    out: list[str] = []
    for fam in search.families:
        day = _cv_day(search, fam)
        post = search.families[fam][0]
        actx = _context(ctx, plan, day, owner_role=post, family=search.field if search.field != "default" else None)
        path = _artifact_file(ctx, plan, "cv", actx, cv_stem(ctx, search, fam), f"{plan.folder}/CV")
        if path is not None:
            search.cv_files[fam] = path
            ctx.ledger.facts[path].update(family=fam)
            out.append(path)
    if _data()["fields"].get(search.field, {}).get("portfolio") or search.field == "software_engineering":
        out += _portfolio(ctx, plan, search)
    return out


def _portfolio(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch) -> list[str]:
    """The work a designer or a developer shows: a case study per piece, in a Portfolio folder."""
    out: list[str] = []
    jobs = ctx.identity.profile.career_history[-2:]
    day = search.start + timedelta(days=5)
    pieces = [f"{job.employer} – {job.role}" for job in jobs]
    if not pieces:  # a graduate shows the degree's final-year project
        pieces = [f"Final-year project, {search.education.award}" if search.education else "Final-year project"]
    for k, topic in enumerate(pieces):
        actx = _context(ctx, plan, day + timedelta(days=k))
        actx.topic = topic
        path = _artifact_file(ctx, plan, "portfolio_case_study", actx, f"Case study {k + 1} - {topic}",
                              f"{plan.folder}/Portfolio")  # fmt: skip
        if path is not None:
            out.append(path)
    return out


def _interviews(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch) -> list[str]:
    """For each interview: the invitation, the preparation notes written between invitation and interview, and
    what came after (a rejection or an offer, and then the offer compared with the present)."""
    out: list[str] = []
    today = ctx.now.astimezone(ctx.identity.tz).date()
    met = [a for a in search.apps if a.interview is not None and a.invited is not None and a.invited < today]
    first, last = _window(ctx, plan, search)
    inside = [a for a in met if a.invited and a.interview and first <= a.invited and a.interview.date() <= last]
    for a in inside[-3:]:
        assert a.interview is not None and a.invited is not None
        inv = _mail(ctx, plan, a, "invitation", a.invited, _application_file(ctx, search, a))
        out.append(inv)
        prep_day = min(_weekday_back(a.interview.date() - timedelta(days=1)), today)
        prep_day = max(prep_day, a.invited)
        cp = Counterpart(a.contact, a.contact_title.lower(), a.employer, a.contact_email)
        when = f"{_day(a.interview.date())} {a.interview.strftime('%H:%M')}"
        actx = _context(ctx, plan, prep_day, counterparts=(cp,),
                        linked={"company": a.employer, "post": a.post, "when": when})  # fmt: skip
        path = _artifact_file(ctx, plan, "interview_prep_notes", actx, f"Interview prep - {a.employer}",
                              f"{plan.folder}/{safe_name(a.employer, 40)}")  # fmt: skip
        if path is not None:
            ctx.ledger.facts[path].update(employer=a.employer, interview=a.interview.isoformat())
            out.append(path)
        answered = a.closed is not None and a.closed < today and a.closed <= last + timedelta(days=7)
        if answered and a.closed is not None:
            offered = a.outcome.startswith("Offer")
            out.append(_mail(ctx, plan, a, "offer" if offered else "after_interview", a.closed, inv))
        if answered and a.outcome.startswith("Offer"):
            out += _offer_comparison(ctx, plan, search, a)
    return out


def _application_file(ctx: GenerationContext, search: JobSearch, a: Application) -> str | None:
    """The file an employer's mail answers: the application's own letter, else the CV it sent (None when neither
    is on the disk)."""
    for path, facts in ctx.ledger.facts.items():
        if facts.get("archetype") == "cover_letter" and facts.get("employer") == a.employer:
            return path
    return search.cv_files.get(a.family)


def _offer_comparison(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch, a: Application) -> list[str]:
    """The offer set against staying on benefit (or the person's last pay) month by month."""
    assert a.closed is not None
    pay = a.salary[0] + (a.salary[1] - a.salary[0]) // 2
    rng = ctx.rng
    waiting = ("Interviewed", "Interview booked")
    rival = next((b for b in reversed(search.apps) if b is not a and b.stage in waiting), None)
    rows: list[list[Any]] = [
        ["Annual salary", pay, rival.salary[0] if rival else None],
        ["Monthly before tax", "=ROUND(B2/12,0)", "=ROUND(C2/12,0)" if rival else None],
        ["Commute (minutes each way)", rng.choice((20, 25, 35, 45, 55)),
         rng.choice((15, 30, 40, 60)) if rival else None],
        ["Commute cost per month", round(pay * rng.uniform(0.004, 0.01) / 120) * 10,
         round(pay * 0.006 / 120) * 10 if rival else None],
        ["Holiday days", rng.choice((22, 25, 28, 30)), rng.choice((20, 25, 27)) if rival else None],
        ["Start date", (a.closed + timedelta(days=rng.choice((14, 21, 28, 30)))).isoformat(),
         "not offered yet" if rival else None],
        ["Left after commute (monthly)", "=B3-B5", "=C3-C5" if rival else None],
    ]  # fmt: skip
    spec = SpreadsheetSpec(
        sheets=[
            SheetSpec(
                name="Offer",
                columns=[
                    ColumnSpec(header="", width=30),
                    ColumnSpec(header=a.employer, width=24, number_format="#,##0"),
                    ColumnSpec(
                        header=rival.employer if rival else "Other (still waiting)", width=24, number_format="#,##0"
                    ),
                ],
                rows=rows,
            )
        ]
    )
    t = _when(ctx, min(a.closed + timedelta(days=1), ctx.now.astimezone(ctx.identity.tz).date()))
    spec = spec.model_copy(update={"properties": ctx.props("Offer comparison", ctx.me, t, t, plan.name)})
    path = _save(ctx, plan, f"{plan.folder}/{safe_name(a.employer, 40)}/Offer comparison.xlsx", write_xlsx(spec),
                 when=t, purpose=f"The {a.employer} offer compared", archetype="offer_comparison")  # fmt: skip
    ctx.ledger.facts[path] = {"archetype": "offer_comparison", "employer": a.employer, "salary": pay}
    ctx.ledger.formula_books.add(path)
    return [path]


# -- benefit, course, references ------------------------------------------------------------------------------------


def _benefit(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch) -> list[str]:
    """The public employment service's appointments of the person's country (a US work search log, the UK
    Jobcentre, SEPE in Spain, France Travail, the Agentur für Arbeit), each with the applications since the last,
    counted from the tracker's rows, and the benefit paid each month."""
    rng, ident = ctx.rng, ctx.identity
    code = ctx.persona.country_code or ""
    office = _by_country(_data()["benefit"], code)
    locale = life_locale(ctx)
    state = str(getattr(locale, "region_name", "") or "State") if locale is not None else "State"
    today = ctx.now.astimezone(ident.tz).date()
    day = search.start + timedelta(days=rng.randint(3, 10))
    rows: list[list[Any]] = []
    last = search.start
    k = 0
    while day < today - timedelta(days=1):
        while day.weekday() >= 5:
            day += timedelta(days=1)
        n = sum(1 for a in search.apps if last <= a.applied < day)
        # the claim starts with registering as a job seeker; then what was agreed is what that appointment is for
        slot = (k - 1) % len(office["appointments"])
        kind = office["appointments"][slot] if k else office["first"]
        agreed = str(office["agreed"][slot]).format(n=n) if k else str(office["first_agreed"])
        nxt = day + timedelta(days=rng.choice((14, 14, 21, 28)))
        rows.append([day, kind, str(office["adviser"]), n, agreed, nxt if nxt < today + timedelta(days=30) else None])
        last, day, k = day, nxt, k + 1
    lo, hi = (int(x) for x in _by_country(_data()["benefit_month"], code))
    if f"@{code}" not in _data()["benefit_month"]:
        lo, hi = int(lo * per_euro(ident.currency)), int(hi * per_euro(ident.currency))
    amount = round(rng.randint(lo, hi) / 10) * 10
    months = sorted({f"{r[0].year}-{r[0].month:02d}" for r in rows})
    pay_rows = [[m, str(office["payment"]), amount] for m in months]
    pay_rows += [[None, None, None], ["Total", None, f"=SUM(C2:C{len(pay_rows) + 1})"]]
    spec = SpreadsheetSpec(
        sheets=[
            SheetSpec(
                name="Appointments",
                columns=[
                    ColumnSpec(header="Date", width=12, number_format="yyyy-mm-dd"),
                    ColumnSpec(header="Appointment", width=34),
                    ColumnSpec(header="With", width=22),
                    ColumnSpec(header="Applications since last", number_format="0"),
                    ColumnSpec(header="What was agreed", width=60),
                    ColumnSpec(header="Next appointment", width=14, number_format="yyyy-mm-dd"),
                ],
                rows=rows,
            ),
            SheetSpec(
                name="Payments",
                columns=[
                    ColumnSpec(header="Month", width=10),
                    ColumnSpec(header="Payment", width=40),
                    ColumnSpec(header=f"Amount ({ident.currency})", number_format="#,##0"),
                ],
                rows=pay_rows,
            ),
        ]
    )
    title = str(office["log_name"]).format(year=rows[0][0].year if rows else today.year)  # the claim's year
    t = _when(ctx, rows[-1][0] if rows else today)
    spec = spec.model_copy(update={"properties": ctx.props(title, ctx.me, t, t, plan.name)})
    path = _save(ctx, plan, f"{plan.folder}/{safe_name(title, 60)}.xlsx", write_xlsx(spec), when=t,
                 purpose=f"{office['claim']!s}: appointments with {str(office['agency']).format(state=state)}",
                 archetype="benefit_appointment_log")  # fmt: skip
    ctx.ledger.facts[path] = {
        "archetype": "benefit_appointment_log",
        "agency": str(office["agency"]).format(state=state),
        "applications": sum(int(r[3]) for r in rows),
    }
    ctx.ledger.formula_books.add(path)
    return [path]


def _course(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch) -> list[str]:
    """The certificate of the course the person took to stand out or retrain, finished before today."""
    data = _data()
    courses = data["courses"].get(search.field, data["courses"]["default"])
    rng = ctx.rng
    first, last = _window(ctx, plan, search)
    day = max(first, last - timedelta(days=rng.randint(3, 20)))  # finished towards the end of the course's weeks
    course = str(rng.choice(courses))
    actx = _context(ctx, plan, day, linked={"course": course, "provider": str(rng.choice(data["providers"]))})
    path = _artifact_file(ctx, plan, "course_certificate", actx, f"Certificate - {course}", plan.folder)
    return [path] if path else []


def _references(ctx: GenerationContext, plan: ProjectPlan, search: JobSearch) -> list[str]:
    """The referees the person lists (a former manager, a tutor) on one page, for the applications that ask."""
    first, last = _window(ctx, plan, search)
    day = min(first + timedelta(days=ctx.rng.randint(2, 12)), last)
    actx = _context(ctx, plan, day)
    path = _artifact_file(ctx, plan, "reference_list", actx, f"References - {ctx.me}", plan.folder)
    return [path] if path else []


_WRITERS = {
    "apply": _tracker,
    "cv": _cvs,
    "interview": _interviews,
    "benefit": _benefit,
    "course": _course,
    "references": _references,
}

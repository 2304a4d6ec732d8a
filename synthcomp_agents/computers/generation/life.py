"""Stage: documents of the user's own life and trade, written from the archetype table.

The archetypes are chosen by the persona (:func:`~synthcomp_agents.computers.archetypes.archetypes_for`: its
family's documents when working, its interests' and life stage's documents always), written with the country's
locale (currency, tax, formats, paper) and filed where people keep them: personal documents under ``Documents``,
work ones under the work root.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources

import yaml

from synthcomp_agents.personas import Persona

from .._locale import LocaleInfo
from ..archetypes import (
    Archetype,
    ArchetypeContext,
    ArchetypeError,
    Artifact,
    Counterpart,
    archetypes_for,
    build_artifact,
    interest_in,
)
from .context import GenerationContext
from .text import safe_name

__all__ = [
    "Subject",
    "build_life_documents",
    "job_hunting",
    "life_locale",
    "looks_while_employed",
    "named_place",
    "student_links",
    "student_subject",
]

_STAGE = {"small_business_owner": "business_owner"}
_EXT = {"docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "md": "md", "pdf": "pdf", "csv": "csv"}


@dataclass(frozen=True)
class _Life:
    """What the archetype table reads from a persona (life stages named as the table names them)."""

    family: str | None
    life_stage: str
    interests: tuple[str, ...]
    role: str | None
    occupation: str | None
    org_type: str | None
    key_nouns: tuple[str, ...]


@dataclass(frozen=True)
class Subject:
    """What a student studies (``archetypes/data/subjects.yaml``): course name, module-code prefix, subject nouns."""

    course: str
    code: str
    terms: tuple[str, ...]


# role and place words of a student persona: never a subject ("understood freshman properly")
_NOT_SUBJECT = frozenset(
    {"freshman", "sophomore", "junior", "senior", "student", "students", "undergraduate", "postgraduate", "pupil",
     "first-year", "second-year", "final-year", "university", "college", "school", "high school", "campus",
     "coursework", "assignment", "exam", "exams", "grades", "studies", "studying", "degree"}
)  # fmt: skip
_GENERAL_TERMS = ("academic writing", "research methods", "critical thinking", "referencing", "statistics")


@cache
def _subjects() -> tuple[tuple[tuple[str, ...], Subject], ...]:
    text = resources.files("synthcomp_agents.computers.archetypes").joinpath("data/subjects.yaml").read_text("utf-8")
    return tuple(
        (tuple(str(m).casefold() for m in row["match"]), Subject(row["course"], row["code"], tuple(row["terms"])))
        for row in yaml.safe_load(text)
    )


def student_subject(text: str) -> Subject | None:
    """The subject a student persona names ("A nursing freshman" -> Nursing: anatomy, pharmacology...), or None.

    Example:
        >>> student_subject("A nursing freshman at the University of Texas").code
        'NURS'
    """
    low = text.casefold()
    for stems, subject in _subjects():
        if any(re.search(r"(?<![\w-])" + re.escape(stem), low) for stem in stems):
            return subject
    return None


def student_links(ctx: GenerationContext) -> tuple[tuple[str, ...], dict[str, str | float]]:
    """A student's coursework vocabulary and fixed details: the subject's nouns (never the persona's role or place
    words) and its course and module code, which every document of the computer states alike; empty for others."""
    p = ctx.persona
    if p.life_stage != "student":
        return (), {}
    subject = student_subject(f"{p.role or ''} {p.occupation} {p.text}")
    places = {w.casefold() for w in (p.city, p.region, p.country, ctx.identity.city) if w}
    if subject is None:
        own = [
            n
            for n in p.key_nouns
            if n.casefold() not in _NOT_SUBJECT
            and n.casefold() not in places
            and not any(n.casefold() in w.casefold() for w in (p.role or "", p.org_type or ""))
        ]
        return tuple(dict.fromkeys([*own, *_GENERAL_TERMS])), {}
    number = 1000 + zlib.crc32(p.text.encode("utf-8")) % 1000
    return subject.terms, {"course": subject.course, "module_code": f"{subject.code}{number}"}


def life_locale(ctx: GenerationContext) -> LocaleInfo | None:
    """The user's locale (None when the locale module does not know the country)."""
    from .._locale import country_code_for, locale_for

    code = ctx.persona.country_code or country_code_for(ctx.identity.country)
    if not code:
        return None
    try:
        return locale_for(code, ctx.persona.region)
    except (KeyError, ValueError):
        return None


def _chosen(ctx: GenerationContext, limit: int) -> list[Archetype]:
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
    # most specific first; kinds already written as a project's document are not written again (same fixed wording);
    # someone in work who is not looking keeps no job search (an old CV at most)
    found = [a for a in archetypes_for(life) if a.id not in ctx.project_kinds]
    if not job_hunting(ctx):
        found = [a for a in found if a.id not in _SEARCH_KINDS]
    elif p.life_stage == "job_seeker":  # the search's own letters and notes name its tracker's employers; no others
        found = [a for a in found if a.id not in _SEARCH_KINDS - {"reference_list", "course_certificate"}]
        if not re.search(r"\bschool[- ]leaver", p.text, re.I):  # a UCAS statement is a school leaver's, no one else's
            found = [a for a in found if a.id != "personal_statement"]
    # the documents of the person's own role come first: an intern keeps a placement log whatever the bank's family
    role = (p.role or "").casefold()
    own = [a for a in found if role and any(interest_in(word, role) for word in a.interests)]
    found = own + [a for a in found if a not in own]
    head, tail = found[: limit // 2], found[limit // 2 :]
    return head + ctx.rng.sample(tail, k=min(len(tail), limit - len(head)))


def named_place(noun: str, text: str, country_code: str | None) -> bool:
    """Whether a key noun is a place the persona names ("Sonoma"): written capitalised after the text's first word
    and found by the gazetteer in the persona's own country."""
    from ...personas import resolve_place

    if not country_code or not re.search(r"(?<=\w\W)\b" + re.escape(noun.title()) + r"\b", text):
        return False
    return resolve_place(f"A person in {noun.title()}").country_code == country_code


# the papers of a job search under way: a person in work has them only when their words say they are looking
_SEARCH_KINDS = frozenset(
    {"cover_letter", "interview_prep_notes", "job_applications_tracker", "reference_list", "course_certificate"}
)
_LOOKING = re.compile(
    r"\b(?:looking for (?:a |an |her |his |their )?(?:new |first |next )?(?:job|work|role|post|position|apprenticeship)"
    r"|job[- ]?hunt\w*|job search\w*|applying for|seeking (?:a |new )?(?:job|work|role|position|employment)"
    r"|changing careers?|career change|between jobs|interviewing for|wants? a new job|open to (?:a )?new role"
    r"|seeking a new (?:role|job|position|challenge)|(?:wants?|wanting|hoping|plans?|planning|looking) to move to"
    r"|considering (?:a move|leaving)|thinking (?:about|of) changing jobs|looking for a (?:better|change|move)"
    r"|looking to (?:move|change jobs))",
    re.I,
)


def looks_while_employed(p: Persona) -> bool:
    """Whether someone in work wants a move and their computer holds a search under way beside the job ("a nurse
    looking for a new job", "an accountant considering a career change"): an employee whose own words say so.

    Example:
        >>> from synthcomp_agents.personas import classify_persona
        >>> looks_while_employed(classify_persona("A nurse looking for a new job"))
        True
        >>> looks_while_employed(classify_persona("An unemployed nurse")), looks_while_employed(
        ...     classify_persona("A nurse in Leeds"))
        (False, False)
    """
    return p.life_stage in ("employee", "intern") and _LOOKING.search(p.text) is not None


def job_hunting(ctx: GenerationContext) -> bool:
    """Whether the person's computer holds a job search: a job seeker, a student or an intern, or someone in work
    whose own words say they are looking ("a nurse in Leeds applying for ward manager posts").

    Example:
        >>> from types import SimpleNamespace as NS
        >>> job_hunting(NS(persona=NS(life_stage="employee", text="A motor mechanic in Birmingham")))
        False
        >>> job_hunting(NS(persona=NS(life_stage="employee", text="A nurse in Leeds looking for a new job")))
        True
    """
    p = ctx.persona
    return p.life_stage in ("job_seeker", "student", "intern") or _LOOKING.search(p.text) is not None


def _cv_day(ctx: GenerationContext, day: date) -> date:
    """The day an old CV was last saved by someone in work who is not looking: a year or more back (the one that
    got them the job, touched up since), never before the year their present job began."""
    if job_hunting(ctx):
        return day
    today = ctx.now.date()
    old = today - timedelta(days=ctx.rng.randint(380, 900))
    current = [j for j in ctx.identity.profile.career_history if j.end_year is None]
    if current:
        old = max(old, date(current[-1].start_year, 3, 1))
    return min(old, today - timedelta(days=60))


def build_life_documents(ctx: GenerationContext) -> None:
    """One or two documents of each archetype the persona's life holds (up to about two dozen kinds)."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    locale = life_locale(ctx)
    people = tuple(Counterpart(person.name, person.role, person.org, person.email) for person in ctx.team.people)
    topics = [plan.name for plan in ctx.plans if plan.is_project]
    # the persona's own nouns and its field's jargon; its place names are where it lives, never a thing it works on
    # ("the person colleagues ask when France goes wrong")
    p = ctx.persona
    places = {w for name in (p.city, p.region, p.country, ident.city) if name for w in name.casefold().split()}
    # and a named place the gazetteer knows by its own name ("in Sonoma", "in the Mosel"): capitalised in the text
    # and in the persona's own country, so "the Sonoma figures" is never a term
    places |= {n for n in p.key_nouns if " " not in n and named_place(n, p.text, p.country_code)}
    # nor its role's words ("when estate goes wrong" for an estate agent): the role is said as the role
    said = f"{p.role or ''} {p.occupation} {p.org_type or ''}".casefold().split()
    own = tuple(n for n in p.key_nouns if not set(n.casefold().split()) & (places | set(said)))
    vocabulary = own + tuple(ident.family.jargon[:4])
    subject_terms, links = student_links(ctx)
    if subject_terms:  # a student's coursework is about the subject, never "freshman" or "Texas"
        vocabulary = subject_terms
    for arch in _chosen(ctx, 18):
        for _one in range(1):  # one document per kind: a second would repeat the kind's fixed wording
            day = ctx.now.date() - timedelta(days=rng.randint(3, 500))
            if arch.id == "cv":
                day = _cv_day(ctx, day)
            topic = (
                rng.choice(topics)
                if not arch.personal
                else (rng.choice(ctx.persona.interests) if ctx.persona.interests else arch.label)
            )
            if subject_terms and "student" in arch.life_stages and not ctx.persona.interests:
                topic = rng.choice(subject_terms)  # a lecture or a statement is on the subject, not "Lecture notes"
            actx = ArchetypeContext(
                owner_name=ident.user.name,
                owner_role=ident.doc_role,
                organisation=ident.life_org,
                topic=topic,
                created=day,
                rng=rng,
                org_type=ctx.persona.org_type or "",
                life_stage=_STAGE.get(ctx.persona.life_stage, ctx.persona.life_stage),
                family=ctx.identity.doc_family,
                interests=tuple(ctx.persona.interests),
                counterparts=people,
                vocabulary=vocabulary,
                owner_email=ident.user.email,
                owner_address=ident.home_address,
                city=ident.city,
                country_code=ctx.persona.country_code or "",
                linked=dict(links),
                career=tuple(
                    (job.role, job.employer, job.start_year, job.end_year) for job in ident.profile.career_history
                ),
            )
            if locale is not None:
                actx.locale = locale
            try:
                art = build_artifact(arch.id, actx)
            except ArchetypeError:
                continue
            folder = str(getattr(art, "folder", "") or "").strip("/")
            root = "Documents" if arch.personal else ctx.layout.work_root
            base = f"{root}/{folder}" if folder else root
            name = safe_name(art.filename or arch.label, 70)
            if f"{base}/{name}.{_EXT[art.kind]}" in led.files:
                continue  # a second one would only be a name clash, not a second document
            when = led.clock.leisure(day) if arch.personal else led.clock.at(day)
            saved = min(when + timedelta(minutes=rng.randint(10, 180)), ctx.now - timedelta(minutes=5))
            art = stamped(art, when, saved, ident.user.name)
            led.add(
                f"{base}/{name}.{_EXT[art.kind]}",
                art.to_bytes(),
                purpose=art.title,
                author=ident.user.name,
                created=when,
                modified=saved,
                role="background",
                archetype=arch.id,
            )


def stamped(art: Artifact, created: datetime, modified: datetime, author: str) -> Artifact:
    """``art`` with its office metadata agreeing with the file system: created and last saved then, by ``author``
    (a file without office metadata, e.g. Markdown, as it is)."""
    props = getattr(art.spec, "properties", None)
    if props is None:
        return art
    props = props.model_copy(
        update={"created": created, "modified": modified, "author": author, "last_modified_by": author}
    )
    return dataclasses.replace(art, spec=art.spec.model_copy(update={"properties": props}))

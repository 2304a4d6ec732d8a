"""Stage 2, collaborators: the 5-8 people the user works with, their relationship and style.

Example:
    >>> import random
    >>> from datetime import datetime, timezone
    >>> from synthcomp_agents.computers._generator import resolve_persona
    >>> from synthcomp_agents.computers.generation.identity import build_identity
    >>> rng, now = random.Random(3), datetime(2026, 1, 5, tzinfo=timezone.utc)
    >>> ident = build_identity(resolve_persona("A nurse in Leeds"), rng, now, None)
    >>> 5 <= len(build_team(ident, rng).people) <= 8
    True
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .._blueprint import to_identifier
from .._content import Person
from .._locale import country_code_for, locale_for
from .._names import company_name, domain_for, person_name, slug
from .identity import Identity
from .text import cap

__all__ = ["Team", "build_team"]

_RELATIONSHIPS = ("peer", "cross_functional", "direct_report", "client", "vendor", "external_partner", "mentor")
_EXTERNAL = ("client", "vendor", "external_partner")
_EXTERNAL_WORDS = (
    "external",
    "provider",
    "vendor",
    "supplier",
    "client",
    "auditor",
    "agency",
    "consultant",
    "regulator",
    "funder",
)
STYLES = (
    "short, direct e-mails; answers in bullet points",
    "friendly and chatty; often replies with questions",
    "formal; expects an agenda before any call",
    "replies late in the evening, in long detailed messages",
    "prefers a quick call over e-mail; confirms decisions in one line",
    "precise; always asks for the source of a number",
)
_SENIOR = {
    "intern": "mid",
    "junior": "senior",
    "mid": "lead",
    "senior": "manager",
    "lead": "manager",
    "manager": "director",
    "director": "executive",
    "executive": "executive",
}


@dataclass
class Team:
    """The collaborators (index 0 is the user's manager or lead) and per person (relationship, style)."""

    people: list[Person]
    meta: list[tuple[str, str]]


# people who write from a personal mailbox: family, friends, neighbours, classmates (a doctor, an adviser or a club
# secretary writes from the practice's, the firm's or the club's)
_PERSONAL = re.compile(
    r"\b(daughter|son|mother|father|mum|mom|dad|wife|husband|partner|sister|brother|cousin|aunt|uncle|niece|nephew|"
    r"grand\w*|neighbou?r|friend|classmate|roommate|flatmate|housemate|bandmate|parent|in-law)s?\b",
    re.IGNORECASE,
)


def build_team(ident: Identity, rng: random.Random) -> Team:
    """Choose collaborators fitting the family's usual counterparts; external ones work for other organisations."""
    family = ident.family
    n = rng.randint(5, 8)
    roles = list(family.collaborators)
    rng.shuffle(roles)
    senior = _SENIOR[ident.persona.seniority]
    plan: list[tuple[str, str, str]] = [(cap(rng.choice(family.roles[senior])), "manager", ident.life_org)]  # type: ignore[index]
    no_reports = ident.persona.life_stage in ("student", "intern", "retiree", "job_seeker", "homemaker")
    for i in range(n - 1):
        role = cap(roles[i % len(roles)])
        rel = rng.choice(_RELATIONSHIPS)
        if rel == "direct_report" and (no_reports or ident.persona.seniority in ("intern", "junior")):
            rel = "peer"
        external = rel in _EXTERNAL or any(w in role.lower() for w in _EXTERNAL_WORDS)
        if external and rel not in _EXTERNAL:
            rel = "external_partner"
        if not external and rel in _EXTERNAL:
            rel = "cross_functional"
        org = ident.life_org
        if external:
            org = company_name(rng, ident.country, taken=ident.taken_orgs, words=ident.counterparts)
        plan.append((role, rel, org))
    people: list[Person] = []
    meta: list[tuple[str, str]] = []
    for role, rel, org in plan:
        name = person_name(rng, ident.names_from or ident.country, ident.taken_people)
        first, last = name.split()[0], name.split()[-1]
        domain = domain_for(org, ident.country)
        if _PERSONAL.search(role):  # a daughter or a neighbour writes from her own mailbox, not "amsterdam-community"
            domain = locale_for(country_code_for(ident.country) or "US").mail_domain(rng)
        email = f"{slug(first)}.{slug(last)}@{domain}"
        people.append(Person(name, role, email, org, to_identifier(name)))
        meta.append((rel, rng.choice(STYLES)))
    return Team(people, meta)

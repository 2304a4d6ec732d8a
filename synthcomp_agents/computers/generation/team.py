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
from .identity import Identity, plays_solo
from .text import cap
from .workplace import workplace_of

__all__ = ["Team", "build_team", "relationship_for"]

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
    """The collaborators (index 0 is an employee's manager; a self-employed user's accountant) and per person
    (relationship, style)."""

    people: list[Person]
    meta: list[tuple[str, str]]


# people who write from a personal mailbox: family, friends, neighbours, classmates (a doctor, an adviser or a club
# secretary writes from the practice's, the firm's or the club's)
_PERSONAL = re.compile(
    r"\b(daughter|son|mother|father|mum|mom|dad|wife|husband|partner|sister|brother|cousin|aunt|uncle|niece|nephew|"
    r"grand\w*|neighbou?r|friend|classmate|roommate|flatmate|housemate|bandmate|parent|in-law)s?\b",
    re.IGNORECASE,
)


# what a collaborator's role says about who they are to the user: a customer is a client, a merchant a vendor, an
# accountant or a vet an outside partner, an apprentice a report; a role that says none of it is a colleague
_ROLE_RELATION: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(clients?|customers?|buyers?|homeowners?|landlords?|tenants?|promoters?|bookers?|couples?|"
            r"brides?|grooms?|patrons?)\b",
            re.I,
        ),
        "client",
    ),
    (
        re.compile(r"\b(suppliers?|merchants?|dealers?|vendors?|lab|wholesalers?|printers?|hire|rental)\b", re.I),
        "vendor",
    ),
    (
        re.compile(
            r"\b(accountants?|bookkeepers?|lenders?|bank\w*|advis[eo]rs?|inspectors?|vets?|veterinarian|agents?|"
            r"(sub)?contractors?|solicitors?|lawyers?|insurers?|auditors?|regulators?|consultants?|label|"
            r"producers?|planners?|co-op|extension|funders?)\b",
            re.I,
        ),
        "external_partner",
    ),
    (re.compile(r"\b(head|director|principal|chief|superintendent|foreman|leader)\b", re.I), "skip_level_manager"),
    (
        re.compile(r"\b(apprentices?|trainees?|assistants?|hands?|labourers?|laborers?|interns?|juniors?)\b", re.I),
        "direct_report",
    ),
)
# people an employee of a small workplace never works with: the owner's accountant, a hotel's or an office's roles
_NOT_ON_THE_FLOOR = re.compile(
    r"\b(accountant|bookkeeper|revenue manager|housekeeping|front office|conference|events? (manager|coordinator)|"
    r"wedding planner|chair renter)\b",
    re.I,
)
_INSPECTOR = re.compile(r"\b(environmental health|health inspector|food safety officer|trading standards)\b", re.I)


def _council(ident: Identity) -> str:
    """The local authority an inspector works for ("Leeds City Council", "Chicago Department of Public Health")."""
    if ident.persona.country_code == "US":
        return f"{ident.city} Department of Public Health"
    return f"{ident.city} City Council"


# life stages that have no employer and so no manager, and self-employed lives (their own boss): neither gets one
_NO_MANAGER = frozenset({"retiree", "homemaker", "job_seeker", "self_employed", "small_business_owner"})


def relationship_for(role: str, *, own_boss: bool, no_reports: bool, rng: random.Random) -> str:
    """What a collaborator with ``role`` is to the user: the role's own word decides (a customer is a ``client``, an
    accountant an ``external_partner``), a family member or friend is ``other``; a role that says none of it is a
    colleague, who for someone self-employed is an outside partner (they have no colleagues on a payroll).

    Example:
        >>> import random
        >>> relationship_for("Accountant", own_boss=True, no_reports=False, rng=random.Random(1))
        'external_partner'
        >>> relationship_for("Customer", own_boss=True, no_reports=False, rng=random.Random(1))
        'client'
    """
    if _PERSONAL.search(role) and not re.search(r"business partner|partner (agency|organi[sz]ation)", role, re.I):
        return "other"
    for pattern, rel in _ROLE_RELATION:
        if pattern.search(role):
            if rel == "skip_level_manager" and own_boss:
                return "external_partner"  # a main contractor's foreman is not the sole trader's boss
            return "peer" if rel == "direct_report" and no_reports else rel
    if any(w in role.lower() for w in _EXTERNAL_WORDS):
        return "external_partner"
    if own_boss:
        return "external_partner"
    rel = rng.choice(_RELATIONSHIPS)
    if rel in _EXTERNAL or (rel == "direct_report" and no_reports):
        rel = "cross_functional"
    return rel


def _first(ident: Identity, rng: random.Random, senior: str) -> tuple[str, str, str]:
    """Slot 0: the user's manager for an employee; for someone self-employed the accountant who does their books (a
    band member's band leader, a peer); for a life without a job, the first of the family's people."""
    family, stage = ident.family, ident.persona.life_stage
    place = workplace_of(ident.persona)
    if place is not None:  # a mechanic answers to the workshop manager, a line cook to the head chef
        return place.bosses[rng.randrange(len(place.bosses))], "manager", ident.life_org
    if stage not in _NO_MANAGER:
        return cap(rng.choice(family.roles[senior])), "manager", ident.life_org  # type: ignore[index]
    if stage in ("self_employed", "small_business_owner"):
        if family.id == "music_performing_arts":
            return cap(rng.choice(family.roles[senior])), "peer", ident.life_org  # type: ignore[index]
        accountant = next((r for r in family.collaborators if re.search(r"accountant|bookkeeper", r, re.I)), "")
        org = company_name(rng, ident.names_from, taken=ident.taken_orgs, words=("Accountants", "Bookkeeping"))
        return cap(accountant or "Accountant"), "external_partner", org
    personal = [r for r in family.collaborators if _PERSONAL.search(r)]
    role = cap((personal or list(family.collaborators) or ["friend"])[0])
    rel = relationship_for(role, own_boss=True, no_reports=True, rng=rng)
    if rel in _EXTERNAL:
        return role, rel, company_name(rng, ident.names_from, taken=ident.taken_orgs, words=ident.counterparts)
    return role, rel, ident.life_org


def build_team(ident: Identity, rng: random.Random) -> Team:
    """Choose collaborators fitting the family's usual counterparts, each in the relationship the role says;
    external ones work for other organisations. Only an employee has a manager."""
    family = ident.family
    n = rng.randint(5, 8)
    roles = list(family.collaborators)
    if plays_solo(ident.persona):  # a solo act has no bandmates: the promoter, the engineer, the booker
        roles = [r for r in roles if not re.search(r"\bband", r, re.I)] or roles
    rng.shuffle(roles)
    senior = _SENIOR[ident.persona.seniority]
    stage = ident.persona.life_stage
    plan: list[tuple[str, str, str]] = [_first(ident, rng, senior)]
    no_reports = stage in ("student", "intern", "retiree", "job_seeker", "homemaker") or ident.persona.seniority in (
        "intern",
        "junior",
    )
    own_boss = stage in _NO_MANAGER  # no colleagues on a payroll: a doctor or a merchant is an outside party
    taken = {plan[0][0].casefold()}
    small = workplace_of(ident.persona) is not None
    if small:  # an employee of a garage or a kitchen never deals with its accountant, nor a hotel's revenue manager
        taken |= {r.casefold() for r in roles if _NOT_ON_THE_FLOOR.search(r)}
    pool = [r for r in roles if r.casefold() not in taken] or roles
    for i in range(n - 1):
        role = cap(pool[i % len(pool)])
        rel = relationship_for(role, own_boss=own_boss, no_reports=no_reports, rng=rng)
        if small and rel == "cross_functional":
            rel = "peer"  # a small workplace has workmates, not cross-functional partners
        if small and re.search(r"\b(reps?|roasters?|wholesalers?)\b", role, re.I):
            rel = "vendor"  # the coffee roaster's rep and the product rep sell to the workplace
        if small and rel == "direct_report" and ident.persona.seniority not in ("lead", "manager", "director"):
            rel = "peer"  # a line cook does not manage the sous chef, a mechanic shares the apprentice
        org = ident.life_org
        if small and _INSPECTOR.search(role):
            rel, org = "external_partner", _council(ident)  # the food safety inspector is the council's, not staff
        elif rel in _EXTERNAL:
            org = company_name(rng, ident.names_from, taken=ident.taken_orgs, words=ident.counterparts)
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

"""The work of a persona's own role and the activities its words name, before its family's stock focuses.

Example:
    >>> role_focuses("A self-employed wedding photographer in Porto who also teaches evening photography classes")[:2]
    ['running the evening photography classes', "editing this season's wedding shoots"]
    >>> role_focuses("A tax accountant in Leeds")
    []
    >>> [f for f in role_focuses("A dentist in Bristol") if "claims" in f]
    ["submitting this month's NHS FP17 claims"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]

from ...personas import OccupationalFamily, parse_profile, resolve_place
from .._content import Measure, measures_from

__all__ = ["role_family", "role_focuses", "role_measures", "role_not_kinds"]

# "who also teaches evening photography classes" -> "running the evening photography classes"
_TEACHES = re.compile(
    r"\b(?:teach(?:es|ing)?|runs?|running|leads?|leading|gives?|giving)\s+(?:an?\s+|the\s+|some\s+)?"
    r"((?:[a-z'-]+\s+){0,3}?)(classes|courses|workshops|lessons)\b",
    re.IGNORECASE,
)


# "A marine biologist studying coral reefs in Queensland" -> the coral reefs paper, field data, grant proposal
_STUDIES = re.compile(
    r"\b(?:scientist|biologist|ecologist|researcher|geologist|chemist|physicist|botanist|zoologist|oceanographer|"
    r"entomologist|archaeologist|anthropologist|historian|linguist|economist|epidemiologist|neuroscientist|"
    r"astronomer|geographer|sociologist|psychologist|postdoc|phd (?:student|candidate)|professor|academic)\b,?\s+"
    r"(?:who\s+)?(?:stud(?:ying|ies)|research(?:ing|es)|monitor(?:ing|s)|investigat(?:ing|es)|map(?:ping|s)|"
    r"survey(?:ing|s)|track(?:ing|s)|model(?:l?ing|s))\s+(?:the\s+)?"
    r"((?:[\w'-]+\s+){0,3}?[\w'-]+)(?=\s+(?:in|at|for|with|across|on|near|around|and|who|while|from|using)\b|"
    r"[,.;]|$)",
    re.IGNORECASE,
)
_STUDY_WORK = (
    "writing up the {subject} paper for the journal",
    "analysing the {subject} data for the next chapter",
    "writing the {subject} grant proposal",
)


@dataclass(frozen=True)
class _Role:
    pattern: re.Pattern[str]
    focuses: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]  # the family fields the role replaces (see _FIELDS)
    places: dict[str, dict[str, str]]  # "{claims}" -> country code (or "*") -> words
    stage: str | None = None  # the life stage the entry is for ("retiree": a former career), else any
    replaces: tuple[str, ...] = ()  # words of the family's stock focuses the entry's own work stands for
    measures: tuple[dict[str, Any], ...] = ()  # what its tracking workbooks count (``measures.yaml`` form)
    not_kinds: frozenset[str] = frozenset()  # the family's document kinds the role never writes
    ladder: tuple[tuple[str, tuple[str, ...]], ...] = ()  # its job titles by seniority: its bosses and past jobs

    def local(self, items: tuple[str, ...], persona_text: str) -> tuple[str, ...]:
        """``items`` with their ``{name}`` words for the persona's country (a UK dentist's NHS FP17 claims) and its
        former role (``{former}``, ``{formers}``, ``{a_former}``, ``{war}``: a retiree's or a veteran's)."""
        if not self.places and not self.stage:
            return items
        words = _former_words(persona_text) if self.stage else {}
        if self.places:
            code = resolve_place(persona_text).country_code or ""
            words.update({name: by.get(code, by.get("*", name)) for name, by in self.places.items()})
        return tuple(item.format_map(words) for item in items)


_FORMER_LEAD = re.compile(r"^(?:retired|former|ex-)\s*", re.IGNORECASE)


def _plural(role: str) -> str:
    """ "police officer" -> "police officers", "professor of physics" -> "professors of physics"."""
    head, sep, tail = role.partition(" of ")
    head = head[:-1] + "ies" if head.endswith("y") and head[-2:-1] not in "aeiou" else head + "s"
    return f"{head}{sep}{tail}"


def _former_words(persona_text: str) -> dict[str, str]:
    """The words of a retiree's former role, as its text names it ("retired coal miner": coal miner)."""
    role = parse_profile(persona_text).role or ""
    former = _FORMER_LEAD.sub("", role).strip() or "worker"
    if not role[:1].isupper() or former.split()[0].islower():
        former = former[:1].lower() + former[1:]
    war = re.sub(r"\s*\bveterans?\b\s*", " ", former, flags=re.IGNORECASE).strip() or "military"
    article = "an" if former[:1].lower() in "aeiou" else "a"
    return {"former": former, "formers": _plural(former), "a_former": f"{article} {former}", "war": war}


_FIELDS = {
    "people": "collaborators",
    "reports": "report_types",
    "tools": "tools",
    "meetings": "recurring_meetings",
    "jargon": "jargon",
    "sheets": "spreadsheet_kinds",
    "metrics": "key_metrics",
    "columns": "spreadsheet_columns",
}


@cache
def _roles() -> tuple[_Role, ...]:
    text = (
        resources.files("synthcomp_agents.computers.archetypes").joinpath("data/role_focuses.yaml").read_text("utf-8")
    )
    data: list[dict[str, Any]] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return tuple(
        _Role(
            re.compile(str(e["role"]), re.IGNORECASE),
            tuple(str(f) for f in e["focuses"]),
            {field: tuple(str(x) for x in e[key]) for key, field in _FIELDS.items() if e.get(key)},
            {str(k): {str(c): str(w) for c, w in v.items()} for k, v in (e.get("places") or {}).items()},
            str(e["stage"]) if e.get("stage") else None,
            tuple(str(w).casefold() for w in e.get("replaces") or ()),
            tuple(dict(m) for m in e.get("measures") or ()),
            frozenset(str(k) for k in e.get("not_kinds") or ()),
            tuple((str(k), tuple(str(t) for t in v)) for k, v in (e.get("ladder") or {}).items()),
        )
        for e in data
    )


def _role(persona_text: str) -> _Role | None:
    stage: str | None = None
    for r in _roles():
        if not r.pattern.search(persona_text):
            continue
        if r.stage is not None:
            stage = stage or parse_profile(persona_text).life_stage
            if stage != r.stage:
                continue
        return r
    return None


def role_focuses(persona_text: str) -> list[str]:
    """Focuses for what the persona's words say they do: the classes or workshops it runs, then its role's work
    (``archetypes/data/role_focuses.yaml``, first matching role); empty when neither is named."""
    out: list[str] = []
    match = _TEACHES.search(persona_text)
    if match and match.group(1).strip():
        out.append(f"running the {match.group(1).strip().lower()} {match.group(2).lower()}")
    role = _role(persona_text)
    if role is not None:
        out.extend(f for f in role.local(role.focuses, persona_text) if f not in out)
    elif (study := _STUDIES.search(persona_text)) is not None:
        # a researcher's own subject (no role entry of its own): its paper, its data, its grant, its talk
        subject = study.group(1).strip()
        out.extend(work.format(subject=subject) for work in _STUDY_WORK)
    return out


@lru_cache(maxsize=256)
def role_measures(persona_text: str) -> tuple[Measure, ...]:
    """What the persona's role counts month by month (a firefighter's hydrants inspected, a bus driver's duties
    driven), its names in the persona's country's words; empty when the role lists none (the family's are used).

    Example:
        >>> [m.name for m in role_measures("An HGV driver in Leeds")][:2]
        ['miles driven', 'loads delivered']
        >>> role_measures("A tax accountant in Leeds")
        ()
    """
    role = _role(persona_text)
    if role is None or not role.measures:
        return ()
    out: list[dict[str, Any]] = []
    for m in role.measures:
        local = {**m, "name": role.local((str(m["name"]),), persona_text)[0]}
        if m.get("rows"):  # a US prison's rows are pods, a UK one's wings
            noun, *names = role.local((str(m["rows"][0]), *(str(r) for r in m["rows"][1])), persona_text)
            local["rows"] = [noun, [n[:1].upper() + n[1:] for n in names]]  # "Route 1", "Community order"
        out.append(local)
    return measures_from(out)


@lru_cache(maxsize=256)
def role_not_kinds(persona_text: str) -> frozenset[str]:
    """The document kinds of the persona's family its role never writes (a firefighter's family holds a policy
    adviser's press releases and case chronologies); empty when the role lists none.

    Example:
        >>> sorted(role_not_kinds("A firefighter in Leeds"))[:2]
        ['case_chronology', 'grant_proposal']
        >>> role_not_kinds("A tax accountant in Leeds")
        frozenset()
    """
    role = _role(persona_text)
    return role.not_kinds if role is not None else frozenset()


def role_family(family: OccupationalFamily, persona_text: str) -> OccupationalFamily:
    """The family as the persona's role lives it: its counterparts, recurring paperwork, software and meetings (a
    wedding photographer works with a second shooter in Lightroom, not with a literary agent in Scrivener); the
    family itself when the role is not listed.

    Example:
        >>> from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES
        >>> arts = OCCUPATIONAL_FAMILIES["creative_arts_writing"]
        >>> role_family(arts, "A wedding photographer in Porto").tools[:2]
        ('Lightroom', 'Pixieset')
        >>> role_family(arts, "A novelist in Leeds") is arts
        True
    """
    role = _role(persona_text)
    if role is None or not (role.fields or role.replaces or role.ladder):
        return family
    update: dict[str, Any] = {k: role.local(v, persona_text) for k, v in role.fields.items()}
    if role.ladder:  # a pilot's boss is a fleet manager and a first officer was a cadet, not a warehouse team lead
        update["roles"] = {**family.roles, **{level: role.local(t, persona_text) for level, t in role.ladder}}
    if role.replaces:  # "Teacher memories" is the retiree's memories: no second, stock "Memories" project
        update["focuses"] = tuple(f for f in family.focuses if not any(w in f.casefold() for w in role.replaces))
    return family.model_copy(update=update)

"""The work of a persona's own role and the activities its words name, before its family's stock focuses.

Example:
    >>> role_focuses("A self-employed wedding photographer in Porto who also teaches evening photography classes")[:2]
    ['running the evening photography classes', "editing this season's wedding shoots"]
    >>> role_focuses("A tax accountant in Leeds")
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]

from ...personas import OccupationalFamily

__all__ = ["role_family", "role_focuses"]

# "who also teaches evening photography classes" -> "running the evening photography classes"
_TEACHES = re.compile(
    r"\b(?:teach(?:es|ing)?|runs?|running|leads?|leading|gives?|giving)\s+(?:an?\s+|the\s+|some\s+)?"
    r"((?:[a-z'-]+\s+){0,3}?)(classes|courses|workshops|lessons)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Role:
    pattern: re.Pattern[str]
    focuses: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]  # the family fields the role replaces (see _FIELDS)


_FIELDS = {
    "people": "collaborators",
    "reports": "report_types",
    "tools": "tools",
    "meetings": "recurring_meetings",
    "jargon": "jargon",
    "sheets": "spreadsheet_kinds",
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
        )
        for e in data
    )


def _role(persona_text: str) -> _Role | None:
    return next((r for r in _roles() if r.pattern.search(persona_text)), None)


def role_focuses(persona_text: str) -> list[str]:
    """Focuses for what the persona's words say they do: the classes or workshops it runs, then its role's work
    (``archetypes/data/role_focuses.yaml``, first matching role); empty when neither is named."""
    out: list[str] = []
    match = _TEACHES.search(persona_text)
    if match and match.group(1).strip():
        out.append(f"running the {match.group(1).strip().lower()} {match.group(2).lower()}")
    role = _role(persona_text)
    if role is not None:
        out.extend(f for f in role.focuses if f not in out)
    return out


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
    if role is None or not role.fields:
        return family
    return family.model_copy(update=role.fields)

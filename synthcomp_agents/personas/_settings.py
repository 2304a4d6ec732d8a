"""Settings: the kind of organisation a user's work happens in, and the reviewed prose banks written for each.

``project_setting`` decides the setting (a band, a farm, a school, a ward, a lab, a sole trader, a private life or
an office); ``working_bank`` reads the prose of decks, notes and status pages and the objective setter's words for it.
Both the computer generator and the offline objective setter use them, so they live below both.

Example:
    >>> project_setting("agriculture_farming")
    'farm'
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]

from ._profile import parse_profile

__all__ = ["keeps_minutes", "project_prose", "project_setting", "working_bank"]


@cache
def project_prose() -> dict[str, Any]:
    """``personas/data/project_prose.yaml``: the reviewed prose banks of briefs and reports, by setting."""
    text = resources.files("synthcomp_agents.personas").joinpath("data/project_prose.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


@cache
def project_setting(family_id: str, persona: str = "") -> str:
    """The kind of organisation a project's prose speaks for (``corporate``, ``small``, ``ensemble``, ``farm``,
    ``school``, ``care``, ``lab``, ``personal``): the first rule of ``project_prose.yaml`` whose families, the
    persona's own organisation type or its life stage match.

    Example:
        >>> project_setting("music_performing_arts"), project_setting("skilled_trades", "A plumber in Leeds")
        ('ensemble', 'small')
    """
    profile = parse_profile(persona) if persona.strip() else None
    org = (profile.org_type or "").casefold() if profile else ""
    stage = profile.life_stage if profile else ""
    for rule in project_prose()["match"]:
        if (
            family_id in rule.get("families", ())
            or (org and org in rule.get("org_types", ()))
            or (stage and stage in rule.get("life_stages", ()))
        ):
            return str(rule["setting"])
    return "corporate"


def keeps_minutes(family_id: str, persona: str, life_stage: str) -> bool:
    """Whether the user's work holds meetings that someone minutes: a band, a farm, a school, a ward, a club and any
    employer do; a self-employed tradesperson or photographer working alone does not.

    Example:
        >>> keeps_minutes("skilled_trades", "A self-employed plumber in Leeds", "self_employed")
        False
        >>> keeps_minutes("music_performing_arts", "A bass player in a rock band", "self_employed")
        True
    """
    return not (life_stage == "self_employed" and project_setting(family_id, persona) == "small")


@cache
def _working_prose() -> dict[str, Any]:
    """``personas/data/setting_prose.yaml``: the reviewed prose of decks, notes, status pages and scratch notes."""
    text = resources.files("synthcomp_agents.personas").joinpath("data/setting_prose.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def working_bank(setting: str, section: str) -> Any:
    """A section (``deck``, ``notes``, ``status``, ``desktop``, ``vault``, ``setter``) of a setting's working prose,
    borrowed along ``like:`` when the setting writes none (an unknown setting reads as ``corporate``).

    Example:
        >>> working_bank("ensemble", "setter")["pptx_audience"], working_bank("nowhere", "setter")["audience"]
        ('The band', 'My manager and the project team')
    """
    settings = _working_prose()["settings"]
    name = setting if setting in settings else "corporate"
    while section not in settings[name]:
        if name == "corporate":
            raise KeyError(f"setting_prose.yaml: no {section!r} for {setting!r}")
        name = settings[name].get("like", "corporate")
    return settings[name][section]

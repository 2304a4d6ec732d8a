"""A family's stock vocabulary fitted to the persona's own trade and country (reviewed data in ``own_work.yaml``).

A pharmacist's career is a pharmacist's ladder, not a doctor's; a primary teacher in Lyon plans her CM1 class, not
a "Year 9 science scheme of work"; a retiree in Lyon has a carte Vitale, not Medicare; a countryside ranger in the
Lake District walks footpaths, not the US backcountry.

Example:
    >>> from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES
    >>> med = fit_family(OCCUPATIONAL_FAMILIES["medicine"], "pharmacist", "A pharmacist in Cairo", "EG")
    >>> med.roles["junior"][0]
    'pre-registration pharmacist'
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from synthcomp_agents.personas._models import SENIORITIES, OccupationalFamily, Seniority

__all__ = ["fit_family", "local_school_years", "teaching_focuses"]


def _l(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in " ".join(text.split()).split(";") if item.strip())


def _roles(text: str) -> dict[Seniority, tuple[str, ...]]:
    roles: dict[Seniority, tuple[str, ...]] = {}
    for part in " ".join(text.split()).split("|"):
        level, _, names = part.partition(":")
        if level.strip() not in SENIORITIES:
            raise ValueError(f"unknown seniority {level!r} in own_work.yaml")
        roles[level.strip()] = tuple(n.strip() for n in names.split(",") if n.strip())  # type: ignore[index]
    return roles


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files("synthcomp_agents.personas").joinpath("data/own_work.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _matches(words: list[str], text: str) -> bool:
    return any(re.search(rf"(?<!\w){w}(?!\w)", text) for w in words)


def _fields(spec: dict[str, Any]) -> dict[str, Any]:
    """The family fields a data entry replaces (roles parsed, lists split)."""
    out: dict[str, Any] = {}
    for key, value in spec.items():
        if key in ("family", "words"):
            continue
        out[key] = _roles(value) if key == "roles" else _l(value)
    return out


def teaching_focuses(role: str, text: str, country_code: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A teacher's focuses (and, for a lecturer or a tutor, report types; else empty) from the level and subject
    their words name and the country's school years ("planning the CM1 class topic" in Lyon).

    Example:
        >>> teaching_focuses("high school history teacher", "A high school history teacher in Texas", "US")[0][0]
        'rewriting the 10th grade history unit plan'
    """
    data = _data()["teaching"]
    words = f"{role} {text}".casefold()
    level = next((name for name, cues in data["levels"].items() if _matches(cues, words)), "secondary")
    countries = data["countries"]
    local = countries.get(country_code or "", countries["default"])
    us = country_code == "US"
    subject = next((s["us" if us else "other"] for s in data["subjects"] if _matches(s["words"], words)), "")
    years = list(local["primary" if level == "primary" else "secondary"])
    values = {
        "g1": years[0],
        "g2": years[min(1, len(years) - 1)],
        "g3": years[-1],
        "sub": f" {subject}" if subject else "",
        "exam": local["exam"],
        "plan": local["plan"],
        "inspection": local["inspection"],
    }
    focuses = tuple(f.format(**values) for f in _l(data["focuses"][level]))
    reports = _l(data["report_types"].get(level, ""))
    return focuses, reports


_YEAR = re.compile(r"\bYear (1[0-3]|[1-9])\b")


def local_school_years(text: str, country_code: str | None) -> str:
    """``text`` with each English school year ("Year 9") written as the country names the same age's year ("8th
    grade" in the US, "quatrième" in France); unchanged where the country is England's or not in the table.

    Example:
        >>> local_school_years("Year 9 maths: algebra", "US"), local_school_years("Year 5", "FR")
        ('8th grade maths: algebra', 'CM1')
    """
    names = _data()["school_year_names"].get(country_code or "")
    if not names or "Year " not in text:
        return text
    return _YEAR.sub(lambda m: str(names[int(m.group(1)) - 1]), text)


def health_cover(country_code: str | None) -> str:
    """What pays for a person's doctor in their country, as they would write it on an appointments log.

    Example:
        >>> health_cover("FR"), health_cover("GB"), health_cover("US")
        ('Assurance Maladie + mutuelle', 'NHS', 'Medicare')
    """
    data = _data()["health"]["countries"]
    words = data.get(country_code or "") or []
    if not words:
        return "Health insurance"
    return f"{words[0]} + {words[1]}" if country_code in ("FR", "BE") else str(words[0])


def _health(family: OccupationalFamily, country_code: str | None) -> dict[str, Any]:
    """The home-life family's health words in the country's system (none replaced in the US)."""
    data = _data()["health"]
    if family.id != "home_retirement_life" or country_code == "US":
        return {}
    own = data["countries"].get(country_code or "", data["countries"]["default"])
    us_only = set(data["us_only"]) - set(own)
    jargon = [w for w in family.jargon if w not in us_only]
    jargon[1:1] = [w for w in own if w not in jargon]
    return {"jargon": tuple(jargon)} if tuple(jargon) != family.jargon else {}


def _parks(family: OccupationalFamily, country_code: str | None) -> dict[str, Any]:
    """The parks family in the country's own service (US National Park Service words only in the US)."""
    if family.id != "parks_conservation" or not country_code or country_code == "US":
        return {}
    data = _data()["parks"]
    return _fields(data.get(country_code) or data["default"])


def fit_family(family: OccupationalFamily, role: str, text: str, country_code: str | None) -> OccupationalFamily:
    """The family as the persona's own trade and country have it (``role``: the persona's role words; ``text``:
    the persona). Returns ``family`` itself when nothing applies."""
    words = (role or text).casefold()
    update: dict[str, Any] = {}
    for trade in _data()["trades"]:
        if trade["family"] == family.id and _matches(trade["words"], words):
            update.update(_fields(trade))
            break
    if family.id == "education_teaching":
        focuses, reports = teaching_focuses(role, text, country_code)
        update["focuses"] = focuses
        if reports:
            update["report_types"] = reports
    elif family.id == "academic_research" and _matches(["lecturer", "teaching fellow", "dozent\\w*"], words):
        focuses, _ = teaching_focuses(f"university {role}", text, country_code)  # a lecturer teaches, too
        update["focuses"] = focuses[:4] + tuple(f for f in family.focuses if f not in focuses)[:4]
    update.update(_health(family, country_code))
    update.update(_parks(family, country_code))
    return family.model_copy(update=update) if update else family

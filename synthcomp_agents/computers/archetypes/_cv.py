"""What a CV says its owner is good at and has done: typed phrases by role, occupational family and life stage.

A CV's profile line and its bullets are filled from these banks (``data/cv_skills.yaml``), never from the
persona's key nouns: "strongest in peer review and rivers" or "a simple tracker for tobacco" put a noun in a slot
that wants a skill. A bank's ``skills`` fit "experience in ...", its ``duties`` follow a job title ("– ran the
weekly stock counts"), its ``achievements`` are whole bullets.

Example:
    >>> bank = cv_bank("tobacco farmer", "agriculture_farming", "self_employed")
    >>> "curing and stripping tobacco" in bank.skills
    True
    >>> cv_bank("data analyst", "data_analytics", "employee").skills[0]
    'SQL and data modelling'
    >>> "customer service" in cv_bank("High school student", "student_life", "student").skills
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["CvBank", "all_cv_skills", "cv_bank"]


@dataclass(frozen=True)
class CvBank:
    """A role's CV phrases: ``skills`` (noun phrases), ``duties`` (past-tense verb phrases), ``achievements``
    (whole bullets)."""

    skills: tuple[str, ...]
    duties: tuple[str, ...]
    achievements: tuple[str, ...]


def _bank(entry: dict[str, Any]) -> CvBank:
    return CvBank(
        tuple(str(s) for s in entry.get("skills", ())),
        tuple(str(s) for s in entry.get("duties", ())),
        tuple(str(s) for s in entry.get("achievements", ())),
    )


@cache
def _data() -> tuple[tuple[tuple[re.Pattern[str], CvBank], ...], dict[str, CvBank], dict[str, CvBank], CvBank]:
    text = resources.files(__package__).joinpath("data").joinpath("cv_skills.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    roles = tuple((re.compile(str(e["role"]), re.IGNORECASE), _bank(e)) for e in raw["roles"])
    families = {str(k): _bank(v) for k, v in raw["families"].items()}
    stages = {str(k): _bank(v) for k, v in raw.get("stages", {}).items()}
    return roles, families, stages, _bank(raw["default"])


def cv_bank(role: str, family: str | None, life_stage: str = "") -> CvBank:
    """The CV phrases of a person in ``role`` (their own words): the first role entry whose pattern the role
    matches, else a student's part-time work, else the occupational family's, else the default."""
    roles, families, stages, default = _data()
    for pattern, bank in roles:
        if pattern.search(role or ""):
            return bank
    if life_stage in stages:
        return stages[life_stage]
    return families.get(family or "", default)


def all_cv_skills() -> frozenset[str]:
    """Every skill any bank holds (what a CV's skill slots may say)."""
    roles, families, stages, default = _data()
    banks = [b for _p, b in roles] + list(families.values()) + list(stages.values()) + [default]
    return frozenset(s for b in banks for s in b.skills)

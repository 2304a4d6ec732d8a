"""Personas: the built-in pool, loaders, classification of any text, and occupational families.

A persona is one line of text ("A senior buyer at a mid-size automotive parts supplier in Stuttgart...") plus
structured facts (occupation, occupational family, industry, seniority, country). ``OCCUPATIONAL_FAMILIES`` holds
the domain vocabulary per family (metrics, spreadsheet columns, report types, meetings, jargon, units, tools) that
generators use to make each working life's files specific.

Example:
    >>> from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES, classify_persona
    >>> p = classify_persona("clinical research coordinator at a university hospital in Lyon")
    >>> OCCUPATIONAL_FAMILIES[p.family].label
    'Clinical research'
"""

from synthcomp_agents.personas._classify import MAX_PERSONA_CHARS, classify_persona
from synthcomp_agents.personas._coverage import key_nouns_found
from synthcomp_agents.personas._families import (
    FAMILY_IDS,
    LIFE_FAMILY_IDS,
    OCCUPATIONAL_FAMILIES,
    PROFESSIONAL_FAMILY_IDS,
)
from synthcomp_agents.personas._loaders import TEXT_FIELDS, load_personas
from synthcomp_agents.personas._models import (
    LIFE_STAGES,
    REFERENCE_YEAR,
    SENIORITIES,
    Country,
    Industry,
    LifeStage,
    OccupationalFamily,
    Persona,
    PersonaError,
    Seniority,
    normalize_persona_text,
    persona_id_for,
)
from synthcomp_agents.personas._places import Place, country_code, country_name, resolve_place
from synthcomp_agents.personas._pool import builtin_personas, builtin_pool_path, sample_personas
from synthcomp_agents.personas._profile import Profile, parse_profile
from synthcomp_agents.personas._world import COUNTRIES, INDUSTRIES


def get_family(family_id: str) -> OccupationalFamily:
    """Return the occupational family with this id.

    Args:
        family_id: A key of ``OCCUPATIONAL_FAMILIES``.

    Returns:
        The family.

    Raises:
        PersonaError: If no family has this id.

    Example:
        >>> get_family("nursing_care").label
        'Nursing & care'
    """
    try:
        return OCCUPATIONAL_FAMILIES[family_id]
    except KeyError:
        raise PersonaError(f"unknown occupational family {family_id!r}") from None


__all__ = [
    "COUNTRIES",
    "FAMILY_IDS",
    "INDUSTRIES",
    "LIFE_FAMILY_IDS",
    "LIFE_STAGES",
    "MAX_PERSONA_CHARS",
    "OCCUPATIONAL_FAMILIES",
    "PROFESSIONAL_FAMILY_IDS",
    "REFERENCE_YEAR",
    "SENIORITIES",
    "TEXT_FIELDS",
    "Country",
    "Industry",
    "LifeStage",
    "OccupationalFamily",
    "Persona",
    "PersonaError",
    "Place",
    "Profile",
    "Seniority",
    "builtin_personas",
    "builtin_pool_path",
    "classify_persona",
    "country_code",
    "country_name",
    "get_family",
    "key_nouns_found",
    "load_personas",
    "normalize_persona_text",
    "parse_profile",
    "persona_id_for",
    "resolve_place",
    "sample_personas",
]

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

from synthcomp_agents.personas._classify import MAX_PERSONA_CHARS as MAX_PERSONA_CHARS
from synthcomp_agents.personas._classify import classify_persona
from synthcomp_agents.personas._coverage import key_nouns_found as key_nouns_found
from synthcomp_agents.personas._families import FAMILY_IDS as FAMILY_IDS
from synthcomp_agents.personas._families import IMPERIAL_COUNTRIES as IMPERIAL_COUNTRIES
from synthcomp_agents.personas._families import LIFE_FAMILY_IDS as LIFE_FAMILY_IDS
from synthcomp_agents.personas._families import OCCUPATIONAL_FAMILIES
from synthcomp_agents.personas._families import PROFESSIONAL_FAMILY_IDS as PROFESSIONAL_FAMILY_IDS
from synthcomp_agents.personas._families import family_for_stage as family_for_stage
from synthcomp_agents.personas._families import is_recent_graduate as is_recent_graduate
from synthcomp_agents.personas._families import localize_units as localize_units
from synthcomp_agents.personas._fitting import fit_family as fit_family
from synthcomp_agents.personas._fitting import health_cover as health_cover
from synthcomp_agents.personas._fitting import local_school_years as local_school_years
from synthcomp_agents.personas._loaders import TEXT_FIELDS as TEXT_FIELDS
from synthcomp_agents.personas._loaders import load_personas as load_personas
from synthcomp_agents.personas._models import LIFE_STAGES as LIFE_STAGES
from synthcomp_agents.personas._models import REFERENCE_YEAR as REFERENCE_YEAR
from synthcomp_agents.personas._models import SENIORITIES as SENIORITIES
from synthcomp_agents.personas._models import Country as Country
from synthcomp_agents.personas._models import Industry as Industry
from synthcomp_agents.personas._models import LifeStage as LifeStage
from synthcomp_agents.personas._models import OccupationalFamily as OccupationalFamily
from synthcomp_agents.personas._models import Persona as Persona
from synthcomp_agents.personas._models import PersonaError as PersonaError
from synthcomp_agents.personas._models import Seniority as Seniority
from synthcomp_agents.personas._models import normalize_persona_text as normalize_persona_text
from synthcomp_agents.personas._models import persona_id_for as persona_id_for
from synthcomp_agents.personas._places import Place as Place
from synthcomp_agents.personas._places import country_cities as country_cities
from synthcomp_agents.personas._places import country_code as country_code
from synthcomp_agents.personas._places import country_name as country_name
from synthcomp_agents.personas._places import gazetteer_cities as gazetteer_cities
from synthcomp_agents.personas._places import region_cities as region_cities
from synthcomp_agents.personas._places import resolve_place as resolve_place
from synthcomp_agents.personas._pool import builtin_personas as builtin_personas
from synthcomp_agents.personas._pool import builtin_pool_path as builtin_pool_path
from synthcomp_agents.personas._pool import sample_personas as sample_personas
from synthcomp_agents.personas._profile import Profile as Profile
from synthcomp_agents.personas._profile import parse_profile as parse_profile
from synthcomp_agents.personas._profile import place_phrases as place_phrases
from synthcomp_agents.personas._reply import answer_day as answer_day
from synthcomp_agents.personas._reply import replies_in_evening as replies_in_evening
from synthcomp_agents.personas._settings import keeps_minutes as keeps_minutes
from synthcomp_agents.personas._settings import project_prose as project_prose
from synthcomp_agents.personas._settings import project_setting as project_setting
from synthcomp_agents.personas._settings import working_bank as working_bank
from synthcomp_agents.personas._world import COUNTRIES as COUNTRIES
from synthcomp_agents.personas._world import INDUSTRIES as INDUSTRIES


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
    "OCCUPATIONAL_FAMILIES",
    "classify_persona",
]

"""Document archetypes: kinds of documents with their own structure, numbers and prose, for work and personal life.

The table (:data:`ARCHETYPES`, at least 60 rows loaded from reviewed YAML files under ``data/``) says what each kind
of document is, who keeps it and how it is laid out; :func:`build_artifact` writes one for a person and a moment.

Example:
    >>> import random
    >>> from datetime import date
    >>> from synthcomp_agents.computers.archetypes import ArchetypeContext, Counterpart, build_artifact
    >>> ctx = ArchetypeContext(owner_name="Dale Carter", owner_role="guitarist", organisation="Rust Anvil",
    ...                        topic="Louisville show", created=date(2025, 6, 2), rng=random.Random(5),
    ...                        life_stage="self_employed", interests=("heavy metal",),
    ...                        counterparts=(Counterpart("Mia Lopez", "client", "The Vault"),))
    >>> art = build_artifact("invoice", ctx)
    >>> art.kind, "Mia Lopez" in str(art.spec)
    ('docx', True)
"""

from ._build import build_artifact, is_occasion, per_euro, season_of
from ._cv import CvBank, all_cv_skills, cv_bank
from ._grid import Footer, Grid
from ._model import (
    BILLING_STAGES,
    LIFE_STAGES,
    STAGE_ALIASES,
    US_LOCALE,
    WORKING_STAGES,
    Archetype,
    ArchetypeContext,
    ArchetypeError,
    Artifact,
    ArtifactSpec,
    Counterpart,
    FileKind,
    LifeProfile,
    LifeStage,
    LocaleFormat,
    SimpleLocale,
    SimpleTax,
    TaxLike,
    table_stage,
)
from ._registry import ARCHETYPES, archetypes_for, get_archetype, interest_in

__all__ = [
    "ARCHETYPES",
    "BILLING_STAGES",
    "LIFE_STAGES",
    "STAGE_ALIASES",
    "US_LOCALE",
    "WORKING_STAGES",
    "Archetype",
    "ArchetypeContext",
    "ArchetypeError",
    "Artifact",
    "ArtifactSpec",
    "Counterpart",
    "CvBank",
    "FileKind",
    "Footer",
    "Grid",
    "LifeProfile",
    "LifeStage",
    "LocaleFormat",
    "SimpleLocale",
    "SimpleTax",
    "TaxLike",
    "all_cv_skills",
    "archetypes_for",
    "build_artifact",
    "cv_bank",
    "get_archetype",
    "interest_in",
    "is_occasion",
    "per_euro",
    "season_of",
    "table_stage",
]

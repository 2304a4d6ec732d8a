"""Data models of the persona layer: personas, occupational families, industries, countries."""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Seniority = Literal["intern", "junior", "mid", "senior", "lead", "manager", "director", "executive"]
"""Career level of a persona, from intern to executive."""

SENIORITIES: tuple[Seniority, ...] = get_args(Seniority)
"""All seniority levels in career order."""

LifeStage = Literal[
    "student",
    "intern",
    "employee",
    "self_employed",
    "small_business_owner",
    "volunteer",
    "retiree",
    "homemaker",
    "job_seeker",
]
"""Where a persona stands in life: what fills their days and their computer, beside (or instead of) a job."""

LIFE_STAGES: tuple[LifeStage, ...] = get_args(LifeStage)
"""All life stages."""

REFERENCE_YEAR = 2026
"""The year persona ages are counted from ("a 45-year-old" is born around ``REFERENCE_YEAR - 45``)."""


class PersonaError(ValueError):
    """Raised for persona input that cannot be used (empty, no letters, too long, malformed file line).

    Example:
        >>> from synthcomp_agents.personas import PersonaError, classify_persona
        >>> try:
        ...     classify_persona("   ")
        ... except PersonaError as err:
        ...     print("rejected")
        rejected
    """


def normalize_persona_text(text: str) -> str:
    """Return the canonical form of a persona text used for identity: NFKC, case-folded, single-spaced.

    Args:
        text: Any persona text.

    Returns:
        The normalized text.

    Example:
        >>> normalize_persona_text("  A  Nurse\\r\\n")
        'a nurse'
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def persona_id_for(text: str) -> str:
    """Return the stable persona id of a text: the first 12 hex digits of the SHA-1 of its normalized form.

    Texts that differ only in case or whitespace share an id.

    Args:
        text: Any persona text.

    Returns:
        A 12-character lowercase hexadecimal id.

    Example:
        >>> persona_id_for("A nurse") == persona_id_for("  a   NURSE ")
        True
    """
    return hashlib.sha1(normalize_persona_text(text).encode("utf-8")).hexdigest()[:12]


class OccupationalFamily(BaseModel):
    """An occupational family: typical roles, industries and the domain vocabulary of its documents.

    The vocabulary lists describe what this family's files contain, so that generators can make a
    clinical research coordinator's spreadsheets differ from a procurement manager's.

    Attributes:
        id: Stable identifier, e.g. ``"procurement_supply_chain"``.
        label: Human-readable name.
        roles: Typical job titles per seniority level (every level present).
        titles: Further occupation nouns of this family (used for matching and as occupations).
        keywords: Matching keywords, English and non-English; a trailing ``*`` marks a prefix.
        industries: Ids of the industries this family typically works in (see ``INDUSTRIES``).
        key_metrics: Metrics tracked in their spreadsheets and dashboards.
        spreadsheet_kinds: Kinds of workbooks they keep.
        spreadsheet_columns: Typical column headers of those workbooks.
        report_types: Reports, memos and decks they write.
        recurring_meetings: Meetings on their calendar.
        jargon: Domain terms and acronyms found in their documents.
        units: Units, currencies and scales their numbers use.
        tools: Software and systems they export from or work in.
        collaborators: Roles they exchange files and e-mails with.
        focuses: Concrete pieces of current work (gerund phrases), e.g. project seeds.

    Example:
        >>> from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES
        >>> fam = OCCUPATIONAL_FAMILIES["procurement_supply_chain"]
        >>> "supplier" in " ".join(fam.spreadsheet_columns).lower()
        True
    """

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    roles: dict[Seniority, tuple[str, ...]]
    titles: tuple[str, ...] = ()
    keywords: tuple[str, ...]
    industries: tuple[str, ...]
    key_metrics: tuple[str, ...]
    spreadsheet_kinds: tuple[str, ...]
    spreadsheet_columns: tuple[str, ...]
    report_types: tuple[str, ...]
    recurring_meetings: tuple[str, ...]
    jargon: tuple[str, ...]
    units: tuple[str, ...]
    tools: tuple[str, ...]
    collaborators: tuple[str, ...]
    focuses: tuple[str, ...]

    @field_validator("roles")
    @classmethod
    def _all_seniorities(cls, value: dict[Seniority, tuple[str, ...]]) -> dict[Seniority, tuple[str, ...]]:
        missing = [s for s in SENIORITIES if not value.get(s)]
        if missing:
            raise ValueError(f"roles missing for seniorities: {', '.join(missing)}")
        return value


class Industry(BaseModel):
    """An industry with matching keywords and plausible kinds of employer.

    Example:
        >>> from synthcomp_agents.personas import INDUSTRIES
        >>> INDUSTRIES["healthcare"].label
        'Healthcare'
    """

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    keywords: tuple[str, ...]
    employers: tuple[str, ...]


class Country(BaseModel):
    """A country with cities, currency and the names it is known by in several languages.

    Example:
        >>> from synthcomp_agents.personas import COUNTRIES
        >>> COUNTRIES["Germany"].currency
        'EUR'
    """

    model_config = ConfigDict(frozen=True)

    name: str
    currency: str
    locale: str
    cities: tuple[str, ...]
    aliases: tuple[str, ...]


class Persona(BaseModel):
    """A one-line persona with the structured facts known about its working life.

    Attributes:
        text: The persona as one line of text.
        occupation: Job title, e.g. ``"senior buyer"``.
        family: Id of the occupational family (a key of ``OCCUPATIONAL_FAMILIES``).
        industry: Id of the industry (a key of ``INDUSTRIES``).
        seniority: Career level.
        country: Country name when known.
        city: City when known.
        source: Where the persona came from: ``"builtin"``, ``"inline"`` or a file name.
        persona_id: Stable id, derived from the normalized text unless given.
        mapping_note: How an unusual text was mapped to a working life, if it needed explaining.
        role: The persona's own role words, e.g. ``"heavy metal musician"`` or ``"Kentucky farmer"`` (None when the
            text names no role); unlike ``occupation`` it is never replaced by a family's job title.
        life_stage: Where the persona stands in life (student, employee, retiree, ...); decides whether the
            computer belongs to a working life at all.
        org_type: The kind of organisation the persona belongs to in their own words, e.g. ``"school"``,
            ``"hospital"``, ``"farm"``, ``"band"``, ``"family business"``; None when there is none.
        region: First-level region (US state, province, region) when known, e.g. ``"Kentucky"``.
        country_code: ISO 3166-1 alpha-2 code of ``country`` (e.g. ``"US"``), also for countries missing from
            ``COUNTRIES``.
        birth_year: Estimated birth year when the text implies one (an age, an era, "retired", "WWII veteran").
        birth_year_range: Earliest and latest plausible birth year behind ``birth_year``.
        interests: Hobbies and causes named in the text, in its own words, e.g. ``("boxing", "knitting")``.
        key_nouns: The persona's own content words a reader expects to see on its computer, e.g.
            ``("farmer", "crops", "harvest")``; most telling first.

    Example:
        >>> p = Persona(text="A buyer", occupation="buyer", family="procurement_supply_chain",
        ...             industry="manufacturing", seniority="mid")
        >>> len(p.persona_id)
        12
    """

    model_config = ConfigDict(frozen=True)

    text: str = Field(min_length=1)
    occupation: str
    family: str
    industry: str
    seniority: Seniority = "mid"
    country: str | None = None
    city: str | None = None
    source: str = "inline"
    persona_id: str = ""
    mapping_note: str | None = None
    role: str | None = None
    """The persona's own role words ("heavy metal musician", "Kentucky farmer"); None when the text names none."""
    life_stage: LifeStage = "employee"
    """Where the persona stands in life; a retiree, student or homemaker gets a computer of that life, not a job's."""
    org_type: str | None = None
    """Kind of organisation in the persona's words ("school", "hospital", "farm", "band"); None when there is none."""
    region: str | None = None
    """First-level region: US state, province or region ("Kentucky", "Ontario", "Bavaria")."""
    country_code: str | None = None
    """ISO 3166-1 alpha-2 code of ``country`` ("US"), also for countries missing from ``COUNTRIES``."""
    birth_year: int | None = None
    """Estimated birth year when the text implies one (an age, an era, retirement, "WWII veteran")."""
    birth_year_range: tuple[int, int] | None = None
    """Earliest and latest plausible birth year behind ``birth_year``."""
    interests: tuple[str, ...] = ()
    """Hobbies and causes named in the text, in its own words ("boxing", "knitting", "local history")."""
    key_nouns: tuple[str, ...] = ()
    """Content words of the persona a reader expects on its computer ("crops", "harvest", "setlist"), best first."""

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("persona_id") and isinstance(data.get("text"), str):
            data = {**data, "persona_id": persona_id_for(data["text"])}
        return data

    @field_validator("family")
    @classmethod
    def _known_family(cls, value: str) -> str:
        from synthcomp_agents.personas._families import OCCUPATIONAL_FAMILIES

        if value not in OCCUPATIONAL_FAMILIES:
            raise ValueError(f"unknown occupational family {value!r}")
        return value

    @field_validator("industry")
    @classmethod
    def _known_industry(cls, value: str) -> str:
        from synthcomp_agents.personas._world import INDUSTRIES

        if value not in INDUSTRIES:
            raise ValueError(f"unknown industry {value!r}")
        return value

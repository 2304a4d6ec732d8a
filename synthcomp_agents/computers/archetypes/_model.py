"""Data model of document archetypes: what a kind of document is, who keeps it, and what a builder needs to write it.

An :class:`Archetype` is one row of the archetype table (an invoice, a setlist, a scheme of work...): its file kinds,
the lives it belongs to (occupational families, life stages, interests), its typical length and its section layout.
An :class:`ArchetypeContext` is everything a builder needs to write one concrete file for one person. A builder returns
an :class:`Artifact`: the office spec to hand to a writer plus the facts (totals, references) other files can quote.

Example:
    >>> import random
    >>> from datetime import date
    >>> ctx = ArchetypeContext(owner_name="Ana Ruiz", owner_role="violinist", organisation="Ana Ruiz Music",
    ...                        topic="Spring recital", created=date(2025, 3, 4), rng=random.Random(1))
    >>> ctx.locale.format_money(1234.5)
    '€1,234.50'
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from synthcomp_agents.office import CsvSpec, DocumentSpec, PresentationSpec, SpreadsheetSpec

FileKind = Literal["docx", "xlsx", "pptx", "md", "pdf", "csv"]
"""File kinds an archetype can be written as (docx/pdf/md share a DocumentSpec)."""

LifeStage = Literal[
    "student",
    "intern",
    "employee",
    "self_employed",
    "business_owner",
    "volunteer",
    "retiree",
    "homemaker",
    "job_seeker",
]
"""Life stages of a persona; archetypes list the stages whose computers hold them."""

LIFE_STAGES: tuple[str, ...] = (
    "student",
    "intern",
    "employee",
    "self_employed",
    "business_owner",
    "volunteer",
    "retiree",
    "homemaker",
    "job_seeker",
)

WORKING_STAGES: frozenset[str] = frozenset({"intern", "employee", "self_employed", "business_owner"})
"""Life stages with an occupation, for which an archetype's ``families`` apply."""

BILLING_STAGES: frozenset[str] = frozenset({"self_employed", "business_owner"})
"""Life stages that bill clients themselves (the only ones whose computers hold a ``bills`` archetype)."""

STAGE_ALIASES: dict[str, str] = {"small_business_owner": "business_owner"}
"""The persona layer's names for life stages that the table spells differently."""


def table_stage(stage: str) -> str:
    """A persona's life stage as the archetype table names it (``small_business_owner`` -> ``business_owner``)."""
    return STAGE_ALIASES.get(stage, stage)


ArtifactSpec = DocumentSpec | SpreadsheetSpec | PresentationSpec | CsvSpec
"""What a builder returns for a writer: docx/pdf/md -> DocumentSpec, xlsx -> SpreadsheetSpec, pptx ->
PresentationSpec, csv -> CsvSpec."""


class ArchetypeError(ValueError):
    """Raised for an unknown archetype id, a kind the archetype cannot be written as, or a malformed table row.

    Example:
        >>> from synthcomp_agents.computers.archetypes import ArchetypeError, get_archetype
        >>> try:
        ...     get_archetype("no_such_kind")
        ... except ArchetypeError:
        ...     print("rejected")
        rejected
    """


class TaxLike(Protocol):
    """A consumption tax: its name on an invoice (``"VAT"``, ``"IVA"``, ``"Sales tax"``; empty if none) and rate."""

    @property
    def name(self) -> str: ...

    @property
    def rate(self) -> float: ...


@runtime_checkable
class LocaleFormat(Protocol):
    """The locale facts a builder needs: currency, sales tax, number/date formats, paper size.

    ``synthcomp_agents.computers._locale.LocaleInfo`` (from ``locale_for("DE")``) satisfies it; :class:`SimpleLocale`
    is a small stand-alone implementation for tests and callers without a country.
    """

    @property
    def currency(self) -> str:
        """ISO 4217 code, e.g. ``'EUR'``."""
        ...

    @property
    def tax(self) -> TaxLike:
        """Standard VAT / GST / sales tax (rate 0.0 and empty name where none applies)."""
        ...

    @property
    def paper(self) -> str:
        """``'A4'`` or ``'Letter'``."""
        ...

    def format_money(self, amount: float) -> str:
        """Money as written in the country, e.g. ``'1.234,50 €'``."""
        ...

    def format_number(self, x: float, decimals: int = 0) -> str:
        """A number with the country's separators, e.g. ``'1.234,5'``."""
        ...

    def format_date(self, d: date) -> str:
        """A date as written in the country, e.g. ``'4 Mar 2025'`` or ``'Mar 4, 2025'``."""
        ...


@dataclass(frozen=True)
class SimpleTax:
    """A tax name and rate (see :class:`TaxLike`)."""

    name: str = "VAT"
    rate: float = 0.20


@dataclass(frozen=True)
class SimpleLocale:
    """A minimal :class:`LocaleFormat`: separators, currency symbol and a strftime date pattern.

    Example:
        >>> de = SimpleLocale(currency="EUR", symbol="€", tax=SimpleTax("MwSt.", 0.19), decimal=",", group=".",
        ...                   symbol_after=True, date_pattern="%d.%m.%Y")
        >>> de.format_money(1234.5), de.format_date(date(2025, 3, 4))
        ('1.234,50 €', '04.03.2025')
    """

    currency: str = "EUR"
    symbol: str = "€"
    tax: SimpleTax = field(default_factory=SimpleTax)
    decimal: str = "."
    group: str = ","
    symbol_after: bool = False
    date_pattern: str = "%d/%m/%Y"
    paper: str = "A4"

    def format_number(self, x: float, decimals: int = 0) -> str:
        """``1234.5`` -> ``'1,234.5'`` (with this locale's separators)."""
        text = f"{x:,.{decimals}f}"
        return text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.group)

    def format_money(self, amount: float) -> str:
        """``1234.5`` -> ``'€1,234.50'`` or ``'1.234,50 €'``."""
        number = self.format_number(abs(amount), 2)
        sign = "-" if amount < 0 else ""
        return f"{sign}{number} {self.symbol}" if self.symbol_after else f"{sign}{self.symbol}{number}"

    def format_date(self, d: date) -> str:
        """A date with this locale's pattern."""
        return d.strftime(self.date_pattern)


US_LOCALE = SimpleLocale(
    currency="USD", symbol="$", tax=SimpleTax("Sales tax", 0.06), date_pattern="%m/%d/%Y", paper="Letter"
)
"""A US default (Kentucky's 6% sales tax, Letter paper), used by tests."""


@dataclass(frozen=True)
class Counterpart:
    """Someone a document names: a client, a head of department, a bandmate, a GP.

    Example:
        >>> Counterpart(name="Dr Imran Shah", role="GP", organisation="Riverside Surgery").role
        'GP'
    """

    name: str
    role: str
    organisation: str = ""
    email: str = ""
    address: str = ""


@dataclass
class ArchetypeContext:
    """Everything a builder needs to write one file for one person.

    Attributes:
        owner_name: The computer's user, who wrote or keeps the file.
        owner_role: Their role in their own words ("Year 9 maths teacher", "retired postman", "guitarist").
        organisation: Employer, school, club, band, farm or household the file belongs to.
        org_type: Kind of organisation ("school", "hospital", "farm", "band", "household", ...); may be empty.
        life_stage: One of :data:`LIFE_STAGES`.
        family: Occupational family id (``synthcomp_agents.personas.OCCUPATIONAL_FAMILIES``) or None.
        interests: Hobbies and causes in the persona's words ("heavy metal", "boxing", "gardening").
        counterparts: People the file names, with roles; builders pick by role and fall back to invented roles.
        topic: The project or subject the file is about ("Spring recital", "Year 9 algebra", "North field").
        vocabulary: Domain nouns to weave in (the persona's key nouns first).
        created: The file's creation date; nothing in the file is dated after it (a plan ahead: ``ahead``).
        period_start: Start of the period the file covers (defaults to about a month before ``created``).
        period_end: End of that period (defaults to ``created``).
        rng: The only source of randomness (same seed, same bytes).
        locale: Currency, tax rate and formats of the owner's country.
        linked: Facts of related files the file must agree with, e.g. ``{"total": 1840.0, "reference": "INV-0042"}``.
        sheet: The project's own sheet lines ``(item, planned, so far)`` a ``sheet`` table repeats (see the field).
        owner_email, owner_phone, owner_address, city, country_code: Contact and place details (may be empty).
        career: The owner's jobs, oldest first, as ``(role, organisation, start_year, end_year or None)``; a CV
            lists them (most recent first) instead of inventing a career.
        used_texts: Paragraph templates already used on this computer; builders pick others while any are left, so
            two invoices or two complaint letters of one person do not repeat each other's paragraphs. Pass one set
            to every context of a computer; when None, builds that share one ``rng`` share one set.

    Example:
        >>> import random
        >>> ctx = ArchetypeContext(owner_name="Joe Hart", owner_role="farmer", organisation="Hart Farm",
        ...                        topic="Corn harvest", created=date(2024, 10, 2), rng=random.Random(3),
        ...                        life_stage="self_employed")
        >>> ctx.start < ctx.end
        True
    """

    owner_name: str
    owner_role: str
    organisation: str
    topic: str
    created: date
    rng: random.Random
    org_type: str = ""
    life_stage: str = "employee"
    family: str | None = None
    interests: tuple[str, ...] = ()
    counterparts: tuple[Counterpart, ...] = ()
    vocabulary: tuple[str, ...] = ()
    period_start: date | None = None
    period_end: date | None = None
    locale: LocaleFormat = field(default_factory=SimpleLocale)
    linked: Mapping[str, float | str] = field(default_factory=dict)
    owner_email: str = ""
    owner_phone: str = ""
    owner_address: str = ""
    city: str = ""
    country_code: str = ""
    used_texts: set[str] | None = None
    career: tuple[tuple[str, str, int, int | None], ...] = ()
    education: tuple[tuple[str, str, int], ...] = ()
    """The owner's degrees and diplomas, oldest first, as ``(award, institution, year finished)``: a CV states them
    instead of a degree of the field drawn at random."""
    ahead: bool = False
    """A plan of days to come (a trip's itinerary, a revision timetable): its period may end after ``created``."""
    persona_text: str = ""
    """The persona's own words ("A postdoc in neuroscience in London"): the field a researcher's documents are about
    when the role alone does not name it (``data/research_fields.yaml``)."""
    sheet: tuple[tuple[str, float, float], ...] = ()
    """The lines, planned amounts and amounts so far of the sheet the file's project keeps (a party's budget, a
    trip's costs, a club's accounts): a recipe table marked ``sheet`` lists these instead of drawing its own, so a
    document and the sheet it quotes state one set of figures."""

    @property
    def start(self) -> date:
        """Start of the covered period."""
        if self.period_start is not None:
            return self.period_start
        from datetime import timedelta

        return self.end - timedelta(days=30)

    @property
    def end(self) -> date:
        """End of the covered period (never after ``created`` unless the file plans ahead)."""
        end = self.period_end or self.created
        return end if self.ahead else min(end, self.created)


class LifeProfile(Protocol):
    """What :func:`archetypes_for` reads from a persona or a context: family, life stage and interests."""

    @property
    def family(self) -> str | None: ...

    @property
    def life_stage(self) -> str: ...

    @property
    def interests(self) -> Sequence[str]: ...


class Archetype(BaseModel):
    """One kind of document with its own structure: a row of the archetype table.

    Attributes:
        id: Stable identifier, e.g. ``"invoice"``.
        label: Human name, e.g. ``"Invoice"``.
        kinds: File kinds it can be written as, the usual one first.
        families: Occupational family ids whose working computers hold it; ``"*"`` for any occupation.
        life_stages: Life stages whose computers hold it regardless of occupation (e.g. ``"retiree"``).
        interests: Interest words (matched as substrings of a persona's interests) that bring it in.
        org_types: Organisation kinds it fits (informational, e.g. ``"school"``); empty means any.
        exclude: Words that rule it out when the persona's role, interests or key nouns contain them (a thesis
            chapter is not on a high-school student's computer).
        sections: The section layout: headings (docx), sheet names (xlsx) or slide titles (pptx), in order.
        length: Typical length ``(min, max)`` in ``unit``.
        unit: ``"pages"``, ``"sheets"``, ``"slides"`` or ``"rows"``.
        filename: Base-name template of a file of this kind (no extension), e.g. ``"Invoice {ref} {counterpart}"``.
        folder: Where people keep it, relative to the user's documents root, e.g. ``"Invoices/{year}"``.
        facts: Keys of :attr:`Artifact.facts` this archetype produces (for linking numbers across files).
        personal: True for personal-life documents (household, hobby, health, family).
        bills: True for a document by which the owner bills or engages a client (invoice, quote, contract for
            services): only a self-employed person or a business owner keeps one; an employee bills nobody.

    Example:
        >>> from synthcomp_agents.computers.archetypes import ARCHETYPES
        >>> ARCHETYPES["invoice"].kinds[0]
        'docx'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    kinds: tuple[FileKind, ...] = Field(min_length=1)
    families: tuple[str, ...] = ()
    life_stages: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    org_types: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    sections: tuple[str, ...] = Field(min_length=1)
    length: tuple[int, int] = (1, 2)
    unit: Literal["pages", "sheets", "slides", "rows"] = "pages"
    filename: str = Field(min_length=1)
    folder: str = ""
    facts: tuple[str, ...] = ()
    personal: bool = False
    bills: bool = False

    def describe(self) -> str:
        """One line for a prompt or a log: id, label, kinds, length and section layout.

        Example:
            >>> from synthcomp_agents.computers.archetypes import ARCHETYPES
            >>> ARCHETYPES["setlist"].describe()
            'setlist: Setlist (docx/pdf/md, 1-1 pages) – Running order; Songs; Notes for the band'
        """
        kinds = "/".join(self.kinds)
        return f"{self.id}: {self.label} ({kinds}, {self.length[0]}-{self.length[1]} {self.unit}) – " + "; ".join(
            s.split(" [")[0] for s in self.sections
        )


@dataclass(frozen=True)
class Artifact:
    """A built document: the spec to write, its kind, title, suggested file name and the facts it states.

    Attributes:
        archetype: The archetype id.
        kind: File kind the spec is meant for (docx/pdf/md share a DocumentSpec).
        title: Document title.
        filename: Suggested base name without extension (filled from the archetype's template).
        spec: The office spec; write it with ``write_docx``/``write_pdf``/``write_markdown``/``write_xlsx``/...
        facts: Numbers and references stated in the file (``total``, ``tax``, ``reference``, ...), as the file
            states them; give them to related files through :attr:`ArchetypeContext.linked`.
        paper_size: The locale's paper size the document is laid out for.
        folder: Where people keep it, relative to the documents root, filled from the archetype's template
            (``"Invoices/2025"``, ``"Music/Setlists"``); empty when the archetype has none.

    Example:
        >>> import random
        >>> from synthcomp_agents.computers.archetypes import build_artifact
        >>> ctx = ArchetypeContext(owner_name="Ana Ruiz", owner_role="violinist", organisation="Ana Ruiz Music",
        ...                        topic="Spring recital", created=date(2025, 3, 4), rng=random.Random(1))
        >>> art = build_artifact("invoice", ctx)
        >>> round(art.facts["subtotal"] + art.facts["tax"], 2) == art.facts["total"]
        True
    """

    archetype: str
    kind: FileKind
    title: str
    filename: str
    spec: ArtifactSpec
    facts: dict[str, float | str]
    paper_size: str = "A4"
    folder: str = ""

    def to_bytes(self) -> bytes:
        """Write the spec with the writer of :attr:`kind`."""
        from synthcomp_agents.office import (
            write_csv,
            write_docx,
            write_markdown,
            write_pdf,
            write_pptx,
            write_xlsx,
        )

        spec = self.spec
        if isinstance(spec, DocumentSpec):
            writer = {"docx": write_docx, "pdf": write_pdf, "md": write_markdown}.get(self.kind, write_docx)
            if self.kind == "pdf":
                return write_pdf(spec, page_size="Letter" if self.paper_size == "Letter" else "A4")
            return writer(spec)
        if isinstance(spec, SpreadsheetSpec):
            return write_xlsx(spec)
        if isinstance(spec, PresentationSpec):
            return write_pptx(spec)
        return write_csv(spec)

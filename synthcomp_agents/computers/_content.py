"""Domain content per occupational family: office specs built from the family vocabulary and a facts ledger.

Each project gets a :class:`ProjectDomain` (metric, unit, entities, categories, months, people) and the builders
here turn it into specs whose numbers agree: :func:`workbook_facts` computes the totals in Python, the workbook
writes them as SUMIF/SUM formulas over the same rows, and reports, decks, notes and e-mails quote the ledger.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from synthcomp_agents.office import (
    BulletList,
    BulletSlide,
    CalendarSpec,
    ChartSeries,
    ChartSlide,
    ChartSpec,
    ColumnSpec,
    CsvSpec,
    DocProperties,
    DocumentSpec,
    EventSpec,
    Heading,
    NumberedList,
    Paragraph,
    PresentationSpec,
    SheetSpec,
    Slide,
    SpreadsheetSpec,
    Table,
    TableSlide,
    TitleSlide,
    TwoColumnSlide,
)
from synthcomp_agents.personas import OccupationalFamily, local_school_years, project_prose
from synthcomp_agents.personas import project_setting as project_setting
from synthcomp_agents.personas import working_bank as working_bank

from ._local_places import local_places
from ._locale import country_code_for
from ._names import company_name, counterpart_words

__all__ = ["Facts", "Person", "ProjectDomain", "fmt_num", "fmt_pct"]

_RATE_WORDS = re.compile(
    r"%|\brate\b|ratio|margin|share|accuracy|score|index|\bper\b|time|turns|utili[sz]ation|yield|satisfaction|"
    r"\bnps\b|\bvs\.?|coverage|average|\bmean\b|duration|days|age\b|cycle|lead time|median|incidence|latency|"
    r"\bscale\b|revpar|\badr\b|variance|frequency|velocity|\bcpi\b|\bspi\b|\bauc\b|mape|uplift|\bpower\b|"
    r"\bp\d\d\b|h-index|efficiency|effectiveness|\bcpk\b|\bppm\b",
    re.IGNORECASE,
)
# stocks: a level read at a date (a balance, a list size, a herd's head count); summed over months they mean nothing
_STOCK_WORDS = re.compile(
    r"\bsize\b|balance|outstanding|backlog|stored|\bopen\b|to date|\bwith\b|\bhead of\b|\bin bank\b|"
    r"deadlines\b|headcount|count\b|inventory|stock\b|exposure|\bsubscribers\b|followers|\bmatters\b|arrears|"
    r"status|reserve|float|area\b|\bgia\b|\bpending\b|\bbudget line",
    re.IGNORECASE,
)
_MONEY_WORDS = re.compile(
    r"spend|cost|revenue|budget|savings|sales|income|expense|fee|price|amount|value|pipeline|"
    r"arr\b|mrr\b|cash|capex|opex|payroll|donation|grant|premium|claims paid|rent",
    re.IGNORECASE,
)
_ENTITY_KINDS: tuple[tuple[str, str], ...] = (
    ("supplier", "org"), ("vendor", "org"), ("client", "org"), ("customer", "org"), ("account", "org"),
    ("partner", "org"), ("funder", "org"), ("tenant", "org"), ("carrier", "org"), ("contractor", "org"),
    ("site", "place"), ("store", "place"), ("plant", "place"), ("facility", "place"), ("property", "place"),
    ("building", "place"), ("branch", "place"), ("region", "place"), ("warehouse", "place"), ("school", "place"),
    ("campus", "place"), ("ward", "ward"), ("unit", "ward"), ("department", "dept"), ("cost centre", "dept"),
    ("cost center", "dept"), ("team", "dept"), ("line", "line"), ("product", "product"), ("campaign", "campaign"),
    ("channel", "channel"), ("course", "course"), ("class", "course"), ("module", "course"),
)  # fmt: skip
_DEPTS = (
    "Operations",
    "Finance",
    "Sales",
    "Marketing",
    "HR",
    "IT",
    "Customer Service",
    "Logistics",
    "Quality",
    "Facilities",
    "Legal",
    "Procurement",
    "R&D",
)

# the rows of a trade within a family where the persona names it (stems of the persona's words)
_TRADE_ENTITIES: dict[str, tuple[tuple[tuple[str, ...], tuple[str, tuple[str, ...]]], ...]] = {
    "agriculture_farming": (
        (("beekeep", "apiar", "apicult", "honey", "hive", "bee farm"),
         ("apiary", ("Home apiary", "Orchard apiary", "Clover field yard", "Creek yard", "Ridge yard", "Hollow yard"))),
        (("vineyard", "vine", "wine", "vintner", "vigneron", "viticult", "grape"),
         ("block", ("Block A", "Block B", "Block C", "Block D", "Top block", "River block", "Old vines block"))),
    ),
}  # fmt: skip


def _names_trade(persona: str, stems: tuple[str, ...]) -> bool:
    """Whether the persona's words name a trade by one of its ``stems`` ("wine" in "winemaker")."""
    folded = persona.casefold()
    return any(stem in folded for stem in stems)


_FAMILY_ENTITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    # families whose workbook rows are not organisations or office departments: what their rows really are
    "education_teaching": (
        "class",
        (
            "Year 7 maths set 2",
            "Year 7 tutor group",
            "Year 8 top set",
            "Year 8 mixed group",
            "Year 9 set 1",
            "Year 9 set 3",
            "Year 10 higher",
            "Year 10 foundation",
            "Year 11 set 1",
            "Year 11 set 3",
            "Year 12 group",
            "Year 13 group",
            "Nurture group",
            "Year 6 booster group",
        ),
    ),
    "student_life": (
        "subject",
        (
            "Maths",
            "English",
            "Biology",
            "Chemistry",
            "Physics",
            "History",
            "Geography",
            "Spanish",
            "French",
            "Art",
            "Computer science",
            "Economics",
            "Psychology",
            "Music",
            "Drama",
        ),
    ),
    "medicine": (
        "clinic",
        (
            "Diabetes clinic",
            "Fracture clinic",
            "Chest clinic",
            "Heart failure clinic",
            "Day unit",
            "Stroke unit",
            "Falls clinic",
            "Frailty unit",
            "Acute medical unit",
            "Ward 4B",
            "Ward 7",
            "Outpatients",
            "Rapid access clinic",
            "Memory clinic",
            "Renal clinic",
        ),
    ),
    # a band's rows are the venues of its own country (data/local_places.yaml) and these two
    "music_performing_arts": ("venue", ("Festival second stage", "Record shop in-store")),
    "agriculture_farming": (
        "field",
        (
            "North field",
            "Creek bottom",
            "Home forty",
            "Long meadow",
            "Church field",
            "Top pasture",
            "River lot",
            "Hill ground",
            "Back forty",
            "Orchard field",
            "Barn paddock",
            "South quarter",
            "Pond field",
            "Lower meadow",
            "Walnut lot",
        ),
    ),
    "home_retirement_life": (
        "budget line",
        (
            "Groceries",
            "Utilities",
            "Car and fuel",
            "Prescriptions",
            "Gifts for the grandchildren",
            "Church and charity",
            "Home repairs",
            "Insurance",
            "Phone and internet",
            "Club subscriptions",
            "Garden",
            "Dentist and optician",
            "Pets",
            "Holidays",
        ),
    ),
    "creative_arts_writing": (
        "outlet",
        (
            "Online shop",
            "Open studios",
            "Gallery on commission",
            "Craft fair",
            "Private commissions",
            "Literary magazine",
            "Competition entries",
            "Christmas market",
            "Book festival",
            "Residency",
            "Card shop stockists",
            "Workshop teaching",
            "Print sales",
            "Library talks",
        ),
    ),
    "software_engineering": (
        "team",
        (
            "Platform",
            "Payments",
            "Mobile",
            "Search",
            "Checkout",
            "Identity",
            "Data pipeline",
            "Web frontend",
            "Notifications",
            "Billing",
            "Onboarding",
            "Reporting",
            "Developer platform",
            "Fraud",
            "Android",
            "iOS",
        ),
    ),
    "data_analytics": (
        "data product",
        (
            "Churn model",
            "Demand forecast",
            "Pricing dashboard",
            "Marketing mix model",
            "Customer 360 table",
            "Weekly KPI dashboard",
            "Fraud score",
            "Attribution model",
            "Inventory forecast",
            "Lead scoring model",
            "Finance data mart",
            "Store footfall model",
            "Survey weighting",
            "Web analytics tagging",
        ),
    ),
    "project_program_management": (
        "workstream",
        (
            "Design",
            "Build",
            "Testing",
            "Data migration",
            "Training",
            "Cutover",
            "Change management",
            "Procurement of hardware",
            "Site readiness",
            "Requirements",
            "Integration",
            "Security review",
            "User acceptance",
            "Reporting",
            "Hypercare",
            "Decommissioning",
        ),
    ),
    "journalism_communications": (
        "desk",
        (
            "News desk",
            "Sport",
            "Business",
            "Culture",
            "Politics",
            "Features",
            "Investigations",
            "Newsletter",
            "Social video",
            "Opinion",
            "Local news",
            "Podcast",
            "Weekend magazine",
            "Data desk",
            "Live blog",
        ),
    ),
    "design_ux": (
        "product area",
        (
            "Onboarding",
            "Checkout",
            "Search",
            "Account settings",
            "Mobile app home",
            "Help centre",
            "Notifications",
            "Design system",
            "Sign-up",
            "Payments",
            "Settings",
            "Accessibility audit",
            "Order tracking",
            "Profile",
            "Dashboard",
        ),
    ),
    "academic_research": (
        "work package",
        (
            "WP1 Fieldwork",
            "WP2 Sample analysis",
            "WP3 Modelling",
            "WP4 Dissemination",
            "WP5 Data management",
            "WP6 Pilot study",
            "Lab consumables",
            "Conference travel",
            "Postdoc salary",
            "Sequencing",
            "Equipment",
            "Open access fees",
            "Public engagement",
            "Field assistants",
        ),
    ),
    "architecture": (
        "work stage",
        (
            "Stage 1 Brief",
            "Stage 2 Concept",
            "Stage 3 Spatial coordination",
            "Stage 4 Technical design",
            "Stage 5 Manufacturing and construction",
            "Planning application",
            "Building regulations",
            "Structural package",
            "Facade package",
            "M&E coordination",
            "Landscape",
            "Interior fit-out",
            "Fire strategy",
            "Tender package",
            "Site visits",
        ),
    ),
}
_REPORTISH = re.compile(
    r"report|summary|review|update|commentary|accounts|statement|readout|write-up|dashboard|memo|analysis|pack\b|"
    r"audit|return|log\b|tracker|overview|assessment",
    re.IGNORECASE,
)
_CHANNELS = ("Email", "Paid search", "Paid social", "Organic search", "Partners", "Events", "Direct mail", "Referral")
_PRODUCT_WORDS = ("Core", "Plus", "Pro", "Lite", "Flex", "Prime", "Edge", "One", "Max", "Go")
_STATUS = ("On track", "At risk", "Delayed", "Done", "In progress", "Not started")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_num(value: float, decimals: int = 0) -> str:
    """Format a number with thousands separators, e.g. ``12,480`` (the form documents quote).

    Example:
        >>> fmt_num(12480), fmt_num(-3.25, 1)
        ('12,480', '-3.2')
    """
    return f"{value:,.{decimals}f}"


def fmt_pct(value: float) -> str:
    """Format a ratio as a signed percentage with one decimal, e.g. ``-4.9%``.

    Example:
        >>> fmt_pct(-0.0489)
        '-4.9%'
    """
    return f"{value * 100:+.1f}%".replace("+0.0%", "0.0%")


@dataclass(frozen=True)
class Person:
    """Someone who appears in files: name, role, e-mail, organisation."""

    name: str
    role: str
    email: str
    org: str
    identifier: str = ""

    @property
    def first(self) -> str:
        """First name (or the whole name for one-word names)."""
        return self.name.split()[0]

    @property
    def address(self) -> str:
        """``Name <email>``."""
        return f"{self.name} <{self.email}>"


@dataclass
class Facts:
    """The facts ledger of one workbook version: totals computed in Python, as the formulas compute them.

    Attributes:
        rows: Data rows ``(month, entity, category, plan, actual, owner, comment)``.
        by_entity: ``entity -> (plan, actual)``.
        by_month: ``month -> (plan, actual)``.
        total_plan: Sum of plan.
        total_actual: Sum of actual.
        cells: Where the workbook holds each total, e.g. ``{"total_actual": "Summary!C8"}``.
    """

    rows: list[tuple[str, str, str, int, int, str, str]]
    by_entity: dict[str, tuple[int, int]]
    by_month: dict[str, tuple[int, int]]
    total_plan: int
    total_actual: int
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def variance(self) -> int:
        """Actual minus plan."""
        return self.total_actual - self.total_plan

    @property
    def variance_pct(self) -> float:
        """Variance as a share of plan."""
        return self.variance / self.total_plan if self.total_plan else 0.0

    def worst_entity(self) -> tuple[str, int]:
        """The entity with the most negative variance (ties by name)."""
        return min(((e, a - p) for e, (p, a) in self.by_entity.items()), key=lambda t: (t[1], t[0]))

    def best_entity(self) -> tuple[str, int]:
        """The entity with the most positive variance."""
        return max(((e, a - p) for e, (p, a) in self.by_entity.items()), key=lambda t: (t[1], t[0]))

    def quoted(self, money: str) -> dict[str, str]:
        """Return the key numbers as documents quote them (the strings checks look for)."""
        worst, worst_var = self.worst_entity()
        return {
            "total_plan": fmt_num(self.total_plan),
            "total_actual": fmt_num(self.total_actual),
            "variance": fmt_num(self.variance),
            "variance_pct": fmt_pct(self.variance_pct),
            "worst_entity": worst,
            "worst_variance": fmt_num(worst_var),
        }

    def to_json(self) -> dict[str, Any]:
        """JSON-ready ledger entry."""
        worst, worst_var = self.worst_entity()
        return {
            "total_plan": self.total_plan,
            "total_actual": self.total_actual,
            "variance": self.variance,
            "variance_pct": round(self.variance_pct, 6),
            "worst_entity": worst,
            "worst_variance": worst_var,
            "cells": dict(self.cells),
            "entities": sorted(self.by_entity),
        }


def _is_rate(metric: str) -> bool:
    """True for a measure whose sum over rows and months means nothing (a rate, a mean, a level on a date)."""
    return bool(_RATE_WORDS.search(metric) or _STOCK_WORDS.search(metric))


@dataclass(frozen=True)
class Measure:
    """An additive measure a tracking workbook counts (see ``archetypes/data/measures.yaml``)."""

    name: str
    money: bool
    scale: tuple[int, int]
    words: tuple[str, ...]
    rows: tuple[str, tuple[str, ...]] | None = None
    shared: bool = False
    """Counted by a trade's persona too (market sales, loan repayments), beside the trade's own measures."""
    trade: tuple[str, ...] = ()
    """Stems of the trade the measure belongs to within its family (a beekeeper's honey, a vintner's grapes): only
    a persona with one of them counts it; empty for the whole family."""


@cache
def _measures_by_family() -> dict[str, list[dict[str, Any]]]:
    """``archetypes/data/measures.yaml`` parsed once per process (every family's list; parsing costs ~80 ms)."""
    text = resources.files("synthcomp_agents.computers.archetypes").joinpath("data/measures.yaml").read_text("utf-8")
    data: dict[str, list[dict[str, Any]]] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def measures_from(entries: Sequence[Mapping[str, Any]]) -> tuple[Measure, ...]:
    """Measures from entries in the ``measures.yaml`` form (``name``, ``money``, ``scale``, ``words``, ``rows``)."""
    return tuple(
        Measure(
            name=str(m["name"]),
            money=bool(m.get("money", False)),
            scale=(int(m["scale"][0]), int(m["scale"][1])),
            words=tuple(str(w).casefold() for w in m["words"]),
            rows=(str(m["rows"][0]), tuple(str(r) for r in m["rows"][1])) if m.get("rows") else None,
            trade=tuple(str(w).casefold() for w in m.get("trade", ())),
            shared=bool(m.get("shared", False)),
        )
        for m in entries
    )


@cache
def family_measures(family_id: str) -> tuple[Measure, ...]:
    """The reviewed additive measures of a family (empty when the family has none listed)."""
    return measures_from(_measures_by_family().get(family_id, ()))


def _measure_score(measure: Measure, text: str) -> int:
    """How many of a measure's stems start a word of ``text`` (a project's name and focus, its documents' kinds)."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return sum(1 for stem in measure.words if any(w.startswith(stem) for w in words))


def pick_measure(
    family_id: str,
    own: str,
    kinds: str,
    rng: random.Random,
    *,
    persona: str = "",
    accept: Callable[[str, bool], bool] | None = None,
    taken: Collection[str] = (),
    measures: Sequence[Measure] = (),
) -> Measure | None:
    """The family's measure that fits the project best: the project's own words count most ("Calving season" counts
    calves born whatever its document), then whether its documents can quote it (``accept``: an invoice quotes
    money), then their kinds' words, then the persona's (a beekeeper's "Summer honey crop" counts honey); remaining
    ties drawn by ``rng``. Between measures the project's words fit equally, one no other project of the computer
    counts yet (``taken``) wins: two projects counting the same thing read as one project twice. ``measures``: the
    persona's role's own (a police officer counts calls attended, not consultation responses), else the family's."""
    if measures:
        measures = tuple(measures)
    else:
        # a grain farm counts no grapes and no honey: a trade's own measure only where the persona names the trade;
        # a trade's persona counts its own measures and the family's shared ones (market sales), never milk or calves
        folded = persona.casefold()
        measures = tuple(m for m in family_measures(family_id) if not m.trade or any(w in folded for w in m.trade))
        if any(m.trade for m in measures):
            measures = tuple(m for m in measures if m.trade or m.shared)
    if not measures:
        return None
    scored = [
        (
            (
                _measure_score(m, own),
                accept is None or accept(m.name, m.money),
                m.name not in taken,
                _measure_score(m, kinds),
                _measure_score(m, persona),
            ),
            m,
        )
        for m in measures
    ]
    best = max(score for score, _m in scored)
    return rng.choice([m for score, m in scored if score == best])


def _clean_metric(metric: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", metric).strip()


@dataclass
class ProjectDomain:
    """What one project's files are about, drawn from the family vocabulary.

    Attributes:
        family: The occupational family.
        project: Project name.
        focus: The concrete piece of work (a gerund phrase from the family's focuses).
        metric: Additive quantity tracked (e.g. ``patients randomised``), plan vs. actual.
        money: Whether the metric is an amount of money.
        unit: Unit label (currency code or a count noun).
        entity_noun: What the rows are (``site``, ``supplier``...).
        entities: Entity names.
        categories: Category labels (the second dimension): kinds of the rows' own things, never the field's jargon.
        months: Reporting months, ``YYYY-MM``.
        user: The user.
        people: Stakeholders (collaborators) on the project.
        org: The user's organisation.
        tool: System the data comes from.
        report_type: Kind of report the project produces.
        meeting: The project's recurring meeting.
        kind_label: Kind of tracking workbook.
        jargon: Domain terms used in text.
        scale: Magnitude of one row in one month for a reviewed measure (None: the generic scales).
        setting: The kind of organisation its prose speaks for (``corporate``, ``ensemble``, ``farm``, ...; see
            :func:`project_setting`); empty: decided by the family alone.
    """

    family: OccupationalFamily
    project: str
    focus: str
    metric: str
    money: bool
    unit: str
    entity_noun: str
    entities: list[str]
    categories: list[str]
    months: list[str]
    user: Person
    people: list[Person]
    org: str
    tool: str
    report_type: str
    meeting: str
    kind_label: str
    jargon: list[str]
    rng: random.Random
    scale: tuple[int, int] | None = None
    setting: str = ""
    row_category: dict[str, str] = field(default_factory=dict)
    """Each entity's own category (a class is lower or upper school all year); empty: ``categories`` in turn."""

    @classmethod
    def build(
        cls,
        rng: random.Random,
        family: OccupationalFamily,
        *,
        project: str,
        focus: str,
        user: Person,
        people: list[Person],
        org: str,
        currency: str,
        country: str | None,
        cities: tuple[str, ...],
        start: date,
        end: date,
        taken_orgs: set[str],
        industry: str | None = None,
        kinds: str = "",
        persona: str = "",
        accept: Callable[[str, bool], bool] | None = None,
        taken_measures: Collection[str] = (),
        workplace: tuple[tuple[str, tuple[str, ...]], tuple[str, ...]] | None = None,
        measures: Sequence[Measure] = (),
    ) -> ProjectDomain:
        """Draw a project's domain from the family vocabulary (``kinds``: the labels of the project's documents;
        ``workplace``: a small workplace's own rows and its suppliers' trade words, for a mechanic's or a cook's
        sheets, which are kept by bay or kitchen section, never by office department)."""
        # an additive measure that fits the project: its own words and its documents' kinds pick it from the family's
        # reviewed list ("Calving season" -> calves born, "Herd health plan" -> feed and vet costs)
        measure = pick_measure(
            family.id,
            f"{project} {focus}",
            kinds,
            rng,
            persona=persona,
            accept=accept,
            taken=taken_measures,
            measures=measures,
        )
        if measure is not None:
            metric, money, scale = measure.name, measure.money, measure.scale
        else:
            metrics = [m for m in family.key_metrics if not _is_rate(_clean_metric(m)) and not _is_rate(m)]
            # the project's own words pick its measure when they name one ("Harvest yields" -> bushels harvested)
            own = {w[:5] for w in re.findall(r"[a-z]{4,}", f"{project} {focus}".lower())}
            fitting = [m for m in metrics if own & {w[:5] for w in re.findall(r"[a-z]{4,}", m.lower())}]
            metric = _clean_metric(rng.choice(fitting or metrics)) if metrics else ""
            money = bool(_MONEY_WORDS.search(metric)) if metric else True
            if not metric:
                metric = "cost"
            scale = None
        unit = currency if money else ""
        columns = " ; ".join(family.spreadsheet_columns + family.spreadsheet_kinds).lower()
        noun, style = "team", "dept"
        for word, kind in _ENTITY_KINDS:
            if re.search(rf"\b{word}s?\b", columns):
                noun, style = word, kind
                break
        n_entities = rng.randint(4, 7)
        words = counterpart_words(family.id, industry) if workplace is None else workplace[1]
        # a kitchen counts covers by section, not by supplier (it buys from suppliers, in money)
        by_place = style == "dept" or (style == "org" and not money)
        if workplace is not None and by_place and (measure is None or measure.rows is None):
            measure_rows = workplace[0]  # a garage's ramps and bays, a kitchen's sections: no HR or R&D
            noun, style = measure_rows[0], "workplace"
            entities = _from_pool(rng, list(measure_rows[1]), min(n_entities, len(measure_rows[1])), taken_orgs)
        elif measure is not None and measure.rows is not None:  # head sold by lot, honey by apiary
            noun, pool = measure.rows
            entities = _from_pool(rng, list(pool), min(n_entities, len(pool)), taken_orgs)
        elif trade := next(
            (t for stems, t in _TRADE_ENTITIES.get(family.id, ()) if _names_trade(persona, stems)), None
        ):
            noun, pool = trade  # a vineyard's rows are its blocks, a beekeeper's its apiaries, never "Creek bottom"
            entities = _from_pool(rng, list(pool), min(n_entities, len(pool)), taken_orgs)
        elif family.id in _FAMILY_ENTITIES:
            noun, pool = _FAMILY_ENTITIES[family.id]
            if noun == "venue":  # the band's own country's venues (no London pub in Valencia)
                pool = (*local_places("gig_venue", country_code_for(country)), *pool)
            entities = _from_pool(rng, list(pool), n_entities, taken_orgs)
        else:
            entities = _entities(rng, style, noun, n_entities, country, cities, taken_orgs, words)
        # a row's category is a kind of the row's own thing, the same all year (a class is lower or upper school,
        # a field owned or rented), never the field's jargon ("QBR" and "SLA" are not kinds of calls)
        code = country_code_for(country)
        drawn = measure is None or measure.rows is None
        drawn = drawn and family.id not in _FAMILY_ENTITIES and style != "workplace"
        row_kinds = row_categories(noun, style, entities, code, drawn=drawn)
        if family.id == "education_teaching":  # "Year 9 set 1" is an 8th-grade class in Texas, quatrième in Lyon
            entities = [local_school_years(e, code) for e in entities]
        row_category = dict(zip(entities, row_kinds, strict=True))
        categories = list(dict.fromkeys(row_category.values()))
        # reporting months: complete months up to the data date (the current one once it is mostly over),
        # the last six at most, at least three (earlier baseline months when the work is young)
        last = date(end.year, end.month, 1)
        if end.day < 20:
            last = date(last.year - (last.month == 1), (last.month - 2) % 12 + 1, 1)
        months: list[str] = []
        cursor = last
        first = date(start.year, start.month, 1)
        while len(months) < 6 and (cursor >= first or len(months) < 3):
            months.insert(0, f"{cursor.year}-{cursor.month:02d}")
            cursor = date(cursor.year - (cursor.month == 1), (cursor.month - 2) % 12 + 1, 1)
        jargon = list(family.jargon)
        rng.shuffle(jargon)
        return cls(
            family=family,
            project=project,
            focus=focus,
            metric=metric,
            money=money,
            unit=unit,
            entity_noun=noun,
            entities=entities,
            categories=categories,
            row_category=row_category,
            months=months,
            user=user,
            people=people,
            org=org,
            tool=rng.choice(family.tools),
            report_type=_report_type(rng, family, metric, f"{project} {focus}"),
            meeting=rng.choice(family.recurring_meetings),
            kind_label=_kind_label(rng, family.spreadsheet_kinds, measure, project, taken_orgs),
            jargon=jargon,
            rng=rng,
            scale=scale,
            setting=project_setting(family.id, persona),
        )

    # -- helpers -----------------------------------------------------------------------------------------------------

    def amount(self, value: int) -> str:
        """Format a value with its unit (``EUR 12,400`` or ``1,284 patients``)."""
        return f"{self.unit} {fmt_num(value)}" if self.money else fmt_num(value)

    def person(self, index: int) -> Person:
        """Stakeholder number ``index`` (wrapping)."""
        return self.people[index % len(self.people)] if self.people else self.user

    def month_label(self, ym: str) -> str:
        """``2025-03`` -> ``Mar 2025``."""
        year, month = ym.split("-")
        return f"{_MONTHS[int(month) - 1]} {year}"

    @property
    def metric_title(self) -> str:
        """The metric with a capital first letter."""
        return self.metric[:1].upper() + self.metric[1:]

    @property
    def entity_title(self) -> str:
        """The entity noun with a capital first letter."""
        return self.entity_noun[:1].upper() + self.entity_noun[1:]


# measure stems too common in workbook kinds' names to say what a workbook counts ("plan" in "class seating plan")
_LABEL_WEAK = frozenset({"plan", "unit", "term", "list", "data", "test", "cost", "hour", "file", "site", "audit",
                         "quote", "review", "report", "equip", "bill", "job", "order"})  # fmt: skip


def _kind_label(
    rng: random.Random, kinds: Sequence[str], measure: Measure | None, project: str, taken: set[str]
) -> str:
    """The tracking workbook's kind: one of the family's that is about the measure ("herd register" for calves
    born, never an "equipment maintenance log" of hay bales fed) and not yet another project's (two projects'
    workbooks of one name would say the same sentence about it); a log of the measure, then a tracker named after
    the project, when none is left."""
    if measure is None:
        label = rng.choice(kinds)  # one draw as ever (later stages' draws stay put); a taken kind gives way
        if f"workbook:{label}" in taken:
            label = next((k for k in kinds if f"workbook:{k}" not in taken), f"{project} tracker")
        taken.add(f"workbook:{label}")
        return label
    # the kind's own words against the measure's reviewed stems ("herd" in "herd register" for calves born)
    fitting = [
        k
        for k in kinds
        if any(
            w.startswith(stem) for stem in measure.words if stem not in _LABEL_WEAK for w in re.findall(r"[a-z]+", k)
        )
    ]
    fresh = [k for k in fitting if f"workbook:{k}" not in taken]
    label = rng.choice(fresh) if fresh else f"{_clean_metric(measure.name)} log"
    if f"workbook:{label}" in taken:
        label = f"{project} tracker"
    taken.add(f"workbook:{label}")
    return label


_PERIODIC = re.compile(r"\b(monthly|weekly|quarterly|annual|progress|status|management|performance|variance)\b", re.I)
_REPORT_WORDS = frozenset(
    [
        "report",
        "reports",
        "summary",
        "review",
        "update",
        "commentary",
        "accounts",
        "statement",
        "readout",
        "write",
        "dashboard",
        "memo",
        "analysis",
        "pack",
        "audit",
        "return",
        "tracker",
        "overview",
        "assessment",
        "monthly",
        "weekly",
        "quarterly",
        "annual",
        "progress",
        "status",
        "management",
        "performance",
        "variance",
        "board",
    ]
)


# words of a document's form, not its subject: a "care plan template review" shares "template" with a new handover
# template and "plan" with any plan, and names neither
_FORM_WORDS = frozenset(
    {"plan", "plans", "planning", "template", "templates", "sheet", "notes", "list", "form", "framework", "action"}
)


def _report_type(rng: random.Random, family: OccupationalFamily, metric: str, about: str = "") -> str:
    """A report the family writes that can carry a plan-vs-actual table of this work (never a setlist or a grant
    application dressed as one): one whose subject words the project, its focus or its measure name ("loan" for a
    farm equipment loan), else a periodic one (a monthly management pack fits any money), else a summary of the
    measure: a "soil test report" of loan repayments or an "incident investigation report" of staffing hours tells
    a reader something false about the file."""
    usable = [r for r in family.report_types if not re.search(r"deck|slides|presentation", r)]
    reportish = [r for r in usable if _REPORTISH.search(r)]
    own = {w[:5] for w in re.findall(r"[a-z]{4,}", f"{about} {metric}".casefold())}
    fitting = [
        r
        for r in reportish
        if any(w[:5] in own for w in re.findall(r"[a-z]{4,}", r.casefold()) if w not in _REPORT_WORDS | _FORM_WORDS)
    ]
    periodic = [r for r in reportish if _PERIODIC.search(r)]
    if fitting or periodic:
        return rng.choice(fitting or periodic)
    return f"{_clean_metric(metric) or 'figures'} summary"


# kinds of a workbook's rows, by what the rows are: ``(pattern, category)`` in order, the first whose pattern the
# row's name matches (a newsletter is owned media, a search campaign paid); reviewed, plain words
_ROW_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "subject": ((r"maths|english|science|biology|chemistry|physics", "Core subject"), (r"", "Option")),
    "clinic": ((r"ward|unit|bay", "Inpatient"), (r"community|home|outreach", "Community"), (r"", "Outpatient")),
    "work stage": ((r"^stage\b", "Design stage"), (r"", "Specialist input")),
    "field": ((r"rent|lease|\bhis\b|neighbou?r", "Rented"), (r"", "Owned")),
    "budget line": (
        (r"rent|mortgage|insurance|tax|subscription|phone|broadband|energy|electric|gas|water", "Fixed cost"),
        (r"", "Day-to-day"),
    ),
    "ward": ((r"day|short stay|assessment", "Day case"), (r"", "Inpatient")),
    "department": ((r"sales|customer|operations|logistics|service|front", "Front line"), (r"", "Support function")),
    "campaign": ((r"newsletter|e-?mail|blog|webinar|social|content|referral", "Owned media"), (r"", "Paid media")),
    "apiary": ((r"home", "Home yard"), (r"", "Out-yard")),
    "loan": ((r"operating|line", "Operating credit"), (r"lease", "Lease"), (r"", "Equipment loan")),
    "workstream": ((r"test|acceptance|hypercare|support", "Assurance and support"), (r"", "Delivery")),
    "desk": ((r"news|live|business|politics|sport", "News"), (r"", "Features")),
    "venue": ((r"festival|in-store|wedding|private", "One-off booking"), (r"", "Regular venue")),
}
_STYLE_KINDS: dict[str, tuple[str, ...]] = {
    # rows an organisation's own kind draws (suppliers, sites, lines, products): tiers a person really keeps
    "org": ("Key account", "Regular", "New this year"),
    "org:supplier": ("Preferred supplier", "Approved supplier", "New this year"),
    "line": ("Day shift", "Two shifts"),
    "product": ("Core range", "New line"),
    "channel": ("Online", "In person"),
}


# the stage of school an English school year (``Year N``) falls in, as the country names its schools: from that year on
_SCHOOL_STAGES: dict[str, tuple[tuple[int, str], ...]] = {
    "US": ((10, "High school"), (7, "Middle school"), (1, "Elementary")),
    "CA": ((10, "High school"), (7, "Middle school"), (1, "Elementary")),
    "FR": ((11, "Lycée"), (7, "Collège"), (1, "École")),
    "DE": ((12, "Oberstufe"), (6, "Sekundarstufe I"), (1, "Grundschule")),
    "": ((12, "Sixth form"), (10, "Upper school"), (7, "Lower school"), (1, "Primary")),
}


def row_categories(
    noun: str, style: str, entities: Sequence[str], country_code: str | None = None, *, drawn: bool = True
) -> list[str]:
    """Each workbook row's category, a kind of the row's own thing: a class by its stage of school as the country
    names it; a row by the reviewed rule its noun has (a newsletter campaign is owned media); rows that share a
    first word by that word ("Steers 500-600 lb" -> "Steers"); suppliers and lines by the tiers their organisation
    keeps (``drawn``: the rows were drawn for the style, not taken from a reviewed list); else the noun itself, the
    same on every row rather than a wrong kind.

    Example:
        >>> row_categories("class", "", ["Year 11 set 1", "Year 8", "Nurture group"], "US")
        ['High school', 'Middle school', 'Support group']
        >>> row_categories("lot", "", ["Steers 500-600 lb", "Heifers", "Steers 600-700 lb", "Bulls"], drawn=False)
        ['Steers', 'Other', 'Steers', 'Other']
        >>> row_categories("campaign", "campaign", ["Feb newsletter", "Mar search ads"])
        ['Owned media', 'Paid media']
    """
    if noun == "class":
        stages = _SCHOOL_STAGES.get(country_code or "", _SCHOOL_STAGES[""])
        out = []
        for entity in entities:
            year = re.search(r"\b(\d{1,2})", entity)
            number = int(year.group(1)) if year else 7
            support = re.search(r"nurture|support|intervention|booster", entity, re.I)
            out.append("Support group" if support else next((n for f, n in stages if number >= f), stages[-1][1]))
        return out
    rules = _ROW_RULES.get(noun)
    if rules:
        return [next(c for pattern, c in rules if re.search(pattern, e, re.I)) for e in entities]
    firsts = [e.split()[0] if e.split() else e for e in entities]
    shared = {f for f in firsts if firsts.count(f) > 1 and f[:1].isalpha()}
    if shared:
        return [f if f in shared else "Other" for f in firsts]
    buyer = noun in ("supplier", "vendor", "contractor", "carrier")  # the user's own suppliers, not its customers
    kinds = _STYLE_KINDS.get(f"{style}:supplier" if buyer else style) if drawn else None
    if kinds:
        return [kinds[k % len(kinds)] for k in range(len(entities))]
    return [noun[:1].upper() + noun[1:]] * len(entities)


def _from_pool(rng: random.Random, pool: list[str], n: int, taken: set[str]) -> list[str]:
    """``n`` names from ``pool`` not taken yet by another project (taken ones last)."""
    rng.shuffle(pool)
    fresh = [p for p in pool if p not in taken]
    out = (fresh + [p for p in pool if p in taken])[:n]
    taken.update(out)
    return out


def _entities(
    rng: random.Random,
    style: str,
    noun: str,
    n: int,
    country: str | None,
    cities: tuple[str, ...],
    taken_orgs: set[str],
    words: tuple[str, ...] = (),
) -> list[str]:
    out: list[str] = []
    if style == "org":
        while len(out) < n:
            name = company_name(rng, country, taken=taken_orgs, words=words)
            if name not in out:
                out.append(name)
        return out
    if style == "place":
        places = [*cities, "North", "South", "East", "West", "Central", "Riverside", "Harbour", "Airport", "Park",
                 "Station", "Old Town", "Docklands", "Hillside", "Lakeside"]  # fmt: skip
        pool = [f"{w} {noun}" for w in places]
    elif style == "ward":
        pool = [f"{noun.capitalize()} {i}{c}" for i in range(1, 10) for c in "ABCDEFG"]
    elif style == "line":
        pool = [f"Line {i}" for i in range(1, 41)]
    elif style == "product":
        pool = [f"{r} {w}" for r in ("Aria", "Nimbus", "Vela", "Orion", "Tessa", "Kora") for w in _PRODUCT_WORDS]
    elif style == "campaign":
        kinds = ("launch", "webinar", "retargeting", "newsletter", "trade show", "promo", "nurture", "referral")
        pool = [f"{m} {w}" for m in _MONTHS for w in kinds]
    elif style == "channel":
        pool = list(_CHANNELS)
    elif style == "course":
        pool = [f"{noun.capitalize()} {c}" for c in ("7A", "7B", "7C", "8A", "8C", "9A", "9B", "10B", "10D", "11D",
                                                    "12A", "101", "204", "310", "215", "120")]  # fmt: skip
    else:
        pool = list(_DEPTS)
    rng.shuffle(pool)
    fresh = [p for p in pool if p not in taken_orgs]
    out = (fresh + [p for p in pool if p in taken_orgs])[:n]
    taken_orgs.update(out)
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Workbooks
# ---------------------------------------------------------------------------------------------------------------------


def make_rows(d: ProjectDomain, rng: random.Random) -> list[tuple[str, str, str, int, int, str, str]]:
    """Draw the data rows of a project: one per month, entity (and a category)."""
    if d.scale is not None:  # a measure's own magnitude (a ward's pressure ulcers, a farm's calves)
        lo, hi = d.scale
        scale = rng.randint(lo, hi) if lo < hi else lo
    else:
        scale = rng.choice((8_000, 15_000, 40_000, 120_000)) if d.money else rng.choice((20, 60, 150, 400))
    rows = []
    comments = [
        f"{d.tool} extract",
        "restated after review",
        "includes late entries",
        "checked with owner",
        f"per {d.jargon[0] if d.jargon else 'policy'}",
        "provisional",
        "confirmed",
        "one-off item",
    ]
    for month in d.months:
        for i, entity in enumerate(d.entities):
            base = scale * (0.6 + 0.8 * ((i * 37 + len(entity)) % 10) / 10)
            plan = int(round(base * rng.uniform(0.9, 1.1), -1 if d.money else 0))
            actual = int(round(plan * rng.uniform(0.82, 1.12), -1 if d.money else 0))
            category = d.row_category.get(entity) or d.categories[i % len(d.categories)]
            owner = d.person(i).name
            rows.append((month, entity, category, max(plan, 1), max(actual, 0), owner, rng.choice(comments)))
    return rows


def workbook_facts(rows: list[tuple[str, str, str, int, int, str, str]]) -> Facts:
    """Compute the ledger (what the workbook's formulas evaluate to) from the data rows."""
    by_entity: dict[str, tuple[int, int]] = {}
    by_month: dict[str, tuple[int, int]] = {}
    for month, entity, _cat, plan, actual, _owner, _comment in rows:
        p, a = by_entity.get(entity, (0, 0))
        by_entity[entity] = (p + plan, a + actual)
        p, a = by_month.get(month, (0, 0))
        by_month[month] = (p + plan, a + actual)
    return Facts(rows, by_entity, by_month, sum(r[3] for r in rows), sum(r[4] for r in rows))


def revise_rows(
    rows: list[tuple[str, str, str, int, int, str, str]], rng: random.Random, money: bool
) -> list[tuple[str, str, str, int, int, str, str]]:
    """Return a plausible later version of the rows: the last month's actuals restated, a few corrections."""
    last = rows[-1][0]
    out = []
    for row in rows:
        month, entity, cat, plan, actual, owner, comment = row
        if month == last or rng.random() < 0.12:
            delta = int(round(actual * rng.uniform(-0.08, 0.09), -1 if money else 0))
            if delta == 0:
                delta = 10 if money else 1
            actual = max(0, actual + delta)
            comment = "restated after review"
        out.append((month, entity, cat, plan, actual, owner, comment))
    return out


def restated_months(
    before: list[tuple[str, str, str, int, int, str, str]], after: list[tuple[str, str, str, int, int, str, str]]
) -> dict[str, list[str]]:
    """Per month (in row order), the entities whose actuals differ between two versions of the rows.

    Example:
        >>> restated_months([("2025-01", "A", "c", 1, 5, "o", "")], [("2025-01", "A", "c", 1, 6, "o", "x")])
        {'2025-01': ['A']}
    """
    out: dict[str, list[str]] = {}
    for old, new in zip(before, after, strict=True):
        if old[4] != new[4]:
            names = out.setdefault(new[0], [])
            if new[1] not in names:
                names.append(new[1])
    return out


def restatement_text(d: ProjectDomain, changed: dict[str, list[str]]) -> str:
    """What a restatement changed, in words that match the diff ("Nov 2025 actuals restated; Aug 2025: Site A")."""
    if not changed:
        return "no figures changed"
    months = list(changed)
    last = months[-1]
    head = f"{d.month_label(last)} actuals restated"
    if last != d.months[-1]:
        head = f"{d.month_label(last)} actuals corrected for {', '.join(changed[last])}"
    rest = [f"{d.month_label(m)} corrected for {', '.join(changed[m])}" for m in months[:-1]]
    return "; ".join([head, *rest])


def build_workbook(
    d: ProjectDomain,
    facts: Facts,
    *,
    title: str,
    props: DocProperties,
    version_note: str,
    changes: list[tuple[str, str, str]],
    brief: bool = True,
) -> SpreadsheetSpec:
    """Build the tracking workbook: Data, Summary (SUMIF by entity + total), By month, Assumptions, Change log
    (``brief``: the work has a project brief its categories come from; a tradesperson's job log has none).

    Fills ``facts.cells`` with the coordinates of the totals.
    """
    n = len(facts.rows)
    last = n + 1
    unit_fmt = "#,##0"
    data_rows: list[list[Any]] = []
    for i, (month, entity, cat, plan, actual, owner, comment) in enumerate(facts.rows, start=2):
        data_rows.append([month, entity, cat, plan, actual, f"=E{i}-D{i}", f"=IF(D{i}=0,0,F{i}/D{i})", owner, comment])
    plan_h = f"Plan ({d.unit})" if d.money else f"Plan ({d.metric})"
    act_h = f"Actual ({d.unit})" if d.money else f"Actual ({d.metric})"
    data = SheetSpec(
        name="Data",
        columns=[
            ColumnSpec(header="Month", width=10),
            ColumnSpec(header=d.entity_title, width=26),
            ColumnSpec(header="Category", width=22),
            ColumnSpec(header=plan_h, number_format=unit_fmt),
            ColumnSpec(header=act_h, number_format=unit_fmt),
            ColumnSpec(header="Variance", number_format=unit_fmt),
            ColumnSpec(header="Variance %", number_format="0.0%"),
            ColumnSpec(header="Owner", width=20),
            ColumnSpec(header="Comment", width=28),
        ],
        rows=data_rows,
    )
    rng_b = f"Data!$B$2:$B${last}"
    summary_rows: list[list[Any]] = []
    entities = sorted(facts.by_entity)
    for j, entity in enumerate(entities, start=2):
        summary_rows.append(
            [
                entity,
                f"=SUMIF({rng_b},A{j},Data!$D$2:$D${last})",
                f"=SUMIF({rng_b},A{j},Data!$E$2:$E${last})",
                f"=C{j}-B{j}",
                f"=IF(B{j}=0,0,D{j}/B{j})",
            ]
        )
    t = len(entities) + 2
    summary_rows.append(
        ["Total", f"=SUM(B2:B{t - 1})", f"=SUM(C2:C{t - 1})", f"=C{t}-B{t}", f"=IF(B{t}=0,0,D{t}/B{t})"]
    )
    facts.cells = {
        "total_plan": f"Summary!B{t}",
        "total_actual": f"Summary!C{t}",
        "variance": f"Summary!D{t}",
        "variance_pct": f"Summary!E{t}",
    }
    summary = SheetSpec(
        name="Summary",
        columns=[
            ColumnSpec(header=d.entity_title, width=26),
            ColumnSpec(header="Plan", number_format=unit_fmt),
            ColumnSpec(header="Actual", number_format=unit_fmt),
            ColumnSpec(header="Variance", number_format=unit_fmt),
            ColumnSpec(header="Variance %", number_format="0.0%"),
        ],
        rows=summary_rows,
        chart=ChartSpec(
            kind="column",
            title=f"{d.metric_title}: plan vs actual by {d.entity_noun}",
            category_column=0,
            value_columns=[1, 2],
        ),
    )
    month_rows: list[list[Any]] = []
    rng_a = f"Data!$A$2:$A${last}"
    for j, month in enumerate(d.months, start=2):
        month_rows.append(
            [
                month,
                f"=SUMIF({rng_a},A{j},Data!$D$2:$D${last})",
                f"=SUMIF({rng_a},A{j},Data!$E$2:$E${last})",
                f"=C{j}-B{j}",
            ]
        )
    by_month = SheetSpec(
        name="By month",
        columns=[
            ColumnSpec(header="Month"),
            ColumnSpec(header="Plan", number_format=unit_fmt),
            ColumnSpec(header="Actual", number_format=unit_fmt),
            ColumnSpec(header="Variance", number_format=unit_fmt),
        ],
        rows=month_rows,
    )
    assumptions = SheetSpec(
        name="Assumptions",
        columns=[
            ColumnSpec(header="Item", width=28),
            ColumnSpec(header="Value", width=30),
            ColumnSpec(header="Note", width=40),
        ],
        rows=[
            ["Scope", d.project, d.focus],
            ["Metric", d.metric, f"Tracked as plan vs. actual per {d.entity_noun} and month"],
            ["Unit", d.unit, "Whole units; no rounding beyond the source system"],
            ["Source system", d.tool, f"Extract taken by {d.user.name}"],
            ["Reporting months", f"{d.months[0]} to {d.months[-1]}", f"{len(d.months)} months"],
            ["Categories", ", ".join(d.categories), "As defined in the project brief" if brief else "Same every month"],
            ["Version", version_note, f"Maintained by {d.user.name}"],
        ],
    )
    sheets = [data, summary, by_month, assumptions]
    if changes:
        sheets.append(
            SheetSpec(
                name="Change log",
                columns=[
                    ColumnSpec(header="Date", width=12),
                    ColumnSpec(header="By", width=20),
                    ColumnSpec(header="Change", width=60),
                ],
                rows=[list(c) for c in changes],
            )
        )
    return SpreadsheetSpec(sheets=sheets, properties=props)


def build_register(d: ProjectDomain, rng: random.Random, *, props: DocProperties, now: date) -> SpreadsheetSpec:
    """A formula-free register workbook: stakeholders, actions, risks, decisions (3-5 sheets)."""
    people = [d.user, *d.people]
    stake = SheetSpec(
        name="Stakeholders",
        columns=[ColumnSpec(header=h) for h in ("Name", "Role", "Organisation", "E-mail", "Interest")],
        rows=[[p.name, p.role, p.org, p.email, rng.choice(("High", "Medium", "Low"))] for p in people],
    )
    actions = []
    for i in range(rng.randint(6, 11)):
        owner = rng.choice(people)
        term = _term(d, i)
        due = now - timedelta(days=rng.randint(-20, 120))
        entity = rng.choice(d.entities)
        action = _pick(
            rng,
            [
                f"Follow up on {term} with {entity}",
                f"Get {entity} to confirm {term} in writing",
                f"Check {term} figures for {entity} in {d.tool}",
                f"Agree {term} wording with {entity}",
                f"Send {entity} the updated {d.kind_label}",
                f"Book a call with {entity} about {term}",
            ],
        )
        actions.append([f"A{i + 1:02d}", action, owner.name, due, rng.choice(_STATUS)])
    act = SheetSpec(
        name="Actions",
        columns=[
            ColumnSpec(header="ID"),
            ColumnSpec(header="Action", width=48),
            ColumnSpec(header="Owner", width=20),
            ColumnSpec(header="Due", number_format="yyyy-mm-dd"),
            ColumnSpec(header="Status"),
        ],
        rows=actions,
    )
    risks = []
    risk_text = risk_lines(d, rng, rng.randint(4, 8), until=now, short=True)
    for i, text in enumerate(risk_text):
        risks.append(
            [
                f"R{i + 1:02d}",
                text,
                rng.randint(1, 5),
                rng.randint(1, 5),
                rng.choice(people).name,
                rng.choice(("Open", "Mitigating", "Closed")),
            ]
        )
    risk = SheetSpec(
        name="Risks",
        columns=[
            ColumnSpec(header=h, width=w)
            for h, w in (
                ("ID", 6),
                ("Risk", 44),
                ("Likelihood (1-5)", 14),
                ("Impact (1-5)", 12),
                ("Owner", 20),
                ("Status", 12),
            )
        ],
        rows=risks,
    )
    sheets = [stake, act, risk]
    if rng.random() < 0.7:
        decisions = [
            [
                now - timedelta(days=rng.randint(10, 200)),
                f"Agreed to report {d.metric} by {d.entity_noun} each {rng.choice(('week', 'month'))}",
                rng.choice(people).name,
            ]
        ]
        decisions.append(
            [
                now - timedelta(days=rng.randint(10, 200)),
                f"{rng.choice(d.entities)} to use {d.tool} as the single source",
                rng.choice(people).name,
            ]
        )
        sheets.append(
            SheetSpec(
                name="Decisions",
                columns=[
                    ColumnSpec(header="Date", number_format="yyyy-mm-dd"),
                    ColumnSpec(header="Decision", width=60),
                    ColumnSpec(header="Decided by", width=20),
                ],
                rows=decisions,
            )
        )
    if rng.random() < 0.5:
        sheets.append(
            SheetSpec(
                name="Contacts",
                columns=[ColumnSpec(header=h) for h in ("Name", "Phone", "Notes")],
                rows=[
                    [
                        p.name,
                        f"+{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                        f"prefers {rng.choice(('e-mail', 'calls', 'chat'))}",
                    ]
                    for p in people
                ],
            )
        )
    return SpreadsheetSpec(sheets=sheets, properties=props)


def build_csv(facts: Facts, d: ProjectDomain) -> CsvSpec:
    """The raw export the workbook was built from (same rows, system-style headers)."""
    header = ["period", d.entity_noun.replace(" ", "_"), "category", "plan", "actual", "owner"]
    return CsvSpec(header=header, rows=[[r[0], r[1], r[2], r[3], r[4], r[5]] for r in facts.rows])


# ---------------------------------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------------------------------


def _pick(rng: random.Random, options: list[str]) -> str:
    return options[rng.randrange(len(options))]


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _term(d: ProjectDomain, i: int) -> str:
    """Jargon term ``i`` without its parenthetical expansion, or the metric when the family has none."""
    return _clean_metric(d.jargon[i % len(d.jargon)]) if d.jargon else d.metric


def _bank(d: ProjectDomain, section: str) -> Any:
    """A section of the project's setting's prose bank, borrowed along ``like:`` when the setting writes none."""
    settings = project_prose()["settings"]
    name = d.setting or project_setting(d.family.id)
    while True:
        bank = settings[name]
        if section in bank:
            return bank[section]
        name = bank.get("like", "corporate") if name != "corporate" else ""
        if not name:
            raise KeyError(f"project_prose.yaml: no {section!r} for {d.setting!r}")


_SIBILANT_END = re.compile(r"(s|x|z|ch|sh)$")
_CONSONANT_Y_END = re.compile(r"[^aeiou]y$")


def _plural(noun: str) -> str:
    """``venue`` -> ``venues``, ``class`` -> ``classes``, ``property`` -> ``properties``."""
    if _SIBILANT_END.search(noun):
        return noun + "es"
    if _CONSONANT_Y_END.search(noun):
        return noun[:-1] + "ies"
    return noun + "s"


def _signed(value: int) -> str:
    """``+90`` / ``-260``: a month's variance as a reader compares it."""
    return f"{value:+,}"


class _Fill(dict[str, str]):
    """Template values; a name the bank uses but the builder does not give is an error in the bank, not blank text."""

    def __missing__(self, key: str) -> str:
        raise KeyError(f"project_prose.yaml uses {{{key}}}, which the builder does not fill")


def _fill(d: ProjectDomain, **extra: str) -> _Fill:
    """The values every template of a project may use, each also with a capital first letter (``{At}``)."""
    base = {
        "org": d.org,
        "project": d.project,
        "focus": d.focus,
        "metric": d.metric,
        "entity": d.entity_noun,
        "entities": _plural(d.entity_noun),
        "n": str(len(d.entities)),
        "tool": d.tool,
        "meeting": d.meeting,
        "report": d.report_type,
        "kind": d.kind_label,
        "first_month": d.month_label(d.months[0]),
        "last_month": d.month_label(d.months[-1]),
        "user": d.user.name,
        "user_first": d.user.first,
        "user_role": d.user.role,
        "lead": d.person(0).name,
        "lead_first": d.person(0).first,
        "lead_role": d.person(0).role,
        "second": d.person(1).name,
        "second_first": d.person(1).first,
        "third_first": d.person(2).first,
        "term": _term(d, 0),
        "term2": _term(d, 1),
        "cat0": d.categories[0],
        "cat1": d.categories[-1],
        **extra,
    }
    out = _Fill(base)
    caps = _CAP_KEYS
    for key, value in base.items():
        cap = caps.get(key)
        if cap is None:
            cap = caps.setdefault(key, _cap_first(key)) if len(caps) < 4096 else _cap_first(key)
        if cap not in out:
            out[cap] = value[:1].upper() + value[1:]
    return out


_CAP_KEYS: dict[str, str] = {}
"""``_cap_first`` of template names (a few dozen; ~350 fills a computer each capitalised ~35 names)."""


def _say(options: list[str], rng: random.Random, values: _Fill) -> str:
    """One phrasing of a section, filled; line breaks of the YAML's folded text become single spaces."""
    return " ".join(_pick(rng, options).format_map(values).split())


def _line(template: str, values: _Fill) -> str:
    """One filled template, its YAML line breaks as single spaces."""
    return " ".join(template.format_map(values).split())


def fill_text(d: ProjectDomain, template: str, **extra: str) -> str:
    """A working-prose template filled with the project's values and ``extra`` (line breaks kept, each line
    stripped): a scratch note's body keeps its lines."""
    values = _fill(d, **extra)
    return "\n".join(line.strip() for line in template.format_map(values).split("\n")).strip()


def _style(d: ProjectDomain, what: str) -> random.Random:
    """The project's own choice of phrasings for one kind of document: the same in every version of it (a v2 brief
    reads like its v1 with the changes), different between projects and computers, and the same for the same seed."""
    return random.Random(f"{d.org}|{d.project}|{d.setting}|{what}")


def risk_lines(d: ProjectDomain, rng: random.Random, n: int, *, until: date, short: bool = False) -> list[str]:
    """``n`` risk statements in the setting's words (a band's van and unconfirmed fees, a ward's night staffing):
    cause, consequence and an owner or date, each at a different entity."""
    try:  # a setting may have risks by row kind (a farm's loans and cattle lots are not fields)
        special: dict[str, list[dict[str, str]]] = _bank(d, "risks_for")
    except KeyError:
        special = {}
    bank: list[dict[str, str]] = special.get(d.entity_noun) or _bank(d, "risks")
    # the chain's draws from the shared generator are what they always were (a shuffle of twelve, a date per risk),
    # so the prose banks change no other stage's draws; the shuffle orders the bank through a derived generator
    drawn = list(range(12))
    rng.shuffle(drawn)
    order = list(range(len(bank)))
    random.Random(f"{d.project}|{drawn}").shuffle(order)
    out: list[str] = []
    for i in range(n):
        due = until - timedelta(days=rng.randint(5, 60))
        values = _fill(
            d,
            at=d.entities[(i * 3 + 1) % len(d.entities)],
            who=d.person(i + 1).first,
            other=d.person(i + 2).first,
            due=f"{_MONTHS[due.month - 1]} {due.year}",
            month=d.month_label(d.months[-1]),
            term=_term(d, i),
            Term=_cap_first(_term(d, i)),
        )
        risk = bank[order[i % len(order)]]
        out.append(" ".join(risk["short" if short else "full"].format_map(values).split()))
    return out


def _duties(d: ProjectDomain, style: random.Random, values: _Fill) -> list[str]:
    """What each person on the roles table does: the user leads, the first stakeholder has the setting's first role
    (a sponsor in a company, the one who keeps the gig sheet in a band), the others what their role does there."""
    bank = _bank(d, "duties")
    used: set[str] = set()

    def take(options: list[str]) -> str:
        fresh = [o for o in options if o not in used] or options
        choice = _pick(style, fresh)
        used.add(choice)
        return " ".join(choice.format_map(values).split())

    out = [take(bank["lead"])]
    for i, person in enumerate(d.people):
        if i == 0:
            out.append(take(bank["first"]))
            continue
        role = person.role.casefold()
        fitting = next(
            (opts for key, opts in (bank.get("roles") or {}).items() if any(w in role for w in key.split("|"))),
            None,
        )
        out.append(take(fitting or bank["default"]))
    return out


def build_brief(
    d: ProjectDomain,
    *,
    title: str,
    version: int,
    start: date,
    end: date,
    props: DocProperties,
    rng: random.Random,
    revised: date | None = None,
    previous_end: date | None = None,
    documents: list[tuple[str, str]] | None = None,
) -> DocumentSpec:
    """The project brief in its setting's words (a company's charter, a band's plan, a farm's season notes).

    v1 scopes all but the last entity; v2 (written on ``revised``) adds it and moves the close-out from
    ``previous_end`` to ``end``, and its "Changes in this version" list says exactly that. ``documents`` are the
    project's working documents ``(file name, what it is)`` written before this version; they are listed.
    Phrasings are the project's own (the same in v1 and v2); ``rng`` draws the risks.
    """
    scope = d.entities if version >= 2 else d.entities[:-1] or d.entities
    style = _style(d, "brief")
    added = d.entities[-1] if version >= 2 and len(d.entities) > 1 else ""
    moved = f" from {previous_end.isoformat()}" if previous_end else ""
    values = _fill(
        d,
        n=str(len(scope)),
        end=end.isoformat(),
        moved=moved,
        moved_from=f" (was {previous_end.isoformat()})" if previous_end else "",
        prev_end_or=previous_end.isoformat() if previous_end else "the date first planned",
        added=added,
    )
    words = _bank(d, "added")
    for key in ("clause", "cap", "because", "to"):
        values[f"added_{key}"] = words[key].format_map(values) if added else ""
    heads = {k: _pick(style, v) for k, v in _bank(d, "headings").items()}
    steps = {k: _say(v, style, values) for k, v in _bank(d, "milestones").items()}
    scope_item, lead_in = _pick(style, _bank(d, "scope_item")), _say(_bank(d, "scope_lead"), style, values)
    roles_header = list(_pick(style, _bank(d, "roles_header")))
    duties = _duties(d, style, values)
    purpose, limits = _say(_bank(d, "purpose"), style, values), _say(_bank(d, "out_of_scope"), style, values)
    footer = _say(_bank(d, "footer"), style, values)  # all drawn before v2's own paragraph: both versions read alike
    blocks: list[Any] = [
        Heading(text=heads["purpose"]),
        Paragraph(text=purpose),
        Heading(text=heads["scope"]),
        *([Paragraph(text=lead_in)] if lead_in else []),
        BulletList(
            items=[
                " ".join(scope_item.format_map(_Fill(values, e=e, contact=d.person(i).name)).split())
                for i, e in enumerate(scope)
            ]
        ),
        Paragraph(text=limits),
        Heading(text=heads["timeline"]),
        Table(
            header=["Milestone", "Target date", "Owner"],
            rows=[
                [steps["start"], start.isoformat(), d.user.name],
                [steps["first"], (start + (end - start) / 2).isoformat(), d.user.name],
                [_cap_first(steps["signoff"]), (end - timedelta(days=7)).isoformat(), d.person(1).name],
                [steps["close"], end.isoformat(), d.person(0).name],
            ],
        ),
        Heading(text=heads["roles"]),
        Table(
            header=roles_header,
            rows=[[p.name, p.role, duties[i]] for i, p in enumerate([d.user, *d.people])],
        ),
        Heading(text=heads["risks"]),
        BulletList(items=risk_lines(d, rng, rng.randint(2, 4), until=end)),
    ]
    if version >= 2:
        values["revised"] = (revised or props.created.date() if props.created else revised or start).isoformat()
        at = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heads["timeline"]) + 1
        blocks.insert(at, Paragraph(text=_say(_bank(d, "revision"), style, values)))
        if documents:
            blocks.append(Heading(text="Working documents"))
            blocks.append(BulletList(items=[f"{what}: {name}" for name, what in documents]))
        blocks.append(Heading(text="Changes in this version"))
        changes = _bank(d, "changes")
        items = [changes["moved"].format_map(values)]
        if added:
            items.append(changes["added"].format_map(values))
        blocks.append(BulletList(items=items))
    return DocumentSpec(
        title=title,
        subtitle=f"{d.org} - version {version}",
        blocks=blocks,
        footer=footer or None,
        properties=props,
    )


def build_report(
    d: ProjectDomain,
    facts: Facts,
    *,
    title: str,
    workbook_name: str,
    when: date,
    props: DocProperties,
    rng: random.Random,
    previous: Facts | None = None,
    restated: str | None = None,
    brief_name: str | None = None,
) -> DocumentSpec:
    """The report derived from the workbook, in its setting's words: quotes its totals, variance, the weakest and
    strongest entity and the weakest and strongest month exactly as the workbook computes them."""
    q = facts.quoted(d.unit)
    worst, worst_var = facts.worst_entity()
    best, best_var = facts.best_entity()
    by_month = {m: a - p for m, (p, a) in facts.by_month.items()}
    weak = min(by_month, key=lambda m: (by_month[m], m))
    strong = max(by_month, key=lambda m: (by_month[m], m))
    period = f"{d.month_label(d.months[0])} to {d.month_label(d.months[-1])}"
    reviewer = d.person(1)
    style = _style(d, "report")
    # one draw from the shared generator, as the chain has always made; this report's own choices follow from it
    rng = random.Random(f"{d.org}|{d.project}|{when.isoformat()}|{rng.randrange(3)}")
    values = _fill(
        d,
        actual=d.amount(facts.total_actual),
        plan=d.amount(facts.total_plan),
        variance=q["variance"],
        variance_pct=q["variance_pct"],
        over_under="below" if facts.variance < 0 else "above",
        worst=worst,
        worst_var=q["worst_variance"],
        best=best,
        best_var=fmt_num(best_var),
        workbook=workbook_name,
        reviewer=reviewer.name,
        reviewer_first=reviewer.first,
        when=when.isoformat(),
        weak_month=d.month_label(weak),
        weak_var=_signed(by_month[weak]),
        strong_month=d.month_label(strong),
        strong_var=_signed(by_month[strong]),
        brief_name=brief_name or "",
    )
    heads = {k: _say(v, style, values) for k, v in _bank(d, "report_headings").items()}
    summary = _say(_bank(d, "summary"), style, values)  # before anything v1 alone draws: both versions read alike
    shape = "findings_ahead" if worst_var >= 0 else "findings_behind" if best_var > 0 else "findings_all_behind"
    findings = _say(_bank(d, shape), rng, values)
    checked = _say(_bank(d, "reviewed"), rng, values)
    brief_ref = _say(_bank(d, "brief_ref"), style, values) if brief_name else ""
    actions = list(_bank(d, "actions"))
    rng.shuffle(actions)
    blocks: list[Any] = [
        Heading(text=heads["summary"]),
        Paragraph(text=summary),
        Paragraph(text=" ".join(s for s in (findings, checked, brief_ref) if s)),
        Heading(text=heads["by_entity"]),
        Table(
            header=[d.entity_title, "Plan", "Actual", "Variance", "Variance %"],
            rows=[
                [e, fmt_num(p), fmt_num(a), fmt_num(a - p), fmt_pct((a - p) / p if p else 0)]
                for e, (p, a) in sorted(facts.by_entity.items())
            ]
            + [["Total", q["total_plan"], q["total_actual"], q["variance"], q["variance_pct"]]],
        ),
        Heading(text=heads["trend"]),
        Table(
            header=["Month", "Plan", "Actual", "Variance"],
            rows=[[d.month_label(m), fmt_num(p), fmt_num(a), fmt_num(a - p)] for m, (p, a) in facts.by_month.items()],
        ),
        Paragraph(text=_say(_bank(d, "trend"), rng, values)),
        Heading(text=heads["actions"]),
        NumberedList(items=[" ".join(a.format_map(values).split()) for a in actions[:3]]),
    ]
    if previous is not None:
        pq = previous.quoted(d.unit)
        values["draft_actual"] = d.amount(previous.total_actual)
        values["draft_pct"] = pq["variance_pct"]
        values["since"] = (restated or d.month_label(d.months[-1]) + " actuals restated").rstrip(".")
        blocks.insert(2, Paragraph(text=_say(_bank(d, "replaces"), rng, values)))
        blocks.append(Heading(text=heads["changed"]))
        blocks.append(
            Table(
                header=["Measure", "Draft", "This version"],
                rows=[
                    ["Actual", pq["total_actual"], q["total_actual"]],
                    ["Variance", pq["variance"], q["variance"]],
                    ["Variance %", pq["variance_pct"], q["variance_pct"]],
                ],
            )
        )
    return DocumentSpec(
        title=title,
        subtitle=f"{d.project} - {period}",
        blocks=blocks,
        header=d.org,
        footer=f"Prepared by {d.user.name}",
        properties=props,
    )


def build_deck(
    d: ProjectDomain,
    facts: Facts,
    *,
    title: str,
    report_name: str,
    when: date,
    props: DocProperties,
    rng: random.Random,
    n_slides: int,
) -> PresentationSpec:
    """A deck summarizing the report in its setting's words (a band's gig money, a ward's figures for the matron):
    repeats its totals; ``n_slides`` slides with ~5-9 text lines each."""
    bank = working_bank(d.setting, "deck")
    style = _style(d, "deck")
    q = facts.quoted(d.unit)
    worst, _ = facts.worst_entity()
    best, _ = facts.best_entity()
    values = _fill(
        d,
        when=when.isoformat(),
        report_name=report_name,
        actual=d.amount(facts.total_actual),
        plan=d.amount(facts.total_plan),
        variance=q["variance"],
        variance_pct=q["variance_pct"],
        worst=worst,
        worst_var=q["worst_variance"],
        best=best,
        at=best,
        who=d.person(1).first,
        other=d.person(2).first,
    )

    def say(template: str, **extra: str) -> str:
        return _line(template, _Fill({**values, **extra, **{_cap_first(k): _cap_first(v) for k, v in extra.items()}}))

    slides: list[Slide] = [
        TitleSlide(
            title=title, subtitle=say(_pick(style, bank["subtitle"])), notes=say(_pick(style, bank["presenter"]))
        ),
        BulletSlide(
            title=say(_pick(style, bank["headlines"])),
            bullets=[say(t) for t in _pick(style, bank["headline_sets"])],
            notes=f"Numbers as in {report_name}.",
        ),
        ChartSlide(
            title=f"{d.metric_title} by {d.entity_noun}",
            chart_kind="column",
            categories=sorted(facts.by_entity),
            series=[
                ChartSeries(name="Plan", values=[float(p) for _, (p, _a) in sorted(facts.by_entity.items())]),
                ChartSeries(name="Actual", values=[float(a) for _, (_p, a) in sorted(facts.by_entity.items())]),
            ],
        ),
        TableSlide(
            title=say(_pick(style, bank.get("by_entity", ["Results by {entity}"]))),
            header=[d.entity_title, "Plan", "Actual", "Variance"],
            rows=[[e, fmt_num(p), fmt_num(a), fmt_num(a - p)] for e, (p, a) in sorted(facts.by_entity.items())]
            + [["Total", q["total_plan"], q["total_actual"], q["variance"]]],
        ),
        TableSlide(
            title=say(_pick(style, bank.get("by_month", ["Trend by month"]))),
            header=["Month", "Plan", "Actual", "Variance"],
            rows=[[d.month_label(m), fmt_num(p), fmt_num(a), fmt_num(a - p)] for m, (p, a) in facts.by_month.items()],
        ),
    ]
    owner_label, category_label = _pick(style, bank["owner"]), _pick(style, bank["category"])
    first_line = _pick(style, bank.get("entity_first", ["Plan {p}, actual {a} ({pct})"]))
    month_line = _pick(style, bank.get("entity_month", ["{month}: {a} vs {p} plan, {comment}"]))
    for entity in sorted(facts.by_entity):
        if len(slides) >= n_slides - 4:
            break
        p, a = facts.by_entity[entity]
        rows = [r for r in facts.rows if r[1] == entity]
        slides.append(
            BulletSlide(
                title=f"{entity}",
                bullets=[
                    say(first_line, p=fmt_num(p), a=fmt_num(a), pct=fmt_pct((a - p) / p if p else 0)),
                    *[
                        "  "
                        + say(month_line, month=d.month_label(r[0]), a=fmt_num(r[4]), p=fmt_num(r[3]), comment=r[6])
                        for r in rows[:4]
                    ],
                    say(owner_label, owner=rows[0][5]),
                    say(category_label, category=rows[0][2]),
                ],
            )
        )
    j = 0
    left_heading, right_heading = (say(_pick(style, bank[k])) for k in ("topic_left_heading", "topic_right_heading"))
    titles = bank["topic_titles"]
    # each deck speaks from its own few of the setting's lines, so two decks do not read as one template
    lefts = style.sample(bank["topic_left"], min(4, len(bank["topic_left"])))
    rights = style.sample(bank["topic_right"], min(4, len(bank["topic_right"])))
    while len(slides) < n_slides - 2:
        # one draw of three from the shared generator, as always; the setting's titles are read through it
        shown = (rng.randrange(3) + style.randrange(len(titles))) % len(titles)
        topic = {
            "at": d.entities[j % len(d.entities)],
            "who": d.person(j).first,
            "other": d.person(j + 1).first,
            "term": _term(d, j),
        }
        slides.append(
            TwoColumnSlide(
                title=say(titles[shown], **topic),
                left_heading=left_heading,
                left=[say(t, **topic) for t in style.sample(lefts, 3)],
                right_heading=right_heading,
                right=[say(t, **topic) for t in style.sample(rights, 3)],
            )
        )
        j += 1
    slides.append(
        BulletSlide(
            title=say(_pick(style, bank["decisions_title"])),
            bullets=[say(t, term=_term(d, 0)) for t in style.sample(bank["decisions"], 4)],
        )
    )
    by = (when + timedelta(days=rng.randint(4, 9))).isoformat()
    last = bank["last"][(rng.randrange(4) + style.randrange(len(bank["last"]))) % len(bank["last"])]
    people = {"who": d.person(1).first, "other": d.person(2).first, "by": by}
    slides.append(
        BulletSlide(
            title=say(_pick(style, bank["next_title"])),
            bullets=[say(t, **people) for t in style.sample(bank["next"], 3)] + [say(last, **people)],
        )
    )
    return PresentationSpec(slides=slides, properties=props)


def build_notes(
    d: ProjectDomain,
    facts: Facts | None,
    *,
    title: str,
    meeting_day: date,
    deck_name: str | None,
    rng: random.Random,
    attendees: list[Person],
    previous_name: str | None = None,
) -> DocumentSpec:
    """Meeting notes (Markdown) in the setting's words: who was there, discussion citing the deck and its numbers,
    and the jobs agreed."""
    bank = working_bank(d.setting, "notes")
    style = random.Random(f"{d.org}|{d.project}|{d.setting}|notes|{meeting_day.isoformat()}")
    # the shared generator's draws are what they always were: a jargon term, then an entity
    term = _clean_metric(d.jargon[rng.randrange(len(d.jargon))]) if d.jargon else d.metric
    at = rng.choice(d.entities)
    extra: dict[str, str] = {
        "term": term,
        "at": at,
        "who": attendees[0].first,
        "last": attendees[-1].first,
        "previous": previous_name or "",
        "next_day": (meeting_day + timedelta(days=14)).isoformat(),
        "deck": deck_name or "",
        "worst": "",
        "worst_var": "",
        "actual": "",
        "plan": "",
        "variance_pct": "",
    }
    if deck_name and facts is not None:
        q = facts.quoted(d.unit)
        extra.update(
            worst=q["worst_entity"],
            worst_var=q["worst_variance"],
            actual=d.amount(facts.total_actual),
            plan=d.amount(facts.total_plan),
            variance_pct=q["variance_pct"],
        )
    values = _fill(d, **extra)
    blocks: list[Any] = [
        Paragraph(text=f"**Date:** {meeting_day.isoformat()}  **Meeting:** {d.meeting}  **Project:** {d.project}"),
        Heading(text=_pick(style, bank["attendees"]), level=2),
        BulletList(items=[f"{p.name} ({p.role})" for p in attendees]),
        Heading(text=_pick(style, bank["discussion"]), level=2),
    ]
    points = []
    if deck_name and facts is not None:
        points.append(_line(_pick(style, bank["deck_line"]), values))
        points.append(_line(_pick(style, bank["gap_line"]), values))
    points.append(_line(_pick(style, bank["raised"]), values))
    if previous_name:
        points.append(_line(_pick(style, bank["carried"]), values))
    points.append(_line(_pick(style, bank["next_meeting"]), values))
    blocks.append(BulletList(items=points))
    blocks.append(Heading(text=_pick(style, bank["actions"]), level=2))
    items = [t for t in bank["action_items"] if deck_name or "{worst}" not in t]
    blocks.append(
        Table(
            header=list(_pick(style, bank["action_header"])),
            rows=[
                [
                    attendees[i % len(attendees)].name,
                    _line(a, values),
                    (meeting_day + timedelta(days=7 + 3 * i)).isoformat(),
                ]
                for i, a in enumerate(style.sample(items, 3))
            ],
        )
    )
    return DocumentSpec(title=title, blocks=blocks)


def build_calendar(d: ProjectDomain, *, days: list[date], tz_hour: int, uid_prefix: str) -> CalendarSpec:
    """Project meetings as calendar events (organizer = the user, attendees = the project's people), held where the
    setting meets (a rehearsal room, the ward office, on site)."""
    bank = working_bank(d.setting, "calendar")
    values = _fill(d)
    events = []
    for i, day in enumerate(days):
        start = datetime(day.year, day.month, day.day, tz_hour, 0)
        events.append(
            EventSpec(
                uid=f"{uid_prefix}-{i + 1}@{d.user.email.split('@')[1]}",
                summary=f"{d.project}: {d.meeting}",
                start=start,
                end=start + timedelta(minutes=45 if i else 60),
                location=bank["locations"][d.rng.randrange(5)],  # one of five, the draw it always was
                description=_line(_pick(_style(d, "calendar"), bank["description"]), values),
                organizer=d.user.address,
                attendees=[p.address for p in d.people[:4]],
            )
        )
    return CalendarSpec(events=events, name=f"{d.project} meetings")


def build_status_md(
    d: ProjectDomain, *, title: str, day: date, facts: Facts | None, rng: random.Random, links: list[str]
) -> DocumentSpec:
    """A short running-notes / status page (Markdown) in the setting's words, naming the files it points to."""
    bank = working_bank(d.setting, "status")
    style = _style(d, "status")
    values = _fill(
        d,
        day=day.isoformat(),
        who=d.person(1).first,
        at=rng.choice(d.entities),
        actual=d.amount(facts.total_actual) if facts is not None else "",
        plan=d.amount(facts.total_plan) if facts is not None else "",
    )
    items = [_line(_pick(style, bank["focus"]), values)]
    if facts is not None:
        items.append(_line(_pick(style, bank["latest"]), values))
    items.append(_line(_pick(style, bank["waiting"]), values))
    blocks: list[Any] = [Paragraph(text=_line(_pick(style, bank["updated"]), values)), BulletList(items=items)]
    if links:
        blocks.append(Heading(text=_pick(style, bank["files"]), level=2))
        blocks.append(BulletList(items=links))
    return DocumentSpec(title=title, blocks=blocks)

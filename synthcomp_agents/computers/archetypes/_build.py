"""Build one archetype's file for one context: tables first (numbers computed once), then prose that quotes them.

A recipe's tables are declared column by column in YAML (``gen`` says where a column's values come from, ``calc``
derives a column from others, ``sum``/``tax``/``balance`` add footers); the builder computes them with the context's
random generator, formats them with the context's locale and writes the same numbers into xlsx formulas.

Example:
    >>> import random
    >>> from datetime import date
    >>> from synthcomp_agents.computers.archetypes import ArchetypeContext, build_artifact
    >>> ctx = ArchetypeContext(owner_name="Kofi Mensah", owner_role="drummer", organisation="Iron Harbour",
    ...                        topic="Autumn tour", created=date(2025, 10, 1), rng=random.Random(7))
    >>> art = build_artifact("setlist", ctx)
    >>> art.facts["set_minutes"] in (35, 45, 60)
    True
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import json
import math
import random
import re
import weakref
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from synthcomp_agents.office import (
    Block,
    BulletList,
    BulletSlide,
    CellValue,
    ChartSeries,
    ChartSlide,
    ChartSpec,
    DocProperties,
    DocumentSpec,
    Heading,
    NumberedList,
    Paragraph,
    PresentationSpec,
    Slide,
    SpreadsheetSpec,
    TableSlide,
    TitleSlide,
    TwoColumnSlide,
)
from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES, health_cover, local_school_years

from .._local_places import PLACE_MARK, expand_places
from .._names import INDUSTRY_SECTOR, company_name
from ._cv import cv_bank
from ._fields import field_recipe
from ._grid import ColumnFormat, Footer, Grid, as_float, column_letter
from ._model import (
    ArchetypeContext,
    ArchetypeError,
    Artifact,
    ArtifactSpec,
    Counterpart,
    FileKind,
    LocaleFormat,
    table_stage,
)
from ._registry import get_archetype, recipe_of, vocabulary

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SOUTH = frozenset({"AU", "NZ", "ZA", "AR", "CL", "UY", "PY", "BR", "BO", "LS", "SZ", "NA", "BW"})
"""Countries south of the tropics (or mostly): their summer is December to February."""


def _southern(country_code: str | None) -> bool:
    """Whether the owner's country has its seasons the other way round (``"AU"``: summer in December)."""
    return (country_code or "").upper() in _SOUTH


def season_of(day: date, country_code: str | None) -> str:
    """The season of ``day`` where the owner lives: ``summer`` in a Melbourne December, ``winter`` in a Lyon one.

    Example:
        >>> season_of(date(2025, 12, 6), "AU"), season_of(date(2025, 12, 6), "FR"), season_of(date(2025, 10, 4), "US")
        ('summer', 'winter', 'autumn')
    """
    month = (day.month + (6 if _southern(country_code) else 0) - 1) % 12 + 1
    return ("winter", "spring", "summer", "autumn")[(month % 12) // 3]


def is_occasion(archetype_id: str) -> bool:
    """True for a plan of one dated occasion (a trip's itinerary, a party plan): it covers the occasion's own days.

    Example:
        >>> is_occasion("travel_itinerary"), is_occasion("household_budget")
        (True, False)
    """
    recipe = recipe_of(archetype_id)
    return bool(recipe.get("trip") or recipe.get("event"))


_OUTSIDE: dict[str, tuple[str, ...]] = {
    # people keys that name the other party of a document, with the kinds of business they run
    "client": ("Events", "Promotions", "Ltd", "& Co", "Associates"),
    "customer": ("Ltd", "& Sons", "Trading", "Group"),
    "buyer": ("Trading", "Ltd", "Wholesale"),
    "supplier": ("Supplies", "Wholesale", "Ltd"),
    "funder": ("Foundation", "Trust", "Fund"),
    "promoter": ("Promotions", "Live", "Events"),
    "landlord": ("Estates", "Property", "Lettings"),
}
_FIELD = re.compile(r"\{([a-z_][a-z0-9_]*)(?::[^}]*)?\}")


def _topic_words(text: str) -> set[str]:
    """First five letters of the longer words of ``text`` (what a topic and a template option share)."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.casefold()) if w not in _TOPIC_STOP}


_TOPIC_STOP = frozenset({"with", "from", "into", "that", "this", "their", "your", "after", "before", "over",
                         "under", "plan", "review", "report", "project", "work", "year", "month", "week",
                         "annual"})  # fmt: skip


class _Vars(dict[str, Any]):
    """Template variables; a missing one names the archetype and the variable."""

    archetype: str = ""

    def __missing__(self, key: str) -> Any:
        raise ArchetypeError(f"archetype {self.archetype!r}: template variable {{{key}}} is not defined")


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def span_words(start: date, end: date) -> str:
    """How long ``start`` to ``end`` (both days included) is, as people say it: days under two weeks, weeks under
    nine, then months.

    Example:
        >>> span_words(date(2025, 11, 1), date(2025, 11, 6)), span_words(date(2025, 11, 1), date(2025, 11, 28))
        ('six days', 'four weeks')
    """
    days = (end - start).days + 1

    def words(n: int, unit: str) -> str:
        n = max(n, 1)
        return f"{_NUMBER_WORDS[n - 1] if n <= 12 else n} {unit}{'s' if n != 1 else ''}"

    if days < 14:
        return words(days, "day")
    if days < 63:
        return words(round(days / 7), "week")
    return words(round(days / 30.44), "month")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# Units of a currency worth about one euro. Recipes draw prices in euro-like ranges (frozen peas 1.49, a gig fee 400);
# in currencies worth far less than a euro those read as toy prices ("1,49 kr" for peas, "¥400" for a gig), so they
# are scaled. Currencies within a factor of three of the euro (USD, GBP, CHF, CAD, AUD, SGD...) keep the ranges.
_PER_EURO = {
    "SEK": 11.5, "NOK": 11.7, "DKK": 7.5, "ISK": 150.0, "CZK": 25.0, "HUF": 400.0, "PLN": 4.3, "RON": 5.0,
    "TRY": 40.0, "RUB": 100.0, "UAH": 45.0, "JPY": 165.0, "CNY": 7.8, "TWD": 35.0, "KRW": 1500.0, "INR": 95.0,
    "IDR": 17500.0, "THB": 38.0, "PHP": 62.0, "VND": 27000.0, "MYR": 4.9, "HKD": 8.4, "ILS": 4.0, "AED": 4.0,
    "SAR": 4.0, "EGP": 53.0, "BRL": 6.2, "MXN": 21.0, "ARS": 1100.0, "CLP": 1000.0, "COP": 4500.0, "PEN": 4.0,
    "ZAR": 20.0, "NGN": 1700.0, "KES": 140.0, "PKR": 300.0, "BDT": 130.0,
}  # fmt: skip


def per_euro(currency: str) -> float:
    """Units of ``currency`` worth about one euro (1.0 for currencies within a factor of three of it).

    Example:
        >>> per_euro("SEK"), per_euro("GBP")
        (11.5, 1.0)
    """
    return _PER_EURO.get(currency, 1.0)


def _nice(x: float) -> float:
    """The round step nearest above ``x`` (1, 2, 5 times a power of ten): 57.5 -> 100, 11.5 -> 20."""
    if x <= 0:
        return x
    power = 10.0 ** math.floor(math.log10(x))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= x)


@functools.cache
def _typed_cv_slots(archetype_id: str) -> bool:
    """Whether an archetype's recipe has a CV's typed slots (``{skill}``, ``{duty}``, ``{achievement}``)."""
    text = json.dumps(recipe_of(archetype_id), ensure_ascii=False, default=str)
    return bool(re.search(r"\{(?:skill|duty|achievement)\d?\}", text))


class _Builder:
    """Builds one artifact; holds the variables, facts, tables and people of that one file."""

    def __init__(self, archetype_id: str, ctx: ArchetypeContext) -> None:
        self.arch = get_archetype(archetype_id)
        # a researcher's notebook, review, chapter and grant hold the substance of the researcher's own field
        self.recipe = field_recipe(archetype_id, recipe_of(archetype_id), ctx)
        self.ctx = ctx
        self.rng = ctx.rng
        self.locale = ctx.locale
        self.money_scale = _PER_EURO.get(str(getattr(ctx.locale, "currency", "")), 1.0)
        self.vars = _Vars()
        self.vars.archetype = archetype_id
        self.facts: dict[str, float | str] = {}
        self.grids: dict[str, Grid] = {}
        self.pools: dict[str, list[str]] = {
            k: [str(x) for x in self._local(v)] for k, v in self.recipe.get("pools", {}).items()
        }
        self._used_names: set[str] = {ctx.owner_name}
        for name in self.recipe.get("field_employer_pools", ()):  # a job seeker applies mostly within their field
            invented = self._field_employers(max(4, 2 * len(self.pools[name]) // 3))
            if invented:
                rest = self._sample([o for o in self.pools[name] if o not in invented], 3)
                self.pools[name] = invented + rest
        self._raw: dict[int, list[str]] = {}
        self._dated()
        self._base_vars()
        if "days" in self.vars:  # an occasion's files are named for its own year ("Itinerary Porto 2026")
            self.vars["year"] = str(self.ctx.end.year)
        self._people()
        self._picks()

    # -- variables ----------------------------------------------------------------------------------------------------

    def _dated(self) -> None:
        """A recipe of one dated occasion (``trip``: days away; ``event``: one day) covers that occasion: the caller's
        period when it plans one ahead (a project's trip), else days drawn ``ahead`` of ``created``, so its length,
        nights and season all follow from its own dates (never a five-day plan over a month, nor "Hotel, 2 nights"
        for four)."""
        spec = self.recipe.get("trip") or self.recipe.get("event")
        if not spec:
            return
        ctx = self.ctx
        if ctx.ahead and ctx.period_start is not None:
            first, last = ctx.start, ctx.end
            if "event" in self.recipe:
                first = last
        else:
            lo, hi = (int(x) for x in spec.get("ahead", [14, 90]))
            first = ctx.created + timedelta(days=self.rng.randint(lo, hi))
            days = spec.get("days", [1, 1])
            last = first + timedelta(days=self.rng.randint(int(days[0]), int(days[1])) - 1)
        self.ctx = ctx = dataclasses.replace(ctx, period_start=first, period_end=last, ahead=True)
        n = (last - first).days
        self.vars.update(
            days=str(n + 1),
            nights=str(n),
            nights_text=f"{n} night{'s' if n != 1 else ''}",
            season=season_of(last, ctx.country_code),
        )

    def _home_place(self) -> str:
        """Where the owner lives as a CV header or a letter writes it: the town, the state or province in full where
        the country has them, and the country outside the US ("Dayton, Ohio"; "Bogotá, Colombia")."""
        region = str(getattr(self.locale, "region_name", "") or "")
        country = str(getattr(self.locale, "country_name", "") or "") if self.ctx.country_code not in ("", "US") else ""
        parts = [x for x in (self.ctx.city, region, country) if x]
        return ", ".join(dict.fromkeys(parts))

    def _base_vars(self) -> None:
        ctx, v = self.ctx, self.vars
        first, _, last = ctx.owner_name.partition(" ")
        v.update(
            owner=ctx.owner_name,
            owner_first=first,
            owner_last=last or first,
            owner_role=ctx.owner_role,
            interest_line=", ".join(ctx.interests) if ctx.interests else "walking, reading and cooking for friends",
            org=ctx.organisation,
            org_type=ctx.org_type or "organisation",
            topic=ctx.topic,
            city=ctx.city or "town",
            # the state or province in full where the owner's country has them ("our Ohio co-op"), else the town
            area=str(getattr(self.locale, "region_name", "") or ctx.city or "local"),
            state=str(getattr(self.locale, "region_name", "") or "state"),
            home_place=self._home_place(),
            owner_email=ctx.owner_email,
            owner_phone=ctx.owner_phone,
            owner_address=ctx.owner_address,
            health_cover=health_cover(ctx.country_code),  # "Assurance Maladie + mutuelle" in Lyon, "NHS" in Leeds
            today=self.locale.format_date(ctx.created),
            today_iso=ctx.created.isoformat(),
            start_iso=ctx.start.isoformat(),
            end_iso=ctx.end.isoformat(),
            year=str(ctx.created.year),
            start=self.locale.format_date(ctx.start),
            end=self.locale.format_date(ctx.end),
            span=span_words(ctx.start, ctx.end),
            month=f"{_MONTHS[ctx.end.month - 1]} {ctx.end.year}",
            month_name=_MONTHS[ctx.end.month - 1],
            currency=self.locale.currency,
            tax_label=self.locale.tax.name or "Tax",
            tax_rate=_percent(self.locale, self.locale.tax.rate),
        )
        terms = [t for t in ctx.vocabulary if t] + self.pools.get("terms", [])
        if not terms:
            terms = [ctx.topic]
        picked = self._sample(terms[: max(3, len(ctx.vocabulary))] if ctx.vocabulary else terms, 3)
        while len(picked) < 3:
            picked.append(picked[-1])
        v.update(term=picked[0], term2=picked[1], term3=picked[2])
        if _typed_cv_slots(self.vars.archetype):
            self._cv_vars()
        # the owner's own jobs, most recent first ("**Buyer**, Hartwell Logistics · 2016 – 2020"); "" past the last
        jobs = [
            f"**{role}**, {org} · {start} – {end if end is not None else 'present'}"
            for role, org, start, end in reversed(ctx.career)
        ]
        for i in range(4):
            v[f"job_{i + 1}"] = jobs[i] if i < len(jobs) else ""
        v["no_career"] = "" if jobs else "yes"
        # the owner's own degree and where they took it ("BSc Economics, University of Leeds · 2025"); the last one's
        # parts for prose ("my final-year project at the University of Leeds")
        v["education_lines"] = "\n".join(f"**{a}**, {i} · {y}" for a, i, y in reversed(ctx.education))
        award, school, finished = ctx.education[-1] if ctx.education else ("", "", 0)
        v.update(degree=award, institution=school, degree_year=str(finished) if finished else "")
        v["no_degree"] = "" if award else "yes"
        # a graduate's CV tells the degree, an internship and the part-time job, never "trusted with keys"
        v["graduate"] = "yes" if award and not jobs else ""
        v["not_graduate"] = "" if v["graduate"] else "yes"
        v["not_job_seeker"] = "" if ctx.life_stage == "job_seeker" else "yes"
        if v["graduate"]:
            v["no_career"] = ""
        # a school leaver's CV tells the school and a Saturday job, not a degree, an internship or a university
        leaver = bool(v["graduate"]) and re.search(r"\b(?:High School|Academy|IES|Lycée|Gymnasium)\b", school)
        v["school_leaver"] = "yes" if leaver else ""
        if leaver:
            v["graduate"] = v["not_graduate"] = ""
        last_role, last_org = (ctx.career[-1][0], ctx.career[-1][1]) if ctx.career else ("", "")
        v.update(last_role=last_role, last_org=last_org)
        # a job seeker back after years away says so: "Career break · 2016 – 2025" on the CV, the years in the letter
        ended = ctx.career[-1][3] if ctx.career else None
        away = ctx.created.year - ended if ended is not None and ctx.life_stage == "job_seeker" else 0
        v["career_break"] = f"{ended} – {ctx.created.year}" if away >= 3 else ""
        v["break_years"] = str(away)
        v["recent_org"] = "" if v["career_break"] else last_org
        ref = str(ctx.linked.get("reference", "")) or self._ref(self.recipe.get("ref", "REF-{year}-{n:03d}"))
        v["ref"] = ref
        self.facts["reference"] = ref

    def _cv_vars(self) -> None:
        """A CV's typed slots, from the owner's role, family and life stage (:mod:`._cv`), never the persona's key
        nouns: ``skill``..``skill3`` fit "experience in ...", ``duty``/``duty2`` follow a job title,
        ``achievement``..``achievement3`` are whole bullets."""
        bank = cv_bank(self.ctx.owner_role, self.ctx.family, self.ctx.life_stage)
        skills = self._sample(bank.skills, 3)
        duties = self._sample(bank.duties, 2)
        wins = self._sample(bank.achievements, 3)
        for name, drawn, n in (("skill", skills, 3), ("duty", duties, 2), ("achievement", wins, 3)):
            while drawn and len(drawn) < n:
                drawn.append(drawn[-1])
            for i in range(n):
                self.vars[name if i == 0 else f"{name}{i + 1}"] = drawn[i] if drawn else ""

    def _ref(self, pattern: str) -> str:
        n = self.rng.randint(12, 480)
        return pattern.format(
            year=self.ctx.created.year, yy=f"{self.ctx.created.year % 100:02d}", n=n, m=self.ctx.created.month
        )

    def _sample(self, pool: Sequence[str], k: int) -> list[str]:
        pool = list(dict.fromkeys(pool))
        return self.rng.sample(pool, min(k, len(pool)))

    def _invent_name(self) -> str:
        """A name usual in the owner's country (the locale's ``person_name`` when it has one), not used yet."""
        person_name = getattr(self.locale, "person_name", None)
        if callable(person_name):
            taken = {n.casefold() for n in self._used_names}
            name = str(person_name(self.rng, taken))
            self._used_names.add(name)
            return name
        names = vocabulary()["names"]
        used = {part for name in self._used_names for part in name.split()}
        given = [g for g in names["given"] if g not in used] or names["given"]
        family = [f for f in names["family"] if f not in used] or names["family"]
        name = f"{self.rng.choice(given)} {self.rng.choice(family)}"
        self._used_names.add(name)
        return name

    def _people(self) -> None:
        """Resolve each ``people`` placeholder to a counterpart whose role fits, or invent one with that role."""
        free = list(self.ctx.counterparts)
        for key, spec in self.recipe.get("people", {}).items():
            hints = [str(h) for h in (spec if isinstance(spec, list) else [spec])]
            match: Counterpart | None = None
            for cp in free:
                if any(h.casefold() in cp.role.casefold() for h in hints):
                    match = cp
                    break
            if match is not None:
                free.remove(match)
                name, role, org = match.name, match.role, match.organisation
                self._used_names.add(name)
            else:
                name, role, org = self._invent_name(), hints[0], ""
            first, _, last = name.partition(" ")
            self.vars[key] = name
            self.vars[f"{key}_first"] = first
            self.vars[f"{key}_last"] = last or first
            self.vars[f"{key}_role"] = role
            if key in _OUTSIDE and org == self.ctx.organisation:
                org = ""  # a client or a supplier is not the owner's own organisation
            self.vars[f"{key}_org"] = org or self._org_for(key)

    def _org_for(self, key: str) -> str:
        by_context = self.recipe.get("orgs_by_context", {}).get(key)
        if by_context:  # the other party as the owner's trade and town have them (a pub for a band, a co-op for a farm)
            return self.fmt(str(self.rng.choice(self._contextual(by_context))))
        by_field = self.recipe.get("pools_by_context", {}).get(f"{key}_orgs")
        orgs = self._contextual(by_field) if by_field else self.pools.get(f"{key}_orgs")
        if orgs:
            return self.fmt(str(self.rng.choice(orgs)))  # "{city} Screen Print Co." in the owner's town
        if key in _OUTSIDE:  # the other party's business, named after its owner and of the user's trade's kind
            kinds = vocabulary().get("by_context", {}).get(f"{key}_business", {})
            trade = kinds.get(self.ctx.family or "") if self.ctx.family else None
            return f"{self._invent_name().split()[-1]} {self.rng.choice(trade or _OUTSIDE[key])}"
        return self.ctx.organisation

    def _picks(self) -> None:
        variants = self.recipe.get("variants")
        by_context = self.recipe.get("variants_by_context")
        if by_context:
            variants = self._contextual(by_context)
        linked = self.ctx.linked
        if variants:
            # a variant a related file already told (the same destination, the same policy) is kept
            agreeing = [
                v
                for v in variants
                if any(k in linked for k in v)
                and all(str(linked[k]) == str(val) for k, val in v.items() if k in linked)
            ]
            if agreeing:
                chosen = self.rng.choice(agreeing)
            else:  # a variant not yet used on this computer (two complaint letters are about two problems)
                used = _used_texts(self.ctx)
                keys = [f"{self.arch.id}\x00variant\x00{i}" for i in range(len(variants))]
                fresh = [i for i, key in enumerate(keys) if key not in used] or list(range(len(variants)))
                index = self.rng.choice(fresh)
                used.add(keys[index])
                chosen = variants[index]
            for key, value in chosen.items():
                if isinstance(value, str) and value.startswith(PLACE_MARK):
                    # a variant's party as the owner's country names it: a complaint about the bins goes to
                    # "Manchester City Council" or the "Mairie de Lyon", not a "Town Hall" everywhere
                    value = str(self.rng.choice(self._local([value])))
                self.vars[key] = self.fmt(str(value)) if isinstance(value, str) else value
            first_key = next(iter(chosen))
            self.facts[first_key] = str(self.vars[first_key])
        for key, by_field in self.recipe.get("vars_by_context", {}).items():
            self.vars[key] = self.fmt(str(self.rng.choice(self._contextual(by_field))))
            if key in linked:  # a detail a related file already states is kept
                self.vars[key] = str(linked[key])
            if key in self.recipe.get("facts", ()):
                self.facts[key] = str(self.vars[key])
        for key, by_stage in self.recipe.get("vars_by_stage", {}).items():
            # a post a 20-year clinical project manager applies for is not "Trainee ..."; a student's may be
            options = self._local(by_stage.get(self.ctx.life_stage) or by_stage["default"])
            self.vars[key] = str(linked[key]) if key in linked else self.fmt(str(self.rng.choice(options)))
            self.facts[key] = str(self.vars[key])
        topic = _topic_words(self.ctx.topic)
        for key, raw in self.recipe.get("vars", {}).items():
            options = self._local(raw)
            # an option the document's topic names comes first (a falls-reduction project audits falls risk
            # assessment, not antibiotic review)
            fitting = [o for o in options if topic & _topic_words(str(o))] if topic else []
            self.vars[key] = self.fmt(str(self.rng.choice(fitting or options)))
            # a story detail a related file already states (venue, funder, beneficiaries...) is kept, and stated
            if key in linked:
                self.vars[key] = str(linked[key])
            self.facts[key] = str(self.vars[key])

        for key in self.recipe.get("field_employers", ()):
            # the organisation a letter or an interview is for works in the owner's own field and country
            invented = [] if key in linked else self._field_employers(1)
            if invented:
                self.vars[key] = invented[0]
                self.facts[key] = invented[0]

    def _field_employers(self, n: int) -> list[str]:
        """``n`` invented organisations of the owner's field in their country (a clinical project manager applies
        to pharma and biotech companies, not to a bakery), or [] for a student or an owner without a field."""
        family = OCCUPATIONAL_FAMILIES.get(self.ctx.family or "")
        if family is None or self.ctx.life_stage in ("student", "retiree"):
            return []
        words = tuple(w for industry in family.industries for w in INDUSTRY_SECTOR.get(industry, ()))
        taken = {self.ctx.organisation}
        names = [company_name(self.rng, self.ctx.country_code or None, taken=taken, words=words) for _ in range(n)]
        return names

    def fmt(self, template: str) -> str:
        try:
            text = template.format_map(self.vars)
            if self.ctx.family == "education_teaching":  # "Year 9" is the 8th grade in Texas, quatrième in Lyon
                text = local_school_years(text, self.ctx.country_code)
            return text
        except ArchetypeError:
            raise
        except (IndexError, ValueError) as err:
            raise ArchetypeError(f"archetype {self.arch.id!r}: bad template {template!r}: {err}") from err

    # -- tables -------------------------------------------------------------------------------------------------------

    def _dates(self, n: int, spec: str) -> list[date]:
        start, end = self.ctx.start, self.ctx.end
        span = max((end - start).days, 1)
        if spec == "date:weekly":
            step = max(span // max(n, 1), 1)
            return [start + timedelta(days=min(i * step, span)) for i in range(n)]
        if spec == "date:ahead":  # due dates of actions agreed on the document's day: the weeks after it
            return [self.ctx.created + timedelta(days=7 * (i + 1) - (i % 3)) for i in range(n)]
        if spec == "date:span":  # the first on the first day, the last on the last (a trip's bookings)
            return [start + timedelta(days=round(i * (end - start).days / max(n - 1, 1))) for i in range(n)]
        if spec == "date:weeks":  # one a week, Mondays, the last in the week of ``end``
            last = end - timedelta(days=end.weekday())
            return [last - timedelta(weeks=n - 1 - i) for i in range(n)]
        if spec == "date:years":  # one every year or so, the last in the covered period
            return [
                end - timedelta(days=(n - 1 - i) * 365 + (self.rng.randint(0, 90) if i < n - 1 else 0))
                for i in range(n)
            ]
        if spec.startswith("date:months:"):  # a season of its own ("10-12|5-7": Oct-Dec north, May-Jul south)
            return self._season_dates(n, spec.removeprefix("date:months:"))
        if spec == "date:days":
            return [max(start, end - timedelta(days=n - 1 - i)) for i in range(n)]
        if spec == "date:workdays":
            workdays: list[date] = []
            day = end
            while len(workdays) < n:
                if day.weekday() < 5:
                    workdays.append(day)
                day -= timedelta(days=1)
            return sorted(workdays)
        days = sorted(self.rng.randint(0, span) for _ in range(n))
        return [start + timedelta(days=d) for d in days]

    def _season_dates(self, n: int, months: str) -> list[date]:
        """``n`` sorted days of the latest season (``"10-12"``: October to December; after ``|`` the southern
        hemisphere's months) that began by the period's end: an olive harvest is picked in the autumn, whenever the
        record was last opened."""
        north, _, south = months.partition("|")
        months = south if south and _southern(self.ctx.country_code) else north
        first_month, last_month = (int(m) for m in months.split("-"))
        end = self.ctx.end
        year = end.year if date(end.year, first_month, 1) <= end else end.year - 1
        last_year = year if last_month >= first_month else year + 1
        after = date(last_year + 1, 1, 1) if last_month == 12 else date(last_year, last_month + 1, 1)
        first, last = date(year, first_month, 1), min(after - timedelta(days=1), end)
        span = max((last - first).days, 0)
        return [first + timedelta(days=d) for d in sorted(self.rng.randint(0, span) for _ in range(n))]

    def _draw(self, spec: str, col: Mapping[str, Any]) -> CellValue:
        """A value from ``"12"``, ``"5-40"`` (int range) or ``"9.5-14"`` (decimal range, rounded to ``step``); text
        that is not a number or range is returned as it is."""
        if not _RANGE.match(spec):
            return self.fmt(spec)
        lo, hi = self._range(spec)
        if "." not in spec and col.get("fmt") not in ("money", "dec1", "dec2", "pct", "hours"):
            return self.rng.randint(int(lo), int(hi))
        step = float(col.get("step", 0) or 0)
        if col.get("fmt") == "money" and self.money_scale != 1.0:
            lo, hi, step = lo * self.money_scale, hi * self.money_scale, _nice(step * self.money_scale)
            if hi >= 50 and not step:
                step = _nice(hi / 50)  # 17.50 kr, 1 200 ¥: prices people set
        if step and hi < 10 * step:
            step = 0.0
        if not step and col.get("fmt") == "money":  # prices people set: whole amounts, halves, or pence/cents
            step = 1.0 if hi >= 100 else 0.5 if hi >= 20 else 0.0
        x = self.rng.uniform(lo, hi)
        return round(round(x / step) * step, 2) if step else round(x, 2)

    def _range(self, spec: str) -> tuple[float, float]:
        lo, _, hi = spec.partition("-")
        return float(lo), float(hi or lo)

    def _pool(self, name: str) -> list[str]:
        if name in self.pools:
            return self.pools[name]
        by_field = self.recipe.get("pools_by_context", {}).get(name)
        if by_field:
            return [str(x) for x in self._contextual(by_field)]
        if name == "people":
            return [str(self.vars[k]) for k in self.recipe.get("people", {})] or [self.ctx.owner_name]
        shared = vocabulary().get("pools", {})
        if name in shared:
            return [str(x) for x in self._local(shared[name])]
        by_context = vocabulary().get("by_context", {}).get(name)
        if by_context:
            return [str(x) for x in self._contextual(by_context)]
        raise ArchetypeError(f"archetype {self.arch.id!r}: no pool {name!r}")

    def _local(self, options: Sequence[Any]) -> list[Any]:
        """``options`` with each ``"@place:<kind>"`` item replaced by the places of that kind where the owner lives
        (a Lyon club meets at the salle des fêtes, an Ohio one at the VFW hall: ``data/local_places.yaml``)."""
        region = str(getattr(self.locale, "region_name", "") or "")
        return expand_places(list(options), self.ctx.country_code, places=(self.ctx.city, region))

    def _contextual(self, options: Mapping[str, list[Any]]) -> list[Any]:
        """The list chosen by :meth:`_context_list`, its ``"@place:<kind>"`` items made the owner's local places."""
        return self._local(self._context_list(options))

    def _context_list(self, options: Mapping[str, list[Any]]) -> list[Any]:
        """The list keyed by the topic's own words (``"topic:party|lunch"``: a project's own occasion), else by the
        owner's organisation (``"org:club"``: the user's own club), else by the month or season of the period's end
        where the owner lives (``"month:12"``, ``"season:summer"``: no summer barbecue in a northern October), else
        the hemisphere (``"hemisphere:south"``: a sowing calendar), else the owner's trade where it outranks the
        life stage (``"trade:beekeep"``), else the person's life stage (``"stage:retiree"``), else their country
        (``"@US"``: acres and bushels, not
        hectares), else their family, else by an interest or role word it contains, else the default."""
        ctx = self.ctx
        # the topic names an occasion of its own (a project's "Reunion lunch"), not the kind's own label
        topic = "" if ctx.topic.casefold() == self.arch.label.casefold() else ctx.topic.casefold()
        for key, values in options.items():
            if (
                topic
                and key.startswith("topic:")
                and any(re.search(r"(?<!\w)" + re.escape(w), topic) for w in key[6:].split("|"))
            ):
                return values
        organisation = ctx.organisation.casefold()
        for key, values in options.items():  # "org:club|society": the owner's own organisation is of that kind
            if key.startswith("org:") and any(
                re.search(r"(?<!\w)" + re.escape(w), organisation) for w in key[4:].split("|")
            ):
                return values
        for key, values in options.items():
            if key.startswith("month:") and str(ctx.end.month) in key[6:].split("|"):
                return values
        for key, values in options.items():
            if key.startswith("season:") and season_of(ctx.end, ctx.country_code) in key[7:].split("|"):
                return values
        # "hemisphere:south": a calendar of its own south of the equator (runner beans sown in November, not May)
        if "hemisphere:south" in options and _southern(ctx.country_code):
            return list(options["hemisphere:south"])
        # "trade:beekeep|apiar": a trade whose own list beats the life stage's (a vineyard owner's staff meeting
        # talks of picking and bottling, not of the fridge log and the tills)
        trade = f"{ctx.owner_role} {' '.join(ctx.interests)}".casefold()
        for key, values in options.items():
            if key.startswith("trade:") and any(w in trade for w in key[6:].split("|")):
                return values
        # "stage:retiree|student": a life stage's own list (a retiree's budget has prescriptions, not childcare)
        for key, values in options.items():
            if key.startswith("stage:") and ctx.life_stage in key[6:].split("|"):
                return values
        if ctx.country_code and f"@{ctx.country_code}" in options:
            return options[f"@{ctx.country_code}"]
        # "role:roof": a trade within the family (a roofer's scaffold tower, not an electrician's cable drum)
        for key, values in options.items():
            if key.startswith("role:") and any(w in trade for w in key[5:].split("|")):
                return values
        if ctx.family and ctx.family in options:
            return options[ctx.family]
        words = [w.casefold() for w in (*ctx.interests, ctx.owner_role, ctx.org_type)]
        for key, values in options.items():
            if any(key in w for w in words):
                return values
        return options["default"]

    def _column(self, gen: str, n: int, col: Mapping[str, Any]) -> list[CellValue]:
        kind, _, arg = gen.partition(":")
        if kind in ("int", "dec1", "dec2", "money", "split") and "{" in arg:
            arg = self.fmt(arg)
        rng = self.rng
        if kind == "date":
            return list(self._dates(n, gen))
        if kind == "seq":
            start = rng.randint(1, 40) if "{n" in arg else 1
            return [arg.format(n=start + i, i=i + 1, year=self.ctx.created.year) for i in range(n)]
        if kind == "index":
            return list(range(1, n + 1))
        if kind == "ordered":
            pool = self._pool(arg)
            if n >= len(pool):
                ordered = [pool[i % len(pool)] for i in range(n)]
            elif col.get("keep_ends", True) and n >= 2:
                middle = sorted(self.rng.sample(range(1, len(pool) - 1), n - 2))
                ordered = [pool[0], *(pool[i] for i in middle), pool[-1]]
            else:
                ordered = pool[:n]
            self._raw[int(col.get("_index", -1))] = ordered
            return [_cap(self.fmt(p.split("|")[0].strip())) for p in ordered]
        if kind in ("unique", "pick"):
            pool = self._pool(arg)
            picked: list[str]
            if kind == "unique":
                picked = self._sample(pool, n)
                while len(picked) < n:
                    picked.append(rng.choice(pool))
            else:
                picked = [rng.choice(pool) for _ in range(n)]
            self._raw[int(col.get("_index", -1))] = picked
            return [_cap(self.fmt(p.split("|")[0].strip())) for p in picked]
        if kind == "person":
            names = [self.ctx.owner_name] + [str(self.vars[k]) for k in self.recipe.get("people", {})]
            if arg == "owner":
                return [self.ctx.owner_name] * n
            return [rng.choice(names) for _ in range(n)]
        if kind == "split":
            total = float(self.ctx.linked.get(col.get("linked", ""), 0) or 0) or float(self.fmt(arg))
            step = float(col.get("step", 1))
            units = round(total / step)
            weights = [rng.uniform(0.6, 1.4) for _ in range(n)]
            parts = [max(1, round(units * w / sum(weights))) for w in weights]
            parts[-1] += units - sum(parts)
            if parts[-1] < 1:
                parts[parts.index(max(parts))] -= 1 - parts[-1]
                parts[-1] = 1
            return [round(p * step, 2) if step != 1 else p for p in parts]
        if kind == "time":
            lo, hi = self._range(arg or "8-18")
            return [f"{rng.randint(int(lo), int(hi) - 1):02d}:{rng.choice((0, 15, 30, 45)):02d}" for _ in range(n)]
        if kind in ("int", "dec1", "dec2", "money"):
            lo, hi = self._range(arg)
            if kind == "int":
                return [rng.randint(int(lo), int(hi)) for _ in range(n)]
            digits = {"dec1": 1, "dec2": 2, "money": 2}[kind]
            step = float(col.get("step", 0) or 0)
            if kind == "money" and self.money_scale != 1.0:
                lo, hi, step = lo * self.money_scale, hi * self.money_scale, _nice(step * self.money_scale)
                if hi >= 50 and not step:
                    step = _nice(hi / 50)
            values: list[CellValue] = []
            for _ in range(n):
                x = rng.uniform(lo, hi)
                values.append(round(round(x / step) * step, 2) if step else round(x, digits))
            return values
        if kind == "from":
            src, _, rest = arg.partition(":")
            index, _, default = rest.partition(":")
            raws = self._raw.get(int(src), [])
            drawn: list[CellValue] = []
            for i in range(n):
                fields = raws[i].split("|") if i < len(raws) else []
                spec = fields[int(index)].strip() if len(fields) > int(index) else default
                drawn.append(self._draw(spec, col))
            return drawn
        if kind == "walk":
            start_spec, _, step_spec = arg.partition(":")
            lo, hi = self._range(start_spec)
            step = float(step_spec or 0.5)
            value = rng.uniform(lo, hi)
            walk: list[CellValue] = []
            for _ in range(n):
                walk.append(round(value, 1))
                value += rng.uniform(-step, step * 0.6)
            return walk
        if kind == "const":
            text = self.fmt(arg)
            return [_number_or_text(text)] * n
        if kind == "choice":
            options = [_number_or_text(o) for o in arg.split("|")]
            return [rng.choice(options) for _ in range(n)]
        raise ArchetypeError(f"archetype {self.arch.id!r}: unknown column generator {gen!r}")

    def _calc(self, calc: str, rows: list[list[CellValue]], col: int) -> str:
        """Fill a derived column; return its xlsx row formula template."""
        op, *args = calc.split(":")
        column_args = args[:1] if op in ("mulk", "portion", "near", "minratio") else args
        idx = [int(a) for a in column_args if a.isdigit()]
        letters = [column_letter(i) for i in idx]

        def num(v: CellValue) -> float:
            return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0.0

        for r, row in enumerate(rows):
            a = num(row[idx[0]]) if idx else 0.0
            b = num(row[idx[1]]) if len(idx) > 1 else 0.0
            if op == "mul":
                value: CellValue = a * b
            elif op == "sub":
                value = a - b
            elif op == "add":
                value = sum(num(row[i]) for i in idx)
            elif op == "mean":
                value = sum(num(row[i]) for i in idx) / len(idx)
            elif op == "ratio":
                value = round(a / b, 4) if b else 0.0
            elif op == "mulk":
                value = a * float(args[1])
            elif op == "near":
                lo, hi = self._range(args[1])
                value = max(0, round(a + self.rng.uniform(-hi, hi)))
            elif op == "minratio":
                smallest = min((num(x[idx[0]]) for x in rows if num(x[idx[0]]) > 0), default=1.0)
                value = round(float(args[1]) * smallest / a) if a else 0
            elif op == "pctof":
                value = a * b / 100
            elif op == "portion":
                lo, hi = self._range(args[1])
                value = round(a * self.rng.uniform(lo, hi))
            elif op == "shifts":
                value = round(sum(_shift_hours(row[i]) for i in range(idx[0], idx[1] + 1)), 2)
            elif op in ("balance", "running"):
                prev = num(rows[r - 1][col]) if r else float(self.vars.get("_opening", 0.0))
                value = round(prev + a - (b if op == "balance" else 0.0), 2)
            else:
                raise ArchetypeError(f"archetype {self.arch.id!r}: unknown calc {calc!r}")
            row[col] = value
        if op == "mul":
            return f"={letters[0]}{{r}}*{letters[1]}{{r}}"
        if op == "sub":
            return f"={letters[0]}{{r}}-{letters[1]}{{r}}"
        if op == "add":
            return "=" + "+".join(f"{x}{{r}}" for x in letters)
        if op == "pctof":
            return f"=ROUND({letters[0]}{{r}}*{letters[1]}{{r}}/100,2)"
        if op in ("shifts", "portion", "near", "minratio"):
            return ""
        if op == "mean":
            return f"=ROUND(AVERAGE({letters[0]}{{r}}:{letters[-1]}{{r}}),2)"
        if op == "ratio":
            return f"=IF({letters[1]}{{r}}=0,0,{letters[0]}{{r}}/{letters[1]}{{r}})"
        if op == "mulk":
            return f"={letters[0]}{{r}}*{args[1]}"
        if op == "running":
            return f"={{prev}}+{letters[0]}{{r}}"
        return f"={{prev}}+{letters[0]}{{r}}-{letters[1]}{{r}}"

    def table(self, name: str) -> Grid:
        if name in self.grids:
            return self.grids[name]
        spec = self.recipe.get("tables", {}).get(name)
        if spec is None:
            raise ArchetypeError(f"archetype {self.arch.id!r}: no table {name!r}")
        if spec.get("kind") == "summary":
            return self._summary(name, spec)
        rows_spec = spec.get("rows", [5, 8])
        n = rows_spec if isinstance(rows_spec, int) else self.rng.randint(int(rows_spec[0]), int(rows_spec[1]))
        if "opening" in spec:
            lo, hi = self._range(str(spec["opening"]))
            opening = self.rng.uniform(lo, hi)
            self.vars["_opening"] = round(opening, 2) if hi < 10000 or "." in str(spec["opening"]) else round(opening)
        cols: list[Mapping[str, Any]] = spec["columns"]
        for col in cols:  # a list names each item once: no more rows than distinct items (no item at two prices)
            gen = str(col.get("gen", ""))
            if gen.startswith("unique:") and not col.get("all"):
                n = min(n, len({p.split("|")[0].strip() for p in self._pool(gen.partition(":")[2])}) or n)
        if any(str(c.get("gen", "")).startswith(("ordered", "unique")) and c.get("all") for c in cols):
            n = len(self._pool(str(next(c for c in cols if c.get("all"))["gen"]).partition(":")[2]))
        given = self.ctx.sheet if spec.get("sheet") else ()
        if given and not spec["sheet"].get("merge"):
            n = len(given)
        data: list[list[CellValue]] = [[None] * len(cols) for _ in range(n)]
        formats: dict[int, ColumnFormat] = {}
        self._raw = {}
        for j, col in enumerate(cols):
            col = {**col, "_index": j}
            formats[j] = col.get("fmt", _default_format(str(col.get("gen", ""))))
            if "gen" in col and not str(col["gen"]).startswith("clock"):
                values = self._column(str(col["gen"]), n, col)
                digits = _DIGITS.get(formats[j])
                for i in range(n):
                    data[i][j] = values[i] if digits is None else _round(values[i], digits)
        stated: set[int] = set()  # columns the sheet states: no formula derives them again
        if given:  # the project's own sheet lines, stated as the sheet states them
            data = self._sheet_rows(data, cols, spec["sheet"], given)
            stated = {int(spec["sheet"][k]) for k in ("amount", "actual") if k in spec["sheet"]}
        for j, col in enumerate(cols):
            if col.get("blank_zero"):  # a cash book leaves the other column empty, it does not write 0.00
                for row in data:
                    if row[j] == 0:
                        row[j] = None
        row_formulas: dict[int, str] = {}
        first_pass = [j for j, c in enumerate(cols) if str(c.get("calc", "")).startswith(("balance", "running"))]
        for j in first_pass:
            row_formulas[j] = self._calc(str(cols[j]["calc"]), data, j)
        for j, col in enumerate(cols):
            if "calc" in col and j not in first_pass and j not in stated:
                row_formulas[j] = self._calc(str(col["calc"]), data, j)
            if "calc" in col:
                digits = _DIGITS.get(formats[j], 2)
                if digits is not None:  # a derived value is stated as shown, so shown values add up
                    for row in data:
                        row[j] = _round(row[j], digits)
                    formula = row_formulas.get(j, "")
                    if formula and not formula.startswith("=ROUND(") and "{prev}" not in formula:
                        row_formulas[j] = f"=ROUND({formula[1:]},{digits})"
            if str(col.get("gen", "")).startswith("clock"):
                self._clock(data, j, str(col["gen"]), int(col.get("minutes_col", j + 1)))
        if "tax" in spec and data:
            self._bill_lines(data, cols, int(spec["tax"]))
        target = self.ctx.linked.get("subtotal")
        billed = sum(as_float(row[int(spec["tax"])]) for row in data) if "tax" in spec else 0.0
        if "tax" in spec and isinstance(target, int | float) and target > 0 and data and abs(billed - target) > 0.005:
            self._meet_subtotal(data, cols, int(spec["tax"]), float(target))
        grid = Grid(
            header=[self.fmt(str(c["header"])) for c in cols],
            rows=data,
            formats=formats,
            row_formulas=row_formulas,
            opening=float(self.vars.get("_opening", 0.0)),
        )
        self._footers(name, grid, spec)
        self.grids[name] = grid
        return grid

    def _sheet_rows(
        self,
        data: list[list[CellValue]],
        cols: Sequence[Mapping[str, Any]],
        how: Mapping[str, Any],
        given: Sequence[tuple[str, float, float]],
    ) -> list[list[CellValue]]:
        """The table's rows with the project's sheet lines in them: each line's item, planned amount (``amount``)
        and amount so far (``actual``) in the named columns. ``merge``: the drawn rows that pay nothing are kept
        (a cash book's receipts) and one payment per sheet line with money paid joins them, all re-dated in turn."""
        item_col = int(how["item"])
        plan_col = int(how["amount"]) if "amount" in how else None
        paid_col = int(how["actual"]) if "actual" in how else None
        if not how.get("merge"):
            for row, (item, planned, actual) in zip(data, given, strict=True):
                row[item_col] = item
                if plan_col is not None:
                    row[plan_col] = planned
                if paid_col is not None:
                    row[paid_col] = actual
            return data
        assert paid_col is not None
        kept = [row for row in data if not as_float(row[paid_col])]
        paid: list[list[CellValue]] = []
        for item, _planned, actual in given:
            if actual <= 0:
                continue
            line: list[CellValue] = [0.0 if c.get("fmt") == "money" else None for c in cols]
            line[item_col], line[paid_col] = item, actual
            paid.append(line)
        rows = kept + paid
        self.rng.shuffle(rows)
        for j, col in enumerate(cols):  # dates in order down the book
            gen = str(col.get("gen", ""))
            if gen.startswith("date"):
                for row, day in zip(rows, self._dates(len(rows), gen), strict=True):
                    row[j] = day
        return rows

    def _summary(self, name: str, spec: Mapping[str, Any]) -> Grid:
        """A table of computed lines: ``[label, expression over earlier facts, fact key]`` evaluated in order."""
        fmt: ColumnFormat = spec.get("fmt", "money")
        values: dict[str, float] = {k: float(v) for k, v in self.facts.items() if isinstance(v, int | float)}
        for key, options in spec.get("consts", {}).items():
            value = float(self.rng.choice(options))
            values[str(key)] = value
            self.vars[str(key)] = self.locale.format_money(value) if fmt == "money" and value >= 1 else str(value)
            if 0 < value < 1:
                self.vars[f"{key}_pct"] = _percent(self.locale, value)
        rows: list[list[CellValue]] = []
        cell_formats: dict[tuple[int, int], ColumnFormat] = {}
        for label, expr, *rest in spec["rows"]:
            value = round(_evaluate(str(expr), values), 2) + 0.0
            key = str(rest[0]) if rest else ""
            if len(rest) > 1:
                cell_formats[(len(rows), 1)] = rest[1]
            if key:
                values[key] = value
                self.facts[key] = value
                self.vars[key] = self.locale.format_money(value) if fmt == "money" else self.locale.format_number(value)
            rows.append([self.fmt(str(label)), value])
        grid = Grid(
            header=[self.fmt(str(h)) for h in spec["header"]], rows=rows, formats={1: fmt}, cell_formats=cell_formats
        )
        self.grids[name] = grid
        return grid

    def _bill_lines(self, data: list[list[CellValue]], cols: list[Mapping[str, Any]], col: int) -> None:
        """An invoice for a quote bills the quote's lines (``linked["lines"]``: its items, quantities and unit prices)
        where both tables are item, quantity, price and amount; the quote's ``lines`` fact says them."""
        lines = self.ctx.linked.get("lines")
        calc = str(cols[col].get("calc", ""))
        if not isinstance(lines, str) or not calc.startswith("mul:") or len(cols) != 4:
            return
        qty_col, price_col = (int(x) for x in calc.split(":")[1:3])
        label_col = next(j for j in range(4) if j not in (qty_col, price_col, col))
        quoted = json.loads(lines)
        data[:] = [[None] * 4 for _ in quoted]
        for row, (item, qty, price) in zip(data, quoted, strict=True):
            row[label_col], row[qty_col], row[price_col] = item, qty, price
            row[col] = _round(float(qty) * float(price), 2)

    def _meet_subtotal(
        self, data: list[list[CellValue]], cols: list[Mapping[str, Any]], col: int, target: float
    ) -> None:
        """Scale the unit prices so the lines add up to a subtotal a related file states (an invoice for a quote).

        Prices are scaled and rounded to cents; the last line is set to one unit at the price that closes the gap.
        """
        calc = str(cols[col].get("calc", ""))
        if not calc.startswith("mul:"):
            return
        qty_col, price_col = (int(x) for x in calc.split(":")[1:3])
        current = sum(as_float(row[col]) for row in data)
        factor = target / current if current else 1.0
        for row in data:
            row[price_col] = _round(as_float(row[price_col]) * factor, 2)
            row[col] = _round(as_float(row[qty_col]) * as_float(row[price_col]), 2)
        others = sum(as_float(row[col]) for row in data[:-1])
        last = data[-1]
        gap = _round(target - others, 2)
        if as_float(gap) > 0:
            last[qty_col], last[price_col], last[col] = 1, gap, gap

    def _clock(self, data: list[list[CellValue]], col: int, gen: str, minutes_col: int) -> None:
        """Start times from a first start and the durations in ``minutes_col`` (a running order)."""
        _, _, arg = gen.partition(":")
        hour, _, minute = self.fmt(arg or "19.00").partition(".")
        current = datetime(2000, 1, 1, int(hour), int(minute or 0))
        for row in data:
            row[col] = current.strftime("%H:%M")
            mins = row[minutes_col]
            current += timedelta(minutes=float(mins) if isinstance(mins, int | float) else 0)

    def _footers(self, name: str, grid: Grid, spec: Mapping[str, Any]) -> None:
        locale = self.locale
        for j in spec.get("sum", []):
            total = grid.column_sum(int(j))
            self.facts[f"{name}_sum{j}"] = total
            self.vars[f"{name}_sum{j}"] = grid._fmt(total, grid.formats.get(int(j), "text"), locale)
        if spec.get("sum"):
            cols = [int(j) for j in spec["sum"]]
            grid.footers.append(
                Footer(
                    self.fmt(str(spec.get("sum_label", "Total"))),
                    {c: grid.column_sum(c) for c in cols},
                    {c: "=SUM({col}{first}:{col}{last})" for c in cols},
                )
            )
        for j in spec.get("avg", []):
            j = int(j)
            values = [as_float(r[j]) for r in grid.rows]
            avg = round(sum(values) / max(len(values), 1), 2)
            self.facts[f"{name}_avg{j}"] = avg
            self.vars[f"{name}_avg{j}"] = grid._fmt(avg, grid.formats.get(j, "dec1"), locale)
            grid.footers.append(
                Footer(
                    self.fmt(str(spec.get("avg_label", "Average"))),
                    {j: avg},
                    {j: "=ROUND(AVERAGE({col}{first}:{col}{last}),2)"},
                )
            )
        if "tax" in spec:
            calc = str(spec["columns"][int(spec["tax"])].get("calc", "")) if "columns" in spec else ""
            self._tax_footers(grid, int(spec["tax"]), str(spec.get("total_label", "Total due")), calc)
        if "opening" in spec:
            bal_col = int(spec.get("balance_col", len(grid.header) - 1))
            opening = float(self.vars["_opening"])
            closing = grid.rows[-1][bal_col] if grid.rows else opening
            self.facts.update(opening=opening, closing=as_float(closing) if grid.rows else opening)
            self.vars["opening"] = locale.format_money(opening)
            self.vars["closing"] = locale.format_money(float(self.facts["closing"]))
        self.vars[f"{name}_rows"] = str(len(grid.rows))
        self.facts[f"{name}_rows"] = float(len(grid.rows))
        text_cols = [j for j, v in enumerate(grid.rows[0]) if isinstance(v, str)] if grid.rows else [0]
        label_col = int(spec.get("label_col", text_cols[0] if text_cols else 0))
        key_col = spec.get("sum", [None])[0] if spec.get("sum") else spec.get("key_col")
        if key_col is not None and grid.rows:
            kc = int(key_col)
            best = max(grid.rows, key=lambda r: as_float(r[kc]))
            self.vars[f"{name}_top"] = str(best[label_col])
            self.vars[f"{name}_top_value"] = grid._fmt(
                best[int(key_col)], grid.formats.get(int(key_col), "text"), locale
            )
        if grid.rows:
            self.vars[f"{name}_first"] = str(
                grid._fmt(grid.rows[0][label_col], grid.formats.get(label_col, "text"), locale)
            )
            self.vars[f"{name}_last"] = str(
                grid._fmt(grid.rows[-1][label_col], grid.formats.get(label_col, "text"), locale)
            )
        for key, expr in spec.get("facts", {}).items():
            self._derived_fact(str(key), str(expr))

    def _tax_footers(self, grid: Grid, col: int, total_label: str, calc: str = "") -> None:
        """Subtotal, the country's tax at its rate, and the total (only the total where no tax applies); with the
        amount column's ``calc`` ("mul:<qty>:<price>") of a four-column bill, the ``lines`` billed as a fact."""
        locale = self.locale
        rate = float(self.ctx.linked.get("tax_rate", locale.tax.rate))
        subtotal = grid.column_sum(col)
        # as a spreadsheet's ROUND does (15 significant digits, then half away from zero): 1557.50 at 21% is
        # 327.08 in the workbook, so the document says 327.08 too, not Python's 327.07 of 327.07499999999993
        tax = float(Decimal(f"{subtotal * rate:.15g}").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        total = round(subtotal + tax, 2)
        label = self.fmt(total_label)
        if rate > 0:
            grid.footers += [
                Footer("Subtotal", {col: subtotal}, {col: "=SUM({col}{first}:{col}{last})"}),
                Footer(
                    f"{locale.tax.name or 'Tax'} {_percent(locale, rate)}",
                    {col: tax},
                    {col: f"=ROUND({{col}}{{f0}}*{rate},2)"},
                ),
                Footer(label, {col: total}, {col: "={col}{f0}+{col}{f1}"}),
            ]
        else:
            grid.footers.append(Footer(label, {col: total}, {col: "=SUM({col}{first}:{col}{last})"}))
        self.facts.update(subtotal=subtotal, tax=tax, total=total, tax_rate=rate)
        if calc.startswith("mul:") and len(grid.header) == 4:  # what was billed, line by line (an invoice repeats it)
            qty_col, price_col = (int(x) for x in calc.split(":")[1:3])
            label_col = next(j for j in range(4) if j not in (qty_col, price_col, col))
            billed = [[str(r[label_col]), r[qty_col], r[price_col]] for r in grid.rows]
            self.facts["lines"] = json.dumps(billed, ensure_ascii=False, separators=(",", ":"))
        for key, value in (("subtotal", subtotal), ("tax", tax), ("total", total)):
            self.vars[key] = locale.format_money(value)

    def _derived_fact(self, key: str, expr: str) -> None:
        """``minutes: "setlist_sum3"`` copies a fact under a stable name (declared in the archetype's ``facts``)."""
        value = self.facts.get(expr)
        if value is None:
            raise ArchetypeError(f"archetype {self.arch.id!r}: fact {key!r} refers to unknown {expr!r}")
        self.facts[key] = value
        self.vars[key] = self.vars.get(expr, str(value))

    def all_tables(self) -> None:
        for name in self.recipe.get("tables", {}):
            self.table(name)

    # -- rendering ----------------------------------------------------------------------------------------------------

    def _choose(self, section: Mapping[str, Any], key: str) -> list[str]:
        options = section[key]
        # by the person's trade (a farm's contributing factors are not a ward's), places where they live
        options = self._contextual(options) if isinstance(options, Mapping) else self._local(options)
        pool = [self._usable(str(x)) for x in options]
        pool = list(dict.fromkeys(p for p in pool if p))
        pick = section.get("pick", 1 if key == "prose" else [min(3, len(pool)), len(pool)])
        k = pick if isinstance(pick, int) else self.rng.randint(int(pick[0]), int(pick[1]))
        used = _used_texts(self.ctx)
        fresh = [p for p in pool if f"{self.arch.id}\x00{p}" not in used]
        stale = [p for p in pool if f"{self.arch.id}\x00{p}" in used]
        chosen = self._sample(fresh, k)
        if len(chosen) < k:  # every alternative has been used on this computer: repeat the fewest needed
            chosen += self._sample(stale, k - len(chosen))
        used.update(f"{self.arch.id}\x00{p}" for p in chosen)
        if section.get("keep_order", key == "numbered"):
            chosen.sort(key=pool.index)
        return [self.fmt(c) for c in chosen]

    def _usable(self, option: str) -> str:
        """``"?owner_email text"`` is ``text`` when the context has an e-mail address, else dropped (``""``)."""
        if not option.startswith("?"):
            return option
        name, _, text = option[1:].partition(" ")
        return text if self.vars.get(name) else ""

    def _blocks(self, section: Mapping[str, Any]) -> list[Block]:
        blocks: list[Block] = []
        if section.get("heading"):
            blocks.append(Heading(text=self.fmt(str(section["heading"])), level=int(section.get("level", 1))))
        if "lines" in section:
            for line in section["lines"]:  # "?degree ..." only when the owner has a degree
                for part in self.fmt(self._usable(str(line))).split("\n"):
                    text = part.strip(" ,·")
                    if text:
                        blocks.append(Paragraph(text=text))
        if "fields" in section:
            for label, template in section["fields"]:
                value = self.fmt(str(template)).strip()
                if value:
                    blocks.append(Paragraph(text=f"**{label}:** {value}"))
        if "prose" in section:
            blocks += [Paragraph(text=_cap(t)) for t in self._choose(section, "prose")]
        if "bullets" in section:
            blocks.append(BulletList(items=[_cap(t) for t in self._choose(section, "bullets")]))
        if "numbered" in section:
            blocks.append(NumberedList(items=[_cap(t) for t in self._choose(section, "numbered")]))
        if "days" in section:
            blocks.append(BulletList(items=self._day_lines(section)))
        if "table" in section:
            caption = self.fmt(str(section["caption"])) if section.get("caption") else None
            blocks.append(self.table(str(section["table"])).to_table(self.locale, caption))
        if "after" in section:
            blocks += [
                Paragraph(text=_cap(t))
                for t in self._choose({"prose": section["after"], "pick": section.get("after_pick", 1)}, "prose")
            ]
        return blocks

    def _day_lines(self, section: Mapping[str, Any]) -> list[str]:
        """One line per day of the covered period, each dated: the first of ``days`` on the first day, the last on
        the last, the others in order between, and ``spare`` days (nothing booked) when the stay is longer."""
        lines = [self.fmt(str(x)) for x in section["days"]]
        spare = [self.fmt(str(x)) for x in section.get("spare", ["Free day."])]
        start, n = self.ctx.start, (self.ctx.end - self.ctx.start).days + 1
        if n == 1:
            chosen = lines[:1]
        else:
            middle = lines[1:-1]
            inner = sorted(self.rng.sample(range(len(middle)), min(n - 2, len(middle))))
            extra = [spare[k % len(spare)] for k in range(max(0, n - 2 - len(middle)))]
            chosen = [lines[0], *(middle[i] for i in inner), *extra, lines[-1]]
        days = [start + timedelta(days=k) for k in range(len(chosen))]
        return [
            f"**{_WEEKDAYS[d.weekday()]} {self.locale.format_date(d)}**: {_cap(text)}"
            for d, text in zip(days, chosen, strict=True)
        ]

    def _properties(self, title: str) -> DocProperties:
        created = datetime.combine(self.ctx.created, time(9, 0)) + timedelta(minutes=self.rng.randint(0, 480))
        return DocProperties(
            title=title,
            author=self.ctx.owner_name,
            subject=self.ctx.topic,
            created=created,
            modified=created + timedelta(minutes=self.rng.randint(4, 90)),
        )

    def document(self, title: str) -> DocumentSpec:
        blocks: list[Block] = []
        for section in self.recipe["sections"]:
            if section.get("when") and not self._when(str(section["when"])):
                continue
            blocks += self._blocks(section)
        subtitle = _join_parts(self.fmt(str(self.recipe["subtitle"]))) if self.recipe.get("subtitle") else None
        header = self.fmt(str(self.recipe["header"])) if self.recipe.get("header") else None
        footer = self.fmt(str(self.recipe["footer"])) if self.recipe.get("footer") else None
        return DocumentSpec(
            title=title,
            subtitle=subtitle,
            blocks=blocks,
            header=header,
            footer=footer,
            properties=self._properties(title),
        )

    def _when(self, cond: str) -> bool:
        if cond == "tax":
            return self.locale.tax.rate > 0
        if cond.startswith("stage:"):
            return table_stage(self.ctx.life_stage) in cond[6:].split("|")
        return True

    def workbook(self, title: str) -> SpreadsheetSpec:
        sheets = []
        for sheet in self.recipe["sheets"]:
            grid = self.table(str(sheet["table"]))
            spec = grid.to_sheet(self.fmt(str(sheet["name"])))
            if "chart" in sheet:
                ch = sheet["chart"]
                spec = spec.model_copy(
                    update={
                        "chart": ChartSpec(
                            kind=ch.get("kind", "column"),
                            title=self.fmt(str(ch["title"])),
                            category_column=int(ch.get("category", 0)),
                            value_columns=[int(c) for c in ch.get("values", [1])],
                        ),
                    }
                )
            sheets.append(spec)
        return SpreadsheetSpec(sheets=sheets, properties=self._properties(title))

    def deck(self, title: str) -> PresentationSpec:
        slides: list[Slide] = []
        for s in self.recipe["slides"]:
            kind = s.get("type", "bullets")
            stitle = self.fmt(str(s["title"]))
            notes = self._choose({**s, "prose": s["notes"], "pick": 1}, "prose")[0] if s.get("notes") else None
            if kind == "title":
                sub = self.fmt(str(s.get("subtitle", "{owner} · {today}")))
                slides.append(TitleSlide(title=stitle, subtitle=sub, notes=notes))
            elif kind == "bullets":
                slides.append(
                    BulletSlide(title=stitle, bullets=[_cap(b) for b in self._choose(s, "bullets")], notes=notes)
                )
            elif kind == "two_column":
                left = self._choose({**s, "bullets": s["left"]}, "bullets")
                right = self._choose({**s, "bullets": s["right"]}, "bullets")
                slides.append(
                    TwoColumnSlide(
                        title=stitle,
                        left_heading=self.fmt(str(s["left_heading"])) if s.get("left_heading") else None,
                        left=left,
                        right_heading=self.fmt(str(s["right_heading"])) if s.get("right_heading") else None,
                        right=right,
                        notes=notes,
                    )
                )
            elif kind == "table":
                table = self.table(str(s["table"])).to_table(self.locale)
                slides.append(TableSlide(title=stitle, header=table.header, rows=table.rows, notes=notes))
            elif kind == "chart":
                grid = self.table(str(s["table"]))
                cat, vals = int(s.get("category", 0)), [int(c) for c in s.get("values", [1])]
                slides.append(
                    ChartSlide(
                        title=stitle,
                        chart_kind=s.get("chart_kind", "column"),
                        categories=[
                            str(grid._fmt(r[cat], grid.formats.get(cat, "text"), self.locale)) for r in grid.rows
                        ],
                        series=[
                            ChartSeries(name=grid.header[v], values=[as_float(r[v]) for r in grid.rows]) for v in vals
                        ],
                        notes=notes,
                    )
                )
            else:
                raise ArchetypeError(f"archetype {self.arch.id!r}: unknown slide type {kind!r}")
        return PresentationSpec(slides=slides, properties=self._properties(title))

    def build(self, kind: FileKind) -> Artifact:
        self.all_tables()
        title = self.fmt(str(self.recipe.get("title", self.arch.label + " – {topic}")))
        spec: ArtifactSpec
        if kind in ("docx", "pdf", "md"):
            spec = self.document(title)
        elif kind == "xlsx":
            spec = self.workbook(title)
        elif kind == "pptx":
            spec = self.deck(title)
        else:
            spec = self.table(str(self.recipe["csv"]["table"])).to_csv(self.locale)
        for key in self.arch.facts:
            if key not in self.facts:
                raise ArchetypeError(f"archetype {self.arch.id!r} declares fact {key!r} but did not produce it")
        filename = _safe_name(self.fmt(str(self.recipe.get("filename", self.arch.filename))))
        folder = "/".join(_safe_name(part) for part in self.fmt(self.arch.folder).split("/") if part.strip())
        return Artifact(
            archetype=self.arch.id,
            kind=kind,
            title=title,
            filename=filename,
            spec=spec,
            facts=dict(self.facts),
            paper_size=self.locale.paper,
            folder=folder,
        )


def _join_parts(text: str) -> str:
    """Drop the empty parts of a ``a · b · c`` line (a CV without a phone number has no dangling separator)."""
    return " · ".join(p.strip(" ,") for p in text.split(" · ") if p.strip(" ,"))


_DIGITS: dict[str, int] = {"int": 0, "dec1": 1, "dec2": 2, "money": 2, "hours": 2, "minutes": 0, "pct": 4}


def _round(value: CellValue, digits: int) -> CellValue:
    """Round half away from zero, as spreadsheet ROUND does (Python's round() rounds half to even)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return int(rounded) if digits == 0 else float(rounded)


def _percent(locale: LocaleFormat, rate: float) -> str:
    """``0.19`` -> ``'19%'``, ``0.09975`` -> ``'9.975%'`` (with the locale's decimal mark)."""
    pct = round(rate * 100, 3)
    decimals = next(d for d in range(4) if abs(round(pct, d) - pct) < 1e-9)
    return locale.format_number(pct, decimals) + "%"


_ALLOWED = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.Call,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.USub,
)


def _evaluate(expr: str, names: Mapping[str, float]) -> float:
    """Evaluate ``+ - * /``, ``min``/``max``/``round`` over named facts; anything else is rejected."""
    tree = ast.parse(expr, mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ArchetypeError(f"expression {expr!r}: {type(node).__name__} not allowed")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in _FUNCS):
            raise ArchetypeError(f"expression {expr!r}: only min, max and round may be called")
        if isinstance(node, ast.Name) and node.id not in names and node.id not in _FUNCS:
            raise ArchetypeError(f"expression {expr!r}: unknown name {node.id!r}")
    return float(eval(compile(tree, "<summary>", "eval"), {"__builtins__": {}}, {**_FUNCS, **names}))


_FUNCS: dict[str, Any] = {"min": min, "max": max, "round": round}


def _default_format(gen: str) -> ColumnFormat:
    kind = gen.partition(":")[0]
    return {  # type: ignore[return-value]
        "date": "date",
        "money": "money",
        "int": "int",
        "dec1": "dec1",
        "dec2": "dec2",
        "split": "int",
    }.get(kind, "text")


_RANGE = re.compile(r"^\d+(\.\d+)?(-\d+(\.\d+)?)?$")


_SHIFT = re.compile(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})")


def _shift_hours(cell: CellValue) -> float:
    """Hours of a shift written ``'E 07:00-15:00'`` (overnight shifts wrap), less a 30-minute break over 6 hours."""
    match = _SHIFT.search(str(cell or ""))
    if not match:
        return 0.0
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    hours = ((h2 * 60 + m2 - h1 * 60 - m1) % (24 * 60)) / 60
    return hours - 0.5 if hours > 6 else hours


def _number_or_text(text: str) -> CellValue:
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() and "." not in text else value


_USED_BY_RNG: weakref.WeakKeyDictionary[random.Random, set[str]] = weakref.WeakKeyDictionary()


def _used_texts(ctx: ArchetypeContext) -> set[str]:
    """The context's set of used paragraph templates, or the one shared by builds with the same random generator."""
    if ctx.used_texts is not None:
        return ctx.used_texts
    used = _USED_BY_RNG.get(ctx.rng)
    if used is None:
        used = _USED_BY_RNG[ctx.rng] = set()
    return used


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _safe_name(name: str) -> str:
    name = _UNSAFE.sub("-", name)
    return " ".join(name.split()).strip(" .-")[:120] or "Untitled"


def build_artifact(archetype_id: str, ctx: ArchetypeContext, kind: FileKind | None = None) -> Artifact:
    """Build one file of an archetype for a context.

    Args:
        archetype_id: A key of :data:`ARCHETYPES`.
        ctx: Who, what, when, where and the random generator.
        kind: File kind; the archetype's usual kind when omitted. Must be one of the archetype's ``kinds``.

    Returns:
        The :class:`Artifact` (spec, kind, title, file name, facts).

    Raises:
        ArchetypeError: Unknown archetype, or a kind it cannot be written as.
    """
    arch = get_archetype(archetype_id)
    chosen: FileKind = kind or arch.kinds[0]
    if chosen not in arch.kinds:
        raise ArchetypeError(f"archetype {archetype_id!r} cannot be written as {chosen!r} (kinds: {arch.kinds})")
    return _Builder(archetype_id, ctx).build(chosen)

"""A project's domain documents quote its tracking workbook: the same rows, totals, months and owners, written as the
owner's country writes numbers, so a reader can check the one against the other.

A document of a planning kind (a planting plan, a quote, a scheme of work) is written before any actual is in and
quotes the plan split by row; a document of a record kind (a harvest record, a clinical audit, club accounts) is
written after the restated workbook and quotes plan, actual and gap by row, naming the workbook. The voices are
reviewed data (``archetypes/data/quoting.yaml``).

Example:
    >>> is_planning("planting_plan"), is_planning("harvest_record")
    (True, False)
"""

from __future__ import annotations

import dataclasses
import random
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from synthcomp_agents.office import (
    ColumnSpec,
    DocumentSpec,
    Heading,
    Paragraph,
    PresentationSpec,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    TableSlide,
)

from .._content import Facts, ProjectDomain, fmt_num
from ..archetypes import Artifact, LocaleFormat

__all__ = [
    "WorkbookQuote",
    "add_quote",
    "is_planning",
    "measure_fits",
    "quotes_nothing",
    "subject_stems",
    "workbook_quote",
]


@cache
def _voices() -> dict[str, Any]:
    text = resources.files("synthcomp_agents.computers.archetypes").joinpath("data/quoting.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def is_planning(archetype_id: str) -> bool:
    """True for kinds written before the work's actuals exist (they quote the plan split only)."""
    return archetype_id in _voices()["plan"]["kinds"] or archetype_id in _voices()["context"]["kinds"]


def quotes_nothing(archetype_id: str) -> bool:
    """True for kinds that carry no project figures (a memoir chapter, a CV, lecture notes)."""
    return archetype_id in _voices()["none"]["kinds"]


def subject_stems(archetype_id: str) -> tuple[str, ...]:
    """The stems a measure must start a word with for this kind to quote it (empty: any measure of its project)."""
    return tuple(str(x) for x in _voices().get("fits", {}).get(archetype_id, ()))


def measure_fits(archetype_id: str, metric: str, *, money: bool) -> bool:
    """Whether a document of this kind may quote a workbook counting ``metric``: a clinical audit quotes checks or
    patients (never bushels harvested), an invoice an amount of money, an incident report (about one event) nothing;
    kinds without a subject of their own quote their project's measure.

    Example:
        >>> measure_fits("clinical_audit", "bushels harvested", money=False)
        False
        >>> measure_fits("clinical_audit", "skin checks completed", money=False)
        True
    """
    if quotes_nothing(archetype_id):
        return False
    stems = _voices().get("fits", {}).get(archetype_id)
    if stems is None:
        return True
    words = re.findall(r"[a-z0-9]+", metric.casefold())
    return any((s == "$money" and money) or any(w.startswith(s) for w in words) for s in stems)


@dataclass(frozen=True)
class WorkbookQuote:
    """What one document says about the workbook.

    Attributes:
        workbook: Path of the quoted workbook (None for a plan written before it; its plan column agrees).
        heading, lead, follow: The section heading and the two paragraphs around the table.
        header, rows: The table (formatted strings; the last row is the total).
        values: ``row label -> {"plan": int, "actual": int}`` as the workbook computes them (``"Total"`` included).
        texts: ``row label -> {"plan": str, "actual": str}`` as the document writes them.
        entity_title: What a row is, capitalised ("Field").
        money: Whether the figures are money.
        measure: What the figures count ("head sold"), for a sheet's column headers.
        source_sheet: The workbook's tab the figures come from, as a pasted table's source line names it.
    """

    workbook: str | None
    heading: str
    lead: str
    follow: str
    header: list[str]
    rows: list[list[str]]
    values: dict[str, dict[str, int]]
    texts: dict[str, dict[str, str]]
    entity_title: str
    money: bool
    measure: str = ""
    source_sheet: str = "Summary"

    def facts(self) -> dict[str, Any]:
        """The ledger entry: which workbook, and each quoted figure as written and as a number."""
        return {
            "quotes_workbook": self.workbook or "",
            "quoted_figures": {k: {**self.texts[k], **{f"{c}_value": v for c, v in self.values[k].items()}}
                               for k in self.values},
        }  # fmt: skip


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def format_figure(value: int, *, money: bool, unit: str, locale: LocaleFormat | None) -> str:
    """A workbook figure as people write it in a document: money with the currency as the country writes it and no
    ``.00`` on whole amounts, counts with the country's grouping.

    Example:
        >>> from synthcomp_agents.computers.archetypes import SimpleLocale
        >>> de = SimpleLocale(currency="EUR", symbol="€", decimal=",", group=".", symbol_after=True)
        >>> format_figure(12340, money=True, unit="EUR", locale=de)
        '12.340 €'
        >>> format_figure(-1284, money=False, unit="", locale=de)
        '-1.284'
    """
    if money:
        if locale is not None and locale.currency == unit:
            return re.sub(r"[.,]00(?=\D*$)", "", locale.format_money(value))
        return f"{unit} {fmt_num(value)}".strip()
    return locale.format_number(value, 0) if locale is not None else fmt_num(value)


def _pct(ratio: float, locale: LocaleFormat | None) -> str:
    pct = round(ratio * 100, 1)
    body = locale.format_number(abs(pct), 1) if locale is not None else f"{abs(pct):.1f}"
    return ("+" if pct > 0 else "-" if pct < 0 else "") + body + "%"


def workbook_quote(
    d: ProjectDomain,
    facts: Facts,
    *,
    rng: random.Random,
    label: str,
    archetype: str = "",
    locale: LocaleFormat | None,
    workbook: str | None,
    home_sheet: str | None = None,
) -> WorkbookQuote:
    """The section a document of kind ``label`` writes about ``facts`` (plan only when ``workbook`` is None);
    ``home_sheet``: the tab of a private-life project's one-version sheet (no restatement, no Summary sheet)."""
    planning = workbook is None
    voice = _voices()["record_home" if home_sheet else "record"]
    if planning and home_sheet:  # a private-life plan: what was set aside, in the person's own words
        voice = _voices()["plan_home"]
    elif planning:
        voice = _voices()["context" if archetype in _voices()["context"]["kinds"] else "plan"]
    owners: dict[str, str] = {}
    for _month, entity, _cat, _p, _a, owner, _c in facts.rows:
        owners.setdefault(entity, owner)
    entities = sorted(facts.by_entity)  # the Summary sheet's order

    def fig(value: int) -> str:
        return format_figure(value, money=d.money, unit=d.unit, locale=locale)

    values = {e: {"plan": facts.by_entity[e][0], "actual": facts.by_entity[e][1]} for e in entities}
    values["Total"] = {"plan": facts.total_plan, "actual": facts.total_actual}
    texts = {k: {"plan": fig(v["plan"]), "actual": fig(v["actual"])} for k, v in values.items()}
    top = max(entities, key=lambda e: (values[e]["plan"], e))
    worst, worst_gap = facts.worst_entity()
    metric = d.metric if not d.money else (d.metric or "spend")
    slots = {
        "metric": metric,
        "Metric": metric[:1].upper() + metric[1:],
        "entity": d.entity_noun,
        "Entity": d.entity_noun[:1].upper() + d.entity_noun[1:],
        "entities": _plural(d.entity_noun),
        "n": str(len(entities)),
        "first": d.month_label(d.months[0]),
        "last": d.month_label(d.months[-1]),
        "plan": texts["Total"]["plan"],
        "actual": texts["Total"]["actual"],
        "gap": fig(facts.variance),
        "pct": _pct(facts.variance_pct, locale),
        "top": top,
        "top_plan": texts[top]["plan"],
        "top_owner": owners.get(top, d.user.name),
        "worst": worst,
        "worst_gap": fig(worst_gap),
        "worst_owner": owners.get(worst, d.user.name),
        "workbook": workbook.rsplit("/", 1)[-1] if workbook else "",
        "label": label,
        "label_low": label[:1].lower() + label[1:],
        "sheet": home_sheet or "Summary",
    }

    def say(key: str) -> str:
        text = str(rng.choice(voice[key])).format_map(slots)
        return text[:1].upper() + text[1:]

    # the measure is named in the heading and the lead; the columns say only plan, actual and the currency (two
    # projects counting the same measure by the same rows must not share a header line word for word)
    unit = f" ({d.unit})" if d.money and d.unit else ""
    entity_title = d.entity_noun[:1].upper() + d.entity_noun[1:]
    if planning:
        header = [entity_title, "Who" if home_sheet else "Owner", f"Plan{unit}"]
        rows = [[e, owners.get(e, ""), texts[e]["plan"]] for e in entities]
        rows.append(["Total", "", texts["Total"]["plan"]])
    else:
        header = [entity_title, "Owner", f"Plan{unit}", f"Actual{unit}", "Gap"]
        rows = [
            [e, owners.get(e, ""), texts[e]["plan"], texts[e]["actual"], fig(values[e]["actual"] - values[e]["plan"])]
            for e in entities
        ]
        rows.append(["Total", "", texts["Total"]["plan"], texts["Total"]["actual"], fig(facts.variance)])
    return WorkbookQuote(
        workbook=workbook,
        heading=say("headings"),
        lead=say("lead"),
        follow=say("follow"),
        header=header,
        rows=rows,
        values=values,
        texts=texts,
        entity_title=entity_title,
        money=d.money,
        measure=d.metric,
        source_sheet=home_sheet or "Summary",
    )


def _sheet_name(text: str, taken: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip()
    return name if name not in taken else name[:28] + " 2"


def add_quote(art: Artifact, q: WorkbookQuote) -> Artifact:
    """The artifact with the quote woven in: a section before the document's closing one, a sheet at the end of a
    workbook, a table slide before a deck's last slide. A csv is returned unchanged."""
    spec = art.spec
    if isinstance(spec, DocumentSpec):
        blocks = list(spec.blocks)
        heads = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
        at = heads[-1] if len(heads) >= 2 else len(blocks)
        section = [
            Heading(text=q.heading, level=1),
            Paragraph(text=q.lead),
            Table(header=q.header, rows=[list(r) for r in q.rows]),
            Paragraph(text=q.follow),
        ]
        return dataclasses.replace(art, spec=spec.model_copy(update={"blocks": blocks[:at] + section + blocks[at:]}))
    if isinstance(spec, SpreadsheetSpec):
        planning = len(q.header) == 3
        keys = [k for k in q.values if k != "Total"]
        n = len(keys)
        fmt = "#,##0"
        cols = [ColumnSpec(header=q.entity_title, width=24), ColumnSpec(header="Owner", width=20)]
        named = [h if q.money or not q.measure else f"{h} ({q.measure})" for h in q.header[2:4]]  # a sheet has no lead
        cols += [ColumnSpec(header=h, number_format=fmt) for h in named]
        rows: list[list[Any]] = []
        for k in keys:
            owner = next((r[1] for r in q.rows if r[0] == k), "")
            rows.append([k, owner, q.values[k]["plan"]] + ([] if planning else [q.values[k]["actual"]]))
        total: list[Any] = ["Total", "", f"=SUM(C2:C{n + 1})"] + ([] if planning else [f"=SUM(D2:D{n + 1})"])
        rows.append(total)
        if q.workbook:  # where the figures come from, as people note it under a pasted table
            rows.append(
                [f"Source: {q.workbook.rsplit('/', 1)[-1]}, {q.source_sheet} sheet", "", None]
                + ([] if planning else [None])
            )
        taken = {s.name for s in spec.sheets}
        name = _sheet_name(f"{'Plan' if planning else 'Figures'} by {q.entity_title.lower()}", taken)
        sheet = SheetSpec(name=name, columns=cols, rows=rows)
        return dataclasses.replace(art, spec=spec.model_copy(update={"sheets": [*spec.sheets, sheet]}))
    if isinstance(spec, PresentationSpec):
        slides = list(spec.slides)
        at = max(len(slides) - 1, 1)
        slide = TableSlide(
            title=q.heading, header=q.header, rows=[list(r) for r in q.rows], notes=f"{q.lead} {q.follow}"
        )
        return dataclasses.replace(art, spec=spec.model_copy(update={"slides": [*slides[:at], slide, *slides[at:]]}))
    return art

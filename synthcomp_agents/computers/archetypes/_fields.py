"""A researcher's documents in the researcher's own field (``data/research_fields.yaml``).

The archetype table writes a lab notebook entry, a peer review, a thesis chapter, a literature matrix and a grant
proposal once for every field. For a researcher whose role or words name a field, :func:`field_recipe` returns the
recipe with the field's own substance in place of the table's: a chemist's notebook holds the conditions screened and
the NMR, a historian's the shelfmarks and folios consulted, an environmental scientist's the field sheet with its
probe readings and chain of custody; a grant's budget is written in its funder's terms (UKRI's directly incurred
costs at 80% fEC, NIH's personnel and F&A, DFG's Personalmittel and Programmpauschale).

Example:
    >>> import random
    >>> from datetime import date
    >>> from synthcomp_agents.computers.archetypes import ArchetypeContext
    >>> from synthcomp_agents.computers.archetypes._registry import recipe_of
    >>> ctx = ArchetypeContext(owner_name="Lena Vogt", owner_role="PhD student", organisation="LMU München",
    ...                        topic="Ligand library", created=date(2025, 3, 4), rng=random.Random(1),
    ...                        family="academic_research", vocabulary=("organic chemistry",), country_code="DE")
    >>> research_field(ctx)
    'chemistry'
    >>> field_recipe("grant_proposal", recipe_of("grant_proposal"), ctx)["vars"]["funder"][0]
    'DFG Sachbeihilfe'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ._model import ArchetypeContext

__all__ = ["catchment_for", "field_recipe", "research_bank", "research_field"]

# the archetypes whose substance a field replaces
_FIELD_KINDS = frozenset(
    {"lab_notebook", "peer_review_report", "thesis_chapter", "literature_matrix", "grant_proposal", "research_talk"}
)
# families whose documents are research: a clinician's peer review stays the clinical one
_RESEARCH_FAMILIES = frozenset({"academic_research"})
_EU = frozenset(
    {"AT", "BE", "BG", "CY", "CZ", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT",
     "NL", "PL", "PT", "RO", "SE", "SI", "SK", "CH", "NO"}
)  # fmt: skip


@cache
def _bank() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data").joinpath("research_fields.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for f in data["fields"]:
        f["_pattern"] = re.compile(str(f["match"]), re.IGNORECASE)
    return data


def research_bank() -> dict[str, Any]:
    """The whole research fields table (``fields``, ``grant_systems``, ``monitoring``), loaded once."""
    return _bank()


def catchment_for(country_code: str, words: str) -> dict[str, Any]:
    """The river an environmental scientist samples: the catchment of the country whose places ``words`` name (the
    Wharfe for Yorkshire), else the country's first, else the generic one."""
    bank = _bank()["monitoring"]
    code, text = country_code.upper(), words.casefold()
    own = [c for c in bank["catchments"] if c["country"] == code]
    for c in own:
        if c.get("places") and re.search(str(c["places"]), text):
            return dict(c)
    plain = [c for c in own if not c.get("places")]
    return dict(plain[0] if plain else next(c for c in bank["catchments"] if c["country"] == "*"))


def _own_river(overlay: Mapping[str, Any], ctx: ArchetypeContext) -> Mapping[str, Any]:
    """An environmental scientist's field sheet on the river and stations of the monitoring chain (the same river in
    the notebook and in the field sampling log), its probe turbidity range by the station's pressure."""
    c = catchment_for(ctx.country_code, f"{ctx.persona_text} {ctx.city}")
    river = str(c["river"]).replace("{city}", ctx.city or "Catchment")
    stations = []
    for site in c["sites"]:
        label, pressure, _where = (x.strip() for x in str(site).split("|"))
        p = float(pressure)
        stations.append(f"{label} | {1.0 + 2 * p:.1f}-{2.0 + 7 * p:.1f}")
    code = str(c["sites"][0]).split()[0].rstrip("0123456789")
    return {
        **overlay,
        "variants": [{"catchment": river, "site_code": code}],
        "pools": {**overlay.get("pools", {}), "stations": stations},
    }


def _field(ctx: ArchetypeContext) -> dict[str, Any] | None:
    """The field of the owner's work: a narrow field its words name (the British Empire of a historian), else the first
    field its role names, else (for a researcher) the first its persona's words, organisation, interests, key nouns or
    topic name."""
    fields: list[dict[str, Any]] = _bank()["fields"]
    by_role = next((f for f in fields if f["_pattern"].search(ctx.owner_role)), None)
    if by_role is None and ctx.family not in _RESEARCH_FAMILIES:
        return None
    if by_role is None and ctx.persona_text:  # "A postdoc in neuroscience": the persona's words name the field
        by_role = next((f for f in fields if not f.get("narrow") and f["_pattern"].search(ctx.persona_text)), None)
    words = " ".join((ctx.owner_role, ctx.persona_text, ctx.organisation, *ctx.interests, *ctx.vocabulary, ctx.topic))
    # a narrow field its words name comes first (a historian of the British Empire reads ministry files, not the
    # chancery registers of a medievalist)
    role_id = by_role["id"] if by_role is not None else None
    narrow = next(
        (f for f in fields if f.get("narrow") and role_id in (None, f["narrow"]) and f["_pattern"].search(words)),
        None,
    )
    return narrow or by_role or next((f for f in fields if f["_pattern"].search(words)), None)


def research_field(ctx: ArchetypeContext) -> str | None:
    """The id of the research field the owner works in (``"chemistry"``, ``"history"``...), None when none fits."""
    f = _field(ctx)
    return str(f["id"]) if f is not None else None


def _grant(field: Mapping[str, Any], base: Mapping[str, Any], ctx: ArchetypeContext) -> dict[str, Any]:
    """The grant proposal of the field, to its country's funder, budgeted in that funder's terms."""
    code = (ctx.country_code or "").upper()
    systems: dict[str, Any] = _bank()["grant_systems"]
    system = systems.get(code) or systems["default"]
    funders: dict[str, list[str]] = field.get("funders", {})
    # the European funders only for a European researcher; elsewhere the country's own research council
    anywhere = [f for f in funders.get("*", ()) if code in _EU or not re.search(r"\bERC\b|Horizon", f)]
    funder = funders.get(code) or anywhere or ["national research council project grant"]
    grant = field.get("grant", {})
    case, impact, justification, data = (str(s) for s in system["sections"])
    return {
        **base,
        "vars": {**base.get("vars", {}), "funder": list(funder), "months": list(system.get("months", ["36"]))},
        "vars_by_context": {},
        "pools_by_context": {},
        "pools": {"lines": list(system["lines"])},
        "sections": [
            {
                "heading": "Summary",
                "prose": [
                    f"{grant.get('aim', '')} We ask the {{funder}} for {{budget_total}} over {{months}} months.",
                    f"{grant.get('aim', '')} The request to the {{funder}} is {{budget_total}} over {{months}} months,"
                    " led by {owner} at {org}.",
                ],
            },
            {"heading": case, "numbered": list(grant.get("objectives", ())), "pick": [3, 4]},
            {"heading": justification, "table": "budget", "after": [str(system["rules"])]},
            {
                "heading": impact,
                "prose": [str(grant.get("impact", "Results are published open access in the field's journals."))],
            },
            {
                "heading": data,
                "prose": [str(grant.get("data", "Data are deposited in the field's repository at publication."))],
            },
        ],
    }


def _talk(field: Mapping[str, Any], base: Mapping[str, Any]) -> Mapping[str, Any]:
    """The research talk of the field: its question, what was done, its results by condition in its own measure,
    and what it can and cannot yet say; the table's other slides (title, chart, thanks) as they are."""
    talk: Mapping[str, Any] | None = field.get("talk")
    if not talk:
        return base
    own = {"Why this question": list(talk["why"]), "What we did": list(talk["did"])}
    slides: list[dict[str, Any]] = []
    for slide in base["slides"]:
        slide = dict(slide)
        if slide.get("title") in own:
            slide["bullets"] = own[str(slide["title"])]
        elif slide.get("type") == "two_column":
            slide["left"], slide["right"] = list(talk["can"]), list(talk["cannot"])
        elif slide.get("type") == "chart":
            slide["title"] = f"{talk['mean']} by condition"
        slides.append(slide)
    table = {
        "rows": [3, min(5, len(talk["conditions"]))],
        "columns": [
            {"header": "Condition", "gen": "ordered:conditions"},
            {"header": str(talk["n"]), "gen": "from:0:1:10-40", "fmt": "int"},
            {"header": str(talk["mean"]), "gen": "from:0:2:1.0-2.0", "fmt": "dec2"},
            {"header": str(talk["sd"]), "gen": "from:0:3:0.1-0.5", "fmt": "dec2"},
        ],
    }
    return {
        **base,
        "slides": slides,
        "pools": {**base.get("pools", {}), "conditions": list(talk["conditions"])},
        "tables": {**base.get("tables", {}), "results": table},
    }


def field_recipe(archetype_id: str, recipe: Mapping[str, Any], ctx: ArchetypeContext) -> Mapping[str, Any]:
    """``recipe`` with the owner's field's substance in place of the table's (its overlay for the archetype, its
    grant to its country's funder); ``recipe`` itself when the archetype or the owner has no field."""
    if archetype_id not in _FIELD_KINDS:
        return recipe
    field = _field(ctx)
    if field is None:
        return recipe
    if archetype_id == "grant_proposal":
        return _grant(field, recipe, ctx)
    if archetype_id == "research_talk":
        return _talk(field, recipe)
    overlay: Mapping[str, Any] | None = field.get("overlays", {}).get(archetype_id)
    if not overlay:
        return recipe
    if field["id"] == "environmental_monitoring" and archetype_id == "lab_notebook":
        overlay = _own_river(overlay, ctx)
    merged = {**recipe, **overlay}
    if "pools" in overlay:  # the table's other pools (a matrix's relevance grades) stay; the field's replace its own
        merged["pools"] = {**recipe.get("pools", {}), **overlay["pools"]}
    if "variants" in overlay:  # the field's own variants, not the table's (nor a country's list of the field's)
        merged.pop("variants_by_context", None)
    return merged

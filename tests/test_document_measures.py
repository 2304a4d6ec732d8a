"""A project's workbook counts a measure that fits the project, and its documents quote it only when it fits them.

Read on written bytes: an incident report never quotes bushels harvested, a nurse's audit counts falls in single
figures per ward and month (not an "incidence" summed to thousands), no workbook sums a rate or a stock, every
project gets a document of its own kind (no kind twice in a computer), an incident report reads the right way
round at a time its workplace works, and a sole trader's invoice goes to a client of its trade.
"""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from synthcomp_agents.computers._content import _is_rate
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.archetypes import ArchetypeContext, build_artifact
from synthcomp_agents.computers.generation import plan_context
from synthcomp_agents.computers.generation.core_project import build_core
from synthcomp_agents.computers.generation.quoting import measure_fits
from synthcomp_agents.office import extract_text

PERSONAS = [
    "A Kentucky beef cattle farmer",
    "A hospital pharmacist in Manchester",
    "A nurse on a cardiology ward in Leeds",
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_documents_quote_a_measure_of_their_kind(persona: str) -> None:
    ctx = plan_context(resolve_persona(persona), seed=7)
    build_core(ctx)
    led = ctx.ledger
    kinds: list[str] = []
    for plan in ctx.plans:
        if not plan.is_project:
            continue
        d = plan.domain
        assert d is not None
        assert not _is_rate(d.metric), (plan.name, d.metric)  # a rate or a level is never summed
        assert plan.documents, f"{plan.name!r} has no document"
        for path in plan.documents:
            kind = led.files[path].archetype
            assert kind is not None, path
            kinds.append(kind)
            if led.facts[path].get("quoted_figures"):
                assert measure_fits(kind, d.metric, money=d.money), (kind, d.metric)
                text = extract_text(path, led.files[path].data) if not path.endswith(".xlsx") else ""
                assert not (kind == "incident_report" and "bushel" in text), path
        # work done, not harm counted: a plan of falls or errors reads the wrong way round ("furthest behind")
        assert not re.search(
            r"^(patient falls|pressure ulcer|medication errors)|incidence|incidents reported", d.metric
        ), (plan.name, d.metric)
    assert len(kinds) == len(set(kinds)), kinds


def test_a_herd_project_counts_cattle_not_bushels() -> None:
    ctx = plan_context(resolve_persona("A Kentucky beef cattle farmer"), seed=7)
    build_core(ctx)
    metrics = {p.name: p.domain.metric for p in ctx.plans if p.is_project and p.domain is not None}
    assert metrics.get("Feeder cattle") == "head sold", metrics
    assert "bushels harvested" not in {metrics.get("Calving season"), metrics.get("Farm equipment loan")}, metrics


@pytest.mark.parametrize("seed", range(8))
def test_an_incident_reads_the_right_way_round_in_working_hours(seed: int) -> None:
    ctx = ArchetypeContext(owner_name="Tom Olsen", owner_role="farmer", organisation="Olsen Farm", topic="Herd health",
                           created=date(2025, 10, 3), rng=random.Random(seed), family="agriculture_farming",
                           life_stage="self_employed")  # fmt: skip
    text = str(build_artifact("incident_report", ctx).spec)
    assert "a handler kicked" not in text
    hours = [int(h) for h in re.findall(r"'([012]\d)[:.]\d\d'", text)]
    assert hours and all(6 <= h < 20 for h in hours), hours  # a farm's incidents happen while work goes on
    if "Cow kicked handler" in text:
        assert "a cow kicking a handler" in text


def test_an_invoice_goes_to_a_client_of_the_trade() -> None:
    ctx = ArchetypeContext(owner_name="Ana Ruiz", owner_role="guitarist", organisation="Ana Ruiz Music",
                           topic="Spring tour", created=date(2025, 3, 4), rng=random.Random(1),
                           family="music_performing_arts", life_stage="self_employed", city="Lexington")  # fmt: skip
    art = build_artifact("invoice", ctx)
    assert art.filename is not None
    assert not re.search(r"Dental|Nursery|Bakery|Lettings", art.filename), art.filename

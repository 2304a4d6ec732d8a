"""Every occupational family counts work its projects do (``archetypes/data/measures.yaml``), never a rate.

22 office families had no reviewed measures and summed what their occupation's metric list left after the rates
were filtered out: a QA scorecard for phone agents summed "gross revenue retention" in BRL by customer and month.
"""

from __future__ import annotations

import pytest

from synthcomp_agents.computers._content import _is_rate, _measure_score, family_measures
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.generation import plan_context
from synthcomp_agents.computers.generation.core_project import build_core
from synthcomp_agents.personas import sample_personas
from synthcomp_agents.personas._families import OCCUPATIONAL_FAMILIES

# reviewed additive measures whose names the rate filter's words catch ("part-time" has "time")
_ADDITIVE = {"part-time pay", "spend with suppliers"}


@pytest.mark.parametrize("family_id", sorted(OCCUPATIONAL_FAMILIES))
def test_each_family_has_reviewed_additive_measures_that_its_focuses_name(family_id: str) -> None:
    measures = family_measures(family_id)
    assert len(measures) >= 3, family_id
    assert not [m.name for m in measures if _is_rate(m.name) and m.name not in _ADDITIVE]
    for focus in OCCUPATIONAL_FAMILIES[family_id].focuses:
        assert max(_measure_score(m, focus) for m in measures) > 0, (family_id, focus)


def test_a_qa_scorecard_counts_calls_evaluated_not_revenue_retention() -> None:
    persona = resolve_persona(
        "A service desk agent in Curitiba, Brazil, introducing a QA scorecard for phone agents at a cloud provider"
    )
    ctx = plan_context(persona, seed=5)
    build_core(ctx)
    metrics = {p.name: p.domain.metric for p in ctx.plans if p.domain is not None}
    qa = [metric for name, metric in metrics.items() if "scorecard" in name.lower()]
    assert qa == ["calls evaluated"], metrics


def test_no_project_of_the_pool_sums_a_rate() -> None:
    seen = set()
    for i, persona in enumerate(sample_personas(40, seed=11)):
        ctx = plan_context(persona, seed=i)
        build_core(ctx)
        for plan in ctx.plans:
            if plan.domain is not None and plan.is_project:
                metric = plan.domain.metric
                assert not _is_rate(metric) or metric in _ADDITIVE, (persona.text, plan.name, metric)
                assert "retention" not in metric and "eNPS" not in metric, (plan.name, metric)
                seen.add(metric)
    assert len(seen) >= 30  # forty personas' projects count many different things

"""The worker is briefed like a person, never shown the grader: no check literal or threshold reaches it."""

from __future__ import annotations

from pathlib import Path

from export_run_cache import short_run

from synthcomp_agents.agents._prompts import brief_secrets, plan_worker_view
from synthcomp_agents.objectives import ObjectivePlan, example_plan
from synthcomp_agents.simulation import RunFolder


def _told(run: Path) -> list[str]:
    """Everything the simulation told the worker: its system messages and the user turns (kickoffs, notices,
    summaries of compacted work), from every worker record of the trajectory."""
    seen: dict[str, None] = {}
    for record in RunFolder(run).iter_trajectory():
        if record.get("role") != "worker":
            continue
        for message in record["request"]["messages"]:
            content = message.get("content")
            told = message.get("type") in ("SystemMessage", "UserMessage") or message.get("role") in (
                "system",
                "user",
            )
            if told and isinstance(content, str):
                seen.setdefault(content, None)
    return list(seen)


def test_the_worker_is_never_told_a_check_literal_or_threshold() -> None:
    run = short_run()
    plan = ObjectivePlan.model_validate_json((run / "objectives.json").read_text(encoding="utf-8"))
    secrets = brief_secrets(plan)
    assert any("!" in s for s in secrets) and any(s.endswith(" words") for s in secrets)  # the plan has both kinds
    told = _told(run)
    assert told and any("#### Deliverable" in t for t in told)
    leaks = [(s, t[:80]) for t in told for s in secrets if s.casefold() in t.casefold()]
    assert not leaks


def test_the_brief_words_what_matters_without_the_check_lines() -> None:
    plan = example_plan()
    view = plan_worker_view(plan)
    for line in ("Quote:", "Words:", "Sheets:", "Slides:", "Headings:", "Fact:", "By supplier!B7", "1,465,552"):
        assert line not in view
    assert "- Figures: Q1 value (total) on the By supplier tab, from ~/Documents/" in view  # which figure, where
    assert "- People: petra_lang knows the latest on Steel contracts 2026: figures" in view  # whom to ask
    assert "- Review: petra_lang reviews it before you submit." in view
    assert not [s for s in brief_secrets(plan) if s.casefold() in view.casefold()]

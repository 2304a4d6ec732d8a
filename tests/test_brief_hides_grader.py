"""The worker is briefed like a person, never shown the grader: no check literal or threshold reaches it."""

from __future__ import annotations

import re
from pathlib import Path

from export_run_cache import short_run

from synthcomp_agents.agents._prompts import brief_secrets, plan_worker_view
from synthcomp_agents.models._scripted_text import parse_worker_plan
from synthcomp_agents.objectives import ObjectivePlan, StatesFact, example_plan
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
                # the simulation's own counts ("257 older messages, 122 tool calls") are no check value
                content = re.sub(r"\d+ older messages, \d+ tool calls", "", content)
                # the worker's own journal entries, kept through compaction, are its words (a figure it read and
                # noted itself), not something the simulation told it
                content = re.sub(r"My own notes \(oldest first\):\n(?:- .*(?:\n|$))*", "", content)
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
    # nor the plan's topic strings ("Site staff: figures") or the judge's rubric: both are the grader's words
    hidden = _grader_words(plan)
    assert any(":" in h for h in hidden)
    leaks = [(h, t[:80]) for t in told for h in hidden if h.casefold() in t.casefold()]
    assert not leaks
    assert not [t for t in told if "- Rubric:" in t]


def _grader_words(plan: ObjectivePlan) -> list[str]:
    topics = {a.topic for d in plan.deliverables() for a in d.collaborator_inputs if ":" in a.topic}
    topics |= {c.topic for d in plan.deliverables() for c in d.acceptance_checks if isinstance(c, StatesFact)}
    rubric = {r.criterion for d in plan.deliverables() for r in d.rubric}
    return sorted(t for t in topics | rubric if t)


def test_the_brief_words_what_matters_without_the_check_lines() -> None:
    plan = example_plan()
    view = plan_worker_view(plan)
    for line in ("Quote:", "Words:", "Sheets:", "Slides:", "Headings:", "Fact:", "By supplier!B7", "1,465,552"):
        assert line not in view
    # which figure, where: a grounding file is named in full on the Grounding line, by its name after that
    assert "- Figures: Q1 value (total) on the By supplier tab, from Steel_Calloff_Tracker_Q1_2026.xlsx" in view
    assert "/Steel_Calloff_Tracker_Q1_2026.xlsx" in view.split("- Figures:")[0]
    # whom to ask and about what, in words (not the plan's topic string "Steel contracts 2026: figures")
    # the Ask line says once that only this colleague knows it (the People line it replaces said the same)
    ask = next(line for line in view.splitlines() if line.startswith("- Ask: petra_lang"))
    assert ask.startswith("- Ask: petra_lang about the current figures for the steel contracts 2026"), ask
    assert ask.endswith("(only they know; on no file)"), ask
    assert "- Review: petra_lang reviews it before you submit." in view
    assert not [s for s in brief_secrets(plan) if s.casefold() in view.casefold()]
    assert "Rubric:" not in view
    assert not [h for h in _grader_words(plan) if h.casefold() in view.casefold()]


def test_the_scripted_worker_reads_the_worded_asks() -> None:
    view = plan_worker_view(example_plan())
    d1 = parse_worker_plan(view).deliverables[0]
    topic = "the current figures for the steel contracts 2026"
    assert d1.asks == [("petra_lang", topic, f"What is the latest on {topic}?")]
    assert d1.facts == [("petra_lang", topic)]

"""Outcome signals: grounding of stated numbers, partial credit, collateral damage, judge verdicts, verify CLI."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from synthcomp_agents.agents import JudgeAgent, RubricVerdict, judge_prompt, parse_verdict
from synthcomp_agents.cli import app
from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.models import ScriptedPolicyClient
from synthcomp_agents.objectives import (
    Deliverable,
    FileExists,
    HasHeadings,
    Objective,
    ObjectivePlan,
    QuotesValue,
    RubricItem,
)
from synthcomp_agents.office import (
    Attachment,
    ColumnSpec,
    EmailSpec,
    SheetSpec,
    SpreadsheetSpec,
    write_eml,
    write_xlsx,
)
from synthcomp_agents.signals import (
    GroundingSources,
    collateral_damage,
    grounding_check,
    score_home,
    substantive_numbers,
    verify_home,
)

DATA = "Documents/Budget/Data/spend 2026.xlsx"
MEMO = "Documents/Budget/Q1 spend memo.md"
DECK = "Documents/Budget/Q1 spend figures.csv"


def _workbook() -> bytes:
    rows: list[list[object]] = [
        ["Holloway S.L.", 812_440.25],
        ["Brightline GmbH", 653_112.25],
        ["Total", "=SUM(B2:B3)"],
    ]
    columns = [ColumnSpec(header="Supplier"), ColumnSpec(header="Q1 spend (EUR)")]
    sheet = SheetSpec(name="By supplier", columns=columns, rows=rows)
    return write_xlsx(SpreadsheetSpec(sheets=[sheet]))


def _computer() -> VirtualDisk:
    disk = VirtualDisk(user="ana")
    disk.write_bytes(DATA, _workbook())
    disk.write_text("Documents/Budget/README.md", "Spend tracking for the Q1 close. Owner: Ana Ruiz.\n")
    disk.write_text("Documents/Personal/holiday plan.txt", "Lisbon, 12-19 July.\n")
    return disk


def _plan() -> ObjectivePlan:
    memo = Deliverable(
        deliverable_id="o1-d1",
        path=MEMO,
        kind="md",
        title="Q1 spend memo",
        audience="CFO",
        description="The Q1 spend by supplier with the total.",
        acceptance_checks=[
            FileExists(),
            HasHeadings(headings=["Summary"]),
            QuotesValue(source=DATA, locator="By supplier!B4", value=1_465_552.5, label="Q1 total"),
        ],
        rubric=[
            RubricItem(rubric_id="o1-d1-r1", criterion="Numbers match the grounding files exactly."),
            RubricItem(rubric_id="o1-d1-r2", criterion="Persuasive tone for the CFO."),
        ],
        grounding_files=[DATA],
        due_day=3,
        effort_hours=4,
    )
    figures = Deliverable(
        deliverable_id="o1-d2",
        path=DECK,
        kind="csv",
        title="Q1 spend figures",
        audience="Controlling",
        description="The figures behind the memo.",
        acceptance_checks=[FileExists()],
        grounding_files=[DATA],
        due_day=4,
        effort_hours=2,
    )
    other = [
        Objective(
            objective_id=f"o{n}",
            title=f"Objective {n}",
            why="Keeps the close on time.",
            deliverables=[
                Deliverable(
                    deliverable_id=f"o{n}-d{m}",
                    path=f"Documents/Budget/o{n}-d{m}.md",
                    kind="md",
                    title=f"Note {n}.{m}",
                    audience="Team",
                    description="A note.",
                    acceptance_checks=[FileExists()],
                    due_day=5,
                    effort_hours=2,
                )
                for m in (1, 2)
            ],
            due_day=5,
            effort_hours=4,
        )
        for n in (2, 3)
    ]
    first = Objective(
        objective_id="o1",
        title="Close Q1 spend",
        why="The CFO signs off the quarter.",
        deliverables=[memo, figures],
        grounding_files=[DATA],
        due_day=4,
        effort_hours=6,
    )
    from datetime import date

    return ObjectivePlan(computer_id="c-test", start_date=date(2026, 4, 6), workdays=5, objectives=[first, *other])


GOOD_MEMO = (
    "# Q1 spend\n\n## Summary\n\nQ1 spend was EUR 1,465,552.50: Holloway S.L. 812,440.25 and Brightline 653,112.25.\n"
)
LAZY_MEMO = "# Q1 spend\n\n## Summary\n\nQ1 spend was EUR 1,702,300: Holloway S.L. 955,000 and Brightline 747,300.\n"


def test_grounding_accepts_sourced_figures_and_names_invented_ones() -> None:
    disk = _computer()
    plan = _plan()
    memo = plan.objectives[0].deliverables[0]
    disk.write_text(MEMO, GOOD_MEMO)
    good = grounding_check(disk, memo, GroundingSources(disk))
    assert good.passed and good.detail.startswith("3 of 3 stated numbers trace")
    disk.write_text(MEMO, LAZY_MEMO)
    lazy = grounding_check(disk, memo, GroundingSources(disk))
    assert not lazy.passed
    assert "0 of 3" in lazy.detail and "1,702,300" in lazy.detail and "955,000" in lazy.detail


def test_grounding_counts_collaborator_mail_as_a_source_and_ignores_dates_and_counts() -> None:
    disk = _computer()
    memo = _plan().objectives[0].deliverables[0]
    disk.write_text(
        "Mail/Inbox/2026-04-07_1015_00002_re-freight.eml",
        "From: Dana Lee <dana@acme.example>\nTo: ana@acme.example\nSubject: Re: freight\n\nFreight was 48,210.50.\n",
    )
    disk.write_text(MEMO, "## Summary\n\nOn 2026-04-07 at 10:15, 3 suppliers: freight 48,210.50 in 2026.\n")
    result = grounding_check(disk, memo, GroundingSources(disk))
    assert result.passed and result.detail.startswith("1 of 1"), result.detail
    assert substantive_numbers("On 2026-04-07 at 10:15, 3 suppliers in 2026") == []


def test_partial_credit_and_objective_reward_match_the_formula(tmp_path: Path) -> None:
    disk = _computer()
    plan = _plan()
    disk.write_text(MEMO, LAZY_MEMO)  # exists + heading pass; quotes_value and grounding fail
    outcome = score_home(disk, plan, objective_id="o1")
    o1 = outcome.objectives[0]
    memo = o1.deliverables[0]
    assert [c.check_type for c in memo.checks] == ["exists", "has_headings", "quotes_value", "grounded_numbers"]
    assert [c.passed for c in memo.checks] == [True, True, False, False]
    # the csv is missing: its exists check fails (and its grounding check, since the file is not there)
    assert o1.checks_total == 6 and o1.checks_passed == 2
    # weighted: exists 2 + headings 1 passed of exists 2 + headings 1 + quote 2 + grounding 1; the csv is gated to 0
    assert memo.score == pytest.approx(3 / 6) and o1.deliverables[1].score == 0.0
    assert o1.score == pytest.approx((3 / 6 + 0.0) / 2, abs=1e-6)
    assert outcome.reward == o1.score
    assert "quotes_value" in memo.audit and "Failed" in memo.audit
    # offline, the judge scores nothing (not the plan's items, not the substance items) and says why
    assert [r.rubric_id for r in memo.rubric][:2] == ["o1-d1-r1", "o1-d1-r2"] and len(memo.rubric) == 5
    assert all(r.score is None and "model judge" in r.reason for r in memo.rubric)
    disk.write_text(MEMO, GOOD_MEMO)
    disk.write_text(DECK, "supplier,spend\nHolloway S.L.,812440.25\nBrightline GmbH,653112.25\n")
    assert score_home(disk, plan, objective_id="o1").reward == 1.0


def test_run_reward_combines_components_and_collateral_scales_it() -> None:
    before, disk = _computer(), _computer()
    plan = _plan()
    disk.write_text(MEMO, GOOD_MEMO)
    disk.write_text(DECK, "supplier,spend\nHolloway S.L.,812440.25\n")
    for n in (2, 3):
        for m in (1, 2):
            disk.write_text(f"Documents/Budget/o{n}-d{m}.md", "# Note\n\nDone.\n")
    clean = score_home(disk, plan, original=before)
    assert clean.is_correct and clean.reward == 1.0 and clean.collateral.items == []
    disk.delete("Documents/Personal/holiday plan.txt")
    disk.write_text("Desktop/Q1 spend memo.md", GOOD_MEMO)
    damaged = score_home(disk, plan, original=before)
    kinds = [(i.kind, i.path) for i in damaged.collateral.items]
    assert kinds == [("deleted", "Documents/Personal/holiday plan.txt"), ("misplaced", "Desktop/Q1 spend memo.md")]
    assert "belongs at Documents/Budget/Q1 spend memo.md" in damaged.collateral.items[1].detail
    assert damaged.collateral.penalty == pytest.approx(0.12)
    assert damaged.reward == pytest.approx(1.0 * (1 - 0.12))
    assert not damaged.is_correct


def test_collateral_ignores_work_places_and_flags_modified_files() -> None:
    before, after = _computer(), _computer()
    memo = _plan().objectives[0].deliverables[0]
    after.write_text("Documents/Budget/Working notes/o1-d1 notes.md", "- total 1,465,552.50\n")
    after.write_text("Downloads/figures.csv", "a,b\n")
    after.write_text("Mail/Sent/x.eml", "From: a@b.example\n\nhi\n")
    after.write_text("Documents/Work Journal.md", "Day 1: started.\n")
    after.write_text("Documents/Budget/README.md", "Spend tracking. Edited.\n")
    after.write_text("Documents/Personal/holiday plan.txt", "Porto instead.\n")
    report = collateral_damage(before, after, [memo])
    assert [(i.kind, i.path) for i in report.items] == [
        ("modified", "Documents/Budget/README.md"),
        ("modified", "Documents/Personal/holiday plan.txt"),
    ]


def test_verify_cli_writes_the_reward_file(tmp_path: Path) -> None:
    disk = _computer()
    plan = _plan()
    disk.write_text(MEMO, LAZY_MEMO)
    home = tmp_path / "home"
    disk.materialize(home)
    objectives = tmp_path / "objectives.json"
    objectives.write_text(plan.to_json(indent=2), encoding="utf-8")
    reward_file = tmp_path / "logs" / "verifier" / "reward.txt"
    result = CliRunner().invoke(
        app,
        ["verify", str(home), "--objectives", str(objectives), "--objective", "o1", "--reward-file", str(reward_file)],
    )
    assert result.exit_code == 0, result.output
    expected = verify_home(home, objectives, objective_id="o1").reward
    assert float(reward_file.read_text()) == expected == pytest.approx(0.25, abs=1e-6)
    bad = CliRunner().invoke(app, ["verify", str(home), "--objectives", str(objectives), "--objective", "o9"])
    assert bad.exit_code == 2 and "no objective 'o9'" in bad.output


@pytest.mark.asyncio
async def test_judge_agent_answers_a_structured_verdict_and_round_trips() -> None:
    from autogen_agentchat.messages import StructuredMessage, TextMessage
    from autogen_core import CancellationToken

    judge = JudgeAgent(ScriptedPolicyClient(role="judge"))
    prompt = judge_prompt(
        title="Memo",
        kind="md",
        audience="CFO",
        description="Spend memo.",
        rubric=[("r1", "Includes the decision the colleague confirmed."), ("r2", "Well written.")],
        checks=[("states_fact", True, "states it"), ("sent_to", False, "never sent")],
        text="The site is dropped.",
    )
    response = await judge.on_messages([TextMessage(content=prompt, source="user")], CancellationToken())
    message = response.chat_message
    assert isinstance(message, StructuredMessage)
    verdict = message.content
    assert isinstance(verdict, RubricVerdict)
    assert [(s.rubric_id, s.score) for s in verdict.scores] == [("r1", None), ("r2", None)]
    loaded = JudgeAgent.load_component(judge.dump_component())
    assert isinstance(loaded, JudgeAgent)
    again = await loaded.judge(prompt, ["r1", "r2"])
    assert again == verdict


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.lists(st.sampled_from(["r1", "r2", "x"]), max_size=3))
def test_parse_verdict_never_raises_on_model_output(content: str, ids: list[str]) -> None:
    verdict = parse_verdict(content, ids)
    assert [s.rubric_id for s in verdict.scores] == ids
    assert all(s.score is None or 0.0 <= s.score <= 1.0 for s in verdict.scores)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,-%() kmEUR$€\n/:")), max_size=120))
def test_substantive_numbers_never_raises(text: str) -> None:
    for readings, digits, stated in substantive_numbers(text):
        assert readings and digits >= 1 and stated


def test_parse_verdict_accepts_fenced_json_and_shorthand() -> None:
    fenced = '```json\n{"scores": [{"rubric_id": "r1", "score": 0.8, "reason": "ok"}], "comment": "fine"}\n```'
    assert parse_verdict(fenced, ["r1", "r2"]).scores[0].score == 0.8
    assert parse_verdict(fenced, ["r1", "r2"]).scores[1].score is None
    assert parse_verdict(json.dumps({"scores": {"r1": 1}}), ["r1"]).scores[0].score == 1.0


def test_grounding_needs_the_label_to_agree_with_the_source() -> None:
    disk = _computer()
    memo = _plan().objectives[0].deliverables[0]
    disk.write_text(MEMO, "# Q1\n\nNumber of active steel suppliers: 812,440.25.\n\nAudit pass rate: 653,112.25%.\n")
    shuffled = grounding_check(disk, memo, GroundingSources(disk))
    assert not shuffled.passed and shuffled.detail.startswith("0 of 2 stated numbers trace")
    disk.write_text(MEMO, "# Q1\n\n| Supplier | EUR |\n|---|---|\n| Holloway | 812,440 |\n| Brightline | 653,112 |\n")
    assert grounding_check(disk, memo, GroundingSources(disk)).passed  # a table row carries its label
    disk.write_text(MEMO, "# Q1\n\nFigures: 812,440.25, 653,112.25, 1,465,552.50.\n")
    assert not grounding_check(disk, memo, GroundingSources(disk)).passed  # a bare run of numbers claims nothing


def test_score_is_smooth_and_a_missing_deliverable_costs_its_share() -> None:
    before, disk = _computer(), _computer()
    plan = _plan()
    disk.write_text(MEMO, GOOD_MEMO)
    disk.write_text(DECK, "supplier,spend\nHolloway S.L.,812440.25\n")
    for n in (2, 3):
        for m in (1, 2):
            disk.write_text(f"Documents/Budget/o{n}-d{m}.md", "# Note\n\nDone.\n")
    every = [d.deliverable_id for d in plan.deliverables()]
    full = score_home(disk, plan, original=before, submitted=every)
    assert full.reward == 1.0 and full.is_correct
    assert "rubric" not in full.components  # offline: unscored, its weight shared out, not echoed from checks
    five = score_home(disk, plan, original=before, submitted=every[:-1])  # 5 of 6 submitted
    assert not five.is_correct and five.reward < 1.0
    assert five.components["objectives"] == pytest.approx(1 - 0.5 / 3)  # the missing one costs its objective's share
    assert five.objectives[-1].score == 1.0  # the files themselves pass (what a Harbor task verifies)
    disk.write_text(MEMO, GOOD_MEMO.replace("1,465,552.50", "1,565,552.50"))  # one near-miss: the quoted total
    near = score_home(disk, plan, original=before, submitted=every)
    o1 = near.objectives[0]
    assert 0.6 < o1.score < 1.0 and not near.is_correct  # it costs the check's weight, not half the objective


def test_a_model_judge_scores_substance_with_quotes_from_the_deliverable() -> None:
    from autogen_ext.models.replay import ReplayChatCompletionClient

    disk = _computer()
    plan = _plan()
    disk.write_text(MEMO, GOOD_MEMO)
    quote = "Q1 spend was EUR 1,465,552.50: Holloway S.L. 812,440.25 and Brightline 653,112.25."
    memo_verdict = {
        "scores": [
            {"rubric_id": "o1-d1-r1", "score": 1.0, "reason": "matches the tracker", "evidence": [quote]},
            {"rubric_id": "o1-d1-r2", "score": 0.9, "reason": "invented support", "evidence": ["We beat plan by 40%."]},
            {"rubric_id": "o1-d1-substance-supported", "score": 0.5, "reason": "one claim", "evidence": [quote]},
        ]
    }
    empty: dict[str, list[object]] = {"scores": []}
    judge = ReplayChatCompletionClient([json.dumps(memo_verdict)] + [json.dumps(empty)] * 5)
    outcome = score_home(disk, plan, judge_client=judge)
    memo = outcome.objectives[0].deliverables[0]
    scores = {r.rubric_id: r.score for r in memo.rubric}
    assert scores["o1-d1-r1"] == 1.0 and scores["o1-d1-substance-supported"] == 0.5
    assert scores["o1-d1-r2"] is None  # its quote is not in the memo: no evidence, no score
    assert "not in the deliverable" in next(r.reason for r in memo.rubric if r.rubric_id == "o1-d1-r2")
    assert outcome.components["rubric"] == pytest.approx((1.0 + 0.5) / 2)


def test_reviewers_offline_accept_a_mailed_file(tmp_path: Path) -> None:
    from synthcomp_agents.objectives import SentTo

    disk = _computer()
    plan = _plan()
    memo = plan.objectives[0].deliverables[0]
    memo.acceptance_checks.append(SentTo(collaborator="tom_li"))
    disk.write_text(MEMO, GOOD_MEMO)
    spec = EmailSpec(
        sender="Ana Ruiz <ana@acme.example>",
        to=["Tom Li <tom.li@acme.example>"],
        subject="Review: Q1 spend memo",
        body="Could you review the attached memo?",
        attachments=[Attachment(filename="Q1 spend memo.md", content=disk.read_bytes(MEMO))],
        date=datetime(2026, 4, 7, 9, 0, tzinfo=timezone.utc),
    )
    disk.write_bytes("Mail/Sent/review.eml", write_eml(spec))
    home = tmp_path / "home"
    disk.materialize(home)
    objectives = tmp_path / "objectives.json"
    objectives.write_text(plan.to_json(indent=2), encoding="utf-8")
    online = verify_home(home, objectives, objective_id="o1")
    sent = next(c for c in online.objectives[0].deliverables[0].checks if c.check_type == "sent_to")
    assert not sent.passed and "no review came back" in sent.detail  # in a simulation, an answer was possible
    offline = verify_home(home, objectives, objective_id="o1", reviewers_offline=True)
    sent = next(c for c in offline.objectives[0].deliverables[0].checks if c.check_type == "sent_to")
    assert sent.passed and "cannot answer here" in sent.detail  # in a Harbor container nobody can answer


def test_a_row_named_by_letters_and_digits_carries_its_label() -> None:
    """A class or line called '9D' or '6C' names its figures: a table 'Item | Value' quoting '9D | 101' traces to
    the source row '9D' (the honest natural worker's notes lost grounding here), and the same figure under another
    row's name still does not."""
    rows: list[list[object]] = [["11 set 3", 190], ["6C", 182], ["9D", 101]]
    sheet = SheetSpec(name="Summary", columns=[ColumnSpec(header="Class"), ColumnSpec(header="Plan")], rows=rows)
    disk = _computer()
    disk.write_bytes(DATA, write_xlsx(SpreadsheetSpec(sheets=[sheet])))
    memo = _plan().objectives[0].deliverables[0]
    disk.write_text(MEMO, "# Q1\n\n| Item | Value |\n|---|---|\n| 6C | 182 |\n| 9D | 101 |\n")
    result = grounding_check(disk, memo, GroundingSources(disk))
    assert result.passed and result.detail.startswith("2 of 2 stated numbers trace"), result.detail
    disk.write_text(MEMO, "# Q1\n\n| Item | Value |\n|---|---|\n| 6C | 101 |\n| 9D | 182 |\n")  # names swapped
    swapped = grounding_check(disk, memo, GroundingSources(disk))
    assert not swapped.passed and swapped.detail.startswith("0 of 2"), swapped.detail

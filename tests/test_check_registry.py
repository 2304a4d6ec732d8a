"""Checks on a registry: every check type describes itself (brief, secrets, asks, reviewer) and evaluates itself."""

from __future__ import annotations

import typing
from typing import ClassVar, Literal

import pytest

from synthcomp_agents.objectives import (
    CHECK_TYPES,
    AcceptanceCheck,
    Check,
    CheckContext,
    CheckResult,
    Deliverable,
    FileExists,
    HasColumns,
    HasHeadings,
    HasSheets,
    Mentions,
    MinSlides,
    MinWords,
    QuotesValue,
    SentTo,
    StatesFact,
)
from synthcomp_agents.objectives._evidence import DeliverableFile

SAMPLES: list[Check] = [
    FileExists(),
    HasHeadings(headings=["Summary", "Key figures", "Next steps"]),
    HasSheets(sheets=["Summary", "Data"]),
    HasColumns(sheet="Data", columns=["Supplier", "Q1 spend"]),
    MinSlides(count=6),
    MinWords(count=180),
    Mentions(text="Holloway S.L."),
    QuotesValue(source="Documents/T.xlsx", locator="By supplier!B7", value=1465552.5, label="Q1 spend, Total (By s)"),
    StatesFact(collaborator="tom_li", topic="audit date", value="23 January 2026"),
    SentTo(collaborator="tom_li"),
]


def test_every_check_type_of_the_plan_is_registered() -> None:
    union = typing.get_args(typing.get_args(AcceptanceCheck)[0])
    assert {cls.model_fields["type"].default for cls in union} == {k for k in CHECK_TYPES if k != "repeats_itself"}
    assert {s.kind for s in SAMPLES} == {cls.model_fields["type"].default for cls in union}


@pytest.mark.parametrize("check", SAMPLES, ids=lambda c: c.kind)
@pytest.mark.parametrize("kind", ["docx", "xlsx", "pptx", "md"])
def test_a_check_briefs_without_giving_itself_away(check: Check, kind: str) -> None:
    brief = check.brief(kind) or ""
    assert not [s for s in check.secrets() if s.casefold() in brief.casefold()], brief
    if check.kind not in ("exists",):
        assert brief  # every check that asks for something says what, in words


def test_people_needs_come_from_the_checks() -> None:
    assert [c.asks() for c in SAMPLES if c.asks()] == [[("tom_li", "audit date")]]
    assert [c.reviewer() for c in SAMPLES if c.reviewer()] == ["tom_li"]
    assert QuotesValue.weight > MinWords.weight and FileExists.critical


class RepeatsItself(Check):
    """A check defined elsewhere: registering it is defining it (the plan's union is the second file to touch)."""

    type: Literal["repeats_itself"] = "repeats_itself"
    word: str
    weight: ClassVar[float] = 0.5

    def brief(self, deliverable_kind: str) -> str | None:
        return "Tone: say it once."

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        assert ctx.file is not None
        n = ctx.file.text().casefold().count(self.word.casefold())
        return self.result(n <= 1, f"{self.word!r} appears {n} time(s)")


def test_a_new_check_registers_and_evaluates_itself() -> None:
    assert CHECK_TYPES["repeats_itself"] is RepeatsItself
    memo = Deliverable(
        deliverable_id="d1",
        path="Documents/m.md",
        kind="md",
        title="Memo",
        audience="CFO",
        description="A memo.",
        due_day=1,
        effort_hours=1,
    )
    check = RepeatsItself(word="synergy")
    bad = DeliverableFile(memo.path, "md", b"# M\n\nSynergy. More synergy.\n")
    result = check.run(CheckContext(deliverable=memo, file=bad))
    assert not result.passed and result.weight == 0.5 and "2 time(s)" in result.detail
    missing = check.run(CheckContext(deliverable=memo, file=None, unavailable="Documents/m.md does not exist"))
    assert not missing.passed and missing.detail == "Documents/m.md does not exist"

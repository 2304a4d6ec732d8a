"""The ObjectivePlan: about a month of work for one user, with deliverables that programs can check.

An objective-setter (a model, or the scripted policy offline) writes the plan after reading the computer; the
worker does it; the signals layer checks each deliverable against its acceptance checks and a judge scores the
rubric items. Checks are data, so a model can write them and a program can verify them.

Example:
    >>> from datetime import date
    >>> from synthcomp_agents.objectives import Deliverable, Objective, ObjectivePlan, QuotesValue
    >>> def objective(n: int) -> Objective:
    ...     check = QuotesValue(source="Documents/Tracker.xlsx", locator="By supplier!B7", value=1465552.5)
    ...     report = Deliverable(
    ...         deliverable_id=f"o{n}-d1", path=f"Documents/Reports/Review_{n}.docx", kind="docx", title="Review",
    ...         audience="Steering committee", description="Spend by supplier with totals.",
    ...         acceptance_checks=[check], due_day=5 * n, effort_hours=10)
    ...     deck = report.model_copy(update={"deliverable_id": f"o{n}-d2", "path": f"Documents/Deck_{n}.pptx",
    ...                                      "kind": "pptx"})
    ...     return Objective(objective_id=f"o{n}", title="Close the review", why="Renewals depend on it.",
    ...                      deliverables=[report, deck], due_day=5 * n, effort_hours=20)
    >>> objectives = [objective(n) for n in (1, 2, 3)]
    >>> plan = ObjectivePlan(computer_id="c-1", start_date=date(2026, 4, 13), objectives=objectives)
    >>> len(plan.deliverables()), plan.total_effort_hours()
    (6, 60.0)
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ._checks import (
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

PLAN_SCHEMA_VERSION = 1
DELIVERABLE_KINDS = ("docx", "xlsx", "pptx", "pdf", "md", "csv", "eml", "txt")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


AcceptanceCheck = Annotated[
    FileExists
    | HasHeadings
    | HasSheets
    | HasColumns
    | MinSlides
    | MinWords
    | Mentions
    | QuotesValue
    | StatesFact
    | SentTo,
    Field(discriminator="type"),
]


class RubricItem(_Model):
    """A quality criterion a judge scores from 0 to 1."""

    rubric_id: str
    criterion: str = Field(min_length=5)
    weight: float = Field(default=1.0, gt=0, le=10)


class CollaboratorInput(_Model):
    """Something the worker must ask a collaborator for (a fact in that collaborator's private knowledge)."""

    collaborator: str = Field(description="Collaborator identifier.")
    topic: str
    question: str = Field(description="What to ask, in the user's words.")


# ---------------------------------------------------------------------------------------------------------------------
# Deliverables, objectives, plan
# ---------------------------------------------------------------------------------------------------------------------


class Deliverable(_Model):
    """One professional artifact the user must produce."""

    deliverable_id: str
    path: str = Field(description="Home-relative path where the deliverable must be saved.")
    kind: Literal["docx", "xlsx", "pptx", "pdf", "md", "csv", "eml", "txt"]
    title: str
    audience: str
    description: str
    acceptance_checks: list[AcceptanceCheck] = Field(default_factory=list)
    rubric: list[RubricItem] = Field(default_factory=list)
    grounding_files: list[str] = Field(default_factory=list, description="Existing files it must be based on.")
    collaborator_inputs: list[CollaboratorInput] = Field(default_factory=list)
    due_day: int = Field(ge=1, le=60, description="Workday (1-based) by which it is due.")
    effort_hours: float = Field(gt=0, le=80)

    @field_validator("deliverable_id")
    @classmethod
    def _id_ok(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"deliverable_id {value!r} must be lowercase letters, digits, '_', '-', '.'")
        return value

    @model_validator(mode="after")
    def _path_matches_kind(self) -> Deliverable:
        if not self.path.lower().endswith("." + self.kind):
            raise ValueError(f"deliverable path {self.path!r} must end with .{self.kind}")
        return self


class Objective(_Model):
    """A goal for the month, with 2-5 deliverables."""

    objective_id: str
    title: str
    why: str = Field(description="Why it matters to this user and their organisation.")
    deliverables: list[Deliverable] = Field(min_length=2, max_length=5)
    grounding_files: list[str] = Field(default_factory=list)
    collaborators: list[str] = Field(default_factory=list, description="Identifiers of collaborators involved.")
    due_day: int = Field(ge=1, le=60)
    effort_hours: float = Field(gt=0, le=200)


class ObjectivePlan(_Model):
    """About a month of work: 3-6 objectives over ``workdays`` days from ``start_date``.

    Written by the objective-setter (``objectives.json`` in a run folder); every deliverable carries programmatic
    acceptance checks and rubric items.

    Example:
        >>> plan = ObjectivePlan.model_validate_json(open("run/objectives.json").read())  # doctest: +SKIP
        >>> [d.path for d in plan.deliverables()][:1]  # doctest: +SKIP
        ['Documents/Millbrook/.../Steel_contracts_status_report_o1.docx']
        >>> sorted(ObjectivePlan.model_json_schema()["required"])
        ['computer_id', 'objectives', 'start_date']
    """

    schema_version: int = PLAN_SCHEMA_VERSION
    computer_id: str
    start_date: date
    workdays: int = Field(default=20, ge=1, le=60)
    objectives: list[Objective] = Field(min_length=3, max_length=6)
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ObjectivePlan:
        problems: list[str] = []
        ids: set[str] = set()
        paths: set[str] = set()
        for objective in self.objectives:
            if objective.objective_id in ids:
                problems.append(f"duplicate objective_id {objective.objective_id!r}")
            ids.add(objective.objective_id)
            if objective.due_day > self.workdays:
                problems.append(
                    f"objective {objective.objective_id} is due on day {objective.due_day} > {self.workdays}"
                )
            for d in objective.deliverables:
                if d.deliverable_id in ids:
                    problems.append(f"duplicate id {d.deliverable_id!r}")
                ids.add(d.deliverable_id)
                if d.path in paths:
                    problems.append(f"two deliverables share the path {d.path!r}")
                paths.add(d.path)
                if d.due_day > self.workdays:
                    problems.append(f"deliverable {d.deliverable_id} is due on day {d.due_day} > {self.workdays}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def deliverables(self) -> list[Deliverable]:
        """Every deliverable, in objective order."""
        return [d for o in self.objectives for d in o.deliverables]

    def total_effort_hours(self) -> float:
        """Sum of the deliverables' effort estimates."""
        return sum(d.effort_hours for d in self.deliverables())

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialize as written to ``objectives.json``."""
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str) -> ObjectivePlan:
        """Parse ``objectives.json``."""
        return cls.model_validate_json(text)

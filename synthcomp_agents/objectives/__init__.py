"""Objectives: the month's plan (ObjectivePlan), its checks and validation, and the setter's prompt.

The agent that writes the plan is :class:`synthcomp_agents.agents.ObjectiveSetterAgent` (with
:func:`~synthcomp_agents.agents.create_objectives`); objectives sit below the world and the agents.
"""

from ._checks import (
    CHECK_TYPES,
    Check,
    CheckContext,
    CheckResult,
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
from ._plan import (
    DELIVERABLE_KINDS,
    PLAN_SCHEMA_VERSION,
    AcceptanceCheck,
    CollaboratorInput,
    Deliverable,
    Objective,
    ObjectivePlan,
    RubricItem,
)
from ._setter import ObjectiveSetterError, example_plan, month_start_for, setter_system_prompt
from ._validate import validate_plan

__all__ = [
    "CHECK_TYPES",
    "DELIVERABLE_KINDS",
    "PLAN_SCHEMA_VERSION",
    "AcceptanceCheck",
    "Check",
    "CheckContext",
    "CheckResult",
    "CollaboratorInput",
    "Deliverable",
    "FileExists",
    "HasColumns",
    "HasHeadings",
    "HasSheets",
    "Mentions",
    "MinSlides",
    "MinWords",
    "Objective",
    "ObjectivePlan",
    "ObjectiveSetterError",
    "QuotesValue",
    "RubricItem",
    "SentTo",
    "StatesFact",
    "example_plan",
    "month_start_for",
    "setter_system_prompt",
    "validate_plan",
]

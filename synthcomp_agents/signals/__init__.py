"""Learning signals of a run: deliverable checks with plain-words audits, grounding of stated numbers, rubric
judging, partial credit per objective, collateral damage, process signals per step, and the run's reward.

Example:
    >>> from synthcomp_agents.signals import OUTCOME_WEIGHTS, SIGNALS_SCHEMA_VERSION
    >>> SIGNALS_SCHEMA_VERSION, sorted(OUTCOME_WEIGHTS)
    (1, ['grounding', 'objectives', 'rubric'])
"""

from ._checks import (
    CheckResult,
    DeliverableAudit,
    SentMail,
    audit_plan,
    check_deliverable,
    collaborator_addresses,
    load_sent_mail,
    parse_numbers,
)
from ._collateral import CollateralItem, CollateralReport, collateral_damage
from ._grounding import (
    GROUNDED_SHARE,
    GroundingAssessment,
    GroundingSources,
    assess_grounding,
    grounding_check,
    substantive_numbers,
)
from ._outcome import (
    OUTCOME_WEIGHTS,
    SIGNALS_SCHEMA_VERSION,
    DeliverableSignals,
    ObjectiveSignals,
    Outcome,
    OutcomeSignals,
    RubricItemScore,
    RunSignals,
    acompute_run_signals,
    ascore_home,
    compute_run_signals,
    disk_from_folder,
    score_home,
    verify_home,
    write_run_signals,
)
from ._process import DaySignals, ProcessSignals, StepSignals, home_relative, process_signals

__all__ = [
    "GROUNDED_SHARE",
    "OUTCOME_WEIGHTS",
    "SIGNALS_SCHEMA_VERSION",
    "CheckResult",
    "CollateralItem",
    "CollateralReport",
    "DaySignals",
    "DeliverableAudit",
    "DeliverableSignals",
    "GroundingAssessment",
    "GroundingSources",
    "ObjectiveSignals",
    "Outcome",
    "OutcomeSignals",
    "ProcessSignals",
    "RubricItemScore",
    "RunSignals",
    "SentMail",
    "StepSignals",
    "acompute_run_signals",
    "ascore_home",
    "assess_grounding",
    "audit_plan",
    "check_deliverable",
    "collaborator_addresses",
    "collateral_damage",
    "compute_run_signals",
    "disk_from_folder",
    "grounding_check",
    "home_relative",
    "load_sent_mail",
    "parse_numbers",
    "process_signals",
    "score_home",
    "substantive_numbers",
    "verify_home",
    "write_run_signals",
]

"""Learning signals of a run: deliverable checks with plain-words audits, grounding of stated numbers, rubric
judging, partial credit per objective, collateral damage, process signals per step, and the run's reward.

Example:
    >>> from synthcomp_agents.signals import OUTCOME_WEIGHTS, SIGNALS_SCHEMA_VERSION
    >>> SIGNALS_SCHEMA_VERSION, sorted(OUTCOME_WEIGHTS)
    (1, ['grounding', 'objectives', 'rubric'])
"""

from ._checks import CheckResult as CheckResult
from ._checks import DeliverableAudit as DeliverableAudit
from ._checks import SentMail as SentMail
from ._checks import audit_plan as audit_plan
from ._checks import check_deliverable as check_deliverable
from ._checks import collaborator_addresses as collaborator_addresses
from ._checks import load_sent_mail as load_sent_mail
from ._checks import parse_numbers as parse_numbers
from ._collateral import CollateralItem as CollateralItem
from ._collateral import CollateralReport as CollateralReport
from ._collateral import collateral_damage as collateral_damage
from ._grounding import GROUNDED_SHARE as GROUNDED_SHARE
from ._grounding import GroundingAssessment as GroundingAssessment
from ._grounding import GroundingSources as GroundingSources
from ._grounding import assess_grounding as assess_grounding
from ._grounding import grounding_check as grounding_check
from ._grounding import substantive_numbers as substantive_numbers
from ._outcome import (
    OUTCOME_WEIGHTS,
    SIGNALS_SCHEMA_VERSION,
    Outcome,
    acompute_run_signals,
    compute_run_signals,
    write_run_signals,
)
from ._outcome import DeliverableSignals as DeliverableSignals
from ._outcome import ObjectiveSignals as ObjectiveSignals
from ._outcome import OutcomeSignals as OutcomeSignals
from ._outcome import RubricItemScore as RubricItemScore
from ._outcome import RunSignals as RunSignals
from ._outcome import ascore_home as ascore_home
from ._outcome import disk_from_folder as disk_from_folder
from ._outcome import score_home as score_home
from ._outcome import verify_home as verify_home
from ._process import DaySignals as DaySignals
from ._process import ProcessSignals as ProcessSignals
from ._process import StepSignals as StepSignals
from ._process import home_relative as home_relative
from ._process import process_signals as process_signals

__all__ = [
    "OUTCOME_WEIGHTS",
    "SIGNALS_SCHEMA_VERSION",
    "Outcome",
    "acompute_run_signals",
    "compute_run_signals",
    "write_run_signals",
]

"""Agents of the simulation: the objective setter, the worker (the computer's user), collaborators (the user
simulators), the rubric judge, and the helper that builds all participants of a world.

Example:
    >>> from synthcomp_agents.agents import CollaboratorPersona
    >>> CollaboratorPersona(name="Dana Lee", identifier="dana_lee", role="Controller", organisation="Acme",
    ...                     email="dana@acme.example").display_address
    'Dana Lee <dana@acme.example>'
"""

from ..world import CollaboratorPersona
from ..world import PersonaError as PersonaError
from ._collaborator import CollaboratorAgent
from ._collaborator import CollaboratorAgentConfig as CollaboratorAgentConfig
from ._collaborator import render_mail as render_mail
from ._judge import SUBSTANCE_ITEMS as SUBSTANCE_ITEMS
from ._judge import JudgeAgent
from ._judge import JudgeAgentConfig as JudgeAgentConfig
from ._judge import RubricScore as RubricScore
from ._judge import RubricVerdict as RubricVerdict
from ._judge import check_evidence as check_evidence
from ._judge import judge_prompt as judge_prompt
from ._judge import parse_verdict as parse_verdict
from ._participants import Participants as Participants
from ._participants import build_participants
from ._participants import scripted_latency as scripted_latency
from ._participants import scripted_role_models as scripted_role_models
from ._prompts import LOOKAHEAD_DAYS as LOOKAHEAD_DAYS
from ._prompts import ONLY_THEY_KNOW as ONLY_THEY_KNOW
from ._prompts import deliverable_view as deliverable_view
from ._prompts import plan_document as plan_document
from ._prompts import plan_worker_view as plan_worker_view
from ._prompts import worker_system_prompt as worker_system_prompt
from ._setter import ObjectiveSetterAgent, create_objectives, create_objectives_async
from ._setter import ObjectiveSetterAgentConfig as ObjectiveSetterAgentConfig
from ._worker import WorkerAgent
from ._worker import WorkerAgentConfig as WorkerAgentConfig

__all__ = [
    "CollaboratorAgent",
    "CollaboratorPersona",
    "JudgeAgent",
    "ObjectiveSetterAgent",
    "WorkerAgent",
    "build_participants",
    "create_objectives",
    "create_objectives_async",
]

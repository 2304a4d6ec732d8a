"""Agents of the simulation: the worker (the computer's user), collaborators and their personas, and the helper
that builds all participants of a world.

Example:
    >>> from synthcomp_agents.agents import CollaboratorPersona
    >>> CollaboratorPersona(name="Dana Lee", identifier="dana_lee", role="Controller", organisation="Acme",
    ...                     email="dana@acme.example").display_address
    'Dana Lee <dana@acme.example>'
"""

from ..objectives._setter import ObjectiveSetterAgent
from ._collaborator import CollaboratorAgent, CollaboratorAgentConfig, render_mail
from ._fixtures import DEMO_FACTS, demo_blueprint, demo_world
from ._judge import JudgeAgent, JudgeAgentConfig, RubricScore, RubricVerdict, judge_prompt, parse_verdict
from ._participants import Participants, build_participants, scripted_latency, scripted_role_models
from ._persona import CollaboratorPersona, PersonaError
from ._prompts import deliverable_view, plan_worker_view, worker_system_prompt
from ._worker import WorkerAgent, WorkerAgentConfig

__all__ = [
    "DEMO_FACTS",
    "CollaboratorAgent",
    "CollaboratorAgentConfig",
    "CollaboratorPersona",
    "JudgeAgent",
    "JudgeAgentConfig",
    "ObjectiveSetterAgent",
    "Participants",
    "PersonaError",
    "RubricScore",
    "RubricVerdict",
    "WorkerAgent",
    "WorkerAgentConfig",
    "build_participants",
    "deliverable_view",
    "demo_blueprint",
    "demo_world",
    "judge_prompt",
    "parse_verdict",
    "plan_worker_view",
    "render_mail",
    "scripted_latency",
    "scripted_role_models",
    "worker_system_prompt",
]

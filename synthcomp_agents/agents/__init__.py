"""Agents of the simulation: the objective setter, the worker (the computer's user), collaborators (the user
simulators), the rubric judge, and the helper that builds all participants of a world.

Example:
    >>> from synthcomp_agents.agents import CollaboratorPersona
    >>> CollaboratorPersona(name="Dana Lee", identifier="dana_lee", role="Controller", organisation="Acme",
    ...                     email="dana@acme.example").display_address
    'Dana Lee <dana@acme.example>'
"""

from ..world import CollaboratorPersona, PersonaError
from ._collaborator import CollaboratorAgent, CollaboratorAgentConfig, render_mail
from ._judge import JudgeAgent, JudgeAgentConfig, RubricScore, RubricVerdict, judge_prompt, parse_verdict
from ._participants import Participants, build_participants, scripted_latency, scripted_role_models
from ._prompts import deliverable_view, plan_worker_view, worker_system_prompt
from ._setter import ObjectiveSetterAgent, ObjectiveSetterAgentConfig, create_objectives, create_objectives_async
from ._worker import WorkerAgent, WorkerAgentConfig

__all__ = [
    "CollaboratorAgent",
    "CollaboratorAgentConfig",
    "CollaboratorPersona",
    "JudgeAgent",
    "JudgeAgentConfig",
    "ObjectiveSetterAgent",
    "ObjectiveSetterAgentConfig",
    "Participants",
    "PersonaError",
    "RubricScore",
    "RubricVerdict",
    "WorkerAgent",
    "WorkerAgentConfig",
    "build_participants",
    "create_objectives",
    "create_objectives_async",
    "deliverable_view",
    "judge_prompt",
    "parse_verdict",
    "plan_worker_view",
    "render_mail",
    "scripted_latency",
    "scripted_role_models",
    "worker_system_prompt",
]

"""build_participants: the objective setter, the worker and the collaborators of one world, recording every call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from autogen_agentchat.agents import BaseChatAgent
from autogen_core.models import ChatCompletionClient, CreateResult

from ..models import EventWriter, RecordingChatCompletionClient, RoleModels, ScriptedPolicyClient, TrajectoryWriter
from ..world import World
from ._collaborator import CollaboratorAgent
from ._setter import ObjectiveSetterAgent
from ._worker import WorkerAgent

__all__ = ["Participants", "build_participants", "scripted_latency", "scripted_role_models"]


def scripted_latency(result: CreateResult) -> float:
    """Deterministic latency recorded for scripted calls: 0.4 s + 10 ms per completion token."""
    return round(0.4 + 0.01 * result.usage.completion_tokens, 3)


def scripted_role_models(seed: int = 0) -> RoleModels:
    """Every role on the scripted policy (the offline default).

    Example:
        >>> type(scripted_role_models().client_for("collaborator:dana_lee")).__name__
        'ScriptedPolicyClient'
    """
    return RoleModels({}, default=lambda role: ScriptedPolicyClient(role=role, seed=seed))


@dataclass
class Participants:
    """The agents of one simulated day, by role."""

    objective_setter: ObjectiveSetterAgent
    worker: WorkerAgent
    collaborators: dict[str, CollaboratorAgent] = field(default_factory=dict)

    def all(self) -> list[BaseChatAgent]:
        """Setter, worker, then the collaborators in identifier order (a group chat's participant list)."""
        return [self.objective_setter, self.worker, *(self.collaborators[k] for k in sorted(self.collaborators))]


def _wrap(
    inner: ChatCompletionClient, recorder: TrajectoryWriter, role: str, world: World
) -> RecordingChatCompletionClient:
    latency: Callable[[CreateResult], float] | None = (
        scripted_latency if isinstance(inner, ScriptedPolicyClient) else None
    )
    return RecordingChatCompletionClient(inner, recorder, role=role, sim_time=world.clock, latency=latency)


def build_participants(
    world: World,
    role_models: RoleModels | None,
    *,
    recorder: TrajectoryWriter,
    events: EventWriter | None = None,
    token_budget: int = 16000,
    max_tool_iterations: int = 1,
) -> Participants:
    """Build fresh agents for ``world``; each model client is wrapped to record into ``recorder``.

    Roles recorded: ``objective_setter``, ``worker``, ``collaborator:<identifier>``. Scripted clients get a
    deterministic latency. Agent names: ``objective_setter``, ``worker`` and each collaborator's identifier.

    Args:
        world: the world (plan may still be None: the setter writes it).
        role_models: model per role (None: the scripted policy for every role).
        recorder: the run's trajectory writer.
        events: the run's event writer (tool and file events of the worker).
        token_budget: max prompt tokens per worker call.
        max_tool_iterations: worker model calls per agent turn (1: after every call the group chat's selector decides
            again, so collaborators act by the clock while the worker keeps calling tools, and a turn cap is exact).

    Example:
        >>> import os, tempfile
        >>> from synthcomp_agents.testing import demo_world
        >>> world = demo_world(world_id="participants-doc")
        >>> rec = TrajectoryWriter(os.path.join(tempfile.mkdtemp(), "trajectory.jsonl"))
        >>> p = build_participants(world, None, recorder=rec)
        >>> [a.name for a in p.all()][:3]
        ['objective_setter', 'worker', 'klaus_richter']
    """
    models = role_models or scripted_role_models()
    setter = ObjectiveSetterAgent(
        _wrap(models.client_for("objective_setter"), recorder, "objective_setter", world), world=world
    )
    worker = WorkerAgent(
        world,
        _wrap(models.client_for("worker"), recorder, "worker", world),
        token_budget=token_budget,
        max_tool_iterations=max_tool_iterations,
        events=events,
    )
    collaborators = {
        ident: CollaboratorAgent(
            persona,
            _wrap(models.client_for(f"collaborator:{ident}"), recorder, f"collaborator:{ident}", world),
            world=world,
        )
        for ident, persona in sorted(world.collaborators.items())
    }
    return Participants(setter, worker, collaborators)

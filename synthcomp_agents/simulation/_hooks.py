"""SimulationHooks: the agent side a simulation plugs in (participants and default model clients)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from autogen_agentchat.base import ChatAgent
from autogen_core.models import ChatCompletionClient

__all__ = ["ParticipantsLike", "SimulationHooks"]


class ParticipantsLike(Protocol):
    """What ``build_participants`` returns."""

    @property
    def objective_setter(self) -> ChatAgent | None: ...

    @property
    def worker(self) -> ChatAgent: ...

    @property
    def collaborators(self) -> Mapping[str, ChatAgent]: ...


@dataclass
class SimulationHooks:
    """The agent side the orchestration plugs in; :meth:`default` gives the package's agents and scripted policy.

    Attributes:
        build_participants: ``(world, role_models, *, recorder, events, token_budget) -> participants`` with
            ``objective_setter``, ``worker`` and ``collaborators`` (agent name -> agent).
        default_client: ``role -> ChatCompletionClient`` for roles the model configuration leaves out (and the
            group chat's selector client, which the deterministic selector never calls).

    Example:
        >>> from autogen_ext.models.replay import ReplayChatCompletionClient
        >>> def my_agents(world, role_models, *, recorder, events, token_budget):  # your own agents
        ...     raise NotImplementedError
        >>> hooks = SimulationHooks(my_agents, default_client=lambda role: ReplayChatCompletionClient(["ok"]))
        >>> from synthcomp_agents.simulation import Simulation, SimulationConfig
        >>> sim = Simulation(SimulationConfig(computer_dir="c1", run_dir="run1"), hooks=hooks)
    """

    build_participants: Callable[..., ParticipantsLike]
    default_client: Callable[[str], ChatCompletionClient]

    @classmethod
    def default(cls, seed: int = 0, worker_policy: str = "competent") -> SimulationHooks:
        """The package's agents (``build_participants``) and ``ScriptedPolicyClient`` for every role (the worker's
        policy variant ``worker_policy``)."""
        from ..agents import build_participants
        from ..models import ScriptedPolicyClient

        def client(role: str) -> ChatCompletionClient:
            known = role in ("worker", "objective_setter", "judge") or role.startswith("collaborator")
            if role == "worker" or not known:
                return ScriptedPolicyClient(role="worker", variant=worker_policy, seed=seed)
            return ScriptedPolicyClient(role=role, seed=seed)

        return cls(build_participants=build_participants, default_client=client)

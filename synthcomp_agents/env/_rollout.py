"""rollout: play one episode of :class:`SyntheticComputerEnv` with any AutoGen ``ChatCompletionClient`` as policy.

The policy's context is a :class:`~synthcomp_agents.simulation.BoundedChatCompletionContext` (the same bounded,
summarising context the simulation's worker uses), so long episodes keep every request under ``token_budget``.

Example:
    >>> from synthcomp_agents.models import ScriptedPolicyClient
    >>> result = rollout(SyntheticComputerEnv(), EnvTask.from_run("out/runs/c1", "o1"),
    ...                  ScriptedPolicyClient(role="worker"))  # doctest: +SKIP
    >>> 0.0 <= result.reward <= 1.0  # doctest: +SKIP
    True
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from autogen_core.models import ChatCompletionClient, SystemMessage

from ..models import count_tokens
from ..simulation import BoundedChatCompletionContext
from ._actions import action_from_result, assistant_from_action, parse_action, to_llm_messages
from ._env import SyntheticComputerEnv
from ._task import EnvTask

__all__ = ["RolloutResult", "arollout", "rollout"]


@dataclass
class RolloutResult:
    """One played episode: the full transcript (OpenAI messages), the reward, steps and the last step's metadata."""

    messages: list[dict[str, Any]]
    reward: float
    steps: int
    metadata: dict[str, Any] = field(default_factory=dict)


def _context(system: SystemMessage, tools: list[dict[str, Any]], token_budget: int) -> BoundedChatCompletionContext:
    """A bounded context leaving room for ``system`` and the tool schemas."""
    reserve = count_tokens([system]) + count_tokens("", tools=tools) + 8  # type: ignore[arg-type]
    return BoundedChatCompletionContext(
        token_budget=token_budget,
        summary_budget=min(1500, max(64, (token_budget - reserve) // 6)),
        reserve_tokens=reserve,
        keep_recent_min=2,
    )


async def arollout(
    env: SyntheticComputerEnv,
    task: EnvTask | Mapping[str, Any],
    client: ChatCompletionClient,
    *,
    token_budget: int = 16000,
) -> RolloutResult:
    """Play one episode: ``client`` decides every step from its bounded context (see the module docstring)."""
    messages, info = await env.areset(task)
    transcript = list(messages)
    tools = [dict(t["function"]) for t in info["tools"]]
    system = SystemMessage(content=str(messages[0]["content"]))
    context = _context(system, tools, token_budget)
    for message in to_llm_messages(messages[1:]):
        await context.add_message(message)
    steps = 0
    metadata: dict[str, Any] = {}
    reward = 0.0
    done = False
    while not done:
        request = [system, *await context.get_messages()]
        result = await client.create(request, tools=tools)  # type: ignore[arg-type]
        action = action_from_result(result)
        assistant = action if isinstance(action, dict) else assistant_from_action(parse_action(action, step=steps))
        out = await env.astep(action)
        steps += 1
        new = [assistant, *out["observations"]]
        transcript.extend(new)
        for message in to_llm_messages(new):
            await context.add_message(message)
        reward, done, metadata = float(out["reward"]), bool(out["done"]), dict(out["metadata"])
        if "system_prompt" in metadata:  # the brief of the new day (or after a submission) replaces the old one
            system = SystemMessage(content=str(metadata["system_prompt"]))
            state = await context.save_state()
            context = _context(system, tools, token_budget)
            await context.load_state(state)
    return RolloutResult(transcript, reward, steps, metadata)


def rollout(
    env: SyntheticComputerEnv,
    task: EnvTask | Mapping[str, Any],
    client: ChatCompletionClient,
    *,
    token_budget: int = 16000,
) -> RolloutResult:
    """Blocking :func:`arollout` (not from inside a running event loop: await :func:`arollout` there)."""
    return asyncio.run(arollout(env, task, client, token_budget=token_budget))

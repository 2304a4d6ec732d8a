"""RL environment: one objective of a synthetic computer as a gym-style text environment with tool-call actions.

``SyntheticComputerEnv.reset(task) -> (messages, info)`` and ``step(action) -> {observations, reward, done,
metadata}`` (async: ``areset`` / ``astep``), the shape SkyRL's ``BaseTextEnv``, rLLM's ``BaseEnv`` and OpenRLHF's
agent environments wrap. :func:`rollout` plays an episode with any AutoGen ``ChatCompletionClient``.

Example:
    >>> from synthcomp_agents.env import parse_action
    >>> parse_action("I will start with the figures.").text
    'I will start with the figures.'
"""

from ._actions import Action, ToolCall, action_from_result, assistant_from_action, parse_action, to_llm_messages
from ._env import OVERTIME_MINUTES, StepResult, SyntheticComputerEnv
from ._rollout import RolloutResult, arollout, rollout
from ._task import EnvTask

__all__ = [
    "OVERTIME_MINUTES",
    "Action",
    "EnvTask",
    "RolloutResult",
    "StepResult",
    "SyntheticComputerEnv",
    "ToolCall",
    "action_from_result",
    "arollout",
    "assistant_from_action",
    "parse_action",
    "rollout",
    "to_llm_messages",
]

"""RL environment: one objective of a synthetic computer as a gym-style text environment with tool-call actions.

``SyntheticComputerEnv.reset(task) -> (messages, info)`` and ``step(action) -> {observations, reward, done,
metadata}`` (async: ``areset`` / ``astep``), the shape SkyRL's ``BaseTextEnv``, rLLM's ``BaseEnv`` and OpenRLHF's
agent environments wrap. :func:`rollout` plays an episode with any AutoGen ``ChatCompletionClient``.

Example:
    >>> from synthcomp_agents.env import parse_action
    >>> parse_action("I will start with the figures.").text
    'I will start with the figures.'
"""

from ._actions import Action as Action
from ._actions import ToolCall as ToolCall
from ._actions import action_from_result as action_from_result
from ._actions import assistant_from_action as assistant_from_action
from ._actions import parse_action
from ._actions import to_llm_messages as to_llm_messages
from ._env import OVERTIME_MINUTES as OVERTIME_MINUTES
from ._env import StepResult as StepResult
from ._env import SyntheticComputerEnv
from ._rollout import RolloutResult as RolloutResult
from ._rollout import arollout as arollout
from ._rollout import rollout
from ._task import EnvTask

__all__ = [
    "EnvTask",
    "SyntheticComputerEnv",
    "parse_action",
    "rollout",
]

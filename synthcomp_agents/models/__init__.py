"""Model layer: offline token counting, per-role model configuration, the recording client wrapper, the scripted
offline policy and the bounded model context the worker thinks in.

Example:
    >>> from synthcomp_agents.models import count_tokens
    >>> count_tokens("Quarterly report draft")
    4
"""

from ._config import ModelConfigError, RoleModels, load_model_config
from ._context import SUMMARY_SOURCE, BoundedChatCompletionContext, BoundedChatCompletionContextConfig
from ._openai_format import to_openai_messages, to_openai_tools
from ._recorder import EventWriter, JsonlOffset, JsonlWriter, TrajectoryWriter
from ._recording import RecordingChatCompletionClient, RecordingChatCompletionClientConfig
from ._scripted import (
    SCRIPTED_MODEL_INFO,
    WORKER_VARIANTS,
    ScriptedPolicyClient,
    ScriptedPolicyClientConfig,
    scripted_role,
)
from ._serve import ScriptedPolicyServer, serve_scripted_policy
from ._tokens import ENCODING_NAME, count_text, count_tokens, message_tokens, tools_tokens, truncate_text

__all__ = [
    "ENCODING_NAME",
    "SCRIPTED_MODEL_INFO",
    "SUMMARY_SOURCE",
    "WORKER_VARIANTS",
    "BoundedChatCompletionContext",
    "BoundedChatCompletionContextConfig",
    "EventWriter",
    "JsonlOffset",
    "JsonlWriter",
    "ModelConfigError",
    "RecordingChatCompletionClient",
    "RecordingChatCompletionClientConfig",
    "RoleModels",
    "ScriptedPolicyClient",
    "ScriptedPolicyClientConfig",
    "ScriptedPolicyServer",
    "TrajectoryWriter",
    "count_text",
    "count_tokens",
    "load_model_config",
    "message_tokens",
    "scripted_role",
    "serve_scripted_policy",
    "to_openai_messages",
    "to_openai_tools",
    "tools_tokens",
    "truncate_text",
]

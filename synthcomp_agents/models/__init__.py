"""Model layer: offline token counting, per-role model configuration, the recording client wrapper, the scripted
offline policy and the bounded model context the worker thinks in.

Example:
    >>> from synthcomp_agents.models import count_tokens
    >>> count_tokens("Quarterly report draft")
    4
"""

from ._config import RUN_ID_HEADER as RUN_ID_HEADER
from ._config import ModelConfigError as ModelConfigError
from ._config import RoleModels as RoleModels
from ._config import load_model_config
from ._context import SUMMARY_SOURCE as SUMMARY_SOURCE
from ._context import BoundedChatCompletionContext
from ._context import BoundedChatCompletionContextConfig as BoundedChatCompletionContextConfig
from ._openai_format import to_openai_messages as to_openai_messages
from ._openai_format import to_openai_tools as to_openai_tools
from ._recorder import ZSTD_LEVEL as ZSTD_LEVEL
from ._recorder import EventWriter as EventWriter
from ._recorder import JsonlOffset as JsonlOffset
from ._recorder import JsonlWriter as JsonlWriter
from ._recorder import TrajectoryWriter
from ._recorder import is_compressed as is_compressed
from ._recorder import iter_jsonl_lines as iter_jsonl_lines
from ._recording import RecordingChatCompletionClient as RecordingChatCompletionClient
from ._recording import RecordingChatCompletionClientConfig as RecordingChatCompletionClientConfig
from ._resilient import FAULT_KINDS as FAULT_KINDS
from ._resilient import ModelCallError as ModelCallError
from ._resilient import ModelFaults as ModelFaults
from ._resilient import ResilientChatCompletionClient as ResilientChatCompletionClient
from ._resilient import RetrySettings as RetrySettings
from ._resilient import classify_model_error as classify_model_error
from ._scripted import SCRIPTED_MODEL_INFO as SCRIPTED_MODEL_INFO
from ._scripted import WORKER_VARIANTS as WORKER_VARIANTS
from ._scripted import ScriptedPolicyClient
from ._scripted import ScriptedPolicyClientConfig as ScriptedPolicyClientConfig
from ._scripted import scripted_role as scripted_role
from ._scripted_people import NO_REPLY as NO_REPLY
from ._serve import ScriptedPolicyServer
from ._serve import serve_scripted_policy as serve_scripted_policy
from ._setter_kinds import GENERIC_KINDS as GENERIC_KINDS
from ._setter_kinds import kind_label as kind_label
from ._tokens import ENCODING_NAME as ENCODING_NAME
from ._tokens import count_text as count_text
from ._tokens import count_tokens
from ._tokens import message_tokens as message_tokens
from ._tokens import tools_tokens as tools_tokens
from ._tokens import truncate_text as truncate_text

__all__ = [
    "BoundedChatCompletionContext",
    "ScriptedPolicyClient",
    "ScriptedPolicyServer",
    "TrajectoryWriter",
    "count_tokens",
    "load_model_config",
]

"""Simulated world: clock, mailbox on the disk, bounded model context, trajectory/event recorders.

Example:
    >>> from datetime import date
    >>> from synthcomp_agents.simulation import SimClock
    >>> SimClock(date(2025, 10, 6)).workdays[-1].isoformat()
    '2025-10-31'
"""

from ..models._recorder import EventWriter, JsonlOffset, TrajectoryWriter
from ._clock import SimClock
from ._context import SUMMARY_SOURCE, BoundedChatCompletionContext, BoundedChatCompletionContextConfig
from ._mail import Mailbox, MailError, MailMessage, MailSummary, Meeting
from ._world import DEFAULT_JOURNAL_PATH, Submission, World, WorldError, get_world  # isort: split

from ._checkpoint import CheckpointError, CheckpointInfo, CheckpointStore  # isort: split

from ._comm_tools import (
    ALL_COMM_TOOL_CLASSES,
    AppendJournalTool,
    CheckInboxTool,
    CommTool,
    CommToolConfig,
    CommToolError,
    EndDayTool,
    ReadMessageTool,
    ReplyTool,
    SaveAttachmentTool,
    ScheduleMeetingTool,
    SendMessageTool,
    SubmitDeliverableTool,
    comm_tools,
)
from ._rhythm import OVERTIME_MINUTES, close_day, end_of_day_reason
from ._run import (
    Simulation,
    SimulationConfig,
    SimulationError,
    SimulationHooks,
    SimulationProgress,
    SimulationResult,
)
from ._selector import SimulationSelector
from ._termination import (
    EndOfDayTermination,
    EndOfDayTerminationConfig,
    MonthOverTermination,
    MonthOverTerminationConfig,
    PlanReadyTermination,
    PlanReadyTerminationConfig,
    TokenBudgetTermination,
    TokenBudgetTerminationConfig,
    WorkerTurnBudgetTermination,
    WorkerTurnBudgetTerminationConfig,
)
from ._workbench import CLOCK_PREFIX, SimulationWorkbench, SimulationWorkbenchConfig

__all__ = [
    "ALL_COMM_TOOL_CLASSES",
    "CLOCK_PREFIX",
    "DEFAULT_JOURNAL_PATH",
    "OVERTIME_MINUTES",
    "SUMMARY_SOURCE",
    "AppendJournalTool",
    "BoundedChatCompletionContext",
    "BoundedChatCompletionContextConfig",
    "CheckInboxTool",
    "CheckpointError",
    "CheckpointInfo",
    "CheckpointStore",
    "CommTool",
    "CommToolConfig",
    "CommToolError",
    "EndDayTool",
    "EndOfDayTermination",
    "EndOfDayTerminationConfig",
    "EventWriter",
    "JsonlOffset",
    "MailError",
    "MailMessage",
    "MailSummary",
    "Mailbox",
    "Meeting",
    "MonthOverTermination",
    "MonthOverTerminationConfig",
    "PlanReadyTermination",
    "PlanReadyTerminationConfig",
    "ReadMessageTool",
    "ReplyTool",
    "SaveAttachmentTool",
    "ScheduleMeetingTool",
    "SendMessageTool",
    "SimClock",
    "Simulation",
    "SimulationConfig",
    "SimulationError",
    "SimulationHooks",
    "SimulationProgress",
    "SimulationResult",
    "SimulationSelector",
    "SimulationWorkbench",
    "SimulationWorkbenchConfig",
    "Submission",
    "SubmitDeliverableTool",
    "TokenBudgetTermination",
    "TokenBudgetTerminationConfig",
    "TrajectoryWriter",
    "WorkerTurnBudgetTermination",
    "WorkerTurnBudgetTerminationConfig",
    "World",
    "WorldError",
    "close_day",
    "comm_tools",
    "end_of_day_reason",
    "get_world",
]

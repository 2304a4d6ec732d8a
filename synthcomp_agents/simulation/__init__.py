"""The orchestrator: runs a month of a world (objective setter, worker, collaborators) as an AutoGen group chat,
with its selector, termination conditions and checkpoints. It re-exports the world's pieces (clock, mailbox,
world, comm tools, workbench from :mod:`synthcomp_agents.world`; the bounded model context and recorders from
:mod:`synthcomp_agents.models`) so ``synthcomp_agents.simulation.X`` keeps working.

Example:
    >>> from datetime import date
    >>> from synthcomp_agents.simulation import SimClock
    >>> SimClock(date(2025, 10, 6)).workdays[-1].isoformat()
    '2025-10-31'
"""

from ..models import SUMMARY_SOURCE as SUMMARY_SOURCE
from ..models import BoundedChatCompletionContext, TrajectoryWriter
from ..models import BoundedChatCompletionContextConfig as BoundedChatCompletionContextConfig
from ..models import EventWriter as EventWriter
from ..models import JsonlOffset as JsonlOffset
from ..world import ALL_COMM_TOOL_CLASSES as ALL_COMM_TOOL_CLASSES
from ..world import CLOCK_PREFIX as CLOCK_PREFIX
from ..world import DEFAULT_JOURNAL_PATH as DEFAULT_JOURNAL_PATH
from ..world import AppendJournalTool as AppendJournalTool
from ..world import CheckInboxTool as CheckInboxTool
from ..world import CommTool as CommTool
from ..world import CommToolConfig as CommToolConfig
from ..world import CommToolError as CommToolError
from ..world import EndDayTool as EndDayTool
from ..world import Mailbox, SimClock, SimulationWorkbench, World
from ..world import MailError as MailError
from ..world import MailMessage as MailMessage
from ..world import MailSummary as MailSummary
from ..world import Meeting as Meeting
from ..world import ReadMessageTool as ReadMessageTool
from ..world import ReplyTool as ReplyTool
from ..world import SaveAttachmentTool as SaveAttachmentTool
from ..world import ScheduleMeetingTool as ScheduleMeetingTool
from ..world import SendMessageTool as SendMessageTool
from ..world import SimulationWorkbenchConfig as SimulationWorkbenchConfig
from ..world import Submission as Submission
from ..world import SubmitDeliverableTool as SubmitDeliverableTool
from ..world import WaitTool as WaitTool
from ..world import WorldError as WorldError
from ..world import comm_tools as comm_tools
from ..world import get_world as get_world
from ._checkpoint import CheckpointError as CheckpointError
from ._checkpoint import CheckpointInfo as CheckpointInfo
from ._checkpoint import CheckpointStore as CheckpointStore
from ._folder import JOB_COMPUTER as JOB_COMPUTER
from ._folder import JOB_RUN as JOB_RUN
from ._folder import RUN_COMPUTERS as RUN_COMPUTERS
from ._folder import RUN_RUNS as RUN_RUNS
from ._folder import OriginalComputerNotFound as OriginalComputerNotFound
from ._folder import RunFolder as RunFolder
from ._rhythm import OVERTIME_MINUTES as OVERTIME_MINUTES
from ._rhythm import close_day as close_day
from ._rhythm import end_of_day_reason as end_of_day_reason
from ._run import Simulation, SimulationConfig
from ._run import SimulationError as SimulationError
from ._run import SimulationHooks as SimulationHooks
from ._run import SimulationInputError as SimulationInputError
from ._run import SimulationProgress as SimulationProgress
from ._run import SimulationResult as SimulationResult
from ._selector import SimulationSelector as SimulationSelector
from ._termination import EndOfDayTermination as EndOfDayTermination
from ._termination import EndOfDayTerminationConfig as EndOfDayTerminationConfig
from ._termination import MonthOverTermination as MonthOverTermination
from ._termination import MonthOverTerminationConfig as MonthOverTerminationConfig
from ._termination import PlanReadyTermination as PlanReadyTermination
from ._termination import PlanReadyTerminationConfig as PlanReadyTerminationConfig
from ._termination import TokenBudgetTermination as TokenBudgetTermination
from ._termination import TokenBudgetTerminationConfig as TokenBudgetTerminationConfig
from ._termination import WorkerTurnBudgetTermination as WorkerTurnBudgetTermination
from ._termination import WorkerTurnBudgetTerminationConfig as WorkerTurnBudgetTerminationConfig

__all__ = [
    "BoundedChatCompletionContext",
    "Mailbox",
    "SimClock",
    "Simulation",
    "SimulationConfig",
    "SimulationWorkbench",
    "TrajectoryWriter",
    "World",
]

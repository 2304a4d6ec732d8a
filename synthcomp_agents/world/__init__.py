"""The simulated world the agents act in: clock, mailbox on the disk, collaborators' personas, the live world that
holds them, the communication tools and the workbench that bundles them with the disk tools.

In tau2-bench terms this is the environment (with :mod:`synthcomp_agents.tools`); the orchestrator that runs a month
over it is :mod:`synthcomp_agents.simulation`. The world sits below the agents: agents import it, never the reverse.

Example:
    >>> from datetime import date
    >>> from synthcomp_agents.world import SimClock
    >>> SimClock(date(2025, 10, 6)).workdays[-1].isoformat()
    '2025-10-31'
"""

from ._clock import SimClock
from ._mail import Mailbox
from ._mail import MailError as MailError
from ._mail import MailMessage as MailMessage
from ._mail import MailSummary as MailSummary
from ._mail import Meeting as Meeting
from ._persona import CollaboratorPersona
from ._persona import PersonaError as PersonaError
from ._world import DEFAULT_JOURNAL_PATH as DEFAULT_JOURNAL_PATH  # isort: split

from ._comm_tools import ALL_COMM_TOOL_CLASSES as ALL_COMM_TOOL_CLASSES
from ._comm_tools import AppendJournalTool as AppendJournalTool
from ._comm_tools import CheckInboxTool as CheckInboxTool
from ._comm_tools import CommTool as CommTool
from ._comm_tools import CommToolConfig as CommToolConfig
from ._comm_tools import CommToolError as CommToolError
from ._comm_tools import EndDayTool as EndDayTool
from ._comm_tools import ReadMessageTool as ReadMessageTool
from ._comm_tools import ReplyTool as ReplyTool
from ._comm_tools import SaveAttachmentTool as SaveAttachmentTool
from ._comm_tools import ScheduleMeetingTool as ScheduleMeetingTool
from ._comm_tools import SendMessageTool as SendMessageTool
from ._comm_tools import SubmitDeliverableTool as SubmitDeliverableTool
from ._comm_tools import WaitTool as WaitTool
from ._comm_tools import comm_tools as comm_tools
from ._registry import world_id_of_clock as world_id_of_clock
from ._workbench import CLOCK_PREFIX as CLOCK_PREFIX
from ._workbench import TOOL_CONVENTIONS as TOOL_CONVENTIONS
from ._workbench import SimulationWorkbench
from ._workbench import SimulationWorkbenchConfig as SimulationWorkbenchConfig
from ._workbench import lean_schema as lean_schema
from ._world import PLAN_DOCUMENT as PLAN_DOCUMENT
from ._world import Submission as Submission
from ._world import World
from ._world import WorldError as WorldError
from ._world import get_world as get_world
from ._world import plan_document_path as plan_document_path

__all__ = [
    "CollaboratorPersona",
    "Mailbox",
    "SimClock",
    "SimulationWorkbench",
    "World",
]

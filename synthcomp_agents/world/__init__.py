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
from ._mail import Mailbox, MailError, MailMessage, MailSummary, Meeting
from ._persona import CollaboratorPersona, PersonaError
from ._world import DEFAULT_JOURNAL_PATH, Submission, World, WorldError, get_world  # isort: split

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
from ._registry import world_id_of_clock
from ._workbench import CLOCK_PREFIX, SimulationWorkbench, SimulationWorkbenchConfig

__all__ = [
    "ALL_COMM_TOOL_CLASSES",
    "CLOCK_PREFIX",
    "DEFAULT_JOURNAL_PATH",
    "AppendJournalTool",
    "CheckInboxTool",
    "CollaboratorPersona",
    "CommTool",
    "CommToolConfig",
    "CommToolError",
    "EndDayTool",
    "MailError",
    "MailMessage",
    "MailSummary",
    "Mailbox",
    "Meeting",
    "PersonaError",
    "ReadMessageTool",
    "ReplyTool",
    "SaveAttachmentTool",
    "ScheduleMeetingTool",
    "SendMessageTool",
    "SimClock",
    "SimulationWorkbench",
    "SimulationWorkbenchConfig",
    "Submission",
    "SubmitDeliverableTool",
    "World",
    "WorldError",
    "comm_tools",
    "get_world",
    "world_id_of_clock",
]

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

__all__ = [
    "SUMMARY_SOURCE",
    "BoundedChatCompletionContext",
    "BoundedChatCompletionContextConfig",
    "EventWriter",
    "JsonlOffset",
    "MailError",
    "MailMessage",
    "MailSummary",
    "Mailbox",
    "Meeting",
    "SimClock",
    "TrajectoryWriter",
]

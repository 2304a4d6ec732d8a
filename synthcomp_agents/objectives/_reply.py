"""When a collaborator's answer can be used: the day rule the setter is told and the plan validation enforces."""

from __future__ import annotations

from ..computers import Collaborator
from ..personas import answer_day, replies_in_evening

__all__ = ["answer_day", "earliest_answer_day", "replies_in_evening"]


def earliest_answer_day(collaborator: Collaborator) -> int:
    """:func:`answer_day` of a blueprint collaborator (their ``responsiveness`` and communication style)."""
    return answer_day(collaborator.responsiveness, replies_in_evening(collaborator.communication_style))

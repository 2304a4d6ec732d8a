"""When a person's answer to a question can be used: the day rule of reply times (a collaborator who answers in
48 h answers a day-1 question on day 3), shared by the setter prompt, the plan validation and the scripted setter."""

from __future__ import annotations

import math
import re

__all__ = ["answer_day", "replies_in_evening"]

_EVENING = re.compile(r"\b(late|evening)", re.IGNORECASE)
"""A communication style that says their replies come late or in the evening (read the next morning)."""


def replies_in_evening(communication_style: str) -> bool:
    """True when the style says they reply late or in the evening.

    Example:
        >>> replies_in_evening("replies late in the evening, in long detailed messages"), replies_in_evening("terse")
        (True, False)
    """
    return bool(_EVENING.search(communication_style))


def answer_day(reply_hours: float, late: bool = False) -> int:
    """The first workday a reply to a question asked at about 09:30 on day 1 can be used: the same day when it comes
    within the working day (by 17:00), else the morning after it lands (an evening writer: the next morning at the
    earliest).

    An evening writer's answer is due ``reply_hours`` after the question and then waits for 20:00 of that day (the
    world's :meth:`CollaboratorPersona.reply_due`), so it is read the morning after the day it falls due: 48 h from
    day 1 is day 3's evening, read on day 4.

    Example:
        >>> [answer_day(h) for h in (2, 8, 24, 48)], [answer_day(h, late=True) for h in (2, 24, 48)]
        ([1, 2, 2, 3], [2, 3, 4])
    """
    if late:
        return 2 + math.floor((9.5 + reply_hours) / 24)
    if reply_hours <= 7.5:
        return 1
    return 1 + max(1, math.ceil((reply_hours - 7.5) / 24))

"""Termination conditions of one simulated day (a ``team.run()`` segment), decided from simulation state.

They read the world, the clock and the run's meters, never message text (``TextMentionTermination`` would fire on a
document that happens to contain the keyword). AutoGen does not save termination counters in ``save_state``; these
conditions keep no counters of their own: the meters they read are part of the checkpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from autogen_agentchat.base import TerminatedException, TerminationCondition
from autogen_agentchat.messages import BaseAgentEvent, BaseChatMessage, StopMessage

from ._clock import SimClock

__all__ = [
    "EndOfDayTermination",
    "MonthOverTermination",
    "PlanReadyTermination",
    "TokenBudgetTermination",
    "WorkerTurnBudgetTermination",
]

_SOURCE = "simulation"


class _DayWorld(Protocol):
    @property
    def day_ended(self) -> bool: ...


class _PlanWorld(Protocol):
    @property
    def plan(self) -> Any: ...


class _StateCondition(TerminationCondition):
    """Base: stop once ``_reason()`` returns a text."""

    def __init__(self) -> None:
        self._terminated = False

    @property
    def terminated(self) -> bool:
        return self._terminated

    def _reason(self) -> str | None:  # pragma: no cover - abstract
        raise NotImplementedError

    async def __call__(self, messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> StopMessage | None:
        if self._terminated:
            raise TerminatedException(f"{type(self).__name__} has already been reached; reset it first")
        reason = self._reason()
        if reason is None:
            return None
        self._terminated = True
        return StopMessage(content=reason, source=_SOURCE)

    async def reset(self) -> None:
        self._terminated = False


class EndOfDayTermination(_StateCondition):
    """Stops the segment when the worker ended the day (``world.day_ended``) or working hours are over.

    Args:
        world: anything with a ``day_ended`` flag (the simulation's World).
        clock: the simulation clock; None ignores the end of working hours.
        overtime_minutes: how long past the end of working hours the worker may keep going.

    Example:
        >>> import asyncio
        >>> from types import SimpleNamespace
        >>> world = SimpleNamespace(day_ended=False)
        >>> cond = EndOfDayTermination(world)
        >>> asyncio.run(cond([])) is None
        True
        >>> world.day_ended = True
        >>> asyncio.run(cond([])).content
        'the worker ended the day'
    """

    def __init__(self, world: _DayWorld, clock: SimClock | None = None, *, overtime_minutes: float = 90.0) -> None:
        super().__init__()
        self._world = world
        self._clock = clock
        self._overtime = overtime_minutes

    def _reason(self) -> str | None:
        if self._world.day_ended:
            return "the worker ended the day"
        if self._clock is not None and self._clock.minutes_left_today <= 0:
            over = (self._clock.now - self._clock.day_end).total_seconds() / 60
            if over >= self._overtime:
                return f"working hours ended {over:.0f} minutes ago"
        return None


class MonthOverTermination(_StateCondition):
    """Stops when the simulated month is over (``clock.month_over``).

    Example:
        >>> import asyncio
        >>> from datetime import date
        >>> clock = SimClock(date(2026, 4, 13), days=1)
        >>> _ = clock.end_day()
        >>> asyncio.run(MonthOverTermination(clock)([])).content
        'the simulated month is over'
    """

    def __init__(self, clock: SimClock) -> None:
        super().__init__()
        self._clock = clock

    def _reason(self) -> str | None:
        return "the simulated month is over" if self._clock.month_over else None


class PlanReadyTermination(_StateCondition):
    """Stops the planning segment once the world holds an objective plan.

    Example:
        >>> import asyncio
        >>> from types import SimpleNamespace
        >>> asyncio.run(PlanReadyTermination(SimpleNamespace(plan="a plan"))([])).content
        'the objective plan is written'
    """

    def __init__(self, world: _PlanWorld) -> None:
        super().__init__()
        self._world = world

    def _reason(self) -> str | None:
        return "the objective plan is written" if self._world.plan is not None else None


class WorkerTurnBudgetTermination(_StateCondition):
    """Stops once the worker made ``max_turns`` model calls in total (read from the run's trajectory meter).

    Args:
        max_turns: the budget.
        turns: returns the worker turns so far (e.g. the trajectory writer's ``worker`` counter).

    Example:
        >>> import asyncio
        >>> asyncio.run(WorkerTurnBudgetTermination(10, lambda: 10)([])).content
        'the worker turn budget (10) is spent'
    """

    def __init__(self, max_turns: int, turns: Callable[[], int]) -> None:
        super().__init__()
        self._max = max_turns
        self._turns = turns

    def _reason(self) -> str | None:
        return f"the worker turn budget ({self._max}) is spent" if self._turns() >= self._max else None


class TokenBudgetTermination(_StateCondition):
    """Stops once every role's model calls together used ``max_tokens`` (prompt + completion) in the run.

    Example:
        >>> import asyncio
        >>> asyncio.run(TokenBudgetTermination(1000, lambda: 999)([])) is None
        True
    """

    def __init__(self, max_tokens: int, tokens: Callable[[], int]) -> None:
        super().__init__()
        self._max = max_tokens
        self._tokens = tokens

    def _reason(self) -> str | None:
        return f"the token budget ({self._max}) is spent" if self._tokens() >= self._max else None

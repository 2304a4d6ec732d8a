"""The day rhythm shared by :class:`~synthcomp_agents.simulation.Simulation` and the RL environment.

A workday ends when the worker calls ``end_day`` or when the clock is :data:`OVERTIME_MINUTES` past the end of working
hours (:func:`end_of_day_reason`). The orchestrator then closes it (:func:`close_day`: the world records why, the
clock moves to the next workday's morning) and, unless the month is over, starts the next one with
``World.start_day()`` (overnight mail, morning kickoff). The simulation checks the rule between agent turns (its
``EndOfDayTermination``), the environment after every step.

Example:
    >>> from synthcomp_agents.testing import demo_world
    >>> world = demo_world(world_id="rhythm-doc", days=2)
    >>> end_of_day_reason(world) is None
    True
    >>> _ = world.clock.advance(9 * 60)  # 09:00 + 9 h = 18:00, 30 minutes past 17:30
    >>> end_of_day_reason(world) is None
    True
    >>> _ = world.clock.advance(60)
    >>> end_of_day_reason(world)
    'working hours ended 90 minutes ago'
    >>> close_day(world, "the simulation closed the day: working hours ended 90 minutes ago")
    >>> world.day_summaries[-1]
    '2026-04-13: (the simulation closed the day: working hours ended 90 minutes ago)'
    >>> world.clock.day_index, world.start_day().splitlines()[0][-15:]
    (1, 'workday 2 of 2.')
    >>> world.close()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..world import SimClock

if TYPE_CHECKING:
    from ..world import World

__all__ = ["OVERTIME_MINUTES", "close_day", "end_of_day_reason", "overtime_reason"]

OVERTIME_MINUTES = 90.0
"""How long past the end of working hours a workday may run before the orchestrator closes it."""


def overtime_reason(clock: SimClock, overtime_minutes: float = OVERTIME_MINUTES) -> str | None:
    """Why the day is over by the clock alone (``overtime_minutes`` past the end of working hours), or None."""
    if clock.minutes_left_today > 0:
        return None
    over = (clock.now - clock.day_end).total_seconds() / 60
    return f"working hours ended {over:.0f} minutes ago" if over >= overtime_minutes else None


def end_of_day_reason(world: World, overtime_minutes: float = OVERTIME_MINUTES) -> str | None:
    """Why today's work is over (the worker ended it, or overtime is spent), or None while it goes on."""
    if world.day_ended:
        return "the worker ended the day"
    return overtime_reason(world.clock, overtime_minutes)


def close_day(world: World, why: str) -> None:
    """End today (recording ``(why)`` as the day's summary when the worker did not end it) and move the clock to
    the next workday's morning; ``world.clock.month_over`` then tells whether another day follows."""
    if not world.day_ended:
        world.end_day(f"({why})")
    world.clock.end_day()

"""Lookups over the live-world registry that code outside the world package needs (by clock, for terminations)."""

from __future__ import annotations

from ._clock import SimClock
from ._world import _lock, _worlds


def world_id_of_clock(clock: SimClock) -> str | None:
    """The id of the live world whose ``clock`` is ``clock`` (first by id), or None.

    Example:
        >>> from datetime import date
        >>> world_id_of_clock(SimClock(date(2026, 4, 13))) is None
        True
    """
    with _lock:
        ids = sorted(world_id for world_id, world in _worlds.items() if world.clock is clock)
    return ids[0] if ids else None

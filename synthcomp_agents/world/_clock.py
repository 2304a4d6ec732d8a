"""Simulated work time: workdays, working hours in the user's time zone, and plausible costs of actions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from ..tools import DEFAULT_COST, tool_traits

__all__ = ["SimClock"]


def _round_minutes(value: float) -> float:
    return round(value * 10) / 10  # 6-second grain: deterministic and readable


class SimClock:
    """The simulation's clock: Mon-Fri workdays (minus holidays), working hours in the user's zone, times in UTC.

    ``advance`` moves time forward without crossing days on its own: after the end of working hours ``day_over``
    is True and the orchestrator calls ``end_day`` (next workday at the start hour). The month is over after
    ``days`` workdays. Calling the clock returns ``now``, so it plugs in as ``VirtualDisk.clock``.

    Args:
        start: first day (if not a workday, the next workday); a datetime's date is used.
        tz: the user's time zone (IANA name or tzinfo).
        workday_start: local start of working hours.
        workday_end: local end of working hours.
        holidays: dates that are not workdays.
        days: workdays in the simulated month.
        tool_costs: exact tool-name overrides of :meth:`cost_of_tool`, in minutes.

    Example:
        >>> from datetime import date
        >>> clock = SimClock(date(2025, 10, 3), tz="Europe/Berlin")   # a Friday
        >>> clock.local_now.isoformat()
        '2025-10-03T09:00:00+02:00'
        >>> clock().isoformat()                                      # UTC, as the disk wants it
        '2025-10-03T07:00:00+00:00'
        >>> _ = clock.advance(clock.cost_of_tool("create_document", args_size=4000, result_size=80))
        >>> clock.local_now.strftime("%H:%M"), clock.day_index
        ('09:43', 0)
        >>> clock.end_day().astimezone(clock.tz).strftime("%a %H:%M"), clock.day_index
        ('Mon 09:00', 1)
    """

    def __init__(
        self,
        start: date | datetime,
        *,
        tz: str | tzinfo = "UTC",
        workday_start: time = time(9, 0),
        workday_end: time = time(17, 30),
        holidays: Iterable[date] = (),
        days: int = 20,
        tool_costs: Mapping[str, float] | None = None,
    ) -> None:
        if days < 1:
            raise ValueError(f"days must be >= 1, got {days}")
        if workday_end <= workday_start:
            raise ValueError(f"workday_end {workday_end} must be after workday_start {workday_start}")
        self._tz_name = tz if isinstance(tz, str) else str(tz)
        self._tz: tzinfo = ZoneInfo(tz) if isinstance(tz, str) else tz
        self._day_start = workday_start
        self._day_end = workday_end
        self._holidays = frozenset(holidays)
        self._days = days
        self._tool_costs = dict(tool_costs or {})
        first = start.date() if isinstance(start, datetime) else start
        self._first_day = self.next_workday(first, include=True)
        self._workdays = self._make_workdays()
        self._day_index = 0
        self._now = self._at(self._first_day, self._day_start)

    # -- calendar ---------------------------------------------------------------------------------------

    def is_workday(self, day: date) -> bool:
        """Mon-Fri and not a holiday."""
        return day.weekday() < 5 and day not in self._holidays

    def next_workday(self, day: date, *, include: bool = False) -> date:
        """The first workday after ``day`` (or ``day`` itself when ``include`` and it is one)."""
        current = day if include else day + timedelta(days=1)
        while not self.is_workday(current):
            current += timedelta(days=1)
        return current

    def _make_workdays(self) -> tuple[date, ...]:
        out = [self._first_day]
        while len(out) < self._days + 1:  # +1: the morning after the month (month_over)
            out.append(self.next_workday(out[-1]))
        return tuple(out)

    def _at(self, day: date, when: time) -> datetime:
        return datetime.combine(day, when, tzinfo=self._tz).astimezone(timezone.utc)

    @property
    def workdays(self) -> tuple[date, ...]:
        """The month's workdays (local dates), ``days`` of them."""
        return self._workdays[: self._days]

    @property
    def tz(self) -> tzinfo:
        """The user's time zone."""
        return self._tz

    @property
    def days(self) -> int:
        """Workdays in the month."""
        return self._days

    # -- time -------------------------------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        """Current simulated time (aware, UTC)."""
        return self._now

    def __call__(self) -> datetime:
        """Return :attr:`now` (so the clock can be a ``VirtualDisk.clock``)."""
        return self._now

    @property
    def local_now(self) -> datetime:
        """Current time in the user's zone."""
        return self._now.astimezone(self._tz)

    @property
    def today(self) -> date:
        """The current local date."""
        return self.local_now.date()

    @property
    def day_index(self) -> int:
        """0-based workday number within the month (``days`` once the month is over)."""
        return self._day_index

    @property
    def day_start(self) -> datetime:
        """Start of working hours today (UTC)."""
        return self._at(self.today, self._day_start)

    @property
    def day_end(self) -> datetime:
        """End of working hours today (UTC)."""
        return self._at(self.today, self._day_end)

    @property
    def minutes_left_today(self) -> float:
        """Working minutes left before the end of today's hours (0 when past it)."""
        return max(0.0, (self.day_end - self._now).total_seconds() / 60)

    @property
    def day_over(self) -> bool:
        """True once the end of today's working hours is reached."""
        return self._now >= self.day_end

    @property
    def month_over(self) -> bool:
        """True after ``days`` workdays have ended."""
        return self._day_index >= self._days

    def advance(self, minutes: float) -> datetime:
        """Move forward by ``minutes`` (may run past the end of working hours; see :attr:`day_over`)."""
        if minutes < 0:
            raise ValueError(f"cannot move the clock back ({minutes} minutes)")
        self._now = self._now + timedelta(seconds=round(minutes * 60))
        return self._now

    def advance_to(self, when: datetime) -> datetime:
        """Move forward to ``when`` (no-op if it is in the past)."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        if when > self._now:
            self._now = when.astimezone(timezone.utc)
        return self._now

    def end_day(self) -> datetime:
        """Jump to the start of the next workday; after the last one, :attr:`month_over` becomes True."""
        self._day_index += 1
        self._now = self._at(self._workdays[min(self._day_index, self._days)], self._day_start)
        return self._now

    # -- costs ------------------------------------------------------------------------------------------

    def cost_of_tool(self, name: str, args_size: int = 0, result_size: int = 0) -> float:
        """Plausible simulated minutes for a tool call (deterministic, 0.1-minute grain).

        The cost is the tool's own (``ToolTraits.cost``, see :func:`synthcomp_agents.tools.tool_traits`) unless
        ``tool_costs`` overrides it; a name no tool has costs :data:`~synthcomp_agents.tools.DEFAULT_COST`.
        Listing a folder ~1 min; reading a file 2-30 min by length (~1,500 characters a minute); writing a document
        3-60 min by size (a 4,000-character document ~43 min); an edit 5-45; a short mail ~5; moving a file 1;
        ending the day 0.
        """
        if name in self._tool_costs:
            return _round_minutes(float(self._tool_costs[name]))
        traits = tool_traits(name)
        cost = traits.cost if traits is not None else DEFAULT_COST
        return _round_minutes(cost.minutes_for(args_size, result_size))

    def cost_of_message(self, chars: int) -> float:
        """Minutes to write a chat message or mail of ``chars`` characters (2-30; a 450-character note ~5)."""
        return _round_minutes(min(30.0, max(2.0, 2 + chars / 150)))

    # -- state ------------------------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """JSON-ready state (configuration + current time)."""
        return {
            "first_day": self._first_day.isoformat(),
            "tz": self._tz_name,
            "workday_start": self._day_start.isoformat(),
            "workday_end": self._day_end.isoformat(),
            "holidays": sorted(d.isoformat() for d in self._holidays),
            "days": self._days,
            "tool_costs": dict(sorted(self._tool_costs.items())),
            "now": self._now.isoformat(),
            "day_index": self._day_index,
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> SimClock:
        """Rebuild a clock saved with :meth:`to_state`."""
        clock = cls(
            date.fromisoformat(state["first_day"]),
            tz=state["tz"],
            workday_start=time.fromisoformat(state["workday_start"]),
            workday_end=time.fromisoformat(state["workday_end"]),
            holidays=[date.fromisoformat(d) for d in state["holidays"]],
            days=int(state["days"]),
            tool_costs=state.get("tool_costs") or {},
        )
        clock._now = datetime.fromisoformat(state["now"]).astimezone(timezone.utc)
        clock._day_index = int(state["day_index"])
        return clock

    def __repr__(self) -> str:
        return f"SimClock(now={self.local_now.isoformat()}, day={self._day_index}/{self._days})"

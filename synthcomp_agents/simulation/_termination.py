"""Termination conditions of one simulated day (a ``team.run()`` segment), decided from simulation state.

They read the world, the clock and the run's meters, never message text (``TextMentionTermination`` would fire on a
document that happens to contain the keyword). AutoGen does not save termination counters in ``save_state``; in the
live simulation these conditions keep no counters of their own: the meters they read are part of the checkpoint.

Every condition is an AutoGen component (``dump_component()`` / ``load_component()``). Its config names the world by
id (resolved with :func:`~synthcomp_agents.simulation.get_world`, like the comm tools), so the world must be live
before a config is loaded. The clock is always the world's ``clock``. The two budget conditions cannot store the
meter callable the simulation gives them; see :class:`WorkerTurnBudgetTermination` for what their config holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, cast

from autogen_agentchat.base import TerminatedException, TerminationCondition
from autogen_agentchat.messages import BaseAgentEvent, BaseChatMessage, StopMessage, TextMessage, ToolCallRequestEvent
from autogen_core import Component
from pydantic import BaseModel, Field
from typing_extensions import Self

from ..world import SimClock, get_world
from ..world import world_id_of_clock as _world_id_of_clock
from ._rhythm import OVERTIME_MINUTES, overtime_reason

__all__ = [
    "EndOfDayTermination",
    "EndOfDayTerminationConfig",
    "MonthOverTermination",
    "MonthOverTerminationConfig",
    "PlanReadyTermination",
    "PlanReadyTerminationConfig",
    "TokenBudgetTermination",
    "TokenBudgetTerminationConfig",
    "WorkerTurnBudgetTermination",
    "WorkerTurnBudgetTerminationConfig",
]

_SOURCE = "simulation"


class _DayWorld(Protocol):
    @property
    def day_ended(self) -> bool: ...


class _PlanWorld(Protocol):
    @property
    def plan(self) -> Any: ...


def _resolve(world: Any) -> Any:
    """A world id becomes the live world; anything else is used as given."""
    return get_world(world) if isinstance(world, str) else world


def _world_id(condition: TerminationCondition, world: Any) -> str:
    """The id a config stores for ``world``; a world without one cannot be dumped (the message says what to do)."""
    world_id = getattr(world, "world_id", None)
    if not isinstance(world_id, str) or not world_id:
        raise ValueError(
            f"{type(condition).__name__} cannot be dumped: its world ({type(world).__name__}) has no world_id. "
            "Build it from a synthcomp_agents.simulation.World or a world id to get a serializable component."
        )
    return world_id


class _StateCondition(TerminationCondition):
    """Base: stop once ``_reason()`` returns a text; ``_observe()`` sees every message delta first."""

    component_type = "termination"

    def __init__(self) -> None:
        self._terminated = False

    @property
    def terminated(self) -> bool:
        return self._terminated

    def _observe(self, messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> None:
        """Count what the condition needs from the messages (default: nothing)."""

    def _forget(self) -> None:
        """Drop what :meth:`_observe` counted (default: nothing)."""

    def _reason(self) -> str | None:  # pragma: no cover - abstract
        raise NotImplementedError

    async def __call__(self, messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> StopMessage | None:
        if self._terminated:
            raise TerminatedException(f"{type(self).__name__} has already been reached; reset it first")
        self._observe(messages)
        reason = self._reason()
        if reason is None:
            return None
        self._terminated = True
        return StopMessage(content=reason, source=_SOURCE)

    async def reset(self) -> None:
        self._terminated = False
        self._forget()


# -- end of day ---------------------------------------------------------------------------------------------------


class EndOfDayTerminationConfig(BaseModel):
    """Component config of :class:`EndOfDayTermination`."""

    world: str = Field(description="world_id of a live World (see synthcomp_agents.simulation.get_world).")
    working_hours: bool = Field(
        default=True, description="Also stop once the world's clock is past the end of working hours (+ overtime)."
    )
    overtime_minutes: float = Field(
        default=OVERTIME_MINUTES, ge=0, description="Minutes past the end of working hours allowed."
    )


class EndOfDayTermination(_StateCondition, Component[EndOfDayTerminationConfig]):
    """Stops the segment when the worker ended the day (``world.day_ended``) or working hours are over.

    The rule is the day rhythm's (:func:`~synthcomp_agents.simulation._rhythm.overtime_reason`), which the RL
    environment applies too.

    Args:
        world: the simulation's :class:`~synthcomp_agents.simulation.World`, its id, or anything with a
            ``day_ended`` flag (such an object without a ``world_id`` works but cannot be dumped).
        clock: the clock whose working hours count; None: see ``working_hours``.
        overtime_minutes: how long past the end of working hours the worker may keep going.
        working_hours: without a ``clock``, also stop at the end of working hours of ``world.clock`` (read at each
            check). With a ``clock`` the working hours always count.

    Its config stores the world id, whether working hours count and the overtime; dumping an instance built with a
    ``clock`` other than ``world.clock`` raises ``ValueError`` (the config can only name the world's clock).

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

        Built from a world (or its id) it is a serializable component:

        >>> from synthcomp_agents.testing import demo_world
        >>> live = demo_world(world_id="eod-doc", days=3)
        >>> config = EndOfDayTermination(live, live.clock).dump_component()
        >>> config.provider
        'synthcomp_agents.simulation.EndOfDayTermination'
        >>> config.config
        {'world': 'eod-doc', 'working_hours': True, 'overtime_minutes': 90.0}
        >>> again = EndOfDayTermination.load_component(config)
        >>> live.day_ended = True
        >>> asyncio.run(again([])).content
        'the worker ended the day'
        >>> live.close()
    """

    component_config_schema = EndOfDayTerminationConfig
    component_provider_override = "synthcomp_agents.simulation.EndOfDayTermination"

    def __init__(
        self,
        world: _DayWorld | str,
        clock: SimClock | None = None,
        *,
        overtime_minutes: float = OVERTIME_MINUTES,
        working_hours: bool = False,
    ) -> None:
        super().__init__()
        self._world: _DayWorld = _resolve(world)
        self._clock = clock
        self._working_hours = working_hours or clock is not None
        self._overtime = overtime_minutes
        if self._working_hours and clock is None and not isinstance(getattr(self._world, "clock", None), SimClock):
            raise ValueError("working_hours=True needs a clock: pass clock= or a world with a clock")

    def _current_clock(self) -> SimClock | None:
        if self._clock is not None:
            return self._clock
        if self._working_hours:
            clock: SimClock = cast(Any, self._world).clock  # checked in __init__
            return clock
        return None

    def _reason(self) -> str | None:
        if self._world.day_ended:
            return "the worker ended the day"
        clock = self._current_clock()
        return overtime_reason(clock, self._overtime) if clock is not None else None

    def _to_config(self) -> EndOfDayTerminationConfig:
        world_id = _world_id(self, self._world)
        if self._clock is not None and self._clock is not getattr(self._world, "clock", None):
            raise ValueError(
                f"EndOfDayTermination cannot be dumped: its clock is not the clock of world {world_id!r}, and a "
                "config can only refer to the world's clock"
            )
        return EndOfDayTerminationConfig(
            world=world_id, working_hours=self._working_hours, overtime_minutes=self._overtime
        )

    @classmethod
    def _from_config(cls, config: EndOfDayTerminationConfig) -> Self:
        return cls(config.world, overtime_minutes=config.overtime_minutes, working_hours=config.working_hours)


# -- month over ---------------------------------------------------------------------------------------------------


class MonthOverTerminationConfig(BaseModel):
    """Component config of :class:`MonthOverTermination`: the world whose clock counts."""

    world: str = Field(description="world_id of a live World; its clock decides.")


class MonthOverTermination(_StateCondition, Component[MonthOverTerminationConfig]):
    """Stops when the simulated month is over (``clock.month_over``).

    Args:
        clock: the simulation clock.
        world: instead of ``clock``: a World or its id; its ``clock`` is read at each check.

    Pass exactly one of them. The config stores the world id; an instance built from a bare ``clock`` is dumped with
    the id of the live world that owns that clock, and dumping raises ``ValueError`` if no live world does.

    Example:
        >>> import asyncio
        >>> from datetime import date
        >>> clock = SimClock(date(2026, 4, 13), days=1)
        >>> _ = clock.end_day()
        >>> asyncio.run(MonthOverTermination(clock)([])).content
        'the simulated month is over'

        The serializable form names the world:

        >>> from synthcomp_agents.testing import demo_world
        >>> live = demo_world(world_id="month-doc", days=1)
        >>> again = MonthOverTermination.load_component(MonthOverTermination(world=live).dump_component())
        >>> asyncio.run(again([])) is None
        True
        >>> _ = live.clock.end_day()
        >>> asyncio.run(again([])).content
        'the simulated month is over'
        >>> live.close()
    """

    component_config_schema = MonthOverTerminationConfig
    component_provider_override = "synthcomp_agents.simulation.MonthOverTermination"

    def __init__(self, clock: SimClock | None = None, *, world: Any = None) -> None:
        super().__init__()
        if (clock is None) == (world is None):
            raise ValueError("MonthOverTermination needs exactly one of clock or world=")
        self._clock = clock
        self._world: Any = None if world is None else _resolve(world)

    def _current_clock(self) -> SimClock:
        if self._clock is not None:
            return self._clock
        clock: SimClock = self._world.clock
        return clock

    def _reason(self) -> str | None:
        return "the simulated month is over" if self._current_clock().month_over else None

    def _to_config(self) -> MonthOverTerminationConfig:
        if self._world is not None:
            return MonthOverTerminationConfig(world=_world_id(self, self._world))
        assert self._clock is not None
        world_id = _world_id_of_clock(self._clock)
        if world_id is None:
            raise ValueError(
                "MonthOverTermination cannot be dumped: no live World owns its clock; build it with world=<World or "
                "world id> to get a serializable component"
            )
        return MonthOverTerminationConfig(world=world_id)

    @classmethod
    def _from_config(cls, config: MonthOverTerminationConfig) -> Self:
        return cls(world=config.world)


# -- plan ready ---------------------------------------------------------------------------------------------------


class PlanReadyTerminationConfig(BaseModel):
    """Component config of :class:`PlanReadyTermination`."""

    world: str = Field(description="world_id of a live World (see synthcomp_agents.simulation.get_world).")


class PlanReadyTermination(_StateCondition, Component[PlanReadyTerminationConfig]):
    """Stops the planning segment once the world holds an objective plan.

    Args:
        world: the World, its id, or anything with a ``plan`` attribute (only a world with a ``world_id`` can be
            dumped).

    Example:
        >>> import asyncio
        >>> from types import SimpleNamespace
        >>> asyncio.run(PlanReadyTermination(SimpleNamespace(plan="a plan"))([])).content
        'the objective plan is written'
        >>> from synthcomp_agents.testing import demo_world
        >>> live = demo_world(world_id="plan-doc", days=3)
        >>> PlanReadyTermination(live).dump_component().config
        {'world': 'plan-doc'}
        >>> live.close()
    """

    component_config_schema = PlanReadyTerminationConfig
    component_provider_override = "synthcomp_agents.simulation.PlanReadyTermination"

    def __init__(self, world: _PlanWorld | str) -> None:
        super().__init__()
        self._world: _PlanWorld = _resolve(world)

    def _reason(self) -> str | None:
        return "the objective plan is written" if self._world.plan is not None else None

    def _to_config(self) -> PlanReadyTerminationConfig:
        return PlanReadyTerminationConfig(world=_world_id(self, self._world))

    @classmethod
    def _from_config(cls, config: PlanReadyTerminationConfig) -> Self:
        return cls(config.world)


# -- budgets ------------------------------------------------------------------------------------------------------


class WorkerTurnBudgetTerminationConfig(BaseModel):
    """Component config of :class:`WorkerTurnBudgetTermination`: the budget and the worker's agent name."""

    max_turns: int = Field(ge=1, description="Worker model calls allowed.")
    worker: str = Field(default="worker", description="Agent name of the worker whose model calls count.")


class WorkerTurnBudgetTermination(_StateCondition, Component[WorkerTurnBudgetTerminationConfig]):
    """Stops once the worker made ``max_turns`` model calls.

    Two ways to count:

    * with ``turns`` (what the live simulation does): the callable is the run's exact meter (the trajectory writer's
      ``worker`` counter), so the budget covers the whole run, across segments, resets and resumes from a checkpoint;
    * without ``turns`` (e.g. loaded from a config): it counts the worker's model calls in the messages it is given,
      one per ``ToolCallRequestEvent`` or ``TextMessage`` whose ``source`` is ``worker``; ``reset()`` sets the count
      back to zero. AutoGen resets a team's termination condition after every ``run()``, so this form budgets one
      ``run()`` (one simulated day in our simulation), not the whole run.

    The callable is not serializable: dumping an instance built with ``turns`` stores only ``max_turns`` and
    ``worker``, and loading that config gives the message-counting form, not the meter.

    Args:
        max_turns: the budget.
        turns: returns the worker turns so far; None counts from the messages.
        worker: the worker's agent name (used when counting from messages; stored in the config).

    Example:
        >>> import asyncio
        >>> asyncio.run(WorkerTurnBudgetTermination(10, lambda: 10)([])).content
        'the worker turn budget (10) is spent'

        Counting from messages (the form a dumped config loads as):

        >>> from autogen_agentchat.messages import TextMessage
        >>> cond = WorkerTurnBudgetTermination(2, worker="worker")
        >>> asyncio.run(cond([TextMessage(content="Done.", source="worker")])) is None
        True
        >>> asyncio.run(cond([TextMessage(content="Hi", source="petra_lang"),
        ...                   TextMessage(content="Done.", source="worker")])).content
        'the worker turn budget (2) is spent'
        >>> WorkerTurnBudgetTermination(10, lambda: 3).dump_component().config
        {'max_turns': 10, 'worker': 'worker'}
    """

    component_config_schema = WorkerTurnBudgetTerminationConfig
    component_provider_override = "synthcomp_agents.simulation.WorkerTurnBudgetTermination"

    def __init__(self, max_turns: int, turns: Callable[[], int] | None = None, *, worker: str = "worker") -> None:
        super().__init__()
        self._max = max_turns
        self._turns = turns
        self._worker = worker
        self._seen = 0

    def _observe(self, messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> None:
        if self._turns is None:
            self._seen += sum(
                1 for m in messages if isinstance(m, (ToolCallRequestEvent, TextMessage)) and m.source == self._worker
            )

    def _forget(self) -> None:
        self._seen = 0

    def _reason(self) -> str | None:
        used = self._turns() if self._turns is not None else self._seen
        return f"the worker turn budget ({self._max}) is spent" if used >= self._max else None

    def _to_config(self) -> WorkerTurnBudgetTerminationConfig:
        return WorkerTurnBudgetTerminationConfig(max_turns=self._max, worker=self._worker)

    @classmethod
    def _from_config(cls, config: WorkerTurnBudgetTerminationConfig) -> Self:
        return cls(config.max_turns, worker=config.worker)


class TokenBudgetTerminationConfig(BaseModel):
    """Component config of :class:`TokenBudgetTermination`: the budget."""

    max_tokens: int = Field(ge=1, description="Prompt + completion tokens allowed.")


class TokenBudgetTermination(_StateCondition, Component[TokenBudgetTerminationConfig]):
    """Stops once every role's model calls together used ``max_tokens`` (prompt + completion).

    Two ways to count, as in :class:`WorkerTurnBudgetTermination`:

    * with ``tokens`` (what the live simulation does): the callable is the run's exact meter (the trajectory's token
      total over every role, whole run, survives resumes);
    * without ``tokens`` (e.g. loaded from a config): it adds up ``models_usage`` (prompt + completion) of the
      messages it is given; ``reset()`` sets the sum back to zero, so it budgets one ``run()``. Only usage that
      agents report on their messages counts.

    The callable is not serializable: dumping an instance built with ``tokens`` stores only ``max_tokens``, and
    loading that config gives the message-counting form, not the meter.

    Args:
        max_tokens: the budget.
        tokens: returns the tokens used so far; None counts from the messages.

    Example:
        >>> import asyncio
        >>> asyncio.run(TokenBudgetTermination(1000, lambda: 999)([])) is None
        True
        >>> from autogen_agentchat.messages import TextMessage
        >>> from autogen_core.models import RequestUsage
        >>> cond = TokenBudgetTermination.load_component(TokenBudgetTermination(100, lambda: 0).dump_component())
        >>> used = RequestUsage(prompt_tokens=90, completion_tokens=10)
        >>> asyncio.run(cond([TextMessage(content="Done.", source="worker", models_usage=used)])).content
        'the token budget (100) is spent'
    """

    component_config_schema = TokenBudgetTerminationConfig
    component_provider_override = "synthcomp_agents.simulation.TokenBudgetTermination"

    def __init__(self, max_tokens: int, tokens: Callable[[], int] | None = None) -> None:
        super().__init__()
        self._max = max_tokens
        self._tokens = tokens
        self._seen = 0

    def _observe(self, messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> None:
        if self._tokens is None:
            for message in messages:
                usage = message.models_usage
                if usage is not None:
                    self._seen += usage.prompt_tokens + usage.completion_tokens

    def _forget(self) -> None:
        self._seen = 0

    def _reason(self) -> str | None:
        used = self._tokens() if self._tokens is not None else self._seen
        return f"the token budget ({self._max}) is spent" if used >= self._max else None

    def _to_config(self) -> TokenBudgetTerminationConfig:
        return TokenBudgetTerminationConfig(max_tokens=self._max)

    @classmethod
    def _from_config(cls, config: TokenBudgetTerminationConfig) -> Self:
        return cls(config.max_tokens)

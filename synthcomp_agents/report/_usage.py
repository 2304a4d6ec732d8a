"""Model use per day and role, streamed from the run's trajectory (one line per model call; lines can be large)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..simulation import RunFolder
from ._timeline import iter_jsonl


@dataclass
class DayUsage:
    """Tokens (prompt + completion), calls and model latency of one day, per role.

    Example:
        >>> DayUsage(1).worker_turns
        0
    """

    day: int
    tokens: Counter[str] = field(default_factory=Counter)
    prompt: Counter[str] = field(default_factory=Counter)
    completion: Counter[str] = field(default_factory=Counter)
    calls: Counter[str] = field(default_factory=Counter)
    latency: dict[str, float] = field(default_factory=dict)

    @property
    def worker_turns(self) -> int:
        """Worker model calls on this day."""
        return self.calls.get("worker", 0)


@dataclass(frozen=True)
class Usage:
    """Per-day model use (days in order) and the roles seen, in a stable order.

    Example:
        >>> Usage(days=(), roles=(), bad_lines=0).totals()["calls"]
        {}
    """

    days: tuple[DayUsage, ...]
    roles: tuple[str, ...]
    bad_lines: int

    def totals(self) -> dict[str, dict[str, float]]:
        """Whole-run ``tokens``, ``prompt``, ``completion``, ``calls`` and ``latency`` per role."""
        out: dict[str, dict[str, float]] = {}
        for name in ("tokens", "prompt", "completion", "calls", "latency"):
            total: dict[str, float] = {}
            for day in self.days:
                for role, value in getattr(day, name).items():
                    total[role] = total.get(role, 0.0) + value
            out[name] = {role: float(total[role]) for role in self.roles if role in total}
        return out


def role_group(role: str) -> str:
    """Chart group of a role: every ``collaborator:<name>`` becomes ``collaborators``.

    Example:
        >>> role_group("collaborator:dana_lee")
        'collaborators'
    """
    return "collaborators" if role.startswith("collaborator") else role


_ORDER = {"worker": 0, "objective_setter": 1, "collaborators": 2, "judge": 3}


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def read_usage(run: RunFolder, day_of: Callable[[str], int]) -> Usage:
    """Stream the run's trajectory (compact or plain) and add up tokens, calls and latency per day and role.

    Example:
        >>> usage = read_usage(RunFolder("runs/c1"), lambda t: 1)  # doctest: +SKIP
        >>> usage.days[0].worker_turns  # doctest: +SKIP
        1296
    """
    days: dict[int, DayUsage] = {}
    bad = [0]
    roles: set[str] = set()
    if run.has_trajectory():
        for line in iter_jsonl(run.iter_trajectory_lines(), bad):
            role = line.get("role")
            role = role if isinstance(role, str) and role else "unknown"
            sim_time = line.get("sim_time")
            # the objective setter writes the plan: it belongs to the planning before day 1
            index = 0 if role == "objective_setter" else day_of(sim_time if isinstance(sim_time, str) else "")
            day = days.setdefault(index, DayUsage(index))
            raw_usage = line.get("usage")
            usage: dict[str, Any] = raw_usage if isinstance(raw_usage, dict) else {}
            prompt = int(_number(usage.get("prompt_tokens")))
            completion = int(_number(usage.get("completion_tokens")))
            day.prompt[role] += prompt
            day.completion[role] += completion
            day.tokens[role] += prompt + completion
            day.calls[role] += 1
            day.latency[role] = day.latency.get(role, 0.0) + _number(line.get("latency_s"))
            roles.add(role)
    ordered = tuple(sorted(roles, key=lambda r: (_ORDER.get(role_group(r), 9), r)))
    return Usage(days=tuple(days[i] for i in sorted(days)), roles=ordered, bad_lines=bad[0])

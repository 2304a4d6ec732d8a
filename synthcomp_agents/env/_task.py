"""EnvTask: what one episode of :class:`~synthcomp_agents.env.SyntheticComputerEnv` is about."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..simulation import RunFolder

__all__ = ["EnvTask"]


@dataclass(frozen=True)
class EnvTask:
    """One task: a computer (before any work), a plan, and the objective of the episode.

    Attributes:
        computer_dir: a computer folder (``computer.json`` + ``computer.scdisk``).
        objectives: the plan: an ``objectives.json`` path (or its parsed JSON).
        objective_id: the objective to work on (the worker sees only this objective of the plan).
        seed: seed of the scripted collaborators.
        max_steps: step budget (one step = one action: a message or a batch of tool calls).
        days: workdays available (default: the plan's workdays).

    Example:
        >>> task = EnvTask(computer_dir=Path("out/computers/c1"), objectives=Path("out/runs/c1/objectives.json"),
        ...                objective_id="o1", max_steps=300)
        >>> task.max_steps
        300
    """

    computer_dir: Path
    objectives: Path | Mapping[str, Any]
    objective_id: str
    seed: int = 0
    max_steps: int = 400
    days: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_run(cls, run_dir: str | Path, objective_id: str, **kwargs: Any) -> EnvTask:
        """The task of one objective of a run folder: its computer (before the run) and its plan.

        The computer folder is found by :meth:`RunFolder.original_computer
        <synthcomp_agents.simulation.RunFolder.original_computer>` (every layout: ``synthcomp run``, ``simulate``,
        a batch job, a moved output).

        Raises:
            FileNotFoundError: The run's plan cannot be found, or its computer folder
                (:class:`~synthcomp_agents.simulation.OriginalComputerNotFound`).
        """
        run = RunFolder(run_dir)
        plan = run.objectives_path
        if not plan.is_file():
            raise FileNotFoundError(f"{run.path} has no {run.OBJECTIVES}; pass a run folder whose plan was written")
        computer = run.original_computer()
        return cls(computer_dir=computer.path, objectives=plan, objective_id=objective_id, **kwargs)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready description (for ``info`` and logs)."""
        return {
            "computer_dir": str(self.computer_dir),
            "objectives": "(inline plan)" if isinstance(self.objectives, Mapping) else str(self.objectives),
            "objective_id": self.objective_id,
            "seed": self.seed,
            "max_steps": self.max_steps,
            "days": self.days,
        }

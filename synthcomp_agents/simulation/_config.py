"""What a simulation runs (:class:`SimulationConfig`), what it reports while running, and its error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..models import WORKER_VARIANTS

__all__ = ["SimulationConfig", "SimulationError", "SimulationInputError", "SimulationProgress"]


class SimulationError(RuntimeError):
    """The simulation cannot start or continue (bad input, a failed or timed-out segment, a damaged checkpoint).

    Attributes:
        cause: the named cause of a stopped segment (``cause``: ``model_call_failed`` / ``no_progress`` /
            ``segment_failed``, plus details), as written to ``run.json``'s ``failure``; None otherwise.
        transient: whether resuming later may succeed (the batch runner retries such jobs); None when unknown.

    Example:
        >>> str(SimulationError("segment day03 failed"))
        'segment day03 failed'
    """

    def __init__(self, message: str, *, cause: dict[str, Any] | None = None, transient: bool | None = None) -> None:
        super().__init__(message)
        self.cause = cause
        self.transient = transient


class SimulationInputError(SimulationError):
    """The simulation was given bad input: a damaged computer folder, a bad model config, a run folder that is a
    file, or a resume with other settings than the run was started with. Nothing was written.

    Example:
        >>> isinstance(SimulationInputError("--seed differs"), SimulationError)
        True
    """


class SimulationConfig(BaseModel):
    """What to simulate and where to write it.

    Attributes:
        computer_dir: a computer folder (``computer.json`` + ``computer.scdisk``).
        run_dir: the run folder (created).
        seed: seed of the run (scripted policies, the run's random state).
        days: simulated workdays.
        token_budget: max prompt tokens per worker call (the worker's bounded context).
        max_worker_turns: stop the run once the worker made this many model calls (None: no limit); a worker turn is
            one model call, so the run stops exactly at the cap.
        max_tokens: stop the run after this many tokens over all roles (None: no limit).
        max_turns_per_day: safety cap on agent turns in one day's segment.
        model_config_path: per-role model configuration file; None uses the offline scripted policy for every role.
        no_progress_timeout_s: a segment stops (resumable, cause ``no_progress``) when for this long no model call
            answered or failed and no tool ran; a slow but working model is never stopped by it.
        segment_timeout_s: optional hard wall-time limit of one segment (None: none).
        checkpoint_every: also checkpoint inside a day every this many worker turns (model calls of the worker), so
            a crash or a stopped segment redoes at most that many worker calls; 0: one checkpoint per day only. The
            run's outputs are the same for any value, and a resume may use another one.
        start_date: first day of the month; default the first workday after the computer's last file change.
        worker_policy: the scripted worker's variant when the worker runs on the offline policy: ``competent``
            (default), the graded baselines ``lazy``, ``sloppy``, ``random``, or an adversary (``WORKER_VARIANTS``)
            used to validate rewards.
        materialize: also write the end state as real files in ``final/`` (the run always stores it as
            ``final.delta.zip``; every reader works without ``final/``).

    Example:
        >>> cfg = SimulationConfig(computer_dir="out/c1", run_dir="out/run1", seed=3, days=5)
        >>> cfg.token_budget, cfg.model_config_path
        (16000, None)
    """

    model_config = ConfigDict(protected_namespaces=(), extra="forbid")

    computer_dir: Path
    run_dir: Path
    seed: int = 0
    days: int = Field(default=20, ge=1, le=60)
    token_budget: int = Field(default=16000, ge=2048)
    max_worker_turns: int | None = Field(default=None, ge=1)
    max_tokens: int | None = Field(default=None, ge=1)
    max_turns_per_day: int = Field(default=1000, ge=1)
    model_config_path: Path | None = None
    no_progress_timeout_s: float = Field(default=900.0, gt=0)
    segment_timeout_s: float | None = Field(default=None, gt=0)
    checkpoint_every: int = Field(default=25, ge=0)
    start_date: date | None = None
    worker_policy: str = "competent"
    materialize: bool = True

    @field_validator("worker_policy")
    @classmethod
    def _known_worker_policy(cls, value: str) -> str:
        if value not in WORKER_VARIANTS:
            raise ValueError(f"unknown worker policy {value!r}; expected one of {', '.join(WORKER_VARIANTS)}")
        return value


@dataclass(frozen=True)
class SimulationProgress:
    """A progress snapshot (sent to the ``progress`` callback every turn and after every segment).

    Example:
        >>> SimulationProgress("day03", 3, 20, 310, 12, 1, 12).worker_turns
        310
    """

    segment: str
    day: int
    days: int
    worker_turns: int
    messages: int
    deliverables_done: int
    deliverables_total: int
    finished: bool = False

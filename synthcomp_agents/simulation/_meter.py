"""The run's trajectory writer, also metering tokens (the token budget, ``run.json`` and checkpoints read it)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..models import TrajectoryWriter
from ._run_state import RunMeter

__all__ = ["MeteredTrajectoryWriter"]


class MeteredTrajectoryWriter(TrajectoryWriter):
    """A :class:`~synthcomp_agents.models.TrajectoryWriter` that sums the token usage of the calls it records.

    Example:
        >>> import os, tempfile
        >>> writer = MeteredTrajectoryWriter(os.path.join(tempfile.mkdtemp(), "trajectory.jsonl"))
        >>> _ = writer.record({"role": "worker", "usage": {"prompt_tokens": 120, "completion_tokens": 30}})
        >>> writer.meter(), writer.total_tokens, writer.worker_turns
        (RunMeter(prompt_tokens=120, completion_tokens=30, max_worker_prompt_tokens=120), 150, 1)
        >>> writer.close()
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path)
        self._prompt = 0
        self._completion = 0
        self._max_worker_prompt = 0

    def record(self, fields: Mapping[str, Any]) -> tuple[int, int]:
        out = super().record(fields)
        usage = fields.get("usage")
        if isinstance(usage, Mapping):
            prompt = int(usage.get("prompt_tokens") or 0)
            self._prompt += prompt
            self._completion += int(usage.get("completion_tokens") or 0)
            if fields.get("role") == "worker":
                self._max_worker_prompt = max(self._max_worker_prompt, prompt)
        return out

    def meter(self) -> RunMeter:
        """Tokens so far."""
        return RunMeter(
            prompt_tokens=self._prompt,
            completion_tokens=self._completion,
            max_worker_prompt_tokens=self._max_worker_prompt,
        )

    def load_meter(self, meter: RunMeter) -> None:
        """Continue from a checkpoint's meter."""
        self._prompt = meter.prompt_tokens
        self._completion = meter.completion_tokens
        self._max_worker_prompt = meter.max_worker_prompt_tokens

    @property
    def total_tokens(self) -> int:
        """Prompt + completion tokens so far."""
        return self._prompt + self._completion

    @property
    def worker_turns(self) -> int:
        """The worker's model calls so far."""
        return self.counters().get("worker", 0)

"""RunState: what a simulation checkpoint stores besides the disk (agents, world, meters, log offsets).

The simulation writes one :class:`RunState` per segment into :class:`~synthcomp_agents.simulation.CheckpointStore`
(as its JSON ``state``) and a resumed run continues from exactly that JSON. Version 1 also stored a random generator
that nothing read; loading a version-1 state drops it.

Example:
    >>> state = RunState(segment=0, label="start", seed=3, world={"world_id": "w"})
    >>> again = RunState.from_checkpoint(state.to_checkpoint())
    >>> again == state, again.stats.meter.prompt_tokens
    (True, 0)
    >>> RunState.from_checkpoint({"run_schema_version": 1, "segment": 0, "label": "start", "seed": 3,
    ...                           "agents": {}, "world": {}, "rng": [3, [1, 2], None],
    ...                           "stats": {"meter": {}, "chat_messages": 0, "stop_reason": None}}).schema_version
    2
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import to_jsonable_python

from ._checkpoint import CheckpointError, canonical_json

__all__ = [
    "RUN_STATE_SCHEMA_VERSION",
    "LogOffsets",
    "RunMeter",
    "RunState",
    "RunStats",
    "jsonable",
    "settings_mismatch",
]

RUN_STATE_SCHEMA_VERSION = 2


def jsonable(value: Any) -> Any:
    """A JSON round trip of ``value`` (what a checkpoint stores and a resumed run loads).

    Example:
        >>> jsonable({"b": (1, 2), "a": None})
        {'a': None, 'b': [1, 2]}
    """
    return json.loads(canonical_json(to_jsonable_python(value)))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RunMeter(_Model):
    """Tokens used so far, over every role (the token budget and ``run.json`` read them)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    max_worker_prompt_tokens: int = 0


class RunStats(_Model):
    """Counters of the run: token meter, chat messages so far, and why the run stopped (None: it goes on)."""

    meter: RunMeter = Field(default_factory=RunMeter)
    chat_messages: int = 0
    stop_reason: str | None = None


class LogOffsets(_Model):
    """Where the trajectory and ``events.jsonl`` ended at the checkpoint (a resume cuts them back there; the compact
    trajectory's offset is in compressed bytes, at a frame boundary)."""

    trajectory: dict[str, Any] = Field(default_factory=dict)
    events: dict[str, Any] = Field(default_factory=dict)


class RunState(_Model):
    """One checkpoint's state: segment number and label, seed, saved agent states, the world, stats, log offsets.

    Attributes:
        schema_version: :data:`RUN_STATE_SCHEMA_VERSION`.
        segment: segments done (0: the run was just set up).
        label: the last segment's label (``start``, ``plan``, ``day01``...).
        seed: the run's seed.
        agents: agent name -> AutoGen ``save_state()`` of every agent that ran so far.
        world: :meth:`World.to_state <synthcomp_agents.simulation.World.to_state>` (the disk is stored separately).
        stats: meters and the stop reason.
        offsets: the two logs' ends.
        settings: what the run was started with (seed, days, policies, model config digest, token budget); a
            resume with other settings is refused (:func:`settings_mismatch`). Empty in checkpoints written before
            it existed.
        partial: None for a checkpoint between segments; inside a segment (every ``checkpoint_every`` worker
            turns) what resumes it at the turn it was written: ``segment`` (the running segment's name), ``label``,
            ``team`` (the group chat's AutoGen ``save_state()``: every participant and its pending messages, the
            manager's thread and turn count), ``selector`` (the speaker selection's memory), ``emitted`` (ids of the
            chat messages already in ``events.jsonl``) and ``worker_turns`` (the worker's calls when it was
            written). ``agents`` and ``stats.chat_messages`` stay those of the segment's start.
    """

    schema_version: int = RUN_STATE_SCHEMA_VERSION
    segment: int = Field(ge=0)
    label: str
    seed: int
    agents: dict[str, Any] = Field(default_factory=dict)
    world: dict[str, Any]
    stats: RunStats = Field(default_factory=RunStats)
    offsets: LogOffsets = Field(default_factory=LogOffsets)
    settings: dict[str, Any] = Field(default_factory=dict)
    partial: dict[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Version 1 named the version ``run_schema_version`` and stored an unused ``rng``."""
        if isinstance(data, Mapping) and "run_schema_version" in data:
            old = dict(data)
            if old.pop("run_schema_version") != 1:
                raise ValueError(f"unknown run state version {data['run_schema_version']!r}")
            old.pop("rng", None)
            old["schema_version"] = RUN_STATE_SCHEMA_VERSION
            return old
        return data

    def to_checkpoint(self) -> dict[str, Any]:
        """The JSON-ready state a checkpoint stores."""
        data: dict[str, Any] = jsonable(self.model_dump(mode="json"))
        return data

    @classmethod
    def from_checkpoint(cls, data: Mapping[str, Any]) -> RunState:
        """The state a checkpoint stored (see :meth:`to_checkpoint`).

        Raises:
            CheckpointError: The state does not have this shape (or a newer schema version).
        """
        try:
            state = cls.model_validate(data)
        except ValidationError as exc:
            raise CheckpointError(f"the checkpoint's run state is not valid: {exc}") from None
        if state.schema_version != RUN_STATE_SCHEMA_VERSION:
            raise CheckpointError(
                f"the checkpoint's run state has schema_version {state.schema_version}; this version of the package "
                f"reads {RUN_STATE_SCHEMA_VERSION}"
            )
        return state


_SETTING_FLAGS = {
    "seed": "--seed",
    "days": "--days",
    "worker_policy": "--worker-policy",
    "token_budget": "--token-budget",
    "model_config": "--model-config (its content)",
}


def settings_mismatch(stored: Mapping[str, Any], wanted: Mapping[str, Any]) -> list[str]:
    """What differs between a run's stored settings and a resume's, in words (empty: they agree).

    Settings the checkpoint does not record (older checkpoints) are not compared.

    Example:
        >>> settings_mismatch({"seed": 0, "days": 2}, {"seed": 1, "days": 2})
        ['--seed: the run was started with 0, this command gives 1']
    """
    out: list[str] = []
    for key, value in wanted.items():
        if key not in stored or stored[key] == value:
            continue
        flag = _SETTING_FLAGS.get(key, key)
        if key == "model_config":
            was = (
                "no model config (offline)" if stored[key] is None else f"a config with digest {str(stored[key])[:12]}"
            )
            now = "no model config (offline)" if value is None else f"one with digest {str(value)[:12]}"
            out.append(f"{flag}: the run was started with {was}, this command gives {now}")
        else:
            out.append(f"{flag}: the run was started with {stored[key]}, this command gives {value}")
    return out

"""The deterministic speaker selection of the simulation's ``SelectorGroupChat``: decided every turn from state."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from autogen_agentchat.messages import BaseAgentEvent, BaseChatMessage

__all__ = ["SimulationSelector"]


class _Mail(Protocol):
    def pending_for(self, recipient: str) -> Sequence[Any]: ...


class _World(Protocol):
    @property
    def plan(self) -> Any: ...

    @property
    def mailbox(self) -> Any: ...


class SimulationSelector:
    """``selector_func`` that never defers to a model: objective-setter, then a collaborator with mail, else worker.

    Turns follow the simulated clock. The worker's turn is one model call (a tool call or a message), so the selector
    decides again after every call, whatever the worker said: mail the worker just sent is taken up by its
    collaborator at once, and the reply is scheduled in the mailbox for when it is due (sent time + the persona's
    responsiveness); it reaches the inbox when the clock passes that time (any tool call, ``wait``, or the next
    morning when it falls after the day's end). Nobody waits for the worker to stop calling tools.

    Every call decides:

    1. the objective-setter while the world has no plan;
    2. else the first collaborator (in name order) with unanswered mail addressed to it, unless it already had a
       turn with exactly that mail pending (then it chose not to answer; it is asked again when new mail arrives);
    3. else the worker.

    ``on_turn`` (if given) is called with the chosen name before the turn: the simulation flushes file events and
    progress there.

    Args:
        world: the simulation's World (``plan``, ``mailbox``).
        worker: the worker agent's name.
        collaborators: collaborator agent name -> e-mail address.
        objective_setter: the objective-setter's name (None when it is not a participant).
        on_turn: callback per decision.

    Example:
        >>> from types import SimpleNamespace
        >>> box = SimpleNamespace(pending_for=lambda a: ["<m1@x>"] if a == "dana@x.test" else [])
        >>> world = SimpleNamespace(plan=None, mailbox=box)
        >>> people = {"dana_lee": "dana@x.test"}
        >>> select = SimulationSelector(world, "worker", people, objective_setter="objective_setter")
        >>> select([])
        'objective_setter'
        >>> world.plan = "plan"
        >>> select([]), select([])
        ('dana_lee', 'worker')
    """

    def __init__(
        self,
        world: _World,
        worker: str,
        collaborators: Mapping[str, str],
        *,
        objective_setter: str | None = None,
        on_turn: Callable[[str], None] | None = None,
    ) -> None:
        self._world = world
        self._worker = worker
        self._collaborators = dict(sorted(collaborators.items()))
        self._setter = objective_setter
        self._on_turn = on_turn
        self._served: dict[str, tuple[str, ...]] = {}
        self._cache: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {}
        self.turns: dict[str, int] = {}

    def _pending(self, address: str) -> tuple[str, ...]:
        mailbox = self._world.mailbox
        version = _mail_version(mailbox)
        if version is not None:
            cached = self._cache.get(address)
            if cached is not None and cached[0] == version:
                return cached[1]
        out = tuple(str(getattr(item, "message_id", item)) for item in mailbox.pending_for(address))
        if version is not None:
            self._cache[address] = (version, out)
        return out

    def choose(self) -> str:
        """The next speaker (see the class docstring)."""
        if self._setter is not None and self._world.plan is None:
            return self._setter
        for name, address in self._collaborators.items():
            pending = self._pending(address)
            if pending and self._served.get(name) != pending:
                self._served[name] = pending
                return name
        return self._worker

    def save_state(self) -> dict[str, Any]:
        """What the selection remembers (which mail each collaborator was already asked about, turns so far)."""
        return {
            "served": {k: list(v) for k, v in sorted(self._served.items())},
            "turns": dict(sorted(self.turns.items())),
        }

    def load_state(self, state: Mapping[str, Any]) -> None:
        """Continue from :meth:`save_state` (a segment resumed from a checkpoint inside it)."""
        self._served = {str(k): tuple(str(i) for i in v) for k, v in dict(state.get("served") or {}).items()}
        self.turns = {str(k): int(v) for k, v in dict(state.get("turns") or {}).items()}

    def __call__(self, messages: Sequence[BaseAgentEvent | BaseChatMessage]) -> str:
        name = self.choose()
        self.turns[name] = self.turns.get(name, 0) + 1
        if self._on_turn is not None:
            self._on_turn(name)
        return name


def _mail_version(mailbox: Any) -> tuple[int, ...] | None:
    """A cheap fingerprint of what ``pending_for`` depends on (messages sent, answers recorded), or None.

    ``Mailbox.pending_for`` parses every recipient address of every message; asking it for each collaborator on
    every turn dominated a month's run time. Its answer only changes when a message is sent or marked answered.
    """
    index = getattr(mailbox, "_index", None)
    seq = getattr(mailbox, "_seq", None)
    if not isinstance(index, dict) or not isinstance(seq, int):
        return None
    answered = 0
    for summary in index.values():
        answered += len(getattr(summary, "answered_by", ()))
    return (seq, len(index), answered)

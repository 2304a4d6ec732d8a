"""The shared simulated world of one run: disk, clock, mailbox, blueprint, plan, collaborators and submissions.

Agents, tools and workbenches refer to a world by id (:func:`get_world`), so their component configs stay
serializable; the world itself is rebuilt from a checkpoint with :meth:`World.from_state`.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import threading
import weakref
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..computers import ComputerBlueprint
from ..disk import JournalEntry, VirtualDisk
from ..objectives import ObjectivePlan
from ._clock import SimClock
from ._mail import Mailbox

if TYPE_CHECKING:
    from ._persona import CollaboratorPersona

__all__ = [
    "DEFAULT_JOURNAL_PATH",
    "PLAN_DOCUMENT",
    "Submission",
    "World",
    "WorldError",
    "first_day_after",
    "get_world",
    "plan_document_path",
]

DEFAULT_JOURNAL_PATH = "Documents/Work Journal.md"
"""Where the worker's work journal lives on the disk (home-relative)."""

PLAN_DOCUMENT = "Month plan.md"
"""The file name of the month plan in full, beside the work journal (:func:`plan_document_path`)."""


def plan_document_path(journal_path: str) -> str:
    """Where the month plan in full lies on the disk (home-relative): beside the work journal.

    Example:
        >>> plan_document_path("Documents/Work Journal.md")
        'Documents/Month plan.md'
    """
    folder = journal_path.rpartition("/")[0]
    return f"{folder}/{PLAN_DOCUMENT}" if folder else PLAN_DOCUMENT


_lock = threading.RLock()
_worlds: weakref.WeakValueDictionary[str, World] = weakref.WeakValueDictionary()
_counter = itertools.count(1)


class WorldError(LookupError):
    """A world id is unknown, or a world operation is invalid."""


def get_world(world_id: str) -> World:
    """Return the live world registered under ``world_id``.

    Raises:
        WorldError: If no live world has that id (the message lists the live ids).

    Example:
        >>> get_world("no-such-world")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        synthcomp_agents.world._world.WorldError: no live world with id 'no-such-world' ...
    """
    with _lock:
        world = _worlds.get(world_id)
        if world is None:
            live = ", ".join(sorted(_worlds.keys())[:20]) or "none"
            raise WorldError(
                f"no live world with id {world_id!r} (live worlds: {live}); build the World first, then the agents "
                "and tools that refer to it"
            )
        return world


def first_day_after(disk: VirtualDisk) -> date:
    """The day after the disk's last file change: where a month on that computer starts by default.

    Example:
        >>> first_day_after(VirtualDisk(user="ana"))  # an empty disk
        datetime.date(2026, 1, 5)
    """
    latest = max((info.modified for info in disk.walk("")), default=None)
    if latest is None:
        return date(2026, 1, 5)
    return (latest + timedelta(days=1)).date()


@dataclass
class Submission:
    """A deliverable the worker submitted: where, its content hash, when, and the note it gave."""

    path: str
    sha256: str
    sim_time: datetime
    note: str = ""

    def to_state(self) -> dict[str, Any]:
        data = asdict(self)
        data["sim_time"] = self.sim_time.isoformat()
        return data

    @classmethod
    def from_state(cls, data: Mapping[str, Any]) -> Submission:
        values = dict(data)
        values["sim_time"] = datetime.fromisoformat(values["sim_time"])
        return cls(**values)


class World:
    """One run's simulated world, shared by the agents, the comm tools and the simulation workbench.

    The orchestrator moves days: after ``end_day`` was called (``day_ended``) it calls ``clock.end_day()`` and then
    :meth:`start_day`, which delivers the mail that arrived overnight and returns the morning kickoff text.

    Args:
        disk: the user's disk (its clock is set to ``clock``).
        clock: the simulated clock.
        mailbox: the user's mailbox on the disk.
        blueprint: the computer's blueprint (profile, collaborators, projects...).
        plan: the month's objectives, once written.
        collaborators: collaborator personas by identifier (default: built from the blueprint).
        world_id: registry id (default: derived from the computer id and a counter).
        journal_path: the worker's work journal on the disk.

    Example:
        >>> from datetime import date
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.simulation import Mailbox, SimClock
        >>> from synthcomp_agents.world import World
        >>> from synthcomp_agents.testing import demo_blueprint
        >>> disk = VirtualDisk(user="jonas")
        >>> clock = SimClock(date(2026, 4, 13), days=5)
        >>> bp = demo_blueprint()
        >>> world = World(disk, clock, Mailbox(disk, "Jonas Weber <jonas.weber@hollmann-components.de>", clock=clock),
        ...               bp, None, world_id="doc-world")
        >>> get_world("doc-world") is world, world.start_day().splitlines()[0]
        (True, 'Good morning, Jonas. It is Mon 13 Apr 2026, 09:00 (Europe/Berlin), workday 1 of 5.')
    """

    def __init__(
        self,
        disk: VirtualDisk,
        clock: SimClock,
        mailbox: Mailbox,
        blueprint: ComputerBlueprint,
        plan: ObjectivePlan | None = None,
        collaborators: Mapping[str, CollaboratorPersona] | None = None,
        world_id: str | None = None,
        *,
        journal_path: str = DEFAULT_JOURNAL_PATH,
    ) -> None:
        from ._persona import CollaboratorPersona

        self.disk = disk
        self.clock = clock
        self.mailbox = mailbox
        self.blueprint = blueprint
        self.plan = plan
        if collaborators is None:
            collaborators = {
                c.identifier: CollaboratorPersona.from_blueprint(c)
                for c in blueprint.collaboration_context.collaborators
            }
        self.collaborators: dict[str, CollaboratorPersona] = dict(collaborators)
        self.journal_path = journal_path
        self.submissions: dict[str, Submission] = {}
        self.day_ended = False
        self.day_summaries: list[str] = []
        self.journal_cursor = len(disk.journal())  # disk journal entries already written to events.jsonl
        disk.clock = clock
        if world_id is None:
            world_id = f"world-{blueprint.computer_id}-{next(_counter)}"
        self.world_id = world_id
        with _lock:
            other = _worlds.get(world_id)
            if other is not None and other is not self:
                raise WorldError(f"a world with id {world_id!r} is already live; pass another world_id")
            _worlds[world_id] = self

    @classmethod
    def open(
        cls,
        archive: str | os.PathLike[str],
        blueprint: ComputerBlueprint,
        *,
        days: int,
        start: date | None = None,
        plan: ObjectivePlan | None = None,
        world_id: str | None = None,
    ) -> World:
        """A new world over a fresh disk loaded from the computer's archive (the disk's id is ``<world_id>-disk``):
        the user's clock (``days`` workdays from ``start``, default :func:`first_day_after` the disk's last change,
        in the user's time zone), their mailbox, and the blueprint's collaborators. The simulation and the RL
        environment both open their worlds here.

        Example:
            >>> import os, tempfile
            >>> from synthcomp_agents.testing import demo_blueprint
            >>> disk = VirtualDisk(user="jonas")
            >>> _ = disk.write_text("Documents/notes.md", "# Notes")
            >>> archive = os.path.join(tempfile.mkdtemp(), "computer.scdisk")
            >>> disk.to_archive(archive)
            >>> world = World.open(archive, demo_blueprint(), days=3, start=date(2026, 4, 13), world_id="open-doc")
            >>> world.disk.read_text("Documents/notes.md"), world.clock.days, world.mailbox.owner
            ('# Notes', 3, 'jonas.weber@hollmann-components.de')
            >>> world.close(); world.disk.close()
        """
        if world_id is None:
            world_id = f"world-{blueprint.computer_id}-{next(_counter)}"
        disk = VirtualDisk.from_archive(archive, disk_id=f"{world_id}-disk")
        profile = blueprint.user_profile
        clock = SimClock(start or first_day_after(disk), tz=profile.time_zone, days=days)
        disk.clock = clock
        mailbox = Mailbox(disk, f"{profile.name} <{profile.email}>", clock=clock)
        return cls(disk, clock, mailbox, blueprint, plan, None, world_id)

    # -- people -----------------------------------------------------------------------------------------

    @property
    def owner(self) -> str:
        """The user's ``'Name <address>'``."""
        profile = self.blueprint.user_profile
        return f"{profile.name} <{profile.email}>"

    @property
    def user_name(self) -> str:
        """The user's full name."""
        return self.blueprint.user_profile.name

    def collaborator(self, who: str) -> CollaboratorPersona:
        """Find a collaborator by identifier, e-mail address, full name or first name (case-insensitive).

        Raises:
            WorldError: Unknown person; the message lists every collaborator with identifier and address.
        """
        key = who.strip().strip("<>").lower()
        if "<" in key and ">" in key:
            key = key.split("<", 1)[1].rstrip(">").strip()
        for persona in self.collaborators.values():
            if key in (persona.identifier.lower(), persona.email.lower(), persona.name.lower()):
                return persona
        firsts = [p for p in self.collaborators.values() if p.name.split()[0].lower() == key]
        if len(firsts) == 1:
            return firsts[0]
        raise WorldError(f"unknown collaborator {who!r}. Known collaborators: {self.directory()}")

    def directory(self) -> str:
        """One line per collaborator: identifier, name, role and address."""
        return "; ".join(
            f"{p.identifier} ({p.name}, {p.role}, {p.email})" for p in sorted(self.collaborators.values(), key=_ident)
        )

    def pending_collaborators(self) -> list[str]:
        """Identifiers of collaborators with mail they have not answered yet, in order of their oldest such mail."""
        waiting: list[tuple[datetime, str]] = []
        for persona in self.collaborators.values():
            pending = self.mailbox.pending_for(persona.email)
            if pending:
                waiting.append((pending[0].date, persona.identifier))
        return [ident for _, ident in sorted(waiting)]

    def next_event(self) -> datetime | None:
        """When something is next expected to happen to the user: the earliest mail due in the inbox or the start of
        a meeting they take part in (after now), or None."""
        now = self.clock.now
        times = [t for t in (self.mailbox.next_delivery(),) if t is not None and t > now]
        times += [m.start for m in self.mailbox.meetings_for(self.mailbox.owner, since=now) if m.start > now]
        return min(times, default=None)

    # -- days -------------------------------------------------------------------------------------------

    def drain_journal(self) -> list[JournalEntry]:
        """Disk journal entries not yet reported as file events, advancing the shared cursor (so the workbench and
        the simulation, which both report file changes, never report one twice)."""
        entries = self.disk.journal(self.journal_cursor)
        self.journal_cursor += len(entries)
        return entries

    def start_day(self) -> str:
        """Begin the current workday: clear ``day_ended``, deliver due mail, return the morning kickoff text."""
        self.day_ended = False
        self.mailbox.deliver_due(self.clock.now)
        clock = self.clock
        local = clock.local_now
        first = self.user_name.split()[0]
        unread = len(self.mailbox.inbox(unread_only=True))
        tz = self.blueprint.user_profile.time_zone
        lines = [
            f"Good morning, {first}. It is {local.strftime('%a %d %b %Y, %H:%M')} ({tz}), workday "
            f"{clock.day_index + 1} of {clock.days}.",
            f"You have {unread} unread message{'s' if unread != 1 else ''}. "
            f"Your work journal is ~/{self.journal_path}.",
        ]
        if self.plan is not None:
            open_items = [d for d in self.plan.deliverables() if d.deliverable_id not in self.submissions]
            due = [d for d in open_items if d.due_day <= clock.day_index + 1]
            lines.append(
                f"{len(self.submissions)} of {len(self.plan.deliverables())} deliverables submitted"
                + (f"; due or overdue: {', '.join(d.deliverable_id for d in due)}." if due else ".")
            )
        else:
            lines.append("No plan for the month yet.")
        lines.append("Work through your day; call end_day when your working day is over.")
        return "\n".join(lines)

    def end_day(self, summary: str) -> None:
        """Mark today's work as ended (the orchestrator then moves the clock to the next morning)."""
        self.day_ended = True
        self.day_summaries.append(f"{self.clock.today.isoformat()}: {summary.strip()[:500]}")
        if len(self.day_summaries) > 60:
            del self.day_summaries[:-60]

    def submit(self, deliverable_id: str, path: str, note: str = "") -> Submission:
        """Record a submission (the file must exist); resubmitting replaces the earlier one."""
        data = self.disk.read_bytes(path)
        submission = Submission(
            path=self.disk.resolve(path),
            sha256=hashlib.sha256(data).hexdigest(),
            sim_time=self.clock.now,
            note=note.strip()[:2000],
        )
        self.submissions[deliverable_id] = submission
        return submission

    @property
    def all_submitted(self) -> bool:
        """True when a plan exists and every deliverable of it was submitted."""
        return self.plan is not None and all(d.deliverable_id in self.submissions for d in self.plan.deliverables())

    # -- state ------------------------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """JSON-ready state: clock, mailbox index, plan, personas, submissions (the disk is saved separately)."""
        return {
            "world_id": self.world_id,
            "journal_path": self.journal_path,
            "clock": self.clock.to_state(),
            "mailbox": self.mailbox.to_state(),
            "plan": self.plan.model_dump(mode="json") if self.plan is not None else None,
            "collaborators": {k: v.model_dump(mode="json") for k, v in sorted(self.collaborators.items())},
            "submissions": {k: v.to_state() for k, v in sorted(self.submissions.items())},
            "day_ended": self.day_ended,
            "day_summaries": list(self.day_summaries),
        }

    @classmethod
    def from_state(
        cls, state: Mapping[str, Any], *, disk: VirtualDisk, blueprint: ComputerBlueprint, world_id: str | None = None
    ) -> World:
        """Rebuild a world saved with :meth:`to_state` over ``disk`` (restored from the same checkpoint).

        A live world with the saved id is replaced (after a crash the old objects must not be reused).
        """
        from ._persona import CollaboratorPersona

        clock = SimClock.from_state(state["clock"])
        mailbox = Mailbox.from_state(disk, state["mailbox"], clock=clock)
        plan = ObjectivePlan.model_validate(state["plan"]) if state.get("plan") else None
        personas = {k: CollaboratorPersona.model_validate(v) for k, v in state["collaborators"].items()}
        wid = world_id or str(state["world_id"])
        with _lock:
            _worlds.pop(wid, None)
        world = cls(disk, clock, mailbox, blueprint, plan, personas, wid, journal_path=state["journal_path"])
        world.submissions = {k: Submission.from_state(v) for k, v in state["submissions"].items()}
        world.day_ended = bool(state["day_ended"])
        world.day_summaries = list(state.get("day_summaries", []))
        return world

    def close(self) -> None:
        """Unregister the world (agents and tools referring to it by id stop resolving)."""
        with _lock:
            if _worlds.get(self.world_id) is self:
                del _worlds[self.world_id]

    def __repr__(self) -> str:
        return f"World(id={self.world_id!r}, clock={self.clock!r}, submissions={len(self.submissions)})"


def _ident(persona: CollaboratorPersona) -> str:
    return persona.identifier
